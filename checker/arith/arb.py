"""Arb ball arithmetic via python-flint: every value is a rigorous enclosure [mid +/- rad].

Arb bounds the error of every operation, exp and log included, so a sign read
off a ball that excludes 0 is proved. Working precision is flint's global
`ctx.prec`; the context sets it on entry and restores it on exit. Arb's
exponents are unbounded, so exp(-10^300) is an ordinary (tiny) ball.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

import flint

from checker.arith.context import BallContext, Matrix, Num, Rational, Vec, register
from checker.arith.rows import SparseRows, density

DENSE_ABOVE = 0.25  # fraction of nonzero entries from which arb_mat's dense product is faster


@register("arb")
class ArbContext(BallContext):
    name = "arb"

    def _get_prec(self) -> int:
        return flint.ctx.prec

    def _set_prec(self, bits: int) -> None:
        flint.ctx.prec = bits

    def num(self, q: Rational) -> Num:
        if isinstance(q, flint.arb):
            return q
        if isinstance(q, int):
            return flint.arb(q)
        q = Fraction(q)
        if q.denominator == 1:
            return flint.arb(q.numerator)
        return flint.arb(flint.fmpq(q.numerator, q.denominator))

    def sign(self, x: Num) -> int | None:
        if x > 0:
            return 1
        if x < 0:
            return -1
        if x.is_zero():
            return 0
        return None

    def nonpositive(self, x: Num) -> bool:
        return x <= 0

    def exp(self, x: Num) -> Num:
        return x.exp()

    def sigma_neg(self, x: Num) -> Num:
        # Arb's exponents are unbounded, so 1/(1 + e^x) neither overflows nor loses relative accuracy for any x
        return 1 / (1 + x.exp())

    def log1p(self, x: Num) -> Num:
        return x.log1p()

    def log(self, x: Num) -> Num:
        return x.log()

    def sqrt(self, x: Num) -> Num:
        return x.sqrt()

    def tanh(self, x: Num) -> Num:
        return x.tanh()

    def square(self, x: Num) -> Num:
        return x * x  # flint's x**2 goes through a real power and is nan for a ball around 0

    def nonnegative(self, x: Num) -> Num:
        return x.nonnegative_part()

    def union(self, a: Num, b: Num) -> Num:
        return a.union(b)

    def overlaps(self, a: Num, b: Num) -> bool:
        return a.overlaps(b)

    def lower(self, x: Num) -> Num:
        return x.lower()

    def upper(self, x: Num) -> Num:
        return x.upper()

    def _mid_text(self, x: Num) -> str:
        return x.mid().str(20, radius=False)

    def _farthest_text(self, x: Num, mid: str) -> str:
        far = (x - flint.arb(mid)).abs_upper()  # flint.arb(mid) encloses the decimal mid: an upper bound
        return "0" if far == 0 else (far * (1 + flint.arb(2) ** -50)).upper().str(20, radius=False)

    def text(self, x: Num, digits: int = 20) -> str:
        return x.str(digits, radius=False)

    def to_float(self, x: Num) -> float:
        return float(x.mid())

    def matrix(self, rows: Sequence[Sequence[Fraction]]) -> Matrix:
        if rows and density(rows) >= DENSE_ABOVE:
            return ArbDense(self, rows)
        return SparseRows(self, rows)


class ArbDense:
    """A dense data matrix as flint.arb_mat: one C call per product instead of n*d Python ones."""

    def __init__(self, ctx: ArbContext, rows: Sequence[Sequence[Fraction]]):
        self.ctx = ctx
        self.n, self.d = len(rows), len(rows[0])
        self.A = flint.arb_mat([[ctx.num(v) for v in row] for row in rows])
        self.AT = self.A.transpose()

    def mul(self, u: Vec) -> list:
        out = self.A * flint.arb_mat([[x] for x in u])
        return [out[i, 0] for i in range(self.n)]

    def tmul(self, w: Vec) -> list:
        out = self.AT * flint.arb_mat([[x] for x in w])
        return [out[j, 0] for j in range(self.d)]

    def row_norms_sq(self) -> list:
        return [self.ctx.fsum(self.A[i, j] * self.A[i, j] for j in range(self.d)) for i in range(self.n)]

    def dense_rows(self) -> list:
        return [[self.A[i, j] for j in range(self.d)] for i in range(self.n)]
