"""Reading a researcher's derivation: LaTeX display environments (or a Python step list) into steps.

Environments: align, align*, equation, equation*, gather, gather*, multline,
multline*, flalign, flalign*, eqnarray, eqnarray*, and \\[ ... \\]; aligned, split
and gathered blocks inside them contribute their rows. Each row (`\\\\`-separated)
is read by the strict reader (`notation`) as `a REL b REL c ...`; a row that
starts with a relation continues from the previous row's last side. A row that
starts with `NAME := ...` defines NAME for the rows below it (in this environment and the later ones), and its
relations after the definition are steps. A trailing
`, \\quad \\text{for } x > 0` is a side condition (`side_conditions`).
Simple `\\newcommand`/`\\def` macros are expanded first. Every row that gives no
step, other than a definition, is reported, with its reason.

Declarations are comment lines (`declarations` explains them); an environment
uses every declaration above it, a later one for the same name winning. A row
carrying `% cited` is a cited lemma: reported, not checked. Each step carries the conditions where its sides are
defined as written (`domain_conditions`); a step `NAME = ...` whose NAME no earlier row used, and which is not
proved, carries a hint that it may be meant as a definition.

Python step files: `step_files`.
"""

from __future__ import annotations

import re

import sympy as sp

from derivcheck.reader import free_indices
from derivcheck.reader.declaration_comments import DECLARATION, refuse_undeclared_keys
from derivcheck.reader.declaration_lines import (
    _balanced,
    _macros,
    _split_names,
    apply_declaration,
    declare_function,
    expand_macros,
    parse_assumptions,
)
from derivcheck.reader.declarations import Assumptions, DeclarationError, Declarations
from derivcheck.reader.domain_conditions import on_side
from derivcheck.reader.notation import (
    NeedsDimension,
    ParseError,
    parse_definition,
    parse_expression,
    parse_row,
    symbol_name,
)
from derivcheck.reader.side_conditions import with_condition
from derivcheck.reader.step import StepInput
from derivcheck.reader.step_files import read_python
from derivcheck.reader.vocabulary import unbound_names

ENVIRONMENTS = ("align", "align*", "equation", "equation*", "gather", "gather*", "multline", "multline*",
                "flalign", "flalign*", "eqnarray", "eqnarray*", "alignat", "alignat*")
INNER = ("aligned", "split", "gathered", "alignedat")
CITED_MARK = "% cited"


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


# -- environments and rows ----------------------------------------------------------
def read_latex(text: str) -> tuple[list[StepInput], Assumptions]:
    """Steps of every display environment; each uses the declarations above it."""
    macros = _macros(text)
    _check_closed(text)
    refuse_undeclared_keys(text)
    declared = [(m.start(), m.group(1).lower(), m.group(2)) for m in DECLARATION.finditer(text)]
    steps: list[StepInput] = []
    decl = Declarations()
    applied = 0
    seen: set = set()  # names used by the rows read so far (a row defining a fresh name is told about :=)
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
        inside = decl.copy()
        steps.extend(_environment_steps(body, env_start, first_line, inside, macros, joined, seen))
        decl.defines, decl.functions = inside.defines, inside.functions  # its := definitions hold below it too
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


def _environment_steps(body, env_start, first_line, decl, macros, joined, seen):
    rows = list(_rows(body, first_line))
    if joined and rows:
        rows = [(rows[0][0], " ".join(r for _, r, _ in rows), (rows[0][2][0], rows[-1][2][1]))]
    out = []
    previous = None  # (source of the previous row, its declarations)
    for line, raw, (a, b) in rows:
        span = (env_start + a, env_start + b)
        cited = CITED_MARK in raw
        row = expand_macros(_clean(raw.replace(CITED_MARK, " ")), macros).strip()
        if not row:
            continue
        made, previous = _row_steps(row, line, span, cited, decl, previous, seen)
        out.extend(made)
    return out


