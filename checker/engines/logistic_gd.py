"""Gradient descent on the logistic loss for the linear model, in mpmath.

Two engines with one rounding analysis:

* `gd_linear` runs plain GD, theta_{t+1} = theta_t - gamma grad f(theta_t), in the
  rescaled form u_t = theta_t / gamma (LIN-REDUCTION's identity), at any step size;
* `deviation_from_bp` tracks delta_t = theta_t/gamma - p_t against an exact Batch
  Perceptron trajectory, so that a gap of size e^{-gamma m} keeps full relative
  precision even when it is 10^(-10^100).

Both carry a running bound `error` on the absolute rounding error of the iterate
(mpmath operations round to nearest, so each has relative error <= 2^-prec; the
sigmoid, a few elementary operations, is charged 8 units). The error of
sigma(-gamma z) is propagated with the mean value theorem, using the largest
derivative of the sigmoid on the interval where z can lie. A margin's sign is
called only when |z| exceeds its error bound; otherwise it is undecided and the
caller is told to raise the precision.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from fractions import Fraction

import mpmath
from mpmath import mpf

from checker.data.dataset import Dataset
from checker.engines.perceptron import PerceptronRun
from checker.engines.sigmoid import sigma, sigma_prime_max, sigma_tail, softplus

SIGMA_ULPS = 8


def as_mpf(value) -> mpf:
    """An exact-as-possible mpf at the current precision from int, text ("1e300", "3/7"), Fraction or mpf."""
    if isinstance(value, mpf):
        return +value
    if isinstance(value, str):
        value = Fraction(value)
    if isinstance(value, Fraction):
        return mpf(value.numerator) / value.denominator
    return mpf(value)


def auto_dps(gamma, requested: int | None = None) -> int:
    """Digits needed so sigma(-gamma z) keeps ~30 correct digits: 30 + log10(gamma)."""
    need = 30 + max(0, math.ceil(float(mpmath.log10(as_mpf(gamma)))))
    return max(need, requested or 0)


@dataclass
class GDStep:
    t: int
    u: list  # theta_t / gamma
    margins: list  # y_i a_i^T u_t  (= z_i(theta_t)/gamma)
    loss: mpf  # f(theta_t)
    error: mpf  # bound on the abs. rounding error of each margin
    signs: list  # +1, -1, 0 (exactly zero), or None (undecided at this precision)
    loss_error: mpf = mpf(0)  # bound on the abs. rounding error of `loss`


@dataclass
class GDRun:
    gamma: mpf
    dps: int
    iterations: int | None
    separated: bool
    undecided: bool
    steps: list = field(default_factory=list)

    def to_json(self, with_trajectory: bool = False) -> dict:
        out = {
            "algorithm": "gd",
            "gamma": mpmath.nstr(self.gamma, 15),
            "iterations": self.iterations,
            "separated": self.separated,
            "degenerate": False,
            "undecided_sign": self.undecided,
            "arithmetic": "mpmath",
            "dps": self.dps,
            "final": [mpmath.nstr(v, 30) for v in self.steps[-1].u] if self.steps else [],
            "final_is": "theta_t / gamma",
        }
        if with_trajectory:
            out["losses"] = [mpmath.nstr(s.loss, 20) for s in self.steps]
        return out


def _certified_signs(z, err):
    signs = []
    for zi, ei in zip(z, err):
        if zi == 0 and ei == 0:
            signs.append(0)
        elif abs(zi) > ei:
            signs.append(1 if zi > 0 else -1)
        else:
            signs.append(None)
    return signs


MAX_DPS = 4000


def gd_linear(ds: Dataset, gamma, max_iter: int = 1000, dps: int | None = None, normalized: bool = False,
              max_dps: int = MAX_DPS) -> GDRun:
    """GD from theta_0 = 0 until every margin is certified positive, or max_iter.

    The rounding bound is first order and worst case, so over long runs it can
    outgrow a margin; then a sign is undecided and the run is repeated with twice
    the digits, up to max_dps. A run still undecided there says so.
    """
    dps = auto_dps(gamma, dps)
    while True:
        run = _gd_linear(ds, gamma, max_iter, dps, normalized)
        if not run.undecided or dps >= max_dps:
            return run
        dps = min(2 * dps, max_dps)


def _gd_linear(ds: Dataset, gamma, max_iter: int, dps: int, normalized: bool) -> GDRun:
    """One run at a fixed precision (see gd_linear).

    normalized=True is Normalized LR+GD: the step is gamma * beta_t with
    beta_t = 1 / ((1/n) sum_i sigma(-z_i)), so u = theta/gamma moves by the convex
    combination sum_i w_i y_i a_i / sum_i w_i of the GD weights w_i = sigma(-z_i).
    """
    with mpmath.workdps(dps):
        unit = mpf(2) ** (1 - mpmath.mp.prec)
        g = as_mpf(gamma)
        # signed rows, sparse: zeros are skipped exactly, and A_d-like data cost O(nnz) per step
        A = [[(j, as_mpf(yi * v)) for j, v in enumerate(row) if v != 0] for row, yi in zip(ds.X, ds.y)]
        columns = [[] for _ in range(ds.d)]
        for i, row in enumerate(A):
            for j, v in row:
                columns[j].append((i, v))
        norms = [mpmath.sqrt(mpmath.fsum(v * v for _, v in row)) * (1 + 4 * unit) for row in A]
        n, d = ds.n, ds.d
        u = [mpf(0)] * d
        err_u = mpf(0)  # bound on ||u_computed - u_true||
        steps = []
        for t in range(0, max_iter + 1):
            z = [mpmath.fdot((v, u[j]) for j, v in row) for row in A]
            abs_terms = [mpmath.fsum(abs(v * u[j]) for j, v in row) for row in A]
            err_z = [nr * err_u + (d + 2) * unit * at for nr, at in zip(norms, abs_terms)]
            loss = mpmath.fsum(softplus(-g * zi) for zi in z) / n
            signs = _certified_signs(z, err_z)
            # softplus is 1-Lipschitz: a margin error e moves each term by at most gamma e
            loss_err = g * max(err_z) + (n + 8) * unit * loss
            steps.append(GDStep(t, list(u), z, loss, max(err_z), signs, loss_err))
            if t >= 1 and all(s == 1 for s in signs):
                return GDRun(g, dps, t, True, False, steps)
            if t >= 1 and any(s is None for s in signs):
                return GDRun(g, dps, None, False, True, steps)
            if t == max_iter:
                return GDRun(g, dps, None, False, False, steps)
            weights = [sigma(-g * zi) for zi in z]
            err_w = [
                sigma_prime_max(abs(zi), ez, g) * ez + SIGMA_ULPS * unit * w
                for zi, ez, w in zip(z, err_z, weights)
            ]
            if normalized:
                # w_i / W: the relative error of W adds to each weight's (all weights are positive)
                W = mpmath.fsum(weights)
                rel_W = mpmath.fsum(err_w) / W + (n + 2) * unit
                err_w = [(e + w * rel_W) / W * (1 + 4 * unit) + 4 * unit * w / W for e, w in zip(err_w, weights)]
                weights = [w / W * n for w in weights]  # so that the (1/n) sum below is the convex combination
                err_w = [e * n for e in err_w]
            step = [mpmath.fsum(weights[i] * v for i, v in col) / n for col in columns]
            u = [uj + sj for uj, sj in zip(u, step)]
            sum_abs = mpmath.fsum(w * nr for w, nr in zip(weights, norms)) / n
            err_u = err_u + mpmath.fsum(e * nr for e, nr in zip(err_w, norms)) / n + (n + d + 4) * unit * (
                sum_abs + mpmath.sqrt(mpmath.fsum(v * v for v in u))
            )
    raise AssertionError("unreachable")


@dataclass
class DeviationStep:
    """delta_t = u_t - p_t at step t, with LIN-REDUCTION-RATE's bound beside it."""

    t: int
    gap: mpf  # ||delta_t|| as computed
    error: mpf  # bound on |computed gap - true gap|
    bound: mpf | None  # accumulated bound B_t, None where R B_{t-1} >= m_{t-1}
    bound_slack: mpf  # relative rounding error of `bound`
    min_margin: mpf  # m_t = min_i |y_i a_i^T p_t|
    gd_mistakes: tuple | None  # {i : z_i(u_t) < 0}, None if a sign is undecided
    bp_mistakes: tuple
    perceptron_loss: Fraction  # (1/n) sum max(0, -m_i), exact
    loss_over_gamma: mpf  # f(theta_t) / gamma
    loss_error: mpf  # bound on the rounding error of loss_over_gamma, including PL's conversion
    dps: int  # the working precision of every mpf above

    @property
    def bound_holds(self) -> bool | None:
        """True/False when certified, None when rounding leaves it undecided."""
        if self.bound is None:
            return None
        if self.gap + self.error <= self.bound * (1 - self.bound_slack):
            return True
        if self.gap - self.error > self.bound * (1 + self.bound_slack):
            return False
        return None


