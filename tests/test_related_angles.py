"""Trigonometric identities whose angles differ by a rational multiple of pi (derivcheck/deciders/prover.py,
`related_angles`): cos(pi (T - t)/T) = -cos(pi t/T) as the cosine schedule's point symmetry needs, proved through
one angle; false variants refuted; the rewrite keeps the value (Hypothesis)."""

from __future__ import annotations

import mpmath
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from derivcheck.deciders.prover import MAX_ANGLES, prove_zero, related_angles

from .rows import verdicts

a, t = sp.symbols("a t", positive=True)
x = sp.Symbol("x", real=True)


def test_angles_summing_or_differing_by_multiples_of_pi_are_written_through_one():
    T = a + t  # how the reader writes T once t in 0..T is free: the angles are quotients SymPy does not relate
    assert prove_zero(sp.cos(sp.pi * a / T) + sp.cos(sp.pi * t / T))[0]  # here exp's rewrite finds it first
    assert related_angles(sp.cos(sp.pi * a / T) + sp.cos(sp.pi * t / T)) == 0  # pi - pi t/T, which SymPy evaluates
    assert prove_zero(sp.sin(sp.pi * a / T) - sp.sin(sp.pi * t / T)) == (True, "angles related by multiples of pi")
    shifted = sp.sin(sp.pi * a / T + sp.pi / 3) - sp.sin(sp.pi * a / T) / 2 - sp.sqrt(3) * sp.cos(sp.pi * a / T) / 2
    assert prove_zero(shifted)[0]
    # false: cos(pi - u) is -cos(u), not cos(u); sin(pi - u) is sin(u), not -sin(u)
    assert not prove_zero(sp.cos(sp.pi * a / T) - sp.cos(sp.pi * t / T))[0]
    assert not prove_zero(sp.sin(sp.pi * a / T) + sp.sin(sp.pi * t / T))[0]
    # angles not related by a rational multiple of pi are left alone, and so is one angle or too many
    assert related_angles(sp.cos(x) + sp.cos(2 * x)) == sp.cos(x) + sp.cos(2 * x)
    assert related_angles(sp.cos(x + sp.pi)) == sp.cos(x + sp.pi)
    many = sum(sp.cos(x + k) for k in range(MAX_ANGLES + 1))
    assert related_angles(many) == many


def test_the_cosine_schedules_point_symmetry_is_proved_and_a_sign_error_refuted():
    lr = r"\eta_0 + \frac{\bar\eta - \eta_0}{2}\left(1 + \cos\frac{\pi %s}{T}\right)"
    head = r"% assume: T integer positive; \eta_0 nonnegative; \bar\eta >= \eta_0" + "\n% index: t in 0..T\n"
    good, bad = verdicts(head, (lr % "t") + " + " + (lr % "(T - t)") + r" &= \bar\eta + \eta_0",
                         (lr % "t") + " - " + (lr % "(T - t)") + r" &= 0")
    assert good.verdict == "proved" and "angles related by multiples of pi" in good.method, (good.verdict, good.method)
    assert bad.verdict == "refuted", (bad.verdict, bad.method)


@settings(max_examples=30, derandomize=True, deadline=None)
@given(k=st.integers(-4, 4), den=st.sampled_from([1, 2, 3, 6]), sign=st.sampled_from([1, -1]),
       f=st.sampled_from([sp.sin, sp.cos, sp.tan]), at=st.fractions(-3, 3, max_denominator=7))
def test_hypothesis_the_rewrite_keeps_the_value(k, den, sign, f, at):
    u = sp.pi * x / (x + 2)
    expr = f(sign * u + sp.pi * sp.Rational(k, den)) + 3 * sp.cos(u)
    out = related_angles(expr)
    point = {x: sp.Rational(at.numerator, at.denominator)}
    before, after = (sp.N(e.xreplace(point), 30) for e in (expr, out))
    if before.is_finite and after.is_finite:
        assert mpmath.almosteq(mpmath.mpf(str(before)), mpmath.mpf(str(after)), 1e-20), (expr, out, point)
