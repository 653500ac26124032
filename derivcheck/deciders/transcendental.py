"""Transcendental inequalities proved as MetiTarski proves them: bounds for each function, then Z3.

Each occurrence of exp, log, cos or sin in the step becomes a fresh real variable constrained by bounds that its
true value satisfies (`bounds.py`), and Z3 decides the polynomial problem that is left: its `unsat` of
domain + constraints + negated step is a proof, because the true values satisfy every constraint (a sound
abstraction: no polarity bookkeeping is needed, polarity only decides which bounds are worth sending).

- exp(g): E > 0 and every exp bound at g; every pair of exp occurrences is related by the same bounds centred at
  the other one (e^{g_j} >= e^{g_i} T_n(g_j - g_i), ...), which carries tangency at a touching point that another
  occurrence names (x e^{-x} <= e^{-1} at x = 1), convexity (two-point Jensen, tangent lines) and monotonicity.
- log(h): W with "exp(W) = h" (h > 0 is required, below), so log is handled through exp's bounds and the same
  pairs (log-Jensen, log y <= log x + (y - x)/x), plus log's own rational bounds.
- a power b^e with a symbolic exponent is exp(e log b) (b > 0 required); sqrt is algebraic (r >= 0, r^2 = x).
- cos(g), sin(g): their bounds, and cos^2 + sin^2 = 1 for one argument.
- constants (e, pi, log 2, e^{-1}) are variables with Arb enclosures, one variable per constant on both sides.
- the step must be defined wherever the domain allows: every log argument positive, denominator nonzero, square
  root argument nonnegative. The query asks for a point where the step fails *or* one of these fails, and each
  abstraction's constraints are guarded by its own definedness, so `unsat` also proves the step defined.

The degree rises (Taylor degree 1, 3, 5, 7 of every bound) while the decider's share of the budget lasts; a model
at which `judge` finds the step really false is a certified counterexample, any other model only asks for tighter
bounds (a CEGAR loop). Z3's `sat` is never trusted.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

import flint
import sympy as sp
import z3

from derivcheck.budget import remaining
from derivcheck.deciders import smt
from derivcheck.deciders.arb_eval import evaluate
from derivcheck.deciders.bounds import Bound, bounds, rewrite
from derivcheck.deciders.counterexamples import Found, free_variables, refutation
from derivcheck.deciders.judge import judge
from derivcheck.deciders.problem import Outcome, Problem
from derivcheck.deciders.procedures import domain_constraints
from derivcheck.reader.declarations import Assumptions
from derivcheck.reader.domains import domain_of

LEVELS = {1: 1000, 3: 2000, 5: 3000, 7: 4000}  # the largest Taylor degree of the bounds sent -> Z3's timeout (ms)
MAX_POWER = 8  # the largest power of one atom an exponential is written as
RELATIONS = ("<", "<=", ">", ">=")


class NotApplicable(Exception):
    """The step has a form this decider does not translate (a sum, an unknown function, ...)."""


@dataclass
class Atom:
    """One transcendental occurrence: F(arg) as the variable `value` (for log, the variable is the argument's
    log W, and `value` is the argument h itself: exp(W) = h)."""
    function: str  # "exp" (also a log, read as exp(W) = h), "cos", "sin"
    arg: object  # z3 term
    value: object  # z3 term
    guard: object = None  # where its constraints hold (a log's argument > 0), None = everywhere
    label: str = ""
    constant: bool = False  # F of a number (e^{-1}, log 2): its value is enclosed


@dataclass
class Abstraction:
    """The step's sides as Z3 terms over the variables and one fresh variable per transcendental occurrence."""
    vars: dict
    atoms: list = field(default_factory=list)
    defined: list = field(default_factory=list)  # conditions for the step to have a value
    facts: list = field(default_factory=list)  # true of the atoms' values (enclosures, root definitions)
    cache: dict = field(default_factory=dict)
    trig: dict = field(default_factory=dict)  # argument -> (cos atom, sin atom)
    scale: dict = field(default_factory=dict)  # base -> q: exp(c base) is written exp(base/q)^(c q)

    def group(self, *exprs) -> None:
        """Exponentials whose arguments are rational multiples of one base (x and -x, 2x and x) become integer
        powers of the one atom exp(base/q): e^x e^{-x} = 1 is then exact, not a consequence of bounds."""
        coeffs: dict = {}
        for e in exprs:
            for arg in _exp_arguments(e):
                c, base = _split(arg)
                coeffs.setdefault(base, set()).add(c)
        for base, cs in coeffs.items():
            q = sp.ilcm(1, *[c.q for c in cs])
            if len(cs) > 1 and base.free_symbols and all(abs(c * q) <= MAX_POWER for c in cs):
                self.scale[base] = q

    def term(self, e) -> object:
        if e in self.vars:
            return self.vars[e]
        if e in self.cache:
            return self.cache[e]
        out = self._term(e)
        self.cache[e] = out
        return out

    def _term(self, e):
        if isinstance(e, sp.Rational):
            return z3.RealVal(f"{e.p}/{e.q}")
        if e is sp.E:
            return self._exp(sp.Integer(1))
        if e is sp.pi:
            return self._constant(e, "pi")
        if e.is_Add or e.is_Mul:
            parts = [self.term(a) for a in e.args]
            out = parts[0]
            for x in parts[1:]:
                out = out + x if e.is_Add else out * x
            return out
        if e.is_Pow:
            return self._power(*e.args)
        if isinstance(e, sp.exp):
            return self._exp(e.args[0])
        if isinstance(e, sp.log) and len(e.args) == 1:
            return self._log(e.args[0])
        if isinstance(e, (sp.cos, sp.sin)):
            cos, sin = self._trig(e.args[0])
            return cos if isinstance(e, sp.cos) else sin
        if isinstance(e, sp.Abs):
            x = self.term(e.args[0])
            return z3.If(x >= 0, x, -x)
        if isinstance(e, (sp.Max, sp.Min)):
            xs = [self.term(a) for a in e.args]
            out = xs[0]
            for x in xs[1:]:
                out = z3.If(x > out, x, out) if isinstance(e, sp.Max) else z3.If(x < out, x, out)
            return out
        raise NotApplicable(type(e).__name__)

    def _power(self, base, ex):
        if ex.is_Integer and abs(int(ex)) <= 64:
            b = self.term(base)
            p = z3.RealVal(1)
            for _ in range(abs(int(ex))):
                p = p * b
            if ex < 0:
                self.defined.append(b != 0)
                return 1 / p
            return p
        if ex.is_Rational and ex.q == 2:
            x = self.term(base)
            r = z3.FreshReal("sqrt")
            self.defined.append(x >= 0)
            self.facts.append(z3.Implies(x >= 0, z3.And(r >= 0, r * r == x)))
            return self._power_of(r, int(ex.p))
        if ex.free_symbols or ex.is_Rational:  # b^e = exp(e log b), defined here for b > 0 only
            return self._exp(ex * sp.log(base, evaluate=False))
        raise NotApplicable("power")

    def _power_of(self, r, n: int):
        p = z3.RealVal(1)
        for _ in range(abs(n)):
            p = p * r
        if n < 0:
            self.defined.append(r != 0)
            return 1 / p
        return p

    def _exp(self, arg):
        c, base = _split(arg)
        if base in self.scale and arg != base / self.scale[base]:
            return self._power_of(self._exp(base / self.scale[base]), int(c * self.scale[base]))
        key = ("exp", arg)
        if key in self.cache:
            return self.cache[key]
        g = self.term(arg)
        e = z3.FreshReal("exp")
        self.facts.append(e > 0)
        if not arg.free_symbols:
            self.facts += _enclosure(e, sp.exp(arg, evaluate=False))
        self.atoms.append(Atom("exp", g, e, label=f"exp({sp.sstr(arg)})", constant=not arg.free_symbols))
        self.cache[key] = e
        return e

    def _log(self, arg):
        h = self.term(arg)
        w = z3.FreshReal("log")
        self.defined.append(h > 0)
        if not arg.free_symbols:
            self.facts += _enclosure(w, sp.log(arg, evaluate=False))
        self.atoms.append(Atom("exp", w, h, guard=h > 0, label=f"log({sp.sstr(arg)})", constant=not arg.free_symbols))
        return w

    def _trig(self, arg):
        if arg not in self.trig:
            g = self.term(arg)
            cos, sin = z3.FreshReal("cos"), z3.FreshReal("sin")
            self.facts.append(cos * cos + sin * sin == 1)
            self.atoms += [Atom("cos", g, cos, label=f"cos({sp.sstr(arg)})"),
                           Atom("sin", g, sin, label=f"sin({sp.sstr(arg)})")]
            self.trig[arg] = (cos, sin)
        return self.trig[arg]

    def _constant(self, c, name):
        key = ("const", c)
        if key not in self.cache:
            v = z3.FreshReal(name)
            self.facts += _enclosure(v, c)
            self.cache[key] = v
        return self.cache[key]


