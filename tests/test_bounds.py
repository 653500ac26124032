"""The bounds library (derivcheck/deciders/bounds.py): every bound holds on its range and fails just outside it.

Each bound is checked with Arb at many rational points including its range's ends (strictly positive cleared form
away from its tangency point, exactly zero there); the log bounds are proved once here (value 0 at t = 1 and the
derivative's sign on the range decided by Z3); the exp and trig families by the derivative chain of Taylor's
theorem (SymPy); the rewrites into exp are identities (SymPy).
"""

from __future__ import annotations

from fractions import Fraction

import flint
import pytest
import sympy as sp
import z3

from derivcheck.deciders import bounds as B
from derivcheck.deciders.bounds import LIBRARY, Bound, T, bounds, rewrite, taylor_exp
from derivcheck.functions import Sigmoid

ALL = [b for family in LIBRARY.values() for b in family]
TANGENT = {"exp": 0, "cos": 0, "sin": 0, "log": 1}  # where each family's Taylor bounds touch the function
GRID = sorted({Fraction(k, 4) for k in range(-80, 81)} | {Fraction(k, 64) for k in range(1, 64)}
              | {Fraction(s, 10 ** k) for k in range(1, 10) for s in (1, -1)} | {Fraction(1, 3), Fraction(-7, 3),
                                                                                Fraction(1000), Fraction(-1000)})


def _arb(q: Fraction) -> flint.arb:
    return flint.arb(flint.fmpq(q.numerator, q.denominator))


def _value(function: str, t: flint.arb) -> flint.arb:
    return getattr(t, function)()


def _points(b: Bound) -> list[Fraction]:
    ends = [e for e in (b.lo, b.hi) if e is not None]
    pts = [t for t in GRID + ends if b.holds_at(t)]
    return [t for t in pts if t > 0] if b.function == "log" else pts


def _cleared_at(b: Bound, t: Fraction) -> flint.arb:
    old = flint.ctx.prec
    # at t = 10^-9 a degree-9 remainder is 10^-90/10!: 128 bits cannot separate it
    flint.ctx.prec = 1024 if abs(t) < Fraction(1, 100) else 128
    try:
        x = _arb(t)
        return b.cleared(_value(b.function, x), x)
    finally:
        flint.ctx.prec = old


@pytest.mark.parametrize("b", ALL, ids=lambda b: b.name)
def test_each_bound_holds_at_many_points_and_its_range_ends(b):
    checked = 0
    for t in _points(b):
        c = _cleared_at(b, t)
        if t == TANGENT[b.function]:  # where the Taylor bounds touch their function: exactly, not in a ball
            exact = b.cleared(sp.Integer(1) if b.function in ("exp", "cos") else sp.Integer(0), sp.Rational(t))
            assert exact >= 0 and (exact == 0 or b.degree == 0), (b.name, t)
        else:
            assert c > 0, (b.name, t, c)
            checked += 1
    assert checked >= 60


LIMITED = [b for b in ALL if b.hi is not None or (b.lo is not None and not (b.function == "log" and b.lo == 0))]


@pytest.mark.parametrize("b", LIMITED, ids=lambda b: b.name)
def test_a_range_limited_bound_fails_just_outside_its_range(b):
    # widening the range is a false bound: a point beyond an end refutes it, far out and just past the end, so that
    # the end is where the bound stops holding, not merely a safe one (log's t > 0 is its domain)
    outside = [b.hi + 1, b.hi + Fraction(1, 10)] if b.hi is not None else []
    if b.lo is not None and not (b.function == "log" and b.lo == 0):
        outside += [Fraction(1, 2) if b.function == "log" else b.lo - 1, b.lo - Fraction(1, 10)]
    for t in outside:
        assert _cleared_at(b, t) < 0, (b.name, t)


