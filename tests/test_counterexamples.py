"""The counterexample search on its own (derivcheck/deciders/counterexamples.py).

It must find a certified counterexample to a false relation (by special values, random rationals or local
optimisation), none to a true one, and never propose a point outside the domain. Its pieces have contracts of their
own: the violation is positive exactly where the relation fails, the range map is an increasing bijection onto the
open range, the objective ranks every point of the domain below an undefined one. These are fast: `make mutate`
runs this file for every mutant of counterexamples.py.
"""

import itertools
import random
import sys
from fractions import Fraction

import mpmath
import pytest
import sympy as sp

from derivcheck.deciders import counterexamples
from derivcheck.deciders import judge as decide
from derivcheck.deciders.problem import Problem
from derivcheck.reader.declarations import Assumptions
from derivcheck.reader.domains import Domain, domain_of, special_values

x, y = sp.symbols("x y", real=True)


A = Assumptions()


def _unit(name, lo, hi, lo_open=True, hi_open=True):
    return Assumptions(ranges={name: (Fraction(lo), Fraction(hi), lo_open, hi_open)})


@pytest.mark.parametrize("lhs,rel,rhs,assume", [
    (x ** 2, ">=", x, "unit"),  # false on (0, 1)
    (x + 1, "<", x, None),
    (sp.exp(x), ">", 1 + x + x ** 2, None),  # false near 0 and for x < 0 ... and true far out
    ((x - sp.Rational(1, 3)) ** 2, ">=", sp.Rational(1, 10**8), None),  # false only near x = 1/3
    (x * y, "<=", (x ** 2 + y ** 2) / 3, None),  # false at x = y
    (x, "=", 2 * x, None),
    (x, "!=", x + 0 * y, None),
])
def test_search_finds_a_certified_counterexample_to_a_false_relation(lhs, rel, rhs, assume):
    assumptions = _unit("x", 0, 1) if assume == "unit" else A
    found, stats = counterexamples.search(lhs, rel, rhs, assumptions, points=40, seed=1)
    assert found is not None, stats
    subs = {s: sp.Rational(Fraction(found.point[s.name])) for s in lhs.free_symbols | rhs.free_symbols}
    holds, lv, rv, _ = decide.judge(lhs, rel, rhs, subs)
    assert holds is False and (lv, rv) == (found.lhs, found.rhs)
    if assume == "unit":
        assert 0 < Fraction(found.point["x"]) < 1


@pytest.mark.parametrize("flip", [False, True])
@pytest.mark.parametrize("strict", [False, True])
def test_the_optimiser_finds_what_sampling_misses(flip, strict):
    """(x - 3/37)^2 >= 10^-8 (or 10^-8 <= (x - 3/37)^2, and the strict forms) fails only within 10^-4 of 3/37."""
    lhs, rhs = (x - sp.Rational(3, 37)) ** 2, sp.Rational(1, 10**8)
    rel = (">" if strict else ">=") if not flip else ("<" if strict else "<=")
    lhs, rhs = (rhs, lhs) if flip else (lhs, rhs)
    found, _ = counterexamples.search(lhs, rel, rhs, A, points=40, seed=1, optimise=False, grid=10)
    assert found is None  # no special value or random rational lands within 10^-4 of 3/37
    found, _ = counterexamples.search(lhs, rel, rhs, A, points=40, seed=1, grid=10)
    assert found is not None and found.how == "local optimisation of lhs - rhs"
    assert abs(Fraction(found.point["x"]) - Fraction(3, 37)) < Fraction(1, 10**4)


@pytest.mark.parametrize("lhs,rel,rhs,assume", [
    (x ** 2, ">=", sp.Integer(0), None),
    (x ** 2, "<=", x, "unit"),
    (sp.exp(x), ">=", 1 + x, None),
    (x * y, "<=", (x ** 2 + y ** 2) / 2, None),
    (x, "=", x, None),
])
def test_search_finds_nothing_against_a_true_relation_and_counts_the_points(lhs, rel, rhs, assume):
    assumptions = _unit("x", 0, 1, False, False) if assume == "unit" else A
    found, stats = counterexamples.search(lhs, rel, rhs, assumptions, points=30, seed=2)
    assert found is None
    assert stats["points_tried"] > 30 and stats["points_held"] + stats["undecided_points"] == stats["points_tried"]
    assert stats["undecided_points"] == 0 and stats["skipped_reason"] is None


