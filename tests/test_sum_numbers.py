"""numbers_by_sign (derivcheck/deciders/sum_numbers.py): each sum, product or inner product a fresh real symbol carrying
exactly the sign `sum_signs.sign` knows of it (no more: a symbol signed beyond the sum would let a false step through), one
symbol for sums equal up to their index's name, the symbols named _<prefix>1, _<prefix>2, ... in order of first use,
and `.table` listing what was replaced."""

from __future__ import annotations

import sympy as sp

from derivcheck.deciders.sum_numbers import numbers_by_sign
from derivcheck.deciders.vector_form import Inner, Vec

i, k = sp.symbols("i k", integer=True)
n = sp.Symbol("n", integer=True, positive=True)
m = sp.Symbol("m", integer=True)
a = sp.IndexedBase("a", positive=True)
b = sp.IndexedBase("b", real=True)
c = sp.IndexedBase("c", nonnegative=True)


def test_the_symbols_are_named_by_prefix_and_order_of_first_use():
    number = numbers_by_sign("q")
    first, second = number(sp.Sum(a[i], (i, 1, n))), number(sp.Sum(b[i], (i, 1, n)))
    # the names are what Z3 knows the variables by: _q1 then _q2, never _q0 or a repeated name
    assert (first.name, second.name) == ("_q1", "_q2")
    assert numbers_by_sign("prefix")(sp.Sum(c[i], (i, 1, n))).name == "_prefix1"


def test_sums_equal_up_to_their_index_name_share_one_symbol_and_others_do_not():
    number = numbers_by_sign("q")
    s = number(sp.Sum(a[i], (i, 1, n)))
    # the same sum over k, and the same sum asked again: the same number (else D(N+1) - D(N) would not cancel)
    assert number(sp.Sum(a[k], (k, 1, n))) is s and number(sp.Sum(a[i], (i, 1, n))) is s
    assert len(number.table) == 1
    other = number(sp.Sum(a[i], (i, 1, n - 1)))
    assert other != s and len(number.table) == 2
    assert set(number.table.values()) == {s, other}


def test_the_table_maps_each_sum_up_to_its_index_name_to_its_symbol():
    number = numbers_by_sign("q")
    s = number(sp.Sum(b[k], (k, 1, n)))
    ((key, value),) = number.table.items()
    assert value is s
    # the key is the sum with its index renamed: the same key for the sum written over i
    j0 = next(iter(key.variables))
    assert key == sp.Sum(b[j0], (j0, 1, n)) and j0.name.startswith("_k")


def test_each_symbol_carries_the_sign_known_of_its_sum():
    number = numbers_by_sign("q")
    assert number(sp.Sum(a[i], (i, 1, n))).is_positive is True  # n >= 1 positive terms
    assert number(sp.Sum(-a[i], (i, 1, n))).is_negative is True
    nonneg = number(sp.Sum(c[i], (i, 1, n)))
    assert nonneg.is_nonnegative is True and nonneg.is_positive is None  # c_i may all be 0
    # possibly empty (n - 1 may be 0): positive terms give only a nonnegative sum
    maybe_empty = number(sp.Sum(a[i], (i, 1, n - 1)))
    assert maybe_empty.is_nonnegative is True and maybe_empty.is_positive is None
    x, y = Vec("x"), Vec("y")
    assert number(Inner(x, x)).is_nonnegative is True
    cross = number(Inner(x, y))
    assert cross.is_real is True and cross.is_nonnegative is None


def test_a_sum_of_unknown_sign_is_a_real_number_of_no_sign():
    number = numbers_by_sign("q")
    real = number(sp.Sum(b[i], (i, 1, n)))
    assert real.is_real is True and real.is_nonnegative is None and real.is_nonpositive is None
    # from m to n may run backwards: positive terms say nothing of the sign, but the symbol is still real
    backwards = number(sp.Sum(a[i], (i, m, n)))
    assert backwards.is_real is True and backwards.is_nonnegative is None and backwards.is_nonpositive is None
