"""Ranges whose end is an expression of declared variables (`% assume: L > 0; \\eta in (0, 1/L]`): read by
rewriting the variable through a fresh one on a fixed range, the way a paper's proof would substitute eta = s/L."""

from __future__ import annotations

import re
from fractions import Fraction

import sympy as sp

from derivcheck.reader.declarations import DeclarationError, Declarations, parse_fraction
from derivcheck.reader.notation import parse_expression, symbol_name

_RANGE = re.compile(r"(.+?)\s+(?:in|\\in)\s+(\\left\(|\\left\[|\[|\()(.*)(\\right\)|\\right\]|\]|\))\s*$")


# `r >= h` with h no number: the half-line r in [h, oo) (a paper's "r >= h" between two of its variables)
_BOUND = re.compile(r"^([^<>=]+?)\s*(>=|\\geq?|>|<=|\\leq?|<)\s*([^<>=]+)$")
_HALF_LINE = {">=": ("[", ")", True), "\\ge": ("[", ")", True), "\\geq": ("[", ")", True), ">": ("(", ")", True),
              "<=": ("(", "]", False), "\\le": ("(", "]", False), "\\leq": ("(", "]", False), "<": ("(", ")", False)}


def _as_range(item: str) -> str:
    """`x >= h` (h not a number, x one name) as `x in [h, \\infty)`; any other item unchanged."""
    m = _BOUND.match(item.strip())
    if not m or _is_bound(m.group(3).strip()) or not _one_name(m.group(1).strip()):
        return item
    left, right, below = _HALF_LINE[m.group(2)]
    bound = m.group(3).strip()
    ends = f"{bound}, \\infty" if below else f"-\\infty, {bound}"
    return f"{m.group(1).strip()} in {left}{ends}{right}"


def _one_name(src: str) -> bool:
    """One symbol as a row writes it: x, \\eta_0, \\bar\\eta, \\hat{w}, x' (the reader's own reading of a name)."""
    try:
        symbol_name(src)
    except Exception:  # the reader's ParseError, or a name it cannot take apart: not one name
        return False
    return True


def split_symbolic_ranges(text: str) -> tuple[str, list]:
    """Split `x in (0, 1/L]` (a range with an end that is not a number) off an assume line: (the rest, the items);
    `x >= h` with h not a number is the range [h, oo)."""
    rest, symbolic = [], []
    for item in text.split(";"):
        item = _as_range(item)
        m = _RANGE.match(item.strip())
        ends = _two_ends(m.group(3)) if m else None
        if ends and not (_is_bound(ends[0]) and _is_bound(ends[1])):
            symbolic.append((item.strip(), m.group(1), ends[0], ends[1], m.group(2).endswith("("),
                             m.group(4).endswith(")")))
        else:
            rest.append(item)
    return ";".join(rest), symbolic


def _two_ends(inside: str) -> tuple[str, str] | None:
    """`0, 2/(\\mu + L)` -> ("0", "2/(\\mu + L)"): split at the one comma outside every bracket."""
    depth, cuts = 0, []
    for k, ch in enumerate(inside):
        depth += ch in "([{"
        depth -= ch in ")]}"
        if ch == "," and depth == 0:
            cuts.append(k)
    if len(cuts) != 1 or depth != 0:
        return None
    lo, hi = inside[:cuts[0]].strip(), inside[cuts[0] + 1:].strip()
    return (lo, hi) if lo and hi else None


def _never_empty(width, closed: bool, decl: Declarations) -> bool:
    """Is hi - lo > 0 (>= 0 for a closed range) for every value the declarations allow? SymPy's sign with the
    symbols' properties, after each symbol declared on a bounded range [a, b] (a fresh s_mu of an earlier range
    among them) is written a + (b - a)/(1 + v) with v >= 0 (v > 0 when b is open), and a as a case of its own when it
    is included: L - L s_mu with s_mu in (0, 1] is L v/(1 + v) >= 0."""
    ranged = [v for v in width.free_symbols if isinstance(v, sp.Symbol) and v.name in decl.assumptions.ranges
              and None not in decl.assumptions.ranges[v.name][:2]][:3]
    cases = [width]
    for v in ranged:
        a, b, a_open, b_open = decl.assumptions.ranges[v.name]
        a, b = sp.Rational(a.numerator, a.denominator), sp.Rational(b.numerator, b.denominator)
        u = sp.Dummy("v", positive=True) if b_open else sp.Dummy("v", nonnegative=True)
        cases = [c.xreplace({v: a + (b - a) / (1 + u)}) for c in cases] + \
                ([] if a_open else [c.xreplace({v: a}) for c in cases])
    for case in cases:
        case = sp.factor(sp.together(case))
        if not (case.is_nonnegative if closed else case.is_positive):
            return False
    return True


def _is_bound(text: str) -> bool:
    """A number or an infinite end; other errors of a number (1e999999999: too large) are the number's own."""
    try:
        parse_fraction(text)
    except DeclarationError as exc:
        if str(exc).endswith("is not a number"):
            return False
        raise
    return True


