"""Declarations a paper writes that the reader must take as written or refuse: a range whose end is an expression
(`\\eta \\in (0, 1/L]`, read through a fresh variable, reported with the step), and a comment line that means to
declare but names no declaration gdpc reads (`% variables:`, `% asume:`), which would otherwise be ignored and leave a
true step refuted at a point the author excluded."""

from __future__ import annotations

import re
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from derivcheck.reader.document import ParseError, read_latex
from derivcheck.verdicts import check


def verdicts(tex: str) -> list[str]:
    steps, assumptions = read_latex(tex)
    return [check(s, k, assumptions).verdict for k, s in enumerate(steps, 1)]


def test_a_step_size_up_to_one_over_l_is_read_as_declared():
    tex = r"""% assume: L > 0; \eta in (0, 1/L]; G >= 0
\begin{align}
\eta L &\le 1 \\
\eta (1 - L\eta/2) G &\ge \frac{\eta}{2} G \\
\eta L &\le \frac12
\end{align}
"""
    assert verdicts(tex) == ["proved", "proved", "refuted"]
    steps, assumptions = read_latex(tex)
    out = check(steps[2], 3, assumptions)
    assert out.evidence["counterexample"] == {"s_eta": "1"}  # eta = 1/L, the range's closed end
    assert "read as eta = (1/L) s_eta with s_eta in (0, 1]" in out.evidence["hint"]


def test_half_lines_and_two_expression_ends():
    tex = r"""% assume: \mu > 0; \alpha in [\mu, \infty); L > 0; \beta in (1/L, 2/L)
\[ \alpha \ge \mu \]
\[ \alpha > \mu \]
\[ (1 - \beta L)^2 < 1 \]
\[ \beta L < 3/2 \]
"""
    assert verdicts(tex) == ["proved", "refuted", "proved", "refuted"]
    steps, assumptions = read_latex(r"""% assume: M > 0; x in (-\infty, M)
\[ x < M \]
\[ x \le M - 1 \]
""")
    assert [check(s, k, assumptions).verdict for k, s in enumerate(steps, 1)] == ["proved", "refuted"]


@settings(max_examples=12)
@given(st.fractions(min_value=Fraction(1, 8), max_value=Fraction(4)), st.booleans())
def test_eta_l_below_c_is_proved_exactly_when_it_holds_on_the_range(c, closed):
    # eta in (0, 1/L] (closed) or (0, 1/L) (open): sup of eta L is 1, reached only when the end is closed
    end = "]" if closed else ")"
    tex = f"% assume: L > 0; \\eta in (0, 1/L{end}\n\\[ \\eta L \\le {c.numerator}/{c.denominator} \\]\n"
    holds = c >= 1
    assert verdicts(tex) == ["proved" if holds else "refuted"]


@pytest.mark.parametrize("tex, says", [
    (r"% assume: \eta in (0, 1/L]", "cannot tell from the declarations that 1/L > 0"),
    (r"% assume: L > 0; \eta in (0, \eta/L]", "depends on eta"),
    ("% assume: L > 0; \\eta in (0, 1/L]\n% assume: \\eta integer", "declared by its range"),
    (r"% assume: L > 0; \eta integer; \eta in (0, 1/L]", "declared already"),
    (r"% assume: L > 0; \eta in (1/L, 1/L]", "cannot tell"),
])
def test_a_range_that_cannot_be_read_as_written_is_refused(tex, says):
    with pytest.raises(ParseError, match=says):
        read_latex(tex + "\n\\[ \\eta L \\le 1 \\]\n")


def test_a_positivity_already_implied_by_the_range_may_be_said_twice():
    assert verdicts("% assume: L > 0; \\eta positive; \\eta in (0, 1/L]\n\\[ \\eta L \\le 1 \\]\n") == ["proved"]


@pytest.mark.parametrize("line, meant", [
    (r"% variables: \eta in (0, 1]", "assume"),
    ("% Asume: x > 0", "assume"),
    ("% given: x > 0", "assume"),
    ("% fucntion: f", "function"),
    ("% vectors: u in R^d", None),  # a plural of a declaration is that declaration
    ("%% Definition: y = 2 x", "define"),
])
def test_a_comment_that_means_to_declare_is_read_or_refused(line, meant):
    tex = line + "\n\\[ x \\ge 0 \\]\n"
    if meant is None:
        read_latex(tex)
        return
    with pytest.raises(ParseError, match=f"write '% {meant}: ...'"):
        read_latex(tex)


