"""Every method's exact iteration count on one sparse data set: the row of `gdpc accel --family` and `--data`.

- `gram`: the lambda argument's lower bound from the data's own Gram matrix; it holds
  for BP and for LR+GD at every step size, so it bounds every batch/GD linear method.
- `bp`: the Batch Perceptron (sparse exact engine).
- `lr-gd-large`: LR+GD for every step size gamma >= 10^k. Where BP's run has no margin
  exactly 0, LIN-REDUCTION-RATE's bound makes GD's mistake sets BP's at every step
  once exp(gamma m*/2) >= 2 T R^2 / m* (m* BP's smallest |margin|, T its count, R the
  radius); k is the smallest integer for which Arb balls certify that. The count is
  then BP's. With a margin exactly 0 the limit does not determine GD (None).
- `su-q`, `diag-q`: GP for the single unit and the diagonal network at gamma = d^(1/4)
  (floor(d^(1/4) 2^20)/2^20, the A_d table's step); `su-best`: the single unit at the best
  gamma of GAMMA_MULTIPLIERS x d^(1/4) (each run after the first stops once it has taken as
  many steps as the best so far, so it counts only if it is strictly better).
- `relu4`: ReLU of width 4 from a seeded start, generic Fraction engine, d <= 64 only.

The two-layer runs stop at `cap` = min(4d + 200, 2 max(gram, BP) + 64, 6 sqrt(d) + 64) steps:
past twice what the best linear method needs there is no acceleration left to measure,
past 6 sqrt(d) the run is not in a sqrt(d) regime with a constant near A_d's (2.5), and
an exact run's integers grow with every step, so a run that oscillates costs
O(steps^2 nnz). A run stopped there is reported as "> cap", never as a count.
"""

from __future__ import annotations

from fractions import Fraction
from math import isqrt

from flint import arb, ctx

from checker.arith.sparse_integer import SparseSignedIntegers
from checker.data.accel_family import quarter_root_dyadic
from checker.data.gram_bound import gram_lower_bound
from checker.engines import sparse_two_layer as two
from checker.engines.model_engines import generalized_perceptron
from checker.engines.sparse_perceptron import batch_perceptron
from checker.models.numeric import build, initial_parameters

GAMMA_MULTIPLIERS = (Fraction(1, 2), Fraction(1), Fraction(2), Fraction(4))  # the grid for su-best, times d^(1/4)
RELU_D_MAX = 64  # the generic (Fraction) engine: ~0.5 s per run at d = n = 64, minutes beyond
RELU_N_MAX = 128
METHODS = {"gram": "linear lower bound (any step size)", "bp": "BP",
           "lr-gd-large": "LR+GD, every γ ≥ 10^k (certified)", "su-q": "single unit GP, γ = d^(1/4)",
           "su-best": "single unit GP, best γ of {1/2, 1, 2, 4} d^(1/4)", "diag-q": "diagonal GP, γ = d^(1/4)",
           "relu4": "ReLU width 4 GP, γ = d^(1/4)"}


def large_gamma_exponent(min_margin: Fraction, radius_squared: Fraction, steps: int) -> int | None:
    """Smallest k >= 0 with exp(10^k m*/2) >= 2 T R^2/m*, certified in Arb balls (None if m* = 0)."""
    if min_margin <= 0:
        return None
    old = ctx.prec
    try:
        ctx.prec = 128
        m = arb(min_margin.numerator) / min_margin.denominator
        need = (arb(2 * steps) * radius_squared.numerator / radius_squared.denominator / m).log()
        k = 0
        while not (arb(10) ** k * m / 2 - need > 0):  # undecided counts as not yet: k only grows
            k += 1
        return k
    finally:
        ctx.prec = old


def two_layer_cap(d: int, gram: int, bp: int | None) -> int:
    """Where the two-layer runs stop: past twice the linear count, or past 6 sqrt(d) + 64 (2.4 times A_d's
    constant 2.5, plus room at small d), the question "O(sqrt d) steps?" is answered."""
    return min(4 * d + 200, 2 * max(gram, bp or 0) + 64, 6 * isqrt(d) + 64)


def counts(sds, bp_max_iter: int | None = None, relu: bool = True) -> dict:
    """Every method's count on one `SparseDataset` (None: not separated; "> cap"; "stalled"), with "degenerate"
    (methods whose run met a margin exactly 0) and the step sizes used."""
    Z = SparseSignedIntegers(sds)
    d = sds.d
    q = quarter_root_dyadic(d)
    out: dict = {"gram": gram_lower_bound(sds, Z)}
    degenerate = []
    bp = batch_perceptron(sds, bp_max_iter or 4 * d + 200, data=Z)
    out["bp"] = bp.iterations
    if bp.degenerate:
        degenerate.append("bp")
    k = large_gamma_exponent(bp.extra["min_margin"], sds.radius_squared(), bp.iterations) if (
        bp.iterations is not None and not bp.degenerate) else None
    out["lr-gd-large"], out["lr-gd-large-k"] = (bp.iterations, k) if k is not None else (None, None)
    cap = two_layer_cap(d, out["gram"], bp.iterations)
    out["cap"] = cap

    def count(key, run):
        if run.degenerate:
            degenerate.append(key)
        if run.iterations is not None:
            return run.iterations
        return "stalled" if "stalled" in run.stopped else f"> {cap}"

    runs = {Fraction(1): two.single_unit_gp(sds, q, cap, data=Z)}
    out["su-q"] = count("su-q", runs[Fraction(1)])
    for m in GAMMA_MULTIPLIERS:  # each stops once it cannot beat the best so far: an oscillating run is cut early
        if m not in runs:
            best_so_far = min((r.iterations for r in runs.values() if r.iterations is not None), default=cap + 1)
            runs[m] = two.single_unit_gp(sds, q * m, min(cap, best_so_far - 1), data=Z)
    done = {m: r.iterations for m, r in runs.items() if r.iterations is not None}
    best = min(done, key=lambda m: (done[m], m)) if done else None
    out["su-best"] = count("su-best", runs[best]) if best is not None else f"> {cap}"
    out["su-best-gamma"] = f"{best} d^(1/4)" if best is not None else None
    out["diag-q"] = count("diag-q", two.diagonal_gp(sds, q, cap, data=Z))
    if relu and d <= RELU_D_MAX and sds.n <= RELU_N_MAX:
        ds = sds.to_dataset()
        model = build("relu", d, 4)
        out["relu4"] = count("relu4", generalized_perceptron(model, ds, initial_parameters(model, 0), q, cap))
    out["degenerate"] = degenerate
    return out