def test_a_relation_without_variables_is_judged_once_exactly():
    found, stats = counterexamples.search(sp.Integer(1), ">", sp.Integer(2), A)
    assert found is not None and found.how == "exact" and stats["points_tried"] == 1 and found.point == {}
    found, stats = counterexamples.search(sp.Integer(3), ">", sp.Integer(2), A)
    assert found is None and stats == {"points_tried": 1, "points_held": 1, "undecided_points": 0,
                                       "unevaluable": 0, "skipped_reason": None}


def test_undecided_points_are_counted_with_the_first_reason():
    f = sp.Function("f")
    found, stats = counterexamples.search(f(x), "<=", x, A, points=5, seed=0)
    assert found is None and stats["undecided_points"] == stats["points_tried"] > 0
    assert stats["skipped_reason"]


def test_tame_picks_a_small_denominator_inside_the_domain():
    d = Domain(lo=Fraction(0), hi=Fraction(1), lo_open=True, hi_open=True)
    v = Fraction(333333333, 1000000000)
    assert counterexamples._tame(v, d) == v.limit_denominator(64) == Fraction(1, 3)
    tiny = Fraction(1, 10**9)  # its nearest fractions with denominator <= 64 or <= 4096 are 0, outside (0, 1)
    assert counterexamples._tame(tiny, d) is None
    assert counterexamples._tame(tiny, Domain(lo=Fraction(0), hi=Fraction(1, 10**8), lo_open=True)) is None
    assert counterexamples._tame(Fraction(1, 5000), Domain(lo=Fraction(1, 4096), hi=Fraction(1, 4000))) == Fraction(1, 4096)
    # an exponent beyond the cap is taken at the cap ((5/16)^(10^6) exactly took 17 s), or skipped outside the domain
    cap = counterexamples.EXPONENT_CAP
    assert counterexamples._tame(Fraction(10**6), Domain()) == cap and counterexamples._tame(Fraction(-10**7), Domain()) == -cap
    assert counterexamples._tame(Fraction(10**6), Domain(lo=Fraction(2 * cap))) is None
    assert counterexamples._tame(Fraction(cap), Domain()) == cap


def test_free_variables_are_the_symbols_not_the_indexed_families():
    i = sp.Symbol("i", integer=True)
    a = sp.IndexedBase("a")
    n = sp.Symbol("n", integer=True, positive=True)
    assert counterexamples.free_variables(sp.Sum(a[i] * x, (i, 1, n)), y) == [n, x, y]


def test_the_optimiser_never_proposes_a_point_outside_the_domain():
    """x^2 < x holds on the open interval (0, 1) and fails at its end x = 1. The optimiser pushes x towards 1,
    where its rational rounding lands on 1 itself: that candidate is outside the domain and must be dropped, never
    reported as a counterexample."""
    assumptions = Assumptions(ranges={"x": (Fraction(0), Fraction(1), True, True)})
    xs = assumptions.symbol("x")
    for lhs, rel, rhs in ((xs ** 2, "<", xs), (xs, ">", xs ** 2), (1 - xs, ">", 0 * xs)):
        found, stats = counterexamples.search(lhs, rel, rhs, assumptions, points=20, seed=4)
        assert found is None, found
        assert stats["points_tried"] > 20


@pytest.mark.parametrize("lo,hi", [(Fraction(0), Fraction(1)), (Fraction(0), None), (None, Fraction(1))])
def test_the_optimiser_searches_inside_bounded_and_half_bounded_domains(lo, hi):
    """(x - 3/37)^2 >= 10^-8 with x restricted to (0, 1), (0, oo) or (-oo, 1): the optimiser maps each domain
    (a logistic map, lo + e^u, hi - e^u) and must still reach within 10^-4 of 3/37, inside the domain."""
    assumptions = Assumptions(ranges={"x": (lo, hi, True, True)})
    xs = assumptions.symbol("x")
    lhs, rhs = (xs - sp.Rational(3, 37)) ** 2, sp.Rational(1, 10**8)
    assert counterexamples.search(lhs, ">=", rhs, assumptions, points=40, seed=1, optimise=False, grid=10)[0] is None
    found, _ = counterexamples.search(lhs, ">=", rhs, assumptions, points=40, seed=1, grid=10)
    assert found is not None and found.how == "local optimisation of lhs - rhs"
    assert abs(Fraction(found.point["x"]) - Fraction(3, 37)) < Fraction(1, 10**4)


def test_search_with_three_variables_uses_half_the_grid():
    z = sp.Symbol("z", real=True)
    found, stats = counterexamples.search(x * y * z, "<=", x ** 2 + y ** 2 + z ** 2, A, points=10, seed=3, grid=40)
    assert found is not None  # x = y = z = 4: 64 > 48
    found, stats = counterexamples.search(x ** 2 * y ** 2 * z ** 2, ">=", sp.Integer(0), A, points=10, seed=3, grid=40)
    assert found is None and stats["points_tried"] > 10


