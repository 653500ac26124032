"""The lemma library's matcher (derivcheck/deciders/lemma_match.py), the behaviour its first tests left open: an
extremum compared only with terms inside its range (the step's own indices among them), how many lemmas a search
may chain (a term instance counts as one) and how a chain is written, the cap on instances tried, weights that must
sum to 1, an identity that gives back the same sum, the suffix that says the sums were taken as numbers, the scalar
default, the points of the plausibility filter and the printing of norms and inner products; then the search's
limits (three lemmas, forty instances, the time left), the default first index 1, convexity only where phi is real,
the signs of atoms, typed bindings, what the point lemmas look at, the fallbacks without a lemma, what a residual
may claim, the decider's evidence, and more of the filter's points (sizes, the value 2, the indices -1..8)."""

from __future__ import annotations

import pytest
import sympy as sp

from derivcheck.deciders import lemma_match, lemmas
from derivcheck.deciders.problem import Problem
from derivcheck.deciders.vector_form import Inner, Vec, norm
from derivcheck.functions import MaxOver, MinOver
from derivcheck.reader.declarations import Assumptions
from derivcheck.reader.document import parse_assumptions

i, j = sp.Symbol("i", integer=True), sp.Symbol("j", integer=True)
n = sp.Symbol("n", integer=True, positive=True)
m = sp.Symbol("m", integer=True, positive=True)
x, y = sp.IndexedBase("x", real=True), sp.IndexedBase("y", real=True)
p = sp.IndexedBase("p", positive=True)
A = Assumptions()


def total(body, var=i, lo=1, hi=n):
    return sp.Sum(body, (var, lo, hi))


def prove(lhs, rel, rhs, assumptions=A, vector=False):
    return lemma_match.prove(lhs, rel, rhs, assumptions, vector)


BOTH_MAX = MaxOver(x[i], (i, 1, n)) + MaxOver(y[j], (j, 1, n))  # two extrema: one term instance each


# -- an extremum against one of its terms ----------------------------------------------------------------------
def test_an_extremum_is_not_compared_with_a_term_that_may_lie_outside_its_range():
    # m is any positive integer, n too: x_m need not be a term of 1..n (m = n + 1), so max_i x_i >= x_m is false.
    # m >= 1 is known, m <= n is not: both ends must be shown (j - lo >= 0 and hi - j >= 0, not j + lo, hi + j)
    assert prove(MaxOver(x[i], (i, 1, n)), ">=", x[m]) is None
    assert prove(MinOver(x[i], (i, 1, n)), "<=", x[m]) is None
    assert prove(MaxOver(x[i], (i, 1, n + m)), ">=", x[m]).startswith("by the largest term is at least the term at "
                                                                      "index m (in the range 1..m + n)")


def test_a_term_the_step_names_inside_the_range_is_the_one_compared():
    # x_n is neither end of 1..2n: only the index the step names (its single index n) gives the instance
    how = prove(MaxOver(x[i], (i, 1, 2 * n)), ">=", x[n])
    assert how == ("by the largest term is at least the term at index n (in the range 1..2*n); then the two sides "
                   "are the same")
    how = prove(MinOver(x[i], (i, 1, 2 * n)), "<=", x[n])
    assert how is not None and how.startswith("by the smallest term is at most the term at index n (in the range")


# -- chains of lemmas ------------------------------------------------------------------------------------------
def test_a_search_of_depth_one_applies_one_lemma_a_term_instance_included():
    # max_i x_i + max_j y_j >= x_1 + y_1 takes two term instances: "at most `depth` lemmas" (_Search.prove)
    assert lemma_match._Search(A, False).prove(BOTH_MAX, ">=", x[1] + y[1], 1) is None
    steps = lemma_match._Search(A, False).prove(BOTH_MAX, ">=", x[1] + y[1], 2)
    assert steps == ["the largest term is at least the term at index 1 (in the range 1..n)"] * 2 + [
        "the two sides are the same"]


