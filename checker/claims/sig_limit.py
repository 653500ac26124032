"""SIG-LIMIT: sigma(-gamma m) -> 1, 1/2, 0 for m <0, =0, >0, with |gap| = sigma(-gamma|m|) <= e^{-gamma|m|}.

Claim: the GD weights of large steps become perceptron indicators.
Derivation: derivations/sigmoid_limits.py.
Checks: symbolic (limits computed by SymPy, cross-checked by mpmath); numeric
(gamma = 10^k up to 10^300, exact-m grid); property (Hypothesis m, gamma).
References: the step limit behind P1 and P2.
"""

from __future__ import annotations

from fractions import Fraction

from hypothesis import strategies as st

from checker.arith import make_context
from checker.claims.core import claim
from derivations import sigmoid_limits

SIG_LIMIT = claim(
    "SIG-LIMIT",
    "For m<0, =0, >0: sigma(-gamma m) -> 1, 1/2, 0 as gamma -> oo, and for m != 0 "
    "|sigma(-gamma m) - 1[m<0]| = sigma(-gamma|m|) <= e^{-gamma|m|}.",
    ("standard; the step limit behind P1 and P2",),
)


@SIG_LIMIT.symbolic
def derivation(ctx):
    return sigmoid_limits.build()


def _gap_row(m: Fraction, k: int, dps: int):
    """At gamma = 10^k: the gap sigma(-gamma|m|) two ways, and the bound e^{-gamma|m|}, as enclosures.

    verdict: "certified" when the bound's enclosure lies above the gap's; "equal within the enclosures" when
    they overlap (gap/bound = 1/(1 + e^{-gamma|m|}) differs from 1 by ~e^{-gamma|m|}, which no finite
    precision resolves at gamma|m| = 10^300); "violated" when the gap lies above. The direct form
    |sigma(-gamma m) - 1[m<0]| cancels catastrophically; it is recomputed with enough
    extra digits to resolve it, and its enclosure must overlap the tail form's.
    """
    x = abs(m) * 10**k  # gamma |m|
    with make_context(None, dps + k + 10) as ctx:
        gm = ctx.num(10**k * m)
        tail = ctx.sigma_tail(gm)
        bound = ctx.exp(-ctx.num(x))
        verdict = {1: "certified", 0: "certified", None: "equal within the enclosures", -1: "violated"}[
            ctx.sign(bound - tail)]
        texts = (ctx.text(tail, 6), ctx.text(bound, 6), ctx.to_float(ctx.log10(tail)))
    cross_checked = None  # None: not computed (the direct form would need more than ~870 extra digits)
    if x < 2000:
        with make_context(None, int(x / 2.302) + dps + k + 10) as ctx:
            direct = abs(ctx.sigma_neg(ctx.num(10**k * m)) - (1 if m < 0 else 0))
            cross_checked = ctx.overlaps(direct, ctx.sigma_tail(ctx.num(10**k * m)))
    return verdict, texts, cross_checked


@SIG_LIMIT.numeric
def limits_at_large_gamma(ctx):
    rows, ok = [], True
    counts = {"certified": 0, "equal within the enclosures": 0, "violated": 0}
    ks = (1, 2, 10, 100, 300)
    for m in (Fraction(-2), Fraction(-1, 7), Fraction(1, 1000), Fraction(1, 3), Fraction(5)):
        logs = []
        for k in ks:
            verdict, (tail, bound, log10_tail), cross = _gap_row(m, k, ctx.dps)
            counts[verdict] += 1
            holds = verdict != "violated" and cross is not False
            ok &= holds
            logs.append(log10_tail)
            rows.append({"m": str(m), "gamma": f"1e{k}", "gap": tail, "bound": bound, "holds": holds,
                         "direct_form_agrees": "not computed (gamma|m| >= 2000)" if cross is None else cross})
        ok &= all(a > b for a, b in zip(logs, logs[1:]))  # the gap shrinks as gamma grows
    with make_context(None, ctx.dps) as a:
        # exactly, in either engine: the difference is an exact zero, not a ball that merely contains 0
        exact_half = a.sign(a.sigma_neg(a.num(0)) - a.num(Fraction(1, 2))) == 0
    ok &= bool(exact_half) and counts["certified"] > 0 and counts["violated"] == 0
    return ok, {"rows": rows, "bound_rows": counts, "sigma(0) == 1/2 exactly": bool(exact_half), "dps": ctx.dps,
                "arithmetic": "enclosures (Arb by default; --arith mpmath for intervals)"}


@SIG_LIMIT.property(st.fractions(min_value=-10, max_value=10, max_denominator=1000).filter(lambda m: m != 0),
                    st.integers(0, 300), examples=200)
def gap_bound(m, k):
    verdict, (tail, bound, _), cross = _gap_row(m, k, 30)
    assert verdict != "violated" and cross is not False, f"gap {tail} vs bound {bound}"
