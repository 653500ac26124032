"""Certified maximum margin: the distance from the origin to the convex hull of the y_i a_i.

mu = max_{||theta||=1} min_i y_i a_i^T theta = min over convex weights lambda of ||sum_i lambda_i y_i a_i||,
so a direction theta gives a lower bound and weights lambda an upper bound.

Wolfe's min-norm-point method finds the optimal corral in float64; it is then
continued in exact rationals from that corral until the exact optimality
condition v_j^T x >= x^T x holds for every j. At that point x = sum lambda_i v_i is
the exact min-norm point, mu = ||x|| exactly, and mu^2 is an exact rational, so
bounds like R^2/mu^2 are compared exactly. The decimal enclosure [mu_lo, mu_hi]
comes from rigorous integer square-root bounds. If the origin is in the hull
(not separable, or a max margin of exactly 0), the exact weights with
sum lambda_i y_i a_i = 0 are the certificate.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from math import gcd, isqrt
from typing import Any

import numpy as np

from checker.arith.integer_carrier import SignedIntegerData
from checker.data.dataset import Dataset, fraction_str
from checker.progress import tick

SQRT_DIGITS = 40


@dataclass
class MarginCertificate:
    separable: bool
    mu_squared: Fraction | None  # exact when `exact`; else None
    mu_lo: Fraction  # certified lower bound on mu (0 if not separable)
    mu_hi: Fraction  # certified upper bound on mu
    theta: list[Fraction] | None  # primal direction (unnormalised): min_i y_i a_i^T theta / ||theta|| >= mu_lo
    weights: list[Fraction]  # convex weights lambda (sum 1, >= 0): ||sum lambda_i y_i a_i|| <= mu_hi
    exact: bool
    float_iterations: int
    exact_iterations: int

    @property
    def relative_width(self) -> Fraction | None:
        return None if self.mu_hi == 0 else (self.mu_hi - self.mu_lo) / self.mu_hi

    def to_json(self) -> dict:
        support = {i: fraction_str(w) for i, w in enumerate(self.weights) if w != 0}
        out: dict[str, Any] = {
            "separable": self.separable,
            "margin_lo": decimal_str(self.mu_lo, 25, up=False),
            "margin_hi": decimal_str(self.mu_hi, 25, up=True),
            "margin_squared": fraction_str(self.mu_squared) if self.mu_squared is not None else None,
            "exact": self.exact,
            "certificate": {
                "theta": [fraction_str(t) for t in self.theta] if self.theta else None,
                "lambda": {str(i): w for i, w in support.items()},
            },
            "iterations": {"float64_wolfe": self.float_iterations, "exact_wolfe": self.exact_iterations},
        }
        if not self.separable:
            out["certificate"]["meaning"] = "sum_i lambda_i y_i a_i = 0 with lambda >= 0, sum lambda = 1"
        return out


def sqrt_bounds(q: Fraction, digits: int = SQRT_DIGITS) -> tuple[Fraction, Fraction]:
    """Rational lo <= sqrt(q) <= hi with hi - lo <= 10^-digits * (1 + ...), from integer square roots."""
    if q < 0:
        raise ValueError("negative")
    scale = 10**digits
    a, b = q.numerator, q.denominator
    r = isqrt(a * b * scale * scale)  # r <= sqrt(a b) * scale < r + 1
    lo = Fraction(r, b * scale)
    hi = lo if r * r == a * b * scale * scale else Fraction(r + 1, b * scale)
    return lo, hi


def decimal_str(q: Fraction, significant: int, up: bool) -> str:
    """q rounded toward +oo (up) or -oo to `significant` digits, as a decimal string."""
    if q == 0:
        return "0"
    sign = "-" if q < 0 else ""
    a = abs(q)
    exp10 = len(str(a.numerator // a.denominator)) if a >= 1 else -_leading_zeros(a)
    shift = significant - exp10
    scaled = a * Fraction(10) ** shift
    rounding_up = up != (q < 0)
    digits = -((-scaled.numerator) // scaled.denominator) if rounding_up else scaled.numerator // scaled.denominator
    s = str(digits)
    if shift > 0:
        s = s.rjust(shift + 1, "0")
        s = s[:-shift] + "." + s[-shift:]
    else:
        s = s + "0" * (-shift)
    return sign + s


def _leading_zeros(a: Fraction) -> int:
    k = 0
    while a * 10 ** (k + 1) < 1:
        k += 1
    return k


# -- Wolfe's method ------------------------------------------------------------------
def _affine_min_norm_float(V: np.ndarray) -> np.ndarray:
    """Weights alpha (sum 1) of the min-norm point of the affine hull of the rows of V."""
    k = len(V)
    K = np.zeros((k + 1, k + 1))
    K[:k, :k] = V @ V.T
    K[:k, k] = 1
    K[k, :k] = 1
    rhs = np.zeros(k + 1)
    rhs[k] = 1
    sol = np.linalg.lstsq(K, rhs, rcond=None)[0]
    return sol[:k]


def _wolfe_float(P: np.ndarray, max_iter: int = 10_000):
    """Float64 Wolfe: returns (corral indices, weights, iterations)."""
    norms = np.einsum("ij,ij->i", P, P)
    S = [int(np.argmin(norms))]
    lam = np.array([1.0])
    scale = max(float(norms.max()), 1e-300)
    it = 0
    for it in range(1, max_iter + 1):
        tick(it, "margin: Wolfe's method, float64 warm start")
        x = lam @ P[S]
        j = int(np.argmin(P @ x))
        if x @ x - P[j] @ x <= 1e-13 * scale or j in S:
            break
        S.append(j)
        lam = np.append(lam, 0.0)
        for _ in range(len(S) + 5):  # minor cycles
            alpha = _affine_min_norm_float(P[S])
            if np.all(alpha > 1e-15):
                lam = alpha
                break
            mask = alpha <= 1e-15
            ratios = lam[mask] / np.maximum(lam[mask] - alpha[mask], 1e-300)
            step = float(np.clip(ratios.min(), 0.0, 1.0))
            lam = lam + step * (alpha - lam)
            keep = lam > 1e-15
            S = [s for s, kp in zip(S, keep) if kp]
            lam = lam[keep]
            lam = lam / lam.sum()
    return S, lam, it


def _solve_integer_system(M: np.ndarray, rhs: np.ndarray) -> list[Fraction] | None:
    """Solve M x = rhs exactly for an integer matrix (object dtype): fraction-free Bareiss, None if singular.

    Bareiss keeps every entry an integer (each division is exact), so the cost is
    integer arithmetic on numbers of bounded growth instead of Fraction gcds.
    """
    k = len(M)
    A = np.concatenate([M.astype(object), rhs.astype(object).reshape(-1, 1)], axis=1)
    prev = 1
    for c in range(k):
        piv = next((r for r in range(c, k) if A[r, c] != 0), None)
        if piv is None:
            return None
        if piv != c:
            A[[c, piv]] = A[[piv, c]]
        if c + 1 < k:
            lower = A[c + 1:, c:]
            A[c + 1:, c:] = (lower * A[c, c] - np.outer(lower[:, 0], A[c, c:])) // prev
        prev = A[c, c]
    x = [Fraction(0)] * k
    for r in range(k - 1, -1, -1):
        acc = Fraction(A[r, k]) - sum((A[r, j] * x[j] for j in range(r + 1, k)), Fraction(0))
        x[r] = acc / A[r, r]
    return x


def _affine_min_norm_exact(Zo: np.ndarray, S: list[int]) -> list[Fraction] | None:
    """Weights alpha (sum 1) of the min-norm point of the affine hull of the corral, exactly."""
    k = len(S)
    V = Zo[S]
    M = np.zeros((k + 1, k + 1), dtype=object)
    M[:k, :k] = V.dot(V.T)
    M[:k, k] = 1
    M[k, :k] = 1
    rhs = np.zeros(k + 1, dtype=object)
    rhs[k] = 1
    sol = _solve_integer_system(M, rhs)
    return None if sol is None else sol[:k]


def certified_margin(ds: Dataset, max_exact_iter: int = 500) -> MarginCertificate:
    data = SignedIntegerData(ds)  # rows Z_i = D * y_i a_i, integers
    Zo = data.rows("object")
    # the float warm start sees the rows scaled by max |Z|, shifted into float range first: data like 1e4000 or
    # 1e-400 are exact integers here, far outside float64, and only their geometry matters to the warm start
    shift = max(0, data.max_abs.bit_length() - 60)
    top = float(data.max_abs >> shift) or 1.0
    Pf = np.array([[float(int(v) >> shift) / top for v in row] for row in Zo])
    S, lam_f, float_iters = _wolfe_float(Pf)

    # exact continuation from the float corral; weights as Fractions summing to 1
    lam = [Fraction(float(v)).limit_denominator(10**12) for v in lam_f]
    total = sum(lam)
    lam = [v / total for v in lam]
    S, lam = [s for s, v in zip(S, lam) if v > 0], [v for v in lam if v > 0]

    exact_iters = 0
    exact = False
    while exact_iters < max_exact_iter:
        exact_iters += 1
        tick(exact_iters, "margin: Wolfe's method, exact")
        # minor cycles: move to the affine min-norm point of the corral, staying in the hull
        while True:
            alpha = _affine_min_norm_exact(Zo, S)
            if alpha is None:  # affinely dependent corral: drop the newest point and stop here
                break
            if all(a > 0 for a in alpha):
                lam = alpha
                break
            step = min(lv / (lv - a) for lv, a in zip(lam, alpha) if a <= 0)
            lam = [lv + step * (a - lv) for lv, a in zip(lam, alpha)]
            S, lam = [s for s, v in zip(S, lam) if v > 0], [v for v in lam if v > 0]
        L = 1
        for v in lam:
            L = L * v.denominator // gcd(L, v.denominator)
        c = [int(v * L) for v in lam]
        w = sum((ci * Zo[s] for ci, s in zip(c, S)), np.zeros(data.d, dtype=object))  # D * L * x
        ww = int(np.dot(w, w))
        if ww == 0:
            exact = True
            break
        proj = Zo @ w  # D^2 L (v_j . x)
        # optimality: v_j . x >= x . x  <=>  L * proj_j >= w . w
        viol = [(int(p) * L - ww, j) for j, p in enumerate(proj)]
        worst, j = min(viol)
        if worst >= 0:
            exact = True
            break
        if j in S:
            break  # cannot happen in exact arithmetic with an affinely independent corral
        S.append(j)
        lam.append(Fraction(0))

    weights = [Fraction(0)] * ds.n
    for s, v in zip(S, lam):
        weights[s] += v
    D = data.scale
    x = [Fraction(int(v), D * L) for v in w]
    x_norm2 = sum((v * v for v in x), Fraction(0))
    if ww == 0:
        return MarginCertificate(False, Fraction(0), Fraction(0), Fraction(0), None, weights, True,
                                 float_iters, exact_iters)
    # the certified enclosure, valid whether or not the exact phase converged
    _, hi = sqrt_bounds(x_norm2)
    signed = ds.signed_rows()
    min_margin = min(sum((a * b for a, b in zip(row, x)), Fraction(0)) for row in signed)
    if min_margin > 0:
        lo_sq = min_margin * min_margin / x_norm2
        lo, _ = sqrt_bounds(lo_sq)
    else:
        lo = Fraction(0)
    mu2 = x_norm2 if exact else None
    return MarginCertificate(True, mu2, lo, hi, x, weights, exact, float_iters, exact_iters)
