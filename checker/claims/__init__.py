"""Built-in claims, one module per claim ID of CLAIMS.md; importing registers them."""

from . import gradient, lin_reduction, lin_reduction_rate, loss_osc, sig_limit  # noqa: F401
