"""Norms of combinations of vectors bounded by the triangle inequality, for a step proved for every d.

Two rewritings that the lemma library (`lemma_match`) then meets: inside an inner product, the sums of vectors over
one range become one sum (c sum_i u_i + c' sum_i w_i = sum_i (c u_i + c' w_i): linearity of sums), so that
||grad L(theta) - grad L(u)|| is one norm of one sum, which the triangle inequality over a sum bounds; and a norm of
a combination of vectors on the smaller side of a step, ||u_1 + ... + u_m||, is replaced by ||u_1|| + ... + ||u_m||
(the triangle inequality), which gives a stronger step: only its proof counts, never a counterexample found there.
"""

from __future__ import annotations

import sympy as sp

from derivcheck.deciders.one_range import gathered
from derivcheck.deciders.vector_form import Inner, bound_symbols, expand_inner, vector_valued


def one_sum(e):
    """Inside each inner product, the sums of vectors over one range written as one sum:
    c sum_i u_i + c' sum_j w_j = sum_i (c u_i + c' w_i) (linearity of sums, the coefficients free of the index), so
    that ||sum_i u_i - sum_i w_i|| meets the triangle inequality over a sum. Terms that are not such a sum stay
    outside; sums over different ranges stay apart."""
    return sp.sympify(e).replace(lambda x: isinstance(x, Inner),
                                 lambda g: Inner(gathered(g.args[0], True), gathered(g.args[1], True)))


def triangle_split(lhs, rel: str, rhs):
    """(lhs', rel, rhs') with each norm of a combination of vectors on the smaller side, ||u_1 + ... + u_m||,
    replaced by ||u_1|| + ... + ||u_m|| (the triangle inequality, proved for two vectors for every d by `gram`, then
    by induction on m), where the step's difference is nonincreasing in that norm (so the new step implies the old);
    None when there is no such norm. Only a proof of the new step counts: it is stronger than the step."""
    if rel in (">=", ">"):
        lhs, rhs, rel = rhs, lhs, {">=": "<=", ">": "<"}[rel]
    if rel not in ("<=", "<"):
        return None
    lhs, rhs = sp.sympify(lhs), sp.sympify(rhs)
    subs = {}
    for atom in sorted(lhs.atoms(sp.Pow), key=sp.default_sort_key):
        if atom.exp != sp.Rational(1, 2) or not isinstance(atom.base, Inner) or atom.base.args[0] != atom.base.args[1]:
            continue
        parts = sp.Add.make_args(sp.expand(atom.base.args[0], deep=False, basic=False))
        if len(parts) < 2 or not all(vector_valued(u) for u in parts) or atom.free_symbols & bound_symbols(lhs):
            continue
        s = sp.Dummy("s", nonnegative=True)
        slope = sp.diff(rhs.xreplace({atom: s}) - lhs.xreplace({atom: s}), s)
        if slope.is_nonpositive and slope != 0:
            subs[atom] = sp.Add(*[sp.sqrt(expand_inner(Inner(u, u))) for u in parts])  # ||-w|| = ||w||
    return (lhs.xreplace(subs), rel, rhs.xreplace(subs)) if subs else None


def after_triangle(lhs, rel: str, rhs, prove) -> str | None:
    """The step proved through `triangle_split` (by `prove`, which returns how or None), as one line, or None."""
    split = triangle_split(lhs, rel, rhs)
    how = None if split is None else prove(*split)
    return None if how is None else f"the triangle inequality ||u + v|| <= ||u|| + ||v|| on each norm of a sum, then {how}"