def test_two_lemmas_in_a_row_are_written_in_order_with_what_is_left_last():
    # a proof of three parts (two lemmas, then what is left): all of them kept, the last one after "; then"
    how = prove(BOTH_MAX, ">=", x[1] + y[n])
    assert how == ("by the largest term is at least the term at index 1 (in the range 1..n), then by the largest "
                   "term is at least the term at index n (in the range 1..n); then the two sides are the same")


def test_prove_chains_at_most_DEPTH_lemmas(monkeypatch):
    # the step above needs two lemmas: with DEPTH = 1 none of the passes may apply a second one
    monkeypatch.setattr(lemma_match, "DEPTH", 1)
    assert prove(BOTH_MAX, ">=", x[1] + y[n]) is None


# -- the cap on instances tried --------------------------------------------------------------------------------
CS_AND_MAX = (n * total(x[j] ** 2, j) + MaxOver(y[i], (i, 1, n)), ">=", total(x[j], j) ** 2 + y[1])


def test_the_first_instance_is_tried_under_a_cap_of_one(monkeypatch):
    # MAX_ATTEMPTS instances per step: the count starts at 0, so with a cap of 1 the first instance (Cauchy-Schwarz
    # with ones, the first lemma matching) is still tried
    monkeypatch.setattr(lemma_match, "MAX_ATTEMPTS", 1)
    how = prove(total(x[i]) ** 2, "<=", n * total(x[i] ** 2))
    assert how is not None and how.startswith("by Cauchy-Schwarz with ones (x_i := x_i, i = 1..n)")


def test_the_search_stops_at_the_first_instance_past_the_cap(monkeypatch):
    # the step needs Cauchy-Schwarz and a term instance, after many instances that fail: under a cap of 1 the
    # search counts each instance and gives up at the second, with no time budget at all
    monkeypatch.setattr(lemma_match, "MAX_ATTEMPTS", 1)
    search = lemma_match._Search(A, False)
    assert search.prove(*CS_AND_MAX, 1) is None and search.attempts == 2
    assert lemma_match._Search(A, False).prove(*CS_AND_MAX, 2) is None
    monkeypatch.undo()  # with the cap of 40 the two lemmas are found
    assert lemma_match._Search(A, False).prove(*CS_AND_MAX, 2) is not None


# -- conditions --------------------------------------------------------------------------------------------------
def test_weights_must_sum_to_one_in_closed_form():
    t = sp.Symbol("t")
    one = lemmas.Condition("one", lemmas.W(lemmas.i))

    def holds(w, hi=n):
        return lemma_match.conditions_hold(one, {lemmas.W: sp.Lambda(t, w), lemmas.Lo: sp.Integer(1),
                                                 lemmas.Hi: hi}, A)

    assert holds(1 / n) and holds(sp.Rational(1, 2), sp.Integer(2)) and holds(2 * t / (n * (n + 1)))
    assert not holds(1 / (2 * n)) and not holds(sp.Integer(1)) and not holds(sp.Integer(0))
    # a family's values normalised by their own sum (the sum under another index name) sum to 1 wherever defined
    assert holds(x[t] / total(x[j], j))
    assert not holds(x[t] / (2 * total(x[j], j))) and not holds(x[t] / total(x[j], j), n - 1)


# -- what a lemma leaves ---------------------------------------------------------------------------------------
def test_a_reversal_that_gives_back_the_same_sum_is_not_a_step_of_the_proof():
    # sum_i (x_i + x_{n+1-i}) reversed is itself: reversing the order (a renaming, used only where its result is
    # elsewhere in the step) does nothing here, and the proof must not name it
    s = total(x[i] + x[n + 1 - i])
    how = prove(s * (s + 1), "=", s ** 2 + s)
    assert how == "by expanding the sums' terms (linearity of sums); then the two sides are the same"


