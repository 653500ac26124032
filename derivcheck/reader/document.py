"""Reading a researcher's derivation: LaTeX display environments (or a Python step list) into steps.

Environments: align, align*, equation, equation*, gather, gather*, multline,
multline*, flalign, flalign*, eqnarray, eqnarray*, and \\[ ... \\]; aligned, split
and gathered blocks inside them contribute their rows. Each row (`\\\\`-separated)
is read by the strict reader (`notation`) as `a REL b REL c ...`; a row that
starts with a relation continues from the previous row's last side. A trailing
`, \\quad \\text{for } x > 0` is a side condition: read as an assumption for that
step, ignored when it is only words (`\\text{by Cauchy--Schwarz}`), and the step
is unparsed when it is words that would change the claim (`\\text{for positive } x`).
Simple `\\newcommand`/`\\def` macros are expanded first. Every row that gives no
step is reported, with its reason.

Declarations are comment lines (`declarations` explains them); an environment
uses every declaration above it, a later one for the same name winning. A row
carrying `% cited` is a cited lemma: reported, not checked.

Python: a file defining STEPS = [(lhs, relation, rhs), ...] with SymPy
expressions (symbols carry their own assumptions) and optionally ASSUME, a string
in the `% assume:` syntax (ranges and sets, for the numeric search).
"""

from __future__ import annotations

import re
import runpy
from dataclasses import dataclass, field

import sympy as sp

from checker.user_code import error_text, exit_call, in_a_box, no_process_exit
from derivcheck.reader.declaration_lines import (  # noqa: F401
    _balanced,
    _macros,
    apply_declaration,
    check_consistent,
    expand_macros,
    parse_assumptions,
)
from derivcheck.reader.declarations import (
    Assumptions,
    DeclarationError,
    Declarations,
)
from derivcheck.reader.notation import (
    NeedsDimension,
    ParseError,
    parse_expression,
    parse_row,
)

ENVIRONMENTS = ("align", "align*", "equation", "equation*", "gather", "gather*", "multline", "multline*",
                "flalign", "flalign*", "eqnarray", "eqnarray*", "alignat", "alignat*")
INNER = ("aligned", "split", "gathered", "alignedat")
RELATION_WORDS = {"positive", "negative", "nonnegative", "nonpositive", "nonzero", "integer", "if", "when",
                  "whenever", "provided", "assuming", "unless", "except", "small", "large", "sufficiently", "near",
                  "such", "only", "odd", "even", "prime", "convex", "concave", "bounded"}
CITED_MARK = "% cited"


@dataclass
class StepInput:
    lhs: object  # SymPy expression (or a column Matrix for a vector equation); None when unparsed
    relation: str  # one of = <= >= < > != (or "?" when unknown)
    rhs: object
    line: int | None = None
    source: str = ""
    error: str = ""  # why it could not be read
    cited: bool = False  # a cited lemma: reported as such, not checked
    assumptions: Assumptions | None = None  # the assumptions in force for this step (None: the caller's)
    row_span: tuple | None = None  # (start, end) offsets of the LaTeX row in the file, for annotation
    at_dimension: object = None  # for a vector step: d -> (lhs, rhs) read with vectors in R^d
    declarations: Declarations | None = field(default=None, repr=False)


# -- files --------------------------------------------------------------------------
def read(path: str) -> tuple[list[StepInput], Assumptions]:
    if path.endswith(".py"):
        return read_python(path)
    try:
        with open(path, encoding="utf-8-sig") as fh:
            text = fh.read()
    except (UnicodeDecodeError, OSError) as exc:
        raise ParseError(f"cannot read the file: {exc}") from None
    return read_latex(text)


RELATIONS = ("=", "!=", "<", "<=", ">", ">=")


