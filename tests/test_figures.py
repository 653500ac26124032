"""`gdpc figures` on a reduced setting: every figure, its CSV, a LaTeX report that compiles, PDFs that open."""

import csv
import json
import os
import shutil
import subprocess

import pytest

pytest.importorskip("matplotlib")
pytest.importorskip("sklearn")

from checker.cli import main
from checker.data import digits

FIGURES = ["accuracy_digits-0-vs-1", "accuracy_bp-lower-21", "accuracy_random-40x5-seed1", "reduction_gap",
           "loss_oscillation", "two_layer", "accel_counts"]


def test_digits_are_exact_and_scaled_to_the_unit_interval():
    ds = digits.pair(0, 1)
    assert ds.n == 360 and ds.d == 64
    values = {v for row in ds.X for v in row}
    assert min(values) == 0 and max(values) == 1 and all(v.denominator in (1, 2, 4, 8, 16) for v in values)


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
