"""Matching a lemma's pattern (derivcheck/deciders/unify.py): holes, placeholder terms and contexts, sums up to
renaming and shifting, commutative sums and products, symmetric inner products, and what `same` accepts."""

from __future__ import annotations

import random

import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from derivcheck.deciders import unify
from derivcheck.deciders.bound_names import alpha
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
    assert alpha(nested) == alpha(sp.Sum(sp.Sum(x[k, i], (i, 1, k)), (k, 1, n)))
    assert alpha(sp.Product(x[i], (i, 1, n))) == alpha(sp.Product(x[j], (j, 1, n)))


def test_instantiate_replaces_holes_and_placeholders_also_inside_each_other():
    b = {H: c, X: sp.Lambda(k, x[k] ** 2), Y: sp.Lambda(k, k + 1)}
    assert instantiate(H + X(P), b) == c + x[P] ** 2
    assert instantiate(X(Y(P)), b) == x[P + 1] ** 2
    assert instantiate(Phi(c), b) == Phi(c)  # unbound: kept
    assert placeholder("X") is X and unify._is_placeholder_call(X(P)) and not unify._is_placeholder_call(
        sp.Function("f")(P))


AT_P = frozenset({P})  # the pattern index P bound: what a summand is matched under


def at_k(found):
    """The bindings with each placeholder's Lambda applied to k (a Lambda's variable is a fresh Dummy)."""
    return [{f: v(k) if isinstance(v, sp.Lambda) else v for f, v in b.items()} for b in found]


def sound(pattern, expr, found) -> bool:
    """Every binding found instantiates the pattern to the expression."""
    return all(same(instantiate(pattern, b), expr) for b in found)


def test_alpha_names_each_index_by_its_depth_outermost_first():
    # the documented names (_k0 outermost): `same`, gram.py and lemma_match compare alpha forms made by separate calls
    k0, k1, k2 = (sp.Symbol(f"_k{d}", integer=True) for d in range(3))
    assert alpha(sp.Sum(x[i], (i, 1, n))) == sp.Sum(x[k0], (k0, 1, n))
    assert alpha(sp.Product(x[i], (i, 1, n))) == sp.Product(x[k0], (k0, 1, n))
    two = sp.Sum(x[i, j], (j, 1, i), (i, 1, n))  # one sum over two indices; SymPy lists the innermost (j) first
    assert alpha(two) == sp.Sum(x[k0, k1], (k1, 1, k0), (k0, 1, n))
    # a later limit is outside the earlier ones: its i is free (the old renaming captured it as the bound i)
    free_end = sp.Sum(x[i, j], (i, 1, n), (j, 1, i))
    assert alpha(free_end) == sp.Sum(x[k1, k0], (k1, 1, n), (k0, 1, i)) and i in alpha(free_end).free_symbols
    # a sum inside another's summand (squared, so SymPy keeps them apart): the inner index one deeper
    nested = sp.Sum(sp.Sum(x[i, j], (j, 1, i)) ** 2, (i, 1, n))
    assert alpha(nested) == sp.Sum(sp.Sum(x[k0, k1], (k1, 1, k0)) ** 2, (k0, 1, n))
    inside_two = sp.Sum(sp.Sum(x[i, j, k], (i, 1, n), (j, 1, n)) ** 2, (k, 1, n))
    assert alpha(inside_two) == sp.Sum(sp.Sum(x[k2, k1, k0], (k2, 1, n), (k1, 1, n)) ** 2, (k0, 1, n))
    three = sp.Sum(sp.Sum(sp.Sum(x[i, j, k], (i, 1, n)) ** 2, (j, 1, n)) ** 2, (k, 1, n))
    assert alpha(three) == sp.Sum(sp.Sum(sp.Sum(x[k2, k1, k0], (k2, 1, n)) ** 2, (k1, 1, n)) ** 2, (k0, 1, n))


