"""Where a step is defined as written (issue 29, item 3): the reader's conditions and the decider that requires them.

SymPy makes x^2/x into x while the reader builds it; the step is still undefined at x = 0 as written, and a side
undefined at an allowed point is a counterexample."""

import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from derivcheck.deciders import definedness
from derivcheck.deciders.problem import Problem
from derivcheck.reader.declaration_lines import parse_assumptions
from derivcheck.reader.declarations import Assumptions
from derivcheck.reader.document import read_latex
from derivcheck.reader.domain_conditions import Condition, close_over, denominator, drop_limit_variable, power
from derivcheck.verdicts import check

PASSING = ("proved", "numerically holds, not proved", "holds for d <= 4")


def verdicts(tex: str, header: str = "", timeout: float = 60):
    steps, _ = read_latex(header + "\\begin{align*}\n" + tex + "\n\\end{align*}\n")
    return [check(s, k, timeout=timeout) for k, s in enumerate(steps, 1)]


def verdict(tex: str, header: str = ""):
    (v,) = verdicts(tex, header)
    return v


# -- the examples ------------------------------------------------------------------------------------------
def test_a_cancelled_denominator_is_still_a_denominator():
    for src in ("\\frac{x^2}{x} &= x", "\\frac{x}{x} &= 1"):
        v = verdict(src, "% assume: x real\n")
        assert v.verdict == "refuted" and v.evidence["counterexample"] == {"x": "0"}, v
        assert v.evidence["lhs"] == "undefined" and "as written" in v.evidence["certified_by"]


def test_the_same_steps_are_proved_where_the_denominator_cannot_vanish():
    for header in ("% assume: x \\ne 0\n", "% assume: x positive\n", "% assume: x in [1, 2]\n"):
        for src in ("\\frac{x^2}{x} &= x", "\\frac{x}{x} &= 1"):
            v = verdict(src, header)
            assert v.verdict == "proved", (header, src, v)


def test_an_undefined_right_side_is_named():
    v = verdict("\\log(x^2) &= 2\\log x", "% assume: x \\ne 0\n")
    assert v.verdict == "refuted" and v.evidence["rhs"] in ("undefined", "not real")
    assert "right side is undefined" in v.evidence["certified_by"]


def test_a_root_squared_needs_a_nonnegative_argument():
    assert verdict("(\\sqrt{x})^2 &= x", "% assume: x real\n").verdict == "refuted"
    assert verdict("(\\sqrt{x})^2 &= x", "% assume: x nonnegative\n").verdict == "proved"


def test_a_sum_over_its_range_is_defined_and_a_range_through_zero_is_not():
    assert verdict("\\sum_{t=1}^{T} \\frac{t}{t} &= T", "% assume: T integer positive\n").verdict == "proved"
    v = verdict("\\sum_{t=0}^{T} \\frac{1}{t} &\\ge 0", "% assume: T integer positive\n")
    assert v.verdict == "refuted" and "for some t in 0..T" in v.evidence["certified_by"]


def test_a_limit_looks_past_its_point_and_a_derivative_is_taken_where_it_is():
    assert verdict("\\lim_{x \\to 0} \\frac{\\sin x}{x} &= 1").verdict == "proved"
    v = verdict("\\frac{d}{dx} \\log x &= \\frac{1}{x}", "% assume: x real\n")
    assert v.verdict == "refuted" and sp.Rational(v.evidence["counterexample"]["x"]) <= 0


def test_a_condition_that_is_neither_shown_nor_refuted_means_no_proof():
    # e^x - x^5/120 > 0 is true (e^x is above its Taylor term x^5/120 for x >= 0), but past the cheap bounds' degree 3
    v = verdict("\\frac{e^x - x^5/120}{e^x - x^5/120} &= 1", "% assume: x real\n")
    assert v.verdict == "numerically holds, not proved", v
    assert "no proof counts" in v.evidence["not_shown"]


def test_a_real_power_of_a_real_base():
    v = verdict("x^{y} x^{-y} &= 1", "% assume: x, y real\n")
    assert v.verdict == "refuted"
    assert verdict("x^{y} x^{-y} &= 1", "% assume: x positive; y real\n").verdict == "proved"


def test_an_integer_power_is_undefined_only_at_zero_with_a_negative_exponent():
    v = verdict("x^{n} x &= x^{n+1}", "% assume: x real; n integer\n")
    assert v.verdict == "refuted" and v.evidence["counterexample"]["x"] == "0"
    assert int(v.evidence["counterexample"]["n"]) < 0  # 0^n is 0 for n >= 0: only a negative n refutes
    assert verdict("x^{n} x &= x^{n+1}", "% assume: x real; n integer nonnegative\n").verdict == "proved"


