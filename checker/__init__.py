"""gdpc: prove and test claims about gradient descent and perceptron algorithms.

The public API (`checker.api`, listed in `__all__`):

    import checker
    ds = checker.load("data.csv")                   # exact Fractions; checker.dataset(X, y) for in-memory data
    checker.batch_perceptron(ds).iterations         # exact
    checker.gd_linear(ds, "1e300").iterations       # certified (Arb balls)
    checker.certified_margin(ds)                    # enclosure of mu with exact certificates
    checker.check_latex(r"\\begin{align} ... \\end{align}")   # gdpc check, per-step verdicts
    checker.verify("LIN-REDUCTION")                 # gdpc verify, ClaimResult objects
    checker.claim(...), checker.Model               # your own claims and models

The package is layered (ARCHITECTURE.md): errors, arith (number systems), data,
models, engines, analysis, claims, report, api, commands, cli.
"""

import importlib
import sys

__version__ = "0.1.0"

__all__ = ["verify", "load", "dataset", "batch_perceptron", "gd_linear", "certified_margin", "check_latex",
           "check_file", "claim", "Model", "Dataset", "Claim", "ClaimResult", "Run", "PerceptronRun",
           "MarginCertificate", "FileCheck", "InputError", "__version__"]

# exact arithmetic reads and prints integers of any length: Python's 4300-digit guard on int <-> str would call a
# 5000-digit datum "not a number" and stop a report that prints an exact iterate
sys.set_int_max_str_digits(0)


def __getattr__(name: str) -> object:
    # PEP 562: the API loads on first use, so that `import checker.errors` (every module does, and so does each
    # worker process) does not pull in SymPy and every engine, and the package root stays below every layer
    if name in __all__:
        return getattr(importlib.import_module("checker.api"), name)
    raise AttributeError(f"module 'checker' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
