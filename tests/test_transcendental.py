"""The transcendental decider (derivcheck/deciders/transcendental.py): what it proves, and what it must not.

The inequalities every theorist knows are proved with a method naming the bounds; false variants (a constant
nudged, a direction flipped, a range widened, a factor dropped) are never proved, and where a Z3 model is a real
counterexample they are refuted at a point `judge` certifies; a step undefined somewhere in its domain (a log of
a nonpositive, a division by 0) is not proved; a proof's certificate is self-contained SMT-LIB.
"""

from __future__ import annotations

from fractions import Fraction

import pytest
import sympy as sp
import z3
from hypothesis import given, settings
from hypothesis import strategies as st

from derivcheck.deciders import abstraction as AB
from derivcheck.deciders import monotone as MO
from derivcheck.deciders import transcendental as TR
from derivcheck.deciders.judge import judge
from derivcheck.deciders.problem import Outcome, Problem
from derivcheck.functions import Sigmoid
from derivcheck.reader.declarations import Assumptions
from derivcheck.reader.document import read_latex
from derivcheck.verdicts import DECIDERS, check

from .rows import verdicts

OPEN01 = (Fraction(0), Fraction(1), True, True)
A = Assumptions(props={"x": {"real"}, "a": {"real"}, "b": {"real"}, "z": {"real"}, "y": {"positive"},
                       "u": {"nonnegative"}, "g": {"positive"}, "m": {"positive"}, "n": {"integer", "positive"},
                       "w": {"nonnegative"}},
                ranges={"p": OPEN01, "mu": OPEN01, "v": (Fraction(0), Fraction(1), False, False)})
x, a, b, z, y, u, g, m, n, p, mu, v, w = (A.symbol(s) for s in "x a b z y u g m n p mu v w".split())
R = sp.Rational
E, LOG = sp.exp, sp.log

TRUE = [  # (lhs, rel, rhs): the brief's examples and their kind
    (1 - x, "<=", E(-x)), (LOG(y), "<=", y - 1), (x * E(-x), "<=", E(-1)), (LOG(1 + E(-z)), "<=", E(-z)),
    (sp.Max(a, b), "<=", LOG(E(a) + E(b))), (LOG(E(a) + E(b)), "<=", sp.Max(a, b) + LOG(2)),
    (E((a + b) / 2), "<=", (E(a) + E(b)) / 2), (p * LOG(y) + (1 - p) * LOG(g), "<=", LOG(p * y + (1 - p) * g)),
    (E(-u), "<=", 1 - u + u ** 2 / 2), (sp.cos(x), ">=", 1 - x ** 2 / 2), (LOG(1 + p), ">=", 2 * p / (2 + p)),
    (E(u), ">=", 1 + u + u ** 2 / 2 + u ** 3 / 6), (sp.tanh(u), "<=", u), (Sigmoid(x), "<=", E(x)),
    (g * E(-g * m), "<=", E(-1) / m), ((1 - p) ** n, "<=", E(-n * p)),
    (Sigmoid(x) * Sigmoid(-x), "<=", R(1, 4)), (E(b), ">=", E(a) * (1 + b - a)), (sp.Max(0, z), "<=", LOG(1 + E(z))),
    (LOG(1 + u), "<=", u / sp.sqrt(1 + u)), (1 - 1 / y, "<=", LOG(y)), (u - u ** 3 / 3, "<=", sp.tanh(u)),
    (LOG(y), "<=", y / sp.E), (E(x), ">=", sp.E * x), (n * LOG(1 + 1 / n), "<=", sp.Integer(1)),
    ((1 + 1 / n) ** n, "<=", sp.E), (sp.sin(v), ">=", 2 * v / sp.pi), (sp.sin(x) ** 2, "<=", x ** 2),
    (sp.Integer(2) ** u, ">=", 1 + u * LOG(2)), (E(-x ** 2), "<=", 1 / (1 + x ** 2)),
    (LOG(y), "<", y), (E(x), ">", x),  # strict
]


def _decide(lhs, rel, rhs, assumptions=A):
    return TR.decide(Problem(lhs, rel, rhs, assumptions))


@pytest.mark.parametrize("lhs, rel, rhs", TRUE, ids=lambda e: sp.sstr(e)[:30])
def test_the_inequalities_theorists_know_are_proved_with_the_bounds_named(lhs, rel, rhs):
    out = _decide(lhs, rel, rhs)
    assert out is not None and out.verdict == "proved", (lhs, rel, rhs)
    # sigma(-x) sigma(x) <= 1/4 (a product of exponentials): through the logarithms of both sides, then the bounds
    assert out.method.startswith(("transcendental bounds then Z3 (", "derivative argument: f = ",
                                  "logarithms of both sides (both positive; log is increasing), then transcendental "
                                  "bounds then Z3 ("))
    assert "Taylor degree <= " in out.method
    assert "(check-sat)" in out.certificate and "(assert" in out.certificate


