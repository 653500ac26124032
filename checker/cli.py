"""The `gdpc` command line (also `python -m checker`).

Exit codes: 0 every requested check holds (or the run separated), 1 a check
failed or the data was not separated, 2 bad input or usage, 3 an internal error.
Errors are one line on stderr, never a traceback (GDPC_DEBUG=1 shows one).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from fractions import Fraction

from checker.errors import InputError


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        return args.handler(args)
    except InputError as exc:
        print(f"gdpc: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("gdpc: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # the reader (e.g. `head`) went away: silence the rest of the output
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
    except Exception as exc:  # an internal error: still one line, the traceback on request
        if os.environ.get("GDPC_DEBUG"):
            raise
        print(f"gdpc: internal error: {type(exc).__name__}: {exc} (set GDPC_DEBUG=1 for the traceback)",
              file=sys.stderr)
        return 3


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="gdpc", description="Prove and test claims about gradient descent.")
    sub = p.add_subparsers(dest="command", required=True)

    v = sub.add_parser("verify", help="check registered claims and write reports")
    v.add_argument("--claim", action="append", default=[], metavar="ID", help="check only these claim IDs")
    v.add_argument("--claims-file", action="append", default=[], metavar="PY", help="also load claims from a file")
    v.add_argument("--quick", action="store_true", help="fewer gamma values and a tenth of the examples")
    v.add_argument("--dps", type=int, default=50, help="decimal digits for mpmath checks (default 50)")
    v.add_argument("--json", metavar="PATH", help="write the JSON report (- for stdout)")
    v.add_argument("--markdown", metavar="PATH", help="write the Markdown report")
    v.add_argument("--latex", metavar="PATH", help="write the LaTeX report")
    v.set_defaults(handler=_verify)

    r = sub.add_parser("run", help="run an algorithm on a data file")
    r.add_argument("--data", required=True, metavar="FILE", help="CSV (x_1..x_d,y) or NPZ (X, y)")
    r.add_argument("--algo", required=True,
                   choices=["batch-perceptron", "perceptron", "normalized-batch-perceptron", "gd",
                            "generalized-perceptron"])
    r.add_argument("--model", default=None, help="a catalog model (gdpc list --models); default: the linear model")
    r.add_argument("--width", type=int, default=2, help="hidden units of two-layer models (default 2)")
    r.add_argument("--init-scale", default="1", help="theta_0 = s u_0 for nonlinear models (exact decimal)")
    r.add_argument("--seed", type=int, default=0, help="seed of the rational initialization u_0")
    r.add_argument("--gamma", default="1", help="GD step size, any size (e.g. 1e300); exact decimal")
    r.add_argument("--dps", type=int, default=None, help="mpmath digits for gd (default 30 + log10 gamma)")
    r.add_argument("--max-iter", type=int, default=100_000)
    r.add_argument("--json", action="store_true", help="print JSON")
    r.set_defaults(handler=_run)

    d = sub.add_parser("derive", help="export the SymPy-checked derivations")
    d.add_argument("ids", nargs="*", metavar="ID")
    d.add_argument("--latex", metavar="PATH", help="write a standalone LaTeX document")
    d.add_argument("--json", action="store_true", help="print the steps as JSON")
    d.set_defaults(handler=_derive)

    m = sub.add_parser("margin", help="certified maximum margin of a data file")
    m.add_argument("--data", required=True, metavar="FILE")
    m.add_argument("--json", action="store_true")
    m.set_defaults(handler=_margin)

    b = sub.add_parser("bounds", help="iteration counts of every perceptron variant next to their bounds")
    b.add_argument("--data", required=True, metavar="FILE")
    b.add_argument("--gamma", default="1", help="step size for Normalized LR+GD (default 1)")
    b.add_argument("--json", action="store_true")
    b.set_defaults(handler=_bounds)

    ds_ = sub.add_parser("dataset", help="write a named data family as exact CSV")
    ds_sub = ds_.add_subparsers(dest="family", required=True)
    acc = ds_sub.add_parser("accel", help="A_d: a_i = c e_0 + e_i, y_1 = +1, the other d - 2 labels -1")
    acc.add_argument("--d", type=int, required=True, help="dimension d (n = d - 1 samples)")
    acc.add_argument("--c", default="1", help="intercept value c (exact decimal or p/q, default 1)")
    acc.add_argument("--out", required=True, metavar="FILE.csv")
    acc.set_defaults(handler=_dataset_accel)

    ac = sub.add_parser("accel", help="ACCEL: iteration counts against d on A_d, with log-log slopes")
    ac.add_argument("--d-min", type=int, default=16)
    ac.add_argument("--d-max", type=int, default=65536)
    ac.add_argument("--c", default="1", help="intercept value c (default 1)")
    ac.add_argument("--full-check", type=int, default=64, metavar="D",
                    help="also run the full-dimensional engines for d <= D (default 64)")
    ac.add_argument("--study", choices=["intercept", "noise"], action="append", default=[],
                    help="add the intercept-c study or the noise study")
    ac.add_argument("--json", action="store_true")
    ac.set_defaults(handler=_accel)

    ck = sub.add_parser("check", help="check a derivation (LaTeX align environments or a Python step list) step by step")
    ck.add_argument("file", metavar="FILE", help=".tex with align/equation environments, or .py defining STEPS")
    ck.add_argument("--json", action="store_true")
    ck.add_argument("--latex", metavar="OUT", help="write an annotated copy (a verdict tag per row) that compiles")
    ck.add_argument("--points", type=int, default=60, help="random sample points per step (default 60)")
    ck.add_argument("--seed", type=int, default=0)
    ck.add_argument("--timeout", type=float, default=60, metavar="SECONDS",
                    help="time budget per step; a step past it is undecided (default 60)")
    ck.set_defaults(handler=_check)

    fg = sub.add_parser("figures", help="figures of LR+GD against the perceptron on real and named data, with a report")
    fg.add_argument("--out", default="reports/figures", metavar="DIR")
    fg.add_argument("--quick", action="store_true", help="short runs (60 iterations, gamma up to 10^3)")
    fg.add_argument("--iterations", type=int, default=None, help="LR+GD iterations per step size (default 100000)")
    fg.add_argument("--quiet", action="store_true", help="no progress bar")
    fg.add_argument("--json", action="store_true")
    fg.set_defaults(handler=_figures)

    ls = sub.add_parser("list", help="list the registered claims")
    ls.add_argument("--json", action="store_true")
    ls.add_argument("--models", action="store_true", help="list the model catalog instead")
    ls.set_defaults(handler=_list)
    return p


# -- verify ---------------------------------------------------------------
def _verify(args) -> int:
    from checker.claims import core, runner
    from checker.report import writers as report

    claims = runner.load_builtin()
    for path in args.claims_file:
        runner.load_file(path)
    wanted = args.claim or list(claims)
    unknown = [c for c in wanted if c not in claims]
    if unknown:
        raise InputError(f"unknown claim ID {', '.join(unknown)} (see `gdpc list`)")
    if args.dps < 15:
        raise InputError("--dps must be at least 15")
    ctx = core.Context(quick=args.quick, dps=args.dps)
    results = []
    if args.json != "-":
        print(_header(), flush=True)
    for cid in wanted:
        res = runner.run_claim(claims[cid], ctx)
        results.append(res)
        if args.json != "-":
            print(_row(res), flush=True)
    env = report.environment(args.dps)
    # counterexample CSVs go beside the reports, and their paths into the evidence before rendering
    targets = [p for p in (args.json, args.markdown, args.latex) if p and p != "-"]
    saved = _save_counterexamples(results, os.path.dirname(os.path.abspath(targets[0]))) if targets else []
    # render everything before writing anything: no half-written report set
    outputs = {}
    if args.json:
        outputs[args.json] = json.dumps(report.to_json(results, env), indent=2, default=str) + "\n"
    if args.markdown:
        outputs[args.markdown] = report.to_markdown(results, env)
    if args.latex:
        outputs[args.latex] = report.to_latex(results, env)
    for path, text in outputs.items():
        if path == "-":
            sys.stdout.write(text)
        else:
            report.write_atomic(path, text)

    ok = all(r.as_expected for r in results)
    if args.json != "-":
        n_ok = sum(r.as_expected for r in results)
        if any(r.expect == "refuted" for r in results):
            print("* expected to be refuted (a deliberately false statement)")
        print(f"{n_ok}/{len(results)} claims as expected" + ("" if ok else " -- FAILURES above; details in the reports"))
        for path in list(outputs) + saved:
            if path != "-":
                print(f"wrote {path}")
    return 0 if ok else 1


TABLE = "{:<28} {:<10} {:<28} {:<30} {:<24} {:>7}"


def _header() -> str:
    return TABLE.format("claim", "status", "symbolic", "numeric", "property", "seconds")


def _row(res) -> str:
    from checker.claims.core import status_word

    def cell(kind):
        cs = [c for c in res.checks if c.kind == kind]
        if not cs:
            return "-"
        if kind == "symbolic":
            ev = cs[0].evidence
            cited = len(ev.get("cited_lemmas", []))
            extra = f" ({ev.get('proved_by_sympy')} SymPy" + (f" + {cited} cited)" if cited else ")") if "steps" in ev else ""
            return status_word(cs[0]) + extra
        words = {status_word(c) for c in cs}
        return ", ".join(sorted(words)) + (f" ({len(cs)} checks)" if len(cs) > 1 else "")

    status = res.status + ("" if res.expect == "holds" else "*")
    seconds = sum(c.seconds for c in res.checks)
    return TABLE.format(res.id, status, cell("symbolic"), cell("numeric"), cell("property"), f"{seconds:.1f}")


def _save_counterexamples(results, folder: str) -> list[str]:
    """Each refuted property's counterexample data set as CSV, beside the reports."""
    from checker.data import dataset

    saved = []
    for r in results:
        for c in r.checks:
            example = c.evidence.get("counterexample") if c.status == "refuted" else None
            data = [a for a in (example or []) if isinstance(a, dict) and "X" in a]
            if not data:
                continue
            path = os.path.join(folder, "counterexamples", f"{r.id}.csv")
            ds = dataset.from_rows(data[0]["X"], data[0]["y"], r.id)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            dataset.to_csv(ds, path)
            c.evidence["counterexample_csv"] = path
            c.evidence["counterexample_size"] = {"n": ds.n, "d": ds.d}
            saved.append(path)
    return saved


