"""What vector_sums (derivcheck/deciders/vector_sums.py) does beyond tests/test_vector_sums.py, operator by operator.

Pinned here: `_gather` moves a weighted sum of inner products inside the inner product only when exactly one side of
the one inner product runs with the index and the weight is free of inner products (a double sum, two inner
products, an inner product of two members, a squared inner product are left alone); `sums_as_vectors` refuses a
vector-valued step, a step without families, a family member left outside every sum and a scalar sum left over,
names the new vectors _S1, _S2 in order, keeps one vector per sum up to index renaming, drops the family from the
vectors and the families, marks the step scalar, and keeps a scalar sum a number of its sign; `shown` names the
index i, or the next free name, and writes inner products as inner(...).
"""

from __future__ import annotations

import sympy as sp

from derivcheck.deciders import vector_sums
from derivcheck.deciders.vector_form import Inner, Vec, VectorStep

i, j, k = sp.symbols("i j k", integer=True)
n = sp.Symbol("n", integer=True, positive=True)
A, B, c = Vec("a"), Vec("b"), Vec("c")
a, b = sp.IndexedBase(A), sp.IndexedBase(B)
w = sp.IndexedBase("w", nonnegative=True)
S_a = sp.Sum(a[i], (i, 1, n))
S_wa = sp.Sum(w[i] * a[i], (i, 1, n))
gather = vector_sums._gather


def _step(lhs, rhs, rel="<=", vectors=(A, c), families=(A,), vector_valued=False):
    return VectorStep(lhs, rel, rhs, vectors, families, vector_valued, (1, 2, 3))


# --- _gather: sum_i c_i <u_i, w> as <sum_i c_i u_i, w>


def test_a_weighted_sum_of_inner_products_with_a_fixed_vector_is_gathered():
    # the family member may be either argument of the (symmetric, sorted) inner product
    assert gather(sp.Sum(w[i] * Inner(a[i], c), (i, 1, n))) == Inner(S_wa, c)
    s_b = sp.Sum(b[j], (j, 1, n))
    assert Inner(a[i], s_b).args[0] == a[i]  # here the member comes first
    assert gather(sp.Sum(w[i] * Inner(a[i], s_b), (i, 1, n))) == Inner(S_wa, s_b)


def test_sums_that_are_not_one_weighted_inner_product_with_a_fixed_side_are_left_alone():
    left_alone = [
        sp.Sum(w[i] * Inner(a[i], c), (i, 1, n), (j, 1, n)),  # a double sum: gathering over i alone drops j
        sp.Sum(w[i], (i, 1, n)),  # no inner product
        sp.Sum(Inner(a[i], c) * Inner(a[i], B), (i, 1, n)),  # two inner products
        sp.Sum(Inner(a[i], c) ** 2, (i, 1, n)),  # the weight would hold an inner product
        sp.Sum(w[i] * Inner(a[i], a[i]), (i, 1, n)),  # both sides run with i: ||a_i||^2 stays a number
        sp.Sum(w[i] * Inner(c, c), (i, 1, n)),  # neither side runs with i
    ]
    for s in left_alone:
        assert gather(s) == s, s
    assert gather(Inner(c, c)) == Inner(c, c)


# --- sums_as_vectors

def _parts(step):
    out = vector_sums.sums_as_vectors(step)
    return out.step, out.replaced


def test_the_abstraction_of_a_weighted_sum_against_a_point():
    # sum_i w_i <c, a_i> <= 0 becomes <S1, c> <= 0 with S1 := sum_i w_i a_i, a plain scalar step in c and S1
    abstract, replaced = _parts(_step(sp.Sum(w[i] * Inner(c, a[i]), (i, 1, n)), sp.Integer(0)))
    s1 = Vec("_S1")
    assert abstract.lhs == Inner(s1, c) and abstract.rhs == 0 and abstract.rel == "<="
    assert abstract.vectors == (c, s1) and abstract.families == () and abstract.vector_valued is False
    assert abstract.dimensions == (1, 2, 3)
    ((key, value),) = replaced
    assert value == s1 and sp.expand(key.function.xreplace({key.variables[0]: i}) - w[i] * a[i]) == 0


