"""`gdpc run`: one algorithm on one data file, as a JSON-ready result.

Chooses the engine (exact perceptrons, linear GD in u = theta/gamma, GP or GD for a
model family), builds theta_0 = s u_0, and reports the arithmetic that decided
every sign. No SymPy runs here: a model's degree is the one its numeric family
declares (proved once by the GP-REDUCTION claim, `declared_degree_is_proved`).
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from checker.arith import Undecided, dps_for_gamma, escalate, make_context
from checker.choices import MAX_CELLS
from checker.data.dataset import Dataset
from checker.engines import perceptron
from checker.engines.linear_gd import deviation_at, gd_linear
from checker.engines.margin import certified_margin
from checker.engines.model_engines import gd, generalized_perceptron
from checker.errors import InputError
from checker.models.numeric import CATALOG, build, initial_parameters
from checker.progress import STATE, RunTimeout, watch


@dataclass
class RunRequest:
    algo: str
    model: str | None = None
    width: int = 2
    init_scale: Fraction = Fraction(1)
    seed: int = 0
    gamma: Fraction = Fraction(1)
    gamma_text: str = "1"
    dps: int | None = None
    max_iter: int = 100_000
    arith: str | None = None
    timeout: float | None = None

    def validated(self) -> "RunRequest":
        if self.max_iter < 1:
            raise InputError("--max-iter must be at least 1")
        if self.model is not None and self.model not in CATALOG:
            raise InputError(f"unknown model {self.model!r} (catalog: {', '.join(CATALOG)})")
        if self.model is not None and self.algo not in ("gd", "generalized-perceptron"):
            raise InputError(f"--model works with --algo gd or generalized-perceptron, not {self.algo}")
        if self.width < 1:
            raise InputError("--width must be at least 1")
        if self.timeout is not None and not 0 < self.timeout < float("inf"):
            raise InputError("--timeout must be positive")
        return self


def run(ds: Dataset, req: RunRequest) -> dict:
    """The run, with progress on a terminal; past --timeout, a result that says where it stopped (exit 1)."""
    if req.model is not None:
        cells = ds.n * build(req.model, ds.d, req.width).m  # the model's value and gradient at every sample
        if cells > MAX_CELLS:
            raise InputError(f"--model {req.model} --width {req.width} on n = {ds.n}, d = {ds.d}: n times the "
                             f"{cells // ds.n} parameters is {cells}, more than the limit {MAX_CELLS}")
    try:
        with watch(req.timeout):
            return _run(ds, req)
    except RunTimeout as exc:
        where = STATE["what"].partition(", ")[2] or "-"
        out = {"algorithm": req.algo, "iterations": None, "separated": False, "degenerate": False,
               "arithmetic": where, "stopped": str(exc)}
        if req.model:
            out.update(model=req.model, degree=build(req.model, ds.d, req.width).degree)
        return out


def _run(ds: Dataset, req: RunRequest) -> dict:
    if req.model is not None or req.algo == "generalized-perceptron":
        return _run_model(ds, req)
    if req.algo == "gd":
        # the exact certificate is cheap (0.4 s at n = 1000, d = 20): GD on non-separable data says so at once
        cert = certified_margin(ds)
        if not cert.separable:
            return _not_separable("gd", cert)
        try:
            out = gd_linear(ds, req.gamma, max_iter=req.max_iter, dps=req.dps, arith=req.arith, record=False).to_json()
        except Undecided as exc:
            return _gd_through_bp(ds, req, exc)
        return _within_max_iter(out, req)
    out = perceptron.run(ds, req.algo, max_iter=req.max_iter).to_json()
    if not out["separated"]:  # not within --max-iter: say whether it ever could
        cert = certified_margin(ds)
        if not cert.separable:
            out.update(_not_separable(req.algo, cert, out))
    return _within_max_iter(out, req)


def _within_max_iter(out: dict, req: RunRequest) -> dict:
    """A run that stopped at --max-iter on data certified separable says that, not that the data may not be."""
    if not out["separated"] and not out.get("note"):
        out["note"] = f"not separated within --max-iter {req.max_iter}"
    return out


def _gd_through_bp(ds: Dataset, req: RunRequest, exc: Undecided) -> dict:
    """Plain GD could not decide a sign at the precision cap. When BP's path has a margin exactly 0 (degenerate data),
    GD's margin there is (A delta_t)_i ~ e^{-gamma m}: run GD in the deviation form u_t = p_t + delta_t instead."""
    bp = perceptron.batch_perceptron(ds, record=True, max_iter=req.max_iter)
    if not (bp.degenerate and bp.separated):
        return _undecided("gd", exc)

    def attempt(ctx):
        steps = deviation_at(ctx, ds, req.gamma, bp, extend_to=req.max_iter, stop_when_separated=True)
        if any(s.gd_mistakes is None for s in steps):
            raise Undecided(f"a GD margin is undecided at t = {next(s.t for s in steps if s.gd_mistakes is None)}")
        return steps, ctx.describe()

    try:
        steps, how = escalate(attempt, req.arith, dps_for_gamma(req.gamma, req.dps))
    except Undecided as again:
        return _undecided("gd", Undecided(f"{exc}; even the deviation engine cannot decide: {again}"))
    t = next((s.t for s in steps if s.gd_separated), None)
    return {"algorithm": "gd", "iterations": t, "separated": t is not None, "degenerate": True,
            "arithmetic": f"{how}, deviation engine", "gamma": req.gamma_text,
            "mistake_sets": [list(s.gd_mistakes) for s in steps], "bp_iterations": bp.iterations,
            "note": None if t is not None else f"not separated within --max-iter {req.max_iter}",
            "degenerate_steps": bp.degenerate_steps}


