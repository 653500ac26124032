"""The built-in claims, in catalogue order: an explicit list, loaded on request.

Each module registers one claim (or one per model) when imported; `load()`
imports them all. `false_statements` registers deliberately false variants that
must be refuted.
"""

from __future__ import annotations

import importlib

MODULES = ("sig_limit", "gradient", "lin_reduction", "lin_reduction_rate", "loss_osc", "loss_unreliable",
           "iteration_bounds", "bp_lower", "nonlinear", "accel", "false_statements")

# the slowest claims (measured by `gdpc verify`), submitted first when claims run in parallel
HEAVY_FIRST = ("ACCEL", "BP-LOWER", "FALSE-BP-WITHIN-R2-MU2", "LOSS-UNRELIABLE", "NLRGD-BOUND",
               "GP-REDUCTION:leaky-relu", "GP-REDUCTION:relu")


def load() -> None:
    for name in MODULES:
        importlib.import_module(f"checker.claims.{name}")
