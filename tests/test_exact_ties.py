"""Exact zeros on linear GD's path: signs that no ball can decide are taken from the iterate's exact structure."""

import json
from fractions import Fraction

import pytest

from checker.analysis import iteration_bounds
from checker.arith import Undecided, dps_for_gamma, make_context
from checker.cli import main
from checker.data.dataset import from_rows, to_csv
from checker.engines import perceptron
from checker.engines.exact_signs import ExactSigns
from checker.engines.linear_gd import deviation_at, gd_linear, gd_linear_at
from checker.engines.model_engines import gd_at
from checker.models.numeric import build, initial_parameters


def _sign(q) -> int:
    return (q > 0) - (q < 0)


def _issue_data():
    # issue 29: Normalized LR+GD's u_1 = (1/n) sum_i y_i a_i has the second sample's margin exactly 0
    return from_rows([["0.2", "-0.2"], ["0.6", "0.2"], ["0.6", "0.6"]], [-1, -1, 1], "tie-at-t1")


def _first_margins(ds) -> list[Fraction]:
    """The exact margins of sum_i y_i a_i: u_1 of plain and normalized GD is a positive multiple of it."""
    s = [sum((v if yi > 0 else -v for v, yi in zip(col, ds.y)), Fraction(0)) for col in zip(*ds.X)]
    return [yi * sum((a * b for a, b in zip(row, s)), Fraction(0)) for row, yi in zip(ds.X, ds.y)]


def test_bounds_on_a_tie_at_the_first_normalized_step_is_answered(tmp_path, capsys):
    path = str(tmp_path / "d.csv")
    to_csv(_issue_data(), path)
    code = main(["bounds", "--data", path, "--json"])
    out = json.loads(capsys.readouterr().out)
    assert code in (0, 1)
    nlrgd = next(r for r in out["bounds"] if r["claim"] == "NLRGD-BOUND")
    # the count is the one the mpmath engine finds independently, and it is a count, not undecided
    ref = gd_linear(_issue_data(), 1, max_iter=1000, normalized=True, arith="mpmath")
    assert nlrgd["iterations"] == ref.iterations is not None


def test_a_sign_undecided_at_the_cap_is_an_undecided_bound_not_an_internal_error(tmp_path, capsys, monkeypatch):
    def undecided(*args, **kwargs):
        raise Undecided("the stopping test is undecided at t = 3 (arb, 4000 digits)")

    monkeypatch.setattr(iteration_bounds, "gd_linear", undecided)
    path = str(tmp_path / "d.csv")
    to_csv(_issue_data(), path)
    assert main(["bounds", "--data", path, "--json"]) == 1  # not every bound holds: undecided is not a pass
    nlrgd = next(r for r in json.loads(capsys.readouterr().out)["bounds"] if r["claim"] == "NLRGD-BOUND")
    assert nlrgd["verdict"] == "undecided" and nlrgd["iterations"] is None and "4000 digits" in nlrgd["note"]


@pytest.mark.parametrize("normalized", [False, True])
@pytest.mark.parametrize("arith", ["arb", "mpmath"])
def test_first_step_signs_are_the_exact_signs(arith, normalized):
    ds = _issue_data()
    with make_context(arith, 30) as ctx:
        run = gd_linear_at(ctx, ds, 1, max_iter=1, normalized=normalized, stop_when_separated=False)
    assert run.steps[1].signs == [_sign(q) for q in _first_margins(ds)] == [1, 0, 1]


def _symmetric():
    # mirror images under x2 -> -x2 (labels included): u_t stays on the x1 axis for every t, so the margins of
    # the samples (0, 1) and (0, -1) are exactly 0 at every step (and the data are not separable)
    return from_rows([[1, 1], [1, -1], [0, 1], [0, 1]], [1, 1, 1, -1], "mirror")  # signed rows (0, +-1)


@pytest.mark.parametrize("normalized", [False, True])
def test_a_margin_exactly_zero_at_every_step_is_decided(normalized):
    run = gd_linear(_symmetric(), 5, max_iter=6, normalized=normalized)
    assert not run.separated and run.iterations is None
    assert all(s.signs[2:] == [0, 0] for s in run.steps[1:])
    assert run.extra["dps"] == dps_for_gamma(5)  # decided at the starting precision: no escalation


def test_the_deviation_engine_decides_the_same_zeros():
    ds = _symmetric()
    bp = perceptron.batch_perceptron(ds, record=True, max_iter=5)
    with make_context("arb", 30) as ctx:
        steps = deviation_at(ctx, ds, 3, bp)
    # GD's mistakes are its margins < 0: none, while BP counts its two zero margins (the degenerate case)
    assert [s.gd_mistakes for s in steps] == [()] * 5
    assert [s.bp_mistakes for s in steps] == [(2, 3)] * 5


