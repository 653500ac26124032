"""Vector steps for every d: the lift to inner products (derivcheck/deciders/vector_form.py), its invariance check,
and the rotation normal form (derivcheck/deciders/gram.py), alone and through `check`."""

from __future__ import annotations

from fractions import Fraction

import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from derivcheck.deciders import gram, same_value, vector_form
from derivcheck.deciders.judge import judge
from derivcheck.deciders.vector_form import Inner, NotInvariant, Vec, lift, lift_step, lower, norm
from derivcheck.reader.declarations import Declarations
from derivcheck.reader.document import StepInput, read_latex
from derivcheck.verdicts import check

a, b, c = Vec("a"), Vec("b"), Vec("c")
DECLARED = {"a": False, "b": False, "c": False, "u": True}
gamma = sp.Symbol("gamma", positive=True)
x = sp.Symbol("x", real=True)


def _steps(tex: str):
    steps, _ = read_latex(tex)
    return steps


def _verdicts(tex: str):
    return [check(s, k) for k, s in enumerate(_steps(tex), 1)]


def comp(name, k):
    return sp.Symbol(f"{name}[{k}]", real=True)


# -- the lift -------------------------------------------------------------------------------------------------
def test_inner_products_norms_and_combinations_lift_to_the_vector_level():
    (step,) = _steps("% vector: a, b in R^d\n\\begin{align} |a^\\top b| + \\|a - 2b\\|^2 &\\le \\|a\\| \\|b\\| + 1 "
                     "\\end{align}")
    v = lift_step(step.at_dimension, step.relation, step.declarations.vectors)
    assert v.lhs == sp.Abs(Inner(a, b)) + Inner(a - 2 * b, a - 2 * b)
    assert v.rhs == norm(a) * norm(b) + 1 and (v.vectors, v.families, v.vector_valued) == ((a, b), (), False)
    assert v.dimensions == (1, 2, 3)


def test_a_sum_over_a_family_lifts_with_the_sum_kept_whole():
    (step,) = _steps("% assume: n integer positive\n% vector: a_i in R^d\n\\begin{align} \\left\\|\\frac{1}{n}"
                     "\\sum_{i=1}^{n} a_i\\right\\|^2 &\\le \\frac{1}{n}\\sum_{i=1}^{n} \\|a_i\\|^2 \\end{align}")
    v = lift_step(step.at_dimension, step.relation, step.declarations.vectors)
    i, n = sp.Symbol("i", integer=True), sp.Symbol("n", integer=True, positive=True)
    ai = sp.IndexedBase(Vec("a"))[i]
    assert v.lhs == Inner(sp.Sum(ai, (i, 1, n)), sp.Sum(ai, (i, 1, n))) / n ** 2
    assert v.rhs == sp.Sum(Inner(ai, ai), (i, 1, n)) / n and v.families == (Vec("a"),)


def test_a_vector_equation_lifts_to_one_linear_combination_per_side():
    (step,) = _steps("% vector: a, b in R^d\n% assume: \\gamma positive\n\\begin{align} a - \\gamma b &= "
                     "(a^\\top b) a \\end{align}")
    v = lift_step(step.at_dimension, step.relation, step.declarations.vectors)
    assert (v.lhs, v.rhs, v.vector_valued) == (a - gamma * b, Inner(a, b) * a, True)


@pytest.mark.parametrize("side, why", [
    (comp("a", 1), "a component on its own"),
    (comp("a", 1) * comp("b", 2) + comp("a", 2) * comp("b", 1), "a product of different components"),
    (comp("a", 1) ** 2 + 1, "a sum over some of the components only"),
    (comp("a", 1) ** 4 + comp("a", 2) ** 4, "a sum over components that is not a quadratic form"),
    (sp.exp(comp("a", 1)) + sp.exp(comp("a", 2)), "exp of a component"),
    (comp("a", 1) + comp("a", 2), "a sum over components that is not a quadratic form"),
    (comp("a", 1) ** 2 + comp("b", 2) ** 2, "components that differ in form"),
    ((comp("a", 1) + 1) ** 2 + (comp("a", 2) + 1) ** 2, "a sum over some of the components only"),
])
def test_what_is_not_built_from_inner_products_does_not_lift(side, why):
    with pytest.raises(NotInvariant, match="^" + why):
        lift(side, DECLARED)


