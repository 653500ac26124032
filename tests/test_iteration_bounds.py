"""The four iteration bounds on generated data (300 examples each), BP-LOWER, LOSS-UNRELIABLE, false statements."""

import math
import os
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.analysis import bp_lower_counts
from checker.analysis.iteration_bounds import BOUNDS, check_bound
from checker.claims import bp_lower as bp_lower_claim
from checker.claims import core, iteration_bounds, loss_unreliable, runner
from checker.claims.core import Context
from checker.cli import main
from checker.data.named import bp_lower as bp_lower_data
from checker.data.strategies import bound_datasets, separable_datasets
from checker.engines import perceptron


@pytest.mark.parametrize("claim_id", ["BP-BOUND", "PERCEPTRON-BOUND", "NBP-BOUND"])
@settings(max_examples=300)
@given(ds=bound_datasets())
def test_perceptron_bounds_hold(claim_id, ds):
    assert check_bound(claim_id, ds).verdict == "holds"


@settings(max_examples=300)
@given(ds=separable_datasets(max_n=6), gamma=st.sampled_from(iteration_bounds.GAMMAS))
def test_normalized_lr_gd_bound_holds(ds, gamma):
    assert check_bound("NLRGD-BOUND", ds, gamma=gamma).verdict == "holds"


def test_a_count_above_the_bound_is_reported_violated():
    # BP-LOWER n = 17 takes 6 iterations, more than R^2/mu^2 = 5: a bound without the factor n fails
    ds = bp_lower_data(17)
    r = check_bound("BP-BOUND", ds)
    assert r.count == 6 and r.bound_at_mu_hi == 85 and r.verdict == "holds"
    without_n = r.bound_at_mu_hi / ds.n  # R^2 / mu^2 = 5
    assert without_n == 5 and r.count > without_n


def test_bp_lower_formula_for_every_n_up_to_500():
    for n in range(2, 501):
        run = perceptron.batch_perceptron(bp_lower_data(n))
        assert (run.iterations, run.degenerate) == (bp_lower_counts.iterations(n), bp_lower_counts.degenerate(n)), n
        assert tuple(run.final) == bp_lower_counts.iterate(n, run.iterations)
    assert bp_lower_counts.iterations(101) == 31
    assert [n for n in range(2, 40) if bp_lower_counts.degenerate(n)] == [6, 16, 26, 36]
    assert abs(bp_lower_counts.iterations(10**6) / 10**6 - 0.3) < 1e-5


@given(st.integers(2, 300))
def test_bp_lower_closed_form_at_every_step(n):
    it, deg, closed = bp_lower_claim._simulate(n)
    assert closed and it == bp_lower_counts.iterations(n) and deg == bp_lower_counts.degenerate(n)


@pytest.mark.parametrize("claim_id", ["BP-BOUND", "PERCEPTRON-BOUND", "NBP-BOUND", "NLRGD-BOUND", "BP-LOWER",
                                      pytest.param("LOSS-UNRELIABLE", marks=pytest.mark.slow)])
def test_claims_verify_and_report_the_worst_ratio(claim_id):
    result = runner.run_claim(runner.load_builtin()[claim_id], Context(quick=True))
    assert result.status == "verified", [(c.name, c.status, c.evidence) for c in result.checks]
    if claim_id in BOUNDS:
        prop = [c for c in result.checks if c.kind == "property"][0]
        assert 0 < prop.evidence["worst"]["score"] <= 1 and prop.evidence["worst_example"]
        num = [c for c in result.checks if c.kind == "numeric"][0]
        assert num.evidence["worst_ratio"] <= 1 and num.evidence["worst_data"]


@given(st.integers(10, 99), st.integers(0, 300))
def test_loss_unreliable_up_then_down(m, k):
    loss_unreliable.loss_up_then_down(m, k)


