"""The sparse exact engines against the dense ones, step for step, and against A_d's closed forms.

Every comparison is with an independent computation: the dense engines (`perceptron`,
`exact_two_layer`, `accel_family.gram_lower_bound`), the reduced dynamics on A_d
(`engines.reduced`) and BP's closed form (`accel_family.bp_count`).
"""

from __future__ import annotations

from fractions import Fraction
from math import gcd

import mpmath
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.analysis.accel_counts import large_gamma_exponent
from checker.arith import sign_thresholds as T
from checker.arith.sparse_integer import SparseSignedIntegers
from checker.data import gram_bound as GB
from checker.data import sparse_families as F
from checker.data.accel_family import bp_count, gram_lower_bound, linear_lower_bound, quarter_root_dyadic
from checker.data.sparse_dataset import from_dataset, sparse_rows
from checker.data.strategies import labelled_datasets, separable_datasets, sparse_family_members
from checker.engines import exact_two_layer as E
from checker.engines import perceptron
from checker.engines import reduced as R
from checker.engines import sparse_perceptron as SP
from checker.engines import sparse_two_layer as S
from checker.errors import InputError

GAMMAS = st.sampled_from([Fraction(1), Fraction(3, 2), Fraction(5), Fraction(1, 3), Fraction(181, 16)])


def _same_trace(ours: list, ref: list) -> bool:
    return len(ours) == len(ref) and all(a[0] == b[0] and np.array_equal(a[1], b[1]) for a, b in zip(ours, ref))


def _compare_two_layer(ds, sds, gamma, max_iter):
    for fast, dense in ((S.single_unit_gp, E.single_unit_gp), (S.diagonal_gp, E.diagonal_gp)):
        ours, ref = [], []
        a, b = fast(sds, gamma, max_iter, trace=ours), dense(ds, gamma, max_iter, trace=ref)
        assert _same_trace(ours, ref), (fast.__name__, [t for t, _ in ours], [t for t, _ in ref])
        assert (a.iterations, a.separated, a.degenerate) == (b.iterations, b.separated, b.degenerate), fast.__name__
        assert ("stalled" in a.stopped) == ("stalled" in b.stopped), (a.stopped, b.stopped)


def _compare_bp(ds, sds, max_iter):
    ours, ref = SP.batch_perceptron(sds, max_iter, record=True), perceptron.run(ds, "batch-perceptron", max_iter,
                                                                                 record=True)
    assert [m for _, m in ours.steps] == [it.mistakes for it in ref.trajectory]
    assert (ours.iterations, ours.extra["degenerate_steps"]) == (ref.iterations, ref.degenerate_steps)
    assert ours.extra["min_margin"] == min(min(abs(m) for m in it.margins) for it in ref.trajectory)


@settings(max_examples=80)
@given(st.one_of(separable_datasets(max_n=8, max_d=5), labelled_datasets(max_n=7, max_d=4)), GAMMAS)
def test_sparse_engines_take_the_dense_engines_steps_on_any_small_data(ds, gamma):
    """Separable or not (stalls, runs that never separate): the same sign vector at every step."""
    sds = from_dataset(ds)
    _compare_two_layer(ds, sds, gamma, 40)
    _compare_bp(ds, sds, 40)
    if all(any(v != 0 for v in row) for row in ds.X):
        assert GB.gram_lower_bound(sds) == gram_lower_bound(ds)


