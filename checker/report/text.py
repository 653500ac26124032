"""Plain-text and LaTeX renderings for the command line: the verify table, run and bounds lines, the ACCEL table,
and the derivations document. Formatting only: every number comes from the layers below."""

from __future__ import annotations

import textwrap

import mpmath

from checker.claims.core import status_word
from checker.latex_escape import latex_text


def count(n: int, noun: str) -> str:
    """'1 iteration', '2 iterations': the count with its noun (regular plurals only)."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


TABLE = "{:<28} {:<10} {:<28} {:<30} {:<24} {:>7}"


def verify_header() -> str:
    return TABLE.format("claim", "status", "symbolic", "numeric", "property", "seconds")


def verify_row(res) -> str:
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


def verify_summary(results, written: list[str]) -> str:
    ok = all(r.as_expected for r in results)
    lines = ["* expected to be refuted (a deliberately false statement)"] if any(
        r.expect == "refuted" for r in results) else []
    lines.append(f"{sum(r.as_expected for r in results)}/{len(results)} claims as expected"
                 + ("" if ok else " -- FAILURES above; details in the reports"))
    return "\n".join(lines + [f"wrote {path}" for path in written])


def run_line(out: dict) -> str:
    how = out["arithmetic"] + (f", carrier {out['carrier']}" if out.get("carrier") else "")
    if out.get("model"):
        how += f"; model {out['model']}, degree {out['degree'] if out['degree'] is not None else 'none (not homogeneous)'}"
    if out["separated"]:
        line = f"{out['algorithm']}: separated after {count(out['iterations'], 'iteration')} ({how})"
        if out["arithmetic"] == "exact":
            line += "; " + ("DEGENERATE (a margin is exactly 0 along the way)" if out["degenerate"] else "not degenerate")
        return line
    why = out.get("stopped") or out.get("note") or (
        f"not separated within --max-iter {out['max_iter']} iterations" if out.get("model")
        else "not separated within --max-iter (the data may not be linearly separable)")
    return f"{out['algorithm']}: {why} ({how})"


def compact(value: str, width: int = 24) -> str:
    """An exact "p/q" or integer text as it is when short, else as a 10-digit decimal (the exact one is in --json)."""
    if len(value) <= width:
        return value
    try:
        num, _, den = value.partition("/")
        with mpmath.workdps(15):
            return mpmath.nstr(mpmath.mpf(int(num)) / int(den or 1), 10)
    except ValueError:
        pass
    mantissa, e, exponent = value.partition("e")
    if e and len(exponent.lstrip("+-")) > 12:  # 1.2e-2467...(300 digits): the exponent is the information
        with mpmath.workdps(30):
            log10 = mpmath.mpf(exponent) + mpmath.log10(abs(mpmath.mpf(mantissa)))
            return ("-" if mantissa.startswith("-") else "") + f"10^({mpmath.nstr(log10, 10)})"
    if e and "." in mantissa:  # shorten the mantissa only: an exponent is never cut (1e-1233791234 is not 1e-1233791)
        keep = max(len(mantissa) - (len(value) - width), mantissa.index(".") + 2)
        return mantissa[:keep] + e + exponent
    return value  # wider than the column rather than wrong


def margin_line(out: dict, separable: bool) -> str:
    if separable:
        m2 = out.get("margin_squared") or ""
        exact = "" if not out.get("exact") else (f"mu^2 = {m2} exactly, " if len(m2) <= 60 else
                                                 f"mu^2 ~ {compact(m2)}, exact as a {len(m2)}-character p/q in --json, ")
        return f"separable: margin in [{out['margin_lo']}, {out['margin_hi']}] ({exact}certified)"
    support = ", ".join(f"{w} * sample {int(i) + 1}" for i, w in out["certificate"]["lambda"].items())
    return f"not separable: sum_i lambda_i y_i a_i = 0 with lambda = {support}"


def bounds_table(margin: dict, r2, rows: list[dict]) -> str:
    lines = [f"margin in [{margin['margin_lo']}, {margin['margin_hi']}]; R^2 = {compact(str(r2), 60)}"]
    fmt = "{:<18} {:<30} {:>10} {:>24} {:>10}"
    lines.append(fmt.format("claim", "algorithm", "iterations", "bound", "verdict"))
    for r in rows:
        lines.append(fmt.format(r["claim"], r["algorithm"], str(r["iterations"]), compact(r["bound"]), r["verdict"]))
    return "\n".join(lines)


ACCEL_SHORT = {"bp": "BP", "lr-gd-1": "GD1", "lr-gd-10": "GD10", "lr-gd-100": "GD100", "perceptron": "Perc",
               "su-gp-1": "SU-GP1", "su-gd-1": "SU-GD1", "su-gp-q": "SU-GPq", "su-gd-q": "SU-GDq",
               "diag-gp-q": "Diag-GPq"}


def accel_text(out: dict) -> str:
    keys = list(out["columns"])
    fmt = "{:>8} {:>6}" + " {:>8}" * len(keys)
    lines = [f"ACCEL on A_d (c = {out['c']}); q = d^(1/4) as {out['gamma_d^(1/4)']}, GD from alpha (0, 1), "
             f"alpha = {out['alpha']}",
             fmt.format("d", "lower", *[ACCEL_SHORT.get(k, k) for k in keys])]
    for r in out["rows"]:
        cells = [str(r["counts"][k]) + ("*" if k in r["degenerate"] else "") for k in keys]
        lines.append(fmt.format(r["d"], r["linear_lower_bound"], *cells))
    lo, hi = out["fit_range"]
    lines.append(fmt.format("slope", "", *[f"{out['slopes'][k]:.3f}" if out["slopes"][k] is not None else "-"
                                             for k in keys]) + f"   (fit over d = {lo}..{hi})")
    lines.append("* a margin exactly 0 on the way (degenerate). lower = the lambda bound for batch/GD linear methods.")
    for ch in out["criteria"]:
        mark = "too short" if ch["holds"] is None else "ok" if ch["holds"] else "FAIL"
        lines.append(f"[{mark}] {ch['name']}: {ch['detail']}")
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


def family_text(out: dict) -> str:
    """`gdpc accel --family F`: one row per variant and d, then each method's slope (mean, range over variants)."""
    keys = list(out["methods"])
    fmt = "{:<22} {:>5} {:>5}" + " {:>8}" * len(keys)
    lines = [f"ACCEL family '{out['family']}': {out['description']}",
             fmt.format("variant", "d", "n", *keys)]
    for r in out["rows"]:
        cells = ["-" if r.get(k) is None else str(r[k]) + ("*" if k in r["degenerate"] else "") for k in keys]
        lines.append(fmt.format(r["variant"], r["d"], r["n"], *cells))
    for k, label in out["methods"].items():
        sl = out["slopes"].get(k)
        lines.append(f"slope {k:<8} ({label}): " + ("-" if sl is None else
                     f"{sl['mean']:.3f} (range {sl['min']:.3f}..{sl['max']:.3f} over {sl['variants']} variants)"))
    if "same_as_A_d" in out:
        lines.append("BP and the single unit take exactly A_d's counts on every rotated copy: "
                     + ("yes" if out["same_as_A_d"] else "NO (an engine bug)"))
    lines.append("* a margin exactly 0 on the way (degenerate; counted as a mistake). "
                 "gram = the lower bound for BP and LR+GD at every step size, from each data set's Gram matrix; "
                 "'stalled' = GP stopped moving (dead ReLU units); - = not separated within 4d + 200 steps or not run "
                 "(ReLU beyond d = 64 or n = 128)")
    lines.append(f"{out['seconds']} s")
    return "\n".join(lines)


