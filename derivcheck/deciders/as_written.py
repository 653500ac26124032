"""Whether a decider's counterexample refutes the step as the author wrote it, or only SymPy's reading of it.

The deciders judge SymPy's forms of a step: sums closed in closed form (a geometric sum divides by 1 - r), ranges
valued by Karr's convention (sum_{t=1}^{-2} 1 = -2). A point where such a form fails, or is undefined, need not be
one where the written step does: there the counterexample is set aside and the next decider goes on. Where the
step is undefined as written is `definedness`'s to refute; it runs first, and its counterexamples stand.
"""

from __future__ import annotations

import sympy as sp

from derivcheck.deciders import sum_limits
from derivcheck.deciders.judge import judge, range_refusal
from derivcheck.deciders.problem import Outcome, Problem


def not_a_counterexample(p: Problem, out: Outcome | None, by_definedness: bool = False) -> str | None:
    """Why the refutation `out` refutes no step the author wrote, or None (it stands, or it is no refutation)."""
    if out is None or out.verdict != "refuted" or not isinstance(out.evidence.get("counterexample"), dict):
        return None
    point = out.evidence["counterexample"]
    return (sum_limits.off_range(p.lhs, p.rhs, point) or _inner_range(p, point)
            or (None if by_definedness else _defined_as_written(p, out)))


def _inner_range(p: Problem, point: dict) -> str | None:
    """An inner sum's range that runs backwards at some value of an outer index, at this point (sum_{k=1}^{2}
    sum_{j=1}^{k-2}): SymPy's closed form counted it negatively, a paper means nothing of the kind."""
    symbols = {s.name: s for s in (p.lhs.free_symbols | p.rhs.free_symbols) if isinstance(s, sp.Symbol)}
    try:
        subs = {symbols[k]: sp.sympify(v, rational=True) for k, v in point.items() if k in symbols}
        return range_refusal(p.lhs, p.rhs, subs)
    except Exception:  # the point cannot be put into the written step: nothing to say about its ranges
        return None


def none_stands(p: Problem) -> Outcome | None:
    """The verdict when every decider's answer was a counterexample set aside: undecided, saying why."""
    if not p.notes.get("not_counterexamples"):
        return None
    return Outcome("undecided", "none", {"reason": "every counterexample found refutes SymPy's reading, not the step "
                                                   "as written: " + "; ".join(p.notes["not_counterexamples"])})


def _defined_as_written(p: Problem, out: Outcome) -> str | None:
    """A counterexample where "a side is undefined" whose point makes the written step hold (SymPy's evaluated form
    was undefined there instead)."""
    if "undefined" not in str(out.evidence.get("certified_by", "")):
        return None
    symbols = {s.name: s for s in (p.lhs.free_symbols | p.rhs.free_symbols) if isinstance(s, sp.Symbol)}
    point = out.evidence["counterexample"]
    if not set(point) <= set(symbols):
        return None  # a family's values: not re-judged here
    try:
        subs = {symbols[k]: sp.sympify(v, rational=True) for k, v in point.items()}
        holds = judge(p.lhs, p.rel, p.rhs, subs)[0]
    except Exception:  # the written step cannot be evaluated there either: the refutation stands
        return None
    return "the step as written holds there (SymPy's evaluated form was undefined)" if holds is True else None
