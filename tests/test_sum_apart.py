"""A difference that is a sum plus a part outside it, proved in two parts (derivcheck/deciders/sum_apart.py): the
skip-gram loss below its hinge terms plus (K + 1) log 2, scalar and in vectors; false variants are refuted, and a
split that holds only together is never a proof."""

from __future__ import annotations

import pytest
import sympy as sp
from hypothesis import example, given, settings
from hypothesis import strategies as st

from derivcheck.deciders import sum_apart
from derivcheck.reader.declarations import Assumptions
from derivcheck.reader.document import read_latex
from derivcheck.verdicts import check

SCALAR = "% assume: K integer positive\n% index: k in 1..K\n% assume: x real\n% assume: y_k real\n"
SOFTPLUS = r"\log(1+e^{x}) + \sum_{k=1}^{K} \log(1+e^{y_k})"
HINGE = r"\max\{0, x\} + \sum_{k=1}^{K} \max\{0, y_k\}"


def _verdict(head: str, row: str):
    steps, _ = read_latex(head + "\\[ " + row + " \\]")
    return check(steps[0], 1)


@pytest.mark.slow  # over 10 s on 2 cores: the slow tier, which CI also runs
def test_softplus_sums_below_their_hinge_terms_plus_log_2_each_are_proved_apart():
    v = _verdict(SCALAR, SOFTPLUS + r" \le (K + 1)\log 2 + " + HINGE)
    assert v.verdict == "proved" and v.method.startswith("apart: the part outside the sums less log(2) per term"), (
        v.verdict, v.method)


def test_the_skip_gram_upper_bound_is_proved_for_every_d():
    # it reached the 60 s budget in the corpus (correct_negative_sampling_loss_gradient.tex, line 15)
    head = ("% assume: K integer positive\n% index: k in 1..K\n% vector: u, v, w_k in R^d\n"
            "% function: \\ell(u) = -\\log\\sigma(u^\\top v) - \\sum_{k=1}^{K}\\log\\sigma(-u^\\top w_k)\n")
    v = _verdict(head, r"\ell(u) \le (K + 1)\log 2 + \max\{0, -u^\top v\} + \sum_{k=1}^{K}\max\{0, u^\top w_k\}")
    assert v.verdict == "proved" and v.method.startswith("for every d: apart"), (v.verdict, v.method)


@pytest.mark.slow  # two scalar steps searched to their counterexamples: about 11 s
def test_false_variants_are_refuted():
    for constant in (r"K\log 2", r"(K + 1)\log\frac{3}{2}"):
        v = _verdict(SCALAR, SOFTPLUS + rf" \le {constant} + " + HINGE)
        assert v.verdict == "refuted", (constant, v.verdict, v.method)


def test_parts_that_hold_only_together_are_no_proof():
    # K + 1 - x^2 - sum_k y_k ... : the outside part 1 - x^2 + (x^2 - 1) would need the sum's share; here
    # sum_k (1 - y_k^2) + K x^2 ... is split as x^2 (outside, >= 0) and 1 - y_k^2 per term (not >= 0): None
    k, K = sp.Symbol("k", integer=True), sp.Symbol("K", integer=True, positive=True)
    x, y = sp.Symbol("x", real=True), sp.IndexedBase("y")
    assert sum_apart.prove(sp.Sum(y[k] ** 2, (k, 1, K)), "<=", K + x ** 2, Assumptions()) is None
    assert sum_apart.prove(sp.Sum(y[k] ** 2, (k, 1, K)), "<=", K * x ** 2 + x ** 2, Assumptions()) is None


@settings(max_examples=25, deadline=None)
@given(st.integers(-3, 3), st.integers(-3, 3), st.integers(-2, 2), st.integers(-3, 3))
@example(0, 1, 0, 0)
@example(2, 1, 1, 3)  # (y_k + 1)^2 per term, x^2 + 3 outside: proved apart
@example(2, 2, 0, -1)  # holds (1 per term, -1 outside, K >= 1), but only together: not proved
def test_what_is_proved_apart_holds_and_what_holds_apart_is_proved(a, b, c, d):
    """sum_{k=1}^K (y_k^2 + a y_k) + b K + c x^2 + d >= 0. It holds for every K >= 1 exactly when c >= 0,
    b >= a^2/4 and b - a^2/4 + d >= 0 (the minimum over y_k at K = 1); it holds apart when moreover d >= 0."""
    k, K = sp.Symbol("k", integer=True), sp.Symbol("K", integer=True, positive=True)
    x, y = sp.Symbol("x", real=True), sp.IndexedBase("y")
    rhs = sp.Sum(y[k] ** 2 + a * y[k], (k, 1, K)) + b * K + c * x ** 2 + d
    how = sum_apart.prove(sp.Integer(0), "<=", rhs, Assumptions())
    per_term = sp.Rational(b) - sp.Rational(a * a, 4)
    holds = c >= 0 and per_term >= 0 and per_term + d >= 0
    if how is not None:
        assert holds, (a, b, c, d, how)
    if holds and d >= 0 and b != 0:  # b = 0: no part outside to take apart (a plain term-by-term step)
        assert how is not None, (a, b, c, d)


