"""A declared index used outside any sum over it (derivcheck/reader/free_indices.py): the row is a claim for every
index of the declared range. A correct row is never refuted at an index outside the range (softmax's p_j <= 1 was
refuted at j = 0), a false one is refuted inside it, and a range that cannot be read as a condition is unparsed."""

from __future__ import annotations

import sympy as sp

from derivcheck.reader.document import read_latex
from derivcheck.verdicts import check

HEAD = "% assume: n integer positive\n% index: i in 1..n\n% index: j in 1..n\n% assume: z_i real\n"


def _verdicts(head: str, rows: str, timeout: float | None = None):
    steps, _ = read_latex(head + "\\begin{align*}\n" + rows + "\n\\end{align*}")
    return steps, [check(s, k, **({} if timeout is None else {"timeout": timeout})) for k, s in enumerate(steps, 1)]


def test_softmax_probabilities_are_not_refuted_outside_the_index_range():
    rows = (r"0 < \frac{e^{z_j}}{\sum_{i=1}^{n} e^{z_i}} &\le 1, \\"
            r"z_j - \log\sum_{i=1}^{n} e^{z_i} &\le 0, \\"
            r"z_j &\le \max_{i} z_i")
    steps, verdicts = _verdicts(HEAD, rows, timeout=10)  # a refutation comes early; the proofs are not the point
    assert [v.verdict for v in verdicts if v.verdict == "refuted"] == [], [(v.verdict, v.method) for v in verdicts]
    assert verdicts[0].verdict == "proved"
    # n is read as j + n_minus_j: the sums run up to it, and the step says so
    assert all(s.rhs.has(sp.Symbol("n_minus_j", integer=True, nonnegative=True)) or
               s.lhs.has(sp.Symbol("n_minus_j", integer=True, nonnegative=True)) for s in steps[:3])
    assert "n read as j + n_minus_j with n_minus_j >= 0" in steps[0].hint


def test_a_false_row_with_a_free_index_is_refuted_inside_the_range():
    steps, (v,) = _verdicts(HEAD, r"z_j &\le \frac{1}{n}\sum_{i=1}^{n} z_i")
    assert v.verdict == "refuted", (v.verdict, v.method)
    point = v.evidence["counterexample"]
    assert int(point["j"]) >= 1 and int(point["n_minus_j"]) >= 0  # j in 1..n at the point
    assert "n read as j + n_minus_j" in v.evidence.get("hint", ""), v.evidence


def test_a_numeric_range_makes_the_index_an_integer_of_that_range():
    head = "% index: i in 1..3\n% index: j in 1..3\n% assume: z_i real\n"
    steps, (v,) = _verdicts(head, r"z_j &\le \sum_{i=1}^{3} |z_i|")
    assert v.verdict == "proved" or v.verdict.startswith("numerically"), (v.verdict, v.method)
    assert steps[0].assumptions.ranges["j"][:2] == (1, 3)
    steps, (v,) = _verdicts(head, r"z_j &\le z_1 + z_2")
    assert v.verdict == "refuted" and 1 <= int(v.evidence["counterexample"]["j"]) <= 3, (v.verdict, v.method)


def test_a_range_that_is_no_condition_on_the_index_is_unparsed_with_advice():
    for head in ("% assume: n integer positive\n% index: i in 1..n\n% index: j in 1..2n\n% assume: z_i real\n",
                 "% assume: n integer\n% index: i in 1..n\n% index: j in 1..n\n% assume: z_i real\n",
                 "% assume: n integer positive; k integer positive\n% index: i in 1..n\n% index: j in k..n\n"
                 "% assume: z_i real\n"):
        steps, (v,) = _verdicts(head, r"z_j &\le \max_{i} z_i")
        assert v.verdict == "unparsed" and "write the row for a fixed member" in v.evidence["reason"], (head, v)


def test_a_sum_over_the_index_is_not_a_free_use_and_its_identity_is_proved():
    steps, verdicts = _verdicts(HEAD, r"\sum_{j=1}^{n} \frac{e^{z_j}}{\sum_{i=1}^{n} e^{z_i}} &= 1 \\"
                                      r"\sum_{j=1}^{n} \frac{e^{z_j}}{\sum_{i=1}^{n} e^{z_i}} &= 2")
    assert not steps[0].hint
    assert verdicts[0].verdict == "proved", verdicts[0].method  # SymPy sees the sum over i is the one over j
    assert verdicts[1].verdict == "refuted"


def test_a_range_ending_at_a_shifted_variable_is_read_exactly():
    # t in 0..T-1 free in the row: T = t + 1 + T_minus_t; the claim beta^t <= 1 holds, beta^t <= beta^(T-1) too,
    # and beta^t >= beta^(T-2) fails inside the range (t = T - 1)
    head = "% assume: T integer positive; \\beta in (0, 1)\n% index: t in 0..T-1\n"
    steps, verdicts = _verdicts(head, r"\beta^{t} &\le 1 \\ \beta^{t} &\ge \beta^{T-1} \\ \beta^{t} &\le \beta^{T-2}")
    assert "T read as T_minus_t + t + 1 with T_minus_t >= 0" in steps[1].hint, steps[1].hint
    assert verdicts[0].verdict == "proved" and verdicts[1].verdict != "refuted"
    assert verdicts[2].verdict == "refuted", (verdicts[2].verdict, verdicts[2].method)
    point = verdicts[2].evidence["counterexample"]
    assert int(point["t"]) >= 0 and int(point["T_minus_t"]) >= 0


