"""The strict reader: LaTeX mathematics into SymPy, or a ParseError that names what it could not read.

Every token is consumed into the expression or the row is refused: there is no
guessing afterwards. The notation it reads is listed in the README ("Supported
notation"); the rules that decide between readings are:

* `x(...)` is a call when x is a declared function (or \\sigma, the sigmoid), a
  product when x is a declared variable or occurs inside the parentheses
  (`n(n+1)`), and otherwise refused as ambiguous.
* A big operator (`\\sum`, `\\prod`, `\\lim`, `\\frac{d}{dx}`) takes the rest of the
  product it stands in; a later term that uses its bound variable is refused
  (`\\sum_i a_i + b_i`), since the reader cannot know which scope was meant.
* A bare function argument is one atom: `\\log x` is read, `\\log 2x` and
  `\\log x^2` are refused. `a/b c` is refused; `\\frac` is never ambiguous.
* `x^23` is x^2 * 3, as TeX typesets it; a number after a factor (`x 2`) is refused.
* `\\log` is the natural logarithm; `e` is Euler's number unless declared.

Vectors (`% vector:`) are read at a given dimension d as column matrices of
component symbols; the caller chooses d (`NeedsDimension` asks for one).
"""

from __future__ import annotations

import re
from contextlib import contextmanager
from fractions import Fraction

import sympy as sp

from .declarations import Declarations
from .functions import Sigmoid
from .latex_tokens import Token, tokenize

GREEK = {"alpha", "beta", "gamma", "delta", "epsilon", "varepsilon", "zeta", "eta", "theta", "vartheta", "iota",
         "kappa", "lambda", "mu", "nu", "xi", "rho", "varrho", "sigma", "tau", "upsilon", "phi", "varphi", "chi",
         "psi", "omega", "Gamma", "Delta", "Theta", "Lambda", "Xi", "Sigma", "Upsilon", "Phi", "Psi", "Omega", "ell"}
FUNCTIONS = {"log": sp.log, "ln": sp.log, "exp": sp.exp, "sin": sp.sin, "cos": sp.cos, "tan": sp.tan,
             "sinh": sp.sinh, "cosh": sp.cosh, "tanh": sp.tanh, "arctan": sp.atan, "arcsin": sp.asin,
             "arccos": sp.acos}
RELATIONS = {"=": "=", "<": "<", ">": ">", "le": "<=", "leq": "<=", "leqslant": "<=", "ge": ">=", "geq": ">=",
             "geqslant": ">=", "ne": "!=", "neq": "!=", "lt": "<", "gt": ">"}
UNDECIDED_RELATIONS = {"approx": "an approximation (\\approx)", "sim": "\\sim", "simeq": "\\simeq",
                       "propto": "\\propto", "equiv": "\\equiv", "in": "a membership (\\in)", "notin": "\\notin",
                       "subset": "\\subset", "subseteq": "\\subseteq", "ll": "\\ll", "gg": "\\gg",
                       "lesssim": "\\lesssim", "gtrsim": "\\gtrsim", "coloneqq": "a definition (:=)",
                       "triangleq": "a definition (\\triangleq)", "iff": "\\iff", "implies": "\\implies",
                       "Rightarrow": "\\Rightarrow", "Leftrightarrow": "\\Leftrightarrow", "mapsto": "\\mapsto",
                       "to": "\\to outside a limit", "rightarrow": "\\rightarrow outside a limit", "asymp": "\\asymp"}
