"""Equations with sums proved once each sum is in normal form (derivcheck/deciders/sum_identities.py): the softmax
normalisation, Chebyshev's double-sum identities, and their false variants refuted."""

from __future__ import annotations

import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from derivcheck.deciders import sum_identities
from derivcheck.deciders.problem import Problem
from derivcheck.reader.document import read_latex
from derivcheck.verdicts import check

HEAD = ("% assume: n integer positive\n% index: i in 1..n\n% index: j in 1..n\n"
        "% assume: a_i real; b_i real; z_i real\n")


def _verdicts(rows: str, head: str = HEAD):
    steps, _ = read_latex(head + "\\begin{align*}\n" + rows + "\n\\end{align*}")
    return [check(s, k) for k, s in enumerate(steps, 1)]


def test_chebyshevs_identities_and_the_softmax_normalisation_are_proved():
    rows = (r"n\sum_{i=1}^{n} a_i b_i - \left(\sum_{i=1}^{n} a_i\right)\left(\sum_{j=1}^{n} b_j\right) &= "
            r"\frac{1}{2}\sum_{i=1}^{n}\sum_{j=1}^{n} (a_i - a_j)(b_i - b_j) \\"
            r"\sum_{i=1}^{n}\sum_{j=1}^{n} (a_i - a_j)^2 &= 2n\sum_{i=1}^{n} a_i^2 - 2\left(\sum_{i=1}^{n} a_i\right)^2 \\"
            r"\sum_{j=1}^{n} \frac{e^{z_j}}{\sum_{i=1}^{n} e^{z_i}} &= 1")
    out = _verdicts(rows)
    assert [v.verdict for v in out] == ["proved"] * 3, [(v.verdict, v.method) for v in out]
    assert out[0].method.startswith("double sums split into products of single sums or nested (in either order), "
                                    "each sum and extremum in normal form")
    # the softmax normalisation is SymPy's at once, its sum over i being the one over j under another name
    assert out[2].method == "SymPy: rewrite exp+cancel", out[2].method
    steps, _ = read_latex(HEAD + "\\begin{align*}\n" + rows.split("\\\\")[2] + "\n\\end{align*}")
    (softmax,) = steps
    problem = Problem(softmax.lhs, softmax.relation, softmax.rhs, softmax.assumptions)
    assert sum_identities.decide(problem).method.startswith("each sum and extremum in normal form")


def test_false_variants_are_refuted_and_not_proved_here():
    rows = (r"n\sum_{i=1}^{n} a_i b_i - \left(\sum_{i=1}^{n} a_i\right)\left(\sum_{j=1}^{n} b_j\right) &= "
            r"\sum_{i=1}^{n}\sum_{j=1}^{n} (a_i - a_j)(b_i - b_j) \\"
            r"\sum_{i=1}^{n}\sum_{j=1}^{n} (a_i - a_j)^2 &= n\sum_{i=1}^{n} a_i^2 - \left(\sum_{i=1}^{n} a_i\right)^2 \\"
            r"\sum_{j=1}^{n} \frac{e^{z_j}}{\sum_{i=1}^{n} e^{z_i}} &= 2")
    steps, _ = read_latex(HEAD + "\\begin{align*}\n" + rows + "\n\\end{align*}")
    for s in steps:
        assert sum_identities.decide(Problem(s.lhs, s.relation, s.rhs, s.assumptions)) is None
    # through the verdict engine (the search finds the counterexample): the squared one and the softmax one
    assert [v.verdict for v in _verdicts(rows.split(r" \\", 1)[1])] == ["refuted"] * 2


