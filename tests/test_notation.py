"""The field's notation in the strict reader: gradients, extrema over an index, definitions (:=), ^T, expectations,
limits of vectors, functions of vectors, scopes, families, and the messages of what is refused."""

import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from derivcheck.functions import MaxOver, MinOver, Sigmoid
from derivcheck.reader.document import read_latex
from derivcheck.reader.notation import ParseError, parse_expression, symbol_name

LOGISTIC = ("% assume: n integer positive\n% index: i in 1..n\n% vector: \\theta, a_i in R^d\n"
            "% assume: y_i in {-1, 1}\n"
            "% function: f(\\theta) = \\frac{1}{n} \\sum_{i=1}^{n} \\log(1 + e^{-y_i \\theta^\\top a_i})\n")


def steps(tex: str):
    return read_latex(tex)[0]


def rows(tex: str, header: str = ""):
    return steps(header + "\\begin{align*}\n" + tex + "\n\\end{align*}\n")


def one(tex: str, header: str = ""):
    (s,) = rows(tex, header)
    return s


def at(step, d: int = 2):
    """(lhs, rhs) of a step, read at dimension d if it is a vector step."""
    return step.at_dimension(d) if step.at_dimension is not None else (step.lhs, step.rhs)


def plain(e):
    """e with every indexed value on a base without assumptions, so that it compares with a hand-built one."""
    return sp.sympify(e).replace(lambda x: isinstance(x, sp.Indexed),
                                 lambda x: sp.IndexedBase(str(x.base.label))[x.indices])


def zero(e) -> bool:
    if isinstance(e, sp.MatrixBase):
        return all(zero(c) for c in e)
    return sp.simplify(sp.sympify(e).rewrite(sp.exp)) == 0


# -- functions of vectors and gradients --------------------------------------------------------------------------
def test_a_function_of_a_declared_vector_is_read_at_each_dimension_and_never_crashes():
    s = one("f(\\theta) &\\le \\log 2 + f(\\theta)", LOGISTIC)
    assert not s.error
    for d in (1, 3):
        lhs, _ = s.at_dimension(d)
        theta = sp.Matrix([sp.Symbol(f"theta[{k}]", real=True) for k in range(1, d + 1)])
        assert {str(x) for x in lhs.free_symbols} >= {str(c) for c in theta}


def test_the_gradient_of_the_logistic_loss_is_the_sum_of_its_terms_gradients():
    s = one("\\nabla f(\\theta) &= -\\frac{1}{n}\\sum_{i=1}^{n} \\sigma(-y_i \\theta^\\top a_i)\\, y_i a_i", LOGISTIC)
    lhs, rhs = s.at_dimension(2)
    n = next(x for x in lhs.free_symbols if x.name == "n")
    assert zero((lhs - rhs).subs(n, 3).doit())
    wrong = one("\\nabla f(\\theta) &= -\\frac{1}{n}\\sum_{i=1}^{n} \\sigma(-y_i \\theta^\\top a_i)\\, a_i", LOGISTIC)
    lhs, rhs = wrong.at_dimension(1)
    assert not zero((lhs - rhs).subs(n, 1).doit())  # the label dropped: a different vector


QUADRATIC = "% vector: \\theta, b in R^d\n% assume: \\lambda real\n% function: f(\\theta) = \\frac{\\lambda}{2}\\|\\theta\\|^2\n"


def test_zero_given_for_a_vector_parameter_is_the_zero_vector_and_no_other_scalar_is():
    """f(0) and grad f(0) as papers write them; f(1) for a function of a vector stays unparsed (no one meaning)."""
    at_zero, gradient, other = rows("f(0) &= \\log 2 \\\\ \\nabla f(0) &= 0 \\\\ f(1) &= \\log 2", LOGISTIC)
    assert not at_zero.error and not gradient.error
    lhs, rhs = at_zero.at_dimension(3)
    assert zero(lhs.doit().subs(next(x for x in lhs.free_symbols if x.name == "n"), 4) - rhs)
    grad, _ = gradient.at_dimension(2)
    assert isinstance(grad, sp.MatrixBase) and grad.shape == (2, 1)
    assert other.error and "a scalar argument where its declaration has a vector" in other.error


def test_nabla_f_at_a_point_differs_from_the_gradient_of_the_composition():
    grad_at, grad_of = rows("\\nabla f(2\\theta) &= 0 \\\\ \\nabla_\\theta f(2\\theta) &= 0", QUADRATIC)
    theta = sp.Matrix(sp.symbols("theta[1] theta[2]", real=True))
    lam = sp.Symbol("lambda", real=True)
    assert zero(grad_at.at_dimension(2)[0] - 2 * lam * theta)  # (∇f)(2θ) = λ·2θ
    assert zero(grad_of.at_dimension(2)[0] - 4 * lam * theta)  # ∇_θ [f(2θ)] = 2·λ·2θ (chain rule)


def test_nabla_binds_to_its_call_and_a_transpose_applies_to_the_gradient():
    s = one("\\nabla f(\\theta)^\\top b &= \\lambda\\, \\theta^\\top b", QUADRATIC)
    lhs, rhs = s.at_dimension(3)
    assert zero(lhs - rhs)


