"""Transcendental inequalities proved as MetiTarski proves them: bounds for each function, then Z3.

Each occurrence of exp, log, cos or sin in the step becomes a fresh real variable constrained by bounds that its
true value satisfies (`bounds.py`), and Z3 decides the polynomial problem that is left: its `unsat` of
domain + constraints + negated step is a proof, because the true values satisfy every constraint (a sound
abstraction: no polarity bookkeeping is needed, polarity only decides which bounds are worth sending).

- exp(g): E > 0 and every exp bound at g; every pair of exp occurrences is related by the same bounds centred at
  the other one (e^{g_j} >= e^{g_i} T_n(g_j - g_i), ...), which carries tangency at a touching point that another
  occurrence names (x e^{-x} <= e^{-1} at x = 1), convexity (two-point Jensen, tangent lines) and monotonicity.
- log(h): W with "exp(W) = h" (h > 0 is required, below), so log is handled through exp's bounds and the same
  pairs (log-Jensen, log y <= log x + (y - x)/x), plus log's own rational bounds.
- a power b^e with a symbolic exponent is exp(e log b) (b > 0; 0^e is 0 or 1 for e >= 0); sqrt is algebraic
  (r >= 0, r^2 = x).
- the logarithms of products and quotients of positive factors are first split into sums (log(n/delta) =
  log n - log delta), then, where that proves nothing, the step is tried as written.
- cos(g), sin(g): their bounds, and cos^2 + sin^2 = 1 for one argument.
- constants (e, pi, log 2, e^{-1}) are variables with Arb enclosures, one variable per constant on both sides.
- the step must be defined wherever the domain allows: every log argument positive, denominator nonzero, square
  root argument nonnegative. The query asks for a point where the step fails *or* one of these fails, and each
  abstraction's constraints are guarded by its own definedness, so `unsat` also proves the step defined.

The degree rises (Taylor degree 1, 3, 5, 7 of every bound) while the decider's share of the budget lasts; a model
at which `judge` finds the step really false is a certified counterexample, any other model only asks for tighter
bounds (a CEGAR loop). Z3's `sat` is never trusted.
"""

from __future__ import annotations

from fractions import Fraction

import sympy as sp
import z3

from derivcheck.budget import remaining
from derivcheck.deciders import mean_value, members, obligations, smt, tangency, touching_point
from derivcheck.deciders.abstraction import Abstraction, Atom, NotApplicable, abstraction, applicable, cases
from derivcheck.deciders.bounds import Bound, bounds
from derivcheck.deciders.counterexamples import Found, refutation
from derivcheck.deciders.judge import judge
from derivcheck.deciders.monotone import by_derivative
from derivcheck.deciders.problem import Outcome, Problem
from derivcheck.deciders.prover import prove_zero
from derivcheck.reader.declarations import Assumptions
from derivcheck.reader.domains import domain_of

LEVELS = {1: 1000, 3: 2000, 5: 3000, 7: 4000}  # the largest Taylor degree of the bounds sent -> Z3's timeout (ms)
RELATIONS = ("<", "<=", ">", ">=", "=")  # an identity is proved by the exact relations between occurrences
DEPTH = 2  # derivatives taken at most, one variable
CHEAP = (1, 3)
__all__ = ["NotApplicable", "applicable", "abstraction", "constraints", "decide"]


