"""GRAD:<model> and GP-REDUCTION:<model> for every model of the catalog (checker/models.py).

Claim GRAD:<model>: the logistic-loss gradient formula for that model.
Claim GP-REDUCTION:<model>: one GD step = one GP step + E_t with
||E_t|| <= (gamma/n) sum_{z_i != 0} e^{-|z_i|} ||grad g_i||, and for an L-homogeneous
model GD from s u_0 with step eta s^(2-L) follows GP as s -> oo.
Derivations: derivations/model_proofs.py (by cases for ReLU-type models; Euler's identity
gives the degree; tanh is shown non-homogeneous).
Checks: symbolic; numeric (the generated gradient against the exact symbolic one
to 50 digits; GD against GP at scales s = 1, 3, 10, 30, 100 on BP-LOWER n = 101, a 3-d
set and a seeded random separable set of 12 points in 3-d); property (Hypothesis data, widths, initializations and step sizes:
exact homogeneity and the one-step bound).
"""

from __future__ import annotations

import random
from fractions import Fraction
from functools import lru_cache

import mpmath
import sympy as sp
from hypothesis import strategies as st
from mpmath import mpf

from checker.analysis.gp_reduction import compare, default_horizon, one_step_bound
from checker.arith import make_context
from checker.claims.core import claim
from checker.data.named import bp_lower, mixed_small, random_integer_separable
from checker.data.strategies import separable_datasets
from checker.models import numeric
from checker.models.numeric import initial_parameters
from checker.models.symbolic import build
from derivations import model_proofs as model_derivations

MODELS = ("linear-network", "diagonal", "relu", "leaky-relu", "quadratic", "tanh", "single-unit")
GP_MODELS = ("linear",) + MODELS
SCALES = (1, 3, 10, 30, 100)
WIDTH = 2


@lru_cache(maxsize=None)
def _degree(name: str, d: int):
    """The proved homogeneity degree (None: not homogeneous); cached, SymPy work is not repeated per example."""
    return model_derivations.homogeneity(build(name, d, WIDTH))[0]


def gradient_mismatch(model, a, theta) -> mpf:
    """max |engine gradient - exact symbolic gradient| at a rational point, 60 digits.

    The engine gradient is the numeric family's (checker/models/numeric.py, no SymPy) in Arb at 60 digits; the
    symbolic one is SymPy's diff of the catalogue expression, evaluated to 70 digits.
    """
    point = dict(zip(list(model.inputs) + list(model.params), [sp.Rational(v) for v in list(a) + list(theta)]))
    fam = numeric.build(model.name, model.d, model.width or 2)
    with make_context(None, 60) as ctx:
        A = ctx.matrix([list(a)])
        th = ctx.vector(theta)
        fw = fam.forward(ctx, A, th)
        grad = fam.combine(ctx, A, th, fw, [ctx.num(1)])
        value = fw.values[0]
        with mpmath.workdps(60):
            worst = mpf(0)
            for gp, sym in zip([value] + grad, [model.expr] + model.gradient):
                exact = mpf(str(sp.N(sym.subs(point), 70)))
                engine = mpf(ctx.text(gp, 65))
                worst = max(worst, abs(engine - exact) / (1 + abs(exact)))
    return worst


def _grad_claim(name: str):
    c = claim(f"GRAD:{name}", f"For g = {build(name, 2, WIDTH).description}: grad f = -(1/n) sum_i sigma(-z_i) y_i "
              f"grad g(a_i; theta), with the engines' numeric g and gradient equal to SymPy's.", ("standard calculus",))

    @c.symbolic
    def derivation(ctx):
        return model_derivations.build_grad(build(name, 2, WIDTH))

    @c.numeric
    def generated_gradient_matches_symbolic(ctx):
        model = build(name, 2, WIDTH)
        rng = random.Random(7)
        worst = mpf(0)
        for _ in range(10 if not ctx.quick else 3):
            a = [Fraction(rng.randint(-9, 9), rng.randint(1, 9)) for _ in range(model.d)]
            theta = [Fraction(rng.randint(-9, 9), rng.randint(1, 9)) for _ in range(model.m)]
            worst = max(worst, gradient_mismatch(model, a, theta))
        return worst < mpf(10) ** -50, {"points": 10 if not ctx.quick else 3, "max relative difference": mpmath.nstr(worst, 3),
                                        "digits": 60, "required": "1e-50"}

    @c.property(st.lists(st.fractions(-5, 5, max_denominator=12), min_size=2, max_size=2),
                st.lists(st.fractions(-5, 5, max_denominator=12), min_size=12, max_size=12), examples=50)
    def gradient_at_random_points(a, theta):
        model = build(name, 2, WIDTH)
        assert gradient_mismatch(model, a, theta[: model.m]) < mpf(10) ** -50

    return c


