"""The strict reader, part 4: operators that bind a variable: sums, products, extrema over an index, expectations over
a finite index, and limits.

A mixin of `notation.Parser`; see `notation` for the rules. An index range is written `_{i=1}^{n}`, `_{i \\in [n]}`
(1..n), `_{1 \\le i \\le n}` (`<` for a strict end), or `_i` alone for an index declared with `% index: i in 1..n`.
`\\sum`, `\\prod`, `\\max_i` and `\\min_i` take the rest of the product they stand in (a later term that uses the index
is refused, see `notation`); `\\mathbb{E}_i[...]` is the uniform average over the declared index, its body in
brackets; `\\lim` of a vector is taken componentwise. Conditions recorded in a body (`domain_conditions`) are closed
over its index, or dropped for a limit's variable.
"""

from __future__ import annotations

import re
from contextlib import contextmanager

import sympy as sp

from derivcheck.functions import MaxOver, MinOver
from derivcheck.reader import domain_conditions
from derivcheck.reader.tokens import Token
from derivcheck.reader.vocabulary import GREEK, ParseError, _is_vec, canonical

_LESS = {"<": 1, "le": 0, "leq": 0, "leqslant": 0, "lt": 1}


def _split(tokens: list[Token], test) -> list[list[Token]]:
    """tokens cut at every top-level token for which test(token) holds, the cutting tokens kept as singletons."""
    parts, cur, depth = [], [], 0
    for t in tokens:
        depth += t.nesting
        if depth == 0 and test(t):
            parts += [cur, [t]]
            cur = []
        else:
            cur.append(t)
    return parts + [cur]


def _is_less(t: Token) -> bool:
    return (t.kind == "char" and t.text == "<") or (t.kind == "cmd" and t.text in _LESS)


def re_name(name: str) -> bool:
    """One letter or one Greek letter's name: what an index may be called."""
    return bool(re.fullmatch(r"[A-Za-z]|[a-z]+", name)) and (len(name) == 1 or name in GREEK)


def _index_name(tokens: list[Token], what: str) -> str:
    name = canonical(tokens)
    if not re_name(name):
        raise ParseError(f"{what} over {name!r}: the index must be one letter, as in {what}_{{i=1}}^{{n}}")
    return name


