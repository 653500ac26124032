"""A lemma's instance as a paper writes it: the printer of the library's proofs (x_i, <u, v>, ||u||, x_{i,j}) and
the line that names the lemma with its instance ("the triangle inequality over a sum (v_i := y_i a_i, i = 1..n)")."""

from __future__ import annotations

import sympy as sp
from sympy.printing.str import StrPrinter

from derivcheck.deciders import lemmas
from derivcheck.deciders.unify import PLACEHOLDERS
from derivcheck.deciders.vector_form import Inner, vector_valued


class _Printer(StrPrinter):
    """An instance as a paper writes it: x_i, <u, v>, ||u||."""

    printmethod = "_lemma_str"  # not Indexed's own _sympystr, which prints x[i]

    def _print_Indexed(self, e):
        index = ",".join(self._print(k) for k in e.indices)
        return f"{self._print(e.base.label)}_{index if len(index) == 1 else '{' + index + '}'}"

    def _print_Mul(self, e, **kwargs):
        vectors = [f for f in e.args if vector_valued(f)]
        scalars = [f for f in e.args if f not in vectors]
        if not vectors or not scalars:
            return super()._print_Mul(e, **kwargs)
        return f"{self.parenthesize(sp.Mul(*scalars), 40)}*{self.parenthesize(sp.Mul(*vectors), 40)}"

    def _print_Sum(self, e):  # sum_{k=1..n} g_{i,k}: the indices alpha named _k0, _k1 without their underscore
        names = {v: v.name.lstrip("_") for v, _, _ in e.limits}
        body = self._print(e.function.xreplace({v: sp.Symbol(n) for v, n in names.items()}))
        return " ".join(f"sum_{{{names[v]}={self._print(lo)}..{self._print(hi)}}}" for v, lo, hi in reversed(e.limits)) \
            + f" {body}"

    def _print_Dummy(self, e):  # a fresh index the proof names (the term at j + 1): its name, as a paper writes it
        return e.name

    def _print_Inner(self, e):
        return f"<{self._print(e.args[0])}, {self._print(e.args[1])}>"

    def _print_Pow(self, e, rational=False):
        if isinstance(e.base, Inner) and e.base.args[0] == e.base.args[1] and e.exp == sp.Rational(1, 2):
            return f"||{self._print(e.base.args[0])}||"
        return super()._print_Pow(e, rational)


def shown(e) -> str:
    return _Printer().doprint(e)


def describe(lemma: lemmas.Lemma, binding: dict) -> str:
    parts, taken = [], {str(x) for v in binding.values() if isinstance(v, sp.Basic) for x in v.free_symbols}
    i = next(n for n in ("i", "k", "l", "p", "q", "u", "i_0") if n not in taken)  # apart from the step's (a free i)
    for f, value in binding.items():
        if f in PLACEHOLDERS.values() and isinstance(value, sp.Lambda):
            name = f.__name__.lstrip("_").lower()
            body = value(sp.Symbol("t" if f is lemmas.Phi else i))
            parts.append(f"{'phi(t)' if f is lemmas.Phi else f'{name}_{i}'} := {shown(body)}")
    lo, hi = binding.get(lemmas.Lo), binding.get(lemmas.Hi)
    if hi is not None:
        parts.append(f"{i} = {shown(lo if lo is not None else 1)}..{shown(hi)}")
    parts += [f"{name} := {shown(binding[key])}" for name, key in (("r", lemmas.R), ("q", lemmas.Q)) if key in binding]
    t, phi = sp.Symbol("t"), binding.get(lemmas.Phi)
    if "Jensen" in lemma.name and isinstance(phi, sp.Lambda) and sp.diff(phi(t), t, 2) == 0:  # an affine phi: an
        return f"linearity of sums ({', '.join(parts)})"  # equation, not Jensen's inequality
    return f"{lemma.name} ({', '.join(parts)})" if parts else lemma.name
