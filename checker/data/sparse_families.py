"""ACCEL's data families as sparse exact data, at every d up to 2^16: A_d, rare positives, noise, rotations, planted.

Each generator is exact (integers or dyadic/Pythagorean rationals) and seeded, and
keeps O(d) nonzeros, so the sparse engines run them at d = 2^14..2^16:

- `accel(d)`: A_d, a_i = e_0 + e_i, y_1 = +1, the other d - 2 labels -1.
- `rare(d, k)`: A_d with k rare positives (y_i = +1 for i <= k).
- `noisy(d, c, seed)`: A_d plus noise of level c/sqrt(d), made sparse with the same second
  moments. Moving every entry by (c/sqrt(d)) j/8 (j uniform in -8..8) gives each sample a
  noise vector of squared norm about 0.375 c^2 and perturbs each inner product
  a_i^T a_j by a term of variance about 0.14 c^4/d. Moving NOISE_SUPPORT = 16 random
  entries per sample by (c/4) j/8 gives both the same expectations, with 16 nonzeros
  instead of d.
- `rotated(d, seed)`: A_d turned by an exact orthogonal Q, a product of ROTATION_ROUNDS
  rounds of plane rotations over a random pairing of the coordinates, each by the
  Pythagorean angle (3/5, +-4/5). Inner products are unchanged, so BP and the single
  unit from w = 0 take A_d's steps; each coordinate mixes with 2^3 others, so rows
  keep at most 16 nonzeros.
- `planted(d, s, m, seed)`: not built from A_d. Each of n = d - 1 samples has the
  intercept e_0 and s distinct random features (value 1) among the d - 1 others; m
  random features are "signal", and a sample is positive iff it has one (the first sample
  is given one, the last none, so both classes occur). The planted
  separator 2 * 1_signal - e_0 gives margin >= 1/sqrt(4m + 1), and about s m samples
  are positive at every d.
"""

from __future__ import annotations

import random
from fractions import Fraction

from checker.data.sparse_dataset import SparseDataset, sparse_rows
from checker.errors import InputError

NOISE_SUPPORT = 16  # nonzero noise entries per sample (a square: the level c/sqrt(16) = c/4 stays rational)
ROTATION_ROUNDS = 3
COS, SIN = Fraction(3, 5), Fraction(4, 5)


def accel(d: int) -> SparseDataset:
    return rare(d, 1, f"accel-{d}")


def rare(d: int, k: int, name: str | None = None) -> SparseDataset:
    """A_d with k rare positives: a_i = e_0 + e_i, y_i = +1 for i <= k, -1 otherwise."""
    n = d - 1
    if d < 4 or not 1 <= k < n - 1:
        raise InputError(f"need d >= 4 and 1 <= k < d - 2 rare positives, got k = {k} at d = {d}")
    rows = [{0: 1, i: 1} for i in range(1, n + 1)]
    return sparse_rows(rows, [1] * k + [-1] * (n - k), d, name or f"accel-{d}-rare{k}")


def noisy(d: int, c: Fraction, seed: int) -> SparseDataset:
    """A_d plus sparse noise of level c/sqrt(d): NOISE_SUPPORT random entries per sample moved by (c/4) j/8."""
    if d < NOISE_SUPPORT + 2:
        raise InputError(f"noisy A_d needs d >= {NOISE_SUPPORT + 2} (got d = {d})")
    c = Fraction(c)
    rng = random.Random(f"noisy-{d}-{c}-{seed}")
    step = c / 4 / 8  # sqrt(NOISE_SUPPORT) = 4
    rows = []
    for i in range(1, d):
        row = {0: Fraction(1), i: Fraction(1)}
        for j in rng.sample(range(d), NOISE_SUPPORT):
            row[j] = row.get(j, Fraction(0)) + step * rng.randint(-8, 8)
        rows.append(row)
    return sparse_rows(rows, [1] + [-1] * (d - 2), d, f"accel-{d}-noise{c}-seed{seed}")


def rotated(d: int, seed: int, rounds: int = ROTATION_ROUNDS) -> SparseDataset:
    """A_d turned by `rounds` rounds of Pythagorean plane rotations over random pairings (exact, orthogonal)."""
    rng = random.Random(f"rotated-{d}-{seed}")
    pairings = []
    for _ in range(rounds):
        order = list(range(d))
        rng.shuffle(order)
        mate = {}
        for a, b in zip(order[0::2], order[1::2]):
            s = SIN if rng.random() < 0.5 else -SIN
            mate[a], mate[b] = (b, s, True), (a, s, False)  # (partner, sin, first of the pair)
        pairings.append(mate)
    base = accel(d)
    rows = []
    for row in base.rows:
        r = dict(row)
        for mate in pairings:
            out: dict[int, Fraction] = {}
            for j in set(r) | {mate[j][0] for j in r if j in mate}:
                if j not in mate:
                    out[j] = r.get(j, Fraction(0))
                    continue
                other, s, first = mate[j]
                x, y = (r.get(j, Fraction(0)), r.get(other, Fraction(0)))
                out[j] = COS * x - s * y if first else s * y + COS * x  # (x_a, x_b) -> (c x_a - s x_b, s x_a + c x_b)
            r = out
        rows.append(r)
    return sparse_rows(rows, base.y, d, f"accel-{d}-rotated{rounds}r-{seed}")


def planted(d: int, s: int, m: int, seed: int) -> SparseDataset:
    """Sparse random features with an intercept; positive iff a sample has one of m planted signal features."""
    return planted_with_signal(d, s, m, seed)[0]


def planted_with_signal(d: int, s: int, m: int, seed: int) -> tuple[SparseDataset, set[int]]:
    """`planted` and its signal features (the separator 2 * 1_signal - e_0 has margin >= 1 on every sample)."""
    if d < 2 * (s + m) + 2:
        raise InputError(f"planted needs d >= 2 (s + m) + 2 (got d = {d}, s = {s}, m = {m})")
    rng = random.Random(f"planted-{d}-{s}-{m}-{seed}")
    features = range(1, d)
    signal = set(rng.sample(features, m))
    plain = [j for j in features if j not in signal]
    rows, labels = [], []
    for i in range(d - 1):
        chosen = set(rng.sample(features, s) if i < d - 2 else rng.sample(plain, s))  # the last one: a negative
        if i == 0 and not chosen & signal:  # and the first one a positive: it carries a signal feature
            chosen.pop()
            chosen.add(min(signal))
        rows.append({0: 1, **{j: 1 for j in chosen}})
        labels.append(1 if chosen & signal else -1)
    return sparse_rows(rows, labels, d, f"planted-{d}-s{s}-m{m}-seed{seed}"), signal