class Binders:
    def index_bounds(self, name: str, upper: bool = True):
        """(variable, lower, upper) of an index range (see the module's docstring); `upper`: a `^{n}` may follow."""
        what = f"\\{name}"
        if not self.at("char", "_"):
            raise ParseError(f"{what} without an index: write {what}_{{i=1}}^{{n}}, or {what}_i with "
                             "'% index: i in 1..n'")
        self.i += 1
        lower = self.take_arg()
        eq = _split(lower, lambda t: t.kind == "char" and t.text == "=")
        if len(eq) == 3:
            var_name = _index_name(eq[0], what)
            lo = self.parse_all(eq[2])
            if not (upper and self.at("char", "^")):
                raise ParseError(f"{what}_{{{var_name}=...}} without an upper limit: write {what}_{{i=1}}^{{n}}")
            self.i += 1
            return var_name, lo, self.parse_all(self.take_arg())
        if upper and self.at("char", "^"):
            raise ParseError(f"{what} with an upper limit but no lower one: write {what}_{{i=1}}^{{n}}")
        member = _split(lower, lambda t: t.kind == "cmd" and t.text in ("in", "sim"))
        if len(member) == 3:
            var_name = _index_name(member[0], what)
            return var_name, sp.Integer(1), self._bracket_n(member[2], what)
        chain = _split(lower, _is_less)
        if len(chain) == 5:  # lo <= i <= hi; lo < i is lo + 1 <= i for integers
            var_name = _index_name(chain[2], what)
            lo, hi = self.parse_all(chain[0]), self.parse_all(chain[4])
            strict_lo, strict_hi = _LESS.get(chain[1][0].text, 0), _LESS.get(chain[3][0].text, 0)
            if (strict_lo and not lo.is_integer) or (strict_hi and not hi.is_integer):
                raise ParseError(f"{what} over a strict range whose end is not an integer: write "
                                 f"{what}_{{1 \\le {var_name} \\le n}} with integer ends")
            return var_name, lo + strict_lo, hi - strict_hi
        var_name = canonical(lower)
        if not re_name(var_name):
            raise ParseError(f"{what}_{{{var_name}}}: a range that is not read; write {what}_{{i=1}}^{{n}}, "
                             f"{what}_{{i \\in [n]}} or {what}_{{1 \\le i \\le n}}")
        if var_name not in self.decl.indices:
            tex = sp.latex(sp.Symbol(var_name))
            raise ParseError(f"{what}_{{{tex}}} without a range: declare it ('% index: {tex} in 1..n') or write "
                             f"{what}_{{{tex}=1}}^{{n}}")
        # the range as declared, its symbols with what is declared about them now (n may be declared after i)
        lo, hi = (sp.sympify(e).xreplace({s: self.decl.assumptions.symbol(s.name) for s in sp.sympify(e).free_symbols
                                          if isinstance(s, sp.Symbol) and s.name not in self.bound})
                  for e in self.decl.indices[var_name])
        return var_name, lo, hi

    def _bracket_n(self, tokens: list[Token], what: str):
        """[n] = {1, ..., n}: the n of `i \\in [n]`."""
        if len(tokens) >= 2 and tokens[0].kind == "char" and tokens[0].text == "[" and \
                tokens[-1].kind == "char" and tokens[-1].text == "]" and \
                not any(t.kind == "char" and t.text == "," for t in tokens):
            return self.parse_all(tokens[1:-1])
        raise ParseError(f"{what} over {canonical(tokens)}: only i \\in [n] (1..n) is read as an index set; write "
                         f"{what}_{{i=1}}^{{n}}")

    def _closing(self, start: int, var, lo, hi) -> None:
        """The conditions recorded since `start` hold for every value of the index var in lo..hi."""
        self.conditions[start:] = domain_conditions.close_over(self.conditions[start:], var, lo, hi)

    def big_operator(self, name: str):
        self.i += 1
        var_name, lo, hi = self.index_bounds(name)
        var = self.index_symbol(var_name)
        start = len(self.conditions)
        with self.binding(var_name, var):
            body, binders = self.term(unary=True)
        self._closing(start, var, lo, hi)
        op = sp.Sum if name == "sum" else sp.Product
        if sp.sympify(lo).is_number and sp.sympify(hi).is_number and sp.oo not in (abs(lo), abs(hi)):
            if not (sp.sympify(lo).is_integer and sp.sympify(hi).is_integer):
                raise ParseError(f"\\{name} from {sp.sstr(lo)} to {sp.sstr(hi)}: a limit that is not an integer "
                                 "(write the floor or ceiling it means)")
            if hi < lo - 1:  # SymPy's Karr convention would give it a value (sum_{t=3}^{1} 1 = -1): a paper's is empty
                empty = sp.Integer(0 if name == "sum" else 1)
                return (body.applyfunc(lambda _: empty) if _is_vec(body) else empty), binders | {var_name}
        if _is_vec(body):
            if name != "sum":
                raise ParseError("a product of vectors")
            return body.applyfunc(lambda c: op(c, (var, lo, hi))), binders | {var_name}
        return op(body, (var, lo, hi)), binders | {var_name}

    def extremum_over_index(self, name: str):
        """\\max_i body, \\min_{i \\in [n]} body: the extremum over an index range (the body is the rest of the
        product, as a sum's is)."""
        self.i += 1
        var_name, lo, hi = self.index_bounds(name)
        if hi in (sp.oo, -sp.oo) or lo in (sp.oo, -sp.oo):
            raise ParseError(f"\\{name}_{var_name} over an infinite range: declare a finite one ('% index: "
                             f"{var_name} in 1..n'); a supremum is not a maximum")
        var = self.index_symbol(var_name)
        start = len(self.conditions)
        with self.binding(var_name, var):
            body, binders = self.term(unary=True)
        self._closing(start, var, lo, hi)
        self.require(domain_conditions.nonempty_range(lo, hi, f"\\{name}"))
        if _is_vec(body):
            raise ParseError(f"a \\{name} of vectors: write it of their norms or components")
        return (MaxOver if name == "max" else MinOver)(body, (var, lo, hi)), binders | {var_name}

    def expectation(self):
        """\\mathbb{E}_i[body]: the uniform average of body over the index range (a finite one)."""
        self.i += 1
        word = canonical(self.take_arg())
        if word != "E":
            raise ParseError(f"\\mathbb{{{word}}}: a set is not a formula (write membership as an assumption: "
                             f"'% assume: x real', 'n integer positive')")
        if not self.at("char", "_"):
            raise ParseError("\\mathbb{E} without its index: write \\mathbb{E}_i[...] with '% index: i in 1..n' "
                             "(the uniform average over a finite index); other expectations are not read")
        var_name, lo, hi = self.index_bounds("mathbb{E}", upper=False)
        if hi in (sp.oo, -sp.oo) or lo in (sp.oo, -sp.oo):
            raise ParseError(f"\\mathbb{{E}}_{var_name} over an infinite range: declare a finite one ('% index: "
                             f"{var_name} in 1..n')")
        if not self.at("char", "["):
            raise ParseError(f"\\mathbb{{E}}_{var_name} without brackets: write \\mathbb{{E}}_{var_name}[...]")
        var = self.index_symbol(var_name)
        start = len(self.conditions)
        with self.binding(var_name, var):
            body = self.parse_all(self.take_group("[", "]"))
        self._closing(start, var, lo, hi)
        count = hi - lo + 1
        self.require(domain_conditions.denominator(count, "the number of terms of \\mathbb{E}"))
        if _is_vec(body):
            return body.applyfunc(lambda c: sp.Sum(c, (var, lo, hi)) / count), set()
        return sp.Sum(body, (var, lo, hi)) / count, set()

    def index_symbol(self, name: str):
        """The symbol of a sum's (product's, extremum's, expectation's) index. An index that rebinds one bound
        outside (sum_i (x_i - (1/n) sum_i x_i), or a definition's own sum read inside a sum over the same name)
        gets a primed symbol: the same symbol for both would be right in SymPy but leaves the provers two sums whose
        indices they cannot tell apart."""
        rebinds = name in self.bound and getattr(self.bound[name], "name", None) == name
        return sp.Symbol(name + "'" if rebinds else name, integer=True)

    @contextmanager
    def binding(self, name: str, var):
        """`name` means the bound variable `var` while the body of a sum, product or limit is read."""
        saved = self.bound.get(name)
        self.bound[name] = var
        try:
            yield
        finally:
            if saved is None:
                self.bound.pop(name, None)
            else:
                self.bound[name] = saved

    def limit(self):
        self.i += 1
        if not self.at("char", "_"):
            raise ParseError("\\lim without its variable: write \\lim_{x \\to a}")
        self.i += 1
        lower = self.take_arg()
        arrow = next((j for j, t in enumerate(lower) if t.kind == "cmd" and t.text in ("to", "rightarrow",
                                                                                      "longrightarrow")), None)
        if arrow is None:
            raise ParseError("\\lim_{x \\to a} expected")
        direction = "+-"
        point_tokens = lower[arrow + 1:]
        for suffix, d in (("^+", "+"), ("^-", "-"), ("^{+}", "+"), ("^{-}", "-")):
            if canonical(point_tokens).endswith(suffix) and len(point_tokens) > len(suffix):
                point_tokens = point_tokens[:len(point_tokens) - len(suffix)]
                direction = d
                break
        p = self.child(lower[:arrow])
        var = p.symbol()
        if p.done() and not isinstance(var, sp.Symbol):
            q = self.child(lower[:arrow])
            name = q.read_name()
            if q.done() and name in self.decl.ranged:  # eta in (0, 1/y] reads s_eta / y; bound here, it is itself
                var = sp.Symbol(name, real=True)
        if not p.done() or not isinstance(var, sp.Symbol):
            raise ParseError("a limit's variable must be one scalar symbol: write \\lim_{x \\to a}")
        point = self.parse_all(point_tokens)
        if point in (sp.oo, -sp.oo):
            direction = "-" if point == sp.oo else "+"
        name = var.name
        start = len(self.conditions)
        with self.binding(name, var):
            body, binders = self.term(unary=True)
        self.conditions[start:] = domain_conditions.drop_limit_variable(self.conditions[start:], var)
        if _is_vec(body):  # a limit of a vector is the vector of its components' limits
            return body.applyfunc(lambda c: sp.Limit(c, var, point, direction)), binders | {name}
        return sp.Limit(body, var, point, direction), binders | {name}
