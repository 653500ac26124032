"""Reading a researcher's derivation: LaTeX align environments (or a Python step list) into engine steps.

LaTeX: every `align`, `align*`, `equation`, `equation*` environment. Each row
(`\\\\`-separated) is split at its top-level relations (=, \\le, \\ge, <, >, \\ne);
a row starting with a relation continues from the previous row's last
expression, as in `&= ...`. `\\intertext`, `\\text{...}`, labels, tags and
spacing are ignored. Assumptions come from comment lines; an environment uses
every assumption line above it, a later line overriding an earlier one for the
same name:

    % assume: \\gamma positive; n integer positive; x, y real; c in [1/2, 2]

Parsing is SymPy's `parse_latex` with the ANTLR backend. The Lark backend needs
no pinned runtime but rejects subscripted symbols such as `\\theta_{t+1}` and
returns an ambiguous tree for `\\tanh` (SymPy 1.14), so ANTLR it is; its runtime
must be 4.11, which SymPy's generated parser was built with.

Python: a file defining STEPS = [(lhs, relation, rhs), ...] with SymPy
expressions (symbols carry their own assumptions) and optionally ASSUME, a string
in the comment syntax above (ranges for sampling).
"""

from __future__ import annotations

import re
from fractions import Fraction

import sympy as sp

from .functions import Sigmoid
from .step_check import PROPERTIES, Assumptions, StepInput

ENVIRONMENTS = ("align", "align*", "equation", "equation*")
_REL_PATTERNS = [(r"\\leqslant(?![a-zA-Z])", "<="), (r"\\geqslant(?![a-zA-Z])", ">="), (r"\\leq?(?![a-zA-Z])", "<="),
                 (r"\\geq?(?![a-zA-Z])", ">="), (r"\\neq?(?![a-zA-Z])", "!="), (r"\\lt(?![a-zA-Z])", "<"),
                 (r"\\gt(?![a-zA-Z])", ">"), (r"=", "="), (r"<", "<"), (r">", ">")]
_REL_RE = re.compile("|".join(f"({p})" for p, _ in _REL_PATTERNS))


class ParseError(Exception):
    pass


# -- files --------------------------------------------------------------------------
def read(path: str) -> tuple[list[StepInput], Assumptions]:
    if path.endswith(".py"):
        return read_python(path)
    try:
        with open(path, encoding="utf-8") as fh:
            text = fh.read()
    except (UnicodeDecodeError, OSError) as exc:
        raise ParseError(f"cannot read {path}: {exc}") from None
    return read_latex(text)


def read_python(path: str) -> tuple[list[StepInput], Assumptions]:
    import runpy

    try:
        ns = runpy.run_path(path)
    except Exception as exc:  # the user's file failed to run: one line, not a traceback
        raise ParseError(f"running {path} failed: {type(exc).__name__}: {exc}") from None
    if "STEPS" not in ns:
        raise ParseError(f"{path} defines no STEPS list")
    assumptions = parse_assumptions(ns.get("ASSUME", ""))
    steps = []
    for k, item in enumerate(ns["STEPS"], 1):
        if len(item) != 3 or item[1] not in ("=", "<=", ">=", "<", ">", "!="):
            steps.append(StepInput(None, "?", None, k, repr(item)[:80], "not a (lhs, relation, rhs) triple"))
            continue
        steps.append(StepInput(sp.sympify(item[0]), item[1], sp.sympify(item[2]), k, f"{item[0]} {item[1]} {item[2]}"))
    return steps, assumptions


def read_latex(text: str) -> tuple[list[StepInput], Assumptions]:
    """Steps of every environment; each uses the assumption lines above it (a later line for a name wins)."""
    declared = [(m.start(), m.group(1)) for m in re.finditer(r"^\s*%\s*assume:\s*(.*)$", text, re.M)]
    steps: list[StepInput] = []
    assumptions = Assumptions()
    for env_start, body in _environments(text):
        assumptions = parse_assumptions("; ".join(t for pos, t in declared if pos < env_start))
        previous = None
        for line, row, (a, b) in _rows(body, text.count("\n", 0, env_start) + 1):
            span = (env_start + a, env_start + b)
            cited = CITED_MARK in row
            parts = _split_relations(_clean(row.replace(CITED_MARK, " ")))
            if parts is None:
                continue
            exprs, rels = parts
            if not rels:
                continue
            parsed = []
            for e in exprs:
                if e.strip() == "":
                    parsed.append(("", None, ""))
                    continue
                try:
                    parsed.append((e, to_sympy(e, assumptions), ""))
                except ParseError as exc:
                    parsed.append((e, None, str(exc)))
            if parsed[0][0] == "":
                if previous is None:
                    steps.append(StepInput(None, rels[0], None, line, row.strip(),
                                           "the row starts with a relation but nothing precedes it",
                                           assumptions=assumptions, row_span=span))
                    parsed[0] = ("", None, "no left side")
                else:
                    parsed[0] = previous
            for (ltext, lexpr, lerr), rel, (rtext, rexpr, rerr) in zip(parsed, rels, parsed[1:]):
                if lexpr is None or rexpr is None:
                    steps.append(StepInput(None, rel, None, line, f"{ltext} {rel} {rtext}".strip(),
                                           lerr or rerr or "an empty side", assumptions=assumptions, row_span=span))
                else:
                    steps.append(StepInput(lexpr, rel, rexpr, line, f"{ltext.strip()} {rel} {rtext.strip()}",
                                           cited=cited, assumptions=assumptions, row_span=span))
            previous = parsed[-1]
    return steps, assumptions