def test_classes_split_only_where_margins_differ_exactly():
    ds = _symmetric()
    ex = ExactSigns(ds)
    assert ex.classes == [[0, 1, 2, 3]] and ex.Z is None  # nothing computed before a sign is asked for
    assert ex.fill([1, 1, None, None], 1) == [1, 1, 0, 0]
    ex.advance()  # at t = 1 the margins are 2, 2, 0, 0 (times a positive scale): two classes
    assert sorted(ex.classes) == [[0, 1], [2, 3]]
    assert ex.fill([None] * 4, 5) == [1, 1, 0, 0] and ex.stable and ex.t == 5
    assert sorted(ex.classes) == [[0, 1], [2, 3]]
    assert ex.fill([None] * 4, 4) == [None] * 4  # a step already passed: not answered from a later one


def test_mixed_signs_are_left_to_the_balls():
    ds = from_rows([[2, 0], [-1, 1], [0, -1]], [1, 1, -1], "mixed")  # signed rows (2, 0), (-1, 1), (0, 1)
    ex = ExactSigns(ds)
    ex.advance()  # the margins at t = 1 are 2, 1, 2 (times a positive scale): classes {0, 2} and {1}
    assert sorted(ex.classes) == [[0, 2], [1]]
    # sample 2: (0, 1).(2, 1) = 1 and (0, 1).(-1, 1) = 1: both terms > 0, whatever the positive coefficients
    assert ex.sign(2) == 1
    # samples 0 and 1: (2, 0).(-1, 1) = -2 < 0 < 4, (-1, 1).(2, 1) = -1 < 0 < 2: the coefficients decide
    assert ex.sign(0) is None and ex.sign(1) is None
    assert ex.fill([None, -1, None], 2) == [None, -1, 1]
    ex.advance()  # samples 0 and 2 have different rows: their weights differ from now on
    assert sorted(ex.classes) == [[0], [1], [2]] and not ex.stable
    ex.advance()
    assert ex.stable  # singletons cannot split


def test_a_budget_too_small_gives_up_soundly():
    ex = ExactSigns(_symmetric(), budget=1)
    assert ex.fill([None, 1, None, None], 1) == [None, 1, None, None]
    ex = ExactSigns(_symmetric(), budget=30)  # enough for the first step's rows, not for the steps after
    assert ex.fill([None, 1, None, None], 1) == [1, 1, 0, 0]
    assert ex.fill([None, 1, None, None], 3) == [None, 1, None, None]


def test_repeated_rows_share_one_row_and_a_large_data_set_costs_nothing_until_asked():
    ds = from_rows([[1, 2], [1, 2], [3, -1], [1, 2]], [1, 1, -1, 1], "repeats")
    ex = ExactSigns(ds)
    ex.fill([None] * 4, 1)
    assert len(ex.rows) == 2 and ex.rows[0] == ex.row(1) == ex.row(3)
    big = ExactSigns(from_rows([[k, 1] for k in range(1, 2001)], [1, -1] * 1000, "big"), budget=100)
    assert big.fill([1] * 2000, 1) == [1] * 2000 and big.Z is None and big.work == 0


def test_the_single_units_first_gd_step_is_decided_exactly(tmp_path, capsys):
    # the single unit v w^T a starts at w = 0, v = 1: w_1 is a positive multiple of sum_i y_i a_i, as for linear GD
    ds = _issue_data()
    model = build("single-unit", ds.d, 1)
    with make_context("arb", 30) as ctx:
        run = gd_at(ctx, model, ds, initial_parameters(model), 1, max_iter=1, stop_when_separated=False,
                    need_mistakes=True)
    assert run.steps[1].mistakes == tuple(i for i, q in enumerate(_first_margins(ds)) if q < 0) == ()
    path = str(tmp_path / "d.csv")
    to_csv(ds, path)
    assert main(["run", "--data", path, "--algo", "gd", "--model", "single-unit", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["separated"] and out["arithmetic"] == "arb, 30 digits"


@pytest.mark.parametrize("arith", ["arb", "mpmath"])
def test_an_exact_sign_below_the_precision_ends_the_stopping_test(arith):
    # signed rows (1, 1) and (1, -3 - e): at u_1 = (2, -2 - e)/4 the first margin is -e/4, a cancellation that 10
    # digits leave undecided; the exact structure says -1, a mistake, so the test goes on instead of escalating
    e = Fraction(1, 10**30)
    ds = from_rows([[1, 1], [-1, 3 + e]], [1, -1], "tiny")
    with make_context(arith, 10) as ctx:
        run = gd_linear_at(ctx, ds, 1, max_iter=1)
        assert ctx.sign(run.steps[1].margins[0]) is None  # the ball cannot say
    assert run.steps[1].signs == [_sign(q) for q in _first_margins(ds)] == [-1, 1] and not run.separated
