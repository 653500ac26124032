"""LOSS-UNRELIABLE [P1 Thm 4.1]: on two points the loss explodes, then vanishes, as gamma -> oo."""

from __future__ import annotations

import sympy as sp

from derivcheck.functions import Sigmoid

from .steps import Derivation


def build() -> Derivation:
    g = sp.Symbol(r"\gamma", positive=True)
    v1, v2 = sp.Matrix([1, -1]), sp.Matrix([1, 4])  # y_i a_i for ((1,-1),+1) and ((-1,-4),-1)

    def margins(th):
        return v1.dot(th), v2.dot(th)

    def loss(th):
        z1, z2 = margins(th)
        return (sp.log(1 + sp.exp(-z1)) + sp.log(1 + sp.exp(-z2))) / 2

    def grad(th):
        z1, z2 = margins(th)
        return -(Sigmoid(-z1) * v1 + Sigmoid(-z2) * v2) / 2

    def norm(v):
        return sp.sqrt(v.dot(v))

    D = Derivation(
        "LOSS-UNRELIABLE",
        r"The loss is an unreliable progress signal at large $\gamma$",
        r"Data $\{((1,-1),+1), ((-1,-4),-1)\}$, $\theta_0 = 0$, GD with step $\gamma$ (gradient from GRAD).",
    )
    zero = sp.Matrix([0, 0])
    theta1 = zero - g * grad(zero)
    D.equal(theta1, g * sp.Matrix([sp.Rational(1, 2), sp.Rational(3, 4)]), "theta_1 = gamma (1/2, 3/4): sigma(0) = 1/2",
            name=r"\theta_1 = -\gamma \nabla f(0)")
    D.equal(sp.Matrix(margins(theta1)), sp.Matrix([-g / 4, 7 * g / 2]), "margins at theta_1: the +1 sample is wrong",
            name=r"\left(y_i a_i^\top \theta_1\right)_{i=1,2}")
    D.limit(loss(theta1), g, sp.oo, sp.oo, "f(theta_1) -> oo: the loss explodes after one step")
    theta2 = theta1 - g * grad(theta1)
    D.limit(theta2[0] / g, g, sp.oo, 1, "theta_2/gamma -> (1, 1/4), first coordinate")
    D.limit(theta2[1] / g, g, sp.oo, sp.Rational(1, 4), "theta_2/gamma -> (1, 1/4), second coordinate")
    D.equal(sp.Matrix(margins(sp.Matrix([1, sp.Rational(1, 4)]))), sp.Matrix([sp.Rational(3, 4), 2]),
            "(1, 1/4) separates: both margins positive", name=r"\left(y_i a_i^\top (1, \tfrac14)\right)_{i=1,2}")
    D.limit(loss(theta2), g, sp.oo, 0, "f(theta_2) -> 0: one step later the loss vanishes")
    D.limit(norm(grad(theta1)), g, sp.oo, sp.sqrt(2) / 2, "||grad f(theta_1)|| -> sqrt(2)/2")
    D.limit(norm(grad(theta2)), g, sp.oo, 0, "||grad f(theta_2)|| -> 0")
    return D
