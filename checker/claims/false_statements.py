"""Deliberately false statements, registered with expect="refuted".

Each is a plausible misremembering of a true claim. `gdpc verify` must refute it
with a counterexample that Hypothesis finds from generic strategies (separable
data with imbalanced classes and repeated points; nothing seeded with a known
answer), shrinks, and re-checks exactly; a statement that survives fails the run.
The smallest known counterexamples: "BP within R^2/mu^2" has one at 17 samples in
2-d (BP-LOWER, n = 17: 6 iterations against 5); the other two fall to two or
three samples.
"""

from __future__ import annotations

from fractions import Fraction

from hypothesis import assume
from hypothesis import strategies as st

from checker.arith import Undecided, make_context
from checker.claims.core import claim
from checker.data.accel_family import linear_lower_bound, quarter_root_dyadic
from checker.data.strategies import datasets_with_repeats, separable_datasets
from checker.engines import perceptron
from checker.engines.linear_gd import gd_linear_at
from checker.engines.margin import certified_margin
from checker.engines.reduced import perceptron as accel_perceptron
from checker.engines.reduced import single_unit_gp

BP_WITHOUT_N = claim(
    "FALSE-BP-WITHIN-R2-MU2",
    "(false on purpose) The Batch Perceptron separates within R^2/mu^2 iterations (BP-BOUND without the factor n).",
    ("variant of P1 Thm 3.3",), expect="refuted",
)


@BP_WITHOUT_N.property(datasets_with_repeats(max_copies=40), examples=1000)
def bp_within_r2_over_mu2(ds):
    cert = certified_margin(ds)
    assert cert.exact
    bound = ds.radius_squared() / cert.mu_squared  # exact rational
    run = perceptron.batch_perceptron(ds, max_iter=int(bound) + 1)
    assert run.separated and run.iterations <= bound, f"{run.iterations} iterations > R^2/mu^2 = {bound}"


PERCEPTRON_R_OVER_MU = claim(
    "FALSE-PERCEPTRON-R-MU",
    "(false on purpose) The Perceptron makes at most R/mu updates (Novikoff with R/mu in place of R^2/mu^2).",
    ("variant of Novikoff 1962",), expect="refuted",
)


@PERCEPTRON_R_OVER_MU.property(separable_datasets(max_n=6, max_d=2), examples=500)
def perceptron_within_r_over_mu(ds):
    cert = certified_margin(ds)
    assert cert.exact
    r2_over_mu2 = ds.radius_squared() / cert.mu_squared
    run = perceptron.perceptron(ds, max_iter=int(r2_over_mu2) + 1)
    # T <= R/mu  <=>  T^2 <= R^2/mu^2: decided exactly
    assert run.separated and run.iterations**2 <= r2_over_mu2, f"{run.iterations} updates, (R/mu)^2 = {r2_over_mu2}"


LOSS_MONOTONE = claim(
    "FALSE-GD-LOSS-MONOTONE",
    "(false on purpose) On separable data, the GD loss never increases for gamma = 10.",
    ("contradicts P1 Thm 4.1",), expect="refuted",
)


@LOSS_MONOTONE.property(separable_datasets(max_n=4, max_d=2), examples=300)
def gd_loss_never_increases(ds):
    with make_context(None, 40) as ctx:
        try:
            run = gd_linear_at(ctx, ds, 10, max_iter=30)
        except Undecided:
            assume(False)
        for a, b in zip(run.steps, run.steps[1:]):
            # refuted only by a certified increase: the enclosure of f(theta_{t+1}) - f(theta_t) lies above 0
            assert ctx.sign(b.loss - a.loss) != 1, (
                f"f(theta_{b.t}) = {ctx.text(b.loss, 8)} > f(theta_{a.t}) = {ctx.text(a.loss, 8)}")




ACCEL_EVERY_LINEAR = claim(
    "FALSE-ACCEL-PERCEPTRON",
    "(false on purpose) On A_d every linear method needs floor(d/4) + 1 iterations, the classical Perceptron too "
    "(ACCEL's lambda bound, which holds for batch and GD methods only).",
    ("variant of ACCEL",), expect="refuted",
)


@ACCEL_EVERY_LINEAR.property(st.integers(5, 4096), examples=200)
def perceptron_needs_d_over_4(d):
    run = accel_perceptron(d)
    assert run.iterations >= linear_lower_bound(d), f"d = {d}: Perceptron {run.iterations} updates < {linear_lower_bound(d)}"


ACCEL_PHASE_ONE_ONLY = claim(
    "FALSE-ACCEL-PHASE-ONE",
    "(false on purpose) At gamma = d^(1/4) the single unit separates A_d within 2n/gamma^2 + 2 GP steps: the length "
    "of its first phase plus two (ACCEL's bound without the second phase).",
    ("variant of ACCEL",), expect="refuted",
)


@ACCEL_PHASE_ONE_ONLY.property(st.integers(5, 4096), examples=100)
def single_unit_within_phase_one(d):
    gamma = quarter_root_dyadic(d)
    run = single_unit_gp(d, 1, gamma)
    limit = 2 * Fraction(d - 1) / gamma**2 + 2
    assert run.iterations is not None and run.iterations <= limit, (
        f"d = {d}: {run.iterations} GP steps > 2n/gamma^2 + 2 = {float(limit):.2f}")