@in_a_box(error=ParseError)  # its forks and subprocesses end with it, its output is printed once, memory capped
def read_python(path: str) -> tuple[list[StepInput], Assumptions]:
    try:
        with no_process_exit():
            ns = runpy.run_path(path)
    except SystemExit as exc:  # a file that exits checked nothing: never let that look like success
        raise ParseError(f"the file called {exit_call(exc)} while defining its steps") from None
    except Exception as exc:  # the user's file failed to run: one line, not a traceback
        raise ParseError(f"running it failed: {error_text(exc)}") from None
    if "STEPS" not in ns:
        raise ParseError("it defines no STEPS list")
    try:
        assumptions = parse_assumptions(str(ns.get("ASSUME", "")))
    except DeclarationError as exc:
        raise ParseError(str(exc)) from None
    steps = []
    try:
        items = list(ns["STEPS"])
    except TypeError:
        raise ParseError("STEPS is not a list") from None
    for k, item in enumerate(items, 1):
        if not isinstance(item, (tuple, list)) or len(item) != 3:
            steps.append(StepInput(None, "?", None, k, repr(item)[:80], "not a (lhs, relation, rhs) triple"))
            continue
        if item[1] not in RELATIONS:
            steps.append(StepInput(None, "?", None, k, repr(item)[:80],
                                   f"relation {item[1]!r} is not one of {', '.join(RELATIONS)}"))
            continue
        try:
            lhs, rhs = sp.sympify(item[0], strict=True), sp.sympify(item[2], strict=True)
        except (sp.SympifyError, TypeError, SyntaxError) as exc:
            text = next((f"{side!r} is a string: write a SymPy expression" for side in (item[0], item[2])
                         if isinstance(side, str)), f"not a SymPy expression ({type(exc).__name__})")
            steps.append(StepInput(None, item[1], None, k, repr(item)[:80], text))
            continue
        steps.append(StepInput(_real(lhs), item[1], _real(rhs), k, f"{item[0]} {item[1]} {item[2]}",
                               assumptions=assumptions))
    return steps, assumptions


def _real(e):
    """e with each symbol SymPy would take as complex (Symbol("z"): no assumption) made real, as an undeclared
    LaTeX variable is: the checker decides real statements, and SymPy, Z3 and the search must read one meaning."""
    try:
        free = e.free_symbols
    except AttributeError:  # not a SymPy object: the engine reports it unparsed
        return e
    subs = {x: sp.Symbol(x.name, real=True, **x.assumptions0) for x in free
            if type(x) is sp.Symbol and x.is_real is None}
    return e.xreplace(subs) if subs else e


# -- environments and rows ----------------------------------------------------------
DECLARATION = re.compile(r"^[ \t]*%+[ \t]*(assume|function|define|vector|index)s?:[ \t]*(.*)$", re.M)


def read_latex(text: str) -> tuple[list[StepInput], Assumptions]:
    """Steps of every display environment; each uses the declarations above it."""
    macros = _macros(text)
    _check_closed(text)
    declared = [(m.start(), m.group(1), m.group(2)) for m in DECLARATION.finditer(text)]
    steps: list[StepInput] = []
    decl = Declarations()
    applied = 0
    for env_start, env_name, body in _environments(text):
        while applied < len(declared) and declared[applied][0] < env_start:
            _, kind, content = declared[applied]
            try:
                apply_declaration(decl, kind, content, macros)
            except DeclarationError as exc:
                line = text.count("\n", 0, declared[applied][0]) + 1
                raise ParseError(f"line {line}: {exc}") from None
            applied += 1
        first_line = text.count("\n", 0, env_start) + 1
        joined = env_name.startswith("multline")  # one equation broken over lines
        steps.extend(_environment_steps(body, env_start, first_line, decl.copy(), macros, joined))
    return steps, decl.assumptions


_NAMES = "|".join(re.escape(e) for e in ENVIRONMENTS)
_ENVIRONMENT = re.compile(r"\\begin\{(" + _NAMES + r")\}(.*?)\\end\{\1\}|\\\[(.*?)\\\]|\$\$(.*?)\$\$", re.S)


def _blank_comments(text: str) -> str:
    """% comments replaced by spaces: positions (and so line numbers) stay where they were."""
    return re.sub(r"(?<!\\)%[^\n]*", lambda m: " " * len(m.group(0)), text)


def _check_closed(text: str) -> None:
    """A display environment that is opened and never closed would be skipped, and a file whose other steps hold
    would pass with the unclosed one unread: refuse it instead."""
    blanked = _blank_comments(text)
    covered = [(m.start(), m.end()) for m in _ENVIRONMENT.finditer(blanked)]
    opened = re.finditer(r"\\begin\{(" + _NAMES + r")\}|\\\[|\$\$", blanked)
    for m in opened:
        if not any(a <= m.start() < b for a, b in covered):
            line = text.count("\n", 0, m.start()) + 1
            closer = f"\\end{{{m.group(1)}}}" if m.group(1) else ("\\]" if m.group(0) == "\\[" else "$$")
            raise ParseError(f"line {line}: {m.group(0)} is never closed (no {closer} after it)")


