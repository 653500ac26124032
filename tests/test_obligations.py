"""What a lemma or an induction leaves to prove (derivcheck/deciders/obligations.py): only ever a proof.

Each entry point is pinned on a true obligation it proves, on a false one it must not, and on the edges: a strict
relation at a point where the sides are equal, a form SymPy cannot decide, sums it must leave to the lemmas."""

import pytest
import sympy as sp

from derivcheck.deciders import obligations
from derivcheck.functions import MaxOver
from derivcheck.reader.declarations import Assumptions

x, y = sp.Symbol("x", real=True), sp.Symbol("y", real=True)
p = sp.Symbol("p", positive=True)
A = Assumptions()


def test_holds_needs_sympy_to_show_the_property_in_some_form():
    assert obligations.holds(x**2 + 1, "positive")
    assert obligations.holds((p + 1) / p, "positive")
    assert obligations.holds(x**2 - 2 * x + 1, "nonnegative")  # only once factored: (x - 1)^2
    assert not obligations.holds(x, "nonnegative")  # unknown is not shown
    assert not obligations.holds(x**2 - 2 * x + 1, "positive")  # false at x = 1
    assert not obligations.holds(sp.Function("f")(x), "positive")


@pytest.mark.parametrize("lhs, rel, rhs", [
    (2 * x * y, "<=", x**2 + y**2),  # polynomial: Z3
    (x**2 + y**2, ">=", 2 * x * y),  # the sides turned
    (p, "<", p + 1),
    (sp.Integer(0), "<=", sp.sqrt(x**2 + 1) - sp.Abs(x)),
])
def test_true_obligations_are_proved_and_say_how(lhs, rel, rhs):
    how = obligations.prove(lhs, rel, rhs, A)
    assert how is not None and (how.startswith("SymPy") or how == "Z3"), how


@pytest.mark.parametrize("lhs, rel, rhs", [
    (2 * x * y, "<", x**2 + y**2),  # equal at x = y: a strict step is false there
    (x**2 + y**2, ">", 2 * x * y),
    (x, "<=", x - 1),
    (x**2, "<=", x),  # false at x = 2
    (sp.log(p), "<=", p - 2),  # false at p = 1
])
def test_false_obligations_are_never_proved(lhs, rel, rhs):
    assert obligations.prove(lhs, rel, rhs, A) is None
    assert obligations.prove(lhs, rel, rhs, A, thorough=False) is None


def test_the_thorough_pass_adds_sympys_prover_and_the_quick_one_does_not():
    # log(1 + p) <= p needs monotonicity (SymPy's prover), not a sign SymPy sees or a polynomial for Z3
    assert obligations.prove(sp.log(1 + p), "<=", p, A).startswith("SymPy (monotone")
    assert obligations.prove(sp.log(1 + p), "<=", p, A, thorough=False) is None


def test_sums_and_extrema_are_left_to_the_lemmas():
    i, n = sp.Symbol("i", integer=True), sp.Symbol("n", integer=True, positive=True)
    total = sp.Sum(sp.IndexedBase("a", positive=True)[i], (i, 1, n))
    assert obligations.prove(total, ">=", 0, A) is None
    assert obligations.prove(0, "<=", total, A) is None
    assert obligations.prove(MaxOver(x + i, (i, 1, n)), "<=", MaxOver(x + i, (i, 1, n)) + 1, A) is None


def test_decided_is_z3_proving_the_relation_and_nothing_else():
    assert obligations.decided(x**2 + 1, "!=", 0, A)
    assert obligations.decided(p + 1, ">", 1, A)
    assert not obligations.decided(x, "!=", 0, A)  # false at x = 0
    assert not obligations.decided(sp.Function("f")(x), ">", 0, A)  # Z3 cannot take it: not proved


@pytest.mark.parametrize("left, proved", [(None, True), (100.0, True), (1.5, True), (0.5, False)])
def test_the_thorough_pass_runs_only_with_more_than_a_second_left(monkeypatch, left, proved):
    # SymPy's prover is the slow pass: with a second or less of the step's budget left it is skipped, not started
    monkeypatch.setattr(obligations, "remaining", lambda: left)
    how = obligations.prove(sp.log(1 + p), "<=", p, A)
    assert (how is not None) == proved, (left, how)


def test_a_rewrite_sympy_cannot_do_shows_nothing(monkeypatch):
    def cannot(*_args, **_kwargs):
        raise sp.PolynomialError("no factorisation")
    monkeypatch.setattr(obligations.sp, "factor", cannot)
    assert not obligations.holds(x**2 - 2 * x + 1, "nonnegative")  # only factoring shows it, and factoring failed
    assert obligations.holds(x**2 + 1, "positive")  # shown as written: the failing rewrite is never reached


