"""Sums compared term by term one level at a time (derivcheck/deciders/sums.py): a double sum against its count,
an inner sum against its share, a weighted average cleared of its positive denominator, and the extremum normal form
that takes index-free terms and factors out of max and min (derivcheck/functions.py `pulled`)."""

from __future__ import annotations

import random

import pytest
import sympy as sp
from hypothesis import given
from hypothesis import strategies as st

from derivcheck.deciders import general_term, sum_signs, sums
from derivcheck.deciders.vector_form import Inner, Vec
from derivcheck.files import check_latex
from derivcheck.functions import MaxOver, MinOver, pulled
from derivcheck.reader.document import parse_assumptions

from .rows import verdicts

i, j, k = (sp.Symbol(v, integer=True) for v in "ijk")
n, T, m = (sp.Symbol(v, integer=True, positive=True) for v in ("n", "T", "m"))
x, y = sp.IndexedBase("x", real=True), sp.IndexedBase("y", real=True)
w = sp.IndexedBase("w", positive=True)
A = parse_assumptions("n integer positive; T integer positive; m integer positive; a_{k,i} in [0, 1]; "
                      "p_i in [0, 1]")
a = sp.IndexedBase("a", real=True)
p = sp.IndexedBase("p", real=True)


def double(body):
    return sp.Sum(body, (i, 1, n), (k, 1, T))


def test_a_double_sum_is_compared_with_its_count_one_level_at_a_time():
    assert sums.termwise(double(a[k, i]), "<=", n * T, A) is not None
    assert sums.termwise(double(a[k, i] ** 2), "<=", double(a[k, i]), A) is not None
    how = sums.termwise(double(a[k, i]), "<=", n * T, A)
    assert "_mean0" in how  # the inner sum of one family's members: n times their mean, in [0, 1]
    how = sums.termwise(double(a[k, i] ** 2), "<=", n * T, A)
    assert "each inner sum term by term" in how
    # false: a_{k,i} = 1 everywhere gives nT > n(T - 1) and nT > nT - 1
    assert sums.termwise(double(a[k, i]), "<=", n * (T - 1), A) is None
    assert sums.termwise(double(a[k, i]), "<", n * T, A) is None
    assert sums.termwise(double(a[k, i]), "<=", double(a[k, i] ** 2), A) is None


def test_an_inner_index_is_never_taken_for_the_outer_one():
    # both levels write their index as lo + _J: with one _J for both, the inner term at j = i stood for every inner
    # term (<a_i, a_i> - <a_i, a_j> was "0"; tests/test_lemma_match_mutants.py caught it on a true step). The
    # property test below finds that mistake on scalar double sums; these false steps stay unproved
    v = sp.IndexedBase(Vec("v"))
    lhs = Inner(sp.Sum(v[i], (i, 1, n)), sp.Sum(v[i], (i, 1, n)))
    assert sums.termwise(lhs, "<=", sp.Sum(Inner(v[i], v[i]), (i, 1, n)), A) is None
    assert sums.termwise(sp.Sum(x[i] * x[j], (j, 1, n), (i, 1, n)), "<=", sp.Sum(x[i] ** 2, (i, 1, n)), A) is None
    assert sums.termwise(sp.Sum(x[i] - x[j], (j, 1, n), (i, 1, n)), "<", 0, A) is None


def test_a_weighted_average_is_cleared_of_its_positive_denominator():
    avg = sp.Sum(w[i] * p[i], (i, 1, n)) / sp.Sum(w[i], (i, 1, n))
    how = sums.termwise(avg, "<=", 1, A)
    assert how is not None and "multiplied by the denominators" in how
    big = MaxOver(x[i], (i, 1, n))
    assert sums.termwise(sp.Sum(w[i] * x[i], (i, 1, n)) / sp.Sum(w[i], (i, 1, n)), "<=", big, A) is not None
    # x_i real, not in [0, 1]: not at most 1; and a denominator of unknown sign is not multiplied through
    assert sums.termwise(sp.Sum(w[i] * x[i], (i, 1, n)) / sp.Sum(w[i], (i, 1, n)), "<=", 1, A) is None
    assert sums.termwise(sp.Sum(x[i] * p[i], (i, 1, n)) / sp.Sum(x[i], (i, 1, n)), "<=", 1, A) is None
    assert sums._cleared(avg, sp.Integer(1), A) is not None
    assert sums._cleared(sp.Sum(x[i], (i, 1, n)) / sp.Sum(x[i] ** 2, (i, 1, n)), sp.Integer(1), A) is None
    assert sums._cleared(x[1] / n, sp.Integer(1), A) is None  # no sum in a denominator: the scalar provers' business


