"""The verdict engine: one step `lhs REL rhs` under assumptions -> a verdict with its evidence.

Verdicts, strongest first:
- `proved`: between two numbers, an exact or Arb comparison; otherwise SymPy
  proves it (`prover`), or Z3 decides it, or every case of a finite
  set holds exactly, or Arb branch and bound covers the declared box. A SymPy
  proof is then re-checked at special points: a certified counterexample
  overrides it (SymPy's limits have been wrong before).
- `holds for d <= 4`: a vector step that holds exactly in dimensions 1..4 but is
  not proved for every dimension.
- `numerically holds, not proved`: no proof, and the counterexample search found
  no point where it fails.
- `refuted`: a point where it fails, certified (exact rationals or Arb balls, no
  tolerance); the point and both sides are reported as written (lhs, rhs).
- `undecided`: nothing could decide it (an arbitrary function, no point evaluable,
  a variable's power too large to evaluate exactly, the time budget).
- `unparsed`: the reader could not read it faithfully, or it has no one meaning (an
  order between vectors, a side that is not a number); `cited`: a cited lemma.
"""

from __future__ import annotations

import signal
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass

import sympy as sp

from derivcheck.deciders import counterexamples, procedures
from derivcheck.deciders.arb_eval import evaluate
from derivcheck.deciders.judge import PRECISIONS, judge
from derivcheck.deciders.prover import prove_relation, prove_zero
from derivcheck.reader.declarations import Assumptions
from derivcheck.reader.document import StepInput
from derivcheck.reader.exact_size import MAX_EXPONENT, huge_exponent

VERDICTS = ("proved", "holds for d <= 4", "numerically holds, not proved", "refuted", "undecided", "unparsed",
            "cited")
VECTOR_DIMENSIONS = (1, 2, 3, 4)
POINTS, SEED, TIMEOUT = 60, 0, 60  # a step's default search budget, seed and time budget (s), everywhere
UNEVALUATED = (sp.Limit, sp.Sum, sp.Product, sp.Derivative, sp.Integral)


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

    def to_json(self) -> dict:
        return {"step": self.index, "line": self.line, "relation": self.relation, "lhs": self.lhs, "rhs": self.rhs,
                "verdict": self.verdict, "method": self.method, "evidence": self.evidence, "source": self.source,
                "seconds": round(self.seconds, 3)}


class StepTimeout(BaseException):
    """The step's time budget ran out. A BaseException, so that no catch-all in SymPy or here swallows it."""


@contextmanager
def time_budget(seconds: float | None):
    """Raise StepTimeout after `seconds` (main thread only; elsewhere the budget is not enforced)."""
    if not seconds or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(*_):
        raise StepTimeout()

    old = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def check(step: StepInput, index: int, assumptions: Assumptions | None = None, points: int = POINTS,
          seed: int = SEED, timeout: float | None = TIMEOUT) -> StepVerdict:
    """One step's verdict; a step that runs past `timeout` seconds is undecided, never passed."""
    t0 = time.perf_counter()
    try:
        with time_budget(timeout):
            return _check(step, index, assumptions, points, seed, t0)
    except StepTimeout:
        return StepVerdict(index, step.line, step.relation, _show(step.lhs), _show(step.rhs), "undecided",
                           "time budget", {"reason": f"not decided within {timeout:g} s (raise --timeout)"},
                           step.source, time.perf_counter() - t0)
    except RecursionError:  # SymPy walks expressions recursively: one nested past its limit is not decided
        return StepVerdict(index, step.line, step.relation, "", "", "undecided", "none",
                           {"reason": "nested too deeply for SymPy (Python's recursion limit)"}, step.source,
                           time.perf_counter() - t0)


