"""Built-in claims, one module per claim ID of CLAIMS.md; importing registers them (in CLAIMS.md order)."""

from . import sig_limit  # noqa: F401  isort: skip
from . import gradient  # noqa: F401  isort: skip
from . import lin_reduction  # noqa: F401  isort: skip
from . import lin_reduction_rate  # noqa: F401  isort: skip
from . import loss_osc  # noqa: F401  isort: skip
