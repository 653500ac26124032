"""Equations between expressions with sums, proved once each sum is in its normal form: index-free factors in front
(`sums.normal`, linearity) and bound indices renamed alike (`unify.alpha`), so that sum_j e^{z_j} and sum_i e^{z_i}
are one object and sum_j e^{z_j} / sum_i e^{z_i} = 1 is SymPy's. A double sum over independent ranges is first split
into products of single sums, term by term (sum_i sum_j a_i b_j = (sum_i a_i)(sum_j b_j)): Chebyshev's identity
n sum a_i b_i - (sum a_i)(sum b_j) = (1/2) sum_i sum_j (a_i - a_j)(b_i - b_j). Every rewrite keeps the value of every
sum, over any range (sums are linear), so a difference they turn into 0 is 0."""

from __future__ import annotations

import sympy as sp

from derivcheck.deciders import sums
from derivcheck.deciders.problem import Outcome, Problem, ready
from derivcheck.deciders.prover import prove_zero
from derivcheck.deciders.unify import alpha
from derivcheck.functions import OVER


def _separated(s):
    """sum_i sum_j f over independent ranges as sum over f's terms of c (sum_i g(i)) (sum_j h(j)), or s unchanged
    when a term has a factor in both indices or a range depends on the other index."""
    (j, lj, hj), (i, li, hi) = s.limits
    if any(e.has(i) or e.has(j) for e in (lj, hj, li, hi)):
        return s
    out = sp.Integer(0)
    for term in sp.Add.make_args(sp.expand(s.function)):
        parts = {"i": [], "j": [], "": []}
        for f in sp.Mul.make_args(term):
            if f.has(i) and f.has(j):
                return s
            parts["i" if f.has(i) else "j" if f.has(j) else ""].append(f)
        out += sp.Mul(*parts[""]) * sp.Sum(sp.Mul(*parts["i"]), (i, li, hi)) * sp.Sum(sp.Mul(*parts["j"]), (j, lj, hj))
    return out


def _swapped(s):
    """sum_i sum_j f as sum_j sum_i f when neither range depends on the other index (the same finite sum)."""
    (j, lj, hj), (i, li, hi) = s.limits
    return s if any(e.has(i) or e.has(j) for e in (lj, hj, li, hi)) else sp.Sum(s.function, (i, li, hi), (j, lj, hj))


def decide(p: Problem) -> Outcome | None:
    if p.rel != "=" or not sp.Tuple(p.lhs, p.rhs).has(sp.Sum, *OVER):
        return None
    try:
        diff = ready(p.lhs) - ready(p.rhs)
        double = any(len(x.limits) == 2 for x in diff.atoms(sp.Sum))
        if len(diff.atoms(sp.Sum, *OVER)) < 2 and not double:
            return None  # one sum has no other to be matched with: SymPy's own (sum 2i - 1 = n^2)
        ok, how = False, ""
        for order in ((lambda x: x), _swapped) if double else ((lambda x: x),):
            ok, how = prove_zero(alpha(sums.normal(_nested(diff, order) if double else diff)))
            if ok:
                break
    except Exception:  # a form SymPy cannot take: not proved this way
        return None
    if not ok:
        return None
    split = "double sums split into products of single sums or nested (in either order), " if double else ""
    return Outcome("proved", f"{split}each sum and extremum in normal form (index-free factors out, indices renamed "
                             f"alike), then "
                             f"SymPy: {how}", {"rechecked_points": p.notes.get("points_held", 0)})


def _nested(diff, order):
    """Each double sum in `order` (as written or swapped), split into products of single sums (simplify is slow on
    double sums) or, where it does not split, with the inner sum's factors free of its index taken out of it (SymPy
    keeps sum_i (c_i sum_j g) nested): sum_i sum_j P_ij / sum_k P_ik = n."""
    double = lambda x: isinstance(x, sp.Sum) and len(x.limits) == 2  # noqa: E731
    diff = sums.linearize(diff.replace(double, lambda x: _separated(order(x))))
    return diff.replace(double, lambda x: sp.Sum(sums.normal(sp.Sum(x.function, x.limits[0])), x.limits[1]))
