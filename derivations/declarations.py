"""What a derivation declares about its symbols: assumptions, functions, recurrences, vectors, indices.

Declarations are comment lines in the LaTeX file (or strings in a Python step file):

    % assume: \\gamma positive; n integer positive; x, y real; c in [1/2, 2]; y_i in {-1, 1}
    % function: \\ell(z) = \\log(1 + e^{-z}); f, g          (defined, or arbitrary)
    % define: \\theta_{t+1} = \\theta_t - \\gamma g_t        (a rewrite rule, applied to every step)
    % vector: \\theta, a_i in R^d                        (vectors; a_i is a family indexed by i)
    % index: i in 1..n

`Declarations` holds them; `notation` reads expressions against it. Symbol names
are the reader's canonical spellings (`\\gamma` -> gamma, `\\theta_{t}` -> theta_t).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

import sympy as sp

PROPERTIES = ("positive", "negative", "nonnegative", "nonpositive", "nonzero", "real", "integer")


class DeclarationError(Exception):
    """A declaration line that cannot be read: bad input, reported as one line."""


@dataclass
class Assumptions:
    """Per symbol name: SymPy properties, an optional range (lo, hi, lo_open, hi_open), an optional finite set."""

    props: dict = field(default_factory=dict)
    ranges: dict = field(default_factory=dict)
    sets: dict = field(default_factory=dict)  # name -> sorted list of Fractions

    def symbol(self, name: str) -> sp.Symbol:
        kw = {p: True for p in self.props.get(name, ())}
        lo, hi, lo_open, hi_open = self.ranges.get(name, (None, None, False, False))
        if name in self.sets:
            values = self.sets[name]
            lo, hi, lo_open, hi_open = values[0], values[-1], False, False
            if all(v.denominator == 1 for v in values):
                kw["integer"] = True
            if 0 not in values:
                kw["nonzero"] = True
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

    def declared(self, name: str) -> bool:
        return name in self.props or name in self.ranges or name in self.sets

    def merged(self, other: "Assumptions") -> "Assumptions":
        out = Assumptions({k: set(v) for k, v in self.props.items()}, dict(self.ranges), dict(self.sets))
        for k, v in other.props.items():
            out.props.setdefault(k, set()).update(v)
        out.ranges.update(other.ranges)
        out.sets.update(other.sets)
        return out

    def describe(self) -> list[str]:
        out = [f"{name}: {', '.join(sorted(p))}" for name, p in sorted(self.props.items())]
        for name, (lo, hi, lo_open, hi_open) in sorted(self.ranges.items()):
            lo_s = "-oo" if lo is None else str(lo)
            hi_s = "oo" if hi is None else str(hi)
            out.append(f"{name} in {'(' if lo_open else '['}{lo_s}, {hi_s}{')' if hi_open else ']'}")
        for name, values in sorted(self.sets.items()):
            out.append(f"{name} in {{{', '.join(map(str, values))}}}")
        return out


@dataclass
class FunctionDecl:
    name: str
    params: tuple = ()  # SymPy symbols, for a defined function
    body: object = None  # SymPy expression in params; None for an arbitrary (undefined) function

    def apply(self, args):
        if self.body is None:
            return sp.Function(self.name)(*args)
        if len(args) != len(self.params):
            raise ValueError(f"{self.name} takes {len(self.params)} argument(s), got {len(args)}")
        return self.body.xreplace(dict(zip(self.params, args)))

    def derivative(self, order: int, args):
        if len(args) != 1:
            raise ValueError(f"a prime on {self.name}, a function of {len(args)} variables")
        if self.body is None:
            x = sp.Dummy("x", real=True)
            return sp.Derivative(sp.Function(self.name)(x), (x, order)).subs(x, args[0])
        return sp.diff(self.body, self.params[0], order).xreplace({self.params[0]: args[0]})


@dataclass
class Declarations:
    assumptions: Assumptions = field(default_factory=Assumptions)
    functions: dict = field(default_factory=dict)  # name -> FunctionDecl
    defines: list = field(default_factory=list)  # (symbol name, SymPy expression) rewrite rules, in order
    vectors: dict = field(default_factory=dict)  # name -> True for an indexed family (a_i), False for one vector
    indices: dict = field(default_factory=dict)  # name -> (lo, hi) SymPy expressions

    def copy(self) -> "Declarations":
        return Declarations(self.assumptions.merged(Assumptions()), dict(self.functions), list(self.defines),
                            dict(self.vectors), dict(self.indices))

    def is_variable(self, name: str) -> bool:
        return self.assumptions.declared(name) or name in self.vectors or name in self.indices

    def lines(self) -> list[str]:
        out = self.assumptions.describe()
        out += [f"function {f.name}" + ("" if f.body is None else f" = {sp.sstr(f.body)}") for f in self.functions.values()]
        out += [f"define {n} = {sp.sstr(e)}" for n, e in self.defines]
        out += [f"vector {n}" + (" (family)" if fam else "") for n, fam in self.vectors.items()]
        out += [f"index {n} in {lo}..{hi}" for n, (lo, hi) in self.indices.items()]
        return out


def parse_fraction(text: str) -> Fraction | None:
    """A range bound: a rational number, or None for an infinite end."""
    text = text.strip().replace(" ", "")
    if text in ("oo", "inf", r"\infty", "+inf", r"+\infty", "+oo", "-oo", "-inf", r"-\infty"):
        return None
    try:
        return Fraction(text)
    except (ValueError, ZeroDivisionError):
        raise DeclarationError(f"range bound {text!r} is not a number") from None
