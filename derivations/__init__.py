"""SymPy derivations of the claims in CLAIMS.md.

Each module builds one claim's derivation as a `Derivation` (see `steps`): every
step is checked by SymPy when it is added, and the LaTeX comes from the same
SymPy objects that were checked. `ALL` maps claim IDs to their builders.
"""

from __future__ import annotations

from . import (
    accel,
    bp_lower,
    gradient,
    linear_reduction,
    loss_oscillation,
    loss_unreliable,
    normalized_gd,
    novikoff,
    sigmoid_limits,
)

ALL = {
    "SIG-LIMIT": sigmoid_limits.build,
    "GRAD": gradient.build,
    "LIN-REDUCTION": linear_reduction.build,
    "LIN-REDUCTION-RATE": linear_reduction.build_rate,
    "LOSS-OSC": loss_oscillation.build,
    "LOSS-UNRELIABLE": loss_unreliable.build,
    "BP-BOUND": novikoff.build_batch,
    "PERCEPTRON-BOUND": novikoff.build_classical,
    "NBP-BOUND": novikoff.build_normalized,
    "NLRGD-BOUND": normalized_gd.build,
    "BP-LOWER": bp_lower.build,
    "ACCEL": accel.build,
}
