"""The values a sum's or a product's limit may take: integers for which the range runs forward (empty at worst).

A paper's `\\sum_{t=1}^{T}` means T is an integer, the sum empty at T = 0. SymPy's Sum follows Karr's convention
instead (sum_{t=1}^{-2} 1 = -2), and once closed (T(T + 1)/2) it is a function of a real T: a step evaluated at
T = -2 or T = 1/2 is not the step the author wrote, and a counterexample there would refute a true step. So where a
limit is a N + c (N a symbol, a a positive integer, c an integer) and the other limit a number, the step is read for
integer N and a forward range: N >= ceil((lo - 1 - c) / a) for an upper limit (sum_{t=lo}^{aN+c}), N <=
floor((hi + 1 - c) / a) for a lower one. What the declarations say is kept, and tightened only: a declared least value
above the inferred one stands. The verdict names what was read ("T read as an integer >= 0: a sum's upper limit").

Limits of other shapes (N^2, N/2, a range from s to T) are left as declared; `judge` still refuses a point where a
sum it evaluates runs backwards or has a limit that is not an integer.
"""

from __future__ import annotations

import copy
import math
from dataclasses import replace
from fractions import Fraction

import sympy as sp

from derivcheck.deciders.problem import Problem
from derivcheck.reader.declarations import tighter_range
from derivcheck.reader.domains import Domain, domain_of

OPERATORS = (sp.Sum, sp.Product)


def implied(p: Problem) -> tuple[Problem, str | None]:
    """(the problem read over its limits' implied values, what was read) or (p, None) when nothing is implied."""
    bounds: dict = {}  # symbol -> [least, greatest, what implies them]
    for e in (p.lhs, p.rhs):
        for s in sp.sympify(e).atoms(*OPERATORS):
            for limit in s.limits:
                if len(limit) == 3:
                    _limit_bounds(limit[1], limit[2], bounds, "sum" if isinstance(s, sp.Sum) else "product")
    free = sp.sympify(p.lhs).free_symbols | sp.sympify(p.rhs).free_symbols
    assumptions = copy.deepcopy(p.assumptions)
    mapping, read = {}, []
    for sym, (least, greatest, why) in sorted(bounds.items(), key=lambda kv: kv[0].name):
        if sym not in free:  # bound by an outer sum (sum_t 1/sum_{s<=t} a_s): its range is the outer one's
            continue
        d = domain_of(sym, p.assumptions)
        if d.values is not None:
            continue  # a finite set: its values are the ones to check, whatever the sum makes of them
        tighter_lo = least is not None and (d.lo is None or least > d.lo)
        tighter_hi = greatest is not None and (d.hi is None or greatest < d.hi)
        if d.integer and not tighter_lo and not tighter_hi:
            continue  # the declarations already say it
        lo, hi, lo_open, hi_open = tighter_range((d.lo, d.hi, d.lo_open, d.hi_open), (least, greatest, False, False))
        lo, hi = Domain(lo, hi, lo_open, hi_open, integer=True).integer_ends()  # M > 2 is M >= 3; M >= 1/3, M >= 1
        if lo is not None and hi is not None and lo > hi:
            continue  # no integer is left (0 < M < 1, or the range always backwards): the step as declared
        assumptions.props[sym.name] = tuple(sorted(set(assumptions.props.get(sym.name, ())) | {"integer"}))
        assumptions.ranges[sym.name] = (None if lo is None else Fraction(lo), None if hi is None else Fraction(hi),
                                        False, False)
        mapping[sym] = assumptions.symbol(sym.name)
        span = " ".join(part for part in (f">= {lo}" if lo is not None else "", f"<= {hi}" if hi is not None else "")
                        if part)
        read.append(f"{sym.name} read as an integer{' ' + span if span else ''} ({', '.join(sorted(set(why)))})")
    if not mapping:
        return p, None
    conditions = tuple(c.substituted(mapping) for c in p.conditions)
    return replace(p, lhs=p.lhs.xreplace(mapping), rhs=p.rhs.xreplace(mapping), assumptions=assumptions,
                   conditions=conditions), "; ".join(read)


def _limit_bounds(lo, hi, bounds: dict, name: str) -> None:
    """Record what the range lo..hi implies for the symbol of one limit a N + c, the other limit an integer."""
    lo, hi = sp.sympify(lo), sp.sympify(hi)
    for end, other, upper in ((hi, lo, True), (lo, hi, False)):
        if not other.is_Integer or len(end.free_symbols) != 1:
            continue
        sym = next(iter(end.free_symbols))
        linear = sp.expand(end)
        if not isinstance(sym, sp.Symbol) or not linear.is_polynomial(sym) or sp.degree(linear, sym) != 1:
            continue
        a, c = linear.coeff(sym, 1), linear.coeff(sym, 0)
        if not (a.is_Integer and c.is_Integer and a > 0):
            continue
        entry = bounds.setdefault(sym, [None, None, []])
        if upper:  # a N + c >= lo - 1: the range is forward, empty at worst
            value = Fraction(math.ceil(Fraction(int(other) - 1 - int(c), int(a))))
            entry[0] = value if entry[0] is None else max(entry[0], value)
            entry[2].append(f"a {name}'s upper limit")
        else:  # a N + c <= hi + 1
            value = Fraction(math.floor(Fraction(int(other) + 1 - int(c), int(a))))
            entry[1] = value if entry[1] is None else min(entry[1], value)
            entry[2].append(f"a {name}'s lower limit")


def ranges(lhs, rhs) -> list:
    """(operator's name, lower limit, upper limit) of every sum and product of the step."""
    return [("sum" if isinstance(s, sp.Sum) else "product", sp.sympify(limit[1]), sp.sympify(limit[2]))
            for e in (lhs, rhs) for s in sp.sympify(e).atoms(*OPERATORS) for limit in s.limits if len(limit) == 3]


def off_range(lhs, rhs, point: dict) -> str | None:
    """Why the point (variable name -> value, as a counterexample gives it) puts a sum or product of the step outside
    what a paper writes (a limit that is not an integer, a range that runs backwards), or None. A refutation there
    refutes SymPy's reading (Karr's convention, the closed form at a real limit), not the author's step."""
    return off_range_of(ranges(lhs, rhs), point)


def off_range_of(limits: list, point: dict) -> str | None:
    """`off_range` for the limits `ranges` gave."""
    if not limits:
        return None
    values = {}
    for name, value in point.items():
        try:
            values[str(name)] = sp.sympify(value, rational=True)
        except (sp.SympifyError, TypeError, SyntaxError):
            return None
    for name, lo, hi in limits:
        lo, hi = (end.xreplace({x: values[x.name] for x in end.free_symbols
                                if isinstance(x, sp.Symbol) and x.name in values}) for end in (lo, hi))
        if not (lo.is_number and hi.is_number) or sp.oo in (abs(lo), abs(hi)):
            continue  # an end bound by an outer sum: that sum is checked where it is expanded
        if lo.is_integer is not True or hi.is_integer is not True:
            return f"a {name}'s range is not one of integers there ({sp.sstr(lo)}..{sp.sstr(hi)})"
        if hi < lo - 1:
            return f"a {name}'s range runs backwards there ({sp.sstr(lo)}..{sp.sstr(hi)})"
    return None
