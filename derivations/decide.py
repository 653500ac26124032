"""Decision procedures behind `gdpc check`'s verdicts, strongest first; each result names its method.

* `z3_decide`: polynomial and rational steps (with |x|, max, min) are decided
  exactly by Z3's nonlinear real arithmetic: a proof, or a model that is then
  re-checked exactly here (Z3 is not trusted with the counterexample).
* `cases`: every variable ranges over a finite set: each case is decided exactly.
* `branch_and_bound`: on a bounded box, Arb balls prove `lhs <= rhs` box by box or
  find a point where it fails (certified).
* `search`: a counterexample search that looks for the worst point: special
  values (0, +-1, tiny, huge, the ends of every range), a grid, seeded random
  rationals, and local optimisation of (lhs - rhs) from many starts.

Every point is judged by `judge`, which never uses a tolerance: exact rationals
where the values are rational, Arb balls otherwise (a sign is decided when the
ball excludes 0, at up to 2048 bits), and an exact zero test where the ball
cannot exclude 0. An exact zero difference refutes a strict inequality; a value
that is infinite, or undefined on one side only, is a counterexample.
"""

from __future__ import annotations

import itertools
import math
import random
from dataclasses import dataclass
from fractions import Fraction

import mpmath
import sympy as sp
from scipy.optimize import minimize

from .arb_eval import Undefined, Unresolved, evaluate
from .declarations import Assumptions
from .prover import ready

PRECISIONS = (128, 512, 2048)


# -- domains -----------------------------------------------------------------------------
@dataclass
class Domain:
    lo: Fraction | None = None
    hi: Fraction | None = None
    lo_open: bool = False
    hi_open: bool = False
    integer: bool = False
    nonzero: bool = False
    values: list | None = None  # a finite set

    def contains(self, v: Fraction) -> bool:
        if self.values is not None:
            return v in self.values
        if self.integer and v.denominator != 1:
            return False
        if self.nonzero and v == 0:
            return False
        if self.lo is not None and (v < self.lo or (v == self.lo and self.lo_open)):
            return False
        if self.hi is not None and (v > self.hi or (v == self.hi and self.hi_open)):
            return False
        return True

    @property
    def bounded(self) -> bool:
        return self.values is not None or (self.lo is not None and self.hi is not None)


SMALL = 12  # sampled values of a sum bound or an integer exponent stay at most this (a sum of 10^6 terms hangs)


def small_symbols(*exprs) -> set:
    """Symbols that bound a sum or product, or sit in an exponent: sampled only up to SMALL."""
    out = set()
    for e in exprs:
        e = sp.sympify(e)
        for obj in e.atoms(sp.Sum, sp.Product):
            for _, lo, hi in obj.limits:
                out |= sp.sympify(lo).free_symbols | sp.sympify(hi).free_symbols
        for p in e.atoms(sp.Pow):
            out |= {s for s in p.exp.free_symbols if s.is_integer}
    return out


def domain_of(sym, assumptions: Assumptions, small: bool = False) -> Domain:
    d = _domain_of(sym, assumptions)
    if small and d.values is None:
        if d.hi is None or d.hi > SMALL:
            d.hi, d.hi_open = Fraction(SMALL), False
        if d.lo is None or d.lo < -SMALL:
            d.lo, d.lo_open = Fraction(-SMALL), False
    return d


def _domain_of(sym, assumptions: Assumptions) -> Domain:
    name = sym.name if isinstance(sym, sp.Symbol) else str(sym)
    d = Domain(integer=bool(sym.is_integer), nonzero=bool(sym.is_nonzero))
    if name in assumptions.sets:
        d.values = list(assumptions.sets[name])
        return d
    if sym.is_positive:
        d.lo, d.lo_open = Fraction(0), True
    elif sym.is_nonnegative:
        d.lo = Fraction(0)
    if sym.is_negative:
        d.hi, d.hi_open = Fraction(0), True
    elif sym.is_nonpositive:
        d.hi = Fraction(0)
    if name in assumptions.ranges:
        lo, hi, lo_open, hi_open = assumptions.ranges[name]
        if lo is not None and (d.lo is None or lo >= d.lo):
            d.lo, d.lo_open = Fraction(lo), lo_open or (d.lo == lo and d.lo_open)
        if hi is not None and (d.hi is None or hi <= d.hi):
            d.hi, d.hi_open = Fraction(hi), hi_open or (d.hi == hi and d.hi_open)
    return d


