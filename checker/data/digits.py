"""Real data: scikit-learn's handwritten digits (8x8 images, shipped inside the package, read from disk).

Pixels are integers 0..16, so dividing by 16 scales features to [0, 1] exactly
as rationals. A pair (a, b) labels digit a as +1 and b as -1.
"""

from __future__ import annotations

from fractions import Fraction
from functools import lru_cache

from checker.data.dataset import Dataset, from_rows
from checker.errors import InputError


@lru_cache(maxsize=1)
def _raw():
    try:
        from sklearn.datasets import load_digits
    except ImportError:
        raise InputError("the digits data need scikit-learn (pip install 'gd-perceptron-checker[figures]')") from None
    d = load_digits()  # reads sklearn/datasets/data/digits.csv.gz; nothing is downloaded
    return [tuple(int(v) for v in row) for row in d.data], [int(t) for t in d.target]


def pair(a: int, b: int) -> Dataset:
    X, y = _raw()
    rows = [[Fraction(v, 16) for v in x] for x, t in zip(X, y) if t in (a, b)]
    labels = [1 if t == a else -1 for t in y if t in (a, b)]
    return from_rows(rows, labels, f"digits-{a}-vs-{b}")
