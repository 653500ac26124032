"""What each `gdpc` subcommand does, given its parsed arguments (cli.py builds the parser).

Every handler returns the exit code: 0 every requested check holds (or the run separated),
1 a check failed or the data was not separated, 2 bad input. `emit` gives every reporting
command the same `--json [PATH]`: JSON on stdout, or the text on stdout and JSON in PATH.
"""

from __future__ import annotations

import csv
import importlib.util
import sys
import time
from fractions import Fraction
from math import isqrt

import derivations
from checker.analysis import accel_families, reduction_gap
from checker.analysis import accel_table as T
from checker.analysis.iteration_bounds import BOUNDS, check_bound
from checker.analysis.runs import RunRequest
from checker.analysis.runs import run as run_algorithm
from checker.arith import MAX_DPS, using
from checker.claims import runner
from checker.claims.core import Context, select
from checker.claims.evidence import json_text
from checker.data import dataset, families
from checker.data.accel_family import check_dimensions
from checker.data.families import FAMILIES, MAX_CELLS, rational
from checker.engines.margin import certified_margin
from checker.errors import InputError
from checker.files import check_folder, check_input, check_outputs, text_buffer, write_atomic
from checker.lifetime import signals_deferred
from checker.models.numeric import CATALOG, DESCRIPTIONS
from checker.progress import MIN_PERIOD, STATE, RunTimeout, step_line, watch
from checker.report import figures, text, writers
from checker.user_code import set_memory_limit
from derivcheck import files as derivation_check


def emit(args, payload, human: str) -> None:
    """--json alone (or -): JSON on stdout; --json PATH: the text on stdout and the JSON written to PATH."""
    target = getattr(args, "json", None)
    if target == "-":
        print(json_text(payload))
        return
    print(human)
    if target:
        write_atomic(target, json_text(payload) + "\n")
        print(f"wrote {target}")


# what a command can be asked for and still answer in reasonable time: beyond these the work is refused up front
MIN_DPS = 15  # the claims' numeric checks compare against tolerances that need at least this many digits
MAX_POINTS = 100_000  # the counterexample search draws its points before judging them: 10^8 of them fill memory
MAX_FIGURE_ITERATIONS = 10_000_000  # the figures run LR+GD this long for each of 7 step sizes and 4 data sets
MAX_ACCEL_D = 2**20
MAX_JOBS = 256  # worker processes of verify: each is a fork of this process
MAX_GAP_STEPS = 100_000  # gap --t-max: one report row per step and γ (measured: 10^4 steps, 10 s and 5.6 MB of JSON)
MAX_FULL_CHECK = isqrt(MAX_CELLS)


def check_dps(dps: int | None) -> None:
    """--dps is the starting precision; runs raise it themselves, up to MAX_DPS, when a sign needs more."""
    if dps is not None and not MIN_DPS <= dps <= MAX_DPS:
        raise InputError(f"--dps {dps}: give {MIN_DPS} to {MAX_DPS} digits (the most a run escalates to; the "
                         "digits a large gamma needs, 30 + log10 gamma, are added without --dps)")


def _load(args) -> dataset.Dataset:
    if args.max_digits < 1:
        raise InputError("--max-digits must be at least 1")
    if args.max_entries < 1:
        raise InputError("--max-entries must be at least 1")
    ds = dataset.load(args.data, args.max_entries)
    dataset.check_exact_size(ds, args.max_digits)
    return ds


def _fraction(flag: str, textv: str) -> Fraction:
    try:
        return rational(textv)
    except (ValueError, ZeroDivisionError) as exc:
        why = str(exc).split(": ", 1)[1] if "exponent" in str(exc) else "is not a positive number"
        raise InputError(f"{flag} {textv!r}{':' if 'exponent' in why else ''} {why}") from None


def _memory(args) -> None:
    """--max-memory: the cap of every box that runs a user's code (checker.user_code)."""
    if args.max_memory < 1:
        raise InputError(f"--max-memory {args.max_memory}: give the memory in MB, at least 1")
    set_memory_limit(args.max_memory)


def _verify(args) -> int:
    check_outputs(args, "json", "markdown", "latex")  # before a user's claims file runs any of its code
    _memory(args)
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


def _dataset(args) -> int:
    check_outputs(args, "out")
    options = {o.flag.lstrip("-"): getattr(args, o.flag.lstrip("-")) for o in FAMILIES[args.family].options}
    ds = families.build(args.family, options)
    dataset.to_csv(ds, args.out)
    print(f"wrote {args.out}: {ds.name}, n = {ds.n}, d = {ds.d}")
    return 0


def _accel(args) -> int:
    if args.family != "a-d":  # its own d values: --d-max caps them, the A_d options do not apply
        check_outputs(args, "json")
        return _accel_family(args)
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
    return 0 if all(ch["holds"] for ch in out["criteria"]) else 1


def _accel_family(args) -> int:
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


def _check(args) -> int:
    if (args.file is None) == (args.data is None):
        raise InputError("give the derivation as FILE or as --data FILE (one of them)")
    args.file = args.file or args.data
    check_outputs(args, "latex", "json")
    check_input(args.file, "derivation file")
    _memory(args)
    if not 1 <= args.points <= MAX_POINTS:
        raise InputError(f"--points {args.points}: give 1 to {MAX_POINTS} sample points per step")
    try:
        with step_line("gdpc check", show=None if args.json != "-" else False) as progress:
            result = derivation_check.check_file(args.file, points=args.points, seed=args.seed,
                                                 timeout=args.timeout, progress=progress)
    except derivation_check.ParseError as exc:
        raise InputError(f"{args.file}: {exc}") from None
    if not result.verdicts:
        raise InputError(f"{args.file}: no steps found (expected align/equation environments or a STEPS list)")
    if args.latex:
        write_atomic(args.latex, derivation_check.annotate(result))
    emit(args, result.to_json(), derivation_check.table(result) + (f"\nwrote {args.latex}" if args.latex else ""))
    return 0 if result.all_proved else 1