def test_a_vector_norm_in_a_denominator():
    v = verdict("\\frac{\\|\\theta\\|^2}{\\|\\theta\\|} &= \\|\\theta\\|", "% vector: \\theta in R^d\n")
    assert v.verdict == "refuted"


def test_a_function_bodys_conditions_hold_at_its_arguments():
    header = "% function: g(z) = \\frac{z^2}{z}\n% assume: x real\n"
    assert verdict("g(x + 1) &= x + 1", header).verdict == "refuted"
    assert verdict("g(x^2 + 1) &= x^2 + 1", header).verdict == "proved"


# -- conditions as the reader records them ------------------------------------------------------------------------
def test_conditions_are_not_recorded_where_sympy_shows_them():
    x = sp.Symbol("x", positive=True)
    assert denominator(x) == [] and denominator(1 + sp.exp(sp.Symbol("z", real=True))) == []
    assert power(sp.Symbol("y", real=True), 2) == []
    (c,) = power(sp.Symbol("y", real=True), sp.Rational(1, 2))
    assert (c.kind, c.exact) == (">= 0", True)


def test_a_condition_under_a_sum_holds_for_every_index_and_a_limits_is_dropped():
    i, n, x = sp.Symbol("i", integer=True), sp.Symbol("n", integer=True, positive=True), sp.Symbol("x", real=True)
    (c,) = close_over(denominator(i - x), i, 1, n)
    expr, kind = c.closed()
    assert kind == "> 0" and expr.func.__name__ == "MinOver" and i not in expr.free_symbols
    y = sp.Symbol("y", real=True)
    assert drop_limit_variable(denominator(x), x) == [] and drop_limit_variable(denominator(y), x) != []


def test_a_condition_shown_from_its_index_range():
    t, T = sp.Symbol("t", integer=True), sp.Symbol("T", integer=True, positive=True)
    (c,) = close_over(denominator(t), t, 1, T)
    assert definedness.shown_everywhere(c, parse_assumptions("")) is not None
    (d,) = close_over(denominator(t), t, 0, T)
    assert definedness.shown_everywhere(d, parse_assumptions("")) is None


def test_python_step_problems_without_conditions_pass_through():
    x = sp.Symbol("x", real=True)
    assert definedness.decide(Problem(x, "=", x)) is None
    c = Condition(x, "!= 0", "the denominator x", 1 / x, side="left")
    out = definedness.decide(Problem(x, "=", x, conditions=(c,)))
    assert out.verdict == "refuted" and out.evidence["counterexample"] == {"x": "0"}


# -- false variants are never proved --------------------------------------------------------------------------------
@settings(max_examples=12)
@given(a=st.integers(-4, 4), b=st.integers(-4, 4), below=st.integers(1, 3), nudge=st.sampled_from([0, 1, -2]))
def test_a_cancelled_factor_outside_the_domain_is_proved_and_inside_it_refuted(a, b, below, nudge):
    """(x - a)(x + b)/(x - a) = x + b: true for x > a; the range widened to x > a - below puts x = a inside it, and a
    nudged constant makes it false everywhere. Neither false variant is ever proved, and both are refuted."""
    src = f"\\frac{{(x - ({a}))(x + ({b}))}}{{x - ({a})}} &= x + ({b}) + ({nudge})"
    inside = verdict(src, f"% assume: x > {a - below}\n")
    assert inside.verdict == "refuted", inside
    if nudge == 0:
        assert sp.Rational(inside.evidence["counterexample"]["x"]) == a
    outside = verdict(src, f"% assume: x > {a}\n")
    assert outside.verdict == ("proved" if nudge == 0 else "refuted"), outside


# -- how a condition is shown or refuted ---------------------------------------------------------------------------
X = sp.Symbol("x", real=True)
NONE = parse_assumptions("")


def cond(expr, kind="> 0", witness=None, exact=True):
    return Condition(sp.sympify(expr), kind, "w", witness if witness is not None else sp.log(expr), exact=exact,
                     side="left")


def test_each_way_a_condition_is_shown_says_which():
    assert definedness.shown_everywhere(cond(sp.exp(X) + 1), NONE) == "SymPy's assumptions"
    assert definedness.shown_everywhere(cond(X ** 2 - 2 * X + 2), NONE) == "Z3"
    assert definedness.shown_everywhere(cond(sp.sin(X) ** 2 + sp.cos(X) ** 2), NONE).startswith("SymPy (")
    assert definedness.shown_everywhere(cond(X ** 2 - 2 * X + 1), NONE) is None  # 0 at x = 1
    assert definedness.all_shown([cond(sp.exp(X) + 1), cond(X ** 2 + 1)], NONE)
    assert not definedness.all_shown([cond(sp.exp(X) + 1), cond(X)], NONE)


