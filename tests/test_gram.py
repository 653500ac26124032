"""The vector steps proved for every dimension d (derivcheck/deciders/gram.py): a vector equation decided as
||lhs - rhs||^2 = 0 in the rotation normal form, only equations proved componentwise or by bilinear expansion,
inner products of sums distributed (one index each, nested sums to the end), and linear combinations expanded with
their coefficients; alone and through `check_file`."""

from __future__ import annotations

import random

import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from derivcheck.deciders import gram
from derivcheck.deciders.vector_form import Inner, Vec, VectorStep
from derivcheck.files import check_file
from derivcheck.reader.declarations import Declarations
from derivcheck.reader.document import StepInput
from derivcheck.verdicts import check

a, b, c = Vec("a"), Vec("b"), Vec("c")
i, j = sp.Symbol("i", integer=True), sp.Symbol("j", integer=True)
n = sp.Symbol("n", integer=True, positive=True)
x = sp.Symbol("x", real=True)
A = sp.IndexedBase(a)  # the family a_i
X = sp.IndexedBase("x", real=True)  # scalars x_i
OTHER_RELATIONS = ("!=", "<=", ">=", "<", ">")


def verdicts(tmp_path, text: str) -> list:
    path = tmp_path / "steps.tex"
    path.write_text(text)
    return check_file(str(path), timeout=30).verdicts


def summed_inner_products_left(e) -> list:
    """The inner products of e that still have a sum inside."""
    return [g for g in e.atoms(Inner) if g.has(sp.Sum)]


def comp(name, k):
    return sp.Symbol(f"{name}[{k}]", real=True)


# -- expand_inner: coefficients multiply, what is no linear combination stays whole --------------------------------
def test_the_coefficients_of_both_sides_multiply():
    # 2 and 3 tell c1 * c2 from c1 / c2, c1 // c2 and a coefficient divided by the inner product
    assert gram.expand_inner(Inner(2 * a + b, 3 * b)) == 6 * Inner(a, b) + 3 * Inner(b, b)
    assert sp.expand(gram.expand_inner(Inner(a - x * b, a + b)) - (Inner(a, a) + (1 - x) * Inner(a, b)
                                                                 - x * Inner(b, b))) == 0


def test_an_inner_product_of_what_is_no_linear_combination_stays_whole():
    # a scalar term beside a vector (no vector factor) and a product of two vectors are no linear combinations:
    # the ValueError is caught and the inner product kept whole, never half expanded nor a crash
    for whole in (Inner(a + x, b), Inner(a * b, c), Inner(a + b * c, a)):
        assert gram.expand_inner(whole) == whole, whole


def test_scalar_sums_and_scalar_family_members_are_coefficients_not_vectors():
    # x_i is an Indexed and sum_i x_i a Sum, but neither is vector-valued: both are coefficients of a
    assert gram.expand_inner(Inner(X[i] * a, b)) == X[i] * Inner(a, b)
    total = sp.Sum(X[i], (i, 1, n))
    assert gram.expand_inner(Inner(total * a + b, b)) == total * Inner(a, b) + Inner(b, b)


# -- distribute: <sum_i v_i, w> = sum_i <v_i, w> ------------------------------------------------------------------
def test_an_inner_product_with_a_sum_is_spread_over_its_terms():
    for e in (Inner(sp.Sum(A[i], (i, 1, n)), b), Inner(b, sp.Sum(A[i], (i, 1, n)))):
        out = gram.distribute(e)
        assert not summed_inner_products_left(out), out
        assert isinstance(out, sp.Sum) and len(out.limits) == 1
        (k, lo, hi), = out.limits
        assert (lo, hi) == (1, n) and k != i and out.function == Inner(A[k], b)  # the index renamed, not captured
    # both sides sums: both spread
    out = gram.distribute(Inner(sp.Sum(A[i], (i, 1, n)), sp.Sum(3 * A[j], (j, 1, n))))
    assert not summed_inner_products_left(out), out


