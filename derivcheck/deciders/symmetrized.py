"""A step in single sums over one range, proved as one double sum with a symmetric term (Chebyshev's sum inequality).

n sum_i a_i b_i >= (sum_i a_i)(sum_i b_i) for similarly ordered a and b has no term-by-term proof: each side's terms
are not comparable one by one. Written over pairs it has one. With N = hi - lo + 1 >= 1 terms in the range,

    c N sum_i u_i  = c sum_i sum_j u_i,        c (sum_i f_i)(sum_j g_j) = c sum_i sum_j f_i g_j,
    c sum_i u_i    = (c / N) sum_i sum_j u_i,  c = (c / N^2) sum_i sum_j 1,

exactly, and a double sum over one square range is unchanged when i and j trade places, so it is the double sum of
T_s(i, j) = (T(i, j) + T(j, i)) / 2. For Chebyshev, T_s = (a_i - a_j)(b_i - b_j) / 2: nonnegative at every pair,
which `sums.termwise` shows one level at a time (each family member a variable of its declared domain). Every
rewrite keeps the value of the step's difference, so its sign is the proof; nothing else about the sums is used.
"""

from __future__ import annotations

import sympy as sp

from derivcheck.deciders import obligations, sums
from derivcheck.deciders.problem import Outcome, Problem, ready
from derivcheck.deciders.sum_signs import nonempty_range
from derivcheck.reader.declarations import Assumptions

MAX_TERMS = 12  # summands of the expanded difference


def decide(p: Problem) -> Outcome | None:
    """Proved when rhs - lhs (<=; lhs - rhs for >=) is, over pairs, a double sum of nonnegative symmetric terms."""
    if p.rel not in ("<=", ">=") or not sp.Tuple(p.lhs, p.rhs).has(sp.Sum):
        return None
    how = prove_step(ready(p.lhs), p.rel, ready(p.rhs), p.assumptions)
    return None if how is None else Outcome("proved", how, {"rechecked_points": p.notes.get("points_held", 0)})


def prove_step(lhs, rel: str, rhs, assumptions: Assumptions) -> str | None:
    """How lhs REL rhs (<= or >=) is proved over pairs, or None (also for a form SymPy cannot take)."""
    if rel not in ("<=", ">="):
        return None
    try:
        return prove(lhs if rel == "<=" else rhs, rhs if rel == "<=" else lhs, assumptions)
    except Exception:  # a form SymPy cannot take: not proved this way
        return None


def prove(small, big, assumptions: Assumptions) -> str | None:
    """How small <= big is proved through the symmetrized double sum, or None; with a square root in it and big
    >= 0, as small^2 <= big^2 (then |small| <= big): mean(x) <= sqrt(mean(x^2))."""
    small, big = sp.sympify(small), sp.sympify(big)
    how = _over_pairs(small, big, assumptions)
    if how is None and any(x.exp == sp.S.Half for x in sp.Tuple(small, big).atoms(sp.Pow)) and obligations.holds(
            big, "nonnegative"):
        how = _over_pairs(sp.expand(small ** 2), sp.expand(big ** 2), assumptions)
        how = how and f"both sides squared (the right side is >= 0), then {how}"
    return how


def _over_pairs(small, big, assumptions: Assumptions) -> str | None:
    pairs = over_pairs(sums.normal(big - small))
    if pairs is None:
        return None
    how = sums.termwise(sp.Integer(0), "<=", pairs, assumptions, transform=False)
    return None if how is None else f"the difference as a double sum over pairs, its term symmetrized in i and j " \
                                    f"(the pairs argument of Chebyshev's sum inequality), then {how}"


def over_pairs(diff):
    """diff as sum_{i, j} T_s(i, j) over the square of its sums' one range (T_s symmetric), or None when diff is not
    a combination of N sum u, sum u, (sum f)(sum g) and constants over one nonempty range with a product in it."""
    terms = sums.summands(diff)
    found = [f for t in terms for f in _factors(t) if isinstance(f, sp.Sum)]
    if len(terms) > MAX_TERMS or not found or any(len(f.limits) != 1 for f in found):
        return None
    _, lo, hi = found[0].limits[0]
    count = hi - lo + 1
    if any(f.limits[0][1:] != (lo, hi) for f in found) or not nonempty_range(lo, hi):
        return None
    i, j = sp.Dummy("i", integer=True), sp.Dummy("j", integer=True)
    pair, product = sp.Integer(0), False
    for t in terms:
        factors = _factors(t)
        ss = [f for f in factors if isinstance(f, sp.Sum)]
        c = sp.Mul(*[f for f in factors if not isinstance(f, sp.Sum)])
        if c.has(sp.Sum) or len(ss) > 2:
            return None
        at = [s.function.xreplace({s.limits[0][0]: k}) for s, k in zip(ss, (i, j))]
        if len(ss) == 2:
            pair, product = pair + c * at[0] * at[1], True
        elif len(ss) == 1:
            pair += c * at[0] / count
        else:
            pair += c / count ** 2
    if not product:  # no product of two sums: term by term over one sum is the comparison (`sums.termwise`)
        return None
    symmetric = sp.expand((pair + pair.xreplace({i: j, j: i})) / 2)  # xreplace swaps both at once
    return sp.Sum(sp.factor(symmetric), (j, lo, hi), (i, lo, hi))


def _factors(t) -> list:
    """t's factors, a sum squared as the sum twice: (sum_i x_i)^2 is (sum_i x_i)(sum_j x_j)."""
    return [g for f in sp.Mul.make_args(t)
            for g in ([f.base, f.base] if f.is_Pow and isinstance(f.base, sp.Sum) and f.exp == 2 else [f])]