def constraints(a: Abstraction, max_degree: int) -> tuple[list, list[str]]:
    """The atoms' bounds up to `max_degree`, each guarded by where its atoms are defined, and their names."""
    out, used = [], set()
    exps = [x for x in a.atoms if x.function == "exp"]
    one = Atom("exp", z3.RealVal(0), z3.RealVal(1), label="exp(0)")
    for x in a.atoms:
        if x.function in ("cos", "sin"):
            for b in bounds(x.function, max_degree):
                out.append(_instance(b, x.value, x.arg, None))
                used.add(f"{x.function} bounds to degree {max_degree}")
    for i in exps:
        for j in [one] + exps + _shifted(exps, i):
            if i is j:
                continue
            for b in bounds("exp", max_degree):
                # e^{g_i} F(t) with t = g_i - g_j is a bound of e^{g_i} centred at the other occurrence
                t = i.arg - j.arg
                cleared = b.cleared(i.value, t) if j is one else _centred(b, i.value, j.value, t)
                guard = [g for g in (i.guard, j.guard) if g is not None]
                out.append(_guarded(b, t, cleared, guard))
            used.add("exp Taylor bounds" + (" centred at each other occurrence" if len(exps) > 1 else ""))
        if i.guard is not None:
            for b in bounds("log", max_degree):
                out.append(_guarded(b, i.value, b.cleared(i.arg, i.value), [i.guard]))
            used.add("log's rational bounds")
    return out, sorted(used)


def _shifted(exps: list, i: Atom) -> list:
    """Centres e^{-c} = 1/e^{c} for each constant c (log y <= y/e touches at y = e), and e^{g_j + c} =
    e^{g_j} e^{c} for every other occurrence g_j and constant c (e^{a + log 2} in log(e^a + e^b) <= max(a, b) +
    log 2, where the two sides touch at a = b)."""
    out = [Atom("exp", -c.arg, 1 / c.value, c.guard, f"1/{c.label}") for c in exps if c.constant and c is not i]
    for c in exps:
        for j in exps:
            if c.constant and not j.constant and i is not c and i is not j:
                guard = [x.guard for x in (c, j) if x.guard is not None]
                out.append(Atom("exp", j.arg + c.arg, j.value * c.value, z3.And(*guard) if guard else None,
                                f"{j.label} {c.label}"))
    return out


def _centred(b: Bound, value, centre, t):
    """e^{g} against e^{c} T(g - c): the cleared form times e^{c} > 0 (value = e^g, centre = e^c)."""
    at0, at1 = b.cleared(z3.RealVal(0), t), b.cleared(z3.RealVal(1), t)  # cleared(v) = v k + m: linear in v
    return value * (at1 - at0) + centre * at0


def _guarded(b: Bound, t, cleared, guards: list):
    cond = list(guards)
    if b.lo is not None:
        cond.append(t >= z3.RealVal(f"{b.lo.numerator}/{b.lo.denominator}"))
    if b.hi is not None:
        cond.append(t <= z3.RealVal(f"{b.hi.numerator}/{b.hi.denominator}"))
    return z3.Implies(z3.And(*cond), cleared >= 0) if cond else cleared >= 0


def _instance(b: Bound, value, arg, guard):
    return _guarded(b, arg, b.cleared(value, arg), [guard] if guard is not None else [])


def decide(p: Problem) -> Outcome | None:
    """The step proved by bounds and Z3 at the lowest degree that suffices, or (one variable) by the sign of its
    derivative on either side of a touching point, refuted at a model `judge` confirms, or None (not applicable,
    or nothing sufficed within the share). A family's lone member at a free index (p_i log(p_i/q_i)) is a variable
    of its family's domain (`members`: exact, so a refutation there is the step's)."""
    renamed = members.as_variables(*p.ready, p.assumptions)
    if renamed is not None:
        lhs, rhs, assumptions = renamed
        p = Problem(lhs, p.rel, rhs, assumptions, p.points, p.seed, p.notes)  # conditions: definedness's, shown
    # a Lipschitz step, or a gap convex in one variable touching 0 there, through derivatives (one variable, cheap)
    # before bounds in several
    through = mean_value.lipschitz(p, lambda sub: _decide(sub, DEPTH)) or tangency.decide(p, lambda sub: _decide(
        sub, DEPTH))
    if through is not None:
        return through
    # Pinsker's for Bernoullis: 0 at q = p, and (q - p) dD/dq rational, which Z3 decides at once; after the cheap
    # bounds (which prove most steps, and name their bounds), before the derivative argument and the dear bounds
    tried = []

    def touching(algebraic: bool = True) -> Outcome | None:  # once
        if algebraic in tried:
            return None
        tried.append(algebraic)
        return touching_point.decide(p, lambda sub: _decide(sub, DEPTH - 1), algebraic, defined)

    expanded = _logs_expanded(p)  # first: exact, and Z3 then sees log(n/delta) = log n - log delta
    out = None if expanded is None else _decide(expanded, DEPTH, touching)
    if out is not None and out.verdict == "proved" and not out.method.startswith(touching_point.METHOD):
        return Outcome(out.verdict, "logs of products split into sums, then " + out.method, out.evidence,
                       out.certificate)
    return out or by_logs(p) or _decide(p, DEPTH, touching) or _logs_combined(p) or touching(algebraic=False)


