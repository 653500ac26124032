"""The hypotheses of ACCEL's bound, checked exactly along the single unit's actual GP run on any data.

On A_d (`derivations/accel_phase2.py`, `analysis/accel_bound.py`) the run has five
phases: the first step (every weight 1/2, v stays 1); phase 1, where only the rare
sample is wrong and v falls; one catapult step with v < 0, where only the
negatives are wrong; phase 2, only the rare sample wrong again, v > 0; separation.
H0-H3 are closed-form conditions on (n, gamma) that force this picture and bound
its phases. On other data the closed forms have no meaning, but the picture and
the two bounds do, with G = (1/n) sum over the first step's mistakes R of y_i a_i
in place of a_1/n. Each hypothesis below is a fact about the run, decided exactly
(rationals; square roots through rational bounds from integer square roots):

- exact: no margin is exactly 0 on the way (the bound is stated for such runs);
- H0: after the first step the mistakes R are a nonempty proper subset and
  alpha_1 = G^T w_1/||G|| < -1 (A_d: sigma > sqrt 2; the claim's rational form is sigma > 3/2);
- H0': gamma ||G|| < 1 (A_d: sqrt 2 r < 1; the claim's is 3r/2 < 1);
- P1: the mistakes stay R while v > 0, and phase 1 ends with v < 0 (A_d: proved from H0);
- H1: after one catapult step, R is wrong again and v > 0 (A_d: s < 0 after the catapult);
- H2: v > 1 after the catapult, every sample of R moves toward correct (y_i a_i^T G > 0),
  and H2': K2_bar delta <= 1 with delta = gamma max(0, -G^T w_s), the most v can fall per step;
- H3: in phase 2 no other sample turns wrong and R turns correct at one step.

Where all hold, T <= T_bar = 2 + K1_bar + K2_bar with K1_bar = 1/(gamma (|G^T w_1| - ||G||)) + 1
(phase 1 is the 2-d linear map on (alpha, v) of the A_d proof, with ||G|| for sqrt(2)/n) and
K2_bar = max over R of (-y_i a_i^T w_s)/(gamma (v_s - 1) y_i a_i^T G) + 1 (phase 2's
monotonicity argument, with v >= v_s - 1 from H2'). On A_d these are the proof's K1 and
K2 before its closed-form bounds, so T_bar here is at most the claim's.
"""

from __future__ import annotations

from fractions import Fraction
from math import isqrt
from typing import Any

import numpy as np

from checker.arith.sparse_integer import SparseSignedIntegers
from checker.engines import sparse_two_layer as two

NAMES = ("exact", "H0", "H0'", "P1", "H1", "H2", "H3")
STATEMENTS = {
    "exact": "no margin is exactly 0 on the way",
    "H0": "after the first step the mistakes R are a nonempty proper subset and alpha_1 = G^T w_1/||G|| < -1",
    "H0'": "gamma ||G|| < 1 (the phase-1 map's eigenvalue 1 - gamma ||G|| is positive)",
    "P1": "phase 1: the mistakes stay R while v > 0, and it ends with v < 0 (the catapult)",
    "H1": "one catapult step, then R is wrong again and v > 0",
    "H2": "v > 1 after the catapult, every sample of R moves toward correct, K2_bar delta <= 1",
    "H3": "phase 2: no other sample turns wrong, and R turns correct at one step",
}


def sqrt_up(q: Fraction, bits: int = 96) -> Fraction:
    """A rational >= sqrt(q) (q >= 0), within a relative 2^-bits."""
    a, b = q.numerator * q.denominator, q.denominator
    s = isqrt(a << (2 * bits))
    return Fraction(s + (s * s != a << (2 * bits)), b << bits)


class _Recorder:
    """The exact state at the first phase starts: (t, w, v, signs, S) with w and v as Fractions. The proof's
    picture has four phases before separation; a run with more has already failed a hypothesis."""

    def __init__(self, keep: int = 5):
        self.phases: list[tuple] = []
        self.keep = keep

    def __call__(self, t, W, V, unit, signs, S):
        if len(self.phases) < self.keep:
            self.phases.append((t, [Fraction(int(x)) * unit for x in W], Fraction(V) * unit, signs.copy(), S.copy()))


