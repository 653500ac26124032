"""Every algorithm of the ACCEL table run on A_d in its invariant subspace, exactly or certified.

A_d is symmetric under permutations of its n - 1 negatives (and of their
one-hot coordinates), so an iterate that starts symmetric stays symmetric and
all negatives share one margin. That collapses the dynamics to a few numbers
(proved in `derivations.accel`, checked against full-dimensional runs in the
tests):

- linear methods: theta = lambda_1 y_1 a_1 + lambda_- sum_{j>=2} y_j a_j, margins
  z_1 = (1 + c^2) lambda_1 - c^2 (n - 1) lambda_-,  z_- = (1 + c^2 (n - 1)) lambda_- - c^2 lambda_1;
- the single unit v w^T a: w = x e_0 + y e_1 + z 1_-, plus v (4 numbers);
- the diagonal network sum_k u_k v_k a_k: (u, v) on the coordinates 0, 1 and "the rest" (6 numbers).

Arithmetic: the perceptrons and GP are exact (integer numerators over one common
denominator, so each step costs big-times-small products only). GD's weights
sigma(-z) are transcendental; GD runs in interval arithmetic (float64 with
outward rounding for LR+GD, mpmath.iv for the single unit), and the only sign GD
needs, the stopping test, is decided from the intervals or the run is repeated
at higher precision.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from fractions import Fraction

import mpmath

from checker.data.accel_family import check_dimensions


@dataclass
class ReducedRun:
    algorithm: str
    iterations: int | None
    degenerate: bool  # a margin exactly 0 on the way (exact engines only)
    arithmetic: str
    note: str = ""
    phases: list = field(default_factory=list)  # (t, sign z_1, sign z_-) where the sign pattern changes (GP)

    def to_json(self) -> dict:
        return {"algorithm": self.algorithm, "iterations": self.iterations, "degenerate": self.degenerate,
                "arithmetic": self.arithmetic, "note": self.note or None}


def _sign(x) -> int:
    return (x > 0) - (x < 0)


def _weight2(sign: int) -> int:
    """Twice the GP weight of a sample with a margin of this sign: 2, 1 (a tie), 0."""
    return 1 - sign


# -- linear methods -------------------------------------------------------------
def batch_perceptron(d: int, c=1, max_iter: int | None = None) -> ReducedRun:
    """BP with lambda = (1 + 2k)/(2n) per sample, k its mistake count; margins as exact integers."""
    c = Fraction(c)
    check_dimensions(d, c)
    n = d - 1
    cp2, cq2 = c.numerator ** 2, c.denominator ** 2
    k1 = km = 0  # 2n lambda = 1 + 2k
    degenerate = False
    max_iter = max_iter or 4 * d
    for t in range(1, max_iter + 1):
        l1, lm = 1 + 2 * k1, 1 + 2 * km
        # 2n cq^2 z: z_1 = (1 + c^2) l1 - c^2 (n - 1) lm,  z_- = (1 + c^2 (n - 1)) lm - c^2 l1
        s1 = _sign((cq2 + cp2) * l1 - cp2 * (n - 1) * lm)
        sm = _sign((cq2 + cp2 * (n - 1)) * lm - cp2 * l1)
        degenerate |= s1 == 0 or sm == 0
        if s1 > 0 and sm > 0:
            return ReducedRun("batch-perceptron", t, degenerate, "exact")
        k1 += s1 <= 0
        km += sm <= 0
    return ReducedRun("batch-perceptron", None, degenerate, "exact", f"not separated within {max_iter}")


def perceptron(d: int, c=1, max_updates: int = 10_000) -> ReducedRun:
    """The classical Perceptron (smallest mistaken index first), in lambda-space with exact margins.

    Index 0 is the rare sample. z_j = lambda_j + c^2 y_j S; a negative never
    updated has z_j = -c^2 S, so the smallest such index is a mistake iff S >= 0.
    """
    c = Fraction(c)
    check_dimensions(d, c)
    n = d - 1
    c2 = c * c
    lam: dict[int, int] = {}
    S = 0  # sum_i lambda_i y_i
    degenerate = False
    for t in range(max_updates + 1):
        margins = {0: lam.get(0, 0) + c2 * S}
        margins.update({j: lj - c2 * S for j, lj in lam.items() if j})
        fresh = next(j for j in range(1, n + 1) if j not in lam)  # smallest never-updated negative
        if fresh < n:
            margins[fresh] = -c2 * S
        mistakes = sorted(j for j, z in margins.items() if z <= 0)
        if t > 0:
            degenerate |= any(margins[j] == 0 for j in mistakes)
        if not mistakes:
            return ReducedRun("perceptron", t, degenerate, "exact")
        j = mistakes[0]
        lam[j] = lam.get(j, 0) + 1
        S += 1 if j == 0 else -1
    return ReducedRun("perceptron", None, degenerate, "exact", f"not separated within {max_updates} updates")


def _down(x: float) -> float:
    return math.nextafter(x, -math.inf)


def _up(x: float) -> float:
    return math.nextafter(x, math.inf)


def _enclose(q: Fraction) -> tuple[float, float]:
    """The tightest float interval holding the rational q."""
    f = float(q)
    lo = f if Fraction(f) <= q else _down(f)
    hi = f if Fraction(f) >= q else _up(f)
    return lo, hi


_SIGMA_SLACK = 2.0 ** -48  # relative: 32x the few ulps of exp (libm, < 1 ulp) and the two roundings after it


def _sigma_neg_bounds(z_lo: float, z_hi: float) -> tuple[float, float]:
    """An enclosure of sigma(-z) over [z_lo, z_hi] (sigma(-z) decreases in z)."""
    def s(x):  # sigma(-x), stable
        if x >= 0:
            e = math.exp(-x)
            return e / (1 + e)
        return 1 / (1 + math.exp(x))
    lo = s(z_hi) * (1 - _SIGMA_SLACK) if z_hi < math.inf else 0.0
    hi = min(1.0, s(z_lo) * (1 + _SIGMA_SLACK) + math.ulp(0.0)) if z_lo > -math.inf else 1.0
    return max(0.0, lo), hi


def lr_gd(d: int, c=1, eta=1, max_iter: int | None = None) -> ReducedRun:
    """LR+GD from 0 with step eta: lambda += (eta/n) sigma(-z), certified.

    Runs in float64 interval arithmetic (every operation rounded outward); if
    the stopping test cannot be decided there it reruns in mpmath.iv at 50 digits.
    """
    c, eta = Fraction(c), Fraction(eta)
    check_dimensions(d, c)
    max_iter = max_iter or 64 * d + 1000
    run = _lr_gd_float(d, c, eta, max_iter)
    if run is not None:
        return run
    return _lr_gd_iv(d, c, eta, max_iter, 50)


def _lr_gd_float(d, c, eta, max_iter):
    """Float64 intervals; None if the stopping test is undecided.

    Naive interval steps lose the contraction of GD (a larger lambda_- gives a
    larger z_- and a smaller increment) and their widths grow exponentially.
    The map F(lambda_1, lambda_-) is increasing in both coordinates whenever
    k A sigma' <= 1 and k C sigma' <= 1 on the box (k = eta/n), so then the box's
    image lies between F(lower corner) and F(upper corner); only steps where that
    test fails (early steps at large eta) use the naive enclosure.
    """
    n = d - 1
    c2 = c * c
    A, B, C, E = (_enclose(q) for q in (1 + c2, c2 * (n - 1), 1 + c2 * (n - 1), c2))
    k = _enclose(eta / n)
    l1 = [0.0, 0.0]
    lm = [0.0, 0.0]
    how = "float64 intervals (outward rounding)"
    for t in range(max_iter + 1):
        # lambda >= 0 and the coefficients are positive, so each product's bounds are lo*lo and hi*hi
        z1 = (_down(_down(A[0] * l1[0]) - _up(B[1] * lm[1])), _up(_up(A[1] * l1[1]) - _down(B[0] * lm[0])))
        zm = (_down(_down(C[0] * lm[0]) - _up(E[1] * l1[1])), _up(_up(C[1] * lm[1]) - _down(E[0] * l1[0])))
        if t >= 1:
            if z1[0] > 0 and zm[0] > 0:
                return ReducedRun("lr-gd", t, False, how)
            if not (z1[1] <= 0 or zm[1] <= 0):
                return None  # undecided: hand over to mpmath.iv
        if k[1] * A[1] * _sigma_prime_max(*z1) <= 0.99 and k[1] * C[1] * _sigma_prime_max(*zm) <= 0.99:
            # monotone: the z at each corner, rounded the way that makes sigma(-z) a bound
            s1 = (_sigma_neg_bounds(-math.inf, _up(_up(A[1] * l1[0]) - _down(B[0] * lm[0])))[0],
                  _sigma_neg_bounds(_down(_down(A[0] * l1[1]) - _up(B[1] * lm[1])), math.inf)[1])
            sm = (_sigma_neg_bounds(-math.inf, _up(_up(C[1] * lm[0]) - _down(E[0] * l1[0])))[0],
                  _sigma_neg_bounds(_down(_down(C[0] * lm[1]) - _up(E[1] * l1[1])), math.inf)[1])
        else:
            s1 = _sigma_neg_bounds(*z1)
            sm = _sigma_neg_bounds(*zm)
        l1 = [_down(l1[0] + _down(k[0] * s1[0])), _up(l1[1] + _up(k[1] * s1[1]))]
        lm = [_down(lm[0] + _down(k[0] * sm[0])), _up(lm[1] + _up(k[1] * sm[1]))]
    return ReducedRun("lr-gd", None, False, how, f"not separated within {max_iter}")


def _sigma_prime_max(z_lo: float, z_hi: float) -> float:
    """An upper bound of sigma'(z) = sigma(z) sigma(-z) on [z_lo, z_hi] (<= 1/4, <= e^{-|z|})."""
    m = 0.0 if z_lo <= 0 <= z_hi else min(abs(z_lo), abs(z_hi))
    return min(0.25, 1.01 * math.exp(-m))


