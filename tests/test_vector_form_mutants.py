"""The vector lift's fine print (derivcheck/deciders/vector_form.py): which atoms are components, the lift's refusals,
the invariance check's dimensions and comparisons in `lift_step`, and `_same`'s comparison of a lowered side with the
reader's. Each test pins a rule the mutation run showed untested."""

from __future__ import annotations

import pytest
import sympy as sp

from derivcheck.deciders import same_value, vector_form
from derivcheck.deciders.vector_form import (
    Inner,
    NotInvariant,
    Vec,
    as_numbers,
    at_component,
    component,
    lift,
    lift_step,
    lower,
    relabel,
    vector_valued,
)

a, b, c = Vec("a"), Vec("b"), Vec("c")
DECLARED = {"a": False, "b": False, "c": False, "u": True}
x = sp.Symbol("x", real=True)
i, j = sp.Symbol("i", integer=True), sp.Symbol("j", integer=True)


def comp(name, k):
    return sp.Symbol(f"{name}[{k}]", real=True)


def column(name, d):
    return sp.Matrix([comp(name, k) for k in range(1, d + 1)])


def dot(u, v, d):
    return sum(comp(u, k) * comp(v, k) for k in range(1, d + 1))


# -- components --------------------------------------------------------------------------------------------------
def test_a_component_is_a_vectors_indexed_symbol_or_a_family_members_last_integer_index():
    # a[2] as an Indexed of a plain vector, or a Vec itself, is no component: only the symbol "a[2]" is
    assert component(sp.IndexedBase("a")[2], {"a": False}) is None
    assert component(Vec("a[1]"), {"a": False}) is None
    # a family member's component is its last index, the member being all the others (a_{i j} has two)
    fam = sp.IndexedBase("a", real=True)
    assert component(fam[i, j, 2], {"a": True}) == (sp.IndexedBase(Vec("a"))[i, j], 2)
    assert component(fam[2], {"a": True}) is None  # a family's member needs an index before the component
    assert component(fam[i, j], {"a": True}) is None  # a symbolic last index is no component
    assert component(fam[i, 0], {"a": True}) is None  # components are numbered from 1


def test_a_family_member_symbol_is_a_component_only_when_its_own_name_is_not_declared():
    # theta_t[2] with theta_t declared itself (a family) and theta a family: not a member of theta
    assert component(comp("theta_t", 2), {"theta": True, "theta_t": True}) is None
    # x_t[2] with nothing named x declared: no component (and no error)
    assert component(comp("x_t", 2), {"a": False}) is None


def test_inner_takes_its_arguments_in_canonical_order():
    assert Inner(b, a).args == (a, b) and Inner(a, b).args == (a, b)


def test_an_inner_product_of_a_vector_with_itself_is_nonnegative_by_value_not_by_identity():
    p, q = Vec("p_same"), Vec("q_same")
    u, w = p + q, sp.Add(q, p)  # equal, but two objects (SymPy caches by the order of the arguments)
    assert u == w and u is not w
    g = Inner(u, w)
    assert g.args[0] is not g.args[1]
    assert g.is_nonnegative is True
    assert as_numbers(g).is_nonnegative is True


def test_as_numbers_makes_u_u_nonnegative_and_u_v_only_real():
    gaa, gab = as_numbers(Inner(a, a)), as_numbers(Inner(a, b))
    assert gaa.is_nonnegative is True
    assert gab.is_real is True and gab.is_nonnegative is None


def test_vector_valued_looks_outside_the_inner_products():
    assert vector_valued(Inner(a, b) * a) is True
    assert vector_valued((Inner(a, b) - 2) * a) is True
    assert vector_valued(Inner(a, b) + 1) is False


def test_a_zero_vector_lowers_to_the_number_zero():
    assert lower(sp.Integer(0), 2, True) == 0 and not isinstance(lower(sp.Integer(0), 2, True), sp.MatrixBase)
    assert lower(a, 2, True) == column("a", 2)


