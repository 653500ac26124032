"""A scalar vector step with sums over a family of vectors, proved for every d with each sum of vectors as one vector.

Bilinearity first: sum_i c_i <u_i, w> with w free of i is <sum_i c_i u_i, w>. After that, each sum of vectors left
inside an inner product (sum_i a_i, sum_i w_i a_i) is taken as one vector S of R^d, and each scalar sum left
(sum_i ||a_i||^2) as one real number of its known sign. The step in the new vectors and numbers says something about
every value they can take; the actual sums are some of those values, so a proof of it proves the step for every d
(`gram.normal_form` then decides it as a step in m single vectors). The converse fails: the sums are tied to each
other (||sum_i a_i||^2 <= n sum_i ||a_i||^2), so only a proof counts, never a counterexample found there.

The variance decomposition is the example: (1/n) sum ||a_i||^2 - ||(1/n) sum a_i||^2 <= (1/n) sum ||a_i - c||^2 is,
with S = sum_i a_i and q = sum_i ||a_i||^2, q/n - <S, S>/n^2 <= q/n - 2<S, c>/n + <c, c>, which is ||S/n - c||^2 >= 0.
"""

from __future__ import annotations

from dataclasses import dataclass

import sympy as sp

from derivcheck.deciders import sums
from derivcheck.deciders.bound_names import alpha
from derivcheck.deciders.sum_numbers import numbers_by_sign
from derivcheck.deciders.vector_form import Inner, Vec, VectorStep, expand_inner, vector_valued
from derivcheck.functions import OVER, nonnegative


def _gather(s):
    """sum_i c_i <u_i, w> (w free of i) as <sum_i c_i u_i, w>; other sums unchanged."""
    if not isinstance(s, sp.Sum) or len(s.limits) != 1:
        return s
    i = s.limits[0][0]
    inners = s.function.atoms(Inner)
    if len(inners) != 1:
        return s
    (g,) = inners
    coeff = sp.simplify(s.function / g)
    if coeff.has(Inner) or not (g.args[0].has(i) ^ g.args[1].has(i)):
        return s
    u, w = g.args if g.args[0].has(i) else g.args[::-1]
    return Inner(sp.Sum(coeff * u, s.limits[0]), w)


@dataclass(frozen=True)
class Abstraction:
    """The step in the new vectors and numbers, and what they stand for."""

    step: VectorStep
    replaced: tuple  # pairs (sum or member, its vector or number)
    tied: tuple = ()  # the numbers q = sum_i <x_i, y_i> written through their families' sums (Jensen)

    def described(self) -> str:
        """What was replaced, for a verdict's method."""
        text = "each sum of vectors or member taken as one vector, each other sum as one number: " + ", ".join(
            f"{sp.sstr(v).lstrip('_')} := {shown(s)}" for s, v in self.replaced)
        if self.tied:
            text += (f"; {', '.join(sp.sstr(q).lstrip('_') for q in self.tied)} := <S_x, S_y>/N + (L L^T)_xy over "
                     "the families' plain sums S, N terms, L lower triangular (their centred Gram matrix is positive "
                     "semidefinite: Jensen)")
        return text


def sums_as_vectors(step: VectorStep) -> Abstraction | None:
    """The step with each sum of vectors one vector and each scalar sum over the family one number (see above), each
    vector member outside every sum (a_i with i free) one vector too, with what each stands for; None when it is not a scalar step, an extremum or product is left, or SymPy cannot take a form (a sum
    whose term has an extremum over an index of the same name)."""
    try:
        return _abstracted(step)
    except Exception:  # never a crash of the step: no abstraction, the step goes on to d = 1..4
        return None