def test_a_sum_with_two_indices_is_spread_over_both():
    # spreading only its first limit would drop the sum over j (a factor n): <sum_{i,j} a_i, b> is not
    # sum_i <a_i, b>, and bilinear must not prove that; it is n sum_i <a_i, b>
    e = Inner(sp.Sum(A[i], (i, 1, n), (j, 1, n)), b)
    spread = gram.distribute(e)
    assert not summed_inner_products_left(spread) and len(spread.limits) == 2, spread
    false = VectorStep(e, "=", sp.Sum(Inner(A[i], b), (i, 1, n)), (b,), (a,), False, ())
    assert gram.bilinear(false) is None
    true = VectorStep(e, "=", n * sp.Sum(Inner(A[i], b), (i, 1, n)), (b,), (a,), False, ())
    assert gram.bilinear(true) is not None


NESTED = sp.Sum(X[i] * sp.Sum(X[j] * A[j], (j, 1, n)), (i, 1, n))  # sum_i x_i sum_j x_j a_j: two levels


def test_nested_sums_are_distributed_to_the_end():
    # <NESTED, NESTED> has four levels of sums, one spread per round: the default four rounds reach the end
    assert summed_inner_products_left(gram.distribute(Inner(NESTED, NESTED), 3))  # what three rounds leave
    out = gram.distribute(Inner(NESTED, NESTED))
    assert not summed_inner_products_left(out), out
    expanded = sp.Sum(X[i], (i, 1, n)) ** 2 * sp.Sum(X[j] * sp.Sum(X[i] * Inner(A[j], A[i]), (i, 1, n)), (j, 1, n))
    how = gram.bilinear(VectorStep(Inner(NESTED, NESTED), "=", expanded, (), (a,), False, ()))
    assert how is not None and how.startswith("inner products expanded bilinearly")


def test_a_nested_sum_identity_is_proved_by_bilinear_expansion_end_to_end(tmp_path):
    (v,) = verdicts(tmp_path, "% assume: n integer positive\n% vector: a_i in R^d\n\\begin{align} "
                              "\\Big\\|\\sum_{i=1}^{n} x_i \\sum_{j=1}^{n} x_j a_j\\Big\\|^2 &= \\Big(\\sum_{i=1}^{n} "
                              "x_i\\Big)^2 \\Big\\|\\sum_{j=1}^{n} x_j a_j\\Big\\|^2 \\end{align}")
    assert v.verdict == "proved" and v.method.startswith("for every d: inner products expanded bilinearly"), \
        (v.verdict, v.method)


# -- the relation: only equations are proved as identities ---------------------------------------------------------
def test_componentwise_proves_vector_equations_only():
    # the sides are equal, so lhs = rhs is an identity; lhs != rhs is false and an order between vectors has no one
    # meaning: neither is proved componentwise
    lhs, rhs = (x + 1) * a, x * a + a
    assert gram.componentwise(VectorStep(lhs, "=", rhs, (a,), (), True, ())) is not None
    for rel in OTHER_RELATIONS:
        assert gram.componentwise(VectorStep(lhs, rel, rhs, (a,), (), True, ())) is None, rel


def test_bilinear_proves_scalar_equations_only():
    # <a + b, a - b> = <a, a> - <b, b> is an identity: with < or > or != it is false, with <= or >= not an equation
    lhs, rhs = Inner(a + b, a - b), Inner(a, a) - Inner(b, b)
    assert gram.bilinear(VectorStep(lhs, "=", rhs, (a, b), (), False, ())) is not None
    for rel in OTHER_RELATIONS:
        assert gram.bilinear(VectorStep(lhs, rel, rhs, (a, b), (), False, ())) is None, rel
    assert gram.bilinear(VectorStep(a + b - b, "=", a, (a, b), (), True, ())) is None  # a vector equation