def test_a_condition_under_an_index_is_shown_from_either_end_of_its_range():
    t, T = sp.Symbol("t", integer=True), sp.Symbol("T", integer=True, positive=True)
    (below,) = close_over(denominator(t), t, -T, -1)  # t = -1 - s < 0: shown from the top end only
    assert definedness.shown_everywhere(below, NONE) is not None
    (across,) = close_over(denominator(t), t, -T, T)
    assert definedness.shown_everywhere(across, NONE) is None


def test_a_sum_of_positive_terms_over_a_nonempty_range_is_positive_and_only_then():
    i, n, m = sp.Symbol("i", integer=True), sp.Symbol("n", integer=True, positive=True), sp.Symbol("m", integer=True)
    p, q = sp.IndexedBase("p", positive=True), sp.IndexedBase("q", nonnegative=True)
    assert definedness.shown_everywhere(cond(sp.Sum(p[i], (i, 1, n)), "!= 0"), NONE) is not None
    assert definedness.shown_everywhere(cond(sp.Sum(p[i], (i, 1, m)), "!= 0"), NONE) is None  # m may be 0
    assert definedness.shown_everywhere(cond(sp.Sum(q[i], (i, 1, n)), ">= 0"), NONE) is not None
    assert definedness.shown_everywhere(cond(sp.Sum(q[i], (i, 1, n)), "> 0"), NONE) is None  # q_i may all be 0
    assert definedness.shown_everywhere(cond(sp.Product(p[i], (i, 1, m))), NONE) is not None


def test_out_of_time_stops_before_z3_and_sympy(monkeypatch):
    monkeypatch.setattr(definedness, "remaining", lambda: 0.0)
    assert definedness.shown_everywhere(cond(X ** 2 - 2 * X + 2), NONE) is None
    assert definedness.shown_everywhere(cond(sp.exp(X) + 1), NONE) == "SymPy's assumptions"
    monkeypatch.setattr(definedness, "remaining", lambda: None)
    assert definedness.shown_everywhere(cond(X ** 2 - 2 * X + 2), NONE) == "Z3"


def test_a_refutation_names_the_undefined_side_and_keeps_the_others_value():
    y = sp.Symbol("y", real=True)
    left = Condition(X, "!= 0", "the denominator x", 1 / X, side="left")
    out = definedness.decide(Problem(X, "=", X + 1, conditions=(left,)))
    assert (out.evidence["lhs"], out.evidence["rhs"]) == ("undefined", "1")
    right = Condition(y, ">= 0", "the root's argument y", sp.sqrt(y), side="right")
    out = definedness.decide(Problem(sp.Integer(0), "<=", sp.sqrt(y), conditions=(right,)))
    assert out.evidence["rhs"] == "not real" and out.evidence["lhs"] == "0"
    assert "right side is undefined" in out.evidence["certified_by"] and "not >= 0" in out.evidence["certified_by"]


def test_a_sufficient_condition_refutes_only_where_its_witness_is_undefined():
    n = sp.Symbol("n", integer=True)
    (c,) = power(X, n)  # x^n for an integer n: undefined exactly where x = 0 and n < 0
    assert c.exact and c.kind == "> 0"
    for x0, n0, defined in ((0, 2, True), (0, 0, True), (0, -1, False), (3, -2, True)):
        assert (c.expr.xreplace({X: x0, n: n0}) > 0) == defined, (x0, n0)
    k = sp.Symbol("k", integer=True)
    top = sp.Symbol("T", integer=True, positive=True)
    (over,) = close_over(power(1 - X, k), k, 0, top - 1)  # (1 - x)^k summed from k = 0: defined at x = 1 (0^0 = 1)
    assert definedness.shown_everywhere(over, parse_assumptions("x real")) is not None
    from derivcheck.deciders.counterexamples import Found
    assert not definedness._witness_undefined(c, Found({"x": "0", "n": "2"}, 0, 0, "", ""))
    assert definedness._witness_undefined(c, Found({"x": "0", "n": "-1"}, 0, 0, "", ""))
    assert not definedness._witness_undefined(c, Found({"x": "0"}, 0, 0, "", ""))  # n unknown: no verdict
    y = sp.Symbol("y", real=True)
    d, _ = power(X, y)  # x >= 0, and max(x, y) > 0 (0^y needs y > 0)
    assert definedness._witness_undefined(d, Found({"x": "-1", "y": "1/2"}, 0, 0, "", ""))
    assert not definedness._witness_undefined(d, Found({"x": "-1", "y": "2"}, 0, 0, "", ""))
    i = sp.Symbol("i", integer=True)
    e, _ = close_over(power(X - i, y), i, 1, 3)
    assert definedness._refutation(e, Problem(X, "=", X, conditions=(e,)), {"points": 4}) is None


