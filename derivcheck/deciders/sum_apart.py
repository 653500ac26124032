"""A difference that is a sum over a range plus a part outside it, proved in two parts.

The skip-gram loss against its hinge terms, (K + 1) log 2 + max{0, -x} + log sigma(x) + sum_k (max{0, y_k} +
log sigma(-y_k)) >= 0, holds because log 2 + max{0, -x} + log sigma(x) >= 0 and each term plus log 2 is >= 0. The
term-by-term comparison (`sums.termwise`) spreads the part outside the sum evenly over the K terms, which mixes x into
every term. Here that part is first split as A + c N, with N the number of terms and A, c free of the range's upper
end: A and each term plus c are shown >= 0 on their own, and the difference A + sum_k (t_k + c) is then >= 0 (N >= 0
terms). Only a proof counts: the two parts may be >= 0 together and not apart.
"""

from __future__ import annotations

import sympy as sp

from derivcheck.deciders import general_term, sums
from derivcheck.deciders.problem import Outcome, Problem
from derivcheck.deciders.sum_signs import proper_range
from derivcheck.reader.declarations import Assumptions


def prove(lhs, rel: str, rhs, assumptions: Assumptions) -> str | None:
    """How `lhs REL rhs` (REL <= or >=) is proved apart, or None."""
    if rel not in ("<=", ">="):
        return None
    small, big = (lhs, rhs) if rel == "<=" else (rhs, lhs)
    diff = sums.normal(sums.linearize(sp.sympify(big) - sp.sympify(small)))
    inside = [t for t in sp.Add.make_args(sp.expand(diff)) if t.has(sp.Sum)]
    outside = sp.Add(*[t for t in sp.Add.make_args(sp.expand(diff)) if not t.has(sp.Sum)])
    if not inside or outside == 0:
        return None
    sums_of = {s.limits for t in inside for s in t.atoms(sp.Sum) if s in sp.Mul.make_args(t)}
    if len(sums_of) != 1:
        return None
    ((i, lo, hi),) = next(iter(sums_of))
    if not isinstance(hi, sp.Symbol) or not proper_range(lo, hi) or i in outside.free_symbols:
        return None
    c = outside.coeff(hi, 1)
    rest = sp.expand(outside - c * (hi - lo + 1))
    if c == 0 or c.has(hi, i) or rest.has(hi):
        return None
    each = sums.termwise(sp.Integer(0), "<=", sp.Add(*inside) + sp.Sum(c, (i, lo, hi)), assumptions)
    if each is None:
        return None
    alone = general_term.proved(rest, "nonnegative", assumptions)
    if alone is None:
        return None
    return (f"apart: the part outside the sums less {sp.sstr(c)} per term is nonnegative, {alone}; and with "
            f"{sp.sstr(c)} per term, {each}")


def decide(p: Problem) -> Outcome | None:
    """The decider: proved apart, or None (never a refutation: the parts may fail apart and hold together)."""
    if not sp.Tuple(p.lhs, p.rhs).has(sp.Sum):
        return None
    how = prove(p.lhs, p.rel, p.rhs, p.assumptions)
    return None if how is None else Outcome("proved", how)
