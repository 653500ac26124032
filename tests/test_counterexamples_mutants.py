"""The counterexample search's contracts that mutation testing found unpinned (derivcheck/deciders/counterexamples.py).

Each test pins a behaviour a user sees: which alternating pattern points the search tries (and that a pattern value
outside a variable's domain is replaced by the variable's first special value, never proposed), that the written
step is re-judged where only SymPy's evaluated form is undefined, how the soft time budget (`budget.pace`) stops
the search and what it then says, and what the search decider reports with and without a counterexample. These
are fast: only special values, no grid, no optimiser, except in the decider's own test.
"""

from fractions import Fraction
from types import SimpleNamespace

import pytest
import sympy as sp

from derivcheck import budget
from derivcheck.deciders import counterexamples
from derivcheck.deciders.problem import Problem
from derivcheck.reader.declarations import Assumptions

x, y, z = sp.symbols("x y z", real=True)

A = Assumptions()
ONLY_SPECIALS = {"points": 0, "optimise": False, "grid": 0}  # the diagonal and the patterns, nothing else


# -- the alternating patterns: (a, b, a, b, ...) for each (a, b) of PATTERNS -------------------------------------
@pytest.mark.parametrize("a,b", [(1, -1), (-1, 1), (1, 0), (0, 1), (1, 2), (2, 1)])
def test_each_alternating_pattern_is_tried(a, b):
    """(x - a)^2 + (y - b)^2 + (z - a)^2 > 0 fails only at (a, b, a), with a != b never on the diagonal of special
    values (every variable at the same value): only the pattern (a, b) can find it. The list is the documented one
    (all ones apart, (1, -1, 1, ...), (1, 0, 1, ...), ...), written out here so that a changed pattern is seen."""
    for vs in ((x, y), (x, y, z)):
        lhs = sum((v - (a if j % 2 == 0 else b)) ** 2 for j, v in enumerate(vs))
        found, stats = counterexamples.search(lhs, ">", sp.Integer(0), A, seed=0, **ONLY_SPECIALS)
        assert found is not None, (vs, stats)
        assert found.point == {str(v): str(a if j % 2 == 0 else b) for j, v in enumerate(vs)}
        assert found.how == "special values and seeded random rationals"


def test_a_pattern_value_outside_a_domain_is_never_proposed():
    """y > 0 and z < 0: the pattern (1, -1, 1) has y = -1 and z = 1 outside their domains, so each takes its first
    special value instead. (x^2 + 1) y z < 0 holds on the domain and fails at every point with y < 0 < z or z > 0 > y:
    a refutation here would be a true step refuted at a point the assumptions exclude."""
    assumptions = Assumptions(ranges={"y": (Fraction(0), None, True, True), "z": (None, Fraction(0), True, True)})
    ys, zs = assumptions.symbol("y"), assumptions.symbol("z")
    found, stats = counterexamples.search((x ** 2 + 1) * ys * zs, "<", sp.Integer(0), assumptions, seed=0,
                                          **ONLY_SPECIALS)
    assert found is None, found
    assert stats["points_held"] == stats["points_tried"] > 0


def test_a_pattern_value_outside_a_domain_is_replaced_by_the_first_special_value():
    """y in {5, 7} (special values [5, 7]): the patterns put x at 1, -1, 0, 2 and y, whose pattern values are all
    outside {5, 7}, at its first special value 5. The diagonal pairs x = 1 with y = 7 (x's specials are 0, 1, -1,
    ...; y's alternate 5, 7), so (x - 1)^2 + (y - 5)^2 > 0, false only at (1, 5), is refuted by a pattern point."""
    assumptions = Assumptions(sets={"y": [Fraction(5), Fraction(7)]})
    ys = assumptions.symbol("y")
    found, stats = counterexamples.search((x - 1) ** 2 + (ys - 5) ** 2, ">", sp.Integer(0), assumptions, seed=0,
                                          **ONLY_SPECIALS)
    assert found is not None and found.point == {"x": "1", "y": "5"}, stats


def test_a_variable_with_one_special_value_takes_it_in_every_pattern():
    # y in {5}: its only special value stands in for every pattern value; the search runs, and (1, 5) refutes
    assumptions = Assumptions(sets={"y": [Fraction(5)]})
    ys = assumptions.symbol("y")
    found, _ = counterexamples.search((x - 1) ** 2 + (ys - 5) ** 2, ">", sp.Integer(0), assumptions, seed=0,
                                      **ONLY_SPECIALS)
    assert found is not None and found.point == {"x": "1", "y": "5"}


