"""`gdpc figures`: the pictures of large-step GD against the perceptron, their CSV data and a LaTeX report.

Figures (PNG and PDF; a colour-blind-safe palette, and a line style and marker per curve so that they read in
grayscale too; mathtext labels):
1. misclassified samples and logistic loss against t for LR+GD at seven step sizes and for BP, per data set
   (mistake counts: accuracy saturates at 1 and hides the last mistakes);
2. the reduction gap ||theta_t/gamma - p_t|| against t with LIN-REDUCTION-RATE's bound: on a log axis where
   the gap is a float64 number (gamma <= 10^2), and as digits of agreement -log10(gap), also on a log axis, for
   gamma = 10^0..10^6 (the gap reaches 10^(-10^5): no float axis holds it);
3. the loss oscillation f(theta_t)/gamma beside the perceptron loss of p_t (LOSS-OSC);
4. a two-layer ReLU network: min-margin of GD from s u_0 (divided by s^2) beside exact GP, for several s.
Arithmetic is stated in every caption: curves of figure 1 are float64 (separation
iterates are then checked exactly); figures 2-3 come from the deviation engine in
Arb balls; figure 4 is exact GP and GD in Arb balls. This module only draws: the
numbers come from `checker.analysis.studies` and `accel_table`.
"""

from __future__ import annotations

import csv
import os
import sys
from dataclasses import dataclass, field

import numpy as np

from checker.analysis import accel_families
from checker.analysis import accel_table as T
from checker.analysis.studies import (
    bp_curve,
    lr_gd_curves,
    reduction_rows,
    smallest_gamma_exponent,
    smallest_margin_pair,
    two_layer_rows,
)
from checker.data import digits
from checker.data import named as named_datasets
from checker.engines import perceptron
from checker.latex_escape import latex_text

EXTRAS = ("matplotlib", "tqdm", "sklearn")  # the optional `figures` extra, imported when figures are built

# up to 10^4: on the digits GD's mistake sets are BP's only from gamma = 10^3 (smallest_gamma), so the figure shows
# the step sizes on both sides of that
STEP_SIZES = (0.01, 0.1, 1, 10, 100, 1000, 10000)
GAP_FLOOR = -10  # the left panel of reduction_gap: the gamma whose gap stays above 10^-10 (others squash its axis)
# Okabe-Ito colours (distinguishable with colour-vision deficiencies), each with its own line style and marker
PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000"]
STYLES = [(ls, mk, col) for (ls, mk), col in zip(
    [("-", "o"), ("--", "s"), ("-.", "^"), (":", "v"), ("-", "D"), ("--", "x"), ("-.", "*")], PALETTE)]


@dataclass
class FigureSet:
    out: str
    files: list = field(default_factory=list)  # every file written
    separation: list = field(default_factory=list)  # per data set: iterations per step size, BP's, smallest gamma
    digits_margins: list = field(default_factory=list)
    hard_pair: tuple = ()
    families: list = field(default_factory=list)  # accel_families.study per family

    def to_json(self) -> dict:
        return {"out": self.out, "files": self.files, "separation": self.separation, "hard_pair": list(self.hard_pair),
                "digits_margins": self.digits_margins,
                "accel_families": [{k: f[k] for k in ("family", "d_values", "slopes")} for f in self.families]}


def _progress(total: int, quiet: bool):
    from tqdm import tqdm  # noqa: PLC0415  (optional extra)

    return tqdm(total=total, disable=quiet or not sys.stderr.isatty(), desc="gdpc figures", unit="part")


# -- drawing ----------------------------------------------------------------------------
def _save(fig, out, name, files):
    for ext in ("png", "pdf"):
        path = os.path.join(out, f"{name}.{ext}")
        fig.savefig(path, dpi=130 if ext == "png" else None)
        files.append(path)


def _finish(plt, fig, res, name, rows, rect=(0, 0, 1, 1)):
    """Lay out (inside `rect`, leaving room for a figure legend), write the PNG, PDF and CSV of one figure, free it."""
    fig.tight_layout(rect=rect)
    _save(fig, res.out, name, res.files)
    plt.close(fig)
    _csv(res.out, name, rows, res.files)


def _csv(out, name, rows, files):
    path = os.path.join(out, f"{name}.csv")
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    files.append(path)


