"""What a lemma or an induction leaves to prove: a scalar step without sums, proved by the scalar provers.

The lemma library (`lemma_match`) and induction on a sum's upper limit (`induction`) reduce a step about sums to
steps without them (the residual after a bound is substituted, a base case, an inductive step). `prove` proves
such a step by the cheapest means first: SymPy's sign of the difference, positive coefficients, Z3 (polynomials with
square roots and absolute values), SymPy's prover (monotonicity: what Z3 cannot take, logarithms). A proof is only ever a proof: nothing here samples.
"""

from __future__ import annotations

from fractions import Fraction

import sympy as sp

from derivcheck.budget import remaining
from derivcheck.deciders import declared_ranges, members, procedures
from derivcheck.deciders.prover import positive_coefficients, prove_relation
from derivcheck.functions import OVER
from derivcheck.reader.declarations import Assumptions

Z3_MS = 1000  # per obligation: an obligation is one of many a search tries


def holds(e, prop: str) -> bool:
    """SymPy's assumptions show e has the property (nonnegative, positive, ...), as written, over a common
    denominator, or factored."""
    for fn in (lambda x: x, sp.together, sp.factor):
        try:
            if getattr(fn(e), f"is_{prop}") is True:
                return True
        except Exception:  # a rewrite SymPy cannot do: no more forms
            return False
    return False


def prove(lhs, rel: str, rhs, assumptions: Assumptions, thorough: bool = True) -> str | None:
    """How `lhs REL rhs` (REL one of <=, <, >=, >) is proved, or None; `thorough` adds SymPy's prover (slower)."""
    if rel in (">=", ">"):
        lhs, rhs, rel = rhs, lhs, {">=": "<=", ">": "<"}[rel]
    lhs, rhs = sp.sympify(lhs), sp.sympify(rhs)
    if lhs.has(sp.Sum, sp.Product, *OVER) or rhs.has(sp.Sum, sp.Product, *OVER):
        return None
    diff = rhs - lhs
    strict = rel == "<"
    try:
        if holds(diff, "positive" if strict else "nonnegative"):
            return "SymPy (the sign of the difference)"
        ranged = declared_ranges.proved_on_cover(lhs, rel, rhs, assumptions, lambda left, _, right: (
            "SymPy (the sign of the difference)" if holds(right - left, "positive" if strict else "nonnegative")
            else None))
        if ranged is not None:
            return ranged
        ok, how = positive_coefficients(diff, strict)
        if ok:
            return f"SymPy ({how})"
        found = _z3(lhs, rel, rhs, assumptions)
        if found is not None and found[0] == "proved":
            return "Z3"
        ranged = powers_as_numbers(lhs, rhs, assumptions)
        if ranged is not None and (found := _z3(ranged[0], rel, ranged[1], ranged[2])) is not None and (
                found[0] == "proved"):
            return f"Z3, each power with a symbolic exponent a number of its range ({ranged[3]})"
        if thorough and (remaining() is None or remaining() > 1):
            ok, how = prove_relation(lhs, rel, rhs)
            if ok:
                return f"SymPy ({how})"
    except Exception:  # SymPy or Z3 failed on the form: not proved
        return None
    return None


def powers_as_numbers(lhs, rhs, assumptions: Assumptions):
    """(lhs, rhs, assumptions, what) with each power b^e whose exponent e is symbolic and >= 0 and
    whose base is >= 0 a fresh variable: in [0, 1] where b <= 1 is proved too, in [1, oo) where b >= 1 is, in
    [0, oo) otherwise (b^e lies there, 0^0 = 1 included). Only the range is kept, so a step proved this way holds
    for the powers themselves (|1 - eta lambda|^T against 1). None when there is no such power."""
    subs, fresh, what = {}, assumptions.merged(Assumptions()), []
    for x in sorted(sp.Tuple(lhs, rhs).atoms(sp.Pow), key=sp.default_sort_key):
        if x.exp.is_number or not holds(x.exp, "nonnegative") or x.has(*OVER):
            continue
        if not (holds(x.base, "nonnegative") or decided(x.base, ">=", 0, assumptions)):
            continue
        below, above = decided(x.base, "<=", 1, assumptions), decided(x.base, ">=", 1, assumptions)
        subs[x] = sp.Symbol(f"_power{len(subs)}", nonnegative=True)
        fresh.restrict_range(subs[x].name, Fraction(1 if above else 0), Fraction(1) if below else None, False,
                             not below)
        what.append(f"{sp.sstr(x)} in {'[0, 1]' if below else '[1, oo)' if above else '[0, oo)'}")
    if not subs:
        return None
    return lhs.xreplace(subs), rhs.xreplace(subs), fresh, ", ".join(what)


def in_range(j, lo, hi, assumptions: Assumptions) -> bool:
    """lo <= j <= hi, by SymPy's assumptions or else by Z3 with the declared ranges (a free j in 1..j + n_minus_j)."""
    return all((b - a).is_nonnegative is True or decided(a, "<=", b, assumptions) for a, b in ((lo, j), (j, hi)))


def decided(lhs, rel: str, rhs, assumptions: Assumptions) -> bool:
    """Z3 proves lhs REL rhs (any relation, != included) over the declared domains: a side condition."""
    try:
        found = _z3(lhs, rel, rhs, assumptions)
    except Exception:  # Z3 cannot take the form: not proved
        return False
    return found is not None and found[0] == "proved"


def _z3(lhs, rel: str, rhs, assumptions: Assumptions):
    """Z3's answer, with each family member at number indices (y_1 of y_i in {-1, 1}) or at an index the step leaves
    free a variable of its family's domain (`members`, for a proof): Z3 has no indexed values."""
    out = members.as_variables(lhs, rhs, assumptions, for_proof=True)  # obligations only prove
    lhs, rhs, assumptions = (lhs, rhs, assumptions) if out is None else out
    return procedures.z3_decide(lhs, rel, rhs, assumptions, timeout_ms=Z3_MS)
