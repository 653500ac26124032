"""Integer variables searched on a growing scale: n = 16, 32, 64, ... far past the small values the search tries.

A bound like sum_{k=1}^{n} 1/k^2 <= 8/5 is false only from n = 22 on, and H_T <= 2 + (1/2) log T only from T = 17:
the ordinary search samples a sum's bound or an integer exponent up to 12 (`domains.SMALL`), since SymPy evaluates a
sum term by term in exact rationals whose size grows with n. Here one integer variable at a time doubles, the other
variables stay at a plain value of their domain, and each side is evaluated in Arb balls (python-flint) by closures
compiled once (`arb_eval.compile_ball`): a sum's partial sum is carried from one n to the next, so reaching n costs
O(n) ball operations and O(1) memory, never an exact rational with a million digits. A point where the balls
separate the wrong way is a certified counterexample (Arb balls are rigorous enclosures); a ball that cannot be
decided is skipped, never guessed.
"""

from __future__ import annotations

import time
from fractions import Fraction

import flint
import sympy as sp

from derivcheck.budget import remaining
from derivcheck.deciders.arb_eval import Undefined, Unresolved, compile_ball
from derivcheck.deciders.counterexamples import Found, free_variables, refutation
from derivcheck.deciders.problem import Outcome, Problem
from derivcheck.reader.domains import domain_of, special_values

PREC = 128  # bits: 10^6 terms lose at most ~20 of them to rounding, and each ball says how many it lost
START, EARLY_LIMIT, LIMIT, FORWARD_SCAN = 16, 2**12, 2**20, 2**16


def _scaled_symbols(lhs, rhs, assumptions) -> list:
    """Integer variables with no finite upper end: the ones a growing scale can reach."""
    out = []
    for s in free_variables(lhs, rhs):
        d = domain_of(s, assumptions)
        if d.integer and d.values is None and (d.hi is None or d.hi >= START):
            out.append(s)
    return out


def _plain_value(s, assumptions) -> Fraction | None:
    """A plain value of the domain for the variables that are not scaled: 1 where allowed, else its first special."""
    d = domain_of(s, assumptions)
    if d.contains(Fraction(1)):
        return Fraction(1)
    values = special_values(d)
    return values[0] if values else None


def scan(p: Problem, limit: int, seconds: float) -> Outcome | None:
    """A certified counterexample on the scale n = 16, 32, ... <= limit of one integer variable, or None."""
    lhs, rhs = p.lhs, p.rhs
    if p.rel == "!=" or not (lhs.has(sp.Sum, sp.Product) or rhs.has(sp.Sum, sp.Product) or
                             any(e.atoms(sp.Pow) for e in (lhs, rhs))):
        return None
    scaled = _scaled_symbols(lhs, rhs, p.assumptions)
    if not scaled or any(e.atoms(sp.Indexed) for e in (lhs, rhs)):
        return None
    deadline = time.monotonic() + seconds
    for n_sym in scaled:
        others = {}
        for s in free_variables(lhs, rhs):
            if s != n_sym:
                v = _plain_value(s, p.assumptions)
                if v is None:
                    break
                others[s] = sp.Rational(v.numerator, v.denominator)
        else:
            found = _scan_one(lhs, p.rel, rhs, n_sym, others, domain_of(n_sym, p.assumptions), limit, deadline)
            if found is not None:
                return Outcome("refuted", f"counterexample ({found.how})", refutation(found))
    return None


def _scan_one(lhs, rel, rhs, n_sym, others: dict, domain, limit: int, deadline: float) -> Found | None:
    try:
        diff = compile_ball(sp.sympify(rhs - lhs).xreplace(others), [n_sym])
    except Unresolved:  # a construct without a compiled ball: no scale for this step
        return None
    old = flint.ctx.prec
    flint.ctx.prec = PREC
    try:
        n = START
        while n <= limit and time.monotonic() < deadline:
            if domain.contains(Fraction(n)):
                try:
                    b = diff({n_sym: flint.arb(n)})
                except (Undefined, Unresolved):
                    # no value here: where the step is undefined as written is `definedness`'s to refute (it runs
                    # first); Arb also fails on what is defined, (-1)^k evaluated as a power of a ball
                    b = None
                if b is not None and _fails(b, rel):
                    n = _first_failure(diff, rel, n_sym, n, domain)
                    return _found(lhs, rhs, n_sym, n, others, f"Arb ball at {PREC} bits")
            n *= 2
    finally:
        flint.ctx.prec = old
    return None


def _first_failure(diff, rel: str, n_sym, n: int, domain) -> int:
    """The smallest m in (n/2, n] where the relation fails (n/2 held), by a forward scan that adds one term per
    step; past 2^16 the scan would cost more than it tells, and n itself is reported."""
    if n > FORWARD_SCAN:
        return n
    for m in range(n // 2 + 1, n + 1):
        if not domain.contains(Fraction(m)):
            continue
        try:
            if _fails(diff({n_sym: flint.arb(m)}), rel):
                return m
        except (Undefined, Unresolved):
            continue
    return n


def _fails(b: flint.arb, rel: str) -> bool:
    """b encloses rhs - lhs: the relation fails for every value in the ball (flint compares balls with certainty:
    `b < 0` holds only when every point of b is negative)."""
    return {"<=": b < 0, "<": b <= 0, ">=": b > 0, ">": b >= 0, "=": not b.contains(0)}.get(rel, False)


def _found(lhs, rhs, n_sym, n: int, others: dict, note: str) -> Found:
    point = {n_sym.name: str(n), **{s.name: str(v) for s, v in others.items()}}
    sides = []
    for side in (lhs, rhs):
        try:
            f = compile_ball(sp.sympify(side).xreplace(others), [n_sym])
            sides.append(f({n_sym: flint.arb(n)}))
        except (Undefined, Unresolved):
            sides.append(None)
    return Found(point, *("?" if b is None else b.str(20) for b in sides), note,
                 f"integer {n_sym.name} on a growing scale")


def decide_early(p: Problem) -> Outcome | None:
    """Right after the quick search: up to n = 2^12, so a bound false for large n is refuted before any proof."""
    left = remaining()
    return scan(p, EARLY_LIMIT, 2.0 if left is None else min(2.0, left))


def decide_late(p: Problem) -> Outcome | None:
    """Before the final search: on up to n = 2^20, within what is left of the step's budget."""
    left = remaining()
    return scan(p, LIMIT, 10.0 if left is None else min(10.0, left / 2))

