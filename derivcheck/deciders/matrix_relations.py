"""A relation between vectors or matrices as the scalar relation the deciders take, or the reason it has none.

lhs = rhs between two vectors (matrices) of one shape is ||lhs - rhs||^2 = 0 (the entries' squared moduli summed),
and != likewise; a scalar 0 stands for the zero matrix and a 1x1 matrix for its entry. An order between vectors or
matrices (entrywise? the Loewner order?) and a comparison of shapes that differ have no one meaning: NoOneMeaning,
which the engine reports as unparsed.
"""

from __future__ import annotations

import sympy as sp


class NoOneMeaning(ValueError):
    """A relation between a matrix and something that it has no one meaning with: the step is unparsed."""


def same_shape(lhs, rhs):
    """Both sides as matrices of one shape; a scalar 0 is the zero matrix (`a - b = 0`), a scalar with a 1x1 matrix
    is that matrix's entry."""
    sides = [x if isinstance(x, sp.MatrixBase) else None for x in (lhs, rhs)]
    shape = next(x.shape for x in sides if x is not None)
    for k, x in enumerate((lhs, rhs)):
        if sides[k] is None:
            if sp.sympify(x) == 0 or shape == (1, 1):
                sides[k] = sp.Matrix(*shape, [x] * (shape[0] * shape[1]))
            else:
                what = "a vector" if shape[1] == 1 else f"a {shape[0]}x{shape[1]} matrix"
                raise NoOneMeaning(f"{what} compared with the scalar {sp.sstr(x)}")
    if sides[0].shape != sides[1].shape:
        raise NoOneMeaning(f"the sides' shapes differ ({sides[0].shape[0]}x{sides[0].shape[1]} and "
                           f"{sides[1].shape[0]}x{sides[1].shape[1]})")
    return sp.Matrix(sides[0]), sp.Matrix(sides[1])


def as_scalar(lhs, rel, rhs):
    """A vector relation as a scalar one: lhs = rhs iff ||lhs - rhs||^2 = 0, and != likewise; scalars unchanged.

    An order between vectors or matrices (entrywise? Loewner?) has no one meaning: NoOneMeaning."""
    if not (isinstance(lhs, sp.MatrixBase) or isinstance(rhs, sp.MatrixBase)):
        return lhs, rel, rhs
    if rel not in ("=", "!="):
        raise NoOneMeaning(f"'{rel}' between vectors or matrices has no one meaning (entrywise? the Loewner "
                           "order?): write it entry by entry or with norms")
    left, right = same_shape(lhs, rhs)
    # |c|^2, not c^2: the entries of a complex difference can have squares that sum to 0
    return sum(sp.Abs(c) ** 2 for c in left - right), rel, sp.Integer(0)
