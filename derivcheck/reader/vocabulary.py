"""The strict reader's vocabulary: what each LaTeX command means, the errors it raises, and vector algebra.

Shared by the parser (`notation`) and its mixins (`cursor`, `rows`, `names`, `operators`, `binders`, `calculus`).
"""

from __future__ import annotations

import re
import sys
from contextlib import contextmanager

import sympy as sp
from sympy.concrete.expr_with_limits import ExprWithLimits

from derivcheck.reader.tokens import Token

GREEK = {"alpha", "beta", "gamma", "delta", "epsilon", "varepsilon", "zeta", "eta", "theta", "vartheta", "iota",
         "kappa", "lambda", "mu", "nu", "xi", "rho", "varrho", "sigma", "tau", "upsilon", "phi", "varphi", "chi",
         "psi", "omega", "Gamma", "Delta", "Theta", "Lambda", "Xi", "Sigma", "Upsilon", "Phi", "Psi", "Omega", "ell"}
FUNCTIONS = {"log": sp.log, "ln": sp.log, "exp": sp.exp, "sin": sp.sin, "cos": sp.cos, "tan": sp.tan,
             "sinh": sp.sinh, "cosh": sp.cosh, "tanh": sp.tanh, "arctan": sp.atan, "arcsin": sp.asin,
             "arccos": sp.acos}
RELATIONS = {"=": "=", "<": "<", ">": ">", "le": "<=", "leq": "<=", "leqslant": "<=", "ge": ">=", "geq": ">=",
             "geqslant": ">=", "ne": "!=", "neq": "!=", "lt": "<", "gt": ">"}
UNDECIDED_RELATIONS = {"approx": "an approximation (\\approx)", "sim": "\\sim", "simeq": "\\simeq",
                       "propto": "\\propto", "equiv": "\\equiv", "in": "a membership (\\in)", "notin": "\\notin",
                       "subset": "\\subset", "subseteq": "\\subseteq", "ll": "\\ll", "gg": "\\gg",
                       "lesssim": "\\lesssim", "gtrsim": "\\gtrsim", "coloneqq": "a definition (:=)",
                       "triangleq": "a definition (\\triangleq)", "iff": "\\iff", "implies": "\\implies",
                       "Rightarrow": "\\Rightarrow", "Leftrightarrow": "\\Leftrightarrow", "mapsto": "\\mapsto",
                       "to": "\\to outside a limit", "rightarrow": "\\rightarrow outside a limit", "asymp": "\\asymp"}
REFUSED = {"int": "integrals are not supported", "oint": "integrals are not supported",
           "cdots": "an ellipsis cannot be read as a formula", "ldots": "an ellipsis cannot be read as a formula",
           "dots": "an ellipsis cannot be read as a formula", "vdots": "an ellipsis cannot be read as a formula",
           "partial": "\\partial outside \\frac{\\partial}{\\partial x}", "forall": "\\forall inside a formula",
           "exists": "\\exists inside a formula", "mathcal": "\\mathcal{...} is not supported",
           "det": "determinants are not supported", "tr": "traces are not supported",
           "operatorname*": "\\operatorname* is not supported", "arg": "argmin/argmax are not supported",
           "sup": "sup/inf are not supported", "inf": "sup/inf are not supported", "liminf": "liminf is not supported",
           "limsup": "limsup is not supported", "E": "\\E is not defined here: define it (\\newcommand{\\E}{\\mathbb{E}}) and write \\E_i[...] "
                "over a declared index ('% index: i in 1..n')", "Pr": "probabilities are not supported",
           "text": "text inside a formula", "mbox": "text inside a formula", "textrm": "text inside a formula",
           "pm": "\\pm (two formulas in one)", "mp": "\\mp (two formulas in one)", "setminus": "set operations",
           "cup": "set operations", "cap": "set operations", "circ": "composition is not supported",
           "otimes": "tensor products are not supported", "odot": "elementwise products are not supported",
           "sgn": "sgn is not supported", "sign": "sign is not supported", "deg": "\\deg", "gcd": "\\gcd"}
