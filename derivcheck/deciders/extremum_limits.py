"""Limits at infinity of an extremum over a finite range: lim_{s -> oo} c(s) min_i f_i(s) + g(s) = min_i lim (c f_i + g).

The implicit-bias steps of the field take lim_{s -> oo} (1/s) min_i y_i (s u + r)^T a_i, and SymPy has no method for
the limit of a min. Min and max of finitely many values are continuous on the extended reals, so the limit of the
extremum is the extremum of the members' limits whenever each of those exists (finite or infinite). The range must be
finite and free of s (i from 1 to n, n not s); an empty range is the same constant on both sides.

Each member's limit is taken here, not by SymPy's `limit` (which assumes generic values of the other symbols):
c f_i + g is written as P(s)/Q(s), polynomials in s whose coefficients are free of s, and Q's leading coefficient
nonzero (a number, or an expression SymPy shows nonzero). Then the limit is [s^q]P / [s^q]Q for deg P <= q = deg Q,
the same formula for every value of the other symbols (a coefficient that is zero at some values included); for
deg P > deg Q it is +-oo only when P's leading coefficient over Q's is a nonzero number. c must be a function of s alone, of one sign near the limit (1/s, s, -2): a
positive factor keeps a min a min, a negative one turns it into a max. Anything else is left unchanged.
"""

from __future__ import annotations

import sympy as sp

from derivcheck.deciders.problem import Outcome, Problem, each_rewritten, proved_rewritten
from derivcheck.functions import OVER, MaxOver, MinOver

FLIP = {MinOver: MaxOver, MaxOver: MinOver, sp.Min: sp.Max, sp.Max: sp.Min}


def member_limit(h, s, direction: int):
    """lim_{s -> direction * oo} h for h a rational function of s with coefficients free of s (see the module), or
    None."""
    pq = _as_polynomials(h, s, direction)
    if pq is None:
        return None
    p, q = pq
    lead = q.LC()
    if not lead.is_nonzero:  # a symbolic leading coefficient that may be 0: the degree may drop
        return None
    if p.degree() <= q.degree():
        return sp.expand(p.coeff_monomial(s ** q.degree()) / lead)
    top = p.LC() / lead
    if not (top.is_number and top.is_nonzero):
        return None
    return sp.oo if top.is_positive else -sp.oo


def _as_polynomials(h, s, direction: int):
    """(P, Q) with h(direction * s) = P(s)/Q(s), polynomials in s, or None."""
    num, den = sp.fraction(sp.together(sp.expand(h.xreplace({s: -s}) if direction < 0 else h)))
    try:
        p, q = sp.Poly(sp.expand(num), s), sp.Poly(sp.expand(den), s)
    except sp.PolynomialError:  # s inside a function (e^s, log s): not a rational function of s
        return None
    if any(s in c.free_symbols for c in p.coeffs() + q.coeffs()):
        return None
    return p, q


def _finite_range(ext, s) -> bool:
    if isinstance(ext, (sp.Min, sp.Max)):
        return True
    return all(len(lim) == 3 and s not in (lim[1].free_symbols | lim[2].free_symbols)
               and not sp.Tuple(lim[1], lim[2]).has(sp.oo, -sp.oo, sp.zoo) for lim in ext.limits)


def _sign_near(c, s, direction: int) -> int | None:
    """The sign of c (a function of s alone) for all large direction * s, or None."""
    pq = None if c.free_symbols - {s} else _as_polynomials(c, s, direction)
    if pq is None or pq[0].is_zero:
        return None
    lead = pq[0].LC() * pq[1].LC()  # the sign of P(s)/Q(s) for all large s
    return 1 if lead.is_positive else -1 if lead.is_negative else None


def through(lim):
    """The extremum of the members' limits for a limit at +-oo of c(s) ext_i f_i(s) + g(s), or None."""
    f, s, point = lim.args[0], lim.args[1], lim.args[2]
    if point not in (sp.oo, -sp.oo):
        return None
    direction = 1 if point == sp.oo else -1
    kinds = (*OVER, sp.Min, sp.Max)
    for form in (f, sp.expand(f, deep=False)):  # c (min + g') written as a product: the extremum is one term of it
        terms = sp.Add.make_args(form)
        inside = [t for t in terms if t.has(*kinds)]
        ext = [x for x in sp.Mul.make_args(inside[0]) if isinstance(x, kinds)] if len(inside) == 1 else []
        if len(ext) == 1:
            break
    else:
        return None
    (t,), ext = inside, ext[0]
    c, g = t / ext, sp.Add(*[u for u in terms if u is not t])
    if c.has(*kinds) or g.has(*kinds) or not _finite_range(ext, s):
        return None
    sign = _sign_near(c, s, direction)
    if sign is None:
        return None
    kind = type(ext) if sign == 1 else FLIP[type(ext)]
    if isinstance(ext, (sp.Min, sp.Max)):
        values = [member_limit(c * a + g, s, direction) for a in ext.args]
        return None if any(v is None for v in values) else kind(*values)
    i = ext.limits[0][0]
    if i in g.free_symbols:
        return None
    value = member_limit(c * ext.function + g, s, direction)
    return None if value is None else kind(value, *ext.limits)


def rewritten(e):
    """(e with each limit of this shape replaced by the extremum of its members' limits, the limits replaced)."""
    return each_rewritten(e, sp.Limit, through)


def decide(p: Problem, prove) -> Outcome | None:
    """The step with its limits of extrema taken through the extremum, proved by `prove`; only a proof counts."""
    if not sp.Tuple(p.lhs, p.rhs).has(sp.Limit) or not sp.Tuple(p.lhs, p.rhs).has(*OVER, sp.Min, sp.Max):
        return None
    return proved_rewritten(p, rewritten, prove, lambda done: DESCRIBED)


DESCRIBED = ("the limit of an extremum over a finite range taken as the extremum of its members' limits (min and max "
             "are continuous on the extended reals; each member a rational function of the limit's variable)")
