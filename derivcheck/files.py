"""`gdpc check`: a whole derivation file through the verdict engine, as a table, JSON, or annotated LaTeX."""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from typing import Callable

import sympy as sp

from checker.latex_escape import latex_text
from derivcheck.budget import StepTimeout, time_budget
from derivcheck.memory_budget import MEMORY_MB
from derivcheck.reader.document import ParseError, read, read_latex
from derivcheck.verdicts import POINTS, SEED, TIMEOUT, StepVerdict, check

PROVED, REFUTED, NOT_PROVED = 0, 1, 4  # gdpc check's exit codes (2 is bad input, as for every command)
SHORT = {"proved": "proved", "holds for d <= 4": "d<=4", "numerically holds, not proved": "numerically",
         "refuted": "REFUTED", "unparsed": "unparsed", "undecided": "undecided", "cited": "cited"}


@dataclass
class FileCheck:
    path: str
    text: str | None  # the LaTeX source (None for a Python file)
    verdicts: list[StepVerdict] = field(default_factory=list)
    spans: list = field(default_factory=list)  # row span of each verdict's step
    seconds: float = 0.0

    @property
    def all_proved(self) -> bool:
        return bool(self.verdicts) and all(v.verdict == "proved" for v in self.verdicts)

    @property
    def exit_code(self) -> int:
        """What `gdpc check` exits with: 1 a step is refuted; 0 every step is proved (a row marked `% cited` is the
        author's cited lemma, reported and not checked, and does not count against it); otherwise NOT_PROVED, so
        that a script can tell a wrong derivation from an unfinished proof."""
        if any(v.verdict == "refuted" for v in self.verdicts):
            return REFUTED
        if self.verdicts and all(v.verdict in ("proved", "cited") for v in self.verdicts):
            return PROVED
        return NOT_PROVED

    def certificates(self) -> list[tuple[str, str]]:
        """(file name, SMT-LIB text) of every step a decision procedure proved: the query whose unsat proved it."""
        out = []
        for v in self.verdicts:
            if v.verdict == "proved" and v.certificate:
                name = f"step-{v.index:03d}-line-{v.line if v.line is not None else 0}.smt2"
                header = (f"; gdpc check {self.path}, step {v.index} (line {v.line}): {_cut(v.lhs, 80)} {v.relation} "
                          f"{_cut(v.rhs, 80)}\n; proved by {v.method}\n; expected answer: unsat (no counterexample "
                          "exists)\n")
                out.append((name, header + v.certificate))
        return out

    def counts(self) -> dict:
        out: dict[str, int] = {}
        for v in self.verdicts:
            out[v.verdict] = out.get(v.verdict, 0) + 1
        return out

    def _repr_markdown_(self) -> str:
        """Jupyter: the step table as Markdown."""
        lines = ["| step | line | verdict | relation and evidence |", "|---|---|---|---|"]
        lines += [f"| {v.index} | {v.line if v.line is not None else '-'} | {SHORT[v.verdict]} | "
                  f"`{_summary(v).replace('|', '/')}` |" for v in self.verdicts]
        return "\n".join(lines)

    def to_json(self) -> dict:
        return {"file": self.path, "all_proved": self.all_proved, "exit_code": self.exit_code, "counts": self.counts(),
                "seconds": round(self.seconds, 2), "steps": [v.to_json() for v in self.verdicts]}


def check_file(path: str, points: int = POINTS, seed: int = SEED, timeout: float | None = TIMEOUT,
               progress: Callable[[int, int, int | None], None] | None = None,
               memory_mb: int | None = MEMORY_MB) -> FileCheck:
    """Every step of a LaTeX file (or a Python STEPS file); raises ParseError for an unreadable file.
    `progress(k, n, line)` is called before step k of n is checked (a long file shows where it is); a step past
    `timeout` seconds or `memory_mb` MB is undecided."""
    if path.endswith(".py"):
        return _check_steps(path, None, *_reading(read, path, timeout), points, seed, timeout, progress, memory_mb)
    try:
        with open(path, encoding="utf-8-sig") as fh:
            text = fh.read()
    except UnicodeDecodeError as exc:
        raise ParseError(f"not a UTF-8 text file (byte {exc.start})") from None
    except OSError as exc:
        raise ParseError(f"cannot read the file ({exc.strerror})") from None
    return check_latex(text, points, seed, timeout, path=path, progress=progress, memory_mb=memory_mb)


