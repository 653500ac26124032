"""Declared ranges as SymPy properties (derivcheck/deciders/declared_ranges.py): the cover's cases lie inside the
declared domain and together cover it, so a step proved in every case is proved, and a step false somewhere in the
domain (at an end, inside, next to an open end) is never proved."""

from __future__ import annotations

from fractions import Fraction

import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from derivcheck.deciders import declared_ranges, obligations
from derivcheck.deciders.problem import Problem
from derivcheck.deciders.prover import decide
from derivcheck.reader.document import parse_assumptions


def proved(text: str, lhs, rel: str, rhs) -> bool:
    a = parse_assumptions(text)
    x = a.symbol("x")
    lhs, rhs = (sp.sympify(e).xreplace({sp.Symbol("x"): x}) for e in (lhs, rhs))
    out = decide(Problem(lhs, rel, rhs, a))  # the SymPy decider: its properties first, then the ranges' cover
    return out is not None and out.verdict == "proved"


def test_the_cases_cover_each_kind_of_range():
    a = parse_assumptions("r in (0, 1); y >= 2; z < -1; u in [-1, 3]; n integer; n >= 3; w in [5, 5]")
    for name, points in (("r", 1), ("y", 1), ("z", 1), ("u", 3), ("n", 1), ("w", 1)):
        cases, said = declared_ranges.cover([a.symbol(name)], a)
        assert len(cases) == points, (name, cases)
        assert said.startswith(f"{name} = ")
    cases, _ = declared_ranges.cover([a.symbol("n")], a)
    (image,) = cases[0].values()
    assert image.is_integer and (image - 3).is_nonnegative  # n = 3 + k: still an integer
    # what the properties already say adds no case: a positive x, a nonnegative integer, an unbounded one
    b = parse_assumptions("x positive; m integer nonnegative; v real")
    assert declared_ranges.cover([b.symbol("x"), b.symbol("m"), b.symbol("v")], b) is None
    assert declared_ranges.cover([sp.Symbol("q")], parse_assumptions("q in {1, 2}")) is None  # finite: cases' job
    many = parse_assumptions("; ".join(f"x{k} in [0, 1]" for k in range(3)))
    assert declared_ranges.cover([many.symbol(f"x{k}") for k in range(3)], many) is None  # 27 cases: too many


def test_true_steps_on_ranges_are_proved_and_say_how():
    assert proved("x in (0, 1)", "1/(1 - x)", ">", 0)
    assert proved("x in [-1, 3]", "(x + 1)*(3 - x)", ">=", 0)
    assert proved("x >= 2", "1/(x - 1)", "<=", 1)
    a = parse_assumptions("rho in (0, 1); T integer positive")
    rho, T = a.symbol("rho"), a.symbol("T")
    out = decide(Problem(rho**T / (1 - rho), ">=", 0, a))
    assert out.verdict == "proved" and "rho = s/(s + 1) (s > 0)" in out.method
    assert obligations.prove(0, "<=", rho**T / (1 - rho), a).endswith("(rho = s/(s + 1) (s > 0))")


def test_false_steps_at_an_end_or_inside_are_not_proved():
    assert not proved("x in [0, 1]", "1/(1 - x)", ">", 0)  # undefined at the closed end 1
    assert not proved("x in [-1, 3]", "(x + 1)*(3 - x)", ">", 0)  # 0 at both closed ends
    assert not proved("x in (-1, 3]", "(x + 1)*(3 - x)", ">", 0)  # 0 at the closed end 3
    assert not proved("x >= 2", "1/(x - 1)", "<=", Fraction(1, 2))  # false at x = 2
    assert not proved("x in (0, 2)", "x*(1 - x)", ">=", 0)  # false inside, past 1


@settings(max_examples=40)
@given(st.fractions(-4, 4, max_denominator=6), st.fractions(0, 4, max_denominator=6), st.booleans(), st.booleans(),
       st.fractions(-5, 5, max_denominator=6), st.sampled_from([">=", ">", "<=", "<"]))
def test_a_linear_step_is_proved_exactly_when_it_holds_on_the_range(lo, width, lo_open, hi_open, c, rel):
    hi = lo + width
    if width == 0 and (lo_open or hi_open):
        return  # an empty range is refused by the reader
    text = f"x in {'(' if lo_open else '['}{lo}, {hi}{')' if hi_open else ']'}"
    # x REL c for every x of the range: decided by the range's ends
    if rel == ">=":
        holds = lo >= c
    elif rel == ">":
        holds = lo > c or (lo == c and lo_open)
    elif rel == "<=":
        holds = hi <= c
    else:
        holds = hi < c or (hi == c and hi_open)
    assert proved(text, "x", rel, sp.Rational(c.numerator, c.denominator)) == holds, (text, rel, c)


