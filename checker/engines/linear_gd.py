"""GD on the logistic loss for the linear model, in any arithmetic context, at any step size.

Two engines:

* `gd_linear_at` runs GD from theta_0 = 0 in the rescaled form u_t = theta_t / gamma
  (LIN-REDUCTION's identity), u_{t+1} = u_t + (1/n) sum_i sigma(-gamma z_i(u_t)) y_i a_i,
  or Normalized LR+GD (the weights divided by their sum);
* `deviation_at` tracks delta_t = u_t - p_t against an exact Batch Perceptron
  trajectory, so a gap of size e^{-gamma m} keeps full relative precision even
  when it is 10^(-10^100): where GD's margin has BP's sign, its weight minus BP's
  is +-sigma(-gamma |z|), computed without cancellation.

Every value is an enclosure (Arb or mpmath intervals), every sign is decided by
an enclosure that excludes 0, or exactly from the iterate's structure where no
enclosure can (`exact_signs`: an exact 0, a tie kept by symmetric data), and an
undecided sign raises `Undecided` so that `arith.escalate` repeats the run with more
digits. Nothing is assumed about the accuracy of exp or log: the context bounds them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from checker.arith import MAX_DPS, Undecided, dps_for_gamma, escalate, make_context
from checker.data.dataset import Dataset
from checker.engines.exact_signs import ExactSigns
from checker.engines.perceptron import PerceptronRun
from checker.engines.run import Run
from checker.progress import tick


@dataclass
class GDStep:
    t: int
    u: list  # theta_t / gamma
    margins: list  # y_i a_i^T u_t  (= z_i(theta_t)/gamma)
    loss: object  # f(theta_t), an enclosure
    signs: list  # +1, -1, 0 (exactly zero), or None (undecided)


def _signed_rows(ds: Dataset) -> list:
    return [[v if yi > 0 else -v for v in row] for row, yi in zip(ds.X, ds.y)]


def gd_linear_at(ctx, ds: Dataset, gamma, max_iter: int, normalized: bool = False,
                 record: bool = True, stop_when_separated: bool = True,
                 observe: Callable[[GDStep], None] | None = None) -> Run:
    """GD from theta_0 = 0 until every margin is certified positive (t >= 1), or max_iter.

    record: keep every step (u_t, margins, loss); observe: called with each step instead (long runs).
    """
    A = ctx.matrix(_signed_rows(ds))
    g = ctx.num(Fraction(gamma))
    n = ds.n
    inv_n = ctx.num(Fraction(1, n))
    u = ctx.vector([0] * ds.d)
    steps = []
    exact = ExactSigns(ds)  # the signs no ball decides (an exact 0, a tie), from the iterate's exact structure
    label = f"gd, {ctx.describe()}"  # formatted once: the loop only stores it
    for t in range(max_iter + 1):
        tick(t, label)
        z = A.mul(u)
        signs = exact.fill(ctx.signs(z), t) if t >= 1 else ctx.signs(z)
        gz = ctx.vscale(g, z)
        if record or observe:
            step = GDStep(t, u, z, ctx.fsum(ctx.vsoftplus_neg(gz)) * inv_n, signs)
            if record:
                steps.append(step)
            elif observe is not None:
                observe(step)
        if stop_when_separated and t >= 1:
            if all(s == 1 for s in signs):
                return _run(ctx, "gd", gamma, t, True, steps, u, normalized)
            if not any(s in (-1, 0) or ctx.nonpositive(zi) for s, zi in zip(signs, z)):
                raise Undecided(f"the stopping test is undecided at t = {t} ({ctx.describe()})")
        if t == max_iter:
            separated = all(s == 1 for s in signs)
            return _run(ctx, "gd", gamma, None, separated, steps, u, normalized)
        w = ctx.vsigma_neg(gz)
        # Normalized LR+GD moves u by the convex combination sum_i w_i y_i a_i / sum_i w_i
        scale = 1 / ctx.fsum(w) if normalized else inv_n
        u = ctx.vadd(u, ctx.vscale(scale, A.tmul(w)))
    raise AssertionError("unreachable")


def _run(ctx, algorithm, gamma, iterations, separated, steps, u, normalized) -> Run:
    name = "normalized-lr-gd" if normalized else algorithm
    return Run(name, iterations, separated, ctx.describe(), steps=steps,
               extra={"gamma": str(gamma), "dps": ctx.dps, "final": [ctx.text(v, 30) for v in u],
                      "final_enclosures": [ctx.enclosure(v) for v in u], "final_is": "theta_t / gamma"})


def gd_linear(ds: Dataset, gamma, max_iter: int = 1000, dps: int | None = None, normalized: bool = False,
              arith: str | None = None, record: bool = True, max_dps: int = MAX_DPS) -> Run:
    """gd_linear_at with the precision raised until the stopping test is decided (see arith.escalate)."""
    return escalate(lambda ctx: gd_linear_at(ctx, ds, gamma, max_iter, normalized, record), arith,
                    dps_for_gamma(gamma, dps), max_dps)


@dataclass
class DeviationStep:
    """delta_t = u_t - p_t at step t, with LIN-REDUCTION-RATE's bound and LOSS-OSC's beside it."""

    t: int
    gap: object  # ||delta_t||, an enclosure
    gap_text: str
    gap_log10: float  # log10 of the enclosure's upper end (-inf for an exact 0)
    gap_lower_log10: float  # log10 of its lower end (-inf when the enclosure reaches 0)
    gap_enclosure: dict  # {"mid", "rad"}: the reported value keeps its error bound
    bound: object | None  # accumulated bound B_t, None where R B_{t-1} >= m_{t-1}
    bound_text: str | None
    bound_log10: float | None  # log10 of the bound's upper end
    bound_enclosure: dict | None
    bound_holds: bool | None  # gap <= B_t: True/False when certified, None when undecided or not applicable
    min_margin: Fraction  # m_t = min_i |y_i a_i^T p_t|
    gd_mistakes: tuple | None  # {i : z_i(u_t) < 0}, None if a sign is undecided
    bp_mistakes: tuple
    perceptron_loss: Fraction  # (1/n) sum max(0, -m_i), exact
    loss_gap_text: str  # |f(theta_t)/gamma - PL(p_t)|
    loss_gap_log10: float
    loss_bound_holds: bool | None  # |f/gamma - PL| <= R e_t + e^{-gamma(m_t - R e_t)}/gamma where R e_t < m_t
    arithmetic: str
    gd_separated: bool  # every GD margin certified > 0 at this t
    loss_bound: object | None  # LOSS-OSC's bound R e_t + e^{-gamma(m_t - R e_t)}/gamma, None where R e_t >= m_t
    loss_bound_text: str | None


def _le(ctx, a, b) -> bool | None:
    s = ctx.sign(b - a)
    return None if s is None else s >= 0


def deviation_at(ctx, ds: Dataset, gamma, bp: PerceptronRun, stop_at_mismatch: bool = False,
                 extend_to: int | None = None, stop_when_separated: bool = False,
                 limit: int | None = None) -> list[DeviationStep]:
    """delta_t for t = 1..T along a recorded BP trajectory (bp must have `trajectory`).

    extend_to: continue to t = extend_to past BP's last iterate. BP stops once it separates, so p_t = p_T there and
    delta_t = u_t - p_T still follows GD exactly. stop_when_separated: end at the first t where every GD margin is
    certified positive. Together they run GD itself through the deviation form, which decides a margin that is
    exactly 0 for BP (GD's is then (A delta_t)_i, about e^{-gamma m}, kept to full relative precision).
    """
    if not bp.trajectory:
        raise ValueError("the deviation engine needs a BP run with record=True")
    if extend_to is not None and not bp.separated:
        raise ValueError("the deviation engine can run past BP's trajectory only when BP separated")
    total = max(len(bp.trajectory), extend_to or 0)
    if limit is not None:  # the first `limit` steps only
        total = min(total, limit)
    g = ctx.num(Fraction(gamma))
    n = ds.n
    A = ctx.matrix(_signed_rows(ds))
    R = ctx.sqrt(ctx.num(ds.radius_squared()))
    delta = ctx.vector([0] * ds.d)  # delta_1 = 0 exactly: u_1 = p_1 (sigma(0) = 1/2)
    exact = ExactSigns(ds)  # GD's u_t has the structure the plain engine uses: its exact zeros are decided
    bound = ctx.num(0)
    bound_ok = True
    out = []
    for k in range(total):
        t = k + 1  # GD's step: u_t = p_t + delta_t
        step = bp.trajectory[min(k, len(bp.trajectory) - 1)]
        m = [ctx.num(q) for q in step.margins]
        z = [mi + x for mi, x in zip(m, A.mul(delta))]
        ball = [ctx.sign(zi) for zi in z]  # the formulas below need a ball's own sign (sigma_tail reads it)
        signs = exact.fill(ball, t)
        gd_wrong = None if None in signs else tuple(i for i, s in enumerate(signs) if s < 0)
        gap = ctx.norm(delta)
        min_m = min(abs(q) for q in step.margins)
        pl = sum((-q for q in step.margins if q < 0), Fraction(0)) / n
        loss_gap = abs(_loss_minus_perceptron_loss(ctx, g, z, ball, step.margins, A.mul(delta)) / n)
        loss_ok = loss_bound = None
        if ctx.sign(ctx.num(min_m) - R * gap) == 1:
            e = ctx.upper(gap)
            loss_bound = R * e + ctx.exp(-g * (ctx.num(min_m) - R * e)) / g
            loss_ok = _le(ctx, loss_gap, loss_bound)
        out.append(DeviationStep(
            t, gap, ctx.text(gap, 6), ctx.log10_upper(gap), ctx.log10_lower(gap), ctx.enclosure(gap),
            bound if bound_ok else None, ctx.text(bound, 6) if bound_ok else None,
            ctx.log10_upper(bound) if bound_ok else None, ctx.enclosure(bound) if bound_ok else None,
            _le(ctx, gap, bound) if bound_ok else None, min_m, gd_wrong,
            step.mistakes, pl, ctx.text(loss_gap, 6), ctx.log10_upper(loss_gap), loss_ok, ctx.describe(),
            all(s == 1 for s in signs), loss_bound, None if loss_bound is None else ctx.text(loss_bound, 6)))
        if t == total or (stop_at_mismatch and gd_wrong != step.mistakes) or (
                stop_when_separated and out[-1].gd_separated):
            break
        diffs = []
        for zi, _mi, s, q in zip(z, m, ball, step.margins):
            if s is not None and s != 0 and q != 0 and (s > 0) == (q > 0):
                # sigma(-gamma z) - 1[m<0] = +-sigma(-gamma|z|): no cancellation, full relative precision
                tail = ctx.sigma_tail(g * zi)
                diffs.append(tail if q > 0 else -tail)
            else:
                # signs disagree (small gamma) or a zero margin, which BP counts as a mistake
                diffs.append(ctx.sigma_neg(g * zi) - (1 if q <= 0 else 0))
        delta = [a + b / n for a, b in zip(delta, A.tmul(diffs))]
        # LIN-REDUCTION-RATE: B_{t+1} = B_t + R exp(-gamma (m_t - R B_t)), valid while R B_t < m_t
        if bound_ok and ctx.sign(ctx.num(min_m) - R * bound) == 1:
            bound = bound + R * ctx.exp(-g * (ctx.num(min_m) - R * bound))
        else:
            bound_ok = False
    return out


def _loss_minus_perceptron_loss(ctx, g, z, signs, margins, Ad) -> Any:  # the context's number
    """n (f(theta)/gamma - PL(p)), summed per sample without cancellation.

    softplus(-gamma z)/gamma - max(0, -m) is log1p(e^{-gamma|z|})/gamma when z and m are both > 0, and
    (m - z) + log1p(e^{-gamma|z|})/gamma = -(A delta)_i + ... when both are < 0; otherwise it is computed directly.
    """
    terms = []
    for zi, s, q, ad in zip(z, signs, margins, Ad):
        if s is not None and s != 0 and q != 0 and (s > 0) == (q > 0):
            tail = ctx.log1p(ctx.exp(-g * zi if s > 0 else g * zi)) / g
            terms.append(tail if q > 0 else tail - ad)
        else:
            terms.append(ctx.softplus_neg(g * zi) / g - ctx.num(max(Fraction(0), -q)))
    return ctx.fsum(terms)


def deviation_from_bp(ds: Dataset, gamma, bp: PerceptronRun, dps: int | None = None,
                      stop_at_mismatch: bool = False, arith: str | None = None, extend_to: int | None = None,
                      limit: int | None = None) -> list[DeviationStep]:
    """deviation_at, with more digits while a mistake set or the stopping comparison is undecided."""
    def attempt(ctx):
        steps = deviation_at(ctx, ds, gamma, bp, stop_at_mismatch, extend_to, limit=limit)
        if any(s.gd_mistakes is None for s in steps):
            raise Undecided("a GD margin's sign is undecided")
        return steps

    try:
        return escalate(attempt, arith, dps_for_gamma(gamma, dps))
    except Undecided:
        # at the cap: report the steps with their undecided signs rather than nothing
        with make_context(arith, MAX_DPS) as ctx:
            return deviation_at(ctx, ds, gamma, bp, stop_at_mismatch, extend_to, limit=limit)
