"""Sums over the pairs j < i of a symmetric term (deciders/pair_sums.py): half the full double sum less its
diagonal, exactly, and only for a symmetric term."""

from fractions import Fraction

import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from derivcheck.deciders import pair_sums
from derivcheck.deciders.judge import unrolled
from derivcheck.deciders.problem import Outcome, Problem
from derivcheck.reader.declarations import Assumptions
from tests.rows import verdicts

i, j = sp.Symbol("i", integer=True), sp.Symbol("j", integer=True)
n = sp.Symbol("n", integer=True, positive=True)
s = sp.IndexedBase("s")


def test_a_symmetric_term_over_the_pairs_is_half_the_square_less_the_diagonal():
    f = (s[i] - s[j]) ** 2
    square = (sp.Sum(f, (j, 1, n), (i, 1, n)) - sp.Sum(0 * i, (i, 1, n))) / 2
    assert pair_sums.halved(sp.Sum(f, (j, 1, i - 1), (i, 1, n))) == square
    assert pair_sums.halved(sp.Sum(f, (j, i + 1, n), (i, 1, n))) == square  # the pairs i < j: the same total
    assert pair_sums.halved(sp.Sum(sp.Sum(f, (j, 1, i - 1)), (i, 1, n))) == square  # nested, not merged
    assert pair_sums.halved(sp.Sum(sp.Abs(s[i] - s[j]), (j, 1, i - 1), (i, 1, n))) is not None


def test_what_is_not_a_sum_over_pairs_of_a_symmetric_term_is_left_alone():
    for e in (sp.Sum((s[i] - 2 * s[j]) ** 2, (j, 1, i - 1), (i, 1, n)),  # not symmetric
              sp.Sum((s[i] - s[j]) ** 2, (j, 1, i), (i, 1, n)),  # j <= i: the diagonal once, not a pair sum
              sp.Sum((s[i] - s[j]) ** 2, (j, 2, i - 1), (i, 1, n)),  # another lower end
              sp.Sum((s[i] - s[j]) ** 2, (j, 1, n), (i, 1, n)),  # already the square
              sp.Sum((s[i] - s[j]) ** 2, (j, 1, i - 1), (i, 1, j)),  # the pair index in the outer range's end
              sp.Sum(s[i], (i, 1, n)), s[i]):
        assert pair_sums.halved(e) is None, e


@settings(max_examples=25)
@given(st.integers(0, 5), st.lists(st.fractions(-3, 3, max_denominator=4), min_size=5, max_size=5),
       st.sampled_from(["square", "abs", "product", "skew"]), st.booleans())
def test_hypothesis_the_square_form_has_the_value_of_the_pair_sum(size, values, kind, above):
    term = {"square": (s[i] - s[j]) ** 2, "abs": sp.Abs(s[i] - s[j]), "product": s[i] * s[j] + 1,
            "skew": s[i] - s[j] ** 2}[kind]
    pairs = sp.Sum(term, (j, i + 1, n) if above else (j, 1, i - 1), (i, 1, n))
    out = pair_sums.halved(pairs)
    assert (out is None) == (kind == "skew")  # rewritten exactly when the term is symmetric
    if out is not None:
        at = {n: size, **{s[k + 1]: sp.Rational(Fraction(v).numerator, Fraction(v).denominator)
                          for k, v in enumerate(values)}}
        value = [unrolled(e.xreplace({n: size})).doit().xreplace(at) for e in (out, pairs)]  # written out
        assert sp.simplify(value[0] - value[1]) == 0


def test_the_decider_takes_only_a_proof_of_the_rewritten_step():
    pairs = sp.Sum((s[i] - s[j]) ** 2, (j, 1, i - 1), (i, 1, n))
    step = Problem(pairs, "=", n * sp.Sum(s[i] ** 2, (i, 1, n)) - sp.Sum(s[i], (i, 1, n)) ** 2, Assumptions())
    out = pair_sums.decide(step, lambda p: Outcome("proved", "SymPy"))
    assert out.verdict == "proved" and out.method == f"{pair_sums.DESCRIBED}; then SymPy"
    assert pair_sums.decide(step, lambda p: Outcome("refuted", "a point")) is None
    assert pair_sums.decide(Problem(s[1], "=", s[2], Assumptions()), lambda p: Outcome("proved", "SymPy")) is None


@pytest.mark.slow  # 25 s on 2 cores: the slow tier, which CI also runs
def test_the_u_statistic_identities_are_proved_and_a_false_variant_refuted():
    head = "% assume: n integer; n >= 2\n% index: i in 1..n\n% index: j in 1..n\n% assume: s_i in [0, 1]\n"
    got = verdicts(head, r"\sum_{i=1}^{n}\sum_{j=1}^{i-1} (s_i - s_j)^2 &= n\sum_{i=1}^{n} s_i^2"
                         r" - \left(\sum_{i=1}^{n} s_i\right)^2",
                   r"\sum_{i=1}^{n}\sum_{j=1}^{i-1} (s_i - s_j)^2 &= 2n\sum_{i=1}^{n} s_i^2"
                   r" - 2\left(\sum_{i=1}^{n} s_i\right)^2")
    assert [v.verdict for v in got] == ["proved", "refuted"]
    assert got[0].method.startswith(pair_sums.DESCRIBED)


def test_limits_are_compared_by_value_and_a_form_sympy_cannot_take_is_not_symmetric(monkeypatch):
    m = sp.Symbol("m", integer=True, positive=True)
    f = (s[i] - s[j]) ** 2
    low, high = m + 1, n + 2
    sp.core.cache.clear_cache()  # the same ends as other objects: equal, not identical
    assert low is not m + 1 and high is not n + 2
    assert pair_sums.halved(sp.Sum(f, (j, low, i - 1), (i, m + 1, n))) is not None
    assert pair_sums.halved(sp.Sum(f, (j, i + 1, high), (i, 1, n + 2))) is not None
    same = sp.Symbol("i", integer=True)  # the outer index under another object: the inner one is no second index
    assert same == i and pair_sums.halved(sp.Sum(s[i] * s[same], (same, 1, i - 1), (i, 1, n))) is None
    k = sp.Symbol("k", integer=True)
    assert pair_sums.halved(sp.Sum(f, (j, 1, i - 1), (i, 1, n), (k, 1, m))) is None  # three indices: no pair sum

    def cannot(*args, **kwargs):
        raise ValueError("a form SymPy cannot take")

    monkeypatch.setattr(pair_sums.sp, "simplify", cannot)
    assert pair_sums.halved(sp.Sum(f, (j, 1, i - 1), (i, 1, n))) is None  # symmetry not shown: nothing rewritten
