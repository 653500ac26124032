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


# -- the integer carriers at their limits (each assertion kills a mutant that survived `make mutate`) ---------
def test_carrier_limits_are_exactly_where_float64_and_int64_stop_being_exact():
    assert FLOAT64_EXACT == 2**53 and INT64_LIMIT == 2**63 - 1
    assert carrier_for(2**53 - 1) == "float64" and carrier_for(2**53) == "int64"  # 2^53 + 1 is not a float64
    assert carrier_for(2**52) == "float64"
    assert carrier_for(2**63 - 1) == "int64" and carrier_for(2**63) == "object"
    assert float(2**53 + 1) == float(2**53)  # why: the first integer float64 cannot hold


def test_convert_between_carriers_keeps_every_integer():
    from checker.arith.integer_carrier import _convert

    f = np.array([3.0, -(2.0**52), 0.0])
    assert _convert(f, "float64") is f  # same carrier: no copy
    i = _convert(f, "int64")
    assert i.dtype == np.int64 and i.tolist() == [3, -(2**52), 0]
    o = _convert(f, "object")
    assert o.dtype == object and o.tolist() == [3, -(2**52), 0] and all(type(v) is int for v in o)
    big = np.array([2**62, -(2**62)], dtype=np.int64)
    ob = _convert(big, "object")
    assert ob.tolist() == [2**62, -(2**62)] and all(type(v) is int for v in ob)
    assert _convert(ob, "object") is ob


def test_signed_integer_data_offers_float64_only_below_two_to_the_53():
    import pytest

    from checker.arith.integer_carrier import SignedIntegerData
    from checker.data.dataset import from_rows

    below = SignedIntegerData(from_rows([[2**53 - 1, 1], [-1, -1]], [1, -1]))
    assert below.rows("float64").dtype == np.float64
    at = SignedIntegerData(from_rows([[2**53, 1], [-1, -1]], [1, -1]))
    with pytest.raises(KeyError):
        at.rows("float64")
    assert at.rows("int64").tolist() == [[2**53, 1], [1, 1]]
    over = SignedIntegerData(from_rows([[2**63, 1], [-1, -1]], [1, -1]))
    with pytest.raises(KeyError):
        over.rows("int64")
    # fractions: scaled by the common denominator, signs folded in
    frac = SignedIntegerData(from_rows([[Fraction(1, 3), Fraction(1, 2)], [Fraction(-2, 3), 1]], [1, -1]))
    assert frac.scale == 6 and frac.rows("object").tolist() == [[2, 3], [4, -6]]
    assert frac.max_abs == 6 and frac.margin_bound(5) == 2 * 6 * 5  # d * max|Z| * max|w|


def test_integer_iterate_widens_monotonically_and_tracks_its_bound():
    from checker.arith.integer_carrier import IntegerIterate, SignedIntegerData
    from checker.data.dataset import from_rows

    data = SignedIntegerData(from_rows([[2**20, 3], [-(2**20), 1]], [1, -1]))  # Z = (2^20, 3), (2^20, -1)
    it = IntegerIterate(data)
    rows = np.array([0, 1])
    it.update(rows, row_weight=2)
    assert it.bound == 2 * 2 * 2**20  # row_weight * |rows| * max|Z|
    assert (it.carrier, it.widest) == ("float64", "float64")  # d * max|Z| * bound = 2^43
    it.update(rows, keep=2**12)
    assert it.bound == 2**12 * 2**22 + 2 * 2**20
    assert (it.carrier, it.widest) == ("int64", "int64")  # 2 * 2^20 * (2^34 + 2^21) > 2^53
    it.update(rows, keep=2**10)
    assert (it.carrier, it.widest) == ("object", "object")  # past 2^63
    it.update(rows[:0])  # an empty update never narrows the carrier back
    assert (it.carrier, it.widest) == ("object", "object")
    s = (2**21, 2)  # Z_0 + Z_1
    expect = [((2 * 2**12 + 1) * 2**10 + 1) * c for c in s]
    assert [int(v) for v in it.w] == expect and all(type(v) is int for v in it.w)


def test_exact_margins_and_fractions_use_the_common_denominator_squared():
    from checker.arith.integer_carrier import IntegerIterate, SignedIntegerData
    from checker.data.dataset import from_rows

    ds = from_rows([[Fraction(1, 3), Fraction(1, 2)], [Fraction(-2, 3), 1]], [1, -1])
    it = IntegerIterate(SignedIntegerData(ds))
    it.update(np.array([0, 1]))
    it.denominator = 4
    p = it.as_fractions()
    assert p == [Fraction(6, 24), Fraction(-3, 24)]
    z = [sum(yi * a * b for a, b in zip(row, p)) for row, yi in zip(ds.X, ds.y)]
    assert it.exact_margins() == z


