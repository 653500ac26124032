"""The derivative argument (derivcheck/deciders/monotone.py): which centres it tries, which sides it asks about.

`by_derivative` proves `lhs <= rhs` on an interval from f(c) >= 0 at an exact centre c and the sign of f' on each
side of c. What is pinned here: every centre (the interval's closed ends, then 0, 1, -1, 1/2, 2) is tried in turn
until one works; a side of c that lies in the interval is never left out (dropping one proves false steps) and no
side is invented at an end; the sign asked on each side is the one the mean value theorem needs; only a "proved"
answer of the caller's prover counts; a centre where the step fails or cannot be judged is skipped; the cheap
sampled filter looks only inside the side, skips points where f' has no value, and rejects a wrong sign however
small; the time budget; and the method text that reports the proof.
"""

from __future__ import annotations

import json
from fractions import Fraction

import pytest
import sympy as sp

from derivcheck.deciders import monotone as MO
from derivcheck.deciders import transcendental as TR
from derivcheck.deciders.problem import Outcome, Problem
from derivcheck.reader.document import parse_assumptions
from derivcheck.reader.domains import Domain

R = sp.Rational
REAL = parse_assumptions("x real")
x = REAL.symbol("x")


def honest(q):
    """The prover gdpc itself uses one derivative down: bounds and Z3, never proving a false sign."""
    return TR._decide(q, 1)


def always(q):
    """A prover that proves everything: what is left to stop a proof is by_derivative's own guards."""
    return Outcome("proved", "stub")


def recording(seen, answer=always):
    """A prover that notes each sub-step it is asked (its relation and x's range) and answers as `answer` does."""
    def prove(q):
        seen.append((q.rel, q.assumptions.ranges["x"]))
        return answer(q)
    return prove


def _on(text):
    a = parse_assumptions(text)
    return a, a.symbol("x")


# -- the centres -----------------------------------------------------------------------------------------------
def test_the_centres_are_the_closed_ends_then_0_1_minus_1_one_half_and_2_inside_the_interval():
    assert MO._centres(Domain()) == [Fraction(0), Fraction(1), Fraction(-1), Fraction(1, 2), Fraction(2)]
    assert MO._centres(Domain(Fraction(-1), Fraction(1))) == [Fraction(-1), Fraction(1), Fraction(0), Fraction(1, 2)]
    # open ends are no centres (f need not be defined there), and a centre is tried once
    assert MO._centres(Domain(Fraction(-1), Fraction(1), True, True)) == [Fraction(0), Fraction(1, 2)]


@pytest.mark.parametrize("c", [R(0), R(1), R(-1), R(1, 2), R(2)], ids=str)
def test_a_step_touching_at_any_centre_is_proved_from_that_centre(c):
    # e^(x - c) >= x - c + 1 touches at x = c only, and f' = e^(x - c) - 1 has the sign of x - c: the earlier
    # centres hold but give no proof (f' has the wrong sign near c on one of their sides), so every centre before
    # c must be passed over and c itself tried; the sampled filter must look at the side's own points (on the left
    # of c for the side x <= c), or it rejects the one centre that works
    out = MO.by_derivative(Problem(sp.exp(x - c), ">=", x - c + 1, REAL), honest, TR.defined)
    assert out is not None and out.verdict == "proved"
    assert f"has f({c}) >= 0 and f' >= 0 for x >= {c} (" in out.method
    assert f") and f' <= 0 for x <= {c} (" in out.method
    assert out.method.endswith("(mean value theorem)")


def test_the_method_names_the_sign_asked_on_each_side_and_the_prover_that_proved_it():
    out = MO.by_derivative(Problem(sp.exp(x), ">=", 1 + x, REAL), always, TR.defined)
    assert out == Outcome("proved", "derivative argument: f = -x + exp(x) - 1 has f(0) >= 0 and f' >= 0 for x >= 0 "
                                    "(stub) and f' <= 0 for x <= 0 (stub) (mean value theorem)", {})


def test_a_centre_where_the_step_fails_is_skipped_even_if_the_derivative_has_the_right_signs_there():
    # x^2 >= 1 is false on (-1, 1); at the first centre 0 it fails, yet f' = 2x has exactly the sign of x, which
    # the honest prover proves on both sides: only f(0) >= 0 stops a false proof
    assert MO.by_derivative(Problem(x ** 2, ">=", sp.Integer(1), REAL), honest, TR.defined) is None


