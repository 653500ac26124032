"""Integer variables on a growing scale (derivcheck/deciders/large_integers.py) and the compiled Arb evaluation
behind it (arb_eval.compile_ball): bounds false only for large n are refuted at the first n where they fail; where
the scale starts and ends, which steps and points it skips, the values of the other variables and what a
counterexample shows."""

from fractions import Fraction

import flint
import pytest
import sympy as sp
from hypothesis import given
from hypothesis import strategies as st

from derivcheck.deciders import large_integers
from derivcheck.deciders.arb_eval import compile_ball, evaluate
from derivcheck.deciders.problem import Problem
from derivcheck.files import check_latex
from derivcheck.reader.declarations import Assumptions

n = sp.Symbol("n", integer=True, positive=True)
k = sp.Symbol("k", integer=True)
POSITIVE_N = Assumptions(props={"n": {"integer", "positive"}})


def first_failure(partial, bound, start=1, stop=5000):
    """The first n where partial(n) > bound, by exact rational arithmetic (independent of Arb)."""
    for m in range(start, stop):
        if partial(m) > bound:
            return m
    return None


def test_the_basel_bound_eight_fifths_is_refuted_at_the_first_n_where_it_fails():
    exact = first_failure(lambda m: sum(Fraction(1, j * j) for j in range(1, m + 1)), Fraction(8, 5))
    (v,) = check_latex("% assume: n integer positive\n"
                       "\\begin{align} \\sum_{k=1}^{n} \\frac{1}{k^2} &\\le \\frac{8}{5} \\end{align}").verdicts
    assert v.verdict == "refuted" and v.method == "counterexample (integer n on a growing scale)"
    assert int(v.evidence["counterexample"]["n"]) == exact == 22
    assert "Arb ball" in v.evidence["certified_by"]


def test_a_harmonic_bound_false_from_t_17_and_a_term_that_depends_on_n():
    harmonic = first_failure(lambda m: float(sum(Fraction(1, j) for j in range(1, m + 1))) - 0.5 * float(
        sp.log(m)), 2.0)  # the gap grows by about 1/(2m) per step: floats separate it by far more than their error
    out = large_integers.scan(Problem(sp.Sum(1 / k, (k, 1, n)), "<=", 2 + sp.log(n) / 2, POSITIVE_N), 2**12, 5)
    assert out is not None and int(out.evidence["counterexample"]["n"]) == harmonic == 17
    # sum_{k <= n} k / n^2 = (n + 1) / (2n) >= 1/2 + 1/100 fails from n = 51: the term depends on n itself
    out = large_integers.scan(Problem(sp.Sum(k / n ** 2, (k, 1, n)), ">=", sp.Rational(51, 100), POSITIVE_N), 2**12, 5)
    assert out is not None and int(out.evidence["counterexample"]["n"]) == 51


def test_an_integer_exponent_on_the_scale():
    # (1 + 1/n)^n <= 27/10 fails from the first n where it passes 2.7 (it increases to e)
    exact = first_failure(lambda m: (1 + Fraction(1, m)) ** m, Fraction(27, 10), start=16, stop=400)
    out = large_integers.scan(Problem((1 + 1 / n) ** n, "<=", sp.Rational(27, 10), POSITIVE_N), 2**12, 5)
    assert out is not None and int(out.evidence["counterexample"]["n"]) == exact


def test_true_bounds_are_never_refuted_on_the_scale():
    for lhs, rhs in ((sp.Sum(1 / k ** 2, (k, 1, n)), 2 - 1 / n), (sp.Sum(1 / sp.sqrt(k), (k, 1, n)), 2 * sp.sqrt(n)),
                     ((1 + 1 / n) ** n, sp.E), (sp.Sum(k, (k, 1, n)), n * (n + 1) / 2)):
        rel = "=" if lhs.has(sp.Sum) and sp.simplify(lhs.doit() - rhs) == 0 else "<="
        assert large_integers.scan(Problem(lhs, rel, rhs, POSITIVE_N), 2**14, 30) is None, (lhs, rhs)


def test_the_scale_respects_the_declared_range_and_needs_an_integer():
    bounded = Assumptions(props={"n": {"integer", "positive"}}, ranges={"n": (Fraction(1), Fraction(20), False, False)})
    assert large_integers.scan(Problem(sp.Sum(1 / k ** 2, (k, 1, n)), "<=", sp.Rational(8, 5), bounded), 2**12, 5) \
        is None  # n <= 20: the bound holds there
    x = sp.Symbol("x", positive=True)
    assert large_integers.scan(Problem(x ** 2, "<=", x, Assumptions()), 2**12, 5) is None  # x is not an integer