def test_scaling_by_huge_common_denominators_stays_integral():
    """D * num / den with D the LCM of 3^50 and 7^30: integer division only; a float division would round."""
    from checker.arith.integer_carrier import SignedIntegerData
    from checker.data.dataset import from_rows

    a, b = Fraction(1, 3**50), Fraction(2, 7**30)
    data = SignedIntegerData(from_rows([[a, b], [Fraction(-1), Fraction(1, 3)]], [1, -1]))
    D = 3**50 * 7**30
    assert data.scale == D
    rows = data.rows("object").tolist()
    assert rows == [[7**30, 2 * 3**50], [D, -(D // 3)]] and all(type(v) is int for r in rows for v in r)


def test_int64_rows_exist_up_to_and_including_the_int64_limit():
    from checker.arith.integer_carrier import SignedIntegerData
    from checker.data.dataset import from_rows

    edge = SignedIntegerData(from_rows([[2**63 - 1, 1], [-1, -1]], [1, -1]))
    assert edge.rows("int64").tolist() == [[2**63 - 1, 1], [1, 1]]


def test_update_with_keep_two_doubles_the_iterate():
    from checker.arith.integer_carrier import IntegerIterate, SignedIntegerData
    from checker.data.dataset import from_rows

    it = IntegerIterate(SignedIntegerData(from_rows([[3, 1], [-1, 2]], [1, -1])))  # Z = (3, 1), (1, -2)
    it.update(np.array([0]))
    it.update(np.array([1]), keep=2)
    assert [int(v) for v in it.w] == [2 * 3 + 1, 2 * 1 - 2] and it.bound == 2 * 3 + 3


def test_a_tie_is_a_mistake_for_bp():
    """bp_lower_degenerate: a margin is exactly 0 at t = 2; counted as a mistake BP needs 3 iterations (a test that
    let ties pass would stop at 2, with a sample on the boundary)."""
    run = perceptron.batch_perceptron(bp_lower_degenerate(), record=True)
    assert run.iterations == 3 and run.degenerate and run.degenerate_steps == [2]
    assert any(m == 0 for m in run.trajectory[1].margins) and run.trajectory[1].mistakes


def test_max_iter_is_the_last_iteration_run():
    ds = bp_lower(101)
    assert perceptron.batch_perceptron(ds, max_iter=31).iterations == 31
    short = perceptron.batch_perceptron(ds, max_iter=30)
    assert short.iterations is None and not short.separated and short.steps_run == 30


def test_algorithm_names_are_compared_by_value():
    """The CLI passes the name as typed (not the interned literal): an identity test would pick the wrong branch."""
    ds = bp_lower(101)
    for name in perceptron.ALGORITHMS:
        typed = "".join(list(name))
        assert typed is not name or len(name) < 2
        for data in (ds, bp_lower_degenerate(), _three_sizes(), _two_wrong_after_p1()):
            typed_run, run = perceptron.run(data, typed), perceptron.run(data, name)
            assert (typed_run.iterations, typed_run.final) == (run.iterations, run.final), name


def _three_sizes():
    """Mistake sets of different sizes along the way: the normalized BP's and the Perceptron's steps differ from BP's."""
    from checker.data.dataset import from_rows

    return from_rows([[3, 1], [2, -1], [-1, 2], [1, 4], [-2, -3], [-1, -1]], [1, 1, 1, 1, -1, -1])


def _two_wrong_after_p1():
    """The Perceptron's p_1 = a_1 gets two samples wrong: its one-sample step and the normalized step differ."""
    from checker.data.dataset import from_rows

    return from_rows([[1, 0], [-1, 2], [-1, 3], [1, -5]], [1, 1, 1, -1])


def test_the_perceptron_steps_on_one_sample_from_two_wrong():
    run = perceptron.perceptron(_two_wrong_after_p1())
    assert run.iterations == 3 and run.final == [1, 2]  # a_1 + a_2 = (0, 2), then + a_1 = (1, 2)
    assert perceptron.normalized_batch_perceptron(_two_wrong_after_p1()).final != run.final


def test_entries_beyond_float_range_stay_exact():
    """max|y_i a_i| above 1e308: no float64 copy of the rows can exist, and none may be attempted."""
    from checker.data.dataset import from_rows

    big = 10**400
    run = perceptron.batch_perceptron(from_rows([[big, 1], [-big, 1], [1, 1]], [1, -1, 1]))
    small = perceptron.batch_perceptron(from_rows([[1, Fraction(1, big)], [-1, Fraction(1, big)],
                                                   [Fraction(1, big), Fraction(1, big)]], [1, -1, 1]))
    assert run.separated and small.separated


def test_max_iter_zero_stops_at_the_first_check():
    """p_1 is always computed; with max_iter = 0 the run stops there unless p_1 separates."""
    short = perceptron.batch_perceptron(bp_lower(101), max_iter=0)
    assert short.iterations is None and short.steps_run == 1


def test_a_margin_of_exactly_one_unit_is_correct():
    """y_i a_i = (1, 1) and (1, -2): p_1 is a multiple of (2, -1), whose integer margins are exactly 1 and 4."""
    from checker.data.dataset import from_rows

    for algo in ("batch-perceptron", "normalized-batch-perceptron"):
        run = perceptron.run(from_rows([[1, 1], [-1, 2]], [1, -1]), algo)
        assert run.iterations == 1 and run.separated, algo


def test_the_integer_carrier_refuses_a_non_integer_weight():
    """Exactness rests on integer weights: a float (e.g. new_den / s instead of //) must not slip in."""
    import pytest

    from checker.arith.integer_carrier import IntegerIterate, SignedIntegerData

    it = IntegerIterate(SignedIntegerData(bp_lower(11)))
    with pytest.raises(TypeError):
        it.update(np.arange(3), row_weight=2.0)
    with pytest.raises(TypeError):
        it.update(np.arange(3), keep=1.0)


def test_normalized_bp_with_wide_integers_matches_the_reference():
    from checker.data.dataset import from_rows

    big = 2**60
    ds = from_rows([[big, 1, 3], [-big, 2, 1], [big, -5, 2], [-3, -big, 1], [2, big, -7]], [1, -1, 1, -1, 1])
    for algo in perceptron.ALGORITHMS:
        run = perceptron.run(ds, algo, max_iter=60)
        iterations, degenerate, final = reference_perceptron.run(ds, algo, max_iter=60)
        assert (run.iterations, run.degenerate, run.final) == (iterations, degenerate, final), algo
        assert all(type(v) is Fraction for v in run.final)
