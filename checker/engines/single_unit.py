"""The single hidden unit g(a; w, v) = v w^T a in full dimension, fast on sparse data.

The catalog's generic engines evaluate a SymPy-compiled gradient of length
d + 1 for every sample, which is quadratic in d per step; here
grad g = (v a, w^T a) is used directly and only the nonzero features are
touched, so A_d with d = 1024 runs in seconds. Semantics are the generic
engines' (`generalized_perceptron`, GD from theta_0), which the tests check on
small data. GP is exact; GD runs in mpmath interval arithmetic and decides its
stopping test from the intervals (raising the precision when it cannot).
"""

from __future__ import annotations

from fractions import Fraction

import mpmath

from checker.data.dataset import Dataset
from checker.engines.generalized_perceptron import GPRun, GPStep


def _sparse(ds: Dataset):
    return [[(j, v) for j, v in enumerate(row) if v != 0] for row in ds.X]


def generalized_perceptron(ds: Dataset, theta0, gamma, max_iter: int = 1000) -> GPRun:
    """Exact GP for v w^T a from theta0 = (w, v); returns the generic engine's GPRun."""
    rows = _sparse(ds)
    d, n = ds.d, ds.n
    w = [Fraction(x) for x in theta0[:d]]
    v = Fraction(theta0[d])
    r = Fraction(gamma) / n
    steps = []
    for t in range(max_iter + 1):
        s = [sum((w[j] * a for j, a in row), Fraction(0)) for row in rows]  # w^T a_i
        margins = [yi * v * si for yi, si in zip(ds.y, s)]
        mistakes = tuple(i for i, z in enumerate(margins) if z < 0)
        ties = tuple(i for i, z in enumerate(margins) if z == 0)
        steps.append(GPStep(t, w + [v], margins, mistakes, ties, ()))
        if not mistakes and not ties:
            return GPRun(t, True, steps)
        if t == max_iter:
            return GPRun(None, False, steps)
        gw: dict[int, Fraction] = {}
        gv = Fraction(0)
        for i in mistakes + ties:
            wt = ds.y[i] if i in mistakes else Fraction(ds.y[i], 2)
            for j, a in rows[i]:
                gw[j] = gw.get(j, 0) + wt * a
            gv += wt * s[i]
        for j, g in gw.items():
            w[j] += r * v * g
        v += r * gv
    raise AssertionError("unreachable")


def gd(ds: Dataset, theta0, gamma, max_iter: int = 1000, dps: int = 30, max_dps: int = 240) -> dict:
    """GD on the logistic loss from theta0, certified by intervals; a JSON-ready summary."""
    while True:
        out = _gd_iv(ds, theta0, gamma, max_iter, dps)
        if out["iterations"] is not None or not out.get("undecided") or dps >= max_dps:
            return out
        dps *= 2


def _gd_iv(ds, theta0, gamma, max_iter, dps):
    iv = mpmath.iv
    rows = _sparse(ds)
    d, n = ds.d, ds.n

    def num(q):
        q = Fraction(q)
        return iv.mpf(q.numerator) / q.denominator

    with mpmath.workdps(dps):
        iv.dps = dps
        X = [[(j, num(a)) for j, a in row] for row in rows]
        w = [num(x) for x in theta0[:d]]
        v = num(theta0[d])
        r = num(Fraction(gamma) / n)
        summary = {"algorithm": "gd", "arithmetic": "mpmath interval", "dps": dps, "undecided": False}
        for t in range(max_iter + 1):
            s = [iv.fsum(w[j] * a for j, a in row) if row else iv.mpf(0) for row in X]
            margins = [(v * si if yi > 0 else -(v * si)) for yi, si in zip(ds.y, s)]
            if t >= 1:
                if all(z.a > 0 for z in margins):
                    return dict(summary, iterations=t, separated=True)
                if not any(z.b <= 0 for z in margins):
                    return dict(summary, iterations=None, separated=False, undecided=True,
                                note=f"stopping test undecided at t = {t}")
            if t == max_iter:
                return dict(summary, iterations=None, separated=False)
            gw: dict[int, object] = {}
            gv = iv.mpf(0)
            for i, z in enumerate(margins):
                wt = 1 / (1 + iv.exp(z))  # sigma(-z)
                if ds.y[i] < 0:
                    wt = -wt
                for j, a in X[i]:
                    gw[j] = gw.get(j, 0) + wt * a
                gv += wt * s[i]
            for j, g in gw.items():
                w[j] = w[j] + r * v * g
            v = v + r * gv
    raise AssertionError("unreachable")