def _abstracted(step: VectorStep):
    if step.vector_valued or not step.families:
        return None
    named = {}
    number_of = numbers_by_sign("q")

    def vector_of(s):
        key = alpha(s)
        if key not in named:
            named[key] = Vec(f"_S{len(named) + 1}")
        return named[key]

    sides, at_terms = [], {}
    both = sp.Tuple(step.lhs, step.rhs)
    for side in (step.lhs, step.rhs):
        e = sp.sympify(side).replace(lambda x: isinstance(x, sp.Sum) and len(x.limits) > 1, _split_double)
        e = sums.linearize(expand_inner(e))  # a constant sum is its count times its term there
        e = e.replace(lambda x: isinstance(x, OVER), lambda x: at_terms.setdefault(x, _at_named(x, both)))
        e = e.replace(lambda x: isinstance(x, sp.Sum), _gather)
        e = e.replace(lambda x: isinstance(x, sp.Sum) and vector_valued(x.function), vector_of)
        e = expand_inner(e)
        e = e.replace(lambda x: isinstance(x, sp.Sum) and x.has(Inner), number_of)
        if e.has(sp.Sum, sp.Product, *OVER):
            return None
        # a member outside every sum (a_i in a row for every i): one vector as well, a number member (y_i) stays
        e = e.xreplace({a: vector_of(a) for a in e.atoms(sp.Indexed) if vector_valued(a)})
        sides.append(expand_inner(e))
    if not named:
        return None
    tied = _tied(named, number_of.table)
    # expanded: n (<S, S>/n + l^2) as <S, S> + n l^2, which Z3 decides at once (with n an integer, the quotient
    # made it a mixed integer problem that took 20 s or more)
    sides = [sp.expand(expand_inner(e.xreplace(tied))) for e in sides] if tied else sides
    families = set(step.families)
    vectors = tuple(v for v in step.vectors if v not in families) + tuple(named.values())
    replaced = tuple(named.items()) + tuple(number_of.table.items()) + tuple(
        (ext, term) for ext, term in at_terms.items() if term != ext)
    return Abstraction(VectorStep(sides[0], step.rel, sides[1], vectors, (), False, step.dimensions), replaced,
                       tuple(sorted(tied, key=sp.default_sort_key)))


def _tied(named: dict, numbers: dict) -> dict:
    """Each number q = sum_{i=lo}^{hi} <x_i, y_i> whose families' plain sums S_x = sum_i x_i, S_y are vectors of the
    step: q := <S_x, S_y>/N + R_xy, N = hi - lo + 1 > 0 the count, R = L L^T with L lower triangular and its entries
    fresh reals. The centred Gram matrix R_xy = sum_i <x_i - S_x/N, y_i - S_y/N> of the families is positive
    semidefinite, so it has such a Cholesky factor: the actual sums are among the values, and a proof over all of
    them holds (Jensen, ||S||^2 <= N sum_i ||x_i||^2, is the case x = y). Up to 3 families per range."""
    plain: dict = {}  # (lo, hi) -> {family label: its sum's vector}
    for key, vec in named.items():
        if isinstance(key, sp.Sum) and len(key.limits) == 1 and isinstance(key.function, sp.Indexed) \
                and key.function.indices == (key.limits[0][0],):
            plain.setdefault(key.limits[0][1:], {})[key.function.base] = vec
    tied = {}
    for (lo, hi), sums_of in plain.items():
        count = hi - lo + 1
        if not nonnegative(count - 1) or len(sums_of) > 3:
            continue
        labels = sorted(sums_of, key=sp.default_sort_key)
        factor = sp.zeros(len(labels))
        for r in range(len(labels)):
            for c in range(r + 1):
                factor[r, c] = sp.Symbol(f"_L{len(tied)}{r}{c}", **({"nonnegative": True} if r == c else {"real": True}))
        gram = factor * factor.T
        for key, q in numbers.items():
            pair = _pair(key, lo, hi)
            if pair is not None and pair[0] in sums_of and pair[1] in sums_of:
                x, y = labels.index(pair[0]), labels.index(pair[1])
                tied[q] = Inner(sums_of[pair[0]], sums_of[pair[1]]) / count + gram[x, y]
    return tied