@pytest.mark.parametrize("line, meant", [
    ("% index i in 1..n", "% index: i in 1..n"),
    ("% assume x > 0", "% assume: x > 0"),
    (r"% Assume \eta \le 1", r"% assume: \eta \le 1"),
    ("% vector u in R^d", "% vector: u in R^d"),
    (r"% define \beta = R^2", r"% define: \beta = R^2"),
    (r"% assume y \in \{-1, 1\}", r"% assume: y \in \{-1, 1\}"),
])
def test_a_declaration_without_its_colon_is_refused_with_the_line_to_write(line, meant):
    # as a comment it would leave x unconstrained: x >= 0 refuted at a point the author excluded
    with pytest.raises(ParseError, match=f"line 1: .*write '{re.escape(meant)}'"):
        read_latex(line + "\n\\[ x \\ge 0 \\]\n")


@pytest.mark.parametrize("line", ["% assume the loss is convex", "% assume in what follows that f is smooth",
                                  "% Define the margin as the smallest one", "% function of the step size",
                                  "% index of the largest margin"])
def test_prose_that_starts_with_a_declarations_keyword_is_a_comment(line):
    assert verdicts(line + "\n\\[ 1 \\le 2 \\]\n") == ["proved"]


def test_a_refuted_family_members_hint_names_the_familys_range_and_members_come_in_index_order():
    tex = r"""% assume: n integer positive; R positive
% index: i in 1..n
% assume: r_i in [0, R]
\[ r_1 \le R/2 \]
\[ \sum_{i=1}^{n} r_i \le n R / 2 \]
\[ r_2 \le R \]
"""
    steps, assumptions = read_latex(tex)
    out = [check(s, k, assumptions) for k, s in enumerate(steps, 1)]
    assert [o.verdict for o in out] == ["refuted", "refuted", "proved"]
    for o in out[:2]:
        assert "Declared r_i in [0, R], read as r_i = (R) check{r}_i with check{r}_i in [0, 1]" in o.evidence["hint"]
    members = [k for k in out[1].evidence["counterexample"] if k.startswith("check{r}[")]
    assert len(members) >= 2
    assert members == sorted(members, key=lambda k: int(k.split("[")[1].rstrip("]")))


def test_other_comments_and_a_capitalised_declaration_are_read():
    tex = "% Assume: x > 0\n% Note: from (3).\n% TODO: cite\n% Proof: by Lemma 2.\n\\[ x \\ge 0 \\]\n"
    assert verdicts(tex) == ["proved"]  # the capitalised % Assume: holds: x > 0 makes x >= 0 true


def test_an_end_with_brackets_and_a_range_inside_another():
    # 2/(mu + L) is one end (the comma outside every bracket splits the range); lambda in [mu, L] is never empty
    # because mu <= L, which the check sees through mu's own rewrite (L - L s_mu >= 0 with s_mu in (0, 1])
    tex = r"""% assume: L > 0; \mu in (0, L]; \lambda in [\mu, L]; \eta in (0, 2/(\mu + L)]
\[ \eta (\mu + L) \le 2 \]
\[ \lambda \le L \]
\[ \lambda \ge \mu \]
\[ \lambda > \mu \]
"""
    assert verdicts(tex) == ["proved", "proved", "proved", "refuted"]
    with pytest.raises(ParseError, match=r"cannot tell from the declarations that L > L\*s_mu"):
        read_latex("% assume: L > 0; \\mu in (0, L]; \\lambda in (\\mu, L)\n\\[ \\lambda \\le L \\]\n")


def test_a_variable_declared_by_its_range_cannot_be_defined_again():
    with pytest.raises(ParseError, match="declared by its range"):
        read_latex("% assume: L > 0; \\eta in (0, 1/L]\n% define: \\eta = 2\n\\[ \\eta L \\le 1 \\]\n")
    steps, assumptions = read_latex("% assume: L > 0; \\eta in (0, 1/L]\n"
                                    "\\begin{align} \\eta := 2 \\\\ \\eta L \\le 1 \\end{align}\n")
    out = [check(s, k, assumptions) for k, s in enumerate(steps, 1)]
    assert out[0].verdict == "unparsed" and "declared by its range" in out[0].evidence["reason"]
    assert out[1].verdict == "proved"  # still read through the range: eta L = s_eta <= 1


