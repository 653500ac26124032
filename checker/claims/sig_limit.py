"""SIG-LIMIT: sigma(-gamma m) -> 1, 1/2, 0 for m <0, =0, >0, with |gap| = sigma(-gamma|m|) <= e^{-gamma|m|}.

Claim: the GD weights of large steps become perceptron indicators.
Derivation: derivations/sigmoid_limits.py.
Checks: symbolic (limits computed by SymPy, cross-checked by mpmath); numeric
(gamma = 10^k up to 10^300, exact-m grid); property (Hypothesis m, gamma).
References: CLAIMS.md SIG-LIMIT; P1 section 3.
"""

from __future__ import annotations

from fractions import Fraction

import mpmath
from hypothesis import strategies as st
from mpmath import mpf

from derivations import sigmoid_limits

from checker.claims.core import claim
from checker.engines.sigmoid import sigma, sigma_tail

SIG_LIMIT = claim(
    "SIG-LIMIT",
    "For m<0, =0, >0: sigma(-gamma m) -> 1, 1/2, 0 as gamma -> oo, and for m != 0 "
    "|sigma(-gamma m) - 1[m<0]| = sigma(-gamma|m|) <= e^{-gamma|m|}.",
    ("CLAIMS.md SIG-LIMIT",),
)


@SIG_LIMIT.symbolic
def derivation(ctx):
    return sigmoid_limits.build()


def _gap_row(m: Fraction, k: int, dps: int):
    """At gamma = 10^k: the gap computed two ways, and the bound e^{-gamma|m|}."""
    gamma = mpf(10) ** k
    with mpmath.workdps(dps + k + 10):
        mm = mpf(m.numerator) / m.denominator
        tail = sigma_tail(gamma * mm)
        bound = mpmath.exp(-gamma * abs(mm))
        unit = mpf(2) ** (1 - mpmath.mp.prec)
        bound_ok = tail <= bound * (1 + 16 * unit)
        x = gamma * abs(mm)
        cross_checked = None  # None: not computed (the direct form would need more than ~870 extra digits)
        if x < 2000:  # the direct form 1 - sigma cancels; resolve it with enough digits
            with mpmath.workdps(int(x / 2.302) + dps + k + 10):
                direct = abs(sigma(-gamma * mm) - (1 if m < 0 else 0))
                cross_checked = abs(direct - tail) <= tail * mpf(10) ** (-dps)
        return bound_ok and cross_checked is not False, tail, bound, cross_checked


@SIG_LIMIT.numeric
def limits_at_large_gamma(ctx):
    rows, ok = [], True
    ks = (1, 2, 10, 100, 300)
    for m in (Fraction(-2), Fraction(-1, 7), Fraction(1, 1000), Fraction(1, 3), Fraction(5)):
        tails = []
        for k in ks:
            holds, tail, bound, cross = _gap_row(m, k, ctx.dps)
            ok &= holds
            tails.append(tail)
            rows.append({"m": str(m), "gamma": f"1e{k}", "gap": mpmath.nstr(tail, 6), "bound": mpmath.nstr(bound, 6),
                         "holds": holds,
                         "direct_form_agrees": "not computed (gamma|m| >= 2000)" if cross is None else cross})
        ok &= all(a >= b for a, b in zip(tails, tails[1:]))  # the gap shrinks as gamma grows
    half = sigma(mpf(0)) == mpf(1) / 2
    ok &= half
    return ok, {"rows": rows, "sigma(0) == 1/2 exactly": half, "dps": ctx.dps}


@SIG_LIMIT.property(st.fractions(min_value=-10, max_value=10, max_denominator=1000).filter(lambda m: m != 0),
                    st.integers(0, 300), examples=200)
def gap_bound(m, k):
    holds, tail, bound, _ = _gap_row(m, k, 30)
    assert holds, f"gap {tail} vs bound {bound}"