FALSE = [  # nudged constants, flipped directions, widened ranges, dropped factors
    (1 - x + R(1, 100), "<=", E(-x)), (LOG(y), "<=", y - R(101, 100)), (x * E(-x), "<=", E(-1) - R(1, 1000)),
    (x * E(-x), "<", E(-1)), (LOG(1 + E(-z)), ">=", E(-z)), (E(-v), "<=", 1 - v + v ** 2 / 3),
    (sp.cos(x), ">=", 1 - x ** 2 / 2 + x ** 4 / 24), (LOG(1 + p), ">=", p - p ** 2 / 3), (sp.tanh(x), "<=", x),
    (E(x), ">=", 1 + x + x ** 2 / 2), (LOG(E(a) + E(b)), "<=", sp.Max(a, b) + R(2, 3)), (LOG(x), "<=", x - 1),
    (g * E(-g * m), "<=", E(-1) / (2 * m)), (E(a / 2 + b / 2), ">=", (E(a) + E(b)) / 2),
    (E(-x), "<=", 1 / x), (1 - n * p + p / 10, "<=", (1 - p) ** n),
]


@pytest.mark.parametrize("lhs, rel, rhs", FALSE, ids=lambda e: sp.sstr(e)[:30])
def test_false_variants_are_never_proved_and_a_refutation_is_real(lhs, rel, rhs):
    out = _decide(lhs, rel, rhs)
    assert out is None or out.verdict == "refuted", (lhs, rel, rhs, out)
    if out is not None:
        point = {A.symbol(k): sp.Rational(val) for k, val in out.evidence["counterexample"].items()}
        assert judge(lhs, rel, rhs, point)[0] is False
        assert "bounds' Z3 model, re-checked" in out.method


def test_a_false_variant_refuted_where_the_model_is_a_counterexample():
    out = _decide(x * E(-x), "<=", E(-1) - R(1, 1000))
    assert out.verdict == "refuted" and out.evidence["counterexample"] == {"x": "1"}
    out = _decide(1 - n * p + p / 10, "<=", (1 - p) ** n)  # n is an integer: a model with n = 5/4 is not a point
    assert out is None or Fraction(out.evidence["counterexample"]["n"]).denominator == 1


# true inequalities with the point where they are tight: a false variant raises the smaller side there
TIGHT = [
    (lambda c: (1 - x + c, E(-x)), {x: 0}), (lambda c: (x * E(-x) + c, E(-1)), {x: 1}),
    (lambda c: (LOG(y) + c, y - 1), {y: 1}), (lambda c: (1 - x ** 2 / 2 + c, sp.cos(x)), {x: 0}),
    (lambda c: (E((a + b) / 2) + c, (E(a) + E(b)) / 2), {a: 0, b: 0}),
    (lambda c: (2 * p / (2 + p) + c, LOG(1 + p)), {p: R(1, 10 ** 6)}),
    (lambda c: (sp.Max(a, b) + c, LOG(E(a) + E(b))), {a: 0, b: 10}),
    (lambda c: (sp.tanh(u) + c, u), {u: 0}), (lambda c: (g * E(-g * m) + c, E(-1) / m), {g: 1, m: 1}),
]


@settings(max_examples=25)
@given(st.sampled_from(range(len(TIGHT))), st.fractions(min_value=Fraction(1, 10 ** 4), max_value=Fraction(2)),
       st.sampled_from(["<=", "<"]))
def test_hypothesis_false_variants_of_true_inequalities_are_never_proved(k, c, rel):
    make, point = TIGHT[k]
    point = {s: sp.sympify(val) for s, val in point.items()}
    lhs, rhs = make(sp.Rational(c.numerator, c.denominator))
    assert judge(lhs, rel, rhs, point)[0] is False  # the variant is false at its tight point
    out = _decide(lhs, rel, rhs)
    assert out is None or out.verdict == "refuted"
    if out is not None:
        at = {A.symbol(s): sp.Rational(val) for s, val in out.evidence["counterexample"].items()}
        assert judge(lhs, rel, rhs, at)[0] is False


# true for t >= 0 only: a range widened below 0 makes each false
WIDENED = [lambda t: (E(t), ">=", 1 + t + t ** 2 / 2), lambda t: (sp.tanh(t), "<=", t),
           lambda t: (LOG(1 + t), ">=", t - t ** 2 / 2), lambda t: (sp.sin(t), "<=", t),
           lambda t: (E(-t), "<=", 1 - t + t ** 2 / 2)]


@settings(max_examples=15)
@given(st.sampled_from(range(len(WIDENED))), st.fractions(min_value=Fraction(1, 100), max_value=Fraction(9, 10)))
def test_hypothesis_a_range_widened_below_its_true_range_is_never_proved(k, w):
    widened = Assumptions(ranges={"t": (-w, None, False, False)})
    t = widened.symbol("t")
    lhs, rel, rhs = WIDENED[k](t)
    assert _decide(lhs, rel, rhs, Assumptions(ranges={"t": (Fraction(0), None, False, False)})).verdict == "proved"
    out = _decide(lhs, rel, rhs, widened)
    assert out is None or out.verdict == "refuted"
    if out is not None:
        value = Fraction(out.evidence["counterexample"]["t"])
        assert -w <= value < 0 and judge(lhs, rel, rhs, {t: sp.Rational(value)})[0] is False