@pytest.mark.slow  # a property over 20 s: the slow tier
@given(st.lists(st.integers(-2, 2), min_size=6, max_size=6), st.integers(0, 2))
def test_a_double_sum_proved_term_by_term_holds_at_every_point_tried(coeffs, shift):
    # sum_k sum_i f(x_i, x_k) >= c for a small polynomial f: whatever termwise proves must hold for n = 1..3 at
    # integer points (a proof that took the inner index for the outer one fails here)
    c0, c1, c2, c3, c4, c5 = coeffs
    f = c0 + c1 * x[i] + c2 * x[k] + c3 * x[i] ** 2 + c4 * x[i] * x[k] + c5 * x[k] ** 2
    lhs, rhs = sp.Integer(-shift), sp.Sum(f, (i, 1, n), (k, 1, n))
    if sums.termwise(lhs, "<=", rhs, parse_assumptions("n integer positive")) is None:
        return
    rng = random.Random(0)
    for size in (1, 2, 3):
        for _ in range(20):
            values = {x[q]: rng.randint(-3, 3) for q in range(1, size + 1)}
            total = sum(f.xreplace({i: a_, k: b_}).xreplace(values) for a_ in range(1, size + 1)
                        for b_ in range(1, size + 1))
            assert total >= -shift, (f, size, values)


def test_pulled_takes_out_index_free_terms_and_factors_of_known_sign():
    M, N = MaxOver(x[j], (j, 1, m)), MinOver(x[j], (j, 1, m))
    assert pulled(MinOver(x[j] + y[i], (j, 1, m))) == y[i] + N
    assert pulled(MaxOver(w[i] * x[j], (j, 1, m))) == w[i] * M
    assert pulled(MaxOver(-2 * x[j], (j, 1, m))) == -2 * N  # max of -2x is -2 min x
    assert pulled(MinOver(3 * x[j] - 1, (j, 1, m))) == 3 * N - 1
    assert pulled(MaxOver(y[i] * x[j], (j, 1, m))) == MaxOver(y[i] * x[j], (j, 1, m))  # y_i of either sign
    assert pulled(M) == M and pulled(MaxOver(y[i], (j, 1, m))) == MaxOver(y[i], (j, 1, m))


@given(st.lists(st.fractions(-5, 5, max_denominator=7), min_size=1, max_size=4),
       st.fractions(-3, 3, max_denominator=5), st.fractions(-3, 3, max_denominator=5), st.sampled_from([MaxOver, MinOver]))
def test_pulled_keeps_the_value_of_every_extremum(values, c, d, kind):
    size = len(values)
    c_sym, d_sym = sp.Symbol("c", nonnegative=True) if c >= 0 else sp.Symbol("c", nonpositive=True), sp.Symbol("d")
    ext = kind(c_sym * x[j] + d_sym, (j, 1, size))
    point = {x[q + 1]: sp.Rational(v.numerator, v.denominator) for q, v in enumerate(values)}
    point.update({c_sym: sp.Rational(c.numerator, c.denominator), d_sym: sp.Rational(d.numerator, d.denominator)})
    assert pulled(ext).doit().xreplace(point) == ext.doit().xreplace(point)


