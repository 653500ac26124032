"""Where a side is defined as written: the conditions the reader records while it builds an expression.

SymPy simplifies while it builds: `\\frac{x^2}{x}` becomes x, `\\frac{x}{x}` becomes 1 and `(\\sqrt{x})^2` becomes x,
so the expression that reaches the deciders has forgotten that the author's side is undefined at x = 0 (or x < 0).
The reader keeps what it built from instead: every denominator, logarithm argument, even-root (and other non-integer
power) base, `\\log_b` base, `\\tan` and `\\arcsin`/`\\arccos` argument becomes a `Condition` on the step, and the
verdict engine requires them at the allowed points (`deciders.definedness`).

A condition is `expr KIND 0` with KIND one of `!= 0`, `> 0`, `>= 0`, sufficient for the source to be defined, with a
`witness`: the sub-expression that is undefined exactly where the source is (1/d for a denominator d, log(a), b^y).
Where the exact condition is not one comparison (b^y for a real y: b > 0, or b = 0 and y > 0, or b < 0 and y an
integer) the condition is a sufficient one and the witness decides: a point refutes the step only where the witness
itself is undefined, and a proof counts only where the sufficient condition is shown on the whole domain.

Under a bound variable:
* a sum's, product's, extremum's or expectation's index i over lo..hi: the condition must hold for every i in the
  range; `over` lists these indices, innermost first, and `closed()` writes the condition as one expression with
  `MinOver` (min_i expr > 0; min_i |expr| > 0 for != 0), which a point judge can evaluate once n is a number;
* a limit's variable: a condition that mentions it is dropped. The limit looks at a punctured neighbourhood of its
  point, not at a value of its variable, and whether the limit exists is the limit's own evaluation's business;
* a derivative's variable is not bound: d/dx f(x) is evaluated at the step's x, where f must be defined, so its
  conditions stay as they are.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import sympy as sp

from derivcheck.functions import MinOver

KINDS = ("!= 0", "> 0", ">= 0")


@dataclass(frozen=True)
class Condition:
    expr: sp.Expr  # may mention the indices in `over` (bound by them)
    kind: str  # one of KINDS
    what: str  # what it comes from, for the message: "the denominator x"
    witness: sp.Expr  # undefined exactly where the source is
    over: tuple = ()  # ((i, lo, hi), ...): the condition holds for every i in lo..hi, innermost first
    side: str = ""  # "left" or "right", once the step is known
    exact: bool = True  # False: sufficient only, a failing point refutes only where the witness is undefined

    def closed(self) -> tuple:
        """(expression, kind): the condition over its indices as one comparison with 0."""
        expr, kind = self.expr, self.kind
        for i, lo, hi in self.over:
            if kind == "!= 0":
                expr, kind = sp.Abs(expr), "> 0"
            expr = MinOver(expr, (i, lo, hi))
        return expr, kind

    def substituted(self, mapping: dict) -> "Condition":
        """The condition with free symbols replaced (a function's parameters by its arguments)."""
        return replace(self, expr=self.expr.xreplace(mapping), witness=self.witness.xreplace(mapping),
                       over=tuple((i, sp.sympify(lo).xreplace(mapping), sp.sympify(hi).xreplace(mapping))
                                  for i, lo, hi in self.over))

    def text(self) -> str:
        return f"{self.what} ({sp.sstr(self.expr)} {self.kind})"


def _always(expr, kind: str) -> bool:
    """SymPy's assumptions show the condition for every value of its symbols (then it is not recorded)."""
    test = {"!= 0": expr.is_nonzero, "> 0": expr.is_positive, ">= 0": expr.is_nonnegative}[kind]
    return test is True


def denominator(d, what: str = "a denominator") -> list[Condition]:
    d = sp.sympify(d)
    return [] if _always(d, "!= 0") else [Condition(d, "!= 0", f"{what} {sp.sstr(d)}", sp.Pow(d, -1))]


def logarithm(arg) -> list[Condition]:
    arg = sp.sympify(arg)
    return [] if _always(arg, "> 0") else [Condition(arg, "> 0", f"the logarithm's argument {sp.sstr(arg)}",
                                                     sp.log(arg))]


def power(base, exponent) -> list[Condition]:
    """Where base^exponent is a real number, as SymPy reads it (principal roots: (-8)^{1/3} is not real)."""
    base, exponent = sp.sympify(base), sp.sympify(exponent)
    if exponent.is_integer and exponent.is_nonnegative:
        return []
    witness = sp.Pow(base, exponent, evaluate=False)  # built eagerly, 10^(10^5000) would not finish
    if exponent.is_integer and not exponent.is_number:
        # 0^n is undefined for n < 0 only: b^2 + max(n + 1, 0) > 0 is exactly "b != 0 or n >= 0" for an integer n,
        # so (1 - eta)^k in a sum from k = 0 is defined at eta = 1 (0^0 = 1, as the sum means)
        cond = base ** 2 + sp.Max(exponent + 1, 0)
        if _always(cond, "> 0"):
            return []
        return [Condition(cond, "> 0", f"b^2 + max(n + 1, 0) for the power ({sp.sstr(base)})^({sp.sstr(exponent)}) "
                                       "(0 to a negative power)", witness, exact=True)]
    if exponent.is_integer:  # 0^n is undefined for n < 0 only; b != 0 suffices, the witness decides at b = 0
        kind = "!= 0"
    elif exponent.is_nonnegative:  # b^y for y >= 0 not an integer: b >= 0 (b < 0 is real only at integer y;
        kind = ">= 0"  # 0^y = 0 for y > 0 and 0^0 = 1, the focal loss's (1 - p)^gamma at p = 1)
    else:  # b^y for any real y: b > 0, or b = 0 with y > 0 (b < 0 needs y an integer)
        kind = "> 0"
        if not exponent.is_number and not _always(base, kind):
            # b >= 0 and max(b, y) > 0: (1 - eta mu)^y at eta mu = 1 with y = 2T + 2 log(1/eps)/(eta mu) > 0 is 0
            return [Condition(base, ">= 0", f"the power's base {sp.sstr(base)}", witness, exact=False),
                    Condition(sp.Max(base, exponent), "> 0", f"the power ({sp.sstr(base)})^({sp.sstr(exponent)}) at "
                              "a base 0 (0 to a power <= 0)", witness, exact=False)]
    if _always(base, kind):
        return []
    what = "the root's argument" if exponent == sp.S.Half else "the power's base"
    return [Condition(base, kind, f"{what} {sp.sstr(base)}", witness, exact=exponent.is_Rational is True)]


def function_argument(name: str, arg) -> list[Condition]:
    """Domains of the elementary functions the reader knows, other than log (`logarithm`)."""
    arg = sp.sympify(arg)
    if name == "tan":
        c = sp.cos(arg)
        return [] if _always(c, "!= 0") else [Condition(c, "!= 0", f"cos of tan's argument {sp.sstr(arg)}",
                                                        sp.tan(arg))]
    if name in ("arcsin", "arccos"):
        c = 1 - arg ** 2
        fn = sp.asin if name == "arcsin" else sp.acos
        return [] if _always(c, ">= 0") else [Condition(c, ">= 0", f"\\{name}'s argument {sp.sstr(arg)} in [-1, 1]",
                                                        fn(arg))]
    return []


def log_base(base) -> list[Condition]:
    base = sp.sympify(base)
    out = [] if _always(base, "> 0") else [Condition(base, "> 0", f"the logarithm's base {sp.sstr(base)}",
                                                     sp.log(base))]
    shifted = base - 1
    if not _always(shifted, "!= 0"):
        out.append(Condition(shifted, "!= 0", f"the logarithm's base {sp.sstr(base)} (not 1)", 1 / sp.log(base)))
    return out


def nonempty_range(lo, hi, what: str) -> list[Condition]:
    """A maximum or minimum over lo..hi exists when the range holds an index: hi - lo >= 0 (an empty one would be
    -oo or +oo by convention, a value no author means)."""
    span = sp.sympify(hi) - sp.sympify(lo)
    return [] if _always(span, ">= 0") else [Condition(span, ">= 0", f"the range {sp.sstr(lo)}..{sp.sstr(hi)} of "
                                                                     f"{what} (empty: no {what} exists)",
                                                       sp.sqrt(span))]


def close_over(conditions: list[Condition], var, lo, hi) -> list[Condition]:
    """Conditions recorded inside a sum (product, extremum, expectation) over var = lo..hi: those that mention var
    hold for every var in the range."""
    return [replace(c, over=c.over + ((var, lo, hi),)) if _mentions(c, var) else c for c in conditions]


def drop_limit_variable(conditions: list[Condition], var) -> list[Condition]:
    """Conditions recorded inside a limit's body: those that mention the limit's variable are dropped (see above)."""
    return [c for c in conditions if not _mentions(c, var)]


def _mentions(c: Condition, var) -> bool:
    inner = {i for i, _, _ in c.over}  # indices already closed over (a shadowed name is not this var)
    return var in c.closed()[0].free_symbols or var in c.witness.free_symbols - inner


def on_side(conditions: list[Condition], side: str) -> list[Condition]:
    return [replace(c, side=side) for c in conditions]


def renamed(c: Condition, avoid: set) -> Condition:
    """c with each index it is closed over that is in `avoid` renamed to a fresh one (see `operators.fresh_bound`)."""
    clash = {i: sp.Dummy(i.name, **i.assumptions0) for i, _, _ in c.over if i in avoid}
    if not clash:
        return c
    return replace(c, expr=c.expr.xreplace(clash), witness=c.witness.xreplace(clash),
                   over=tuple((clash.get(i, i), lo, hi) for i, lo, hi in c.over))