def test_a_step_undefined_somewhere_in_its_domain_is_not_proved():
    # log x <= x - 1 holds wherever it is defined, but x real allows x <= 0: not proved, and a point where a
    # side is undefined is a counterexample (the engine's rule)
    out = _decide(LOG(x), "<=", x - 1)
    assert out is None or (out.verdict == "refuted" and Fraction(out.evidence["counterexample"]["x"]) <= 0)
    for lhs, rhs in ((sp.sqrt(x) * E(x), (1 + x ** 2) * E(x)), (E(x) / x, sp.Integer(0)), (LOG(x) ** 2, -x)):
        out = _decide(lhs, ">=" if rhs == 0 else "<=", rhs)  # sqrt, 1/x, log undefined somewhere in the domain
        assert out is None or out.verdict == "refuted"
    assert _decide(LOG(y), "<=", y - 1).verdict == "proved"


def test_not_applicable_forms_pass():
    assert _decide(x ** 2, ">=", sp.Integer(0)) is None  # polynomial: Z3's decider owns it
    assert _decide(E(x), "!=", E(x) + 1) is None  # != is the search's and SymPy's
    # a family's member is a variable of its domain (`members`): exp(q_1) > 0 is decided; a sum is not translated
    assert _decide(E(sp.IndexedBase("q")[1]), ">", sp.Integer(0)).verdict == "proved"
    with pytest.raises(TR.NotApplicable):
        _decide(E(sp.Sum(sp.IndexedBase("q")[sp.Symbol("k", integer=True)], (sp.Symbol("k", integer=True), 1, n))), ">",
                sp.Integer(0))
    with pytest.raises(TR.NotApplicable):
        _decide(sp.factorial(n) * E(-n), "<=", sp.Integer(1))
    assert TR.applicable(sp.Integer(2) ** n, sp.Integer(1)) and not TR.applicable(x ** 3, sp.sqrt(x))


def test_constants_are_enclosed_exactly_and_shared_by_both_sides():
    enclosure = AB._enclosure(z3.Real("c"), sp.pi)
    s = z3.Solver()
    s.add(*enclosure, z3.Real("c") == z3.RealVal("314159265358979323846/100000000000000000000"))
    assert s.check() == z3.unsat  # 3.14159265358979323846 < pi: outside the 128-bit enclosure
    assert _decide(sp.pi, ">", R(314159, 100000)).verdict == "proved"
    assert _decide(sp.E * x ** 2, ">=", R(271, 100) * x ** 2).verdict == "proved"
    assert _decide(LOG(2) + z / 2, "<=", LOG(1 + E(z))).verdict == "proved"


def test_the_degree_rises_until_the_bounds_suffice():
    low = _decide(E(u), ">=", 1 + u)
    high = _decide(E(-v), "<=", 1 - v + v ** 2 / 2)
    assert "Taylor degree <= 1)" in low.method and "Taylor degree <= 3)" in high.method
    facts1, used1 = TR.constraints(TR.abstraction(E(x), E(-x), A)[0], 1)
    facts3, _ = TR.constraints(TR.abstraction(E(x), E(-x), A)[0], 3)
    assert len(facts3) > len(facts1) > 0 and used1 == ["exp Taylor bounds"]


def test_exponentials_of_one_base_are_powers_of_one_atom():
    a_, *_ = TR.abstraction(E(2 * x) * E(-x), E(x), A)
    assert [atom.label for atom in a_.atoms] == ["exp(x)"]
    a_, *_ = TR.abstraction(E(x / 2), E(x / 3), A)
    assert [atom.label for atom in a_.atoms] == ["exp(x/6)"]


def _cvc5_answers(smt2: str) -> list[str]:
    cvc5 = pytest.importorskip("cvc5")
    tm = cvc5.TermManager()
    solver = cvc5.Solver(tm)
    solver.setOption("nl-cov", "true")  # cylindrical algebraic coverings: nonlinear real arithmetic decided
    symbols = cvc5.SymbolManager(tm)
    parser = cvc5.InputParser(solver, symbols)
    parser.setStringInput(cvc5.InputLanguage.SMT_LIB_2_6, smt2, "certificate")
    answers = []
    while not (cmd := parser.nextCommand()).isNull():
        answers.append(cmd.invoke(solver, symbols).strip())
    return [s for s in answers if s]


def test_the_certificate_is_rechecked_by_cvc5():
    out = _decide(x * E(-x), "<=", E(-1))
    assert _cvc5_answers(out.certificate) == ["unsat"]
    # a proof case by case, or by a derivative's sign on each side, is one query per case or side, (reset) between
    out = _decide(LOG(E(a) + E(b)), "<=", sp.Max(a, b) + LOG(2))
    assert _cvc5_answers(out.certificate) == ["unsat", "unsat"]
    out = _decide(LOG(1 + u), ">=", u - u ** 2 / 2 + u ** 3 / 3 - u ** 4 / 4)
    assert _cvc5_answers(out.certificate) == ["unsat"]


