"""LOSS-UNRELIABLE [P1 Thm 4.1]: the loss is not a progress signal at large step sizes.

Data {((1,-1),+1), ((-1,-4),-1)}: theta_1 = gamma (1/2, 3/4), f(theta_1) -> oo,
f(theta_2) -> 0, theta_2/gamma -> (1, 1/4) which separates,
||grad f(theta_1)|| -> sqrt(2)/2, ||grad f(theta_2)|| -> 0.
Derivation: derivations/loss_unreliable.py (all five limits by SymPy, each
cross-checked by mpmath).
Checks: symbolic; numeric (mpmath GD at gamma = 10^k, k up to 300: the values
next to their limits, each inequality decided against the rounding bound);
property (Hypothesis gamma = m 10^k: f(theta_1) >= 0.99 gamma/8, above f(theta_0) = log 2 for gamma >= 6,
f(theta_2) < log 2, and ||theta_2/gamma - (1, 1/4)|| within its explicit bound).
"""

from __future__ import annotations

import mpmath
from hypothesis import strategies as st
from mpmath import mpf

from derivations import loss_unreliable

from checker.engines.logistic_gd import gd_linear
from checker.data.named import loss_unreliable as data
from checker.claims.core import claim
from checker.engines.sigmoid import sigma

LOSS_UNRELIABLE = claim(
    "LOSS-UNRELIABLE",
    "On {((1,-1),+1), ((-1,-4),-1)}: theta_1 = gamma(1/2, 3/4); f(theta_1) -> oo, f(theta_2) -> 0, "
    "theta_2/gamma -> (1, 1/4) separates, ||grad f(theta_1)|| -> sqrt(2)/2, ||grad f(theta_2)|| -> 0.",
    ("P1 Thm 4.1",),
)


@LOSS_UNRELIABLE.symbolic
def derivation(ctx):
    return loss_unreliable.build()


def first_two_steps(gamma) -> dict:
    """f(theta_0..2), theta_2/gamma and the gradient norms at theta_1, theta_2, with error bounds."""
    ds = data()
    run = gd_linear(ds, gamma, max_iter=2)
    s0, s1, s2 = run.steps[:3]
    with mpmath.workdps(run.dps):
        g = run.gamma
        A = [[mpf(int(yi * v)) for v in row] for row, yi in zip(ds.X, ds.y)]

        def grad_norm(step):
            w = [sigma(-g * z) for z in step.margins]
            vec = [-(w[0] * A[0][j] + w[1] * A[1][j]) / 2 for j in range(2)]
            return mpmath.sqrt(vec[0] ** 2 + vec[1] ** 2)

        u2 = s2.u
        gap = mpmath.sqrt((u2[0] - 1) ** 2 + (u2[1] - mpf(1) / 4) ** 2)
        # theta_2/gamma - (1, 1/4) = ((sigma(g/4) - 1) v1 + sigma(-7g/2) v2)/2, so its norm is at most:
        gap_bound = (mpmath.sqrt(2) * sigma(-g / 4) + mpmath.sqrt(17) * sigma(-7 * g / 2)) / 2
        return {"gamma": g, "dps": run.dps, "f0": s0.loss, "f1": s1.loss, "f1_err": s1.loss_error, "f2": s2.loss,
                "f2_err": s2.loss_error, "u2": u2, "u2_err": s2.error, "gap": gap, "gap_bound": gap_bound,
                "grad1": grad_norm(s1), "grad2": grad_norm(s2), "separated_at": run.iterations}


@LOSS_UNRELIABLE.numeric
def values_approach_their_limits(ctx):
    rows, ok = [], True
    prev = None
    for k in (0, 1, 2, 5, 10, 100, 300):
        r = first_two_steps(mpf(10) ** k)
        with mpmath.workdps(r["dps"]):
            g = r["gamma"]
            holds = (
                # f(theta_1) - gamma/8 is only ~e^{-gamma/4}/2, below any rounding bound at large gamma:
                # certify the linear growth with room, f(theta_1) >= 0.99 gamma/8
                r["f1"] - r["f1_err"] >= mpf("0.99") * g / 8
                and r["gap"] <= r["gap_bound"] + 4 * r["u2_err"] + mpf(10) ** (-r["dps"] + 5)
                and r["separated_at"] == 2
            )
            if prev is not None:  # the limits are approached monotonically
                holds &= r["f2"] <= prev["f2"] + prev["f2_err"] and r["grad2"] <= prev["grad2"]
                holds &= abs(r["grad1"] - mpmath.sqrt(2) / 2) <= abs(prev["grad1"] - mpmath.sqrt(2) / 2) + mpf(10) ** -40
            ok &= bool(holds)
            rows.append({"gamma": f"1e{k}", "f(theta_1)": mpmath.nstr(r["f1"], 8), "f(theta_1)/gamma": mpmath.nstr(r["f1"] / g, 12), "f(theta_2)": mpmath.nstr(r["f2"], 8),
                         "theta_2/gamma": [mpmath.nstr(v, 12) for v in r["u2"]],
                         "||grad f(theta_1)||": mpmath.nstr(r["grad1"], 12), "||grad f(theta_2)||": mpmath.nstr(r["grad2"], 8),
                         "holds": bool(holds)})
        prev = r
    return ok, {"rows": rows, "limits": {"f(theta_1)": "oo", "f(theta_2)": "0", "theta_2/gamma": "(1, 1/4)",
                                         "||grad f(theta_1)||": "sqrt(2)/2 = 0.70710678118...", "||grad f(theta_2)||": "0"}}


@LOSS_UNRELIABLE.property(st.integers(10, 99), st.integers(0, 300), examples=100)
def loss_up_then_down(m, k):
    r = first_two_steps(mpf(m) / 10 * mpf(10) ** k)  # gamma in [1, 10^301)
    with mpmath.workdps(r["dps"]):
        g = r["gamma"]
        assert r["f1"] - r["f1_err"] >= mpf("0.99") * g / 8, "f(theta_1) < 0.99 gamma/8"
        if g >= 6:  # gamma/8 > log 2 = f(theta_0): the loss goes up
            assert r["f1"] - r["f1_err"] > r["f0"]
        assert r["f2"] + r["f2_err"] < mpmath.log(2), "f(theta_2) >= f(theta_0)"
        assert r["gap"] <= r["gap_bound"] + 4 * r["u2_err"] + mpf(10) ** (-r["dps"] + 5)
