"""Built-in claims, one module per claim of CLAIMS.md; importing registers them (in CLAIMS.md order).

`false_statements` registers deliberately false variants that must be refuted.
"""

from . import sig_limit  # noqa: F401  isort: skip
from . import gradient  # noqa: F401  isort: skip
from . import lin_reduction  # noqa: F401  isort: skip
from . import lin_reduction_rate  # noqa: F401  isort: skip
from . import loss_osc  # noqa: F401  isort: skip
from . import loss_unreliable  # noqa: F401  isort: skip
from . import iteration_bounds  # noqa: F401  isort: skip
from . import bp_lower  # noqa: F401  isort: skip
from . import nonlinear  # noqa: F401  isort: skip
from . import accel  # noqa: F401  isort: skip
from . import false_statements  # noqa: F401  isort: skip
