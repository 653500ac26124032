"""`gdpc accel --data FILE`: the proof's hypotheses along the actual run, the bound where they hold, bad input.

Expected values are computed independently: A_d's phase-1 length from its closed form
(`claims.accel._phase_one_prediction`), its count from the reduced dynamics, its bound
from `accel_bound.evaluate` (what `gdpc verify --claim ACCEL` checks).
"""

from __future__ import annotations

import json
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.analysis import accel_bound
from checker.analysis.accel_hypotheses import check
from checker.claims.accel import _phase_one_prediction
from checker.cli import main
from checker.data import dataset, digits
from checker.data import sparse_families as F
from checker.data.accel_family import quarter_root_dyadic
from checker.engines import reduced as R


def _run(tmp_path, capsys, ds, *extra):
    path = tmp_path / "data.csv"
    dataset.to_csv(ds, str(path))
    code = main(["accel", "--data", str(path), "--json", *extra])
    return code, json.loads(capsys.readouterr().out)


def test_on_a_d_every_hypothesis_holds_and_the_bound_is_the_claims(tmp_path, capsys):
    d = 256
    q = quarter_root_dyadic(d)
    code, out = _run(tmp_path, capsys, F.accel(d).to_dataset())
    assert code == 0 and all(c["holds"] for c in out["checks"])
    at_q = out["hypotheses"]["d^(1/4)"]
    assert [h["name"] for h in at_q["hypotheses"]] == ["exact", "H0", "H0'", "P1", "H1", "H2", "H3"]
    assert all(h["holds"] for h in at_q["hypotheses"]) and at_q["first_failure"] is None
    count = R.single_unit_gp(d, 1, q).iterations
    assert at_q["count"] == out["counts"]["su-q"] == count
    p1 = next(h for h in at_q["hypotheses"] if h["name"] == "P1")
    assert p1["step"] == _phase_one_prediction(d, q)[0]  # the catapult where the closed form puts it
    closed = accel_bound.evaluate(d, q)
    assert out["a_d"]["applies"] and out["a_d"]["T_bar_float"] == float(closed["bound"])
    assert closed["lower"] <= count <= closed["bound"]
    # the run's own T_bar uses the same argument before the closed form's estimates: it is the smaller one
    assert count <= at_q["bound"]["T_bar"] <= float(closed["bound"])
    assert out["counts"]["gram"] == out["counts"]["bp"] == d // 4 + 1


def test_below_256_the_claim_does_not_apply_and_h0_fails_at_the_first_step(tmp_path, capsys):
    code, out = _run(tmp_path, capsys, F.accel(64).to_dataset())
    assert code == 0 and not out["a_d"]["applies"] and "H0: sigma > 3/2" in out["a_d"]["failed"]
    assert out["hypotheses"]["d^(1/4)"]["first_failure"]["name"] == "H0"
    assert out["hypotheses"]["d^(1/4)"]["first_failure"]["step"] == 1


def test_a_noisy_member_and_the_digits_say_which_hypothesis_fails(tmp_path, capsys):
    code, out = _run(tmp_path, capsys, F.noisy(256, Fraction(2), 0).to_dataset())
    assert code == 0 and "a_d" not in out
    fail = out["hypotheses"]["d^(1/4)"]["first_failure"]
    assert (fail["name"], fail["step"]) == ("H0", 1)  # |alpha_1| < 1: no catapult at this noise
    assert out["hypotheses"]["d^(1/4)"]["bound"] is None
    code, out = _run(tmp_path, capsys, digits.pair(0, 1))
    assert code == 0 and out["counts"]["gram"] == 2
    assert all(h["first_failure"]["name"] == "H0" for h in out["hypotheses"].values())
    code, out = _run(tmp_path, capsys, F.rare(128, 8).to_dataset())
    h3 = out["hypotheses"]["d^(1/4)"]
    assert h3["first_failure"]["name"] == "H3" and "outside R turn wrong" in h3["first_failure"]["detail"]


def test_the_text_names_each_hypothesis_and_the_bound(tmp_path, capsys):
    path = tmp_path / "a.csv"
    dataset.to_csv(F.accel(256).to_dataset(), str(path))
    assert main(["accel", "--data", str(path)]) == 0
    text = capsys.readouterr().out
    assert "[holds] H2 (t = 43)" in text and "all hold: count 50 <= T_bar" in text
    assert "ACCEL's closed form applies" in text and "[ok] T_low <= count <= T_bar" in text


def test_non_separable_data_is_a_one_line_input_error(tmp_path, capsys):
    path = tmp_path / "x.csv"
    path.write_text("1,1,1\n-1,-1,1\n1,-1,-1\n-1,1,-1\n")  # XOR
    assert main(["accel", "--data", str(path)]) == 2
    err = capsys.readouterr().err
    assert "not linearly separable" in err and err.count("\n") == 1


