"""BP-LOWER: the closed form of the Batch Perceptron on P1's lower-bound data, by induction."""

from __future__ import annotations

import sympy as sp

from .steps import Derivation


def build() -> Derivation:
    n = sp.Symbol("n", integer=True, positive=True)
    k = sp.Symbol("k", integer=True, positive=True)
    s = sp.Symbol("s", integer=True, nonnegative=True)
    D = Derivation(
        "BP-LOWER",
        r"Batch Perceptron on one rare positive: $\Theta(n)$ iterations",
        r"$y_1a_1 = (\tfrac12,-1)$, $y_ia_i = (\tfrac12, 1)$ for $i\ge2$; $p_k = (x_k, y_k)$; "
        r"$3n+2 = 10q + r$ with $0\le r\le 9$, written $r = 9 - s$.",
    )
    x = lambda j: sp.Rational(1, 4) * (1 + 2 * (j - 1) / n)  # noqa: E731
    y = lambda j: (n - 2 * j) / (2 * n)  # noqa: E731
    D.equal(sp.Matrix([(sp.Rational(1, 2) + (n - 1) * sp.Rational(1, 2)) / (2 * n), (-1 + (n - 1)) / (2 * n)]),
            sp.Matrix([x(1), y(1)]), "base: p_1 = (1/2n) sum_i y_i a_i is the closed form at k = 1",
            name=r"p_1 = \frac{1}{2n}\sum_i y_i a_i")
    D.equal(sp.Matrix([x(k) + sp.Rational(1, 2) / n, y(k) - 1 / n]), sp.Matrix([x(k + 1), y(k + 1)]),
            "step: only the +1 sample is wrong, p_{k+1} = p_k + (1/n)(1/2, -1) is the closed form at k + 1")
    m_plus = sp.Rational(1, 2) * x(k) - y(k)
    m_minus = sp.Rational(1, 2) * x(k) + y(k)
    D.equal(m_plus, (10 * k - 3 * n - 2) / (8 * n), "margin of the +1 sample")
    D.equal(m_minus, (5 * n - 6 * k - 2) / (8 * n), "margin of every -1 sample")
    r = sp.Symbol("r", integer=True, nonnegative=True)  # 0 <= r <= 9; where r <= 9 is needed, r = 9 - s
    q_of_n = (3 * n + 2 - r) / 10
    D.leq(0, ((10 * (q_of_n + 1) - 3 * n - 2) / (8 * n)).subs(r, 9 - s),
          "m_+(q+1) = (10 - r)/(8n) > 0: separated at k = q + 1", strict=True)
    D.equal((10 * q_of_n - 3 * n - 2) / (8 * n), -r / (8 * n),
            "m_+(q) = -r/(8n) <= 0: still a mistake at k = q; exactly 0 iff r = 0 (degenerate)",
            name=r"m_+(q) = \frac{10q - 3n - 2}{8n}\Big|_{q = (3n + 2 - r)/10}")
    D.decreasing((5 * n - 6 * k - 2) / (8 * n), k, "m_- decreases in k, so its minimum up to q+1 is at q+1")
    t = sp.Symbol("t", integer=True, nonnegative=True)  # n = 3 + t
    D.leq(0, ((5 * n - 6 * (q_of_n + 1) - 2) / (8 * n)).subs(n, 3 + t),
          "m_-(q+1) = (16n - 46 + 3r)/(40n) > 0 for n >= 3 (n = 2 is checked by simulation)", strict=True)
    D.limit(((3 * n + 2) / 10 + 1) / n, n, sp.oo, sp.Rational(3, 10), "count/n -> 3/10 (upper bound q+1 <= (3n+2)/10 + 1)")
    D.limit(((3 * n + 2) / 10 - sp.Rational(9, 10)) / n, n, sp.oo, sp.Rational(3, 10),
            "and from below (q+1 >= (3n+2)/10 - 9/10 + 1 > (3n+2)/10 - 9/10): Theta(n), about 0.3 n")
    return D
