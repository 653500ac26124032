"""The case split over variables in small finite sets (derivcheck/deciders/case_split.py), with a recording prover
in place of the verdict engine: which steps are split, into which cases, when the split proves, and what it says."""

from __future__ import annotations

import pytest
import sympy as sp

from derivcheck.deciders import case_split
from derivcheck.deciders.problem import Outcome, Problem
from derivcheck.reader.document import parse_assumptions


class Recorder:
    """Proves each case with the method its `methods` gives (by call order), or answers `verdict` / None."""

    def __init__(self, methods=("Z3",), verdict="proved", fail_at=None):
        self.cases, self.methods, self.verdict, self.fail_at = [], methods, verdict, fail_at

    def __call__(self, case: Problem):
        k = len(self.cases)
        self.cases.append(case)
        if k == self.fail_at:
            return None
        return Outcome(self.verdict, self.methods[min(k, len(self.methods) - 1)])


A = parse_assumptions("t real; s in {-1, 1}; u in {0, 1, 2}; v in {-1, 1}; m in {1, 2, 3}; k in {1, 2, 3}")
t, s, u, v, m, k = (A.symbol(x) for x in "tsuvmk")


def test_each_value_is_a_case_with_the_value_substituted_and_the_proof_named():
    rec = Recorder()
    out = case_split.decide(Problem(s * t, "<=", sp.Abs(t), A), rec)
    assert out.verdict == "proved" and out.method == "each value of s in its finite set, 2 cases: Z3"
    assert [c.lhs for c in rec.cases] == [-t, t] and all(c.rhs == sp.Abs(t) and c.rel == "<=" for c in rec.cases)


def test_different_proofs_of_the_cases_are_said_to_differ():
    out = case_split.decide(Problem(s * t, "<=", sp.Abs(t), A), Recorder(methods=("Z3", "SymPy")))
    assert out.method == "each value of s in its finite set, 2 cases: Z3 (and others)"
    out = case_split.decide(Problem(s * v * t, "<=", sp.Abs(t), A), Recorder(methods=("SymPy", "SymPy", "SymPy", "Z3")))
    assert out.method == "each value of s, v in its finite set, 4 cases: SymPy (and others)"


def test_one_case_not_proved_or_refuted_proves_nothing():
    # (by_values alone: decide would go on to split t by its sign, a new set of cases the recorder proves)
    assert case_split.by_values(Problem(s * t, "<=", sp.Abs(t), A), Recorder(fail_at=1)) is None
    assert case_split.decide(Problem(s * t, "<=", sp.Abs(t), A), Recorder(verdict="refuted")) is None
    assert case_split.decide(Problem(s * t, "<=", sp.Abs(t), A), Recorder(verdict="undecided")) is None


def test_the_split_is_only_for_a_mix_of_finite_and_other_variables_within_the_case_limit():
    rec = Recorder()
    assert case_split.decide(Problem(t ** 2, ">=", sp.Integer(0), A), rec) is None  # no finite variable
    assert case_split.decide(Problem(s * v, "<=", sp.Integer(1), A), rec) is None  # every variable finite
    assert rec.cases == []
    # 2 * 2 * 2 = 8 = MAX_CASES combinations are split; 3 * 3 = 9 are not
    w = parse_assumptions("t real; a in {0, 1}; b in {0, 1}; c in {0, 1}")
    a, b, c, tt = (w.symbol(x) for x in "abct")
    out = case_split.decide(Problem(a * b * c * tt ** 2, ">=", sp.Integer(0), w), Recorder())
    assert out is not None and "8 cases" in out.method and case_split.MAX_CASES == 8
    assert case_split.decide(Problem(m * k * t ** 2, ">=", sp.Integer(0), A), Recorder()) is None


def test_a_case_that_only_numerically_holds_or_holds_in_small_dimensions_proves_nothing():
    # verdicts that sort before "proved" are no proof either
    for verdict in ("numerically holds, not proved", "holds for d <= 4", "d<=4"):
        assert case_split.decide(Problem(s * t, "<=", sp.Abs(t), A), Recorder(verdict=verdict)) is None, verdict


