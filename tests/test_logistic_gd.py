"""mpmath GD for the linear model: huge step sizes, the deviation engine, and certified signs."""

from fractions import Fraction

import mpmath
import pytest

from checker.engines import perceptron
from checker.engines.logistic_gd import as_mpf, auto_dps, deviation_from_bp, gd_linear
from checker.data.named import bp_lower, mixed_small


def test_gamma_1e300_runs_and_separates_with_bp():
    ds = bp_lower(101)
    run = gd_linear(ds, "1e300", max_iter=100)
    assert run.separated and run.iterations == 31 and run.dps >= 330


def test_first_iterate_is_p1_exactly():
    ds = mixed_small()
    bp = perceptron.batch_perceptron(ds, record=True)
    run = gd_linear(ds, 7, max_iter=1)
    with mpmath.workdps(run.dps):
        assert run.steps[1].u == [as_mpf(v) for v in bp.trajectory[0].p]


@pytest.mark.parametrize("gamma", [1, 10, 100])
def test_deviation_engine_matches_plain_gd(gamma):
    ds = mixed_small()
    bp = perceptron.batch_perceptron(ds, record=True)
    dev = deviation_from_bp(ds, gamma, bp, dps=80)
    plain = gd_linear(ds, gamma, max_iter=len(bp.trajectory), dps=80)
    with mpmath.workdps(80):
        for s, d in zip(plain.steps[1:], dev):
            p = [as_mpf(v) for v in bp.trajectory[d.t - 1].p]
            gap = mpmath.sqrt(mpmath.fsum((a - b) ** 2 for a, b in zip(s.u, p)))
            assert abs(gap - d.gap) <= d.error + s.error + mpmath.mpf(10) ** -70


def test_gap_keeps_relative_precision_at_huge_gamma():
    ds = bp_lower(11)
    bp = perceptron.batch_perceptron(ds, record=True)
    steps = deviation_from_bp(ds, mpmath.mpf(10) ** 100, bp)
    assert steps[1].gap > 0 and steps[1].error < steps[1].gap * mpmath.mpf(10) ** -20
    assert mpmath.log10(steps[1].gap) < -10**99  # far below anything representable in float64
    assert all(s.gd_mistakes == s.bp_mistakes for s in steps)


def test_precision_is_raised_to_what_gamma_needs():
    # sigma(-gamma z) needs log10(gamma) more digits than the margins: asking for fewer is overridden
    ds = bp_lower(11)
    run = gd_linear(ds, "1e40", max_iter=10, dps=15)
    assert run.dps >= 70  # auto precision raises the digits to 30 + log10(gamma)
    assert auto_dps(10**40, 15) == 70


def test_as_mpf_parses_exactly():
    with mpmath.workdps(50):
        assert as_mpf("1/3") == mpmath.mpf(1) / 3
        assert as_mpf(Fraction(2, 7)) == mpmath.mpf(2) / 7
        assert as_mpf("1e300") == mpmath.mpf(10) ** 300
