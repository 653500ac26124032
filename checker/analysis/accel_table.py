"""The ACCEL table: iteration counts against d on A_d, log-log slopes, and the studies around them.

Every count comes from `reduced_dynamics` (exact or interval-certified); where
d is small enough the full-dimensional engines are run beside it and must agree.
Slopes are least-squares fits of log count against log d over a stated range of
d; a slope is a measurement, and the ACCEL verdict reads it against the
bands the claim states.
"""

from __future__ import annotations

import math
import random
import time
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Callable

from checker.data.accel_family import (
    accel_dataset,
    bp_count,
    gram_lower_bound,
    linear_lower_bound,
    quarter_root_dyadic,
    sqrt_dyadic,
)
from checker.data.dataset import from_rows
from checker.engines import perceptron
from checker.engines import reduced as R
from checker.engines.linear_gd import gd_linear
from checker.engines.model_engines import gd, generalized_perceptron
from checker.models.numeric import build
from checker.progress import where

ALPHA = 100  # GD's initialization scale theta_0 = alpha (0, 1)


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    run: Callable[..., Any]  # (d, c) -> Run


def _g4(d):
    return quarter_root_dyadic(d)


COLUMNS = (
    Column("bp", "Batch Perceptron", lambda d, c: R.batch_perceptron(d, c)),
    Column("lr-gd-1", "LR+GD gamma=1", lambda d, c: R.lr_gd(d, c, 1)),
    Column("lr-gd-10", "LR+GD gamma=10", lambda d, c: R.lr_gd(d, c, 10)),
    Column("lr-gd-100", "LR+GD gamma=100", lambda d, c: R.lr_gd(d, c, 100)),
    Column("perceptron", "Perceptron (classical)", lambda d, c: R.perceptron(d, c)),
    Column("su-gp-1", "single unit GP gamma=1", lambda d, c: R.single_unit_gp(d, c, 1)),
    Column("su-gd-1", f"single unit GD gamma=1 alpha={ALPHA}", lambda d, c: R.single_unit_gd(d, c, 1, ALPHA)),
    Column("su-gp-q", "single unit GP gamma=d^(1/4)", lambda d, c: R.single_unit_gp(d, c, _g4(d))),
    Column("su-gd-q", f"single unit GD gamma=d^(1/4) alpha={ALPHA}",
           lambda d, c: R.single_unit_gd(d, c, _g4(d), ALPHA)),
    Column("diag-gp-q", "diagonal net GP gamma=d^(1/4)", lambda d, c: R.diagonal_gp(d, c, _g4(d))),
)
KEYS = tuple(col.key for col in COLUMNS)
FIT_RANGE = (2 ** 8, 2 ** 16)


@dataclass
class Row:
    d: int
    gamma_quarter: Fraction
    counts: dict  # key -> Run
    lower_bound: int
    bp_formula: tuple | None  # (count, degenerate) from the closed form; None where it does not apply
    full_check: dict = field(default_factory=dict)  # key -> full-dimensional count, where run

    def to_json(self) -> dict:
        return {"d": self.d, "n": self.d - 1, "gamma_d^(1/4)": str(self.gamma_quarter),
                "linear_lower_bound": self.lower_bound,
                "bp_closed_form": ({"iterations": self.bp_formula[0], "degenerate": self.bp_formula[1]}
                                   if self.bp_formula else None),
                "counts": {k: r.iterations for k, r in self.counts.items()},
                "degenerate": sorted(k for k, r in self.counts.items() if r.degenerate),
                "arithmetic": {k: r.arithmetic for k, r in self.counts.items()},
                "notes": {k: r.note for k, r in self.counts.items() if r.note},
                "full_dimensional": self.full_check}


def dims(d_min: int, d_max: int) -> list[int]:
    out, d = [], d_min
    while d <= d_max:
        out.append(d)
        d *= 2
    return out


def build_rows(d_values, c=1, keys=KEYS, full_check_max: int = 0, progress=None) -> list[Row]:
    c = Fraction(c)
    rows = []
    for d in d_values:
        counts: dict[str, Any] = {}
        for col in COLUMNS:
            if col.key in keys:
                where(f"A_{d}, {col.key}")
                counts[col.key] = col.run(d, c)
                if progress:
                    progress(d, col.key)
        row = Row(d, _g4(d), counts, linear_lower_bound(d, c), bp_count(d, c))
        if d <= full_check_max:
            row.full_check = full_dimensional(d, c, keys)
        rows.append(row)
    return rows


