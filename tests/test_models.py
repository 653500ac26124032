"""The model catalog, its derivations, exact GP, and GD -> GP under homogeneous scaling."""

from fractions import Fraction

import pytest
from hypothesis import given, settings
from mpmath import mpf
from hypothesis import strategies as st

from checker.claims import nonlinear
from checker.data.dataset import from_rows
from checker.engines.generalized_perceptron import compare, generalized_perceptron, initial_parameters
from checker.models.symbolic import CATALOG, build
from checker.data.named import mixed_small
from checker.data.strategies import separable_datasets
from derivations import models as dm

DEGREES = {"linear": 1, "linear-network": 2, "diagonal": 2, "relu": 2, "leaky-relu": 2, "quadratic": 3,
           "tanh": None, "single-unit": 2}
HOMOGENEOUS = [m for m in CATALOG if DEGREES[m] is not None and m != "linear"]


@pytest.mark.parametrize("name", CATALOG)
def test_derivations_prove_and_find_the_degree(name):
    model = build(name, 2, 2)
    degree, hom = dm.homogeneity(model)
    assert degree == DEGREES[name] and hom.proved
    assert dm.build_grad(model).proved and dm.build_gp_reduction(model).proved


def test_relu_is_proved_by_cases():
    grad = dm.build_grad(build("relu", 2, 2))
    assert len(grad.steps) == 4 and all("case" in s.why for s in grad.steps)


def test_a_wrong_degree_is_not_proved():
    from derivations.steps import Derivation

    model = build("relu", 2, 2)
    D = Derivation("TEST", "wrong degree")
    for _, g in dm.cases(model):
        D.equal(sum(p * g.diff(p) for p in model.params), 1 * g, "claiming degree 1")
    assert not D.proved


@pytest.mark.parametrize("name", CATALOG)
@settings(max_examples=30)  # each example evaluates every symbolic gradient entry with SymPy at 70 digits
@given(a=st.lists(st.fractions(-4, 4, max_denominator=9), min_size=2, max_size=2),
       theta=st.lists(st.fractions(-4, 4, max_denominator=9), min_size=6, max_size=6))
def test_generated_gradient_equals_symbolic_to_50_digits(name, a, theta):
    model = build(name, 2, 2)
    assert nonlinear.gradient_mismatch(model, a, theta[: model.m]) < mpf(10) ** -50


def test_exact_kinks_are_reported():
    model = build("relu", 2, 1)
    ds = from_rows([[1, 1], [1, -1]], [1, -1])
    theta0 = [Fraction(1), Fraction(-1), Fraction(1)]  # w = (1, -1) has w^T a_1 = 0: a kink at the first sample
    run = generalized_perceptron(model, ds, theta0, 1, max_iter=3)
    assert run.steps[0].kinks == ((0, 0),)


@pytest.mark.parametrize("name", ["linear-network", "diagonal", "relu", "leaky-relu"])
@given(ds=separable_datasets(max_n=4, max_d=2), seed=st.integers(0, 1000), s=st.sampled_from([2, 5, Fraction(7, 3)]))
def test_gp_is_scale_equivariant_exactly(name, ds, seed, s):
    model = build(name, ds.d, 2)
    u0 = initial_parameters(model, seed)
    small = generalized_perceptron(model, ds, u0, 1, max_iter=5)
    big = generalized_perceptron(model, ds, [s * v for v in u0], Fraction(1) * s ** (2 - DEGREES[name]), max_iter=5)
    assert [st_.mistakes for st_ in small.steps] == [st_.mistakes for st_ in big.steps]
    assert all([s * v for v in a.theta] == b.theta for a, b in zip(small.steps, big.steps))


@pytest.mark.parametrize("name,data,agree_from", [
    ("relu", "mixed", 30), ("linear-network", "mixed", 3), ("diagonal", "mixed", 30),
    ("relu", "generated", 3), ("linear-network", "generated", 3), ("diagonal", "generated", 10),
])
def test_gd_mistakes_follow_gp_once_the_scale_is_large(name, data, agree_from):
    from checker.data.named import random_integer_separable

    ds = mixed_small() if data == "mixed" else random_integer_separable(12, 3, seed=5, coord=3)
    model = build(name, ds.d, 2)
    gp, rows = compare(model, ds, 2, initial_parameters(model, 1), Fraction(1), [1, agree_from, 100], horizon=30)
    assert not gp.degenerate
    by_s = {r.scale: r for r in rows}
    assert by_s[agree_from].mistakes_agree and by_s[100].mistakes_agree
    assert by_s[100].max_deviation < by_s[agree_from].max_deviation < by_s[1].max_deviation
    assert all(r.one_step_bound != "violated" for r in rows)


@pytest.mark.parametrize("name", HOMOGENEOUS + ["tanh"])
@given(ds=separable_datasets(max_n=5, max_d=2), seed=st.integers(0, 10**6), scale=st.sampled_from([1, 3, 10]),
       gamma=st.sampled_from([Fraction(1, 10), Fraction(1), Fraction(10)]))
def test_gp_reduction_property(name, ds, seed, scale, gamma):
    check = [c for c in nonlinear_claim(name).checks if c.kind == "property"][0]
    check.fn(ds, seed, scale, gamma)


def nonlinear_claim(name):
    from checker.claims import core, runner

    return runner.load_builtin()[f"GP-REDUCTION:{name}"]


def test_run_model_cli(tmp_path, capsys):
    import json

    from checker.data import dataset
    from checker.cli import main

    path = str(tmp_path / "m.csv")
    dataset.to_csv(mixed_small(), path)
    assert main(["run", "--data", path, "--model", "linear-network", "--algo", "generalized-perceptron",
                 "--seed", "1", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["model"] == "linear-network" and out["degree"] == 2 and out["arithmetic"] == "exact"
    assert out["iterations"] == 4
    assert main(["run", "--data", path, "--model", "linear-network", "--algo", "gd", "--seed", "1",
                 "--init-scale", "100", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["iterations"] == 4 and out["signs_confirmed_at_dps+20"]
    assert main(["run", "--data", path, "--model", "relu", "--algo", "perceptron"]) == 2


def test_exact_gp_stops_before_rationals_explode():
    from checker.engines.generalized_perceptron import MAX_EXACT_BITS

    model = build("quadratic", 3, 2)
    run = generalized_perceptron(model, mixed_small(), initial_parameters(model, 1), 1, max_iter=200)
    assert not run.separated and run.stopped.startswith(f"exact rationals exceeded {MAX_EXACT_BITS} bits")
