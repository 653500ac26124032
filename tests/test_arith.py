"""The arithmetic layer: signs decided only by enclosures, one escalation policy, and two independent engines
(Arb, mpmath intervals) that must reach identical decisions with overlapping enclosures."""

from fractions import Fraction

import flint
import mpmath
import pytest
from hypothesis import given
from hypothesis import strategies as st

from checker.arith import Undecided, escalate, make_context
from checker.data.named import bp_lower, mixed_small, random_integer_separable
from checker.data.strategies import separable_datasets
from checker.engines import perceptron
from checker.engines import reduced as R
from checker.engines.linear_gd import deviation_from_bp, gd_linear
from checker.engines.model_engines import gd, generalized_perceptron
from checker.models.numeric import build, initial_parameters

CERTIFIED = ("arb", "mpmath")


@pytest.mark.parametrize("arith", CERTIFIED)
def test_signs_come_from_enclosures(arith):
    with make_context(arith, 30) as ctx:
        third = ctx.num(Fraction(1, 3))
        assert ctx.sign(third) == 1 and ctx.sign(-third) == -1
        assert ctx.sign(ctx.num(0)) == 0  # an exact zero is decided
        # 1/3 * 3 - 1 is 0 but not exactly representable: the ball straddles 0, the sign is undecided
        assert ctx.sign(third * 3 - 1) is None
        with pytest.raises(Undecided):
            ctx.sign_or_raise(third * 3 - 1)


@pytest.mark.parametrize("arith", CERTIFIED)
def test_exp_of_huge_arguments_keeps_relative_precision(arith):
    with make_context(arith, 330) as ctx:
        tiny = ctx.sigma_tail(ctx.num(10) ** 300)  # e^{-10^300}: no underflow, a positive enclosure
        assert ctx.sign(tiny) == 1
        assert ctx.to_float(ctx.log10(tiny)) == pytest.approx(-10**300 / 2.302585092994046, rel=1e-12)
        assert ctx.sign(ctx.log1p(tiny)) == 1  # log1p of 10^(-10^299) is not rounded to 0


def test_escalation_raises_the_digits_until_the_sign_is_decided():
    seen = []

    def attempt(ctx):
        seen.append(ctx.dps)
        x = ctx.num(Fraction(1, 3)) * 3 - 1 + ctx.num(10) ** -100  # +1e-100, hidden below 100 digits
        return ctx.sign_or_raise(x)

    assert escalate(attempt, "arb", 30) == 1
    assert seen == [30, 60, 120]
    with pytest.raises(Undecided):
        escalate(lambda ctx: ctx.sign_or_raise(ctx.num(Fraction(1, 3)) * 3 - 1), "arb", 30, max_dps=60)


def test_exact_context_refuses_transcendental_functions():
    with make_context("exact") as ctx:
        assert ctx.sign(ctx.num(Fraction(1, 3)) * 3 - 1) == 0
        with pytest.raises(TypeError):
            ctx.exp(ctx.num(1))


# -- both engines, same inputs, same decisions --------------------------------------------
DATA = [bp_lower(11), bp_lower(101), mixed_small(), random_integer_separable(12, 3, seed=5, coord=3)]


@pytest.mark.parametrize("ds", DATA, ids=lambda d: d.name)
@pytest.mark.parametrize("gamma", [1, 10, "1e100"])
def test_linear_gd_same_count_and_overlapping_iterates(ds, gamma):
    def outcome(arith):
        try:
            return gd_linear(ds, gamma, max_iter=3000, arith=arith, record=False)
        except Undecided as exc:  # a margin exactly 0 on BP's path: no precision decides GD's sign at 1e100
            return str(exc).split(" (")[0]

    a, b = outcome("arb"), outcome("mpmath")
    if isinstance(a, str) or isinstance(b, str):
        assert a == b
        return
    assert (a.iterations, a.separated) == (b.iterations, b.separated)
    for x, y in zip(a.extra["final_enclosures"], b.extra["final_enclosures"]):
        mx, rx, my, ry = (float(v) for v in (x["mid"], x["rad"], y["mid"], y["rad"]))
        assert abs(mx - my) <= rx + ry + 1e-18 * abs(mx)  # the printed mids carry 20 digits


