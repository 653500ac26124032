"""Data matrices for the products A u and A^T w, in any context.

`SparseRows` skips zero entries exactly (A_d-like data costs O(nnz) per
product) and works for every element type; contexts with a fast dense kernel
(Arb's `arb_mat`, numpy) use it when the data is dense.
"""

from __future__ import annotations


class SparseRows:
    def __init__(self, ctx, rows):
        self.ctx = ctx
        self.n = len(rows)
        self.d = len(rows[0]) if rows else 0
        self.rows = [[(j, ctx.num(v)) for j, v in enumerate(row) if v != 0] for row in rows]
        self.columns = [[] for _ in range(self.d)]
        for i, row in enumerate(self.rows):
            for j, v in row:
                self.columns[j].append((i, v))

    def mul(self, u) -> list:
        zero = self.ctx.num(0)
        return [self.ctx.fsum(v * u[j] for j, v in row) if row else zero for row in self.rows]

    def tmul(self, w) -> list:
        zero = self.ctx.num(0)
        return [self.ctx.fsum(w[i] * v for i, v in col) if col else zero for col in self.columns]

    def row_norms_sq(self) -> list:
        return [self.ctx.fsum(v * v for _, v in row) for row in self.rows]

    def dense_rows(self) -> list:
        zero = self.ctx.num(0)
        out = [[zero] * self.d for _ in range(self.n)]
        for i, row in enumerate(self.rows):
            for j, v in row:
                out[i][j] = v
        return out


def density(rows) -> float:
    total = sum(len(r) for r in rows)
    return sum(1 for r in rows for v in r if v != 0) / total if total else 0.0
