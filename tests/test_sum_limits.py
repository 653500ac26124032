"""A sum's limits as a paper means them (derivcheck/deciders/sum_limits.py, the reader's literal ranges, judge):
integers, with the range forward or empty. SymPy's Karr convention (sum_{t=1}^{-2} 1 = -2) and its closed forms at
a real limit must never refute a true step, and a false step must still be refuted where the sum means something."""

from __future__ import annotations

import pytest
import sympy as sp
from hypothesis import given
from hypothesis import strategies as st

from derivcheck.deciders import sum_limits
from derivcheck.deciders.judge import judge
from derivcheck.deciders.problem import Problem
from derivcheck.files import check_file
from derivcheck.reader.declarations import Assumptions
from derivcheck.reader.document import parse_assumptions
from derivcheck.verdicts import decide_step

t = sp.Symbol("t", integer=True)
M = sp.Symbol("M", real=True)


def verdicts(tmp_path, text: str) -> list:
    path = tmp_path / "steps.tex"
    path.write_text(text)
    return [(s.verdict, s.evidence) for s in check_file(str(path), timeout=30).verdicts]


def test_an_undeclared_limit_is_read_as_an_integer_with_a_forward_range():
    p, read = sum_limits.implied(Problem(sp.Sum(1, (t, 1, M)), ">=", 0))
    assert read == "M read as an integer >= 0 (a sum's upper limit)"
    assert p.lhs.free_symbols == {sp.Symbol("M", integer=True, nonnegative=True)}
    p, read = sum_limits.implied(Problem(sp.Sum(1, (t, 3, 2 * M - 1)), ">=", 0))
    assert read.startswith("M read as an integer >= 2 ")  # 2M - 1 >= 2
    p, read = sum_limits.implied(Problem(sp.Sum(1, (t, M, 5)), ">=", 0))
    assert read.startswith("M read as an integer <= 6 (a sum's lower limit)")
    p, read = sum_limits.implied(Problem(sp.Product(2, (t, 0, M + 2)), ">", 0))
    assert read.startswith("M read as an integer >= -3 (a product's upper limit)")


def test_what_the_declarations_say_is_kept_and_only_tightened():
    declared = parse_assumptions("M integer positive")
    Md = declared.symbol("M")
    assert sum_limits.implied(Problem(sp.Sum(1, (t, 1, Md)), ">=", 0, declared))[1] is None  # M >= 1 already
    low = parse_assumptions("M integer; M >= -4")
    p, read = sum_limits.implied(Problem(sp.Sum(1, (t, 1, low.symbol("M"))), ">=", 0, low))
    assert read.startswith("M read as an integer >= 0")
    finite = parse_assumptions("M in {-3, 2}")
    assert sum_limits.implied(Problem(sp.Sum(1, (t, 1, finite.symbol("M"))), ">=", 0, finite))[1] is None
    never = parse_assumptions("M integer; M <= -5")  # the range always runs backwards: left as declared
    assert sum_limits.implied(Problem(sp.Sum(1, (t, 1, never.symbol("M"))), ">=", 0, never))[1] is None
    for other in (M**2, M / 2, sp.Symbol("s", integer=True) + M):  # shapes it does not read
        assert sum_limits.implied(Problem(sp.Sum(1, (t, 1, other)), ">=", 0))[1] is None


def test_a_point_outside_the_ranges_as_written_is_no_counterexample():
    limits = sum_limits.ranges(sp.Sum(1, (t, 1, M)), 0)
    assert sum_limits.off_range_of(limits, {"M": "-3"}).startswith("a sum's range runs backwards there (1..-3)")
    assert sum_limits.off_range_of(limits, {"M": "1/2"}).startswith("a sum's range is not one of integers")
    assert sum_limits.off_range_of(limits, {"M": "0"}) is None  # empty, as a paper's sum may be
    assert sum_limits.off_range_of(limits, {"M": "7"}) is None
    assert sum_limits.off_range(sp.Product(t, (t, 1, M)), 1, {"M": "-2"}) is not None
    # judge gives no verdict where an unevaluated sum runs backwards: SymPy would say -3 < 0
    assert judge(sp.Sum(1, (t, 1, M)), ">=", sp.Integer(0), {M: sp.Integer(-3)})[0] is None
    assert judge(sp.Sum(1, (t, 1, M)), ">=", sp.Integer(1), {M: sp.Integer(0)})[0] is False  # empty: 0 >= 1 fails


