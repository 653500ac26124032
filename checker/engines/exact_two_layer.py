"""Exact GP for the two-layer models whose step is bilinear (single unit v w^T a, diagonal sum_k u_k v_k a_k), any data.

The generic engine (`model_engines`) steps in Fractions, one per parameter and
sample; on n ~ d ~ 128 that is seconds per run. Here the whole state is integers
over one common denominator D (as in `reduced._gp_exact`, but for any data): with
Z_i = D0 y_i a_i the integer signed rows, gamma = p/q and 2 omega_i in {0, 1, 2},
one step multiplies the state by grow = 2 D0 q n and adds p times an integer
combination of Z's rows, so each step costs a few n x d products of big by small
integers. Conventions are the generic engine's: margins at t = 0, 1, ...; a margin
exactly 0 is a mistake with weight 1/2 (and makes the run degenerate); a step
that changes nothing is a stall; tests compare both engines on random data.
"""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np

from checker.arith.integer_carrier import SignedIntegerData
from checker.engines.run import Run
from checker.progress import tick


def _signs(values) -> np.ndarray:
    return np.array([(v > 0) - (v < 0) for v in values], dtype=np.int64)


def _gp(name: str, ds, gamma, max_iter: int, state: list, margins, step, trace: list | None = None) -> Run:
    gamma = Fraction(gamma)
    if gamma <= 0:
        raise ValueError("gamma must be positive")
    data = SignedIntegerData(ds)
    Z = np.array(data.rows("object"), dtype=object)
    grow = 2 * data.scale * gamma.denominator * ds.n
    p = gamma.numerator
    degenerate = False
    label = f"{name}, exact integers"
    for t in range(max_iter + 1):
        tick(t, label)
        s = margins(Z, state)
        if trace is not None and (not trace or not np.array_equal(trace[-1][1], s)):  # (t, signs) at each change
            trace.append((t, s.copy()))
        if t >= 1 and not degenerate:
            degenerate = bool(np.any(s == 0))
        if np.all(s > 0):
            return Run(name, t, True, "exact", degenerate=degenerate)
        if t == max_iter:
            break
        omega2 = np.where(s < 0, 2, np.where(s == 0, 1, 0)).astype(object)  # 2 * GP's weight
        S = omega2 @ Z  # sum_i 2 omega_i Z_i, an integer vector
        increment = step(Z, state, S, omega2)
        if all(not np.any(inc) for inc in increment):
            return Run(name, None, False, "exact", degenerate=degenerate,
                       stopped=f"stalled at t = {t}: the step is exactly 0, so GP stays at this iterate forever")
        state = [x * grow + p * inc for x, inc in zip(state, increment)]
        if t % 64 == 63:
            state = _reduce(state)
    return Run(name, None, False, "exact", degenerate=degenerate, stopped=f"not separated within {max_iter}")


def _reduce(state: list) -> list:
    """Divide out a common factor: only ratios and signs are used, the denominator is implicit."""
    g = 0
    for arr in state:
        for v in np.atleast_1d(arr):
            g = math.gcd(g, int(v))
            if g == 1:
                return state
    return [arr // g for arr in state] if g > 1 else state


def single_unit_gp(ds, gamma, max_iter: int = 1000, trace: list | None = None) -> Run:
    """GP for v w^T a from w = 0, v = 1. State (W, V): w = W/D, v = V/D with D implicit. trace: a list that
    receives (t, margin signs) whenever the signs change (what the sparse engines are compared on)."""
    W0 = np.array([0] * ds.d, dtype=object)

    def margins(Z, state):
        W, V = state
        return _signs(Z @ W) * ((V > 0) - (V < 0))

    def step(Z, state, S, omega2):
        W, V = state
        return [V * S, int(omega2 @ (Z @ W))]

    return _gp("single-unit-gp", ds, gamma, max_iter, [W0, 1], margins, step, trace)


def diagonal_gp(ds, gamma, max_iter: int = 1000, trace: list | None = None) -> Run:
    """GP for sum_k u_k v_k a_k from u = 0, v = 1. State (U, V) over one implicit denominator."""
    def margins(Z, state):
        U, V = state
        return _signs(Z @ (U * V))

    def step(Z, state, S, omega2):
        U, V = state
        return [V * S, U * S]

    return _gp("diagonal-gp", ds, gamma, max_iter,
               [np.array([0] * ds.d, dtype=object), np.array([1] * ds.d, dtype=object)], margins, step, trace)
