"""The prover's verdict logic on its own (derivations/decide.py), on small fixed expressions.

`judge` decides one point exactly or with Arb balls and never with a tolerance; `search` must find a certified
counterexample to a false relation (by special values, random rationals or local optimisation) and none to a true
one. These are fast: `make mutate` runs this file for every mutant of decide.py.
"""

from fractions import Fraction

import pytest
import sympy as sp

from derivations import decide
from derivations.declarations import Assumptions
from derivations.domains import Domain

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


# -- the search ----------------------------------------------------------------------------------------------------
A = Assumptions()


def _unit(name, lo, hi, lo_open=True, hi_open=True):
    return Assumptions(ranges={name: (Fraction(lo), Fraction(hi), lo_open, hi_open)})


@pytest.mark.parametrize("lhs,rel,rhs,assume", [
    (x ** 2, ">=", x, "unit"),  # false on (0, 1)
    (x + 1, "<", x, None),
    (sp.exp(x), ">", 1 + x + x ** 2, None),  # false near 0 and for x < 0 ... and true far out
    ((x - sp.Rational(1, 3)) ** 2, ">=", sp.Rational(1, 10**8), None),  # false only near x = 1/3
    (x * y, "<=", (x ** 2 + y ** 2) / 3, None),  # false at x = y
    (x, "=", 2 * x, None),
    (x, "!=", x + 0 * y, None),
])
def test_search_finds_a_certified_counterexample_to_a_false_relation(lhs, rel, rhs, assume):
    assumptions = _unit("x", 0, 1) if assume == "unit" else A
    found, stats = decide.search(lhs, rel, rhs, assumptions, points=40, seed=1)
    assert found is not None, stats
    subs = {s: sp.Rational(Fraction(found.point[s.name])) for s in lhs.free_symbols | rhs.free_symbols}
    holds, lv, rv, _ = decide.judge(lhs, rel, rhs, subs)
    assert holds is False and (lv, rv) == (found.lhs, found.rhs)
    if assume == "unit":
        assert 0 < Fraction(found.point["x"]) < 1


@pytest.mark.parametrize("flip", [False, True])
@pytest.mark.parametrize("strict", [False, True])
def test_the_optimiser_finds_what_sampling_misses(flip, strict):
    """(x - 3/37)^2 >= 10^-8 (or 10^-8 <= (x - 3/37)^2, and the strict forms) fails only within 10^-4 of 3/37."""
    lhs, rhs = (x - sp.Rational(3, 37)) ** 2, sp.Rational(1, 10**8)
    rel = (">" if strict else ">=") if not flip else ("<" if strict else "<=")
    lhs, rhs = (rhs, lhs) if flip else (lhs, rhs)
    found, _ = decide.search(lhs, rel, rhs, A, points=40, seed=1, optimise=False, grid=10)
    assert found is None  # no special value or random rational lands within 10^-4 of 3/37
    found, _ = decide.search(lhs, rel, rhs, A, points=40, seed=1, grid=10)
    assert found is not None and found.how == "local optimisation of lhs - rhs"
    assert abs(Fraction(found.point["x"]) - Fraction(3, 37)) < Fraction(1, 10**4)


@pytest.mark.parametrize("lhs,rel,rhs,assume", [
    (x ** 2, ">=", sp.Integer(0), None),
    (x ** 2, "<=", x, "unit"),
    (sp.exp(x), ">=", 1 + x, None),
    (x * y, "<=", (x ** 2 + y ** 2) / 2, None),
    (x, "=", x, None),
])
def test_search_finds_nothing_against_a_true_relation_and_counts_the_points(lhs, rel, rhs, assume):
    assumptions = _unit("x", 0, 1, False, False) if assume == "unit" else A
    found, stats = decide.search(lhs, rel, rhs, assumptions, points=30, seed=2)
    assert found is None
    assert stats["points_tried"] > 30 and stats["points_held"] + stats["undecided_points"] == stats["points_tried"]
    assert stats["undecided_points"] == 0 and stats["skipped_reason"] is None


def test_a_relation_without_variables_is_judged_once_exactly():
    found, stats = decide.search(sp.Integer(1), ">", sp.Integer(2), A)
    assert found is not None and found.how == "exact" and stats["points_tried"] == 1 and found.point == {}
    found, stats = decide.search(sp.Integer(3), ">", sp.Integer(2), A)
    assert found is None and stats == {"points_tried": 1, "points_held": 1, "undecided_points": 0,
                                       "skipped_reason": None}


