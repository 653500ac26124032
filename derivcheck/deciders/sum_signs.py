"""What is known of a sum's terms and sign, for comparing and abstracting sums.

* `term_holds`: a property (real, nonnegative, positive) of a sum's general term for every index in its range,
  shown by SymPy's assumptions with the index written as lo + j, j a nonnegative integer (`at_index`).
* `proper_range`: hi >= lo - 1, so that a sum is an ordinary sum (empty at worst): SymPy follows Karr's convention
  for a range that runs backwards (sum_{i=1}^{-1} 1 = -1), which no paper means. `nonempty_range`: hi >= lo.
* `sign`: what SymPy shows of a sum's, product's or inner product's sign; `positive`: a sum positive by SymPy or by
  its terms' declared domains (a denominator that may be cleared).
* `abstracted`: the step with every sum, product and inner product replaced by a fresh symbol that carries what is
  known of its sign, for the scalar provers (a statement true for every value of the symbol is true for the sum).
"""

from __future__ import annotations

import functools

import sympy as sp

from derivcheck.deciders import general_term, obligations
from derivcheck.deciders.vector_form import Inner, bound_symbols
from derivcheck.functions import nonnegative
from derivcheck.reader.declarations import Assumptions

SHIFT = sp.Dummy("j", integer=True, nonnegative=True)


def at_index(body, i, lo):
    """body at i = lo + SHIFT: its value at every index from lo on."""
    return body.xreplace({i: lo + SHIFT})


def term_holds(body, i, lo, prop: str) -> bool:
    """body (a term in the index i) has the property (real / nonnegative / positive / nonzero) for every i >= lo."""
    return holds(at_index(sp.sympify(body), i, lo), prop)


@functools.lru_cache(maxsize=4096)
def holds(term, prop: str) -> bool:
    """SymPy's assumptions show the term has the property (cached: the same terms come back)."""
    return obligations.holds(term, prop)


def proper_range(lo, hi) -> bool:
    return nonnegative(sp.sympify(hi) - sp.sympify(lo) + 1)


def nonempty_range(lo, hi) -> bool:
    return nonnegative(sp.sympify(hi) - sp.sympify(lo))


def positive(a: sp.Sum, assumptions: Assumptions) -> bool:
    """The sum is positive: SymPy shows it (`sign`), or its range is nonempty (Z3 with the declared ranges) and
    its terms are positive (`general_term`: sum_i e^{z_i} over 1..j + n_minus_j)."""
    if sign(a).get("positive") or len(a.limits) != 1:
        return bool(sign(a).get("positive"))
    (i, lo, hi), body = a.limits[0], a.function
    return (nonempty_range(lo, hi) or obligations.decided(lo, "<=", hi, assumptions)) and bool(
        general_term.proved(at_index(body, i, lo), "positive", assumptions))


def abstracted(lhs, rhs, assumptions: Assumptions | None = None):
    """(lhs, rhs, names): every sum, product and inner product as a fresh symbol with its known sign; with
    `assumptions`, a sum is positive also from its terms' declared domains (`positive`)."""
    both = sp.Tuple(sp.sympify(lhs), sp.sympify(rhs))
    bound = bound_symbols(both)  # an atom inside another sum's scope is not one number: left alone
    atoms = [a for a in both.atoms(sp.Sum, sp.Product, Inner) if not (a.free_symbols & bound)]
    atoms.sort(key=lambda a: -sp.count_ops(a))
    subs = {}
    for a in atoms:
        props = sign(a)
        if assumptions is not None and isinstance(a, sp.Sum) and not props.get("positive") and positive(a, assumptions):
            props = {"positive": True}
        if props:  # a name the reader never gives (Z3 knows variables by name)
            subs[a] = sp.Symbol(f"_{_label(a)}{len(subs)}", **props)
    return both[0].xreplace(subs), both[1].xreplace(subs), subs


def sign(a) -> dict:
    """What is known of a sum's, product's or inner product's sign, as SymPy properties ({} when it is not known to
    be real); a sum over a range that may run backwards is not known to be anything."""
    if isinstance(a, Inner):
        return {"nonnegative": True} if a.args[0] == a.args[1] else {"real": True}
    if len(a.limits) != 1:
        return {}
    (i, lo, hi), body = a.limits[0], a.function
    if not proper_range(lo, hi):
        return {}
    nonempty = nonempty_range(lo, hi)
    if nonempty and term_holds(body, i, lo, "positive"):
        return {"positive": True}
    if term_holds(body, i, lo, "nonnegative"):
        return {"nonnegative": True}
    if isinstance(a, sp.Sum) and nonempty and term_holds(body, i, lo, "negative"):
        return {"negative": True}
    return {"real": True} if term_holds(body, i, lo, "real") else {}


def _label(a) -> str:
    return {sp.Sum: "S", sp.Product: "P"}.get(type(a), "G")
