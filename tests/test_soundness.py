"""Soundness against near misses: textbook inequalities, each made false by the smallest change a typo makes.

Every entry is a true inequality `lhs <= rhs` (or >=) whose two sides touch at a known point (where the bound is
tight). Moving the bound by 10^-k past the touching point makes it false there, by a margin this test computes
itself with mpmath at 50 digits before asking gdpc anything. `gdpc check` must never prove such a variant, whatever
decider it reaches (SymPy, Z3, bounds + Z3, lemmas, branch and bound); where it answers, the answer is a refutation.
The true originals are checked too: never refuted. Written apart from the deciders, from the textbook statements.
"""

import mpmath
import pytest
import sympy as sp

from derivcheck.files import check_latex

# (declarations, lhs, relation, rhs, the touching point): the sides are equal there, and the relation holds elsewhere
TIGHT = [
    ("x real", r"1 - x", r"\le", r"e^{-x}", {"x": 0}),
    ("y positive", r"\log y", r"\le", r"y - 1", {"y": 1}),
    ("x real", r"x e^{-x}", r"\le", r"e^{-1}", {"x": 1}),
    ("u nonnegative", r"e^{-u}", r"\le", r"1 - u + \frac{u^2}{2}", {"u": 0}),
    ("x real", r"\cos x", r"\ge", r"1 - \frac{x^2}{2}", {"x": 0}),
    ("z real", r"\log(1 + e^{z})", r"\le", r"\log 2 + \frac{z}{2} + \frac{z^2}{8}", {"z": 0}),
    ("a real; b real", r"\log(e^a + e^b)", r"\le", r"\max(a, b) + \log 2", {"a": 0, "b": 0}),
    ("a real; b real", r"e^{(a + b)/2}", r"\le", r"\frac{e^a + e^b}{2}", {"a": 1, "b": 1}),
    ("a positive; b positive", r"\frac{\log a + \log b}{2}", r"\le", r"\log\frac{a + b}{2}", {"a": 2, "b": 2}),
    ("x nonnegative", r"1 + x + \frac{x^2}{2} + \frac{x^3}{6}", r"\le", r"e^{x}", {"x": 0}),
    ("p nonnegative", r"\frac{2p}{2 + p}", r"\le", r"\log(1 + p)", {"p": 0}),
    ("x nonnegative", r"\tanh x", r"\le", r"x", {"x": 0}),
    ("x nonnegative", r"\sqrt{x}", r"\le", r"\frac{1 + x}{2}", {"x": 1}),
    ("x positive", r"1 - \frac{1}{x}", r"\le", r"\log x", {"x": 1}),
    ("z real", r"\log(1 + e^{-z})", r"\ge", r"\log 2 - \frac{z}{2}", {"z": 0}),
    ("x in [0, 1]", r"\log(1 + x)", r"\ge", r"x \log 2", {"x": 1}),
    ("x in [0, 1]", r"e^{x}", r"\le", r"1 + (e - 1) x", {"x": 1}),
    ("t real", r"\sigma(t)(1 - \sigma(t))", r"\le", r"\frac14", {"t": 0}),
    ("x real", r"\frac{x^2}{1 + x^2}", r"\le", r"1 - e^{-x^2}", {"x": 0}),
    ("g positive; m positive", r"g e^{-g m}", r"\le", r"\frac{1}{e m}", {"g": 1, "m": 1}),
    ("x nonnegative", r"x - \frac{x^2}{2}", r"\le", r"\log(1 + x)", {"x": 0}),
    ("x in [0, 1/2]", r"-\log(1 - x)", r"\le", r"x + x^2", {"x": 0}),
    ("x real", r"\cosh x", r"\le", r"e^{x^2/2}", {"x": 0}),
    ("a real; b real", r"a b", r"\le", r"\frac{a^2 + b^2}{2}", {"a": 3, "b": 3}),
    ("x real; y real", r"2 x y", r"\le", r"x^2 + y^2", {"x": 1, "y": 1}),
]
EPSILONS = (sp.Rational(1, 10**3), sp.Rational(1, 10**9))
TEX = r"""% assume: {decl}
\begin{{align}}
{lhs} &{rel} {rhs}
\end{{align}}
"""


def _value(tex: str, point: dict) -> mpmath.mpf:
    from derivcheck.reader.document import to_sympy

    e = to_sympy(tex).subs({sp.Symbol(k, real=True): v for k, v in point.items()})
    e = e.subs({s: point[s.name] for s in e.free_symbols if s.name in point})
    with mpmath.workdps(50):
        return mpmath.mpf(sp.N(e.rewrite(sp.exp), 50))


def _variant(lhs: str, rel: str, rhs: str, eps) -> tuple[str, str]:
    """The bound moved past the touching point: lhs <= rhs - eps, or lhs >= rhs + eps."""
    e = sp.latex(eps)
    return (lhs, f"{rhs} - {e}") if rel == r"\le" else (lhs, f"{rhs} + {e}")


@pytest.mark.slow
@pytest.mark.parametrize("decl, lhs, rel, rhs, point", TIGHT, ids=[f"{t[1]} {t[2]} {t[3]}" for t in TIGHT])
def test_a_tight_bound_moved_past_its_touching_point_is_never_proved(decl, lhs, rel, rhs, point):
    gap = _value(lhs, point) - _value(rhs, point)
    assert abs(gap) < mpmath.mpf(10) ** -40, gap  # the entry is right: the sides touch at the point
    (original,) = check_latex(TEX.format(decl=decl, lhs=lhs, rel=rel, rhs=rhs)).verdicts
    assert original.verdict != "refuted", original.evidence
    for eps in EPSILONS:
        l2, r2 = _variant(lhs, rel, rhs, eps)
        # false at the touching point, by eps: computed here, independently of gdpc
        moved = _value(r2, point) - _value(l2, point)
        assert (moved < 0) if rel == r"\le" else (moved > 0)
        (v,) = check_latex(TEX.format(decl=decl, lhs=l2, rel=rel, rhs=r2)).verdicts
        assert v.verdict != "proved", (l2, rel, r2, v.method)
        assert v.verdict in ("refuted", "numerically holds, not proved", "undecided"), v.verdict
