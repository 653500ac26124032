"""Sums over the pairs j < i of a symmetric term: half the full double sum less its diagonal.

U-statistics and ranking losses sum over unordered pairs, sum_{i=lo}^{hi} sum_{j=lo}^{i-1} f(i, j). Where f(i, j) =
f(j, i) (SymPy shows the difference zero with the two indices swapped), the pairs j < i and i < j give the same
total, so the sum is (sum_i sum_j f(i, j) - sum_i f(i, i)) / 2 over the square lo..hi x lo..hi: an exact identity,
over any range (an empty one included: both sides are 0). The inner range may also run from i + 1 to hi. The full
double sum splits over independent ranges, which the sum deciders take from there (n sum s_i^2 - (sum s_i)^2).
"""

from __future__ import annotations

import sympy as sp

from derivcheck.deciders.problem import Outcome, Problem, each_rewritten, proved_rewritten


def _symmetric(f, i, j) -> bool:
    try:
        return sp.simplify(f.xreplace({i: j, j: i}) - f) == 0
    except Exception:  # a form SymPy cannot take: not shown
        return False


def halved(s):
    """The square form of a sum over the pairs of a symmetric term, or None."""
    if not isinstance(s, sp.Sum):
        return None
    f, limits = s.function, s.limits  # a sum whose body is a sum is one sum of two limits (SymPy denests it)
    if len(limits) != 2:
        return None
    (j, lo_j, hi_j), (i, lo, hi) = limits
    below = lo_j == lo and sp.expand(hi_j - (i - 1)) == 0  # j from lo to i - 1
    above = hi_j == hi and sp.expand(lo_j - (i + 1)) == 0  # j from i + 1 to hi
    if not (below or above) or i == j or j in (lo.free_symbols | hi.free_symbols) or not _symmetric(f, i, j):
        return None
    return (sp.Sum(f, (j, lo, hi), (i, lo, hi)) - sp.Sum(f.xreplace({j: i}), (i, lo, hi))) / 2


def rewritten(e):
    """(e with each sum over pairs of a symmetric term in its square form, the sums rewritten)."""
    return each_rewritten(e, sp.Sum, halved)


DESCRIBED = "each sum over the pairs j < i of a symmetric term taken as half the full double sum less its diagonal"


def decide(p: Problem, prove) -> Outcome | None:
    """The step with its sums over pairs in the square form, proved by `prove`; only a proof counts."""
    if not sp.Tuple(p.lhs, p.rhs).has(sp.Sum):
        return None
    return proved_rewritten(p, rewritten, prove, lambda done: DESCRIBED)
