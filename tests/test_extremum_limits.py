"""Limits at infinity of an extremum over a finite range (deciders/extremum_limits.py): the members' limits are taken
as rational functions of the limit's variable, and the extremum of the limits is the limit of the extremum."""

from fractions import Fraction

import pytest
import sympy as sp
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from derivcheck.deciders import extremum_limits as el
from derivcheck.functions import MaxOver, MinOver
from derivcheck.reader.document import read_latex
from derivcheck.verdicts import check

s = sp.Symbol("s")
i = sp.Symbol("i", integer=True)
n = sp.Symbol("n", integer=True, positive=True)
c, d = sp.IndexedBase("c"), sp.IndexedBase("d")
oo = sp.oo


def _through(e, point=oo):
    return el.through(sp.Limit(e, s, point))


def test_the_extremum_of_the_members_limits_with_the_factors_sign():
    assert _through(MinOver(s * c[i] + d[i], (i, 1, n)) / s) == MinOver(c[i], (i, 1, n))
    assert _through(-MinOver(s * c[i] + d[i], (i, 1, n)) / s) == MaxOver(-c[i], (i, 1, n))  # -1/s < 0: a max
    assert _through(MinOver(s * c[i] + d[i], (i, 1, n)) / s, -oo) == MaxOver(c[i], (i, 1, n))  # 1/s < 0 at -oo
    assert _through(sp.Min(3 * s + 1, 2 * s + 5) - 3 * s) == -oo  # min(1, -oo)
    assert _through(-2 * sp.Min(3 * s + 1, 2 * s + 5) + 4 * s) == -10  # max(-2s - 2, -10)
    assert _through((2 * s + 1) / (s + 3) * MinOver((s ** 2 * c[i] + d[i]) / s ** 2, (i, 1, n))) == \
        MinOver(2 * c[i], (i, 1, n))
    assert _through((MinOver(s * c[i] + d[i], (i, 1, n)) + 3 * s) / s) == MinOver(c[i] + 3, (i, 1, n))


@pytest.mark.parametrize("e", [
    MinOver(s ** 2 * c[i] + d[i], (i, 1, n)) / s,  # +-oo by the sign of c_i: not one formula for every c_i
    MinOver(s * c[i] + d[i], (i, 1, n)) / (s * c[1] + 1),  # a leading coefficient that may be 0
    MinOver(s * c[i] + d[i], (i, 1, s)) / s,  # a range that moves with s
    MinOver(s * c[i] + d[i], (i, 1, oo)) / s,  # an infinite range (an infimum, not a min)
    MinOver(sp.exp(s) * c[i], (i, 1, n)),  # not a rational function of s
    MinOver(s * c[i], (i, 1, n)) + MaxOver(s * d[i], (i, 1, n)),  # two extrema
    MinOver(s * c[i], (i, 1, n)) * c[1],  # a factor with another symbol: its sign unknown
    sp.sin(s) * MinOver(c[i], (i, 1, n)),  # a factor of no sign near oo
])
def test_what_it_cannot_take_through_is_left_alone(e):
    assert _through(e) is None


def test_a_limit_at_a_finite_point_is_not_this_modules():
    assert el.through(sp.Limit(MinOver(s * c[i], (i, 1, n)) / s, s, 0)) is None


MEMBER = st.tuples(*[st.integers(-4, 4)] * 3)  # a s^2 + b s + e over the common denominator


@settings(max_examples=60)
@given(st.lists(MEMBER, min_size=2, max_size=4),
       st.sampled_from([(1, 0, 0), (0, 1, 0), (0, 0, 1), (2, 1, 3), (-1, 0, 5), (0, -3, 1)]),
       st.sampled_from([1, -1, 1 / s, -2 / s, s / (s + 1), (1 - s) / (s + 2)]),
       st.integers(-3, 3), st.sampled_from([oo, -oo]))
def test_what_is_taken_through_is_the_limit_at_a_far_point(members, den, factor, shift, point):
    q = den[0] * s ** 2 + den[1] * s + den[2]
    args = [(a * s ** 2 + b * s + e) / q for a, b, e in members]
    e = sp.sympify(factor) * sp.Min(*args, evaluate=False) + shift * s / (s + 1)
    assume(isinstance(sp.Limit(e, s, point), sp.Limit) and e.has(sp.Min))  # Min(0, 0) unevaluated is still free of s
    out = _through(e, point)
    assert out is not None  # every member is a rational function whose denominator's leading coefficient is a number
    far = sp.Integer(10) ** 40 * (1 if point == oo else -1)
    value = Fraction(str(sp.nsimplify(e.xreplace({s: far}).doit())))
    if out in (oo, -oo):
        assert abs(value) > 10 ** 30 and (value > 0) == (out == oo)
    else:
        assert abs(value - Fraction(str(out))) < Fraction(1, 10 ** 30)