def derivations_document(built) -> str:
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


def derive_line(d) -> str:
    return (f"{d.claim_id:<22} {'PROVED' if d.proved else 'NOT PROVED'}  "
            f"{sum(s.status == 'proved' for s in d.steps)}/{len(d.steps)} steps by SymPy, "
            f"{sum(s.status == 'cited' for s in d.steps)} cited")


def claims_list(claims) -> str:
    """`gdpc list`: one aligned line per claim, with its evidence kinds and its source."""
    lines = [f"{'claim':<28} {'checks':<28} source", f"{'':<4}statement"]
    for c in claims:
        kinds = ", ".join(sorted({k.kind for k in c.checks}))
        lines.append(f"{c.id:<28} {kinds:<28} {'; '.join(c.references) or '-'}"
                     + ("  (false on purpose)" if c.expect == "refuted" else ""))
        lines += textwrap.wrap(c.statement, 110, initial_indent="    ", subsequent_indent="    ")
    return "\n".join(lines)


def claims_markdown(claims) -> str:
    """The project's claim catalogue (CLAIMS.md), generated from the registry: `gdpc list --markdown > CLAIMS.md`."""
    lines = ["# Claims", "", "Generated by `gdpc list --markdown` from the registry (`checker/claims/`); "
             "`tests/test_claims.py` checks that this file is current. Each claim is checked by `gdpc verify`; "
             "[proofs_notes/](proofs_notes/README.md) has a short proof per claim.", "",
             "Sources: [P1] A. Tyurin, *From Logistic Regression to the Perceptron Algorithm: Exploring Gradient "
             "Descent with Large Step Sizes* (2024). [P2] A. Tyurin, *Gradient Descent as a Perceptron Algorithm: "
             "Understanding Dynamics and Implicit Acceleration*, arXiv 2512.11587 (2025). \"ours\": stated and checked "
             "here.", "", "| ID | statement | source | checks |", "|---|---|---|---|"]
    for c in claims:
        statement = c.statement.replace("|", "\\|")
        if c.expect == "refuted":
            statement = "**False on purpose, must be refuted.** " + statement
        kinds = ", ".join(sorted({k.kind for k in c.checks}))
        lines.append(f"| `{c.id}` | {statement} | {'; '.join(c.references) or '-'} | {kinds} |")
    return "\n".join(lines) + "\n"


