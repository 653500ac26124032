"""Family members with number indices as variables of their own (derivcheck/deciders/members.py): p_1 <= 1 with
p_i in [0, 1] is proved by Z3, s_2^2 = 1 with s_k in {-1, 1} too, and the renaming is refused wherever it would not
be exact (a letter index left, a name already taken)."""

from __future__ import annotations

from fractions import Fraction

import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from derivcheck.deciders import members, obligations, procedures
from derivcheck.deciders.problem import Problem
from derivcheck.files import check_latex
from derivcheck.reader.declarations import Assumptions
from derivcheck.reader.document import parse_assumptions

A = parse_assumptions("p_i in [0, 1]; s_{k,i} in {-1, 1}; q_i positive; w_i integer; w_i in [1/2, 7/2]")
p, s, q, w = (sp.IndexedBase(x, real=True) for x in "psqw")
i = sp.Symbol("i", integer=True)


def test_each_member_is_a_variable_with_its_familys_domain():
    lhs, rhs, a = members.as_variables(p[1] + s[2, 3] * q[1], w[4], A)
    names = sorted(x.name for x in lhs.free_symbols | rhs.free_symbols)
    assert names == ["p[1]", "q[1]", "s[2, 3]", "w[4]"]
    assert a.ranges["p[1]"] == (Fraction(0), Fraction(1), False, False)
    assert a.sets["s[2, 3]"] == [Fraction(-1), Fraction(1)]
    assert a.ranges["q[1]"][:3] == (Fraction(0), None, True) and a.symbol("q[1]").is_positive
    assert "integer" in a.props["w[4]"] and a.ranges["w[4]"] == (Fraction(1, 2), Fraction(7, 2), False, False)
    assert A.ranges == parse_assumptions("p_i in [0, 1]; w_i in [1/2, 7/2]").ranges  # the caller's are unchanged


def test_the_renaming_is_refused_where_it_would_not_be_exact():
    # a letter index left: inside a sum p[1] is its first term, and a separate variable would cut the tie
    assert members.as_variables(sp.Sum(p[i], (i, 1, 3)) + p[1], sp.Integer(0), A) is None
    # a letter index free in the step: exact while it is its family's only member and no member is declared apart
    lhs, _, renamed = members.as_variables(p[i], sp.Integer(1), A)
    assert lhs == renamed.symbol("p[i]") and renamed.ranges["p[i]"] == A.ranges["p_i"]
    assert members.as_variables(p[i] + p[1], sp.Integer(1), A) is None  # p_i and p_1: one value at i = 1
    assert members.as_variables(p[i] + p[i + 1], sp.Integer(1), A) is None
    apart = A.merged(parse_assumptions("p_1 in [0, 1/2]"))
    assert members.as_variables(p[i], sp.Integer(1), apart) is None  # p_1 declared apart: i = 1 is special
    assert members.as_variables(p[i], sp.Integer(1), A, for_proof=True) is not None
    # a variable already named as a member prints: two values would get one name
    assert members.as_variables(p[1] + sp.Symbol("p[1]"), sp.Integer(1), A) is None
    assert members.as_variables(p[1], sp.Integer(1), Assumptions(props={"p[1]": {"real"}})) is None
    assert members.as_variables(sp.Symbol("x"), sp.Integer(1), A) is None  # no member at all


def test_members_with_a_declared_domain_are_proved_and_refuted_by_the_procedures():
    assert procedures.decide_z3(Problem(p[1], "<=", sp.Integer(1), A)).verdict == "proved"
    assert procedures.decide_z3(Problem(s[2, 3] ** 2, "=", sp.Integer(1), A)).verdict == "proved"
    assert procedures.decide_cases(Problem(s[2, 3] * s[1, 1], "<=", sp.Integer(1), A)).verdict == "proved"
    out = procedures.decide_z3(Problem(p[1], ">=", sp.Integer(1), A))
    assert out.verdict == "refuted" and set(out.evidence["counterexample"]) == {"p[1]"}
    assert Fraction(out.evidence["counterexample"]["p[1]"]) < 1
    # two members are two values: p_1 - p_2 may be negative
    assert procedures.decide_z3(Problem(p[1] - p[2], ">=", sp.Integer(0), A)).verdict == "refuted"
    # a family bounded on one side only, from above: r_1 <= 3 and r_1 < 0 hold, r_1 >= -1 does not
    ra = parse_assumptions("r_i <= 3; t_i negative")
    r, t = sp.IndexedBase("r", real=True), sp.IndexedBase("t", real=True)
    assert procedures.decide_z3(Problem(r[1], "<=", sp.Integer(3), ra)).verdict == "proved"
    assert procedures.decide_z3(Problem(t[1], "<", sp.Integer(0), ra)).verdict == "proved"
    assert procedures.decide_z3(Problem(t[1], ">=", sp.Integer(-1), ra)).verdict == "refuted"
    # w_4 is an integer in [1/2, 7/2]: 1, 2 or 3
    assert procedures.decide_z3(Problem(w[4], ">=", sp.Integer(1), A)).verdict == "proved"
    assert procedures.decide_z3(Problem(w[4], "<=", sp.Integer(2), A)).verdict == "refuted"