def test_only_a_residual_whose_sums_were_replaced_says_so():
    how = lemma_match.residual(total(p[i]), "<=", total(p[i]) ** 2 + total(p[i]), A)
    assert how == "SymPy (the sign of the difference) (each sum a number of its sign)"
    assert lemma_match.residual(2 * sp.sqrt(n) - 1, "<=", 2 * sp.sqrt(n), A) == "SymPy (the sign of the difference)"


def test_a_strict_step_between_equal_sides_is_never_proved_by_their_difference_being_zero():
    # sum <a_i, c> and sum <c, a_i> are equal: only = (and <=, >=) follow from a zero difference, never > or <;
    # inner products make the plausibility filter pass without a point, so the residual itself must not prove it
    a, c = sp.IndexedBase(Vec("a")), Vec("c")
    lhs, rhs = total(Inner(a[i], c)), total(Inner(c, a[i]))
    for rel in (">", "<"):
        assert lemma_match.residual(lhs, rel, rhs, A) is None, rel
        assert lemma_match.residual(lhs, rel, rhs, A, checked=True) is None, rel
    assert lemma_match.residual(lhs, "=", rhs, A) is not None


def test_a_call_without_vector_takes_inner_products_as_numbers():
    # the vector lemmas apply only to a step the caller lifted to the vector level (vector=True)
    a = sp.IndexedBase(Vec("a"))
    step = (Inner(total(a[i]), total(a[i])), "<=", n * total(Inner(a[i], a[i])))
    assert lemma_match.prove(*step, A) is None
    assert lemma_match.prove(*step, A, vector=True).startswith("by Cauchy-Schwarz over a sum of vectors")
    assert lemma_match.prove(norm(total(a[i])), "<=", total(norm(a[i])), A) is None


# -- the plausibility filter's points ----------------------------------------------------------------------------
def test_plausible_tries_terms_of_alternating_sign():
    # (x_1 + x_2)^2 > 0 fails only where x_2 = -x_1: the point with terms 2, -2, 2, ...
    assert not lemma_match.plausible((x[1] + x[2]) ** 2, ">", 0, A)
    assert lemma_match.plausible((x[1] + x[2]) ** 2, ">=", 0, A)


def test_plausible_tries_every_term_equal():
    # strict Cauchy-Schwarz fails only where every term is equal: the random points do not find that
    assert not lemma_match.plausible(total(x[i]) ** 2, "<", n * total(x[i] ** 2), A)
    assert not lemma_match.plausible((x[1] - x[2]) ** 2, ">", 0, A)


def test_plausible_tries_every_term_equal_to_two_where_the_declared_range_holds_two():
    # terms declared in [2, 3] or [1, 2]: every term 2 is a point of both ranges (1 is not one of the first, 3 not
    # one of the second), and the strict Cauchy-Schwarz step fails there. A point outside the range is never judged
    # (the filter gives up instead), so the equal terms must be the 2 that was checked to be in the range
    for where in ("[2, 3]", "[1, 2]"):
        a = parse_assumptions(f"n integer positive; q_i in {where}")
        q = sp.IndexedBase("q", real=True)
        assert not lemma_match.plausible(total(q[i]) ** 2, "<", n * total(q[i] ** 2), a), where
        assert lemma_match.plausible(total(q[i]) ** 2, "<=", n * total(q[i] ** 2), a), where


def test_plausible_tries_several_small_sizes():
    # an integer takes 2, 3, 4, 5 in turn: a step false at n = 3 only is filtered
    assert not lemma_match.plausible((n - 3) ** 2, ">", 0, A)
    assert not lemma_match.plausible((n - 5) ** 2, ">", 0, A)


# -- printing --------------------------------------------------------------------------------------------------
def test_only_the_square_root_of_a_vectors_own_inner_product_is_a_norm():
    a, b = Vec("a"), Vec("b")
    assert lemma_match.shown(sp.sqrt(Inner(a, a))) == "||a||"
    assert lemma_match.shown(Inner(a, a) ** 2) == "<a, a>**2"
    assert lemma_match.shown(1 / sp.sqrt(Inner(a, a))) == "1/sqrt(<a, a>)"
    assert lemma_match.shown(Inner(a, a) ** sp.Rational(1, 4)) == "<a, a>**(1/4)"
    assert lemma_match.shown(sp.sqrt(Inner(a, b))) == "sqrt(<a, b>)"