ACCENTS = {"hat", "bar", "tilde", "widehat", "widetilde", "overline", "dot", "ddot", "check", "breve", "vec"}
BOLD = {"mathbf", "boldsymbol", "bm", "mathbfit", "mathit", "bold"}


class ParseError(Exception):
    pass


class Undeclared(ParseError):
    """A name followed by an argument that is neither a declared function nor a declared variable (yet)."""


class NeedsDimension(Exception):
    """A vector was met while no dimension is set: read the expression again at each dimension."""


def canonical(tokens: list[Token]) -> str:
    return "".join(t.text if t.kind != "cmd" else ("" if t.text in GREEK else "\\") + t.text for t in tokens)


def _is_vec(x) -> bool:
    return isinstance(x, sp.MatrixBase)


def _name(s) -> str:
    return s.name if isinstance(s, sp.Symbol) else str(s.base)


def subscript_names(name: str) -> set[str]:
    """The names a symbol's subscript uses: b_i -> {i}, x_{t+1} -> {t}, a_{ij} -> {i, j}, x_gamma -> {gamma}."""
    if "_" not in name:
        return set()
    sub = re.sub(r"\[\d+\]$", "", name.split("_", 1)[1])
    out = set()
    for word in re.findall(r"[A-Za-z]+", sub):
        out |= {word} if word in GREEK else set(word)
    return out


def unbound_names(x) -> set[str]:
    """Names a side uses outside any sum, product, extremum, limit or derivative that binds them again, with the
    names its symbols' subscripts use (b_i uses i): what a later term of an expression must not share with the
    variable of a big operator before it (`notation`)."""
    out: set[str] = set()

    def walk(e, hidden):
        if isinstance(e, sp.Symbol):
            if e not in hidden:
                out.add(e.name)
                out.update(subscript_names(e.name))
            return
        if isinstance(e, ExprWithLimits):
            walk(e.function, hidden | {lim[0] for lim in e.limits})
            for k, lim in enumerate(e.limits):  # innermost first: an end may use the indices of the limits after it
                for end in lim[1:]:  # (sum_{i=1}^{n} sum_{j=1}^{i-1}, which SymPy merges into one Sum)
                    walk(end, hidden | {later[0] for later in e.limits[k + 1:]})
            return
        if isinstance(e, sp.Limit):
            walk(e.args[0], hidden | {e.args[1]})
            walk(e.args[2], hidden)
            return
        if isinstance(e, sp.Derivative):
            walk(e.expr, hidden | set(e.variables))
            return
        for a in e.args:
            walk(a, hidden)

    for e in (list(x) if _is_vec(x) else [x]):
        walk(sp.sympify(e), frozenset())
    return out


def _add(a, b):
    if _is_vec(a) != _is_vec(b):
        raise ParseError("adding a vector and a scalar: declare every vector ('% vector: x in R^d')")
    if _is_vec(a) and a.shape != b.shape:
        raise ParseError("adding a vector and a transposed vector")
    return a + b


def _mul(a, b, dot: bool):
    if _is_vec(a) and _is_vec(b):
        if dot and a.shape == b.shape and a.shape[1] == 1:
            return (a.T * b)[0, 0]
        if a.shape[0] == 1 and b.shape[1] == 1:
            return (a * b)[0, 0]
        raise ParseError("a product of two vectors: write a^\\top b or \\langle a, b \\rangle")
    return a * b


@contextmanager
def bounded_depth():
    """The reader descends once per bracket or fraction: past Python's recursion limit (about 200 levels) the row
    is unread, with the reason, rather than the whole file failing."""
    try:
        yield
    except RecursionError:
        raise ParseError("nested too deeply to read (brackets, fractions or powers within each other about "
                         f"{sys.getrecursionlimit() // 5} levels deep)") from None
