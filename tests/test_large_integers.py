"""Integer variables on a growing scale (derivcheck/deciders/large_integers.py) and the compiled Arb evaluation
behind it (arb_eval.compile_ball): bounds false only for large n are refuted at the first n where they fail."""

from fractions import Fraction

import flint
import sympy as sp
from hypothesis import given
from hypothesis import strategies as st

from derivcheck.deciders import large_integers
from derivcheck.deciders.arb_eval import compile_ball, evaluate
from derivcheck.deciders.problem import Problem
from derivcheck.files import check_latex
from derivcheck.reader.declarations import Assumptions

n = sp.Symbol("n", integer=True, positive=True)
k = sp.Symbol("k", integer=True)
POSITIVE_N = Assumptions(props={"n": {"integer", "positive"}})


def first_failure(partial, bound, start=1, stop=5000):
    """The first n where partial(n) > bound, by exact rational arithmetic (independent of Arb)."""
    for m in range(start, stop):
        if partial(m) > bound:
            return m
    return None


def test_the_basel_bound_eight_fifths_is_refuted_at_the_first_n_where_it_fails():
    exact = first_failure(lambda m: sum(Fraction(1, j * j) for j in range(1, m + 1)), Fraction(8, 5))
    (v,) = check_latex("% assume: n integer positive\n"
                       "\\begin{align} \\sum_{k=1}^{n} \\frac{1}{k^2} &\\le \\frac{8}{5} \\end{align}").verdicts
    assert v.verdict == "refuted" and v.method == "counterexample (integer n on a growing scale)"
    assert int(v.evidence["counterexample"]["n"]) == exact == 22
    assert "Arb ball" in v.evidence["certified_by"]


def test_a_harmonic_bound_false_from_t_17_and_a_term_that_depends_on_n():
    harmonic = first_failure(lambda m: float(sum(Fraction(1, j) for j in range(1, m + 1))) - 0.5 * float(
        sp.log(m)), 2.0)  # the gap grows by about 1/(2m) per step: floats separate it by far more than their error
    out = large_integers.scan(Problem(sp.Sum(1 / k, (k, 1, n)), "<=", 2 + sp.log(n) / 2, POSITIVE_N), 2**12, 5)
    assert out is not None and int(out.evidence["counterexample"]["n"]) == harmonic == 17
    # sum_{k <= n} k / n^2 = (n + 1) / (2n) >= 1/2 + 1/100 fails from n = 51: the term depends on n itself
    out = large_integers.scan(Problem(sp.Sum(k / n ** 2, (k, 1, n)), ">=", sp.Rational(51, 100), POSITIVE_N), 2**12, 5)
    assert out is not None and int(out.evidence["counterexample"]["n"]) == 51


def test_an_integer_exponent_on_the_scale():
    # (1 + 1/n)^n <= 27/10 fails from the first n where it passes 2.7 (it increases to e)
    exact = first_failure(lambda m: (1 + Fraction(1, m)) ** m, Fraction(27, 10), start=16, stop=400)
    out = large_integers.scan(Problem((1 + 1 / n) ** n, "<=", sp.Rational(27, 10), POSITIVE_N), 2**12, 5)
    assert out is not None and int(out.evidence["counterexample"]["n"]) == exact


def test_true_bounds_are_never_refuted_on_the_scale():
    for lhs, rhs in ((sp.Sum(1 / k ** 2, (k, 1, n)), 2 - 1 / n), (sp.Sum(1 / sp.sqrt(k), (k, 1, n)), 2 * sp.sqrt(n)),
                     ((1 + 1 / n) ** n, sp.E), (sp.Sum(k, (k, 1, n)), n * (n + 1) / 2)):
        rel = "=" if lhs.has(sp.Sum) and sp.simplify(lhs.doit() - rhs) == 0 else "<="
        assert large_integers.scan(Problem(lhs, rel, rhs, POSITIVE_N), 2**14, 30) is None, (lhs, rhs)


def test_the_scale_respects_the_declared_range_and_needs_an_integer():
    bounded = Assumptions(props={"n": {"integer", "positive"}}, ranges={"n": (Fraction(1), Fraction(20), False, False)})
    assert large_integers.scan(Problem(sp.Sum(1 / k ** 2, (k, 1, n)), "<=", sp.Rational(8, 5), bounded), 2**12, 5) \
        is None  # n <= 20: the bound holds there
    x = sp.Symbol("x", positive=True)
    assert large_integers.scan(Problem(x ** 2, "<=", x, Assumptions()), 2**12, 5) is None  # x is not an integer


@given(st.lists(st.fractions(min_value=-5, max_value=5, max_denominator=50), min_size=1, max_size=4),
       st.lists(st.integers(min_value=0, max_value=40), min_size=1, max_size=6))
def test_a_compiled_partial_sum_carried_between_calls_equals_the_exact_sum(coefficients, bounds):
    term = sum(sp.Rational(c.numerator, c.denominator) * k ** j for j, c in enumerate(coefficients)) / (k + 1)
    f = compile_ball(sp.Sum(term, (k, 1, n)), [n])
    flint.ctx.prec = 128
    try:
        for m in bounds:  # up and down: going back starts the sum again
            exact = sum((term.subs(k, j) for j in range(1, m + 1)), sp.Integer(0))
            b = f({n: flint.arb(m)})
            # the exact sum's own ball (radius ~1e-39) meets b, and b is tight: b encloses the exact value
            assert b.overlaps(flint.arb(flint.fmpq(int(sp.Rational(exact).p), int(sp.Rational(exact).q))))
            assert b.rad() < flint.arb(10) ** -25
    finally:
        flint.ctx.prec = 53


def test_compiled_and_direct_evaluation_agree():
    x = sp.Symbol("x", real=True)
    expr = sp.exp(x) * sp.log(1 + x ** 2) + sp.sqrt(x ** 2 + 1) / (2 + sp.cos(x)) + sp.Max(x, 1 - x)
    for v in (Fraction(-3, 2), Fraction(0), Fraction(7, 3)):
        a = evaluate(expr, {x: v})
        flint.ctx.prec = 128
        try:
            b = compile_ball(expr, [x])({x: flint.arb(flint.fmpq(v.numerator, v.denominator))})
        finally:
            flint.ctx.prec = 53
        assert a.overlaps(b) and abs(a.mid() - b.mid()) < flint.arb(10) ** -30