def check_latex(text: str, points: int = POINTS, seed: int = SEED, timeout: float | None = TIMEOUT,
                path: str = "<text>", progress: Callable[[int, int, int | None], None] | None = None,
                memory_mb: int | None = MEMORY_MB) -> FileCheck:
    """Every step of a LaTeX string: the same result object as check_file."""
    return _check_steps(path, text, *_reading(read_latex, text, timeout), points, seed, timeout, progress,
                        memory_mb)


def _reading(reader, source, timeout):
    """The reader's (steps, assumptions), within one step's budget: a Python step file runs the user's code, and
    a file that never finishes defining its steps must not hang `gdpc check`; nesting deeper than Python's
    recursion limit is an unreadable file, not an internal error."""
    try:
        with time_budget(timeout):
            return reader(source)
    except StepTimeout:
        raise ParseError(f"reading the steps took longer than --timeout {timeout:g} s") from None
    except RecursionError:
        raise ParseError("nested too deeply to read (Python's recursion limit)") from None


def _check_steps(path, text, steps, assumptions, points, seed, timeout, progress=None,
                 memory_mb=MEMORY_MB) -> FileCheck:
    t0 = time.perf_counter()
    result = FileCheck(path, text)
    for k, step in enumerate(steps, 1):
        if progress is not None:
            progress(k, len(steps), step.line)
        result.verdicts.append(check(step, k, assumptions, points=points, seed=seed, timeout=timeout,
                                     memory_mb=memory_mb))
        result.spans.append(step.row_span)
    result.seconds = time.perf_counter() - t0
    return result


def table(result: FileCheck) -> str:
    fmt = "{:>4} {:>5}  {:<12} {}"
    lines = [fmt.format("step", "line", "verdict", "relation and evidence")]
    for v in result.verdicts:
        lines.append(fmt.format(v.index, v.line if v.line is not None else "-", SHORT[v.verdict], _summary(v)))
    counts = ", ".join(f"{n} {SHORT[k]}" for k, n in result.counts().items())
    lines.append(f"{count(len(result.verdicts), 'step')}: {counts} ({result.seconds:.1f} s)")
    return "\n".join(lines)


