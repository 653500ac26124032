"""Plain text escaped for LaTeX text mode: every report, annotated derivation and figure caption goes through it.

Kept apart from SymPy and the derivations, so that the commands that only write reports load none of them.
"""

from __future__ import annotations

_TABLE = {"\\": r"\textbackslash{}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_",
          "{": r"\{", "}": r"\}", "~": r"\textasciitilde{}", "^": r"\^{}", "<": "$<$", ">": "$>$", "|": "$|$"}


def latex_text(text: str) -> str:
    """Escape plain text for LaTeX text mode (the OT1 font has no <, >, |: they go to math)."""
    return "".join(_TABLE.get(ch, ch) for ch in text)