def special_values(d: Domain) -> list[Fraction]:
    if d.values is not None:
        return list(d.values)
    base = [Fraction(0), Fraction(1), Fraction(-1), Fraction(1, 2), Fraction(-1, 2), Fraction(2), Fraction(-2),
            Fraction(3), Fraction(1, 3), Fraction(10), Fraction(-10), Fraction(1, 10), Fraction(-1, 10),
            Fraction(1, 10**6), Fraction(-1, 10**6), Fraction(10**6), Fraction(-10**6), Fraction(100)]
    if d.lo is not None or d.hi is not None:
        lo = d.lo if d.lo is not None else (d.hi - 20 if d.hi is not None else Fraction(-10))
        hi = d.hi if d.hi is not None else lo + 20
        base += [lo, hi, lo + Fraction(1, 10**6), hi - Fraction(1, 10**6)]
        base += [lo + (hi - lo) * Fraction(k, 16) for k in range(1, 16)]
        if d.lo is not None:
            base += [d.lo + Fraction(1, 10**k) for k in (1, 3, 9)] + [d.lo + 10**k for k in (1, 3, 6)]
        if d.hi is not None:
            base += [d.hi - Fraction(1, 10**k) for k in (1, 3, 9)] + [d.hi - 10**k for k in (1, 3, 6)]
    out = []
    for v in base:
        if d.integer:
            v = Fraction(round(v))
        if d.contains(v) and v not in out:
            out.append(v)
    return out


def random_value(d: Domain, rng: random.Random) -> Fraction | None:
    if d.values is not None:
        return rng.choice(d.values)
    for _ in range(20):
        if d.lo is not None and d.hi is not None:
            v = d.lo + (d.hi - d.lo) * Fraction(rng.randint(0, 10**6), 10**6)
        elif d.lo is not None:
            v = d.lo + Fraction(rng.randint(1, 4000), rng.randint(1, 400)) ** rng.choice([1, 1, 2])
        elif d.hi is not None:
            v = d.hi - Fraction(rng.randint(1, 4000), rng.randint(1, 400)) ** rng.choice([1, 1, 2])
        else:
            v = (Fraction(rng.randint(-256, 256), 64) if rng.random() < 0.5
                 else Fraction(rng.randint(-4000, 4000), rng.randint(1, 200)))
        if d.integer:
            v = Fraction(round(v))
        if d.contains(v):
            return v
    return None


# -- judging one point ---------------------------------------------------------------------
def _value(expr, subs: dict):
    """(kind, value): kind 'exact' (Rational or +-oo), 'const' (a closed-form real constant), 'undefined'."""
    try:
        v = expr.xreplace(subs)
    except (ValueError, TypeError) as exc:  # e.g. a derivative with respect to a substituted variable
        raise Unresolved(f"cannot substitute the point ({exc})".splitlines()[0]) from None
    if v.has(sp.Limit, sp.Sum, sp.Product, sp.Derivative):
        try:
            v = v.doit()
        except Exception as exc:  # SymPy cannot evaluate it here: no value to judge
            raise Unresolved(f"SymPy could not evaluate ({type(exc).__name__})") from None
        if v.has(sp.Limit, sp.Sum, sp.Product, sp.Derivative):
            raise Unresolved("SymPy left a limit, sum or derivative unevaluated")
        v = v.xreplace(subs)  # the indexed values (y_1, y_2, ...) appear only once the sums are expanded
    if v.has(sp.nan, sp.zoo) or v.has(sp.I):
        return "undefined", v
    if v in (sp.oo, -sp.oo) or v.is_Rational:
        return "exact", v
    if v.free_symbols:
        raise Unresolved(f"free symbols left: {sorted(map(str, v.free_symbols))}")
    return "const", v


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
        return _compare_exact(lv, rel, rv), lv, rv, "exact"  # a real constant against +-oo compares exactly
    try:
        s = _sign(rv - lv)
    except Undefined:
        return False, lv, rv, "undefined"
    if s is None:
        return None, lv, rv, "Arb could not separate the sides at 2048 bits"
    return _compare_sign(s, rel), lv, rv, "Arb ball" if s else "exact zero"


