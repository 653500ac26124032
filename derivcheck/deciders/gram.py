"""A vector step in m declared vectors, for every dimension d at once: its rotation normal form in R^m.

A step that depends on its vectors v_1..v_m only through their inner products (`vector_form.lift_step` checks
this) has the same truth value for any two families of vectors with the same Gram matrix. Every Gram matrix of m
vectors in any R^d is the Gram matrix of m vectors in R^m, and Gram-Schmidt followed by an isometry makes those
lower-triangular with a nonnegative diagonal: v_p = (l_p1, ..., l_pp, 0, ..., 0) with l_pp >= 0 (where v_p depends
on v_1..v_{p-1}, its residual is 0 and l_pp = 0). So the step holds in every R^d if and only if it holds for these
m(m+1)/2 real numbers: `normal_form` is that scalar step, written in the components `v_p[k]` (k <= p) so that a
counterexample is a point of R^m. Square roots and absolute values in it are left to the scalar deciders (Z3
eliminates them into polynomial constraints: s >= 0, s^2 = ...).

A vector equation between linear combinations is an identity of its components: component k of each side is one
expression E(v_1[k], ..., v_m[k], scalars), the same for every k (the lift checks it), so it is enough that E is
0 for scalar arguments (`componentwise`).
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import permutations

import sympy as sp

from derivcheck.deciders import continuity, extremum_limits, finite_sets, sums
from derivcheck.deciders.bound_names import alpha
from derivcheck.deciders.prover import prove_zero
from derivcheck.deciders.vector_form import Inner, VectorStep, as_numbers, distribute, expand_inner, lower

MAX_ORDERED = 4  # indices of one sum put in canonical order (4! orders tried)
MAX_VECTORS = 6  # 21 real variables; beyond that the normal form is no easier than the reader's components


def componentwise(step: VectorStep) -> str | None:
    """How SymPy shows a vector equation lhs = rhs as an identity of one component, or None."""
    if not step.vector_valued or step.rel != "=":
        return None
    # the coefficients' inner products are numbers, the same for every component k
    vectors = {v: sp.Symbol(f"{v.name}[k]", real=True) for v in step.vectors + step.families}
    diff, limits = continuity.at_the_point(as_numbers(step.lhs - step.rhs).xreplace(vectors))  # lim_{b -> 0} of a
    ok, how = prove_zero(diff)  # softmax-weighted mean of vectors: their value there, each term continuous
    if not ok and diff.has(sp.Sum):  # sum_i (g_i - h_i + c) = sum_j g_j - ...: split, each index renamed alike
        ok, how = prove_zero(alpha(sums.linearize(diff)))
        how = f"by linearity of sums, {how}"
    how = f"{', '.join(limits)} by continuity (the value at the point), {how}" if limits else how
    return f"each component is one identity, {how}" if ok else None


def scalar_form(step: VectorStep):
    """(lhs, rel, rhs) with scalar sides: a vector (in)equation lhs = rhs as ||lhs - rhs||^2 = 0."""
    if not step.vector_valued:
        return step.lhs, step.rel, step.rhs
    diff = step.lhs - step.rhs
    return Inner(diff, diff), step.rel, sp.Integer(0)


@dataclass
class NormalForm:
    lhs: object
    rel: str
    rhs: object
    dimension: int  # m (1 when the step's vectors cancel)
    zeros: tuple  # the components set to 0 (k > p), by name: a counterexample's point includes them


def normal_form(step: VectorStep) -> NormalForm | None:
    """The step for lower-triangular vectors in R^m with a nonnegative diagonal; None when the step has families of
    vectors or too many vectors."""
    m = len(step.vectors)
    if step.families or m > MAX_VECTORS:
        return None
    d = max(m, 1)
    lhs, rel, rhs = scalar_form(step)
    lhs, rhs = lower(lhs, d), lower(rhs, d)
    subs, zeros = {}, []
    for p, v in enumerate(step.vectors, 1):
        for k in range(p, d + 1):
            name = f"{v.name}[{k}]"
            subs[sp.Symbol(name, real=True)] = sp.Symbol(name, nonnegative=True) if k == p else sp.Integer(0)
            if k > p:
                zeros.append(name)
    return NormalForm(lhs.xreplace(subs), rel, rhs.xreplace(subs), d, tuple(zeros))


def bilinear(step: VectorStep, reduce=lambda e: e) -> str | None:
    """How SymPy shows a scalar equation in inner products, each expanded bilinearly into inner products of the
    declared vectors (then numbers: <a, a> >= 0), or None. `reduce`: a value-keeping rewrite of the expansion (the
    caller's: label squares y_i^2 = 1, `finite_sets`)."""
    if step.vector_valued or step.rel != "=":
        return None
    diff, limits = extremum_limits.rewritten(expand_inner(step.lhs - step.rhs))
    expanded = as_numbers(alpha(independent_limits_in_order(sums.normal(distribute(diff)))))
    reduced = reduce(expanded)
    ok, how = prove_zero(reduced)
    how = f"{extremum_limits.DESCRIBED}, {how}" if limits else how
    how = f"{finite_sets.DESCRIBED}, {how}" if reduced != expanded else how
    return f"inner products expanded bilinearly, {how}" if ok else None


def independent_limits_in_order(e):
    """Each sum over several indices whose ranges do not involve each other (sum_i sum_k, i in 1..n, k in 1..m) with
    its limits in one canonical order: a finite sum in any order is the same sum (Fubini; with SymPy's signed sums over
    reversed ranges too, each a linear map), so sum_k sum_i a_{k,i} and sum_i sum_k a_{k,i} become one expression."""
    def ordered(s):
        names = {lim[0] for lim in s.limits}
        if not 1 < len(s.limits) <= MAX_ORDERED or any(len(lim) != 3 for lim in s.limits) \
                or any((lim[1].free_symbols | lim[2].free_symbols) & names for lim in s.limits):
            return s
        return min((sp.Sum(s.function, *order) for order in permutations(s.limits)), key=lambda f: sp.srepr(alpha(f)))

    return e.replace(lambda x: isinstance(x, sp.Sum), ordered)