@settings(max_examples=40)
@given(separable_datasets(max_n=8, max_d=5), GAMMAS)
def test_every_root_and_reduction_path_takes_the_same_steps(ds, gamma):
    """MIN_GROUP = 1 sends every one-coordinate sample through the tracked roots, REDUCE_EVERY = 1 divides the
    state's common factor out after every phase: neither may change a step."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(S, "MIN_GROUP", 1)
        patch.setattr(S, "REDUCE_EVERY", 1)
        _compare_two_layer(ds, from_dataset(ds), gamma, 40)


@settings(max_examples=40)
@given(st.one_of(separable_datasets(max_n=8, max_d=5), sparse_family_members(max_d=40)), GAMMAS,
       st.sampled_from([4, 8, 16]))
def test_the_truncated_sign_filter_takes_the_exact_steps(data, gamma, word_bits):
    """The diagonal network decides its recomputed samples' signs from top bits in int64 first; with a headroom of
    a few bits nearly every margin is near the truncation's error and goes to the exact fallback, and the rest is
    decided from the truncated sums: neither may change a step (exact ties and stalls included)."""
    ds, sds = (data, from_dataset(data)) if not hasattr(data, "nnz") else (data.to_dataset(), data)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(S, "WORD_BITS", word_bits)
        patch.setattr(S, "MIN_GROUP", 10 ** 9)  # every sample recomputed: the filter sees them all
        ours, ref = [], []
        a = S.diagonal_gp(sds, gamma, 3 * sds.d + 20, trace=ours)
        b = E.diagonal_gp(ds, gamma, 3 * sds.d + 20, trace=ref)
    assert _same_trace(ours, ref), ([t for t, _ in ours], [t for t, _ in ref])
    assert (a.iterations, a.separated, a.degenerate) == (b.iterations, b.separated, b.degenerate)


@settings(max_examples=25)
@given(sparse_family_members(max_d=40), st.sampled_from([Fraction(1), Fraction(2)]))
def test_sparse_engines_take_the_dense_engines_steps_on_the_families(sds, factor):
    """Rare positives, noise, rotations, planted designs: groups of 32+ samples share a moving coordinate here."""
    ds = sds.to_dataset()
    _compare_two_layer(ds, sds, quarter_root_dyadic(sds.d) * factor, 3 * sds.d)
    _compare_bp(ds, sds, 4 * sds.d)
    assert GB.gram_lower_bound(sds) == gram_lower_bound(ds)


def _classes_with(cls: list[int], xs: list[int]) -> "S._Classes":
    state = S._Classes(len(cls))
    state.cls = np.array(cls, dtype=np.int64)
    state.X = np.array(xs, dtype=object)
    state.Y = np.array([x + 1 for x in xs], dtype=object)
    return state


@settings(max_examples=40)
@given(st.lists(st.integers(0, 3), min_size=1, max_size=30), st.data())
def test_coordinate_classes_split_by_s_alike_in_int64_and_in_python_integers(cls, data):
    """A class of equal coordinates splits by S_k; the dictionary path (S beyond int64) gives the same partition,
    the same moving classes and the same integers as the sorted int64 path, and each coordinate keeps its value."""
    d = len(cls)
    s_values = data.draw(st.lists(st.integers(-2, 2), min_size=d, max_size=d))
    xs = [10 * c + 2**70 for c in range(4)]
    seen = []
    for carrier in (np.array(s_values, dtype=np.int64), np.array(s_values, dtype=object)):
        state = _classes_with(cls, xs)
        moving, sk = state.split(carrier)
        # every coordinate keeps its integers, and coordinates share a class iff they shared one and share S_k
        assert [state.X[c] for c in state.cls] == [xs[c] for c in cls]
        assert all((state.cls[i] == state.cls[j]) == (cls[i] == cls[j] and s_values[i] == s_values[j])
                   for i in range(d) for j in range(d))
        assert sorted(int(v) for v in sk) == sorted(s for _, s in {(c, s) for c, s in zip(cls, s_values) if s})
        position = state.moving_position(carrier, moving)
        assert [int(sk[p]) for p in position] == [s for s in s_values if s]
        seen.append(sorted((tuple(np.flatnonzero(state.cls == c)), int(state.X[c])) for c in range(len(state.X))))
    assert seen[0] == seen[1]


def test_classes_that_reach_the_same_integers_merge_and_the_others_scale():
    state = _classes_with([0, 1, 2, 1, 0], [5, 7, 9])
    moving, sk = state.split(np.array([1, 1, 0, 1, 1], dtype=np.int64))
    assert len(moving) == 2 and list(sk) == [1, 1]
    # the moving classes {0, 4} and {1, 3} both reach (11, 13); class {2} is scaled by G = 3
    state.end_phase(moving, np.array([11, 11], dtype=object), np.array([13, 13], dtype=object), 3)
    assert len(state.X) == 2
    assert [int(state.X[c]) for c in state.cls] == [11, 11, 27, 11, 11]
    assert [int(state.Y[c]) for c in state.cls] == [13, 13, 30, 13, 13]


@pytest.mark.parametrize("k", [2, 4, 8])
def test_the_diagonal_network_on_rare_positives_takes_the_dense_steps_beyond_int64(k):
    """Rare positives put nearly every coordinate in two or three classes; entries with a denominator of 3^41
    make S_k exceed int64, so the classes split through the dictionary: the steps are still the dense engine's."""
    base = F.rare(48, k)
    tiny = Fraction(1, 3**41)
    rows = [{j: v * (tiny if j == 0 else 1) for j, v in row} for row in base.rows]
    sds = sparse_rows(rows, base.y, base.d)
    assert SparseSignedIntegers(sds).scale > 2**63
    for data in (base, sds):
        ours, ref = [], []
        gamma = quarter_root_dyadic(data.d)
        a = S.diagonal_gp(data, gamma, 120, trace=ours)
        b = E.diagonal_gp(data.to_dataset(), gamma, 120, trace=ref)
        assert _same_trace(ours, ref), ([t for t, _ in ours], [t for t, _ in ref])
        assert (a.iterations, a.separated, a.degenerate, a.stopped) == (b.iterations, b.separated, b.degenerate,
                                                                         b.stopped)


