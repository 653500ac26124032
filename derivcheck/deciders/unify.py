"""Matching a lemma's pattern against part of a step: placeholders, and the bindings that make them equal.

A pattern is a SymPy expression with placeholders:

* a `Hole` (`Hole("N")`) stands for any expression free of the pattern's summation indices (a range end, a
  constant, the base of a geometric sum);
* a placeholder function applied to an index (`X(i)`, also `X(i + 1)` or `X(lo + hi - i)`) stands for any
  expression in that index: X is bound to `Lambda(t, body)`. Applied to anything else (`Phi(Sum(...) / N)`) it is
  a context: Phi is bound to the expression around one occurrence of its argument.

`match(pattern, expr)` yields every binding (a dict) under which the pattern, instantiated, is the expression:
sums are compared after renaming the bound index (and, where the pattern's lower limit is a number, after shifting
the expression's sum to start there), sums and products of several terms commutatively (the last placeholder term
takes what is left), inner products symmetrically. What counts as "the same" is SymPy's: identical, or a difference
that expands to 0; `cosh_pairs` writes e^q + e^{-q} as the 2 cosh q the lemmas name. A binding found here only proposes an instance; the caller instantiates the lemma and proves
what it needs (`lemma_match`).
"""

from __future__ import annotations

import itertools

import sympy as sp

from derivcheck.deciders.bound_names import canonical_names
from derivcheck.functions import OVER

MAX_TERMS = 7  # a sum or product with more terms than this is matched only when the counts agree


class Hole(sp.Symbol):
    """A placeholder for an expression free of the pattern's summation indices."""


PLACEHOLDERS: dict[str, type] = {}


def placeholder(name: str):
    """A placeholder function (X, Y, W, V, Phi): bound to a Lambda."""
    if name not in PLACEHOLDERS:
        PLACEHOLDERS[name] = sp.Function("_" + name)
    return PLACEHOLDERS[name]


def _is_placeholder_call(e) -> bool:
    return isinstance(e, sp.core.function.AppliedUndef) and e.func in PLACEHOLDERS.values()


def same(a, b) -> bool:
    """a and b are the same expression: identical up to the names of summation indices, or with a difference that
    expands to 0, or without sums one that cancels to 0 (exp and log compared through their arguments:
    e^{T((L - mu)/(L + mu) - 1)} is e^{-2 mu T/(L + mu)})."""
    a, b = sp.sympify(a), sp.sympify(b)
    if a == b:
        return True
    if type(a) is type(b) and isinstance(a, (sp.exp, sp.log)):
        return same(a.args[0], b.args[0])
    if a.has(sp.Sum, sp.Product, *OVER) or b.has(sp.Sum, sp.Product, *OVER):
        a, b = canonical_names(a), canonical_names(b)
        if a == b:
            return True
    try:
        return sp.expand(a - b) == 0 or (not sp.Tuple(a, b).has(sp.Sum, sp.Product, *OVER) and sp.cancel(a - b) == 0)
    except Exception:  # SymPy cannot expand it: not shown to be the same
        return False


def instantiate(pattern, binding: dict):
    """The pattern with every bound placeholder replaced."""
    e = pattern.xreplace({k: v for k, v in binding.items() if isinstance(k, Hole)})
    for _ in range(3):  # a placeholder's argument can hold another placeholder
        e = e.replace(lambda x: _is_placeholder_call(x) and x.func in binding,
                      lambda x: binding[x.func](*x.args))
    return e


def match(pattern, expr, binding: dict | None = None, indices: frozenset = frozenset()):
    """Every binding extending `binding` under which `pattern` is `expr`."""
    yield from _match(sp.sympify(pattern), sp.sympify(expr), dict(binding or {}), indices)