def test_nabla_sub_theta_of_an_expression_takes_the_rest_of_the_product():
    s = one("\\nabla_\\theta \\frac{1}{2}\\|\\theta - b\\|^2 &= \\theta - b", QUADRATIC)
    lhs, rhs = s.at_dimension(2)
    assert zero(lhs - rhs)
    refused = one("\\nabla_\\theta \\frac{1}{2}\\|\\theta\\|^2 + \\theta &= 0", QUADRATIC)
    assert "ambiguous scope" in refused.error


@pytest.mark.parametrize("src, words", [
    ("\\nabla f &= 0", "\\nabla f(\\theta)"),
    ("\\nabla^2 f(\\theta) &= 0", "Hessian"),
    ("\\nabla g(\\theta) &= 0", "% function:"),
    ("\\nabla_{2\\theta} f(\\theta) &= 0", "one variable"),
])
def test_gradients_that_cannot_be_read_faithfully_say_what_to_write(src, words):
    s = one(src, QUADRATIC)
    assert s.lhs is None and words in s.error


def test_an_arbitrary_function_of_a_vector_asks_for_its_definition():
    s = one("g(\\theta) &\\ge 0", "% vector: \\theta in R^d\n% function: g\n")
    assert s.lhs is None and "% function: g(\\theta) = ..." in s.error


def test_the_gradient_of_a_function_of_one_scalar_is_its_derivative():
    s = one("\\nabla \\ell(z) &= -\\sigma(-z)", "% function: \\ell(z) = \\log(1 + e^{-z})\n")
    assert zero(s.lhs - s.rhs)


# -- ^T and ^\top -----------------------------------------------------------------------------------------------
def test_caret_t_is_a_power_of_a_declared_scalar_and_a_transpose_of_a_vector():
    header = "% assume: \\gamma, \\rho in (0, 1); T integer positive\n% vector: x, y in R^d\n"
    power, braced, transpose = rows("(1-\\gamma)^T &\\le 1 \\\\ \\rho^{T} &\\le 1 \\\\ x^T y &= y^\\top x", header)
    T = sp.Symbol("T", integer=True, positive=True)
    gamma, rho = sp.Symbol("gamma", positive=True), sp.Symbol("rho", positive=True)
    assert sp.srepr(power.lhs) == sp.srepr((1 - gamma) ** T) and sp.srepr(braced.lhs) == sp.srepr(rho ** T)
    assert zero(sp.sympify(transpose.at_dimension(2)[0]) - transpose.at_dimension(2)[1])


def test_caret_t_of_an_undeclared_t_names_both_declarations_and_top_never_powers():
    s = one("(1-\\gamma)^T &\\le 1", "% assume: \\gamma in (0, 1)\n")
    assert "% assume: T integer positive" in s.error and "% vector:" in s.error
    t = one("(1-\\gamma)^\\top &\\le 1", "% assume: \\gamma in (0, 1); T integer positive\n")
    assert t.lhs is None and "transpose" in t.error


# -- extrema over an index ----------------------------------------------------------------------------------------
INDEXED = "% assume: n integer positive\n% index: i in 1..n\n"


@pytest.mark.parametrize("src, lo, hi", [("\\max_i x_i", 1, "n"), ("\\max_{i \\in [n]} x_i", 1, "n"),
                                         ("\\max_{1 \\le i \\le n} x_i", 1, "n"),
                                         ("\\max_{1 < i < n} x_i", 2, "n - 1"), ("\\max_{i=2}^{n} x_i", 2, "n")])
def test_max_over_an_index_range_in_each_notation(src, lo, hi):
    s = one(src + " &\\ge 0", INDEXED)
    n = sp.Symbol("n", integer=True, positive=True)
    assert isinstance(s.lhs, MaxOver)
    _, got_lo, got_hi = s.lhs.limits[0]
    assert (got_lo, got_hi) == (sp.sympify(lo), sp.sympify(hi, locals={"n": n}))


def test_an_extremum_over_an_index_evaluates_once_the_range_is_a_number():
    s = one("\\min_i x_i &\\le \\max_i x_i", INDEXED)
    n = next(v for v in s.lhs.free_symbols if v.name == "n")
    x = sp.IndexedBase("x")
    values = {x[1]: 3, x[2]: -2, x[3]: 5}
    lo = plain(s.lhs.subs(n, 3).doit()).xreplace(values)
    hi = plain(s.rhs.subs(n, 3).doit()).xreplace(values)
    assert (lo, hi) == (min(values.values()), max(values.values()))
    empty = MaxOver(sp.Symbol("i", integer=True), (sp.Symbol("i", integer=True), 2, 1)).doit()
    assert empty == -sp.oo and MinOver(sp.Symbol("i", integer=True), (sp.Symbol("i", integer=True), 2, 1)).doit() == sp.oo


