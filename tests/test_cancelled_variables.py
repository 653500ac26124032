"""A step whose variables cancel from the difference of its sides (derivcheck/deciders/cancelled_variables.py): the
regularized logistic loss's strong-convexity step is the tangent line of log(1 + e^{-z}) once lambda's terms are
gone; a proof of the reduced step is the step's, and the decider never proves what is false."""

from __future__ import annotations

import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from derivcheck.deciders import cancelled_variables
from derivcheck.deciders.problem import Problem
from derivcheck.reader.declarations import Assumptions
from tests.rows import verdicts

HEAD = "% assume: \\lambda positive; w real; v real\n"
STRONG = (r"\log(1 + e^{-v}) + \frac{\lambda}{2} v^2 &\ge \log(1 + e^{-w}) + \frac{\lambda}{2} w^2 "
          r"+ (\lambda w - \sigma(-w))(v - w) + \frac{\lambda}{2}(v - w)^2")
x, y, lam = sp.symbols("x y lambda", real=True)


def test_a_transcendental_rest_is_proved_by_the_bounds_and_a_false_one_is_not():
    # lambda's terms cancel; what is left is a tangent line of exp or of log(1 + e^{-x}) (at 0), or a false one
    a = Assumptions()
    for lhs, rhs in ((sp.exp(x) + lam * (x + 1) ** 2, 1 + x + lam * (x ** 2 + 2 * x + 1)),
                     (sp.log(1 + sp.exp(-x)) + lam * (x + 1) ** 2, sp.log(2) - x / 2 + lam * (x ** 2 + 2 * x + 1))):
        out = cancelled_variables.decide(Problem(lhs, ">=", rhs, a))
        assert out is not None and out.verdict == "proved", (lhs, out)
        assert out.method.startswith("lambda cancels") and "transcendental bounds" in out.method, out.method
    assert cancelled_variables.decide(Problem(sp.exp(x) + lam * (x + 1) ** 2, ">=",
                                              1 + 2 * x + lam * (x ** 2 + 2 * x + 1), a)) is None


@pytest.mark.slow  # over 20 s on 2 cores (the tangent line of log(1 + e^{-z}) at any w): the slow tier, CI runs it
def test_the_strong_convexity_step_of_a_regularized_loss_is_proved_through_its_tangent_line():
    (v,) = verdicts(HEAD, STRONG)
    assert v.verdict == "proved", (v.verdict, v.method)
    assert v.method.startswith("lambda cancels from the difference of the sides"), v.method


def test_false_variants_are_refuted_not_proved():
    # lambda (v - w)^2 in place of lambda/2: lambda no longer cancels, and the step fails for large lambda; a wrong
    # slope sigma(w) for sigma(-w) leaves lambda cancelling but the rest false
    got = verdicts(HEAD, STRONG.replace(r"\frac{\lambda}{2}(v - w)^2", r"\lambda(v - w)^2"),
                   STRONG.replace(r"\sigma(-w)", r"\sigma(w)"))
    assert [v.verdict for v in got] == ["refuted", "refuted"], [(v.verdict, v.method) for v in got]


def test_the_decider_answers_only_where_a_variable_cancels_and_only_with_a_proof():
    a = Assumptions()
    assert cancelled_variables.decide(Problem(x ** 2, ">=", sp.Integer(0), a)) is None  # nothing cancels
    assert cancelled_variables.decide(Problem(x + y, "=", x + y, a)) is None  # not an inequality
    out = cancelled_variables.decide(Problem(x ** 2 + (y + 1) ** 2, ">=", y * (y + 2), a))  # y cancels once expanded
    assert out is not None and out.verdict == "proved" and out.method.startswith("y cancels")
    assert cancelled_variables.decide(Problem(x + (y + 1) ** 2, "<=", y * (y + 2), a)) is None  # the rest is false
    z = sp.Symbol("z", real=True)
    two = cancelled_variables.decide(Problem(x ** 2 + (y + 1) ** 2 + (z + 1) ** 2, ">=", y * (y + 2) + z * (z + 2), a))
    assert two is not None and two.method.startswith("y, z cancel from the difference")
    one = cancelled_variables.decide(Problem(x ** 2 + (y + 1) ** 2, ">=", y * (y + 2), a))
    assert one.method.startswith("y cancels from the difference")
    # sums (and limits, derivatives, extrema) have deciders of their own: here y would cancel, but none is tried
    i, n = sp.Symbol("i", integer=True), sp.Symbol("n", integer=True, positive=True)
    summed = sp.Sum(sp.IndexedBase("a")[i], (i, 1, n))
    assert cancelled_variables.decide(Problem(summed * (y + 1) ** 2, ">=", summed * (y ** 2 + 2 * y + 1), a)) is None


