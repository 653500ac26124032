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
from derivcheck.deciders.problem import Outcome, Problem
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
        except (MemoryError, RecursionError):  # out of this step's means, not a "no" (sum_signs caches the answer)
            raise
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
    whose base is >= 0 (or whose exponent is an even multiple 2k of an integer k >= 0, with b^2 for b) a fresh
    variable: in [0, 1] where b <= 1 is proved too, in [1, oo) where b >= 1 is, in
    [0, oo) otherwise (b^e lies there, 0^0 = 1 included). Only the range is kept, so a step proved this way holds
    for the powers themselves (|1 - eta lambda|^T against 1). None when there is no such power."""
    subs, fresh, what, lhs, rhs = {}, assumptions.merged(Assumptions()), [], sp.sympify(lhs), sp.sympify(rhs)
    for x in sorted(sp.Tuple(lhs, rhs).atoms(sp.Pow), key=sp.default_sort_key):
        if x.exp.is_number or not holds(x.exp, "nonnegative") or x.has(*OVER):
            continue
        base = x.base
        if not (holds(base, "nonnegative") or decided(base, ">=", 0, assumptions)):
            c, k = x.exp.as_coeff_Mul()  # b^{2T} with T an integer is (b^2)^T, of a base >= 0: (1 - eta lambda)^{2T}
            if not (c.is_Integer and c.is_even and k.is_integer and k.is_nonnegative):
                continue
            base = base ** c
        below, above = decided(base, "<=", 1, assumptions), decided(base, ">=", 1, assumptions)
        subs[x] = sp.Symbol(f"_power{len(subs)}", nonnegative=True)
        fresh.restrict_range(subs[x].name, Fraction(1 if above else 0), Fraction(1) if below else None, False,
                             not below)
        what.append(f"{sp.sstr(x)} in {'[0, 1]' if below else '[1, oo)' if above else '[0, oo)'}")
    if not subs:
        return None
    return lhs.xreplace(subs), rhs.xreplace(subs), fresh, ", ".join(what)


def decide_powers(p: Problem) -> Outcome | None:
    """The step proved by Z3 with each power of a symbolic exponent a number of its range ((1 - eta lambda)^{2T} in
    [0, 1]), or None: only a proof counts, since a point of the ranges need not be one of the powers."""
    lhs, rhs = p.ready
    if lhs.has(sp.Sum, sp.Product, *OVER) or rhs.has(sp.Sum, sp.Product, *OVER):
        return None
    tidied = exponents_simplified(lhs), exponents_simplified(rhs)
    split = "" if tidied == (lhs, rhs) else "each power of a sum split and its exponent simplified, then "
    ranged = powers_as_numbers(*tidied, p.assumptions)
    if ranged is None:
        return None
    found = _z3(ranged[0], p.rel, ranged[1], ranged[2])
    if found is None or found[0] != "proved":
        return None
    return Outcome("proved", f"{split}Z3, each power with a symbolic exponent a number of its range ({ranged[3]})", {},
                   certificate=found[2] if len(found) > 2 else None)


MAX_EXPONENT_OPS = 40  # larger exponents are left as they are (SymPy's simplify can take seconds on them)


def exponents_simplified(e):
    """e with each power b^(x + y) of a base b > 0 split into b^x b^y, and each b^x whose x log b simplifies written
    as that: beta^(s + log(eta_0/a)/log(1/beta)) is beta^s a/eta_0, the trial step after K >= log(eta_0/a)/log(1/beta)
    halvings. An identity for b > 0 (logs expanded only as SymPy's assumptions allow, never forced)."""
    def tidy(x):
        if x.exp.is_number or x.base.is_positive is not True or sp.count_ops(x.exp) > MAX_EXPONENT_OPS:
            return x
        q = sp.simplify(sp.expand_log(x.exp * sp.log(x.base)))
        return sp.powsimp(sp.exp(q)) if not q.has(sp.log(x.base)) or sp.count_ops(q) < sp.count_ops(x.exp) else x

    if not any(not x.exp.is_number for x in e.atoms(sp.Pow)):
        return e
    return sp.expand_power_exp(e).replace(lambda x: isinstance(x, sp.Pow), tidy)


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
