"""The translation of a step into Z3 terms (derivcheck/deciders/abstraction.py): each fact it records must be true
and present.

A wrong or missing fact changes what the transcendental decider proves: cos^2 + sin^2 = 1, a square root's
r >= 0 and r^2 = x, |.|, max and min, log's guard h > 0, the Arb enclosures of e, e^{-1} and log 2 (both ends),
exponentials of one base as powers of one atom (up to MAX_POWER), an exponential of a sum as a product (up to
MAX_TERMS summands), the least value of an integer variable, the conditions of a case. Each is pinned by a true
statement that needs the fact (proved) and a false one close to it (never proved), through `transcendental.decide`,
or where the translation alone shows it, by the atoms `abstraction` makes.
"""

from __future__ import annotations

from fractions import Fraction

import pytest
import sympy as sp
import z3

from derivcheck.deciders import abstraction as AB
from derivcheck.deciders import transcendental as TR
from derivcheck.deciders.problem import Problem
from derivcheck.reader.declarations import Assumptions

OPEN01 = (Fraction(0), Fraction(1), True, True)
A = Assumptions(props={"x": {"real"}, "a": {"real"}, "b": {"real"}, "z": {"real"}, "c": {"real"},
                       "y": {"positive"}, "u": {"nonnegative"}, "n": {"integer", "positive"}},
                ranges={"p": OPEN01, "t": (None, Fraction(-1), False, False)})
x, a, b, z, c, y, u, n, p, t = (A.symbol(s) for s in "x a b z c y u n p t".split())
E, LOG, R = sp.exp, sp.log, sp.Rational
COS2_SIN2 = sp.cos(x) ** 2 + sp.sin(x) ** 2


def _decide(lhs, rel, rhs):
    return TR.decide(Problem(sp.sympify(lhs), rel, sp.sympify(rhs), A))


def _proved(lhs, rel, rhs) -> bool:
    out = _decide(lhs, rel, rhs)
    return out is not None and out.verdict == "proved"


def _assert_decided(lhs, rel, rhs, proved: bool) -> None:
    """Proved when it should be; otherwise not proved (refuted or left undecided), never passed."""
    out = _decide(lhs, rel, rhs)
    if proved:
        assert out is not None and out.verdict == "proved", (lhs, rel, rhs, out)
    else:
        assert out is None or out.verdict == "refuted", (lhs, rel, rhs, out)


def _labels(lhs, rhs=0) -> list:
    return sorted(atom.label for atom in TR.abstraction(sp.sympify(lhs), sp.sympify(rhs), A)[0].atoms)


@pytest.mark.parametrize("lhs, rel, rhs, proved", [
    # cos^2 + sin^2 = 1 exactly: both directions need it (the bounds of cos and sin alone give neither for large x)
    (COS2_SIN2, ">=", 1, True), (COS2_SIN2, "<=", 1, True), (COS2_SIN2, "=", 1, True),
    (COS2_SIN2, ">", 1, False), (COS2_SIN2, "<", 1, False), (COS2_SIN2, "<=", R(99, 100), False),
    (sp.cos(x) ** 2, ">=", 1, False), (sp.sin(x) ** 2, "<=", R(1, 2), False),
    # sqrt(u) = r with r >= 0 and r^2 = u: AM-GM needs both, at u = 0 too; lowering the right side breaks it at u = 1
    (sp.sqrt(u) * E(x), "<=", (u + 1) * E(x) / 2, True), (sp.sqrt(u) * E(x), ">=", 0, True),
    (sp.sqrt(u) * E(x), "<=", (u / 2 + R(2, 5)) * E(x), False),
    (sp.sqrt(u) * E(x), ">", 0, False),  # false at u = 0 only
    # true for every real value of the root, but the root is undefined for p < 1/2: never proved
    ((sp.sqrt(p - R(1, 2)) - 1) ** 2 * E(x), ">=", 0, False),
    # 1/sqrt(u): the same on both sides, but undefined at u = 0 (r = 0 is a denominator); defined for y > 0
    (E(x) + 1 / sp.sqrt(u), "<=", E(x) + 1 / sp.sqrt(u), False), (E(x) + 1 / sp.sqrt(y), "<=", E(x) + 1 / sp.sqrt(y), True),
    # 1/t for t <= -1: a nonzero (negative) denominator is defined
    (E(t) / t, "<", 0, True), (E(t) / t, ">", 0, False),
    # x^64 is still a polynomial (defined for x < 0); past 64 the power would need x > 0
    (E(x) + x ** 64, ">", x ** 64, True),
])
def test_facts_of_trig_roots_and_powers_prove_the_true_and_not_the_false(lhs, rel, rhs, proved):
    _assert_decided(lhs, rel, rhs, proved)


