"""GP-REDUCTION measured: GD from s u_0 against the Generalized Perceptron, scale by scale.

For an L-homogeneous model, GP is scale-equivariant (theta_0 = s u_0 gives
theta_t = s u_t), and GD from s u_0 with step gamma = eta s^{2-L} follows GP with
step eta as s -> oo. `compare` measures that at given scales: mistake sets,
max_t ||theta_t^GD / s - u_t^GP|| and the one-step bound
||GD step - GP step|| <= (gamma/n) sum_{z_i != 0} e^{-|z_i|} ||grad g_i||, all decided
by enclosures (no sign is read off a rounded number).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction

from checker.arith import Undecided, make_context
from checker.data.dataset import Dataset, fraction_str
from checker.engines.model_engines import ModelStep, gd_at, generalized_perceptron
from checker.engines.run import Run
from checker.models.numeric import Model

MAX_COMPARE_DPS = 1200


@dataclass
class ScaleRow:
    scale: Fraction
    dps: int | None
    mistakes_agree: bool | None
    max_deviation: dict | None  # max_t ||theta_t^GD / s - u_t^GP||, as {"mid", "rad"}
    max_deviation_log10: float | None
    one_step_bound: str  # "holds" | "undecided" | "violated" | "skipped"
    gd_iterations: int | None
    arithmetic: str = ""
    note: str = ""

    def to_json(self) -> dict:
        return {"s": fraction_str(self.scale), "dps": self.dps, "mistake_sets_agree": self.mistakes_agree,
                "max_deviation": self.max_deviation, "one_step_bound": self.one_step_bound,
                "gd_iterations": self.gd_iterations, "arithmetic": self.arithmetic, "note": self.note}


def default_horizon(degree: int) -> int:
    """GP steps compared by default: 30, or 8 for degree >= 3, whose exact iterates double in size every step."""
    return 30 if degree <= 2 else 8


def one_step_bound_at(ctx, model: Model, ds: Dataset, theta, gamma) -> str:
    """"holds" / "violated" (certified) or "undecided" for the one-step bound at theta (ball arithmetic)."""
    A = ctx.matrix(ds.X)
    fw = model.forward(ctx, A, theta)
    z = [v if yi > 0 else -v for v, yi in zip(fw.values, ds.y)]
    norms = model.grad_norms_sq(ctx, A, theta, fw)
    c, bound = [], ctx.num(0)
    for zi, yi, nsq in zip(z, ds.y, norms):
        s = ctx.sign_or_raise(zi)
        # with the GP weight w = 1[z<0] + 1/2 1[z=0]: sigma(-z) - w = +-sigma(-|z|) exactly (SIG-LIMIT)
        e = ctx.num(0) if s == 0 else (ctx.sigma_tail(zi) if s > 0 else -ctx.sigma_tail(zi))
        c.append(e * yi)
        if s != 0:
            bound = bound + ctx.exp(-zi if s > 0 else zi) * ctx.sqrt(nsq)
    diff = model.combine(ctx, A, theta, fw, c)
    g = ctx.num(Fraction(gamma)) / ds.n
    verdict = ctx.sign(g * bound - g * ctx.norm(diff))
    return {1: "holds", 0: "holds", -1: "violated", None: "undecided"}[verdict]


def one_step_bound(model: Model, ds: Dataset, theta, gamma, arith: str | None = None, dps: int = 40) -> str:
    with make_context(arith, dps) as ctx:
        try:
            return one_step_bound_at(ctx, model, ds, [ctx.num(v) for v in theta], gamma)
        except Undecided:
            return "undecided"


def compare(model: Model, ds: Dataset, degree: int, u0, eta, scales, horizon: int | None = None,
            arith: str | None = None) -> tuple[Run, list[ScaleRow]]:
    """GP in u-coordinates (step eta) against GD from s u0 with step eta s^(2-L), for each scale s."""
    gp = generalized_perceptron(model, ds, u0, eta, max_iter=horizon or default_horizon(degree))
    T = len(gp.steps) - 1
    nonzero = [abs(Fraction(z)) for st in gp.steps for z in st.margins if z != 0]
    m_star = min(nonzero) if nonzero else Fraction(1)
    rows = []
    for s in scales:
        s = Fraction(s)
        if gp.degenerate:
            rows.append(ScaleRow(s, None, None, None, None, "skipped", None, note=(
                "GP trajectory has an exact tie or kink: GD's limit there is not GP's")))
            continue
        need = 30 + math.ceil(0.4343 * float(s) ** degree * float(m_star)) + math.ceil(math.log10(float(s) + 1))
        if need > MAX_COMPARE_DPS:
            rows.append(ScaleRow(s, need, None, None, None, "skipped", None,
                                 note=f"resolving e^(-s^L m*) needs {need} digits (cap {MAX_COMPARE_DPS})"))
            continue
        rows.append(_compare_at_scale(model, ds, gp.steps, u0, Fraction(eta) * s ** (2 - degree), s, T, need, arith))
    return gp, rows


def _compare_at_scale(model, ds, gp_steps: list[ModelStep], u0, gamma, s, T, dps, arith) -> ScaleRow:
    with make_context(arith, dps) as ctx:
        try:
            gd = gd_at(ctx, model, ds, [s * v for v in u0], gamma, T, stop_when_separated=False, need_mistakes=True)
        except Undecided as exc:
            return ScaleRow(s, dps, None, None, None, "undecided", None, ctx.describe(), str(exc))
        agree, bound, devs = True, "holds", []
        for st, gp_st in zip(gd.steps, gp_steps):
            agree &= st.mistakes == gp_st.mistakes
            devs.append(ctx.norm([th / ctx.num(s) - ctx.num(ui) for th, ui in zip(st.theta, gp_st.theta)]))
            try:
                verdict = one_step_bound_at(ctx, model, ds, st.theta, gamma)
            except Undecided:
                verdict = "undecided"
            if verdict == "violated" or (verdict == "undecided" and bound == "holds"):
                bound = verdict
        first = next((st.t for st in gd.steps if all(ctx.sign(z) == 1 for z in st.margins)), None)
        dev = max(devs, key=ctx.log10_upper)  # the largest deviation, by the upper end of its enclosure
        return ScaleRow(s, dps, agree, ctx.enclosure(dev), ctx.log10_upper(dev), bound, first, ctx.describe())
