"""The figure of ACCEL beyond A_d: per family of `gdpc accel --family`, each method's exact count against d
(mean over the family's variants, their range shaded, log-log, slopes in the panel's title over the fit range), and
a last panel with the noisy family's advantage at its largest d against the noise level c (entries moved by about
c/sqrt(d)), so the level where the single unit stops being faster is read off. Drawing only: every number comes from
`checker.analysis.accel_families.study` (or its saved JSON)."""

from __future__ import annotations

from fractions import Fraction

FAMILY_KEYS = ("gram", "bp", "lr-gd-large", "su-q", "su-best", "diag-q")
MIN_SLOPE_POINTS = 3  # a slope in a title is fitted over at least this many values of d


def draw(plt, families: list[dict], styles: list) -> tuple:
    """ACCEL beyond A_d: per family, each method's count against d (mean over variants, range shaded), log-log;
    the last panel, the noisy family's advantage gram/su-q at its largest d against the noise level c.
    One legend for the count panels, below them; each panel's slopes are in its title, not in a legend over its data."""
    fig, axes = plt.subplots(2, 3, figsize=(13, 7.6))
    table = []
    for ax, study in zip(axes.flat, families):
        ds_ = study["d_values"]
        slopes = []
        for (ls, mk, col), key in zip(styles, FAMILY_KEYS):
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
        lo, hi = study["fit_range"]
        ax.set_title(study["family"] + (f" (slopes over $d$ = {lo}..{hi})\n" + ", ".join(shown) if shown else
                                        f"\nd = {', '.join(map(str, ds_))}: too few values for a slope"), fontsize=8)
        ax.set_xlabel("$d$")
        ax.set_ylabel("iterations to separate")
    handles, labels = axes.flat[0].get_legend_handles_labels()
    noisy = next((s for s in families if s["family"] == "noisy"), None)
    if noisy is not None and len(families) < axes.size:
        ax = axes.flat[len(families)]
        for key, col, mk in (("gram/su-q", "C0", "o"), ("bp/su-q", "C1", "s")):
            by_c: dict = {}
            for a in (a for a in noisy["advantage"] if a[key] is not None):
                by_c.setdefault(Fraction(a["variant"].split()[0][2:]), []).append(a[key])
            pts = [(c, sum(v) / len(v), min(v), max(v)) for c, v in sorted(by_c.items())]
            ax.plot([float(p[0]) for p in pts], [p[1] for p in pts], "-", marker=mk, color=col,
                    label=f"{key} (mean over seeds, range shaded)")
            ax.fill_between([float(p[0]) for p in pts], [p[2] for p in pts], [p[3] for p in pts], color=col,
                            alpha=0.15)
            table += [{"family": f"noisy c={p[0]}", "method": key, "d": noisy["d_values"][-1], "mean": p[1],
                       "min": p[2], "max": p[3]} for p in pts]
        ax.axhline(1, color="0.5", linestyle=":")
        ax.set_xscale("log", base=2)
        ax.set_yscale("log")
        ax.set_xlabel(r"noise level $c$ (entries moved by about $c/\sqrt{d}$)")
        ax.set_ylabel("advantage (> 1: single unit faster)")
        ax.set_title(f"noisy, d = {noisy['d_values'][-1]}: where the advantage ends", fontsize=8)
        ax.legend(fontsize=6)
    for ax in axes.flat[len(families) + (noisy is not None):]:
        ax.set_visible(False)
    fig.legend(handles, labels, loc="lower center", ncol=4, fontsize=7, frameon=False)
    fig.suptitle("ACCEL beyond $A_d$: exact counts against $d$ (mean over variants, range shaded)", fontsize=10)
    return fig, table


FAMILY_SHORT = {"gram": "lower", "bp": "BP", "lr-gd-large": "GD-large", "su-q": "SU-q", "su-best": "SU-best",
                "diag-q": "diag-q"}


def family_slope(study: dict, key: str, points: int) -> str:
    """A method's mean slope for its panel's title, only when fitted over MIN_SLOPE_POINTS values of d or more (two
    points fit any line: the quick run's d = 32, 64 gave a 'slope' that meant nothing); '' otherwise."""
    sl = study["slopes"].get(key) if points >= MIN_SLOPE_POINTS else None
    return f"{FAMILY_SHORT[key]} {sl['mean']:.2f}" if sl else ""
