"""Per-model derivations: GRAD, homogeneity (Euler's identity) and the GP reduction.

Piecewise (ReLU-type) models are proved by cases: the gated form replaces each
activation by x (c_j + alpha (1 - c_j)) with c_j in {0, 1} = 1[w_j^T a > 0], and
every identity is proved for each of the 2^k gate patterns. Because relu'(0) = 0,
the kink w_j^T a = 0 follows the c_j = 0 branch, so the cases cover every point.
"""

from __future__ import annotations

from itertools import product

import sympy as sp

from derivcheck.functions import Sigmoid

from .steps import Derivation


def cases(model):
    """(label, g restricted to one gate pattern) for every pattern; one case for smooth models."""
    if model.gated is None:
        return [("", model.expr)]
    out = []
    for bits in product((0, 1), repeat=len(model.gates)):
        label = ", ".join(f"{c}={b}" for c, b in zip(model.gates, bits))
        out.append((label, model.gated.subs(dict(zip(model.gates, bits)))))
    return out


def build_grad(model) -> Derivation:
    y = sp.Symbol("y", real=True)
    D = Derivation(f"GRAD:{model.name}", f"Gradient of the logistic loss for the {model.name} model",
                   f"$g = {sp.latex(model.expr)}$ (d = {model.d}" + (f", width {model.width}" if model.width else "") + ")")
    for label, g in cases(model):
        loss = sp.log(1 + sp.exp(-y * g))
        lhs = sp.Matrix([sp.diff(loss, p) for p in model.params])
        rhs = sp.Matrix([-Sigmoid(-y * g) * y * sp.diff(g, p) for p in model.params])
        D.equal(lhs, rhs, "grad of one sample's loss = -sigma(-y g) y grad g" + (f" (case {label})" if label else ""),
                name=r"\nabla_\theta \log\left(1 + e^{-y g}\right)")
    return D


PRIMES = (2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71, 73, 79, 83, 89, 97)


def _points(model):
    """Two generic rational points (a, theta), distinct primes in every entry, with g != 0 at both."""
    syms = list(model.inputs) + list(model.params)
    found = []
    for shift in range(0, 40):
        pt = {v: sp.Rational((-1) ** (k + shift) * PRIMES[(k + shift) % len(PRIMES)], PRIMES[(2 * k + shift + 1) % len(PRIMES)] + 1)
              for k, v in enumerate(syms)}
        if model.expr.subs(pt) != 0:
            found.append(pt)
        if len(found) == 2:
            return found
    raise ValueError("g vanishes at every trial point")


def homogeneity(model) -> tuple[int | None, Derivation]:
    """(L, derivation) with Euler's identity theta . grad g = L g proved in every case; L None if not homogeneous.

    The candidate L is theta . grad g / g evaluated at two rational points (cheap);
    it is then proved symbolically in every case, or, if the values differ or are
    not a positive integer, non-homogeneity is shown by certified nonzero values.
    """
    D = Derivation(f"HOMOGENEITY:{model.name}", f"Homogeneity degree of the {model.name} model",
                   "Euler: g is L-homogeneous in theta iff theta . grad g = L g.")
    g = model.expr
    euler = sum(p * sp.diff(g, p) for p in model.params)
    p1, p2 = _points(model)
    r1, r2 = (sp.nsimplify(sp.N((euler / g).subs(p), 30), rational=True) for p in (p1, p2))
    if r1 == r2 and r1.is_Integer and r1 > 0:
        L = int(r1)
        for label, gc in cases(model):
            D.equal(sum(p * sp.diff(gc, p) for p in model.params), L * gc,
                    f"theta . grad g = {L} g" + (f" (case {label})" if label else ""), name=r"\theta \cdot \nabla_\theta g")
        if D.proved:
            return L, D
        return None, D
    for L in (1, 2, 3):
        scaled = g.subs({p: 2 * p for p in model.params}, simultaneous=True)
        D.nonzero((scaled - 2**L * g).subs(p1), f"g(a; 2 theta) - 2^{L} g(a; theta) != 0 at a rational point: not {L}-homogeneous")
    D.nonzero((euler / g).subs(p1) - (euler / g).subs(p2),
              "theta . grad g / g differs at two points: no degree L satisfies Euler's identity")
    return None, D