def test_a_half_line_maps_inside_it_and_keeps_its_end_open_or_closed():
    # x <= hi is hi - s and x >= lo is lo + s: s > 0 at an open end, s >= 0 at a closed one. An image outside the
    # half-line (hi + s) would prove a step true only on the other side; a strict s at a closed end would prove a
    # step false at the end; a nonstrict s at an open end loses the steps that need the end left out.
    assert proved("x <= 3", "x", "<=", 3)
    assert not proved("x <= 3", "x", ">=", 3)  # true only for x >= 3
    assert not proved("x <= 3", "x", "<", 3)  # false at the closed end 3
    assert not proved("x <= 3", "1/(3 - x)", ">", 0)  # undefined at the closed end 3
    assert proved("x < 3", "x", "<", 3)
    assert proved("x < 3", "1/(3 - x)", ">", 0)
    assert proved("x >= 2", "x", ">=", 2)
    assert not proved("x >= 2", "x", "<=", 2)  # true only for x <= 2
    assert not proved("x >= 2", "x", ">", 2)  # false at the closed end 2
    assert not proved("x >= 2", "1/(x - 2)", ">", 0)  # undefined at the closed end 2
    assert proved("x > 2", "1/(x - 2)", ">", 0)


def test_a_bounded_range_away_from_0_maps_onto_itself_and_says_so():
    # lo + (hi - lo) s/(1 + s) covers (lo, hi); with lo != 0 a wrong width would move the image off the range
    a = parse_assumptions("x in (1, 3)")
    x = a.symbol("x")
    (case,), said = declared_ranges.cover([x], a)
    assert said == "x = 2*s/(s + 1) + 1 (s > 0)"
    assert sp.together(case[x] - 1).is_positive and sp.together(3 - case[x]).is_positive
    assert proved("x in (1, 3)", "1/(3 - x)", ">", 0)
    assert not proved("x in (-2, 1)", "x", "<", -2)  # false everywhere on the range


def test_an_end_at_0_adds_no_case_when_the_properties_already_say_it():
    # x >= 0, x > 0, x <= 0, x < 0 give the symbol its sign: the range adds nothing, so there is no cover
    for text in ("x >= 0", "x > 0", "x <= 0", "x < 0"):
        a = parse_assumptions(text)
        assert declared_ranges.cover([a.symbol("x")], a) is None, text
    # a symbol without those properties (made elsewhere than from the declarations) still gets its sign from the
    # range, open or closed: one case whose image has the declared sign
    for text, sign in (("x >= 0", "nonnegative"), ("x > 0", "positive"), ("x <= 0", "nonpositive"),
                       ("x < 0", "negative")):
        a = parse_assumptions(text)
        x = sp.Symbol("x")
        (case,), said = declared_ranges.cover([x], a)
        assert getattr(case[x], f"is_{sign}") is True, (text, said)
    plain = sp.Symbol("x")
    how = declared_ranges.proved_on_cover(plain, "<=", 0, parse_assumptions("x <= 0"),
                                          lambda left, _, right: "sign" if (right - left).is_nonnegative else None)
    assert how == "sign, with the declared ranges as properties (x = 0 - s)"


def test_the_cover_allows_eight_cases_and_no_more():
    # every closed end of a bounded variable is a case of its own: three variables in [0, 1) give 2^3 = 8 cases,
    # two in [0, 1] give 3^2 = 9, past MAX_CASES: that step is left to other deciders, though each case holds
    a = parse_assumptions("x in [0, 1); y in [0, 1); z in [0, 1)")
    x, y, z = (a.symbol(n) for n in "xyz")
    cases, _ = declared_ranges.cover([x, y, z], a)
    assert len(cases) == 8
    out = decide(Problem(1 / ((1 - x) * (1 - y) * (1 - z)), ">", 0, a))
    assert out is not None and out.verdict == "proved" and "z = 0)" in out.method
    b = parse_assumptions("x in [0, 1]; y in [0, 1]")
    x, y = b.symbol("x"), b.symbol("y")
    assert declared_ranges.cover([x, y], b) is None
    assert decide(Problem(4 - x - y, ">", 0, b)) is None


def test_the_cap_is_what_leaves_nine_cases_unproved(monkeypatch):
    # the step of the test above, with the cap raised to 9: proved in every case, so only the cap refused it
    monkeypatch.setattr(declared_ranges, "MAX_CASES", 9)
    b = parse_assumptions("x in [0, 1]; y in [0, 1]")
    x, y = b.symbol("x"), b.symbol("y")
    out = decide(Problem(4 - x - y, ">", 0, b))
    assert out is not None and out.verdict == "proved"


def test_an_indexed_term_does_not_hide_the_ranged_variables_after_it():
    # free symbols sorted by name: a, a[i] (an Indexed, no Symbol: skipped), i, x; x's range must still be used
    a = parse_assumptions("x in (0, 1)")
    x, i = a.symbol("x"), sp.Symbol("i", integer=True)
    term = sp.IndexedBase("a", positive=True)[i]
    out = decide(Problem(term + 1 / (1 - x), ">", 0, a))
    assert out is not None and out.verdict == "proved" and "(x = s/(s + 1) (s > 0))" in out.method
