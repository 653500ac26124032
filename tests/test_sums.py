"""Sums as the lemma library sees them (derivcheck/deciders/sums.py) and what a lemma leaves to prove
(derivcheck/deciders/obligations.py): the normal form, properties of every term, ranges that may be empty or run
backwards, term-by-term comparison, sums as signed symbols, and the scalar provers behind them."""

from __future__ import annotations

import sympy as sp

from derivcheck.deciders import gram_terms, obligations, sum_signs, sums
from derivcheck.deciders.vector_form import Inner, Vec
from derivcheck.reader.declarations import Assumptions
from derivcheck.reader.document import parse_assumptions

i, j, k = (sp.Symbol(v, integer=True) for v in "ijk")
n = sp.Symbol("n", integer=True, positive=True)
m = sp.Symbol("m", integer=True, nonnegative=True)
c = sp.Symbol("c", real=True)
x = sp.IndexedBase("x", real=True)
p = sp.IndexedBase("p", positive=True)
q = sp.IndexedBase("q", nonnegative=True)
A = Assumptions()


def total(body, lo=1, hi=n, var=i):
    return sp.Sum(body, (var, lo, hi))


def test_the_normal_form_pulls_constants_out_and_closes_polynomial_sums():
    assert sums.normal(total(c * x[i] / n)) == c * total(x[i]) / n
    assert sums.normal(total(x[i] * x[i + 1])) == total(x[i] * x[i + 1])
    assert sums.normal(total(1)) == n and sp.expand(sums.normal(total(i)) - n * (n + 1) / 2) == 0
    assert sums.normal(total(i, 1, k)) == total(i, 1, k)  # k may run backwards: not closed
    assert sums.normal(total(1 / (i * (i + 1)))) == total(1 / i - 1 / (i + 1))  # partial fractions
    assert sums.normal(total(1 / i ** 2)) == total(1 / i ** 2)  # a zeta-like sum stays whole
    assert sums.normal(total(c + x[i])) == n * c + total(x[i])
    assert sums.normal(total(c + x[i], 1, k)) == total(c + x[i], 1, k)
    assert sums.normal(total(sp.log(n * p[i]))) == n * sp.log(n) + total(sp.log(p[i]))
    assert sums.normal(total(sp.log(c * x[i]))) == total(sp.log(c * x[i]))
    assert sums.normal(c + 1) == c + 1 and sums.normal(sp.Product(c * p[i], (i, 1, n))) == sp.Product(
        c * p[i], (i, 1, n))
    assert sums.normal(total(sp.exp(x[i]) * 2)) == 2 * total(sp.exp(x[i]))


def test_term_properties_hold_for_every_index_from_the_lower_limit():
    assert sum_signs.term_holds(p[i], i, 1, "positive") and not sum_signs.term_holds(x[i], i, 1, "positive")
    assert sum_signs.term_holds(1 / i, i, 1, "positive") and not sum_signs.term_holds(1 / i, i, 0, "real")
    assert sum_signs.term_holds(sp.sqrt(i - 1), i, 1, "nonnegative") and not sum_signs.term_holds(sp.sqrt(i - 1), i, 0, "real")
    assert sum_signs.term_holds(x[i] ** 2 + 2 * x[i] + 1, i, 1, "nonnegative")  # once factored: (x + 1)^2
    assert sum_signs.term_holds(1 / (i ** 2 + i), i, 1, "positive")  # once together


def test_ranges_that_may_be_empty_or_run_backwards():
    assert sum_signs.proper_range(1, n) and sum_signs.proper_range(1, m) and sum_signs.proper_range(2, n)
    assert not sum_signs.proper_range(3, n) and not sum_signs.proper_range(1, k) and sum_signs.proper_range(1, n - 1)
    assert sum_signs.nonempty_range(1, n) and not sum_signs.nonempty_range(1, m) and not sum_signs.nonempty_range(2, n)


