"""BP-LOWER [P1 Thm 5.1]: on one rare positive, BP needs floor((3n+2)/10) + 1 ~ 0.3 n iterations.

Derivation: derivations/bp_lower.py (closed form by induction, the margins, the
exact count, the degenerate n, count/n -> 3/10).
Checks: symbolic; numeric (exact simulation against the formula for every
n <= 500; the formula evaluated up to n = 10^6, count/n reported); property
(Hypothesis n up to 3000, simulation against the formula and the closed form).
"""

from __future__ import annotations

from hypothesis import strategies as st

from checker.analysis import bp_lower_counts
from checker.claims.core import claim
from checker.data.named import bp_lower as bp_lower_data
from checker.engines import perceptron
from derivations import bp_lower as derivation_module

BP_LOWER = claim(
    "BP-LOWER",
    "On ((1/2,-1),+1) once and ((-1/2,-1),-1) n-1 times, BP iterates are p_k = (1/4(1 + 2(k-1)/n), (n-2k)/(2n)) "
    "while only the +1 sample is misclassified, so BP needs Theta(n) iterations: exactly floor((3n+2)/10) + 1, "
    "degenerate exactly when n = 6 (mod 10).",
    ("P1 Thm 5.1",),
)


@BP_LOWER.symbolic
def derivation(ctx):
    return derivation_module.build()


def _simulate(n: int, every_step: bool = True):
    """(iterations, degenerate, closed form holds) from an exact run; the closed form at every step or the last."""
    run = perceptron.batch_perceptron(bp_lower_data(n), record=every_step)
    if every_step:
        closed = all(tuple(s.p) == bp_lower_counts.iterate(n, s.t) for s in run.trajectory)
    else:
        closed = run.iterations is not None and tuple(run.final) == bp_lower_counts.iterate(n, run.iterations)
    return run.iterations, run.degenerate, closed


@BP_LOWER.numeric
def formula_against_simulation(ctx):
    top = 120 if ctx.quick else 500
    mismatches = []
    for n in range(2, top + 1):
        it, deg, closed = _simulate(n)
        if (it, deg, closed) != (bp_lower_counts.iterations(n), bp_lower_counts.degenerate(n), True):
            mismatches.append(n)
    table = [{"n": n, "iterations": bp_lower_counts.iterations(n), "count/n": bp_lower_counts.iterations(n) / n,
              "degenerate": bp_lower_counts.degenerate(n)} for n in (10, 101, 1000, 10**4, 10**5, 10**6)]
    degenerate_n = [n for n in range(2, 60) if bp_lower_counts.degenerate(n)]
    return not mismatches, {"simulated_n": f"2..{top}", "mismatches": mismatches, "table": table,
                            "degenerate_n_below_60": degenerate_n}


@BP_LOWER.property(st.integers(2, 3000), examples=100)
def formula_matches_simulation(n):
    it, deg, closed = _simulate(n, every_step=n <= 300)
    assert closed, "an iterate differs from the closed form"
    assert (it, deg) == (bp_lower_counts.iterations(n), bp_lower_counts.degenerate(n))
