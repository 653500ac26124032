"""One step as the reader hands it to the verdict engine: `lhs REL rhs`, where it came from, what is assumed, and
where its sides are defined as written.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import sympy as sp

from derivcheck.reader.declarations import Assumptions, Declarations
from derivcheck.reader.exact_size import named_huge


@dataclass
class StepInput:
    lhs: object  # SymPy expression (or a column Matrix for a vector equation); None when unparsed
    relation: str  # one of = <= >= < > != (or "?" when unknown)
    rhs: object
    line: int | None = None
    source: str = ""
    error: str = ""  # why it could not be read
    cited: bool = False  # a cited lemma: reported as such, not checked
    assumptions: Assumptions | None = None  # the assumptions in force for this step (None: the caller's)
    row_span: tuple | None = None  # (start, end) offsets of the LaTeX row in the file, for annotation
    at_dimension: object = None  # for a vector step: d -> (lhs, rhs) read with vectors in R^d
    declarations: Declarations | None = field(default=None, repr=False)
    # where the sides are defined as written (reader.domain_conditions.Condition, side "left"/"right"): a scalar
    # step's; a vector step's are read at each dimension by conditions_at(d)
    conditions: tuple = ()
    conditions_at: object = None
    hint: str = ""  # advice shown with a verdict that is not a proof (a row that looks like a definition)

    def tex(self) -> str:
        """The step as read, typeset by SymPy for the annotated LaTeX ("" where SymPy cannot typeset it)."""
        if self.lhs is None or self.rhs is None:
            return ""
        try:
            lhs, rhs = named_huge(self.lhs, latex=True), named_huge(self.rhs, latex=True)
            return f"{sp.latex(lhs)} {TEX_RELATIONS.get(self.relation, '?')} {sp.latex(rhs)}"
        except Exception:  # an object SymPy cannot typeset: the annotation shows the verdict only
            return ""


TEX_RELATIONS = {"=": "=", "<=": r"\le", ">=": r"\ge", "<": "<", ">": ">", "!=": r"\ne"}


def misread(lhs, rhs) -> str | None:
    """Why the sides, as read, cannot be judged, or None. A side that is no number, vector or matrix (True, x < 1, a
    set) has no order. Two variables of one name (lambda read in a definition before '% assume: lambda positive' and
    after it: SymPy keeps them apart) would be judged as two, so the step would be about something else than what is
    written. A limit's variable free elsewhere in the step (lim_{s -> oo} f(s) = g(s)) would take a point's value
    inside the limit too."""
    odd = next((side for side in (lhs, rhs) if not _is_quantity(side)), None)
    if odd is not None:
        return f"{shown(odd)[:60]} is not a number, vector or matrix ({type(odd).__name__})"
    kinds, exprs = defaultdict(set), [e for side in (lhs, rhs) for e in
                                      (list(side) if isinstance(side, sp.MatrixBase) else [sp.sympify(side)])]
    labels = {b.label for e in exprs for b in e.atoms(sp.IndexedBase)}  # y of y_i: the family's own, no variable
    for e in exprs:
        for x in e.free_symbols | e.atoms(sp.IndexedBase):
            if (type(x) is sp.Symbol and x not in labels) or isinstance(x, sp.IndexedBase):
                kinds[(type(x) is sp.Symbol, str(x.name if type(x) is sp.Symbol else x.label))].add(x)
    free = set().union(*(e.free_symbols for e in exprs))
    bound = sorted({str(x.args[1]) for e in exprs for x in e.atoms(sp.Limit) if x.args[1] in free})
    if bound:  # a point's value substituted for it would be substituted inside the limit too (SymPy's xreplace)
        return (f"{bound[0]} is a limit's variable and also a free variable of the step: rename one of them "
                f"(\\lim_{{{bound[0]}' \\to \\infty}})")
    clash = sorted(name for (_, name), found in kinds.items() if len(found) > 1)
    if clash:
        return (f"{clash[0]} is read as two different variables (declared differently where each was read); "
                "declare its assumptions before the first line that uses it")
    return None


def _is_quantity(e) -> bool:
    if isinstance(e, sp.MatrixBase):
        return all(isinstance(c, sp.Expr) for c in e)
    return isinstance(e, sp.Expr) or (isinstance(e, (int, float)) and not isinstance(e, bool))  # 0 in a Derivation


def shown(e) -> str:
    """A side as the verdict shows it: SymPy's string, numbers past exact evaluation named (10^(10^5))."""
    if e is None:
        return ""
    return sp.sstr(list(named_huge(e)) if isinstance(e, sp.MatrixBase) else named_huge(e))
