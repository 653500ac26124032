"""Sums over a symbolic range as the lemma library sees them: a normal form, facts about their terms, and sums
compared term by term or replaced by symbols.

* `normal`: every sum with the factors that do not depend on its index written in front of it
  (sum_i c x_i = c sum_i x_i), so that a lemma's pattern meets one sum however the constant was placed.
* `termwise`: sum_i f_i <= sum_i g_i (or =) over one range, shown for every term (sums are monotone and linear).

What is known of a sum's terms and sign (`term_holds`, `proper_range`, `sign`, `abstracted`) is `sum_signs`.
"""

from __future__ import annotations

import functools

import sympy as sp

from derivcheck.deciders import general_term, gram_terms, obligations
from derivcheck.deciders.sum_signs import SHIFT, at_index, holds, nonempty_range, positive, proper_range
from derivcheck.deciders.vector_form import bound_symbols, distribute
from derivcheck.functions import OVER, MaxOver, pulled, scaled_out
from derivcheck.reader.declarations import Assumptions

MAX_EXTREMA = 3  # extrema compared through their terms in one step (each tried as the one attained)


def normal(e):
    """Each sum and extremum with its index-free factors (and an extremum its index-free terms) in front; nested
    sums from the inside out."""
    e = sp.sympify(e)
    if e.has(*OVER):  # min_j (x_j + y_i) = y_i + min_j x_j: the sum over i then meets one extremum
        e = e.replace(lambda x: isinstance(x, OVER), pulled)
    if e.has(sp.Max, sp.Min):  # max{0, c w_j x} = c max{0, w_j x} (c > 0): then out of the sum over j too
        e = e.replace(lambda x: isinstance(x, (sp.Max, sp.Min)), scaled_out)
    if not e.has(sp.Sum):
        return e
    return e.replace(lambda x: isinstance(x, sp.Sum) and len(x.limits) == 1, _pull)


def linearize(e):
    """Each sum's term expanded and the sum split over its terms, index-free factors in front:
    sum_i (x_i - c)^2 = sum_i x_i^2 - 2c sum_i x_i + n c^2 (linearity of sums, over a proper range)."""
    def split(s):
        (i, lo, hi), body = s.limits[0], s.function
        if not isinstance(s, sp.Sum) or not proper_range(lo, hi):
            return s
        return sp.Add(*[_pull(sp.Sum(t, (i, lo, hi))) for t in sp.Add.make_args(sp.expand(body))])

    return sp.sympify(e).replace(lambda x: isinstance(x, sp.Sum) and len(x.limits) == 1, split)


def _pull(s):
    (i, lo, hi), body = s.limits[0], s.function
    if isinstance(s, sp.Sum) and not body.has(i) and proper_range(lo, hi):
        return (hi - lo + 1) * body  # sum_i c = (hi - lo + 1) c, also for a c SymPy does not sum (<c, c>)
    if isinstance(s, sp.Sum) and body.has(sp.log):
        body = sp.expand_log(body)  # log(n x_i) = log n + log x_i where both are positive (SymPy checks)
        s = sp.Sum(body, (i, lo, hi))
    if isinstance(s, sp.Sum) and body.is_Add and proper_range(lo, hi):
        fixed = [a for a in body.args if not a.has(i)]
        if fixed:  # sum_i (c + f_i) = (hi - lo + 1) c + sum_i f_i
            rest = sp.Add(*[a for a in body.args if a.has(i)])
            return (hi - lo + 1) * sp.Add(*fixed) + _pull(sp.Sum(rest, (i, lo, hi)))
    if body.is_Mul:
        outside = [f for f in body.args if not f.has(i)]
        if outside:
            inside = sp.Mul(*[f for f in body.args if f.has(i)])
            return sp.Mul(*outside) * _closed(sp.Sum(inside, (i, lo, hi)))
    return _closed(s)


