"""What a derivation assumes: declarations on one name all hold at once, contradictory ones are refused, and a
family's declaration (y_i in {-1, 1}) holds for each of its indexed values, in SymPy's proofs and in the search.

Each case here was a wrong verdict before it was fixed: `x > 0; x < 1` kept only x < 1, so x^2 < x was REFUTED
at x = 0; `y_i in {-1, 1}` (the notation the declarations document) was ignored inside sums, so the search drew
y[1] = -121/32 and REFUTED a true identity.
"""

from fractions import Fraction

import pytest
import sympy as sp

from derivcheck.files import check_latex
from derivcheck.reader.declarations import Assumptions, DeclarationError
from derivcheck.reader.document import parse_assumptions
from derivcheck.reader.domains import Domain, domain_of, is_empty
from derivcheck.reader.notation import ParseError


def _verdicts(assume: str, *rows: str) -> list:
    body = " \\\\\n".join(rows)
    result = check_latex(f"% assume: {assume}\n\\begin{{align}}\n{body}\n\\end{{align}}\n", timeout=None)
    return result.verdicts


def _in_domain(value: str, d: Domain) -> bool:
    return d.contains(Fraction(value))


# -- declarations on one name accumulate ---------------------------------------------------------------------------
def test_two_bounds_on_one_name_are_both_kept():
    assert parse_assumptions("x > 0; x < 1").ranges["x"] == (0, 1, True, True)
    assert parse_assumptions("x in [0, 2]; x < 1; x >= -5").ranges["x"] == (0, 1, False, True)
    assert parse_assumptions("x in {1, 2, 3}; x in {2, 3, 4}").sets["x"] == [2, 3]


@pytest.mark.parametrize("assume", ["x > 0; x < 1", "x > 0\n% assume: x < 1", "x positive; x < 1"])
def test_a_step_true_on_the_declared_range_is_never_refuted(assume):
    (v,) = _verdicts(assume, "x^2 &< x")
    assert v.verdict in ("proved", "numerically holds, not proved"), (v.verdict, v.evidence)


def test_a_step_false_on_the_declared_range_is_refuted_inside_it():
    (v,) = _verdicts("x > 0; x < 1", "x^2 &> x")
    assert v.verdict == "refuted"
    assert 0 < Fraction(v.evidence["counterexample"]["x"]) < 1


# -- contradictions are refused ------------------------------------------------------------------------------------
@pytest.mark.parametrize("assume", [
    "x > 0; x < 0", "x positive; x < 0", "x positive negative", "x positive; x nonpositive", "x in (1/3, 1/3)",
    "x in [1/3, 1/3)", "n integer; n in (0, 1)", "n integer nonzero; n in [-1/2, 1/2]", "x in {1, 2}; x in {3}",
    "x in {0}; x nonzero", "x in {1/2}; x integer", "x in {1, 2}; x > 5",
])
def test_contradictory_assumptions_are_refused(assume):
    with pytest.raises(DeclarationError, match="contradict|empty"):
        parse_assumptions(assume)


def test_assumptions_contradicting_an_earlier_line_are_refused_with_its_line():
    with pytest.raises(ParseError, match="line 2: the assumptions on x contradict each other"):
        check_latex("% assume: x > 0\n% assume: x < -1\n\\begin{align}\nx &\\le 1\n\\end{align}\n")


@pytest.mark.parametrize("assume,name,values", [
    ("x >= 0; x <= 0", "x", [0]), ("n integer; n in [1/2, 3/2]", "n", [1]), ("x in {0, 1}; x nonzero", "x", [1]),
    ("x in {-1, 1, 5}; x < 2", "x", [-1, 1]),
])
def test_satisfiable_edge_cases_are_accepted(assume, name, values):
    a = parse_assumptions(assume)
    d = domain_of(sp.Symbol(name), a)
    assert not is_empty(d)
    assert [v for v in map(Fraction, range(-3, 7)) if d.contains(v)] == values


@pytest.mark.parametrize("d,empty", [
    (Domain(lo=Fraction(0), hi=Fraction(1), lo_open=True, hi_open=True, integer=True), True),
    (Domain(lo=Fraction(0), hi=Fraction(1), lo_open=True, integer=True), False),
    (Domain(hi=Fraction(-7, 2), integer=True), False),
    (Domain(lo=Fraction(10**9, 3), hi=Fraction(10**9 + 1, 3), integer=True), True),
    (Domain(lo=Fraction(0), hi=Fraction(0), nonzero=True), True),
    (Domain(lo=Fraction(0), hi=Fraction(0)), False),
    (Domain(lo=Fraction(1), hi=Fraction(0)), True),
    (Domain(integer=True, nonzero=True), False),
    (Domain(values=[]), True),
])
def test_is_empty(d, empty):
    assert is_empty(d) is empty


