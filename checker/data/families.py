"""The named data families that `gdpc dataset FAMILY --out FILE.csv` writes, with their options and limits.

Every family is exact (integers or rationals). Sizes are checked before anything is
built: a family whose n * d would exceed MAX_CELLS is refused with its size, so a
typo (`--d 30000`) gets a one-line answer instead of exhausting memory.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import Callable

from checker.choices import DATASET_FAMILIES, MAX_CELLS, Option
from checker.data import digits, named
from checker.data.accel_family import accel_dataset, check_dimensions, rotated
from checker.data.dataset import Dataset
from checker.errors import InputError


@dataclass(frozen=True)
class Family:
    help: str
    build: Callable[..., Dataset]
    options: tuple[Option, ...] = field(default_factory=tuple)
    cells: Callable[..., int] = lambda **_: 0  # n * d, from the options, before building


def _accel(d: int, c: Fraction, rotate: int = 0) -> Dataset:
    check_dimensions(d, c)
    ds = accel_dataset(d, c)
    return rotated(ds, rotate) if rotate else ds


_BUILD: dict[str, tuple[Callable[..., Dataset], Callable[..., int]]] = {
    "bp-lower": (lambda n: named.bp_lower(n), lambda n: 2 * n),
    "degenerate": (named.bp_lower_degenerate, lambda: 0),
    "two-points": (named.loss_unreliable, lambda: 0),
    "xor": (named.xor, lambda: 0),
    "mixed-small": (named.mixed_small, lambda: 0),
    "digits": (lambda pair: digits.pair(*pair), lambda pair: 0),
    "random": (lambda n, d, seed: named.random_integer_separable(n, d, seed), lambda n, d, seed: n * d),
    # a rotation touches every entry 4d times
    "accel": (_accel, lambda d, c, rotate=0: (d - 1) * d * (64 if rotate else 1)),
}
FAMILIES = {name: Family(help_text, _BUILD[name][0], options, _BUILD[name][1])
            for name, (help_text, options) in DATASET_FAMILIES.items()}


def build(name: str, options: dict) -> Dataset:
    family = FAMILIES[name]
    for key, value in options.items():
        if isinstance(value, int) and value < 1 and key not in ("seed", "rotate"):
            raise InputError(f"--{key} must be at least 1")
    cells = family.cells(**options)
    if cells > MAX_CELLS:
        raise InputError(f"{name} with {options} has {cells} entries, more than the limit {MAX_CELLS}")
    if name == "bp-lower" and options["n"] < 2:
        raise InputError("--n must be at least 2")
    if name == "digits" and (set(options["pair"]) - set(range(10)) or len(set(options["pair"])) != 2):
        raise InputError("--pair takes two different digits 0..9")
    return family.build(**options)
