"""Large-step GD against the Batch Perceptron (LIN-REDUCTION, -RATE, LOSS-OSC).

Owns the quantities those claims share: the step size gamma* from which
LIN-REDUCTION-RATE's bound guarantees that GD's mistake sets are BP's, and a
per-gamma comparison of the two trajectories.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import mpmath
from mpmath import mpf

from checker.data.dataset import Dataset
from checker.engines.logistic_gd import DeviationStep, as_mpf, deviation_from_bp
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


@dataclass
class Comparison:
    gamma_exponent: int
    steps: list[DeviationStep]

    @property
    def mistakes_agree(self) -> bool | None:
        if any(s.gd_mistakes is None for s in self.steps):
            return None
        return all(s.gd_mistakes == s.bp_mistakes for s in self.steps)

    @property
    def max_gap(self) -> mpf:
        return max(s.gap for s in self.steps)

    @property
    def rate_holds(self) -> bool | None:
        verdicts = [s.bound_holds for s in self.steps if s.bound is not None]
        if any(v is False for v in verdicts):
            return False
        if any(v is None for v in verdicts):
            return None
        return True

    @property
    def rate_rows(self) -> int:
        return sum(s.bound is not None for s in self.steps)

    def loss_gap(self, s: DeviationStep) -> mpf:
        """|f(theta_t)/gamma - PL(p_t)| at step s, evaluated at the run's working precision."""
        with mpmath.workdps(s.dps):
            return abs(s.loss_over_gamma - as_mpf(s.perceptron_loss))

    def loss_gap_holds(self, R: mpf) -> bool | None:
        """|f(theta_t)/gamma - PL(p_t)| <= R e_t + e^{-gamma(m_t - R e_t)}/gamma wherever R e_t < m_t."""
        verdict = True
        for s in self.steps:
            with mpmath.workdps(s.dps):
                g = mpf(10) ** self.gamma_exponent
                unit = mpf(2) ** (1 - mpmath.mp.prec)
                e_hi = s.gap + s.error
                if R * e_hi >= s.min_margin:
                    continue
                diff = self.loss_gap(s)
                bound = R * e_hi + mpmath.exp(-g * (s.min_margin - R * e_hi)) / g
                slack = (g * (s.min_margin + R * e_hi) * 8 + 32) * unit  # exp's argument carries rounding
                if diff - s.loss_error > bound * (1 + slack):
                    return False
                if diff + s.loss_error > bound * (1 - slack):
                    verdict = None
        return verdict

    def summary(self) -> dict:
        return {
            "gamma": f"1e{self.gamma_exponent}",
            "max_gap": mpmath.nstr(self.max_gap, 5),
            "mistake_sets_agree": self.mistakes_agree,
            "gd_iterations": next((s.t for s in self.steps if s.gd_mistakes == ()), None),
        }


def compare(ds: Dataset, bp: PerceptronRun, gamma_exponent: int, dps: int | None = None,
            stop_at_mismatch: bool = False) -> Comparison:
    return Comparison(gamma_exponent, deviation_from_bp(ds, mpf(10) ** gamma_exponent, bp, dps, stop_at_mismatch))


def radius(ds: Dataset) -> mpf:
    r2 = ds.radius_squared()
    return mpmath.sqrt(as_mpf(r2)) * (1 + mpf(10) ** -40)