def _environments(text):
    names = "|".join(re.escape(e) for e in ENVIRONMENTS)
    for m in re.finditer(r"\\begin\{(" + names + r")\}(.*?)\\end\{\1\}", text, re.S):
        yield m.start(2), m.group(2)


CITED_MARK = r"\CTD"  # at most as long as "%cited", so offsets do not move


def _rows(body: str, first_line: int):
    """(line number, text) of each \\\\-separated row, outside nested environments and braces.

    A row carrying the comment `% cited` keeps a marker: a cited lemma, reported but not sampled.
    """
    # comments are blanked, not deleted, so offsets into the body stay offsets into the file
    body = re.sub(r"(?<!\\)%\s*cited\b", lambda m: CITED_MARK[: len(m.group(0))].ljust(len(m.group(0))), body)
    body = re.sub(r"(?<!\\)%[^\n]*", lambda m: " " * len(m.group(0)), body)
    depth, env, start, line, row_line = 0, 0, 0, first_line, first_line
    i = 0
    while i < len(body):
        ch = body[i]
        if body.startswith("\\begin{", i):
            env += 1
        elif body.startswith("\\end{", i):
            env -= 1
        if ch == "\\" and body.startswith("\\\\", i) and depth == 0 and env == 0:
            yield row_line, body[start:i], (start, i)
            i += 2
            start = i
            row_line = line
            continue
        if ch == "\\":  # skip the escaped character (\{, \%)
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


def _strip_comments(s: str) -> str:
    return re.sub(r"(?<!\\)%[^\n]*", "", s)


def _remove_command_with_arg(s: str, name: str) -> str:
    """Delete \\name{...} with balanced braces."""
    out, i = [], 0
    pat = "\\" + name + "{"
    while True:
        j = s.find(pat, i)
        if j < 0:
            out.append(s[i:])
            return "".join(out)
        out.append(s[i:j])
        k, depth = j + len(pat), 1
        while k < len(s) and depth:
            depth += {"{": 1, "}": -1}.get(s[k], 0)
            k += 1
        i = k


def _clean(row: str) -> str:
    for name in ("intertext", "label", "tag", "text", "textrm", "mbox", "mathrm{d}"):
        row = _remove_command_with_arg(row, name)
    row = re.sub(r"\\(notag|nonumber|displaystyle|quad|qquad)(?![a-zA-Z])", " ", row)
    row = re.sub(r"\\[,;:! ]", " ", row)
    row = row.replace("&", " ").replace("~", " ")
    return row.strip().rstrip(".,;").strip()


def _split_relations(row: str):
    """(expressions, relations) split at relations outside braces; None for an empty row."""
    if not row:
        return None
    exprs, rels, depth, last, i = [], [], 0, 0, 0
    while i < len(row):
        ch = row[i]
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
        elif depth == 0:
            m = _REL_RE.match(row, i)
            if m and not row.startswith("\\left<", i - 5 if i >= 5 else 0):
                rel = next(r for (p, r), g in zip(_REL_PATTERNS, m.groups()) if g is not None)
                exprs.append(row[last:i])
                rels.append(rel)
                i = m.end()
                last = i
                continue
        if ch == "\\":
            m = re.match(r"\\[a-zA-Z]+", row[i:])
            if m and not _REL_RE.match(row, i):
                i += len(m.group(0))
                continue
        i += 1
    exprs.append(row[last:])
    return exprs, rels