def test_true_steps_karr_would_refute_are_not_refuted(tmp_path):
    out = verdicts(tmp_path, "$$ \\sum_{t=1}^{M} 1 \\ge 0 $$\n"
                             "% assume: N integer\n$$ \\prod_{t=1}^{N} 2 \\ge 1 $$\n"
                             "$$ \\sum_{t=3}^{1} 1 = 0 $$\n$$ \\prod_{t=5}^{2} 3 = 1 $$\n")
    assert [v for v, _ in out] == ["proved"] * 4, out
    assert out[0][1]["read"] == "M read as an integer >= 0 (a sum's upper limit)"


def test_false_steps_are_refuted_where_the_sum_means_something(tmp_path):
    out = verdicts(tmp_path, "% assume: T integer\n$$ \\sum_{t=1}^{T} t \\ge 4 $$\n"
                             "$$ \\sum_{t=1}^{T} t \\le 3 T $$\n")
    assert [v for v, _ in out] == ["refuted", "refuted"], out
    assert out[0][1]["counterexample"] == {"T": "0"}  # the empty sum: the least value the range allows
    assert int(out[1][1]["counterexample"]["T"]) >= 6  # T(T + 1)/2 > 3T from T = 6 on


def test_a_limit_that_is_no_integer_is_unparsed(tmp_path):
    (verdict, evidence), = verdicts(tmp_path, "$$ \\sum_{t=1}^{5/2} t = 3 $$\n")
    assert verdict == "unparsed" and "not an integer" in evidence["reason"]


@pytest.mark.slow  # a search per example: about 35 s on one core
@given(st.integers(-3, 3), st.integers(-2, 2), st.integers(0, 2))
def test_a_sum_of_squares_is_never_negative_and_a_positive_floor_fails_at_the_empty_sum(a, c, k):
    # sum_{t=a}^{M+c} t^2 >= 0 is true for every M whose range is forward; Karr's convention makes it negative
    # below, so a refutation there would be a wrong verdict. >= k + 1 fails at the empty sum (M = a - 1 - c).
    lhs = sp.Sum(t**2, (t, a, M + c))
    verdict, _, _ = decide_step(lhs, ">=", 0, Assumptions(), points=20)
    assert verdict != "refuted"
    verdict, _, evidence = decide_step(lhs, ">=", k + 1, Assumptions(), points=20)
    assert verdict == "refuted", evidence
    assert int(evidence["counterexample"]["M"]) >= a - 1 - c


def test_an_inner_limit_bound_by_the_outer_sum_keeps_the_outer_range(tmp_path):
    # sum_t 1/sum_{s<=t} 1: t is the outer sum's index, not a free variable. Read as one (an integer >= 0 of its
    # own), the inner t came loose from the outer one: the step meant something else, and t = 0 "refuted" it.
    s, T = sp.Symbol("s", integer=True), sp.Symbol("T", integer=True, positive=True)
    lhs = sp.Sum(1 / sp.Sum(1, (s, 1, t)), (t, 1, T))
    p, read = sum_limits.implied(Problem(lhs, "=", sp.Sum(1 / t, (t, 1, T))))
    assert read is None and p.lhs == lhs  # T is declared an integer >= 1 already; t is bound
    out = verdicts(tmp_path, "% assume: T integer positive; a_t positive\n% index: t in 1..T\n"
                             "\\[ \\sum_{t=1}^{T} \\frac{1}{\\sum_{s=1}^{t} 1} = \\sum_{t=1}^{T} \\frac{1}{t} \\]\n"
                             "\\[ \\sum_{t=1}^{T} \\frac{a_t}{\\sqrt{\\sum_{s=1}^{t} a_s}} \\le "
                             "\\sqrt{\\sum_{t=1}^{T} a_t} \\]\n")
    assert out[0][0] == "proved"
    assert out[1][0] == "refuted" and "t" not in out[1][1]["counterexample"]  # false from T = 2 on, not at "t = 0"