def _compare_exact(lv, rel, rv) -> bool:
    return {"=": lv == rv, "!=": lv != rv, "<=": bool(lv <= rv), "<": bool(lv < rv), ">=": bool(lv >= rv),
            ">": bool(lv > rv)}[rel]


def _compare_sign(s: int, rel: str) -> bool:
    """s = sign(rhs - lhs)."""
    return {"=": s == 0, "!=": s != 0, "<=": s >= 0, "<": s > 0, ">=": s <= 0, ">": s < 0}[rel]


# -- the search -------------------------------------------------------------------------------
@dataclass
class Found:
    point: dict  # name -> Fraction
    lhs: object
    rhs: object
    note: str
    how: str


def free_variables(*exprs) -> list:
    out = set()
    for e in exprs:
        labels = {b.label for b in sp.sympify(e).atoms(sp.IndexedBase)}
        out |= {s for s in sp.sympify(e).free_symbols if isinstance(s, sp.Symbol) and s not in labels}
    return sorted(out, key=lambda s: s.name)


def _point_subs(lhs, rhs, point: dict, assumptions: Assumptions, rng: random.Random) -> dict:
    """Exact substitutions for a point; indexed values (y_i) are drawn once the sums are expanded."""
    subs = {s: sp.Rational(v.numerator, v.denominator) for s, v in point.items()}
    indexed = set()
    for e in (lhs, rhs):
        try:
            x = e.xreplace(subs)
        except (ValueError, TypeError):  # the judge reports why this point cannot be evaluated
            continue
        if x.has(sp.Sum, sp.Product) and x.atoms(sp.Indexed):
            try:
                x = x.doit()
            except Exception:  # the sum stays symbolic; the judge will say so
                pass
        indexed |= {a for a in x.atoms(sp.Indexed) if all(i.is_Integer for i in a.indices)}
    for a in sorted(indexed, key=str):
        v = random_value(domain_of(a.base.label, assumptions), rng)
        subs[a] = sp.Rational(v.numerator, v.denominator) if v is not None else sp.Integer(1)
    return subs


def _describe(point: dict, subs: dict) -> dict:
    out = {s.name: str(v) for s, v in point.items()}
    out.update({str(k): str(v) for k, v in subs.items() if isinstance(k, sp.Indexed)})
    return out


