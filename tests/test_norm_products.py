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


TERMS = {  # terms a side may hold: products of norms with any sign, single norms, inner products, constants
    "wz": n(w) * n(z), "zv": n(z) * n(v), "ww": n(w) * n(w), "wzv": n(w) * n(z) * n(v), "w": n(w),
    "<w,z>": Inner(w, z), "1": sp.Integer(1), "lam wz": lam * n(w) * n(z)}


@settings(max_examples=60, derandomize=True, deadline=None)
@given(terms=st.lists(st.tuples(st.sampled_from(sorted(TERMS)), st.fractions(-3, 3, max_denominator=4)
                                .filter(lambda f: f != 0)), min_size=1, max_size=4),
       rel=st.sampled_from(["<=", "<", ">=", ">"]), d=st.integers(1, 4), seed=st.integers(0, 10 ** 6))
def test_hypothesis_the_lowered_step_implies_the_step_at_random_vectors(terms, rel, d, seed):
    """Whatever the larger side holds, lowering never raises it: the stronger step implies the step, in any d."""
    side = sp.Add(*[sp.Rational(f.numerator, f.denominator) * TERMS[name] for name, f in terms])
    step = (lam, rel, side) if rel in ("<=", "<") else (side, rel, lam)
    out = norm_products.lowered(*step)
    big = 2 if rel in ("<=", "<") else 0
    if out is None:
        return
    assert out[1] == rel and out[2 - big] == step[2 - big]  # the smaller side and the relation are kept
    rng = np.random.default_rng(seed)
    vec = {name: rng.normal(size=d) for name in "wzv"}
    value = {Inner(a, b): float(vec[str(a)] @ vec[str(b)]) for a in (w, z, v) for b in (w, z, v)}
    value[lam] = float(rng.uniform(0.1, 3))
    before, after = (float(sp.sympify(e).xreplace(value)) for e in (step[big], out[big]))
    assert after <= before + 1e-9 * (1 + abs(before)), (step, out, before, after)
