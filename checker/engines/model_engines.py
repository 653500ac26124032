"""GD on the logistic loss and the Generalized Perceptron (GP) for any model family, written once.

GP step (CLAIMS.md), weights 1 on mistakes, 1/2 on ties:
    theta_{t+1} = theta_t + (gamma/n) [ sum_{z_i<0} y_i grad g_i + 1/2 sum_{z_i=0} y_i grad g_i ];
GD step: the same with weights sigma(-z_i). Both run against an arithmetic context
(`checker.arith`): GP exactly for rational models (every tie and kink exact and
reported), in Arb or mpmath balls otherwise; GD in balls, where every sign an
engine reads is decided by an enclosure that excludes 0 or the run is repeated
at higher precision (`arith.escalate`).
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from checker.arith import Undecided, escalate, make_context
from checker.data.dataset import Dataset
from checker.engines.exact_signs import ExactSigns
from checker.engines.run import Run
from checker.models.numeric import Forward, Model
from checker.progress import tick

MAX_EXACT_BITS = 20_000


@dataclass
class ModelStep:
    t: int
    theta: list
    margins: list
    mistakes: tuple | None  # None when a sign is undecided (GD runs that do not need them)
    ties: tuple = ()
    kinks: tuple = ()  # (sample, unit) with a pre-activation exactly 0
    dead: tuple = ()  # ReLU samples with every pre-activation < 0

    @property
    def breaks_reduction(self) -> bool:
        """A tie or kink where GD's nearby iterate can weigh the sample differently from GP (not at t = 0,
        and not a tie on a dead ReLU sample, where g and grad g vanish for GD too)."""
        if self.t == 0:
            return False
        return bool(self.kinks) or any(i not in self.dead for i in self.ties)


def _margins(fw, y):
    return [v if yi > 0 else -v for v, yi in zip(fw.values, y)]


def generalized_perceptron_at(ctx, model: Model, ds: Dataset, theta0, gamma, max_iter: int = 1000) -> Run:
    """GP from theta0 in the given context (raises Undecided where a ball straddles 0)."""
    A = ctx.matrix(ds.X)
    theta = ctx.vector(theta0)
    r = ctx.num(Fraction(gamma) / ds.n)
    half = ctx.num(Fraction(1, 2))
    steps: list[ModelStep] = []
    seen: dict[tuple, int] = {}  # exact iterates visited: a repeat is a cycle, which GP never leaves
    label = f"generalized perceptron, {ctx.describe()}"
    for t in range(max_iter + 1):
        tick(t, label)
        if ctx.exact:
            key = tuple(theta)
            if key in seen:
                return _gp_run(ctx, None, False, steps, f"cycle: theta_{t} = theta_{seen[key]} exactly, so GP repeats "
                                                         f"the same {t - seen[key]} steps forever without separating")
            seen[key] = t
        fw = model.forward(ctx, A, theta)
        z = _margins(fw, ds.y)
        signs = [ctx.sign_or_raise(zi) for zi in z]
        mistakes = tuple(i for i, s in enumerate(signs) if s < 0)
        ties = tuple(i for i, s in enumerate(signs) if s == 0)
        step = ModelStep(t, list(theta), z, mistakes, ties, model.kinks(ctx, fw), model.dead(ctx, fw))
        steps.append(step)
        if not mistakes and not ties:
            return _gp_run(ctx, t, True, steps)
        if t == max_iter:
            return _gp_run(ctx, None, False, steps)
        if ctx.exact and max(max(abs(v.numerator).bit_length(), v.denominator.bit_length()) for v in theta) > MAX_EXACT_BITS:
            # a gradient of degree >= 2 in theta (quadratic activations) doubles the size every step
            return _gp_run(ctx, None, False, steps, f"exact rationals exceeded {MAX_EXACT_BITS} bits at step {t}")
        c = [ctx.num(0)] * ds.n
        for i in mistakes:
            c[i] = ctx.num(ds.y[i])
        for i in ties:
            c[i] = half * ds.y[i]
        grad = model.combine(ctx, A, theta, fw, c)
        if all(ctx.sign(gk) == 0 for gk in grad):
            return _gp_run(ctx, None, False, steps, _stall_reason(model, step))
        theta = [th + r * gk for th, gk in zip(theta, grad)]
    raise AssertionError("unreachable")


def _stall_reason(model: Model, step: ModelStep) -> str:
    wrong = sorted(set(step.mistakes or ()) | set(step.ties))
    if model.name == "relu" and all(i in step.dead for i in wrong):
        why = "every misclassified sample has all its ReLU units dead (w_j^T a_i < 0), so its gradient is 0"
    else:
        why = "the weighted gradient of the misclassified samples is exactly 0"
    return f"stalled at t = {step.t}: the update is exactly 0 ({why}); GP stays at this iterate forever"


def _final(ctx, theta) -> dict:
    return {"final": [ctx.text(v, 30) for v in theta], "dps": ctx.dps}


def _gp_run(ctx, iterations, separated, steps, stopped="") -> Run:
    run = Run("generalized-perceptron", iterations, separated, ctx.describe(), stopped=stopped, steps=steps,
              extra=_final(ctx, steps[-1].theta))
    run.degenerate = any(s.breaks_reduction for s in steps)
    return run


def gd_at(ctx, model: Model, ds: Dataset, theta0, gamma, max_iter: int, stop_when_separated: bool = True,
          need_mistakes: bool = False) -> Run:
    """GD from theta0 with step gamma; the stopping test (all margins > 0) is decided by enclosures.

    need_mistakes: every step's mistake set must be decided (comparisons with GP); otherwise only the
    stopping test is.
    """
    A = ctx.matrix(ds.X)
    theta = ctx.vector(theta0)
    r = ctx.num(Fraction(gamma) / ds.n)
    steps = []
    exact = _single_unit_from_zero(model, ds, theta0)
    label = f"gd, {ctx.describe()}"
    for t in range(max_iter + 1):
        tick(t, label)
        # theta_0 and the data are rational: evaluate the first step exactly, so that a pre-activation or margin
        # that is exactly 0 there (common on sparse data) is decided, not left in a ball around 0 forever
        fw = _exact_forward(ctx, model, ds, theta0) if t == 0 and not ctx.exact else model.forward(ctx, A, theta)
        z = _margins(fw, ds.y)
        signs = [ctx.sign(zi) for zi in z]
        if exact is not None:
            signs, exact = _single_unit_signs(ctx, exact, signs, theta[-1], t)
        decided = None not in signs
        if need_mistakes and not decided:
            raise Undecided(f"a margin's sign is undecided at t = {t} ({ctx.describe()})")
        mistakes = tuple(i for i, s in enumerate(signs) if s is not None and s < 0) if decided else None
        steps.append(ModelStep(t, list(theta), z, mistakes))
        if stop_when_separated:
            if all(s == 1 for s in signs):
                return Run("gd", t, True, ctx.describe(), steps=steps, extra=_final(ctx, theta))
            if not any(s in (-1, 0) or ctx.nonpositive(zi) for s, zi in zip(signs, z)):
                raise Undecided(f"the stopping test is undecided at t = {t} ({ctx.describe()})")
        if t == max_iter:
            break
        c = [ctx.sigma_neg(zi) * yi for zi, yi in zip(z, ds.y)]
        grad = model.combine(ctx, A, theta, fw, c)
        theta = [th + r * gk for th, gk in zip(theta, grad)]
    separated = all(s == 1 for s in signs)
    return Run("gd", t if separated and stop_when_separated else None, separated, ctx.describe(), steps=steps,
               extra=_final(ctx, theta))


def _single_unit_from_zero(model: Model, ds: Dataset, theta0) -> ExactSigns | None:
    """The single unit v w^T a from w = 0, v > 0 (its catalog start): while every v_s > 0, w_t = sum_i c_i y_i a_i with
    c_i > 0 (weights sigma(-z) v_s), and z_i = v_t y_i a_i^T w_t: linear GD's structure, times v_t."""
    if model.name == "single-unit" and not any(theta0[:-1]) and theta0[-1] > 0:
        return ExactSigns(ds)
    return None