def test_a_vector_side_must_be_the_components_of_one_combination():
    with pytest.raises(NotInvariant, match="not its components"):
        lift(sp.Matrix([comp("a", 2), comp("a", 1)]), DECLARED)
    with pytest.raises(NotInvariant, match="differ in form"):
        lift(sp.Matrix([comp("a", 1), 2 * comp("a", 2)]), DECLARED)
    with pytest.raises(NotInvariant, match="column vector"):
        lift(sp.Matrix([comp("a", 1), comp("a", 2), comp("a", 3)]), DECLARED)
    assert lift(sp.Matrix([0, 0]), DECLARED) == (0, True)


def test_a_step_that_is_not_the_same_at_every_dimension_is_not_lifted():
    def first_component(d):  # a_1^2 <= ||a||^2: at d = 1 both sides are a_1^2, but not invariant
        return comp("a", 1) ** 2, sum(comp("a", k) ** 2 for k in range(1, d + 1))
    assert lift_step(first_component, "<=", {"a": False}) is None

    def changes(d):  # the same form at d = 2 only: the checks at d = 1 and 3 see the difference
        return (sum(comp("a", k) ** 2 for k in range(1, d + 1)) * (1 if d == 2 else 2), sp.Integer(1))
    assert lift_step(changes, "<=", {"a": False}) is None

    def refused(d):
        if d != 2:
            raise ValueError("the reader refuses it here")
        return sp.Integer(1), sp.Integer(1)
    assert lift_step(refused, "=", {"a": False}) is None


def test_a_literal_column_vector_is_read_only_in_its_own_dimension_and_is_not_lifted():
    (step,) = _steps("% vector: a in R^d\n\\begin{align} a^\\top \\begin{pmatrix} 1 \\\\ 0 \\end{pmatrix} &\\le "
                     "\\|a\\| \\end{align}")
    assert lift_step(step.at_dimension, step.relation, step.declarations.vectors) is None


EXPRESSIONS = st.recursive(
    st.sampled_from([Inner(a, a), Inner(a, b), Inner(b, c), norm(a + b), norm(a - 2 * c), x, gamma]),
    lambda inner: st.one_of(st.tuples(inner, inner).map(lambda p: p[0] + p[1]),
                            st.tuples(inner, inner).map(lambda p: p[0] * p[1]),
                            inner.map(lambda e: sp.Abs(e - 1)), inner.map(sp.exp)),
    max_leaves=5)


@settings(max_examples=20)
@given(EXPRESSIONS, st.integers(2, 3), st.randoms(use_true_random=False))
def test_the_lift_is_exact_lowering_it_gives_back_the_components(e, d, rnd):
    low = lower(e, d)
    lifted, vector_valued = lift(low, DECLARED, d)
    assert not vector_valued
    back = lower(lifted, d)
    point = {s: sp.Rational(rnd.randint(-9, 9), rnd.randint(1, 4)) for s in low.free_symbols | back.free_symbols}
    holds, lv, rv, _ = judge(low, "=", back, point)
    assert holds is True, (e, lifted, lv, rv)


# -- the rotation normal form ---------------------------------------------------------------------------------
def test_the_normal_form_is_lower_triangular_with_a_nonnegative_diagonal():
    (step,) = _steps("% vector: a, b in R^d\n\\begin{align} |a^\\top b| &\\le \\|a\\| \\|b\\| \\end{align}")
    v = lift_step(step.at_dimension, step.relation, step.declarations.vectors)
    nf = gram.normal_form(v)
    a1, b1, b2 = sp.Symbol("a[1]", nonnegative=True), sp.Symbol("b[1]", real=True), sp.Symbol("b[2]",
                                                                                              nonnegative=True)
    assert (nf.lhs, nf.rel, nf.rhs, nf.dimension, nf.zeros) == (a1 * sp.Abs(b1), "<=", a1 * sp.sqrt(b1 ** 2 + b2 ** 2),
                                                                 2, ("a[2]",))


