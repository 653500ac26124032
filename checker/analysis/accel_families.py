"""Implicit acceleration beyond A_d: iteration counts against d on other families, with slopes and their spread.

Each family is a list of variants (k rare positives, a noise level and seed, a
rotation seed, a digit pair), each generated exactly at several d. For every
data set: the linear lower bound from its own Gram matrix (`gram_lower_bound`,
which holds for BP and for LR+GD at every step size, so it bounds the best linear
method), BP's exact count, LR+GD at gamma = 100 (certified), and GP for the two-layer models (single unit and
diagonal network at gamma = d^(1/4) and at the best gamma of a small grid, ReLU
width 4 from a seeded start where the generic engine is affordable). Slopes are
least-squares slopes of log(count) on log(d), one per variant, summarized by
their mean and range. Every count is exact.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from checker.analysis.accel_table import loglog_slope, perturbed
from checker.data import digits
from checker.data.accel_family import accel_dataset, gram_lower_bound, quarter_root_dyadic, rotated
from checker.data.dataset import Dataset, from_rows
from checker.engines import exact_two_layer as E
from checker.engines import perceptron
from checker.engines import reduced as R
from checker.engines.linear_gd import gd_linear
from checker.engines.model_engines import generalized_perceptron
from checker.errors import InputError
from checker.models.numeric import build, initial_parameters
from checker.progress import where

RELU_D_MAX = 64  # the generic (Fraction) engine: ~0.5 s per run at d = n = 64, minutes beyond
RELU_N_MAX = 128  # ... and 10-15 s per run on the 360 digit samples: ReLU runs on the A_d families only
GAMMA_GRID = (1, 4)  # the "tuned" step size: the best of these and d^(1/4) (each run costs; a wider grid, minutes)


@dataclass(frozen=True)
class Family:
    description: str
    d_values: tuple
    variants: tuple  # each a (label, parameters) pair


def rare(d: int, k: int) -> Dataset:
    """A_d with k rare positives: a_i = e_0 + e_i, y_i = +1 for i <= k, -1 otherwise."""
    base = accel_dataset(d)
    if not 1 <= k < base.n - 1:
        raise InputError(f"need 1 <= k < d - 2 rare positives, got k = {k} at d = {d}")
    return from_rows(base.X, [1] * k + [-1] * (base.n - k), f"accel-{d}-rare{k}")


def digits_at(d: int, a: int, b: int) -> Dataset:
    """Digits a vs b at d = 16 (2x2 blocks averaged), 64 (as shipped) or 256 (each pixel repeated 2x2)."""
    base = digits.pair(a, b)
    if d == 64:
        return base
    rows = []
    for x in base.X:
        img = [x[8 * r: 8 * r + 8] for r in range(8)]
        if d == 16:
            rows.append([sum(img[2 * r + i][2 * c + j] for i in (0, 1) for j in (0, 1)) / 4
                         for r in range(4) for c in range(4)])
        elif d == 256:
            rows.append([img[r // 2][c // 2] for r in range(16) for c in range(16)])
        else:
            raise InputError("digits come at d = 16, 64 or 256")
    return from_rows(rows, base.y, f"{base.name}-d{d}")


FAMILIES = {
    "rare": Family("A_d with k rare positives (k = 2, 4, 8)", (32, 64, 128, 256),
                   tuple((f"k={k}", k) for k in (2, 4, 8))),
    "noisy": Family("A_d with every entry moved by level * j/8, j uniform in -8..8 (levels 1/32, 1/8; seeds 0-2)",
                    (32, 64, 128, 256),
                    tuple((f"noise={lv} seed={s}", (Fraction(lv), s)) for lv in ("1/32", "1/8") for s in range(3))),
    "rotated": Family("A_d turned by a seeded rational orthogonal matrix (2d Cayley plane rotations; seeds 0-2)",
                      (16, 32, 64), tuple((f"seed={s}", s) for s in range(3))),
    "digits": Family("handwritten digits, pairs 0/1, 3/8, 4/9, at d = 16, 64, 256 (pooled, shipped, replicated)",
                     (16, 64, 256), tuple((f"{a}vs{b}", (a, b)) for a, b in ((0, 1), (3, 8), (4, 9)))),
}
METHODS = {"gram": "linear lower bound (any step size)", "bp": "BP", "lr-gd-100": "LR+GD, γ = 100 (Arb balls)",
           "su-q": "single unit GP, γ = d^(1/4)",
           "su-best": "single unit GP, best γ", "diag-q": "diagonal GP, γ = d^(1/4)",
           "relu4": "ReLU width 4 GP, γ = d^(1/4)"}


def dataset(family: str, d: int, params) -> Dataset:
    if family == "rare":
        return rare(d, params)
    if family == "noisy":
        level, seed = params
        return perturbed(d, level, seed)
    if family == "rotated":
        return rotated(accel_dataset(d), params)
    return digits_at(d, *params)


def counts(ds: Dataset, max_iter: int) -> dict:
    """Every method's iteration count on one data set (None: not separated; 'stalled' for a GP that stalled), and
    under "degenerate" the methods whose run met a margin exactly 0 (counted as a mistake, as everywhere)."""
    g4 = quarter_root_dyadic(ds.d)
    degenerate = []

    def count(key, run):
        if run.degenerate:
            degenerate.append(key)
        if run.iterations is not None:
            return run.iterations
        return "stalled" if "stalled" in (run.stopped or "") else None

    out = {"gram": gram_lower_bound(ds), "bp": count("bp", perceptron.run(ds, "batch-perceptron", max_iter=max_iter)),
           "lr-gd-100": count("lr-gd-100", gd_linear(ds, 100, max_iter=max_iter))}
    su = {g: E.single_unit_gp(ds, g, max_iter) for g in sorted({g4, *map(Fraction, GAMMA_GRID)})}
    out["su-q"] = count("su-q", su[g4])
    done = {g: run.iterations for g, run in su.items() if run.iterations is not None}
    best = min(done, key=lambda g: done[g]) if done else None
    out["su-best"] = count("su-best", su[best]) if best is not None else None
    out["su-best-gamma"] = str(best) if done else None
    out["diag-q"] = count("diag-q", E.diagonal_gp(ds, g4, max_iter))
    if ds.d <= RELU_D_MAX and ds.n <= RELU_N_MAX:
        model = build("relu", ds.d, 4)
        out["relu4"] = count("relu4", generalized_perceptron(model, ds, initial_parameters(model, 0), g4, max_iter))
    out["degenerate"] = degenerate
    return out


def study(family: str, d_max: int | None = None) -> dict:
    """The family's table (one row per variant and d) and each method's slopes over the variants."""
    if family not in FAMILIES:
        raise InputError(f"unknown family {family!r}; choose from {', '.join(FAMILIES)}")
    fam = FAMILIES[family]
    d_values = [d for d in fam.d_values if d_max is None or d <= d_max]
    if len(d_values) < 2:
        raise InputError(f"--d-max {d_max} leaves fewer than two dimensions of {family} ({fam.d_values})")
    rows = []
    for label, params in fam.variants:
        for d in d_values:
            where(f"{family} {label}, d = {d}")
            ds = dataset(family, d, params)
            # 4d + 200 steps: above every count measured on the A_d families; digits (n ~ 360 at every d): 400
            row = {"variant": label, "d": d, "n": ds.n, **counts(ds, max_iter=400 if family == "digits" else 4 * d + 200)}
            if family == "rotated":  # rotation keeps every inner product: BP and the single unit must take A_d's steps
                a_d = (R.batch_perceptron(d).iterations, R.single_unit_gp(d, 1, quarter_root_dyadic(d)).iterations)
                row["same_as_A_d"] = (row["bp"], row["su-q"]) == a_d
            rows.append(row)
    slopes = {}
    for key in METHODS:
        fitted = [loglog_slope({r["d"]: r.get(key) for r in rows if r["variant"] == label}, skip_missing=True)
                  for label, _ in fam.variants]
        per = [s for s in fitted if s is not None]
        slopes[key] = ({"mean": sum(per) / len(per), "min": min(per), "max": max(per), "variants": len(per)}
                       if per else None)
    out: dict[str, Any] = {"family": family, "description": fam.description, "d_values": d_values, "methods": METHODS,
           "rows": rows, "slopes": slopes}
    if family == "rotated":
        out["same_as_A_d"] = all(r["same_as_A_d"] for r in rows)
    return out
