"""Norms of combinations of vectors (derivcheck/deciders/triangle.py): sums over one range gathered inside a norm,
a norm on the smaller side split by the triangle inequality, and the steps of the field this proves for every d,
with their false variants refuted, never proved."""

from __future__ import annotations

import pytest
import sympy as sp

from derivcheck.deciders import triangle
from derivcheck.deciders.vector_form import Inner, Vec
from derivcheck.reader.document import read_latex
from derivcheck.verdicts import check


def _verdicts(rows: str, head: str):
    steps, _ = read_latex(head + "\\begin{align*}\n" + rows + "\n\\end{align*}")
    return [check(s, k) for k, s in enumerate(steps, 1)]


def test_sums_over_one_range_inside_an_inner_product_become_one_sum():
    i, j, n, m = (sp.Symbol(s, integer=True) for s in "ijnm")
    a, b = sp.IndexedBase(Vec("a")), sp.IndexedBase(Vec("b"))
    p, theta = sp.IndexedBase("p"), Vec("theta")
    s1, s2 = sp.Sum(p[i] * a[i], (i, 1, n)), sp.Sum(b[j], (j, 1, n))
    got = triangle.one_sum(sp.sqrt(Inner(s1 / n - 2 * s2 + theta, s1 / n - 2 * s2 + theta)))
    (g,) = [x for x in got.atoms(Inner) if x.args[0].has(theta)]
    (total,) = [t for t in sp.Add.make_args(g.args[0]) if isinstance(t, sp.Sum)]
    k = total.limits[0][0]  # the index of whichever sum came first
    assert sp.expand(total.function.xreplace({k: i}) - (p[i] * a[i] / n - 2 * b[i])) == 0
    assert total.limits[0][1:] == (1, n)
    assert theta in sp.Add.make_args(g.args[0])
    # another range, or a coefficient that names the index: kept apart
    for other in (sp.Sum(b[j], (j, 1, m)), j * sp.Sum(b[j], (j, 1, n)), sp.Sum(b[j], (j, 2, n))):
        kept = triangle.one_sum(Inner(s1 + other, theta))
        (combination,) = [x for x in kept.args if x.has(sp.Sum)]
        assert len([t for t in sp.Add.make_args(combination) if t.has(sp.Sum)]) == 2, other


def test_the_triangle_inequality_splits_a_norm_only_on_the_smaller_side():
    theta, u = Vec("theta"), Vec("u")
    norm = sp.sqrt(Inner(theta + u, theta + u))
    c = sp.Symbol("c", positive=True)
    split = triangle.triangle_split(norm, "<=", c)
    assert split == (sp.sqrt(Inner(theta, theta)) + sp.sqrt(Inner(u, u)), "<=", c)
    assert triangle.triangle_split(c, ">=", 2 * norm)[0] == 2 * split[0]
    assert triangle.triangle_split(c, "<=", norm) is None  # the larger side: splitting would prove nothing
    assert triangle.triangle_split(-norm, "<=", c) is None
    assert triangle.triangle_split(norm, "=", c) is None
    assert triangle.triangle_split(sp.sqrt(Inner(theta, theta)), "<=", c) is None  # one vector: nothing to split


@pytest.mark.slow  # about 40 s on an idle core (two vector steps checked in d = 1..4 when false)
def test_norm_growth_of_a_gradient_step_and_a_gradient_difference_are_proved_for_every_d_and_false_ones_are_not():
    head = ("% assume: n integer positive; \\eta positive\n% index: i in 1..n\n% vector: \\theta, u, a_i in R^d\n"
            "% assume: y_i in {-1, 1}\n")
    step = r"\frac{\eta}{n}\sum_{i=1}^{n} \sigma(-y_i \theta^\top a_i)\, y_i a_i"
    got = _verdicts(r"\left\|\theta + " + step + r"\right\| &\le \|\theta\| + \eta \max_{i} \|a_i\| \\"
                    r"\left\|\theta + " + step + r"\right\| &\le \|\theta\| + \frac{\eta}{4} \max_{i} \|a_i\| \\"  # false at theta = 0
                    r"\left\|\frac{1}{n}\sum_{i=1}^{n} \sigma(\theta^\top a_i) a_i - \frac{1}{n}\sum_{i=1}^{n} "
                    r"\sigma(u^\top a_i) a_i\right\| &\le \frac{1}{n}\sum_{i=1}^{n} \left|\sigma(\theta^\top a_i) - "
                    r"\sigma(u^\top a_i)\right| \|a_i\| \\"
                    r"\left\|\frac{1}{n}\sum_{i=1}^{n} \sigma(\theta^\top a_i) a_i - \frac{1}{n}\sum_{i=1}^{n} "
                    r"\sigma(u^\top a_i) a_i\right\| &\le \frac{1}{2n}\sum_{i=1}^{n} \left|\sigma(\theta^\top a_i) - "
                    r"\sigma(u^\top a_i)\right| \|a_i\|", head)
    assert [v.verdict for v in got] == ["proved", "refuted", "proved", "refuted"]
    assert "the triangle inequality ||u + v|| <= ||u|| + ||v||" in got[0].method
    assert "the triangle inequality over a sum" in got[2].method


def test_after_the_triangle_inequality_only_a_proof_of_the_split_step_counts_and_is_named():
    theta, u = Vec("theta"), Vec("u")
    c = sp.Symbol("c", positive=True)
    asked = []

    def prove(*step):
        asked.append(step)
        return "a proof"

    how = triangle.after_triangle(sp.sqrt(Inner(theta + u, theta + u)), "<=", c, prove)
    assert how == "the triangle inequality ||u + v|| <= ||u|| + ||v|| on each norm of a sum, then a proof"
    assert asked == [(sp.sqrt(Inner(theta, theta)) + sp.sqrt(Inner(u, u)), "<=", c)]
    assert triangle.after_triangle(sp.sqrt(Inner(theta + u, theta + u)), "<=", c, lambda *s: None) is None
    asked.clear()
    assert triangle.after_triangle(c, "<=", sp.sqrt(Inner(theta + u, theta + u)), prove) is None and not asked


