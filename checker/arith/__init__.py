"""The arithmetic layer: one context per number system, engines written once against `ctx`.

Like mpmath's `ctx_mp`/`ctx_fp`/`ctx_iv` over one base, every engine under
`checker.engines` is written against the `Context` interface and runs in any of:

* `exact`   -- Python Fractions; signs are exact; no transcendental functions;
* `arb`     -- Arb balls (python-flint): rigorous enclosures of every value,
               including exp, log and the sigmoid (the default certified engine);
* `mpmath`  -- mpmath interval arithmetic (`mpmath.iv`): a second, independent
               certified engine, slower, used to cross-check Arb;
* `float64` -- numpy float64, *not certified*: for plots and benchmarks only.

A sign is decided when the enclosure excludes 0 (or the value is exactly 0);
otherwise it is undecided and `escalate` re-runs at higher precision, up to a cap.
"""

from checker.arith import arb, exact, float64, mpmath_iv  # noqa: F401  (each registers its context)
from checker.arith.context import (
    ARITHMETICS,
    CERTIFIED,
    MAX_DPS,
    Context,
    Undecided,
    bits_for_dps,
    default,
    dps_for_gamma,
    escalate,
    make_context,
    set_default,
    using,
)

__all__ = ["ARITHMETICS", "CERTIFIED", "MAX_DPS", "Context", "Undecided", "bits_for_dps", "default", "dps_for_gamma",
           "escalate", "make_context", "set_default", "using"]
