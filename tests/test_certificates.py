"""`gdpc check`'s exit codes and its SMT-LIB certificates, re-checked by an independent solver (cvc5).

A step proved by a decision procedure keeps the query Z3 decided (the domain, the definitions of auxiliary
variables, the negated step): its `unsat` is the proof. `--smt2 DIR` writes one file per such step; cvc5, which
shares no code with Z3, must answer `unsat` on each, and `sat` once the negated step is dropped from a query whose
other assertions are satisfiable (so the re-check is not vacuous).
"""

import json
import os

import pytest

from checker.cli import main
from derivcheck.files import NOT_PROVED, PROVED, REFUTED, check_latex

cvc5 = pytest.importorskip("cvc5")

PROVED_TEX = r"""% assume: x real; y real; t positive
\begin{align}
x^2 + y^2 &\ge 2 x y \\
\frac{t}{1 + t} &< 1 \\
\sqrt{x^2 + 1} &\ge |x|
\end{align}
"""
REFUTED_TEX = "% assume: x real\n\\begin{align} (x - 1)^2 &\\ge x^2 \\end{align}\n"
UNFINISHED_TEX = "% function: f\n% assume: x real\n\\begin{align} f(x) &\\le f(x^2) \\end{align}\n"


def recheck(smt2: str) -> str:
    """cvc5's answer on an SMT-LIB script: 'unsat', 'sat' or 'unknown' (cylindrical algebraic coverings, so that
    nonlinear real arithmetic is decided, not only attempted)."""
    tm = cvc5.TermManager()
    solver = cvc5.Solver(tm)
    solver.setOption("nl-cov", "true")
    solver.setOption("tlimit-per", "20000")
    parser = cvc5.InputParser(solver)
    parser.setStringInput(cvc5.InputLanguage.SMT_LIB_2_6, smt2, "certificate")
    symbols = parser.getSymbolManager()
    answers = []
    while True:
        command = parser.nextCommand()
        if command.isNull():
            break
        out = command.invoke(solver, symbols)
        if str(command) == "(check-sat)":
            answers.append(out.strip())
    assert len(answers) == 1, answers
    return answers[0]


@pytest.mark.parametrize("tex, code", [(PROVED_TEX, PROVED), (REFUTED_TEX, REFUTED), (UNFINISHED_TEX, NOT_PROVED)])
def test_exit_codes_tell_a_wrong_derivation_from_an_unfinished_one(tmp_path, capsys, tex, code):
    path = tmp_path / "d.tex"
    path.write_text(tex)
    assert main(["check", str(path)]) == code
    out = capsys.readouterr().out
    assert {PROVED: "proved", REFUTED: "REFUTED", NOT_PROVED: "undecided"}[code] in out
    assert len({PROVED, REFUTED, NOT_PROVED, 2}) == 4  # distinct from bad input (2)


def test_a_cited_lemma_does_not_hold_the_exit_code_back():
    result = check_latex("% assume: x real\n\\begin{align} x^2 &\\ge 0 \\\\ x &\\le x - 1 % cited\n\\end{align}")
    assert [v.verdict for v in result.verdicts] == ["proved", "cited"]
    assert result.exit_code == PROVED and not result.all_proved


def test_bad_input_is_exit_2(tmp_path, capsys):
    path = tmp_path / "d.tex"
    path.write_text("% assume: x in [1, 0]\n\\begin{align} x &= x \\end{align}\n")
    assert main(["check", str(path)]) == 2
    assert capsys.readouterr().err.count("\n") == 1


def test_smt2_writes_one_certificate_per_step_a_procedure_proved_and_cvc5_rechecks_them(tmp_path, capsys):
    path = tmp_path / "d.tex"
    path.write_text(PROVED_TEX)
    out_dir = tmp_path / "certs"
    assert main(["check", str(path), "--smt2", str(out_dir), "--json"]) == PROVED
    report = json.loads(capsys.readouterr().out)
    by_procedure = [s for s in report["steps"] if s["certificate"]]
    files = sorted(os.listdir(out_dir))
    assert len(files) == len(by_procedure) >= 1
    for s, name in zip(by_procedure, files):
        assert name == f"step-{s['step']:03d}-line-{s['line']}.smt2"
        text = (out_dir / name).read_text()
        assert text.startswith("; gdpc check") and "expected answer: unsat" in text and "(check-sat)" in text
        assert recheck(text) == "unsat", name


def test_the_recheck_is_not_vacuous_a_query_without_its_negated_step_is_sat():
    result = check_latex(PROVED_TEX)
    certificates = result.certificates()
    assert certificates
    for _, text in certificates:
        head, *asserts = text.split("(assert")
        assert "(not" in asserts[-1], asserts[-1]  # the negated step is the last assertion
        domain_only = head + "".join("(assert" + a for a in asserts[:-1]) + "(check-sat)\n"
        assert recheck(domain_only) == "sat"  # the rest has points: unsat comes from the step itself
        assert recheck(text) == "unsat"