def test_extremum_signs_follow_their_terms_over_a_nonempty_range_only():
    i, n, m = sp.Symbol("i", integer=True), sp.Symbol("n", integer=True, positive=True), sp.Symbol("m", integer=True)
    x = sp.IndexedBase("x", positive=True)
    assert MinOver(x[i], (i, 1, n)).is_positive is True
    assert MinOver(x[i], (i, 1, m)).is_positive is None  # m may be 0: the minimum over nothing is +oo
    assert MaxOver(x[i] - 1, (i, 1, n)).is_positive is None


def test_an_undeclared_index_asks_for_its_declaration():
    s = one("\\max_j x_j &\\ge 0", INDEXED)
    assert "% index: j in 1..n" in s.error


# -- := definitions -----------------------------------------------------------------------------------------------
def test_a_definition_is_a_rewrite_for_the_rows_below_not_a_claim():
    ss = steps(INDEXED + "\\begin{align*}\nm &:= \\min_i x_i \\\\\nm &\\le \\mathbb{E}_i[x_i]\n\\end{align*}\n"
               "\\begin{equation} m \\le \\max_i x_i \\end{equation}\n")
    assert len(ss) == 2 and all(isinstance(s.lhs, MinOver) for s in ss)


def test_the_relations_after_a_definition_in_one_row_are_its_steps():
    (s,) = rows("m &:= \\min_i y_i \\le \\frac{1}{n}\\sum_{i=1}^{n} y_i", INDEXED)
    assert isinstance(s.lhs, MinOver) and isinstance(s.rhs, sp.Mul)


def test_a_function_definition_with_colon_equals():
    ss = rows("g(x) &:= x^2 + 1 \\\\ g(2) &= 5", "% assume: x real\n")
    assert len(ss) == 1 and ss[0].lhs == 5


@pytest.mark.parametrize("src, words", [("x + y &:= 1", "one symbol on the left"), ("m &:= m + 1 \\\\ m &= 1", "itself"),
                                        ("x &= 1 := 2", "on its own row")])
def test_definitions_that_cannot_be_read_are_refused(src, words):
    ss = rows(src)
    assert ss and all(s.lhs is None for s in ss) and words in ss[-1].error


def test_a_definition_row_written_as_a_claim_suggests_colon_equals():
    s = one("\\theta_1 &= \\theta_0 - \\gamma \\nabla f(\\theta_0)",
            "% vector: \\theta, \\theta_0, \\theta_1 in R^d\n% assume: \\gamma positive\n"
            "% function: f(\\theta) = \\frac{1}{2}\\|\\theta\\|^2\n")
    assert ":=" in s.hint and "% define:" in s.hint
    used = rows("x &= 1 + y \\\\ x &= 2 + y")[1]
    assert used.hint == ""


# -- expectations and limits --------------------------------------------------------------------------------------
def test_an_expectation_over_a_declared_index_is_the_uniform_average():
    written, macro = steps(INDEXED + "\\newcommand{\\E}{\\mathbb{E}}\n\\begin{align*}\n"
                         "\\mathbb{E}_i[x_i^2] &= 1 \\\\ \\E_{i}\\left[x_i^2\\right] &= 1\n\\end{align*}\n")
    n = sp.Symbol("n", integer=True, positive=True)
    i = sp.Symbol("i", integer=True)
    assert plain(written.lhs) == plain(macro.lhs) == sp.Sum(sp.IndexedBase("x")[i] ** 2, (i, 1, n)) / n


@pytest.mark.parametrize("src, words", [("\\mathbb{E}[x] &= 0", "\\mathbb{E}_i[...]"),
                                        ("\\mathbb{R} &= 0", "assumption"), ("\\E_i[x_i] &= 0", "\\newcommand"),
                                        ("E[x] &= 0", "\\mathbb{E}_i[...]")])
def test_expectations_that_cannot_be_read_say_what_to_write(src, words):
    s = one(src, INDEXED)
    assert s.lhs is None and words in s.error


def test_a_limit_of_a_vector_is_taken_componentwise():
    s = one("\\lim_{t \\to \\infty} \\frac{\\theta_0 + t u}{t} &= u", "% vector: \\theta_0, u in R^d\n")
    lhs, rhs = s.at_dimension(3)
    assert all(isinstance(c, sp.Limit) for c in lhs) and zero(lhs.doit() - rhs)


# -- scopes, families, captures ------------------------------------------------------------------------------------
def test_an_index_bound_again_after_its_sum_is_read_and_a_free_one_is_refused():
    again, free_indexed, free_name = rows("\\sum_{i=1}^n x_i + \\sum_{i=1}^n y_i &= \\sum_{i=1}^n (x_i + y_i) \\\\"
                                          "\\sum_{i=1}^n x_i + y_i &= 0 \\\\ \\sum_{j=1}^n x_j + z_j &= 0", INDEXED)
    n = next(v for v in again.lhs.free_symbols if v.name == "n")
    assert zero((again.lhs - again.rhs).subs(n, 3).doit())
    assert "ambiguous scope" in free_indexed.error and "ambiguous scope" in free_name.error