# -- expressions -------------------------------------------------------------------
def to_sympy(latex: str, assumptions: Assumptions | None = None):
    """One LaTeX expression as SymPy, with e = Euler's number, \\sigma(.) the sigmoid, and assumed symbols."""
    from sympy.parsing.latex import parse_latex

    assumptions = assumptions or Assumptions()
    src = re.sub(r"\\[dt]frac", r"\\frac", latex)
    src = re.sub(r"\\ln(?![a-zA-Z])", r"\\log", src)
    src = re.sub(r"\\exp\s*\{", r"e^{", src)
    src = src.replace(r"\left|", "|").replace(r"\right|", "|")
    src = re.sub(r"\\frac\{\\partial\}\{\\partial\s*", r"\\frac{d}{d ", src)  # SymPy's Derivative is partial
    src = _unbrace_calls(src)
    src = re.sub(r"\{(\\?[A-Za-z]+)\}_", r"\1_", src)  # {\lambda}_{i} -> \lambda_{i} (else the subscript is lost)
    try:
        expr = parse_latex(src, backend="antlr")
    except Exception as exc:  # the parser's own exception types vary by backend
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise ParseError(f"SymPy's LaTeX parser: {first}") from None
    if isinstance(expr, sp.Basic) and not isinstance(expr, sp.Expr):
        raise ParseError(f"not an expression: {sp.sstr(expr)}")
    for body, var in ((sm.function, sm.limits[0][0]) for sm in expr.atoms(sp.Sum)):
        indexed = [x.name for x in body.free_symbols if re.search(r"_\{?[^{}]*\b" + re.escape(var.name) + r"\b", x.name)]
        if indexed:
            raise ParseError(f"indexed variables in a sum ({', '.join(sorted(indexed))}) are not supported: "
                             "the parser makes them one symbol, constant in the index")
        # \sum_i x_i + y: the parser lets the sum swallow y; refuse unless the body is bracketed
        if isinstance(body, sp.Add) and any(var not in t.free_symbols for t in body.args) and \
                not re.search(r"\\sum_\{[^{}]*\}\^\{?[^{}\s]*\}?\s*(\\left\(|\()", src):
            raise ParseError(f"ambiguous sum: the parser reads everything after \\sum as its body "
                             f"({sp.sstr(body)}); put the summand in parentheses")
    if re.search(r"\\frac\{d\}\{d", src) and not expr.has(sp.Derivative):
        raise ParseError(f"SymPy's LaTeX parser lost the derivative (read as {sp.sstr(expr)})")
    lost = _dropped(src, expr)
    if lost:
        raise ParseError(f"SymPy's LaTeX parser dropped {', '.join(sorted(set(lost)))} (read as {sp.sstr(expr)})")
    return _postprocess(expr, assumptions)


def _unbrace_calls(src: str) -> str:
    """SymPy writes a call as g{\\left(x \\right)}; the parser reads that as a product g*(x). Drop the braces."""
    out, i = [], 0
    pattern = re.compile(r"([A-Za-z]|\\[A-Za-z]+|_\{[^{}]*\}|_[A-Za-z0-9])\{\\left\(")
    while True:
        m = pattern.search(src, i)
        if not m:
            out.append(src[i:])
            return "".join(out)
        brace = m.end() - len("\\left(") - 1
        k, depth = brace + 1, 1
        while k < len(src) and depth:
            depth += {"{": 1, "}": -1}.get(src[k], 0)
            k += 1
        out.append(src[i:brace] + src[brace + 1:k - 1])
        i = k


_COMMANDS = {"frac", "tfrac", "dfrac", "left", "right", "sum", "prod", "lim", "to", "infty", "log", "ln", "exp", "sqrt",
             "cdot", "times", "sin", "cos", "tan", "tanh", "sinh", "cosh", "max", "min", "partial", "mathrm",
             "operatorname", "limits", "pi", "int", "right", "big", "Big", "bigg", "Bigg"}
_GREEK_OR_LETTER = re.compile(r"\\([a-zA-Z]+)|(?<![\\a-zA-Z])([a-zA-Z])(?![a-zA-Z])")


def _dropped(src: str, expr) -> list[str]:
    """Identifiers in the LaTeX that the parsed expression lost (the ANTLR parser can drop \\omega_{-} silently)."""
    names = {s.name for s in expr.atoms(sp.Symbol)}  # bound ones too: sum indices, limit and derivative variables
    names.update(type(f).__name__ for f in expr.atoms(sp.Function))
    text = " ".join(names)
    if expr.has(sp.E):
        text += " e"
    missing = []
    for m in _GREEK_OR_LETTER.finditer(src):
        word = m.group(1) or m.group(2)
        if m.group(1) and word in _COMMANDS:
            continue
        if m.group(2) and word in "dk" and "\\frac{d}" in src:
            continue
        if not re.search(r"(?<![a-zA-Z])" + re.escape(word) + r"(?![a-zA-Z])", text):
            missing.append(("\\" if m.group(1) else "") + word)
    return missing


