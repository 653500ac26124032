"""ACCEL: on A_d, linear batch/GD methods need Omega(d) steps; the single unit's first phase lasts ~2n/gamma^2.

Proved here: the reduction to the invariant subspace (sums over the n - 1
negatives with symbolic n), the linear margins from the Gram matrix
c^2 11^T + I, the lambda lower bound, BP's closed form and exact count, the
eigen-analysis of the single unit's rare-sample phase (M = [[0, G], [G^T, 0]],
eigenvalues +-||G||), its closed form by induction, and the length of that
phase with its limit 2n/gamma^2. What follows (the catapult step, the second phase,
about n/(2 gamma^2) steps, and the proved total T <= T_bar) is derived in accel_phase2.
"""

from __future__ import annotations

import sympy as sp

from . import accel_phase2
from .steps import Derivation


def build() -> Derivation:
    n = sp.Symbol("n", integer=True, positive=True)
    i, k = sp.Symbol("i", integer=True), sp.Symbol("k", integer=True, nonnegative=True)
    c, eta, gamma = sp.symbols("c eta gamma", positive=True)
    x, y, z, v = sp.symbols("x y z v", real=True)
    w1, wm = sp.symbols(r"omega_1 omega_-", nonnegative=True)
    D = Derivation(
        "ACCEL",
        r"Implicit acceleration on $A_d$: $\Omega(d)$ for linear methods, $\sim 2n/\gamma^2$ for the single unit's "
        r"first phase",
        r"$A_d$: $a_i = c e_0 + e_i$ ($i = 1..n$, $n = d-1$), $y_1 = +1$, $y_i = -1$ for $i \ge 2$; "
        r"$\mathbf 1_- = \sum_{j\ge2} e_j$; GP weights $\omega_i \in \{0, \tfrac12, 1\}$ "
        r"(GD: $\sigma(-z_i)$), equal for all negatives by symmetry.",
    )
    # -- the invariant subspace -------------------------------------------------
    D.equal(sp.Sum(c * (-wm), (i, 2, n)) + c * w1, c * (w1 - (n - 1) * wm),
            r"e_0-coefficient of sum_i omega_i y_i a_i: the update of x stays in span(e_0, e_1, 1_-)")
    D.equal(sp.Sum(-wm * (c * x + z), (i, 2, n)) + w1 * (c * x + y), w1 * (c * x + y) - (n - 1) * wm * (c * x + z),
            r"sum_i omega_i y_i w^T a_i for w = x e_0 + y e_1 + z 1_- (w^T a_j = c x + z for every j >= 2): "
            r"the update of v depends on (x, y, z, v) only")
    # -- linear methods: margins from the Gram matrix, lambda lower bound ------------
    lam1, Lm = sp.symbols(r"lambda_1 Lambda_-", nonnegative=True)  # Lambda_- = sum_{j>=2} lambda_j
    lam = sp.IndexedBase("lambda")
    D.equal(lam1 * (c**2 + 1) + sp.Sum(-c**2 * lam[i], (i, 2, n)), (1 + c**2) * lam1 - c**2 * sp.Sum(lam[i], (i, 2, n)),
            "z_1 = sum_i lambda_i y_1 y_i a_1^T a_i with a_1^T a_1 = 1 + c^2, a_1^T a_i = c^2")
    z1 = (1 + c**2) * lam1 - c**2 * Lm
    t = sp.Symbol("t", positive=True)
    s1, s2 = sp.symbols("s_1 s_2", nonnegative=True)  # slacks: lambda_1 = (eta/n)(t - 1/2) - s1, ...
    bound = eta / n * ((1 + c**2) * (t - sp.Rational(1, 2)) - c**2 * (n - 1) / 2)
    D.leq(z1.subs({lam1: eta / n * (t - sp.Rational(1, 2)) - s1, Lm: (n - 1) * eta / (2 * n) + s2}), bound,
          r"lambda_1 <= (eta/n)(t - 1/2) (first step weight 1/2, then <= 1 per step) and "
          r"lambda_j >= eta/(2n) for every negative: any linear method from 0 (BP, LR+GD at any eta)")
    D.equal(bound * 2 * n / eta, (2 * t - 1) * (1 + c**2) - c**2 * (n - 1),
            r"so z_1(theta_t) > 0 needs (2t - 1)(1 + c^2) > c^2 (n - 1)")
    D.equal(((2 * t - 1) * (1 + c**2) - c**2 * (n - 1)).subs(c, 1), 4 * t - (n + 1),
            r"c = 1: t > (n + 1)/4 = d/4, i.e. at least floor(d/4) + 1 iterations: Omega(d)",
            name=r"\left.(2t - 1)(1 + c^2) - c^2 (n - 1)\right|_{c = 1}")
    # -- BP's closed form and count (c = 1) ---------------------------------------
    l1 = lambda j: (1 + 2 * j) / (2 * n)  # noqa: E731
    z1k = (2 * l1(k) - (n - 1) / (2 * n))
    zmk = (n / (2 * n) - l1(k))  # (1 + (n - 1)) lambda_- - lambda_1 with lambda_- = 1/(2n)
    D.equal(l1(k) + 1 / n, l1(k + 1),
            "induction: while only the rare sample is wrong, BP adds 1/n to lambda_1 and nothing else")
    D.equal(z1k, (4 * k + 3 - n) / (2 * n), "rare margin after k rare steps (c = 1)")
    D.equal(zmk, (n - 1 - 2 * k) / (2 * n), "every negative's margin after k rare steps (c = 1)")
    q, r = sp.Symbol("q", integer=True, positive=True), sp.Symbol("r", integer=True, nonnegative=True)
    D.equal(z1k.subs(k, q - 1).subs(q, (n + 1 - r) / 4), -r / (2 * n),
            r"d = n + 1 = 4q + r, 0 <= r <= 3: at k = q - 1 the rare margin is -r/(2n) <= 0, exactly 0 iff 4 | d "
            r"(degenerate)")
    s_ = sp.Symbol("j", integer=True, nonnegative=True)  # r = 3 - j
    D.equal(z1k.subs(k, q).subs(q, (n + 1 - r) / 4), (4 - r) / (2 * n), "at k = q the rare margin is (4 - r)/(2n)")
    D.leq(0, ((4 - r) / (2 * n)).subs(r, 3 - s_),
          r"which is > 0 (r <= 3): BP stops at t = q + 1 = floor(d/4) + 1, the lambda bound exactly", strict=True)
    u = sp.Symbol("l", integer=True, nonnegative=True)  # n = 4 + l
    D.decreasing(zmk, k, "the negatives' margin decreases in k")
    D.leq(0, zmk.subs(k, (n + 1) / 4).subs(n, 4 + u),
          r"and is still (n - 3)/(4n) > 0 at k = (n + 1)/4 >= q (n >= 4): the negatives stay correct", strict=True)
    # -- the single unit: eigen-analysis of the rare-sample phase ------------------------
    g1, g2, g3, mu = sp.symbols("g_1 g_2 g_3 mu", real=True)
    G = sp.Matrix([g1, g2, g3])
    M = sp.zeros(4, 4)
    M[:3, 3] = G
    M[3, :3] = G.T
    D.equal((mu * sp.eye(4) - M).det(), mu**2 * (mu**2 - (g1**2 + g2**2 + g3**2)),
            r"M = [[0, G], [G^T, 0]] (d = 3 instance): characteristic polynomial mu^{d-1}(mu^2 - ||G||^2), "
            r"so the eigenvalues are +||G||, -||G|| and 0")
    g = sp.Symbol("g", positive=True)  # ||G|| = sqrt(1 + c^2)/n
    M2 = sp.Matrix([[0, g], [g, 0]])
    D.equal(M2 * sp.Matrix([1, 1]), g * sp.Matrix([1, 1]), r"on (alpha, v), alpha = w^T G/||G||: eigenvalue +||G||",
            name=r"M (1, 1)^\top")
    D.equal(M2 * sp.Matrix([1, -1]), -g * sp.Matrix([1, -1]), r"eigenvalue -||G||", name=r"M (1, -1)^\top")
    al0, v0 = sp.symbols(r"alpha_1 v_1", real=True)
    A, B = (al0 + v0) / 2, (al0 - v0) / 2
    closed = lambda j: A * sp.Matrix([1, 1]) * (1 + gamma * g) ** j + B * sp.Matrix([1, -1]) * (1 - gamma * g) ** j  # noqa: E731
    D.equal(closed(0), sp.Matrix([al0, v0]), "closed form, base: k = 0 gives (alpha_1, v_1)",
            name=r"A (1, 1)^\top + B (1, -1)^\top")
    D.equal((sp.eye(2) + gamma * M2) * closed(k), closed(k + 1),
            r"closed form, step: (alpha, v) <- (I + gamma M)(alpha, v) while G = a_1/n is constant "
            r"(only the rare sample wrong); w's part orthogonal to G does not move")
    a_mag = sp.Symbol("a", positive=True)  # |alpha_1| > 1
    lp, lm_ = 1 + gamma * g, 1 - gamma * g
    # the regime of the phase: lambda_pm = 1 +- gamma||G|| > 0 (gamma||G|| < 1) and A, B < 0 (shown below)
    Ak, Bk = sp.symbols("A B", negative=True)
    lam_p, lam_m = sp.symbols(r"lambda_+ lambda_-", positive=True)
    D.equal(Ak * lam_p**k - Bk * lam_m**k, Ak * lam_m**k * ((lam_p / lam_m) ** k - Bk / Ak),
            r"with lambda_pm = 1 +- gamma||G|| > 0 (gamma||G|| < 1): v_k = A lambda_+^k - B lambda_-^k vanishes where "
            r"(lambda_+/lambda_-)^k = B/A")
    D.equal((B / A).subs({al0: -a_mag, v0: 1}), (a_mag + 1) / (a_mag - 1),
            r"with alpha_1 = -|alpha_1| < -1 and v_1 = 1: B/A = (|alpha_1| + 1)/(|alpha_1| - 1) > 1, "
            r"and A, B < 0, so v turns negative and alpha v > 0 (the rare margin turns positive)",
            name=r"\left.\frac{B}{A}\right|_{\alpha_1 = -|\alpha_1|,\ v_1 = 1}")
    kstar = sp.log((a_mag + 1) / (a_mag - 1)) / sp.log(lp / lm_)
    D.equal(sp.exp(kstar * sp.log(lp / lm_)), (a_mag + 1) / (a_mag - 1),
            r"so v crosses 0 at k* = log((|alpha_1| + 1)/(|alpha_1| - 1)) / log((1 + gamma||G||)/(1 - gamma||G||))",
            name=r"\left(\lambda_+/\lambda_-\right)^{k^*}")
    # c = 1: alpha_1 = gamma z_1(p_1)/||a_1|| = -gamma (n - 3)/(2 sqrt 2 n), ||G|| = sqrt 2 / n
    k_of_n = kstar.subs({a_mag: gamma * (n - 3) / (2 * sp.sqrt(2) * n), g: sp.sqrt(2) / n})
    D.limit((k_of_n * gamma**2 / n).subs(gamma, n ** sp.Rational(1, 4)), n, sp.oo, 2,
            r"gamma = d^{1/4}: the phase lasts k* ~ 2n/gamma^2 = O(sqrt d) steps")
    D.limit((k_of_n * gamma**2 / n).subs(gamma, n ** sp.Rational(1, 3)), n, sp.oo, 2,
            r"the same 2n/gamma^2 for gamma = n^{1/3} (any gamma -> oo with gamma = o(sqrt n))")
    accel_phase2.extend(D, n, gamma)
    return D
