"""How large a number a step may make gdpc build exactly, and the refusal when it is larger.

SymPy evaluates `10^{10^{10}}`, `(10^{10})!` and binomials of integers eagerly, in integer arithmetic that a time
budget cannot interrupt (and in gigabytes of memory): the reader refuses them, naming the size and the limit. A power
x^e of a variable with a huge numeric exponent is read, but it cannot be evaluated exactly at any point (x = 1/3 makes
a number of e log2(3) bits), and expanding it is no better: the verdict engine leaves such a step undecided before
any work. A report names an integer too large to print by its size (`named_huge`).
"""

from __future__ import annotations

import math

import mpmath
import sympy as sp

from derivcheck.reader.vocabulary import ParseError

MAX_DIGITS = 10**6  # an exact number of a million digits is built in well under a second
MAX_EXPONENT = 10**5  # x^e at a point whose parts have 64 bits: at most 6.4 million bits


class TooLarge(ParseError):
    """An exact value too large to build: the message names its size and the limit (the reader's row is unparsed)."""


def _refuse(what, log10_digits) -> None:
    """TooLarge when a value of 10^log10_digits digits is more than MAX_DIGITS: what() named, its size, the limit."""
    if log10_digits > math.log10(MAX_DIGITS):
        e = float(log10_digits)
        size = f"about 10^{int(e)}" if e >= 7 else f"about {int(10 ** e):,}"
        raise TooLarge(f"{what()} has {size} digits, more than gdpc builds exactly ({MAX_DIGITS:,})")


def _shown(v) -> str:
    """v for a message: a number of more than 40 digits by its length (printing it can cost more than the check)."""
    digits = float(_log10_int(max(abs(v.p), v.q)))
    text = sp.sstr(v) if digits <= 40 else f"<a {int(digits) + 1}-digit number>"
    return text if isinstance(v, sp.Integer) and v > 0 else f"({text})"


def check_power(base, exponent) -> None:
    """Refuse base^exponent for rational numbers whose exact value has more than MAX_DIGITS digits."""
    if not (isinstance(base, sp.Rational) and isinstance(exponent, sp.Rational)) or abs(base) in (0, 1):
        return
    size = max(abs(base.p), base.q)
    # digits of base^e ~ |e| log10(size): compared in logarithms, because |e| itself may have thousands of digits
    log10_digits = mpmath.log10(abs(mpmath.mpf(exponent.p)) / exponent.q) + mpmath.log10(_log10_int(size))
    _refuse(lambda: f"{_shown(base)}^{_shown(exponent)}", log10_digits)


def check_factorial(n) -> None:
    """Refuse n! for an integer n whose factorial has more than MAX_DIGITS digits."""
    if isinstance(n, sp.Integer) and n > 0:
        _refuse(lambda: f"{_shown(n)}!", mpmath.log10(mpmath.loggamma(mpmath.mpf(n.p) + 1) / mpmath.log(10)))


def check_binomial(n, k) -> None:
    """Refuse binomial(n, k) for integers whose value has more than MAX_DIGITS digits."""
    if isinstance(n, sp.Integer) and isinstance(k, sp.Integer) and 0 < k < n:
        nn, kk = mpmath.mpf(n.p), mpmath.mpf(k.p)
        ln = mpmath.loggamma(nn + 1) - mpmath.loggamma(kk + 1) - mpmath.loggamma(nn - kk + 1)
        if ln > 0:
            _refuse(lambda: f"binomial({_shown(n)}, {_shown(k)})", mpmath.log10(ln / mpmath.log(10)))


def _log10_int(m: int):
    return mpmath.mpf(m.bit_length()) * mpmath.log10(2) if m.bit_length() > 1000 else mpmath.log10(m)


def huge_exponent(*exprs):
    """The first power of a variable with a numeric exponent beyond MAX_EXPONENT, or None."""
    for e in exprs:
        items = e if isinstance(e, sp.MatrixBase) else [e]
        for item in items:
            for p in sp.sympify(item).atoms(sp.Pow):
                if p.exp.is_Number and p.base.free_symbols and abs(p.exp) > MAX_EXPONENT:
                    return p
    return None


def power(base, exponent):
    """sp.Pow(base, exponent), refused (TooLarge) when SymPy would build more than MAX_DIGITS digits."""
    check_power(base, exponent)
    return sp.Pow(base, exponent)


def factorial(n):
    """sp.factorial(n), refused (TooLarge) when SymPy would build more than MAX_DIGITS digits."""
    check_factorial(n)
    return sp.factorial(n)


def binomial(n, k):
    """sp.binomial(n, k), refused (TooLarge) when SymPy would build more than MAX_DIGITS digits."""
    check_binomial(n, k)
    return sp.binomial(n, k)


SHOWN_DIGITS = 1000  # a side's integer with more digits is named by its size: printing (10^5)! took 5 s, twice


def named_huge(e, latex: bool = False):
    """e with each integer (numerator, denominator) of more than SHOWN_DIGITS digits named by its size; deciding
    the step never prints, only the report does."""
    e = sp.sympify(e)
    huge = [a for a in e.atoms(sp.Rational) if max(abs(a.p), a.q).bit_length() > SHOWN_DIGITS * 3.33]
    names = {a: f"{'a rational' if a.q != 1 else 'an integer'} of about "
                f"{int(max(abs(a.p), a.q).bit_length() * 0.30103):,} digits" for a in huge}
    return e.xreplace({a: sp.Symbol(f"\\text{{({n})}}" if latex else f"<{n}>") for a, n in names.items()})