def _logs_combined(p: Problem) -> Outcome | None:
    """The difference of the sides with its logarithms of positive arguments merged into one (log a + log b =
    log(ab) for a, b > 0, SymPy's `logcombine` where its assumptions show them positive): t a x - log x >=
    1 + log(t a) is log(t a x) <= t a x - 1, where one bound of log closes what separate logs' bounds leave open.
    Only a proof counts."""
    if p.rel not in ("<", "<=", ">", ">=") or len(sp.Tuple(*p.ready).atoms(sp.log)) < 2:
        return None
    merged = sp.logcombine(sp.expand_log(p.ready[0] - p.ready[1]))
    if len(merged.atoms(sp.log)) >= len(sp.Tuple(*p.ready).atoms(sp.log)):
        return None
    out = _decide(Problem(merged, p.rel, sp.Integer(0), p.assumptions, p.points, p.seed, p.notes), DEPTH)
    if out is None or out.verdict != "proved":
        return None
    return Outcome("proved", f"logarithms merged (log a + log b = log ab, a, b > 0), then {out.method}", out.evidence,
                   out.certificate)


def by_logs(p: Problem) -> Outcome | None:
    """lhs <= rhs as log lhs <= log rhs where both sides are shown positive (log is increasing there), the logs of
    products and powers split: e ((k + 1)/(k + 2))^{k + 1} >= 1 is 1 + (k + 1) log((k + 1)/(k + 2)) >= 0, which the
    bounds close (the ratio step of (n/e)^n <= n!) where the product of two exponentials' bounds did not. Only for a
    step with a power whose exponent is a variable (or an exponential) in a product; only a proof counts."""
    if p.rel not in ("<", "<=", ">", ">="):
        return None
    lhs, rhs = p.ready
    powers = [x for x in sp.Tuple(lhs, rhs).atoms(sp.Pow, sp.exp) if x.free_symbols and (
        isinstance(x, sp.exp) or x.exp.free_symbols)]
    if not powers or not any(side.is_Mul and side.has(*powers) for side in (lhs, rhs)):
        return None
    if not all(obligations.prove(sp.Integer(0), "<", side, p.assumptions) for side in (lhs, rhs)):
        return None
    logs = [sp.expand(sp.expand_log(sp.log(side))) for side in (lhs, rhs)]
    if any(isinstance(x, sp.log) and x.args[0].is_Mul for x in logs):  # a product SymPy could not split
        return None
    out = _decide(Problem(logs[0], p.rel, logs[1], p.assumptions, p.points, p.seed, p.notes), DEPTH)
    if out is None or out.verdict != "proved":
        return None
    return Outcome("proved", f"logarithms of both sides (both positive; log is increasing), then {out.method}",
                   out.evidence, out.certificate)


