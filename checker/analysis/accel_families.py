"""Implicit acceleration beyond A_d: iteration counts against d on other families, with slopes and their spread.

Each family is a list of variants (k rare positives, a noise level c/sqrt(d) and seed, a
rotation seed, a planted design, a digit pair), each generated exactly at every d of
the family (`data.sparse_families`; digits are dense and stay at d <= 256). Every row
is `accel_counts.counts` on one data set, computed by the sparse exact engines, in
worker processes (one task per variant and d, largest d first).

Slopes are least-squares slopes of log(count) on log(d), one per variant, over
FIT_RANGE = 2^10..2^14 (the range where A_d's own sqrt(d) regime holds) and, where the
run reaches it, over 2^10..2^16; a variant gets a slope only if every count in the
range is known. "advantage" is gram / su-q, the factor by which the single unit beats
the certified lower bound of every linear method (> 1: faster than any of them).
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from multiprocessing import get_context
from typing import Any

from checker import lifetime
from checker.analysis.accel_counts import METHODS, counts
from checker.analysis.accel_table import loglog_slope
from checker.data import digits
from checker.data import sparse_families as F
from checker.data.accel_family import linear_lower_bound, quarter_root_dyadic
from checker.data.dataset import Dataset, from_rows
from checker.data.sparse_dataset import from_dataset
from checker.engines import reduced as R
from checker.errors import InputError
from checker.progress import where

FIT_RANGE = (2 ** 10, 2 ** 14)
LONG_RANGE = (2 ** 10, 2 ** 16)
POWERS = tuple(2 ** k for k in range(5, 17))  # d = 32 .. 65536
DEFAULT_D_MAX = 2 ** 14


@dataclass(frozen=True)
class Family:
    description: str
    d_values: tuple
    variants: tuple  # each a (label, parameters) pair
    valid: Callable[[int, Any], bool] = lambda d, params: True  # which (variant, d) pairs exist


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


# up to c = 16: at c = 4 the single unit is still ahead from d = 2^12 on, so the levels go on until it is not by 2^14
NOISE_LEVELS = tuple(Fraction(c) for c in ("1/8", "1/2", "1", "2", "4", "8", "16"))
PLANTED = ((4, 1), (4, 2), (8, 2), (8, 4))
FAMILIES = {
    "rare": Family("A_d with k rare positives (k = 1, 2, 4, 8, 16, 32; k <= d/16)", POWERS,
                   tuple((f"k={k}", k) for k in (1, 2, 4, 8, 16, 32)), lambda d, k: 16 * k <= d),
    "noisy": Family("A_d plus noise of level c/sqrt(d) (16 random entries per sample moved by (c/4) j/8, the same "
                    "second moments as every entry moved by (c/sqrt(d)) j/8), c = 1/8, 1/2, 1, 2, 4, 8, 16; seeds 0, 1",
                    POWERS, tuple((f"c={c} seed={s}", (c, s)) for c in NOISE_LEVELS for s in (0, 1))),
    "rotated": Family("A_d turned by an exact orthogonal matrix (3 rounds of Pythagorean plane rotations over "
                      "random pairings of the coordinates; seeds 0-2)", (16, *POWERS[:-2]),
                      tuple((f"seed={s}", s) for s in range(3))),
    "planted": Family("sparse random features with an intercept; positive iff a sample has one of m planted signal "
                      "features (s features per sample; (s, m) = (4, 1), (4, 2), (8, 2), (8, 4); seeds 0, 1)",
                      POWERS, tuple((f"s={s} m={m} seed={k}", (s, m, k)) for s, m in PLANTED for k in (0, 1)),
                      lambda d, p: d >= 4 * (p[0] + p[1]) + 2),
    "digits": Family("handwritten digits, pairs 0/1, 3/8, 4/9, at d = 16, 64, 256 (pooled, shipped, replicated)",
                     (16, 64, 256), tuple((f"{a}vs{b}", (a, b)) for a, b in ((0, 1), (3, 8), (4, 9)))),
}


def dataset(family: str, d: int, params):
    """The `SparseDataset` of one variant at one d."""
    if family == "rare":
        return F.rare(d, params)
    if family == "noisy":
        return F.noisy(d, *params)
    if family == "rotated":
        return F.rotated(d, params)
    if family == "planted":
        return F.planted(d, *params)
    return from_dataset(digits_at(d, *params))


def _row(task: tuple) -> dict:
    """One (variant, d) row, computed where it runs (a worker builds its own data: nothing large is sent)."""
    family, label, params, d, relu = task
    start, cpu = time.perf_counter(), time.process_time()
    sds = dataset(family, d, params)
    row = {"variant": label, "d": d, "n": sds.n, "nnz": sds.nnz,
           **counts(sds, bp_max_iter=400 if family == "digits" else None, relu=relu)}
    if family == "rotated":  # rotation keeps every inner product: BP and the single unit must take A_d's steps
        a_d = (linear_lower_bound(d), R.batch_perceptron(d).iterations,
               R.single_unit_gp(d, 1, quarter_root_dyadic(d)).iterations)
        row["same_as_A_d"] = (row["gram"], row["bp"], row["su-q"]) == a_d
    row["seconds"] = round(time.perf_counter() - start, 2)
    row["cpu_seconds"] = round(time.process_time() - cpu, 2)  # this process only: what a dedicated core would take
    return row


def chosen(family: str, labels: list[str] | None) -> tuple:
    """The family's variants named in `labels` (all of them for None), in the family's order; an unknown label is a
    one-line error listing the family's."""
    variants = FAMILIES[family].variants
    if labels is None:
        return variants
    known = [label for label, _ in variants]
    unknown = [x for x in labels if x not in known]
    if unknown or not labels:
        raise InputError(f"--variants {','.join(labels)}: {family}'s variants are {', '.join(known)}")
    return tuple(v for v in variants if v[0] in labels)


