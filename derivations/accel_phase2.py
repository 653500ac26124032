"""ACCEL, the single unit after its first phase: the catapult step, the second phase, and the total bound.

For c = 1, in the coordinates s = x + y (the rare sample's margin is v s) and m = x + z
(every negative's margin is -v m), GP's steps are linear maps. Proved here, step by step:
the rare-only step and the catapult step in (s, v, m); the invariants of the rare-only
step (s^2 - 2 v^2 shrinks by 1 - 2r^2, m - s/2 is constant, s +- sqrt2 v scale by
1 +- sqrt2 r); that s < 0 < v and m < 0 through phase 1; the length of phase 1,
k* <= 1/(r (sigma - 3/2)), from log(1 + x) <= x and log(1 + 2w) >= 2w/(1 + w) (each
proved by monotonicity); how far phase 1 moves s (delta_bar, with Bernoulli's inequality
cited); v, s and m after the catapult step; the second phase's length; that the
negatives stay correct; and the total T <= T_bar(n, gamma) of `checker.analysis.accel_bound`
(the formula the checker evaluates is shown equal to the one derived here). Then, at
gamma = d^(1/4) = q: every hypothesis holds for q >= 4 (d >= 256), T_bar <= 10 sqrt(d)
there, T_bar <= (5/2) sqrt(d) + 12 d^(1/4) + 20 for q >= 6, and T_bar/sqrt(d) -> 5/2.
Hypothesis throughout: no margin is exactly 0 on the way (the checker's exact runs say
which d meet it).
"""

from __future__ import annotations

import sympy as sp

from checker.analysis.accel_bound import bound, lower

from .steps import Derivation


def _gp_step(x, y, z, v, w1, wm, r, n):
    """One GP step of v w^T a on A_d (c = 1) with weights w1 (rare), wm (each negative): the new (x, y, z, v)."""
    return (x + r * v * (w1 - (n - 1) * wm), y + r * v * w1, z - r * v * wm,
            v + r * (w1 * (x + y) - (n - 1) * wm * (x + z)))


