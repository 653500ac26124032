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
        return _ev(expr, {s: ball(v) for s, v in point.items()})
    finally:
        flint.ctx.prec = old


def _finite(b: flint.arb) -> flint.arb:
    if not b.is_finite():
        raise Unresolved("a ball with infinite radius")
    return b


def _ev(e, env):
    if e in env:
        return env[e]
    if isinstance(e, sp.Rational):
        return flint.arb(flint.fmpq(int(e.p), int(e.q)))
    if e is sp.E:
        return flint.arb(1).exp()
    if e is sp.pi:
        return flint.arb.pi()
    if isinstance(e, sp.Float):
        return ball(Fraction(str(e)))
    if isinstance(e, (sp.Symbol, sp.Indexed)):
        raise Unresolved(f"no value for {e}")
    if e.is_Add:
        out = flint.arb(0)
        for a in e.args:
            out += _ev(a, env)
        return _finite(out)
    if e.is_Mul:
        out = flint.arb(1)
        for a in e.args:
            out *= _ev(a, env)
        return _finite(out)
    if e.is_Pow:
        base, ex = e.args
        b = _ev(base, env)
        if ex.is_Integer:
            n = int(ex)
            if n < 0:
                if b.contains(0):
                    if b.is_zero():
                        raise Undefined("division by 0")
                    raise Unresolved("a denominator ball contains 0")
                return _finite(1 / (b ** (-n)))
            return _finite(b ** n)
        if ex.is_Rational and ex.q == 2:
            if b < 0:
                raise Undefined("an even root of a negative number")
            if not b >= 0:
                if b.is_zero():
                    return flint.arb(0)
                raise Unresolved("a square root of a ball that contains negative numbers")
            r = b.sqrt() ** int(ex.p) if ex.p > 0 else 1 / b.sqrt() ** int(-ex.p)
            return _finite(r)
        x = _ev(ex, env)
        if b > 0:
            return _finite((x * b.log()).exp())
        if b.is_zero() and x > 0:
            return flint.arb(0)
        if b < 0 or b.is_zero():
            raise Undefined("a real power of a nonpositive number")
        raise Unresolved("a power of a ball that contains 0")
    if isinstance(e, sp.exp):
        return _finite(_ev(e.args[0], env).exp())
    if isinstance(e, sp.log):
        x = _ev(e.args[0], env)
        if x > 0:
            return _finite(x.log())
        if x <= 0:
            raise Undefined("log of a nonpositive number")
        raise Unresolved("log of a ball that contains 0")
    if isinstance(e, Sigmoid):
        x = _ev(e.args[0], env)
        return _finite(1 / (1 + (-x).exp()))
    if isinstance(e, sp.Abs):
        return _finite(abs(_ev(e.args[0], env)))
    if isinstance(e, (sp.Max, sp.Min)):
        vals = [_ev(a, env) for a in e.args]
        out = vals[0]
        for v in vals[1:]:
            out = out.max(v) if isinstance(e, sp.Max) else out.min(v)
        return _finite(out)
    simple = {sp.sin: "sin", sp.cos: "cos", sp.tan: "tan", sp.sinh: "sinh", sp.cosh: "cosh", sp.tanh: "tanh",
              sp.atan: "atan"}
    for cls, meth in simple.items():
        if isinstance(e, cls):
            return _finite(getattr(_ev(e.args[0], env), meth)())
    if isinstance(e, sp.factorial):
        n = e.args[0]
        if n.is_Integer and n >= 0:
            return flint.arb(int(sp.factorial(n)))
    raise Unresolved(f"no ball evaluation for {type(e).__name__}")