@pytest.mark.parametrize("ds", DATA[:3], ids=lambda d: d.name)
def test_normalized_gd_same_count(ds):
    counts = {arith: gd_linear(ds, 1, max_iter=3000, normalized=True, arith=arith, record=False).iterations
              for arith in CERTIFIED}
    assert counts["arb"] == counts["mpmath"] is not None


@pytest.mark.parametrize("ds", DATA[:3], ids=lambda d: d.name)
@pytest.mark.parametrize("k", [1, 3, 100])
def test_deviation_engine_same_decisions(ds, k):
    bp = perceptron.batch_perceptron(ds, record=True)
    a = deviation_from_bp(ds, 10**k, bp, arith="arb")
    b = deviation_from_bp(ds, 10**k, bp, arith="mpmath")
    assert [s.gd_mistakes for s in a] == [s.gd_mistakes for s in b]
    assert [s.bound_holds for s in a] == [s.bound_holds for s in b]
    assert [s.loss_bound_holds for s in a] == [s.loss_bound_holds for s in b]
    # the gap to full relative precision, even at 10^(-10^99): the same leading digits and exponent
    assert [_digits(s.gap_text) for s in a] == [_digits(s.gap_text) for s in b]


def _digits(text: str) -> tuple:
    mant, _, exp = text.partition("e")
    return (0, 0) if float(mant) == 0 else (round(float(mant), 3), int(exp or 0))


@pytest.mark.parametrize("d", [16, 64, 256])
def test_reduced_accel_dynamics_same_counts(d):
    for eta in (1, 10, 100):
        assert R.lr_gd(d, 1, eta, arith="arb").iterations == R.lr_gd(d, 1, eta, arith="mpmath").iterations
    assert R.single_unit_gd(d, 1, 1, 100, arith="arb").iterations == \
        R.single_unit_gd(d, 1, 1, 100, arith="mpmath").iterations


@pytest.mark.parametrize("name", ["linear-network", "diagonal", "relu", "leaky-relu", "quadratic", "tanh"])
def test_model_gd_same_mistake_sets(name):
    ds = mixed_small()
    model = build(name, ds.d, 2)
    u0 = initial_parameters(model, 1)
    steps = 8 if model.degree == 3 else 12  # degree 3: the iterates' digits grow geometrically (see default_horizon)
    runs = [gd(model, ds, [3 * v for v in u0], 1, steps, arith=a, stop_when_separated=False, need_mistakes=True)
            for a in CERTIFIED]
    assert [s.mistakes for s in runs[0].steps] == [s.mistakes for s in runs[1].steps]


def test_tanh_gp_same_in_both_engines():
    ds = mixed_small()
    model = build("tanh", ds.d, 2)
    u0 = initial_parameters(model, 2)
    a = generalized_perceptron(model, ds, u0, 1, 20, arith="arb")
    b = generalized_perceptron(model, ds, u0, 1, 20, arith="mpmath")
    assert (a.iterations, [s.mistakes for s in a.steps]) == (b.iterations, [s.mistakes for s in b.steps])


@given(separable_datasets(max_n=6, max_d=3), st.sampled_from([1, 7, 1000]))
def test_generated_data_same_gd_count_in_both_engines(ds, gamma):
    counts = []
    for arith in CERTIFIED:
        try:
            counts.append(gd_linear(ds, gamma, max_iter=200, arith=arith, record=False, dps=30).iterations)
        except Undecided:
            counts.append("undecided")
    assert counts[0] == counts[1]


@pytest.mark.parametrize("arith", CERTIFIED)
def test_an_exact_zero_is_nonpositive_and_its_sign_is_zero(arith):
    ctx = make_context(arith, 30)
    zero = ctx.num(Fraction(0))
    assert ctx.nonpositive(zero) and ctx.sign(zero) == 0
    assert not ctx.nonpositive(ctx.num(Fraction(1, 10**40))) and ctx.sign(ctx.num(Fraction(-1, 3))) == -1


