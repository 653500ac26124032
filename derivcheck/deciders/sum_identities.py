"""Equations between expressions with sums, proved once each sum is in its normal form: index-free factors in front
(`sums.normal`, linearity) and bound indices renamed alike (`unify.alpha`), so that sum_j e^{z_j} and sum_i e^{z_i}
are one object and sum_j e^{z_j} / sum_i e^{z_i} = 1 is SymPy's. A double sum over independent ranges is first split
into products of single sums, term by term (sum_i sum_j a_i b_j = (sum_i a_i)(sum_j b_j)): Chebyshev's identity
n sum a_i b_i - (sum a_i)(sum b_j) = (1/2) sum_i sum_j (a_i - a_j)(b_i - b_j). Every rewrite keeps the value of every
sum, over any range (sums are linear), so a difference they turn into 0 is 0."""

from __future__ import annotations

import sympy as sp

from derivcheck.deciders import sums
from derivcheck.deciders.bound_names import alpha
from derivcheck.deciders.problem import Outcome, Problem, ready
from derivcheck.deciders.prover import prove_zero
from derivcheck.deciders.sum_signs import abstracted, term_holds
from derivcheck.functions import OVER, nonnegative


def _separated(s):
    """sum_i sum_j f over independent ranges as sum over f's terms of c (sum_i g(i)) (sum_j h(j)), or s unchanged
    when a term has a factor in both indices or a range depends on the other index."""
    (j, lj, hj), (i, li, hi) = s.limits
    if not _independent(s):
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


def _independent(s) -> bool:
    """Neither range of the double sum depends on either index (a rectangle of terms)."""
    (j, lj, hj), (i, li, hi) = s.limits
    return not any(e.has(i) or e.has(j) for e in (lj, hj, li, hi))


def _swapped(s):
    """sum_i sum_j f as sum_j sum_i f over a rectangle of terms (the same finite sum); s itself otherwise."""
    return sp.Sum(s.function, *s.limits[::-1]) if _independent(s) else s


def decide(p: Problem) -> Outcome | None:
    if p.rel != "=" or not sp.Tuple(p.lhs, p.rhs).has(sp.Sum, *OVER):
        return None
    try:
        diff = ready(p.lhs) - ready(p.rhs)
        double = any(len(x.limits) == 2 for x in diff.atoms(sp.Sum))
        if len(diff.atoms(sp.Sum, *OVER)) < 2 and not double and _from_one(diff) == diff:
            return _signed(p)  # one sum has no other to be matched with: SymPy's own (sum 2i - 1 = n^2)
        ok, how, joined, from_one = False, "", False, False
        for order in ((lambda x: x), _swapped) if double else ((lambda x: x),):
            written = _nested(diff, order) if double else diff
            pre = _joined(written)  # as written, before normal evaluates sum_{k=1}^{n} 1/k to harmonic(n)
            e = alpha(sums.normal(ones := _from_one(pre)))
            merged = _joined(e)  # and in normal form, the constants out
            joined, from_one = pre != written or merged != e, ones != pre
            ok, how = prove_zero(merged)
            if ok:
                break
        shifted = False
        if not ok and (zero := _from_zero(diff)) != diff:  # sum_{t=0}^{T-1} x_{t+1}^2 = sum_{t=1}^{T} x_t^2
            ok, how = prove_zero(_joined(alpha(sums.normal(zero))))
            shifted = ok
    except Exception:  # a form SymPy cannot take: not proved this way
        return None
    if not ok:
        return _signed(p)
    split = "double sums split into products of single sums or nested (in either order), " if double else ""
    split += "each sum's index shifted to start at 0, " if shifted else ""
    split += "sums over adjacent ranges joined, " if joined else ""
    split += "sums over a..b as sums from 1 to b less sums from 1 to a - 1 (in closed form), " if from_one else ""
    return Outcome("proved", f"{split}each sum and extremum in normal form (index-free factors out, indices renamed "
                             f"alike), then "
                             f"SymPy: {how}", {"rechecked_points": p.notes.get("points_held", 0)})


def _signed(p: Problem) -> Outcome | None:
    """The identity with each sum a number of its sign (positive also from its terms' declared domains), SymPy's:
    true for every such number, it is true for the sums. -log(e^{z_k} / sum_i e^{z_i}) = log sum_i e^{z_i} - z_k
    needs only that the sum is positive."""
    try:
        lhs, rhs, names = abstracted(ready(p.lhs), ready(p.rhs), p.assumptions)
        if not names or sp.Tuple(lhs, rhs).has(sp.Sum):
            return None
        ok, how = prove_zero(lhs - rhs)
    except Exception:  # a form SymPy cannot take: not proved this way
        return None
    return Outcome("proved", f"each sum a number of its sign, then SymPy: {how}",
                   {"rechecked_points": p.notes.get("points_held", 0)}) if ok else None


