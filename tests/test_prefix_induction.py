"""Induction over a family's prefix sums (derivcheck/deciders/prefix_induction.py): AdaGrad's bound and its
relatives proved for every T, their false variants refuted, and the guards that keep the induction sound."""

from __future__ import annotations

import random

import pytest
import sympy as sp

from derivcheck.deciders import prefix_induction
from derivcheck.reader.document import parse_assumptions, read_latex
from derivcheck.verdicts import check

HEAD = ("% assume: T integer positive\n% index: t in 1..T\n% index: s in 1..T\n"
        "% assume: a_t positive; b_t real; c_t nonnegative\n")


def _verdicts(rows: str):
    steps, _ = read_latex(HEAD + "\\begin{align*}\n" + rows + "\n\\end{align*}")
    return [check(s, k) for k, s in enumerate(steps, 1)]


ADAGRAD = r"\sum_{t=1}^{T} \frac{a_t}{\sqrt{\sum_{s=1}^{t} a_s}} &\le 2\sqrt{\sum_{t=1}^{T} a_t}"


@pytest.mark.slow  # over 10 s on 2 cores: the slow tier, which CI also runs
def test_adagrads_bound_is_proved_by_induction_with_the_sum_so_far_a_number():
    (v,) = _verdicts(ADAGRAD)
    assert v.verdict == "proved" and v.method.startswith("induction on T from T = 1, each sum up to T a number"), (
        v.verdict, v.method)
    rows = [r"\sum_{t=1}^{T} \frac{c_t}{\sqrt{1 + \sum_{s=1}^{t} c_s}} &\le 2\sqrt{1 + \sum_{t=1}^{T} c_t}",
            r"\sum_{t=1}^{T} b_t^2 &\le \left(\sum_{t=1}^{T} |b_t|\right)^2"]
    for row in rows:
        (v,) = _verdicts(row)
        assert v.verdict == "proved" and "induction on T" in v.method, (row, v.verdict, v.method)


def test_false_variants_are_refuted():
    rows = [r"\sum_{t=1}^{T} \frac{a_t}{\sqrt{\sum_{s=1}^{t} a_s}} &\le \sqrt{\sum_{t=1}^{T} a_t}",
            r"\sum_{t=1}^{T} \frac{a_t}{\sqrt{\sum_{s=1}^{t} a_s}} &\le 2\sqrt{\sum_{t=1}^{T} a_t} - 1",
            r"\sum_{t=1}^{T} \frac{a_t}{\sum_{s=1}^{t} a_s} &\le 1 + \log\left(\sum_{t=1}^{T} a_t\right)",
            r"\sum_{t=1}^{T} b_t^2 &\le \left(\sum_{t=1}^{T} b_t\right)^2"]
    for row in rows:
        (v,) = _verdicts(row)
        assert v.verdict == "refuted", (row, v.verdict, v.method)
        assert prefix_induction.prove(*_sides(row)) is None, row


def _sides(row: str):
    steps, _ = read_latex(HEAD + "\\begin{align*}\n" + row + "\n\\end{align*}")
    return steps[0].lhs, steps[0].relation, steps[0].rhs, steps[0].assumptions


def test_a_step_whose_inductive_step_fails_is_not_proved_though_true():
    # (sum c_t)^2 <= T sum c_t^2 (Cauchy-Schwarz) is true, but its step D(T+1) - D(T) = Q + T c^2 - 2 S c, with the
    # sums S and Q free numbers, is not >= 0 (S large): it needs S^2 <= T Q, which the free numbers forget
    lhs, rel, rhs, a = _sides(r"\left(\sum_{t=1}^{T} c_t\right)^2 &\le T \sum_{t=1}^{T} c_t^2")
    assert prefix_induction.prove(lhs, rel, rhs, a) is None


def test_the_guards_no_family_a_range_that_may_run_backwards_no_least_value():
    T = sp.Symbol("T", integer=True, positive=True)
    t = sp.Symbol("t", integer=True)
    a = sp.IndexedBase("a", positive=True)
    A = parse_assumptions("T integer positive; a_t positive")
    # no family: plain induction's case, not this one
    assert prefix_induction.prove(sp.Sum(t, (t, 1, T)), "<=", T ** 2, A) is None
    # from t = 3 with T >= 1: the sum up to T + 1 is not the sum up to T plus a term when T = 1
    assert prefix_induction.prove(sp.Sum(a[t], (t, 3, T)), ">=", sp.Integer(0), A) is None
    # no least value of T: no base case
    R = parse_assumptions("T integer; a_t positive")
    Tr = sp.Symbol("T", integer=True)
    assert prefix_induction.prove(sp.Sum(a[t], (t, 1, Tr)), ">=", sp.Integer(0), R) is None
    # an equation is not an induction of this kind
    assert prefix_induction.prove(sp.Sum(a[t], (t, 1, T)), "=", sp.Sum(a[t], (t, 1, T)), A) is None
    # the sums must all run up to the same variable
    U = sp.Symbol("U", integer=True, positive=True)
    assert prefix_induction._upper_variable(sp.Tuple(sp.Sum(a[t], (t, 1, T)), sp.Sum(a[t], (t, 1, U)))) is None
    assert prefix_induction._upper_variable(sp.Tuple(sp.Sum(a[t], (t, 1, T + 2)), a[T])) == T


def test_the_split_of_a_sum_and_of_the_sums_inside_its_last_term():
    T = sp.Symbol("T", integer=True, positive=True)
    t, s = sp.symbols("t s", integer=True)
    a = sp.IndexedBase("a", positive=True)
    inner = sp.Sum(a[s], (s, 1, t))
    e = prefix_induction._peeled(sp.Sum(a[t] / inner, (t, 1, T)), T, 1)
    want = sp.Sum(a[t] / inner, (t, 1, T)) + a[T + 1] / (sp.Sum(a[s], (s, 1, T)) + a[T + 1])
    assert sp.simplify(e - want) == 0
    # D(T) = sum_{t=1}^{T+1} a_t: at T + 1 it is the sum up to T + 1 (the old limit) plus a_{T+2}
    out = prefix_induction._peeled(sp.Sum(a[t], (t, 1, T + 1)), T, 1)
    assert sp.expand(out - (sp.Sum(a[t], (t, 1, T + 1)) + a[T + 2])) == 0


def test_every_proved_step_holds_at_random_exact_data():
    # the proof is about free numbers standing for the sums; the step is about the actual sums: check the proved
    # AdaGrad bound and the squared-sum bound at random exact data (Arb-free: squared where roots appear)
    rng = random.Random(11)
    for _ in range(300):
        n = rng.randint(1, 8)
        xs = [sp.Rational(rng.randint(1, 50), rng.randint(1, 7)) for _ in range(n)]
        prefix = [sum(xs[:k + 1]) for k in range(n)]
        lhs = sum(x / sp.sqrt(p) for x, p in zip(xs, prefix))
        assert (lhs - 2 * sp.sqrt(prefix[-1])).evalf(30) <= 0
        bs = [sp.Rational(rng.randint(-20, 20), rng.randint(1, 5)) for _ in range(n)]
        assert sum(b * b for b in bs) <= sum(abs(b) for b in bs) ** 2
