"""`gdpc gap`: does the reduction LR+GD -> Batch Perceptron hold on this data, and from which step size.

Owns the per-step report of ||theta_t/gamma - p_t|| next to LIN-REDUCTION-RATE's bound,
GD's and BP's mistake sets, and f(theta_t)/gamma against the perceptron loss of p_t
(LOSS-OSC), for one step size or a list of them. Every number comes from the deviation
engine (`engines.linear_gd.deviation_from_bp`), the one LIN-REDUCTION-RATE's numeric
check runs, so `gdpc gap` and `gdpc verify` print the same values.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from checker.analysis.linear_reduction import all_hold, mistakes_agree
from checker.analysis.studies import smallest_gamma_exponent
from checker.data.dataset import Dataset
from checker.engines import perceptron
from checker.engines.linear_gd import DeviationStep, deviation_from_bp
from checker.engines.perceptron import PerceptronRun

DEFAULT_T_MAX = 1000  # when BP does not separate (non-separable data), the steps compared unless --t-max says


def _fraction_text(q: Fraction) -> str:
    return str(q.numerator) if q.denominator == 1 else f"{q.numerator}/{q.denominator}"


@dataclass
class GapReport:
    """The per-step comparison at one step size."""

    gamma: Fraction
    gamma_text: str
    bp: PerceptronRun
    steps: list[DeviationStep]

    @property
    def bound_holds(self) -> bool | None:
        """The rate bound at every step where it applies: False if refuted anywhere, None if any step undecided."""
        return all_hold(s.bound_holds for s in self.steps if s.bound is not None)

    @property
    def mistakes_agree(self) -> bool | None:
        return mistakes_agree(self.steps)

    @property
    def first_disagreement(self) -> int | None:
        return next((s.t for s in self.steps if s.gd_mistakes is not None and s.gd_mistakes != s.bp_mistakes), None)

    @property
    def gd_iterations(self) -> int | None:
        """The first t at which every GD margin is certified positive (within the steps compared)."""
        return next((s.t for s in self.steps if s.gd_separated), None)

    def row(self, s: DeviationStep) -> dict:
        return {
            "t": s.t,
            "gap": s.gap_enclosure, "gap_text": s.gap_text,
            "bound": s.bound_enclosure, "bound_text": s.bound_text, "bound_holds": s.bound_holds,
            "gd_mistakes": None if s.gd_mistakes is None else list(s.gd_mistakes),
            "bp_mistakes": list(s.bp_mistakes),
            "mistakes_agree": None if s.gd_mistakes is None else s.gd_mistakes == s.bp_mistakes,
            "min_margin": _fraction_text(s.min_margin),
            "perceptron_loss": _fraction_text(s.perceptron_loss),
            "loss_gap_text": s.loss_gap_text, "loss_bound_text": s.loss_bound_text,
            "loss_bound_holds": s.loss_bound_holds,
        }

    def summary(self) -> dict:
        widest = max(self.steps, key=lambda s: s.gap_log10)
        return {"gamma": self.gamma_text, "steps": len(self.steps), "max_gap": widest.gap_enclosure,
                "max_gap_text": widest.gap_text, "bound_holds": self.bound_holds,
                "mistake_sets_agree": self.mistakes_agree, "first_disagreement": self.first_disagreement,
                "gd_iterations": self.gd_iterations, "bp_iterations": self.bp.iterations,
                "arithmetic": self.steps[0].arithmetic}

    def to_json(self) -> dict:
        return dict(self.summary(), rows=[self.row(s) for s in self.steps])


def bp_path(ds: Dataset, t_max: int | None) -> PerceptronRun:
    """BP's recorded trajectory: up to separation, or t_max steps (DEFAULT_T_MAX if BP never separates)."""
    return perceptron.run(ds, "batch-perceptron", max_iter=t_max or DEFAULT_T_MAX, record=True)


def gap(ds: Dataset, gamma: Fraction, gamma_text: str, bp: PerceptronRun, t_max: int | None = None,
        dps: int | None = None, arith: str | None = None) -> GapReport:
    """Steps t = 1..t_max (default: BP's trajectory); past BP's last iterate p_t stays p_T, GD keeps moving."""
    extend = t_max if (t_max and bp.separated and t_max > len(bp.trajectory)) else None
    steps = deviation_from_bp(ds, gamma, bp, dps, arith=arith, extend_to=extend, limit=t_max)
    return GapReport(Fraction(gamma), gamma_text, bp, steps)


def smallest_power(ds: Dataset, bp: PerceptronRun) -> dict:
    """The smallest gamma = 10^k (k <= 300) from which LR+GD's mistake sets equal BP's at every step."""
    if not bp.separated:
        return {"k": None, "note": "BP did not separate within the steps compared"}
    return smallest_gamma_exponent(ds, bp)
