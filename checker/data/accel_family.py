"""The ACCEL data family A_d and the exact facts about it that need no simulation.

A_d (d features, n = d - 1 samples): a_i = c e_0 + e_i for i = 1..n, y_1 = +1 and
y_i = -1 for i >= 2: one rare positive sample against n - 1 negatives, with an
intercept feature of value c. Its Gram matrix is c^2 11^T + I, so every margin
of a linear iterate theta = sum_i lambda_i y_i a_i is

    z_j = lambda_j + c^2 y_j S,   S = sum_i lambda_i y_i,

which is what makes the linear lower bound (the "lambda argument") exact.
"""

from __future__ import annotations

import random
from fractions import Fraction
from math import isqrt

from checker.arith.integer_carrier import INT64_LIMIT, SignedIntegerData
from checker.data.dataset import Dataset, from_rows
from checker.errors import InputError

GAMMA_BITS = 20  # fractional bits of the dyadic step d^(1/4) used by the exact engines


def accel_dataset(d: int, c=1) -> Dataset:
    """A_d with intercept c (exact)."""
    c = Fraction(c)
    check_dimensions(d, c)
    n = d - 1
    X = []
    for i in range(1, n + 1):
        row = [Fraction(0)] * d
        row[0], row[i] = c, Fraction(1)
        X.append(row)
    return from_rows(X, [1] + [-1] * (n - 1), f"accel-{d}" + ("" if c == 1 else f"-c{c}"))


def rotated(ds: Dataset, seed: int, planes: int | None = None) -> Dataset:
    """The data turned by a random rational orthogonal matrix Q: a product of plane rotations, each the 2-d Cayley
    transform of a random rational t (cos = (1 - t^2)/(1 + t^2), sin = 2t/(1 + t^2)), exact.

    Every inner product a_i^T a_j is unchanged, so every method that sees the data only through them (BP, the
    Perceptron, LR+GD from 0, the single unit from w = 0) makes exactly the same steps; a method with a preferred
    basis (the diagonal network's coordinate-wise products) need not. A test of the engines, and ACCEL's
    "rotated" family."""
    rng = random.Random(seed)
    rows = [list(r) for r in ds.X]
    for _ in range(planes if planes is not None else 2 * ds.d):
        j, k = rng.sample(range(ds.d), 2)
        t = Fraction(rng.randint(1, 9), rng.randint(1, 9)) * rng.choice((1, -1))
        cos, sin = (1 - t * t) / (1 + t * t), 2 * t / (1 + t * t)
        for r in rows:
            r[j], r[k] = cos * r[j] - sin * r[k], sin * r[j] + cos * r[k]
    return from_rows(rows, ds.y, f"{ds.name}-rotated-{seed}")


def check_dimensions(d: int, c: Fraction) -> None:
    """A_d is used where the rare sample is misclassified at BP's p_1: c^2 (n - 2) > 1."""
    if d < 4:
        raise InputError(f"A_d needs d >= 4 (got d = {d})")
    if c <= 0:
        raise InputError(f"the intercept c must be positive (got {c})")
    if c * c * (d - 3) <= 1:
        raise InputError(f"with c = {c} and d = {d} the rare sample is already correct at p_1 "
                         "(need c^2 (d - 3) > 1)")


def quarter_root_dyadic(d: int, bits: int = GAMMA_BITS) -> Fraction:
    """floor(d^(1/4) 2^bits) / 2^bits, exact (isqrt twice is floor of the 4th root)."""
    return Fraction(isqrt(isqrt(d << (4 * bits))), 1 << bits)


