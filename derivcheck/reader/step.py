"""One step as the reader hands it to the verdict engine: `lhs REL rhs`, where it came from, what is assumed, and
where its sides are defined as written.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from derivcheck.reader.declarations import Assumptions, Declarations


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
