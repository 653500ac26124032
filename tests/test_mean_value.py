"""The mean value theorem decider (derivcheck/deciders/mean_value.py): which steps it takes, what it asks the
prover, and the Lipschitz steps it proves end to end with their false variants refuted.

The gate is the soundness: with a prover that proves everything, only a step that truly is g(x) - g(z) against
L|x - z| (g smooth, x and z on one interval, L free of both) may come out proved."""

import sympy as sp

from derivcheck.deciders import mean_value
from derivcheck.deciders.problem import Outcome, Problem
from derivcheck.functions import Sigmoid
from derivcheck.reader.document import parse_assumptions
from tests.provers import Everything
from tests.rows import verdicts

A = parse_assumptions("x real; z real; a in [0, 1]; b in [0, 1]; c in [2, 3]; n integer; m integer; q nonzero; "
                      "r nonzero; s in {-1, 1}; u in {-1, 1}")
x, z, a, b, c, n, m, q, r, s, u = (A.symbol(v) for v in "xzabcnmqrsu")


def test_the_derivative_bound_is_asked_on_the_open_interval_and_named():
    rec = Everything()
    out = mean_value.lipschitz(Problem(sp.Abs(sp.exp(a) - sp.exp(b)), "<=", sp.E * sp.Abs(a - b), A), rec)
    assert out.verdict == "proved" and out.method == "the mean value theorem: |d/da| <= E between a and b (asked)"
    (asked,) = rec.asked
    t = sp.Symbol("_a_between", real=True)
    assert asked.lhs == sp.Abs(sp.exp(t)) and asked.rel == "<=" and asked.rhs == sp.E
    assert asked.assumptions.ranges[t.name] == (0, 1, True, True)


def test_only_a_difference_of_one_smooth_function_against_a_multiple_of_the_gap_is_taken():
    rec = Everything()
    gap = sp.Abs(x - z)
    for lhs, rel, rhs in (
            (x * z - z ** 2, "<=", gap / 2),  # 0 at x = z, but its slope z depends on z: not g(x) - g(z)
            (sp.exp(x) - sp.exp(z) + (x - z) ** 2, "<=", gap),  # the same
            (sp.exp(x) - sp.exp(z), "<=", x * gap),  # L depends on x
            (sp.exp(x) - 2 * sp.exp(z), "<=", gap),  # not 0 at x = z
            (sp.Abs(x) - sp.Abs(z), "<=", gap),  # |.|: not differentiable everywhere
            (sp.Max(x, 0) - sp.Max(z, 0), "<=", gap),
            (sp.exp(a) - sp.exp(c), "<=", 30 * sp.Abs(a - c)),  # a and c on different intervals
            (sp.exp(n) - sp.exp(m), "<=", 3 * sp.Abs(n - m)),  # integers
            (1 / q - 1 / r, "<=", sp.Abs(q - r)),  # a hole at 0: no interval
            (s - u, "<=", 2 * sp.Abs(s - u)),  # finite sets
            (Sigmoid(x) - Sigmoid(z), "<", gap / 4),  # the theorem gives <= only
            (Sigmoid(x) - Sigmoid(z), "=", gap / 4),
    ):
        assert mean_value.lipschitz(Problem(lhs, rel, rhs, A), rec) is None, (lhs, rel, rhs)
    assert rec.asked == []


def test_a_failed_derivative_bound_proves_nothing():
    class Nothing:
        def __call__(self, p):
            return Outcome("numerically holds, not proved", "no")

    assert mean_value.lipschitz(Problem(sp.Abs(sp.exp(a) - sp.exp(b)), "<=", sp.Abs(a - b), A), Nothing()) is None
    assert mean_value.lipschitz(Problem(sp.Abs(sp.exp(a) - sp.exp(b)), "<=", sp.Abs(a - b), A), lambda p: None) is None


def test_lipschitz_steps_of_the_field_are_proved_and_their_false_constants_refuted():
    got = verdicts("% assume: x real; z real; a in [0, 1]; b in [0, 1]\n",
                   r"\left|\sigma(x) - \sigma(z)\right| &\le \frac{1}{4}|x - z|",
                   r"|\tanh(x) - \tanh(z)| &\le |x - z|",
                   r"|e^{a} - e^{b}| &\le e|a - b|",
                   r"\left|\sigma(x) - \sigma(z)\right| &\le \frac{1}{5}|x - z|",
                   r"|e^{a} - e^{b}| &\le 2|a - b|")
    assert [v.verdict for v in got] == ["proved", "proved", "proved", "refuted", "refuted"]
    assert all(v.method.startswith("the mean value theorem") for v in got[:2])