def _check(step, index, assumptions, points, seed, t0):
    assumptions = step.assumptions or assumptions or Assumptions()

    def verdict(word, method, evidence, shown=None):
        lhs_s, rhs_s = shown or (_show(step.lhs), _show(step.rhs))
        return StepVerdict(index, step.line, step.relation, lhs_s, rhs_s, word, method, evidence, step.source,
                           time.perf_counter() - t0, _tex(step))

    if step.lhs is None or step.rhs is None:
        return verdict("unparsed", "reader", {"reason": step.error}, ("", ""))
    odd = next((side for side in (step.lhs, step.rhs) if not _is_quantity(side)), None)
    if odd is not None:  # True, x < 1, a set, a list: a relation between these has no meaning here
        return verdict("unparsed", "reader", {"reason": f"{_show(odd)[:60]} is not a number, vector or matrix "
                                                        f"({type(odd).__name__})"})
    if step.cited:
        # a textbook lemma stated with placeholder symbols: its hypotheses are not part of the step
        return verdict("cited", "cited lemma, not checked", {"note": "its hypotheses are not in the step"})
    huge = huge_exponent(step.lhs, step.rhs)
    if huge is not None:  # no point can be evaluated exactly, and expanding it is no better
        return verdict("undecided", "none", {"reason": f"{sp.sstr(huge)}: an exponent beyond {MAX_EXPONENT:,} "
                                                       "cannot be evaluated exactly at a point"})
    if step.at_dimension is not None:
        return _vector_step(step, assumptions, points, seed, verdict)
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
        if ok:
            found, _ = _recheck(lhs, "=", rhs, assumptions, seed)
            if found is None:
                return verdict("proved", f"SymPy, entrywise: {how}", {})
            return verdict("refuted", "counterexample (SymPy's proof contradicted)",
                           _sides_at(_refutation(found), step.lhs, step.rhs))
    word, method, evidence = decide_step(sp.sympify(lhs), rel, sp.sympify(rhs), assumptions, points, seed)
    return verdict(word, method, _sides_at(evidence, step.lhs, step.rhs))


def decide_step(lhs, rel: str, rhs, assumptions: Assumptions, points: int = POINTS, seed: int = SEED):
    """(verdict, method, evidence) for one scalar step."""
    if not any(sp.sympify(e).free_symbols or sp.sympify(e).has(sp.Indexed, *UNEVALUATED) for e in (lhs, rhs)):
        # two numbers: an exact or certified evaluation decides, where SymPy's prover can stall (it factors
        # e^(10^10) - 1 as a polynomial of degree 10^10 in e); a limit or sum is the prover's to evaluate
        holds, lv, rv, note = judge(sp.sympify(lhs), rel, sp.sympify(rhs), {})
        if holds is True:
            return "proved", f"both sides are numbers, compared ({note})", {}
        if holds is False:
            return "refuted", "both sides are numbers, compared", _refutation(
                counterexamples.Found({}, lv, rv, note, "both sides evaluated"))
    try:
        ok, how = prove_relation(lhs, rel, rhs)
    except Exception as exc:  # a SymPy failure is "not proved", never a crash
        ok, how = False, f"SymPy raised {type(exc).__name__}"
    if ok:
        found, stats = _recheck(lhs, rel, rhs, assumptions, seed)
        if found is None:
            return "proved", f"SymPy: {how}", {"rechecked_points": stats["points_held"]}
        return "refuted", "counterexample (SymPy's proof contradicted)", _refutation(found)
    if _has_undefined_function(lhs, rhs):
        return "undecided", "none", {"reason": "an arbitrary function: only a symbolic proof can decide, and "
                                               "SymPy found none"}
    for procedure in (procedures.z3_decide, procedures.cases, procedures.branch_and_bound):
        try:
            result = procedure(lhs, rel, rhs, assumptions)
        except Exception:  # a procedure that cannot handle the form is just not applicable
            result = None
        if result is None:
            continue
        kind, detail = result
        if kind == "refuted":
            return "refuted", f"counterexample ({detail.how})", _refutation(detail)
        method = {procedures.z3_decide: detail, procedures.cases: f"every case of the finite sets holds exactly ({detail})",
                  procedures.branch_and_bound: f"Arb branch and bound over the declared box ({detail} boxes)"}[procedure]
        return "proved", method, {}
    found, stats = counterexamples.search(lhs, rel, rhs, assumptions, points=points, seed=seed)
    if found is not None:
        return "refuted", f"counterexample ({found.how})", _refutation(found)
    if stats["points_held"] == 0:
        return "undecided", "none", {"reason": f"no point could be decided ({stats['skipped_reason'] or 'no points'})",
                                     **stats}
    return "numerically holds, not proved", "counterexample search found none", stats