def test_registered_once_between_finite_cases_and_branch_and_bound_and_used_by_check():
    names = [d.name for d in DECIDERS]
    assert names.count("transcendental bounds") == 1
    k = names.index("transcendental bounds")
    assert names[k - 1] == "finite cases" and names[k + 1] == "branch and bound"
    steps, _ = read_latex("% assume: x real\n\\[ x e^{-x} \\le e^{-1} \\]")
    verdict = check(steps[0], 1)
    assert verdict.verdict == "proved" and verdict.method.startswith("transcendental bounds") and verdict.certificate


def test_a_step_out_of_time_gives_up(monkeypatch):
    monkeypatch.setattr(TR, "remaining", lambda: 0.1)
    assert _decide(E(u), ">=", 1 + u) is None
    assert isinstance(Outcome("proved", "m"), Outcome)


# -- the derivative argument (monotone.py) ------------------------------------------------------------------------
def test_a_fourth_order_touching_point_is_proved_by_the_sign_of_the_derivative():
    out = _decide(LOG(1 + E(z)), "<=", LOG(2) + z / 2 + z ** 2 / 8)
    assert out.verdict == "proved" and out.method.startswith("derivative argument: f = ")
    assert "f(0) >= 0" in out.method and "for z >= 0" in out.method and "for z <= 0" in out.method
    assert out.certificate.count("(check-sat)") >= 2 and "(reset)" in out.certificate
    # the same with the curvature halved is false near 0: never proved, by bounds or by derivatives
    bad = _decide(LOG(1 + E(z)), "<=", LOG(2) + z / 2 + z ** 2 / 16)
    assert bad is None or bad.verdict == "refuted"
    assert MO.by_derivative(Problem(LOG(1 + E(z)), "<=", LOG(2) + z / 2 + z ** 2 / 16, A), lambda q: TR._decide(q, 1),
                            TR.defined) is None
    # one derivative down the sign is a rational step, u^4/(1 + u) >= 0, decided there by Z3 alone
    out = _decide(LOG(1 + u), ">=", u - u ** 2 / 2 + u ** 3 / 3 - u ** 4 / 4)
    assert out.verdict == "proved" and out.method.startswith("derivative argument")
    assert "(Z3 (nonlinear real arithmetic, no transcendental occurrence): no real counterexample)" in out.method
    assert TR._decide(Problem(u ** 2, ">=", sp.Integer(0), A), TR.DEPTH) is None  # the top step: Z3's decider's
    assert TR._decide(Problem(u ** 2, ">=", sp.Integer(0), A), 1).verdict == "proved"


def test_the_derivative_argument_needs_one_smooth_defined_variable_and_a_point_where_the_step_holds():
    always = lambda q: Outcome("proved", "stub")  # noqa: E731  (a prover that proves everything: the guards alone)
    assert MO.by_derivative(Problem(E(a), "<=", E(a + b), A), always, TR.defined) is None  # two variables
    assert MO.by_derivative(Problem(sp.Abs(x), ">=", x, A), always, TR.defined) is None  # not smooth
    assert MO.by_derivative(Problem(LOG(x), "<=", x, A), always, TR.defined) is None  # log undefined for x <= 0
    assert MO.by_derivative(Problem(E(x), "=", E(x), A), always, TR.defined) is None
    # e^x <= 1/2 holds only at the centre -1, and f' = -e^x < 0 right of it: the sampled sign rejects the centre,
    # so even a prover that proves everything gives no proof; e^x <= 1/4 holds at no centre at all
    assert MO.by_derivative(Problem(E(x), "<=", R(1, 2), A), always, TR.defined) is None
    assert MO.by_derivative(Problem(E(x), "<=", R(1, 4), A), always, TR.defined) is None
    out = MO.by_derivative(Problem(E(u), ">=", 1 + u, A), always, TR.defined)
    assert out.verdict == "proved" and "f(0) >= 0" in out.method and "for u <= " not in out.method


def test_the_derivative_argument_checks_the_sign_of_the_derivative_where_it_samples():
    seen = []
    def record(q):
        seen.append((q.rel, q.assumptions.ranges["x"]))
        return Outcome("proved", "stub")
    # f = 1 + x^2 - cos x: f(0) = 0, f' = 2x + sin x has the sign of x: one sub-step on each side of 0
    out = MO.by_derivative(Problem(sp.cos(x), "<=", 1 + x ** 2, A), record, TR.defined)
    assert out.verdict == "proved"
    assert sorted(seen) == [("<=", (None, 0, False, False)), (">=", (0, None, False, False))]
    assert not MO._sampled_sign_ok(2 * x, x, MO.Domain(Fraction(0), None), -1)
    assert MO._sampled_sign_ok(2 * x, x, MO.Domain(None, Fraction(0)), -1)
    assert MO._centres(MO.Domain(Fraction(3), Fraction(5), False, True)) == [Fraction(3)]