def _figures(args) -> int:
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


def _margin(args) -> int:
    check_outputs(args, "json")
    ds = _load(args)
    cert = certified_margin(ds)
    out = dict(cert.to_json(), data={"file": args.data, "n": ds.n, "d": ds.d})
    emit(args, out, text.margin_line(out, cert.separable))
    return 0 if cert.separable else 1


def _bounds(args) -> int:
    check_outputs(args, "json")
    gamma = _fraction("--gamma", args.gamma)
    ds = _load(args)
    cert = certified_margin(ds)
    if not cert.separable:  # a valid input whose answer is "no bound applies": exit 1 with the certificate
        emit(args, {"margin": cert.to_json()}, "no bound applies: " + text.margin_line(cert.to_json(), False))
        return 1
    with using(args.arith):
        rows = [check_bound(cid, ds, cert, gamma).to_json() for cid in BOUNDS]
    emit(args, {"margin": cert.to_json(), "gamma": args.gamma, "bounds": rows},
         text.bounds_table(cert.to_json(), ds.radius_squared(), rows))
    return 0 if all(r["verdict"] == "holds" for r in rows) else 1


def _run(args) -> int:
    check_outputs(args, "json")
    check_dps(args.dps)
    ds = _load(args)
    req = RunRequest(args.algo, args.model, args.width, _fraction("--init-scale", args.init_scale), args.seed, _fraction(
        "--gamma", args.gamma), args.gamma, args.dps, args.max_iter, args.arith, args.timeout).validated()
    with using(args.arith):
        out = run_algorithm(ds, req)
    out["data"] = {"file": args.data, "n": ds.n, "d": ds.d}
    emit(args, out, text.run_line(out))
    return 0 if out["separated"] else 1


def _derive(args) -> int:
    check_outputs(args, "latex", "json")
    ids = args.ids or list(derivations.ALL)
    unknown = [i for i in ids if i not in derivations.ALL]
    if unknown:
        raise InputError(f"no derivation for {', '.join(unknown)} (have {', '.join(derivations.ALL)})")
    built = [derivations.ALL[i]() for i in ids]
    if args.latex:
        write_atomic(args.latex, text.derivations_document(built))
    emit(args, [{"id": d.claim_id, "proved": d.proved, "steps": [s.to_json() for s in d.steps]} for d in built],
         "\n".join(text.derive_line(d) for d in built) + (f"\nwrote {args.latex}" if args.latex else ""))
    return 0 if all(d.proved for d in built) else 1


def _list(args) -> int:
    check_outputs(args, "json")
    claims = runner.load_builtin().values()
    if args.models:
        emit(args, [{"model": name, "description": DESCRIPTIONS[name]} for name in CATALOG],
             "\n".join(f"{name:<16} {DESCRIPTIONS[name]}" for name in CATALOG))
    elif args.markdown:
        print(text.claims_markdown(claims), end="")
    else:
        emit(args, [{"id": c.id, "statement": c.statement, "expect": c.expect, "references": list(c.references),
                     "checks": [f"{k.kind}:{k.name}" for k in c.checks]} for c in claims], text.claims_list(claims))
    return 0


def _rows_from_1(indices) -> str:
    return "?" if indices is None else " ".join(str(i + 1) for i in indices)


def _gap(args) -> int:
    check_outputs(args, "json", "csv")
    if (args.gamma is None) == (args.gammas is None):
        raise InputError("give --gamma G (the per-step table) or --gammas G1,G2,... (a table over step sizes)")
    if args.t_max is not None and not 1 <= args.t_max <= MAX_GAP_STEPS:
        raise InputError(f"--t-max {args.t_max}: give 1 to {MAX_GAP_STEPS} steps (one report row per step)")
    check_dps(args.dps)
    texts = [args.gamma] if args.gamma else [g.strip() for g in args.gammas.split(",")]
    if not all(texts):  # "1,,2" is a slip, not two step sizes
        raise InputError(f"--gammas {args.gammas!r}: give step sizes separated by commas, e.g. --gammas 1,1e10,1e300")
    gammas = [_fraction("--gamma", g) for g in texts]
    ds = _load(args)
    bp = reduction_gap.bp_path(ds, args.t_max)
    if not bp.separated and args.t_max is None and not certified_margin(ds).separable:
        raise InputError(f"{args.data}: not linearly separable, so BP never stops: give --t-max T to compare T steps")
    with using(args.arith):
        reports = [reduction_gap.gap(ds, g, t, bp, args.t_max, args.dps, args.arith) for g, t in zip(gammas, texts)]
        smallest = reduction_gap.smallest_power(ds, bp) if args.gammas else None
    data = {"file": args.data, "n": ds.n, "d": ds.d}
    if args.gamma:
        payload = dict(reports[0].to_json(), data=data, bp_degenerate=bp.degenerate)
        human = text.gap_steps(args.data, reports[0])
    else:
        payload = {"data": data, "bp_degenerate": bp.degenerate, "gammas": [r.summary() for r in reports],
                   "smallest_power": smallest}
        human = text.gap_gammas(args.data, reports, smallest)
    if args.csv:
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
        write_atomic(args.csv, buf.getvalue())
        human += f"\nwrote {args.csv}"
    emit(args, payload, human)
    return 0 if all(r.bound_holds is True for r in reports) else 1


HANDLERS = {"verify": _verify, "dataset": _dataset, "accel": _accel, "check": _check, "figures": _figures, "margin": _margin, "bounds": _bounds, "run": _run, "derive": _derive, "list": _list, "gap": _gap}
