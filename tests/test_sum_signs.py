"""What is known of a sum's terms and sign (derivcheck/deciders/sum_signs.py): each function at the edges where a
weaker reading would let a false step through (an empty or backward range, a term of unknown sign, a sum inside
another sum's scope). Fast: the mutation session of the module runs these first."""

from __future__ import annotations

import sympy as sp

from derivcheck.deciders import sum_signs
from derivcheck.deciders.vector_form import Inner, Vec
from derivcheck.reader.document import parse_assumptions

i, j, k = (sp.Symbol(v, integer=True) for v in "ijk")
n = sp.Symbol("n", integer=True, positive=True)
m = sp.Symbol("m", integer=True)
x = sp.IndexedBase("x", real=True)
p = sp.IndexedBase("p", positive=True)
w = sp.IndexedBase("w", nonnegative=True)
A = parse_assumptions("n integer positive; m integer; m >= 2; q_i positive")


def test_a_term_holds_for_every_index_from_the_ranges_start_on():
    assert sum_signs.term_holds(i, i, 1, "positive") and not sum_signs.term_holds(i, i, 0, "positive")
    assert sum_signs.term_holds(i, i, 0, "nonnegative") and not sum_signs.term_holds(i - 2, i, 1, "nonnegative")
    assert sum_signs.term_holds(p[i], i, 1, "positive") and not sum_signs.term_holds(x[i], i, 1, "positive")
    assert sum_signs.at_index(x[i] + i, i, 3) == x[3 + sum_signs.SHIFT] + 3 + sum_signs.SHIFT


def test_ranges_proper_and_nonempty_exactly_at_their_edges():
    assert sum_signs.proper_range(1, 0) and not sum_signs.proper_range(1, -1)  # empty is proper, backward is not
    assert sum_signs.nonempty_range(1, 1) and not sum_signs.nonempty_range(1, 0)
    assert sum_signs.proper_range(1, n) and sum_signs.nonempty_range(1, n) and sum_signs.nonempty_range(n, 2 * n)
    assert not sum_signs.proper_range(1, m) and not sum_signs.nonempty_range(2, n)  # m of unknown sign; n = 1
    gap = sp.Symbol("n_minus_i", integer=True, nonnegative=True)
    assert sum_signs.nonempty_range(1, sp.Max(2, i) + gap) and not sum_signs.nonempty_range(3, sp.Max(2, i) + gap)


def test_the_sign_of_a_sum_needs_its_terms_sign_and_for_positive_a_nonempty_range():
    assert sum_signs.sign(sp.Sum(p[i], (i, 1, n))) == {"positive": True}
    assert sum_signs.sign(sp.Sum(p[i], (i, 2, n))) == {"nonnegative": True}  # n = 1: empty, 0
    assert sum_signs.sign(sp.Sum(w[i], (i, 1, n))) == {"nonnegative": True}
    assert sum_signs.sign(sp.Sum(-p[i], (i, 1, n))) == {"negative": True}
    assert sum_signs.sign(sp.Sum(-p[i], (i, 2, n))) == {"real": True}  # empty: 0, not negative
    assert sum_signs.sign(sp.Product(p[i], (i, 1, n))) == {"positive": True}
    assert sum_signs.sign(sp.Product(-p[i], (i, 1, n))) == {"real": True}  # a Product is never "negative" here
    assert sum_signs.sign(sp.Sum(x[i], (i, 1, n))) == {"real": True}
    assert sum_signs.sign(sp.Sum(p[i], (i, 1, m))) == {}  # may run backwards
    assert sum_signs.sign(sp.Sum(sp.sqrt(x[i]), (i, 1, n))) == {}  # not known real
    assert sum_signs.sign(sp.Sum(x[i, j], (i, 1, n), (j, 1, n))) == {}
    a, b = Vec("a"), Vec("b")
    assert sum_signs.sign(Inner(a, a)) == {"nonnegative": True} and sum_signs.sign(Inner(a, b)) == {"real": True}


def test_a_sum_is_positive_from_its_terms_declared_domain_only_over_a_nonempty_range():
    q = sp.IndexedBase("q")
    assert sum_signs.positive(sp.Sum(p[i], (i, 1, n)), A)  # SymPy's own
    assert sum_signs.positive(sp.Sum(q[i], (i, 1, m)), A)  # m >= 2 (Z3), q_i > 0 declared
    assert not sum_signs.positive(sp.Sum(q[i], (i, 3, m)), A)  # m = 2: empty
    assert not sum_signs.positive(sp.Sum(x[i], (i, 1, m)), A)
    assert not sum_signs.positive(sp.Sum(q[i, j], (i, 1, m), (j, 1, m)), A)  # two limits: not looked into


def test_abstracted_names_each_sum_once_with_its_sign_and_leaves_scoped_ones():
    s1, s2 = sp.Sum(p[i], (i, 1, n)), sp.Sum(x[i], (i, 1, n))
    lhs, rhs, names = sum_signs.abstracted(s1 + s2, 2 * s1)
    assert set(names) == {s1, s2} and names[s1].is_positive and names[s2].is_real and not names[s2].is_positive
    assert lhs == names[s1] + names[s2] and rhs == 2 * names[s1]
    assert len({v.name for v in names.values()}) == 2 and all(v.name.startswith("_S") for v in names.values())
    outer = sp.Sum(sp.Sum(x[i, j], (j, 1, i)) ** 2, (i, 1, n))  # the inner sum is in the scope of i: only the
    (named,) = sum_signs.abstracted(outer, 0)[2].items()  # outer one is a number (of squares: nonnegative)
    assert named[0] == outer and named[1].is_nonnegative
    q = sp.IndexedBase("q")
    unknown = sp.Sum(q[i], (i, 1, m))
    assert sum_signs.abstracted(unknown, 0)[2] == {}  # no sign known: not abstracted
    assert sum_signs.abstracted(unknown, 0, A)[2][unknown].is_positive  # with the declarations: positive
    product = sp.Product(p[i], (i, 1, n))
    assert sum_signs.abstracted(product, 0)[2][product].name.startswith("_P")