@pytest.mark.parametrize("family", ["y", "y_i"])
def test_indexed_values_are_drawn_from_their_declared_set(family):
    # y_i in {-1, 1}: sum_{i=1}^{n} y_i >= 0 is false as soon as a draw gives more -1s than 1s
    i = sp.Symbol("i", integer=True)
    n = sp.Symbol("n", integer=True, positive=True)
    yb = sp.IndexedBase("y")
    assumptions = Assumptions(ranges={"n": (Fraction(1), Fraction(4), False, False)},
                              sets={family: [Fraction(-1), Fraction(1)]})
    found, _ = counterexamples.search(sp.Sum(yb[i], (i, 1, n)), ">=", sp.Integer(0), assumptions, points=30, seed=0)
    drawn = [v for k, v in found.point.items() if k.startswith("y[")] if found else []
    assert "-1" in drawn and set(drawn) <= {"-1", "1"}


# -- the optimiser's pieces, each against its contract -----------------------------------------------------------
STRICT = ("<", ">")


@pytest.mark.parametrize("rel", ["<=", "<", ">=", ">", "="])
def test_the_violation_is_positive_exactly_where_the_relation_fails(rel):
    """At every integer point of [-3, 3]^2 (exact in mpmath), against the exact judge: the relation fails iff the
    violation is > 0, or = 0 for a strict relation. x y = x + y holds at (0, 0) and (2, 2): both cases occur."""
    f = counterexamples.violation(x * y, rel, x + y, [x, y])
    for a in range(-3, 4):
        for b in range(-3, 4):
            v = f(mpmath.mpf(a), mpmath.mpf(b))
            fails = decide.judge(x * y, rel, x + y, {x: sp.Integer(a), y: sp.Integer(b)})[0] is False
            assert fails == (v > 0 or (v == 0 and rel in STRICT)), (rel, a, b, v)


def test_as_mpf_is_the_fraction_at_working_precision():
    with mpmath.workdps(40):
        assert counterexamples.as_mpf(Fraction(1, 3)) == mpmath.mpf(1) / 3
        assert counterexamples.as_mpf(Fraction(-7, 2)) == mpmath.mpf("-3.5")
        assert counterexamples.as_mpf(Fraction(10**50 + 1, 10**50)) == 1 + mpmath.mpf(10) ** -50


RANGES = [(Fraction(0), Fraction(1)), (Fraction(-2), Fraction(5, 2)), (Fraction(1), None), (None, Fraction(1)),
          (None, None)]


@pytest.mark.parametrize("lo,hi", RANGES)
def test_the_range_map_is_increasing_onto_the_open_range(lo, hi):
    ends = tuple(None if e is None else counterexamples.as_mpf(e) for e in (lo, hi))
    with mpmath.workdps(60):
        us = [mpmath.mpf(k) / 4 for k in range(-120, 121)]  # u in [-30, 30]
        xs = [counterexamples.to_range(u, *ends) for u in us]
        assert all(a < b for a, b in zip(xs, xs[1:]))
        assert all((lo is None or v > ends[0]) and (hi is None or v < ends[1]) for v in xs)
        centre = counterexamples.to_range(mpmath.mpf(0), *ends)
        if lo is not None and hi is not None:
            assert centre == (ends[0] + ends[1]) / 2
            assert xs[0] - ends[0] < mpmath.mpf(10) ** -12 and ends[1] - xs[-1] < mpmath.mpf(10) ** -12
        elif lo is not None:
            assert centre == ends[0] + 1 and xs[0] - ends[0] < mpmath.mpf(10) ** -12 and xs[-1] > 10**12
        elif hi is not None:
            assert centre == ends[1] - 1 and ends[1] - xs[-1] < mpmath.mpf(10) ** -12 and xs[0] < -(10**12)
        else:
            assert xs == us


def test_rank_orders_violations_and_stays_below_outside():
    vs = [-10**6, -5, -1, Fraction(-1, 10**9), 0, Fraction(1, 10**9), 1, 5, 10**6]
    ranks = [counterexamples.rank(counterexamples.as_mpf(Fraction(v))) for v in vs]
    assert all(a > b for a, b in zip(ranks, ranks[1:]))  # more violation, lower
    assert all(-1 < r < 1 for r in ranks) and all(r < counterexamples.OUTSIDE for r in ranks)
    assert [r > 0 for r in ranks] == [v < 0 for v in vs] and ranks[4] == 0
    assert counterexamples.rank(mpmath.mpc(1, 1)) == counterexamples.rank(mpmath.mpf(10) ** 30) < -0.99
    assert counterexamples.rank(mpmath.nan) == counterexamples.OUTSIDE


