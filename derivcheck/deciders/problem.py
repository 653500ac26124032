"""One scalar step as every decider sees it (`Problem`), what a decider answers (`Outcome`), and a decider itself.

The verdict engine (`derivcheck.verdicts`) walks an ordered list of `Decider`s, cheapest first, the way Lean's
`first | tac1 | tac2` walks tactics: each one gets the problem and answers with an `Outcome` (a verdict, the method
that reached it, its evidence, and for a proof by a decision procedure the query it decided, as SMT-LIB) or with
None ("not mine": not applicable, or it could not decide). A new decider is one entry in that list, not a new
branch in the engine.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Callable

import sympy as sp

from derivcheck.budget import Expired, bounded, soft_remaining
from derivcheck.functions import Sigmoid, exp_form
from derivcheck.reader.declarations import Assumptions

POINTS, SEED = 60, 0  # a step's default search budget and seed, everywhere


def ready(expr):
    """Evaluate derivatives, sums and limits SymPy can do, and write sigmoids as exponentials.

    Remembered per expression: the search, the prover and the procedures each start from this form, and a limit
    SymPy takes 30 s to evaluate must not be evaluated once per decider."""
    expr = sp.sympify(expr)
    try:  # no longer than the search could wait (SymPy's hypergeometric summation of a nested sum can run for minutes)
        with bounded(soft_remaining()):
            try:
                return _ready(expr)
            except TypeError:  # an unhashable object: not a SymPy expression the cache can key on
                return _ready.__wrapped__(expr)
    except Expired:  # not kept in the cache: with more time the next step may evaluate it
        return exp_form(expr) if expr.has(Sigmoid) else expr


@lru_cache(maxsize=512)
def _ready(expr):
    if expr.has(Sigmoid):
        expr = exp_form(expr)
    try:
        return expr.doit()
    except (MemoryError, RecursionError):  # out of this step's means: not an answer to keep for the next steps
        raise
    except Exception:  # SymPy cannot evaluate it: keep the unevaluated form, which no proof accepts
        return expr


@dataclass
class Problem:
    """`lhs REL rhs` for every value the assumptions allow; REL is one of = != < <= > >=."""

    lhs: sp.Expr
    rel: str
    rhs: sp.Expr
    assumptions: Assumptions = field(default_factory=Assumptions)
    points: int = POINTS
    seed: int = SEED
    notes: dict = field(default_factory=dict)  # what earlier deciders found out (points held, who gave up)
    conditions: tuple = ()  # where the sides are defined as written (reader.domain_conditions), see `definedness`

    def __post_init__(self):
        self.lhs, self.rhs = sp.sympify(self.lhs), sp.sympify(self.rhs)

    @cached_property
    def ready(self) -> tuple:
        """(lhs, rhs) with derivatives, sums and limits SymPy can do evaluated and sigmoids as exponentials."""
        return ready(self.lhs), ready(self.rhs)


@dataclass(frozen=True)
class Outcome:
    verdict: str  # proved / refuted / numerically holds, not proved / undecided
    method: str
    evidence: dict = field(default_factory=dict)
    certificate: str | None = None  # the SMT-LIB query whose unsat proved the step, for a reviewer to re-check


@dataclass(frozen=True)
class Decider:
    """One entry of the verdict engine's list: a name, the function, and the most of the step's budget it may use
    (a fraction; 1.0 means all that is left)."""

    name: str
    run: Callable[[Problem], Outcome | None]
    share: float = 1.0


def proved_rewritten(p: Problem, rewrite, prove, how) -> Outcome | None:
    """p with each side rewritten exactly by `rewrite` (side -> (new side, what was rewritten: a list)), proved by
    `prove` (the verdict engine's provers): only a proof counts, its method after `how(what was rewritten)`. None
    where nothing was rewritten."""
    (lhs, left), (rhs, right) = rewrite(p.lhs), rewrite(p.rhs)
    if not left + right:
        return None
    out = prove(Problem(lhs, p.rel, rhs, p.assumptions, p.points, p.seed, conditions=p.conditions))
    if out is None or out.verdict != "proved":
        return None
    return Outcome("proved", f"{how(left + right)}; then {out.method}", out.evidence, out.certificate)


def each_rewritten(e, kind, rewrite) -> tuple:
    """(e with each subexpression of type `kind` replaced by rewrite(it) where that is not None, those replaced)."""
    done = []

    def one(x):
        out = rewrite(x)
        if out is None:
            return x
        done.append(x)
        return out
    return sp.sympify(e).replace(lambda x: isinstance(x, kind), one), done
