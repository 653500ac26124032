"""The lemma library's statements (derivcheck/deciders/lemmas.py): every lemma true on its conditions, every
condition needed, every statement pinned.

A false lemma makes gdpc prove false steps, so each lemma is judged exactly (`judge`: exact rationals, else certified
Arb balls) at many random instances: drawn without regard to its conditions, with edge values among them (an empty
range, a range that starts at 0 or below 0, r = 0 and r = 1, q between 0 and 1, weights of mixed sign, weights
summing to 1, terms all equal, vectors in R^2 and R^3, functions convex or concave only on part of the line), and
kept where its conditions, evaluated at the instance, hold. A condition weakened in the library (Hi - Lo >= 0 made
Hi * Lo >= 0, q - 1 >= 0 made q >= 0) lets in an instance where the lemma is false, and a statement changed into a
false one fails at one of them. Each condition is shown needed: an instance violating it alone makes the lemma false
or leaves it without a value; a term's being real is only enforced (`lemma_match.conditions_hold` rejects a complex
term). A statement weakened into a weaker true one (a lower bound made smaller) is caught by the table of every
statement, written out here independently of the library.
"""

from __future__ import annotations

import dataclasses
import functools
import random

import pytest
import sympy as sp

from derivcheck.deciders import lemma_match, lemmas, unify
from derivcheck.deciders.judge import judge
from derivcheck.deciders.unify import Hole, placeholder
from derivcheck.deciders.vector_form import Inner, Vec, lower, norm
from derivcheck.functions import MaxOver, MinOver
from derivcheck.reader.declarations import Assumptions

# -- random instances ------------------------------------------------------------------------------------------
SIZES = (0, 1, 2, 3, 5)  # numbers of terms; 0 is the empty range, where some lemmas are false (their conditions)
PER_SIZE = 40  # instances kept (satisfying the conditions) per lemma and size
MAX_DRAWS = 400  # draws per lemma and size: enough to keep PER_SIZE where the conditions let in that size
MAX_UPPER = 40  # a lemma in its upper limit only (sum_{t=1}^{T} 1/t <= 1 + log T): every T up to this too

_ix = sp.Symbol("_ix", integer=True)
_t = sp.Symbol("_t")
_XB, _YB, _WB = (sp.IndexedBase(name) for name in ("X", "Y", "W"))
_F = sp.Function("_F")  # Phi, until the instance names its function
_VB = sp.IndexedBase("V", real=True)  # the components V[m, c] of the vectors V[m], as `lower` writes them

# Phi's candidates: each with the kinds (convex, concave) it has on an interval holding all of the values vs
def _kinds(convex, concave):
    return lambda vs: {kind for kind, on in (("convex", convex), ("concave", concave)) if all(on(v) for v in vs)}


_ANY, _NONE = (lambda v: True), (lambda v: False)
PHIS = {
    "exp": (sp.exp(_t), _kinds(_ANY, _NONE)),
    "t^2": (_t ** 2, _kinds(_ANY, _NONE)),
    "t^3": (_t ** 3, _kinds(lambda v: v >= 0, lambda v: v <= 0)),
    "log": (sp.log(_t), _kinds(_NONE, lambda v: v > 0)),
    "sqrt": (sp.sqrt(_t), _kinds(_NONE, lambda v: v >= 0)),
    "1/t": (1 / _t, _kinds(lambda v: v > 0, lambda v: v < 0)),
    "t - t^2": (_t - _t ** 2, _kinds(_NONE, _ANY)),
    "log(1 + e^t)": (sp.log(1 + sp.exp(_t)), _kinds(_ANY, _NONE)),
    "|t|": (sp.Abs(_t), _kinds(_ANY, _NONE)),
    "sin": (sp.sin(_t), _kinds(lambda v: -3 <= v <= 0, lambda v: 0 <= v <= 3)),
    "2t + 1": (2 * _t + 1, _kinds(_ANY, _ANY)),
}
# r and q: the ends of every condition (0, 1), either side of them, large, and not real
R_POOL = [sp.sympify(v) for v in ("0", "1", "-1", "2", "-2", "1/2", "1/3", "2/3", "3/2", "-1/2", "1/10", "9/10",
                                  "11/10", "3", "10", "7/2", "1/100", "-1/10", "1 + I", "2*I")]
