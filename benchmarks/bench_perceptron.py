"""Benchmark: exact Batch Perceptron against float64 numpy and a per-coordinate Fraction loop.

Data: n = 2000 separable integer samples in d = 50 (a seeded draw, entries in
[-20, 20]). The exact engine and the float64 baseline run BP to separation; the
Fraction reference is slow, so it is timed on its first few iterations and
compared per iteration. Prints a table and writes benchmarks/results.json.
"""

from __future__ import annotations

import json
import os
import sys
import time

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from checker.data.named import random_integer_separable
from checker.engines import perceptron
from tests import reference_perceptron


def float64_bp(ds, max_iter=100_000):
    Z = np.array([[float(v) * yi for v in row] for row, yi in zip(ds.X, ds.y)])
    n = len(Z)
    p = Z.sum(axis=0) / (2 * n)
    for t in range(1, max_iter + 1):
        m = Z @ p
        wrong = m <= 0
        if not wrong.any():
            return t
        p = p + Z[wrong].sum(axis=0) / n
    return None


def best_of(fn, repeat=3):
    times, out = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t0)
    return min(times), out


def main():
    ds = random_integer_separable(2000, 50, seed=0)  # |w^T a| >= 1: BP needs many steps
    setup_t0 = time.perf_counter()
    exact_time, run = best_of(lambda: perceptron.batch_perceptron(ds))
    float_time, float_iters = best_of(lambda: float64_bp(ds))
    ref_iters = min(3, run.iterations)
    ref_time, _ = best_of(lambda: reference_perceptron.run(ds, "batch-perceptron", max_iter=ref_iters), repeat=1)
    per_exact = exact_time / run.iterations
    per_ref = ref_time / ref_iters
    results = {
        "n": ds.n, "d": ds.d, "bp_iterations": run.iterations, "float64_iterations": float_iters,
        "carrier": run.carrier,
        "exact_seconds": exact_time, "float64_seconds": float_time,
        "exact_over_float64": exact_time / float_time,
        "fraction_loop_seconds_per_iteration": per_ref, "exact_seconds_per_iteration": per_exact,
        "speedup_over_fraction_loop": per_ref / per_exact,
        "targets": {"exact_over_float64 <=": 3, "speedup_over_fraction_loop >=": 50},
    }
    results["meets_targets"] = results["exact_over_float64"] <= 3 and results["speedup_over_fraction_loop"] >= 50
    print(f"Batch Perceptron, n={ds.n}, d={ds.d}: {run.iterations} iterations (exact, carrier {run.carrier}); "
          f"float64 BP: {float_iters}")
    print(f"  exact engine      {exact_time:8.4f} s   ({per_exact * 1e3:.3f} ms/iteration)")
    print(f"  float64 numpy     {float_time:8.4f} s   -> exact / float64 = {results['exact_over_float64']:.2f}x (target <= 3)")
    print(f"  Fraction loop     {per_ref:8.4f} s/iteration over {ref_iters} iterations "
          f"-> speed-up {results['speedup_over_fraction_loop']:.0f}x (target >= 50)")
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "results.json")
    with open(out, "w") as fh:
        json.dump(results, fh, indent=2)
    print(f"  total benchmark time {time.perf_counter() - setup_t0:.1f} s; wrote {out}")
    return 0 if results["meets_targets"] else 1


if __name__ == "__main__":
    sys.exit(main())
