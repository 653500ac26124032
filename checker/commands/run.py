"""`gdpc run`: one algorithm on one data file (exact perceptrons, certified GD, GP for a model)."""

from __future__ import annotations

from checker.analysis.runs import RunRequest
from checker.analysis.runs import run as run_algorithm
from checker.arith import using
from checker.commands import inputs
from checker.commands.output import emit
from checker.files import check_outputs
from checker.report import text


def main(args) -> int:
    check_outputs(args, "json")
    inputs.check_dps(args.dps)
    ds = inputs.load(args)
    req = RunRequest(args.algo, args.model, args.width, inputs.fraction("--init-scale", args.init_scale), args.seed,
                     inputs.fraction("--gamma", args.gamma), args.gamma, args.dps, args.max_iter, args.arith,
                     args.timeout).validated()
    with using(args.arith):
        out = run_algorithm(ds, req)
    out["data"] = {"file": args.data, "n": ds.n, "d": ds.d}
    emit(args, out, text.run_line(out))
    return 0 if out["separated"] else 1
