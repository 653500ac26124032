"""Benchmark: certified margin (float64 Wolfe, then exact Wolfe and Bareiss) at n = 1000, d = 100."""

from __future__ import annotations

import os
import sys
import time

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from checker.dataset import from_rows  # noqa: E402
from checker.margin import certified_margin, decimal_str  # noqa: E402


def make_data(n, d, seed):
    rng = np.random.default_rng(seed)
    w = rng.integers(-5, 6, size=d)
    X, y = [], []
    while len(X) < n:
        x = rng.integers(-20, 21, size=d)
        s = int(w @ x)
        if s != 0:
            X.append(x.tolist())
            y.append(1 if s > 0 else -1)
    return from_rows(X, y, f"bench-{n}x{d}")


def main():
    worst = 0.0
    for n, d in ((1000, 100), (2000, 50), (5000, 20)):
        ds = make_data(n, d, 0)
        t0 = time.perf_counter()
        cert = certified_margin(ds)
        dt = time.perf_counter() - t0
        worst = max(worst, dt)
        width = float(cert.relative_width) if cert.relative_width is not None else float("nan")
        print(f"n={n:5d} d={d:3d}: {dt:6.2f} s, exact={cert.exact}, support {sum(1 for w in cert.weights if w)}, "
              f"mu in [{decimal_str(cert.mu_lo, 15, False)}, {decimal_str(cert.mu_hi, 15, True)}], "
              f"relative width {width:.1e}, Wolfe iterations {cert.float_iterations} float + {cert.exact_iterations} exact")
    return 0 if worst < 10 else 1


if __name__ == "__main__":
    sys.exit(main())
