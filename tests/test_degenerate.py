"""Degenerate data (exact ties on the path) through every algorithm and `bounds`, `gap`, `run` (issue 29).

Each drawn data set has a margin exactly 0 somewhere on linear GD's or BP's path by construction
(tests/strategies.degenerate_datasets). Every command must answer in one line or a table with exit 0 or 1, never
an internal error; the first GD step's signs must be the exact signs of BP's p_1 (the same direction); every
classical bound must hold; and where LIN-REDUCTION applies (BP separates with no margin exactly 0) GD at the
rate bound's safe step size must take BP's iterations and make BP's mistake sets.
"""

import io
import json
import tempfile
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest
from hypothesis import given, settings

from checker.analysis.linear_reduction import safe_gamma_exponent
from checker.arith import make_context
from checker.choices import ALGORITHMS
from checker.cli import main
from checker.data.dataset import to_csv
from checker.engines import perceptron
from checker.engines.linear_gd import gd_linear_at
from checker.engines.margin import certified_margin
from tests.strategies import degenerate_datasets

MAX_ITER = 300


def _gdpc(*argv) -> tuple[int, dict]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main([*argv, "--json"])
    assert code in (0, 1) and err.getvalue() == "", (argv, code, err.getvalue())  # never an internal error (3)
    return code, json.loads(out.getvalue())


def _sign(q) -> int:
    return (q > 0) - (q < 0)


def check_degenerate(ds) -> None:
    bp = perceptron.batch_perceptron(ds, max_iter=MAX_ITER, record=True)
    with make_context("arb", 30) as ctx:
        first = gd_linear_at(ctx, ds, 1, max_iter=1, stop_when_separated=False).steps[1].signs
    assert first == [_sign(q) for q in bp.trajectory[0].margins]  # u_1 = p_1: decided exactly, 0 included
    separable = certified_margin(ds).separable
    theory = separable and bp.separated and not bp.degenerate
    gamma = f"1e{safe_gamma_exponent(ds, bp)}" if theory else "1000"
    with tempfile.TemporaryDirectory() as folder:
        path = str(Path(folder) / "d.csv")
        to_csv(ds, path)
        for algo in ALGORITHMS:
            code, out = _gdpc("run", "--data", path, "--algo", algo, "--max-iter", str(MAX_ITER),
                              "--gamma", gamma)
            assert (code == 0) == out["separated"], out
            if not separable:
                assert not out["separated"]
            if theory and algo == "gd":  # LIN-REDUCTION: GD at this gamma takes BP's iterations
                assert out["iterations"] == bp.iterations, (out, bp.iterations)
        # the single unit from w = 0 has linear GD's structure (times v): its ties are decided as exactly
        code, out = _gdpc("run", "--data", path, "--algo", "gd", "--model", "single-unit", "--max-iter", "60")
        assert "precision cap" not in (out.get("note") or ""), out
        code, out = _gdpc("bounds", "--data", path, "--gamma", gamma)
        assert code == (0 if separable else 1)
        assert all(r["verdict"] == "holds" for r in out.get("bounds", [])), out  # theorems: never violated
        code, payload = _gdpc("gap", "--data", path, "--gamma", gamma, "--t-max", "8")
        (out,) = payload["gammas"]  # one step size: one report
        if theory:
            assert out["mistake_sets_agree"] is True  # at every one of the 8 steps
            assert out["gd_iterations"] == (bp.iterations if bp.iterations <= 8 else None)


@settings(max_examples=20)
@given(degenerate_datasets())
def test_degenerate_data_through_every_algorithm_and_command(ds):
    check_degenerate(ds)


@pytest.mark.slow
@settings(max_examples=300)
@given(degenerate_datasets(max_n=8))
def test_degenerate_data_through_every_algorithm_and_command_at_length(ds):
    check_degenerate(ds)
