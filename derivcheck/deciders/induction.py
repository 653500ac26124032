"""Sums over a symbolic range proved by induction on their upper limit.

A step `lhs REL rhs` whose sums all run up to N + c (N one integer variable, c an integer free of N: a number or an
integer parameter such as w in sum_{k=w+1}^{w+K}; the terms free of N and of any family) is a statement P(N) about
an integer N >= N0, N0 its declared least value. Write D(N) for rhs - lhs
(lhs - rhs for >=; either for =). Then

* D(N0) >= 0 (> 0 for a strict step, = 0 for an equation): the base case, with every sum finite there, and
* D(N + 1) - D(N) >= 0 (= 0 for an equation) for every N >= N0: the inductive step, in which each sum leaves
  only its new term (sum_{i=a}^{N+1+c} f(i) - sum_{i=a}^{N+c} f(i) = f(N + 1 + c)),

prove D(N) >= 0 for every N >= N0, by induction. Both are statements without sums, proved by SymPy or Z3; the
inductive step is proved for every real N >= N0 where it can be (a stronger statement), else for integers. Each sum
must be an ordinary sum at N0 (N0 + c >= a - 1): SymPy's sums over a range running backwards follow Karr's
convention, which no paper means. This proves closed forms (geometric, telescoping, power sums) and the bounds that
grow with N (sum 1/sqrt(t) <= 2 sqrt(T) - 1, sum 1/t <= 1 + log T, sum 1/t^2 <= 2 - 1/T); a bound that does not
grow (sum 1/t^2 <= 2) is not an induction of this kind, and is left to the lemma library.
"""

from __future__ import annotations

import sympy as sp

from derivcheck.deciders import obligations, transcendental
from derivcheck.deciders.problem import Outcome, Problem
from derivcheck.deciders.prover import prove_zero
from derivcheck.deciders.vector_form import bound_symbols
from derivcheck.reader.declarations import Assumptions
from derivcheck.reader.domains import domain_of

LATE_START = 4  # the step may hold only from N0 + LATE_START on: the values below it are evaluated exactly


def prove(lhs, rel: str, rhs, assumptions: Assumptions) -> str | None:
    """How induction on a sum's upper limit proves the step, or None."""
    if rel not in ("=", "<=", "<", ">=", ">"):
        return None
    lhs, rhs = sp.sympify(lhs), sp.sympify(rhs)
    found = _variable(lhs, rhs)
    if found is None:
        return None
    n, sums = found
    d = domain_of(n, assumptions)
    if d.values is not None or d.lo is None or d.hi is not None:
        return None
    n0 = d.integer_ends()[0]
    if any(((n0 + c) - lo + 1).is_nonnegative is not True for _, lo, c in sums.values()):
        return None
    if rel in (">=", ">"):
        lhs, rhs, rel = rhs, lhs, {">=": "<=", ">": "<"}[rel]
    diff = rhs - lhs
    step = _increment(diff, n, sums)
    if step is None:
        return None
    base = diff.xreplace({n: sp.Integer(n0)}).doit()
    k = sp.Symbol("_k", nonnegative=True)  # no name the reader gives: it cannot meet the step's own k
    if rel == "=":
        base = diff.xreplace({n: sp.Integer(n0)}).doit()
        if base.has(sp.Sum):
            return None
        ok0, _ = prove_zero(base)
        ok1, how = prove_zero(step.xreplace({n: n0 + k}))
        if not ok1:
            ok1, how = prove_zero(_gamma_logs(step.xreplace({n: n0 + k})))
        return f"induction on {n} from {n} = {n0} (base case and step: SymPy, {how})" if ok0 and ok1 else None
    start = _start(lambda m: step.xreplace({n: m}), n0)  # k^2 <= 2^k + 1: the step holds from k = 3 on
    for m in range(n0, start + 1):  # the base cases: every value below the start, and the start
        base = diff.xreplace({n: sp.Integer(m)}).doit()
        if base.has(sp.Sum) or not _nonnegative(base, rel == "<", assumptions):
            return None
    if start <= n0 + LATE_START:
        for var in (k, sp.Symbol("_k", integer=True, nonnegative=True)):
            at = step.xreplace({n: start + var})
            how = (_nonnegative(at, False, assumptions) or _nonnegative(_gamma_logs(at), False, assumptions)
                   or _by_bounds(sp.Integer(0), _gamma_logs(at), assumptions))
            if how:
                return (f"induction on {n} from {n} = {start}{_cases(n, n0, start)}: the base case, and the step "
                        f"D({n} + 1) - D({n}) >= 0 for {n} >= {start} ({how})")
    return None