def build(out: str, quick: bool = False, quiet: bool = False, iterations: int | None = None) -> FigureSet:
    import matplotlib  # noqa: PLC0415  (optional extra)

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt  # noqa: PLC0415

    os.makedirs(out, exist_ok=True)
    res = FigureSet(out)
    T = iterations or (60 if quick else 100_000)
    shortlist = [(1, 8), (8, 9), (3, 5)] if quick else None
    exponents = [0, 1, 2, 3] if quick else [0, 1, 2, 3, 4, 5, 6]
    datasets = []
    with _progress(1 + 4 + len(exponents) + 4, quiet) as bar:  # pair search, 4 data sets, gammas, 3 figures
        res.hard_pair, res.digits_margins = smallest_margin_pair(shortlist)
        datasets = [digits.pair(0, 1), digits.pair(*res.hard_pair), named_datasets.bp_lower(21),
                    named_datasets.random_integer_separable(40, 5, seed=1)]
        bar.update(1)
        for ds in datasets:
            _accuracy_figure(plt, ds, T, res, quick)
            bar.update(1)
        small = named_datasets.mixed_small()  # BP's perceptron loss oscillates here (0.08, 0.12, 0.10, 0.01, 0.14, ...)
        gap_rows, loss_rows = reduction_rows(small, exponents)
        bar.update(len(exponents))
        _reduction_figure(plt, gap_rows, exponents, res)
        _loss_figure(plt, loss_rows, res)
        bar.update(1)
        two = two_layer_rows(named_datasets.mixed_small(), [1, 3, 10], horizon=8 if quick else 12)
        _two_layer_figure(plt, two, res)
        bar.update(1)
        _accel_figure(plt, res, 2 ** 14 if quick else 2 ** 16)
        bar.update(1)
        res.families = [accel_families.study(f, 64 if quick else None) for f in accel_families.FAMILIES]
        _family_figure(plt, res)
        bar.update(1)
    tex = os.path.join(out, "figures.tex")
    with open(tex, "w", encoding="utf-8") as fh:
        fh.write(report_tex(res, T))
    res.files.append(tex)
    return res


