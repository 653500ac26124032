"""Complete decision procedures behind `gdpc check` (see `decide` for the search and the point judge).

* `z3_decide`: polynomial and rational steps (with |x|, max, min) are decided
  exactly by Z3's nonlinear real arithmetic: a proof, or a model that is then
  re-checked exactly here (Z3 is not trusted with the counterexample).
* `cases`: every variable ranges over a finite set: each case is decided exactly.
* `branch_and_bound`: on a bounded box, Arb balls prove `lhs <= rhs` box by box or
  find a point where it fails (certified).
"""

from __future__ import annotations

import itertools
from fractions import Fraction

import sympy as sp
import z3

from derivcheck.deciders import members, smt
from derivcheck.deciders.arb_eval import Undefined, Unresolved, evaluate
from derivcheck.deciders.counterexamples import Found, free_variables, refutation
from derivcheck.deciders.judge import judge
from derivcheck.deciders.problem import Outcome, Problem, ready
from derivcheck.functions import OVER
from derivcheck.reader.declarations import Assumptions
from derivcheck.reader.domains import domain_of


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
    if any(e.atoms(sp.Indexed) or e.has(sp.Sum, sp.Product, sp.Limit, sp.Derivative, *OVER) for e in (lhs_r, rhs_r)):
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


def z3_decide(lhs, rel, rhs, assumptions: Assumptions, timeout_ms: int = smt.DEFAULT_TIMEOUT_MS):
    """Polynomial/rational steps: ('proved', detail, SMT-LIB) / ('refuted', Found) / None (not applicable or
    unknown)."""
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
    base = domain_constraints(symbols, vars_, assumptions)
    aux = [c[1] for c in side if isinstance(c, tuple)]
    domain = [c for c in side if not isinstance(c, tuple)]
    if domain:  # an allowed point where a side is undefined is a counterexample: look for one first
        outside = smt.solve(base + aux + [z3.Not(z3.And(*domain))], timeout_ms)
        if outside.status == "sat":
            found = _z3_point(outside.model, symbols, vars_, lhs_r, rel, rhs_r, z3)
            return ("refuted", found) if found is not None else None
        if outside.status != "unsat":
            return None
    relation = {"=": zl == zr, "!=": zl != zr, "<=": zl <= zr, "<": zl < zr, ">=": zl >= zr, ">": zl > zr}[rel]
    answer = smt.solve(base + domain + aux + [z3.Not(relation)], timeout_ms)
    if answer.status == "unsat":
        return "proved", "Z3: no real counterexample exists (nonlinear real arithmetic decided)", answer.smt2
    if answer.status != "sat":
        return None
    found = _z3_point(answer.model, symbols, vars_, lhs_r, rel, rhs_r, z3)
    return ("refuted", found) if found is not None else None


def domain_constraints(symbols, vars_, assumptions: Assumptions) -> list:
    """Each variable's declared domain as Z3 constraints (a finite set, a range, nonzero)."""
    out = []
    for s in symbols:
        d = domain_of(s, assumptions)
        v = vars_[s]
        if d.values is not None:
            out.append(z3.Or(*[v == _z3_num(x, z3) for x in d.values]))
            continue
        if d.lo is not None:
            out.append(v > _z3_num(d.lo, z3) if d.lo_open else v >= _z3_num(d.lo, z3))
        if d.hi is not None:
            out.append(v < _z3_num(d.hi, z3) if d.hi_open else v <= _z3_num(d.hi, z3))
        if d.nonzero:
            out.append(v != 0)
    return out


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


ROOTS = (2, 3, 4)  # x^(p/q) becomes r^p with r >= 0, r^q = x: a square, cube or fourth root


def _times(x, k: int, z3):
    """x * x * ... * x with k factors (1 for k = 0), written out as the products nlsat reads."""
    out = z3.RealVal(1) if k == 0 else x
    for _ in range(k - 1):
        out = out * x
    return out


def _to_z3(e, vars_, side, z3):
    if e in vars_:
        # an integer variable is a real inside the step: Z3's `/` between integers is integer division (1/n = 0 for
        # n >= 2), which once proved ||(1/n) sum_j g_j||^2 <= (1/n^2) sum_i ||g_i||^2
        return z3.ToReal(vars_[e]) if vars_[e].is_int() else vars_[e]
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
    if e.is_Pow and e.args[1].is_Rational and e.args[1].q in (1, *ROOTS):  # x^n, or x^(p/q) through its root
        p, q = e.args[1].p, e.args[1].q
        if abs(p) > (64 if q == 1 else 8):
            raise _NotPolynomial()
        x = base = _to_z3(e.args[0], vars_, side, z3)
        if q > 1:
            base = z3.FreshReal("__aux_root")
            side.append(x >= 0)  # SymPy's principal root of a negative number is not real, an odd one too
            # defines the root where it exists: the domain condition x >= 0 stays the domain check's to decide
            side.append(("aux", z3.Implies(x >= 0, z3.And(base >= 0, _times(base, q, z3) == x))))
        power = _times(base, abs(p), z3)
        if p < 0:
            side.append(x != 0)  # the step is about points where it is defined
            return z3.RealVal(1) / power
        return power
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


# -- as deciders of the verdict engine ------------------------------------------------------------
def _refuted(found: Found) -> Outcome:
    return Outcome("refuted", f"counterexample ({found.how})", refutation(found))


def _answer(result, proved) -> Outcome | None:
    """A procedure's (word, detail, ...) as an Outcome: None passes, a refutation shows its point, and `proved`
    turns the result into the proof's Outcome."""
    if result is None:
        return None
    if result[0] == "refuted":
        return _refuted(result[1])
    return proved(result)


def _members_as_variables(p: Problem) -> tuple:
    """(lhs, rhs, assumptions) of p, each family member with number indices (p[1]) a variable with its family's
    domain where that renaming is exact (`members`)."""
    out = members.as_variables(*p.ready, p.assumptions)
    return (p.lhs, p.rhs, p.assumptions) if out is None else out


def decide_z3(p: Problem) -> Outcome | None:
    lhs, rhs, assumptions = _members_as_variables(p)
    return _answer(z3_decide(lhs, p.rel, rhs, assumptions), lambda r: Outcome("proved", r[1], {}, certificate=r[2]))


def decide_cases(p: Problem) -> Outcome | None:
    lhs, rhs, assumptions = _members_as_variables(p)
    return _answer(cases(lhs, p.rel, rhs, assumptions),
                   lambda r: Outcome("proved", f"every case of the finite sets holds exactly ({r[1]})"))


def decide_branch_and_bound(p: Problem) -> Outcome | None:
    lhs, rhs, assumptions = _members_as_variables(p)
    return _answer(branch_and_bound(lhs, p.rel, rhs, assumptions),
                   lambda r: Outcome("proved", f"Arb branch and bound over the declared box ({r[1]} boxes)"))