def test_a_prover_that_fails_is_no_proof_and_no_crash(monkeypatch):
    assert obligations.prove(x * y, "<=", x**2 + y**2, A) == "Z3"  # no sign SymPy sees: Z3's alone

    def fails(*_args, **_kwargs):
        raise RuntimeError("Z3 cannot take the form")
    monkeypatch.setattr(obligations.procedures, "z3_decide", fails)
    assert obligations.prove(x * y, "<=", x**2 + y**2, A) is None  # Z3's to prove: it failed, so not proved
    assert obligations.prove(p, "<", p + 1, A) is not None  # SymPy's sign: Z3 is never asked
    assert obligations.decided(x**2 + 1, "!=", 0, A) is False


def test_declared_ranges_prove_true_obligations_and_no_false_one():
    from derivcheck.reader.document import parse_assumptions
    open_ = parse_assumptions("r in (0, 1)")
    r = open_.symbol("r")
    assert obligations.prove(r**2, "<", r, open_).endswith("(r = s/(s + 1) (s > 0))")  # the range as properties
    assert obligations.prove(r, "<=", r**2, open_, thorough=False) is None  # false at every r of the range
    assert obligations.prove(r, "<", r / 2, open_, thorough=False) is None
    closed = parse_assumptions("r in [0, 1]")
    rc = closed.symbol("r")
    assert obligations.prove(rc**2, "<=", rc, closed) is not None
    assert obligations.prove(rc**2, "<", rc, closed, thorough=False) is None  # equal at both ends: not strict


def _ranged():
    a = Assumptions()
    a.restrict_range("s", 0, 1, True, True)
    return a


s_ = sp.Symbol("s", real=True)
T_ = sp.Symbol("T", integer=True, positive=True)
r_ = sp.Abs(2 * s_ - 1)  # |1 - eta lambda| with eta lambda = 2s in (0, 2)


def test_a_power_with_a_symbolic_exponent_is_a_number_of_its_range():
    a = _ranged()
    # (1 - r^T)/(1 - r) <= 1/(1 - r): only r^T >= 0 and 1 - r > 0 are needed, and Z3 takes r^T as a number of [0, 1]
    how = obligations.prove((1 - r_**T_) / (1 - r_), "<=", 1 / (1 - r_), a)
    assert how is not None and "Abs(2*s - 1)**T in [0, 1]" in how
    lhs, rhs, fresh, what = obligations.powers_as_numbers(r_**T_, 2 * (s_ + 1)**T_, a)
    assert what == "(s + 1)**T in [1, oo), Abs(2*s - 1)**T in [0, 1]"
    assert fresh.ranges["_power0"][:2] == (1, None) and fresh.ranges["_power1"][:2] == (0, 1)
    assert (lhs, rhs) == (sp.Symbol("_power1", nonnegative=True), 2 * sp.Symbol("_power0", nonnegative=True))


@pytest.mark.parametrize("lhs, rel, rhs", [
    (r_**T_, "<=", sp.Rational(1, 2)),  # r^T is any number of [0, 1]: 1/2 is no bound of it
    (r_**T_, "<=", r_**(T_ + 1) + sp.Rational(1, 100)),  # false at T = 2, s = 1/3; each power is its own number
    ((2 * s_ - 1)**T_, ">=", 0),  # a base of either sign: no range, not proved
    ((2 * s_ + 2)**T_, "<=", 1),  # a base >= 1: its power is >= 1
])
def test_powers_as_numbers_never_prove_what_their_ranges_do_not_give(lhs, rel, rhs):
    assert obligations.prove(lhs, rel, rhs, _ranged()) is None


def test_no_power_with_a_symbolic_exponent_gives_nothing():
    assert obligations.powers_as_numbers(s_**2, s_ + 1, _ranged()) is None
    assert obligations.powers_as_numbers((2 * s_ - 1)**T_, 0, _ranged()) is None  # base of either sign


def test_an_index_is_in_a_range_only_when_both_ends_are_shown():
    n = sp.Symbol("n", integer=True, positive=True)
    j = sp.Symbol("j", integer=True)
    a = Assumptions()
    a.restrict_range("j", 1, None, False, False)
    assert not obligations.in_range(j, 1, n, a)  # j >= 1 only: j <= n is not shown
    assert obligations.in_range(n, 1, n, a) and obligations.in_range(j, 1, j + n, a)
    assert not obligations.in_range(j, 2, j + n, a)  # j = 1 is allowed
    k = sp.Symbol("k", integer=True, positive=True)
    assert not obligations.in_range(k, 1, n, Assumptions())  # k > 0 and n > 0 say nothing of n - k


