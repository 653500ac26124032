"""Exact GP for the single unit v w^T a and the diagonal network sum_k u_k v_k a_k on sparse data, phase by phase.

The same iteration as `exact_two_layer` (integers over one implicit denominator:
with Z = D y_i a_i, gamma = p/q and 2 omega_i in {0, 1, 2}, each step multiplies the
state by grow = 2 D q n and adds p times an integer combination of Z's rows), and
the same conventions (margins at t = 0, 1, ...; a margin exactly 0 is a mistake of
weight 1/2 and makes the run degenerate; a step that changes nothing is a stall).

What makes it scale is that the weights omega only change when a margin changes
sign. A *phase* is a run of steps with one sign vector; inside it the update is a
fixed linear map, so:

- single unit: w_t = alpha w_s + beta S with S = Z^T omega2 fixed, so every margin is
  sign(v) sign(P_i + theta Q_i) with P = Z w_s, Q = Z S and theta = beta/alpha; a
  step updates three scalars (alpha, beta, v) and compares theta with the two
  roots that bound the phase (`arith.sign_thresholds`);
- diagonal network: only the coordinates with S_k != 0 move (the others are scaled
  by grow, as the denominator is); a sample that touches one moving coordinate k
  has margin c_i + theta_k Z_ik with theta_k = u_k v_k / grow^(2j), and is tracked by
  k's roots; a sample that touches several is recomputed each step from the
  moving coordinates only.

A phase costs O(nnz) integer operations to set up, a step O(1) for the single
unit and O(moving coordinates + their samples) for the diagonal network. Every
sign is decided exactly; `tests/test_sparse_engines.py` compares the sign vector
at every step with `exact_two_layer`'s.
"""

from __future__ import annotations

from fractions import Fraction
from math import gcd

import numpy as np

from checker.arith.sign_thresholds import StableSigns
from checker.arith.sparse_integer import SparseSignedIntegers, max_abs
from checker.engines.run import Run
from checker.progress import tick

REDUCE_EVERY = 256  # steps between two divisions by the state's common factor (a few percent of its bits)
MIN_GROUP = 32  # samples sharing one moving coordinate, from which their roots are tracked instead of recomputed
WORD_BITS = 62  # the truncated margins' headroom: |m| < 2^WORD_BITS fits int64 (tests lower it to truncate always)


def _signs(x: np.ndarray) -> np.ndarray:
    return (x > 0).astype(np.int64) - (x < 0).astype(np.int64)


def _sign(x: int) -> int:
    return (x > 0) - (x < 0)


class _Run:
    """The bookkeeping both engines share: degenerate steps, the sign trace, the result."""

    def __init__(self, name: str, gamma, max_iter: int, trace: list | None):
        self.gamma = Fraction(gamma)
        if self.gamma <= 0:
            raise ValueError("gamma must be positive")
        self.name, self.max_iter, self.trace = name, max_iter, trace
        self.degenerate = False
        self.phases = 0

    def phase(self, t: int, signs: np.ndarray) -> None:
        self.phases += 1
        if self.trace is not None and (not self.trace or not np.array_equal(self.trace[-1][1], signs)):
            self.trace.append((t, signs.copy()))

    def zeros_seen(self, signs: np.ndarray, last_step: int) -> None:
        """A phase whose signs include a 0 and that covers a step >= 1 is degenerate."""
        if last_step >= 1 and np.any(signs == 0):
            self.degenerate = True

    def result(self, t: int | None, stopped: str = "") -> Run:
        return Run(self.name, t, t is not None, "exact", degenerate=self.degenerate, stopped=stopped,
                   extra={"phases": self.phases, "engine": "sparse exact"})

    def stalled(self, t: int) -> Run:
        return self.result(None, f"stalled at t = {t}: the step is exactly 0, so GP stays at this iterate forever")

    def not_separated(self) -> Run:
        return self.result(None, f"not separated within {self.max_iter}")