@pytest.mark.parametrize("d", [16, 33, 64, 256, 1024, 4096])
def test_on_a_d_the_counts_are_the_reduced_dynamics_and_bps_closed_form(d):
    sds, q = F.accel(d), quarter_root_dyadic(d)
    bp = SP.batch_perceptron(sds)
    assert (bp.iterations, bp.degenerate) == bp_count(d)
    assert GB.gram_lower_bound(sds) == linear_lower_bound(d)
    assert S.single_unit_gp(sds, q, 16 * d).iterations == R.single_unit_gp(d, 1, q).iterations
    assert S.diagonal_gp(sds, q, 16 * d).iterations == R.diagonal_gp(d, 1, q).iterations


@pytest.mark.parametrize("d,seed", [(64, 0), (256, 1), (1024, 2)])
def test_a_rotation_keeps_bp_and_the_single_unit_on_a_ds_steps(d, seed):
    sds, q = F.rotated(d, seed), quarter_root_dyadic(d)
    assert sds.nnz > 4 * F.accel(d).nnz  # really turned: most rows mix 16 coordinates
    assert SP.batch_perceptron(sds).iterations == R.batch_perceptron(d).iterations
    assert GB.gram_lower_bound(sds) == linear_lower_bound(d)
    assert S.single_unit_gp(sds, q, 16 * d).iterations == R.single_unit_gp(d, 1, q).iterations


def test_the_rotation_is_orthogonal_and_exact():
    sds = F.rotated(32, 5)
    ds, base = sds.to_dataset(), F.accel(32).to_dataset()
    gram = [[sum(a * b for a, b in zip(x, z)) for z in ds.X] for x in ds.X]
    assert gram == [[sum(a * b for a, b in zip(x, z)) for z in base.X] for x in base.X]


def test_families_are_shaped_as_stated():
    noisy = F.noisy(64, Fraction(1, 2), 0)
    assert noisy.n == 63 and noisy.y.count(1) == 1 and max(len(r) for r in noisy.rows) <= 2 + F.NOISE_SUPPORT
    assert {v.denominator for r in noisy.rows for _, v in r} <= {1, 2, 4, 8, 16, 32, 64}
    planted, signal = F.planted_with_signal(256, 4, 2, 1)
    assert planted.y[0] == 1 and planted.y[-1] == -1 and len(signal) == 2 and planted == F.planted(256, 4, 2, 1)
    assert all(len(r) == 5 and r[0] == (0, 1) for r in planted.rows)
    # positive iff a signal feature is present, and the planted separator 2 * 1_signal - e_0 has margin >= 1
    assert all((y > 0) == any(j in signal for j, _ in r) for r, y in zip(planted.rows, planted.y))
    w = {0: -1, **{j: 2 for j in signal}}
    assert all(y * sum(w.get(j, 0) * v for j, v in row) >= 1 for row, y in zip(planted.rows, planted.y))
    with pytest.raises(InputError):
        F.rare(16, 14)
    with pytest.raises(InputError):
        F.planted(10, 4, 2, 0)


def test_sparse_rows_are_validated_in_one_line():
    with pytest.raises(InputError, match="outside"):
        sparse_rows([{5: 1}, {0: 1}], [1, -1], 3)
    with pytest.raises(InputError, match="one class"):
        sparse_rows([{0: 1}, {1: 1}], [1, 1], 3)
    with pytest.raises(InputError, match="not an exact number"):
        sparse_rows([{0: 0.5}, {1: 1}], [1, -1], 3)
    assert sparse_rows([{0: 0, 1: Fraction(1, 2)}, {2: 3}], [1, -1], 3).rows[0] == ((1, Fraction(1, 2)),)


