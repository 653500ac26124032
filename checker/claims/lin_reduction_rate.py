"""LIN-REDUCTION-RATE (ours): u_1 = p_1, and e_{t+1} <= e_t + R e^{-gamma(m_t - R e_t)} while R e_t < m_t.

Derivation: derivations/linear_reduction.py (build_rate).
Checks: symbolic; numeric (the observed gap next to the accumulated bound at
gamma = 10^k up to 10^300, every comparison certified by the rounding analysis
of checker/engines/linear_gd.py; the deviation engine cross-checked against plain GD
at moderate gamma); property (Hypothesis data and gamma = 10^k, k in 1..300).
"""

from __future__ import annotations

from hypothesis import assume
from hypothesis import strategies as st

from checker.analysis.linear_reduction import all_hold, compare
from checker.arith import dps_for_gamma, make_context
from checker.claims.core import claim
from checker.data.named import bp_lower, mixed_small
from checker.data.strategies import separable_datasets
from checker.engines import perceptron
from checker.engines.linear_gd import deviation_at, gd_linear_at
from derivations import linear_reduction

RATE = claim(
    "LIN-REDUCTION-RATE",
    "u_1 = p_1 exactly; with m_t = min_i |y_i a_i^T p_t| > 0 and e_t = ||u_t - p_t||: if R e_t < m_t then "
    "e_{t+1} <= e_t + R e^{-gamma (m_t - R e_t)}.",
    ("ours",),
)

EXPONENTS = (1, 2, 5, 10, 20, 50, 100, 200, 300)


@RATE.symbolic
def derivation(ctx):
    return linear_reduction.build_rate()


def _rows(ds, bp, k):
    c = compare(ds, bp, k)
    rows = [{"t": s.t, "gap": s.gap_enclosure, "bound": s.bound_enclosure, "holds": s.bound_holds} for s in c.steps]
    return c, rows


@RATE.numeric
def gap_against_bound(ctx):
    verdicts, tables = [], []
    for ds in (bp_lower(11), mixed_small()):
        bp = perceptron.batch_perceptron(ds, record=True)
        for k in EXPONENTS if not ctx.quick else (1, 10, 100, 300):
            c, rows = _rows(ds, bp, k)
            first_exact = c.steps[0].gap_log10 == float("-inf")  # an exact 0: no rounding at all
            verdicts.append(c.rate_holds if first_exact else False)  # undecided stays undecided, never a pass
            tables.append({"data": ds.name, "gamma": f"1e{k}", "dps": _dps(k), "rows": rows})
        verdicts.append(any(t["rows"][-1]["bound"] is not None for t in tables))  # the bound was exercised
    return all_hold(verdicts), {"tables": tables, "certification": "the enclosure of the gap lies below the enclosure of the bound "
                "(Arb balls, see checker/engines/linear_gd.py)"}


def _dps(k):
    return dps_for_gamma(10 ** k)


@RATE.numeric
def deviation_engine_matches_plain_gd(ctx):
    """The delta-tracking engine against plain GD where both fit in 80 digits: the two enclosures must overlap."""
    ok, rows = True, []
    for ds in (bp_lower(11), mixed_small()):
        bp = perceptron.batch_perceptron(ds, record=True)
        for gamma in (1, 10, 100):
            with make_context(None, 80) as a:
                dev = deviation_at(a, ds, gamma, bp)
                plain = gd_linear_at(a, ds, gamma, max_iter=len(bp.trajectory))
                overlap = True
                for s, d in zip(plain.steps[1:], dev):
                    p = [a.num(v) for v in bp.trajectory[d.t - 1].p]
                    gap = a.norm([x - y for x, y in zip(s.u, p)])
                    overlap &= a.overlaps(gap, d.gap)
            ok &= overlap
            rows.append({"data": ds.name, "gamma": gamma, "enclosures_overlap": overlap})
    return ok, {"rows": rows, "dps": 80, "arithmetic": a.describe()}


@RATE.property(separable_datasets(), st.integers(1, 300), examples=200)
def bound_holds_everywhere(ds, k):
    bp = perceptron.batch_perceptron(ds, record=True, max_iter=400)
    assume(bp.separated and not bp.degenerate)
    c = compare(ds, bp, k)
    assert c.steps[0].gap == 0, "u_1 != p_1"
    for s in c.steps:
        assert s.bound is None or s.bound_holds is True, f"t={s.t}: gap {s.gap} vs bound {s.bound} ({s.bound_holds})"
