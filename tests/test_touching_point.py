"""A step in several variables proved through one of them (derivcheck/deciders/touching_point.py): the gap is 0
where the variable equals another (or a constant) and (v - c) dD/dv >= 0. Pinsker's inequality for Bernoullis and
KL >= 0 are proved; false variants (a larger constant, the other direction, a centre outside the interval) are
refuted or not proved; a Hypothesis property: no constant above Pinsker's 2 is ever proved."""

from __future__ import annotations

from fractions import Fraction

import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from derivcheck.deciders import touching_point as TP
from derivcheck.deciders import transcendental as TR
from derivcheck.deciders.problem import Problem
from derivcheck.reader.declaration_lines import parse_assumptions
from derivcheck.reader.domains import Domain

from .rows import verdicts

A = parse_assumptions("p in (0, 1); q in (0, 1); r in (0, 2); x real; y real")
p, q, r, x, y = (A.symbol(n) for n in ("p", "q", "r", "x", "y"))
KL = p * sp.log(p / q) + (1 - p) * sp.log((1 - p) / (1 - q))


def _prove(sub):
    return TR._decide(sub, TR.DEPTH - 1)


def _decide(lhs, rel, rhs, assumptions=A):
    return TP.decide(Problem(lhs, rel, rhs, assumptions), _prove, True) or TP.decide(
        Problem(lhs, rel, rhs, assumptions), _prove, False)


def test_pinsker_for_bernoullis_and_kl_nonnegative_are_proved_through_q_at_p():
    out = _decide(KL, ">=", 2 * (p - q) ** 2)
    assert out is not None and out.verdict == "proved"
    assert out.method.startswith("the gap is 0 at q = p and grows away from it"), out.method
    assert _decide(2 * (p - q) ** 2, "<=", KL).verdict == "proved"  # the same step written the other way round
    assert _decide(KL, ">=", sp.Integer(0)).verdict == "proved"


def test_false_variants_are_not_proved():
    assert _decide(KL, ">=", sp.Rational(5, 2) * (p - q) ** 2) is None  # the constant 2 is the best one
    assert _decide(KL, "<=", 2 * (p - q) ** 2) is None
    assert _decide(KL, ">=", 2 * (p - q) ** 2 + sp.Rational(1, 100)) is None  # the gap is not 0 at q = p
    assert _decide(x ** 2 - 2 * x * y, ">=", -y ** 2 + sp.Rational(1, 10)) is None
    assert _decide((x - y) ** 3, ">=", sp.Integer(0)) is None  # 0 at x = y, but it falls on one side


def test_what_the_argument_needs_of_the_variable_and_the_centre():
    # a centre must lie in v's interval for every value of the other variables: r in (0, 2) is not inside (0, 1)
    assert TP.centres(q, [p, q, r], {p: Domain(0, 1, True, True), q: Domain(0, 1, True, True),
                                     r: Domain(0, 2, True, True)}) == [p, sp.Integer(1) / 2]
    assert TP.centres(r, [p, q, r], {p: Domain(0, 1, True, True), q: Domain(0, 1, True, True),
                                     r: Domain(0, 2, True, True)})[:2] == [p, q]
    assert TP._inside(Domain(Fraction(0), Fraction(1)), Domain(Fraction(0), None, True)) is False  # 0 is outside
    assert TP._inside(Domain(Fraction(1), Fraction(2)), Domain(Fraction(0), None, True)) is True
    assert TP._interval(Domain(Fraction(0), Fraction(1), True, True, nonzero=True))  # 0 is not inside anyway
    assert not TP._interval(Domain(None, None, nonzero=True))  # x != 0 splits the line in two
    assert not TP._interval(Domain(Fraction(0), Fraction(5), integer=True))
    # differentiable only: |.| and a root of an argument that may vanish are not taken
    assert not TP.smooth_in(sp.Abs(x - y), x)
    assert not TP.smooth_in(sp.sqrt(x ** 2 + y) + x, x) and TP.smooth_in(sp.sqrt(x ** 2 + 1) + y, x)
    assert TP.smooth_in(sp.sqrt(p) * sp.log(q), q) and not TP.smooth_in(sp.sqrt(p - q) + q, q)
    # one variable is not this module's (monotone owns it), nor a step with a family member
    assert TP.decide(Problem(x ** 2, ">=", sp.Integer(0), A), _prove, True) is None