@pytest.mark.parametrize("arith", CERTIFIED)
@pytest.mark.parametrize("rows", [
    [[Fraction(3), Fraction(-4)]],  # one row, dense
    [[Fraction(1, 3), Fraction(2), Fraction(0)], [Fraction(-5), Fraction(1, 7), Fraction(2)]],  # dense
    [[Fraction(0), Fraction(0), Fraction(5)], [Fraction(0)] * 3, [Fraction(1), Fraction(0), Fraction(0)]]])  # sparse
def test_data_matrices_multiply_and_measure_rows_as_exact_arithmetic_does(arith, rows):
    ctx = make_context(arith, 30)
    m = ctx.matrix(rows)  # dense or sparse by density: either must give these exact values inside its balls
    u = [Fraction(k + 1, 3) for k in range(len(rows[0]))]
    w = [Fraction(2 - k, 5) for k in range(len(rows))]
    exact_mul = [sum(a * b for a, b in zip(row, u)) for row in rows]
    exact_tmul = [sum(rows[i][j] * w[i] for i in range(len(rows))) for j in range(len(rows[0]))]
    exact_norms = [sum(a * a for a in row) for row in rows]
    for got, want in ((m.mul([ctx.num(x) for x in u]), exact_mul), (m.tmul([ctx.num(x) for x in w]), exact_tmul),
                      (m.row_norms_sq(), exact_norms)):
        assert len(got) == len(want)
        for g, q in zip(got, want):
            assert ctx.overlaps(g, ctx.num(q)), (g, q)  # the exact value lies in the ball


def test_arb_uses_its_dense_product_from_the_documented_density_on():
    # arb_mat's dense product is one C call per product; the sparse rows skip zeros (A_d-like data): which one runs
    # is a speed contract, and both must be chosen where DENSE_ABOVE says
    from checker.arith.arb import DENSE_ABOVE, ArbDense
    from checker.arith.rows import SparseRows, density

    assert 0 < DENSE_ABOVE < 1
    p, q = Fraction(DENSE_ABOVE).limit_denominator(1000).as_integer_ratio()
    at = [[1] * p + [0] * (q - p)] * 2  # exactly DENSE_ABOVE of the entries are nonzero
    below = [[1] * p + [0] * (2 * q - p)] * 2
    cases = [([[1, 2], [3, 4]], ArbDense), (at, ArbDense), (below, SparseRows), ([[0, 0], [0, 0]], SparseRows)]
    ctx = make_context("arb", 30)
    for rows, kind in cases:
        assert type(ctx.matrix(rows)) is kind, (density(rows), kind)
    assert density(at) == DENSE_ABOVE and density(below) < DENSE_ABOVE


def test_both_engines_print_the_same_digits_for_the_same_value():
    # a report must not depend on the engine that decided it: 20 significant digits by default, `digits` when asked,
    # and the same midpoint in the enclosure (values whose decimal expansion does not end: trailing zeros differ)
    values = [Fraction(1, 3), Fraction(-22, 7) * 10**40, Fraction(1, 7) / 10**30, Fraction(2, 3 * 10**400)]
    shown = {}
    for arith in CERTIFIED:
        ctx = make_context(arith, 60)
        with ctx:
            shown[arith] = [(ctx.text(ctx.num(q)), ctx.text(ctx.num(q), 8), ctx.enclosure(ctx.num(q))["mid"])
                            for q in values]
    assert shown["arb"] == shown["mpmath"]
    assert shown["arb"][0] == ("0." + "3" * 20, "0." + "3" * 8, "0." + "3" * 20)


def _ball(ctx, lo: Fraction, hi: Fraction):
    return ctx.union(ctx.num(lo), ctx.num(hi))


def _dyadic(man, exp) -> Fraction:
    man, exp = int(man), int(exp)  # flint gives fmpz
    return Fraction(man) * 2**exp if exp >= 0 else Fraction(man, 2**-exp)


