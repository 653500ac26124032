"""A product of two norms on the larger side of an inequality, lowered to their inner product (Cauchy-Schwarz).

`\\|\\nabla F(\\theta) - \\nabla F(u)\\|\\,\\|\\theta - u\\| \\ge \\lambda\\|\\theta - u\\|^2` follows from strong monotonicity,
<grad F(theta) - grad F(u), theta - u> >= lambda ||theta - u||^2, because ||w|| ||z|| >= <w, z> for any vectors
(Cauchy-Schwarz). So each term c ||w|| ||z|| (c > 0 a number) of the larger side is replaced by c <w, z>, which is
no larger, and only a proof of that stronger step counts: its counterexamples are not the step's.
"""

from __future__ import annotations

import sympy as sp

from derivcheck.deciders.vector_form import Inner

HALF = sp.Rational(1, 2)


def _norm_of(f):
    """The vector w when f is ||w|| as the lift writes it (sqrt(<w, w>)), else None."""
    if isinstance(f, sp.Pow) and f.exp == HALF and isinstance(f.base, Inner) and f.base.args[0] == f.base.args[1]:
        return f.base.args[0]
    return None


def lowered(lhs, rel: str, rhs):
    """(lhs, rel, rhs) with each term c ||w|| ||z|| of the larger side as c <w, z>, or None when there is none."""
    if rel not in ("<=", "<", ">=", ">"):
        return None
    small, big = (lhs, rhs) if rel in ("<=", "<") else (rhs, lhs)
    terms, changed = [], False
    for t in sp.Add.make_args(sp.sympify(big)):
        c, factors = t.as_coeff_mul()
        vectors = [_norm_of(f) for f in factors]
        if c > 0 and len(factors) == 2 and None not in vectors:
            terms.append(c * Inner(*vectors))
            changed = True
        else:
            terms.append(t)
    if not changed:
        return None
    big = sp.Add(*terms)
    return (small, rel, big) if rel in ("<=", "<") else (big, rel, small)


def after_cauchy_schwarz(lhs, rel: str, rhs, prove) -> str | None:
    """The step proved through `lowered` (by `prove`, which returns how or None), as one line, or None."""
    stronger = lowered(lhs, rel, rhs)
    how = None if stronger is None else prove(*stronger)
    return None if how is None else f"Cauchy-Schwarz ||w|| ||z|| >= <w, z> on the larger side, then {how}"
