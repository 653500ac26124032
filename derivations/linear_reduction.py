"""LIN-REDUCTION and LIN-REDUCTION-RATE: GD/gamma is the Batch Perceptron as gamma -> oo.

The identities are proved per coordinate j with symbolic n and d (SymPy sums),
so they hold for every data set; the limit and rate steps are proved for a
generic margin m > 0 (a negative margin is the mirror case, SIG-LIMIT).
"""

from __future__ import annotations

import sympy as sp

from derivcheck.functions import Sigmoid

from .steps import Derivation


def _symbols():
    gamma = sp.Symbol(r"\gamma", positive=True)
    i, k, j = sp.symbols("i k j", integer=True, positive=True)
    n, d = sp.symbols("n d", integer=True, positive=True)
    Y, A = sp.IndexedBase("y"), sp.IndexedBase("a")
    return gamma, i, k, j, n, d, Y, A


def build() -> Derivation:
    gamma, i, k, j, n, d, Y, A = _symbols()
    theta, u = sp.IndexedBase(r"\theta"), sp.IndexedBase("u")
    D = Derivation(
        "LIN-REDUCTION",
        r"Linear model: $\theta_t/\gamma$ follows the Batch Perceptron as $\gamma\to\infty$",
        r"Linear $g(a;\theta) = a^\top\theta$, $\theta_0 = 0$, $u_t = \theta_t/\gamma$; one coordinate $j$, symbolic $n, d$.",
    )
    margin = lambda vec: sp.Sum(A[i, k] * vec[k], (k, 1, d))  # noqa: E731  (a_i^T vec)
    gd = theta[j] - gamma * (-sp.Sum(Sigmoid(-Y[i] * margin(theta)) * Y[i] * A[i, j], (i, 1, n)) / n)
    D.equal(gd, theta[j] + gamma / n * sp.Sum(Sigmoid(-Y[i] * margin(theta)) * Y[i] * A[i, j], (i, 1, n)),
            "GD step with the gradient of GRAD", name=r"\theta_{t+1, j} = \theta_j - \gamma\, \partial_j f(\theta)")
    D.equal(sp.Sum(A[i, k] * gamma * u[k], (k, 1, d)), gamma * margin(u),
            "theta_t = gamma u_t: the margin scales by gamma")
    step_u = (gamma * u[j] + gamma / n * sp.Sum(Sigmoid(-gamma * Y[i] * margin(u)) * Y[i] * A[i, j], (i, 1, n))) / gamma
    D.equal(step_u, u[j] + sp.Sum(Sigmoid(-gamma * Y[i] * margin(u)) * Y[i] * A[i, j], (i, 1, n)) / n,
            "divide by gamma: u_{t+1} = u_t + (1/n) sum_i sigma(-gamma y_i a_i^T u_t) y_i a_i, exactly",
            name=r"\theta_{t+1}/\gamma \text{ at } \theta_t = \gamma u")
    base = D.equal(sp.Sum(Sigmoid(-gamma * Y[i] * 0) * Y[i] * A[i, j], (i, 1, n)) / n,
            sp.Sum(Y[i] * A[i, j], (i, 1, n)) / (2 * n),
            "u_0 = 0: every weight is sigma(0) = 1/2, so u_1 = p_1, the half step of BP")
    z, m = sp.Symbol("z", positive=True), sp.Symbol("m", positive=True)
    D.decreasing(Sigmoid(-gamma * z), z, "the weight decreases in the margin z")
    D.limit(Sigmoid(-gamma * m / 2), gamma, sp.oo, 0,
            "once u_t is within |m|/(2R) of p_t, a margin m of p_t gives weights -> 1[m<0] (mirror for m < 0)")
    lemma = _one_step_lemma(D, gamma, i, j, n, Y, A)
    D.induction(sp.Symbol("e_t", nonnegative=True), "<=",
                sp.Symbol("C_t", positive=True) * sp.exp(-gamma * sp.Symbol("c_t", positive=True)),
                "for every t <= T (BP's margins nonzero up to T), e_t = ||u_t - p_t||: by induction, so u_t -> p_t as "
                "gamma -> oo "
                "(constants: LIN-REDUCTION-RATE)", base, lemma)
    return D


