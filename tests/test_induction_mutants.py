"""Induction (derivcheck/deciders/induction.py), the behaviour its first tests left open: an equation's step proved
only from the least value on, the late start (at most N0 + 4, the cases below it evaluated), the backwards range at
the base, the base cases and the bounds (0, never less) of an inductive step, the ratio's sides and start, the
decider's guards, its order of tries and its evidence, and what a form SymPy or the bounds cannot take leaves."""

from __future__ import annotations

import sympy as sp

from derivcheck.deciders import induction
from derivcheck.deciders.problem import Problem
from derivcheck.reader.declarations import Assumptions
from derivcheck.reader.document import parse_assumptions

T = sp.Symbol("T", integer=True, positive=True)
N = sp.Symbol("N", integer=True, nonnegative=True)
n = sp.Symbol("n", integer=True, positive=True)
t = sp.Symbol("t", integer=True)
x = sp.Symbol("x", real=True)
rho = sp.Symbol("rho", positive=True)
A = Assumptions()
F = sp.factorial


def total(body, lo=1, hi=T):
    return sp.Sum(body, (t, lo, hi))


def test_an_equations_step_is_proved_from_the_least_value_up_not_below_it():
    # sum_{t=1}^T 1 = T + max(0, T - 3) holds at T = 1, 2, 3 only (4 != 5 at T = 4): its step max(0, T - 2) -
    # max(0, T - 3) is 0 for every real T <= 2 and not from T = 2 on, so a step proved at N0 - k (k >= 0) would prove it
    assert induction.prove(total(sp.Integer(1)), "=", T + sp.Max(0, T - 3), A) is None
    # the same once the logarithms must be combined (the step is 0 below T = 2 only after log (T+1)! - log T! = log(T+1))
    assert induction.prove(total(sp.log(t ** 2)), "=", 2 * sp.log(F(T)) + sp.Max(0, T - 3), A) is None
    # from N0 = 0: N (N - 1) has the same value at 0 and 1 (the step is 0 at N = 0 only), false from N = 2 on; a step
    # proved at N0 * k, N0 / k or N0 // k (all 0) would prove both
    assert induction.prove(sp.Sum(t, (t, 1, N)), "=", N * (N + 1) / 2 + N * (N - 1), A) is None
    assert induction.prove(sp.Sum(sp.log(t ** 2), (t, 1, N)), "=", 2 * sp.log(F(N)) + N * (N - 1), A) is None


def test_an_equations_step_proved_only_once_its_logarithms_are_combined():
    # log((T+1)^2) - 2 log (T+1)! + 2 log T!: SymPy does not simplify it to 0, gammasimp of the combined log does
    how = induction.prove(total(sp.log(t ** 2)), "=", 2 * sp.log(F(T)), A)
    assert how == "induction on T from T = 1 (base case and step: SymPy, identical)"


def test_a_range_running_backwards_at_the_base_is_refused_even_where_karrs_convention_agrees():
    # sum_{t=4}^{T+1} t at T = 1 runs from 4 to 2: an empty sum (0) to a paper, -3 by Karr's convention, which the
    # closed form (T+1)(T+2)/2 - 6 matches; the equation is false at T = 1 as a paper means it (0 != -3)
    assert induction.prove(total(t, 4, T + 1), "=", (T + 1) * (T + 2) / 2 - 6, A) is None


def test_the_step_may_hold_from_the_least_value_plus_four_on_not_later():
    a = parse_assumptions("k integer positive")
    k = a.symbol("k")
    # 10k <= k^2 + 25 is (k - 5)^2 >= 0; the step 2k - 9 < 0 for k <= 4: the start is 5 = N0 + 4, the last one tried
    how = induction.prove(10 * k, "<=", k ** 2 + 25, a)
    assert how.startswith("induction on k from k = 5 (k = 1..4 evaluated): the base case")
    # 12k <= k^2 + 36, (k - 6)^2 >= 0, its step 2k - 11 < 0 up to k = 5: the start would be N0 + 5, not tried
    assert induction.prove(12 * k, "<=", k ** 2 + 36, a) is None


def test_a_late_start_from_a_least_value_other_than_one():
    # least value 10: (k - 14)^2 >= 0, the step 2k - 27 < 0 up to k = 13, the start 14 = N0 + 4
    ten = parse_assumptions("k integer; k >= 10")
    k = ten.symbol("k")
    how = induction.prove(28 * k, "<=", k ** 2 + 196, ten)
    assert how.startswith("induction on k from k = 14 (k = 10..13 evaluated): the base case")
    # least value -1: (k - 3)^2 >= 0, the step 2k - 5 < 0 up to k = 2, the start 3 = N0 + 4
    below = parse_assumptions("k integer; k >= -1")
    k = below.symbol("k")
    how = induction.prove(6 * k, "<=", k ** 2 + 9, below)
    assert how.startswith("induction on k from k = 3 (k = -1..2 evaluated): the base case")


