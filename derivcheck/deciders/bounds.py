"""The bounds library: rational lower and upper bounds of exp, log, cos and sin, as data (MetiTarski's axioms).

Each `Bound` says: for every argument t in [lo, hi] (an end None is unbounded), F(t) >= num/den (a lower bound) or
F(t) <= num/den (an upper bound), in the *cleared* form that needs no sign of den:

    lower:  F(t) * den(t) - num(t) >= 0        upper:  num(t) - F(t) * den(t) >= 0

and that cleared form is what holds on the range (for the exp upper bounds 1/T_n(-t) it holds where T_n(-t) < 0
too, where it says nothing). Every bound carries its proof or citation; `tests/test_bounds.py` checks each one with
Arb at many points including its range's ends, and proves the log bounds once with SymPy (value and derivative).

The other functions a derivation uses are reduced to these exactly (`REWRITES`): tanh, sinh, cosh and the sigmoid
to exp; log(1 + x) and the softplus log(1 + e^x) are log of a positive argument; sqrt is algebraic (r >= 0,
r^2 = x) and needs no bound. Which bounds a query uses, and at which degree, is `transcendental`'s business.

Sources: Taylor's theorem with the Lagrange remainder, F(t) - T_n(t) = F^(n+1)(xi) t^(n+1) / (n+1)! for some xi
between 0 and t (any analysis text; Akbarpour and Paulson, "MetiTarski: an automatic theorem prover for
real-valued special functions", J. Autom. Reasoning 44 (2010), section 3, use the same families).
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache
from math import factorial

import flint
import sympy as sp
import z3

from derivcheck.functions import Sigmoid

T = sp.Symbol("t", real=True)


@dataclass(frozen=True)
class Bound:
    function: str  # "exp", "log", "cos", "sin"
    direction: str  # "lower" or "upper"
    lo: Fraction | None  # the range of the argument t where the cleared form holds (closed ends)
    hi: Fraction | None
    num: sp.Expr  # the bound is num/den, polynomials in T
    den: sp.Expr
    degree: int  # the Taylor degree (its level in the query: cheap bounds first)
    proof: str

    def cleared(self, value, t):
        """The cleared form (>= 0 on the range), with F(t) as `value` and the argument as `t` (any ring that
        SymPy's polynomials evaluate into: SymPy, Z3 or Arb terms)."""
        num, den = _horner(self.num, t), _horner(self.den, t)
        return value * den - num if self.direction == "lower" else num - value * den

    def holds_at(self, t: Fraction) -> bool:
        return (self.lo is None or t >= self.lo) and (self.hi is None or t <= self.hi)

    @property
    def name(self) -> str:
        where = "" if self.lo is None and self.hi is None else \
            f" for t {'>= ' + str(self.lo) if self.lo is not None else ''}" \
            f"{' and ' if self.lo is not None and self.hi is not None else ''}" \
            f"{'<= ' + str(self.hi) if self.hi is not None else ''}"
        return f"{self.function}(t) {'>=' if self.direction == 'lower' else '<='} " \
               f"{sp.sstr(sp.cancel(self.num / self.den))}{where}"


@lru_cache(maxsize=None)
def _coefficients(poly: sp.Expr) -> tuple[Fraction, ...]:
    return tuple(Fraction(int(c.p), int(c.q)) for c in map(sp.Rational, sp.Poly(poly, T).all_coeffs()))


def _horner(poly: sp.Expr, t):
    """A polynomial in T evaluated at t by Horner's rule, coefficients as exact Fractions."""
    out = None
    for c in _coefficients(poly):
        out = _num(c, t) if out is None else out * t + _num(c, t)
    return out


def _num(q: Fraction, t):
    """The rational q in the ring of t (a SymPy or Z3 term, or an Arb ball)."""
    if isinstance(t, sp.Basic):
        return sp.Rational(q.numerator, q.denominator)
    if isinstance(t, z3.ExprRef):
        return z3.RealVal(f"{q.numerator}/{q.denominator}")
    return flint.arb(flint.fmpq(q.numerator, q.denominator))


def taylor_exp(n: int, t=T) -> sp.Expr:
    """T_n(t) = sum_{k <= n} t^k / k!."""
    return sum((t ** k / factorial(k) for k in range(n + 1)), sp.Integer(0))


def _exp_bounds(n: int) -> list[Bound]:
    lagrange = f"Taylor with Lagrange remainder: e^t - T_{n}(t) = e^xi t^{n + 1}/{n + 1}!"
    one = sp.Integer(1)
    out = []
    if n % 2:  # t^(n+1) >= 0 for every t
        out.append(Bound("exp", "lower", None, None, taylor_exp(n), one, n, lagrange + " >= 0 (n + 1 even)"))
        out.append(Bound("exp", "upper", None, None, one, taylor_exp(n, -T), n,
                         f"e^-t >= T_{n}(-t) (n odd) times e^t > 0: e^t T_{n}(-t) <= 1"))
    else:
        out.append(Bound("exp", "lower", Fraction(0), None, taylor_exp(n), one, n, lagrange + " >= 0 for t >= 0"))
        out.append(Bound("exp", "upper", None, Fraction(0), taylor_exp(n), one, n,
                         lagrange + " <= 0 for t <= 0 (n + 1 odd)"))
    return out


EXP = [b for n in range(1, 10) for b in _exp_bounds(n)]

# log t for t > 0: each is f(1) = 0 with f' of one sign on each side of 1 (proved in tests/test_bounds.py)
_LOG_PROOF = "f(1) = 0 and f' = {} (SymPy), so f has the sign of the bound on each side of t = 1"
LOG = [
    Bound("log", "upper", Fraction(0), None, T - 1, sp.Integer(1), 1, _LOG_PROOF.format("(t-1)/t")),
    Bound("log", "lower", Fraction(0), None, T - 1, T, 1, _LOG_PROOF.format("(t-1)/t^2")),
    Bound("log", "lower", Fraction(1), None, 2 * (T - 1), T + 1, 2, _LOG_PROOF.format("(t-1)^2/(t(t+1)^2)")),
    Bound("log", "upper", Fraction(0), Fraction(1), 2 * (T - 1), T + 1, 2, _LOG_PROOF.format("(t-1)^2/(t(t+1)^2)")),
    Bound("log", "upper", Fraction(1), None, T ** 2 - 1, 2 * T, 2, _LOG_PROOF.format("(t-1)^2/(2t^2)")),
    Bound("log", "lower", Fraction(0), Fraction(1), T ** 2 - 1, 2 * T, 2, _LOG_PROOF.format("(t-1)^2/(2t^2)")),
]


def _alternating(function: str, m: int) -> sp.Expr:
    """cos: sum_{k <= m} (-1)^k t^(2k)/(2k)!; sin: sum_{k <= m} (-1)^k t^(2k+1)/(2k+1)!."""
    shift = 0 if function == "cos" else 1
    return sum(((-1) ** k * T ** (2 * k + shift) / factorial(2 * k + shift) for k in range(m + 1)), sp.Integer(0))


def _trig_bounds(m: int) -> list[Bound]:
    # integrating cos <= 1 and sin's sign-free bounds k times from 0 gives these (the alternating Taylor bounds)
    cite = "alternating Taylor bound: integrate |cos|, |sin| <= 1 from 0 repeatedly (Lagrange remainder)"
    one = sp.Integer(1)
    cos_dir = "lower" if m % 2 else "upper"  # a partial sum ending in a negative term is below cos
    sin_dir = cos_dir  # for t >= 0; mirrored below 0 (sin is odd)
    flip = {"lower": "upper", "upper": "lower"}[sin_dir]
    return [Bound("cos", cos_dir, None, None, _alternating("cos", m), one, 2 * m, cite),
            Bound("sin", sin_dir, Fraction(0), None, _alternating("sin", m), one, 2 * m + 1, cite),
            Bound("sin", flip, None, Fraction(0), _alternating("sin", m), one, 2 * m + 1, cite)]


TRIG = [b for m in range(0, 5) for b in _trig_bounds(m)] + [
    Bound("cos", "lower", None, None, sp.Integer(-1), sp.Integer(1), 0, "|cos| <= 1"),
    Bound("sin", "lower", None, None, sp.Integer(-1), sp.Integer(1), 0, "|sin| <= 1"),
    Bound("sin", "upper", None, None, sp.Integer(1), sp.Integer(1), 0, "|sin| <= 1"),
]

LIBRARY = {"exp": EXP, "log": LOG, "cos": [b for b in TRIG if b.function == "cos"],
           "sin": [b for b in TRIG if b.function == "sin"]}


def bounds(function: str, max_degree: int) -> list[Bound]:
    """The library's bounds of `function` up to `max_degree`, cheapest first."""
    return sorted((b for b in LIBRARY[function] if b.degree <= max_degree), key=lambda b: b.degree)


# Exact rewrites into exp (identities, checked by SymPy in tests/test_bounds.py): what needs no bound of its own.
REWRITES = {
    sp.tanh: lambda x: (sp.exp(2 * x) - 1) / (sp.exp(2 * x) + 1),
    sp.sinh: lambda x: (sp.exp(x) - sp.exp(-x)) / 2,
    sp.cosh: lambda x: (sp.exp(x) + sp.exp(-x)) / 2,
    Sigmoid: lambda x: 1 / (1 + sp.exp(-x)),
}


def rewrite(expr: sp.Expr) -> sp.Expr:
    """expr with tanh, sinh, cosh and the sigmoid written through exp."""
    expr = sp.sympify(expr)
    for cls, to_exp in REWRITES.items():
        expr = expr.replace(cls, to_exp)
    return expr