def _exact_ends(ctx, x) -> tuple[Fraction, Fraction]:
    """The ball's two ends as exact rationals (both engines' ends are binary floating-point numbers)."""
    if ctx.name == "arb":
        return _dyadic(*ctx.lower(x).man_exp()), _dyadic(*ctx.upper(x).man_exp())
    return tuple(Fraction(*mpmath.libmp.to_rational(end)) for end in x._mpi_)


def _q(v) -> Fraction:
    return Fraction(*mpmath.libmp.to_rational(v._mpf_))


@pytest.mark.parametrize("arith", CERTIFIED)
def test_a_ball_touching_zero_has_no_sign_and_only_an_exact_zero_has_sign_zero(arith):
    # [-t, 0] and [0, t] contain 0 and other numbers: their sign is undecided (never "exactly 0"), though the first
    # is certainly <= 0
    with make_context(arith, 30) as ctx:
        t = Fraction(1, 2**100)
        if arith == "arb":  # midpoint and radius, both powers of 2 (Arb's own ends may be rounded outward)
            h = 2.0**-101
            left, right, both = flint.arb(-h, h), flint.arb(h, h), flint.arb(0, 2 * h)
        else:  # mpmath's intervals are their two ends, exactly
            left, right, both = _ball(ctx, -t, Fraction(0)), _ball(ctx, Fraction(0), t), _ball(ctx, -t, t)
            assert ctx.nonpositive(left) and [_exact_ends(ctx, b) for b in (left, right)] == [(-t, 0), (0, t)]
        assert [ctx.sign(b) for b in (left, right, both)] == [None, None, None]
        assert not ctx.nonpositive(right) and not ctx.nonpositive(both)
        assert ctx.sign(ctx.num(0)) == 0 and ctx.sign(ctx.num(Fraction(-7, 5))) == -1


@pytest.mark.parametrize("arith", CERTIFIED)
def test_overlaps_is_true_exactly_when_two_balls_share_a_point(arith):
    with make_context(arith, 30) as ctx:
        q = Fraction
        a = _ball(ctx, q(0), q(1))
        cases = [((q(2), q(3)), False), ((q(-3), q(-2)), False), ((q(1), q(2)), True), ((q(-1), q(0)), True),
                 ((q(1, 4), q(1, 2)), True), ((q(-5), q(5)), True), ((q(11, 10), q(12, 10)), False)]
        for (lo, hi), want in cases:
            b = _ball(ctx, lo, hi)
            assert ctx.overlaps(a, b) is want and ctx.overlaps(b, a) is want, (lo, hi)


# 2^-400 is exact in both engines: an enclosure [x, x + ...] of log1p(x) < x is caught only at an exact x
LOG1P_POINTS = [Fraction(-1, 2), Fraction(-1, 10**20), Fraction(0), Fraction(1, 2**400), Fraction(1, 10**5000),
                Fraction(1, 10**40), Fraction(1, 10**20), Fraction(3, 10), Fraction(49999, 100000), Fraction(1, 2), Fraction(7, 10),
                Fraction(3)]


@pytest.mark.parametrize("arith", CERTIFIED)
@pytest.mark.parametrize("q", LOG1P_POINTS, ids=str)
def test_log1p_encloses_the_true_value_to_working_precision(arith, q):
    # each branch of mpmath's log1p (x < 0 or x >= 1/2; x below 2^-prec: x - x^2/2 <= log1p(x) <= x; between:
    # extra bits for 1 + x) must contain log1p(q) and be as narrow as the working precision allows
    with make_context(arith, 30) as ctx:
        lo, hi = _exact_ends(ctx, ctx.log1p(ctx.num(q)))
        prec = ctx.prec
    with mpmath.workdps(6000):
        true = mpmath.log1p(mpmath.mpf(q.numerator) / q.denominator)
        assert lo <= _q(true) <= hi, (lo, hi)
        # relative to the value for x >= 0 (what the tiny-x branches are for); 1 + x has an absolute error for x < 0
        scale = abs(_q(true)) if q >= 0 else 1
        assert hi - lo <= scale * Fraction(1, 2 ** (prec - 8)), float(hi - lo)


