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

A limit's value may turn on the sign of a parameter: lim (1/gamma) log(1 + e^{gamma z}) is z for z > 0 and 0 for
z <= 0, and SymPy computes it only when it knows the sign. Such a step is proved with each parameter of unknown sign
negative, zero and positive apart (`by_sign`).
"""

from __future__ import annotations

import itertools
from fractions import Fraction
from math import prod
from typing import Callable

import sympy as sp

from derivcheck.deciders.problem import Outcome, Problem
from derivcheck.reader.declarations import Assumptions
from derivcheck.reader.domains import domain_of

MAX_CASES = 8  # combinations of the finite sets' values, each proved in its own share
MAX_BASES = 3  # bases split at 0 together (2^3 cases at most)
MAX_SIGNS = 2  # parameters of a limit split by sign together (3^2 cases at most)


def decide(p: Problem, prove: Callable[[Problem], Outcome | None]) -> Outcome | None:
    """Proved when `prove` proves every combination of the finite-set variables' values, or the step with each
    symbolic power's base at 0 and above 0, or a limit with each parameter of unknown sign below, at and above 0,
    or the step with each variable inside an absolute value below, at and above 0; else None."""
    return by_values(p, prove) or at_zero(p, prove) or by_sign(p, prove) or by_abs_sign(p, prove)


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


def by_sign(p: Problem, prove: Callable[[Problem], Outcome | None]) -> Outcome | None:
    """Proved when `prove` proves the step with each real parameter of a limit (the first MAX_SIGNS) whose declared
    range holds numbers of both signs taken below 0, at 0 (where the range holds it) and above 0, in every
    combination; else None. Below 0 the parameter x is -x' with x' > 0 in the range's mirror image."""
    limits = sp.Tuple(p.lhs, p.rhs).atoms(sp.Limit)
    return _signs_apart(p, prove, set().union(*(lim.free_symbols for lim in limits)) if limits else set())


def by_abs_sign(p: Problem, prove: Callable[[Problem], Outcome | None]) -> Outcome | None:
    """The same for each variable whose absolute value the step takes (log cosh x >= |x| - log 2): with x below 0,
    at 0 and above 0 apart, |x| is -x, 0 and x, and each case is a step without it."""
    return _signs_apart(p, prove, {a.args[0] for a in sp.Tuple(p.lhs, p.rhs).atoms(sp.Abs) if a.args[0].is_Symbol})


def _signs_apart(p: Problem, prove: Callable[[Problem], Outcome | None], inside: set) -> Outcome | None:
    split = []
    for x in sorted(inside, key=sp.default_sort_key):
        d = domain_of(x, p.assumptions)
        if d.values is None and not d.integer and (d.lo is None or d.lo < 0) and (d.hi is None or d.hi > 0):
            split.append((x, d))
    if not split:
        return None
    shown = []
    for signs in itertools.product((-1, 0, 1), repeat=len(split[:MAX_SIGNS])):
        subs, case = {}, p.assumptions.merged(Assumptions())
        if any(s == 0 and not d.contains(Fraction(0)) for s, (_, d) in zip(signs, split)):
            continue
        for s, (x, d) in zip(signs, split):
            if s == 0:
                subs[x] = sp.Integer(0)
                continue
            end, end_open = (d.hi, d.hi_open) if s > 0 else (None if d.lo is None else -d.lo, d.lo_open)
            case.ranges[x.name] = (Fraction(0), end, True, end_open)
            subs[x] = s * sp.Symbol(x.name, positive=True)
        out = prove(Problem(p.lhs.xreplace(subs), p.rel, p.rhs.xreplace(subs), case, p.points, p.seed,
                            conditions=tuple(c.substituted(subs) for c in p.conditions)))
        if out is None or out.verdict != "proved":
            return None
        shown.append(out.method)
    names = ", ".join(sp.sstr(x) for x, _ in split[:MAX_SIGNS])
    return Outcome("proved", f"each of {names} below 0, at 0 and above 0, {len(shown)} cases: {shown[-1]}"
                             + ("" if len(set(shown)) == 1 else " (and others)"))
