"""The Context interface, the registry of number systems and the one precision-escalation policy.

Elements are each system's native numbers (Fraction, flint.arb, mpmath.iv.mpf,
float); they support + - * / with each other and with ints, so an engine writes
`z * g + 1` once. Everything that differs between systems (conversion, signs,
elementary functions, matrix-vector products, reporting) is a Context method.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from fractions import Fraction
from typing import Any, Literal, Protocol, TypeAlias, TypeVar

from checker.choices import CERTIFIED

# A context's own number (Fraction, flint.arb, mpmath.iv.mpf or float): engines use only + - * / on it and ask the
# context for everything else, so to the type checker it is opaque.
Num: TypeAlias = Any
# a vector of them: a list, or a numpy array in the float64 context
Vec: TypeAlias = Any
# what num() takes: an exact rational (an int, a Fraction, or decimal text such as "1e300")
Rational: TypeAlias = "int | Fraction | str"
T = TypeVar("T")  # what a run returns through `escalate`


class Matrix(Protocol):
    """The data matrix A in a context (dense, or sparse rows): the products the engines need."""

    def mul(self, u: Vec) -> Vec: ...  # A u: one entry per sample

    def tmul(self, w: Vec) -> Vec: ...  # A^T w: one entry per coordinate

    def row_norms_sq(self) -> Vec: ...  # ||a_i||^2 per sample

    def dense_rows(self) -> list: ...

MAX_DPS = 4000  # the escalation cap: a sign still undecided here is reported as undecided


class Undecided(ArithmeticError):
    """A sign the engine needs is not decided at this precision (the enclosure contains 0)."""


def bits_for_dps(dps: int) -> int:
    return math.ceil(dps * math.log2(10)) + 4


def dps_for_gamma(gamma: Rational, requested: int | None = None, base: int = 30) -> int:
    """Digits that keep `base` correct digits in sigma(-gamma z): base + log10(gamma).

    exp(-gamma z) at gamma = 10^k needs k digits for the argument reduction alone.
    """
    g = Fraction(gamma)
    digits = len(str(g.numerator // g.denominator)) if g >= 1 else 0  # digits of floor(gamma)
    return max(base + digits, requested or 0)


class Context:
    """The interface every number system implements (see the subclasses)."""

    name = "abstract"
    certified = False  # enclosures are rigorous
    exact = False  # values are exact (no rounding at all)

    def __init__(self, dps: int | None = None):
        self.dps = dps

    # precision is process-global in flint and mpmath: engines run inside `with ctx:`
    def __enter__(self) -> Context:
        return self

    def __exit__(self, *exc: object) -> Literal[False]:
        return False

    def describe(self) -> str:
        return self.name if self.dps is None else f"{self.name}, {self.dps} digits"

    # -- numbers -------------------------------------------------------------------
    def num(self, q: Rational) -> Num:
        """An enclosure of the exact rational q (int, Fraction or decimal text)."""
        raise NotImplementedError

    def sign(self, x: Num) -> int | None:
        """+1 / -1 when the enclosure excludes 0, 0 when x is exactly 0, None when undecided."""
        raise NotImplementedError

    def nonpositive(self, x: Num) -> bool:
        """x <= 0 is certain (the whole enclosure lies at or below 0): a margin that is certainly a mistake."""
        return self.sign(x) in (-1, 0)

    def sign_or_raise(self, x: Num) -> int:
        s = self.sign(x)
        if s is None:
            raise Undecided(f"a sign is undecided at {self.describe()}")
        return s

    def exp(self, x: Num) -> Num:
        raise NotImplementedError

    def log1p(self, x: Num) -> Num:
        raise NotImplementedError

    def log(self, x: Num) -> Num:
        raise NotImplementedError

    def log10(self, x: Num) -> Num:
        return self.log(x) / self.log(self.num(10))

    def log10_upper(self, x: Num) -> float:
        """log10 of the upper end of a nonnegative enclosure, as a float (-inf where it is 0): the exponent of
        10^(-10^300) fits in a float although the number does not."""
        up = self.upper(x)
        return self.to_float(self.log10(up)) if self.sign(x) != 0 and self.sign(up) == 1 else float("-inf")

    def log10_lower(self, x: Num) -> float:
        """log10 of the lower end (-inf when the enclosure reaches 0)."""
        lo = self.lower(x)
        return self.to_float(self.log10(lo)) if self.sign(lo) == 1 else float("-inf")

    def sqrt(self, x: Num) -> Num:
        raise NotImplementedError

    def tanh(self, x: Num) -> Num:
        raise NotImplementedError

    def union(self, a: Num, b: Num) -> Num:
        """An enclosure of both a and b (their hull)."""
        raise NotImplementedError

    def overlaps(self, a: Num, b: Num) -> bool:
        """The two enclosures share a point (two engines computing one value must agree in this sense)."""
        raise NotImplementedError

    def lower(self, x: Num) -> Num:
        """An enclosure of the lower end of x."""
        raise NotImplementedError

    def upper(self, x: Num) -> Num:
        raise NotImplementedError

    def enclosure(self, x: Num) -> dict:
        """A JSON-ready {"mid": ..., "rad": ...} (rad 0 for exact values)."""
        raise NotImplementedError

    def text(self, x: Num, digits: int = 20) -> str:
        raise NotImplementedError

    def to_float(self, x: Num) -> float:
        return float(self.text(x, 17)) if not isinstance(x, (int, float, Fraction)) else float(x)

    # -- composite functions, written once ----------------------------------------
    def sigma_neg(self, x: Num) -> Num:
        """sigma(-x) = 1/(1+e^x), in the form without overflow for the decided sign."""
        if self.sign(x) == 1:
            e = self.exp(-x)
            return e / (1 + e)
        return 1 / (1 + self.exp(x))

    def sigma_tail(self, x: Num) -> Num:
        """sigma(-|x|) = |sigma(-x) - 1[x<0]| for x of decided sign: full relative precision, no cancellation."""
        s = self.sign_or_raise(x)
        e = self.exp(-x if s >= 0 else x)
        return e / (1 + e)

    def softplus_neg(self, x: Num) -> Num:
        """log(1 + e^{-x}) without overflow or cancellation."""
        if self.sign(x) == -1:
            return -x + self.log1p(self.exp(x))
        return self.log1p(self.exp(-x))

    def fsum(self, xs: Iterable[Num]) -> Num:
        total = self.num(0)
        for x in xs:
            total = total + x
        return total

    def dot(self, xs: Iterable[Num], ys: Iterable[Num]) -> Num:
        return self.fsum(x * y for x, y in zip(xs, ys))

    def square(self, x: Num) -> Num:
        return x * x

    def nonnegative(self, x: Num) -> Num:
        """The part of an enclosure that is >= 0 (for a quantity known to be nonnegative)."""
        return x

    def norm(self, xs: Iterable[Num]) -> Num:
        # x*x of a ball around 0 reaches below 0; squares and the clip keep sqrt's argument nonnegative
        return self.sqrt(self.nonnegative(self.fsum(self.square(x) for x in xs)))

    # -- vectors (lists here; numpy arrays in the float64 context) ----------------
    def vscale(self, c: Num, xs: Iterable[Num]) -> Vec:
        return [c * x for x in xs]

    def vadd(self, xs: Iterable[Num], ys: Iterable[Num]) -> Vec:
        return [x + y for x, y in zip(xs, ys)]

    def vsigma_neg(self, xs: Iterable[Num]) -> Vec:
        return [self.sigma_neg(x) for x in xs]

    def vsoftplus_neg(self, xs: Iterable[Num]) -> Vec:
        return [self.softplus_neg(x) for x in xs]

    def signs(self, xs: Iterable[Num]) -> list:
        return [self.sign(x) for x in xs]

    def vector(self, values: Iterable[Rational]) -> list:
        return [self.num(v) for v in values]

    def matrix(self, rows: Sequence[Sequence[Fraction]]) -> Matrix:
        """The data matrix (rows of exact rationals) with `mul(u)` = A u and `tmul(w)` = A^T w."""
        raise NotImplementedError


class BallContext(Context):
    """A certified context over a library whose working precision is process-global (flint, mpmath):
    entering sets it to this context's bits, leaving restores what was there."""

    certified = True

    def __init__(self, dps: int | None = None):
        super().__init__(dps or 30)
        self.prec = bits_for_dps(dps or 30)
        self._saved: list = []

    def _get_prec(self) -> int:
        raise NotImplementedError

    def _set_prec(self, bits: int) -> None:
        raise NotImplementedError

    def __enter__(self) -> Context:
        self._saved.append(self._get_prec())
        self._set_prec(self.prec)
        return self

    def __exit__(self, *exc: object) -> Literal[False]:
        self._set_prec(self._saved.pop())
        return False

    def enclosure(self, x: Num) -> dict:
        """mid to 20 digits, and rad rounded up to 3 digits so that [mid - rad, mid + rad] contains the whole ball:
        the distance from the printed mid to the farther end, which counts mid's own rounding (a printed mid is
        off by up to 10^-20 relative, far more than the ball's radius at high precision)."""
        mid = self._mid_text(x)
        return {"mid": mid, "rad": round_up_3(self._farthest_text(x, mid))}

    def _mid_text(self, x: Num) -> str:
        raise NotImplementedError

    def _farthest_text(self, x: Num, mid: str) -> str:
        """A decimal at least sup |v - mid| over the ball (20 digits, rounded to nearest after a relative margin of
        2^-50 upward), or "0" when the ball is the exact value mid."""
        raise NotImplementedError


