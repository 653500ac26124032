"""Matching a lemma's pattern (derivcheck/deciders/unify.py): holes, placeholder terms and contexts, sums up to
renaming and shifting, commutative sums and products, symmetric inner products, and what `same` accepts."""

from __future__ import annotations

import sympy as sp

from derivcheck.deciders import unify
from derivcheck.deciders.unify import Hole, instantiate, match, placeholder, same
from derivcheck.deciders.vector_form import Inner, Vec

i, j, k = (sp.Symbol(v, integer=True) for v in "ijk")
n = sp.Symbol("n", integer=True, positive=True)
c = sp.Symbol("c", real=True)
x = sp.IndexedBase("x", real=True)
y = sp.IndexedBase("y", real=True)
P = sp.Symbol("P_", integer=True)  # a pattern's index
Lo, Hi, H = Hole("Lo"), Hole("Hi"), Hole("H")
X, Y, Phi = placeholder("X"), placeholder("Y"), placeholder("Phi")


def all_matches(pattern, expr, binding=None, indices=frozenset()):
    return list(match(pattern, expr, binding, indices))


def test_a_hole_takes_an_expression_free_of_the_indices_and_keeps_it():
    assert all_matches(H, c + 1) == [{H: c + 1}]
    assert all_matches(H, x[P], indices=frozenset({P})) == []  # depends on the index
    assert all_matches(H + H, 2 * c) == [{H: c}] and all_matches(H * c, 3 * c) == [{H: 3}]
    assert all_matches(H, c, {H: c}) == [{H: c}] and all_matches(H, c + 1, {H: c}) == []
    assert all_matches(H, sp.Tuple(1, 2)) == []  # a sum's limits are not a term


def test_a_placeholder_term_is_bound_to_a_function_of_the_index():
    (b,) = all_matches(X(P), x[P] ** 2, indices=frozenset({P}))
    assert b[X](k) == x[k] ** 2
    (b,) = all_matches(X(P + 1), x[P] ** 2, indices=frozenset({P}))
    assert b[X](k) == x[k - 1] ** 2  # X(P + 1) is x_P^2: X(k) = x_{k-1}^2
    (b,) = all_matches(X(n - P), x[P], indices=frozenset({P}))
    assert b[X](k) == x[n - k]
    assert all_matches(X(2 * P), x[P], indices=frozenset({P})) == []  # not one-to-one on the integers
    assert all_matches(X(P) - X(P + 1), x[P] - x[P + 1], indices=frozenset({P})) != []
    assert all_matches(X(P + 1) - X(P), x[P] - x[P + 1], indices=frozenset({P})) != []  # X := -x
    assert all_matches(X(P) + X(P + 1), x[P] + y[P + 1], indices=frozenset({P})) == []
    assert all_matches(X(P), c, {X: sp.Lambda(k, c)}, frozenset({P})) == [{X: sp.Lambda(k, c)}]
    assert all_matches(X(P), c + 1, {X: sp.Lambda(k, c)}, frozenset({P})) == []
    assert all_matches(X(c), c) == []  # applied to neither an index nor a sum: no binding


def test_sums_match_up_to_the_index_name_and_a_shift_to_the_patterns_start():
    (b,) = all_matches(sp.Sum(X(P), (P, Lo, Hi)), sp.Sum(x[i] ** 2, (i, 0, n - 1)))
    assert (b[Lo], b[Hi], b[X](k)) == (0, n - 1, x[k] ** 2)
    (b,) = all_matches(sp.Sum(1 / P, (P, 1, Hi)), sp.Sum(1 / (i + 1), (i, 0, n - 1)))
    assert b == {Hi: n}
    (b,) = all_matches(sp.Sum(1 / P, (P, 1, Hi)), sp.Sum(1 / (i - 2), (i, 3, n)))
    assert b == {Hi: n - 2}
    assert all_matches(sp.Sum(1 / P, (P, 1, Hi)), sp.Sum(1 / i ** 2, (i, 1, n))) == []
    assert all_matches(sp.Sum(X(P), (P, Lo, Hi)), sp.Product(x[i], (i, 1, n))) == []
    assert all_matches(sp.Product(X(P), (P, Lo, Hi)), sp.Product(x[i], (i, 1, n))) != []
    assert all_matches(sp.Sum(X(P), (P, Lo, Hi)), sp.Sum(x[i, j], (i, 1, n), (j, 1, n))) == []
    assert all_matches(sp.Sum(X(P), (P, Lo, Hi)), x[1]) == []
    both = sp.Sum(X(P), (P, Lo, Hi)) * sp.Sum(X(P) ** 2, (P, Lo, Hi))
    assert all_matches(both, sp.Sum(x[i], (i, 1, n)) * sp.Sum(x[j] ** 2, (j, 1, n))) != []
    assert all_matches(both, sp.Sum(x[i], (i, 1, n)) * sp.Sum(x[j] ** 2, (j, 2, n))) == []