def sqrt_dyadic(x: Fraction, bits: int = GAMMA_BITS) -> Fraction:
    """floor(sqrt(x) 2^bits) / 2^bits for a rational x >= 0, exact."""
    x = Fraction(x)
    return Fraction(isqrt((x.numerator << (2 * bits)) // x.denominator), 1 << bits)


def bp_count(d: int, c=1) -> tuple[int, bool] | None:
    """BP's exact iteration count on A_d and whether a margin is exactly 0 on the way.

    While only the rare sample is wrong, p_{k+1} has lambda_1 = (1 + 2k)/(2n) and
    lambda_j = 1/(2n), so z_1 = [(1 + 2k)(1 + c^2) - c^2 (n - 1)] / (2n). BP stops
    at t = k + 1 for the first k with z_1 > 0; degenerate if z_1 = 0 at some k.
    The negatives stay correct: z_j = [1 + c^2 (n - 1) - c^2 (1 + 2k)] / (2n) > 0
    for every k up to that point when c = 1 (proved in `derivations.accel`); for
    other c that is checked here, and None is returned where it fails (large c
    and small d, where BP also updates the negatives and the closed form ends).
    """
    c = Fraction(c)
    n = d - 1
    c2 = c * c
    # smallest k >= 0 with (1 + 2k)(1 + c2) > c2 (n - 1)
    target = c2 * (n - 1) / (1 + c2)  # need 1 + 2k > target
    k = max(0, _floor(Fraction(target - 1) / 2) + 1)
    if 1 + c2 * (n - 1) - c2 * (1 + 2 * k) <= 0:
        return None
    # z_1 increases with k, so only the last rare step before separation can hit 0 exactly
    degenerate = k >= 1 and (2 * k - 1) * (1 + c2) == c2 * (n - 1)
    return k + 1, degenerate


def linear_lower_bound(d: int, c=1) -> int:
    """Smallest t that the lambda argument allows for any linear method from 0 (BP, LR+GD at any step).

    lambda_i >= eta/(2n) after the first step and grows by at most eta/n per step,
    so z_1(theta_t) <= (eta/n) [(1 + c^2)(t - 1/2) - c^2 (n - 1)/2]; separation
    needs (2t - 1)(1 + c^2) > c^2 (n - 1). For c = 1: t > (n + 1)/4.
    """
    c2 = Fraction(c) ** 2
    n = d - 1
    return max(1, _floor((c2 * (n - 1) / (1 + c2) + 1) / 2) + 1)


def gram_lower_bound(ds: Dataset) -> int:
    """The lambda argument for any data: a lower bound on BP's and LR+GD's iteration count.

    Any linear iterate from 0 is theta_t = sum_i lambda_i y_i a_i with
    lambda_i in [eta/(2n), eta/(2n) + (t - 1) eta/n] (first step weights 1/2, later
    weights in [0, 1]). With K_ji = y_j y_i a_j^T a_i, P_j = sum of the positive
    K_ji and N_j = sum of the negative ones, z_j <= (eta/n)[(t - 1/2) P_j + N_j/2],
    so separation at t needs (2t - 1) P_j > |N_j| for every j. Returns the
    smallest such t (at least 1), exact.
    """
    # The bound is invariant under scaling the data: use the integer rows Z = D y_i a_i and K = Z Z^T, in int64
    # where d * max|Z|^2 fits (numpy's fast path), Python integers otherwise; the row sums always in Python integers.
    data = SignedIntegerData(ds)
    fits = data.d * data.max_abs**2 < INT64_LIMIT
    Z = data.rows("int64" if fits else "object")
    K = (Z @ Z.T).astype(object)
    best = 1
    for j in range(data.n):
        row = K[j]
        pos = int(sum(k for k in row if k > 0))
        neg = -int(sum(k for k in row if k < 0))
        # smallest t with (2t - 1) pos > neg; pos >= ||Z_j||^2 > 0 for a nonzero sample
        if pos == 0:
            raise InputError(f"sample {j + 1} is the zero vector: never separated")
        best = max(best, (neg + pos) // (2 * pos) + 1)
    return best


def _floor(x: Fraction) -> int:
    x = Fraction(x)
    return x.numerator // x.denominator
