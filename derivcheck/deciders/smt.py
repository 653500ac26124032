"""Z3 as the decider of polynomial real arithmetic, and the SMT-LIB certificate of every query that proved a step.

Every decider that hands Z3 a problem does it here (`solve`), so that a proof by Z3 always carries the exact query
it decided, as SMT-LIB 2 text: the assertions (domain, definitions of auxiliary variables, substituted bounds) and
the negated step, whose `unsat` is the proof. `gdpc check --smt2 DIR` writes these files; an independent solver
(cvc5) can re-check them. Z3's `sat` answers are never trusted as counterexamples: the caller re-checks the model
exactly (`judge`).
"""

from __future__ import annotations

from dataclasses import dataclass

import z3

DEFAULT_TIMEOUT_MS = 5000


@dataclass
class Answer:
    status: str  # "unsat" (the step is proved), "sat" (a model, to be re-checked), "unknown"
    model: object = None  # z3.ModelRef when sat
    smt2: str = ""  # the query as SMT-LIB 2, when unsat


def solve(assertions: list, timeout_ms: int = DEFAULT_TIMEOUT_MS) -> Answer:
    """Decide the conjunction of `assertions` (Z3 Boolean terms): unsat means no real point satisfies them."""
    solver = z3.Solver()
    solver.set("timeout", int(timeout_ms))
    for a in assertions:
        solver.add(a)
    status = solver.check()
    if status == z3.unsat:
        return Answer("unsat", smt2=certificate(solver))
    if status == z3.sat:
        return Answer("sat", model=solver.model())
    return Answer("unknown")


def certificate(solver: z3.Solver) -> str:
    """The solver's assertions as an SMT-LIB 2 script that ends in (check-sat): expected answer unsat."""
    text = solver.to_smt2()
    if "(set-logic" not in text:
        text = "(set-logic ALL)\n" + text
    return text