def extend(D: Derivation, n, gamma) -> None:
    """Append the second phase and the total bound to ACCEL's derivation D (n = d - 1, step size gamma)."""
    r = gamma / n
    x, y, z, v, s, m = sp.symbols("x y z v s m", real=True)
    half, three_halves, rt2 = sp.Rational(1, 2), sp.Rational(3, 2), sp.sqrt(2)
    sigma_e = gamma * (n - 3) / (2 * n)
    # -- the two kinds of step in (s, v, m) --------------------------------------------------------
    for w1, wm, label, target in (
            (1, 0, "only the rare sample wrong", (s + 2 * r * v, v + r * s, m + r * v)),
            (0, 1, "the catapult: only the negatives wrong", (s - r * (n - 1) * v, v - r * (n - 1) * m, m - gamma * v))):
        xn, yn, zn, vn = _gp_step(x, y, z, v, w1, wm, r, n)
        D.equal(sp.Matrix([xn + yn, vn, xn + zn]), sp.Matrix(target).subs({s: x + y, m: x + z}),
                f"GP's step with {label} (weights {w1}, {wm}), in s = x + y, v, m = x + z",
                name=r"(s, v, m)_{t+1}")
    x1, y1, z1, v1 = _gp_step(0, 0, 0, 1, half, half, r, n)
    D.equal(sp.Matrix([x1 + y1, v1, x1 + z1]), sp.Matrix([-sigma_e, 1, -gamma * (n - 1) / (2 * n)]),
            r"the first step (every margin 0, every weight 1/2) from w = 0, v = 1: s_1 = -sigma with "
            r"sigma = gamma (n - 3)/(2n)", name=r"(s_1, v_1, m_1)")
    # -- invariants of the rare-only step ------------------------------------------------------------
    D.equal((s + 2 * r * v) ** 2 - 2 * (v + r * s) ** 2, (1 - 2 * r**2) * (s**2 - 2 * v**2),
            r"s^2 - 2 v^2 is multiplied by rho = 1 - 2 r^2 at each rare-only step (r = gamma/n)")
    D.equal((m + r * v) - (s + 2 * r * v) / 2, m - s / 2,
            r"m - s/2 does not change at a rare-only step, so m_t = m_1 + (s_t - s_1)/2 through a rare-only phase",
            name=r"m_{t+1} - \tfrac12 s_{t+1}")
    D.equal((s + 2 * r * v) + rt2 * (v + r * s), (1 + rt2 * r) * (s + rt2 * v),
            r"s + sqrt2 v is multiplied by 1 + sqrt2 r")
    D.equal((s + 2 * r * v) - rt2 * (v + r * s), (1 - rt2 * r) * (s - rt2 * v),
            r"s - sqrt2 v is multiplied by 1 - sqrt2 r > 0 (H0': 3r/2 < 1)")
    h0, e1, e2, e3, e4 = sp.symbols("h_0 e_1 e_2 e_3 e_4", positive=True)
    D.leq(rt2, three_halves, r"H0: sigma = 3/2 + h_0 > 3/2 > sqrt 2, so s_1 + sqrt2 v_1 = sqrt2 - sigma < 0 "
          r"and s_1 - sqrt2 v_1 < 0: both stay negative through phase 1", strict=True)
    kappa = sp.Symbol("kappa", positive=True)  # 3/2 - sqrt 2: sigma - sqrt2 = h_0 + kappa
    D.leq((-e1 - e2) / 2, 0, r"s = ((s + sqrt2 v) + (s - sqrt2 v))/2 < 0 through phase 1; while v > 0, s grows "
          r"(by 2 r v) and v falls (by r |s|), so -sigma <= s < 0 and 0 < v <= 1", strict=True)
    m1 = -gamma * (n - 1) / (2 * n)
    D.equal(m1 + sigma_e / 2, -gamma * (n + 1) / (4 * n), r"m_1 + sigma/2, computed", name=r"m_1 + \sigma/2")
    D.leq(m1 + (-e1 + sigma_e) / 2, -gamma * (n + 1) / (4 * n),
          r"so m = m_1 + (s - s_1)/2 < -gamma (n + 1)/(4n) < 0 while s = -e_1 < 0: the negatives stay correct in "
          r"phase 1", strict=True)
    # -- the length of phase 1 --------------------------------------------------------------------------
    u, w = sp.symbols("u w", nonnegative=True)
    D.monotone_from(sp.log(1 + u), u, u, 0, r"log(1 + u) <= u for u >= 0")
    D.equal((1 + w / (1 + w)) / (1 - w / (1 + w)), 1 + 2 * w,
            r"with sqrt2 r = w/(1 + w): (1 + sqrt2 r)/(1 - sqrt2 r) = 1 + 2w")
    D.monotone_from(2 * w / (1 + w), sp.log(1 + 2 * w), w, 0, r"log(1 + 2w) >= 2w/(1 + w) = 2 sqrt2 r")
    num, den = 2 * rt2 / (h0 + kappa), 2 * rt2 * r  # log((sigma + sqrt2)/(sigma - sqrt2)) <= num, log(...) >= den
    D.leq((num - e1) / (den + e2), num / den,
          r"with sigma - sqrt2 = h_0 + kappa, kappa = 3/2 - sqrt2: k* = log((sigma + sqrt2)/(sigma - sqrt2)) / log((1 + sqrt2 r)/(1 - sqrt2 r)) (phase 1's length, above) "
          r"is at most the ratio of the two bounds")
    D.equal(num / den, 1 / (r * (h0 + kappa)), r"which is 1/(r (sigma - sqrt 2))",
            name=r"\frac{2\sqrt2/(h_0 + \kappa)}{2\sqrt2 r}")
    D.leq(1 / (r * (h0 + kappa)), 1 / (r * h0),
          r"<= 1/(r (sigma - 3/2)) = 1/(r h_0): phase 1 has K_1 = ceil(k*) <= bar K_1 = 1/(r (sigma - 3/2)) + 1 steps")
    # -- the end of phase 1 ------------------------------------------------------------------------------
    sg, K, vp = sp.symbols("sigma K v_p", positive=True)
    D.leq(-r * sg, vp + r * (-sg + e1),
          r"the last step of phase 1: v_c = v_p + r s_p with v_p > 0 and s_p >= -sigma, so -r sigma < v_c <= 0",
          strict=True)
    rho2 = sp.Symbol("b", positive=True)
    D.cite((1 - rho2) ** K, ">=", 1 - K * rho2, r"Bernoulli's inequality, for 0 <= b <= 1 and integer K >= 0 (here "
           r"b = 2 r^2, K = K_1)")
    a, dl, vc = sp.symbols("a delta v_c", positive=True)  # a = |s_c|, delta = s_c - s_1 = sigma - |s_c|
    sigma = three_halves + h0
    D.leq((sigma**2 - 2) * (1 - 2 * r**2 * K), (sigma**2 - 2) * (1 - 2 * r**2 * K + e1) + 2 * vc**2,
          r"s_c^2 = rho^{K_1}(s_1^2 - 2 v_1^2) + 2 v_c^2 >= (sigma^2 - 2)(1 - 2 r^2 K_1), with sigma^2 > 2 (H0)",
          certificate=(h0**2 + 3 * h0 + sp.Rational(1, 4)) * e1 + 2 * vc**2)
    D.leq(dl, ((a + dl) ** 2 - a**2) / (a + dl),
          r"delta = sigma - |s_c| <= (sigma^2 - s_c^2)/sigma (sigma = |s_c| + delta)")
    D.leq((sg**2 - (sg**2 - 2) * (1 - 2 * r**2 * K)) / sg, 2 / sg + 2 * r**2 * K * sg,
          r"and with the bound on s_c^2: delta <= 2/sigma + 2 r^2 K_1 sigma <= Delta := 2/sigma + "
          r"2 r^2 bar K_1 sigma")
    # -- the catapult step and phase 2 ---------------------------------------------------------------
    db, vl, vh = sp.symbols("Delta V V_h", positive=True)  # Delta: Delta
    mu_low = gamma * (n - 1) / (2 * n) - db / 2
    D.leq(-r * sg + r * (n - 1) * mu_low, (-r * sg + e1) + r * (n - 1) * (mu_low + e2),
          r"after the catapult: v_2 = v_c + r (n - 1)|m_c| with |m_c| = |m_1| - delta/2 >= |m_1| - Delta/2 "
          r"and v_c > -r sigma: v_2 > V := r (n - 1)(gamma (n - 1)/(2n) - Delta/2) - r sigma", strict=True,
          certificate=e1 + r * (n - 1) * e2)
    D.leq(-(sg - (db - e1)) + r * (n - 1) * (r * sg - e2), -(sg - db) + r**2 * (n - 1) * sg,
          r"s_2 = s_c + r (n - 1)|v_c| <= -(sigma - Delta) + r^2 (n - 1) sigma, < 0 by H1",
          certificate=e1 + r * (n - 1) * e2)
    D.leq(v - r * sg, v + r * (-sg + e1),
          r"phase 2 (only the rare sample wrong, v > 0): s grows from s_2 >= -sigma, so each step lowers v by "
          r"at most r sigma")
    base = D.leq(-sg, -sg + e1, r"base (K = 0): s_2 >= -sigma")
    f1, f2 = sp.symbols("f_1 f_2", nonnegative=True)
    step_v = D.leq(vl - 1, (vl - K * r * sg).subs(K, (1 - f1) / (r * sg)), r"so after K <= bar K_2 steps v >= V - K r sigma >= V - 1 > 0 "
                   r"(H2': bar K_2 r sigma <= 1; H2: V > 1)")
    step_s = D.leq(s + 2 * r * (vl - 1), s + 2 * r * (vl - 1 + e1), r"and each step raises s by 2 r v >= 2 r (V - 1)")
    D.induction(-sg + 2 * r * K * (vl - 1), "<=", s, r"so s_{2+K} >= -sigma + 2 r K (V - 1) for K <= bar K_2",
                base=base, lemma=[step_v, step_s])
    D.equal(-sg + 2 * r * (sg / (2 * r * (vl - 1))) * (vl - 1), 0,
            r"which is > 0 once K > sigma/(2 r (V - 1)): phase 2 ends within bar K_2 = sigma/(2 r (V - 1)) + 1 steps",
            name=r"-\sigma + 2 r K (V - 1)\big|_{K = \sigma/(2 r (V - 1))}")
    D.leq(-f1 + r * (n - 1) * (gamma * (n - 1) / (2 * n) - f2), gamma**2 * (n - 1) ** 2 / (2 * n**2),
          r"v_2 = v_c + r (n - 1)|m_c| <= r (n - 1)|m_1| =: V_h (v_c <= 0, |m_c| <= |m_1|), and v only falls in phase 2, "
          r"so s < 2 r V_h up to the last step",
          certificate=f1 + r * (n - 1) * f2)
    m_phase2 = (m1 + db / 2 - e1) + gamma * (r * sg - e2) + ((2 * r * vh - e3) - (-sg + e4)) / 2
    D.leq(m_phase2.subs(sg, sigma_e), -gamma * (n + 1) / (4 * n) + db / 2 + gamma * r * sigma_e + r * vh,
          r"the negatives stay correct in phase 2: m = m_2 + (s - s_2)/2 with m_2 < m_c + gamma r sigma, "
          r"m_c <= m_1 + Delta/2, s < 2 r V_h and s_2 >= -sigma; the bound is < 0 by H3", strict=True)
    # -- the total ------------------------------------------------------------------------------------
    k1_bar = 1 / (r * (sigma_e - three_halves)) + 1
    d_bar = 2 / sigma_e + 2 * r**2 * k1_bar * sigma_e
    v_low = r * (n - 1) * (gamma * (n - 1) / (2 * n) - d_bar / 2) - r * sigma_e
    k2_bar = sigma_e / (2 * r * (v_low - 1)) + 1
    total, hypotheses, _ = bound(n, gamma, three_halves)
    D.equal(1 + k1_bar + 1 + k2_bar, total,
            r"T = 1 + K_1 + 1 + K_2 (the first step, phase 1, the catapult, phase 2) <= 2 + bar K_1 + bar K_2: "
            r"the formula the checker evaluates (checker/analysis/accel_bound.py)", name=r"2 + \bar K_1 + \bar K_2")
    # -- the matching lower bound ---------------------------------------------------------------------
    D.monotone_from(u / (1 + u), sp.log(1 + u), u, 0, r"log(1 + u) >= u/(1 + u) for u >= 0")
    D.monotone_from(sp.log(1 + 2 * w), 2 * w, w, 0, r"log(1 + 2w) <= 2w for w >= 0")
    wq = sp.Symbol("omega", positive=True)
    x1, x2 = 2 * rt2 / (sg + rt2), 2 * wq  # log((sigma + sqrt2)/(sigma - sqrt2)) >= x1, log(1 + 2w) <= x2
    D.leq(x1 / x2, (x1 + e1) * (1 + e2) / x2,
          r"so k* (the ratio of the two logarithms) is at least x_1/x_2, with x_1 = 2 sqrt2/(sigma + sqrt2) (u = "
          r"2 sqrt2/(sigma - sqrt2)) and x_2 = 2 omega (sqrt2 r = omega/(1 + omega))")
    rs = sp.Symbol("r_0", positive=True)
    D.equal(x1 / x2, ((1 - rt2 * rs) / (rs * (sg + rt2))).subs(rs, wq / (rt2 * (1 + wq))),
            r"which is (1 - sqrt2 r)/(r (sigma + sqrt2))", name=r"x_1/x_2")
    a1, b1 = sp.symbols("a_1 b_1", positive=True)  # a_1 = 1 - sqrt2 r > 0, b_1 = sigma + sqrt2
    D.leq((a1 - kappa * r) / (r * (b1 + kappa)), a1 / (r * b1),
          r"and >= (1 - 3r/2)/(r (sigma + 3/2)) (a_1 = 1 - sqrt2 r, b_1 = sigma + sqrt2, 3/2 = sqrt2 + kappa)")
    t_low = lower(n, gamma, three_halves)
    D.equal(3 + (1 - three_halves * r) / (r * (sigma_e + three_halves)), t_low,
            r"T = 1 + ceil(k*) + 1 + K_2 >= 3 + k* (phase 2 has a step: s_2 < 0) >= T_low, the lower bound the "
            r"checker evaluates", name=r"T_{\mathrm{low}}")
    # -- at gamma = d^(1/4) -------------------------------------------------------------------------------
    q = sp.Symbol("q", positive=True)
    at_q = {n: q**4 - 1, gamma: q}
    for label, value in hypotheses.items():
        D.positive_beyond(value.subs(at_q), q, 4, f"{label.split(':')[0]} holds at gamma = d^(1/4) = q for every "
                          f"q >= 4 (d >= 256)", name=label.split(":")[0] + r"\big|_{\gamma = q = 4 + u,\ n = q^4 - 1}")
    t_q = total.subs(at_q)
    D.positive_beyond(10 * q**2 - t_q, q, 4, r"so T(d) <= 10 sqrt(d) for every d >= 256 at gamma = d^(1/4)",
                      name=r"10 q^2 - \bar T\big|_{\gamma = q = 4 + u,\ n = q^4 - 1}")
    D.positive_beyond(sp.Rational(5, 2) * q**2 + 12 * q + 20 - t_q, q, 6,
                      r"and T(d) <= (5/2) sqrt(d) + 12 d^(1/4) + 20 for d >= 1296",
                      name=r"\tfrac52 q^2 + 12 q + 20 - \bar T\big|_{\gamma = q = 6 + u,\ n = q^4 - 1}")
    D.limit(t_q / q**2, q, sp.oo, sp.Rational(5, 2),
            r"the proved bound over sqrt(d): 2 (phase 1) + 1/2 (phase 2), as measured (2.507 sqrt(d) at d = 2^20)")
    D.limit(t_low.subs(at_q) / q**2, q, sp.oo, 2,
            r"and the lower bound over sqrt(d) tends to 2: the single unit needs Theta(sqrt d) steps at gamma = d^(1/4)")
