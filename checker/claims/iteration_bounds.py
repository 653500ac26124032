"""BP-BOUND, PERCEPTRON-BOUND, NBP-BOUND, NLRGD-BOUND: Novikoff-type iteration bounds.

Claims: BP within n R^2/mu^2 iterations [P1 Thm 3.3]; the Perceptron makes at most
R^2/mu^2 updates [Novikoff]; the Normalized Batch Perceptron within R^2/mu^2
[P1 Thm 5.3]; Normalized LR+GD within R^2/mu^2 + 2 log(2n-1)/(gamma mu^2) [P1 Thm 6.1].
Derivation: derivations/novikoff.py (the three perceptron variants) and derivations/normalized_gd.py
(NLRGD-BOUND: the potential argument and the log bound in SymPy, Jensen and the norm facts cited).
Notes: proofs_notes/NOVIKOFF.md.
Checks: symbolic (all four); numeric (named data sets, margin certified exactly); property (300
Hypothesis examples: ordinary, small-margin and repeated/imbalanced data),
reporting the worst ratio T / B(mu_hi) and where it was seen. Every verdict uses
the certified enclosure soundly (checker/iteration_bounds.py).
"""

from __future__ import annotations

from fractions import Fraction

from hypothesis import reject
from hypothesis import strategies as st

from checker.analysis.iteration_bounds import BOUNDS, check_bound
from checker.analysis.linear_reduction import all_hold
from checker.claims.core import claim
from checker.data.dataset import fraction_str
from checker.data.named import bp_lower, loss_unreliable, mixed_small
from checker.data.strategies import bound_datasets, separable_datasets
from checker.engines.margin import certified_margin
from derivations import normalized_gd, novikoff

STATEMENTS = {
    "BP-BOUND": ("The Batch Perceptron separates within n R^2/mu^2 iterations.", "P1 Thm 3.3"),
    "PERCEPTRON-BOUND": ("The Perceptron makes at most R^2/mu^2 updates.", "Novikoff 1962"),
    "NBP-BOUND": ("The Normalized Batch Perceptron separates within R^2/mu^2 iterations.", "P1 Thm 5.3"),
    "NLRGD-BOUND": ("Normalized LR+GD separates within R^2/mu^2 + 2 log(2n-1)/(gamma mu^2) iterations.", "P1 Thm 6.1"),
}
GAMMAS = (Fraction(1, 10), Fraction(1), Fraction(10), Fraction(100))


def _named(claim_id):
    def numeric(ctx):
        rows, verdicts = [], []
        gammas = GAMMAS if claim_id == "NLRGD-BOUND" else (Fraction(1),)
        for ds in (bp_lower(17), bp_lower(101), mixed_small(), loss_unreliable()):
            cert = certified_margin(ds)
            for g in gammas:
                r = check_bound(claim_id, ds, cert, g)
                verdicts.append(None if r.verdict == "undecided" else r.verdict == "holds")
                row = {"data": ds.name, **r.to_json(), "margin_squared": fraction_str(cert.mu_squared)}
                if claim_id == "NLRGD-BOUND":
                    row["gamma"] = fraction_str(g)
                rows.append(row)
        worst = max(rows, key=lambda r: r["ratio"])
        return all_hold(verdicts), {"rows": rows, "worst_ratio": worst["ratio"], "worst_data": worst["data"]}

    numeric.__name__ = "named_data_sets"
    return numeric


def _property(claim_id):
    def prop(ds, g):
        r = check_bound(claim_id, ds, gamma=g)
        if r.verdict == "undecided":  # no precision up to the cap decides it here: not an example, never a pass
            reject()
        assert r.verdict == "holds", f"{r.algorithm}: {r.count} iterations against the bound {r.bound_at_mu_hi}"
        return {"score": r.ratio, "iterations": r.count, "bound": str(r.bound_at_mu_hi), "data_n": ds.n, "data_d": ds.d}

    prop.__name__ = "bound_on_generated_data"
    return prop


DERIVATIONS = {"BP-BOUND": novikoff.build_batch, "PERCEPTRON-BOUND": novikoff.build_classical,
               "NBP-BOUND": novikoff.build_normalized, "NLRGD-BOUND": normalized_gd.build}


def _symbolic(build):
    def derivation(ctx):
        return build()

    return derivation


for _cid in BOUNDS:
    _c = claim(_cid, STATEMENTS[_cid][0], (STATEMENTS[_cid][1],))
    if _cid in DERIVATIONS:
        _c.symbolic(_symbolic(DERIVATIONS[_cid]))
    _c.numeric(_named(_cid))
    if _cid == "NLRGD-BOUND":
        # mpmath GD is slower: ordinary margins, four step sizes
        _c.property(separable_datasets(max_n=6), st.sampled_from(GAMMAS), examples=300)(_property(_cid))
    else:
        _c.property(bound_datasets(), st.just(Fraction(1)), examples=300)(_property(_cid))