@given(st.lists(st.fractions(min_value=-5, max_value=5, max_denominator=50), min_size=1, max_size=4),
       st.lists(st.integers(min_value=0, max_value=40), min_size=1, max_size=6))
def test_a_compiled_partial_sum_carried_between_calls_equals_the_exact_sum(coefficients, bounds):
    term = sum(sp.Rational(c.numerator, c.denominator) * k ** j for j, c in enumerate(coefficients)) / (k + 1)
    f = compile_ball(sp.Sum(term, (k, 1, n)), [n])
    flint.ctx.prec = 128
    try:
        for m in bounds:  # up and down: going back starts the sum again
            exact = sum((term.subs(k, j) for j in range(1, m + 1)), sp.Integer(0))
            b = f({n: flint.arb(m)})
            # the exact sum's own ball (radius ~1e-39) meets b, and b is tight: b encloses the exact value
            assert b.overlaps(flint.arb(flint.fmpq(int(sp.Rational(exact).p), int(sp.Rational(exact).q))))
            assert b.rad() < flint.arb(10) ** -25
    finally:
        flint.ctx.prec = 53


def test_compiled_and_direct_evaluation_agree():
    x = sp.Symbol("x", real=True)
    expr = sp.exp(x) * sp.log(1 + x ** 2) + sp.sqrt(x ** 2 + 1) / (2 + sp.cos(x)) + sp.Max(x, 1 - x)
    for v in (Fraction(-3, 2), Fraction(0), Fraction(7, 3)):
        a = evaluate(expr, {x: v})
        flint.ctx.prec = 128
        try:
            b = compile_ball(expr, [x])({x: flint.arb(flint.fmpq(v.numerator, v.denominator))})
        finally:
            flint.ctx.prec = 53
        assert a.overlaps(b) and abs(a.mid() - b.mid()) < flint.arb(10) ** -30


# -- the scale itself: where it starts, how far it goes, how the first failure is reported ----------------------------

BASEL = sp.Sum(1 / k ** 2, (k, 1, n))


def scanned(lhs, rel, rhs, assumptions=POSITIVE_N, limit=2**12, seconds=5):
    """The counterexample's point, or None."""
    out = large_integers.scan(Problem(lhs, rel, rhs, assumptions), limit, seconds)
    return None if out is None else out.evidence["counterexample"]


def positive_n_up_to(hi):
    return Assumptions(props={"n": {"integer", "positive"}}, ranges={"n": (Fraction(1), Fraction(hi), False, False)})


def test_the_scale_starts_at_16_and_the_forward_scan_looks_only_above_8():
    # sum_{k <= n} k = n (n + 1) / 2 <= 30 fails from n = 8 (36); the scale's first n is 16, where it fails, and the
    # forward scan looks at (16/2, 16] only: smaller n are the ordinary search's, so 9 is reported, not 8
    assert scanned(sp.Sum(k, (k, 1, n)), "<=", 30) == {"n": "9"}
    # n (n + 1) / 2 <= 110 fails from n = 15 (120): the scan finds the last point below n = 16 too
    assert scanned(sp.Sum(k, (k, 1, n)), "<=", 110) == {"n": "15"}


def test_a_variable_whose_range_ends_at_or_after_16_is_on_the_scale():
    # n^2 <= 255 fails from n = 16; n <= 16 and n <= 20 both reach the scale's first point, n = 16
    assert scanned(n ** 2, "<=", 255, positive_n_up_to(16)) == {"n": "16"}
    assert scanned(n ** 2, "<=", 255, positive_n_up_to(20)) == {"n": "16"}
    # below 16 there is nothing to scale: the ordinary search covers n <= 15
    assert scanned(n ** 2, "<=", 15, positive_n_up_to(15)) is None


def test_the_forward_scan_skips_values_outside_the_declared_range():
    # n >= 20: 16 is not a value of n, 32 is where the bound fails, and 17..19 are skipped on the way to 22
    from_20 = Assumptions(props={"n": {"integer", "positive"}}, ranges={"n": (Fraction(20), None, False, False)})
    assert scanned(BASEL, "<=", sp.Rational(8, 5), from_20) == {"n": "22"}


def test_the_forward_scan_skips_points_where_the_ball_cannot_decide_or_a_side_is_undefined():
    def basel(m):
        return sum(Fraction(1, j * j) for j in range(1, m + 1))
    # a sum up to n/2: at odd n its bound is not an integer (Unresolved), the even n are scanned; 64 fails, 44 first
    assert scanned(sp.Sum(1 / k ** 2, (k, 1, n / 2)), "<=", sp.Rational(8, 5)) == {"n": "44"}
    # 8/5 + 1/(n - 20)^2 is undefined at n = 20, inside (16, 32]: skipped, and the first failure after it reported
    (m,) = scanned(BASEL, "<=", sp.Rational(8, 5) + 1 / (n - 20) ** 2).values()
    m = int(m)
    assert basel(m) > Fraction(8, 5) + Fraction(1, (m - 20) ** 2)
    assert all(basel(j) <= Fraction(8, 5) + Fraction(1, (j - 20) ** 2) for j in range(17, m) if j != 20)
    assert m == 30