def _match(p, e, b, indices):
    if isinstance(p, sp.Expr) and not isinstance(e, sp.Expr):  # a sum's limits are a Tuple, not a term
        return
    if isinstance(p, Hole):
        if p in b:
            if same(b[p], e):
                yield b
        elif not (e.free_symbols & indices):
            yield {**b, p: e}
        return
    if _is_placeholder_call(p):
        yield from _call(p, e, b, indices)
        return
    if _unbound(p, b) is False:  # nothing left to bind: compare
        if same(instantiate(p, b), e):
            yield b
        return
    if isinstance(p, (sp.Sum, sp.Product, *OVER)):  # a maximum over a range binds its index as a sum does
        yield from _sum(p, e, b, indices)
    elif p.is_Add or p.is_Mul:
        yield from _commutative(p, e, b, indices)
    elif p.is_Pow:
        if isinstance(e, sp.exp) and p.exp.is_Integer and p.exp > 1:  # e^{2z} is (e^z)^2: SymPy merges the square
            e = sp.Pow(sp.exp(e.args[0] / p.exp), p.exp, evaluate=False)
        if e.is_Pow:
            for b1 in _match(p.base, e.base, b, indices):
                yield from _match(p.exp, e.exp, b1, indices)
    elif type(p) is type(e) and len(p.args) == len(e.args):
        orders = [e.args] + ([e.args[::-1]] if type(p).__name__ == "Inner" else [])
        for args in orders:
            yield from _sequence(p.args, args, b, indices)


def _unbound(p, b) -> bool:
    """Whether p has a placeholder not bound in b."""
    return any(h not in b for h in p.atoms(Hole)) or any(
        _is_placeholder_call(x) and x.func not in b for x in p.atoms(sp.Function))


def _sequence(ps, es, b, indices):
    if not ps:
        yield b
        return
    for b1 in _match(ps[0], es[0], b, indices):
        yield from _sequence(ps[1:], es[1:], b1, indices)


def _call(p, e, b, indices):
    f, arg = p.func, p.args[0]
    if f in b:
        if same(b[f](instantiate(arg, b)), e):
            yield b
        return
    arg = instantiate(arg, b)
    if _is_placeholder_call(arg) and arg.func not in b:  # Phi(X(i)), both unbound: Phi the head of e, X its argument
        yield from _head(f, arg, e, b, indices)
        return
    index = next((i for i in indices if arg.has(i)), None)
    if index is not None and not arg.has(Hole):
        slope = sp.diff(arg, index)
        if slope in (1, -1) and not (arg - slope * index).has(index):
            t = sp.Dummy("t")
            yield {**b, f: sp.Lambda(t, e.xreplace({index: (t - (arg - slope * index)) / slope}))}
        return
    # a context: e is f(arg) for the f that replaces, in e, the sum of arg by what makes arg a variable t
    inners = list(dict.fromkeys(x for x in sp.preorder_traversal(arg) if isinstance(x, (sp.Sum, sp.Product))))
    if not inners:
        return
    # a sum under a binder of e (sum_i g_{k,i} inside sum_k) is one number per k: made one variable t, it would be
    # captured by phi's own sum over k (phi(t) := sum_k n^2 t^2 "convex" says nothing of each k's term)
    scoped = {lim[0] for x in sp.preorder_traversal(e) if isinstance(x, (sp.Sum, sp.Product, *OVER))
              for lim in x.limits}
    if len(inners) > 1:  # a ratio of sums (sum_i w_i x_i / sum_i w_i): each bound in turn, then arg as a whole
        yield from _context_of_sums(f, arg, inners, e, b, indices, scoped)
    inner = inners[0]  # and arg as a multiple of its first sum (sum X Y + sum Y is 2 sum x y at X := 1, Y := x y)
    seen = set()
    for sub in sp.preorder_traversal(e):
        if sub in seen or type(sub) is not type(inner) or sub.free_symbols & scoped:
            continue
        seen.add(sub)
        for b1 in _match(inner, sub, b, indices):
            value = instantiate(arg, b1).xreplace({instantiate(inner, b1): sub})
            u = sp.Dummy("u")
            slope = sp.diff(value.xreplace({sub: u}), u)
            if slope == 0 or slope.has(u) or value.xreplace({sub: 0}) != 0:
                continue  # arg is not c * (the sum): no one way to solve for it
            t = sp.Dummy("t")
            body = e.xreplace({sub: t / slope})
            if body.has(t) and not body.has(sub) and not (body.free_symbols & indices):
                yield {**b1, f: sp.Lambda(t, body)}


HEADS = (sp.log, sp.exp)  # a function of one argument a lemma's Phi(X(i)) is read as


