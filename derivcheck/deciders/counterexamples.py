"""The counterexample search behind `gdpc check`: which points to judge when nothing proves or refutes a step.

It proposes points and decides nothing: every point is judged exactly by `judge.judge`, so a weaker search can
miss a counterexample (the step then stays "numerically holds, not proved") but cannot make a false relation
hold, and finding no counterexample is never a proof. Where it looks, in order: special values (0, +-1, tiny,
huge, the ends of every range) on the diagonal and in a product grid, seeded random rationals, then local
optimisation (Nelder-Mead from several starts) of how badly the relation fails, each optimum rounded to nearby
rationals inside the domain.
"""

from __future__ import annotations

import itertools
import math
import random
import sys
import time
from dataclasses import dataclass
from fractions import Fraction

import mpmath
import sympy as sp
from scipy.optimize import minimize

from derivcheck.budget import pace, remaining, soft_remaining
from derivcheck.deciders import sum_limits
from derivcheck.deciders.arb_eval import Unresolved
from derivcheck.deciders.judge import NOT_EVALUATED, judge, shown, unrolled
from derivcheck.deciders.problem import Outcome, Problem, ready
from derivcheck.functions import OVER
from derivcheck.reader.declarations import Assumptions
from derivcheck.reader.domains import Domain, domain_of, random_value, small_symbols, special_values

PATTERNS = [(Fraction(1), Fraction(-1)), (Fraction(-1), Fraction(1)), (Fraction(1), Fraction(0)),
            (Fraction(0), Fraction(1)), (Fraction(1), Fraction(2)), (Fraction(2), Fraction(1))]
OUTSIDE = 1.0  # the objective where the expression is undefined or not finite: above every value inside, (-1, 1)
# the points a search tries before a soft deadline may stop it (the special values and the start of the grid): a step
# false at a plain point is refuted on a busy machine as on an idle one; only the hard deadlines depend on the clock
SOFT_FLOOR = 20
# points at which SymPy raised (a limit of a min it has no method for) before the search stops: the failure is the
# form's, not the point's, and each such point can cost seconds; a step with one evaluable point goes on
UNEVALUABLE = 4
DIGITS = 30  # the optimiser's working precision: its coordinates are floats (16 digits); 30 keep a range's ends apart


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


MEMBER_PATTERNS = 4  # members at their domain's ends: alternating from the low end, from the high end, one high


def _member_value(d, m: int, pattern: int | None, rng: random.Random) -> Fraction | None:
    """The m-th member's value (m = 0, 1, ...): drawn at random, or by `pattern` at two ends: of a declared set or a
    closed range (just inside an open end), two units from the one end of a half-line, else -1 and 1 (members of
    both signs). A mean of pairwise gaps of s_i in [0, 1] is at most 1/2 at random points and 1 at (0, 1)."""
    if d.values is not None:
        lo, hi = min(d.values), max(d.values)
    else:
        lo = d.lo if d.lo is not None else (d.hi - 2 if d.hi is not None else Fraction(-1))
        hi = d.hi if d.hi is not None else lo + 2 if d.lo is not None else Fraction(1)
        if d.integer:
            lo, hi = Fraction(math.ceil(lo)), Fraction(math.floor(hi))
        width = hi - lo
        lo, hi = (lo if d.contains(lo) else lo + width / 1000), (hi if d.contains(hi) else hi - width / 1000)
    if pattern is None or lo >= hi or not (d.contains(lo) and d.contains(hi)):
        return random_value(d, rng)
    if pattern == 0:
        return lo if m % 2 == 0 else hi
    if pattern == 1:
        return hi if m % 2 == 0 else lo
    if pattern == 2:
        return hi if m == 0 else lo
    return lo if m == 0 else hi


