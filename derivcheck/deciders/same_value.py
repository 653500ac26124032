"""Two expressions with the same value, shown by SymPy: identical, or a difference that expands or simplifies to 0,
also after each power of a negated base to an integer exponent is signed out. Used where a reader's form of a step
is compared with one rebuilt from it (`vector_form.lift_step`: a vector-level side lowered to d = 1)."""

from __future__ import annotations

import sympy as sp


def same(mine, theirs) -> bool:
    """The same value, shown by SymPy: identical, or a difference that expands or simplifies to 0."""
    if isinstance(mine, sp.MatrixBase) or isinstance(theirs, sp.MatrixBase):
        if not (isinstance(mine, sp.MatrixBase) and isinstance(theirs, sp.MatrixBase)):
            other = theirs if isinstance(theirs, sp.MatrixBase) else mine
            return sp.sympify(mine if other is theirs else theirs) == 0 and all(c == 0 for c in other)
        return mine.shape == theirs.shape and all(same(a, b) for a, b in zip(mine, theirs))
    diff = sp.sympify(mine) - sp.sympify(theirs)
    if diff == 0:
        return True
    try:
        return (sp.expand(diff) == 0 or sp.expand(sign_out(diff)) == 0
                or (sp.count_ops(diff) < 60 and sp.simplify(diff) == 0))
    except Exception:  # SymPy cannot expand it: not shown to be the same
        return False


def sign_out(e):
    """e with each power of a negated base to an integer exponent written as (+-1) times the power of the base:
    (-b)^(2T) = b^(2T) and (-b)^(2T+1) = -b^(2T+1) for integer T, which SymPy leaves apart when T is a symbol
    (at d = 1 it writes (gamma*lambda - 1)^(2T) for the square of (1 - gamma*lambda)^T)."""
    def flip(p):
        base, exp = p.args
        if not base.could_extract_minus_sign():
            return p
        if (exp / 2).is_integer:
            return sp.Pow(-base, exp)
        if ((exp - 1) / 2).is_integer:
            return -sp.Pow(-base, exp)
        return p
    return e.replace(lambda x: isinstance(x, sp.Pow), flip)
