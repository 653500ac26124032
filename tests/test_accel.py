"""ACCEL: A_d, the reduced dynamics against full-dimensional runs, the table, the CLI, the derivation."""

import json
import math
import os
import shutil
import subprocess
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from checker.analysis import accel_table as T
from checker.arith import Undecided
from checker.cli import main
from checker.data.accel_family import (
    accel_dataset,
    bp_count,
    gram_lower_bound,
    linear_lower_bound,
    quarter_root_dyadic,
    sqrt_dyadic,
)
from checker.data.named import bp_lower, mixed_small, random_integer_separable
from checker.engines import perceptron
from checker.engines import reduced as R
from checker.engines.linear_gd import gd_linear
from checker.engines.model_engines import gd, generalized_perceptron
from checker.errors import InputError
from checker.models import numeric, symbolic

from . import reference_gp


def test_accel_dataset_is_exact_and_shaped():
    ds = accel_dataset(6, Fraction(3, 2))
    assert (ds.n, ds.d) == (5, 6) and ds.y == (1, -1, -1, -1, -1)
    assert ds.X[0] == (Fraction(3, 2), 1, 0, 0, 0, 0) and ds.X[4] == (Fraction(3, 2), 0, 0, 0, 0, 1)


@pytest.mark.parametrize("d,c", [(3, 1), (4, Fraction(1, 2)), (10, 0), (10, -1)])
def test_accel_dataset_rejects_degenerate_parameters(d, c):
    with pytest.raises(InputError):
        accel_dataset(d, c)


def test_quarter_root_is_the_floor_dyadic():
    for d in (16, 256, 1000, 2 ** 20 + 1):
        g = quarter_root_dyadic(d)
        assert g.denominator <= 2 ** 20 and g ** 4 <= d < (g + Fraction(1, 2 ** 20)) ** 4
    assert quarter_root_dyadic(256) == 4
    s = sqrt_dyadic(Fraction(7, 3))
    assert s * s <= Fraction(7, 3) < (s + Fraction(1, 2 ** 20)) ** 2


