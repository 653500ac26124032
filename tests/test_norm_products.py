"""A product of two norms on the larger side lowered to the inner product (derivcheck/deciders/norm_products.py):
strong monotonicity gives ||grad F(theta) - grad F(u)|| ||theta - u|| >= lambda ||theta - u||^2 for every d; false
variants are refuted; the lowered side is never larger than the side it replaces (Hypothesis)."""

from __future__ import annotations

import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from derivcheck.deciders import norm_products
from derivcheck.deciders.vector_form import Inner, Vec

from .rows import verdicts

w, z, v = Vec("w"), Vec("z"), Vec("v")
lam = sp.Symbol("lambda", positive=True)


def n(x):
    return sp.sqrt(Inner(x, x))


def test_only_a_positive_multiple_of_two_norms_on_the_larger_side_is_lowered():
    assert norm_products.lowered(lam * Inner(z, z), "<=", n(w) * n(z)) == (lam * Inner(z, z), "<=", Inner(w, z))
    assert norm_products.lowered(3 * n(w) * n(z) + 1, ">=", lam) == (3 * Inner(w, z) + 1, ">=", lam)
    assert norm_products.lowered(n(w) * n(z), "<=", lam) is None  # on the smaller side: lowering proves nothing
    assert norm_products.lowered(lam, "<=", -n(w) * n(z)) is None  # a negative multiple would rise
    assert norm_products.lowered(lam, "<=", n(w) * n(z) * n(v)) is None  # three norms
    assert norm_products.lowered(lam, "<=", lam * n(w) * n(z)) is None  # a symbolic factor: its sign is not known
    assert norm_products.lowered(lam, "=", n(w) * n(z)) is None  # an equation is no inequality to weaken
    assert norm_products.lowered(lam, "<=", n(w) * sp.sqrt(Inner(w, z))) is None  # not a norm
    assert norm_products.lowered(lam, "<=", -n(w) * n(z) / 2) is None  # a negative fraction of the product too
    for power in (sp.Rational(-1, 2), sp.Rational(3, 2), sp.Rational(1, 4)):  # 1/||w||, ||w||^3, ||w||^(1/2)
        assert norm_products.lowered(lam, "<=", Inner(w, w) ** power * n(z)) is None, power
    first = w - z
    sp.core.cache.clear_cache()  # the same vector as a second object: equal, not identical
    second = w - z
    assert first is not second and first == second
    assert norm_products.lowered(lam, "<=", sp.sqrt(Inner(first, second)) * n(v)) == (lam, "<=", Inner(first, v))
    assert norm_products.after_cauchy_schwarz(lam, "<=", n(w) * n(z), lambda *s: None) is None
    how = norm_products.after_cauchy_schwarz(lam, "<=", n(w) * n(z), lambda *s: f"proof of {s[2]}")
    assert how.startswith("Cauchy-Schwarz") and how.endswith("proof of Inner(w, z)"), how


@pytest.mark.slow  # over 10 s on 2 cores: the slow tier, which CI also runs
def test_strong_monotonicity_gives_the_product_of_norms_and_false_variants_are_refuted():
    head = ("% assume: n integer positive\n% index: i in 1..n\n% vector: \\theta, a_i in R^d\n")
    good, wrong, flipped = verdicts(
        head, r"\left\|\sum_{i=1}^{n} (a_i^\top\theta) a_i\right\|\,\|\theta\| &\ge \sum_{i=1}^{n} (a_i^\top\theta)^2",
        r"\left\|\sum_{i=1}^{n} a_i\right\|\,\|\theta\| &\ge 2\sum_{i=1}^{n} a_i^\top\theta",
        r"\left\|\sum_{i=1}^{n} (a_i^\top\theta) a_i\right\|\,\|\theta\| &\le \sum_{i=1}^{n} (a_i^\top\theta)^2")
    assert good.verdict == "proved" and "Cauchy-Schwarz ||w|| ||z|| >= <w, z>" in good.method, (good.verdict,
                                                                                               good.method)
    assert wrong.verdict == "refuted" and flipped.verdict == "refuted", (wrong.verdict, flipped.verdict)


@settings(max_examples=40, derandomize=True, deadline=None)
@given(d=st.integers(1, 4), c=st.integers(1, 5), seed=st.integers(0, 10 ** 6))
def test_hypothesis_the_lowered_side_is_never_larger(d, c, seed):
    rng = np.random.default_rng(seed)
    x, y = rng.normal(size=d), rng.normal(size=d)
    (_, _, low) = norm_products.lowered(sp.Integer(0), "<=", c * n(w) * n(z))
    value = {Inner(w, z): float(x @ y)}
    assert float(low.xreplace(value)) <= c * np.linalg.norm(x) * np.linalg.norm(y) + 1e-12
