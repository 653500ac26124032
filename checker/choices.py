"""What the command line offers before any work starts: the names a choice can take and the sizes a command accepts.

The parser (`checker/cli.py`) reads its choices and defaults from here, and the modules that implement them take
their names and limits from here too, so the two cannot disagree (tests/test_startup.py checks the ones defined
elsewhere). Only the standard library and `checker.exact_text` are imported: `gdpc --version` and `gdpc --help`
build the whole parser without loading numpy, SymPy or any engine.
"""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction

from checker.exact_text import rational

# the certified engines of `--arith` (registered by checker/arith; "exact" and "float64" are internal)
CERTIFIED = ("arb", "mpmath")
# `gdpc run --algo`: the exact perceptrons first, then GD and the Generalized Perceptron
PERCEPTRONS = ("batch-perceptron", "perceptron", "normalized-batch-perceptron")
ALGORITHMS = PERCEPTRONS + ("gd", "generalized-perceptron")
# `gdpc accel --family`: the A_d table, then the families of checker/analysis/accel_families.py
ACCEL_FAMILIES = ("rare", "noisy", "rotated", "planted", "digits")

MAX_ENTRIES = 10**7  # values in a data file (measured: 2 x 10^6 values, 36 s and 420 MB for one exact BP step)
MAX_EXACT_DIGITS = 20_000  # decimal digits of the integers exact work multiplies (a 20000-digit product: ~1 ms)
MAX_CELLS = 10_000_000  # n * d of a generated family, or n times a model's parameters, built before any work
# `--max-memory` of verify and check: what a user's code may add to the address space of the box that runs it
DEFAULT_MEMORY_MB = 4096


class Option:
    """One option of a `gdpc dataset FAMILY` subcommand (a plain class: `dataclasses` would load `inspect`, a third
    of the parser's import time)."""

    __slots__ = ("flag", "kind", "default", "help", "nargs", "metavar")

    def __init__(self, flag: str, kind: Callable, default: object, help: str, nargs: int | None = None,
                 metavar: str | tuple[str, ...] | None = None):
        self.flag, self.kind, self.default, self.help, self.nargs, self.metavar = flag, kind, default, help, nargs, metavar


# `gdpc dataset FAMILY`: each family's help and options (checker/data/families.py builds them)
DATASET_FAMILIES: dict[str, tuple[str, tuple[Option, ...]]] = {
    "bp-lower": ("BP-LOWER (P1 Thm 5.1): ((1/2, -1), +1) once, ((-1/2, -1), -1) n - 1 times",
                 (Option("--n", int, 101, "samples (n >= 2)", metavar="N"),)),
    "degenerate": ("BP-LOWER with n = 6 scaled by 3/10: a BP margin is exactly 0 at t = 2", ()),
    "two-points": ("LOSS-UNRELIABLE (P1 Thm 4.1): ((1, -1), +1) and ((-1, -4), -1)", ()),
    "xor": ("the real XOR, (+-1, +-1) labelled x_1 x_2: not linearly separable", ()),
    "mixed-small": ("7 integer points in 3-d; BP takes 9 steps, its perceptron loss goes up and down", ()),
    "digits": ("scikit-learn's 8x8 digits, A (label +1) against B (label -1), pixels/16 exact",
               (Option("--pair", int, [0, 1], "the two digits A B", nargs=2, metavar=("A", "B")),)),
    "random": ("n integer points in [-20, 20]^d labelled by a seeded integer separator (|w^T a| >= 1)",
               (Option("--n", int, 40, "samples", metavar="N"), Option("--d", int, 5, "dimension", metavar="D"),
                Option("--seed", int, 0, "seed", metavar="S"))),
    "accel": ("A_d: a_i = c e_0 + e_i, y_1 = +1, the other d - 2 labels -1 (n = d - 1)",
              (Option("--d", int, 64, "dimension d", metavar="D"),
               Option("--c", rational, Fraction(1), "intercept c > 0", metavar="C"),
               Option("--rotate", int, 0, "turn A_d by a random rational orthogonal matrix with this seed (0: "
                                          "not turned); inner products, and so most counts, are unchanged",
                      metavar="SEED"))),
    "accel-rare": ("A_d with k rare positives (y_i = +1 for i <= k): ACCEL's family 'rare'",
                   (Option("--d", int, 256, "dimension d", metavar="D"),
                    Option("--k", int, 4, "rare positives", metavar="K"))),
    "accel-noisy": ("A_d plus noise of level c/sqrt(d) (16 random entries per sample moved by (c/4) j/8): "
                    "ACCEL's family 'noisy'",
                    (Option("--d", int, 256, "dimension d (at least 18)", metavar="D"),
                     Option("--c", rational, Fraction(1, 2), "noise level c: entries move by about c/sqrt(d)",
                            metavar="C"),
                     Option("--seed", int, 0, "seed", metavar="S"))),
    "planted": ("sparse random features with an intercept, positive iff a sample has one of m planted signal "
                "features: ACCEL's family 'planted'",
                (Option("--d", int, 256, "dimension d", metavar="D"), Option("--s", int, 4, "features per sample",
                                                                             metavar="S"),
                 Option("--m", int, 2, "signal features", metavar="M"), Option("--seed", int, 0, "seed", metavar="N"))),
}
