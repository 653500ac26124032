"""The lemma library: standard inequalities and identities about finite sums, stated once for every range.

Each `Lemma` bounds (or rewrites) one pattern, its `atom`, in a step: `atom REL bound`, REL one of <=, >=, =, for
every instance of its placeholders (`unify`: `Lo`, `Hi` the range, `X(i)`, `Y(i)`, `W(i)` terms, `V(i)` vectors,
`Phi` a function, `R` a number) that satisfies its `conditions`. `lemma_match` finds the atom in a step, proves the
conditions of that instance, and substitutes the bound where the step's monotonicity allows it. Every lemma holds
on a proper range (Hi >= Lo - 1, which the matcher proves; an empty sum is 0), and for terms that are real numbers
(each `V(i)` a vector of R^d for any d).

How each is proved, once: `proof` says it, and `tests/test_lemma_statements.py` and `tests/test_lemma_library.py` check it. The sum bounds in one variable
(harmonic, 1/sqrt(t), Basel, geometric, telescoping) are proved by induction on Hi there (`induction`: the base case
and the inductive step's difference, each proved by the prover or Z3); the classical inequalities are cited:

* Cauchy-Schwarz for sums (and its corollaries (sum x_i)^2 <= n sum x_i^2, sum |x_i| <= sqrt(n) sqrt(sum x_i^2),
  and its weighted form): Lagrange's identity; J. M. Steele, The Cauchy-Schwarz Master Class (CUP 2004), ch. 1.
* the triangle inequality over a sum: induction on n from the triangle inequality for two vectors, itself proved for
  every d by `gram` (tests/test_lemma_library.py); the scalar form is the case d = 1.
* Jensen's inequality for a finite average of a convex function: J. L. W. V. Jensen, Acta Math. 30 (1906); Hardy,
  Littlewood and Polya, Inequalities (CUP 1934), 3.6. Convexity is proved for the instance: phi'' >= 0 on an interval
  holding every term (a twice differentiable function with phi'' >= 0 on an interval is convex there).
* the inequality of arithmetic and geometric means: Hardy, Littlewood and Polya, Inequalities, 2.5 (Cauchy's proof).
* log of a product is the sum of the logs, for positive factors (the functional equation of log, by induction);
  a product of exponentials is the exponential of the sum (the same, for exp); prod (1 + x_i) <= e^{sum x_i} for
  x_i >= -1 (1 + x <= e^x factor by factor, each factor nonnegative); prod (1 - x_i) >= 1 - sum x_i for x_i in [0, 1]
  (the Weierstrass product inequality, by induction on n), and prod (1 + x_i) >= 1 + sum x_i for x_i >= 0.
* sum_{i=1}^{n} 1/i^2 <= pi^2/6: Euler's sum of the series, whose terms are positive, bounds every partial sum.
"""

from __future__ import annotations

from dataclasses import dataclass

import sympy as sp

from derivcheck.deciders.unify import Hole, placeholder
from derivcheck.deciders.vector_form import Inner, norm
from derivcheck.functions import MaxOver, MinOver

i = sp.Symbol("i_", integer=True)  # the patterns' summation index
Lo, Hi, R, Q = Hole("Lo"), Hole("Hi"), Hole("R"), Hole("Q")
X, Y, W, V, Phi = (placeholder(n) for n in ("X", "Y", "W", "V", "Phi"))
N = Hi - Lo + 1  # the number of terms


def total(body):
    return sp.Sum(body, (i, Lo, Hi))


@dataclass(frozen=True)
class Condition:
    """What an instance must satisfy, proved for it by `lemma_match`:

    * `term`: expr (in the index i) has the property (real, nonnegative, positive) for every i in Lo..Hi;
    * `holds`: expr has the property (nonzero, nonnegative, positive), expr free of the index;
    * `convex` / `concave`: Phi is, on an interval holding every value of expr (a term in i);
    * `one`: sum_{i=Lo}^{Hi} expr is 1.
    """

    kind: str
    expr: object
    prop: str = ""


@dataclass(frozen=True)
class Lemma:
    name: str
    tex: str  # the statement as a reader writes it
    atom: object
    rel: str  # atom REL bound
    bound: object
    conditions: tuple = ()
    proof: str = ""
    vector: bool = False  # stated for vectors (inner products), matched on a step lifted to the vector level
    rewrite: bool = False  # an identity that only renames (reindexing): used where its result is in the step