# -- the step as written, where SymPy's evaluated form is undefined ---------------------------------------------
def test_where_only_the_closed_form_is_undefined_the_written_step_is_judged():
    """sum_{t=0}^{T-1} (1 - eta)^(T-1-t) <= 1/eta holds for eta in (0, 1] (at eta = 1 the sum is 0^0 = 1), but
    SymPy's closed form divides by 1 - 1/(1 - eta), undefined at eta = 1 (a pattern point, eta = 1 with T = 1 or 2):
    the search must judge the written sum there, where it holds, and report no counterexample."""
    t = sp.Symbol("t", integer=True)
    assumptions = Assumptions(ranges={"T": (Fraction(1), Fraction(3), False, False),
                                      "eta": (Fraction(0), Fraction(1), True, False)})
    T, eta = assumptions.symbol("T"), assumptions.symbol("eta")
    lhs = sp.Sum((1 - eta) ** (T - 1 - t), (t, 0, T - 1))
    found, stats = counterexamples.search(lhs, "<=", 1 / eta, assumptions, seed=0, **ONLY_SPECIALS)
    assert found is None, found
    assert stats["points_held"] == stats["points_tried"] > 0
    # the premise: SymPy's form alone is undefined there, so the re-judging is what keeps the step from refutation
    found, _ = counterexamples.search(lhs.doit(), "<=", 1 / eta, assumptions, seed=0, **ONLY_SPECIALS)
    assert found is not None and found.point["eta"] == "1" and "undefined" in found.note


# -- the soft time budget ---------------------------------------------------------------------------------------
def _true_step():
    return x ** 2 + y ** 2, ">=", sp.Integer(0)


def test_a_soft_budget_not_yet_spent_lets_the_search_run_its_whole_budget():
    lhs, rel, rhs = _true_step()
    _, unpaced = counterexamples.search(lhs, rel, rhs, A, points=5, seed=0, optimise=False, grid=20)
    with budget.pace(3600):  # an hour: never reached here
        found, paced = counterexamples.search(lhs, rel, rhs, A, points=5, seed=0, optimise=False, grid=20)
    assert found is None and "stopped" not in paced
    assert paced == unpaced and paced["points_tried"] > 20


def test_a_spent_soft_budget_still_lets_the_search_try_its_first_points(monkeypatch):
    """With no time left the search still tries its first SOFT_FLOOR points (special values, the grid's start), so
    that a step false at a plain point is refuted on a busy machine too; then it stops and says so."""
    lhs, rel, rhs = _true_step()
    with budget.pace(0):
        found, stats = counterexamples.search(lhs, rel, rhs, A, points=5, seed=0, optimise=False, grid=20)
    floor = counterexamples.SOFT_FLOOR
    assert found is None and stats["points_tried"] == stats["points_held"] == floor
    assert stats["stopped"] == f"the time budget ran out after {floor} points"
    # a step false only at the search's 12th point (one of the first SOFT_FLOOR) is refuted with no time left
    assert 12 < floor
    seen = []
    judge = counterexamples.judge
    monkeypatch.setattr(counterexamples, "judge", lambda *a: seen.append(a[3]) or judge(*a))
    counterexamples.search(lhs, rel, rhs, A, points=5, seed=0, optimise=False, grid=20)
    twelfth = seen[11]
    monkeypatch.setattr(counterexamples, "judge", judge)
    only_there = (x - twelfth[x]) ** 2 + (y - twelfth[y]) ** 2
    with budget.pace(0):
        found, stats = counterexamples.search(only_there, ">", sp.Integer(0), A, points=5, seed=0, optimise=False,
                                              grid=20)
    assert found is not None and stats["points_tried"] == 12
    assert found.point == {"x": str(twelfth[x]), "y": str(twelfth[y])}


