"""The logistic sigmoid and softplus in mpmath, stable at any argument size.

mpmath's exponent range is unbounded, so sigma(-gamma*m) at gamma = 10^300 is an
ordinary (tiny) mpf rather than an underflow; these helpers keep the forms in
which no cancellation happens: sigma(-|x|) is computed as e^{-|x|}/(1+e^{-|x|}).
"""

from __future__ import annotations

import mpmath
from mpmath import mpf


def sigma(x) -> mpf:
    """1/(1+e^{-x})."""
    x = mpf(x)
    if x >= 0:
        return 1 / (1 + mpmath.exp(-x))
    e = mpmath.exp(x)
    return e / (1 + e)


def sigma_tail(x) -> mpf:
    """sigma(-|x|) = |sigma(-x) - 1[x<0]|, the distance of the sigmoid from its step limit."""
    e = mpmath.exp(-abs(mpf(x)))
    return e / (1 + e)


def softplus(x) -> mpf:
    """log(1 + e^x) without overflow or cancellation."""
    x = mpf(x)
    if x > 0:
        return x + mpmath.log1p(mpmath.exp(-x))
    return mpmath.log1p(mpmath.exp(x))


def sigma_prime_max(abs_z, radius, gamma) -> mpf:
    """max of d/dz sigma(-gamma z) over |z'| >= abs_z - radius: gamma*sigma(g)(1-sigma(g))."""
    lo = abs_z - radius
    if lo <= 0:
        return mpf(gamma) / 4
    e = mpmath.exp(-mpf(gamma) * lo)
    return mpf(gamma) * e / (1 + e) ** 2