def deviation_from_bp(ds: Dataset, gamma, bp: PerceptronRun, dps: int | None = None,
                      stop_at_mismatch: bool = False) -> list[DeviationStep]:
    """delta_t for t = 1..T along a recorded BP trajectory (bp must have `trajectory`).

    stop_at_mismatch: end at the first step whose GD mistake set differs from BP's (or is undecided).
    """
    if not bp.trajectory:
        raise ValueError("deviation_from_bp needs a BP run with record=True")
    dps = auto_dps(gamma, dps)
    out = []
    with mpmath.workdps(dps):
        unit = mpf(2) ** (1 - mpmath.mp.prec)
        g = as_mpf(gamma)
        n, d = ds.n, ds.d
        A = [[as_mpf(yi * v) for v in row] for row, yi in zip(ds.X, ds.y)]
        norms = [mpmath.sqrt(mpmath.fsum(v * v for v in row)) * (1 + 4 * unit) for row in A]
        R = max(norms)
        delta = [mpf(0)] * d  # delta_1 = 0 exactly: u_1 = p_1 (sigma(0) = 1/2)
        err = mpf(0)
        bound = mpf(0)
        bound_ok = True
        slack = mpf(0)
        for k, step in enumerate(bp.trajectory):
            m_exact = step.margins
            m = [as_mpf(q) for q in m_exact]
            abs_terms = [mpmath.fsum(abs(a * b) for a, b in zip(row, delta)) for row in A]
            z = [mi + mpmath.fdot(row, delta) for mi, row in zip(m, A)]
            err_z = [nr * err + (d + 3) * unit * (abs(mi) + at) for nr, mi, at in zip(norms, m, abs_terms)]
            signs = _certified_signs(z, err_z)
            gd_wrong = None if any(s is None for s in signs) else tuple(i for i, s in enumerate(signs) if s < 0)
            gap = mpmath.sqrt(mpmath.fsum(v * v for v in delta))
            gap_err = err + (d + 4) * unit * gap
            min_m = min(abs(mi) for mi in m)
            # f(theta)/gamma = (1/n) sum softplus(-gamma z_i)/gamma
            loss_g = mpmath.fsum(softplus(-g * zi) for zi in z) / n / g
            pl = _perceptron_loss(m_exact, n)
            loss_err = mpmath.fsum(err_z) / n + (n + 8) * unit * (loss_g + as_mpf(pl))
            out.append(
                DeviationStep(
                    step.t, gap, gap_err, bound if bound_ok else None, slack, min_m, gd_wrong,
                    step.mistakes, pl, loss_g, loss_err, dps,
                )
            )
            if k + 1 == len(bp.trajectory) or (stop_at_mismatch and gd_wrong != step.mistakes):
                break
            # weights: sigma(-gamma z) - 1[m<0], signed tails when signs agree with BP
            diffs, err_w = [], []
            for zi, mi, ez in zip(z, m, err_z):
                if zi != 0 and mi != 0 and (zi > 0) == (mi > 0):
                    # sigma(-gamma z) - 1[m<0] = +-sigma(-gamma|z|): no cancellation, full relative precision
                    w = sigma_tail(g * zi) if mi > 0 else -sigma_tail(g * zi)
                    cancel = 0
                else:
                    # signs disagree (small gamma) or a zero margin, which BP counts as a mistake
                    w = sigma(-g * zi) - (1 if mi <= 0 else 0)
                    cancel = unit
                diffs.append(w)
                err_w.append(sigma_prime_max(abs(zi), ez, g) * ez + SIGMA_ULPS * unit * abs(w) + cancel)
            incr = [mpmath.fsum(w * row[j] for w, row in zip(diffs, A)) / n for j in range(d)]
            delta = [a + b for a, b in zip(delta, incr)]
            sum_abs = mpmath.fsum(abs(w) * nr for w, nr in zip(diffs, norms)) / n
            err = err + mpmath.fsum(e * nr for e, nr in zip(err_w, norms)) / n + (n + d + 4) * unit * (
                sum_abs + mpmath.sqrt(mpmath.fsum(v * v for v in delta))
            )
            # LIN-REDUCTION-RATE: B_{t+1} = B_t + R exp(-gamma (m_t - R B_t)), valid while R B_t < m_t
            if bound_ok and R * bound < min_m:
                expo = g * (min_m - R * bound)
                bound = bound + R * mpmath.exp(-expo)
                # relative error of exp's argument (R, m, B all carry rounding) and of the sum
                slack += (g * (min_m + R * bound) * 8 + 32) * unit
            else:
                bound_ok = False
    return out


def _perceptron_loss(margins: list[Fraction], n: int) -> Fraction:
    return sum((-m for m in margins if m < 0), Fraction(0)) / n
