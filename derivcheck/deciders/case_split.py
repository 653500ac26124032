"""A step proved case by case over the variables declared in small finite sets (a label y in {-1, 1}).

Z3 and the transcendental bounds see sqrt((t + p)^2 + q^2) <= t + sqrt(p^2 + q^2) more easily than the same with a
factor y that takes only two values. When some of a step's variables are in finite sets and some are not, each
combination of their values is a step of its own: the step is proved when every combination is proved by the
other deciders (the verdict engine passes them in, the search and the refuters left out). A combination that fails
proves nothing here; its counterexample is the search's to find. With every variable in a finite set the plain
cases decider evaluates each point instead.
"""

from __future__ import annotations

import itertools
from math import prod
from typing import Callable

import sympy as sp

from derivcheck.deciders.problem import Outcome, Problem
from derivcheck.reader.domains import domain_of

MAX_CASES = 8  # combinations of the finite sets' values, each proved in its own share


def decide(p: Problem, prove: Callable[[Problem], Outcome | None]) -> Outcome | None:
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
