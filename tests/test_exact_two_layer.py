"""The integer GP engines for the single unit and the diagonal network (checker/engines/exact_two_layer.py), directly.

Each behaviour is compared with the generic Fraction engine (`model_engines.generalized_perceptron`) where one
exists: the iteration budget, a stall, a margin exactly 0 at t = 1 or first at t = 2, a run long enough for the
common factor to be divided out (every 64 steps). The small pieces (`_signs`, `_reduce`) have contracts of their
own. `make mutate` runs this file for exact_two_layer.py.
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest

from checker.data.dataset import from_rows
from checker.engines import exact_two_layer as E
from checker.engines.model_engines import generalized_perceptron
from checker.models.numeric import build

ENGINES = [(E.single_unit_gp, "single-unit"), (E.diagonal_gp, "diagonal")]


def _reference(name, ds, gamma, max_iter):
    theta0 = [0] * ds.d + ([1] if name == "single-unit" else [1] * ds.d)
    return generalized_perceptron(build(name, ds.d), ds, theta0, gamma, max_iter)


def test_signs_are_the_exact_signs_of_integers():
    values = [5, -3, 0, 1, -1, 10**40, -(10**40)]
    assert E._signs(values).tolist() == [1, -1, 0, 1, -1, 1, -1]


def test_reduce_divides_out_the_common_factor_of_the_whole_state():
    W = np.array([6, -12, 0], dtype=object)
    reduced = E._reduce([W, 18])
    assert reduced[0].tolist() == [1, -2, 0] and reduced[1] == 3
    coprime = [np.array([6, 10], dtype=object), 15]  # gcd 1 overall, though not pairwise
    assert [np.atleast_1d(a).tolist() for a in E._reduce(coprime)] == [[6, 10], [15]]
    zero = [np.array([0, 0], dtype=object), np.array([0], dtype=object)]
    assert [a.tolist() for a in E._reduce(zero)] == [[0, 0], [0]]  # nothing to divide by
    leading_zero = E._reduce([np.array([0, 6, 12], dtype=object), 18])
    assert leading_zero[0].tolist() == [0, 1, 2] and leading_zero[1] == 3
    passes_two = E._reduce([np.array([4, 6], dtype=object), 8])  # the running gcd is 4, then 2, and stays 2
    assert passes_two[0].tolist() == [2, 3] and passes_two[1] == 4
    big = E._reduce([np.array([3 * (2**60 + 1), -6 * (2**60 + 1)], dtype=object), 9])  # exact, never a float
    assert big[0].tolist() == [2**60 + 1, -2 * (2**60 + 1)] and big[1] == 3
    assert all(type(v) is int for v in big[0].tolist())
    U, V = np.array([4, 8], dtype=object), np.array([-12, 20], dtype=object)
    assert [a.tolist() for a in E._reduce([U, V])] == [[1, 2], [-3, 5]]


# found by a search over small integer data: GP needs 162 steps, so the state is reduced at t = 63 and t = 127
LONG = ([[-2, -4], [3, 2], [-3, -2]], [-1, -1, 1], Fraction(1))


def test_a_long_run_reduced_every_64_steps_takes_the_generic_engines_steps():
    rows, labels, gamma = LONG
    ds = from_rows(rows, labels)
    ours, ref = E.single_unit_gp(ds, gamma, 300), _reference("single-unit", ds, gamma, 300)
    assert ours.iterations == ref.iterations and ref.iterations > 128


@pytest.mark.parametrize("fast,name", ENGINES)
def test_the_budget_includes_the_check_at_max_iter(fast, name):
    """A run that separates at step k is reported at max_iter = k, and not separated at max_iter = k - 1."""
    runs = [(from_rows(rows, labels), gamma) for rows, labels, gamma in [LONG] + DEGENERATE]
    ds, gamma, k = next((ds, gamma, r.iterations) for ds, gamma in runs
                        if (r := _reference(name, ds, gamma, 300)).iterations and r.iterations >= 2)
    assert fast(ds, gamma, k).iterations == k
    short = fast(ds, gamma, k - 1)
    assert short.iterations is None and not short.separated and short.stopped == f"not separated within {k - 1}"


@pytest.mark.parametrize("fast,name", ENGINES)
@pytest.mark.parametrize("gamma", [Fraction(0), Fraction(-1, 2), Fraction(-3)])
def test_the_step_size_must_be_positive(fast, name, gamma):
    with pytest.raises(ValueError, match="gamma must be positive"):
        fast(from_rows([[1, 0], [0, 1]], [1, -1]), gamma, 10)


@pytest.mark.parametrize("fast,name", ENGINES)
def test_a_stalled_run_is_not_separated(fast, name):
    """One point with both labels: every margin is 0 at the start, the tied steps cancel, GP never moves."""
    ds = from_rows([[1, 0], [1, 0]], [1, -1])
    run = fast(ds, Fraction(1), 50)
    ref = _reference(name, ds, Fraction(1), 50)
    assert run.iterations is None and run.separated is False and ref.separated is False
    assert run.stopped.startswith("stalled at t = 0") and "stall" in ref.stopped


# a margin exactly 0 at t = 1 (Z_2 is orthogonal to the first step sum Z_1 + Z_2 + Z_3 = (2, 0)); one whose first
# zero margin comes at t >= 2 (found by a search over small integer data); one with no zero margin after t = 0
DEGENERATE = [
    ([[1, 0], [0, 1], [-1, 1]], [1, 1, -1], Fraction(1)),
    ([[4, -1], [3, 3], [4, -1], [1, -1], [-1, 3]], [-1, -1, -1, 1, -1], Fraction(1, 7)),
    ([[-2, -4], [3, 2], [-3, -2]], [-1, -1, 1], Fraction(1)),
]


@pytest.mark.parametrize("case", range(len(DEGENERATE)))
def test_a_margin_exactly_zero_after_the_start_marks_the_run_degenerate(case):
    rows, labels, gamma = DEGENERATE[case]
    ds = from_rows(rows, labels)
    ours, ref = E.single_unit_gp(ds, gamma, 300), _reference("single-unit", ds, gamma, 300)
    assert ref.separated and ours.iterations == ref.iterations
    assert ours.degenerate == ref.degenerate == (case < 2)  # every margin is 0 at t = 0: that alone is not degenerate
