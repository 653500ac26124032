"""The named data families that `gdpc dataset FAMILY --out FILE.csv` writes, with their options and limits.

Every family is exact (integers or rationals). Sizes are checked before anything is
built: a family whose n * d would exceed MAX_CELLS is refused with its size, so a
typo (`--d 30000`) gets a one-line answer instead of exhausting memory.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import Callable

from checker.data import digits, named, sparse_families
from checker.data.accel_family import accel_dataset, check_dimensions, rotated
from checker.data.dataset import Dataset, exact_fraction
from checker.errors import InputError

MAX_CELLS = 10_000_000


@dataclass(frozen=True)
class Option:
    flag: str
    kind: Callable
    default: object
    help: str
    nargs: int | None = None


@dataclass(frozen=True)
class Family:
    help: str
    build: Callable[..., Dataset]
    options: tuple = field(default_factory=tuple)
    cells: Callable[..., int] = lambda **_: 0  # n * d, from the options, before building


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


def _accel(d: int, c: Fraction, rotate: int = 0) -> Dataset:
    check_dimensions(d, c)
    ds = accel_dataset(d, c)
    return rotated(ds, rotate) if rotate else ds


FAMILIES = {
    "bp-lower": Family("BP-LOWER (P1 Thm 5.1): ((1/2, -1), +1) once, ((-1/2, -1), -1) n - 1 times",
                       lambda n: named.bp_lower(n), (Option("--n", int, 101, "samples (n >= 2)"),),
                       lambda n: 2 * n),
    "degenerate": Family("BP-LOWER with n = 6 scaled by 3/10: a BP margin is exactly 0 at t = 2",
                         named.bp_lower_degenerate),
    "two-points": Family("LOSS-UNRELIABLE (P1 Thm 4.1): ((1, -1), +1) and ((-1, -4), -1)", named.loss_unreliable),
    "xor": Family("the real XOR, (+-1, +-1) labelled x_1 x_2: not linearly separable", named.xor),
    "mixed-small": Family("7 integer points in 3-d; BP takes 9 steps, its perceptron loss goes up and down",
                          named.mixed_small),
    "digits": Family("scikit-learn's 8x8 digits, A (label +1) against B (label -1), pixels/16 exact",
                     lambda pair: digits.pair(*pair),
                     (Option("--pair", int, [0, 1], "the two digits A B", nargs=2),)),
    "random": Family("n integer points in [-20, 20]^d labelled by a seeded integer separator (|w^T a| >= 1)",
                     lambda n, d, seed: named.random_integer_separable(n, d, seed),
                     (Option("--n", int, 40, "samples"), Option("--d", int, 5, "dimension"),
                      Option("--seed", int, 0, "seed")),
                     lambda n, d, seed: n * d),
    "accel": Family("A_d: a_i = c e_0 + e_i, y_1 = +1, the other d - 2 labels -1 (n = d - 1)", _accel,
                    (Option("--d", int, 64, "dimension d"), Option("--c", rational, Fraction(1), "intercept c > 0"),
                     Option("--rotate", int, 0, "turn A_d by a random rational orthogonal matrix with this seed (0: "
                                                "not turned); inner products, and so most counts, are unchanged")),
                    lambda d, c, rotate=0: (d - 1) * d * (64 if rotate else 1)),  # a rotation touches every entry 4d times
    "accel-rare": Family("A_d with k rare positives (y_i = +1 for i <= k): ACCEL's family 'rare'",
                         lambda d, k: sparse_families.rare(d, k).to_dataset(),
                         (Option("--d", int, 256, "dimension d"), Option("--k", int, 4, "rare positives")),
                         lambda d, k: (d - 1) * d),
    "accel-noisy": Family("A_d plus noise of level c/sqrt(d) (16 random entries per sample moved by (c/4) j/8): "
                          "ACCEL's family 'noisy'", lambda d, c, seed: sparse_families.noisy(d, c, seed).to_dataset(),
                          (Option("--d", int, 256, "dimension d (at least 18)"),
                           Option("--c", rational, Fraction(1, 2), "noise level c: entries move by about c/sqrt(d)"),
                           Option("--seed", int, 0, "seed")),
                          lambda d, c, seed: (d - 1) * d),
    "planted": Family("sparse random features with an intercept, positive iff a sample has one of m planted signal "
                      "features: ACCEL's family 'planted'",
                      lambda d, s, m, seed: sparse_families.planted(d, s, m, seed).to_dataset(),
                      (Option("--d", int, 256, "dimension d"), Option("--s", int, 4, "features per sample"),
                       Option("--m", int, 2, "signal features"), Option("--seed", int, 0, "seed")),
                      lambda d, s, m, seed: (d - 1) * d),
}


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