Q_POOL = [sp.sympify(v) for v in ("0", "1", "-1", "2", "1/2", "1/3", "3/4", "3/2", "-1/2", "4", "20", "-8", "8",
                                  "1/100", "99/100", "5/2", "-3", "1 + I", "2*I")]


def _scalar(rng):
    kind = rng.randrange(5)
    if kind == 0:
        return sp.Integer(rng.randint(-3, 3))
    if kind == 1:
        return sp.Rational(rng.randint(-40, 40), rng.randint(1, 9))
    if kind == 2:
        return sp.Integer(rng.choice((-1, 1)) * rng.randint(50, 1000))
    if kind == 3:
        return sp.Rational(rng.choice((-1, 1)), rng.randint(50, 1000))
    return sp.Rational(rng.randint(0, 30), 10)  # in [0, 3], where sin is concave


def _family(rng, count):
    """count real values: of mixed sign, nonnegative, positive, nonpositive, all equal, in [0, 3] or [-3, 0], or in
    [0, 1] (probabilities, where the Weierstrass product inequality lives)."""
    mode = rng.choice(("mixed", "mixed", "abs", "positive", "negative", "equal", "unit", "-unit", "probability"))
    vals = [_scalar(rng) for _ in range(max(count, 1))][:count]
    if mode == "abs":
        return [abs(v) for v in vals]
    if mode == "positive":
        return [abs(v) or sp.Rational(1, 7) for v in vals]
    if mode == "negative":
        return [-abs(v) for v in vals]
    if mode == "equal":
        return vals[:1] * count
    if mode == "probability":
        return [sp.Rational(rng.randint(0, 12), 12) for _ in range(count)]
    if mode in ("unit", "-unit"):
        return [(1 if mode == "unit" else -1) * sp.Rational(rng.randint(0, 30), 10) for _ in range(count)]
    return vals


def _weights(rng, count):
    """count weights: nonnegative, of mixed sign, either scaled to sum to 1, uniform 1/n, one 1 among 0s, all 0."""
    mode = rng.choice(("abs", "mixed", "one-abs", "one-abs", "one-mixed", "uniform", "vertex", "zero"))
    vals = [_scalar(rng) if rng.random() < 0.5 else sp.Rational(rng.randint(-5, 9), rng.randint(1, 4))
            for _ in range(count)]
    if mode in ("abs", "one-abs"):
        vals = [abs(v) for v in vals]
    if mode.startswith("one") and sum(vals) != 0:
        return [v / sum(vals) for v in vals]
    if mode == "uniform" and count:
        return [sp.Rational(1, count)] * count
    if mode == "vertex" and count:
        k = rng.randrange(count)
        return [sp.Integer(int(m == k)) for m in range(count)]
    if mode == "zero":
        return [sp.Integer(0)] * count
    return vals


# every placeholder bound to a symbolic family (X[m], Y[m], W[m], the vector V[m] with components V[m, c], Phi an
# undefined function): a lemma's sides are written out once per range, the instance's values substituted
_BINDING = {lemmas.X: sp.Lambda(_ix, _XB[_ix]), lemmas.Y: sp.Lambda(_ix, _YB[_ix]), lemmas.W: sp.Lambda(_ix, _WB[_ix]),
            lemmas.V: sp.Lambda(_ix, sp.IndexedBase(Vec("V"))[_ix]), lemmas.Phi: sp.Lambda(_t, _F(_t))}


def _has_lower_limit(lemma) -> bool:
    return any(e.has(lemmas.Lo) for e in (lemma.atom, lemma.bound))


