"""BP-LOWER [P1, Thm 5.1]: the Batch Perceptron needs Theta(n) iterations on one rare positive.

Data: ((1/2, -1), +1) once and ((-1/2, -1), -1) n-1 times. While only the +1
sample is misclassified, p_k = (1/4 (1 + 2(k-1)/n), (n-2k)/(2n)), whose margins are
m_+(k) = (10k - 3n - 2)/(8n) and m_-(k) = (5n - 6k - 2)/(8n) (derivations/bp_lower.py).
Writing 3n + 2 = 10q + r with 0 <= r <= 9: BP separates after exactly q + 1
iterations, and the trajectory is degenerate (m_+(q) = 0) exactly when r = 0,
i.e. n = 6 (mod 10).
"""

from __future__ import annotations

from fractions import Fraction


def iterations(n: int) -> int:
    """The exact BP iteration count on BP-LOWER with n samples (n >= 2)."""
    return (3 * n + 2) // 10 + 1


def degenerate(n: int) -> bool:
    """A margin along the BP trajectory is exactly 0 (at k = q): 10 divides 3n + 2."""
    return (3 * n + 2) % 10 == 0


def iterate(n: int, k: int) -> tuple[Fraction, Fraction]:
    """The closed form p_k, valid while only the +1 sample is misclassified (k <= iterations(n))."""
    return Fraction(1, 4) * (1 + Fraction(2 * (k - 1), n)), Fraction(n - 2 * k, 2 * n)


def margin_squared() -> Fraction:
    """mu^2 = 1/4 for every n: the hull of (1/2, -1) and (1/2, 1) is the segment x = 1/2, nearest point (1/2, 0)."""
    return Fraction(1, 4)