def full_dimensional(d: int, c, keys, data=None) -> dict:
    """The same counts from the full-dimensional engines on the written-out A_d (or on `data`, e.g. A_d rotated)."""
    ds = data if data is not None else accel_dataset(d, c)
    su = build("single-unit", d)
    out = {}
    for key in keys:
        where(f"{ds.name}, {key} (full-dimensional)")
        if key in ("bp", "perceptron"):
            out[key] = perceptron.run(ds, "batch-perceptron" if key == "bp" else "perceptron").iterations
        elif key.startswith("lr-gd-"):
            out[key] = gd_linear(ds, int(key.split("-")[-1]), max_iter=64 * d + 1000).iterations
        elif key.startswith("su-"):
            gamma = 1 if key.endswith("-1") else _g4(d)
            if "-gp-" in key:
                out[key] = generalized_perceptron(su, ds, [0] * d + [1], gamma, 16 * d + 1000).iterations
            else:
                out[key] = gd(su, ds, [0] * d + [ALPHA], gamma, 16 * d + 1000).iterations
    return out


def slope(rows: list[Row], key: str, lo: int, hi: int) -> float | None:
    """Least-squares slope of log(count) on log(d) over lo <= d <= hi (None if < 2 points or a count is missing)."""
    return loglog_slope({r.d: r.counts[key].iterations for r in rows if lo <= r.d <= hi and key in r.counts})


def slopes(rows: list[Row], lo: int, hi: int) -> dict:
    keys = rows[0].counts.keys() if rows else ()
    return {k: slope(rows, k, lo, hi) for k in keys}


def fit_range(rows: list[Row]) -> tuple[int, int]:
    """FIT_RANGE clipped to the d values present."""
    ds_ = [r.d for r in rows]
    lo = max(FIT_RANGE[0], min(ds_))
    hi = min(FIT_RANGE[1], max(ds_))
    if lo >= hi:
        lo, hi = min(ds_), max(ds_)
    return lo, hi


# -- studies -----------------------------------------------------------------
def intercept_study(c_values, d_values, ratios=(Fraction(1, 4), Fraction(1, 2), Fraction(9, 10)),
                    ratio_d_max: int = 4096) -> list[dict]:
    """Single-unit GP counts against d for each intercept c, at gamma = d^(1/4) and gamma = r sqrt(n).

    At gamma = r sqrt(n) a run may oscillate without separating; it is cut at 2d + 100
    steps (None), and those columns stop at d = ratio_d_max, since exact iterates
    grow by about 40 bits per step.
    """
    out = []
    for c in c_values:
        c = Fraction(c)
        entry: dict[str, Any] = {"c": str(c), "gamma=d^(1/4)": {}, "bp": {}}
        for d in d_values:
            entry["gamma=d^(1/4)"][d] = R.single_unit_gp(d, c, _g4(d)).iterations
            entry["bp"][d] = R.batch_perceptron(d, c).iterations
        for r in ratios:
            entry[f"gamma={r}*sqrt(n)"] = {
                d: R.single_unit_gp(d, c, sqrt_dyadic(r * r * (d - 1)), max_iter=2 * d + 100).iterations
                for d in d_values if d <= ratio_d_max}
        entry["slopes"] = {k: loglog_slope(v) for k, v in entry.items() if isinstance(v, dict)}
        # |alpha_1| > 1, i.e. gamma > 2 sqrt(1 + c^2)/c^2 (asymptotically), starts the first phase of ACCEL
        entry["gamma_threshold"] = round(2 * math.sqrt(1 + float(c) ** 2) / float(c) ** 2, 3)
        entry["d_from_which_d^(1/4)_exceeds_it"] = d0 = math.ceil(entry["gamma_threshold"] ** 4)
        tail = {d: t for d, t in entry["gamma=d^(1/4)"].items() if d >= max(256, d0)}
        entry["slope_gamma=d^(1/4)_past_threshold"] = loglog_slope(tail) if len(tail) >= 3 else None
        out.append(entry)
    return out


def loglog_slope(counts: dict, skip_missing: bool = False) -> float | None:
    """Least-squares slope of log(count) on log(d); None with fewer than 2 counts, or (unless skip_missing) when a
    count is missing (None, or a word such as 'stalled')."""
    pts = [(math.log(d), math.log(t)) for d, t in counts.items() if isinstance(t, int) and t > 0]
    if len(pts) < 2 or (not skip_missing and len(pts) < len(counts)):
        return None
    mx = sum(p[0] for p in pts) / len(pts)
    my = sum(p[1] for p in pts) / len(pts)
    sxx = sum((p[0] - mx) ** 2 for p in pts)
    return sum((p[0] - mx) * (p[1] - my) for p in pts) / sxx if sxx else None


def perturbed(d: int, level: Fraction, seed: int, c=1):
    """A_d with every entry moved by level * k/8, k uniform in -8..8 (seeded, exact)."""
    rng = random.Random(seed)
    base = accel_dataset(d, c)
    X = [[v + level * Fraction(rng.randint(-8, 8), 8) for v in row] for row in base.X]
    return from_rows(X, base.y, f"accel-{d}-noise{level}-seed{seed}")