def test_the_library_has_both_directions_of_every_function_and_degrees_rise():
    for function in ("exp", "log", "cos", "sin"):
        directions = {b.direction for b in LIBRARY[function]}
        assert directions == {"lower", "upper"}, function
        # a sin bound among cos's would be applied to a cos occurrence: unsound
        assert all(b.function == function for b in LIBRARY[function]) and bounds(function, 9) == \
            sorted(LIBRARY[function], key=lambda b: b.degree)
    assert len(ALL) == len(set(ALL)) == len(B.EXP) + len(B.LOG) + len(B.TRIG)
    degrees = [b.degree for b in bounds("exp", 5)]
    assert degrees == sorted(degrees) and max(degrees) == 5 and min(degrees) == 1
    assert all(b.degree <= 3 for b in bounds("cos", 3)) and len(bounds("cos", 3)) < len(bounds("cos", 9))
    assert all(b.proof for b in ALL)


@pytest.mark.parametrize("b", B.LOG, ids=lambda b: b.name)
def test_each_log_bound_is_proved_from_its_value_at_one_and_its_derivatives_sign(b):
    # f = log t - num/den (lower) or num/den - log t (upper) is 0 at t = 1; on [1, hi] f' >= 0 and on [lo, 1]
    # f' <= 0 (Z3 decides the rational function's sign), so f >= 0 on the range: the bound is a theorem
    sign = 1 if b.direction == "lower" else -1
    f = sign * (sp.log(T) - b.num / b.den)
    assert sp.simplify(f.subs(T, 1)) == 0
    num, den = sp.fraction(sp.together(sp.diff(f, T)))
    t = z3.Real("t")
    zn, zd = (B._horner(sp.expand(p), t) for p in (num, den))
    lo = b.lo if b.lo is not None else Fraction(0)
    for side, cond in (("right", z3.And(t >= 1, t <= b.hi) if b.hi is not None else t >= 1),
                       ("left", z3.And(t > lo, t <= 1) if lo < 1 else z3.BoolVal(False))):
        wrong = zn * zd < 0 if side == "right" else zn * zd > 0  # f' has the sign of num * den
        solver = z3.Solver()
        solver.add(t > 0, t >= lo, cond, wrong)
        assert solver.check() == z3.unsat, (b.name, side)


@pytest.mark.parametrize("b", ALL, ids=lambda b: b.name)
def test_a_bounds_degree_is_its_polynomials_degree(b):
    # the degree decides the query a bound is first sent in: the cheap ones are the low-degree ones (a log bound's
    # degree is its order of contact with log at t = 1, as the Taylor degree is exp's at 0)
    if b.function == "log":
        error = sp.series(sp.log(T) - b.num / b.den, T, 1, 5).removeO()
        assert min(sp.Poly(error.subs(T, T + 1), T).monoms())[0] == b.degree + 1
    else:
        assert b.degree == max(sp.Poly(b.num, T).degree(), sp.Poly(b.den, T).degree())


def test_the_taylor_families_are_their_derivative_chains():
    # Taylor's theorem by induction: (e^t - T_n)' = e^t - T_{n-1}, (cos - C_m)' = -(sin - S_{m-1}), ...
    for n in range(1, 10):
        assert sp.expand(sp.diff(taylor_exp(n), T) - taylor_exp(n - 1)) == 0
    for m in range(1, 5):
        assert sp.expand(sp.diff(B._alternating("cos", m), T) + B._alternating("sin", m - 1)) == 0
        assert sp.expand(sp.diff(B._alternating("sin", m), T) - B._alternating("cos", m)) == 0
    assert taylor_exp(3) == 1 + T + T ** 2 / 2 + T ** 3 / 6


def test_the_rewrites_are_identities():
    x = sp.Symbol("x", real=True)
    for cls in (sp.tanh, sp.sinh, sp.cosh, Sigmoid):
        written = rewrite(cls(x))
        assert not written.has(cls) and written.has(sp.exp)
        assert sp.simplify(cls(x).rewrite(sp.exp) - written) == 0
    assert rewrite(sp.tanh(x) + x) == B.REWRITES[sp.tanh](x) + x


