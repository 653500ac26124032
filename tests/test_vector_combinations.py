"""Each combination of vectors inside an inner product taken as one vector (vector_combinations.py): a step in
fewer vectors whose proof proves the step for every d; only its proofs count."""

import sympy as sp

from derivcheck.deciders import vector_combinations as vc
from derivcheck.deciders.vector_form import Inner, Vec, VectorStep
from derivcheck.reader.document import read_latex
from derivcheck.verdicts import check

theta, u, b, v = (Vec(n) for n in ("theta", "u", "b", "v"))
L = sp.Symbol("L", positive=True)


def norm(x):
    return sp.sqrt(Inner(x, x))


def test_each_combination_is_one_vector_and_its_negative_the_negative():
    step = VectorStep(sp.Abs(Inner(L * theta + b, u)), "<=", norm(L * theta + b) * norm(u), (theta, b, u), (), False,
                      (1, 2, 3))
    out, pairs = vc.as_vectors(step)
    p1 = Vec("_p1")
    assert (out.lhs, out.rhs, out.vectors) == (sp.Abs(Inner(p1, u)), norm(p1) * norm(u), (p1, u))
    assert vc.shown(pairs) == "p1 := L*theta + b"
    step = VectorStep(Inner(theta - v, u - b), "<=", norm(v - theta) * norm(b - u), (theta, v, u, b), (), False, (1,))
    out, pairs = vc.as_vectors(step)
    p1, p2 = Vec("_p1"), Vec("_p2")
    assert out.vectors == (p1, p2) and out.rhs == norm(-p1) * norm(-p2)  # v - theta is -(theta - v): -p1


def test_nothing_is_abstracted_where_no_vector_is_saved_or_there_is_no_combination():
    same = VectorStep(Inner(theta + b, theta + b), "<=", 2 * Inner(theta, theta) + 2 * Inner(b, b), (theta, b), (),
                      False, (1,))
    assert vc.as_vectors(same) is None  # p, theta, b: more vectors, and the step needs p = theta + b
    plain = VectorStep(Inner(theta, u), "<=", norm(theta) * norm(u), (theta, u), (), False, (1,))
    assert vc.as_vectors(plain) is None
    assert vc.as_vectors(VectorStep(theta + b, "=", b + theta, (theta, b), (), True, (1,))) is None  # vector valued


def _verdicts(tex):
    steps, assumptions = read_latex(tex)
    return [check(s, k, assumptions) for k, s in enumerate(steps, 1)]


def test_cauchy_schwarz_for_combinations_is_proved_for_every_d_and_false_variants_are_not():
    tex = r"""% assume: L positive
% vector: \theta, u, b, v in R^d
% function: f(\theta) = \frac{L}{2}\|\theta\|^2 + b^\top\theta
\begin{align*}
\left\|\left(\nabla f(\theta)^\top u\right) u\right\| &\le \|\nabla f(\theta)\|\,\|u\|^2 \\
(\theta - v)^\top (u - b) &\le \|v - \theta\|\,\|u - b\| \\
(\theta - v)^\top (u - b) &\le \frac{1}{2}\|\theta - v\|\,\|u - b\| \\
|(L\theta + b)^\top u| &\le L\|\theta\|\,\|u\| \\
\|\theta + b\|^2 &\le 2\|\theta\|^2 + 2\|b\|^2
\end{align*}
"""
    out = _verdicts(tex)
    assert [o.verdict for o in out] == ["proved", "proved", "refuted", "refuted", "proved"]
    assert "taken as one vector (p1 := L*theta + b)" in out[0].method
    assert "taken as one vector" not in out[4].method


def test_no_abstraction_with_families_or_as_many_vectors():
    a = Vec("a")
    with_family = VectorStep(Inner(theta + b, u), "<=", norm(theta + b) * norm(u), (theta, b, u), (a,), False, (1,))
    assert vc.as_vectors(with_family) is None  # families go to the lemma library
    even = VectorStep(Inner(theta + b, theta), "<=", norm(theta + b) * norm(theta), (theta, b), (), False, (1,))
    assert vc.as_vectors(even) is None  # p and theta: as many vectors as theta and b
