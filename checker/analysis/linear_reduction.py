"""Large-step GD against the Batch Perceptron (LIN-REDUCTION, -RATE, LOSS-OSC).

Owns the quantities those claims share: the step size gamma* from which
LIN-REDUCTION-RATE's bound guarantees that GD's mistake sets are BP's, and a
per-gamma comparison of the two trajectories (`compare`), computed by the
deviation engine in ball arithmetic.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from checker.data.dataset import Dataset
from checker.engines.linear_gd import DeviationStep, deviation_from_bp
from checker.engines.perceptron import PerceptronRun


def safe_gamma_exponent(ds: Dataset, bp: PerceptronRun) -> int:
    """Smallest k with gamma = 10^k >= (2/m*) log(2 T R^2 / m*), m* = min_t m_t.

    With R B_t <= m_t/2 the rate recursion gives B_T <= T R e^{-gamma m*/2}, and
    that is <= m*/(2R) at this gamma: every GD margin keeps the sign of BP's.
    """
    m_star = min(min(abs(m) for m in step.margins) for step in bp.trajectory)
    if m_star == 0:
        raise ValueError("degenerate BP trajectory: a margin is exactly 0")
    r2 = float(ds.radius_squared())
    m = float(m_star)
    T = len(bp.trajectory)
    need = (2 / m) * math.log(max(2 * T * r2 / m, math.e))
    return max(1, math.ceil(math.log10(need)))


def all_hold(verdicts) -> bool | None:
    """False if any verdict is False (refuted), else None if any is undecided, else True (certified everywhere)."""
    verdicts = list(verdicts)
    if any(v is False for v in verdicts):
        return False
    return None if any(v is None for v in verdicts) else True


def mistakes_agree(steps: list[DeviationStep]) -> bool | None:
    """GD's mistake set equals BP's at every step; None if a GD sign is undecided."""
    if any(s.gd_mistakes is None for s in steps):
        return None
    return all(s.gd_mistakes == s.bp_mistakes for s in steps)


@dataclass
class Comparison:
    gamma_exponent: int
    steps: list[DeviationStep]

    @property
    def mistakes_agree(self) -> bool | None:
        return mistakes_agree(self.steps)

    @property
    def widest(self) -> DeviationStep:
        """The step with the largest gap (by the upper end of its enclosure)."""
        return max(self.steps, key=lambda s: s.gap_log10)

    @property
    def max_gap_log10(self) -> float:
        return self.widest.gap_log10

    @property
    def rate_holds(self) -> bool | None:
        return all_hold(s.bound_holds for s in self.steps if s.bound is not None)

    def loss_gap_holds(self) -> bool | None:
        """|f(theta_t)/gamma - PL(p_t)| <= R e_t + e^{-gamma(m_t - R e_t)}/gamma wherever R e_t < m_t."""
        return all_hold(s.loss_bound_holds for s in self.steps)

    @property
    def max_loss_gap_log10(self) -> float:
        return max(s.loss_gap_log10 for s in self.steps)

    def summary(self) -> dict:
        return {
            "gamma": f"1e{self.gamma_exponent}",
            "max_gap": self.widest.gap_enclosure,
            "mistake_sets_agree": self.mistakes_agree,
            "gd_iterations": next((s.t for s in self.steps if s.gd_mistakes == ()), None),
            "arithmetic": self.steps[0].arithmetic,
        }


def compare(ds: Dataset, bp: PerceptronRun, gamma_exponent: int, dps: int | None = None,
            stop_at_mismatch: bool = False, arith: str | None = None) -> Comparison:
    return Comparison(gamma_exponent,
                      deviation_from_bp(ds, 10 ** gamma_exponent, bp, dps, stop_at_mismatch, arith))