@pytest.mark.parametrize("arith", CERTIFIED)
def test_log1p_of_a_ball_from_zero_stays_tight(arith):
    # [0, 2^-400] contains 0, so it is no point of the x < 0 branch: there 1 + x is rounded to 1 plus an ulp and
    # log1p's upper end would be 2^-prec, not 2^-400
    with make_context(arith, 30) as ctx:
        tiny = Fraction(1, 2**400)
        ball = _ball(ctx, Fraction(0), tiny)
        top = _exact_ends(ctx, ball)[1]  # Arb's radius has 30 bits: the ball's own upper end is a little above
        lo, hi = _exact_ends(ctx, ctx.log1p(ball))
        assert lo <= 0 and hi >= tiny * (1 - tiny)  # log1p(2^-400) > 2^-400 (1 - 2^-400)
        assert hi <= top * (1 + Fraction(1, 2 ** 20)) and lo >= -top, (float(lo), float(hi))


@pytest.mark.parametrize("arith", CERTIFIED)
@pytest.mark.parametrize("lo,hi", [(Fraction(0), Fraction(2)), (Fraction(-1), Fraction(1)),
                                   (1 - Fraction(123, 10**7) - Fraction(1, 10**28),
                                    1 + Fraction(123, 10**7) + Fraction(1, 10**28))], ids=["0..2", "-1..1", "3-digit"])
def test_a_printed_enclosure_holds_at_its_edge_cases(arith, lo, hi):
    # a ball at distance exactly 1 from its mid (rad "0" there would print an exact value), and one whose distance
    # lies 10^-28 above the 3-digit decimal 1.23e-5: rounded down by even 2^-50 before the 3-digit round-up, rad
    # would print 1.23e-5 and the printed enclosure would miss both ends of the ball
    with make_context(arith, 30) as ctx:
        ball = _ball(ctx, lo, hi)
        enc = ctx.enclosure(ball)
        b_lo, b_hi = _exact_ends(ctx, ball)
        mid, rad = Fraction(enc["mid"]), Fraction(enc["rad"])
        assert mid - rad <= b_lo and b_hi <= mid + rad, enc


@pytest.mark.parametrize("arith", CERTIFIED)
def test_log1p_of_a_ball_from_zero_past_the_series(arith):
    # [0, 1/4]: 0 is its lower end and 1/4 lies above 2^-prec, the branch with extra bits for 1 + x, whose count
    # comes from log2 of the lower end: at 0 there is none to take (log2 0 = -inf)
    with make_context(arith, 30) as ctx:
        lo, hi = _exact_ends(ctx, ctx.log1p(_ball(ctx, Fraction(0), Fraction(1, 4))))
    with mpmath.workdps(60):
        true = _q(mpmath.log1p(mpmath.mpf(1) / 4))
    assert lo <= 0 and true <= hi <= true * (1 + Fraction(1, 2**20)), (float(lo), float(hi))  # Arb: 30-bit radius


@pytest.mark.parametrize("arith", CERTIFIED)
def test_a_printed_value_is_the_value(arith):
    # text() prints an exact 0 as "0" and nothing else as "0": a report that showed 1 or -1 as 0 would be false
    with make_context(arith, 30) as ctx:
        for q in (Fraction(-1), Fraction(0), Fraction(1), Fraction(5, 8), Fraction(-3, 2), Fraction(1024)):
            assert Fraction(ctx.text(ctx.num(q))) == q, (q, ctx.text(ctx.num(q)))
        assert abs(Fraction(ctx.text(ctx.num(Fraction(1, 3)))) - Fraction(1, 3)) < Fraction(1, 10**19)