def test_an_unshown_condition_leaves_the_search_to_refute_the_step_itself():
    tight = sp.exp(X) - X ** 5 / 120
    c = cond(tight)  # true, but shown by none of SymPy, Z3, SymPy's prover, the bounds to degree 3
    out = definedness.decide(Problem(tight, "<", sp.Integer(1), conditions=(c,)))
    assert out.verdict == "refuted" and "not_shown" not in out.evidence
    out = definedness.decide(Problem(tight, ">", sp.Integer(0), conditions=(c,)))
    assert out.verdict == "numerically holds, not proved" and "left side: w (" in out.evidence["not_shown"]


def test_a_range_that_may_run_backwards_shows_nothing():
    """SymPy sums from 3 to 1 as minus the term at 2 (Karr): neither end of such a range bounds its index."""
    i, m = sp.Symbol("i", integer=True), sp.Symbol("m", integer=True)
    assert sp.Sum(1, (i, 3, 1)).doit() == -1  # why a sum of nonnegative terms over any range is not nonnegative
    q = sp.IndexedBase("q", nonnegative=True)
    assert definedness.shown_everywhere(cond(sp.Sum(q[i], (i, 1, m)), ">= 0"), NONE) is None
    (c,) = close_over(denominator(i), i, 1, m)  # i = 1 + s != 0, but for m = -2 SymPy's sum has the term at 0
    assert definedness.shown_everywhere(c, NONE) is None
    # 1..n - 2 with n >= 1: the length n - 2 may be -1 (n = 1), where SymPy's sum is minus the term at i = 0
    n = sp.Symbol("n", integer=True, positive=True)
    (c,) = close_over(denominator(i), i, 1, n - 2)
    assert definedness.shown_everywhere(c, NONE) is None
    (c,) = close_over(denominator(i), i, 1, n - 1)  # never backwards: i >= 1, so i != 0 is shown
    assert definedness.shown_everywhere(c, NONE) is not None


def test_a_logarithms_argument_positive_on_a_declared_range_is_shown_through_its_cases():
    # 1 - p + p e^s > 0 for p in [0, 1]: SymPy alone cannot tell (a negative term), p = t/(1 + t) and p = 0 can
    from derivcheck.reader.domain_conditions import logarithm

    a = parse_assumptions("p in [0, 1]; s real")
    p, s = a.symbol("p"), a.symbol("s")
    (c,) = logarithm(1 - p + p * sp.exp(s))
    shown = definedness.shown_everywhere(c, a)
    assert shown is not None and "declared ranges" in shown
    b = parse_assumptions("p in [0, 2]; s real")  # p = 2, s = -1: 1 - 2 + 2/e < 0
    (c,) = logarithm(1 - b.symbol("p") + b.symbol("p") * sp.exp(s))
    assert definedness.shown_everywhere(c, b) is None


# -- pinned by mutation testing: each test below fails on a mutant that survived the tests above -------------------
def test_a_condition_shown_everywhere_does_not_hide_a_later_one_that_fails():
    # the first condition is shown, the second fails at x = 0: the step must still be refuted there (a shown
    # condition is skipped, not the end of the list, or the later deciders would prove x/x = 1 with x = 0 allowed)
    shown_first = cond(sp.exp(X) + 1)
    failing = Condition(X, "!= 0", "the denominator x", 1 / X, side="left")
    out = definedness.decide(Problem(sp.Integer(1), "=", sp.Integer(1), conditions=(shown_first, failing)))
    assert out is not None and out.verdict == "refuted" and out.evidence["counterexample"] == {"x": "0"}, out


def test_a_vanishing_denominator_is_said_to_be_0_and_other_kinds_to_fail_their_relation():
    (c,) = denominator(X)
    left = Condition(c.expr, c.kind, c.what, c.witness, side="left")
    out = definedness.decide(Problem(X, "=", X, conditions=(left,)))
    assert out.evidence["certified_by"] == "the left side is undefined here as written: a denominator x is 0"
    (d,) = power(X, sp.Rational(1, 2))
    right = Condition(d.expr, d.kind, d.what, d.witness, side="right", exact=d.exact)
    out = definedness.decide(Problem(X, "=", sp.sqrt(X), conditions=(right,)))
    assert out.evidence["certified_by"].endswith("is not >= 0"), out


