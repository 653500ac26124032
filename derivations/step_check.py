"""The verdict engine: one relation lhs REL rhs under assumptions -> proved / numerically holds / refuted.

A step is
- `proved` when SymPy shows it: the difference simplifies to 0 (for =), or is
  nonnegative / positive by the assumption system after one of several
  rewritings, or by monotonicity from the lower end of a nonnegative variable's
  range (h(0) >= 0 and h' >= 0);
- `numerically holds, not proved` when SymPy is inconclusive but the relation held
  at every sample point (mpmath through SymPy's evalf, 50 digits), drawn from the
  assumptions' ranges: a grid of simple values first, then seeded random rationals;
- `refuted` when it fails at a point, and fails again at 100 digits; the point is
  reported as exact substitutions;
- `error` when neither side can be evaluated (an unevaluated limit, no valid point).

The same engine checks a user's LaTeX (`latex_input`), Python step lists, and
every built-in derivation (`builtin_inputs`).
"""

from __future__ import annotations

import itertools
import random
import time
from dataclasses import dataclass, field
from fractions import Fraction

import sympy as sp

from .functions import Sigmoid, exp_form
from .steps import prove_nonnegative, prove_zero

VERDICTS = ("proved", "numerically holds, not proved", "refuted", "unparsed", "error", "cited")
PROPERTIES = ("positive", "negative", "nonnegative", "nonpositive", "nonzero", "real", "integer")
FLIP = {">=": "<=", ">": "<"}


@dataclass
class Assumptions:
    """Per symbol name: SymPy properties and an optional range (lo, hi, lo_open, hi_open), Fractions or None."""

    props: dict = field(default_factory=dict)
    ranges: dict = field(default_factory=dict)

    def symbol(self, name: str) -> sp.Symbol:
        kw = {p: True for p in self.props.get(name, ())}
        lo, hi, lo_open, hi_open = self.ranges.get(name, (None, None, False, False))
        if lo is not None and (lo > 0 or (lo == 0 and lo_open)):
            kw["positive"] = True
        elif lo is not None and lo >= 0:
            kw["nonnegative"] = True
        if hi is not None and (hi < 0 or (hi == 0 and hi_open)):
            kw["negative"] = True
        elif hi is not None and hi <= 0:
            kw["nonpositive"] = True
        kw.setdefault("real", True)  # a derivation's variables are real unless said otherwise
        return sp.Symbol(name, **kw)

    def describe(self) -> list[str]:
        out = [f"{name}: {', '.join(sorted(p))}" for name, p in sorted(self.props.items())]
        for name, (lo, hi, lo_open, hi_open) in sorted(self.ranges.items()):
            out.append(f"{name} in {'(' if lo_open else '['}{lo}, {hi}{')' if hi_open else ']'}")
        return out


@dataclass
class StepInput:
    lhs: object  # SymPy expression, or None when unparsed
    relation: str  # one of = <= >= < > !=
    rhs: object
    line: int | None = None
    source: str = ""
    error: str = ""  # why it could not be parsed
    cited: bool = False  # a cited lemma: reported as such, not sampled (its hypotheses are not in the step)
    assumptions: object = None  # the Assumptions in force for this step (None: the caller's)
    row_span: tuple | None = None  # (start, end) offsets of the LaTeX row in the file, for annotation


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

    def to_json(self) -> dict:
        return {"step": self.index, "line": self.line, "relation": self.relation, "lhs": self.lhs, "rhs": self.rhs,
                "verdict": self.verdict, "method": self.method, "evidence": self.evidence, "source": self.source,
                "seconds": round(self.seconds, 3)}


def check(step: StepInput, index: int, assumptions: Assumptions | None = None, points: int = 60,
          seed: int = 0) -> StepVerdict:
    t0 = time.perf_counter()
    assumptions = step.assumptions or assumptions or Assumptions()
    if step.lhs is None or step.rhs is None:
        return StepVerdict(index, step.line, step.relation, "", "", "unparsed", "parser", {"reason": step.error},
                           step.source, time.perf_counter() - t0)
    rel = step.relation
    lhs, rhs = sp.sympify(step.lhs), sp.sympify(step.rhs)
    if rel in FLIP:
        lhs, rhs, rel = rhs, lhs, FLIP[rel]
    shown = (sp.sstr(step.lhs), sp.sstr(step.rhs))
    try:
        ok, how = _prove(lhs, rel, rhs)
    except Exception as exc:  # a SymPy failure is "not proved", never a crash
        ok, how = False, f"SymPy raised {type(exc).__name__}"
    if ok:
        return StepVerdict(index, step.line, step.relation, *shown, "proved", how, {}, step.source,
                           time.perf_counter() - t0)
    if step.cited:
        # a textbook lemma stated with placeholder symbols: its hypotheses are not part of the step
        return StepVerdict(index, step.line, step.relation, *shown, "cited", "cited lemma, not proved by SymPy",
                           {"note": "its hypotheses are not in the step, so it is not sampled"}, step.source,
                           time.perf_counter() - t0)
    undefined = sorted({type(f).__name__ for f in (lhs.atoms(sp.Function) | rhs.atoms(sp.Function))
                        if isinstance(f, sp.core.function.AppliedUndef)})
    if undefined:
        return StepVerdict(index, step.line, step.relation, *shown, "error", "not sampled",
                           {"reason": f"undefined function {', '.join(undefined)}: only a symbolic proof can decide"},
                           step.source, time.perf_counter() - t0)
    verdict, evidence = _numeric(lhs, rel, rhs, assumptions, points, seed)
    return StepVerdict(index, step.line, step.relation, *shown, verdict,
                       "evaluated at sample points (evalf)" if verdict != "error" else "none", evidence, step.source,
                       time.perf_counter() - t0)