@pytest.mark.slow  # over 10 s on 2 cores: the slow tier, which CI also runs
def test_through_the_engine_pinsker_is_proved_and_a_larger_constant_refuted():
    head = "% assume: p in (0, 1); q in (0, 1)\n"
    good, bad = verdicts(head, r"p\log\frac{p}{q} + (1 - p)\log\frac{1 - p}{1 - q} &\ge 2(p - q)^2",
                         r"p\log\frac{p}{q} + (1 - p)\log\frac{1 - p}{1 - q} &\ge \frac{5}{2}(p - q)^2")
    assert good.verdict == "proved" and "grows away from it" in good.method, (good.verdict, good.method)
    assert bad.verdict == "refuted", (bad.verdict, bad.method)


@settings(max_examples=8, derandomize=True, deadline=None)
@given(k=st.fractions(Fraction(0), Fraction(4), max_denominator=4))
def test_hypothesis_no_constant_above_pinskers_is_proved(k):
    out = _decide(KL, ">=", sp.Rational(k.numerator, k.denominator) * (p - q) ** 2)
    if out is not None and out.verdict == "proved":
        assert k <= 2, k
    if k <= 2:  # and every constant up to 2 is: (q - p)^2 (1/(q(1 - q)) - 2k) >= 0 needs 1/(q(1 - q)) >= 4 >= 2k
        assert out is not None and out.verdict == "proved", k


def test_a_side_undefined_somewhere_in_the_domain_is_not_proved_through_a_centre():
    # q in (0, 2): log(1 - q) has no value for q >= 1, and the mean value theorem needs the gap on the whole segment
    wide = KL.xreplace({q: r})
    assert TP.decide(Problem(wide, ">=", 2 * (p - r) ** 2, A), _prove, True, TR.defined) is None
    assert TP.decide(Problem(KL, ">=", 2 * (p - q) ** 2, A), _prove, True, TR.defined).verdict == "proved"
    # the caller's check is consulted for each side: a side it finds undefined ends the attempt
    seen = []
    assert TP.decide(Problem(KL, ">=", 2 * (p - q) ** 2, A), _prove, True,
                     lambda e, a: seen.append(e) or e == KL) is None
    assert seen == [KL, 2 * (p - q) ** 2]


def test_only_a_proof_of_the_slope_counts_and_each_phase_takes_its_own_centres():
    from derivcheck.deciders.problem import Outcome
    step = Problem(KL, ">=", 2 * (p - q) ** 2, A)
    for verdict in ("refuted", "numerically holds, not proved", "undecided"):
        assert TP.decide(step, lambda sub, v=verdict: Outcome(v, "m"), True) is None
    assert TP.decide(step, lambda sub: None, True) is None
    for algebraic in (True, False):  # each phase asks only about its own slopes: rational ones, then the others
        asked = []
        TP.decide(step, lambda sub, asked=asked: asked.append(sub.lhs) or None, algebraic)
        assert asked and all(TR.applicable(e, sp.Integer(0)) is not algebraic for e in asked), (algebraic, asked)
    out = TP.decide(step, lambda sub: Outcome("proved", "m"), True)
    assert out.verdict == "proved" and out.method.startswith("the gap is 0 at q = p"), out.method  # q's centre p first


def test_a_centre_lies_in_the_interval_at_its_ends_too():
    closed, half_open = Domain(Fraction(0), Fraction(1)), Domain(Fraction(0), Fraction(1), False, True)
    assert TP._inside(closed, closed) and TP._inside(half_open, closed)
    assert not TP._inside(closed, half_open)  # w = 1 is allowed, v = 1 is not
    assert not TP._inside(closed, Domain(Fraction(0), Fraction(1), True, False))  # w = 0 is allowed, v = 0 is not
    assert TP._inside(Domain(Fraction(0), Fraction(1), True, True), Domain(Fraction(0), Fraction(1), True, True))
    assert not TP._inside(Domain(Fraction(0), Fraction(2)), closed) and not TP._inside(Domain(Fraction(-1), None),
                                                                                      closed)
    assert TP._inside(Domain(values=[Fraction(0), Fraction(1)]), closed)
    assert not TP._inside(Domain(values=[Fraction(0), Fraction(2)]), closed)
    assert not TP._inside(Domain(Fraction(-1), Fraction(1)), Domain(Fraction(-1), Fraction(1), nonzero=True))
    assert not TP._inside(Domain(Fraction(0), Fraction(3)), Domain(Fraction(0), Fraction(3), integer=True))
    assert TP._inside(Domain(Fraction(0), Fraction(3), integer=True), Domain(Fraction(0), Fraction(3), integer=True))
    assert TP._interval(Domain(Fraction(0), None, True, nonzero=True)) and TP._interval(
        Domain(None, Fraction(0), False, True, nonzero=True))
    assert not TP._interval(Domain(Fraction(-1), Fraction(1), nonzero=True))
    # a constant centre: the interval's closed ends first, then the usual points inside it
    assert TP.centres(x, [x], {x: closed}) == [0, 1, sp.Rational(1, 2)]
    assert TP.centres(x, [x], {x: Domain(Fraction(0), Fraction(1), True, True)}) == [sp.Rational(1, 2)]
    assert TP._sampled(x ** 2, [x], {x: closed}) and not TP._sampled(-x - 1, [x], {x: closed})


