"""The model catalog as SymPy expressions: what the GRAD and GP-REDUCTION derivations prove things about.

The engines run the same models as numeric families (`checker.models.numeric`,
no SymPy at run time); the tests check that the two agree exactly at rational
points (value and SymPy's `diff`), and GP-REDUCTION checks that each family's
declared degree is the one proved here by Euler's identity.

ReLU-type activations are written as `Piecewise((x, x > 0), (alpha x, True))`,
so relu'(0) = 0 (leaky: alpha): the convention of the CLAIMS.md GP step. For the
symbolic checks, the same model is also available "gated": each activation
x -> x (c_j + alpha (1 - c_j)) with a gate symbol c_j in {0, 1} standing for
1[w_j^T a > 0], which turns every piecewise identity into finitely many
polynomial ones (proof by cases).

A user model: `Model.from_expression("my-model", expr, inputs, params)`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from functools import lru_cache

import sympy as sp
from sympy.printing.pycode import PythonCodePrinter

LEAKY_SLOPE = sp.Rational(1, 10)


class ExactPrinter(PythonCodePrinter):
    """Python code in which every rational constant is a Fraction (so exact inputs stay exact)."""

    def _print_Rational(self, e):
        return f"Fraction({e.p}, {e.q})"

    def _print_Half(self, e):
        return "Fraction(1, 2)"

    def _print_Integer(self, e):
        return str(e.p)


@dataclass
class Model:
    name: str
    inputs: tuple  # symbols a_1..a_d
    params: tuple  # symbols, theta flattened
    expr: sp.Expr  # g(a; theta)
    gated: sp.Expr | None = None  # the same with gate symbols (ReLU-type models), else None
    gates: tuple = ()
    gate_args: tuple = ()  # the pre-activation of each gate (w_j^T a)
    description: str = ""
    width: int | None = None
    _compiled: dict = field(default_factory=dict, repr=False)

    @classmethod
    def from_expression(cls, name: str, expr, inputs, params, description: str = "") -> "Model":
        """A user model from any differentiable SymPy expression in the given inputs and parameters."""
        return cls(name, tuple(inputs), tuple(params), sp.sympify(expr), description=description)

    @property
    def d(self) -> int:
        return len(self.inputs)

    @property
    def m(self) -> int:
        return len(self.params)

    @property
    def gradient(self) -> list:
        return [sp.diff(self.expr, p) for p in self.params]

    def value_and_gradient(self, a, theta):
        """(g(a; theta), grad_theta g(a; theta)) exactly, from SymPy's expression and diff (tests, user checks).

        The engines do not use this: they run the numeric families of `checker.models.numeric`.
        """
        if "exact" not in self._compiled:
            args = list(self.inputs) + list(self.params)
            self._compiled["exact"] = sp.lambdify(args, [self.expr] + self.gradient,
                                                  modules=[{"Fraction": Fraction}], printer=ExactPrinter)
        out = self._compiled["exact"](*a, *theta)
        return out[0], out[1:]


def _inputs(d: int):
    return sp.symbols(f"a_1:{d + 1}", real=True)


def _matrix(name: str, k: int, d: int):
    return [[sp.Symbol(f"{name}_{j + 1}{i + 1}", real=True) for i in range(d)] for j in range(k)]


def _vector(name: str, k: int):
    return [sp.Symbol(f"{name}_{j + 1}", real=True) for j in range(k)]


def _two_layer(name, d, k, activation, gate_slope=None, description=""):
    a = _inputs(d)
    W, v = _matrix("w", k, d), _vector("v", k)
    pre = [sum(W[j][i] * a[i] for i in range(d)) for j in range(k)]
    expr = sum(v[j] * activation(pre[j]) for j in range(k))
    params = tuple(p for row in W for p in row) + tuple(v)
    gated, gates = None, ()
    if gate_slope is not None:
        gates = tuple(sp.Symbol(f"c_{j + 1}", nonnegative=True) for j in range(k))
        gated = sum(v[j] * pre[j] * (gates[j] + gate_slope * (1 - gates[j])) for j in range(k))
    return Model(name, a, params, expr, gated, gates, tuple(pre) if gates else (), description, k)


def _relu(x):
    return sp.Piecewise((x, x > 0), (0, True))


def _leaky(x):
    return sp.Piecewise((x, x > 0), (LEAKY_SLOPE * x, True))


@lru_cache(maxsize=None)
def build(name: str, d: int, width: int = 2) -> Model:
    """The catalog model `name` for inputs in R^d (width k for two-layer models)."""
    k = width
    if name == "linear":
        a, w = _inputs(d), _vector("w", d)
        return Model(name, a, tuple(w), sum(wi * ai for wi, ai in zip(w, a)), description="w^T a")
    if name == "linear-network":
        return _two_layer(name, d, k, lambda x: x, description="v^T W a")
    if name == "single-unit":
        return _two_layer(name, d, 1, lambda x: x, description="v w^T a (one hidden unit, linear)")
    if name == "diagonal":
        a, u, v = _inputs(d), _vector("u", d), _vector("v", d)
        return Model(name, a, tuple(u) + tuple(v), sum(u[j] * v[j] * a[j] for j in range(d)),
                     description="sum_j u_j v_j a_j", width=d)
    if name == "relu":
        return _two_layer(name, d, k, _relu, gate_slope=sp.Integer(0), description="sum_j v_j relu(w_j^T a)")
    if name == "leaky-relu":
        return _two_layer(name, d, k, _leaky, gate_slope=LEAKY_SLOPE,
                          description="sum_j v_j leaky_relu(w_j^T a), slope 1/10")
    if name == "quadratic":
        return _two_layer(name, d, k, lambda x: x**2, description="sum_j v_j (w_j^T a)^2")
    if name == "tanh":
        return _two_layer(name, d, k, sp.tanh, description="sum_j v_j tanh(w_j^T a) (not homogeneous)")
    raise KeyError(name)


CATALOG = ("linear", "linear-network", "diagonal", "relu", "leaky-relu", "quadratic", "tanh", "single-unit")