def test_a_spent_soft_budget_stops_after_the_first_point_that_held(monkeypatch):
    """With no time left and no floor, the search still decides one point (a partial search says how many held),
    then stops and says so, with the count in words."""
    monkeypatch.setattr(counterexamples, "SOFT_FLOOR", 0)
    lhs, rel, rhs = _true_step()
    with budget.pace(0):
        found, stats = counterexamples.search(lhs, rel, rhs, A, points=5, seed=0, optimise=False, grid=20)
    assert found is None and stats["points_tried"] == stats["points_held"] == 1
    assert stats["stopped"] == "the time budget ran out after 1 point"
    # 1/x <= 1/x is undecided at the first special value x = 0 (both sides undefined): that point does not count
    # as held, so the search goes on to x = 1, which holds, and stops after two points
    with budget.pace(0):
        found, stats = counterexamples.search(1 / x, "<=", 1 / x, A, points=5, seed=0, optimise=False, grid=20)
    assert found is None and stats["points_tried"] == 2 and stats["points_held"] == 1
    assert stats["stopped"] == "the time budget ran out after 2 points"


# -- the search as the verdict engine's deciders ------------------------------------------------------------------
def test_the_search_deciders_refute_a_false_step_and_count_the_points_of_a_true_one():
    false = Problem(x ** 2, ">=", x, points=5)  # false at x = 1/2
    for decide in (counterexamples.decide_search, counterexamples.decide_quick):
        out = decide(false)
        assert out.verdict == "refuted" and out.evidence["counterexample"] == {"x": "1/2"}, out
        assert out.method == "counterexample (special values and seeded random rationals)"
    true = Problem(x ** 2, ">=", sp.Integer(0), points=5)
    out = counterexamples.decide_search(true)
    assert out.verdict == "numerically holds, not proved" and out.method == "counterexample search found none"
    assert out.evidence["points_held"] == out.evidence["points_tried"] > 5
    assert counterexamples.decide_quick(true) is None and true.notes["points_held"] > 5


# -- the soft budget on a frozen clock: where exactly the search stops ------------------------------------------
def _frozen_clock(monkeypatch, now=1000.0):
    """The clock of the search and of `budget` stands still at `now`: a soft deadline is then reached exactly when
    it is at or before `now`, whatever the machine's load."""
    clock = SimpleNamespace(monotonic=lambda: now)
    monkeypatch.setattr(counterexamples, "time", clock)
    monkeypatch.setattr(budget, "time", clock)


def test_a_soft_budget_is_measured_from_now_and_ends_at_its_deadline(monkeypatch):
    """The deadline is now + the soft budget: with half a second left on a clock that does not move, the search
    runs its whole budget (a deadline at now * 0.5 would lie in the past and stop it at once); with nothing left it
    stops after the first point that held (now < deadline, not <=: the deadline itself is past time)."""
    _frozen_clock(monkeypatch)
    monkeypatch.setattr(counterexamples, "SOFT_FLOOR", 0)
    lhs, rel, rhs = _true_step()
    _, unpaced = counterexamples.search(lhs, rel, rhs, A, points=5, seed=0, optimise=False, grid=20)
    with budget.pace(0.5):
        found, paced = counterexamples.search(lhs, rel, rhs, A, points=5, seed=0, optimise=False, grid=20)
    assert found is None and paced == unpaced and "stopped" not in paced
    with budget.pace(0):
        found, stats = counterexamples.search(lhs, rel, rhs, A, points=5, seed=0, optimise=False, grid=20)
    assert found is None and stats["points_held"] == 1
    assert stats["stopped"] == "the time budget ran out after 1 point"


def test_the_search_decider_takes_half_of_the_time_left(monkeypatch):
    """decide_search runs the search under a soft budget of half the step's remaining time (a slow search stops
    half way, leaving the rest to what follows): with 7 s left the search sees 3.5 s."""
    _frozen_clock(monkeypatch)
    monkeypatch.setattr(counterexamples, "remaining", lambda: 7.0)
    seen = []
    real_soft_remaining = counterexamples.soft_remaining
    monkeypatch.setattr(counterexamples, "soft_remaining", lambda: seen.append(real_soft_remaining()) or seen[-1])
    out = counterexamples.decide_search(Problem(x ** 2, ">=", sp.Integer(0), points=2))
    assert seen == [3.5]
    assert out.verdict == "numerically holds, not proved" and "stopped" not in out.evidence


