"""The symbolic prover: SymPy shows a relation, or says it could not.

One prover serves the built-in derivations (`steps.Derivation`) and `gdpc check`
(`verdicts`). It proves

* an equation when the difference simplifies to 0 under one of several rewrites;
* an inequality when the difference is nonnegative (positive, if strict) by
  SymPy's assumption system after one of several rewrites, or by monotonicity:
  h(0) >= 0 and h' >= 0 on [0, oo) with h' free of poles;
* a limit by `sympy.limit`, cross-checked with mpmath at large arguments
  (SymPy's `limit` has returned wrong answers under assumptions).

It never samples: `decide` refutes, and checks every proof it is handed.
"""

from __future__ import annotations

import mpmath
import sympy as sp
from sympy.polys.domains import QQ
from sympy.polys.fields import field

from derivcheck.budget import Expired, bounded
from derivcheck.deciders import declared_ranges
from derivcheck.deciders.bound_names import canonical_names
from derivcheck.deciders.problem import Outcome, Problem, ready
from derivcheck.functions import Sigmoid, exp_form

# the simplifications of prove_zero that stay cheap on large sums and logs (no `simplify`): tried before the lemma
# library and the counterexample search, which an identity of sums over a symbolic n keeps busy for seconds
CHEAP = ("expand", "rewrite exp+cancel", "cancel")
CHEAP_SECONDS, CHEAP_VARIABLES = 2.0, 30  # what cheap means: a bound on the time, and on the variables expanded


def prove_zero(expr, only: tuple | None = None) -> tuple[bool, str]:
    """Try increasingly strong simplifications until expr is identically 0 (`only`: those named)."""
    expr = sp.sympify(expr)
    if isinstance(expr, sp.MatrixBase):
        results = [prove_zero(e, only) for e in expr]
        ok = all(r[0] for r in results)
        return ok, ("entrywise: " + ", ".join(sorted({r[1] for r in results}))) if ok else "an entry is not 0"
    if expr == 0:
        return True, "identical"
    expr = canonical_names(expr)  # one closed sum read as sum_k and as sum_{k'}: SymPy compares sums by structure
    if expr == 0:
        return True, "identical up to the names of bound indices"
    if expr.has(Sigmoid):
        expr = exp_form(expr)
    for name, fn in (
        ("expand", sp.expand),
        ("rewrite exp+cancel", lambda e: sp.cancel(sp.together(sp.expand(e.rewrite(sp.exp))))),
        ("doit+simplify", lambda e: sp.simplify(e.doit().doit())),
        ("cancel", lambda e: sp.cancel(sp.together(e))),
        ("simplify", sp.simplify),
        ("expand_log+simplify", lambda e: sp.simplify(sp.expand_log(e, force=False))),
        ("rewrite exp+simplify", lambda e: sp.simplify(e.rewrite(sp.exp))),
        ("angles related by multiples of pi", lambda e: sp.simplify(sp.expand_trig(related_angles(e)))),
    ):
        if only is not None and name not in only:
            continue
        try:
            if fn(expr) == 0:
                return True, name
        except Exception:  # a simplifier that cannot handle the form is just not the right one
            continue
    return False, "difference did not simplify to 0"


TRIG = (sp.sin, sp.cos, sp.tan)
MAX_ANGLES = 6  # distinct angles compared pairwise (each pair a simplification)


def related_angles(expr):
    """expr with each sin, cos or tan whose angle is another's plus or minus a rational multiple of pi written
    through that angle (cos(pi (T - t)/T) = cos(pi - pi t/T) = -cos(pi t/T)): the same value, in a form where
    SymPy's own rules and `expand_trig` see the relation, which they do not when the angles are quotients."""
    angles = sorted({f.args[0] for f in expr.atoms(*TRIG)}, key=sp.default_sort_key)
    if not 2 <= len(angles) <= MAX_ANGLES:
        return expr
    through = {}
    for k, a in enumerate(angles):
        for b in angles[:k]:
            if b in through:
                continue
            found = [(s, q) for s in (1, -1) for q in [sp.simplify((a - s * b) / sp.pi)] if q.is_Rational]
            if found:
                through[a] = found[0][0] * b + found[0][1] * sp.pi
                break
    return expr.replace(lambda e: isinstance(e, TRIG) and e.args[0] in through, lambda e: e.func(through[e.args[0]]))


def prove_nonnegative(expr, certificate=None, strict: bool = False) -> tuple[bool, str]:
    """expr >= 0 (> 0 if strict) by SymPy's assumptions, directly or via a certificate."""
    expr = sp.sympify(expr)
    candidates = [expr, exp_form(expr), sp.simplify(exp_form(expr)), sp.factor(sp.together(exp_form(expr)))]
    how = "assumptions"
    if certificate is not None:
        same, _ = prove_zero(expr - certificate)
        if not same:
            return False, "certificate is not equal to the difference"
        candidates = [sp.sympify(certificate)] + candidates
        how = "certificate + assumptions"
    for c in candidates:
        verdict = c.is_positive if strict else c.is_nonnegative
        if verdict:
            return True, how
    return False, "sign not established"


