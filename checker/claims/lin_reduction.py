"""LIN-REDUCTION: for the linear model, theta_t/gamma -> p_t (Batch Perceptron) as gamma -> oo.

Claim: with theta_0 = 0, u_t = theta_t/gamma obeys u_{t+1} = u_t + (1/n) sum sigma(-gamma y_i a_i^T u_t) y_i a_i
exactly, and u_t -> p_t for every t, provided no BP margin along the way is exactly 0.
Derivation: derivations/linear_reduction.py (build).
Checks: symbolic; numeric (named data sets: exact non-degeneracy, then GD at
gamma = 10^k, k up to 300, in mpmath: mistake sets agree from gamma* on, gaps
shrink as gamma grows; the degenerate data set shows the assumption is needed);
property (Hypothesis data: at the gamma* the rate bound gives, every mistake set
agrees and GD separates at BP's iteration; the gap at 10^3 gamma* is smaller).
References: P1 Thm 3.2.
"""

from __future__ import annotations

from hypothesis import assume

from checker.analysis.linear_reduction import compare, safe_gamma_exponent
from checker.claims.core import claim
from checker.data.named import bp_lower, bp_lower_degenerate, mixed_small
from checker.data.strategies import separable_datasets
from checker.engines import perceptron
from derivations import linear_reduction

LIN_REDUCTION = claim(
    "LIN-REDUCTION",
    "Linear g, theta_0 = 0: u_t = theta_t/gamma obeys u_{t+1} = u_t + (1/n) sum_i sigma(-gamma y_i a_i^T u_t) y_i a_i "
    "exactly, and u_t -> p_t (Batch Perceptron) for every t as gamma -> oo, provided no margin along the BP "
    "trajectory is exactly 0.",
    ("P1 Thm 3.2",),
)

EXPONENTS = (1, 2, 5, 10, 30, 100, 300)


@LIN_REDUCTION.symbolic
def derivation(ctx):
    return linear_reduction.build()


@LIN_REDUCTION.numeric
def gd_tends_to_bp(ctx):
    ok, per_data = True, []
    for ds in (bp_lower(11), bp_lower(101), mixed_small()):
        bp = perceptron.batch_perceptron(ds, record=True)
        k_star = safe_gamma_exponent(ds, bp)
        rows, gaps = [], []
        for k in EXPONENTS if not ctx.quick else (1, 10, 100):
            c = compare(ds, bp, k)
            rows.append(c.summary())
            gaps.append((c.widest.gap_lower_log10, c.max_gap_log10))
            if k >= k_star:
                ok &= c.mistakes_agree is True and rows[-1]["gd_iterations"] == bp.iterations
        # certified shrinking: the larger step size's largest gap lies below the smaller one's
        ok &= not bp.degenerate and all(a[0] >= b[1] for a, b in zip(gaps, gaps[1:]))
        per_data.append({"data": ds.name, "bp_iterations": bp.iterations, "degenerate": bp.degenerate,
                         "gamma_star": f"1e{k_star}", "rows": rows})
    # the assumption is needed: a zero BP margin leaves a gap that does not vanish
    deg = bp_lower_degenerate()
    bp = perceptron.batch_perceptron(deg, record=True)
    far = compare(deg, bp, 100)
    not_vanishing = bp.degenerate and far.widest.gap_lower_log10 > -3
    ok &= not_vanishing
    return ok, {"data_sets": per_data, "degenerate_example": {
        "data": deg.name, "zero_margin_at": bp.degenerate_steps, "max_gap_at_gamma_1e100": far.widest.gap_text,
        "gap_stays_away_from_0": not_vanishing}}


@LIN_REDUCTION.property(separable_datasets(), examples=200)
def mistake_sets_agree_from_gamma_star(ds):
    bp = perceptron.batch_perceptron(ds, record=True, max_iter=400)
    assume(bp.separated and not bp.degenerate)  # both rare under this strategy (see tests)
    k = safe_gamma_exponent(ds, bp)
    near, far = compare(ds, bp, k), compare(ds, bp, k + 3)
    assert near.mistakes_agree is True, "mistake sets differ at gamma*"
    assert near.summary()["gd_iterations"] == bp.iterations
    assert all(b.gap_log10 <= a.gap_log10 for a, b in zip(near.steps, far.steps)), "gap did not shrink"