def test_abs_max_and_min_are_split_into_cases_that_cover_every_point_exactly():
    lhs, rhs = sp.Max(a, b) + sp.Abs(a - b), sp.Min(a, 0) * E(sp.Abs(b))
    pieces = AB.cases(lhs, rhs)
    assert len(pieces) == 16 and all(not AB._piecewise(left, right) for left, right, _ in pieces)
    for pa, pb in [(R(-3), R(2)), (R(1, 2), R(1, 2)), (R(5), R(-7)), (R(0), R(0))]:
        at = {a: pa, b: pb}
        holding = [(left, right) for left, right, conds in pieces if all(c.xreplace(at) >= 0 for c in conds)]
        assert holding and all(left.xreplace(at) == lhs.xreplace(at) and right.xreplace(at) == rhs.xreplace(at)
                               for left, right in holding)
    assert AB.cases(sp.Max(a, b, x, z) + sp.Abs(a) + sp.Abs(b), x, limit=8) is None  # 16 cases: Z3's if-then-else
    out = _decide(LOG(E(a) + E(b) + E(x)), "<=", sp.Max(a, b, x) + LOG(3))
    assert out.verdict == "proved" and "in each of 3 cases of |.|, max, min" in out.method
    assert out.certificate.count("(check-sat)") == 3
    bad = _decide(LOG(E(a) + E(b) + E(x)), "<=", sp.Max(a, b, x) + LOG(2))  # false at a = b = x
    assert bad is None or bad.verdict == "refuted"


def test_an_exponential_of_a_sum_is_the_product_of_its_parts():
    a_, *_ = TR.abstraction(E(b - a) * LOG(1 + E(-b)), LOG(1 + E(-a)), A)
    assert {"exp(-a + b)", "exp(-a)", "exp(b)"} <= {atom.label for atom in a_.atoms}
    bad = _decide(E(-sp.Abs(a - b)) * LOG(1 + E(-b)), "<=", LOG(1 + E(-a)) * R(99, 100))  # false at a = b
    assert bad is not None and bad.verdict == "refuted", bad


@pytest.mark.slow  # over 20 s on 2 cores: the slow tier, which CI also runs
def test_the_lipschitz_bound_of_the_logistic_loss_in_log_ratio_form_is_proved_in_two_cases():
    # it needs e^{b - a} = e^{-a} e^{b}, and |a - b| split into its two cases
    out = _decide(E(-sp.Abs(a - b)) * LOG(1 + E(-b)), "<=", LOG(1 + E(-a)))
    assert out.verdict == "proved" and "in each of 2 cases" in out.method


def test_identities_follow_from_the_exact_relations_between_occurrences():
    out = _decide(Sigmoid(-x) * Sigmoid(x), "=", E(-sp.Abs(x)) / (1 + E(-sp.Abs(x))) ** 2)
    assert out.verdict == "proved" and out.method.startswith("an identity of exp(x)") and "2 cases" in out.method
    assert _decide(sp.tanh(x), "=", 2 * Sigmoid(2 * x) - 1).verdict == "proved"
    wrong = _decide(Sigmoid(-x) * Sigmoid(x), "=", E(-sp.Abs(x)) / (1 + E(-sp.Abs(x))) ** 2 / 2)
    assert wrong.verdict == "refuted" and judge(Sigmoid(-x) * Sigmoid(x), "=", E(-sp.Abs(x)) / (
        1 + E(-sp.Abs(x))) ** 2 / 2, {x: sp.Rational(wrong.evidence["counterexample"]["x"])})[0] is False
    assert _decide(E(x), "!=", E(x) + 1) is None  # != is not this decider's


def test_a_strict_step_between_equal_sides_is_refuted_never_proved():
    # e^{2x} and (e^x)^2 are one power of one atom: their identity is proved, and < or > between them is false
    # everywhere (a relation read as = would prove it)
    assert _decide(E(2 * x), "=", E(x) ** 2).verdict == "proved"
    for rel in ("<", ">"):
        out = _decide(E(2 * x), rel, E(x) ** 2)
        assert out is not None and out.verdict == "refuted", (rel, out)


@pytest.mark.parametrize("lhs, rel, rhs", [
    # the sides differ by 1 everywhere: each relation below is false at every point, while its weaker neighbour
    # (<=, !=) holds everywhere, so a relation read as its neighbour would be proved
    (E(x), "=", E(x) + 1), (E(x) + 1, "=", E(x)), (E(x), ">", E(x) + 1), (E(x), ">=", E(x) + 1),
    (E(x) + 1, "<", E(x)), (E(x) + 1, "<=", E(x)),
])
def test_each_relation_is_read_as_itself_a_false_one_is_refuted(lhs, rel, rhs):
    out = _decide(lhs, rel, rhs)
    assert out is not None and out.verdict == "refuted", (lhs, rel, rhs, out)


def test_defined_asks_z3_where_there_are_conditions_and_says_so_where_there_are_none():
    # `defined` is what the derivative argument relies on (monotone.by_derivative): a side with a log or a root is
    # defined only where its argument allows, and a side with no condition at all is defined everywhere
    assert TR.defined(E(x) + x ** 2, A) and TR.defined(LOG(1 + x ** 2), A) and TR.defined(LOG(y), A)
    assert not TR.defined(LOG(x), A) and not TR.defined(sp.sqrt(x), A) and not TR.defined(1 / x, A)
    # defined through a bound of degree 1: e^x - x >= 1 > 0 and e^x - 1 - x >= 0 (the tangent at 0)
    assert TR.defined(LOG(E(x) - x), A) and TR.defined(sp.sqrt(E(x) - 1 - x), A)
    assert not TR.defined(LOG(E(x) - 1 - x), A)  # 0 at x = 0


