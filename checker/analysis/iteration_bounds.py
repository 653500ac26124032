"""Iteration counts of the perceptron family next to their classical bounds, decided soundly.

Every bound here has the form B(mu) = (something positive) / mu^2, so it falls as
mu grows. With the certified enclosure mu_lo <= mu <= mu_hi: a count T is
*verified* when T <= B(mu_hi) (then T <= B(mu)), *refuted* when T > B(mu_lo), and
undecided in between. When the margin is exact (mu^2 rational) both sides are
exact rationals, except for NLRGD-BOUND's log term, evaluated with mpmath at 50
digits and a 10^-40 relative guard.

Each algorithm is run for at most floor(B(mu_lo)) + 1 steps: not separating by
then is itself a certified violation.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import mpmath
from mpmath import mpf

from checker.arith import Undecided
from checker.data.dataset import Dataset, fraction_str
from checker.engines import perceptron
from checker.engines.linear_gd import gd_linear
from checker.engines.margin import MarginCertificate, certified_margin

BOUNDS = {
    "BP-BOUND": ("batch-perceptron", "n R^2 / mu^2"),
    "PERCEPTRON-BOUND": ("perceptron", "R^2 / mu^2"),
    "NBP-BOUND": ("normalized-batch-perceptron", "R^2 / mu^2"),
    "NLRGD-BOUND": ("normalized-lr-gd", "R^2 / mu^2 + 2 log(2n - 1) / (gamma mu^2)"),
}


def bound_value(claim_id: str, R2: Fraction, mu2: Fraction, n: int, gamma: Fraction | None = None):
    """B as an exact Fraction, or an mpf (50 digits) for the bound with a logarithm."""
    if claim_id == "BP-BOUND":
        return n * R2 / mu2
    if claim_id in ("PERCEPTRON-BOUND", "NBP-BOUND"):
        return R2 / mu2
    assert gamma is not None, "NLRGD-BOUND needs the step size"
    with mpmath.workdps(50):
        g = mpf(gamma.numerator) / gamma.denominator
        return mpf(R2.numerator) / R2.denominator / (mpf(mu2.numerator) / mu2.denominator) + 2 * mpmath.log(
            2 * n - 1) / (g * mpf(mu2.numerator) / mu2.denominator)


@dataclass
class BoundCheck:
    claim_id: str
    algorithm: str
    count: int | None  # None: not separated within floor(B(mu_lo)) + 1 steps
    bound_at_mu_hi: Any  # B(mu_hi) <= B(mu): a Fraction, or an mpf (NLRGD-BOUND)
    bound_at_mu_lo: Any  # B(mu_lo) >= B(mu)
    verdict: str  # "holds" | "violated" | "undecided"
    note: str = ""  # why a verdict is undecided when no count is known

    @property
    def ratio(self) -> float:
        """T / B(mu_hi); > 1 only when the count exceeds the bound's smallest possible value."""
        if self.count is None:
            return math.inf
        b = self.bound_at_mu_hi  # a Fraction may be far outside float range (data like 1e4000): divide in mpmath
        with mpmath.workdps(30):
            return float(mpf(self.count) / (b if isinstance(b, mpf) else mpf(b.numerator) / b.denominator))

    def to_json(self) -> dict:
        out = {"claim": self.claim_id, "algorithm": self.algorithm, "iterations": self.count,
               "bound": _show(self.bound_at_mu_hi), "bound_at_margin_lo": _show(self.bound_at_mu_lo),
               "ratio": self.ratio, "verdict": self.verdict}
        return dict(out, note=self.note) if self.note else out


def _show(v) -> str:
    return fraction_str(v) if isinstance(v, Fraction) else mpmath.nstr(v, 20)


def _le(a, b) -> bool:
    """a <= b for an int against a Fraction or a 50-digit mpf (with a 10^-40 relative guard: b's own rounding
    error is about 10^-49). The comparison runs at b's 50 digits: at mpmath's default 15, 1 - 10^-40 is 1 and
    b * 1 rounds b to 15 digits, up or down, so a count just above the exact bound could be called "holds"."""
    if isinstance(b, Fraction):
        return a <= b
    with mpmath.workdps(50):
        return mpf(a) <= b * (1 - mpf(10) ** -40)


def _gt(a, b) -> bool:
    if isinstance(b, Fraction):
        return a > b
    with mpmath.workdps(50):
        return mpf(a) > b * (1 + mpf(10) ** -40)


def check_bound(claim_id: str, ds: Dataset, cert: MarginCertificate | None = None,
                gamma: Fraction = Fraction(1)) -> BoundCheck:
    cert = cert or certified_margin(ds)
    if not cert.separable:
        raise ValueError("the data are not linearly separable: the bounds do not apply")
    algorithm = BOUNDS[claim_id][0]
    R2 = ds.radius_squared()
    exact = cert.mu_squared if cert.exact else None  # set whenever the exact phase converged
    mu2_hi = exact if exact is not None else cert.mu_hi * cert.mu_hi
    mu2_lo = exact if exact is not None else cert.mu_lo * cert.mu_lo
    if mu2_lo == 0:
        raise ValueError("the certified margin's lower bound is 0: the bound cannot be decided")
    b_hi = bound_value(claim_id, R2, mu2_hi, ds.n, gamma)  # B(mu_hi), the smaller value
    b_lo = bound_value(claim_id, R2, mu2_lo, ds.n, gamma)
    cap = (int(mpmath.floor(b_lo)) if isinstance(b_lo, mpf) else math.floor(b_lo)) + 1  # exact: B may be 10^8000
    try:
        count = run_count(algorithm, ds, cap, gamma)
    except Undecided as exc:  # a GD sign no precision up to the cap decides: no count, so no verdict either way
        return BoundCheck(claim_id, algorithm, None, b_hi, b_lo, "undecided", f"{exc}; the precision cap was reached")
    if count is None or _gt(count, b_lo):
        verdict = "violated"
    elif _le(count, b_hi):
        verdict = "holds"
    else:
        verdict = "undecided"
    return BoundCheck(claim_id, algorithm, count, b_hi, b_lo, verdict)


def run_count(algorithm: str, ds: Dataset, max_iter: int, gamma: Fraction = Fraction(1)) -> int | None:
    if algorithm == "normalized-lr-gd":
        return gd_linear(ds, gamma, max_iter=max_iter, normalized=True).iterations
    return perceptron.run(ds, algorithm, max_iter=max_iter).iterations