def test_the_forward_scan_stops_at_two_to_the_16():
    # n^2 <= 39999^2: 32768 holds, 65536 = 2^16 fails, and the scan up to 2^16 finds 40000
    assert scanned(n ** 2, "<=", 39999 ** 2, limit=2**20) == {"n": "40000"}
    # n^2 <= 99999^2: 65536 holds, 131072 fails; past 2^16 the scale's point itself is reported
    assert scanned(n ** 2, "<=", 99999 ** 2, limit=2**20) == {"n": "131072"}


def test_the_early_scan_reaches_two_to_the_12_and_no_further():
    # decide_early outside any budget (2 s): false from n = 4096 = 2^12 is refuted there, false from 4097 is left
    out = large_integers.decide_early(Problem(n ** 2, "<=", 4095 ** 2, POSITIVE_N))
    assert out is not None and out.evidence["counterexample"] == {"n": "4096"}
    assert large_integers.decide_early(Problem(n ** 2, "<=", 4096 ** 2, POSITIVE_N)) is None


def test_the_late_scan_reaches_two_to_the_20_and_no_further():
    out = large_integers.decide_late(Problem(n ** 2, "<=", (2**20 - 1) ** 2, POSITIVE_N))
    assert out is not None and out.evidence["counterexample"] == {"n": str(2**20)}
    assert large_integers.decide_late(Problem(n ** 2, "<=", 2**40, POSITIVE_N)) is None


def test_the_time_given_to_each_scan(monkeypatch):
    # early: 2 s, or what is left of the step if less; late: 10 s, or half of what is left if less
    calls = []
    monkeypatch.setattr(large_integers, "scan", lambda p, limit, seconds: calls.append((limit, seconds)))
    p = Problem(BASEL, "<=", sp.Rational(8, 5), POSITIVE_N)
    for left in (None, 1.5, 5.0, 9.0, 30.0):
        monkeypatch.setattr(large_integers, "remaining", lambda left=left: left)
        large_integers.decide_early(p)
        large_integers.decide_late(p)
    assert calls == [(2**12, 2.0), (2**20, 10.0), (2**12, 1.5), (2**20, 0.75), (2**12, 2.0), (2**20, 2.5),
                     (2**12, 2.0), (2**20, 4.5), (2**12, 2.0), (2**20, 10.0)]


def test_the_scan_stops_at_its_deadline():
    # no time: nothing is tried; one second is far more than the 22 steps the Basel bound needs
    assert scanned(BASEL, "<=", sp.Rational(8, 5), seconds=0) is None
    assert scanned(BASEL, "<=", sp.Rational(8, 5), seconds=1.0) == {"n": "22"}


# -- what the verdict says -------------------------------------------------------------------------------------------

def test_the_counterexample_shows_both_sides_to_20_digits_and_the_precision():
    out = large_integers.scan(Problem(BASEL, "<=", sp.Rational(8, 5), POSITIVE_N), 2**12, 5)
    assert out.evidence["certified_by"] == "Arb ball at 128 bits"
    assert out.evidence["found_by"] == "integer n on a growing scale"
    exact = sum(Fraction(1, j * j) for j in range(1, 23))
    for shown, value in ((out.evidence["lhs"], exact), (out.evidence["rhs"], Fraction(8, 5))):
        mid = shown.strip("[").split(" ")[0]
        assert len(mid.replace(".", "")) == 20, shown  # 20 significant digits, then the radius
        assert abs(Fraction(mid) - value) < Fraction(1, 10**19), shown


def test_a_side_without_a_value_is_shown_as_a_question_mark():
    # the sides differ by the Basel sum alone, so the step fails at n = 22; each side alone has no ball there
    out = large_integers.scan(Problem(BASEL + 1 / (n - 22), "<=", sp.Rational(8, 5) + 1 / (n - 22), POSITIVE_N),
                              2**12, 5)  # undefined at n = 22
    assert out.evidence["counterexample"] == {"n": "22"} and (out.evidence["lhs"], out.evidence["rhs"]) == ("?", "?")
    out = large_integers.scan(Problem(BASEL + sp.factorial(n), "<=", sp.Rational(8, 5) + sp.factorial(n),
                                      POSITIVE_N), 2**12, 5)  # no ball evaluation of factorial(n)
    assert out.evidence["counterexample"] == {"n": "22"} and (out.evidence["lhs"], out.evidence["rhs"]) == ("?", "?")


