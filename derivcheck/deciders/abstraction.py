"""A step as Z3 terms: its variables, and one fresh variable per transcendental occurrence (an `Atom`).

This is the translation half of the transcendental decider (`transcendental.py` is the decision half): exp(g)
becomes a positive variable; log(h) a variable W with exp(W) = h, defined where h > 0; a power b^e with a symbolic
exponent exp(e log b); sqrt an algebraic variable (r >= 0, r^2 = x); cos and sin two variables with
cos^2 + sin^2 = 1; e, pi, e^{-1}, log 2 variables enclosed by Arb (one variable per constant, on both sides).
Exponentials of rational multiples of one base are integer powers of one atom, so that e^x e^{-x} = 1 exactly.
Tanh, sinh, cosh and the sigmoid are first written through exp (`bounds.rewrite`).

What the translation records besides the terms: `defined`, the conditions for the step to have a value (every
log argument positive, every denominator nonzero, every square root argument nonnegative), and `facts`, true of
the atoms' values wherever they are defined (positivity, enclosures, root definitions, guarded by definedness).
Integers are relaxed to reals (a proof over more points; the least integer of a range is kept).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

import flint
import sympy as sp
import z3

from derivcheck.deciders.arb_eval import evaluate
from derivcheck.deciders.bounds import rewrite
from derivcheck.deciders.counterexamples import free_variables
from derivcheck.deciders.procedures import domain_constraints
from derivcheck.reader.declarations import Assumptions
from derivcheck.reader.domains import domain_of

MAX_POWER = 8  # the largest power of one atom an exponential is written as
MAX_CASES = 16  # the most cases |.|, max and min are split into
MAX_TERMS = 4  # the most summands an exponential's argument is split into

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
        if ex.free_symbols or ex.is_Rational:  # b^e = exp(e log b) for b > 0
            if base.is_positive:
                return self._exp(ex * sp.log(base, evaluate=False))
            return self._guarded_power(base, ex)
        raise NotApplicable("power")

    def _guarded_power(self, base, ex):
        """b^e where b may be 0: exp(e log b) for b > 0, 0^e = 0 for e > 0 and 0^0 = 1 (the focal loss's
        (1 - p)^gamma at p = 1, a rate (1 - eta mu)^T at eta mu = 1); defined for b > 0, or b = 0 and e >= 0."""
        b, g = self.term(base), self.term(ex)
        k = len(self.defined)
        inner = self._exp(ex * sp.log(base, evaluate=False))
        self.defined[k:] = [c for c in self.defined[k:] if not z3.eq(c, b > 0)]  # the log's: guarded below
        p = z3.FreshReal("pow")
        self.defined.append(z3.Or(b > 0, z3.And(b == 0, g >= 0)))
        self.facts += [p >= 0, z3.Implies(b > 0, p == inner), z3.Implies(z3.And(b == 0, g > 0), p == 0),
                       z3.Implies(z3.And(b == 0, g == 0), p == 1)]
        return p

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
        terms = _terms(arg)
        if len(terms) > 1:  # e^{a + b} = e^a e^b: exact, and the parts' own bounds and pairs come along
            product = z3.RealVal(1)
            for t in terms:
                product = product * self._exp(t)
            self.facts.append(e == product)
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
    """The argument of every exp in e (and of its parts, `_terms`), and e log b for every power b^e with a
    symbolic exponent."""
    for x in sp.preorder_traversal(e):
        if isinstance(x, sp.exp):
            yield x.args[0]
            yield from _terms(x.args[0])
        elif x.is_Pow and not x.exp.is_Rational:
            yield x.exp * sp.log(x.base, evaluate=False)


def _terms(arg) -> tuple:
    """The summands an exponential's argument splits into (e^{a + b} = e^a e^b), or () when it is not a sum of
    at most MAX_TERMS terms with a variable."""
    terms = sp.Add.make_args(sp.expand(arg))
    return terms if 1 < len(terms) <= MAX_TERMS and sp.sympify(arg).free_symbols else ()


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


def cases(lhs, rhs, limit: int = MAX_CASES) -> list | None:
    """The step split where |.|, max and min change branch: [(lhs, rhs, conditions)], each condition c meaning
    c >= 0, the cases covering every point; None past `limit` cases (then Z3's if-then-else carries them)."""
    out = [(sp.sympify(lhs), sp.sympify(rhs), [])]
    while True:
        split, changed = [], False
        for left, right, conditions in out:
            piece = next((x for x in _piecewise(left, right) if not _piecewise(*x.args)), None)
            if piece is None:
                split.append((left, right, conditions))
                continue
            changed = True
            for value, extra in _branches(piece):
                split.append((left.xreplace({piece: value}), right.xreplace({piece: value}), conditions + extra))
        out = split
        if len(out) > limit:
            return None
        if not changed:
            return out


def _piecewise(*exprs) -> list:
    return sorted({x for e in exprs for x in sp.sympify(e).atoms(sp.Abs, sp.Max, sp.Min)}, key=sp.default_sort_key)


def _branches(piece) -> list:
    """(value, conditions) for each branch: |u| is u where u >= 0 and -u where -u >= 0; max is the argument that
    is at least every other one (min: at most)."""
    if isinstance(piece, sp.Abs):
        u = piece.args[0]
        return [(u, [u]), (-u, [-u])]
    sign = 1 if isinstance(piece, sp.Max) else -1
    return [(x, [sign * (x - y) for y in piece.args if y is not x]) for x in piece.args]


def _merged_powers(e):
    """Each product of powers with symbolic exponents, a^p b^q, as the one exponential e^{p log a + q log b} (each
    power alone is e^{q log b} here anyway, defined for b > 0): the exp bounds centred at it then meet a = e^{log a}
    and b, and weighted AM-GM a^p b^{1-p} <= pa + (1 - p)b is two tangent lines. Unevaluated, or SymPy writes the
    powers back."""
    def merge(m):
        powers = [f for f in m.args if f.is_Pow and not f.exp.is_number]
        if len(powers) < 2:
            return m
        arg = sp.Add(*[f.exp * sp.log(f.base, evaluate=False) for f in powers])
        return sp.Mul(*[f for f in m.args if f not in powers], sp.exp(arg, evaluate=False), evaluate=False)
    return e.replace(lambda x: x.is_Mul, merge)


def abstraction(lhs, rhs, assumptions: Assumptions, conditions: tuple = ()):
    """(Abstraction, symbols, lhs term, rhs term, domain constraints and `conditions` (each c >= 0))."""
    lhs, rhs = (_merged_powers(sp.powsimp(rewrite(e), combine="exp")) for e in (lhs, rhs))  # e^a e^b = e^{a+b}
    if any(e.has(sp.Indexed, sp.Sum, sp.Product, sp.Integral, sp.Derivative, sp.Limit) for e in (lhs, rhs)):
        raise NotApplicable("sums, products, limits and derivatives are not translated")
    symbols = free_variables(lhs, rhs, *conditions)  # a case's condition may name what its sides lost (min's arm)
    vars_ = {s: z3.Real(s.name) for s in symbols}  # integers relaxed to reals: a proof over more points
    a = Abstraction(vars_)
    a.group(lhs, rhs)
    zl, zr = a.term(lhs), a.term(rhs)
    domain = domain_constraints(symbols, vars_, assumptions) + [a.term(rewrite(c)) >= 0 for c in conditions]
    for s in symbols:
        d = domain_of(s, assumptions)
        if d.integer and d.values is None and d.lo is not None:
            domain.append(vars_[s] >= d.integer_ends()[0])  # the least integer in the range
    return a, symbols, zl, zr, domain