def _split(arg):
    """arg = c * base with c rational and base primitive, its sign taken out."""
    c, base = sp.sympify(arg).as_content_primitive()
    if base.could_extract_minus_sign():
        c, base = -c, -base
    return sp.Rational(c), base


def _exp_arguments(e):
    """The argument of every exp in e, and e log b for every power b^e with a symbolic exponent."""
    for x in sp.preorder_traversal(e):
        if isinstance(x, sp.exp):
            yield x.args[0]
        elif x.is_Pow and not x.exp.is_Rational:
            yield x.exp * sp.log(x.base, evaluate=False)


def _enclosure(v, c) -> list:
    """lo <= v <= hi for a real constant c, from its Arb ball at 128 bits (exact rational ends)."""
    b = evaluate(c, {}, 128)
    old = flint.ctx.prec
    flint.ctx.prec = 128  # lower() and upper() round outward at the context's precision
    try:
        return [v >= _rational(b.lower()), v <= _rational(b.upper())]
    finally:
        flint.ctx.prec = old


def _rational(end: flint.arb):
    """An exact dyadic end of a ball (Arb rounds its ends outward) as a Z3 rational."""
    m, e = end.man_exp()
    f = Fraction(int(m)) * (Fraction(2) ** int(e))
    return z3.RealVal(f"{f.numerator}/{f.denominator}")


