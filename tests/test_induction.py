"""Induction on a sum's upper limit (derivcheck/deciders/induction.py): closed forms and growing bounds proved,
and nothing else: a bound that does not grow, a false one, a family, a range running backwards at the base, no
least value, a sum whose term depends on the limit."""

from __future__ import annotations

import pytest
import sympy as sp

from derivcheck.deciders import induction
from derivcheck.reader.declarations import Assumptions
from derivcheck.reader.document import parse_assumptions

T = sp.Symbol("T", integer=True, positive=True)
N = sp.Symbol("N", integer=True, nonnegative=True)
t = sp.Symbol("t", integer=True)
rho = sp.Symbol("rho", positive=True)
x = sp.IndexedBase("x", real=True)
A = Assumptions()


def total(body, lo=1, hi=T):
    return sp.Sum(body, (t, lo, hi))


def test_closed_forms_by_induction():
    assert induction.prove(total(t ** 3), "=", (T * (T + 1) / 2) ** 2, A).startswith("induction on T from T = 1")
    assert induction.prove((T * (T + 1) / 2) ** 2, "=", total(t ** 3), A) is not None
    assert induction.prove(total(t, 0, N), "=", N * (N + 1) / 2, A).startswith("induction on N from N = 0")
    assert induction.prove(total(rho ** t, 0, T - 1), "=", (1 - rho ** T) / (1 - rho), A) is not None
    assert induction.prove(total(t ** 3), "=", (T * (T + 1) / 2) ** 2 + 1, A) is None  # off by one everywhere
    assert induction.prove(total(t ** 3), "=", T ** 3 * (T + 1) / 2, A) is None  # right at T = 1 only
    assert induction.prove(total(t), "=", T * (T + 1) / 2 + (T - 1) * (T - 2) * (T - 3), A) is None


def test_bounds_that_grow_with_the_limit_by_induction():
    assert induction.prove(total(t ** -2), "<=", 2 - 1 / T, A).startswith("induction on T from T = 1: the base")
    assert induction.prove(2 - 1 / T, ">=", total(t ** -2), A) is not None
    assert induction.prove(total(t ** -2), "<", 2 - 1 / T + sp.Rational(1, 10), A) is not None  # strict: base > 0
    assert induction.prove(total(t ** -2), "<", 2 - 1 / T, A) is None  # equality at T = 1
    assert induction.prove(total(t / 2 ** t), "<=", 2 - (T + 2) / 2 ** T, A) is not None
    assert induction.prove(total(1 / sp.sqrt(t)), "<=", 2 * sp.sqrt(T) - 1, A) is not None  # Z3 with roots
    assert induction.prove(1 - 1 / (T + 1), "<=", total(t ** -2), A) is not None


def test_what_induction_of_this_kind_does_not_prove():
    assert induction.prove(total(t ** -2), "<=", 2, A) is None  # true, but the bound does not grow
    assert induction.prove(total(t ** -2), "<=", sp.Rational(8, 5), A) is None  # false from T = 22
    assert induction.prove(total(x[t]), "<=", total(x[t] ** 2) + T, A) is None  # a family: not one variable
    assert induction.prove(total(t, 3), ">=", 0, A) is None  # at T = 1 the sum runs backwards
    m = sp.Symbol("m", integer=True)
    assert induction.prove(sp.Sum(t, (t, 1, m)), ">=", 0, A) is None  # no least value
    assert induction.prove(total(t / T), "<=", T, A) is None  # the term depends on the limit
    assert induction.prove(total(t) * total(t), ">=", 0, A) is None  # not linear in its sums
    assert induction.prove(total(t, 1, 2 * T), ">=", 0, A) is None  # the limit is not T + c
    assert induction.prove(total(t, 1, T ** 2), ">=", 0, A) is None
    assert induction.prove(sp.Sum(t, (t, 1, T), (T, 1, 3)), ">=", 0, A) is None
    assert induction.prove(total(t), "!=", -1, A) is None and induction.prove(rho, "<=", rho + 1, A) is None
    assert induction.prove(total(sp.Sum(t, (t, 1, T))), ">=", 0, A) is None  # a sum inside the term
    bounded = parse_assumptions("T integer; T in [1, 5]")
    Tb = bounded.symbol("T")
    assert induction.prove(sp.Sum(t, (t, 1, Tb)), ">=", 0, bounded) is None  # finitely many: not induction's
    three = parse_assumptions("K integer; K > 2")
    K = three.symbol("K")
    assert induction.prove(sp.Sum(t, (t, 3, K)), "=", K * (K + 1) / 2 - 3, three).startswith(
        "induction on K from K = 3")


