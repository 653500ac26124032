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
                                      "LOSS-UNRELIABLE"])
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
    ("FALSE-BP-WITHIN-R2-MU2", 17, 2),
    ("FALSE-PERCEPTRON-R-MU", 3, 2),
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
def test_bound_verdict_uses_each_end_of_the_margin_enclosure(count, verdict, monkeypatch):
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
    assert res.verdict == verdict
    assert seen["cap"] == 46  # run to floor(B(mu_lo)) + 1: one step past the largest bound that could hold


def test_bound_verdict_with_an_exact_margin_has_no_undecided_band(monkeypatch):
    from checker.analysis import iteration_bounds as ib
    from checker.data.dataset import from_rows

    ds = from_rows([[Fraction(3, 2), Fraction(1, 2)], [Fraction(-1), Fraction(-1)]], [1, -1])
    for count, verdict in ((20, "holds"), (21, "violated")):
        monkeypatch.setattr(ib, "run_count", lambda *a, c=count, **k: c)
        assert ib.check_bound("BP-BOUND", ds, _fake_cert(Fraction(1, 2), Fraction(1, 2), exact=True)).verdict == verdict


def test_bound_values_per_claim():
    from checker.analysis.iteration_bounds import bound_value

    R2, mu2 = Fraction(5, 2), Fraction(1, 4)
    assert bound_value("BP-BOUND", R2, mu2, 3) == 30
    assert bound_value("PERCEPTRON-BOUND", R2, mu2, 3) == 10
    assert bound_value("NBP-BOUND", R2, mu2, 3) == 10
    # NLRGD-BOUND: R^2/mu^2 + 2 log(2n - 1) / (gamma mu^2)
    v = bound_value("NLRGD-BOUND", R2, mu2, 3, Fraction(2))
    assert abs(float(v) - (10 + 2 * math.log(5) / (2 * 0.25))) < 1e-12


def test_bound_comparisons_are_inclusive_exactly_and_strict_past_rounding():
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
