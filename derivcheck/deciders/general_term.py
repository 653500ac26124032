"""A sum's general term shown nonnegative (or positive) by the scalar provers, for comparing sums term by term.

`sums.termwise` proves sum_i f_i <= sum_i g_i from g_i - f_i >= 0 for every i of the range; SymPy's assumptions
show such a sign only when it follows from the signs of the parts, which misses e^{-z} - log(1 + e^{-z}) >= 0.
Here the term at one index becomes a statement about numbers that the transcendental bounds, SymPy or Z3 prove:

- an extremum over the sum's range, max_j g_j (min_j g_j), becomes g_i + s (g_i - s) with a fresh s >= 0: the
  extremum is at least (at most) its own term at i, and nothing else about it is used (`extrema_at`);
- each family member at the index (x_i, x_{i+1}) becomes a fresh variable with the family's declared domain,
  each inner product a fresh real (nonnegative when it is a vector with itself) (`scalar_form`);
- where that does not prove it, a sum of nonnegative terms over the range becomes its term at i plus a fresh
  r >= 0 (`sums_at`: w_i / sum_j w_j <= 1, so the entropy's terms -p_i log p_i are >= 0);
- a family declared in a finite set takes each of its values in turn (`cases`).

Both replace a value by a variable that ranges over at least every value it can take, so the term proved for every
value of the new variables holds for the sum's terms: a proof here is a proof of the step. The converse fails (the
variables forget that <theta, a_i>^2 <= ||theta||^2 ||a_i||^2), so a counterexample here is never the step's:
only a proof is used.
"""

from __future__ import annotations

import itertools

import sympy as sp

from derivcheck.deciders import counterexamples, obligations, transcendental
from derivcheck.deciders.problem import Problem
from derivcheck.deciders.vector_form import Inner, bound_symbols, expand_inner
from derivcheck.functions import OVER, MaxOver, exp_form, nonnegative
from derivcheck.reader.declarations import Assumptions
from derivcheck.reader.domains import domain_of

MAX_SIMPLIFY_OPS = 80  # larger terms are not simplified (SymPy's simplify can take seconds on them)
SIGNS = ("positive", "nonnegative", "negative", "nonpositive", "integer", "nonzero")


def extrema_at(body, i, lo, hi):
    """body with each extremum over a range that contains lo..hi replaced by its term at i plus (max) or minus
    (min) a fresh nonnegative symbol; extrema that do not qualify are left as they are."""
    subs = {}
    for k, ext in enumerate(sorted(body.atoms(*OVER), key=sp.default_sort_key)):
        (j, lo2, hi2), = ext.limits
        inside = _covers(lo2, hi2, lo, hi)
        # i in the extremum's term is fine (min_j (x_j + y_i) <= x_i + y_i for each i); in its range it is not
        if i in (lo2.free_symbols | hi2.free_symbols) or not inside or ext.function.has(*OVER):
            continue
        subs[ext] = bound_at(ext, i, f"_gap{k}")
    return body.xreplace(subs) if subs else body


def _covers(lo2, hi2, lo, hi) -> bool:
    """lo2..hi2 contains lo..hi (SymPy shows both ends)."""
    return (sp.sympify(lo) - lo2).is_nonnegative is True and (hi2 - sp.sympify(hi)).is_nonnegative is True


def sums_at(body, i, lo, hi):
    """body with each sum of terms SymPy shows nonnegative, over a range that contains lo..hi and not inside another
    binder of body, replaced by its term at i plus a fresh nonnegative symbol: for every i of lo..hi the sum is
    that term plus the others, and they are >= 0 (w_k / sum_j w_j <= 1). A sum under another binder takes one value
    per index of that binder, which one symbol would not cover; it is left as it is."""
    bound, subs = bound_symbols(body), {}
    for k, s in enumerate(sorted(body.atoms(sp.Sum), key=sp.default_sort_key)):
        if len(s.limits) != 1 or s.free_symbols & bound or s.function.is_nonnegative is not True:
            continue
        (j, lo2, hi2), = s.limits
        if _covers(lo2, hi2, lo, hi) and i not in (lo2.free_symbols | hi2.free_symbols):
            subs[s] = s.function.xreplace({j: i}) + sp.Symbol(f"_rest{k}", nonnegative=True)
    return body.xreplace(subs) if subs else body


