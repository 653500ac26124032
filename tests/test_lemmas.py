"""The lemma library (derivcheck/deciders/lemmas.py), how it is matched and applied (unify.py, sums.py,
lemma_match.py), and induction on a sum's upper limit (induction.py).

Each lemma is proved here once (by induction where it can be, the two-vector triangle inequality for every d by the
rotation normal form) or checked against its instances (the cited ones); every application proves its side
conditions; false variants of true statements (a constant dropped, a square for a norm, the direction flipped, a
missing 1/n, a shifted range) are never proved, and a small search refutes them."""

from __future__ import annotations

import itertools
from fractions import Fraction

import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from derivcheck.deciders import induction, lemma_match, lemmas, sums, unify
from derivcheck.deciders.judge import judge
from derivcheck.deciders.prover import prove_relation, prove_zero
from derivcheck.deciders.vector_form import Inner, Vec, lower, norm
from derivcheck.reader.declarations import Assumptions
from derivcheck.reader.document import read_latex
from derivcheck.verdicts import check

i, j = sp.Symbol("i", integer=True), sp.Symbol("j", integer=True)
n = sp.Symbol("n", integer=True, positive=True)
T = sp.Symbol("T", integer=True, positive=True)
t = sp.Symbol("t", integer=True)
x = sp.IndexedBase("x", real=True)
p = sp.IndexedBase("p", positive=True)
w = sp.IndexedBase("w", nonnegative=True)
rho = sp.Symbol("rho", positive=True)
A = Assumptions()
HEADER = "% assume: n integer positive; T integer positive\n% index: i in 1..n\n% assume: x_i real; p_i positive\n"


def total(body, lo=1, hi=n, var=i):
    return sp.Sum(body, (var, lo, hi))


def prove(lhs, rel, rhs, assumptions=A, vector=False):
    return lemma_match.prove(lhs, rel, rhs, assumptions, vector)


# -- each lemma, proved once ----------------------------------------------------------------------------------
ONE_VARIABLE = [lem for lem in lemmas.LEMMAS if lem.atom.has(sp.Sum) and not lem.atom.atoms(sp.core.function.AppliedUndef)
                and lemmas.R not in lem.atom.free_symbols and "induction on T" in lem.proof]


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
    binding = {lemmas.Lo: sp.Integer(1), lemmas.Hi: sp.Integer(k), lemmas.R: r}
    phi = {"convex": sp.Lambda(t, sp.exp(t)), "concave": sp.Lambda(t, sp.log(t))}
    positive = any(c.kind == "concave" or c.prop == "positive" or (c.kind == "term" and c.prop == "nonnegative"
                                                                   and c.expr.has(lemmas.X))
                   for c in lemma.conditions)
    xs = [abs(v) + 1 for v in vals] if positive else vals
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
    import random
    rng = random.Random(7)
    for k in (1, 2, 3, 5):
        atom, bound = _instance(lemma, k, rng)
        holds, lv, rv, note = judge(atom, lemma.rel, bound, {})
        assert holds is True, (lemma.name, k, lv, rv, note)


def test_every_lemma_names_its_proof_and_conditions_of_known_kinds():
    for lem in lemmas.LEMMAS:
        assert lem.proof and lem.tex and lem.rel in ("<=", ">=", "=")
        assert all(c.kind in lemmas.CONDITION_KINDS for c in lem.conditions)