# -- ACCEL -----------------------------------------------------------------
def _parse_c(text: str) -> Fraction:
    try:
        return Fraction(text)
    except (ValueError, ZeroDivisionError):
        raise InputError(f"--c {text!r} is not a number") from None


def _dataset_accel(args) -> int:
    from checker.data import dataset
    from checker.data.accel_family import accel_dataset

    ds = accel_dataset(args.d, _parse_c(args.c))
    dataset.to_csv(ds, args.out)
    print(f"wrote {args.out}: A_d with d = {args.d}, n = {ds.n}, c = {args.c}")
    return 0


def _accel(args) -> int:
    import time

    from checker.analysis import accel_table as T
    from checker.data.accel_family import check_dimensions

    c = _parse_c(args.c)
    if args.d_min < 4 or args.d_max < args.d_min:
        raise InputError("need 4 <= --d-min <= --d-max")
    check_dimensions(args.d_min, c)  # larger d only make c^2 (d - 3) > 1 easier
    start = time.perf_counter()
    rows = T.build_rows(T.dims(args.d_min, args.d_max), c, full_check_max=args.full_check)
    lo, hi = T.fit_range(rows)
    out = {"claim": "ACCEL", "c": str(c), "alpha": T.ALPHA, "gamma_d^(1/4)": "floor(d^(1/4) 2^20) / 2^20",
           "columns": {col.key: col.label for col in T.COLUMNS}, "rows": [r.to_json() for r in rows],
           "fit_range": [lo, hi], "slopes": T.slopes(rows, lo, hi),
           "slopes_all_d": T.slopes(rows, rows[0].d, rows[-1].d), "criteria": T.verdict(rows)}
    if "intercept" in args.study:
        c_values = [Fraction(1, 2), Fraction(3, 4), Fraction(1), Fraction(3, 2), Fraction(2)]
        out["intercept_study"] = T.intercept_study(c_values, T.dims(max(args.d_min, 64), min(args.d_max, 2 ** 14)))
    if "noise" in args.study:
        out["noise_study"] = T.noise_study(64, [Fraction(k, 64) for k in (0, 1, 4, 8, 16, 32)])
    out["seconds"] = round(time.perf_counter() - start, 2)
    ok = all(ch["holds"] for ch in out["criteria"])
    if args.json:
        print(json.dumps(out, indent=2, default=str))
    else:
        print(_accel_text(out))
    return 0 if ok else 1