def _accuracy_figure(plt, ds, T, res, quick):
    rows, sep = [], {}
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(10, 4.4))
    for (ls, mk, col), eta in zip(STYLES, STEP_SIZES):
        c = lr_gd_curves(ds, eta, T)
        sep[str(eta)] = c["separated_at"]
        ts = np.array(c["t"])
        every = max(1, len(ts) // 8)
        wrong = [round((1 - a) * ds.n) for a in c["accuracy"]]
        ax1.plot(ts + 1, wrong, ls, marker=mk, markevery=every, color=col, label=f"LR+GD, $\\gamma = {eta}$")
        ax2.plot(ts + 1, c["loss"], ls, marker=mk, markevery=every, color=col, label=f"LR+GD, $\\gamma = {eta}$")
        rows += [{"algorithm": f"lr-gd gamma={eta}", "t": int(t), "mistakes": m, "accuracy": a, "loss": lo}
                 for t, m, a, lo in zip(ts, wrong, c["accuracy"], c["loss"])]
    run, acc, pl = bp_curve(ds, T)
    bp_wrong = [round((1 - a) * ds.n) for a in acc]
    ax1.plot(np.arange(1, len(acc) + 1) + 1, bp_wrong, "-", color="0.5", linewidth=3, alpha=0.8,
             label="Batch Perceptron")
    rows += [{"algorithm": "batch-perceptron", "t": t + 1, "mistakes": m, "accuracy": a, "loss": p}
             for t, (m, a, p) in enumerate(zip(bp_wrong, acc, pl))]
    for ax, what in ((ax1, "misclassified samples (margin $\\leq 0$)"), (ax2, r"mean logistic loss $f(\theta_t)$")):
        ax.set_xscale("log")
        ax.set_xlabel("iteration $t + 1$")
        ax.set_ylabel(what)
    ax1.set_yscale("symlog", linthresh=1)
    ax1.set_ylim(bottom=0)
    ax1.yaxis.set_major_formatter(plt.matplotlib.ticker.ScalarFormatter())  # counts as 0, 1, 10, not 10^0
    ax2.set_yscale("log")
    handles, labels = ax1.get_legend_handles_labels()  # one legend, below both panels: it covers no curve
    fig.legend(handles, labels, loc="lower center", ncol=4, fontsize=7, frameon=False)
    fig.suptitle(f"{ds.name} ($n = {ds.n}$, $d = {ds.d}$): LR+GD at {len(STEP_SIZES)} step sizes $\\gamma$ "
                 "and the Batch Perceptron")
    _finish(plt, fig, res, f"accuracy_{ds.name}", rows, rect=(0, 0.12, 1, 1))
    entry = {"data": ds.name, "n": ds.n, "d": ds.d, "lr_gd_separated_at": sep,
             "bp_iterations": run.iterations, "bp_degenerate": run.degenerate, "T": T}
    if ds.name.startswith("digits") or ds.name.startswith("bp-lower"):
        full = run if run.separated else perceptron.run(ds, "batch-perceptron", record=True)
        if quick and full.iterations and full.iterations > 20:
            entry["smallest_gamma"] = {"k": None, "note": "not computed with --quick"}
        else:
            entry["smallest_gamma"] = smallest_gamma_exponent(ds, full, k_max=300)
    res.separation.append(entry)


def _reduction_figure(plt, rows, exponents, res):
    """Left: the gap itself, for the gamma whose gap stays above 10^GAP_FLOOR (a larger gamma's gap, 10^-256 at
    10^2, would squash the others against the top); right: its digits, -log10 gap, for every gamma, on a log axis.
    One legend for both panels, below them, so that it covers no curve."""
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(11, 4.6))
    floor = GAP_FLOOR
    for (_ls, mk, col), k in zip(STYLES, exponents):
        mine = [r for r in rows if r["gamma_exponent"] == k]
        gap = [(r["t"], r["log10_gap"]) for r in mine if r["log10_gap"] is not None]
        bnd = [(r["t"], r["log10_bound"]) for r in mine if r["log10_bound"] is not None]
        if gap and min(v for _, v in gap) > floor:
            ax1.plot([t for t, _ in gap], [10.0 ** v for _, v in gap], "-", marker=mk, color=col,
                     label=f"$\\gamma = 10^{{{k}}}$")
            if bnd and min(v for _, v in bnd) > floor:
                ax1.plot([t for t, _ in bnd], [10.0 ** v for _, v in bnd], ":", marker=mk, color=col, fillstyle="none")
        pos = [(t, -v) for t, v in gap if v < 0]  # digits of agreement; a gap >= 1 has none
        if pos:
            ax2.plot(*zip(*pos), "-", marker=mk, color=col, label=f"$\\gamma = 10^{{{k}}}$")
        bpos = [(t, -v) for t, v in bnd if v < 0]
        if bpos:
            ax2.plot(*zip(*bpos), ":", marker=mk, color=col, fillstyle="none")
    for ax in (ax1, ax2):
        ax.set_yscale("log")
        ax.set_xlabel("iteration $t$")
    ax2.plot([], [], "k-", label=r"gap $\|\theta_t/\gamma - p_t\|$")
    ax2.plot([], [], "k:", label=r"bound $B_t$ (LIN-REDUCTION-RATE)")
    handles, labels = ax2.get_legend_handles_labels()
    fig.legend(handles, labels, loc="lower center", ncol=min(len(labels), 5), fontsize=7, frameon=False)
    ax1.set_ylim(top=10)  # at small gamma the bound stops applying (R B_t >= m_t) and grows without meaning
    ax1.set_ylabel(r"$\|\theta_t/\gamma - p_t\|$")
    ax1.set_title(f"the gap, for the $\\gamma$ where it stays above $10^{{{GAP_FLOOR}}}$")
    ax2.set_ylabel(r"$-\log_{10}\|\theta_t/\gamma - p_t\|$ (digits of agreement)")
    ax2.set_title(r"its digits, for every $\gamma$ (gap $\approx 10^{-\mathrm{digits}}$)")
    fig.suptitle(r"mixed-small: LR+GD's $\theta_t/\gamma$ against BP's $p_t$ (Arb balls, deviation engine)")
    _finish(plt, fig, res, "reduction_gap", rows, rect=(0, 0.12, 1, 1))


