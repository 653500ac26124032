"""`gdpc check`: the verdict engine, the LaTeX reader, the corpus of planted errors, the built-in derivations."""

import glob
import json
import os
import shutil
import subprocess

import pytest
import sympy as sp

import derivations
from checker.cli import main
from derivations.derivation_check import annotate, check_file
from derivations.latex_input import ParseError, parse_assumptions, read_latex, to_sympy
from derivations.step_check import StepInput, builtin_inputs, check

CORPUS = sorted(glob.glob(os.path.join(os.path.dirname(__file__), "derivation_corpus", "*.tex")))


def test_the_corpus_has_at_least_15_planted_errors():
    assert len(CORPUS) >= 15


@pytest.mark.parametrize("path", CORPUS, ids=[os.path.basename(p)[:-4] for p in CORPUS])
def test_each_planted_error_is_refuted_at_its_step_and_nowhere_else(path):
    text = open(path).read()
    planted = {k + 1 for k, line in enumerate(text.splitlines()) if "PLANTED" in line}
    assert len(planted) == 1
    result = check_file(path)
    refuted = {v.line for v in result.verdicts if v.verdict == "refuted"}
    assert refuted == planted, [(v.line, v.verdict, v.evidence) for v in result.verdicts]
    bad = next(v for v in result.verdicts if v.verdict == "refuted")
    assert bad.evidence["rechecked_digits"] == 100 and "counterexample" in bad.evidence
    assert all(v.verdict in ("proved", "numerically holds, not proved") for v in result.verdicts if v.line not in planted)


@pytest.mark.parametrize("cid", list(derivations.ALL))
def test_builtin_derivations_check_as_proved_through_the_engine(cid):
    D = derivations.ALL[cid]()
    for k, (step, original) in enumerate(zip(builtin_inputs(D), D.steps), 1):
        v = check(step, k)
        if original.status == "cited":
            assert v.verdict == "cited"
        else:
            assert v.verdict == "proved", (cid, k, v.evidence)


def test_the_latex_that_derive_writes_has_no_refuted_step(tmp_path, capsys):
    path = tmp_path / "d.tex"
    assert main(["derive", "--latex", str(path)]) == 0
    capsys.readouterr()
    result = check_file(str(path))
    counts = result.counts()
    assert counts.get("refuted", 0) == 0 and counts.get("error", 0) == 0
    assert counts["proved"] >= 50
    for v in result.verdicts:
        assert v.verdict in ("proved", "unparsed", "cited"), (v.line, v.verdict, v.evidence)
        if v.verdict == "unparsed":
            assert v.evidence["reason"]


def test_chained_rows_and_line_numbers():
    text = "% assume: x real\n\\begin{align*}\n(x+1)^2 &= x^2 + 2x + 1 \\\\\n &\\ge 2x \\\\\n &= \\|x\\|\n\\end{align*}\n"
    steps, _ = read_latex(text)
    assert [(s.line, s.relation) for s in steps] == [(3, "="), (4, ">="), (5, "=")]
    assert steps[1].lhs == steps[0].rhs
    assert steps[2].lhs is None and "parser" in steps[2].error  # unparsed, with the reason
    verdicts = [check(s, k) for k, s in enumerate(steps, 1)]
    assert [v.verdict for v in verdicts] == ["proved", "proved", "unparsed"]


def test_numerically_holds_is_not_proved_and_refuted_points_are_exact():
    x = sp.Symbol("x", real=True)
    v = check(StepInput(sp.log(1 + sp.exp(-x)), "<=", sp.exp(-x)), 1)
    assert v.verdict in ("proved", "numerically holds, not proved")
    w = check(StepInput(sp.sin(x) ** 2, "<=", sp.Rational(1, 2)), 1)
    assert w.verdict == "refuted" and set(w.evidence["counterexample"]) == {"x"}


def test_assumptions_are_parsed_and_used():
    a = parse_assumptions(r"\gamma positive; n integer nonnegative; c in [1/2, 2]; x, y real")
    assert a.symbol("gamma").is_positive and a.symbol("n").is_integer and a.symbol("c").is_positive
    e = to_sympy(r"\sqrt{\gamma^2}", a)
    assert e == a.symbol("gamma")
    with pytest.raises(ParseError):
        parse_assumptions("x blue")


