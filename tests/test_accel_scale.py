"""Slow tier: `gdpc accel --family rare` end to end to d = 2^14, against closed forms and the reduced dynamics.

k = 1 is A_d itself, so its rows must be the reduced engines' counts at every d; for
every k the Gram bound has the closed form floor(d / (2(k + 1))) + 1 (a rare sample sees
k - 1 other positives and n - k negatives through the shared intercept).
"""

from __future__ import annotations

import json

import pytest

from checker.analysis.accel_table import loglog_slope
from checker.cli import main
from checker.data.accel_family import linear_lower_bound, quarter_root_dyadic
from checker.engines import reduced as R


@pytest.mark.slow
def test_rare_family_to_2_14_is_exact_and_fits_its_slopes(tmp_path, capsys):
    path = tmp_path / "rare.json"
    assert main(["accel", "--family", "rare", "--d-max", "16384", "--json", str(path)]) == 0
    study = json.loads(path.read_text())
    assert study["fit_range"] == [1024, 16384] and max(study["d_values"]) == 16384
    for r in study["rows"]:
        d, k = r["d"], int(r["variant"][2:])
        assert r["gram"] == d // (2 * (k + 1)) + 1 and r["bp"] >= r["gram"]
        assert r["lr-gd-large"] in (None, r["bp"])
        if k == 1:
            q = quarter_root_dyadic(d)
            assert r["gram"] == linear_lower_bound(d) and r["bp"] == R.batch_perceptron(d).iterations
            assert r["su-q"] == R.single_unit_gp(d, 1, q).iterations
            assert r["diag-q"] == R.diagonal_gp(d, 1, q).iterations
    a_d = {r["d"]: r["su-q"] for r in study["rows"] if r["variant"] == "k=1" and r["d"] >= 1024}
    per_variant = study["slopes"]["su-q"]
    assert per_variant["min"] <= loglog_slope(a_d) <= per_variant["max"]
    gram = study["slopes"]["gram"]
    assert gram["variants"] == 6 and 0.95 < gram["min"] <= gram["max"] < 1.05  # floor(d/(2k+2)): slope 1