def _loss_figure(plt, rows, res):
    fig, ax = plt.subplots(figsize=(6.5, 4))
    ks = sorted({r["gamma_exponent"] for r in rows if r["gamma_exponent"] >= 1})[:3]
    for (ls, mk, col), k in zip(STYLES, ks):
        pts = [(r["t"], r["loss_over_gamma"]) for r in rows if r["gamma_exponent"] == k]
        ax.plot(*zip(*pts), ls, marker=mk, color=col, label=f"$f(\\theta_t)/\\gamma$, $\\gamma=10^{{{k}}}$")
    pl = [(r["t"], r["perceptron_loss"]) for r in rows if r["gamma_exponent"] == ks[0]]
    ax.plot(*zip(*pl), "-", color="0.65", linewidth=4, alpha=0.7, label="perceptron loss of $p_t$")
    ax.set_xlabel("iteration $t$")
    ax.set_ylabel("loss")
    ax.set_title(r"LOSS-OSC on mixed-small: $f(\theta_t)/\gamma$ against the perceptron loss of $p_t$")
    ax.legend(fontsize=7)
    _finish(plt, fig, res, "loss_oscillation", rows)


def _two_layer_figure(plt, rows, res):
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(10, 3.8))
    runs = list(dict.fromkeys(r["run"] for r in rows))
    for (ls, mk, col), run in zip(STYLES, runs):
        gp = run.startswith("GP")
        kw = dict(color="0.1" if gp else col, linewidth=3 if gp else 1.2, label=run)
        ax1.plot([r["t"] for r in rows if r["run"] == run], [r["min_margin"] for r in rows if r["run"] == run],
                 ls, marker=mk, **kw)
        ax2.plot([r["t"] for r in rows if r["run"] == run], [r["mistakes"] for r in rows if r["run"] == run],
                 ls, marker=mk, **kw)
    ax1.set_yscale("symlog", linthresh=1e-3)
    ax1.set_ylabel(r"$\min_i z_i$ (GD: divided by $s^2$; symmetric log axis)")
    ax2.set_ylabel(r"misclassified samples (margin $\leq 0$)")
    for ax in (ax1, ax2):
        ax.set_xlabel("iteration $t$")
    ax2.legend(fontsize=7)
    fig.suptitle(r"ReLU, width 2, on mixed-small: GD from $s\,u_0$ (step 1) against exact GP")
    _finish(plt, fig, res, "two_layer", rows)


def _accel_figure(plt, res, d_max):
    """ACCEL: iteration counts against d on A_d, log-log, from the exact/certified reduced dynamics."""
    keys = ("bp", "lr-gd-100", "perceptron", "su-gp-1", "su-gp-q", "diag-gp-q")
    rows = T.build_rows(T.dims(16, d_max), keys=keys)
    fig, ax = plt.subplots(figsize=(6.5, 4.2))
    label = {col.key: col.label for col in T.COLUMNS}
    for (ls, mk, col), key in zip(STYLES, keys):
        ax.plot([r.d for r in rows], [r.counts[key].iterations for r in rows], ls, marker=mk, color=col,
                linewidth=2.5 if key.startswith("su-gp-q") else 1.2, label=_mathtext(label[key]))
    ds_ = [r.d for r in rows]
    ax.plot(ds_, [2.5 * d ** 0.5 for d in ds_], ":", color="0.6", label=r"$2.5\sqrt{d}$")
    ax.plot(ds_, [d / 4 for d in ds_], "--", color="0.75", label=r"$d/4$ (the linear lower bound)")
    ax.set_xscale("log", base=2)
    ax.set_yscale("log")
    ax.set_xlabel("$d$")
    ax.set_ylabel("iterations to separate")
    ax.set_title(r"ACCEL on $A_d$: iterations against $d$ (log-log)")
    ax.legend(fontsize=7)
    table = [{"d": r.d, **{k: r.counts[k].iterations for k in keys}} for r in rows]
    _finish(plt, fig, res, "accel_counts", table)


FAMILY_KEYS = ("gram", "bp", "lr-gd-100", "su-q", "su-best", "diag-q")
MIN_SLOPE_POINTS = 3  # a slope in a legend is fitted over at least this many values of d