def _real(expr):
    return Condition("term", expr, "real")


LEMMAS = (
    # -- vectors ---------------------------------------------------------------------------------------------------
    Lemma("the triangle inequality over a sum", r"\|\sum_i v_i\| \le \sum_i \|v_i\|",
          norm(total(V(i))), "<=", total(norm(V(i))), proof="induction on n from ||u + v|| <= ||u|| + ||v||",
          vector=True),
    Lemma("Cauchy-Schwarz over a sum of vectors", r"\|\sum_{i=1}^{n} v_i\|^2 \le n \sum_{i=1}^{n} \|v_i\|^2",
          Inner(total(V(i)), total(V(i))), "<=", N * total(Inner(V(i), V(i))), proof="Steele, ch. 1", vector=True),
    Lemma("Cauchy-Schwarz over a weighted sum of vectors",
          r"\|\sum_i w_i v_i\|^2 \le (\sum_i w_i) \sum_i w_i \|v_i\|^2 \ (w_i \ge 0)",
          Inner(total(W(i) * V(i)), total(W(i) * V(i))), "<=", total(W(i)) * total(W(i) * Inner(V(i), V(i))),
          (Condition("term", W(i), "nonnegative"),), proof="Steele, ch. 1", vector=True),
    # -- scalars: Cauchy-Schwarz and the triangle inequality -----------------------------------------------------
    Lemma("the triangle inequality over a sum", r"|\sum_i x_i| \le \sum_i |x_i|",
          sp.Abs(total(X(i))), "<=", total(sp.Abs(X(i))), (_real(X(i)),), proof="the case d = 1 of the vector form"),
    Lemma("Cauchy-Schwarz with ones", r"(\sum_{i=1}^{n} x_i)^2 \le n \sum_{i=1}^{n} x_i^2",
          total(X(i)) ** 2, "<=", N * total(X(i) ** 2), (_real(X(i)),), proof="Steele, ch. 1"),
    Lemma("Cauchy-Schwarz over a sum", r"(\sum_i x_i y_i)^2 \le (\sum_i x_i^2)(\sum_i y_i^2)",
          total(X(i) * Y(i)) ** 2, "<=", total(X(i) ** 2) * total(Y(i) ** 2), (_real(X(i)), _real(Y(i))),
          proof="Lagrange's identity; Steele, ch. 1"),
    Lemma("Cauchy-Schwarz with weights", r"(\sum_i w_i x_i)^2 \le (\sum_i w_i)(\sum_i w_i x_i^2) \ (w_i \ge 0)",
          total(W(i) * X(i)) ** 2, "<=", total(W(i)) * total(W(i) * X(i) ** 2),
          (Condition("term", W(i), "nonnegative"), _real(X(i))), proof="Steele, ch. 1"),
    Lemma("the sum of squares is at most the square of the sum", r"\sum_i x_i^2 \le (\sum_i x_i)^2 \ (x_i \ge 0)",
          total(X(i) ** 2), "<=", total(X(i)) ** 2, (Condition("term", X(i), "nonnegative"),),
          proof="(sum_i x_i)^2 = sum_i x_i^2 + sum_{i != j} x_i x_j, and x_i x_j >= 0"),
    Lemma("the square root is subadditive", r"\sqrt{\sum_i x_i} \le \sum_i \sqrt{x_i} \ (x_i \ge 0)",
          sp.sqrt(total(X(i))), "<=", total(sp.sqrt(X(i))), (Condition("term", X(i), "nonnegative"),),
          proof="(sum_i sqrt x_i)^2 = sum_i x_i + sum_{i != j} sqrt(x_i x_j) >= sum_i x_i"),
    Lemma("Cauchy-Schwarz with ones", r"\sum_{i=1}^{n} |x_i| \le \sqrt{n} \sqrt{\sum_{i=1}^{n} x_i^2}",
          total(sp.Abs(X(i))), "<=", sp.sqrt(N) * sp.sqrt(total(X(i) ** 2)), (_real(X(i)),),
          proof="Steele, ch. 1"),
    # -- the largest and the smallest term ---------------------------------------------------------------------
    Lemma("a sum is at most its number of terms times its largest term", r"\sum_{i=1}^{n} x_i \le n \max_i x_i",
          total(X(i)), "<=", N * MaxOver(X(i), (i, Lo, Hi)), (_real(X(i)), Condition("holds", Hi - Lo, "nonnegative")),
          proof="each term is at most the largest, over a nonempty range"),
    Lemma("a sum is at least its number of terms times its smallest term", r"\sum_{i=1}^{n} x_i \ge n \min_i x_i",
          total(X(i)), ">=", N * MinOver(X(i), (i, Lo, Hi)), (_real(X(i)), Condition("holds", Hi - Lo, "nonnegative")),
          proof="each term is at least the smallest, over a nonempty range"),
    Lemma("the smallest term is at most the largest", r"\min_i x_i \le \max_i x_i",
          MinOver(X(i), (i, Lo, Hi)), "<=", MaxOver(X(i), (i, Lo, Hi)),
          (_real(X(i)), Condition("holds", Hi - Lo, "nonnegative")), proof="both are terms of a nonempty range"),
    # -- averages --------------------------------------------------------------------------------------------------
    Lemma("Jensen's inequality for a convex function", r"\phi(\frac1n \sum_i x_i) \le \frac1n \sum_i \phi(x_i)",
          Phi(total(X(i)) / N), "<=", total(Phi(X(i))) / N,
          (_real(X(i)), Condition("convex", X(i)), Condition("holds", Hi - Lo, "nonnegative")),
          proof="Jensen 1906; Hardy-Littlewood-Polya 3.6"),
    Lemma("Jensen's inequality for a concave function", r"\phi(\frac1n \sum_i x_i) \ge \frac1n \sum_i \phi(x_i)",
          Phi(total(X(i)) / N), ">=", total(Phi(X(i))) / N,
          (_real(X(i)), Condition("concave", X(i)), Condition("holds", Hi - Lo, "nonnegative")),
          proof="Jensen 1906; Hardy-Littlewood-Polya 3.6"),
    Lemma("Jensen's inequality for a convex function (weights summing to 1)",
          r"\phi(\sum_i w_i x_i) \le \sum_i w_i \phi(x_i)",
          Phi(total(W(i) * X(i))), "<=", total(W(i) * Phi(X(i))),
          (_real(X(i)), Condition("term", W(i), "nonnegative"), Condition("one", W(i)), Condition("convex", X(i))),
          proof="Jensen 1906; Hardy-Littlewood-Polya 3.6"),
    Lemma("Jensen's inequality for a concave function (weights summing to 1)",
          r"\phi(\sum_i w_i x_i) \ge \sum_i w_i \phi(x_i)",
          Phi(total(W(i) * X(i))), ">=", total(W(i) * Phi(X(i))),
          (_real(X(i)), Condition("term", W(i), "nonnegative"), Condition("one", W(i)), Condition("concave", X(i))),
          proof="Jensen 1906; Hardy-Littlewood-Polya 3.6"),
    Lemma("Jensen's inequality for a convex function (weights normalised by their sum)",
          r"\phi(\frac{\sum_i w_i x_i}{\sum_i w_i}) \le \frac{\sum_i w_i \phi(x_i)}{\sum_i w_i}",
          Phi(total(W(i) * X(i)) / total(W(i))), "<=", total(W(i) * Phi(X(i))) / total(W(i)),
          (_real(X(i)), Condition("term", W(i), "nonnegative"), Condition("holds", total(W(i)), "positive"),
           Condition("convex", X(i))),
          proof="Jensen 1906 with the weights w_i / sum_j w_j, which sum to 1"),
    Lemma("Jensen's inequality for a concave function (weights normalised by their sum)",
          r"\phi(\frac{\sum_i w_i x_i}{\sum_i w_i}) \ge \frac{\sum_i w_i \phi(x_i)}{\sum_i w_i}",
          Phi(total(W(i) * X(i)) / total(W(i))), ">=", total(W(i) * Phi(X(i))) / total(W(i)),
          (_real(X(i)), Condition("term", W(i), "nonnegative"), Condition("holds", total(W(i)), "positive"),
           Condition("concave", X(i))),
          proof="Jensen 1906 with the weights w_i / sum_j w_j, which sum to 1"),
    Lemma("the AM-GM inequality", r"(\prod_{i=1}^{n} x_i)^{1/n} \le \frac1n \sum_{i=1}^{n} x_i \ (x_i \ge 0)",
          sp.Product(X(i), (i, Lo, Hi)) ** (1 / N), "<=", total(X(i)) / N,
          (Condition("term", X(i), "nonnegative"), Condition("holds", Hi - Lo, "nonnegative")),
          proof="Hardy-Littlewood-Polya 2.5"),
    Lemma("the logarithm of a product", r"\log \prod_i x_i = \sum_i \log x_i \ (x_i > 0)",
          sp.log(sp.Product(X(i), (i, Lo, Hi))), "=", total(sp.log(X(i))), (Condition("term", X(i), "positive"),),
          proof="log(ab) = log a + log b for a, b > 0, by induction on n"),
    Lemma("a product of factors 1 + x_i is at most the exponential of the sum",
          r"\prod_i (1 + x_i) \le e^{\sum_i x_i} \ (x_i \ge -1)",
          sp.Product(1 + X(i), (i, Lo, Hi)), "<=", sp.exp(total(X(i))), (Condition("term", 1 + X(i), "nonnegative"),),
          proof="0 <= 1 + x_i <= e^{x_i} for each factor, and a product of nonnegative factors grows with each"),
    Lemma("the Weierstrass product inequality", r"\prod_i (1 - x_i) \ge 1 - \sum_i x_i \ (0 \le x_i \le 1)",
          sp.Product(1 - X(i), (i, Lo, Hi)), ">=", 1 - total(X(i)),
          (Condition("term", X(i), "nonnegative"), Condition("term", 1 - X(i), "nonnegative")),
          proof="induction on n: P (1 - x) >= (1 - s)(1 - x) = 1 - s - x + s x >= 1 - (s + x), for 1 - x >= 0, s x >= 0"),
    Lemma("a product of factors 1 + x_i is at least 1 plus the sum",
          r"\prod_i (1 + x_i) \ge 1 + \sum_i x_i \ (x_i \ge 0)",
          sp.Product(1 + X(i), (i, Lo, Hi)), ">=", 1 + total(X(i)), (Condition("term", X(i), "nonnegative"),),
          proof="induction on n: P (1 + x) >= (1 + s)(1 + x) = 1 + s + x + s x >= 1 + (s + x), for 1 + x >= 0, "
                "s x >= 0"),
    Lemma("a product of exponentials", r"\prod_i e^{x_i} = e^{\sum_i x_i}",
          sp.Product(sp.exp(X(i)), (i, Lo, Hi)), "=", sp.exp(total(X(i))), (_real(X(i)),),
          proof="e^a e^b = e^{a + b}, by induction on n"),
    # -- powers against the exponential --------------------------------------------------------------------------
    Lemma("a power is at most the exponential", r"r^q \le e^{q(r - 1)} \ (r \ge 0, q \ge 0)",
          R ** Q, "<=", sp.exp(Q * (R - 1)), (Condition("holds", R, "nonnegative"), Condition("holds", Q, "nonnegative")),
          proof="log r <= r - 1 for r > 0, times q >= 0; 0^q <= 1 at r = 0"),
    Lemma("Bernoulli's inequality", r"r^q \ge 1 + q(r - 1) \ (r \ge 0, q \ge 1)",
          R ** Q, ">=", 1 + Q * (R - 1), (Condition("holds", R, "nonnegative"), Condition("holds", Q - 1, "nonnegative")),
          proof="r^q is convex in r for q >= 1: above its tangent at r = 1; Hardy-Littlewood-Polya 2.15"),
    Lemma("cosh is at most the Gaussian", r"\cosh q \le e^{q^2/2}", sp.cosh(Q), "<=", sp.exp(Q ** 2 / 2),
          (Condition("holds", Q, "real"),),
          proof="term by term: q^{2k}/(2k)! <= q^{2k}/(2^k k!) as (2k)! >= 2^k k!; Hoeffding (1963), eq. (4.16)"),
    Lemma("Hoeffding's lemma", r"\log(1 - p + p e^{q}) \le p q + \frac{q^2}{8} \ (0 \le p \le 1)",
          sp.log(1 - R + R * sp.exp(Q)), "<=", R * Q + Q ** 2 / 8,
          (Condition("holds", R, "nonnegative"), Condition("holds", 1 - R, "nonnegative"), Condition("holds", Q, "real")),
          proof="Hoeffding, J. Amer. Statist. Assoc. 58 (1963), the proof of Lemma 1 (Taylor with remainder)"),
    # -- sums in closed form -------------------------------------------------------------------------------------
    Lemma("the geometric sum", r"\sum_{i=a}^{b} r^i = \frac{r^a - r^{b+1}}{1 - r} \ (r \ne 1)",
          total(R ** i), "=", (R ** Lo - R ** (Hi + 1)) / (1 - R),
          (Condition("holds", R - 1, "nonzero"), Condition("holds", Lo, "nonnegative")), proof="induction on b"),
    Lemma("telescoping", r"\sum_{i=a}^{b} (x_{i+1} - x_i) = x_{b+1} - x_a",
          total(X(i + 1) - X(i)), "=", X(Hi + 1) - X(Lo), (_real(X(i)), _real(X(i + 1))), proof="induction on b"),
    Lemma("reversing the order of summation", r"\sum_{i=a}^{b} x_{a+b-i} = \sum_{i=a}^{b} x_i",
          total(X(Lo + Hi - i)), "=", total(X(i)), proof="the substitution i -> a + b - i", rewrite=True),
    # -- sums in one variable ------------------------------------------------------------------------------------
    Lemma("the harmonic sum bound", r"\sum_{t=1}^{T} \frac1t \le 1 + \log T",
          sp.Sum(1 / i, (i, 1, Hi)), "<=", 1 + sp.log(Hi), (Condition("holds", Hi - 1, "nonnegative"),),
          proof="induction on T"),
    Lemma("the harmonic sum bound", r"\sum_{t=1}^{T} \frac1t \ge \log(T + 1)",
          sp.Sum(1 / i, (i, 1, Hi)), ">=", sp.log(Hi + 1), proof="induction on T"),
    Lemma("the 1/sqrt(t) sum bound", r"\sum_{t=1}^{T} \frac{1}{\sqrt t} \le 2\sqrt T - 1",
          sp.Sum(1 / sp.sqrt(i), (i, 1, Hi)), "<=", 2 * sp.sqrt(Hi) - 1, (Condition("holds", Hi - 1, "nonnegative"),),
          proof="induction on T"),
    Lemma("the 1/sqrt(t) sum bound", r"\sum_{t=1}^{T} \frac{1}{\sqrt t} \ge 2\sqrt{T + 1} - 2",
          sp.Sum(1 / sp.sqrt(i), (i, 1, Hi)), ">=", 2 * sp.sqrt(Hi + 1) - 2, proof="induction on T"),
    Lemma("the Basel sum bound", r"\sum_{t=1}^{T} \frac{1}{t^2} \le 2 - \frac1T",
          sp.Sum(i ** -2, (i, 1, Hi)), "<=", 2 - 1 / Hi, (Condition("holds", Hi - 1, "nonnegative"),),
          proof="induction on T"),
    Lemma("the Basel sum bound", r"\sum_{t=1}^{T} \frac{1}{t^2} \ge 1 - \frac{1}{T + 1}",
          sp.Sum(i ** -2, (i, 1, Hi)), ">=", 1 - 1 / (Hi + 1), proof="induction on T"),
    Lemma("Euler's sum", r"\sum_{t=1}^{T} \frac{1}{t^2} \le \frac{\pi^2}{6}",
          sp.Sum(i ** -2, (i, 1, Hi)), "<=", sp.pi ** 2 / 6,
          proof="Euler: the series of positive terms sums to pi^2/6"),
)


def _from_the_average(lemma: Lemma) -> Lemma:
    """A Jensen lemma read from its average side: sum_i w_i phi(x_i) / sum_i w_i <= phi(the average) for a concave
    phi, which matches where a step holds the average of phi's values and not phi of the average (the evidence lower
    bound sum_k q_k log(a_k / q_k) <= log sum_k a_k)."""
    return Lemma(lemma.name, lemma.tex, lemma.bound, {">=": "<=", "<=": ">="}[lemma.rel], lemma.atom,
                 lemma.conditions, lemma.proof)


LEMMAS += tuple(_from_the_average(lemma) for lemma in LEMMAS if lemma.name.startswith("Jensen's inequality")
                and "summing to 1" not in lemma.name)

# matched on every subexpression of their atom's kind (a power, cosh, log), not on sums: tried where the step has an
# exponential to compare them with
POINT_LEMMAS = tuple(lemma for lemma in LEMMAS if not lemma.atom.has(i) and not lemma.vector)

CONDITION_KINDS = ("holds", "term", "one", "convex", "concave")  # cheapest to prove first
