"""ACCEL's proved bound: the derivation's steps, the exact evaluation, the counts against it, false variants."""

from __future__ import annotations

from fractions import Fraction

import sympy as sp
from hypothesis import given
from hypothesis import strategies as st

from checker.analysis import accel_bound
from checker.claims import accel as accel_claim
from checker.claims import runner
from checker.claims.core import Context
from checker.data.accel_family import quarter_root_dyadic
from checker.engines import reduced as R
from derivations import accel
from derivations.steps import Derivation
from derivcheck.deciders.prover import positive_beyond, positive_coefficients
from derivcheck.files import check_latex


def test_every_phase_two_step_is_proved_and_the_total_is_the_checkers_formula():
    D = accel.build()
    assert D.proved, D.failed_steps
    whys = [s.why for s in D.steps]
    for phrase in ("the catapult", "phase 2 ends within", "the negatives stay correct in phase 2",
                   "T(d) <= 10 sqrt(d)", "(5/2) sqrt(d) + 12 d^(1/4) + 20"):
        assert any(phrase in w for w in whys), phrase
    cited = [s.why for s in D.steps if s.status == "cited"]
    assert len(cited) == 1 and "Bernoulli" in cited[0]
    total = next(s for s in D.steps if "the formula the checker evaluates" in s.why)
    n, gamma = sp.Symbol("n", integer=True, positive=True), sp.Symbol("gamma", positive=True)
    assert sp.simplify(total.rhs - accel_bound.bound(n, gamma, sp.Rational(3, 2))[0]) == 0
    positivity = [s for s in D.steps if s.method.startswith("q = ")]
    assert len(positivity) == 8 and all(s.status == "proved" for s in positivity)


def test_counts_stay_within_the_proved_bound_for_every_d_up_to_2_14():
    rows = [accel_claim._against_bound(2 ** e) for e in range(4, 15)]
    for r in rows:
        if r["d"] >= accel_claim.PROVED_FROM:
            assert r["hypotheses_hold"] and r["holds"] and not r["degenerate"], r
            assert r["lower"] <= r["count"] <= r["bound"]
        else:
            assert not r["hypotheses_hold"] and r["failed_hypotheses"] and "holds" not in r, r
    at = {r["d"]: r for r in rows}
    # the bound is not vacuous: within 1.3x of the count at d = 2^14, and below 3.3 sqrt(d)
    assert at[2 ** 14]["count"] / at[2 ** 14]["bound"] > 0.75
    assert at[2 ** 14]["bound/sqrt(d)"] < 3.3


def test_a_hypothesis_exactly_zero_is_not_a_division_error():
    d = 300
    n = d - 1
    gamma = Fraction(3 * n, n - 3)  # sigma = gamma (n - 3)/(2n) = 3/2 exactly: H0 is 0, not > 0
    out = accel_bound.evaluate(d, gamma)
    assert not out["applies"] and out["bound"] is None


def test_the_bound_fails_its_hypotheses_where_the_regime_does_not_hold():
    assert not accel_bound.evaluate(1024, 2)["applies"]  # sigma < 3/2: phase 1 never turns v
    assert not accel_bound.evaluate(1024, 30)["applies"]  # gamma near sqrt(n): the phases overlap
    assert accel_bound.evaluate(1024, Fraction(45, 8))["applies"]


def test_positivity_certificates_prove_only_what_holds():
    q = sp.Symbol("q", positive=True)
    _, ok, how = positive_beyond((q - 3) / (q + 1), q, 4)
    assert ok and "q = 4 + u" in how
    assert not positive_beyond((q - 3) / (q + 1), q, 2)[1]  # negative at q = 2
    assert not positive_beyond(q**2 - 5 * q + 7, q, 0)[1]  # positive, but not certified by this method: no verdict
    assert not positive_coefficients(sp.sqrt(q) + 1)[0]  # not a rational function: refused
    u = sp.Symbol("u", real=True)
    assert not positive_coefficients(u**2 + 1)[0]  # a variable not known to be >= 0: refused
    D = Derivation("X", "t")
    D.positive_beyond(2 * q**2 - accel_bound.bound(q**4 - 1, q, sp.Rational(3, 2))[0], q, 4, "false on purpose",
                      name="2q^2 - T")
    assert D.steps[-1].status == "failed"  # T_bar ~ (5/2) q^2: the false variant is not proved


@given(st.lists(st.integers(0, 5), min_size=1, max_size=5), st.lists(st.integers(0, 5), min_size=1, max_size=4),
       st.fractions(0, 10), st.fractions(0, 10))
def test_a_certified_positive_rational_function_is_positive_where_sampled(num, den, a, b):
    x, y = sp.symbols("x y", nonnegative=True)
    expr = (sum(c * x**k for k, c in enumerate(num)) + 1) / (sum(c * (x * y) ** k for k, c in enumerate(den)) + 1)
    ok, _ = positive_coefficients(expr)
    assert ok
    assert expr.subs({x: sp.Rational(a), y: sp.Rational(b)}) > 0
    ok_neg, _ = positive_coefficients(expr - (num[0] + 2) * 1)  # negative at x = 0: never certified
    assert not ok_neg


def test_the_phase_one_only_variant_is_refuted_with_a_shrunk_counterexample():
    result = runner.run_claim(runner.load_builtin()["FALSE-ACCEL-PHASE-ONE"], Context(quick=True))
    assert result.status == "refuted" and result.as_expected
    (check,) = result.checks
    d = check.evidence["counterexample"][0]
    assert check.evidence["rechecked"]

    def within_phase_one(k):
        gamma = quarter_root_dyadic(k)
        return R.single_unit_gp(k, 1, gamma).iterations <= 2 * Fraction(k - 1) / gamma**2 + 2

    # shrunk to the smallest counterexample: computed here, every smaller d holds
    assert not within_phase_one(d) and all(within_phase_one(k) for k in range(5, d))


def test_reading_a_positivity_step_back_from_latex():
    tex = "% assume: u nonnegative\n\\begin{align}\n\\frac{u^{2} + 3 u + 1}{u + 2} &> 0\n\\end{align}\n"
    assert [v.verdict for v in check_latex(tex).verdicts] == ["proved"]