def test_a_double_sum_is_split_only_over_independent_ranges_and_separable_terms():
    i, j = sp.symbols("i j", integer=True)
    n = sp.Symbol("n", integer=True, positive=True)
    a = sp.IndexedBase("a", real=True)
    triangular = sp.Sum(a[i] * a[j], (j, 1, i), (i, 1, n))  # j's range depends on i: no product of sums
    assert sum_identities._separated(triangular) == triangular
    coupled = sp.Sum(sp.exp(a[i] * a[j]), (j, 1, n), (i, 1, n))  # a factor in both indices
    assert sum_identities._separated(coupled) == coupled
    split = sum_identities._separated(sp.Sum(3 * a[i] * a[j] ** 2, (j, 1, n), (i, 1, n)))
    assert split == 3 * sp.Sum(a[i], (i, 1, n)) * sp.Sum(a[j] ** 2, (j, 1, n))
    # only equations with sums
    assert sum_identities.decide(Problem(sp.Sum(a[i], (i, 1, n)), "<=", sp.Sum(a[i], (i, 1, n)) + 1)) is None
    assert sum_identities.decide(Problem(n + 1, "=", 1 + n)) is None


IDX_I, IDX_J, IDX_K = sp.symbols("i j k", integer=True)
N = sp.Symbol("n", integer=True, positive=True)
a, b = sp.IndexedBase("a", real=True), sp.IndexedBase("b", real=True)


def _sum(e, x):
    return sp.Sum(e, (x, 1, N))


def test_equal_sums_prove_only_an_equation_never_a_strict_or_other_inequality():
    # sum_i a_i and sum_j a_j are one object: = holds, < and > are false, and <=, >=, != are not this module's
    same = (_sum(a[IDX_I], IDX_I), _sum(a[IDX_J], IDX_J))
    assert sum_identities.decide(Problem(same[0], "=", same[1])).verdict == "proved"
    for rel in ("<", ">", "<=", ">=", "!="):
        assert sum_identities.decide(Problem(same[0], rel, same[1])) is None, rel


def test_a_lone_single_sum_is_left_to_sympy_and_three_sums_are_matched():
    assert sum_identities.decide(Problem(_sum(2 * IDX_I - 1, IDX_I), "=", N ** 2)) is None
    # even one SymPy would prove (sin^2 + cos^2 = 1 term by term): a lone sum is not this module's
    assert sum_identities.decide(Problem(_sum(sp.sin(a[IDX_I]) ** 2 + sp.cos(a[IDX_I]) ** 2, IDX_I), "=", N)) is None
    three = sum_identities.decide(Problem(_sum(a[IDX_I], IDX_I) + _sum(b[IDX_J], IDX_J), "=", _sum(a[IDX_K] + b[IDX_K], IDX_K)))
    assert three is not None and three.verdict == "proved"
    assert not three.method.startswith("double sums")


def test_a_triple_sum_is_matched_as_it_is_and_only_double_sums_are_split():
    triple = sp.Sum(a[IDX_I] * a[IDX_J] * a[IDX_K], (IDX_I, 1, N), (IDX_J, 1, N), (IDX_K, 1, N))
    renamed = sp.Sum(a[IDX_K] * a[IDX_J] * a[IDX_I], (IDX_K, 1, N), (IDX_J, 1, N), (IDX_I, 1, N))
    out = sum_identities.decide(Problem(triple, "=", renamed))
    assert out is not None and out.verdict == "proved" and not out.method.startswith("double sums")
    # with a double sum beside it, the double sum is split and the triple sum kept
    double = sp.Sum(a[IDX_I] * b[IDX_J], (IDX_J, 1, N), (IDX_I, 1, N))
    out = sum_identities.decide(Problem(double + triple, "=", _sum(a[IDX_I], IDX_I) * _sum(b[IDX_J], IDX_J) + renamed))
    assert out is not None and out.verdict == "proved" and out.method.startswith("double sums split")


def test_a_form_sympy_cannot_take_is_not_proved_and_does_not_crash(monkeypatch):
    def broken(*args, **kwargs):
        raise ValueError("SymPy cannot take this form")

    monkeypatch.setattr(sum_identities, "prove_zero", broken)
    assert sum_identities.decide(Problem(_sum(a[IDX_I], IDX_I), "=", _sum(a[IDX_J], IDX_J))) is None


def test_the_points_the_search_held_are_reported_with_the_proof():
    step = Problem(_sum(a[IDX_I], IDX_I), "=", _sum(a[IDX_J], IDX_J))
    assert sum_identities.decide(step).evidence == {"rechecked_points": 0}
    step.notes["points_held"] = 7
    assert sum_identities.decide(step).evidence == {"rechecked_points": 7}