def noise_study(d: int, levels, seed: int = 0, max_iter: int | None = None) -> list[dict]:
    """BP's count against the Gram-matrix lower bound, and the single unit's GP count, as the noise grows."""
    out = []
    gamma = _g4(d)
    for level in levels:
        ds = perturbed(d, Fraction(level), seed)
        bp = perceptron.run(ds, "batch-perceptron", max_iter=max_iter or 8 * d)
        su = generalized_perceptron(build("single-unit", d), ds, [0] * d + [1], gamma, max_iter or 8 * d)
        out.append({"d": d, "noise": str(Fraction(level)), "seed": seed, "gram_lower_bound": gram_lower_bound(ds),
                    "bp": bp.iterations, "bp_degenerate": bp.degenerate,
                    "single_unit_gp": su.iterations, "single_unit_degenerate": su.degenerate})
    return out


BP_SLOPE_BAND = (0.95, 1.05)
SQRT_SLOPE_BAND = (0.4, 0.6)


def verdict(rows: list[Row]) -> list[dict]:
    """ACCEL's numeric criteria on a table: each a dict with name, holds, detail.

    `holds` is True or False, or None for a slope whose fit range is too short to judge (d_max < 4 d_min over the
    fit range): two or three points fit any slope, so such a slope is neither a pass nor a failure."""
    lo, hi = fit_range(rows)
    checks = []
    bad = [r.d for r in rows
           if r.bp_formula is not None and (r.counts["bp"].iterations, r.counts["bp"].degenerate) != r.bp_formula]
    checks.append({"name": "BP count equals its closed form wherever that applies", "holds": not bad,
                   "detail": f"mismatch at d = {bad}" if bad else f"{len(rows)} values of d"})
    below = [(r.d, k) for r in rows for k in ("bp", "lr-gd-1", "lr-gd-10", "lr-gd-100")
             if k in r.counts and (r.counts[k].iterations or 0) < r.lower_bound]
    checks.append({"name": "every batch/GD linear count >= the lambda lower bound", "holds": not below,
                   "detail": f"below at {below}" if below else "all rows"})
    missing = [(r.d, k) for r in rows for k, run in r.counts.items() if run.iterations is None]
    checks.append({"name": "every run separated (counts exact or certified)", "holds": not missing,
                   "detail": f"no count at {missing}" if missing else "all runs"})
    disagree = [(r.d, k) for r in rows for k, v in r.full_check.items() if v != r.counts[k].iterations]
    n_full = sum(len(r.full_check) for r in rows)
    checks.append({"name": "full-dimensional runs agree with the reduced dynamics", "holds": not disagree,
                   "detail": f"disagree at {disagree}" if disagree else f"{n_full} runs compared"})
    enough = hi >= 4 * lo
    for key, band in (("bp", BP_SLOPE_BAND), ("su-gp-q", SQRT_SLOPE_BAND)):
        s = slope(rows, key, lo, hi) if key in rows[0].counts else None
        holds: bool | None = s is not None and band[0] <= s <= band[1]
        detail = (f"slope {s:.4f} over d = {lo}..{hi}, band [{band[0]}, {band[1]}]" if s is not None
                  else "no slope")
        if not enough:
            holds = None
            detail = (f"the fit range d = {lo}..{hi} is too short to judge a slope (give --d-max {4 * lo} or more)"
                      + (f"; measured {s:.4f}, band [{band[0]}, {band[1]}]" if s is not None else ""))
        checks.append({"name": f"log-log slope of {key}", "holds": holds, "detail": detail})
    return checks


# the studies' parameters, shared by `gdpc accel --study` and the ACCEL claim
STUDY_C_VALUES = (Fraction(1, 2), Fraction(3, 4), Fraction(1), Fraction(3, 2), Fraction(2))
NOISE_D = 64
NOISE_LEVELS = tuple(Fraction(k, 64) for k in (0, 1, 4, 8, 16, 32))


def report(d_min: int, d_max: int, c, full_check: int = 0, studies=()) -> dict:
    """The ACCEL table on A_d for d = d_min..d_max (powers of 2), its slopes, criteria and optional studies."""
    start = time.perf_counter()
    rows = build_rows(dims(d_min, d_max), c, full_check_max=full_check)
    lo, hi = fit_range(rows)
    out = {"claim": "ACCEL", "c": str(c), "alpha": ALPHA, "gamma_d^(1/4)": "floor(d^(1/4) 2^20) / 2^20",
           "columns": {col.key: col.label for col in COLUMNS}, "rows": [r.to_json() for r in rows],
           "fit_range": [lo, hi], "slopes": slopes(rows, lo, hi),
           "slopes_all_d": slopes(rows, rows[0].d, rows[-1].d), "criteria": verdict(rows)}
    if "intercept" in studies:
        out["intercept_study"] = intercept_study(STUDY_C_VALUES, dims(max(d_min, 64), min(d_max, 2 ** 14)))
    if "noise" in studies:
        out["noise_study"] = noise_study(NOISE_D, NOISE_LEVELS)
    out["seconds"] = round(time.perf_counter() - start, 2)
    return out