def test_a_bound_by_another_variable_is_the_half_line_it_means():
    # `r >= h` between two variables (Polyak's step: g^T (x - x*) >= f(x) - f*) is r in [h, oo); `r < h` is
    # (-oo, h); a bound by a number stays an ordinary range
    tex = r"""% assume: h nonnegative; r >= h; q positive; u < h; x >= 0
\begin{align}
-\frac{2h}{q} r + \frac{h^2}{q} &\le -\frac{h^2}{q} \\
r &\ge h \\
r &\ge h + 1 \\
u &< h \\
u &\le h - 1 \\
x &\ge 0
\end{align}
"""
    assert verdicts(tex) == ["proved", "proved", "refuted", "proved", "refuted", "proved"]
    steps, assumptions = read_latex(tex)
    out = check(steps[2], 3, assumptions)
    assert "read as r = (h) + s_r with s_r in [0, oo)" in out.evidence["hint"], out.evidence
    assert "x" in assumptions.ranges and "s_x" not in {v.name for s in steps for v in s.lhs.free_symbols}


def test_a_bounded_name_may_carry_an_accent_a_subscript_or_a_prime():
    # `\bar\eta >= \eta_0` (a cosine schedule's peak above its floor) was refused: only plain letters were a name
    tex = r"""% assume: \eta_0 nonnegative; \bar\eta >= \eta_0; \hat{w} > \eta_0 + 1; z' \le \eta_0
\begin{align}
\bar\eta - \eta_0 &\ge 0 \\
\hat{w} &> 1 \\
\hat{w} &> 2 \\
z' &\le \bar\eta \\
z' &< \eta_0
\end{align}
"""
    assert verdicts(tex) == ["proved", "proved", "refuted", "proved", "refuted"]
    with pytest.raises(ParseError, match="single symbol"):
        read_latex("% assume: a real; a + b >= a\n\\begin{align}\na &= a\n\\end{align}\n")


def test_the_fresh_variable_of_a_range_is_a_number_where_its_letter_is_a_vector():
    # T >= 2C/epsilon is read through s_T; with s a declared vector (Frank-Wolfe's vertex), s_T was a vector and the
    # row "added a vector and a scalar"
    tex = r"""% assume: C positive; \epsilon positive
% assume: T >= 2C/\epsilon
% vector: s, \theta in R^d
\begin{align}
\frac{2C}{T + 2} &\le \epsilon \\
\frac{2C}{T} &< \epsilon \\
\|s - \theta\|^2 &\le 2\|s\|^2 + 2\|\theta\|^2
\end{align}
"""
    assert verdicts(tex) == ["proved", "refuted", "proved"]


def test_a_limit_binds_a_variable_declared_by_its_range_as_itself():
    # eta in (0, 1/y] is read as s_eta / y in the rows; bound by a limit it is the limit's own variable
    tex = r"""% assume: y positive; u real; \eta in (0, 1/y]
\begin{align}
\lim_{\eta \to 0^+} \frac{(1 + \eta^2 u^2) - 1}{\eta} &= 0 \\
\lim_{\eta \to 0^+} \frac{(1 + \eta u^2) - 1}{\eta} &= 0 \\
\eta y &\le 1
\end{align}
"""
    assert verdicts(tex) == ["proved", "refuted", "proved"]


@pytest.mark.parametrize("bound, value", [(r"\frac{1}{4}", Fraction(1, 4)), (r"-\tfrac14", Fraction(-1, 4)),
                                          (r"\dfrac{-3}{2}", Fraction(-3, 2)), ("0.25", Fraction(1, 4))])
def test_a_latex_fraction_is_a_number_in_a_declaration_and_a_side_condition(bound, value):
    from derivcheck.reader.declarations import parse_fraction
    assert parse_fraction(bound) == value
    tex = rf"""% assume: x real
\begin{{align}}
x - ({value}) &\ge 0, \quad \text{{for }} x \ge {bound} \\
x - ({value}) &> 0, \quad \text{{for }} x \ge {bound}
\end{{align}}
"""
    assert verdicts(tex) == ["proved", "refuted"]


