"""The model engines' own contract, on small fixed cases (fast: `make mutate` runs this file for every mutant).

GP against an independent transcription of its step (tests/reference_gp.py, SymPy gradients); its stopping rules
(separation needs every margin > 0, a tie is not separation), the size guard, stalls and cycles with their reasons,
`breaks_reduction`; GD's stopping test, its exactly evaluated first step, undecided signs and the run it returns.
"""

from fractions import Fraction

import pytest

from checker.arith import Undecided, make_context
from checker.data.dataset import from_rows
from checker.data.named import mixed_small
from checker.engines import model_engines
from checker.engines.model_engines import (
    MAX_EXACT_BITS,
    ModelStep,
    gd,
    gd_at,
    generalized_perceptron,
    generalized_perceptron_at,
)
from checker.models import numeric, symbolic
from checker.models.numeric import initial_parameters

from . import reference_gp

CASES = [  # (model, width, data, labels, seed, gamma)
    ("linear-network", 2, [[1, 2], [2, -1], [-1, 1], [0, 1]], [1, 1, -1, 1], 1, 1),
    ("relu", 2, [[1, 2], [2, -1], [-1, 1], [1, 1]], [1, 1, -1, 1], 4, 1),
    ("diagonal", 2, [[3, 1], [1, -2], [-2, 1]], [1, -1, -1], 2, Fraction(1, 2)),
    ("leaky-relu", 2, [[1, 1], [-1, 2], [2, -3]], [1, -1, 1], 3, 2),
    ("quadratic", 1, [[1, 0], [0, 1], [-1, -1]], [1, 1, -1], 0, 1),
    ("linear", 1, [[1, 0], [0, 1], [-1, 1]], [1, 1, -1], 0, 1),
]


@pytest.mark.parametrize("case", range(len(CASES)))
def test_gp_takes_the_reference_steps(case):
    name, width, X, y, seed, gamma = CASES[case]
    ds = from_rows(X, y)
    model = numeric.build(name, ds.d, width)
    theta0 = [0] * model.m if name == "linear" else initial_parameters(model, seed)
    run = generalized_perceptron(model, ds, theta0, gamma, max_iter=12)
    ref = reference_gp.run(symbolic.build(name, ds.d, width), ds, theta0, gamma, 12)
    if run.stopped.startswith("stalled"):  # the reference has no stall test: it stays at the same iterate
        assert ref[len(run.steps)][0] == ref[len(run.steps) - 1][0]
        ref = ref[:len(run.steps)]
    assert [(list(s.theta), s.mistakes, s.ties) for s in run.steps] == ref
    last = ref[-1]
    separated = not last[1] and not last[2]
    assert run.separated == separated and run.iterations == (len(ref) - 1 if separated else None)
    assert run.algorithm == "generalized-perceptron" and run.arithmetic.startswith("exact")
    assert run.extra["final"] == [make_context("exact").text(v, 30) for v in ref[-1][0]]


def test_a_tie_is_not_separation_and_is_weighed_one_half():
    # linear, theta_0 = (1, 0): sample 2 = (0, 1) has margin exactly 0 (a tie), the others are correct; GP must go
    # on with the half step theta_1 = theta_0 + (1/3)(1/2)(0, 1), and stop at t = 1 where every margin is > 0
    ds = from_rows([[1, 0], [0, 1], [-1, 1]], [1, 1, -1])
    run = generalized_perceptron(numeric.build("linear", 2), ds, [1, 0], 1, max_iter=5)
    assert run.steps[0].ties == (1,) and run.steps[0].mistakes == ()
    assert run.steps[1].theta == [1, Fraction(1, 6)] and run.iterations == 1 and run.separated


def test_max_iter_ends_the_run_unseparated():
    ds = mixed_small()
    model = numeric.build("linear", ds.d)
    run = generalized_perceptron(model, ds, [0] * ds.d, 1, max_iter=2)
    assert run.iterations is None and not run.separated and [s.t for s in run.steps] == [0, 1, 2]
    assert run.stopped == ""
    with make_context("exact") as ctx:  # no cap hit: one more iteration is one more step
        assert len(generalized_perceptron_at(ctx, model, ds, [0] * ds.d, 1, max_iter=3).steps) == 4


def _bits(theta):
    return max(max(abs(v.numerator).bit_length(), v.denominator.bit_length()) for v in theta)