def test_alpha_never_gives_two_indices_in_scope_one_name():
    # a renaming that reused a name would make different sums the same: sum_k (sum_{i,j} x_{ijk})^2 is not x_{kji}
    def inner_two(e):
        return sp.Sum(sp.Sum(e, (i, 1, n), (j, 1, n)) ** 2, (k, 1, n))

    assert not same(inner_two(x[i, j, k]), inner_two(x[k, j, i]))
    assert not same(inner_two(x[i, j, k]), inner_two(x[i, k, j]))

    def outer_two(e):
        return sp.Sum(sp.Sum(e, (i, 1, n)) ** 2, (j, 1, n), (k, 1, n))

    assert not same(outer_two(x[i, j, k]), outer_two(x[k, j, i]))
    assert not same(outer_two(x[i, j, k]), outer_two(x[j, i, k]))

    def deep(e):
        return sp.Sum(sp.Sum(sp.Sum(e, (i, 1, n)) ** 2, (j, 1, n)) ** 2, (k, 1, n))

    assert not same(deep(x[i, j, k]), deep(x[k, j, i])) and not same(deep(x[i, j, k]), deep(x[j, i, k]))
    assert not same(deep(x[i, j, k]), deep(x[i, k, j]))
    renamed = sp.Sum(sp.Sum(sp.Sum(x[j, k, i], (j, 1, n)) ** 2, (k, 1, n)) ** 2, (i, 1, n))
    assert same(deep(x[i, j, k]), renamed)  # the same sum with its indices renamed
    g, h = (sp.Symbol(v, integer=True) for v in "gh")

    def two_in_two(e):  # a sum over two indices inside a sum over two
        return sp.Sum(sp.Sum(e, (i, 1, n), (j, 1, n)) ** 2, (g, 1, n), (h, 1, n))

    for swapped in (x[i, g, j, h], x[g, j, i, h], x[h, j, g, i], x[i, j, h, g]):
        assert not same(two_in_two(x[i, j, g, h]), two_in_two(swapped)), swapped

    def three_deep(e):  # two indices, two, then one
        return sp.Sum(sp.Sum(sp.Sum(e, (k, 1, n)) ** 2, (i, 1, n), (j, 1, n)) ** 2, (g, 1, n), (h, 1, n))

    for swapped in (x[k, j, g, h, i], x[i, k, g, h, j], x[k, i, g, h, j]):
        assert not same(three_deep(x[i, j, g, h, k]), three_deep(swapped)), swapped


def test_a_summation_index_is_an_integer_after_renaming():
    t = sp.Symbol("t")  # no assumptions: floor(t) stays as it is
    assert same(sp.Sum(sp.floor(t), (t, 1, n)), sp.Sum(t, (t, 1, n)))  # t runs over the integers 1..n


def test_same_cancels_sums_that_differ_only_in_the_index_name():
    assert same(sp.Sum(x[i], (i, 1, n)) - sp.Sum(x[j], (j, 1, n)), 0)
    assert same(c, sp.Sum(x[i], (i, 1, n)) - sp.Sum(x[j], (j, 1, n)) + c)


def test_same_matrices_are_the_same_although_their_difference_is_not_the_number_0():
    # SymPy's zero matrix is not == 0: an equal matrix must be taken as equal before subtracting
    assert same(sp.Matrix([1, c]), sp.Matrix([1, c]))
    assert same(sp.Matrix([sp.Sum(x[i], (i, 1, n))]), sp.Matrix([sp.Sum(x[j], (j, 1, n))]))
    assert not same(sp.Matrix([sp.Sum(x[i], (i, 1, n))]), sp.Matrix([sp.Sum(x[j], (j, 2, n))]))


def test_instantiate_follows_a_binding_that_names_another_placeholder():
    Z = placeholder("Z")
    b = {X: sp.Lambda(k, Y(k)), Y: sp.Lambda(k, Z(k + 1)), Z: sp.Lambda(k, k ** 2)}
    assert instantiate(X(P), b) == (P + 1) ** 2


def test_a_fully_bound_pattern_is_compared_as_a_whole_up_to_expansion():
    square = {X: sp.Lambda(k, k + 1)}
    assert all_matches(X(P) ** 2, P ** 2 + 2 * P + 1, square, frozenset({P})) == [square]
    assert all_matches(X(P) ** 2, P ** 2 + 1, square, frozenset({P})) == []


def test_a_function_of_several_arguments_matches_them_in_order_unless_it_is_an_inner_product():
    F = sp.Function("F")  # not symmetric: F(1, 2) is not F(2, 1)
    assert all_matches(F(H, Lo), F(1, 2)) == [{H: 1, Lo: 2}]
    assert all_matches(x[H], x[1, 2]) == [] and all_matches(x[H, Lo], x[1]) == []  # another number of indices
    assert all_matches(x[H, Lo], x[1, 2]) == [{H: 1, Lo: 2}]


def test_a_sum_over_several_indices_is_a_sum_over_its_outermost_one_of_the_sum_over_the_others():
    Q = sp.Symbol("Q_", integer=True)
    assert all_matches(sp.Sum(X(P), (P, Lo, Hi), (Q, 1, H)), sp.Sum(x[i], (i, 1, n))) == []
    pattern = sp.Sum(X(P), (P, Lo, Hi))
    for double in (sp.Sum(x[i], (i, 1, n), (j, 1, n)), sp.Sum(x[i, j], (i, 1, j), (j, 1, n))):
        found = all_matches(pattern, double)
        assert found and sound(pattern, double, found), found
        (b,) = found
        # X(k) := the inner sum at j = k, its own range up to k where it names the outer index
        assert (b[Lo], b[Hi]) == (1, n) and same(b[X](k), sp.Sum(double.function, double.limits[0]).xreplace({j: k}))


