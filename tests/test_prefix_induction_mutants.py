"""What prefix_induction (derivcheck/deciders/prefix_induction.py) does beyond tests/test_prefix_induction.py.

Pinned here: only the four inequalities are tried, each in the right direction; a strict step needs a strict base
case; no proof without the base case or without the step (a false
statement is never proved); a step with a product, limit or derivative, with no family, or whose variable has no
least value, an upper bound or a finite set of values is not tried; the base case is at the declared least value.
`_upper_variable` finds the one variable every outermost sum runs up to (inner sums skipped, a double sum, a
non-integer, scaled or two-variable limit, a lower limit holding it refused); `_peeled` splits a sum exactly when the
range cannot run backwards at N0 (the boundary N0 + c = lo - 1 included), at most MAX_PEELS times; `_as_numbers`
makes each sum up to N + c a number of its sign and refuses a sum left over; `decide` reports the points held.
"""

from __future__ import annotations

import sympy as sp

from derivcheck.deciders import prefix_induction
from derivcheck.deciders.problem import Problem
from derivcheck.reader.document import parse_assumptions

T = sp.Symbol("T", integer=True, positive=True)
U = sp.Symbol("U", integer=True, positive=True)
t, s = sp.symbols("t s", integer=True)
a = sp.IndexedBase("a", positive=True)
c = sp.IndexedBase("c", nonnegative=True)
A = parse_assumptions("T integer positive; a_t positive; c_t nonnegative")
S_a = sp.Sum(a[t], (t, 1, T))
S_c = sp.Sum(c[t], (t, 1, T))
zero = sp.Integer(0)
prove = prefix_induction.prove


# --- prove: the relation and its direction


def test_only_the_four_inequalities_are_tried():
    assert prove(S_a, "=", S_a, A) is None
    assert prove(S_a, "!=", S_a + 1, A) is None


def test_each_inequality_is_read_in_its_direction():
    # sum_t a_t > 0 with a_t > 0, written four ways: proved
    for lhs, rel, rhs in [(S_a, ">=", zero), (S_a, ">", zero), (zero, "<=", S_a), (zero, "<", S_a)]:
        how = prove(lhs, rel, rhs, A)
        assert how is not None and how.startswith("induction on T from T = 1"), (lhs, rel, rhs, how)
    # the same, reversed: false, never proved
    for lhs, rel, rhs in [(S_a, "<=", zero), (S_a, "<", zero), (zero, ">=", S_a), (zero, ">", S_a)]:
        assert prove(lhs, rel, rhs, A) is None, (lhs, rel, rhs)


def test_a_strict_step_needs_a_strict_base_case():
    # sum a_t < sum a_t + sum c_t is false when every c_t = 0: the base c_1 > 0 is not proved, though the step
    # c_{T+1} >= 0 is; the non-strict form is true and proved
    assert prove(S_a, "<", S_a + S_c, A) is None
    assert prove(S_a + S_c, ">", S_a, A) is None
    assert prove(S_a, "<=", S_a + S_c, A) is not None
    assert prove(S_c, ">", zero, A) is None and prove(S_c, ">=", zero, A) is not None


# --- prove: both halves of the induction are needed


def test_no_proof_without_the_base_case():
    # sum a_t >= 1 is false (a_t small), yet its step a_{T+1} >= 0 holds: only the base case stops it
    assert prove(S_a, ">=", sp.Integer(1), A) is None
    assert prove(S_a + 1, "<=", S_a, A) is None


def test_no_proof_without_the_inductive_step():
    # sum a_t <= 2 a_1 holds at T = 1 and fails from T = 2 on (the step -a_{T+1} >= 0 fails)
    assert prove(S_a, "<=", 2 * a[1], A) is None


# --- prove: what is not tried


def test_a_step_with_a_product_limit_or_derivative_is_not_tried():
    # true, and the product cancels from the step, but products are not this decider's to split
    assert prove(S_a + sp.Product(1 + c[t], (t, 1, 3)), ">=", zero, A) is None


def test_a_step_without_a_family_is_not_tried():
    assert prove(sp.Sum(t, (t, 1, T)), ">=", zero, A) is None


def test_the_variable_must_have_a_least_value_and_no_upper_bound_or_finite_set():
    for text in ("T integer positive; T <= 5; a_t positive", "T integer positive; T in {1, 2, 3}; a_t positive"):
        assert prove(S_a, ">=", zero, parse_assumptions(text)) is None, text
    Tr = sp.Symbol("T", integer=True)  # no least value: no base case (and no crash on its missing end)
    assert prove(sp.Sum(a[t], (t, 1, Tr)), ">=", zero, parse_assumptions("T integer; a_t positive")) is None


def test_the_base_case_is_at_the_declared_least_value():
    Tr = sp.Symbol("T", integer=True)
    from3 = parse_assumptions("T integer; T >= 3; a_t positive")
    how = prove(sp.Sum(a[t], (t, 3, Tr)), ">=", zero, from3)
    assert how is not None and how.startswith("induction on T from T = 3"), how
    # sum_{t=5}^{T}: at T = 3 the range runs backwards, so the split at T + 1 is not the sum plus a term
    assert prove(sp.Sum(a[t], (t, 5, Tr)), ">=", zero, from3) is None


# --- _upper_variable


