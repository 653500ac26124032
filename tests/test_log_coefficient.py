"""A step divided by the positive coefficient of a logarithm in it (derivcheck.deciders.log_coefficient)."""

from __future__ import annotations

import sympy as sp

from derivcheck.deciders import log_coefficient
from derivcheck.deciders.problem import Outcome, Problem
from derivcheck.functions import MaxOver
from derivcheck.reader.document import parse_assumptions

A = parse_assumptions(r"\tau positive; u real; c in [-1, 1]; n integer positive")
tau, u, c, n = (A.symbol(v) for v in ("tau", "u", "c", "n"))
i = sp.Symbol("i", integer=True)
z = sp.IndexedBase("z", real=True)


class Recorder:
    def __init__(self, verdict="proved"):
        self.asked, self.verdict = [], verdict

    def __call__(self, p: Problem):
        self.asked.append((p.lhs, p.rel, p.rhs))
        return Outcome(self.verdict, "Z3") if self.verdict else None


def test_the_coefficients_are_the_non_numeric_factors_of_terms_with_a_logarithm():
    lse = sp.log(sp.Sum(sp.exp(z[i] / tau), (i, 1, n)))
    assert log_coefficient.coefficients(MaxOver(z[i], (i, 1, n)), tau * lse) == [tau]
    assert set(log_coefficient.coefficients(u, 2 * tau * u * sp.log(u ** 2 + 1) + tau * sp.log(2))) == {tau * u, tau}
    assert log_coefficient.coefficients(u, 3 * sp.log(u ** 2 + 1)) == []  # a number is no coefficient to divide by
    assert log_coefficient.coefficients(u, tau * u) == []  # no logarithm


def test_the_step_is_divided_only_by_a_coefficient_shown_positive_and_only_a_proof_counts():
    r = Recorder()
    out = log_coefficient.decide(Problem(u, "<=", tau * sp.log(1 + sp.exp(u / tau)), A), r)
    assert out is not None and out.method.startswith("both sides divided by tau > 0")
    assert r.asked == [(u / tau, "<=", sp.log(1 + sp.exp(u / tau)))]
    # c may be 0 or negative: dividing by it would change or flip the relation
    r = Recorder()
    assert log_coefficient.decide(Problem(u, "<=", c * sp.log(1 + sp.exp(u)), A), r) is None and r.asked == []
    assert log_coefficient.decide(Problem(u, "<=", tau * sp.log(1 + sp.exp(u / tau)), A), Recorder(None)) is None
    assert log_coefficient.decide(Problem(u, "<=", tau * sp.log(1 + sp.exp(u / tau)), A), Recorder("refuted")) is None
    assert log_coefficient.decide(Problem(u, "!=", tau * sp.log(2), A), Recorder()) is None


def test_the_smoothed_maximum_is_proved_and_its_false_variants_are_refuted():
    from tests.rows import verdicts
    head = "% assume: n integer positive; \\tau positive\n% index: i in 1..n\n% assume: z_i real\n"
    got = verdicts(head, r"\max_{i} z_i &\le \tau\log\sum_{i=1}^{n} e^{z_i/\tau}",
                   r"\max_{i} z_i &\le \tau\log\sum_{i=1}^{n} e^{z_i/\tau} - \tau\log 2",
                   r"\max_{i} z_i &\ge \tau\log\sum_{i=1}^{n} e^{z_i/\tau}")
    assert [v.verdict for v in got] == ["proved", "refuted", "refuted"], [(v.verdict, v.method) for v in got]
    assert "divided by tau > 0" in got[0].method


def test_which_coefficients_are_tried_and_when_a_division_counts():
    B = parse_assumptions(r"\tau positive; u in [1, 2]; w in [-1/2, 1]; p, q, r, s positive")
    tau_, u_, w_ = (B.symbol(v) for v in ("tau", "u", "w"))
    p_, q_, r_, s_ = (B.symbol(v) for v in "pqrs")
    # a term without a logarithm first (the number 1, first in SymPy's order) does not end the scan; at most three
    assert log_coefficient.coefficients(0, 1 + tau_ * sp.log(2)) == [tau_]
    four = p_ * sp.log(2) + q_ * sp.log(3) + r_ * sp.log(5) + s_ * sp.log(7)
    assert len(log_coefficient.coefficients(0, four)) == log_coefficient.MAX_FACTORS == 3
    soft = sp.log(1 + sp.exp(u_))
    # u - 1/2 > 0 by Z3 over u in [1, 2] (SymPy's assumptions alone do not show it): divided
    assert log_coefficient.decide(Problem(u_, "<=", (u_ - sp.Rational(1, 2)) * soft, B), Recorder()) is not None
    # w in [-1/2, 1] may be 0 or negative: not divided (w > -1 would hold, w > 0 does not)
    assert log_coefficient.decide(Problem(u_, "<=", w_ * soft, B), Recorder()) is None
    # a coefficient that is not positive does not stop the next one from being tried
    r = Recorder()
    assert log_coefficient.decide(Problem(u_ + w_ * sp.log(2), "<=", tau_ * soft, B), r) is not None
    assert r.asked == [((u_ + w_ * sp.log(2)) / tau_, "<=", soft)]
    # only a proof of the divided step counts
    for answer in ("numerically holds, not proved", "holds for d <= 4", "undecided", "refuted"):
        assert log_coefficient.decide(Problem(u_, "<=", tau_ * soft, B), Recorder(answer)) is None
