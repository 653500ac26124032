"""mpmath interval arithmetic (`mpmath.iv`): the second, independent certified engine.

Every operation rounds outward, elementary functions included, so an interval
that excludes 0 proves the sign. Slower than Arb by one to two orders of
magnitude; kept so that every certified decision can be reproduced by code that
shares nothing with flint (`--arith mpmath`).
"""

from __future__ import annotations

from fractions import Fraction

import mpmath

from checker.arith.context import Context, bits_for_dps, register
from checker.arith.rows import SparseRows

iv = mpmath.iv


@register("mpmath")
class MpmathContext(Context):
    name = "mpmath"
    certified = True

    def __init__(self, dps: int | None = None):
        super().__init__(dps or 30)
        self.prec = bits_for_dps(self.dps)
        self._saved = []

    def __enter__(self):
        self._saved.append(iv.prec)
        iv.prec = self.prec
        return self

    def __exit__(self, *exc):
        iv.prec = self._saved.pop()
        return False

    def num(self, q):
        if isinstance(q, iv.mpf):
            return q
        q = Fraction(q)
        if q.denominator == 1:
            return iv.mpf(q.numerator)
        return iv.mpf(q.numerator) / q.denominator

    def sign(self, x) -> int | None:
        if x.a > 0:
            return 1
        if x.b < 0:
            return -1
        if x.a == 0 and x.b == 0:
            return 0
        return None

    def exp(self, x):
        return iv.exp(x)

    def log1p(self, x):
        return iv.log(1 + x)

    def sqrt(self, x):
        return iv.sqrt(x)

    def tanh(self, x):
        e = iv.exp(-2 * abs(x)) if self.sign(x) is not None else None
        if e is None:
            return iv.tanh(x)
        t = (1 - e) / (1 + e)
        return t if self.sign(x) >= 0 else -t

    def union(self, a, b):
        return iv.mpf([min(a.a, b.a), max(a.b, b.b)])

    def lower(self, x):
        return iv.mpf(x.a)

    def upper(self, x):
        return iv.mpf(x.b)

    def enclosure(self, x) -> dict:
        with mpmath.workprec(self.prec):
            mid = (x.a + x.b) / 2
            rad = (x.b - x.a) / 2
            return {"mid": mpmath.nstr(mpmath.mpf(mid), 20), "rad": mpmath.nstr(mpmath.mpf(rad), 3)}

    def text(self, x, digits: int = 20) -> str:
        with mpmath.workprec(self.prec):
            return mpmath.nstr(mpmath.mpf((x.a + x.b) / 2), digits)

    def to_float(self, x) -> float:
        return float((x.a + x.b) / 2)

    def fsum(self, xs):
        total = iv.mpf(0)
        for x in xs:
            total += x
        return total

    def matrix(self, rows):
        return SparseRows(self, rows)