@pytest.mark.parametrize("c", [Fraction(1), Fraction(3, 4), Fraction(3, 2), Fraction(2)])
def test_bp_closed_form_matches_the_reduced_run_and_the_lambda_bound(c):
    for d in range(6, 300):
        if c * c * (d - 3) <= 1:
            continue
        run = R.batch_perceptron(d, c)
        closed = bp_count(d, c)
        assert closed is None or (run.iterations, run.degenerate) == closed, d
        assert run.iterations >= linear_lower_bound(d, c)
    assert c != 2 or bp_count(6, c) is None  # the negatives turn wrong there: no closed form
    # c = 1: exactly floor(d/4) + 1, degenerate exactly when 4 | d
    assert all(bp_count(d) == (d // 4 + 1, d % 4 == 0) for d in range(6, 500))


def test_gram_bound_on_a_d_is_the_lambda_bound():
    for d in (6, 7, 16, 33):
        for c in (1, Fraction(3, 2)):
            assert gram_lower_bound(accel_dataset(d, c)) == linear_lower_bound(d, c)


SMALL = [(8, 1), (13, 1), (16, 1), (20, Fraction(3, 2)), (12, Fraction(3, 4))]


@pytest.mark.parametrize("d,c", SMALL)
def test_reduced_linear_methods_match_full_dimensional_runs(d, c):
    ds = accel_dataset(d, c)
    for algo, reduced in (("batch-perceptron", R.batch_perceptron), ("perceptron", R.perceptron)):
        full = perceptron.run(ds, algo)
        red = reduced(d, c)
        assert (red.iterations, red.degenerate) == (full.iterations, full.degenerate), algo
    for eta in (1, 10, 100):
        assert R.lr_gd(d, c, eta).iterations == gd_linear(ds, eta, max_iter=64 * d).iterations


@pytest.mark.parametrize("d,c", SMALL)
def test_reduced_nonlinear_models_match_full_dimensional_runs(d, c):
    ds = accel_dataset(d, c)
    for gamma in (Fraction(1), quarter_root_dyadic(d), Fraction(7, 2)):
        red = R.single_unit_gp(d, c, gamma)
        su = numeric.build("single-unit", d)
        full = generalized_perceptron(su, ds, [0] * d + [1], gamma, 16 * d)
        assert (red.iterations, red.degenerate) == (full.iterations, full.degenerate)
        red_gd = R.single_unit_gd(d, c, gamma, 100)
        try:
            full_gd = gd(su, ds, [0] * d + [100], gamma, 16 * d, dps=30).iterations
        except Undecided:  # a margin whose sign no precision decides: both engines must say so
            full_gd = None
            assert "undecided" in red_gd.note
        assert red_gd.iterations == full_gd
        # the diagonal network in full dimension, u = 0, v = 1
        generic = generalized_perceptron(numeric.build("diagonal", d), ds, [0] * d + [1] * d, gamma, max_iter=16 * d)
        assert R.diagonal_gp(d, c, gamma).iterations == generic.iterations


@pytest.mark.parametrize("name", ["single-unit", "diagonal", "relu", "linear-network"])
def test_gp_engine_matches_the_sympy_transcription_step_by_step(name):
    for ds in (mixed_small(), bp_lower(11), random_integer_separable(12, 3, seed=1)):
        fam = numeric.build(name, ds.d, 2)
        sym = symbolic.build(name, ds.d, 2)
        theta0 = ([Fraction(k - 1, 3) for k in range(ds.d)] + [Fraction(1)] if name == "single-unit"
                  else numeric.initial_parameters(fam, 4))
        for gamma in (1, Fraction(5, 2)):
            ours = generalized_perceptron(fam, ds, theta0, gamma, 40)
            ref = reference_gp.run(sym, ds, theta0, gamma, 40)
            assert [(s.theta, s.mistakes, s.ties) for s in ours.steps] == ref[: len(ours.steps)]


def test_table_slopes_and_criteria_on_a_short_range():
    rows = T.build_rows(T.dims(16, 4096), full_check_max=32)
    checks = {c["name"]: c for c in T.verdict(rows)}
    assert all(c["holds"] for c in checks.values()), checks
    assert sum(len(r.full_check) for r in rows) == 2 * 9
    bp = T.slope(rows, "bp", 256, 4096)
    su = T.slope(rows, "su-gp-q", 256, 4096)
    assert 0.98 < bp < 1.02 and 0.4 < su < 0.6
    # every linear batch/GD count respects the lambda bound; the classical Perceptron does not need to
    assert all(r.counts["perceptron"].iterations == 5 for r in rows)


def test_verdict_fails_when_a_slope_leaves_its_band():
    rows = T.build_rows(T.dims(256, 4096), keys=("bp", "su-gp-q"))
    for r in rows:  # pretend the two-layer count grew linearly
        r.counts["su-gp-q"] = R.ReducedRun("x", r.d // 4 + 1, False, "exact")
    bad = [c for c in T.verdict(rows) if not c["holds"]]
    assert [c["name"] for c in bad] == ["log-log slope of su-gp-q"]


def test_first_phase_length_matches_the_closed_form():
    from checker.claims.accel import _phase_one_prediction

    for d in (128, 256, 1024, 4096):
        g = quarter_root_dyadic(d)
        run = R.single_unit_gp(d, 1, g)
        assert run.steps[1][1:] == (-1, 1)  # rare wrong, negatives right
        assert run.steps[2][0] == _phase_one_prediction(d, g)[0]


@given(st.integers(6, 400), st.sampled_from([Fraction(1), Fraction(3, 2), Fraction(2)]))
def test_reduced_bp_counts_never_beat_the_gram_bound(d, c):
    assert R.batch_perceptron(d, c).iterations >= linear_lower_bound(d, c)
    assert R.lr_gd(d, c, 100).iterations >= linear_lower_bound(d, c)


def test_noise_lowers_the_linear_count_and_the_gram_bound_still_holds():
    rows = T.noise_study(32, [0, Fraction(1, 16), Fraction(1, 4)])
    assert all(r["bp"] >= r["gram_lower_bound"] for r in rows)
    assert rows[0]["bp"] > rows[-1]["bp"]


# -- CLI ---------------------------------------------------------------------------
def test_cli_dataset_then_run_matches_accel_for_d_256(tmp_path, capsys):
    path = str(tmp_path / "a256.csv")
    assert main(["dataset", "accel", "--d", "256", "--out", path]) == 0
    capsys.readouterr()
    assert main(["accel", "--d-min", "256", "--d-max", "256", "--full-check", "0", "--json"]) == 4  # range too short
    table = json.loads(capsys.readouterr().out)
    counts = table["rows"][0]["counts"]
    gamma = table["rows"][0]["gamma_d^(1/4)"]

    def run(*argv):
        assert main(["run", "--data", path, *argv, "--json"]) == 0
        return json.loads(capsys.readouterr().out)["iterations"]

    assert run("--algo", "batch-perceptron") == counts["bp"]
    assert run("--algo", "perceptron") == counts["perceptron"]
    assert run("--algo", "gd", "--gamma", "100") == counts["lr-gd-100"]
    assert run("--algo", "generalized-perceptron", "--model", "single-unit", "--gamma", gamma) == counts["su-gp-q"]
    assert run("--algo", "generalized-perceptron", "--model", "single-unit", "--gamma", "1") == counts["su-gp-1"]
    assert run("--algo", "gd", "--model", "single-unit", "--gamma", gamma, "--init-scale", "100") == counts["su-gd-q"]


@pytest.mark.slow  # end to end at d = 1024: written, read back and run exactly (d = 256 stays in the default tier)
def test_cli_d_1024_single_unit_and_bp_match_the_table(tmp_path, capsys):
    path = str(tmp_path / "a1024.csv")
    assert main(["dataset", "accel", "--d", "1024", "--out", path]) == 0
    capsys.readouterr()
    gamma = str(quarter_root_dyadic(1024))
    assert main(["run", "--data", path, "--algo", "batch-perceptron", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["iterations"] == R.batch_perceptron(1024).iterations == 257
    assert main(["run", "--data", path, "--algo", "generalized-perceptron", "--model", "single-unit",
                 "--gamma", gamma, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["iterations"] == R.single_unit_gp(1024, 1, Fraction(gamma)).iterations == 88


def test_cli_accel_text_and_exit_code(capsys):
    assert main(["accel", "--d-min", "16", "--d-max", "1024"]) == 0
    out = capsys.readouterr().out
    assert "slope" in out and "[ok] log-log slope of su-gp-q" in out and "FAIL" not in out


def test_a_fit_range_too_short_is_said_so_not_failed(capsys):
    # d = 256..512: two points fit any line; the slope is neither a pass nor a failure (exit 4, not 0 and not 1)
    assert main(["accel", "--d-max", "512", "--full-check", "0"]) == 4
    out = capsys.readouterr().out
    assert "FAIL" not in out and "[ok] log-log slope" not in out
    assert "[too short] log-log slope of bp: the fit range d = 256..512 is too short to judge a slope " \
           "(give --d-max 1024 or more); measured 0.98" in out
    rows = T.build_rows(T.dims(256, 512), keys=("bp", "su-gp-q"))
    assert [c["holds"] for c in T.verdict(rows)][-2:] == [None, None]


@pytest.mark.parametrize("argv", [
    ["dataset", "accel", "--d", "3", "--out", "x.csv"],
    ["dataset", "accel", "--d", "8", "--c", "abc", "--out", "x.csv"],
    ["accel", "--d-min", "64", "--d-max", "32"],
    ["accel", "--d-max", "64", "--c", "1/10"],
])
def test_cli_accel_bad_input_is_one_line(argv, capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("gdpc: error:") and err.count("\n") == 1
    assert not os.path.exists(tmp_path / "x.csv")


# -- derivation -----------------------------------------------------------------------
def test_accel_derivation_is_proved_and_its_latex_compiles(tmp_path):
    import derivations

    D = derivations.ALL["ACCEL"]()
    assert D.proved
    assert [s.why.split(",")[0] for s in D.steps if s.status != "proved"] == ["Bernoulli's inequality"]
    path = tmp_path / "accel.tex"
    assert main(["derive", "ACCEL", "--latex", str(path)]) == 0
    tex = path.read_text()
    assert r"\mu^{2} \left(- g_{1}^{2} - g_{2}^{2} - g_{3}^{2} + \mu^{2}\right)" in tex  # characteristic polynomial
    # the justifications are typeset: eigenvalue $+\| G\|$, k^* = \log ...
    assert r"eigenvalue $+\| G\|$" in tex and r"eigenvalue $-\| G\|$" in tex
    assert r"$k^* = \log" in tex and r"\lim_{n \to \infty}" in tex  # the phase length and its limit 2n/gamma^2
    assert "||G||" not in tex and "gamma" not in tex.replace(r"\gamma", "")  # no ASCII maths left in the prose
    if shutil.which("pdflatex"):
        proc = subprocess.run(["pdflatex", "-interaction=nonstopmode", "-halt-on-error", "accel.tex"],
                              cwd=tmp_path, capture_output=True, text=True, timeout=120)
        assert proc.returncode == 0, proc.stdout[-2000:]


def test_accel_count_is_about_two_and_a_half_n_over_gamma_squared():
    run = R.single_unit_gp(2 ** 16, 1, quarter_root_dyadic(2 ** 16))
    n, g = 2 ** 16 - 1, float(quarter_root_dyadic(2 ** 16))
    assert 2.4 < run.iterations / (n / g ** 2) < 2.6
    assert math.isclose(run.iterations / math.sqrt(2 ** 16), 2.527, abs_tol=0.001)


@pytest.mark.slow  # 16 s on 2 cores: the slow tier (make verify checks ACCEL)
def test_accel_claim_verifies_and_its_false_variant_is_refuted_at_d_20():
    from checker.claims import runner
    from checker.claims.core import Context

    claims = runner.load_builtin()
    result = runner.run_claim(claims["ACCEL"], Context(quick=True))
    assert result.status == "verified", [(c.name, c.status) for c in result.checks]
    assert {c.kind for c in result.checks} == {"symbolic", "numeric", "property"}
    false = runner.run_claim(claims["FALSE-ACCEL-PERCEPTRON"], Context(quick=True))
    check = false.checks[0]
    assert false.as_expected and check.status == "refuted" and check.evidence["counterexample"] == [20]


@pytest.mark.parametrize("d", [16, 32])
def test_a_rotated_a_d_gives_exactly_a_ds_counts(d):
    """Rotating A_d by a rational orthogonal matrix keeps every inner product, so every method that sees the data
    through them makes the same steps: the full-dimensional engines, on rotated data with 26-digit denominators, must
    reproduce A_d's counts exactly (BP and the Perceptron exact, LR+GD in Arb balls, the single unit's GP exact)."""
    from checker.analysis.accel_table import full_dimensional
    from checker.data.accel_family import accel_dataset, rotated

    keys = ("bp", "perceptron", "lr-gd-10", "su-gp-1", "su-gp-q")
    plain = full_dimensional(d, 1, keys)
    turned = rotated(accel_dataset(d), seed=d)
    assert any(v.denominator > 10**6 for row in turned.X for v in row)  # genuinely rotated, not a permutation
    assert full_dimensional(d, 1, keys, data=turned) == plain
