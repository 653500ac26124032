"""A step in single sums proved over pairs (derivcheck/deciders/symmetrized.py): Chebyshev's sum inequality and its
relatives proved, false variants refuted, and the double sum over pairs equal to the difference it replaces."""

from __future__ import annotations

import functools
from fractions import Fraction

import pytest
import sympy as sp
from hypothesis import given
from hypothesis import strategies as st

from derivcheck.deciders import symmetrized
from derivcheck.deciders.problem import Problem
from derivcheck.files import check_latex
from derivcheck.reader.document import parse_assumptions

from .rows import verdicts

HEAD = ("% assume: n integer positive\n% index: i in 1..n\n% index: j in 1..n\n"
        "% assume: a_i real; b_i real; x_i nonnegative; r_i real; p_i in [0, 1]\n")


n = sp.Symbol("n", integer=True, positive=True)
m = sp.Symbol("m", integer=True)
k, l_ = sp.Symbol("k", integer=True), sp.Symbol("l", integer=True)
x, y = sp.IndexedBase("x", real=True), sp.IndexedBase("y", real=True)
A = parse_assumptions("n integer positive")


def test_only_a_combination_over_one_nonempty_range_with_a_product_of_two_sums_is_taken_over_pairs():
    sx, sy = sp.Sum(x[k], (k, 1, n)), sp.Sum(y[l_], (l_, 1, n))
    assert symmetrized.over_pairs(n * sp.Sum(x[k] * y[k], (k, 1, n)) - sx * sy) is not None
    assert symmetrized.over_pairs(n * sp.Sum(x[k] * y[k], (k, 1, n)) - sx) is None  # no product: term by term
    assert symmetrized.over_pairs(sx * sp.Sum(y[l_], (l_, 2, n)) - sx) is None  # two ranges
    assert symmetrized.over_pairs(sp.Sum(x[k], (k, 1, m)) ** 2) is None  # m may be 0: no pairs to divide by
    assert symmetrized.over_pairs(sx * sy * sx) is None  # three sums in a product
    assert symmetrized.over_pairs(sp.Sum(x[k] * y[l_], (k, 1, n), (l_, 1, n))) is None  # already a double sum
    assert symmetrized.decide(Problem(sx * sy, "<", n * sp.Sum(x[k] * y[k], (k, 1, n)), A)) is None  # strict


def _value(e, xs, ys):
    """e with n = len(xs) and the families at the given values, exactly."""
    size = len(xs)

    def unrolled(s):  # each limit in turn, the innermost first (faster than SymPy's doit on a double sum)
        out = s.function
        for v, lo, hi in s.limits:
            out = sp.Add(*[out.xreplace({v: sp.Integer(q)}) for q in range(int(lo), int(hi) + 1)])
        return out

    e = e.xreplace({n: sp.Integer(size)}).replace(lambda t: isinstance(t, sp.Sum), unrolled)
    subs = {x[q + 1]: v for q, v in enumerate(xs)} | {y[q + 1]: v for q, v in enumerate(ys)}
    value = e.xreplace(subs)
    assert value.is_Rational, value
    return value


SMALL = st.integers(-4, 4).map(lambda v: sp.Rational(v, 2))


@functools.lru_cache(maxsize=None)
def _combination(coeffs):
    """(difference, its double sum over pairs) for the coefficients: built once each (SymPy's factor is the slow part)."""
    c1, c2, c3, c4 = (sp.Rational(c) for c in coeffs)
    diff = (c1 * n * sp.Sum(x[k] * y[k], (k, 1, n)) - c2 * sp.Sum(x[k], (k, 1, n)) * sp.Sum(y[l_], (l_, 1, n))
            + c3 * sp.Sum(x[k] ** 2, (k, 1, n)) + c4 + sp.Sum(x[k], (k, 1, n)) * sp.Sum(x[l_], (l_, 1, n)))
    return diff, symmetrized.over_pairs(diff)


