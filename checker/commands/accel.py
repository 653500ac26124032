"""`gdpc accel`: ACCEL's iteration counts against d on A_d (or on another family), with log-log slopes; or, with
`--data FILE`, every count on one data set and the proved bound's hypotheses checked along the run."""

from __future__ import annotations

import sys
import time
from math import isqrt

from checker.analysis import accel_data, accel_families
from checker.analysis import accel_table as T
from checker.choices import MAX_CELLS, MAX_ENTRIES, MAX_EXACT_DIGITS
from checker.commands.inputs import load
from checker.commands.output import emit
from checker.data.accel_family import check_dimensions
from checker.errors import InputError
from checker.files import check_outputs
from checker.progress import STATE, RunTimeout, watch
from checker.report import text

MAX_ACCEL_D = 2**20
MAX_FULL_CHECK = isqrt(MAX_CELLS)


def main(args) -> int:
    if args.data is not None:
        if args.family != "a-d":
            raise InputError("give --data FILE or --family F, not both")
        return _data(args)
    if args.variants is not None and args.family == "a-d":
        raise InputError("--variants selects variants of --family F")
    if args.family != "a-d":  # its own d values: --d-max caps them, the A_d options do not apply
        check_outputs(args, "json")
        return _family(args)
    args.d_max = 65536 if args.d_max is None else args.d_max
    c = args.c
    if args.d_min < 4 or args.d_max < args.d_min:
        raise InputError("need 4 <= --d-min <= --d-max")
    if args.d_max > MAX_ACCEL_D:
        raise InputError(f"--d-max {args.d_max}: BP alone takes about d iterations on A_d, so the table stops at "
                         f"d = {MAX_ACCEL_D} (the default 65536 takes about 30 s)")
    if args.full_check > MAX_FULL_CHECK:
        raise InputError(f"--full-check {args.full_check}: the full-dimensional A_d has d^2 entries, more than the "
                         f"limit {MAX_CELLS} above d = {MAX_FULL_CHECK}")
    check_dimensions(args.d_min, c)  # larger d only make c^2 (d - 3) > 1 easier
    check_outputs(args, "json")
    try:
        with watch(args.timeout):  # on a terminal: the method and its iteration, once a second
            out = T.report(args.d_min, args.d_max, c, args.full_check, args.study)
    except RunTimeout as exc:
        print(f"gdpc: {exc} ({STATE['what']}); no table written", file=sys.stderr)
        return 1
    emit(args, out, text.accel_text(out))
    judged = [ch["holds"] for ch in out["criteria"]]
    # 1: a criterion failed; 4: none failed, but a slope could not be judged on this range; 0: all hold
    return 1 if False in judged else 4 if None in judged else 0


def _data(args) -> int:
    check_outputs(args, "json")
    args.max_entries, args.max_digits = MAX_ENTRIES, MAX_EXACT_DIGITS
    t0 = time.perf_counter()
    try:
        with watch(args.timeout):
            out = accel_data.report(load(args))
    except RunTimeout as exc:
        print(f"gdpc: {exc} ({STATE['what']}); no result written", file=sys.stderr)
        return 1
    out["seconds"] = round(time.perf_counter() - t0, 1)
    emit(args, out, text.accel_data_text(out))
    return 0 if all(ch["holds"] for ch in out["checks"]) else 1


def _family(args) -> int:
    if args.jobs < 1:
        raise InputError("--jobs must be at least 1")
    t0 = time.perf_counter()
    try:
        with watch(args.timeout):
            out = accel_families.study(args.family, args.d_max, args.jobs, labels=args.variants)
    except RunTimeout as exc:
        print(f"gdpc: {exc} ({STATE['what']}); no table written", file=sys.stderr)
        return 1
    out["seconds"] = round(time.perf_counter() - t0, 1)
    emit(args, out, text.family_text(out))
    return 0 if out.get("same_as_A_d", True) else 1