def test_the_objective_ranks_the_point_it_maps_to():
    n = sp.Symbol("n", integer=True)
    f = counterexamples.violation(n * x, "<=", sp.Integer(1), [n, x])
    at = counterexamples.objective(f, [Fraction(3), Fraction(0)], [1], [(None, None), (None, None)])
    assert at([0.25]) == counterexamples.rank(mpmath.mpf(3) * mpmath.mpf(0.25) - 1)  # the fixed n = 3, exactly
    bounded = counterexamples.objective(f, [Fraction(3), Fraction(0)], [1], [(None, None), (mpmath.mpf(0), 1)])
    assert bounded([0.0]) == counterexamples.rank(mpmath.mpf(3) / 2 - 1)  # u = 0: the centre, x = 1/2
    g = counterexamples.violation(1 / x, "<=", sp.Integer(1), [x])
    assert counterexamples.objective(g, [Fraction(0)], [0], [(None, None)])([0.0]) == counterexamples.OUTSIDE


def test_rounding_keeps_exact_points_inside_the_domain():
    unit = Domain(lo=Fraction(0), hi=Fraction(1), lo_open=True, hi_open=True)
    ends = [(mpmath.mpf(0), mpmath.mpf(1))]
    assert list(counterexamples.rounded([0.0], [None], [0], ends, [unit])) == [(Fraction(1, 2),)] * 3
    # u = 40 maps to 1 - 4e-18: every rounding lands on 1, outside the open range, so nothing is proposed
    assert list(counterexamples.rounded([40.0], [None], [0], ends, [unit])) == []
    line = Domain()
    assert list(counterexamples.rounded([float("inf")], [None], [0], [(None, None)], [line])) == []
    third = list(counterexamples.rounded([1 / 3], [None], [0], [(None, None)], [line]))
    assert third == [(Fraction(1, 3),)] * 3  # the float 1/3 is within 10^-16 of 1/3: every rounding finds it