def _members_of(x):
    """x with its sums written out (over ranges of numbers: only the members are wanted, and SymPy's doit expands a
    square of sums of symbolic members first), else evaluated by SymPy and then written out (sum_i sum_{j < i})."""
    try:
        x = unrolled(x)
    except Unresolved:
        pass
    if x.has(sp.Sum, sp.Product, *OVER):  # an extremum's members too
        x = x.doit()
        x = unrolled(x) if x.has(sp.Sum, sp.Product) else x
    return x


def _point_subs(lhs, rhs, point: dict, assumptions: Assumptions, rng: random.Random,
                pattern: int | None = None) -> dict | None:
    """Exact substitutions for a point; indexed values (y_i) are drawn from their family's declared domain once
    the sums are expanded (None if one cannot be drawn), at random or at its ends by `pattern` (`_member_value`)."""
    subs = {s: sp.Rational(v.numerator, v.denominator) for s, v in point.items()}
    indexed = set()
    for e in (lhs, rhs):
        try:
            x = e.xreplace(subs)
        except (ValueError, TypeError):  # the judge reports why this point cannot be evaluated
            continue
        if x.has(sp.Sum, sp.Product, *OVER) and x.atoms(sp.Indexed):
            try:  # only the members are wanted here: a limit is not taken (SymPy's limit of a min costs seconds)
                x = _members_of(x.replace(lambda y: isinstance(y, sp.Limit), lambda y: y.args[0]))
            except Exception:  # the sum stays symbolic; the judge will say so
                pass
        indexed |= {a for a in x.atoms(sp.Indexed) if all(i.is_Integer for i in a.indices)}
    for m, a in enumerate(sorted(indexed, key=sp.default_sort_key)):
        label = a.base.label
        d = domain_of(label, assumptions, names=assumptions.family_names(label.name, a.indices))
        v = _member_value(d, m, pattern, rng)
        if v is None:  # no value drawn inside the declared domain: no point, never one outside it
            return None
        subs[a] = sp.Rational(v.numerator, v.denominator)
    return subs


def _describe(point: dict, subs: dict) -> dict:
    out = {s.name: str(v) for s, v in point.items()}
    members = sorted((k for k in subs if isinstance(k, sp.Indexed)),  # y_2 before y_10: members in index order
                     key=lambda k: (k.base.label.name, [int(i) if i.is_Integer else 0 for i in k.indices], str(k)))
    out.update({str(k): str(subs[k]) for k in members})
    return out


