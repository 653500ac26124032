"""ACCEL's proved upper bound on the single unit's GP count on A_d (c = 1), and its exact evaluation.

`derivations/accel_phase2.py` proves, step by step in SymPy, that if the hypotheses
H0..H3 below are positive and no margin is exactly 0 on the way, GP for v w^T a from
w = 0, v = 1 at step size gamma separates A_d within

    T_bar = 2 + K1_bar + K2_bar,  K1_bar = 1/(r (sigma - 3/2)) + 1,  K2_bar = sigma/(2 r (V - 1)) + 1,

with n = d - 1, r = gamma/n, sigma = gamma (n - 3)/(2n) (the rare sample's first pre-margin),
delta = 2/sigma + 2 r^2 K1_bar sigma (how far phase 1 moves it), V = r (n - 1)(gamma (n - 1)/(2n)
- delta/2) - r sigma (a lower bound on v after the catapult step). The same function
serves the derivation (with SymPy symbols, and with a polynomial field when it shows
the hypotheses for gamma = d^(1/4)) and the checker (with Fractions: every sign exact).
"""

from __future__ import annotations

from fractions import Fraction

THREE_HALVES = Fraction(3, 2)  # a rational upper bound on sqrt(2): keeps the bound a rational function


def bound(n, gamma, three_halves=THREE_HALVES) -> tuple:
    """(T_bar, {hypothesis: value that must be > 0}, parts) in whatever arithmetic n and gamma carry."""
    r = gamma / n
    sigma = gamma * (n - 3) / (2 * n)
    k1 = 1 / (r * (sigma - three_halves)) + 1
    delta = 2 / sigma + 2 * r**2 * k1 * sigma
    v_low = r * (n - 1) * (gamma * (n - 1) / (2 * n) - delta / 2) - r * sigma
    v_high = gamma**2 * (n - 1) ** 2 / (2 * n**2)
    k2 = sigma / (2 * r * (v_low - 1)) + 1
    hypotheses = {
        "H0: sigma > 3/2": sigma - three_halves,
        "H0': 3r/2 < 1": 1 - three_halves * r,
        "H1: s < 0 after the catapult": sigma - delta - r**2 * (n - 1) * sigma,
        "H2: V > 1": v_low - 1,
        "H2': K2_bar r sigma <= 1": 1 - k2 * r * sigma,
        "H3: negatives stay correct": gamma * (n + 1) / (4 * n) - delta / 2 - gamma * r * sigma - r * v_high,
    }
    return 2 + k1 + k2, hypotheses, {"K1_bar": k1, "K2_bar": k2, "delta_bar": delta, "V_low": v_low}


def lower(n, gamma, three_halves=THREE_HALVES):
    """T >= 3 + k* >= T_low = 3 + (1 - 3r/2)/(r (sigma + 3/2)) under the same hypotheses (phase 1 lasts ceil(k*)
    steps, the catapult one, phase 2 at least one); ~ 2 n/gamma^2."""
    r = gamma / n
    sigma = gamma * (n - 3) / (2 * n)
    return 3 + (1 - three_halves * r) / (r * (sigma + three_halves))


def evaluate(d: int, gamma) -> dict:
    """The bound at (d, gamma), exactly: which hypotheses hold, and T_bar (None if one fails)."""
    gamma = Fraction(gamma)
    if d < 5 or gamma <= 0:
        return {"d": d, "applies": False, "failed": ["need d >= 5 and gamma > 0"], "bound": None}
    try:
        total, hyp, parts = bound(Fraction(d - 1), gamma)
    except ZeroDivisionError:  # sigma = 3/2 or V = 1 exactly: H0 or H2 is 0, not > 0
        return {"d": d, "gamma": str(gamma), "applies": False, "failed": ["H0 or H2 is exactly 0"], "bound": None}
    failed = [name for name, value in hyp.items() if not value > 0]
    out = {"d": d, "gamma": str(gamma), "applies": not failed, "failed": failed,
           "bound": total if not failed else None, "lower": lower(Fraction(d - 1), gamma) if not failed else None,
           "K1_bar": float(parts["K1_bar"]), "K2_bar": float(parts["K2_bar"])}
    return out