def applicable(lhs, rhs) -> bool:
    """Whether the step has a transcendental occurrence (else the polynomial procedures own it)."""
    kinds = (sp.exp, sp.log, sp.cos, sp.sin, sp.tanh, sp.sinh, sp.cosh)
    for e in (lhs, rhs):
        e = sp.sympify(e)
        if e.has(*kinds) or e.has(sp.E, sp.pi) or any(not p.exp.is_Rational for p in e.atoms(sp.Pow)):
            return True
    return False


def abstraction(lhs, rhs, assumptions: Assumptions):
    """(Abstraction, symbols, lhs term, rhs term, domain constraints)."""
    lhs, rhs = rewrite(lhs), rewrite(rhs)
    if any(e.has(sp.Indexed, sp.Sum, sp.Product, sp.Integral, sp.Derivative, sp.Limit) for e in (lhs, rhs)):
        raise NotApplicable("sums, products, limits and derivatives are not translated")
    symbols = free_variables(lhs, rhs)
    vars_ = {s: z3.Real(s.name) for s in symbols}  # integers relaxed to reals: a proof over more points
    a = Abstraction(vars_)
    a.group(lhs, rhs)
    zl, zr = a.term(lhs), a.term(rhs)
    domain = domain_constraints(symbols, vars_, assumptions)
    for s in symbols:
        d = domain_of(s, assumptions)
        if d.integer and d.values is None and d.lo is not None:
            least = int(d.lo) + 1 if (d.lo_open and d.lo.denominator == 1) else -(-d.lo.numerator // d.lo.denominator)
            domain.append(vars_[s] >= least)  # the least integer in the range
    return a, symbols, zl, zr, domain


def constraints(a: Abstraction, max_degree: int) -> tuple[list, list[str]]:
    """The atoms' bounds up to `max_degree`, each guarded by where its atoms are defined, and their names."""
    out, used = [], set()
    exps = [x for x in a.atoms if x.function == "exp"]
    one = Atom("exp", z3.RealVal(0), z3.RealVal(1), label="exp(0)")
    for x in a.atoms:
        if x.function in ("cos", "sin"):
            for b in bounds(x.function, max_degree):
                out.append(_instance(b, x.value, x.arg, None))
                used.add(f"{x.function} bounds to degree {max_degree}")
    for i in exps:
        for j in [one] + exps + _shifted(exps, i):
            if i is j:
                continue
            for b in bounds("exp", max_degree):
                # e^{g_i} F(t) with t = g_i - g_j is a bound of e^{g_i} centred at the other occurrence
                t = i.arg - j.arg
                cleared = b.cleared(i.value, t) if j is one else _centred(b, i.value, j.value, t)
                guard = [g for g in (i.guard, j.guard) if g is not None]
                out.append(_guarded(b, t, cleared, guard))
            used.add("exp Taylor bounds" + (" centred at each other occurrence" if len(exps) > 1 else ""))
        if i.guard is not None:
            for b in bounds("log", max_degree):
                out.append(_guarded(b, i.value, b.cleared(i.arg, i.value), [i.guard]))
            used.add("log's rational bounds")
    return out, sorted(used)


def _shifted(exps: list, i: Atom) -> list:
    """Centres e^{g_j + c} = e^{g_j} e^{c} for every other occurrence g_j and constant c (e^{a + log 2} in
    log(e^a + e^b) <= max(a, b) + log 2, where the two sides touch at a = b)."""
    out = []
    for c in exps:
        for j in exps:
            if c.constant and not j.constant and i is not c and i is not j:
                guard = [x.guard for x in (c, j) if x.guard is not None]
                out.append(Atom("exp", j.arg + c.arg, j.value * c.value, z3.And(*guard) if guard else None,
                                f"{j.label} {c.label}"))
    return out


def _centred(b: Bound, value, centre, t):
    """e^{g} against e^{c} T(g - c): the cleared form times e^{c} > 0 (value = e^g, centre = e^c)."""
    at0, at1 = b.cleared(z3.RealVal(0), t), b.cleared(z3.RealVal(1), t)  # cleared(v) = v k + m: linear in v
    return value * (at1 - at0) + centre * at0


def _guarded(b: Bound, t, cleared, guards: list):
    cond = list(guards)
    if b.lo is not None:
        cond.append(t >= z3.RealVal(f"{b.lo.numerator}/{b.lo.denominator}"))
    if b.hi is not None:
        cond.append(t <= z3.RealVal(f"{b.hi.numerator}/{b.hi.denominator}"))
    return z3.Implies(z3.And(*cond), cleared >= 0) if cond else cleared >= 0


def _instance(b: Bound, value, arg, guard):
    return _guarded(b, arg, b.cleared(value, arg), [guard] if guard is not None else [])


def decide(p: Problem) -> Outcome | None:
    """The step proved by bounds and Z3 at the lowest degree that suffices, refuted at a model `judge` confirms,
    or None (not applicable, or no degree sufficed within the share)."""
    if p.rel not in RELATIONS:
        return None
    lhs, rhs = p.ready
    if not applicable(lhs, rhs):
        return None
    a, symbols, zl, zr, domain = abstraction(lhs, rhs, p.assumptions)
    relation = {"<": zl < zr, "<=": zl <= zr, ">": zl > zr, ">=": zl >= zr}[p.rel]
    fails = z3.Or(z3.Not(relation), *[z3.Not(d) for d in a.defined])
    for degree, most in LEVELS.items():
        left = remaining()
        if left is not None and left < 0.2:
            break
        facts, used = constraints(a, degree)
        timeout = most if left is None else max(min(most, int(left * 1000 * 0.6)), 100)
        answer = smt.solve(domain + a.facts + facts + [fails], timeout)
        if answer.status == "unsat":
            atoms = ", ".join(x.label for x in a.atoms)
            return Outcome("proved", f"transcendental bounds then Z3 ({'; '.join(used)}; Taylor degree <= "
                           f"{degree}) for {atoms}: no real counterexample", {}, certificate=answer.smt2)
        if answer.status == "sat":
            found = _real_counterexample(answer.model, symbols, a.vars, lhs, p.rel, rhs, p.assumptions)
            if found is not None:
                return Outcome("refuted", f"counterexample ({found.how})", refutation(found))
    return None


def _real_counterexample(model, symbols, vars_, lhs, rel, rhs, assumptions: Assumptions) -> Found | None:
    """The model's point judged exactly: a Found only if it is in the domain (integers were relaxed to reals) and
    the step really fails there."""
    subs = {}
    for s in symbols:
        val = model.eval(vars_[s], model_completion=True)
        if z3.is_rational_value(val):
            f = val.as_fraction()
        elif z3.is_algebraic_value(val):
            f = val.approx(20).as_fraction()
        else:
            return None
        if not domain_of(s, assumptions).contains(Fraction(f.numerator, f.denominator)):
            return None
        subs[s] = sp.Rational(f.numerator, f.denominator)
    holds, lv, rv, note = judge(lhs, rel, rhs, subs)
    if holds is False:
        return Found({s.name: str(v) for s, v in subs.items()}, lv, rv, note, "bounds' Z3 model, re-checked")
    return None