# -- more of the search's limits -------------------------------------------------------------------------------
def test_a_step_that_needs_three_lemmas_is_beyond_the_search():
    # DEPTH = 2: three extrema, each against one of its terms, take three term instances in a row
    three = BOTH_MAX + MaxOver(p[m], (m, 1, n))
    assert prove(three, ">=", x[1] + y[1] + p[1]) is None


def test_the_search_counts_the_instances_that_change_the_step_and_those_it_looks_at(monkeypatch):
    # a false step with 90 candidate instances (Cauchy-Schwarz and the rest, on each of three sums), 21 of which
    # change it: the search looks at all of them, and gives up at the 41st that changes the step (MAX_ATTEMPTS = 40)
    # or the 241st it looks at (MAX_LOOKED = 240)
    z = [sp.IndexedBase(f"z{k}", real=True) for k in range(3)]
    lhs, rhs = sum(total(f[i]) ** 2 for f in z), sum(total(f[i] ** 2) for f in z)
    search = lemma_match._Search(A, False)
    assert search.prove(lhs, "<=", rhs, 1) is None and (search.attempts, search.looked) == (21, 90)
    monkeypatch.setattr(lemma_match, "MAX_ATTEMPTS", 10)
    search = lemma_match._Search(A, False)
    assert search.prove(lhs, "<=", rhs, 1) is None and search.attempts == 11 and search.looked < 90
    monkeypatch.setattr(lemma_match, "MAX_ATTEMPTS", 40)
    monkeypatch.setattr(lemma_match, "MAX_LOOKED", 30)
    search = lemma_match._Search(A, False)
    assert search.prove(lhs, "<=", rhs, 1) is None and search.looked == 31 and search.attempts < 21


def test_the_search_stops_when_less_than_a_fifth_of_a_second_is_left(monkeypatch):
    # Cauchy-Schwarz with ones is the first instance: 0.5 s left is enough to try it, 0.1 s is not
    step = (total(x[i]) ** 2, "<=", n * total(x[i] ** 2))
    monkeypatch.setattr(lemma_match, "remaining", lambda: 0.5)
    assert prove(*step).startswith("by Cauchy-Schwarz with ones")
    monkeypatch.setattr(lemma_match, "remaining", lambda: 0.1)
    assert prove(*step) is None


def test_an_extremum_inside_another_operators_scope_does_not_hide_the_next_one():
    # max_k a_{k,i} has i free, bound by the product: it is skipped (continue), and max_j x_j, sorted after it,
    # still gets its term instance
    a = sp.IndexedBase("a", real=True)
    scoped = sp.Product(MaxOver(a[m, i], (m, 1, n)), (i, 1, n))
    how = prove(MaxOver(x[j], (j, 1, n)) + scoped, ">=", x[1] + scoped)
    assert how == ("by the largest term is at least the term at index 1 (in the range 1..n); then the two sides are "
                   "the same")


def test_only_the_familys_own_terms_name_an_index_for_an_extremum():
    # max_{i <= 2n} i^2 has no family: its instances are the range's ends (1 and 2n), not the index n of y_n, an
    # unrelated family; 2n proves the step
    how = prove(MaxOver(i ** 2, (i, 1, 2 * n)) + y[n], ">=", n ** 2 + y[n])
    assert how is not None and how.startswith("by the largest term is at least the term at index 2*n (in the range "
                                              "1..2*n)")


# -- the instance's range and conditions -----------------------------------------------------------------------
def test_a_sum_from_one_may_be_empty_for_the_lemmas_that_fix_its_first_index():
    # the harmonic sum bound's atom is sum_{t=1}^{T} 1/t (no Lo): the range 1..m is proper for every m >= 0, so the
    # lower bound log(m + 1) applies down to m = 0 (where both sides are 0)
    k = sp.Symbol("k", integer=True, nonnegative=True)
    t = sp.Symbol("t", integer=True)
    how = prove(sp.Sum(1 / t, (t, 1, k)), ">=", sp.log(k + 1))
    assert how is not None and how.startswith("by the harmonic sum bound (i = 1..k)")


