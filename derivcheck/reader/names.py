"""The strict reader, part 2: names, symbols and variables (subscripts, accents, declared vectors and indices).

A mixin of `notation.Parser`; see `notation` for the rules.
"""

from __future__ import annotations

import re

import sympy as sp
from sympy.core.facts import InconsistentAssumptions

from derivcheck.reader.declarations import DeclarationError
from derivcheck.reader.tokens import Token, tokenize
from derivcheck.reader.vocabulary import BOLD, GREEK, NeedsDimension, ParseError, canonical


class Names:
    def name_token(self) -> tuple[str, str]:
        """(kind, base name) of a symbol at the cursor: a letter, a Greek letter, \\mathrm{x}, \\bar{x}, \\mathbf{x}."""
        t = self.next()
        if t.kind == "letter":
            return "letter", t.text
        if t.text in GREEK:
            return "greek", t.text
        inner = self.take_arg()
        word = canonical(inner)
        if t.text in ("mathrm", "operatorname", "mathsf"):
            if t.text == "mathrm" and word == "e":
                return "euler", "e"
            if word == "d":
                raise ParseError("a differential \\mathrm{d} outside \\frac{\\mathrm{d}}{\\mathrm{d}x}")
            if re.fullmatch(r"[A-Za-z]", word):
                return "letter", word
            if word in self.decl.functions:
                return "function", word
            raise ParseError(f"unsupported \\{t.text}{{{word}}}: declare it with '% function: {word}(x) = ...'")
        if not re.fullmatch(r"[A-Za-z]|\\?[A-Za-z]+", word) or (word.startswith("\\") and word[1:] not in GREEK):
            raise ParseError(f"\\{t.text}{{{word}}}: expected one letter")
        word = word.lstrip("\\")
        if t.text in BOLD:
            return "letter", word
        return "letter", f"{t.text}{{{word}}}"

    def symbol(self):
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
        star = ""
        if self.at("char", "^") and canonical(self.toks[self.i + 1:self.i + 2]) in ("*", "\\star", "\\ast") or \
                (self.at("char", "^") and self.at("char", "{", k=1)
                 and canonical(self.toks[self.i + 2:self.i + 4]) in ("*}", "\\star}", "\\ast}")):
            self.i += 1
            self.take_arg()
            star = "^*"
        if sub_tokens is not None and star == "" and self.at("char", "_"):
            raise ParseError("two subscripts")
        sub_text = canonical(sub_tokens) if sub_tokens is not None else None
        name = base + (f"_{sub_text}" if sub_text is not None and len(sub_tokens) == 1 else
                       f"_{{{sub_text}}}" if sub_text is not None else "") + star
        fname = name if name in self.decl.functions else base if base in self.decl.functions else None
        if kind == "function" or fname is not None or (base == "sigma" and sub_tokens is None
                                                          and not self.decl.is_variable("sigma")):
            return self.call(fname or base, primes)
        if primes:
            name += "'" * primes
            if self.at("char", "("):
                raise ParseError(f"{name}(...): a derivative of an undeclared function; declare it with '% function:'")
        braced_call = self.at("char", "{") and self.at("char", "(", k=1)  # SymPy's g{\left(x\right)}
        if (self.at("char", "(") or braced_call) and name not in self.bound and not self.decl.is_variable(name):
            inside = {canonical([t]) for t in self._group_tokens()}
            if base not in inside and ("\\" + base) not in inside:
                src = canonical(self.toks[start:self.i])
                raise ParseError(f"{src}(...) is ambiguous: a function call or a product? Declare {src} with "
                                 f"'% function:' (a function) or '% assume:' (a variable)")
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

    def variable(self, name: str, base: str, sub_tokens, starred: bool):
        if name in self.bound:
            return self.bound[name]
        defined = next((src for n, src in self.decl.defines if n == name), None)
        if defined is not None:
            if name in self.defining:
                raise ParseError(f"the definition of {name} refers to itself")
            p = type(self)(tokenize(defined), self.decl, self.dim, dict(self.bound), False, self.defining | {name})
            value = p.expr()
            if not p.done():
                raise ParseError(f"the definition of {name}: unexpected {p.peek().source}")
            return value
        index = None
        if sub_tokens is not None and not starred:
            sub_names = {canonical([t]) for t in sub_tokens}
            if sub_names & (set(self.bound) | set(self.decl.indices)):
                index = tuple(self.arg_list(sub_tokens))
        vec_base = base if base in self.decl.vectors else None
        if vec_base is not None or name in self.decl.vectors:
            if self.dim is None:
                raise NeedsDimension()
            family = self.decl.vectors.get(vec_base or name, False)
            if family:
                if index is None:
                    raise ParseError(f"{base} is declared as a family a_i: it needs an index")
                return sp.Matrix([sp.Indexed(sp.IndexedBase(base, real=True), *index, k)
                                  for k in range(1, self.dim + 1)])
            return sp.Matrix([sp.Symbol(f"{name}[{k}]", real=True) for k in range(1, self.dim + 1)])
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
        return self.decl.assumptions.symbol(name)
