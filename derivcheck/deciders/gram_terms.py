"""A term in inner products of a few vectors shown to have a sign for all vectors of every R^d, on their Gram-Schmidt
normal form (`gram`'s argument, for one term of a sum rather than a whole vector step).

Every Gram matrix of m vectors in any R^d is that of m lower-triangular vectors in R^m with a nonnegative diagonal,
so a term that depends on its vectors only through their inner products has a sign for all of them exactly when it
has it for those m(m+1)/2 real numbers.
"""

from __future__ import annotations

import sympy as sp

from derivcheck.deciders import obligations
from derivcheck.deciders.vector_form import Inner
from derivcheck.reader.declarations import Assumptions

MAX_GRAM_VECTORS = 4  # 10 real variables in the normal form


def holds_for_every_gram(term, prop: str) -> bool:
    """A term in inner products of a few vectors (theta, a_i: a family member at a fixed index is one vector) has
    the property for all vectors of every R^d: proved on their Gram-Schmidt normal form, lower-triangular vectors in
    R^m with a nonnegative diagonal, whose inner products take every value a Gram matrix of m vectors can
    (`gram`'s argument). (theta^T a_i)^2 <= ||theta||^2 ||a_i||^2 is t1^2 a2^2 >= 0 there."""
    inners = term.atoms(Inner)
    vectors = sorted({v for g in inners for v in g.args}, key=sp.default_sort_key)
    if not inners or len(vectors) > MAX_GRAM_VECTORS or any(not _one_vector(v) for v in vectors):
        return False
    m = len(vectors)
    rows = [[sp.Dummy(f"l{p}{k}", **({"nonnegative": True} if k == p else {"real": True})) for k in range(p + 1)]
            + [sp.Integer(0)] * (m - p - 1) for p in range(m)]
    place = dict(zip(vectors, rows))
    normal = term.xreplace({g: sp.Add(*[a * b for a, b in zip(place[g.args[0]], place[g.args[1]])]) for g in inners})
    if normal.has(Inner):
        return False
    if obligations.holds(sp.expand(normal), prop):
        return True
    return obligations.prove(0, "<" if prop == "positive" else "<=", normal, Assumptions(), thorough=False) is not None


def _one_vector(v) -> bool:
    """A declared vector, or a family's member at an index (a_i): one vector of R^d, not a combination."""
    return getattr(v, "is_Symbol", False) or (isinstance(v, sp.Indexed) and len(v.indices) == 1)
