"""The strict reader, part 2: names, symbols and variables (subscripts, accents, declared vectors and indices).

A mixin of `notation.Parser`; see `notation` for the rules.
"""

from __future__ import annotations

import re

import sympy as sp
from sympy.core.facts import InconsistentAssumptions

from derivcheck.reader.declarations import DeclarationError, vector_family
from derivcheck.reader.tokens import Token, tokenize
from derivcheck.reader.vocabulary import ACCENTS, BOLD, GREEK, NeedsDimension, ParseError, Undeclared, canonical


class Names:
    def name_token(self) -> tuple[str, str]:
        """(kind, base name) of a symbol at the cursor: a letter, a Greek letter, \\mathrm{x}, \\bar{x}, \\mathbf{x}."""
        t = self.next()
        if t.kind == "letter":
            return "letter", t.text
        if t.kind == "cmd" and t.text in GREEK:
            return "greek", t.text
        if t.kind != "cmd" or not (t.text in ("mathrm", "operatorname", "mathsf") or t.text in BOLD
                                   or t.text in ACCENTS):
            raise ParseError(f"expected a symbol, found {t.source}")
        command, inner = t.text, _font_stripped(self.take_arg())
        if command in BOLD and inner and inner[0].kind == "cmd" and inner[0].text in ACCENTS:
            command, inner = inner[0].text, _font_stripped(_one_argument(inner[1:]))  # \mathbf{\hat{w}}: \hat{w}
        word = canonical(inner)
        if command in ("mathrm", "operatorname", "mathsf"):
            if command == "mathrm" and word == "e":
                return "euler", "e"
            if word == "d":
                raise ParseError("a differential \\mathrm{d} outside \\frac{\\mathrm{d}}{\\mathrm{d}x}")
            if re.fullmatch(r"[A-Za-z]", word):
                return "letter", word
            if word in self.decl.functions:
                return "function", word
            raise ParseError(f"unsupported \\{command}{{{word}}}: declare it with '% function: {word}(x) = ...'")
        if not re.fullmatch(r"[A-Za-z]|\\?[A-Za-z]+", word) or (word.startswith("\\") and word[1:] not in GREEK):
            raise ParseError(f"\\{command}{{{word}}}: expected one letter")
        word = word.lstrip("\\")
        if command in BOLD:
            return "letter", word
        return "letter", f"{command}{{{word}}}"

    def read_name(self) -> str:
        """The canonical name of the symbol at the cursor, consumed (`\\gamma` -> gamma, `a_{i}` -> a_i, `x^*`)."""
        _, base = self.name_token()
        sub = None
        if self.at("char", "_"):
            self.i += 1
            sub = self.take_arg()
        star = self._star()
        if sub is None:
            return base + star
        text = canonical(sub)
        if not text or "" in top_level_parts(text):  # a_{} or a_{i,}: a subscript with a missing index
            raise ParseError(f"the subscript of {base}_{{{text}}} has an empty index")
        return base + (f"_{text}" if len(sub) == 1 else f"_{{{text}}}") + star

    def unify_members(self, items: list) -> list:
        """items (expressions, vectors, lists of conditions) with each member of a family read by name (y_1, a_t)
        made the family's indexed value (y[1], a[t]) when the family also appears indexed (y_i inside a sum): at
        n = 1 the sum's y[1] is y_1, and two names would make them two independent values."""
        labels = {}
        for x in items:
            for e in _expressions(x):
                for a in e.atoms(sp.Indexed):
                    labels.setdefault(str(a.base.label), (a.base, len(a.indices)))
        mapping = {}
        for value, base, sub_tokens in list(self.shared.members):  # reading an index may record members of its own
            if base not in labels and not isinstance(value, sp.MatrixBase) and self._declared_family(base, sub_tokens):
                # Delta_0 of a family declared as `\Delta_t >= 0`: the family's value, so its assumptions hold
                try:
                    rank = len(self.index_tuple(sub_tokens))
                    a = self.decl.assumptions
                    labels[base] = (sp.IndexedBase(base, **a.properties(a.family_names(base))), rank)
                except (ParseError, NeedsDimension, DeclarationError, InconsistentAssumptions):
                    continue
            if base not in labels:
                continue
            label, rank = labels[base]
            try:
                index = self.index_tuple(sub_tokens)
            except (ParseError, NeedsDimension):  # an index that cannot be read stays a name
                continue
            entries = list(value) if isinstance(value, sp.MatrixBase) else [value]
            if len(index) + (isinstance(value, sp.MatrixBase)) != rank:
                continue
            for k, c in enumerate(entries, 1):
                mapping[c] = sp.Indexed(label, *index, k) if isinstance(value, sp.MatrixBase) else \
                    sp.Indexed(label, *index)
        if not mapping:
            return items
        return [[c.substituted(mapping) for c in x] if isinstance(x, list) else x.xreplace(mapping) if x is not None
                else None for x in items]

    def _declared_family(self, base: str, sub_tokens=None) -> bool:
        """An assumption is declared for the family's members over declared indices (`\\Delta_t >= 0` with
        `% index: t in 0..T`, `a_{k,i} > 0` with k and i declared), or the member has number subscripts (a_1,
        a_{1,2} with `a_i positive`, i no declared index); not for one name with a letter subscript (`\\theta_t
        real` with t no index: one value, theta_t)."""
        declared = [top_level_parts(n[len(base) + 1:].strip("{}")) for n in self.decl.assumptions.family_names(base)
                    if n.startswith(base + "_")]
        if any(all(k in self.decl.indices for k in parts) for parts in declared):
            return True
        # read from the tokens, not parsed: parsing an index records members of its own while they are walked
        numbers = top_level_parts("".join(t.text for t in sub_tokens or () if t.text not in "{}"))
        return all(k.isdigit() for k in numbers) and any(len(parts) == len(numbers) for parts in declared)

    def symbol(self, gradient: bool = False):
        """A symbol, a call of a declared function (the gradient of the call when `gradient`), or a variable."""
        start = self.i
        kind, base = self.name_token()
        if kind == "euler":
            if self.at("char", "_"):
                raise ParseError("a subscript on \\mathrm{e}")
            return sp.E
        sub_tokens = None
        if self.at("char", "_"):
            self.i += 1
            sub_tokens = self.take_arg()
        primes = 0
        while self.at("char", "'"):
            self.i += 1
            primes += 1
        star = self._star()
        if sub_tokens is not None and star == "" and self.at("char", "_"):
            raise ParseError("two subscripts: write one, x_{ij} or x_{i,j}")
        sub_text = canonical(sub_tokens) if sub_tokens is not None else None
        name = base + (f"_{sub_text}" if sub_text is not None and len(sub_tokens) == 1 else
                       f"_{{{sub_text}}}" if sub_text is not None else "") + star
        fname = name if name in self.decl.functions else base if base in self.decl.functions else None
        if kind == "function" or fname is not None or (base == "sigma" and sub_tokens is None
                                                          and not self.decl.is_variable("sigma")):
            return self.call(fname or base, primes, gradient)
        if gradient:
            raise ParseError(f"\\nabla {name}: {name} is not a declared function; declare it ('% function: "
                             f"{name}(\\theta) = ...') or write \\nabla_\\theta (...) for the gradient of an expression")
        if primes:
            name += "'" * primes
            if self.at("char", "("):
                raise ParseError(f"{name}(...): a derivative of an undeclared function; declare it: "
                                 f"'% function: {base}(x) = ...' (or '% function: {base}' for an arbitrary one)")
        if base == "E" and self.at("char", "[") and not self.decl.is_variable(name):
            raise ParseError(f"{name}[...]: an expectation? write \\mathbb{{E}}_i[...] over a declared index "
                             f"('% index: i in 1..n'); or declare {name} as a variable ('% assume: {name} real')")
        braced_call = self.at("char", "{") and self.at("char", "(", k=1)  # SymPy's g{\left(x\right)}
        if (self.at("char", "(") or braced_call) and name not in self.bound and not self.decl.is_variable(name):
            group = self._group_tokens()
            inside = {canonical([t]) for t in group}
            if base not in inside and ("\\" + base) not in inside:
                src = canonical(self.toks[start:self.i])
                arg = _source(group) if len(group) <= 4 else "x"
                raise Undeclared(f"{src}(...) is ambiguous: a function call or a product? Declare it: "
                                 f"'% function: {src}({arg}) = ...' (a function; '% function: {src}' for an arbitrary "
                                 f"one; '% vector: {arg} in R^d' too if {arg} is a vector) or '% assume: {src} real' "
                                 "(a variable)")
        return self.variable(name, base, sub_tokens, bool(star))

    def _braced_name_with_subscript(self) -> bool:
        """SymPy writes an indexed symbol as {y}_{i}: unwrap the braces so that y_i is read as one symbol."""
        t1, t2, t3 = self.peek(1), self.peek(2), self.peek(3)
        if t1 is None or t2 is None or t3 is None or not (t2.kind == "char" and t2.text == "}"):
            return False
        if not (t1.kind == "letter" or (t1.kind == "cmd" and t1.text in GREEK)):
            return False
        if not (t3.kind == "char" and t3.text == "_"):
            return False
        del self.toks[self.i + 2]
        del self.toks[self.i]
        return True

    def _group_tokens(self) -> list[Token]:
        save = self.i
        try:
            return self.take_group() if self.at("char", "{") else self.take_group("(", ")")
        finally:
            self.i = save

    def _star(self) -> str:
        """`^*`, `^\\star`, `^{*}` after a name: "^*" (consumed), else "". `^{*\\top}` is x^* transposed: the star is
        consumed and `^\\top` left for the power that follows."""
        if not self.at("char", "^"):
            return ""
        nxt = self.peek(1)
        if nxt is not None and canonical([nxt]) in ("*", "\\star", "\\ast"):
            self.i += 2
            return "^*"
        if not self.at("char", "{", k=1):
            return ""
        save = self.i
        self.i += 1
        group = self.take_group()
        text = canonical(group)
        if text in ("*", "\\star", "\\ast"):
            return "^*"
        if text in ("*\\top", "\\star\\top", "*T", "*\\intercal"):
            self.toks = self.toks[:self.i] + [Token("char", "^", group[0].pos), Token("cmd", "top", group[0].pos)] + \
                self.toks[self.i:]
            return "^*"
        self.i = save
        return ""

    def index_tuple(self, sub_tokens: list[Token]) -> tuple:
        """The indices of x_{...}: x_{ij} (letters side by side, each a name) is x[i, j]; x_{i,j}, x_{t+1} as written."""
        if len(sub_tokens) > 1 and all(t.kind == "letter" or (t.kind == "cmd" and t.text in GREEK) for t in sub_tokens):
            return tuple(self.parse_all([t]) for t in sub_tokens)
        return tuple(self.arg_list(sub_tokens))

    def member_of_ranged(self, family: str, name: str, sub_tokens) -> sp.Expr:
        """r_j (or r_1, r_{t+1}) where the family's range was declared for r_i with an expression end: the family's
        rewrite with its fresh member \\check{r}_i made \\check{r}_j. The range is the family's, for every member, as a
        family's other assumptions are (a_i nonnegative)."""
        rewrite = self.definition(family)
        sub = "".join(t.source + (" " if t.kind == "cmd" else "") for t in sub_tokens).strip()
        own = re.sub(r"(\\check\{[^{}]*\}_)\{[^{}]*\}", lambda m: m.group(1) + "{" + sub + "}", rewrite)
        return self.read_source(own, name, f"{name}, read through the range of its family {family}")

    def read_source(self, source: str, name: str, where: str) -> sp.Expr:
        """`source` read as one expression, with this row's bindings, while `name` is being defined."""
        p = type(self)(tokenize(source), self.decl, self.dim, dict(self.bound), False, self.defining | {name},
                       self.shared)
        value = p.expr()
        if not p.done():
            raise ParseError(f"{where}: unexpected {p.peek().source}")
        return value

    def definition(self, name: str) -> str | None:
        """The source of name's definition (`:=`, `% define:`, or a range's rewrite), the latest one, or None."""
        return next((src for n, src in reversed(self.decl.defines) if n == name), None)

    def ranged_family(self, base: str) -> str | None:
        """The family (r_i) of `base` declared by a range with an expression end, whose members have fresh values."""
        return next((n for n, (s_name, _) in self.decl.ranged.items()
                     if s_name.startswith("check{") and n.split("_")[0] == base), None)

    def variable(self, name: str, base: str, sub_tokens, starred: bool):
        if name in self.bound:
            return self.bound[name]
        defined = self.definition(name)
        if defined is not None:
            if name in self.defining:
                raise ParseError(f"the definition of {name} refers to itself")
            return self.read_source(defined, name, f"the definition of {name}")
        family = self.ranged_family(base)
        if family is not None and sub_tokens is not None:  # r_j of r_i in [0, R]: R \check{r}_j, as every member
            return self.member_of_ranged(family, name, sub_tokens)
        index = None
        if sub_tokens is not None and not starred:
            sub_names = {canonical([t]) for t in sub_tokens}
            if sub_names & (set(self.bound) | set(self.decl.indices)):
                index = self.index_tuple(sub_tokens)
        # the fresh variable of a range (s_T of T >= 2C/epsilon) is a number even where s is a vector
        fresh = any(name == s_name for s_name, _ in self.decl.ranged.values())
        vec_base = base if base in self.decl.vectors and not fresh else None
        if vec_base is not None or name in self.decl.vectors:
            if self.dim is None:
                raise NeedsDimension()
            family = self.decl.vectors[name] if name in self.decl.vectors else self.decl.vectors[base]
            if name in self.decl.vectors and not vector_family(family) and index is not None and \
                    sub_names & set(self.bound):  # one vector would be read as the same at every term of the sum
                subs = [n for n in (canonical([t]) for t in sub_tokens) if n.isalpha()]
                family_tex = sp.latex(sp.Symbol(base)) + "_{" + ",".join(subs or ["i"]) + "}"
                raise ParseError(f"{sp.latex(sp.Symbol(name))} is declared as one vector but indexed by a sum's "
                                 f"index: declare the family ('% vector: {family_tex} in R^d')")
            if family and index is not None:
                return sp.Matrix([sp.Indexed(sp.IndexedBase(base, real=True), *index, k)
                                  for k in range(1, self.dim + 1)])
            if family is True and sub_tokens is None:  # declared as a family only
                tex = sp.latex(sp.Symbol(base))
                raise ParseError(f"{tex} is declared as a family ('% vector: {tex}_i'): write a member with its "
                                 f"index, {tex}_i, or declare {tex} itself ('% vector: {tex} in R^d')")
            # one vector: declared by name, or a member of a family whose subscript is no index (theta_t, a_1)
            value = sp.Matrix([sp.Symbol(f"{name}[{k}]", real=True) for k in range(1, self.dim + 1)])
            if family:
                self.shared.members.append((value, base, sub_tokens))
            return value
        if index is not None:
            # what is declared for the family (y, or y_i for every i) holds for each of its values
            a = self.decl.assumptions
            try:
                props = a.properties(a.family_names(base))
                return sp.Indexed(sp.IndexedBase(base, **props), *index)
            except (DeclarationError, InconsistentAssumptions) as exc:  # y in {-1} with y_i > 0
                raise ParseError(str(exc).splitlines()[0] if isinstance(exc, DeclarationError) else
                                 f"the assumptions on the family {base} contradict each other") from None
        if name == "e" and not self.decl.is_variable("e"):
            return sp.E
        value = self.decl.assumptions.symbol(name)
        if sub_tokens is not None and not starred and not fresh:  # s_{\lambda_1} is no member of a family s
            self.shared.members.append((value, base, sub_tokens))
        return value