@pytest.mark.parametrize("lhs, rel, rhs, proved", [
    # log(h) is defined only for h > 0: a statement true for every value of the log is still not proved where
    # its argument can be 0 or negative
    (LOG(p - R(1, 2)) ** 2, ">=", 0, False), (LOG(u) ** 2, ">=", 0, False), (LOG(x) ** 2, ">=", 0, False),
    (u * LOG(u), ">=", -1, False), (LOG(y) ** 2, ">=", 0, True), (y * LOG(y), ">=", -1, True),
    # n is an integer >= 1: log n >= 0 needs the least integer (n > 0 alone allows n = 1/2), log 1 = 0 and log 2 > 0
    (LOG(n), ">=", 0, True), (LOG(n), ">", 0, False), (LOG(n), "<=", 0, False),
    # |x| e^x: the cases x >= 0 and -x >= 0 both contain x = 0, where the strict inequality fails
    (sp.Abs(x) * E(x), ">=", 0, True), (sp.Abs(x) * E(x), ">", 0, False),
])
def test_logs_are_guarded_integers_start_at_their_least_value_and_cases_include_their_border(lhs, rel, rhs, proved):
    _assert_decided(lhs, rel, rhs, proved)


@pytest.mark.parametrize("const, lo, hi", [
    (sp.E, R(2718, 1000), R(2719, 1000)), (E(-1), R(3678, 10000), R(3679, 10000)),
    (LOG(2), R(6931, 10000), R(6932, 10000)), (sp.pi, R(314159, 100000), R(314160, 100000)),
])
def test_constants_are_enclosed_from_below_and_above(const, lo, hi):
    # both ends of each enclosure matter: a bound just above and just below the constant are proved, the wrong
    # side of either is not
    assert _proved(const, ">", lo) and _proved(const, "<", hi)
    assert not _proved(const, "<", lo) and not _proved(const, ">", hi)


@pytest.mark.parametrize("const", [sp.E, E(-1), LOG(2), sp.pi])
def test_an_enclosure_holds_the_true_value_and_nothing_1e_30_away(const):
    v = z3.Real("v")
    enclosure = AB._enclosure(v, const)
    digits = sp.Rational(sp.N(const, 60))  # within 10^-59 of the constant: inside the 128-bit ball
    for value, inside in [(digits, True), (digits + R(1, 10 ** 30), False), (digits - R(1, 10 ** 30), False)]:
        s = z3.Solver()
        s.add(*enclosure, v == z3.RealVal(f"{value.p}/{value.q}"))
        assert s.check() == (z3.sat if inside else z3.unsat), (const, value)


