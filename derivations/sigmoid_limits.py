"""SIG-LIMIT: sigma(-gamma m) -> 1[m<0] (1/2 at m = 0) and its exponential rate."""

from __future__ import annotations

import sympy as sp

from derivcheck.functions import Sigmoid

from .steps import Derivation


def build() -> Derivation:
    gamma = sp.Symbol(r"\gamma", positive=True)
    m = sp.Symbol("m", positive=True)  # the case m > 0; m < 0 is written as -m
    x = sp.Symbol("x", nonnegative=True)
    D = Derivation(
        "SIG-LIMIT",
        r"The sigmoid at step size $\gamma \to \infty$",
        r"$\gamma > 0$, $m > 0$ (negative margins are written $-m$), $x \ge 0$.",
    )
    D.limit(Sigmoid(-gamma * m), gamma, sp.oo, 0, "positive margin: the weight vanishes")
    D.limit(Sigmoid(gamma * m), gamma, sp.oo, 1, "negative margin -m: the weight tends to 1")
    D.equal(Sigmoid(-gamma * 0), sp.Rational(1, 2), "zero margin: the weight is 1/2 for every gamma",
            name=r"\sigma(-\gamma \cdot 0) = \frac{1}{1 + e^{0}}")
    D.equal(1 - Sigmoid(gamma * m), Sigmoid(-gamma * m), "distance to the limit 1 for margin -m is sigma(-gamma|m|)")
    D.equal(Sigmoid(-x), sp.exp(-x) / (1 + sp.exp(-x)), "sigma(-x) in closed form")
    D.leq(Sigmoid(-x), sp.exp(-x), "sigma(-x) <= e^{-x} for x >= 0",
          certificate=sp.exp(-2 * x) / (1 + sp.exp(-x)))
    D.limit(sp.exp(-gamma * m), gamma, sp.oo, 0, "so the gap to the step function vanishes exponentially")
    return D