def _expressions(x) -> list:
    """The SymPy expressions in a side (an expression or a vector) or a list of conditions."""
    if x is None:
        return []
    if isinstance(x, list):
        return [e for c in x for e in (c.closed()[0], c.witness)]
    return list(x) if isinstance(x, sp.MatrixBase) else [sp.sympify(x)]


def _source(tokens) -> str:
    """Tokens written back as LaTeX, for a message: \\theta, a_i."""
    return "".join(t.source + (" " if t.kind == "cmd" else "") for t in tokens).strip()


def top_level_parts(text: str) -> list[str]:
    """text split at its commas outside braces, brackets and parentheses (the indices of a_{k,i}, the names of a
    declaration, the conditions of a row), each stripped."""
    parts, depth, start = [], 0, 0
    for k, ch in enumerate(text):
        depth += (ch in "([{") - (ch in ")]}")
        if ch == "," and depth == 0:
            parts.append(text[start:k].strip())
            start = k + 1
    return parts + [text[start:].strip()]


def _one_argument(tokens: list) -> list:
    """The tokens of one TeX argument that is all of `tokens` (a braced group, or one token); else `tokens`."""
    if len(tokens) == 1:
        return tokens
    if len(tokens) >= 2 and tokens[0].kind == "char" and tokens[0].text == "{":
        depth = 0
        for k, tok in enumerate(tokens):
            depth += (tok.kind == "char" and tok.text == "{") - (tok.kind == "char" and tok.text == "}")
            if depth == 0:
                return tokens[1:-1] if k == len(tokens) - 1 else tokens
    return tokens


def _font_stripped(tokens: list) -> list:
    """An argument with its bold wrappers taken off: \\hat{\\mathbf{w}} is \\hat{w}, as \\mathbf{w} is w."""
    while len(tokens) >= 2 and tokens[0].kind == "cmd" and tokens[0].text in BOLD:
        inner = _one_argument(tokens[1:])
        if inner is tokens[1:]:
            break
        tokens = inner
    return tokens
