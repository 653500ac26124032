"""The lemma library's matcher (derivcheck/deciders/lemma_match.py), the behaviour its first tests left open: an
extremum compared only with terms inside its range (the step's own indices among them), how many lemmas a search
may chain (a term instance counts as one) and how a chain is written, the cap on instances tried, weights that must
sum to 1, an identity that gives back the same sum, the suffix that says the sums were taken as numbers, the scalar
default, the points of the plausibility filter and the printing of norms and inner products."""

from __future__ import annotations

import sympy as sp

from derivcheck.deciders import lemma_match, lemmas
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
    assert not holds(x[t] / total(x[j], j))  # a family's values: not a closed form


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
