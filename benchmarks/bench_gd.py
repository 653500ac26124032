"""Benchmark: certified GD per iteration, Arb balls against mpmath intervals and float64 numpy.

One engine (`checker.engines.linear_gd.gd_linear_at`) runs in three contexts on the
same data: n = 1000 samples in d = 20 with rational entries p/q (q <= 50, a seeded
draw), 60 digits for the certified contexts, step size gamma = 10. The float64
context runs the same engine code (uncertified); a hand-written numpy loop is the
floor. Prints a table and writes benchmarks/results_gd.json.
"""

from __future__ import annotations

import json
import os
import random
import sys
import time
from fractions import Fraction

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from checker.arith import make_context
from checker.data.dataset import from_rows
from checker.engines.linear_gd import gd_linear_at

N, D, DPS, GAMMA = 1000, 20, 60, 10


def data():
    rng = random.Random(0)
    w = [Fraction(rng.randint(-9, 9), rng.randint(1, 9)) for _ in range(D)]
    X, y = [], []
    while len(X) < N:
        a = [Fraction(rng.randint(-99, 99), rng.randint(1, 50)) for _ in range(D)]
        s = sum(wi * ai for wi, ai in zip(w, a))
        if s != 0:
            X.append(a)
            y.append(1 if s > 0 else -1)
    return from_rows(X, y, "bench-1000x20")


def per_iteration(arith: str, ds, iterations: int) -> float:
    with make_context(arith, DPS) as ctx:
        t0 = time.perf_counter()
        gd_linear_at(ctx, ds, GAMMA, max_iter=iterations, record=False, stop_when_separated=False)
        return (time.perf_counter() - t0) / (iterations + 1)


def numpy_loop(ds, iterations: int) -> float:
    Z = np.array([[float(yi * v) for v in row] for row, yi in zip(ds.X, ds.y)])
    u = np.zeros(D)
    t0 = time.perf_counter()
    for _ in range(iterations + 1):
        z = Z @ u
        u = u + Z.T @ (0.5 * (1 - np.tanh(GAMMA * z / 2))) / N
    return (time.perf_counter() - t0) / (iterations + 1)


def main():
    ds = data()
    arb = min(per_iteration("arb", ds, 20) for _ in range(3))
    mp = per_iteration("mpmath", ds, 3)
    fl = min(per_iteration("float64", ds, 200) for _ in range(3))
    raw = min(numpy_loop(ds, 2000) for _ in range(3))
    results = {"n": N, "d": D, "dps": DPS, "gamma": GAMMA,
               "seconds_per_iteration": {"arb": arb, "mpmath": mp, "float64_engine": fl, "numpy_loop": raw},
               "mpmath_over_arb": mp / arb, "arb_over_float64_engine": arb / fl, "arb_over_numpy_loop": arb / raw,
               "targets": {"mpmath_over_arb >=": 20}}
    results["meets_targets"] = results["mpmath_over_arb"] >= 20
    print(f"certified GD per iteration, n = {N}, d = {D}, {DPS} digits, gamma = {GAMMA} (one engine, four contexts)")
    print(f"  Arb balls (python-flint)   {arb * 1e3:9.3f} ms")
    print(f"  mpmath intervals           {mp * 1e3:9.3f} ms   -> mpmath / Arb = {mp / arb:.0f}x (target >= 20)")
    print(f"  float64, same engine code  {fl * 1e3:9.3f} ms   -> Arb / float64 = {arb / fl:.1f}x (not certified)")
    print(f"  float64, numpy loop        {raw * 1e3:9.3f} ms   -> Arb / numpy loop = {arb / raw:.0f}x")
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "results_gd.json")
    with open(out, "w") as fh:
        json.dump(results, fh, indent=2)
    print(f"  wrote {out}")
    return 0 if results["meets_targets"] else 1


if __name__ == "__main__":
    sys.exit(main())