def _reduce(vectors: list[np.ndarray], scalars: list[int]) -> tuple[list[np.ndarray], list[int], int]:
    """Divide out a common factor of the state (the dynamics are linear and only signs matter); returns it.

    The factor is the gcd of the scalars and a few entries, kept only if one vectorized remainder shows that it
    divides every entry: a full gcd over every big entry would cost more than the bits it saves."""
    g = 0
    for v in scalars:
        g = gcd(g, v)
    for arr in vectors:
        for v in arr[:8]:
            g = gcd(g, int(v))
    if g <= 1 or any(len(arr) and np.any(arr % g) for arr in vectors):
        return vectors, scalars, 1
    return [arr // g for arr in vectors], [v // g for v in scalars], g


def single_unit_gp(sds, gamma, max_iter: int = 1000, data: SparseSignedIntegers | None = None,
                   trace: list | None = None, observe=None) -> Run:
    """GP for v w^T a from w = 0, v = 1 on a `SparseDataset`.

    The state is (M, V) with M = Z W the margins' integers: M <- grow M + p V (Z S), V <- grow V + p omega2 . M
    is closed, so w itself is only built for `observe`. trace: a list that receives (t, signs) whenever the sign
    vector changes. observe(t, W, V, unit, signs, S): called at each phase start with the exact state (w = W unit,
    v = V unit, unit a Fraction) and the phase's S = sum_i 2 omega_i Z_i."""
    Z = data or SparseSignedIntegers(sds)
    run = _Run("single-unit-gp", gamma, max_iter, trace)
    p, grow = run.gamma.numerator, 2 * Z.scale * run.gamma.denominator * Z.n
    M, V, unit = np.zeros(Z.n, dtype=object), 1, Fraction(1)
    W = np.zeros(Z.d, dtype=object) if observe else None
    t, since_reduced = 0, 0
    while True:
        sv = _sign(V)
        signs = _signs(M) * sv
        run.phase(t, signs)
        run.zeros_seen(signs, t)
        if np.all(signs > 0):
            return run.result(t)
        if t == max_iter:
            return run.not_separated()
        omega2 = (1 - signs).astype(np.int64)
        S = Z.rmatvec(omega2, 2)
        if observe:
            observe(t, W, V, unit, signs, S)
        b = Z.matvec(S, max_abs(S)).astype(object)
        A, B = int(np.dot(omega2.astype(object), M)), int(np.dot(omega2.astype(object), b))
        moves = bool(np.any(S))
        if (not moves or V == 0) and A == 0:
            return run.stalled(t)
        # the first step directly: most phases of an oscillating run end after it, and then no roots are needed
        alpha, beta, v = grow, p * V, V * grow + p * A
        first = M * grow + b * (p * V)
        j = 1
        tick(t + j, "single-unit-gp, sparse exact")
        if _sign(v) == sv and np.array_equal(_signs(first) * sv, signs):
            run.zeros_seen(signs, t + j)
            stable = StableSigns(M, b, 0, 1)  # the signs of M + theta b, theta = beta/alpha, kept on (lower, upper)
            while t + j < max_iter:  # step t + j -> t + j + 1 inside the phase
                increment_v = alpha * A + beta * B
                if (not moves or v == 0) and increment_v == 0:
                    return run.stalled(t + j)
                alpha, beta, v = alpha * grow, beta * grow + p * v, v * grow + p * increment_v
                j += 1
                tick(t + j, "single-unit-gp, sparse exact")
                if _sign(v) != sv or not stable.keeps(beta, alpha):
                    break
                run.zeros_seen(signs, t + j)
            else:
                return run.not_separated()
            first = M * alpha + b * beta
        M, V = first, v
        if observe:
            W = W * alpha + S.astype(object) * beta
            unit /= alpha
        t += j
        since_reduced += j
        if since_reduced >= REDUCE_EVERY:
            vectors, (V,), g = _reduce([M, W] if W is not None else [M], [V])
            M, W, since_reduced = vectors[0], vectors[1] if observe else None, 0
            unit *= g


def diagonal_gp(sds, gamma, max_iter: int = 1000, data: SparseSignedIntegers | None = None,
                trace: list | None = None) -> Run:
    """GP for sum_k u_k v_k a_k from u = 0, v = 1 on a `SparseDataset` (trace as in `single_unit_gp`).

    The state is X_k = u_k v_k and Y_k = u_k^2 + v_k^2 (integer numerators): with u <- g u + p s v and
    v <- g v + p s u (g = grow, s = S_k), X <- (g^2 + p^2 s^2) X + g p s Y and Y <- (g^2 + p^2 s^2) Y + 4 g p s X,
    so a step multiplies big integers by small ones only; margins need X alone.

    Coordinates with the same (X_k, Y_k) are kept as one class (`_Classes`), split each phase by S_k: the step
    updates each moving class once, not each moving coordinate. On A_d and its rare-positive variants nearly all
    coordinates are in two or three classes, so a step costs O(classes x bits + recomputed samples) instead of
    O(d x bits); on data without repeated states every coordinate is its own class and nothing changes."""
    Z = data or SparseSignedIntegers(sds)
    run = _Run("diagonal-gp", gamma, max_iter, trace)
    p, grow = run.gamma.numerator, 2 * Z.scale * run.gamma.denominator * Z.n
    state = _Classes(Z.d)
    t, since_reduced = 0, 0
    while True:
        X_full = state.X[state.cls]  # references to the classes' integers: no arithmetic
        a = Z.matvec(X_full, max_abs(state.X)).astype(object)
        signs = _signs(a)
        run.phase(t, signs)
        run.zeros_seen(signs, t)
        if np.all(signs > 0):
            return run.result(t)
        if t == max_iter:
            return run.not_separated()
        S = Z.rmatvec((1 - signs).astype(np.int64), 2)
        moving_classes, SK = state.split(S)
        phase = _DiagonalPhase(Z, S, X_full, a, signs, state.moving_position(S, moving_classes))
        same, cross = SK * SK * (p * p) + grow * grow, SK * (grow * p)
        XK, YK = state.X[moving_classes], state.Y[moving_classes]
        G = 1
        j = 0
        while True:
            if not np.any(YK):  # u_k = v_k = 0 on every moving coordinate: the step is 0
                return run.stalled(t + j)
            XK, YK = XK * same + YK * cross, YK * same + XK * cross * 4
            G *= grow * grow
            j += 1
            tick(t + j, "diagonal-gp, sparse exact")
            if not phase.keeps(XK, G):
                break
            run.zeros_seen(signs, t + j)
            if t + j == max_iter:
                return run.not_separated()
        state.end_phase(moving_classes, XK, YK, G)
        t += j
        since_reduced += j
        if since_reduced >= REDUCE_EVERY:
            (state.X, state.Y), _, _ = _reduce([state.X, state.Y], [])  # (X, Y) evolve linearly: any common
            since_reduced = 0  # factor goes


class _Classes:
    """The diagonal network's state with equal coordinates stored once: cls[k] is coordinate k's class, X and Y the
    classes' integers (X_k = X[cls[k]]). A phase splits the classes by S_k (coordinates moved by different S_k part);
    after it, classes that reached the same (X, Y) merge again."""

    def __init__(self, d: int):
        self.cls = np.zeros(d, dtype=np.int64)
        self.X, self.Y = np.zeros(1, dtype=object), np.ones(1, dtype=object)

    def split(self, S: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Refine the classes by S_k; returns the moving classes (S != 0) and their S, as Python integers."""
        if S.dtype != object:
            order = np.lexsort((S, self.cls))
            cs, ss = self.cls[order], S[order]
            first = np.ones(len(order), dtype=bool)
            first[1:] = (cs[1:] != cs[:-1]) | (ss[1:] != ss[:-1])
            new = np.empty(len(order), dtype=np.int64)
            new[order] = np.cumsum(first) - 1
            parents, values = cs[first], ss[first].astype(object)
        else:  # S beyond int64: the same refinement through a dictionary
            ids: dict = {}
            new = np.array([ids.setdefault((c, int(s)), len(ids)) for c, s in zip(self.cls.tolist(), S.tolist())],
                           dtype=np.int64)
            parents = np.array([c for c, _ in ids], dtype=np.int64)
            values = np.array([s for _, s in ids], dtype=object)
        self.cls, self.X, self.Y = new, self.X[parents], self.Y[parents]
        moving = np.flatnonzero(values != 0)
        return moving, values[moving]

    def moving_position(self, S: np.ndarray, moving_classes: np.ndarray) -> np.ndarray:
        """For each moving coordinate (in order), the position of its class among `moving_classes`."""
        position = np.full(len(self.X), -1, dtype=np.int64)
        position[moving_classes] = np.arange(len(moving_classes))
        return position[self.cls[np.flatnonzero(S)]]

    def end_phase(self, moving_classes: np.ndarray, XK: np.ndarray, YK: np.ndarray, G: int) -> None:
        """The moving classes take their new integers; the others are scaled with the denominator (squared);
        classes with equal (X, Y) merge."""
        self.X, self.Y = self.X * G, self.Y * G
        self.X[moving_classes], self.Y[moving_classes] = XK, YK
        ids: dict = {}
        remap = np.array([ids.setdefault(key, len(ids)) for key in zip(self.X.tolist(), self.Y.tolist())],
                         dtype=np.int64)
        if len(ids) < len(self.X):
            firsts = np.unique(remap, return_index=True)[1]
            self.cls, self.X, self.Y = remap[self.cls], self.X[firsts], self.Y[firsts]


def _segment_sums(values: np.ndarray, rows: np.ndarray, n: int) -> np.ndarray:
    """out[i] = sum of values[e] over the entries e with rows[e] == i (rows sorted), in Python integers."""
    out = np.zeros(n, dtype=object)
    if len(rows):
        starts = np.flatnonzero(np.concatenate(([True], rows[1:] != rows[:-1])))
        out[rows[starts]] = np.add.reduceat(values, starts)
    return out


class _DiagonalPhase:
    """One phase of the diagonal network: the moving coordinates, the samples each one's roots track, and the
    samples recomputed each step, with every margin = G c_i + sum over moving k of Z_ik X_k (G = grow^(2j)).

    X is the state at the phase start, per coordinate; `classes` gives each moving coordinate (in order) its
    position among the moving classes, whose integers `keeps` receives: X_k = XK[classes[position of k]]."""

    def __init__(self, Z: SparseSignedIntegers, S: np.ndarray, X: np.ndarray, a: np.ndarray, signs: np.ndarray,
                 classes: np.ndarray):
        self.moving = np.flatnonzero(S)
        position = np.full(Z.d, -1, dtype=np.int64)
        position[self.moving] = np.arange(len(self.moving))
        idx, values = Z.rows.indices, Z.rows.values
        entry_row = np.repeat(np.arange(Z.n, dtype=np.int64), np.diff(Z.rows.indptr))
        hit = position[idx] >= 0  # entries on a moving coordinate, in sample order
        touched = np.bincount(entry_row[hit], minlength=Z.n)
        # c_i: the margin without the moving coordinates' terms (the rest is scaled by G, like the denominator)
        c = a - _segment_sums(values[hit] * X[idx[hit]], entry_row[hit], Z.n)
        alone = hit & (touched[entry_row] == 1)  # the one moving entry of a sample that touches one
        samples, ks, zs = entry_row[alone], position[idx[alone]], values[alone]
        order = np.argsort(ks, kind="stable")
        samples, ks, zs = samples[order], ks[order], zs[order]
        firsts, counts = np.unique(ks, return_index=True, return_counts=True)[1:]
        self.groups = []  # (k's class, StableSigns of c_i + theta_k Z_ik over the samples only k moves)
        direct_parts = [np.flatnonzero(touched >= 2)]
        for first, count in zip(firsts.tolist(), counts.tolist()):
            members, k = samples[first:first + count], int(ks[first])
            if count < MIN_GROUP:
                direct_parts.append(members)
            else:  # theta_k = X_k / G is X_k at the phase start (G = 1)
                self.groups.append((int(classes[k]), StableSigns(c[members], zs[first:first + count],
                                                                  int(X[self.moving[k]]), 1)))
        direct = np.sort(np.concatenate(direct_parts))
        self.direct, self.direct_c, self.direct_signs = direct, c[direct], signs[direct]
        in_direct = np.zeros(Z.n, dtype=bool)
        in_direct[direct] = True
        keep = hit & in_direct[entry_row]
        self.direct_rows = np.searchsorted(direct, entry_row[keep])  # sorted: entries come in sample order
        self.direct_cols, self.direct_vals = classes[position[idx[keep]]], values[keep]  # by class
        vals = np.abs(self.direct_vals.astype(object))
        # per sample, 2 + sum |Z_ik| over its moving entries: more than truncating each term to its top bits can move
        # the truncated margin by (see `_filtered_signs`)
        self.direct_slack = 2 + _segment_sums(vals, self.direct_rows, len(direct)) if len(direct) else vals
        self.slack_bits = max_abs(self.direct_slack).bit_length() if len(direct) else 0
        self.c_bits = max_abs(self.direct_c).bit_length() if len(direct) else 0

    def keeps(self, XK: np.ndarray, G: int) -> bool:
        """Do all signs stay as at the phase start, with the moving classes' products XK and scale G?"""
        for k, stable in self.groups:
            if not stable.keeps(int(XK[k]), G):
                return False
        if len(self.direct):
            return self._filtered_signs(XK, G)
        return True

    def _filtered_signs(self, XK: np.ndarray, G: int) -> bool:
        """The direct samples' signs, decided exactly: first from every term truncated to its top bits in int64
        (margin = 2^e (m + eps) with m the truncated sum and |eps| < slack, so |m| > slack fixes the sign), then, for
        the samples left undecided (a margin near 0 against the largest term), from the exact big integers.

        Truncation: X_k = 2^e xs_k + r_k with 0 <= r_k < 2^e (a floor), so sum_k Z_ik X_k / 2^e is off by less than
        sum_k |Z_ik|; c_i G / 2^e is taken as floor(c_i Gs / 2^(e - s)) with G = 2^s Gs + rho, 0 <= rho < 2^s and
        |c_i| 2^s <= 2^(e - 1), off by less than 1/2 + 1: in all less than slack = 2 + sum_k |Z_ik|. G has thousands
        of bits after a long phase; c_i Gs costs a product with a 64-bit number instead."""
        bits = max(max_abs(XK).bit_length(), self.c_bits + G.bit_length())  # bounds |c_i G| < 2^bits too
        e = max(0, bits + self.slack_bits + 2 - WORD_BITS)  # |m| < 2^WORD_BITS: int64 holds every partial sum
        if e == 0 or self.slack_bits > 48:  # small enough to be exact at once, or entries too large for int64
            margins = self.direct_c * G + _segment_sums(self.direct_vals * XK[self.direct_cols], self.direct_rows,
                                                        len(self.direct))
            return np.array_equal(_signs(margins), self.direct_signs)
        xs = (XK >> e).astype(np.int64)
        s = max(0, e - self.c_bits - 1)
        m = ((self.direct_c * (G >> s)) >> (e - s)).astype(np.int64)
        np.add.at(m, self.direct_rows, self.direct_vals.astype(np.int64) * xs[self.direct_cols])
        slack = self.direct_slack.astype(np.int64)
        sure = (m > slack).astype(np.int64) - (m < -slack).astype(np.int64)
        decided = sure != 0
        if not np.array_equal(sure[decided], self.direct_signs[decided]):
            return False
        left = np.flatnonzero(~decided)
        if not len(left):
            return True
        entries = np.isin(self.direct_rows, left)
        rows = np.searchsorted(left, self.direct_rows[entries])
        margins = self.direct_c[left] * G + _segment_sums(self.direct_vals[entries] * XK[self.direct_cols[entries]], rows, len(left))
        return np.array_equal(_signs(margins), self.direct_signs[left])
