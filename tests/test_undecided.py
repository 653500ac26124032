"""An undecided sign is never a pass: `_le` and every verdict built on it (gap, LIN-REDUCTION-RATE, LOSS-OSC).

The undecided branch of each certified comparison is pinned here: a hand mutant that turns "undecided" into
"holds" (issue 29) must fail these tests, and so must one that turns it into "fails".
"""

import json
from fractions import Fraction

import pytest
from hypothesis.errors import UnsatisfiedAssumption

from checker.analysis import reduction_gap
from checker.analysis.linear_reduction import Comparison, all_hold, mistakes_agree
from checker.arith import make_context
from checker.claims import lin_reduction_rate, loss_osc
from checker.claims.core import Context
from checker.cli import main
from checker.data.dataset import from_rows, to_csv
from checker.data.named import bp_lower
from checker.engines import linear_gd, perceptron
from checker.engines.linear_gd import DeviationStep, _le


@pytest.mark.parametrize("arith", ["arb", "mpmath"])
def test_le_is_undecided_exactly_when_the_enclosures_overlap(arith):
    with make_context(arith, 30) as ctx:
        third = ctx.num(1) / 3  # an enclosure of 1/3 with a radius, beside another enclosure of 1/3
        assert _le(ctx, third, ctx.num(Fraction(1, 3))) is None
        assert _le(ctx, ctx.num(Fraction(1, 3)), third) is None
        assert _le(ctx, ctx.num(1), ctx.num(2)) is True
        assert _le(ctx, ctx.num(2), ctx.num(1)) is False
        assert _le(ctx, ctx.num(5), ctx.num(5)) is True  # exactly equal: a <= b is certain
        assert _le(ctx, third, ctx.num(1)) is True and _le(ctx, ctx.num(1), third) is False


def _step(t: int, **fields) -> DeviationStep:
    base = {"t": t, "gap": 0, "gap_text": "0", "gap_log10": float(-t), "gap_lower_log10": float("-inf"),
            "gap_enclosure": {"mid": str(t), "rad": "0"}, "bound": 1, "bound_text": "1", "bound_log10": 0.0,
            "bound_enclosure": {"mid": "1", "rad": "0"}, "bound_holds": True, "min_margin": Fraction(1, 2),
            "gd_mistakes": (), "bp_mistakes": (), "perceptron_loss": Fraction(0), "loss_gap_text": "0",
            "loss_gap_log10": float("-inf"), "loss_bound_holds": True, "arithmetic": f"arb, {30 + t} digits",
            "gd_separated": False, "loss_bound": None, "loss_bound_text": None}
    base.update(fields)
    return DeviationStep(**base)


def _report(steps) -> reduction_gap.GapReport:
    bp = perceptron.batch_perceptron(bp_lower(5), record=True)
    return reduction_gap.GapReport(Fraction(10), "10", bp, steps)


def test_a_report_with_an_undecided_bound_is_undecided_never_a_pass():
    rep = _report([_step(1), _step(2, bound_holds=None), _step(3)])
    assert rep.bound_holds is None and rep.summary()["bound_holds"] is None
    assert _report([_step(1), _step(2, bound_holds=None), _step(3, bound_holds=False)]).bound_holds is False
    assert _report([_step(1), _step(2)]).bound_holds is True
    # a step where the bound does not apply (bound None) is left out, whatever its bound_holds says
    assert _report([_step(1), _step(2, bound=None, bound_holds=None)]).bound_holds is True
    assert _report([_step(1), _step(2, bound=None, bound_holds=False)]).bound_holds is True


def test_undecided_mistake_sets_are_neither_agreement_nor_disagreement():
    rep = _report([_step(1, gd_mistakes=None, bp_mistakes=(0,)), _step(2, gd_mistakes=(1,), bp_mistakes=(0,)),
                   _step(3, gd_mistakes=(1,), bp_mistakes=(1,))])
    assert rep.mistakes_agree is None
    assert rep.first_disagreement == 2  # the undecided step 1 is not a disagreement
    assert [r["mistakes_agree"] for r in map(rep.row, rep.steps)] == [None, False, True]
    assert [r["gd_mistakes"] for r in map(rep.row, rep.steps)] == [None, [1], [1]]
    assert _report([_step(1), _step(2, gd_mistakes=(0,))]).mistakes_agree is False
    assert _report([_step(1), _step(2)]).mistakes_agree is True and _report([_step(1)]).first_disagreement is None


def test_mistake_sets_are_compared_by_value():
    # equal sets that are different objects agree; a GD set that sorts before BP's is still a different set
    equal = _step(1, gd_mistakes=tuple(range(2, 3)), bp_mistakes=tuple(range(2, 3)))  # two objects, one value
    rep = _report([equal, _step(2, gd_mistakes=(0,), bp_mistakes=(1,))])
    assert rep.first_disagreement == 2 and rep.mistakes_agree is False
    assert [r["mistakes_agree"] for r in map(rep.row, rep.steps)] == [True, False]