def _written_out(e, ends: dict):
    """e at the range `ends` (Lo, Hi), each sum and product written out term by term, each extremum as its Max or
    Min. Each is first set aside as an opaque symbol and put back once the ends are in: N = Hi - Lo + 1 is 0 before
    the empty sum 0 is divided by it (0/N would be 0), and SymPy never sees a product of nothing under a logarithm
    (it can make log(prod_{i=-2}^{-3} x_i) zoo, in some runs and not in others)."""
    def out(s):
        (var, lo, hi), = s.limits
        if isinstance(s, (MaxOver, MinOver)):
            return s.xreplace(ends).doit()
        first, last = int(lo.xreplace(ends)), int(hi.xreplace(ends))
        terms = [s.function.xreplace(ends).xreplace({var: m}) for m in range(first, last + 1)]
        return (sp.Add if isinstance(s, sp.Sum) else sp.Mul)(*terms)
    aside = {}
    e = e.replace(lambda x: isinstance(x, (sp.Sum, sp.Product, MaxOver, MinOver)),
                  lambda x: aside.setdefault(x, sp.Dummy()))
    return e.xreplace(ends).xreplace({v: out(x) for x, v in aside.items()})


@functools.lru_cache(maxsize=None)
def _frame(k: int, lo: int, hi: int, d: int):
    """Lemma k on the range lo..hi, vectors in R^d: its sides with the sums written out; each condition as (kind,
    prop, the expression or the list of its terms i = lo..hi); whether an extremum of the lemma is over an empty
    range (no value: SymPy would make 0 * max of nothing 0); the values the instance must give."""
    lemma = lemmas.LEMMAS[k]
    ends = {lemmas.Lo: sp.Integer(lo), lemmas.Hi: sp.Integer(hi)}
    sides = []
    for e in (lemma.atom, lemma.bound):
        e = unify.instantiate(e, _BINDING)
        sides.append(_written_out(lower(e, d) if lemma.vector else e, ends))
    no_value = any((e.limits[0][2] - e.limits[0][1]).xreplace(ends) < 0
                   for e in sp.Tuple(lemma.atom, lemma.bound).atoms(MaxOver, MinOver))
    conditions = []
    for c in lemma.conditions:
        expr = unify.instantiate(c.expr, {**_BINDING, **ends})
        if c.kind == "holds":  # a number (the sum of the weights, written out)
            conditions.append((c.kind, c.prop, _written_out(expr, ends)))
        else:
            conditions.append((c.kind, c.prop, [expr.xreplace({lemmas.i: m}) for m in range(lo, hi + 1)]))
    parts = sp.Tuple(*sides, *(e for _, _, t in conditions for e in (t if isinstance(t, list) else [t])))
    values = parts.atoms(sp.Indexed) | ({lemmas.R, lemmas.Q} & parts.free_symbols)
    return tuple(sides), tuple(conditions), no_value, values


@functools.lru_cache(maxsize=None)
def _keys(lo: int, size: int, d: int):
    """The family members an instance on lo..lo+size-1 gives values to: x_lo..x_{hi+1}, y_m, w_m, v_m's components."""
    return ([_XB[lo + m] for m in range(size + 1)], [_YB[lo + m] for m in range(size)],
            [_WB[lo + m] for m in range(size)], [_VB[lo + m, c + 1] for m in range(size) for c in range(d)])


def _draw(lemma, size: int, rng):
    """A random instance: (lo, hi, d, phi's name, the values of every family member, r and q)."""
    lo = rng.choice((1, 1, 0, -2, 3)) if _has_lower_limit(lemma) else 1
    hi = lo + size - 1
    d = rng.choice((2, 3))
    xs = _family(rng, size + 1)  # x_{hi+1} too, for telescoping
    mode = rng.choice(("mixed", "proportional", "equal"))
    ys = (_family(rng, size) if mode == "mixed" else xs[:1] * size if mode == "equal"
          else [sp.Rational(rng.randint(-9, 9), rng.randint(1, 3)) * x for x in xs[:size]])
    ws = _weights(rng, size)
    mode = rng.choice(("mixed", "mixed", "parallel", "equal"))
    base = [sp.Rational(rng.randint(-9, 9), rng.randint(1, 3)) for _ in range(d)]
    scale = [sp.Rational(rng.randint(-5, 5), rng.randint(1, 2)) if mode == "parallel" else 1 for _ in range(size)]
    vs = [[sp.Rational(rng.randint(-9, 9), rng.randint(1, 3)) for _ in range(d)] if mode == "mixed"
          else [c * b for b in base] for c in scale]
    subs = {lemmas.R: rng.choice(R_POOL) if rng.random() < 0.7 else _scalar(rng),
            lemmas.Q: rng.choice(Q_POOL) if rng.random() < 0.7 else sp.Rational(rng.randint(-20, 20),
                                                                                 rng.randint(1, 4))}
    xk, yk, wk, vk = _keys(lo, size, d)
    subs.update(zip(xk, xs, strict=True))
    subs.update(zip(yk, ys, strict=True))
    subs.update(zip(wk, ws, strict=True))
    subs.update(zip(vk, (c for v in vs for c in v), strict=True))
    return lo, hi, d, rng.choice(sorted(PHIS)), subs