def test_a_function_whose_body_sums_over_i_is_used_next_to_a_sum_over_i():
    s = one("\\sum_{i=1}^n x_i + f(\\theta) &\\ge 0", LOGISTIC)
    assert not s.error


def test_a_functions_own_index_does_not_capture_its_arguments_index():
    s = one("\\sum_{i=1}^{n} g(y_i) &= 0", INDEXED + "% function: g(x) = \\sum_{i=1}^{n} x a_i\n")
    n = next(v for v in s.lhs.free_symbols if v.name == "n")
    y, a = sp.IndexedBase("y"), sp.IndexedBase("a")
    expected = sum(y[i] * a[j] for i in (1, 2) for j in (1, 2))  # sum_i g(y_i) = sum_i sum_j y_i a_j
    assert sp.expand(plain(s.lhs.subs(n, 2).doit())) == sp.expand(expected)


def test_a_family_member_read_by_name_is_the_sums_indexed_value():
    s = one("\\sum_{i=1}^{2} y_i &= y_1 + y_2")
    assert zero(s.lhs.doit() - s.rhs)
    vec = one("\\sum_{i=1}^{2} a_i &= a_1 + a_2", "% vector: a_i in R^d\n")
    lhs, rhs = vec.at_dimension(2)
    assert zero(lhs.doit() - rhs)


def test_a_family_member_with_a_subscript_that_is_no_index_is_one_vector():
    s = one("\\|\\theta_{t+1}\\|^2 &= \\|\\theta_t\\|^2 + 2 y_t \\theta_t^\\top a_t + \\|a_t\\|^2",
            "% vector: \\theta_t, a_t in R^d\n% assume: y_t in {-1, 1}\n% define: \\theta_{t+1} = \\theta_t + y_t a_t\n")
    lhs, rhs = s.at_dimension(2)
    y = next(v for v in (lhs - rhs).free_symbols if v.name == "y_t")
    assert all(zero((lhs - rhs).subs(y, v)) for v in (-1, 1))  # ||θ + y a||² = ||θ||² + 2yθᵀa + y²||a||², y² = 1


def test_two_letters_in_a_subscript_are_two_indices():
    s = one("\\sum_{i=1}^{2}\\sum_{j=1}^{2} a_{ij} &= 0")
    a = sp.IndexedBase("a")
    assert plain(s.lhs.doit()) == a[1, 1] + a[1, 2] + a[2, 1] + a[2, 2]


def test_a_starred_vector_is_declared_and_a_family_member_needs_its_index():
    assert symbol_name("\\theta^*") == "theta^*" and symbol_name("\\theta^{*}") == "theta^*"
    header = "% vector: \\theta_t, \\theta^* in R^d\n"
    ok, missing = rows("\\|\\theta_t - \\theta^*\\| &\\ge 0 \\\\ \\|\\theta\\| &\\ge 0", header)
    assert not ok.error and "needs" not in ok.error
    assert "\\theta_i" in missing.error and "% vector:" in missing.error


# -- bare arguments, side conditions, norms -----------------------------------------------------------------------
def test_bare_function_arguments_that_are_one_atom():
    a, b = sp.symbols("a b", positive=True)
    assert parse_expression("\\log\\sqrt{ab}", _decl("a, b positive")) == sp.log(sp.sqrt(a * b))
    assert parse_expression("\\log \\frac{a}{b}", _decl("a, b positive")) == sp.log(a / b)
    with pytest.raises(ParseError):
        parse_expression("\\log \\sqrt{a} b", _decl("a, b positive"))


def test_a_log_of_a_sum_takes_the_sum():
    s = one("\\ln \\sum_{i=1}^n e^{z_i} &\\ge 0", INDEXED)
    assert isinstance(s.lhs, sp.log) and isinstance(s.lhs.args[0], sp.Sum)


def test_a_side_condition_on_an_expression_is_read_when_implied_and_refused_otherwise():
    implied, not_implied = rows("\\gamma m &> 0, \\quad \\text{for } \\gamma m > 0 \\\\"
                                "x &> 0, \\quad \\text{for } x y > 0", "% assume: \\gamma, m positive\n")
    assert not implied.error
    assert not_implied.lhs is None and "% assume:" in not_implied.error


def test_a_norm_of_an_undeclared_symbol_asks_for_its_declaration():
    s = one("\\|x + y\\| &\\le \\|x\\| + \\|y\\|")
    assert s.lhs is None and "% vector:" in s.error


def _decl(assume: str):
    from derivcheck.reader.declaration_lines import apply_declaration
    from derivcheck.reader.declarations import Declarations
    d = Declarations()
    apply_declaration(d, "assume", assume)
    return d


def test_sigmoid_gradient_and_derivative_agree():
    g, d = rows("\\nabla \\sigma(z) &= 0 \\\\ \\sigma'(z) &= 0")
    assert g.lhs.has(Sigmoid) and zero(g.lhs - d.lhs)


# -- properties ----------------------------------------------------------------------------------------------------
@settings(max_examples=30)
@given(values=st.lists(st.fractions(min_value=-10, max_value=10, max_denominator=7), min_size=0, max_size=6),
       lo=st.integers(-2, 2))