def test_an_undefined_right_side_is_shown_undefined_even_where_sympys_value_is_a_number():
    # SymPy built x from x^2/x on the right: its value at x = 0 is 0, but the side as written has none there
    right = Condition(X, "!= 0", "the denominator x", 1 / X, side="right")
    out = definedness.decide(Problem(X + 1, "=", X, conditions=(right,)))
    assert out.verdict == "refuted" and (out.evidence["lhs"], out.evidence["rhs"]) == ("1", "undefined"), out
    assert out.evidence["certified_by"].startswith("the right side is undefined here as written")


def test_a_sufficient_condition_refutes_at_z3s_point_when_the_witness_is_undefined_there():
    # x^(-pi) needs x > 0 (sufficient only): Z3's failing point x = 0 makes the witness 0^(-pi) undefined, so the
    # step is refuted right there, by Z3, without waiting for the search
    a = parse_assumptions("x nonnegative")
    (c,) = power(a.symbol("x"), -sp.pi)
    assert not c.exact
    c = Condition(c.expr, c.kind, c.what, c.witness, side="left", exact=False)
    out = definedness.decide(Problem(sp.Integer(1), "=", sp.Integer(1), a, conditions=(c,)))
    assert out.verdict == "refuted" and out.evidence["counterexample"] == {"x": "0"}, out
    assert out.evidence["found_by"].startswith("Z3"), out


def test_a_witness_that_is_not_real_without_an_imaginary_unit_is_undefined():
    # (-1)^(1/3) is SymPy's principal cube root, not real, and is written without I: still undefined
    from derivcheck.deciders.counterexamples import Found

    (c,) = power(X, sp.Rational(1, 3))
    assert c.witness.xreplace({X: -1}).has(sp.I) is False
    assert definedness._witness_undefined(c, Found({"x": "-1"}, 0, 0, "", ""))
    assert not definedness._witness_undefined(c, Found({"x": "8"}, 0, 0, "", ""))


def test_a_condition_is_still_tried_by_z3_with_half_a_second_left(monkeypatch):
    monkeypatch.setattr(definedness, "remaining", lambda: 0.5)
    assert definedness.shown_everywhere(cond(X ** 2 - 2 * X + 2), NONE) == "Z3"
    monkeypatch.setattr(definedness, "remaining", lambda: 0.01)
    assert definedness.shown_everywhere(cond(X ** 2 - 2 * X + 2), NONE) is None


def test_a_range_that_may_be_empty_still_bounds_its_index():
    # i in 1..k with k >= 0: the range is forward or empty (k - 1 + 1 >= 0), so i = 1 + s is never 0
    i, k = sp.Symbol("i", integer=True), sp.Symbol("k", integer=True, nonnegative=True)
    (c,) = close_over(denominator(i), i, 1, k)
    assert definedness.shown_everywhere(c, NONE) is not None


def test_a_sum_of_nonnegative_terms_is_nonnegative_exactly_when_its_range_is_forward_or_empty():
    i = sp.Symbol("i", integer=True)
    k, n = sp.Symbol("k", integer=True, nonnegative=True), sp.Symbol("n", integer=True, positive=True)
    p, q = sp.IndexedBase("p", positive=True), sp.IndexedBase("q", nonnegative=True)
    # 1..k, k >= 0: forward or empty, a sum of nonnegative terms or 0 (SymPy alone cannot tell: k - 1 may be -1)
    assert definedness.shown_everywhere(cond(sp.Sum(q[i], (i, 1, k)), ">= 0"), NONE) is not None
    assert definedness.shown_everywhere(cond(sp.Sum(q[i], (i, 1, k)) + X ** 2, ">= 0"), NONE) is not None
    # k..0 runs backwards for k >= 2: SymPy's sum from 3 to 0 is -(q_1 + q_2) (Karr), which may be negative
    assert sp.Sum(q[i], (i, 3, 0)).doit() == -q[1] - q[2]
    assert definedness.shown_everywhere(cond(sp.Sum(q[i], (i, k, 0)), ">= 0"), NONE) is None
    assert definedness.shown_everywhere(cond(sp.Sum(q[i], (i, k, 1)), ">= 0"), NONE) is None
    # n..0 with n >= 1 is empty at n = 1 (the sum is 0), so positive terms do not make it nonzero
    assert sp.Sum(p[i], (i, 1, 0)).doit() == 0
    assert definedness.shown_everywhere(cond(sp.Sum(p[i], (i, n, 0)), "!= 0"), NONE) is None
    assert definedness.shown_everywhere(cond(sp.Sum(p[i], (i, n, 1)), "!= 0"), NONE) is None