def search(lhs, rel: str, rhs, assumptions: Assumptions, points: int = 60, seed: int = 0, optimise: bool = True,
           grid: int = 400):
    """(Found or None, stats): the first certified counterexample, or how many points held."""
    lhs_r, rhs_r = ready(lhs), ready(rhs)
    symbols = free_variables(lhs_r, rhs_r)
    small = small_symbols(lhs_r, rhs_r)
    domains = [domain_of(s, assumptions, s in small) for s in symbols]
    in_exponent = {s for e in (lhs_r, rhs_r) for p in e.atoms(sp.Pow) for s in p.exp.free_symbols}
    rng = random.Random(seed)
    stats = {"points_tried": 0, "points_held": 0, "undecided_points": 0, "skipped_reason": None}

    def attempt(values, how):
        values = tuple(_tame(v, d) if s in in_exponent else v for s, v, d in zip(symbols, values, domains))
        if None in values:
            return None
        point = dict(zip(symbols, values))
        subs = _point_subs(lhs_r, rhs_r, point, assumptions, rng)
        stats["points_tried"] += 1
        holds, lv, rv, note = judge(lhs_r, rel, rhs_r, subs)
        if holds is False:
            return Found(_describe(point, subs), lv, rv, note, how)
        if holds is None:
            stats["undecided_points"] += 1
            stats["skipped_reason"] = stats["skipped_reason"] or note
        else:
            stats["points_held"] += 1
        return None

    if not symbols:
        return attempt([], "exact"), stats
    specials = [special_values(d) or [random_value(d, rng)] for d in domains]
    tried = set()
    candidates = []
    for k in range(max(len(s) for s in specials)):  # the diagonal: every variable at its k-th special value
        candidates.append(tuple(s[k % len(s)] for s in specials))
    candidates += list(itertools.islice(itertools.product(*specials), grid if len(symbols) <= 2 else grid // 2))
    for _ in range(points):
        candidates.append(tuple(random_value(d, rng) for d in domains))
    for values in candidates:
        if None in values or values in tried:
            continue
        tried.add(values)
        found = attempt(values, "special values and seeded random rationals")
        if found:
            return found, stats
    if optimise and rel != "!=":
        for values in _optimise(lhs_r, rel, rhs_r, symbols, domains, rng):
            if values in tried:
                continue
            tried.add(values)
            found = attempt(values, "local optimisation of lhs - rhs")
            if found:
                return found, stats
    return None, stats


def _tame(v: Fraction, d: Domain) -> Fraction | None:
    """A nearby rational with a small denominator: SymPy evaluates (p/q)^(p/q) exactly by a search over roots,
    which takes minutes for q ~ 10^9. Only where the search looks changes, never how a point is judged."""
    for q in (64, 4096):
        w = v.limit_denominator(q)
        if d.contains(w):
            return w
    return None  # no tame value nearby: the point is skipped


def _optimise(lhs, rel, rhs, symbols, domains, rng, starts: int = 8):
    """Candidate points near the worst violation of the relation, found by Nelder-Mead from several starts."""
    if any(e.atoms(sp.Indexed) or e.has(sp.Sum, sp.Product, sp.Limit, sp.Derivative) for e in (lhs, rhs)):
        return
    cont = [k for k, d in enumerate(domains) if d.values is None and not d.integer]
    if not cont or len(symbols) > 6:
        return
    try:
        f = sp.lambdify(symbols, (lhs - rhs) if rel in ("<=", "<") else (rhs - lhs) if rel in (">=", ">")
                        else (lhs - rhs) ** 2, modules="mpmath")
    except Exception:  # an expression lambdify cannot translate: no optimisation
        return

    def to_x(u, k):
        d = domains[k]
        if d.lo is not None and d.hi is not None:
            return d.lo + (d.hi - d.lo) / (1 + mpmath.exp(-u))
        if d.lo is not None:
            return d.lo + mpmath.exp(u)
        if d.hi is not None:
            return d.hi - mpmath.exp(u)
        return u

    fixed = [random_value(d, rng) for d in domains]

    def objective(us):
        vals = list(fixed)
        for k, u in zip(cont, us):
            vals[k] = to_x(mpmath.mpf(float(u)), k)
        try:
            with mpmath.workdps(30):
                v = f(*[mpmath.mpf(x.numerator) / x.denominator if isinstance(x, Fraction) else x for x in vals])
                v = mpmath.mpf(v) if not isinstance(v, mpmath.mpc) else mpmath.mpf(10**30)
            g = -float(v / (1 + abs(v)))
        except Exception:  # outside the expression's domain: no information here
            return 1.0
        return g if math.isfinite(g) else 1.0

    for s in range(starts):
        u0 = [rng.uniform(-6, 6) if s else 0.0 for _ in cont]
        try:
            res = minimize(objective, u0, method="Nelder-Mead", options={"maxiter": 300 * len(cont), "xatol": 1e-10,
                                                                         "fatol": 1e-14})
        except Exception:  # the optimiser failed from this start: try the next
            continue
        for digits in (10**6, 10**12, 10**3):
            vals = list(fixed)
            ok = True
            for k, u in zip(cont, res.x):
                with mpmath.workdps(40):
                    x = to_x(mpmath.mpf(float(u)), k)
                v = Fraction(str(mpmath.nstr(x, 30))).limit_denominator(digits) if mpmath.isfinite(x) else None
                if v is None or not domains[k].contains(v):
                    ok = False
                    break
                vals[k] = v
            if ok:
                yield tuple(vals)


# -- complete procedures ----------------------------------------------------------------------
def cases(lhs, rel, rhs, assumptions: Assumptions, limit: int = 512):
    """Every variable in a finite set: ('proved', n) / ('refuted', Found) / None."""
    lhs_r, rhs_r = ready(lhs), ready(rhs)
    symbols = free_variables(lhs_r, rhs_r)
    domains = [domain_of(s, assumptions) for s in symbols]
    if not symbols or any(d.values is None for d in domains) or any(e.atoms(sp.Indexed) for e in (lhs_r, rhs_r)):
        return None
    combos = list(itertools.product(*[d.values for d in domains]))
    if len(combos) > limit:
        return None
    for values in combos:
        subs = {s: sp.Rational(v.numerator, v.denominator) for s, v in zip(symbols, values)}
        holds, lv, rv, note = judge(lhs_r, rel, rhs_r, subs)
        if holds is False:
            return "refuted", Found({s.name: str(v) for s, v in zip(symbols, values)}, lv, rv, note, "cases")
        if holds is None:
            return None
    return "proved", len(combos)


def branch_and_bound(lhs, rel, rhs, assumptions: Assumptions, max_boxes: int = 4000):
    """On a bounded box of at most 3 real variables: ('proved', boxes) / ('refuted', Found) / None."""
    if rel not in ("<=", "<", ">=", ">"):
        return None
    if rel in (">=", ">"):
        lhs, rhs, rel = rhs, lhs, {">=": "<=", ">": "<"}[rel]
    lhs_r, rhs_r = ready(lhs), ready(rhs)
    if any(e.atoms(sp.Indexed) or e.has(sp.Sum, sp.Product, sp.Limit, sp.Derivative) for e in (lhs_r, rhs_r)):
        return None
    symbols = free_variables(lhs_r, rhs_r)
    domains = [domain_of(s, assumptions) for s in symbols]
    if not symbols or len(symbols) > 3 or not all(d.bounded and d.values is None and not d.integer for d in domains):
        return None
    diff = rhs_r - lhs_r
    queue = [[(d.lo, d.hi) for d in domains]]
    boxes = 0
    while queue:
        box = queue.pop()
        boxes += 1
        if boxes > max_boxes:
            return None
        try:
            b = evaluate(diff, dict(zip(symbols, box)), 128)
            if (b > 0) if rel == "<" else (b >= 0):
                continue
            certain_fail = b < 0
        except Undefined:
            certain_fail = True
        except Unresolved:
            certain_fail = False
        if certain_fail:
            mid = [(lo + hi) / 2 for lo, hi in box]
            subs = {s: sp.Rational(v.numerator, v.denominator) for s, v in zip(symbols, mid)}
            holds, lv, rv, note = judge(lhs_r, rel, rhs_r, subs)
            if holds is False:
                return "refuted", Found({s.name: str(v) for s, v in zip(symbols, mid)}, lv, rv, note,
                                        "Arb branch and bound")
        k = max(range(len(box)), key=lambda j: box[j][1] - box[j][0])
        lo, hi = box[k]
        if hi - lo < Fraction(1, 10**12):
            return None
        mid = (lo + hi) / 2
        queue.append(box[:k] + [(lo, mid)] + box[k + 1:])
        queue.append(box[:k] + [(mid, hi)] + box[k + 1:])
    return "proved", boxes


def z3_decide(lhs, rel, rhs, assumptions: Assumptions, timeout_ms: int = 5000):
    """Polynomial/rational steps: ('proved', detail) / ('refuted', Found) / None (not applicable or unknown)."""
    import z3

    lhs_r, rhs_r = ready(lhs), ready(rhs)
    symbols = free_variables(lhs_r, rhs_r)
    if not symbols:
        return None
    vars_ = {s: (z3.Int(s.name) if s.is_integer else z3.Real(s.name)) for s in symbols}
    side = []  # where the step is defined: denominators nonzero, square roots of nonnegatives
    try:
        zl, zr = _to_z3(lhs_r, vars_, side, z3), _to_z3(rhs_r, vars_, side, z3)
    except _NotPolynomial:
        return None
    solver = z3.Solver()
    solver.set("timeout", timeout_ms)
    for s in symbols:
        d = domain_of(s, assumptions)
        v = vars_[s]
        if d.values is not None:
            solver.add(z3.Or(*[v == _z3_num(x, z3) for x in d.values]))
            continue
        if d.lo is not None:
            solver.add(v > _z3_num(d.lo, z3) if d.lo_open else v >= _z3_num(d.lo, z3))
        if d.hi is not None:
            solver.add(v < _z3_num(d.hi, z3) if d.hi_open else v <= _z3_num(d.hi, z3))
        if d.nonzero:
            solver.add(v != 0)
    aux = [c[1] for c in side if isinstance(c, tuple)]
    domain = [c for c in side if not isinstance(c, tuple)]
    if domain:  # an allowed point where a side is undefined is a counterexample: look for one first
        solver.push()
        solver.add(z3.Not(z3.And(*domain)))
        outside = solver.check()
        model = solver.model() if outside == z3.sat else None
        solver.pop()
        if outside == z3.sat:
            found = _z3_point(model, symbols, vars_, lhs_r, rel, rhs_r, z3)
            if found is not None:
                return "refuted", found
            return None
        if outside != z3.unsat:
            return None
    for c in domain + aux:  # the roots' definitions only now: they would hide points outside the domain
        solver.add(c)
    relation = {"=": zl == zr, "!=": zl != zr, "<=": zl <= zr, "<": zl < zr, ">=": zl >= zr, ">": zl > zr}[rel]
    solver.add(z3.Not(relation))
    answer = solver.check()
    if answer == z3.unsat:
        return "proved", "Z3: no real counterexample exists (nonlinear real arithmetic decided)"
    if answer != z3.sat:
        return None
    found = _z3_point(solver.model(), symbols, vars_, lhs_r, rel, rhs_r, z3)
    return ("refuted", found) if found is not None else None


def _z3_point(model, symbols, vars_, lhs_r, rel, rhs_r, z3):
    """A Z3 model as an exact rational point, re-checked here; None if it does not refute."""
    values = {}
    for s in symbols:
        val = model.eval(vars_[s], model_completion=True)
        if z3.is_rational_value(val) or z3.is_int_value(val):
            values[s] = Fraction(val.as_fraction().numerator, val.as_fraction().denominator) \
                if z3.is_rational_value(val) else Fraction(val.as_long())
        else:  # an algebraic number: try a close rational, re-checked below
            values[s] = Fraction(val.approx(30).as_fraction()) if hasattr(val, "approx") else None
        if values[s] is None:
            return None
    subs = {s: sp.Rational(v.numerator, v.denominator) for s, v in values.items()}
    holds, lv, rv, note = judge(lhs_r, rel, rhs_r, subs)
    if holds is False:
        return Found({s.name: str(v) for s, v in values.items()}, lv, rv, note, "Z3 model, re-checked")
    return None


class _NotPolynomial(Exception):
    pass


def _z3_num(v, z3):
    f = Fraction(v)
    return z3.RealVal(f"{f.numerator}/{f.denominator}")


def _to_z3(e, vars_, side, z3):
    if e in vars_:
        return vars_[e]
    if isinstance(e, sp.Rational):
        return z3.RealVal(f"{e.p}/{e.q}")
    if e.is_Add:
        out = _to_z3(e.args[0], vars_, side, z3)
        for a in e.args[1:]:
            out = out + _to_z3(a, vars_, side, z3)
        return out
    if e.is_Mul:
        out = _to_z3(e.args[0], vars_, side, z3)
        for a in e.args[1:]:
            out = out * _to_z3(a, vars_, side, z3)
        return out
    if e.is_Pow and e.args[1].is_Integer:
        n = int(e.args[1])
        base = _to_z3(e.args[0], vars_, side, z3)
        if abs(n) > 64:
            raise _NotPolynomial()
        p = z3.RealVal(1)
        for _ in range(abs(n)):
            p = p * base
        if n < 0:
            side.append(base != 0)  # the step is about points where it is defined
            return 1 / p
        return p
    if e.is_Pow and e.args[1] == sp.Rational(1, 2):
        x = _to_z3(e.args[0], vars_, side, z3)
        r = z3.FreshReal("__aux_sqrt")
        side.append(x >= 0)
        side.append(("aux", z3.And(r >= 0, r * r == x)))  # defines the root; not a domain condition
        return r
    if isinstance(e, sp.Abs):
        x = _to_z3(e.args[0], vars_, side, z3)
        return z3.If(x >= 0, x, -x)
    if isinstance(e, (sp.Max, sp.Min)):
        xs = [_to_z3(a, vars_, side, z3) for a in e.args]
        out = xs[0]
        for x in xs[1:]:
            out = z3.If(x > out, x, out) if isinstance(e, sp.Max) else z3.If(x < out, x, out)
        return out
    raise _NotPolynomial()