def _verdicts(tex):
    steps, assumptions = read_latex(tex)
    return [check(x, k, assumptions) for k, x in enumerate(steps, 1)]


def test_the_implicit_bias_margin_limit_is_proved_for_every_d_and_its_false_variants_are_refuted():
    tex = r"""% assume: n integer positive
% index: i in 1..n
% vector: u, r, a_i in R^d
% assume: y_i in {-1, 1}
\begin{align*}
\lim_{s \to \infty} \frac{1}{s}\min_{i} y_i (s u + r)^\top a_i &= \min_{i} y_i u^\top a_i \\
\lim_{s \to \infty} \frac{1}{s}\min_{i} y_i (s u + r)^\top a_i &= \max_{i} y_i u^\top a_i \\
\lim_{s \to \infty} \frac{1}{s}\min_{i} y_i (s u + r)^\top a_i &= \min_{i} y_i (u + r)^\top a_i
\end{align*}
"""
    out = _verdicts(tex)
    assert [v.verdict for v in out] == ["proved", "refuted", "refuted"]
    assert out[0].evidence == {"dimension": "every"} and el.DESCRIBED in out[0].method


def test_scalar_limits_of_extrema_and_false_variants():
    tex = r"""% assume: n integer positive
% index: i in 1..n
\begin{align*}
\lim_{s \to \infty} \frac{1}{s}\min_{i} (s c_i + d_i) &= \min_i c_i \\
\lim_{s \to -\infty} \frac{1}{s}\min_{i} (s c_i + d_i) &= \max_i c_i \\
\lim_{s \to \infty} \frac{1}{s}\min_{i} (s c_i + d_i) &= \max_i c_i \\
\lim_{s \to \infty} \frac{1}{s}\min_{i} (s c_i + d_i) &= \min_i c_i + 1
\end{align*}
"""
    out = _verdicts(tex)
    assert [v.verdict for v in out] == ["proved", "proved", "refuted", "refuted"]
    assert out[0].method.startswith(el.DESCRIBED)


def test_a_limits_variable_free_elsewhere_in_the_step_is_unparsed_not_judged():
    # a point's value for s would be substituted inside the limit too (SymPy's xreplace): the false first step
    # "held" at 276 points that way, each read as max_i (2 c_i + d_i) - 2 on both sides
    tex = r"""% assume: n integer positive; s positive
% index: i in 1..n
\begin{align*}
\lim_{s \to \infty} \left(\max_{i} (s c_i + d_i) - s\right) &= \max_i (s c_i + d_i - s) \\
\lim_{s \to \infty} s e^{-s} &< s e^{-s}
\end{align*}
"""
    out = _verdicts(tex)
    assert [v.verdict for v in out] == ["unparsed", "unparsed"]
    assert all("s is a limit's variable and also a free variable" in v.evidence["reason"] for v in out)


# --- the pieces, each against its contract
a, b = sp.Symbol("a"), sp.Symbol("b")


@pytest.mark.parametrize("h, direction, value", [
    ((3 * s + 1) / (2 * s + 5), 1, sp.Rational(3, 2)), ((3 * s + 1) / (2 * s + 5), -1, sp.Rational(3, 2)),
    ((s ** 2 + 1) / (-2 * s), 1, -oo), ((s ** 2 + 1) / (-2 * s), -1, oo), ((s ** 3 - s) / 3, -1, -oo),
    ((s + 1) / s ** 2, 1, 0), (sp.Integer(5), 1, 5), (0 * s, 1, 0), ((a * s + b) / s, 1, a), ((a * s + b) / s, -1, a),
    (a * s ** 2 / (s ** 2 + b * s), 1, a),  # the denominator's lower coefficients may be anything
    (sp.Symbol("p", positive=True) * s ** 2, 1, None),  # +oo for every p > 0, but only numbers are taken
    (sp.Symbol("q", nonzero=True) * s ** 2, 1, None),  # +-oo by the sign of q: no one value
    (a * s ** 2, 1, None), ((s + 1) / (a * s + 1), 1, None),  # a leading coefficient that may be 0
    ((s + 1) / (sp.Symbol("q", nonzero=True) * s + 1), 1, 1 / sp.Symbol("q", nonzero=True)),  # one that may not
    (sp.exp(s), 1, None), (s * sp.log(s), 1, None), (sp.sin(s) / s, 1, None),
])
def test_a_members_limit_is_one_formula_for_every_value_of_the_other_symbols(h, direction, value):
    assert el.member_limit(h, s, direction) == value