@pytest.mark.parametrize("arith", CERTIFIED)
def test_the_nonnegative_part_of_a_ball(arith):
    # max(x, 0) over a ball (a ReLU's output): a ball below 0 gives exactly 0, never a ball reaching below 0
    with make_context(arith, 30) as ctx:
        q = Fraction
        for lo, hi in [(q(-1), q(-1, 2)), (q(-1), q(2)), (q(1, 4), q(2)), (q(0), q(0)), (q(-3), q(0))]:
            ball = _ball(ctx, lo, hi)
            b_lo, b_hi = _exact_ends(ctx, ball)
            got_lo, got_hi = _exact_ends(ctx, ctx.nonnegative(ball))
            if b_hi <= 0:
                assert (got_lo, got_hi) == (0, 0), (lo, hi)
            else:  # the ends of max(x, 0), up to Arb's 30-bit radius
                assert got_lo <= max(b_lo, 0) and got_hi >= b_hi, (lo, hi)
                assert got_lo >= max(b_lo, 0) - abs(b_hi) / 2**25 and got_hi <= b_hi * (1 + Fraction(1, 2**25))
                assert got_lo >= 0 or arith == "arb", (lo, hi)


@pytest.mark.parametrize("arith", CERTIFIED)
def test_a_printed_enclosure_contains_the_ball_and_is_about_its_size(arith):
    # the report prints mid (20 digits) and rad (3 digits): [mid - rad, mid + rad] must contain the whole ball, so
    # rad covers mid's own rounding and is rounded up, not to nearest (both failed: rad was the ball's radius, 1e-41
    # against a mid rounded by 1e-20), and it is no wider than that; an exact value prints rad 0
    with make_context(arith, 40) as ctx:
        for k in range(1, 40):
            x = ctx.exp(ctx.num(Fraction(k, 7)))
            enc = ctx.enclosure(x)
            mid, rad = Fraction(enc["mid"]), Fraction(enc["rad"])
            lo, hi = _exact_ends(ctx, x)
            assert mid - rad <= lo and hi <= mid + rad, (k, enc)
            assert rad <= max(hi - mid, mid - lo) * Fraction(102, 100), (k, enc)  # rounded up by at most 1% + 2^-50
        assert ctx.enclosure(ctx.num(Fraction(5, 8)))["rad"] == "0"


def _printed_half_unit(text: str) -> Fraction:
    """Half a unit in the last digit a decimal shows (the most its rounding can have moved it)."""
    mantissa, _, exp = text.lower().partition("e")
    decimals = len(mantissa.partition(".")[2])
    return Fraction(1, 2) * Fraction(10) ** (int(exp or 0) - decimals)


@pytest.mark.parametrize("arith", CERTIFIED)
@pytest.mark.parametrize("dps", [15, 30])
def test_a_shown_value_lies_in_its_ball(arith, dps):
    # text() and to_float() show a ball's midpoint: at double precision (15 digits, 54 bits) a midpoint computed with
    # fewer bits than the ball's ends (8 fewer: 2^-46 relative, ~500 ulps) lands outside the ball, and a report would
    # show a value the engine has excluded
    with make_context(arith, dps) as ctx:
        for k in range(1, 40):
            x = ctx.exp(ctx.num(Fraction(k, 7)))
            lo, hi = _exact_ends(ctx, x)
            assert float(lo) <= ctx.to_float(x) <= float(hi), k  # rounding to a float keeps the order
            shown = ctx.text(x)
            half = _printed_half_unit(shown)
            assert lo - half <= Fraction(shown) <= hi + half, (k, shown)


@pytest.mark.parametrize("arith", CERTIFIED)
def test_a_printed_radius_holds_at_double_precision(arith):
    # [-D, D] for 3-digit decimals D, at 15 digits: the ends are the floats just outside +-D, so the distance lies a
    # few 10^-21 above D and rad must print the next 3-digit decimal; a distance rounded to nearest with fewer bits
    # than the ball's own (2^-46 relative, beyond the 2^-50 margin) falls back below D for about half of them
    with make_context(arith, 15) as ctx:
        for scale in (10**7, 10**300):
            for k in range(100, 1000, 7):
                d = Fraction(k, scale)
                ball = _ball(ctx, -d, d)
                enc = ctx.enclosure(ball)
                b_lo, b_hi = _exact_ends(ctx, ball)
                mid, rad = Fraction(enc["mid"]), Fraction(enc["rad"])
                assert mid - rad <= b_lo and b_hi <= mid + rad, (k, scale, enc)