def _define(decl: Declarations, row: str) -> str | None:
    """A definition at the start of the row, registered in decl for this row and the rows below: its name."""
    definition = parse_definition(row)
    if definition is None:
        return None
    rhs = row[definition.start:definition.end].strip()
    if definition.name in decl.ranged:  # the rows read it through its range's rewrite: a new value would drop that
        raise ParseError(f"{definition.name} is declared by its range ({decl.ranged[definition.name][1]}): it cannot be "
                         "defined again")
    if definition.params is None:
        decl.defines.append((definition.name, rhs))
        return definition.name
    params = row[definition.params[0]:definition.params[1]]
    try:
        declare_function(decl, definition.name, [symbol_name(p) for p in _split_names(params)], rhs)
    except DeclarationError as exc:
        raise ParseError(str(exc)) from None
    return definition.name


def _read(row: str, decl: Declarations):
    """(the row read, whether it holds vectors: then it is read at d = 2 here and at each d later)."""
    try:
        return parse_row(row, decl), False
    except NeedsDimension:
        return parse_row(row, decl, dim=2), True


def _row_steps(row: str, line: int, span, cited: bool, decl: Declarations, previous, seen: set):
    """The steps of one row, and what a row continuing it needs: (the source of its last side, its declarations).
    A row that starts with a relation is read together with that last side, under the declarations it was read
    with (and the row's own side condition): one reading, so that its symbols and families are the same objects
    on both sides of the step."""
    def unparsed(reason, rel="?"):
        return [StepInput(None, rel, None, line, " ".join(row.split()), reason, assumptions=decl.assumptions,
                          row_span=span)]

    try:
        defined = _define(decl, row)
        r, vector = _read(row, decl)
    except (ParseError, NeedsDimension) as exc:
        return unparsed(str(exc)), None
    if not r.relations:
        if defined is not None:
            seen.add(defined)
            return [], (_last_side(row, r), decl.copy())  # a definition, not a claim
        return unparsed("no relation in this row (nothing to check)"), None
    condition = row[r.condition_pos:] if r.condition_pos is not None else ""
    text, base = row, decl
    if r.sides[0] is None:
        if previous is None:
            return unparsed("the row starts with a relation but nothing precedes it: write its left side",
                            r.relations[0]), None
        text, base = previous[0] + " " + row, previous[1]
    step_decl = base
    if condition:
        try:
            step_decl = with_condition(base, condition)
        except ParseError as exc:
            return unparsed(f"side condition {' '.join(condition.split())!r}: {exc}"), None
    if text is not row or step_decl is not decl:  # read again: with the previous side, or the condition assumed
        try:
            r, vector = _read(text, step_decl)
        except (ParseError, NeedsDimension) as exc:
            return unparsed(str(exc)), None
    step_decl = step_decl.copy()  # a definition in a later row must not change how this row is read again
    try:
        free, read_decl, free_note = free_indices.reading(r.sides, step_decl)
    except free_indices.FreeIndexError as exc:
        return unparsed(str(exc)), None
    expr_text = row[:len(row) - len(condition)] if condition else row
    out = []
    for k, rel in enumerate(r.relations):
        reader = None
        if vector:
            reader = _freed(_vector_reader(text, step_decl, k), free)
            lhs, rhs, conditions = reader(2)
        else:
            lhs, rhs = (free_indices.substituted(side, free) for side in r.sides[k:k + 2])
            conditions = tuple(c.substituted(free) if free else c for c in
                               on_side(r.side_conditions[k], "left") + on_side(r.side_conditions[k + 1], "right"))
        if (isinstance(lhs, sp.MatrixBase) or isinstance(rhs, sp.MatrixBase)) and rel != "=":
            out += unparsed("an inequality between vectors (entrywise? in norm?): compare norms or components",
                            rel)
            continue
        hint = _definition_hint(lhs, rhs, seen) if k == 0 and text is row and rel == "=" and defined is None else ""
        hint = " ".join(filter(None, [hint, _range_reading(lhs, rhs, step_decl), free_note]))
        out.append(StepInput(lhs, rel, rhs, line, " ".join(expr_text.split()) if len(r.relations) == 1 else
                             f"{' '.join(expr_text.split())} [relation {k + 1}]", cited=cited,
                             assumptions=read_decl.assumptions, row_span=span,
                             at_dimension=None if reader is None else (lambda d, f=reader: f(d)[:2]),
                             declarations=read_decl, conditions=() if vector else conditions,
                             conditions_at=None if reader is None else (lambda d, f=reader: f(d)[2]), hint=hint))
    for s in r.sides:
        if s is not None:
            seen.update(n.split("[")[0] for n in unbound_names(s))
    if defined is not None:
        seen.add(defined)
    return out, (_last_side(text, r), step_decl)


