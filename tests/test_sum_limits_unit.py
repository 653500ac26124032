"""Unit tests of derivcheck/deciders/sum_limits.py on hand-built SymPy expressions and `Problem`s (no file is read,
no decider runs): the least and greatest value a limit a N + c implies (`_limit_bounds`), how `implied` tightens the
declared range and says what it read, and why `off_range_of` sets a point aside. tests/test_sum_limits.py checks the
same reading end to end."""

from __future__ import annotations

from fractions import Fraction

import pytest
import sympy as sp

from derivcheck.deciders import sum_limits
from derivcheck.deciders.problem import Problem
from derivcheck.files import check_file
from derivcheck.reader.document import parse_assumptions

t = sp.Symbol("t", integer=True)
s = sp.Symbol("s", integer=True)
N = sp.Symbol("N", real=True)
M = sp.Symbol("M", real=True)


def bounds_of(*limits) -> dict:
    """What _limit_bounds records for the (lower, upper) limits of sums, taken in the order given."""
    bounds: dict = {}
    for lo, hi in limits:
        sum_limits._limit_bounds(lo, hi, bounds, "sum")
    return bounds


def read_of(lhs, declared: str | None = None) -> tuple:
    """`implied` on lhs >= 0, the symbols of lhs being the declared ones when declarations are given."""
    if declared is None:
        return sum_limits.implied(Problem(lhs, ">=", 0))
    a = parse_assumptions(declared)
    lhs = lhs.xreplace({x: a.symbol(x.name) for x in lhs.free_symbols})
    return sum_limits.implied(Problem(lhs, ">=", 0, a))


# --- _limit_bounds: the exact least / greatest value ---------------------------------------------------------------

@pytest.mark.parametrize("lo, a, c", [(1, 1, 0), (1, 2, -1), (3, 3, 1), (0, 2, 0), (0, 2, 2), (0, 3, 2), (-4, 2, 3),
                                      (5, 3, -7)])