def test_a_power_whose_base_may_be_0_is_proved_at_0_and_above_0_apart():
    B = parse_assumptions(r"\beta in [0, 1); t integer positive; r in (0, 1]; q nonnegative")
    beta, tt, r, q = (B.symbol(x) for x in ("beta", "t", "r", "q"))
    prove = Recorder(methods=("at zero", "above zero"))
    out = case_split.decide(Problem(1 - beta, "<=", 1 - beta ** tt, B), prove)
    assert out is not None and out.verdict == "proved" and out.method.startswith("beta = 0 and beta > 0 apart")
    at_zero, above = prove.cases
    assert at_zero.lhs == 1 and at_zero.rhs == 1  # 0^t = 0 for t >= 1
    assert above.rhs.free_symbols and all(s.is_positive for s in above.rhs.free_symbols if s.name == "beta")
    lo, hi, lo_open, hi_open = above.assumptions.ranges["beta"]
    assert (lo, hi, lo_open, hi_open) == (0, 1, True, True)
    # one case not proved: nothing is proved
    assert case_split.decide(Problem(1 - beta, "<=", 1 - beta ** tt, B), Recorder(fail_at=1)) is None
    # no split where the base cannot be 0, or where the exponent is a number (the scalar deciders' own)
    for lhs in (r ** tt, beta ** 2, q ** tt):
        rec = Recorder()
        out = case_split.at_zero(Problem(lhs, "<=", sp.Integer(1), B), rec)
        assert (out is not None) == (lhs == q ** tt), lhs  # q >= 0 is declared: its range starts at 0


def test_the_split_at_zero_needs_both_cases_proved_and_only_splits_a_range_that_starts_at_a_closed_0():
    B = parse_assumptions(r"\beta in [0, 1); g in [1, 2]; s in [-1, 1]; t integer positive; k integer; k >= 0; "
                          "a in [1, 2]")
    beta, g, s_, tt, k_, a_ = (B.symbol(x) for x in ("beta", "g", "s", "t", "k", "a"))
    step = Problem(1 - beta, "<=", 1 - beta ** tt, B)
    for verdict in ("refuted", "numerically holds, not proved", "undecided", "holds for d <= 4"):
        assert case_split.at_zero(step, Recorder(verdict=verdict)) is None, verdict
    out = case_split.at_zero(step, Recorder(methods=("at zero", "above zero")))
    assert out.method == "beta = 0 and beta > 0 apart: at zero; above zero"
    # a base whose range starts above 0 (g >= 1) or below it (s >= -1): no split, which would lose g = 1 or s < 0
    for base in (g, s_):
        rec = Recorder()
        assert case_split.at_zero(Problem(base ** tt, "<=", sp.Integer(2), B), rec) is None and not rec.cases, base
    # the first base that cannot be split (a, before beta in SymPy's order) does not stop the search for one that can
    rec = Recorder()
    assert case_split.at_zero(Problem(a_ ** tt + beta ** tt, "<=", sp.Integer(3), B), rec) is not None
    # the base above 0 keeps being what it was: a real stays real (not an integer), an integer an integer
    above = rec.cases[1]
    assert [x.is_integer for x in above.lhs.free_symbols if x.name == "beta"] == [None]
    rec = Recorder()
    assert case_split.at_zero(Problem(k_ ** tt, ">=", sp.Integer(0), B), rec) is not None
    assert [x.is_integer for x in rec.cases[1].lhs.free_symbols if x.name == "k"] == [True]


def test_several_bases_that_may_be_0_are_split_together_each_combination_proved():
    """Adam's effective step alpha sqrt(1 - beta_2^t)/(1 - beta_1^t) has two bases that may be 0: each combination
    of 0 and above 0 is a case (the first MAX_BASES bases), every one must be proved."""
    B = parse_assumptions(r"\beta_1 in [0, 1); \beta_2 in [0, 1); c in [0, 1]; d in [0, 2]; t integer positive")
    b1, b2, c, d, tt = (B.symbol(x) for x in ("beta_1", "beta_2", "c", "d", "t"))
    step = Problem(b1 ** tt + b2 ** tt, "<=", sp.Integer(2), B)
    rec = Recorder(methods=("m0", "m1", "m2", "m3"))
    out = case_split.at_zero(step, rec)
    assert out.method == "each of beta_1, beta_2 at 0 and above 0, 4 cases: m3 (and others)"  # the last case's
    seen = [sorted(sp.sstr(e) for e in sp.Add.make_args(case.lhs)) for case in rec.cases]
    assert seen == [["0"], ["beta_2**t"], ["beta_1**t"], ["beta_1**t", "beta_2**t"]]
    assert rec.cases[0].lhs == 0  # 0^t + 0^t
    both = rec.cases[3]
    assert all(x.is_positive for x in both.lhs.free_symbols if x.name.startswith("beta"))
    assert [both.assumptions.ranges[x][2] for x in ("beta_1", "beta_2")] == [True, True]  # open at 0 above 0
    assert rec.cases[1].assumptions.ranges["beta_1"][2] is False  # beta_1 = 0 in that case: its range as declared
    for k in range(4):  # any one case not proved: nothing is proved
        assert case_split.at_zero(step, Recorder(fail_at=k)) is None, k
    same = case_split.at_zero(step, Recorder(methods=("Z3",)))
    assert same.method == "each of beta_1, beta_2 at 0 and above 0, 4 cases: Z3"
    # past MAX_BASES bases, the first three (SymPy's order) are split and the fourth stays as it is
    rec = Recorder()
    wide = Problem(b1 ** tt + b2 ** tt + c ** tt + d ** tt, "<=", sp.Integer(5), B)
    assert case_split.at_zero(wide, rec) is not None and case_split.MAX_BASES == 3
    assert len(rec.cases) == 8 and all(case.lhs.has(d ** tt) for case in rec.cases)


