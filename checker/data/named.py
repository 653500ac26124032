"""Small named data sets used by the built-in checks, all exact."""

from __future__ import annotations

from fractions import Fraction

import numpy as np

from checker.data.dataset import Dataset, from_rows


def bp_lower(n: int) -> Dataset:
    """P1 Thm 5.1: ((1/2, -1), +1) once and ((-1/2, -1), -1) n-1 times."""
    X = [[Fraction(1, 2), -1]] + [[Fraction(-1, 2), -1] for _ in range(n - 1)]
    return from_rows(X, [1] + [-1] * (n - 1), f"bp-lower-{n}")


def loss_unreliable() -> Dataset:
    """P1 Thm 4.1: {((1,-1), +1), ((-1,-4), -1)}."""
    return from_rows([[1, -1], [-1, -4]], [1, -1], "loss-unreliable")


def xor() -> Dataset:
    """The real XOR: (+-1, +-1) labelled x_1 x_2. Not separable: the four y_i a_i sum to 0."""
    return from_rows([[1, 1], [-1, -1], [1, -1], [-1, 1]], [1, 1, -1, -1], "xor")


def mixed_small() -> Dataset:
    """7 integer points in 3-d; BP takes 9 non-degenerate steps (found by a seeded search)."""
    X = [[3, 1, 0], [2, -3, 2], [3, -3, -2], [3, 1, -3], [-1, 3, -3], [3, 3, -1], [0, 1, 2]]
    return from_rows(X, [-1, -1, 1, -1, 1, -1, -1], "mixed-small")


def bp_lower_degenerate() -> Dataset:
    """BP-LOWER with n = 6, scaled by 3/10: BP's margin of the +1 sample is exactly 0 at t = 2.

    From the closed form, that margin is (10k - 3n - 2)/(8n) at step k, zero for
    n = 6, k = 2. In float64 the scaled data give +4.9e-19 there, and a float
    BP stops one iteration early.
    """
    s = Fraction(3, 10)
    X = [[s / 2, -s]] + [[-s / 2, -s] for _ in range(5)]
    return from_rows(X, [1] + [-1] * 5, "bp-lower-6-scaled")


def random_integer_separable(n: int, d: int, seed: int = 0, min_abs_margin: int = 1, coord: int = 20) -> Dataset:
    """n integer points in [-coord, coord]^d labelled by a seeded integer separator w, |w^T a| >= min_abs_margin."""
    rng = np.random.default_rng(seed)
    w = rng.integers(-5, 6, size=d)
    X: list[list[int]] = []
    y: list[int] = []
    while len(X) < n:
        x = rng.integers(-coord, coord + 1, size=d)
        s = int(w @ x)
        if abs(s) >= min_abs_margin:
            X.append(x.tolist())
            y.append(1 if s > 0 else -1)
    return from_rows(X, y, f"random-{n}x{d}-seed{seed}")