def test_products_split_among_placeholders_and_a_weight_may_be_one():
    found = all_matches(X(P) * Y(P), x[P] * y[P], indices=frozenset({P}))
    pairs = {(b[X](k), b[Y](k)) for b in found}
    assert {(x[k], y[k]), (y[k], x[k]), (1, x[k] * y[k])} <= pairs
    found = all_matches(X(P) * Y(P), x[P] * y[P] * c, indices=frozenset({P}))
    assert (x[k], c * y[k]) in {(b[X](k), b[Y](k)) for b in found}
    assert all_matches(2 * X(P), x[P], indices=frozenset({P}))[0][X](k) == x[k] / 2
    assert all_matches(-X(P), x[P], indices=frozenset({P}))[0][X](k) == -x[k]
    many = sp.Add(*[x[m] for m in range(1, 10)])
    assert all_matches(H + X(P), many, indices=frozenset({P})) == []  # more terms than the matcher splits


def test_inner_products_match_in_either_order_and_powers_by_base_and_exponent():
    a, b = Vec("a"), Vec("b")
    assert all_matches(Inner(H, Vec("b")), Inner(a, b)) == [{H: a}]
    assert {m[H] for m in all_matches(Inner(H, a), Inner(a, b))} == {b}
    assert all_matches(H ** 2, (c + 1) ** 2) == [{H: c + 1}] and all_matches(H ** 2, c + 1) == []
    assert all_matches(sp.exp(H), sp.exp(c)) == [{H: c}] and all_matches(sp.exp(H), sp.log(c)) == []


def test_a_context_is_the_expression_around_a_multiple_of_a_sum():
    mean = sp.Sum(X(P), (P, Lo, Hi)) / (Hi - Lo + 1)
    total = sp.Sum(x[i], (i, 1, n))
    cases = [(sp.log(total / n), sp.log), (sp.sqrt(total) / sp.sqrt(n), sp.sqrt), (sp.exp(total / n), sp.exp),
             ((total / n) ** 2 + 1, lambda s: s ** 2 + 1)]
    for expr, f in cases:
        found = all_matches(Phi(mean), expr)
        assert [m[Phi](c) for m in found] == [f(c)], expr
    (m,) = all_matches(Phi(mean), sp.Sum(x[i] ** 2, (i, 1, n)))  # X := x^2: the sum is n times its mean
    assert m[Phi](c) == n * c
    assert all_matches(Phi(mean), sp.log(c)) == []  # no sum at all
    assert all_matches(Phi(mean), sp.Integer(3)) == []
    (m,) = all_matches(Phi(sp.Sum(X(P), (P, Lo, Hi))), sp.log(2 * total + 1))
    assert m[Phi](c) == sp.log(2 * c + 1)
    assert all_matches(Phi(sp.Sum(X(P), (P, Lo, Hi)) ** 2), sp.log(total ** 2)) == []  # not a multiple of it


def test_same_is_identity_up_to_index_names_or_an_expansion():
    assert same(sp.Sum(x[i], (i, 1, n)), sp.Sum(x[j], (j, 1, n)))
    assert not same(sp.Sum(x[i], (i, 1, n)), sp.Sum(x[j], (j, 2, n)))
    assert same((c + 1) ** 2, c ** 2 + 2 * c + 1) and not same(c, c + 1)
    assert not same(sp.Matrix([1]), 1)  # SymPy cannot subtract them: not the same
    nested = sp.Sum(sp.Sum(x[i, j], (j, 1, i)), (i, 1, n))
    assert unify.alpha(nested) == unify.alpha(sp.Sum(sp.Sum(x[k, i], (i, 1, k)), (k, 1, n)))
    assert unify.alpha(sp.Product(x[i], (i, 1, n))) == unify.alpha(sp.Product(x[j], (j, 1, n)))


def test_instantiate_replaces_holes_and_placeholders_also_inside_each_other():
    b = {H: c, X: sp.Lambda(k, x[k] ** 2), Y: sp.Lambda(k, k + 1)}
    assert instantiate(H + X(P), b) == c + x[P] ** 2
    assert instantiate(X(Y(P)), b) == x[P + 1] ** 2
    assert instantiate(Phi(c), b) == Phi(c)  # unbound: kept
    assert placeholder("X") is X and unify._is_placeholder_call(X(P)) and not unify._is_placeholder_call(
        sp.Function("f")(P))