def tasks(family: str, d_max: int | None, relu: bool = True, labels: list[str] | None = None) -> list[tuple]:
    fam = FAMILIES[family]
    top = DEFAULT_D_MAX if d_max is None else d_max
    d_values = [d for d in fam.d_values if d <= top]
    if len(d_values) < 2:
        raise InputError(f"--d-max {d_max} leaves fewer than two dimensions of {family} ({fam.d_values})")
    return [(family, label, params, d, relu) for label, params in chosen(family, labels) for d in d_values
            if fam.valid(d, params)]


def run_rows(work: list[tuple], jobs: int) -> list[dict]:
    """Every task's row, in worker processes when jobs > 1 (largest d first, so the long ones start early)."""
    order = sorted(range(len(work)), key=lambda i: -work[i][3])
    rows: dict[int, dict] = {}
    if jobs <= 1:
        for i in order:
            where(f"{work[i][0]} {work[i][1]}, d = {work[i][3]}")
            rows[i] = _row(work[i])
    else:
        pool = get_context("fork").Pool(min(jobs, len(work)), initializer=_worker_started, initargs=(os.getpid(),))
        try:
            results = {i: pool.apply_async(_row, (work[i],)) for i in order}
            for i in order:
                where(f"{work[i][0]} {work[i][1]}, d = {work[i][3]}")
                rows[i] = results[i].get()
            pool.close()
        finally:
            pool.terminate()  # also on --timeout or Ctrl-C: no worker outlives the command
            pool.join()
    return [rows[i] for i in range(len(work))]


def _worker_started(parent: int) -> None:
    """A worker ends with gdpc whatever ends it, and silently on the SIGTERM with which the pool stops it."""
    lifetime.default_signals()
    lifetime.die_with_parent(parent)


def _slopes(rows: list[dict], variants, lo: int, hi: int) -> dict:
    out = {}
    for key in METHODS:
        per = []
        for label, _ in variants:
            pts = {r["d"]: r.get(key) for r in rows if r["variant"] == label and lo <= r["d"] <= hi}
            s = loglog_slope(pts)  # None unless every count in the range is known
            if s is not None:
                per.append(s)
        out[key] = ({"mean": sum(per) / len(per), "min": min(per), "max": max(per), "variants": len(per)}
                    if per else None)
    return out


def advantage(rows: list[dict]) -> list[dict]:
    """Per variant at its largest d: gram / su-q and bp / su-q (> 1: the single unit is faster)."""
    out = []
    for label in dict.fromkeys(r["variant"] for r in rows):
        top = max((r for r in rows if r["variant"] == label), key=lambda r: r["d"])
        su = top["su-q"] if isinstance(top["su-q"], int) else None
        out.append({"variant": label, "d": top["d"], "su-q": top["su-q"], "gram": top["gram"], "bp": top["bp"],
                    "gram/su-q": round(top["gram"] / su, 3) if su else None,
                    "bp/su-q": round(top["bp"] / su, 3) if su and top["bp"] else None})
    return out


def study(family: str, d_max: int | None = None, jobs: int | None = None, relu: bool = True,
          labels: list[str] | None = None) -> dict:
    """The family's table (one row per variant and d), each method's slopes over the variants, the advantage.
    relu: also ReLU of width 4 where d <= 64 (the generic Fraction engine; a second or so per run); labels: only
    these variants (`--variants`: a long range for the cheap ones)."""
    if family not in FAMILIES:
        raise InputError(f"unknown family {family!r}; choose from {', '.join(FAMILIES)}")
    fam = FAMILIES[family]
    work = tasks(family, d_max, relu, labels)
    variants = chosen(family, labels)
    rows = run_rows(work, jobs or os.cpu_count() or 1)
    d_values = sorted({r["d"] for r in rows})
    lo, hi = FIT_RANGE
    if d_values[-1] < hi:  # a short run (--d-max below 2^14, or digits): fit over what it has
        lo, hi = d_values[0], d_values[-1]
    out = {"family": family, "description": fam.description, "variants": [v[0] for v in variants], "d_values": d_values, "methods": METHODS,
           "rows": rows, "fit_range": [lo, hi], "slopes": _slopes(rows, variants, lo, hi),
           "advantage": advantage(rows), "cpu_seconds": round(sum(r["cpu_seconds"] for r in rows), 1)}
    if d_values[-1] >= LONG_RANGE[1]:
        out["slopes_to_2^16"] = _slopes(rows, variants, *LONG_RANGE)
    if family == "rotated":
        out["same_as_A_d"] = all(r["same_as_A_d"] for r in rows)
    return out
