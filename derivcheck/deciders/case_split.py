"""A step proved case by case: over the variables declared in small finite sets (a label y in {-1, 1}), or with
the base of a symbolic power at 0 and above 0.

Z3 and the transcendental bounds see sqrt((t + p)^2 + q^2) <= t + sqrt(p^2 + q^2) more easily than the same with a
factor y that takes only two values. When some of a step's variables are in finite sets and some are not, each
combination of their values is a step of its own: the step is proved when every combination is proved by the
other deciders (the verdict engine passes them in, the search and the refuters left out). A combination that fails
proves nothing here; its counterexample is the search's to find. With every variable in a finite set the plain
cases decider evaluates each point instead.

A power b^t with a symbolic exponent is exp(t log b) to the transcendental bounds, which have no value at b = 0:
with b declared in [0, 1) (Adam's beta), 1 - beta^t >= 1 - beta is proved for beta > 0 and, separately, at beta = 0,
where 0^t is a number (t >= 1) or 0^0 = 1 (`at_zero`).
"""

from __future__ import annotations

import itertools
from math import prod
from typing import Callable

import sympy as sp

from derivcheck.deciders.problem import Outcome, Problem
from derivcheck.reader.declarations import Assumptions
from derivcheck.reader.domains import domain_of

MAX_CASES = 8  # combinations of the finite sets' values, each proved in its own share
MAX_BASES = 3  # bases split at 0 together (2^3 cases at most)


def decide(p: Problem, prove: Callable[[Problem], Outcome | None]) -> Outcome | None:
    """Proved when `prove` proves every combination of the finite-set variables' values, or the step with each
    symbolic power's base at 0 and above 0; else None."""
    return by_values(p, prove) or at_zero(p, prove)


def at_zero(p: Problem, prove: Callable[[Problem], Outcome | None]) -> Outcome | None:
    """Proved when `prove` proves the step at b = 0 and for b > 0, for each base b (the first MAX_BASES) of a power
    with a symbolic exponent whose declared range starts at 0 (closed); with several bases, every combination."""
    powers = [x for x in sp.Tuple(p.lhs, p.rhs).atoms(sp.Pow) if x.base.is_Symbol and not x.exp.is_number]
    bases = [b for b in sorted({x.base for x in powers}, key=sp.default_sort_key)
             if (d := domain_of(b, p.assumptions)).values is None and d.lo == 0 and not d.lo_open][:MAX_BASES]
    if not bases:
        return None
    shown = []
    for zeros in itertools.product((True, False), repeat=len(bases)):  # the case at 0 first
        subs, above = {}, p.assumptions.merged(Assumptions())
        for b, zero in zip(bases, zeros):
            d = domain_of(b, p.assumptions)
            if not zero:
                above.restrict_range(b.name, d.lo, d.hi, True, d.hi_open)
            subs[b] = sp.Integer(0) if zero else sp.Symbol(b.name, positive=True,
                                                           **({"integer": True} if b.is_integer else {}))
        out = prove(Problem(p.lhs.xreplace(subs), p.rel, p.rhs.xreplace(subs), above, p.points, p.seed,
                            conditions=tuple(c.substituted(subs) for c in p.conditions)))
        if out is None or out.verdict != "proved":
            return None
        shown.append(out.method)
    if len(bases) == 1:
        return Outcome("proved", f"{bases[0]} = 0 and {bases[0]} > 0 apart: {shown[0]}; {shown[1]}")
    names = ", ".join(sp.sstr(b) for b in bases)
    return Outcome("proved", f"each of {names} at 0 and above 0, {len(shown)} cases: {shown[-1]}"
                             + ("" if len(set(shown)) == 1 else " (and others)"))


def by_values(p: Problem, prove: Callable[[Problem], Outcome | None]) -> Outcome | None:
    """Proved when `prove` proves every combination of the finite-set variables' values, else None."""
    symbols = sorted(p.lhs.free_symbols | p.rhs.free_symbols, key=sp.default_sort_key)
    finite = [(x, d.values) for x in symbols if (d := domain_of(x, p.assumptions)).values is not None]
    sizes = [len(values) for _, values in finite]
    if not finite or len(finite) == len(symbols) or prod(sizes) > MAX_CASES:
        return None
    shown = []
    for combo in itertools.product(*[values for _, values in finite]):
        subs = {x: sp.Rational(v.numerator, v.denominator) for (x, _), v in zip(finite, combo)}
        case = Problem(p.lhs.xreplace(subs), p.rel, p.rhs.xreplace(subs), p.assumptions, p.points, p.seed,
                       conditions=tuple(c.substituted(subs) for c in p.conditions))
        out = prove(case)
        if out is None or out.verdict != "proved":
            return None
        shown.append(out.method)
    names = ", ".join(sp.sstr(x) for x, _ in finite)
    return Outcome("proved", f"each value of {names} in its finite set, {len(shown)} cases: {shown[0]}"
                             + ("" if len(set(shown)) == 1 else " (and others)"))