@pytest.mark.parametrize("row, verdict", [
    (r"\sum_{i=1}^{n} \min_{j} (x_j + y_i) \le \sum_{i=1}^{n} (x_1 + y_i)", "proved"),
    (r"\sum_{i=1}^{n} \min_{j} (x_j + y_i) = n \min_{j} x_j + \sum_{i=1}^{n} y_i", "proved"),
    (r"\sum_{i=1}^{n} \max_{j} x_j c_i = \left(\sum_{i=1}^{n} c_i\right) \max_{j} x_j", "proved"),
    (r"\sum_{i=1}^{n} \min_{j} (x_j + y_i) \ge \sum_{i=1}^{n} (x_1 + y_i)", "refuted"),
    (r"\sum_{i=1}^{n} \max_{j} x_j y_i = \left(\sum_{i=1}^{n} y_i\right) \max_{j} x_j", "refuted"),
    (r"\max_{j} (-2 x_j) = -2 \max_j x_j", "refuted"),
    (r"\sum_{k=1}^{T}\sum_{i=1}^{n} a_{k,i} \le nT", "proved"),
    (r"\sum_{k=1}^{T}\sum_{i=1}^{n} a_{k,i} \le n(T - 1)", "refuted"),
])
def test_extrema_and_double_sums_in_a_derivation(row, verdict):
    head = ("% assume: n integer positive; m integer positive; T integer positive\n% index: i in 1..n\n"
            "% index: j in 1..m\n% assume: x_j real; y_i real; c_i nonnegative; a_{k,i} in [0, 1]\n")
    out = check_latex(head + "\\begin{align*}\n" + row + "\n\\end{align*}\n", timeout=60)
    assert [v.verdict for v in out.verdicts] == [verdict], out.verdicts


SOFTMAX = ("% assume: n integer positive; m integer; m >= 2\n% index: i in 1..n\n% index: j in 1..n\n"
           "% assume: z_i real; x_i positive; r_i real; P_{i,j} positive\n")


@pytest.mark.parametrize("row, want, why", [
    (r"x_j &\le \sum_{i=1}^{n} x_i", "proved", "its term at j (in the range)"),
    (r"\frac{x_j}{\sum_{i=1}^{n} x_i} &\le 1", "proved", "multiplied by the denominators"),
    (r"\frac{e^{z_j}}{\sum_{i=1}^{n} e^{z_i}} &\le 1", "proved", "multiplied by the denominators"),
    (r"z_j - \log\sum_{i=1}^{n} e^{z_i} &\le 0", "proved", "exponentiated and multiplied by the denominators"),
    (r"0 &< \frac{P_{i,j}}{\sum_{k=1}^{m} P_{i,k}}", "proved", ""),
    # false variants: a term of unknown sign, a term outside the range, a bound too strong
    (r"r_j &\le \sum_{i=1}^{n} r_i", "refuted", ""),
    (r"x_j &\le \sum_{i=2}^{n} x_i", "refuted", ""),
    (r"x_{j+1} &\le \sum_{i=1}^{n} x_i", "refuted", ""),
    (r"2x_j &\le \sum_{i=1}^{n} x_i", "refuted", ""),
    (r"z_j - \log\sum_{i=1}^{n} e^{z_i} &\le -\log n", "refuted", ""),
    (r"\frac{e^{z_j}}{\sum_{i=1}^{n} e^{z_i}} &< \frac{1}{n}", "refuted", ""),
])
def test_one_term_named_by_a_free_index_against_a_sum_of_nonnegative_terms(row, want, why):
    """x_j <= sum_i x_i for x_i > 0 and j in 1..n: the term at j is one of the sum's nonnegative terms. Through the
    transforms: a softmax probability is at most 1, its log at most 0; with the sum a positive number, a quotient of
    positives is positive."""
    (v,) = verdicts(SOFTMAX, row)
    assert v.verdict == want and why in v.method, (row, v.verdict, v.method)


def test_the_index_a_step_names_must_be_an_integer_shown_in_the_range():
    B = parse_assumptions("j integer; j in [1, 5]; s in [1, 5]; k integer")
    jj, ss, kk = (B.symbol(x) for x in ("j", "s", "k"))
    x = sp.IndexedBase("x")
    assert general_term.index_in_range(x[jj], 1, 5, B) == jj
    assert general_term.index_in_range(x[jj] + x[kk], 1, 5, B) == jj
    assert general_term.index_in_range(x[ss], 1, 5, B) is None  # a real in 1..5 names no term
    assert general_term.index_in_range(x[kk], 1, 5, B) is None  # an integer not known to lie in the range
    assert general_term.index_in_range(x[jj], 2, 5, B) is None  # j = 1 is allowed
    assert general_term.index_in_range(x[jj], 1, 4, B) is None  # j = 5 is allowed