@functools.lru_cache(maxsize=1024)
def _closed(s):
    """A sum of a polynomial in its index in closed form (sum_i 1 = n, sum_i i = n(n+1)/2); a rational term in
    partial fractions (1/(k(k-1)) = 1/(k-1) - 1/k, which the telescoping lemma then meets); any other sum whole: a
    harmonic number, a zeta value or a Piecewise would hide it from the lemmas."""
    (i, lo, hi), body = s.limits[0], s.function
    if not isinstance(s, sp.Sum) or not body.is_rational_function(i) or body.atoms(sp.Indexed, sp.Function):
        return s
    if not body.is_polynomial(i):
        try:
            return sp.Sum(sp.apart(body, i), (i, lo, hi))
        except Exception:  # not a rational function SymPy can split: keep the sum
            return s
    if not proper_range(lo, hi):
        return s
    try:
        value = s.doit()
    except Exception:  # SymPy cannot sum it: keep the sum
        return s
    return value if not (value.has(sp.Sum, sp.Piecewise) or value.atoms(sp.Function)) else s


def termwise(lhs, rel: str, rhs, assumptions: Assumptions | None = None, general: bool = True,
             transform: bool = True) -> str | None:
    """lhs REL rhs (REL one of <=, <, =) when rhs - lhs is one sum over a proper range of terms that are all >= 0
    (> 0 on a nonempty range for <; = 0 for =), after the sums with the same range are combined. A family declared
    in a finite set (y_i in {-1, 1}) is taken value by value.

    general: also the general term proved by the scalar provers (`general_term`, each extremum over the range at
    least or at most its term there), one term against a sum of nonnegative terms (`attained_term`) and extrema
    compared through their terms (`extrema_by_terms`). Without it only the terms' signs count (SymPy): the lemma
    library runs it so first, so that a step a named lemma proves is shown with that lemma's name."""
    assumptions = assumptions or Assumptions()
    if general:  # <theta, sum_i lambda_i a_i> = sum_i lambda_i <theta, a_i>: a sum to compare term by term
        lhs, rhs = distribute(sp.sympify(lhs)), distribute(sp.sympify(rhs))
    how = _termwise(lhs, rel, rhs, assumptions, general)
    if how is None and general and rel == "<=":  # one term against a sum: below one of nonnegative terms, or a sum
        how = attained_term(lhs, rhs, assumptions) or attained_term(-rhs, -lhs, assumptions)  # of nonpositive ones
    if how is None and general and rel in ("<=", "<"):
        how = extrema_by_terms(lhs, rel, rhs, assumptions)
    if how is None and general and transform and rel in ("<=", "<"):
        how = _transformed(lhs, rel, rhs, assumptions)
    return how


def _transformed(lhs, rel: str, rhs, assumptions: Assumptions) -> str | None:
    """The step through an increasing map that removes a root or a logarithm, then term by term: squared when the
    right side is >= 0 (|lhs| <= rhs follows from lhs^2 <= rhs^2; sqrt(sum_i x_i^2) <= sqrt(n) max_i |x_i|),
    exponentiated when a side has a logarithm (max_i z_i <= log sum_i e^{z_i} is e^{max_i z_i} <= sum_i e^{z_i})."""
    lhs, rhs = sp.sympify(lhs), sp.sympify(rhs)
    tries = []
    if sp.Tuple(lhs, rhs).atoms(sp.Pow) and any(x.exp == sp.S.Half for x in sp.Tuple(lhs, rhs).atoms(sp.Pow)) and (
            obligations.holds(rhs, "nonnegative")):
        tries.append(("both sides squared (the right side is >= 0)", sp.expand(lhs ** 2), sp.expand(rhs ** 2)))
    if sp.Tuple(lhs, rhs).has(sp.log) and lhs.is_real is not False and rhs.is_real is not False:
        up = sp.expand_log(sp.exp(lhs), force=False), sp.expand_log(sp.exp(rhs), force=False)
        tries.append(("both sides exponentiated", *up))
        if (cleared := _cleared(*up, assumptions)) is not None:  # z_j - log sum_i e^{z_i} <= 0: e^{z_j} <= the sum
            tries.append(("both sides exponentiated and multiplied by the denominators (sums known positive)",
                          *cleared))
    cleared = _cleared(lhs, rhs, assumptions)
    if cleared is not None:
        tries.append(("both sides multiplied by the denominators (sums known positive)", *cleared))
    weakened = _log_weakened(lhs, rhs)
    if weakened is not None:  # log(mean_i e^{lambda g_i}) <= lambda mean_i g_i + lambda^2 through e^x <= 1 + x + x^2
        tries.append(("log x <= x - 1 at each logarithm of a sum", *weakened))
        if (cleared := _cleared(*weakened, assumptions)) is not None:
            tries.append(("log x <= x - 1 at each logarithm of a sum, then both sides multiplied by the denominators "
                          "(sums known positive)", *cleared))
    for how, left, right in tries:
        out = termwise(left, rel, right, assumptions, transform=False)
        if out is not None:
            return f"{how}, then {out}"
    return None