def bound_at(ext, i, gap_name: str = "_gap"):
    """The extremum as its term at i plus (a max) or minus (a min) a fresh gap >= 0: every value it can take when
    i is in its range. "_": a name the reader never gives."""
    (j, _, _), = ext.limits
    at_i, gap = ext.function.xreplace({j: i}), sp.Symbol(gap_name, nonnegative=True)
    return at_i + gap if isinstance(ext, MaxOver) else at_i - gap


def scalar_form(term, assumptions: Assumptions):
    """(term, assumptions) with every inner product and family member a fresh variable carrying what is declared
    of it, or None when a sum, product or extremum is left (the term is not a statement about numbers)."""
    fresh = assumptions.merged(Assumptions())  # a copy: the fresh variables' domains are added to it
    # Z3 knows variables by name: every new variable gets its own
    subs = {d: sp.Symbol(f"_{d.name}{k}", **d.assumptions0) for k, d in
            enumerate(sorted((x for x in term.free_symbols if isinstance(x, sp.Dummy)), key=sp.default_sort_key))}
    term = term.xreplace(subs)
    term = expand_inner(term)  # ||c_i a_i|| = |c_i| ||a_i||: the scalars out of the inner products first
    subs = {}
    for g in sorted(term.atoms(Inner), key=sp.default_sort_key):
        subs[g] = sp.Symbol(f"_inner{len(subs)}", **({"nonnegative": True} if g.args[0] == g.args[1] else
                                                      {"real": True}))
    term = term.xreplace(subs)
    bound = bound_symbols(term)  # a sum inside another binder takes one value per index: left as it is
    means = [s for s in term.atoms(sp.Sum) if not (s.free_symbols & bound)]
    term = term.xreplace({s: m for k, s in enumerate(sorted(means, key=sp.default_sort_key))
                          if (m := _as_mean(s, k, assumptions, fresh)) is not None})
    subs = {}
    for a in sorted(term.atoms(sp.Indexed), key=sp.default_sort_key):
        names = assumptions.family_names(str(a.base.label), a.indices)
        props = {p: True for p in SIGNS if getattr(a, f"is_{p}") is True}
        props.update(assumptions.properties(names))
        s = sp.Symbol(f"_{a.base.label}_at{len(subs)}", **props)
        for n in names:  # the member's domain: every declaration of its family
            if n in assumptions.props:
                fresh.props.setdefault(s.name, set()).update(assumptions.props[n])
            if n in assumptions.ranges:
                fresh.restrict_range(s.name, *assumptions.ranges[n])
            if n in assumptions.sets:
                fresh.restrict_set(s.name, assumptions.sets[n])
        subs[a] = s
    term = term.xreplace(subs)
    if term.has(sp.Sum, sp.Product, sp.Indexed, Inner, *OVER):
        return None
    return term, fresh


def _as_mean(s: sp.Sum, k: int, assumptions: Assumptions, fresh: Assumptions):
    """sum_{i=lo}^{hi} x_{..i..} over a proper range as N u, N = hi - lo + 1 its number of terms and u their mean: a
    fresh variable in the hull of the family's declared domain (a set's least to its largest value), or None. For
    N = 0 the sum is 0 = 0 u. The mean keeps the family's bounds, not its being an integer or nonzero."""
    (_, lo, hi), a = s.limits[0], s.function
    if len(s.limits) != 1 or not isinstance(a, sp.Indexed) or not nonnegative(hi - lo + 1):
        return None
    label = a.base.label
    d = domain_of(label, assumptions, names=assumptions.family_names(str(label), a.indices))
    u = sp.Symbol(f"_mean{k}", real=True)
    if d.values is not None:
        fresh.restrict_range(u.name, min(d.values), max(d.values), False, False)
    elif d.lo is not None or d.hi is not None:
        fresh.restrict_range(u.name, d.lo, d.hi, d.lo_open, d.hi_open)
    return (hi - lo + 1) * u


