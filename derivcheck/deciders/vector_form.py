"""A vector step at the vector level: its components lifted to inner products of the declared vectors, checked.

The reader gives a vector step only at a chosen dimension d, as components: `a[k]` for a vector `a`, `a[i, k]` for
the family member `a_i`. `lift` rewrites it in terms of the vectors themselves: each sum over the components,
sum_k B(x_k, y_k) with B a quadratic form in component-k expressions, becomes the inner products
`Inner(x, y)` of the vector-level expressions (`Vec("a")`, `a_i` as `Indexed(IndexedBase(Vec("a")), i)`), and a
vector-valued side becomes one vector-level linear combination. What cannot be lifted is not invariant under
rotations: a component on its own (`a[1]`), a literal column vector, a sum over components that is not a quadratic
form (sum_k a_k^4), a function of a component (e^{a_k}). Then `lift` returns None.

The lift is never trusted: `lift_step` lowers the vector-level step again (`lower`: each inner product written
out over d components) and requires it to be the reader's own step at several dimensions (1, 2, 3 and m + 1 for
m vectors), so that "the step at dimension d is F(the vectors' inner products)" is checked, not assumed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import sympy as sp
from sympy.concrete.expr_with_limits import ExprWithLimits

from derivcheck.deciders.same_value import same
from derivcheck.deciders.unify import outermost
from derivcheck.reader.declarations import single_vector, vector_family

LIFT_DIMENSION = 2  # at d = 1 a product a_1 b_1 is both a^T b and a component product: lift at 2, check at others
_COMPONENT = re.compile(r"^(.+)\[(\d+)\]$")


class Vec(sp.Symbol):
    """A declared vector (or a family's label) as one object, not its components."""


class Inner(sp.Function):
    """<u, v> of two vector-level expressions; symmetric (arguments in canonical order), <u, u> >= 0."""

    nargs = 2
    is_real = True

    @classmethod
    def eval(cls, u, v):
        if sp.default_sort_key(u) > sp.default_sort_key(v):
            return cls(v, u)
        return None

    def _eval_is_nonnegative(self):
        return True if self.args[0] == self.args[1] else None


def norm(u):
    return sp.sqrt(Inner(u, u))


class NotInvariant(ValueError):
    """The expression is not built from inner products, norms and linear combinations of the declared vectors."""


@dataclass
class VectorStep:
    lhs: object  # scalar expressions in Inner(...), or vector-level linear expressions when vector_valued
    rel: str
    rhs: object
    vectors: tuple  # the single vectors (Vec), in order of first appearance
    families: tuple  # the families' labels (Vec)
    vector_valued: bool
    dimensions: tuple  # where the lowered step was checked against the reader's


# -- components --------------------------------------------------------------------------------
def component(atom, declared: dict):
    """(vector-level atom, k) of a component atom, or None; `declared` maps each declared vector's name to whether
    it is a family (the reader's `Declarations.vectors`)."""
    if isinstance(atom, sp.Symbol) and not isinstance(atom, Vec):
        m = _COMPONENT.match(atom.name)
        if m and (single_vector(declared.get(m.group(1))) or _member(m.group(1), declared)):
            return Vec(m.group(1)), int(m.group(2))
    if isinstance(atom, sp.Indexed) and vector_family(declared.get(str(atom.base.label))) and len(atom.indices) >= 2:
        k = atom.indices[-1]
        if k.is_Integer and k >= 1:
            return sp.Indexed(sp.IndexedBase(Vec(str(atom.base.label))), *atom.indices[:-1]), int(k)
    return None


def _member(name: str, declared: dict) -> bool:
    """A member of a declared family whose subscript is no index (theta_t, a_1): the reader makes it one vector."""
    stem = name.split("_", 1)[0]
    return name not in declared and stem != name and vector_family(declared.get(stem))


def _atoms(e):
    return e.atoms(sp.Symbol, sp.Indexed)


def _components(e, declared) -> dict:
    out = {}
    for a in _atoms(e):
        c = component(a, declared)
        if c is not None:
            out[a] = c
    return out


def lower(e, d: int, vector_valued: bool = False):
    """The vector-level expression at dimension d: every inner product written out over the d components; a
    vector-valued (linear) expression as a column of d components."""
    e = sp.sympify(e).replace(lambda x: isinstance(x, Inner),
                              lambda x: sp.Add(*[at_component(x.args[0], k) * at_component(x.args[1], k)
                                                 for k in range(1, d + 1)]))
    if vector_valued and e != 0:
        return sp.Matrix([at_component(e, k) for k in range(1, d + 1)])
    return e


def bound_symbols(e) -> set:
    """The variables some operator in e binds: summation indices, a limit's variable, a derivative's."""
    e = sp.sympify(e)
    out = {v for s in e.atoms(ExprWithLimits) for v in s.variables}
    out |= {lim.args[1] for lim in e.atoms(sp.Limit)}
    out |= {v for der in e.atoms(sp.Derivative) for v in der.variables}
    return out


def as_numbers(e):
    """e with each inner product as a number of its sign (<u, u> >= 0): a fresh symbol, or where it depends on a
    variable an operator binds (<a_i, b> in a sum over i), an undefined function of that variable, so that two
    inner products are never taken as one number unless they are the same for every value of the index."""
    bound = bound_symbols(e)
    subs, functions = {}, {}  # <theta, a_i> and <theta, a_j>: one function, at i and at j
    for g in sorted(e.atoms(Inner), key=sp.default_sort_key):
        props = {"nonnegative": True} if g.args[0] == g.args[1] else {"real": True}
        args = sorted(g.free_symbols & bound, key=str)
        shape = g.xreplace(dict(zip(args, _PLACES))) if len(args) <= len(_PLACES) else g  # more: never merged
        if shape not in functions:
            functions[shape] = sp.Function(f"_G{len(functions)}", **props) if args else sp.Symbol(
                f"_G{len(functions)}", **props)
        subs[g] = functions[shape](*args) if args else functions[shape]
    return e.xreplace(subs)


_PLACES = [sp.Dummy(f"u{k}", integer=True) for k in range(8)]


def vector_valued(e) -> bool:
    """e has a declared vector outside every inner product: it is a vector, not a number. Each inner product becomes
    a symbol of its own, not a number: (<a, b> - 1) a must not cancel to 0 when <a, b> is written as 1."""
    e = sp.sympify(e)
    e = e.xreplace({g: sp.Dummy("inner") for g in e.atoms(Inner)})
    return bool(_vector_atoms(e))


def _vector_atoms(e) -> set:
    out = {a for a in e.atoms(Vec)}
    out |= {a for a in e.atoms(sp.Indexed) if isinstance(a.base.label, Vec)}
    return out


def at_component(e, k: int):
    """Component k of a vector-level linear expression (its vectors replaced by their k-th components)."""
    def indexed(x):
        return isinstance(x, sp.Indexed) and isinstance(x.base.label, Vec)

    e = e.replace(indexed, lambda x: sp.Indexed(sp.IndexedBase(x.base.label.name, real=True), *x.indices, k))
    return e.xreplace({v: sp.Symbol(f"{v.name}[{k}]", real=True) for v in e.atoms(Vec)})


# -- the lift ----------------------------------------------------------------------------------
class _Lifter:
    def __init__(self, declared: dict, d: int):
        self.declared, self.d = declared, d

    def lift(self, e):
        """(lifted expression, k): k is the component index of an open (component-k) expression, None if closed."""
        e = sp.sympify(e)
        comps = _components(e, self.declared)
        if not comps:
            return e, None
        if e in comps:
            return e, comps[e][1]
        if e.is_Add:
            return self._add(e)
        if e.is_Mul:
            parts = [self.lift(a) for a in e.args]
            ks = {k for _, k in parts if k is not None}
            if len(ks) > 1:
                raise NotInvariant("a product of different components")
            return sp.Mul(*[x for x, _ in parts]), next(iter(ks), None)
        if e.is_Pow:
            base, k = self.lift(e.base)
            exp, k2 = self.lift(e.exp)
            if k2 is not None:
                raise NotInvariant("a component in an exponent")
            return sp.Pow(base, exp), k
        if isinstance(e, (sp.Sum, sp.Limit, sp.Derivative)):
            return self._operator(e)
        parts = [self.lift(a) for a in e.args]
        if any(k is not None for _, k in parts):
            raise NotInvariant(f"{type(e).__name__} of a component")
        return e.func(*[x for x, _ in parts]), None

    def _operator(self, e):
        body, k = self.lift(e.args[0])
        rest = [self.lift(a) for a in e.args[1:]] if not isinstance(e, sp.Sum) else []
        if isinstance(e, sp.Sum):
            limits = e.limits
            if any(_components(sp.Tuple(*lim), self.declared) for lim in limits):
                raise NotInvariant("a component in a sum's limits")
            return sp.Sum(body, *limits), k
        if any(k2 is not None for _, k2 in rest):
            raise NotInvariant("a component as a limit's or derivative's variable")
        return e.func(body, *[x for x, _ in rest]), k

    def _add(self, e):
        closed, groups = [], {}
        for a in e.args:
            x, k = self.lift(a)
            if k is None:
                closed.append(x)
            else:
                groups.setdefault(k, []).append(x)
        if not groups:
            return sp.Add(*closed), None
        if len(groups) == 1 and not closed and all(_linear(t, self.declared) for t in groups[next(iter(groups))]):
            k = next(iter(groups))
            return sp.Add(*groups[k]), k  # one component of a linear combination, still open
        if set(groups) != set(range(1, self.d + 1)):
            raise NotInvariant("a sum over some of the components only")
        first = sp.Add(*groups[1])
        for k in range(2, self.d + 1):
            if relabel(first, k, self.declared) != sp.Add(*groups[k]):
                raise NotInvariant("components that differ in form")
        return sp.Add(*closed, self._quadratic(first)), None

    def _quadratic(self, g):
        """sum over the terms c L1 L2 of component-1 linear expressions -> sum of c <L1, L2>."""
        out = []
        for term in sp.Add.make_args(g):
            coeff, opens = [], []
            for f in sp.Mul.make_args(term):
                if not _components(f, self.declared):
                    coeff.append(f)
                elif f.is_Pow and f.exp == 2:
                    opens += [f.base, f.base]
                else:
                    opens.append(f)
            if len(opens) != 2:
                raise NotInvariant("a sum over components that is not a quadratic form")
            out.append(sp.Mul(*coeff) * Inner(self.vector(opens[0]), self.vector(opens[1])))
        return sp.Add(*out)

    def vector(self, e):
        """The vector-level form of a component-1 linear expression."""
        if not _linear(e, self.declared):
            raise NotInvariant("a component that is not a linear combination of the vectors")
        return e.xreplace({a: c[0] for a, c in _components(e, self.declared).items()})


def _linear(e, declared) -> bool:
    """e is a linear combination of component atoms (with coefficients free of components): one component of a
    vector-level linear expression."""
    comps = _components(e, declared)
    if not comps:
        return False
    if e in comps:
        return True
    if e.is_Add:
        return all(_linear(a, declared) for a in e.args)
    if e.is_Mul:
        opens = [a for a in e.args if _components(a, declared)]
        return len(opens) == 1 and _linear(opens[0], declared)
    if isinstance(e, (sp.Sum, sp.Limit, sp.Derivative)):
        return _linear(e.args[0], declared)
    return False


def relabel(e, k: int, declared: dict):
    """A component-1 expression with each component atom moved to component k."""
    subs = {}
    for a, (vec, j) in _components(e, declared).items():
        if j != 1:
            raise NotInvariant("a component other than the first in the first group")
        subs[a] = at_component(vec, k)
    return e.xreplace(subs)


# -- the step -----------------------------------------------------------------------------------
def lift(e, declared: dict, d: int = LIFT_DIMENSION):
    """(vector-level expression, vector_valued) of one side read at dimension d; raises NotInvariant."""
    lifter = _Lifter(declared, d)
    if isinstance(e, sp.MatrixBase):
        if e.shape != (d, 1):
            raise NotInvariant("a side that is not a column vector of the step's dimension")
        parts = [lifter.lift(c) for c in e]
        if all(x == 0 for x, _ in parts):
            return sp.Integer(0), True
        if any(k != j for j, (_, k) in enumerate(parts, 1)):
            raise NotInvariant("a vector whose entries are not its components")
        for k, (x, _) in enumerate(parts[1:], 2):
            if relabel(parts[0][0], k, declared) != x:
                raise NotInvariant("a vector whose entries differ in form")
        return lifter.vector(parts[0][0]), True
    x, k = lifter.lift(e)
    if k is not None:
        raise NotInvariant("a component on its own")
    return x, False


def lift_step(at_dimension, rel: str, declared: dict) -> VectorStep | None:
    """The step at the vector level, or None when it is not invariant.

    Checked at dimensions 2, 3 and m + 1 (m vectors): the reader's step there lifts to the same vector-level step;
    at d = 1, where a product a_1 b_1 is ambiguous, lowering the vector-level step gives the reader's."""
    try:
        lhs_d, rhs_d = at_dimension(LIFT_DIMENSION)
        lhs, lv = lift(lhs_d, declared)
        rhs, rv = lift(rhs_d, declared)
    except NotInvariant:
        return None
    vector_valued = lv or rv
    if vector_valued and (rel not in ("=", "!=") or not ((lv or lhs == 0) and (rv or rhs == 0))):
        return None
    atoms = _vector_atoms(sp.Tuple(lhs, rhs))
    vectors = tuple(sorted((a for a in atoms if isinstance(a, Vec)), key=lambda v: v.name))
    families = tuple(sorted({a.base.label for a in atoms if isinstance(a, sp.Indexed)}, key=lambda v: v.name))
    dims = tuple(sorted({1, 2, 3, len(vectors) + 1}))
    for d in dims:
        try:
            want = at_dimension(d)
            if d == 1:
                agrees = all(same(lower(side, 1, valued), expected) for side, valued, expected in
                             zip((lhs, rhs), (lv, rv), want))
            else:
                agrees = all(lift(expected, declared, d) == (side, valued) for side, valued, expected in
                             zip((lhs, rhs), (lv, rv), want))
        except NotInvariant:
            return None
        except Exception:  # the reader refuses the step at this dimension: nothing to compare with
            return None
        if not agrees:
            return None
    return VectorStep(lhs, rel, rhs, vectors, families, vector_valued, dims)


def expand_inner(e):
    """Every inner product of linear combinations written as a combination of inner products of single vectors (or
    family members), each vector's coefficients gathered (||(p - q) a|| = |p - q| ||a||, not the square root of
    three terms); sums are kept whole."""
    def split(u):
        out = {}
        for term in sp.Add.make_args(sp.expand(u, deep=False, basic=False)):
            coeff, vec = [], []
            for f in sp.Mul.make_args(term):
                (vec if _is_vector(f) else coeff).append(f)
            if len(vec) != 1:
                raise ValueError("not a linear combination")
            out[vec[0]] = out.get(vec[0], 0) + sp.Mul(*coeff)
        return [(sp.factor_terms(c), v) for v, c in out.items()]

    def expand(g):
        try:
            return sp.Add(*[c1 * c2 * Inner(u, v) for c1, u in split(g.args[0]) for c2, v in split(g.args[1])])
        except ValueError:  # a combination SymPy writes otherwise: the inner product stays whole
            return g

    return sp.sympify(e).replace(lambda x: isinstance(x, Inner), expand)


def _is_vector(f) -> bool:
    return isinstance(f, (Vec, sp.Indexed, sp.Sum)) and vector_valued(f)


def distribute(e, rounds: int = 4):
    """Inner products of sums written as sums of inner products: <sum_i v_i, w> = sum_i <v_i, w> (the index renamed,
    so that w cannot capture it), until no inner product has a sum in it. A sum over several indices is spread over its
    outermost one first (its inner sums, which may range up to that index, spread in the next round)."""
    def spread(g):
        u, v = g.args
        if not isinstance(u, sp.Sum):
            u, v = v, u
        if not isinstance(u, sp.Sum):
            return g
        ((i, lo, hi), inner), j = outermost(u), sp.Dummy("j", integer=True)
        return sp.Sum(expand_inner(Inner(inner.xreplace({i: j}), v)), (j, lo, hi))

    for _ in range(rounds):
        out = expand_inner(e.replace(lambda x: isinstance(x, Inner) and x.has(sp.Sum), spread))
        if out == e:
            break
        e = out
    return e