@settings(max_examples=60)
@given(st.lists(st.integers(-2**70, 2**70), min_size=1, max_size=12), st.data())
def test_stable_signs_keep_exactly_the_interval_where_no_sign_changes(P, data):
    Q = data.draw(st.lists(st.integers(-5, 5), min_size=len(P), max_size=len(P)))
    P, Q = np.array(P, dtype=object), np.array(Q, dtype=object)
    num0, den0 = data.draw(st.integers(-2**40, 2**40)), data.draw(st.integers(1, 2**20))
    stable = T.StableSigns(P, Q, num0, den0)
    for _ in range(5):
        num, den = data.draw(st.integers(-2**45, 2**45)), data.draw(st.integers(1, 2**25))
        same = all((p * den + q * num > 0) - (p * den + q * num < 0) == s for p, q, s in zip(P, Q, stable.signs))
        assert stable.keeps(num, den) == same


@settings(max_examples=60)
@given(st.lists(st.lists(st.integers(-2**40, 2**40), min_size=3, max_size=3), min_size=2, max_size=6),
       st.lists(st.integers(-2**70, 2**70), min_size=3, max_size=3), st.sampled_from([1, 2**20, 2**60, 2**80]))
def test_products_are_exact_in_every_carrier(rows, x, bound):
    """float64, int64 and Python integers: each chosen only where the bound proves it exact."""
    sds = sparse_rows([{j: v for j, v in enumerate(r)} for r in rows], [1] + [-1] * (len(rows) - 1), 3)
    Z = SparseSignedIntegers(sds)
    x = [v % (bound + 1) for v in x]
    dense = [[yi * v for v in r] for r, yi in zip(rows, sds.y)]
    assert list(Z.matvec(np.array(x, dtype=object), bound)) == [sum(a * b for a, b in zip(r, x)) for r in dense]
    u = x[:1] * len(rows)
    assert list(Z.rmatvec(np.array(u, dtype=object), bound)) == [sum(r[j] * u[0] for r in dense) for j in range(3)]


def test_gram_bound_takes_the_python_integer_and_plain_paths(monkeypatch):
    ds = F.noisy(48, Fraction(2), 3).to_dataset()
    expected = gram_lower_bound(ds)
    monkeypatch.setattr(GB, "INT64_LIMIT", 10)  # no int64: every sum in Python integers
    assert GB.gram_lower_bound(from_dataset(ds)) == expected
    monkeypatch.undo()
    monkeypatch.setattr(GB, "MAX_PATTERNS", 1)  # too many patterns: the whole Gram matrix blockwise
    monkeypatch.setattr(GB, "BLOCK", 7)
    assert GB.gram_lower_bound(from_dataset(ds)) == expected


@pytest.mark.parametrize("m,r2,steps", [(Fraction(1, 10), Fraction(2), 9), (Fraction(3, 7000), Fraction(5, 4), 300),
                                        (Fraction(1, 2**40), Fraction(1), 10**5)])
def test_large_gamma_exponent_is_the_smallest_that_satisfies_the_rate_bound(m, r2, steps):
    """exp(10^k m/2) >= 2 T R^2/m at k and not at k - 1, in 60-digit mpmath (an independent evaluation)."""
    k = large_gamma_exponent(m, r2, steps)
    with mpmath.workdps(60):  # not mp.dps = 60: that would stay set for the tests after this one in the worker
        holds = [mpmath.mpf(10) ** j * mpmath.mpf(m.numerator) / m.denominator / 2
                 >= mpmath.log(2 * steps * mpmath.mpf(r2.numerator) / r2.denominator / (mpmath.mpf(m.numerator)
                                                                                       / m.denominator))
                 for j in (k - 1, k)]
    assert holds == [False, True] or (k == 0 and holds[1])
    assert large_gamma_exponent(Fraction(0), r2, steps) is None


@settings(max_examples=40)
@given(st.lists(st.integers(-2**80, 2**80), min_size=1, max_size=20), st.integers(1, 2**70), st.integers(-50, 50))
def test_the_common_factor_divided_out_divides_the_whole_state(entries, factor, scalar):
    arr = np.array([v * factor for v in entries], dtype=object)
    (out,), (s,), g = S._reduce([arr], [scalar * factor])
    whole = gcd(*(int(v) for v in arr), scalar * factor)
    assert g == 1 or g == whole  # the few entries' gcd, kept only when it is the whole state's
    if len(entries) <= 8 and whole > 1:  # the sample is the whole state
        assert g == whole
    assert list(out * g) == list(arr) and s * g == scalar * factor
