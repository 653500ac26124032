"""numpy float64: fast and *not certified* (signs are read off rounded values).

For plots of long runs and as the benchmarks' baseline; never used for a verdict.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from fractions import Fraction

import numpy as np

from checker.arith.context import Context, Matrix, Num, Rational, Vec, register


@register("float64")
class Float64Context(Context):
    name = "float64"
    certified = False

    def __init__(self, dps: int | None = None):
        super().__init__(None)

    def describe(self) -> str:
        return "float64 (not certified)"

    def num(self, q: Rational) -> Num:
        return float(Fraction(q)) if not isinstance(q, float) else q

    def sign(self, x: Num) -> int:
        return (x > 0) - (x < 0)

    def exp(self, x: Num) -> Num:
        return np.exp(x)

    def log1p(self, x: Num) -> Num:
        return np.log1p(x)

    def log(self, x: Num) -> Num:
        return np.log(x)

    def sqrt(self, x: Num) -> Num:
        return np.sqrt(x)

    def tanh(self, x: Num) -> Num:
        return np.tanh(x)

    def sigma_neg(self, x: Num) -> Num:
        return 0.5 * (1 - np.tanh(np.asarray(x) / 2))  # no overflow at any |x|

    def nonnegative(self, x: Num) -> Num:
        return max(x, 0.0)

    def union(self, a: Num, b: Num) -> Num:
        return a

    def overlaps(self, a: Num, b: Num) -> bool:
        return bool(abs(a - b) <= 1e-12 * (1 + abs(a) + abs(b)))  # not certified: float64 is never a verdict

    def lower(self, x: Num) -> Num:
        return x

    upper = lower

    def enclosure(self, x: Num) -> dict:
        return {"mid": repr(float(x)), "rad": "not certified"}

    def text(self, x: Num, digits: int = 20) -> str:
        return f"{float(x):.{min(digits, 17)}g}"

    def to_float(self, x: Num) -> float:
        return float(x)

    def vscale(self, c: Num, xs: Iterable[Num]) -> Vec:
        return c * np.asarray(xs)

    def vadd(self, xs: Iterable[Num], ys: Iterable[Num]) -> Vec:
        return np.asarray(xs) + np.asarray(ys)

    def vsigma_neg(self, xs: Iterable[Num]) -> Vec:
        return self.sigma_neg(xs)

    def vsoftplus_neg(self, xs: Iterable[Num]) -> Vec:
        return np.logaddexp(0, -np.asarray(xs))

    def signs(self, xs: Vec) -> list:
        return [int(s) for s in np.sign(xs)]

    def fsum(self, xs: Iterable[Num]) -> Num:
        return float(np.sum(np.fromiter(xs, dtype=float))) if not isinstance(xs, np.ndarray) else float(np.sum(xs))

    def vector(self, values: Iterable[Rational]) -> Vec:
        return np.array([self.num(v) for v in values], dtype=float)

    def matrix(self, rows: Sequence[Sequence[Fraction]]) -> Matrix:
        return Float64Dense(rows)


class Float64Dense:
    def __init__(self, rows: Sequence[Sequence[Fraction]]):
        self.A = np.array([[float(Fraction(v)) for v in row] for row in rows], dtype=float)
        self.n, self.d = self.A.shape

    def mul(self, u: Vec) -> Vec:
        return self.A @ np.asarray(u, dtype=float)

    def tmul(self, w: Vec) -> Vec:
        return self.A.T @ np.asarray(w, dtype=float)

    def row_norms_sq(self) -> Vec:
        return list((self.A * self.A).sum(axis=1))

    def dense_rows(self) -> list:
        return [list(row) for row in self.A]