def test_parser_misreadings_become_unparsed_not_refuted():
    with pytest.raises(ParseError, match="dropped"):
        to_sympy(r"\sum_{i=2}^{n} - c \omega_{-}")
    with pytest.raises(ParseError, match="indexed"):
        to_sympy(r"\sum_{i=1}^{n} {\lambda}_{i}")
    assert to_sympy(r"n(n+1)") == sp.Symbol("n", real=True) * (sp.Symbol("n", real=True) + 1)


def test_cli_check_table_json_exit_codes_and_annotated_latex(tmp_path, capsys):
    good = tmp_path / "good.tex"
    good.write_text("% assume: x real\n\\begin{align}\n(x-1)^2 &= x^2 - 2x + 1 \\\\\n &\\ge -2x + 1\n\\end{align}\n")
    assert main(["check", str(good)]) == 0
    out = capsys.readouterr().out
    assert "proved" in out and "2 steps: 2 proved" in out
    bad = CORPUS[0]
    ann = tmp_path / "annotated.tex"
    assert main(["check", bad, "--json", "--latex", str(ann)]) == 1
    data = json.loads(capsys.readouterr().out)
    assert not data["all_proved"] and data["counts"]["refuted"] == 1
    tex = ann.read_text()
    assert "\\tag*{\\textsf{REFUTED}}" in tex and "\\documentclass" in tex
    if shutil.which("pdflatex"):
        proc = subprocess.run(["pdflatex", "-interaction=nonstopmode", "-halt-on-error", "annotated.tex"],
                              cwd=tmp_path, capture_output=True, text=True, timeout=120)
        assert proc.returncode == 0, proc.stdout[-2000:]


@pytest.mark.parametrize("content,name", [(None, "missing.tex"), ("no environments here\n", "empty.tex"),
                                          ("% assume: x purple\n\\begin{align}x &= x\\end{align}\n", "bad.tex")])
def test_cli_check_bad_input_is_one_line(tmp_path, capsys, content, name):
    path = tmp_path / name
    if content is not None:
        path.write_text(content)
    assert main(["check", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("gdpc: error:") and err.count("\n") == 1


def test_python_step_files(tmp_path, capsys):
    py = tmp_path / "steps.py"
    py.write_text("import sympy as sp\nx = sp.Symbol('x', positive=True)\n"
                  "STEPS = [(sp.sqrt(x**2), '=', x), (sp.log(x), '<=', x - 1), (x**2, '<', x)]\n")
    assert main(["check", str(py), "--json"]) == 1
    steps = json.loads(capsys.readouterr().out)["steps"]
    assert [s["verdict"] for s in steps][:2] in (["proved", "proved"], ["proved", "numerically holds, not proved"])
    assert steps[2]["verdict"] == "refuted"
    assert annotate(check_file(str(py))).startswith("\\documentclass")


def test_objects_render_themselves_in_jupyter():
    from checker import registry
    from checker.registry import Context

    D = derivations.ALL["SIG-LIMIT"]()
    assert D._repr_latex_().startswith("$$\\begin{aligned}")
    md = check_file(CORPUS[0])._repr_markdown_()
    assert md.startswith("| step |") and "REFUTED" in md
    res = registry.load_builtin()["GRAD"].run(Context(quick=True))
    assert res._repr_markdown_().startswith("**GRAD**: verified")


def test_cli_check_a_python_file_that_fails_or_a_binary_file_is_one_line(tmp_path, capsys):
    py = tmp_path / "boom.py"
    py.write_text("raise RuntimeError('no')\n")
    binary = tmp_path / "bin.tex"
    binary.write_bytes(b"\xff\xfe\x00\x81")
    for path in (py, binary):
        assert main(["check", str(path)]) == 2
        err = capsys.readouterr().err
        assert err.startswith("gdpc: error:") and err.count("\n") == 1
