"""ACCEL beyond A_d: the exact two-layer engines, the integer Gram bound, the families, `accel --family`."""

from __future__ import annotations

import json
import signal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checker import lifetime
from checker.analysis import accel_families as AF
from checker.analysis.accel_counts import counts, large_gamma_exponent
from checker.analysis.accel_table import loglog_slope
from checker.cli import main
from checker.data import sparse_families as F
from checker.data.accel_family import accel_dataset, gram_lower_bound, quarter_root_dyadic
from checker.data.dataset import from_rows
from checker.data.sparse_dataset import from_dataset
from checker.data.strategies import separable_datasets
from checker.engines import exact_two_layer as E
from checker.engines import reduced as R
from checker.engines.model_engines import generalized_perceptron
from checker.errors import InputError
from checker.models.numeric import build


def _gram_reference(ds) -> int:
    """The lambda argument in Fractions, entry by entry: the definition the integer version must equal."""
    rows = ds.signed_rows()
    best = 1
    for rj in rows:
        ks = [sum(a * b for a, b in zip(rj, ri)) for ri in rows]
        pos, neg = sum(k for k in ks if k > 0), -sum(k for k in ks if k < 0)
        t = 1
        while not (2 * t - 1) * pos > neg:
            t += 1
        best = max(best, t)
    return best


@settings(max_examples=60)
@given(separable_datasets(max_n=8, max_d=4), st.sampled_from([Fraction(1), Fraction(3, 2), Fraction(5)]))
def test_fast_engines_take_the_generic_engines_steps(ds, gamma):
    d = ds.d
    for fast, name, theta0 in ((E.single_unit_gp, "single-unit", [0] * d + [1]),
                               (E.diagonal_gp, "diagonal", [0] * d + [1] * d)):
        ours = fast(ds, gamma, 60)
        ref = generalized_perceptron(build(name, d), ds, theta0, gamma, 60)
        if ref.stopped and "cycle" in ref.stopped:
            assert ours.iterations is None  # the fast engine does not look for cycles: it runs to max_iter
            continue
        assert ours.iterations == ref.iterations, (name, ref.stopped, ours.stopped)
        assert ours.separated == ref.separated
        if ref.iterations is not None:
            assert ours.degenerate == ref.degenerate, name
        assert ("stalled" in (ours.stopped or "")) == ("stall" in (ref.stopped or "")), (ours.stopped, ref.stopped)


@pytest.mark.parametrize("d", [16, 33, 64])
def test_fast_engines_match_the_reduced_dynamics_on_a_d(d):
    g = quarter_root_dyadic(d)
    ds = accel_dataset(d)
    assert E.single_unit_gp(ds, g, 16 * d).iterations == R.single_unit_gp(d, 1, g).iterations
    assert E.diagonal_gp(ds, g, 16 * d).iterations == R.diagonal_gp(d, 1, g).iterations


@settings(max_examples=80)
@given(separable_datasets(max_n=8, max_d=4, denominators=(1, 3, 7)))
def test_integer_gram_bound_equals_the_fraction_definition(ds):
    assert gram_lower_bound(ds) == _gram_reference(ds)


def test_gram_bound_on_huge_entries_uses_python_integers():
    big = 2**40
    ds = accel_dataset(8)
    scaled = from_rows([[v * big for v in row] for row in ds.X], ds.y)
    assert gram_lower_bound(scaled) == gram_lower_bound(ds) == _gram_reference(ds)


def test_digit_resolutions_are_shaped_as_stated():
    for d in (16, 64, 256):
        dig = AF.digits_at(d, 0, 1)
        assert dig.d == d and dig.n == AF.digits_at(64, 0, 1).n
    # replication keeps every pixel: the 256-pixel image's 2x2 block (0, 0) is pixel (0, 0) four times
    base, rep = AF.digits_at(64, 0, 1), AF.digits_at(256, 0, 1)
    assert rep.X[0][0] == rep.X[0][1] == rep.X[0][16] == rep.X[0][17] == base.X[0][0]