def test_a_sum_of_vectors_is_one_vector_and_a_sum_of_squared_norms_a_nonnegative_number():
    abstract, replaced = _parts(_step(Inner(S_a, S_a), sp.Sum(Inner(a[i], a[i]), (i, 1, n))))
    s1 = Vec("_S1")
    (sv, vec), (sq, q) = replaced
    tied = vector_sums.sums_as_vectors(_step(Inner(S_a, S_a), sp.Sum(Inner(a[i], a[i]), (i, 1, n)))).tied
    assert vec == s1 and isinstance(vec, Vec) and sv.function.has(a) and not sv.function.has(Inner)
    assert not isinstance(q, Vec) and q.name == "_q1" and q.is_nonnegative is True
    assert sq.function.has(Inner)
    # q is tied to S_1 (Jensen): ||S_1||^2/n + l^2, l >= 0 the centred Gram matrix's Cholesky factor
    (ell,) = {x for x in abstract.rhs.free_symbols if not isinstance(x, Vec)} - {n}
    assert tied == (q,) and ell.is_nonnegative
    assert abstract.lhs == Inner(s1, s1) and sp.expand(abstract.rhs - Inner(s1, s1) / n - ell ** 2) == 0


def test_two_sums_of_vectors_are_two_vectors_and_one_sum_written_twice_is_one():
    step = _step(Inner(S_a, c) + Inner(sp.Sum(a[k], (k, 1, n)), c), Inner(S_wa, c))
    abstract, replaced = _parts(step)
    names = [v.name for _, v in replaced]
    assert names == ["_S1", "_S2"]  # sum_i a_i and sum_k a_k: one vector, named once
    s = dict(replaced)
    s_plain = next(v for key, v in s.items() if not key.has(w))
    s_weighted = next(v for key, v in s.items() if key.has(w))
    assert sp.expand(abstract.lhs - 2 * Inner(s_plain, c)) == 0 and abstract.rhs == Inner(s_weighted, c)
    assert abstract.vectors == (c, Vec("_S1"), Vec("_S2"))


def test_a_squared_inner_product_summed_stays_a_nonnegative_number():
    # sum_i <a_i, c>^2 is not linear in a_i: it must not become <sum ..., c>, it is a number >= 0
    step = _step(sp.Sum(Inner(a[i], c) ** 2, (i, 1, n)) + Inner(S_a, c), sp.Integer(0), rel=">=")
    abstract, replaced = _parts(step)
    kinds = {type(v) for _, v in replaced}
    assert kinds == {Vec, sp.Symbol}
    q = next(v for _, v in replaced if not isinstance(v, Vec))
    assert q.is_nonnegative is True and abstract.lhs == q + Inner(Vec("_S1"), c) and abstract.rel == ">="


def test_a_vector_valued_step_or_one_without_families_is_not_abstracted():
    # a vector equation: the abstraction would call it scalar
    assert vector_sums.sums_as_vectors(_step(S_a, c, rel="=", vector_valued=True)) is None
    # a sum of a fixed vector with weights, but no family of vectors: not this abstraction's case
    no_family = _step(Inner(sp.Sum(w[i] * c, (i, 1, n)), c), sp.Integer(0), vectors=(c,), families=())
    assert vector_sums.sums_as_vectors(no_family) is None


def test_a_step_with_no_sum_of_vectors_is_not_abstracted():
    # only sum_i ||a_i||^2, which stays a number: there is no new vector, so nothing for gram to do
    assert vector_sums.sums_as_vectors(_step(sp.Sum(Inner(a[i], a[i]), (i, 1, n)), sp.Integer(0), rel=">=")) is None