def _single_unit_signs(ctx, exact: ExactSigns, signs: list, v, t: int) -> tuple[list, ExactSigns | None]:
    """The signs with the undecided ones filled from the exact structure (t >= 1), and the structure still valid for
    the next step only while v_t > 0 is certified."""
    sv = ctx.sign(v)
    if t >= 1 and None in signs and sv in (1, -1):
        linear = exact.fill([None if s is None else s * sv for s in signs], t)
        signs = [s if s is not None or q is None else q * sv for s, q in zip(signs, linear)]
    return signs, (exact if sv == 1 else None)


def _exact_forward(ctx, model: Model, ds: Dataset, theta0):
    with make_context("exact") as ex:
        try:
            fw = model.forward(ex, ex.matrix(ds.X), ex.vector(theta0))
        except TypeError:  # a transcendental model (tanh): its first step is evaluated in balls like the rest
            return model.forward(ctx, ctx.matrix(ds.X), ctx.vector(theta0))

    def enclose(v):
        return [enclose(x) for x in v] if isinstance(v, list) else ctx.num(v)

    return Forward(enclose(fw.values), enclose(fw.pre), enclose(fw.acts), enclose(fw.slopes))


def generalized_perceptron(model: Model, ds: Dataset, theta0, gamma, max_iter: int = 1000,
                           arith: str | None = "exact", dps: int = 30) -> Run:
    """GP, exact by default; for a transcendental model (tanh) in balls, raising precision as needed."""
    if arith == "exact" and model.name == "tanh":
        arith = None  # transcendental: the default certified engine
    return escalate(lambda ctx: generalized_perceptron_at(ctx, model, ds, theta0, gamma, max_iter), arith, dps)


def gd(model: Model, ds: Dataset, theta0, gamma, max_iter: int = 1000, arith: str | None = None, dps: int = 30,
       stop_when_separated: bool = True, need_mistakes: bool = False) -> Run:
    return escalate(lambda ctx: gd_at(ctx, model, ds, theta0, gamma, max_iter, stop_when_separated, need_mistakes),
                    arith, dps)