def test_the_argument_needs_a_smooth_gap_on_an_interval_and_takes_every_variable_and_centre_in_turn():
    B = parse_assumptions("x nonzero; y real")
    bx, by = B.symbol("x"), B.symbol("y")
    # false at x = -1, though 0 at x = 1 with (x - 1) dD/dx = (x - 1)^2 (1 + y^2) / x^4 >= 0: x != 0 splits the line
    gap = (1 / (3 * bx ** 3) - 1 / (2 * bx ** 2) + sp.Rational(1, 6)) * (1 + by ** 2)
    assert all(TP.decide(Problem(gap, ">=", sp.Integer(0), B), _prove, phase) is None for phase in (True, False))
    # floor(x) >= floor(y) is 0 at x = y and SymPy's slope is 0, but floor jumps: not smooth, not proved
    assert all(TP.decide(Problem(sp.floor(x), ">=", sp.floor(y), A), _prove, phase) is None for phase in (True, False))
    # three variables, the first (k, an integer) no interval: the next ones are tried
    C = parse_assumptions("x real; y real; k integer")
    assert _decide((x - y) ** 2 * (1 + C.symbol("k") ** 2), ">=", sp.Integer(0), C).method.startswith(
        "the gap is 0 at x = y")
    # x's first centre (y) does not make the gap 0, its third (the constant 1) does
    assert _decide((x - 1) ** 2 * (1 + y ** 2), ">=", sp.Integer(0)).method.startswith("the gap is 0 at x = 1")


def test_the_slope_is_asked_against_zero_and_not_asked_once_the_budget_is_nearly_spent():
    from derivcheck import budget
    from derivcheck.deciders.monotone import MIN_SECONDS
    from derivcheck.deciders.problem import Outcome
    step = Problem(KL, ">=", 2 * (p - q) ** 2, A)
    asked = []
    TP.decide(step, lambda sub: asked.append((sub.rel, sub.rhs)) or None, True)
    assert asked and set(asked) == {(">=", 0)}, asked  # (v - c) dD/dv >= 0, nothing weaker
    with budget.time_budget(60):
        assert TP.decide(step, lambda sub: Outcome("proved", "m"), True).verdict == "proved"
    with budget.time_budget(MIN_SECONDS / 2):
        assert TP.decide(step, lambda sub: Outcome("proved", "m"), True) is None  # too little left to start one


def test_the_filters_read_domains_and_samples_exactly():
    half, one = Fraction(1, 2), Fraction(1)
    assert TP._interval(Domain(Fraction(1), Fraction(2), nonzero=True))  # 0 is outside [1, 2]
    assert TP._interval(Domain(Fraction(-2), Fraction(-1), nonzero=True))
    assert TP._inside(Domain(Fraction(0), half), Domain(Fraction(0), one, False, True))  # w <= 1/2 < 1 (open)
    assert not TP._inside(Domain(Fraction(-1), one), Domain(Fraction(0), one))  # w = -1 is no value of v
    assert not TP._inside(Domain(Fraction(0), half), Domain(Fraction(-1), one, nonzero=True))  # w = 0 is none either
    assert TP.centres(x, [x], {x: Domain(Fraction(1, 3), Fraction(3))}) == [sp.Rational(1, 3), 3, 1, sp.Rational(1, 2),
                                                                            2]  # closed ends first
    real = Domain(None, None)
    assert not TP._sampled(-x ** 2 / 2 - sp.Rational(1, 4), [x], {x: Domain(Fraction(0), one)})  # in [-3/4, -1/4]
    assert TP._sampled(sp.Integer(0), [x], {x: Domain(Fraction(0), one)})  # 0 is not negative
    assert not TP._sampled(-sp.sqrt(-x) - 1, [x], {x: real})  # undefined at x > 0, negative at x < 0
    assert TP._sampled(sp.sin(x) ** 2 + sp.cos(x) ** 2 - 1, [x], {x: real})  # 0 everywhere: no sign decided
    assert TP._sampled(-1 / (sp.sin(x) ** 2 + sp.cos(x) ** 2 - 1), [x], {x: real})  # a denominator ball around 0
    assert TP._sampled(-x - 1, [x], {x: Domain(Fraction(0), one, True, True, integer=True)})  # no value to sample