def test_a_member_outside_every_sum_is_a_vector_and_a_scalar_sum_left_over_blocks_the_abstraction():
    # a_1 outside the sums is a vector of its own, apart from the sum's (more values than the step has: only a proof
    # counts there), never left as an unknown of the family
    abstract, pairs = _parts(_step(Inner(a[1], c), Inner(S_a, c)))
    assert not abstract.lhs.atoms(sp.Indexed) and [m for m, _ in pairs][0] == a[1] and len(abstract.vectors) == 3
    # sum_i 1/i <c, c> leaves the scalar sum sum_i 1/i, which is neither a vector nor a number of the abstraction
    harmonic = _step(sp.Sum(Inner(c, c) / i, (i, 1, n)) + Inner(S_a, c), sp.Integer(0))
    assert vector_sums.sums_as_vectors(harmonic) is None
    # sum_i w_i as a factor: a scalar sum with family members left
    weights = _step(sp.Sum(w[i], (i, 1, n)) * Inner(c, c) + Inner(S_a, c), sp.Integer(0))
    assert vector_sums.sums_as_vectors(weights) is None


# --- shown


def test_a_replaced_sum_is_shown_over_i_with_inner_products_in_lower_case():
    assert vector_sums.shown(sp.Sum(w[j] * Inner(c, a[j]), (j, 1, n))) == "Sum(inner(c, a[i])*w[i], (i, 1, n))"
    assert vector_sums.shown(sp.Sum(a[j], (j, 1, n))) == "Sum(a[i], (i, 1, n))"


def test_a_replaced_sum_is_shown_over_the_next_free_name_where_i_is_taken():
    free_i = sp.Symbol("i")
    assert vector_sums.shown(sp.Sum(free_i * a[j], (j, 1, n))) == "Sum(i*a[k], (k, 1, n))"
    taken = free_i * sp.Symbol("k") * sp.Symbol("j")
    assert vector_sums.shown(sp.Sum(taken * a[i], (i, 1, n))) == "Sum(i*j*k*a[m], (m, 1, n))"


def test_an_error_while_abstracting_is_no_abstraction_not_a_crash(monkeypatch):
    # SymPy raising inside the abstraction (as it does for an extremum over an index of the sum's name) must leave
    # the step to d = 1..4, not end the check with an internal error
    def raising(step):
        raise ValueError("SymPy cannot take this form")

    monkeypatch.setattr(vector_sums, "_abstracted", raising)
    assert vector_sums.sums_as_vectors(_step(Inner(S_a, c), sp.Integer(0))) is None


def test_a_sum_is_shown_with_an_index_name_not_free_in_it_whatever_its_assumptions():
    # the reader's indices are integer symbols: a free i in the sum keeps the summation index from being named i
    i, j = sp.Symbol("i", integer=True), sp.Symbol("j", integer=True)
    n = sp.Symbol("n", integer=True, positive=True)
    a = sp.IndexedBase("a")
    assert vector_sums.shown(sp.Sum(i * a[j], (j, 1, n))) == "Sum(i*a[k], (k, 1, n))"
    assert vector_sums.shown(sp.Sum(a[j], (j, 1, n))) == "Sum(a[i], (i, 1, n))"


def test_an_extremum_is_its_term_at_a_named_member_inside_its_range_plus_or_minus_a_gap():
    from derivcheck.functions import MaxOver, MinOver
    norm = sp.sqrt(Inner(a[j], a[j]))
    for lo, hi in ((1, 3), (2, 4)):
        big, small = MaxOver(norm, (j, lo, hi)), MinOver(norm, (j, lo, hi))
        named = sp.Tuple(Inner(a[2], c), Inner(a[5], c))  # a_5 is past the range's end, a_2 inside it
        up, down = vector_sums._at_named(big, sp.Tuple(named, big)), vector_sums._at_named(small, sp.Tuple(named, small))
        term = sp.sqrt(Inner(a[2], a[2]))
        assert up != term and (up - term).is_nonnegative and (up - term).free_symbols  # the max: its term + s, s >= 0
        assert down != term and (term - down).is_nonnegative and (term - down).free_symbols  # the min: its term - s
    beyond = MaxOver(norm, (j, 1, 3))
    assert vector_sums._at_named(beyond, sp.Tuple(Inner(a[5], c), beyond)) == beyond  # 5 > 3: no term of the max
    below = MaxOver(norm, (j, 6, 9))
    assert vector_sums._at_named(below, sp.Tuple(Inner(a[5], c), below)) == below  # 5 < 6
