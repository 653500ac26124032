"""The strict reader, part 3: calls of declared functions, elementary functions, extrema of arguments, bars, inner
products, fractions and column vectors.

A mixin of `notation.Parser`; see `notation` for the rules. A declared function's body is substituted for its call
(its bound indices renamed where an argument uses the same name, so that nothing is captured) and its conditions
(`domain_conditions`) are required at the arguments; a function of a vector is read at the reading dimension.
"""

from __future__ import annotations

import sympy as sp
from sympy.concrete.expr_with_limits import ExprWithLimits

from derivcheck.functions import Sigmoid
from derivcheck.reader import domain_conditions
from derivcheck.reader.calculus import gradient_of
from derivcheck.reader.declarations import DeclarationError
from derivcheck.reader.tokens import Token
from derivcheck.reader.vocabulary import FUNCTIONS, GREEK, NeedsDimension, ParseError, Undeclared, _is_vec, canonical


def fresh_bound(expr, avoid: set):
    """expr with each variable bound inside it (a sum's or extremum's index, a limit's variable) that is in `avoid`
    renamed to a fresh one: substituting an argument that uses i into a body with its own sum over i must not
    capture it."""
    if not avoid:
        return expr

    def rename(e):
        names = [lim[0] for lim in e.limits] if isinstance(e, ExprWithLimits) else [e.args[1]]
        clash = {v: sp.Dummy(v.name, **v.assumptions0) for v in names if v in avoid}
        return e.xreplace(clash) if clash else e

    bound = (ExprWithLimits, sp.Limit)
    if _is_vec(expr):
        return expr.applyfunc(lambda c: fresh_bound(c, avoid))
    return expr.replace(lambda e: isinstance(e, bound), rename)


def as_declared_now(expr, params, decl):
    """The mapping that gives each variable of a function's body (other than `params`: its parameters, and the indices
    its conditions range over) what is declared about it now: the body is read at the function's declaration, and
    '% assume: lambda positive' on a later line is about the same lambda (a different SymPy symbol, which the
    counterexample search would leave out). Vector components and families of vectors are real whatever is declared,
    and stay."""
    a, keep = decl.assumptions, set().union(*(sp.sympify(p).free_symbols for p in params))
    exprs = [c for e in expr for c in _entries(e)]
    out, bases = {}, set().union(*(sp.sympify(e).atoms(sp.IndexedBase) for e in exprs))
    labels = {b.label for b in bases}  # a family's name is among the free symbols of its members
    for s in set().union(*(sp.sympify(e).free_symbols for e in exprs)):
        if type(s) is sp.Symbol and s not in keep and s not in labels and "[" not in s.name:
            out[s] = a.symbol(s.name)
    for b in bases:
        name = b.label.name
        if name not in decl.vectors:
            out[b] = sp.IndexedBase(name, **a.properties(a.family_names(name)))
    return {k: v for k, v in out.items() if k != v}


def _entries(x) -> list:
    return list(x) if _is_vec(x) else [x]


def match_arguments(name: str, params, args) -> dict:
    """{parameter (or each of its components): argument (component)}, after checking count and shapes."""
    if len(params) != len(args):
        raise ParseError(f"{name} takes {len(params)} argument(s), got {len(args)}")
    mapping = {}
    for p, a in zip(params, args):
        if _is_vec(p) and not _is_vec(a) and a == 0:  # f(0), grad f(0): a paper's 0 for a vector is the zero vector
            a = sp.zeros(*p.shape)
        if _is_vec(p) != _is_vec(a) or (_is_vec(p) and p.shape != a.shape):
            raise ParseError(f"{name}: a {'vector' if _is_vec(a) else 'scalar'} argument where its declaration has a "
                             f"{'vector' if _is_vec(p) else 'scalar'} (declare the parameter with '% vector:' "
                             "before the '% function:' line if it is a vector)")
        mapping.update(zip(_entries(p), _entries(a)))
    return mapping


