"""Decision procedures behind `gdpc check`'s verdicts, strongest first; each result names its method.

The complete procedures (Z3, finite cases, Arb branch and bound) are in `procedures`,
the variables' domains in `domains`.

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
from .domains import (  # noqa: F401
    SMALL,
    Domain,
    domain_of,
    random_value,
    small_symbols,
    special_values,
)
from .prover import ready

PRECISIONS = (128, 512, 2048)


# -- judging one point ---------------------------------------------------------------------
def _value(expr, subs: dict):
    """(kind, value): kind 'exact' (Rational or +-oo), 'const' (a closed-form real constant), 'undefined'."""
    try:
        v = expr.xreplace(subs)
    except (ValueError, TypeError) as exc:  # e.g. a derivative with respect to a substituted variable
        why = next(iter(str(exc).strip().splitlines()), type(exc).__name__)  # SymPy's text may start with "\n"
        raise Unresolved(f"cannot substitute the point ({why})") from None
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

    # the domains' ends as mpf: Fraction - mpf and Fraction / mpf raise TypeError, which the objective would take
    # for "outside the domain" everywhere, so a bounded variable was never optimised
    ends = [(None if d.lo is None else mpmath.mpf(d.lo.numerator) / d.lo.denominator,
             None if d.hi is None else mpmath.mpf(d.hi.numerator) / d.hi.denominator) for d in domains]

    def to_x(u, k):
        lo, hi = ends[k]
        if lo is not None and hi is not None:
            return lo + (hi - lo) / (1 + mpmath.exp(-u))
        if lo is not None:
            return lo + mpmath.exp(u)
        if hi is not None:
            return hi - mpmath.exp(u)
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
