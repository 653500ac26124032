"""The model families g(a; theta) for the engines, written once against an arithmetic context.

Each family gives its value on every sample, the combination sum_i c_i grad g(a_i; theta)
and the per-sample squared gradient norms through products with the data matrix
(A w, A^T c), so sparse data stays cheap and no SymPy runs at engine time. The
same families exist as SymPy expressions in `checker.models.symbolic`, which the
GRAD and GP-REDUCTION claims prove things about; a test checks that both agree
at rational points, and each family *declares* its homogeneity degree, proved once
by GP-REDUCTION (`degree_is_proved`).

Parameter layout is the symbolic catalogue's: two-layer models W (k rows of d) then v;
the diagonal network u then v.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Callable

LEAKY_SLOPE = Fraction(1, 10)


@dataclass(frozen=True)
class Activation:
    name: str
    value: Callable  # (ctx, x) -> act(x)
    slope: Callable  # (ctx, x) -> act'(x), with act'(0) = the x < 0 branch (relu'(0) = 0)
    piecewise: bool = False


def _relu_value(ctx, x):
    return x if ctx.sign_or_raise(x) > 0 else ctx.num(0)


def _relu_slope(ctx, x):
    return ctx.num(1 if ctx.sign_or_raise(x) > 0 else 0)


def _leaky_value(ctx, x):
    return x if ctx.sign_or_raise(x) > 0 else x * ctx.num(LEAKY_SLOPE)


def _leaky_slope(ctx, x):
    return ctx.num(1 if ctx.sign_or_raise(x) > 0 else LEAKY_SLOPE)


def _tanh_slope(ctx, x):
    t = ctx.tanh(x)
    return 1 - t * t


ACTIVATIONS = {
    "identity": Activation("identity", lambda ctx, x: x, lambda ctx, x: ctx.num(1)),
    "relu": Activation("relu", _relu_value, _relu_slope, piecewise=True),
    "leaky-relu": Activation("leaky-relu", _leaky_value, _leaky_slope, piecewise=True),
    "quadratic": Activation("quadratic", lambda ctx, x: x * x, lambda ctx, x: 2 * x),
    "tanh": Activation("tanh", lambda ctx, x: ctx.tanh(x), _tanh_slope),
}


@dataclass
class Forward:
    """The model evaluated on every sample: g_i, and what its gradient needs."""

    values: list
    pre: list = field(default_factory=list)  # pre[j][i] = w_j^T a_i (two-layer models)
    acts: list = field(default_factory=list)
    slopes: list = field(default_factory=list)
    Atc: list | None = None


class Model:
    """The interface of a numeric model family (see the subclasses)."""

    name = "model"
    degree: int | None = None  # declared: g(a; s theta) = s^L g(a; theta); None = not homogeneous
    width: int | None = None

    def __init__(self, d: int):
        self.d = d

    @property
    def m(self) -> int:
        raise NotImplementedError

    def forward(self, ctx, A, theta) -> Forward:
        raise NotImplementedError

    def combine(self, ctx, A, theta, fw: Forward, c) -> list:
        """sum_i c_i grad_theta g(a_i; theta)."""
        raise NotImplementedError

    def grad_norms_sq(self, ctx, A, theta, fw: Forward) -> list:
        raise NotImplementedError

    def kinks(self, ctx, fw: Forward) -> tuple:
        """(sample, unit) with a pre-activation exactly 0 (a kink of a piecewise activation)."""
        return ()

    def dead(self, ctx, fw: Forward) -> tuple:
        """Samples whose every pre-activation is < 0 under ReLU: g and grad g vanish near theta."""
        return ()


class Linear(Model):
    name, degree = "linear", 1

    @property
    def m(self):
        return self.d

    def forward(self, ctx, A, theta):
        return Forward(A.mul(theta))

    def combine(self, ctx, A, theta, fw, c):
        return A.tmul(c)

    def grad_norms_sq(self, ctx, A, theta, fw):
        return A.row_norms_sq()


class Diagonal(Model):
    """g = sum_j u_j v_j a_j."""

    name, degree = "diagonal", 2

    @property
    def m(self):
        return 2 * self.d

    @property
    def width(self):
        return self.d

    def forward(self, ctx, A, theta):
        u, v = theta[: self.d], theta[self.d:]
        return Forward(A.mul([a * b for a, b in zip(u, v)]))

    def combine(self, ctx, A, theta, fw, c):
        u, v = theta[: self.d], theta[self.d:]
        s = A.tmul(c)
        return [vj * sj for vj, sj in zip(v, s)] + [uj * sj for uj, sj in zip(u, s)]

    def grad_norms_sq(self, ctx, A, theta, fw):
        u, v = theta[: self.d], theta[self.d:]
        weights = [uj * uj + vj * vj for uj, vj in zip(u, v)]
        return [ctx.fsum(weights[j] * a * a for j, a in row) for row in _indexed_rows(A)]


class TwoLayer(Model):
    """g = sum_j v_j act(w_j^T a), k hidden units."""

    def __init__(self, d: int, width: int, activation: str, name: str, degree: int | None):
        super().__init__(d)
        self.width, self.act, self.name, self.degree = width, ACTIVATIONS[activation], name, degree

    @property
    def m(self):
        return self.width * self.d + self.width

    def _split(self, theta):
        d, k = self.d, self.width
        return [theta[j * d:(j + 1) * d] for j in range(k)], theta[k * d:]

    def forward(self, ctx, A, theta):
        W, v = self._split(theta)
        pre = [A.mul(w) for w in W]
        acts = [[self.act.value(ctx, h) for h in hj] for hj in pre]
        slopes = [[self.act.slope(ctx, h) for h in hj] for hj in pre]
        values = [ctx.fsum(v[j] * acts[j][i] for j in range(self.width)) for i in range(A.n)]
        return Forward(values, pre, acts, slopes)

    def combine(self, ctx, A, theta, fw, c):
        W, v = self._split(theta)
        out = []
        for j in range(self.width):
            out += [v[j] * x for x in A.tmul([ci * sl for ci, sl in zip(c, fw.slopes[j])])]
        out += [ctx.fsum(ci * ac for ci, ac in zip(c, fw.acts[j])) for j in range(self.width)]
        return out

    def grad_norms_sq(self, ctx, A, theta, fw):
        _, v = self._split(theta)
        norms = A.row_norms_sq()
        return [ctx.fsum(ctx.square(v[j] * fw.slopes[j][i]) * norms[i] + ctx.square(fw.acts[j][i])
                         for j in range(self.width))
                for i in range(A.n)]

    def kinks(self, ctx, fw):
        if not self.act.piecewise:
            return ()
        return tuple((i, j) for j, hj in enumerate(fw.pre) for i, h in enumerate(hj) if ctx.sign(h) == 0)

    def dead(self, ctx, fw):
        if self.act.name != "relu":
            return ()
        return tuple(i for i in range(len(fw.values)) if all(ctx.sign(hj[i]) == -1 for hj in fw.pre))


def _indexed_rows(A):
    return [[(j, v) for j, v in enumerate(row)] for row in A.dense_rows()]


CATALOG = ("linear", "linear-network", "diagonal", "relu", "leaky-relu", "quadratic", "tanh", "single-unit")
DESCRIPTIONS = {
    "linear": "w^T a", "linear-network": "v^T W a", "diagonal": "sum_j u_j v_j a_j",
    "relu": "sum_j v_j relu(w_j^T a)", "leaky-relu": "sum_j v_j leaky_relu(w_j^T a), slope 1/10",
    "quadratic": "sum_j v_j (w_j^T a)^2", "tanh": "sum_j v_j tanh(w_j^T a) (not homogeneous)",
    "single-unit": "v w^T a (one hidden unit, linear)",
}


def build(name: str, d: int, width: int = 2) -> Model:
    """The numeric model `name` for inputs in R^d (width k for two-layer models)."""
    if name == "linear":
        return Linear(d)
    if name == "diagonal":
        return Diagonal(d)
    two_layer = {"linear-network": ("identity", 2), "relu": ("relu", 2), "leaky-relu": ("leaky-relu", 2),
                 "quadratic": ("quadratic", 3), "tanh": ("tanh", None), "single-unit": ("identity", 2)}
    if name not in two_layer:
        raise KeyError(name)
    activation, degree = two_layer[name]
    return TwoLayer(d, 1 if name == "single-unit" else width, activation, name, degree)


def initial_parameters(model: Model, seed: int = 0) -> list[Fraction]:
    """A seeded rational initialization u_0; single-unit: w = 0, v = 1.

    Entries are +-k/p with k in 1..9 and p in {7, 11, 13}: distinct prime denominators
    make an exact kink (w_j^T a_i = 0) or tie unlikely on data with small denominators.
    """
    if model.name == "single-unit":
        return [Fraction(0)] * (model.m - 1) + [Fraction(1)]
    rng = random.Random(seed)
    return [Fraction(rng.randint(1, 9) * rng.choice([1, -1]), rng.choice([7, 11, 13])) for _ in range(model.m)]