_DECIMAL = re.compile(r"(\d+)(?:\.(\d*))?(?:[eE]([+-]?\d+))?")


def round_up_3(text: str) -> str:
    """A nonnegative decimal (plain or scientific, any exponent) rounded up to 3 significant digits: d.dde±k
    ("inf" for a ball whose ends are not finite)."""
    if text.strip().lower() in ("inf", "+inf", "nan"):  # a ball without finite bounds: no radius bounds it
        return "inf"
    m = _DECIMAL.fullmatch(text.strip())
    if m is None:
        raise ValueError(f"not a nonnegative decimal: {text!r}")
    frac = m.group(2) or ""
    n, e = int(m.group(1) + frac), int(m.group(3) or 0) - len(frac)  # the value is n * 10^e
    if n == 0:
        return "0"
    extra = len(str(n)) - 3
    q, r = divmod(n, 10**extra) if extra > 0 else (n * 10**-extra, 0)
    q, e = q + (r > 0), e + extra
    if q == 1000:
        q, e = 100, e + 1
    return f"{q // 100}.{q % 100:02d}e{e + 2:+d}"


ARITHMETICS: dict[str, Callable[..., Context]] = {}


def register(name: str) -> Callable[[type[Context]], type[Context]]:
    def deco(cls: type[Context]) -> type[Context]:
        ARITHMETICS[name] = cls
        return cls

    return deco


