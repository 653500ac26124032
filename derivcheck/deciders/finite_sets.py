"""Powers of a variable declared in a finite set, reduced by the set's polynomial.

A variable y (or each member y_i of a family) declared in a finite set V satisfies prod_{v in V} (y - v) = 0, so an
integer power y^k with k >= |V| equals its remainder modulo that polynomial: y in {-1, 1} has y^2 = 1, y in {0, 1}
has y^2 = y. The rewrite keeps the value at every allowed point, so a proof of the reduced step is a proof of the
step, and a counterexample to it is one to the step. Label squares y_i^2 = 1 are what the logistic gradient's
variance needs: ||sigma_i y_i a_i||^2 = sigma_i^2 ||a_i||^2.
"""

from __future__ import annotations

from math import prod

import sympy as sp

from derivcheck.reader.declarations import Assumptions
from derivcheck.reader.domains import domain_of

DESCRIBED = "powers of the variables declared in a finite set reduced by its polynomial (y^2 = 1 for y in {-1, 1})"
MAX_VALUES = 4  # a larger set's polynomial is left alone (its remainders are no simpler than the powers)
_Z = sp.Dummy("z")


def values_of(base, assumptions: Assumptions) -> list | None:
    """The finite set a variable or a family member is declared in, as SymPy rationals, or None."""
    if isinstance(base, sp.Indexed):
        label = base.base.label
        d = domain_of(label, assumptions, names=assumptions.family_names(str(label)))
    elif isinstance(base, sp.Symbol):
        d = domain_of(base, assumptions)
    else:
        return None
    if d.values is None or not 0 < len(d.values) <= MAX_VALUES:
        return None
    return [sp.Rational(v.numerator, v.denominator) for v in d.values]


def reduced(e, assumptions: Assumptions):
    """e with each power y^k (k an integer >= |V|) of a variable or member declared in a finite set V replaced by
    its remainder modulo prod_{v in V} (y - v)."""
    subs = {}
    for x in sp.sympify(e).atoms(sp.Pow):
        if x.exp.is_Integer and isinstance(x.base, (sp.Symbol, sp.Indexed)):
            values = values_of(x.base, assumptions)
            if values is not None and x.exp >= len(values):
                subs[x] = sp.rem(_Z ** x.exp, prod(_Z - v for v in values), _Z).xreplace({_Z: x.base})
    return sp.sympify(e).xreplace(subs)

