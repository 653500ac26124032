"""Canonical names for bound indices (derivcheck/deciders/bound_names.py): a definition's sum read as sum_{k'}
inside a sum over k and as sum_k outside is one expression to SymPy's simplifiers; an open sum captures nothing it
names from around; the value never changes."""

from __future__ import annotations

import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from derivcheck.deciders.bound_names import alpha, canonical_names
from derivcheck.deciders.prover import prove_zero
from tests.rows import verdicts

K = sp.Symbol("K", integer=True, positive=True)
k, kp, j = (sp.Symbol(n, integer=True) for n in ("k", "k'", "j"))
a, w = sp.IndexedBase("a"), sp.IndexedBase("w")


def test_a_closed_sum_inside_and_outside_another_is_one_expression():
    inside = sp.Sum(w[k] / sp.Sum(w[kp], (kp, 1, K)), (k, 1, K))
    outside = sp.Sum(w[k], (k, 1, K))
    assert canonical_names(outside) in canonical_names(inside).atoms(sp.Sum), canonical_names(inside)
    assert prove_zero(inside - 1)[0]  # sum_k w_k / sum_k' w_k' = 1


def test_an_open_sum_keeps_what_it_names_from_around():
    free_k = sp.Sum(a[k] * sp.Sum(a[kp] * w[k], (kp, 1, K)), (k, 1, K))  # the inner term names the outer k
    out = canonical_names(free_k)
    inner = out.function.args[1] if isinstance(out.function.args[1], sp.Sum) else out.function.args[0]
    assert inner.variables != out.variables, out  # a level above the outer one: it captures nothing
    assert out.subs(K, 3).doit() == free_k.subs(K, 3).doit()
    ends = sp.Sum(a[k] * sp.Sum(a[kp], (kp, 1, k)), (k, 1, K))  # k is an end of the inner range
    assert canonical_names(ends).subs(K, 3).doit() == ends.subs(K, 3).doit()


def test_a_later_limit_is_outside_the_earlier_ones():
    # SymPy's Sum(f, (k, 1, K), (j, 1, k)) is sum_j sum_k: the k in j's range is free, not the bound k
    s = sp.Sum(a[k] * w[j], (k, 1, K), (j, 1, k))
    assert k in canonical_names(s).free_symbols
    assert canonical_names(s).subs({K: 2, k: 3}).doit() == s.subs({K: 2, k: 3}).doit()


names = [k, kp, j]


@st.composite
def sums(draw, depth=0):
    """A term in a, w and the indices k, k', j, under up to three nested sums whose ranges may name outer ones."""
    if depth == 3 or draw(st.booleans()) and depth:
        return draw(st.sampled_from([a, w]))[draw(st.sampled_from(names))] * draw(st.sampled_from([1, *names]))
    var = draw(st.sampled_from(names))
    hi = draw(st.sampled_from([K, *[v for v in names if v != var]]))
    body = draw(sums(depth + 1)) + draw(st.sampled_from([0, draw(sums(depth + 1))]))
    return sp.Sum(body, (var, 1, hi))


@given(sums())
@settings(max_examples=60, deadline=None)
def test_renaming_keeps_the_value(expr):
    values = {K: 2, k: 1, kp: 2, j: 3, **{a[n]: n + 2 for n in range(-1, 6)}, **{w[n]: 3 * n - 1 for n in range(-1, 6)}}

    def value(e):
        return e.subs({K: 2, k: 1, kp: 2, j: 3}).doit().xreplace(values)

    assert value(canonical_names(expr)) == value(expr), (expr, canonical_names(expr))


def test_the_em_gap_with_a_definition_read_inside_and_outside_a_sum_is_proved():
    head = "% assume: K integer positive\n% index: k in 1..K\n% assume: a_k positive; w_k positive\n"
    got = verdicts(head, r"W &:= \sum_{k=1}^{K} w_k", r"A &:= \sum_{k=1}^{K} a_k",
                   r"\log A - \sum_{k=1}^{K} \frac{w_k}{W}\log\frac{a_k W}{w_k} &= "
                   r"\sum_{k=1}^{K} \frac{w_k}{W}\log\frac{w_k A}{W a_k}",
                   r"\log A - \sum_{k=1}^{K} \frac{w_k}{W}\log\frac{a_k W}{w_k} &= "
                   r"\sum_{k=1}^{K} \frac{w_k}{W}\log\frac{w_k A}{2 W a_k}")
    assert [v.verdict for v in got] == ["proved", "refuted"], [(v.verdict, v.method) for v in got]


def _value(e):
    values = {**{a[n]: n + 2 for n in range(-1, 12)}, **{w[n]: 3 * n - 1 for n in range(-1, 12)}}

    def summed(e):  # the outermost limit first, its ends evaluated (a sum in a range is a number): by definition
        if isinstance(e, sp.Sum):
            *inner, (v, lo, hi) = e.limits
            body = sp.Sum(e.function, *inner) if inner else e.function
            return sp.Add(*[summed(body.subs(v, n)) for n in range(int(summed(lo)), int(summed(hi)) + 1)])
        return e.func(*[summed(x) for x in e.args]) if e.args else e

    return summed(e.subs({K: 2, k: 3})).xreplace(values)


def test_a_sum_in_a_range_is_named_deeper_than_every_index_it_can_see():
    # a sum in the range of an inner sum names the outer index i; a sum in the range of k in a sum over k and j
    # names j, which that binder binds: named any shallower, the range's sum would capture them
    i, t = sp.Symbol("i", integer=True), sp.Symbol("t", integer=True)
    in_inner = sp.Sum(a[i] * sp.Sum(w[k], (k, 1, sp.Sum(i + t, (t, 1, 2)))), (i, 1, 2))  # a[i] keeps it nested
    in_double = sp.Sum(a[k] * w[j], (k, 1, sp.Sum(j + t, (t, 1, 2))), (j, 1, 2))
    for e in (in_inner, in_double):
        for renamed in (alpha, canonical_names):
            assert _value(renamed(e)) == _value(e), (e, renamed(e))


def test_an_index_in_its_own_range_is_the_free_one():
    s = sp.Sum(a[k], (k, 1, k))  # sum_{k=1}^{k} a_k: the upper k is the k from around, as SymPy reads it
    for renamed in (alpha, canonical_names):
        assert k in renamed(s).free_symbols and _value(renamed(s)) == _value(s) == sum(n + 2 for n in range(1, 4))


def test_the_names_are_by_depth_from_k0_and_alpha_keeps_a_closed_inner_sum_apart():
    k0, k1 = sp.Symbol("_k0", integer=True), sp.Symbol("_k1", integer=True)
    assert canonical_names(sp.Sum(w[k], (k, 1, K))) == sp.Sum(w[k0], (k0, 1, K))
    inside = sp.Sum(w[k] / sp.Sum(w[kp], (kp, 1, K)), (k, 1, K))
    assert {tuple(x.variables) for x in canonical_names(inside).atoms(sp.Sum)} == {(k0,)}  # both from depth 0
    # alpha names by depth only: no two indices in scope share a name, so xreplace of one by structure is safe
    assert {tuple(x.variables) for x in alpha(inside).atoms(sp.Sum)} == {(k0,), (k1,)}