def test_through_gdpc_check_a_member_is_proved_from_its_familys_declaration():
    rows = [r"p_1 \le 1", r"s_{2,3}^2 = 1", r"p_1 + p_2 \le 2", r"p_1 \ge 1", r"s_{2,3} = 1"]
    result = check_latex("% assume: p_i in [0, 1]\n% assume: s_{k,i} in {-1, 1}\n"
                         + "".join(f"\\[ {r} \\]\n" for r in rows))
    assert [v.verdict for v in result.verdicts] == ["proved", "proved", "proved", "refuted", "refuted"], \
        [(v.verdict, v.method) for v in result.verdicts]


@settings(max_examples=40)
@given(lo=st.integers(-5, 5), width=st.integers(0, 5), c=st.integers(-7, 12))
def test_hypothesis_a_member_is_bounded_exactly_by_its_familys_range(lo, width, c):
    # p_1 <= c with p_i in [lo, lo + width]: proved exactly when c >= lo + width, refuted otherwise, at a point of
    # the range
    a = parse_assumptions(f"p_i in [{lo}, {lo + width}]")
    out = procedures.decide_z3(Problem(p[1], "<=", sp.Integer(c), a))
    if c >= lo + width:
        assert out.verdict == "proved", (lo, width, c, out)
    else:
        assert out.verdict == "refuted", (lo, width, c, out)
        value = Fraction(out.evidence["counterexample"]["p[1]"])
        assert lo <= value <= lo + width and value > c


def test_for_a_proof_a_member_at_a_free_letter_index_is_a_variable_too():
    y, i = sp.IndexedBase("y", real=True), sp.Symbol("i", integer=True)
    B = parse_assumptions("y_i in {-1, 1}; n integer positive")
    c = sp.Symbol("c", nonnegative=True)
    # the exact renaming (refuters) takes a letter index only for a family's lone member: y_i with y_1 stays out
    assert members.as_variables(0, (1 - y[i] ** 2) * c + y[1], B) is None
    assert members.as_variables(0, (1 - y[i] ** 2) * c + y[1], B, for_proof=True) is not None
    lhs, rhs, out = members.as_variables(0, (1 - y[i] ** 2) * c, B, for_proof=True)
    assert out.sets["y[i]"] == [-1, 1] and not rhs.atoms(sp.Indexed)
    inside = sp.Sum(1 - y[i] ** 2, (i, 1, sp.Symbol("n", integer=True, positive=True)))
    assert members.as_variables(0, inside, B, for_proof=True) is None  # y_i bound by the sum: one value per term
    # obligations (proofs only) use it: Novikoff's y_i^2 ||a_i||^2 <= ||a_i||^2, with y_1 and with a free i
    assert obligations.prove(0, "<=", (1 - y[1] ** 2) * c, B) is not None
    assert obligations.prove(0, "<=", (1 - y[i] ** 2) * c, B) is not None
    assert obligations.prove(0, "<", (1 - y[i] ** 2) * c, B) is None  # 0 at every value


@pytest.mark.slow  # a property over 20 s: the slow tier
@given(st.lists(st.integers(-2, 2), min_size=4, max_size=4))
def test_a_proof_with_members_taken_apart_holds_when_they_are_one_value(coeffs):
    # y_i and y_1 become two variables; the step must hold also where i = 1 makes them one value (every value pair
    # is a case of the proof, including the equal ones)
    y, i = sp.IndexedBase("y", real=True), sp.Symbol("i", integer=True)
    B = parse_assumptions("y_i in {-1, 1}")
    a, b, c, d = coeffs
    term = a + b * y[i] + c * y[1] + d * y[i] * y[1]
    if obligations.prove(0, "<=", term, B) is None:
        return
    for u in (-1, 1):
        for v in (-1, 1):
            assert term.xreplace({y[i]: u, y[1]: v}) >= 0
        assert term.xreplace({y[i]: u, y[1]: u}) >= 0  # i = 1


def test_the_perceptron_update_against_the_radius_is_proved_for_every_d_and_its_slip_refuted():
    head = ("% assume: n integer positive\n% index: i in 1..n\n% vector: \\theta, a_i in R^d\n"
            "% assume: y_i in {-1, 1}\n")
    rows = [r"\|\theta + y_1 a_1\|^2 \le \|\theta\|^2 + 2 y_1 \theta^\top a_1 + \max_i \|a_i\|^2",
            r"\|\theta + y_1 a_1\|^2 \le \|\theta\|^2 + 2 y_1 \theta^\top a_1"]
    out = check_latex(head + "\\begin{align*}\n" + " \\\\\n".join(rows) + "\n\\end{align*}\n", timeout=60)
    assert [v.verdict for v in out.verdicts] == ["proved", "refuted"], [(v.verdict, v.method) for v in out.verdicts]
    assert "for every d" in out.verdicts[0].method