def _has(v, prop: str) -> bool:
    if v.is_Rational:
        return {"real": True, "nonnegative": v >= 0, "positive": v > 0, "nonzero": v != 0}[prop]
    if v.has(sp.nan, sp.zoo) or not v.is_number:
        return False
    test = {"real": v.is_extended_real and v.is_finite, "nonnegative": v.is_nonnegative, "positive": v.is_positive,
            "nonzero": v.is_zero is False and v.is_finite}[prop]
    return test is True


def _condition_holds(kind: str, prop: str, expr, phi: str, subs: dict) -> bool:
    """A condition at the instance, as `lemmas.Condition` defines it (`lemma_match` proves it for a step)."""
    if kind == "holds":
        return _has(expr.xreplace(subs), prop)
    terms = [e.xreplace(subs) for e in expr]
    if kind == "term":
        return all(_has(v, prop) for v in terms)
    if kind == "one":
        return sp.Add(*terms) == 1
    if kind in ("convex", "concave"):
        return all(v.is_real for v in terms) and kind in PHIS[phi][1](terms)
    raise AssertionError(f"a condition of unknown kind {kind}")


def _judge(atom, rel: str, bound, subs: dict):
    """`judge`; an identity first by an exact certificate, where `judge` would spend its exact zero tests on it (log
    15/14 = log 3/7 + log 5/2: Arb cannot separate them) or leave it without a verdict (a geometric sum at r = 1 + i,
    complex): the difference of the sides expands to 0, or it is sum_j c_j log a_j with integers c_j and positive
    rationals a_j whose product of a_j^c_j is 1."""
    if rel == "=":
        lv, rv = atom.xreplace(subs), bound.xreplace(subs)
        diff = sp.expand(lv - rv)
        if diff == 0 and not sp.Tuple(lv, rv).has(sp.nan, sp.zoo, sp.oo, -sp.oo):
            return True, lv, rv, "equal, expanded"
        terms = [t.as_coeff_Mul() for t in sp.Add.make_args(diff)]
        if all(c.is_Integer and isinstance(g, sp.log) and g.args[0].is_Rational and g.args[0] > 0 for c, g in terms):
            if sp.Mul(*(g.args[0] ** c for c, g in terms)) == 1:
                return True, lv, rv, "equal, logarithms of rationals"
    return judge(atom, rel, bound, subs)


@functools.lru_cache(maxsize=None)
def _survey(k: int):
    """Lemma k at random instances: (the instances its conditions let in where it does not hold, per size how many
    distinct instances were kept and how many were wanted, for each condition an instance violating it alone where
    the lemma does not hold or None)."""
    lemma = lemmas.LEMMAS[k]
    rng = random.Random(1000 + k)
    failures, kept, target, needed, judged = [], {}, {}, [None] * len(lemma.conditions), {}
    sizes = list(SIZES)
    if not _has_lower_limit(lemma) and any(e.has(lemmas.Hi) for e in (lemma.atom, lemma.bound)):
        sizes += list(range(SIZES[-1] + 1, MAX_UPPER + 1))  # sum_{t=1}^{T}: T itself is the instance
    for size in sizes:
        kept[size] = set()
        for _ in range(MAX_DRAWS if size else PER_SIZE):  # the empty range: a few instances (its start, Phi)
            if len(kept[size]) >= PER_SIZE:
                break
            lo, hi, d, phi, subs = _draw(lemma, size, rng)
            sides, conditions, no_value, values = _frame(k, lo, hi, d)
            phi = phi if sp.Tuple(*sides).has(_F) else None  # the atom, or the bound of a lemma read backwards
            violated = [m for m, c in enumerate(conditions) if not _condition_holds(*c, phi, subs)]
            if len(violated) > 1 or (violated and needed[violated[0]] is not None):
                continue
            key = (lo, hi, d, phi, tuple(sorted((str(s), subs[s]) for s in values)))
            if key not in judged:
                atom, bound = (e.replace(_F, sp.Lambda(_t, PHIS[phi][0])) if phi else e for e in sides)
                judged[key] = ((None, None, None, "an extremum over an empty range") if no_value
                               else _judge(atom, lemma.rel, bound, subs))
            holds, lv, rv, note = judged[key]
            where = dict(lo=lo, hi=hi, d=d, phi=phi, values=dict(key[-1]), lhs=lv, rhs=rv, note=note)
            if not violated:
                kept[size].add(key)
                if holds is not True:
                    failures.append(where)
            elif holds is not True:
                needed[violated[0]] = where
            if not values and not _has_lower_limit(lemma):
                break  # the only instance of this size (sum_{t=1}^{T} 1/t at T = size)
        target[size] = PER_SIZE if values or _has_lower_limit(lemma) else 1
    return failures, {size: (len(keys), target[size]) for size, keys in kept.items()}, needed


