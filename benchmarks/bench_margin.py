"""Benchmark: certified margin (float64 Wolfe, then exact Wolfe and Bareiss) at n = 1000, d = 100."""

from __future__ import annotations

import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from checker.data.named import random_integer_separable
from checker.engines.margin import certified_margin, decimal_str


def main():
    worst = 0.0
    for n, d in ((1000, 100), (2000, 50), (5000, 20)):
        ds = random_integer_separable(n, d, seed=0)
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