def test_a_sum_of_terms_of_unknown_sign_is_not_shown_nonnegative():
    i, n = sp.Symbol("i", integer=True), sp.Symbol("n", integer=True, positive=True)
    y = sp.IndexedBase("y", real=True)
    assert definedness.shown_everywhere(cond(sp.Sum(y[i], (i, 1, n)), ">= 0"), NONE) is None  # y_i = -1


def test_a_range_symmetric_about_zero_is_forward():
    # -k..k and -k..k-1 (k >= 0) run forward or are empty: hi - lo + 1 is 2k + 1 and 2k, though hi - lo may be -1
    i, k = sp.Symbol("i", integer=True), sp.Symbol("k", integer=True, nonnegative=True)
    q = sp.IndexedBase("q", nonnegative=True)
    assert definedness.shown_everywhere(cond(sp.Sum(q[i], (i, -k, k - 1)), ">= 0"), NONE) is not None
    (c,) = close_over(denominator(i - k - 1), i, -k, k)  # i = k - s <= k: never k + 1
    assert definedness.shown_everywhere(c, NONE) is not None


def test_a_declared_range_shows_no_condition_that_fails_on_it():
    # p in [0, 1]: 2p - 1 >= 0 fails at p = 0, p - 1/2 != 0 at p = 1/2; 2 - p >= 0 and p + 1 > 0 hold in every case
    a = parse_assumptions("p in [0, 1]")
    p = a.symbol("p")
    assert definedness.shown_everywhere(cond(2 * p - 1, ">= 0"), a) is None
    assert definedness.shown_everywhere(cond(p - sp.Rational(1, 2), "!= 0"), a) is None
    assert "declared ranges" in definedness.shown_everywhere(cond(2 - p, ">= 0"), a)


def test_a_method_that_raises_is_a_way_that_did_not_show_the_condition(monkeypatch):
    # Z3 or SymPy's prover failing on a form must not end the decider (an exception there would let a later
    # decider's proof count with the condition not shown): the other methods still run, and the answer is None
    def raising(*args, **kwargs):
        raise RuntimeError("cannot take this form")

    monkeypatch.setattr(definedness.procedures, "z3_decide", raising)
    assert definedness.shown_everywhere(cond(sp.sin(X) ** 2 + sp.cos(X) ** 2), NONE).startswith("SymPy (")
    assert definedness.shown_everywhere(cond(X ** 2 - 2 * X + 1), NONE) is None
    monkeypatch.undo()
    monkeypatch.setattr(definedness.prover, "prove_relation", raising)
    assert definedness.shown_everywhere(cond(X ** 2 - 2 * X + 2), NONE) == "Z3"
    assert definedness.shown_everywhere(cond(sp.sin(X) ** 2 + sp.cos(X) ** 2), NONE).startswith("transcendental")
    monkeypatch.setattr(definedness.transcendental, "by_bounds", raising)
    assert definedness.shown_everywhere(cond(sp.sin(X) ** 2 + sp.cos(X) ** 2), NONE) is None


def test_an_infinite_product_or_a_condition_that_cannot_be_looked_at_lets_no_proof_count():
    # prod_{i>=1} (1 + x^i) is oo for x > 1: oo/oo = 1 was proved when any product of positive terms counted as
    # positive; (-1)^pi is not real, but judge raised on it, the decider passed, and a later one proved y^pi y^-pi = 1
    steps, a = read_latex("% assume: x > 1\n\\[ \\frac{\\prod_{i=1}^{\\infty}(1+x^i)}{\\prod_{i=1}^{\\infty}(1+x^i)} = 1 \\]\n"
                          "% assume: y < 0\n\\[ y^{\\pi} y^{-\\pi} = 1 \\]\n"
                          "% assume: w positive\n\\[ w^{\\pi} w^{-\\pi} = 1 \\]\n")
    out = [check(s, k, a) for k, s in enumerate(steps, 1)]
    assert out[0].verdict != "proved" and out[1].verdict != "proved"
    assert out[1].verdict == "undecided" and "no proof counts" in out[1].evidence["reason"]
    assert out[2].verdict == "proved"  # w > 0: defined everywhere, the same step is proved


def test_sums_of_signed_terms_are_written_as_symbols_of_their_sign_only_over_ranges_that_allow_it():
    a = parse_assumptions("n integer positive")
    n = a.symbol("n")
    i = sp.Symbol("i", integer=True)
    p, x = sp.IndexedBase("p", positive=True), sp.IndexedBase("x", real=True)
    assert definedness._signed_sums(sp.Sum(p[i], (i, 1, n))).is_positive  # nonempty: positive
    assert definedness._signed_sums(sp.Sum(x[i] ** 2, (i, 1, n - 1))).is_nonnegative  # empty at worst: >= 0
    # 1..n - 2 runs backwards at n = 1 (Karr: minus the term at 0): left as the sum
    assert isinstance(definedness._signed_sums(sp.Sum(x[i] ** 2, (i, 1, n - 2))), sp.Sum)