def _log_weakened(lhs, rhs):
    """(lhs', rhs') with lhs' >= lhs and rhs' <= rhs: each logarithm of a sum that lhs adds with a positive
    coefficient, or rhs with a negative one, replaced by its argument minus 1 (log x <= x - 1 for x > 0, where the
    step is defined), so lhs' <= rhs' is sufficient; None when there is none (Hedge's potential step)."""
    def weakened(side, sign):
        out, changed = [], False
        for term in sp.Add.make_args(side):
            c, rest = term.as_independent(sp.log, as_Add=False)
            if isinstance(rest, sp.log) and rest.args[0].has(sp.Sum) and (sign * c).is_positive:
                out.append(c * (rest.args[0] - 1))
                changed = True
            else:
                out.append(term)
        return sp.Add(*out), changed
    (left, a), (right, b) = weakened(sp.sympify(lhs), 1), weakened(sp.sympify(rhs), -1)
    return (left, right) if a or b else None


def _cleared(lhs, rhs, assumptions: Assumptions):
    """(lhs D_r, rhs D_l) for sides N_l / D_l and N_r / D_r whose denominators hold a sum and are products of sums
    (and their powers) known positive and of numbers SymPy shows positive: a weighted average against a bound. A
    sum is positive when SymPy shows it or its range is nonempty (Z3 with the declared ranges) and its terms positive
    (`general_term`: e^{z_j} / sum_i e^{z_i} with j in 1..n)."""
    (num_l, den_l), (num_r, den_r) = sp.fraction(sp.together(lhs)), sp.fraction(sp.together(rhs))
    factors = [f.base if f.is_Pow and f.exp.is_Integer else f for f in sp.Mul.make_args(den_l * den_r)]
    if not any(isinstance(f, sp.Sum) for f in factors) or not all(
            f.is_positive or (isinstance(f, sp.Sum) and positive(f, assumptions)) for f in factors):
        return None
    powers = [dict(f.as_base_exp() for f in sp.Mul.make_args(d)) for d in (den_l, den_r)]
    common = sp.Mul(*[b ** min(e, powers[1][b]) for b, e in powers[0].items()  # only what both sides divide by
                      if b in powers[1] and e.is_Integer and powers[1][b].is_Integer and min(e, powers[1][b]) > 0])
    return num_l * den_r / common, num_r * den_l / common


def extrema_by_terms(lhs, rel: str, rhs, assumptions: Assumptions) -> str | None:
    """lhs REL rhs (<= or <) without sums, with up to MAX_EXTREMA extrema: every extremum is one of its terms. With
    one, it is its term at the index i* where it is attained. With more, one of them is its term at its i* and each
    other is at least (a max) or at most (a min) its own term there, that term plus or minus a gap >= 0 of its own,
    which needs the other's range to contain the first one's; each choice of the first is tried. The step then
    holds when it holds with those terms at every index i (and every gap): gamma := min_i y_i theta^T a_i <=
    ||theta|| min_i ||a_i|| from y_i theta^T a_i - gap <= ||theta|| ||a_i||; max_i f_i <= max_i g_i from f_i <= g_i
    + gap; min_i p_i + min_i q_i <= min_i (p_i + q_i) from p_i - gap_1 + q_i - gap_2 <= p_i + q_i."""
    lhs, rhs = sp.sympify(lhs), sp.sympify(rhs)
    if sp.Tuple(lhs, rhs).has(sp.Sum, sp.Product):
        return None
    extrema = sorted(lhs.atoms(*OVER) | rhs.atoms(*OVER), key=sp.default_sort_key)
    if not extrema or len(extrema) > MAX_EXTREMA or any(e.function.has(*OVER) for e in extrema):
        return None
    for attained in extrema:
        how = _through_terms(lhs, rel, rhs, attained, [e for e in extrema if e != attained], assumptions)
        if how is not None:
            return how
    return None