def test_a_proof_names_the_bounds_it_used_and_centres_only_between_several_exponentials():
    one = _decide(E(x), ">=", 1 + x)
    assert one.verdict == "proved" and "exp Taylor bounds" in one.method and "centred" not in one.method
    two = _decide(E(x) + E(z), ">=", 2 + x + z)  # two atoms (e^{2x} would be the square of e^x's)
    assert two.verdict == "proved" and "exp Taylor bounds centred at each other occurrence" in two.method, two.method


@pytest.mark.parametrize("left", [None, 100.0, 0.49999, 0.25])
def test_a_query_never_takes_more_than_its_degrees_timeout_nor_60_percent_of_the_time_left(monkeypatch, left):
    """The contract of each Z3 query's timeout: its degree's level (LEVELS), and with a budget running at most 60% of
    the time left (in whole ms), so that a query cannot overrun the step; every degree is tried when Z3 answers
    unknown."""
    from derivcheck.deciders import smt

    seen = []
    monkeypatch.setattr(TR, "remaining", lambda: left)
    monkeypatch.setattr(TR.smt, "solve", lambda facts, timeout: seen.append(timeout) or smt.Answer("unknown"))
    assert TR.by_bounds(Problem(E(x) + E(z), ">=", 2 + x + z, A), sorted(TR.LEVELS)) is None
    assert len(seen) == len(TR.LEVELS)
    for degree, timeout in zip(sorted(TR.LEVELS), seen):
        cap = TR.LEVELS[degree] if left is None else min(TR.LEVELS[degree], 0.6 * left * 1000)
        assert isinstance(timeout, int) and cap - 1 < timeout <= cap, (left, degree, timeout, cap)


@pytest.mark.parametrize("row, want", [
    (r"\log\left(e^{a} + e^{b}\right) = \max\{a, b\} + \log\left(1 + e^{-|a - b|}\right)", "proved"),
    (r"\log\left(e^{a} + e^{b}\right) = \min\{a, b\} + \log\left(1 + e^{|a - b|}\right)", "proved"),
    (r"\log\left(1 + e^{a}\right) = a + \log\left(1 + e^{-a}\right)", "proved"),
    (r"\log\left(e^{a} + e^{b}\right) = \max\{a, b\} + \log\left(1 + e^{-|a - b|/2}\right)", "refuted"),
    (r"\log\left(e^{a} + e^{b}\right) = \max\{a, b\} + \log\left(1 + e^{-|a + b|}\right)", "refuted"),
    (r"\log\left(e^{a} + e^{b}\right) = \min\{a, b\} + \log\left(1 + e^{-|a - b|}\right)", "refuted"),
])
def test_an_identity_with_logarithms_is_proved_case_by_case_through_exponentials(row, want):
    """log-sum-exp as max + log(1 + e^{-|a - b|}): max(a, b) is (a + b + |a - b|)/2, so the cases are those of
    |a - b|, and in each e^lhs = e^rhs is SymPy's identity (exp is one-to-one on the reals)."""
    (v,) = verdicts("% assume: a real; b real\n", row)
    assert v.verdict == want, (row, v.verdict, v.method)


def test_exponentiating_needs_real_sides_and_every_case():
    x = sp.Symbol("x")  # not known real: e^lhs = e^rhs does not give lhs = rhs (2 pi i apart)
    assert TR.by_exponentiating(Problem(sp.log(sp.exp(x)), "=", x, Assumptions())) is None
    a, b = sp.symbols("a b", real=True)
    # true for a >= b only: the case b > a fails, so nothing is proved
    one_sided = Problem(sp.log(sp.exp(a) + sp.exp(b)), "=", a + sp.log(1 + sp.exp(-sp.Abs(a - b))), Assumptions())
    assert TR.by_exponentiating(one_sided) is None
    assert TR.by_exponentiating(Problem(a, "=", a, Assumptions())) is None  # no logarithm: not this decider's
    # the identities themselves, by this decider alone: max and min through |a - b|, two cases each
    lse = sp.log(sp.exp(a) + sp.exp(b))
    for rhs in (sp.Max(a, b) + sp.log(1 + sp.exp(-sp.Abs(a - b))), sp.Min(a, b) + sp.log(1 + sp.exp(sp.Abs(a - b)))):
        out = TR.by_exponentiating(Problem(lse, "=", rhs, Assumptions()))
        assert out is not None and out.method.startswith("both sides exponentiated") and "2 cases" in out.method