def _accel_text(out: dict) -> str:
    keys = list(out["columns"])
    short = {"bp": "BP", "lr-gd-1": "GD1", "lr-gd-10": "GD10", "lr-gd-100": "GD100", "perceptron": "Perc",
             "su-gp-1": "SU-GP1", "su-gd-1": "SU-GD1", "su-gp-q": "SU-GPq", "su-gd-q": "SU-GDq",
             "diag-gp-q": "Diag-GPq"}
    fmt = "{:>8} {:>6}" + " {:>8}" * len(keys)
    lines = [f"ACCEL on A_d (c = {out['c']}); q = d^(1/4) as {out['gamma_d^(1/4)']}, GD from alpha (0, 1), "
             f"alpha = {out['alpha']}",
             fmt.format("d", "lower", *[short.get(k, k) for k in keys])]
    for r in out["rows"]:
        cells = [str(r["counts"][k]) + ("*" if k in r["degenerate"] else "") for k in keys]
        lines.append(fmt.format(r["d"], r["linear_lower_bound"], *cells))
    lo, hi = out["fit_range"]
    lines.append(fmt.format("slope", "", *[f"{out['slopes'][k]:.3f}" if out["slopes"][k] is not None else "-"
                                             for k in keys]) + f"   (fit over d = {lo}..{hi})")
    lines.append("* a margin exactly 0 on the way (degenerate). lower = the lambda bound for batch/GD linear methods.")
    for ch in out["criteria"]:
        lines.append(f"[{'ok' if ch['holds'] else 'FAIL'}] {ch['name']}: {ch['detail']}")
    for entry in out.get("intercept_study", []):
        past = entry["slope_gamma=d^(1/4)_past_threshold"]
        lines.append(f"c = {entry['c']}: slopes " + ", ".join(
            f"{k} {v:.3f}" if v is not None else f"{k} -" for k, v in entry["slopes"].items())
            + f"; gamma=d^(1/4) past d = {entry['d_from_which_d^(1/4)_exceeds_it']} (|alpha_1| > 1): "
            + (f"{past:.3f}" if past is not None else "too few points"))
    for r in out.get("noise_study", []):
        lines.append(f"noise {r['noise']} (d = {r['d']}): Gram bound {r['gram_lower_bound']}, BP {r['bp']}, "
                     f"single unit GP {r['single_unit_gp']}")
    lines.append(f"{out['seconds']} s")
    return "\n".join(lines)