def test_the_size_guard_stops_at_the_first_step_past_the_limit(monkeypatch):
    model = numeric.build("quadratic", 3, 2)
    run = generalized_perceptron(model, mixed_small(), initial_parameters(model, 1), 1, max_iter=200)
    last = run.steps[-1]
    assert _bits(last.theta) > MAX_EXACT_BITS >= _bits(run.steps[-2].theta)
    assert run.stopped == f"exact rationals exceeded {MAX_EXACT_BITS} bits at step {last.t}"
    assert not run.separated and run.iterations is None
    # a limit equal to some iterate's size: that iterate is within it (the guard is "exceeded", not "reached")
    limit = _bits(run.steps[3].theta)
    monkeypatch.setattr(model_engines, "MAX_EXACT_BITS", limit)
    small = generalized_perceptron(model, mixed_small(), initial_parameters(model, 1), 1, max_iter=200)
    assert small.stopped == f"exact rationals exceeded {limit} bits at step {small.steps[-1].t}"
    assert _bits(small.steps[-1].theta) > limit >= _bits(small.steps[-2].theta) and len(small.steps) > 4


def test_a_stall_of_a_linear_model_names_the_cancelling_gradient():
    # both samples tie at theta = 0 and their weighted gradients cancel: (1/2)(1) + (1/2)(-1) = 0
    ds = from_rows([[1], [1]], [1, -1])
    run = generalized_perceptron(numeric.build("linear", 1), ds, [0], 1, max_iter=50)
    assert run.iterations is None and not run.separated and len(run.steps) == 1
    assert run.stopped == ("stalled at t = 0: the update is exactly 0 (the weighted gradient of the misclassified "
                           "samples is exactly 0); GP stays at this iterate forever")


def test_a_relu_stall_with_a_live_unit_is_not_blamed_on_dead_units():
    # ReLU, one unit w = (1, 1): both samples have w^T a = -1 < 0 (dead), so both values are 0 (ties) and the
    # update is 0: blamed on dead units. A stall with a wrong sample that is alive has the other reason.
    model = numeric.build("relu", 2, 1)
    ds = from_rows([[-1, 0], [0, -1]], [1, -1])
    run = generalized_perceptron(model, ds, [1, 1, 1], 1, max_iter=5)
    assert run.stopped.startswith("stalled at t = 0") and "ReLU units dead" in run.stopped
    step = ModelStep(0, [0], [], (0,), (1,), (), dead=(0,))  # sample 1 tied but alive
    assert "weighted gradient" in model_engines._stall_reason(model, step)
    assert "weighted gradient" in model_engines._stall_reason(numeric.build("linear", 2), ModelStep(
        0, [0], [], (0,), (), (), dead=(0,)))


def test_a_cycle_is_reported_with_its_length():
    ds = from_rows([[1], [1]], [1, -1])
    run = generalized_perceptron(numeric.build("linear", 1), ds, [Fraction(1)], 4, max_iter=100)
    assert run.stopped == ("cycle: theta_2 = theta_0 exactly, so GP repeats the same 2 steps forever without "
                           "separating")
    assert run.iterations is None and not run.separated


@pytest.mark.parametrize("t,kinks,ties,dead,breaks", [
    (0, ((0, 0),), (1,), (), False),  # t = 0 never breaks the reduction
    (1, ((0, 0),), (), (), True),
    (1, (), (1,), (), True),
    (1, (), (1,), (1,), False),  # a tie on a dead ReLU sample: g and grad g vanish for GD too
    (1, (), (1, 2), (1,), True),
    (2, (), (), (), False),
])
def test_breaks_reduction(t, kinks, ties, dead, breaks):
    assert ModelStep(t, [], [], (), ties, kinks, dead).breaks_reduction is breaks


def test_a_run_with_a_kink_after_t_0_is_degenerate():
    model = numeric.build("relu", 2, 1)
    ds = from_rows([[1, 1], [1, -1]], [1, -1])
    run = generalized_perceptron(model, ds, [Fraction(1), Fraction(-1), Fraction(1)], 1, max_iter=3)
    assert run.steps[0].kinks == ((0, 0),) and not run.steps[0].breaks_reduction  # t = 0 does not count
    assert run.degenerate and any(s.breaks_reduction for s in run.steps[1:])  # a live tie and a kink at t = 1
    clean = generalized_perceptron(numeric.build("linear", 2), from_rows([[1, 2], [-1, -1]], [1, -1]), [0, 0], 1)
    assert not clean.degenerate and clean.iterations == 1