def test_no_normal_form_for_families_or_many_vectors():
    v = lift_step(lambda d: (sp.Integer(0), sp.Integer(0)), "=", {})
    assert gram.normal_form(v).dimension == 1  # no vectors at all: the step is read in R^1
    many = gram.VectorStep(Inner(a, a), "<=", Inner(b, b), tuple(Vec(n) for n in "abcdefg"), (), False, ())
    assert gram.normal_form(many) is None
    assert gram.normal_form(gram.VectorStep(Inner(a, a), "<=", x, (a,), (Vec("u"),), False, ())) is None


def test_identities_componentwise_and_by_bilinear_expansion():
    eq = gram.VectorStep(a + b - b, "=", a, (a, b), (), True, ())
    assert gram.componentwise(eq).startswith("each component is one identity")
    assert gram.componentwise(gram.VectorStep(a, "=", b, (a, b), (), True, ())) is None
    assert gram.componentwise(gram.VectorStep(Inner(a, a), "<=", x, (a,), (), False, ())) is None
    expansion = gram.VectorStep(Inner(a + b, a - b), "=", Inner(a, a) - Inner(b, b), (a, b), (), False, ())
    assert gram.bilinear(expansion).startswith("inner products expanded bilinearly")
    assert gram.bilinear(gram.VectorStep(Inner(a + b, a + b), "=", Inner(a, a) + Inner(b, b), (a, b), (), False,
                                         ())) is None
    assert gram.bilinear(gram.VectorStep(Inner(a, a), "<=", Inner(b, b), (a, b), (), False, ())) is None


VECTOR_LEMMAS = r"""% vector: a, b in R^d
% assume: \gamma positive
\begin{align}
|a^\top b| &\le \|a\|\, \|b\| \\
\|a + b\| &\le \|a\| + \|b\| \\
\big|\, \|a\| - \|b\| \,\big| &\le \|a - b\| \\
\|a + b\|^2 &\le 2\|a\|^2 + 2\|b\|^2 \\
\|a + b\|^2 + \|a - b\|^2 &= 2\|a\|^2 + 2\|b\|^2 \\
\|a - \gamma b\|^2 &= \|a\|^2 - 2\gamma a^\top b + \gamma^2 \|b\|^2 \\
\|a - \gamma b\| &\ge \|a\| - \gamma \|b\|
\end{align}"""


def test_the_vector_lemmas_are_proved_for_every_dimension():
    for v in _verdicts(VECTOR_LEMMAS):
        assert v.verdict == "proved" and v.method.startswith("for every d: "), (v.source, v.method)
        assert v.evidence["dimension"] in (2, "every")


FALSE_VECTOR_STEPS = [
    r"|a^\top b| \le \frac{9}{10}\|a\|\, \|b\|",  # a constant nudged
    r"|a^\top b| \ge \|a\|\, \|b\|",  # the direction flipped
    r"\|a + b\| \le \|a\| + \|b\|^2",  # a square instead of a norm
    r"\|a + b\|^2 \le \|a\|^2 + \|b\|^2",  # the cross term dropped
    r"\|a + b\|^2 \le 2\|a\|^2 + \|b\|^2",  # a factor dropped
    r"\|a - \gamma b\|^2 = \|a\|^2 - \gamma a^\top b + \gamma^2 \|b\|^2",
]


@pytest.mark.parametrize("row", FALSE_VECTOR_STEPS)
def test_false_vector_steps_are_refuted_not_proved(row):
    (v,) = _verdicts("% vector: a, b in R^d\n% assume: \\gamma positive\n\\begin{align} " + row + " \\end{align}")
    assert v.verdict == "refuted" and v.evidence["dimension"] in (1, 2), (row, v.verdict, v.method)
    at = v.evidence["counterexample"]
    assert all(Fraction(val) == Fraction(val) for val in at.values())


NUDGES = st.sampled_from([Fraction(99, 100), Fraction(1, 2), Fraction(9, 10), Fraction(0)])


