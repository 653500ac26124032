"""`gdpc accel`: ACCEL's iteration counts against d on A_d (or on another family), with log-log slopes."""

from __future__ import annotations

import sys
import time
from math import isqrt

from checker.analysis import accel_families
from checker.analysis import accel_table as T
from checker.choices import MAX_CELLS
from checker.commands.output import emit
from checker.data.accel_family import check_dimensions
from checker.errors import InputError
from checker.files import check_outputs
from checker.progress import STATE, RunTimeout, watch
from checker.report import text

MAX_ACCEL_D = 2**20
MAX_FULL_CHECK = isqrt(MAX_CELLS)


def main(args) -> int:
    if args.family != "a-d":  # its own d values: --d-max caps them, the A_d options do not apply
        check_outputs(args, "json")
        return _family(args)
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


def _family(args) -> int:
    t0 = time.perf_counter()
    try:
        with watch(args.timeout):
            out = accel_families.study(args.family, args.d_max)
    except RunTimeout as exc:
        print(f"gdpc: {exc} ({STATE['what']}); no table written", file=sys.stderr)
        return 1
    out["seconds"] = round(time.perf_counter() - t0, 1)
    emit(args, out, text.family_text(out))
    return 0 if out.get("same_as_A_d", True) else 1
