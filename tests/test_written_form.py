"""What the author wrote is what is judged: true steps a reading of SymPy's, not the author's, used to refute.

Each case was a wrong verdict on a correct step of the paper-notation corpus (tests/derivation_corpus/papers/):
a family's member named outside a sum lost the family's assumptions; Arb's failure on (-1)^k inside a sum counted
as "a side is undefined"; a geometric sum's closed form, undefined at ratio 1, stood in for the written sum, which is
defined there (0^0 = 1). Each has a false variant that must still be refuted."""

from __future__ import annotations

from derivcheck.files import check_file


def verdicts(tmp_path, text: str) -> list:
    path = tmp_path / "steps.tex"
    path.write_text(text)
    return [(v.verdict, v.evidence) for v in check_file(str(path), timeout=60).verdicts]


def test_a_member_named_outside_a_sum_keeps_the_familys_assumptions(tmp_path):
    head = "% assume: T integer positive\n% index: t in 0..T\n% assume: \\Delta_t >= 0\n"
    out = verdicts(tmp_path, head + "\\begin{align*}\n"
                   "\\sum_{t=0}^{T-1} (\\Delta_t - \\Delta_{t+1}) &= \\Delta_0 - \\Delta_T \\\\\n"
                   "&\\le \\Delta_0\n\\end{align*}\n"
                   "$$ \\Delta_0 - \\Delta_T \\le \\Delta_0 $$\n"
                   "$$ \\Delta_0 - \\Delta_T \\le -\\Delta_T $$\n")  # false: Delta_0 > 0
    assert [v for v, _ in out] == ["proved", "proved", "proved", "refuted"], out
    # a subscript that is no declared index keeps naming one value of its own (theta_t, one scalar)
    out = verdicts(tmp_path, "% assume: \\theta_t real; \\gamma real\n"
                             "$$ \\theta_t - \\gamma \\theta_t = (1 - \\gamma) \\theta_t $$\n"
                             "$$ \\theta_t - \\gamma \\theta_t = (1 + \\gamma) \\theta_t $$\n")
    assert [v for v, _ in out] == ["proved", "refuted"], out


def test_an_alternating_sum_is_judged_exactly_not_refuted_where_arb_has_no_value(tmp_path):
    out = verdicts(tmp_path, "% assume: n integer positive\n"
                             "$$ \\sum_{k=1}^{2n} (-1)^{k} k = n $$\n"
                             "$$ \\sum_{k=1}^{2n} (-1)^{k} k = n + 1 $$\n")
    assert [v for v, _ in out] == ["proved", "refuted"], out
    assert out[1][1]["lhs"] != "?"  # a certified value at the counterexample, not "undefined"


def test_a_sum_defined_where_its_closed_form_is_not(tmp_path):
    # at eta = 1 the sum is (1 - 1)^0 = 1 (0^0 = 1, as the sum means); SymPy's closed form divides by eta there
    head = "% assume: T integer positive; \\eta in (0, 1]\n"
    out = verdicts(tmp_path, head + "$$ \\sum_{t=0}^{T-1} (1 - \\eta)^{T-1-t} \\le \\frac{1}{\\eta} $$\n"
                                    "$$ \\sum_{t=0}^{T-1} (1 - \\eta)^{t} \\le \\frac{1}{\\eta} $$\n"
                                    "$$ \\sum_{t=0}^{T-1} (1 - \\eta)^{t} \\le \\frac{1}{2\\eta} $$\n")
    assert [v for v, _ in out][:2] == ["proved", "proved"], out
    assert out[2][0] == "refuted" and "undefined" not in out[2][1]["certified_by"], out[2]
    # 0 to a negative power is still undefined as written, and refuted there
    out = verdicts(tmp_path, "% assume: n integer; x real\n$$ x^n x^{-n} = 1 $$\n")
    assert out[0][0] == "refuted" and "0 to a negative power" in out[0][1]["certified_by"]
