"""Two powers of one exponent compared by their bases.

For E >= 0 the map t -> t^E is nondecreasing on [0, oo) (increasing for E > 0), so B^E <= C^E follows from
0 <= B <= C, and B^E < C^E from 0 <= B < C with E > 0. A side exp(Q) is C^E with C = exp(Q/E) when Q/E is an
expression whose product with E is Q identically (polynomially, where Q/E is defined): (1 - eta mu)^{2T} <= e^{-2 eta
mu T} is (1 - eta mu)^{2T} <= (e^{-eta mu})^{2T}, from 1 - eta mu <= e^{-eta mu}. The rate after T >= (1/(eta mu))
log(1/eps) steps, with T rewritten by its declared range, has an exponent no single variable names; this is the step
papers write, and the bounds on exp(E log B) do not see it through.

The bases' comparison is a step of its own, proved by the other deciders (the verdict engine passes them in); the
conditions B >= 0 and E >= 0 (E > 0 for a strict step) are proved by SymPy's assumptions or Z3 over the declared
ranges, else as steps of their own (E = 2T + 2 log(1/eps)/(eta mu) with eps in (0, 1)). Only a proof counts: a false comparison of the bases says nothing about the powers.
"""

from __future__ import annotations

from typing import Callable

import sympy as sp

from derivcheck.deciders import obligations
from derivcheck.deciders.problem import Outcome, Problem

FLIP = {">=": "<=", ">": "<"}


def decide(p: Problem, prove: Callable[[Problem], Outcome | None]) -> Outcome | None:
    """Proved when the step is B^E REL C^E (a side exp(Q) read as exp(Q/E)^E), the bases are >= 0, E >= 0 (> 0 for
    < and >), and `prove` proves B REL C; else None."""
    if p.rel not in ("<=", "<", ">=", ">"):
        return None
    lhs, rel, rhs = (p.lhs, p.rel, p.rhs) if p.rel in ("<=", "<") else (p.rhs, FLIP[p.rel], p.lhs)
    found = bases(lhs, rhs)
    if found is None:
        return None
    b, c, e = found
    strict = rel == "<"
    for x, prop in ((b, "nonnegative"), (e, "positive" if strict else "nonnegative")):
        side = ">" if prop == "positive" else ">="
        if not (obligations.holds(x, prop) or obligations.decided(x, side, 0, p.assumptions)):
            shown = prove(Problem(x, side, sp.Integer(0), p.assumptions, p.points, p.seed))  # log(1/eps) > 0
            if shown is None or shown.verdict != "proved":
                return None
    out = prove(Problem(b, rel, c, p.assumptions, p.points, p.seed, conditions=p.conditions))
    if out is None or out.verdict != "proved":
        return None
    return Outcome("proved", f"t^E is nondecreasing in t >= 0 for E = {sp.sstr(e)} >= 0: the bases compared, "
                             f"{sp.sstr(b)} {rel} {sp.sstr(c)} ({out.method})")


def bases(lhs, rhs):
    """(B, C, E) when lhs = B^E and rhs = C^E for one symbolic exponent E (either side may be exp(Q) = exp(Q/E)^E),
    or None."""
    left, right = _power(lhs), _power(rhs)
    for (b, e), other in ((left, rhs), (right, lhs)):
        if b is None:
            continue
        if isinstance(other, sp.Pow) and not other.exp.is_number and sp.expand(other.exp - e) == 0:
            c = other.base
        elif isinstance(other, sp.exp):
            c = _exp_base(other.args[0], e)
            if c is None:
                continue
        else:
            continue
        return (b, c, e) if other is rhs else (c, b, e)
    return None


def _power(x) -> tuple:
    """(B, E) of a power B^E with a symbolic exponent whose base is no exp (that is the other form), else (None, None)."""
    if isinstance(x, sp.Pow) and not x.exp.is_number and not isinstance(x.base, sp.exp) and x.base != sp.E:
        return x.base, x.exp
    return None, None


def _exp_base(q, e):
    """exp(q/e), which is exp(q) to the power e (exp(q/e)^e = exp(q) for real q/e) where q/e, cancelled, is defined:
    its denominator positive by SymPy's assumptions (a number, e > 0 itself, or sqrt(mu + s) of Nesterov's rate;
    cancel leaves a number denominator positive); else None."""
    r = sp.cancel(sp.together(q / e))
    return sp.exp(r) if obligations.holds(sp.denom(sp.together(r)), "positive") else None