def check(sds, gamma, max_iter: int, data: SparseSignedIntegers | None = None) -> dict:
    """Run the single unit at gamma, recording every phase, and decide each hypothesis in order."""
    Z = data or SparseSignedIntegers(sds)
    gamma = Fraction(gamma)
    rec = _Recorder()
    trace: list = []
    run = two.single_unit_gp(sds, gamma, max_iter, data=Z, trace=trace, observe=rec)
    out: dict[str, Any] = {"gamma": str(gamma), "count": run.iterations, "stopped": run.stopped or None,
           "hypotheses": [], "bound": None}

    def verdict(name, holds, step=None, detail=""):
        out["hypotheses"].append({"name": name, "statement": STATEMENTS[name], "holds": holds, "step": step,
                                  "detail": detail})
        return holds

    zero = next((t for t, s in trace if t >= 1 and np.any(s == 0)), None)
    if not verdict("exact", zero is None, zero, f"a margin is exactly 0 at t = {zero}" if zero else ""):
        return _finish(out)
    phases = rec.phases + [(run.iterations, None, None, None, None)] if run.separated else rec.phases
    if len(phases) < 2 or phases[1][0] != 1:
        return _finish(out, "H0", 1, "the first step does not lead to a phase of the proof's form")
    if phases[1][1] is None:
        return _finish(out, "H0", 1, "no mistakes after the first step: separated at t = 1")
    _, w1, _, signs1, S1 = phases[1]
    wrong = np.flatnonzero(signs1 < 0)
    if len(wrong) in (0, sds.n):
        return _finish(out, "H0", 1, f"{len(wrong)} of {sds.n} samples are wrong after the first step")
    scale = Fraction(1, 2 * Z.scale * sds.n)  # G = S / (2 D n) in the data's units
    G = [Fraction(int(x)) * scale for x in S1]
    g2 = sum((x * x for x in G), Fraction(0))
    gw1 = sum(x * y for x, y in zip(G, w1))
    verdict("H0", gw1 < 0 and gw1 * gw1 > g2, 1,
            f"|R| = {len(wrong)}, G^T w_1 = {float(gw1):.6g}, ||G|| = {float(g2) ** 0.5:.6g}")
    verdict("H0'", gamma * gamma * g2 < 1, 1, f"gamma ||G|| = {float(gamma * gamma * g2) ** 0.5:.6g}")
    if not all(h["holds"] for h in out["hypotheses"]):
        return _finish(out)
    R = set(wrong.tolist())
    if len(phases) < 3 or phases[2][1] is None:
        t_end = phases[2][0] if len(phases) > 2 else run.iterations
        return _finish(out, "P1", t_end, "the run separated, or stopped, without a catapult")
    t_c, _, v_c, signs_c, _ = phases[2]
    if not (v_c < 0 and set(np.flatnonzero(signs_c < 0).tolist()) == set(range(sds.n)) - R):
        changed = "v < 0" if v_c < 0 else "a sample changed sign while v > 0"
        return _finish(out, "P1", t_c, f"at t = {t_c}: {changed}")
    verdict("P1", True, t_c, f"phase 1 lasts K1 = {t_c - 1} steps, then v < 0 at t = {t_c}")
    if len(phases) < 4 or phases[3][0] != t_c + 1 or phases[3][1] is None:
        return _finish(out, "H1", t_c + 1, "the catapult does not last exactly one step")
    t_s, w_s, v_s, signs_s, _ = phases[3]
    if not (v_s > 0 and set(np.flatnonzero(signs_s < 0).tolist()) == R):
        return _finish(out, "H1", t_s, f"at t = {t_s}: the mistakes are not R with v > 0")
    verdict("H1", True, t_s, f"v = {float(v_s):.6g} at t = {t_s}, R wrong again")
    towards = [sum(Fraction(int(z)) * G[j] for j, z in zip(*Z.row_entries(i))) / Z.scale for i in sorted(R)]
    reach = [-sum(Fraction(int(z)) * w_s[j] for j, z in zip(*Z.row_entries(i))) / Z.scale for i in sorted(R)]
    gws = sum(x * y for x, y in zip(G, w_s))
    delta = gamma * max(Fraction(0), -gws)
    k2 = (max(r / (gamma * (v_s - 1) * g) for r, g in zip(reach, towards)) + 1
          if v_s > 1 and all(g > 0 for g in towards) else None)
    ok2 = k2 is not None and k2 * delta <= 1
    verdict("H2", ok2, t_s, (f"v_s = {float(v_s):.6g}, min y_i a_i^T G = {float(min(towards)):.6g}"
                             + (f", K2_bar delta = {float(k2 * delta):.6g}" if k2 is not None else "")))
    if not ok2:
        return _finish(out)
    nxt = phases[4] if len(phases) > 4 else None
    ok3 = nxt is not None and nxt[1] is None
    verdict("H3", ok3, nxt[0] if nxt else None, f"phase 2 lasts K2 = {run.iterations - t_s} steps" if ok3 else
            _phase_two_change(nxt, R, run))
    if ok3:
        k1 = 1 / (gamma * (-gw1 - sqrt_up(g2))) + 1 if -gw1 > sqrt_up(g2) else None
        if k1 is not None:
            t_bar = 2 + k1 + k2
            out["bound"] = {"T_bar": t_bar, "K1_bar": k1, "K2_bar": k2, "K1": t_c - 1, "K2": run.iterations - t_s,
                            "holds": run.iterations <= t_bar}
    return _finish(out)


def _phase_two_change(nxt, R: set, run) -> str:
    """What ended phase 2 before separation."""
    if nxt is None:
        return f"phase 2 does not end: {run.stopped}"
    t, _, v, signs, _ = nxt
    wrong = set(np.flatnonzero(signs < 0).tolist())
    if v <= 0:
        return f"v <= 0 at t = {t}"
    if wrong - R:
        return f"{len(wrong - R)} sample(s) outside R turn wrong at t = {t}"
    return f"{len(R - wrong)} of the {len(R)} samples of R turn correct at t = {t}, the others later"


def _finish(out: dict, failing: str | None = None, step=None, detail: str = "") -> dict:
    if failing:
        out["hypotheses"].append({"name": failing, "statement": STATEMENTS[failing], "holds": False, "step": step,
                                  "detail": detail})
    first = next((h for h in out["hypotheses"] if not h["holds"]), None)
    out["first_failure"] = {"name": first["name"], "step": first["step"], "detail": first["detail"]} if first else None
    out["all_hold"] = first is None and out["bound"] is not None
    return out