# -- check --------------------------------------------------------------------
def _check(args) -> int:
    from derivations import derivation_check

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
    annotated = derivation_check.annotate(result) if args.latex else None
    if args.json:
        print(json.dumps(result.to_json(), indent=2, default=str))
    else:
        print(derivation_check.table(result))
    if annotated is not None:
        from checker.report.writers import write_atomic

        write_atomic(args.latex, annotated)
        if not args.json:
            print(f"wrote {args.latex}")
    return 0 if result.all_proved else 1


# -- figures ------------------------------------------------------------------
def _figures(args) -> int:
    try:
        import matplotlib  # noqa: F401
        import tqdm  # noqa: F401
    except ImportError:
        raise InputError("gdpc figures needs matplotlib, scikit-learn and tqdm: pip install 'gdpc[figures]'") from None
    from checker.report import figures

    if args.iterations is not None and args.iterations < 1:
        raise InputError("--iterations must be at least 1")
    res = figures.build(args.out, quick=args.quick, quiet=args.quiet or args.json, iterations=args.iterations)
    if args.json:
        print(json.dumps(res.to_json(), indent=2, default=str))
    else:
        a, b = res.hard_pair
        print(f"hard digits pair: {a} vs {b} (smallest certified margin among the pairs examined)")
        for e in res.separation:
            sep = ", ".join(f"eta={k}: {v if v else '>' + str(e['T'])}" for k, v in e["lr_gd_separated_at"].items())
            sg = e.get("smallest_gamma")
            g = "" if sg is None else (f"; LR+GD = BP from gamma = 10^{sg['k']}" if sg.get("k") is not None
                                       else f"; {sg['note']}")
            print(f"{e['data']}: LR+GD separates at {sep}; BP {e['bp_iterations']}{g}")
        print(f"wrote {len(res.files)} files to {args.out} (figures.tex, PNG + PDF + CSV per figure)")
    return 0


