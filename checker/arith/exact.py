"""Exact rational arithmetic (Python Fractions): every sign is exact, nothing is rounded.

No transcendental function exists here: asking for exp is an error, not an approximation.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

from checker.arith.context import Context, Matrix, Num, Rational, register
from checker.arith.rows import SparseRows


@register("exact")
class ExactContext(Context):
    name = "exact"
    certified = True
    exact = True

    def __init__(self, dps: int | None = None):
        super().__init__(None)

    def num(self, q: Rational) -> Num:
        return Fraction(q)

    def sign(self, x: Num) -> int:
        return (x > 0) - (x < 0)

    def _transcendental(self, x: Num) -> Num:
        raise TypeError("the exact context has no transcendental functions (use arb or mpmath)")

    exp = log = log1p = sqrt = tanh = _transcendental

    def union(self, a: Num, b: Num) -> Num:
        if a != b:
            raise TypeError("the exact context has no intervals")
        return a

    def overlaps(self, a: Num, b: Num) -> bool:
        return a == b

    def lower(self, x: Num) -> Num:
        return x

    upper = lower

    def enclosure(self, x: Num) -> dict:
        return {"mid": str(x), "rad": "0"}

    def text(self, x: Num, digits: int = 20) -> str:
        return str(x)

    def matrix(self, rows: Sequence[Sequence[Fraction]]) -> Matrix:
        return SparseRows(self, rows)
