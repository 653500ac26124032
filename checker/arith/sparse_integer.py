"""Sparse exact integer rows Z_i = D y_i a_i, and the products Z x and Z^T u in the cheapest proven-exact dtype.

The sparse counterpart of `integer_carrier.SignedIntegerData`: D is the least common
denominator of the entries, so Z is an integer matrix, stored by rows (CSR, for
Z x) and by columns (CSC, for Z^T u). Memory is O(nnz + n + d); a product costs
O(nnz). Each product is given a bound on max|x|: when the bound proves that every
product and partial sum stays below 2^53 (2^63), SciPy's float64 (int64) kernel
is exact and is used; beyond that the product runs on Python integers in numpy
object arrays (still O(nnz), one C loop per operation). The bound is checked
before the product, never after.
"""

from __future__ import annotations

from math import lcm

import numpy as np

from checker.arith.integer_carrier import FLOAT64_EXACT, INT64_LIMIT


class _Compressed:
    """One compressed orientation (rows of Z, or rows of Z^T): pointers, indices, the integer values."""

    def __init__(self, indptr: np.ndarray, indices: np.ndarray, values: list[int], shape: tuple[int, int]):
        self.indptr, self.indices, self.shape = indptr, indices, shape
        self.values = np.array(values, dtype=object) if values else np.zeros(0, dtype=object)
        self.max_abs = max((abs(v) for v in values), default=0)
        nonempty = indptr[1:] > indptr[:-1]
        self._starts = indptr[:-1][nonempty]  # reduceat over the nonempty rows only (an empty one would read its
        self._nonempty = np.flatnonzero(nonempty)  # neighbour's first entry)
        abs_sums: list = np.add.reduceat(np.abs(self.values), self._starts).tolist() if values else []
        self.l1_max = int(max(abs_sums, default=0))  # max_i sum_k |Z_ik|: bounds |(Z x)_i| / max|x|
        self._kernels: dict = {}  # SciPy CSR matrices by dtype

    def _kernel(self, dtype: str):
        if dtype not in self._kernels:
            from scipy import sparse  # noqa: PLC0415  (loaded when a product first needs it, not at start-up)

            vals = self.values.astype(np.int64 if dtype == "int64" else np.float64)
            self._kernels[dtype] = sparse.csr_matrix((vals, self.indices, self.indptr), shape=self.shape)
        return self._kernels[dtype]

    def product(self, x: np.ndarray, x_bound: int) -> np.ndarray:
        """self @ x exactly, given max|x_j| <= x_bound (x: integers, any dtype). int64 or object result."""
        need = self.l1_max * int(x_bound)  # bounds every product and every partial sum of every row
        if need < FLOAT64_EXACT and self.max_abs < FLOAT64_EXACT:
            out = self._kernel("float64") @ np.asarray(x, dtype=np.float64)
            return out.astype(np.int64)
        if need <= INT64_LIMIT and self.max_abs <= INT64_LIMIT:
            return self._kernel("int64") @ np.asarray(x, dtype=np.int64)
        xo = x if x.dtype == object else np.array([int(v) for v in x], dtype=object)
        out = np.zeros(self.shape[0], dtype=object)
        if len(self.values):
            out[self._nonempty] = np.add.reduceat(self.values * xo[self.indices], self._starts)
        return out


class SparseSignedIntegers:
    """Z = D * (y_i a_i) as integers, D the least common denominator, from any object with n, d, rows, y
    (rows[i] = ((j, Fraction), ...), as `data.sparse_dataset.SparseDataset` has)."""

    def __init__(self, sds):
        self.n, self.d = sds.n, sds.d
        self.scale = lcm(*{v.denominator for row in sds.rows for _, v in row}) if sds.nnz else 1
        D = self.scale
        counts = [len(r) for r in sds.rows]
        indptr = np.zeros(self.n + 1, dtype=np.int64)
        indptr[1:] = np.cumsum(counts)
        cols = [j for row in sds.rows for j, _ in row]
        vals = [yi * v.numerator * (D // v.denominator) for row, yi in zip(sds.rows, sds.y) for _, v in row]
        indices = np.array(cols, dtype=np.int64)
        self.rows = _Compressed(indptr, indices, vals, (self.n, self.d))
        order = np.argsort(indices, kind="stable")  # column-major order of the same entries
        row_of = np.repeat(np.arange(self.n, dtype=np.int64), counts)
        col_ptr = np.zeros(self.d + 1, dtype=np.int64)
        col_ptr[1:] = np.cumsum(np.bincount(indices, minlength=self.d)) if len(cols) else 0
        self.cols = _Compressed(col_ptr, row_of[order], [vals[k] for k in order], (self.d, self.n))
        self.max_abs = self.rows.max_abs
        self.nnz = len(vals)

    def matvec(self, x: np.ndarray, x_bound: int) -> np.ndarray:
        """(Z x)_i for every sample, exactly, given max|x_j| <= x_bound."""
        return self.rows.product(x, x_bound)

    def rmatvec(self, u: np.ndarray, u_bound: int) -> np.ndarray:
        """sum_i u_i Z_i, exactly, given max|u_i| <= u_bound."""
        return self.cols.product(u, u_bound)

    def row_entries(self, i: int) -> tuple[np.ndarray, np.ndarray]:
        """(coordinates, integer values) of Z_i."""
        a, b = self.rows.indptr[i], self.rows.indptr[i + 1]
        return self.rows.indices[a:b], self.rows.values[a:b]

    def column_entries(self, j: int) -> tuple[np.ndarray, np.ndarray]:
        """(samples, integer values) of column j of Z."""
        a, b = self.cols.indptr[j], self.cols.indptr[j + 1]
        return self.cols.indices[a:b], self.cols.values[a:b]


def max_abs(x: np.ndarray) -> int:
    """max_j |x_j| as a Python integer (0 for an empty vector), for the bounds the products take."""
    return int(np.max(np.abs(x))) if len(x) else 0
