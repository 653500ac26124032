"""A cursor over LaTeX tokens: looking ahead, consuming, and cutting out brackets and TeX arguments.

The base of the strict reader (`notation.Parser`): its methods only move through `self.toks` from `self.i`.
"""

from __future__ import annotations

from derivcheck.reader.tokens import Token
from derivcheck.reader.vocabulary import ParseError


class Cursor:
    toks: list[Token]
    i: int

    def peek(self, k: int = 0) -> Token | None:
        j = self.i + k
        return self.toks[j] if j < len(self.toks) else None

    def at(self, kind: str, *texts: str, k: int = 0) -> bool:
        t = self.peek(k)
        return t is not None and t.kind == kind and (not texts or t.text in texts)

    def next(self) -> Token:
        t = self.peek()
        if t is None:
            raise ParseError("the formula ends too early")
        self.i += 1
        return t

    def expect(self, kind: str, text: str) -> None:
        t = self.peek()
        if t is None or t.kind != kind or t.text != text:
            raise ParseError(f"expected {text!r}, found {t.source if t else 'the end'}")
        self.i += 1

    def done(self) -> bool:
        return self.i >= len(self.toks)

    def take_group(self, open_="{", close="}", kind="char") -> list[Token]:
        """Tokens between a bracket at the cursor and its match; the cursor moves past the match. kind "cmd": the
        escaped braces \\{ ... \\} (`\\left\\{` reads as `\\{`)."""
        self.expect(kind, open_)
        depth, start = 1, self.i
        while self.i < len(self.toks):
            t = self.toks[self.i]
            if t.kind == kind and t.text == open_:
                depth += 1
            elif t.kind == kind and t.text == close:
                depth -= 1
                if depth == 0:
                    self.i += 1
                    return self.toks[start:self.i - 1]
            self.i += 1
        raise ParseError(f"unbalanced {open_!r}")

    def take_until(self, kind: str, text: str, what: str) -> list[Token]:
        """Tokens up to the first `text` outside brackets (`Token.nesting`: the inner \\} of \\max\\{a, \\min\\{b,
        c\\}\\} closes its own pair) and outside a nested \\begin ... \\end; the cursor moves past it."""
        start, depth = self.i, 0
        while not self.done():
            t = self.peek()
            if t.kind == kind and t.text == text and depth == 0:
                self.i += 1
                return self.toks[start:self.i - 1]
            depth += t.nesting + (t.kind == "cmd" and t.text == "begin") - (t.kind == "cmd" and t.text == "end")
            self.i += 1
        closer = "\\" + text if kind == "cmd" else text
        raise ParseError(f"{what} without its closing {closer}")

    def take_arg(self) -> list[Token]:
        """One TeX argument: a braced group, or one token (one digit of a number: \\frac12, x^23)."""
        t = self.peek()
        if t is None:
            raise ParseError("a command without its argument")
        if t.kind == "char" and t.text == "{":
            return self.take_group()
        self.i += 1
        if t.kind == "num" and len(t.text) > 1:
            self.toks = self.toks[:self.i - 1] + [Token("num", t.text[0], t.pos), Token("num", t.text[1:], t.pos + 1)] \
                + self.toks[self.i:]
            return [self.toks[self.i - 1]]
        if t.kind == "char" and t.text in "+-=<>,)]}|":
            raise ParseError(f"{t.text!r} where an argument was expected")
        return [t]

