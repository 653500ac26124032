"""The verdict at one point: `judge` decides whether a relation holds at exact values of its variables.

It never uses a tolerance: exact rationals where the values are rational, Arb balls otherwise (a sign is decided
when the ball excludes 0, at up to 2048 bits), and an exact zero test where the ball cannot exclude 0. An exact
zero difference refutes a strict inequality; a value that is infinite, or undefined on one side only, is a
counterexample. Where none of these decides, the point has no verdict (None), never a guessed one.

Which points to judge is `counterexamples`' business; the complete procedures (Z3, finite cases, Arb branch and
bound) are in `procedures`.
"""

from __future__ import annotations

import sympy as sp

from derivcheck.deciders.arb_eval import Undefined, Unresolved, evaluate
from derivcheck.deciders.problem import Outcome
from derivcheck.functions import OVER

PRECISIONS = (128, 512, 2048)
INNER_VALUES = 2000  # an outer index's values at which inner ranges are checked, at most
NOT_EVALUATED = "SymPy could not evaluate"  # the note of a point where SymPy raised (the search counts them)
UNEVALUATED = (sp.Limit, sp.Sum, sp.Product, sp.Derivative, sp.Integral, *OVER)


def _value(expr, subs: dict):
    """(kind, value): kind 'exact' (Rational or +-oo), 'const' (a closed-form real constant), 'undefined'."""
    try:
        v = expr.xreplace(subs)
        if v.has(sp.Indexed):  # Delta[T] is Delta[1] once T is 1: its value is substituted in a second pass
            v = v.xreplace(subs)
    except (ValueError, TypeError) as exc:  # e.g. a derivative with respect to a substituted variable
        why = next(iter(str(exc).strip().splitlines()), type(exc).__name__)  # SymPy's text may start with "\n"
        raise Unresolved(f"cannot substitute the point ({why})") from None
    if v.has(sp.Limit, sp.Sum, sp.Product, sp.Derivative, *OVER):
        off = _off_range(v)
        if off is not None:
            raise Unresolved(off)
        try:
            if v.has(sp.Sum, sp.Product, *OVER) and v.atoms(sp.Limit) and all(
                    lim.args[2].is_finite or not lim.args[0].has(sp.Sum, sp.Product) for lim in v.atoms(sp.Limit)):
                # the members' values in first: a limit of numbers (SymPy's limit of e^{beta z_j} over a sum of
                # symbols z_i raised NotImplementedError); not a sum's limit at infinity (log sum_i e^{beta z_i} /
                # beta at 12 rational z_i grew past 20 GB in SymPy's gruntz)
                v = _deferred(v.replace(lambda x: isinstance(x, (sp.Sum, sp.Product, *OVER)), lambda x: x.doit()))
                v = _restored(v.xreplace(subs), lambda x: not x.free_symbols)
                v = _restored(v.replace(lambda x: isinstance(x, sp.Limit), _limit_through_extremum))
            if v.has(sp.Indexed) and not v.has(sp.Limit, sp.Derivative):  # the members' values in each term: SymPy
                v = _written_out(v, subs)  # expands a square of sums of symbolic members first, seconds per point
            v = v.doit()
            if v.has(sp.Sum, sp.Product):  # an inner range of the outer index (j < i): SymPy sought a closed form
                v = unrolled(v).doit()
        except Unresolved:
            raise
        except Exception as exc:  # SymPy cannot evaluate it here: no value to judge
            raise Unresolved(f"{NOT_EVALUATED} ({type(exc).__name__})") from None
        if v.has(sp.Limit, sp.Sum, sp.Product, sp.Derivative, *OVER):
            raise Unresolved("SymPy left a limit, sum or derivative unevaluated")
        v = v.xreplace(subs)  # the indexed values (y_1, y_2, ...) appear only once the sums are expanded
    if v.has(sp.nan, sp.zoo) or v.has(sp.I):
        return "undefined", v
    if v in (sp.oo, -sp.oo) or v.is_Rational:
        return "exact", v
    if v.free_symbols:
        raise Unresolved(f"free symbols left: {sorted(map(str, v.free_symbols))}")
    return "const", v


