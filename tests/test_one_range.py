"""Sums over one range written as one sum (`derivcheck/deciders/one_range.py`): what is gathered, what is left
outside, and that the one sum always has the value of the difference it replaces (a property over random forms,
evaluated exactly at random instances)."""

from __future__ import annotations

import random

import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from derivcheck.deciders.one_range import averaged, averaged_side, gathered, one_side

k, j = sp.symbols("k j", integer=True)
K = sp.Symbol("K", integer=True, positive=True)
w, x = sp.IndexedBase("w", positive=True), sp.IndexedBase("x", positive=True)
Z = sp.Sum(w[j], (j, 1, K))


def total(term, index=k):
    return sp.Sum(term, (index, 1, K))


def value(e, size: int, rng: random.Random):
    point = {K: size}
    for m in range(1, size + 1):
        point[w[m]] = sp.Rational(rng.randint(1, 30), 7)
        point[x[m]] = sp.Rational(rng.randint(1, 30), 11)
    return sp.nsimplify(e.xreplace({K: size}).doit().xreplace(point))


def test_two_sums_over_one_range_become_one_and_a_lone_sum_is_left_alone():
    got, how = one_side(total(x[k] * sp.log(w[k])), total(x[k] * sp.log(x[k])))
    assert how == "the sums of both sides as one sum over their range"
    assert isinstance(got, sp.Sum) and sp.expand(got.function - x[k] * (sp.log(w[k]) - sp.log(x[k]))) == 0
    assert one_side(total(x[k]), sp.Integer(0)) is None  # nothing to gather, no number beside it
    assert one_side(total(x[k]), sp.Sum(x[k], (k, 2, K))) is None  # two ranges


def test_a_number_beside_a_weighted_average_goes_into_it_only_with_weights_summing_to_one():
    entropy = sp.log(Z) - total(w[k] * sp.log(w[k])) / Z  # log Z - sum_k (w_k / Z) log w_k
    assert one_side(entropy, sp.log(K)) is None  # one sum: nothing to gather
    got, how = averaged_side(entropy, sp.log(K))
    assert how.startswith("the numbers beside a weighted average")
    for size in (1, 2, 3):
        assert abs(sp.N(value(got - (entropy - sp.log(K)), size, random.Random(size)), 30)) < 1e-20
    # a number in front stays with the term: (1/2) sum_k (w_k / Z) log w_k is sum_k (w_k / Z) (log(w_k) / 2)
    halved = sp.log(Z) - total(w[k] * sp.log(w[k])) / (2 * Z)
    half = averaged(halved)
    assert half is not None and all(abs(sp.N(value(half - halved, size, random.Random(size)), 30)) < 1e-20
                                    for size in (1, 2, 3))
    # weights that do not sum to 1 (x_k / Z, w_k / (Z + 1)): the number has no average to go into
    assert averaged(sp.log(Z) - total(x[k] * sp.log(w[k])) / Z) is None
    assert averaged(sp.log(Z) - total(w[k] * sp.log(w[k])) / (Z + 1)) is None
    assert averaged(sp.log(Z) + sp.log(x[k]) - total(w[k] * sp.log(w[k])) / Z) is None  # k free outside
    assert averaged(total(w[k]) / Z) is None  # no number beside the sum


TERMS = [lambda m: sp.log(w[m]), lambda m: x[m], lambda m: x[m] * sp.log(x[m]), lambda m: w[m] ** 2]
WEIGHTS = [lambda m: w[m] / Z, lambda m: sp.Integer(1) / K, lambda m: w[m], lambda m: x[m] / Z]
NUMBERS = [sp.log(K), sp.log(Z), sp.Integer(3), -Z]


@settings(max_examples=40, deadline=None, derandomize=True)
@given(st.integers(0, len(TERMS) - 1), st.integers(0, len(WEIGHTS) - 1), st.integers(0, len(NUMBERS) - 1),
       st.sampled_from([1, -1]), st.integers(1, 3))
def test_hypothesis_the_one_sum_has_the_value_of_the_difference(t, wt, nb, sign, size):
    lhs = sign * total(WEIGHTS[wt](k) * TERMS[t](k)) + NUMBERS[nb]
    rhs = total(WEIGHTS[(wt + 1) % len(WEIGHTS)](k) * TERMS[t](k)) if t % 2 else sp.Integer(0)
    for got in (one_side(lhs, rhs), averaged_side(lhs, rhs)):
        if got is not None:
            exact = value(got[0] - (lhs - rhs), size, random.Random(size))
            assert abs(sp.N(exact, 30)) < 1e-20, (lhs, rhs, got)


def test_sums_are_gathered_by_range_whatever_their_index_is_called_and_only_over_one_range():
    n = sp.Symbol("n", integer=True)
    # one range under two index names: one sum
    one = one_side(total(x[k] * sp.log(w[k])), total(x[j] * sp.log(x[j]), j))
    assert one is not None and isinstance(one[0], sp.Sum)
    # ranges that differ (2..K, -1..K, n..K): kept apart, and the value kept
    for lo in (2, -1, n):
        other = sp.Sum(x[j] ** 2, (j, lo, K))
        assert one_side(total(x[k]), other) is None, lo
        assert sp.Add.make_args(gathered(total(x[k]) - other, vectors=False)) == sp.Add.make_args(total(x[k]) - other)