def _head(f, arg, e, b, indices):
    """f(arg) against e = F(u) for a one-argument F of HEADS, a sum of logs (log of their product), u^c for a
    number c, or an entropy term (`_entropy_term`): f := F (t^c), arg against u. A log is also read as -log(1/u),
    the convex head (Jensen's lower bound for an average of logs): the lemma's convexity condition asks for
    1/u > 0, where -log(1/u) = log u."""
    logs = [a.as_coeff_Mul() for a in sp.Add.make_args(e)] if e.is_Add else []
    t = sp.Dummy("t")
    if isinstance(e, HEADS):
        head, u = sp.Lambda(t, e.func(t)), e.args[0]
    elif logs and all(c.is_Rational and isinstance(g, sp.log) for c, g in logs):
        # SymPy's normal form writes log(a W / w) as log a + log W - log w: one log again where that is the same
        # value, each factor positive by the symbols' assumptions (expand_log without force checks them)
        head, u = sp.Lambda(t, sp.log(t)), sp.Mul(*(g.args[0] ** c for c, g in logs))
        if sp.expand(sp.expand_log(sp.log(u), force=False) - e) != 0:
            return
    elif e.is_Pow and e.exp.is_number:
        head, u = sp.Lambda(t, t ** e.exp), e.base
    elif (entropy := _entropy_term(e, t)) is not None:
        head, u = entropy
    else:
        return
    yield from _match(arg, u, {**b, f: head}, indices)
    if head.expr.func is sp.log:
        yield from _match(arg, 1 / u, {**b, f: sp.Lambda(t, -sp.log(t))}, indices)


def _entropy_term(e, t):
    """e = c u log u or c u log(1/u) for a nonzero number c (entropy and KL terms, p log p, p log(1/p)): the head
    c t log t (- c t log t) and u, or None. log(1/u) = -log u for u > 0, where t log t is defined: the lemma's
    convexity condition asks for the terms' sign."""
    if not e.is_Mul:
        return None
    logs = [f for f in e.args if isinstance(f, sp.log)]
    if len(logs) != 1:
        return None
    g, rest = logs[0].args[0], e / logs[0]
    for u, sign in ((g, 1), (1 / g, -1)):
        c = rest / u
        if c.is_number and c.is_zero is False:
            return sp.Lambda(t, sign * c * t * sp.log(t)), u
    return None


def _context_of_sums(f, arg, inners, e, b, indices, scoped):
    """f bound to e with the part that is arg (every sum of arg matched to one of e) made a variable t."""
    if inners:
        subs = dict.fromkeys(x for x in sp.preorder_traversal(e)
                             if type(x) is type(inners[0]) and not x.free_symbols & scoped)
        for sub in subs:
            for b1 in _match(inners[0], sub, b, indices):
                yield from _context_of_sums(f, arg, inners[1:], e, b1, indices, scoped)
        return
    if _unbound(arg, b):
        return
    value = instantiate(arg, b)
    for part in dict.fromkeys(x for x in sp.preorder_traversal(e) if isinstance(x, sp.Expr) and x.has(sp.Sum, sp.Product)):
        if not part.free_symbols & scoped and same(part, value):
            t = sp.Dummy("t")
            body = e.xreplace({part: t})
            if body.has(t) and not body.has(sp.Sum, sp.Product) and not (body.free_symbols & indices):
                yield {**b, f: sp.Lambda(t, body)}


def outermost(s):
    """((k, lo, hi), the term over k) of a sum or product: over several indices, the term is the sum (product) over
    the others, whose ranges may name k (SymPy lists the innermost index first)."""
    return s.limits[-1], s.function if len(s.limits) == 1 else type(s)(s.function, *s.limits[:-1])


def _sum(p, e, b, indices):
    if type(e) is not type(p) or len(p.limits) != 1 or any(len(lim) != 3 for lim in e.limits):
        return
    # a sum over several indices is a sum over its outermost one of the sum over the others (sum_k sum_i g_{k,i}
    # against sum_k v_k: v_k := sum_i g_{k,i}); the inner ranges may name the outer index
    (ei, elo, ehi), body = outermost(e)
    yield from _sum_from(p, body, ei, elo, ehi, b, indices)
    if isinstance(e, sp.Sum) and any(a.coeff(ei).is_negative for a in body.atoms(sp.Add)):
        # read from its top (beta^{t-s}): sum_{s=lo}^{hi} f(s) = sum_{u=0}^{hi-lo} f(hi - u), on any range (a
        # reversed one is minus the terms hi+1..lo-1 on both sides)
        yield from _sum_from(p, body.xreplace({ei: ehi - ei}), ei, sp.Integer(0), ehi - elo, b, indices)


