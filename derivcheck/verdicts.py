"""The verdict engine: one step `lhs REL rhs` under assumptions -> a verdict with its evidence.

Verdicts, strongest first:
- `proved`: between two numbers, an exact or Arb comparison; otherwise one of the deciders below proves it (SymPy,
  Z3, the lemma library, the transcendental bounds, the finite cases, Arb branch and bound, induction). A SymPy
  proof is then re-checked at special points: a certified counterexample overrides it (SymPy's limits have been
  wrong before).
- `holds for d <= 4`: a vector step that holds exactly in dimensions 1..4 but is not proved for every dimension.
- `numerically holds, not proved`: no proof, and the counterexample search found no point where it fails.
- `refuted`: a point where it fails, certified (exact rationals or Arb balls, no tolerance); the point and both sides
  are reported as written (lhs, rhs).
- `undecided`: nothing could decide it (an arbitrary function, no point evaluable, a huge power, the time budget).
- `unparsed`: the reader could not read it faithfully, or it has no one meaning (an order between vectors, a side
  that is not a number); `cited`: a cited lemma.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import sympy as sp

from derivcheck.budget import StepTimeout, pace, remaining, time_budget
from derivcheck.decider_chain import DECIDERS, decide, decide_step, within
from derivcheck.deciders import (
    counterexamples,
    definedness,
    finite_sets,
    gram,
    lemma_match,
    norm_products,
    norms_as_numbers,
    sum_apart,
    symmetrized,
    triangle,
    vector_combinations,
    vector_form,
    vector_sums,
)
from derivcheck.deciders.counterexamples import QUICK, refutation
from derivcheck.deciders.judge import sides_at
from derivcheck.deciders.matrix_relations import NoOneMeaning
from derivcheck.deciders.matrix_relations import as_scalar as _scalar
from derivcheck.deciders.matrix_relations import same_shape as _same_shape
from derivcheck.deciders.problem import POINTS, SEED, Outcome, Problem
from derivcheck.deciders.prover import prove_zero
from derivcheck.memory_budget import MEMORY_MB, StepOutOfMemory, memory_budget
from derivcheck.reader.declarations import Assumptions
from derivcheck.reader.document import StepInput
from derivcheck.reader.exact_size import MAX_EXPONENT, huge_exponent
from derivcheck.reader.step import misread
from derivcheck.reader.step import shown as _show

# In d = 1..4 (a vector step not proved for every d) a proof in one dimension would change nothing ("holds for d <= 4"
# either way): only what can refute runs there, Z3 included (complete for polynomial steps, its models re-checked).
SMALL_DIMENSION_DECIDERS = ("numbers", "defined as written", "quick search", "integers on a growing scale",
                            "arbitrary function", "Z3", "integers far out", "search")
QUICK_FIRST = ("numbers", "defined as written", "quick search")  # a vector step in d = 1, before any proof
# in d = 1 the quick search has run before the proofs, at the same points (its seed is seed + 1 there too)
AFTER_QUICK_FIRST = tuple(name for name in SMALL_DIMENSION_DECIDERS if name != "quick search")
VERDICTS = ("proved", "holds for d <= 4", "numerically holds, not proved", "refuted", "undecided", "unparsed", "cited")
VECTOR_DIMENSIONS = (1, 2, 3, 4)
VECTOR_SHARE = 0.5  # of the step's budget, for the proof for every d before the checks in d = 1..4
TIMEOUT = 60  # a step's default time budget (s), everywhere


@dataclass
class StepVerdict:
    index: int
    line: int | None
    relation: str
    lhs: str
    rhs: str
    verdict: str
    method: str
    evidence: dict
    source: str = ""
    seconds: float = 0.0
    tex: str = ""  # the relation typeset, for annotated LaTeX
    certificate: str | None = None  # for a step a decision procedure proved: its query as SMT-LIB (`--smt2`)

    def to_json(self) -> dict:
        return {"step": self.index, "line": self.line, "relation": self.relation, "lhs": self.lhs, "rhs": self.rhs,
                "verdict": self.verdict, "method": self.method, "evidence": self.evidence, "source": self.source,
                "seconds": round(self.seconds, 3), "certificate": self.certificate is not None}


def check(step: StepInput, index: int, assumptions: Assumptions | None = None, points: int = POINTS,
          seed: int = SEED, timeout: float | None = TIMEOUT, memory_mb: int | None = MEMORY_MB) -> StepVerdict:
    """One step's verdict; a step that runs past `timeout` seconds, or grows the process by more than `memory_mb`
    MB, is undecided, never passed."""
    t0 = time.perf_counter()

    def stopped(method, reason, shown=True):
        sides = (_show(step.lhs), _show(step.rhs)) if shown else ("", "")
        return StepVerdict(index, step.line, step.relation, *sides, "undecided", method, {"reason": reason},
                           step.source, time.perf_counter() - t0)
    try:
        with time_budget(timeout), memory_budget(memory_mb):
            return _check(step, index, assumptions, points, seed, t0)
    except StepTimeout:
        return stopped("time budget", f"not decided within {timeout:g} s (raise --timeout)")
    except (StepOutOfMemory, MemoryError):
        return stopped("memory budget", f"checking it took more than {memory_mb} MB (raise --max-memory)")
    except RecursionError:  # SymPy walks expressions recursively: one nested past its limit is not decided
        return stopped("none", "nested too deeply for SymPy (Python's recursion limit)", shown=False)


def _check(step, index, assumptions, points, seed, t0):
    assumptions = step.assumptions or assumptions or Assumptions()

    def verdict(word, method, evidence, sides=None):
        lhs_s, rhs_s = sides or (_show(step.lhs), _show(step.rhs))
        return StepVerdict(index, step.line, step.relation, lhs_s, rhs_s, word, method, evidence, step.source,
                           time.perf_counter() - t0, step.tex())

    if step.lhs is None or step.rhs is None:
        return verdict("unparsed", "reader", {"reason": step.error}, ("", ""))
    reason = misread(step.lhs, step.rhs)
    if reason is not None:
        return verdict("unparsed", "reader", {"reason": reason})
    if step.cited:
        # a textbook lemma stated with placeholder symbols: its hypotheses are not part of the step
        return verdict("cited", "cited lemma, not checked", {"note": "its hypotheses are not in the step"})
    huge = huge_exponent(step.lhs, step.rhs)
    if huge is not None:  # no point can be evaluated exactly, and expanding it is no better
        return verdict("undecided", "none", {"reason": f"{sp.sstr(huge)}: an exponent beyond {MAX_EXPONENT:,} "
                                                       "cannot be evaluated exactly at a point"})
    if step.at_dimension is not None:
        result = _vector_step(step, assumptions, points, seed, verdict)
        result.evidence = _with_hint(result.evidence, step, result)
        return result
    try:
        lhs, rel, rhs = _scalar(step.lhs, step.relation, step.rhs)
    except NoOneMeaning as exc:
        return verdict("unparsed", "reader", {"reason": str(exc)})
    if rel == "=" and (isinstance(step.lhs, sp.MatrixBase) or isinstance(step.rhs, sp.MatrixBase)):
        try:
            left, right = _same_shape(step.lhs, step.rhs)
            ok, how = prove_zero(left - right)
        except Exception:  # SymPy failed: decided below on ||lhs - rhs||^2
            ok = False
        if ok and definedness.all_shown(step.conditions, assumptions):
            found, _ = counterexamples.search(lhs, "=", rhs, assumptions, seed=seed, **QUICK)
            if found is None:
                return verdict("proved", f"SymPy, entrywise: {how}", {})
            return verdict("refuted", "counterexample (SymPy's proof contradicted)",
                           sides_at(refutation(found), step.lhs, step.rhs))
    out = decide(Problem(lhs, rel, rhs, assumptions, points, seed, conditions=tuple(step.conditions)))
    result = verdict(out.verdict, out.method, _with_hint(sides_at(out.evidence, step.lhs, step.rhs), step, out))
    result.certificate = out.certificate
    return result


def _with_hint(evidence: dict, step: StepInput, out) -> dict:
    """The reader's advice (a row that reads like a definition) with a verdict that refutes or does not decide."""
    return {**evidence, "hint": step.hint} if step.hint and out.verdict in ("refuted", "undecided") else evidence