def test_a_sum_is_a_positive_number_from_its_terms_declared_domain_over_a_range_z3_shows_nonempty():
    """sum_{k=1}^{m} P_{i,k} with P positive and m >= 2 declared: SymPy's assumptions do not see m >= 1, Z3 does; the
    abstraction then gives the sum a positive symbol (0 < P_ij / sum_k P_ik), and nothing where a term may be 0."""
    B = parse_assumptions("m integer; m >= 2; P_{i,j} positive; q_{i,j} nonnegative")
    m, k, ii, jj = B.symbol("m"), sp.Symbol("k", integer=True), sp.Symbol("i", integer=True), sp.Symbol("j", integer=True)
    P, q = sp.IndexedBase("P"), sp.IndexedBase("q")
    row = sp.Sum(P[ii, k], (k, 1, m))
    assert sum_signs.sign(row) == {} and sum_signs.positive(row, B)
    lhs, rhs, names = sum_signs.abstracted(sp.Integer(0), P[ii, jj] / row, B)
    assert list(names) == [row] and names[row].is_positive and rhs == P[ii, jj] / names[row]
    assert sum_signs.abstracted(sp.Integer(0), P[ii, jj] / row)[2] == {}  # without the declarations: no sign
    assert not sum_signs.positive(sp.Sum(q[ii, k], (k, 1, m)), B)  # terms that may be 0
    assert not sum_signs.positive(sp.Sum(P[ii, k], (k, 3, m)), B)  # m = 2: empty


WEIGHTS = ("% assume: n integer; n >= 2; \\eta positive\n% index: i in 1..n\n% index: j in 1..n\n"
           "% assume: L_i nonnegative\n")


@pytest.mark.parametrize("row, want", [
    (r"\frac{e^{-\eta L_i}}{\sum_{j=1}^{n} e^{-\eta L_j}} &\le e^{\eta(\min_{j} L_j - L_i)}", "proved"),
    (r"\frac{e^{-\eta L_i}}{\sum_{j=1}^{n} e^{-\eta L_j}} &\le e^{\eta(\max_{j} L_j - L_i)}", "proved"),
    (r"\frac{e^{-\eta L_i}}{\sum_{j=1}^{n} e^{-\eta L_j}} &\ge \frac{e^{-\eta L_i}}{n}", "proved"),
    (r"\frac{e^{-\eta L_i}}{\sum_{j=1}^{n} e^{-\eta L_j}} &\le \frac{1}{2} e^{\eta(\min_{j} L_j - L_i)}", "refuted"),
    (r"\frac{e^{-\eta L_i}}{\sum_{j=1}^{n} e^{-\eta L_j}} &\ge e^{\eta(\min_{j} L_j - L_i)}", "refuted"),
    (r"\frac{e^{-\eta L_i}}{\sum_{j=1}^{n} e^{-\eta L_j}} &\ge \frac{e^{-\eta L_i}}{n - 1}", "refuted"),
])
def test_exponential_weights_with_n_at_least_2_against_the_smallest_loss_and_the_count(row, want):
    """n >= 2 with i in 1..n is read n = max(i, 2) + n_minus_i: the range's count and its nonemptiness are shown
    with Max(2, i) as 2 + s (`functions.nonnegative`). A weight is at most e^{eta(min_j L_j - L_i)}: the sum is at
    least its term where the minimum is attained, the extremum in the coefficient of the sum."""
    (v,) = verdicts(WEIGHTS, row)
    assert v.verdict == want, (row, v.verdict, v.method)


def test_a_range_end_with_a_max_is_shown_nonnegative_through_the_maxs_number():
    from derivcheck.functions import nonnegative

    ii, m = sp.Symbol("i", integer=True), sp.Symbol("n_minus_i", integer=True, nonnegative=True)
    assert nonnegative(m + sp.Max(2, ii) - 1) and nonnegative(m + sp.Max(2, ii) - 2)
    assert not nonnegative(m + sp.Max(2, ii) - 3)  # Max(2, i) may be 2 and n_minus_i 0
    assert not nonnegative(m + sp.Max(ii, sp.Symbol("k")) - 1)  # no number among its arguments
    assert MinOver(x[i], (i, 1, m + sp.Max(2, ii))).is_real  # a nonempty range: one of its (real) terms


