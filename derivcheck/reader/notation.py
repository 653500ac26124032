"""The strict reader: LaTeX mathematics into SymPy, or a ParseError that names what it could not read.

Every token is consumed into the expression or the row is refused: there is no
guessing afterwards. The notation it reads is listed in the README ("Supported
notation"); the rules that decide between readings are:

* `x(...)` is a call when x is a declared function (or \\sigma, the sigmoid), a product when x is a declared
  variable or occurs inside the parentheses (`n(n+1)`), and otherwise refused as ambiguous.
* A big operator (`\\sum`, `\\prod`, `\\lim`, `\\frac{d}{dx}`) takes the rest of the product it stands in; a later
  term that uses its bound variable is refused (`\\sum_i a_i + b_i`): the reader cannot know which scope was meant.
* A bare function argument is one atom: `\\log x` is read, `\\log 2x` and
  `\\log x^2` are refused. `a/b c` is refused; `\\frac` is never ambiguous.
* `x^23` is x^2 * 3, as TeX typesets it; a number after a factor (`x 2`) is refused.
* `\\log` is the natural logarithm; `e` is Euler's number unless declared.
* A power, factorial or binomial of numbers with more than a million digits is refused (`exact_size`).

Vectors (`% vector:`) are read at a given dimension d as column matrices of
component symbols; the caller chooses d (`NeedsDimension` asks for one).
"""

from __future__ import annotations

from fractions import Fraction

import sympy as sp

from derivcheck.reader import exact_size
from derivcheck.reader.declarations import Declarations
from derivcheck.reader.names import Names
from derivcheck.reader.operators import Operators
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
    _names,
    bounded_depth,
    canonical,
)

__all__ = ["NeedsDimension", "ParseError", "Parser", "canonical", "parse_expression", "parse_row", "symbol_name"]