def test_gp_of_tanh_keeps_the_engine_asked_for():
    ds = from_rows([[1, 2], [-1, -1]], [1, -1])
    tanh = numeric.build("tanh", 2, 2)
    for arith, prefix in (("mpmath", "mpmath"), ("arb", "arb"), (None, "arb")):
        run = generalized_perceptron(tanh, ds, initial_parameters(tanh, 1), 1, max_iter=20, arith=arith)
        assert run.arithmetic.startswith(prefix) and run.separated


def test_gp_of_tanh_runs_in_balls_and_the_others_exactly():
    ds = from_rows([[1, 2], [-1, -1]], [1, -1])
    model = numeric.build("tanh", 2, 2)
    run = generalized_perceptron(model, ds, initial_parameters(model, 1), 1, max_iter=20)
    assert not run.arithmetic.startswith("exact") and run.separated
    assert generalized_perceptron(numeric.build("relu", 2, 2), ds, initial_parameters(model, 1), 1,
                                  max_iter=20).arithmetic.startswith("exact")
    assert generalized_perceptron(numeric.build("relu", 2, 2), ds, initial_parameters(model, 1), 1, max_iter=20,
                                  arith="arb").arithmetic.startswith("arb")


# -- GD -----------------------------------------------------------------------------------------------------------
def test_gd_stops_at_the_first_step_with_every_margin_positive():
    ds = from_rows([[1, 2], [-1, -1]], [1, -1])
    model = numeric.build("linear", 2)
    already = gd(model, ds, [1, 1], 1)  # separated at theta_0: t = 0
    assert already.iterations == 0 and already.separated and len(already.steps) == 1
    run = gd(model, ds, [0, 0], 1)  # theta_0 = 0: every margin 0; one step separates
    assert run.iterations == 1 and run.separated and run.steps[0].mistakes == ()
    assert run.algorithm == "gd" and run.extra["dps"] == 30 and len(run.extra["final"]) == 2
    tie = gd(model, from_rows([[1, 0], [0, 1], [-1, 1]], [1, 1, -1]), [1, 0], 1)  # a margin exactly 0 at t = 0
    assert tie.iterations >= 1 and tie.steps[0].mistakes == ()


def test_gd_without_stopping_runs_to_max_iter():
    ds = from_rows([[1, 2], [-1, -1]], [1, -1])
    model = numeric.build("linear", 2)
    run = gd(model, ds, [0, 0], 1, max_iter=4, stop_when_separated=False)
    assert len(run.steps) == 5 and run.separated and run.iterations is None
    short = gd(numeric.build("linear", mixed_small().d), mixed_small(), [0] * mixed_small().d, Fraction(1, 100),
               max_iter=1)
    assert short.iterations is None and not short.separated and len(short.steps) == 2


def test_gd_evaluates_theta_0_exactly_so_an_exact_zero_margin_is_decided():
    # theta_0 = (1/3, -1/3) and a = (1, 1): the margin is exactly 0, but 1/3 - 1/3 in balls is only 0 +- eps; the
    # exact first step decides it (a tie, not a mistake) and need_mistakes does not escalate forever
    ds = from_rows([[1, 1], [-1, -3]], [1, -1])
    model = numeric.build("linear", 2)
    theta0 = [Fraction(1, 3), Fraction(-1, 3)]
    with make_context("arb", 30) as ctx:
        run = gd_at(ctx, model, ds, theta0, 1, max_iter=3, need_mistakes=True)
        assert run.steps[0].mistakes == (1,) and ctx.sign(run.steps[0].margins[0]) == 0
        tanh = numeric.build("tanh", 2, 2)  # transcendental: its first step is in balls like the rest
        assert gd_at(ctx, tanh, ds, initial_parameters(tanh, 1), 1, max_iter=2).steps[0].mistakes is not None


def test_gd_reports_an_undecided_sign_only_when_asked_to():
    # at 20 digits and step 10^40 the second GD iterate's margins are not decided: with need_mistakes GD raises
    # Undecided (escalate then adds digits); without it the step carries mistakes None
    ds = from_rows([[1, 1], [1, -1], [-1, 0]], [1, -1, -1])
    model = numeric.build("linear", 2)
    with make_context("arb", 20) as ctx:
        with pytest.raises(Undecided, match="undecided at t = "):
            gd_at(ctx, model, ds, [0, 0], 10**40, max_iter=3, need_mistakes=True, stop_when_separated=False)
        run = gd_at(ctx, model, ds, [0, 0], 10**40, max_iter=3, stop_when_separated=False)
        # mixed-small: not separated at t = 1, every margin undecided at t = 2: the stopping test cannot decide
        with pytest.raises(Undecided, match="the stopping test is undecided at t = 2"):
            d = mixed_small().d
            gd_at(ctx, numeric.build("linear", d), mixed_small(), [0] * d, 10**40, max_iter=5)
    assert any(s.mistakes is None for s in run.steps) and not run.separated
    # gd's default: the mistake sets are not required, so it stays at 30 digits and reports them as undecided
    lazy = gd(model, ds, [0, 0], 10**40, max_iter=3, stop_when_separated=False)
    assert lazy.extra["dps"] == 30 and any(s.mistakes is None for s in lazy.steps)


