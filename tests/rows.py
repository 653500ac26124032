"""Rows of one derivation checked under their declaration lines: the helper the verdict tests share."""

from derivcheck.files import check_latex


def verdicts(head: str, *rows: str, timeout: float = 60) -> list:
    """The verdicts of the rows (`a &\\le b`), read as one align* display under the declaration lines `head`."""
    text = head + "\\begin{align*}\n" + " \\\\\n".join(rows) + "\n\\end{align*}\n"
    return check_latex(text, timeout=timeout).verdicts