def _logs_expanded(p: Problem) -> Problem | None:
    """p with the logarithms of products and quotients of factors SymPy knows positive split into sums (log(n/delta)
    = log n - log delta, exact there), so that Z3 sees the linear relation between them; None when none splits."""
    lhs, rhs = (sp.expand_log(e) for e in p.ready)
    if (lhs, rhs) == p.ready:
        return None
    return Problem(lhs, p.rel, rhs, p.assumptions, p.points, p.seed, p.notes)


def _decide(p: Problem, depth: int, between=None) -> Outcome | None:
    """`between`: a proof attempt of the caller's, run after the cheap bounds and before the dear ones."""
    # a derivative's sign may be a polynomial step: below the top, Z3 decides it here too
    if p.rel not in RELATIONS or (depth == DEPTH and not (applicable(*p.ready) or _algebraic(*p.ready))):
        return None
    # cheap degrees first, then the derivative argument (one variable), then the expensive degrees
    if p.rel == "=":  # bounds cannot close an identity: only the exact relations (e^{-x} e^x = 1, ...) can
        return by_bounds(p, CHEAP[:1]) or by_exponentiating(p)
    out = by_bounds(p, CHEAP)
    if out is None and between is not None:
        out = between()
    if out is None and depth > 0:
        out = by_derivative(p, lambda sub: _decide(sub, depth - 1), defined)
    return out if out is not None else by_bounds(p, [d for d in LEVELS if d not in CHEAP])


def _algebraic(lhs, rhs) -> bool:
    """A root and a min, max or |.| in one step: Z3 takes the root as r >= 0, r^2 = x in each case of the min (its
    own nonlinear procedure, tried earlier, takes the min whole and gives up on 1/min(1/L, sqrt(A/(BT))))."""
    both = sp.Tuple(lhs, rhs)
    return both.has(sp.Min, sp.Max, sp.Abs) and any(x.exp.is_Rational and not x.exp.is_Integer
                                                    for x in both.atoms(sp.Pow))


def by_exponentiating(p: Problem) -> Outcome | None:
    """An identity with logarithms proved case by case (where |.|, max and min change branch) as e^lhs = e^rhs by
    SymPy: exp is one-to-one on the reals, so where both sides are real (SymPy's assumptions) the identity follows.
    log(e^a + e^b) = max(a, b) + log(1 + e^{-|a - b|}) is a + log(1 + e^{b - a}) for a >= b, e^a (1 + e^{b - a})."""
    # max(x, y) = (x + y + |x - y|)/2: with max(a, b) and |a - b| in one step the cases are then the two of |a - b|,
    # never a max-branch against the other |.|-branch (a point set where neither identity holds alone)
    halves = {sp.Max: 1, sp.Min: -1}
    lhs, rhs = (e.replace(lambda x: type(x) in halves and len(x.args) == 2,
                          lambda x: (x.args[0] + x.args[1] + halves[type(x)] * sp.Abs(x.args[0] - x.args[1])) / 2)
                for e in p.ready)
    pieces = cases(lhs, rhs) if sp.Tuple(lhs, rhs).has(sp.log) else None
    if not pieces:
        return None
    for left, right, _ in pieces:  # each case's identity is proved for every point, its condition not used
        if left.is_real is not True or right.is_real is not True:
            return None
        ok, _ = prove_zero(sp.expand(sp.exp(left)) - sp.expand(sp.exp(right)))
        if not ok:
            return None
    split = f" in each of {len(pieces)} cases of |.|, max, min" if len(pieces) > 1 else ""
    return Outcome("proved", f"both sides exponentiated (exp is one-to-one on the reals){split}, then SymPy")