def test_a_false_vector_disequation_between_equal_sides_is_refuted():
    # (x + 1) a != x a + a is false everywhere; the API takes it (the reader refuses != between vectors)
    def sides(d):
        return (sp.Matrix([(x + 1) * comp("a", k) for k in range(1, d + 1)]),
                sp.Matrix([x * comp("a", k) + comp("a", k) for k in range(1, d + 1)]))
    lhs, rhs = sides(2)
    step = StepInput(lhs, "!=", rhs, at_dimension=sides, declarations=Declarations(vectors={"a": False}))
    assert check(step, 1).verdict == "refuted"
    step = StepInput(lhs, "=", rhs, at_dimension=sides, declarations=Declarations(vectors={"a": False}))
    assert check(step, 1).verdict == "proved"


STRICT_IDENTITIES = r"""% vector: a, b in R^d
\begin{align}
\|a + b\|^2 &< \|a\|^2 + 2 a^\top b + \|b\|^2 \\
\|a + b\|^2 &> \|a\|^2 + 2 a^\top b + \|b\|^2 \\
\|a + b\|^2 &\ne \|a\|^2 + 2 a^\top b + \|b\|^2 \\
\|a + b\|^2 &= \|a\|^2 + 2 a^\top b + \|b\|^2
\end{align}"""


def test_an_identity_stated_as_strict_or_unequal_is_refuted_not_proved_by_expansion(tmp_path):
    *false, true = verdicts(tmp_path, STRICT_IDENTITIES)
    assert [v.verdict for v in false] == ["refuted"] * 3, [(v.verdict, v.method) for v in false]
    assert true.verdict == "proved" and "inner products expanded bilinearly" in true.method


# -- the normal form: a vector equation as ||lhs - rhs||^2 = 0 ------------------------------------------------------
def test_a_vector_equation_is_the_squared_norm_of_the_difference_equal_to_zero():
    step = VectorStep(a, "=", b, (a, b), (), True, ())
    assert gram.scalar_form(step) == (Inner(a - b, a - b), "=", 0)
    nf = gram.normal_form(step)
    a1, b2 = sp.Symbol("a[1]", nonnegative=True), sp.Symbol("b[2]", nonnegative=True)
    assert (nf.lhs, nf.rel, nf.rhs) == ((a1 - sp.Symbol("b[1]", real=True)) ** 2 + b2 ** 2, "=", 0)
    assert gram.normal_form(VectorStep(a, "=", -a, (a,), (), True, ())).lhs == 4 * a1 ** 2  # ||2a||^2, not 0


VECTOR_EQUATIONS = r"""% vector: a, b in R^d
\begin{align}
a &= -a \\
a - b &= b - a \\
\max(0, |a^\top b| - \|a\|\,\|b\|) a &= b - b
\end{align}"""


def test_a_false_vector_equation_is_refuted_and_a_true_one_proved_in_the_normal_form(tmp_path):
    # a = -a and a - b = b - a hold only at 0 (||lhs + rhs||^2 would be 0: "proved"); the third holds by
    # Cauchy-Schwarz, which componentwise cannot see: the normal form proves ||c a||^2 = 0 (not = 1 nor = -1)
    first, second, cauchy = verdicts(tmp_path, VECTOR_EQUATIONS)
    assert first.verdict == "refuted" and second.verdict == "refuted", (first.method, second.method)
    assert cauchy.verdict == "proved" and "lower-triangular" in cauchy.method, (cauchy.verdict, cauchy.method)


def test_six_vectors_have_a_normal_form_seven_do_not():
    six = tuple(Vec(v) for v in "abcdef")
    nf = gram.normal_form(VectorStep(Inner(a, a), "<=", Inner(b, b), six, (), False, ()))
    assert nf is not None and nf.dimension == 6 and len(nf.zeros) == 15  # 6 * 5 / 2 components set to 0
    seven = six + (Vec("g"),)
    assert gram.normal_form(VectorStep(Inner(a, a), "<=", Inner(b, b), seven, (), False, ())) is None


TWO_INDEX = ("% assume: n integer positive; m integer positive\n% index: k in 1..n; i in 1..n; j in 1..m\n"
             "% vector: \\mathbf{g}_{k,i}, \\mathbf{v}, \\mathbf{a}_{k,j} in R^d\n")