def mirrored(p: Problem) -> Outcome | None:
    """The identity with each sum over lo..hi as half the sum of its term at i and at lo + hi - i, SymPy's: i ->
    lo + hi - i maps the range onto itself (under SymPy's convention for a backward range too), so the sum keeps
    its value. sum_{t=0}^{T} cos(pi t/T) = 0: the terms cancel in pairs. A decider of its own, after the quick
    search and SymPy: a lone sum's identity is usually SymPy's, and a false one the search's."""
    def paired(s):
        (i, lo, hi), body = s.limits[0], s.function
        return sp.Sum((body + body.xreplace({i: lo + hi - i})) / 2, (i, lo, hi))

    if p.rel != "=" or not sp.Tuple(p.lhs, p.rhs).has(sp.Sum):
        return None
    try:
        diff = ready(p.lhs) - ready(p.rhs)
        both_ends = diff.replace(lambda x: isinstance(x, sp.Sum) and len(x.limits) == 1, paired)
        ok, how = (False, "") if both_ends == diff else prove_zero(both_ends)
    except Exception:  # a form SymPy cannot take: not proved this way
        return None
    return Outcome("proved", f"each sum as half the sum of its terms and the same terms in reverse order, then "
                             f"SymPy: {how}", {"rechecked_points": p.notes.get("points_held", 0)}) if ok else None


def _nested(diff, order):
    """Each double sum in `order` (as written or swapped), split into products of single sums (simplify is slow on
    double sums) or, where it does not split, with the inner sum's factors free of its index taken out of it (SymPy
    keeps sum_i (c_i sum_j g) nested): sum_i sum_j P_ij / sum_k P_ik = n."""
    double = lambda x: isinstance(x, sp.Sum) and len(x.limits) == 2  # noqa: E731
    diff = sums.linearize(diff.replace(double, lambda x: _separated(order(x))))
    return diff.replace(double, lambda x: sp.Sum(sums.normal(sp.Sum(x.function, x.limits[0])), x.limits[1]))


MAX_JOINED = 12  # summands of the difference looked at pairwise


def _joined(e):
    """e with c sum_{i=a}^{b} f + c sum_{i=b+1}^{c} f written c sum_{i=a}^{c} f, and c f(b + 1) or c f(a - 1) beside
    c sum_{i=a}^{b} f taken into it, while SymPy shows each range proper (b >= a - 1, c >= b): what a paper means by
    splitting a sum (SymPy's Karr convention would join any ranges, which no paper means)."""
    terms = list(sums.summands(e))
    if len(terms) > MAX_JOINED:
        return e
    changed = True
    while changed:
        changed = False
        for x, y in ((x, y) for x in terms for y in terms if x is not y):
            c, s = x.as_independent(sp.Sum, as_Add=False)
            if not isinstance(s, sp.Sum) or len(s.limits) != 1:
                continue
            (i, a, b), f = s.limits[0], s.function
            d, t = y.as_independent(sp.Sum, as_Add=False)
            if isinstance(t, sp.Sum) and len(t.limits) == 1 and d == c and t.limits[0][1] == b + 1 and \
                    t.function.xreplace({t.limits[0][0]: i}) == f and nonnegative(t.limits[0][2] - b):
                joined = sp.Sum(f, (i, a, t.limits[0][2]))
            elif y == c * f.xreplace({i: b + 1}):
                joined = sp.Sum(f, (i, a, b + 1))
            elif y == c * f.xreplace({i: a - 1}):
                joined = sp.Sum(f, (i, a - 1, b))
            else:
                continue
            if nonnegative(b - a + 1):
                terms = [z for z in terms if z is not x and z is not y] + [c * joined]
                changed = True
                break
    return sp.Add(*terms)


def _from_zero(e):
    """Each sum over one range a..b written over 0..b - a, its term at i + a: the same terms in the same order (a
    shift keeps a sum's value under SymPy's convention for any range), so that sums written over shifted ranges
    (t = 0..T-1 of x_{t+1}, t = 1..T of x_t) become one object."""
    def shift(s):
        if len(s.limits) != 1 or s.limits[0][1] == 0:
            return s
        (i, a, b), f = s.limits[0], s.function
        return sp.Sum(f.xreplace({i: i + a}), (i, 0, b - a))

    return e.replace(lambda x: isinstance(x, sp.Sum), shift)


def _from_one(e):
    """Each sum over a..b that SymPy leaves unevaluated as sum_{1}^{b} - sum_{1}^{a-1}, both in closed form, where
    SymPy shows a >= 1, b >= a - 1 and every term from 1 on finite: sum_{k=n+1}^{2n} 1/k = H(2n) - H(n)."""
    def split(s):
        if len(s.limits) != 1 or s.limits[0][1].is_number:
            return s
        (k, a, b), f = s.limits[0], s.function
        if not (nonnegative(a - 1) and nonnegative(b - a + 1) and term_holds(f, k, 1, "finite")):
            return s
        whole, head = sp.Sum(f, (k, 1, b)).doit(), sp.Sum(f, (k, 1, a - 1)).doit()
        return s if whole.has(sp.Sum) or head.has(sp.Sum) else whole - head

    return e.replace(lambda x: isinstance(x, sp.Sum), split)