def test_a_family_members_condition_is_shown_through_its_declared_range():
    """log(1 - p_i) under a sum with p_i in (0, 1): 1 - p_i > 0 is shown with p_i a variable of (0, 1), so the proof
    of the step counts; with p_i only positive it is not shown (p_i = 2 is allowed) and no proof counts."""
    i, n = sp.Symbol("i", integer=True), sp.Symbol("n", integer=True, positive=True)
    p = sp.IndexedBase("p")
    cond = Condition(1 - p[i], "> 0", "the logarithm's argument", sp.log(1 - p[i]), over=((i, 1, n),))
    inside = parse_assumptions("n integer positive; p_i in (0, 1)")
    how = definedness.shown_everywhere(cond, inside)
    assert how is not None and "family member" in how
    assert definedness.shown_everywhere(cond, parse_assumptions("n integer positive; p_i > 0")) is None
    tex = ("% assume: n integer positive\n% index: i in 1..n\n% assume: p_i in (0, 1)\n"
           "$$ \\sum_{i=1}^{n} \\log(1 - p_i) \\le -\\sum_{i=1}^{n} p_i $$\n")
    out = [check(s, 1) for s in read_latex(tex)[0]]
    assert out[0].verdict == "proved", (out[0].verdict, out[0].method, out[0].evidence)


def test_a_transcendental_condition_is_shown_by_the_bounds_with_a_powers_base_at_0_and_above_0_apart():
    """1 - beta^t != 0 for beta in [0, 1), t >= 1 (Adam's bias correction) is shown by the transcendental bounds (at
    beta > 0, 0 < beta^t <= beta < 1) and at beta = 0 (0^t = 0), together or apart: the proof of the step counts. Where the condition
    fails somewhere on the domain it is not shown, and the step is refuted where its side is undefined."""
    adam = parse_assumptions(r"\beta in [0, 1); t integer positive")
    beta, t = adam.symbol("beta"), adam.symbol("t")
    how = definedness.shown_everywhere(cond(1 - beta ** t), adam)
    # the bounds take 0^t = 0 (t > 0) at beta = 0 themselves (abstraction's guarded power), else the split does
    assert how is not None and "(1 - beta**t > 0)" in how, how
    assert "beta = 0 and beta > 0 apart" in how or "transcendental bounds" in how, how
    how = definedness.shown_everywhere(cond(beta ** t - 1, "!= 0"), adam)  # != 0 as < 0 when > 0 fails
    assert how is not None and "(beta**t - 1 < 0)" in how, how
    assert definedness.shown_everywhere(cond(beta ** t - 1), adam) is None
    assert definedness.shown_everywhere(cond(1 - beta ** t, ">= 0"), adam) is not None
    for fails in (beta ** t - sp.Rational(1, 2), 1 - 2 * beta ** t, beta ** t):  # 0 at beta = 1/2, t = 1; at beta = 0
        for kind in ("!= 0", "> 0"):
            assert definedness.shown_everywhere(cond(fails, kind), adam) is None, (fails, kind)
    header = "% assume: \\beta in [0, 1); t integer positive\n"
    assert verdict("\\frac{1}{1 - \\beta^{t}} &\\le \\frac{1}{1 - \\beta}", header).verdict == "proved"
    wrong = verdict("\\frac{1}{2\\beta^{t} - 1} &\\le 1", header)
    assert wrong.verdict == "refuted" and wrong.evidence["lhs"] == "undefined", wrong


def test_a_real_power_with_a_nonnegative_exponent_is_defined_at_a_zero_base():
    # 0^y = 0 for y > 0 and 0^0 = 1: the focal loss -(1 - p)^gamma log p (gamma >= 0) is defined at p = 1
    p, g, y = sp.symbols("p gamma y", real=True)
    assert power(1 - p, sp.Symbol("g", nonnegative=True))[0].kind == ">= 0"
    assert power(1 - p, sp.Symbol("g", positive=True))[0].kind == ">= 0"
    # 0^y for y <= 0 has no value: b >= 0 and max(b, y) > 0
    assert [(c.expr, c.kind) for c in power(1 - p, y)] == [(1 - p, ">= 0"), (sp.Max(1 - p, y), "> 0")]
    head = "% assume: p in (0, 1]; \\gamma nonnegative\n"
    got = verdicts("0 &\\le -(1 - p)^{\\gamma}\\log p, \\\\ -(1 - p)^{\\gamma}\\log p &\\le -\\log p, \\\\"
                   "(1 - p)^{\\gamma} &\\le 1, \\\\ (1 - p)^{\\gamma} &> 0", head)
    assert [v.verdict for v in got] == ["proved", "proved", "proved", "refuted"]
    assert got[3].evidence["counterexample"]["p"] == "1"  # 0^gamma = 0 for gamma > 0
    assert verdict("(1 - p)^{y} &\\le 1", "% assume: p in (0, 1]; y real\n").verdict == "refuted"