def build_gp_reduction(model) -> Derivation:
    """GD = GP + E with the bound on E; for L-homogeneous g, the rescaling under which GD -> GP."""
    gamma, n = sp.Symbol(r"\gamma", positive=True), sp.Symbol("n", integer=True, positive=True)
    i = sp.Symbol("i", integer=True, positive=True)
    Y, Z, G, Wt = sp.IndexedBase("y"), sp.IndexedBase("z"), sp.IndexedBase(r"\nabla g"), sp.IndexedBase("w")
    L, D_h = homogeneity(model)
    D = Derivation(f"GP-REDUCTION:{model.name}", f"GD as a generalized perceptron: the {model.name} model",
                   r"$w_i = 1[z_i<0] + \tfrac12 1[z_i=0]$ (GP weights), $z_i = y_i g(a_i;\theta_t)$; "
                   + (f"$g$ is {L}-homogeneous." if L else "$g$ is not homogeneous."))
    gd = gamma / n * sp.Sum(Sigmoid(-Z[i]) * Y[i] * G[i], (i, 1, n))
    gp = gamma / n * sp.Sum(Wt[i] * Y[i] * G[i], (i, 1, n))
    D.equal(gd - gp, gamma / n * sp.Sum((Sigmoid(-Z[i]) - Wt[i]) * Y[i] * G[i], (i, 1, n)),
            "one GD step = one GP step + E_t, E_t = (gamma/n) sum_i (sigma(-z_i) - w_i) y_i grad g_i (any g)")
    D.equal(Sigmoid(0) - sp.Rational(1, 2), 0, "a tie z_i = 0 contributes nothing to E_t: sigma(0) = 1/2 = w_i",
            name=r"\sigma(0) - w_i = \frac{1}{1 + e^{0}} - \frac12")
    x = sp.Symbol("x", nonnegative=True)
    D.leq(Sigmoid(-x), sp.exp(-x), "|sigma(-z) - 1[z<0]| = sigma(-|z|) <= e^{-|z|} (SIG-LIMIT)",
          certificate=sp.exp(-2 * x) / (1 + sp.exp(-x)))
    D.cite(sp.Symbol(r"\|E_t\|"), "<=", gamma / n * sp.Sum(sp.exp(-sp.Abs(Z[i])) * sp.Symbol(r"\|\nabla g_i\|"), (i, 1, n)),
           "triangle inequality over the samples with z_i != 0")
    if L is None:
        return D
    s = sp.Symbol("s", positive=True)
    yv = sp.Symbol("y", real=True)
    for label, g in cases(model):
        scaled = {p: s * p for p in model.params}
        D.equal(g.subs(scaled, simultaneous=True), s**L * g, f"g(a; s theta) = s^{L} g(a; theta)" + (f" ({label})" if label else ""),
                name=r"g(a; s\theta)")
        grad = sp.Matrix([sp.diff(g, p) for p in model.params])
        D.equal(grad.subs(scaled, simultaneous=True), s ** (L - 1) * grad,
                f"grad g(a; s u) = s^{L - 1} grad g(a; u)" + (f" ({label})" if label else ""), name=r"\nabla g(a; s u)")
        u = sp.Matrix(model.params)
        gd_theta = (s * u + gamma * Sigmoid(-yv * s**L * g) * yv * s ** (L - 1) * grad) / s
        D.equal(gd_theta, u + gamma * s ** (L - 2) * Sigmoid(-s**L * yv * g) * yv * grad,
                f"theta = s u: u follows GD with step gamma s^{L - 2} and margins scaled by s^{L}"
                + (f" ({label})" if label else ""), name=r"\theta_{t+1}/s \text{ at } \theta_t = s u")
    m = sp.Symbol("m", positive=True)
    D.limit(Sigmoid(-s**L * m), s, sp.oo, 0, f"a margin m > 0 of u gets weight sigma(-s^{L} m) -> 0 as s -> oo")
    D.limit(Sigmoid(s**L * m), s, sp.oo, 1, "a margin -m gets weight -> 1: the weights become GP's")
    return D
