"""Two powers of one exponent compared by their bases (derivcheck.deciders.common_exponent)."""

from __future__ import annotations

import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from derivcheck.deciders import common_exponent
from derivcheck.deciders.problem import Outcome, Problem
from derivcheck.reader.document import parse_assumptions

A = parse_assumptions(r"a in [0, 1]; T nonnegative; x real; b in [0, 2]")
a, T, x, b = (A.symbol(v) for v in ("a", "T", "x", "b"))


class Recorder:
    """Answers every step it is asked with `verdict` (None: no answer), a side condition (a step against 0) with
    `condition`, and keeps them."""

    def __init__(self, verdict="proved", condition=None):
        self.asked, self.verdict = [], verdict
        self.condition = verdict if condition is None else condition

    def __call__(self, p: Problem):
        self.asked.append((p.lhs, p.rel, p.rhs))
        answer = self.condition if p.rhs == 0 else self.verdict
        return Outcome(answer, "Z3") if answer else None


def test_an_exponential_is_read_as_a_power_of_the_same_exponent():
    assert common_exponent.bases((1 - a) ** (2 * T), sp.exp(-2 * a * T)) == (1 - a, sp.exp(-a), 2 * T)
    assert common_exponent.bases(sp.exp(-a * T), (1 - a) ** T) == (sp.exp(-a), 1 - a, T)  # either side
    assert common_exponent.bases((1 - a) ** T, (1 + a) ** T) == (1 - a, 1 + a, T)
    # exponents that differ, a number exponent, an exponent in the denominator that may be 0: nothing
    assert common_exponent.bases((1 - a) ** T, (1 + a) ** (T + 1)) is None
    assert common_exponent.bases((1 - a) ** 2, sp.exp(-2 * a)) is None
    assert common_exponent.bases((1 - a) ** x, sp.exp(-a)) is None


def test_the_bases_are_compared_with_the_same_relation_and_the_conditions_shown_first():
    r = Recorder()
    out = common_exponent.decide(Problem((1 - a) ** (2 * T), "<=", sp.exp(-2 * a * T), A), r)
    assert out is not None and out.verdict == "proved" and "the bases compared" in out.method
    assert r.asked == [(1 - a, "<=", sp.exp(-a))]
    r = Recorder()
    assert common_exponent.decide(Problem(sp.exp(-a * T), ">=", (1 - a) ** T, A), r) is not None
    assert r.asked == [(1 - a, "<=", sp.exp(-a))]  # >= read from the other side
    # a base comparison not proved proves nothing; nor does a strict step with an exponent that may be 0
    assert common_exponent.decide(Problem((1 - a) ** T, "<=", sp.exp(-a * T), A), Recorder(None)) is None
    assert common_exponent.decide(Problem((1 - a) ** T, "<=", sp.exp(-a * T), A), Recorder("refuted")) is None
    assert common_exponent.decide(Problem((1 - a) ** T, "<", sp.exp(-a * T), A), Recorder("refuted")) is None
    # a base that may be negative: t^E is not monotone there ((1 - b)^T with b in [0, 2]); B >= 0 is asked as a step
    # of its own, and without its proof nothing is proved
    r = Recorder(None)
    assert common_exponent.decide(Problem((1 - b) ** T, "<=", sp.exp(-b * T), A), r) is None
    assert r.asked == [(1 - b, ">=", 0)]
    # the condition answered otherwise than proved proves nothing, whatever the bases' comparison
    for answer in ("refuted", "numerically holds, not proved", "undecided", "holds for d <= 4"):
        assert common_exponent.decide(Problem((1 - b) ** T, "<=", sp.exp(-b * T), A), Recorder("proved", answer)) is None
    assert common_exponent.decide(Problem((1 - b) ** T, "<=", sp.exp(-b * T), A), Recorder("proved")) is not None
    # a strict step needs E > 0: T >= 0 is not enough (at T = 0 both sides are 1), and E > 0 is asked as a step
    r = Recorder("proved", "")
    assert common_exponent.decide(Problem((1 - a) ** T, "<", sp.exp(-a * T), A), r) is None
    assert r.asked == [(T, ">", 0)]
    assert common_exponent.decide(Problem((1 - a) ** T, "<=", sp.exp(-a * T), A), Recorder("proved", "")) is not None
    # the bases' comparison answered otherwise than proved proves nothing
    for answer in ("numerically holds, not proved", "undecided", "holds for d <= 4"):
        assert common_exponent.decide(Problem((1 - a) ** T, "<=", sp.exp(-a * T), A), Recorder(answer, "")) is None


def test_the_contraction_rates_of_the_field_are_proved_and_their_false_variants_are_not():
    from tests.rows import verdicts
    head = (r"% assume: \mu positive; \eta in (0, 1/\mu]; \epsilon in (0, 1); T >= \frac{1}{\eta\mu}\log\frac{1}{\epsilon}"
            "\n")
    got = verdicts(head, r"(1 - \eta\mu)^{2T} &\le e^{-2\eta\mu T}", r"(1 - \eta\mu)^{2T} &\le e^{-4\eta\mu T}",
                   r"(1 - \eta\mu)^{2T} &\ge e^{-2\eta\mu T}")
    assert [v.verdict for v in got] == ["proved", "refuted", "refuted"], [(v.verdict, v.method) for v in got]
    assert "the bases compared" in got[0].method


_DECIDED: dict = {}


def _decided(k: int):
    """The decider's answer on (1 - a)^T <= e^{-k a T}, once for each k."""
    if k not in _DECIDED:
        from derivcheck import decider_chain
        _DECIDED[k] = common_exponent.decide(Problem((1 - a) ** T, "<=", sp.exp(-k * a * T), A), decider_chain.proof_of)
    return _DECIDED[k]


@pytest.mark.slow  # a property over 10 s: the slow tier
@settings(max_examples=30, deadline=None)
@given(st.integers(0, 6), st.fractions(0, 1), st.integers(1, 5))
def test_what_is_proved_holds_at_exact_points(t, av, k):
    """(1 - a)^T <= e^{-k a T}: proved exactly for k = 1 (1 - a <= e^{-a}; for k >= 2 the bases' comparison fails at
    a = 1/2), and whenever proved it holds at exact points of the domain."""
    out = _decided(k)
    if out is not None:
        value = ((1 - a) ** T - sp.exp(-k * a * T)).subs({a: sp.Rational(av.numerator, av.denominator), T: t})
        assert sp.N(value, 30) <= 0, (k, av, t)
    assert (out is not None) == (k == 1), (k, out)