UNROLLED_TERMS = 20000  # terms written out at one point, at most


def unrolled(v, budget: list | None = None):
    """v with each sum and product over a range of numbers written out term by term, the outermost index first, so
    that an inner range of it (sum_{i=1}^{3} sum_{j=1}^{i-1} |s_i - s_j|) is a range of numbers in each term. SymPy's
    doit leaves such a sum whole when the inner one has no closed form. An empty range (j from 1 to 0) is the empty
    sum or product, as a paper means it; a range running further back has no value here."""
    budget = [UNROLLED_TERMS] if budget is None else budget
    if isinstance(v, (sp.Sum, sp.Product)):
        k, lo, hi = v.limits[-1]
        if lo.is_Integer and hi.is_Integer:
            if hi < lo - 1:
                raise Unresolved(f"a range from {lo} to {hi} runs backwards")
            budget[0] -= int(hi - lo + 1)
            if budget[0] < 0:
                raise Unresolved(f"more than {UNROLLED_TERMS} terms to write out at this point")
            inner = type(v)(v.function, *v.limits[:-1]) if len(v.limits) > 1 else v.function
            terms = [unrolled(_at(inner, k, sp.Integer(m)), budget) for m in range(int(lo), int(hi) + 1)]
            return sp.Add(*terms) if isinstance(v, sp.Sum) else sp.Mul(*terms)
        return v
    if not v.args or not v.has(sp.Sum, sp.Product):
        return v
    return v.func(*[unrolled(a, budget) for a in v.args])


def _at(e, k, m):
    """e with k = m where k is free: an inner sum over an index of the same name keeps its own (xreplace would put m
    in its limits too)."""
    shadowed = any(k in (lim[0] for lim in x.limits) for x in e.atoms(sp.Sum, sp.Product, *OVER))
    return e.subs(k, m) if shadowed else e.xreplace({k: m})


def _written_out(v, subs: dict):
    """v with its sums over ranges of numbers written out and the point's members substituted, or v as it was where
    that would take more than UNROLLED_TERMS terms or a range runs backwards (then SymPy's doit, as before)."""
    try:
        return unrolled(v).xreplace(subs)
    except Unresolved:
        return v


class _DeferredMin(sp.Function):
    """min of its arguments, not evaluated: SymPy's Min compares symbolic arguments pairwise under the assumptions,
    about 50 ms for four terms linear in the limit variable, again at each rebuild (each substitution)."""


class _DeferredMax(sp.Function):
    """max of its arguments, not evaluated (see _DeferredMin)."""


DEFERRED = {_DeferredMin: sp.Min, _DeferredMax: sp.Max}
EXTREMA = (sp.Min, sp.Max, _DeferredMin, _DeferredMax)


def _deferred(v):
    """v with each Min or Max of symbolic arguments deferred: the same values once they are restored."""
    return v.replace(lambda x: isinstance(x, (sp.Min, sp.Max)) and bool(x.free_symbols),
                     lambda x: (_DeferredMin if isinstance(x, sp.Min) else _DeferredMax)(*x.args))


def _restored(v, which=lambda x: True):
    """v with the deferred extrema that `which` selects evaluated again (SymPy's Min and Max)."""
    return v.replace(lambda x: isinstance(x, tuple(DEFERRED)) and which(x), lambda x: DEFERRED[x.func](*x.args))


