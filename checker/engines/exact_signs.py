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
soundness). A pass that splits nothing is a fixpoint: the rows, and so the classes, never change again.
The work is bounded (`budget` integer multiply-adds); past it the signs are left to the balls.
"""

from __future__ import annotations

import numpy as np

from checker.arith.integer_carrier import SignedIntegerData
from checker.data.dataset import Dataset

BUDGET = 10**7  # integer multiply-adds: about a second of exact work, once, beside a run of ball arithmetic


class ExactSigns:
    """The classes of samples with provably equal GD coefficients, and the signs their rows decide (t >= 1)."""

    def __init__(self, ds: Dataset, budget: int = BUDGET):
        self.Z = SignedIntegerData(ds).rows("object")  # D * y_i a_i: the same signs, in integers
        self.d = ds.d
        groups: dict[tuple, int] = {}
        # identical signed rows have identical rows H_j at every step: each row is computed once per group
        self.group = [groups.setdefault(tuple(r), len(groups)) for r in self.Z]
        self.first = {}
        for j, g in enumerate(self.group):
            self.first.setdefault(g, j)
        self.classes = [list(range(ds.n))]  # at t = 1 every sample had weight sigma(0) = 1/2
        self.vectors = [self.Z.sum(axis=0)]
        self.rows: dict[int, tuple] = {}
        self.stable = False
        self.budget = budget
        self.work = 0

    @property
    def active(self) -> bool:
        return self.work <= self.budget

    def row(self, j: int) -> tuple | None:
        """H_j = (y_j a_j . v_c)_c for the current classes (scaled by D^2 > 0), None once over budget."""
        g = self.group[j]
        if g not in self.rows:
            self.work += self.d * len(self.vectors)
            if not self.active:
                return None
            zj = self.Z[self.first[g]]
            self.rows[g] = tuple(int(zj.dot(v)) for v in self.vectors)
        return self.rows[g]

    def sign(self, j: int) -> int | None:
        """The sign of z_j when every term of its row has it (0 when the row is 0), else None."""
        r = self.row(j) if self.active else None
        if r is None:
            return None
        if all(h >= 0 for h in r):
            return 1 if any(r) else 0
        return -1 if all(h <= 0 for h in r) else None

    def fill(self, signs: list) -> list:
        """The balls' signs, each undecided one replaced by its exact sign where the row gives one."""
        return [self.sign(j) if s is None else s for j, s in enumerate(signs)]

    def advance(self) -> None:
        """The classes of step t + 1, after step t >= 1: each splits where its members' rows differ."""
        if self.stable or not self.active:
            return
        split = []
        for members in self.classes:
            parts: dict[tuple, list] = {}
            for j in members if len(members) > 1 else ():
                r = self.row(j)
                if r is None:
                    return
                parts.setdefault(r, []).append(j)
            split.extend(parts.values() if parts else [members])
        if len(split) == len(self.classes):
            self.stable = True  # nothing split: the rows stay the same, so nothing ever will
            return
        self.classes = split
        self.vectors = [np.sum(self.Z[m], axis=0) for m in split]
        self.rows = {}
