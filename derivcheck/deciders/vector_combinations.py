"""Each combination of vectors inside an inner product taken as one vector: a step in fewer vectors, only to prove.

Cauchy-Schwarz for ∇f(θ) = Lθ + b against u, or (θ - v)^T (u - b) <= ||θ - v|| ||u - b||, is a statement about two
vectors; in the normal form of its declared vectors it has three or four, and Z3 does not finish in R^4. Replacing
every occurrence of a combination (an inner product's argument that is a sum of vector terms) by a fresh vector p
gives a step that holds for every p: it implies the step (take p to be the combination), so a proof of it is a proof
of the step. A counterexample to it is not one of the step (the combination is tied to the other vectors), so only
its proofs count. A combination and its negative are one vector and its negative.
"""

from __future__ import annotations

import sympy as sp

from derivcheck.deciders.vector_form import Inner, Vec, VectorStep

FRESH = "_p"


def as_vectors(step: VectorStep) -> tuple[VectorStep, tuple] | None:
    """(the step with each combination one fresh vector, the pairs (fresh vector, combination)), or None when there
    is no combination or the step is no scalar step without families, or nothing would be gained (as many vectors)."""
    if step.vector_valued or step.families:
        return None
    named: dict = {}

    def one(arg):
        if not arg.is_Add:
            return arg
        key = sp.expand(arg)
        if key in named:
            return named[key]
        if sp.expand(-arg) in named:
            return -named[sp.expand(-arg)]
        named[key] = Vec(f"{FRESH}{len(named) + 1}")
        return named[key]

    try:
        sides = [sp.sympify(side).replace(lambda x: isinstance(x, Inner), lambda x: Inner(one(x.args[0]),
                                                                                         one(x.args[1])))
                 for side in (step.lhs, step.rhs)]
    except Exception:  # SymPy cannot take a form apart: no abstraction
        return None
    if not named:
        return None
    vectors = tuple(sorted(sp.Tuple(*sides).atoms(Vec), key=lambda v: (not v.name.startswith(FRESH), v.name)))
    if len(vectors) >= len(step.vectors):
        return None
    return (VectorStep(sides[0], step.rel, sides[1], vectors, (), False, step.dimensions),
            tuple((v, combination) for combination, v in named.items()))


def shown(pairs) -> str:
    """The fresh vectors as the verdict names them: p1 := L theta + b."""
    return ", ".join(f"{v.name.lstrip('_')} := {sp.sstr(c)}" for v, c in pairs)
