"""Proving a step with the lemma library: find a lemma's pattern in the step, prove the instance's conditions,
substitute its bound where the step is monotone in it, and prove what is left.

For a step `lhs <= rhs` (>= and > are turned around; < is kept strict), write D = rhs - lhs. An occurrence of a
lemma's atom A (`lemmas.LEMMAS`, matched by `unify`) with its bound B (A <= B, say) proves the step when D, as a
function of A (every occurrence at once), is nonincreasing (its derivative in A is shown <= 0 by SymPy) and the
step with A replaced by B holds: then D(A) >= D(B) >= 0. An identity (A = B) is substituted anywhere, also in an
equation. The conditions of the instance (positive weights, convexity on the terms' range, a nonempty range, a
range that does not run backwards) are proved first, never assumed. What is left is proved by SymPy, by comparing
sums term by term (`sums.termwise`), by SymPy or Z3 with each sum replaced by a symbol of its known sign
(`sum_signs.abstracted`), or by one more lemma.

The proof names the lemma and its instance: "the triangle inequality over a sum (v_i := y_i a_i, i = 1..n)".
"""

from __future__ import annotations

import random
from fractions import Fraction

import sympy as sp

from derivcheck.budget import remaining
from derivcheck.deciders import induction, lemmas, obligations, sum_signs, sums, transcendental
from derivcheck.deciders.bound_names import alpha, canonical_names
from derivcheck.deciders.counterexamples import free_variables
from derivcheck.deciders.gram import expand_inner
from derivcheck.deciders.judge import judge
from derivcheck.deciders.lemma_instances import describe, shown
from derivcheck.deciders.one_range import averaged_side, one_side
from derivcheck.deciders.problem import Outcome, Problem
from derivcheck.deciders.prover import prove_zero
from derivcheck.deciders.triangle import one_sum
from derivcheck.deciders.unify import PLACEHOLDERS, cosh_pairs, instantiate, match, outermost, same
from derivcheck.deciders.vector_form import Inner, Vec, bound_symbols, vector_valued
from derivcheck.functions import OVER
from derivcheck.reader.declarations import Assumptions
from derivcheck.reader.domains import domain_of, random_value, special_values

DEPTH = 2  # lemmas applied one after the other in one step
MAX_ATTEMPTS, MAX_LOOKED = 40, 240  # instances per step that changed it, and looked at (most do not apply, cheaply)
ONE_SIDE_LOOKS = 120  # instances looked at on the step as one sum, before the step as written
# what SymPy's summation leaves when it finds no elementary closed form: the prover cannot take these
NOT_CLOSED = (sp.Sum, sp.Product, sp.Piecewise, sp.harmonic, sp.zeta, sp.polygamma, sp.loggamma, sp.gamma, sp.lerchphi,
              sp.hyper, sp.polylog)
NON_SMOOTH = (sp.Abs, sp.Max, sp.Min, sp.Piecewise, sp.sign, sp.floor, sp.ceiling, sp.Heaviside, sp.DiracDelta)


