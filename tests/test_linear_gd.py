"""Linear GD in ball arithmetic: huge step sizes, the deviation engine, certified signs."""

from fractions import Fraction

import pytest

from checker.analysis.runs import RunRequest, run
from checker.arith import Undecided, dps_for_gamma, make_context
from checker.data.accel_family import accel_dataset
from checker.data.named import bp_lower, bp_lower_degenerate, mixed_small
from checker.engines import perceptron
from checker.engines.linear_gd import (
    deviation_at,
    deviation_from_bp,
    gd_linear,
    gd_linear_at,
)


@pytest.mark.parametrize("arith", ["arb", "mpmath"])
def test_gamma_1e300_runs_and_separates_with_bp(arith):
    run = gd_linear(bp_lower(101), "1e300", max_iter=100, arith=arith)
    assert run.separated and run.iterations == 31 and run.extra["dps"] >= 330


def test_first_iterate_is_p1_exactly():
    ds = mixed_small()
    bp = perceptron.batch_perceptron(ds, record=True)
    with make_context("arb", 40) as ctx:
        run = gd_linear_at(ctx, ds, 7, max_iter=1)
        p1 = [ctx.num(v) for v in bp.trajectory[0].p]
        # sigma(0) = 1/2 exactly: u_1 encloses p_1, to the working precision (no error from exp)
        assert all(ctx.overlaps(a, b) and a.rad() < 2.0 ** -120 for a, b in zip(run.steps[1].u, p1))
        assert ctx.sigma_neg(ctx.num(0)).is_exact()


@pytest.mark.parametrize("gamma", [1, 10, 100])
def test_deviation_engine_overlaps_plain_gd(gamma):
    ds = mixed_small()
    bp = perceptron.batch_perceptron(ds, record=True)
    with make_context("arb", 80) as ctx:
        dev = deviation_at(ctx, ds, gamma, bp)
        plain = gd_linear_at(ctx, ds, gamma, max_iter=len(bp.trajectory))
        for s, d in zip(plain.steps[1:], dev):
            p = [ctx.num(v) for v in bp.trajectory[d.t - 1].p]
            assert ctx.overlaps(ctx.norm([a - b for a, b in zip(s.u, p)]), d.gap)


def test_gap_keeps_relative_precision_at_huge_gamma():
    ds = bp_lower(11)
    bp = perceptron.batch_perceptron(ds, record=True)
    steps = deviation_from_bp(ds, 10**100, bp, arith="arb")
    g = steps[1].gap
    assert g > 0 and g.rel_accuracy_bits() > 60  # a ball around 10^(-10^99) with 60+ correct bits
    assert steps[1].gap_log10 < -10**99  # far below anything representable in float64
    assert all(s.gd_mistakes == s.bp_mistakes for s in steps)


def test_precision_is_raised_to_what_gamma_needs():
    # sigma(-gamma z) needs log10(gamma) more digits than the margins: asking for fewer is overridden
    run = gd_linear(bp_lower(11), "1e40", max_iter=10, dps=15)
    assert run.extra["dps"] >= 70
    assert dps_for_gamma(10**40, 15) == 71 and dps_for_gamma(Fraction(1, 3)) == 30 and dps_for_gamma(999) == 33


def test_normalized_gd_moves_by_a_convex_combination():
    # at t = 0 every weight is 1/2: the first normalized step is the mean of y_i a_i, exactly
    ds = mixed_small()
    with make_context("arb", 40) as ctx:
        run = gd_linear_at(ctx, ds, 3, max_iter=1, normalized=True)
        mean = [sum(yi * row[j] for row, yi in zip(ds.X, ds.y)) / ds.n for j in range(ds.d)]
        assert all(ctx.overlaps(a, ctx.num(m)) for a, m in zip(run.steps[1].u, mean))


@pytest.mark.parametrize("arith", ["arb", "mpmath"])
@pytest.mark.parametrize("name", ["accel-16", "bp-lower-6-scaled"])
def test_degenerate_data_at_huge_gamma_is_decided_by_the_deviation_engine(name, arith):
    # BP has a margin exactly 0 on these; GD's margin there is ~e^{-gamma m}, beyond any plain precision at 1e300
    ds = accel_dataset(16) if name == "accel-16" else bp_lower_degenerate()
    bp = perceptron.batch_perceptron(ds, record=True)
    assert bp.degenerate
    with pytest.raises(Undecided):
        gd_linear(ds, "1e300", max_iter=50, arith=arith, dps=330, max_dps=660)
    with make_context(arith, 340) as ctx:
        steps = deviation_at(ctx, ds, 10**300, bp, extend_to=50, stop_when_separated=True)
    # where plain GD can still decide (gamma = 10^3), it agrees with the deviation form step by step
    plain = gd_linear(ds, 1000, max_iter=50, arith=arith)
    with make_context(arith, 120) as ctx:
        mid = deviation_at(ctx, ds, 1000, bp, extend_to=50, stop_when_separated=True)
    assert plain.iterations == mid[-1].t == steps[-1].t and steps[-1].gd_separated
    out = run(ds, RunRequest("gd", gamma=Fraction(10**300), gamma_text="1e300", max_iter=50, arith=arith))
    assert out["iterations"] == steps[-1].t and "deviation engine" in out["arithmetic"]