def test_a_product_with_a_sum_of_terms_in_it_is_multiplied_out_one_level_down():
    """-(a + b)/(2n) + c has the summands -a/(2n), -b/(2n), c (SymPy's expand with deep=False leaves the arguments
    of a top-level sum alone): the gradient term of least squares, distributed into sums, then compared term by
    term."""
    u, v, w = sp.symbols("u v w")
    assert set(sums.summands(-(u + sp.Sum(x[i], (i, 1, n))) / (2 * n) + w)) == {
        -u / (2 * n), -sp.Sum(x[i], (i, 1, n)) / (2 * n), w}
    assert sums.summands(u * (v + sp.exp(v + w))) == (u * v, u * sp.exp(v + w))  # inside exp: left alone
    head = ("% assume: n integer positive\n% index: i in 1..n\n% vector: \\theta, u, a_i in R^d\n% assume: y_i real\n"
            "% function: f(\\theta) = \\frac{1}{2n}\\sum_{i=1}^{n} \\left(\\theta^\\top a_i - y_i\\right)^2\n")
    for row, want in ((r"f(u) &\ge f(\theta) + \nabla f(\theta)^\top (u - \theta)", "proved"),
                      (r"f(u) &\le f(\theta) + \nabla f(\theta)^\top (u - \theta)", "refuted")):
        (v_,) = verdicts(head, row)
        assert v_.verdict == want, (row, v_.verdict, v_.method)


def test_a_nonnegative_factor_common_to_a_maxs_terms_comes_out():
    from derivcheck.functions import scaled_out

    c, r, w_, x_ = sp.Symbol("c", positive=True), sp.Symbol("r", real=True), sp.Symbol("w"), sp.Symbol("x")
    assert scaled_out(sp.Max(0, c * w_ * x_)) == c * sp.Max(0, w_ * x_)
    assert scaled_out(sp.Min(c * w_, 2 * c * x_)) == c * sp.Min(w_, 2 * x_)
    for m in (sp.Max(0, r * w_), sp.Max(0, 2 * w_), sp.Max(c * w_, x_)):  # a factor of unknown sign, a number, not common
        assert scaled_out(m) == m, m
    k = sp.Symbol("k", nonnegative=True)  # c >= 0 too: at k = 0 both are 0, and no 1/k is left
    assert scaled_out(sp.Max(0, k * w_ * x_)) == k * sp.Max(0, w_ * x_)
    assert not scaled_out(sp.Max(0, k * w_ * x_)).has(1 / k)
    head = ("% assume: m integer positive; x real; c positive; r real\n% index: j in 1..m\n"
            "% assume: v_j real; w_j real\n")
    for row, want in ((r"\sum_{j=1}^{m} v_j\max\{0, c w_j x\} &= c\sum_{j=1}^{m} v_j\max\{0, w_j x\}", "proved"),
                      (r"\sum_{j=1}^{m} v_j\max\{0, r w_j x\} &= r\sum_{j=1}^{m} v_j\max\{0, w_j x\}", "refuted")):
        (v_,) = verdicts(head, row)
        assert v_.verdict == want, (row, v_.verdict, v_.method)


@pytest.mark.parametrize("row, want", [
    (r"\sum_{k=n+1}^{2n} \frac{1}{k} &\ge \frac{1}{2}", "proved"),
    (r"\sum_{k=1}^{n} \frac{k}{n^2} &\ge \frac{1}{n}", "proved"),
    (r"\sum_{k=n+1}^{2n} \frac{1}{k} &\ge \frac{2}{3}", "refuted"),
    (r"\sum_{k=1}^{n} \frac{1}{k} &\ge \frac{n}{2}", "refuted"),
])
def test_a_terms_index_is_bounded_by_both_ends_of_its_range(row, want):
    """1/k >= 1/(2n) holds for k in n+1..2n only: the general term at k = lo + (hi - lo) u, u in [0, 1], covers
    every index of the range (and more), where k = lo + j, j >= 0, has no upper end."""
    (v,) = verdicts("% assume: n integer positive\n", row)
    assert v.verdict == want, (row, v.verdict, v.method)
    k_, m_ = sp.Symbol("k", integer=True), sp.Symbol("m", integer=True, positive=True)
    assert sums._bounded(1 / k_ - 1 / (2 * m_), k_, m_ + 1, 2 * m_, "nonnegative", A) is not None
    assert sums._bounded(1 / k_ - 1 / (2 * m_), k_, m_ + 1, 3 * m_, "nonnegative", A) is None
    assert sums._bounded(1 / k_ - 1 / (2 * m_), k_, m_ + 1, 2 * m_, "zero", A) is None
