"""Where a step is defined as written: the decider that requires the reader's conditions at the allowed points.

SymPy simplifies while the reader builds a side (x^2/x is x), so the reader records the conditions under which each
side is defined as the author wrote it (`reader.domain_conditions`): denominators nonzero, logarithm arguments
positive, even-root arguments nonnegative, ... This decider runs right after `numbers`, before any proof:

* every condition shown on the whole domain (SymPy's assumptions, then Z3 through `procedures`, then SymPy's
  prover): the later deciders run, and a proof of the step as SymPy built it is a proof of the step as written,
  since both sides are defined, and equal to what SymPy built, at every allowed point;
* a condition that fails at an allowed point: the step is refuted there ("the left side is undefined here as
  written: the denominator x is 0"). The failure is judged exactly (`judge`); for a condition that is only
  sufficient (b^y with y real: b > 0), the point must also make its witness (b^y itself) undefined;
* otherwise no later proof may count: the step gets the full counterexample search's verdict, "numerically holds,
  not proved" at best, with the conditions that were not shown.
"""

from __future__ import annotations

import sympy as sp

from derivcheck.budget import remaining
from derivcheck.deciders import case_split, declared_ranges, general_term, procedures, prover, sum_signs, transcendental
from derivcheck.deciders.counterexamples import QUICK, Found, decide_search, search
from derivcheck.deciders.judge import judge, shown
from derivcheck.deciders.problem import Outcome, Problem

RELATION = {"!= 0": "!=", "> 0": ">", ">= 0": ">="}
SEARCH = {"points": 30, "optimise": True, "grid": 200}  # a condition's search when it is neither shown nor refuted


def decide(p: Problem) -> Outcome | None:
    """The verdict engine's decider (see the module's docstring): None lets the later deciders run. Where the
    conditions cannot even be looked at (SymPy or a judge raising on them), no later proof may count either."""
    try:
        return _decide(p)
    except Exception as exc:  # (-1)^pi: neither shown nor refuted (a deadline is a BaseException: it passes)
        return Outcome("undecided", "none", {"reason": f"where the step is defined as written could not be decided "
                                                       f"({type(exc).__name__}): no proof counts"})


def _decide(p: Problem) -> Outcome | None:
    open_ = []
    for c in p.conditions:
        how, found = _decide_condition(c, p.assumptions)
        if how is not None:
            continue
        if found is not None and (c.exact or _witness_undefined(c, found)):
            return _refuted(c, p, found)
        open_.append(c)
    if not open_:
        return None
    for settings in (QUICK, SEARCH):
        for c in open_:
            out = _refutation(c, p, settings)
            if out is not None:
                return out
    out = decide_search(p)
    if out.verdict == "refuted":
        return out
    unshown = "; ".join(f"{c.side} side: {c.text()}" for c in open_)
    return Outcome(out.verdict, out.method, {**out.evidence, "not_shown": f"where the step is defined as written "
                                                                          f"({unshown}) is not shown on the whole "
                                                                          "domain: no proof counts"})


def shown_everywhere(c, assumptions) -> str | None:
    """How the condition was shown at every allowed point, or None."""
    return _decide_condition(c, assumptions)[0]


def all_shown(conditions, assumptions) -> bool:
    """Every condition shown at every allowed point (for a proof that bypasses the deciders' list)."""
    return all(shown_everywhere(c, assumptions) is not None for c in conditions)