def test_undecided_points_are_counted_with_the_first_reason():
    f = sp.Function("f")
    found, stats = decide.search(f(x), "<=", x, A, points=5, seed=0)
    assert found is None and stats["undecided_points"] == stats["points_tried"] > 0
    assert stats["skipped_reason"]


def test_tame_picks_a_small_denominator_inside_the_domain():
    d = Domain(lo=Fraction(0), hi=Fraction(1), lo_open=True, hi_open=True)
    v = Fraction(333333333, 1000000000)
    assert decide._tame(v, d) == v.limit_denominator(64) == Fraction(1, 3)
    tiny = Fraction(1, 10**9)  # its nearest fractions with denominator <= 64 or <= 4096 are 0, outside (0, 1)
    assert decide._tame(tiny, d) is None
    assert decide._tame(tiny, Domain(lo=Fraction(0), hi=Fraction(1, 10**8), lo_open=True)) is None
    assert decide._tame(Fraction(1, 5000), Domain(lo=Fraction(1, 4096), hi=Fraction(1, 4000))) == Fraction(1, 4096)


def test_free_variables_are_the_symbols_not_the_indexed_families():
    i = sp.Symbol("i", integer=True)
    a = sp.IndexedBase("a")
    n = sp.Symbol("n", integer=True, positive=True)
    assert decide.free_variables(sp.Sum(a[i] * x, (i, 1, n)), y) == [n, x, y]


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


def test_the_optimiser_never_proposes_a_point_outside_the_domain():
    """x^2 < x holds on the open interval (0, 1) and fails at its end x = 1. The optimiser pushes x towards 1,
    where its rational rounding lands on 1 itself: that candidate is outside the domain and must be dropped, never
    reported as a counterexample."""
    assumptions = Assumptions(ranges={"x": (Fraction(0), Fraction(1), True, True)})
    xs = assumptions.symbol("x")
    for lhs, rel, rhs in ((xs ** 2, "<", xs), (xs, ">", xs ** 2), (1 - xs, ">", 0 * xs)):
        found, stats = decide.search(lhs, rel, rhs, assumptions, points=20, seed=4)
        assert found is None, found
        assert stats["points_tried"] > 20


@pytest.mark.parametrize("lo,hi", [(Fraction(0), Fraction(1)), (Fraction(0), None), (None, Fraction(1))])
def test_the_optimiser_searches_inside_bounded_and_half_bounded_domains(lo, hi):
    """(x - 3/37)^2 >= 10^-8 with x restricted to (0, 1), (0, oo) or (-oo, 1): the optimiser maps each domain
    (a logistic map, lo + e^u, hi - e^u) and must still reach within 10^-4 of 3/37, inside the domain."""
    assumptions = Assumptions(ranges={"x": (lo, hi, True, True)})
    xs = assumptions.symbol("x")
    lhs, rhs = (xs - sp.Rational(3, 37)) ** 2, sp.Rational(1, 10**8)
    assert decide.search(lhs, ">=", rhs, assumptions, points=40, seed=1, optimise=False, grid=10)[0] is None
    found, _ = decide.search(lhs, ">=", rhs, assumptions, points=40, seed=1, grid=10)
    assert found is not None and found.how == "local optimisation of lhs - rhs"
    assert abs(Fraction(found.point["x"]) - Fraction(3, 37)) < Fraction(1, 10**4)


def test_search_with_three_variables_uses_half_the_grid():
    z = sp.Symbol("z", real=True)
    found, stats = decide.search(x * y * z, "<=", x ** 2 + y ** 2 + z ** 2, A, points=10, seed=3, grid=40)
    assert found is not None  # x = y = z = 4: 64 > 48
    found, stats = decide.search(x ** 2 * y ** 2 * z ** 2, ">=", sp.Integer(0), A, points=10, seed=3, grid=40)
    assert found is None and stats["points_tried"] > 10


def test_indexed_values_are_drawn_from_their_declared_set():
    # y_i in {-1, 1}: sum_{i=1}^{n} y_i >= 0 is false as soon as a draw gives more -1s than 1s
    i = sp.Symbol("i", integer=True)
    n = sp.Symbol("n", integer=True, positive=True)
    yb = sp.IndexedBase("y")
    assumptions = Assumptions(ranges={"n": (Fraction(1), Fraction(4), False, False)},
                              sets={"y": [Fraction(-1), Fraction(1)]})
    found, _ = decide.search(sp.Sum(yb[i], (i, 1, n)), ">=", sp.Integer(0), assumptions, points=30, seed=0)
    assert found is not None and any(v == "-1" for k, v in found.point.items() if k.startswith("y["))