def _recheck(lhs, rel, rhs, assumptions, seed):
    """A SymPy proof re-checked at special and grid points: a certified counterexample overrides it."""
    return counterexamples.search(lhs, rel, rhs, assumptions, points=8, seed=seed, optimise=False, grid=24)


def _refutation(found: counterexamples.Found) -> dict:
    return {"counterexample": found.point, "lhs": _num(found.lhs), "rhs": _num(found.rhs),
            "certified_by": found.note, "found_by": found.how}


def _sides_at(evidence: dict, lhs, rhs) -> dict:
    """A refuted vector or matrix step shows its two sides at the counterexample, not ||lhs - rhs||^2 and 0."""
    if "counterexample" not in evidence or not any(isinstance(e, sp.MatrixBase) for e in (lhs, rhs)):
        return evidence
    point = {k: sp.Rational(v) for k, v in evidence["counterexample"].items()}
    shown = []
    for e in (lhs, rhs):
        e = sp.sympify(e).xreplace({v: point[str(v)] for v in sp.sympify(e).free_symbols if str(v) in point})
        if e.has(*UNEVALUATED):  # sum_{i <= n} a_i at n = 1 is a_1, whose value the point holds
            e = e.doit()
            e = e.xreplace({a: point[str(a)] for a in e.atoms(sp.Indexed) if str(a) in point})
        if e.free_symbols or e.has(*UNEVALUATED):  # a value the point does not fix: keep the distance
            return evidence
        shown.append("[" + ", ".join(_num(c) for c in e) + "]" if isinstance(e, sp.MatrixBase) else _num(e))
    return {**evidence, "lhs": shown[0], "rhs": shown[1]}


def _num(v) -> str:
    if v is None:
        return "?"
    v = sp.sympify(v)
    if v.is_Rational or v in (sp.oo, -sp.oo) or v.has(sp.nan, sp.zoo):
        return "undefined" if v.has(sp.nan, sp.zoo) else sp.sstr(v)
    if v.has(sp.I):
        return "not real"
    try:
        n = sp.N(v, 20)
    except Exception:  # a value SymPy cannot print numerically: show it symbolically
        return sp.sstr(v)
    if isinstance(n, sp.Float) and n._prec < 20:  # evalf found no digit of it: SymPy would print "0.e-138"
        try:
            return str(evaluate(v, {}, prec=max(PRECISIONS)))  # Arb's ball, e.g. [+/- 6.19e-617]: rigorous bounds
        except Exception:  # no ball either: SymPy's digits, whatever they are
            pass
    return sp.sstr(n)


def _is_quantity(e) -> bool:
    if isinstance(e, sp.MatrixBase):
        return all(isinstance(c, sp.Expr) for c in e)
    return isinstance(e, sp.Expr) or (isinstance(e, (int, float)) and not isinstance(e, bool))  # 0 in a Derivation


def _show(e) -> str:
    if e is None:
        return ""
    if isinstance(e, sp.MatrixBase):
        return sp.sstr(list(e))
    return sp.sstr(e)


def _has_undefined_function(*exprs) -> bool:
    return any(isinstance(f, sp.core.function.AppliedUndef) for e in exprs for f in sp.sympify(e).atoms(sp.Function))


