"""Exact data stored by its nonzero entries: what the sparse engines read, at sizes a dense `Dataset` cannot hold.

A_d at d = 2^16 has 2^32 entries but only 2^17 nonzeros. `SparseDataset` keeps, for
each sample, its nonzero coordinates in increasing order with exact `Fraction`
values, and its label. It converts both ways with the dense `Dataset` (loaded
files, the dense engines in the tests) and validates like `dataset.from_rows`:
one-line `InputError`s, never a traceback.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from fractions import Fraction

from checker.data.dataset import Dataset, from_rows
from checker.errors import InputError

MAX_DENSE_CELLS = 10_000_000  # to_dataset: the dense form's n * d, the data loader's own limit


@dataclass(frozen=True)
class SparseDataset:
    """rows[i] = ((j, a_ij), ...) over the nonzero a_ij, j increasing; y_i in {-1, +1}; d features."""

    rows: tuple[tuple[tuple[int, Fraction], ...], ...]
    y: tuple[int, ...]
    d: int
    name: str = "data"

    def __repr__(self) -> str:
        return f"SparseDataset({self.name!r}, n={self.n}, d={self.d}, nnz={self.nnz}, {self.y.count(1)} positive)"

    @property
    def n(self) -> int:
        return len(self.y)

    @property
    def nnz(self) -> int:
        return sum(len(r) for r in self.rows)

    def radius_squared(self) -> Fraction:
        """R^2 = max_i ||a_i||^2, exact."""
        return max(sum((v * v for _, v in row), Fraction(0)) for row in self.rows)

    def to_dataset(self) -> Dataset:
        """The dense form (for the dense engines and for writing CSV); refused beyond MAX_DENSE_CELLS entries."""
        if self.n * self.d > MAX_DENSE_CELLS:
            raise InputError(f"{self.name}: the dense form has {self.n * self.d} entries, more than {MAX_DENSE_CELLS}")
        zero = Fraction(0)
        X = []
        for row in self.rows:
            dense = [zero] * self.d
            for j, v in row:
                dense[j] = v
            X.append(dense)
        return from_rows(X, self.y, self.name)


def sparse_rows(rows: Iterable[dict | Iterable[tuple[int, object]]], y, d: int, name: str = "data") -> SparseDataset:
    """Validate and freeze sparse rows (each a dict {j: value} or (j, value) pairs; zero values are dropped)."""
    if d < 1:
        raise InputError(f"{name}: samples have no features")
    frozen = []
    for i, row in enumerate(rows):
        items = row.items() if isinstance(row, dict) else row
        entries = {}
        for j, v in items:
            if type(j) is not int or not 0 <= j < d:
                raise InputError(f"{name}: row {i + 1} has coordinate {j!r}, outside 0..{d - 1}")
            if j in entries:
                raise InputError(f"{name}: row {i + 1} gives coordinate {j} twice")
            entries[j] = _exact(v, f"{name}: row {i + 1}")
        frozen.append(tuple((j, entries[j]) for j in sorted(entries) if entries[j] != 0))
    labels = tuple(y)
    if not frozen:
        raise InputError(f"{name}: no samples")
    if len(frozen) != len(labels):
        raise InputError(f"{name}: {len(frozen)} rows but {len(labels)} labels")
    if any(v not in (1, -1) for v in labels):
        raise InputError(f"{name}: labels must be -1 or +1")
    if len(set(labels)) < 2:
        raise InputError(f"{name}: only one class present (all labels are {labels[0]:+d})")
    return SparseDataset(tuple(frozen), tuple(int(v) for v in labels), d, name)


def from_dataset(ds: Dataset) -> SparseDataset:
    """The sparse form of a dense data set (already validated: only the zeros are dropped)."""
    rows = tuple(tuple((j, v) for j, v in enumerate(row) if v != 0) for row in ds.X)
    return SparseDataset(rows, ds.y, ds.d, ds.name)


def _exact(v, where: str) -> Fraction:
    if isinstance(v, bool) or not isinstance(v, (int, Fraction)):
        raise InputError(f"{where}: {v!r} is not an exact number (an int or a Fraction)")
    return Fraction(v)
