"""The gdpc command line: run, verify, derive, list; exit codes, JSON shapes, reports that compile."""

import json
import os
import shutil
import subprocess
import sys

import pytest

from checker.cli import main
from checker.data import dataset
from checker.data.named import bp_lower, bp_lower_degenerate, xor

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


@pytest.fixture
def csv(tmp_path):
    def make(ds, name):
        path = str(tmp_path / f"{name}.csv")
        dataset.to_csv(ds, path)
        return path

    return make


def run_json(capsys, argv):
    code = main(argv + ["--json"])
    return code, json.loads(capsys.readouterr().out)


def test_run_bp_lower_101(capsys, csv):
    code, out = run_json(capsys, ["run", "--data", csv(bp_lower(101), "bpl"), "--algo", "batch-perceptron"])
    assert code == 0
    assert out["iterations"] == 31 and out["separated"] and not out["degenerate"]
    assert out["arithmetic"] == "exact" and out["final"] == ["161/404", "39/202"]
    assert set(out) >= {"algorithm", "iterations", "separated", "degenerate", "arithmetic", "dps", "final"}


def test_run_reports_degenerate(capsys, csv):
    code, out = run_json(capsys, ["run", "--data", csv(bp_lower_degenerate(), "deg"), "--algo", "batch-perceptron"])
    assert code == 0 and out["degenerate"] is True and out["degenerate_steps"] == [2]


def test_run_xor_is_one_line_and_nonzero(capsys, csv):
    code = main(["run", "--data", csv(xor(), "xor"), "--algo", "batch-perceptron", "--max-iter", "1000"])
    out = capsys.readouterr().out
    assert code == 1 and out.count("\n") == 1 and "not linearly separable" in out


def test_run_gd_at_1e300(capsys, csv):
    path = csv(bp_lower(11), "b11")
    code, out = run_json(capsys, ["run", "--data", path, "--algo", "gd", "--gamma", "1e300"])
    assert code == 0 and out["iterations"] == 4 and out["arithmetic"].startswith("arb") and out["dps"] >= 330
    code, other = run_json(capsys, ["run", "--data", path, "--algo", "gd", "--gamma", "1e300", "--arith", "mpmath"])
    assert code == 0 and other["iterations"] == 4 and other["arithmetic"].startswith("mpmath")
    # both engines enclose the same iterate: the printed midpoints agree to the digits shown
    assert [x[:25] for x in out["final"]] == [x[:25] for x in other["final"]]


def test_run_bad_gamma(capsys, csv):
    assert main(["run", "--data", csv(bp_lower(11), "b"), "--algo", "gd", "--gamma", "-1"]) == 2
    assert "positive" in capsys.readouterr().err


def test_verify_writes_three_reports(tmp_path, capsys):
    paths = {k: str(tmp_path / f"r.{k}") for k in ("json", "md", "tex")}
    code = main(["verify", "--claim", "SIG-LIMIT", "--claim", "GRAD", "--quick",
                 "--json", paths["json"], "--markdown", paths["md"], "--latex", paths["tex"]])
    assert code == 0
    report = json.loads(open(paths["json"]).read())
    assert [c["id"] for c in report["claims"]] == ["SIG-LIMIT", "GRAD"]
    for c in report["claims"]:
        assert c["status"] == "verified" and {k["kind"] for k in c["checks"]} == {"symbolic", "numeric", "property"}
        assert all(set(k) >= {"kind", "status", "evidence", "seconds"} for k in c["checks"])
    assert set(report["environment"]) >= {"python", "sympy", "mpmath", "hypothesis", "dps"}
    assert "| SIG-LIMIT | **verified** |" in open(paths["md"]).read()
    if shutil.which("pdflatex"):
        proc = subprocess.run(["pdflatex", "-interaction=nonstopmode", "-halt-on-error", "r.tex"], cwd=tmp_path,
                              capture_output=True, text=True, timeout=120)
        assert proc.returncode == 0, proc.stdout[-2000:]


def test_verify_unknown_claim_writes_nothing(tmp_path, capsys):
    out = tmp_path / "r.json"
    assert main(["verify", "--claim", "NOPE", "--json", str(out)]) == 2
    assert not out.exists() and "unknown claim" in capsys.readouterr().err


def test_verify_json_to_stdout(capsys):
    assert main(["verify", "--claim", "SIG-LIMIT", "--quick", "--json", "-"]) == 0
    assert json.loads(capsys.readouterr().out)["claims"][0]["id"] == "SIG-LIMIT"


def test_user_claims_file_from_the_readme(capsys):
    from checker.claims import core

    core.REGISTRY.pop("BP-SCALE-INVARIANT", None)
    code = main(["verify", "--claims-file", os.path.join(ROOT, "examples", "my_claims.py"),
                 "--claim", "BP-SCALE-INVARIANT", "--quick"])
    out = capsys.readouterr().out
    core.REGISTRY.pop("BP-SCALE-INVARIANT", None)
    row = next(line for line in out.splitlines() if line.startswith("BP-SCALE-INVARIANT"))
    assert code == 0 and row.split()[1] == "verified"


