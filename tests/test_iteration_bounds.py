"""The four iteration bounds on generated data (300 examples each), BP-LOWER, LOSS-UNRELIABLE, false statements."""

import os

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
