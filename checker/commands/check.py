"""`gdpc check FILE`: a user's derivation, step by step, through the derivcheck engine."""

from __future__ import annotations

import os

from checker.commands.inputs import check_memory
from checker.commands.output import emit
from checker.errors import InputError
from checker.files import check_folder, check_input, check_outputs, write_atomic
from checker.progress import step_line
from derivcheck import files as derivation_check

MAX_POINTS = 100_000  # the counterexample search draws its points before judging them: 10^8 of them fill memory


def main(args) -> int:
    if (args.file is None) == (args.data is None):
        raise InputError("give the derivation as FILE or as --data FILE (one of them)")
    args.file = args.file or args.data
    check_outputs(args, "latex", "json")
    check_input(args.file, "derivation file")
    check_memory(args.max_memory)
    if args.smt2:
        check_folder(args.smt2, "--smt2")
    if not 1 <= args.points <= MAX_POINTS:
        raise InputError(f"--points {args.points}: give 1 to {MAX_POINTS} sample points per step")
    try:
        with step_line("gdpc check", show=None if args.json != "-" else False) as progress:
            result = derivation_check.check_file(args.file, points=args.points, seed=args.seed,
                                                 timeout=args.timeout, progress=progress,
                                                 memory_mb=args.max_memory)
    except derivation_check.ParseError as exc:
        raise InputError(f"{args.file}: {exc}") from None
    if not result.verdicts:
        raise InputError(f"{args.file}: no steps found (expected align/equation environments or a STEPS list)")
    written = []
    if args.latex:
        write_atomic(args.latex, derivation_check.annotate(result))
        written.append(f"wrote {args.latex}")
    if args.smt2:
        certificates = result.certificates()
        for name, smt2 in certificates:
            write_atomic(os.path.join(args.smt2, name), smt2)
        written.append(f"wrote {derivation_check.count(len(certificates), 'SMT-LIB certificate')} to {args.smt2}")
    emit(args, result.to_json(), "\n".join([derivation_check.table(result), *written]))
    return result.exit_code
