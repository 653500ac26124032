"""What the general term's prover (`deciders/general_term.py`) does beyond tests/test_general_term.py.

Pinned here: which extrema and family members are replaced and with which signs, the "simplifies to 0" shortcut
(only for >= 0, only up to MAX_SIMPLIFY_OPS operations), how the provers' answers are read (a refutation is no
proof, a prover's error is no crash), the plain-point filter (a term false at a plain point never reaches the
provers, a point without a value is skipped, a variable without values leaves the decision to the provers) and the
cache (a repeated question is answered from it, and it stays bounded).
"""

from __future__ import annotations

import pytest
import sympy as sp

from derivcheck.deciders import general_term, obligations, transcendental
from derivcheck.deciders.problem import Outcome
from derivcheck.deciders.vector_form import Inner, Vec
from derivcheck.functions import MaxOver
from derivcheck.reader.declarations import Assumptions
from derivcheck.reader.document import parse_assumptions

i, j = sp.symbols("i j", integer=True)
n = sp.Symbol("n", integer=True, positive=True)
z, w = sp.IndexedBase("z"), sp.IndexedBase("w")
A = parse_assumptions("n integer positive; w_i >= 0")
# log(2w + 2) - log 2 - log(w + 1): 0, though SymPy does not see it without simplify
ZERO = sp.log(2 * w[i] + 2) - sp.log(2) - sp.log(w[i] + 1)
# 0 with numbers only and more than 40 operations: judge has no verdict on its sign (Arb cannot separate it from 0,
# its expanded form is not 0, and it is too large for judge's own simplify), the shortcut's simplify finds 0
ZERO_CONSTANT = sum(sp.log(a * b) - sp.log(a) - sp.log(b) for a, b in
                    [(2, 3), (2, 5), (3, 5), (2, 7), (3, 7), (5, 7), (2, 11), (3, 11), (5, 11), (7, 11), (2, 13),
                     (3, 13), (5, 13), (7, 13)])
SHORTCUT = "simplifies to 0"


@pytest.fixture(autouse=True)
def _own_cache(monkeypatch):
    """Each test with an empty cache of its own: answers given under a replaced prover stay in this test."""
    monkeypatch.setattr(general_term, "_SHOWN", {})


def _fresh(name: str) -> str:
    """The same text as a literal, built at run time: a property name read from a file is not interned."""
    return "".join(list(name))


def _provers_spied(monkeypatch) -> list:
    """Replace the provers behind the filter by recorders that prove nothing: what they were asked."""
    asked = []
    monkeypatch.setattr(obligations, "prove", lambda *args, **kw: asked.append(("obligations", args)))
    monkeypatch.setattr(transcendental, "decide", lambda problem: asked.append(("transcendental", problem)))
    return asked


# --- extrema and family members as variables


def test_an_extremum_whose_range_may_start_after_the_sums_is_left_alone():
    m = sp.Symbol("m", integer=True, positive=True)  # 1 - m >= 0 is unknown: max over m..n may miss the term at 1
    ext = MaxOver(z[j], (j, m, n))
    assert general_term.extrema_at(ext - z[i], i, 1, n) == ext - z[i]


def test_every_qualifying_extremum_is_replaced_after_one_that_does_not_qualify():
    skipped = MaxOver(w[j], (j, 2, n))  # sorts before the other: a refusal must not end the walk
    kept = MaxOver(z[j], (j, 1, n))
    assert sorted([skipped, kept], key=sp.default_sort_key)[0] == skipped
    out = general_term.extrema_at(skipped + kept - z[i], i, 1, n)
    assert out == skipped + sp.Symbol("_gap1", nonnegative=True)