def test_a_family_with_an_expression_end_gets_a_fresh_value_for_each_member():
    # r_i in [0, R]: each r_i is R times its own number in [0, 1] (one s_{r_i} would make every member one value, and
    # named r_i inside itself: "the definition of r_i refers to itself"); another member (r_1, r_j, r_{i+1}) is R
    # times its own number too: the range is the family's, as a family's other assumptions are
    from tests.rows import verdicts
    head = ("% assume: n integer positive; B positive; R positive\n% index: i in 1..n\n% index: j in 1..n\n"
            "% assume: r_i in [0, R]\n")
    got = verdicts(head, r"\frac{B}{n}\sqrt{\sum_{i=1}^{n} r_i^2} &\le \frac{BR}{\sqrt{n}}", r"r_i &\ge 0",
                   r"\sum_{i=1}^{n} r_i &\le (n - 1) R", r"\sum_{i=1}^{n} r_i &\ge n R", r"r_1 &\le R",
                   r"\sum_{j=1}^{n} r_j^2 &\le n R^2", r"r_j &\le R", r"r_1 - r_2 &\le R / 2",
                   r"\sum_{i=1}^{n} r_i &= \sum_{j=1}^{n} r_j", r"r_{i+1} &\ge 0")
    assert [v.verdict for v in got] == ["proved", "proved", "refuted", "refuted", "proved", "proved", "proved",
                                        "refuted", "proved", "proved"], [(v.verdict, v.method) for v in got]
    # two members are two values: r_1 - r_2 <= R/2 fails at r_1 = R, r_2 = 0


def test_a_functions_body_reads_its_variables_through_their_ranges_and_definitions():
    """The body is read at the declaration; its other variables are the rows' variables where it is called: a in
    [0, L] is L s_a there too, and a defined c is its value (the body had read both as free reals, and the search
    refuted true steps at a = -1 and c = -1)."""
    ranged = r"""% assume: L positive; a in [0, L]; x real; y real
% function: g(x) = a x + 1
\begin{align*}
(g(x) - g(y))(x - y) &\ge \frac{1}{L}(g(x) - g(y))^2 \\
(g(x) - g(y))(x - y) &\ge \frac{2}{L}(g(x) - g(y))^2
\end{align*}
"""
    assert verdicts(ranged) == ["proved", "refuted"]  # the second is false at a = L: 2 L (x-y)^2 > L (x-y)^2
    # a member of a family with such a range, in a body (it had ended the command with an internal error), and a
    # range declared below the function
    member = ("% assume: R positive; x real; n integer positive\n% index: i in 1..n\n% assume: r_i in [0, R]\n"
              "% function: g(x) = r_1 x^2\n\\begin{align*}\ng(x) &\\le R x^2 \\\\\ng(x) &\\le \\frac{R}{2} x^2\n"
              "\\end{align*}\n")
    assert verdicts(member) == ["proved", "refuted"]
    below = ("% function: g(x) = \\eta x^2\n% assume: L positive; \\eta in (0, 1/L]; x real\n\\begin{align*}\n"
             "L g(x) &\\le x^2 \\\\\nL g(x) &\\le \\frac{x^2}{2}\n\\end{align*}\n")
    assert verdicts(below) == ["proved", "refuted"]
    # a family's range declared below the function: the body's members are read through it where it is called
    family = ("% assume: n integer positive; B positive\n% index: i in 1..n\n"
              "% function: Z(u) = \\sum_{i=1}^{n} e^{-u L_i}\n% assume: L_i in [0, B]; u positive\n"
              "\\begin{align*}\nZ(u) &\\le n \\\\\nZ(u) &\\ge n e^{-u B} \\\\\nZ(u) &\\le n e^{-u B}\n"
              "\\end{align*}\n")
    assert verdicts(family) == ["proved", "proved", "refuted"]
    for definition in ("% define: c = 2\n", ""):
        tex = ("% assume: x real\n" + definition + "% function: g(x) = c x^2\n\\begin{align*}\n" +
               ("" if definition else "c := 2 \\\\\n") + "g(x) &\\ge 0 \\\\\ng(x) &\\ge 3x^2\n\\end{align*}\n")
        assert verdicts(tex) == ["proved", "refuted"], tex
    # a definition that uses the name of one of the function's parameters cannot be read apart from it
    steps, assumptions = read_latex("% assume: x real; y real\n% define: c = x + 1\n% function: g(x) = c x\n"
                                    "\\[ g(y) \\ge 0 \\]\n")
    out = check(steps[0], 1, assumptions)
    assert out.verdict == "unparsed" and "rename the parameter" in out.evidence["reason"], (out.verdict, out.evidence)


