"""Derivation steps that SymPy proves as they are written down.

A `Derivation` is a list of `Step`s. Each step is an equation or inequality
between SymPy expressions with a one-line justification, and is checked the
moment it is added:

* `equal`: the difference simplifies to 0;
* `limit`: SymPy computes the limit, which must equal the stated value, and the
  limit is cross-checked numerically with mpmath at large arguments (SymPy's
  `limit` has returned wrong answers under assumptions; we do not trust it alone);
* `nonnegative` / `leq`: the difference (or a certificate SymPy proves equal to it)
  is nonnegative by SymPy's assumption system;
* `monotone_from`: h(x0) = 0 and h'(x) >= 0 on x >= x0, so h >= 0 there;
* `cite`: a named textbook lemma (Cauchy-Schwarz, triangle inequality), with an
  optional instance SymPy checks; reported as *cited*, never as *proved*.

Nothing here compares strings: a step is proved only by SymPy's answer.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import sympy as sp

from checker.latex_escape import latex_text
from derivcheck.deciders.prover import numeric_limit_check, positive_beyond, prove_nonnegative, prove_zero
from derivcheck.functions import exp_form
from derivcheck.reader.notation import ParseError, symbol_name

from .prose import why_latex

RELATIONS = {"=": "=", "<=": r"\le", ">=": r"\ge", "<": "<", ">": ">", "->": r"\to", "!=": r"\ne"}


@dataclass
class Step:
    lhs: sp.Basic
    relation: str
    rhs: sp.Basic
    why: str
    method: str
    status: str  # "proved" | "cited" | "failed"
    detail: str = ""
    name: str = ""  # LaTeX name of a computed quantity: the step says SymPy's computation of it gives rhs

    @property
    def computed(self) -> bool:
        """A computation (lhs was evaluated by SymPy to the stated closed form), not an identity to display."""
        return bool(self.name)

    def latex(self) -> str:
        rel = RELATIONS[self.relation]
        return f"{self.name or _latex(self.lhs)} &{rel} {_latex(self.rhs)}"

    def to_json(self) -> dict:
        return {
            "lhs": sp.sstr(self.lhs),
            "relation": self.relation,
            "rhs": sp.sstr(self.rhs),
            "latex": self.latex(),
            "why": self.why,
            "method": self.method,
            "status": self.status,
            "detail": self.detail,
            "computed": self.name or None,
        }


@dataclass
class Derivation:
    claim_id: str
    title: str
    setting: str = ""
    steps: list[Step] = field(default_factory=list)
    seconds: float = 0.0

    # -- adding steps -----------------------------------------------------
    def equal(self, lhs, rhs, why: str, name: str = "") -> Step:
        """lhs = rhs, proved by simplifying the difference to 0.

        When SymPy has already evaluated lhs to rhs's very expression (a computed closed form: theta_1, a margin),
        the step would read X = X: `name` (LaTeX) says what was computed, and the step is shown as a computation.
        """
        t0 = time.perf_counter()
        if not name and sp.sympify(lhs) == sp.sympify(rhs):
            raise ValueError(f"{self.claim_id}: the step {sp.sstr(lhs)} = {sp.sstr(rhs)} is X = X as written; "
                             "give name= for a computed quantity")
        ok, how = prove_zero(sp.sympify(lhs) - sp.sympify(rhs))
        return self._add(Step(lhs, "=", rhs, why, how, "proved" if ok else "failed", name=name), t0)

    def limit(self, expr, var, point, value, why: str, numeric_points: dict | None = None) -> Step:
        """lim_{var -> point} expr = value: SymPy computes it and mpmath cross-checks it."""
        t0 = time.perf_counter()
        try:
            computed = sp.limit(exp_form(expr), var, point)
        except (NotImplementedError, ValueError) as exc:
            step = Step(sp.Limit(expr, var, point), "=", value, why, "sympy.limit", "failed",
                        f"sympy.limit raised {type(exc).__name__}: {exc}")
            return self._add(step, t0)
        if computed in (sp.oo, -sp.oo, sp.zoo) or sp.sympify(value) in (sp.oo, -sp.oo, sp.zoo):
            ok = computed == sp.sympify(value)  # oo - oo is nan: infinite limits compare structurally
        else:
            ok, _ = prove_zero(computed - value)
        detail = f"sympy.limit returned {sp.sstr(computed)}"
        if ok:
            ok, num = numeric_limit_check(expr, var, point, value, numeric_points or {})
            detail += "; " + num
        step = Step(sp.Limit(expr, var, point), "=", value, why, "sympy.limit + mpmath cross-check",
                    "proved" if ok else "failed", detail)
        return self._add(step, t0)

    def leq(self, lhs, rhs, why: str, certificate=None, strict: bool = False) -> Step:
        """lhs <= rhs: rhs - lhs (or a certificate proven equal to it) is nonnegative."""
        t0 = time.perf_counter()
        ok, how = prove_nonnegative(sp.sympify(rhs) - sp.sympify(lhs), certificate, strict)
        return self._add(Step(lhs, "<" if strict else "<=", rhs, why, how, "proved" if ok else "failed"), t0)

    def monotone_from(self, lhs, rhs, var, start, why: str) -> Step:
        """lhs <= rhs for var >= start, via h = rhs - lhs: h(start) = 0 and h' >= 0."""
        t0 = time.perf_counter()
        h = sp.sympify(rhs) - sp.sympify(lhs)
        ok0, _ = prove_zero(h.subs(var, start))
        shifted = sp.Dummy("s", nonnegative=True)
        dh = sp.diff(h, var).subs(var, start + shifted)
        ok1, how1 = prove_nonnegative(dh)
        ok = ok0 and ok1
        detail = f"h = {sp.sstr(h)}; h({start}) = 0: {ok0}; h' = {sp.sstr(sp.simplify(sp.diff(h, var)))} >= 0: {ok1}"
        step = Step(lhs, "<=", rhs, why, "h(x0)=0 and h'>=0 (" + how1 + ")", "proved" if ok else "failed", detail)
        return self._add(step, t0)

    def positive_beyond(self, expr, var, start, why: str, name: str) -> Step:
        """expr > 0 for var >= start (a rational function): a certificate of positive coefficients after the shift
        var = start + u. Shown as a sentence under `name`: the expression is too large to typeset usefully."""
        t0 = time.perf_counter()
        shifted, ok, how = positive_beyond(expr, var, start)
        return self._add(Step(shifted, ">", sp.Integer(0), why, how if ok else "positivity certificate",
                              "proved" if ok else "failed", "" if ok else how, name=name), t0)

    def decreasing(self, expr, var, why: str) -> Step:
        """expr is nonincreasing in var: its derivative is <= 0 under the assumptions."""
        t0 = time.perf_counter()
        deriv = sp.diff(expr, var)
        ok, how = prove_nonnegative(-deriv)
        step = Step(sp.Derivative(expr, var), "<=", sp.Integer(0), why, how, "proved" if ok else "failed",
                    f"derivative = {sp.sstr(sp.simplify(deriv))}")
        return self._add(step, t0)

    def nonzero(self, expr, why: str) -> Step:
        """expr != 0 for a closed-form constant: SymPy's evalf to 50 digits, |value| far above its error."""
        t0 = time.perf_counter()
        expr = sp.sympify(expr)
        value = sp.N(expr, 50)
        ok = bool(not expr.free_symbols and value.is_number and value.is_finite and abs(value) > sp.Float(10) ** -40)
        step = Step(expr, "!=", sp.Integer(0), why, "evalf (50 digits)", "proved" if ok else "failed",
                    f"value = {sp.sstr(sp.N(expr, 15))}")
        return self._add(step, t0)

    def cite(self, lhs, relation: str, rhs, why: str, instance: tuple | None = None) -> Step:
        """A textbook lemma; if `instance` = (lhs_i, rhs_i, certificate) is given, SymPy checks it."""
        t0 = time.perf_counter()
        detail = "cited, not proved by SymPy"
        if instance is not None:
            lhs_i, rhs_i, cert = instance
            ok, how = prove_nonnegative(sp.sympify(rhs_i) - sp.sympify(lhs_i), cert)
            detail += f"; instance {sp.sstr(lhs_i)} <= {sp.sstr(rhs_i)} checked: {ok} ({how})"
            if not ok:
                return self._add(Step(lhs, relation, rhs, why, "cited lemma", "failed", detail), t0)
        return self._add(Step(lhs, relation, rhs, why, "cited lemma", "cited", detail), t0)

    def induction(self, lhs, relation: str, rhs, why: str, base: Step, lemma: list[Step]) -> Step:
        """The induction principle over steps already in this derivation: proved iff its base and every step of the
        one-step lemma are proved (cited lemmas inside it stay counted as cited)."""
        t0 = time.perf_counter()
        number = {id(st): k + 1 for k, st in enumerate(self.steps)}
        missing = [st for st in [base, *lemma] if id(st) not in number]
        if missing:
            raise ValueError(f"{self.claim_id}: an induction may only use steps of its own derivation")
        ok = all(st.status in ("proved", "cited") for st in [base, *lemma])
        how = f"induction on t: base step {number[id(base)]}, one-step lemma steps " \
              f"{number[id(lemma[0])]}-{number[id(lemma[-1])]}"
        return self._add(Step(lhs, relation, rhs, why, how, "proved" if ok else "failed"), t0)

    def _add(self, step: Step, t0: float) -> Step:
        self.steps.append(step)
        self.seconds += time.perf_counter() - t0
        return step

    # -- results ------------------------------------------------------------
    @property
    def proved(self) -> bool:
        return bool(self.steps) and all(s.status in ("proved", "cited") for s in self.steps)

    @property
    def failed_steps(self) -> list[int]:
        return [k + 1 for k, s in enumerate(self.steps) if s.status == "failed"]

    def evidence(self) -> dict:
        return {
            "steps": len(self.steps),
            "proved_by_sympy": sum(s.status == "proved" for s in self.steps),
            # of those, computations (a quantity SymPy evaluated to the stated closed form), shown as sentences
            "computed_by_sympy": sum(s.status == "proved" and s.computed for s in self.steps),
            "cited_lemmas": [s.why for s in self.steps if s.status == "cited"],
            "failed_steps": self.failed_steps,
            "methods": sorted({s.method for s in self.steps}),
        }

    def latex_body(self) -> str:
        """Numbered steps in align environments, each after its typeset justification; a computation (a quantity
        SymPy evaluated to the stated closed form) is a sentence between them, not a numbered step."""
        blocks, rows = [], []
        for s in self.steps:
            if s.computed and s.status == "proved":
                if rows:
                    blocks.append("\\begin{align}\n" + "\n\\\\\n".join(rows) + "\n\\end{align}\n")
                    rows = []
                verb = "computes" if s.relation == "=" else "shows"
                blocks.append(f"\\noindent{{\\small {why_latex(s.why)}. SymPy {verb} "
                              f"${s.name} {RELATIONS[s.relation]} {_latex(s.rhs)}$.}}\n")
                continue
            verdict = {"proved": f"proved ({s.method})", "cited": "cited, not proved by SymPy",
                       "failed": "NOT PROVED"}[s.status]
            # read by `gdpc check` as reported, not sampled: a cited lemma, or an induction's conclusion, which holds
            # under the hypotheses of the steps it combines and not as a free-standing inequality
            mark = " % cited" if s.status == "cited" or s.method.startswith("induction") else ""
            rows.append(f"\\intertext{{\\small {why_latex(s.why)} \\hfill \\emph{{{latex_text(verdict)}}}}}\n"
                        f"{s.latex()}{mark}")
        if rows:
            blocks.append("\\begin{align}\n" + "\n\\\\\n".join(rows) + "\n\\end{align}\n")
        shown = [s for s in self.steps if not (s.computed and s.status == "proved")]
        symbols = set().union(set(), *(sp.sympify(s.lhs).free_symbols | sp.sympify(s.rhs).free_symbols for s in shown))
        return declaration_lines(symbols, shown) + "\n".join(blocks)

    def _repr_latex_(self) -> str:
        """In Jupyter: every step with its verdict (proved and how, cited, NOT PROVED)."""
        tags = {"proved": "proved", "cited": "cited", "failed": "NOT PROVED"}
        rows = [f"{s.latex()} && \\text{{{latex_text(tags[s.status])}"
                + (f" ({latex_text(s.method)})" if s.status == "proved" else "") + "}" for s in self.steps]
        return (f"$$\\textbf{{{latex_text(self.claim_id)}}}: \\text{{{len(self.steps)} steps, "
                + ("all proved or cited" if self.proved else f"NOT PROVED: {self.failed_steps}")
                + "}\\\\ \\begin{aligned}" + " \\\\ ".join(rows) + "\\end{aligned}$$")


