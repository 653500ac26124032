"""gdpc: prove and test claims about gradient descent and perceptron algorithms.

The package is layered (ARCHITECTURE.md): errors, arith (number systems), data,
models, engines, analysis, claims, report, cli.
"""

import sys

__version__ = "0.1.0"

# exact arithmetic reads and prints integers of any length: Python's 4300-digit guard on int <-> str would call a
# 5000-digit datum "not a number" and stop a report that prints an exact iterate
sys.set_int_max_str_digits(0)