def test_no_cases_are_evaluated_when_the_start_is_the_least_value():
    # a least value above 256, where two equal Python ints need not be one object
    big = parse_assumptions("k integer; k >= 1000")
    k = big.symbol("k")
    assert induction.prove(k, "<=", k ** 2, big).startswith("induction on k from k = 1000: the base case")
    assert induction.by_ratio(k, "<=", k ** 2, big).startswith("induction on k from k = 1000 on the ratio")


def test_the_base_cases_are_the_values_up_to_the_start_and_no_further():
    # D(N) = N (e^x - 1 - x): D(0) = 0 is the only base case; D(1) = e^x - 1 - x >= 0 is not SymPy's nor Z3's (the
    # bounds prove it, in the step), so a base case at N = 1 would leave the step unproved
    how = induction.prove(0, "<=", sp.Sum(sp.exp(x) - 1 - x, (t, 1, N)), A)
    assert how is not None and "transcendental bounds" in how
    # the same on the ratio: (1 + x^2)^N <= e^(N x^2), equal at N = 0, the ratio 1 + x^2 <= e^(x^2) by the bounds
    how = induction.by_ratio((1 + x ** 2) ** N, "<=", sp.exp(N * x ** 2), A)
    assert how is not None and how.startswith("induction on N from N = 0 on the ratio")


def test_the_inductive_step_must_be_at_least_zero_by_the_bounds():
    # e^x - x - 3/2 >= 0 is false at x = 0: the bounds refute the step (not a proof), and e^x - x - 3/2 >= -1 holds
    assert induction.prove(0, "<=", sp.Sum(sp.exp(x) - x - sp.Rational(3, 2), (t, 1, N)), A) is None


def test_an_inductive_step_proved_only_once_its_logarithms_are_combined():
    # the step log((T+2)! x^(T+2)) - log((T+1)! x^(T+1)) - log(T + 2) - log x is not SymPy's sign as written but is 0
    # once combined: proved as >= 0 (not > 0: it is 0), by the combined form
    how = induction.prove(total(sp.log(t)) + T * sp.log(x), "<=", sp.log(F(T) * x ** T), A)
    assert how == ("induction on T from T = 1: the base case, and the step D(T + 1) - D(T) >= 0 for T >= 1 "
                   "(SymPy (the sign of the difference))")


def test_the_step_as_written_is_tried_before_its_combined_form():
    # log (T+1)! - log T! - log(T + 1) >= 0 is SymPy's as written: the method says so
    how = induction.prove(sp.log(F(T)), "<=", total(sp.log(t)), A)
    assert how.endswith("for T >= 1 (SymPy (assumptions (as written)))")


def test_steps_with_families_are_not_inductions_on_their_limit():
    # the terms must be free of any family: a family is left to the deciders that know its declared ranges
    xs = sp.IndexedBase("x", real=True)
    assert induction.prove(total(xs[t] ** 2), ">=", 0, A) is None
    assert induction.prove(xs[T], "<=", xs[T] + 1, A) is None


def test_the_decider_needs_an_inequality_whose_difference_has_an_integer_variable():
    a = parse_assumptions("k integer positive")
    k = a.symbol("k")
    # k + rho <= k + rho + 1: the integer cancels from the difference, which is 1: nothing to induct on
    assert induction.decide(Problem(k + rho, "<=", k + rho + 1, a)) is None
    # k <= 2k: the difference -k has one (the ratio of the sides, 1/2, has none)
    out = induction.decide(Problem(k, "<=", 2 * k, a))
    assert out is not None and out.method.startswith("induction on k from k = 1: the base case")
    # an equation, even one induction proves, is SymPy's
    assert induction.prove(total(t), "=", T * (T + 1) / 2, A) is not None
    assert induction.decide(Problem(total(t), "=", T * (T + 1) / 2, A)) is None


def test_the_decider_tries_the_difference_first_and_the_ratio_first_for_factorials():
    a = parse_assumptions("k integer positive")
    k = a.symbol("k")
    out = induction.decide(Problem(2 ** k, ">=", k + 1, a))
    assert out.verdict == "proved" and "on the ratio" not in out.method  # by_ratio would prove it too
    assert out.method.startswith("induction on k from k = 1: the base case")
    out = induction.decide(Problem(2 ** (n - 1), "<=", F(n), A))
    assert out.verdict == "proved" and "on the ratio" in out.method


