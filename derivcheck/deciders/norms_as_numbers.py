"""A vector step that sees each vector only through its own squared norm, decided as a step in nonnegative numbers.

AdaGrad-norm's potential sum_t ||g_t||^2 / (b_0^2 + sum_{s<=t} ||g_s||^2) <= log(...) is, for every d, the same claim
as the scalar one with a_t := ||g_t||^2 >= 0: each inner product of the step is <x, x> for one vector or family member
x, so the step is a function of those squared norms. Every choice of nonnegative numbers is the squared norms of some
vectors in any d >= 1 (x := sqrt(a) e_1, each chosen alone), so the step in numbers holds exactly when the step holds
for every d. Only its proofs are taken here: a refutation is found again in d = 1..4 with a point in vectors.
"""

from __future__ import annotations

from dataclasses import replace

import sympy as sp

from derivcheck.deciders.vector_form import Inner, Vec, VectorStep
from derivcheck.reader.declarations import Assumptions

PREFIX = "_sq"  # the numbers' names: no reader gives a name starting with "_"


def as_numbers(step: VectorStep, assumptions: Assumptions):
    """(lhs, rhs, the assumptions with each new number nonnegative, the pairs (vector, its number)), or None when
    the step is vector valued or some inner product is not a squared norm of one vector or one member."""
    sides = sp.Tuple(step.lhs, step.rhs)
    inners = sides.atoms(Inner)
    if step.vector_valued or not inners:
        return None
    subs, names = {}, {}
    for g in inners:
        x, y = g.args
        if x != y:
            return None
        if isinstance(x, Vec):
            name = PREFIX + x.name
            subs[g] = sp.Symbol(name, nonnegative=True)
        elif isinstance(x, sp.Indexed) and isinstance(x.base.label, Vec) and len(x.indices) == 1:
            name = PREFIX + x.base.label.name
            subs[g] = sp.IndexedBase(sp.Symbol(name, nonnegative=True))[x.indices[0]]
        else:
            return None
        names[name] = (x.base.label.name if isinstance(x, sp.Indexed) else x.name, isinstance(x, sp.Indexed))
    lhs, rhs = (side.xreplace(subs) for side in (step.lhs, step.rhs))
    if any(isinstance(a, Vec) for a in sp.Tuple(lhs, rhs).atoms(sp.Symbol)):  # a vector outside every norm
        return None
    props = {**assumptions.props, **{name: {"nonnegative"} for name in names}}
    return lhs, rhs, replace(assumptions, props=props), tuple(names.items())


def shown(pairs) -> str:
    """The numbers as a verdict names them: sqg_i := ||g_i||^2."""
    return ", ".join(f"{name.lstrip('_')}{'_i' if family else ''} := ||{vec}{'_i' if family else ''}||^2"
                     for name, (vec, family) in pairs)


def prove(step: VectorStep, assumptions: Assumptions, decide) -> tuple[str, object] | None:
    """(how, certificate) where `decide(lhs, rel, rhs, assumptions)`, an Outcome, proves the step in numbers."""
    numbers = as_numbers(step, assumptions)
    if numbers is None:
        return None
    lhs, rhs, with_numbers, pairs = numbers
    out = decide(lhs, step.rel, rhs, with_numbers)
    if out is None or out.verdict != "proved":
        return None
    return (f"the step sees each vector only through its squared norm, and any nonnegative numbers are the squared "
            f"norms of some vectors in any d: {shown(pairs)}; then {out.method}", out.certificate)