_DEFAULT = {"certified": "arb"}


def set_default(name: str) -> None:
    """The certified engine used where a caller does not name one (`--arith` sets it for a whole run)."""
    if name not in CERTIFIED:
        raise ValueError(f"--arith must be one of {', '.join(CERTIFIED)}")
    _DEFAULT["certified"] = name


def default() -> str:
    return _DEFAULT["certified"]


@contextmanager
def using(name: str) -> Iterator[None]:
    """The default certified engine for the duration of a block (a command, a claim), restored afterwards."""
    saved = _DEFAULT["certified"]
    set_default(name)
    try:
        yield
    finally:
        _DEFAULT["certified"] = saved


def make_context(name: str | None = None, dps: int | None = None) -> Context:
    name = name or default()
    if name not in ARITHMETICS:
        raise ValueError(f"unknown arithmetic {name!r} (have {', '.join(ARITHMETICS)})")
    return ARITHMETICS[name](dps)


def escalate(run_at: Callable[[Context], T], arith: str | None, dps: int, max_dps: int = MAX_DPS) -> T:
    """Run `run_at(ctx)`; while it raises Undecided, double the digits, up to max_dps.

    The one precision policy of the project: the last attempt's Undecided
    propagates, so a caller reports "undecided at N digits" instead of a verdict.
    """
    arith = arith or default()
    while True:
        ctx = make_context(arith, dps)
        try:
            with ctx:
                return run_at(ctx)
        except Undecided:
            if dps >= max_dps:
                raise
            dps = min(2 * dps, max_dps)
