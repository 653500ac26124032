"""A step proved as a convex gap that touches 0 to second order: D = rhs - lhs with D = dD/dh = 0 at h = 0 and
d^2D/dh^2 >= 0.

Taylor bounds with a bounded second derivative have this form: `\\ell(z + h) \\le \\ell(z) - \\sigma(-z) h +
\\frac{h^2}{8}` for the logistic loss (its second derivative is at most 1/4), e^x >= 1 + x, a descent lemma.
For fixed values of the other variables D is a function of h alone; it is convex on h's interval (its second
derivative is >= 0 there, proved for every value of every variable by the caller's prover), and its tangent at
h = 0 is the constant 0, so D >= 0 on the whole interval, which must contain 0. D must be smooth in h (no |.|, max,
min, piecewise definition); it is defined on the whole interval because every point of it is a value of h (the
verdict engine counts a proof only where the step is shown defined as written), so its second derivative exists
at every interior point.
"""

from __future__ import annotations

from typing import Callable

import sympy as sp

from derivcheck.deciders.mean_value import NOT_SMOOTH
from derivcheck.deciders.problem import Outcome, Problem
from derivcheck.deciders.prover import prove_zero
from derivcheck.reader.domains import domain_of


def decide(p: Problem, prove: Callable[[Problem], Outcome | None]) -> Outcome | None:
    """Proved when, for some variable h of a step in two variables or more whose interval holds 0, the gap D (rhs -
    lhs for <=, lhs - rhs for >=) and dD/dh simplify to 0 at h = 0 and `prove` proves d^2D/dh^2 >= 0; else None."""
    if p.rel not in ("<=", ">="):
        return None
    lhs, rhs = p.ready
    gap = rhs - lhs if p.rel == "<=" else lhs - rhs
    if gap.has(*NOT_SMOOTH) or len(gap.free_symbols) < 2:  # one variable: the bounds and `monotone` own it
        return None
    for h in sorted(gap.free_symbols, key=sp.default_sort_key):
        d = domain_of(h, p.assumptions)
        if not isinstance(h, sp.Symbol) or h.is_integer or d.values is not None or d.nonzero or not d.contains(0):
            continue
        if not (_zero(gap.xreplace({h: 0})) and _zero(sp.diff(gap, h).xreplace({h: 0}))):
            continue
        curvature = sp.diff(gap, h, 2)
        out = prove(Problem(curvature, ">=", sp.Integer(0), p.assumptions, p.points, p.seed))
        if out is not None and out.verdict == "proved":
            return Outcome("proved", f"the gap and its derivative in {h.name} are 0 at {h.name} = 0 and it is convex "
                                     f"in {h.name} ({out.method})")
    return None


def _zero(e) -> bool:
    """e is shown to be 0 by the prover's simplifications (cheapest first; a sigmoid as its exponential form)."""
    return prove_zero(e)[0]
