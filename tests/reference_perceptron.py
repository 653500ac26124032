"""Reference perceptrons written the obvious way: per-coordinate `Fraction` loops.

Slow on purpose: these follow CLAIMS.md's definitions line by line, so the fast
integer-carrier engine in `perceptron` is cross-checked against them (tests) and
measured against them (benchmarks).
"""

from __future__ import annotations

from fractions import Fraction

from checker.data.dataset import Dataset


def run(ds: Dataset, algorithm: str, max_iter: int = 10_000):
    """(iterations or None, degenerate, final p) by direct transcription of the definitions."""
    Z = ds.signed_rows()
    n, d = ds.n, ds.d

    def margins(p):
        return [sum((z[j] * p[j] for j in range(d)), Fraction(0)) for z in Z]

    def add(p, rows, weight):
        q = list(p)
        for i in rows:
            for j in range(d):
                q[j] += weight * Z[i][j]
        return q

    zero = [Fraction(0)] * d
    if algorithm == "batch-perceptron":
        p = add(zero, range(n), Fraction(1, 2 * n))
    elif algorithm == "normalized-batch-perceptron":
        p = add(zero, range(n), Fraction(1, n))
    else:
        p = add(zero, [0], Fraction(1))
    degenerate = False
    for t in range(1, max_iter + 1):
        m = margins(p)
        wrong = [i for i in range(n) if m[i] <= 0]
        degenerate |= any(v == 0 for v in m)
        if not wrong:
            return t, degenerate, p
        if t == max_iter:
            break
        if algorithm == "batch-perceptron":
            p = add(p, wrong, Fraction(1, n))
        elif algorithm == "normalized-batch-perceptron":
            p = add(p, wrong, Fraction(1, len(wrong)))
        else:
            p = add(p, wrong[:1], Fraction(1))
    return None, degenerate, p