def test_members_at_letter_indices_are_variables_for_a_proof():
    y = sp.IndexedBase("y", real=True)
    i, j = sp.symbols("i j", integer=True)
    a = Assumptions()
    a.restrict_range("y", -1, 1, False, False)
    assert obligations.prove(y[i] * y[j], "<=", 1, a) is not None  # y_i, y_j in [-1, 1]: two variables for Z3
    assert obligations.prove(y[i] * y[j], "<=", sp.Rational(1, 2), a) is None


@pytest.mark.parametrize("lhs, rel, rhs", [
    (sp.Symbol("r")**T_, "<", 1),  # r = 1: r^T = 1, so [0, 1] is closed at 1
    (sp.Symbol("r")**T_, ">", 0),  # r = 0: r^T = 0, so [0, 1] is closed at 0
    (sp.Symbol("r")**sp.Symbol("x", real=True), "<=", 1),  # x = -1, r = 1/2: 2; an exponent of either sign: no range
])
def test_a_power_s_range_is_closed_and_needs_an_exponent_shown_nonnegative(lhs, rel, rhs):
    a = Assumptions()
    a.restrict_range("r", 0, 1, False, False)
    lhs = lhs.xreplace({sp.Symbol("r"): a.symbol("r")})
    assert obligations.prove(lhs, rel, rhs, a) is None


def test_a_power_of_a_base_shown_nonnegative_by_z3_and_next_to_a_numeric_power():
    a = _ranged()
    # (1 - s)^T with s in (0, 1): SymPy does not see 1 - s >= 0, Z3 does; the power is then a number of [0, 1]
    assert obligations.prove((1 - (1 - s_)**T_) / s_, "<=", 1 / s_, a) is not None
    assert obligations.prove((1 - s_)**T_, "<=", 1, a) is not None
    for other in (sp.Symbol("a", real=True), sp.Symbol("z", real=True)):  # a numeric power sorted before or after
        assert obligations.prove(other**2 * r_**T_, "<=", other**2, a) is not None


def test_an_even_multiple_of_an_integer_exponent_makes_a_power_of_any_base_a_number():
    # (2s - 1)^{2T} = ((2s - 1)^2)^T with (2s - 1)^2 in [0, 1]: the edge-of-stability loss after T steps
    a = _ranged()
    out = obligations.powers_as_numbers((2 * s_ - 1)**(2 * T_), 1, a)
    assert out is not None and out[3] == "(2*s - 1)**(2*T) in [0, 1]", out
    assert obligations.prove((2 * s_ - 1)**(2 * T_), "<=", 1, a) is not None
    # an odd multiple, or an even multiple of a variable that is no integer, has no such range
    x = sp.Symbol("x", nonnegative=True)
    for e in (3 * T_, 2 * x, T_ / 2):
        assert obligations.powers_as_numbers((2 * s_ - 1)**e, 1, a) is None, e


def test_a_power_of_a_sum_is_split_and_an_exponent_whose_log_cancels_simplified():
    from derivcheck.deciders.problem import Problem
    from derivcheck.reader.document import parse_assumptions
    b = parse_assumptions(r"\beta in (0, 1); \eta_0 positive; a positive; K nonnegative")
    beta, eta0, a, k = (b.symbol(v) for v in ("beta", "eta_0", "a", "K"))
    trial = beta ** (k + sp.log(eta0 / a) / sp.log(1 / beta)) * eta0  # K >= log(eta_0/a)/log(1/beta), K = s + that
    assert sp.simplify(obligations.exponents_simplified(trial) - beta**k * a) == 0
    out = obligations.decide_powers(Problem(trial, "<=", a, b))
    assert out is not None and out.verdict == "proved" and "exponent simplified" in out.method, out
    # false variants: one halving fewer than needed, and a base above 1 (then beta^K >= 1); neither is proved
    assert obligations.decide_powers(Problem(trial / beta, "<=", a, b)) is None
    big = parse_assumptions(r"\beta in (1, 2); \eta_0 positive; a positive; K nonnegative")
    assert obligations.decide_powers(Problem(trial.xreplace({beta: big.symbol("beta")}), "<=", a, big)) is None
    # a base of either sign: no log is taken of it
    y = sp.Symbol("y", real=True)
    assert obligations.exponents_simplified(y ** (k + 1)) == y ** k * y