# -- matching and applying ------------------------------------------------------------------------------------
MATCHED = [
    (r"\left\|\sum_{i=1}^{n} a_i\right\| \le \sum_{i=1}^{n} \|a_i\|", "the triangle inequality over a sum"),
    (r"\left\|\frac{1}{n}\sum_{i=1}^{n} a_i\right\| \le \frac{1}{n}\sum_{i=1}^{n} \|a_i\|",
     "the triangle inequality over a sum"),
    (r"\left\|\sum_{i=1}^{n} x_i a_i\right\| \le \sum_{i=1}^{n} |x_i| \|a_i\|", "the triangle inequality over a sum"),
    (r"\left\|\sum_{i=1}^{n} a_i\right\|^2 \le n \sum_{i=1}^{n} \|a_i\|^2", "Cauchy-Schwarz over a sum of vectors"),
    (r"\left\|\frac{1}{n}\sum_{i=1}^{n} a_i\right\|^2 \le \frac{1}{n}\sum_{i=1}^{n} \|a_i\|^2",
     "Cauchy-Schwarz over a sum of vectors"),
    (r"\Big(\sum_{i=1}^{n} x_i\Big)^2 \le n \sum_{i=1}^{n} x_i^2", "Cauchy-Schwarz with ones"),
    (r"\sum_{i=1}^{n} |x_i| \le \sqrt{n}\, \sqrt{\sum_{i=1}^{n} x_i^2}", "Cauchy-Schwarz with ones"),
    (r"\frac{1}{n}\sum_{i=1}^{n} x_i + \log n \le \log\left(\sum_{i=1}^{n} e^{x_i}\right)",
     "Jensen's inequality for a concave function"),
    (r"\left(\sum_{i=1}^{n} x_i p_i\right)^2 \le \left(\sum_{i=1}^{n} x_i^2\right)\left(\sum_{i=1}^{n} p_i^2\right)",
     "Cauchy-Schwarz over a sum"),
    (r"\left|\sum_{i=1}^{n} x_i\right| \le \sum_{i=1}^{n} |x_i|", "the triangle inequality over a sum"),
    (r"\log\left(\frac{1}{n}\sum_{i=1}^{n} p_i\right) \ge \frac{1}{n}\sum_{i=1}^{n} \log(p_i)",
     "Jensen's inequality for a concave function"),
    (r"\exp\left(\frac{1}{n}\sum_{i=1}^{n} x_i\right) \le \frac{1}{n}\sum_{i=1}^{n} e^{x_i}",
     "Jensen's inequality for a convex function"),
    (r"\log\left(1 + e^{\frac{1}{n}\sum_{i=1}^{n} x_i}\right) \le \frac{1}{n}\sum_{i=1}^{n} \log(1 + e^{x_i})",
     "Jensen's inequality for a convex function"),
    (r"\sqrt{\frac{1}{n}\sum_{i=1}^{n} p_i} \ge \frac{1}{n}\sum_{i=1}^{n} \sqrt{p_i}",
     "Jensen's inequality for a concave function"),
    (r"\left(\prod_{i=1}^{n} p_i\right)^{1/n} \le \frac{1}{n}\sum_{i=1}^{n} p_i", "the AM-GM inequality"),
    (r"\log\left(\prod_{i=1}^{n} p_i\right) = \sum_{i=1}^{n} \log(p_i)", "the logarithm of a product"),
    (r"\sum_{t=1}^{T} \frac{1}{t(t+1)} = 1 - \frac{1}{T+1}", "telescoping"),
    (r"\sum_{t=0}^{T-1} \frac{1}{\sqrt{t+1}} \le 2\sqrt{T}", "the 1/sqrt(t) sum bound"),
    (r"\sum_{t=1}^{T} \frac{1}{t} \le 1 + \log T", "the harmonic sum bound"),
    (r"\log(T + 1) \le \sum_{t=1}^{T} \frac{1}{t}", "the harmonic sum bound"),
    (r"\sum_{k=1}^{n} \frac{1}{k^2} < 2", "the Basel sum bound"),
    (r"\sum_{k=1}^{n} \frac{1}{k^2} \le \frac{\pi^2}{6}", "Euler's sum"),
    (r"\sum_{t=0}^{T-1} 2^{T-1-t} = \sum_{t=0}^{T-1} 2^{t}", "the geometric sum"),  # or reversing the order
    (r"\sum_{t=1}^{T} 3^{t} = \frac{3^{T+1} - 3}{2}", "the geometric sum"),
    (r"\sum_{t=1}^{T} \sqrt{T + 1 - t} = \sum_{t=1}^{T} \sqrt{t}", "reversing the order of summation"),
]