def _pair(key, lo, hi):
    """(x, y) of sum_{i=lo}^{hi} <x_i, y_i>, else None."""
    if not isinstance(key, sp.Sum) or len(key.limits) != 1 or tuple(key.limits[0][1:]) != (lo, hi) \
            or not isinstance(key.function, Inner):
        return None
    i = key.limits[0][0]
    ends = [a.base for a in key.function.args if isinstance(a, sp.Indexed) and a.indices == (i,)]
    return tuple(ends) if len(ends) == 2 else None


def _split_double(s):
    """sum_{i, j} of a body, term by term, over ranges that do not depend on each other: a term without j is its
    count in j times its sum over i; a term c <x_i, y_j> (c free of both) is c <sum_i x_i, sum_j y_j> (bilinearity);
    any other term stays a sum over its own indices. The minibatch of two: sum_{i,j} ||(g_i + g_j)/2||^2 =
    (n/2) sum_i ||g_i||^2 + (1/2)||sum_i g_i||^2."""
    limits = s.limits
    indices = {lim[0] for lim in limits}
    if any((lo.free_symbols | hi.free_symbols) & indices for _, lo, hi in limits) or not all(
            sums.proper_range(lo, hi) for _, lo, hi in limits):
        return s
    out = []
    for t in sp.Add.make_args(sp.expand(expand_inner(s.function))):
        used = [lim for lim in limits if t.has(lim[0])]
        count = sp.Mul(*[hi - lo + 1 for v, lo, hi in limits if not t.has(v)])
        inner = [f for f in sp.Mul.make_args(t) if isinstance(f, Inner)]
        coeff = t / inner[0] if len(inner) == 1 else None
        if len(used) == 2 and coeff is not None and not coeff.has(*indices):
            x, y = inner[0].args
            (a, *_), (b, *_) = used
            if x.has(b) or y.has(a):
                x, y = y, x
            if not (x.has(b) or y.has(a)):
                limit_of = {lim[0]: lim for lim in used}
                out.append(count * coeff * Inner(sp.Sum(x, limit_of[a]), sp.Sum(y, limit_of[b])))
                continue
        out.append(count * (sp.Sum(t, *used) if used else t))
    return sp.Add(*out)


def _at_named(ext, both):
    """max_j f(a_j) as f(a_i) + s (a min: - s), s >= 0 a fresh number, where the step names a member a_i of a family
    in f with i inside the range (SymPy: the free index i in 1..i + n_minus_i): the max is at least its term there,
    and nothing else of it is kept (only a proof counts here). The extremum itself where no such member is named."""
    (j, lo, hi), body = ext.limits[0], ext.function
    bases = {a.base for a in body.atoms(sp.Indexed) if a.has(j)}
    named = sorted({a.indices[0] for a in both.xreplace({ext: 0}).atoms(sp.Indexed)
                    if a.base in bases and len(a.indices) == 1 and not a.indices[0].has(j)}, key=sp.default_sort_key)
    at = next((i for i in named if nonnegative(i - lo) and nonnegative(hi - i)), None)
    if at is None or body.has(*OVER):
        return ext
    gap = sp.Dummy("s", nonnegative=True)
    return body.xreplace({j: at}) + (gap if isinstance(ext, OVER[0]) else -gap)


def shown(s) -> str:
    """A replaced sum as text, its index named i (or k where i is taken); a member as a paper writes it (a_i)."""
    if isinstance(s, sp.Indexed):
        return f"{s.base.label}_{','.join(sp.sstr(k) for k in s.indices)}"
    i = s.limits[0][0]
    taken = {x.name for x in s.free_symbols}  # by name: the reader's indices carry assumptions (integer=True)
    name = next(n for n in ("i", "k", "j", "m") if n not in taken)
    return sp.sstr(s.xreplace({i: sp.Symbol(name, integer=True)})).replace("Inner(", "inner(")
