"""Exact rationals from text: the one number rule of data files, of options such as `--c` and of `% assume:` bounds.

`0.1` is exactly 1/10, `p/q` and exponents are read exactly, and an exponent whose integer could not be built in
time is refused. The module uses the standard library only, so the command-line parser can take its option types
from here without loading numpy (`gdpc --help` stays instant).
"""

from __future__ import annotations

import re
from fractions import Fraction

MAX_EXPONENT = 1_000_000  # 1e1000000 is a million-digit integer; 1e999999999 would take Fraction minutes to build
_EXPONENT = re.compile(r"[eE]\s*([+-]?\d+)\s*$")
_INTEGER = re.compile(r"[+-]?\d{1,300}$")


def exact_fraction(text: str) -> Fraction:
    """Fraction(text), refusing (OverflowError) a decimal exponent whose integer could not be built in time."""
    if _INTEGER.match(text):  # most data: the fast path (Fraction's own parser costs ~5 us per entry)
        return Fraction(int(text))
    m = _EXPONENT.search(text)  # only a decimal has an exponent (p/q takes integers)
    if m and abs(int(m.group(1))) > MAX_EXPONENT:
        raise OverflowError(f"the exponent {m.group(1)} is beyond +-{MAX_EXPONENT} (an integer of more than "
                            "a million digits)")
    return Fraction(text)


def rational(text: str) -> Fraction:
    """A positive exact rational from decimal or p/q text (argparse reports the ValueError as an invalid value)."""
    try:
        value = exact_fraction(text)
    except ZeroDivisionError:
        raise ValueError(text) from None
    except OverflowError as exc:
        raise ValueError(f"{text}: {exc}") from None
    if value <= 0:
        raise ValueError(text)
    return value
