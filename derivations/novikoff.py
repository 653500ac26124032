"""Novikoff's argument for the three perceptron variants (PERCEPTRON-, NBP-, BP-BOUND).

With theta* a unit max-margin direction (theta*^T y_i a_i >= mu) and a step s_t that
adds mistakes (y_i a_i^T p_t <= 0): ||p_t||^2 grows by at most ||s_t||^2 and
theta*^T p_t by at least the step's share of mu; Cauchy-Schwarz
(theta*^T p <= ||p||) then caps the number of steps.
"""

from __future__ import annotations

import sympy as sp

from .steps import Derivation


def _one_step(D: Derivation, scale_note: str):
    """||p + s||^2 = ||p||^2 + 2 p.s + ||s||^2 <= ||p||^2 + ||s||^2 when p.s <= 0 (coordinates in d = 3)."""
    p = sp.symbols("p_1:4", real=True)
    s = sp.symbols("s_1:4", real=True)
    sq = lambda v: sum(c * c for c in v)  # noqa: E731
    dot = sum(a * b for a, b in zip(p, s))
    D.equal(sq([a + b for a, b in zip(p, s)]), sq(p) + 2 * dot + sq(s), "expand the squared norm after one step")
    q = sp.Symbol("q", nonnegative=True)  # p.s = -q <= 0: the step adds mistakes
    P2, S2 = sp.Symbol(r"\|p_t\|^2", nonnegative=True), sp.Symbol(r"\|s_t\|^2", nonnegative=True)
    D.leq(P2 - 2 * q + S2, P2 + S2, f"mistakes have p_t . y_i a_i <= 0, so the cross term is <= 0; {scale_note}")


def build_classical() -> Derivation:
    T, mu, e = sp.Symbol("T", positive=True), sp.Symbol(r"\mu", positive=True), sp.Symbol("e", nonnegative=True)
    D = Derivation("PERCEPTRON-BOUND", "Novikoff: the Perceptron makes at most $R^2/\\mu^2$ updates",
                   r"$p_{t+1} = p_t + y_ia_i$ for a mistake $i$; after $T$ updates $\|p_T\|^2\le TR^2$ and "
                   r"$\theta^{*\top}p_T\ge T\mu$.")
    _one_step(D, "||y_i a_i||^2 <= R^2")
    # (T mu)^2 <= ||p_T||^2 <= T R^2: write R^2 = T mu^2 + e / T with e >= 0
    R2 = T * mu**2 + e / T
    D.leq(T, R2 / mu**2, "Cauchy-Schwarz T mu <= ||p_T|| <= sqrt(T) R gives T <= R^2/mu^2 (R^2 = T mu^2 + e/T, e >= 0)")
    return D


def build_normalized() -> Derivation:
    T, mu, e = sp.Symbol("T", positive=True), sp.Symbol(r"\mu", positive=True), sp.Symbol("e", nonnegative=True)
    D = Derivation("NBP-BOUND", "Normalized Batch Perceptron: at most $R^2/\\mu^2$ iterations",
                   r"$s_t = \frac{1}{|S_t|}\sum_{i\in S_t} y_ia_i$, a convex combination of mistakes "
                   r"($p_1$ is the mean of all samples, every one a mistake at $p_0 = 0$).")
    _one_step(D, "a convex combination has ||s_t|| <= R")
    x = sp.symbols("x_1:3", positive=True)  # theta*.y_i a_i = mu + x_i for two mistakes
    D.equal((mu + x[0] + mu + x[1]) / 2 - mu, (x[0] + x[1]) / 2, "theta*.s_t - mu is an average of nonnegative excesses",
            name=r"\frac{(\mu + x_1) + (\mu + x_2)}{2} - \mu")
    D.leq(mu, (mu + x[0] + mu + x[1]) / 2, "so theta*.s_t >= mu: after T steps theta*.p_T >= T mu")
    R2 = T * mu**2 + e / T
    D.leq(T, R2 / mu**2, "as for the Perceptron: T <= R^2/mu^2")
    return D


def build_batch() -> Derivation:
    n = sp.Symbol("n", integer=True, positive=True)
    mu, e = sp.Symbol(r"\mu", positive=True), sp.Symbol("e", nonnegative=True)
    S = sp.Symbol(r"\Sigma", nonnegative=True)  # Sigma = sum_t |S_t|/n over the T - 1 steps after p_1
    D = Derivation("BP-BOUND", "Batch Perceptron: at most $nR^2/\\mu^2$ iterations",
                   r"$p_1 = \frac{1}{2n}\sum_i y_ia_i$, $s_t = \frac1n\sum_{i\in S_t}y_ia_i$ with $|S_t|/n\in[1/n,1]$; "
                   r"$\Sigma = \sum_{t<T}|S_t|/n \ge (T-1)/n$.")
    _one_step(D, "||s_t||^2 <= (|S_t|/n)^2 R^2 <= (|S_t|/n) R^2")
    # ||p_T||^2 <= R^2 (1/4 + Sigma) and theta*.p_T >= mu (1/2 + Sigma); Cauchy-Schwarz:
    # mu^2 (Sigma + 1/2)^2 <= R^2 (Sigma + 1/4): write R^2 = mu^2 (Sigma+1/2)^2/(Sigma+1/4) + e
    D.equal((S + sp.Rational(1, 2)) ** 2, (S + sp.Rational(1, 4)) * (S + sp.Rational(3, 4)) + sp.Rational(1, 16),
            "(Sigma + 1/2)^2 = (Sigma + 1/4)(Sigma + 3/4) + 1/16")
    R2 = mu**2 * (S + sp.Rational(1, 2)) ** 2 / (S + sp.Rational(1, 4)) + e
    D.leq(S + sp.Rational(3, 4), R2 / mu**2, "so Sigma + 3/4 < R^2/mu^2", strict=True)
    T = sp.Symbol("T", positive=True)
    f = sp.Symbol("f", nonnegative=True)  # R^2/mu^2 = (T-1)/n + 3/4 + f, from T - 1 <= n Sigma < n (R^2/mu^2 - 3/4)
    ratio = (T - 1) / n + sp.Rational(3, 4) + f  # R^2/mu^2 >= (T-1)/n + 3/4
    m = sp.Symbol("m", integer=True, nonnegative=True)  # n = 2 + m
    D.leq(T, (n * ratio).subs(n, 2 + m), "T - 1 <= n Sigma < n R^2/mu^2 - 3n/4, so T <= n R^2/mu^2 for n >= 2")
    return D