# -- margin and bounds ----------------------------------------------------------
def _margin(args) -> int:
    from checker.data import dataset
    from checker.engines.margin import certified_margin

    ds = dataset.load(args.data)
    cert = certified_margin(ds)
    out = cert.to_json()
    out["data"] = {"file": args.data, "n": ds.n, "d": ds.d}
    if args.json:
        print(json.dumps(out, indent=2))
    elif cert.separable:
        exact = f"mu^2 = {out['margin_squared']} exactly, " if cert.exact else ""
        print(f"separable: margin in [{out['margin_lo']}, {out['margin_hi']}] ({exact}certified)")
    else:
        support = ", ".join(f"{w} * sample {int(i) + 1}" for i, w in out["certificate"]["lambda"].items())
        print(f"not separable: sum_i lambda_i y_i a_i = 0 with lambda = {support}")
    return 0 if cert.separable else 1


def _bounds(args) -> int:
    from checker.data import dataset
    from checker.analysis.iteration_bounds import BOUNDS, check_bound
    from checker.engines.margin import certified_margin

    ds = dataset.load(args.data)
    cert = certified_margin(ds)
    if not cert.separable:
        raise InputError(f"{args.data}: not linearly separable (run `gdpc margin` for the certificate)")
    gamma = Fraction(_parse_gamma(args.gamma))
    rows = [check_bound(cid, ds, cert, gamma).to_json() for cid in BOUNDS]
    if args.json:
        print(json.dumps({"margin": cert.to_json(), "gamma": args.gamma, "bounds": rows}, indent=2))
    else:
        print(f"margin in [{cert.to_json()['margin_lo']}, {cert.to_json()['margin_hi']}]; R^2 = {ds.radius_squared()}")
        fmt = "{:<18} {:<30} {:>10} {:>24} {:>10}"
        print(fmt.format("claim", "algorithm", "iterations", "bound", "verdict"))
        for r in rows:
            print(fmt.format(r["claim"], r["algorithm"], str(r["iterations"]), r["bound"][:24], r["verdict"]))
    return 0 if all(r["verdict"] == "holds" for r in rows) else 1


