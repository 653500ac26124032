"""GRAD: the logistic-loss gradient for any differentiable model, and the linear model."""

from __future__ import annotations

import sympy as sp

from derivcheck.functions import Sigmoid

from .steps import Derivation


def build() -> Derivation:
    theta = sp.Symbol(r"\theta_j", real=True)
    y = sp.Symbol("y", real=True)
    i, n = sp.symbols("i n", integer=True, positive=True)
    Y = sp.IndexedBase("y")
    g = sp.Function("g")
    D = Derivation(
        "GRAD",
        r"Gradient of the logistic loss",
        r"$g(a_i;\theta)$ differentiable in $\theta$; $\theta_j$ one coordinate, the others fixed.",
    )
    loss_i = sp.log(1 + sp.exp(-y * g(theta)))
    D.equal(sp.Derivative(loss_i, theta), -Sigmoid(-y * g(theta)) * y * sp.Derivative(g(theta), theta),
            "chain rule for one sample (any differentiable g)")
    gi = sp.Function("g_i")
    total = sp.Sum(sp.log(1 + sp.exp(-Y[i] * gi(theta))), (i, 1, n)) / n
    D.equal(sp.Derivative(total, theta),
            -sp.Sum(Sigmoid(-Y[i] * gi(theta)) * Y[i] * sp.Derivative(gi(theta), theta), (i, 1, n)) / n,
            "differentiate the sum term by term (SymPy differentiates the Sum)")
    # linear model g(a; theta) = sum_k a_k theta_k; 1 <= j <= d is encoded as d = j + r, r >= 0
    k, j = sp.symbols("k j", integer=True, positive=True)
    r = sp.Symbol("r", integer=True, nonnegative=True)
    A, T = sp.IndexedBase("a"), sp.IndexedBase(r"\theta")
    D.equal(sp.Derivative(sp.Sum(A[k] * T[k], (k, 1, j + r)), T[j]), A[j],
            "linear model: the partial derivative of a^T theta in theta_j (j <= d = j + r)")
    D.equal(-Sigmoid(-y * g(theta)) * y * A[j], -Sigmoid(-y * g(theta)) * y * sp.Derivative(sp.Sum(A[k] * T[k], (k, 1, j + r)), T[j]),
            "so the linear model's gradient is -(1/n) sum_i sigma(-y_i a_i^T theta) y_i a_i")
    return D