def _gp_claim(name: str):
    c = claim(f"GP-REDUCTION:{name}", f"For g = {build(name, 2, WIDTH).description}: one GD step = one GP step + E_t, "
              f"||E_t|| <= (gamma/n) sum_(z_i != 0) e^(-|z_i|) ||grad g_i||; for an L-homogeneous g, GD from s u_0 "
              f"with step eta s^(2-L) follows GP with step eta as s -> oo.", ("P2", "the one-step bound: ours"))

    @c.symbolic
    def derivation(ctx):
        return model_derivations.build_gp_reduction(build(name, 2, WIDTH))

    @c.numeric
    def gd_against_gp_by_scale(ctx):
        tables, ok, compared = [], True, 0
        generated = random_integer_separable(12, 3, seed=5, coord=3)  # generated data, seeded
        datasets = (mixed_small(),) if ctx.quick else (bp_lower(101), mixed_small(), generated)
        for ds in datasets:
            model = numeric.build(name, ds.d, WIDTH)
            L = model.degree
            u0 = initial_parameters(model, 1)
            if L is None:
                # not homogeneous: no scaling makes GD follow GP; the one-step identity and bound still hold
                verdicts = [one_step_bound(model, ds, [v * k for v in u0], 1, dps=50) for k in (1, 3, 10)]
                ok &= "violated" not in verdicts
                tables.append({"data": ds.name, "homogeneous": False, "one_step_bound_at_scales_1_3_10": verdicts,
                               "note": "tanh saturates: g(a; s u) tends to a sum of +-v_j, not s^L g(a; u)"})
                continue
            horizon = default_horizon(L)
            gp, rows = compare(model, ds, L, u0, Fraction(1), SCALES[:4] if ctx.quick else SCALES, horizon=horizon)
            computed = [r for r in rows if r.mistakes_agree is not None]
            agree_from = next((r.scale for k, r in enumerate(rows)
                               if all(x.mistakes_agree for x in rows[k:] if x.mistakes_agree is not None)
                               and r.mistakes_agree), None)
            shrinking = all(a.max_deviation_log10 >= b.max_deviation_log10 for a, b in zip(computed, computed[1:]))
            no_violation = all(r.one_step_bound != "violated" for r in rows)
            if not gp.degenerate:  # a degenerate trajectory is reported, like a degenerate BP run, not compared
                compared += 1
                ok &= bool(computed) and computed[-1].mistakes_agree and shrinking and no_violation
            tables.append({"data": ds.name, "degree": L, "u0": [str(v) for v in u0], "horizon": horizon,
                           "gp_iterations": gp.iterations, "gp_degenerate": gp.degenerate,
                           "mistake_sets_agree_from_s": str(agree_from) if agree_from is not None else None,
                           "rows": [r.to_json() for r in rows]})
        homogeneous = any(t.get("homogeneous", True) for t in tables)
        ok &= compared > 0 or not homogeneous  # a homogeneous model must be compared on at least one data set
        return ok, {"tables": tables, "width": WIDTH, "non_degenerate_comparisons": compared,
                    "arithmetic": "GP exact (rationals); GD in Arb balls, every sign decided by an enclosure"}

    @c.numeric
    def declared_degree_is_proved(ctx):
        """The engines use the degree the numeric family declares; it must be the one SymPy proves (Euler)."""
        declared = numeric.build(name, 2, WIDTH).degree
        proved = _degree(name, 2)
        return declared == proved, {"declared": declared, "proved_by_sympy": proved}

    @c.property(separable_datasets(max_n=5, max_d=2), st.integers(0, 10**6), st.sampled_from([1, 3, 10]),
                st.sampled_from([Fraction(1, 10), Fraction(1), Fraction(10)]), examples=200)
    def one_step_identity_and_homogeneity(ds, seed, scale, gamma):
        model = numeric.build(name, ds.d, WIDTH)
        u0 = initial_parameters(model, seed) if name != "single-unit" else [Fraction(seed % 7 - 3, 5)] * model.m
        theta = [v * scale for v in u0]
        assert one_step_bound(model, ds, theta, gamma, dps=40) != "violated"
        L = model.degree
        if L is not None and name != "tanh":  # exact homogeneity g(a; c u) = c^L g(a; u) at a rational c
            c = Fraction(seed % 11 + 1, seed % 5 + 2)
            with make_context("exact") as ex:
                A = ex.matrix(ds.X)
                g1 = model.forward(ex, A, [c * v for v in u0]).values
                g0 = model.forward(ex, A, u0).values
            assert all(a == c**L * b for a, b in zip(g1, g0))

    return c


for _name in MODELS:
    if _name != "single-unit":
        _grad_claim(_name)
for _name in GP_MODELS:
    _gp_claim(_name)