def _through_terms(lhs, rel, rhs, attained, others, assumptions: Assumptions) -> str | None:
    """The step with `attained` its term at its i* (every i of its range) and each of `others` its own term there
    plus (max) or minus (min) a gap of its own."""
    i = sp.Dummy("i", integer=True)
    (j, lo, hi), = attained.limits
    if not nonempty_range(lo, hi) or i in sp.Tuple(lhs, rhs).free_symbols:
        return None
    subs = {attained: attained.function.xreplace({j: i})}
    for k, other in enumerate(others):
        (j2, lo2, hi2), = other.limits
        if (lo - lo2).is_nonnegative is not True or (hi2 - hi).is_nonnegative is not True:
            return None  # i* may lie outside the other's range
        subs[other] = general_term.bound_at(other, i, f"_gap{k}" if k else "_gap")
    prop = "positive" if rel == "<" else "nonnegative"
    cases = general_term.cases(at_index(rhs.xreplace(subs) - lhs.xreplace(subs), i, lo), assumptions)
    if cases is None or not all(_is(c, prop) or general_term.proved(c, prop, assumptions) for c in cases):
        return None
    return ("each extremum is one of its terms (" + ("one where it is attained, the others at least or at most their "
            "terms there" if others else "its term where it is attained") +
            "), and the step holds with those terms at every index")


def attained_term(lhs, rhs, assumptions: Assumptions) -> str | None:
    """lhs <= c sum_{i=lo}^{hi} t_i when lhs holds one extremum E = max (or min) of s_j over a nonempty part of the
    sum's range (or c does), c >= 0, every t_i >= 0, and lhs with E replaced by s_i is at most c t_i (E replaced
    there too) for every i: E is s_{i*} at some i* of the range, so lhs <= c t_{i*} <= c sum_i t_i. This is the loss
    against its smallest margin, (1/n) log(1 + e^{-min_i m_i}) <= (1/n) sum_i log(1 + e^{-m_i}). Without an
    extremum, the same for an index j that lhs or c names and that lies in the range (x_j <= sum_i x_i for x_i >= 0,
    j in 1..n): lhs and c at j = i for every i."""
    lhs, rhs = normal(sp.sympify(lhs)), normal(sp.sympify(rhs))
    found = [f for f in sp.Mul.make_args(rhs) if isinstance(f, sp.Sum) and len(f.limits) == 1]
    if lhs.has(sp.Sum, sp.Product) or len(found) != 1:
        return None
    (i, lo, hi), t = found[0].limits[0], found[0].function
    c = rhs / found[0]
    if c.is_nonpositive is True:  # -sum_i t_i: the sum of the terms -t_i
        c, t = -c, -t
    extrema = lhs.atoms(*OVER) | c.atoms(*OVER)  # in c too: x_i <= e^{eta(min_j L_j - L_i)} sum_j e^{-eta L_j} ...
    if len(extrema) > 1:
        return None
    if extrema:
        (ext,), ((j, lo2, hi2),) = extrema, next(iter(extrema)).limits
        inside = (lo2 - lo).is_nonnegative is True and (hi - hi2).is_nonnegative is True and nonempty_range(lo2, hi2)
        s_i, nested = ext.function.xreplace({j: i}), ext.function.has(*OVER)
        at_i, c_at = lhs.xreplace({ext: s_i}), c.xreplace({ext: s_i})  # ... holds at i*, c's E its term there too
    else:
        j = general_term.index_in_range(lhs + c, lo, hi, assumptions)  # named by lhs or c: 1 <= e^{-z_k} sum_i e^{z_i}
        inside, nested = j is not None and i not in lhs.free_symbols, False
        at_i, c_at = lhs.xreplace({j: i}), c.xreplace({j: i})
    if not inside or c.has(sp.Sum) or i in c.free_symbols or i in lhs.free_symbols or c.is_nonnegative is not True \
            or nested:
        return None
    claims = []
    for term in (t, c_at * t - at_i):
        cases = general_term.cases(at_index(term, i, lo), assumptions)
        if cases is None:
            return None
        claims += cases
    for claim in claims:
        if not (_is(claim, "nonnegative") or general_term.proved(claim, "nonnegative", assumptions)):
            return None
    if not extrema:
        return (f"a sum of nonnegative terms is at least its term at {j} (in the range), and the step holds at every "
                "term")
    word = "maximum" if isinstance(ext, MaxOver) else "minimum"
    return f"a sum of nonnegative terms is at least its term where the {word} is attained, and the step holds at every term"


