"""`gdpc verify`: check the registered claims (and a user's `--claims-file`) and write the reports."""

from __future__ import annotations

import sys
import time

from checker.claims import runner
from checker.claims.core import Context, select
from checker.commands.inputs import check_dps, check_memory
from checker.errors import InputError
from checker.files import check_outputs
from checker.lifetime import signals_deferred
from checker.progress import MIN_PERIOD, RunTimeout, watch
from checker.report import text, writers

MAX_JOBS = 256  # worker processes of verify: each is a fork of this process


def main(args) -> int:
    check_outputs(args, "json", "markdown", "latex")  # before a user's claims file runs any of its code
    check_memory(args.max_memory)
    runner.load_builtin()  # built-in IDs first: a user's file that reuses one is refused, not the reverse
    started = time.monotonic()

    def remaining():  # --timeout covers loading the files and checking the claims together
        return args.timeout and max(args.timeout - (time.monotonic() - started), MIN_PERIOD)

    for path in args.claims_file:
        try:
            with watch(remaining(), show=False):  # a user's file runs its own code: it may never finish
                runner.load_file(path)
        except RunTimeout:
            print(f"gdpc: stopped by --timeout {args.timeout:g} s while loading {path}; no report written",
                  file=sys.stderr)
            return 1
    claims = runner.load_builtin()
    wanted, unknown = select(claims, args.claim) if args.claim else (list(claims), [])
    if unknown:
        raise InputError(f"unknown claim ID {', '.join(unknown)} (see `gdpc list`)")
    check_dps(args.dps)
    if not 1 <= args.jobs <= MAX_JOBS:
        raise InputError(f"--jobs {args.jobs}: give 1 to {MAX_JOBS} worker processes")
    quiet = args.json == "-"
    if not quiet:
        print(text.verify_header(), flush=True)  # rows follow in catalogue order as each one completes
    ctx = Context(quick=args.quick, dps=args.dps, arith=args.arith)
    executor = runner.distributed_executor(args.scheduler) if args.scheduler else None
    done = []

    def on_result(r):
        done.append(r)
        if not quiet:
            print(text.verify_row(r), flush=True)

    try:
        # the rows printed as claims finish are the progress; the timer only enforces --timeout
        with watch(remaining(), show=False):
            results = runner.run_claims(wanted, ctx, tuple(args.claims_file), args.jobs, executor, on_result)
    except RunTimeout:
        print(f"gdpc: stopped by --timeout {args.timeout:g} s with {len(done)} of {len(wanted)} claims checked; "
              "no report written", file=sys.stderr)
        return 1
    with signals_deferred():  # every report, or none: a signal waits until they are all written
        written = writers.write_reports(results, writers.environment(args.dps, args.arith), args.json,
                                        args.markdown, args.latex)
    if not quiet:
        print(text.verify_summary(results, written))
    return 0 if all(r.as_expected for r in results) else 1