def declare_symbolic_range(decl: Declarations, item: str, names: str, lo_src: str, hi_src: str, lo_open: bool,
                            hi_open: bool) -> None:
    """x in (lo, hi] with lo or hi an expression of declared variables (eta in (0, 1/L]): x is rewritten in every
    row below as lo + (hi - lo) s with s in (0, 1] (the same ends open), or lo + s / hi - s with s in (0, oo) for a
    half-line, s a fresh variable named s_x. Sound only if the range is never empty, so hi - lo > 0 must follow
    from the declarations (SymPy's sign of hi - lo with their properties); x must have no other declaration."""
    bounds = []
    for src in (lo_src, hi_src):
        if _is_bound(src):
            value = parse_fraction(src)
            bounds.append(None if value is None else sp.Rational(value.numerator, value.denominator))
        else:
            expr = parse_expression(src, decl)
            bounds.append(expr.xreplace({v: decl.assumptions.symbol(v.name) for v in expr.free_symbols
                                         if isinstance(v, sp.Symbol)}))
    lo, hi = bounds
    for raw in (t.strip() for t in names.split(",") if t.strip()):
        name = symbol_name(raw)
        used = set().union(*(b.free_symbols for b in bounds if b is not None))
        if name in {v.name for v in used}:
            raise DeclarationError(f"assumption {item!r}: the range of {name} depends on {name}")
        starts_above_0 = lo is not None and (bool(lo.is_positive) or (lo == 0 and lo_open))
        implied = {"real"} | ({"positive", "nonnegative"} if starts_above_0 else
                             {"nonnegative"} if lo is not None and lo.is_nonnegative else set())
        if name not in decl.assumptions.ranges and name not in decl.assumptions.sets and \
                decl.assumptions.props.get(name, {"real"}) <= implied:  # eta positive; eta in (0, 1/L]: said twice
            decl.assumptions.props.pop(name, None)
        if decl.assumptions.declared(name) or name in decl.ranged or any(n == name for n, _ in decl.defines):
            raise DeclarationError(f"assumption {item!r}: {name} is declared already; a range with an end that is "
                                   "an expression must be its only declaration")
        fresh = _fresh_name(raw.strip(), decl)
        if lo is not None and hi is not None:
            closed = not (lo_open or hi_open)
            if not _never_empty(hi - lo, closed, decl):
                raise DeclarationError(f"assumption {item!r}: cannot tell from the declarations that "
                                       f"{sp.sstr(hi)} {'>=' if closed else '>'} {sp.sstr(lo)} (declare what makes "
                                       "the range nonempty, e.g. L positive, on an earlier line or before it on this "
                                       "one)")
            lo_s, hi_s = "0", "1"
            rewrite = f"({hi_src}) {fresh}" if lo == 0 else f"({lo_src}) + (({hi_src}) - ({lo_src})) {fresh}"
        elif lo is not None:
            lo_s, hi_s, rewrite = "0", "oo", f"({lo_src}) + {fresh}"
        elif hi is not None:
            lo_s, hi_s, rewrite, lo_open, hi_open = "0", "oo", f"({hi_src}) - {fresh}", hi_open, True
        else:
            raise DeclarationError(f"assumption {item!r}: a range with no finite end")
        s_name = symbol_name(fresh)
        if decl.assumptions.declared(s_name):
            raise DeclarationError(f"assumption {item!r}: {s_name} is declared already; the range needs it")
        s_range = f"{'(' if lo_open else '['}{lo_s}, {hi_s}{')' if hi_open else ']'}"
        decl.assumptions.restrict_range(s_name, Fraction(0), None if hi_s == "oo" else Fraction(1), lo_open, hi_open)
        decl.defines.append((name, rewrite))
        decl.ranged[name] = s_name, f"{item}, read as {name} = {rewrite.replace(fresh, s_name)} with {s_name} in {s_range}"


def _fresh_name(raw: str, decl: Declarations) -> str:
    """The fresh variable of x's range, s_{x}; for a member of a family (r_i, i a declared index: one value for each
    i) a fresh family \\check{r}_i, so that each member has its own (one s_{r_i} would make every r_i one value, and
    its subscript r_i would name the member it defines)."""
    m = re.fullmatch(r"(.+?)\s*_\s*(?:\{(.+)\}|([A-Za-z]))", raw)
    sub = m and (m.group(2) or m.group(3))
    if sub and any(i in decl.indices for i in re.findall(r"\\[A-Za-z]+|[A-Za-z]", sub)):
        # the base as one letter or one command (\\mathbf{r} is r, as the rows read it): \\check takes no other
        base = symbol_name(m.group(1))
        letter = base if re.fullmatch(r"[A-Za-z]", base) else "\\" + base
        if not re.fullmatch(r"[A-Za-z]|\\[A-Za-z]+", letter) or symbol_name(letter) != base:
            raise DeclarationError(f"{raw}: a family whose range has an expression end needs a plain name (r_i, "
                                   f"\\rho_i, \\mathbf{{r}}_i); rename it, or give its range number ends")
        return f"\\check{{{letter}}}_{{{sub}}}"
    return f"s_{{{raw}}}"
