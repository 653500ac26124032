"""A declared index used outside any sum over it (`z_j \\le \\max_i z_i` with `% index: j in 1..n`): the row is a
claim for every j of the declared range, and is read so.

A free index was read as any integer, so a correct row was refuted at j = 0, outside 1..n, where z_0 is no term of
the sums. Now:

* a range with numbers at both ends (`j in 1..5`): j is an integer of that range;
* a range `lo..N + c`, lo and c numbers and N an integer variable with a declared least value L: N is read as
  j - c + N_minus_j (as max(j - c, L) + N_minus_j where L > lo - c, n >= 2 with j in 1..n) with N_minus_j an
  integer >= 0 and j an integer >= lo. Every pair (N, j) with N >= L and lo <= j <= N + c is one pair (j, N_minus_j)
  and back, so the row is read exactly (N values with no j in range have nothing to claim); counterexamples are
  given in j and N_minus_j, and the verdict says how N was read;
* any other range (`j in 1..2n`, `j in k..n`): the row is unparsed, with the advice to write it for a fixed member.
"""

from __future__ import annotations

from fractions import Fraction

import sympy as sp

from derivcheck.functions import OVER
from derivcheck.reader.domains import domain_of
from derivcheck.reader.vocabulary import unbound_names


class FreeIndexError(Exception):
    """A free index whose declared range cannot be read as a condition on it."""


def reading(sides, decl):
    """(substitution for the sides, declarations with each free index's range, note for the verdict); raises
    FreeIndexError. The substitution is {} and the declarations are `decl` itself when no declared index is free."""
    names = set().union(*(unbound_names(s) for s in sides if s is not None))
    free = sorted(n for n in names if n in decl.indices)
    if not free:
        return {}, decl, ""
    # a vector side is a Matrix (not a Basic): its entries name the range end too
    symbols = {s.name: s for side in sides if isinstance(side, (sp.Basic, sp.MatrixBase)) for s in side.free_symbols
               if isinstance(s, sp.Symbol)}
    new, subs, notes = decl.copy(), {}, []
    for name in free:
        lo, hi = (sp.sympify(e) for e in decl.indices[name])
        if not lo.is_Integer:
            raise FreeIndexError(f"the index {name} is used outside a sum over it and its range starts at "
                                 f"{sp.sstr(lo)}, not a number: write the row for a fixed member ({name} = 1)")
        # j >= lo as SymPy sees it too (j >= 1: positive), so that a range 1..j + n_minus_j is nonempty to SymPy
        sign = {"positive": True} if lo >= 1 else {"nonnegative": True} if lo >= 0 else {}
        j = sp.Symbol(name, integer=True, **sign)
        if name in symbols and symbols[name] != j:
            subs[symbols[name]] = j
        new.assumptions.props.setdefault(name, set()).update({"integer", *sign})
        if hi.is_Integer:
            new.assumptions.restrict_range(name, Fraction(int(lo)), Fraction(int(hi)), False, False)
            continue
        if hi is sp.oo:
            new.assumptions.restrict_range(name, Fraction(int(lo)), None, False, True)
            continue
        end = [x for x in hi.free_symbols if isinstance(x, sp.Symbol)]  # hi = N + c, N an integer variable
        shift = sp.expand(hi - end[0]) if len(end) == 1 else None
        top = symbols.get(end[0].name) if shift is not None and shift.is_Integer else None
        least = domain_of(end[0], decl.assumptions) if shift is not None and shift.is_Integer else None
        if least is None or not least.integer or least.values is not None or least.hi is not None \
                or least.lo is None:
            raise FreeIndexError(f"the index {name} is used outside a sum over it and its range "
                                 f"{sp.sstr(lo)}..{sp.sstr(hi)} cannot be read as a condition on it: write the row "
                                 f"for a fixed member ({name} = 1), or declare the range's end an integer variable "
                                 f"with a least value")
        new.assumptions.restrict_range(name, Fraction(int(lo)), None, False, True)
        if top is not None:
            gap = sp.Symbol(f"{top}_minus_{name}", integer=True, nonnegative=True)
            new.assumptions.props.setdefault(gap.name, set()).update({"integer", "nonnegative"})
            # N's least value may exceed j - c (n >= 2, j in 1..n): N = max(j - c, least) + gap, still one pair each
            least_value = least.integer_ends()[0]
            subs[top] = (j - shift if least_value <= int(lo) - shift else sp.Max(j - shift, least_value)) + gap
            notes.append(f"{top} read as {sp.sstr(subs[top])} with {gap.name} >= 0 ({name} in "
                         f"{sp.sstr(lo)}..{sp.sstr(hi)} is free in this row)")
        else:
            notes.append(f"{name} read as an integer >= {sp.sstr(lo)} ({name} in {sp.sstr(lo)}..{hi} is free in "
                         f"this row)")
    return subs, new, "; ".join(notes)


def substituted(e, subs: dict):
    """e with the range ends substituted (`reading`'s subs), after renaming each sum's, product's or extremum's own
    index that has the name of a free index to i': in `\\min_i x_i \\le x_i` with i free, n becomes i + n_minus_i,
    which must not fall into the min's own i."""
    if isinstance(e, sp.MatrixBase):
        return e.applyfunc(lambda entry: substituted(entry, subs))
    if not subs or not isinstance(e, sp.Basic):
        return e
    names = {x.name for v in subs.values() for x in v.free_symbols}

    def rename(x):
        own = {v: sp.Symbol(f"{v.name}'", **v.assumptions0) for v, *_ in x.limits if v.name in names}
        return x.xreplace(own)
    e = e.replace(lambda x: isinstance(x, (sp.Sum, sp.Product, *OVER)) and any(v.name in names for v, *_ in x.limits),
                  rename)
    return e.xreplace(subs)
