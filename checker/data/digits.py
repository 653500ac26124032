"""Real data: scikit-learn's handwritten digits (8x8 images, shipped inside the package, read from disk).

Pixels are integers 0..16, so dividing by 16 scales features to [0, 1] exactly
as rationals. A pair (a, b) labels digit a as +1 and b as -1. The file is read where
scikit-learn installed it, without importing scikit-learn (which would load SciPy):
`gdpc dataset digits` starts as fast as the other families. Nothing is downloaded.
"""

from __future__ import annotations

import gzip
import importlib.util
import os
from fractions import Fraction
from functools import lru_cache

from checker.data.dataset import Dataset, from_rows
from checker.errors import InputError

# the file sklearn.datasets.load_digits reads: 1797 rows of 64 pixels (0..16) and the digit, comma-separated
DATA = os.path.join("datasets", "data", "digits.csv.gz")


@lru_cache(maxsize=1)
def _raw():
    spec = importlib.util.find_spec("sklearn")  # finds the installed package without importing it
    path = os.path.join(spec.submodule_search_locations[0], DATA) if spec and spec.submodule_search_locations else ""
    if not os.path.isfile(path):
        raise InputError("the digits data need scikit-learn (pip install 'gd-perceptron-checker[figures]')")
    with gzip.open(path, "rt", encoding="ascii") as f:
        rows = [[int(float(v)) for v in line.split(",")] for line in f if line.strip()]
    return [tuple(r[:-1]) for r in rows], [r[-1] for r in rows]


def pair(a: int, b: int) -> Dataset:
    X, y = _raw()
    rows = [[Fraction(v, 16) for v in x] for x, t in zip(X, y) if t in (a, b)]
    labels = [1 if t == a else -1 for t in y if t in (a, b)]
    return from_rows(rows, labels, f"digits-{a}-vs-{b}")
