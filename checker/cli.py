"""The `gdpc` command line (also `python -m checker`): the parser, and the dispatch to `checker/commands/`.

The parser is built from light modules only (`checker.choices`, `checker.usage`), and `main` imports the one
module of `checker/commands/` that the command needs (`COMMANDS`), so `gdpc --version` and `gdpc --help` load no
numerical library and `gdpc run` never loads SymPy (tests/test_startup.py pins what each command imports).

Exit codes: 0 every requested check holds (or the run separated), 1 a check
failed or the data was not separated, 2 bad input or usage, 3 an internal error,
4 nothing failed but something could not be judged (`accel`: a fit range too short for a slope;
`check`: no step refuted but some step not proved), 128 + N ended by signal N (SIGINT 130, SIGHUP 129,
SIGTERM 143: workers stopped, no report written), 141 the reader of the output went away.
Errors are one line on stderr, never a traceback (GDPC_DEBUG=1 shows one).
"""

from __future__ import annotations

import argparse
import importlib
import os
import signal
import sys
import threading
import time
from fractions import Fraction

from checker import __version__
from checker.choices import (
    ACCEL_FAMILIES,
    ALGORITHMS,
    CERTIFIED,
    DATASET_FAMILIES,
    DEFAULT_MEMORY_MB,
    MAX_ENTRIES,
    MAX_EXACT_DIGITS,
)
from checker.errors import InputError
from checker.exact_text import rational
from checker.lifetime import Interrupted, signals_end_the_run
from checker.progress import STATE, RunTimeout, watch
from checker.usage import EXAMPLES, HelpFormatter

# the module of checker/commands/ that runs each subcommand (its `main(args)`), imported only when that command runs
COMMANDS = {name: f"checker.commands.{name}" for name in
            ("verify", "run", "derive", "margin", "bounds", "dataset", "accel", "check", "figures", "gap")}
COMMANDS["list"] = "checker.commands.claims_list"


def entry() -> None:
    """The `gdpc` command: main(), then exit, even if a user's claims file or step file left a thread running
    (the interpreter would wait for it at exit, for ever if it never ends, after every answer was printed)."""
    code = main()
    deadline = time.monotonic() + 1.0  # our own (a worker pool's manager) end within it
    for t in threading.enumerate():
        if t is not threading.main_thread() and not t.daemon:
            t.join(max(0.0, deadline - time.monotonic()))
    if any(t.is_alive() and not t.daemon for t in threading.enumerate() if t is not threading.main_thread()):
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    sys.exit(code)


