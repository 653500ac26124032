"""Benchmark: how long each `gdpc` command takes to start, beside `python -c pass` and `python -c "import sympy"`.

Each command runs in a fresh interpreter, as a user runs it; the time is the smallest of REPEATS wall times (the
least disturbed by other load on the machine). The commands that take data answer on an 11-sample file, so their
time is almost all start-up. Acceptance (issue 30): `gdpc --version` under 0.3 s and under a third of
`import sympy` measured in the same run; the exit code is 1 otherwise. tests/test_startup.py pins what each command
imports, which is what keeps these times.

    python benchmarks/bench_startup.py [--repeats N] [--json PATH]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

BIN = os.path.dirname(sys.executable)
GDPC = [os.path.join(BIN, "gdpc")] if os.path.exists(os.path.join(BIN, "gdpc")) else [sys.executable, "-m", "checker"]
PY = [sys.executable, "-c"]
CASES = [
    ("python -c pass", PY + ["pass"]),
    ('python -c "import sympy"', PY + ["import sympy"]),
    ("gdpc --version", GDPC + ["--version"]),
    ("gdpc --help", GDPC + ["--help"]),
    ("gdpc run --help", GDPC + ["run", "--help"]),
    ("gdpc dataset bp-lower --n 11", GDPC + ["dataset", "bp-lower", "--n", "11", "--out", "b.csv"]),
    ("gdpc run --algo batch-perceptron", GDPC + ["run", "--data", "b.csv", "--algo", "batch-perceptron"]),
    ("gdpc run --algo gd --gamma 1e300", GDPC + ["run", "--data", "b.csv", "--algo", "gd", "--gamma", "1e300"]),
    ("gdpc margin", GDPC + ["margin", "--data", "b.csv"]),
    ("gdpc bounds", GDPC + ["bounds", "--data", "b.csv"]),
    ("gdpc gap --gamma 1e10", GDPC + ["gap", "--data", "b.csv", "--gamma", "1e10"]),
    ("gdpc list", GDPC + ["list"]),
    ("gdpc check (one step)", GDPC + ["check", "d.tex"]),
]


def _time(cmd: list[str], cwd: str, repeats: int) -> float:
    best = float("inf")
    for _ in range(repeats):
        t0 = time.perf_counter()
        proc = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True)
        best = min(best, time.perf_counter() - t0)
        if proc.returncode not in (0, 1):
            raise SystemExit(f"{' '.join(cmd)}: exit {proc.returncode}: {proc.stderr.strip()[-300:]}")
    return best


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--repeats", type=int, default=5, metavar="N", help="runs per command; the fastest counts")
    p.add_argument("--json", metavar="PATH", help="also write the times as JSON")
    args = p.parse_args(argv)
    results = {}
    with tempfile.TemporaryDirectory() as cwd:
        with open(os.path.join(cwd, "d.tex"), "w", encoding="utf-8") as f:
            f.write("\\begin{align} (x+1)^2 &= x^2 + 2x + 1 \\end{align}\n")
        for name, cmd in CASES:
            results[name] = _time(cmd, cwd, args.repeats)
            print(f"{name:<36} {results[name]:6.3f} s", flush=True)
    version, sympy = results["gdpc --version"], results['python -c "import sympy"']
    ok = version < 0.3 and version < sympy / 3
    print(f"gdpc --version: {version:.3f} s, {version / sympy:.2f} of import sympy ({sympy:.3f} s), "
          f"{os.cpu_count()} cores: {'ok' if ok else 'FAIL'} (under 0.3 s and under a third of import sympy)")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump({"seconds": results, "repeats": args.repeats, "cores": os.cpu_count(), "ok": ok}, f, indent=2)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