def test_an_upper_limit_a_n_plus_c_gives_the_least_n_of_a_forward_range(lo, a, c):
    # sum_{t=lo}^{aN+c} runs forward (empty at worst) iff aN + c >= lo - 1: N >= ceil((lo - 1 - c)/a); a = 2, 3 and
    # c != 0 tell ceil from floor and each sign of the formula from its swap
    assert bounds_of((sp.Integer(lo), a * N + c)) == {N: [Fraction(-((c + 1 - lo) // a)), None, ["a sum's upper limit"]]}


@pytest.mark.parametrize("hi, a, c, greatest", [(10, 2, 3, 4), (5, 3, -1, 2), (-3, 2, 1, -2), (0, 3, 2, -1),
                                                 (7, 1, 0, 8), (4, 2, -3, 4)])
def test_a_lower_limit_a_n_plus_c_gives_the_greatest_n_of_a_forward_range(hi, a, c, greatest):
    # sum_{t=aN+c}^{hi} runs forward iff aN + c <= hi + 1: N <= floor((hi + 1 - c)/a) (10, 2N + 3: 4, not 7)
    assert greatest == (hi + 1 - c) // a
    assert bounds_of((a * N + c, sp.Integer(hi))) == {N: [None, Fraction(greatest), ["a sum's lower limit"]]}


def test_several_limits_of_one_symbol_keep_the_tightest_bounds_whatever_their_order():
    # 5..N needs N >= 4, 1..N only N >= 0: the larger least value stands, seen first or not
    assert bounds_of((5, N), (1, N))[N][0] == 4
    assert bounds_of((1, N), (5, N))[N][0] == 4
    # a lower limit seen first, then an upper one: both ends recorded
    assert bounds_of((N, 10), (1, N)) == {N: [Fraction(0), Fraction(11), ["a sum's lower limit", "a sum's upper limit"]]}
    # an upper limit, then lower limits: the least greatest value (N..3 allows N <= 4), the least value untouched
    assert bounds_of((1, N), (N, 10), (N, 20), (N, 3)) == {
        N: [Fraction(0), Fraction(4), ["a sum's upper limit"] + ["a sum's lower limit"] * 3]}
    assert bounds_of((N, 3), (N, 10)) == {N: [None, Fraction(4), ["a sum's lower limit"] * 2]}


@pytest.mark.parametrize("lo, hi", [
    (1, 5), (1, -2),  # both limits numbers: nothing to read (and no symbol to take)
    (1, N**2 + N), (1, N**2), (N**2 + 2 * N, 5),  # degree 2: N^2 + N >= 0 for every integer N, no bound on N
    (1, 2**N), (1, sp.sqrt(N)), (1, sp.floor(N)),  # not a polynomial in N
    (1, -N), (1, -2 * N + 3), (-N, 4),  # a negative coefficient: N's range would run the other way
    (1, N / 2), (1, N + sp.Rational(1, 2)), (sp.Rational(1, 2), N), (M, N),  # a non-integer a, c or other limit
    (1, N + M), (1, M * N), (s, N),  # two symbols
])
def test_limits_of_other_shapes_imply_nothing(lo, hi):
    assert bounds_of((sp.sympify(lo), sp.sympify(hi))) == {}


def test_a_limit_written_in_two_symbols_is_not_read_even_where_one_cancels():
    # (s + 1)^2 - s^2 - 2 s + M expands to M + 1, but a limit is read only when it is written in one symbol; many
    # pairs, because which of the two symbols a reading would take depends on the set's (hash-seeded) order
    pairs = [sp.symbols(f"M{i} s{i}", real=True) for i in range(32)]
    assert sorted(map(str, bounds_of(*[(1, m + (x + 1) ** 2 - x**2 - 2 * x) for m, x in pairs]))) == []


# --- implied: the declared range, tightened only, and what was read --------------------------------------------------

def test_implied_reads_the_exact_bounds_and_says_so():
    p, read = read_of(sp.Sum(1, (t, 3, 3 * M + 1)))
    assert read == "M read as an integer >= 1 (a sum's upper limit)"  # 3M + 1 >= 2
    assert p.lhs.free_symbols == {sp.Symbol("M", integer=True, positive=True)}
    p, read = read_of(sp.Product(t, (t, 2 * M + 3, 10)))
    assert read == "M read as an integer <= 4 (a product's lower limit)"  # 2M + 3 <= 11
    assert p.assumptions.ranges["M"] == (None, Fraction(4), False, False)
    assert p.assumptions.props["M"] == ("integer",)
    p, read = read_of(sp.Sum(1, (t, 1, M)) + sp.Sum(1, (t, M, 10)))
    assert read == "M read as an integer >= 0 <= 11 (a sum's lower limit, a sum's upper limit)"
    assert p.assumptions.ranges["M"] == (Fraction(0), Fraction(11), False, False)


def test_a_range_forward_at_one_value_only_is_read():
    # 1..M and M..-1 are both forward (empty) at M = 0 only: M is 0, not a contradiction
    p, read = read_of(sp.Sum(1, (t, 1, M)) + sp.Sum(1, (t, M, -1)))
    assert read == "M read as an integer >= 0 <= 0 (a sum's lower limit, a sum's upper limit)"
    assert p.assumptions.ranges["M"] == (Fraction(0), Fraction(0), False, False)


def test_a_declared_greatest_value_is_tightened_only_when_the_inferred_one_is_less():
    lhs = sp.Sum(1, (t, M, 10))  # M <= 11
    p, read = read_of(lhs, "M integer; M <= 20")
    assert read == "M read as an integer <= 11 (a sum's lower limit)"
    lo, hi, lo_open, hi_open = p.assumptions.ranges["M"]
    assert (lo, hi, hi_open) == (None, Fraction(11), False)  # the inferred end is closed: M = 11 is allowed
    assert read_of(lhs, "M integer; M <= 11")[1] is None  # the declarations already say it
    assert read_of(lhs, "M integer; M <= 5")[1] is None  # tighter than the inferred one: the declaration stands


def test_a_declared_least_value_above_the_inferred_one_stands():
    assert read_of(sp.Sum(1, (t, 1, M)), "M integer; M >= 3")[1] is None  # 1..M needs only M >= 0
    assert read_of(sp.Sum(1, (t, 1, M)), "M integer nonnegative")[1] is None  # exactly what is inferred
    p, read = read_of(sp.Sum(1, (t, 1, M)), "M >= 3")  # not declared an integer: read as one, from 3 on
    assert read == "M read as an integer >= 3 (a sum's upper limit)"
    assert p.assumptions.ranges["M"][:1] == (Fraction(3),) and p.assumptions.props["M"] == ("integer",)


def test_an_open_or_fractional_declared_end_is_read_at_its_integers():
    # M > 2 with 1..M and M..10: the integers 3..11, said as such (not ">= 2"); M >= 1/3 is M >= 1
    p, read = read_of(sp.Sum(1, (t, 1, M)) + sp.Sum(1, (t, M, 10)), "M > 2")
    assert read == "M read as an integer >= 3 <= 11 (a sum's lower limit, a sum's upper limit)"
    assert p.assumptions.ranges["M"] == (Fraction(3), Fraction(11), False, False)
    assert p.lhs.free_symbols == {sp.Symbol("M", integer=True, positive=True)}
    assert read_of(sp.Sum(1, (t, 1, M)), "M >= 1/3")[1] == "M read as an integer >= 1 (a sum's upper limit)"
    assert read_of(sp.Sum(1, (t, 1, M)), "M < 11")[1] == "M read as an integer >= 0 <= 10 (a sum's upper limit)"


def test_a_declared_range_without_integers_is_not_read_as_one(tmp_path):
    # 0 < M < 1 holds no integer: read as one, the step had no values and was "proved" vacuously
    assert read_of(sp.Sum(t, (t, 1, M)), "M > 0; M < 1")[1] is None
    assert read_of(sp.Sum(t, (t, 1, M)), "M in [1/3, 2/3]")[1] is None
    path = tmp_path / "empty.tex"
    path.write_text("% assume: M > 0; M < 1\n\\[ \\sum_{t=1}^{M} t \\ge 100 \\]\n")
    assert check_file(str(path), timeout=30).verdicts[0].verdict != "proved"


def test_declarations_that_leave_the_range_always_backwards_are_left_as_declared():
    # M < 11 and 12..M (M >= 11): no M, the range is always backwards; so with M <= -5 and 1..M
    assert read_of(sp.Sum(1, (t, 12, M)), "M < 11")[1] is None
    assert read_of(sp.Sum(1, (t, 1, M)), "M integer; M <= -5")[1] is None
    assert read_of(sp.Sum(1, (t, M, 3)), "M integer; M > 4")[1] is None  # M <= 4 and M > 4


@pytest.mark.parametrize("declared", ["a in {-3, 2}", "a integer nonnegative", "a integer; a <= -5"])
def test_a_symbol_left_as_declared_does_not_stop_the_reading_of_the_next(declared):
    # a (a finite set; already an integer >= 0; always backwards) is skipped, b after it in name order still read
    p, read = read_of(sp.Sum(1, (t, 1, sp.Symbol("a", real=True))) + sp.Sum(1, (t, 1, sp.Symbol("b", real=True))),
                      declared)
    assert read == "b read as an integer >= 0 (a sum's upper limit)"


def test_a_symbol_bound_by_an_outer_sum_is_skipped_and_the_free_one_read():
    j, n = sp.Symbol("j", integer=True), sp.Symbol("n", real=True)
    p, read = read_of(sp.Sum(1 / sp.Sum(1, (s, 1, j)), (j, 1, n)))  # j's range is the outer sum's, 1..n
    assert read == "n read as an integer >= 0 (a sum's upper limit)"
    assert "j" not in p.assumptions.ranges


def test_symbols_are_read_in_name_order():
    _, read = read_of(sp.Sum(1, (t, 1, M)) + sp.Sum(1, (t, 2 * N - 1, 6)))
    assert read == "M read as an integer >= 0 (a sum's upper limit); N read as an integer <= 4 (a sum's lower limit)"


def test_nothing_implied_leaves_the_problem_as_it_is():
    p = Problem(sp.Sum(t, (t, 1, 5)), "=", 15)  # numeric limits only
    assert sum_limits.implied(p) == (p, None)


# --- ranges, off_range, off_range_of ---------------------------------------------------------------------------------

def test_ranges_lists_every_sum_and_product_limit():
    got = sum_limits.ranges(sp.Sum(t * s, (t, 1, M), (s, 0, t)), sp.Product(t, (t, M, 5)))
    assert sorted(got, key=str) == sorted([("sum", sp.Integer(1), M), ("sum", sp.Integer(0), t),
                                           ("product", M, sp.Integer(5))], key=str)
    assert sum_limits.ranges(M, 2) == []


def test_a_range_two_below_its_lower_limit_runs_backwards():
    limits = [("sum", sp.Integer(1), M)]
    assert sum_limits.off_range_of(limits, {"M": "-1"}) == "a sum's range runs backwards there (1..-1)"
    assert sum_limits.off_range_of(limits, {"M": "0"}) is None  # one below: empty, as a paper's sum may be
    assert sum_limits.off_range(sp.Product(t, (t, 1, M)), 1, {"M": "-2"}) == \
        "a product's range runs backwards there (1..-2)"


def test_a_non_integer_limit_is_named_whichever_end_it_is():
    assert sum_limits.off_range_of([("sum", M, sp.Integer(5))], {"M": "1/2"}) == \
        "a sum's range is not one of integers there (1/2..5)"
    # a number SymPy cannot tell is an integer (it is 1) is not one a paper's sum runs over
    unknown = sp.cos(1) ** 2 + sp.sin(1) ** 2
    assert unknown.is_number and unknown.is_integer is None
    assert sum_limits.off_range_of([("sum", unknown, sp.Integer(5))], {}).startswith("a sum's range is not one of")
    assert sum_limits.off_range_of([("sum", sp.Integer(1), unknown)], {}).startswith("a sum's range is not one of")


def test_a_decimal_value_is_read_exactly():
    limits = [("sum", sp.Integer(1), M)]
    assert sum_limits.off_range_of(limits, {"M": "0.5"}) == "a sum's range is not one of integers there (1..1/2)"
    assert sum_limits.off_range_of(limits, {"M": "2.0"}) is None  # 2.0 is the integer 2


def test_an_end_bound_by_an_outer_sum_does_not_hide_the_next_range():
    limits = [("sum", sp.Integer(1), s), ("sum", sp.Integer(1), sp.oo), ("sum", sp.Integer(1), M)]
    assert sum_limits.off_range_of(limits, {"M": "-3"}) == "a sum's range runs backwards there (1..-3)"


class _Unreadable:
    def __init__(self, error):
        self.error = error

    def _sympy_(self):
        raise self.error


def test_a_value_that_cannot_be_read_gives_no_reason():
    limits = [("sum", sp.Integer(1), M)]
    assert sum_limits.off_range_of([], {"M": "-3"}) is None
    # SymPy fails to read a value with SympifyError, TypeError ("1(2)" calls a number) or SyntaxError
    for value in ("1 +", "1(2)", _Unreadable(SyntaxError("bad")), _Unreadable(TypeError("bad"))):
        assert sum_limits.off_range_of(limits, {"M": value}) is None
