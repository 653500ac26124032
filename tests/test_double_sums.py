"""Double sums of two-index families (derivcheck/deciders/lemma_match.py, unify.py): a sum over several indices is a
sum over its outermost index of the sum over the others, so a sum lemma applies to it with v_k := sum_i g_{k,i};
two sums over one range are compared term by term with the lemmas at a term (the triangle inequality inside a sum
over k); only on a range that does not run backwards."""

from __future__ import annotations

import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from derivcheck.deciders import lemma_match
from derivcheck.reader.declarations import Assumptions
from tests.rows import verdicts

HEAD = ("% assume: K integer positive; n integer positive\n% index: k in 1..K; i in 1..n\n"
        "% vector: \\mathbf{g}_{k,i} in R^d\n% assume: x_{k,i} real\n")
G = r"\mathbf{g}_{k,i}"
MEAN = r"\frac{1}{nK}\sum_{k=1}^{K}\sum_{i=1}^{n}"


def test_the_triangle_inequality_and_jensen_over_a_double_sum_are_proved_for_every_d():
    # federated averaging over K workers of n examples each: they ended "numerically" in d = 1..4
    true = [rf"\left\|{MEAN}{G}\right\| &\le {MEAN}\left\|{G}\right\|",
            rf"\left\|{MEAN}{G}\right\|^2 &\le {MEAN}\left\|{G}\right\|^2",
            rf"\sum_{{k=1}}^{{K}}\left\|\sum_{{i=1}}^{{n}}{G}\right\| &\le \sum_{{k=1}}^{{K}}\sum_{{i=1}}^{{n}}\|{G}\|",
            r"\left|\sum_{k=1}^{K}\sum_{i=1}^{n} x_{k,i}\right| &\le \sum_{k=1}^{K}\sum_{i=1}^{n} |x_{k,i}|"]
    got = verdicts(HEAD, *true)
    assert [v.verdict for v in got] == ["proved"] * 4, [(v.verdict, v.method) for v in got]
    assert "comparing the sums term by term (the term at j + 1, any integer j >= 0)" in got[0].method, got[0].method
    assert "v_i := sum_{k1=1..n} g_{i,k1}" in got[0].method, got[0].method


def test_false_variants_over_a_double_sum_are_refuted():
    false = [rf"\left\|{MEAN}{G}\right\| &\le \frac{{1}}{{2}}{MEAN}\left\|{G}\right\|",
             rf"\sum_{{k=1}}^{{K}}\left\|\sum_{{i=1}}^{{n}}{G}\right\| &\le "
             rf"\sum_{{k=1}}^{{K}}\sum_{{i=2}}^{{n}}\|{G}\|",
             rf"\left\|{MEAN}{G}\right\|^2 &\le \frac{{1}}{{nK^2}}\sum_{{k=1}}^{{K}}\sum_{{i=1}}^{{n}}\|{G}\|^2"]
    got = verdicts(HEAD, *false)
    assert [v.verdict for v in got] == ["refuted"] * 3, [(v.verdict, v.method) for v in got]


K, n = sp.Symbol("K", integer=True, positive=True), sp.Symbol("n", integer=True, positive=True)
k, i = sp.Symbol("k", integer=True), sp.Symbol("i", integer=True)
x = sp.IndexedBase("x", real=True)


def _step(a, c, top=K):
    lhs = sp.Sum(sp.Abs(sp.Sum(a * x[k, i], (i, 1, n))), (k, 1, top))
    rhs = c * sp.Sum(sp.Abs(x[k, i]), (i, 1, n), (k, 1, top))
    return lhs, rhs


def test_a_range_that_may_run_backwards_is_not_compared_term_by_term():
    # with M any integer, sum_{k=1}^{M} is SymPy's signed sum: for M < 0 it is minus the terms M+1..0, and the
    # termwise inequality turns around there
    m = sp.Symbol("M", integer=True)
    forward, anywhere = _step(1, 1, K), _step(1, 1, m)
    assert lemma_match.prove(forward[0], "<=", forward[1], Assumptions(), vector=False) is not None
    assert lemma_match.prove(anywhere[0], "<=", anywhere[1], Assumptions(), vector=False) is None


@settings(max_examples=10, deadline=None)
@given(st.integers(-3, 3), st.integers(0, 4))
def test_a_double_sum_bound_is_proved_exactly_when_it_holds(a, c):
    """sum_k |sum_i a x_{k,i}| <= c sum_k sum_i |x_{k,i}| holds for all x iff |a| <= c (x_{1,1} alone shows it):
    proved then, never otherwise."""
    lhs, rhs = _step(a, c)
    how = lemma_match.prove(lhs, "<=", rhs, Assumptions(), vector=False)
    assert (how is not None) == (abs(a) <= c), (a, c, how)


def test_a_factor_outside_with_a_sum_of_its_own_is_kept_whole():
    # sqrt(sum_k y_k) times each side: the factor's own sum has the outer sum's (alpha) index name, and putting the
    # term's index into it would have rewritten its bound variable
    y = sp.IndexedBase("y", nonnegative=True)
    root = sp.sqrt(sp.Sum(y[k], (k, 1, K)))
    lhs, rhs = _step(1, 1)
    assert lemma_match.prove(root * lhs, "<=", root * rhs, Assumptions(), vector=False) is not None
    assert lemma_match.prove(2 * root * lhs, "<=", root * rhs, Assumptions(), vector=False) is None
