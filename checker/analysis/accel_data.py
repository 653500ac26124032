"""`gdpc accel --data FILE`: ACCEL's question and its proof's hypotheses on one data set of the user's.

Every count of `accel_counts.counts` (the Gram lower bound, BP, LR+GD at large gamma,
the single unit and the diagonal network at gamma = d^(1/4) and the single unit at
the best gamma of the grid), then `accel_hypotheses.check` along the single unit's
run at d^(1/4) and at that best gamma: which hypothesis holds, the first that fails
and at which step, and where all hold the bound T_bar beside the count. On A_d
itself (c = 1) the claim's closed-form hypotheses and T_bar (`accel_bound.evaluate`,
what `gdpc verify --claim ACCEL` checks) are given as well.

Data that BP does not separate within its budget are checked for separability
(`engines.margin.certified_margin`): not separable is an input error.
"""

from __future__ import annotations

from fractions import Fraction

from checker.analysis import accel_bound
from checker.analysis.accel_counts import METHODS, counts, two_layer_cap
from checker.analysis.accel_hypotheses import check
from checker.arith.sparse_integer import SparseSignedIntegers
from checker.data import sparse_families
from checker.data.accel_family import quarter_root_dyadic
from checker.data.dataset import Dataset
from checker.data.sparse_dataset import from_dataset
from checker.engines.margin import certified_margin
from checker.engines.sparse_perceptron import batch_perceptron
from checker.errors import InputError


def is_a_d(sds) -> bool:
    """Is this exactly A_d (c = 1, rows in the order `gdpc dataset accel` writes them)?"""
    if sds.d < 5 or sds.n != sds.d - 1:
        return False
    ref = sparse_families.accel(sds.d)
    return sds.rows == ref.rows and sds.y == ref.y


def report(ds: Dataset, bp_max_iter: int | None = None) -> dict:
    sds = from_dataset(ds)
    Z = SparseSignedIntegers(sds)
    bp_budget = bp_max_iter or 4 * sds.d + 200
    if not batch_perceptron(sds, bp_budget, data=Z).separated and not certified_margin(ds).separable:
        raise InputError(f"{ds.name}: not linearly separable (certified: a convex combination of the y_i a_i is 0), "
                         "so no method here separates it")
    row = counts(sds, bp_max_iter=bp_budget)
    q = quarter_root_dyadic(sds.d)
    cap = two_layer_cap(sds.d, row["gram"], row["bp"])
    gammas = {"d^(1/4)": q}
    if row["su-best-gamma"] and row["su-best-gamma"] != "1 d^(1/4)":
        gammas["best"] = q * Fraction(row["su-best-gamma"].split()[0])
    runs = {label: check(sds, g, cap, data=Z) for label, g in gammas.items()}
    out = {"data": ds.name, "n": sds.n, "d": sds.d, "nnz": sds.nnz, "methods": METHODS, "counts": row,
           "gamma_d^(1/4)": str(q), "cap": cap, "hypotheses": {label: _json(r) for label, r in runs.items()}}
    checks = [{"name": "BP separated", "holds": row["bp"] is not None},
              {"name": "BP >= the Gram lower bound", "holds": row["bp"] is None or row["bp"] >= row["gram"]}]
    for label, r in runs.items():
        if r["bound"] is not None:
            checks.append({"name": f"count <= T_bar at gamma {label}", "holds": r["bound"]["holds"]})
    if is_a_d(sds):
        closed = accel_bound.evaluate(sds.d, q)
        count = runs["d^(1/4)"]["count"]
        out["a_d"] = {"applies": closed["applies"], "failed": closed["failed"],
                      "T_bar_float": float(closed["bound"]) if closed["applies"] else None,
                      "T_low_float": float(closed["lower"]) if closed["applies"] else None, "count": count}
        if closed["applies"]:
            checks.append({"name": "T_low <= count <= T_bar (ACCEL's closed form)",
                           "holds": count is not None and closed["lower"] <= count <= closed["bound"]})
    out["checks"] = checks
    return out


def _json(r: dict) -> dict:
    """The bound's parts as floats: the comparison count <= T_bar was exact, and T_bar's exact denominator has
    hundreds of digits."""
    bound = r["bound"]
    if bound is not None:
        bound = {k: (float(v) if isinstance(v, Fraction) else v) for k, v in bound.items()}
    return {**r, "bound": bound}