@pytest.mark.parametrize("row, name", MATCHED, ids=[f"{k}" for k in range(len(MATCHED))])
def test_standard_steps_are_proved_by_their_lemma_and_the_proof_names_it(row, name):
    (v,) = [check(s, 1) for s in read_latex(HEADER + "% vector: a_i in R^d\n\\begin{align} " + row +
                                            " \\end{align}")[0]]
    assert v.verdict == "proved" and name in v.method, (row, v.verdict, v.method)
    assert "(" in v.method and "i = " in v.method or name in ("telescoping",)  # the instance is shown


def test_the_instance_is_shown_as_a_paper_writes_it():
    (v,) = [check(s, 1) for s in read_latex(HEADER + "% vector: a_i in R^d\n\\begin{align} \\left\\|\\sum_{i=1}^{n}"
                                            " x_i a_i\\right\\| \\le \\sum_{i=1}^{n} |x_i| \\|a_i\\| \\end{align}")[0]]
    assert "the triangle inequality over a sum (v_i := x_i*a_i, i = 1..n)" in v.method


SIDE_CONDITIONS = [  # each true lemma's form, on terms for which the lemma's condition fails or is not known
    (sp.Product(x[i], (i, 1, n)) ** (1 / n), "<=", total(x[i]) / n),  # AM-GM with real terms
    (sp.log(sp.Product(x[i], (i, 1, n))), "=", total(sp.log(x[i]))),  # log of a product, real factors
    (sp.sin(total(x[i]) / n), "<=", total(sp.sin(x[i])) / n),  # Jensen for sin: not convex
    (sp.log(total(x[i]) / n), ">=", total(sp.log(x[i])) / n),  # log of a mean of reals: not defined
    (total(x[i] * p[i]) ** 2, "<=", total(x[i]) * total(x[i] * p[i] ** 2)),  # weights x_i not nonnegative
    (sp.Abs(total(x[i]) / n), "<=", total(sp.Abs(x[i]) ** 2) / n),
    (total(rho ** t, 0, T - 1, t), "=", (1 - rho ** T) / (1 - rho)),  # rho may be 1
]


@pytest.mark.parametrize("lhs, rel, rhs", SIDE_CONDITIONS, ids=[str(k) for k in range(len(SIDE_CONDITIONS))])
def test_an_instance_whose_condition_is_not_proved_is_not_applied(lhs, rel, rhs):
    assert prove(lhs, rel, rhs) is None


def test_a_range_that_may_be_empty_or_run_backwards_is_not_treated_as_a_sum_of_terms():
    m = sp.Symbol("m", integer=True, nonnegative=True)
    assert prove(total(1 / t, 1, m, t), "<=", 1 + sp.log(m)) is None  # m = 0: 0 <= 1 + log 0 is false
    k = sp.Symbol("k", integer=True)
    assert prove(sp.Abs(total(x[i], 1, k)), "<=", total(sp.Abs(x[i]), 1, k)) is None  # Karr: k = -3 runs backwards
    assert sums.sign(total(p[i], 1, k)) == {} and sums.sign(total(p[i], 1, n)) == {"positive": True}
    assert sums.sign(total(p[i], 2, n)) == {"nonnegative": True}  # n = 1: empty


# -- false variants are never proved ---------------------------------------------------------------------------
TRUE_STEPS = [  # (lhs, rel, rhs) true for every n >= 1 and real x_i
    (total(x[i]) ** 2, "<=", n * total(x[i] ** 2)),
    (sp.Abs(total(x[i])), "<=", total(sp.Abs(x[i]))),
    (total(sp.Abs(x[i])), "<=", sp.sqrt(n) * sp.sqrt(total(x[i] ** 2))),
    (sp.exp(total(x[i]) / n), "<=", total(sp.exp(x[i])) / n),
    (total(x[i] / n) ** 2, "<=", total(x[i] ** 2) / n),
]
MUTATIONS = ("scaled", "flipped", "missing 1/n", "shifted", "square for abs")