def test_a_double_sum_of_normalised_rows_or_columns_is_nested_in_the_order_that_takes_the_denominator_out():
    """A row-stochastic matrix: sum_i sum_j P_ij / sum_k P_ik = n (the inner sum over j has 1 / sum_k P_ik as a
    factor free of j) and, in the other order, sum_i sum_j P_ij / sum_k P_kj = m (the columns normalised: swapped
    first). The wrong counts, the wrong row and a shortened denominator are refuted."""
    header = "% assume: n integer positive; m integer; m >= 2\n% assume: P_{i,j} positive\n"
    rows = {r"\sum_{i=1}^{n}\sum_{j=1}^{m} \frac{P_{i,j}}{\sum_{k=1}^{m} P_{i,k}} &= n": "proved",
            r"\sum_{i=1}^{n}\sum_{j=1}^{m} \frac{P_{i,j}}{\sum_{k=1}^{n} P_{k,j}} &= m": "proved",
            r"\sum_{i=1}^{n}\sum_{j=1}^{m} \frac{P_{i,j}}{\sum_{k=1}^{m} P_{i,k}} &= m": "refuted",
            r"\sum_{i=1}^{n}\sum_{j=1}^{m} \frac{P_{i,j}}{\sum_{k=1}^{n} P_{k,j}} &= n": "refuted",
            r"\sum_{i=1}^{n}\sum_{j=1}^{m} \frac{P_{i,j}}{\sum_{k=1}^{m-1} P_{i,k}} &= n": "refuted"}
    out = _verdicts(" \\\\\n".join(rows), header)
    assert [v.verdict for v in out] == list(rows.values()), [(v.verdict, v.method) for v in out]
    assert all("nested (in either order)" in v.method for v in out[:2])
    # the swap is only taken where neither range depends on the other index
    i, j, k = IDX_I, IDX_J, IDX_K
    triangle = sp.Sum(a[i] * b[j], (j, 1, i), (i, 1, N))
    assert sum_identities._swapped(triangle) is triangle
    square = sp.Sum(a[i] * b[j], (j, 1, N), (i, 1, k))
    assert sum_identities._swapped(square) == sp.Sum(a[i] * b[j], (i, 1, k), (j, 1, N))


@pytest.mark.parametrize("row, want", [
    (r"\sum_{k=1}^{2n} \frac{1}{k} &= \sum_{k=1}^{n} \frac{1}{k} + \sum_{k=n+1}^{2n} \frac{1}{k}", "proved"),
    (r"\sum_{i=1}^{n} a_i &= a_1 + \sum_{i=2}^{n} a_i", "proved"),
    (r"\sum_{i=1}^{n+1} a_i &= \sum_{i=1}^{n} a_i + a_{n+1}", "proved"),
    (r"\sum_{k=n+1}^{2n} \frac{1}{k} &= \sum_{k=1}^{2n} \frac{1}{k} - \sum_{k=1}^{n} \frac{1}{k}", "proved"),
    # overlapping or missing pieces, and a split a paper would not mean (n < 5: sum_{6}^{n} is empty, not Karr's)
    (r"\sum_{k=1}^{2n} \frac{1}{k} &= \sum_{k=1}^{n} \frac{1}{k} + \sum_{k=n}^{2n} \frac{1}{k}", "refuted"),
    (r"\sum_{i=1}^{n} a_i &= a_1 + \sum_{i=1}^{n} a_i", "refuted"),
    # (its points evaluate sum_{6}^{n} as SymPy does, Karr's -sum_{n+1}^{5}, so no point refutes it: not proved)
    (r"\sum_{i=1}^{n} a_i &= \sum_{i=1}^{5} a_i + \sum_{i=6}^{n} a_i", "numerically holds, not proved"),
])
def test_a_sum_split_over_adjacent_ranges_is_joined_and_only_where_each_range_is_proper(row, want):
    (v,) = _verdicts(row)
    assert v.verdict == want, (row, v.verdict, v.method)