def declaration_lines(symbols, steps) -> str:
    """Comment lines that `gdpc check` reads back: assumptions, arbitrary functions, free indices."""
    exprs = [sp.sympify(e) for s in steps for e in (s.lhs, s.rhs)]
    items = []
    for sym in sorted(symbols, key=lambda x: x.name):
        if not isinstance(sym, sp.Symbol) or sym.name in ("e",):
            continue
        props = [p for p in ("integer", "positive", "nonnegative", "negative", "nonpositive", "nonzero")
                 if sym.assumptions0.get(p)] or ["real"]
        try:
            symbol_name(sp.latex(sym))
        except ParseError:
            continue  # a name the reader cannot spell: its steps are reported unparsed
        items.append(f"{sp.latex(sym)} {' '.join(props)}")
    lines = [f"% assume: {'; '.join(items)}"] if items else []
    functions = sorted({sp.latex(type(f)(sp.Symbol('x'))).split("{\\left(")[0]
                        for e in exprs for f in e.atoms(sp.core.function.AppliedUndef)})
    if functions:
        lines.append(f"% function: {', '.join(functions)}")
    bound = {v for e in exprs for obj in e.atoms(sp.Sum, sp.Product) for v, *_ in obj.limits}
    indices = sorted({sp.latex(i) for e in exprs for x in e.atoms(sp.Indexed) for i in x.indices
                      if isinstance(i, sp.Symbol) and i not in bound})
    if indices:
        lines.append(f"% index: {', '.join(indices)}")
    return "".join(line + "\n" for line in lines)


def _latex(expr) -> str:
    """SymPy's LaTeX, with upright differentials: d/dk stays readable where d is also the dimension."""
    return sp.latex(expr).replace("\\frac{d}{d ", "\\frac{\\mathrm{d}}{\\mathrm{d} ")
