"""Tokens of LaTeX mathematics, as the strict reader (`notation`) consumes them.

A token is a number (digits with an optional decimal part), one letter, a
command (`\\gamma`, `\\frac`, `\\|`, `\\{`), or one punctuation character. Spacing
commands (`\\,` `\\;` `\\!` `\\ ` `\\:` `~`) and size prefixes (`\\big`, `\\Bigl`, ...)
carry no meaning and are dropped here; `\\left`/`\\right` are dropped too, since
the bracket after them says everything. Anything else is kept, so that the
parser either consumes it or names it in its "unparsed" reason: nothing is
thrown away silently.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

SIZE_PREFIXES = {"left", "right", "big", "Big", "bigg", "Bigg", "bigl", "bigr", "Bigl", "Bigr", "biggl", "biggr",
                 "Biggl", "Biggr", "middle", "displaystyle", "textstyle", "limits", "nolimits"}
SPACING = {",", ";", "!", " ", ":", "quad", "qquad", "thinspace", "medspace", "thickspace", "enspace"}

_TOKEN = re.compile(r"\\[a-zA-Z]+|\\.|[0-9]+(?:\.[0-9]+)?|[a-zA-Z]|\S", re.S)  # ASCII digits: \d takes ²


@dataclass
class Token:
    kind: str  # "num", "letter", "cmd", "char"
    text: str  # for cmd: the name without the backslash
    pos: int

    def __repr__(self) -> str:
        return f"{self.kind}:{self.text}"

    @property
    def source(self) -> str:
        return "\\" + self.text if self.kind == "cmd" else self.text

    @property
    def nesting(self) -> int:
        """+1 for a token that opens a bracket ( [ { \\{ \\langle, -1 for one that closes it, else 0: a comma or a
        relation inside \\max\\{a, \\min\\{b, c\\}\\} belongs to the inner bracket."""
        if self.kind == "char":
            return 1 if self.text in "([{" else -1 if self.text in ")]}" else 0
        if self.kind == "cmd":
            return 1 if self.text in ("{", "langle") else -1 if self.text in ("}", "rangle") else 0
        return 0


class TokenizeError(Exception):
    pass


def tokenize(src: str, keep_quad: bool = False) -> list[Token]:
    """Tokens of `src`; `\\quad` is kept (as a separator) when `keep_quad`, else dropped like other spacing."""
    out: list[Token] = []
    for m in _TOKEN.finditer(src):
        t = m.group(0)
        if t.startswith("\\"):
            name = t[1:]
            if name in ("quad", "qquad") and keep_quad:
                out.append(Token("cmd", "quad", m.start()))
                continue
            if name in SPACING or name in SIZE_PREFIXES:
                continue
            out.append(Token("cmd", name, m.start()))
        elif t == "~":
            continue
        elif "0" <= t[0] <= "9":
            out.append(Token("num", t, m.start()))
        elif t.isalpha():
            out.append(Token("letter", t, m.start()))
        else:
            out.append(Token("char", t, m.start()))
    return out