def main(argv: list[str] | None = None) -> int:
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exc:  # --help (0) or a usage error, already reported in one line (2)
        return exc.code if isinstance(exc.code, int) else 2
    try:
        with signals_end_the_run():  # SIGTERM and SIGHUP end the run as Ctrl-C does
            handler = importlib.import_module(COMMANDS[args.command]).main
            if args.command in TIMED:  # run, verify and accel stop themselves and say where; these stop here
                with watch(args.timeout):
                    return handler(args)
            return handler(args)
    except RunTimeout as exc:
        print(f"gdpc: {exc} ({STATE['what'] or 'reading the data'}); no result written", file=sys.stderr)
        return 1
    except InputError as exc:
        print(f"gdpc: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt as exc:  # workers stopped, nothing half-written: exit 128 + the signal's number
        stop = exc if isinstance(exc, Interrupted) else Interrupted(signal.SIGINT)
        print(f"gdpc: interrupted by {stop.name}", file=sys.stderr)
        return stop.exit_code
    except BrokenPipeError:  # the reader (e.g. `head`) went away: silence the rest of the output
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
    except Exception as exc:  # an internal error: still one line, the traceback on request
        if os.environ.get("GDPC_DEBUG"):
            raise
        print(f"gdpc: internal error: {type(exc).__name__}: {exc} (set GDPC_DEBUG=1 for the traceback)",
              file=sys.stderr)
        return 3


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # one line and exit 2, like every other input error (subcommands inherit it)
        self.exit(2, f"gdpc: error: {message} (see `{self.prog} --help`)\n")


TIMED = ("margin", "bounds", "gap")


def _seconds(value: str) -> float:
    seconds = float(value)
    if not seconds > 0 or seconds == float("inf"):
        raise argparse.ArgumentTypeError(f"{value!r}: a timeout is a positive number of seconds")
    return seconds


def _json_path(value: str) -> str:
    # `gdpc check --json derivation.tex` must not overwrite the derivation with JSON
    if value != "-" and not value.lower().endswith(".json"):
        raise argparse.ArgumentTypeError(f"{value!r}: a JSON path ends in .json (put --json last to print JSON)")
    return value


def _parser() -> argparse.ArgumentParser:
    p = _Parser(prog="gdpc", description="Prove and test claims about gradient descent.")
    p.add_argument("--version", action="version", version=f"gdpc {__version__}")
    sub = p.add_subparsers(dest="command", required=True)

    v = _command(sub, "verify", "check registered claims and write reports", arith=True)
    v.add_argument("--claim", action="extend", nargs="+", default=[], metavar="ID", help="these IDs or families")
    v.add_argument("--claims-file", action="append", default=[], metavar="PY", help="also load claims from a file")
    v.add_argument("--quick", action="store_true", help="fewer gamma values and a tenth of the examples")
    v.add_argument("--dps", type=int, default=50, metavar="N", help="decimal digits for mpmath checks")
    v.add_argument("--jobs", type=int, default=os.cpu_count() or 1, metavar="N", help="worker processes (1: none)")
    v.add_argument("--scheduler", metavar="ADDRESS",
                   help="run the claims on a dask.distributed scheduler (needs `pip install distributed`)")
    v.add_argument("--timeout", type=_seconds, default=None, metavar="SECONDS",
                   help="stop after this long (exit 1, no report); default: no limit")
    v.add_argument("--max-memory", type=int, default=DEFAULT_MEMORY_MB, metavar="MB",
                   help="memory a claims file's code may use, per claim, in MB")
    v.add_argument("--markdown", metavar="PATH", help="write the Markdown report")
    v.add_argument("--latex", metavar="PATH", help="write the LaTeX report")

    r = _command(sub, "run", "run an algorithm on a data file", arith=True, data=True)
    r.add_argument("--algo", required=True, choices=ALGORITHMS, help="the algorithm")
    r.add_argument("--model", default=None, metavar="MODEL",
                   help="a catalog model (gdpc list --models); default: the linear model")
    r.add_argument("--width", type=int, default=2, metavar="K", help="hidden units of two-layer models")
    r.add_argument("--init-scale", default="1", metavar="S", help="theta_0 = S u_0 for nonlinear models (exact decimal)")
    r.add_argument("--seed", type=int, default=0, metavar="N", help="seed of the rational initialization u_0")
    r.add_argument("--gamma", default="1", metavar="G", help="GD step size, any size (e.g. 1e300); exact decimal")
    r.add_argument("--dps", type=int, default=None, metavar="N", help="starting digits for gd (default: 30 + log10 gamma)")
    r.add_argument("--max-iter", type=int, default=100_000, metavar="T", help="iterations at most")
    r.add_argument("--timeout", type=_seconds, default=None, metavar="SECONDS", help="stop after this long (exit 1)")

    d = _command(sub, "derive", "export the SymPy-checked derivations")
    d.add_argument("ids", nargs="*", metavar="ID", help="claim IDs with a derivation (all if none)")
    d.add_argument("--latex", metavar="PATH", help="write a standalone LaTeX document")

    _command(sub, "margin", "certified maximum margin of a data file", data=True)

    b = _command(sub, "bounds", "iteration counts of every perceptron variant next to their bounds", True, True, True)
    b.add_argument("--gamma", default="1", metavar="G", help="step size for Normalized LR+GD")

    ds_sub = _command(sub, "dataset", "write a named data family as exact CSV", json=False).add_subparsers(
        dest="family", required=True, metavar="FAMILY")
    for name, (family_help, options) in DATASET_FAMILIES.items():
        f = ds_sub.add_parser(name, help=family_help, description=family_help, formatter_class=HelpFormatter)
        for o in options:
            f.add_argument(o.flag, type=o.kind, default=o.default, nargs=o.nargs, metavar=o.metavar, help=o.help)
        f.add_argument("--out", required=True, metavar="FILE.csv", help="where to write the exact CSV")

    ac = _command(sub, "accel", "ACCEL: iteration counts against d on A_d, with log-log slopes")
    ac.add_argument("--d-min", type=int, default=16, metavar="D", help="smallest d (powers of 2 from here)")
    ac.add_argument("--d-max", type=int, default=None, metavar="D",
                    help="largest d (default: 65536 on A_d, 16384 for a family)")
    ac.add_argument("--c", type=rational, default=Fraction(1), metavar="C", help="intercept value c > 0")
    ac.add_argument("--full-check", type=int, default=64, metavar="D", help="full-dimensional runs too for d <= D")
    ac.add_argument("--study", choices=["intercept", "noise"], action="append", default=[],
                    help="add a study (repeat for both)")
    ac.add_argument("--family", choices=["a-d", *ACCEL_FAMILIES], default="a-d",
                    help="a-d: the table on A_d; the others: counts against d on that family, slopes over its "
                         "variants (rare: k rare positives, noisy, rotated, planted, digits); --d-max caps their d")
    ac.add_argument("--data", metavar="FILE", help="one data set (CSV or NPZ): every count, and the hypotheses of "
                    "ACCEL's bound checked along the single unit's run, with the bound where they hold")
    ac.add_argument("--jobs", type=int, default=os.cpu_count() or 1, metavar="N",
                    help="worker processes for --family (1: none)")
    ac.add_argument("--variants", metavar="V1,V2,...", type=lambda s: s.split(","),
                    help="only these variants of --family (e.g. k=1,k=2 of rare); default: all")
    ac.add_argument("--timeout", type=_seconds, default=None, metavar="SECONDS",
                    help="stop after this long (exit 1); default: no limit")

    ck = _command(sub, "check", "check a derivation (every display environment of a LaTeX file, or a Python step list) step by step")
    ck.add_argument("file", nargs="?", metavar="FILE", help=".tex with display environments (align, equation, \\[...\\], ...), or .py defining STEPS")
    ck.add_argument("--data", metavar="FILE", help="the same file, given as everywhere else")
    ck.add_argument("--latex", metavar="OUT", help="write an annotated copy (a verdict tag per row) that compiles")
    ck.add_argument("--points", type=int, default=60, metavar="N", help="random sample points per step")
    ck.add_argument("--seed", type=int, default=0, metavar="N", help="seed of the counterexample search")
    ck.add_argument("--max-memory", type=int, default=DEFAULT_MEMORY_MB, metavar="MB",
                    help="per step, the memory checking it may add (past it: undecided), and what a Python step "
                    "file's code may use, in MB (default %(default)s)")
    ck.add_argument("--timeout", type=_seconds, default=60, metavar="SECONDS",
                    help="per step; past it: undecided (default %(default)s); the step being checked shows on a terminal")
    ck.add_argument("--smt2", metavar="DIR", help="write the SMT-LIB query that proved each step a decision procedure "
                    "proved (one file per step, expected answer unsat), for a reviewer to re-check with any solver")

    fg = _command(sub, "figures", "figures of LR+GD against the perceptron on real and named data, with a report")
    fg.add_argument("--out", default="reports/figures", metavar="DIR", help="folder for figures, CSV, figures.tex")
    fg.add_argument("--quick", action="store_true", help="short runs (60 iterations, gamma up to 10^3)")
    fg.add_argument("--iterations", type=int, default=None, metavar="T",
                    help="LR+GD iterations per step size (default: 100000, 60 with --quick)")
    fg.add_argument("--quiet", action="store_true", help="no progress bar")
    fg.add_argument("--families", metavar="DIR", help="draw the ACCEL-families figure from the saved outputs of "
                    "`gdpc accel --family F --json DIR/results_accel_F.json` (each family to d = 2^14 takes minutes) "
                    "instead of running the families again")

    g = _command(sub, "gap", "the reduction on your data: ||theta_t/gamma - p_t|| per step, its bound, mistake sets",
                 arith=True, data=True)
    g.add_argument("--gamma", metavar="G", help="one step size (exact decimal, any size, e.g. 1e300): the per-step table")
    g.add_argument("--gammas", metavar="G1,G2,...", help="several step sizes: one row each, and the smallest 10^k "
                   "from which GD's mistake sets are BP's")
    g.add_argument("--t-max", type=int, default=None, metavar="T", help="compare steps 1..T (default: until BP "
                   "separates)")
    g.add_argument("--dps", type=int, default=None, metavar="N",
                   help="starting digits (default: 30 + log10 gamma; raised as needed)")
    g.add_argument("--csv", metavar="OUT", help="write every (gamma, t) row as CSV")

    ls = _command(sub, "list", "list the registered claims")
    ls.add_argument("--models", action="store_true", help="list the model catalog instead")
    ls.add_argument("--markdown", action="store_true", help="the claim catalogue as Markdown (CLAIMS.md)")
    return p


def _command(sub, name: str, help_text: str, json: bool = True, arith: bool = False, data: bool = False):
    """A subcommand whose handler is the function `_<name>`, with the options every command shares."""
    cmd = sub.add_parser(name, help=help_text, description=help_text, epilog=EXAMPLES.get(name),
                         formatter_class=HelpFormatter)
    if data:
        cmd.add_argument("--data", required=True, metavar="FILE", help="CSV (x_1..x_d,y) or NPZ (X, y)")
        if name in TIMED:
            cmd.add_argument("--timeout", type=_seconds, default=None, metavar="SECONDS",
                             help="stop after this long (exit 1); default: no limit; progress shows on a terminal")
        cmd.add_argument("--max-digits", type=int, default=MAX_EXACT_DIGITS, metavar="N",
                         help="refuse data whose exact integers (entries times their common denominator) need more "
                              "digits than this")
        cmd.add_argument("--max-entries", type=int, default=MAX_ENTRIES, metavar="N",
                         help="refuse data files with more values (rows times columns) than this")
    if json:
        cmd.add_argument("--json", nargs="?", const="-", type=_json_path, metavar="PATH",
                         help="JSON on stdout (--json) or written to PATH.json, the text still printed")
    if arith:
        cmd.add_argument("--arith", choices=CERTIFIED, default="arb", help="Arb balls or mpmath intervals")
    return cmd