def test_an_extremum_over_a_range_is_the_max_and_min_of_its_terms(values, lo):
    i = sp.Symbol("i", integer=True)
    x = sp.IndexedBase("x")
    hi = lo + len(values) - 1
    table = {x[lo + k]: sp.Rational(v.numerator, v.denominator) for k, v in enumerate(values)}
    top = MaxOver(x[i], (i, lo, hi)).doit().xreplace(table)
    bottom = MinOver(x[i], (i, lo, hi)).doit().xreplace(table)
    expected = [table[x[lo + k]] for k in range(len(values))]
    assert top == (max(expected) if expected else -sp.oo) and bottom == (min(expected) if expected else sp.oo)


@settings(max_examples=5)
@given(c=st.integers(1, 3), k=st.integers(-2, 2), nudge=st.sampled_from([(1, 0), (2, 0), (1, 1), (0, 1)]))
def test_a_gradient_with_a_coefficient_nudged_is_refuted_never_proved(c, k, nudge):
    """f(θ) = (c/2)||θ - b||² + k θᵀb has ∇f(θ) = c(θ - b) + k b; a gradient with c doubled or k moved is false
    and is refuted, the true one proved."""
    from derivcheck.verdicts import check
    header = f"% vector: \\theta, b in R^d\n% function: f(\\theta) = \\frac{{{c}}}{{2}}\\|\\theta - b\\|^2 + ({k})\\, \\theta^\\top b\n"
    cc, kk = c * nudge[0], k + nudge[1]
    s = one(f"\\nabla f(\\theta) &= ({cc})(\\theta - b) + ({kk})\\, b", header)
    v = check(s, 1)
    assert v.verdict == ("proved" if (cc, kk) == (c, k) else "refuted"), v


def test_a_continued_row_is_read_with_its_previous_side_as_one_reading():
    """The previous row's side and the continuation share their symbols: x under the previous row's condition on
    both sides (two x's would be two variables), y_1 the family's y[1] on both sides."""
    from derivcheck.verdicts import check
    ss = rows("\\sqrt{x^2} &= x, \\quad x > 0 \\\\ &\\le x + 1 \\\\ y_1 + y_2 &= y_2 + y_1 \\\\ &= \\sum_{i=1}^{2} y_i")
    assert [len(s.lhs.free_symbols | s.rhs.free_symbols) for s in ss[:2]] == [1, 1]
    assert len(ss[3].lhs.atoms(sp.Indexed)) == 2 and not any("_" in str(v) for v in ss[3].lhs.free_symbols)
    assert [check(s, k).verdict for k, s in enumerate(ss, 1)] == ["proved"] * 4


def test_an_extremum_over_a_range_that_may_be_empty_carries_that_condition():
    s = one("\\max_i x_i &\\ge \\min_j x_j", "% index: i in 1..n; j in 1..m\n% assume: n integer positive; m integer\n")
    (c,) = s.conditions
    m = next(v for v in c.expr.free_symbols if v.name == "m")
    assert c.side == "right" and c.kind == ">= 0" and sp.expand(c.expr - (m - 1)) == 0


def test_a_superscript_that_starts_with_a_bracket_is_a_power_unless_it_is_one_group():
    a, b = sp.Symbol("a", real=True), sp.Symbol("b", real=True)
    assert parse_expression(r"e^{(a + b)/2}", _decl("a, b real")) == sp.exp((a + b) / 2)
    assert parse_expression(r"e^{(a+b)(a-b)}", _decl("a, b real")) == sp.exp((a + b) * (a - b))
    for label in (r"x^{(t)}", r"x^{(t+1)}", r"e^{(a)}"):
        with pytest.raises(ParseError, match="superscript in parentheses"):
            parse_expression(label, _decl("x, a real; t integer positive"))


def test_a_function_of_a_function_without_parentheses():
    lam = sp.Symbol("lambda", real=True)
    assert parse_expression(r"\log\cosh\lambda").xreplace({sp.Symbol("lambda"): lam}) == sp.log(sp.cosh(lam))
    assert parse_expression(r"\log\exp x") == parse_expression("x")  # log(exp(x)) = x for real x, SymPy's own
    with pytest.raises(ParseError, match="ambiguous argument"):
        parse_expression(r"\log\cosh\lambda x")  # cosh(lambda x) or cosh(lambda) x: the inner call says


def test_a_brace_pair_nested_in_another_belongs_to_the_inner_extremum_in_a_row_and_in_a_function():
    s = one(r"\max\{-c, \min\{c, x\}\} &\le \max\{|x|, \min\{c, \max\{x, y\}\}\}")
    assert [str(e) for e in (s.lhs, s.rhs)] == ["Max(-c, Min(c, x))", "Max(Abs(x), Min(c, Max(x, y)))"]
    head = "% assume: c positive\n% function: \\operatorname{clip}(u) = \\max\\{-c, \\min\\{c, u\\}\\}\n"
    s = one(r"\operatorname{clip}(x) &= \min\{c, \max\{-c, x\}\}", head)
    assert sp.sstr(s.lhs) == "Max(-c, Min(c, x))" and sp.sstr(s.rhs) == "Min(c, Max(-c, x))"
    with pytest.raises(ParseError, match="without its closing"):
        parse_expression(r"\max\{-c, \min\{c, x\}")  # the outer pair is left open