def _environments(text: str):
    for m in _ENVIRONMENT.finditer(_blank_comments(text)):
        if m.group(1):
            yield m.start(2), m.group(1), text[m.start(2):m.end(2)]
        else:
            g = 3 if m.group(3) is not None else 4
            yield m.start(g), "equation", text[m.start(g):m.end(g)]


def _rows(body: str, first_line: int):
    """(line, row text, (start, end)) of each \\\\-separated row, inner aligned/split blocks flattened."""
    body = re.sub(r"(?<!\\)%[^\n]*", lambda m: CITED_MARK.ljust(len(m.group(0)))[:len(m.group(0))]
                  if re.match(r"%\s*cited\b", m.group(0)) else " " * len(m.group(0)), body)
    body = re.sub(r"\\(begin|end)\{(" + "|".join(INNER) + r")\}(\{\d+\}|\[[a-z]\])?",
                  lambda m: " " * len(m.group(0)), body)
    depth, start, line, row_line, i, env = 0, 0, first_line, first_line, 0, 0
    while i < len(body):
        ch = body[i]
        if body.startswith("\\begin{", i):
            env += 1
        elif body.startswith("\\end{", i):
            env -= 1
        if ch == "\\" and body.startswith("\\\\", i) and depth == 0 and env == 0:
            yield row_line, body[start:i], (start, i)
            i += 2
            if i < len(body) and body[i] == "[":  # \\[2pt]
                close = body.find("]", i)
                i = close + 1 if close > 0 else i
            start = i
            row_line = line
            continue
        if ch == "\\":
            i += 2
            continue
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
        elif ch == "\n":
            line += 1
            if body[start:i].strip() == "":
                row_line = line
        i += 1
    if body[start:].strip():
        yield row_line, body[start:], (start, len(body))


_DROP = re.compile(r"\\(label|tag\*?|intertext|shortintertext|hspace\*?|vspace\*?|phantom|hphantom|vphantom)\s*\{")


def _clean(row: str) -> str:
    while (m := _DROP.search(row)) is not None:
        inner = _balanced(row, m.end() - 1)
        end = m.end() + len(inner) + 1 if inner is not None else len(row)
        row = row[:m.start()] + " " * (end - m.start()) + row[end:]
    row = re.sub(r"\\(notag|nonumber)(?![a-zA-Z])", " ", row)
    return row.replace("&", " ")


def _environment_steps(body, env_start, first_line, decl, macros, joined):
    rows = list(_rows(body, first_line))
    if joined and rows:
        rows = [(rows[0][0], " ".join(r for _, r, _ in rows), (rows[0][2][0], rows[-1][2][1]))]
    out = []
    previous = None  # (source of the previous row, index of its last side)
    for line, raw, (a, b) in rows:
        span = (env_start + a, env_start + b)
        cited = CITED_MARK in raw
        row = expand_macros(_clean(raw.replace(CITED_MARK, " ")), macros).strip()
        if not row:
            continue
        made, previous = _row_steps(row, line, span, cited, decl, previous)
        out.extend(made)
    return out


def _row_steps(row: str, line: int, span, cited: bool, decl: Declarations, previous):
    def unparsed(reason, rel="?"):
        return [StepInput(None, rel, None, line, " ".join(row.split()), reason, assumptions=decl.assumptions,
                          row_span=span)]

    try:
        sides, rels, cond_pos = parse_row(row, decl)
        vector = False
    except NeedsDimension:
        vector = True
        try:
            sides, rels, cond_pos = parse_row(row, decl, dim=2)
        except (ParseError, NeedsDimension) as exc:
            return unparsed(str(exc)), None
    except ParseError as exc:
        return unparsed(str(exc)), None
    if not rels:
        return unparsed("no relation in this row (nothing to check)"), None
    condition = row[cond_pos:] if cond_pos is not None else ""
    step_decl = decl
    if condition:
        try:
            step_decl = _with_condition(decl, condition)
        except ParseError as exc:
            return unparsed(f"side condition {' '.join(condition.split())!r}: {exc}"), None
        if step_decl is not decl:  # the condition changes the symbols' assumptions: read the row again
            try:
                sides, rels, _ = parse_row(row, step_decl, dim=2 if vector else None)
            except (ParseError, NeedsDimension) as exc:
                return unparsed(str(exc)), None
    if sides[0] is None:
        if previous is None:
            return unparsed("the row starts with a relation but nothing precedes it", rels[0]), None
        prev_row, prev_decl = previous
        try:
            sides[0] = parse_row(prev_row, prev_decl, dim=2 if vector else None)[0][-1]
        except NeedsDimension:
            vector = True
    expr_text = row[:cond_pos] if cond_pos is not None else row
    out = []
    for k, rel in enumerate(rels):
        reader = None
        if vector:
            reader = _vector_reader(row, step_decl, k, previous)
            lhs, rhs = reader(2)
        else:
            lhs, rhs = sides[k], sides[k + 1]
        if (isinstance(lhs, sp.MatrixBase) or isinstance(rhs, sp.MatrixBase)) and rel != "=":
            out += unparsed("an inequality between vectors", rel)
            continue
        out.append(StepInput(lhs, rel, rhs, line, " ".join(expr_text.split()) if len(rels) == 1 else
                             f"{' '.join(expr_text.split())} [relation {k + 1}]", cited=cited,
                             assumptions=step_decl.assumptions, row_span=span, at_dimension=reader,
                             declarations=step_decl))
    return out, (row if cond_pos is None else row[:cond_pos], step_decl)