@pytest.mark.parametrize("claim_id,max_n,max_d", [
    pytest.param("FALSE-BP-WITHIN-R2-MU2", 17, 2, marks=pytest.mark.slow),  # its search runs for a minute
    pytest.param("FALSE-PERCEPTRON-R-MU", 3, 2, marks=pytest.mark.slow),
    ("FALSE-GD-LOSS-MONOTONE", 3, 2),
])
def test_false_statements_are_refuted_with_small_rechecked_counterexamples(claim_id, max_n, max_d, tmp_path, capsys):
    out = tmp_path / "r.json"
    assert main(["verify", "--claim", claim_id, "--json", str(out)]) == 0  # refuted, as expected
    import json

    check = json.loads(out.read_text())["claims"][0]["checks"][0]
    assert check["status"] == "refuted" and check["evidence"]["rechecked"] is True
    size = check["evidence"]["counterexample_size"]
    assert size["n"] <= max_n and size["d"] <= max_d
    csv = check["evidence"]["counterexample_csv"]
    assert os.path.exists(csv)
    # the saved CSV really violates the statement, re-checked from the file
    from checker.data import dataset

    ds = dataset.load(csv)
    fn = runner.load_builtin()[claim_id].checks[0].fn
    assert runner.fails_again(fn, (ds,))


def test_a_false_statement_that_survives_fails_the_run():
    c = core.Claim("SURVIVOR", "a true statement registered as false", expect="refuted")
    c.property(st.integers(0, 10))(lambda k: k >= 0)
    result = runner.run_claim(c, Context(quick=True))
    assert result.status == "verified" and not result.as_expected


# -- the verdict logic, at its boundaries (each line here is a mutant that once survived) -----------------------
def _fake_cert(mu_lo, mu_hi, exact=False):
    from checker.engines.margin import MarginCertificate

    return MarginCertificate(True, (mu_lo * mu_lo) if exact else None, mu_lo, mu_hi, None, [], exact, 0, 0)


@pytest.mark.parametrize("count,verdict", [
    (1, "holds"), (20, "holds"),            # <= B(mu_hi) = 2 * 5 / (1/2)^2... computed below
    (21, "undecided"), (45, "undecided"),   # between B(mu_hi) and B(mu_lo): neither end decides
    (46, "violated"), (None, "violated"),   # above B(mu_lo), or not separated within B(mu_lo) + 1
])
def test_bound_unit_bound_verdict_uses_each_end_of_the_margin_enclosure(count, verdict, monkeypatch):
    """BP-BOUND: B(mu) = n R^2 / mu^2. With n = 2, R^2 = 5/2: B(mu_hi = 1/2) = 20 and B(mu_lo = 1/3) = 45.
    holds iff T <= B(mu_hi) (the smaller bound), violated iff T > B(mu_lo), undecided between; both ends
    inclusive as written."""
    from checker.analysis import iteration_bounds as ib
    from checker.data.dataset import from_rows

    ds = from_rows([[Fraction(3, 2), Fraction(1, 2)], [Fraction(-1), Fraction(-1)]], [1, -1])
    assert ds.radius_squared() == Fraction(5, 2)
    seen = {}

    def fake_count(algorithm, data, max_iter, gamma=Fraction(1)):
        seen["cap"] = max_iter
        return count

    monkeypatch.setattr(ib, "run_count", fake_count)
    res = ib.check_bound("BP-BOUND", ds, _fake_cert(Fraction(1, 3), Fraction(1, 2)))
    assert (res.bound_at_mu_hi, res.bound_at_mu_lo) == (20, 45)
    assert (res.claim_id, res.algorithm, res.count) == ("BP-BOUND", "batch-perceptron", count)
    assert res.verdict == verdict
    assert seen["cap"] == 46  # run to floor(B(mu_lo)) + 1: one step past the largest bound that could hold


def test_bound_unit_bound_verdict_with_an_exact_margin_has_no_undecided_band(monkeypatch):
    from checker.analysis import iteration_bounds as ib
    from checker.data.dataset import from_rows

    ds = from_rows([[Fraction(3, 2), Fraction(1, 2)], [Fraction(-1), Fraction(-1)]], [1, -1])
    for count, verdict in ((20, "holds"), (21, "violated")):
        monkeypatch.setattr(ib, "run_count", lambda *a, c=count, **k: c)
        assert ib.check_bound("BP-BOUND", ds, _fake_cert(Fraction(1, 2), Fraction(1, 2), exact=True)).verdict == verdict