def test_a_centre_where_the_step_cannot_be_judged_is_skipped_and_a_later_one_proves_it():
    # sin(3000x)^2 + cos(3000x)^2 <= 1 on [-1, 1]: at the ends -1 and 1 the sides agree to every bit Arb has and the
    # arguments are too large for SymPy's zero test, so judge has no verdict (None); at 0 the values are exact.
    # f' is exactly 0, which is the right sign on both sides
    a, xa = _on("x in [-1, 1]")
    out = MO.by_derivative(Problem(sp.sin(3000 * xa) ** 2 + sp.cos(3000 * xa) ** 2, "<=", sp.Integer(1), a),
                           honest, TR.defined)
    assert out is not None and out.verdict == "proved"
    assert "has f(0) >= 0 and f' >= 0 for x >= 0 (" in out.method and "f' <= 0 for x <= 0 (" in out.method


# -- the sides -------------------------------------------------------------------------------------------------
def test_a_false_step_is_not_proved_from_an_end_where_it_holds():
    # x <= 0 on [-1, 1] holds at -1 (and 0) but not at 1: from the lower end -1 the side to its right, the whole
    # interval, needs f' = -1 >= 0; from the upper end 1 the step fails. Leaving out the side right of -1, or the
    # side left of 1 for the mirror step x >= 0, would "prove" it from f(end) >= 0 alone
    a, xa = _on("x in [-1, 1]")
    assert MO.by_derivative(Problem(xa, "<=", sp.Integer(0), a), honest, TR.defined) is None
    assert MO.by_derivative(Problem(xa, ">=", sp.Integer(0), a), honest, TR.defined) is None
    assert MO.by_derivative(Problem(xa, "<", sp.Integer(1), a), always, TR.defined) is None  # fails at 1


def test_at_an_end_only_the_side_inside_the_interval_is_asked_about():
    a, xa = _on("x in [-1, 1]")
    # x <= 1: f = 1 - x is decreasing; from the upper end 1 one side, [-1, 1] with f' <= 0, and nothing right of 1
    seen = []
    out = MO.by_derivative(Problem(xa, "<=", sp.Integer(1), a), recording(seen, honest), TR.defined)
    assert out.verdict == "proved" and "has f(1) >= 0 and f' <= 0 for x <= 1 (" in out.method
    assert seen[-1:] == [("<=", (-1, 1, False, False))] and " and f' >= 0" not in out.method
    # x >= -1: f = x + 1 is increasing; from the lower end -1 one side, [-1, 1] with f' >= 0
    seen = []
    out = MO.by_derivative(Problem(xa, ">=", sp.Integer(-1), a), recording(seen, honest), TR.defined)
    assert out.verdict == "proved" and "has f(-1) >= 0 and f' >= 0 for x >= -1 (" in out.method
    assert seen == [(">=", (-1, 1, False, False))]


def test_on_a_one_point_interval_the_value_there_is_the_whole_proof():
    # x in [1, 1]: both ends are the centre 1 and there is no side at all (f' = -1 would be the wrong sign for a
    # side right of 1, which does not exist)
    a, xa = _on("x in [1, 1]")
    seen = []
    out = MO.by_derivative(Problem(xa, "<=", sp.Integer(2), a), recording(seen), TR.defined)
    assert out is not None and out.verdict == "proved" and seen == []
    assert out.method.startswith("derivative argument: f = 2 - x has f(1) >= 0") and "f'" not in out.method


def test_each_side_is_asked_with_the_sign_the_mean_value_theorem_needs():
    seen = []
    out = MO.by_derivative(Problem(sp.exp(x), ">=", 1 + x, REAL), recording(seen), TR.defined)
    assert out.verdict == "proved"
    assert seen == [(">=", (0, None, False, False)), ("<=", (None, 0, False, False))]


# -- the prover's answer ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("verdict", ["refuted", "numerically holds, not proved", "undecided"])
def test_only_a_proof_of_each_side_counts(verdict):
    # any other answer of the prover, on either side, leaves the step unproved
    out = MO.by_derivative(Problem(sp.exp(x), ">=", 1 + x, REAL), lambda q: Outcome(verdict, "stub"), TR.defined)
    assert out is None
    assert MO.by_derivative(Problem(sp.exp(x), ">=", 1 + x, REAL), lambda q: None, TR.defined) is None


