"""The strict reader, part 5: derivatives (`\\frac{d}{dx}`, `\\frac{\\partial}{\\partial x}`) and gradients (`\\nabla`).

A mixin of `notation.Parser`; see `notation` for the rules. `\\nabla f(x)` is the gradient of a declared function f at
the point x (computed by SymPy from f's body, at the reading dimension when f is a function of a vector);
`\\nabla_\\theta E` is the gradient of the expression E with respect to the variable or vector θ. Both bind to a
call (`\\nabla f(\\theta)^\\top v` is (∇f(θ))ᵀv); `\\nabla_\\theta` before anything but a call or a bracket takes the
rest of the product, as `\\frac{d}{dx}` does, and a later term using θ is refused.
"""

from __future__ import annotations

import sympy as sp

from derivcheck.reader.tokens import Token
from derivcheck.reader.vocabulary import ParseError, _is_vec, _name, canonical


def gradient_of(body, variable):
    """∇ of a scalar body with respect to a variable: a column of partial derivatives for a vector, d/dx otherwise."""
    if _is_vec(body):
        raise ParseError("a gradient of a vector (a Jacobian) is not read: write it componentwise")
    if _is_vec(variable):
        return sp.Matrix([sp.diff(body, c) for c in variable])
    return sp.diff(body, variable)


class Calculus:
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
        scale = sp.Integer(1)
        if var is not None and p.done() and not isinstance(var, (sp.Symbol, sp.Indexed)) and not _is_vec(var):
            var, scale = self._through_range(var, var_tokens)
        if var is None or not p.done() or not isinstance(var, (sp.Symbol, sp.Indexed)):
            what = "a vector: write \\nabla_\\theta for a gradient" if _is_vec(var) else "something that is not one " \
                                                                                         "variable"
            raise ParseError(f"a derivative with respect to {what}")
        if rest:
            body = self.parse_all(rest)
            binders = set()
        else:
            body, binders = self.term()
        if _is_vec(body):
            raise ParseError("a derivative of a vector: write it componentwise")
        return sp.Derivative(body, (var, int(order_n))) / scale ** order_n, binders | {_name(var)}

    def _through_range(self, value, tokens):
        """(s, b) when `value` is a variable declared by a range with an expression end, read as a + b s (z in
        [-B, B] is -B + 2B s_z): d/dz is (1/b) d/ds, exactly, since z is affine in its own fresh s (the range's
        ends may hold the fresh variables of other ranges, lambda_1 in [mu, L] with L >= mu); else (None, 1)."""
        written = canonical(tokens).replace("{", "").replace("}", "")
        fresh = next((s_name for n, (s_name, _) in self.decl.ranged.items()
                      if n.replace("{", "").replace("}", "") == written), None)
        own = [v for v in value.free_symbols if isinstance(v, sp.Symbol) and v.name == fresh]
        if len(own) != 1:
            return None, sp.Integer(1)
        b = sp.diff(value, own[0])
        if b.has(own[0]) or b.is_zero is not False:
            return None, sp.Integer(1)
        return own[0], b

    def gradient(self):
        """\\nabla f(x), \\nabla_\\theta E (see the module's docstring)."""
        self.i += 1
        if self.at("char", "^"):
            raise ParseError("\\nabla^2 (a Hessian) is not read: write the second derivatives "
                             "\\frac{\\partial^2}{\\partial x^2} of each entry")
        if not self.at("char", "_"):
            if not self._call_ahead():
                raise ParseError("\\nabla needs a declared function and its argument: write \\nabla f(\\theta) with "
                                 "'% function: f(\\theta) = ...', or \\nabla_\\theta (...) for an expression")
            return self.symbol(gradient=True), set()
        self.i += 1
        p = self.child(self.take_arg())
        try:
            var = p.symbol()
        except ParseError:
            var = None
        if var is None or not p.done() or not (isinstance(var, (sp.Symbol, sp.Indexed)) or (
                _is_vec(var) and var.shape[1] == 1 and all(isinstance(c, (sp.Symbol, sp.Indexed)) for c in var))):
            raise ParseError("\\nabla_{...} with respect to something that is not one variable or declared vector")
        if self._call_ahead() or self.at("char", "(", "[") or (self.at("char", "{") and not self.at("cmd")):
            return gradient_of(self.primary()[0], var), set()
        body, binders = self.term()
        names = {_name(c) for c in var} if _is_vec(var) else {_name(var)}
        return gradient_of(body, var), binders | names

    def _call_ahead(self) -> bool:
        """A declared function's (or the sigmoid's) name followed by its argument starts at the cursor."""
        save, toks = self.i, self.toks
        try:
            kind, base = self.name_token()
            name = base
            if self.at("char", "_"):
                self.i += 1
                sub = self.take_arg()
                name = base + (f"_{canonical(sub)}" if len(sub) == 1 else f"_{{{canonical(sub)}}}")
            declared = kind == "function" or name in self.decl.functions or base in self.decl.functions or (
                base == "sigma" and name == base and not self.decl.is_variable("sigma"))
            return declared and (self.at("char", "(") or (self.at("char", "{") and self.at("char", "(", k=1)))
        except ParseError:
            return False
        finally:
            self.i, self.toks = save, toks