# -- the lift ----------------------------------------------------------------------------------------------------
def test_a_derivative_or_limit_of_a_quadratic_form_keeps_its_variable():
    form = x * comp("a", 1) ** 2 + x * comp("a", 2) ** 2
    assert lift(sp.Derivative(form, x), DECLARED) == (sp.Derivative(x * Inner(a, a), x), False)
    assert lift(sp.Limit(form, x, 0), DECLARED) == (sp.Limit(x * Inner(a, a), x, 0), False)


@pytest.mark.parametrize("side, why", [
    (comp("a", 1) ** 2 + comp("a", 2) ** 2 + comp("a", 3) ** 2, "a sum over some of the components only"),
    (1 / comp("a", 1) + 1 / comp("a", 2), "a sum over components that is not a quadratic form"),
    (comp("a", 1) * comp("b", 1) * comp("c", 1) + comp("a", 2) * comp("b", 2) * comp("c", 2),
     "a sum over components that is not a quadratic form"),
])
def test_more_sums_over_components_that_do_not_lift(side, why):
    # at d = 2 a component a[3] is none of the step's; 1/a_k and a_k b_k c_k are no quadratic forms
    with pytest.raises(NotInvariant, match="^" + why):
        lift(side, DECLARED)


def test_equal_groups_of_components_lift_whatever_objects_sympy_made_of_them():
    t = [comp("a", 2) * comp("c", 2), comp("a", 2) * comp("b", 2), comp("a", 1) * comp("b", 1),
         comp("a", 1) * comp("c", 1)]
    side = sp.Add(*t, evaluate=False)  # the second group in another order than SymPy's
    assert lift(side, DECLARED) == (Inner(a, b) + Inner(a, c), False)


@pytest.mark.parametrize("e", [comp("a", 1) + 1, comp("a", 1) * comp("b", 1), sp.sin(comp("a", 1)), x])
def test_only_a_linear_combination_of_components_is_a_vector(e):
    with pytest.raises(NotInvariant, match="not a linear combination"):
        vector_form._Lifter(DECLARED, 2).vector(e)


def test_relabel_moves_only_first_components():
    assert relabel(comp("a", 1) + 2 * comp("b", 1), 3, DECLARED) == comp("a", 3) + 2 * comp("b", 3)
    for other in (comp("a", 2), comp("a", 0)):
        with pytest.raises(NotInvariant, match="other than the first"):
            relabel(other, 3, DECLARED)


@pytest.mark.parametrize("side, why", [
    (sp.Matrix([[comp("a", 1), comp("a", 2)]]), "a side that is not a column vector"),
    (sp.Matrix([comp("a", 1)]), "a side that is not a column vector"),
    (sp.Matrix([comp("a", 1), 0]), "a vector whose entries are not its components"),
    (sp.Matrix([comp("a", 2), comp("a", 2)]), "a vector whose entries are not its components"),
    (sp.Matrix([comp("a", 1), comp("a", 1)]), "a vector whose entries are not its components"),
])
def test_more_vector_sides_that_do_not_lift(side, why):
    with pytest.raises(NotInvariant, match="^" + why):
        lift(side, DECLARED)


def test_a_family_members_column_lifts_though_its_entries_are_new_objects():
    member = sp.IndexedBase(Vec("a"))[i]
    side = sp.Matrix([at_component(member, k) for k in (1, 2)])  # sp.Indexed is not cached: equal, not identical
    assert lift(side, {"a": True}) == (member, True)


def test_a_vector_side_lifts_at_dimension_one():
    assert lift(sp.Matrix([comp("a", 1)]), DECLARED, 1) == (a, True)


# -- lift_step ------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("scalar", [lambda d: dot("a", "b", d), lambda d: sp.Integer(1), lambda d: sp.Integer(-1)])
def test_a_vector_equal_to_a_nonzero_number_is_no_vector_step(scalar):
    assert lift_step(lambda d: (scalar(d), column("a", d)), "=", DECLARED) is None
    assert lift_step(lambda d: (column("a", d), scalar(d)), "=", DECLARED) is None


def test_a_vector_equal_to_zero_is_a_vector_step():
    for sides in (lambda d: (sp.Integer(0), column("a", d)), lambda d: (column("a", d), sp.Integer(0))):
        v = lift_step(sides, "=", DECLARED)
        assert v is not None and v.vector_valued is True and {v.lhs, v.rhs} == {a, 0}