def test_the_base_case_range_is_exact():
    # sum_{t=3}^{T+1} is empty at T = 1 (it runs from 3 to 2): an ordinary sum there, so induction applies
    assert induction.prove(total(t, 3, T + 1), "=", (T + 1) * (T + 2) / 2 - 3, A) is not None
    assert induction.prove(total(t, 4, T + 1), ">=", 0, A) is None  # from 4 to 2 at T = 1: runs backwards
    m = sp.Symbol("m", integer=True, positive=True)
    assert induction.prove(sp.Sum(t, (t, m, T)), ">=", 0, A) is None  # a symbolic lower limit: not known ordinary


def test_the_step_of_an_equation_holds_only_above_the_least_value():
    # |T - 1| + 1 = T for T >= 1 only: the step must be proved for T = 1 + k, k >= 0, and nowhere else
    assert induction.prove(total(sp.Integer(1)), "=", sp.Abs(T - 1) + 1, A) is not None
    assert induction.prove(total(sp.Integer(1)), "<=", sp.Abs(T - 1) + 1, A) is not None


def test_an_inductive_step_true_only_at_integers_is_proved_over_the_integers():
    # the step (T - 1) T (2T + 1) >= 0 fails at T = 1/2 and at T = -1, and holds at every integer T >= 0
    assert induction.prove(sp.Sum((t - 1) * (t - 2) * (2 * t - 1), (t, 1, N)), ">=", 0, A) is not None


def test_an_open_least_value_that_is_not_an_integer():
    half = parse_assumptions("T integer; T > 1/2")
    Th = half.symbol("T")
    # false at T = 1 (1 >= 2), true from T = 2 on: the least value is 1, not 2
    assert induction.prove(sp.Sum(t, (t, 1, Th)), ">=", Th + 1, half) is None
    assert induction.prove(sp.Sum(t, (t, 1, Th)), ">=", Th, half) is not None


def test_sums_sharing_an_index_and_sums_whose_range_moves_at_both_ends():
    both = total(t) + total(t ** 2)
    assert induction.prove(both, "=", T * (T + 1) / 2 + T * (T + 1) * (2 * T + 1) / 6, A) is not None
    # the lower limit moves with T: the step is not one new term; false from T = 2 on (5 terms, not 4)
    assert induction.prove(sp.Sum(sp.Integer(1), (t, -T, T)), "=", T + 2, A) is None
    assert induction.prove(sp.Sum(T, (t, 1, T)), "=", T * (T - 1) / 2 + 1, A) is None  # false at T = 2: 4, not 2
    other = sp.Symbol("M", integer=True, positive=True)
    assert induction.prove(total(t) + sp.Sum(t, (t, 1, other)), ">=", 0, A) is None  # two limits: two variables
    assert induction.prove(sp.Sum(t, (t, 1, rho)), ">=", 0, A) is None  # the limit is no integer variable


def test_steps_without_sums_by_induction_on_their_integer_variable():
    k = sp.Symbol("k", integer=True, nonnegative=True)
    assert induction.prove(2 ** k, ">=", k + 1, A).startswith("induction on k from k = 0")  # 2^k - 1 >= 0
    assert induction.prove(2 ** k, ">=", k + 2, A) is None  # false at k = 0
    assert induction.prove(2 ** k, ">=", k ** 2, A) is None  # false at k = 3, and the step fails there too
    n = sp.Symbol("n", integer=True, positive=True)
    how = induction.prove(sp.log(sp.factorial(n)), "<=", n * sp.log(n), A)
    assert how.startswith("induction on n from n = 1")  # log (n+1)! - log n! = log(n + 1), combined first
    assert induction.prove(sp.log(sp.factorial(n)), "<=", n * sp.log(n) - 1, A) is None  # false at n = 1
    x = sp.Symbol("x", real=True)
    assert induction.prove(x * k, "<=", x * k + 1, A) is not None  # other variables: for every value of theirs
    two = sp.Symbol("m", integer=True, positive=True)
    assert induction.prove(k, "<=", k + two, A) is None  # two integer variables: no one to induct on


