"""Linear GD in ball arithmetic: huge step sizes, the deviation engine, certified signs."""

from fractions import Fraction

import pytest

from checker.analysis.runs import RunRequest, run
from checker.arith import Undecided, dps_for_gamma, make_context
from checker.data.accel_family import accel_dataset
from checker.data.dataset import from_rows
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


# -- every field of the deviation engine against a direct computation (mutation survivors, quality/MUTATION.md) ----
def _reference_steps(ds, gamma, bp, T):
    """GD, delta_t, the rate bound and the loss gap computed directly in mpmath at 80 digits: at gamma <= 10 the
    cancellation in u_t - p_t costs a few digits, far fewer than the 80 carried."""
    import mpmath

    with mpmath.workdps(80):
        g, n = mpmath.mpf(gamma), ds.n
        rows = ds.signed_rows()
        A = [[mpmath.mpf(v.numerator) / v.denominator for v in r] for r in rows]
        R = mpmath.sqrt(mpmath.mpf(ds.radius_squared().numerator) / ds.radius_squared().denominator)
        u = [mpmath.mpf(v.numerator) / v.denominator for v in bp.trajectory[0].p]  # u_1 = p_1: sigma(0) = 1/2
        B, bound_ok, out = mpmath.mpf(0), True, []
        for t in range(1, T + 1):
            step = bp.trajectory[min(t, len(bp.trajectory)) - 1]
            p = [mpmath.mpf(v.numerator) / v.denominator for v in step.p]
            z = [mpmath.fsum(a[j] * u[j] for j in range(ds.d)) for a in A]
            gap = mpmath.sqrt(mpmath.fsum((x - y) ** 2 for x, y in zip(u, p)))
            m = min(abs(q) for q in step.margins)
            pl = sum((-q for q in step.margins if q < 0), Fraction(0)) / n
            f = mpmath.fsum(mpmath.log1p(mpmath.exp(-g * zi)) for zi in z) / n
            loss_gap = abs(f / g - mpmath.mpf(pl.numerator) / pl.denominator)
            mf = mpmath.mpf(m.numerator) / m.denominator
            loss_ok = loss_bound = None
            if mf - R * gap > 0:
                loss_bound = R * gap + mpmath.exp(-g * (mf - R * gap)) / g
                loss_ok = loss_gap <= loss_bound
            out.append({"gap": gap, "bound": B if bound_ok else None, "pl": pl, "loss_gap": loss_gap,
                        "loss_ok": loss_ok, "loss_bound": loss_bound, "min_margin": m, "gd_wrong": tuple(i for i, zi in enumerate(z) if zi < 0),
                        "separated": all(zi > 0 for zi in z)})
            u = [u[j] + mpmath.fsum(a[j] / (1 + mpmath.exp(g * zi)) for a, zi in zip(A, z)) / n for j in range(ds.d)]
            if bound_ok and mf - R * B > 0:
                B = B + R * mpmath.exp(-g * (mf - R * B))
            else:
                bound_ok = False
        return out


def _close(a, b, rel=1e-30):
    import mpmath

    return abs(mpmath.mpf(a) - b) <= rel * abs(b) + mpmath.mpf(10) ** -70  # the reference's own rounding: ~1e-80


@pytest.mark.parametrize("name,gamma", [("mixed-small", 1), ("mixed-small", 3), ("mixed-small", 10),
                                        ("bp-lower-6-scaled", 2), ("bp-lower-6-scaled", 10), ("bp-lower-11", 5),
                                        ("zero-at-p1", 1), ("zero-at-p1", 4)])
