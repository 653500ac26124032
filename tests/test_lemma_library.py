"""The lemma library (derivcheck/deciders/lemmas.py): each lemma proved once, or checked against its instances.

The one-variable bounds (harmonic, 1/sqrt(t), Basel) are proved by induction on T (`induction`; the logarithmic
ones through log(1 + u) between u/(1 + u) and u), the geometric sum and telescoping by induction on the upper
limit, the triangle inequality over a sum from the two-vector one (proved for every d by the rotation normal form);
the cited ones (Cauchy-Schwarz, Jensen, AM-GM, Euler's sum) hold at random instances, which also catches a typo in
the library's data."""

from __future__ import annotations

import random

import pytest
import sympy as sp

from derivcheck.deciders import induction, lemmas, unify
from derivcheck.deciders.judge import judge
from derivcheck.deciders.prover import prove_relation, prove_zero
from derivcheck.deciders.vector_form import Vec, lower
from derivcheck.reader.declarations import Assumptions
from derivcheck.reader.document import read_latex
from derivcheck.verdicts import check

T = sp.Symbol("T", integer=True, positive=True)
t = sp.Symbol("t", integer=True)
rho = sp.Symbol("rho", positive=True)
A = Assumptions()


# -- each lemma, proved once ----------------------------------------------------------------------------------
ONE_VARIABLE = [lem for lem in lemmas.LEMMAS if "induction on T" in lem.proof]


@pytest.mark.parametrize("lemma", ONE_VARIABLE, ids=[f"{lem.name} {lem.rel}" for lem in ONE_VARIABLE])
def test_each_bound_in_one_variable_is_proved_by_induction(lemma):
    atom, bound = (lemma.atom.xreplace({lemmas.Hi: T}), lemma.bound.xreplace({lemmas.Hi: T}))
    if not bound.has(sp.log):
        assert induction.prove(atom, lemma.rel, bound, A).startswith("induction on T from T = 1")
        return
    # a bound with a logarithm: its inductive step is log(1 + u) between u/(1 + u) and u (monotone from u = 0)
    diff = induction._increment(bound - atom if lemma.rel == "<=" else atom - bound, T,
                                induction._variable(atom, bound)[1])
    u = sp.Symbol("u", positive=True)
    outer = 1 / u if lemma.rel == "<=" else 1 / u - 1  # T = 1/u (upper bound) or T + 1 = 1/u (lower bound)
    target = sp.log(1 + u) - u / (1 + u) if lemma.rel == "<=" else u - sp.log(1 + u)
    assert prove_zero(sp.expand_log(diff.xreplace({T: outer}), force=True) - target)[0]
    assert prove_relation(sp.Integer(0), "<=", target)[0]
    base = (bound - atom if lemma.rel == "<=" else atom - bound).xreplace({T: 1}).doit()
    assert prove_relation(sp.Integer(0), "<=", base)[0]


def test_geometric_sum_and_telescoping_by_induction():
    a, b = sp.Symbol("a", integer=True, nonnegative=True), sp.Symbol("b", integer=True)
    geometric = lemmas.LEMMAS[[lem.name for lem in lemmas.LEMMAS].index("the geometric sum")]
    statement = (geometric.atom.xreplace({lemmas.R: rho, lemmas.Lo: 0, lemmas.Hi: T}), "=",
                 geometric.bound.xreplace({lemmas.R: rho, lemmas.Lo: 0, lemmas.Hi: T}))
    assert induction.prove(*statement, A).startswith("induction on T")
    # for every start a: the difference of consecutive sums is the new term r^(b+1)
    g = sp.Lambda(b, (rho ** a - rho ** (b + 1)) / (1 - rho))
    assert prove_zero(g(b + 1) - g(b) - rho ** (b + 1))[0] and prove_zero(g(a - 1))[0]
    f = sp.Function("f")
    assert prove_zero(sp.Sum(f(t + 1) - f(t), (t, 1, 4)).doit() - (f(5) - f(1)))[0]


def test_the_triangle_inequality_for_two_vectors_the_induction_step_is_proved_for_every_d():
    steps, _ = read_latex("% vector: u, v in R^d\n\\begin{align} \\|u + v\\| &\\le \\|u\\| + \\|v\\| \\end{align}")
    v = check(steps[0], 1)
    assert v.verdict == "proved" and v.method.startswith("for every d")


