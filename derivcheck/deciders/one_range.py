"""Sums over one range written as one sum (linearity of sums): c sum_i u_i + c' sum_j w_j = sum_i (c u_i + c' w_i)
for coefficients free of the index. `lemma_match` meets the result: ||sum_i u_i - sum_i w_i|| is one norm of one
sum for the triangle inequality over a sum, and sum_k p_k log q_k - sum_k p_k log p_k is one sum
sum_k p_k (log q_k - log p_k) for Jensen's inequality (Gibbs' inequality)."""

from __future__ import annotations

import sympy as sp

from derivcheck.deciders.bound_names import canonical_names
from derivcheck.deciders.sums import normal
from derivcheck.deciders.vector_form import bound_symbols, vector_valued


def gathered(u, vectors: bool):
    """u with its terms c sum_{j=lo}^{hi} f_j over one range (of vectors only, if `vectors`) as one sum. Terms that
    are not such a sum stay outside; sums over different ranges stay apart; a coefficient that names the index, or a
    renaming that would capture an inner sum's index, keeps its term outside."""
    groups, rest = {}, []
    for t in sp.Add.make_args(sp.expand(u, deep=False, basic=False)):
        found = [f for f in sp.Mul.make_args(t) if isinstance(f, sp.Sum)]
        s = found[0] if len(found) == 1 else None
        if s is None or len(s.limits) != 1 or (vectors and not vector_valued(s.function)):
            rest.append(t)
            continue
        (j, lo, hi), coeff = s.limits[0], t / s
        key = next((k for k in groups if sp.simplify(k[1] - lo) == 0 and sp.simplify(k[2] - hi) == 0), None)
        i = j if key is None else key[0]
        term = s.function.xreplace({j: i})
        if i in coeff.free_symbols or (i != j and i in bound_symbols(s.function)):
            rest.append(t)
            continue
        groups.setdefault(key or (j, lo, hi), []).append((t, coeff * term))
    merged = [sp.Sum(sp.Add(*[b for _, b in body]), key) if len(body) > 1 else body[0][0]
              for key, body in groups.items()]
    return sp.Add(*rest, *merged)


def one_side(lhs, rhs):
    """(lhs - rhs as one sum with its term's common factors taken out (p_k (log q_k - log p_k)), those free of the
    index in front of the sum; how), or None when it has no two sums over one range."""
    diff = sp.sympify(lhs - rhs)
    one = gathered(diff, vectors=False)
    if one == diff or not isinstance(one, sp.Sum):
        return None
    return _factored(one), "the sums of both sides as one sum over their range"


def averaged_side(lhs, rhs):
    """(lhs - rhs as one sum, a number beside a weighted average with weights summing to 1 put into it
    (`averaged`, after gathering sums over one range); how), or None."""
    one = averaged(gathered(sp.sympify(lhs - rhs), vectors=False))
    return None if one is None else (_factored(one), "the numbers beside a weighted average (weights summing to 1) "
                                                     "as their own average")


def _factored(one):
    (i, *_), = one.limits
    outside, term = sp.factor_terms(one.function).as_independent(i, as_Add=False)
    return outside * sp.Sum(term, *one.limits)


def averaged(u):
    """c sum_i w_i h_i + L, with L free of i and weights w_i (c's factors other than its sign number, times part of the
    term) that sum to 1 in closed form, as the one sum sum_i w_i (sign h_i + L): a number is its own average
    (log Z - sum_k (w_k / Z) log w_k = sum_k (w_k / Z) log(Z / w_k), the entropy as a weighted average). None
    when u is not one such sum and such numbers, or no part of the term gives weights summing to 1."""
    sums_of_u = [t for t in sp.Add.make_args(u) if any(isinstance(f, sp.Sum) for f in sp.Mul.make_args(t))]
    if len(sums_of_u) != 1:
        return None
    found = [f for f in sp.Mul.make_args(sums_of_u[0]) if isinstance(f, sp.Sum)]
    if len(found) != 1 or len(found[0].limits) != 1:
        return None
    s, loose = found[0], u - sums_of_u[0]  # numbers, closed sums among them (log Z)
    (i, lo, hi), = s.limits
    if loose == 0 or i in loose.free_symbols:
        return None
    sign, c = (sums_of_u[0] / s).as_coeff_Mul()
    k = sp.Dummy(i.name, integer=True)  # c may hold a sum over an index of i's name (1 / sum_k w_k): not captured
    term = s.function.xreplace({i: k})
    for part in (f for f in sp.Mul.make_args(term) if f.has(k)):
        weight = c * term / part
        if canonical_names(normal(sp.Sum(weight, (k, lo, hi)))) == 1:
            return sp.Sum(weight * (sign * part + loose), (k, lo, hi))
    return None