@pytest.mark.parametrize("c, direction, sign", [
    (1 / s, 1, 1), (1 / s, -1, -1), (sp.Integer(-2), 1, -1), (s / (s + 1), 1, 1), (1 - s, 1, -1), (1 - s, -1, 1),
    ((s - 1) / (s + 2), -1, 1), ((2 - s) / (s + 2), 1, -1), (a * s, 1, None), (sp.Integer(0), 1, None),
    (1 / (2 * s), 1, 1), (-1 / (3 * s), 1, -1),  # the leading coefficients' ratio, of any size
    (sp.sin(s), 1, None),
])
def test_the_sign_of_a_factor_near_infinity(c, direction, sign):
    assert el._sign_near(sp.sympify(c), s, direction) == sign


def test_only_a_range_free_of_the_variable_and_finite_is_finite():
    assert el._finite_range(MinOver(c[i], (i, 1, n)), s) and el._finite_range(sp.Min(s, 1), s)
    for lo, hi in ((1, s), (s, n), (1, oo), (-oo, 1), (2, sp.zoo)):
        assert not el._finite_range(MinOver(c[i], (i, lo, hi)), s), (lo, hi)


def test_a_max_with_a_negative_factor_is_a_min_and_a_term_outside_goes_in():
    assert _through(-MaxOver(s * c[i] + d[i], (i, 1, n)) / s) == MinOver(-c[i], (i, 1, n))
    assert _through(sp.Max(s, 2 * s) / s - 1) == 1  # max(1, 2) - 1
    assert _through(sp.Min(s, 2 * s) / s, -oo) == 2  # 1/s < 0 at -oo: max(1, 2)
    # the index of the extremum is not the name of a variable outside it
    assert _through(MinOver(s * c[i], (i, 1, n)) / s + i) is None
    # a member whose limit is not one formula: the whole limit is left alone
    assert _through(sp.Min(sp.exp(s), s) / s) is None
    assert _through(MinOver(a * s ** 2 * c[i], (i, 1, n)) / s) is None


def test_rewritten_counts_the_limits_it_took_and_decide_needs_a_proof():
    e = sp.Limit(MinOver(s * c[i] + d[i], (i, 1, n)) / s, s, oo)
    assert el.rewritten(e + sp.Limit(1 / s, s, oo)) == (MinOver(c[i], (i, 1, n)) + sp.Limit(1 / s, s, oo), [e])
    assert el.rewritten(sp.Limit(1 / s, s, oo)) == (sp.Limit(1 / s, s, oo), [])
    from derivcheck.deciders.problem import Outcome, Problem
    from derivcheck.reader.declarations import Assumptions
    step = Problem(e, "=", MinOver(c[i], (i, 1, n)), Assumptions())
    seen = []

    def prove(p, verdict="proved"):
        seen.append(p)
        return Outcome(verdict, "SymPy: identical")
    out = el.decide(step, prove)
    assert out.verdict == "proved" and out.method == f"{el.DESCRIBED}; then SymPy: identical"
    assert seen[0].lhs == MinOver(c[i], (i, 1, n)) and seen[0].rhs == MinOver(c[i], (i, 1, n))
    assert el.decide(step, lambda p: prove(p, "numerically holds, not proved")) is None
    assert el.decide(step, lambda p: prove(p, "refuted")) is None  # a refutation of the rewritten step: only a proof
    both = Problem(e, "=", sp.Limit(MinOver(2 * s * c[i], (i, 1, n)) / (2 * s), s, oo), Assumptions())
    assert el.decide(both, prove).verdict == "proved" and seen[-1].lhs == seen[-1].rhs  # a limit on each side
    assert el.decide(step, lambda p: None) is None
    # no limit, or no extremum: not this decider's
    assert el.decide(Problem(MinOver(c[i], (i, 1, n)), "=", s, Assumptions()), prove) is None
    assert el.decide(Problem(sp.Limit(1 / s, s, oo), "=", 0, Assumptions()), prove) is None
    assert el.decide(Problem(sp.Limit(sp.Min(sp.exp(s), 1), s, oo), "=", 1, Assumptions()), prove) is None
