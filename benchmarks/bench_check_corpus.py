"""`gdpc check` on a folder of derivations: how much of what is correct it proves, and how fast.

A file with a line marked PLANTED holds one planted error on that line (every other step in it is correct);
every other file is correct throughout. For the correct steps this reports how many are proved, numerically
holding, unparsed, ..., and for the planted steps whether each was refuted; any correct step refuted or planted
step passed is listed (either is a bug). Times are per step, with the median and the slowest.

    python benchmarks/bench_check_corpus.py [FOLDER ...] [--json OUT.json] [--jobs N] [--timeout S]

Default folder: tests/derivation_corpus. Files are checked in parallel worker processes (default: every core).
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import statistics
import sys
import time
from concurrent.futures import ProcessPoolExecutor

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))

from derivcheck.files import check_file  # noqa: E402

PASSING = ("proved", "numerically holds, not proved", "holds for d <= 4", "cited")


def _one(args):
    path, timeout = args
    text = open(path, encoding="utf-8").read()
    planted = {k + 1 for k, line in enumerate(text.splitlines()) if "PLANTED" in line}
    t0 = time.perf_counter()
    try:
        result = check_file(path, timeout=timeout)
    except Exception as exc:  # a file the reader refuses as a whole: every step of it counts as unparsed
        return {"file": os.path.basename(path), "error": f"{type(exc).__name__}: {exc}", "steps": [],
                "planted_lines": sorted(planted), "seconds": time.perf_counter() - t0}
    steps = [{"line": v.line, "verdict": v.verdict, "method": v.method, "seconds": v.seconds,
              "planted": v.line in planted, "reason": v.evidence.get("reason", "")} for v in result.verdicts]
    return {"file": os.path.basename(path), "steps": steps, "planted_lines": sorted(planted),
            "seconds": time.perf_counter() - t0}


def summarise(results: list[dict]) -> dict:
    correct = [s for r in results for s in r["steps"] if not s["planted"]]
    planted_files = [r for r in results if r["planted_lines"]]
    counts: dict[str, int] = {}
    for s in correct:
        counts[s["verdict"]] = counts.get(s["verdict"], 0) + 1
    times = [s["seconds"] for r in results for s in r["steps"]]
    wrong_refutations = [(r["file"], s["line"]) for r in results for s in r["steps"]
                         if not s["planted"] and s["verdict"] == "refuted"]
    planted_passed = [(r["file"], s["line"], s["verdict"]) for r in planted_files for s in r["steps"]
                      if s["planted"] and s["verdict"] in PASSING]
    planted_refuted = sum(any(s["planted"] and s["verdict"] == "refuted" for s in r["steps"]) for r in planted_files)
    return {
        "files": len(results), "correct_steps": len(correct), "correct_counts": counts,
        "proved_fraction": round(counts.get("proved", 0) / max(len(correct), 1), 4),
        "planted_files": len(planted_files), "planted_refuted": planted_refuted,
        "planted_passed": planted_passed, "correct_refuted": wrong_refutations,
        "unreadable_files": [r["file"] for r in results if "error" in r],
        "median_step_seconds": round(statistics.median(times), 3) if times else None,
        "max_step_seconds": round(max(times), 2) if times else None,
    }


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folders", nargs="*", default=[os.path.join(os.path.dirname(HERE), "tests", "derivation_corpus")])
    ap.add_argument("--json", metavar="OUT.json")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--timeout", type=float, default=60, metavar="SECONDS")
    ap.add_argument("--verbose", action="store_true", help="list every step that is not proved")
    args = ap.parse_args(argv)
    paths = sorted(p for f in args.folders for p in glob.glob(os.path.join(f, "*.tex")))
    t0 = time.perf_counter()
    with ProcessPoolExecutor(args.jobs) as pool:
        results = list(pool.map(_one, [(p, args.timeout) for p in paths]))
    summary = summarise(results)
    summary["wall_seconds"] = round(time.perf_counter() - t0, 1)
    print(json.dumps(summary, indent=1))
    if args.verbose:
        for r in results:
            if "error" in r:
                print(f"{r['file']}: UNREADABLE {r['error']}")
            for s in r["steps"]:
                if s["verdict"] != "proved" or s["planted"]:
                    tag = "PLANTED " if s["planted"] else ""
                    print(f"{r['file']}:{s['line']}: {tag}{s['verdict']} [{s['method']}] {s['reason'][:110]} "
                          f"({s['seconds']:.1f} s)")
    if args.json:
        with open(args.json, "w") as fh:
            json.dump({"summary": summary, "results": results}, fh, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