def test_a_proved_verdict_is_recognised_by_value_not_by_identity():
    # a prover's Outcome may come back through JSON or another process: its "proved" is an equal, distinct string
    verdict = json.loads('"proved"')
    out = MO.by_derivative(Problem(sp.exp(x), ">=", 1 + x, REAL), lambda q: Outcome(verdict, "stub"), TR.defined)
    assert out is not None and out.verdict == "proved"


# -- the guards ------------------------------------------------------------------------------------------------
def test_a_step_with_no_variable_or_two_is_not_for_the_derivative_argument():
    assert MO.by_derivative(Problem(sp.Integer(1), "<=", sp.Integer(2), REAL), always, TR.defined) is None
    # x y <= 0 is false (x = y = 1); at x = 0 y drops out, so only the one-variable guard keeps it from a proof
    b = parse_assumptions("x real; y real")
    xb, yb = b.symbol("x"), b.symbol("y")
    assert MO.by_derivative(Problem(xb * yb, "<=", sp.Integer(0), b), always, TR.defined) is None


def test_no_centre_is_started_with_less_than_a_second_left(monkeypatch):
    for left, proved in [(None, True), (2.0, True), (1.5, True), (1.0, True), (0.5, False), (0.0, False)]:
        seen = []
        monkeypatch.setattr(MO, "remaining", lambda left=left: left)
        out = MO.by_derivative(Problem(sp.exp(x), ">=", 1 + x, REAL), recording(seen), TR.defined)
        assert (out is not None) == proved, left
        assert bool(seen) == proved, left  # out of time: the prover is not even asked


# -- the sampled filter ----------------------------------------------------------------------------------------
def test_the_sampled_filter_rejects_a_wrong_sign_however_small_and_accepts_a_zero_derivative():
    right, left = Domain(Fraction(0), None), Domain(None, Fraction(0))
    assert not MO._sampled_sign_ok(-R(1, 2), x, right, 1)
    assert not MO._sampled_sign_ok(x / 1000 - R(1, 2), x, Domain(Fraction(0), Fraction(1)), 1)
    assert not MO._sampled_sign_ok(R(1, 2) + x / 1000, x, left, -1)
    assert MO._sampled_sign_ok(sp.Integer(0), x, right, 1) and MO._sampled_sign_ok(sp.Integer(0), x, left, -1)
    assert MO._sampled_sign_ok(x, x, right, 1) and MO._sampled_sign_ok(x, x, left, -1)


def test_the_sampled_filter_skips_points_where_the_derivative_has_no_value_and_goes_on():
    # -1/x^2 is negative wherever it is defined; on x <= 1 it is sampled at 1 - k^2, so at 0 (undefined: skipped),
    # then at -3, -8, ...
    left = Domain(None, Fraction(1))
    assert MO._sampled_sign_ok(-1 / x ** 2, x, left, -1)
    assert not MO._sampled_sign_ok(-1 / x ** 2, x, left, 1)  # the points after the undefined one still count
    # a denominator whose ball contains 0 at every sampled point: no point decides, nothing is rejected
    assert MO._sampled_sign_ok(1 / (sp.sin(x) ** 2 + sp.cos(x) ** 2 - 1), x, Domain(Fraction(1), None), 1)


def test_the_sampled_filter_looks_only_inside_a_bounded_side():
    # e^x >= 1 + x on a narrow interval: the proof is from 0, with f' = e^x - 1 >= 0 on [0, 1/10] and <= 0 on
    # [-1/10, 0]; f' has the wrong sign just outside either side, so a sample there would reject the centre
    a, xa = _on("x in [-1/10, 1/10]")
    out = MO.by_derivative(Problem(sp.exp(xa), ">=", 1 + xa, a), honest, TR.defined)
    assert out is not None and "has f(0) >= 0 and f' >= 0 for x >= 0 (" in out.method
    # (x + 3)^2 <= 4 on [-3, -1]: from the upper end -1, with f' = -2(x + 3) <= 0 on [-3, -1] but > 0 left of -3
    a, xa = _on("x in [-3, -1]")
    out = MO.by_derivative(Problem((xa + 3) ** 2, "<=", sp.Integer(4), a), honest, TR.defined)
    assert out is not None and "has f(-1) >= 0 and f' <= 0 for x <= -1 (" in out.method


