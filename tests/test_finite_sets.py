"""Powers of variables declared in a finite set, reduced by the set's polynomial (derivcheck/deciders/finite_sets.py),
and inner products over a family merged across index names (vector_form.as_numbers): the logistic stochastic
gradient's variance identity (y_i^2 = 1) and the log-sum-exp gradient (<theta, a_i> and <theta, a_j> one function)
are proved for every d; false variants are refuted; the reduction keeps the value at every point of the set
(Hypothesis)."""

from __future__ import annotations

import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from derivcheck.deciders import finite_sets
from derivcheck.deciders.vector_form import Inner, Vec, as_numbers
from derivcheck.reader.declaration_lines import parse_assumptions

from .rows import verdicts

A = parse_assumptions("y in {-1, 1}; b in {0, 1}; t in {-1, 0, 2}; x real; k integer; "
                      "w in {1, 2, 3, 4, 5}")
y, b, t, x, k, w = (A.symbol(n) for n in ("y", "b", "t", "x", "k", "w"))

HEAD = ("% assume: n integer positive\n% index: i in 1..n\n% index: j in 1..n\n% vector: \\theta, a_i in R^d\n"
        "% assume: y_i in {-1, 1}; s_i real\n")


def test_powers_reduce_by_the_sets_polynomial_and_nothing_else_changes():
    assert finite_sets.reduced(y ** 2, A) == 1 and finite_sets.reduced(y ** 3, A) == y
    assert finite_sets.reduced(b ** 5, A) == b  # b^2 = b on {0, 1}
    assert sp.expand(finite_sets.reduced(t ** 3, A) - (t ** 2 + 2 * t)) == 0  # t^3 = t^2 + 2t on {-1, 0, 2}
    assert finite_sets.reduced(t ** 2, A) == t ** 2  # below the set's size: already reduced
    assert finite_sets.reduced(x ** 2 + y ** (-2), A) == x ** 2 + y ** (-2)  # a real x; a negative power is left
    assert finite_sets.reduced(w ** 7, A) == w ** 7  # more values than MAX_VALUES
    assert finite_sets.reduced(k ** 2, A) == k ** 2  # an integer is no finite set
    yi = sp.IndexedBase(sp.Symbol("y"))[sp.Symbol("i", integer=True)]
    fam = parse_assumptions("y_i in {-1, 1}")
    assert finite_sets.reduced(sp.Sum(x * yi ** 2, (sp.Symbol("i", integer=True), 1, 3)), fam) == sp.Sum(
        x, (sp.Symbol("i", integer=True), 1, 3))


@settings(max_examples=40, derandomize=True, deadline=None)
@given(power=st.integers(0, 9), name=st.sampled_from(["y", "b", "t"]), c=st.integers(-3, 3))
def test_hypothesis_the_reduction_keeps_the_value_at_every_point_of_the_set(power, name, c):
    v = A.symbol(name)
    e = c * v ** power + v ** (power + 1) * x
    out = finite_sets.reduced(e, A)
    values = {"y": [-1, 1], "b": [0, 1], "t": [-1, 0, 2]}[name]
    for value in values:
        assert sp.expand((e - out).xreplace({v: value})) == 0, (e, out, value)


def test_inner_products_of_one_family_at_different_indices_are_one_function():
    theta, a = Vec("theta"), sp.IndexedBase(Vec("a"))
    i, j = sp.Symbol("i", integer=True), sp.Symbol("j", integer=True)
    n = sp.Symbol("n", integer=True, positive=True)
    e = sp.Sum(sp.exp(Inner(theta, a[i])), (i, 1, n)) - sp.Sum(sp.exp(Inner(theta, a[j])), (j, 1, n))
    out = as_numbers(e)
    assert len({f.func for f in out.atoms(sp.core.function.AppliedUndef)}) == 1, out
    assert out.xreplace({j: i}) == 0  # the two sums are one, once their indices are named alike
    # <a_i, a_j> and <a_j, a_i> keep their order: merged only when the same for every value of the indices
    pair = as_numbers(sp.Sum(sp.Sum(Inner(a[i], a[j]) + Inner(theta, a[i]), (i, 1, n)), (j, 1, n)))
    assert len({f.func for f in pair.atoms(sp.core.function.AppliedUndef)}) == 2


@pytest.mark.slow  # over 10 s on 2 cores: the slow tier, which CI also runs
def test_the_logistic_gradients_variance_and_the_log_sum_exp_gradient_for_every_d():
    good, wrong, lse = verdicts(
        HEAD + "% function: f(\\theta) = \\log\\sum_{i=1}^{n} e^{\\theta^\\top a_i}\n",
        r"\mathbb{E}_i\left[\left\|s_i y_i a_i - \frac{1}{n}\sum_{j=1}^{n} s_j y_j a_j\right\|^2\right] &= "
        r"\mathbb{E}_i\left[s_i^2\,\|a_i\|^2\right] - \left\|\frac{1}{n}\sum_{j=1}^{n} s_j y_j a_j\right\|^2",
        r"\mathbb{E}_i\left[\left\|s_i y_i a_i - \frac{1}{n}\sum_{j=1}^{n} s_j y_j a_j\right\|^2\right] &= "
        r"\mathbb{E}_i\left[s_i^2\,\|a_i\|^2\right] - \frac{1}{n}\left\|\sum_{j=1}^{n} s_j y_j a_j\right\|^2",
        r"\nabla f(\theta) &= \frac{1}{\sum_{j=1}^{n} e^{\theta^\top a_j}}\sum_{i=1}^{n} e^{\theta^\top a_i}\, a_i")
    assert good.verdict == "proved" and finite_sets.DESCRIBED in good.method, (good.verdict, good.method)
    assert wrong.verdict == "refuted", (wrong.verdict, wrong.method)  # the mean's square lost a factor 1/n
    assert lse.verdict == "proved" and "for every d" in lse.method, (lse.verdict, lse.method)
    flipped, = verdicts(HEAD + "% assume: z_i in {0, 1}\n",  # z_i^2 = z_i, not 1: the same step is false
                        r"\mathbb{E}_i\left[\left\|s_i z_i a_i\right\|^2\right] &= \mathbb{E}_i\left[s_i^2\,\|a_i\|^2\right]")
    assert flipped.verdict == "refuted", (flipped.verdict, flipped.method)


def test_a_set_of_one_value_and_a_set_of_max_values_are_reduced():
    sets = parse_assumptions("u in {3}; q in {-1, 0, 1, 2}")
    u, q = sets.symbol("u"), sets.symbol("q")
    assert finite_sets.values_of(u, sets) == [3] and finite_sets.reduced(u ** 2, sets) == 9  # u^2 = 9 when u = 3
    assert len(finite_sets.values_of(q, sets)) == finite_sets.MAX_VALUES == 4
    out = finite_sets.reduced(q ** 4, sets)
    assert sp.degree(out, q) == 3 and all(out.xreplace({q: v}) == v ** 4 for v in (-1, 0, 1, 2)), out
    assert finite_sets.values_of(sp.sqrt(u), sets) is None  # neither a variable nor a member
    half, power = sp.Rational(5, 2), sp.Symbol("p", integer=True, positive=True)
    assert finite_sets.reduced(u ** half + q ** power, sets) == u ** half + q ** power  # not integer powers
