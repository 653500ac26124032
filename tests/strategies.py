"""Test strategies: the project's constructive strategies plus a few test-only ones."""

from fractions import Fraction

from hypothesis import strategies as st

from checker.data.dataset import from_rows
from checker.data.strategies import labelled_datasets, separable_datasets  # noqa: F401  (re-exported)


@st.composite
def large_integer_datasets(draw, magnitude: int = 2**40):
    """Separable integer data whose entries force the int64 and Python-int carriers."""
    d = draw(st.integers(1, 3))
    n = draw(st.integers(2, 6))
    w = draw(st.lists(st.integers(1, 3), min_size=d, max_size=d))
    X, y = [], []
    for k in range(n):
        yi = 1 if k == 0 else (-1 if k == 1 else draw(st.sampled_from([1, -1])))
        x = [draw(st.sampled_from([1, -1])) * draw(st.integers(magnitude, 2 * magnitude)) for _ in range(d)]
        s = sum(a * b for a, b in zip(w, x))
        c = draw(st.integers(magnitude, 2 * magnitude))
        # move x along w so that y w^T x = c exactly, keeping integers by scaling by |w|^2
        w2 = sum(v * v for v in w)
        X.append([a * w2 + (yi * c - s) * b for a, b in zip(x, w)])
        y.append(yi)
    return from_rows(X, y, "large-integers")


fractions_small = st.fractions(min_value=Fraction(-5), max_value=Fraction(5), max_denominator=20)