def _family_figure(plt, res):
    """ACCEL beyond A_d: per family, each method's count against d (mean over variants, range shaded), log-log.
    One legend for the four panels, below them; each panel's slopes are in its title, not in a legend over its data."""
    fig, axes = plt.subplots(2, 2, figsize=(9, 7.4))
    table = []
    for ax, study in zip(axes.flat, res.families):
        ds_ = study["d_values"]
        slopes = []
        for (ls, mk, col), key in zip(STYLES, FAMILY_KEYS):
            per_d = [[r[key] for r in study["rows"] if r["d"] == d and isinstance(r.get(key), int)] for d in ds_]
            pts = [(d, sum(v) / len(v), min(v), max(v)) for d, v in zip(ds_, per_d) if v]
            if not pts:
                continue
            ax.plot([p[0] for p in pts], [p[1] for p in pts], ls, marker=mk, color=col, label=study["methods"][key])
            slopes.append(family_slope(study, key, len(pts)))
            ax.fill_between([p[0] for p in pts], [p[2] for p in pts], [p[3] for p in pts], color=col, alpha=0.15)
            table += [{"family": study["family"], "method": key, "d": p[0], "mean": p[1], "min": p[2], "max": p[3]}
                      for p in pts]
        ax.plot(ds_, [d ** 0.5 for d in ds_], ":", color="0.6", label=r"$\sqrt{d}$")
        ax.set_xscale("log", base=2)
        ax.set_yscale("log")
        shown = [s for s in slopes if s]
        ax.set_title(study["family"] + ("\nslopes: " + ", ".join(shown) if shown else
                                        f"\nd = {', '.join(map(str, ds_))}: too few values for a slope"), fontsize=8)
        ax.set_xlabel("$d$")
        ax.set_ylabel("iterations to separate")
    handles, labels = axes.flat[0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="lower center", ncol=3, fontsize=7, frameon=False)
    fig.suptitle("ACCEL beyond $A_d$: exact counts against $d$ (mean over variants, range shaded)", fontsize=10)
    _finish(plt, fig, res, "accel_families", table, rect=(0, 0.1, 1, 1))


FAMILY_SHORT = {"gram": "lower", "bp": "BP", "lr-gd-100": "GD100", "su-q": "SU-q", "su-best": "SU-best",
                "diag-q": "diag-q"}


def family_slope(study: dict, key: str, points: int) -> str:
    """A method's mean slope for its panel's title, only when fitted over MIN_SLOPE_POINTS values of d or more (two
    points fit any line: the quick run's d = 32, 64 gave a 'slope' that meant nothing); '' otherwise."""
    sl = study["slopes"].get(key) if points >= MIN_SLOPE_POINTS else None
    return f"{FAMILY_SHORT[key]} {sl['mean']:.2f}" if sl else ""


def _mathtext(label: str) -> str:
    """Column labels as mathtext: gamma=d^(1/4) and gamma=100 set as maths."""
    return (label.replace("gamma=d^(1/4)", r"$\gamma = d^{1/4}$").replace("gamma=1", r"$\gamma = 1$")
            .replace("gamma=100", r"$\gamma = 100$").replace("alpha=", r"$\alpha = $"))


