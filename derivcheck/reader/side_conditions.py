"""A row's trailing side condition (`, \\quad \\text{for } x > 0`): what it assumes for that step.

A condition on symbols (`x > 0`, `x, y \\in (0, 1)`, `n \\in \\mathbb{N}`) is an assumption for the step; one
only in words (`\\text{by Cauchy--Schwarz}`) assumes nothing; words that would change the claim (`\\text{for
positive } x`) make the step unparsed. A condition on an expression (`\\gamma m > 0`) cannot be an assumption on a
symbol: it is read when SymPy shows that the declarations already imply it (so it adds nothing), and refused
otherwise.
"""

from __future__ import annotations

import re

import sympy as sp

from derivcheck.reader.declaration_lines import check_consistent, parse_assumptions
from derivcheck.reader.declarations import Assumptions, DeclarationError, Declarations
from derivcheck.reader.names import top_level_parts
from derivcheck.reader.notation import NeedsDimension, ParseError, parse_row

RELATION_WORDS = {"positive", "negative", "nonnegative", "nonpositive", "nonzero", "integer", "if", "when",
                  "whenever", "provided", "assuming", "unless", "except", "small", "large", "sufficiently", "near",
                  "such", "only", "odd", "even", "prime", "convex", "concave", "bounded"}


CONDITIONALS = {"if", "when", "whenever", "provided", "assuming"}
_CONDITION_RELATION = re.compile(r"\\in|\\geq?|\\leq?|\\neq?|[<>]")


def with_condition(decl: Declarations, condition: str) -> Declarations:
    """The declarations with a side condition's assumptions; the same object when it adds none."""
    words = set(re.findall(r"[a-z]+", " ".join(re.findall(r"\\(?:text|mbox|textrm)\s*\{([^{}]*)\}", condition)).lower()))
    math = re.sub(r"\\(?:text|mbox|textrm)\s*\{[^{}]*\}|\\q?quad(?![A-Za-z])|\\forall", ";", condition)
    groups = _condition_groups(math)
    if words & (RELATION_WORDS - (CONDITIONALS if groups else set())):
        raise ParseError("a condition in words; write it as an assumption ('% assume:') or as x > 0")
    if not groups:  # "for all x", "by Cauchy--Schwarz": nothing to assume
        return decl
    extra = Assumptions()
    for group in groups:
        group = re.sub(r"\\in\s*\\mathbb\{R\}(\^\{?\w+\}?)?$", " real", group)
        group = re.sub(r"\\in\s*\\mathbb\{N\}$", " integer nonnegative", group)
        group = re.sub(r"\\in\s*\\mathbb\{Z\}$", " integer", group)
        try:
            extra = extra.merged(parse_assumptions(group.replace("\\in", " in ")))
        except DeclarationError as exc:
            if not _implied(group, decl):
                raise ParseError(f"{exc}: a condition on an expression is read only when the declarations imply it; "
                                 "state it on the symbols ('% assume: m > 0')") from None
    new = decl.copy()
    new.assumptions = new.assumptions.merged(extra)
    try:
        check_consistent(new.assumptions, list(extra.props) + list(extra.ranges) + list(extra.sets))
    except DeclarationError as exc:
        raise ParseError(str(exc)) from None
    return new


def _condition_groups(math: str) -> list[str]:
    """The relations of a side condition, names before a relation joined to it (`x, y > 0` stays whole)."""
    groups, names = [], []
    for chunk in math.split(";"):
        for part in top_level_parts(chunk.strip().strip(",.").strip()):
            if not part:
                continue
            if _CONDITION_RELATION.search(part) or re.search(r"\bin\b", part):
                groups.append(", ".join(names + [part]))
                names = []
            else:
                names.append(part)
    return groups


def _implied(group: str, decl: Declarations) -> bool:
    """The condition `a REL b` (on expressions) holds for every value the declarations allow, by SymPy's
    assumptions: then it adds nothing to them."""
    try:
        row = parse_row(group, decl)
    except (ParseError, NeedsDimension):
        return False
    if len(row.relations) != 1 or row.condition_pos is not None or any(
            s is None or isinstance(s, sp.MatrixBase) for s in row.sides) or any(row.side_conditions):
        return False
    diff = sp.simplify(row.sides[0] - row.sides[1])
    return {">": diff.is_positive, ">=": diff.is_nonnegative, "<": diff.is_negative, "<=": diff.is_nonpositive,
            "!=": diff.is_nonzero}.get(row.relations[0]) is True