def count(n: int, noun: str) -> str:
    """'1 step', '2 steps': the count with its noun (regular plurals only), for every table and line we print."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _summary(v: StepVerdict) -> str:
    hint = v.evidence.get("hint")
    return _summary_of(v) + (f"; {hint}" if hint else "")


def _summary_of(v: StepVerdict) -> str:
    rel = f"{_cut(v.lhs)} {v.relation} {_cut(v.rhs)}" if v.lhs else _cut(v.source, 60)
    ev = v.evidence
    if v.verdict == "proved":
        return f"{rel}   [{v.method}]"
    if v.verdict == "refuted":
        subs = ", ".join(f"{k} = {x}" for k, x in ev["counterexample"].items()) or "(no variables)"
        return f"{rel}   fails at {subs}: lhs = {ev['lhs']}, rhs = {ev['rhs']} ({ev['certified_by']})"
    if v.verdict == "numerically holds, not proved":
        unproved = ev.get("unproved_in")
        where = f"; no proof in d = {', '.join(map(str, unproved))}" if unproved else "; no proof found"
        return f"{rel}   held at {count(ev['points_held'], 'point')} (certified){where}"
    if v.verdict == "holds for d <= 4":
        return f"{rel}   holds exactly in d = 1..4; not proved for every d"
    if v.verdict == "cited":
        return f"{rel}   cited lemma, not sampled"
    return f"{rel}   {ev.get('reason', '')}"


def _cut(s: str, n: int = 40) -> str:
    s = " ".join(s.split())
    return s if len(s) <= n else s[: n - 3] + "..."


def annotate(result: FileCheck) -> str:
    """The LaTeX with a \\tag* per checked row naming its verdicts, and a list of counterexamples; compiles."""
    if result.text is None:
        return _python_report(result)
    text = result.text
    rows: dict[tuple, list[StepVerdict]] = {}
    for v, span in zip(result.verdicts, result.spans):
        if span is not None:
            rows.setdefault(span, []).append(v)
    for (a, b), vs in sorted(rows.items(), reverse=True):
        words = []
        for v in vs:
            w = SHORT[v.verdict] + (f" ({v.index})" if len(vs) > 1 else "")
            words.append(w)
        row = re.sub(r"\\(notag|nonumber)(?![a-zA-Z])|\\tag\*?\{[^{}]*\}", "", text[a:b]).rstrip()
        text = text[:a] + row + f" \\tag*{{\\textsf{{{latex_text(', '.join(words))}}}}}" + \
            ("\n" if text[a:b].endswith("\n") else " ") + text[b:]
    notes = _notes(result)
    if "\\documentclass" not in text:
        text = ("\\documentclass[11pt]{article}\n\\usepackage{amsmath,amssymb}\n\\begin{document}\n" + text +
                "\n" + notes + "\\end{document}\n")
    elif "\\end{document}" in text:
        i = text.rindex("\\end{document}")
        text = text[:i] + notes + text[i:]
    return text


def _notes(result: FileCheck) -> str:
    lines = ["\\section*{gdpc check}", "\\begin{itemize}"]
    for v in result.verdicts:
        lines.append(f"\\item Step {v.index} (line {v.line}): \\textsf{{{latex_text(SHORT[v.verdict])}}}. "
                     f"{_evidence_tex(v)}")
    lines.append("\\end{itemize}\n")
    return "\n".join(lines)


def _python_report(result: FileCheck) -> str:
    return ("\\documentclass[11pt]{article}\n\\usepackage{amsmath,amssymb}\n\\begin{document}\n"
            f"Steps of \\texttt{{{latex_text(result.path)}}}.\n" + _notes(result) + "\\end{document}\n")


def _evidence_tex(v: StepVerdict) -> str:
    """The relation and its evidence typeset: maths in math mode, words escaped."""
    rel = f"${v.tex}$" if v.tex else latex_text(_cut(v.source, 80))
    ev = v.evidence
    if v.verdict == "refuted":
        point = ", ".join(f"${_tex_symbol(k)} = {_tex_value(x)}$" for k, x in ev["counterexample"].items())
        return (f"{rel}. Fails at {point or 'every point'}: left side ${_tex_value(ev['lhs'])}$, right side "
                f"${_tex_value(ev['rhs'])}$ ({latex_text(ev['certified_by'])}).")
    if v.verdict == "proved":
        return f"{rel}. {latex_text(v.method)}."
    if v.verdict == "unparsed":
        return f"{rel}. Not read: {latex_text(ev.get('reason', ''))}."
    return f"{rel}. {latex_text(_summary(v).split('   ', 1)[-1])}."


def _tex_symbol(name: str) -> str:
    try:
        return sp.latex(sp.Symbol(name))
    except Exception:  # a name SymPy cannot typeset: print it as text
        return "\\text{" + latex_text(name) + "}"


def _tex_value(x: str) -> str:
    if x in ("undefined", "not real", "?"):
        return "\\text{" + x + "}"
    try:
        return sp.latex(sp.sympify(x))
    except Exception:  # not a number SymPy reads back: print it as text
        return "\\text{" + latex_text(x) + "}"
