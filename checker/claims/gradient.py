"""GRAD for the linear model: grad f(theta) = -(1/n) sum_i sigma(-y_i a_i^T theta) y_i a_i.

Derivation: derivations/gradient.py (any differentiable g, then the linear g).
Checks: symbolic; numeric (the formula against mpmath's numerical derivative of f
at 50 digits, on named data sets); property (Hypothesis data and theta).
References: CLAIMS.md GRAD.
"""

from __future__ import annotations

from fractions import Fraction

import mpmath
from hypothesis import strategies as st
from mpmath import mpf

from checker.claims.core import claim
from checker.data.named import bp_lower, loss_unreliable, mixed_small
from checker.data.strategies import separable_datasets
from derivations import gradient

GRAD = claim(
    "GRAD",
    "grad f(theta) = -(1/n) sum_i sigma(-z_i(theta)) y_i grad g(a_i; theta); for the linear model "
    "grad f(theta) = -(1/n) sum_i sigma(-y_i a_i^T theta) y_i a_i.",
    ("CLAIMS.md GRAD",),
)


@GRAD.symbolic
def derivation(ctx):
    return gradient.build()


def sigma(x):
    # the oracle is plain mpmath on purpose: independent of the engines' arithmetic layer
    return 1 / (1 + mpmath.exp(-x))


def softplus(x):
    return mpmath.log1p(mpmath.exp(x))


def gradient_mismatch(ds, theta, dps: int) -> mpf:
    """max_j |formula_j - d f/d theta_j| / (1 + |formula_j|), the derivative taken numerically."""
    with mpmath.workdps(dps):
        A = [[mpf(v.numerator) / v.denominator for v in row] for row in ds.X]
        th = [mpf(t.numerator) / t.denominator for t in theta]

        def loss(*t):
            return mpmath.fsum(softplus(-yi * mpmath.fdot(row, t)) for row, yi in zip(A, ds.y)) / ds.n

        worst = mpf(0)
        for j in range(ds.d):
            formula = -mpmath.fsum(sigma(-yi * mpmath.fdot(row, th)) * yi * row[j] for row, yi in zip(A, ds.y)) / ds.n
            partial = mpmath.diff(loss, th, tuple(int(i == j) for i in range(ds.d)))
            worst = max(worst, abs(formula - partial) / (1 + abs(formula)))
        return worst


@GRAD.numeric
def formula_against_numerical_derivative(ctx):
    rows, ok = [], True
    tol = mpf(10) ** (-(ctx.dps // 2))
    for ds in (bp_lower(11), loss_unreliable(), mixed_small()):
        for theta in ([Fraction(0)] * ds.d, [Fraction(k + 1, 3) * (-1) ** k for k in range(ds.d)]):
            mis = gradient_mismatch(ds, theta, ctx.dps)
            ok &= mis < tol
            rows.append({"data": ds.name, "theta": [str(t) for t in theta], "relative mismatch": mpmath.nstr(mis, 3)})
    return ok, {"rows": rows, "tolerance": mpmath.nstr(tol, 3), "dps": ctx.dps,
                "why a tolerance": "mpmath.diff is a numerical derivative accurate to about dps digits"}


@GRAD.property(separable_datasets(max_n=5), st.lists(st.fractions(-3, 3, max_denominator=10), min_size=3, max_size=3),
               examples=100)
def formula_matches(ds, theta):
    mis = gradient_mismatch(ds, theta[: ds.d], 40)
    assert mis < mpf(10) ** -18, f"mismatch {mis}"
