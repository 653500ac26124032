"""Reports of a verify run: JSON for machines, Markdown for people, LaTeX for papers.

All three are rendered in memory first and then written with an atomic rename,
so a failed run never leaves a half-written report behind.
"""

from __future__ import annotations

import os
import platform
import sys

import flint
import hypothesis
import mpmath
import numpy
import sympy

from checker import __version__
from checker.claims.core import ClaimResult, status_word
from checker.claims.evidence import json_text
from checker.data import dataset
from checker.files import write_atomic
from checker.latex_escape import latex_text


def environment(dps: int, arith: str = "arb") -> dict:
    return {"gdpc": __version__, "python": platform.python_version(), "sympy": sympy.__version__,
            "mpmath": mpmath.__version__, "numpy": numpy.__version__, "hypothesis": hypothesis.__version__,
            "dps": dps, "python-flint": flint.__version__, "certified arithmetic": arith}


def to_json(results: list[ClaimResult], env: dict) -> dict:
    return {"claims": [r.to_json() for r in results], "environment": env,
            "all_as_expected": all(r.as_expected for r in results)}


def _check_summary(check) -> str:
    ev = check.evidence
    if check.kind == "symbolic":
        s = f"{ev.get('proved_by_sympy', 0)}/{ev.get('steps', 0)} steps by SymPy"
        if ev.get("cited_lemmas"):
            s += f", {len(ev['cited_lemmas'])} cited"
        if ev.get("failed_steps"):
            s += f", failed at {ev['failed_steps']}"
        return s
    if check.kind == "property":
        if check.status == "refuted":
            return f"counterexample after {ev.get('examples_run')} examples"
        return "Hypothesis, fixed seed"
    if check.status == "error":
        return ev.get("error", "")
    return check.name.replace("_", " ")


def to_markdown(results: list[ClaimResult], env: dict) -> str:
    lines = ["# gdpc verification report", "",
             "Evidence kinds are kept apart: *proved* (SymPy), *holds numerically* (mpmath / exact), "
             "*holds on N examples* (Hypothesis), *refuted*.", "",
             "| claim | status | symbolic | numeric | property |", "|---|---|---|---|---|"]
    for r in results:
        cells = []
        for kind in ("symbolic", "numeric", "property"):
            cs = [c for c in r.checks if c.kind == kind]
            cells.append("<br>".join(_md(f"{status_word(c)}: {_check_summary(c)}", cell=True) for c in cs) or "—")
        status = r.status + ("" if r.expect == "holds" else " (expected refuted)")
        lines.append(f"| {r.id} | **{status}** | " + " | ".join(cells) + " |")
    lines += ["", "## Statements", ""]
    lines += [f"- **{r.id}**: {_md(r.statement)}" + (f" *Source: {_md('; '.join(r.references))}.*" if r.references
                                                    else "") for r in results]
    refuted = [(r, c) for r in results for c in r.checks if c.status == "refuted" and c.kind == "property"]
    if refuted:
        lines += ["", "## Counterexamples", ""]
        for r, c in refuted:
            lines.append(f"- {r.id} / {c.name}: `{json_text(c.evidence.get('counterexample'), indent=None)}`")
    lines += ["", "## Environment", "", ", ".join(f"{k} {v}" for k, v in env.items()), ""]
    return "\n".join(lines)


def _md(text: str, cell: bool = False) -> str:
    """A user's text on one Markdown line: a newline would end the list item or the table row (and start a
    heading), a | inside a table cell would start a new column."""
    text = " ".join(str(text).split())
    return text.replace("|", "\\|") if cell else text


def latex_escape(text: str) -> str:
    return latex_text(text)


def to_latex(results: list[ClaimResult], env: dict) -> str:
    rows = []
    for r in results:
        cells = []
        for kind in ("symbolic", "numeric", "property"):
            cs = [c for c in r.checks if c.kind == kind]
            cells.append("; ".join(f"{status_word(c)} ({_check_summary(c)})" for c in cs) or "--")
        rows.append(" & ".join(latex_escape(x) for x in [r.id, r.status] + cells) + r" \\ \hline")
    statements = "\n".join(rf"\item[\texttt{{{latex_escape(r.id)}}}] {latex_escape(r.statement)}"
                           + (rf" \emph{{Source: {latex_escape('; '.join(r.references))}.}}" if r.references else "")
                           for r in results)
    env_line = latex_escape(", ".join(f"{k} {v}" for k, v in env.items()))
    return rf"""\documentclass[10pt]{{article}}
\usepackage[margin=1.5cm,landscape]{{geometry}}
\usepackage{{array,longtable}}
\begin{{document}}
\section*{{gdpc verification report}}
Evidence kinds are kept apart: \emph{{proved}} (SymPy), \emph{{holds numerically}} (mpmath or exact arithmetic),
\emph{{holds on $N$ examples}} (Hypothesis), \emph{{refuted}}.

\begin{{longtable}}{{|p{{4.2cm}}|p{{1.7cm}}|p{{5.6cm}}|p{{5.2cm}}|p{{5.2cm}}|}}
\hline
claim & status & symbolic & numeric & property \\ \hline
\endhead
{chr(10).join(rows)}
\end{{longtable}}

\subsection*{{Statements}}
\begin{{description}}
{statements}
\end{{description}}

\noindent\small Environment: {env_line}.
\end{{document}}
"""


def save_counterexamples(results, folder: str) -> list[str]:
    """Each refuted property's counterexample data set as CSV, beside the reports; paths go into the evidence."""
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


def render_all(results, env: dict, json_path, markdown_path, latex_path) -> dict:
    """Every requested report rendered in memory first: a failure leaves no half-written set."""
    outputs = {}
    if json_path:
        outputs[json_path] = json_text(to_json(results, env)) + "\n"
    if markdown_path:
        outputs[markdown_path] = to_markdown(results, env)
    if latex_path:
        outputs[latex_path] = to_latex(results, env)
    return outputs


def write_reports(results, env: dict, json_path, markdown_path, latex_path) -> list[str]:
    """Counterexample CSVs beside the reports (their paths go into the evidence first), then every report,
    rendered before anything is written; "-" writes to stdout. Returns the paths written."""
    targets = [p for p in (json_path, markdown_path, latex_path) if p and p != "-"]
    saved = save_counterexamples(results, os.path.dirname(targets[0]) or ".") if targets else []
    outputs = render_all(results, env, json_path, markdown_path, latex_path)
    for path, body in outputs.items():
        if path == "-":
            sys.stdout.write(body)
        else:
            write_atomic(path, body)
    return [p for p in outputs if p != "-"] + saved
