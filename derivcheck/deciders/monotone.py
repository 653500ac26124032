"""The derivative argument for a one-variable step, where bounds alone are too weak at a touching point.

`lhs <= rhs` on an interval I (one variable x) holds when, with f = rhs - lhs, f(c) >= 0 at an exact point c of I
and f' >= 0 on I to the right of c and f' <= 0 on I to the left of c: for x in I the mean value theorem gives
f(x) - f(c) = f'(xi)(x - c) >= 0 with xi between c and x. Each sign of f' is a step of its own, proved by the
caller's decider (the bounds and Z3, or this argument again one derivative down); f(c) is judged exactly
(`judge`: exact rationals or Arb balls); f must be defined on all of I (the caller's `defined`) and is built from
+, *, powers, exp, log, sin and cos only (no |.|, max, min: differentiable wherever its derivative is defined,
which each sub-proof establishes on its interval). A strict step needs f(c) > 0.

Example: log(1 + e^z) <= log 2 + z/2 + z^2/8 touches at z = 0 to fourth order, where polynomial bounds of the
softplus are hopeless on all of R; f(0) = 0, and f' = 1/2 + z/4 - e^z/(1 + e^z) has the sign of z, which the
bounds prove (it is tanh(z/2) <= z/2 in disguise).
"""

from __future__ import annotations

import math
from dataclasses import replace
from fractions import Fraction
from typing import Callable

import sympy as sp

from derivcheck.budget import remaining
from derivcheck.deciders.arb_eval import Undefined, Unresolved, evaluate
from derivcheck.deciders.bounds import rewrite
from derivcheck.deciders.counterexamples import free_variables
from derivcheck.deciders.judge import judge
from derivcheck.deciders.problem import Outcome, Problem
from derivcheck.reader.domains import Domain, domain_of

CENTRES = (Fraction(0), Fraction(1), Fraction(-1), Fraction(1, 2), Fraction(2))  # after the interval's ends
SMOOTH = (sp.Add, sp.Mul, sp.Pow, sp.exp, sp.log, sp.sin, sp.cos, sp.Symbol, sp.Number, sp.NumberSymbol)
MIN_SECONDS = 1.0  # the least time left worth starting a sub-proof in


def by_derivative(p: Problem, prove: Callable[[Problem], Outcome | None],
                  defined: Callable[[sp.Expr, object], bool]) -> Outcome | None:
    """A proof by the sign of f' on either side of an exact point, or None."""
    if p.rel not in ("<", "<=", ">", ">="):
        return None
    lhs, rhs = (rewrite(e) for e in p.ready)
    symbols = free_variables(lhs, rhs)
    if len(symbols) != 1:
        return None
    x = symbols[0]
    d = domain_of(x, p.assumptions)
    if d.integer:  # the mean value theorem needs f' on every real of a side: prove the step on the reals between
        x, d = _relaxed(x, d)
        lhs, rhs = lhs.xreplace({symbols[0]: x}), rhs.xreplace({symbols[0]: x})
    f = rhs - lhs if p.rel in ("<", "<=") else lhs - rhs
    # each side must be defined, not only f: log x - log x is 0, defined everywhere, but the step is not at x <= 0
    if d.values is not None or not _smooth(f) or not all(defined(e, p.assumptions) for e in (lhs, rhs)):
        return None
    fp = sp.diff(f, x)
    for c in _centres(d):
        left = remaining()
        if left is not None and left < MIN_SECONDS:
            return None
        if judge(lhs, p.rel, rhs, {x: sp.Rational(c.numerator, c.denominator)})[0] is not True:
            continue
        sides = _sides(d, c)
        if not all(_sampled_sign_ok(fp, x, side, sign) for side, sign in sides):
            continue  # f' has the wrong sign somewhere: no proof from this centre
        proofs = []
        for side, sign in sides:
            sub = Problem(fp, ">=" if sign > 0 else "<=", sp.Integer(0), _restricted(p.assumptions, x, side),
                          p.points, p.seed)
            out = prove(sub)
            if out is None or out.verdict != "proved":
                break
            proofs.append((side, sign, out))
        else:
            return _proved(f, x, c, proofs)
    return None


def _smooth(e) -> bool:
    return all(isinstance(a, SMOOTH) for a in sp.preorder_traversal(e))


def _centres(d: Domain) -> list[Fraction]:
    ends = [e for e, is_open in ((d.lo, d.lo_open), (d.hi, d.hi_open)) if e is not None and not is_open]
    out = []
    for c in ends + list(CENTRES):
        if d.contains(c) and c not in out:
            out.append(c)
    return out


def _sides(d: Domain, c: Fraction) -> list:
    """The parts of the interval right and left of c, as Domains, with the sign f' must have on each."""
    out = []
    if d.hi is None or d.hi > c:
        out.append((Domain(c, d.hi, False, d.hi_open), 1))
    if d.lo is None or d.lo < c:
        out.append((Domain(d.lo, c, d.lo_open, False), -1))
    return out


def _sampled_sign_ok(fp, x, side: Domain, sign: int) -> bool:
    """A cheap filter before a proof: f' at a few points of the side has the sign it needs (or is undecided)."""
    lo = side.lo if side.lo is not None else side.hi - 64
    hi = side.hi if side.hi is not None else side.lo + 64
    for k in range(1, 8):
        t = lo + (hi - lo) * Fraction(k, 8) ** 2 if side.lo is not None else hi - (hi - lo) * Fraction(k, 8) ** 2
        try:
            v = evaluate(fp, {x: t}, 64)
        except (Undefined, Unresolved):
            continue
        if (v < 0) if sign > 0 else (v > 0):
            return False
    return True


def _relaxed(x, d: Domain):
    """An integer variable as a real one from its least to its greatest integer value: a step proved for every real
    there holds at its integers (SymPy's simplifications for an integer x, (-1)^(2x) = 1, agree with the expression
    at integers)."""
    lo = None if d.lo is None else Fraction(math.floor(d.lo) + 1 if d.lo_open and d.lo.denominator == 1
                                            else math.ceil(d.lo))
    hi = None if d.hi is None else Fraction(math.ceil(d.hi) - 1 if d.hi_open and d.hi.denominator == 1
                                            else math.floor(d.hi))
    return sp.Symbol(x.name, real=True), Domain(lo, hi)


def _restricted(assumptions, x, side: Domain):
    """The assumptions with x confined to one side of the centre, over the reals (an integer variable relaxed)."""
    props = {**assumptions.props, x.name: tuple(q for q in assumptions.props.get(x.name, ()) if q != "integer")}
    return replace(assumptions, props=props,
                   ranges={**assumptions.ranges, x.name: (side.lo, side.hi, side.lo_open, side.hi_open)})


def _proved(f, x, c: Fraction, proofs: list) -> Outcome:
    parts = []
    for _side, sign, out in proofs:
        where = f"{x} >= {c}" if sign > 0 else f"{x} <= {c}"
        parts.append(f"f' {'>=' if sign > 0 else '<='} 0 for {where} ({out.method})")
    certificate = "\n(reset)\n".join(out.certificate for _, _, out in proofs if out.certificate) or None
    return Outcome("proved", f"derivative argument: f = {sp.sstr(f)} has f({c}) >= 0 and "
                   + " and ".join(parts) + " (mean value theorem)", {}, certificate=certificate)