def test_joining_needs_the_same_coefficient_and_term_and_proper_ranges():
    i, k = IDX_I, IDX_K
    whole = sp.Sum(a[i], (i, 1, N))
    assert sum_identities._joined(sp.Sum(a[i], (i, 1, N)) + sp.Sum(a[k], (k, N + 1, 2 * N)) - sp.Sum(a[i], (i, 1, 2 * N))) == 0
    assert sum_identities._joined(whole + a[N + 1]) == sp.Sum(a[i], (i, 1, N + 1))
    assert sum_identities._joined(whole + a[0]) == sp.Sum(a[i], (i, 0, N))
    kept = (whole + 2 * sp.Sum(a[k], (k, N + 1, 2 * N)), whole + sp.Sum(b[k], (k, N + 1, 2 * N)),
            whole + sp.Sum(a[k], (k, N + 2, 2 * N)), sp.Sum(a[i], (i, 1, 5)) + sp.Sum(a[i], (i, 6, N)))
    for e in kept:  # another coefficient, another term, a gap, a range that may run backwards (n < 5)
        assert sum_identities._joined(e) == e, e
    # from 1: only where the start is at least 1 and every term from 1 on is finite
    t = sp.Symbol("t", integer=True)
    assert sum_identities._from_one(sp.Sum(1 / t, (t, N + 1, 2 * N))) == sp.harmonic(2 * N) - sp.harmonic(N)
    for e in (sp.Sum(1 / (t - 3), (t, N + 1, 2 * N)), sp.Sum(1 / t, (t, N - 1, 2 * N))):
        assert sum_identities._from_one(e) == e, e


def test_an_identity_with_each_sum_a_number_of_its_sign():
    """-log(e^{z_k} / sum_i e^{z_i}) = log sum_i e^{z_i} - z_k needs the sum positive (a log of a quotient split):
    with the sum a positive number it is SymPy's. Without a sign known, or false, nothing is proved."""
    head = "% assume: n integer positive\n% index: i in 1..n\n% index: k in 1..n\n% assume: z_i real; r_i real\n"
    rows = {r"-\log\frac{e^{z_k}}{\sum_{i=1}^{n} e^{z_i}} &= \log\sum_{i=1}^{n} e^{z_i} - z_k": "proved",
            r"-\log\frac{e^{z_k}}{\sum_{i=1}^{n} e^{z_i}} &= \log\sum_{i=1}^{n} e^{z_i} + z_k": "refuted"}
    for row, want in rows.items():
        (v,) = _verdicts(row, head)
        assert v.verdict == want, (row, v.verdict, v.method)
        assert want != "proved" or "each sum a number of its sign" in v.method, v.method
    i = IDX_I
    r = sp.IndexedBase("r", real=True)
    unsigned = Problem(sp.log(sp.Sum(r[i], (i, 1, N)) ** 2), "=", 2 * sp.log(sp.Sum(r[i], (i, 1, N))))
    assert sum_identities._signed(unsigned) is None  # the sum may be negative: log(S^2) = 2 log S fails


@pytest.mark.slow  # over 10 s on 2 cores: the slow tier, which CI also runs
def test_a_sum_whose_terms_cancel_in_pairs_from_both_ends_is_proved_and_false_variants_refuted():
    head = "% assume: T integer positive; n integer positive\n"
    rows = (r"\sum_{t=0}^{T} \cos\frac{\pi t}{T} &= 0 \\"  # the cosine schedule's cosines cancel in pairs t, T - t
            r"\sum_{k=0}^{n} \left(\frac{k}{n} - \frac12\right)^3 &= 0 \\"
            r"\sum_{t=1}^{T} \cos\frac{\pi t}{T} &= 0 \\"  # the pair of t = 0 is missing: -1 at T = 1
            r"\sum_{t=0}^{T} \sin\frac{\pi t}{T} &= 0")  # sin(pi - u) = sin(u): the terms do not cancel
    out = _verdicts(rows, head)
    assert [v.verdict for v in out] == ["proved", "proved", "refuted", "refuted"], [(v.verdict, v.method) for v in out]
    assert "the same terms in reverse order" in out[0].method, out[0].method


