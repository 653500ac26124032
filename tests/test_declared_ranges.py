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
