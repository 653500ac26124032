"""Exact signs of linear GD's margins where no ball can give them: exact zeros and ties on the path.

From theta_0 = 0, every iterate of linear GD, plain or normalized, is u_t = sum_i c_i(t) y_i a_i with
c_i(t) = sum_{s<t} scale_s * sigma(-gamma z_i(s)), and for t >= 1 every c_i(t) is > 0 (a sigmoid is > 0).
Samples whose margins were exactly equal at every step so far got exactly equal weights, so their
coefficients are equal: they form a class c, and u_t = sum_c C_c v_c with v_c = sum_{i in c} y_i a_i exact
and C_c > 0. A margin is then z_j = sum_c C_c H_jc with the exact rationals H_jc = y_j a_j . v_c (the
row H_j). When the row has one sign, z_j has it, whatever the coefficients; when the row is all 0, z_j is
exactly 0, which a ball, however many digits it has, can never show (it always straddles 0). That is the
case of the first step (one class: u_1 is a positive multiple of sum_i y_i a_i) and of every tie that
symmetric or repeated data keep on the path.

Two members of a class with the same row have the same margin, hence the same weight, and stay together;
members with different rows are split (their margins may still coincide, which only costs exactness, never
soundness). The classes of step t depend only on the data, not on gamma or on the balls, so they are built
only when a ball leaves a sign undecided, up to that step; a pass that splits nothing is a fixpoint (the
rows, and so the classes, never change again). The work is bounded (`budget` integer multiply-adds over
the data's nonzero entries); past it the signs are left to the balls.
"""

from __future__ import annotations

from math import lcm

from checker.data.dataset import Dataset

BUDGET = 10**7  # integer multiply-adds: about a second of exact work, beside a run of ball arithmetic


class ExactSigns:
    """The classes of samples with provably equal GD coefficients at step t, and the signs their rows decide."""

    def __init__(self, ds: Dataset, budget: int = BUDGET):
        self.ds = ds
        self.budget = budget
        self.work = 0
        self.t = 1
        self.classes = [list(range(ds.n))]  # at t = 1 every sample had weight sigma(0) = 1/2
        self.stable = ds.n == 1
        self.Z: list[dict] | None = None  # D * y_i a_i as {column: integer}, built on first use
        self.vectors: list[dict] = []
        self.rows: dict[int, tuple] = {}

    @property
    def active(self) -> bool:
        return self.work <= self.budget

    def _charge(self, ops: int) -> bool:
        self.work += ops
        return self.active

    def _data(self) -> bool:
        """The signed rows as sparse integers (the same signs as the data), and the classes' vectors."""
        if self.Z is None:
            if not self._charge(self.ds.n * self.ds.d):
                return False
            D = lcm(*{v.denominator for row in self.ds.X for v in row})
            self.Z = [{k: yi * v.numerator * (D // v.denominator) for k, v in enumerate(row) if v}
                      for row, yi in zip(self.ds.X, self.ds.y)]
            self.group: dict[tuple, int] = {}  # equal signed rows: equal rows H_j, one per group
            self.first = [self.group.setdefault(tuple(sorted(z.items())), j) for j, z in enumerate(self.Z)]
            self.vectors = [self._sum(self.classes[0])]
        return self.active

    def _sum(self, members: list) -> dict:
        v: dict = {}
        assert self.Z is not None  # built by _data before any class is summed
        for i in members:
            self.work += len(self.Z[i])
            for k, x in self.Z[i].items():
                v[k] = v.get(k, 0) + x
        return v

    def row(self, j: int) -> tuple | None:
        """H_j = (y_j a_j . v_c)_c for the current classes (scaled by D^2 > 0), None once over budget."""
        if not self._data():
            return None
        g = self.first[j]
        assert self.Z is not None  # built by _data above
        if g not in self.rows:
            zj = self.Z[g]
            if not self._charge(len(zj) * len(self.vectors)):
                return None
            self.rows[g] = tuple(sum(x * v.get(k, 0) for k, x in zj.items()) for v in self.vectors)
        return self.rows[g]

    def sign(self, j: int) -> int | None:
        """The sign of z_j at the current step when every term of its row has it (0 when the row is 0), else None."""
        r = self.row(j)
        if r is None:
            return None
        if all(h >= 0 for h in r):
            return 1 if any(r) else 0
        return -1 if all(h <= 0 for h in r) else None

    def fill(self, signs: list, t: int) -> list:
        """The balls' signs at step t >= 1, each undecided one replaced by its exact sign where the row gives one."""
        if None not in signs:
            return signs
        while self.t < t and self.active:
            self.advance()
        if self.t != t:  # over budget before reaching step t (or asked about a step already passed)
            return signs
        return [self.sign(j) if s is None else s for j, s in enumerate(signs)]

    def advance(self) -> None:
        """The classes of step t + 1: each splits where its members' rows differ."""
        if self.stable:
            self.t += 1
            return
        split: list[list[int]] = []
        for members in self.classes:
            parts: dict[tuple, list] = {}
            for j in members if len(members) > 1 else ():
                r = self.row(j)
                if r is None:
                    return
                parts.setdefault(r, []).append(j)
            split.extend(parts.values() if parts else [members])
        self.t += 1
        if len(split) == len(self.classes):
            self.stable = True  # nothing split: the rows stay the same, so nothing ever will
            return
        self.classes = split
        self.vectors = [self._sum(m) for m in split]
        self.rows = {}
