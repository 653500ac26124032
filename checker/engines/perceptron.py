"""The perceptron family in exact arithmetic: Batch, classical and Normalized Batch.

All start at p_0 = 0. `iterations` is the smallest t >= 1 with p_t separating
(p_0 never separates; the Batch Perceptron's half step is p_1; for the
classical Perceptron, t counts updates). A margin exactly 0 at any p_t, t >= 1,
marks the run `degenerate`: there the large-step GD limit weighs the sample 1/2
while the perceptron counts it as a mistake, so LIN-REDUCTION's assumption fails.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from math import gcd

import numpy as np

from checker.arith.integer_carrier import IntegerIterate, SignedIntegerData
from checker.data.dataset import Dataset, fraction_str
from checker.engines.run import Run
from checker.progress import tick

ALGORITHMS = ("batch-perceptron", "perceptron", "normalized-batch-perceptron")


@dataclass
class Iterate:
    """One recorded iterate p_t with its exact margins and mistake set S_t.

    The margins are kept as the exact integers (Z w)_i over one denominator and become Fractions when first read:
    most recorded runs read only p_t and S_t, and BP-LOWER's check (500 runs, p_t at every step) spent 90% of its
    time building 14 million margin Fractions it never read.
    """

    t: int
    p: list[Fraction]
    margin_numerators: np.ndarray  # (Z w)_i, exact integers in the run's carrier
    margin_denominator: int
    mistakes: tuple[int, ...]
    _margins: list[Fraction] | None = field(default=None, repr=False, compare=False)

    @property
    def margins(self) -> list[Fraction]:
        """Exact y_i a_i^T p_t."""
        if self._margins is None:
            self._margins = [Fraction(int(m), self.margin_denominator) for m in self.margin_numerators]
        return self._margins


@dataclass
class PerceptronRun(Run):
    """The exact engines' `Run`: also which steps had a margin exactly 0, the final iterate, the integer carrier."""

    arithmetic: str = "exact"
    degenerate_steps: list[int] = field(default_factory=list)
    final: list[Fraction] = field(default_factory=list)
    carrier: str = "float64"
    steps_run: int = 0
    trajectory: list[Iterate] = field(default_factory=list)

    def to_json(self) -> dict:
        return {
            "algorithm": self.algorithm,
            "iterations": self.iterations,
            "separated": self.separated,
            "degenerate": self.degenerate,
            "degenerate_steps": self.degenerate_steps,
            "arithmetic": "exact",
            "carrier": self.carrier,
            "dps": None,
            "final": [fraction_str(v) for v in self.final],
        }


def run(ds: Dataset, algorithm: str, max_iter: int = 100_000, record: bool = False) -> PerceptronRun:
    """Run one perceptron variant exactly; `record` keeps every p_t and its margins."""
    if algorithm not in ALGORITHMS:
        raise ValueError(f"unknown algorithm {algorithm!r}")
    data = SignedIntegerData(ds)
    it = IntegerIterate(data)
    all_rows = np.arange(data.n)
    degenerate_steps: list[int] = []
    trajectory: list[Iterate] = []

    # p_1
    if algorithm == "batch-perceptron":
        it.update(all_rows)  # 2n * p_1 = sum_i y_i a_i
        it.denominator = 2 * data.n
    elif algorithm == "normalized-batch-perceptron":
        it.update(all_rows)  # n * p_1 = sum_i y_i a_i (S_0 is everything at p_0 = 0)
        it.denominator = data.n
    else:
        it.update(all_rows[:1])  # the smallest index is a mistake at p_0 = 0

    t = 1
    label = f"{algorithm}, exact"
    while True:
        tick(t, label)
        margins = it.margins()
        wrong = np.flatnonzero(margins <= 0)
        if np.any(margins == 0):
            degenerate_steps.append(t)
        if record:
            trajectory.append(Iterate(t, it.as_fractions(), margins, it.margin_denominator(),
                                      tuple(int(i) for i in wrong)))
        if len(wrong) == 0:
            return _result(algorithm, t, True, degenerate_steps, it, t, trajectory)
        if t >= max_iter:
            return _result(algorithm, None, False, degenerate_steps, it, t, trajectory)
        if algorithm == "batch-perceptron":
            it.update(wrong, row_weight=2)  # p += (1/n) sum_S y_i a_i, in units of 1/(2n)
        elif algorithm == "perceptron":
            it.update(wrong[:1])
        else:
            s = len(wrong)
            new_den = it.denominator * s // gcd(it.denominator, s)
            it.update(wrong, row_weight=new_den // s, keep=new_den // it.denominator)
            it.denominator = new_den
        t += 1


def _result(algorithm, iterations, separated, degenerate_steps, it, steps_run, trajectory) -> PerceptronRun:
    return PerceptronRun(
        algorithm=algorithm,
        iterations=iterations,
        separated=separated,
        degenerate=bool(degenerate_steps),
        degenerate_steps=degenerate_steps,
        final=it.as_fractions(),
        carrier=it.widest,
        steps_run=steps_run,
        trajectory=trajectory,
    )


def batch_perceptron(ds: Dataset, max_iter: int = 100_000, record: bool = False) -> PerceptronRun:
    return run(ds, "batch-perceptron", max_iter, record)


def perceptron(ds: Dataset, max_iter: int = 100_000, record: bool = False) -> PerceptronRun:
    return run(ds, "perceptron", max_iter, record)


def normalized_batch_perceptron(ds: Dataset, max_iter: int = 100_000, record: bool = False) -> PerceptronRun:
    return run(ds, "normalized-batch-perceptron", max_iter, record)
