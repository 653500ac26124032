"""Sums as numbers: each sum (product, inner product) a fresh real symbol of its known sign, one symbol for sums equal
up to their index's name. A symbol standing for a sum ranges over at least every value the sum can take, so a step
proved for every value of the symbols holds for the sums; the converse fails, so only proofs count there
(`vector_sums`, `prefix_induction`)."""

from __future__ import annotations

import sympy as sp

from derivcheck.deciders.bound_names import alpha
from derivcheck.deciders.sum_signs import sign


def numbers_by_sign(prefix: str):
    """A function taking a sum to its symbol `_<prefix>k` (Z3 knows variables by name, and no reader gives a name
    starting with "_"); `.table` maps each sum, up to its index's name, to its symbol."""
    table: dict = {}

    def number(a):
        key = alpha(a)
        if key not in table:
            table[key] = sp.Symbol(f"_{prefix}{len(table) + 1}", **(sign(a) or {"real": True}))
        return table[key]

    number.table = table
    return number