def test_a_name_declared_as_one_vector_and_as_a_family_reads_as_both():
    # theta is the function's argument, theta_t the iterates: "% vector: \theta, \theta_t" declares both, in
    # either order; theta alone is one vector, theta_t and theta_{t+1} each one vector, theta_i (i an index) a member
    for decl in ("\\theta, \\theta_t, a_i", "\\theta_t, \\theta, a_i"):
        head = ("% assume: n integer positive; \\eta positive\n% index: i in 1..n\n% vector: " + decl + " in R^d\n"
                "% function: L(\\theta) = \\frac{1}{n} \\sum_{i=1}^{n} \\|\\theta - a_i\\|^2\n")
        s = one(r"\theta_{t+1} &= \theta_t - \eta \nabla L(\theta_t)", head)
        lhs, rhs = at(s, 2)
        assert [str(c) for c in lhs] == ["theta_{t+1}[1]", "theta_{t+1}[2]"]
        assert rhs[0].has(sp.Symbol("theta_t[1]", real=True)) and not rhs.has(sp.Symbol("theta[1]", real=True))
        s = one(r"\|\theta\|^2 &\le \|\theta - a_i\|^2 + \|a_i\|^2 + 2\|\theta\|\|a_i\|", head)
        lhs, rhs = at(s, 1)
        assert lhs.has(sp.Symbol("theta[1]", real=True)) and any(isinstance(x, sp.Indexed) for x in rhs.atoms(sp.Indexed))
    from tests.rows import verdicts
    (v,) = verdicts("% vector: \\theta_t in R^d\n", r"\|\theta\| &\ge 0")  # a family alone needs its index
    assert v.verdict == "unparsed" and "declared as a family" in v.method + str(v.evidence), v


def test_a_power_of_a_vector_named_e_says_how_to_write_the_exponential():
    from tests.rows import verdicts
    got = verdicts("% assume: t real\n% vector: g, e in R^d\n", r"e^{-t} \|g\|^2 &\le \|g\|^2 + t^2",
                   r"g^{3} &= g", r"\exp(-t^2) \|e\|^2 &\le \|e\|^2")
    assert [v.verdict for v in got] == ["unparsed", "unparsed", "proved"]
    assert r"write \exp(...) for the exponential" in got[0].evidence["reason"]
    assert got[1].evidence["reason"].startswith("a power of a vector")


def test_a_value_defined_with_colon_equals_is_a_factor_before_a_parenthesis():
    # mu := sum_i p_i, then mu(e^lambda - 1): a defined value cannot be called, so it is a product (Chernoff)
    d = "% assume: n integer positive; \\lambda real\n% index: i in 1..n\n% assume: p_i in [0, 1]\n"
    (product,) = rows("\\mu &:= \\sum_{i=1}^{n} p_i \\\\ \\mu(e^{\\lambda} - 1) &= \\sum_{i=1}^{n} p_i(e^{\\lambda} - 1)", d)
    assert not product.error
    n = next(v for v in product.lhs.free_symbols if v.name == "n")
    assert zero((product.lhs - product.rhs).subs(n, 3).doit())
    called = one("\\nu(e^{\\lambda} - 1) &= 0", d)  # nothing says what nu is: still asked
    assert "ambiguous" in called.error


def test_a_function_declared_before_its_parameters_assumptions_uses_them():
    # f's body is read at its line, where lambda is not declared yet; '% assume: lambda positive' below is about the
    # same lambda: d^2/dx^2 f = lambda was refuted (lhs 1, rhs 2 at lambda = 2), and f >= 0 was not provable
    from tests.rows import verdicts
    head = ("% function: f(x) = \\frac{\\lambda}{2} x^2; g(x) = \\sum_{i=1}^n y_i x\n% assume: \\lambda positive; "
            "x real; n integer positive\n% index: i in 1..n\n% assume: y_i in {-1, 1}\n")
    got = verdicts(head, r"\frac{d^2}{dx^2} f(x) &= \lambda", r"\frac{d}{dx} f(x) &= \lambda x", r"f(x) &\ge 0",
                   r"g(1)^2 &\le n^2", r"f(x) &\ge \lambda x^2", r"g(1) &\ge -n + 1")
    assert [v.verdict for v in got] == ["proved"] * 4 + ["refuted"] * 2, [(v.verdict, v.method) for v in got]


def test_two_variables_of_one_name_are_a_misreading_not_a_verdict():
    from derivcheck.reader.step import misread
    lam, lam_pos, x = sp.Symbol("lambda", real=True), sp.Symbol("lambda", positive=True), sp.Symbol("x")
    assert "lambda is read as two different variables" in misread(lam * x, lam_pos * x)
    assert "y is read as two" in misread(sp.IndexedBase("y")[1], sp.IndexedBase("y", integer=True)[2])
    assert misread(lam * x, lam + sp.Dummy("lambda")) is None  # a bound variable of the same name is no clash
    assert misread(sp.Matrix([lam, x]), sp.Matrix([lam, 1])) is None
    assert "not a number" in misread(sp.S.true, x)