# -- run --------------------------------------------------------------------
def _run(args) -> int:
    from checker.data import dataset
    from checker.engines import perceptron

    ds = dataset.load(args.data)
    if args.max_iter < 1:
        raise InputError("--max-iter must be at least 1")
    if args.model is not None or args.algo == "generalized-perceptron":
        out = _run_model(args, ds)
    elif args.algo == "gd":
        from checker.engines.logistic_gd import gd_linear

        gamma = _parse_gamma(args.gamma)
        result = gd_linear(ds, gamma, max_iter=args.max_iter, dps=args.dps)
        out = result.to_json()
        if result.undecided:
            out["note"] = "a margin's sign is undecided at this precision; raise --dps"
    else:
        result = perceptron.run(ds, args.algo, max_iter=args.max_iter)
        out = result.to_json()
    out["data"] = {"file": args.data, "n": ds.n, "d": ds.d}
    if args.json:
        print(json.dumps(out, indent=2))
    else:
        print(_run_line(out))
    return 0 if out["separated"] else 1


def _run_model(args, ds) -> dict:
    """GD or GP for a catalog model from theta_0 = s u_0 (exact GP where the model is rational)."""
    from derivations.models import homogeneity

    from checker.engines.generalized_perceptron import gd_nonlinear, generalized_perceptron, initial_parameters
    from checker.models.symbolic import CATALOG, build

    name = args.model or "linear"
    if name not in CATALOG:
        raise InputError(f"unknown model {name!r} (catalog: {', '.join(CATALOG)})")
    if args.algo not in ("gd", "generalized-perceptron"):
        raise InputError(f"--model works with --algo gd or generalized-perceptron, not {args.algo}")
    if args.width < 1:
        raise InputError("--width must be at least 1")
    scale = Fraction(_parse_gamma(args.init_scale))
    gamma = Fraction(_parse_gamma(args.gamma))
    if name == "single-unit":
        return _run_single_unit(args, ds, scale, gamma)
    model = build(name, ds.d, args.width)
    degree = homogeneity(model)[0]
    u0 = initial_parameters(model, args.seed)
    theta0 = [scale * v for v in u0]
    if args.algo == "generalized-perceptron":
        out = generalized_perceptron(model, ds, theta0, gamma, max_iter=args.max_iter).to_json(model, degree)
    else:
        run = gd_nonlinear(model, ds, theta0, gamma, args.max_iter, dps=args.dps or 40)
        out = {"algorithm": "gd", "model": name, "degree": degree, "iterations": run.iterations,
               "separated": run.separated, "degenerate": False, "arithmetic": "mpmath", "dps": run.dps,
               "signs_confirmed_at_dps+20": run.confirmed,
               "final": [mpmath_str(v) for v in run.steps[-1][0]]}
    out.update({"width": model.width, "init_scale": args.init_scale, "seed": args.seed, "gamma": args.gamma,
                "u0": [str(v) for v in u0]})
    return out


def _run_single_unit(args, ds, scale, gamma) -> dict:
    """v w^T a from s (0, 1) through the sparse engines; its degree 2 is proved in GP-REDUCTION:single-unit.

    Building the SymPy model (and proving its homogeneity) costs O(d^2) symbolic work,
    minutes at d = 1024, and the fast engines do not need it.
    """
    from checker.engines import single_unit
    from checker.data.dataset import fraction_str

    u0 = [Fraction(0)] * ds.d + [Fraction(1)]
    theta0 = [scale * v for v in u0]
    if args.algo == "generalized-perceptron":
        run = single_unit.generalized_perceptron(ds, theta0, gamma, max_iter=args.max_iter)
        out = {"algorithm": "generalized-perceptron", "iterations": run.iterations, "separated": run.separated,
               "degenerate": run.degenerate, "ties": [(s.t, list(s.ties)) for s in run.steps if s.ties],
               "arithmetic": "exact", "dps": None, "stopped": run.stopped or None,
               "final": [fraction_str(v) for v in run.steps[-1].theta]}
    else:
        out = single_unit.gd(ds, theta0, gamma, args.max_iter, dps=args.dps or 30)
        out.pop("undecided", None)
        out["degenerate"] = False
    out.update({"model": "single-unit", "degree": 2, "width": 1, "init_scale": args.init_scale, "seed": None,
                "gamma": args.gamma, "u0": "w = 0, v = 1"})
    return out