def _one_step_lemma(D: Derivation, gamma, i, j, n, Y, A) -> list:
    """If ||u_t - p_t|| <= C e^{-gamma c} (c > 0) and p_t has no margin exactly 0 (m = min_i |m_i| > 0), then
    ||u_{t+1} - p_{t+1}|| <= (C + R) e^{-gamma c_{t+1}} with c_{t+1} = min(c, m/2) > 0, for every gamma >= log(2RC/m)/c."""
    u, p, w, b = sp.IndexedBase("u"), sp.IndexedBase("p"), sp.IndexedBase("w"), sp.IndexedBase("b")
    C, c, m, R, s = sp.symbols("C c m R s", positive=True)
    steps = [D.equal((u[j] + sp.Sum(w[i] * Y[i] * A[i, j], (i, 1, n)) / n) - (p[j] + sp.Sum(b[i] * Y[i] * A[i, j], (i, 1, n)) / n),
                     (u[j] - p[j]) + sp.Sum((w[i] - b[i]) * Y[i] * A[i, j], (i, 1, n)) / n,
                     "one-step lemma. Hypothesis: ||u_t - p_t|| <= C e^{-gamma c}, m = min_i |m_i| > 0 (m_i the margins "
                     "of p_t). With w_i = sigma(-gamma z_i), b_i = 1[m_i <= 0]: delta_{t+1} = delta_t + "
                     "(1/n) sum_i (w_i - b_i) y_i a_i")]
    x = sp.Symbol("x", nonnegative=True)
    steps.append(D.cite(sp.Abs(sp.Symbol("z_i") - sp.Symbol("m_i")), "<=", R * sp.Symbol("e_t"),
                        "Cauchy-Schwarz: z_i = m_i + y_i a_i^T delta_t, so |z_i - m_i| <= R e_t"))
    steps.append(D.leq(Sigmoid(-gamma * x), sp.exp(-gamma * x),
                       "for m_i > 0: |w_i - b_i| = sigma(-gamma z_i) <= e^{-gamma z_i} (z_i >= 0)",
                       certificate=sp.exp(-2 * gamma * x) / (1 + sp.exp(-gamma * x))))
    steps.append(D.equal(1 - Sigmoid(-gamma * (-x)), Sigmoid(-gamma * x),
                         "for m_i < 0 the mirror: |w_i - b_i| = 1 - sigma(gamma|z_i|) = sigma(-gamma|z_i|)"))
    steps.append(D.cite(sp.Symbol("e_{t+1}"), "<=", sp.Symbol("e_t") + R * sp.exp(-gamma * (m - R * sp.Symbol("e_t"))),
                        "triangle inequality, while R e_t < m: ||delta_{t+1}|| <= e_t + R max_i |w_i - b_i|"))
    gamma0 = sp.log(2 * R * C / m) / c
    steps.append(D.equal(R * C * sp.exp(-(gamma0 + s) * c), m / 2 * sp.exp(-c * s),
                         "for gamma = log(2RC/m)/c + s with s >= 0, the hypothesis gives R e_t <= R C e^{-gamma c}, and"))
    steps.append(D.monotone_from(m / 2 * sp.exp(-c * s), m / 2, s, 0,
                                 "so R e_t <= m/2: the triangle step applies, and m - R e_t >= m/2"))
    steps.append(D.decreasing(sp.exp(-gamma * x), x,
                              "e^{-gamma x} decreases in x: R e^{-gamma(m - R e_t)} <= R e^{-gamma m/2}, and with "
                              "c_{t+1} = min(c, m/2): C e^{-gamma c} + R e^{-gamma m/2} <= (C + R) e^{-gamma c_{t+1}}, "
                              "the hypothesis again at t + 1"))
    cp = sp.Symbol("c_{t+1}", positive=True)
    steps.append(D.limit((C + R) * sp.exp(-gamma * cp), gamma, sp.oo, 0,
                         "so ||u_{t+1} - p_{t+1}|| -> 0 as gamma -> oo"))
    return steps


