"""The public Python API: what a notebook or a script uses, re-exported as `checker.<name>`.

Every name here is a thin, documented entry into the layers below; the command line and
these functions run the same code. Import as `import checker; checker.verify(...)`.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

from checker.claims import runner
from checker.claims.core import Claim, ClaimResult, Context, claim, select
from checker.data.dataset import Dataset, from_rows
from checker.data.dataset import load as _load_file
from checker.engines import perceptron
from checker.engines.linear_gd import gd_linear as _gd_linear
from checker.engines.margin import MarginCertificate
from checker.engines.margin import certified_margin as _certified_margin
from checker.engines.perceptron import PerceptronRun
from checker.engines.run import Run
from checker.errors import InputError
from checker.models.symbolic import Model
from derivcheck.files import FileCheck
from derivcheck.files import check_file as _check_file
from derivcheck.files import check_latex as _check_latex

__all__ = ["verify", "load", "dataset", "batch_perceptron", "gd_linear", "certified_margin", "check_latex",
           "check_file", "claim", "Model", "Dataset", "Claim", "ClaimResult", "Run", "PerceptronRun",
           "MarginCertificate", "FileCheck", "InputError"]


def verify(claims: str | list[str] | None = None, quick: bool = False, arith: str = "arb", dps: int = 50,
           jobs: int = 1) -> list[ClaimResult]:
    """Check registered claims (all of them by default) and return one `ClaimResult` each.

    `claims` takes IDs and families as `gdpc verify --claim` does ("GP-REDUCTION" is every GP-REDUCTION:*).
    `result.as_expected` is True when a claim holds (or, for a deliberately false one, is refuted);
    `result.to_json()` is what `gdpc verify --json` writes. Claims registered with `claim(...)` in this
    session are included.
    """
    registered = runner.load_builtin()
    wanted = [claims] if isinstance(claims, str) else claims
    ids, unknown = select(registered, wanted) if wanted else (list(registered), [])
    if unknown:
        raise InputError(f"unknown claim ID {', '.join(unknown)} (see `gdpc list`)")
    return runner.run_claims(ids, Context(quick=quick, dps=dps, arith=arith), jobs=jobs)


def load(path: str) -> Dataset:
    """A data file (CSV `x_1,...,x_d,y` or NPZ with X and y) as an exact `Dataset`; bad input raises InputError."""
    return _load_file(path)


def dataset(X: Sequence[Sequence[object]], y: Sequence[object], name: str = "data") -> Dataset:
    """In-memory samples (ints, Fractions, exact decimal strings, or floats at their exact binary value)."""
    return from_rows(X, y, name)


def batch_perceptron(data: Dataset, max_iter: int = 100_000, record: bool = False) -> PerceptronRun:
    """The Batch Perceptron in exact arithmetic: `.iterations`, `.separated`, `.degenerate`, `.final` (Fractions)."""
    return perceptron.batch_perceptron(data, max_iter, record)


def gd_linear(data: Dataset, gamma: int | Fraction | str, max_iter: int = 1000, arith: str = "arb", dps: int | None = None,
              normalized: bool = False) -> Run:
    """LR+GD from 0 at step size `gamma` (any size: an int, Fraction or exact decimal string such as "1e300").

    Every sign is decided on a certified enclosure (Arb balls, or mpmath intervals with arith="mpmath"), the
    precision raised as needed. `.iterations` is the first t whose iterate separates; `.final` is theta_t/gamma.
    """
    g = Fraction(gamma)
    if g <= 0:
        raise InputError(f"gamma must be positive, not {gamma}")
    return _gd_linear(data, g, max_iter, dps, normalized, arith)


def certified_margin(data: Dataset) -> MarginCertificate:
    """The maximum margin, certified: `.separable`, an enclosure of mu, exact certificates (theta, or lambda)."""
    return _certified_margin(data)


def check_latex(text: str, points: int = 60, seed: int = 0, timeout: float | None = 60) -> FileCheck:
    """`gdpc check` on a LaTeX string: a verdict per step (`.verdicts`, `.counts()`, `.all_proved`, `.to_json()`)."""
    return _check_latex(text, points, seed, timeout)


def check_file(path: str, points: int = 60, seed: int = 0, timeout: float | None = 60) -> FileCheck:
    """`gdpc check` on a .tex file (display environments) or a .py file defining STEPS."""
    return _check_file(path, points, seed, timeout)