def _verdict(v) -> str:
    return {True: "holds", False: "FAILS", None: "undecided"}[v]


def _mistakes(m) -> str:
    return "?" if m is None else ("{}" if not m else "{" + ",".join(str(i + 1) for i in m) + "}")


def gap_steps(path: str, rep) -> str:
    """`gdpc gap --gamma G`: one row per step t (samples numbered from 1, as in the data file)."""
    s = rep.summary()
    head = (f"{path}: LR+GD at gamma = {rep.gamma_text} against the Batch Perceptron ({s['arithmetic']}); "
            f"BP separates at t = {rep.bp.iterations}" if rep.bp.separated else f"{path}: LR+GD at gamma = "
            f"{rep.gamma_text} against the Batch Perceptron ({s['arithmetic']}); BP does not separate")
    fmt = "{:>5}  {:>18}  {:>18}  {:>9}  {:>14}  {:>14}  {:>12}  {:>16}"
    lines = [head, fmt.format("t", "||th/g - p_t||", "bound B_t", "bound", "GD mistakes", "BP mistakes",
                              "PL(p_t)", "|f/g - PL|")]
    for r in map(rep.row, rep.steps):
        lines.append(fmt.format(r["t"], compact(r["gap_text"], 18), compact(r["bound_text"] or "-", 18),
                                "-" if r["bound_text"] is None else _verdict(r["bound_holds"]),
                                compact(_mistakes(r["gd_mistakes"]), 14), compact(_mistakes(r["bp_mistakes"]), 14),
                                compact(r["perceptron_loss"], 12), compact(r["loss_gap_text"], 16)))
    applies = sum(1 for st in rep.steps if st.bound is not None)
    lines.append(f"rate bound (LIN-REDUCTION-RATE): {_verdict(rep.bound_holds)} at the {applies} of {len(rep.steps)} "
                 f"steps where it applies (R B_t < m_t); mistake sets: "
                 + {True: "GD's equal BP's at every step", None: "a GD sign is undecided",
                    False: f"differ first at t = {rep.first_disagreement}"}[rep.mistakes_agree])
    return "\n".join(lines)


def gap_gammas(path: str, reports, smallest: dict | None) -> str:
    """`gdpc gap --gammas ...`: one row per step size."""
    fmt = "{:>10}  {:>16}  {:>10}  {:>22}  {:>8}  {:>8}"
    lines = [f"{path}: LR+GD against the Batch Perceptron ({reports[0].summary()['arithmetic']} at the first gamma)",
             fmt.format("gamma", "max gap", "bound", "mistake sets", "GD sep.", "BP sep.")]
    for rep in reports:
        s = rep.summary()
        agree = {True: "equal BP's", None: "undecided", False: f"differ at t = {s['first_disagreement']}"}
        lines.append(fmt.format(rep.gamma_text, compact(s["max_gap_text"], 16), _verdict(s["bound_holds"]),
                                agree[s["mistake_sets_agree"]], str(s["gd_iterations"] or "-"),
                                str(s["bp_iterations"] or "-")))
    if smallest is not None:
        lines.append(f"smallest gamma = 10^k from which every step's mistake set is BP's: 10^{smallest['k']}"
                     if smallest.get("k") is not None else f"no gamma = 10^k reproduces BP: {smallest.get('note')}")
    return "\n".join(lines)