def _vector_step(step: StepInput, assumptions: Assumptions, points: int, seed: int, verdict):
    """A vector step: proved (or refuted) for every d at once where it is invariant (`_every_dimension`); otherwise
    checked exactly in d = 1..4."""
    lhs2, rhs2 = step.at_dimension(2)
    shown = ("", "")  # component form would mislead: the table shows the source row
    try:
        _scalar(lhs2, step.relation, rhs2)
    except NoOneMeaning as exc:
        return verdict("unparsed", "reader", {"reason": str(exc)}, shown)
    conditions_at = step.conditions_at or (lambda d: ())
    # false at a plain point in d = 1: refuted before the proofs for every d, which can spend the budget on it first
    lhs1, rhs1 = step.at_dimension(1)
    with pace(0.5):  # the search's first points are always tried (counterexamples.SOFT_FLOOR), whatever the load
        first = within(0.1, Problem(*_scalar(lhs1, step.relation, rhs1), assumptions, points, seed + 1,
                                    conditions=tuple(conditions_at(1))), [d for d in DECIDERS if d.name in QUICK_FIRST])
    if first is not None and first.verdict == "refuted":
        return verdict("refuted", first.method + " in dimension d = 1",
                       {**sides_at(first.evidence, lhs1, rhs1), "dimension": 1}, shown)
    every = _every_dimension(step, assumptions, points, seed, conditions_at)
    if every is not None:
        result = verdict(every.verdict, every.method, every.evidence, shown)
        result.certificate = every.certificate
        return result
    numerically, held = [], 0  # the dimensions where the step only held at the points tried: no "holds exactly"
    for j, d in enumerate(VECTOR_DIMENSIONS):
        lhs, rhs = step.at_dimension(d)
        l_s, rel, r_s = _scalar(lhs, step.relation, rhs)
        left = remaining()
        # a quarter of what is left, split so that every dimension gets its turn
        with pace(None if left is None else left / 4 / (len(VECTOR_DIMENSIONS) - j)):
            word, method, evidence = decide_step(l_s, rel, r_s, assumptions, points=max(points // 2, 20),
                                                 seed=seed + d, conditions=conditions_at(d),
                                                 only=SMALL_DIMENSION_DECIDERS if d != 1 else AFTER_QUICK_FIRST)
        if word == "refuted":
            evidence = {**sides_at(evidence, lhs, rhs), "dimension": d}
            return verdict("refuted", method + f" in dimension d = {d}", evidence, shown)
        if word == "undecided":
            return verdict(word, method, {**evidence, "dimension": d}, shown)
        numerically += [d] if word != "proved" else []
        held += evidence.get("points_held", 0) if word != "proved" else 0
    if numerically:
        return verdict("numerically holds, not proved", f"no counterexample in d = 1..4, and no proof in d = "
                       f"{', '.join(map(str, numerically))}",
                       {"dimensions": list(VECTOR_DIMENSIONS), "unproved_in": numerically, "points_held": held}, shown)
    return verdict("holds for d <= 4", "proved in every dimension d = 1..4 (not a proof for every d)",
                   {"dimensions": list(VECTOR_DIMENSIONS)}, shown)


def _normal_form_deciders() -> list:
    """DECIDERS without the search (a step not proved here is checked in d = 1..4), Z3 right after the quick search:
    the normal form is polynomial but for its square roots and absolute values, which Z3 eliminates."""
    rest = [d for d in DECIDERS[:-1] if d.name != "Z3"]
    k = next((j + 1 for j, d in enumerate(rest) if d.name == "quick search"), 0)
    return rest[:k] + [d for d in DECIDERS if d.name == "Z3"] + rest[k:]


def _every_dimension(step: StepInput, assumptions: Assumptions, points: int, seed: int,
                     conditions_at=lambda d: ()) -> Outcome | None:
    """A vector step proved for every d (or refuted in R^m): lifted to the vector level (an invariance check); a vector
    equation componentwise; families by the lemma library (after the triangle inequality); m vectors in their normal
    form in R^m (scalar deciders, no search). Definedness must be shown at every dimension the lift was checked at
    (the conditions are functions of the same inner products), else the step is checked in d = 1..4 only."""
    lifted = vector_form.lift_step(step.at_dimension, step.relation,
                                   step.declarations.vectors if step.declarations else {})
    if lifted is None:
        return None
    if not all(definedness.all_shown(conditions_at(d), assumptions) for d in lifted.dimensions):
        return None
    invariant = (f"the step depends on its vectors only through inner products (checked at d = "
                 f"{', '.join(map(str, lifted.dimensions))})")
    how = gram.componentwise(lifted) or gram.bilinear(lifted, lambda e: finite_sets.reduced(e, assumptions))
    if how is not None:
        return Outcome("proved", f"for every d: {how} (SymPy)", {"dimension": "every"})
    # the whole vector share: in squared norms the step is the same step (any nonnegative numbers are squared norms),
    # and its proofs come late in DECIDERS (induction), which half of it left without time on a loaded machine
    found = norms_as_numbers.prove(lifted, assumptions, lambda *s: within(VECTOR_SHARE, Problem(
        *s, points, seed), [d for d in DECIDERS if d.name != "search"]))  # a quick refutation ends it early
    if found is not None:
        return Outcome("proved", f"for every d: {found[0]}", {"dimension": "every"}, found[1])
    if lifted.families and not lifted.vector_valued:
        sides, prove = (lifted.lhs, lifted.rel, lifted.rhs), lambda *s: lemma_match.prove(*s, assumptions, vector=True)
        how = sum_apart.prove(*sides, assumptions) or prove(*sides) or symmetrized.prove_step(*sides, assumptions) \
            or triangle.after_triangle(*sides, prove) or norm_products.after_cauchy_schwarz(*sides, prove)
        if how is not None:
            return Outcome("proved", f"for every d: {how}", {"dimension": "every"})
    combined = vector_combinations.as_vectors(lifted)  # fewer vectors: tried first, only its proofs count
    if combined is not None and (out := _in_normal_form(combined[0], assumptions, points, seed, VECTOR_SHARE / 2)):
        if out[1].verdict == "proved":
            return Outcome("proved", f"for every d: {invariant}; each combination of vectors in an inner product "
                                     f"taken as one vector ({vector_combinations.shown(combined[1])}), and any "
                                     f"{out[0].dimension} vectors are isometric to lower-triangular ones in "
                                     f"R^{out[0].dimension} (Gram-Schmidt); there, {out[1].method}",
                           {"dimension": out[0].dimension}, out[1].certificate)
    abstract = vector_sums.sums_as_vectors(lifted)  # only its proofs count: the sums are tied to each other there
    found = _in_normal_form(abstract.step if abstract else lifted, assumptions, points, seed, VECTOR_SHARE)
    if found is None or found[1].verdict not in ("proved", "refuted") or (abstract and found[1].verdict == "refuted"):
        return None
    normal, out = found
    d = normal.dimension
    if out.verdict == "refuted":
        evidence = dict(out.evidence)
        if "counterexample" in evidence:
            evidence["counterexample"] = {**evidence["counterexample"], **{z: "0" for z in normal.zeros}}
        return Outcome("refuted", out.method + f" in dimension d = {d}",
                       {**sides_at(evidence, *step.at_dimension(d)), "dimension": d})
    if abstract:
        invariant += "; " + abstract.described()
    return Outcome("proved", f"for every d: {invariant}, and any {d} vectors are isometric to lower-triangular "
                             f"ones in R^{d} (Gram-Schmidt); there, {out.method}", {"dimension": d},
                   out.certificate)


def _in_normal_form(vector_step, assumptions, points, seed, fraction):
    """(the normal form in R^m, the deciders' answer there) within `fraction` of what is left, or None."""
    normal = gram.normal_form(vector_step)
    if normal is None:
        return None
    out = within(fraction, Problem(normal.lhs, normal.rel, normal.rhs, assumptions, points, seed),
                  _normal_form_deciders())
    return None if out is None else (normal, out)
