"""numpy float64: fast and *not certified* (signs are read off rounded values).

For plots of long runs and as the benchmarks' baseline; never used for a verdict.
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np

from checker.arith.context import Context, register


@register("float64")
class Float64Context(Context):
    name = "float64"
    certified = False

    def __init__(self, dps: int | None = None):
        super().__init__(None)

    def describe(self) -> str:
        return "float64 (not certified)"

    def num(self, q):
        return float(Fraction(q)) if not isinstance(q, float) else q

    def sign(self, x) -> int:
        return (x > 0) - (x < 0)

    def exp(self, x):
        return np.exp(x)

    def log1p(self, x):
        return np.log1p(x)

    def log(self, x):
        return np.log(x)

    def sqrt(self, x):
        return np.sqrt(x)

    def tanh(self, x):
        return np.tanh(x)

    def sigma_neg(self, x):
        return 0.5 * (1 - np.tanh(np.asarray(x) / 2))  # no overflow at any |x|

    def nonnegative(self, x):
        return max(x, 0.0)

    def union(self, a, b):
        return a

    def overlaps(self, a, b) -> bool:
        return bool(abs(a - b) <= 1e-12 * (1 + abs(a) + abs(b)))  # not certified: float64 is never a verdict

    def lower(self, x):
        return x

    upper = lower

    def enclosure(self, x) -> dict:
        return {"mid": repr(float(x)), "rad": "not certified"}

    def text(self, x, digits: int = 20) -> str:
        return f"{float(x):.{min(digits, 17)}g}"

    def to_float(self, x) -> float:
        return float(x)

    def vscale(self, c, xs):
        return c * np.asarray(xs)

    def vadd(self, xs, ys):
        return np.asarray(xs) + np.asarray(ys)

    def vsigma_neg(self, xs):
        return self.sigma_neg(xs)

    def vsoftplus_neg(self, xs):
        return np.logaddexp(0, -np.asarray(xs))

    def signs(self, xs) -> list:
        return [int(s) for s in np.sign(xs)]

    def fsum(self, xs):
        return float(np.sum(np.fromiter(xs, dtype=float))) if not isinstance(xs, np.ndarray) else float(np.sum(xs))

    def vector(self, values):
        return np.array([self.num(v) for v in values], dtype=float)

    def matrix(self, rows):
        return Float64Dense(rows)


class Float64Dense:
    def __init__(self, rows):
        self.A = np.array([[float(Fraction(v)) for v in row] for row in rows], dtype=float)
        self.n, self.d = self.A.shape

    def mul(self, u):
        return self.A @ np.asarray(u, dtype=float)

    def tmul(self, w):
        return self.A.T @ np.asarray(w, dtype=float)

    def row_norms_sq(self):
        return list((self.A * self.A).sum(axis=1))

    def dense_rows(self):
        return [list(row) for row in self.A]