def test_data_separated_at_the_first_step_has_no_phases(tmp_path, capsys):
    path = tmp_path / "s.csv"
    path.write_text("1,1,1\n-1,1,1\n1,-1,-1\n-1,-1,-1\n")
    assert main(["accel", "--data", str(path), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["counts"]["bp"] == 1 and out["hypotheses"]["d^(1/4)"]["first_failure"]["name"] == "H0"


def test_bad_files_and_option_clashes_are_one_line(tmp_path, capsys):
    ragged = tmp_path / "r.csv"
    ragged.write_text("1,2,1\n3,-1\n")
    for argv in (["--data", str(ragged)], ["--data", str(tmp_path / "none.csv")],
                 ["--data", str(ragged), "--family", "rare"]):
        assert main(["accel", *argv]) == 2
        err = capsys.readouterr().err
        assert err.startswith("gdpc: error:") and err.count("\n") == 1


@settings(max_examples=8)
@given(st.sampled_from([(128, 2), (256, 2), (256, 4), (256, 8)]), st.integers(0, 50),
       st.sampled_from([Fraction(1), Fraction(2)]))
def test_wherever_every_hypothesis_holds_the_count_is_within_the_bound(member, seed, factor):
    """The general-data bound is a theorem under its hypotheses: on noisy and rare members at several step sizes,
    a run on which all of them hold never needs more than T_bar steps."""
    d, k = member
    sds = F.noisy(d, Fraction(k, 8), seed) if seed % 2 else F.rare(d, k)
    out = check(sds, quarter_root_dyadic(d) * factor, 4 * d)
    if out["all_hold"]:
        assert out["count"] <= out["bound"]["T_bar"]
        assert out["bound"]["K1"] <= out["bound"]["K1_bar"] and out["bound"]["K2"] <= out["bound"]["K2_bar"]
    else:
        assert out["first_failure"] is not None and out["bound"] is None


def test_dataset_writes_the_families_members_exactly(tmp_path, capsys):
    for argv, member in ((["accel-noisy", "--d", "40", "--c", "2", "--seed", "3"], F.noisy(40, Fraction(2), 3)),
                         (["accel-rare", "--d", "40", "--k", "3"], F.rare(40, 3)),
                         (["planted", "--d", "40", "--s", "3", "--m", "2", "--seed", "1"], F.planted(40, 3, 2, 1))):
        path = tmp_path / f"{argv[0]}.csv"
        assert main(["dataset", *argv, "--out", str(path)]) == 0
        loaded = dataset.load(str(path))
        assert (loaded.X, loaded.y) == (member.to_dataset().X, member.to_dataset().y)
    capsys.readouterr()
    assert main(["dataset", "accel-noisy", "--d", "8", "--out", str(tmp_path / "x.csv")]) == 2
    assert "d >= 18" in capsys.readouterr().err


@pytest.mark.slow
def test_on_a_d_to_2048_every_hypothesis_holds_and_the_bound_is_the_claims(tmp_path, capsys):
    """d >= 256: every hypothesis holds along the run and the closed form's bound is the one `gdpc verify --claim
    ACCEL` evaluates (accel_bound.evaluate); the run's own T_bar lies between the count and it."""
    for d in (1024, 2048):  # 4096: 16.7 million entries, past the data files' limit of 10^7
        q = quarter_root_dyadic(d)
        code, out = _run(tmp_path, capsys, F.accel(d).to_dataset())
        at_q = out["hypotheses"]["d^(1/4)"]
        assert code == 0 and at_q["first_failure"] is None and all(h["holds"] for h in at_q["hypotheses"])
        closed = accel_bound.evaluate(d, q)
        count = R.single_unit_gp(d, 1, q).iterations
        assert at_q["count"] == count and out["a_d"]["applies"]
        assert out["a_d"]["T_bar_float"] == float(closed["bound"])
        assert closed["lower"] <= count <= at_q["bound"]["T_bar"] <= closed["bound"]


@pytest.mark.slow
def test_a_noisy_member_at_1024_keeps_every_hypothesis_at_small_and_large_noise(tmp_path, capsys):
    """Noise c/sqrt(d) at d = 1024: at c = 1/8, 1/2 and 2 every hypothesis holds at gamma = d^(1/4) and the count is
    within the run's own bound (the proof's picture survives this noise here; at d = 256, c = 2, H0 fails)."""
    for c in (Fraction(1, 8), Fraction(1, 2), Fraction(2)):
        code, out = _run(tmp_path, capsys, F.noisy(1024, c, 0).to_dataset())
        at_q = out["hypotheses"]["d^(1/4)"]
        assert code == 0 and "a_d" not in out and at_q["first_failure"] is None
        assert at_q["count"] == out["counts"]["su-q"] <= at_q["bound"]["T_bar"]