def test_sums_over_one_range_compared_term_by_term():
    assert sums.termwise(total(x[i] ** 2), "<=", total(x[i] ** 2 + x[i] ** 4)).startswith("every term")
    labels = parse_assumptions("y in {-1, 1}; z_i in {0, 1, 2}")
    y, z = sp.IndexedBase("y", integer=True, nonzero=True), sp.IndexedBase("z", integer=True, nonnegative=True)
    assert sums.termwise(total(y[i] ** 2), "=", n, labels) == ("every term of the difference is 0 (for each of the 2 "
                                                              "values of the finite sets)")
    assert sums.termwise(total(y[i] ** 2), "=", n) is None  # without the declared set: not known
    assert sums.termwise(total(z[i] ** 2), "<=", total(2 * z[i]), labels) == (
        "every term of the difference is nonnegative (for each of the 3 values of the finite sets)")
    assert sums.termwise(total(z[i] ** 2), "<=", total(z[i]), labels) is None  # 4 > 2 at z = 2
    many = parse_assumptions("u in {1, 2, 3, 4, 5}; v in {1, 2, 3, 4, 5}; w in {1, 2, 3, 4, 5}")
    u, v, ww = (sp.IndexedBase(s, integer=True, positive=True) for s in "uvw")
    assert sums.termwise(total(u[i] * v[i]), "<=", total(u[i] * v[i] * ww[i]), many) is None  # 125 cases: too many
    assert sums.termwise(total(x[i]), "<", total(x[i] + p[i])) == "every term of the difference is positive"
    assert sums.termwise(total(x[i], 1, m), "<", total(x[i] + p[i], 1, m)) is None  # m = 0: both sums are 0
    assert sums.termwise(total(x[i], 1, k), "<=", total(x[i] + p[i], 1, k)) is None  # k may run backwards
    assert sums.termwise(total(x[i]), "<=", total(x[i] ** 2)) is None
    assert sums.termwise(total(1 / (i * (i + 1))), "=", total(1 / i - 1 / (i + 1))) == "the sums are the same"
    assert sums.termwise(total(sp.sqrt(i) * x[i]), "=", total(sp.sqrt(i) * x[i] + 1 - 1)) == "the sums are the same"
    assert sums.termwise(total((x[i] + 1) ** 2), "=", total(x[j] ** 2 + 2 * x[j] + 1, 1, n, j)) is not None
    assert sums.termwise(total(x[i]), "=", total(x[i] + 1e-30 * p[i])) is None
    assert sums.termwise(total(x[i]), "<=", total(x[i] + p[i], 1, n + 1)) is None  # not one range
    assert sums.termwise(total(x[i]), "<=", 2 * total(x[i] + p[i] / 2) - total(x[i])) is not None  # coefficients
    assert sums.termwise(total(x[i]), "<=", i * total(x[i])) is None  # a coefficient in the index
    assert sums.termwise(total(x[i]) ** 2, "<=", total(x[i] ** 2)) is None  # not linear in the sums
    assert sums.termwise(c, "<=", c + 1) is None  # no sum: not this lemma's
    assert sums.termwise(total(x[i]), "<=", total(x[i]) + 1) is None  # no sum left: the obligations' business
    assert sums.termwise(total(x[i] ** 2), "<=", total(x[i]) ** 2 + 1) is None
    assert sums.termwise(total(x[i], 1, m), "<=", total(x[i] + 1, 1, m) - m + 1) is None  # m = 0: no term for 1


def test_sums_products_and_inner_products_as_symbols_of_their_known_sign():
    a, b = Vec("a"), Vec("b")
    lhs, rhs, names = sum_signs.abstracted(total(p[i]) + Inner(a, a), total(x[i]) ** 2 + Inner(a, b))
    by_kind = {type(k).__name__: v for k, v in names.items() if not isinstance(k, Inner)}
    assert by_kind["Sum"].is_real and len(names) == 4
    assert names[total(p[i])].is_positive and names[Inner(a, a)].is_nonnegative
    assert names[Inner(a, b)].is_real and names[Inner(a, b)].is_nonnegative is None
    assert all(s.name.startswith("_") for s in names.values())  # never a name the reader gives
    assert lhs == names[total(p[i])] + names[Inner(a, a)]
    assert sum_signs.sign(total(p[i])) == {"positive": True} and sum_signs.sign(total(p[i], 1, m)) == {"nonnegative": True}
    assert sum_signs.sign(total(-p[i])) == {"negative": True} and sum_signs.sign(total(x[i])) == {"real": True}
    assert sum_signs.sign(total(p[i], 1, k)) == {} and sum_signs.sign(total(q[i])) == {"nonnegative": True}
    assert sum_signs.sign(sp.Product(p[i], (i, 1, n))) == {"positive": True}
    assert sum_signs.sign(sp.Product(-p[i], (i, 1, n))) == {"real": True}  # a product of negatives: either sign
    assert sum_signs.sign(sp.Sum(x[i, j], (i, 1, n), (j, 1, n))) == {}
    assert sum_signs.sign(total(sp.log(x[i]))) == {}  # not known to be real
    _, _, none = sum_signs.abstracted(total(sp.log(x[i])), c)
    assert none == {}