def test_the_cleared_form_evaluates_in_sympy_z3_and_arb():
    b = bounds("exp", 1)[0]  # e^t >= 1 + t
    v = sp.Symbol("v")
    assert sp.expand(b.cleared(v, T) - (v - 1 - T)) == 0
    t, e = z3.Reals("t e")
    s = z3.Solver()
    s.add(b.cleared(e, t) < 0, e == 1 + t)
    assert s.check() == z3.unsat
    assert b.cleared(flint.arb(3), flint.arb(2)) == 0
    assert "exp(t) >= t + 1" == b.name and "for t <= 0" in bounds("exp", 2)[-1].name
    assert B.LOG[2].name.endswith("for t >= 1") and B.LOG[3].name.endswith("for t >= 0 and <= 1")


def test_the_library_holds_every_degree_of_each_family_and_holds_at_includes_its_ends():
    assert sorted({b.degree for b in B.EXP}) == list(range(1, 10)) and len(B.EXP) == 18
    assert sorted({b.degree for b in LIBRARY["cos"]}) == [0, 2, 4, 6, 8]
    assert sorted({b.degree for b in LIBRARY["sin"]}) == [0, 1, 3, 5, 7, 9]
    assert {(b.direction, b.lo, b.hi) for b in bounds("sin", 1) if b.degree == 1} == \
        {("upper", 0, None), ("lower", None, 0)}  # sin t <= t for t >= 0, and >= t below 0
    b = B.LOG[3]  # the range [0, 1]
    assert b.holds_at(Fraction(0)) and b.holds_at(Fraction(1)) and not b.holds_at(Fraction(-1, 10 ** 9))
    assert not b.holds_at(Fraction(1) + Fraction(1, 10 ** 9))


def test_the_sign_free_trig_bounds_are_attained():
    # |cos|, |sin| <= 1 are tight: their cleared forms vanish at pi or pi/2 (a weaker constant would not)
    old = flint.ctx.prec
    flint.ctx.prec = 128
    try:
        pi = flint.arb.pi()
        for b in [b for b in LIBRARY["cos"] + LIBRARY["sin"] if b.degree == 0]:
            at = {("cos", "lower"): pi, ("cos", "upper"): pi * 0, ("sin", "upper"): pi / 2,
                  ("sin", "lower"): -pi / 2}[b.function, b.direction]
            c = b.cleared(_value(b.function, at), at)
            assert c.contains(0) and abs(c) < flint.arb(10) ** -30, b.name
    finally:
        flint.ctx.prec = old


def test_names_say_the_bound_and_its_range():
    exp_upper = [b for b in bounds("exp", 1) if b.direction == "upper"][0]
    assert exp_upper.name == "exp(t) <= -1/(t - 1)"
    assert B.LOG[0].name == "log(t) <= t - 1 for t >= 0"
    assert B.LOG[5].name == "log(t) >= (t**2 - 1)/(2*t) for t >= 0 and <= 1"
    assert [b.name for b in bounds("sin", 1) if b.degree == 1] == ["sin(t) <= t for t >= 0", "sin(t) >= t for t <= 0"]


def test_each_exp_bound_states_its_true_lagrange_remainder():
    # the proof a report shows must be the right one: e^t - T_n(t) = e^xi t^K/K! with K = n + 1, which is the
    # leading term of e^t - T_n(t) at t = 0 (SymPy's series), and its sign is what the bound's range relies on
    import re

    t = sp.Symbol("t")
    stated = [b for b in B.EXP if "Lagrange" in b.proof]
    assert len(stated) >= 9
    for b in stated:
        m = re.search(r"e\^t - T_(\d+)\(t\) = e\^xi t\^(\d+)/(\d+)!", b.proof)
        assert m is not None, b.proof
        n, k, k_fact = map(int, m.groups())
        assert n == b.degree and k == k_fact, b.proof
        leading = sp.series(sp.exp(t) - B.taylor_exp(n, t), t, 0, k + 1).removeO()
        assert sp.simplify(leading - t ** k / sp.factorial(k)) == 0, b.proof
