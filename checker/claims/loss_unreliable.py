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

from fractions import Fraction

from hypothesis import strategies as st

from checker.arith import dps_for_gamma, make_context
from checker.claims.core import claim
from checker.data.named import loss_unreliable as data
from checker.engines import perceptron
from checker.engines.linear_gd import deviation_at, gd_linear_at
from derivations import loss_unreliable

LOSS_UNRELIABLE = claim(
    "LOSS-UNRELIABLE",
    "On {((1,-1),+1), ((-1,-4),-1)}: theta_1 = gamma(1/2, 3/4); f(theta_1) -> oo, f(theta_2) -> 0, "
    "theta_2/gamma -> (1, 1/4) separates, ||grad f(theta_1)|| -> sqrt(2)/2, ||grad f(theta_2)|| -> 0.",
    ("P1 Thm 4.1",),
)


@LOSS_UNRELIABLE.symbolic
def derivation(ctx):
    return loss_unreliable.build()


def first_two_steps(ctx, gamma) -> dict:
    """f(theta_0..2), theta_2/gamma, its distance to (1, 1/4) and the gradient norms at theta_1, theta_2 (enclosures).

    The distance comes from the deviation engine (theta_2/gamma - p_2 with p_2 = (1, 1/4) BP's iterate), which
    keeps full relative precision where plain GD would only give 0 +- 10^-dps.
    """
    ds = data()
    run = gd_linear_at(ctx, ds, gamma, max_iter=2)
    s0, s1, s2 = run.steps[:3]
    bp = perceptron.batch_perceptron(ds, record=True)
    assert bp.trajectory[1].p == [Fraction(1), Fraction(1, 4)], "BP's p_2 is not (1, 1/4)"
    gap = deviation_at(ctx, ds, gamma, bp)[1].gap
    g = ctx.num(gamma)
    A = [[ctx.num(yi * v) for v in row] for row, yi in zip(ds.X, ds.y)]

    def grad_norm(step):
        w = [ctx.sigma_neg(g * z) for z in step.margins]
        return ctx.norm([-(w[0] * A[0][j] + w[1] * A[1][j]) / 2 for j in range(2)])

    # theta_2/gamma - (1, 1/4) = ((sigma(g/4) - 1) v1 + sigma(-7g/2) v2)/2, so its norm is at most:
    gap_bound = (ctx.sqrt(ctx.num(2)) * ctx.sigma_neg(g / 4) + ctx.sqrt(ctx.num(17)) * ctx.sigma_neg(7 * g / 2)) / 2
    return {"gamma": g, "f0": s0.loss, "f1": s1.loss, "f2": s2.loss, "u2": s2.u, "gap": gap, "gap_bound": gap_bound,
            "grad1": grad_norm(s1), "grad2": grad_norm(s2), "separated_at": run.iterations}


def _ge(ctx, a, b) -> bool:
    """a >= b, certified by the enclosures."""
    return ctx.sign(a - b) in (0, 1)


@LOSS_UNRELIABLE.numeric
def values_approach_their_limits(ctx):
    rows, ok = [], True
    prev = None
    counts = {"certified": 0, "equal_within_enclosures": 0, "violated": 0}
    for k in (0, 1, 2, 5, 10, 100, 300):
        with make_context(None, dps_for_gamma(10 ** k, 60)) as a:
            r = first_two_steps(a, 10 ** k)
            g = r["gamma"]
            half_sqrt2 = a.sqrt(a.num(2)) / 2
            # the bound is a triangle inequality, tight to a relative e^{-13 gamma/4}: past gamma ~ 10 no finite
            # precision separates it from equality, so such rows count as "equal within the enclosures", never as
            # certified; only a certified violation fails
            gap_verdict = a.sign(r["gap_bound"] - r["gap"])
            counts[{1: "certified", 0: "certified", None: "equal_within_enclosures", -1: "violated"}[gap_verdict]] += 1
            holds = (
                # f(theta_1) - gamma/8 is only ~e^{-gamma/4}/2: certify the linear growth with room, f(theta_1) >= 0.99 gamma/8
                _ge(a, r["f1"], a.num(Fraction(99, 100)) * g / 8)
                and gap_verdict != -1
                and r["separated_at"] == 2
            )
            if prev is not None:  # the limits are approached monotonically (compared as floats of log10: a trend)
                holds &= a.to_float(a.log10(r["f2"])) <= prev["f2"] and a.to_float(a.log10(r["grad2"])) <= prev["grad2"]
                holds &= a.to_float(abs(r["grad1"] - half_sqrt2)) <= prev["grad1"] + 1e-40
            ok &= bool(holds)
            rows.append({"gamma": f"1e{k}", "f(theta_1)": a.text(r["f1"], 8), "f(theta_1)/gamma": a.text(r["f1"] / g, 12),
                         "f(theta_2)": a.text(r["f2"], 8), "theta_2/gamma": [a.text(v, 12) for v in r["u2"]],
                         "||theta_2/gamma - (1, 1/4)||": a.text(r["gap"], 6),
                         "||grad f(theta_1)||": a.text(r["grad1"], 12), "||grad f(theta_2)||": a.text(r["grad2"], 8),
                         "holds": bool(holds), "arithmetic": a.describe()})
            prev = {"f2": a.to_float(a.log10(r["f2"])), "grad2": a.to_float(a.log10(r["grad2"])),
                    "grad1": a.to_float(abs(r["grad1"] - half_sqrt2))}
    ok &= counts["certified"] > 0 and counts["violated"] == 0
    return ok, {"rows": rows, "gap_bound_rows": counts, "limits": {"f(theta_1)": "oo", "f(theta_2)": "0", "theta_2/gamma": "(1, 1/4)",
                                         "||grad f(theta_1)||": "sqrt(2)/2 = 0.70710678118...", "||grad f(theta_2)||": "0"}}


@LOSS_UNRELIABLE.property(st.integers(10, 99), st.integers(0, 300), examples=100)
def loss_up_then_down(m, k):
    gamma = Fraction(m, 10) * 10 ** k  # gamma in [1, 10^301)
    with make_context(None, dps_for_gamma(gamma, 40)) as a:
        r = first_two_steps(a, gamma)
        g = r["gamma"]
        assert _ge(a, r["f1"], a.num(Fraction(99, 100)) * g / 8), "f(theta_1) < 0.99 gamma/8"
        if gamma >= 6:  # gamma/8 > log 2 = f(theta_0): the loss goes up
            assert a.sign(r["f1"] - r["f0"]) == 1
        assert a.sign(a.log(a.num(2)) - r["f2"]) == 1, "f(theta_2) >= f(theta_0)"
        assert a.sign(r["gap_bound"] - r["gap"]) != -1, "||theta_2/gamma - (1, 1/4)|| exceeds its bound (certified)"
