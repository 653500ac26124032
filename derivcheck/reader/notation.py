"""The strict reader: LaTeX mathematics into SymPy, or a ParseError that names what it could not read.

Every token is consumed into the expression or the row is refused: there is no
guessing afterwards. The notation it reads is listed in the README ("Supported
notation"); the rules that decide between readings are:

* `x(...)` is a call when x is a declared function (or \\sigma, the sigmoid), a product when x is a declared
  variable or occurs inside the parentheses (`n(n+1)`), and otherwise refused as ambiguous.
* A big operator (`\\sum`, `\\prod`, `\\max_i`, `\\min_i`, `\\lim`, `\\frac{d}{dx}`, `\\nabla_\\theta` before an
  expression) takes the rest of the product it stands in; a later term in which its variable is free (not bound again
  by a sum or maximum of its own) is refused (`\\sum_i a_i + b_i`): the reader cannot know which scope was meant.
* A bare function argument is one atom: `\\log x`, `\\log\\sqrt{x}`, `\\log \\frac{a}{b}` are read, `\\log 2x` and
  `\\log x^2` are refused; `\\log \\sum_i x_i` is the logarithm of the sum. `a/b c` is refused; `\\frac` is never
  ambiguous.
* `x^23` is x^2 * 3, as TeX typesets it; a number after a factor (`x 2`) is refused.
* `x^\\top` always transposes; `x^T` is a power when T is a declared scalar (`% assume: T integer positive`) and x is
  not a vector, a transpose when x is a declared vector, and refused otherwise.
* `NAME := ...` at the start of a row defines NAME for the rows below (a rewrite, not a claim); the relations after
  the definition's right side are steps (`m := \\min_i y_i \\le ...`).
* `\\log` is the natural logarithm; `e` is Euler's number unless declared.
* A power, factorial or binomial of numbers with more than a million digits is refused (`exact_size`).

Vectors (`% vector:`) are read at a given dimension d as column matrices of
component symbols; the caller chooses d (`NeedsDimension` asks for one). While it reads, the parser records where
each side is defined as written (`domain_conditions`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

import sympy as sp

from derivcheck.reader import domain_conditions, exact_size
from derivcheck.reader.binders import Binders
from derivcheck.reader.calculus import Calculus
from derivcheck.reader.cursor import Cursor
from derivcheck.reader.declarations import Declarations
from derivcheck.reader.names import Names
from derivcheck.reader.operators import Operators
from derivcheck.reader.rows import Definition, Row, Rows
from derivcheck.reader.tokens import Token, tokenize
from derivcheck.reader.vocabulary import (
    ACCENTS,
    BOLD,
    FUNCTIONS,
    GREEK,
    REFUSED,
    RELATIONS,
    UNDECIDED_RELATIONS,
    NeedsDimension,
    ParseError,
    _add,
    _is_vec,
    _mul,
    bounded_depth,
    canonical,
    unbound_names,
)

__all__ = ["NeedsDimension", "ParseError", "Parser", "Row", "canonical", "parse_expression", "parse_row",
           "parse_definition", "read_expression", "symbol_name"]

_UNWRAP = {"\\mathbb{E}", "\\nabla", "\\max", "\\min", "\\sum", "\\prod", "\\lim", "\\log", "\\ln", "\\exp"}


@dataclass
class Shared:
    """What a parser and its children record while they read: conditions where the sides are defined, and members
    of families read by name (y_1, a_t) for `Names.unify_members`."""

    conditions: list = field(default_factory=list)
    members: list = field(default_factory=list)


class Parser(Rows, Names, Operators, Binders, Calculus, Cursor):
    def __init__(self, tokens: list[Token], decl: Declarations, dim: int | None = None, bound=None,
                 in_bars: bool = False, defining=frozenset(), shared: Shared | None = None):
        self.toks, self.i, self.decl, self.dim = tokens, 0, decl, dim
        self.bound = bound if bound is not None else {}
        self.in_bars = in_bars
        self.defining = defining
        self.shared = shared if shared is not None else Shared()

    @property
    def conditions(self) -> list:
        return self.shared.conditions

    def child(self, tokens: list[Token], in_bars: bool = False) -> "Parser":
        return Parser(tokens, self.decl, self.dim, self.bound, in_bars, self.defining, self.shared)

    def parse_all(self, tokens: list[Token]):
        p = self.child(tokens)
        with bounded_depth():  # each bracket, fraction or power is read by a child parser: a deep one is unread
            e = p.expr()
        if not p.done():
            raise ParseError(f"unexpected {p.peek().source}")
        return e

    # -- expressions -----------------------------------------------------------------------------
    def expr(self):
        neg = False
        while self.at("char", "-", "+"):  # --x, as a macro argument -x in e^{-#1} gives
            neg ^= self.next().text == "-"
        result, pending = self.term()
        result = -result if neg else result
        while self.at("char", "+", "-"):
            minus = self.next().text == "-"
            t, binders = self.term()
            used = unbound_names(t) & pending
            if used:  # \sum_i a_i + b_i: is b_i in the sum? A term that binds i again itself is no question
                v = sorted(used)[0]
                raise ParseError(f"ambiguous scope: {v} is bound by a \\sum, \\max, \\lim, d/d{v} or \\nabla "
                                 f"earlier in the expression and used after it: put the operator's body in "
                                 f"parentheses (\\sum_{v} (a_{v} + b_{v})), or write the later term first")
            pending |= binders
            result = _add(result, -t if minus else t)
        return result

    def starts_factor(self) -> bool:
        t = self.peek()
        if t is None:
            return False
        if t.kind in ("letter", "num"):
            return True
        if t.kind == "char":
            return t.text in "([{" or (t.text == "|" and not self.in_bars)
        if t.text == "|":  # \| opens a norm unless we are inside one (its content is cut out before parsing)
            return not self.in_bars
        if t.text in RELATIONS or t.text in UNDECIDED_RELATIONS or t.text in ("cdot", "times", "quad", "text", "mbox",
                                                                                "textrm", "rangle", "rVert", "rvert",
                                                                                "|", "}", "to", "rightarrow"):
            return False
        return True

    def term(self, unary: bool = False):
        f, binders = self.factor(unary=unary)
        while True:
            if self.at("cmd", "cdot", "times") or self.at("char", "*"):
                dot = self.next().text == "cdot"
                g, b = self.factor(unary=True)
                f, binders = _mul(f, g, dot), binders | b
            elif self.at("char", "/"):
                self.i += 1
                g, b = self.factor(unary=True)
                if self.starts_factor():
                    raise ParseError("ambiguous division a/b c: write \\frac{a}{b c} or (a/b) c")
                if _is_vec(g):
                    raise ParseError("division by a vector")
                self.require(domain_conditions.denominator(g))
                f, binders = f / g if not _is_vec(f) else f * (1 / g), binders | b
            elif self.starts_factor():
                if self.at("num"):
                    raise ParseError(f"a number after a factor ({self.peek().text}): write it first or use \\cdot")
                g, b = self.factor()
                f, binders = _mul(f, g, False), binders | b
            else:
                return f, binders

    def factor(self, unary: bool = False):
        if unary and self.at("char", "-", "+"):
            neg = self.next().text == "-"
            f, b = self.factor(unary=True)
            return (-f if neg else f), b
        base, binders = self.primary()
        while self.at("char", "!"):
            self.i += 1
            base = exact_size.factorial(base)  # refused when too large: SymPy builds it eagerly
        if self.at("char", "^"):
            self.i += 1
            base = self.power(base)
        if self.at("char", "_"):
            raise ParseError("a subscript on something that is not a symbol")
        return base, binders

    def power(self, base):
        euler = self.i >= 2 and self.toks[self.i - 2].text == "e"  # the base's last token, before the ^
        arg = self.take_arg()
        text = canonical(arg)
        if text in ("\\top", "\\intercal", "\\mathsf{T}", "\\mathrm{T}") or (
                text == "T" and (_is_vec(base) or not self._declared_scalar("T"))):
            if not _is_vec(base):
                if text == "T":
                    raise ParseError("x^T with T undeclared: a power or a transpose? Declare T for a power ('% "
                                     "assume: T integer positive') or the vector for a transpose ('% vector: x in "
                                     "R^d'); x^\\top always transposes")
                name = sp.latex(base) if isinstance(base, sp.Symbol) else "x"
                raise ParseError(f"a transpose of a non-vector: declare the vector ('% vector: {name} in R^d')")
            if base.shape[1] != 1:
                raise ParseError("a transpose of a transposed vector")
            return base.T
        if text.startswith("(") and len(arg) > 2 and _one_group(arg):  # e^{(a + b)/2} is a power
            raise ParseError("a superscript in parentheses (x^{(t)}): an iterate label or a power? "
                             "write x_t, or (x)^{t} for a power")
        if _is_vec(base) and euler:
            raise ParseError("e is declared a vector ('% vector:'), so e^{...} is a power of that vector: write "
                             "\\exp(...) for the exponential, or give the vector another name")
        if _is_vec(base):
            raise ParseError("a power of a vector: use \\|x\\|^2 or x^\\top x")
        if text in ("*", "\\star", "\\ast", "\\prime", "\\dagger"):
            raise ParseError(f"a {text} superscript on something that is not a symbol")
        exponent = self.parse_all(arg)
        if _is_vec(exponent):
            raise ParseError("a vector in an exponent")
        if base is sp.E:
            return sp.exp(exponent)
        self.require(domain_conditions.power(base, exponent))
        return exact_size.power(base, exponent)

    def _declared_scalar(self, name: str) -> bool:
        """name has a meaning as a scalar here: declared by '% assume:' or '% index:', bound, or defined."""
        return self.decl.assumptions.declared(name) or name in self.decl.indices or name in self.bound or \
            any(n == name for n, _ in self.decl.defines)

    # -- atoms -----------------------------------------------------------------------------
    def primary(self):
        t = self.peek()
        if t is None:
            raise ParseError("the formula ends too early")
        if t.kind == "num":
            self.i += 1
            return sp.Rational(Fraction(t.text)), set()
        if t.kind == "letter":
            return self.symbol(), set()
        if t.kind == "char":
            if t.text in "([":
                close = ")" if t.text == "(" else "]"
                inner = self.take_group(t.text, close)
                return self.parse_all(inner), set()
            if t.text == "{":
                if self._braced_name_with_subscript():
                    return self.symbol(), set()
                start = self.i
                inner = self.take_group()
                if not inner:
                    raise ParseError("an empty group {}")
                if canonical(inner) in _UNWRAP:  # {\mathbb{E}}_i[...]: a macro's braces around an operator
                    self.toks = self.toks[:start] + inner + self.toks[self.i:]
                    self.i = start
                    return self.primary()
                return self.parse_all(inner), set()
            if t.text == "|" and not self.in_bars:
                self.i += 1
                return self.bars("char", "|", "absolute value"), set()
            raise ParseError(f"unexpected {t.text!r}")
        name = t.text
        if name in GREEK:
            return self.symbol(), set()
        if name in REFUSED:
            raise ParseError(f"unsupported notation \\{name}: {REFUSED[name]}")
        if name in ("frac", "dfrac", "tfrac"):
            return self.fraction()
        if name == "sqrt":
            self.i += 1
            index = None
            if self.at("char", "["):
                index = self.parse_all(self.take_group("[", "]"))
            radicand = self.parse_all(self.take_arg())
            if _is_vec(radicand):
                raise ParseError("a square root of a vector")
            self.require(domain_conditions.power(radicand, sp.S.Half if index is None else 1 / index))
            return (sp.sqrt(radicand) if index is None else sp.root(radicand, index)), set()
        if name == "binom":
            self.i += 1
            n = self.parse_all(self.take_arg())
            k = self.parse_all(self.take_arg())
            return exact_size.binomial(n, k), set()
        if name in FUNCTIONS:
            return self.function(name)
        if name in ("max", "min"):
            return self.extremum(name)
        if name == "nabla":
            return self.gradient()
        if name == "mathbb":
            return self.expectation()
        if name in ("sum", "prod"):
            return self.big_operator(name)
        if name == "lim":
            return self.limit()
        if name == "infty":
            self.i += 1
            return sp.oo, set()
        if name == "pi":
            self.i += 1
            return sp.pi, set()
        if name in ("|", "Vert", "lVert"):
            self.i += 1
            return self.bars("cmd", {"|": "|", "Vert": "Vert", "lVert": "rVert"}[name], "norm"), set()
        if name in ("lvert", "vert"):
            self.i += 1
            return self.bars("cmd", "rvert" if name == "lvert" else "vert", "absolute value"), set()
        if name == "langle":
            return self.inner_product(), set()
        if name in ("mathrm", "operatorname", "mathsf") or name in BOLD or name in ACCENTS:
            return self.symbol(), set()
        if name == "begin":
            return self.matrix(), set()
        if name == "{":
            raise ParseError("a brace \\{ outside \\max/\\min (sets are not supported)")
        raise ParseError(f"unsupported notation \\{name}: if it is a macro, define it (\\newcommand) in the file; "
                         "the notation that is read is listed in the README")


def parse_expression(src: str, decl: Declarations | None = None, dim: int | None = None):
    """One expression; raises ParseError (or NeedsDimension for vectors without a dimension)."""
    return read_expression(src, decl, dim)[0]


def read_expression(src: str, decl: Declarations | None = None, dim: int | None = None) -> tuple:
    """(expression, conditions where it is defined as written) for one expression."""
    p = Parser(tokenize(src), decl or Declarations(), dim)
    e = p.expr()
    if not p.done():
        raise ParseError(f"unexpected {p.peek().source}")
    e, conditions = p.unify_members([e, list(p.conditions)])
    return e, conditions


def parse_row(src: str, decl: Declarations, dim: int | None = None) -> Row:
    return Parser(tokenize(src, keep_quad=True), decl, dim).row()


def parse_definition(src: str) -> Definition | None:
    """The definition `NAME := ...` (or `f(x) := ...`) a row starts with, or None; nothing else of it is read."""
    return Parser(tokenize(src, keep_quad=True), Declarations()).definition_head()


def symbol_name(src: str) -> str:
    """The canonical name of one symbol written in LaTeX (`\\gamma` -> gamma, `a_{i}` -> a_i, `\\theta^*`)."""
    p = Parser(tokenize(src), Declarations())
    try:
        name = p.read_name()
    except ParseError as exc:
        raise ParseError(f"cannot read the symbol {src!r} ({exc})") from None
    while not p.done() and p.at("char", "'"):  # z': the name a row reads for z' (a variable, not a derivative)
        p.i += 1
        name += "'"
    if not p.done():
        raise ParseError(f"{src!r} is not a single symbol")
    return name


def _one_group(tokens) -> bool:
    """The tokens are one parenthesized group, (t) or (t+1): its first bracket closes at its last token."""
    depth = 0
    for k, t in enumerate(tokens):
        depth += (t.text == "(") - (t.text == ")")
        if depth == 0:
            return k == len(tokens) - 1
    return False
