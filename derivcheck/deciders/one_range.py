"""Sums over one range written as one sum (linearity of sums): c sum_i u_i + c' sum_j w_j = sum_i (c u_i + c' w_i)
for coefficients free of the index. `lemma_match` meets the result: ||sum_i u_i - sum_i w_i|| is one norm of one
sum for the triangle inequality over a sum, and sum_k p_k log q_k - sum_k p_k log p_k is one sum
sum_k p_k (log q_k - log p_k) for Jensen's inequality (Gibbs' inequality)."""

from __future__ import annotations

import sympy as sp

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
    """lhs - rhs as one sum with its term's common factors taken out (p_k (log q_k - log p_k)), those free of the
    index in front of the sum, or None when it has no two sums over one range."""
    diff = sp.sympify(lhs - rhs)
    one = gathered(diff, vectors=False)
    if one == diff or not isinstance(one, sp.Sum):
        return None
    (i, *_), = one.limits
    outside, term = sp.factor_terms(one.function).as_independent(i, as_Add=False)
    return outside * sp.Sum(term, *one.limits)