# -- a family's declaration holds for each of its values -----------------------------------------------------------
def test_family_names_are_the_family_and_its_index_forms_and_the_element():
    a = parse_assumptions("y_i in {-1, 1}; y_1 in [0, 1]; y_{12} > 0; y_{jk} positive; yy > 0; y real")
    assert a.family_names("y") == ["y", "y_i", "y_{jk}"]
    assert a.family_names("y", (sp.Integer(1),)) == ["y", "y_i", "y_{jk}", "y_1"]
    assert a.family_names("y", (sp.Integer(12),)) == ["y", "y_i", "y_{jk}", "y_12"]
    assert a.family_names("y", (sp.Integer(2),)) == ["y", "y_i", "y_{jk}"]
    assert a.family_names("z") == []


def test_a_family_declaration_gives_the_domain_and_the_properties_of_its_values():
    a = parse_assumptions("y_i in {-1, 0, 1}; y_i nonzero")
    names = a.family_names("y")
    assert domain_of(sp.Symbol("y"), a, names=names).values == [-1, 1]
    assert a.properties(names) == {"integer": True, "nonzero": True, "real": True}
    assert Assumptions().properties([]) == {"real": True}


@pytest.mark.parametrize("family", ["y", "y_i"])
def test_labels_squared_holds_whichever_way_the_family_is_declared(family):
    (v,) = _verdicts(f"n integer positive; {family} in {{-1, 1}}", "\\sum_{i=1}^{n} y_i^2 &= n")
    assert v.verdict in ("proved", "numerically holds, not proved"), (v.verdict, v.evidence)


def test_a_false_sum_over_a_declared_family_is_refuted_with_values_inside_its_range():
    # y_i in (0, 1): sum_{i<=n} y_i <= n holds, sum_{i<=n} y_i <= n - 1 fails (n = 1: y_1 <= 0)
    true, false = _verdicts("n integer positive; n <= 3; y_i in (0, 1)", "\\sum_{i=1}^{n} y_i &\\le n",
                            "\\sum_{i=1}^{n} y_i &\\le n - 1")
    assert true.verdict in ("proved", "numerically holds, not proved"), (true.verdict, true.evidence)
    assert false.verdict == "refuted"
    drawn = {k: v for k, v in false.evidence["counterexample"].items() if k.startswith("y[")}
    assert drawn and all(0 < Fraction(v) < 1 for v in drawn.values())


def test_a_family_declared_positive_is_positive_in_sympys_proofs():
    true, false = _verdicts("n integer positive; y_i positive", "\\sum_{i=1}^{n} y_i &\\ge 0",
                            "\\sum_{i=1}^{n} y_i &\\le 0")
    assert true.verdict == "proved"
    assert false.verdict == "refuted"
    assert all(Fraction(v) > 0 for k, v in false.evidence["counterexample"].items() if k.startswith("y["))


@pytest.mark.parametrize("text,ranges", [
    ("0 < x < 1", {"x": (0, 1, True, True)}),
    ("0 \\le x \\le 1", {"x": (0, 1, False, False)}),
    ("1 > x >= 0", {"x": (0, 1, False, True)}),
    ("1 \\geq x > 0", {"x": (0, 1, True, False)}),
    ("-1/2 <= a, b < 2", {"a": (Fraction(-1, 2), 2, False, True), "b": (Fraction(-1, 2), 2, False, True)}),
    ("0 < x", {"x": (0, None, True, True)}),
    ("0 \\geq x", {"x": (None, 0, True, False)}),
    ("0 < x < 2; x <= 1", {"x": (0, 1, True, False)}),
])
def test_chained_and_reversed_bounds(text, ranges):
    assert parse_assumptions(text).ranges == ranges


@pytest.mark.parametrize("text", ["1 < x < 0", "x <= y <= 1", "0 < x > 1"])
def test_chains_that_are_empty_or_not_numeric_bounds_are_errors(text):
    with pytest.raises(DeclarationError):
        parse_assumptions(text)