# a non-separable set on which exact GP neither cycles nor stalls for over 1000 steps (found by a seeded search)
LONG = ([[6, Fraction(-4, 5)], [Fraction(11, 4), Fraction(-1, 4)], [Fraction(2, 5), Fraction(-7, 5)],
         [-4, Fraction(-12, 7)], [Fraction(-14, 5), Fraction(-4, 5)], [9, -1]], [1, -1, -1, 1, -1, -1])


def test_gp_runs_its_whole_budget_past_the_small_integers():
    ds = from_rows(*LONG)
    model = numeric.build("linear", 2)
    default = generalized_perceptron(model, ds, [0, 0], 1)  # the default budget: 1000 iterations
    assert len(default.steps) == 1001 and default.steps[-1].t == 1000
    assert default.iterations is None and not default.separated and default.stopped == ""
    assert len(generalized_perceptron(model, ds, [0, 0], 1, max_iter=300).steps) == 301  # == max_iter, not `is`


def test_a_cycle_entered_later_reports_where_it_starts():
    # theta_0 = 3 -> 1 -> -1 -> 1: the cycle is theta_1 -> theta_2, of length 2, entered at t = 1
    run = generalized_perceptron(numeric.build("linear", 1), from_rows([[1], [1]], [1, -1]), [3], 4, max_iter=100)
    assert [s.theta for s in run.steps] == [[3], [1], [-1]]
    assert run.stopped.startswith("cycle: theta_3 = theta_1 exactly, so GP repeats the same 2 steps forever")


def test_the_engine_choice_compares_the_name_not_the_string_object():
    ds = from_rows([[1, 2], [-1, -1]], [1, -1])
    tanh = numeric.build("tanh", 2, 2)
    exact = "".join(["ex", "act"])  # equal to "exact" but not the interned literal
    run = generalized_perceptron(tanh, ds, initial_parameters(tanh, 1), 1, max_iter=20, arith=exact)
    assert not run.arithmetic.startswith("exact") and run.separated


def test_one_gd_step_is_the_formula():
    """From theta_0 = 0 every margin is 0 and sigma(0) = 1/2, so theta_1 = (gamma/n)(1/2) sum_i y_i a_i exactly;
    the reported final iterate is the last recorded one, to 30 significant digits."""
    import mpmath

    ds = mixed_small()
    model = numeric.build("linear", ds.d)
    gamma = 3
    expected = [Fraction(gamma, ds.n) * Fraction(1, 2) * sum(r[j] for r in ds.signed_rows()) for j in range(ds.d)]
    with make_context("arb", 40) as ctx:
        run = gd_at(ctx, model, ds, [0] * ds.d, gamma, max_iter=1, stop_when_separated=False)
        assert run.extra["final"] == [ctx.text(v, 30) for v in run.steps[-1].theta]
        assert run.extra["dps"] == 40
    for text, e in zip(run.extra["final"], expected):
        assert abs(mpmath.mpf(text) - mpmath.mpf(e.numerator) / e.denominator) < mpmath.mpf(10) ** -28 * abs(e)
        assert len(text.split("e")[0].replace("-", "").replace(".", "").lstrip("0")) == 30, text


def test_gd_runs_its_default_budget_on_data_it_cannot_separate():
    run = gd(numeric.build("linear", 1), from_rows([[1], [1]], [1, -1]), [0], 1)
    assert len(run.steps) == 1001 and run.steps[-1].t == 1000 and run.iterations is None and not run.separated
    # past Python's small shared integers (t == max_iter, not `t is max_iter`) the final iterate is the last one
    # recorded, not one step further
    with make_context("arb", 60) as ctx:  # 300 steps of ball arithmetic cost about 60 digits of width here
        # separable data, not stopped: theta_t keeps growing (like log t), so one more step shows in every digit
        d = mixed_small().d
        long = gd_at(ctx, numeric.build("linear", d), mixed_small(), [0] * d, 1, max_iter=300,
                     stop_when_separated=False)
        assert len(long.steps) == 301 and long.extra["final"] == [ctx.text(v, 30) for v in long.steps[-1].theta]
        assert "nan" not in long.extra["final"]