def _lr_gd_iv(d, c, eta, max_iter, dps):
    iv = mpmath.iv
    n = d - 1
    with mpmath.workdps(dps):
        iv.dps = dps
        c2 = iv.mpf(c.numerator) ** 2 / c.denominator ** 2
        k = iv.mpf(eta.numerator) / (eta.denominator * n)
        l1 = lm = iv.mpf(0)
        for t in range(max_iter + 1):
            z1 = (1 + c2) * l1 - c2 * (n - 1) * lm
            zm = (1 + c2 * (n - 1)) * lm - c2 * l1
            if t >= 1:
                if z1.a > 0 and zm.a > 0:
                    return ReducedRun("lr-gd", t, False, f"mpmath interval, {dps} digits")
                if not (z1.b <= 0 or zm.b <= 0):
                    return ReducedRun("lr-gd", None, False, f"mpmath interval, {dps} digits",
                                      f"stopping test undecided at t = {t}")
            l1 = l1 + k / (1 + iv.exp(z1))
            lm = lm + k / (1 + iv.exp(zm))
    return ReducedRun("lr-gd", None, False, f"mpmath interval, {dps} digits", f"not separated within {max_iter}")


# -- the single unit v w^T a and the diagonal network, exact GP -----------------------
def _gp_exact(name, d, c, gamma, state, operator, signs, max_iter):
    """Iterate q <- q + (gamma/n) M(omega) q exactly, q = N/D with integer N and D.

    operator(N, W1, Wm) returns the integer vector K N with M(omega) = K / (2 cq);
    signs(N) returns the signs of (z_1, z_-). W = 2 omega in {0, 1, 2}.
    """
    c, gamma = Fraction(c), Fraction(gamma)
    check_dimensions(d, c)
    if gamma <= 0:
        raise ValueError("gamma must be positive")
    n = d - 1
    grow = 2 * c.denominator * gamma.denominator * n  # D grows by this factor per step
    gnum = gamma.numerator
    N = list(state)
    degenerate = False
    phases: list = []
    for t in range(max_iter + 1):
        s1, sm = signs(N)
        if not phases or phases[-1][1:] != (s1, sm):
            phases.append((t, s1, sm))
        if t >= 1:
            degenerate |= s1 == 0 or sm == 0
        if s1 > 0 and sm > 0:
            return ReducedRun(name, t, degenerate, "exact", phases=phases)
        KN = operator(N, _weight2(s1), _weight2(sm))
        N = [q * grow + gnum * k for q, k in zip(N, KN)]
        if t % 256 == 255:
            N = _reduce(N)
    return ReducedRun(name, None, degenerate, "exact", f"not separated within {max_iter}", phases)


