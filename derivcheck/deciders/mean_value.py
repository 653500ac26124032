"""A Lipschitz step proved by the mean value theorem: |g(x) - g(z)| <= L |x - z| from |g'| <= L.

`|\\sigma(x) - \\sigma(z)| \\le \\frac14 |x - z|` is a step in two variables that the bounds see as two unrelated
exponentials; through the derivative it is a step in one: sigma' = sigma(1 - sigma) <= 1/4 on the line. The form
A <= L |x - z| (or |A| <= L |x - z|) is taken when x and z are two variables declared on the same interval, L is
free of both, and A is g(x) - g(z) for one g: A vanishes at x = z and dA/dx does not depend on z (then A is the
integral of dA/dx from z to x). g is built from elementary functions without |.|, max, min or a piecewise
definition, so it is differentiable wherever it is defined; it is defined at every point of the interval, because
every point is a value of x (the verdict engine counts a proof only where the step is shown defined as written).
So |A| <= sup |g'| |x - z| <= L |x - z|, with |g'(t)| <= L proved for t inside the interval by the caller's prover.
A factor c >= 0 (SymPy's assumptions) free of x and z in front of the left side, c |A| <= c L |x - z|, is the same
step multiplied by c: |A| <= L |x - z| proves it (a proof only; c = 0 makes it hold whatever A is).
"""

from __future__ import annotations

from typing import Callable

import sympy as sp

from derivcheck.deciders.problem import Outcome, Problem
from derivcheck.deciders.prover import prove_zero
from derivcheck.reader.domains import domain_of

NOT_SMOOTH = (sp.Abs, sp.Max, sp.Min, sp.Piecewise, sp.sign, sp.floor, sp.ceiling, sp.Heaviside)


def lipschitz(p: Problem, prove: Callable[[Problem], Outcome | None]) -> Outcome | None:
    """Proved when the step is A <= L|x - z| or |A| <= L|x - z| as above and `prove` proves |dA/dx| <= L on the
    interval's interior; else None."""
    if p.rel != "<=":  # the theorem gives <= only
        return None
    lhs, rhs = p.ready
    if lhs == 0 and isinstance(rhs, sp.Add):  # 0 <= B - C (a term of a sum's difference) is C <= B
        terms = sp.Add.make_args(rhs)
        lhs = -sp.Add(*[t for t in terms if t.could_extract_minus_sign()])
        rhs = sp.Add(*[t for t in terms if not t.could_extract_minus_sign()])
    for x, z in _pairs(lhs, p):
        scale = sp.Mul(*[f for f in sp.Mul.make_args(lhs) if not f.has(x, z) and f.is_nonnegative])
        inner = lhs / scale
        inner = inner.args[0] if isinstance(inner, sp.Abs) else inner
        L, gap = (rhs / scale).as_independent(x, z, as_Add=False)  # cheap: no simplify of a false step's sides
        if gap != sp.Abs(x - z) or L.has(x, z) or inner.has(*NOT_SMOOTH) or not prove_zero(inner.xreplace({x: z}))[0]:
            continue
        slope = sp.diff(inner, x)
        if slope.has(z) or slope.has(sp.Derivative, sp.Subs):
            continue
        d = domain_of(x, p.assumptions)
        t = sp.Symbol(f"_{x.name}_between", real=True)
        inside = p.assumptions.merged(type(p.assumptions)())
        inside.ranges[t.name] = (d.lo, d.hi, True, True)  # the interior: where g is differentiable
        out = prove(Problem(sp.Abs(slope.xreplace({x: t})), "<=", L, inside, p.points, p.seed))
        if out is not None and out.verdict == "proved":
            factor = f", times {sp.sstr(scale)} >= 0 on both sides" if scale != 1 else ""
            return Outcome("proved", f"the mean value theorem: |d/d{x.name}| <= {sp.sstr(L)} between {x.name} and "
                                     f"{z.name}{factor} ({out.method})")
    return None


def _pairs(lhs, p: Problem) -> list:
    """Pairs (x, z) of real variables of the step declared on one interval (no finite set, no hole at 0)."""
    symbols = sorted((s for s in lhs.free_symbols if isinstance(s, sp.Symbol) and not s.is_integer),
                     key=sp.default_sort_key)
    out = []
    for x in symbols:
        dx = domain_of(x, p.assumptions)
        if dx.values is not None or dx.nonzero:
            continue
        out += [(x, z) for z in symbols if z != x and domain_of(z, p.assumptions) == dx]
    return out