def test_bad_claims_file_is_one_line(tmp_path, capsys):
    bad = tmp_path / "bad.py"
    bad.write_text("raise RuntimeError('boom')\n")
    assert main(["verify", "--claims-file", str(bad)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "boom" in err


def test_derive_latex(tmp_path, capsys):
    path = tmp_path / "d.tex"
    assert main(["derive", "LIN-REDUCTION-RATE", "--latex", str(path)]) == 0
    text = path.read_text()
    assert r"\begin{align}" in text and r"\sigma" in text
    assert main(["derive", "NOPE"]) == 2


def test_python_dash_m_checker(csv):
    proc = subprocess.run([sys.executable, "-m", "checker", "run", "--data", csv(bp_lower(11), "m"),
                           "--algo", "perceptron", "--json"], capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0 and json.loads(proc.stdout)["algorithm"] == "perceptron"


def test_list(capsys):
    assert main(["list", "--json"]) == 0
    ids = [c["id"] for c in json.loads(capsys.readouterr().out)]
    assert ids[:2] == ["SIG-LIMIT", "GRAD"]


@pytest.mark.skipif(shutil.which("pdflatex") is None, reason="pdflatex not installed (.ci/run installs it)")
def test_a_report_longer_than_a_page_compiles(tmp_path):
    from checker.claims.core import CheckResult, ClaimResult
    from checker.report import writers as report

    checks = [CheckResult("symbolic", "derivation", "proved", {"steps": 3, "proved_by_sympy": 3}, 0.1),
              CheckResult("numeric", "named_data_sets", "refuted", {}, 0.1),
              CheckResult("property", "p", "holds", {"examples_run": 200}, 0.1)]
    results = [ClaimResult(f"CLAIM-{k}:model_{k} & 50% #x", "a_i <= |b| {statement} ~ ^", "holds", "refuted", checks)
               for k in range(60)]
    (tmp_path / "long.tex").write_text(report.to_latex(results, report.environment(50)))
    proc = subprocess.run(["pdflatex", "-interaction=nonstopmode", "-halt-on-error", "long.tex"], cwd=tmp_path,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout[-2000:]
    assert "Output written on long.pdf (" in proc.stdout and " pages" in proc.stdout


@pytest.mark.parametrize("argv,expected", [
    (["bp-lower", "--n", "11"], bp_lower(11)),
    (["degenerate"], bp_lower_degenerate()),
    (["xor"], xor()),
    (["random", "--n", "12", "--d", "3", "--seed", "5"], None),
    (["accel", "--d", "16", "--c", "3/2"], None),
])
def test_dataset_families_write_exact_csv_that_reads_back(argv, expected, tmp_path, capsys):
    path = str(tmp_path / "f.csv")
    assert main(["dataset", *argv, "--out", path]) == 0
    back = dataset.load(path)
    if expected is not None:
        assert (back.X, back.y) == (expected.X, expected.y)
    assert capsys.readouterr().out.startswith(f"wrote {path}: ")


def test_xor_is_the_real_xor_and_not_separable(tmp_path, capsys):
    path = str(tmp_path / "x.csv")
    assert main(["dataset", "xor", "--out", path]) == 0
    assert sorted(map(tuple, dataset.load(path).X)) == [(-1, -1), (-1, 1), (1, -1), (1, 1)]
    assert main(["margin", "--data", path]) == 1
    assert "not separable" in capsys.readouterr().out


@pytest.mark.parametrize("argv", [
    ["dataset", "accel", "--d", "30000", "--out", "big.csv"],  # 9e8 entries: refused before anything is built
    ["dataset", "bp-lower", "--n", "1", "--out", "big.csv"],
    ["dataset", "digits", "--pair", "3", "3", "--out", "big.csv"],
    ["dataset", "accel", "--d", "16", "--c", "1/0", "--out", "big.csv"],
    ["run", "--data"],
    ["frobnicate"],
])
def test_dataset_and_usage_errors_are_one_line(argv, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("gdpc: error:") and err.count("\n") == 1
    assert not os.path.exists(tmp_path / "big.csv")


def test_output_paths_are_checked_before_any_work(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["dataset", "xor", "--out", "."]) == 2  # a folder: refused, and no stray temporary file
    assert sorted(os.listdir(tmp_path)) == []
    # one unwritable report of the set: nothing is run and nothing is written
    assert main(["verify", "--claim", "SIG-LIMIT", "--json", "ok.json", "--markdown", "/proc/r.md"]) == 2
    assert not os.path.exists("ok.json")
    assert main(["derive", "LIN-REDUCTION", "--latex", "/proc/x.tex"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 3 and all(line.startswith("gdpc: error: --") for line in err)


def test_written_files_have_the_normal_mode(tmp_path):
    umask = os.umask(0o022)
    try:
        assert main(["dataset", "xor", "--out", str(tmp_path / "x.csv")]) == 0
    finally:
        os.umask(umask)
    assert (os.stat(tmp_path / "x.csv").st_mode & 0o777) == 0o644


@pytest.mark.parametrize("algo", ["gd", "batch-perceptron", "perceptron", "normalized-batch-perceptron"])
def test_separable_data_not_separated_within_max_iter_says_so(capsys, csv, algo):
    # `margin` proves bp_lower(101) separable: the run stopped at --max-iter, the data are not in doubt
    code = main(["run", "--data", csv(bp_lower(101), "bpl"), "--algo", algo, "--max-iter", "1"])
    out = capsys.readouterr().out
    assert code == 1 and out.count("\n") == 1 and "not separated within --max-iter 1" in out, out
    assert "may not be linearly separable" not in out


def test_gd_on_non_separable_data_says_so_at_once(tmp_path, capsys):
    # two identical points with opposite labels: GD would run to --max-iter; the exact certificate answers first
    path = tmp_path / "same.csv"
    path.write_text("x,y\n1,1\n1,-1\n")
    assert main(["run", "--data", str(path), "--algo", "gd", "--max-iter", "10000000", "--json"]) == 1
    out = json.loads(capsys.readouterr().out)
    assert out["separable"] is False and out["certificate"]["lambda"] == {"0": "1/2", "1": "1/2"}


def test_version_and_list(capsys):
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.startswith("gdpc ")
    assert main(["list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["claim", "checks", "source"]
    assert any(line.startswith("LIN-REDUCTION ") and line.endswith("P1 Thm 3.2") for line in lines)


def test_json_flag_means_the_same_everywhere(tmp_path, capsys):
    """--json alone prints JSON; --json PATH.json writes it and still prints the text; a non-.json PATH is refused
    (`gdpc check --json derivation.tex` must not overwrite the derivation)."""
    data = tmp_path / "d.csv"
    data.write_text("1,2,1\n-1,-1,-1\n")
    for args in (["margin", "--data", str(data)], ["run", "--data", str(data), "--algo", "batch-perceptron"],
                 ["bounds", "--data", str(data)], ["list"]):
        assert main(args + ["--json"]) in (0, 1)
        json.loads(capsys.readouterr().out)
        target = tmp_path / (args[0] + ".json")
        assert main(args + ["--json", str(target)]) in (0, 1)
        out = capsys.readouterr().out
        assert f"wrote {target}" in out and not out.lstrip().startswith("{")
        json.loads(target.read_text())
    tex = tmp_path / "x.tex"
    tex.write_text(r"\begin{align} x &= x \end{align}")
    before = tex.read_text()
    assert main(["check", "--json", str(tex)]) == 2
    assert tex.read_text() == before
    assert "ends in .json" in capsys.readouterr().err


def test_check_takes_data_flag_like_every_command(tmp_path, capsys):
    tex = tmp_path / "x.tex"
    tex.write_text(r"\begin{align} (x+1)^2 &= x^2 + 2x + 1 \end{align}")
    assert main(["check", "--data", str(tex)]) == 0
    assert main(["check", str(tex)]) == 0
    assert main(["check"]) == 2
    assert main(["check", str(tex), "--data", str(tex)]) == 2
    assert "one of them" in capsys.readouterr().err


def test_no_output_is_written_over_an_input_or_over_another_output(tmp_path, capsys):
    data = tmp_path / "b.csv"
    dataset.to_csv(bp_lower(11), str(data))
    before = data.read_text()
    tex = tmp_path / "d.tex"
    tex.write_text("\\begin{align} x &\\le x + 1 \\end{align}\n")
    (tmp_path / "link.md").symlink_to(tmp_path / "r.json")
    (tmp_path / "data.md").symlink_to(data)
    cases = [
        (["check", str(tex), "--latex", str(tex)], "is the input file"),
        (["check", "--data", str(tex), "--json", "--latex", str(tex)], "is the input file"),
        (["gap", "--data", str(data), "--gamma", "10", "--csv", str(data)], "is the input file"),
        (["verify", "--claim", "SIG-LIMIT", "--json", str(tmp_path / "r.json"), "--markdown",
          str(tmp_path / "link.md")], "--json and --markdown both name"),
        (["verify", "--claims-file", str(data), "--markdown", str(tmp_path / "data.md")], "is the input file"),
        (["verify", "--claim", "SIG-LIMIT", "--markdown", str(data)], "a Markdown path ends in .md or .markdown"),
        (["derive", "SIG-LIMIT", "--latex", str(tmp_path / "d.pdf")], "a LaTeX path ends in .tex"),
        (["figures", "--quick", "--out", str(data)], "is a file, not a folder"),
    ]
    for argv, message in cases:
        assert main(argv) == 2, argv
        err = capsys.readouterr().err
        assert message in err and len(err.strip().splitlines()) == 1, (argv, err)
    assert data.read_text() == before and "verdict" not in tex.read_text()
    assert not (tmp_path / "r.json").exists()