IDS = [f"{k} {lem.name} {lem.rel}" for k, lem in enumerate(lemmas.LEMMAS)]


@pytest.mark.parametrize("k", range(len(lemmas.LEMMAS)), ids=IDS)
def test_every_lemma_holds_at_many_random_instances_satisfying_its_conditions(k):
    # an instance the conditions let in where the lemma is false (or has no value) is a false step gdpc would prove
    failures, kept, _ = _survey(k)
    assert not failures, (lemmas.LEMMAS[k].name, failures[:3])
    # every nonempty size is tested in earnest, not filtered away (every lemma applies from one term on; a lemma
    # with no values but its size, sum_{t=1}^{T} 1/t <= 1 + log T, has one instance of each size T >= 1)
    assert all(count == target for size, (count, target) in kept.items() if size > 0), kept


CONDITIONS = [(k, m) for k, lem in enumerate(lemmas.LEMMAS) for m in range(len(lem.conditions))]


@pytest.mark.parametrize("k,m", CONDITIONS, ids=[f"{IDS[k]} condition {m}" for k, m in CONDITIONS])
def test_every_condition_is_needed_or_enforced(k, m):
    # violating this condition alone makes the lemma false (or leaves its sides without a value) at some instance;
    # a term's being real is not needed by every lemma (|sum x_i| <= sum |x_i| holds for complex x_i), but it is
    # enforced: the matcher rejects a complex term
    lemma = lemmas.LEMMAS[k]
    c = lemma.conditions[m]
    _, _, needed = _survey(k)
    if needed[m] is not None:
        return
    assert c.kind == "term" and c.prop == "real", (lemma.name, c, "no instance violating it alone falsifies the lemma")
    binding = {lemmas.X: sp.Lambda(_ix, sp.I * (_ix + 1)), lemmas.Y: sp.Lambda(_ix, sp.I * (_ix + 1)),
               lemmas.Lo: sp.Integer(1), lemmas.Hi: sp.Symbol("n", integer=True, positive=True)}
    assert lemma_match.conditions_hold(c, binding, Assumptions()) is False
    real = {**binding, lemmas.X: sp.Lambda(_ix, _ix + 1), lemmas.Y: sp.Lambda(_ix, _ix + 1)}
    assert lemma_match.conditions_hold(c, real, Assumptions()) is True  # and the condition holds where it should


# -- every statement, written out --------------------------------------------------------------------------------
_i = sp.Symbol("i_", integer=True)
_Lo, _Hi, _R, _Q = (Hole(name) for name in ("Lo", "Hi", "R", "Q"))
_X, _Y, _W, _V, _Phi = (placeholder(name) for name in ("X", "Y", "W", "V", "Phi"))
_n = _Hi - _Lo + 1


def _sum(body, lo=_Lo):
    return sp.Sum(body, (_i, lo, _Hi))


def _real(e):
    return ("term", e, "real")


_NONEMPTY = ("holds", _Hi - _Lo, "nonnegative")
_W_NONNEGATIVE = ("term", _W(_i), "nonnegative")
_T_AT_LEAST_1 = ("holds", _Hi - 1, "nonnegative")