# -- what the search deciders report --------------------------------------------------------------------------
def test_the_search_decider_is_undecided_when_no_point_could_be_decided():
    """sqrt(-1 - x^2) is undefined at every real x, so both sides are undefined at every point: no point held, and
    the step is undecided, never "numerically holds" on zero points; the reason names why the points were skipped."""
    side = sp.sqrt(-1 - x ** 2)
    out = counterexamples.decide_search(Problem(side, "<=", side, points=2))
    assert out.verdict == "undecided" and out.method == "none", out
    assert out.evidence["reason"] == "no point could be decided (both sides undefined)"
    assert out.evidence["points_held"] == 0 and out.evidence["undecided_points"] == out.evidence["points_tried"] > 0


def test_the_quick_pass_tries_special_values_a_grid_of_24_and_8_random_points():
    """The quick pass's effort is part of every proof's evidence (the points it re-checked, `rechecked_points`):
    special values, the first 24 points of the product grid, 8 seeded random rationals, no optimiser. (x - y)^2 >= 0
    with y > 0 holds everywhere, so every point tried is counted; the premise shows that one point more or less in
    the grid or the random draw, or the optimiser's points (near x = y), change the count."""
    assumptions = Assumptions(ranges={"y": (Fraction(0), None, True, True)})
    lhs, rhs = (x - assumptions.symbol("y")) ** 2, sp.Integer(0)

    def held(**kw):
        found, stats = counterexamples.search(lhs, ">=", rhs, assumptions, seed=0, **kw)
        assert found is None
        return stats["points_held"]

    expected = held(points=8, grid=24, optimise=False)
    for kw in ({"points": 7}, {"points": 9}, {"grid": 23}, {"grid": 25}, {"optimise": True}):
        assert held(**{"points": 8, "grid": 24, "optimise": False, **kw}) != expected, kw
    p = Problem(lhs, ">=", rhs, assumptions=assumptions)
    assert counterexamples.decide_quick(p) is None
    assert p.notes["points_held"] == expected


def test_where_the_closed_form_is_undefined_on_both_sides_the_written_step_is_judged():
    """S > S + eta - 1 with S = sum_{t=0}^{T-1} (1 - eta)^(T-1-t) is false at eta = 1 (S = 1 there, 0^0 = 1): SymPy's
    closed form of S is undefined there on both sides, which judge leaves undecided; the written step is judged
    there instead and refuted, with the written sums' values."""
    t = sp.Symbol("t", integer=True)
    assumptions = Assumptions(ranges={"T": (Fraction(1), Fraction(3), False, False),
                                      "eta": (Fraction(0), Fraction(1), True, False)})
    T, eta = assumptions.symbol("T"), assumptions.symbol("eta")
    S = sp.Sum((1 - eta) ** (T - 1 - t), (t, 0, T - 1))
    found, _ = counterexamples.search(S, ">", S + eta - 1, assumptions, seed=0, **ONLY_SPECIALS)
    assert found is not None and found.point["eta"] == "1", found
    assert found.lhs == found.rhs == 1
    # the premise: on SymPy's forms alone no point with eta = 1 is decided (both sides undefined)
    found, stats = counterexamples.search(S.doit(), ">", S.doit() + eta - 1, assumptions, seed=0, **ONLY_SPECIALS)
    assert found is None or found.point["eta"] != "1"


def test_the_written_step_is_judged_only_where_the_evaluated_form_is_undefined(monkeypatch):
    """Judging a written sum term by term is slow: where SymPy's closed form has a value (held or failed), the
    search keeps its verdict and never evaluates the written sums."""
    t = sp.Symbol("t", integer=True)
    assumptions = Assumptions(ranges={"T": (Fraction(1), Fraction(40), False, False)})
    T = assumptions.symbol("T")
    written = []
    real = counterexamples.judge

    def spy(lhs, rel, rhs, subs):
        if sp.Tuple(lhs, rhs).has(sp.Sum):
            written.append(subs)
        return real(lhs, rel, rhs, subs)

    monkeypatch.setattr(counterexamples, "judge", spy)
    # sum_{t=1}^T t <= T holds at T = 1 and fails from T = 2: both kinds of point, each with a closed-form value
    found, stats = counterexamples.search(sp.Sum(t, (t, 1, T)), "<=", T, assumptions, seed=0, points=6,
                                          optimise=False, grid=6)
    assert found is not None and stats["points_held"] >= 1
    assert written == []