def test_bound_unit_bound_values_per_claim():
    from checker.analysis.iteration_bounds import bound_value

    R2, mu2 = Fraction(5, 2), Fraction(1, 4)
    assert bound_value("BP-BOUND", R2, mu2, 3) == 30
    assert bound_value("PERCEPTRON-BOUND", R2, mu2, 3) == 10
    assert bound_value("NBP-BOUND", R2, mu2, 3) == 10
    assert bound_value("PERCEPTRON-BOUND", R2, Fraction(4, 9), 3) == Fraction(45, 8)  # exact, not floored
    assert bound_value("BP-BOUND", R2, Fraction(4, 9), 3) == Fraction(135, 8)
    # NLRGD-BOUND: R^2/mu^2 + 2 log(2n - 1) / (gamma mu^2)
    v = bound_value("NLRGD-BOUND", R2, mu2, 3, Fraction(2))
    assert abs(float(v) - (10 + 2 * math.log(5) / (2 * 0.25))) < 1e-12


def test_bound_unit_bound_comparisons_are_inclusive_exactly_and_strict_past_rounding():
    from mpmath import mpf

    from checker.analysis.iteration_bounds import _gt, _le

    assert _le(5, Fraction(5)) and not _gt(5, Fraction(5)) and _gt(6, Fraction(5)) and not _le(6, Fraction(5))
    # an mpf bound carries rounding: a count within 10^-40 relative of it decides neither way
    b = mpf(5)
    assert not _le(5, b) and not _gt(5, b)
    assert _le(4, b) and _gt(6, b)
    # at mpmath's default 15 digits, a 50-digit bound just below 13 must not be rounded up to 13 and "hold"
    import mpmath

    with mpmath.workdps(50):
        just_below = mpf(13) - mpf(10) ** -30
    assert mpmath.mp.dps == 15
    assert not _le(13, just_below) and _gt(13, just_below)


def test_bound_unit_nlrgd_bound_value_exactly():
    import mpmath

    from checker.analysis.iteration_bounds import bound_value

    for R2, mu2, n, g in ((Fraction(5, 2), Fraction(4, 9), 3, Fraction(3, 7)), (Fraction(7), Fraction(9, 4), 1, 2)):
        v = bound_value("NLRGD-BOUND", R2, mu2, n, Fraction(g))
        with mpmath.workdps(60):
            want = mpmath.mpf(R2.numerator) / R2.denominator * mu2.denominator / mu2.numerator + 2 * mpmath.log(
                2 * n - 1) * mpmath.mpf(mu2.denominator) / (mpmath.mpf(Fraction(g).numerator) / Fraction(g).denominator
                                                           * mu2.numerator)
            assert abs(v - want) < mpmath.mpf(10) ** -45 * want


def test_bound_unit_bound_comparisons_sit_exactly_at_the_guard():
    """The 10^-40 relative guard: a count within it of an mpf bound is undecided both ways, one outside it is not."""
    import mpmath
    from mpmath import mpf

    from checker.analysis.iteration_bounds import _gt, _le

    with mpmath.workdps(60):
        inside_above, outside_above = 13 * (1 + 5 * mpf(10) ** -41), 13 * (1 + 5 * mpf(10) ** -40)
        inside_below, outside_below = 13 * (1 - 5 * mpf(10) ** -41), 13 * (1 - 5 * mpf(10) ** -40)
    assert not _le(13, inside_above) and _le(13, outside_above)
    assert not _gt(13, inside_below) and _gt(13, outside_below)
    # a Fraction bound is exact: no guard at all, even 1 in 10^41
    assert _gt(10**41, Fraction(10**41 - 1)) and _le(10**41 - 1, Fraction(10**41 - 1))


