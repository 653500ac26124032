"""The extremum comparisons' contracts that mutation testing found unpinned (derivcheck/deciders/sums.py).

An extremum is replaced by its term where it is attained only when that index lies where the argument needs it: in
the sum's range (`attained_term`), in every other extremum's range (`extrema_by_terms`), and in a range known to be
nonempty. Each test below is a false step, or a step about an extremum over a range that may be empty, that a looser
check would prove; each comes with the true step beside it, which is proved. They are fast: no engine, no search.
"""

from __future__ import annotations

import sympy as sp

from derivcheck.deciders import sums
from derivcheck.functions import MaxOver, MinOver
from derivcheck.reader.document import parse_assumptions

i, j = (sp.Symbol(v, integer=True) for v in "ij")
n, m = (sp.Symbol(v, integer=True, positive=True) for v in "nm")
k = sp.Symbol("k", integer=True, nonnegative=True)  # k = 0 is allowed: 1..k may be empty
w = sp.IndexedBase("w", positive=True)
x = sp.IndexedBase("x", real=True)
A = parse_assumptions("n integer positive; m integer positive; k integer nonnegative")


def total(lo, hi, scale=1):
    return scale * sp.Sum(w[i], (i, lo, hi))


def test_an_extremum_is_one_of_the_sums_terms_only_when_its_range_lies_inside_the_sums():
    assert sums.attained_term(MaxOver(w[j], (j, 1, n)), total(1, n), A) is not None  # max_j w_j <= sum_i w_i
    # w_0 or w_{n+1} is no term of the sum: max over 0..n (or 1..n+1) can exceed sum_{i=1}^{n} w_i
    assert sums.attained_term(MaxOver(w[j], (j, 0, n)), total(1, n), A) is None
    assert sums.attained_term(MaxOver(w[j], (j, 1, n + 1)), total(1, n), A) is None
    assert sums.attained_term(MaxOver(w[j], (j, 1, n)), total(0, n), A) is not None  # a part of the sum's range
    assert sums.attained_term(MaxOver(w[j], (j, 2, n)), total(1, n), A) is None  # 2..n is empty at n = 1


def test_the_extremums_term_is_compared_with_the_sums_term_times_its_coefficient():
    assert sums.attained_term(MaxOver(w[j], (j, 1, n)), total(1, n, 2), A) is not None  # max_j w_j <= 2 sum_i w_i
    # max_j w_j <= (1/2) sum_i w_i is false at n = 1: the term w_i against w_i / 2, not w_i against 1/2 + w_i
    assert sums.attained_term(MaxOver(w[j], (j, 1, n)), total(1, n, sp.Rational(1, 2)), A) is None


def test_each_other_extremums_range_must_hold_the_index_where_the_first_is_attained():
    # min over 1..n against min over 1..m: the ranges' order is not known (m - n has no sign), so no index is shared
    assert sums.extrema_by_terms(MinOver(x[j], (j, 1, n)), "<=", MinOver(x[j], (j, 1, m)), A) is None
    assert sums.extrema_by_terms(MinOver(x[j], (j, 1, n)), "<=", MinOver(x[j], (j, 1, n)) + 1, A) is not None


def test_an_extremum_over_a_range_that_may_be_empty_is_not_taken_at_a_term():
    assert sums.extrema_by_terms(MaxOver(x[j], (j, 1, k)), "<=", MaxOver(x[j], (j, 1, k)) + 1, A) is None
    assert sums.extrema_by_terms(MaxOver(x[j], (j, 1, n)), "<=", MaxOver(x[j], (j, 1, n)) + 1, A) is not None
