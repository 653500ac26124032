"""Whether a decider's counterexample refutes the step as written (derivcheck/deciders/as_written.py).

Direct checks of `not_a_counterexample`, `none_stands` and `_defined_as_written` on hand-built problems and
outcomes, shaped as the deciders make them (a refutation's evidence: "counterexample", a dict of name -> exact
value as a string, and "certified_by", `judge`'s note), plus one check through the verdict engine. The running
example is the reversed geometric sum of tests/test_written_form.py: at T = 3, eta = 1 the written sum is
0^2 + 0^1 + 0^0 = 1, while SymPy's closed form divides by 1 - 1/(1 - eta) and is undefined there."""

from __future__ import annotations

import sympy as sp

from derivcheck.deciders import as_written
from derivcheck.deciders.judge import judge
from derivcheck.deciders.problem import Outcome, Problem
from derivcheck.reader.document import parse_assumptions
from derivcheck.verdicts import decide

t = sp.Symbol("t", integer=True)
T = sp.Symbol("T", integer=True, positive=True)
eta = sp.Symbol("eta", real=True)
x = sp.Symbol("x", real=True)
y = sp.Symbol("y", real=True)
M = sp.Symbol("M", integer=True)

GEOMETRIC = sp.Sum((1 - eta) ** (T - 1 - t), (t, 0, T - 1))
HOLDS = "the step as written holds there (SymPy's evaluated form was undefined)"
UNDEFINED = "the left side is undefined here"  # what `judge` says of SymPy's closed form at T = 3, eta = 1


def refuted(point: dict, certified_by: str = UNDEFINED, verdict: str = "refuted") -> Outcome:
    return Outcome(verdict, "counterexample (grid)", {"counterexample": point, "lhs": "nan", "rhs": "1",
                                                      "certified_by": certified_by, "found_by": "grid"})


def test_the_running_example_is_undefined_only_in_sympys_form():
    # the premise of the tests below: judged as written the step holds at the point, its closed form has no value
    holds, _, _, note = judge(GEOMETRIC.doit(), "<=", 1 / eta, {T: 3, eta: 1})
    assert holds is False and note == UNDEFINED
    assert judge(GEOMETRIC, "<=", 1 / eta, {T: 3, eta: 1})[0] is True


def test_a_point_where_only_sympys_form_is_undefined_is_set_aside_by_default():
    # the default (by_definedness=False) is every decider but `definedness`: the written step is re-judged there
    p = Problem(GEOMETRIC, "<=", 1 / eta)
    assert as_written.not_a_counterexample(p, refuted({"T": "3", "eta": "1"})) == HOLDS
    assert as_written.not_a_counterexample(p, refuted({"T": "3", "eta": "1"}), by_definedness=False) == HOLDS
    assert as_written._defined_as_written(p, refuted({"T": "3", "eta": "1"})) == HOLDS


def test_definednesss_own_counterexamples_stand():
    # `definedness` finds where the step is undefined as written: its refutation is never re-judged and set aside
    p = Problem(GEOMETRIC, "<=", 1 / eta)
    assert as_written.not_a_counterexample(p, refuted({"T": "3", "eta": "1"}), by_definedness=True) is None


def test_a_counterexample_certified_otherwise_is_not_rejudged():
    # only "a side is undefined" can be SymPy's form failing where the written one does not; an exact failure stands
    p = Problem(GEOMETRIC, "<=", 1 / eta)
    assert as_written.not_a_counterexample(p, refuted({"T": "3", "eta": "1"}, certified_by="exact")) is None
    assert as_written._defined_as_written(p, refuted({"T": "3", "eta": "1"}, certified_by="Arb ball")) is None


def test_a_counterexample_stands_where_the_written_step_fails_too():
    # 1 <= 1/2 fails as written at the same point: SymPy's undefined form was not the only failure
    p = Problem(GEOMETRIC, "<=", 1 / (2 * eta))
    assert as_written.not_a_counterexample(p, refuted({"T": "3", "eta": "1"})) is None


def test_a_counterexample_stands_where_the_written_step_has_no_verdict_either():
    # both sides undefined as written at x = 0: `judge` gives no verdict (None), and None is not "holds"
    p = Problem(1 / x, "<=", 2 / x)
    assert judge(p.lhs, p.rel, p.rhs, {x: sp.Integer(0)})[0] is None
    assert as_written.not_a_counterexample(p, refuted({"x": "0"}, "the left side is undefined here")) is None


def test_a_point_that_cannot_be_evaluated_leaves_the_refutation_standing():
    # a value that cannot even be read: the written step cannot be judged there, so nothing is set aside
    p = Problem(GEOMETRIC, "<=", 1 / eta)
    assert as_written.not_a_counterexample(p, refuted({"T": "3", "eta": "1/"})) is None


def test_a_familys_values_are_not_rejudged():
    # a name that is no symbol of the step (an indexed value y[1]) cannot be substituted: the refutation stands
    p = Problem(GEOMETRIC, "<=", 1 / eta)
    assert as_written.not_a_counterexample(p, refuted({"T": "3", "eta": "1", "y[1]": "0"})) is None


