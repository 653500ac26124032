"""A vector step that sees each vector only through its own squared norm (derivcheck/deciders/norms_as_numbers.py):
decided as a step in nonnegative numbers, proved for every d; only its proofs are taken, and a step with any other
inner product is not read this way."""

from __future__ import annotations

import random
from dataclasses import replace

import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from derivcheck.deciders import norms_as_numbers, vector_form
from derivcheck.reader.declarations import Assumptions
from derivcheck.reader.document import read_latex
from derivcheck.verdicts import check

ADAGRAD = ("% assume: b_0 positive; T integer positive\n% index: t in 1..T\n% index: s in 1..T\n"
           "% vector: g_t in R^d\n")
POTENTIAL = r"\sum_{t=1}^{T} \frac{\|g_t\|^2}{b_0^2 + \sum_{s=1}^{t} \|g_s\|^2}"
SQRT_POTENTIAL = r"\sum_{t=1}^{T} \frac{\|g_t\|^2}{\sqrt{b_0^2 + \sum_{s=1}^{t} \|g_s\|^2}}"


def _one(head: str, row: str):
    steps, _ = read_latex(head + "\\[ " + row + " \\]")
    return steps[0], check(steps[0], 1)


@pytest.mark.slow  # over 10 s on 2 cores: the slow tier, which CI also runs
def test_adagrad_norms_potentials_are_proved_for_every_d_through_the_squared_norms():
    # they took 50 s each and ended "numerically" (checked in d = 1..4 only)
    for row in (POTENTIAL + r" \le \log\frac{b_0^2 + \sum_{t=1}^{T} \|g_t\|^2}{b_0^2}",
                SQRT_POTENTIAL + r" \le 2\sqrt{b_0^2 + \sum_{t=1}^{T} \|g_t\|^2} - 2b_0"):
        _, v = _one(ADAGRAD, row)
        assert v.verdict == "proved", (row, v.verdict, v.method)
        assert v.method.startswith("for every d: the step sees each vector only through its squared norm"), v.method
        assert "sqg_i := ||g_i||^2" in v.method and "induction" in v.method, v.method


@pytest.mark.slow  # two vector steps refuted in d = 1..4: about 10 s
def test_false_variants_are_refuted_not_proved():
    for row in (POTENTIAL + r" \le \frac{1}{2}\log\frac{b_0^2 + \sum_{t=1}^{T} \|g_t\|^2}{b_0^2}",
                SQRT_POTENTIAL + r" \le \sqrt{b_0^2 + \sum_{t=1}^{T} \|g_t\|^2} - b_0"):
        _, v = _one(ADAGRAD, row)
        assert v.verdict == "refuted", (row, v.verdict, v.method)


def test_a_step_with_any_other_inner_product_is_not_read_as_numbers():
    head = "% vector: a, b in R^d\n"
    for row in (r"a^\top b \le \|a\|\,\|b\|", r"\|a + b\|^2 \le 2\|a\|^2 + 2\|b\|^2"):
        step, _ = _one(head, row)
        lifted = vector_form.lift_step(step.at_dimension, step.relation, step.declarations.vectors)
        assert norms_as_numbers.as_numbers(lifted, Assumptions()) is None, row
    step, v = _one(head, r"\|a\| \le \frac{1 + \|a\|^2}{2}")
    lifted = vector_form.lift_step(step.at_dimension, step.relation, step.declarations.vectors)
    lhs, rhs, assumptions, pairs = norms_as_numbers.as_numbers(lifted, Assumptions())
    (x,) = lhs.free_symbols
    assert lhs == sp.sqrt(x) and x.is_nonnegative and "nonnegative" in assumptions.props[x.name]
    assert v.verdict == "proved" and "sqa := ||a||^2" in v.method, v.method


