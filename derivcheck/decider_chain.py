"""The deciders in order, cheapest first, each within its share of the step's budget: `decide` walks them on one
scalar step (`Problem`) and returns the first answer; `proof_of` runs only those that prove (on a case or a rewritten
step), `within` runs a list within a fraction of what is left of the budget."""

from __future__ import annotations

import sympy as sp

from derivcheck.budget import ShareExpired, remaining, share
from derivcheck.deciders import (
    as_written,
    cancelled_variables,
    case_split,
    common_exponent,
    continuity,
    counterexamples,
    definedness,
    extremum_limits,
    induction,
    large_integers,
    lemma_match,
    log_coefficient,
    obligations,
    pair_sums,
    prefix_induction,
    procedures,
    prover,
    sum_apart,
    sum_identities,
    sum_limits,
    symmetrized,
    transcendental,
)
from derivcheck.deciders.judge import decide_numbers
from derivcheck.deciders.problem import POINTS, SEED, Decider, Outcome, Problem
from derivcheck.reader.declarations import Assumptions

# The deciders, cheapest first (Lean's `first | tac1 | tac2`): each gets the step and answers, or passes. The share
# is the most of the step's budget one may take, so that an expensive proof attempt cannot starve the search.
DECIDERS = (
    Decider("numbers", decide_numbers),
    Decider("defined as written", definedness.decide, 0.3),
    Decider("SymPy, cheap rewrites", prover.decide_identity_quickly, 0.05),  # an identity SymPy sees at once
    Decider("lemmas", lemma_match.decide, 0.2),  # before the search: sums there are slow to evaluate, matching is not
    Decider("sums in normal form", sum_identities.decide, 0.1),  # the same: an identity of sums, cheaply
    Decider("sums over pairs", symmetrized.decide, 0.1),  # Chebyshev: n sum a_i b_i >= (sum a_i)(sum b_i)
    Decider("quick search", counterexamples.decide_quick, 0.25),
    Decider("integers on a growing scale", large_integers.decide_early, 0.1),
    Decider("SymPy", prover.decide, 0.3),
    # early, but only where a variable cancels from the difference (lambda's terms of a strongly convex loss)
    Decider("cancelled variables", cancelled_variables.decide, 0.6),
    Decider("sums paired from both ends", sum_identities.mirrored, 0.1),  # sum_{t=0}^{T} cos(pi t/T) = 0
    Decider("powers of one exponent", lambda p: common_exponent.decide(p, proof_of), 0.2),  # (1-a)^T <= e^{-aT}
    Decider("limits by continuity", lambda p: continuity.decide(p, proof_of), 0.2),  # lim_{b -> 0} sum_i e^{b z_i}
    Decider("limits of extrema", lambda p: extremum_limits.decide(p, proof_of), 0.1),  # lim (1/s) min_i (s c_i + d_i)
    Decider("sums over pairs j < i", lambda p: pair_sums.decide(p, proof_of), 0.2),  # U-statistics
    Decider("arbitrary function", lambda p: arbitrary_function(p)),
    Decider("Z3", procedures.decide_z3, 0.25),
    Decider("Z3, powers as numbers", obligations.decide_powers, 0.15),  # (1 - eta lambda)^{2T} <= 1
    Decider("finite cases", procedures.decide_cases, 0.2),
    Decider("transcendental bounds", transcendental.decide, 0.3),
    Decider("branch and bound", procedures.decide_branch_and_bound, 0.2),
    Decider("a log's coefficient divided out", lambda p: log_coefficient.decide(p, proof_of), 0.15),
    Decider("a sum and its outside apart", sum_apart.decide, 0.2),  # late: it costs where it fails
    Decider("each case", lambda p: case_split.decide(p, proof_of), 0.3),
    Decider("induction", induction.decide, 0.2),
    Decider("induction over a family", prefix_induction.decide, 0.2),
    Decider("integers far out", large_integers.decide_late, 0.5),
    Decider("search", counterexamples.decide_search),
)


def decide_step(lhs, rel: str, rhs, assumptions: Assumptions, points: int = POINTS, seed: int = SEED,
                conditions: tuple = (), only: tuple | None = None):
    """(verdict, method, evidence) for one scalar step; see `decide` for the certificate too. `only`: the names of
    the deciders to run (default: all)."""
    out = decide(Problem(lhs, rel, rhs, assumptions, points, seed, conditions=tuple(conditions)), only)
    return out.verdict, out.method, out.evidence


def decide(p: Problem, only: tuple | None = None) -> Outcome:
    """The first decider's answer, walking DECIDERS in order; each runs within its share of the step's budget."""
    p, read = sum_limits.implied(p)
    out = first_answer(p, DECIDERS if only is None else [d for d in DECIDERS if d.name in only])
    out = out or as_written.none_stands(p)
    if out is None:
        raise AssertionError("the last decider always answers")  # decide_search never passes
    return out if read is None else Outcome(out.verdict, out.method, {**out.evidence, "read": read}, out.certificate)


def first_answer(p: Problem, deciders) -> Outcome | None:
    gave_up = []
    for decider in deciders:
        left = remaining()
        seconds = None if left is None else max(left * decider.share, 0.5) if decider.share < 1 else None
        try:
            with share(seconds):
                out = decider.run(p)
        except ShareExpired:
            gave_up.append(f"{decider.name} (after {seconds:.1f} s)")
            continue
        except Exception as exc:  # a decider that cannot handle the form is just not applicable to it
            p.notes.setdefault("raised", []).append(f"{decider.name}: {type(exc).__name__}")
            continue
        off = as_written.not_a_counterexample(p, out, by_definedness=decider.name == "defined as written")
        if off is not None:  # SymPy's reading of the step fails there, not the author's
            p.notes.setdefault("not_counterexamples", []).append(f"{decider.name}: {off}")
            continue
        if out is not None:
            if gave_up and out.verdict != "proved":
                out = Outcome(out.verdict, out.method, {**out.evidence, "gave_up": gave_up}, out.certificate)
            return out
    return None


# what refutes or splits again: inside a case only proofs count (a case's counterexample is the search's to find)
NOT_IN_A_CASE = ("quick search", "integers on a growing scale", "each case", "limits by continuity",
                 "powers of one exponent", "a log's coefficient divided out", "integers far out", "search")


def proof_of(p: Problem) -> Outcome | None:
    """The deciders that prove, on a case or a rewritten step: its counterexamples are the search's to find."""
    return first_answer(p, [d for d in DECIDERS if d.name not in NOT_IN_A_CASE])


def arbitrary_function(p: Problem) -> Outcome | None:
    """An arbitrary (undeclared-body) function: nothing can be evaluated, so only a symbolic proof decides."""
    if not any(isinstance(f, sp.core.function.AppliedUndef) for e in (p.lhs, p.rhs) for f in e.atoms(sp.Function)):
        return None
    return Outcome("undecided", "none", {"reason": "an arbitrary function: only a symbolic proof can decide, and "
                                                   "SymPy found none"})


def within(fraction: float, p: Problem, deciders) -> Outcome | None:
    """The deciders' first answer within `fraction` of what is left of the step's budget, or None."""
    left = remaining()
    with share(None if left is None else left * fraction):
        try:
            return first_answer(p, deciders)
        except ShareExpired:
            return None
