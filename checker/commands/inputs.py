"""The inputs the commands share: `--data` with its size limits, exact step sizes, `--dps`, `--max-memory`."""

from __future__ import annotations

from fractions import Fraction

from checker.arith import MAX_DPS
from checker.data import dataset
from checker.errors import InputError
from checker.exact_text import rational
from checker.user_code import set_memory_limit

MIN_DPS = 15  # the claims' numeric checks compare against tolerances that need at least this many digits


def check_dps(dps: int | None) -> None:
    """--dps is the starting precision; runs raise it themselves, up to MAX_DPS, when a sign needs more."""
    if dps is not None and not MIN_DPS <= dps <= MAX_DPS:
        raise InputError(f"--dps {dps}: give {MIN_DPS} to {MAX_DPS} digits (the most a run escalates to; the "
                         "digits a large gamma needs, 30 + log10 gamma, are added without --dps)")


def check_memory(memory_mb: int) -> None:
    """--max-memory: the cap, in MB, of every box that runs a user's code (checker.user_code)."""
    if memory_mb < 1:
        raise InputError(f"--max-memory {memory_mb}: give the memory in MB, at least 1")
    set_memory_limit(memory_mb)


def load(args) -> dataset.Dataset:
    """The `--data` file, refused past `--max-entries` values or `--max-digits` digits."""
    if args.max_digits < 1:
        raise InputError("--max-digits must be at least 1")
    if args.max_entries < 1:
        raise InputError("--max-entries must be at least 1")
    ds = dataset.load(args.data, args.max_entries)
    dataset.check_exact_size(ds, args.max_digits)
    return ds


def fraction(flag: str, textv: str) -> Fraction:
    """A positive exact rational option (`--gamma 1e300`), or a one-line error naming the flag."""
    try:
        return rational(textv)
    except (ValueError, ZeroDivisionError) as exc:
        why = str(exc).split(": ", 1)[1] if "exponent" in str(exc) else "is not a positive number"
        raise InputError(f"{flag} {textv!r}{':' if 'exponent' in why else ''} {why}") from None
