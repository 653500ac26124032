"""The prover's verdict at one point (derivcheck/deciders/judge.py), on small fixed expressions.

`judge` decides one point exactly or with Arb balls and never with a tolerance: a value it cannot separate from
the other side is undecided, never equal. These are fast: `make mutate` runs this file for every mutant of
decide.py.
"""

from fractions import Fraction

import pytest
import sympy as sp

from derivcheck.deciders import judge as decide

x, y = sp.symbols("x y", real=True)
RELATIONS = ("=", "!=", "<=", "<", ">=", ">")


def _expected(a, rel, b) -> bool:
    return {"=": a == b, "!=": a != b, "<=": a <= b, "<": a < b, ">=": a >= b, ">": a > b}[rel]


@pytest.mark.parametrize("rel", RELATIONS)
@pytest.mark.parametrize("a,b", [(1, 2), (2, 2), (3, 2), (Fraction(1, 3), Fraction(1, 2)), (-1, -1)])
def test_exact_points_are_compared_exactly_for_every_relation(rel, a, b):
    holds, lv, rv, note = decide.judge(x, rel, y, {x: sp.Rational(a), y: sp.Rational(b)})
    assert holds is _expected(Fraction(a), rel, Fraction(b)) and note == "exact"
    assert (lv, rv) == (sp.Rational(a), sp.Rational(b))


@pytest.mark.parametrize("rel", RELATIONS)
@pytest.mark.parametrize("lhs,rhs,sign", [
    (sp.sqrt(2), sp.Rational(1414213, 1000000), -1),  # sqrt 2 > 1.414213: rhs - lhs < 0
    (sp.sqrt(2), sp.Rational(1414214, 1000000), 1),
    (sp.exp(1), sp.E, 0),  # an exact zero difference, found by SymPy, not by a tolerance
    (sp.sin(sp.Rational(1, 3)) ** 2 + sp.cos(sp.Rational(1, 3)) ** 2, sp.Integer(1), 0),
    (sp.log(3), sp.log(3) + sp.Rational(1, 10**40), 1),  # 10^-40 apart: Arb separates them
])
def test_closed_form_constants_are_decided_by_balls_or_an_exact_zero(rel, lhs, rhs, sign):
    holds, _, _, note = decide.judge(lhs, rel, rhs, {})
    assert holds is {"=": sign == 0, "!=": sign != 0, "<=": sign >= 0, "<": sign > 0, ">=": sign <= 0,
                     ">": sign < 0}[rel]
    assert note == ("exact zero" if sign == 0 else "Arb ball")


def test_an_exact_zero_difference_refutes_a_strict_inequality():
    e = sp.sin(x) ** 2 + sp.cos(x) ** 2
    assert decide.judge(e, "<", sp.Integer(1), {x: sp.Rational(2, 7)})[0] is False
    assert decide.judge(e, "<=", sp.Integer(1), {x: sp.Rational(2, 7)})[0] is True


def test_undefined_sides():
    holds, _, _, note = decide.judge(1 / x, "<=", sp.Integer(5), {x: sp.Integer(0)})
    assert holds is False and note == "the left side is undefined here"
    holds, _, _, note = decide.judge(sp.Integer(5), ">=", sp.log(x), {x: sp.Integer(-1)})
    assert holds is False and note == "the right side is undefined here"
    assert decide.judge(1 / x, "=", 1 / x, {x: sp.Integer(0)})[:1] == (None,)


def test_a_side_that_arb_finds_undefined_is_a_counterexample():
    # sqrt(log 2 - 1): SymPy keeps it real-looking, Arb sees an even root of a negative number
    assert decide.judge(sp.sqrt(sp.log(2) - 1), ">=", sp.Integer(0), {}) == (
        False, sp.sqrt(sp.log(2) - 1), 0, "undefined")


def test_infinities_compare_exactly():
    assert decide.judge(sp.oo, ">", sp.exp(100), {})[0] is True
    assert decide.judge(-sp.oo, ">=", sp.Integer(0), {})[0] is False
    assert decide.judge(sp.sqrt(2), "<", sp.oo, {})[:1] == (True,)


def test_unresolved_points_have_no_verdict():
    f = sp.Function("f")  # an undeclared function: f(1) has no value, so no ball separates it from 1
    assert decide.judge(f(x), "<=", sp.Integer(1), {x: sp.Integer(1)}) == (
        None, f(1), 1, "Arb could not separate the sides at 2048 bits")
    assert decide.judge(x, "<=", sp.Symbol("z"), {x: sp.Integer(1)}) == (None, None, None, "free symbols left: ['z']")


def test_huge_exponents_are_left_undecided_rather_than_expanded():
    assert decide._huge(sp.exp(sp.Integer(10) ** 12))
    assert decide._huge(sp.Pow(sp.Integer(2), sp.Integer(10) ** 5, evaluate=False))
    assert not decide._huge(sp.exp(sp.Integer(5)) + sp.sqrt(3))
    assert not decide._huge(sp.exp(sp.Integer(2000)))
    assert decide._huge(sp.exp(sp.Integer(2001)))


