"""A step some of whose variables cancel from the difference of its sides, decided as that difference against 0 in
the variables left.

lambda v^2/2 + log(1 + e^{-v}) >= lambda w^2/2 + (lambda w - sigma(-w))(v - w) + lambda (v - w)^2/2 + log(1 + e^{-w})
(strong convexity of the regularized logistic loss) is the tangent line of log(1 + e^{-z}) at w once its lambda
terms, which add up to 0, are gone: the provers then see two variables instead of three, and the bounds of the
transcendental functions are not spent on a variable the step does not depend on.

The difference is multiplied out and its like terms collected by SymPy's `expand`, an exact rewriting: it has the
value of lhs - rhs wherever both sides are defined (that they are defined on the whole domain is the verdict
engine's to show, as for every proof). Only a proof of the reduced step counts; its counterexamples are the
search's to find on the step as written.
"""

from __future__ import annotations

import sympy as sp

from derivcheck.deciders import procedures, prover, transcendental
from derivcheck.deciders.problem import Outcome, Problem
from derivcheck.functions import OVER

MAX_OPS = 300  # operations in the difference: beyond, multiplying it out may cost more than the step's budget
MAX_POWER = 6  # an integer power of a sum multiplied out has up to (terms)^6 terms


# the provers the reduced step is given, each with all of this decider's share: through the verdict engine's list
# each would get a share of the share, and the bounds of a transcendental step need most of it
PROVERS = (prover.decide, procedures.decide_z3, transcendental.decide)


def decide(p: Problem) -> Outcome | None:
    """The step proved through its difference with the cancelled variables gone (see the module's docstring), by
    SymPy, Z3 or the transcendental bounds; None where no variable cancels or no proof is found."""
    if p.rel not in ("<", "<=", ">", ">="):
        return None
    lhs, rhs = p.ready
    diff = lhs - rhs
    if diff.has(sp.Sum, sp.Product, sp.Limit, sp.Derivative, sp.Integral, *OVER) or sp.count_ops(diff) > MAX_OPS:
        return None  # sums and extrema have deciders of their own; expand would not see through them
    if any(x.base.is_Add and x.exp.is_Integer and abs(x.exp) > MAX_POWER for x in diff.atoms(sp.Pow)):
        return None
    reduced = sp.expand(diff)
    gone = sorted(diff.free_symbols - reduced.free_symbols, key=sp.default_sort_key)
    if not gone or reduced.free_symbols - diff.free_symbols:
        return None
    q = Problem(reduced, p.rel, sp.Integer(0), p.assumptions, p.points, p.seed, conditions=p.conditions)
    out = next((o for o in (run(q) for run in PROVERS) if o is not None and o.verdict == "proved"), None)
    if out is None:
        return None
    names = ", ".join(map(str, gone))
    return Outcome("proved", f"{names} cancel{'s' if len(gone) == 1 else ''} from the difference of the sides "
                             f"(multiplied out, exact); then {out.method}", out.evidence, out.certificate)