# (name, atom, rel, bound, conditions as (kind, expr, prop), flags): the statements the module's docstring cites
STATEMENTS = [
    ("the triangle inequality over a sum", norm(_sum(_V(_i))), "<=", _sum(norm(_V(_i))), (), "vector"),
    ("Cauchy-Schwarz over a sum of vectors", Inner(_sum(_V(_i)), _sum(_V(_i))), "<=",
     _n * _sum(Inner(_V(_i), _V(_i))), (), "vector"),
    ("Cauchy-Schwarz over a weighted sum of vectors", Inner(_sum(_W(_i) * _V(_i)), _sum(_W(_i) * _V(_i))), "<=",
     _sum(_W(_i)) * _sum(_W(_i) * Inner(_V(_i), _V(_i))), (_W_NONNEGATIVE,), "vector"),
    ("the triangle inequality over a sum", sp.Abs(_sum(_X(_i))), "<=", _sum(sp.Abs(_X(_i))), (_real(_X(_i)),), ""),
    ("Cauchy-Schwarz with ones", _sum(_X(_i)) ** 2, "<=", _n * _sum(_X(_i) ** 2), (_real(_X(_i)),), ""),
    ("Cauchy-Schwarz over a sum", _sum(_X(_i) * _Y(_i)) ** 2, "<=", _sum(_X(_i) ** 2) * _sum(_Y(_i) ** 2),
     (_real(_X(_i)), _real(_Y(_i))), ""),
    ("Cauchy-Schwarz with weights", _sum(_W(_i) * _X(_i)) ** 2, "<=", _sum(_W(_i)) * _sum(_W(_i) * _X(_i) ** 2),
     (_W_NONNEGATIVE, _real(_X(_i))), ""),
    ("the sum of squares is at most the square of the sum", _sum(_X(_i) ** 2), "<=", _sum(_X(_i)) ** 2,
     (("term", _X(_i), "nonnegative"),), ""),
    ("the square root is subadditive", sp.sqrt(_sum(_X(_i))), "<=", _sum(sp.sqrt(_X(_i))),
     (("term", _X(_i), "nonnegative"),), ""),
    ("Cauchy-Schwarz with ones", _sum(sp.Abs(_X(_i))), "<=", sp.sqrt(_n) * sp.sqrt(_sum(_X(_i) ** 2)),
     (_real(_X(_i)),), ""),
    ("a sum is at most its number of terms times its largest term", _sum(_X(_i)), "<=",
     _n * MaxOver(_X(_i), (_i, _Lo, _Hi)), (_real(_X(_i)), _NONEMPTY), ""),
    ("a sum is at least its number of terms times its smallest term", _sum(_X(_i)), ">=",
     _n * MinOver(_X(_i), (_i, _Lo, _Hi)), (_real(_X(_i)), _NONEMPTY), ""),
    ("the smallest term is at most the largest", MinOver(_X(_i), (_i, _Lo, _Hi)), "<=",
     MaxOver(_X(_i), (_i, _Lo, _Hi)), (_real(_X(_i)), _NONEMPTY), ""),
    ("Jensen's inequality for a convex function", _Phi(_sum(_X(_i)) / _n), "<=", _sum(_Phi(_X(_i))) / _n,
     (_real(_X(_i)), ("convex", _X(_i), ""), _NONEMPTY), ""),
    ("Jensen's inequality for a concave function", _Phi(_sum(_X(_i)) / _n), ">=", _sum(_Phi(_X(_i))) / _n,
     (_real(_X(_i)), ("concave", _X(_i), ""), _NONEMPTY), ""),
    ("Jensen's inequality for a convex function (weights summing to 1)", _Phi(_sum(_W(_i) * _X(_i))), "<=",
     _sum(_W(_i) * _Phi(_X(_i))), (_real(_X(_i)), _W_NONNEGATIVE, ("one", _W(_i), ""), ("convex", _X(_i), "")), ""),
    ("Jensen's inequality for a concave function (weights summing to 1)", _Phi(_sum(_W(_i) * _X(_i))), ">=",
     _sum(_W(_i) * _Phi(_X(_i))), (_real(_X(_i)), _W_NONNEGATIVE, ("one", _W(_i), ""), ("concave", _X(_i), "")), ""),
    ("Jensen's inequality for a convex function (weights normalised by their sum)",
     _Phi(_sum(_W(_i) * _X(_i)) / _sum(_W(_i))), "<=", _sum(_W(_i) * _Phi(_X(_i))) / _sum(_W(_i)),
     (_real(_X(_i)), _W_NONNEGATIVE, ("holds", _sum(_W(_i)), "positive"), ("convex", _X(_i), "")), ""),
    ("Jensen's inequality for a concave function (weights normalised by their sum)",
     _Phi(_sum(_W(_i) * _X(_i)) / _sum(_W(_i))), ">=", _sum(_W(_i) * _Phi(_X(_i))) / _sum(_W(_i)),
     (_real(_X(_i)), _W_NONNEGATIVE, ("holds", _sum(_W(_i)), "positive"), ("concave", _X(_i), "")), ""),
    ("the AM-GM inequality", sp.Product(_X(_i), (_i, _Lo, _Hi)) ** (1 / _n), "<=", _sum(_X(_i)) / _n,
     (("term", _X(_i), "nonnegative"), _NONEMPTY), ""),
    ("the logarithm of a product", sp.log(sp.Product(_X(_i), (_i, _Lo, _Hi))), "=", _sum(sp.log(_X(_i))),
     (("term", _X(_i), "positive"),), ""),
    ("a product of factors 1 + x_i is at most the exponential of the sum", sp.Product(1 + _X(_i), (_i, _Lo, _Hi)),
     "<=", sp.exp(_sum(_X(_i))), (("term", 1 + _X(_i), "nonnegative"),), ""),
    ("the Weierstrass product inequality", sp.Product(1 - _X(_i), (_i, _Lo, _Hi)), ">=", 1 - _sum(_X(_i)),
     (("term", _X(_i), "nonnegative"), ("term", 1 - _X(_i), "nonnegative")), ""),
    ("a product of factors 1 + x_i is at least 1 plus the sum", sp.Product(1 + _X(_i), (_i, _Lo, _Hi)), ">=",
     1 + _sum(_X(_i)), (("term", _X(_i), "nonnegative"),), ""),
    ("a product of exponentials", sp.Product(sp.exp(_X(_i)), (_i, _Lo, _Hi)), "=", sp.exp(_sum(_X(_i))),
     (_real(_X(_i)),), ""),
    ("a power is at most the exponential", _R ** _Q, "<=", sp.exp(_Q * (_R - 1)),
     (("holds", _R, "nonnegative"), ("holds", _Q, "nonnegative")), ""),
    ("Bernoulli's inequality", _R ** _Q, ">=", 1 + _Q * (_R - 1),
     (("holds", _R, "nonnegative"), ("holds", _Q - 1, "nonnegative")), ""),
    ("cosh is at most the Gaussian", sp.cosh(_Q), "<=", sp.exp(_Q ** 2 / 2), (("holds", _Q, "real"),), ""),
    ("Hoeffding's lemma", sp.log(1 - _R + _R * sp.exp(_Q)), "<=", _R * _Q + _Q ** 2 / 8,
     (("holds", _R, "nonnegative"), ("holds", 1 - _R, "nonnegative"), ("holds", _Q, "real")), ""),
    ("the geometric sum", _sum(_R ** _i), "=", (_R ** _Lo - _R ** (_Hi + 1)) / (1 - _R),
     (("holds", _R - 1, "nonzero"), ("holds", _Lo, "nonnegative")), ""),
    ("telescoping", _sum(_X(_i + 1) - _X(_i)), "=", _X(_Hi + 1) - _X(_Lo), (_real(_X(_i)), _real(_X(_i + 1))), ""),
    ("reversing the order of summation", _sum(_X(_Lo + _Hi - _i)), "=", _sum(_X(_i)), (), "rewrite"),
    ("the harmonic sum bound", _sum(1 / _i, 1), "<=", 1 + sp.log(_Hi), (_T_AT_LEAST_1,), ""),
    ("the harmonic sum bound", _sum(1 / _i, 1), ">=", sp.log(_Hi + 1), (), ""),
    ("the 1/sqrt(t) sum bound", _sum(1 / sp.sqrt(_i), 1), "<=", 2 * sp.sqrt(_Hi) - 1, (_T_AT_LEAST_1,), ""),
    ("the 1/sqrt(t) sum bound", _sum(1 / sp.sqrt(_i), 1), ">=", 2 * sp.sqrt(_Hi + 1) - 2, (), ""),
    ("the Basel sum bound", _sum(_i ** -2, 1), "<=", 2 - 1 / _Hi, (_T_AT_LEAST_1,), ""),
    ("the Basel sum bound", _sum(_i ** -2, 1), ">=", 1 - 1 / (_Hi + 1), (), ""),
    ("Euler's sum", _sum(_i ** -2, 1), "<=", sp.pi ** 2 / 6, (), ""),
    # Jensen read from its average side: the average of phi's values is at least (convex) or at most (concave) phi
    # of the average
    ("Jensen's inequality for a convex function", _sum(_Phi(_X(_i))) / _n, ">=", _Phi(_sum(_X(_i)) / _n),
     (_real(_X(_i)), ("convex", _X(_i), ""), _NONEMPTY), ""),
    ("Jensen's inequality for a concave function", _sum(_Phi(_X(_i))) / _n, "<=", _Phi(_sum(_X(_i)) / _n),
     (_real(_X(_i)), ("concave", _X(_i), ""), _NONEMPTY), ""),
    ("Jensen's inequality for a convex function (weights normalised by their sum)",
     _sum(_W(_i) * _Phi(_X(_i))) / _sum(_W(_i)), ">=", _Phi(_sum(_W(_i) * _X(_i)) / _sum(_W(_i))),
     (_real(_X(_i)), _W_NONNEGATIVE, ("holds", _sum(_W(_i)), "positive"), ("convex", _X(_i), "")), ""),
    ("Jensen's inequality for a concave function (weights normalised by their sum)",
     _sum(_W(_i) * _Phi(_X(_i))) / _sum(_W(_i)), "<=", _Phi(_sum(_W(_i) * _X(_i)) / _sum(_W(_i))),
     (_real(_X(_i)), _W_NONNEGATIVE, ("holds", _sum(_W(_i)), "positive"), ("concave", _X(_i), "")), ""),
]