class Parser(Names, Operators):
    def __init__(self, tokens: list[Token], decl: Declarations, dim: int | None = None, bound=None,
                 in_bars: bool = False, defining=frozenset()):
        self.toks, self.i, self.decl, self.dim = tokens, 0, decl, dim
        self.bound = bound if bound is not None else {}
        self.in_bars = in_bars
        self.defining = defining

    # -- token helpers ---------------------------------------------------------------
    def peek(self, k: int = 0) -> Token | None:
        j = self.i + k
        return self.toks[j] if j < len(self.toks) else None

    def at(self, kind: str, *texts: str, k: int = 0) -> bool:
        t = self.peek(k)
        return t is not None and t.kind == kind and (not texts or t.text in texts)

    def next(self) -> Token:
        t = self.peek()
        if t is None:
            raise ParseError("the formula ends too early")
        self.i += 1
        return t

    def expect(self, kind: str, text: str) -> None:
        t = self.peek()
        if t is None or t.kind != kind or t.text != text:
            raise ParseError(f"expected {text!r}, found {t.source if t else 'the end'}")
        self.i += 1

    def done(self) -> bool:
        return self.i >= len(self.toks)

    def child(self, tokens: list[Token], in_bars: bool = False) -> "Parser":
        return Parser(tokens, self.decl, self.dim, self.bound, in_bars, self.defining)

    def parse_all(self, tokens: list[Token]):
        p = self.child(tokens)
        with bounded_depth():  # each bracket, fraction or power is read by a child parser: a deep one is unread
            e = p.expr()
        if not p.done():
            raise ParseError(f"unexpected {p.peek().source}")
        return e

    def take_group(self, open_="{", close="}") -> list[Token]:
        """Tokens between a bracket at the cursor and its match; the cursor moves past the match."""
        self.expect("char", open_)
        depth, start = 1, self.i
        while self.i < len(self.toks):
            t = self.toks[self.i]
            if t.kind == "char" and t.text == open_:
                depth += 1
            elif t.kind == "char" and t.text == close:
                depth -= 1
                if depth == 0:
                    self.i += 1
                    return self.toks[start:self.i - 1]
            self.i += 1
        raise ParseError(f"unbalanced {open_!r}")

    def take_until(self, kind: str, text: str, what: str) -> list[Token]:
        """Tokens up to the first `text` outside brackets; the cursor moves past it."""
        start, depth = self.i, 0
        while not self.done():
            t = self.peek()
            if t.kind == kind and t.text == text and depth == 0:
                self.i += 1
                return self.toks[start:self.i - 1]
            if t.kind == "char" and t.text in "([{":
                depth += 1
            elif t.kind == "char" and t.text in ")]}":
                depth -= 1
            self.i += 1
        closer = "\\" + text if kind == "cmd" else text
        raise ParseError(f"{what} without its closing {closer}")

    def take_arg(self) -> list[Token]:
        """One TeX argument: a braced group, or one token (one digit of a number: \\frac12, x^23)."""
        t = self.peek()
        if t is None:
            raise ParseError("a command without its argument")
        if t.kind == "char" and t.text == "{":
            return self.take_group()
        self.i += 1
        if t.kind == "num" and len(t.text) > 1:
            self.toks = self.toks[:self.i - 1] + [Token("num", t.text[0], t.pos), Token("num", t.text[1:], t.pos + 1)] \
                + self.toks[self.i:]
            return [self.toks[self.i - 1]]
        if t.kind == "char" and t.text in "+-=<>,)]}|":
            raise ParseError(f"{t.text!r} where an argument was expected")
        return [t]

    # -- rows and expressions -----------------------------------------------------------
    def at_relation(self) -> str | None:
        t = self.peek()
        if t is None:
            return None
        if t.kind == "char" and t.text in "=<>":
            return RELATIONS[t.text]
        if t.kind == "char" and t.text == ":" and self.at("char", "=", k=1):
            raise ParseError("a definition (:=) is not a step to check")
        if t.kind == "cmd" and t.text in RELATIONS:
            return RELATIONS[t.text]
        if t.kind == "cmd" and t.text in UNDECIDED_RELATIONS:
            raise ParseError(f"{UNDECIDED_RELATIONS[t.text]} is not a relation the checker decides")
        return None

    def row(self):
        """(sides, relations, condition position): a side is None when the row starts with a relation."""
        sides, rels = [None if self.at_relation() else self.expr()], []
        while (rel := self.at_relation()) is not None:
            self.i += 1
            rels.append(rel)
            sides.append(self.expr())
        if self.done():
            return sides, rels, None
        t = self.peek()
        if (t.kind == "char" and t.text in ",.;") or (t.kind == "cmd" and t.text in ("quad", "text", "mbox", "textrm")):
            return sides, rels, t.pos
        raise ParseError(f"unexpected {t.source}")

    def expr(self):
        neg = False
        while self.at("char", "-", "+"):  # --x, as a macro argument -x in e^{-#1} gives
            neg ^= self.next().text == "-"
        result, pending = self.term()
        result = -result if neg else result
        while self.at("char", "+", "-"):
            minus = self.next().text == "-"
            t, binders = self.term()
            used = _names(t) & pending
            if used:
                raise ParseError(f"ambiguous scope: {', '.join(sorted(used))} is bound by a \\sum, \\lim or d/dx "
                                 "earlier in the expression and used after it; put the body in parentheses")
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
        arg = self.take_arg()
        text = canonical(arg)
        if text in ("\\top", "\\intercal", "T", "\\mathsf{T}", "\\mathrm{T}") or (text == "T" and _is_vec(base)):
            if not _is_vec(base):
                raise ParseError("a transpose of a non-vector: declare it with '% vector:'")
            if base.shape[1] != 1:
                raise ParseError("a transpose of a transposed vector")
            return base.T
        if text.startswith("(") and len(arg) > 2:
            raise ParseError("a superscript in parentheses (x^{(t)}): an iterate label or a power? "
                             "write x_t, or (x)^{t} for a power")
        if _is_vec(base):
            raise ParseError("a power of a vector: use \\|x\\|^2 or x^\\top x")
        if text in ("*", "\\star", "\\ast", "\\prime", "\\dagger"):
            raise ParseError(f"a {text} superscript on something that is not a symbol")
        exponent = self.parse_all(arg)
        if _is_vec(exponent):
            raise ParseError("a vector in an exponent")
        if base is sp.E:
            return sp.exp(exponent)
        return exact_size.power(base, exponent)

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
                inner = self.take_group()
                if not inner:
                    raise ParseError("an empty group {}")
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
            return (sp.sqrt(radicand) if index is None else sp.root(radicand, index)), set()
        if name == "binom":
            self.i += 1
            n = self.parse_all(self.take_arg())
            k = self.parse_all(self.take_arg())
            return exact_size.binomial(n, k), set()
        if name in FUNCTIONS:
            return self.function(name)
        if name in ("max", "min"):
            return self.extremum(name), set()
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
        raise ParseError(f"unsupported notation \\{name}")

    def matrix(self):
        """\\begin{matrix} a \\\\ b \\end{matrix} (also pmatrix, bmatrix): a column of scalars."""
        self.i += 1
        env = canonical(self.take_group())
        if env not in ("matrix", "pmatrix", "bmatrix"):
            raise ParseError(f"unsupported environment {env} inside a formula")
        inner = self.take_until("cmd", "end", f"\\begin{{{env}}}")
        if canonical(self.take_group()) != env:
            raise ParseError(f"\\begin{{{env}}} closed by another environment")
        rows, cur = [], []
        for t in inner:
            if t.kind == "cmd" and t.text == "\\":
                rows.append(cur)
                cur = []
            else:
                cur.append(t)
        if cur:
            rows.append(cur)
        entries = [self.parse_all(r) for r in rows if r]
        if not entries or any(_is_vec(e) for e in entries):
            raise ParseError("a matrix literal must be a column of scalars")
        return sp.Matrix(entries)


def parse_expression(src: str, decl: Declarations | None = None, dim: int | None = None):
    """One expression; raises ParseError (or NeedsDimension for vectors without a dimension)."""
    p = Parser(tokenize(src), decl or Declarations(), dim)
    e = p.expr()
    if not p.done():
        raise ParseError(f"unexpected {p.peek().source}")
    return e


def parse_row(src: str, decl: Declarations, dim: int | None = None):
    p = Parser(tokenize(src, keep_quad=True), decl, dim)
    return p.row()


def symbol_name(src: str) -> str:
    """The canonical name of one symbol written in LaTeX (`\\gamma` -> gamma, `a_{i}` -> a_i)."""
    p = Parser(tokenize(src), Declarations())
    try:
        _, base = p.name_token()
        sub = None
        if p.at("char", "_"):
            p.i += 1
            sub = p.take_arg()
    except ParseError:
        raise ParseError(f"cannot read the symbol {src!r}") from None
    if not p.done():
        raise ParseError(f"{src!r} is not a single symbol")
    if sub is None:
        return base
    text = canonical(sub)
    return base + (f"_{text}" if len(sub) == 1 else f"_{{{text}}}")
