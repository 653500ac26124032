"""The exact perceptron family: conventions, named cases, degeneracy, and agreement with the reference."""

from fractions import Fraction

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from checker.arith.integer_carrier import FLOAT64_EXACT, INT64_LIMIT, carrier_for
from checker.data.named import bp_lower, bp_lower_degenerate, xor
from checker.engines import perceptron

from . import reference_perceptron
from .strategies import large_integer_datasets, separable_datasets


def test_bp_lower_101_takes_31_iterations_and_matches_the_closed_form():
    n = 101
    run = perceptron.batch_perceptron(bp_lower(n))
    assert run.iterations == 31 and run.separated and not run.degenerate
    k = run.iterations
    assert run.final == [Fraction(1, 4) * (1 + Fraction(2 * (k - 1), n)), Fraction(n - 2 * k, 2 * n)]


def test_half_step_is_p1_and_counts_as_one_iteration():
    # two points on a line through the origin: p_1 = (1/2n) sum y_i a_i already separates
    from checker.data.dataset import from_rows

    run = perceptron.batch_perceptron(from_rows([[1, 0], [-1, 0]], [1, -1]), record=True)
    assert run.iterations == 1
    assert run.trajectory[0].p == [Fraction(1, 2), Fraction(0)]


def test_degenerate_trajectory_is_reported_where_float64_sees_a_nonzero_margin():
    ds = bp_lower_degenerate()
    run = perceptron.batch_perceptron(ds, record=True)
    assert run.degenerate and run.degenerate_steps == [2]
    assert 0 in run.trajectory[1].margins
    # the same trajectory in float64: the exact zero comes out as a tiny nonzero number
    Z = np.array([[float(v) * yi for v in row] for row, yi in zip(ds.X, ds.y)])
    p = Z.sum(axis=0) / (2 * ds.n)
    p = p + Z[(Z @ p) <= 0].sum(axis=0) / ds.n
    float_margins = Z @ p
    assert np.all(float_margins != 0)


def test_xor_is_not_separated():
    for algo in perceptron.ALGORITHMS:
        run = perceptron.run(xor(), algo, max_iter=500)
        assert not run.separated and run.iterations is None


def test_carrier_thresholds():
    assert carrier_for(FLOAT64_EXACT - 1) == "float64"
    assert carrier_for(FLOAT64_EXACT) == "int64"
    assert carrier_for(INT64_LIMIT) == "int64"
    assert carrier_for(INT64_LIMIT + 1) == "object"


@given(separable_datasets(), st.sampled_from(perceptron.ALGORITHMS))
def test_agrees_with_the_fraction_reference(ds, algo):
    run = perceptron.run(ds, algo, max_iter=300)
    iterations, degenerate, final = reference_perceptron.run(ds, algo, max_iter=300)
    assert run.iterations == iterations
    assert run.degenerate == degenerate
    assert run.final == final


@given(large_integer_datasets(), st.sampled_from(perceptron.ALGORITHMS))
def test_wide_carriers_stay_exact(ds, algo):
    run = perceptron.run(ds, algo, max_iter=50)
    iterations, degenerate, final = reference_perceptron.run(ds, algo, max_iter=50)
    assert (run.iterations, run.degenerate, run.final) == (iterations, degenerate, final)
    assert run.carrier in ("int64", "object")


def test_float_carrier_switches_before_overflow():
    from checker.data.dataset import from_rows

    big = 2**30  # margins ~ d * M^2 * |c| exceed 2^53 at once
    ds = from_rows([[big, 1], [-big, big]], [1, -1])
    run = perceptron.batch_perceptron(ds)
    assert run.carrier != "float64"
    assert run.iterations == reference_perceptron.run(ds, "batch-perceptron")[0]
