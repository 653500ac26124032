"""Exact rational arithmetic (Python Fractions): every sign is exact, nothing is rounded.

No transcendental function exists here: asking for exp is an error, not an approximation.
"""

from __future__ import annotations

from fractions import Fraction

from checker.arith.context import Context, register
from checker.arith.rows import SparseRows


@register("exact")
class ExactContext(Context):
    name = "exact"
    certified = True
    exact = True

    def __init__(self, dps: int | None = None):
        super().__init__(None)

    def num(self, q):
        return Fraction(q)

    def sign(self, x) -> int:
        return (x > 0) - (x < 0)

    def _transcendental(self, *_):
        raise TypeError("the exact context has no transcendental functions (use arb or mpmath)")

    exp = log = log1p = sqrt = tanh = _transcendental

    def union(self, a, b):
        if a != b:
            raise TypeError("the exact context has no intervals")
        return a

    def overlaps(self, a, b) -> bool:
        return a == b

    def lower(self, x):
        return x

    upper = lower

    def enclosure(self, x) -> dict:
        return {"mid": str(x), "rad": "0"}

    def text(self, x, digits: int = 20) -> str:
        return str(x)

    def matrix(self, rows):
        return SparseRows(self, rows)