REFUSED = {"nabla": "gradients (\\nabla) are not supported; write partial derivatives \\frac{\\partial}{\\partial x}",
           "mathbb": "\\mathbb{...} (expectations, sets) is not supported",
           "int": "integrals are not supported", "oint": "integrals are not supported",
           "cdots": "an ellipsis cannot be read as a formula", "ldots": "an ellipsis cannot be read as a formula",
           "dots": "an ellipsis cannot be read as a formula", "vdots": "an ellipsis cannot be read as a formula",
           "partial": "\\partial outside \\frac{\\partial}{\\partial x}", "forall": "\\forall inside a formula",
           "exists": "\\exists inside a formula", "mathcal": "\\mathcal{...} is not supported",
           "det": "determinants are not supported", "tr": "traces are not supported",
           "operatorname*": "\\operatorname* is not supported", "arg": "argmin/argmax are not supported",
           "sup": "sup/inf are not supported", "inf": "sup/inf are not supported", "liminf": "liminf is not supported",
           "limsup": "limsup is not supported", "E": "\\E is not supported", "Pr": "probabilities are not supported",
           "text": "text inside a formula", "mbox": "text inside a formula", "textrm": "text inside a formula",
           "pm": "\\pm (two formulas in one)", "mp": "\\mp (two formulas in one)", "setminus": "set operations",
           "cup": "set operations", "cap": "set operations", "circ": "composition is not supported",
           "otimes": "tensor products are not supported", "odot": "elementwise products are not supported",
           "sgn": "sgn is not supported", "sign": "sign is not supported", "deg": "\\deg", "gcd": "\\gcd"}
ACCENTS = {"hat", "bar", "tilde", "widehat", "widetilde", "overline", "dot", "ddot", "check", "breve", "vec"}
BOLD = {"mathbf", "boldsymbol", "bm", "mathbfit", "mathit", "bold"}


class ParseError(Exception):
    pass


class NeedsDimension(Exception):
    """A vector was met while no dimension is set: read the expression again at each dimension."""


def canonical(tokens: list[Token]) -> str:
    return "".join(t.text if t.kind != "cmd" else ("" if t.text in GREEK else "\\") + t.text for t in tokens)