@pytest.mark.parametrize("arith", ["arb", "mpmath"])
def test_every_deviation_field_matches_a_direct_computation(name, gamma, arith):
    import mpmath

    ds = {"mixed-small": mixed_small(), "bp-lower-6-scaled": bp_lower_degenerate(), "bp-lower-11": bp_lower(11),
          # p_1 = (1/3, 0): the second margin is exactly 0 at t = 1, for BP and for GD (u_1 = p_1)
          "zero-at-p1": from_rows([[1, 0], [0, 1], [-1, 1]], [1, 1, -1])}[name]
    bp = perceptron.batch_perceptron(ds, record=True)
    T = len(bp.trajectory) + 3
    with make_context(arith, 80) as ctx, mpmath.workdps(80):
        steps = deviation_at(ctx, ds, gamma, bp, extend_to=T) if bp.separated else deviation_at(ctx, ds, gamma, bp)
        ref = _reference_steps(ds, gamma, bp, len(steps))
        assert len(steps) == T and [s.t for s in steps] == list(range(1, T + 1))
        for s, r in zip(steps, ref):
            assert _close(ctx.to_float(s.gap) if r["gap"] == 0 else mpmath.mpf(ctx.text(s.gap, 40)), r["gap"]), s.t
            assert s.min_margin == r["min_margin"] and s.perceptron_loss == r["pl"]
            assert s.gd_mistakes == r["gd_wrong"] and s.gd_separated == r["separated"], s.t
            assert (s.bound is None) == (r["bound"] is None), s.t
            if r["bound"] is not None:
                assert _close(mpmath.mpf(ctx.text(s.bound, 40)), r["bound"]), s.t
                assert s.bound_holds == (r["gap"] <= r["bound"]), s.t
            assert _close(mpmath.mpf(10) ** mpmath.mpf(s.loss_gap_log10), r["loss_gap"], rel=1e-9), s.t
            assert s.loss_bound_holds == r["loss_ok"], s.t
            assert (s.loss_bound is None) == (r["loss_bound"] is None), s.t
            if r["loss_bound"] is not None:  # the enclosure uses e_t's upper end: equal to ~1e-30 relative
                assert _close(mpmath.mpf(ctx.text(s.loss_bound, 40)), r["loss_bound"]), s.t
                assert mpmath.mpf(s.loss_bound_text) == mpmath.mpf(ctx.text(s.loss_bound, 6))


def test_gd_stops_at_t_1_when_p_1_separates():
    ds = from_rows([[1, 2], [-1, -1]], [1, -1])  # p_1 = (1, 3/2)/2 separates both samples
    for gamma in (1, 10**6):
        run = gd_linear(ds, gamma, max_iter=10)
        assert run.separated and run.iterations == 1 and len(run.steps) == 2  # steps t = 0, 1 are recorded


@pytest.mark.parametrize("arith", ["arb", "mpmath"])
def test_the_final_iterate_is_reported_to_30_significant_digits(arith):
    import re

    run = gd_linear(from_rows([[1, 0], [0, 1], [-1, 1]], [1, 1, -1]), 1, arith=arith)
    for text in run.extra["final"]:
        assert len(re.sub(r"^[-+0.]*", "", text.split("e")[0]).replace(".", "")) == 30, text


def test_the_recorded_loss_is_the_mean_logistic_loss():
    import mpmath

    ds = mixed_small()
    with make_context("arb", 60) as ctx, mpmath.workdps(60):
        run = gd_linear_at(ctx, ds, 3, max_iter=4, stop_when_separated=False)
        rows = [[mpmath.mpf(v.numerator) / v.denominator for v in r] for r in ds.signed_rows()]
        for step in run.steps:
            u = [mpmath.mpf(ctx.text(v, 50)) for v in step.u]
            ref = mpmath.fsum(mpmath.log1p(mpmath.exp(-3 * mpmath.fsum(a * b for a, b in zip(r, u)))) for r in rows)
            assert abs(mpmath.mpf(ctx.text(step.loss, 40)) - ref / ds.n) < mpmath.mpf(10) ** -35, step.t


def test_without_stopping_gd_runs_to_max_iter_and_reports_separation_there():
    ds = from_rows([[1, 2], [-1, -1]], [1, -1])  # separated from t = 1
    with make_context("arb", 40) as ctx:
        run = gd_linear_at(ctx, ds, 2, max_iter=5, stop_when_separated=False)
        assert len(run.steps) == 6 and run.iterations is None and run.separated
        short = gd_linear_at(ctx, bp_lower(11), 1, max_iter=2)  # not separated after 2 steps
        assert short.iterations is None and not short.separated


def test_the_certified_comparison_decides_both_ways():
    from checker.engines.linear_gd import _le

    with make_context("arb", 30) as ctx:
        assert _le(ctx, ctx.num(1), ctx.num(2)) and _le(ctx, ctx.num(2), ctx.num(2))
        assert _le(ctx, ctx.num(3), ctx.num(2)) is False