def test_a_constant_condition_is_decided_as_a_number_and_a_family_member_is_left_to_the_other_provers():
    # the bounds' own case split can leave a number (0^t = 0 at beta = 0): it is decided by SymPy as a number
    assert definedness._by_bounds(sp.log(3) - 1, ">", Assumptions()) == "a number (-1 + log(3) > 0)"
    assert definedness._by_bounds(sp.log(2) - 1, ">", Assumptions()) is None
    assert definedness._by_bounds(sp.log(2) - 1, "!=", Assumptions()) == "a number (-1 + log(2) < 0)"
    # a sum or a family member: not the bounds' form (each member a variable of its domain is another prover's)
    xi = sp.IndexedBase("x")[1]
    assert definedness._by_bounds(sp.exp(xi), ">", Assumptions()) is None
    w = sp.Symbol("w", real=True)
    assert definedness._by_bounds(sp.exp(w), ">", Assumptions()) is not None
    # a polynomial condition is Z3's and SymPy's (tried before): the bounds own only transcendental ones
    assert definedness._by_bounds(w ** 2 + 1, ">", Assumptions()) is None


def test_a_power_of_an_exponent_of_unknown_sign_is_defined_at_a_base_0_where_the_exponent_is_positive():
    # b^y with y not known >= 0 by SymPy (log(1/eps), eps in (0, 1)): b >= 0 and max(b, y) > 0, not b > 0, so that
    # (1 - x)^y at x = 1 is 0 (the contraction factor at eta = 1/mu) and the step can be proved
    from derivcheck.reader.domain_conditions import power
    x, y = sp.Symbol("x", real=True), sp.Symbol("y", real=True)
    conds = power(1 - x, y)
    assert [(c.expr, c.kind) for c in conds] == [(1 - x, ">= 0"), (sp.Max(1 - x, y), "> 0")]
    assert not any(c.exact for c in conds)  # a failing point refutes only where the power is undefined
    got = verdicts(r"(1 - x)^{\log(1/\epsilon)} &\le 1 \\ (1 - x)^{\log(1/\epsilon)} &\le \frac{1}{2}",
                   "% assume: x in [0, 1]; \\epsilon in (0, 1)\n")
    assert [v.verdict for v in got] == ["proved", "refuted"], [(v.verdict, v.method, v.evidence) for v in got]


def test_a_sum_in_a_denominator_is_nonzero_when_its_terms_are_positive_from_the_start_of_a_nonempty_range():
    # 1/t is positive for every t >= 1, not for every integer t: the range's start shows it
    head = "% assume: T integer positive; S integer nonnegative\n"
    proved = verdict(r"\frac{\sum_{t=1}^{T} \frac{1}{t^2}}{\sum_{t=1}^{T} \frac{1}{t}} &\le 1", head)
    assert proved.verdict == "proved", (proved.verdict, proved.method, proved.evidence)
    # a term negative at the start (t - 2 at t = 1), and a range that may be empty, leave the sum possibly 0
    for row, at in ((r"\frac{1}{\sum_{t=1}^{T} (t - 2)} &\ge -1", "T = 3"),
                    (r"\frac{1}{\sum_{t=1}^{S} \frac{1}{t}} &\le 1", "S = 0")):
        v = verdict(row, head)
        name, value = at.split(" = ")
        assert v.verdict == "refuted" and str(v.evidence["counterexample"][name]) == value, (row, v.evidence)
        assert "is 0" in str(v.evidence), v.evidence
    t = sp.Symbol("t", integer=True)
    T = sp.Symbol("T", integer=True, positive=True)
    assert definedness._terms(sp.Sum(1 / t, (t, 1, T)), "positive")
    assert not definedness._terms(sp.Sum(1 / t, (t, 0, T)), "positive")  # 1/0 at the start
    assert not definedness._terms(sp.Sum(1 / t, (t, 1, T - 5)), "positive")  # may run backwards: not a plain sum
    assert not definedness._terms(sp.Sum(1 / t, (t, 1, T), (T, 1, 3)), "positive")  # two indices: the integer rule