class Operators:
    def require(self, conditions) -> None:
        """Conditions where what is being read is defined (`domain_conditions`), for the step to carry."""
        self.conditions.extend(conditions)

    def call(self, name: str, primes: int, gradient: bool = False):
        """f(args), f'(x) or, when `gradient`, ∇f(args): the declared function's body at the arguments."""
        args = self.call_args(name)
        if name == "sigma" and name not in self.decl.functions:
            if len(args) != 1 or _is_vec(args[0]):
                raise ParseError("\\sigma takes one scalar argument")
            x = sp.Dummy("x", real=True)
            order = primes + gradient
            return sp.diff(Sigmoid(x), x, order).subs(x, args[0]) if order else Sigmoid(args[0])
        fn = self.decl.functions[name]
        if fn.later is not None:  # its body named something not yet declared on its line: read it now
            try:
                fn = fn.later(self.decl.copy())
            except (ParseError, DeclarationError) as exc:  # still undeclared: a body calling this one defers too
                raise (Undeclared if isinstance(exc, Undeclared) else ParseError)(
                    f"the definition of {name}: {exc}") from None
        if fn.arbitrary:
            if any(_is_vec(a) for a in args):
                raise ParseError(f"{name} of a vector: {name} is declared without a body; give it one ('% function: "
                                 f"{name}(\\theta) = ...'), a function of a vector is read from its definition")
            order = primes + gradient
            if order and len(args) != 1:
                raise ParseError(f"a derivative of {name}, a function of {len(args)} variables: write "
                                 "\\frac{\\partial}{\\partial x} of its call")
            f = sp.Function(name, real=True)  # a derivation's functions are real-valued, as its variables are
            if not order:
                return f(*args)
            x = sp.Dummy("x", real=True)
            return sp.Derivative(f(x), (x, order)).subs(x, args[0])
        if fn.at_dimension is not None and self.dim is None:
            raise NeedsDimension()
        params, body, conditions = (fn.params, fn.body, fn.conditions) if fn.at_dimension is None else \
            fn.at_dimension(self.dim)
        over = [i for c in conditions for i, _, _ in c.over]  # a condition's own indices (t of x^t for t in 1..T)
        now = as_declared_now([body, *(e for c in conditions for e in (c.closed()[0], c.witness))], [*params, *over],
                              self.decl)
        now.update(self.defined_in_body(name, body, [*params, *over]))
        if now:
            body, conditions = body.xreplace(now), tuple(c.substituted(now) for c in conditions)
        mapping = match_arguments(name, params, args)
        if primes:
            if len(params) != 1 or _is_vec(params[0]):
                raise ParseError(f"a prime on {name}, a function of {'a vector' if params and _is_vec(params[0]) else f'{len(params)} variables'}: "
                                 f"write \\nabla {name}(...) or \\frac{{\\partial}}{{\\partial x}}")
            body = sp.diff(body, params[0], primes)
        if gradient:
            if len(params) == 1:
                body = gradient_of(body, params[0])
            elif not any(_is_vec(p) for p in params):
                body = sp.Matrix([sp.diff(body, p) for p in params])
            else:
                raise ParseError(f"\\nabla {name}, a function of {len(params)} arguments: write \\nabla_\\theta "
                                 f"{name}(...) for the gradient with respect to one of them")
        avoid = set().union(*(sp.sympify(v).free_symbols for v in mapping.values()))
        self.require(domain_conditions.renamed(c, avoid).substituted(mapping) for c in conditions)
        return fresh_bound(body, avoid).xreplace(mapping)

    def defined_in_body(self, name: str, body, params) -> dict:
        """{a variable of the body: its value} for each one a definition gives a value where the function is called
        (`% define: c = 2`, `c := 2`, or the rewrite of a range with an expression end, a in [0, L] as L s_a): the
        body is read at the declaration, without them, and its `a` is the rows' `a`. A value that uses one of the
        function's own parameters (`% define: c = x + 1` with `g(x) = c x`) cannot be told apart from them: unparsed."""
        keep = set().union(*(sp.sympify(p).free_symbols for p in params))
        out = {}
        for s in set().union(*(sp.sympify(e).free_symbols for e in _entries(body))):
            if type(s) is not sp.Symbol or s in keep or "[" in s.name or s.name in self.bound:
                continue
            source = self.definition(s.name)
            if source is None:
                continue
            value = self.read_source(source, s.name, f"the definition of {s.name}, in the body of {name}")
            if {v.name for v in sp.sympify(value).free_symbols} & {v.name for v in keep}:
                raise ParseError(f"the body of {name} uses {s.name}, whose definition uses a parameter of {name} by "
                                 "name: rename the parameter")
            out[s] = value
        for a in set().union(*(sp.sympify(e).atoms(sp.Indexed) for e in _entries(body))):
            family = self.ranged_family(a.base.label.name)
            if family is not None:  # r_i of r_i in [0, R] declared below the function: R \check{r}_i here too
                out[a] = self.member_in_body(name, family, a)
        return out

    def member_in_body(self, name: str, family: str, member: sp.Indexed):
        """A member of a family whose range has an expression end, at the member's own indices: the family's
        rewrite (R \\check{r}_i) read here, its index moved to the member's."""
        value = self.read_source(self.definition(family), family, f"the range of {family}, in the body of {name}")
        fresh = [x for x in sp.sympify(value).atoms(sp.Indexed) if x.base.label.name.startswith("check{")]
        if len(fresh) != 1 or len(fresh[0].indices) != len(member.indices):
            raise ParseError(f"the body of {name} uses {member}, a member of {family}, whose range cannot be read "
                             "there: declare the range before the function")
        return value.xreplace(dict(zip(fresh[0].indices, member.indices)))  # an end may name the index too

    def call_args(self, name: str) -> list:
        if self.at("char", "{") and self.at("char", "(", k=1):
            inner = self.take_group()
            p = self.child(inner)
            args = p.call_args(name)
            if not p.done():
                raise ParseError(f"unexpected {p.peek().source} after the arguments of {name}")
            return args
        if not self.at("char", "("):
            raise ParseError(f"the function {name} needs its argument in parentheses")
        return self.arg_list(self.take_group("(", ")"))

    def arg_list(self, tokens: list[Token]) -> list:
        parts, depth, start = [], 0, 0
        for j, t in enumerate(tokens):
            depth += t.nesting
            if t.kind == "char" and t.text == "," and depth == 0:
                parts.append(tokens[start:j])
                start = j + 1
        parts.append(tokens[start:])
        if any(not p for p in parts):
            raise ParseError("an empty argument")
        return [self.parse_all(p) for p in parts]

    def function(self, name: str):
        self.i += 1
        fn = FUNCTIONS[name]
        base = None
        power = None
        for _ in range(2):
            if self.at("char", "_") and name in ("log",) and base is None:
                self.i += 1
                base = self.parse_all(self.take_arg())
            elif self.at("char", "^") and power is None:
                self.i += 1
                power = self.parse_all(self.take_arg())
        binders = set()
        if self.at("char", "(") or (self.at("char", "{") and self.at("char", "(", k=1)):
            args = self.call_args("\\" + name)
            if len(args) != 1:
                raise ParseError(f"\\{name} takes one argument")
            arg = args[0]
        elif self.at("char", "{"):
            arg = self.parse_all(self.take_group())
        elif self.at("cmd", "{"):  # \exp\{-x^2/2\}, \exp\left\{...\right\}: braces a reader sees, as parentheses
            arg = self.parse_all(self.take_group("{", "}", kind="cmd"))
        elif self.at("cmd", "sum", "prod", "max", "min") and self.at("char", "_", k=1):
            arg, binders = self.primary()  # \log \sum_i e^{z_i}: the sum takes the rest of the product, as always
        elif self.at("cmd") and self.peek().text in FUNCTIONS:  # \log\cosh\lambda: log(cosh(lambda))
            arg, binders = self.function(self.peek().text)
        elif self.at("char", "|") or self.at("cmd", "|", "lvert", "lVert", "sqrt", "frac", "dfrac", "tfrac", "mathbb"):
            arg, _ = self.primary()  # \log|x|, \log\sqrt{ab}, \log\frac{a}{b}, \log\mathbb{E}_i[x_i]: one atom
            if self.at("char", "^") or (self.starts_factor() and not self.at("cmd")):
                raise ParseError(f"ambiguous argument of \\{name}: write \\{name}(...) with parentheses")
        else:
            if not (self.at("letter") or self.at("num") or (self.at("cmd") and self.peek().text in GREEK | {"pi"})):
                raise ParseError(f"\\{name} without parentheses must be followed by one symbol or number: write "
                                 f"\\{name}(...)")
            arg, _ = self.primary()
            if self.at("char", "^") or self.at("char", "!") or (self.starts_factor() and not self.at("cmd")):
                raise ParseError(f"ambiguous argument of \\{name}: write \\{name}(...) with parentheses")
        if _is_vec(arg):
            raise ParseError(f"\\{name} of a vector: write it of a norm or a component")
        if fn is sp.log:
            self.require(domain_conditions.logarithm(arg))
        else:
            self.require(domain_conditions.function_argument(name, arg))
        if base is not None:
            self.require(domain_conditions.log_base(base))
        value = fn(arg) if base is None else sp.log(arg, base)
        if power is not None:
            if power == -1:
                raise ParseError(f"\\{name}^{{-1}}: an inverse or a reciprocal? write it out: "
                                 f"\\frac{{1}}{{\\{name} x}} or \\arc{name}")
            self.require(domain_conditions.power(value, power))
            value = value ** power
        return value, binders

    def extremum(self, name: str):
        """\\max\\{a, b\\}, \\max(a, b); \\max_i body over an index (`binders`)."""
        if self.at("char", "_", k=1):
            return self.extremum_over_index(name)
        self.i += 1
        if self.at("cmd", "{"):
            self.i += 1
            args = self.arg_list(self.take_until("cmd", "}", f"\\{name}\\{{"))
        else:
            args = self.call_args("\\" + name)
        if len(args) < 2 or any(_is_vec(a) for a in args):
            raise ParseError(f"\\{name} needs at least two scalar arguments")
        return (sp.Max if name == "max" else sp.Min)(*args), set()

    def bars(self, kind: str, close: str, what: str):
        p = self.child(self.take_until(kind, close, f"an {what}"), in_bars=True)
        value = p.expr()
        if not p.done():
            raise ParseError(f"unexpected {p.peek().source} inside an {what}")
        if what == "norm":
            if self.at("char", "_"):
                self.i += 1
                if canonical(self.take_arg()) != "2":
                    raise ParseError("only the Euclidean norm \\|x\\|_2 is supported")
            if _is_vec(value):
                if value.shape[1] != 1:
                    raise ParseError("a norm of a transposed vector")
                return sp.sqrt(sum(c ** 2 for c in value))
            if sp.sympify(value).free_symbols:  # \|x\| with x undeclared: a vector the author did not declare?
                names = ", ".join(sorted(sp.latex(v) for v in sp.sympify(value).free_symbols
                                         if isinstance(v, sp.Symbol))) or "x"
                raise ParseError(f"a norm \\|...\\| of a scalar: declare the vector ('% vector: {names} in R^d'), or "
                                 "write |...| for an absolute value")
            return sp.Abs(value)
        if _is_vec(value):
            raise ParseError("|x| of a vector: use \\|x\\| for its norm")
        return sp.Abs(value)

    def inner_product(self):
        self.i += 1
        args = self.arg_list(self.take_until("cmd", "rangle", "\\langle"))
        if len(args) != 2 or not all(_is_vec(a) and a.shape[1] == 1 for a in args):
            raise ParseError("\\langle a, b \\rangle needs two vectors: declare them ('% vector: a, b in R^d')")
        return (args[0].T * args[1])[0, 0]

    def fraction(self):
        self.i += 1
        num, den = self.take_arg(), self.take_arg()
        deriv = self.derivative_operator(num, den)
        if deriv is not None:
            return deriv
        n, d = self.parse_all(num), self.parse_all(den)
        if _is_vec(d):
            raise ParseError("division by a vector")
        self.require(domain_conditions.denominator(d))
        return (n / d if not _is_vec(n) else n * (1 / d)), set()

    def matrix(self):
        """\\begin{matrix} a \\\\ b \\end{matrix} (also pmatrix, bmatrix): a column of scalars."""
        self.i += 1
        env = canonical(self.take_group())
        if env not in ("matrix", "pmatrix", "bmatrix"):
            raise ParseError(f"unsupported environment {env} inside a formula")
        inner = self.take_until("cmd", "end", f"\\begin{{{env}}}")
        if canonical(self.take_group()) != env:
            raise ParseError(f"\\begin{{{env}}} closed by another environment")
        rows, cur = [], []
        for t in inner:
            if t.kind == "cmd" and t.text == "\\":
                rows.append(cur)
                cur = []
            else:
                cur.append(t)
        if cur:
            rows.append(cur)
        entries = [self.parse_all(r) for r in rows if r]
        if not entries or any(_is_vec(e) for e in entries):
            raise ParseError("a matrix literal must be a column of scalars")
        return sp.Matrix(entries)