def test_obligations_are_proved_by_signs_coefficients_sympy_or_z3():
    s = sp.Symbol("s", positive=True)
    assert obligations.holds((c + 1) ** 2, "nonnegative") and not obligations.holds(c, "nonnegative")
    assert obligations.holds(c ** 2 + 2 * c + 1, "nonnegative")  # factored
    assert obligations.prove(c ** 2, ">=", 0, A).startswith("SymPy")
    assert obligations.prove(s, "<", s + 1, A).startswith("SymPy")
    assert obligations.prove(2, "<=", s + 1 / s, A, thorough=False) is not None  # (s - 1)^2 / s, factored
    assert obligations.prove(sp.Abs(c), "<=", sp.sqrt(c ** 2 + 1), A, thorough=False) == "Z3"
    assert obligations.prove(c, "<=", c ** 2, A) is None  # false at c = 1/2
    assert obligations.prove(total(x[i]), "<=", total(x[i]) + 1, A) is None  # sums are not its business
    ranged = parse_assumptions("r in (0, 1)")
    r = ranged.symbol("r")
    assert obligations.prove(r ** 2, "<", r, ranged).endswith("(r = s/(s + 1) (s > 0))")  # the range as properties
    assert obligations.prove(r ** 2, "<", r, A) is None
    assert obligations.decided(0, "!=", r - 1, ranged) and not obligations.decided(0, "!=", r - 1, A)
    assert obligations.decided(sp.exp(r), "<=", 3, ranged) is False  # Z3 cannot take exp: not decided


def test_a_sum_in_the_scope_of_another_index_is_not_abstracted():
    inner = sp.Sum(x[i, j], (i, 1, n))
    lhs, rhs, names = sum_signs.abstracted(sp.Sum(inner ** 2, (j, 1, n)), 0)
    assert inner not in names  # it depends on j: one symbol for it would equate different terms


def test_linearity_splits_a_sum_over_its_expanded_terms():
    mean = total(x[j], 1, n, j) / n
    flat = sums.linearize(total((x[i] - mean) ** 2))
    assert sp.expand(flat - (total(x[i] ** 2) - 2 * mean * total(x[i]) + n * mean ** 2)) == 0
    assert sums.linearize(total((x[i] - c) ** 2, 1, k)) == total((x[i] - c) ** 2, 1, k)  # k may run backwards
    assert sums.linearize(sp.Product(x[i] + 1, (i, 1, n))) == sp.Product(x[i] + 1, (i, 1, n))


def test_terms_in_inner_products_are_compared_on_every_gram_matrix():
    theta, a, b = Vec("theta"), sp.IndexedBase(Vec("a")), Vec("b")
    i = sp.Symbol("i", integer=True)
    cs = Inner(theta, theta) * Inner(a[i], a[i]) - Inner(theta, a[i]) ** 2  # Cauchy-Schwarz, per term
    assert gram_terms.holds_for_every_gram(cs, "nonnegative")
    assert not gram_terms.holds_for_every_gram(cs, "positive")  # 0 for parallel vectors
    assert not gram_terms.holds_for_every_gram(Inner(theta, theta) - Inner(theta, a[i]), "nonnegative")
    assert not gram_terms.holds_for_every_gram(Inner(theta, a[i]), "nonnegative")  # any sign
    # ||theta + a_i||^2 <= 2||theta||^2 + 2||a_i||^2, in inner products
    par = 2 * Inner(theta, theta) + 2 * Inner(a[i], a[i]) - (Inner(theta, theta) + 2 * Inner(theta, a[i])
                                                             + Inner(a[i], a[i]))
    assert gram_terms.holds_for_every_gram(par, "nonnegative")
    assert not gram_terms.holds_for_every_gram(c ** 2 + 1, "positive")  # no inner product: not this argument's
    assert not gram_terms.holds_for_every_gram(Inner(theta + b, a[i]) ** 2, "nonnegative")  # a combination: not one vector
    total = sp.Sum(Inner(theta, theta) * Inner(a[i], a[i]), (i, 1, n))
    assert sums.termwise(sp.Sum(Inner(theta, a[i]) ** 2, (i, 1, n)), "<=", total) is not None
    assert sums.termwise(sp.Sum(Inner(theta, a[i]) ** 2, (i, 1, n)), "<",  total) is None


