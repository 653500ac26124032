"""The Batch Perceptron on sparse exact data: `perceptron.run`'s steps at O(nnz) per step and O(nnz + n + d) memory.

Conventions are `perceptron.py`'s: p_1 = (1/(2n)) sum_i y_i a_i, then p += (1/n) sum over
the mistakes (a margin <= 0), `iterations` the smallest t >= 1 with every margin
> 0, and a margin exactly 0 at some p_t marks the run degenerate (that step is
listed). The iterate is w = 2n D p with integer w; its margins are the integers
Z w (see `arith.sparse_integer`), in int64 or float64 while max|w| proves that
exact, in Python integers beyond.

The run also keeps the smallest |margin| over its iterates, exactly: that is what
LIN-REDUCTION-RATE needs to certify from which step size on LR+GD's mistake sets
are BP's (`analysis.linear_reduction.gamma_exponent`).
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np

from checker.arith.integer_carrier import INT64_LIMIT
from checker.arith.sparse_integer import SparseSignedIntegers, max_abs
from checker.engines.run import Run
from checker.progress import tick


def _add(w: np.ndarray, step: np.ndarray, weight: int) -> np.ndarray:
    """w + weight * step exactly: int64 while the sum's bound fits, Python integers beyond."""
    if max_abs(w) + weight * max_abs(step) <= INT64_LIMIT and w.dtype != object and step.dtype != object:
        return w + weight * step
    return np.asarray(w, dtype=object) + np.asarray(step, dtype=object) * weight


def batch_perceptron(sds, max_iter: int = 100_000, record: bool = False, data=None) -> Run:
    """BP from 0 on a `SparseDataset`. record: keep each step's mistake set (steps[t-1] = (t, mistakes)).

    extra: degenerate_steps, min_margin (min over t and i of |y_i a_i^T p_t|, exact, as a Fraction),
    carrier ("int64" or "object": the widest the run needed)."""
    Z = data or SparseSignedIntegers(sds)
    n = Z.n
    ones = np.ones(n, dtype=np.int64)
    w = Z.rmatvec(ones, 1)  # 2n D p_1 = sum_i Z_i
    scale = 2 * n * Z.scale * Z.scale  # margin_i = (Z w)_i / scale
    degenerate_steps: list[int] = []
    steps: list = []
    smallest = None
    widest = "int64"
    label = "batch-perceptron, sparse exact"
    t = 1
    while True:
        tick(t, label)
        if w.dtype == object:
            widest = "object"
        margins = Z.matvec(w, max_abs(w))
        wrong = np.flatnonzero(margins <= 0)
        low = int(np.min(np.abs(margins)))
        smallest = low if smallest is None else min(smallest, low)
        if np.any(margins == 0):
            degenerate_steps.append(t)
        if record:
            steps.append((t, tuple(int(i) for i in wrong)))
        if len(wrong) == 0 or t >= max_iter:
            done = len(wrong) == 0
            return Run("batch-perceptron", t if done else None, done, "exact", degenerate=bool(degenerate_steps),
                       stopped="" if done else f"not separated within {max_iter}", steps=steps,
                       extra={"degenerate_steps": degenerate_steps, "min_margin": Fraction(smallest, scale),
                              "carrier": widest, "steps_run": t})
        indicator = np.zeros(n, dtype=np.int64)
        indicator[wrong] = 1
        w = _add(w, Z.rmatvec(indicator, 1), 2)  # p += (1/n) sum_S y_i a_i, in units of 1/(2n D)
        t += 1
