"""`gdpc figures` on a reduced setting: every figure, its CSV, a LaTeX report that compiles, PDFs that open."""

import csv
import json
import os
import shutil
import subprocess

import pytest

pytest.importorskip("matplotlib")
pytest.importorskip("sklearn")

from checker.analysis.studies import reduction_rows, smallest_gamma_exponent, two_layer_rows
from checker.cli import main
from checker.data import digits, named
from checker.data.accel_family import accel_dataset
from checker.engines import perceptron
from checker.report import figures as F

FIGURES = ["accuracy_digits-0-vs-1", "accuracy_bp-lower-21", "accuracy_random-40x5-seed1", "reduction_gap",
           "loss_oscillation", "two_layer", "accel_counts"]


def test_digits_are_exact_and_scaled_to_the_unit_interval():
    ds = digits.pair(0, 1)
    assert ds.n == 360 and ds.d == 64
    values = {v for row in ds.X for v in row}
    assert min(values) == 0 and max(values) == 1 and all(v.denominator in (1, 2, 4, 8, 16) for v in values)


@pytest.mark.slow  # the whole quick run; each figure's data is tested in the default tier below
def test_figures_quick_writes_everything_and_the_report_compiles(tmp_path, capsys):
    out = tmp_path / "figs"
    assert main(["figures", "--out", str(out), "--quick", "--json"]) == 0
    res = json.loads(capsys.readouterr().out)
    hard = "accuracy_digits-{}-vs-{}".format(*res["hard_pair"])
    for name in FIGURES + [hard]:
        for ext in ("png", "pdf", "csv"):
            path = out / f"{name}.{ext}"
            assert path.exists() and path.stat().st_size > (100 if ext == "csv" else 500), path
        assert (out / f"{name}.pdf").read_bytes()[:5] == b"%PDF-"
        with open(out / f"{name}.csv") as fh:
            assert len(list(csv.DictReader(fh))) >= 3
    if shutil.which("pdfinfo"):
        assert subprocess.run(["pdfinfo", str(out / "two_layer.pdf")], capture_output=True).returncode == 0
    by = {e["data"]: e for e in res["separation"]}
    easy = by["digits-0-vs-1"]
    assert easy["bp_iterations"] == 4 and easy["lr_gd_separated_at"]["1"] is not None
    assert easy["smallest_gamma"]["k"] == 3  # 10^2 still differs from BP somewhere; 10^3..10^4 agree
    assert by["bp-lower-21"]["smallest_gamma"]["k"] is not None
    if shutil.which("pdflatex"):
        proc = subprocess.run(["pdflatex", "-interaction=nonstopmode", "-halt-on-error", "figures.tex"],
                              cwd=out, capture_output=True, text=True, timeout=180)
        assert proc.returncode == 0, proc.stdout[-2000:]
        assert os.path.getsize(out / "figures.pdf") > 10_000


# -- each figure's data, on small inputs (the whole quick run is the slow test above) -----------------------------
@pytest.fixture
def drawn(tmp_path):
    """A FigureSet writing into tmp_path, and a reader of the CSV a figure wrote there."""
    import matplotlib  # noqa: PLC0415  (the figures extra, skipped above when absent)

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt  # noqa: PLC0415

    res = F.FigureSet(str(tmp_path))

    def rows(name):
        with open(tmp_path / f"{name}.csv", encoding="utf-8") as fh:
            return list(csv.DictReader(fh))

    return plt, res, rows


def test_accuracy_figure_data_is_the_exact_bp_and_reaches_the_step_size_where_gd_is_bp(drawn):
    plt, res, rows = drawn
    ds = named.bp_lower(21)
    F._accuracy_figure(plt, ds, 60, res, quick=True)
    (entry,) = res.separation
    exact = perceptron.batch_perceptron(ds, record=True)
    assert entry["bp_iterations"] == exact.iterations == 7
    bp_rows = [r for r in rows("accuracy_bp-lower-21") if r["algorithm"] == "batch-perceptron"]
    assert [int(r["mistakes"]) for r in bp_rows] == [len(s.mistakes) for s in exact.trajectory]
    # the figure's step sizes reach past the smallest gamma from which GD's mistake sets are BP's ...
    k = entry["smallest_gamma"]["k"]
    assert k == 2 and max(F.STEP_SIZES) >= 10 ** k
    # ... and from there LR+GD separates exactly when BP does
    assert all(entry["lr_gd_separated_at"][str(g)] == 7 for g in F.STEP_SIZES if g >= 10 ** k)
    assert set(entry["lr_gd_separated_at"]) == {str(g) for g in F.STEP_SIZES}


