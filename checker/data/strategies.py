"""Hypothesis strategies for separable data, built constructively (no filtering).

A separator w is drawn first; each point is then moved along w so that its
signed margin y_i w^T a_i is a drawn positive rational. So every example is
separable by construction, classes can be as imbalanced as one against many,
points can repeat, and margins can be small, all without `assume`.
"""

from __future__ import annotations

from fractions import Fraction

from hypothesis import strategies as st

from checker.data import sparse_families
from checker.data.dataset import Dataset, from_rows


@st.composite
def separable_datasets(draw, max_n: int = 8, max_d: int = 3, coord: int = 4, min_margin: Fraction = Fraction(1, 4),
                       max_margin: int = 3, denominators: tuple = (1, 2, 4)) -> Dataset:
    d = draw(st.integers(1, max_d))
    n = draw(st.integers(2, max_n))
    w = draw(st.lists(st.integers(-3, 3), min_size=d, max_size=d).filter(any))
    w_norm2 = sum(v * v for v in w)
    labels = [1, -1] + draw(st.lists(st.sampled_from([1, -1]), min_size=n - 2, max_size=n - 2))
    order = draw(st.permutations(range(n)))
    labels = [labels[k] for k in order]
    den = st.sampled_from(denominators)
    X = []
    for yi in labels:
        x = [Fraction(draw(st.integers(-coord, coord)), draw(den)) for _ in range(d)]
        c = draw(st.fractions(min_value=min_margin, max_value=max_margin,
                              max_denominator=max(8, 2 * Fraction(min_margin).denominator)))
        shift = (yi * c - sum(a * b for a, b in zip(w, x))) / w_norm2
        X.append([a + shift * b for a, b in zip(x, w)])  # now y_i w^T a_i = c exactly
    return from_rows(X, labels, "hypothesis")


@st.composite
def labelled_datasets(draw, max_n: int = 6, max_d: int = 2, coord: int = 3) -> Dataset:
    """Any small data set with both classes (separable or not): for refutations and input checks."""
    d = draw(st.integers(1, max_d))
    n = draw(st.integers(2, max_n))
    X = [[draw(st.integers(-coord, coord)) for _ in range(d)] for _ in range(n)]
    labels = [1, -1] + draw(st.lists(st.sampled_from([1, -1]), min_size=n - 2, max_size=n - 2))
    return from_rows(X, labels, "hypothesis")


step_exponents = st.integers(min_value=1, max_value=300)


@st.composite
def datasets_with_repeats(draw, max_distinct: int = 4, max_copies: int = 40, max_d: int = 2, coord: int = 3) -> Dataset:
    """A few distinct separable points, each repeated: imbalanced classes and repeated samples."""
    base = draw(separable_datasets(max_n=max_distinct, max_d=max_d, coord=coord, denominators=(1,)))
    copies = [draw(st.integers(1, max_copies)) for _ in base.y]
    X = [list(row) for row, c in zip(base.X, copies) for _ in range(c)]
    y = [yi for yi, c in zip(base.y, copies) for _ in range(c)]
    return from_rows(X, y, "hypothesis-repeats")


def bound_datasets() -> st.SearchStrategy:
    """Separable data for the iteration bounds: ordinary, small margins, and repeated / imbalanced."""
    return st.one_of(
        separable_datasets(),
        separable_datasets(min_margin=Fraction(1, 16), max_margin=1, max_n=6),
        datasets_with_repeats(max_copies=12),
    )


@st.composite
def sparse_family_members(draw, min_d: int = 18, max_d: int = 48):
    """A member of one of ACCEL's sparse families (`sparse_families`) at a small d: rare positives, noise of level
    c/sqrt(d), a rotation, or a planted design, with its parameters and seed drawn."""
    d = draw(st.integers(min_d, max_d))
    family = draw(st.sampled_from(["rare", "noisy", "rotated", "planted"]))
    seed = draw(st.integers(0, 10_000))
    if family == "rare":
        return sparse_families.rare(d, draw(st.integers(1, max(1, d // 8))))
    if family == "noisy":
        return sparse_families.noisy(d, draw(st.sampled_from([Fraction(1, 8), Fraction(1, 2), Fraction(2),
                                                               Fraction(4)])), seed)
    if family == "rotated":
        return sparse_families.rotated(d, seed, rounds=draw(st.integers(1, 3)))
    s = draw(st.integers(1, 4))
    return sparse_families.planted(d, s, draw(st.integers(1, max(1, (d - 2) // 2 - s))), seed)