def _start(step_at, n0: int) -> int:
    """The first N from which the inductive step holds at every integer up to n0 + LATE_START + 4, evaluated
    exactly (n0 + LATE_START + 1 if there is none): the one start the proof is tried from."""
    values = []
    for m in range(n0, n0 + LATE_START + 5):
        try:
            values.append(sp.sympify(step_at(sp.Integer(m))).doit().is_nonnegative)
        except Exception:  # cannot be evaluated there: no reason to start later
            values.append(None)
    for j in range(LATE_START + 1):
        if all(v is not False for v in values[j:]):
            return n0 + j
    return n0 + LATE_START + 1


def _cases(n, n0: int, start: int) -> str:
    return f" ({n} = {n0}..{start - 1} evaluated)" if start > n0 else ""


def _variable(lhs, rhs):
    """(N, {sum: (index, lower limit, c)}) when every sum of the step runs from a limit free of N up to N + c, with
    a term free of N and of families, or, for a step without sums, its one integer variable; else None."""
    both = sp.Tuple(lhs, rhs)
    sums = [s for s in both.atoms(sp.Sum)]
    if both.atoms(sp.Product, sp.Indexed, sp.Limit, sp.Derivative) or len(bound_symbols(both)) > len(sums):
        return None  # a sum inside another operator's scope is not one number
    if not sums:
        integers = [x for x in both.free_symbols if x.is_integer]
        return (integers[0], {}) if len(integers) == 1 else None
    if any(len(s.limits) != 1 for s in sums):
        return None
    # N: an integer variable of every upper limit, in no lower limit or term (K of sum_{k=w+1}^{w+K}, w a parameter)
    candidates = set.intersection(*({x for x in s.limits[0][2].free_symbols if x.is_integer} for s in sums))
    for n in sorted(candidates, key=sp.default_sort_key):
        out = {}
        for s in sums:
            i, lo, hi = s.limits[0]
            c = sp.expand(hi - n)
            if c.has(n) or not c.is_integer or lo.has(n) or s.function.has(n) or s.function.has(sp.Sum):
                break
            out[s] = (i, lo, c)
        else:
            return n, out
    return None


def _increment(diff, n, sums):
    """D(N + 1) - D(N) without sums, when D is linear in its sums with coefficients free of N."""
    names = {s: sp.Dummy("s") for s in sums}
    linear = diff.xreplace(names)
    rest = linear.xreplace({v: sp.S.Zero for v in names.values()})  # sympified: a lone sum leaves 0, not int 0
    out = rest.xreplace({n: n + 1}) - rest
    for s, v in names.items():
        coeff = sp.diff(linear, v)
        if coeff.has(n, *names.values()):
            return None
        i, lo, c = sums[s]
        out += coeff * s.function.xreplace({i: n + 1 + c})
    return out