def test_every_family_member_exists_where_the_study_asks_for_it():
    for name, fam in AF.FAMILIES.items():
        tasks = AF.tasks(name, 2**16)
        assert {t[3] for t in tasks} == set(fam.d_values)
        for _, _, params, d, _ in tasks[:: max(1, len(tasks) // 12)]:
            if d <= 128 and name != "digits":  # the digits: test_digit_resolutions_are_shaped_as_stated
                sds = AF.dataset(name, d, params)
                assert sds.d == d and sds.n >= 2


def test_rotated_family_gives_exactly_a_ds_counts_and_the_cli_says_so(capsys, tmp_path):
    out = tmp_path / "f.json"
    assert main(["accel", "--family", "rotated", "--d-max", "32", "--jobs", "2", "--json", str(out)]) == 0
    text = capsys.readouterr().out
    assert "take exactly A_d's counts on every rotated copy: yes" in text
    study = json.loads(out.read_text())
    assert study["same_as_A_d"] and {r["d"] for r in study["rows"]} == {16, 32}
    assert all(r["bp"] == R.batch_perceptron(r["d"]).iterations for r in study["rows"])
    assert study["slopes"]["bp"]["variants"] == 3 and study["fit_range"] == [16, 32]
    # the Gram bound holds for BP and for LR+GD at any step size, on every data set
    assert all(r["bp"] >= r["gram"] for r in study["rows"])
    assert all(r["lr-gd-large"] in (None, r["bp"]) for r in study["rows"])


def test_family_options_are_checked(capsys):
    for d_max in ("16", "8"):  # below A_d's default --d-min too: the family's own message, not A_d's
        assert main(["accel", "--family", "digits", "--d-max", d_max]) == 2
        assert "fewer than two dimensions" in capsys.readouterr().err
    assert main(["accel", "--family", "nope"]) == 2
    assert main(["accel", "--family", "rare", "--jobs", "0"]) == 2
    with pytest.raises(InputError):
        AF.study("nope")


def test_variants_select_rows_and_slopes(capsys, tmp_path):
    out = tmp_path / "f.json"
    assert main(["accel", "--family", "rare", "--d-max", "128", "--variants", "k=1,k=2", "--jobs", "1",
                 "--json", str(out)]) == 0
    study = json.loads(out.read_text())
    assert study["variants"] == ["k=1", "k=2"] and {r["variant"] for r in study["rows"]} == {"k=1", "k=2"}
    assert study["slopes"]["gram"]["variants"] == 2
    assert [r["bp"] for r in study["rows"] if r["variant"] == "k=1"] == \
        [R.batch_perceptron(d).iterations for d in (32, 64, 128)]
    for argv in (["--family", "rare", "--variants", "k=3"], ["--variants", "k=1"]):
        assert main(["accel", *argv]) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "--variants" in err


def test_slopes_are_least_squares_and_skip_missing_counts():
    assert loglog_slope({16: 4, 64: 16, 256: 64}) == pytest.approx(1.0)
    assert loglog_slope({16: 4, 64: 8, 256: None}, skip_missing=True) == pytest.approx(0.5)
    assert loglog_slope({16: 4, 64: 8, 256: None}) is None  # the A_d table wants every count
    assert loglog_slope({16: 4, 64: "stalled"}, skip_missing=True) is None
    rows = [{"variant": "a", "d": d, "bp": d // 4, "su-q": t} for d, t in ((1024, 10), (4096, 20), (16384, "> 9"))]
    slopes = AF._slopes(rows, (("a", None),), 1024, 16384)
    assert slopes["bp"]["mean"] == pytest.approx(1.0) and slopes["su-q"] is None  # a capped count: no slope


def test_a_degenerate_run_is_marked_not_hidden():
    """Four rare positives at d = 32: BP's path meets a margin exactly 0 (t = 4) and takes 10 steps; the row says
    so, and LR+GD's large-step limit is then not determined by BP (no count)."""
    out = counts(F.rare(32, 4))
    assert out["degenerate"] == ["bp"]
    assert (out["bp"], out["gram"], out["lr-gd-large"]) == (10, 4, None)


def test_lr_gd_at_large_gamma_is_bps_count_from_the_certified_exponent():
    sds = F.rare(64, 2)  # BP meets no tie here
    out = counts(sds, relu=False)
    assert out["lr-gd-large"] == out["bp"] == 11 and "bp" not in out["degenerate"]
    assert out["lr-gd-large-k"] is not None and out["lr-gd-large-k"] >= 1


def test_capped_runs_are_reported_as_such():
    sds = from_dataset(AF.digits_at(16, 3, 8))
    out = counts(sds, bp_max_iter=400, relu=False)
    for key in ("su-q", "diag-q"):
        assert isinstance(out[key], int) or out[key] in ("stalled", f"> {out['cap']}")
    assert large_gamma_exponent(Fraction(1, 4), Fraction(1), 3) == 2  # exp(12.5) >= 2 * 3 * 1/(1/4) = 24 > exp(1.25)


def _sigterm_is_default(_task):
    return signal.getsignal(signal.SIGTERM) is signal.SIG_DFL


def test_pool_workers_end_silently_on_the_sigterm_that_stops_the_pool(monkeypatch):
    # the pool is stopped with SIGTERM; a worker that inherited gdpc's handler raised Interrupted and printed a
    # traceback (about one run in two of `gdpc accel --family rotated --d-max 32`)
    monkeypatch.setattr(AF, "_row", _sigterm_is_default)
    work = [("v", "m", None, d) for d in (8, 16, 32)]
    with lifetime.signals_end_the_run():
        assert AF.run_rows(work, jobs=2) == [True, True, True]