def _without_positive_factors(term):
    """term's sign is that of what is left once factors SymPy shows positive (1/n, e^x) are dropped."""
    if not isinstance(term, sp.Mul):
        return term
    kept = [f for f in term.args if f.is_positive is not True]
    return sp.Mul(*kept) if kept else sp.Integer(1)


def proved(term, prop: str, assumptions: Assumptions) -> str | None:
    """How term (one term of a sum, at a generic index) is shown `prop` (nonnegative or positive) for every value
    of its family members and inner products, or None."""
    if prop not in ("nonnegative", "positive"):
        return None
    term = sp.sympify(term)
    key = (term, prop, tuple(assumptions.describe()))
    if key not in _SHOWN:
        if len(_SHOWN) > CACHE_SIZE:
            _SHOWN.clear()
        _SHOWN[key] = _proved(term, prop, assumptions)
    return _SHOWN[key]


CACHE_SIZE = 512
_SHOWN: dict = {}  # (term, prop, assumptions described) -> how, or None


def _proved(term, prop: str, assumptions: Assumptions) -> str | None:
    form = scalar_form(term, assumptions)
    if form is None:
        return None
    term, fresh = form
    term = _without_positive_factors(term)
    rel = "<" if prop == "positive" else "<="
    if _fails_somewhere(term, rel, fresh):
        return None  # the provers would spend their time on a false statement
    try:
        if prop == "nonnegative" and sp.count_ops(term) <= MAX_SIMPLIFY_OPS and sp.simplify(exp_form(term)) == 0:
            how = "SymPy (the term simplifies to 0, sigma written with exp)"
        else:
            how = obligations.prove(sp.Integer(0), rel, term, fresh, thorough=False)
        if how is None:
            out = transcendental.decide(Problem(sp.Integer(0), rel, term, fresh))
            how = out.method if out is not None and out.verdict == "proved" else None
        ranged = None if how is not None else obligations.powers_as_numbers(sp.Integer(0), term, fresh)
        if ranged is not None:
            how = obligations.prove(ranged[0], rel, ranged[1], ranged[2], thorough=False)
            how = how and f"each power with a symbolic exponent >= 0 as a number of its range, {ranged[3]}: {how}"
    except Exception:  # SymPy or Z3 failed on the form: not shown this way
        return None
    return None if how is None else f"with each family member and inner product a number: {how}"


PLAIN_POINTS = 12


def _fails_somewhere(term, rel: str, assumptions: Assumptions) -> bool:
    """0 REL term is false at one of a few plain points of its variables' domains: the counterexample search's
    special values, patterns and seeded random points, each judged exactly, without its optimiser."""
    try:
        found, _ = counterexamples.search(sp.Integer(0), rel, term, assumptions, points=PLAIN_POINTS, seed=0,
                                          optimise=False, grid=PLAIN_POINTS)
    except Exception:  # no point can be put into the term: no reason to doubt it
        return False
    return found is not None


MAX_CASES = 64


def cases(term, assumptions: Assumptions):
    """The term with each family declared in a finite set replaced by each of its values (all combinations), or the
    term alone; None when there are too many combinations."""
    finite = []
    for a in sorted(term.atoms(sp.Indexed), key=str):
        label = a.base.label
        d = domain_of(label, assumptions, names=assumptions.family_names(str(label), a.indices))
        if d.values is not None:
            finite.append((a, [sp.Rational(v.numerator, v.denominator) for v in d.values]))
    combos = list(itertools.product(*[values for _, values in finite]))
    if len(combos) > MAX_CASES:
        return None
    return [term.xreplace({a: v for (a, _), v in zip(finite, combo)}) for combo in combos]


def index_in_range(e, lo, hi, assumptions: Assumptions):
    """A symbol of e that is an integer (by SymPy or by declaration) shown in lo..hi (SymPy, else Z3 with the
    declared ranges: a free index j in 1..n), or None: the term of a sum over that range that e names."""
    for j in sorted((x for x in e.free_symbols if x.is_integer or domain_of(x, assumptions).integer),
                    key=sp.default_sort_key):
        if obligations.in_range(j, lo, hi, assumptions):
            return j
    return None