def test_a_function_whose_body_sums_a_power_keeps_the_index_of_its_condition():
    # x^t in the body is defined for t in 1..T (a condition over t): that t is the condition's own integer index, not
    # a variable to give what is declared now (it was made a real t, and the induction on T no longer proved it)
    from tests.rows import verdicts
    got = verdicts("% function: g(x) = \\sum_{t=1}^{T} x^t\n% assume: x in [0, 1]\n", r"g(x) &\le T",
                   r"g(x) &\le T - 1")
    assert [v.verdict for v in got] == ["proved", "refuted"], [(v.verdict, v.method) for v in got]


@pytest.mark.parametrize("name", ["x", "\\mathbf{x}", "\\boldsymbol{x}", "\\bm{x}", "\\hat{x}", "\\tilde{x}"])
def test_a_bold_or_accented_family_of_vectors_is_a_family(name):
    # '% vector: \mathbf{x}_i' was one vector named x_i (the brace in \mathbf{x} hid the index), the same at every
    # term of a sum: the false ||sum_i x_i|| = sum_i ||x_i|| was proved
    from tests.rows import verdicts
    head = f"% assume: n integer positive\n% index: i in 1..n\n% vector: {name}_i in R^d\n"
    got = verdicts(head, f"\\left\\|\\sum_{{i=1}}^{{n}} {name}_i\\right\\| &= \\sum_{{i=1}}^{{n}} \\|{name}_i\\|",
                   f"\\|{name}_1 - {name}_2\\| &= 0",
                   f"\\left\\|\\sum_{{i=1}}^{{n}} {name}_i\\right\\| &\\le \\sum_{{i=1}}^{{n}} \\|{name}_i\\|")
    assert [v.verdict for v in got] == ["refuted", "refuted", "proved"], [(v.verdict, v.method) for v in got]


def test_a_family_of_vectors_with_two_indices_is_a_family():
    from tests.rows import verdicts
    head = "% assume: n integer positive; m integer positive\n% index: i in 1..n; k in 1..m\n% vector: a_{k,i} in R^d\n"
    got = verdicts(head, r"\left\|\sum_{i=1}^{n} a_{k,i}\right\| &= \sum_{i=1}^{n} \|a_{k,i}\|",
                   r"\|a_{1,1} - a_{1,2}\| &= 0", r"\left\|\sum_{i=1}^{n} a_{k,i}\right\| &\le \sum_{i=1}^{n} \|a_{k,i}\|")
    assert [v.verdict for v in got] == ["refuted", "refuted", "proved"], [(v.verdict, v.method) for v in got]


def test_one_vector_indexed_by_a_sums_index_is_unparsed_with_the_family_to_declare():
    from tests.rows import verdicts
    head = "% assume: n integer positive\n% index: i in 1..n; j in 1..n\n% vector: a_{ij} in R^d\n"
    (v,) = verdicts(head, r"\left\|\sum_{i=1}^{n} a_{ij}\right\| &= \sum_{i=1}^{n} \|a_{ij}\|")
    assert v.verdict == "unparsed" and "% vector: a_{i,j} in R^d" in v.evidence["reason"], v


@pytest.mark.parametrize("head", ["% assume: x in [0, 1]\n% vector: x in R^d\n",
                                  "% vector: x in R^d\n% assume: x in [0, 1]\n",
                                  "% assume: n integer positive\n% index: i in 1..n\n% assume: x_i in [0, 1]\n"
                                  "% vector: \\mathbf{x}_i in R^d\n",
                                  "% vector: \\mathbf{x}_i in R^d\n% assume: x_1 > 0\n"])
def test_a_name_declared_a_vector_and_a_scalar_is_refused(head):
    with pytest.raises(ParseError, match="declared a vector .* and given a scalar assumption"):
        read_latex(head + "\\[ 1 \\le 2 \\]\n")


def test_an_expression_ended_range_of_an_accented_family_is_refused_and_of_a_bold_one_read():
    from tests.rows import verdicts
    head = "% assume: n integer positive; R positive\n% index: i in 1..n\n% assume: {name}_i in [0, R]\n"
    with pytest.raises(ParseError, match="needs a plain name"):
        read_latex(head.format(name="\\hat{r}") + "\\[ 1 \\le 2 \\]\n")
    for name in ("\\mathbf{r}", "\\rho", "r"):
        got = verdicts(head.format(name=name), f"{name}_1 &\\ge 0", f"{name}_1 &= {name}_2",
                       f"\\sum_{{i=1}}^{{n}} {name}_i &\\le n R")
        assert [v.verdict for v in got] == ["proved", "refuted", "proved"], (name, [(v.verdict, v.method) for v in got])