# ---- pinned by the mutation run (quality/mutate.py): behaviour the tests above left open -----------------------


def test_a_sum_over_several_indices_is_left_whole_by_the_normal_form_and_linearity():
    # only a sum over one index is rewritten: taking its first limit alone would drop the others (sum_ij -> sum_i)
    double = sp.Sum(c * x[i, j], (i, 1, n), (j, 1, n))
    assert sums.normal(double) == double
    double = sp.Sum(x[i, j] + c, (i, 1, n), (j, 1, n))
    assert sums.linearize(double) == double


def test_a_closed_form_with_a_function_in_it_is_not_taken():
    # sum_{i <= floor(n/2)} i has a closed form in floor(n/2): a function in the value hides the sum from the lemmas
    half = total(i, 1, sp.floor(n / 2))
    assert sums.normal(half) == half


def test_partial_fractions_are_not_taken_with_an_indexed_coefficient():
    # apart would divide by x_1, which may be 0 (1/(i(i + x_1)) = (1/i - 1/(i + x_1)) / x_1): the sum stays whole
    s = total(1 / (i * (i + x[1])))
    assert sums.normal(s) == s


def test_the_gram_normal_form_lets_off_diagonal_entries_take_either_sign():
    a, b, cc = Vec("a"), Vec("b"), Vec("c")
    # <a, b> <a, c> < 0 for b = a, c = -a: the entries below the diagonal are any reals, only the diagonal is >= 0
    assert not gram_terms.holds_for_every_gram(Inner(a, b) * Inner(a, cc), "nonnegative")
    # a = b = 0 makes it 0: no entry is known to be nonzero (or complex)
    assert not gram_terms.holds_for_every_gram(Inner(b, b) + Inner(a, b) ** 2, "positive")
    assert gram_terms.holds_for_every_gram(Inner(b, b) + Inner(a, b) ** 2, "nonnegative")
    # ||a - b||^2 >= 0 needs the entries real: (l00 - l10)^2 + l11^2
    assert gram_terms.holds_for_every_gram(Inner(a, a) - 2 * Inner(a, b) + Inner(b, b), "nonnegative")
    # the entries are real, so every inner product is: log(1 + exp(<a, b>)) > 0 (a logistic loss), which only
    # SymPy's assumptions show (Z3 takes no exp)
    assert gram_terms.holds_for_every_gram(sp.log(1 + sp.exp(Inner(a, b))), "positive")
    # Cauchy-Schwarz times exp(<a, b>): l00^2 l11^2 e^(l00 l10) on the triangular form, a sign SymPy sees
    cs = Inner(a, a) * Inner(b, b) - Inner(a, b) ** 2
    assert gram_terms.holds_for_every_gram(cs * sp.exp(Inner(a, b)), "nonnegative")


def test_the_gram_argument_takes_at_most_max_gram_vectors():
    vs = [Vec(f"v{t}") for t in range(5)]
    squares = sp.Add(*[Inner(v, v) for v in vs])
    # five vectors, 15 variables in the normal form: more than the provers are given (at most 4 vectors, 10
    # variables), so not tried, though the sum of squared norms is >= 0; four are
    assert not gram_terms.holds_for_every_gram(squares, "nonnegative")
    assert gram_terms.holds_for_every_gram(squares - Inner(vs[0], vs[0]), "nonnegative")