def by_bounds(p: Problem, degrees) -> Outcome | None:
    """Every occurrence replaced by its bounds, degree by degree, and Z3 on the polynomial problem: one query per
    case of |.|, max and min, each case's certificate in turn."""
    lhs, rhs = p.ready
    pieces = cases(lhs, rhs) or [(lhs, rhs, [])]
    queries = [_query(left, p.rel, right, p.assumptions, conditions) for left, right, conditions in pieces]
    proofs: dict = {}
    for degree in degrees:
        for k, (a, symbols, base, fails) in enumerate(queries):
            left = remaining()
            if left is not None and left < 0.2:
                return None
            if k in proofs:
                continue
            facts, used = constraints(a, degree)
            timeout = LEVELS[degree] if left is None else max(min(LEVELS[degree], int(left * 1000 * 0.6)), 100)
            answer = smt.solve(base + a.facts + facts + [fails], timeout)
            if answer.status == "unsat":
                proofs[k] = (answer.smt2, used, degree, a)
            elif answer.status == "sat":
                found = _real_counterexample(answer.model, symbols, a.vars, lhs, p.rel, rhs, p.assumptions)
                if found is not None:
                    return Outcome("refuted", f"counterexample ({found.how})", refutation(found))
        if len(proofs) == len(queries):
            return _proved(proofs, p.rel)
    return None


def _query(lhs, rel, rhs, assumptions, conditions):
    """(abstraction, symbols, domain and case conditions, the negated step or a side undefined)."""
    a, symbols, zl, zr, base = abstraction(lhs, rhs, assumptions, tuple(conditions))
    relation = {"<": zl < zr, "<=": zl <= zr, ">": zl > zr, ">=": zl >= zr, "=": zl == zr}[rel]
    return a, symbols, base, z3.Or(z3.Not(relation), *[z3.Not(d) for d in a.defined])


def _proved(proofs: dict, rel: str) -> Outcome:
    used = sorted({u for _, names, _, _ in proofs.values() for u in names})
    degree = max(d for _, _, d, _ in proofs.values())
    atoms = sorted({x.label for _, _, _, a in proofs.values() for x in a.atoms})
    split = f" in each of {len(proofs)} cases of |.|, max, min" if len(proofs) > 1 else ""
    how = f"transcendental bounds then Z3 ({'; '.join(used)}; Taylor degree <= {degree}) for {', '.join(atoms)}" \
        if atoms else "Z3 (nonlinear real arithmetic, no transcendental occurrence)"
    if rel == "=" and atoms:
        how = f"an identity of {', '.join(atoms)} (exponentials of one base as powers of one, e^(a+b) = e^a e^b), " \
              "then Z3"
    return Outcome("proved", f"{how}{split}: no real counterexample", {},
                   certificate="\n(reset)\n".join(smt2 for smt2, _, _, _ in proofs.values()))


def defined(expr, assumptions: Assumptions) -> bool:
    """Whether expr has a value at every point of the domain (logs of positives, no division by 0, roots of
    nonnegatives), decided by Z3 with degree-1 bounds of its occurrences."""
    a, _, _, _, domain = abstraction(expr, sp.Integer(0), assumptions)
    if not a.defined:
        return True
    facts, _ = constraints(a, 1)
    answer = smt.solve(domain + a.facts + facts + [z3.Or(*[z3.Not(d) for d in a.defined])], LEVELS[1])
    return answer.status == "unsat"


def _real_counterexample(model, symbols, vars_, lhs, rel, rhs, assumptions: Assumptions) -> Found | None:
    """The model's point judged exactly: a Found only if it is in the domain (integers were relaxed to reals) and
    the step really fails there."""
    subs = {}
    for s in symbols:
        val = model.eval(vars_[s], model_completion=True)
        if z3.is_rational_value(val):
            f = val.as_fraction()
        elif z3.is_algebraic_value(val):
            f = val.approx(20).as_fraction()
        else:
            return None
        if not domain_of(s, assumptions).contains(Fraction(f.numerator, f.denominator)):
            return None
        subs[s] = sp.Rational(f.numerator, f.denominator)
    holds, lv, rv, note = judge(lhs, rel, rhs, subs)
    if holds is False:
        return Found({s.name: str(v) for s, v in subs.items()}, lv, rv, note, "bounds' Z3 model, re-checked")
    return None