def test_exponentials_of_one_base_are_powers_of_one_atom_up_to_max_power():
    assert AB.MAX_POWER == 8
    # e^{8x} = (e^x)^8 and e^{-8x} = (e^x)^{-8}: at the limit, identities in t = e^x are exact
    assert _proved(E(8 * x) - 1, "=", (E(4 * x) - 1) * (E(4 * x) + 1))
    assert _proved(1 / (1 + E(-8 * x)), "=", E(8 * x) / (E(8 * x) + 1))
    assert not _proved(E(8 * x) - 1, "=", (E(4 * x) - 1) * (E(4 * x) + 2))
    assert _labels(E(8 * x), E(x)) == ["exp(x)"] and _labels(E(-8 * x), E(4 * x)) == ["exp(x)"]
    assert _labels(E(x / 2), E(4 * x)) == ["exp(x/2)"]  # (e^{x/2})^8
    # past the limit each exponential is its own atom: e^{9x} with e^x, e^{5x} = (e^{x/2})^10
    assert _labels(E(9 * x), E(x)) == ["exp(9*x)", "exp(x)"]
    assert _labels(E(x / 2), E(5 * x)) == ["exp(5*x)", "exp(x/2)"]
    # a power with a symbolic exponent is exp(e log b): (1/2)^{2x} = ((1/2)^x)^2, 2^{-x} = 1/2^x
    assert _proved(R(1, 2) ** (2 * x) - 1, "=", (R(1, 2) ** x - 1) * (R(1, 2) ** x + 1))
    assert _proved(1 / (1 + sp.Integer(2) ** (-x)), "=", sp.Integer(2) ** x / (sp.Integer(2) ** x + 1))
    assert not _proved(R(1, 2) ** (2 * x) - 1, "=", (R(1, 2) ** x - 1) * (R(1, 2) ** x + 2))


def test_an_exponential_of_a_sum_of_up_to_max_terms_is_a_product():
    assert AB.MAX_TERMS == 4
    assert set(_labels(E(a + b + x + z))) == {"exp(a + b + x + z)", "exp(a)", "exp(b)", "exp(x)", "exp(z)"}
    assert _labels(E(a + b + c + x + z)) == ["exp(a + b + c + x + z)"]  # five summands: one atom
    # needs e^{a+b+x+z} = e^a e^b e^x e^z and e^{b+x+z} = e^b e^x e^z (e^{-a} = 1/e^a)
    assert _proved(E(x) * (1 + E(-a)) * E(a + b + z), "=", E(a + b + x + z) + E(b + x + z))
    assert not _proved(E(x) * (1 + E(-a)) * E(a + b + z), "=", E(a + b + x + z) + 2 * E(b + x + z))


def test_powers_up_to_64_are_products_and_past_it_exponentials():
    assert _labels(x ** 64) == [] and _labels(x ** -64) == []
    assert _labels(x ** 65) == ["exp(65*log(x))", "log(x)"]


def test_abs_max_and_min_are_translated_to_their_values():
    # |.|, max and min reach the translation itself when the cases are too many (and in `defined`): the term must
    # be the value at every point, not only at some
    for expr, value in [(sp.Abs(x), lambda v: z3.If(v[x] >= 0, v[x], -v[x])),
                        (sp.Max(a, b, x), None), (sp.Min(a, b, x), None)]:
        ab, _, term, _, _ = TR.abstraction(expr, sp.Integer(0), A)
        v = ab.vars
        s = z3.Solver()
        if value is not None:
            s.add(term != value(v))
        else:
            args = [v[s_] for s_ in expr.args]
            big = isinstance(expr, sp.Max)
            s.add(z3.Not(z3.And(*[term >= w if big else term <= w for w in args], z3.Or(*[term == w for w in args]))))
        assert s.check() == z3.unsat, expr
    # through the decider, past MAX_CASES cases (4 * 2^3 = 32 > 16): Z3's if-then-else carries them
    big = sp.Max(a, b, x, z) + sp.Abs(a) + sp.Abs(b) + sp.Abs(x)
    assert AB.cases(big, E(z)) is None
    assert _proved(big + E(z), ">=", a + E(z)) and _proved(big + E(z), ">=", z + E(z))
    assert not _proved(big + E(z), ">=", 2 * z + E(z))  # false at a = b = x = 0 < z
    small = sp.Min(a, b, x, z) - sp.Abs(a) - sp.Abs(b) - sp.Abs(x)
    assert _proved(small + E(z), "<=", a + E(z)) and _proved(small + E(z), "<=", z + E(z))
    assert not _proved(small + E(z), "<=", 2 * z + E(z))  # false at a = b = x = 0 > z


