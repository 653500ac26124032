"""A user's model from a SymPy expression, as a numeric family the engines run (`FromExpression`).

Apart from `checker.models.numeric` because it needs SymPy to print the model's value and gradient as code once:
the catalogue families run with no SymPy loaded, so `gdpc run` never imports it.
"""

from __future__ import annotations

from fractions import Fraction

import sympy as sp

from checker.models.numeric import Forward, Model
from checker.models.symbolic import ExactPrinter


class FromExpression(Model):
    """A user's model from a SymPy expression (`checker.models.symbolic.Model`), evaluated in any context.

    Value and gradient are SymPy's, printed once as Python code in which every rational constant is
    `Fraction(p, q)` and elementary functions are looked up by name; at run time those names are bound to
    the context's exact numbers and enclosed functions, so the evaluation is exact (exact context) or
    rigorous (Arb, mpmath intervals). Piecewise models are not supported here: write them as a catalog family.
    """

    def __init__(self, symbolic_model, degree: int | None):
        super().__init__(symbolic_model.d)
        self.name, self.degree, self.width = symbolic_model.name, degree, symbolic_model.width
        self.source = symbolic_model
        self._fn = None

    @property
    def m(self):
        return self.source.m

    def _compiled(self):
        if self._fn is None:
            args = list(self.source.inputs) + list(self.source.params)
            code = sp.lambdify(args, [self.source.expr] + self.source.gradient, modules=[{}],
                               printer=_FractionPrinter)
            self._fn = code
        return self._fn

    def _eval(self, ctx, row, theta):
        fn = self._compiled()
        names = {"Fraction": lambda p, q: ctx.num(Fraction(p, q)), "exp": ctx.exp, "tanh": ctx.tanh,
                 "log": ctx.log, "sqrt": ctx.sqrt}
        fn.__globals__.update(names)
        return fn(*row, *theta)

    def forward(self, ctx, A, theta):
        rows = A.dense_rows()
        out = [self._eval(ctx, row, theta) for row in rows]
        return Forward([o[0] for o in out], acts=[o[1:] for o in out])

    def combine(self, ctx, A, theta, fw, c):
        return [ctx.fsum(ci * g[p] for ci, g in zip(c, fw.acts)) for p in range(self.m)]

    def grad_norms_sq(self, ctx, A, theta, fw):
        return [ctx.fsum(ctx.square(x) for x in g) for g in fw.acts]


class _FractionPrinter(ExactPrinter):
    """Exact constants (the catalogue's printer) and elementary functions by name, bound per context at run time."""

    def _print_Function(self, e):
        return f"{e.func.__name__}({', '.join(self._print(a) for a in e.args)})"

    def _print_Pow(self, e, rational=False):
        if e.exp.is_Integer:
            return f"({self._print(e.base)})**{int(e.exp)}"
        return f"exp(({self._print(e.exp)}) * log({self._print(e.base)}))"
