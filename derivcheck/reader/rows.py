"""Rows of a display: `a REL b REL c ...`, a trailing side condition, and a definition `NAME := ...` at the start.

A mixin of `notation.Parser`. A row yields its sides (the first is None when the row starts with a relation, and
continues the previous row), its relations, where a side condition starts, the conditions where each side is defined
as written (`domain_conditions`), and its definition if it starts with one: `m := \\min_i y_i \\le e^{-m}` defines m
for the rows below and has one step, `\\min_i y_i <= e^{-m}`.
"""

from __future__ import annotations

from dataclasses import dataclass

from derivcheck.reader.vocabulary import RELATIONS, UNDECIDED_RELATIONS, ParseError, canonical

DEFINES = ("coloneqq", "triangleq")  # := as one command


@dataclass
class Definition:
    """`NAME := ...` (or `f(x) := ...`) at the start of a row: the name, where the parameters' source is in the row
    (a function) or None, and where its right side starts and ends in the row (end None: at the row's end)."""

    name: str
    params: tuple | None
    start: int
    end: int | None = None


@dataclass
class Row:
    sides: list  # a side is None when the row starts with a relation
    relations: list
    condition_pos: int | None  # where a trailing side condition (`, \quad x > 0`) starts
    side_conditions: list  # per side: the conditions where it is defined as written
    definition: Definition | None = None
    side_starts: list | None = None  # per side: where its source starts in the row



class Rows:
    def at_relation(self) -> str | None:
        t = self.peek()
        if t is None:
            return None
        if t.kind == "char" and t.text in "=<>":
            return RELATIONS[t.text]
        if (t.kind == "char" and t.text == ":" and self.at("char", "=", k=1)) or (t.kind == "cmd" and t.text in DEFINES):
            raise ParseError("a definition (:=) after a relation: write the definition on its own row, NAME := ..., "
                             "or declare it ('% define: NAME = ...')")
        if t.kind == "cmd" and t.text in RELATIONS:
            return RELATIONS[t.text]
        if t.kind == "cmd" and t.text in UNDECIDED_RELATIONS:
            raise ParseError(f"{UNDECIDED_RELATIONS[t.text]} is not a relation the checker decides")
        return None

    def row(self) -> Row:
        definition = self.definition_head()
        sides, rels, spans, starts = [], [], [], []

        def side():
            start = len(self.conditions)
            starts.append(None if self.done() else self.peek().pos)
            value = None if not sides and definition is None and self.at_relation() else self.expr()
            spans.append((start, len(self.conditions)))
            sides.append(value)

        side()
        while (rel := self.at_relation()) is not None:
            self.i += 1
            rels.append(rel)
            side()
        cond_pos = None
        if not self.done():
            t = self.peek()
            if not ((t.kind == "char" and t.text in ",.;") or (t.kind == "cmd" and t.text in ("quad", "text", "mbox",
                                                                                               "textrm"))):
                raise ParseError(f"unexpected {t.source}")
            cond_pos = t.pos
        *sides, conditions = self.unify_members(sides + [list(self.conditions)])
        return Row(sides, rels, cond_pos, [conditions[a:b] for a, b in spans], definition, starts)

    def definition_head(self) -> Definition | None:
        """`NAME :=` or `f(x) :=` at the start of the row: consumed, and returned; None when the row has none."""
        depth, j = 0, self.i
        while j < len(self.toks):
            t = self.toks[j]
            if t.kind == "char" and t.text in "([{":
                depth += 1
            elif t.kind == "char" and t.text in ")]}":
                depth -= 1
            elif depth == 0 and ((t.kind == "char" and t.text == ":" and j + 1 < len(self.toks)
                                  and self.toks[j + 1].kind == "char" and self.toks[j + 1].text == "=")
                                 or (t.kind == "cmd" and t.text in DEFINES)):
                break
            elif depth == 0 and ((t.kind == "char" and t.text in "=<>") or (t.kind == "cmd" and (
                    t.text in RELATIONS or t.text in UNDECIDED_RELATIONS))):
                return None
            j += 1
        else:
            return None
        head = self.child(self.toks[self.i:j])
        try:
            name = head.read_name()
            params = None
            if head.at("char", "("):
                inside = head.take_group("(", ")")
                if not inside:
                    raise ParseError("")
                params = (inside[0].pos, head.toks[head.i - 1].pos)
            if not head.done():
                raise ParseError("")
        except ParseError:
            raise ParseError(f"a definition needs one symbol on the left of := (m := ..., \\bar a := ...) or a "
                             f"function with its parameters (f(\\theta) := ...), not "
                             f"{canonical(self.toks[self.i:j])!r}") from None
        self.i = j + (1 if self.toks[j].kind == "cmd" else 2)
        if self.done() or self.at_relation():
            raise ParseError(f"the definition of {name} has no right side")
        return Definition(name, params, self.peek().pos, self._side_end())

    def _side_end(self) -> int | None:
        """Where the side at the cursor ends in the row: at the first relation or separator outside brackets."""
        depth = 0
        for t in self.toks[self.i:]:
            if (t.kind == "char" and t.text in "([{") or (t.kind == "cmd" and t.text in ("{", "langle")):
                depth += 1
            elif (t.kind == "char" and t.text in ")]}") or (t.kind == "cmd" and t.text in ("}", "rangle")):
                depth -= 1
            elif depth == 0 and ((t.kind == "char" and t.text in "=<>,;.") or (t.kind == "cmd" and (
                    t.text in RELATIONS or t.text in UNDECIDED_RELATIONS or t.text in DEFINES
                    or t.text in ("quad", "text", "mbox", "textrm")))):
                return t.pos
        return None