# -- symbolic ---------------------------------------------------------------------
def _prove(lhs, rel, rhs) -> tuple[bool, str]:
    if rel == "=":
        lr, rr = _ready(lhs), _ready(rhs)
        if any(v in (sp.oo, -sp.oo, sp.zoo) for v in (lr, rr)):
            return lr == rr, "infinite limit, compared exactly"  # oo - oo is nan
        return prove_zero(lr - rr)
    if rel == "!=":
        diff = sp.simplify(_ready(lhs) - _ready(rhs))
        return (True, "simplify + assumptions") if diff.is_nonzero else (False, "")
    strict = rel == "<"
    diff = _ready(rhs) - _ready(lhs)
    for name, form in _forms(diff):
        ok, _ = prove_nonnegative(form, strict=strict)
        if ok:
            return True, f"assumptions ({name})"
    return _monotone(diff, strict)


def _ready(expr):
    """Evaluate derivatives, sums and limits SymPy can do, and write sigmoids as exponentials."""
    expr = sp.sympify(expr)
    if expr.has(Sigmoid):
        expr = exp_form(expr)
    try:
        return expr.doit()
    except Exception:
        return expr


def _forms(diff):
    yield "as written", diff
    for name, fn in (("together", lambda e: sp.factor(sp.together(e))), ("simplify", sp.simplify),
                     ("powsimp", lambda e: sp.powsimp(sp.together(sp.expand(e)))),
                     ("cancel", lambda e: sp.cancel(sp.together(e)))):
        try:
            yield name, fn(diff)
        except Exception:
            continue


def _monotone(diff, strict: bool) -> tuple[bool, str]:
    """h >= 0 on [0, oo) for a nonnegative variable x: h(0) >= 0 (> 0 if strict) and h' >= 0 there."""
    for x in sorted(diff.free_symbols, key=lambda s: s.name):
        if not x.is_nonnegative or len(diff.free_symbols) > 3:
            continue
        h0 = sp.simplify(diff.subs(x, 0))
        if h0.has(sp.nan, sp.zoo, sp.oo, -sp.oo) or sp.limit(diff, x, 0, "+") != h0:
            continue  # not continuous at 0
        ok0, _ = prove_nonnegative(h0, strict=strict)
        s = sp.Dummy("s", nonnegative=True)
        dh = sp.diff(diff, x).subs(x, s)
        ok1 = any(prove_nonnegative(f)[0] for _, f in _forms(dh))
        if ok0 and ok1:
            return True, f"monotone in {x} from 0 (h(0) >= 0, h' >= 0)"
    return False, "sign not established"


# -- numeric ------------------------------------------------------------------------
def _values(sym: sp.Symbol, assumptions: Assumptions, rng: random.Random):
    """(grid, draw) for one symbol: simple values first, then a random rational generator."""
    name = sym.name
    if name in assumptions.ranges:
        lo, hi, lo_open, hi_open = assumptions.ranges[name]
        lo_ = Fraction(lo) if lo is not None else Fraction(-10)
        hi_ = Fraction(hi) if hi is not None else lo_ + 20
        grid = [lo_ + (hi_ - lo_) * Fraction(k, 8) for k in range(9)]
        grid = [v for v in grid if not (v == lo_ and lo_open) and not (v == hi_ and hi_open)]
        integer = sym.is_integer

        def draw():
            v = lo_ + (hi_ - lo_) * Fraction(rng.randint(1, 999), 1000)
            return Fraction(round(v)) if integer else v
        return (sorted({Fraction(round(v)) for v in grid}) if integer else grid), draw
    if sym.is_integer:
        if sym.is_positive:
            return [1, 2, 3, 5, 10], lambda: rng.randint(1, 40)
        if sym.is_nonnegative:
            return [0, 1, 2, 3, 10], lambda: rng.randint(0, 40)
        if sym.is_negative:
            return [-1, -2, -3, -10], lambda: -rng.randint(1, 40)
        return [0, 1, -1, 2, -2, 5], lambda: rng.randint(-20, 20)
    pos = [Fraction(1), Fraction(1, 2), Fraction(2), Fraction(3), Fraction(10), Fraction(1, 10)]

    def rand_pos():
        return Fraction(rng.randint(1, 2000), rng.randint(1, 200))
    if sym.is_positive:
        return pos, rand_pos
    if sym.is_nonnegative:
        return [Fraction(0)] + pos, lambda: rand_pos() if rng.random() > 0.05 else Fraction(0)
    if sym.is_negative:
        return [-v for v in pos], lambda: -rand_pos()
    if sym.is_nonpositive:
        return [Fraction(0)] + [-v for v in pos], lambda: -rand_pos()
    grid = [Fraction(0), Fraction(1), Fraction(-1), Fraction(2), Fraction(-2), Fraction(1, 2), Fraction(-1, 2),
            Fraction(3), Fraction(10), Fraction(-10)]
    if sym.is_nonzero:
        grid = grid[1:]
    # half the draws small (|v| <= 2, where products and squares change order), half wide
    return grid, lambda: (Fraction(rng.randint(-128, 128), 64) if rng.random() < 0.5 else rand_pos() * rng.choice([1, -1]))