# at the first differing step GD's mistake set is () against BP's (1, 3) at gamma = 1, and (3,) at gamma = 2: one
# sorts before BP's and one after, so stopping at "differs" cannot be stopping at an order of the two
@pytest.mark.parametrize("gamma", [1, 2])
def test_stop_at_mismatch_ends_at_the_first_differing_mistake_set(gamma):
    ds = mixed_small()
    bp = perceptron.batch_perceptron(ds, record=True)
    with make_context("arb", 60) as ctx:
        full = deviation_at(ctx, ds, gamma, bp)
        first = next(k for k, s in enumerate(full) if s.gd_mistakes != s.bp_mistakes)  # small gamma: they differ
        cut = deviation_at(ctx, ds, gamma, bp, stop_at_mismatch=True)
    assert len(cut) == first + 1 < len(full)
    assert cut[-1].gd_mistakes != cut[-1].bp_mistakes and all(s.gd_mistakes == s.bp_mistakes for s in cut[:-1])
    assert deviation_from_bp(ds, gamma, bp, arith="arb")[-1].t == len(full)  # the default runs the whole trajectory


def test_a_decided_deviation_run_stays_at_the_digits_gamma_needs():
    ds = mixed_small()
    bp = perceptron.batch_perceptron(ds, record=True)
    steps = deviation_from_bp(ds, 10, bp, arith="arb")
    assert all(s.arithmetic == f"arb, {dps_for_gamma(10)} digits" for s in steps)


def test_the_loss_gap_keeps_relative_precision_at_huge_gamma():
    # f/gamma - PL is about e^{-gamma m}: summed per sample without cancellation, its enclosure stays that small
    ds = bp_lower(11)
    bp = perceptron.batch_perceptron(ds, record=True)
    steps = deviation_from_bp(ds, 10**100, bp, arith="arb")
    assert all(s.loss_gap_log10 < -10**98 for s in steps[1:])


def test_an_undecided_sign_at_max_iter_is_not_separation():
    # gamma = 10^300 at 30 digits: from t = 2 on every GD margin is 1 +- 10^-(10^299)-ish, undecided; a run stopped
    # there must say "not separated" (None is not +1), never raise or count it as positive
    with make_context("arb", 30) as ctx:
        run = gd_linear_at(ctx, bp_lower_degenerate(), 10**300, max_iter=2, stop_when_separated=False)
        assert None in run.steps[-1].signs and run.separated is False and run.iterations is None
        with pytest.raises(Undecided, match="stopping test is undecided at t = 2"):
            gd_linear_at(ctx, bp_lower_degenerate(), 10**300, max_iter=5)


def test_a_long_run_ends_at_max_iter_past_the_small_integers():
    # t == max_iter, not `t is max_iter`: Python shares int objects only up to 256
    ds = from_rows([[1], [1]], [1, -1])  # not separable: GD never stops early
    with make_context("arb", 20) as ctx:
        run = gd_linear_at(ctx, ds, 1, max_iter=300, stop_when_separated=False)
    assert len(run.steps) == 301 and run.iterations is None and not run.separated
    default = gd_linear(ds, 1)  # gd_linear's default budget: 1000 iterations
    assert len(default.steps) == 1001 and default.steps[-1].t == 1000 and default.iterations is None


def test_the_run_is_named_for_its_algorithm():
    ds = from_rows([[1, 2], [-1, -1]], [1, -1])
    assert gd_linear(ds, 2).algorithm == "gd"
    assert gd_linear(ds, 2, normalized=True).algorithm == "normalized-lr-gd"


def test_the_deviation_engine_runs_past_bp_only_when_bp_separated():
    ds = from_rows([[1], [1]], [1, -1])  # BP never separates
    bp = perceptron.batch_perceptron(ds, max_iter=3, record=True)
    assert not bp.separated
    with make_context("arb", 30) as ctx:
        with pytest.raises(ValueError, match="only when BP separated"):
            deviation_at(ctx, ds, 1, bp, extend_to=10)
        assert len(deviation_at(ctx, ds, 1, bp)) == len(bp.trajectory)  # without extend_to: BP's own steps
        sep = perceptron.batch_perceptron(bp_lower(6), record=True)
        assert len(deviation_at(ctx, bp_lower(6), 10, sep, extend_to=len(sep.trajectory) + 2)) == \
            len(sep.trajectory) + 2
        with pytest.raises(ValueError, match="record=True"):
            deviation_at(ctx, ds, 1, perceptron.batch_perceptron(ds, max_iter=3))