class _Search:
    def __init__(self, assumptions: Assumptions, vector: bool):
        self.assumptions, self.vector, self.attempts, self.looked = assumptions, vector, 0, 0
        self.tried = set()  # steps already tried (after a lemma): another route to one of them is not tried again
        self.residuals: dict = {}  # what `residual` found for each step left after the lemmas
        self.checked: dict = {}  # whether each step left after the lemmas is plausible

    def prove(self, lhs, rel: str, rhs, depth: int, top: bool = True):
        """How the step follows from at most `depth` lemmas (a list of what was applied, ending in the proof of
        what is left), or None."""
        if rel in (">=", ">"):
            lhs, rhs, rel = rhs, lhs, {">=": "<=", ">": "<"}[rel]
        lhs, rhs = self.normal(lhs), self.normal(rhs)
        if (lhs, rel, rhs, depth, top) in self.tried:
            return None
        self.tried.add((lhs, rel, rhs, depth, top))
        if not top:
            if not self.plausible(lhs, rel, rhs):
                return None  # what is left is false somewhere: no lemma will prove it
            if (lhs, rel, rhs) not in self.residuals:  # one sum under two index names is one number there
                self.residuals[(lhs, rel, rhs)] = residual(canonical_names(lhs), rel, canonical_names(rhs),
                                                           self.assumptions, checked=True)
            how = self.residuals[(lhs, rel, rhs)]
            if how is not None:
                return [how]
        elif rel in ("=", "<=", "<"):
            how = sums.termwise(lhs, rel, rhs, self.assumptions, general=False)  # a named lemma's proof first
            if how is not None:  # monotonicity and linearity of sums, a lemma of its own
                return ["comparing the sums term by term", how]
        if depth == 0:
            return None
        if top and rel != "=" and not self.vector and rhs != 0 and (one := self.as_one_sum(lhs, rel, rhs, depth)):
            return one
        for lemma, atom, binding in self.candidates(lhs, rhs):
            self.looked, left = self.looked + 1, remaining()
            if self.attempts > MAX_ATTEMPTS or self.looked > MAX_LOOKED or (left is not None and left < 0.2):
                return None
            new = self.apply(lemma, atom, binding, lhs, rel, rhs)
            if new is None or new == (lhs, rel, rhs):  # phi(t) := n t on sum_i x_i: an instance that changes nothing
                continue
            self.attempts += 1
            rest = self.prove(*new, depth - 1, top=False)
            if rest is not None:
                return [describe(lemma, binding)] + rest
        for lemma, atom, binding in self.term_instances(lhs, rhs):
            new = self.apply(lemma, atom, binding, lhs, rel, rhs)
            rest = None if new is None else self.prove(*new, depth - 1, top=False)
            if rest is not None:
                return [lemma.name] + rest
        if top and depth == 1 and rel != "=" and not self.vector and (  # log Z - sum_k (w_k / Z) log w_k <= log K:
                one := self.as_one_sum(lhs, rel, rhs, depth, averaged_side)):  # the numbers into the average, last
            return one
        # last: what the lemmas proved before keeps its proof (and this search its attempts)
        return self.by_terms(lhs, rel, rhs, depth) if rel in ("=", "<=") else None

    def as_one_sum(self, lhs, rel, rhs, depth, side=one_side):
        """Both sides' sums over one range as one sum on the left (Gibbs' inequality: a Jensen step on sum_k p_k
        (log q_k - log p_k) <= 0), or `side`'s, within ONE_SIDE_LOOKS instances: the rest is the search's as written."""
        one = side(lhs, rhs)
        if one is None:
            return None
        saved = self.looked, self.attempts
        # before the lemmas: what is left of ONE_SIDE_LOOKS; after them (averaged_side): ONE_SIDE_LOOKS of its own
        self.looked = max(self.looked if side is one_side else 0, MAX_LOOKED - ONE_SIDE_LOOKS)
        rest = self.prove(one[0], rel, sp.Integer(0), depth, True)
        self.looked, self.attempts = saved
        return None if rest is None else [one[1]] + rest

    def by_terms(self, lhs, rel, rhs, depth):
        """Two sums over one range compared term by term, with the lemmas at a term (the triangle inequality inside a
        sum over k): sum_k F_k <= sum_k G_k (or =) when F_k <= G_k at every k >= lo, on a range that does not run
        backwards (a reversed range is a signed sum of the terms below lo). Factors outside a sum go into its terms."""
        sides = [_over_one_index(e) for e in (lhs, rhs)]
        if None in sides or sides[0][2] != sides[1][2] or not sum_signs.proper_range(*sides[0][2][1:]):
            return None
        (c, f, (k, lo, _)), (d, g, _) = sides
        taken = {x.name for x in sp.Tuple(lhs, rhs).free_symbols}
        j = sp.Dummy(next(n for n in ("j", "m", "r", "s", "j_0") if n not in taken), integer=True, nonnegative=True)
        # into the terms only: a factor outside may hold a sum of its own over an index of the same (alpha) name
        rest = self.prove(c * f.xreplace({k: lo + j}), rel, d * g.xreplace({k: lo + j}), depth, top=False)
        return None if rest is None else [f"comparing the sums term by term (the term at {shown(lo + j)}, any "
                                          f"integer {j.name} >= 0)"] + rest

    def term_instances(self, lhs, rhs):
        """max_i x_i >= x_j and min_i x_i <= x_j for the j the step names (a_1, a_j beside max_i a_i) and the
        range's ends, each j proved in the range: a lemma whose instance the matcher cannot find alone."""
        both = sp.Tuple(lhs, rhs)
        for atom in sorted(both.atoms(*OVER), key=sp.default_sort_key):
            if atom.free_symbols & bound_symbols(both.xreplace({atom: sp.Dummy()})):
                continue  # an extremum inside another operator's scope is not one number
            i, lo, hi = atom.limits[0]
            bases = {a.base for a in atom.function.atoms(sp.Indexed) if a.has(i)}
            named = {a.indices[0] for a in both.xreplace({atom: sp.Dummy()}).atoms(sp.Indexed)
                     if a.base in bases and len(a.indices) == 1}
            for j in sorted(named | {lo, hi}, key=sp.default_sort_key):
                if not obligations.in_range(j, lo, hi, self.assumptions):
                    continue
                big = isinstance(atom, OVER[0])
                word = "largest" if big else "smallest"
                lemma = lemmas.Lemma(f"the {word} term is {'at least' if big else 'at most'} the term at index "
                                     f"{shown(j)} (in the range {shown(lo)}..{shown(hi)})",
                                     "", atom, ">=" if big else "<=", atom.function.xreplace({i: j}))
                yield lemma, atom, {lemmas.Lo: lo, lemmas.Hi: hi}

    def linear(self, lhs, rel, rhs) -> str | None:
        """What is left once every sum is split over its expanded terms, proved as a residual; None if nothing
        changes or it is not proved."""
        flat_l, flat_r = alpha(sums.linearize(lhs)), alpha(sums.linearize(rhs))
        if (flat_l, flat_r) == (lhs, rhs):
            return None
        return residual(flat_l, rel, flat_r, self.assumptions, checked=True)

    def plausible(self, lhs, rel, rhs) -> bool:
        if (lhs, rel, rhs) not in self.checked:
            self.checked[(lhs, rel, rhs)] = plausible(lhs, rel, rhs, self.assumptions)
        return self.checked[(lhs, rel, rhs)]

    def normal(self, e):
        e = sums.normal(sp.sympify(e))
        return alpha(sums.normal(expand_inner(one_sum(e))) if self.vector else e)

    def candidates(self, lhs, rhs):
        bound = bound_symbols(sp.Tuple(lhs, rhs))  # an atom in the scope of an index takes one value per index
        subs = list(dict.fromkeys(s for s in sp.preorder_traversal(sp.Tuple(lhs, rhs)) if isinstance(s, sp.Expr)
                                  and s.has(sp.Sum, sp.Product, *OVER) and not (s.free_symbols & bound)))
        points = point_atoms(sp.Tuple(lhs, rhs))
        for lemma in lemmas.LEMMAS:
            if lemma.vector and not self.vector:  # a vector step's norms and inner products are numbers too
                continue
            for sub in ([x for x in points if isinstance(x, type(lemma.atom))] if lemma in lemmas.POINT_LEMMAS else subs):
                for binding in _matches(lemma.atom, sub):
                    if _well_typed(binding):
                        yield lemma, sub, binding

    def apply(self, lemma, atom, binding, lhs, rel, rhs):
        """The step with the atom replaced by the lemma's bound, or None where that does not follow."""
        if rel == "=" and lemma.rel != "=":
            return None
        lo, hi = binding.get(lemmas.Lo, sp.Integer(1)), binding.get(lemmas.Hi)
        if lemma not in lemmas.POINT_LEMMAS and (hi is None or not (  # Z3 knows the declared ranges (1..j + g)
                sum_signs.proper_range(lo, hi) or obligations.decided(lo - 1, "<=", hi, self.assumptions))):
            return None
        try:  # a binding that puts an expression where an index must stand (min over j := j + 1) has no instance
            if not all(conditions_hold(c, binding, self.assumptions) for c in sorted(lemma.conditions, key=_cost)):
                return None
            bound = self.normal(instantiate(lemma.bound, binding))
        except ValueError:
            return None
        if lemma.rewrite and not any(same(bound, x) for x in sp.preorder_traversal(sp.Tuple(lhs, rhs))
                                     if isinstance(x, type(bound)) and x != atom):
            return None
        if lemma.rel != "=":  # D is monotone in the atom on the segment from it to its bound: s is either's sign
            s = sp.Dummy("s", **_common_sign(atom, bound))
            d = sp.diff(rhs.xreplace({atom: s}) - lhs.xreplace({atom: s}), s)
            d = sum_signs.abstracted(d, 0, self.assumptions)[0]  # each sum in it a number of its sign (1/S^2 > 0)
            if d == 0 or not obligations.holds(d, "nonpositive" if lemma.rel == "<=" else "nonnegative"):
                return None  # d = 0: the step does not depend on the atom
        return self.normal(lhs.xreplace({atom: bound})), rel, self.normal(rhs.xreplace({atom: bound}))