def mpmath_str(v) -> str:
    import mpmath

    return mpmath.nstr(v, 30)


def _parse_gamma(text: str) -> str:
    try:
        g = Fraction(text)
    except (ValueError, ZeroDivisionError):
        raise InputError(f"--gamma {text!r} is not a number") from None
    if g <= 0:
        raise InputError("--gamma must be positive")
    return text


def _run_line(out: dict) -> str:
    how = out["arithmetic"] + (f", {out['dps']} digits" if out.get("dps") else
                               f", carrier {out['carrier']}" if out.get("carrier") else "")
    if out.get("model"):
        how += f"; model {out['model']}, degree {out['degree'] if out['degree'] is not None else 'none (not homogeneous)'}"
    if out["separated"]:
        line = f"{out['algorithm']}: separated after {out['iterations']} iterations ({how})"
        if out["arithmetic"] == "exact":
            line += "; " + ("DEGENERATE (a margin is exactly 0 along the way)" if out["degenerate"] else "not degenerate")
        return line
    why = out.get("note") or "not separated within --max-iter (the data may not be linearly separable)"
    return f"{out['algorithm']}: {why} ({how})"


# -- derive -----------------------------------------------------------------
def _derive(args) -> int:
    import derivations

    from checker.report.writers import write_atomic

    ids = args.ids or list(derivations.ALL)
    unknown = [i for i in ids if i not in derivations.ALL]
    if unknown:
        raise InputError(f"no derivation for {', '.join(unknown)} (have {', '.join(derivations.ALL)})")
    built = [derivations.ALL[i]() for i in ids]
    if args.latex:
        write_atomic(args.latex, derivations_document(built))
    if args.json:
        print(json.dumps([{"id": d.claim_id, "proved": d.proved, "steps": [s.to_json() for s in d.steps]}
                          for d in built], indent=2))
    else:
        for d in built:
            print(f"{d.claim_id:<22} {'PROVED' if d.proved else 'NOT PROVED'}  "
                  f"{sum(s.status == 'proved' for s in d.steps)}/{len(d.steps)} steps by SymPy, "
                  f"{sum(s.status == 'cited' for s in d.steps)} cited")
        if args.latex:
            print(f"wrote {args.latex}")
    return 0 if all(d.proved for d in built) else 1


def derivations_document(built) -> str:
    from derivations.steps import latex_text

    parts = [r"""\documentclass[11pt]{article}
\usepackage[margin=2cm]{geometry}
\usepackage{amsmath,amssymb}
\allowdisplaybreaks
\begin{document}
\section*{gdpc derivations}
Every step below was checked by SymPy when it was generated (differences simplified to zero, limits computed
and cross-checked numerically, signs established from assumptions); steps marked \emph{cited} are textbook
lemmas that SymPy did not prove.
"""]
    for d in built:
        parts.append(f"\\subsection*{{\\texttt{{{latex_text(d.claim_id)}}}: {d.title}}}\n")
        if d.setting:
            parts.append(f"\\noindent Setting: {d.setting}\n")
        parts.append(d.latex_body())
    parts.append("\\end{document}\n")
    return "\n".join(parts)


# -- list -------------------------------------------------------------------
def _list(args) -> int:
    from checker.claims import core, runner

    if args.models:
        from checker.models.symbolic import CATALOG, build

        for name in CATALOG:
            print(f"{name:<16} {build(name, 2, 2).description}")
        return 0
    claims = runner.load_builtin()
    if args.json:
        print(json.dumps([{"id": c.id, "statement": c.statement, "expect": c.expect,
                           "checks": [f"{k.kind}:{k.name}" for k in c.checks]} for c in claims.values()], indent=2))
    else:
        for c in claims.values():
            print(f"{c.id:<22} {', '.join(sorted({k.kind for k in c.checks}))}")
    return 0
