"""Test strategies: the project's constructive strategies plus a few test-only ones."""

from fractions import Fraction

from hypothesis import strategies as st

from checker.data.dataset import Dataset, from_rows
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


def _orthogonal(r: list[int]) -> list[int]:
    """An integer vector orthogonal to r (r != 0, len(r) >= 2): r rotated in the plane of two of its coordinates."""
    i = next(k for k, v in enumerate(r) if v != 0)
    j = (i + 1) % len(r)
    q = [0] * len(r)
    q[i], q[j] = -r[j], r[i]
    return q


@st.composite
def degenerate_datasets(draw, max_n: int = 6, max_d: int = 3, coord: int = 3) -> Dataset:
    """Small data built to put exact ties on linear GD's and BP's paths (separable or not):

    - first-step: a row chosen so that sample j's margin at u_1 = p_1 (a positive multiple of sum_i y_i a_i) is
      exactly 0: r_n = -(r_j . s)/|r_j|^2 r_j + c q with q orthogonal to r_j, s the sum of the other signed rows;
    - mirror: every point comes with its mirror image in the last coordinate, with the same label, so the iterate
      stays in the mirror plane for ever and the points (0, ..., 0, +-c) have margin exactly 0 at every step;
    - repeats: first-step data with some rows repeated (ties between equal rows, and unbalanced weights).
    Small integer coordinates make further ties (BP's zero margins at later steps) common.
    """
    kind = draw(st.sampled_from(["first-step", "mirror", "repeats"]))
    d = draw(st.integers(2, max_d))
    coords = st.integers(-coord, coord)
    if kind == "mirror":
        base = [[draw(coords) for _ in range(d - 1)] + [draw(st.integers(0, coord))]
                for _ in range(draw(st.integers(2, max(2, max_n // 2))))]
        labels = [1, -1] + [draw(st.sampled_from([1, -1])) for _ in base[2:]]
        if draw(st.booleans()):  # a pair on the mirror's normal: margins exactly 0 for ever
            base.append([0] * (d - 1) + [draw(st.integers(1, coord))])
            labels.append(draw(st.sampled_from([1, -1])))
        X = [row[:-1] + [s * row[-1]] for row in base for s in (1, -1)]
        y = [yi for yi in labels for _ in (1, -1)]
        return from_rows(X, y, "hypothesis-mirror")
    n = draw(st.integers(3, max_n))
    rows = [[draw(coords) for _ in range(d)] for _ in range(n - 1)]
    if not any(any(r) for r in rows):
        rows[0][0] = 1
    j = draw(st.sampled_from([k for k, r in enumerate(rows) if any(r)]))
    s = [sum(col) for col in zip(*rows)]
    rj = rows[j]
    along = Fraction(-sum(a * b for a, b in zip(rj, s)), sum(a * a for a in rj))
    c = draw(st.integers(-2, 2))
    rows.append([along * a + c * b for a, b in zip(rj, _orthogonal(rj))])
    if kind == "repeats":
        rows += [list(rows[k]) for k in draw(st.lists(st.integers(0, n - 1), min_size=1, max_size=3))]
    labels = [1, -1] + [draw(st.sampled_from([1, -1])) for _ in rows[2:]]
    X = [[yi * Fraction(v) for v in r] for r, yi in zip(rows, labels)]
    return from_rows(X, labels, f"hypothesis-{kind}")