def _over_one_index(e):
    """(c, F_k, (k, lo, hi)) for e = c sum_{k=lo}^{hi} F_k with c free of k (a sum over several indices is one over
    its outermost index of the sum over the others), or None."""
    found = [f for f in sp.Mul.make_args(e) if isinstance(f, sp.Sum)]
    if len(found) != 1 or any(len(lim) != 3 for lim in found[0].limits):
        return None
    (k, lo, hi), term = outermost(found[0])
    return None if k in (e / found[0]).free_symbols else (e / found[0], term, (k, lo, hi))


def _common_sign(a, b) -> dict:
    """A sign both a and b are known to have (so every number between them has it), as SymPy properties."""
    def sign(e):
        known = sum_signs.sign(e) if isinstance(e, (sp.Sum, sp.Product, Inner)) else {}
        if known.get("positive") or e.is_positive:
            return 2
        return 1 if known.get("nonnegative") or e.is_nonnegative else 0
    return [{"real": True}, {"nonnegative": True}, {"positive": True}][min(sign(a), sign(b))]


def _matches(pattern, sub):
    try:
        yield from match(pattern, sub, indices=frozenset())
    except (TypeError, ValueError, AttributeError):  # a form the matcher cannot take apart: no match
        return


def _well_typed(binding) -> bool:
    """V(i) is a vector (a combination of the declared vectors), every other placeholder a number."""
    for f, value in binding.items():
        if f not in PLACEHOLDERS.values():
            if vector_valued(value):
                return False
            continue
        body = value.expr if isinstance(value, sp.Lambda) else value
        if (f is lemmas.V) != bool(vector_valued(body)):
            return False
    return True