def _instance(lemma, k: int, rng):
    """The lemma at n = k with random values: (atom, bound) as numbers, or None when its conditions fail."""
    vals = [sp.Rational(rng.randint(-12, 12), rng.randint(1, 5)) for _ in range(k)]
    weights = [abs(v) for v in vals[::-1]]
    a = [sp.Matrix([rng.randint(-5, 5), rng.randint(-5, 5)]) for _ in range(k)]
    r = sp.Rational(rng.randint(1, 9), 10)
    ones = [sp.Rational(1, k)] * k
    binding = {lemmas.Lo: sp.Integer(1), lemmas.Hi: sp.Integer(k), lemmas.R: r, lemmas.Q: sp.Rational(k + 1, 2)}
    phi = {"convex": sp.Lambda(t, sp.exp(t)), "concave": sp.Lambda(t, sp.log(t))}
    positive = any(c.kind == "concave" or c.prop == "positive" or (c.kind == "term" and c.prop == "nonnegative"
                                                                   and c.expr.has(lemmas.X))
                   for c in lemma.conditions)
    xs = [abs(v) + 1 for v in vals] if positive else vals
    if any(c.kind == "term" and c.expr == 1 - lemmas.X(lemmas.i) for c in lemma.conditions):
        xs = [abs(v) / (abs(v) + 1) for v in vals]  # x_i in [0, 1): the Weierstrass product inequality's range
    kind = next((c.kind for c in lemma.conditions if c.kind in phi), None)
    idx = sp.Symbol("_ix", integer=True)
    ws = ones if any(c.kind == "one" for c in lemma.conditions) else weights
    binding.update({lemmas.X: sp.Lambda(idx, sp.Indexed(sp.IndexedBase("X"), idx)),
                    lemmas.Y: sp.Lambda(idx, sp.Indexed(sp.IndexedBase("Y"), idx)),
                    lemmas.W: sp.Lambda(idx, sp.Indexed(sp.IndexedBase("W"), idx)),
                    lemmas.V: sp.Lambda(idx, sp.Indexed(sp.IndexedBase(Vec("V")), idx))})
    if kind:
        binding[lemmas.Phi] = phi[kind]
    subs = {}
    xs = xs + [vals[0] + 3]  # x_{n+1}, for telescoping
    for m in range(1, k + 2):
        subs[sp.Indexed(sp.IndexedBase("X"), m)] = xs[m - 1]
    for m in range(1, k + 1):
        subs[sp.Indexed(sp.IndexedBase("Y"), m)] = vals[(m * 7) % k]
        subs[sp.Indexed(sp.IndexedBase("W"), m)] = ws[m - 1]
        for c in (1, 2):
            subs[sp.Indexed(sp.IndexedBase("V", real=True), m, c)] = a[m - 1][c - 1]
    atom, bound = (unify.instantiate(e, binding) for e in (lemma.atom, lemma.bound))
    if lemma.vector:
        atom, bound = lower(atom, 2), lower(bound, 2)
    return atom.doit().xreplace(subs), bound.doit().xreplace(subs)


@pytest.mark.parametrize("lemma", lemmas.LEMMAS, ids=[f"{lem.name} {lem.rel} {k}" for k, lem in
                                                      enumerate(lemmas.LEMMAS)])
def test_every_lemma_holds_at_random_instances(lemma):
    rng = random.Random(7)
    for k in (1, 2, 3, 5):
        atom, bound = _instance(lemma, k, rng)
        holds, lv, rv, note = judge(atom, lemma.rel, bound, {})
        assert holds is True, (lemma.name, k, lv, rv, note)


def test_every_lemma_names_its_proof_and_conditions_of_known_kinds():
    for lem in lemmas.LEMMAS:
        assert lem.proof and lem.tex and lem.rel in ("<=", ">=", "=")
        assert all(c.kind in lemmas.CONDITION_KINDS for c in lem.conditions)



def test_the_power_lemmas_hold_on_their_conditions_and_fail_without_them():
    # r^q <= e^{q(r - 1)} (r >= 0, q >= 0) and Bernoulli r^q >= 1 + q(r - 1) (r >= 0, q >= 1), at the ends of
    # their conditions (r = 0, q = 0, q = 1, r = 1) and beyond; each condition dropped, a point that refutes it
    named = {lem.name: lem for lem in lemmas.POINT_LEMMAS}
    above, bernoulli = named["a power is at most the exponential"], named["Bernoulli's inequality"]
    assert (above.rel, bernoulli.rel) == ("<=", ">=")
    rs = [sp.Integer(0), sp.Rational(1, 3), sp.Integer(1), sp.Rational(7, 2)]
    for lemma, qs in ((above, [0, sp.Rational(1, 2), 1, 5]), (bernoulli, [1, sp.Rational(3, 2), 4])):
        for r in rs:
            for q in qs:
                atom, bound = (unify.instantiate(e, {lemmas.R: r, lemmas.Q: sp.sympify(q)})
                               for e in (lemma.atom, lemma.bound))
                assert judge(atom, lemma.rel, bound, {})[0] is True, (lemma.name, r, q)

    def holds(lemma, r, q):
        atom, bound = (unify.instantiate(e, {lemmas.R: r, lemmas.Q: q}) for e in (lemma.atom, lemma.bound))
        return judge(atom, lemma.rel, bound, {})[0]

    assert holds(above, sp.Integer(2), sp.Integer(-1)) is False  # q < 0: 1/2 > e^{-1}
    assert holds(bernoulli, sp.Integer(2), sp.Rational(1, 2)) is False  # q < 1: sqrt 2 < 3/2
    assert holds(above, sp.Integer(-1), sp.Integer(2)) is False  # r < 0: (-1)^2 = 1 > e^{-4}
