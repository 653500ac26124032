"""The computations behind `gdpc figures`: accuracy/loss curves, the smallest gamma that reproduces BP,
the reduction gap and the loss oscillation, and GD against GP for a two-layer ReLU network.

Arithmetic is part of every result: long LR+GD curves use the float64 context (not
certified; the iterate at which separation is reported is then checked exactly),
the reduction rows come from the deviation engine in Arb balls, the two-layer rows
from exact GP and Arb GD.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import numpy as np

from checker.analysis.linear_reduction import compare, safe_gamma_exponent
from checker.arith import make_context
from checker.data import digits
from checker.data.dataset import Dataset
from checker.engines import perceptron
from checker.engines.linear_gd import deviation_from_bp, gd_linear_at
from checker.engines.margin import certified_margin
from checker.engines.model_engines import gd, generalized_perceptron
from checker.models.numeric import build, initial_parameters


def kept_steps(T: int) -> set:
    """All t <= 200, then a geometric grid: long runs stay plottable and their CSVs small."""
    keep = set(range(min(T, 200) + 1))
    t = 200.0
    while t < T:
        t *= 1.05
        keep.add(min(T, int(t)))
    return keep


def separates_exactly(ds: Dataset, u) -> bool:
    """The float64 iterate's margins, computed exactly from its binary value."""
    th = [Fraction(float(v)) for v in u]
    return all(yi * sum(a * b for a, b in zip(row, th)) > 0 for row, yi in zip(ds.X, ds.y))


def lr_gd_curves(ds: Dataset, eta, T: int) -> dict:
    """LR+GD from 0 (the linear GD engine, float64 context): accuracy and loss at kept t; first exactly separating t."""
    keep = kept_steps(T)
    out: dict[str, Any] = {"t": [], "accuracy": [], "loss": [], "separated_at": None}

    def observe(step):
        if step.t in keep:
            out["t"].append(step.t)
            out["accuracy"].append(float(np.mean(np.asarray(step.margins) > 0)))
            out["loss"].append(float(step.loss))
        if step.t >= 1 and out["separated_at"] is None and all(s == 1 for s in step.signs) \
                and separates_exactly(ds, step.u):
            out["separated_at"] = step.t

    with make_context("float64") as ctx:
        gd_linear_at(ctx, ds, Fraction(eta), max_iter=T, record=False, stop_when_separated=False, observe=observe)
    return out


def bp_curve(ds: Dataset, T: int):
    run = perceptron.run(ds, "batch-perceptron", max_iter=T, record=True)
    acc = [float(np.mean([m > 0 for m in s.margins])) for s in run.trajectory]
    pl = [float(sum((max(Fraction(0), -m) for m in s.margins), Fraction(0)) / ds.n) for s in run.trajectory]
    return run, acc, pl


def smallest_gamma_exponent(ds: Dataset, bp, k_max: int = 300) -> dict:
    """Smallest k <= k_max such that LR+GD at every gamma = 10^j, j >= k, makes BP's mistake sets at every step.

    Each j from k up to the rate bound's safe exponent k* is compared with certified
    signs; beyond k* the bound itself guarantees agreement.
    """
    if bp.degenerate:
        return {"k": None, "note": f"BP has a margin exactly 0 at t = {bp.degenerate_steps}: "
                                   "no gamma reproduces BP's mistake sets there"}
    k_safe = min(safe_gamma_exponent(ds, bp), k_max)
    agree = {}
    k0 = None
    for k in range(k_safe, -1, -1):  # downward: the first failure ends the run of agreement
        c = compare(ds, bp, k, stop_at_mismatch=True)
        agree[k] = c.mistakes_agree
        if c.mistakes_agree is not True:
            break
        k0 = k
    return {"k": k0, "safe_exponent": k_safe, "checked": {str(k): v for k, v in sorted(agree.items())},
            "note": "" if k0 is not None else f"no agreement up to 10^{k_safe}"}


def reduction_rows(ds: Dataset, exponents) -> tuple[list, list]:
    """(gap rows, loss rows) from the deviation engine: log10 of ||theta_t/gamma - p_t||, its bound, f/gamma, PL."""
    bp = perceptron.run(ds, "batch-perceptron", record=True)
    gap_rows, loss_rows = [], []
    for k in exponents:
        for s in deviation_from_bp(ds, 10 ** k, bp):
            lb = s.bound_log10
            gap_rows.append({"gamma_exponent": k, "t": s.t,
                             "log10_gap": s.gap_log10 if s.gap_log10 > float("-inf") else None,
                             "log10_bound": lb if lb is not None and lb > float("-inf") else None})
            pl = float(s.perceptron_loss)
            loss_rows.append({"gamma_exponent": k, "t": s.t, "loss_over_gamma": pl + _signed(s), "perceptron_loss": pl})
    return gap_rows, loss_rows


def _signed(s) -> float:
    """f/gamma - PL as a float: the engine keeps |f/gamma - PL| (>= 0 here: softplus(x)/gamma >= max(0, x)/gamma)."""
    return 10 ** s.loss_gap_log10 if s.loss_gap_log10 > -300 else 0.0


TWO_LAYER_SEED = 2


def two_layer_rows(ds: Dataset, scales, horizon: int = 12) -> list:
    """Exact GP and Arb GD from s u_0 (step s^(2-L)) for a width-2 ReLU network: min margin and mistakes by t."""
    model = build("relu", ds.d, 2)
    L = model.degree
    assert L is not None  # ReLU is homogeneous (degree 2)
    # seed 2: GP separates mixed-small in 6 steps; from most seeds ReLU GP stalls (every misclassified sample
    # has its units dead), which the engine now reports instead of drawing a flat line
    u0 = initial_parameters(model, TWO_LAYER_SEED)
    gp = generalized_perceptron(model, ds, u0, 1, max_iter=horizon)
    # a margin exactly 0 counts as a mistake, as in BP
    rows = [{"run": "GP (exact)", "t": s.t, "min_margin": float(min(s.margins)), "mistakes": len(s.mistakes) + len(s.ties)}
            for s in gp.steps]
    with make_context(None, 60) as ctx:
        for sc in scales:
            sc = Fraction(sc)
            run = gd(model, ds, [sc * v for v in u0], sc ** (2 - L), len(gp.steps) - 1, dps=60,
                     stop_when_separated=False, need_mistakes=True)
            for st in run.steps:
                rows.append({"run": f"GD s={sc}", "t": st.t,
                             "min_margin": min(ctx.to_float(z) for z in st.margins) / float(sc) ** L,
                             "mistakes": len(st.mistakes) + sum(1 for z in st.margins if ctx.sign(z) == 0)})
    return rows


def smallest_margin_pair(candidates=None) -> tuple[tuple[int, int], list[dict]]:
    """The separable digits pair with the smallest certified margin (upper end of its enclosure), and every pair's."""
    candidates = candidates or [(a, b) for a in range(10) for b in range(a + 1, 10)]
    rows: list[dict[str, Any]] = []
    for a, b in candidates:
        cert = certified_margin(digits.pair(a, b))
        info = cert.to_json()
        rows.append({"pair": [a, b], "separable": cert.separable,
                     "margin_hi": float(info["margin_hi"]) if cert.separable else None})
    separable = [r for r in rows if r["separable"]]
    best = min(separable, key=lambda r: float(r["margin_hi"]))
    a, b = best["pair"]
    return (a, b), rows
