"""Which comment lines of a derivation are declarations (`% assume:`, `% function:`, `% define:`, `% vector:`,
`% index:`), and the comment lines that mean to declare but would be ignored: a misspelt or synonym keyword
(`% variables:`, `% asume:`) or a keyword without its colon (`% index i in 1..n`). Ignored, these would leave their
variables unconstrained and a true step refuted at a point the author excluded, so they are refused with the line
to write."""

from __future__ import annotations

import difflib
import re

from derivcheck.reader.vocabulary import ParseError

DECLARATION = re.compile(r"^[ \t]*%+[ \t]*(assume|function|define|vector|index)s?:[ \t]*(.*)$", re.M | re.I)
KINDS = ("assume", "function", "define", "vector", "index")
# comment lines that mean to declare but name no declaration gdpc reads (`% variables: eta in (0, 1]`): ignored, they
# would leave their variables unconstrained and a true step refuted, so they are refused
_COMMENT_KEY = re.compile(r"^[ \t]*%+[ \t]*([A-Za-z]+)[ \t]*:[ \t]*\S", re.M)
_MEANT = {**dict.fromkeys(("assumption", "assumptions", "assuming", "variable", "variables", "var", "vars", "let",
                           "given", "suppose", "domain", "domains", "constant", "constants", "parameter", "parameters",
                           "param", "params", "scalar", "scalars", "real", "reals", "integer", "integers",
                           "hypothesis", "hypotheses", "constraint", "constraints", "require", "requires", "where",
                           "range", "ranges"), "assume"),
          **dict.fromkeys(("func", "fun", "functions", "map", "maps"), "function"),
          **dict.fromkeys(("def", "definition", "definitions", "defines", "set", "notation"), "define"),
          **dict.fromkeys(("vec", "vecs", "vectors", "matrix"), "vector"),
          **dict.fromkeys(("indices", "indexes", "idx"), "index")}


# a declaration's keyword without its colon (`% index i in 1..n`, `% assume x > 0`): as a comment it would be ignored,
# its variables left unconstrained and a true step refuted; prose (`% assume the loss is convex`) has no relation
_NO_COLON = re.compile(r"^[ \t]*%+[ \t]*(" + "|".join(KINDS) + r")s?[ \t]+([^:\n]*?(?:=|<|>|\\[lg]eq?\b|\\in\b"
                       r"|\bin[ \t]*(?:[\[({\d]|\\mathbb|\\\{|R\b|R\^))[^:\n]*)$", re.M | re.I)


def refuse_undeclared_keys(text: str) -> None:
    """Refuse a comment line `% word: ...` that reads as a declaration gdpc does not know (a misspelt or a synonym
    keyword), and a known keyword followed by a relation but no colon; other comments (`% Note: ...`) are left
    alone."""
    for m in _NO_COLON.finditer(text):
        line = text.count("\n", 0, m.start()) + 1
        kind = m.group(1).lower()
        raise ParseError(f"line {line}: '% {m.group(1)} {m.group(2).strip()}' is a declaration without its colon; write "
                         f"'% {kind}: {m.group(2).strip()}' (a comment that is not a declaration must not start with "
                         f"'{m.group(1)}' followed by a relation)")
    for m in _COMMENT_KEY.finditer(text):
        word = m.group(1).lower()
        if DECLARATION.match(m.group(0) + ":") or word.rstrip("s") in KINDS:
            continue
        meant = _MEANT.get(word) or next(iter(difflib.get_close_matches(word, KINDS, n=1, cutoff=0.75)), None)
        if meant:
            line = text.count("\n", 0, m.start()) + 1
            raise ParseError(f"line {line}: '% {m.group(1)}:' is not a declaration gdpc reads; write '% {meant}: ...' "
                             f"(the declarations: {', '.join(KINDS)}; see gdpc check --help)")
