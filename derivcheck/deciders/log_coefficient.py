"""A step divided by the positive coefficient of a logarithm in it.

`\\max_i z_i \\le \\tau\\log\\sum_i e^{z_i/\\tau}` is, divided by tau > 0, (1/tau) max_i z_i <= log sum_i e^{z_i/tau}:
the sum lemmas take that through exponentials (a sum of nonnegative terms is at least its largest), while e^{tau log S}
= S^tau is no sum to compare term by term. Dividing both sides by c > 0 keeps the relation, so the divided step is
the same claim; c is a product of the non-numeric factors of a term with a logarithm (no logarithm, sum or extremum in
them), shown positive by SymPy's assumptions or by Z3 over the declared ranges. The divided step goes to the other
deciders (the verdict engine passes them in), and only its proof counts.
"""

from __future__ import annotations

from typing import Callable

import sympy as sp

from derivcheck.deciders import obligations
from derivcheck.deciders.problem import Outcome, Problem
from derivcheck.functions import OVER

MAX_FACTORS = 3  # coefficients tried, in the order their terms appear


def decide(p: Problem, prove: Callable[[Problem], Outcome | None]) -> Outcome | None:
    """Proved when, for a coefficient c > 0 of a logarithm in the step, `prove` proves lhs/c REL rhs/c; else None."""
    if p.rel not in ("=", "<=", "<", ">=", ">"):
        return None
    for c in coefficients(p.lhs, p.rhs):
        if not (obligations.holds(c, "positive") or obligations.decided(c, ">", 0, p.assumptions)):
            continue
        out = prove(Problem(p.lhs / c, p.rel, p.rhs / c, p.assumptions, p.points, p.seed, conditions=p.conditions))
        if out is not None and out.verdict == "proved":
            return Outcome("proved", f"both sides divided by {sp.sstr(c)} > 0, then {out.method}")
    return None


def coefficients(lhs, rhs) -> list:
    """The products of the non-numeric factors, free of logarithms, sums and extrema, of each term with a logarithm
    (tau of tau log S): the first MAX_FACTORS different ones, 1 left out."""
    out = []
    for side in (sp.sympify(lhs), sp.sympify(rhs)):
        for term in sp.Add.make_args(side):
            if not term.has(sp.log):
                continue
            c = sp.Mul(*[f for f in sp.Mul.make_args(term)
                         if not f.is_number and not f.has(sp.log, sp.Sum, sp.Product, *OVER)])
            if c != 1 and c not in out:
                out.append(c)
    return out[:MAX_FACTORS]