def build_rate() -> Derivation:
    gamma, i, k, j, n, d, Y, A = _symbols()
    u, p, w, b = sp.IndexedBase("u"), sp.IndexedBase("p"), sp.IndexedBase("w"), sp.IndexedBase("b")
    D = Derivation(
        "LIN-REDUCTION-RATE",
        r"The gap $\|\theta_t/\gamma - p_t\|$ is exponentially small in $\gamma$",
        r"$w_i = \sigma(-\gamma z_i)$ the GD weights, $b_i = 1[i \in S_t]$ the BP weights, "
        r"$z_i = y_i a_i^\top u_t$, $m_i = y_i a_i^\top p_t$, $m_t = \min_i |m_i| > 0$, $e_t = \|u_t - p_t\|$, $R = \max_i\|a_i\|$.",
    )
    gd = u[j] + sp.Sum(w[i] * Y[i] * A[i, j], (i, 1, n)) / n
    bp = p[j] + sp.Sum(b[i] * Y[i] * A[i, j], (i, 1, n)) / n
    D.equal(gd - bp, (u[j] - p[j]) + sp.Sum((w[i] - b[i]) * Y[i] * A[i, j], (i, 1, n)) / n,
            "delta_{t+1} = delta_t + (1/n) sum_i (w_i - b_i) y_i a_i")
    a1, a2, a3, x1, x2, x3 = sp.symbols("a_1 a_2 a_3 delta_1 delta_2 delta_3", real=True)
    dot, na, nx = a1 * x1 + a2 * x2 + a3 * x3, a1**2 + a2**2 + a3**2, x1**2 + x2**2 + x3**2
    D.cite(sp.Abs(sp.Symbol("z_i") - sp.Symbol("m_i")), "<=", sp.Symbol("R") * sp.Symbol("e_t"),
           "Cauchy-Schwarz: |y_i a_i^T delta_t| <= ||a_i|| ||delta_t||",
           instance=(dot**2, na * nx, (a1 * x2 - a2 * x1) ** 2 + (a1 * x3 - a3 * x1) ** 2 + (a2 * x3 - a3 * x2) ** 2))
    x = sp.Symbol("x", nonnegative=True)
    D.leq(Sigmoid(-gamma * x), sp.exp(-gamma * x), "|w_i - b_i| = sigma(-gamma|z_i|) <= e^{-gamma|z_i|} (SIG-LIMIT)",
          certificate=sp.exp(-2 * gamma * x) / (1 + sp.exp(-gamma * x)))
    D.decreasing(sp.exp(-gamma * x), x,
                 "|z_i| >= m_t - R e_t > 0, so e^{-gamma|z_i|} <= e^{-gamma(m_t - R e_t)}")
    e, R, mt = sp.Symbol("e_t", nonnegative=True), sp.Symbol("R", positive=True), sp.Symbol("m_t", positive=True)
    D.cite(sp.Symbol("e_{t+1}"), "<=", e + R * sp.exp(-gamma * (mt - R * e)),
           "triangle inequality: ||(1/n) sum_i (w_i - b_i) y_i a_i|| <= R max_i |w_i - b_i|")
    c = sp.Symbol("c", positive=True)  # c = m_t - R e_t > 0
    D.limit(R * sp.exp(-gamma * c), gamma, sp.oo, 0, "each step adds a gap exponentially small in gamma")
    C = sp.Symbol("C", positive=True)
    D.limit(C * sp.exp(-gamma * c), gamma, sp.oo, 0,
            "induction: if e_t <= C e^{-gamma c}, then R e_t <= m_t/2 for large gamma")
    D.limit(R * sp.exp(-gamma * mt / 2), gamma, sp.oo, 0,
            "and then e_{t+1} - e_t <= R e^{-gamma m_t/2} -> 0: the gap stays exponentially small")
    return D