def test_the_upper_variable_of_outer_sums_with_inner_sums_up_to_the_outer_index():
    # the inner sums run up to t, not T: they are skipped, whatever order the sums are met in
    inner = [sp.Sum(a[s], (s, 1, t)), sp.Sum(c[s], (s, 1, t)), sp.Sum(a[s] ** 2, (s, 1, t))]
    outer = sp.Sum(a[t] / inner[0] + c[t] * inner[1] + inner[2], (t, 1, T))
    assert prefix_induction._upper_variable(sp.Tuple(outer, S_c)) == T
    # and a sum up to another variable is refused, wherever the inner sums stand
    assert prefix_induction._upper_variable(sp.Tuple(outer, S_c, sp.Sum(c[t], (t, 1, U)))) is None
    assert prefix_induction._upper_variable(sp.Tuple(sp.Sum(a[t], (t, 2, T - 2)), a[T])) == T
    # many inner sums to one outer one, in several forms: the walk must go on past an inner sum met first
    for family, k0 in ((a, 1), (c, 1), (a, 11), (c, 11)):
        inners = sum(sp.Sum(family[s] ** k, (s, 1, t)) for k in range(k0, k0 + 10))
        assert prefix_induction._upper_variable(sp.Tuple(sp.Sum(family[t] * inners, (t, 1, T)), zero)) == T


def test_sums_not_up_to_one_integer_variable_plus_a_constant_are_refused():
    x = sp.Symbol("x", real=True)
    refused = [
        sp.Sum(a[t], (t, 1, T), (s, 1, T)),  # a double sum
        sp.Sum(a[t], (t, 1, x)),  # a real limit (no crash either)
        sp.Sum(a[t], (t, 1, 2 * T)),  # T + c only
        sp.Sum(a[t], (t, 1, T + U)),  # two variables
        sp.Sum(a[t], (t, 1, T + x)),
        sp.Sum(a[t], (t, 1, 5)),  # no variable at all
        sp.Sum(a[t], (t, T, T + 1)),  # the lower limit moves with T
    ]
    for e in refused:
        assert prefix_induction._upper_variable(sp.Tuple(e, zero)) is None, e
    assert prefix_induction._upper_variable(sp.Tuple(a[T], zero)) is None  # no sum


# --- _peeled


def test_a_sum_is_split_exactly_where_its_range_cannot_run_backwards():
    peeled = prefix_induction._peeled
    # N0 = 1, up to T + 2 from 4: N + 2 >= 3 holds at N = 1 (the boundary), so the split is exact
    out = peeled(sp.Sum(a[t], (t, 4, T + 2)), T, 1)
    assert out is not None and sp.expand(out - (sp.Sum(a[t], (t, 4, T + 2)) + a[T + 3])) == 0
    assert peeled(sp.Sum(a[t], (t, 5, T + 2)), T, 1) is None  # one past the boundary
    # N0 = 3, up to T from 4: the boundary again, and one past it
    assert peeled(sp.Sum(a[t], (t, 4, T)), T, 3) is not None
    assert peeled(sp.Sum(a[t], (t, 5, T)), T, 3) is None
    m = sp.Symbol("m", integer=True, positive=True)
    assert peeled(sp.Sum(a[t], (t, m, T)), T, 1) is None  # m may be past T + 1


def test_a_sum_whose_limit_is_not_n_plus_an_integer_or_whose_start_moves_is_not_split():
    peeled = prefix_induction._peeled
    assert peeled(sp.Sum(a[t], (t, 1, T + sp.Rational(1, 2))), T, 1) is None
    assert peeled(sp.Sum(a[t], (t, 1, 2 * T)), T, 1) is None
    assert peeled(sp.Sum(a[t], (t, T, T + 1)), T, 1) is None
    # a sum not up to T is left as it is (nothing to split): only T becomes T + 1
    assert peeled(sp.Sum(a[t], (t, 1, 5)) + T, T, 1) == sp.Sum(a[t], (t, 1, 5)) + T + 1


def _powers_summed(k: int):
    """sum_t a_t + sum_t a_t^2 + ... + sum_t a_t^k, all up to T: k sums to split."""
    return sum(sp.Sum(a[t] ** j, (t, 1, T)) for j in range(1, k + 1))


def test_at_most_max_peels_sums_are_split():
    sums = _powers_summed
    # k sums take k splits and one more look: 15 fit in 16 rounds, 16 do not
    out = prefix_induction._peeled(sums(15), T, 1)
    assert out is not None and sp.expand(out - sums(15) - sum(a[T + 1] ** j for j in range(1, 16))) == 0
    assert prefix_induction._peeled(sums(16), T, 1) is None


# --- _as_numbers


def test_each_sum_up_to_n_plus_c_is_a_number_of_its_sign():
    e = prefix_induction._as_numbers(S_a + sp.Sum(a[t] / sp.Sum(a[s], (s, 1, t)), (t, 1, T + 1)) + a[T + 1], T)
    assert e is not None and not e.has(sp.Sum)  # the inner sum went with its outer sum
    numbers = sorted((x for x in e.atoms(sp.Symbol) if x.name.startswith("_")), key=str)
    # two different sums (up to T, and the AdaGrad sum up to T + 1): two numbers, both known positive
    assert [x.name for x in numbers] == ["_prefix1", "_prefix2"]
    assert all(x.is_positive for x in numbers)
    assert e.has(a[T + 1])  # a family member outside the sums stays


def test_a_sum_not_up_to_n_is_left_and_blocks_the_step():
    assert prefix_induction._as_numbers(S_a + sp.Sum(a[s], (s, 1, 3)), T) is None


# --- decide


def test_decide_reports_the_points_held_by_earlier_deciders():
    out = prefix_induction.decide(Problem(S_a, ">=", zero, A, notes={"points_held": 7}))
    assert out.verdict == "proved" and out.evidence == {"rechecked_points": 7}
    assert "induction on T" in out.method
    out = prefix_induction.decide(Problem(S_a, ">=", zero, A))
    assert out.evidence == {"rechecked_points": 0}
    assert prefix_induction.decide(Problem(S_a, "<=", zero, A)) is None