def _decide_condition(c, assumptions) -> tuple:
    """(how it was shown at every allowed point, None), or (None, a point where Z3 found it fails, re-checked by
    `judge`), or (None, None). A condition for every i in lo..hi is shown for every i = lo + s (and for every
    i = hi - s) with s a nonnegative integer: a superset of the range. Z3's points are taken only for a condition
    without an index: for one with an index they could lie outside the range."""
    rel = RELATION[c.kind]
    forms = _unclosed(c)
    for expr in forms + [_signed_sums(e) for e in forms]:
        test = {"!=": expr.is_nonzero, ">": expr.is_positive, ">=": expr.is_nonnegative}[rel]
        if test is True:
            return "SymPy's assumptions", None
    for expr in forms:  # p in [0, 1]: 1 - p + p e^s > 0 once p = t/(1 + t) (t > 0) and p = 0 are cases
        how = declared_ranges.proved_on_cover(expr, rel, sp.Integer(0), assumptions, _sign_shown)
        if how is not None:
            return how, None
        # a family member (1 - p_i > 0 for p_i in (0, 1)): a fresh variable with the family's declared domain,
        # which takes every value p_i can (a superset), then the same cover of its range
        form = general_term.scalar_form(expr, assumptions) if expr.atoms(sp.Indexed) else None
        if form is not None:
            how = declared_ranges.proved_on_cover(form[0], rel, sp.Integer(0), form[1], _sign_shown)
            if how is not None:
                return how + " (each family member a variable of its declared domain)", None
    found = None
    for expr in forms:
        if _out_of_time():
            return None, found
        try:
            result = procedures.z3_decide(expr, rel, sp.Integer(0), assumptions)
        except Exception:  # Z3 cannot take the form: not shown this way
            result = None
        if result is not None and result[0] == "proved":
            return "Z3", None
        if result is not None and result[0] == "refuted" and not c.over:
            found = result[1]
        if _out_of_time():
            return None, found
        try:
            ok, how = prover.prove_relation(expr, rel, sp.Integer(0))
        except Exception:  # SymPy failed: not shown this way
            ok = False
        if ok:
            return f"SymPy ({how})", None
        how = _by_bounds(expr, rel, assumptions)
        if how is not None:
            return how, None
    return None, found


def _by_bounds(expr, rel: str, assumptions) -> str | None:
    """A condition with a transcendental occurrence (1 - beta^t != 0 for beta in [0, 1), t >= 1) shown by the
    transcendental bounds and Z3 at their cheap degrees, a power's base at 0 and above 0 apart; != 0 as > 0 or
    as < 0."""
    if expr.has(sp.Indexed, sp.Sum, sp.Product) or not transcendental.applicable(expr, sp.Integer(0)):
        return None

    def bounds(p: Problem) -> Outcome | None:
        if not (p.lhs.free_symbols or p.rhs.free_symbols):
            return Outcome("proved", "a number") if sp.Rel(p.lhs, p.rhs, p.rel) is sp.true else None
        out = transcendental.by_bounds(p, transcendental.CHEAP)
        return out if out is not None and out.verdict == "proved" else None  # a refutation of one sign shows nothing

    for sign in ((">", "<") if rel == "!=" else (rel,)):
        p = Problem(expr, sign, sp.Integer(0), assumptions)
        try:
            out = bounds(p) or case_split.at_zero(p, bounds)
        except Exception:  # a form the bounds cannot take: not shown this way
            out = None
        if out is not None:
            return f"{out.method} ({sp.sstr(expr)} {sign} 0)"
    return None


def _sign_shown(lhs, rel: str, rhs) -> str | None:
    """SymPy's assumptions on lhs - rhs, over one denominator too: a prover of one case of the ranges' cover."""
    for e in (lhs - rhs, sp.together(lhs - rhs)):
        if {"!=": e.is_nonzero, ">": e.is_positive, ">=": e.is_nonnegative}[rel] is True:
            return "SymPy's assumptions"
    return None


def _unclosed(c) -> list:
    """The condition's expression with its indices written from the ends of their ranges (see _decide_condition)."""
    if not c.over:
        return [c.expr]
    if not all((hi - lo + 1).is_nonnegative for _, lo, hi in c.over):
        return []  # a range that may run backwards: SymPy sums it over hi + 1..lo - 1 (Karr), between the ends
    out = []
    for end in (1, 2):
        expr = c.expr
        for k, (i, lo, hi) in enumerate(c.over):
            s = sp.Dummy(f"__index_shift{k}", integer=True, nonnegative=True)
            expr = expr.xreplace({i: lo + s if end == 1 else hi - s})
        out.append(expr)
    return out