@pytest.mark.parametrize("arith", CERTIFIED)
@pytest.mark.parametrize("dps", [15, 30])
def test_log1p_of_a_tiny_point_is_the_tightest_enclosure(arith, dps):
    # below 2^-prec mpmath's log1p is x - x^2/2 <= log1p(x) <= x: at a point its ends must be the two floats around
    # log1p(x) (x itself and the one below it); a lower term 4 times too large, or an upper end x + x^2/2, adds an
    # ulp at the largest float below 2^-prec. Arb's radius is rounded up to 30 bits: a few ulps
    with make_context(arith, dps) as ctx:
        prec = ctx.prec
        below = Fraction(2**prec - 1, 2 ** (2 * prec))  # the largest prec-bit float below 2^-prec
        for x in (Fraction(1, 2**400), below, Fraction(3, 2 ** (prec + 5))):
            lo, hi = _exact_ends(ctx, ctx.log1p(ctx.num(x)))
            with mpmath.workprec(4 * prec + 1000):
                true = mpmath.log1p(mpmath.mpf(x.numerator) / x.denominator)
            with mpmath.workprec(prec):
                down, up = _q(mpmath.mpf(true, rounding="d")), _q(mpmath.mpf(true, rounding="u"))
            assert lo <= _q(true) <= hi and down < up, x
            if arith == "mpmath":
                assert (lo, hi) == (down, up), (x, float((hi - lo) / (up - down)))
            else:
                assert hi - lo <= 8 * (up - down), (x, float((hi - lo) / (up - down)))


@given(st.integers(10, 340), st.integers(1, 60), st.integers(0, 2**340), st.integers(0, 2**340), st.booleans())
def test_mpmath_log1p_below_its_series_threshold_is_the_float_below_a_to_b(prec, depth, m1, m2, from_zero):
    # for 0 <= a <= b < 2^-prec, log1p([a, b]) is [the float below a, b]: log1p(a) lies strictly between them and
    # log1p(b) < b, so no two floats enclose it tighter (a term of the series that mattered at this precision would
    # show here)
    ctx = make_context("mpmath", 30)
    ctx.prec = prec
    with ctx:
        ends = sorted(Fraction(2 ** (prec - 1) + m % 2 ** (prec - 1), 2 ** (2 * prec + depth - 1)) for m in (m1, m2))
        a, b = (Fraction(0) if from_zero else ends[0]), ends[1]
        assert b < Fraction(1, 2**prec)
        lo, hi = _exact_ends(ctx, ctx.log1p(_ball(ctx, a, b)))
        assert hi == b
        if a == 0:
            assert lo == 0
        else:
            spacing = Fraction(1, 2 ** (2 * prec + depth - 1))  # a's exponent: a = (2^(p-1) + r) 2^-(2p + depth - 1)
            if a == Fraction(2 ** (prec - 1), 2 ** (2 * prec + depth - 1)):  # a power of 2: the float below is nearer
                spacing /= 2
            assert lo == a - spacing, (float(a), float(lo))


@pytest.mark.parametrize("text,want", [
    ("1.32e-41", "1.32e-41"), ("1.0001", "1.01e+0"), ("0.0012340001", "1.24e-3"), ("999.5", "1.00e+3"),
    ("9.99e+5", "9.99e+5"), ("0", "0"), ("0.000", "0"), ("123", "1.23e+2"), ("12345678901234567890e-5", "1.24e+14"),
    ("1e-4342944819032518276511289189", "1.00e-4342944819032518276511289189"), ("inf", "inf"), ("nan", "inf"),
])
def test_a_printed_radius_is_rounded_up_never_down(text, want):
    from checker.arith.context import round_up_3

    got = round_up_3(text)
    assert got == want
    if want != "inf" and len(text) < 30:  # Fraction("1e-4342944819032518276511289189") would build 10^(4 10^27)
        assert Fraction(got) >= Fraction(text) and (Fraction(text) == 0 or Fraction(got) <= Fraction(text) * 101 / 100)
