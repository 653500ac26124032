"""A step's justification, written as ASCII prose with inline maths, typeset for LaTeX.

Justifications are written once, readable in a terminal and in JSON
("u_{t+1} = u_t + (1/n) sum_i sigma(-gamma z_i) y_i a_i"). For LaTeX the maximal
runs of mathematical tokens (subscripted or superscripted names, Greek letters,
numbers, single-letter variables, operators between them) go into $...$ with
their TeX names; the words around them stay text. Everything else is escaped, so
the output always compiles: a run that looks odd is still valid TeX.
"""

from __future__ import annotations

import re

GREEK = {"alpha", "beta", "gamma", "delta", "epsilon", "eta", "theta", "lambda", "mu", "nu", "xi", "pi", "rho",
         "sigma", "tau", "phi", "chi", "psi", "omega", "Gamma", "Delta", "Theta", "Lambda", "Sigma", "Phi", "Psi",
         "Omega", "kappa", "zeta"}
FUNCTIONS = {"log": r"\log", "exp": r"\exp", "sqrt": r"\sqrt", "max": r"\max", "min": r"\min", "sum": r"\sum",
             "floor": r"\operatorname{floor}", "span": r"\operatorname{span}", "sign": r"\operatorname{sign}",
             "tanh": r"\tanh", "oo": r"\infty"}
OPERATORS = {"<=": r"\le ", ">=": r"\ge ", "->": r"\to ", "!=": r"\ne ", "<-": r"\leftarrow ", "+-": r"\pm ",
             "||": r"\| ", "~": r"\sim ", "*": r"\cdot ", "|": "|", "=": "=", "<": "<", ">": ">", "+": "+",
             "-": "-", "/": "/", "(": "(", ")": ")", "[": "[", "]": "]", "^": "^", "'": "'"}
# English words first (a_i, A_d and the like are names with an index): "a" is always prose, "A" and "I" only
# where no maths run is open
TEXT_LETTERS = {"a", "A", "I"}

_TOKEN = re.compile(r"""
    (?P<space>\s+)
  | (?P<abbrev>i\.e\.|e\.g\.|cf\.|resp\.)
  | (?P<op><=|>=|->|!=|<-|\+-|\|\||[~*|=<>+\-/()\[\]^])
  | (?P<name>[A-Za-z]+(?:(?:_|\^)(?:\{(?:[^{}]|\{[^{}]*\})*\}|pm|[A-Za-z0-9+\-]))+)   # x_i, e^{-c_{t+1}}, lambda_pm
  | (?P<number>\d+(?:\.\d+)?(?:(?:_|\^)(?:\{(?:[^{}]|\{[^{}]*\})*\}|[A-Za-z0-9+\-]))*)   # 1_-, 2^k
  | (?P<word>[A-Za-z]+(?:'s)?)
  | (?P<other>.)
""", re.X)


def _text(s: str) -> str:
    table = {"\\": r"\textbackslash{}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_",
             "{": r"\{", "}": r"\}", "~": r"\textasciitilde{}", "^": r"\^{}", "<": "$<$", ">": "$>$", "|": "$|$"}
    return "".join(table.get(ch, ch) for ch in s)


def _greek_inside(s: str) -> str:
    """Greek names inside a subscript or superscript: e^{-gamma m} -> e^{-\\gamma m}."""
    return re.sub(r"[A-Za-z]+", lambda m: "\\" + m.group(0) + " " if m.group(0) in GREEK | {"pm"} else
                  FUNCTIONS.get(m.group(0), m.group(0)) if len(m.group(0)) > 1 and m.group(0) in FUNCTIONS
                  else m.group(0), s)


def _math(kind: str, tok: str) -> str | None:
    """The TeX of a token that belongs to a maths run, or None if it is prose."""
    if kind == "name":
        base = re.match(r"[A-Za-z]+", tok).group(0)
        rest = tok[len(base):]
        head = "\\" + base + " " if base in GREEK else FUNCTIONS.get(base, base)
        return head + _greek_inside(rest).replace("%", r"\%").replace("#", r"\#")
    if kind == "number":
        return _greek_inside(tok)
    if kind == "word":
        if tok in GREEK:
            return "\\" + tok + " "
        if tok in FUNCTIONS:
            return FUNCTIONS[tok] + " "
        if len(tok) == 1 and tok not in TEXT_LETTERS:
            return tok
    return None


def _balanced(tex: str) -> bool:
    """Braces that TeX would pair: a run that is not balanced is set as escaped text instead (it still compiles)."""
    depth = 0
    for k, ch in enumerate(tex):
        if ch in "{}" and (k == 0 or tex[k - 1] != "\\"):
            depth += 1 if ch == "{" else -1
            if depth < 0:
                return False
    return depth == 0


def why_latex(text: str) -> str:
    """ASCII prose with inline maths -> LaTeX text mode with $...$ runs."""
    tokens = [(m.lastgroup, m.group(0)) for m in _TOKEN.finditer(text)]
    out: list[str] = []
    run: list[tuple[str, str, str]] = []  # the current maths run: (tex, raw, kind)
    pending: list[str] = []  # spaces after the run, kept inside it only if more maths follows

    def close():
        nonlocal run, pending
        tail = []
        while run and (run[-1][1] in ("(", "[") or run[-1][1].isspace()):  # "(" before prose belongs to the prose
            tail.insert(0, run.pop()[1])
        tex = "".join(tex for tex, _, _ in run).strip()
        if any(kind != "op" for _, _, kind in run) and _balanced(tex):
            out.append("$" + tex + "$")
        else:
            out.append(_text("".join(raw for _, raw, _ in run)))
        out.append(_text("".join(tail)) + "".join(pending))
        run, pending = [], []

    for k, (kind, tok) in enumerate(tokens):
        if kind == "space":
            (pending if run else out).append(tok)
            continue
        if kind == "op":
            tex = OPERATORS[tok]
            if tok == "*" and k > 0 and tokens[k - 1][0] != "space":
                tex = "^*"  # k* is k-star; a spaced * is a product
            elif tok == "^" and run and run[-1][0] == "^*":
                tex = "{}^"  # theta*^T: a second superscript needs a base of its own (TeX: "double superscript")
        elif kind == "word" and tok in TEXT_LETTERS:
            tex = tok if run and tok != "a" else None
        else:
            tex = _math(kind, tok)
        if tex is None:
            close()
            out.append(_text(tok))
            continue
        run.extend((p, p, "op") for p in pending)
        pending = []
        run.append((tex, tok, kind))
    close()
    return "".join(out)
