"""Canonical names for bound indices: two sums (products, extrema) that differ only in the names of their indices
become one expression.

* `alpha` names each index by its depth (`_k0` outermost). No two indices in scope share a name, so code that
  substitutes an index by structure (`xreplace`) can use the result.
* `canonical_names` goes one step further for the simplifiers that only decide whether an expression is 0 or 1: a
  sum closed in its context (its term and range name no index bound around it) is named from depth 0 wherever it
  stands. The reader primes a sum's index when it rebinds one bound outside (a definition `W := \\sum_k w_k` read
  inside a sum over k is `\\sum_{k'} w_{k'}` there, so the deciders that look for an index with `has` see two), and
  the same closed sum read outside is `\\sum_k w_k`; SymPy compares sums by structure, so `alpha` alone, which names
  them by depth, leaves `\\sum_{_k1} w_{_k1}` and `\\sum_{_k0} w_{_k0}` apart.

Both are sound renamings: a depth name is not a name the reader gives; an open binder's names are deeper than every
binder around it, so it captures nothing it uses; a closed binder uses nothing from around it, so an outer index of
the same name is merely shadowed inside it. A binder over several indices (SymPy lists the innermost first) binds
each index in the term and in the ranges listed before it, not in those after.
"""

from __future__ import annotations

import sympy as sp

from derivcheck.functions import OVER

BINDERS = (sp.Sum, sp.Product, *OVER)


def alpha(e):
    """e with each bound index renamed by its depth, `_k0` outermost."""
    return _renamed(sp.sympify(e), 0, frozenset(), False)


def canonical_names(e):
    """e with each bound index renamed by its depth, a closed binder's from depth 0 (see the module's docstring)."""
    return _renamed(sp.sympify(e), 0, frozenset(), True)


def _renamed(e, depth: int, around: frozenset, closed_from_zero: bool):
    """`around`: the (renamed) indices bound outside e; `depth`: the first depth free for e's binders."""
    if not e.args or not e.has(*BINDERS):
        return e
    if not (isinstance(e, BINDERS) and all(len(lim) == 3 for lim in e.limits)):
        return e.func(*[_renamed(a, depth, around, closed_from_zero) for a in e.args])
    if closed_from_zero and not e.free_symbols & around:
        depth, around = 0, frozenset()
    function, limits = e.function, [tuple(lim) for lim in e.limits]
    m = len(limits)
    for q in range(m):  # limit q binds its index in the term and in the limits before it (the inner ones)
        var, new = limits[q][0], sp.Symbol(f"_k{depth + m - 1 - q}", integer=True)
        function = function.xreplace({var: new})
        limits = [tuple(x.xreplace({var: new}) for x in lim) if r < q else (new, *lim[1:]) if r == q else lim
                  for r, lim in enumerate(limits)]
    inner = around | {lim[0] for lim in limits}  # a range's own sums are named deeper than the binder's indices
    limits = [(v, *(_renamed(x, depth + m, inner, closed_from_zero) for x in ends)) for v, *ends in limits]
    return type(e)(_renamed(function, depth + m, inner, closed_from_zero), *limits)