def _vector_reader(row, decl, k, previous):
    def at(d):
        sides, _, _ = parse_row(row, decl, dim=d)
        if sides[0] is None:
            prev_row, prev_decl = previous
            sides[0] = parse_row(prev_row, prev_decl, dim=d)[0][-1]
        return sides[k], sides[k + 1]
    return at


CONDITIONALS = {"if", "when", "whenever", "provided", "assuming"}
_CONDITION_RELATION = re.compile(r"\\in|\\geq?|\\leq?|\\neq?|[<>]")


def _with_condition(decl: Declarations, condition: str) -> Declarations:
    """The declarations with a side condition's assumptions; the same object when it adds none."""
    words = set(re.findall(r"[a-z]+", " ".join(re.findall(r"\\(?:text|mbox|textrm)\s*\{([^{}]*)\}", condition)).lower()))
    math = re.sub(r"\\(?:text|mbox|textrm)\s*\{[^{}]*\}|\\q?quad(?![A-Za-z])|\\forall", ";", condition)
    groups = _condition_groups(math)
    if words & (RELATION_WORDS - (CONDITIONALS if groups else set())):
        raise ParseError("a condition in words; write it as an assumption ('% assume:') or as x > 0")
    if not groups:  # "for all x", "by Cauchy--Schwarz": nothing to assume
        return decl
    extra = Assumptions()
    for group in groups:
        group = re.sub(r"\\in\s*\\mathbb\{R\}(\^\{?\w+\}?)?$", " real", group)
        group = re.sub(r"\\in\s*\\mathbb\{N\}$", " integer nonnegative", group)
        group = re.sub(r"\\in\s*\\mathbb\{Z\}$", " integer", group)
        try:
            extra = extra.merged(parse_assumptions(group.replace("\\in", " in ")))
        except DeclarationError as exc:
            raise ParseError(str(exc)) from None
    new = decl.copy()
    new.assumptions = new.assumptions.merged(extra)
    try:
        check_consistent(new.assumptions, list(extra.props) + list(extra.ranges) + list(extra.sets))
    except DeclarationError as exc:
        raise ParseError(str(exc)) from None
    return new


def _condition_groups(math: str) -> list[str]:
    """The relations of a side condition, names before a relation joined to it (`x, y > 0` stays whole)."""
    groups, names = [], []
    for chunk in math.split(";"):
        for part in _top_level_commas(chunk.strip().strip(",.").strip()):
            if not part:
                continue
            if _CONDITION_RELATION.search(part) or re.search(r"\bin\b", part):
                groups.append(", ".join(names + [part]))
                names = []
            else:
                names.append(part)
    return groups


def _top_level_commas(text: str) -> list[str]:
    parts, depth, start = [], 0, 0
    for k, ch in enumerate(text):
        depth += (ch in "([{") - (ch in ")]}")
        if ch == "," and depth == 0:
            parts.append(text[start:k].strip())
            start = k + 1
    parts.append(text[start:].strip())
    return parts


def to_sympy(latex: str, assumptions: Assumptions | None = None):
    """One LaTeX expression as SymPy under these assumptions (the strict reader)."""
    return parse_expression(latex, Declarations(assumptions or Assumptions()))


__all__ = ["StepInput", "ParseError", "read", "read_latex", "read_python", "parse_assumptions", "to_sympy",
           "expand_macros"]