def test_only_a_family_member_at_one_index_is_one_vector():
    a = sp.IndexedBase(Vec("a"))
    assert gram_terms.holds_for_every_gram(Inner(a[i], a[i]), "nonnegative")
    assert not gram_terms.holds_for_every_gram(Inner(a[i, j], a[i, j]), "nonnegative")


def test_a_term_of_minus_one_is_not_zero():
    # (y - y^2)/2 is 0 at y = 1 and -1 at y = -1: sum y_i^2 / 2 = sum y_i / 2 is false
    labels = parse_assumptions("y in {-1, 1}")
    y = sp.IndexedBase("y", integer=True, nonzero=True)
    assert sums.termwise(total(y[i] ** 2) / 2, "=", total(y[i]) / 2, labels) is None
    assert sums.termwise(total(y[i] ** 2) / 2, "<=", total(y[i] ** 2) / 2 + total(y[i] ** 4), labels) is not None


def test_a_coefficient_times_a_combination_of_sums_is_distributed():
    # n (sum p_i + sum q_i) >= 0 term by term once n is multiplied into each sum
    assert sums.termwise(total(x[i]), "<=", total(x[i]) + n * (total(p[i]) + total(q[i]))) is not None


def test_a_product_of_two_sums_is_not_compared_term_by_term():
    # (sum x_i^2)(sum_j x_j) has any sign: neither sum is a coefficient of the other (x_i^2 >= 0 says nothing)
    assert sums.termwise(0, "<=", total(x[i] ** 2) * total(x[j], 1, n, j)) is None
    assert sums.termwise(0, "<=", total(x[j], 1, n, j) * total(p[i])) is None


def test_the_squared_norm_of_a_family_member_is_nonnegative():
    # Inner(a_i, a_i) built twice: equal arguments that are not the same object
    a = sp.IndexedBase(Vec("a"))
    assert sum_signs.sign(Inner(a[i], a[i])) == {"nonnegative": True}
    assert sum_signs.sign(Inner(sp.IndexedBase(Vec("b"))[i], a[i])) == {"real": True}


def test_a_coefficient_in_the_index_of_the_first_sum_is_not_taken_into_another():
    # 2 sum_j q_j + j sum_i p_i: SymPy puts the first sum's index j in front, and j sum_i p_i is not
    # sum_j j p_j once the i's become j's: the j in front is a number outside the sums (possibly negative)
    assert sums.termwise(0, "<=", 2 * total(q[j], 1, n, j) + j * total(p[i])) is None
    assert sums.termwise(0, "<=", total(p[i]) + i * total(q[j], 1, n, j)) is None


def test_a_term_is_compared_in_the_form_it_was_written():
    # 2 sum_i ((x_i - 1)^2 + (x_i - 2)^2) >= 0: the sum behind a coefficient keeps its term as written; expanded
    # inside the sum (2 x_i^2 - 6 x_i + 5) its sign is no longer visible to SymPy's assumptions
    assert sums.termwise(0, "<=", 2 * total((x[i] - 1) ** 2 + (x[i] - 2) ** 2)) is not None


def _fails(*args, **kwargs):
    raise NotImplementedError("SymPy gave up")


def test_when_sympy_fails_a_sum_stays_whole_and_a_term_is_not_zero(monkeypatch):
    # SymPy's failures are not answers: partial fractions or a closed form that raise keep the sum as it was, and a
    # term SymPy cannot simplify is not shown to be 0 (sums of terms not met elsewhere here: _closed is cached)
    fraction, poly = total(1 / ((i + 2) * (i + 5))), total(i ** 3 + 7 * i)
    monkeypatch.setattr(sums.sp, "apart", _fails)
    assert sums.normal(fraction) == fraction
    monkeypatch.setattr(sp.Sum, "doit", _fails)
    assert sums.normal(poly) == poly
    monkeypatch.setattr(sums.sp, "simplify", _fails)
    assert not sums._is(x[1] - x[2], "zero") and sums._is(sp.Integer(0), "zero")


def test_sums_from_different_lower_limits_are_not_combined():
    # sum_{i=0}^n p_i - sum_{i=1}^n p_i = p_0 > 0: not 0 term by term (SymPy puts the sum from 1 first)
    assert sums.termwise(total(p[i]), "=", total(p[i], 0, n)) is None
    assert sums.termwise(total(p[i], 0, n), "=", total(p[i])) is None