@settings(max_examples=12)
@given(st.sampled_from([(r"|a^\top b|", r"\|a\|\, \|b\|"), (r"\|a + b\|", r"\|a\| + \|b\|"),
                        (r"\|a + b\|^2", r"2\|a\|^2 + 2\|b\|^2"), (r"\big|\, \|a\| - \|b\| \,\big|", r"\|a - b\|")]),
       NUDGES)
def test_a_vector_lemma_with_its_bound_scaled_down_is_never_proved(statement, k):
    lhs, rhs = statement
    (v,) = _verdicts("% vector: a, b in R^d\n\\begin{align} " + lhs + r" &\le \frac{" + str(k.numerator) + "}{"
                     + str(k.denominator) + "} (" + rhs + r") \end{align}")
    assert v.verdict == "refuted", (statement, k, v.verdict)


def test_the_normal_forms_counterexample_names_every_component():
    (v,) = _verdicts("% vector: a, b in R^d\n\\begin{align} a &= b \\end{align}")
    assert v.verdict == "refuted"
    d = v.evidence["dimension"]
    assert set(v.evidence["counterexample"]) >= {f"{n}[{k}]" for n in "ab" for k in range(1, d + 1)} - {"a[2]"}


def test_a_step_that_is_not_invariant_is_checked_in_small_dimensions_only():
    def first_component(d):
        return comp("a", 1) ** 2, sum(comp("a", k) ** 2 for k in range(1, d + 1))
    lhs, rhs = first_component(2)
    step = StepInput(lhs, "<=", rhs, at_dimension=first_component, declarations=Declarations(vectors={"a": False}))
    assert check(step, 1).verdict == "holds for d <= 4"


UNEQUAL_RANGES = r"""% assume: n integer positive
% vector: a_i, b in R^d
\begin{align}
\sum_{i=1}^{n} \|a_i\|^2 &= \sum_{i=2}^{n+1} \|a_i\|^2 \\
\sum_{i=1}^{n} (a_i^\top b) b &= \sum_{i=2}^{n+1} (a_i^\top b) b \\
\sum_{i=1}^{n} \|a_i\|^2 &= \sum_{j=1}^{n} \|a_j\|^2
\end{align}"""


def test_an_inner_product_in_the_scope_of_an_index_is_not_one_number():
    # <a_i, a_i> depends on i: taken as one symbol g, sum_{i=1}^{n} g = sum_{i=2}^{n+1} g would "prove" these
    first, second, same = _verdicts(UNEQUAL_RANGES)
    assert first.verdict == "refuted" and second.verdict == "refuted"
    assert same.verdict == "proved"
    i = sp.Symbol("i", integer=True)
    e = sp.Sum(Inner(sp.IndexedBase(Vec("a"))[i], b), (i, 1, 3)) + Inner(a, b)
    numbers = vector_form.as_numbers(e)
    assert not numbers.atoms(Inner) and numbers.atoms(sp.core.function.AppliedUndef)
    assert vector_form.bound_symbols(sp.Limit(x * i, x, 0) + sp.Derivative(x ** 2, x)) == {x}


def test_a_family_member_whose_subscript_is_no_index_is_one_vector_for_every_d():
    # theta_t with t no declared index is one vector (the reader's rule): it lifts, and is proved for every d
    head = "% assume: \\gamma positive\n% vector: \\theta_t, g_t in R^d\n% define: \\theta_{t+1} = \\theta_t - \\gamma g_t\n"
    true = head + "\\[ \\|\\theta_{t+1}\\| \\ge \\|\\theta_t\\| - \\gamma \\|g_t\\| \\]"
    (v,) = _verdicts(true)
    assert v.verdict == "proved" and v.method.startswith("for every d"), (v.verdict, v.method)
    assert vector_form.component(comp("theta_t", 2), {"theta": True, "g": True}) == (Vec("theta_t"), 2)
    assert vector_form.component(comp("theta_t", 2), {"theta": False}) is None  # a vector theta, not a family
    false = head + "\\[ \\|\\theta_{t+1}\\| \\ge \\|\\theta_t\\| + \\gamma \\|g_t\\| \\]"
    (v,) = _verdicts(false)
    assert v.verdict == "refuted", (v.verdict, v.method)