def _same_value(before, after, n):
    """before and after, with n a number and every sum written out, are one expression."""
    def out(e):
        return sp.expand(e.xreplace({n: 3}).doit())
    return sp.expand(out(before) - out(after)) == 0


def test_gathering_sums_keeps_the_value_and_merges_only_what_linearity_allows():
    i, j, n, m = (sp.Symbol(s, integer=True) for s in "ijnm")
    a, b = sp.IndexedBase(Vec("a")), sp.IndexedBase(Vec("b"))
    p, theta = sp.IndexedBase("p"), Vec("theta")
    sa, sb = sp.Sum(a[i], (i, 1, n)), sp.Sum(p[j] * b[j], (j, 1, n))
    for combination in (theta + sa - 2 * sb, sa + theta + sb / n, 3 * sb - sa - theta):
        got = triangle.one_sum(Inner(combination, theta))
        (arg,) = [x for x in got.args if x.has(sp.Sum)]
        assert len([t for t in sp.Add.make_args(arg) if t.has(sp.Sum)]) == 1 and arg.has(theta)
        assert _same_value(combination, arg, n)
    # one sum alone is left as written (its coefficient outside)
    assert triangle.one_sum(Inner(2 * sa, theta)) == Inner(2 * sa, theta)
    # a range that starts elsewhere, in either order; a double sum; a scalar sum times a vector
    late = sp.Sum(b[j], (j, 2, n))
    for combination in (late + sa, sa + late, sp.Sum(a[i], (i, 1, n), (j, 1, m)) + sb):
        got = triangle.one_sum(Inner(combination, theta))
        (arg,) = [x for x in got.args if x.has(sp.Sum)]
        assert arg == combination, combination
    # three ranges that start apart: none merged, in whatever order SymPy keeps the terms
    c_ = sp.IndexedBase(Vec("c"))
    k = sp.Symbol("k", integer=True)
    apart = sp.Sum(a[i], (i, 2, n)) + sp.Sum(b[j], (j, 0, n)) + sp.Sum(c_[k], (k, 1, n))
    got = triangle.one_sum(Inner(apart, theta))
    (arg,) = [x for x in got.args if x.has(sp.Sum)]
    assert arg == apart
    # renaming either index to the other would capture an inner sum's index: kept apart
    q = sp.IndexedBase("q")
    first = sp.Sum(sp.Sum(q[j], (j, 1, n)) * a[i], (i, 1, n))
    second = sp.Sum(sp.Sum(p[i], (i, 1, n)) * b[j], (j, 1, n))
    got = triangle.one_sum(Inner(first + second, theta))
    (arg,) = [x for x in got.args if x.has(sp.Sum)]
    assert arg == first + second


def test_only_norms_of_combinations_free_of_every_index_are_split_and_only_where_the_step_is_monotone():
    theta, u, w = Vec("theta"), Vec("u"), Vec("w")
    c = sp.Symbol("c", positive=True)
    x = sp.Symbol("x", nonnegative=True)
    norm = sp.sqrt(Inner(theta + u, theta + u))
    both = sp.sqrt(Inner(theta, theta)) + sp.sqrt(Inner(u, u))
    # three vectors; a factor known only nonnegative; a log of it (monotone for a norm, s >= 0)
    three = triangle.triangle_split(sp.sqrt(Inner(theta + u - w, theta + u - w)), "<=", c)
    assert three[0] == both + sp.sqrt(Inner(w, w))
    assert triangle.triangle_split(x * norm, "<=", c)[0] == x * both
    assert triangle.triangle_split(sp.log(1 + norm), "<=", c)[0] == sp.log(1 + both)
    # not a norm: another power of <v, v>, an inner product of two different vectors
    for lhs in (Inner(theta + u, theta + u) ** sp.Rational(3, 2), Inner(theta + u, theta + u) ** sp.Rational(1, 4),
                sp.sqrt(Inner(theta + u, theta - u))):
        assert triangle.triangle_split(lhs, "<=", c) is None, lhs
    # the same norm on both sides: the step does not depend on it
    assert triangle.triangle_split(norm + 1, "<=", norm + 2) is None
    # inside a sum over i (one value per i), or one sum of vectors: the lemma library's, not split here
    i, n = sp.Symbol("i", integer=True), sp.Symbol("n", integer=True, positive=True)  # the slope -n is <= 0
    a, b = sp.IndexedBase(Vec("a")), sp.IndexedBase(Vec("b"))
    assert triangle.triangle_split(sp.Sum(sp.sqrt(Inner(a[i] + theta, a[i] + theta)), (i, 1, n)), "<=", c) is None
    total = sp.Sum(a[i] + b[i], (i, 1, n))
    assert triangle.triangle_split(sp.sqrt(Inner(total, total)), "<=", c) is None
    # a skipped power or a norm of one vector before a norm of a combination (in sorted order) does not end the
    # search
    assert triangle.triangle_split(Inner(theta, u) ** 2 + norm, "<=", c)[0] == Inner(theta, u) ** 2 + both
    for single in (Vec("A"), Vec("z"), theta, w):
        one = sp.sqrt(Inner(single, single))
        assert triangle.triangle_split(one + norm, "<=", c)[0] == one + both, single