def test_up_to_max_cases_combinations_of_finite_sets_are_taken():
    # three families with four values each: 4^3 = 64 = MAX_CASES combinations, all taken
    sets = parse_assumptions("u in {1, 2, 3, 4}; v in {1, 2, 3, 4}; w in {1, 2, 3, 4}")
    u, v, ww = (sp.IndexedBase(s, integer=True, positive=True) for s in "uvw")
    assert sums.termwise(total(u[i] + v[i]), "<=", total(u[i] * v[i] * ww[i] + 1), sets) == (
        "every term of the difference is nonnegative (for each of the 64 values of the finite sets)")


def test_a_range_that_may_be_empty_is_enough_for_at_most_and_equal():
    # over i = 1..m (m >= 0) both sides are 0 when m = 0: <= and = still hold term by term, only < needs a term
    assert sums.termwise(total(x[i], 1, m), "<=", total(x[i] + p[i], 1, m)) == (
        "every term of the difference is nonnegative")
    assert sums.termwise(total(x[i] * (x[i] + p[i]), 1, m), "=", total(x[i] ** 2 + x[i] * p[i], 1, m)) == (
        "every term of the difference is 0")


def test_a_sum_over_two_indices_is_not_one_of_the_sums_compared():
    # sum_{i,j} x_i = n sum_i x_i: comparing it with sum_i x_i term by term would forget the sum over j
    assert sums.termwise(sp.Sum(x[i], (i, 1, n), (j, 1, n)), "=", total(x[i])) is None


def test_sums_to_different_upper_limits_are_not_combined():
    # sum_{i=1}^{n+1} p_i - sum_{i=1}^n p_i = p_{n+1} > 0: not 0 term by term, whichever sum SymPy puts first
    assert sums.termwise(total(p[i]), "=", total(p[i], 1, n + 1)) is None
    assert sums.termwise(total(p[i], 1, n + 1), "=", total(p[i])) is None


def test_more_than_max_cases_combinations_are_not_taken():
    # 5 * 13 = 65 > MAX_CASES combinations: not tried, though every one of them holds
    sets = parse_assumptions("u in {1, 2, 3, 4, 5}; v in {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13}")
    u, v = (sp.IndexedBase(s, integer=True, positive=True) for s in "uv")
    assert sums.termwise(total(u[i]), "<=", total(u[i] * v[i]), sets) is None


def test_a_term_without_a_sum_is_spread_over_the_terms_exactly():
    # sum_i x_i^2 + 1 > 0: 1 is n terms of 1/n, not of floor(1/n) (0 for n > 1)
    assert sums.termwise(0, "<", total(x[i] ** 2) + 1) == "every term of the difference is positive"


def test_a_coefficient_free_of_the_first_sums_index_is_a_number():
    # i^2 sum_j q_j + sum_i p_i >= 0: the i in front is a number outside the sums (i^2 >= 0), and SymPy puts the
    # sum over j first, whose index the coefficient does not contain
    assert sums.termwise(0, "<=", i ** 2 * total(q[j], 1, n, j) + total(p[i])) is not None


def test_the_gram_normal_form_pads_with_zeros():
    a, b = Vec("a"), Vec("b")
    # a = b = 0: ||a||^2 + ||b||^2 = 0, not > 0 (a pad of ones would make ||a||^2 >= 1)
    assert not gram_terms.holds_for_every_gram(Inner(a, a) + Inner(b, b), "positive")


def test_partial_fractions_are_only_for_a_rational_term():
    # 2^i / (i (i + 1)) is not a rational function of i: kept as written
    s = total(2 ** i / (i * (i + 1)))
    assert sums.normal(s) == s


def test_an_equality_of_terms_is_shown_by_simplification():
    # sin^2 + cos^2 = 1 needs SymPy's simplify, not the sign properties the inequalities use
    assert sums.termwise(total(sp.sin(x[i]) ** 2), "=", total(1 - sp.cos(x[i]) ** 2)) == (
        "every term of the difference is 0")