def test_the_fresh_variable_of_a_members_range_is_no_member_of_a_family_with_its_letter():
    """s_{lambda_1} (the fresh variable of lambda_1 in [mu, L]) beside a family s_1, s_2: it had been taken for a
    member of s at the index lambda_1, whose reading recorded more members while they were walked (a loop)."""
    tex = r"""% assume: \mu positive; L >= \mu; \lambda_1 in [\mu, L]; \lambda_2 in [\mu, L]
% assume: s_1 \ne 0; s_2 real
\begin{align*}
\frac{1}{L} \le \frac{s_1^2 + s_2^2}{\lambda_1 s_1^2 + \lambda_2 s_2^2} &\le \frac{1}{\mu} \\
\frac{s_1^2 + s_2^2}{\lambda_1 s_1^2 + \lambda_2 s_2^2} &\le \frac{1}{2\mu}
\end{align*}
"""
    steps, _ = read_latex(tex)
    names = {str(v) for s in steps for v in s.lhs.free_symbols | s.rhs.free_symbols}
    assert "s_{lambda_1}" in names and not any("lambda" in n and "[" in n for n in names), names
    assert verdicts(tex) == ["proved", "proved", "refuted"]


def test_a_body_that_names_a_variable_declared_only_below_it_is_read_where_the_function_is_called():
    """c(1 - t/T) in a body is a call of c or a product until c is declared: read at the call, with c a variable by
    then (the file had been refused as a whole); still undeclared there, the step is unparsed with the reason."""
    tex = ("% function: \\eta(t) = c\\left(1 - \\frac{t}{T}\\right)\n"
           "% assume: L positive; c in (0, 1/L]; T integer positive\n% index: t in 0..T-1\n\\begin{align*}\n"
           "\\sum_{t=0}^{T-1} \\eta(t) &= \\frac{c(T + 1)}{2} \\\\\n\\eta(t) &\\le \\frac{1}{L} \\\\\n"
           "\\eta(t) &\\le \\frac{1}{2L}\n\\end{align*}\n")
    assert verdicts(tex) == ["proved", "proved", "refuted"]
    # a body that calls such a function waits for it too
    nested = tex.replace("% assume: L", "% function: h(t) = 2\\eta(t)\n% assume: L").replace(
        "\\eta(t) &\\le \\frac{1}{L} \\\\", "h(t) &\\le \\frac{2}{L} \\\\")
    assert "h(t)" in nested and verdicts(nested) == ["proved", "proved", "refuted"]
    steps, assumptions = read_latex("% function: g(t) = c\\left(1 - t\\right)\n% assume: t real\n\\[ g(t) \\le 1 \\]\n")
    out = check(steps[0], 1, assumptions)
    assert out.verdict == "unparsed" and "the definition of g" in out.evidence["reason"], out.evidence
    assert "is ambiguous" in out.evidence["reason"]


def test_a_derivative_in_a_variable_declared_by_its_range_is_taken_through_its_fresh_variable():
    """z in [-B, B] is -B + 2B s_z in every row, so d/dz is (1/(2B)) d/ds_z (the chain rule, exact: z is affine in
    s_z); it had been unparsed as a derivative with respect to something that is not one variable."""
    tex = r"""% function: \ell(z, y) = (z - y)^2
% assume: B positive; z in [-B, B]; y in [-B, B]; \alpha in (0, 1/(8B^2)]
\begin{align*}
\frac{d}{dz}\ell(z, y) &= 2(z - y) \\
\frac{d^2}{dz^2} e^{-\alpha \ell(z, y)} &= \left(4\alpha^2(z - y)^2 - 2\alpha\right) e^{-\alpha \ell(z, y)} \\
\frac{d}{d\alpha} e^{-\alpha \ell(z, y)} &= -\ell(z, y) e^{-\alpha \ell(z, y)} \\
\frac{d}{dz}\ell(z, y) &= 2(z + y)
\end{align*}
"""
    assert verdicts(tex) == ["proved", "proved", "proved", "refuted"]


def test_a_derivative_is_taken_in_the_variables_own_fresh_variable_when_its_range_holds_another():
    # lambda_1 in [mu, L] with L > mu: lambda_1 reads mu + s_L s_{lambda_1}, affine in both fresh variables
    tex = r"""% assume: \mu positive; L > \mu; \lambda_1 in [\mu, L]
\begin{align*}
\frac{d}{d\lambda_1} \lambda_1^2 &= 2\lambda_1 \\
\frac{d}{d\lambda_1} \lambda_1^2 &= \lambda_1
\end{align*}
"""
    assert verdicts(tex) == ["proved", "refuted"]
    # with L >= mu the range may be the point mu, where lambda_1 moves with no s_{lambda_1}: not read
    assert verdicts(tex.replace("L > \\mu", "L >= \\mu")) == ["unparsed", "unparsed"]