def test_a_point_naming_only_the_variables_sympy_kept_is_still_rejudged():
    # y appears only in an empty sum, which SymPy's evaluated form drops: a search over that form never names y,
    # and the written step still holds at the point (the empty sum is 0 whatever y is)
    p = Problem(GEOMETRIC + sp.Sum(y, (t, 1, 0)), "<=", 1 / eta)
    assert y in p.lhs.free_symbols
    assert as_written.not_a_counterexample(p, refuted({"T": "3", "eta": "1"})) == HOLDS


def test_a_range_that_runs_backwards_at_the_point_is_no_counterexample():
    # SymPy's Karr convention gives sum_{t=1}^{-5} 1 = -5 < 1; a paper's sum there is not the step written
    p = Problem(sp.Sum(1, (t, 1, M)), ">=", 1)
    why = "a sum's range runs backwards there (1..-5)"
    assert as_written.not_a_counterexample(p, refuted({"M": "-5"}, certified_by="exact")) == why
    assert as_written.not_a_counterexample(p, refuted({"M": "-5"}, certified_by="exact"), by_definedness=True) == why
    # inside the range the refutation stands (M = 0: the empty sum, 0 >= 1 fails as written)
    assert as_written.not_a_counterexample(p, refuted({"M": "0"}, certified_by="exact")) is None


def test_only_a_refutation_with_a_point_is_examined():
    p = Problem(sp.Sum(1, (t, 1, M)), ">=", 1)
    assert as_written.not_a_counterexample(p, None) is None  # the decider passed
    # a verdict that is no refutation is never set aside, whatever its evidence carries
    for verdict in ("proved", "undecided", "numerically holds, not proved"):
        assert as_written.not_a_counterexample(p, refuted({"M": "-5"}, "exact", verdict)) is None, verdict
    # a refutation without a point (nothing to re-judge) stands, and reading it must not fail
    assert as_written.not_a_counterexample(p, Outcome("refuted", "lemma", {"reason": "no point"})) is None
    assert as_written.not_a_counterexample(p, Outcome("refuted", "lemma", {"counterexample": "M = -5"})) is None


def test_none_stands_only_when_counterexamples_were_set_aside():
    assert as_written.none_stands(Problem(x, "<=", x)) is None
    assert as_written.none_stands(Problem(x, "<=", x, notes={"not_counterexamples": []})) is None


def test_none_stands_says_every_reason_it_was_given():
    notes = {"not_counterexamples": ["Z3: a sum's range runs backwards there (1..-5)", "search: " + HOLDS]}
    out = as_written.none_stands(Problem(x, "<=", x, notes=notes))
    assert (out.verdict, out.method) == ("undecided", "none")
    assert out.evidence == {"reason": "every counterexample found refutes SymPy's reading, not the step as written: "
                                      "Z3: a sum's range runs backwards there (1..-5); search: " + HOLDS}


def test_the_engine_answers_undecided_when_every_counterexample_is_set_aside():
    # M <= -5 declared: every sum_{t=1}^{M} runs backwards, so Z3's refutation (Karr: the sum is M) is set aside
    declared = parse_assumptions("M integer; M <= -5")
    p = Problem(sp.Sum(1, (t, 1, declared.symbol("M"))), ">=", 1, declared)
    out = decide(p, only=("Z3",))
    assert p.notes["not_counterexamples"] == ["Z3: a sum's range runs backwards there (1..-5)"]
    assert out.verdict == "undecided"
    assert out.evidence["reason"] == ("every counterexample found refutes SymPy's reading, not the step as written: "
                                      "Z3: a sum's range runs backwards there (1..-5)")


def test_a_counterexample_where_an_inner_range_runs_backwards_is_set_aside():
    # sum_{k=1}^{n} sum_{j=1}^{k-2} 1 = (n - 1)(n - 2)/2 is true as a paper means it; SymPy's closed form (Karr)
    # makes the left side -1 at n = 2: that refutes SymPy's reading only
    a = parse_assumptions("n integer; n >= 2")
    n = a.symbol("n")
    j, k = sp.symbols("j k", integer=True)
    p = Problem(sp.Sum(1, (j, 1, k - 2), (k, 1, n)), "=", (n - 1) * (n - 2) / 2, a)
    out = Outcome("refuted", "search", {"counterexample": {"n": "2"}, "certified_by": "exact"})
    assert "runs backwards here (1..-1)" in as_written.not_a_counterexample(p, out)
    out = decide(p)
    assert out.verdict != "refuted"
    # a family's value in the point is left out of the substitution, not a reason to keep the refutation
    q = Problem(sp.Sum(1, (j, 1, k - 2), (k, 1, n)), ">=", 0, a)
    bad = Outcome("refuted", "search", {"counterexample": {"n": "2", "y[1]": "1"}, "certified_by": "exact"})
    assert as_written.not_a_counterexample(q, bad) is not None