def _range_reading(lhs, rhs, decl) -> str:
    """How a variable declared on a range with an expression as an end (eta in (0, 1/L]) was read, when the step
    involves it: its counterexamples are given in the fresh variable."""
    if not decl.ranged:
        return ""
    sides = [side for side in (lhs, rhs) if isinstance(side, sp.Basic)]
    names = {v.name for side in sides for v in side.free_symbols if isinstance(v, sp.Symbol)}
    # a family's members (r_i in [0, R]) are read through one fresh family, check{r}_i: its members are Indexed
    # with the base check{r}, whatever index or number the row gives them
    families = {a.base.label.name for side in sides for a in side.atoms(sp.Indexed)}
    return " ".join(f"Declared {how}." for fresh, how in decl.ranged.values()
                    if fresh in names or (fresh.startswith("check{") and fresh.split("_", 1)[0] in families))


def _last_side(text: str, r) -> str:
    """The source of a row's last side (what a row starting with a relation continues)."""
    return text[r.side_starts[-1]:r.condition_pos].strip()


def _definition_hint(lhs, rhs, seen: set) -> str:
    """A step `NAME = ...` whose NAME no earlier row used and the right side does not use reads like a definition
    written as a claim (θ_1 = θ_0 − γ∇f(θ_0)): the advice shown with a verdict that is not a proof."""
    if isinstance(lhs, sp.Symbol):
        name = lhs.name
    elif isinstance(lhs, sp.MatrixBase) and all(isinstance(c, sp.Symbol) for c in lhs) and \
            len({c.name.split("[")[0] for c in lhs}) == 1:
        name = lhs[0].name.split("[")[0]
    else:
        return ""
    if name in seen or name in {n.split("[")[0] for n in unbound_names(rhs)}:
        return ""
    tex = sp.latex(sp.Symbol(name))
    return (f"{name} is not used before this row: if the row defines it, write {tex} := ... (a definition for the "
            f"rows below, not a claim), or declare '% define: {tex} = ...'")


def _freed(reader, free: dict):
    """A vector row's reader with a free index's range end substituted at every dimension (`free_indices`)."""
    if not free:
        return reader
    return lambda d: (*(free_indices.substituted(x, free) for x in reader(d)[:2]),
                      tuple(c.substituted(free) for c in reader(d)[2]))


def _vector_reader(text, decl, k):
    """d -> (lhs, rhs, conditions) of the k-th relation of a vector row, read at dimension d (cached)."""
    cache: dict = {}

    def at(d):
        if d not in cache:
            r = parse_row(text, decl, dim=d)
            conds = r.side_conditions
            cache[d] = (r.sides[k], r.sides[k + 1], tuple(on_side(conds[k], "left") + on_side(conds[k + 1], "right")))
        return cache[d]
    return at


def to_sympy(latex: str, assumptions: Assumptions | None = None):
    """One LaTeX expression as SymPy under these assumptions (the strict reader)."""
    return parse_expression(latex, Declarations(assumptions or Assumptions()))


__all__ = ["StepInput", "ParseError", "read", "read_latex", "read_python", "parse_assumptions", "to_sympy",
           "expand_macros"]


def builtin_inputs(derivation) -> list[StepInput]:
    """A built-in Derivation's steps in the engine's step format (its symbols carry their assumptions)."""
    out = []
    for s in derivation.steps:
        rel = {"->": "="}.get(s.relation, s.relation)
        # an induction's conclusion holds under its steps' hypotheses: like a cited lemma, reported and not sampled
        out.append(StepInput(s.lhs, rel, s.rhs, None, s.why,
                             cited=s.status == "cited" or s.method.startswith("induction")))
    return out