def test_a_range_end_whose_least_value_is_above_the_index_start_is_read_exactly():
    # n >= 3 with j in 1..n was unparsed; n is read as max(j, 3) + n_minus_j: each pair (j, n) with n >= 3 and
    # 1 <= j <= n once, so j <= n and n >= 3 hold, while j <= n - 1 (j = n) and n >= 4 fail inside the range
    head = "% assume: n integer; n >= 3\n% index: i in 1..n\n% index: j in 1..n\n% assume: z_i real\n"
    rows = r"j &\le n \\ n &\ge 3 \\ z_j &\le \max_{i} z_i \\ j &\le n - 1 \\ n &\ge 4 \\ z_j &\le z_1"
    steps, verdicts = _verdicts(head, rows, timeout=20)
    assert "n read as n_minus_j + Max(3, j) with n_minus_j >= 0" in steps[0].hint, steps[0].hint
    assert [v.verdict for v in verdicts[:3]] == ["proved"] * 3, [(v.verdict, v.method) for v in verdicts]
    assert [v.verdict for v in verdicts[3:]] == ["refuted"] * 3, [(v.verdict, v.method) for v in verdicts]
    for v in verdicts[3:]:
        point = v.evidence["counterexample"]
        if "j" not in point:  # n >= 4 has no j: n is n there
            assert int(point["n"]) == 3, point
            continue
        j, n = int(point["j"]), max(int(point["j"]), 3) + int(point.get("n_minus_j", 0))
        assert 1 <= j <= n and n >= 3, point


def test_an_extremum_over_the_free_index_name_keeps_its_own_index():
    # `\min_i x_i \le x_i` with i free: n became i + n_minus_i inside the min over i, whose own i then named two
    # things; the min's index is renamed i' first. The term at the free i is in its range (Z3 with the declared
    # range i >= 1), so the step is proved; the reverse is refuted inside the range
    head = "% assume: n integer positive\n% index: i in 1..n\n% assume: x_i real; y_i in {-1, 1}\n"
    rows = r"\min_{i} x_i &\le x_i \\ \max_{i} y_i x_i &\ge y_i x_i \\ \min_{i} x_i &\ge x_i"
    steps, verdicts = _verdicts(head, rows, timeout=20)
    own, lo, hi = steps[0].lhs.limits[0]
    assert (str(own), str(hi)) == ("i'", "i + n_minus_i"), steps[0].lhs
    assert [v.verdict for v in verdicts] == ["proved", "proved", "refuted"], [(v.verdict, v.method) for v in verdicts]
    point = verdicts[2].evidence["counterexample"]
    assert int(point["i"]) >= 1 and int(point["n_minus_i"]) >= 0, point


def test_a_vector_row_with_a_free_index_is_read_inside_its_range_too():
    # the range end was looked for only in scalar sides: in a vector row (its sides are matrices) n stayed free of
    # j, and the correct row below was refuted at j = 21, n = 20, outside 1..n
    head = "% assume: n integer positive\n% index: j in 1..n\n% vector: a_i in R^d\n"
    steps, verdicts = _verdicts(head, r"(n - j + |n - j|)\, a_j &= 2(n - j)\, a_j \\ n\, a_j &= j\, a_j", timeout=20)
    assert "n read as j + n_minus_j" in steps[0].hint, steps[0].hint
    assert [v.verdict for v in verdicts] == ["proved", "refuted"], [(v.verdict, v.method) for v in verdicts]
    point = verdicts[1].evidence["counterexample"]
    assert int(point["j"]) >= 1 and int(point["n_minus_j"]) >= 1, point  # n = j is no counterexample


def test_an_inner_sums_range_bound_by_the_outer_index_leaves_no_index_free():
    # SymPy merges sum_{i=1}^{n} sum_{j=1}^{i-1} into one Sum whose inner limit uses i: i is bound there, so the row
    # is not a claim "for every i in 1..n" (n was read as n_minus_i + max(2, i), and the outer index renamed i')
    from derivcheck.reader.vocabulary import unbound_names
    i, j, n = sp.Symbol("i", integer=True), sp.Symbol("j", integer=True), sp.Symbol("n", integer=True)
    s = sp.IndexedBase("s")
    assert unbound_names(sp.Sum(s[i] - s[j], (j, 1, i - 1), (i, 1, n))) == {"n", "s"}  # s: the family's name
    assert "i" in unbound_names(sp.Sum(s[j], (j, 1, i - 1)))  # alone, its range does use a free i
    steps, _ = read_latex("% assume: n integer; n >= 2\n% index: i in 1..n\n% index: j in 1..n\n"
                          "\\[ \\sum_{i=1}^{n}\\sum_{j=1}^{i-1} 1 = \\frac{n(n - 1)}{2} \\]")
    assert "free in this row" not in steps[0].hint and {x.name for x in steps[0].lhs.free_symbols} == {"n"}