def _points(symbols, assumptions, n_points, seed):
    rng = random.Random(seed)
    specs = [_values(s, assumptions, rng) for s in symbols]
    grids = [g for g, _ in specs]
    for k in range(min(len(g) for g in grids) if grids else 0):  # the diagonal first: every variable alike
        yield {s: g[k] for s, g in zip(symbols, grids)}
    seen = 0
    for combo in itertools.product(*grids):
        yield dict(zip(symbols, combo))
        seen += 1
        if seen >= max(n_points, 40):
            break
    for _ in range(n_points):
        yield {s: draw() for s, (_, draw) in zip(symbols, specs)}


def _evaluate(expr, point, dps):
    val = expr.subs({s: sp.Rational(v.numerator, v.denominator) if isinstance(v, Fraction) else sp.Integer(v)
                     for s, v in point.items()})
    val = val.doit() if val.has(sp.Sum, sp.Product, sp.Derivative, sp.Limit, sp.Integral) else val
    if val.has(sp.Limit, sp.Integral, sp.Sum):
        raise ValueError("an unevaluated limit, integral or sum")
    num = sp.N(val, dps)
    if num.has(sp.nan, sp.zoo, sp.oo, -sp.oo) or not num.is_number:
        raise ValueError("not a finite number")
    return num


def _violates(l, r, rel, dps) -> bool | None:
    """True if the relation fails beyond rounding, False if it holds, None if too close to call."""
    tol = sp.Float(10, dps) ** (-(dps * 3) // 5)
    scale = max(sp.Float(1, dps), abs(l), abs(r))
    if rel in ("=", "!="):
        gap = abs(l - r)
        if rel == "=":
            return True if gap > scale * tol * 10**5 else (False if gap <= scale * tol else None)
        return True if gap <= scale * tol else (False if gap > scale * tol * 10**5 else None)
    if not (l.is_real and r.is_real):
        raise ValueError("an inequality between complex values")
    d = l - r  # l <= r (or <) must hold
    if d > scale * tol * 10**5:
        return True
    if d < -scale * tol * 10**5:
        return False
    return None if rel == "<" or d > scale * tol else False


def _numeric(lhs, rel, rhs, assumptions, n_points, seed):
    lhs_r, rhs_r = _ready(lhs), _ready(rhs)
    symbols = sorted((lhs_r.free_symbols | rhs_r.free_symbols), key=lambda s: s.name)
    tried = valid = close = 0
    skipped = ""
    for point in _points(symbols, assumptions, n_points, seed):
        tried += 1
        try:
            l50, r50 = _evaluate(lhs_r, point, 50), _evaluate(rhs_r, point, 50)
            bad = _violates(l50, r50, rel, 50)
        except Exception as exc:
            skipped = skipped or f"{type(exc).__name__}: {exc}"[:120]
            continue
        valid += 1
        if bad is None:
            close += 1
            continue
        if bad:
            try:
                l100, r100 = _evaluate(lhs_r, point, 100), _evaluate(rhs_r, point, 100)
                again = _violates(l100, r100, rel, 100)
            except Exception:
                again = None
            if again:
                return "refuted", {"counterexample": {s.name: str(v) for s, v in point.items()},
                                   "lhs": sp.sstr(sp.N(l100, 20)), "rhs": sp.sstr(sp.N(r100, 20)),
                                   "rechecked_digits": 100, "points_tried": tried}
        if not symbols:
            break
    if valid == 0:
        return "error", {"reason": f"could not evaluate at any sample point ({skipped or 'no points'})",
                         "points_tried": tried}
    return "numerically holds, not proved", {"points_valid": valid, "points_tried": tried, "too_close_to_call": close,
                                             "digits": 50, "skipped_reason": skipped or None}


def builtin_inputs(derivation) -> list[StepInput]:
    """A built-in Derivation's steps in the engine's step format (its symbols carry their assumptions)."""
    out = []
    for s in derivation.steps:
        rel = {"->": "="}.get(s.relation, s.relation)
        out.append(StepInput(s.lhs, rel, s.rhs, None, s.why, cited=s.status == "cited"))
    return out