def test_sign_of_a_constant():
    assert decide._sign(sp.pi - 3) == 1 and decide._sign(3 - sp.pi) == -1
    assert decide._sign(sp.log(sp.exp(2)) - 2) == 0
    assert decide._sign(sp.exp(sp.Integer(10) ** 12) - 1) == 1  # Arb decides it without expanding
    assert decide._sign(sp.exp(sp.Integer(10) ** 12) * (sp.sqrt(2) ** 2 - 2)) == 0  # SymPy: exactly 0
    # 10^-3000 apart relative to e^(10^12): no ball at 2048 bits separates them, and the exact zero test is not
    # attempted on an exponent that large (it would expand e^(10^12)): undecided
    tiny = sp.Rational(1, 10**3000)
    assert decide._sign(sp.exp(sp.Integer(10) ** 12) - sp.exp(sp.Integer(10) ** 12 + tiny)) is None
    assert decide._sign(sp.exp(sp.Integer(5)) - sp.exp(sp.Integer(5) + tiny)) is None  # not huge, not 0 either
    assert decide._sign(sp.exp(sp.Integer(5) + tiny) - sp.exp(sp.Integer(5))) is None  # positive: still not 0


def test_zeros_that_only_simplify_finds_are_zeros():
    # cancel/together/expand leave these alone; simplify shows they are exactly 0, so the sign is 0, not undecided
    assert decide._sign(sp.log(6) - sp.log(2) - sp.log(3)) == 0
    assert decide._sign(sp.sqrt(3 + 2 * sp.sqrt(2)) - 1 - sp.sqrt(2)) == 0
    assert decide.judge(sp.log(6), "<", sp.log(2) + sp.log(3), {})[0] is False


def test_equal_values_computed_differently_are_equal():
    # x/7 at 2 and y/14 at 4 are both 2/7, as two different SymPy objects: "!=" must compare values
    subs = {x: sp.Integer(2), y: sp.Integer(4)}
    assert decide.judge(x / 7, "!=", y / 14, subs)[0] is False
    assert decide.judge(x / 7, "=", y / 14, subs)[0] is True


def test_minus_infinity_against_a_closed_form_constant_is_compared_exactly():
    assert decide.judge(-sp.oo, "<", sp.sqrt(2), {}) == (True, -sp.oo, sp.sqrt(2), "exact")
    assert decide.judge(sp.sqrt(2), "<=", -sp.oo, {})[0] is False


def test_a_point_that_cannot_be_substituted_says_why_in_one_line():
    f = sp.Function("f")
    holds, _, _, note = decide.judge(sp.Derivative(f(x), x), "<=", sp.Integer(1), {x: sp.Integer(1)})
    assert holds is None and note == "cannot substitute the point (Can't calculate derivative wrt 1.)"


def test_a_nonzero_constant_below_arbs_reach_is_undecided_never_zero():
    """log(1 + e) - e with e = 10^-1000 is about -e^2/2: no ball at 2048 bits separates it from 0, and it is not
    0. SymPy's relational `<= 0` would call it nonpositive; only an exact zero test may return sign 0."""
    e = sp.Integer(10) ** -1000
    assert decide._sign(sp.log(1 + e) - e) is None
    assert decide._sign(e - sp.log(1 + e)) is None
    for rel in ("=", "<=", ">="):
        assert decide.judge(sp.log(1 + e), rel, e, {})[0] is None


def test_sympy_failing_to_evaluate_a_sum_leaves_the_point_without_a_verdict():
    class Boom(sp.Function):  # stands for any SymPy evaluation that raises (a limit Gruntz cannot do, ...)
        def doit(self, **hints):
            raise RuntimeError("boom")

    k = sp.Symbol("k", integer=True)
    e = sp.Sum(Boom(k), (k, 1, 3))
    assert decide.judge(e, "<=", sp.Integer(1), {}) == (None, None, None, "SymPy could not evaluate (RuntimeError)")
    assert decide.judge(sp.Integer(1), "<=", e, {})[0] is None


def test_sums_and_limits_are_evaluated_before_judging():
    k, n = sp.symbols("k n", integer=True, positive=True)
    yb = sp.IndexedBase("y")
    assert decide.judge(sp.Sum(k, (k, 1, n)), "=", n * (n + 1) / 2, {n: sp.Integer(4)}) == (True, 10, 10, "exact")
    # the indexed values appear only once the sum is expanded: y_1 + y_2 = 1 - 3
    subs = {yb[1]: sp.Integer(1), yb[2]: sp.Integer(-3)}
    assert decide.judge(sp.Sum(yb[k], (k, 1, 2)), "<=", sp.Integer(0), subs) == (True, -2, 0, "exact")
    assert decide.judge(sp.Limit(sp.sin(x) / x, x, 0), "=", sp.Integer(1), {})[0] is True
    # a sum SymPy cannot evaluate: no verdict
    assert decide.judge(sp.Sum(k ** -k, (k, 1, sp.oo)), ">", sp.Integer(1), {}) == (
        None, None, None, "SymPy left a limit, sum or derivative unevaluated")
