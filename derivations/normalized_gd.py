"""NLRGD-BOUND [P1 Thm 6.1]: Normalized LR+GD separates within R^2/mu^2 + 2 log(2n - 1)/(gamma mu^2) steps.

The argument, step by step. The normalized step is a convex combination of the samples: theta_{t+1} =
theta_t + gamma s_t with s_t = sum_i w_i y_i a_i, w_i = p_i / S, p_i = sigma(-z_i), S = sum_i p_i. So
theta*^T theta_T >= gamma T mu (the max-margin direction theta*), and ||theta_{t+1}||^2 = ||theta_t||^2 +
2 gamma theta_t^T s_t + gamma^2 ||s_t||^2, where theta_t^T s_t = sum_i w_i z_i is the potential term.
While theta_t does not separate, some z_k <= 0, so S >= p_k >= 1/2, and by Jensen (log is concave)
sum_i w_i z_i = sum_i w_i log e^{z_i} <= log sum_i w_i e^{z_i} = log((n - S)/S) <= log(2n - 1), because
p_i e^{z_i} = 1 - p_i. Summing, ||theta_T||^2 <= T (2 gamma L + gamma^2 R^2) with L = log(2n - 1), and
Cauchy-Schwarz (gamma T mu)^2 <= ||theta_T||^2 gives the bound. Cited: Jensen's inequality for the
concave log, and the two norm facts (Cauchy-Schwarz, ||s_t|| <= R for a convex combination).
"""

from __future__ import annotations

import sympy as sp

from derivcheck.functions import Sigmoid

from .steps import Derivation


def build() -> Derivation:
    gamma, mu, R = sp.Symbol(r"\gamma", positive=True), sp.Symbol(r"\mu", positive=True), sp.Symbol("R", positive=True)
    n, i = sp.Symbol("n", integer=True, positive=True), sp.Symbol("i", integer=True, positive=True)
    T, t = sp.Symbol("T", positive=True), sp.Symbol("t", nonnegative=True)
    P, Y, A = sp.IndexedBase("p"), sp.IndexedBase("y"), sp.IndexedBase("a")
    D = Derivation(
        "NLRGD-BOUND",
        r"Normalized LR+GD separates within $R^2/\mu^2 + 2\log(2n-1)/(\gamma\mu^2)$ iterations",
        r"$\theta_{t+1} = \theta_t - \gamma\beta_t\nabla f(\theta_t)$, $\beta_t = 1/(\frac1n\sum_i\sigma(-z_i))$, "
        r"$z_i = y_i a_i^\top\theta_t$, $p_i = \sigma(-z_i)$, $S = \sum_i p_i$, $w_i = p_i/S$; one coordinate "
        r"$a_i$ of the samples; $L = \log(2n-1)$.",
    )
    S = sp.Sum(P[i], (i, 1, n))
    grad = -sp.Sum(P[i] * Y[i] * A[i], (i, 1, n)) / n  # one coordinate of grad f (GRAD)
    D.equal(-gamma * (n / S) * grad, gamma * sp.Sum(P[i] / S * Y[i] * A[i], (i, 1, n)),
            "the normalized step is gamma s_t with s_t = sum_i w_i y_i a_i, w_i = p_i / S: convex weights")
    D.equal(sp.Sum(P[i] / S, (i, 1, n)), 1, "the weights sum to 1")
    D.cite(sp.Symbol(r"\theta^{*\top} s_t"), ">=", mu,
           "theta*^T y_i a_i >= mu for every i, so the convex combination s_t has theta*^T s_t >= mu and "
           "||s_t|| <= R (triangle inequality); after T steps theta*^T theta_T >= gamma T mu")
    th = sp.symbols("theta_1:4", real=True)
    s = sp.symbols("s_1:4", real=True)
    sq = lambda v: sum(c * c for c in v)  # noqa: E731
    D.equal(sq([a + gamma * b for a, b in zip(th, s)]), sq(th) + 2 * gamma * sum(a * b for a, b in zip(th, s))
            + gamma**2 * sq(s), "||theta_t + gamma s_t||^2 = ||theta_t||^2 + 2 gamma theta_t^T s_t + gamma^2 ||s_t||^2; "
            "theta_t^T s_t = sum_i w_i z_i is the potential term")
    z, x = sp.Symbol("z", real=True), sp.Symbol("x", nonnegative=True)
    D.equal(Sigmoid(-z) * sp.exp(z), 1 - Sigmoid(-z), "p_i e^{z_i} = 1 - p_i")
    D.equal(sp.Sum(P[i] / S * (1 - P[i]) / P[i], (i, 1, n)), (n - S) / S,
            "so sum_i w_i e^{z_i} = sum_i (1 - p_i)/S = (n - S)/S")
    D.cite(sp.Symbol(r"\sum_i w_i z_i"), "<=", sp.log((n - sp.Symbol("S", positive=True)) / sp.Symbol("S", positive=True)),
           "Jensen's inequality for the concave log: sum_i w_i z_i = sum_i w_i log e^{z_i} <= log sum_i w_i e^{z_i}")
    D.monotone_from(sp.Rational(1, 2), Sigmoid(-(-x)), x, 0,  # noqa: B002  (sigma(-z_k) at z_k = -x, as written)
                    "while theta_t does not separate, some z_k = -x <= 0, and p_k = sigma(x) >= 1/2, so S >= 1/2")
    u = sp.Symbol("u", nonnegative=True)  # S = 1/2 + u
    D.leq((n - (sp.Rational(1, 2) + u)) / (sp.Rational(1, 2) + u), 2 * n - 1,
          "with S = 1/2 + u >= 1/2: (n - S)/S <= 2n - 1, and log is increasing: sum_i w_i z_i <= log(2n - 1) = L")
    L, c = sp.Symbol("L", positive=True), sp.Symbol("c", positive=True)  # c = 2 gamma L + gamma^2 R^2 per step
    D.leq(t * c + c, (t + 1) * c, "so each step before separation adds at most c = 2 gamma L + gamma^2 R^2 to "
          "||theta_t||^2: ||theta_t||^2 <= t c by induction from theta_0 = 0")
    bound = R**2 / mu**2 + 2 * L / (gamma * mu**2)
    D.equal((2 * gamma * L + gamma**2 * R**2) / (gamma**2 * mu**2), bound,
            "Cauchy-Schwarz: (gamma T mu)^2 <= (theta*^T theta_T)^2 <= ||theta_T||^2 <= T c, so T <= c/(gamma mu)^2")
    e = sp.Symbol("e", nonnegative=True)  # T c - (gamma T mu)^2 = e >= 0, written out: T = bound - e/(gamma mu)^2 T
    D.leq(bound - e / (gamma**2 * mu**2 * T), bound,
          "T = c/(gamma mu)^2 - e/(gamma^2 mu^2 T) with e = T c - (gamma T mu)^2 >= 0: "
          "T <= R^2/mu^2 + 2 log(2n - 1)/(gamma mu^2)")
    return D
