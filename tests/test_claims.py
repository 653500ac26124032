"""Built-in claims verify; deliberately false variants are refuted with shrunk, re-checked counterexamples."""

import os

import pytest
from hypothesis import assume
from hypothesis import strategies as st

from checker.analysis.linear_reduction import compare, safe_gamma_exponent
from checker.claims import core, runner
from checker.claims.core import CheckResult, Claim, ClaimResult, Context
from checker.data.dataset import from_rows
from checker.data.strategies import separable_datasets
from checker.engines import perceptron
from checker.report.writers import to_markdown

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CLAIM_IDS = ["SIG-LIMIT", "GRAD", "LIN-REDUCTION", "LIN-REDUCTION-RATE", "LOSS-OSC"]


def test_registry_lists_the_claims_in_claims_md_order():
    assert list(runner.load_builtin())[: len(CLAIM_IDS)] == CLAIM_IDS


@pytest.mark.parametrize("claim_id", CLAIM_IDS)
def test_builtin_claim_verifies_with_all_three_kinds(claim_id):
    result = runner.run_claim(runner.load_builtin()[claim_id], Context(quick=True))
    assert result.status == "verified", [(c.name, c.status, c.evidence) for c in result.checks]
    assert {c.kind for c in result.checks} == {"symbolic", "numeric", "property"}


def test_a_claim_id_cannot_be_registered_twice():
    with pytest.raises(ValueError, match="twice"):
        core.claim("SIG-LIMIT", "again")


@pytest.mark.parametrize("bad", ["../../evil", "A|B", "two words", "", "-LEADING", "X" * 81, "new\nline", 7])
def test_a_claim_id_is_a_plain_name(bad):
    # the ID names a counterexample's CSV (a path), a Markdown table cell and a --claim argument
    with pytest.raises(ValueError, match="claim ID"):
        core.claim(bad, "a statement")
    assert bad not in core.REGISTRY


def test_the_markdown_report_keeps_a_users_text_on_its_line():
    r = ClaimResult("USER-MD", "a | b\n## not a heading", "holds", "error",
                    [CheckResult("numeric", "n", "error", {"error": "bad | value\nsecond line"}, 0.0)])
    md = to_markdown([r], {})
    row = [line for line in md.splitlines() if line.startswith("| USER-MD ")][0]
    assert row.count(" | ") == 4 and "bad \\| value second line" in row  # five cells, the | escaped
    assert "- **USER-MD**: a | b ## not a heading" in md.splitlines()
    assert not any(line.startswith("## not") for line in md.splitlines())


def _dataset(counterexample):
    return from_rows(counterexample["X"], counterexample["y"])


def _refute(claim: Claim):
    result = runner.run_claim(claim, Context())
    assert result.status == "refuted"
    prop = [c for c in result.checks if c.kind == "property"][0]
    assert prop.status == "refuted" and prop.evidence["rechecked"] is True
    return prop.evidence["counterexample"]


# -- false variants -----------------------------------------------------------
EXACT_AT_FINITE_GAMMA = Claim("FALSE-EXACT", "theta_t/gamma = p_t exactly for every t at gamma = 10^k", expect="refuted")


@EXACT_AT_FINITE_GAMMA.property(separable_datasets(), st.integers(1, 300))
def exact_at_finite_gamma(ds, k):
    bp = perceptron.batch_perceptron(ds, record=True, max_iter=200)
    assume(bp.separated and not bp.degenerate)
    assert all(s.gap_log10 == float("-inf") for s in compare(ds, bp, k).steps)  # exactly 0


@pytest.mark.slow  # 27 to 40 s on 2 cores: the slow tier
def test_reduction_is_not_exact_at_finite_gamma():
    ds_json, k = _refute(EXACT_AT_FINITE_GAMMA)
    ds = _dataset(ds_json)
    bp = perceptron.batch_perceptron(ds, record=True)
    assert ds.n == 2 and k == 1, "shrunk to two samples at gamma = 10"
    assert bp.iterations >= 2
    assert compare(ds, bp, k).steps[1].gap_lower_log10 > -300  # re-checked, certified > 0: the statement really fails here


HINGE_SIGN_FLIPPED = Claim("FALSE-LOSS-SIGN", "f(theta_t)/gamma -> (1/n) sum max(0, +y_i a_i^T p_t)", expect="refuted")


@HINGE_SIGN_FLIPPED.property(separable_datasets())
def hinge_sign_flipped(ds):
    bp = perceptron.batch_perceptron(ds, record=True, max_iter=200)
    assume(bp.separated and not bp.degenerate)
    k = safe_gamma_exponent(ds, bp) + 2
    c = compare(ds, bp, k)
    for s, step in zip(c.steps, bp.trajectory):
        flipped = sum((m for m in step.margins if m > 0), 0) / ds.n
        # f/gamma = PL + |f/gamma - PL| (softplus >= the hinge), the gap to within its enclosure
        f_over_gamma = float(s.perceptron_loss) + (10 ** s.loss_gap_log10 if s.loss_gap_log10 > -300 else 0.0)
        assert abs(f_over_gamma - float(flipped)) < 1e-6


@pytest.mark.slow  # 16 s on 2 cores: the slow tier
def test_loss_limit_with_the_wrong_hinge_is_refuted():
    (ds_json,) = _refute(HINGE_SIGN_FLIPPED)
    assert ds_json["n"] == 2 and ds_json["d"] == 1


GD_AT_10_IS_BP = Claim("FALSE-GD-10", "GD at gamma = 10 makes BP's mistakes at every step", expect="refuted")


@GD_AT_10_IS_BP.property(separable_datasets())
def gd_at_10_is_bp(ds):
    bp = perceptron.batch_perceptron(ds, record=True, max_iter=200)
    assume(bp.separated and not bp.degenerate)
    assert compare(ds, bp, 1).mistakes_agree is True


@pytest.mark.slow  # a full search and shrink (Hypothesis stops shrinking after 5 minutes on a busy machine)
def test_gd_at_moderate_step_is_not_bp():
    (ds_json,) = _refute(GD_AT_10_IS_BP)
    ds = _dataset(ds_json)
    bp = perceptron.batch_perceptron(ds, record=True)
    assert compare(ds, bp, 1).mistakes_agree is False
    assert ds.n <= 4


def test_the_claim_catalogue_is_generated_and_current(capsys):
    from checker.cli import main

    assert main(["list", "--markdown"]) == 0
    with open(os.path.join(ROOT, "CLAIMS.md"), encoding="utf-8") as fh:
        assert fh.read() == capsys.readouterr().out, "CLAIMS.md is stale: gdpc list --markdown > CLAIMS.md"
    claims = runner.load_builtin()
    assert all(c.references for c in claims.values())  # every claim says where it comes from


def test_families_select_every_member_once_in_catalogue_order():
    claims = runner.load_builtin()
    chosen, unknown = core.select(claims, ["GP-REDUCTION", "GRAD:relu", "GP-REDUCTION:relu", "NOPE"])
    assert unknown == ["NOPE"]
    assert chosen[0] == "GRAD:relu" and chosen.count("GP-REDUCTION:relu") == 1
    assert [c for c in chosen if c.startswith("GP-REDUCTION:")] == [c for c in claims if c.startswith("GP-REDUCTION:")]
    assert core.select(claims, ["GRAD"])[0] == ["GRAD"]  # an ID is itself; its family is GRAD:*
    assert core.select(claims, ["GRAD:*"])[0] == [c for c in claims if c.startswith("GRAD:")]