@given(st.lists(st.tuples(SMALL, SMALL), min_size=1, max_size=4),
       st.sampled_from([(1, 2, -1, 0), (Fraction(1, 3), 0, -1, 5), (0, -2, 3, -1), (2, 1, 1, 1)]))
def test_the_double_sum_over_pairs_has_the_value_of_the_difference(values, coeffs):
    """Whatever the combination (each kind of term, rational coefficients), the symmetrized double sum equals the
    difference it replaces at every point: the proof of its sign is a proof of the step's."""
    diff, pairs = _combination(coeffs)
    assert pairs is not None
    xs, ys = [v for v, _ in values], [v for _, v in values]
    assert _value(pairs, xs, ys) == _value(diff, xs, ys)

def test_only_the_difference_big_minus_small_is_taken_and_no_sum_is_dropped_or_doubled():
    """The false direction of Chebyshev is not proved (big + small would be); a sum in a denominator, a sum cubed, a
    product of three sums and a double sum are no combination of the kinds over pairs."""
    xs, ys, zs = (sp.IndexedBase(name, nonnegative=True) for name in "xyz")
    cheb_small = sp.Sum(xs[k], (k, 1, n)) * sp.Sum(xs[k] ** 2, (k, 1, n))
    cheb_big = n * sp.Sum(xs[k] ** 3, (k, 1, n))
    assert symmetrized.prove(cheb_small, cheb_big, A) is not None
    assert symmetrized.prove(cheb_big, cheb_small, A) is None  # false for x = (0, 1)
    sx, sy, sz = (sp.Sum(f[k], (k, 1, n)) for f in (xs, ys, zs))
    product = sx * sy
    for extra in (1 / sx, sx ** 3, sx * sy * sz, sp.Sum(xs[k] * ys[l_], (k, 1, n), (l_, 1, n))):
        assert symmetrized.over_pairs(product + extra) is None, extra
        assert symmetrized.over_pairs(product - extra) is None, extra


def test_the_work_caps_and_the_evidence_of_a_proof():
    """At most MAX_TERMS summands are taken over pairs; a proof carries the points the search held (0 if none)."""
    xs = sp.IndexedBase("x", real=True)
    product = sp.Sum(xs[k], (k, 1, n)) * sp.Sum(xs[l_], (l_, 1, n))
    loose = [sp.Symbol(f"c{q}") for q in range(11)]
    assert symmetrized.MAX_TERMS == 12 and symmetrized.over_pairs(product + sp.Add(*loose)) is not None  # 12 summands
    assert symmetrized.over_pairs(product + sp.Add(*loose) + sp.Symbol("extra")) is None  # one more
    step = Problem(sp.Sum(xs[k], (k, 1, n)) ** 2, "<=", n * sp.Sum(xs[k] ** 2, (k, 1, n)), A)
    assert symmetrized.decide(step).evidence == {"rechecked_points": 0}
    step.notes["points_held"] = 5
    assert symmetrized.decide(step).evidence == {"rechecked_points": 5}
    assert symmetrized.decide(Problem(n, "<=", n + 1, A)) is None  # no sum: not this decider's


def test_a_form_sympy_cannot_take_is_no_proof_and_no_crash(monkeypatch):
    def broken(*args, **kwargs):
        raise ValueError("SymPy cannot take this form")

    monkeypatch.setattr(symmetrized, "over_pairs", broken)
    xs = sp.IndexedBase("x", real=True)
    assert symmetrized.prove_step(sp.Sum(xs[k], (k, 1, n)) ** 2, "<=", n * sp.Sum(xs[k] ** 2, (k, 1, n)), A) is None


def test_a_square_root_is_squared_only_against_a_right_side_known_nonnegative():
    xs = sp.IndexedBase("x", real=True)
    small, big = sp.Sum(xs[k], (k, 1, n)) / n, sp.sqrt(sp.Sum(xs[k] ** 2, (k, 1, n)) / n)
    how = symmetrized.prove(small, big, A)
    assert how is not None and how.startswith("both sides squared")
    assert symmetrized.prove(small, -big, A) is None  # -sqrt(...) <= 0: squaring would prove a false step
    assert symmetrized.prove_step(small, "<", big, A) is None and symmetrized.prove_step(big, ">=", small, A) == how