def test_a_term_condition_without_a_first_index_holds_from_one():
    # t - 1 is nonnegative from t = 1 on (not from 0) and positive only from 2 on
    t = sp.Symbol("t")
    binding = {lemmas.X: sp.Lambda(t, t - 1), lemmas.Hi: n}
    assert lemma_match.conditions_hold(lemmas.Condition("term", lemmas.X(lemmas.i), "nonnegative"), binding, A)
    assert not lemma_match.conditions_hold(lemmas.Condition("term", lemmas.X(lemmas.i), "positive"), binding, A)


def test_a_function_not_real_on_the_terms_range_is_neither_convex_nor_concave():
    # log t for t < 0 is not real, though its second derivative -1/t^2 is negative there: no Jensen for it
    q = sp.IndexedBase("q", negative=True)
    tt = sp.Symbol("tt")
    assert not lemma_match._convex(sp.Lambda(tt, sp.log(tt)), q[i], 1, False)
    assert lemma_match._convex(sp.Lambda(tt, sp.log(tt)), p[i], 1, False)


def test_the_sign_of_an_atom_that_is_no_sum_comes_from_sympy_and_of_a_sum_from_its_terms():
    s = sp.Symbol("s", nonnegative=True)
    assert lemma_match._common_sign(s, s) == {"nonnegative": True}  # SymPy knows, sum_signs.sign is not asked
    maybe_empty = total(p[i], i, 2)  # SymPy does not know; sum_signs.sign does (a sum of positive terms, maybe none)
    assert maybe_empty.is_nonnegative is None
    assert lemma_match._common_sign(maybe_empty, s) == {"nonnegative": True}


def test_a_binding_is_checked_past_its_holes():
    # Lo first, then a vector where a number belongs: the hole is skipped (continue), the vector still rejected
    t = sp.Symbol("t")
    a = sp.IndexedBase(Vec("a"))
    assert not lemma_match._well_typed({lemmas.Lo: sp.Integer(1), lemmas.X: sp.Lambda(t, a[t])})


@pytest.mark.parametrize("error", [TypeError, ValueError, AttributeError])
def test_a_form_the_matcher_cannot_take_apart_is_no_match(monkeypatch, error):
    def broken(*args, **kwargs):
        raise error("cannot take this apart")
        yield  # a generator, like unify.match

    monkeypatch.setattr(lemma_match, "match", broken)
    assert list(lemma_match._matches(lemmas.LEMMAS[0].atom, total(x[i]))) == []


# -- where the lemmas apply ------------------------------------------------------------------------------------
def test_point_lemmas_look_only_at_powers_with_an_exponent_that_is_not_a_number_outside_sums():
    r, q = sp.Symbol("r", positive=True), sp.Symbol("q", positive=True)
    assert lemma_match.point_atoms(sp.exp(r) + r ** 2) == []  # a numeric exponent: no power lemma for it
    assert lemma_match.point_atoms(sp.exp(r) + total(r ** i)) == []  # r^i takes one value per index
    assert lemma_match.point_atoms(sp.exp(r) + r ** q) == [r ** q]


def test_without_a_lemma_the_terms_are_compared_as_numbers_after_turning_the_step_around(monkeypatch):
    # no lemma at all: sum e^{x_i} >= sum (1 + x_i) is the turned step sum (1 + x_i) <= sum e^{x_i}, term by term
    monkeypatch.setattr(lemmas, "LEMMAS", ())
    how = prove(total(sp.exp(x[i])), ">=", total(1 + x[i]))
    assert how is not None and how.startswith("by comparing term by term; then every term of the difference")