def test_the_decider_reports_the_points_held_before_it():
    a = parse_assumptions("k integer positive")
    k = a.symbol("k")
    assert induction.decide(Problem(2 ** k, ">=", k + 1, a)).evidence == {"rechecked_points": 0}
    out = induction.decide(Problem(2 ** k, ">=", k + 1, a, notes={"points_held": 7}))
    assert out.evidence == {"rechecked_points": 7}


def test_the_ratio_needs_one_integer_variable_with_a_least_value():
    assert induction.by_ratio(rho, "<=", rho + 1, A) is None  # no integer variable
    assert induction.by_ratio(total(t), "<=", T ** 2, A) is None  # sums: induction on the difference
    m = sp.Symbol("m", integer=True)
    assert induction.by_ratio(2 ** m, "<=", 3 ** m, A) is None  # no least value (false for m < 0)
    bounded = parse_assumptions("m integer; m in [1, 5]")
    mb = bounded.symbol("m")
    assert induction.by_ratio(2 ** mb, "<=", 3 ** mb, bounded) is None  # finitely many values


def test_the_ratio_needs_both_sides_positive():
    # -(1/4)^n <= -(1/2)^(n+1): equal at n = 1, the ratios 1/4 <= 1/2, false from n = 2 (-1/16 > -1/8): the sides
    # are negative (above -1), and for negative sides the ratio argument proves nothing
    assert induction.by_ratio(-sp.Rational(1, 4) ** n, "<=", -sp.Rational(1, 2) ** (n + 1), A) is None


def test_the_ratio_step_must_hold_for_every_value_from_the_start():
    # n! <= 21^n: true at n = 1..9 and false from n = 56 on; the ratio n + 1 <= 21 fails from n = 21, and the ratio of
    # the ratios 21/(n + 1) is positive, not at least 1
    assert induction.by_ratio(F(n), "<=", 21 ** n, A) is None
    # n! <= e^(3n), false from n = 60 or so: the ratio n + 1 <= e^3 fails from n = 20; e^3/(n + 1) is positive and
    # e^3 + n + 1, e^3 (n + 1) are at least 1, but only e^3/(n + 1) >= 1 is the ratio step
    assert induction.by_ratio(F(n), "<=", sp.exp(3 * n), A) is None


def test_a_ratio_step_true_only_at_integers_is_proved_over_the_integers():
    # R(n) = 4n^3/3 - 8n^2 + 91n/6 > 0 for n > 0, and R(n + 1) - R(n) = (2n - 3)^2 - 1/2: at least 1/2 at every integer
    # ((2n - 3)^2 >= 1), -1/2 at n = 3/2; so 1 <= R(n + 1)/R(n) holds for every integer n >= 1, not for every real one
    R = sp.Rational(4, 3) * n ** 3 - 8 * n ** 2 + sp.Rational(91, 6) * n
    how = induction.by_ratio(sp.Integer(1), "<=", R, A)
    assert how is not None and how.startswith("induction on n from n = 1 on the ratio") and how.endswith("(Z3)")


def test_a_late_start_on_the_ratio():
    a = parse_assumptions("k integer positive")
    k = a.symbol("k")
    # 6^k <= 65 k!: the ratios 6 <= k + 1 from k = 5 = N0 + 4 on; the values at k = 1..4 evaluated
    how = induction.by_ratio(6 ** k, "<=", 65 * F(k), a)
    assert how is not None and how.startswith("induction on k from k = 5 (k = 1..4 evaluated) on the ratio")


def test_the_ratio_method_shows_both_ratios():
    how = induction.by_ratio(2 ** (n - 1), "<=", F(n), A)
    assert "R(n + 1)/R(n) = n + 1 for n >= 1" in how


def test_a_step_that_cannot_be_evaluated_at_an_integer_gives_no_reason_to_start_later():
    # Mod(1, m - 3) + 2 raises ZeroDivisionError at m = 3 and is >= 0 elsewhere: the start is the least value
    assert induction._start(lambda m: sp.Mod(1, m - 3) + 2, 1) == 1


def test_a_form_sympy_cannot_rewrite_is_kept_as_it_was(monkeypatch):
    def cannot(*args, **kwargs):
        raise sp.PolynomialError("cannot")
    monkeypatch.setattr(induction.sp, "gammasimp", cannot)
    e = sp.log(F(T + 1)) - sp.log(F(T))
    assert induction._gamma_logs(e) == e


def test_a_form_the_bounds_cannot_take_is_not_proved_by_them():
    a = parse_assumptions("k integer positive")
    k = a.symbol("k")
    # the bounds take no factorial (NotApplicable): no proof, no crash
    assert induction._by_bounds(sp.Integer(0), F(k) - 2 ** k, a) is None
