"""SymPy functions shared by the derivations: the sigmoid and the indicator.

`Sigmoid` prints as \\sigma in LaTeX (so exported steps read like the paper)
but rewrites to 1/(1+e^{-x}) for every proof, its derivative is
sigma(x)(1-sigma(x)), and it is known to lie in (0, 1) for real arguments.
"""

from __future__ import annotations

import sympy as sp


class Sigmoid(sp.Function):
    nargs = 1

    @classmethod
    def eval(cls, x):
        if x is sp.S.Zero:
            return sp.S.Half

    def fdiff(self, argindex=1):
        x = self.args[0]
        return Sigmoid(x) * (1 - Sigmoid(x))

    def _eval_rewrite_as_exp(self, x, **kwargs):
        return 1 / (1 + sp.exp(-x))

    def _eval_is_positive(self):
        return True if self.args[0].is_extended_real else None

    def _eval_is_real(self):
        return True if self.args[0].is_extended_real else None

    def _latex(self, printer):
        return r"\sigma\left(%s\right)" % printer._print(self.args[0])


def exp_form(expr):
    """expr with every sigmoid written as 1/(1+e^{-x})."""
    return sp.sympify(expr).rewrite(sp.exp)
