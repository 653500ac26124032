"""The signs of P_i + theta Q_i as one rational theta moves: the open interval on which none of them changes.

The sparse GP engines write every margin of a phase (a run of steps with one
mistake set) as P_i + theta Q_i with integers fixed for the phase and one scalar
theta that changes each step. A sign keeps its value at theta0 exactly when theta
stays inside (lower, upper): lower is the largest root -P_i/Q_i among the samples
with sigma_i Q_i > 0 (they need theta above their root), upper the smallest among
those with sigma_i Q_i < 0; a sample with Q_i = 0 never changes; a sample whose
value is exactly 0 at theta0 keeps its sign only at theta0 itself. So a step
costs two exact comparisons instead of one per sample.

Finding lower and upper is exact: a float estimate of each root (from shifted
integers) only proposes a candidate; a vectorized exact comparison against all
roots accepts it or proposes a larger one, until none is larger.
"""

from __future__ import annotations

import numpy as np


def signs_at(P: np.ndarray, Q: np.ndarray, num: int, den: int) -> np.ndarray:
    """sign(P_i + (num/den) Q_i) exactly (den > 0), as an int64 array."""
    values = P * den + np.asarray(Q, dtype=object) * num
    return _sign(values)


def _sign(x: np.ndarray) -> np.ndarray:
    return (x > 0).astype(np.int64) - (x < 0).astype(np.int64)


def _approx(numer: np.ndarray, denom: np.ndarray) -> np.ndarray:
    """Floats close to numer_i / denom_i (denominators small and positive), for proposing candidates only."""
    top = max((abs(int(v)) for v in (np.max(numer), np.min(numer))), default=0)
    shift = max(0, top.bit_length() - 60)
    shifted = numer if shift == 0 else numer >> shift  # floor: an estimate, never used to decide
    return np.asarray(shifted, dtype=np.float64) / np.asarray(denom, dtype=np.float64)


def extreme_root(P: np.ndarray, Q: np.ndarray, largest: bool) -> tuple[int, int]:
    """The largest (or smallest) of the roots -P_i/Q_i (every Q_i nonzero), exactly, as (a, b) with b > 0."""
    q_sign = _sign(Q)
    numer = -np.asarray(P, dtype=object) * q_sign.astype(object)  # root_i = numer_i / |Q_i|
    denom = np.asarray(Q, dtype=object) * q_sign.astype(object)
    sign = 1 if largest else -1
    estimate = _approx(numer, denom) * sign
    c = int(np.argmax(estimate))
    while True:
        a, b = int(numer[c]), int(denom[c])
        beyond = np.flatnonzero((numer * b - denom * a) * sign > 0)  # root_i beyond root_c, exact
        if len(beyond) == 0:
            return a, b
        c = int(beyond[np.argmax(estimate[beyond])])


class StableSigns:
    """The signs sigma_i of P_i + theta Q_i at theta0 = num0/den0 and the interval of theta that keeps them all."""

    def __init__(self, P: np.ndarray, Q: np.ndarray, num0: int, den0: int):
        self.num0, self.den0 = num0, den0
        self.signs = signs_at(P, Q, num0, den0)
        moving = np.asarray(Q != 0, dtype=bool)
        self.pinned = bool(np.any(moving & (self.signs == 0)))  # a zero that moves with theta: only theta0 keeps it
        sq = self.signs * _sign(Q)
        up, down = np.flatnonzero(moving & (sq > 0)), np.flatnonzero(moving & (sq < 0))
        self.lower = extreme_root(P[up], Q[up], largest=True) if len(up) else None
        self.upper = extreme_root(P[down], Q[down], largest=False) if len(down) else None

    def keeps(self, num: int, den: int) -> bool:
        """True iff every sign at theta = num/den (den > 0) equals its sign at theta0."""
        if num * self.den0 == self.num0 * den:
            return True
        if self.pinned:
            return False
        if self.lower is not None and not num * self.lower[1] > self.lower[0] * den:
            return False
        return self.upper is None or num * self.upper[1] < self.upper[0] * den