def test_bound_unit_bound_check_ratio_and_json():
    from mpmath import mpf

    from checker.analysis.iteration_bounds import BoundCheck

    exact = BoundCheck("BP-BOUND", "batch-perceptron", 10, Fraction(40), Fraction(45), "holds")
    assert exact.ratio == 0.25
    assert BoundCheck("BP-BOUND", "batch-perceptron", 10, Fraction(80, 3), Fraction(45), "holds").ratio == 0.375
    assert BoundCheck("BP-BOUND", "batch-perceptron", None, Fraction(40), Fraction(45), "violated").ratio == math.inf
    huge = BoundCheck("BP-BOUND", "batch-perceptron", 10, Fraction(10**4000), Fraction(10**4001), "holds")
    assert huge.ratio == 0.0  # 10 / 10^4000 underflows to 0 without an OverflowError
    logb = BoundCheck("NLRGD-BOUND", "normalized-lr-gd", 3, mpf(6), mpf(8), "holds")
    assert logb.ratio == 0.5
    import mpmath

    with mpmath.workdps(50):
        third = mpf(1) / 3
    j = BoundCheck("NLRGD-BOUND", "normalized-lr-gd", 3, third, mpf(8), "holds").to_json()
    assert j["bound"] == "0.33333333333333333333" and j["bound_at_margin_lo"] == "8.0"  # 20 significant digits
    assert exact.to_json()["bound"] == "40" and exact.to_json()["verdict"] == "holds"


def test_bound_unit_bound_check_refuses_a_zero_margin_and_accepts_one(monkeypatch):
    from checker.analysis import iteration_bounds as ib
    from checker.data.dataset import from_rows

    ds = from_rows([[Fraction(3, 2), Fraction(1, 2)], [Fraction(-1), Fraction(-1)]], [1, -1])
    with pytest.raises(ValueError, match="lower bound is 0"):
        ib.check_bound("BP-BOUND", ds, _fake_cert(Fraction(0), Fraction(1, 2)))
    monkeypatch.setattr(ib, "run_count", lambda *a, **k: 1)
    assert ib.check_bound("BP-BOUND", ds, _fake_cert(Fraction(1), Fraction(1), exact=True)).verdict == "holds"


def test_bound_unit_the_run_is_capped_exactly_past_a_huge_bound(monkeypatch):
    """cap = floor(B(mu_lo)) + 1 computed exactly: a 31-digit bound is not rounded to 15 digits."""
    from checker.analysis import iteration_bounds as ib
    from checker.data.dataset import from_rows

    ds = from_rows([[1, 1], [-1, -1]], [1, -1])
    huge = Fraction(10**30 + 1, 7)
    monkeypatch.setattr(ib, "bound_value", lambda *a, **k: huge)
    seen = {}
    monkeypatch.setattr(ib, "run_count", lambda alg, d, cap, g=None: seen.setdefault("cap", cap) and 5)
    ib.check_bound("BP-BOUND", ds, _fake_cert(Fraction(1), Fraction(1), exact=True))
    assert seen["cap"] == (10**30 + 1) // 7 + 1


def test_bound_unit_run_count_runs_each_algorithm():
    from checker.analysis.iteration_bounds import run_count
    from checker.data.named import bp_lower
    from checker.engines.linear_gd import gd_linear
    from checker.engines.perceptron import run as perceptron_run

    ds = bp_lower(11)
    for alg in ("batch-perceptron", "perceptron", "normalized-batch-perceptron"):
        assert run_count(alg, ds, 1000) == perceptron_run(ds, alg, max_iter=1000).iterations
    assert run_count("normalized-lr-gd", ds, 1000) == gd_linear(ds, 1, max_iter=1000, normalized=True).iterations
    assert run_count("normalized-lr-gd", ds, 1000, Fraction(10)) == gd_linear(
        ds, 10, max_iter=1000, normalized=True).iterations
    assert run_count("batch-perceptron", ds, 2) is None  # not separated within the cap


def test_bound_unit_nlrgd_default_step_size_is_one(monkeypatch):
    from checker.analysis import iteration_bounds as ib
    from checker.data.dataset import from_rows

    ds = from_rows([[Fraction(3, 2), Fraction(1, 2)], [Fraction(-1), Fraction(-1)]], [1, -1])
    seen = []
    monkeypatch.setattr(ib, "run_count", lambda alg, d, cap, g: seen.append((alg, g)) or 1)
    res = ib.check_bound("NLRGD-BOUND", ds, _fake_cert(Fraction(1, 2), Fraction(1, 2), exact=True))
    assert seen == [("normalized-lr-gd", Fraction(1))]
    assert res.bound_at_mu_hi == ib.bound_value("NLRGD-BOUND", ds.radius_squared(), Fraction(1, 4), 2, Fraction(1))
