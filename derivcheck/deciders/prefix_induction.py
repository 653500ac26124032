"""Sums over a family up to N proved by induction on N, with the sums so far as numbers.

`induction` proves steps whose sums have terms free of any family. Here the terms may hold family members and sums
of their own: AdaGrad's sum_{t=1}^{T} a_t / sqrt(sum_{s=1}^{t} a_s) <= 2 sqrt(sum_{t=1}^{T} a_t) for a_t > 0.
With D(N) = rhs - lhs (lhs - rhs for >=), N an integer variable with a declared least value N0:

* the base case D(N0) >= 0 (> 0 for a strict step): every sum is finite at N0 and written out, then each family
  member is a number of its declared domain (`general_term.proved`);
* the step D(N + 1) - D(N) >= 0 for every N >= N0 and every value of the family: each sum up to N + 1 + c is the
  sum up to N + c plus its new term (a sum inside a term too, once its limit is N + 1 + c), what is the same at N
  and N + 1 cancels, each sum left (up to N + c) becomes a fresh number of its known sign, and each family member
  a number of its domain. For AdaGrad: 2 sqrt(v + u) - 2 sqrt(v) - u / sqrt(v + u) >= 0 for v >= 0, u > 0.

The fresh numbers range over at least every value the sums can take, so the step proved for all of them holds for
the sums, and D(N) >= D(N0) >= 0 by induction. A counterexample to the generalized step is none of the step's: only
proofs count here.
"""

from __future__ import annotations

import sympy as sp

from derivcheck.deciders import general_term
from derivcheck.deciders.problem import Outcome, Problem
from derivcheck.deciders.sum_numbers import numbers_by_sign
from derivcheck.reader.declarations import Assumptions
from derivcheck.reader.domains import domain_of

MAX_PEELS = 16  # sums split off their last term, in all: a term with more nested sums is not tried


def prove(lhs, rel: str, rhs, assumptions: Assumptions) -> str | None:
    """How induction on the sums' common upper limit proves the step, or None."""
    if rel not in ("<=", "<", ">=", ">"):
        return None
    lhs, rhs = sp.sympify(lhs), sp.sympify(rhs)
    if rel in (">=", ">"):
        lhs, rhs, rel = rhs, lhs, {">=": "<=", ">": "<"}[rel]
    both = sp.Tuple(lhs, rhs)
    if not both.atoms(sp.Indexed) or both.has(sp.Product, sp.Limit, sp.Derivative):
        return None
    n = _upper_variable(both)
    if n is None:
        return None
    d = domain_of(n, assumptions)
    if d.values is not None or d.lo is None or d.hi is not None:
        return None
    n0 = d.integer_ends()[0]
    diff = rhs - lhs
    base = diff.xreplace({n: sp.Integer(n0)}).doit()
    if base.has(sp.Sum) or not general_term.proved(base, "positive" if rel == "<" else "nonnegative", assumptions):
        return None
    step = _peeled(diff, n, n0)
    if step is None:
        return None
    step = _as_numbers(step - diff, n)
    if step is None:
        return None
    how = general_term.proved(step, "nonnegative", assumptions)
    if how is None:
        return None
    return (f"induction on {n} from {n} = {n0}, each sum up to {n} a number of its sign: the base case, and the step "
            f"D({n} + 1) - D({n}) >= 0 ({how})")


def _upper_variable(both):
    """The one integer variable N every outermost sum runs up to (N + c, c an integer, from a limit free of N)."""
    found = None
    for s in both.atoms(sp.Sum):
        if len(s.limits) != 1:
            return None
        i, lo, hi = s.limits[0]
        if any(s in t.function.atoms(sp.Sum) for t in both.atoms(sp.Sum) if t is not s):
            continue  # an inner sum: its limit may be the outer index
        free = [x for x in hi.free_symbols if x.is_integer]
        if len(free) != 1 or len(hi.free_symbols) != 1 or not sp.expand(hi - free[0]).is_Integer:
            return None
        if found is None:
            found = free[0]
        if free[0] != found or lo.has(found):
            return None
    return found


def _peeled(diff, n, n0: int):
    """D(N + 1) with each sum up to N + 1 + c (c an integer) written as the sum up to N + c plus its last term,
    repeated for the sums that term brings in; None where a range might run backwards at N0 or too many sums are
    split. N + 1 is a marker symbol until every such sum is split, so that old and new limits never mix."""
    marker = sp.Dummy("next", integer=True)
    e = diff.xreplace({n: marker})
    for _ in range(MAX_PEELS):
        top = [s for s in e.atoms(sp.Sum) if len(s.limits) == 1 and s.limits[0][2].has(marker)]
        if not top:
            return e.xreplace({marker: n + 1})
        s = top[0]
        (i, lo, hi), = s.limits
        c = sp.expand(hi - marker)
        if not c.is_Integer or lo.has(marker) or ((n0 + c) - lo + 1).is_nonnegative is not True:
            return None  # sum_{i=lo}^{N+1+c} = sum_{i=lo}^{N+c} + f(N + 1 + c) needs N + c >= lo - 1
        e = e.xreplace({s: sp.Sum(s.function, (i, lo, n + c)) + s.function.xreplace({i: hi})})
    return None


def _as_numbers(e, n):
    """e with each sum up to N + c a fresh number of its known sign (a sum inside its term goes with it); None if a
    sum is left (one whose limit is not N + c)."""
    e = e.replace(lambda x: isinstance(x, sp.Sum) and x.limits[0][2].has(n), numbers_by_sign("prefix"))
    return None if e.has(sp.Sum) else e


def decide(p: Problem) -> Outcome | None:
    how = prove(p.lhs, p.rel, p.rhs, p.assumptions)
    return Outcome("proved", how, {"rechecked_points": p.notes.get("points_held", 0)}) if how else None