def test_digits_need_a_step_size_of_a_thousand_which_the_figure_shows():
    ds = digits.pair(0, 1)
    sg = smallest_gamma_exponent(ds, perceptron.batch_perceptron(ds, record=True), k_max=300)
    assert sg["k"] == 3 and 10 ** sg["k"] in F.STEP_SIZES and max(F.STEP_SIZES) > 10 ** sg["k"]


def test_reduction_gap_figure_data_keeps_the_rate_bound_and_its_left_panel_only_the_readable_gammas(drawn):
    plt, res, rows = drawn
    gap_rows, _ = reduction_rows(named.mixed_small(), [0, 1, 2, 3])
    F._reduction_figure(plt, gap_rows, [0, 1, 2, 3], res)
    got = rows("reduction_gap")
    assert len(got) == len(gap_rows) and {r["gamma_exponent"] for r in got} == {"0", "1", "2", "3"}
    assert all(r["log10_gap"] == "" for r in got if r["t"] == "1")  # u_1 = p_1 exactly: no gap to draw
    for r in got:  # the gap never exceeds LIN-REDUCTION-RATE's bound where the bound applies
        if r["log10_gap"] and r["log10_bound"]:
            assert float(r["log10_gap"]) <= float(r["log10_bound"]), r
    lowest = {k: min(r["log10_gap"] for r in gap_rows if r["gamma_exponent"] == k and r["log10_gap"] is not None)
              for k in range(4)}
    left = [k for k in range(4) if lowest[k] > F.GAP_FLOOR]
    assert left == [0, 1] and lowest[3] < -200  # gamma = 1, 10 on the gap's own axis; 10^3 only as digits


def test_loss_figure_data_converges_to_the_perceptron_loss(drawn):
    plt, res, rows = drawn
    _, loss_rows = reduction_rows(named.mixed_small(), [0, 1, 2, 3])
    F._loss_figure(plt, loss_rows, res)
    got = rows("loss_oscillation")
    assert all(float(r["loss_over_gamma"]) >= float(r["perceptron_loss"]) for r in got)  # softplus >= hinge
    far = [abs(float(r["loss_over_gamma"]) - float(r["perceptron_loss"])) for r in got if r["gamma_exponent"] == "3"]
    assert far and max(far) < 1e-12
    assert len({r["perceptron_loss"] for r in got if r["gamma_exponent"] == "3"}) >= 4  # it oscillates: 4 values


def test_two_layer_figure_data_gd_at_a_large_scale_makes_gp_s_mistakes(drawn):
    plt, res, rows = drawn
    F._two_layer_figure(plt, two_layer_rows(named.mixed_small(), [1, 10], horizon=8), res)
    got = rows("two_layer")
    mistakes = {run: [r["mistakes"] for r in got if r["run"] == run] for run in dict.fromkeys(r["run"] for r in got)}
    assert mistakes["GD s=10"] == mistakes["GP (exact)"] != mistakes["GD s=1"]
    assert mistakes["GP (exact)"][-1] == "0"  # GP separates within the horizon


def test_accel_counts_figure_data_equals_full_dimensional_runs(drawn):
    plt, res, rows = drawn
    F._accel_figure(plt, res, 64)
    got = {int(r["d"]): r for r in rows("accel_counts")}
    assert sorted(got) == [16, 32, 64]
    for d in (16, 32):  # the reduced dynamics against the exact engine on the d x d data
        assert int(got[d]["bp"]) == perceptron.batch_perceptron(accel_dataset(d, 1)).iterations


def test_family_panels_show_a_slope_only_over_three_values_of_d():
    study = {"methods": {"bp": "BP"}, "slopes": {"bp": {"mean": 0.848}}}
    assert F.family_slope(study, "bp", 3) == "BP 0.85"
    assert F.family_slope(study, "bp", 2) == ""  # the quick run's d = 32, 64: two points fit any line
    assert set(F.FAMILY_SHORT) == set(F.FAMILY_KEYS)