def _termwise(lhs, rel: str, rhs, assumptions: Assumptions, general: bool) -> str | None:
    diff = normal(sp.sympify(rhs) - sp.sympify(lhs))
    if diff == 0 and rel in ("=", "<=") and sp.Tuple(lhs, rhs).has(sp.Sum):
        both = sp.sympify(lhs).has(sp.Sum) and sp.sympify(rhs).has(sp.Sum)
        return "the sums are the same" if both else "the sum in closed form (SymPy) is the other side"
    combined = _combine(diff)
    if combined is None:
        return None
    i, lo, hi, body = combined
    if not proper_range(lo, hi) or (rel == "<" and not nonempty_range(lo, hi)):
        return None
    prop = {"=": "zero", "<": "positive", "<=": "nonnegative"}[rel]
    try:
        cases = general_term.cases(at_index(body, i, lo), assumptions)
    except ValueError:  # an extremum over i in front of the sum: its bound i cannot take the value lo + j
        cases = None
    if cases is not None and all(_is(term, prop) for term in cases):
        how = f"every term of the difference is {'0' if prop == 'zero' else prop}"
        return how + (f" (for each of the {len(cases)} values of the finite sets)" if len(cases) > 1 else "")
    if not general:
        return None
    # the general term as a statement about numbers, each extremum over the range at least (most) its term there
    cases, shown = _general(general_term.extrema_at(body, i, lo, hi), i, lo, prop, assumptions)
    extrema = ", each extremum over the range taken as at least (a max) or at most (a min) its term there" if (
        body.has(*OVER)) else ""
    # then each sum of nonnegative terms over the range as at least its term there
    if (not shown or None in shown) and (at := general_term.sums_at(body, i, lo, hi)) != body:
        cases, shown = _general(general_term.extrema_at(at, i, lo, hi), i, lo, prop, assumptions)
        extrema += ", each sum of nonnegative terms over the range taken as at least its term there"
    if not shown or None in shown:
        return _bounded(body, i, lo, hi, prop, assumptions)
    return (f"every term of the difference is {prop}{extrema}, {shown[0]}" +
            (f" (for each of the {len(cases)} values of the finite sets)" if len(cases) > 1 else ""))


def _general(body, i, lo, prop: str, assumptions: Assumptions):
    """The cases of the term at a generic index and how each is shown `prop` (None where it is not)."""
    try:
        cases = general_term.cases(at_index(body, i, lo), assumptions)
    except ValueError:  # an extremum left with i bound in it
        return None, None
    return cases, [("by the signs of its parts (SymPy)" if _is(term, prop) else
                    general_term.proved(term, prop, assumptions) or _inner_sum(term, prop, assumptions))
                   for term in cases or ()]


