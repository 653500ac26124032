"""`gdpc figures`: the figures of LR+GD against the perceptron, their CSV data and a LaTeX report."""

from __future__ import annotations

import importlib.util

from checker.commands.output import emit
from checker.errors import InputError
from checker.files import check_folder, check_outputs
from checker.report import figures

MAX_FIGURE_ITERATIONS = 10_000_000  # the figures run LR+GD this long for each of 7 step sizes and 4 data sets


def main(args) -> int:
    if any(importlib.util.find_spec(m) is None for m in figures.EXTRAS):
        raise InputError("gdpc figures needs matplotlib, scikit-learn and tqdm: pip install 'gd-perceptron-checker[figures]'")
    if args.iterations is not None and not 1 <= args.iterations <= MAX_FIGURE_ITERATIONS:
        raise InputError(f"--iterations {args.iterations}: give 1 to {MAX_FIGURE_ITERATIONS} LR+GD iterations per "
                         "step size")
    check_outputs(args, "json")
    check_folder(args.out, "--out")
    res = figures.build(args.out, quick=args.quick, quiet=args.quiet or args.json == "-", iterations=args.iterations)
    emit(args, res.to_json(), figures.summary(res, args.out))
    return 0
