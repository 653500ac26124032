"""The lambda argument's lower bound for every linear method, from a sparse data set's own Gram matrix, exactly.

`accel_family.gram_lower_bound` states it: with K_ji = y_j y_i a_j^T a_i, P_j the sum of
the positive and N_j that of the negative K_ji, separation at t needs
(2t - 1) P_j > |N_j| for every j. Here the same bound is computed without the
n x n matrix, which A_d-like data makes dense (every sample shares the intercept):

- columns used by more than DENSE_COLUMN samples are "dense"; the rows of Z restricted
  to them take few distinct values (patterns), so the dense part of every K_ji
  is one of an n x G table, and its positive and negative sums are weighted by
  each pattern's multiplicity;
- the rest of K (pairs that share a sparse column) is computed block by block of
  rows, and corrects those pairs' terms.

Time O(n G |dense| + sum_k c_k^2) over the sparse columns' counts c_k, memory
O(nnz + n G + BLOCK n). With too many patterns every column is treated as sparse
(the plain blockwise Gram matrix). Integers are int64 while a bound proves every
sum exact, Python integers otherwise.
"""

from __future__ import annotations

import numpy as np

from checker.arith.integer_carrier import INT64_LIMIT
from checker.arith.sparse_integer import SparseSignedIntegers
from checker.errors import InputError

DENSE_COLUMN = 64  # a column with more samples than this is handled through the pattern table
MAX_PATTERNS = 256  # distinct dense-part rows; beyond it the dense part is not worth separating
BLOCK = 2048  # rows of K computed at once


def gram_lower_bound(sds, data: SparseSignedIntegers | None = None) -> int:
    """Smallest t >= 1 with (2t - 1) P_j > |N_j| for every sample j (exact)."""
    Z = data or SparseSignedIntegers(sds)
    n = Z.n
    bound = n * Z.rows.l1_max * Z.max_abs  # |P_j|, |N_j| and every partial sum of them
    dtype = np.int64 if bound <= INT64_LIMIT // 4 else object
    counts = np.diff(Z.cols.indptr)
    dense_cols = np.flatnonzero(counts > DENSE_COLUMN)
    table, groups, mult = _patterns(Z, dense_cols, dtype)
    if table is None:  # too many patterns: no dense part
        dense_cols = np.zeros(0, dtype=np.int64)
        table, groups, mult = np.zeros((n, 1), dtype=dtype), np.zeros(n, dtype=np.int64), np.array([n], dtype=dtype)
    pos = (np.maximum(table, 0) * mult).sum(axis=1)
    neg = (np.minimum(table, 0) * mult).sum(axis=1)
    for rows, cols, vals in _sparse_pairs(Z, dense_cols, dtype):  # pairs sharing a sparse column: correct their terms
        base = table[rows, groups[cols]]
        full = base + vals
        np.add.at(pos, rows, np.maximum(full, 0) - np.maximum(base, 0))
        np.add.at(neg, rows, np.minimum(full, 0) - np.minimum(base, 0))
    zero = np.flatnonzero(pos == 0)  # P_j >= ||Z_j||^2 > 0 for a nonzero sample
    if len(zero):
        raise InputError(f"{sds.name}: sample {int(zero[0]) + 1} is the zero vector: never separated")
    return max(1, int(np.max((pos - neg) // (2 * pos) + 1)))  # smallest t with (2t - 1) P_j > |N_j|


def _patterns(Z: SparseSignedIntegers, dense_cols: np.ndarray, dtype):
    """(table[j, g] = Z_j . pattern_g on the dense columns, pattern index of each row, multiplicities) or Nones."""
    n = Z.n
    if len(dense_cols) == 0:
        return np.zeros((n, 1), dtype=dtype), np.zeros(n, dtype=np.int64), np.array([n], dtype=dtype)
    dense = np.zeros((n, len(dense_cols)), dtype=object)
    for k, j in enumerate(dense_cols):
        samples, values = Z.column_entries(int(j))
        dense[samples, k] = values
    keys: dict[tuple, int] = {}
    groups = np.empty(n, dtype=np.int64)
    for i in range(n):
        groups[i] = keys.setdefault(tuple(dense[i]), len(keys))
        if len(keys) > MAX_PATTERNS:
            return None, None, None
    patterns = np.array(list(keys), dtype=object).reshape(len(keys), len(dense_cols))
    table = (dense @ patterns.T).astype(dtype)
    mult = np.bincount(groups, minlength=len(keys)).astype(dtype)
    return table, groups, mult


def _sparse_pairs(Z: SparseSignedIntegers, dense_cols: np.ndarray, dtype):
    """Blocks (rows j, columns i, sum over the shared sparse columns of Z_jk Z_ik) over every such nonzero pair."""
    keep = np.ones(Z.d, dtype=bool)
    keep[dense_cols] = False
    mask = keep[Z.rows.indices]
    row_of = np.repeat(np.arange(Z.n, dtype=np.int64), np.diff(Z.rows.indptr))[mask]
    cols, values = Z.rows.indices[mask], Z.rows.values[mask]
    if dtype is np.int64:
        from scipy import sparse  # noqa: PLC0415  (loaded here, not when the command line starts)

        part = sparse.csr_matrix((values.astype(np.int64), (row_of, cols)), shape=(Z.n, Z.d))
        part_t = part.T.tocsr()
        for start in range(0, Z.n, BLOCK):
            block = (part[start:start + BLOCK] @ part_t).tocoo()
            yield block.row.astype(np.int64) + start, block.col.astype(np.int64), block.data
        return
    by_col: dict[int, list[tuple[int, int]]] = {}  # Python integers: the same pairs, accumulated in dicts
    by_row: dict[int, list[tuple[int, int]]] = {}
    for i, j, v in zip(row_of.tolist(), cols.tolist(), values.tolist()):
        by_col.setdefault(j, []).append((i, v))
        by_row.setdefault(i, []).append((j, v))
    for start in range(0, Z.n, BLOCK):
        rows, others, vals = [], [], []
        for r in range(start, min(Z.n, start + BLOCK)):
            acc: dict[int, int] = {}
            for j, zr in by_row.get(r, ()):
                for i, zi in by_col[j]:
                    acc[i] = acc.get(i, 0) + zr * zi
            rows += [r] * len(acc)
            others += list(acc)
            vals += list(acc.values())
        yield np.array(rows, dtype=np.int64), np.array(others, dtype=np.int64), np.array(vals, dtype=object)