def test_a_context_needs_the_argument_to_be_a_multiple_of_the_sum():
    S, total = sp.Sum(X(P), (P, Lo, Hi)), sp.Sum(x[i], (i, 1, n))
    assert all_matches(Phi(S + 1), sp.log(total + 1)) == []  # Phi := log would give log(total + 2)
    assert all_matches(Phi(S - 1), sp.log(total)) == []
    (m,) = all_matches(Phi(-S), sp.log(-total))  # -1 times the sum: Phi(s) = log(-(-s))
    assert m[Phi](c) == sp.log(c) and sound(Phi(-S), sp.log(-total), [m])
    # the same sum twice in the expression: one context, found once
    found = all_matches(Phi(S / (Hi - Lo + 1)), total / n + (total / n) ** 2)
    assert [m[Phi](c) for m in found] == [c + c ** 2]


def test_a_context_cannot_hold_a_pattern_index():
    total = sp.Sum(x[i], (i, 1, n))
    assert all_matches(Phi(sp.Sum(X(P), (P, Lo, Hi))), sp.log(total) + x[P], indices=frozenset({P})) == []
    assert all_matches(Phi(sp.Sum(X(P), (P, Lo, Hi))), sp.log(total) + x[1], indices=frozenset({P})) != []


def test_a_number_in_front_of_the_pattern_gives_each_binding_once():
    assert at_k(all_matches(-X(P), -x[P], indices=frozenset({P}))) == [{X: x[k]}]
    assert at_k(all_matches(-2 * X(P), -2 * x[P], indices=frozenset({P}))) == [{X: x[k]}]
    assert at_k(all_matches(-X(P), x[P], indices=frozenset({P}))) == [{X: -x[k]}]


def test_up_to_max_terms_terms_are_split_beyond_them_only_counts_that_agree():
    seven, eight = sp.Add(*[x[m] for m in range(1, 8)]), sp.Add(*[x[m] for m in range(1, 9)])
    assert all_matches(H + X(P), seven, indices=AT_P) != []
    assert all_matches(H + X(P), eight, indices=AT_P) == []
    # eight terms against eight: matched one to one
    assert all_matches(sp.Add(*[x[m] for m in range(1, 8)]) + H, eight) == [{H: x[8]}]
    # eight factors against a pattern of nine (a weight that is 1): counts differ, not matched
    nine = sp.Mul(*[y[m] for m in range(1, 9)]) * X(P)
    assert all_matches(nine, sp.Mul(*[y[m] for m in range(1, 9)]), indices=AT_P) == []


def test_which_pattern_term_takes_one_term_and_which_takes_the_rest():
    # a number or symbol takes one term, a hole what is left
    assert all_matches(H + c, c + y[1] + 1) == [{H: y[1] + 1}]
    # a term with a coefficient takes one term unless it comes last, then the rest
    assert at_k(all_matches(c + 2 * X(P), c + 2 * x[P] + 2 * y[P], indices=AT_P)) == [{X: x[k] + y[k]}]
    # a placeholder term takes as many terms as it needs, before a hole
    assert at_k(all_matches(X(P) + H, x[P] + y[P] + c, indices=AT_P)) == [{X: x[k] + y[k], H: c}]
    # two holes split the terms every way
    found = all_matches(H + Lo, c + y[1] + 1)
    assert {(m[H], m[Lo]) for m in found} == {(1, c + y[1]), (c, y[1] + 1), (y[1], c + 1), (c + 1, y[1]),
                                              (y[1] + 1, c), (c + y[1], 1)}
    # the sum first: it binds X and Hi, then X(Hi + 1)^2 is compared
    both = sp.Sum(X(P), (P, Lo, Hi)) + X(Hi + 1) ** 2
    (m,) = all_matches(both, sp.Sum(x[i], (i, 1, n)) + x[n + 1] ** 2)
    assert (m[Lo], m[Hi], m[X](k)) == (1, n, x[k])


