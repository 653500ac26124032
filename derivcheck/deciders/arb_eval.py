"""Rigorous evaluation of SymPy expressions in Arb ball arithmetic (python-flint).

A ball carries its own error bound, so a sign is decided when the ball excludes
0, with no rounding analysis written by hand (mpmath's interval `exp` is known
to miss its value, so it is not used as a trust anchor). Inputs are exact
rationals or intervals [lo, hi]; `Undefined` means the expression has no real
value there (log of a negative, 0 in a denominator, an even root of a negative):
a ball that only *may* be undefined raises `Unresolved` instead.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Callable

import flint
import sympy as sp

from derivcheck.functions import Sigmoid


class Undefined(Exception):
    """No real value at this point."""


class Unresolved(Exception):
    """The ball is too wide to decide (a pole or a branch point may be inside): refine or raise precision."""


def ball(value) -> flint.arb:
    if isinstance(value, flint.arb):
        return value
    if isinstance(value, tuple):  # an interval [lo, hi] with exact ends
        return ball(value[0]).union(ball(value[1]))
    f = Fraction(value)
    return flint.arb(flint.fmpq(f.numerator, f.denominator))


def evaluate(expr, point: dict, prec: int = 128) -> flint.arb:
    """expr at point (symbol -> Fraction or (lo, hi)) as a ball at `prec` bits."""
    old = flint.ctx.prec
    flint.ctx.prec = prec
    try:
        return _compile(sp.sympify(expr))({s: ball(v) for s, v in point.items()})
    finally:
        flint.ctx.prec = old


def compile_ball(expr, variables) -> Callable[[dict], flint.arb]:
    """expr as a function of the balls of `variables` (a dict symbol -> arb), compiled once: the same semantics as
    `evaluate`, at the precision in force when it is called. A sum with bounds that are exact integers at the call
    keeps its partial sum, so calls with growing upper bounds (n, 2n, 4n, ...) add only the new terms. Raises
    Unresolved at once for an expression with a part it cannot evaluate."""
    expr = sp.sympify(expr)
    f = _compile(expr)
    known = set(variables)
    missing = {a for a in expr.free_symbols if a not in known} - _bound_symbols(expr)
    if missing:
        raise Unresolved(f"no value for {sorted(map(str, missing))}")
    return f


def _bound_symbols(e) -> set:
    out = set()
    for obj in sp.sympify(e).atoms(sp.Sum):
        out |= {lim[0] for lim in obj.limits}
    return out


def _finite(b: flint.arb) -> flint.arb:
    if not b.is_finite():
        raise Unresolved("a ball with infinite radius")
    return b


def _exact(q: flint.fmpq):
    """A rational constant, rounded at the precision in force when the compiled function is called, not when it
    was compiled."""
    return lambda env: flint.arb(q)


def _compile(e) -> Callable[[dict], flint.arb]:
    if isinstance(e, sp.Rational):
        return _exact(flint.fmpq(int(e.p), int(e.q)))
    if e is sp.E:
        return lambda env: flint.arb(1).exp()  # at the precision of the call
    if e is sp.pi:
        return lambda env: flint.arb.pi()
    if isinstance(e, sp.Float):
        f = Fraction(str(e))
        return _exact(flint.fmpq(f.numerator, f.denominator))
    if isinstance(e, (sp.Symbol, sp.Indexed)):
        def variable(env):
            if e not in env:
                raise Unresolved(f"no value for {e}")
            return env[e]
        return variable
    if e.is_Add or e.is_Mul:
        parts = [_compile(a) for a in e.args]
        add = e.is_Add

        def combine(env):
            out = flint.arb(0) if add else flint.arb(1)
            for f in parts:
                out = out + f(env) if add else out * f(env)
            return _finite(out)
        return combine
    if e.is_Pow:
        return _compile_pow(e)
    if isinstance(e, sp.Sum) and len(e.limits) == 1:
        return _compile_sum(e)
    op = _UNARY.get(type(e))
    if op is not None:
        inner = _compile(e.args[0])
        return lambda env: op(inner(env))
    if isinstance(e, (sp.Max, sp.Min)):
        parts = [_compile(a) for a in e.args]
        big = isinstance(e, sp.Max)

        def extremum(env):
            vals = [f(env) for f in parts]
            out = vals[0]
            for v in vals[1:]:
                out = out.max(v) if big else out.min(v)
            return _finite(out)
        return extremum
    if isinstance(e, sp.factorial) and e.args[0].is_Integer and e.args[0] >= 0:
        return _exact(flint.fmpq(int(sp.factorial(e.args[0]))))
    name = type(e).__name__
    return lambda env: _raise(Unresolved(f"no ball evaluation for {name}"))


def _raise(exc):
    raise exc


def _compile_pow(e):
    base, ex = e.args
    b_of = _compile(base)
    if ex.is_Integer:
        n = int(ex)

        def integer_power(env):
            b = b_of(env)
            if n < 0:
                if b.contains(0):
                    if b.is_zero():
                        raise Undefined("division by 0")
                    raise Unresolved("a denominator ball contains 0")
                return _finite(1 / (b ** (-n)))
            return _finite(b ** n)
        return integer_power
    if ex.is_Rational and ex.q == 2:
        p = int(ex.p)

        def half_power(env):
            b = b_of(env)
            if b < 0:
                raise Undefined("an even root of a negative number")
            if not b >= 0:
                if b.is_zero():
                    return flint.arb(0)
                raise Unresolved("a square root of a ball that contains negative numbers")
            return _finite(b.sqrt() ** p if p > 0 else 1 / b.sqrt() ** -p)
        return half_power
    x_of = _compile(ex)

    def real_power(env):
        b, x = b_of(env), x_of(env)
        if b > 0:
            return _finite((x * b.log()).exp())
        if b.is_zero() and x > 0:
            return flint.arb(0)
        if b < 0 or b.is_zero():
            raise Undefined("a real power of a nonpositive number")
        raise Unresolved("a power of a ball that contains 0")
    return real_power


def _compile_sum(e):
    """sum_{k=lo}^{hi} term: the bounds must be exact integers at the call; the last partial sum is kept."""
    term, (k, lo_e, hi_e) = e.args[0], e.limits[0]
    term_of, lo_of, hi_of = _compile(term), _compile(lo_e), _compile(hi_e)
    depends = sorted(term.free_symbols - {k}, key=str)  # a term that depends on n starts again at each n
    state = {}  # (lo, the balls of the term's other variables) -> (last hi, partial sum)

    def partial_sum(env):
        lo, hi = _exact_integer(lo_of(env)), _exact_integer(hi_of(env))
        key = (lo, tuple(env[s].str(40) if s in env else "" for s in depends))
        last, acc = state.get(key, (lo - 1, flint.arb(0)))
        if last > hi:
            last, acc = lo - 1, flint.arb(0)
        inner = dict(env)
        for j in range(last + 1, hi + 1):
            inner[k] = flint.arb(j)
            acc = acc + term_of(inner)
        state.clear()  # one running partial sum per sum: memory stays O(1) whatever n is
        state[key] = (max(hi, lo - 1), acc)
        return _finite(acc)
    return partial_sum


def _exact_integer(b: flint.arb) -> int:
    if not (b.is_exact() and b.is_integer()):
        raise Unresolved("a sum's bound is not an exact integer here")
    return int(b.unique_fmpz())


def _log(x: flint.arb) -> flint.arb:
    if x > 0:
        return _finite(x.log())
    if x <= 0:
        raise Undefined("log of a nonpositive number")
    raise Unresolved("log of a ball that contains 0")


_UNARY = {sp.exp: lambda x: _finite(x.exp()), sp.log: _log, Sigmoid: lambda x: _finite(1 / (1 + (-x).exp())),
          sp.Abs: lambda x: _finite(abs(x)), sp.sin: lambda x: _finite(x.sin()), sp.cos: lambda x: _finite(x.cos()),
          sp.tan: lambda x: _finite(x.tan()), sp.sinh: lambda x: _finite(x.sinh()),
          sp.cosh: lambda x: _finite(x.cosh()), sp.tanh: lambda x: _finite(x.tanh()),
          sp.atan: lambda x: _finite(x.atan())}