@pytest.mark.parametrize("row, want", [
    (r"\frac{1}{\eta} &\le L + \sqrt{\frac{BT}{A}}", "proved"),
    (r"\frac{A}{\eta T} + B\eta &\ge 2\sqrt{\frac{AB}{T}}", "proved"),
    (r"\frac{1}{\eta} &\le L", "refuted"),
    (r"\frac{A}{\eta T} + B\eta &\ge 3\sqrt{\frac{AB}{T}}", "refuted"),
])
def test_a_root_and_a_min_are_decided_by_z3_in_each_case_of_the_min(row, want):
    """eta := min{1/L, sqrt(A/(BT))}: with the root an algebraic variable (r >= 0, r^2 = x) and the min split into
    its two cases, Z3 decides each; taken whole, its own procedure gives up."""
    eta = r"\eta &:= \min\left\{\frac{1}{L}, \sqrt{\frac{A}{BT}}\right\}"
    (v,) = verdicts("% assume: A positive; B positive; L positive; T integer positive\n", eta, row)
    assert v.verdict == want, (row, v.verdict, v.method)


def test_only_a_root_beside_a_min_max_or_abs_is_taken_algebraically():
    u = sp.Symbol("u", positive=True)
    assert TR._algebraic(sp.Min(1, sp.sqrt(u)), u) and TR._algebraic(sp.Abs(u - 2), u ** sp.Rational(1, 3))
    assert not TR._algebraic(sp.sqrt(u), u)  # no case split: Z3's own procedure takes it
    assert not TR._algebraic(sp.Min(1, u), u) and not TR._algebraic(sp.Min(1, u ** 2), u)  # no root


@pytest.mark.parametrize("row, want", [
    (r"p_i\log\frac{p_i}{q_i} - p_i + q_i &\ge 0", "proved"),
    (r"p_i\log\frac{p_i}{q_i} - p_i + q_i &\le \frac{(p_i - q_i)^2}{q_i}", "proved"),
    (r"p_i\log\frac{p_i}{q_i} - p_i + q_i &\le \frac{(p_i - q_i)^2}{2 q_i}", "refuted"),
])
def test_a_familys_lone_member_at_a_free_index_is_a_variable_of_its_domain_to_the_bounds(row, want):
    (v,) = verdicts("% assume: n integer positive\n% index: i in 1..n\n% assume: p_i positive; q_i positive\n", row)
    assert v.verdict == want, (row, v.verdict, v.method)
    if want == "proved":  # the bounds proved it, with p_i and q_i variables of (0, oo): the log whole or split
        assert "log(p[i]/q[i])" in v.method or "log(p[i]), log(q[i])" in v.method, v.method


@pytest.mark.parametrize("row, want", [
    (r"a^{p} b^{1 - p} \le pa + (1 - p)b", "proved"),
    (r"\frac{1}{\frac{p}{a} + \frac{1 - p}{b}} \le a^{p} b^{1 - p}", "proved"),
    (r"a^{p} b^{1 - p} \ge pa + (1 - p)b", "refuted"),
    (r"a^{1 - p} b^{p} \le pa + (1 - p)b", "refuted"),
    (r"a^{p} b^{1 - p} \le \frac{1}{2}(pa + (1 - p)b)", "refuted"),
])
def test_weighted_am_gm_with_the_powers_as_one_exponential(row, want):
    """a^p b^{1-p} is e^{p log a + (1 - p) log b}: the tangent lines of exp at it through a and b give weighted AM-GM,
    and the same with 1/a, 1/b the harmonic mean below."""
    (v,) = verdicts("% assume: a positive; b positive; p in (0, 1)\n", row)
    assert v.verdict == want, (row, v.verdict, v.method)


def test_a_product_of_symbolic_powers_is_one_exponential_and_nothing_else_changes():
    a, b, p, x = sp.symbols("a b p x", positive=True)
    merged = AB._merged_powers(3 * a ** p * b ** (1 - p) + a ** 2 * b ** 3 + x ** p)
    exps = [e for e in sp.preorder_traversal(merged) if isinstance(e, sp.exp)]
    assert len(exps) == 1 and exps[0].args[0] == p * sp.log(a) + (1 - p) * sp.log(b)
    assert merged.has(a ** 2 * b ** 3) and merged.has(x ** p)  # integer powers, and one power alone, untouched
    assert sp.simplify(merged - (3 * a ** p * b ** (1 - p) + a ** 2 * b ** 3 + x ** p)) == 0


def test_logs_of_products_and_quotients_are_split_into_sums_first():
    # the union bound's sqrt(2 log(n/delta)) <= sqrt(2 log n) + sqrt(2 log(1/delta)) needs log(n/delta) =
    # log n - log delta, exact for n, delta > 0; a false variant is not proved, and a log of a factor of unknown
    # sign is not split
    from derivcheck.reader.document import parse_assumptions
    a = parse_assumptions(r"n integer positive; \delta in (0, 1); x real")
    n, d, x = a.symbol("n"), a.symbol("delta"), a.symbol("x")
    out = TR.decide(Problem(sp.sqrt(2 * sp.log(n / d)), "<=", sp.sqrt(2 * sp.log(n)) + sp.sqrt(2 * sp.log(1 / d)), a))
    assert out.verdict == "proved" and out.method.startswith("logs of products split into sums, then transcendental")
    false = TR.decide(Problem(sp.sqrt(2 * sp.log(n / d)), "<=", sp.sqrt(sp.log(n)) + sp.sqrt(sp.log(1 / d)), a))
    assert false is None or false.verdict != "proved"
    assert TR._logs_expanded(Problem(sp.log(x ** 2), "<=", 1 + x ** 2, a)) is None
    assert TR._logs_expanded(Problem(sp.log(n * d), "<=", n, a)).lhs == sp.log(n) + sp.log(d)


