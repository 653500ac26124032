"""mpmath interval arithmetic (`mpmath.iv`): the second, independent certified engine.

Every operation rounds outward, elementary functions included, so an interval
that excludes 0 proves the sign. Slower than Arb by one to two orders of
magnitude; kept so that every certified decision can be reproduced by code that
shares nothing with flint (`--arith mpmath`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from fractions import Fraction

import mpmath

from checker.arith.context import BallContext, Matrix, Num, Rational, register
from checker.arith.rows import SparseRows

iv = mpmath.iv


@register("mpmath")
class MpmathContext(BallContext):
    name = "mpmath"

    def _get_prec(self) -> int:
        return iv.prec

    def _set_prec(self, bits: int) -> None:
        iv.prec = bits

    def num(self, q: Rational) -> Num:
        if isinstance(q, iv.mpf):
            return q
        q = Fraction(q)
        if q.denominator == 1:
            return iv.mpf(q.numerator)
        return iv.mpf(q.numerator) / q.denominator

    def sign(self, x: Num) -> int | None:
        if x.a > 0:
            return 1
        if x.b < 0:
            return -1
        if x.a == 0 and x.b == 0:
            return 0
        return None

    def nonpositive(self, x: Num) -> bool:
        return x.b <= 0

    def exp(self, x: Num) -> Num:
        return iv.exp(x)

    def log1p(self, x: Num) -> Num:
        # iv.log(1 + x) loses x entirely once x < 2^-prec (x = e^{-10^100} in the tails of the loss)
        if x.a < 0 or x.b >= 0.5:
            return iv.log(1 + x)
        if x.b < mpmath.mpf(2) ** -self.prec:
            return iv.mpf([x.a, x.b]) - iv.mpf(x.a) ** 2 / 2 * iv.mpf([0, 1])  # x - x^2/2 <= log1p(x) <= x
        extra = int(-mpmath.log(x.a, 2)) + 16 if x.a > 0 else self.prec
        saved = iv.prec
        iv.prec = self.prec + min(extra, self.prec)
        try:
            return iv.log(1 + x)
        finally:
            iv.prec = saved

    def log(self, x: Num) -> Num:
        return iv.log(x)

    def sqrt(self, x: Num) -> Num:
        return iv.sqrt(x)

    def tanh(self, x: Num) -> Num:
        e = iv.exp(-2 * abs(x)) if self.sign(x) is not None else None
        if e is None:
            return iv.tanh(x)
        t = (1 - e) / (1 + e)
        return t if self.sign_or_raise(x) >= 0 else -t  # decided: e was computed

    def square(self, x: Num) -> Num:
        return x**2

    def nonnegative(self, x: Num) -> Num:
        return iv.mpf([max(x.a, 0), max(x.b, 0)])

    def union(self, a: Num, b: Num) -> Num:
        return iv.mpf([min(a.a, b.a), max(a.b, b.b)])

    def overlaps(self, a: Num, b: Num) -> bool:
        return not (a.b < b.a or b.b < a.a)

    def lower(self, x: Num) -> Num:
        return iv.mpf(x.a)

    def upper(self, x: Num) -> Num:
        return iv.mpf(x.b)

    def _mid_rad(self, x: Num) -> tuple:
        with mpmath.workprec(self.prec + 8):
            lo, hi = mpmath.mpf(x.a), mpmath.mpf(x.b)
            mid = (lo + hi) / 2
            rad = max(mpmath.fsub(hi, mid, rounding="u"), mpmath.fsub(mid, lo, rounding="u"))
            return mid, rad

    def _mid_text(self, x: Num) -> str:
        return mpmath.nstr(self._mid_rad(x)[0], 20)

    def _farthest_text(self, x: Num, mid: str) -> str:
        d = x - iv.mpf(mid)  # iv.mpf(mid) encloses the decimal mid: the ends of d bound v - mid
        with mpmath.workprec(self.prec + 8):
            far = max(abs(mpmath.mpf(d.a)), abs(mpmath.mpf(d.b)))
            return "0" if far == 0 else mpmath.nstr(far * (1 + mpmath.mpf(2) ** -50), 20)

    def text(self, x: Num, digits: int = 20) -> str:
        mid = self._mid_rad(x)[0]
        return "0" if mid == 0 else mpmath.nstr(mid, digits)

    def to_float(self, x: Num) -> float:
        return float(self._mid_rad(x)[0])

    def fsum(self, xs: Iterable[Num]) -> Num:
        total = iv.mpf(0)
        for x in xs:
            total += x
        return total

    def matrix(self, rows: Sequence[Sequence[Fraction]]) -> Matrix:
        return SparseRows(self, rows)