def test_model_names_are_compared_by_value():
    # a name equal to "tanh" or "relu" but built at run time (not the interned literal) selects the same behaviour
    ds = from_rows([[1, 2], [-1, -1]], [1, -1])
    tanh = numeric.build("tanh", 2, 2)
    tanh.name = "".join(["ta", "nh"])
    run = generalized_perceptron(tanh, ds, initial_parameters(tanh, 1), 1, max_iter=20)
    assert not run.arithmetic.startswith("exact") and run.extra["dps"] == 30  # balls, at the default 30 digits
    user = numeric.build("linear", 2)
    user.name = "zeta-model"  # a user's name that sorts after "tanh": still rational, still exact
    assert generalized_perceptron(user, ds, [0, 0], 1).arithmetic.startswith("exact")
    relu = numeric.build("relu", 2, 1)
    relu.name = "".join(["re", "lu"])
    stalled = generalized_perceptron(relu, from_rows([[-1, 0], [0, -1]], [1, -1]), [1, 1, 1], 1, max_iter=5)
    assert "ReLU units dead" in stalled.stopped


def test_the_exact_engine_runs_its_default_budget():
    with make_context("exact") as ctx:
        run = generalized_perceptron_at(ctx, numeric.build("linear", 2), from_rows(*LONG), [0, 0], 1)
    assert len(run.steps) == 1001 and run.iterations is None


# -- the single unit from w = 0: linear GD's exact structure, times v ------------------------------------------
TIE = from_rows([["0.2", "-0.2"], ["0.6", "0.2"], ["0.6", "0.6"]], [-1, -1, 1], "tie-at-t1")  # z_2(u_1) = 0


def test_the_single_unit_from_zero_has_linear_gds_structure_and_no_other_start_does():
    unit = numeric.build("single-unit", 2, 1)
    assert model_engines._single_unit_from_zero(unit, TIE, [0, 0, Fraction(1, 3)]) is not None
    assert model_engines._single_unit_from_zero(unit, TIE, [0, 0, 0]) is None  # v = 0: no positive scale
    assert model_engines._single_unit_from_zero(unit, TIE, [0, 0, -1]) is None
    assert model_engines._single_unit_from_zero(unit, TIE, [0, Fraction(1, 7), 1]) is None  # w != 0
    network = numeric.build("linear-network", 2, 1)
    assert model_engines._single_unit_from_zero(network, TIE, [0, 0, 1]) is None


@pytest.mark.parametrize("arith", ["arb", "mpmath"])
def test_single_unit_signs_follow_v(arith):
    unit = numeric.build("single-unit", 2, 1)
    with make_context(arith, 30) as ctx:
        def fill(signs, v, t=1):
            exact = model_engines._single_unit_from_zero(unit, TIE, [0, 0, 1])
            return model_engines._single_unit_signs(ctx, exact, signs, v, t)

        signs, kept = fill([1, None, 1], ctx.num(2))
        assert signs == [1, 0, 1] and kept is not None
        signs, kept = fill([-1, None, -1], ctx.num(-2))  # z = v * (linear margin): the signs turn with v's
        assert signs == [-1, 0, -1] and kept is None  # a negative v: the coefficients' signs are no longer known
        signs, kept = fill([None, None, 1], ctx.num(-2))
        assert signs == [-1, 0, 1] and kept is None
        third = ctx.num(1) / 3
        signs, kept = fill([1, None, 1], third - ctx.num(Fraction(1, 3)))  # v's sign undecided: nothing filled
        assert signs == [1, None, 1] and kept is None
        signs, kept = fill([1, None, 1], ctx.num(2), t=0)  # t = 0 is evaluated exactly: nothing to fill
        assert signs == [1, None, 1] and kept is not None


def test_single_unit_gd_decides_a_tie_at_its_first_step():
    unit = numeric.build("single-unit", 2, 1)
    with make_context("arb", 30) as ctx:
        run = gd_at(ctx, unit, TIE, initial_parameters(unit), 1, max_iter=1, stop_when_separated=False,
                    need_mistakes=True)
        # decided although the ball alone cannot say: the margin is exactly 0, and 0 is not a mistake
        assert run.steps[1].mistakes == () and ctx.sign(run.steps[1].margins[1]) is None