def test_every_statement_is_the_cited_one():
    # a lemma weakened into a weaker true one (1 - 1/(T + 1) made -T - 1, a condition T >= 1 made T >= 0) is not
    # false at any instance, but it is not the cited statement: each is pinned, side by side with its reading
    got = [(lem.name, lem.atom, lem.rel, lem.bound, tuple((c.kind, c.expr, c.prop) for c in lem.conditions),
            {(False, False): "", (True, False): "vector", (False, True): "rewrite"}.get((lem.vector, lem.rewrite)))
           for lem in lemmas.LEMMAS]
    assert len(got) == len(STATEMENTS)
    for mine, theirs in zip(got, STATEMENTS, strict=True):
        assert mine == theirs, (mine, theirs)


def test_the_point_lemmas_are_the_four_about_one_number():
    # matched on every power, cosh and log of a step: the lemmas free of the summation index, none about vectors
    assert [lem.name for lem in lemmas.POINT_LEMMAS] == [
        "a power is at most the exponential", "Bernoulli's inequality", "cosh is at most the Gaussian",
        "Hoeffding's lemma"]
    assert lemmas.CONDITION_KINDS == ("holds", "term", "one", "convex", "concave")


def test_a_lemma_and_its_conditions_cannot_be_changed_once_stated():
    # the library is shared by every step checked: a statement is a frozen value (hashable, never assigned to)
    with pytest.raises(dataclasses.FrozenInstanceError):
        lemmas.LEMMAS[0].bound = sp.Integer(0)
    with pytest.raises(dataclasses.FrozenInstanceError):
        lemmas.LEMMAS[6].conditions[0].prop = "real"
    assert len(set(lemmas.LEMMAS)) == len(lemmas.LEMMAS)
    assert lemmas.Condition("holds", lemmas.Q, "real") in {c for lem in lemmas.LEMMAS for c in lem.conditions}