def test_mirrored_proves_only_what_pairs_from_both_ends_show():
    T, t = sp.Symbol("T", integer=True, positive=True), sp.Symbol("t", integer=True)
    one = sum_identities.mirrored(Problem(sp.Sum(sp.cos(sp.pi * t / T), (t, 0, T)), "=", sp.Integer(0), None))
    assert one is not None and one.verdict == "proved"
    # a body the mirror leaves as it is gives nothing new to prove, and a false identity stays unproved
    assert sum_identities.mirrored(Problem(sp.Sum(sp.Integer(1), (t, 0, T)), "=", T + 1, None)) is None
    assert sum_identities.mirrored(Problem(sp.Sum(sp.cos(sp.pi * t / T), (t, 1, T)), "=", sp.Integer(0), None)) is None


@settings(max_examples=25, derandomize=True, deadline=None)
@given(lo=st.integers(-3, 3), length=st.integers(-4, 6), coeffs=st.lists(st.integers(-3, 3), min_size=3, max_size=3))
def test_hypothesis_the_mirrored_sum_has_the_sums_value_over_any_range(lo, length, coeffs):
    # SymPy's convention for a backward range (the sum from lo to hi < lo - 1 is minus the sum from hi + 1 to lo - 1)
    # maps onto itself under i -> lo + hi - i as well
    k = sp.Symbol("k", integer=True)
    hi = lo + length
    body = coeffs[0] + coeffs[1] * k + coeffs[2] * k ** 3
    mirrored = (body + body.xreplace({k: lo + hi - k})) / 2
    assert sp.Sum(body, (k, lo, hi)).doit() == sp.Sum(mirrored, (k, lo, hi)).doit()


@pytest.mark.parametrize("row, want", [
    (r"\sum_{t=0}^{n-1} a_{t+1}^2 &= \sum_{t=1}^{n} a_t^2", "proved"),
    (r"\sum_{t=2}^{n+1} a_{t-1} b_{t-1} &= \sum_{i=1}^{n} a_i b_i", "proved"),
    (r"\sum_{t=0}^{n-1} (a_{t+1} - a_t) + \sum_{t=1}^{n} a_t &= \sum_{t=0}^{n-1} (2 a_{t+1} - a_t)", "proved"),
    # off by one at either end, and the term not shifted with its index
    (r"\sum_{t=0}^{n} a_{t+1}^2 &= \sum_{t=1}^{n} a_t^2", "refuted"),
    (r"\sum_{t=0}^{n-1} a_{t+1}^2 &= \sum_{t=0}^{n-1} a_t^2", "refuted"),
    (r"\sum_{t=0}^{n-1} a_{t}^2 &= \sum_{t=1}^{n} a_t^2", "refuted"),
])
def test_sums_over_shifted_ranges_are_one_sum_and_off_by_one_variants_are_refuted(row, want):
    (v,) = _verdicts(row, HEAD + "% index: t in 0..n\n% assume: a_t real; b_t real\n")
    assert v.verdict == want, (row, v.verdict, v.method)
    if want == "proved":
        assert "each sum's index shifted to start at 0" in v.method or "identical" in v.method, v.method


@settings(max_examples=25, derandomize=True, deadline=None)
@given(lo=st.integers(-3, 3), length=st.integers(-4, 6), coeffs=st.lists(st.integers(-3, 3), min_size=3, max_size=3))
def test_hypothesis_a_sum_shifted_to_start_at_0_keeps_its_value_over_any_range(lo, length, coeffs):
    k = sp.Symbol("k", integer=True)
    body = coeffs[0] + coeffs[1] * k + coeffs[2] * k ** 3
    s = sp.Sum(body, (k, lo, lo + length))
    shifted = sum_identities._from_zero(s)
    assert shifted.limits[0][1] == 0 and shifted.limits[0][2] == length
    assert s.doit() == shifted.doit()
