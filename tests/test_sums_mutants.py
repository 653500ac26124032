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


P = parse_assumptions("n integer positive; k integer nonnegative; p_i in [2/5, 1]; y_i in {-1, 1}")
Q = parse_assumptions("n integer positive; p_i in [1/2, 1]")
p, y = sp.IndexedBase("p", real=True), sp.IndexedBase("y", real=True)


def test_a_sum_whose_range_may_be_empty_is_not_taken_at_a_term_no_index_names():
    # 2/5 <= sum_{i=1}^{k} p_i fails at k = 0, though 2/5 <= p_i for every i: no index of the step names a term
    assert sums.attained_term(sp.Rational(2, 5), sp.Sum(p[i], (i, 1, k)), P) is None


def test_a_root_is_removed_by_squaring_both_sides_and_by_nothing_else():
    rms = sp.sqrt(sp.Sum(p[i] ** 2, (i, 1, n)) / n)
    assert sums.termwise(sp.Rational(1, 2), "<=", rms, Q).startswith("both sides squared")  # p_i >= 1/2
    # false at p_i = 2/5 (the root mean square is 2/5), though 1/8 <= p_i^2 holds there: only a square is sufficient
    assert sums.termwise(sp.Rational(1, 2), "<=", rms, P) is None


def test_the_general_term_is_taken_at_every_point_of_the_range_from_its_lower_end():
    kk = sp.Symbol("kk", integer=True)
    how = sums.termwise(sp.Rational(1, 2), "<=", sp.Sum(1 / kk, (kk, n + 1, 2 * n)), P)
    assert "(at the index n + 1 + (n - 1) u, u in [0, 1])" in how, how  # 1/k >= 1/(2n) on n + 1..2n
    # a term >= 0 exactly on the range's points and between them, and < 0 below it (k = 2 < n + 1 for n > 1)
    how = sums.termwise(sp.Integer(0), "<=", sp.Sum((kk - n - 1) * (2 * n - kk) * sp.log(kk), (kk, n + 1, 2 * n)), P)
    assert how is not None and "u in [0, 1]" in how, how
    # (k - 2n + 1) log k >= 0 only near the upper end: the sum is about -n^2 log(n) / 2
    assert sums.termwise(sp.Integer(0), "<=", sp.Sum((kk - 2 * n + 1) * sp.log(kk), (kk, n + 1, 2 * n)), P) is None


def test_a_proof_through_the_finite_sets_says_how_many_cases_it_took():
    how = sums.termwise(sp.Integer(0), "<=", sp.Sum(p[i] * y[i] ** 2 - sp.Rational(2, 5), (i, 1, n)), P)
    assert how.startswith("every term of the difference is nonnegative, with each family member") and how.endswith(
        " (for each of the 2 values of the finite sets)"), how
    how = sums.termwise(sp.Integer(0), "<=", sp.Sum(p[i] - sp.Rational(2, 5), (i, 1, n)), P)
    assert how.startswith("every term of the difference is nonnegative") and "finite sets" not in how, how
    assert "each extremum" not in how
    how = sums.termwise(sp.Integer(0), "<=", sp.Sum(MaxOver(x[j], (j, 1, n)) - x[i], (i, 1, n)), P)
    assert how.startswith("every term of the difference is nonnegative, each extremum over the range taken as at "
                          "least (a max) or at most (a min) its term there"), how


def test_an_equation_is_not_proved_by_showing_its_inner_sums_nonnegative():
    double = sp.Sum(sp.Sum(p[j], (j, 1, n)), (i, 1, n))  # n sum_j p_j > 0: not 0
    assert sums.termwise(sp.Integer(0), "=", double, P) is None
    assert sums.termwise(sp.Integer(0), "<=", double, P) is not None


def test_a_triple_sum_keeps_both_inner_levels_as_its_term():
    kk = sp.Symbol("kk", integer=True)
    triple = sp.Sum(p[i], (i, 1, n), (j, 1, n), (kk, 1, n))  # n^2 sum_i p_i, at least 2 n^3 / 5
    assert sums.termwise(triple, "<=", n ** 3, P) is not None
    assert sums.termwise(triple, "<=", n ** 2, P) is None  # false from n = 3 on


def test_a_term_outside_every_sum_that_names_the_sums_index_is_not_shared_among_its_terms():
    # p_i with i free is any member, not one of sum_{i=1}^{n} p_i's terms: p_5 <= p_1 is false at n = 1
    assert sums.termwise(p[i], "<=", sp.Sum(p[i], (i, 1, n)), P) is None
