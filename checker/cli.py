"""The `gdpc` command line (also `python -m checker`): argparse and thin handlers.

Exit codes: 0 every requested check holds (or the run separated), 1 a check
failed or the data was not separated, 2 bad input or usage, 3 an internal error.
Errors are one line on stderr, never a traceback (GDPC_DEBUG=1 shows one).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import sys
from fractions import Fraction

import derivations
from checker import __version__
from checker.analysis import accel_table as T
from checker.analysis.iteration_bounds import BOUNDS, check_bound
from checker.analysis.runs import ALGORITHMS, RunRequest
from checker.analysis.runs import run as run_algorithm
from checker.arith import CERTIFIED, using
from checker.claims import runner
from checker.claims.core import Context, select
from checker.data import dataset, families
from checker.data.accel_family import check_dimensions
from checker.data.families import FAMILIES, rational
from checker.engines.margin import certified_margin
from checker.errors import InputError
from checker.files import check_outputs, write_atomic
from checker.models.numeric import CATALOG, DESCRIPTIONS
from checker.report import figures, text, writers
from derivations import derivation_check


def main(argv: list[str] | None = None) -> int:
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exc:  # --help (0) or a usage error, already reported in one line (2)
        return exc.code
    try:
        return args.handler(args)
    except InputError as exc:
        print(f"gdpc: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("gdpc: interrupted", file=sys.stderr)
        return 130
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


def _parser() -> argparse.ArgumentParser:
    p = _Parser(prog="gdpc", description="Prove and test claims about gradient descent.")
    p.add_argument("--version", action="version", version=f"gdpc {__version__}")
    sub = p.add_subparsers(dest="command", required=True)

    v = _command(sub, "verify", "check registered claims and write reports", json=False, arith=True)
    v.add_argument("--claim", action="extend", nargs="+", default=[], metavar="ID", help="these IDs or families")
    v.add_argument("--claims-file", action="append", default=[], metavar="PY", help="also load claims from a file")
    v.add_argument("--quick", action="store_true", help="fewer gamma values and a tenth of the examples")
    v.add_argument("--dps", type=int, default=50, help="decimal digits for mpmath checks (default 50)")
    v.add_argument("--jobs", type=int, default=os.cpu_count() or 1, metavar="N", help="worker processes (1: none)")
    v.add_argument("--scheduler", metavar="ADDRESS",
                   help="run the claims on a dask.distributed scheduler (needs `pip install distributed`)")
    v.add_argument("--json", metavar="PATH", help="write the JSON report (- for stdout)")
    v.add_argument("--markdown", metavar="PATH", help="write the Markdown report")
    v.add_argument("--latex", metavar="PATH", help="write the LaTeX report")

    r = _command(sub, "run", "run an algorithm on a data file", arith=True, data=True)
    r.add_argument("--algo", required=True, choices=ALGORITHMS, help="the algorithm")
    r.add_argument("--model", default=None, help="a catalog model (gdpc list --models); default: the linear model")
    r.add_argument("--width", type=int, default=2, help="hidden units of two-layer models (default 2)")
    r.add_argument("--init-scale", default="1", help="theta_0 = s u_0 for nonlinear models (exact decimal)")
    r.add_argument("--seed", type=int, default=0, help="seed of the rational initialization u_0")
    r.add_argument("--gamma", default="1", help="GD step size, any size (e.g. 1e300); exact decimal")
    r.add_argument("--dps", type=int, default=None, help="starting digits for gd (None: 30 + log10 gamma)")
    r.add_argument("--max-iter", type=int, default=100_000, help="iterations at most")
    r.add_argument("--timeout", type=float, default=None, metavar="SECONDS", help="stop after this long (exit 1)")

    d = _command(sub, "derive", "export the SymPy-checked derivations")
    d.add_argument("ids", nargs="*", metavar="ID", help="claim IDs with a derivation (all if none)")
    d.add_argument("--latex", metavar="PATH", help="write a standalone LaTeX document")

    _command(sub, "margin", "certified maximum margin of a data file", data=True)

    b = _command(sub, "bounds", "iteration counts of every perceptron variant next to their bounds", True, True, True)
    b.add_argument("--gamma", default="1", help="step size for Normalized LR+GD (default 1)")

    ds_sub = _command(sub, "dataset", "write a named data family as exact CSV", json=False).add_subparsers(
        dest="family", required=True, metavar="FAMILY")
    for name, family in FAMILIES.items():
        f = ds_sub.add_parser(name, help=family.help, description=family.help,
                              formatter_class=argparse.ArgumentDefaultsHelpFormatter)
        for o in family.options:
            f.add_argument(o.flag, type=o.kind, default=o.default, nargs=o.nargs, help=o.help)
        f.add_argument("--out", required=True, metavar="FILE.csv", help="where to write the exact CSV")

    ac = _command(sub, "accel", "ACCEL: iteration counts against d on A_d, with log-log slopes")
    ac.add_argument("--d-min", type=int, default=16, help="smallest d (powers of 2 from here)")
    ac.add_argument("--d-max", type=int, default=65536, help="largest d")
    ac.add_argument("--c", type=rational, default=Fraction(1), help="intercept value c > 0")
    ac.add_argument("--full-check", type=int, default=64, metavar="D", help="full-dimensional runs too for d <= D")
    ac.add_argument("--study", choices=["intercept", "noise"], action="append", default=[], help="add a study")

    ck = _command(sub, "check", "check a derivation (LaTeX align environments or a Python step list) step by step")
    ck.add_argument("file", metavar="FILE", help=".tex with align/equation environments, or .py defining STEPS")
    ck.add_argument("--latex", metavar="OUT", help="write an annotated copy (a verdict tag per row) that compiles")
    ck.add_argument("--points", type=int, default=60, help="random sample points per step (default 60)")
    ck.add_argument("--seed", type=int, default=0, help="seed of the counterexample search")
    ck.add_argument("--timeout", type=float, default=60, metavar="SECONDS", help="per step; past it: undecided")

    fg = _command(sub, "figures", "figures of LR+GD against the perceptron on real and named data, with a report")
    fg.add_argument("--out", default="reports/figures", metavar="DIR", help="folder for figures, CSV, figures.tex")
    fg.add_argument("--quick", action="store_true", help="short runs (60 iterations, gamma up to 10^3)")
    fg.add_argument("--iterations", type=int, default=None, help="LR+GD iterations per step size (default 100000)")
    fg.add_argument("--quiet", action="store_true", help="no progress bar")

    ls = _command(sub, "list", "list the registered claims")
    ls.add_argument("--models", action="store_true", help="list the model catalog instead")
    ls.add_argument("--markdown", action="store_true", help="the claim catalogue as Markdown (CLAIMS.md)")
    return p


def _command(sub, name: str, help_text: str, json: bool = True, arith: bool = False, data: bool = False):
    """A subcommand whose handler is the function `_<name>`, with the options every command shares."""
    cmd = sub.add_parser(name, help=help_text, description=help_text, epilog=text.EXAMPLES.get(name),
                         formatter_class=text.HelpFormatter)
    cmd.set_defaults(handler=globals()["_" + name])
    if data:
        cmd.add_argument("--data", required=True, metavar="FILE", help="CSV (x_1..x_d,y) or NPZ (X, y)")
    if json:
        cmd.add_argument("--json", action="store_true", help="print JSON instead of text")
    if arith:
        cmd.add_argument("--arith", choices=CERTIFIED, default="arb", help="Arb balls or mpmath intervals")
    return cmd


def _fraction(flag: str, textv: str) -> Fraction:
    try:
        return rational(textv)
    except (ValueError, ZeroDivisionError):
        raise InputError(f"{flag} {textv!r} is not a positive number") from None


def _verify(args) -> int:
    runner.load_builtin()  # built-in IDs first: a user's file that reuses one is refused, not the reverse
    for path in args.claims_file:
        runner.load_file(path)
    claims = runner.load_builtin()
    wanted, unknown = select(claims, args.claim) if args.claim else (list(claims), [])
    if unknown:
        raise InputError(f"unknown claim ID {', '.join(unknown)} (see `gdpc list`)")
    if args.dps < 15:
        raise InputError("--dps must be at least 15")
    if args.jobs < 1:
        raise InputError("--jobs must be at least 1")
    check_outputs(args, "json", "markdown", "latex")
    quiet = args.json == "-"
    if not quiet:
        print(text.verify_header(), flush=True)  # rows follow in catalogue order as each one completes
    ctx = Context(quick=args.quick, dps=args.dps, arith=args.arith)
    executor = runner.distributed_executor(args.scheduler) if args.scheduler else None
    results = runner.run_claims(wanted, ctx, tuple(args.claims_file), args.jobs, executor,
                                on_result=None if quiet else lambda r: print(text.verify_row(r), flush=True))
    written = writers.write_reports(results, writers.environment(args.dps, args.arith), args.json, args.markdown,
                                    args.latex)
    if not quiet:
        print(text.verify_summary(results, written))
    return 0 if all(r.as_expected for r in results) else 1


def _dataset(args) -> int:
    check_outputs(args, "out")
    options = {o.flag.lstrip("-"): getattr(args, o.flag.lstrip("-")) for o in FAMILIES[args.family].options}
    ds = families.build(args.family, options)
    dataset.to_csv(ds, args.out)
    print(f"wrote {args.out}: {ds.name}, n = {ds.n}, d = {ds.d}")
    return 0


def _accel(args) -> int:
    c = args.c
    if args.d_min < 4 or args.d_max < args.d_min:
        raise InputError("need 4 <= --d-min <= --d-max")
    check_dimensions(args.d_min, c)  # larger d only make c^2 (d - 3) > 1 easier
    out = T.report(args.d_min, args.d_max, c, args.full_check, args.study)
    print(json.dumps(out, indent=2, default=str) if args.json else text.accel_text(out))
    return 0 if all(ch["holds"] for ch in out["criteria"]) else 1


def _check(args) -> int:
    check_outputs(args, "latex")
    if not os.path.isfile(args.file):
        raise InputError(f"{args.file}: no such file")
    if args.points < 1:
        raise InputError("--points must be at least 1")
    try:
        result = derivation_check.check_file(args.file, points=args.points, seed=args.seed, timeout=args.timeout)
    except derivation_check.ParseError as exc:
        raise InputError(f"{args.file}: {exc}") from None
    if not result.verdicts:
        raise InputError(f"{args.file}: no steps found (expected align/equation environments or a STEPS list)")
    print(json.dumps(result.to_json(), indent=2, default=str) if args.json else derivation_check.table(result))
    if args.latex:
        write_atomic(args.latex, derivation_check.annotate(result))
        if not args.json:
            print(f"wrote {args.latex}")
    return 0 if result.all_proved else 1


def _figures(args) -> int:
    if any(importlib.util.find_spec(m) is None for m in figures.EXTRAS):
        raise InputError("gdpc figures needs matplotlib, scikit-learn and tqdm: pip install 'gdpc[figures]'")
    if args.iterations is not None and args.iterations < 1:
        raise InputError("--iterations must be at least 1")
    res = figures.build(args.out, quick=args.quick, quiet=args.quiet or args.json, iterations=args.iterations)
    print(json.dumps(res.to_json(), indent=2, default=str) if args.json else figures.summary(res, args.out))
    return 0


def _margin(args) -> int:
    ds = dataset.load(args.data)
    cert = certified_margin(ds)
    out = dict(cert.to_json(), data={"file": args.data, "n": ds.n, "d": ds.d})
    print(json.dumps(out, indent=2) if args.json else text.margin_line(out, cert.separable))
    return 0 if cert.separable else 1


def _bounds(args) -> int:
    ds = dataset.load(args.data)
    cert = certified_margin(ds)
    if not cert.separable:  # a valid input whose answer is "no bound applies": exit 1 with the certificate
        print(json.dumps({"margin": cert.to_json()}, indent=2) if args.json else "no bound applies: "
              + text.margin_line(cert.to_json(), False))
        return 1
    gamma = _fraction("--gamma", args.gamma)
    with using(args.arith):
        rows = [check_bound(cid, ds, cert, gamma).to_json() for cid in BOUNDS]
    if args.json:
        print(json.dumps({"margin": cert.to_json(), "gamma": args.gamma, "bounds": rows}, indent=2))
    else:
        print(text.bounds_table(cert.to_json(), ds.radius_squared(), rows))
    return 0 if all(r["verdict"] == "holds" for r in rows) else 1


def _run(args) -> int:
    ds = dataset.load(args.data)
    req = RunRequest(args.algo, args.model, args.width, _fraction("--init-scale", args.init_scale), args.seed, _fraction(
        "--gamma", args.gamma), args.gamma, args.dps, args.max_iter, args.arith, args.timeout).validated()
    with using(args.arith):
        out = run_algorithm(ds, req)
    out["data"] = {"file": args.data, "n": ds.n, "d": ds.d}
    print(json.dumps(out, indent=2) if args.json else text.run_line(out))
    return 0 if out["separated"] else 1


def _derive(args) -> int:
    check_outputs(args, "latex")
    ids = args.ids or list(derivations.ALL)
    unknown = [i for i in ids if i not in derivations.ALL]
    if unknown:
        raise InputError(f"no derivation for {', '.join(unknown)} (have {', '.join(derivations.ALL)})")
    built = [derivations.ALL[i]() for i in ids]
    if args.latex:
        write_atomic(args.latex, text.derivations_document(built))
    if args.json:
        print(json.dumps([{"id": d.claim_id, "proved": d.proved, "steps": [s.to_json() for s in d.steps]}
                          for d in built], indent=2))
    else:
        print("\n".join(text.derive_line(d) for d in built))
        if args.latex:
            print(f"wrote {args.latex}")
    return 0 if all(d.proved for d in built) else 1


def _list(args) -> int:
    claims = runner.load_builtin().values()
    if args.models:
        print("\n".join(f"{name:<16} {DESCRIPTIONS[name]}" for name in CATALOG))
    elif args.json:
        print(json.dumps([{"id": c.id, "statement": c.statement, "expect": c.expect, "references": list(c.references),
                           "checks": [f"{k.kind}:{k.name}" for k in c.checks]} for c in claims], indent=2))
    else:
        print(text.claims_markdown(claims) if args.markdown else text.claims_list(claims) + "\n", end="")
    return 0
