"""Benchmark: the sparse exact engines against the dense ones, time per step, where both run; then the sparse ones
alone up to d = 2^16.

Data: A_d and its noisy member at level c/sqrt(d) with c = 1/2 (seed 0). For each engine
the same run is timed both ways (best of 3, or of 1 for runs over 10 s) and the step
counts must agree; the time per step is the run's time divided by its steps (BP:
iterations; GP: iterations; the Gram bound: one "step" for the whole computation).
Last, the diagonal network on `rare` with k = 4 to its cap 6 sqrt(d) + 64 (it does not separate there): the run
`gdpc accel --family rare` makes, where equal coordinates stored once (`sparse_two_layer._Classes`) matter most.
Prints a table and writes benchmarks/results_sparse.json.
"""

from __future__ import annotations

import json
import os
import sys
import time
from fractions import Fraction
from math import isqrt

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from checker.data import sparse_families as F
from checker.data.accel_family import gram_lower_bound as dense_gram
from checker.data.accel_family import quarter_root_dyadic
from checker.data.gram_bound import gram_lower_bound as sparse_gram
from checker.engines import exact_two_layer as E
from checker.engines import perceptron
from checker.engines import sparse_perceptron as SP
from checker.engines import sparse_two_layer as S

BOTH = (64, 128, 256)
SPARSE_ONLY = (4096, 16384, 65536)


def timed(fn):
    best, out = None, None
    for _ in range(3):
        t0 = time.perf_counter()
        out = fn()
        elapsed = time.perf_counter() - t0
        best = elapsed if best is None else min(best, elapsed)
        if elapsed > 10:
            break
    return best, out


def engines(sds, dense: bool):
    d, q = sds.d, quarter_root_dyadic(sds.d)
    ds = sds.to_dataset() if dense else None
    pairs = {
        "bp": (lambda: SP.batch_perceptron(sds).iterations,
               lambda: perceptron.run(ds, "batch-perceptron").iterations),
        "gram": (lambda: (sparse_gram(sds), 1), lambda: (dense_gram(ds), 1)),
        "single-unit": (lambda: S.single_unit_gp(sds, q, 16 * d).iterations,
                        lambda: E.single_unit_gp(ds, q, 16 * d).iterations),
        "diagonal": (lambda: S.diagonal_gp(sds, q, 16 * d).iterations,
                     lambda: E.diagonal_gp(ds, q, 16 * d).iterations),
    }
    rows = []
    for name, (fast, slow) in pairs.items():
        t_fast, steps = timed(fast)
        steps_fast = steps[1] if isinstance(steps, tuple) else steps
        row = {"data": sds.name, "d": d, "engine": name, "steps": steps_fast, "sparse_s": t_fast,
               "sparse_per_step_ms": 1000 * t_fast / steps_fast}
        if dense:
            t_slow, ref = timed(slow)
            assert ref == steps, (name, ref, steps)  # the same run, or the benchmark is meaningless
            row.update(dense_s=t_slow, dense_per_step_ms=1000 * t_slow / steps_fast, speedup=t_slow / t_fast)
        rows.append(row)
    return rows


def main():
    rows = []
    for d in BOTH + SPARSE_ONLY:
        for sds in (F.accel(d), F.noisy(d, Fraction(1, 2), 0)):
            for r in engines(sds, dense=d in BOTH):
                rows.append(r)
                both = (f"  dense {r['dense_per_step_ms']:10.2f} ms/step  x{r['speedup']:8.1f}"
                        if "dense_s" in r else "")
                print(f"{r['data']:<26} {r['engine']:<12} steps {r['steps']:>6}  sparse {r['sparse_per_step_ms']:9.3f}"
                      f" ms/step ({r['sparse_s']:.2f} s){both}", flush=True)
    for d in SPARSE_ONLY:
        sds, cap = F.rare(d, 4), 6 * isqrt(d) + 64
        t, run = timed(lambda sds=sds, d=d, cap=cap: S.diagonal_gp(sds, quarter_root_dyadic(d), cap))
        rows.append({"data": sds.name, "d": d, "engine": "diagonal (to its cap)", "steps": cap, "sparse_s": t,
                     "sparse_per_step_ms": 1000 * t / cap, "separated": run.separated})
        print(f"{sds.name:<26} {'diagonal':<12} steps {cap:>6}  sparse {1000 * t / cap:9.3f} ms/step ({t:.2f} s),"
              f" {'separated' if run.separated else 'not separated within the cap'}", flush=True)
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "results_sparse.json")
    with open(out, "w", encoding="utf-8") as fh:
        json.dump({"cpu_count": os.cpu_count(), "rows": rows}, fh, indent=1)
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
