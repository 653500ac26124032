"""Declarations and macros of a LaTeX derivation: `% assume`, `% function`, `% define`, `% vector`, `% index`,
and `\\newcommand`/`\\def` expansion (see `declarations` for what each declaration means).
"""

from __future__ import annotations

import re

import sympy as sp

from derivcheck.reader.declarations import (
    BOTH,
    PROPERTIES,
    Assumptions,
    DeclarationError,
    Declarations,
    FunctionDecl,
    parse_fraction,
    single_vector,
    vector_family,
)
from derivcheck.reader.domains import domain_of, is_empty
from derivcheck.reader.names import top_level_parts
from derivcheck.reader.notation import NeedsDimension, ParseError, parse_expression, read_expression, symbol_name
from derivcheck.reader.symbolic_ranges import declare_symbolic_range, split_symbolic_ranges
from derivcheck.reader.vocabulary import Undeclared


# -- macros and declarations -----------------------------------------------------------
def _macros(text: str) -> dict:
    """name -> (number of arguments, body) for \\newcommand, \\renewcommand, \\def with simple bodies."""
    out = {}
    pat = re.compile(r"\\(?:re)?newcommand\*?\s*\{?\\([A-Za-z]+)\}?\s*(?:\[(\d)\])?\s*\{")
    for m in pat.finditer(text):
        body = _balanced(text, m.end() - 1)
        if body is not None:
            out[m.group(1)] = (int(m.group(2) or 0), body)
    for m in re.finditer(r"\\def\s*\\([A-Za-z]+)((?:#\d)*)\s*\{", text):
        body = _balanced(text, m.end() - 1)
        if body is not None:
            out[m.group(1)] = (len(m.group(2)) // 2, body)
    return out


def _balanced(text: str, brace: int) -> str | None:
    depth = 0
    for k in range(brace, len(text)):
        if text[k] == "{" and text[k - 1] != "\\":
            depth += 1
        elif text[k] == "}" and text[k - 1] != "\\":
            depth -= 1
            if depth == 0:
                return text[brace + 1:k]
    return None


def expand_macros(src: str, macros: dict) -> str:
    if not macros:
        return src
    pat = re.compile(r"\\(" + "|".join(sorted(map(re.escape, macros), key=len, reverse=True)) + r")(?![A-Za-z])")
    for _ in range(20):  # macros that use macros; a bound guards against recursion
        m = pat.search(src)
        if not m:
            return src
        nargs, body = macros[m.group(1)]
        end, args = m.end(), []
        for _ in range(nargs):
            while end < len(src) and src[end] == " ":
                end += 1
            if end < len(src) and src[end] == "{":
                arg = _balanced(src, end)
                if arg is None:
                    raise ParseError(f"macro \\{m.group(1)}: unbalanced argument")
                args.append(arg)
                end += len(arg) + 2
            elif end < len(src):
                args.append(src[end])
                end += 1
            else:
                raise ParseError(f"macro \\{m.group(1)} without its arguments")
        for k, a in enumerate(args, 1):
            body = body.replace(f"#{k}", a)
        src = src[:m.start()] + "{" + body + "}" + src[end:]
    raise ParseError("macros nested too deeply (recursive?)")


def apply_declaration(decl: Declarations, kind: str, text: str, macros: dict | None = None) -> None:
    text = expand_macros(text, macros or {})
    try:
        if kind == "assume":
            text, symbolic = split_symbolic_ranges(text)
            new = parse_assumptions(text)
            for name in list(new.props) + list(new.ranges) + list(new.sets):
                decl.functions.pop(name, None)  # a later declaration wins: now a variable
                if name in decl.ranged:
                    raise DeclarationError(f"{name} is declared by its range {decl.ranged[name][1]}, which the rows are "
                                           "rewritten with: say everything about it there")
            decl.assumptions = decl.assumptions.merged(new)
            check_consistent(decl.assumptions, list(new.props) + list(new.ranges) + list(new.sets))
            for item in symbolic:
                declare_symbolic_range(decl, *item)
        elif kind == "function":
            _declare_functions(decl, text)
        elif kind == "define":
            m = re.match(r"(.+?)(?<![<>!:])=(.+)$", text.strip())
            if not m:
                raise DeclarationError(f"define {text.strip()!r}: expected 'symbol = expression'")
            name = symbol_name(m.group(1).strip())
            if name in decl.ranged:  # the rows are read through its range's rewrite: a new value would drop it
                raise DeclarationError(f"{name} is declared by its range ({decl.ranged[name][1]}): it cannot be defined "
                                       "again")
            decl.defines.append((name, m.group(2).strip()))
        elif kind == "vector":
            names = re.sub(r"\s+in\s+(\\mathbb\{R\}|R)\^.*$", "", text.strip())
            for raw in _split_names(names):
                m = re.match(r"(.+?)_(?:\{\s*([A-Za-z](?:\s*,\s*[A-Za-z])*)\s*\}|([A-Za-z]))$", raw)  # a_i, a_{k,i}
                family = bool(m and _one_symbol(m.group(1)))  # \\mathbf{x}_i and \\hat{w}_t are families too
                name = symbol_name(m.group(1) if family else raw)
                before = decl.vectors.get(name, family)
                decl.vectors[name] = family if before == family else BOTH  # theta and theta_t: both stand
        elif kind == "index":
            for part in (p.strip() for p in text.split(";") if p.strip()):  # i in 1..n; j in 1..m
                _declare_index(decl, part)
    except ParseError as exc:
        raise DeclarationError(f"{kind}: {exc}") from None
    if kind in ("assume", "vector"):
        _one_kind_per_name(decl)


def _one_kind_per_name(decl: Declarations) -> None:
    """Refuse a name declared both a vector and a scalar (`% vector: x in R^d` with `% assume: x in [0, 1]`, or the
    family x_i with x_1 > 0): read one way in one row and the other in the next, a step would be judged as neither.
    Bold and plain letters are one name (\\mathbf{x} is x), so a paper's scalar x_i and vector \\mathbf{x}_i clash."""
    a = decl.assumptions
    for n in sorted(set(a.props) | set(a.ranges) | set(a.sets) | set(decl.ranged)):
        base, _, sub = n.partition("_")
        if (n in decl.vectors and single_vector(decl.vectors[n])) or \
                (sub and base in decl.vectors and vector_family(decl.vectors[base])):
            raise DeclarationError(f"{n} is declared a vector ('% vector:') and given a scalar assumption: one name, "
                                   "one kind (bold and plain letters are one name to gdpc); rename one of them")


def _declare_index(decl: Declarations, text: str) -> None:
    m = re.match(r"(.+?)\s+in\s+(?:\[\s*(.+?)\s*,\s*(.+?)\s*\]|(.+?)\s*\.\.\s*(.+))$", text)
    if m:
        lo_src, hi_src = (m.group(2), m.group(3)) if m.group(2) else (m.group(4), m.group(5))
        lo, hi, names = parse_expression(lo_src, decl), parse_expression(hi_src, decl), m.group(1)
    elif re.fullmatch(r"[\\A-Za-z_{}, ]+", text):  # indices without a range: 1, 2, 3, ...
        lo, hi, names = sp.Integer(1), sp.oo, text
    else:
        raise DeclarationError(f"index {text!r}: expected 'i in 1..n'")
    for raw in _split_names(names):
        decl.indices[symbol_name(raw)] = (lo, hi)


def _one_symbol(src: str) -> bool:
    """Whether `src` (what precedes a declared vector's index) is one symbol: x, \\theta, \\mathbf{x}, \\hat{w}."""
    try:
        name = symbol_name(src)
    except ParseError:
        return False
    return "_" not in name


def _split_names(text: str) -> list[str]:
    """The comma-separated names of a declaration; a comma inside braces is part of a name (a_{k,i})."""
    return [t for t in top_level_parts(text) if t]


def _declare_functions(decl: Declarations, text: str) -> None:
    for item in [t.strip() for t in re.split(r";", text) if t.strip()]:
        m = re.match(r"(.+?)\((.*?)\)\s*=(.+)$", item)
        if not m:  # arbitrary functions: f, g or f(x)
            for raw in _split_names(re.sub(r"\([^)]*\)", "", item)):
                name = _function_name(raw)
                decl.functions[name] = FunctionDecl(name)
                _forget_variable(decl, name)
            continue
        name = _function_name(m.group(1).strip())
        declare_function(decl, name, [symbol_name(p) for p in _split_names(m.group(2))], m.group(3).strip())


def declare_function(decl: Declarations, name: str, params: list[str], body_src: str, later: bool = True) -> None:
    """name(params) = body: read once without a dimension; a body that involves vectors (a parameter declared with
    '% vector:', or a vector inside) is read at each dimension it is called at. A body with a name that cannot be
    told a function from a variable yet (`c\\left(1 - t/T\\right)` with c declared on a later line) is read where the
    function is called (`later`), with what is declared there."""
    if not params:
        raise DeclarationError(f"function {name}: no parameters")
    try:
        _declare_function(decl, name, params, body_src)
    except Undeclared:
        if not later:
            raise

        def read_later(now: Declarations) -> FunctionDecl:
            declare_function(now, name, params, body_src, later=False)
            return now.functions[name]

        decl.functions[name] = FunctionDecl(name, later=read_later)
        _forget_variable(decl, name)


def _declare_function(decl: Declarations, name: str, params: list[str], body_src: str) -> None:
    inner = decl.copy()
    # the rows' definitions are applied where the function is called (`Operators.defined_in_body`); a range's rewrite
    # is kept for a family's members, which are read through it (r_1 of r_i in [0, R] is R \check{r}_1)
    inner.defines = [(n, src) for n, src in decl.defines if n in decl.ranged and n not in params]
    for p in params:
        for table in (inner.assumptions.props, inner.assumptions.ranges, inner.assumptions.sets):
            table.pop(p, None)
    try:
        if any(single_vector(inner.vectors.get(p)) for p in params):
            raise NeedsDimension()  # a parameter declared as a vector: read at each dimension
        body, conditions = read_expression(body_src, inner)
    except NeedsDimension:
        reader = _dimension_reader(name, params, body_src, inner)
        reader(2)  # a body that cannot be read is an error of the declaration, now, not of every step that calls it
        decl.functions[name] = FunctionDecl(name, at_dimension=reader)
    else:
        symbols = tuple(sp.Symbol(p, real=True) for p in params)
        by_name = {s: p for s in body.free_symbols for p in symbols if isinstance(s, sp.Symbol) and s.name == p.name}
        decl.functions[name] = FunctionDecl(name, symbols, body.xreplace(by_name),
                                            tuple(c.substituted(by_name) for c in conditions))
    _forget_variable(decl, name)


def _dimension_reader(name: str, params: list[str], body_src: str, inner: Declarations):
    """d -> (parameters, body, conditions) of a function whose body involves vectors, read at dimension d: a vector
    parameter is the column of its components (the symbols the reader makes for that vector), a scalar one a
    symbol."""
    cache: dict = {}

    def at(d: int):
        if d not in cache:
            try:
                body, conditions = read_expression(body_src, inner, dim=d)
            except ParseError as exc:
                raise ParseError(f"the definition of {name}: {exc}") from None
            symbols = []
            for p in params:
                if single_vector(inner.vectors.get(p)):
                    symbols.append(sp.Matrix([sp.Symbol(f"{p}[{k}]", real=True) for k in range(1, d + 1)]))
                elif p in inner.vectors:
                    raise ParseError(f"function {name}: its parameter {p} is declared as a family of vectors; "
                                     f"declare one vector ('% vector: {p} in R^d')")
                else:
                    symbols.append(sp.Symbol(p, real=True))
            by_name = {s: q for s in body.free_symbols for q in symbols
                       if isinstance(q, sp.Symbol) and isinstance(s, sp.Symbol) and s.name == q.name}
            cache[d] = (tuple(symbols), body.xreplace(by_name), tuple(c.substituted(by_name) for c in conditions))
        return cache[d]

    return at


def _forget_variable(decl: Declarations, name: str) -> None:
    for table in (decl.assumptions.props, decl.assumptions.ranges, decl.assumptions.sets):
        table.pop(name, None)


def _function_name(raw: str) -> str:
    m = re.fullmatch(r"\\(?:mathrm|operatorname)\{([A-Za-z]+)\}", raw.strip())
    return m.group(1) if m else symbol_name(raw)


def parse_assumptions(text: str) -> Assumptions:
    """`x, y positive; n integer nonnegative; c in [1/2, 2]; y in {-1, 1}; x > 0` (names may be LaTeX)."""
    a = Assumptions()
    for item in (t.strip() for t in text.split(";")):
        if not item:
            continue
        m = re.match(r"(.+?)\s+(?:in|\\in)\s+\\?\{(.*?)\\?\}\s*$", item)
        if m:
            values = sorted({parse_fraction(v) for v in _split_names(m.group(2))} - {None})
            if not values:
                raise DeclarationError(f"assumption {item!r}: an empty set")
            for name in _names(m.group(1)):
                a.restrict_set(name, values)
            continue
        m = re.match(r"(.+?)\s+(?:in|\\in)\s+(\[|\(|\\left\(|\\left\[)\s*([^,]+?)\s*,\s*([^\])]+?)\s*"
                     r"(\\right\)|\\right\]|\]|\))\s*(.*)$", item)
        if m:
            lo, hi = parse_fraction(m.group(3)), parse_fraction(m.group(4))
            lo_open, hi_open = m.group(2).endswith("("), m.group(5).endswith(")")
            if lo is not None and hi is not None and (lo > hi or (lo == hi and (lo_open or hi_open))):
                raise DeclarationError(f"assumption {item!r}: the range is empty")
            for name in _names(m.group(1)):
                a.restrict_range(name, lo, hi, lo_open, hi_open)
                extra = m.group(6).split()
                if extra:
                    a.props.setdefault(name, set()).update(_props(extra, item))
            continue
        m_lt = re.match(r"(\S+)\s*(<=|<|\\leq?)\s*(.+?)\s*(<=|<|\\leq?)\s*(\S+)\s*$", item)
        m_gt = None if m_lt else re.match(r"(\S+)\s*(>=|>|\\geq?)\s*(.+?)\s*(>=|>|\\geq?)\s*(\S+)\s*$", item)
        if m_lt or m_gt:  # 0 < x <= 1, or 1 >= x > 0
            m = m_lt or m_gt
            (lo, lo_rel), (hi, hi_rel) = (m.group(1, 2), m.group(5, 4)) if m_lt else (m.group(5, 4), m.group(1, 2))
            for name in _names(m.group(3)):
                a.restrict_range(name, parse_fraction(lo), parse_fraction(hi), lo_rel in ("<", ">"),
                                 hi_rel in ("<", ">"))
            continue
        m = re.match(r"(.+?)\s*(\\geq?|\\leq?|\\neq?|>=|<=|!=|>|<)\s*(\S+)\s*$", item)
        if m and _is_number(m.group(1)):  # 0 < x: x > 0
            mirror = {"<": ">", "<=": ">=", ">": "<", ">=": "<=", "\\le": "\\ge", "\\leq": "\\geq", "\\ge": "\\le",
                      "\\geq": "\\leq"}
            _relation_assumption(a, _names(m.group(3)), mirror.get(m.group(2), m.group(2)), parse_fraction(m.group(1)),
                                 item)
            continue
        if m:
            _relation_assumption(a, _names(m.group(1)), m.group(2), parse_fraction(m.group(3)), item)
            continue
        words = item.split()
        k = len(words)
        while k > 0 and words[k - 1].lower() in PROPERTIES:
            k -= 1
        if k == len(words) or k == 0:
            raise DeclarationError(f"assumption {item!r}: expected names followed by {', '.join(PROPERTIES)}, "
                                   "'name in [a, b]', 'name in {a, b}' or 'name > 0'")
        for name in _names(" ".join(words[:k])):
            a.props.setdefault(name, set()).update(_props(words[k:], item))
    check_consistent(a, list(a.props) + list(a.ranges) + list(a.sets))
    return a


def check_consistent(a: Assumptions, names) -> None:
    """Refuse declarations that no value satisfies (x > 0; x < 0, or n integer in (0, 1)): every statement
    would hold vacuously, and the search would have nowhere to look."""
    for name in dict.fromkeys(names):
        if is_empty(domain_of(sp.Symbol(name), a)):  # not a.symbol: SymPy refuses contradictory properties
            said = "; ".join(line for line in a.describe() if line.split(":")[0].split(" in ")[0] == name)
            raise DeclarationError(f"the assumptions on {name} contradict each other ({said}): no value satisfies "
                                   "them")
        # q_i integer; q_j in (0, 1): one family (a member at an index is read with every declaration of its family)
        base = name.split("_")[0]
        family = a.family_names(base) if "_" in name else []
        if len(family) > 1 and is_empty(domain_of(sp.Symbol(base), a, names=family)):
            said = "; ".join(line for line in a.describe() if line.split(":")[0].split(" in ")[0] in family)
            raise DeclarationError(f"the assumptions on the family {base} ({', '.join(family)}) contradict each "
                                   f"other ({said}): no member's value satisfies them")


def _is_number(text: str) -> bool:
    try:
        return parse_fraction(text) is not None
    except DeclarationError:
        return False


def _relation_assumption(a: Assumptions, names, rel: str, value, item: str) -> None:
    rel = {"\\ge": ">=", "\\geq": ">=", "\\le": "<=", "\\leq": "<=", "\\ne": "!=", "\\neq": "!="}.get(rel, rel)
    if value is None:
        raise DeclarationError(f"assumption {item!r}: the bound must be a number")
    for name in names:
        if rel == "!=":
            if value != 0:
                raise DeclarationError(f"assumption {item!r}: only '!= 0' is supported")
            a.props.setdefault(name, set()).add("nonzero")
        elif rel in (">", ">="):
            a.restrict_range(name, value, None, rel == ">", True)
        else:
            a.restrict_range(name, None, value, True, rel == "<")


def _props(words, item):
    bad = [w for w in words if w.lower() not in PROPERTIES]
    if bad:
        raise DeclarationError(f"assumption {item!r}: unknown property {bad[0]!r}")
    return {w.lower() for w in words}


def _names(text: str) -> list[str]:
    out = []
    for raw in _split_names(text):
        if re.fullmatch(r"[A-Za-z][A-Za-z0-9]+", raw) and raw not in ("in",):
            out.append(raw)  # a plain multi-letter name (gamma), as an assumption names it
            continue
        try:
            out.append(symbol_name(raw))
        except ParseError as exc:
            raise DeclarationError(f"assumption: {exc}") from None
    return out


