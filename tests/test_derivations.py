"""The derivation engine proves true steps, rejects false ones, and its LaTeX compiles."""

import shutil
import subprocess

import pytest
import sympy as sp

import derivations
from checker.report.text import derivations_document
from derivations.functions import Sigmoid
from derivations.steps import Derivation, latex_text

x = sp.Symbol("x", nonnegative=True)
g = sp.Symbol("gamma", positive=True)
m = sp.Symbol("m", positive=True)


@pytest.mark.parametrize("claim_id", sorted(derivations.ALL))
def test_builtin_derivations_are_proved(claim_id):
    d = derivations.ALL[claim_id]()
    assert d.proved, [(k + 1, s.why, s.detail) for k, s in enumerate(d.steps) if s.status == "failed"]
    assert sum(s.status == "proved" for s in d.steps) > sum(s.status == "cited" for s in d.steps)


def test_false_steps_are_not_proved():
    d = Derivation("TEST", "false steps")
    assert d.equal(Sigmoid(x), 1 / (1 + sp.exp(x)), "sign flipped in the exponent").status == "failed"
    assert d.equal(sp.log(1 + sp.exp(g * m)) / g, 2 * m, "factor 2").status == "failed"
    assert d.limit(Sigmoid(-g * m), g, sp.oo, sp.Rational(1, 2), "wrong limit").status == "failed"
    assert d.leq(sp.exp(-x), Sigmoid(-x), "inequality reversed").status == "failed"
    assert d.decreasing(Sigmoid(g * x), x, "sigma(gamma x) is increasing").status == "failed"
    assert d.monotone_from(x, sp.log(1 + x), x, 0, "x <= log(1+x) is false").status == "failed"
    assert not d.proved and d.failed_steps == [1, 2, 3, 4, 5, 6]


def test_a_limit_sympy_cannot_do_is_a_failed_step_not_a_crash(monkeypatch):
    def refuse(*args, **kwargs):
        raise NotImplementedError("Not sure of sign of 1 - m_t/c")

    monkeypatch.setattr(sp, "limit", refuse)
    d = Derivation("TEST", "hard limit")
    step = d.limit(sp.exp(-g * m), g, sp.oo, 0, "SymPy gives up")
    assert step.status == "failed" and "NotImplementedError" in step.detail and not d.proved


def test_latex_text_escapes_everything_that_breaks_text_mode():
    assert latex_text("a_i <= |b| & 50% #1 {x} ~ ^") == (
        r"a\_i $<$= $|$b$|$ \& 50\% \#1 \{x\} \textasciitilde{} \^{}")


@pytest.mark.skipif(shutil.which("pdflatex") is None, reason="pdflatex not installed (.ci/run installs it)")
def test_derivations_latex_compiles(tmp_path):
    tex = tmp_path / "derivations.tex"
    tex.write_text(derivations_document([b() for b in derivations.ALL.values()]))
    proc = subprocess.run(["pdflatex", "-interaction=nonstopmode", "-halt-on-error", tex.name],
                          cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout[-2000:]
    assert (tmp_path / "derivations.pdf").stat().st_size > 10_000
