"""The derivation engine proves true steps, rejects false ones, and its LaTeX compiles."""

import shutil
import subprocess

import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

import derivations
from checker.latex_escape import latex_text
from checker.report.text import derivations_document
from derivations.steps import Derivation
from derivcheck.functions import Sigmoid
from tests.built import GROUP, all_derivations, derivation

x = sp.Symbol("x", nonnegative=True)
g = sp.Symbol("gamma", positive=True)
m = sp.Symbol("m", positive=True)


@pytest.mark.xdist_group(GROUP)
@pytest.mark.parametrize("claim_id", [pytest.param(c, marks=pytest.mark.slow) if c == "LOSS-UNRELIABLE" else c
                                      for c in sorted(derivations.ALL)])  # 14 s on 2 cores: make verify proves it too
def test_builtin_derivations_are_proved(claim_id):
    d = derivation(claim_id)
    assert d.proved, [(k + 1, s.why, s.detail) for k, s in enumerate(d.steps) if s.status == "failed"]
    assert sum(s.status == "proved" for s in d.steps) > sum(s.status == "cited" for s in d.steps)
    # a step whose two sides SymPy already made identical says nothing: it must be a named computation
    for s in d.steps:
        assert s.computed or sp.sympify(s.lhs) != sp.sympify(s.rhs), (s.why, s.lhs)


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


@pytest.mark.slow  # every derivation through pdflatex (20 s): the slow tier; test_accel compiles one here
@pytest.mark.xdist_group(GROUP)
@pytest.mark.skipif(shutil.which("pdflatex") is None, reason="pdflatex not installed (.ci/run installs it)")
def test_derivations_latex_compiles(tmp_path):
    tex = tmp_path / "derivations.tex"
    tex.write_text(derivations_document(all_derivations()))
    proc = subprocess.run(["pdflatex", "-interaction=nonstopmode", "-halt-on-error", tex.name],
                          cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout[-2000:]
    assert (tmp_path / "derivations.pdf").stat().st_size > 10_000


def test_justifications_are_typeset_maths_not_escaped_ascii():
    from derivations.prose import why_latex

    assert why_latex("divide by gamma: u_{t+1} = u_t + (1/n) sum_i sigma(-gamma y_i a_i^T u_t) y_i a_i, exactly") == (
        r"divide by $\gamma$: $u_{t+1} = u_t + (1/n) \sum_i \sigma (-\gamma  y_i a_i^T u_t) y_i a_i$, exactly")
    assert why_latex("so v crosses 0 at k* = log(B/A)") == r"so $v$ crosses $0$ at $k^* = \log (B/A)$"
    assert why_latex("theta*^T s_t >= mu") == r"$\theta ^*{}^T s_t \ge  \mu$"  # not a double superscript
    assert why_latex("the negatives' margin, i.e. a bound (mirror for m < 0)") == (
        r"the negatives' margin, i.e. a bound (mirror for $m < 0)$")
    assert why_latex("with c_{t+1} = min(c, m/2): (C + R) e^{-gamma c_{t+1}}").endswith(r"$(C + R) e^{-\gamma  c_{t+1}}$")


@settings(max_examples=300, derandomize=True, deadline=None)
@given(st.text(alphabet="abcxyzAIGR_^{}()[]|<>=+-*/\\%$#&~' .,:;0123456789egammasigmalog", max_size=60))
def test_any_justification_gives_balanced_tex(text):
    """Whatever a justification says, its LaTeX has paired $ and paired braces (so the document compiles)."""
    from derivations.prose import _balanced, why_latex

    tex = why_latex(text)
    unescaped_dollars = [k for k, ch in enumerate(tex) if ch == "$" and (k == 0 or tex[k - 1] != "\\")]
    assert len(unescaped_dollars) % 2 == 0, tex
    assert _balanced(tex), tex


def test_no_step_reads_x_equals_x():
    """A step whose two sides SymPy already made identical says nothing: it must be a named computation."""
    d = Derivation("TEST", "trivial")
    with pytest.raises(ValueError, match="X = X"):
        d.equal(sp.Rational(1, 2), sp.Rational(1, 2), "1/2 = 1/2")
    step = d.equal(sp.Rational(1, 2), sp.Rational(1, 2), "sigma(0)", name=r"\sigma(0)")
    assert step.computed and step.latex().startswith(r"\sigma(0) &=")
    # every built-in derivation is held to it in test_builtin_derivations_are_proved, which builds each once


def test_lin_reduction_proves_its_induction_step():
    D = derivations.ALL["LIN-REDUCTION"]()
    induction = D.steps[-1]
    assert induction.method.startswith("induction on t") and induction.status == "proved"
    cited = [s.why for s in D.steps if s.status == "cited"]
    assert len(cited) == 2 and all(w.startswith(("Cauchy-Schwarz", "triangle")) for w in cited)
    # the one-step lemma's limit is a SymPy limit, cross-checked numerically
    assert any(s.method.startswith("sympy.limit") and "u_{t+1} - p_{t+1}" in s.why for s in D.steps)


def test_an_induction_over_a_failed_step_is_not_proved():
    d = Derivation("TEST", "bad induction")
    base = d.equal(sp.Symbol("x") + 1, sp.Symbol("x") + 1 + 0 * sp.Symbol("y"), "fine", name="b")
    bad = d.equal(sp.Symbol("x"), sp.Symbol("x") + 1, "false")
    assert bad.status == "failed"
    step = d.induction(sp.Symbol("e"), "<=", sp.Integer(1), "conclusion", base, [bad])
    assert step.status == "failed" and not d.proved


def test_nlrgd_bound_is_derived_and_a_false_log_term_is_not():
    """NLRGD-BOUND: the potential argument and the log bound are SymPy steps; only Jensen and the norm facts are
    cited. The bound's log(2n - 1) comes from S >= 1/2: claiming (n - S)/S <= n - 1 (a log n bound) fails."""
    from derivations import normalized_gd

    D = normalized_gd.build()
    ev = D.evidence()
    assert D.proved and ev["proved_by_sympy"] >= 10 and len(ev["cited_lemmas"]) == 2
    assert any(w.startswith("Jensen") for w in ev["cited_lemmas"])
    n, u = sp.Symbol("n", integer=True, positive=True), sp.Symbol("u", nonnegative=True)
    bad = Derivation("TEST", "log n")
    bad.leq((n - (sp.Rational(1, 2) + u)) / (sp.Rational(1, 2) + u), n - 1, "a log(n) variant")
    assert not bad.proved