# -- the search's budget: the counts a researcher sees in the evidence (points tried, held) -----------------------
def _budget(n_vars: int, grid: int) -> int:
    """Distinct points of the documented budget: the diagonal of special values, with two or more variables the
    alternating patterns (a, b, a, b, ...) of counterexamples.PATTERNS, then the first `grid` points of the product
    grid of special values (grid // 2 with three variables or more)."""
    specials = [special_values(Domain())] * n_vars
    diagonal = [tuple(s[k % len(s)] for s in specials) for k in range(max(len(s) for s in specials))]
    patterns = [tuple(a if j % 2 == 0 else b for j in range(n_vars)) for a, b in counterexamples.PATTERNS]
    product = list(itertools.islice(itertools.product(*specials), grid if n_vars <= 2 else grid // 2))
    return len(set(diagonal + (patterns if n_vars > 1 else []) + product))


@pytest.mark.parametrize("n_vars", [1, 2, 3, 4])
@pytest.mark.parametrize("grid,points", [(0, 0), (7, 0), (40, 5)])
def test_the_search_tries_its_documented_budget(n_vars, grid, points):
    xs = sp.symbols(f"v1:{n_vars + 1}", real=True)
    lhs = sum(v ** 2 for v in xs)  # >= 0 holds everywhere: the search runs its whole budget
    found, stats = counterexamples.search(lhs, ">=", sp.Integer(0), A, points=points, seed=5, optimise=False,
                                          grid=grid)
    assert found is None and stats["points_held"] == stats["points_tried"]
    assert stats["points_tried"] == _budget(n_vars, grid) + points  # random rationals never repeat a special value


def test_the_diagonal_of_special_values_is_tried_even_without_a_grid():
    # x y <= (x^2 + y^2) / 3 fails where x = y, e.g. on the diagonal (1, 1); no random points, no grid, no optimiser
    found, _ = counterexamples.search(x * y, "<=", (x ** 2 + y ** 2) / 3, A, points=0, seed=0, optimise=False, grid=0)
    assert found is not None and found.point["x"] == found.point["y"]


def test_the_optimiser_runs_up_to_six_variables():
    """(v1 - 3/37)^2 + v2^2 + ... + v6^2 >= 10^-8 fails only within 10^-4 of (3/37, 0, ..., 0): sampling misses it,
    Nelder-Mead over the six coordinates finds it."""
    vs = sp.symbols("v1:7", real=True)
    lhs = (vs[0] - sp.Rational(3, 37)) ** 2 + sum(v ** 2 for v in vs[1:])
    rhs = sp.Rational(1, 10**8)
    assert counterexamples.search(lhs, ">=", rhs, A, points=20, seed=1, optimise=False, grid=10)[0] is None
    found, _ = counterexamples.search(lhs, ">=", rhs, A, points=20, seed=1, grid=10)
    assert found is not None and found.how == "local optimisation of lhs - rhs"


def test_the_optimiser_takes_enough_steps_to_reach_a_far_narrow_basin_in_six_variables():
    """sum_k (v_k - 1/3 - k/7)^2 >= 10^-12 fails only within 10^-6 of one point whose coordinates (1/3 to 22/21)
    are all away from every start's centre: the simplex must walk there in six coordinates and then shrink by six
    orders of magnitude, which takes Nelder-Mead well over 300 iterations (the budget grows with the number of
    coordinates). The counterexample is that point, exact."""
    vs = sp.symbols("v1:7", real=True)
    lhs = sum((v - sp.Rational(1, 3) - sp.Rational(k, 7)) ** 2 for k, v in enumerate(vs))
    found, stats = counterexamples.search(lhs, ">=", sp.Rational(1, 10**12), A)
    assert found is not None and found.how == "local optimisation of lhs - rhs", stats
    assert lhs.subs({v: sp.Rational(found.point[str(v)]) for v in vs}) < sp.Rational(1, 10**12)


def test_an_indexed_value_that_cannot_be_drawn_gives_no_point(monkeypatch):
    """If no value of y_i can be drawn inside its declared set, the point is skipped: never a value outside it."""
    i = sp.Symbol("i", integer=True)
    n = sp.Symbol("n", integer=True, positive=True)
    yb = sp.IndexedBase("y")
    assumptions = Assumptions(ranges={"n": (Fraction(1), Fraction(4), False, False)},
                              sets={"y_i": [Fraction(-1), Fraction(1)]})
    real_draw = counterexamples._member_value
    monkeypatch.setattr(counterexamples, "_member_value",
                        lambda d, m, pattern, rng: None if d.values is not None else real_draw(d, m, pattern, rng))
    found, stats = counterexamples.search(sp.Sum(yb[i], (i, 1, n)), ">=", sp.Integer(0), assumptions, points=10,
                                          seed=0)
    assert found is None and stats["points_tried"] == 0


@pytest.mark.parametrize("bound", ["n", "1"])
def test_random_points_draw_an_indexed_family_afresh(bound):
    """p_i in [0, 1]: sum_{i<=n} p_i >= n/50 fails only when the drawn p_i are small (p_1 < 1/50 at n = 1, about
    one draw in fifty). n has few values, so the search must draw the family again at a repeated n, and also when the
    sum's bound is a number and there is no other variable."""
    i = sp.Symbol("i", integer=True)
    n = sp.Symbol("n", integer=True, positive=True)
    pb = sp.IndexedBase("p")
    top = n if bound == "n" else sp.Integer(1)
    assumptions = Assumptions(ranges={"n": (Fraction(1), Fraction(2), False, False),
                                      "p_i": (Fraction(0), Fraction(1), False, False)})
    lhs, rhs = sp.Sum(pb[i], (i, 1, top)), top / sp.Integer(50)
    found, stats = counterexamples.search(lhs, ">=", rhs, assumptions, points=300, seed=0)
    assert found is not None, stats
    drawn = [Fraction(v) for k, v in found.point.items() if k.startswith("p[")]
    assert drawn and all(0 <= v <= 1 for v in drawn)


def test_a_variable_outside_exponents_keeps_its_exact_value():
    """Only a variable in an exponent is moved to a nearby small-denominator rational (_tame). x in (0, 10^-9) has no
    such rational: x <= 10^-10, false at x = 5 10^-10, must still be refuted at an exact point of the range."""
    assumptions = Assumptions(ranges={"x": (Fraction(0), Fraction(1, 10**9), True, True)})
    xs = assumptions.symbol("x")
    found, _ = counterexamples.search(xs, "<=", sp.Rational(1, 10**10), assumptions, points=10, seed=0,
                                      optimise=False, grid=10)
    assert found is not None and Fraction(1, 10**10) < Fraction(found.point["x"]) < Fraction(1, 10**9)


def test_a_point_is_tried_once_unless_it_draws_a_family_afresh():
    # x in {1, 2}: the diagonal and grid give both values; ten random draws repeat them and are not tried again
    assumptions = Assumptions(sets={"x": [Fraction(1), Fraction(2)]})
    xs = assumptions.symbol("x")
    found, stats = counterexamples.search(xs ** 2, ">=", sp.Integer(0), assumptions, points=10, seed=0, grid=10)
    assert found is None and stats["points_tried"] == 2
    # with a family y_i, each of the ten random points is tried with new values of y; the grid's repeats are not
    i = sp.Symbol("i", integer=True)
    yb = sp.IndexedBase("y")
    family = Assumptions(sets={"x": [Fraction(1), Fraction(2)]},
                         ranges={"y_i": (Fraction(0), Fraction(1), False, False)})
    found, stats = counterexamples.search(sp.Sum(yb[i], (i, 1, xs)), ">=", sp.Integer(0), family, points=10, seed=0,
                                          grid=10)
    assert found is None and stats["points_tried"] == 2 + 10


def test_a_point_that_cannot_be_substituted_is_undecided_not_an_error():
    f = sp.Function("f")
    found, stats = counterexamples.search(sp.Derivative(f(x), x), "<=", sp.Integer(1), A, points=3, seed=0,
                                          optimise=False, grid=3)
    assert found is None and stats["points_held"] == 0 and stats["undecided_points"] == stats["points_tried"] > 0
    assert stats["skipped_reason"].startswith("cannot substitute the point")


def test_sympy_failing_to_expand_a_sum_leaves_the_points_undecided():
    class Boom(sp.Function):  # stands for any SymPy evaluation that raises
        def doit(self, **hints):
            raise RuntimeError("boom")

    k = sp.Symbol("k", integer=True)
    n = sp.Symbol("n", integer=True, positive=True)
    assumptions = Assumptions(ranges={"n": (Fraction(1), Fraction(3), False, False)})
    yb = sp.IndexedBase("y")  # a family inside: the search expands the sum to draw its values
    found, stats = counterexamples.search(sp.Sum(Boom(k) * yb[k], (k, 1, n)), "<=", sp.Integer(1), assumptions,
                                          points=3, seed=0)
    assert found is None and stats["undecided_points"] == stats["points_tried"] > 0
    assert stats["skipped_reason"] == "SymPy could not evaluate (RuntimeError)"


# -- the optimiser's contracts: where it runs, where it starts, what it survives -----------------------------------
@pytest.mark.parametrize("lhs,rel,rhs,domain", [
    (-1 / sp.log(x), "<=", 0, (1, None)),  # the violation climbs toward 0 as x -> oo: Nelder-Mead drifts to u ~ 10^90
    (-1 / sp.log(sp.log(x + 2)), "<", 0, (1, None)),
    (-x, "<", 0, (0, None)),  # toward x -> 0+
    (x - 1, "<", 0, (None, 1)),  # toward x -> 1-
    (-sp.exp(-x ** 2), "<", 0, (None, None)),  # toward x -> +-oo on the whole line
])
def test_the_search_ends_when_the_worst_violation_is_at_infinity(lhs, rel, rhs, domain):
    """True relations whose violation approaches its supremum only at an end of the range: the optimiser's point
    runs off toward that end, and its exact value (e^(10^90)) must be refused, not built digit by digit."""
    lo, hi = domain
    ranges = {} if domain == (None, None) else {
        "x": (None if lo is None else Fraction(lo), None if hi is None else Fraction(hi), True, True)}
    assumptions = Assumptions(ranges=ranges)
    xs = assumptions.symbol("x") if ranges else x
    found, stats = counterexamples.search(lhs.subs(x, xs), rel, sp.Integer(rhs), assumptions, points=10, seed=0,
                                          grid=10)
    assert found is None and stats["points_held"] == stats["points_tried"] > 0


def test_exact_is_the_mpf_as_a_rational_inside_floats_range():
    for q in (Fraction(3, 8), Fraction(-5), Fraction(0), Fraction(1, 2**1000), Fraction(2**1000 + 1)):
        with mpmath.workdps(400):
            assert counterexamples.exact(counterexamples.as_mpf(q)) == q  # every mpf is a dyadic rational
    assert counterexamples.exact(mpmath.mpf(0.1)) == Fraction(0.1)
    big, tiny = mpmath.exp(mpmath.mpf(10) ** 90), mpmath.exp(-mpmath.mpf(10) ** 90)
    for v in (big, -big, tiny, -tiny, mpmath.mpf(2) ** 1025, mpmath.mpf(2) ** -1075, mpmath.inf, mpmath.nan):
        assert counterexamples.exact(v) is None
    top, low = mpmath.mpf(sys.float_info.max), mpmath.mpf(sys.float_info.min)
    assert counterexamples.exact(top) == Fraction(sys.float_info.max)
    assert counterexamples.exact(-low) == -Fraction(sys.float_info.min)
    with mpmath.workdps(40):
        assert counterexamples.exact(top * (1 + mpmath.mpf(2) ** -60)) is None
        assert counterexamples.exact(low * (1 - mpmath.mpf(2) ** -60)) is None


def _optimised(lhs, rel, rhs, symbols, domains, seed=0, **budget):
    return list(counterexamples._optimise(lhs, rel, rhs, symbols, domains, random.Random(seed), **budget))


@pytest.mark.parametrize("lhs", [
    sp.Derivative(x ** 2, x, evaluate=False),
    sp.Sum(x, (y, 1, 3)),
    sp.Product(x, (y, 1, 3)),
    sp.Limit(x, y, 0),
    sp.IndexedBase("p")[1] * x,
])
def test_the_optimiser_does_not_run_on_what_lambdify_cannot_evaluate_faithfully(lhs):
    assert _optimised(lhs, "<=", sp.Integer(1), [x], [Domain()]) == []
    assert _optimised(x, "<=", sp.Integer(1), [x], [Domain()])  # the same variable alone: it runs


def test_the_optimiser_moves_only_continuous_variables():
    """An integer variable (or one from a finite set) keeps the value drawn for it; the optimiser moves the rest."""
    n = sp.Symbol("n", integer=True)
    k = sp.Symbol("k", real=True)
    domains = [Domain(integer=True), Domain(values=[Fraction(1, 3), Fraction(5, 2)]), Domain()]
    points = _optimised((x - n * k) ** 2, ">=", sp.Rational(1, 10**8), [n, k, x], domains)
    assert points and len({p[:2] for p in points}) == 1
    assert len({p[2] for p in points}) > 1
    assert _optimised((n * k) ** 2, ">=", sp.Integer(1), [n, k], domains[:2]) == []  # nothing continuous: no run


def test_the_optimiser_runs_on_at_most_six_variables():
    vs = sp.symbols("v1:8", real=True)
    lhs = sum(v ** 2 for v in vs)
    assert _optimised(lhs, ">=", sp.Integer(1), list(vs[:6]), [Domain()] * 6)
    assert _optimised(lhs, ">=", sp.Integer(1), list(vs), [Domain()] * 7) == []


def test_an_expression_lambdify_cannot_translate_stops_only_the_optimiser(monkeypatch):
    def refuse(*args):
        raise NameError("no mpmath translation")
    monkeypatch.setattr(counterexamples, "violation", refuse)
    assert _optimised(x ** 2, ">=", sp.Integer(1), [x], [Domain()]) == []


def test_an_optimiser_failure_from_one_start_moves_on_to_the_next(monkeypatch):
    calls = []

    def flaky(f, u0, **kw):
        calls.append(list(u0))
        if len(calls) == 1:
            raise FloatingPointError("from this start")
        return counterexamples_minimize(f, u0, **kw)
    counterexamples_minimize = counterexamples.minimize
    monkeypatch.setattr(counterexamples, "minimize", flaky)
    points = _optimised((x - sp.Rational(3, 37)) ** 2, ">=", sp.Rational(1, 10**8), [x], [Domain()], starts=5)
    assert len(calls) == 5 and points  # every start after the failed one still runs


def test_the_first_start_is_the_centre_and_the_others_spread_on_both_sides(monkeypatch):
    """u = 0 is the centre of every range (to_range); the other starts are distinct random points, some below the
    centre and some above it in every coordinate."""
    starts = []
    real = counterexamples.minimize
    monkeypatch.setattr(counterexamples, "minimize", lambda f, u0, **kw: starts.append(list(u0)) or real(f, u0, **kw))
    _optimised(x * y, "<=", sp.Integer(1), [x, y], [Domain(), Domain()], seed=3, starts=6)
    assert starts[0] == [0.0, 0.0]
    rest = starts[1:]
    assert len(rest) == 5 and len({tuple(u) for u in rest}) == 5 and all(0.0 not in u for u in rest)
    for c in range(2):
        assert min(u[c] for u in rest) < 0 < max(u[c] for u in rest)


def test_a_repeated_optimiser_point_is_skipped_and_the_next_one_tried(monkeypatch):
    """(x - 3/7)^2 > 0, false only at 3/7, with the optimiser proposing 0 (a special value: already tried, it held)
    and then 3/7, which refutes."""
    monkeypatch.setattr(counterexamples, "_optimise", lambda *args, **kw: iter([(Fraction(0),), (Fraction(3, 7),)]))
    found, _ = counterexamples.search((x - sp.Rational(3, 7)) ** 2, ">", sp.Integer(0), A, points=0, seed=0, grid=0)
    assert found is not None and found.how == "local optimisation of lhs - rhs" and found.point == {"x": "3/7"}


def test_rank_is_minus_v_over_one_plus_its_size():
    for v in (Fraction(1), Fraction(3), Fraction(-1, 2), Fraction(0)):
        assert counterexamples.rank(counterexamples.as_mpf(v)) == float(-v / (1 + abs(v)))


def test_a_family_without_other_variables_is_tried_even_without_a_grid():
    """sum_{i<=2} y_i >= 1/2 with y_i in {0}: no free variable, no grid, no random points: the one point (the empty
    diagonal, with the family drawn) is still judged, and refutes."""
    i = sp.Symbol("i", integer=True)
    yb = sp.IndexedBase("y")
    assumptions = Assumptions(sets={"y_i": [Fraction(0)]})
    found, stats = counterexamples.search(sp.Sum(yb[i], (i, 1, 2)), ">=", sp.Rational(1, 2), assumptions, points=0,
                                          seed=0, grid=0)
    assert found is not None and stats["points_tried"] == 1


def test_the_search_stops_when_sympy_raises_at_each_of_its_first_points_and_goes_on_after_one_value(monkeypatch):
    x = sp.Symbol("x", real=True)
    seen = []

    def raising(lhs, rel, rhs, subs):
        seen.append(subs[x])
        return None, None, None, "SymPy could not evaluate (NotImplementedError)"

    monkeypatch.setattr(counterexamples, "judge", raising)
    found, stats = counterexamples.search(x, "<=", x + 1, Assumptions(), points=20, grid=40)
    assert found is None and stats["points_tried"] == counterexamples.UNEVALUABLE == len(seen)
    assert stats["stopped"].startswith("SymPy could not evaluate")
    # the quick search's finding spares the whole search: undecided, with the reason
    p = Problem(x, "<=", x + 1, Assumptions())
    assert counterexamples.decide_quick(p) is None and "unevaluable" in p.notes
    seen.clear()
    out = counterexamples.decide_search(p)
    assert out.verdict == "undecided" and "could not evaluate" in out.evidence["reason"] and not seen

    # one point with a value (a held point, an undefined one): the failure is the point's, the search goes on
    def mixed(lhs, rel, rhs, subs):
        seen.append(subs[x])
        if len(seen) == 2:
            return None, None, None, "undefined on one side"
        return None, None, None, "SymPy could not evaluate (NotImplementedError)"

    seen.clear()
    monkeypatch.setattr(counterexamples, "judge", mixed)
    found, stats = counterexamples.search(x, "<=", x + 1, Assumptions(), points=20, grid=40)
    assert stats["points_tried"] > counterexamples.UNEVALUABLE and "stopped" not in stats


def test_a_family_is_also_tried_at_its_domains_ends_on_the_diagonal():
    # the mean pairwise gap of s_i in [0, 1] is about 1/3 at random members and 1 at (0, 1): a bound 1/2 on it is
    # false only near the ends, where random members never go
    i, j = sp.Symbol("i", integer=True), sp.Symbol("j", integer=True)
    n = sp.Symbol("n", integer=True, positive=True)
    s = sp.IndexedBase("s")
    assumptions = Assumptions(ranges={"n": (Fraction(2), None, False, True), "s": (Fraction(0), Fraction(1), False,
                                                                                  False)})
    gaps = 2 * sp.Sum(sp.Abs(s[i] - s[j]), (j, 1, i - 1), (i, 1, n)) / (n * (n - 1))
    found, _ = counterexamples.search(gaps, "<=", sp.Rational(1, 2), assumptions, points=0, grid=0, optimise=False)
    assert found is not None and {v for k, v in found.point.items() if k.startswith("s[")} == {"0", "1"}
    # the patterns: alternating from each end, one member at the high end, one at the low end
    d = domain_of(s, assumptions)
    rng = random.Random(0)
    assert [[counterexamples._member_value(d, m, p, rng) for m in range(3)] for p in range(4)] == [
        [0, 1, 0], [1, 0, 1], [1, 0, 0], [0, 1, 1]]
    assert 0 <= counterexamples._member_value(d, 0, None, rng) <= 1  # no pattern: drawn at random
