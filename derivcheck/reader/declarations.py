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

import re
from dataclasses import dataclass, field
from fractions import Fraction

import sympy as sp

from checker.data.dataset import exact_fraction

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
        return sp.Symbol(name, **self.properties([name]))

    def properties(self, names) -> dict:
        """SymPy properties of a symbol (or an indexed family's label) declared under `names`: the declared ones,
        the signs their ranges and sets imply, integer and nonzero for an integer set without 0; real by default."""
        kw = {p: True for n in names for p in self.props.get(n, ())}
        lo, hi, lo_open, hi_open = None, None, False, False
        for n in names:
            if n in self.ranges:
                lo, hi, lo_open, hi_open = tighter_range((lo, hi, lo_open, hi_open), self.ranges[n])
        sets = [set(self.sets[n]) for n in names if n in self.sets]
        if sets:
            values = sorted(set.intersection(*sets)) or [Fraction(0)]  # an empty one is refused by the reader
            lo, hi, lo_open, hi_open = tighter_range((lo, hi, lo_open, hi_open), (values[0], values[-1], False, False))
            if all(v.denominator == 1 for v in values):
                kw["integer"] = True
            if 0 not in values:
                kw["nonzero"] = True
        if kw.get("positive") and kw.get("negative") or lo is not None and hi is not None and (
                lo > hi or (lo == hi and (lo_open or hi_open))):
            raise DeclarationError(f"the assumptions on {' and '.join(names)} contradict each other: no value "
                                   "satisfies them")
        if lo is not None and (lo > 0 or (lo == 0 and lo_open)):
            kw["positive"] = True
        elif lo is not None and lo >= 0:
            kw["nonnegative"] = True
        if hi is not None and (hi < 0 or (hi == 0 and hi_open)):
            kw["negative"] = True
        elif hi is not None and hi <= 0:
            kw["nonpositive"] = True
        kw.setdefault("real", True)  # a derivation's variables are real unless said otherwise
        return kw

    def family_names(self, base: str, index: tuple = ()) -> list[str]:
        """The declared names that speak about the indexed value base[index]: the family's own name (y), the
        family written with index variables (y_i, y_j, y_{ij}, y_{k,i}: for every index), and, for a numeric index, the
        element itself (y_1 for y[1])."""
        declared = set(self.props) | set(self.ranges) | set(self.sets)
        names = [n for n in sorted(declared) if n == base or (n.startswith(base + "_") and _unbraced(n[len(base) + 1:])
                                                              .replace(",", "").isalpha())]
        if len(index) == 1 and getattr(index[0], "is_Integer", False):
            names += [e for e in (f"{base}_{index[0]}",) if e in declared]  # the reader writes y_{12} as y_12
        return names

    def restrict_range(self, name: str, lo, hi, lo_open: bool, hi_open: bool) -> None:
        """Declare name in the range; with a range already declared both hold: x > 0 and x < 1 is x in (0, 1)."""
        self.ranges[name] = tighter_range(self.ranges[name], (lo, hi, lo_open, hi_open)) if name in self.ranges else (
            lo, hi, lo_open, hi_open)

    def restrict_set(self, name: str, values) -> None:
        """Declare name in the finite set; with a set already declared both hold (their intersection)."""
        self.sets[name] = sorted(set(values) & set(self.sets[name])) if name in self.sets else sorted(set(values))

    def declared(self, name: str) -> bool:
        return name in self.props or name in self.ranges or name in self.sets

    def merged(self, other: "Assumptions") -> "Assumptions":
        out = Assumptions({k: set(v) for k, v in self.props.items()}, dict(self.ranges), dict(self.sets))
        for k, v in other.props.items():
            out.props.setdefault(k, set()).update(v)
        for k, r in other.ranges.items():
            out.restrict_range(k, *r)
        for k, v in other.sets.items():
            out.restrict_set(k, v)
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


def _unbraced(sub: str) -> str:
    return sub[1:-1] if sub.startswith("{") and sub.endswith("}") else sub


def tighter_range(a: tuple, b: tuple) -> tuple:
    """The intersection of two ranges (lo, hi, lo_open, hi_open); None is an infinite end."""
    lo, hi, lo_open, hi_open = a
    lo2, hi2, lo2_open, hi2_open = b
    if lo2 is not None and (lo is None or lo2 > lo or (lo2 == lo and lo2_open)):
        lo, lo_open = lo2, lo2_open
    if hi2 is not None and (hi is None or hi2 < hi or (hi2 == hi and hi2_open)):
        hi, hi_open = hi2, hi2_open
    return lo, hi, lo_open, hi_open