def test_a_factor_may_be_one_but_a_term_is_never_one():
    assert at_k(all_matches(c * X(P), c, indices=AT_P)) == [{X: 1}]  # the placeholder factor is 1
    assert all_matches(c + X(P), c, indices=AT_P) == []  # a term cannot be 1 (c + 1 is not c)
    assert all_matches(H * Lo, c) == [{H: 1, Lo: c}]
    assert at_k(all_matches(H * X(P), c * x[P], indices=AT_P)) == [{X: x[k], H: c}]
    found = all_matches(X(P) * Y(P), x[P] * y[P], indices=AT_P)
    assert sorted(str((b[X](k), b[Y](k))) for b in found) == sorted(
        str(p) for p in [(x[k], y[k]), (y[k], x[k]), (1, x[k] * y[k])])
    found = all_matches(X(P) + Y(P), x[P] + y[P], indices=AT_P)
    assert sorted(str((b[X](k), b[Y](k))) for b in found) == sorted(str(p) for p in [(x[k], y[k]), (y[k], x[k])])
    for pattern, expr in [(X(P) + H, c + 1), (X(P) + H, x[P] + c), (X(P) * H + Y(P), x[P] * c + y[P])]:
        found = all_matches(pattern, expr, indices=AT_P)
        assert found and sound(pattern, expr, found), (pattern, expr)


def test_a_weight_is_one_beside_a_square_or_a_function_of_the_term():
    # sum_i x_i^2 is the weighted sum_i W(i) X(i)^2 with W = 1: the square takes its one factor, the weight what is
    # left (nothing: 1), even when SymPy lists the square first
    W = placeholder("W")
    assert at_k(all_matches(W(P) * X(P) ** 2, x[P] ** 2, indices=AT_P)) == [{X: x[k], W: 1}]
    assert at_k(all_matches(X(P) ** 2 * Y(P) * H, x[P] ** 2 * c, indices=AT_P)) == [{X: x[k], Y: 1, H: c}]
    assert at_k(all_matches(W(P) * sp.exp(X(P)), sp.exp(x[P]), indices=AT_P)) == [{X: x[k], W: 1}]


def test_a_context_tries_every_way_the_sum_matches():
    # Phi(sum X Y + sum Y) against log(sum x y): X := x, Y := y leaves sum y beside the sum (not a multiple of it),
    # the later X := 1, Y := x y makes the argument twice the sum: Phi(s) = log(s / 2)
    S = sp.Sum(X(P) * Y(P), (P, Lo, Hi)) + sp.Sum(Y(P), (P, Lo, Hi))
    expr = sp.log(sp.Sum(x[i] * y[i], (i, 1, n)))
    found = all_matches(Phi(S), expr)
    assert [m[Phi](c) for m in found] == [sp.log(c / 2)] and sound(Phi(S), expr, found)


def test_a_factor_that_expands_to_minus_one_is_the_patterns_minus_sign():
    # x_i ((c - 1)(c + 1) - c^2) is -x_i, but SymPy cannot pull the minus sign out: -X(i) is -(the expression)
    # (dividing), and also X := x with the factor taken as the -1
    expr = x[P] * ((c - 1) * (c + 1) - c ** 2)
    found = all_matches(-X(P), expr, indices=frozenset({P}))
    assert {X: x[k]} in at_k(found) and len(found) == 2 and sound(-X(P), expr, found)


def test_a_context_never_takes_a_sum_under_another_binder_of_the_expression():
    """sum_k (sum_i g_{k,i})^2: the inner sum is one number per k. As the context's variable t it would be captured
    by phi's own sum over k (phi(t) := sum_k n^2 t^2, X := g_{k,i}, k bound in phi and free in X), an instance of
    Jensen's inequality that is no instance. Only the outer sum is a context's argument; outside a binder the inner
    sum still is."""
    g = sp.IndexedBase("g", real=True)
    K = sp.Symbol("K", integer=True, positive=True)
    mean = sp.Sum(X(P), (P, Lo, Hi)) / (Hi - Lo + 1)
    nested = sp.Sum(sp.Sum(g[k, i], (i, 1, n)) ** 2, (k, 1, K))
    for m in all_matches(Phi(mean), nested):
        body = m[X].expr if isinstance(m[X], sp.Lambda) else m[X]
        assert k not in body.free_symbols, m  # X names no index that phi binds
    (m,) = all_matches(Phi(mean), sp.Sum(g[k, i], (i, 1, n)) ** 2)  # k free: one number, a context as before
    assert m[Phi](c) == n ** 2 * c ** 2