def search(lhs, rel: str, rhs, assumptions: Assumptions, points: int = 60, seed: int = 0, optimise: bool = True,
           grid: int = 400):
    """(Found or None, stats): the first certified counterexample, or how many points were tried and held.

    The budget: the diagonal of special values (every variable at its k-th), with several variables the
    alternating patterns of PATTERNS (all ones, (1, -1, 1, ...), (1, 0, 1, ...), ...), the first `grid` points of their
    product grid (grid // 2 from three variables), `points` seeded random rationals, then, unless `optimise` is
    False or the relation is "!=", the optimiser's points (up to six variables, continuous ones only). A point
    is tried once, except that with indexed families (y_i) each random point draws their values afresh.
    """
    lhs_r, rhs_r = ready(lhs), ready(rhs)
    symbols = free_variables(lhs_r, rhs_r)
    small = small_symbols(lhs, rhs, lhs_r, rhs_r)  # a sum SymPy closed (harmonic(n, 2)) still bounds n
    domains = [domain_of(s, assumptions, s in small) for s in symbols]
    in_exponent = {s for e in (lhs_r, rhs_r) for p in e.atoms(sp.Pow) for s in p.exp.free_symbols}
    rng = random.Random(seed)
    limits = sum_limits.ranges(lhs, rhs)
    stats = {"points_tried": 0, "points_held": 0, "undecided_points": 0, "unevaluable": 0, "skipped_reason": None}

    def attempt(values, how, pattern=None):
        values = tuple(_tame(v, d) if s in in_exponent else v for s, v, d in zip(symbols, values, domains))
        if None in values:
            return None
        point = dict(zip(symbols, values))
        if sum_limits.off_range_of(limits, {s.name: v for s, v in point.items()}) is not None:
            return None  # the step as SymPy closed it, not as written: no verdict there
        subs = _point_subs(lhs_r, rhs_r, point, assumptions, rng, pattern)
        if subs is None:
            return None
        stats["points_tried"] += 1
        holds, lv, rv, note = judge(lhs_r, rel, rhs_r, subs)
        if holds is not True and "undefined" in note and (lhs_r, rhs_r) != (lhs, rhs):
            # SymPy's evaluated form (a sum's closed form dividing by 1 - r) may be undefined, on one side or on
            # both, where the step as written is not: judge the written step there instead
            holds, lv, rv, note = judge(sp.sympify(lhs), rel, sp.sympify(rhs), subs)
        if holds is False:
            return Found(_describe(point, subs), lv, rv, note, how)
        if holds is None:
            stats["undecided_points"] += 1
            stats["skipped_reason"] = stats["skipped_reason"] or note
            stats["unevaluable"] += note.startswith(NOT_EVALUATED)
        else:
            stats["points_held"] += 1
        return None

    # indexed values (y_i) are drawn afresh at every attempt: a random point repeated is still a new point
    families = any(e.atoms(sp.Indexed) for e in (lhs_r, rhs_r))
    if not symbols and not families:
        return attempt([], "exact"), stats
    specials = [special_values(d) or [random_value(d, rng)] for d in domains]
    tried = set()
    candidates = []
    for k in range(max((len(s) for s in specials), default=1)):  # the diagonal: each variable at its k-th special
        candidates.append(tuple(s[k % len(s)] for s in specials))
    diagonal = len(candidates)
    if len(symbols) > 1:  # patterns where many variables differ: a step in 200 variables false at (1, -1, 1, ...)
        for a, b in PATTERNS:
            candidates.append(tuple((a if j % 2 == 0 else b) if d.contains(a if j % 2 == 0 else b) else s[0]
                                    for j, (d, s) in enumerate(zip(domains, specials))))
    candidates += list(itertools.islice(itertools.product(*specials), grid if len(symbols) <= 2 else grid // 2))
    first_random = len(candidates)
    for _ in range(points):
        candidates.append(tuple(random_value(d, rng) for d in domains))
    soft = soft_remaining()
    stop_at = None if soft is None else time.monotonic() + soft

    def out_of_time() -> bool:  # a partial search says how many points held; it never counts as more
        if stats["unevaluable"] >= UNEVALUABLE == stats["points_tried"]:  # SymPy raised at every point
            stats["stopped"] = f"{NOT_EVALUATED} the step at the first {UNEVALUABLE} points"
            return True
        if stop_at is None or stats["points_tried"] < SOFT_FLOOR or time.monotonic() < stop_at \
                or not stats["points_held"]:
            return False
        n = stats["points_tried"]
        stats["stopped"] = f"the time budget ran out after {n} point{'s' if n != 1 else ''}"
        return True

    for k, values in enumerate(candidates):
        if out_of_time():
            return None, stats
        if None in values or (values in tried and not (families and k >= first_random)):
            continue
        tried.add(values)
        # on the diagonal, families also at their domain's ends (patterns in turn); random members elsewhere
        pattern = k % (MEMBER_PATTERNS + 1) if families and k < diagonal else None
        found = attempt(values, "special values and seeded random rationals",
                        pattern if pattern is not None and pattern < MEMBER_PATTERNS else None)
        if found:
            return found, stats
    if optimise and rel != "!=":
        for values in _optimise(lhs_r, rel, rhs_r, symbols, domains, rng):
            if out_of_time():
                return None, stats
            if values in tried:
                continue
            tried.add(values)
            found = attempt(values, "local optimisation of lhs - rhs")
            if found:
                return found, stats
    return None, stats


EXPONENT_CAP = 10**5  # (5/16)^(10^6) is a rational of 1.2 million digits, 17 s for SymPy to build exactly


def _tame(v: Fraction, d: Domain) -> Fraction | None:
    """A nearby rational with a small denominator: SymPy evaluates (p/q)^(p/q) exactly by a search over roots,
    which takes minutes for q ~ 10^9; and an exponent beyond EXPONENT_CAP is taken at the cap. Only where the search
    looks changes, never how a point is judged."""
    if abs(v) > EXPONENT_CAP:
        v = Fraction(EXPONENT_CAP if v > 0 else -EXPONENT_CAP)
    for q in (64, 4096):
        w = v.limit_denominator(q)
        if d.contains(w):
            return w
    return None  # no tame value nearby: the point is skipped


def violation(lhs, rel: str, rhs, symbols):
    """How badly the relation fails at a point, as an mpmath function of the symbols: > 0 where it fails, 0 where
    only its strict form fails; for "=" it is (lhs - rhs)^2, > 0 wherever the equation fails."""
    gap = (lhs - rhs) if rel in ("<=", "<") else (rhs - lhs) if rel in (">=", ">") else (lhs - rhs) ** 2
    return sp.lambdify(symbols, gap, modules="mpmath")


def as_mpf(q: Fraction):
    """q at mpmath's working precision (Fraction and mpf do not mix: Fraction - mpf raises TypeError)."""
    return mpmath.mpf(q.numerator) / q.denominator


def to_range(u, lo, hi):
    """The optimiser's free coordinate u mapped increasingly onto the open range (lo, hi) (ends mpf or None):
    logistic on a bounded range, lo + e^u and hi - e^(-u) on half-lines; u = 0 is the centre, lo + 1 or hi - 1."""
    if lo is not None and hi is not None:
        return lo + (hi - lo) / (1 + mpmath.exp(-u))
    if lo is not None:
        return lo + mpmath.exp(u)
    if hi is not None:
        return hi - mpmath.exp(-u)
    return u


def rank(v) -> float:
    """The objective for a violation v: -v / (1 + |v|), decreasing and inside (-1, 1), so the worst violation is
    the minimum and any point of the domain ranks below OUTSIDE. A non-real v (a side undefined there, itself a
    counterexample) ranks like v = 10^30."""
    v = mpmath.mpf(v) if not isinstance(v, mpmath.mpc) else mpmath.mpf(10**30)
    g = -float(v / (1 + abs(v)))
    return g if math.isfinite(g) else OUTSIDE


def objective(f, fixed: list, cont: list, ends: list):
    """What Nelder-Mead minimises: rank(f) with the coordinates `cont` at to_range(u) and the others at `fixed`."""
    def at(us) -> float:
        vals = list(fixed)
        for k, u in zip(cont, us):
            vals[k] = to_range(mpmath.mpf(float(u)), *ends[k])
        try:
            with mpmath.workdps(DIGITS):
                return rank(f(*[as_mpf(x) if isinstance(x, Fraction) else x for x in vals]))
        except Exception:  # outside the expression's domain: no information here
            return OUTSIDE
    return at


def exact(x) -> Fraction | None:
    """The mpf x as the exact rational it is, or None if it is not finite or lies outside float64's range (the
    optimiser's own: its coordinates are floats). Beyond that range the exact value can have more digits than
    memory holds: e^(10^90), where Nelder-Mead drifts when a violation keeps growing toward infinity."""
    if not mpmath.isfinite(x) or (x != 0 and not sys.float_info.min <= abs(x) <= sys.float_info.max):
        return None
    return Fraction(*mpmath.libmp.to_rational(x._mpf_))


def rounded(us, fixed: list, cont: list, ends: list, domains: list):
    """The optimiser's point as exact rationals inside the domains: nearest with denominators <= 10^6, <= 10^12,
    <= 10^3 (each rounding that leaves a domain, or a coordinate that `exact` refuses, is dropped)."""
    for digits in (10**6, 10**12, 10**3):
        vals = list(fixed)
        for k, u in zip(cont, us):
            with mpmath.workdps(DIGITS):
                v = exact(to_range(mpmath.mpf(float(u)), *ends[k]))
            v = None if v is None else v.limit_denominator(digits)
            if v is None or not domains[k].contains(v):
                break
            vals[k] = v
        else:
            yield tuple(vals)


def _optimise(lhs, rel, rhs, symbols, domains, rng, starts: int = 8):
    """Candidate points near the worst violation of the relation, found by Nelder-Mead from several starts."""
    if any(e.atoms(sp.Indexed) or e.has(sp.Sum, sp.Product, sp.Limit, sp.Derivative, *OVER) for e in (lhs, rhs)):
        return
    cont = [k for k, d in enumerate(domains) if d.values is None and not d.integer]
    if not cont or len(symbols) > 6:
        return
    try:
        f = violation(lhs, rel, rhs, symbols)
    except Exception:  # an expression lambdify cannot translate: no optimisation
        return
    ends = [(None if d.lo is None else as_mpf(d.lo), None if d.hi is None else as_mpf(d.hi)) for d in domains]
    fixed = [random_value(d, rng) for d in domains]
    at = objective(f, fixed, cont, ends)
    for s in range(starts):
        u0 = [rng.uniform(-6, 6) if s else 0.0 for _ in cont]
        try:
            res = minimize(at, u0, method="Nelder-Mead", options={"maxiter": 300 * len(cont), "xatol": 1e-10,
                                                                  "fatol": 1e-14})
        except Exception:  # the optimiser failed from this start: try the next
            continue
        yield from rounded(res.x, fixed, cont, ends, domains)


# -- evidence -----------------------------------------------------------------------------------
def refutation(found: Found) -> dict:
    """A counterexample as a verdict's evidence: the point, both sides as shown values, who certified it."""
    return {"counterexample": found.point, "lhs": shown(found.lhs), "rhs": shown(found.rhs),
            "certified_by": found.note, "found_by": found.how}


# -- as deciders of the verdict engine ------------------------------------------------------------
QUICK = {"points": 8, "optimise": False, "grid": 24}  # the cheap pass: special values, a small grid, 8 random


def decide_quick(p: Problem) -> Outcome | None:
    """The cheap search, before any proof attempt: a step false at a plain point is refuted in seconds, and a
    proof found later has been re-checked at these points (SymPy's limits have been wrong before)."""
    found, stats = search(p.lhs, p.rel, p.rhs, p.assumptions, seed=p.seed, **QUICK)
    if found is not None:
        return Outcome("refuted", f"counterexample ({found.how})", refutation(found))
    p.notes["points_held"] = stats["points_held"]
    if stats["unevaluable"] >= UNEVALUABLE == stats["points_tried"]:
        p.notes["unevaluable"] = stats  # the whole search would meet the same failure at each of its points
    return None


def decide_search(p: Problem) -> Outcome:
    """The whole search, last: a counterexample, or how many points held (never a proof)."""
    left = remaining()
    if "unevaluable" in p.notes:
        found, stats = None, p.notes["unevaluable"]
    else:
        with pace(None if left is None else left / 2):  # a slow search (sums evaluated point by point) stops half way
            found, stats = search(p.lhs, p.rel, p.rhs, p.assumptions, points=p.points, seed=p.seed)
    if found is not None:
        return Outcome("refuted", f"counterexample ({found.how})", refutation(found))
    if stats["points_held"] == 0:
        return Outcome("undecided", "none", {"reason": "no point could be decided "
                                                       f"({stats['skipped_reason'] or 'no points'})", **stats})
    return Outcome("numerically holds, not proved", "counterexample search found none", stats)