def _limit_through_extremum(lim):
    """A limit of min_i f_i + c (or of c * min_i f_i, c of one sign near the limit point) at a point, where the range
    is a number, as min_i lim (f_i + c): min and max of finitely many values are continuous on the extended reals, so
    the limit of the extremum is the extremum of the limits when each of those exists (finite or infinite); SymPy has
    no method for the limit of a min (NotImplementedError). Any other limit, or one whose terms' limits are not all
    numbers or +-oo, is returned unchanged."""
    e = sp.Add(*[_scaled_in(t, lim) for t in sp.Add.make_args(lim.args[0].doit())])
    ext = [t for t in sp.Add.make_args(e) if isinstance(t, EXTREMA)]
    if len(ext) != 1 or (e - ext[0]).has(*EXTREMA):
        return lim
    values = [sp.Limit(a + e - ext[0], *lim.args[1:]).doit() for a in ext[0].args]  # min(a, b) + c = min(a + c, ..)
    if not all(v.is_extended_real and v.is_number and not v.has(sp.AccumBounds, sp.Limit) for v in values):
        return lim
    return DEFERRED.get(ext[0].func, ext[0].func)(*values)


def _scaled_in(t, lim):
    """c * min(a, b) as min(ca, cb) where c > 0 near the limit point, max(ca, cb) where c < 0 (sign(1/s) -> 1 as
    s -> oo: sign is locally constant); t itself otherwise."""
    ext = [f for f in sp.Mul.make_args(t) if isinstance(f, EXTREMA)]
    if not t.is_Mul or len(ext) != 1 or (t / ext[0]).has(*EXTREMA):
        return t
    c = t / ext[0]
    sign = sp.sign(c) if c.is_number else sp.Limit(sp.sign(c), *lim.args[1:]).doit()
    if sign not in (1, -1):
        return t
    kind = {sp.Min: _DeferredMin, sp.Max: _DeferredMax, _DeferredMin: _DeferredMin, _DeferredMax: _DeferredMax}
    if sign == -1:
        kind = {k: {_DeferredMin: _DeferredMax, _DeferredMax: _DeferredMin}[v] for k, v in kind.items()}
    return kind[ext[0].func](*[c * a for a in ext[0].args])


def _off_range(v) -> str | None:
    """Why a sum or product at this point is not one a paper writes, or None: a limit that is not an integer
    (sum_{t=1}^{5/2}: a floor is not read into it), or a range that runs backwards (sum_{t=1}^{-2}). SymPy gives the
    latter a value by Karr's convention (sum_{t=1}^{-2} 1 = -2), where a paper means an empty sum or nothing at all,
    so the point has no verdict. A range that depends on an outer sum's index (sum_k sum_{j=1}^{k-2}) is checked at
    each of that index's values: SymPy's closed form of the inner sum would count its backward ranges negatively."""
    for s in v.atoms(sp.Sum, sp.Product):
        why = _inner_off_range(s)
        if why is not None:
            return why
        for limit in s.limits:
            if len(limit) != 3 or not (limit[1].is_number and limit[2].is_number):
                continue
            _, lo, hi = limit
            if sp.oo in (abs(lo), abs(hi)):
                continue
            name = "sum" if isinstance(s, sp.Sum) else "product"
            if lo.is_integer is not True or hi.is_integer is not True:
                return f"a {name}'s range is not one of integers here ({sp.sstr(lo)}..{sp.sstr(hi)})"
            if hi < lo - 1:
                return (f"a {name}'s range runs backwards here ({sp.sstr(lo)}..{sp.sstr(hi)}): declare the limit's "
                        f"least value ('% assume: ...')")
    return None


def range_refusal(lhs, rhs, subs: dict) -> str | None:
    """Why the step's sums and products at this point are none a paper writes (`_off_range`), or None."""
    return _off_range(sp.Tuple(sp.sympify(lhs), sp.sympify(rhs)).xreplace(subs))