def test_sums_with_nothing_to_expand_are_not_said_to_be_expanded(monkeypatch):
    # both sides are already split over their terms: linearity changes nothing, and the proof (if any) must not
    # claim it; here no lemma applies and nothing else proves the step
    monkeypatch.setattr(lemmas, "LEMMAS", ())
    how = prove(total(p[i]) ** 2 + total(p[i]), ">=", total(p[i]))
    assert how is None or "expanding the sums" not in how


def test_a_residual_without_sums_does_not_claim_its_sums_were_taken_as_numbers():
    # log u <= u - 1 has no sum: the abstraction changes nothing, so the transcendental prover (for sums taken as
    # numbers of their sign) is not run and nothing says "each sum a number of its sign"
    u = sp.Symbol("u", positive=True)
    how = lemma_match.residual(sp.log(u), "<=", u - 1, A)
    assert how is None or "each sum" not in how


def test_the_decider_reports_the_points_the_step_held_at():
    step = (total(x[i]) ** 2, "<=", n * total(x[i] ** 2))
    assert lemma_match.decide(Problem(*step, A)).evidence == {"rechecked_points": 0}  # none checked before
    held = Problem(*step, A, notes={"points_held": 7})
    assert lemma_match.decide(held).evidence == {"rechecked_points": 7}


# -- more of the plausibility filter's points ------------------------------------------------------------------
def test_plausible_tries_the_integer_two():
    # an integer's sizes start at 2: a step false at n = 2 only is filtered
    assert not lemma_match.plausible((n - 2) ** 2, ">", 0, A)


def test_plausible_reaches_the_last_size_of_a_short_range():
    # n in [4, 10]: its sizes are 4, 5, 6 (those in 2..6), the last one kept for the fourth point
    a = parse_assumptions("n integer; n in [4, 10]")
    nn = a.symbol("n")
    assert not lemma_match.plausible((nn - 6) ** 2, ">", 0, a)
    assert lemma_match.plausible((nn - 7) ** 2, ">", 0, a)


def test_plausible_sets_every_term_to_two_exactly_where_the_range_holds_two():
    # (q_1 - 2)^2 > 0 fails only at q_1 = 2: the equal-terms point is 2 for a range holding 2 (both [2, 3] and
    # [1, 2]), not a random member
    q = sp.IndexedBase("q", real=True)
    for where in ("[2, 3]", "[1, 2]"):
        a = parse_assumptions(f"n integer positive; q_i in {where}")
        assert not lemma_match.plausible((q[1] - 2) ** 2, ">", 0, a), where
    assert not lemma_match.plausible((x[1] - 2) ** 2, ">", 0, A)


def test_plausible_gives_values_to_the_terms_at_indices_minus_one_to_eight_only():
    # alternating terms: x_1 + x_8 = 0 is found; x_9 and x_{-2} get no value, so a step about them is not judged
    # (left to the provers), however it would fare
    assert not lemma_match.plausible((x[1] + x[8]) ** 2, ">", 0, A)
    assert not lemma_match.plausible((x[-1] + x[0]) ** 2, ">", 0, A)
    assert lemma_match.plausible((x[2] + x[9]) ** 2, ">", 0, A)
    assert lemma_match.plausible((x[-2] + x[1]) ** 2, ">", 0, A)


def test_a_point_the_judge_cannot_evaluate_is_no_reason_to_doubt_the_step(monkeypatch):
    def broken(*args):
        raise ArithmeticError("no value here")

    monkeypatch.setattr(lemma_match, "judge", broken)
    assert lemma_match.plausible(total(x[i]) ** 2, "<=", total(x[i] ** 2), A)


# -- printing --------------------------------------------------------------------------------------------------
def test_a_sum_of_vectors_times_a_number_is_parenthesized():
    a, b = Vec("a"), Vec("b")
    assert lemma_match.shown(x[i] * (a + b)) == "x_i*(a + b)"
    assert lemma_match.shown((x[1] + x[2]) * a) == "(x_1 + x_2)*a"