@settings(max_examples=30, derandomize=True, deadline=None)
@given(st.integers(-3, 3), st.integers(-3, 3), st.integers(-3, 3), st.integers(-3, 3))
def test_hypothesis_a_proof_after_cancelling_is_exactly_the_truth_of_the_step(a, b, c, k):
    # a x^2 + b x + k (y + 1)^2 >= c + k (y^2 + 2y + 1): y cancels, and the step holds for every x exactly when the
    # quadratic a x^2 + b x - c is nonnegative on the whole line
    lhs, rhs = a * x ** 2 + b * x + k * (y + 1) ** 2, c + k * (y ** 2 + 2 * y + 1)
    out = cancelled_variables.decide(Problem(lhs, ">=", rhs, Assumptions()))
    true = (a > 0 and b * b + 4 * a * c <= 0) or (a == 0 and b == 0 and c <= 0)
    if k == 0 or (a == 0 and b == 0):  # nothing cancels (y is gone, or x is, from both sides alike)
        return
    assert (out is not None and out.verdict == "proved") == true, (a, b, c, k, out)


def test_the_caps_on_powers_of_sums_and_on_the_size_of_the_difference():
    a = Assumptions()

    def with_power(k):  # x^2 + (y + 1)^k >= (y + 1)^k multiplied out, less 1: y cancels, x^2 + 1 >= 0 is left
        return cancelled_variables.decide(Problem(x ** 2 + (y + 1) ** k, ">=", sp.expand((y + 1) ** k) - 1, a))
    cap = cancelled_variables.MAX_POWER
    assert with_power(cap) is not None and with_power(cap).verdict == "proved"
    assert with_power(cap + 1) is None and with_power(cap + 3) is None

    def with_terms(k):  # k more variables that cancel only once multiplied out: the difference grows with k
        zs = sp.symbols(f"z0:{k}", real=True)
        lhs = x ** 2 + (y + 1) ** 2 + sum((z + 1) ** 2 for z in zs)
        rhs = y * (y + 2) + sum(z * (z + 2) for z in zs)
        return sp.count_ops(lhs - rhs), Problem(lhs, ">=", rhs, a)
    k = 0
    while with_terms(k + 1)[0] <= cancelled_variables.MAX_OPS:
        k += 1
    (inside, fits), (over, too_big) = with_terms(k), with_terms(k + 1)
    assert inside <= cancelled_variables.MAX_OPS < over
    assert cancelled_variables.decide(fits) is not None and cancelled_variables.decide(too_big) is None


def test_only_a_proof_of_the_reduced_step_counts(monkeypatch):
    # a prover that answers "numerically holds" (or refutes) the reduced step gives nothing: only a proof is the step's
    from derivcheck.deciders.problem import Outcome
    step = Problem(x ** 2 + (y + 1) ** 2, ">=", y * (y + 2), Assumptions())
    for verdict in ("numerically holds, not proved", "refuted", "undecided"):
        monkeypatch.setattr(cancelled_variables, "PROVERS", (lambda q, v=verdict: Outcome(v, "a stand-in"),))
        assert cancelled_variables.decide(step) is None, verdict