def _not_separable(algorithm: str, cert, base: dict | None = None) -> dict:
    lam = cert.to_json()["certificate"]["lambda"]
    support = ", ".join(f"{w} * sample {int(i) + 1}" for i, w in lam.items())
    out = dict(base or {"algorithm": algorithm, "iterations": None, "separated": False, "degenerate": False,
                        "arithmetic": "exact"})
    out.update({"separable": False, "certificate": cert.to_json()["certificate"],
                "note": f"not linearly separable: sum_i lambda_i y_i a_i = 0 with lambda = {support}"})
    return out


def _undecided(algorithm: str, exc: Undecided) -> dict:
    return {"algorithm": algorithm, "iterations": None, "separated": False, "degenerate": False,
            "arithmetic": make_context().name, "note": f"{exc}; the precision cap was reached"}


def _run_model(ds: Dataset, req: RunRequest) -> dict:
    name = req.model or "linear"
    model = build(name, ds.d, req.width)
    u0 = initial_parameters(model, req.seed)
    theta0 = [req.init_scale * v for v in u0]
    try:
        if req.algo == "generalized-perceptron":
            result = generalized_perceptron(model, ds, theta0, req.gamma, max_iter=req.max_iter)
        else:
            result = gd(model, ds, theta0, req.gamma, req.max_iter, arith=req.arith, dps=req.dps or 30)
    except Undecided as exc:
        out = _undecided(req.algo, exc)
    else:
        out = result.to_json()
        last = result.steps[-1]
        if req.algo == "generalized-perceptron":
            out["ties"] = [(s.t, list(s.ties)) for s in result.steps if s.ties]
            out["kinks"] = [(s.t, [list(k) for k in s.kinks]) for s in result.steps if s.kinks]
            out["dead_samples_at_end"] = list(last.dead)
    out.update({"max_iter": req.max_iter, "model": name, "degree": model.degree, "width": model.width,
                "init_scale": str(req.init_scale),
                "seed": req.seed if name != "single-unit" else None, "gamma": req.gamma_text,
                "u0": [str(v) for v in u0] if name != "single-unit" else "w = 0, v = 1"})
    return out

