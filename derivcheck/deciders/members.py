"""Members of a family with number indices (p[1], s[2, 3]) as variables of their own.

A step whose every indexed value has number indices is a step in that many variables, each with its family's
declared domain (`% assume: p_i in [0, 1]` makes p[1] a number in [0, 1]), so the procedures that take variables
(Z3, finite cases, branch and bound) decide it: p_1 <= 1 is proved, not left "numerically". The renaming is exact
only while no indexed value with a letter index is left: a sum over the family would tie its first term to p[1],
and two names would make them independent values, so such a step is left as it is. For a proof only (`obligations`),
a member whose letter index is free in the step (y_i in a row that holds for every i) is a variable as well; so it is
for the procedures too when it is its family's only member in the step (then no two names can be one value).
"""

from __future__ import annotations

import sympy as sp

from derivcheck.deciders.vector_form import bound_symbols
from derivcheck.reader.declarations import Assumptions
from derivcheck.reader.domains import domain_of


def as_variables(lhs, rhs, assumptions: Assumptions, for_proof: bool = False):
    """(lhs, rhs, assumptions) with each member a variable named as it prints (p[1, 2]) and declared with its
    family's domain, or None when the step has no member, a name that clashes, or a member with a letter index that
    is not its family's lone free member (`_alone`).

    for_proof: a member whose letter index no sum or extremum of the step binds (y_i in a row for every i) is a
    variable too. Members that could be one value (y_i and y_1 at i = 1) become independent variables: a proof for
    every value of them is a proof of the step, a counterexample is not one of the step's (callers that refute must
    leave it False)."""
    lhs, rhs = sp.sympify(lhs), sp.sympify(rhs)
    members = lhs.atoms(sp.Indexed) | rhs.atoms(sp.Indexed)
    if not members:
        return None
    bound = bound_symbols(sp.Tuple(lhs, rhs))
    lettered = any(not k.is_Integer for m in members for k in m.indices)
    if lettered and not (for_proof or _alone(members, bound, assumptions)):
        return None
    if any(k.free_symbols & bound for m in members for k in m.indices if not k.is_Integer):
        return None
    taken = {s.name for s in lhs.free_symbols | rhs.free_symbols if isinstance(s, sp.Symbol)}
    out = Assumptions({k: set(v) for k, v in assumptions.props.items()}, dict(assumptions.ranges),
                      dict(assumptions.sets))
    names = {}
    for m in members:
        name = str(m)
        if name in taken or out.declared(name):  # a variable of that very name already: no renaming is exact
            return None
        label = m.base.label
        d = domain_of(label, assumptions, names=assumptions.family_names(str(label), m.indices))
        if d.values is not None:
            out.sets[name] = list(d.values)
        if d.lo is not None or d.hi is not None:
            out.ranges[name] = (d.lo, d.hi, d.lo_open, d.hi_open)
        out.props[name] = {p for p, holds in (("integer", d.integer), ("nonzero", d.nonzero)) if holds}
        names[m] = name
    subs = {m: out.symbol(name) for m, name in names.items()}
    return lhs.xreplace(subs), rhs.xreplace(subs), out


def _alone(members, bound, assumptions: Assumptions) -> bool:
    """One member per family, at free indices, and no member declared apart (y_1 = 1): y_i takes every value of its
    family's domain, for each i apart, so renaming it is exact."""
    declared = set(assumptions.props) | set(assumptions.ranges) | set(assumptions.sets)
    return len({m.base for m in members}) == len(members) and not (
        bound & {x for m in members for x in m.free_symbols}) and not any(
        n.startswith(f"{m.base.label}_") and any(ch.isdigit() for ch in n) for m in members for n in declared)