@pytest.mark.parametrize("row, want", [
    (r"n\sum_{i=1}^{n} x_i^3 &\ge \left(\sum_{i=1}^{n} x_i\right)\left(\sum_{i=1}^{n} x_i^2\right)", "proved"),
    (r"\frac{1}{n}\sum_{i=1}^{n} a_i e^{a_i} &\ge \left(\frac{1}{n}\sum_{i=1}^{n} a_i\right)"
     r"\left(\frac{1}{n}\sum_{i=1}^{n} e^{a_i}\right)", "proved"),
    (r"\left(\sum_{i=1}^{n} r_i\right)^2 &\le n\sum_{i=1}^{n} r_i^2", "proved"),
    (r"\sum_{i=1}^{n} p_i^2 - \frac{1}{n}\left(\sum_{i=1}^{n} p_i\right)^2 &\ge 0", "proved"),
    # not similarly ordered: x^3 against x for x real is, x against x^2 for x real is not
    (r"n\sum_{i=1}^{n} r_i^3 &\ge \left(\sum_{i=1}^{n} r_i\right)\left(\sum_{i=1}^{n} r_i^2\right)", "refuted"),
    (r"n\sum_{i=1}^{n} a_i b_i &\ge \left(\sum_{i=1}^{n} a_i\right)\left(\sum_{i=1}^{n} b_i\right)", "refuted"),
    (r"\frac{1}{n}\sum_{i=1}^{n} a_i e^{a_i} &\le \left(\frac{1}{n}\sum_{i=1}^{n} a_i\right)"
     r"\left(\frac{1}{n}\sum_{i=1}^{n} e^{a_i}\right)", "refuted"),
    (r"\left(\sum_{i=1}^{n} r_i\right)^2 &\le (n - 1)\sum_{i=1}^{n} r_i^2", "refuted"),
])
def test_chebyshev_and_its_relatives_are_proved_over_pairs_and_false_variants_refuted(row, want):
    (v,) = verdicts(HEAD, row)
    assert v.verdict == want, (row, v.verdict, v.method)


def test_the_proof_says_it_went_over_pairs():
    (v,) = check_latex(HEAD + "$$ n\\sum_{i=1}^{n} x_i^3 \\ge \\left(\\sum_{i=1}^{n} x_i\\right)"
                              "\\left(\\sum_{i=1}^{n} x_i^2\\right) $$\n", timeout=60).verdicts
    assert v.verdict == "proved" and "double sum over pairs" in v.method and "Chebyshev" in v.method, v.method


@pytest.mark.parametrize("row, want", [
    (r"\frac{1}{n}\sum_{i=1}^{n} \|a_i\| &\le \sqrt{\frac{1}{n}\sum_{i=1}^{n} \|a_i\|^2}", "proved"),
    (r"\left(\sum_{i=1}^{n} \|a_i\|\right)^2 &\le n\sum_{i=1}^{n} \|a_i\|^2", "proved"),
    (r"\frac{1}{n}\sum_{i=1}^{n} \|a_i\| &\ge \sqrt{\frac{1}{n}\sum_{i=1}^{n} \|a_i\|^2}", "refuted"),
    (r"\sum_{i=1}^{n} \|a_i\| &\le \sqrt{\sum_{i=1}^{n} \|a_i\|^2}", "refuted"),
])
def test_the_mean_of_norms_against_their_root_mean_square_for_every_d(row, want):
    """A vector step in a family's norms: squared (the right side is >= 0), then over pairs, for every d; the false
    variants are refuted in a small dimension."""
    head = "% assume: n integer positive\n% index: i in 1..n\n% vector: a_i in R^d\n"
    (v,) = verdicts(head, row)
    assert v.verdict == want, (row, v.verdict, v.method)
    if want == "proved":
        assert v.method.startswith("for every d"), v.method