V_G = r"\left\langle \mathbf{v}, \sum_{k=1}^{n}\sum_{i=1}^{n}\mathbf{g}_{k,i}\right\rangle"
A_V = r"\left\langle \sum_{k=1}^{n}\sum_{j=1}^{m}\mathbf{a}_{k,j}, \mathbf{v} \right\rangle"


def test_an_inner_product_with_a_double_sum_of_a_two_index_family_is_expanded_in_any_order_of_summation():
    # <v, sum_k sum_i g_{k,i}> stayed whole (a sum over two indices was not spread): "numerically" in d = 1..4
    from tests.rows import verdicts
    true = [V_G + r" &= \sum_{k=1}^{n}\sum_{i=1}^{n}\mathbf{v}^\top\mathbf{g}_{k,i}",
            V_G + r" &= \sum_{k=1}^{n}\sum_{i=1}^{n}\mathbf{v}^\top\mathbf{g}_{i,k}",  # the names swapped, one range
            A_V + r" &= \sum_{j=1}^{m}\sum_{k=1}^{n}\mathbf{a}_{k,j}^\top\mathbf{v}",  # the order swapped
            r"\left\langle \mathbf{v}, \sum_{k=1}^{n}\sum_{i=1}^{k}\mathbf{g}_{k,i}\right\rangle &= "
            r"\sum_{k=1}^{n}\sum_{i=1}^{k}\mathbf{v}^\top\mathbf{g}_{k,i}"]
    false = [V_G + r" &= \sum_{k=1}^{n}\sum_{i=1}^{n}\mathbf{v}^\top\mathbf{g}_{k,k}",
             V_G + r" &= \sum_{k=1}^{n}\sum_{i=1}^{k}\mathbf{v}^\top\mathbf{g}_{k,i}",
             # i <= k is not k <= i: the triangle's order cannot be swapped like independent ranges
             r"\left\langle \mathbf{v}, \sum_{k=1}^{n}\sum_{i=1}^{k}\mathbf{g}_{k,i}\right\rangle &= "
             r"\sum_{i=1}^{n}\sum_{k=1}^{i}\mathbf{v}^\top\mathbf{g}_{k,i}"]
    got = verdicts(TWO_INDEX, *true, *false)
    assert [v.verdict for v in got] == ["proved"] * 4 + ["refuted"] * 3, [(v.verdict, v.method) for v in got]
    assert all("inner products expanded bilinearly" in v.method for v in got[:4]), [v.method for v in got[:4]]


def test_only_independent_ranges_are_put_in_one_order():
    i, k, n, m = (sp.Symbol(s, integer=True) for s in "iknm")
    a = sp.IndexedBase("a")
    one = gram.independent_limits_in_order(sp.Sum(a[k, i], (i, 1, m), (k, 1, n)))
    other = gram.independent_limits_in_order(sp.Sum(a[k, i], (k, 1, n), (i, 1, m)))
    assert one == other
    triangle = sp.Sum(a[k, i], (i, 1, k), (k, 1, n))  # i's range names k: the order is the written one
    assert gram.independent_limits_in_order(triangle) == triangle


@settings(max_examples=25, deadline=None)
@given(st.integers(-2, 3), st.integers(-2, 3), st.integers(-3, 3), st.integers(0, 10**6))
def test_the_order_put_on_independent_ranges_keeps_the_value(n, m, lo, seed):
    """Any two orders of independent limits, empty and reversed ranges included (SymPy's signed sums), have one
    value: the canonical order is the same sum."""
    i, k = sp.Symbol("i", integer=True), sp.Symbol("k", integer=True)
    rng = random.Random(seed)
    table = {(p, q): sp.Rational(rng.randint(-9, 9), rng.randint(1, 5)) for p in range(-6, 8) for q in range(-6, 8)}
    f = sp.Function("f")
    s = sp.Sum(f(k, i), (i, lo, m), (k, 1, n))
    put = gram.independent_limits_in_order(s)

    def value(e):  # SymPy's signed sum over a reversed range, then each term from the table
        return e.doit().replace(f, lambda p, q: table[(int(p), int(q))])
    assert put.limits in (s.limits, s.limits[::-1])
    assert value(put) == value(s)
