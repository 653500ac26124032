"""The Generalized Perceptron written the obvious way, on SymPy-compiled gradients (slow on purpose).

The engines use the numeric model families (checker/models/numeric.py, no SymPy);
this transcription of the CLAIMS.md step over `checker.models.symbolic` (SymPy's
diff, lambdified to Fractions) cross-checks them step by step.
"""

from __future__ import annotations

from fractions import Fraction


def run(model, ds, theta0, gamma, max_iter: int):
    """[(theta_t, mistakes, ties)] for t = 0.. until separated or max_iter."""
    theta = [Fraction(v) for v in theta0]
    out = []
    for _ in range(max_iter + 1):
        vals = [model.value_and_gradient(list(a), theta) for a in ds.X]
        margins = [yi * v for (v, _), yi in zip(vals, ds.y)]
        mistakes = tuple(i for i, z in enumerate(margins) if z < 0)
        ties = tuple(i for i, z in enumerate(margins) if z == 0)
        out.append((list(theta), mistakes, ties))
        if not mistakes and not ties:
            break
        update = [Fraction(0)] * model.m
        for i in mistakes + ties:
            w = 1 if i in mistakes else Fraction(1, 2)
            for p, gp in enumerate(vals[i][1]):
                update[p] += w * ds.y[i] * gp
        theta = [th + Fraction(gamma) * u / ds.n for th, u in zip(theta, update)]
    return out