class Parser:
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
        sides, rels = [], []
        sides.append(None if self.at_relation() else self.expr())
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
        if neg:
            result = -result
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
            base = sp.factorial(base)
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
        return sp.Pow(base, exponent)

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
            return sp.binomial(n, k), set()
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

    def name_token(self) -> tuple[str, str]:
        """(kind, base name) of a symbol at the cursor: a letter, a Greek letter, \\mathrm{x}, \\bar{x}, \\mathbf{x}."""
        t = self.next()
        if t.kind == "letter":
            return "letter", t.text
        if t.text in GREEK:
            return "greek", t.text
        inner = self.take_arg()
        word = canonical(inner)
        if t.text in ("mathrm", "operatorname", "mathsf"):
            if t.text == "mathrm" and word == "e":
                return "euler", "e"
            if word == "d":
                raise ParseError("a differential \\mathrm{d} outside \\frac{\\mathrm{d}}{\\mathrm{d}x}")
            if re.fullmatch(r"[A-Za-z]", word):
                return "letter", word
            if word in self.decl.functions:
                return "function", word
            raise ParseError(f"unsupported \\{t.text}{{{word}}}: declare it with '% function: {word}(x) = ...'")
        if not re.fullmatch(r"[A-Za-z]|\\?[A-Za-z]+", word) or (word.startswith("\\") and word[1:] not in GREEK):
            raise ParseError(f"\\{t.text}{{{word}}}: expected one letter")
        word = word.lstrip("\\")
        if t.text in BOLD:
            return "letter", word
        return "letter", f"{t.text}{{{word}}}"

    def symbol(self):
        start = self.i
        kind, base = self.name_token()
        if kind == "euler":
            if self.at("char", "_"):
                raise ParseError("a subscript on \\mathrm{e}")
            return sp.E
        sub_tokens = None
        if self.at("char", "_"):
            self.i += 1
            sub_tokens = self.take_arg()
        primes = 0
        while self.at("char", "'"):
            self.i += 1
            primes += 1
        star = ""
        if self.at("char", "^") and canonical(self.toks[self.i + 1:self.i + 2]) in ("*", "\\star", "\\ast") or \
                (self.at("char", "^") and self.at("char", "{", k=1)
                 and canonical(self.toks[self.i + 2:self.i + 4]) in ("*}", "\\star}", "\\ast}")):
            self.i += 1
            self.take_arg()
            star = "^*"
        if sub_tokens is not None and star == "" and self.at("char", "_"):
            raise ParseError("two subscripts")
        sub_text = canonical(sub_tokens) if sub_tokens is not None else None
        name = base + (f"_{sub_text}" if sub_text is not None and len(sub_tokens) == 1 else
                       f"_{{{sub_text}}}" if sub_text is not None else "") + star
        fname = name if name in self.decl.functions else base if base in self.decl.functions else None
        if kind == "function" or fname is not None or (base == "sigma" and sub_tokens is None
                                                          and not self.decl.is_variable("sigma")):
            return self.call(fname or base, primes)
        if primes:
            name += "'" * primes
            if self.at("char", "("):
                raise ParseError(f"{name}(...): a derivative of an undeclared function; declare it with '% function:'")
        braced_call = self.at("char", "{") and self.at("char", "(", k=1)  # SymPy's g{\left(x\right)}
        if (self.at("char", "(") or braced_call) and name not in self.bound and not self.decl.is_variable(name):
            inside = {canonical([t]) for t in self._group_tokens()}
            if base not in inside and ("\\" + base) not in inside:
                src = canonical(self.toks[start:self.i])
                raise ParseError(f"{src}(...) is ambiguous: a function call or a product? Declare {src} with "
                                 f"'% function:' (a function) or '% assume:' (a variable)")
        return self.variable(name, base, sub_tokens, bool(star))

    def _braced_name_with_subscript(self) -> bool:
        """SymPy writes an indexed symbol as {y}_{i}: unwrap the braces so that y_i is read as one symbol."""
        t1, t2, t3 = self.peek(1), self.peek(2), self.peek(3)
        if t1 is None or t2 is None or t3 is None or not (t2.kind == "char" and t2.text == "}"):
            return False
        if not (t1.kind == "letter" or (t1.kind == "cmd" and t1.text in GREEK)):
            return False
        if not (t3.kind == "char" and t3.text == "_"):
            return False
        del self.toks[self.i + 2]
        del self.toks[self.i]
        return True

    def _group_tokens(self) -> list[Token]:
        save = self.i
        try:
            return self.take_group() if self.at("char", "{") else self.take_group("(", ")")
        finally:
            self.i = save

    def variable(self, name: str, base: str, sub_tokens, starred: bool):
        if name in self.bound:
            return self.bound[name]
        defined = next((src for n, src in self.decl.defines if n == name), None)
        if defined is not None:
            if name in self.defining:
                raise ParseError(f"the definition of {name} refers to itself")
            p = Parser(tokenize(defined), self.decl, self.dim, dict(self.bound), False, self.defining | {name})
            value = p.expr()
            if not p.done():
                raise ParseError(f"the definition of {name}: unexpected {p.peek().source}")
            return value
        index = None
        if sub_tokens is not None and not starred:
            sub_names = {canonical([t]) for t in sub_tokens}
            if sub_names & (set(self.bound) | set(self.decl.indices)):
                index = tuple(self.arg_list(sub_tokens))
        vec_base = base if base in self.decl.vectors else None
        if vec_base is not None or name in self.decl.vectors:
            if self.dim is None:
                raise NeedsDimension()
            family = self.decl.vectors.get(vec_base or name, False)
            if family:
                if index is None:
                    raise ParseError(f"{base} is declared as a family a_i: it needs an index")
                return sp.Matrix([sp.Indexed(sp.IndexedBase(base, real=True), *index, k)
                                  for k in range(1, self.dim + 1)])
            return sp.Matrix([sp.Symbol(f"{name}[{k}]", real=True) for k in range(1, self.dim + 1)])
        if index is not None:
            props = {p: True for p in self.decl.assumptions.props.get(base, ())}
            props.setdefault("real", True)
            return sp.Indexed(sp.IndexedBase(base, **props), *index)
        if name == "e" and not self.decl.is_variable("e"):
            return sp.E
        return self.decl.assumptions.symbol(name)

    def call(self, name: str, primes: int):
        args = self.call_args(name)
        if any(_is_vec(a) for a in args):
            raise ParseError(f"{name} of a vector")
        if name == "sigma" and name not in self.decl.functions:
            if len(args) != 1:
                raise ParseError("\\sigma takes one argument")
            x = sp.Dummy("x", real=True)
            return sp.diff(Sigmoid(x), x, primes).subs(x, args[0]) if primes else Sigmoid(args[0])
        fn = self.decl.functions[name]
        try:
            return fn.derivative(primes, args) if primes else fn.apply(args)
        except ValueError as exc:
            raise ParseError(str(exc)) from None

    def call_args(self, name: str) -> list:
        if self.at("char", "{") and self.at("char", "(", k=1):
            inner = self.take_group()
            p = self.child(inner)
            args = p.call_args(name)
            if not p.done():
                raise ParseError(f"unexpected {p.peek().source} after the arguments of {name}")
            return args
        if not self.at("char", "("):
            raise ParseError(f"the function {name} needs its argument in parentheses")
        return self.arg_list(self.take_group("(", ")"))

    def arg_list(self, tokens: list[Token]) -> list:
        parts, depth, start = [], 0, 0
        for j, t in enumerate(tokens):
            if t.kind == "char" and t.text in "([{":
                depth += 1
            elif t.kind == "char" and t.text in ")]}":
                depth -= 1
            elif t.kind == "char" and t.text == "," and depth == 0:
                parts.append(tokens[start:j])
                start = j + 1
        parts.append(tokens[start:])
        if any(not p for p in parts):
            raise ParseError("an empty argument")
        return [self.parse_all(p) for p in parts]

    def function(self, name: str):
        self.i += 1
        fn = FUNCTIONS[name]
        base = None
        power = None
        for _ in range(2):
            if self.at("char", "_") and name in ("log",) and base is None:
                self.i += 1
                base = self.parse_all(self.take_arg())
            elif self.at("char", "^") and power is None:
                self.i += 1
                power = self.parse_all(self.take_arg())
        if self.at("char", "(") or (self.at("char", "{") and self.at("char", "(", k=1)):
            args = self.call_args("\\" + name)
            if len(args) != 1:
                raise ParseError(f"\\{name} takes one argument")
            arg = args[0]
        elif self.at("char", "{"):
            arg = self.parse_all(self.take_group())
        elif self.at("char", "|") or self.at("cmd", "|", "lvert", "lVert"):
            arg, _ = self.primary()  # \log|x|
            if self.at("char", "^") or (self.starts_factor() and not self.at("cmd")):
                raise ParseError(f"ambiguous argument of \\{name}: write \\{name}(...) with parentheses")
        else:
            if not (self.at("letter") or self.at("num") or (self.at("cmd") and self.peek().text in GREEK | {"pi"})):
                raise ParseError(f"\\{name} without parentheses must be followed by one symbol or number")
            arg, _ = self.primary()
            if self.at("char", "^") or self.at("char", "!") or (self.starts_factor() and not self.at("cmd")):
                raise ParseError(f"ambiguous argument of \\{name}: write \\{name}(...) with parentheses")
        if _is_vec(arg):
            raise ParseError(f"\\{name} of a vector")
        value = fn(arg) if base is None else sp.log(arg, base)
        if power is not None:
            if power == -1:
                raise ParseError(f"\\{name}^{{-1}}: an inverse or a reciprocal? write it out")
            value = value ** power
        return value, set()

    def extremum(self, name: str):
        self.i += 1
        if self.at("char", "_"):
            raise ParseError(f"a \\{name} over an index is not supported")
        if self.at("cmd", "{"):
            self.i += 1
            args = self.arg_list(self.take_until("cmd", "}", f"\\{name}\\{{"))
        else:
            args = self.call_args("\\" + name)
        if len(args) < 2 or any(_is_vec(a) for a in args):
            raise ParseError(f"\\{name} needs at least two scalar arguments")
        return (sp.Max if name == "max" else sp.Min)(*args)

    def bars(self, kind: str, close: str, what: str):
        p = self.child(self.take_until(kind, close, f"an {what}"), in_bars=True)
        value = p.expr()
        if not p.done():
            raise ParseError(f"unexpected {p.peek().source} inside an {what}")
        if what == "norm":
            if self.at("char", "_"):
                self.i += 1
                if canonical(self.take_arg()) != "2":
                    raise ParseError("only the Euclidean norm \\|x\\|_2 is supported")
            if _is_vec(value):
                if value.shape[1] != 1:
                    raise ParseError("a norm of a transposed vector")
                return sp.sqrt(sum(c ** 2 for c in value))
            return sp.Abs(value)
        if _is_vec(value):
            raise ParseError("|x| of a vector: use \\|x\\| for its norm")
        return sp.Abs(value)

    def inner_product(self):
        self.i += 1
        args = self.arg_list(self.take_until("cmd", "rangle", "\\langle"))
        if len(args) != 2 or not all(_is_vec(a) and a.shape[1] == 1 for a in args):
            raise ParseError("\\langle a, b \\rangle needs two vectors")
        return (args[0].T * args[1])[0, 0]

    def fraction(self):
        self.i += 1
        num, den = self.take_arg(), self.take_arg()
        deriv = self.derivative_operator(num, den)
        if deriv is not None:
            return deriv
        n, d = self.parse_all(num), self.parse_all(den)
        if _is_vec(d):
            raise ParseError("division by a vector")
        return (n / d if not _is_vec(n) else n * (1 / d)), set()

    def derivative_operator(self, num: list[Token], den: list[Token]):
        def differential(tokens):
            if tokens and tokens[0].kind == "letter" and tokens[0].text == "d":
                return 1
            if tokens and tokens[0].kind == "cmd" and tokens[0].text == "partial":
                return 1
            if len(tokens) >= 4 and canonical(tokens[:4]) == "\\mathrm{d}":
                return 4
            return 0

        k, m = differential(num), differential(den)
        if not k or not m:
            return None
        if num[0].text == "d" and (self.decl.is_variable("d") or "d" in self.bound):
            raise ParseError("\\frac{d}{d...} with d declared as a variable: write \\frac{\\mathrm{d}}{\\mathrm{d}x}")
        order_n, rest = sp.Integer(1), num[k:]
        if rest and rest[0].kind == "char" and rest[0].text == "^":
            p = self.child(rest[1:])
            order_n = p.parse_all(p.take_arg())
            rest = p.toks[p.i:]
        var_tokens, order_d = den[m:], sp.Integer(1)
        caret = next((j for j, t in enumerate(var_tokens) if t.kind == "char" and t.text == "^"), None)
        if caret is not None:
            p = self.child(var_tokens[caret + 1:])
            order_d = p.parse_all(p.take_arg())
            if not p.done():
                raise ParseError("a derivative's denominator must be d x^k")
            var_tokens = var_tokens[:caret]
        if order_n != order_d or not (isinstance(order_n, sp.Integer) and order_n >= 1):
            raise ParseError("a derivative whose orders do not match (d^k / dx^k)")
        p = self.child(var_tokens)
        if var_tokens and var_tokens[0].kind == "char" and var_tokens[0].text == "{":
            inner = p.take_group()  # SymPy writes {\theta}_{j}
            p.toks = inner + p.toks[p.i:]
            p.i = 0
        var = p.symbol() if not p.done() else None
        if var is None or not p.done() or _is_vec(var) or not isinstance(var, (sp.Symbol, sp.Indexed)):
            raise ParseError("a derivative with respect to something that is not one variable")
        if rest:
            body = self.parse_all(rest)
            binders = set()
        else:
            body, binders = self.term()
        if _is_vec(body):
            raise ParseError("a derivative of a vector")
        return sp.Derivative(body, (var, int(order_n))), binders | {_name(var)}

    def index_bounds(self, name: str):
        """(variable, lower, upper) of \\sum_{i=1}^{n}; \\sum_i with a declared index takes the declared range."""
        if not self.at("char", "_"):
            raise ParseError(f"\\{name} without an index")
        self.i += 1
        lower = self.take_arg()
        eq = next((j for j, t in enumerate(lower) if t.kind == "char" and t.text == "="), None)
        if eq is None:
            var_name = canonical(lower)
            if var_name not in self.decl.indices or self.at("char", "^"):
                raise ParseError(f"\\{name}_{{{var_name}}} without a range: write \\{name}_{{i=1}}^{{n}} or "
                                 "declare '% index: i in 1..n'")
            lo, hi = self.decl.indices[var_name]
            return var_name, lo, hi
        var_name = canonical(lower[:eq])
        if not re.fullmatch(r"[A-Za-z]|[a-z]+", var_name) or (len(var_name) > 1 and var_name not in GREEK):
            raise ParseError(f"\\{name} over {var_name!r}: the index must be one letter")
        lo = self.parse_all(lower[eq + 1:])
        if not self.at("char", "^"):
            raise ParseError(f"\\{name} without an upper limit")
        self.i += 1
        hi = self.parse_all(self.take_arg())
        return var_name, lo, hi

    def big_operator(self, name: str):
        self.i += 1
        var_name, lo, hi = self.index_bounds(name)
        var = sp.Symbol(var_name, integer=True)
        with self.binding(var_name, var):
            body, binders = self.term(unary=True)
        op = sp.Sum if name == "sum" else sp.Product
        if _is_vec(body):
            if name != "sum":
                raise ParseError("a product of vectors")
            return body.applyfunc(lambda c: op(c, (var, lo, hi))), binders | {var_name}
        return op(body, (var, lo, hi)), binders | {var_name}

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
            raise ParseError("\\lim without its variable")
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
        if not p.done() or not isinstance(var, sp.Symbol):
            raise ParseError("a limit's variable must be one symbol")
        point = self.parse_all(point_tokens)
        if point in (sp.oo, -sp.oo):
            direction = "-" if point == sp.oo else "+"
        name = var.name
        with self.binding(name, var):
            body, binders = self.term(unary=True)
        if _is_vec(body):
            raise ParseError("a limit of a vector")
        return sp.Limit(body, var, point, direction), binders | {name}


# -- helpers -----------------------------------------------------------------------------
def _is_vec(x) -> bool:
    return isinstance(x, sp.MatrixBase)


def _name(s) -> str:
    return s.name if isinstance(s, sp.Symbol) else str(s.base)


def _names(x) -> set[str]:
    items = list(x) if _is_vec(x) else [x]
    out = set()
    for e in items:
        e = sp.sympify(e)
        out |= {s.name for s in e.atoms(sp.Symbol)}
        out |= {str(b) for b in e.atoms(sp.IndexedBase)}
    return out


def _add(a, b):
    if _is_vec(a) != _is_vec(b):
        raise ParseError("adding a vector and a scalar")
    if _is_vec(a) and a.shape != b.shape:
        raise ParseError("adding a vector and a transposed vector")
    return a + b


def _mul(a, b, dot: bool):
    if _is_vec(a) and _is_vec(b):
        if dot and a.shape == b.shape and a.shape[1] == 1:
            return (a.T * b)[0, 0]
        if a.shape[0] == 1 and b.shape[1] == 1:
            return (a * b)[0, 0]
        raise ParseError("a product of two vectors: write a^\\top b or \\langle a, b \\rangle")
    return a * b


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