def _cost(c: lemmas.Condition) -> int:
    return lemmas.CONDITION_KINDS.index(c.kind)


def conditions_hold(c: lemmas.Condition, binding: dict, assumptions: Assumptions) -> bool:
    lo = binding.get(lemmas.Lo, sp.Integer(1))
    expr = instantiate(c.expr, binding)
    if c.kind in ("term", "holds"):  # SymPy's assumptions, else the declared ranges too (Z3; a term's members are
        # variables of their families' domains, 1 - b_i >= 0 for b_i in [0, 1], its index any integer: a superset)
        if sum_signs.term_holds(expr, lemmas.i, lo, c.prop) if c.kind == "term" else obligations.holds(expr, c.prop):
            return True
        rel = {"nonzero": "!=", "nonnegative": "<=", "positive": "<"}.get(c.prop)
        return rel is not None and bool(obligations.decided(sp.Integer(0), rel, expr, assumptions))
    if c.kind == "one":  # weights that sum to 1 in closed form (1/n, p and 1 - p, w_i / sum_k w_k): the sum of the
        # weights over the lemma's index is the normalising sum itself once bound indices have canonical names
        total = canonical_names(sums.normal(sp.Sum(expr, (lemmas.i, lo, binding[lemmas.Hi]))))
        return not total.has(sp.Sum) and sp.simplify(total - 1) == 0
    if c.kind in ("convex", "concave"):
        return _convex(binding.get(lemmas.Phi), expr, lo, c.kind == "convex")
    raise ValueError(f"unknown condition {c.kind}")