def test_the_relation_is_read_both_ways():
    # big >= small is small <= big: the same proof, and the reversed claim is none
    k, K = sp.Symbol("k", integer=True), sp.Symbol("K", integer=True, positive=True)
    x, y = sp.Symbol("x", real=True), sp.IndexedBase("y")
    small, big = sp.Integer(0), sp.Sum((y[k] - 1) ** 2, (k, 1, K)) + 2 * K + x ** 2
    assert sum_apart.prove(small, "<=", big, Assumptions()) is not None
    assert sum_apart.prove(big, ">=", small, Assumptions()) is not None
    assert sum_apart.prove(big, "<=", small, Assumptions()) is None
    assert sum_apart.prove(small, ">=", big, Assumptions()) is None
    assert sum_apart.prove(small, "<", big, Assumptions()) is None  # strict: not taken apart


def test_the_decider_needs_a_sum_and_returns_a_proof_or_nothing():
    from derivcheck.deciders.problem import Problem
    k, K = sp.Symbol("k", integer=True), sp.Symbol("K", integer=True, positive=True)
    x, y = sp.Symbol("x", real=True), sp.IndexedBase("y")
    apart = Problem(sp.Sum(-(y[k] + 1) ** 2, (k, 1, K)), "<=", x ** 2 + 3 + 0 * K, Assumptions())
    out = sum_apart.decide(apart)
    assert out is not None and out.verdict == "proved" and out.method.startswith("apart")
    assert sum_apart.decide(Problem(x ** 2, ">=", sp.Integer(0), Assumptions())) is None  # no sum
    # two sums over different ranges: no one per-term share of the outside part
    j, m = sp.Symbol("j", integer=True), sp.Symbol("m", integer=True, positive=True)
    two = (sp.Sum(y[k] ** 2, (k, 1, K)) + sp.Sum(y[j] ** 2, (j, 1, m)), ">=", -K - m)
    assert sum_apart.prove(*two, Assumptions()) is None


def _family(lo: str, hi: str):
    steps, assumptions = read_latex(f"% assume: K integer positive\n% index: k in 1..K\n% assume: x_k in [{lo}, {hi}]\n"
                                    "\\[ 0 \\le 1 \\]")
    return sp.IndexedBase(assumptions.symbol("x"))[sp.Symbol("k", integer=True)], assumptions


def test_a_negative_share_per_term_is_taken_and_the_sums_part_is_compared_with_zero(monkeypatch):
    k, K = sp.Symbol("k", integer=True), sp.Symbol("K", integer=True, positive=True)
    for lo, c in (("1/2", sp.Rational(1, 2)), ("1", sp.Integer(1))):  # sum_k (x_k - c) + 1 >= 0 for x_k >= c
        xk, assumptions = _family(lo, "2")
        how = sum_apart.prove(sp.Sum(xk, (k, 1, K)) - c * K + 1, ">=", sp.Integer(0), assumptions)
        assert how is not None and how.startswith(f"apart: the part outside the sums less {-c} per term"), (c, how)
    # a sum that is no factor of its term (inside a log) is not split, and nothing is raised
    xk, assumptions = _family("1", "2")
    assert sum_apart.prove(sp.log(sp.Sum(xk, (k, 1, K))) + K, ">=", sp.Integer(0), assumptions) is None
    # the sums' part with c per term is compared with 0 exactly: a weaker comparison would not carry the proof
    seen = []
    monkeypatch.setattr(sum_apart.sums, "termwise", lambda lhs, *rest: seen.append(lhs) or "termwise")
    monkeypatch.setattr(sum_apart.general_term, "proved", lambda *a: "alone")
    assert sum_apart.prove(sp.Sum(xk, (k, 1, K)) - K + 1, ">=", sp.Integer(0), assumptions) is not None
    assert seen == [0]
