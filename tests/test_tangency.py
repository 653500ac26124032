"""The convex-gap decider (derivcheck/deciders/tangency.py): which steps it takes, what it asks the prover, and
the second-order Taylor bounds it proves end to end, with their false constants refuted.

With a prover that proves everything, only a gap that vanishes with its first derivative at h = 0, on an interval
of h holding 0, may come out proved: that gate is the decider's soundness."""

import sympy as sp

from derivcheck.deciders import tangency
from derivcheck.deciders.problem import Outcome, Problem
from derivcheck.reader.document import parse_assumptions
from tests.provers import Everything
from tests.rows import verdicts

A = parse_assumptions("z real; h real; g in [1, 2]; k integer; q nonzero; s in {-1, 1}")
z, h, g, k, q, s = (A.symbol(v) for v in "zhgkqs")


def test_the_curvature_in_the_touching_variable_is_asked_and_named():
    rec = Everything()
    out = tangency.decide(Problem(sp.exp(h + z), ">=", sp.exp(z) * (1 + h), A), rec)
    assert out.verdict == "proved" and out.method.startswith("the gap and its derivative in h are 0 at h = 0")
    (asked,) = rec.asked
    assert asked.lhs == sp.exp(h + z) and asked.rel == ">=" and asked.rhs == 0
    rec = Everything()
    tangency.decide(Problem(sp.exp(z) * (1 + h), "<=", sp.exp(h + z), A), rec)  # <=: the gap is rhs - lhs
    assert rec.asked[0].lhs == sp.exp(h + z)
    assert tangency.decide(Problem(sp.exp(h), ">=", 1 + h, A), rec) is None  # one variable: the bounds' own


def test_only_a_smooth_gap_touching_0_to_second_order_on_an_interval_holding_0_is_taken():
    rec = Everything()
    E = sp.exp(z)  # a factor of the gap in the second variable, so that only the gate under test stops a row
    for lhs, rel, rhs in (
            (E * (1 + 2 * h), "<=", E * sp.exp(h)),  # the gap's slope at 0 is -e^z: not tangent
            (E * (1 + h - h ** 2), "<=", E * (sp.exp(h) - 1)),  # the gap is e^z at 0
            (E * (1 + g), "<=", E * sp.exp(g)),  # g in [1, 2]: no 0 in its interval
            (E * (1 + k), "<=", E * sp.exp(k)),  # an integer
            (E * (1 + q), "<=", E * sp.exp(q)),  # a hole at 0
            (E * (1 + s), "<=", E * sp.exp(s)),  # a finite set
            (E * (1 + h), "<", E * sp.exp(h)),  # strict: the gap is 0 at h = 0
            (E * (1 + h), "=", E * sp.exp(h)),
            (E * (1 + h), "<=", E * (sp.exp(h) - sp.Abs(h) ** 3)),  # |.| in the gap
    ):
        assert tangency.decide(Problem(lhs, rel, rhs, A), rec) is None, (lhs, rel, rhs)
    assert rec.asked == []
    assert tangency.decide(Problem(sp.exp(h + z), ">=", sp.exp(z) * (1 + h), A), lambda p: None) is None


def test_second_order_bounds_of_the_logistic_loss_are_proved_and_a_too_small_constant_refuted():
    got = verdicts("% assume: z real; h real\n% function: \\ell(z) = \\log(1 + e^{-z})\n",
                   r"\ell(z + h) &\le \ell(z) - \sigma(-z)\, h + \frac{h^2}{8}",
                   r"\ell(z + h) &\ge \ell(z) - \sigma(-z)\, h",
                   r"\ell(z + h) &\le \ell(z) - \sigma(-z)\, h + \frac{h^2}{9}")
    assert [v.verdict for v in got] == ["proved", "proved", "refuted"]
    assert "convex in h" in got[0].method


def test_every_candidate_variable_is_tried_and_only_a_proof_of_the_curvature_counts():
    B = parse_assumptions("a real; g in [1, 2]; h real; w in [-1/2, 1/2]; t in {-1/2, 0, 1/2}; z real; y real")
    a, g_, h_, w, t, z_, y = (B.symbol(v) for v in ("a", "g", "h", "w", "t", "z", "y"))

    def proved(lhs, rhs, prove=None):
        out = tangency.decide(Problem(lhs, "<=", rhs, B), prove or Everything())
        return out is not None and out.verdict == "proved"

    assert proved(sp.exp(g_) * (1 + h_), sp.exp(g_) * sp.exp(h_))  # g (no 0 in [1, 2]) skipped, then h
    assert proved(sp.exp(a) * (1 + h_), sp.exp(a) * sp.exp(h_))  # a: the gap is not 0 at a = 0; then h
    assert proved(sp.exp(a) * (1 + w), sp.exp(a) * sp.exp(w))  # an interval holding 0, not 1 nor -1
    assert proved(sp.exp(y + z_) * (1 + h_), sp.exp(y + z_) * sp.exp(h_))  # three variables
    assert not proved(sp.exp(a) * (1 + t), sp.exp(a) * sp.exp(t))  # a finite set that is no interval
    for verdict in ("numerically holds, not proved", "refuted", "undecided"):
        assert not proved(sp.exp(a) * (1 + h_), sp.exp(a) * sp.exp(h_), lambda p, v=verdict: Outcome(v, "no"))


def test_zero_is_only_what_simplifies_to_zero_and_a_failure_of_sympy_is_not_zero(monkeypatch):
    x = sp.Symbol("x", real=True)
    from derivcheck.functions import Sigmoid
    assert tangency._zero(sp.Integer(0)) and tangency._zero(sp.sin(x) ** 2 + sp.cos(x) ** 2 - 1)
    assert tangency._zero(Sigmoid(x) - 1 / (1 + sp.exp(-x)))  # only its exponential form simplifies
    for e in (sp.Integer(1), sp.Integer(-1), x ** 2 + 1, -x ** 2 - 1, sp.exp(x)):
        assert not tangency._zero(e), e

    def boom(*args, **kwargs):
        raise RuntimeError("SymPy gave up")

    monkeypatch.setattr(tangency.sp, "simplify", boom)
    assert not tangency._zero(x - x + sp.exp(x) - sp.exp(x) + sp.sin(x))