def _convex(phi, term, lo, convex: bool) -> bool:
    """phi is convex (concave) on an interval that holds every value of the term: phi'' >= 0 (<= 0) there, phi
    real and smooth (no |.|, max, min: a second derivative of those is not a function)."""
    if phi is None or phi.expr.has(*NON_SMOOTH):
        return False
    props = next(({p: True} for p in ("positive", "nonnegative", "negative", "nonpositive")
                  if sum_signs.term_holds(term, lemmas.i, lo, p)), {"real": True})
    t = sp.Dummy("t", **props)
    value, second = phi(t), sp.diff(phi(t), t, 2)
    if value.has(*NON_SMOOTH) or not obligations.holds(value, "real"):
        return False
    return obligations.holds(second, "nonnegative" if convex else "nonpositive")


PLAUSIBLE_POINTS = 4  # random terms (two sizes), every term equal (Cauchy-Schwarz tight), terms of alternating sign
# (the triangle inequality loose); `one_term`: then each integer at its first special value (the entropy is 0 there)


def plausible(lhs, rel: str, rhs, assumptions: Assumptions, one_term: bool = False) -> bool:
    """False when the step fails at a plain point of its domain (a few terms, exactly): a filter that spares the
    provers a step they cannot prove; it never proves anything."""
    lhs, rhs = sp.sympify(lhs), sp.sympify(rhs)
    if sp.Tuple(lhs, rhs).atoms(Inner, Vec):
        return True
    symbols = free_variables(lhs, rhs)
    labels = {a.base for a in sp.Tuple(lhs, rhs).atoms(sp.Indexed)}
    rng = random.Random(0)
    for k in range(PLAUSIBLE_POINTS + one_term):  # one_term at the top only: the search asks of every step it makes
        subs = {}
        for s in symbols:
            d = domain_of(s, assumptions)
            values = (special_values(d)[:1] if d.integer and k == PLAUSIBLE_POINTS else
                      [v for v in special_values(d) if not d.integer or 2 <= v <= 6] or special_values(d))
            if not values:
                return True
            subs[s] = sp.Rational(values[min(k, len(values) - 1)] if d.integer else values[k % len(values)])
        for base in labels:
            d = domain_of(base.label, assumptions, names=assumptions.family_names(str(base.label)))
            first = Fraction(2) if d.contains(Fraction(2)) else random_value(d, rng)
            row = [random_value(d, rng) if k < 2 or first is None else first if k != 3 or m % 2 else -first
                   for m in range(-1, 9)]
            if any(v is None or not d.contains(v) for v in row):  # no such point (-2 for a positive family): the next
                subs = None
                break
            subs.update({base[m]: sp.Rational(v.numerator, v.denominator) for m, v in zip(range(-1, 9), row)})
        try:
            holds = None if subs is None else judge(lhs, rel, rhs, subs)[0]
        except Exception:  # no value here: no reason to doubt the step
            holds = None
        if holds is False:
            return False
    return True


