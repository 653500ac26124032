"""The SymPy functions that the reader builds and the deciders, the derivations and the claims evaluate: the sigmoid,
and the maximum and minimum of an expression over an integer index range.

`Sigmoid` prints as \\sigma in LaTeX (so exported steps read like the paper)
but rewrites to 1/(1+e^{-x}) for every proof, its derivative is
sigma(x)(1-sigma(x)), and it is known to lie in (0, 1) for real arguments.

`MaxOver(body, (i, lo, hi))` and `MinOver(...)` are `\\max_{lo <= i <= hi} body` and its minimum: the index is bound
as a sum's is, and `doit()` evaluates them once the range is a number, as `Sum` does, so that a point judge can
evaluate `\\max_i x_i` at n = 3. Over an empty range the maximum is -oo and the minimum +oo (the conventions that
keep max_{i in A} <= max_{i in B} for A inside B).
"""

from __future__ import annotations

import sympy as sp
from sympy.concrete.expr_with_limits import ExprWithLimits

MAX_TERMS = 10_000  # a range longer than this stays unevaluated: evaluating it is the search's business, not SymPy's


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

    def _eval_evalf(self, prec):  # digits of sigma(-1) for a printed counterexample
        if not self.args[0].is_number:
            return None
        return (1 / (1 + sp.exp(-self.args[0])))._eval_evalf(prec)

    def _latex(self, printer):
        return r"\sigma\left(%s\right)" % printer._print(self.args[0])


def exp_form(expr):
    """expr with every sigmoid written as 1/(1+e^{-x})."""
    return sp.sympify(expr).rewrite(sp.exp)


class _Over(ExprWithLimits):
    """An extremum of `function` over the integers lo..hi of one bound index (see MaxOver, MinOver)."""

    _extremum = sp.Max
    _empty = sp.S.NegativeInfinity
    _word = "max"

    def __new__(cls, function, *symbols, **assumptions):
        obj = super().__new__(cls, function, *symbols, **assumptions)
        if len(obj.limits) != 1 or len(obj.limits[0]) != 3:
            raise ValueError(f"{cls.__name__} takes one index with its range (i, lo, hi)")
        return obj

    def doit(self, **hints):
        body = self.function.doit(**hints) if hints.get("deep", True) else self.function
        (i, lo, hi), = self.limits
        lo, hi = lo.doit(**hints), hi.doit(**hints)
        if not (lo.is_Integer and hi.is_Integer) or hi - lo >= MAX_TERMS:
            return self.func(body, (i, lo, hi))
        values = [body.xreplace({i: k}) for k in range(int(lo), int(hi) + 1)]
        if len(values) <= 1:
            return values[0] if values else self._empty
        # symbolic terms (x[1], ..., x[n] before a point gives their values) are not compared pairwise: SymPy's
        # Max spends O(n^2) symbolic comparisons on them; with numbers substituted it evaluates at once
        symbolic = any(v.free_symbols for v in values)
        return self._extremum(*values, evaluate=not symbolic)

    def _nonempty(self):
        _, lo, hi = self.limits[0]
        return True if nonnegative(hi - lo) else None

    def _eval_is_extended_real(self):
        return self.function.is_extended_real

    def _eval_is_real(self):
        # finite only over a nonempty range, where the value is one of the terms
        return True if self.function.is_real and self._nonempty() else None

    # a sign holds when it holds for every term (for every integer index, so in particular in the range) and the
    # range is not empty, where the value is one of the terms
    def _eval_is_positive(self):
        return True if self.function.is_positive and self._nonempty() else None

    def _eval_is_nonnegative(self):
        return True if self.function.is_nonnegative and self._nonempty() else None

    def _eval_is_negative(self):
        return True if self.function.is_negative and self._nonempty() else None

    def _eval_is_nonpositive(self):
        return True if self.function.is_nonpositive and self._nonempty() else None

    def _sympystr(self, printer):
        i, lo, hi = self.limits[0]
        return f"{self._word}({printer._print(self.function)} for {printer._print(i)} in " \
               f"{printer._print(lo)}..{printer._print(hi)})"

    def _latex(self, printer):
        i, lo, hi = (printer._print(x) for x in self.limits[0])
        return rf"\{self._word}_{{{lo} \le {i} \le {hi}}} {printer._print(self.function)}"


class MaxOver(_Over):
    """max_{lo <= i <= hi} function; -oo over an empty range."""


class MinOver(_Over):
    """min_{lo <= i <= hi} function; +oo over an empty range."""

    _extremum = sp.Min
    _empty = sp.S.Infinity
    _word = "min"


OVER = (MaxOver, MinOver)


def nonnegative(e) -> bool:
    """SymPy shows e >= 0, also once each Max(c, ...) with a number c among its arguments is c + s, s >= 0 fresh, and
    each positive integer is 1 + k, k >= 0 an integer: the same values (s := Max - c) over more points. The
    reader's n = max(i, 2) + n_minus_i needs it: SymPy sees Max(2, i) - 1 >= 0 but not n_minus_i + Max(2, i) - 1
    >= 0."""
    if e.is_nonnegative is True:
        return True
    subs = {m: max(c for c in m.args if c.is_number) + sp.Dummy("s", nonnegative=True)
            for m in e.atoms(sp.Max) if any(c.is_number for c in m.args)}
    # a positive integer is 1 + k, k >= 0: SymPy sees i - 1 >= 0, not i + n_minus_i - 1 >= 0
    subs.update({x: 1 + sp.Dummy("k", integer=True, nonnegative=True) for x in e.free_symbols
                 if x.is_integer and x.is_positive})
    return bool(subs) and e.xreplace(subs).is_nonnegative is True


def pulled(ext):
    """The extremum with what does not depend on its index taken out of it: max_j (f_j + c) = c + max_j f_j, and
    max_j c f_j = c max_j f_j for c >= 0 and c min_j f_j for c <= 0 (min alike); the extremum itself when nothing
    comes out."""
    (j, lo, hi), body = ext.limits[0], ext.function
    if body.is_Add:
        out = [t for t in body.args if not t.has(j)]
        keep = sp.Add(*[t for t in body.args if t.has(j)])
        return sp.Add(*out) + pulled(type(ext)(keep, (j, lo, hi))) if out and keep != 0 else ext
    if body.is_Mul:
        c = sp.Mul(*[f for f in body.args if not f.has(j)])
        keep = sp.Mul(*[f for f in body.args if f.has(j)])
        if c == 1 or not keep.has(j) or not (c.is_nonnegative or c.is_nonpositive):
            return ext
        # max_j c f_j = c min_j f_j for c <= 0
        kind = type(ext) if c.is_nonnegative else {MaxOver: MinOver, MinOver: MaxOver}[type(ext)]
        return c * pulled(kind(keep, (j, lo, hi)))
    return ext


def scaled_out(m):
    """max (min) of a few terms with a nonnegative factor common to all of them (0 counts as having every factor)
    taken out: max{0, c w x} = c max{0, w x} for c >= 0 (a ReLU's positive homogeneity; at c = 0 both are 0, and the
    factor cancels symbolically, so no 1/c is left); m itself otherwise."""
    nonzero = [a for a in m.args if a != 0]
    if not nonzero:
        return m
    common = set(sp.Mul.make_args(sp.factor_terms(nonzero[0])))
    for a in nonzero[1:]:
        common &= set(sp.Mul.make_args(sp.factor_terms(a)))
    c = sp.Mul(*[f for f in common if f.is_nonnegative and not f.is_number])
    return m if c == 1 else c * m.func(*[sp.factor_terms(a) / c for a in m.args])