B = parse_assumptions("z real; w in [-2, 3]; q nonzero; r in [0, 1]; c real")
z, w, q, r, c = (B.symbol(x) for x in "zwqrc")
g = sp.Symbol("gamma", positive=True)


def _lim(e):
    return sp.Limit(e, g, sp.oo)


def test_a_limit_parameter_of_unknown_sign_is_taken_below_at_and_above_zero_with_its_mirrored_range():
    rec = Recorder(methods=("SymPy",))
    out = case_split.by_sign(Problem(_lim(sp.log(1 + sp.exp(g * w)) / g), "=", sp.Max(0, w), B), rec)
    assert out.verdict == "proved" and out.method == "each of w below 0, at 0 and above 0, 3 cases: SymPy"
    wp = sp.Symbol("w", positive=True)
    assert [c.lhs.args[0] for c in rec.cases] == [sp.log(1 + sp.exp(-g * wp)) / g, sp.log(2) / g,
                                                  sp.log(1 + sp.exp(g * wp)) / g]
    assert [c.rhs for c in rec.cases] == [0, 0, wp]
    # below 0 the new positive w stands for -w: w in [-2, 0) is w' in (0, 2]; above 0, (0, 3]
    assert [c.assumptions.ranges["w"] for c in (rec.cases[0], rec.cases[2])] == [(0, 2, True, False),
                                                                                  (0, 3, True, False)]
    assert rec.cases[1].assumptions.ranges["w"] == B.ranges["w"]


def test_only_parameters_inside_a_limit_with_both_signs_are_split_and_a_nonzero_one_has_no_case_at_zero():
    assert case_split.by_sign(Problem(z, "<=", sp.Abs(z), B), Recorder()) is None  # no limit
    assert case_split.by_sign(Problem(_lim(r / g), "=", 0, B), Recorder()) is None  # r >= 0: its sign is known
    assert case_split.by_sign(Problem(_lim(c / g) + z, "=", z, B), Recorder()) is not None
    rec = Recorder()
    case_split.by_sign(Problem(_lim(c / g) + z, "=", z, B), rec)
    assert all(case.lhs.has(z) for case in rec.cases) and len(rec.cases) == 3  # z is outside the limit: kept
    rec = Recorder()
    case_split.by_sign(Problem(_lim(sp.exp(q * g) / g), ">=", 0, B), rec)
    assert len(rec.cases) == 2  # q != 0: below and above only


def test_two_parameters_make_nine_cases_and_one_unproved_case_proves_nothing():
    rec = Recorder()
    out = case_split.by_sign(Problem(_lim(sp.log(sp.exp(g * z) + sp.exp(g * c)) / g), "=", sp.Max(z, c), B), rec)
    assert out.verdict == "proved" and len(rec.cases) == 9
    assert case_split.by_sign(Problem(_lim(sp.log(1 + sp.exp(g * z)) / g), "=", sp.Max(0, z), B),
                              Recorder(fail_at=1)) is None
    assert case_split.by_sign(Problem(_lim(sp.log(1 + sp.exp(g * z)) / g), "=", sp.Max(0, z), B),
                              Recorder(verdict="numerically holds, not proved")) is None


def test_the_softplus_limit_is_proved_and_its_false_variants_are_refuted():
    from tests.rows import verdicts
    head = "% assume: z real\n"
    got = verdicts(head, r"\lim_{\gamma \to \infty} \frac{1}{\gamma}\log\left(1 + e^{\gamma z}\right) &= \max\{0, z\}",
                   r"\lim_{\gamma \to \infty} \frac{1}{\gamma}\log\left(e^{\gamma z} + e^{-\gamma z}\right) &= |z|",
                   r"\lim_{\gamma \to \infty} \frac{1}{\gamma}\log\left(1 + e^{\gamma z}\right) &= z",
                   r"\lim_{\gamma \to \infty} \frac{1}{\gamma}\log\left(1 + e^{\gamma z}\right) &= \max\{0, 2z\}")
    assert [v.verdict for v in got] == ["proved", "proved", "refuted", "refuted"]
    assert "below 0, at 0 and above 0" in got[0].method