@dataclass
class FunctionDecl:
    """A declared function: arbitrary (no body), or defined by a body in its parameters. A body that involves
    vectors depends on the dimension: `at_dimension(d)` gives (parameters, body, conditions) read at d, a vector
    parameter as the column of its components; otherwise `params`, `body` and `conditions` are fixed."""

    name: str
    params: tuple = ()  # SymPy symbols, for a defined function
    body: object = None  # SymPy expression in params; None for an arbitrary (undefined) function or one read at d
    conditions: tuple = ()  # where the body is defined as written (reader.domain_conditions), in params
    at_dimension: object = None  # d -> (params, body, conditions) for a body that involves vectors
    later: object = None  # Declarations -> FunctionDecl: a body read where it is called, with what is declared there

    @property
    def arbitrary(self) -> bool:
        return self.body is None and self.at_dimension is None and self.later is None


BOTH = "both"


def single_vector(kind) -> bool:
    """Whether a name whose `Declarations.vectors` entry is `kind` is (also) one vector."""
    return kind is False or kind == BOTH


def vector_family(kind) -> bool:
    """Whether a name whose `Declarations.vectors` entry is `kind` is (also) a family of vectors."""
    return kind is True or kind == BOTH


@dataclass
class Declarations:
    assumptions: Assumptions = field(default_factory=Assumptions)
    functions: dict = field(default_factory=dict)  # name -> FunctionDecl
    defines: list = field(default_factory=list)  # (symbol name, SymPy expression) rewrite rules, in order
    vectors: dict = field(default_factory=dict)  # name -> True for an indexed family (a_i), False for one vector,
    # BOTH for a name declared as one vector and as a family (theta, the function's argument; theta_t, the iterates)
    indices: dict = field(default_factory=dict)  # name -> (lo, hi) SymPy expressions
    ranged: dict = field(default_factory=dict)  # name -> (its fresh variable, how its expression-ended range reads)

    def copy(self) -> "Declarations":
        return Declarations(self.assumptions.merged(Assumptions()), dict(self.functions), list(self.defines),
                            dict(self.vectors), dict(self.indices), dict(self.ranged))

    def is_variable(self, name: str) -> bool:
        """A value, never a function: declared, a vector or index, or defined (`mu := sum_i p_i`; mu(1 + delta) is
        then a product)."""
        return (self.assumptions.declared(name) or name in self.vectors or name in self.indices or name in self.ranged
                or any(n == name for n, _ in self.defines))

    def lines(self) -> list[str]:
        out = self.assumptions.describe()
        out += [f"function {f.name}" + ("" if f.body is None else f" = {sp.sstr(f.body)}") for f in self.functions.values()]
        out += [f"define {n} = {sp.sstr(e)}" for n, e in self.defines]
        out += [f"vector {n}" + {True: " (family)", BOTH: " (and a family)"}.get(fam, "") for n, fam in self.vectors.items()]
        out += [f"index {n} in {lo}..{hi}" for n, (lo, hi) in self.indices.items()]
        return out


def parse_fraction(text: str) -> Fraction | None:
    """A range bound: a rational number, or None for an infinite end."""
    text = text.strip().replace(" ", "")
    if text in ("oo", "inf", r"\infty", "+inf", r"+\infty", "+oo", "-oo", "-inf", r"-\infty"):
        return None
    frac = re.fullmatch(r"([-+]?)\\[dt]?frac(?:\{(-?\d+)\}\{(\d+)\}|(\d)(\d))", text)  # \frac{1}{4}, -\tfrac14
    try:
        if frac:
            sign = -1 if frac.group(1) == "-" else 1
            return sign * Fraction(int(frac.group(2) or frac.group(4)), int(frac.group(3) or frac.group(5)))
        return exact_fraction(text)
    except OverflowError as exc:  # 1e999999999: building its integer would take the whole time budget
        raise DeclarationError(f"range bound {text!r}: {exc}") from None
    except (ValueError, ZeroDivisionError):
        raise DeclarationError(f"range bound {text!r} is not a number") from None