def positive_coefficients(expr, strict: bool = True) -> tuple[bool, str]:
    """expr >= 0 (> 0 if strict) for a rational function with rational coefficients of nonnegative variables.

    Computed exactly in QQ(variables): the numerator and the denominator must have nonnegative
    coefficients, the denominator a positive constant term (so it is > 0 wherever the variables
    are >= 0), and for strictness the numerator too.
    """
    expr = sp.sympify(expr)
    variables = sorted(expr.free_symbols, key=lambda x: x.name)
    if not all(x.is_nonnegative for x in variables) or len(variables) > 6:
        return False, "not a function of nonnegative variables"
    F, *gens = field(variables or [sp.Dummy("c")], QQ)  # a constant: a field in a dummy variable
    table = dict(zip(variables, gens))

    def value(e):
        if e in table:
            return table[e]
        if e.is_Rational:
            return F(QQ(e.p, e.q))
        if e.is_Add or e.is_Mul:
            parts = [value(a) for a in e.args]
            out = parts[0]
            for p in parts[1:]:
                out = out + p if e.is_Add else out * p
            return out
        if e.is_Pow and e.exp.is_Integer:
            base = value(e.base)
            return base ** int(e.exp) if e.exp >= 0 else 1 / base ** int(-e.exp)
        raise ValueError("not a rational function with rational coefficients")

    try:
        h = value(expr)
    except (ValueError, ZeroDivisionError) as exc:
        return False, str(exc)
    num, den = h.numer, h.denom
    zero = (0,) * max(len(gens), 1)

    def ok(p, need_constant):
        return all(c >= 0 for c in p.coeffs()) and (not need_constant or dict(p.terms()).get(zero, 0) > 0)

    if num == 0:
        return (not strict), "identically 0"
    if not (ok(den, True) and ok(num, strict)):
        return False, "a coefficient is negative"
    return True, (f"positive coefficients: numerator (degree {num.degree()}) and denominator (degree {den.degree()}) in "
                  f"{', '.join(x.name for x in variables)} >= 0")


def positive_beyond(expr, var, start) -> tuple[sp.Basic, bool, str]:
    """expr > 0 for every real var >= start: (expr at var = start + u with u >= 0, verdict, how)."""
    u = sp.Symbol("u", nonnegative=True)
    shifted = sp.sympify(expr).subs(var, sp.sympify(start) + u)
    ok, how = positive_coefficients(shifted, strict=True)
    return shifted, ok, f"{var} = {start} + u, " + how


def numeric_limit_check(expr, var, point, value, numeric_points: dict) -> tuple[bool, str]:
    """Evaluate expr at var = 10^k (k = 4, 8, 16) with 60 digits; it must approach value."""
    if point not in (sp.oo, -sp.oo):
        return True, "numeric cross-check only for limits at infinity"
    free = (expr.free_symbols | sp.sympify(value).free_symbols) - {var}
    subs = {}
    for s in free:
        if s in numeric_points:
            subs[s] = numeric_points[s]
        elif s.is_positive:
            subs[s] = sp.Rational(7, 10)
        elif s.is_negative:
            subs[s] = sp.Rational(-7, 10)
        else:
            subs[s] = sp.Rational(3, 10)
    target = sp.sympify(value).subs(subs)
    if target in (sp.oo, -sp.oo):
        with mpmath.workdps(60):
            vals = [mpmath.mpf(sp.N(exp_form(expr).subs(subs).subs(var, sp.Integer(10) ** k), 60)) for k in (4, 8, 16)]
        sign = 1 if target == sp.oo else -1
        grows = all(sign * b > sign * a for a, b in zip(vals, vals[1:])) and sign * vals[-1] > 10**3
        return grows, f"mpmath f(10^k) at k=4,8,16: {', '.join(mpmath.nstr(v, 4) for v in vals)}"
    errs = []
    with mpmath.workdps(60):
        for k in (4, 8, 16):
            x = sp.Integer(10) ** k * (1 if point == sp.oo else -1)
            v = sp.N(exp_form(expr).subs(subs).subs(var, x), 60)
            errs.append(abs(mpmath.mpf(sp.N(v - target, 60))))
    ok = errs[-1] <= errs[0] and errs[-1] < mpmath.mpf(10) ** -3
    return ok, f"mpmath |f(10^k) - limit| at k=4,8,16: {', '.join(mpmath.nstr(e, 3) for e in errs)}"


def forms(diff):
    yield "as written", diff
    for name, fn in (("together", lambda e: sp.factor(sp.together(e))), ("simplify", sp.simplify),
                     ("powsimp", lambda e: sp.powsimp(sp.together(sp.expand(e)))),
                     ("cancel", lambda e: sp.cancel(sp.together(e)))):
        try:
            yield name, fn(diff)
        except Exception:  # a rewrite that cannot handle the form is just not the right one
            continue