@pytest.mark.parametrize("arith", ["arb", "mpmath"])
def test_every_reported_text_and_enclosure_is_of_the_value_it_describes(arith):
    ds = mixed_small()
    bp = perceptron.batch_perceptron(ds, record=True)
    with make_context(arith, 60) as ctx:
        steps = deviation_at(ctx, ds, 3, bp, extend_to=len(bp.trajectory) + 2)
        assert any(s.bound is None for s in steps) and any(s.bound is not None for s in steps)
        for s in steps:
            assert (s.gap_text, s.gap_log10, s.gap_lower_log10, s.gap_enclosure) == (
                ctx.text(s.gap, 6), ctx.log10_upper(s.gap), ctx.log10_lower(s.gap), ctx.enclosure(s.gap))
            if s.bound is None:
                assert s.bound_text is s.bound_log10 is s.bound_enclosure is s.bound_holds is None
            else:
                assert (s.bound_text, s.bound_log10, s.bound_enclosure) == (
                    ctx.text(s.bound, 6), ctx.log10_upper(s.bound), ctx.enclosure(s.bound))
                assert s.bound_holds is not None
            assert s.arithmetic == ctx.describe()
            for text in (s.gap_text, s.bound_text, s.loss_gap_text, s.loss_bound_text):  # 6 significant digits
                if text not in (None, "0"):
                    assert len(text.split("e")[0].replace(".", "").replace("-", "").lstrip("0")) == 6, text


def test_signs_undecided_at_the_precision_cap_are_reported_not_raised(monkeypatch):
    """deviation_from_bp escalates while a GD mistake set is undecided; at the cap it reports the steps with their
    undecided signs (gd_mistakes None) instead of failing. A stand-in engine that never decides shows both."""
    from checker.engines import linear_gd

    calls = []

    def undecided(ctx, *args, **kwargs):
        calls.append(ctx.dps)
        return [type("Step", (), {"gd_mistakes": None, "t": 1})()]

    monkeypatch.setattr(linear_gd, "deviation_at", undecided)
    steps = deviation_from_bp(mixed_small(), 1, perceptron.batch_perceptron(mixed_small(), record=True))
    assert [s.gd_mistakes for s in steps] == [None]
    assert calls[-1] == linear_gd.MAX_DPS and calls == sorted(calls) and len(calls) > 2  # escalated, then reported


def test_an_undecided_sign_in_the_deviation_engine_is_neither_a_mistake_set_nor_separation():
    # BP's path on this data has a margin exactly 0 at t = 2; at gamma = 10^30 and 20 digits GD's margins there are
    # not all decided: the step reports no mistake set (None) and no separation
    ds = bp_lower_degenerate()
    bp = perceptron.batch_perceptron(ds, record=True)
    with make_context("arb", 20) as ctx:
        step = deviation_at(ctx, ds, 10**30, bp)[1]
    assert step.t == 2 and step.gd_mistakes is None and step.gd_separated is False


def test_an_observer_sees_every_step_the_recorded_run_keeps_and_nothing_is_kept():
    """record=False with observe (the accuracy figure's long runs): each step reaches the observer instead of the
    list, in order and with the same values as a recorded run's steps."""
    ds = mixed_small()
    with make_context("arb", 40) as ctx:
        recorded = gd_linear_at(ctx, ds, 3, max_iter=4, stop_when_separated=False)
        seen = []
        observed = gd_linear_at(ctx, ds, 3, max_iter=4, record=False, stop_when_separated=False, observe=seen.append)
        assert observed.steps == [] and [s.t for s in seen] == [0, 1, 2, 3, 4]
        for a, b in zip(seen, recorded.steps):
            assert a.signs == b.signs and [ctx.text(v, 30) for v in a.margins] == [ctx.text(v, 30) for v in b.margins]