# -- report ----------------------------------------------------------------------------
def report_tex(res: FigureSet, T: int) -> str:
    def fig(name, caption):
        return (f"\\begin{{figure}}[ht]\\centering\\includegraphics[width=\\linewidth]{{{name}.pdf}}"
                f"\\caption{{{caption}}}\\end{{figure}}\n")

    parts = [r"""\documentclass[11pt]{article}
\usepackage[margin=2cm]{geometry}
\usepackage{graphicx,amsmath}
\begin{document}
\section*{gdpc figures}
"""]
    a, b = res.hard_pair
    parts.append(f"Data: scikit-learn's handwritten digits, 0 vs 1 (easy) and {a} vs {b}, the separable pair with "
                 "the smallest certified margin among the pairs examined; features are pixels/16, exact. Also "
                 "BP-LOWER(21) and 40 generated integer points in 5-d.\n\n")
    # scaled to the text width: long data names and seven columns ran off the page
    parts.append("\\noindent\\resizebox{\\textwidth}{!}{\\begin{tabular}{l" + "r" * (len(STEP_SIZES) + 2) + "}\n data & " +
                 " & ".join(f"$\\gamma={e}$" for e in STEP_SIZES) + " & BP & smallest $\\gamma$ \\\\ \\hline\n")
    for e in res.separation:
        sg = e.get("smallest_gamma")
        g = ("-" if sg is None else f"$10^{{{sg['k']}}}$" if sg.get("k") is not None else latex_text(sg["note"][:40]))
        cells = [str(e["lr_gd_separated_at"][str(s)]) if e["lr_gd_separated_at"][str(s)] else f"$>{T}$"
                 for s in STEP_SIZES]
        parts.append(f"{latex_text(e['data'])} & " + " & ".join(cells) + f" & {e['bp_iterations'] if e['bp_iterations'] is not None else '$>' + str(T) + '$'} & {g} \\\\\n")
    parts.append("\\end{tabular}}\n\n\\noindent Iterations until LR+GD separates (float64 trajectory; the iterate "
                 "at that step is checked exactly), BP's count (exact), and the smallest $\\gamma = 10^k$ from which "
                 "LR+GD's whole mistake-set sequence equals BP's (every $k$ up to the rate bound's safe exponent "
                 "compared with certified signs in Arb ball arithmetic).\n")
    for e in res.separation:
        name = f"accuracy_{e['data']}"
        parts.append(fig(name, f"{latex_text(e['data'])}: misclassified samples (a margin $\\leq 0$ counts) and "
                                "mean logistic loss against $t$ for LR+GD at seven step sizes $\\gamma$ (float64) and the "
                                "Batch Perceptron (exact)."))
    parts.append(fig("reduction_gap", r"$\|\theta_t/\gamma - p_t\|$ on mixed-small (7 points in 3-d), solid, and the "
                     r"LIN-REDUCTION-RATE bound $B_t$, dotted, from the deviation engine in Arb ball arithmetic. "
                     r"Left: the gap on a log axis for the $\gamma$ where it is a float64 number. Right: its digits "
                     r"of agreement $-\log_{10}\|\theta_t/\gamma - p_t\|$ for $\gamma = 10^0, \dots, 10^k$, on a "
                     r"log axis (the gap itself reaches $10^{-10^5}$)."))
    parts.append(fig("loss_oscillation", r"$f(\theta_t)/\gamma$ against the perceptron loss of $p_t$ (LOSS-OSC) "
                     r"on mixed-small, whose BP perceptron loss goes up and down; Arb balls."))
    parts.append(fig("two_layer", r"Two-layer ReLU: $\min_i z_i$ and the number of misclassified samples, for exact "
                     r"GP and for GD from $s u_0$ (Arb balls, 60 digits; margins divided by $s^2$), $s = 1, 3, 10$."))
    parts.append(fig("accel_counts", r"ACCEL on $A_d$: exact iteration counts against $d$ (log-log) for BP, LR+GD "
                     r"($\gamma = 100$, Arb balls), the classical Perceptron, the single unit's GP at "
                     r"$\gamma = 1$ and $\gamma = d^{1/4}$, and the diagonal network's GP at $\gamma = d^{1/4}$."))
    parts.append(fig("accel_families", r"ACCEL beyond $A_d$ (\texttt{gdpc accel --family F}): the Gram-matrix lower "
                     r"bound for every linear method, BP, the single unit's GP at $\gamma = d^{1/4}$ and at the best "
                     r"$\gamma \in \{1, 4, d^{1/4}\}$, and the diagonal network's GP, on $A_d$ with $k$ rare "
                     r"positives, noisy $A_d$, rotated $A_d$ and digit pairs at three resolutions; slopes in the "
                     r"legends."))
    parts.append("\\end{document}\n")
    return "".join(parts)


def summary(res: FigureSet, out: str) -> str:
    """The lines `gdpc figures` prints."""
    a, b = res.hard_pair
    lines = [f"hard digits pair: {a} vs {b} (smallest certified margin among the pairs examined)"]
    for e in res.separation:
        sep = ", ".join(f"gamma={k}: {v if v else '>' + str(e['T'])}" for k, v in e["lr_gd_separated_at"].items())
        sg = e.get("smallest_gamma")
        g = "" if sg is None else (f"; LR+GD = BP from gamma = 10^{sg['k']}" if sg.get("k") is not None
                                   else f"; {sg['note']}")
        bp = e["bp_iterations"] if e["bp_iterations"] is not None else f"not separated within {e['T']}"
        lines.append(f"{e['data']}: LR+GD separates at {sep}; BP {bp}{g}")
    lines.append(f"wrote {len(res.files)} files to {out} (figures.tex, PNG + PDF + CSV per figure)")
    return "\n".join(lines)