def test_a_point_of_the_scale_where_a_side_is_undefined_is_skipped():
    # 1/(n - 16) has no value at n = 16: that is `definedness`'s to refute; the scan goes on to n = 32, where
    # H_n <= 1/(n - 16) fails, and the forward scan finds it already at 17 (H_17 > 1)
    out = large_integers.scan(Problem(sp.Sum(1 / k, (k, 1, n)), "<=", 1 / (n - 16), POSITIVE_N), 2**12, 5)
    assert out.evidence["counterexample"] == {"n": "17"} and out.evidence["certified_by"] == "Arb ball at 128 bits"


def test_a_ball_that_cannot_be_decided_is_skipped_never_guessed():
    assert scanned(BASEL, "<=", sp.factorial(n)) is None  # factorial(n) has no ball: every point is skipped
    i = sp.Idx("i")  # a free symbol that is not a variable: no compiled ball at all
    assert scanned(n ** 2 + i, "<=", 255) is None


def test_the_relation_decides_which_balls_fail():
    # b encloses rhs - lhs: the relation fails only when every point of b says so
    zero, minus, plus, around = flint.arb(0), flint.arb(-0.5), flint.arb(0.5), flint.arb(0, 1)
    fails = large_integers._fails
    assert [fails(b, "<=") for b in (minus, zero, plus, around)] == [True, False, False, False]
    assert [fails(b, "<") for b in (minus, zero, plus, around)] == [True, True, False, False]
    assert [fails(b, ">=") for b in (minus, zero, plus, around)] == [False, False, True, False]
    assert [fails(b, ">") for b in (minus, zero, plus, around)] == [False, True, True, False]
    assert [fails(b, "=") for b in (minus, zero, plus, around)] == [True, False, True, False]
    assert [fails(b, "!=") for b in (minus, zero, plus, around)] == [False] * 4  # never refuted on the scale


# -- which steps are scanned, and the values of the other variables --------------------------------------------------

def test_only_steps_with_a_sum_a_product_or_a_power_are_scanned():
    assert scanned(n, "<=", 100) is None  # plain: the ordinary search's
    assert scanned(sp.Sum(k, (k, 1, n)), "<=", 30) is not None  # a sum on one side only, no power


def test_an_inequation_is_not_even_evaluated(monkeypatch):
    # no ball can certify that two sides are equal, so a != step is never refuted on the scale: it is passed at
    # once, without compiling its sides or spending its time on n up to the limit
    monkeypatch.setattr(large_integers, "compile_ball", lambda *args: pytest.fail("a != step was compiled"))
    assert scanned(BASEL, "!=", sp.Rational(8, 5)) is None
    assert scanned(1 / (n - 16) ** 2, "!=", 1) is None


def test_a_step_with_indexed_values_is_left_to_the_other_deciders():
    y = sp.IndexedBase("y")
    assert scanned(BASEL + y[1], "<=", sp.Rational(8, 5) + y[1]) is None


def test_the_other_variables_take_1_or_the_first_special_value_of_their_domain():
    x = sp.Symbol("x", real=True)
    # x real: 1, so the bound fails from n = 1 and the forward scan of (8, 16] reports 9
    assert scanned(BASEL + x, "<=", sp.Rational(8, 5)) == {"n": "9", "x": "1"}
    # x in [0, 1]: 1 as well
    unit = Assumptions(props={"n": {"integer", "positive"}}, ranges={"x": (Fraction(0), Fraction(1), False, False)})
    assert scanned(BASEL + x, "<=", sp.Rational(8, 5), unit) == {"n": "9", "x": "1"}
    # x <= 0: not 1 but the first special value, 0
    nonpositive = Assumptions(props={"n": {"integer", "positive"}, "x": {"nonpositive"}})
    assert scanned(BASEL + x, "<=", sp.Rational(8, 5), nonpositive) == {"n": "22", "x": "0"}


def test_a_variable_with_no_value_stops_the_scan():
    # x an integer in [1/3, 2/3]: no such x, the step is vacuous, and no counterexample may be given without x
    # (it cancels from rhs - lhs, so the sum alone would fail at n = 22)
    x = sp.Symbol("x", integer=True)
    empty = Assumptions(props={"n": {"integer", "positive"}, "x": {"integer"}},
                        ranges={"x": (Fraction(1, 3), Fraction(2, 3), False, False)})
    assert scanned(BASEL + x, "<=", sp.Rational(8, 5) + x, empty) is None