def _mutate(step, how, k):
    lhs, rel, rhs = step
    if how == "scaled":
        return lhs, rel, rhs * sp.Rational(k, k + 1)
    if how == "flipped":
        return lhs, {"<=": ">="}[rel], rhs
    if how == "missing 1/n":
        return lhs, rel, (rhs / n if rhs.has(n) else rhs / n ** 2)
    if how == "shifted":
        return lhs.xreplace({sp.Integer(1): sp.Integer(2)}) if lhs.has(sp.Sum) else lhs, rel, rhs
    return lhs.replace(sp.Abs, lambda e: e ** 2) if lhs.has(sp.Abs) else lhs ** 2, rel, rhs


def _refute(lhs, rel, rhs):
    """A point (n <= 3, small rational x_i) where the step fails, exactly; None if none of them."""
    values = [Fraction(-3), Fraction(1, 2), Fraction(1), Fraction(5)]
    for k in (1, 2, 3):
        for xs in itertools.product(values, repeat=k):
            subs = {n: sp.Integer(k), **{x[m + 1]: sp.Rational(v.numerator, v.denominator)
                                          for m, v in enumerate(xs)}}
            holds, *_ = judge(lhs, rel, rhs, subs)
            if holds is False:
                return subs
    return None


@settings(max_examples=15)
@given(st.sampled_from(TRUE_STEPS), st.sampled_from(MUTATIONS), st.integers(1, 20))
def test_false_variants_of_true_sum_steps_are_never_proved_and_are_refuted_small(step, how, k):
    lhs, rel, rhs = _mutate(step, how, k)
    if _refute(lhs, rel, rhs) is None:  # this mutation happens to leave it true (or undefined): nothing to pin
        return
    assert prove(lhs, rel, rhs) is None and induction.prove(lhs, rel, rhs, A) is None


def test_the_true_steps_the_mutations_start_from_are_proved():
    for step in TRUE_STEPS:
        assert prove(*step) is not None, step


VECTOR_FALSE = [
    (norm(sp.Sum(sp.IndexedBase(Vec("a"))[i], (i, 1, n))), "<=", total(Inner(sp.IndexedBase(Vec("a"))[i],
                                                                        sp.IndexedBase(Vec("a"))[i]))),
    (Inner(sp.Sum(sp.IndexedBase(Vec("a"))[i], (i, 1, n)), sp.Sum(sp.IndexedBase(Vec("a"))[i], (i, 1, n))), "<=",
     2 * total(Inner(sp.IndexedBase(Vec("a"))[i], sp.IndexedBase(Vec("a"))[i]))),
    (Inner(sp.Sum(sp.IndexedBase(Vec("a"))[i], (i, 1, n)), sp.Sum(sp.IndexedBase(Vec("a"))[i], (i, 1, n))), "<=",
     total(Inner(sp.IndexedBase(Vec("a"))[i], sp.IndexedBase(Vec("a"))[i]))),
    (norm(sp.Sum(sp.IndexedBase(Vec("a"))[i], (i, 1, n))), ">=", total(norm(sp.IndexedBase(Vec("a"))[i]))),
    (norm(sp.Sum(sp.IndexedBase(Vec("a"))[i], (i, 1, n))), "<=", total(norm(sp.IndexedBase(Vec("a"))[i]), 2)),
]


@pytest.mark.parametrize("lhs, rel, rhs", VECTOR_FALSE, ids=["square for norm", "constant two", "missing n",
                                                             "flipped", "range shifted"])