@pytest.mark.slow  # over 10 s on 2 cores: the slow tier, which CI also runs
def test_positive_sides_by_induction_on_their_ratio():
    n = sp.Symbol("n", integer=True, positive=True)
    how = induction.by_ratio(sp.factorial(n), "<=", n ** n, A)
    assert how.startswith("induction on n from n = 1 on the ratio") and "L(n + 1)/L(n) = n + 1" in how
    assert induction.by_ratio(n ** n, ">=", sp.factorial(n), A) is not None
    assert induction.by_ratio(sp.factorial(n), "<=", n ** (n - 1), A) is not None  # equal at n = 1, 2
    assert induction.by_ratio(sp.factorial(n), "<", n ** (n - 1), A) is None  # equal at n = 1: not strict
    assert induction.by_ratio(sp.factorial(n), "<=", n ** (n - 2), A) is None  # 2 > 1 at n = 2
    assert induction.by_ratio(sp.factorial(n), "<=", 2 ** n, A) is None  # false from n = 4: the ratio n + 1 > 2
    assert induction.by_ratio(n - 3, "<=", n ** 2, A) is None  # a side not positive: the ratio argument fails
    assert induction.by_ratio(sp.factorial(n), "=", sp.factorial(n), A) is None


def test_induction_as_a_decider():
    from derivcheck.deciders.problem import Problem
    k = sp.Symbol("k", integer=True, nonnegative=True)
    out = induction.decide(Problem(2 ** k, ">=", k + 1, A))
    assert out is not None and out.verdict == "proved"
    assert induction.decide(Problem(2 ** k, ">=", k + 2, A)) is None
    assert induction.decide(Problem(rho, "<=", rho + 1, A)) is None  # no integer variable
    assert induction.decide(Problem(2 ** k, "=", 2 ** k, A)) is None  # equations are SymPy's


def test_factorials_and_logs_of_them():
    n = sp.Symbol("n", integer=True, positive=True)
    k = sp.Symbol("k", integer=True)
    assert induction.by_ratio(2 ** (n - 1), "<=", sp.factorial(n), A) is not None  # ratio 2 <= n + 1
    assert induction.prove(sp.log(sp.factorial(n)), "=", sp.Sum(sp.log(k), (k, 1, n)), A) is not None
    assert induction.prove(sp.log(sp.factorial(n)), "=", sp.Sum(sp.log(k), (k, 1, n)) + 1, A) is None


def test_a_step_that_holds_only_from_a_later_value_on_with_the_first_values_evaluated():
    # k^2 <= 2^k + 1: D(k + 1) - D(k) = 2^k - 2k - 1 < 0 at k = 1, 2, >= 0 from k = 3; the cases k = 1, 2 evaluated
    a = parse_assumptions("k integer positive")
    k = a.symbol("k")
    how = induction.prove(k ** 2, "<=", 2 ** k + 1, a)
    assert how is not None and how.startswith("induction on k from k = 3 (k = 1..2 evaluated)")
    # false only at one value below the start (k = 3: 9 > 8), or with a strict step (9 < 9 fails): never proved
    assert induction.prove(k ** 2, "<=", 2 ** k, a) is None
    assert induction.prove(k ** 2, "<", 2 ** k + 1, a) is None
    # the central binomial coefficient between 4^k/(2k) and 4^k, on the ratio (positive once written with gamma)
    c = sp.binomial(2 * k, k)
    assert "on the ratio" in induction.by_ratio(c, "<=", 4 ** k, a)
    assert "on the ratio" in induction.by_ratio(4 ** k / (2 * k), "<=", c, a)
    assert induction.by_ratio(c, "<=", 3 ** k, a) is None  # false from k = 5 (252 > 243)


def test_a_sum_from_a_parameter_on_is_proved_by_induction_on_its_length():
    # sum_{k=w+1}^{w+K}: K is the variable (the only one in no lower limit), w a parameter of the base case and step
    w, K = sp.Symbol("w", integer=True, positive=True), sp.Symbol("K", integer=True, nonnegative=True)
    tail = sp.Sum(1 / sp.sqrt(t), (t, w + 1, w + K))
    how = induction.prove(tail, "<=", 2 * sp.sqrt(w + K) - 2 * sp.sqrt(w), A)
    assert how is not None and how.startswith("induction on K from K = 0"), how
    assert induction.prove(sp.Sum(t ** -2, (t, w + 1, w + K)), "<=", 1 / w - 1 / (w + K), A) is not None
    # false variants: the bound of one term fewer (false at K = 1), and a sum with more terms than the bound has
    assert induction.prove(tail, "<=", 2 * sp.sqrt(w + K) - 2 * sp.sqrt(w + 1), A) is None
    assert induction.prove(sp.Sum(1 / sp.sqrt(t), (t, w, w + K)), "<=", 2 * sp.sqrt(w + K) - 2 * sp.sqrt(w), A) is None
    # a real parameter in the upper limit is no count of terms
    x = sp.Symbol("x", positive=True)
    assert induction.prove(sp.Sum(t ** -2, (t, 1, x + K)), ">=", 0, A) is None