def test_a_vector_times_an_inner_product_minus_a_number_is_still_a_vector():
    """vector_valued wrote each inner product as 1, so (<a, b> - 1) a cancelled to 0 and was taken for a number (found
    by a mutation helper): an inner product is a symbol of its own now."""
    from derivcheck.deciders.vector_form import Inner, Vec, vector_valued

    a, b = Vec("a"), Vec("b")
    assert vector_valued((Inner(a, b) - 1) * a) and vector_valued(Inner(a, b) * a - a)
    assert vector_valued((Inner(a, b) - 2) * a)
    assert not vector_valued(Inner(a, b) - 1) and not vector_valued(Inner((Inner(a, b) - 1) * a, b))


def test_an_even_power_of_a_negated_base_is_the_power_of_the_base():
    """At d = 1 SymPy writes the square of (1 - gamma*lambda)^T theta as (gamma*lambda - 1)^(2T) theta^2: the lift's
    d = 1 comparison must see that this is the same number (T an integer), and must not for an odd exponent."""
    lam = sp.Symbol("lambda", positive=True)
    T = sp.Symbol("T", integer=True, positive=True)
    t, y = sp.Symbol("t", real=True), sp.Symbol("y", real=True)
    assert same_value.same((1 - gamma * lam) ** (2 * T) * t ** 2, (gamma * lam - 1) ** (2 * T) * t ** 2)
    assert same_value.same((1 - y) ** (2 * T + 1), -(y - 1) ** (2 * T + 1))
    assert not same_value.same((1 - y) ** (2 * T + 1), (y - 1) ** (2 * T + 1))
    assert not same_value.same((1 - y) ** T, (y - 1) ** T)  # T may be odd
    assert not same_value.same((1 - y) ** (2 * x), (y - 1) ** (2 * x))  # x real: no integer power
    head = "% assume: \\gamma in (0, 1); \\lambda in (0, 1); T integer positive\n% vector: \\theta in R^d\n"
    (v,) = _verdicts(head + "\\[ \\left\\|(1 - \\gamma\\lambda)^{T} \\theta\\right\\|^2 "
                            "\\le e^{-2\\gamma\\lambda T} \\|\\theta\\|^2 \\]")
    assert v.verdict == "proved" and v.method.startswith("for every d"), (v.verdict, v.method)
    (v,) = _verdicts(head + "\\[ \\left\\|(1 - \\gamma\\lambda)^{T} \\theta\\right\\|^2 "
                            "\\le e^{-3\\gamma\\lambda T} \\|\\theta\\|^2 \\]")
    assert v.verdict == "refuted", (v.verdict, v.method)


def test_expand_inner_gathers_each_vectors_coefficients_and_keeps_sums_whole():
    a, b = Vec("a"), Vec("b")
    p, q = sp.symbols("p q", real=True)
    assert vector_form.expand_inner(Inner(p * a + q * a, b)) == (p + q) * Inner(a, b)
    assert vector_form.expand_inner(Inner(p * a - q * a, p * a - q * a)) == (p - q) ** 2 * Inner(a, a)
    assert sp.sqrt(vector_form.expand_inner(Inner((p - q) * a, (p - q) * a))) == sp.Abs(p - q) * norm(a)
    i, n = sp.Symbol("i", integer=True), sp.Symbol("n", integer=True)
    x, f = sp.IndexedBase("x"), sp.IndexedBase(Vec("f"))
    total = sp.Sum((x[i] - 1) * f[i], (i, 1, n))
    got = vector_form.expand_inner(Inner(2 * total, b))
    assert got == 2 * Inner(total, b)  # one sum, its term as written: the triangle inequality can meet it
    spread = sp.Sum(x[i] * f[i] - f[i], (i, 1, n))  # a term that is a sum of two: still one sum (no basic split)
    assert vector_form.expand_inner(Inner(spread, b)) == Inner(spread, b)
