"""A step in several variables proved through one of them: the gap vanishes where that variable equals another
variable (or a constant) and grows away from there.

With D = rhs - lhs (for <=; lhs - rhs for >=), a real variable v whose domain is an interval I, and a centre c that
lies in I for every value of the other variables (another variable whose declared domain is inside I, or a
constant of I): if D = 0 at v = c, and (v - c) dD/dv >= 0 for every value of every variable, then D >= 0. For fixed
values of the others, the mean value theorem gives D(v) - D(c) = D'(xi)(v - c) with xi strictly between c and v;
(xi - c) has the sign of (v - c), so D'(xi)(v - c) >= 0. D must be differentiable on the open segment and continuous
on the closed one: it is built from +, *, integer powers, exp, log, sin and cos, and roots only of arguments SymPy
shows positive (no |.|, max, min), and it is defined on the whole domain (the verdict engine counts a proof only
where the step is shown defined as written), so D is smooth on I for fixed values of the others.

Pinsker's inequality for Bernoulli distributions, p log(p/q) + (1 - p) log((1 - p)/(1 - q)) >= 2 (p - q)^2: D = 0 at
q = p, and (q - p) dD/dq = (q - p)^2 (1/(q(1 - q)) - 4) >= 0, a rational inequality Z3 decides.
"""

from __future__ import annotations

import random
from fractions import Fraction
from typing import Callable

import sympy as sp

from derivcheck.budget import remaining
from derivcheck.deciders.abstraction import applicable
from derivcheck.deciders.arb_eval import Undefined, Unresolved, evaluate
from derivcheck.deciders.monotone import CENTRES, MIN_SECONDS, SMOOTH
from derivcheck.deciders.problem import Outcome, Problem
from derivcheck.deciders.prover import prove_zero
from derivcheck.reader.domains import Domain, domain_of, random_value

METHOD = "the gap is 0 at "  # how a proof's method starts
SAMPLES = 6  # random points where (v - c) dD/dv must not be negative before a proof is tried


def decide(p: Problem, prove: Callable[[Problem], Outcome | None], algebraic: bool,
           defined: Callable[[sp.Expr, object], bool] = lambda e, a: True) -> Outcome | None:
    """Proved through a variable and a centre as the module's docstring says, the sign of (v - c) dD/dv proved by
    `prove`; else None. `algebraic`: only the centres where (v - c) dD/dv has no transcendental function left (Z3
    decides those quickly, so the caller tries them early), else only the others. `defined(side, assumptions)`:
    the caller's check that each side has a value on the whole domain (the verdict engine shows it for a step, not
    for what a prover hands on)."""
    if p.rel not in ("<=", ">="):
        return None
    lhs, rhs = p.ready
    gap = rhs - lhs if p.rel == "<=" else lhs - rhs
    symbols = sorted(gap.free_symbols, key=sp.default_sort_key)
    if len(symbols) < 2 or not all(isinstance(s, sp.Symbol) for s in symbols):
        return None
    domains = {s: domain_of(s, p.assumptions) for s in symbols}
    if not all(defined(side, p.assumptions) for side in (lhs, rhs)):
        return None
    for v in symbols:
        if not _interval(domains[v]) or not smooth_in(gap, v):
            continue
        slope = sp.diff(gap, v)
        for c in centres(v, symbols, domains):
            left = remaining()
            if left is not None and left < MIN_SECONDS:
                return None
            signed = sp.factor(sp.together(slope * (v - c)))
            if applicable(signed, sp.Integer(0)) == algebraic or not prove_zero(gap.xreplace({v: c}))[0]:
                continue
            if not _sampled(signed, symbols, domains):
                continue
            out = prove(Problem(signed, ">=", sp.Integer(0), p.assumptions, p.points, p.seed))
            if out is not None and out.verdict == "proved":
                return Outcome("proved", f"{METHOD}{v} = {c} and grows away from it: ({v} - {c}) times its "
                                         f"derivative in {v} is >= 0 ({out.method}; mean value theorem)", {},
                               certificate=out.certificate)
    return None


def _interval(d: Domain) -> bool:
    """d is an interval of reals (x != 0 splits one in two, unless 0 is not inside it anyway)."""
    inside = (d.lo is None or d.lo < 0) and (d.hi is None or d.hi > 0)
    return not (d.integer or (d.nonzero and inside) or d.values is not None)


def smooth_in(gap, v) -> bool:
    """gap is differentiable in v wherever it is defined: built from SMOOTH parts only, and each power of a
    non-integer exponent that depends on v has a base SymPy shows positive (sqrt(v - w) has no derivative at 0)."""
    if not all(isinstance(a, SMOOTH) for a in sp.preorder_traversal(gap)):
        return False
    return all(x.exp.is_integer or x.base.is_positive or not x.has(v) for x in gap.atoms(sp.Pow))


def centres(v, symbols, domains) -> list:
    """The other variables whose domain lies inside v's (so each of their values is a value of v), then the
    constants of v's domain (its closed ends, then 0, 1, -1, 1/2, 2)."""
    d = domains[v]
    out = [w for w in symbols if w != v and _inside(domains[w], d)]
    ends = [e for e, is_open in ((d.lo, d.lo_open), (d.hi, d.hi_open)) if e is not None and not is_open]
    for c in ends + list(CENTRES):
        if d.contains(c) and sp.Rational(c.numerator, c.denominator) not in out:
            out.append(sp.Rational(c.numerator, c.denominator))
    return out


def _inside(w: Domain, d: Domain) -> bool:
    if w.values is not None:
        return all(d.contains(Fraction(x)) for x in w.values)
    if d.lo is not None and (w.lo is None or w.lo < d.lo or (w.lo == d.lo and d.lo_open and not w.lo_open)):
        return False
    if d.hi is not None and (w.hi is None or w.hi > d.hi or (w.hi == d.hi and d.hi_open and not w.hi_open)):
        return False
    return not (d.nonzero and w.contains(Fraction(0))) and not (d.integer and not w.integer)


def _sampled(e, symbols, domains) -> bool:
    """A cheap filter: e is not negative at a few seeded random points (undecided points pass)."""
    rng = random.Random(0)
    for _ in range(SAMPLES):
        point = {}
        for s in symbols:
            value = random_value(domains[s], rng)
            if value is None:
                return True
            point[s] = sp.Rational(value.numerator, value.denominator)
        try:
            if evaluate(e, point, 64) < 0:
                return False
        except (Undefined, Unresolved, ZeroDivisionError):
            continue
    return True