def test_a_family_whose_declarations_contradict_each_other_is_refused_not_a_crash():
    # refused where it is declared (bad input, exit 2), as for one name: no member has a value
    with pytest.raises(DeclarationError, match="the assumptions on the family y .*contradict"):
        parse_assumptions("y in {-1}; y_i > 0; n integer positive")


def test_declarations_of_one_family_that_contradict_each_other_are_refused():
    # a member q_i at an index is read with every declaration of its family (q, q_i, q_j): q_i integer with q_j in
    # (0, 1) leaves no value, and a step about the members would hold vacuously (Z3 proved -1 - q_i^2 >= 0 there)
    for text in ("q_i integer; q_j in (0, 1)", "q integer; q_i in (0, 1)", "p_i > 1; p_j < 0"):
        with pytest.raises(DeclarationError, match="the assumptions on the family"):
            parse_assumptions(text)
    with pytest.raises(ParseError, match="line 2: the assumptions on the family q"):
        check_latex("% assume: q_i integer\n% assume: q_j in (0, 1)\n% index: i in 1..n\n"
                    "\\begin{align}\n-1 - q_i^2 &\\ge 0\n\\end{align}\n")
    # members that can share a value, and a numeric member of its own, are fine
    for text in ("q_i integer; q_j in (0, 2)", "y_i in {-1, 1}; y_1 in [0, 1]", "x_i positive; x_j real"):
        parse_assumptions(text)


def test_a_family_of_two_indices_is_declared_with_its_comma_and_its_members_get_the_declaration():
    # a_{k,i}: the comma is inside the braces, not between two names (it was refused: "cannot read the symbol
    # 'a_{k'"); every member a[k, i] has the family's domain, the sum of positives is positive, and a member written
    # by name (a_{1,2}, both indices declared) is the family's value, not a free real refuted at 0
    a = parse_assumptions("a_{k,i} positive; b_{k, i}, c real")
    assert a.family_names("a") == ["a_{k,i}"] and a.family_names("b") == ["b_{k,i}"] and "c" in a.props
    head = ("% assume: n integer positive\n% index: i in 1..n\n% index: k in 1..n\n% assume: a_{k,i} positive\n")
    rows = [r"\sum_{i=1}^{n} \sum_{k=1}^{n} a_{k,i} > 0", r"a_{1,2} > 0", r"\sum_{i=1}^{n} a_{1,i} \ge a_{1,1}",
            r"a_{1,2} > 1"]
    result = check_latex(head + "".join(f"\\[ {r} \\]\n" for r in rows))
    assert [v.verdict for v in result.verdicts] == ["proved", "proved", "proved", "refuted"], \
        [(v.verdict, v.method) for v in result.verdicts]


def test_a_member_with_number_subscripts_is_the_familys_value_even_without_a_declared_index():
    # `a_i positive` with i no declared index: a_1 and a_{1,2} (of a_{k,i}) are members, so a_1 > 0 is proved (it
    # was read as a free real and refuted at a_1 = 0)
    rows = [r"a_1 > 0", r"b_{1,2} > 0", r"a_1 > 1"]
    result = check_latex("% assume: a_i positive\n% assume: b_{k,i} positive\n"
                         + "".join(f"\\[ {r} \\]\n" for r in rows))
    assert [v.verdict for v in result.verdicts] == ["proved", "proved", "refuted"], \
        [(v.verdict, v.method) for v in result.verdicts]


@pytest.mark.parametrize("name", ["a_{,}", "a_{}", "a_{i,}", "a_{,i}", "a_{i,,j}", "a_{i, }"])
def test_a_declared_name_with_an_empty_index_is_refused_not_taken_as_a_name(name):
    # `a_{,}` was accepted silently as a name of its own (stop 39's review): a typo the user should hear about
    with pytest.raises((ParseError, DeclarationError), match="empty index"):
        parse_assumptions(f"{name} real")
    with pytest.raises(ParseError, match="line 1: .*empty index"):  # the whole file is refused (exit 2)
        check_latex(f"% assume: {name} real\n$$ 1 \\le 2 $$\n")


@pytest.mark.parametrize("name, canonical", [("a_{k,i}", "a_{k,i}"), ("a_{g(i,j)}", "a_{g(i,j)}"), ("a_{i+1}", "a_{i+1}")])
def test_a_comma_inside_a_subscripts_parentheses_is_not_an_empty_index(name, canonical):
    assert canonical in parse_assumptions(f"{name} real").props
