"""LOSS-OSC: f(theta_t)/gamma tends to the perceptron loss of the BP iterate p_t."""

from __future__ import annotations

import sympy as sp

from .steps import Derivation


def build() -> Derivation:
    gamma = sp.Symbol(r"\gamma", positive=True)
    k = sp.Symbol("k", positive=True)
    yv = sp.Symbol("v", nonnegative=True)
    D = Derivation(
        "LOSS-OSC",
        r"Large-step loss values are $\gamma$ times the perceptron loss",
        r"$f(\theta_t)/\gamma = \frac1n\sum_i \log(1+e^{-\gamma z_i})/\gamma$ with $z_i = y_i a_i^\top \theta_t/\gamma$; "
        r"a margin is written $k > 0$ or $-k$.",
    )
    D.equal(sp.log(1 + sp.exp(-gamma * k)) / gamma,
            sp.Add(sp.Max(0, -k, evaluate=False), sp.log(1 + sp.exp(-gamma * k)) / gamma, evaluate=False),
            "positive margin k: the hinge part max(0, -k) is 0")
    D.equal(sp.log(1 + sp.exp(gamma * k)) / gamma, sp.Max(0, k) + sp.log(1 + sp.exp(-gamma * k)) / gamma,
            "negative margin -k: log(1+e^{gamma k})/gamma = k + log(1+e^{-gamma k})/gamma")
    D.monotone_from(sp.log(1 + yv), yv, yv, 0, "log(1+v) <= v for v >= 0")
    D.limit(sp.log(1 + sp.exp(-gamma * k)) / gamma, gamma, sp.oo, 0,
            "the remainder is at most e^{-gamma|z_i|}/gamma and vanishes")
    D.limit(sp.log(1 + sp.exp(gamma * k)) / gamma, gamma, sp.oo, k, "a misclassified sample contributes its hinge -z_i")
    D.cite(sp.Abs(sp.Max(0, -sp.Symbol("z")) - sp.Max(0, -sp.Symbol("m"))), "<=",
           sp.Abs(sp.Symbol("z") - sp.Symbol("m")),
           "the hinge max(0,-z) is 1-Lipschitz; with z_i -> m_i (LIN-REDUCTION) f(theta_t)/gamma -> (1/n) sum max(0,-m_i)")
    return D