def test_the_shared_verdict_helpers():
    assert all_hold([True, None, True]) is None and all_hold([None, False]) is False and all_hold([True]) is True
    assert all_hold([]) is True
    assert mistakes_agree([_step(1), _step(2, gd_mistakes=None, bp_mistakes=(3,))]) is None
    c = Comparison(3, [_step(1), _step(2, bound_holds=None)])
    assert c.rate_holds is None and c.loss_gap_holds() is True
    assert Comparison(3, [_step(1, loss_bound_holds=None)]).loss_gap_holds() is None


def test_report_rows_and_summary():
    rep = _report([_step(1, gap_log10=-9.0, min_margin=Fraction(3)), _step(2, gap_log10=-2.0, gd_separated=True,
                                                                            min_margin=Fraction(2, 7)),
                   _step(3, gap_log10=-5.0, gd_separated=True)])
    s = rep.summary()
    assert s["max_gap"] == {"mid": "2", "rad": "0"} and s["max_gap_text"] == "0"  # the widest: t = 2
    assert s["steps"] == 3 and s["gd_iterations"] == 2 and s["gamma"] == "10" and s["arithmetic"] == "arb, 31 digits"
    assert s["bp_iterations"] == rep.bp.iterations and s["first_disagreement"] is None
    rows = rep.to_json()["rows"]
    assert [r["min_margin"] for r in rows] == ["3", "2/7", "1/2"] and rows[0]["perceptron_loss"] == "0"
    assert rows[1] == dict(rows[1], t=2, bound_text="1", loss_bound_text=None, bp_mistakes=[])
    assert _report([_step(1)]).gd_iterations is None


def test_bp_path_lengths():
    assert len(reduction_gap.bp_path(bp_lower(11), 3).trajectory) == 3
    separated = reduction_gap.bp_path(bp_lower(11), None)
    assert separated.separated and len(separated.trajectory) == separated.iterations == 4
    never = from_rows([[1, 0], [1, 0]], [1, -1], "opposite labels")  # BP never separates: the default number
    assert len(reduction_gap.bp_path(never, None).trajectory) == reduction_gap.DEFAULT_T_MAX
    assert reduction_gap.smallest_power(bp_lower(11), reduction_gap.bp_path(bp_lower(11), 2))["k"] is None


def test_gap_extends_past_bp_only_when_asked_and_bp_separated():
    ds = bp_lower(5)
    bp = reduction_gap.bp_path(ds, None)
    T = len(bp.trajectory)
    assert [s.t for s in reduction_gap.gap(ds, 10, "10", bp).steps] == list(range(1, T + 1))
    assert [s.t for s in reduction_gap.gap(ds, 10, "10", bp, T + 2).steps] == list(range(1, T + 3))
    assert [s.t for s in reduction_gap.gap(ds, 10, "10", bp, T - 1).steps] == list(range(1, T))
    short = reduction_gap.bp_path(ds, 2)  # BP stopped before separating: GD is not run past it
    assert [s.t for s in reduction_gap.gap(ds, 10, "10", short, 2).steps] == [1, 2]


@pytest.fixture
def undecided_le(monkeypatch):
    """Every certified comparison of the deviation engine undecided, as at a precision too low to tell."""
    monkeypatch.setattr(linear_gd, "_le", lambda ctx, a, b: None)


def test_gdpc_gap_reports_undecided_and_does_not_pass(tmp_path, capsys, undecided_le):
    path = str(tmp_path / "d.csv")
    to_csv(bp_lower(11), path)
    assert main(["gap", "--data", path, "--gamma", "1e10", "--json"]) == 1
    (out,) = json.loads(capsys.readouterr().out)["gammas"]
    assert out["bound_holds"] is None and {r["bound_holds"] for r in out["rows"] if r["bound"]} == {None}
    assert {r["loss_bound_holds"] for r in out["rows"]} == {None}
    assert main(["gap", "--data", path, "--gamma", "1e10"]) == 1
    assert "rate bound (LIN-REDUCTION-RATE): undecided" in capsys.readouterr().out


@pytest.mark.filterwarnings("ignore::hypothesis.errors.HypothesisDeprecationWarning")  # reject() called directly
def test_claims_built_on_le_are_undecided_when_it_is(undecided_le):
    ctx = Context(quick=True)
    assert lin_reduction_rate.gap_against_bound(ctx)[0] is None
    holds, evidence = loss_osc.loss_over_gamma_tends_to_perceptron_loss(ctx)
    assert holds is None and evidence["bound_rows"]["certified"] == 0
    # a property example whose comparison is undecided is not counted as one that holds
    with pytest.raises(UnsatisfiedAssumption):
        loss_osc.loss_within_bound(bp_lower(5), 3)