def test_the_sampled_filter_looks_only_inside_a_half_line_ending_at_the_centre():
    # e^(x + 2) >= x + 3 for x <= -2: from the end -2, f' = e^(x + 2) - 1 <= 0 left of it and > 0 right of it
    a, xa = _on("x <= -2")
    out = MO.by_derivative(Problem(sp.exp(xa + 2), ">=", xa + 3, a), honest, TR.defined)
    assert out is not None and "has f(-2) >= 0 and f' <= 0 for x <= -2 (" in out.method


# -- an integer variable ----------------------------------------------------------------------------------------
def test_an_integer_variable_is_argued_over_the_reals_between_its_values():
    # n^3/3 - n^2/2 >= 0 is -1/6 at n = 1; its derivative n^2 - n is >= 0 at every integer but not on (0, 1), so a
    # prover of the sub-steps over the integers (Z3) must not lend the mean value theorem an integer side
    from derivcheck.deciders import procedures

    def z3(q):
        return procedures.decide_z3(q)

    ints = parse_assumptions("n integer nonnegative")
    n = ints.symbol("n")
    assert MO.by_derivative(Problem(n**3 / 3 - n**2 / 2, ">=", 0, ints), z3, lambda f, a: True) is None
    seen = []

    def asks(q):
        seen.append(q)
        return z3(q)
    # true over the reals from 1 on: proved, and every sub-step is asked about a real variable
    pos = parse_assumptions("n integer positive")
    m = pos.symbol("n")
    out = MO.by_derivative(Problem(m**3, ">=", m**2, pos), asks, lambda f, a: True)
    assert out is not None and out.verdict == "proved"
    assert seen and all(not s.is_integer for q in seen for s in q.lhs.free_symbols | q.rhs.free_symbols)
    assert all("integer" not in q.assumptions.props.get("n", ()) for q in seen)


def test_an_integer_range_is_relaxed_to_the_reals_between_its_least_and_greatest_integers():
    n = sp.Symbol("n", integer=True)
    F = Fraction
    for d, ends in ((Domain(F(1, 2), F(7, 2)), (F(1), F(3))), (Domain(F(0), F(5), True, True), (F(1), F(4))),
                    (Domain(F(0), F(5)), (F(0), F(5))), (Domain(F(-5, 2), None, True), (F(-2), None)),
                    (Domain(None, F(9, 4)), (None, F(2))), (Domain(None, F(-3), False, True), (None, F(-4)))):
        x, relaxed = MO._relaxed(n, d)
        assert (relaxed.lo, relaxed.hi) == ends, (d, relaxed)
        assert not (relaxed.lo_open or relaxed.hi_open or relaxed.integer)
        assert x.is_real and x.is_integer is None and x.name == "n"
    a = parse_assumptions("n integer positive nonzero")
    side = Domain(F(1), F(4))
    sub = MO._restricted(a, sp.Symbol("n", real=True), side)
    assert set(sub.props["n"]) == set(a.props["n"]) - {"integer"}  # every other property kept
    assert sub.ranges["n"] == (F(1), F(4), False, False)


def test_a_step_undefined_somewhere_is_not_proved_even_where_its_sides_cancel():
    # log x - log x is 0 and log(u)^2 + 1 - log(u)^2 is 1, defined everywhere; the steps are not, at x <= 0 and u = 0.
    # With a prover that proves everything, only the definedness of each side can stop the proof
    u_on, u = _on("u nonnegative")
    for lhs, rhs, a in ((sp.log(x), sp.log(x), REAL), (sp.log(u) ** 2, sp.log(u) ** 2 + 1, u_on)):
        assert MO.by_derivative(Problem(lhs, "<=", rhs, a), always, TR.defined) is None, (lhs, rhs)
        assert TR.decide(Problem(lhs, "<=", rhs, a)) is None, (lhs, rhs)
    # defined sides: the same shapes are proved (log(1 + x^2) - log(1 + x^2) = 0 <= 0)
    same = sp.log(1 + x ** 2)
    assert MO.by_derivative(Problem(same, "<=", same, REAL), always, TR.defined) is not None