@pytest.mark.parametrize("src, name", [
    (r"\hat{\mathbf{w}}", "hat{w}"), (r"\mathbf{\hat{w}}", "hat{w}"), (r"\bar{\boldsymbol{\theta}}", "bar{theta}"),
    (r"\tilde{\mathbf{x}}_{i,j}", "tilde{x}_{i,j}"), (r"\bm{\bar{x}}_t", "bar{x}_t"), (r"\hat{\mathbf x}", "hat{x}"),
    (r"\hat{w}", "hat{w}"), (r"\mathbf{x}", "x"),
])
def test_an_accent_over_a_bold_letter_is_the_accented_letter(src, name):
    assert symbol_name(src) == name


BOLD_MEAN = ("% assume: n integer positive\n% index: i in 1..n\n% vector: \\mathbf{x}_i, \\hat{\\mathbf{w}}, \\mathbf{u} "
             "in R^d\n% define: \\bar{\\mathbf{x}} = \\frac{1}{n}\\sum_{i=1}^{n} \\mathbf{x}_i\n")


def test_accented_bold_vectors_and_their_definitions_are_read_and_judged():
    # \bar{\mathbf{x}} := (1/n) sum_i x_i refused the file ("\bar{\mathbf{x}}: expected one letter")
    from tests.rows import verdicts
    got = verdicts(BOLD_MEAN, r"\sum_{i=1}^{n} (\mathbf{x}_i - \bar{\mathbf{x}}) &= 0",
                   r"\|\hat{\mathbf{w}} - \bar{\mathbf{x}}\|^2 &\ge 0",
                   r"\sum_{i=1}^{n} \|\mathbf{x}_i - \mathbf{u}\|^2 &\le \sum_{i=1}^{n} \|\mathbf{x}_i - \bar{\mathbf{x}}\|^2")
    assert [v.verdict for v in got] == ["proved", "proved", "refuted"], [(v.verdict, v.method) for v in got]


@pytest.mark.slow  # about 15 s on 2 cores: the slow tier, which CI also runs
def test_the_mean_in_bold_minimises_the_sum_of_squared_distances():
    from tests.rows import verdicts
    (v,) = verdicts(BOLD_MEAN, r"\sum_{i=1}^{n} \|\mathbf{x}_i - \bar{\mathbf{x}}\|^2 "
                               r"&\le \sum_{i=1}^{n} \|\mathbf{x}_i - \mathbf{u}\|^2")
    assert v.verdict == "proved" and v.method.startswith("for every d"), (v.verdict, v.method)


def test_a_lemmas_index_is_shown_apart_from_a_free_index_of_the_step():
    from tests.rows import verdicts
    head = ("% assume: n integer positive; m integer positive\n% index: i in 1..n; j in 1..m\n"
            "% vector: \\mathbf{a}_{i,j} in R^d\n")
    (v,) = verdicts(head, r"\left\|\sum_{j=1}^{m} \mathbf{a}_{i,j}\right\| &\le \sum_{j=1}^{m} \|\mathbf{a}_{i,j}\|")
    assert v.verdict == "proved" and "v_k := a_{i,k}, k = 1..m" in v.method, v.method


def test_a_sum_that_rebinds_an_outer_index_gets_its_own_symbol():
    # sum_i (x_i - (1/n) sum_i x_i): the inner i is the inner sum's (a primed symbol), so the provers see two indices
    from tests.rows import verdicts
    head = "% assume: n integer positive\n% index: i in 1..n\n% assume: x_i real\n"
    got = verdicts(head, r"\sum_{i=1}^{n} \left(x_i - \frac{1}{n}\sum_{i=1}^{n} x_i\right) &= 0",
                   r"\sum_{i=1}^{n} \left(x_i - \frac{1}{n}\sum_{i=1}^{n} x_i\right) &= 1")
    assert [v.verdict for v in got] == ["proved", "refuted"], [(v.verdict, v.method) for v in got]
    (s,) = rows(r"\sum_{i=1}^{n} \left(x_i - \sum_{i=1}^{n} x_i\right) &= 0", head)
    inner = [x for x in s.lhs.atoms(sp.Sum) if x.limits[0][0].name == "i'"]
    assert inner and inner[0].function.has(sp.Symbol("i'", integer=True))


def test_a_functions_argument_in_escaped_braces_is_its_argument():
    # \exp\{-x^2\} (and \exp\left\{...\right\}) was unparsed: "\exp without parentheses must be followed by one symbol"
    from tests.rows import verdicts
    head = "% assume: x real\n"
    got = verdicts(head, r"\exp\{x\} &\ge 1 + x", r"\exp\left\{-x^2\right\} &\le 1", r"\exp\{x\}^2 &= \exp(2x)",
                   r"\exp\{x\} &\le 1 + x", r"\log\{1 + x^2\} &\ge 0")
    assert [v.verdict for v in got] == ["proved", "proved", "proved", "refuted", "proved"], \
        [(v.verdict, v.method) for v in got]
    (bad,) = verdicts(head, r"\exp\{x &\ge 1 + x")
    assert bad.verdict == "unparsed" and "unbalanced" in bad.evidence["reason"], bad.evidence