def test_false_vector_variants_are_never_proved(lhs, rel, rhs):
    assert prove(lhs, rel, rhs, vector=True) is None


# -- the pieces -------------------------------------------------------------------------------------------------
def test_unify_binds_terms_ranges_and_contexts():
    X, Phi = lemmas.X, lemmas.Phi
    (b,) = list(unify.match(lemmas.total(X(lemmas.i)), total(x[i] ** 2, 0, n - 1)))
    assert b[lemmas.Lo] == 0 and b[lemmas.Hi] == n - 1 and b[X](t) == x[t] ** 2
    (b,) = list(unify.match(sp.Sum(1 / lemmas.i, (lemmas.i, 1, lemmas.Hi)), total(1 / (t + 1), 0, T - 1, t)))
    assert b == {lemmas.Hi: T}  # shifted to start at 1
    found = list(unify.match(Phi(lemmas.total(X(lemmas.i)) / lemmas.N), sp.sqrt(total(p[i])) / sp.sqrt(n)))
    assert [f[Phi](t) for f in found] == [sp.sqrt(t)]
    assert unify.same(total(x[i]), total(x[j], 1, n, j)) and not unify.same(total(x[i]), total(x[j], 2, n, j))
    assert list(unify.match(lemmas.total(X(lemmas.i + 1) - X(lemmas.i)), total(x[i] ** 2))) == []


def test_sums_normal_form_termwise_and_abstraction():
    c = sp.Symbol("c", real=True)
    assert sums.normal(total(c * x[i] / n)) == c * total(x[i]) / n
    assert sums.normal(total(c + x[i])) == n * c + total(x[i])  # the index-free part of a term, n times
    assert sums.normal(total(sp.log(n * p[i]))) == n * sp.log(n) + total(sp.log(p[i]))  # both positive
    assert sums.normal(total(sp.log(c * x[i]))) == total(sp.log(c * x[i]))  # neither factor positive: kept whole
    k = sp.Symbol("k", integer=True)
    assert sums.normal(total(c + x[i], 1, k)) == total(c + x[i], 1, k)  # k may run backwards: kept whole
    assert sums.normal(total(1)) == n and sums.normal(total(1 / (i * (i + 1)))) == total(1 / i - 1 / (i + 1))
    assert sums.termwise(total(x[i] ** 2), "<=", total(x[i] ** 2 + x[i] ** 4)).startswith("term by term")
    assert sums.termwise(total(x[i]), "<=", total(x[i] ** 2)) is None
    assert sums.termwise(total(x[i]), "<", total(x[i] + 1, 1, n + 1)) is None  # not one range
    lhs, rhs, names = sums.abstracted(total(p[i]), total(x[i]) ** 2)
    assert len(names) == 2 and lhs.is_positive and rhs.is_nonnegative


def test_induction_proves_closed_forms_and_growing_bounds_and_nothing_else():
    assert induction.prove(total(t ** 3, 1, T, t), "=", (T * (T + 1) / 2) ** 2, A).startswith("induction on T")
    assert induction.prove(total(t / 2 ** t, 1, T, t), "<=", 2 - (T + 2) / 2 ** T, A) is not None
    assert induction.prove(total(t ** -2, 1, T, t), "<=", 2, A) is None  # true, but not an induction of this kind
    assert induction.prove(total(t ** -2, 1, T, t), "<=", sp.Rational(8, 5), A) is None  # false from T = 22
    assert induction.prove(total(t ** 3, 1, T, t), "=", (T * (T + 1) / 2) ** 2 + 1, A) is None
    assert induction.prove(total(x[t], 1, T, t), "<=", total(x[t] ** 2, 1, T, t) + T, A) is None  # a family
    assert induction.prove(total(t, 3, T, t), ">=", 0, A) is None  # T = 1: runs backwards
    m = sp.Symbol("m", integer=True)
    assert induction.prove(total(t, 1, m, t), ">=", 0, A) is None  # no least value of m