def residual(lhs, rel: str, rhs, assumptions: Assumptions, checked: bool = False) -> str | None:
    """What is left after the lemmas: the same sides, SymPy, term by term, or with the sums as symbols of their
    signs (SymPy's assumptions, then Z3); `checked`: the caller found it plausible already."""
    try:
        if same(lhs, rhs) and rel in ("=", "<="):
            return "the two sides are the same"
        if not (checked or plausible(lhs, rel, rhs, assumptions)):
            return None
        if rel == "=":
            ok, how = prove_zero(lhs - rhs)
            return f"SymPy ({how})" if ok else sums.termwise(lhs, rel, rhs, assumptions)
        how = sums.termwise(lhs, rel, rhs, assumptions)
        if how is not None:
            return how
        l2, r2, _ = sum_signs.abstracted(lhs, rhs, assumptions)
        how = obligations.prove(l2, rel, r2, assumptions, thorough=False)
        if how is not None:
            return how + (" (each sum a number of its sign)" if (l2, r2) != (lhs, rhs) else "")
        if (l2, r2) != (lhs, rhs) and not sp.Tuple(l2, r2).has(sp.Sum, sp.Product, *OVER, Inner):
            # log(mean) <= mean - 1: a transcendental step about numbers of known sign. Only a proof counts: the
            # abstraction forgets how the sums are related, so its counterexamples are not the step's
            out = transcendental.decide(Problem(l2, rel, r2, assumptions))
            if out is not None and out.verdict == "proved":
                return out.method + " (each sum a number of its sign)"
    except Exception:  # SymPy or Z3 failed on the form: not proved this way
        return None
    return None


def prove(lhs, rel: str, rhs, assumptions: Assumptions, vector: bool = False) -> str | None:
    """The proof of `lhs REL rhs` from the library, as one line, or None."""
    lhs, rhs = cosh_pairs(sp.sympify(lhs)), cosh_pairs(sp.sympify(rhs))  # (e^q + e^{-q})/2 is the lemmas' cosh q
    if rel not in ("=", "<=", "<", ">=", ">") or not plausible(lhs, rel, rhs, assumptions, one_term=True):
        return None
    search = _Search(assumptions, vector)
    for depth in range(1, DEPTH + 1):  # one lemma everywhere before two: a second is tried on what one left
        steps = search.prove(lhs, rel, rhs, depth)
        if steps is not None:
            break
    turned = (rhs, {">=": "<=", ">": "<"}[rel], lhs) if rel in (">=", ">") else (lhs, rel, rhs)
    # inner products expanded, only for the fallbacks below (not when a lemma proved it)
    normal = None if steps is not None else tuple(search.normal(e) if k != 1 else e for k, e in enumerate(turned))
    if steps is None and turned[1] in ("<=", "<"):  # no lemma: the terms as numbers (the general term, extrema),
        how = residual(*normal, assumptions, checked=True)  # or each sum a number of its sign (0 < x_j / sum_k x_k)
        steps = None if how is None else ["taking each sum as a number" if how.endswith("of its sign)") else
                                          "comparing term by term", how]
    if steps is None:  # sums split over their terms
        flat = search.linear(*normal)
        steps = ["expanding the sums' terms (linearity of sums)", flat] if flat is not None else None
    if steps is None or len(steps) < 2:
        return None
    return "by " + ", then by ".join(steps[:-1]) + "; then " + steps[-1]


def point_atoms(e) -> list:
    """Where the lemmas about one number apply (r^q <= e^{q(r - 1)}, Bernoulli, cosh q <= e^{q^2/2}, Hoeffding's
    lemma): powers with an exponent that is not a number, cosh and log terms, free of summation indices, in a step
    with an exponential to compare them with (none otherwise)."""
    if not e.has(sp.exp):
        return []
    bound = bound_symbols(e)
    found = {x for x in e.atoms(sp.Pow, sp.cosh, sp.log) if not (x.free_symbols & bound)
             and not (isinstance(x, sp.Pow) and x.exp.is_number)}
    return sorted(found, key=sp.default_sort_key)


def decide(p: Problem) -> Outcome | None:
    """The library as a decider of the verdict engine: for steps with a sum, a product or an extremum, or with a
    power against an exponential."""
    both = sp.Tuple(cosh_pairs(p.lhs), cosh_pairs(p.rhs))
    if not (both.has(sp.Sum, sp.Product, *OVER) or point_atoms(both)):
        return None
    how = prove(p.lhs, p.rel, p.rhs, p.assumptions)
    if how is None and any(e.has(*NOT_CLOSED) for e in p.ready):
        how = induction.prove(p.lhs, p.rel, p.rhs, p.assumptions)  # no closed form SymPy could use instead
    return Outcome("proved", how, {"rechecked_points": p.notes.get("points_held", 0)}) if how else None
