"""LIN-REDUCTION-RATE (ours): u_1 = p_1, and e_{t+1} <= e_t + R e^{-gamma(m_t - R e_t)} while R e_t < m_t.

Derivation: derivations/linear_reduction.py (build_rate).
Checks: symbolic; numeric (the observed gap next to the accumulated bound at
gamma = 10^k up to 10^300, every comparison certified by the rounding analysis
of checker/logistic_gd.py; the deviation engine cross-checked against plain GD
at moderate gamma); property (Hypothesis data and gamma = 10^k, k in 1..300).
"""

from __future__ import annotations

import mpmath
from hypothesis import assume
from hypothesis import strategies as st
from mpmath import mpf

from derivations import linear_reduction

from checker.engines import perceptron
from checker.analysis.linear_reduction import compare
from checker.engines.logistic_gd import as_mpf, deviation_from_bp, gd_linear
from checker.data.named import bp_lower, mixed_small
from checker.claims.core import claim
from checker.data.strategies import separable_datasets

RATE = claim(
    "LIN-REDUCTION-RATE",
    "u_1 = p_1 exactly; with m_t = min_i |y_i a_i^T p_t| > 0 and e_t = ||u_t - p_t||: if R e_t < m_t then "
    "e_{t+1} <= e_t + R e^{-gamma (m_t - R e_t)}.",
    ("ours; CLAIMS.md LIN-REDUCTION-RATE",),
)

EXPONENTS = (1, 2, 5, 10, 20, 50, 100, 200, 300)


@RATE.symbolic
def derivation(ctx):
    return linear_reduction.build_rate()


def _rows(ds, bp, k):
    c = compare(ds, bp, k)
    rows = [{"t": s.t, "gap": mpmath.nstr(s.gap, 6), "bound": mpmath.nstr(s.bound, 6) if s.bound is not None else None,
             "holds": s.bound_holds} for s in c.steps]
    return c, rows


@RATE.numeric
def gap_against_bound(ctx):
    ok, tables = True, []
    for ds in (bp_lower(11), mixed_small()):
        bp = perceptron.batch_perceptron(ds, record=True)
        for k in EXPONENTS if not ctx.quick else (1, 10, 100, 300):
            c, rows = _rows(ds, bp, k)
            first_exact = c.steps[0].gap == 0 and c.steps[0].error == 0
            ok &= first_exact and c.rate_holds is not False and c.rate_holds is not None
            tables.append({"data": ds.name, "gamma": f"1e{k}", "dps": _dps(k), "rows": rows})
        ok &= any(t["rows"][-1]["bound"] is not None for t in tables)  # the bound was exercised
    return ok, {"tables": tables, "certification": "gap + rounding bound <= bound (1 - slack), see logistic_gd"}


def _dps(k):
    from checker.engines.logistic_gd import auto_dps

    return auto_dps(mpf(10) ** k)


@RATE.numeric
def deviation_engine_matches_plain_gd(ctx):
    """The delta-tracking engine against plain GD where both fit in 80 digits."""
    ok, rows = True, []
    for ds in (bp_lower(11), mixed_small()):
        bp = perceptron.batch_perceptron(ds, record=True)
        for gamma in (1, 10, 100):
            dev = deviation_from_bp(ds, gamma, bp, dps=80)
            plain = gd_linear(ds, gamma, max_iter=len(bp.trajectory), dps=80)
            worst = mpf(0)
            with mpmath.workdps(80):
                for s, d in zip(plain.steps[1:], dev):
                    p = [as_mpf(v) for v in bp.trajectory[d.t - 1].p]
                    gap = mpmath.sqrt(mpmath.fsum((a - b) ** 2 for a, b in zip(s.u, p)))
                    worst = max(worst, abs(gap - d.gap))
            ok &= worst < mpf(10) ** -60
            rows.append({"data": ds.name, "gamma": gamma, "max |plain gap - tracked gap|": mpmath.nstr(worst, 3)})
    return ok, {"rows": rows, "dps": 80}


@RATE.property(separable_datasets(), st.integers(1, 300), examples=200)
def bound_holds_everywhere(ds, k):
    bp = perceptron.batch_perceptron(ds, record=True, max_iter=400)
    assume(bp.separated and not bp.degenerate)
    c = compare(ds, bp, k)
    assert c.steps[0].gap == 0, "u_1 != p_1"
    for s in c.steps:
        assert s.bound is None or s.bound_holds is True, f"t={s.t}: gap {s.gap} vs bound {s.bound} ({s.bound_holds})"
