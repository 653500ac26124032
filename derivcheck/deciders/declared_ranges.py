"""Declared ranges as SymPy assumptions: a variable in (lo, hi) written lo + (hi - lo) s/(1 + s) with s > 0.

SymPy's sign reasoning knows a symbol's properties (positive, integer, ...) but not a declared range: with
`\\rho in (0, 1)` it cannot see that 1 - rho > 0, so it misses `\\rho^T/(1 - \\rho) \\ge 0`. Substituting for each
ranged variable an expression in a fresh symbol whose values cover the range exactly puts the range into the
properties: lo + s (s >= 0) for [lo, oo), hi - s for (-oo, hi], lo + (hi - lo) s/(1 + s) (s > 0) for (lo, hi), and
each closed finite end as a case of its own; an integer with a least value L is L + k, k a nonnegative integer.
A step proved for every value of the new symbols, in every case, is proved on the declared domain: the cases' images
are inside it and together cover it.
"""

from __future__ import annotations

import itertools

import sympy as sp

from derivcheck.reader.declarations import Assumptions
from derivcheck.reader.domains import domain_of

MAX_CASES = 8  # closed ends of several bounded variables multiply the cases


def cover(symbols, assumptions: Assumptions) -> tuple[list[dict], str] | None:
    """(substitutions whose images cover the variables' declared domains, how they read), or None when no declared
    range adds anything to what the symbols' properties say (or the cases would be too many)."""
    per_symbol, said = [], []
    for x in sorted(symbols, key=lambda s: s.name):
        if not isinstance(x, sp.Symbol):
            continue
        d = domain_of(x, assumptions)
        if d.values is not None:
            return None  # a finite set: finite cases decide it
        pieces, text = _pieces(x, d)
        if text:
            per_symbol.append(pieces)
            said.append(text)
    if not per_symbol:
        return None
    cases = [dict(itertools.chain.from_iterable(m.items() for m in combo)) for combo in itertools.product(*per_symbol)]
    if len(cases) > MAX_CASES:
        return None
    return cases, "; ".join(said)


def _pieces(x, d) -> tuple[list[dict], str]:
    lo, hi = d.lo, d.hi
    if lo is None and hi is None:
        return [{}], ""
    if d.integer:
        if lo is None or hi is not None:
            return [{}], ""
        least = d.integer_ends()[0]
        if x.is_integer and x.is_nonnegative and least == 0 or x.is_integer and x.is_positive and least == 1:
            return [{}], ""  # the properties say it already
        k = sp.Dummy("k", integer=True, nonnegative=True)
        return [{x: least + k}], f"{x} = {least} + k (k a nonnegative integer)"
    lo_s = None if lo is None else sp.Rational(lo.numerator, lo.denominator)
    hi_s = None if hi is None else sp.Rational(hi.numerator, hi.denominator)
    if hi is None or lo is None:
        if lo_s is not None and lo_s == 0 and (x.is_positive or (x.is_nonnegative and not d.lo_open)):
            return [{}], ""
        if hi_s is not None and hi_s == 0 and (x.is_negative or (x.is_nonpositive and not d.hi_open)):
            return [{}], ""
        s = sp.Dummy("s", positive=True) if (d.lo_open if hi is None else d.hi_open) else \
            sp.Dummy("s", nonnegative=True)
        if hi is None:
            return [{x: lo_s + s}], f"{x} = {lo_s} + s"
        return [{x: hi_s - s}], f"{x} = {hi_s} - s"
    assert lo_s is not None and hi_s is not None  # both ends are finite from here on
    if lo_s == hi_s:
        return [{x: lo_s}], f"{x} = {lo_s}"
    s = sp.Dummy("s", positive=True)
    pieces = [{x: lo_s + (hi_s - lo_s) * s / (1 + s)}]
    ends = [e for e, is_open in ((lo_s, d.lo_open), (hi_s, d.hi_open)) if not is_open]
    pieces += [{x: e} for e in ends]
    t = sp.Symbol("s", positive=True)
    shown = f"{x} = {sp.sstr(lo_s + (hi_s - lo_s) * t / (1 + t))} (s > 0)" + "".join(f", {x} = {e}" for e in ends)
    return pieces, shown


def proved_on_cover(lhs, rel: str, rhs, assumptions: Assumptions, prove) -> str | None:
    """How `prove(lhs, rel, rhs)` (a prover that uses the symbols' properties only, returning a text or None)
    proves the step in every case of the declared ranges' cover, or None."""
    both = sp.Tuple(sp.sympify(lhs), sp.sympify(rhs))
    found = cover(both.free_symbols, assumptions)
    if found is None:
        return None
    cases, said = found
    hows = [prove(both[0].xreplace(case), rel, both[1].xreplace(case)) for case in cases[:1]]
    if hows[0] is None or any(prove(both[0].xreplace(c), rel, both[1].xreplace(c)) is None for c in cases[1:]):
        return None
    return f"{hows[0]}, with the declared ranges as properties ({said})"