def _reduce(N: list[int]) -> list[int]:
    """Divide out a common factor; the denominator is implicit, only signs and ratios are used."""
    g = 0
    for q in N:
        g = math.gcd(g, q)
    return [q // g for q in N] if g > 1 else N


def single_unit_gp(d: int, c=1, gamma=1, max_iter: int | None = None) -> ReducedRun:
    """GP for g = v w^T a from w = 0, v = 1; state (x, y, z, v), w = x e_0 + y e_1 + z 1_-."""
    c = Fraction(c)
    cp, cq = c.numerator, c.denominator
    n = d - 1

    def operator(N, W1, Wm):
        x, y, z, v = N
        return [v * (cp * (W1 - (n - 1) * Wm)), v * (W1 * cq), -v * (Wm * cq),
                W1 * (cp * x + cq * y) - (n - 1) * Wm * (cp * x + cq * z)]

    def signs(N):
        x, y, z, v = N
        sv = _sign(v)
        return sv * _sign(cp * x + cq * y), -sv * _sign(cp * x + cq * z)

    return _gp_exact("single-unit-gp", d, c, gamma, [0, 0, 0, 1], operator, signs, max_iter or 16 * d + 1000)


def diagonal_gp(d: int, c=1, gamma=1, max_iter: int | None = None) -> ReducedRun:
    """GP for g = sum_k u_k v_k a_k from u = 0, v = 1; state (u0, v0, u1, v1, u-, v-)."""
    c = Fraction(c)
    cp, cq = c.numerator, c.denominator
    n = d - 1

    def operator(N, W1, Wm):
        u0, v0, u1, v1, um, vm = N
        s0 = cp * (W1 - (n - 1) * Wm)
        return [v0 * s0, u0 * s0, v1 * W1 * cq, u1 * W1 * cq, -vm * Wm * cq, -um * Wm * cq]

    def signs(N):
        u0, v0, u1, v1, um, vm = N
        return _sign(cp * u0 * v0 + cq * u1 * v1), -_sign(cp * u0 * v0 + cq * um * vm)

    return _gp_exact("diagonal-gp", d, c, gamma, [0, 1, 0, 1, 0, 1], operator, signs, max_iter or 16 * d + 1000)


# -- the single unit, GD from alpha (0, 1), certified ----------------------------------
def single_unit_gd(d: int, c=1, gamma=1, alpha=100, dps: int = 30, max_iter: int | None = None,
                   max_dps: int = 240) -> ReducedRun:
    """GD on the logistic loss for v w^T a from w = 0, v = alpha, in mpmath interval arithmetic.

    With theta = alpha u, u follows GP's update with weights sigma(-alpha^2 z(u))
    (GP-REDUCTION, degree 2), so a large alpha should reproduce GP's count.
    """
    c, gamma, alpha = Fraction(c), Fraction(gamma), Fraction(alpha)
    check_dimensions(d, c)
    max_iter = max_iter or 16 * d + 1000
    while True:
        run = _single_unit_gd_iv(d, c, gamma, alpha, dps, max_iter)
        if run.iterations is not None or "undecided" not in run.note or dps >= max_dps:
            return run
        dps *= 2


def _single_unit_gd_iv(d, c, gamma, alpha, dps, max_iter):
    iv = mpmath.iv
    n = d - 1
    how = f"mpmath interval, {dps} digits"
    with mpmath.workdps(dps):
        iv.dps = dps
        cc = iv.mpf(c.numerator) / c.denominator
        r = iv.mpf(gamma.numerator) / (gamma.denominator * n)
        x = y = z = iv.mpf(0)
        v = iv.mpf(alpha.numerator) / alpha.denominator
        for t in range(max_iter + 1):
            s1, sm = cc * x + y, cc * x + z
            z1, zm = v * s1, -v * sm
            if t >= 1:
                if z1.a > 0 and zm.a > 0:
                    return ReducedRun("single-unit-gd", t, False, how)
                if not (z1.b <= 0 or zm.b <= 0):
                    return ReducedRun("single-unit-gd", None, False, how, f"stopping test undecided at t = {t}")
            w1 = 1 / (1 + iv.exp(z1))  # sigma(-z)
            wm = 1 / (1 + iv.exp(zm))
            gx = cc * (w1 - (n - 1) * wm)
            x, y, z, v = (x + r * v * gx, y + r * v * w1, z - r * v * wm,
                          v + r * (w1 * s1 - (n - 1) * wm * sm))
    return ReducedRun("single-unit-gd", None, False, how, f"not separated within {max_iter}")
