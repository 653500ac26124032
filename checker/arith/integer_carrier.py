"""Exact integer carriers for rational data.

Rational data is scaled by the common denominator D of its entries, so the
signed rows Z_i = D * y_i a_i are integers, and every perceptron-family iterate is
p = w / (s * D) with an integer vector w and a positive integer s. The signs of
the margins y_i a_i^T p are then the signs of the integers (Z w)_i.

The integers travel in the cheapest dtype that is *proven* exact:
float64 while every value and partial sum stays below 2^53 (then each product and
sum of integers is exact, whatever order BLAS adds in), int64 below 2^63, Python
integers (numpy object arrays) beyond. The bound is tracked alongside w, so the
carrier is switched before an overflow could happen, never after.
"""

from __future__ import annotations

from fractions import Fraction
from math import lcm

import numpy as np

FLOAT64_EXACT = 2**53
INT64_LIMIT = 2**63 - 1
CARRIERS = ("float64", "int64", "object")


def carrier_for(bound: int) -> str:
    """The cheapest dtype in which integers (and partial sums) up to `bound` are exact."""
    if bound < FLOAT64_EXACT:
        return "float64"
    if bound <= INT64_LIMIT:
        return "int64"
    return "object"


def _convert(values: np.ndarray, carrier: str) -> np.ndarray:
    if values.dtype == np.dtype(carrier):
        return values
    if carrier == "object":
        # int64 -> object yields Python ints; a float64 integer goes through int64 first.
        ints = values.astype(np.int64) if values.dtype == np.float64 else values
        return np.array([int(v) for v in ints], dtype=object)
    return values.astype(carrier)


class SignedIntegerData:
    """Z = D * (y_i a_i) as integers, with D the least common denominator."""

    def __init__(self, ds):  # any object with n, d, X (rows of Fractions) and y (+-1)
        # integer-only scaling (numerator * D/denominator): no Fraction arithmetic on the n*d entries
        self.scale = lcm(*{v.denominator for row in ds.X for v in row})
        if self.scale == 1:
            rows = [[v.numerator if yi > 0 else -v.numerator for v in row] for row, yi in zip(ds.X, ds.y)]
        else:
            D = self.scale
            rows = [[yi * v.numerator * (D // v.denominator) for v in row] for row, yi in zip(ds.X, ds.y)]
        self.n, self.d = ds.n, ds.d
        self.max_abs = max(abs(v) for row in rows for v in row)
        self._by_carrier: dict[str, np.ndarray] = {"object": np.array(rows, dtype=object)}
        if self.max_abs <= INT64_LIMIT:
            self._by_carrier["int64"] = np.array(rows, dtype=np.int64)
        if self.max_abs < FLOAT64_EXACT:
            self._by_carrier["float64"] = np.array(rows, dtype=np.float64)

    def rows(self, carrier: str) -> np.ndarray:
        return self._by_carrier[carrier]

    def margin_bound(self, w_bound: int) -> int:
        """Bound on |(Z w)_i| and on every partial sum of it, given max|w_j| <= w_bound."""
        return self.d * self.max_abs * w_bound


class IntegerIterate:
    """An iterate p = w / (denominator * D) with w an exact integer vector.

    `bound` is a proven upper bound on max_j |w_j|; every update recomputes it
    before touching w and moves w to a wider carrier if needed.
    """

    def __init__(self, data: SignedIntegerData):
        self.data = data
        self.w = np.zeros(data.d, dtype=np.float64)
        self.bound = 0
        self.denominator = 1
        self.carrier = "float64"
        self.widest = "float64"

    def _prepare(self, new_bound: int) -> str:
        need = max(new_bound, self.data.margin_bound(new_bound), self.data.max_abs)
        carrier = carrier_for(need)
        if CARRIERS.index(carrier) < CARRIERS.index(self.carrier):
            carrier = self.carrier  # never narrow: keeps the dtype sequence monotone and simple
        self.w = _convert(self.w, carrier)
        self.carrier = carrier
        if CARRIERS.index(carrier) > CARRIERS.index(self.widest):
            self.widest = carrier
        return carrier

    def update(self, rows: np.ndarray, row_weight: int = 1, keep: int = 1) -> None:
        """w <- keep * w + row_weight * sum_{i in rows} Z_i  (rows: index array)."""
        if type(row_weight) is not int or type(keep) is not int:  # a float here would make the carrier inexact
            raise TypeError(f"integer weights only, got {type(row_weight).__name__}, {type(keep).__name__}")
        new_bound = keep * self.bound + row_weight * len(rows) * self.data.max_abs
        carrier = self._prepare(new_bound)
        Z = self.data.rows(carrier)
        step = Z[rows].sum(axis=0) if len(rows) else np.zeros(self.data.d, dtype=Z.dtype)
        if keep != 1:
            self.w = self.w * keep
        self.w = self.w + step * row_weight if row_weight != 1 else self.w + step
        self.bound = new_bound

    def margins(self) -> np.ndarray:
        """The integers (Z w)_i; their signs are the exact signs of y_i a_i^T p."""
        return self.data.rows(self.carrier) @ self.w

    def as_fractions(self) -> list[Fraction]:
        den = self.denominator * self.data.scale
        return [Fraction(int(v), den) for v in self.w]

    def margin_denominator(self) -> int:
        """The denominator of every margin: y_i a_i^T p = (Z w)_i / (denominator * D^2)."""
        return self.denominator * self.data.scale * self.data.scale

    def exact_margins(self) -> list[Fraction]:
        """Exact y_i a_i^T p: (Z w)_i / (denominator * D^2)."""
        den = self.margin_denominator()
        return [Fraction(int(m), den) for m in self.margins()]
