"""same_value: two forms of one value shown equal by SymPy, with powers of a negated base signed out (an even
integer power drops the sign, an odd one brings it out, any other exponent keeps the power as written)."""

import sympy as sp

from derivcheck.deciders.same_value import same, sign_out

b = sp.Symbol("b", real=True)
T = sp.Symbol("T", integer=True)
x = sp.Symbol("x", real=True)


def test_an_even_power_of_a_negated_base_drops_the_sign():
    assert sign_out((-b) ** (2 * T)) == b ** (2 * T)
    assert same((1 - b) ** (2 * T), (b - 1) ** (2 * T))


def test_an_odd_power_of_a_negated_base_brings_the_sign_out():
    assert sign_out((-b) ** (2 * T + 1)) == -b ** (2 * T + 1)
    assert same((1 - b) ** (2 * T + 1), -(b - 1) ** (2 * T + 1))


def test_an_integer_power_of_unknown_parity_is_kept():
    # (-b)^T is b^T or -b^T depending on T: neither form may replace it
    assert sign_out((-b) ** T) == (-b) ** T
    assert not same((1 - b) ** T, (b - 1) ** T)
    assert not same((1 - b) ** T, -(b - 1) ** T)


def test_a_power_whose_base_has_no_minus_sign_is_left_alone():
    assert sign_out(b ** (2 * T)) == b ** (2 * T)
    assert sign_out((b + 1) ** (2 * T + 1)) == (b + 1) ** (2 * T + 1)
    assert sign_out(x * b ** (2 * T + 1)) == x * b ** (2 * T + 1)


def test_a_matrix_equals_a_scalar_only_when_both_are_zero():
    zero = sp.zeros(2, 1)
    assert same(zero, 0) and same(0, zero)
    assert not same(sp.Matrix([1, 0]), 0) and not same(0, sp.Matrix([0, 1]))
    assert not same(zero, 1)