def _vector_step(step: StepInput, assumptions: Assumptions, points: int, seed: int, verdict):
    """A vector step: proved at d = m covers every d; otherwise checked exactly in d = 1..4."""
    lhs2, rhs2 = step.at_dimension(2)
    shown = ("", "")  # component form would mislead: the table shows the source row
    try:
        _scalar(lhs2, step.relation, rhs2)
    except NoOneMeaning as exc:
        return verdict("unparsed", "reader", {"reason": str(exc)}, shown)
    families = any(e.atoms(sp.Indexed) for e in _entries(lhs2, rhs2))
    m = len({s.name.split("[")[0] for e in _entries(lhs2, rhs2) for s in e.free_symbols if "[" in s.name})
    if not families and 1 <= m <= 4:
        try:
            lhs, rhs = step.at_dimension(m)
            ok, how = prove_relation(*_scalar(lhs, step.relation, rhs))
        except Exception:  # SymPy failed: not proved this way
            ok = False
        if ok:
            return verdict("proved", f"SymPy at d = {m} ({how}); the step depends on its {m} vectors only through "
                           f"inner products, and any {m} vectors in R^d are isometric to {m} vectors in R^{m}",
                           {"dimension": m}, shown)
    for d in VECTOR_DIMENSIONS:
        lhs, rhs = step.at_dimension(d)
        l_s, rel, r_s = _scalar(lhs, step.relation, rhs)
        word, method, evidence = decide_step(l_s, rel, r_s, assumptions, points=max(points // 2, 20), seed=seed + d)
        if word == "refuted":
            evidence = {**_sides_at(evidence, lhs, rhs), "dimension": d}
            return verdict("refuted", method + f" in dimension d = {d}", evidence, shown)
        if word == "undecided":
            return verdict(word, method, {**evidence, "dimension": d}, shown)
    return verdict("holds for d <= 4", "checked in every dimension d = 1..4 (not a proof for every d)",
                   {"dimensions": list(VECTOR_DIMENSIONS)}, shown)


def _entries(*items):
    for x in items:
        if isinstance(x, sp.MatrixBase):
            yield from x
        else:
            yield sp.sympify(x)


class NoOneMeaning(ValueError):
    """A relation between a matrix and something that it has no one meaning with: the step is unparsed."""


def _same_shape(lhs, rhs):
    """Both sides as matrices of one shape; a scalar 0 is the zero matrix (`a - b = 0`), a scalar with a 1x1 matrix
    is that matrix's entry."""
    sides = [x if isinstance(x, sp.MatrixBase) else None for x in (lhs, rhs)]
    shape = next(x.shape for x in sides if x is not None)
    for k, x in enumerate((lhs, rhs)):
        if sides[k] is None:
            if sp.sympify(x) == 0 or shape == (1, 1):
                sides[k] = sp.Matrix(*shape, [x] * (shape[0] * shape[1]))
            else:
                what = "a vector" if shape[1] == 1 else f"a {shape[0]}x{shape[1]} matrix"
                raise NoOneMeaning(f"{what} compared with the scalar {sp.sstr(x)}")
    if sides[0].shape != sides[1].shape:
        raise NoOneMeaning(f"the sides' shapes differ ({sides[0].shape[0]}x{sides[0].shape[1]} and "
                           f"{sides[1].shape[0]}x{sides[1].shape[1]})")
    return sp.Matrix(sides[0]), sp.Matrix(sides[1])


def _scalar(lhs, rel, rhs):
    """A vector relation as a scalar one: lhs = rhs iff ||lhs - rhs||^2 = 0, and != likewise; scalars unchanged.

    An order between vectors or matrices (entrywise? Loewner?) has no one meaning: NoOneMeaning."""
    if not (isinstance(lhs, sp.MatrixBase) or isinstance(rhs, sp.MatrixBase)):
        return lhs, rel, rhs
    if rel not in ("=", "!="):
        raise NoOneMeaning(f"'{rel}' between vectors or matrices has no one meaning (entrywise? the Loewner "
                           "order?): write it entry by entry or with norms")
    left, right = _same_shape(lhs, rhs)
    # |c|^2, not c^2: the entries of a complex difference can have squares that sum to 0
    return sum(sp.Abs(c) ** 2 for c in left - right), rel, sp.Integer(0)


def builtin_inputs(derivation) -> list[StepInput]:
    """A built-in Derivation's steps in the engine's step format (its symbols carry their assumptions)."""
    out = []
    for s in derivation.steps:
        rel = {"->": "="}.get(s.relation, s.relation)
        # an induction's conclusion holds under the hypotheses of the steps it combines, not as a free-standing
        # inequality: like a cited lemma, it is reported and not sampled (its premises are checked one by one)
        out.append(StepInput(s.lhs, rel, s.rhs, None, s.why,
                             cited=s.status == "cited" or s.method.startswith("induction")))
    return out


TEX_RELATIONS = {"=": "=", "<=": r"\le", ">=": r"\ge", "<": "<", ">": ">", "!=": r"\ne"}


def _tex(step: StepInput) -> str:
    if step.lhs is None or step.rhs is None:
        return ""
    try:
        return f"{sp.latex(step.lhs)} {TEX_RELATIONS.get(step.relation, '?')} {sp.latex(step.rhs)}"
    except Exception:  # an object SymPy cannot typeset: the annotation shows the verdict only
        return ""