def test_by_sign_skips_only_the_case_at_0_for_a_nonzero_parameter_and_substitutes_every_parameter():
    rec = Recorder()
    case_split.by_sign(Problem(_lim(sp.exp(q * g) / g), ">=", 0, B), rec)
    qp = sp.Symbol("q", positive=True)
    assert [c.lhs.args[0] for c in rec.cases] == [sp.exp(-qp * g) / g, sp.exp(qp * g) / g]  # below and above
    rec = Recorder()
    case_split.by_sign(Problem(_lim(sp.log(sp.exp(g * z) + sp.exp(g * c)) / g), "=", sp.Max(z, c), B), rec)
    assert not any(case.lhs.has(z) or case.lhs.has(c) for case in rec.cases)  # both replaced in every case
    three = parse_assumptions("u1 real; u2 real; u3 real")
    u1, u2, u3 = (three.symbol(v) for v in ("u1", "u2", "u3"))
    rec = Recorder()
    case_split.by_sign(Problem(_lim((u1 + u2 + u3) / g), "=", 0, three), rec)
    assert len(rec.cases) == 9 and all(case.lhs.has(u3) for case in rec.cases)  # MAX_SIGNS = 2: u3 kept


def test_by_sign_splits_a_range_holding_both_signs_only_and_a_refuted_case_proves_nothing():
    R = parse_assumptions("a in [-1/2, 1/2]; b in [-2, -1/2]; e in [0, 3]; f in [-2, 0]; h in [1, 3]")
    a, b, e, f, h = (R.symbol(v) for v in "abefh")
    assert case_split.by_sign(Problem(_lim(f / g), "=", 0, R), Recorder()) is None  # f <= 0
    assert case_split.by_sign(Problem(_lim(h / g), "=", 0, R), Recorder()) is None  # h >= 1
    assert case_split.by_sign(Problem(_lim(a / g), "=", 0, R), Recorder()) is not None  # -1/2 <= a <= 1/2
    assert case_split.by_sign(Problem(_lim(b / g), "=", 0, R), Recorder()) is None  # b < 0: its sign is known
    assert case_split.by_sign(Problem(_lim(e / g), "=", 0, R), Recorder()) is None  # e >= 0
    assert case_split.by_sign(Problem(_lim(sp.log(1 + sp.exp(g * z)) / g), "=", sp.Max(0, z), B),
                              Recorder(verdict="refuted")) is None


def test_by_sign_names_the_last_cases_proof_and_says_when_the_cases_differ():
    step = Problem(_lim(sp.log(1 + sp.exp(g * z)) / g), "=", sp.Max(0, z), B)
    assert case_split.by_sign(step, Recorder(methods=("A", "B", "C"))).method == (
        "each of z below 0, at 0 and above 0, 3 cases: C (and others)")
    assert case_split.by_sign(step, Recorder(methods=("A",))).method == (
        "each of z below 0, at 0 and above 0, 3 cases: A")


def test_a_variable_inside_an_absolute_value_is_taken_below_at_and_above_zero():
    r = Recorder()
    p = Problem(sp.log(sp.cosh(t)), ">=", sp.Abs(t) - sp.log(2), A)
    assert case_split.by_abs_sign(p, r) is not None
    # |t| is -t', 0 and t' (t' > 0) in the three cases: no absolute value is left for the provers
    assert len(r.cases) == 3 and not any(c.rhs.has(sp.Abs) for c in r.cases), [c.rhs for c in r.cases]
    assert case_split.by_abs_sign(p, Recorder(fail_at=2)) is None  # one case not proved: nothing
    # only a variable with both signs in its range; an absolute value of an expression is not split here
    assert case_split.by_abs_sign(Problem(sp.Abs(u - 1), ">=", 0, A), Recorder()) is None
    assert case_split.by_abs_sign(Problem(sp.Abs(t - 1), ">=", 0, A), Recorder()) is None


@pytest.mark.slow  # over 10 s on 2 cores: the slow tier, which CI also runs
def test_log_cosh_against_the_absolute_loss_is_proved_and_its_false_variants_are_not():
    from tests.rows import verdicts
    got = verdicts("% assume: x real\n", r"\log(\cosh x) &\ge |x| - \log 2", r"\log(\cosh x) &\le |x| - \frac{1}{10}")
    assert [v.verdict for v in got] == ["proved", "refuted"], [(v.verdict, v.method) for v in got]
    assert "below 0, at 0 and above 0" in got[0].method
