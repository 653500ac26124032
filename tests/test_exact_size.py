"""Values too large to build exactly: refused by the reader with their size, or left undecided by the engine,
within the time budget and without gigabytes of memory; numbers on both sides decided by evaluation."""

from __future__ import annotations

import pytest
import sympy as sp

from derivcheck.reader import exact_size
from derivcheck.reader.declarations import Assumptions
from derivcheck.reader.document import StepInput, read_latex
from derivcheck.reader.exact_size import MAX_DIGITS, MAX_EXPONENT, TooLarge
from derivcheck.verdicts import check, decide_step

x = sp.Symbol("x", real=True)


def _verdicts(rows: str):
    steps, _ = read_latex("\\begin{align}\n" + rows + "\n\\end{align}")
    return [check(s, k, timeout=30) for k, s in enumerate(steps, 1)]


@pytest.mark.parametrize("row, size", [
    (r"10^{10^{10}} \ge 1", "10^10000000000 has about 10^10 digits"),
    (r"2^{2^{100}} > 0", "has about 10^29 digits"),
    (r"10^{-10^{10}} > 0", "10^(-10000000000) has about 10^10 digits"),
    (r"\left(\frac{9}{10}\right)^{3000000} \ge 0", "(9/10)^3000000 has about 3,000,000 digits"),
    (r"10^{10^{5000}} > 1", "10^<a 5001-digit number> has about 10^5000 digits"),  # not printed in full
    (r"(10^{10})! > 1", "10000000000! has about 10^10 digits"),
    (r"\binom{10^{10}}{5000000000} > 1", "binomial(10000000000, 5000000000) has about 10^9 digits"),
])
def test_a_number_too_large_to_build_is_refused_by_the_reader_with_its_size(row, size):
    (v,) = _verdicts(row)  # building any of these would not end: the verdict itself shows it was refused first
    assert v.verdict == "unparsed" and size in v.evidence["reason"]
    assert v.evidence["reason"].endswith(f"more than gdpc builds exactly ({MAX_DIGITS:,})")


def test_the_limits_are_at_the_sizes_they_name():
    exact_size.check_power(sp.Integer(10), sp.Integer(MAX_DIGITS - 1))  # 10^(10^6 - 1): 10^6 digits, built
    with pytest.raises(TooLarge):
        exact_size.check_power(sp.Integer(10), sp.Integer(MAX_DIGITS + 1))
    for trivial in (0, 1, -1):  # any power of these is small
        exact_size.check_power(sp.Integer(trivial), sp.Integer(10**100))
    exact_size.check_power(x, sp.Integer(10**100))  # a variable's power is the engine's to judge
    exact_size.check_factorial(sp.Integer(200000))  # 973,351 digits
    with pytest.raises(TooLarge):
        exact_size.check_factorial(sp.Integer(210000))  # 1,026,468 digits
    exact_size.check_binomial(sp.Integer(10**7), sp.Integer(10**5))  # 243,209 digits
    with pytest.raises(TooLarge):
        exact_size.check_binomial(sp.Integer(10**7), sp.Integer(5 * 10**6))
    exact_size.check_binomial(sp.Integer(10**100), sp.Integer(10**100))  # k = n: 1


def test_numbers_within_the_limits_are_decided():
    rows = r"2^{100000} > 1 \\ \left(\frac13\right)^{100000} < 1 \\ (10^5)! > 1 \\ 10^{300} > 10^{299}"
    assert [v.verdict for v in _verdicts(rows)] == ["proved"] * 4


def test_a_huge_exponent_of_a_variable_is_undecided_before_any_work():
    vs = _verdicts(r"x^{10^{9}} \ge 0 \\ (1 + x^2)^{10^{6}} \ge 1")
    assert [v.verdict for v in vs] == ["undecided"] * 2
    assert vs[0].evidence["reason"] == f"x**1000000000: an exponent beyond {MAX_EXPONENT:,} cannot be evaluated " \
                                       "exactly at a point"
    assert check(StepInput(sp.Matrix([x ** (MAX_EXPONENT + 1)]), "=", sp.Integer(0)), 1).verdict == "undecided"
    assert check(StepInput(x ** (10**6), "<=", x, cited=True), 1).verdict == "cited"  # cited: not evaluated
    (edge,) = _verdicts(f"x^{{{MAX_EXPONENT}}} \\ge 0")
    assert edge.verdict == "proved"
    assert exact_size.huge_exponent(sp.log(2) ** (10**10), x ** 2) is None  # no variable: Arb evaluates it


def test_two_numbers_are_compared_by_evaluation_not_by_the_prover(monkeypatch):
    from derivcheck.deciders import prover

    def no_prover(*a):
        raise AssertionError("the prover must not be asked")
    monkeypatch.setattr(prover, "prove_relation", no_prover)
    A = Assumptions()
    word, method, _ = decide_step(sp.exp(sp.Integer(10**10)), ">", sp.Integer(1), A)  # SymPy's factor stalls
    assert (word, method) == ("proved", "both sides are numbers, compared (Arb ball)")
    word, method, _ = decide_step(sp.sin(sp.Integer(10**100)), "<=", sp.Integer(1), A)
    assert word == "proved"
    word, method, ev = decide_step(sp.Integer(2) ** 100, "<", sp.Integer(10) ** 30, A)
    assert (word, method) == ("refuted", "both sides are numbers, compared")
    assert ev["counterexample"] == {} and ev["lhs"] == str(2 ** 100) and ev["certified_by"] == "exact"
    word, _, ev = decide_step(sp.pi, ">", sp.Rational(355, 113), A)
    assert word == "refuted" and ev["certified_by"] == "Arb ball"  # pi < 355/113 by 2.7e-7
    word, method, _ = decide_step(sp.sqrt(2) ** 2, "=", sp.Integer(2), A)
    assert word == "proved"


def test_a_closed_limit_or_sum_goes_to_the_prover_not_to_evaluation(monkeypatch):
    from derivcheck.deciders import prover

    asked = []
    monkeypatch.setattr(prover, "prove_relation", lambda *a: asked.append(a) or (True, "stub"))
    n = sp.Symbol("n", integer=True, positive=True)
    for closed in (sp.Limit(1 / n, n, sp.oo), sp.Sum(1 / n ** 2, (n, 1, 10)), sp.Integral(x, (x, 0, 1)),
                   sp.Product(n, (n, 1, 3)), sp.Derivative(x ** 2, x).subs(x, 1)):
        asked.clear()
        _, method, _ = decide_step(closed, ">=", sp.Integer(-1), Assumptions())
        assert asked or method.startswith("by "), (closed, method)  # the prover, or a lemma (a sum)
        assert not method.startswith("both sides are numbers"), (closed, method)  # never evaluation


def test_a_huge_integer_is_shown_by_its_size_not_printed():
    """Deciding (10^5)! > 1 takes milliseconds; printing its 456,574 digits took 5 s per form (text and LaTeX), which
    pushed the step past its budget on a loaded machine. The report names such a number by its size."""
    (v,) = _verdicts(r"(10^5)! > 1")
    assert v.verdict == "proved" and v.lhs == "<an integer of about 456,573 digits>"
    assert v.tex == r"\text{(an integer of about 456,573 digits)} > 1"
    (small,) = _verdicts(r"2^{100} > 1")
    assert small.lhs == str(2 ** 100)
