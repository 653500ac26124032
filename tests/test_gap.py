"""`gdpc gap`: the reduction on the user's data, with the numbers `gdpc verify` computes."""

import csv
import json

from checker.analysis import reduction_gap
from checker.analysis.linear_reduction import compare
from checker.cli import main
from checker.data.dataset import to_csv
from checker.data.named import bp_lower, mixed_small
from checker.engines import perceptron


def _write(tmp_path, ds, name="d.csv"):
    path = str(tmp_path / name)
    to_csv(ds, path)
    return path


def test_gap_prints_what_verify_computes(tmp_path, capsys):
    ds = bp_lower(11)
    path = _write(tmp_path, ds)
    assert main(["gap", "--data", path, "--gamma", "1e10", "--json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["smallest_power"] is None and payload["data"]["n"] == 11 and len(payload["gammas"]) == 1
    out = payload["gammas"][0]
    # LIN-REDUCTION-RATE's numeric check runs linear_reduction.compare on the same data and gamma
    ref = compare(ds, perceptron.batch_perceptron(ds, record=True), 10)
    assert [r["t"] for r in out["rows"]] == [s.t for s in ref.steps]
    assert [r["gap"] for r in out["rows"]] == [s.gap_enclosure for s in ref.steps]
    assert [r["bound"] for r in out["rows"]] == [s.bound_enclosure for s in ref.steps]
    assert [r["bound_holds"] for r in out["rows"]] == [s.bound_holds for s in ref.steps]
    assert out["bound_holds"] is True and out["mistake_sets_agree"] is True
    assert out["gd_iterations"] == out["bp_iterations"] == 4
    # the gap at gamma = 1e10 is below 10^-(10^8): kept to full relative precision, never rounded to 0
    t2 = out["rows"][1]["gap"]
    assert t2["mid"] != "0" and int(t2["mid"].split("e")[1]) < -10**8


def test_gap_text_never_cuts_an_exponent(tmp_path, capsys):
    path = _write(tmp_path, bp_lower(11))
    assert main(["gap", "--data", path, "--gamma", "1e10"]) == 0
    text = capsys.readouterr().out
    exact = reduction_gap.gap(bp_lower(11), 10**10, "1e10", reduction_gap.bp_path(bp_lower(11), None))
    exponent = exact.steps[1].gap_text.split("e")[1]
    assert ("e" + exponent) in text  # the whole exponent, e.g. e-1233791143, as the engine computed it


def test_gap_csv_and_json_file(tmp_path, capsys):
    path = _write(tmp_path, mixed_small())
    out_csv, out_json = str(tmp_path / "g.csv"), str(tmp_path / "g.json")
    assert main(["gap", "--data", path, "--gammas", "1,1e2,1e50", "--csv", out_csv, "--json", out_json]) == 0
    text = capsys.readouterr().out
    assert "smallest gamma = 10^" in text and f"wrote {out_csv}" in text and f"wrote {out_json}" in text
    rows = list(csv.DictReader(open(out_csv, encoding="utf-8")))
    payload = json.load(open(out_json, encoding="utf-8"))
    assert [g["gamma"] for g in payload["gammas"]] == ["1", "1e2", "1e50"]
    assert sum(g["steps"] for g in payload["gammas"]) == len(rows)
    assert {r["gamma"] for r in rows} == {"1", "1e2", "1e50"}
    # LOSS-OSC beside the loss gap: its bound where R e_t < m_t, and the certified verdict
    assert all(r["loss_bound_holds"] == "True" for r in rows if r["loss_bound"])
    assert any(r["loss_bound"] for r in rows) and all(r["loss_bound_holds"] == "" for r in rows
                                                      if not r["loss_bound"])
    k = payload["smallest_power"]["k"]
    # from 10^k on, every step's mistake set is BP's: at 1e50 they agree, and below 10^k (if k > 0) some gamma does not
    assert payload["gammas"][2]["mistake_sets_agree"] is True
    assert [len(g["rows"]) for g in payload["gammas"]] == [g["steps"] for g in payload["gammas"]]
    assert k is not None and 0 <= k <= 50


def test_gap_json_has_one_schema_for_gamma_and_gammas(tmp_path, capsys):
    path = _write(tmp_path, bp_lower(11))
    assert main(["gap", "--data", path, "--gamma", "1e10", "--json"]) == 0
    one = json.loads(capsys.readouterr().out)
    assert main(["gap", "--data", path, "--gammas", "1e10,1e300", "--json"]) == 0
    two = json.loads(capsys.readouterr().out)
    assert set(one) == set(two) == {"data", "bp_degenerate", "gammas", "smallest_power"}
    assert set(one["gammas"][0]) == set(two["gammas"][1])
    assert one["gammas"][0] == two["gammas"][0]  # the same step size gives the same entry either way


def test_gap_t_max_extends_past_bp(tmp_path, capsys):
    path = _write(tmp_path, bp_lower(11))
    assert main(["gap", "--data", path, "--gamma", "1e3", "--t-max", "7", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)["gammas"][0]
    assert [r["t"] for r in out["rows"]] == list(range(1, 8))
    assert main(["gap", "--data", path, "--gamma", "1e3", "--t-max", "2", "--json"]) == 0
    assert len(json.loads(capsys.readouterr().out)["gammas"][0]["rows"]) == 2


def test_gap_on_non_separable_data_asks_for_t_max(tmp_path, capsys):
    path = tmp_path / "ns.csv"
    path.write_text("1,0,1\n1,0,-1\n")
    assert main(["gap", "--data", str(path), "--gamma", "10"]) == 2
    err = capsys.readouterr().err
    assert "not linearly separable" in err and "--t-max" in err and len(err.strip().splitlines()) == 1
    assert main(["gap", "--data", str(path), "--gamma", "10", "--t-max", "3", "--json"]) in (0, 1)
    assert len(json.loads(capsys.readouterr().out)["gammas"][0]["rows"]) == 3


def test_gap_needs_exactly_one_of_gamma_and_gammas(tmp_path, capsys):
    path = _write(tmp_path, bp_lower(11))
    assert main(["gap", "--data", path]) == 2
    assert main(["gap", "--data", path, "--gamma", "1", "--gammas", "1,2"]) == 2
    assert main(["gap", "--data", path, "--gamma", "-1"]) == 2
    assert main(["gap", "--data", path, "--gamma", "1", "--t-max", "0"]) == 2