def test_a_refuted_or_unproved_bound_is_no_proof_and_every_pair_and_symbol_is_tried():
    # a prover that refutes the derivative bound: the refutation of |g'| <= L is not a proof of the step
    step = Problem(sp.Abs(sp.exp(a) - sp.exp(b)), "<=", sp.Abs(a - b), A)
    assert mean_value.lipschitz(step, lambda p: Outcome("refuted", "no")) is None
    assert mean_value.lipschitz(step, lambda p: Outcome("undecided", "no")) is None
    # 0 at x = z is required, not merely "not negative" there
    assert mean_value.lipschitz(Problem(sp.exp(x) - sp.exp(z) + 1, "<=", sp.Abs(x - z), A), Everything()) is None
    # the pair (a, b) fails (L would depend on a): the pair (a, c) is tried next and proves it
    abc = parse_assumptions("a in [0, 1]; b in [0, 1]; c in [0, 1]")
    a_, b_, c_ = (abc.symbol(v) for v in "abc")
    out = mean_value.lipschitz(Problem(b_ * (sp.exp(a_) - sp.exp(c_)), "<=", b_ * sp.E * sp.Abs(a_ - c_), abc),
                               Everything())
    assert out is not None and "between a and c" in out.method
    # a first symbol with a hole at 0 is skipped, not the end of the search (a finite set of integers is not a
    # candidate at all)
    sbc = parse_assumptions("a nonzero; b in [0, 1]; c in [0, 1]")
    a_, b_, c_ = (sbc.symbol(v) for v in "abc")
    out = mean_value.lipschitz(Problem(a_ * (sp.exp(b_) - sp.exp(c_)), "<=", sp.E * sp.Abs(b_ - c_), sbc),
                               Everything())
    assert out is not None and "between b and c" in out.method


def test_a_common_nonnegative_factor_is_divided_out_and_a_difference_is_read_as_two_sides():
    rec = Everything()
    w = sp.Symbol("w", nonnegative=True)
    out = mean_value.lipschitz(Problem(w * sp.Abs(Sigmoid(x) - Sigmoid(z)), "<=", w * sp.Abs(x - z) / 4, A), rec)
    assert out.verdict == "proved" and "times w >= 0 on both sides" in out.method
    assert rec.asked[-1].rhs == sp.Rational(1, 4)
    # 0 <= B - C (a sum's term of the difference) is C <= B: the same question
    out = mean_value.lipschitz(Problem(0, "<=", w * sp.Abs(x - z) / 4 - w * sp.Abs(Sigmoid(x) - Sigmoid(z)), A), rec)
    assert out.verdict == "proved" and rec.asked[-1].rhs == sp.Rational(1, 4)
    # |z - x| is the same gap (SymPy writes both one way)
    assert mean_value.lipschitz(Problem(sp.Abs(Sigmoid(x) - Sigmoid(z)), "<=", sp.Abs(z - x) / 4, A), rec) is not None
    # only 0 <= B - C is read as C <= B: with another left side, the right side alone proves nothing
    assert mean_value.lipschitz(Problem(sp.Integer(1), "<=", sp.Abs(x - z) / 4 - sp.Abs(Sigmoid(x) - Sigmoid(z)), A),
                                Everything()) is None
    # a factor of unknown sign is not divided out: the step is then not of the form at all
    v = sp.Symbol("v", real=True)
    assert mean_value.lipschitz(Problem(v * sp.Abs(Sigmoid(x) - Sigmoid(z)), "<=", v * sp.Abs(x - z) / 4, A),
                                Everything()) is None


def test_lipschitz_steps_with_a_nonnegative_factor_are_proved_and_false_ones_refuted():
    got = verdicts("% assume: p real; q real; s >= 0; t real; y in {-1, 1}\n",
                   r"|\sigma(-y p) - \sigma(-y q)| s &\le \frac{1}{4}|p - q| s",
                   r"s |\sigma(p) - \sigma(q)| &\le \frac{s}{4}|p - q|",
                   r"|\sigma(p) - \sigma(q)| s &\le \frac{1}{5}|p - q| s",
                   r"|\sigma(p) - \sigma(q)| t &\le \frac{1}{4}|p - q| t")
    assert [v.verdict for v in got] == ["proved", "proved", "refuted", "refuted"]
    assert all("times s >= 0" in v.method for v in got[:2])