def test_a_square_in_a_pattern_meets_an_exponential_of_twice_its_argument():
    """SymPy writes (e^z)^2 as e^{2z}: the pattern X^2 still meets it, with X := e^z (and e^{z/2} for e^z)."""
    z = sp.IndexedBase("z", real=True)
    (m,) = all_matches(sp.Sum(X(P) ** 2, (P, Lo, Hi)), sp.Sum(sp.exp(2 * z[i]), (i, 1, n)))
    assert sp.simplify(m[X](k) - sp.exp(z[k])) == 0
    (m,) = all_matches(sp.Sum(X(P) ** 3, (P, Lo, Hi)), sp.Sum(sp.exp(3 * z[i]), (i, 1, n)))  # any power
    assert sp.simplify(m[X](k) - sp.exp(z[k])) == 0
    assert all_matches(X(P) ** 2, sp.log(c)) == []


def test_same_compares_exponentials_and_logarithms_through_their_arguments_and_cancels_rational_forms():
    from derivcheck.deciders.unify import same
    L, m, T, x = sp.symbols("L mu T x", positive=True)
    assert same(sp.exp(T * ((L - m) / (L + m) - 1)), sp.exp(-2 * m * T / (L + m)))
    assert same(sp.log((L - m) / (L + m) + 1), sp.log(2 * L / (L + m)))
    assert same((L ** 2 - m ** 2) / (L + m), L - m)  # cancels, where expand alone leaves a quotient
    assert not same(sp.exp(x), sp.exp(x + 1)) and not same(sp.exp(x), sp.log(x))
    assert not same(sp.exp(T * ((L - m) / (L + m) - 1)), sp.exp(-m * T / (L + m)))


def test_cosh_pairs_writes_each_matched_pair_of_exponentials_as_cosh():
    x, lam, y = sp.symbols("x lambda y", real=True)
    assert unify.cosh_pairs((sp.exp(lam * x) + sp.exp(-lam * x)) / 2) == sp.cosh(lam * x)
    assert unify.cosh_pairs(3 * sp.exp(x) + 3 * sp.exp(-x) + y) == 6 * sp.cosh(x) + y
    assert unify.cosh_pairs(sp.log(1 + sp.exp(x) + sp.exp(-x))) == sp.log(1 + 2 * sp.cosh(x))  # inside a function
    for unpaired in (sp.exp(x) + 2 * sp.exp(-x), sp.exp(x) - sp.exp(-x), sp.exp(x) + sp.exp(-y), x + y):
        assert unify.cosh_pairs(unpaired) == unpaired  # other coefficients, sinh, other exponents: left alone
    e = sp.exp(x) + sp.exp(-x) + sp.exp(2 * x) + sp.exp(-2 * x)
    assert unify.cosh_pairs(e) == 2 * sp.cosh(x) + 2 * sp.cosh(2 * x) and sp.simplify((unify.cosh_pairs(e) - e)
                                                                                     .rewrite(sp.exp)) == 0


def test_a_sum_read_from_its_top_matches_a_sum_from_zero():
    # sum_{s=1}^{t} beta^{t-s} (a momentum buffer unrolled) is sum_{u=0}^{t-1} beta^u: the geometric sum's pattern
    t, s, u = sp.Symbol("t", integer=True), sp.Symbol("s", integer=True), sp.Symbol("u", integer=True)
    r = sp.Symbol("r", real=True)
    down = sp.Sum(r ** (t - s), (s, 1, t))
    found = all_matches(sp.Sum(X(P), (P, 0, Hi)), down)
    assert any(b[Hi] == t - 1 and b[X](u) == r ** u for b in found), found
    up = sp.Sum(r ** s, (s, 1, t))  # the index increasing: no second reading
    assert all(b[X](u) == r ** (u + 1) for b in all_matches(sp.Sum(X(P), (P, 0, Hi)), up))


@settings(max_examples=30, deadline=None)
@given(st.integers(-4, 6), st.integers(-3, 3), st.integers(0, 10**6))
def test_every_reading_of_a_sum_has_its_value_on_any_range(top, lo, seed):
    """Each binding found for sum_{s=lo}^{t} x_{t-s} + s (read as written and from its top) instantiates the pattern
    to a sum with the same value at t = top, reversed and empty ranges included (SymPy's signed sums)."""
    rng = random.Random(seed)
    t, s = sp.Symbol("t", integer=True), sp.Symbol("s", integer=True)
    table = {m: sp.Rational(rng.randint(-9, 9), rng.randint(1, 4)) for m in range(-12, 13)}
    expr = sp.Sum(x[t - s] + s, (s, lo, t))
    pattern = sp.Sum(X(P), (P, Lo, Hi))
    found = all_matches(pattern, expr)
    assert len(found) >= 2, found  # as written, and from its top

    def value(e):
        return e.xreplace({t: top}).doit().replace(lambda a: isinstance(a, sp.Indexed),
                                                   lambda a: table[int(a.indices[0])])
    assert all(value(instantiate(pattern, b)) == value(expr) for b in found), found
