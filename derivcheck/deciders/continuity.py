"""Limits at a finite point of an expression continuous there: the limit is the value at the point.

SymPy's `limit` gives up on a sum over a symbolic range (lim_{beta -> 0} sum_i e^{beta z_i}), which is a finite sum of
continuous terms. Here each limit at a finite point c is replaced by its expression at c when the expression is
continuous at c, shown by its form: sums, products, integer powers, exp, sin, cos, tanh, the sigmoid, |.|, max and
min, and sums and extrema over finite ranges free of the limit's variable are continuous (a series need not be); a
negative power needs its base nonzero at c, a root or a logarithm its argument positive at c, a power with a variable
exponent its base positive at c (each shown by SymPy at the point, the sums there evaluated). Anything else (1/beta
at 0, a limit at infinity, an undeclared function, a series) is left alone. Only a proof of the rewritten step
counts: the rewrite is exact, but the deciders see a step without the limit.
"""

from __future__ import annotations

import sympy as sp

from derivcheck.deciders.problem import Outcome, Problem, each_rewritten, proved_rewritten
from derivcheck.functions import OVER, Sigmoid

CONTINUOUS = (sp.exp, sp.sin, sp.cos, sp.tanh, sp.sinh, sp.cosh, sp.atan, Sigmoid, sp.Abs, sp.Max, sp.Min)


def _sign_at(e, prop: str) -> bool:
    """e (the value at the point) is shown `prop` (positive, nonzero) by SymPy, its sums evaluated."""
    for form in (e, e.doit()):
        try:
            if getattr(sp.simplify(form), f"is_{prop}") is True:
                return True
        except Exception:  # SymPy cannot take the form: not shown
            continue
    return False


def continuous_at(f, x, c) -> bool:
    """f is continuous in x at x = c, shown by its form (see the module)."""
    if x not in f.free_symbols:
        return True
    if f == x or f.is_Add or f.is_Mul:
        return f == x or all(continuous_at(a, x, c) for a in f.args)
    if f.is_Pow:
        base, k = f.args
        if not (continuous_at(base, x, c) and continuous_at(k, x, c)):
            return False
        if k.is_Integer:
            return k.is_nonnegative or _sign_at(base.subs(x, c), "nonzero")
        return _sign_at(base.subs(x, c), "positive")
    if isinstance(f, sp.log):
        return continuous_at(f.args[0], x, c) and _sign_at(f.args[0].subs(x, c), "positive")
    if isinstance(f, CONTINUOUS):
        return all(continuous_at(a, x, c) for a in f.args)
    if isinstance(f, (sp.Sum, *OVER)):  # finitely many continuous terms: the range finite and free of x (a series
        # of continuous terms need not be continuous: sum_i (x^i - x^{i+1}) is 1 for x < 1 and 0 at x = 1)
        return all(len(lim) == 3 and x not in (lim[1].free_symbols | lim[2].free_symbols)
                   and not sp.Tuple(lim[1], lim[2]).has(sp.oo, -sp.oo, sp.zoo) for lim in f.limits) and \
            continuous_at(f.function, x, c)
    return False


def at_the_point(e):
    """e with each limit at a finite point of an expression continuous there replaced by its value there, and the
    limits replaced, named lim_{x -> c}."""
    def value(lim):
        f, x, c = lim.args[:3]
        return f.subs(x, c) if c.is_finite is True and continuous_at(f, x, c) else None
    out, done = each_rewritten(e, sp.Limit, value)
    return out, [f"lim_{{{lim.args[1]} -> {lim.args[2]}}}" for lim in done]


def decide(p: Problem, prove) -> Outcome | None:
    """The step with its limits at points of continuity evaluated, proved by `prove` (the verdict engine's provers on
    the rewritten problem); only a proof counts."""
    if not sp.Tuple(p.lhs, p.rhs).has(sp.Limit):
        return None
    return proved_rewritten(p, at_the_point, prove, lambda done: f"{', '.join(done)} by continuity (the value at the "
                                                                  "point)")