def decide(p: Problem) -> Outcome | None:
    """Induction as a decider of its own, for a step in one integer variable with a least value that nothing before
    it proved: on the difference (2^k >= k + 1: D(k + 1) - D(k) = 2^k - 1 >= 0) or on the ratio of two positive
    sides (n! <= n^n: (n + 1)!/n! = n + 1 <= (n + 1)^(n + 1)/n^n)."""
    if p.rel not in ("<=", "<", ">=", ">") or not any(x.is_integer for x in (p.lhs - p.rhs).free_symbols):
        return None
    tries = (prove, by_ratio)
    if sp.Tuple(p.lhs, p.rhs).has(sp.factorial, sp.binomial, sp.gamma):
        tries = (by_ratio, prove)  # products: their ratios cancel, their differences go to the bounds (slowly)
    how = next((h for h in (f(p.lhs, p.rel, p.rhs, p.assumptions) for f in tries) if h), None)
    return Outcome("proved", how, {"rechecked_points": p.notes.get("points_held", 0)}) if how else None


def by_ratio(lhs, rel: str, rhs, assumptions: Assumptions) -> str | None:
    """lhs <= rhs (or <) for every integer N >= N0 when both sides are positive there, it holds at N0, and
    L(N + 1)/L(N) <= R(N + 1)/R(N) for every N >= N0: then L(N + 1) = r L(N) <= r R(N) <= q R(N) = R(N + 1)."""
    if rel not in ("<=", "<", ">=", ">"):
        return None
    lhs, rhs = sp.sympify(lhs), sp.sympify(rhs)
    if rel in (">=", ">"):
        lhs, rhs, rel = rhs, lhs, {">=": "<=", ">": "<"}[rel]
    found = _variable(lhs, rhs)
    if found is None or found[1]:
        return None
    n = found[0]
    d = domain_of(n, assumptions)
    if d.values is not None or d.lo is None or d.hi is not None:
        return None
    n0 = d.integer_ends()[0]
    if not all(obligations.prove(0, "<", side, assumptions) or obligations.prove(0, "<", side.rewrite(sp.gamma),
                                                                                   assumptions) for side in (lhs, rhs)):
        return None  # binomial(2n, n) > 0 is SymPy's once written with gamma
    ratios = [sp.gammasimp(side.xreplace({n: n + 1}) / side) for side in (lhs, rhs)]
    start = _start(lambda m: ratios[1].xreplace({n: m}) - ratios[0].xreplace({n: m}), n0)
    for m in range(n0, start + 1):
        if not _nonnegative((rhs - lhs).xreplace({n: sp.Integer(m)}), rel == "<", assumptions):
            return None
    if start <= n0 + LATE_START:
        for var in (sp.Symbol("_k", nonnegative=True), sp.Symbol("_k", integer=True, nonnegative=True)):
            r, q = (e.xreplace({n: start + var}) for e in ratios)
            how = obligations.prove(r, "<=", q, assumptions) or _by_bounds(sp.Integer(1),
                                                                           sp.powsimp(sp.simplify(q / r)), assumptions)
            if how:
                return (f"induction on {n} from {n} = {start}{_cases(n, n0, start)} on the ratio: both sides "
                        f"positive, the base case, and L({n} + 1)/L({n}) = {sp.sstr(ratios[0])} <= R({n} + 1)/R({n}) = "
                        f"{sp.sstr(ratios[1])} for {n} >= {start} ({how})")
    return None


def _gamma_logs(e):
    """e with its logarithms combined and factorials' ratios cancelled: log (N + 1)! - log N! is log(N + 1). Sound
    where the step is defined as written (every logarithm's argument positive there, at N and at N + 1)."""
    try:
        return sp.gammasimp(sp.logcombine(e, force=True))
    except Exception:  # SymPy cannot rewrite it: the form as it was
        return e


def _by_bounds(lhs, rhs, assumptions: Assumptions) -> str | None:
    try:
        out = transcendental.decide(Problem(lhs, "<=", rhs, assumptions))
    except Exception:  # a form the bounds cannot take (a gamma function left by SymPy): not proved this way
        return None
    return out.method if out is not None and out.verdict == "proved" else None


def _nonnegative(e, strict: bool, assumptions: Assumptions) -> str | None:
    """e >= 0 (> 0 if strict) for every value of its symbols."""
    return obligations.prove(sp.Integer(0), "<" if strict else "<=", e, assumptions)
