"""The strict reader, part 3: calls, functions, extrema, bars, fractions, derivatives, sums, products and limits.

A mixin of `notation.Parser`; see `notation` for the rules.
"""

from __future__ import annotations

import re
from contextlib import contextmanager

import sympy as sp

from derivcheck.functions import Sigmoid
from derivcheck.reader.tokens import Token
from derivcheck.reader.vocabulary import FUNCTIONS, GREEK, ParseError, _is_vec, _name, canonical


class Operators:
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
