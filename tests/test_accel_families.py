"""ACCEL beyond A_d: the fast exact two-layer engines, the integer Gram bound, the families and `accel --family`."""

from __future__ import annotations

import json
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.analysis import accel_families as AF
from checker.analysis.accel_table import loglog_slope
from checker.cli import main
from checker.data.accel_family import accel_dataset, gram_lower_bound, quarter_root_dyadic
from checker.data.dataset import from_rows
from checker.data.strategies import separable_datasets
from checker.engines import exact_two_layer as E
from checker.engines import reduced as R
from checker.engines.model_engines import generalized_perceptron
from checker.errors import InputError
from checker.models.numeric import build


def _gram_reference(ds) -> int:
    """The lambda argument in Fractions, entry by entry: the definition the integer version must equal."""
    rows = ds.signed_rows()
    best = 1
    for rj in rows:
        ks = [sum(a * b for a, b in zip(rj, ri)) for ri in rows]
        pos, neg = sum(k for k in ks if k > 0), -sum(k for k in ks if k < 0)
        t = 1
        while not (2 * t - 1) * pos > neg:
            t += 1
        best = max(best, t)
    return best


@settings(max_examples=60)
@given(separable_datasets(max_n=8, max_d=4), st.sampled_from([Fraction(1), Fraction(3, 2), Fraction(5)]))
def test_fast_engines_take_the_generic_engines_steps(ds, gamma):
    d = ds.d
    for fast, name, theta0 in ((E.single_unit_gp, "single-unit", [0] * d + [1]),
                               (E.diagonal_gp, "diagonal", [0] * d + [1] * d)):
        ours = fast(ds, gamma, 60)
        ref = generalized_perceptron(build(name, d), ds, theta0, gamma, 60)
        if ref.stopped and "cycle" in ref.stopped:
            assert ours.iterations is None  # the fast engine does not look for cycles: it runs to max_iter
            continue
        assert ours.iterations == ref.iterations, (name, ref.stopped, ours.stopped)
        assert ours.separated == ref.separated
        if ref.iterations is not None:
            assert ours.degenerate == ref.degenerate, name
        assert ("stalled" in (ours.stopped or "")) == ("stall" in (ref.stopped or "")), (ours.stopped, ref.stopped)


@pytest.mark.parametrize("d", [16, 33, 64])
def test_fast_engines_match_the_reduced_dynamics_on_a_d(d):
    g = quarter_root_dyadic(d)
    ds = accel_dataset(d)
    assert E.single_unit_gp(ds, g, 16 * d).iterations == R.single_unit_gp(d, 1, g).iterations
    assert E.diagonal_gp(ds, g, 16 * d).iterations == R.diagonal_gp(d, 1, g).iterations


@settings(max_examples=80)
@given(separable_datasets(max_n=8, max_d=4, denominators=(1, 3, 7)))
def test_integer_gram_bound_equals_the_fraction_definition(ds):
    assert gram_lower_bound(ds) == _gram_reference(ds)


def test_gram_bound_on_huge_entries_uses_python_integers():
    big = 2**40
    ds = accel_dataset(8)
    scaled = from_rows([[v * big for v in row] for row in ds.X], ds.y)
    assert gram_lower_bound(scaled) == gram_lower_bound(ds) == _gram_reference(ds)


def test_rare_positives_and_digit_resolutions_are_shaped_as_stated():
    ds = AF.rare(16, 3)
    assert (ds.n, ds.d, ds.y.count(1)) == (15, 16, 3)
    with pytest.raises(InputError):
        AF.rare(16, 14)
    for d in (16, 64, 256):
        dig = AF.digits_at(d, 0, 1)
        assert dig.d == d and dig.n == AF.digits_at(64, 0, 1).n
    # replication keeps every pixel: the 256-pixel image's 2x2 block (0, 0) is pixel (0, 0) four times
    base, rep = AF.digits_at(64, 0, 1), AF.digits_at(256, 0, 1)
    assert rep.X[0][0] == rep.X[0][1] == rep.X[0][16] == rep.X[0][17] == base.X[0][0]


def test_rotated_family_gives_exactly_a_ds_counts_and_the_cli_says_so(capsys, tmp_path):
    out = tmp_path / "f.json"
    assert main(["accel", "--family", "rotated", "--d-max", "32", "--json", str(out)]) == 0
    text = capsys.readouterr().out
    assert "take exactly A_d's counts on every rotated copy: yes" in text
    study = json.loads(out.read_text())
    assert study["same_as_A_d"] and {r["d"] for r in study["rows"]} == {16, 32}
    assert all(r["bp"] == {16: 5, 32: 9}[r["d"]] for r in study["rows"])
    assert study["slopes"]["bp"]["variants"] == 3
    # the Gram bound holds for BP and for LR+GD at any step size, on every data set
    assert all(r["bp"] >= r["gram"] and r["lr-gd-100"] >= r["gram"] for r in study["rows"])


def test_family_options_are_checked(capsys):
    for d_max in ("16", "8"):  # below A_d's default --d-min too: the family's own message, not A_d's
        assert main(["accel", "--family", "digits", "--d-max", d_max]) == 2
        assert "fewer than two dimensions" in capsys.readouterr().err
    assert main(["accel", "--family", "nope"]) == 2
    with pytest.raises(InputError):
        AF.study("nope")


def test_slopes_are_least_squares_and_skip_missing_counts():
    assert loglog_slope({16: 4, 64: 16, 256: 64}) == pytest.approx(1.0)
    assert loglog_slope({16: 4, 64: 8, 256: None}, skip_missing=True) == pytest.approx(0.5)
    assert loglog_slope({16: 4, 64: 8, 256: None}) is None  # the A_d table wants every count
    assert loglog_slope({16: 4, 64: "stalled"}, skip_missing=True) is None


def test_a_degenerate_run_is_marked_not_hidden():
    """Four rare positives at d = 32: BP's path meets a margin exactly 0 (t = 4) and takes 10 steps; the table says
    so, and LR+GD at gamma = 100 stays at the Gram bound."""
    out = AF.counts(AF.rare(32, 4), 4 * 32 + 200)
    assert out["degenerate"] == ["bp"]
    assert (out["bp"], out["lr-gd-100"], out["gram"]) == (10, 4, 4)