K = sp.Symbol("k", nonnegative=True)


def test_a_product_with_a_variable_power_is_compared_through_the_logarithms_of_both_sides():
    # e ((k + 1)/(k + 2))^{k + 1} >= 1 is 1 + (k + 1) log((k + 1)/(k + 2)) >= 0: the ratio step of (n/e)^n <= n!,
    # which the product of the two exponentials' bounds did not close
    step = Problem(sp.E * ((K + 1) / (K + 2)) ** (K + 1), ">=", sp.Integer(1), Assumptions())
    out = TR.by_logs(step)
    assert out is not None and out.verdict == "proved" and out.method.startswith("logarithms of both sides")
    # a false variant: e/2 at k = 0 is below 3/2 (and the limit at k -> oo is 1)
    assert TR.by_logs(Problem(sp.E * ((K + 1) / (K + 2)) ** (K + 1), ">=", sp.Rational(3, 2), Assumptions())) is None
    # not a product of a variable power (or a side not shown positive): not this route's
    assert TR.by_logs(Problem(((K + 2) / (K + 1)) ** (K + 1), "<=", sp.E, Assumptions())) is None
    x = sp.Symbol("x", real=True)
    assert TR.by_logs(Problem(x * sp.exp(x), "<=", sp.exp(2 * x), Assumptions())) is None  # x e^x may be <= 0


@pytest.mark.slow  # 12 s on 2 cores: each false instance climbs every degree of the bounds
@settings(max_examples=15)
@given(st.integers(1, 4), st.integers(1, 4), st.integers(-2, 3), st.fractions(min_value=Fraction(1, 4),
                                                                               max_value=Fraction(4)))
def test_hypothesis_what_the_logarithms_prove_holds_at_every_point_tried(a, b, e, c):
    lhs = sp.exp(e) * ((K + a) / (K + b)) ** (K + a)
    rhs = sp.Rational(c.numerator, c.denominator)
    out = TR.by_logs(Problem(lhs, ">=", rhs, Assumptions()))
    if out is not None and out.verdict == "proved":
        for k in (0, sp.Rational(1, 3), 1, 2, 7, 50, 10 ** 4):
            assert judge(lhs, ">=", rhs, {K: sp.sympify(k)})[0] is True, (a, b, e, c, k)


def test_stirlings_lower_bound_is_proved_by_induction_and_a_false_variant_is_not():
    got = verdicts("% assume: n integer positive\n", r"\left(\frac{n}{e}\right)^{n} &\le n!",
                   r"\left(\frac{n}{e}\right)^{n} &\le (n - 1)!")
    assert got[0].verdict == "proved" and "logarithms of both sides" in got[0].method
    assert got[1].verdict == "refuted"  # n! ~ sqrt(2 pi n) (n/e)^n: (n - 1)! < (n/e)^n from n = 7 on


def test_logs_of_positive_arguments_are_merged_where_separate_bounds_leave_the_step_open():
    # the barrier's centring objective t a x - log x is at least its value 1 + log(t a) at x = 1/(t a): one bound
    # of log(t a x) closes it, the bounds of log x and log(t a) apart do not
    head = r"% assume: t positive; \alpha positive; x positive" + "\n"
    proved, false, negative = verdicts(head, r"t\alpha x - \log x &\ge 1 + \log(t\alpha)",
                                       r"t\alpha x - \log x &\ge \frac{11}{10} + \log(t\alpha)",
                                       r"t\alpha x - \log x &\le 1 + \log(t\alpha)")
    assert proved.verdict == "proved" and proved.method.startswith("logarithms merged"), (proved.verdict,
                                                                                           proved.method)
    assert false.verdict == "refuted" and negative.verdict == "refuted", (false.verdict, negative.verdict)
    t, x = sp.Symbol("t", positive=True), sp.Symbol("x", positive=True)
    assert TR._logs_combined(Problem(t * x - sp.log(x), ">=", 1 + sp.log(t), A)).verdict == "proved"
    assert TR._logs_combined(Problem(t * x - sp.log(x), ">=", sp.Rational(11, 10) + sp.log(t), A)) is None
    y = sp.Symbol("y", real=True)  # log y + log t with y of either sign: log(ty) is not that, nothing merges
    assert TR._logs_combined(Problem(sp.log(y ** 2) + sp.log(t), "<=", t * y ** 2, A)) is None
    assert TR._logs_combined(Problem(sp.log(x), "<=", x, A)) is None  # one log: nothing to merge
    assert TR._logs_combined(Problem(sp.log(x) + sp.log(t), "=", sp.log(t * x), A)) is None  # bounds prove no identity
