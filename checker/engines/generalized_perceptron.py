"""The Generalized Perceptron (GP) and GD for nonlinear models, and their comparison.

GP step for a model g with step gamma (CLAIMS.md):
    theta_{t+1} = theta_t + (gamma/n) [ sum_{z_i<0} y_i grad g_i + 1/2 sum_{z_i=0} y_i grad g_i ],
run in exact rationals when the model is rational (linear, ReLU-type, polynomial
activations): every tie z_i = 0 and every kink w_j^T a_i = 0 is then exact and is
reported, like a degenerate BP trajectory. GD runs in mpmath. Its signs are decided
at the working precision and confirmed by a second run 20 digits higher; this
is an a-posteriori check, not the certified rounding bound of the linear engine,
and the output says so.

For an L-homogeneous model, GP is scale-equivariant (theta_0 = s u_0 gives
theta_t = s u_t), and GD from s u_0 with step gamma = eta s^{2-L} follows GP with
step eta as s -> oo (GP-REDUCTION). `compare` measures that at given scales.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field
from fractions import Fraction

import mpmath
from mpmath import mpf

from checker.data.dataset import Dataset, fraction_str
from checker.engines.logistic_gd import as_mpf
from checker.models.symbolic import Model
from checker.engines.sigmoid import sigma

MAX_COMPARE_DPS = 1200


def initial_parameters(model: Model, seed: int = 0) -> list[Fraction]:
    """A seeded rational initialization u_0; single-unit: w = 0, v = 1.

    Entries are +-k/p with k in 1..9 and p in {7, 11, 13}: distinct prime denominators
    make an exact kink (w_j^T a_i = 0) or tie unlikely on data with small denominators,
    where a grid like k/4 hits them often.
    """
    if model.name == "single-unit":
        return [Fraction(0)] * (model.m - 1) + [Fraction(1)]
    rng = random.Random(seed)
    return [Fraction(rng.randint(1, 9) * rng.choice([1, -1]), rng.choice([7, 11, 13])) for _ in range(model.m)]


@dataclass
class GPStep:
    t: int
    theta: list
    margins: list
    mistakes: tuple
    ties: tuple
    kinks: tuple  # (sample, unit) with a pre-activation exactly 0
    dead: tuple = ()  # ReLU samples with every pre-activation < 0: g and grad g vanish near theta

    @property
    def breaks_reduction(self) -> bool:
        """A tie or kink where GD's nearby iterate can weigh the sample differently from GP.

        Not at t = 0 (GD and GP start at the same point exactly), and not a tie on a
        dead ReLU sample (g = 0 and grad g = 0 in a neighbourhood, for GD too).
        """
        if self.t == 0:
            return False
        return bool(self.kinks) or any(i not in self.dead for i in self.ties)


MAX_EXACT_BITS = 20_000


@dataclass
class GPRun:
    iterations: int | None
    separated: bool
    steps: list = field(default_factory=list)
    stopped: str = ""  # why the run ended early, if it did

    @property
    def degenerate(self) -> bool:
        """Some step has a tie or kink that the GD limit may treat differently (see GPStep)."""
        return any(s.breaks_reduction for s in self.steps)

    def to_json(self, model: Model, degree) -> dict:
        last = self.steps[-1]
        exact = all(isinstance(v, Fraction) for v in last.theta)
        return {"algorithm": "generalized-perceptron", "model": model.name, "degree": degree,
                "iterations": self.iterations, "separated": self.separated, "degenerate": self.degenerate,
                "ties": [(s.t, list(s.ties)) for s in self.steps if s.ties],
                "dead_samples_at_end": list(self.steps[-1].dead),
                "kinks": [(s.t, [list(k) for k in s.kinks]) for s in self.steps if s.kinks],
                "arithmetic": "exact" if exact else "mpmath", "dps": None if exact else mpmath.mp.dps,
                "stopped": self.stopped or None,
                "final": [fraction_str(v) if exact else mpmath.nstr(v, 30) for v in last.theta]}


def _exact_data(ds: Dataset):
    return [list(row) for row in ds.X]


def generalized_perceptron(model: Model, ds: Dataset, theta0, gamma, max_iter: int = 1000) -> GPRun:
    """GP from theta0 in exact arithmetic (or mpmath at the current precision for transcendental models)."""
    exact = model.exact_capable
    kind = "exact" if exact else "mpmath"
    X = _exact_data(ds) if exact else [[as_mpf(v) for v in row] for row in ds.X]
    theta = [Fraction(v) for v in theta0] if exact else [as_mpf(v) for v in theta0]
    g = Fraction(gamma) if exact else as_mpf(gamma)
    n, steps = ds.n, []
    for t in range(max_iter + 1):
        vals = [model.value_and_gradient(a, theta, kind) for a in X]
        margins = [yi * v for (v, _), yi in zip(vals, ds.y)]
        mistakes = tuple(i for i, z in enumerate(margins) if z < 0)
        ties = tuple(i for i, z in enumerate(margins) if z == 0)
        kinks, dead = (), ()
        if exact and model.gate_args:
            pre = [model.pre_activations_exact(a, theta) for a in X]
            kinks = tuple((i, j) for i, row in enumerate(pre) for j, p in enumerate(row) if p == 0)
            if model.name == "relu":
                dead = tuple(i for i, row in enumerate(pre) if all(p < 0 for p in row))
        steps.append(GPStep(t, list(theta), margins, mistakes, ties, kinks, dead))
        if not mistakes and not ties:
            return GPRun(t, True, steps)
        if t == max_iter:
            return GPRun(None, False, steps)
        if exact and max(max(v.numerator.bit_length(), v.denominator.bit_length()) for v in theta) > MAX_EXACT_BITS:
            # a gradient of degree >= 2 in theta (e.g. quadratic activations) doubles the size every step
            return GPRun(None, False, steps, f"exact rationals exceeded {MAX_EXACT_BITS} bits at step {t}")
        update = [0] * model.m
        for i in mistakes + ties:
            w = 1 if i in mistakes else (Fraction(1, 2) if exact else mpf(1) / 2)
            for p, gp in enumerate(vals[i][1]):
                update[p] += w * ds.y[i] * gp
        theta = [th + g * u / n for th, u in zip(theta, update)]
    raise AssertionError("unreachable")


@dataclass
class GDNonlinearRun:
    iterations: int | None
    separated: bool
    dps: int
    confirmed: bool  # signs and 5 leading digits of theta agree at dps and dps + 20
    steps: list  # (theta, margins, mistakes)


def gd_nonlinear(model: Model, ds: Dataset, theta0, gamma, steps: int, dps: int = 40,
                 stop_when_separated: bool = True) -> GDNonlinearRun:
    runs = [_gd_at(model, ds, theta0, gamma, steps, d, stop_when_separated) for d in (dps, dps + 20)]
    a, b = runs
    confirmed = len(a) == len(b) and all(sa[2] == sb[2] for sa, sb in zip(a, b))
    with mpmath.workdps(dps):
        for sa, sb in zip(a, b):
            for x, y in zip(sa[0], sb[0]):
                if abs(x - y) > mpf(10) ** (-(dps // 2)) * (1 + abs(y)):
                    confirmed = False
    last_mistakes = a[-1][2]
    it = len(a) - 1 if not last_mistakes and all(z > 0 for z in a[-1][1]) else None
    return GDNonlinearRun(it, it is not None, dps, confirmed, a)


def _gd_at(model, ds, theta0, gamma, steps, dps, stop_when_separated):
    out = []
    with mpmath.workdps(dps):
        X = [[as_mpf(v) for v in row] for row in ds.X]
        theta = [as_mpf(v) for v in theta0]
        g = as_mpf(gamma)
        for t in range(steps + 1):
            vals = [model.value_and_gradient(a, theta, "mpmath") for a in X]
            margins = [yi * v for (v, _), yi in zip(vals, ds.y)]
            mistakes = tuple(i for i, z in enumerate(margins) if z < 0)
            out.append((list(theta), margins, mistakes))
            if (stop_when_separated and all(z > 0 for z in margins)) or t == steps:
                break
            update = [mpf(0)] * model.m
            for i, (v, grad) in enumerate(vals):
                w = sigma(-margins[i])
                for p, gp in enumerate(grad):
                    update[p] += w * ds.y[i] * gp
            theta = [th + g * u / ds.n for th, u in zip(theta, update)]
    return out


@dataclass
class ScaleRow:
    scale: Fraction
    dps: int | None
    mistakes_agree: bool | None
    max_deviation: mpf | None  # max_t ||theta_t^GD / s - u_t^GP||
    one_step_bound: str  # "holds" | "within rounding" | "violated" | "skipped"
    confirmed: bool
    gd_iterations: int | None
    note: str = ""

    def to_json(self) -> dict:
        return {"s": fraction_str(self.scale), "dps": self.dps, "mistake_sets_agree": self.mistakes_agree,
                "max_deviation": mpmath.nstr(self.max_deviation, 5) if self.max_deviation is not None else None,
                "one_step_bound": self.one_step_bound, "signs_confirmed_at_dps+20": self.confirmed,
                "gd_iterations": self.gd_iterations, "note": self.note}


def default_horizon(degree: int) -> int:
    """GP steps compared by default: 30, or 8 for degree >= 3, whose exact iterates double in size every step."""
    return 30 if degree <= 2 else 8


def compare(model: Model, ds: Dataset, degree: int, u0, eta, scales,
            horizon: int | None = None) -> tuple[GPRun, list[ScaleRow]]:
    """GP in u-coordinates (step eta) against GD from s u0 with step eta s^(2-L), for each scale s."""
    gp = generalized_perceptron(model, ds, u0, eta, max_iter=horizon or default_horizon(degree))
    T = len(gp.steps) - 1
    nonzero = [abs(z) for st in gp.steps for z in st.margins if z != 0]
    m_star = min(nonzero) if nonzero else Fraction(1)
    rows = []
    for s in scales:
        s = Fraction(s)
        if gp.degenerate:
            rows.append(ScaleRow(s, None, None, None, "skipped", False, None,
                                 "GP trajectory has an exact tie or kink: GD's limit there is not GP's"))
            continue
        need = 30 + math.ceil(0.4343 * float(s) ** degree * float(m_star)) + math.ceil(math.log10(float(s) + 1))
        if need > MAX_COMPARE_DPS:
            rows.append(ScaleRow(s, need, None, None, "skipped", False, None,
                                 f"resolving e^(-s^L m*) needs {need} digits (cap {MAX_COMPARE_DPS})"))
            continue
        gamma = Fraction(eta) * s ** (2 - degree)
        gd = gd_nonlinear(model, ds, [s * v for v in u0], gamma, T, dps=need, stop_when_separated=False)
        agree, dev, bound = True, mpf(0), "holds"
        with mpmath.workdps(need):
            for (theta, margins, mistakes), st in zip(gd.steps, gp.steps):
                agree &= mistakes == st.mistakes
                u = [as_mpf(v) for v in st.theta]
                dev = max(dev, mpmath.sqrt(mpmath.fsum((th / s - ui) ** 2 for th, ui in zip(theta, u))))
                verdict = one_step_bound(model, ds, theta, as_mpf(gamma))
                if verdict == "violated" or (verdict == "within rounding" and bound == "holds"):
                    bound = verdict
        rows.append(ScaleRow(s, need, agree, dev, bound, gd.confirmed, _first_separated(gd)))
    return gp, rows


def _first_separated(gd: GDNonlinearRun):
    return next((t for t, (_, margins, _) in enumerate(gd.steps) if all(z > 0 for z in margins)), None)


def one_step_bound(model: Model, ds: Dataset, theta, gamma) -> str:
    """||GD step - GP step|| <= (gamma/n) sum_{z_i != 0} e^{-|z_i|} ||grad g_i|| at theta (mpmath, current dps)."""
    unit = mpf(2) ** (1 - mpmath.mp.prec)
    X = [[as_mpf(v) for v in row] for row in ds.X]
    diff = [mpf(0)] * model.m
    bound, scale = mpf(0), mpf(0)
    for a, yi in zip(X, ds.y):
        v, grad = model.value_and_gradient(a, theta, "mpmath")
        z = yi * v
        # with the GP weight w = 1[z<0] + 1/2 1[z=0]: sigma(-z) - w = +-sigma(-|z|) exactly (SIG-LIMIT), computed without cancellation
        e = 0 if z == 0 else (sigma(-abs(z)) if z > 0 else -sigma(-abs(z)))
        norm = mpmath.sqrt(mpmath.fsum(gp * gp for gp in grad))
        for p, gp in enumerate(grad):
            diff[p] += e * yi * gp
        if z != 0:
            bound += mpmath.exp(-abs(z)) * norm
            scale += abs(e) * norm
    n = ds.n
    E = gamma / n * mpmath.sqrt(mpmath.fsum(x * x for x in diff))
    B = gamma / n * bound
    slack = (n + model.m + 16) * 8 * unit * (gamma / n * scale + B)
    if E <= B - slack:
        return "holds"
    if E > B + slack:
        return "violated"
    return "within rounding"
