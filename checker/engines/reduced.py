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
sigma(-z) are transcendental; GD runs against an arithmetic context (Arb balls by
default, mpmath intervals on request), and the only sign GD needs, the stopping
test, is decided from the enclosures or the run is repeated at higher precision.
"""

from __future__ import annotations

import math
from fractions import Fraction

from checker.arith import Undecided, escalate
from checker.data.accel_family import check_dimensions
from checker.engines.run import Run
from checker.progress import tick


def ReducedRun(algorithm: str, iterations: int | None, degenerate: bool, arithmetic: str, note: str = "",
               phases: list | None = None) -> Run:  # noqa: N802  (reads like the type it builds)
    """A `Run` of the reduced dynamics; `steps` holds the phases (t, sign z_1, sign z_-) where the sign pattern
    changes (GP), and `degenerate` a margin exactly 0 on the way (exact engines only)."""
    return Run(algorithm, iterations, iterations is not None, arithmetic, degenerate=degenerate, note=note,
               steps=list(phases or []))


def _sign(x) -> int:
    return (x > 0) - (x < 0)


def _weight2(sign: int) -> int:
    """Twice the GP weight of a sample with a margin of this sign: 2, 1 (a tie), 0."""
    return 1 - sign


# -- linear methods -------------------------------------------------------------
def batch_perceptron(d: int, c=1, max_iter: int | None = None) -> Run:
    """BP with lambda = (1 + 2k)/(2n) per sample, k its mistake count; margins as exact integers."""
    c = Fraction(c)
    check_dimensions(d, c)
    n = d - 1
    cp2, cq2 = c.numerator ** 2, c.denominator ** 2
    k1 = km = 0  # 2n lambda = 1 + 2k
    degenerate = False
    max_iter = max_iter or 4 * d
    label = f"A_{d}: batch-perceptron, exact"
    for t in range(1, max_iter + 1):
        tick(t, label)
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


def perceptron(d: int, c=1, max_updates: int = 10_000) -> Run:
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
    label = f"A_{d}: perceptron, exact"
    for t in range(max_updates + 1):
        tick(t, label)
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


def lr_gd(d: int, c=1, eta=1, max_iter: int | None = None, arith: str | None = None, dps: int = 20) -> Run:
    """LR+GD from 0 with step eta: lambda += (eta/n) sigma(-z), certified by enclosures (see `_lr_gd_at`)."""
    c, eta = Fraction(c), Fraction(eta)
    check_dimensions(d, c)
    max_iter = max_iter or 64 * d + 1000
    return _decided_or_reported("lr-gd", lambda: escalate(lambda ctx: _lr_gd_at(ctx, d, c, eta, max_iter), arith, dps))


def _decided_or_reported(name: str, attempt) -> Run:
    """A stopping test still undecided at the precision cap is a result (iterations None, with the reason)."""
    try:
        return attempt()
    except Undecided as exc:
        return ReducedRun(name, None, False, "undecided", f"{exc} (precision cap reached)")


def _lr_gd_at(ctx, d, c, eta, max_iter):
    """LR+GD in (lambda_1, lambda_-), each an enclosure.

    Naive ball steps lose the contraction of GD (a larger lambda_- gives a larger
    z_- and a smaller increment) and their widths grow exponentially. The map
    F(lambda_1, lambda_-) is increasing in both coordinates whenever k A sigma' <= 1
    and k C sigma' <= 1 on the box (k = eta/n), so then the box's image lies between
    F(lower corner) and F(upper corner), each evaluated in ball arithmetic; steps
    where that test is not certified use the naive enclosure.
    """
    n = d - 1
    c2 = c * c
    A, B, C, E = (ctx.num(q) for q in (1 + c2, c2 * (n - 1), 1 + c2 * (n - 1), c2))
    k = ctx.num(eta / n)
    one = ctx.num(1)

    def margins(l1, lm):
        return A * l1 - B * lm, C * lm - E * l1

    def F(l1, lm):
        z1, zm = margins(l1, lm)
        return l1 + k * ctx.sigma_neg(z1), lm + k * ctx.sigma_neg(zm)

    def sigma_prime(z):  # sigma'(z) = sigma(z) sigma(-z), enclosed over the whole ball
        s = ctx.sigma_neg(z)
        return s * (1 - s)

    # sigma' <= 1/4 everywhere: where k A <= 4 (and k C <= 4) the test holds on every box, decided once, exactly
    always1, always_m = eta / n * (1 + c2) <= 4, eta / n * (1 + c2 * (n - 1)) <= 4
    l1 = lm = ctx.num(0)
    label = f"A_{d}: lr-gd gamma={eta}, {ctx.describe()}"
    for t in range(max_iter + 1):
        tick(t, label)
        z1, zm = margins(l1, lm)
        if t >= 1:
            if ctx.sign(z1) == 1 and ctx.sign(zm) == 1:
                return ReducedRun("lr-gd", t, False, ctx.describe())
            if not (ctx.nonpositive(z1) or ctx.nonpositive(zm)):
                raise Undecided(f"LR+GD's stopping test is undecided at t = {t}")
        monotone = ((always1 or ctx.sign(one - k * A * sigma_prime(z1)) in (0, 1))
                    and (always_m or ctx.sign(one - k * C * sigma_prime(zm)) in (0, 1)))
        if monotone:
            lo = F(ctx.lower(l1), ctx.lower(lm))
            hi = F(ctx.upper(l1), ctx.upper(lm))
            l1, lm = ctx.union(lo[0], hi[0]), ctx.union(lo[1], hi[1])
        else:
            l1, lm = F(l1, lm)
    return ReducedRun("lr-gd", None, False, ctx.describe(), f"not separated within {max_iter}")


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
    label = f"A_{d}: {name}, exact"
    for t in range(max_iter + 1):
        tick(t, label)
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


def single_unit_gp(d: int, c=1, gamma=1, max_iter: int | None = None) -> Run:
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


def diagonal_gp(d: int, c=1, gamma=1, max_iter: int | None = None) -> Run:
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


# -- the single unit, GD from alpha (0, 1), certified ------------------------------------
def single_unit_gd(d: int, c=1, gamma=1, alpha=100, dps: int = 30, max_iter: int | None = None,
                   arith: str | None = None) -> Run:
    """GD on the logistic loss for v w^T a from w = 0, v = alpha, in ball arithmetic.

    With theta = alpha u, u follows GP's update with weights sigma(-alpha^2 z(u))
    (GP-REDUCTION, degree 2), so a large alpha should reproduce GP's count.
    """
    c, gamma, alpha = Fraction(c), Fraction(gamma), Fraction(alpha)
    check_dimensions(d, c)
    max_iter = max_iter or 16 * d + 1000
    return _decided_or_reported("single-unit-gd", lambda: escalate(
        lambda ctx: _single_unit_gd_at(ctx, d, c, gamma, alpha, max_iter), arith, dps))


def _single_unit_gd_at(ctx, d, c, gamma, alpha, max_iter):
    n = d - 1
    cc = ctx.num(c)
    r = ctx.num(gamma / n)
    x = y = z = ctx.num(0)
    v = ctx.num(alpha)
    label = f"A_{d}: single-unit gd gamma={gamma}, {ctx.describe()}"
    for t in range(max_iter + 1):
        tick(t, label)
        s1, sm = cc * x + y, cc * x + z
        z1, zm = v * s1, -(v * sm)
        if t >= 1:
            if ctx.sign(z1) == 1 and ctx.sign(zm) == 1:
                return ReducedRun("single-unit-gd", t, False, ctx.describe())
            if not (ctx.nonpositive(z1) or ctx.nonpositive(zm)):
                raise Undecided(f"the stopping test is undecided at t = {t}")
        w1, wm = ctx.sigma_neg(z1), ctx.sigma_neg(zm)
        gx = cc * (w1 - (n - 1) * wm)
        x, y, z, v = (x + r * v * gx, y + r * v * w1, z - r * v * wm,
                      v + r * (w1 * s1 - (n - 1) * wm * sm))
    return ReducedRun("single-unit-gd", None, False, ctx.describe(), f"not separated within {max_iter}")