def _bounded(body, i, lo, hi, prop: str, assumptions: Assumptions) -> str | None:
    """The general term shown for i = lo + (hi - lo) u with u a real in [0, 1]: every index of the range, and more,
    so its upper end counts too (1/k - 1/(2n) >= 0 for k in n+1..2n, which fails for k past 2n)."""
    if prop == "zero" or hi.has(sp.oo) or lo.has(sp.oo) or body.has(sp.Sum, *OVER):
        return None
    u = sp.Symbol("_u_index", real=True)
    within = assumptions.merged(Assumptions())
    within.restrict_range(u.name, 0, 1, False, False)
    cases = general_term.cases(body.xreplace({i: lo + (hi - lo) * u}), within)
    shown = [general_term.proved(term, prop, within) for term in cases or ()]
    if not shown or None in shown:
        return None
    return f"every term of the difference is {prop} (at the index {lo} + ({hi - lo}) u, u in [0, 1]), {shown[0]}"


def _inner_sum(term, prop: str, assumptions: Assumptions) -> str | None:
    """A term that holds a sum of its own (a double sum's inner sum against its share of n T), compared with 0 term
    by term in turn: each level of sums is taken apart once."""
    if not term.has(sp.Sum) or prop == "zero":
        return None
    # the outer index is lo + SHIFT: the inner one is written with SHIFT too, so the outer becomes a variable of its own
    # (with the same _J, the inner term at j = i would be taken for every term: <a_i, a_i> - <a_i, a_j> "= 0")
    outer = term.xreplace({SHIFT: sp.Dummy("j_outer", integer=True, nonnegative=True)})
    how = termwise(sp.Integer(0), "<" if prop == "positive" else "<=", outer, assumptions, transform=False)
    return how and f"each inner sum term by term: {how}"


def _is(term, prop: str) -> bool:
    if prop != "zero":
        return holds(term, prop) or gram_terms.holds_for_every_gram(term, prop)
    try:
        return term == 0 or sp.simplify(term) == 0
    except Exception:  # SymPy could not simplify it: not shown
        return False


def summands(e) -> tuple:
    """e's terms once each product with a sum of terms in it is multiplied out, one level down: -(a + b)/(2n) is
    -a/(2n) and -b/(2n) (SymPy's expand with deep=False leaves the arguments of a top-level sum alone), the sums
    and other functions inside left as they are."""
    return tuple(u for t in sp.Add.make_args(e) for u in sp.Add.make_args(sp.expand(t, deep=False, mul=True)))


def _combine(diff):
    """(index, lo, hi, body) when diff is a combination c_1 sum f_1 + c_2 sum f_2 + ... + c_0 over one range (the
    coefficients free of the index; a term c_0 without a sum is the sum of c_0 / N over N >= 1 terms), else None."""
    terms, loose = [], []
    for t in summands(diff):
        coeff, found = [], []
        for f in sp.Mul.make_args(t):
            (found if isinstance(f, sp.Sum) else coeff).append(f)
        if len(found) > 1 or (not found and t.has(sp.Sum)):
            return None
        (terms.append((sp.Mul(*coeff), found[0])) if found else loose.append(t))
    if not terms:
        return None
    i, lo, hi = terms[0][1].limits[-1]  # a sum over several indices: its outermost, the rest is its term
    if loose and not nonempty_range(lo, hi):
        return None
    body = [sp.Add(*loose) / (hi - lo + 1)] if loose else []
    for c, s in terms:
        j, lo2, hi2 = s.limits[-1]
        term = sp.Sum(s.function, *s.limits[:-1]) if len(s.limits) > 1 else s.function
        # free occurrences only: max_i ||a_i|| in front of a sum over i does not depend on the sum's i
        if sp.simplify(lo2 - lo) != 0 or sp.simplify(hi2 - hi) != 0 or {i, j} & c.free_symbols or (
                j != i and i in bound_symbols(term)):  # renaming j to i would capture an inner sum's i
            return None
        body.append(c * term.xreplace({j: i}))
    if any(i in b.free_symbols for b in body[:1] if loose):
        return None
    return i, lo, hi, sp.Add(*body)