def _inner_off_range(s) -> str | None:
    """`_off_range` of the sums and products inside s (its inner limits among them) whose limits involve s's outermost
    index, at each of its values; a refusal when there are more than INNER_VALUES of them to check."""
    *rest, outer = s.limits  # innermost first: Sum(1, (j, 1, k - 2), (k, 1, n)) is sum_k sum_j
    if len(outer) != 3:
        return None
    i, lo, hi = outer
    body = type(s)(s.function, *rest) if rest else s.function
    inner = [x for x in body.atoms(sp.Sum, sp.Product) if any(e.has(i) for lim in x.limits for e in lim[1:])]
    if not inner or not (lo.is_Integer and hi.is_Integer):
        return None  # nothing depends on the index, or the outer range is refused (or infinite) on its own
    if hi - lo + 1 > INNER_VALUES:
        return f"an inner range depends on the index of a sum of {hi - lo + 1} terms: too many to check here"
    for value in range(int(lo), int(hi) + 1):
        why = _off_range(sp.Tuple(*inner).xreplace({i: value}))
        if why is not None:  # no declaration helps here: the outer sum itself reaches the inner one's empty ranges
            return (f"at {sp.sstr(i)} = {value}, an inner " + why.split(": declare")[0].removeprefix("a ") +
                    " (SymPy counts such a range negatively, a paper as empty: start the outer sum where the inner "
                    "one is not empty)")
    return None


def _sign(diff) -> int | None:
    """Sign of a closed-form real constant: certified by Arb, or 0 when SymPy shows it is exactly 0."""
    for prec in PRECISIONS:
        try:
            b = evaluate(diff, {}, prec)  # Undefined propagates: the caller makes it a counterexample
        except Unresolved:
            break
        if b > 0:
            return 1
        if b < 0:
            return -1
    if _huge(diff):
        return None  # SymPy's zero test would evaluate e^(10^12) digit by digit
    try:
        if sp.cancel(sp.together(sp.expand(diff.rewrite(sp.exp)))) == 0:
            return 0
        if sp.count_ops(diff) < 40 and sp.simplify(diff) == 0:  # simplify on a large constant can run for minutes
            return 0
    except Exception:  # the simplifier gave up: the sign stays undecided
        pass
    return None


def _huge(e) -> bool:
    """An exponential or power whose exponent is far beyond what exact zero tests can evaluate."""
    args = [x.args[1] for x in e.atoms(sp.Pow)] + [a for f in e.atoms(sp.Function) for a in f.args]
    for arg in args:
        try:
            if abs(arg.evalf(5, maxn=20)) > 2000:
                return True
        except (TypeError, ValueError):
            return True
    return False


def judge(lhs, rel: str, rhs, subs: dict):
    """At exact values `subs`: (holds, lhs value, rhs value, note); holds is True, False (certified) or None."""
    try:
        lk, lv = _value(lhs, subs)
        rk, rv = _value(rhs, subs)
    except Unresolved as exc:
        return None, None, None, str(exc)
    if lk == "undefined" and rk == "undefined":
        return None, lv, rv, "both sides undefined"
    if lk == "undefined" or rk == "undefined":
        return False, lv, rv, f"the {'left' if lk == 'undefined' else 'right'} side is undefined here"
    if lk == rk == "exact" or any(v in (sp.oo, -sp.oo) for v in (lv, rv)):
        places = (_place(lv), _place(rv)) if any(v in (sp.oo, -sp.oo) for v in (lv, rv)) else (None,)
        if None not in places:  # +-oo against a real number (or +-oo) by place: SymPy's relational expanded
            return _compare_exact(places[0], rel, places[1]), lv, rv, "exact"  # (1 - sqrt(q))^(10^6) past 4 GB
        return _compare_exact(lv, rel, rv), lv, rv, "exact"  # a real constant against +-oo compares exactly
    try:
        s = _sign(rv - lv)
    except Undefined:
        return False, lv, rv, "undefined"
    if s is None:
        return None, lv, rv, "Arb could not separate the sides at 2048 bits"
    return _compare_sign(s, rel), lv, rv, "Arb ball" if s else "exact zero"


def _place(v) -> int | None:
    """1 for oo, -1 for -oo, 0 for a number whose value is a real float (finite: not complex, nan or zoo), else
    None: a value whose place among them is not that plain."""
    if v in (sp.oo, -sp.oo):
        return 1 if v == sp.oo else -1
    try:
        if v.is_extended_real is False:
            return None
        x = sp.N(v, 15)
    except Exception:  # no numeric value: no place
        return None
    return 0 if isinstance(x, (sp.Float, sp.Integer, sp.Rational)) and x.is_finite else None