def test_only_a_square_root_is_algebraic_and_a_cube_root_goes_through_exp_and_log():
    # p^(1/3) > sqrt(p) on (0, 1): read as a square root it would equal sqrt(p), and p^(1/3) <= sqrt(p) be proved
    assert _labels(p ** R(1, 3)) == ["exp(log(p)/3)", "log(p)"]
    assert not _proved(p ** R(1, 3), "<=", sp.sqrt(p))


def test_a_log_is_defined_only_where_its_argument_is_positive_not_merely_nonzero():
    # on [-1/2, -1/4] log(v) has no value anywhere: log(v)^2 >= 0 holds for every real value of the log, and a
    # guard h != 0 in place of h > 0 would prove it
    neg = Assumptions(ranges={"v": (R(-1, 2), R(-1, 4), False, False)})
    v = neg.symbol("v")
    for lhs in (LOG(v) ** 2, LOG(v) ** 2 * E(x)):
        out = TR.decide(Problem(lhs, ">=", sp.Integer(0), neg))
        assert out is not None and out.verdict == "refuted", (lhs, out)


def test_an_integer_starts_at_its_least_value_where_no_derivative_argument_applies():
    # m an integer > 1/2 is m >= 1: e^x log m >= 0 needs it (at m = 3/4 it fails), and with two variables the
    # derivative argument that proves log m >= 0 alone does not apply; at m = 1 the step is 0, so > 0 is false
    ints = Assumptions(props={"m": {"integer"}, "x": {"real"}}, ranges={"m": (R(1, 2), None, True, False)})
    m, xx = ints.symbol("m"), ints.symbol("x")
    out = TR.decide(Problem(E(xx) * LOG(m), ">=", sp.Integer(0), ints))
    assert out is not None and out.verdict == "proved" and "transcendental bounds" in out.method, out
    out = TR.decide(Problem(E(xx) * LOG(m), ">", sp.Integer(0), ints))
    assert out is None or out.verdict == "refuted", out


def test_a_power_whose_base_may_be_0_is_0_or_1_there_and_defined_only_for_a_nonnegative_exponent():
    # (1 - p)^g = exp(g log(1 - p)) for p < 1; at p = 1 it is 0 for g > 0 and 1 for g = 0 (abstraction's guarded
    # power). A fact that took it to be positive, or left it free, there would prove the false rows below.
    from derivcheck.reader.document import parse_assumptions
    a = parse_assumptions("p in (0, 1]; g in [0, 1]; y in [-1, 1]")
    p, g, y = (a.symbol(n) for n in "pgy")

    def proved(lhs, rel, rhs, assumptions=a):
        out = TR.decide(Problem(lhs, rel, rhs, assumptions))
        return out is not None and out.verdict == "proved"

    assert proved((1 - p) ** g, "<=", 1) and proved((1 - p) ** g, ">=", 0)
    assert proved(-(1 - p) ** g * sp.log(p), "<=", -sp.log(p))
    assert not proved((1 - p) ** g, ">", 0)  # 0 at p = 1, g > 0
    assert not proved((1 - p) ** g, ">=", R(1, 2))  # the same
    assert not proved((1 - p) ** g, "<=", 1 - p)  # 1 at p = 1, g = 0: 0^0 = 1
    assert not proved((1 - p) ** y, "<=", 1)  # y < 0: 0^y has no value, and (1 - p)^y > 1 elsewhere
    assert not proved((1 - p) ** y, ">=", 0)  # not defined at p = 1, y < 0: no proof