def _signed_sums(expr):
    """expr with each sum or product whose sign SymPy shows from its terms written as a symbol of that sign (SymPy
    does not look inside them): a sum of positive terms over a nonempty range is positive, of nonnegative terms
    nonnegative (over a range that does not run backwards: SymPy's sum from 3 to 1 is minus the term at 2); a product
    of positive terms positive, over any range. Only finite ranges: an infinite sum or product may be 0 or oo. The
    terms' sign holds for every integer index (the index is an integer symbol of no other property), or for every
    index from the range's start on (`_terms`), so in particular in the range."""
    def signed(e):
        nonempty = all((hi - lo).is_nonnegative for _, lo, hi in e.limits)
        forward = all((hi - lo + 1).is_nonnegative for _, lo, hi in e.limits)  # a backward sum is minus one (Karr)
        finite = all(lo.is_finite and hi.is_finite for _, lo, hi in e.limits)  # prod_{i>=1} (1 + x^i) may be oo or 0
        if not finite:
            return e
        if _terms(e, "positive") and (nonempty or isinstance(e, sp.Product)):
            return sp.Dummy("positive", positive=True)
        if _terms(e, "nonnegative") and isinstance(e, sp.Sum) and forward:
            return sp.Dummy("nonnegative", nonnegative=True)
        return e

    return expr.replace(lambda e: isinstance(e, (sp.Sum, sp.Product)) and len(e.limits[0]) == 3, signed)


def _terms(e, prop: str) -> bool:
    """Every term of the sum or product has the property: for every integer index, or (one index, a range that
    does not run backwards) for every index from the range's start on (1/t for t = 1..T)."""
    if getattr(e.function, f"is_{prop}"):
        return True
    if len(e.limits) != 1 or not sum_signs.proper_range(*e.limits[0][1:]):
        return False
    (i, lo, _), body = e.limits[0], e.function
    return sum_signs.term_holds(body, i, lo, prop)


def _out_of_time() -> bool:
    left = remaining()
    return left is not None and left < 0.05


def _refutation(c, p: Problem, settings: dict) -> Outcome | None:
    """A certified point where the condition fails; for a sufficient one, a point where its witness itself is
    undefined (judged against -oo, which any real value exceeds: only an undefined witness fails there)."""
    if c.exact:
        expr, kind = c.closed()
        found, _ = search(expr, RELATION[kind], sp.Integer(0), p.assumptions, seed=p.seed, **settings)
    elif c.over:  # the witness of a sufficient condition under an index: no point to judge it at
        return None
    else:
        found, _ = search(c.witness, ">", sp.S.NegativeInfinity, p.assumptions, seed=p.seed, **settings)
    if found is None or (not c.exact and not _witness_undefined(c, found)):
        return None
    return _refuted(c, p, found)


def _refuted(c, p: Problem, found: Found) -> Outcome:
    _, lv, rv, _ = judge(p.lhs, p.rel, p.rhs, _point(p, found))
    side = c.side or "left"
    return Outcome("refuted", f"the {side} side is undefined at an allowed point, as written",
                   {"counterexample": found.point, "lhs": _undefined(lv) if side == "left" else shown(lv),
                    "rhs": _undefined(rv) if side == "right" else shown(rv),
                    "certified_by": f"the {side} side is undefined here as written: {c.what} is "
                                    f"{'0' if c.kind == '!= 0' else 'not ' + c.kind}"
                                    + "".join(f" for some {i} in {lo}..{hi}" for i, lo, hi in c.over),
                    "found_by": found.how})


def _undefined(value) -> str:
    """The undefined side's value as shown: "not real" where SymPy's value says so, else "undefined" (SymPy built
    x from x^2/x, and x = 0 is no value of x^2/x)."""
    text = shown(value) if value is not None else "undefined"
    return text if text in ("undefined", "not real") else "undefined"


def _point(p: Problem, found: Found) -> dict:
    """The found point as substitutions for the step's own symbols and indexed values (those it names)."""
    free = {str(s): s for e in (p.lhs, p.rhs) for s in sp.sympify(e).free_symbols}
    free.update({str(a): a for e in (p.lhs, p.rhs) for a in sp.sympify(e).atoms(sp.Indexed)})
    return {free[k]: sp.Rational(v) for k, v in found.point.items() if k in free}


def _witness_undefined(c, found: Found) -> bool:
    """The witness (b^y) has no real value at the point: a sufficient condition's failure refutes only there."""
    names = {str(s): s for s in c.witness.free_symbols}
    value = c.witness.xreplace({names[k]: sp.Rational(v) for k, v in found.point.items() if k in names})
    if value.free_symbols:
        return False
    return bool(value.has(sp.nan, sp.zoo, sp.I)) or value.is_real is False