def _compare_exact(lv, rel, rv) -> bool:
    return {"=": lv == rv, "!=": lv != rv, "<=": bool(lv <= rv), "<": bool(lv < rv), ">=": bool(lv >= rv),
            ">": bool(lv > rv)}[rel]


def _compare_sign(s: int, rel: str) -> bool:
    """s = sign(rhs - lhs)."""
    return {"=": s == 0, "!=": s != 0, "<=": s >= 0, "<": s > 0, ">=": s <= 0, ">": s < 0}[rel]


def decide_numbers(p) -> "Outcome | None":
    """A step between two numbers (no variable, no sum or limit left to evaluate): an exact or certified comparison,
    where SymPy's prover can stall (it factors e^(10^10) - 1 as a polynomial of degree 10^10 in e)."""
    if any(e.free_symbols or e.has(sp.Indexed, *UNEVALUATED) for e in (p.lhs, p.rhs)):
        return None
    if any(c.closed()[0].free_symbols for c in p.conditions):  # x/x as written has a variable, though SymPy made it 1
        return None
    holds, lv, rv, note = judge(p.lhs, p.rel, p.rhs, {})
    if holds is True:
        return Outcome("proved", f"both sides are numbers, compared ({note})")
    if holds is False:
        return Outcome("refuted", "both sides are numbers, compared",
                       {"counterexample": {}, "lhs": shown(lv), "rhs": shown(rv), "certified_by": note,
                        "found_by": "both sides evaluated"})
    return None


def shown(v) -> str:
    """A side's value as printed: exact, or 20 digits, or where SymPy finds no digit of it the Arb ball."""
    if v is None:
        return "?"
    if isinstance(v, str):  # already shown (an Arb ball's own text)
        return v
    v = sp.sympify(v)
    if v.is_Rational or v in (sp.oo, -sp.oo) or v.has(sp.nan, sp.zoo):
        return "undefined" if v.has(sp.nan, sp.zoo) else sp.sstr(v)
    if v.has(sp.I):
        return "not real"
    try:
        n = sp.N(v, 20)
    except Exception:  # a value SymPy cannot print numerically: show it symbolically
        return sp.sstr(v)
    if isinstance(n, sp.Float) and n._prec < 20:  # evalf found no digit of it: SymPy would print "0.e-138"
        try:
            return str(evaluate(v, {}, prec=max(PRECISIONS)))  # Arb's ball, e.g. [+/- 6.19e-617]: rigorous bounds
        except Exception:  # no ball either: SymPy's digits, whatever they are
            pass
    return sp.sstr(n)


def sides_at(evidence: dict, lhs, rhs) -> dict:
    """A refuted vector or matrix step shows its two sides at the counterexample, not ||lhs - rhs||^2 and 0."""
    if "counterexample" not in evidence or not any(isinstance(e, sp.MatrixBase) for e in (lhs, rhs)):
        return evidence
    point = {k: sp.Rational(v) for k, v in evidence["counterexample"].items()}
    values = []
    for e in (lhs, rhs):
        e = sp.sympify(e).xreplace({v: point[str(v)] for v in sp.sympify(e).free_symbols if str(v) in point})
        if e.has(*UNEVALUATED):  # sum_{i <= n} a_i at n = 1 is a_1, whose value the point holds
            try:
                e = e.doit()
            except Exception:  # SymPy has no method here (a limit of a sum of members): keep the distance
                return evidence
            e = e.xreplace({a: point[str(a)] for a in e.atoms(sp.Indexed) if str(a) in point})
        if e.free_symbols or e.has(*UNEVALUATED):  # a value the point does not fix: keep the distance
            return evidence
        values.append("[" + ", ".join(shown(c) for c in e) + "]" if isinstance(e, sp.MatrixBase) else shown(e))
    return {**evidence, "lhs": values[0], "rhs": values[1]}