@settings(max_examples=15, deadline=None)
@given(st.integers(-2, 2), st.integers(-2, 2), st.integers(-2, 2), st.integers(-2, 2))
def test_a_proof_in_squared_norms_holds_at_random_vectors(p, q, r, c):
    """p ||a||^2 + q ||b||^2 + r ||a|| ||b|| + c >= 0: what is proved holds at random exact vectors; with p, q >= 0,
    r >= 0 and c >= 0 it is true and proved."""
    head = "% vector: a, b in R^d\n"
    row = f"{p} \\|a\\|^2 + ({q}) \\|b\\|^2 + ({r}) \\|a\\|\\,\\|b\\| + ({c}) \\ge 0"
    step, v = _one(head, row)
    if min(p, q, r, c) >= 0:
        assert v.verdict == "proved", (row, v.verdict, v.method)
    if v.verdict == "proved":
        rng = random.Random(row)
        for _ in range(30):
            a, b = ([sp.Rational(rng.randint(-9, 9), rng.randint(1, 4)) for _ in range(3)] for _ in "ab")
            na, nb = sum(x * x for x in a), sum(x * x for x in b)
            assert p * na + q * nb + r * sp.sqrt(na * nb) + c >= 0, (row, a, b, v.method)
    elif v.verdict != "refuted":
        assert v.verdict in ("numerically holds, not proved", "holds for d <= 4", "undecided"), v.verdict


def test_a_familys_squared_norms_are_one_nonnegative_family_at_the_same_index():
    # the fast tier's view of the AdaGrad reading (the end-to-end proofs above are slow)
    steps, _ = read_latex(ADAGRAD + "\\[ " + POTENTIAL + r" \le \log\frac{b_0^2 + \sum_{t=1}^{T} \|g_t\|^2}{b_0^2}"
                          + " \\]")  # read, not checked (the check is the slow test above)
    lifted = vector_form.lift_step(steps[0].at_dimension, steps[0].relation, steps[0].declarations.vectors)
    lhs, rhs, assumptions, pairs = norms_as_numbers.as_numbers(lifted, Assumptions())
    members = sorted(sp.Tuple(lhs, rhs).atoms(sp.Indexed), key=str)
    assert members and {m.base.label.name for m in members} == {"_sqg"}, members
    assert all(m.base.label.is_nonnegative and len(m.indices) == 1 for m in members)
    before = {a.indices for a in sp.Tuple(lifted.lhs, lifted.rhs).atoms(sp.Indexed)}
    assert {m.indices for m in members} == before  # ||g_t||^2 is sqg_t, ||g_s||^2 is sqg_s
    assert "nonnegative" in assumptions.props["_sqg"] and pairs == (("_sqg", ("g", True)),)
    assert norms_as_numbers.shown(pairs) == "sqg_i := ||g_i||^2"
    # a member of two indices is not one number per index here
    G = sp.IndexedBase(vector_form.Vec("G"))
    i, j = sp.Symbol("i", integer=True), sp.Symbol("j", integer=True)
    two = vector_form.VectorStep(vector_form.Inner(G[i, j], G[i, j]), "<=", sp.Integer(1), (), (G.label,), False, (1,))
    assert norms_as_numbers.as_numbers(two, Assumptions()) is None


def test_only_a_proof_in_numbers_is_taken_and_a_vector_valued_step_is_not_read():
    head = "% vector: a in R^d\n"
    step, _ = _one(head, r"\|a\| \le \frac{1 + \|a\|^2}{2}")
    lifted = vector_form.lift_step(step.at_dimension, step.relation, step.declarations.vectors)

    class Out:
        def __init__(self, verdict):
            self.verdict, self.method, self.certificate = verdict, "m", None

    for verdict in ("numerically holds, not proved", "refuted", "undecided"):
        assert norms_as_numbers.prove(lifted, Assumptions(), lambda *s, v=verdict: Out(v)) is None
    assert norms_as_numbers.prove(lifted, Assumptions(), lambda *s: None) is None
    assert norms_as_numbers.prove(lifted, Assumptions(), lambda *s: Out("proved"))[0].endswith("; then m")
    assert norms_as_numbers.as_numbers(replace(lifted, vector_valued=True), Assumptions()) is None
    none = replace(lifted, lhs=sp.Integer(1), rhs=sp.Integer(2))  # no inner product at all: nothing to read
    assert norms_as_numbers.as_numbers(none, Assumptions()) is None