def _postprocess(expr, assumptions: Assumptions):
    # A\left(x\right)^k is read as the call A(x) raised to k; in a derivation it is A * x^k
    expr = expr.replace(lambda e: isinstance(e, sp.Pow) and isinstance(e.base, sp.core.function.AppliedUndef)
                        and type(e.base).__name__ not in ("f", "g", "h", "sigma") and len(e.base.args) == 1,
                        lambda e: sp.Symbol(type(e.base).__name__) * e.base.args[0] ** e.exp)
    def rebuild(f):
        name, args = type(f).__name__, f.args
        if name == "sigma" and len(args) == 1:
            return Sigmoid(args[0])
        if name in ("max", "min"):
            return (sp.Max if name == "max" else sp.Min)(*args)
        if name not in ("f", "g", "h") and len(args) == 1:
            return sp.Symbol(name) * args[0]  # n(n+1) is a product in a derivation; the parser reads a call
        return f

    # bottom-up, so a call nested in another call is rebuilt too
    expr = expr.replace(lambda e: isinstance(e, sp.core.function.AppliedUndef), rebuild)
    sub = {}
    for s in expr.atoms(sp.Symbol):  # bound variables too (a limit's gamma must be the assumed gamma)
        if s.name == "e" and "e" not in assumptions.props and "e" not in assumptions.ranges:
            sub[s] = sp.E
        else:
            sub[s] = assumptions.symbol(s.name)
    return expr.xreplace(sub)


def parse_assumptions(text: str) -> Assumptions:
    """`x, y positive; n integer nonnegative; c in [1/2, 2]` (names may be LaTeX, e.g. \\gamma)."""
    a = Assumptions()
    for item in (t.strip() for t in text.split(";")):
        if not item:
            continue
        m = re.match(r"(.+?)\s+in\s+([\[(])\s*([^,]+?)\s*,\s*([^\])]+?)\s*([\])])\s*(.*)$", item)
        if m:
            lo, hi = _bound(m.group(3)), _bound(m.group(4))
            for name in _names(m.group(1)):
                a.ranges[name] = (lo, hi, m.group(2) == "(", m.group(5) == ")")
                extra = m.group(6).split()
                if extra:
                    a.props.setdefault(name, set()).update(_props(extra, item))
            continue
        words = item.split()
        k = len(words)
        while k > 0 and words[k - 1].lower() in PROPERTIES:
            k -= 1
        if k == len(words) or k == 0:
            raise ParseError(f"assumption {item!r}: expected names followed by {', '.join(PROPERTIES)}, "
                             "or 'name in [a, b]'")
        for name in _names(" ".join(words[:k])):
            a.props.setdefault(name, set()).update(_props(words[k:], item))
    return a


def _props(words, item):
    bad = [w for w in words if w.lower() not in PROPERTIES]
    if bad:
        raise ParseError(f"assumption {item!r}: unknown property {bad[0]!r}")
    return {w.lower() for w in words}


def _bound(text: str):
    text = text.strip()
    if text in ("oo", "inf", r"\infty", "+inf", r"+\infty"):
        return None
    if text in ("-oo", "-inf", r"-\infty"):
        return None
    try:
        return Fraction(text)
    except ValueError:
        raise ParseError(f"range bound {text!r} is not a number") from None


def _names(text: str) -> list[str]:
    """Symbol names as the LaTeX parser spells them (so \\gamma and gamma both give 'gamma')."""
    from sympy.parsing.latex import parse_latex

    names = []
    for raw in (t.strip() for t in text.split(",")):
        if not raw:
            continue
        if re.fullmatch(r"[A-Za-z][A-Za-z0-9_]*", raw) and "_" not in raw and len(raw) > 1:
            names.append(raw)  # a plain multi-letter name: the parser would read it as a product
            continue
        try:
            e = parse_latex(raw, backend="antlr")
        except Exception:
            raise ParseError(f"assumption: cannot read the symbol {raw!r}") from None
        if not isinstance(e, sp.Symbol):
            raise ParseError(f"assumption: {raw!r} is not a single symbol")
        names.append(e.name)
    return names


def assumption_line(symbols) -> str:
    """`% assume: ...` for these SymPy symbols, in the syntax read above (symbols it cannot name are left out)."""
    items = []
    for sym in sorted(symbols, key=lambda x: x.name):
        props = [p for p in ("integer", "positive", "nonnegative", "negative", "nonpositive", "nonzero")
                 if sym.assumptions0.get(p)]
        if not props:
            continue
        try:
            names = _names(sp.latex(sym))
        except ParseError:
            continue
        if len(names) == 1:
            items.append(f"{sp.latex(sym)} {' '.join(props)}")
    return f"% assume: {'; '.join(items)}\n" if items else ""