def test_a_log_of_a_sum_is_weakened_to_its_argument_minus_1_only_where_that_enlarges_the_smaller_side():
    i = sp.Symbol("i", integer=True)
    S = sp.Sum(p[i], (i, 1, n))
    left, right = sums._log_weakened(2 * sp.log(S / n) + c, c + 1)
    assert (left, right) == (2 * (S / n - 1) + c, c + 1)
    assert sums._log_weakened(c, c - 3 * sp.log(S)) == (c, c - 3 * (S - 1))  # a negative log on the larger side
    assert sums._log_weakened(c - sp.log(S), c) is None  # -log S on the smaller side: log S >= S - 1 is false
    assert sums._log_weakened(c, sp.log(S)) is None  # the same on the larger side
    assert sums._log_weakened(sp.log(1 + c ** 2), c) is None  # a log of no sum: the scalar bounds' own
    assert sums._log_weakened(c * sp.log(S), 1) is None  # a coefficient of unknown sign


def test_clearing_denominators_divides_by_what_both_sides_share_and_the_hedge_step_is_proved():
    from tests.rows import verdicts
    i = sp.Symbol("i", integer=True)
    W = sp.Sum(p[i], (i, 1, n))
    assert sums._cleared(sp.Sum(x[i], (i, 1, n)) / W, c / (2 * W), A) == (2 * sp.Sum(x[i], (i, 1, n)), c)
    assert sums._cleared(sp.Sum(x[i], (i, 1, n)) / W ** 2, c / (2 * W), A) == (2 * sp.Sum(x[i], (i, 1, n)), c * W)
    head = ("% assume: \\eta in (0, 1/2]; n integer positive\n% index: i in 1..n\n"
            "% assume: w_i positive; \\ell_i in [0, 1]; z_i real\n")

    def avg(body):
        return "\\frac{\\sum_{i=1}^{n} w_i " + body + "}{\\sum_{i=1}^{n} w_i}"

    mgf, mean, second = avg("e^{-\\eta \\ell_i}"), avg("\\ell_i"), avg("\\ell_i^2")
    got = verdicts(head, f"\\log {mgf} &\\le -\\eta {mean} + \\frac{{\\eta^2}}{{2}} {second}",
                   f"\\log {mgf} &\\le -\\eta {mean} + \\frac{{\\eta^2}}{{8}} {second}",
                   "\\log \\sum_{i=1}^{n} e^{z_i} &\\ge \\sum_{i=1}^{n} e^{z_i} - 1")
    assert [v.verdict for v in got] == ["proved", "refuted", "refuted"]
    assert "log x <= x - 1 at each logarithm of a sum, then both sides multiplied" in got[0].method


def test_three_extrema_are_compared_through_their_terms_each_other_with_its_own_gap():
    from tests.rows import verdicts
    head = "% assume: n integer positive\n% index: i in 1..n\n% assume: p_i real; q_i real\n"
    got = verdicts(head, r"\min_{i} (p_i + q_i) &\ge \min_{i} p_i + \min_{i} q_i",
                   r"\min_{i} (p_i + q_i) &\le \min_{i} p_i + \max_{i} q_i",
                   r"\max_{i} (p_i + q_i) &\le \max_{i} p_i + \max_{i} q_i",
                   r"\min_{i} (p_i + q_i) &\ge \min_{i} p_i + \max_{i} q_i",
                   r"\min_{i} (p_i + q_i) &\le \min_{i} p_i + \min_{i} q_i",
                   r"\max_{i} (p_i + q_i) &\ge \max_{i} p_i + \min_{i} q_i + 1")
    assert [v.verdict for v in got] == ["proved"] * 3 + ["refuted"] * 3
    assert "the others at least or at most their terms there" in got[0].method
    i = sp.Symbol("i", integer=True)
    from derivcheck.functions import MinOver
    fams = [sp.IndexedBase(name, real=True) for name in "uvwz"]
    mins = [MinOver(f[i], (i, 1, n)) for f in fams]
    whole = MinOver(sum(f[i] for f in fams), (i, 1, n))
    assert sums.extrema_by_terms(sum(mins[:2]), "<=", MinOver(fams[0][i] + fams[1][i], (i, 1, n)), A)
    assert sums.extrema_by_terms(sum(mins), "<=", whole, A) is None  # true, but five extrema: past MAX_EXTREMA
