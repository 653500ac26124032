"""`gdpc gap`: the reduction on a user's data, ||theta_t/gamma - p_t|| per step against its bound, and mistake sets."""

from __future__ import annotations

import csv

from checker.analysis import reduction_gap
from checker.arith import using
from checker.commands import inputs
from checker.commands.output import emit
from checker.engines.margin import certified_margin
from checker.errors import InputError
from checker.files import check_outputs, text_buffer, write_atomic
from checker.report import text

MAX_GAP_STEPS = 100_000  # gap --t-max: one report row per step and γ (measured: 10^4 steps, 10 s and 5.6 MB of JSON)


def _rows_from_1(indices) -> str:
    return "?" if indices is None else " ".join(str(i + 1) for i in indices)


def main(args) -> int:
    check_outputs(args, "json", "csv")
    if (args.gamma is None) == (args.gammas is None):
        raise InputError("give --gamma G (the per-step table) or --gammas G1,G2,... (a table over step sizes)")
    if args.t_max is not None and not 1 <= args.t_max <= MAX_GAP_STEPS:
        raise InputError(f"--t-max {args.t_max}: give 1 to {MAX_GAP_STEPS} steps (one report row per step)")
    inputs.check_dps(args.dps)
    texts = [args.gamma] if args.gamma else [g.strip() for g in args.gammas.split(",")]
    if not all(texts):  # "1,,2" is a slip, not two step sizes
        raise InputError(f"--gammas {args.gammas!r}: give step sizes separated by commas, e.g. --gammas 1,1e10,1e300")
    gammas = [inputs.fraction("--gamma", g) for g in texts]
    ds = inputs.load(args)
    bp = reduction_gap.bp_path(ds, args.t_max)
    if not bp.separated and args.t_max is None and not certified_margin(ds).separable:
        raise InputError(f"{args.data}: not linearly separable, so BP never stops: give --t-max T to compare T steps")
    with using(args.arith):
        reports = [reduction_gap.gap(ds, g, t, bp, args.t_max, args.dps, args.arith) for g, t in zip(gammas, texts)]
        smallest = reduction_gap.smallest_power(ds, bp) if args.gammas else None
    # one JSON schema for --gamma and --gammas: a list of step sizes, each with its summary and every step's row
    payload = {"data": {"file": args.data, "n": ds.n, "d": ds.d}, "bp_degenerate": bp.degenerate,
               "gammas": [r.to_json() for r in reports], "smallest_power": smallest}
    human = text.gap_steps(args.data, reports[0]) if args.gamma else text.gap_gammas(args.data, reports, smallest)
    if args.csv:
        write_atomic(args.csv, _csv(reports))
        human += f"\nwrote {args.csv}"
    emit(args, payload, human)
    return 0 if all(r.bound_holds is True for r in reports) else 1


def _csv(reports) -> str:
    buf = text_buffer()
    out = csv.writer(buf, lineterminator="\n")
    out.writerow(["gamma", "t", "gap", "bound", "bound_holds", "gd_mistakes (rows from 1)", "bp_mistakes (rows from 1)",
                  "mistakes_agree", "perceptron_loss", "loss_gap", "loss_bound", "loss_bound_holds"])
    for r in reports:
        for row in map(r.row, r.steps):
            out.writerow([r.gamma_text, row["t"], row["gap_text"], row["bound_text"] or "", row["bound_holds"],
                          _rows_from_1(row["gd_mistakes"]), _rows_from_1(row["bp_mistakes"]),
                          row["mistakes_agree"], row["perceptron_loss"], row["loss_gap_text"],
                          row["loss_bound_text"] or "", row["loss_bound_holds"]])
    return buf.getvalue()