def _sum_from(p, body, ei, elo, ehi, b, indices):
    (pi, plo, phi) = p.limits[0]
    if plo.is_Integer and elo != plo:  # reindex: sum_{i=lo}^{hi} f(i) = sum_{i=plo}^{hi-lo+plo} f(i + lo - plo)
        body, ehi = body.xreplace({ei: ei + elo - plo}), ehi - elo + plo
        elo = plo
    body = body.xreplace({ei: pi})
    for b1 in _match(plo, elo, b, indices):
        for b2 in _match(phi, ehi, b1, indices):
            yield from _match(p.function, body, b2, indices | {pi})


def _commutative(p, e, b, indices):
    op = sp.Add if p.is_Add else sp.Mul
    coeff, rest = p.as_coeff_Mul() if p.is_Mul else (1, p)
    if coeff not in (1, -1) or (coeff == -1 and not e.could_extract_minus_sign()):
        # c X(i) against e: X(i) is e / c (sympy keeps the number in front, so match the rest against e / c)
        yield from _match(rest, e / coeff, b, indices)
        if coeff != -1:
            return
    pargs = sorted(p.args, key=_rank)
    eargs = list(op.make_args(e))
    if len(eargs) > MAX_TERMS and len(eargs) != len(pargs):
        return
    yield from _assign(pargs, eargs, b, indices, op)


def _rank(arg) -> int:
    """Concrete terms first, then sums (they bind the range and the summand), then other terms with placeholders,
    then placeholders applied to an index and holes (they can absorb several terms)."""
    if isinstance(arg, Hole):
        return 4
    if _is_placeholder_call(arg):
        return 3
    if not _unbound(arg, {}):
        return 0
    return 1 if arg.has(sp.Sum) else 2


def _assign(pargs, eargs, b, indices, op):
    if not pargs:
        if not eargs:
            yield b
        return
    first, rest = pargs[0], pargs[1:]
    if not rest:
        if eargs:
            yield from _match(first, op(*eargs), b, indices)
        elif op is sp.Mul:  # a factor that is 1
            yield from _match(first, sp.Integer(1), b, indices)
        return
    sizes = (1,) if _rank(first) < 3 else range(1, len(eargs) - len(rest) + 1)
    for size in sizes:
        for chosen in itertools.combinations(range(len(eargs)), size):
            part = op(*[eargs[j] for j in chosen])
            left = [x for j, x in enumerate(eargs) if j not in chosen]
            for b1 in _match(first, part, b, indices):
                yield from _assign(rest, left, b1, indices, op)
    if op is sp.Mul and _rank(first) >= 3:  # the placeholder is 1 (an unweighted sum): W(i) = 1
        for b1 in _match(first, sp.Integer(1), b, indices):
            yield from _assign(rest, eargs, b1, indices, op)


def cosh_pairs(e):
    """e with each pair c e^q + c e^{-q} of terms of one sum written 2c cosh q (an identity): a paper writes the
    cosh bound (e^{lambda x} + e^{-lambda x})/2 <= e^{lambda^2 x^2/2} with the exponentials, the library with cosh."""
    def paired(add):
        terms, out = list(sp.Add.make_args(add)), []
        while terms:
            t = terms.pop(0)
            c, rest = t.as_independent(sp.exp, as_Add=False)
            partner = next((u for u in terms if isinstance(rest, sp.exp) and u == c * sp.exp(-rest.args[0])), None)
            if partner is None:
                out.append(t)
                continue
            terms.remove(partner)
            out.append(2 * c * sp.cosh(rest.args[0]))  # even: SymPy writes cosh(-q) as cosh(q)
        return sp.Add(*out)
    e = sp.sympify(e)
    return e.replace(lambda x: x.is_Add and x.has(sp.exp), paired) if e.has(sp.exp) else e