def test_vectors_are_only_equal_or_unequal():
    assert lift_step(lambda d: (column("a", d), column("b", d)), "<=", DECLARED) is None
    v = lift_step(lambda d: (column("a", d), column("b", d)), "=", DECLARED)
    assert (v.lhs, v.rhs, v.vector_valued) == (a, b, True)


def _norms(names, d):
    return sum(comp(n, k) ** 2 for n in names for k in range(1, d + 1))


def test_a_step_is_checked_at_m_plus_one_dimensions_for_m_vectors():
    def at(d):  # three vectors: the same form at d = 1, 2, 3, another at d = 4
        return _norms("abc", d) * (2 if d == 4 else 1), sp.Integer(1)
    assert lift_step(at, "<=", DECLARED) is None

    def fine(d):
        return _norms("abc", d), sp.Integer(1)
    assert lift_step(fine, "<=", DECLARED).dimensions == (1, 2, 3, 4)


def test_a_step_with_one_vector_is_still_checked_at_dimension_three():
    def at(d):
        return _norms("a", d) * (2 if d == 3 else 1), sp.Integer(1)
    assert lift_step(at, "<=", DECLARED) is None
    assert lift_step(lambda d: (_norms("a", d), sp.Integer(1)), "<=", DECLARED).dimensions == (1, 2, 3)


@pytest.mark.parametrize("other", [0, 2])
def test_a_step_whose_number_changes_with_the_dimension_is_not_lifted(other):
    def at(d):  # ||a||^2 <= 1 at d = 1, 2, but ||a||^2 <= other at d = 3
        return _norms("a", d), sp.Integer(1 if d < 3 else other)
    assert lift_step(at, "<=", DECLARED) is None


# -- _same ------------------------------------------------------------------------------------------------------
def test_same_tells_numbers_apart_and_sees_identities():
    same = same_value.same
    assert same(x, x) is True
    assert same((x + 1) ** 2, x ** 2 + 2 * x + 1) is True
    assert same(sp.sin(x) ** 2 + sp.cos(x) ** 2, 1) is True  # simplify, not expand
    assert same(x + 1, x) is False and same(x, x + 1) is False
    assert same(x + 2, x) is False and same(x, x + 2) is False


def test_same_expands_whatever_the_size():
    y = sp.symbols("y0:40", real=True)
    big = (1 + sum(y)) ** 2
    assert sp.count_ops(big - sp.expand(big)) >= 60
    assert same_value.same(big, sp.expand(big)) is True


def test_same_simplifies_only_below_60_operations():
    # the budget: simplify (slow) is tried on a difference of fewer than 60 operations only
    y = sp.symbols("y0:60", real=True)
    zero = sp.sin(x) ** 2 + sp.cos(x) ** 2 - 1
    for n, ops, shown in ((52, 59, True), (53, 60, False), (54, 61, False)):
        diff = zero * (1 + sum(y[:n]))
        assert sp.count_ops(diff) == ops
        assert same_value.same(diff, 0) is shown, (ops, shown)


class _Unexpandable(sp.Function):
    def _eval_expand_mul(self, **hints):
        raise RuntimeError("SymPy cannot expand it")


def test_a_difference_sympy_cannot_expand_is_not_shown_to_be_zero():
    assert same_value.same(_Unexpandable(x), 1) is False


def test_same_with_column_vectors():
    same = same_value.same
    zero2 = sp.Matrix([0, 0])
    assert same(zero2, 0) is True and same(0, zero2) is True
    for number in (-1, 1):
        assert same(zero2, number) is False and same(number, zero2) is False
    for col in (sp.Matrix([-1, 0]), sp.Matrix([1, 0])):
        assert same(col, 0) is False and same(0, col) is False
    assert same(sp.Matrix([x, 1]), sp.Matrix([x, 1])) is True
    assert same(sp.Matrix([x, 1]), sp.Matrix([x, 2])) is False
    assert same(sp.Matrix([x, 1]), sp.Matrix([x, 1, 0])) is False
    assert same(sp.Matrix([x, 1, 0]), sp.Matrix([x, 1])) is False