def test_a_vector_with_itself_is_nonnegative_and_a_cross_product_any_real():
    theta, a = Vec("theta"), sp.IndexedBase(Vec("a"))
    form, _ = general_term.scalar_form(Inner(a[i], a[i]), Assumptions())
    assert form.is_nonnegative is True
    form, _ = general_term.scalar_form(Inner(theta, a[i]), Assumptions())
    assert form.is_real is True and form.is_nonnegative is None
    # what the provers make of it: ||a_i||^2 >= 0 and <theta, a_i>^2 >= 0 are proved, <theta, a_i> >= 0 is not
    assert general_term.proved(Inner(a[i], a[i]), "nonnegative", Assumptions()) is not None
    assert general_term.proved(Inner(theta, a[i]) ** 2, "nonnegative", Assumptions()) is not None
    assert general_term.proved(Inner(theta, a[i]), "nonnegative", Assumptions()) is None


def test_a_member_keeps_the_signs_sympy_knows_of_its_family():
    q = sp.IndexedBase("q", positive=True)
    form, _ = general_term.scalar_form(q[i], Assumptions())
    assert form.is_positive is True and form.is_negative is False
    assert general_term.proved(q[i], "positive", Assumptions()) is not None


def test_a_product_of_positive_factors_is_positive():
    # every factor of 2 e^{w_i} is positive: nothing is left of the product's sign to prove
    assert general_term.proved(2 * sp.exp(w[i]), "positive", A) is not None


# --- the relation and the "simplifies to 0" shortcut


def test_positive_is_strict_and_nonnegative_is_not():
    assert general_term.proved(w[i], "nonnegative", A) is not None
    assert general_term.proved(w[i], "positive", A) is None  # w_i = 0
    general_term._SHOWN.clear()  # asked again, not answered from the cache
    assert general_term.proved(w[i], _fresh("positive"), A) is None  # the property compared by value
    assert general_term.proved(w[i] ** 2, "positive", A) is None


def test_a_term_that_simplifies_to_zero_is_nonnegative_by_simplification():
    for prop in ("nonnegative", _fresh("nonnegative")):
        general_term._SHOWN.clear()  # asked again, not answered from the cache
        how = general_term.proved(ZERO, prop, A)
        assert how is not None and SHORTCUT in how, how
    # judge gives no verdict (None) at any point of ZERO_CONSTANT: such points do not stop the proof
    how = general_term.proved(ZERO_CONSTANT, "nonnegative", A)
    assert how is not None and SHORTCUT in how, how


def test_a_term_that_simplifies_to_zero_is_not_positive(monkeypatch):
    _provers_spied(monkeypatch)  # the provers prove nothing, no plain point refutes it: only the shortcut could
    monkeypatch.setattr(general_term, "_fails_somewhere", lambda *args: False)
    assert general_term.proved(ZERO, "nonnegative", A) is not None
    assert general_term.proved(ZERO, "positive", A) is None


def test_only_terms_up_to_max_simplify_ops_are_simplified(monkeypatch):
    _provers_spied(monkeypatch)  # the provers prove nothing: only the shortcut can

    def padded(size):  # ZERO times z_i + z_i^2 + ... (two operations a power) and maybe z_{i+1} (one more)
        for k in range(1, 100):
            for extra in (0, z[i + 1]):
                term = ZERO * (sp.Add(*[z[i] ** t for t in range(1, k + 1)]) + extra)
                form, _ = general_term.scalar_form(term, A)
                if sp.count_ops(general_term._without_positive_factors(form)) == size:
                    return term
        raise AssertionError(size)

    limit = general_term.MAX_SIMPLIFY_OPS
    how = general_term.proved(padded(limit), "nonnegative", A)
    assert how is not None and SHORTCUT in how, how
    assert general_term.proved(padded(limit + 1), "nonnegative", A) is None


# --- how the provers' answers are read


def test_the_provers_are_asked_about_zero_and_a_refutation_is_no_proof(monkeypatch):
    monkeypatch.setattr(general_term, "_fails_somewhere", lambda *args: False)  # the provers see the term
    # e^{-w} - 1/2 is false for w > log 2 but at least -1/2: asked about -1 <= term, a prover would prove it
    term = sp.exp(-w[i]) - sp.Rational(1, 2)
    assert general_term.proved(term, "nonnegative", A) is None
    out = []
    real_decide = transcendental.decide
    monkeypatch.setattr(transcendental, "decide", lambda problem: out.append(real_decide(problem)) or out[-1])
    general_term._SHOWN.clear()
    assert general_term.proved(term, "nonnegative", A) is None
    assert out and out[0] is not None and out[0].verdict == "refuted"  # a refutation, read as no proof


