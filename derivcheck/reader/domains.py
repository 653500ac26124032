"""The domain of each variable of a step, from its declarations: what values the search and the procedures try.

A domain is an interval (open or closed ends, possibly unbounded), optionally integers only, or a finite set.
`special_values` lists the points every search tries first (0, +-1, tiny, huge, range ends and points just
inside them); `random_value` draws seeded rationals.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from fractions import Fraction

import sympy as sp

from derivcheck.functions import OVER
from derivcheck.reader.declarations import Assumptions, tighter_range


# -- domains -----------------------------------------------------------------------------
@dataclass
class Domain:
    lo: Fraction | None = None
    hi: Fraction | None = None
    lo_open: bool = False
    hi_open: bool = False
    integer: bool = False
    nonzero: bool = False
    values: list | None = None  # a finite set

    def contains(self, v: Fraction) -> bool:
        if self.values is not None:
            return v in self.values
        if self.integer and v.denominator != 1:
            return False
        if self.nonzero and v == 0:
            return False
        if self.lo is not None and (v < self.lo or (v == self.lo and self.lo_open)):
            return False
        if self.hi is not None and (v > self.hi or (v == self.hi and self.hi_open)):
            return False
        return True

    def integer_ends(self) -> tuple[int | None, int | None]:
        """The least and the greatest integer of the range (None where it has no end)."""
        lo = None if self.lo is None else (math.floor(self.lo) + 1 if self.lo_open and self.lo.denominator == 1
                                           else math.ceil(self.lo))
        hi = None if self.hi is None else (math.ceil(self.hi) - 1 if self.hi_open and self.hi.denominator == 1
                                           else math.floor(self.hi))
        return lo, hi

    @property
    def bounded(self) -> bool:
        return self.values is not None or (self.lo is not None and self.hi is not None)


SMALL = 12  # sampled values of a sum bound or an integer exponent stay at most this (a sum of 10^6 terms hangs)


def small_symbols(*exprs) -> set:
    """Symbols that bound a sum or product, or sit in an exponent: sampled only up to SMALL."""
    out = set()
    for e in exprs:
        e = sp.sympify(e)
        for obj in e.atoms(sp.Sum, sp.Product, *OVER):
            for _, lo, hi in obj.limits:
                out |= sp.sympify(lo).free_symbols | sp.sympify(hi).free_symbols
        for p in e.atoms(sp.Pow):
            out |= {s for s in p.exp.free_symbols if s.is_integer}
    return out


def domain_of(sym, assumptions: Assumptions, small: bool = False, names: list | None = None) -> Domain:
    """The values sym may take: its SymPy properties and what is declared under `names` (default: its own name;
    an indexed family's values pass Assumptions.family_names), every declaration holding at once."""
    d = _domain_of(sym, assumptions, names or [sym.name if isinstance(sym, sp.Symbol) else str(sym)])
    if small and d.values is None:
        if d.hi is None or d.hi > SMALL:
            d.hi, d.hi_open = Fraction(SMALL), False
        if d.lo is None or d.lo < -SMALL:
            d.lo, d.lo_open = Fraction(-SMALL), False
    return d


def _domain_of(sym, assumptions: Assumptions, names: list) -> Domain:
    props = {p for n in names for p in assumptions.props.get(n, ())}
    d = Domain(integer=bool(sym.is_integer) or "integer" in props, nonzero=bool(sym.is_nonzero) or "nonzero" in props)
    if sym.is_positive or "positive" in props:
        d.lo, d.lo_open = Fraction(0), True
    elif sym.is_nonnegative or "nonnegative" in props:
        d.lo = Fraction(0)
    if sym.is_negative or "negative" in props:
        d.hi, d.hi_open = Fraction(0), True
    elif sym.is_nonpositive or "nonpositive" in props:
        d.hi = Fraction(0)
    for name in names:
        if name in assumptions.ranges:
            d.lo, d.hi, d.lo_open, d.hi_open = tighter_range((d.lo, d.hi, d.lo_open, d.hi_open),
                                                             assumptions.ranges[name])
    sets = [set(assumptions.sets[n]) for n in names if n in assumptions.sets]
    if sets:  # a finite set, with whatever else is declared: y in {-1, 0, 1} and y nonzero is {-1, 1}
        d.values = [v for v in sorted(set.intersection(*sets)) if d.contains(v)]
    return d


def is_empty(d: Domain) -> bool:
    """No value lies in the domain (contradictory declarations)."""
    if d.values is not None:
        return not d.values
    if d.lo is not None and d.hi is not None and (d.lo > d.hi or (d.lo == d.hi and (d.lo_open or d.hi_open))):
        return True
    if not d.integer and not d.nonzero:
        return False
    if d.integer:
        if d.lo is None and d.hi is None:
            return False
        # the few integers nearest the finite end: one of them is inside unless the domain holds no integer
        start = math.floor(d.lo) if d.lo is not None else math.floor(d.hi) - 2
        return not any(d.contains(Fraction(k)) for k in range(start, start + 4))
    return d.lo == d.hi == 0  # nonzero on [0, 0]


def special_values(d: Domain) -> list[Fraction]:
    if d.values is not None:
        return list(d.values)
    base = [Fraction(0), Fraction(1), Fraction(-1), Fraction(1, 2), Fraction(-1, 2), Fraction(2), Fraction(-2),
            Fraction(3), Fraction(1, 3), Fraction(10), Fraction(-10), Fraction(1, 10), Fraction(-1, 10),
            Fraction(1, 10**6), Fraction(-1, 10**6), Fraction(10**6), Fraction(-10**6), Fraction(100)]
    if d.lo is not None or d.hi is not None:
        lo = d.lo if d.lo is not None else (d.hi - 20 if d.hi is not None else Fraction(-10))
        hi = d.hi if d.hi is not None else lo + 20
        base += [lo, hi, lo + Fraction(1, 10**6), hi - Fraction(1, 10**6)]
        base += [lo + (hi - lo) * Fraction(k, 16) for k in range(1, 16)]
        if d.lo is not None:
            base += [d.lo + Fraction(1, 10**k) for k in (1, 3, 9)] + [d.lo + 10**k for k in (1, 3, 6)]
        if d.hi is not None:
            base += [d.hi - Fraction(1, 10**k) for k in (1, 3, 9)] + [d.hi - 10**k for k in (1, 3, 6)]
    out = []
    for v in base:
        if d.integer:
            v = Fraction(round(v))
        if d.contains(v) and v not in out:
            out.append(v)
    return out


def random_value(d: Domain, rng: random.Random) -> Fraction | None:
    if d.values is not None:
        return rng.choice(d.values)
    for _ in range(20):
        if d.lo is not None and d.hi is not None:
            v = d.lo + (d.hi - d.lo) * Fraction(rng.randint(0, 10**6), 10**6)
        elif d.lo is not None:
            v = d.lo + Fraction(rng.randint(1, 4000), rng.randint(1, 400)) ** rng.choice([1, 1, 2])
        elif d.hi is not None:
            v = d.hi - Fraction(rng.randint(1, 4000), rng.randint(1, 400)) ** rng.choice([1, 1, 2])
        else:
            v = (Fraction(rng.randint(-256, 256), 64) if rng.random() < 0.5
                 else Fraction(rng.randint(-4000, 4000), rng.randint(1, 200)))
        if d.integer:
            v = Fraction(round(v))
        if d.contains(v):
            return v
    return None


