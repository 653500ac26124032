"""Hypothesis property tests of LIN-REDUCTION and LIN-REDUCTION-RATE (200+ examples under the ci profile).

The tests call the same property functions that `gdpc verify` runs, so the suite
and the report cannot disagree about what was checked.
"""

from hypothesis import given
from hypothesis import strategies as st

from checker.claims import lin_reduction, lin_reduction_rate, loss_osc
from checker.data.strategies import separable_datasets


@given(separable_datasets())
def test_lin_reduction_mistake_sets_agree_from_gamma_star(ds):
    lin_reduction.mistake_sets_agree_from_gamma_star(ds)


@given(separable_datasets(), st.integers(1, 300))
def test_lin_reduction_rate_bound_holds(ds, k):
    lin_reduction_rate.bound_holds_everywhere(ds, k)


@given(separable_datasets(), st.integers(1, 300))
def test_loss_osc_within_bound(ds, k):
    loss_osc.loss_within_bound(ds, k)


def test_ci_profile_runs_at_least_200_examples():
    from hypothesis import settings

    assert settings.default.max_examples >= 200 and settings.default.derandomize