def test_a_refutation_from_the_bounds_is_not_read_as_a_proof(monkeypatch):
    monkeypatch.setattr(obligations, "prove", lambda *args, **kw: None)
    monkeypatch.setattr(transcendental, "decide", lambda problem: Outcome("refuted", "counterexample (w = 1)"))
    assert general_term.proved(w[i] + 1, "positive", A) is None


def test_a_prover_that_fails_with_an_error_is_no_proof_and_no_crash(monkeypatch):
    monkeypatch.setattr(obligations, "prove", lambda *args, **kw: None)

    def broken(problem):
        raise ValueError("the prover failed on the form")

    monkeypatch.setattr(transcendental, "decide", broken)
    assert general_term.proved(w[i] + 1, "positive", A) is None


# --- the plain-point filter


def test_a_term_false_at_a_plain_point_never_reaches_the_provers(monkeypatch):
    asked = _provers_spied(monkeypatch)
    # between -1 and -1/2 everywhere: false at every point, never below -1
    term = 1 / (z[i] ** 2 + 2) - 1
    for prop in ("nonnegative", "positive"):
        assert general_term.proved(term, prop, A) is None
    assert asked == []
    assert general_term.proved(z[i] ** 2 + 1, "positive", A) is None  # true: the provers are asked
    assert asked


def test_a_search_that_fails_with_an_error_leaves_the_decision_to_the_provers(monkeypatch):
    asked = _provers_spied(monkeypatch)

    def broken(*args, **kwargs):
        raise ValueError("no value at this point")

    monkeypatch.setattr(general_term.counterexamples, "search", broken)
    # false at every point, but a search that cannot run raises no doubt: the provers are asked (and prove nothing)
    assert general_term.proved(1 / (z[i] ** 2 + 2) - 1, "nonnegative", A) is None
    assert asked


def test_the_search_is_asked_whether_zero_rel_term_fails(monkeypatch):
    seen = []
    real = general_term.counterexamples.search

    def spy(lhs, rel, rhs, *args, **kwargs):
        seen.append((lhs, rel, rhs, kwargs.get("optimise")))
        return real(lhs, rel, rhs, *args, **kwargs)

    monkeypatch.setattr(general_term.counterexamples, "search", spy)
    general_term.proved(z[i] ** 2 + 3, "positive", A)
    general_term.proved(z[i] ** 2 + 5, "nonnegative", A)
    assert [s[:2] for s in seen] == [(0, "<"), (0, "<=")]
    assert all(s[3] is False for s in seen)  # a few plain points, not the optimiser


def test_a_member_without_values_leaves_the_decision_to_the_provers():
    # q_i integer in (0, 1), as declarations of one family can add up to: no value to try, so no plain point can
    # doubt the term (nor end in an error); the provers decide, and q_i^2 >= 0 holds for an integer
    empty = Assumptions({"q_i": {"integer"}}, {"q_i": (0, 1, True, True)}, {})
    q = sp.IndexedBase("q")
    assert general_term.proved(q[i] ** 2, "nonnegative", empty) is not None


# --- the cache


def test_a_repeated_question_is_answered_from_the_cache(monkeypatch):
    computed = []
    monkeypatch.setattr(general_term, "_proved", lambda term, prop, a: computed.append(term) or f"how {term}")
    for term in (z[i], w[i], z[i], w[i]):
        assert general_term.proved(term, "nonnegative", A) == f"how {term}"
    assert computed == [z[i], w[i]]  # each computed once, though another came in between


def test_the_cache_stays_bounded(monkeypatch):
    monkeypatch.setattr(general_term, "_proved", lambda term, prop, a: None)
    for k in range(general_term.CACHE_SIZE + 10):
        general_term.proved(sp.Integer(k), "nonnegative", A)
    assert 0 < len(general_term._SHOWN) <= general_term.CACHE_SIZE + 1