def _unevaluated(e) -> bool:
    """A limit or integral SymPy did not compute, or a derivative of anything but an arbitrary function."""
    e = sp.sympify(e)
    if e.has(sp.Limit, sp.Integral, sp.nan):
        return True
    return any(not isinstance(d.expr, sp.core.function.AppliedUndef) for d in e.atoms(sp.Derivative))


def prove_relation(lhs, rel: str, rhs, only: tuple | None = None) -> tuple[bool, str]:
    """lhs REL rhs for every value the symbols' assumptions allow, or (False, why not); `only`: the simplifications
    of `prove_zero` an equation may use."""
    if rel in (">=", ">"):
        lhs, rhs, rel = rhs, lhs, {">=": "<=", ">": "<"}[rel]
    lr, rr = ready(lhs), ready(rhs)
    if _unevaluated(lr) or _unevaluated(rr):
        return False, "SymPy left a limit or derivative unevaluated"
    if rel == "=":
        if any(v in (sp.oo, -sp.oo, sp.zoo) for v in (lr, rr)):
            return lr == rr and lr != sp.zoo, "infinite values, compared exactly"
        return prove_zero(lr - rr, only)
    if rel == "!=":
        diff = sp.simplify(lr - rr)
        return (True, "simplify + assumptions") if diff.is_nonzero else (False, "")
    if any(v in (sp.oo, -sp.oo, sp.zoo) for v in (lr, rr)):
        return False, "an infinite side"
    strict = rel == "<"
    diff = rr - lr
    ok, how = positive_coefficients(diff, strict)  # exact and fast; first, before simplify meets a large expression
    if ok:
        return True, how
    for name, form in forms(diff):
        ok, _ = prove_nonnegative(form, strict=strict)
        if ok:
            return True, f"assumptions ({name})"
    return monotone(diff, strict)


def monotone(diff, strict: bool) -> tuple[bool, str]:
    """h >= 0 on [0, oo) for a nonnegative variable x: h(0) >= 0 (> 0 if strict), h' >= 0 and without poles."""
    for x in sorted(diff.free_symbols, key=lambda s: s.name):
        if not x.is_nonnegative or len(diff.free_symbols) > 3:
            continue
        try:
            h0 = sp.simplify(diff.subs(x, 0))
            if h0.has(sp.nan, sp.zoo, sp.oo, -sp.oo) or sp.limit(diff, x, 0, "+") != h0:
                continue  # not continuous at 0
            ok0, _ = prove_nonnegative(h0, strict=strict)
            s = sp.Dummy("s", nonnegative=True)
            dh = sp.together(sp.diff(diff, x).subs(x, s))
            den = sp.denom(dh)
            if not (den.is_positive or any(f.is_positive for _, f in forms(den))):
                continue  # a pole of h' would break the argument
            ok1 = any(prove_nonnegative(f)[0] for _, f in forms(dh))
        except Exception:  # SymPy could not carry the argument: not proved this way
            continue
        if ok0 and ok1:
            return True, f"monotone in {x} from 0 (h(0) >= 0, h' >= 0)"
    return False, "sign not established"


def decide_identity_quickly(p: Problem) -> Outcome | None:
    """An equation whose difference the cheap simplifications bring to 0; anything else passes to the chain."""
    if p.rel != "=":
        return None
    if len((p.lhs - p.rhs).free_symbols) > CHEAP_VARIABLES:  # (x_1 + ... + x_200)^2 expands to 20100 terms
        return None
    try:
        with bounded(CHEAP_SECONDS):  # also where no step budget is set (the API): cheap means bounded
            ok, how = prove_relation(p.lhs, "=", p.rhs, CHEAP)
    except Expired:
        return None
    return Outcome("proved", f"SymPy: {how}", {"rechecked_points": 0}) if ok else None


def decide(p: Problem) -> Outcome | None:
    """The SymPy prover as a decider of the verdict engine (its proof was re-checked at the quick search's points)."""
    try:
        ok, how = prove_relation(p.lhs, p.rel, p.rhs)
        if not ok and p.rel != "!=":
            ranged = declared_ranges.proved_on_cover(p.lhs, p.rel, p.rhs, p.assumptions, _relation_text)
            ok, how = ranged is not None, ranged or how
    except Exception as exc:  # a SymPy failure is "not proved", never a crash
        p.notes["sympy"] = f"SymPy raised {type(exc).__name__}"
        return None
    if not ok:
        return None
    return Outcome("proved", f"SymPy: {how}", {"rechecked_points": p.notes.get("points_held", 0)})


def _relation_text(lhs, rel: str, rhs) -> str | None:
    ok, how = prove_relation(lhs, rel, rhs)
    return how if ok else None
