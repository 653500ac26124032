"""`make mutate`: mutation testing of the core with cosmic-ray, one session per module, scored per module.

Each module is mutated in its own copy of the committed tree (reports/mutation/<module>/tree: the working
checkout is never touched, and the copy's modules shadow the editable install because the tests run with the
copy as the current folder). The test command is the module's own fast tests (MODULES below), stopped at the
first failure; a mutant is killed when they fail, survives when they pass. Bit-level and power/modulo
replacements of arithmetic operators are filtered out (they are not plausible bugs in this code). Results go to
quality/MUTATION.md: mutants, killed, survived, score, and each survivor with its line, to be killed by a real
test or explained as equivalent.

    python quality/mutate.py                      every module, two at a time
    python quality/mutate.py checker/engines/margin.py --jobs 1 --shards 2   one module, two copies of its tree
    python quality/mutate.py checker/engines/margin.py --retest-survivors   after adding tests: survivors only
    python quality/mutate.py checker/engines/margin.py --resume   an interrupted session: the mutants never run
    python quality/mutate.py checker/engines/margin.py --retest-timeouts 120   timeout kills, with a longer timeout
    python quality/mutate.py checker/engines/margin.py --retest-recorded   no session here: MUTATION.md's survivors
"""

from __future__ import annotations

import argparse
import concurrent.futures
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "reports" / "mutation"
PYTEST = f"{sys.executable} -m pytest -x -q -p no:xdist -p no:cacheprovider"

# module -> its fast direct tests (a mutant costs one run of them; the whole suite, 5 minutes, is not affordable)
MODULES = {
    "checker/analysis/iteration_bounds.py": "tests/test_iteration_bounds.py -k bound_unit",
    "checker/engines/margin.py": "tests/test_margin.py",
    "checker/arith/integer_carrier.py": "tests/test_perceptron.py",
    "checker/engines/perceptron.py": "tests/test_perceptron.py",
    "checker/data/dataset.py": "tests/test_dataset.py",
    "checker/engines/model_engines.py": "tests/test_model_engines.py "
                                        "tests/test_models.py::test_gp_weighs_a_tie_one_half_so_the_linear_gp_from_zero_is_bp",
    "checker/engines/linear_gd.py": "tests/test_linear_gd.py tests/test_undecided.py tests/test_exact_ties.py",
    "checker/analysis/reduction_gap.py": "tests/test_gap.py tests/test_undecided.py",
    "checker/engines/exact_two_layer.py": "tests/test_exact_two_layer.py "
                                          "tests/test_accel_families.py::test_fast_engines_take_the_generic_engines_steps "
                                          "tests/test_accel_families.py::test_fast_engines_match_the_reduced_dynamics_on_a_d "
                                          "tests/test_accel_families.py::test_a_degenerate_run_is_marked_not_hidden",
    "derivcheck/verdicts.py": "tests/test_verdicts.py tests/test_exact_size.py",
    "derivcheck/decider_chain.py": "tests/test_verdicts.py tests/test_as_written.py",
    "checker/arith/arb.py": "tests/test_arith.py",
    "checker/arith/mpmath_iv.py": "tests/test_arith.py",
    "derivcheck/deciders/judge.py": "tests/test_judge.py",
    "derivcheck/deciders/counterexamples.py": "tests/test_counterexamples.py tests/test_counterexamples_mutants.py",
    "derivcheck/deciders/definedness.py": "tests/test_definedness.py",
    "derivcheck/deciders/bounds.py": "tests/test_bounds.py",
    "derivcheck/deciders/abstraction.py": "tests/test_transcendental.py tests/test_abstraction.py",
    "derivcheck/deciders/transcendental.py": "tests/test_transcendental.py tests/test_abstraction.py",
    "derivcheck/deciders/monotone.py": "tests/test_transcendental.py tests/test_monotone.py",
    "derivcheck/deciders/vector_form.py": "tests/test_vector_form.py tests/test_gram.py tests/test_vector_form_mutants.py",
    "derivcheck/deciders/same_value.py": "tests/test_vector_form.py tests/test_vector_form_mutants.py "
                                         "tests/test_same_value.py",
    "derivcheck/deciders/vector_sums.py": "tests/test_vector_sums.py tests/test_vector_sums_mutants.py",
    "derivcheck/deciders/prefix_induction.py": "tests/test_prefix_induction.py tests/test_prefix_induction_mutants.py",
    "derivcheck/deciders/sum_numbers.py": "tests/test_sum_numbers.py tests/test_vector_sums.py tests/test_prefix_induction.py",
    "derivcheck/deciders/sum_identities.py": "tests/test_sum_identities.py",
    "derivcheck/deciders/gram.py": "tests/test_vector_form.py tests/test_gram.py",
    "derivcheck/deciders/unify.py": "tests/test_unify.py tests/test_lemma_library.py tests/test_lemma_match.py "
                                    "tests/test_double_sums.py",
    "derivcheck/deciders/sums.py": "tests/test_sums_mutants.py tests/test_sums.py tests/test_sums_nested.py "
                                   "tests/test_lemma_match.py",
    "derivcheck/deciders/gram_terms.py": "tests/test_sums.py",
    "derivcheck/deciders/obligations.py": "tests/test_obligations.py tests/test_sums.py tests/test_lemma_match.py "
                                          "tests/test_members.py",
    "derivcheck/deciders/induction.py": "tests/test_induction.py tests/test_lemma_library.py tests/test_induction_mutants.py",
    "derivcheck/deciders/lemmas.py": "tests/test_lemma_statements.py tests/test_lemma_library.py tests/test_lemma_match.py",
    "derivcheck/deciders/lemma_match.py": "tests/test_lemma_match.py tests/test_lemma_match_mutants.py "
                                          "tests/test_double_sums.py",
    "derivcheck/deciders/lemma_instances.py": "tests/test_lemma_match.py tests/test_double_sums.py",
    "derivcheck/deciders/bound_names.py": "tests/test_bound_names.py tests/test_unify.py",
    "derivcheck/deciders/one_range.py": "tests/test_one_range.py tests/test_lemma_match.py tests/test_vector_sums.py",
    "derivcheck/deciders/large_integers.py": "tests/test_large_integers.py",
    "derivcheck/deciders/members.py": "tests/test_members.py",
    "derivcheck/deciders/sum_limits.py": "tests/test_sum_limits_unit.py tests/test_sum_limits.py tests/test_written_form.py",
    "derivcheck/deciders/declared_ranges.py": "tests/test_declared_ranges.py tests/test_obligations.py",
    "derivcheck/deciders/general_term.py": "tests/test_general_term.py tests/test_sums.py tests/test_general_term_mutants.py",
    "derivcheck/deciders/case_split.py": "tests/test_verdicts.py tests/test_case_split.py",
    "derivcheck/deciders/as_written.py": "tests/test_as_written.py tests/test_written_form.py tests/test_sum_limits.py",
    # its unit tests and the one end-to-end proof that names it (the other end-to-end rows take 2 s each)
    "derivcheck/deciders/symmetrized.py": " ".join(f"tests/test_symmetrized.py::test_{name}" for name in (
        "only_a_combination_over_one_nonempty_range_with_a_product_of_two_sums_is_taken_over_pairs",
        "the_double_sum_over_pairs_has_the_value_of_the_difference", "the_work_caps_and_the_evidence_of_a_proof",
        "a_form_sympy_cannot_take_is_no_proof_and_no_crash",
        "only_the_difference_big_minus_small_is_taken_and_no_sum_is_dropped_or_doubled",
        "a_square_root_is_squared_only_against_a_right_side_known_nonnegative", "the_proof_says_it_went_over_pairs")),
    "derivcheck/deciders/sum_signs.py": "tests/test_sum_signs.py tests/test_sums.py",
    "derivcheck/deciders/mean_value.py": "tests/test_mean_value.py",
    "derivcheck/deciders/tangency.py": "tests/test_tangency.py",
    "derivcheck/deciders/continuity.py": "tests/test_continuity.py",
    "derivcheck/deciders/common_exponent.py": "tests/test_common_exponent.py",
    "derivcheck/deciders/log_coefficient.py": "tests/test_log_coefficient.py",
    "derivcheck/deciders/norms_as_numbers.py": "tests/test_norms_as_numbers.py",
    "derivcheck/deciders/sum_apart.py": "tests/test_sum_apart.py",
    "derivcheck/deciders/extremum_limits.py": "tests/test_extremum_limits.py",
    "derivcheck/deciders/pair_sums.py": "tests/test_pair_sums.py",
    "derivcheck/deciders/cancelled_variables.py": "tests/test_cancelled_variables.py",
    "derivcheck/deciders/touching_point.py": " ".join(f"tests/test_touching_point.py::test_{name}" for name in (
        "pinsker_for_bernoullis_and_kl_nonnegative_are_proved_through_q_at_p", "false_variants_are_not_proved",
        "what_the_argument_needs_of_the_variable_and_the_centre", "a_centre_lies_in_the_interval_at_its_ends_too",
        "only_a_proof_of_the_slope_counts_and_each_phase_takes_its_own_centres",
        "the_argument_needs_a_smooth_gap_on_an_interval_and_takes_every_variable_and_centre_in_turn",
        "the_slope_is_asked_against_zero_and_not_asked_once_the_budget_is_nearly_spent",
        "the_filters_read_domains_and_samples_exactly")),  # end to end: `make test-slow`
    "derivcheck/deciders/finite_sets.py": " ".join(f"tests/test_finite_sets.py::test_{name}" for name in (
        "powers_reduce_by_the_sets_polynomial_and_nothing_else_changes",
        "a_set_of_one_value_and_a_set_of_max_values_are_reduced",
        "hypothesis_the_reduction_keeps_the_value_at_every_point_of_the_set")),
    "derivcheck/deciders/norm_products.py": " ".join(f"tests/test_norm_products.py::test_{name}" for name in (
        "only_a_positive_multiple_of_two_norms_on_the_larger_side_is_lowered",
        "hypothesis_the_lowered_step_implies_the_step_at_random_vectors")),
    "derivcheck/deciders/vector_combinations.py": "tests/test_vector_combinations.py",
    # the unit tests: the end-to-end test (about 90 s) runs in `make test`
    "derivcheck/deciders/triangle.py": " ".join(f"tests/test_triangle.py::test_{name}" for name in (
        "sums_over_one_range_inside_an_inner_product_become_one_sum",
        "the_triangle_inequality_splits_a_norm_only_on_the_smaller_side",
        "after_the_triangle_inequality_only_a_proof_of_the_split_step_counts_and_is_named",
        "gathering_sums_keeps_the_value_and_merges_only_what_linearity_allows",
        "only_norms_of_combinations_free_of_every_index_are_split_and_only_where_the_step_is_monotone")),
}
EXCLUDED = ['"core/ReplaceBinaryOperator_.*_(BitOr|BitAnd|BitXor|LShift|RShift|Pow|Mod)"',
            '"core/ReplaceBinaryOperator_(BitOr|BitAnd|BitXor|LShift|RShift|Pow|Mod)_.*"']


# Survivors that cannot be killed because the mutant computes the same thing (equivalent mutants), by module and
# the source text of the mutated line (and, where given, the operator, then a text of the mutated line: one
# NumberReplacer variant can be equivalent while the other is not, then the line number, where two lines read the
# same, e.g. `break`: a module's line numbers hold while its session does, a changed module is run again in full);
# each says why. A survivor not listed here is a gap in the tests.
_TWO_ENDS_BREAK = ("break leaves sum_limits._limit_bounds's loop over the two ends ((hi, lo, True), (lo, hi, False)) "
                   "where continue goes on to the next: the line is reached only with `other` an Integer and `end` "
                   "holding one free symbol, so in the first pass (end = hi) the second pass would have other = hi, no "
                   "Integer, and continue at line 75 recording nothing; in the second pass both end the loop")
_WARM = ("not equivalent, cannot change a verdict: the float64 warm start only proposes the exact phase's starting "
         "corral and weights; the exact phase decides, and from any handed-over corral it ends at the exact optimum "
         "or reports a valid enclosure that is not exact (tests: any warm start, a cold start, a dependent corral)")
_PLAIN_POINTS = ("not equivalent, cannot change a verdict: it changes only how many seeded random points (or which "
                 "ones) general_term's filter asks the counterexample search to try; every point is judged exactly "
                 "by `judge`, where a False is a certified counterexample or an undefined value, which no prover "
                 "proves away, so the filter only spares the provers a term they cannot prove, and a term that passes "
                 "still needs its proof; the filter's decisions themselves (a failing point spares the provers, a "
                 "search that raises leaves the term to the provers, what the search is asked) are pinned by "
                 "tests/test_general_term_mutants.py")
# transcendental.py compares its atoms (a dataclass) by identity; == compares them field by field
_ATOM_EQUALITY = ("Atom is a dataclass whose == compares its fields, z3 terms by structure; two atoms of the list are "
                  "two occurrences with two distinct fresh value variables (and `one` has the constant 1 for its "
                  "value), so == holds exactly when `is` does")
_ONE_VARIABLE_PATTERNS = ("not equivalent, cannot change a verdict: with one variable (or none) the mutant also "
                          "tries the PATTERNS' values 1, -1, 0, 2 (each outside the domain replaced by the first "
                          "special value) before the grid and the random points; special_values already holds 0, "
                          "+-1 and 2 wherever they lie inside a domain, so these are almost always duplicates "
                          "skipped by `tried`, and any new point is judged exactly by `judge`: it can only add a "
                          "certified counterexample or a held point, never make a false step hold or a true one "
                          "refuted")
_SEARCH = ("not equivalent, cannot change a verdict: it changes only where or how long the counterexample search "
           "looks (its effort, its starting points, how candidates are rounded); every point it proposes is judged "
           "exactly by `judge`, and finding no counterexample is never a proof")
_PRINTED_RAD = ("not equivalent, cannot change a verdict: the margin (2^-50) and the 20 digits that keep the printed "
                "distance from mid at least the true one before round_up_3 rounds it up to 3 digits, and the exact 0 "
                "test (far is an upper bound of a distance, never negative): a change moves the printed radius only "
                "when it lies within about 10^-19 of a 3-digit boundary (or is exactly 1), and only in a report")
_ONE_FIELD = "if len(first) == 1 and len(_OTHER_SEPARATOR.split(first[0].strip())) > 1:"
_FAST = 'if a.dtype.kind != "f" or a.dtype.itemsize <= 8:'
_SERIES = "return iv.mpf([x.a, x.b]) - iv.mpf(x.a) ** 2 / 2 * iv.mpf([0, 1])"
_SERIES_SAME = ("the same interval: below 2^-prec, x.a^2 is less than the float spacing below x.a, so x.a minus "
                "any positive term up to x.a^2 rounds down to the float below x.a (x.a - x.a^3/2, - x.a^2/3, "
                "- x.a^2 alike), and x.b - x.a^2/2 rounds up to x.b itself")
# monotone.py's survivors share these reasons (tests/test_monotone.py kills the rest)
_MONOTONE_SIGN = ("a side's sign is 1 or -1 (_sides), and 1 and -1 give the same answer to > 0, >= 0 and > -1")
_MONOTONE_SIDE_SIGN = ("a side's sign is only compared with > 0 (the sampled filter, the sub-step's relation, the method's "
              "text: lines 63, 107, 120, 121)")
_MONOTONE_SAMPLED = ("not equivalent, cannot change a verdict: it moves, adds or drops points of the cheap sampled filter, but "
            "every point stays in the side or on its end (checked for a bounded side, a half-line right of c, whose "
            "points are c + 64 (k/8)^2 or nearby, and one left of c, c - 64 (k/8)^2 or nearby); Arb's sign there is "
            "certified, and f' is continuous where it has a value, so a wrong sign there is a wrong sign inside the "
            "side, where no sub-step f' >= 0 (<= 0) can be proved: the filter only spares the prover a centre it "
            "cannot prove from, and every side that passes still needs its own proof (samples that leave the side "
            "are killed by tests/test_monotone.py)")
_MONOTONE_PARTS = "parts.append(f\"f' {'>=' if sign > 0 else '<='} 0 for {where} ({out.method})\")"
_MONOTONE_T = "t = lo + (hi - lo) * Fraction(k, 8) ** 2 if side.lo is not None else hi - (hi - lo) * Fraction(k, 8) ** 2"


_NO_INNER_LEFT = ("never reached: the replacement before it maps every Inner atom of the term (term.atoms(Inner)) to "
                  "a sum of products of Dummy symbols, and xreplace replaces top-down, so an Inner inside another "
                  "Inner's arguments goes with it: normal.has(Inner) is never true")
_ZERO_PADDING = ("the zeros only pad the rows: an inner product is sum(a * b for a, b in zip(row, row')) and zip "
                 "stops at the shorter row, so trailing zeros add 0 (m - p - 0, m + p - 1: more zeros at the end) or "
                 "drop a column that was 0 in the shorter row (m - p - 2: row p < m - 1 loses its last entry, column "
                 "m - 1, which is 0 there; the last row keeps its m entries, [0] * -1 being [])")
# the Gram-matrix sign of one term: sums.py held it until stop 40 (its recorded session speaks of these lines),
# gram_terms.py since
_GRAM_LINES = [
    ('+ [sp.Integer(0)] * (m - p - 1) for p in range(m)]',
     _ZERO_PADDING,
     'NumberReplacer',
     '(m - p - 0)'),
    ('+ [sp.Integer(0)] * (m - p - 1) for p in range(m)]',
     _ZERO_PADDING,
     'NumberReplacer',
     '(m - p - 2)'),
    ('+ [sp.Integer(0)] * (m - p - 1) for p in range(m)]',
     _ZERO_PADDING + ' (m + p - 1 and m - p + 1 also '
     'only add zeros)',
     'ReplaceBinaryOperator_Sub_Add'),
    ('+ [sp.Integer(0)] * (m - p - 1) for p in range(m)]',
     _ZERO_PADDING + ' (m - p // 1 is m - p: one zero '
     'more)',
     'ReplaceBinaryOperator_Sub_FloorDiv',
     'm - p // 1'),
    ('return obligations.prove(0, "<" if prop == "positive" else "<=", normal, Assumptions(), thorough=False)',
     "prop is 'positive' or 'nonnegative' (its only caller, _is, passes prop != 'zero' from termwise's "
     "table): 'nonnegative' >= 'positive' is False ('n' < 'p') and 'positive' >= 'positive' True, as with ==",
     'ReplaceComparisonOperator_Eq_GtE'),
    ('return obligations.prove(0, "<" if prop == "positive" else "<=", normal, Assumptions(), thorough=False)',
     "`is` compares the interned identifier-like literal 'positive' with the one termwise's table passes "
     'down: CPython keeps one object',
     'ReplaceComparisonOperator_Eq_Is'),
    ('**({"nonnegative": True} if k == p else {"real": True})) for k in range(p + 1)]',
     'k and p are small ints (p < m <= MAX_GRAM_VECTORS, k <= p): CPython caches them, so `is` and == agree',
     'ReplaceComparisonOperator_Eq_Is',
     'k is p'),
    ('return getattr(v, "is_Symbol", False) or (isinstance(v, sp.Indexed) and len(v.indices) == 1)',
     'an Indexed has at least one index: <= 1 and == 1 agree',
     'ReplaceComparisonOperator_Eq_LtE'),
    ('return getattr(v, "is_Symbol", False) or (isinstance(v, sp.Indexed) and len(v.indices) == 1)',
     'v is an argument of an Inner, a SymPy Basic (Function sympifies its arguments), and every Basic has '
     'is_Symbol: the default is never used',
     'ReplaceFalseWithTrue',
     '"is_Symbol", True'),
    ('**({"nonnegative": True} if k == p else {"real": True})) for k in range(p + 1)]',
     'k runs over range(p + 1), so k <= p: k >= p and k == p agree',
     'ReplaceComparisonOperator_Eq_GtE',
     'k >= p'),
    ('+ [sp.Integer(0)] * (m - p - 1) for p in range(m)]',
     _ZERO_PADDING + ' (m * p - 1: row 0 loses its '
     'zeros, the others get more; m - p * 1 is m - p: one zero more)',
     'ReplaceBinaryOperator_Sub_Mul'),
    ('return obligations.prove(0, "<" if prop == "positive" else "<=", normal, Assumptions(), thorough=False)',
     "not equivalent, cannot prove a false step: thorough only adds SymPy's slower prover (prove_relation) "
     'after Z3 in obligations.prove; whatever it proves of the normal form holds for every Gram matrix, so '
     'for every vectors, and a term it does not prove is only not proved',
     'ReplaceFalseWithTrue'),
    ('**({"nonnegative": True} if k == p else {"real": True})) for k in range(p + 1)]',
     'not equivalent, cannot prove a false step: k runs over range(p + 1), so k > p is never true and every '
     'entry is only real; a real diagonal gives the same Gram matrices (negating column k of the triangular '
     "form negates its diagonal entry and changes no inner product), so the mutant's form takes exactly the "
     'values the real one takes and can only let SymPy see less (sqrt(l^2) is |l| instead of l)',
     'ReplaceComparisonOperator_Eq_Gt',
     'k > p'),
]

_SAMPLED_FILTER = ("not equivalent, cannot prove a false step: `_sampled` is a cheap filter before a proof attempt; it "
                   "can only skip an attempt or let one go ahead, and a step counts as proved only when `prove` proves "
                   "(v - c) dD/dv >= 0")

EQUIVALENT = {
    "derivcheck/deciders/one_range.py": [
        ("s = found[0] if len(found) == 1 else None", "found has one element there: [-1] is [0]", "NumberReplacer"),
        ("merged = [sp.Sum(sp.Add(*[b for _, b in body]), key) if len(body) > 1 else body[0][0]",
         "a group is created with its first term (setdefault, then append): never empty, so != 1 is > 1",
         "ReplaceComparisonOperator_Gt_NotEq"),
        ("merged = [sp.Sum(sp.Add(*[b for _, b in body]), key) if len(body) > 1 else body[0][0]",
         "the else branch has a group of one term: [-1] is [0]", "NumberReplacer", "body[ -1]"),
        ("sign, c = (sums_of_u[0] / s).as_coeff_Mul()", "sums_of_u has one element there (the lines above): [-1] is "
         "[0]", "NumberReplacer"),
        ("if len(found) != 1 or len(found[0].limits) != 1:",
         "not equivalent, cannot prove a false step: with < 1 a product of two sums is taken with the first as the "
         "average and the other as a number in front; the one sum sum_i w_i (sign h_i + L) keeps the value whatever "
         "number stands in front (it is free of i), so the step is the same step", "ReplaceComparisonOperator_NotEq_Lt"),
    ],
    "derivcheck/deciders/bound_names.py": [
        ("limits = [(v, *(_renamed(x, depth + m, inner, closed_from_zero) for x in ends)) for v, *ends in limits]",
         "depth / m is a float: the range's binders are named _k1.0, _k0.5, ..., names no integer depth gives, so they "
         "capture nothing, and they depend on the depth alone, so two equal sums still get equal names "
         "(depth - m, depth * m and depth // m capture: killed by test_a_sum_in_a_range_is_named_deeper_than_every_"
         "index_it_can_see)", "ReplaceBinaryOperator_Add_Div"),
        ("if not (isinstance(e, BINDERS) and all(len(lim) == 3 for lim in e.limits)):",
         "a limit of a Sum, Product or extremum has 1 entry (an indefinite sum, which the reader never writes) or 3: "
         "<= 3 also renames an indefinite sum's variable, which that sum binds as well",
         "ReplaceComparisonOperator_Eq_LtE"),
        ("if not (isinstance(e, BINDERS) and all(len(lim) == 3 for lim in e.limits)):",
         "a limit of a Sum, Product or extremum has 1 entry or 3: >= 3 is == 3", "ReplaceComparisonOperator_Eq_GtE"),
        ("limits = [tuple(x.xreplace({var: new}) for x in lim) if r < q else (new, *lim[1:]) if r == q else lim",
         "the branch is reached with r >= q (r < q is the one before it): <= q is == q there",
         "ReplaceComparisonOperator_Eq_LtE"),
        ("limits = [tuple(x.xreplace({var: new}) for x in lim) if r < q else (new, *lim[1:]) if r == q else lim",
         "r and q are small ints (positions in a binder's limits): CPython caches them, so `is` and == agree",
         "ReplaceComparisonOperator_Eq_Is"),
        ("if not e.args or not e.has(*BINDERS):",
         "with `and`, an expression with arguments and no binder is rebuilt from its own arguments, each returned as "
         "it is (no binder in them either): e.func(*e.args) is e, only slower",
         "ReplaceOrWithAnd"),
        ("return _renamed(sp.sympify(e), 0, frozenset(), True)",
         "nothing is bound around the top: every outermost binder is closed, and a closed binder is named from depth 0 "
         "whatever depth it is handed (the line `depth, around = 0, frozenset()`, whose mutants are killed)",
         "NumberReplacer"),
    ],
    "derivcheck/deciders/norm_products.py": [
        ('if isinstance(f, sp.Pow) and f.exp == HALF and isinstance(f.base, Inner)',
         "SymPy's Rational(1, 2) is the singleton S.Half: an exponent equal to it is that object",
         'ReplaceComparisonOperator_Eq_Is'),
        ('if c > 0 and len(factors) == 2 and None not in vectors:',
         'a term of an Add never has the coefficient 0 (SymPy drops it), so c >= 0 and c > 0 agree',
         'ReplaceComparisonOperator_Gt_GtE'),
        ('return f.base.args[0]',
         'the line before requires the inner product\'s two arguments to be equal: args[1] and args[-1] are args[0]',
         'NumberReplacer'),
    ],
    "derivcheck/deciders/cancelled_variables.py": [
        ("MAX_OPS = 300  # operations in the difference: beyond, multiplying it out may cost more than the step's budget",
         "not equivalent, cannot prove a false step: a cap on the size of the difference only decides which steps "
         "this decider tries (tested at the cap); a proof is a proof of the exact expansion of any size",
         "NumberReplacer"),
        ("MAX_POWER = 6  # an integer power of a sum multiplied out has up to (terms)^6 terms",
         "not equivalent, cannot prove a false step: a cap on the powers multiplied out only decides which steps this "
         "decider tries (tested at the cap and above it)", "NumberReplacer"),
        ("if diff.has(sp.Sum, sp.Product, sp.Limit, sp.Derivative, sp.Integral, *OVER) or sp.count_ops(diff) > "
         "MAX_OPS:", "not equivalent, cannot prove a false step: >= differs from > only for a difference of exactly "
         "MAX_OPS operations, which this decider then does not try", "ReplaceComparisonOperator_Gt_GtE"),
        ('return Outcome("proved", f"{names} cancel{\'s\' if len(gone) == 1 else \'\'} from the difference of the sides "',
         "gone is never empty here (the line above returns when it is): <= 1 and == 1 agree",
         "ReplaceComparisonOperator_Eq_LtE"),
        ('out = next((o for o in (run(q) for run in PROVERS) if o is not None and o.verdict == "proved"), None)',
         "the provers' verdicts are the literal 'proved' and the others: CPython keeps one object for such a "
         "literal, so `is` and == agree",
         "ReplaceComparisonOperator_Eq_Is"),
    ],
    "derivcheck/deciders/touching_point.py": [
        ('gap = rhs - lhs if p.rel == "<=" else lhs - rhs',
         "p.rel is '<=' or '>=' here (the line above): '>=' <= '<=' is False ('>' sorts after '<'), '<=' <= '<=' "
         "True, as with ==",
         'ReplaceComparisonOperator_Eq_LtE'),
        ('if d.lo is not None and (w.lo is None or w.lo < d.lo or (w.lo == d.lo and d.lo_open and not w.lo_open)):',
         'the clause is reached only when w.lo < d.lo is False, i.e. w.lo >= d.lo: there <= and == agree',
         'ReplaceComparisonOperator_Eq_LtE'),
        ('if d.hi is not None and (w.hi is None or w.hi > d.hi or (w.hi == d.hi and d.hi_open and not w.hi_open)):',
         'the clause is reached only when w.hi > d.hi is False, i.e. w.hi <= d.hi: there >= and == agree',
         'ReplaceComparisonOperator_Eq_GtE'),
        ('if applicable(signed, sp.Integer(0)) == algebraic or not prove_zero(gap.xreplace({v: c}))[0]:',
         'applicable returns a bool and the callers pass algebraic as True or False: `is` and == agree on bools',
         'ReplaceComparisonOperator_Eq_Is'),
        ('if applicable(signed, sp.Integer(0)) == algebraic or not prove_zero(gap.xreplace({v: c}))[0]:',
         'applicable asks whether either side has a transcendental occurrence: a constant right side (0, 1 or -1) '
         'has none, so only `signed` decides it',
         'NumberReplacer', 'Integer( '),
        ('if out is not None and out.verdict == "proved":',
         "`is` compares the interned identifier-like literal 'proved' with the verdict Outcome was given, itself "
         'such a literal: CPython keeps one object',
         'ReplaceComparisonOperator_Eq_Is'),
        ('out = [w for w in symbols if w != v and _inside(domains[w], d)]',
         'symbols holds distinct objects (a sorted set of free symbols) and v is one of them: `is not` and != leave '
         'out the same one',
         'ReplaceComparisonOperator_NotEq_IsNot'),
        ('if left is not None and left < MIN_SECONDS:',
         'not equivalent, cannot prove a false step: <= differs from < only when the time left is exactly '
         'MIN_SECONDS, and then one attempt fewer is started',
         'ReplaceComparisonOperator_Lt_LtE'),
        ('signed = sp.factor(sp.together(slope * (v - c)))',
         'not equivalent, cannot prove a false step: slope / (v - c) has the sign of slope (v - c) wherever v != c, '
         'and the mean value theorem needs the sign of D\'(xi) (xi - c) only at xi strictly between c and v',
         'ReplaceBinaryOperator_Mul_Div'),
        ('continue', 'not equivalent, cannot prove a false step: break stops trying the variable\'s later centres '
         '(fewer proofs); a proof still needs the slope proved', 'ReplaceContinueWithBreak', 'break', 66),
        ('SAMPLES = 6', _SAMPLED_FILTER, 'NumberReplacer'),
        ('rng = random.Random(0)', _SAMPLED_FILTER, 'NumberReplacer'),
        ('if evaluate(e, point, 64) < 0:', _SAMPLED_FILTER, 'NumberReplacer', 'point, 65'),
        ('if evaluate(e, point, 64) < 0:', _SAMPLED_FILTER, 'NumberReplacer', 'point, 63'),
        ('except (Undefined, Unresolved, ZeroDivisionError):',
         'not equivalent, cannot prove a false step: Fraction points and Arb balls raise no ZeroDivisionError in '
         '`evaluate` (a division by a ball that is 0 raises Undefined); were one raised, it would end the attempt '
         'with no proof',
         'ExceptionReplacer', 'CosmicRayTestingException)'),
    ],
    "derivcheck/deciders/norms_as_numbers.py": [
        ('elif isinstance(x, sp.Indexed) and isinstance(x.base.label, Vec) and len(x.indices) == 1:',
         'a SymPy Indexed has at least one index: <= 1 and == 1 agree',
         'ReplaceComparisonOperator_Eq_LtE'),
        ('subs[g] = sp.IndexedBase(sp.Symbol(name, nonnegative=True))[x.indices[0]]',
         'the line before keeps only members with one index: [-1] is [0]',
         'NumberReplacer', 'indices[ -1]'),
        ('if out is None or out.verdict != "proved":',
         "`is not` compares the interned identifier-like literal 'proved' with the verdict Outcome was given, "
         'itself such a literal: CPython keeps one object',
         'ReplaceComparisonOperator_NotEq_IsNot'),
    ],
    "derivcheck/deciders/finite_sets.py": [
        ('if d.values is None or not 0 < len(d.values) <= MAX_VALUES:',
         "a declared finite set is never empty (the reader refuses 'in {}', and declarations that leave no value "
         "as contradicting each other), so len(d.values) >= 1 and 0 < len, 0 != len, 0 is not len (small ints are "
         "one object), 0 <= len and -1 < len are all true",
         'ReplaceComparisonOperator_Lt_NotEq'),
        ('if d.values is None or not 0 < len(d.values) <= MAX_VALUES:',
         "a declared finite set is never empty (the reader refuses 'in {}', and declarations that leave no value "
         "as contradicting each other), so len(d.values) >= 1 and 0 < len, 0 != len, 0 is not len (small ints are "
         "one object), 0 <= len and -1 < len are all true",
         'ReplaceComparisonOperator_Lt_LtE'),
        ('if d.values is None or not 0 < len(d.values) <= MAX_VALUES:',
         "a declared finite set is never empty (the reader refuses 'in {}', and declarations that leave no value "
         "as contradicting each other), so len(d.values) >= 1 and 0 < len, 0 != len, 0 is not len (small ints are "
         "one object), 0 <= len and -1 < len are all true",
         'ReplaceComparisonOperator_Lt_IsNot'),
        ('if d.values is None or not 0 < len(d.values) <= MAX_VALUES:',
         "a declared finite set is never empty (the reader refuses 'in {}', and declarations that leave no value "
         "as contradicting each other): -1 < len and 0 < len are both true",
         'NumberReplacer', 'not -1 <'),
    ],
    "derivcheck/deciders/sum_apart.py": [
        ('small, big = (lhs, rhs) if rel == "<=" else (rhs, lhs)', "rel is <= or >= here, and '>=' <= '<=' is false "
         "(the strings' order): the same sides", "ReplaceComparisonOperator_Eq_LtE"),
        ("if not inside or outside == 0:", "a guard the later ones repeat: with sums and no outside part (or no sums "
         "and an outside part), or an outside part 1 or -1 free of the range's end, c is 0 (or there is no sum to "
         "take) and `prove` returns None at line 32 or 39 either way"),
        ("if len(sums_of) != 1:", "not equivalent, cannot prove a false step: with two ranges the split A + c N is "
         "still an identity for the range taken, and sums.termwise proves the sums' part against 0 with every sum in "
         "it (a range of its own is compared term by term only where it is proper)", "ReplaceComparisonOperator_NotEq_Lt"),
        ("if not isinstance(hi, sp.Symbol) or not proper_range(lo, hi) or i in outside.free_symbols:",
         "not equivalent, cannot prove a false step: the split A + c N is an identity for any expression N and any "
         "c free of the index (`rest` is what is left, shown >= 0 on its own), and sums.termwise takes only a proper "
         "range's terms"),
        ("if c == 0 or c.has(hi, i) or rest.has(hi):", "not equivalent, cannot prove a false step: with c = 0 (or c "
         "holding the range's end) the parts are still an identity, diff = (sums + c per term) + rest, each part "
         "shown >= 0 on its own", "ReplaceOrWithAnd"),
    ],
    "derivcheck/deciders/extremum_limits.py": [
        ("top = p.LC() / lead", "only the sign of the quotient is used: a/b and a*b have one sign",
         "ReplaceBinaryOperator_Div_Mul"),
        ("lead = pq[0].LC() * pq[1].LC()", "only the product's sign is used: a*b and a/b have one sign",
         "ReplaceBinaryOperator_Mul_Div"),
        ("direction = 1 if point == sp.oo else -1", "point is oo or -oo here, and direction is only compared with 0 "
         "(< 0): any positive value for oo and any negative one for -oo, and >= or 'is' on the singleton oo, agree"),
        ("len(lim) == 3 and", "an extremum's limits are always (i, lo, hi): <= 3 and >= 3 agree with == 3",
         "ReplaceComparisonOperator_Eq_"),
        ("if len(ext) == 1:", "two extrema in one product leave one in c, which the next test refuses (c.has): "
         ">= 1 ends the same", "ReplaceComparisonOperator_Eq_GtE"),
        ("(t,), ext = inside, ext[0]", "ext has exactly one element here: ext[-1] is ext[0]"),
        ("if isinstance(x, kinds)] if len(inside) == 1 else []", "inside has exactly one element where it is read: "
         "inside[-1] is inside[0]", "NumberReplacer"),
        ("u for u in terms if u is not t", "the terms of an Add are distinct (SymPy collects equal ones): != and "
         "'is not' agree"),
        ("if c.has(*kinds) or g.has(*kinds) or not", "only one term holds an extremum and only one of its factors is "
         "one, so c and g hold none unless nested in a function, which _sign_near refuses (not a rational function "
         "of s): and/or end the same", "ReplaceOrWithAnd"),
        ("kind = type(ext) if sign == 1 else", "sign is 1 or -1 here: >= 1 and == 1 agree"),
        ("i = ext.limits[0][0]", "an extremum has one limit: limits[-1] is limits[0]", "NumberReplacer"),
        ("direction < 0 else h", "direction is 1 or -1: <= 0 agrees with < 0", "ReplaceComparisonOperator_Lt_LtE"),
        ("direction < 0 else h", "direction is 1 or -1: < 1 agrees with < 0", "NumberReplacer", "direction < 1"),
        ("if pq is None or pq[0].is_zero:", "Q is never the zero polynomial, and with P = 0 the product of the "
         "leading coefficients is 0, of no sign: None either way", "NumberReplacer"),
        ("for form in (f, sp.expand(f, deep=False)):", "a deep expansion also multiplies out the members, whose "
         "limits are the same", "ReplaceFalseWithTrue"),
        ("not sp.Tuple(p.lhs, p.rhs).has(sp.Limit) or not", "a step without a limit of an extremum is rewritten to "
         "itself, and no rewrite returns None anyway: and/or end the same", "ReplaceOrWithAnd"),
        ('out.verdict != "proved"', "verdicts are literals of the deciders, interned by CPython: 'is not' agrees "
         "with !=", "ReplaceComparisonOperator_NotEq_IsNot"),
    ],
    "checker/analysis/iteration_bounds.py": [
        ("workdps(", "the working precision (50 or 30 digits) moved by one digit: the guard 10^-40 and the reported "
                     "ratio are unaffected"),
        ('claim_id == "BP-BOUND"', "the other claim IDs all sort after 'BP-BOUND', so <= and == agree on them"),
        ("if mu2_lo == 0", "mu2_lo is a square: <= 0 and == 0 agree"),
        ("mpf(a) <= b * (1 - mpf(10) ** -40)", "< and <= differ only if an integer equals b (1 - 10^-40) exactly"),
        ("mpf(a) > b * (1 + mpf(10) ** -40)", ">= and > differ only if an integer equals b (1 + 10^-40) exactly"),
    ],
    "checker/engines/perceptron.py": [
        ("record: bool = False) -> PerceptronRun", "recording the trajectory does not change the run's result"),
        ('if algorithm == "batch-perceptron"', "'batch-perceptron' sorts before the other two names: <= and == agree",
         "ReplaceComparisonOperator_Eq_LtE"),
        ('elif algorithm == "normalized-batch-perceptron"', "only it and 'perceptron', which sorts after it, reach "
         "this test: <= and == agree", "ReplaceComparisonOperator_Eq_LtE"),
        ('elif algorithm == "perceptron"', "only it and 'normalized-batch-perceptron', which sorts before it, reach "
         "this test: >= and == agree", "ReplaceComparisonOperator_Eq_GtE"),
        ("if len(wrong) == 0", "a length is never negative: <= 0 and == 0 agree", "ReplaceComparisonOperator_Eq_LtE"),
        ("new_den = it.denominator * s // gcd", "den * s * g instead of lcm(den, s): the same rational iterate over a "
         "larger denominator", "ReplaceBinaryOperator_FloorDiv_Mul"),
        ("steps_run: int = 0", "a dataclass default that every constructor call overrides"),
    ],
    "checker/arith/integer_carrier.py": [
        ("values.dtype == np.float64", "int() of an integer-valued float64 below 2^53 is exact, with or without the "
                                       "int64 pass"),
        ("values.dtype == np.dtype(carrier)", "numpy's built-in dtypes are singletons: `is` and `==` agree"),
        ("v.numerator if yi > 0", "labels are exactly -1 or +1: > 0, >= 0 and > -1 agree"),
        ("if self.scale == 1", "the scale is a positive integer: < 1 never holds, and the general branch gives the "
                               "same rows for scale 1"),
        ('if carrier == "object"', "'float64' and 'int64' sort before 'object': >= and == agree"),
        ("if keep != 1", "keep is a positive integer: > 1 and != 1 agree, and multiplying by keep = 1 changes nothing"),
        ("CARRIERS.index(carrier) < CARRIERS.index(self.carrier)", "the bound never decreases, so the carrier never "
                                                                   "asks to narrow: the guard is defensive"),
        ("CARRIERS.index(carrier) > CARRIERS.index(self.widest)", "when equal, widest is set to what it already is"),
        ("if row_weight != 1 else", "multiplying by row_weight = 1 changes nothing"),
        ("if type(row_weight) is not int or type(keep) is not int", "a class is its own only instance: `is not` "
         "and `!=` agree on types", "ReplaceComparisonOperator_IsNot_NotEq"),
    ],
    "checker/engines/exact_two_layer.py": [
        ("return [arr // g for arr in state] if g > 1 else state", "g = 1 divides nothing out: arr // 1 is arr, "
         "so > 1, >= 1 and > 0 agree (g is a gcd, never negative)", "ReplaceComparisonOperator_Gt_GtE"),
        ("return [arr // g for arr in state] if g > 1 else state", "g = 1 divides nothing out: arr // 1 is arr, "
         "so > 1, >= 1 and > 0 agree (g is a gcd, never negative)", "NumberReplacer", "g > 0"),
        ("if t % 64 == 63:", "the step is linear in the state and only signs are read, so dividing the state by a "
         "positive common factor at other steps, or never, gives the same run (the integers only grow faster)"),
        ("np.where(s < 0, 2, np.where(s == 0, 1, 0))", "s < 0 is taken by the outer where: <= 0 and == 0 agree "
         "inside it", "ReplaceComparisonOperator_Eq_LtE"),
        ('return _gp("single-unit-gp", ds, gamma, max_iter, [W0, 1], margins, step)', "with W = 0 a start V = 2 is "
         "the state scaled by 2; the step is linear in the state and only signs are read: the same run",
         "NumberReplacer"),
        ("[np.array([0] * ds.d, dtype=object), np.array([1] * ds.d, dtype=object)], margins, step)", "with U = 0 a "
         "start V = 2 is the state scaled by 2; the step is linear in the state and only signs are read: the same "
         "run", "NumberReplacer", "[ 2]"),
        ("for t in range(max_iter + 1):", "the loop breaks at t = max_iter: one more value of t is never reached",
         "NumberReplacer", "max_iter + 2"),
        ("if t == max_iter:", "t never exceeds max_iter inside the loop: >= and == agree", "ReplaceComparisonOperator_Eq_GtE"),
        ("if t == max_iter:", "not equivalent, cannot change a verdict: without the break the step at t = max_iter "
         "is taken and its result dropped, so the run is still not separated within max_iter (only a stall found "
         "in that dropped step would change the reason's words)"),
        ("break", "not equivalent, cannot change a verdict: continue at t = max_iter ends the loop too; the step "
         "taken is dropped (see if t == max_iter)", "ReplaceBreakWithContinue"),
        ("return _signs(Z @ W) * ((V > 0) - (V < 0))", "not equivalent, cannot change a verdict in practice: the "
         "variants differ from sign(V) only when V is -1, 0 or 1 at t >= 1 (at t = 0, W = 0 makes every margin 0 "
         "whatever V's sign); V starts at 1 and is multiplied by grow >= 4 at the first step"),
        ("max_iter: int = 1000", "not equivalent, cannot change a verdict: the default budget; every caller in "
         "gdpc passes its own"),
    ],
    "derivcheck/verdicts.py": [
        ('if stats["points_held"] == 0:', "a count is never negative: <= 0 and == 0 agree",
         "ReplaceComparisonOperator_Eq_LtE"),
        ('if kind == "refuted":', "a procedure's kind is 'proved' or 'refuted': >= 'refuted' holds only for "
         "'refuted'; `is` agrees on the interned literals"),
        ('if word == "refuted":', "`is` agrees on the interned literals decide_step returns",
         "ReplaceComparisonOperator_Eq_Is"),
        ('if word == "refuted":', "not equivalent, cannot pass a false step: with >= an undecided dimension would "
         "be reported refuted (a wrong failure, never a pass)", "ReplaceComparisonOperator_Eq_GtE"),
        ('cited=s.status == "cited"', "`is` agrees on the interned literal statuses", "ReplaceComparisonOperator_Eq_Is"),
        ("if holds is True:", "holds is True, False or None: == True and `is True` agree on them",
         "ReplaceComparisonOperator_Is_Eq"),
        ("if holds is False:", "holds is True, False or None: == False and `is False` agree on them (None == False "
         "is False)", "ReplaceComparisonOperator_Is_Eq"),
        ('{"reason": f"{_show(odd)[:60]} is not a number', "not equivalent, cannot change a verdict: how many "
         "characters of the odd side the reason shows"),
        ('if word == "undecided":', "the words that reach it are 'proved', 'numerically holds, not proved' and "
         "'undecided', and none sorts after 'undecided': >= and == agree", "ReplaceComparisonOperator_Eq_GtE"),
        ('if word == "undecided":', "`is` agrees on the interned literals decide_step returns",
         "ReplaceComparisonOperator_Eq_Is"),
        ('if rel == "=" and (isinstance(step.lhs, sp.MatrixBase)', "with a matrix side only '=' and '!=' get here "
         "(an order is unparsed before), and '!=' sorts before '=': >= and == agree", "ReplaceComparisonOperator_Eq_GtE"),
        ('if rel == "=" and (isinstance(step.lhs, sp.MatrixBase)', "`is` agrees on one-character strings, which "
         "CPython keeps one copy of", "ReplaceComparisonOperator_Eq_Is"),
        ("lhs2, rhs2 = step.at_dimension(2)", "the vectors are counted at d = 2 because at d = 1 SymPy's automatic "
         "simplification can cancel a vector ((a b)^2 - a^2 b^2 = 0); from d = 2 on, each component repeats the "
         "same terms, so d = 3 finds the same vectors and families", "NumberReplacer", "at_dimension( 3)"),
        ("threading.current_thread() is not threading.main_thread()", "threads compare by identity: != and "
         "`is not` agree", "ReplaceComparisonOperator_IsNot_NotEq"),
        ("if v.is_Rational or v in (sp.oo, -sp.oo) or v.has(sp.nan, sp.zoo):", "-oo left out of the tuple is printed "
         "by the next line the same way: sstr(N(-oo)) is '-oo'"),
        ("if isinstance(n, sp.Float) and n._prec < 20:", "not equivalent, cannot change a verdict: the threshold "
         "(in bits) below which evalf's digits are replaced by the Arb ball in the evidence text"),
        ("return counterexamples.search(lhs, rel, rhs, assumptions, points=8", "not equivalent, cannot pass a "
         "false step: the re-check budget after a SymPy proof; more or less effort only changes how often SymPy's "
         "wrong proofs are caught"),
        ("points=max(points // 2, 20), seed=seed + d)", "not equivalent, cannot pass a false step: the search "
         "budget and seed per dimension of a vector step"),
        ("POINTS, SEED, TIMEOUT = 60, 0, 60", "not equivalent, cannot pass a false step: the library's default "
         "search budget, seed and time budget (past it, undecided); the CLI passes its own, equal to them (tested)"),
    ],
    "checker/arith/arb.py": [
        ("if q.denominator == 1:", "the fast path for integers: flint.arb(fmpq(n, 1)) is the same exact ball as "
         "flint.arb(n), so taking the general path (< 1, == 0 never hold; <= 1 is == 1) changes nothing"),
        ("if x < 0:", "after x > 0 fails, an Arb ball that certainly differs from 0 is certainly negative: != 0 and "
         "< 0 agree (Arb's comparisons are true only when certain)", "ReplaceComparisonOperator_Lt_NotEq"),
        ("self.n, self.d = len(rows), len(rows[0])", "a data matrix is rectangular: the last row has the first "
         "row's length", "NumberReplacer", "rows[ -1]"),
        ("if rows and density(rows) >= DENSE_ABOVE:", "not equivalent, cannot change a verdict: it only chooses "
         "arb_mat's dense product or the sparse rows; both enclose the exact values (tested on dense and sparse "
         "data), and a sign left undecided by a wider ball is escalated, never guessed"),
        ("DENSE_ABOVE = 0.25", "not equivalent, cannot change a verdict: the density from which the dense product "
         "is used (see the test in matrix())"),
        ('return "0" if far == 0 else (far * (1 + flint.arb(2) ** -50)).upper().str(20, radius=False)', _PRINTED_RAD),
        ("def text(self, x, digits: int = 20) -> str:", "not equivalent, cannot change a verdict: the default "
         "digits of a value printed in a report"),
    ],
    "checker/arith/mpmath_iv.py": [
        ('return "0" if far == 0 else mpmath.nstr(far * (1 + mpmath.mpf(2) ** -50), 20)', "far is a maximum of "
         "absolute values, never negative: == -1 and < 0 never hold (a ball at distance 1, tested, kills == 1)", "ReplaceComparisonOperator_Eq_Lt"),
        ('return "0" if far == 0 else mpmath.nstr(far * (1 + mpmath.mpf(2) ** -50), 20)', "far is a maximum of "
         "absolute values, never negative: == -1 and < 0 never hold", "NumberReplacer", "far == -1"),
        ("extra = int(-mpmath.log(x.a, 2)) + 16 if x.a > 0 else self.prec", "this branch has x.a >= 0 (x.a < 0 "
         "went to the first): != 0 and > 0 agree", "ReplaceComparisonOperator_Gt_NotEq"),
        ('return "0" if far == 0 else mpmath.nstr(far * (1 + mpmath.mpf(2) ** -50), 20)', _PRINTED_RAD),
        ("with mpmath.workprec(self.prec + 8):", "not equivalent, cannot change a verdict: the working precision of "
         "a printed midpoint or distance (more bits print the same 20 digits but for the last)"),
        ("if q.denominator == 1:", "the fast path for integers: iv.mpf(n) / 1 is the same exact interval as "
         "iv.mpf(n)"),
        ("if x.a == 0 and x.b == 0:", "an interval has a <= b: with a == 0, b <= 0 holds only for b == 0",
         "ReplaceComparisonOperator_Eq_LtE", "x.b <= 0"),
        ("return t if self.sign(x) >= 0 else -t", "sign 0 means x is exactly 0, where t = (1 - e^0)/(1 + e^0) = 0 "
         "and -t = t"),
        ("if x.a == 0 and x.b == 0:", "reached only when neither x.a > 0 nor x.b < 0, so x.a <= 0: there x.a >= 0 "
         "and x.a == 0 agree", "ReplaceComparisonOperator_Eq_GtE", "x.a >= 0"),
        ("iv.prec = self.prec + min(extra, self.prec)", "not equivalent, cannot change a verdict: more bits for "
         "1 + x (prec times the extra instead of prec plus it): outward rounding encloses log1p(x) at any "
         "precision, only slower", "ReplaceBinaryOperator_Add_Mul"),
        # below 2^-prec, x.a^2 is less than the float spacing below x.a: x.a - c rounds down to the float below x.a
        # for any 0 < c <= x.a^2, and x.b - c' rounds up to x.b for 0 < c' <= x.a^2 / 2 (checked on 21900 random
        # intervals at precisions 10..333 bits; tests/test_arith.py asserts that interval for the original)
        (_SERIES, _SERIES_SAME, "NumberReplacer", "** 3 / 2"),
        (_SERIES, _SERIES_SAME, "NumberReplacer", "** 2 / 3"),
        (_SERIES, _SERIES_SAME, "NumberReplacer", "** 2 / 1"),
        (_SERIES, _SERIES_SAME, "NumberReplacer", "iv.mpf([0, 2])"),
        (_SERIES, _SERIES_SAME, "NumberReplacer", "iv.mpf([ 1, 1])"),
        ("if x.a < 0 or x.b >= 0.5:", "not equivalent, cannot change a verdict: at x = 1/2 exactly the extra-bits "
         "branch runs instead of iv.log(1 + x); both enclose log1p(1/2) to the working precision",
         "ReplaceComparisonOperator_GtE_Gt"),
        ("if x.a < 0 or x.b >= 0.5:", "not equivalent, cannot change a verdict: for x >= 0 past 1/2 the extra-bits "
         "branch runs instead of iv.log(1 + x) (more bits for 1 + x): both enclose log1p(x) to the working "
         "precision (tested up to x = 3)", "ReplaceComparisonOperator_GtE_Eq"),
        ("if x.a < 0 or x.b >= 0.5:", "not equivalent, cannot change a verdict: for x >= 0 past 1/2 the extra-bits "
         "branch runs instead of iv.log(1 + x) (more bits for 1 + x): both enclose log1p(x) to the working "
         "precision (tested up to x = 3)", "NumberReplacer", "x.b >= 1.5"),
        ("if x.b < mpmath.mpf(2) ** -self.prec:", "not equivalent, cannot change a verdict: the threshold between "
         "the series x - x^2/2 <= log1p(x) <= x and the extra-bits branch moves by a factor 2; on either side both "
         "enclose log1p(x) to the working precision"),
        ("extra = int(-mpmath.log(x.a, 2)) + 16 if x.a > 0 else self.prec", "not equivalent, cannot change a "
         "verdict: the extra bits for 1 + x (one more or fewer, or the cap self.prec): outward rounding encloses "
         "log1p(x) at any precision, and every variant keeps the width within the tested 2^-(prec - 8)"),
    ],
    "checker/engines/margin.py": [
        ("if c + 1 < k:", "every variant is true for c < k - 1 (so the elimination runs there) and at the last "
                          "column c = k - 1 the update is on an empty slice"),
        ("acc = Fraction(A[r, k]) - sum((A[r, j] * x[j] for j in range(r + 1, k))", "back substitution runs from the "
         "last row up: when row r is solved x[r] and x[r - 1] are still 0, so extra terms j = r - 1, r add 0"),
        ("x = [Fraction(0)] * k", "back substitution reads only entries it has already computed (range r + 1..k)",
         "NumberReplacer"),
        ("A[c + 1:, c:] = (lower * A[c, c] - np.outer(lower[:, 0], A[c, c:])) // prev", "multiplying the rows by "
         "the nonzero pivot instead of dividing by it scales equations: the solution is the same (the entries "
         "grow)", "ReplaceBinaryOperator_FloorDiv_Mul"),
        ("rhs.astype(object).reshape(-1, 1)", "numpy reads any negative size as 'the rest': -2 and ~1 give the same "
         "column"),
        ("M[:k, k] = 1", "the multiplier column scaled by 2 scales the Lagrange multiplier only: the weights solving "
         "V V^T alpha + c mu 1 = 0, 1^T alpha = 1 do not depend on c != 0", "NumberReplacer"),
        ("L = 1", "L is then a multiple of the least common denominator: w and w.w scale by it and its square, "
         "and the test L proj_j >= w.w with them, so the same decisions and the same x", "NumberReplacer"),
        ("L = L * v.denominator // gcd(L, v.denominator)", "L is then a multiple of the least common denominator: "
         "the same decisions and the same x (see L = 1)", "ReplaceBinaryOperator_FloorDiv_Mul"),
        ("if ww == 0:", "a sum of squares is never negative: < 0 never holds, like -1 below",
         "ReplaceComparisonOperator_Eq_Lt"),
        ("return None if self.mu_hi == 0 else", "mu_hi is never negative: <= 0 and == 0 agree",
         "ReplaceComparisonOperator_Eq_LtE"),
        ("hi = lo if r * r == a * b * scale * scale else", "r = isqrt(x) has r^2 <= x: >= and == agree",
         "ReplaceComparisonOperator_Eq_GtE"),
        ("support = {i: fraction_str(w) for i, w in enumerate(self.weights) if w != 0}", "weights are never "
         "negative: > 0 and != 0 agree", "ReplaceComparisonOperator_NotEq_Gt"),
        ("if piv != c:", "the pivot row is never above c: > c and != c agree; small ints are shared, so `is not` "
         "agrees too"),
        ("rounding_up = up != (q < 0)", "booleans are singletons: `is not` and `!=` agree",
         "ReplaceComparisonOperator_NotEq_IsNot"),
        ('sign = "-" if q < 0 else ""', "q == 0 returned above: <= 0 and < 0 agree here",
         "ReplaceComparisonOperator_Lt_LtE"),
        ("rounding_up = up != (q < 0)", "q == 0 returned above: <= 0 and < 0 agree here",
         "ReplaceComparisonOperator_Lt_LtE"),
        ("while exact_iters < max_exact_iter:", "the count rises by 1 from 0: != and < agree (and `is not` while "
         "the budget is a small shared int)"),
        ("exact = True", "the ww == 0 branch returns a certificate marked exact whatever this variable holds",
         "ReplaceTrueWithFalse"),
        ("k = 0", "_leading_zeros is called only with a < 1: from k = -1 the first test a * 10^0 < 1 holds, so k "
                  "becomes 0 and the loop runs as from 0", "NumberReplacer", "k = -1"),
        ("break", "the float minor cycle once every weight is positive: lam = alpha leaves the corral S as it is, so "
                  "going on recomputes the same alpha from the same P[S] (lstsq is deterministic) until the cycle "
                  "count runs out: the same corral and weights", "ReplaceBreakWithContinue", "continue", 138),
        ("if worst >= 0:", "worst <= 0 always: x = sum_s lam_s v_s with lam >= 0 summing to 1 (after a minor cycle "
         "and after a dependent corral alike), so sum_s lam_s (v_s . x - x . x) = 0 and some corral point has "
         "v_s . x <= x . x; >= 0 and == 0 agree", "ReplaceComparisonOperator_GtE_Eq"),
        ("if min_margin > 0:", "at min_margin = 0, lo_sq = 0 and sqrt_bounds(0) = (0, 0): lo = 0 either way",
         "ReplaceComparisonOperator_Gt_GtE"),
        ("if all(a > 0 for a in alpha):", "not equivalent, cannot change a verdict: a corral point whose affine "
         "weight is exactly 0 is kept instead of dropped; it adds nothing to x or to the weights, and Wolfe's "
         "method still ends at the same min-norm point; a larger corral can only meet an affinely dependent one "
         "sooner, which ends in a valid enclosure that is not called exact (test: a dependent corral)",
         "ReplaceComparisonOperator_Gt_GtE"),
        ("break  # cannot happen", "after `j in S` (which cannot happen) continue repeats the same j with exact "
         "False until the budget: the same certificate", "ReplaceBreakWithContinue"),
        ("SQRT_DIGITS = 40", "not equivalent, cannot change a verdict: the enclosure of mu is a digit narrower or "
         "wider, and stays rigorous", "NumberReplacer"),
        ("max_exact_iter: int = 500", "not equivalent, cannot change a verdict: the exact phase's default budget; "
         "an unfinished phase is reported as not exact with a valid enclosure (a test)", "NumberReplacer"),
        ("lam.append(Fraction(0))", "not equivalent, cannot change a verdict on the tested paths: the entering "
         "point's weight is replaced by the affine weights at once unless a minor cycle steps from it"),
        ("def _wolfe_float(", _WARM),
        ("lam = np.array([1.0])", _WARM),
        ("scale = max(float(norms.max()), 1e-300)", _WARM),
        ("it = 0", _WARM),
        ("for it in range(1, max_iter + 1):", _WARM),
        ("if x @ x - P[j] @ x <= 1e-13 * scale or j in S:", _WARM),
        ("lam = np.append(lam, 0.0)", _WARM),
        ("for _ in range(len(S) + 5):  # minor cycles", _WARM),
        ("if np.all(alpha > 1e-15):", _WARM),
        ("mask = alpha <= 1e-15", _WARM),
        ("ratios = lam[mask] / np.maximum(lam[mask] - alpha[mask], 1e-300)", _WARM),
        ("step = float(np.clip(ratios.min(), 0.0, 1.0))", _WARM),
        ("lam = lam + step * (alpha - lam)", _WARM),
        ("keep = lam > 1e-15", _WARM),
        ("lam = lam / lam.sum()", _WARM),
        ("K = np.zeros((k + 1, k + 1))", _WARM),
        ("K[:k, k] = 1", _WARM),
        ("shift = max(0, data.max_abs.bit_length() - 60)", _WARM),
        ("top = float(data.max_abs >> shift) or 1.0", _WARM),
        ("lam = [Fraction(float(v)).limit_denominator(10**12) for v in lam_f]", _WARM),
        ("lam = [v / total for v in lam]", _WARM),
        ("S, lam = [s for s, v in zip(S, lam) if v > 0], [v for v in lam if v > 0]", _WARM),
        ("if piv != c:", "the pivot row is never above c, and swapping a row with itself changes nothing",
         "ReplaceComparisonOperator_NotEq_GtE"),
        ("if ww == 0:", "a sum of squares is never negative: <= 0 and == 0 agree", "ReplaceComparisonOperator_Eq_LtE"),
        ("if ww == 0:", "a sum of squares is never -1: x = 0 then falls through to the optimality test, which it "
         "passes (worst = 0 >= 0), and the return tests ww == 0 again: the same certificate (ww == 1 is killed)",
         "NumberReplacer", "ww == -1"),
    ],
    "checker/engines/linear_gd.py": [
        ("if t == total or", "the for loop ends after t = total anyway: this first test only skips "
         "computing delta_{T+1} and B_{T+1}, which nothing reads, so any change to it gives the same steps"),
        ("(s > 0) == (q > 0)", "booleans are singletons: `is` and `==` agree on them",
         "ReplaceComparisonOperator_Eq_Is"),
        ("if s is not None and s != 0 and q != 0 and (s > 0) == (q > 0)", "s < 0 or q < 0 (or <= 0) instead of != 0 "
         "sends the samples with both signs positive to the direct branch, sigma(-gamma z) - 0 (or "
         "softplus(-gamma z) / "
         "gamma - 0), the same value, also without cancellation; s = 0 with q < 0 gives sigma_tail(0) = 1/2 = "
         "|sigma(0) - 1| either way", "ReplaceComparisonOperator_NotEq_Lt"),
        ("terms.append(tail if q > 0 else tail - ad)", "this branch has q != 0: q >= 0 and q > 0 agree",
         "ReplaceComparisonOperator_Gt_GtE"),
        ("diffs.append(tail if q > 0 else -tail)", "this branch has q != 0: q >= 0 and q > 0 agree",
         "ReplaceComparisonOperator_Gt_GtE"),
        ("if s is not None and s != 0 and q != 0 and (s > 0) == (q > 0)", "s != 0 and q != 0 are already known: "
         "s >= 0 and s > 0 agree, and so do q >= 0 and q > 0", "ReplaceComparisonOperator_Gt_GtE"),
        ("signs = exact.fill(ctx.signs(z), t) if t >= 1 else ctx.signs(z)", "at t = 0, u = 0 exactly, so every "
         "margin is an exact 0 whose ball's sign is 0, never None, and fill returns signs without a None unchanged: "
         "t >= 0 and t >= 1 give the same signs", "NumberReplacer", "t >= 0"),
        ("tail = ctx.log1p(ctx.exp(-g * zi if s > 0 else g * zi)) / g", "this branch has s = -1 or +1: s >= 0, "
         "s > -1 and s > 0 agree"),
        ("if s is not None and s != 0 and q != 0 and (s > 0) == (q > 0)", "each variant (s != 1, q != 1, q != -1, "
         "s > -1) either sends a sample to the direct branch (the same value, computed without cancellation since "
         "s and q have the same sign) or lets s = 0 or q = 0 into the tail branch, where both formulas agree "
         "exactly: sigma_tail(0) = 1/2 = |sigma(0) - 1|, and log1p(e^{gamma z})/gamma - (A delta)_i = "
         "softplus(-gamma z)/gamma - max(0, -q) because z = q + (A delta)_i; and s > -1 is s > 0 for s = +-1",
         "NumberReplacer"),
        ("if ctx.sign(ctx.num(min_m) - R * gap) == 1", "not equivalent, cannot pass a false bound: it differs only "
         "when m_t - R e_t agrees with 0 to every digit carried (sign None); >= 1 then raises TypeError where == 1 "
         "says 'the bound does not apply'", "ReplaceComparisonOperator_Eq_GtE"),
        ("if bound_ok and ctx.sign(ctx.num(min_m) - R * bound) == 1", "not equivalent, cannot pass a false bound: "
         "it differs only when m_t - R B_t agrees with 0 to every digit carried (sign None); >= 1 then raises "
         "TypeError where == 1 stops the bound", "ReplaceComparisonOperator_Eq_GtE"),
        ("pl = sum((-q for q in step.margins if q < 0), Fraction(0)) / n", "a margin q = 0 adds -0 = 0: q <= 0 and "
         "q < 0 give the same sum", "ReplaceComparisonOperator_Lt_LtE"),
        ("return [[v if yi > 0 else -v for v in row]", "labels are exactly -1 or +1: > 0, >= 0 and > -1 agree",
         "ReplaceComparisonOperator_Gt_GtE"),
        ("return [[v if yi > 0 else -v for v in row]", "labels are exactly -1 or +1: > 0 and > -1 agree",
         "NumberReplacer"),
        ("for t in range(max_iter + 1):", "the loop returns at t == max_iter, before it could reach max_iter + 1",
         "NumberReplacer"),
        ("if stop_when_separated and t >= 1:", "t >= 0 also tests t = 0, where u = 0 and every margin is exactly 0: "
         "not all +1 and all nonpositive, so the test does nothing there (t >= 2 is killed)", "NumberReplacer"),
        ("if t == max_iter:", "t never exceeds max_iter: >= and == agree", "ReplaceComparisonOperator_Eq_GtE"),
        ("total = max(len(bp.trajectory), extend_to or 0)", "a recorded trajectory has at least one step: "
         "max(len, 0), max(len, 1) and max(len, -1) agree", "NumberReplacer"),
    ],
    "checker/analysis/reduction_gap.py": [
        ("return str(q.numerator) if q.denominator == 1 else", "a Fraction's denominator is at least 1: <= 1 and "
         "== 1 agree", "ReplaceComparisonOperator_Eq_LtE"),
        ("extend = t_max if (t_max and bp.separated and t_max > len(bp.trajectory)) else None", "extending to a "
         "t_max at most BP's trajectory's length changes nothing: the deviation engine runs max(length, extend_to) "
         "steps, cut to t_max by its limit, so extend_to = t_max and None give the same steps there"),
        ("DEFAULT_T_MAX = 1000", "not equivalent, cannot change a verdict: how many steps are compared when BP "
         "does not separate and no --t-max is given (gap asks for --t-max on data that are not separable)"),
    ],
    "checker/engines/model_engines.py": [
        ("return [v if yi > 0 else -v for v, yi in zip(fw.values, y)]", "labels are exactly -1 or +1: > 0, >= 0 "
         "and > -1 agree"),
        ("if t == max_iter:", "t never exceeds max_iter: >= and == agree", "ReplaceComparisonOperator_Eq_GtE"),
        ("if self.t == 0:", "a step number is never negative: <= 0 and == 0 agree", "ReplaceComparisonOperator_Eq_LtE"),
        ("break", "GD's loop at t == max_iter, its last pass: continue skips the update just as break does, and the "
         "loop ends", "ReplaceBreakWithContinue"),
        ("if t == 0 and not ctx.exact", "a step number is never negative: <= 0 and == 0 agree",
         "ReplaceComparisonOperator_Eq_LtE"),
        ("c = [ctx.sigma_neg(zi) * yi for zi, yi in zip(z, ds.y)]", "labels are exactly -1 or +1: dividing by y_i "
         "is multiplying by it", "ReplaceBinaryOperator_Mul_Div"),
        ("c[i] = half * ds.y[i]", "labels are exactly -1 or +1: dividing by y_i is multiplying by it",
         "ReplaceBinaryOperator_Mul_Div"),
        ('if model.name == "relu" and all(i in step.dead for i in wrong)', "only the ReLU family reports dead "
         "samples (every other model's dead() is empty, and a stall has a wrong sample), so the dead-unit reason "
         "needs a ReLU whatever the name test"),
        ("for t in range(max_iter + 1):", "both loops leave at t == max_iter (return or break), before they could "
         "reach max_iter + 1", "NumberReplacer", "max_iter + 2"),
        ("MAX_EXACT_BITS = 20_000", "not equivalent, cannot matter: the size limit of exact GP moved by one bit "
         "changes only at which step a run that is refused anyway stops (the tests check the guard at its exact "
         "limit by setting the limit)", "NumberReplacer"),
    ],
    "derivcheck/deciders/judge.py": [
        ('if lk == rk == "exact" or', "a side's kind here is 'exact' or 'const' ('undefined' returned above), and "
         "'const' sorts before 'exact': lk >= rk == 'exact' holds exactly when both are 'exact'",
         "ReplaceComparisonOperator_Eq_GtE"),
        ('if lk == "undefined" and rk == "undefined"', "a side's kind is 'const', 'exact' or 'undefined', and "
         "'undefined' sorts last: >= 'undefined' is == 'undefined'", "ReplaceComparisonOperator_Eq_GtE"),
        ('if lk == "undefined" and rk == "undefined"', "the kinds are the interned literals _value returns: `is` "
         "and `==` agree", "ReplaceComparisonOperator_Eq_Is"),
        ('if lk == "undefined" or rk == "undefined"', "a side's kind is 'const', 'exact' or 'undefined', and "
         "'undefined' sorts last: >= 'undefined' is == 'undefined'", "ReplaceComparisonOperator_Eq_GtE"),
        ('if lk == "undefined" or rk == "undefined"', "the kinds are the interned literals _value returns: `is` and "
         "`==` agree", "ReplaceComparisonOperator_Eq_Is"),
        ("if b < 0:", "b > 0 was tested just above: Arb's b != 0 (certainly nonzero: the ball excludes 0) then holds "
         "exactly when the ball lies below 0, like b < 0", "ReplaceComparisonOperator_Lt_NotEq"),
        ("if sp.cancel(sp.together(sp.expand(diff.rewrite(sp.exp)))) == 0", "reached only when no ball at 2048 "
         "bits excludes 0, i.e. |diff| < 2^-2040: the cancelled form is then never exactly 1 or -1",
         "NumberReplacer"),
        ("if sp.count_ops(diff) < 40 and sp.simplify(diff) == 0", "not equivalent, cannot change a verdict: "
         "simplify is tried on constants up to 38 operations instead of 39 (a zero it would find stays "
         "undecided)", "NumberReplacer"),
        ("if abs(arg.evalf(5, maxn=20)) > 2000", "not equivalent, cannot change a verdict: evalf's working "
         "precision cap when sizing an exponent (a huge exponent is still huge)", "NumberReplacer"),
        ("break", "an evaluation unresolved at one precision stays unresolved at the higher ones (continue tries "
         "them and ends the same way)", "ReplaceBreakWithContinue"),
        ("f\"the {'left' if lk == 'undefined' else 'right'}", "a side's kind is 'const', 'exact' or 'undefined', "
         "and 'undefined' sorts last: >= 'undefined' is == 'undefined'", "ReplaceComparisonOperator_Eq_GtE"),
        ('if lk == rk == "exact" or', "the kinds are the interned literals _value returns: `is` and `==` agree",
         "ReplaceComparisonOperator_Eq_Is"),
        ("f\"the {'left' if lk == 'undefined' else 'right'}", "the kinds are the interned literals _value returns: "
         "`is` and `==` agree", "ReplaceComparisonOperator_Eq_Is"),
        ("if sp.count_ops(diff) < 40 and sp.simplify(diff) == 0", "not equivalent, cannot change a verdict: "
         "simplify is also tried on constants of exactly 40 operations (the same exact zero test)",
         "ReplaceComparisonOperator_Lt_LtE"),
        ("except Exception:  # the simplifier gave up", "not equivalent, cannot change a verdict: SymPy failing "
         "inside the zero test ends the check with an error instead of leaving the sign undecided (no verdict "
         "either way)"),
        ("if v in (sp.oo, -sp.oo) or v.is_Rational:", "-oo classified 'const' instead of 'exact' is still compared "
         "exactly: judge compares exactly whenever a side is +-oo"),
        ("if sp.count_ops(diff) < 40 and sp.simplify(diff) == 0", "not equivalent, cannot change a verdict: "
         "simplify is also tried on larger constants (slower, and the same exact zero test)",
         "ReplaceComparisonOperator_Lt_NotEq"),
        ("PRECISIONS = (128, 512, 2048)", "not equivalent, cannot change a verdict: Arb's last precision moved by "
         "one bit; a sign is decided only by a ball that excludes 0, at whatever precision"),
        ("return True", "not equivalent, cannot change a verdict: an exponent evalf cannot size is then not "
         "called huge, so the exact zero test is attempted (slower at worst; gdpc check's per-step time budget)",
         "ReplaceTrueWithFalse"),
        ("except (TypeError, ValueError):", "not equivalent, cannot change a verdict: an exponent evalf cannot size "
         "ends the check with an error instead of being called huge (no verdict either way)"),
        ('if len(limit) != 3 or not (limit[1].is_number and limit[2].is_number):',
         'every limit of a Sum or Product has exactly 3 entries (ExprWithLimits refuses Sum(k, k) and Sum(k, (k, '
         "1)): 'requires values for lower and upper bounds', and xreplace rebuilds through that constructor): < "
         '3 is False like != 3',
         'ReplaceComparisonOperator_NotEq_Lt',
         'len(limit) < 3 or'),
        ('if len(limit) != 3 or not (limit[1].is_number and limit[2].is_number):',
         'every limit of a Sum or Product has exactly 3 entries (ExprWithLimits refuses Sum(k, k) and Sum(k, (k, '
         "1)): 'requires values for lower and upper bounds', and xreplace rebuilds through that constructor): > "
         '3 is False like != 3',
         'ReplaceComparisonOperator_NotEq_Gt',
         'len(limit) > 3 or'),
        ('if lo.is_integer is not True or hi.is_integer is not True:',
         "SymPy's is_integer is True, False or None, and for these != True and `is not True` agree",
         'ReplaceComparisonOperator_IsNot_NotEq'),
        ('if holds is True:',
         "holds is a Python bool or None (judge's literals, bool(...), and SymPy's == and != on numbers, which "
         'return bool): == True and `is True` agree',
         'ReplaceComparisonOperator_Is_Eq'),
        ('if holds is False:',
         "holds is a Python bool or None (judge's literals, bool(...), and SymPy's == and != on numbers, which "
         'return bool): == False and `is False` agree (None == False is False)',
         'ReplaceComparisonOperator_Is_Eq'),
        ('if v.is_Rational or v in (sp.oo, -sp.oo) or v.has(sp.nan, sp.zoo):',
         '-oo then falls through to sp.N(-oo, 20), which is -oo itself (not a Float, so no ball), and sstr '
         "prints '-oo' as the exact branch does; the mutated tuple (oo, oo) or (oo, False) admits no other value "
         "(only SymPy's false == False, printed 'False' either way)",
         'ReplaceUnaryOperator_USub_UAdd'),
        ('if v.is_Rational or v in (sp.oo, -sp.oo) or v.has(sp.nan, sp.zoo):',
         '-oo then falls through to sp.N(-oo, 20), which is -oo itself (not a Float, so no ball), and sstr '
         "prints '-oo' as the exact branch does; the mutated tuple (oo, oo) or (oo, False) admits no other value "
         "(only SymPy's false == False, printed 'False' either way)",
         'ReplaceUnaryOperator_USub_Not'),
        ('if v.is_Rational or v in (sp.oo, -sp.oo) or v.has(sp.nan, sp.zoo):',
         '-oo then falls through to sp.N(-oo, 20), which is -oo itself (not a Float, so no ball), and sstr '
         "prints '-oo' as the exact branch does; the mutated tuple (oo, oo) or (oo, False) admits no other value "
         "(only SymPy's false == False, printed 'False' either way)",
         'ReplaceUnaryOperator_Delete_USub'),
        ('if len(outer) != 3:',
         'every limit of a Sum or Product has exactly three entries (SymPy refuses one without both bounds and '
         'cuts a longer one): != 3, < 3 and > 3 are all False',
         'ReplaceComparisonOperator_NotEq_'),
        ('INNER_VALUES = 2000',
         'not equivalent, cannot change a verdict: the cap on the outer values checked one by one; past it the '
         'point is refused (no verdict), so moving the cap by one only moves where a point is refused rather '
         'than checked',
         'NumberReplacer'),
        ('for e in lim[1:])]',
         "lim[0:] adds the inner limit's own index symbol to what is searched for the outer index; a bound index "
         'symbol is a Symbol distinct from the outer index, so e.has(i) is False for it and the list is the same',
         'NumberReplacer',
         'lim[ 0:]'),
    ],
    "derivcheck/deciders/counterexamples.py": [
        ("grid if len(symbols) <= 2 else grid // 2", "with one variable the product grid is its special values, "
         "all already tried on the diagonal: == 2 and <= 2 give the same points", "ReplaceComparisonOperator_LtE_Eq"),
        ("continue", _SEARCH, "ReplaceContinueWithBreak"),
        ("break", _SEARCH, "ReplaceBreakWithContinue"),
        ('OUTSIDE = 1.0', "not equivalent, cannot change a verdict: any value >= 1 lies above the objective's range "
         "(-1, 1), so an undefined point still ranks last; only Nelder-Mead's fatol stop sees the number (0.0 is "
         "killed)", "NumberReplacer", "2.0"),
        ("def search(lhs, rel: str, rhs, assumptions: Assumptions, points: int = 60", _SEARCH),
        ("if x.has(sp.Sum, sp.Product) and x.atoms(sp.Indexed):", "the same substitutions: doit here only expands "
         "sums to find the indexed values to draw; with `or` it also runs where there is no sum (nothing to "
         "expand) or no indexed value (none to find), and a doit that raises is caught (slower at worst)"),
        ("for k in range(max((len(s) for s in specials), default=1)):", "with no variables the diagonal's point () "
         "repeats: 1 or 2 entries give the same points tried (0 is killed: with grid = 0 nothing would be tried)",
         "NumberReplacer"),
        ("except (ValueError, TypeError):  # the judge reports why", "not equivalent, cannot change a verdict: a "
         "TypeError while substituting a point would end the step in an error instead of an undecided point (no "
         "verdict either way; the ValueError variant is killed)", "ExceptionReplacer", "(ValueError, CosmicRay"),
        ("grid: int = 400", _SEARCH),
        ("for q in (64, 4096):", _SEARCH),
        ("for digits in (10**6, 10**12, 10**3):", _SEARCH),
        ("cont = [k for k, d in enumerate(domains) if d.values is None and not d.integer]", _SEARCH),
        ("u0 = [rng.uniform(-6, 6) if s else 0.0 for _ in cont]", _SEARCH),
        ('res = minimize(at, u0, method="Nelder-Mead", options={"maxiter": 300 * len(cont)', _SEARCH),
        ('"fatol": 1e-14})', _SEARCH),
        ("for s in range(starts):", _SEARCH),
        ("def _optimise(lhs, rel, rhs, symbols, domains, rng, starts: int = 8):", _SEARCH),
        ("except Exception:  # outside the expression's domain", _SEARCH),
        ("values = tuple(_tame(v, d) if s in in_exponent else v", _SEARCH),
        ("if None in values or values in tried:", _SEARCH),
        ("DIGITS = 30", _SEARCH),
        ("v = mpmath.mpf(v) if not isinstance(v, mpmath.mpc) else mpmath.mpf(10**30)", "rank's float result is the "
         "same bit for bit: for every v >= 10^17, v / (1 + |v|) rounds to 1.0 in float64, so 9^30, 11^30, 10^29 "
         "and 10^31 all rank -1.0, like 10^30"),
        ('if optimise and rel != "!=":', "the relations are interned literals from the reader: `is not` and `!=` "
         "agree", "ReplaceComparisonOperator_NotEq_IsNot"),
        ('if optimise and rel != "!=":', "every other relation ('=', '<', '<=', '>', '>=') sorts after '!=': "
         "> '!=' is != '!='", "ReplaceComparisonOperator_NotEq_Gt"),
        ("if holds is False:", "holds is True, False or None: == False and is False agree on them",
         "ReplaceComparisonOperator_Is_Eq"),
        ('if d.contains(a if j % 2 == 0 else b) else s[0]',
         "j is enumerate's index, never negative, so j % 2 is 0 or 1: <= 0 and == 0 agree (both occurrences on "
         'the line; the >= 0 and % 3 variants and s[1], s[-1] are killed by '
         'tests/test_counterexamples_mutants.py)',
         'ReplaceComparisonOperator_Eq_LtE'),
        ('if stats["points_held"] == 0:',
         'points_held is a count (starts at 0, only ever += 1): <= 0 and == 0 agree',
         'ReplaceComparisonOperator_Eq_LtE'),
        ('the time budget ran out after {n} point',
         "out_of_time reaches this line only with points_held >= 1 (`not stats['points_held']` returns False "
         'before), and n = points_tried >= points_held, so n >= 1, where n != 1 and n > 1 agree',
         'ReplaceComparisonOperator_NotEq_Gt'),
        ('if len(symbols) > 1:  # patterns where many variables differ',
         _ONE_VARIABLE_PATTERNS,
         'ReplaceComparisonOperator_Gt_NotEq'),
        ('if len(symbols) > 1:  # patterns where many variables differ',
         _ONE_VARIABLE_PATTERNS,
         'ReplaceComparisonOperator_Gt_GtE'),
        ('if len(symbols) > 1:  # patterns where many variables differ',
         _ONE_VARIABLE_PATTERNS,
         'NumberReplacer',
         'len(symbols) > 0:'),
        ('if x.has(sp.Sum, sp.Product, *OVER) and x.atoms(sp.Indexed):',
         'the same substitutions: doit here only expands sums (and the OVER functions) to find the indexed '
         'values to draw; with `or` it also runs where there is no sum (nothing to expand: no Indexed atom with '
         'integer indices can appear) or no indexed value (none to find, and doit cannot create one), and a doit '
         'that raises is caught (slower at worst)',
         'ReplaceAndWithOr'),
        ('if holds is not True and "undefined" in note and (lhs_r, rhs_r) != (lhs, rhs):',
         'with `is not`, two tuples built afresh are never the same object, so the written step is also judged '
         "where it is SymPy's form itself: the same expressions judged again at the same point, and judge is "
         'deterministic, so the verdict is the one just found',
         'ReplaceComparisonOperator_NotEq_IsNot'),
        ('if holds is not True and "undefined" in note and (lhs_r, rhs_r) != (lhs, rhs):',
         "holds is judge's first value, True, False or None (Python bools or None): != True and `is not True` "
         'agree on them',
         'ReplaceComparisonOperator_IsNot_NotEq'),
    ],
    "checker/data/dataset.py": [
        ("pos = sum(1 for v in self.y if v > 0)", "labels are exactly -1 or +1: > 0, >= 0 and > -1 agree",
         "ReplaceComparisonOperator_Gt_GtE"),
        ("pos = sum(1 for v in self.y if v > 0)", "labels are exactly -1 or +1: > 0 and > -1 agree", "NumberReplacer"),
        ("return len(self.X[0])", "every row has d entries (from_rows refuses ragged rows) and n >= 2 (two classes): "
                                  "X[0], X[1] and X[-1] have the same length", "NumberReplacer"),
        ("if len(set(labels)) < 2", "labels are -1 or +1, so there are at most 2 distinct: < 2 and != 2 agree",
         "ReplaceComparisonOperator_Lt_NotEq"),
        ("all labels are {labels[0]:+d}", "the labels are all equal here: labels[0], labels[1], labels[-1] agree",
         "NumberReplacer"),
        ("if type(value) is Fraction", "a class is its own only instance: `is` and `==` agree on types",
         "ReplaceComparisonOperator_Is_Eq"),
        ("if len(X) == 0", "a length is never negative: <= 0 and == 0 agree", "ReplaceComparisonOperator_Eq_LtE"),
        ("if d == 0", "a length is never negative: <= 0 and == 0 agree", "ReplaceComparisonOperator_Eq_LtE"),
        ("if os.path.getsize(path) == 0", "a size is never negative: <= 0 and == 0 agree",
         "ReplaceComparisonOperator_Eq_LtE"),
        ("if v.denominator == 1 else", "a denominator is at least 1: <= 1 and == 1 agree",
         "ReplaceComparisonOperator_Eq_LtE"),
        ("return int((D.bit_length() + num_bits) / bits_per_digit) + 1", "int(a / b) and int(a // b) agree for "
         "positive a and b", "ReplaceBinaryOperator_Div_FloorDiv"),
        ("(D.bit_length() + num_bits) / bits_per_digit > stop_above", "stopping when floor(x) > L or x >= L instead "
         "of x > L: the bound returned, int(x) + 1, still exceeds L, so check_exact_size's verdict is the same",
         "ReplaceBinaryOperator_Div_FloorDiv"),
        ("(D.bit_length() + num_bits) / bits_per_digit > stop_above", "stopping when floor(x) > L or x >= L instead "
         "of x > L: the bound returned, int(x) + 1, still exceeds L, so check_exact_size's verdict is the same",
         "ReplaceComparisonOperator_Gt_GtE"),
        ("if y.ndim != 1 or y.shape[0] != X.shape[0]", "y.shape[-1] is y.shape[0] once y.ndim == 1 is known",
         "NumberReplacer"),
        # the first line is kept only if a field is not blank: it has at least 1 field, and a nonblank field splits
        # into at least 1 part
        (_ONE_FIELD, "a kept line has at least one field: <= 1 and == 1 agree", "ReplaceComparisonOperator_Eq_LtE"),
        (_ONE_FIELD, "a nonblank field splits into at least one part: != 1 and > 1 agree",
         "ReplaceComparisonOperator_Gt_NotEq"),
        (_ONE_FIELD, "the line has exactly one field here: first[0] is first[-1]", "NumberReplacer", "first[ -1]"),
        ("f\"(this line is separated by {_separator_name(first[0])})\")", "the line has exactly one field here: "
         "first[0] is first[-1]", "NumberReplacer"),
        ("column{'s' if len(row) != 1 else ''}", "a kept row has at least one field: > 1 and != 1 agree",
         "ReplaceComparisonOperator_NotEq_Gt", "len(row) > 1"),
        ("f\"{'s' if len(header) != 1 else ''} but line", "a header has at least one field: > 1 and != 1 agree",
         "ReplaceComparisonOperator_NotEq_Gt", "len(header) > 1"),
        # the fast path (tolist) is exact for ints and for floats of at most 8 bytes; the kinds reaching here are
        # i, u and f (others are refused above), ints are at most 8 bytes, and a float of at most 8 bytes taken
        # apart into its integer ratio is the same exact value tolist gives
        (_FAST, "only i, u and f reach here: 'i' and 'u' sort after 'f', so kind < 'f' is never true and kind > 'f' "
         "is kind != 'f'; either way ints take the fast path and a long double the exact one",
         "ReplaceComparisonOperator_NotEq_Lt", 'kind < "f"'),
        (_FAST, "only i, u and f reach here: kind > 'f' is kind != 'f' on them", "ReplaceComparisonOperator_NotEq_Gt",
         'kind > "f"'),
        (_FAST, "numpy's dtype.kind is a new str, never the literal 'f' itself, so `is 'f'` is false and the test "
         "is itemsize <= 8 alone: ints (at most 8 bytes) and float64 take the fast path, a long double the exact "
         "one, as before", "ReplaceComparisonOperator_NotEq_Is"),
        *((_FAST, "a float of 2, 4 or 8 bytes sent to the exact path gives the same exact value (its integer ratio) "
           "as tolist; a long double (10 or 16 bytes) still takes the exact path", op, text)
          for op, text in [("ReplaceComparisonOperator_LtE_Lt", "itemsize < 8"),
                           ("ReplaceComparisonOperator_LtE_Eq", "itemsize == 8"),
                           ("NumberReplacer", "itemsize <= 9"), ("NumberReplacer", "itemsize <= 7")]),
        (_FAST, "with `and`, every float takes the exact path (the same values for float64, float32, float16) and "
         "ints still the fast one", "ReplaceOrWithAnd"),
        ("flat = [Fraction(*v.as_integer_ratio()) for v in a.reshape(-1)]", "numpy reads any negative size as "
         "'the rest': -2 and ~1 flatten the same"),
        ("if a.ndim == 2 else flat", "X is refused unless 2-dimensional and y unless 1-dimensional: >= 2 and == 2 "
         "agree", "ReplaceComparisonOperator_Eq_GtE"),
    ],
    "derivcheck/deciders/bounds.py": [
        ('shift = 0 if function == "cos" else 1', "only 'cos' and 'sin' reach it: the interned literal is itself "
         "(`is`), and 'sin' sorts after 'cos' (<=)"),
        ('if self.direction == "lower" else', "a direction is the literal 'lower' or 'upper': the interned literal is "
         "itself (`is`), and 'upper' sorts after 'lower' (<=)"),
        ("{'>=' if self.direction == 'lower' else '<='}", "a direction is the literal 'lower' or 'upper': the "
         "interned literal is itself (`is`), and 'upper' sorts after 'lower' (<=)"),
        ('[b for b in TRIG if b.function == "cos"]', "TRIG holds only 'cos' and 'sin' bounds: the interned literal "
         "is itself (`is`), and 'sin' sorts after 'cos' (<=)"),
        ('[b for b in TRIG if b.function == "sin"]', "TRIG holds only 'cos' and 'sin' bounds: the interned literal "
         "is itself (`is`), and 'cos' sorts before 'sin' (>=)"),
        ('T = sp.Symbol("t", real=True)', "T is only the bounds' polynomial variable: their coefficients, read by "
         "Poly, and every value computed from them do not depend on its assumptions"),
        ("@lru_cache(maxsize=None)", "the cache only remembers the coefficients: the same values without it"),
    ],
    "derivcheck/deciders/transcendental.py": [
        ('timeout = LEVELS[degree] if left is None else max(min(LEVELS[degree], int(left * 1000 * 0.6)), 100)',
         'the line is reached only with left >= 0.2 (the test above returns before), where int(600 left) >= 120: the floor of 100 ms (99 or 101 here) never binds',
         'NumberReplacer', ', 101)'),
        ('timeout = LEVELS[degree] if left is None else max(min(LEVELS[degree], int(left * 1000 * 0.6)), 100)',
         'the line is reached only with left >= 0.2 (the test above returns before), where int(600 left) >= 120: the floor of 100 ms (99 or 101 here) never binds',
         'NumberReplacer', ', 99)'),
        ('if answer.status == "unsat":',
         "smt.solve's status is 'unsat', 'sat' or 'unknown'; 'sat' and 'unknown' sort before 'unsat' ('s' < 'u', "
         "'unk' < 'uns'): >= 'unsat' and == 'unsat' agree",
         'ReplaceComparisonOperator_Eq_GtE'),
        ('if answer.status == "unsat":',
         "smt.solve sets the status from the literals 'unsat', 'sat', 'unknown', which CPython interns (constants "
         "that look like identifiers): each status is that very object, so `is` and == agree",
         'ReplaceComparisonOperator_Eq_Is'),
        ('elif answer.status == "sat":',
         "smt.solve sets the status from the literals 'unsat', 'sat', 'unknown', which CPython interns: `is` and == "
         'agree',
         'ReplaceComparisonOperator_Eq_Is'),
        ('if len(proofs) == len(queries):',
         "proofs is keyed by the queries' indices, so len(proofs) <= len(queries): >= and == agree",
         'ReplaceComparisonOperator_Eq_GtE'),
        ('if len(proofs) == len(queries):',
         'both lengths are at most MAX_CASES (16) queries, small ints that CPython keeps one object each: `is` and '
         '== agree',
         'ReplaceComparisonOperator_Eq_Is'),
        ('if p.rel == "=":  # bounds cannot close an identity',
         "'=' is a one-character string, of which CPython keeps a single object (every '=' is that object): `is` "
         'and == agree',
         'ReplaceComparisonOperator_Eq_Is'),
        ('if rel == "=" and atoms:',
         "'=' is a one-character string, of which CPython keeps a single object: `is` and == agree",
         'ReplaceComparisonOperator_Eq_Is'),
        ('split = f" in each of {len(proofs)} cases of |.|, max, min" if len(proofs) > 1 else ""',
         '_proved is called only with every query proved, so len(proofs) >= 1: != 1 and > 1 agree',
         'ReplaceComparisonOperator_Gt_NotEq'),
        ('used.add("exp Taylor bounds" + (" centred at each other occurrence" if len(exps) > 1 else ""))',
         'the line is inside the loop over exps, so len(exps) >= 1: != 1 and > 1 agree',
         'ReplaceComparisonOperator_Gt_NotEq'),
        ('if out is None and depth > 0:',
         'depth starts at DEPTH and each recursion subtracts 1 only from a depth > 0, so it is never negative: '
         '!= 0 and > 0 agree',
         'ReplaceComparisonOperator_Gt_NotEq'),
        ('if out is None and depth > 0:',
         'not equivalent, cannot make a false step proved: how many derivatives the argument may take (a budget); '
         "one more or one fewer level only adds or loses derivative arguments, each sound on its own (monotone.py)",
         'ReplaceComparisonOperator_Gt_GtE'),
        ('if out is None and depth > 0:',
         'not equivalent, cannot make a false step proved: how many derivatives the argument may take (a budget); '
         "one more or one fewer level only adds or loses derivative arguments, each sound on its own (monotone.py)",
         'NumberReplacer'),
        ('out = by_derivative(p, lambda sub: _decide(sub, depth - 1), defined)',
         'not equivalent, cannot make a false step proved: a derivative level fewer (a budget), so at most a '
         'proof is lost',
         'NumberReplacer'),
        ('DEPTH = 2  # derivatives taken at most, one variable',
         'not equivalent, cannot make a false step proved: a budget of derivatives, each argument sound on its own',
         'NumberReplacer'),
        ('if left is not None and left < 0.2:',
         'not equivalent, cannot make a false step proved: the time left below which no query starts (a budget): '
         'giving up earlier only loses proofs',
         'ReplaceComparisonOperator_Lt_LtE'),
        ('if left is not None and left < 0.2:',
         'not equivalent, cannot make a false step proved: the time left below which no query starts (a budget): '
         'giving up earlier only loses proofs',
         'NumberReplacer'),
        ('if i is j:',
         'the same atom is skipped either way: ' + _ATOM_EQUALITY,
         'ReplaceComparisonOperator_Is_Eq'),
        ('cleared = b.cleared(i.value, t) if j is one else _centred(b, i.value, j.value, t)',
         _ATOM_EQUALITY,
         'ReplaceComparisonOperator_Is_Eq'),
        ('out = [Atom("exp", -c.arg, 1 / c.value, c.guard, f"1/{c.label}") for c in exps if c.constant and c is not i]',
         _ATOM_EQUALITY,
         'ReplaceComparisonOperator_IsNot_NotEq'),
        ('if c.constant and not j.constant and i is not c and i is not j:',
         _ATOM_EQUALITY,
         'ReplaceComparisonOperator_IsNot_NotEq'),
        ('out = [Atom("exp", -c.arg, 1 / c.value, c.guard, f"1/{c.label}") for c in exps if c.constant and c is not i]',
         'not equivalent, cannot make a false step proved: it adds centres e^{-g} = 1/e^{g} for occurrences g that '
         "are not constants too, each a true value wherever g's own guard holds (it keeps c.guard), so every bound "
         'instantiated at it is a true fact: more facts, never a false one',
         'ReplaceAndWithOr'),
        ('out.append(Atom("exp", j.arg + c.arg, j.value * c.value, z3.And(*guard) if guard else None,',
         "not equivalent, cannot make a false step proved unless the bounds contradicted each other: without the "
         "guard, exp's bounds at e^{W + c} = h e^c are asserted where h <= 0 too, where the definedness obligation "
         'h > 0 already fails, so a model there refutes the step being defined; each bound is met by W small '
         'enough (odd Taylor lower bounds tend to -oo, the upper ones hold for h e^c <= 0): checked, log(v)^2 e + '
         'e^x >= 0 on v in [-1/2, -1/4] is still refuted with this mutant',
         'AddNot'),
        ('val = model.eval(vars_[s], model_completion=True)',
         'not equivalent, cannot make a false step proved: without completion a variable the model leaves free is '
         'no rational value, and the model is then no counterexample (None): at most a refutation is lost, and '
         'the search refutes the step instead',
         'ReplaceTrueWithFalse'),
        ('continue',
         'not equivalent, cannot make a false step proved: break leaves the queries after an already proved one '
         'for the next degree, so at most a proof comes later or is lost; a proof still needs every query proved',
         'ReplaceContinueWithBreak', 'break', 144),
        ("LEVELS = {1: 1000, 3: 2000, 5: 3000, 7: 4000}", "not equivalent, cannot prove a false step: Z3's timeout "
         "per degree only decides how long a query may run; an unsat answer is a proof whatever the timeout"),
        ("timeout = LEVELS[degree] if left is None else max(min(LEVELS[degree], int(left * 1000 * 0.6)), 100)",
         "not equivalent, cannot prove a false step: the timeout of one query within the share (see LEVELS)"),
        ('a, _, _, _, domain = abstraction(expr, sp.Integer(0), assumptions)', "the other side of a definedness "
         "query is a number: any rational has a value everywhere, so the same conditions are asked"),
        ('for b in bounds("log", max_degree):', "not equivalent, cannot prove a false step: without log's own "
         "rational bounds fewer true facts are sent (exp's bounds on the log's variable still hold), so a proof "
         "may be missed, never made"),
        ('elif answer.status == "sat":', "the status is 'sat', 'unknown' or (handled above) 'unsat': 'unknown' "
         "sorts after 'sat', so <= and == agree", "ReplaceComparisonOperator_Eq_LtE"),
        ("(depth == DEPTH and not applicable(*p.ready))", "depth starts at DEPTH and only decreases: >= and == "
         "agree"),
        ('return answer.status == "unsat"', "the status is 'sat', 'unknown' or 'unsat', and only 'unsat' is >= "
         "'unsat'"),
        ('exps = [x for x in a.atoms if x.function == "exp"]', "an atom's function is an interned literal: `is` "
         "and == agree"),
        ("if holds is False:", "judge's holds is True, False or None: == False and `is False` agree"),
        ('one = Atom("exp", z3.RealVal(0), z3.RealVal(1), label="exp(0)")', "the centre e^0 enters through the "
         "bounds' absolute form (b.cleared at the occurrence), never through its value"),
        ('cond.append(t <= z3.RealVal(', "not equivalent, cannot prove a false step: the guard of a bound limited "
         "above made false drops that bound (fewer true facts), never adds one"),
        ('cond.append(t >= z3.RealVal(', "not equivalent, cannot prove a false step: a strict guard drops a bound "
         "at its range's end only (fewer true facts)"),
        ("return by_bounds(p, CHEAP[:1])", "not equivalent, cannot prove a false step: an identity also tried at "
         "degree 3 only costs time"),
        ("facts, _ = constraints(a, 1)", "not equivalent, cannot prove a false step: fewer bounds in a "
         "definedness query can only leave a step unproved"),
        ("f = val.approx(20).as_fraction()", "not equivalent, cannot prove a false step: the digits of an algebraic "
         "model's rational stand-in, which judge then decides exactly"),
        ('Bound("log", "upper", Fraction(1), None, T ** 2 - 1', "not equivalent, cannot prove a false step: a "
         "narrower range for a true bound only drops some of its instances (the bound holds on all of t >= 1, "
         "tested with Arb at the end t = 1)"),
        ('lagrange = f"Taylor with Lagrange remainder', "not equivalent, cannot change a verdict: the text of a "
         "bound's proof, which no decision reads"),
    ],
    "derivcheck/deciders/obligations.py": [
        ('continue', "a power skipped here (a symbolic exponent, a base not shown >= 0) stays in the step, and Z3 takes "
         "no power with a symbolic exponent (procedures._to_z3 raises _NotPolynomial): the step is not proved this "
         "way whether the powers after it are replaced (continue) or not (break)", 'ReplaceContinueWithBreak', 'break',
         82),
        ('return all((b - a).is_nonnegative is True or decided(a, "<=", b, assumptions) for a, b in ((lo, j), (j, hi)))',
         "SymPy's is_nonnegative is True, False or None: == True holds exactly when `is True` does",
         'ReplaceComparisonOperator_Is_Eq'),
        ('strict = rel == "<"', "rel is '<=' or '<' here (>= and > were turned): '<=' sorts after '<' (<=), and `is` "
         "compares the interned one-character literal with itself"),
        ('found[0] == "proved"', "z3_decide answers None, ('proved', ...) or ('refuted', ...): 'refuted' sorts after "
         "'proved' (<=), and `is` compares the interned literal with itself"),
        ('if getattr(fn(e), f"is_{prop}") is True:', "SymPy's is_* properties are True, False or None: == True and "
         "`is True` agree"),
        ("if thorough and (remaining() is None or remaining() > 1):", "not equivalent, cannot change a verdict: "
         "differs only with exactly 1.0 s left, and only on whether the slow pass starts",
         "ReplaceComparisonOperator_Gt_GtE"),
        ("Z3_MS = 1000", "not equivalent, cannot prove a false step: Z3's timeout per obligation; an unsat answer is "
         "a proof whatever the timeout"),
    ],
    "derivcheck/deciders/vector_sums.py": [
        ('if not isinstance(s, sp.Sum) or len(s.limits) != 1:',
         'a SymPy Sum has at least one limit (Sum(f) with none raises): len > 1 and len != 1 agree',
         'ReplaceComparisonOperator_NotEq_Gt'),
        ('i = s.limits[0][0]',
         "_gather reaches this line only with len(s.limits) == 1 (the test just above): limits[-1] is limits[0]",
         'NumberReplacer', 'limits[ -1]', 29),
        ('i = s.limits[0][0]',
         "not equivalent, cannot change a verdict: `shown` only writes a replaced sum as text for the method line "
         "(which index is renamed i); the sums it is given are the ones `sums_as_vectors` replaced, each over one "
         "range",
         'NumberReplacer', 'limits[ -1]', 106),
        ('(j, lo, hi), body = ext.limits[0], ext.function',
         'an extremum over an index (MaxOver/MinOver) has exactly one limit: [-1] is [0]',
         'NumberReplacer', 'limits[ -1]'),
        ('named = sorted({a.indices[0] for a in both.xreplace({ext: 0}).atoms(sp.Indexed)',
         'the comprehension keeps members with exactly one index (its filter on the next line): indices[-1] is '
         'indices[0]',
         'NumberReplacer', 'indices[ -1]'),
        ('named = sorted({a.indices[0] for a in both.xreplace({ext: 0}).atoms(sp.Indexed)',
         'the extremum is replaced by a number only to look for members outside it: any number does (0, 1 or -1)',
         'NumberReplacer', 'ext: '),
        ('if a.base in bases and len(a.indices) == 1 and not a.indices[0].has(j)}, key=sp.default_sort_key)',
         'an Indexed has at least one index: <= 1 is == 1',
         'ReplaceComparisonOperator_Eq_LtE'),
        ('if a.base in bases and len(a.indices) == 1 and not a.indices[0].has(j)}, key=sp.default_sort_key)',
         'evaluated only where len(a.indices) == 1 (the and before it): indices[-1] is indices[0]',
         'NumberReplacer', 'indices[ -1]'),
        ('if a.base in bases and len(a.indices) == 1 and not a.indices[0].has(j)}, key=sp.default_sort_key)',
         "not equivalent, cannot prove a false step: a looser filter only offers more candidate indices, and each "
         "is still taken only inside the extremum's range (the line below), where max_j f_j >= f_at and min_j f_j "
         "<= f_at hold whatever the index was found from",
         'Replace'),
        ('(ext, term) for ext, term in at_terms.items() if term != ext)',
         '_at_named returns the extremum object itself when it replaces nothing: `is not` and != agree',
         'ReplaceComparisonOperator_NotEq_IsNot'),
        ('return Inner(sp.Sum(coeff * u, s.limits[0]), w)',
         '_gather reaches this line only with len(s.limits) == 1: limits[-1] is limits[0]',
         'NumberReplacer'),
        ('i = s.limits[0][0]',
         "not equivalent, cannot change a verdict: `shown` only writes a replaced sum into a proof's text; for a sum "
         'of one index (every sum of vectors it replaces) limits[-1] is limits[0], and for a double sum of numbers '
         'it would rename the other index in the text',
         'NumberReplacer', 'limits[ -1]', 82),
        ('return sp.sstr(s.xreplace({i: sp.Symbol(name, integer=True)})).replace("Inner(", "inner(")',
         "sstr prints a Symbol by its name alone, whatever its assumptions: the text is the same",
         'ReplaceTrueWithFalse'),
    ],
    "derivcheck/deciders/prefix_induction.py": [
        ('if base.has(sp.Sum) or not general_term.proved(base, "positive" if rel == "<" else "nonnegative", '
         'assumptions):',
         "rel is '<' or '<=' here (prove() refuses other relations and turns '>=' and '>' around first); '<=' "
         "sorts after '<' (a longer string with the same start), so <= '<' and == '<' agree",
         'ReplaceComparisonOperator_Eq_LtE'),
        ('if base.has(sp.Sum) or not general_term.proved(base, "positive" if rel == "<" else "nonnegative", '
         'assumptions):',
         "rel is '<' or '<=' here; '<' is a one-character string, of which CPython keeps a single object (every "
         "'<' is that object), and '<=' is not '<' either way: `is` and == agree",
         'ReplaceComparisonOperator_Eq_Is'),
        ('top = [s for s in e.atoms(sp.Sum) if len(s.limits) == 1 and s.limits[0][2].has(marker)]',
         'a SymPy Sum has at least one limit (Sum(f) with none raises): len <= 1 and len == 1 agree',
         'ReplaceComparisonOperator_Eq_LtE'),
        ('if len(free) != 1 or len(hi.free_symbols) != 1 or not sp.expand(hi - free[0]).is_Integer:',
         'free is the integer symbols of hi: two or more of them make len(hi.free_symbols) != 1 true too, and '
         'one integer symbol among others leaves hi - free[0] with a symbol, not an Integer; either way the '
         'function returns None, so != 1 and < 1 on either length agree',
         'ReplaceComparisonOperator_NotEq_Lt'),
        ('if any(s in t.function.atoms(sp.Sum) for t in both.atoms(sp.Sum) if t is not s):',
         'atoms() is a set: two of its elements are never equal, so t != s and t is not s agree',
         'ReplaceComparisonOperator_IsNot_NotEq'),
        ('found = free[0]',
         'the line is reached only with len(free) == 1 (the test just above): free[-1] is free[0]',
         'NumberReplacer'),
        ('if free[0] != found or lo.has(found):',
         'the line is reached only with len(free) == 1 (the test above): free[-1] is free[0]',
         'NumberReplacer'),
        ('e = e.replace(lambda x: isinstance(x, sp.Sum) and x.limits[0][2].has(n), numbers_by_sign("prefix"))',
         'every sum here has one limit: _upper_variable refused a step with any other (it looks at every sum, '
         'inner ones too) and _peeled builds sums of one limit, so limits[-1] is limits[0]',
         'NumberReplacer'),
        ('top = [s for s in e.atoms(sp.Sum) if len(s.limits) == 1 and s.limits[0][2].has(marker)]',
         'every sum here has one limit: _upper_variable refused a step with any other (it looks at every sum, '
         'inner ones too) and the splits build sums of one limit, so len >= 1 and len == 1 agree',
         'ReplaceComparisonOperator_Eq_GtE'),
        ('top = [s for s in e.atoms(sp.Sum) if len(s.limits) == 1 and s.limits[0][2].has(marker)]',
         'the test len(s.limits) == 1 comes first in the same condition: limits[-1] is limits[0]',
         'NumberReplacer'),
        ('if len(s.limits) != 1:',
         'a SymPy Sum has at least one limit (Sum(f) with none raises): len > 1 and len != 1 agree',
         'ReplaceComparisonOperator_NotEq_Gt'),
        ('if len(free) != 1 or len(hi.free_symbols) != 1 or not sp.expand(hi - free[0]).is_Integer:',
         'the second test is reached only with len(free) == 1, and free is part of hi.free_symbols, so '
         'len(hi.free_symbols) >= 1: > 1 and != 1 agree',
         'ReplaceComparisonOperator_NotEq_Gt', '> 1 or not'),
        ('if len(free) != 1 or len(hi.free_symbols) != 1 or not sp.expand(hi - free[0]).is_Integer:',
         'the last test is reached only with len(free) == 1: free[-1] is free[0]',
         'NumberReplacer', 'free[ -1]'),
        ('if free[0] != found or lo.has(found):',
         "SymPy keeps one Symbol object per name and assumptions (Symbol's constructor is cached), and found is "
         'free[0] of an earlier sum: `is not` and != agree',
         'ReplaceComparisonOperator_NotEq_IsNot'),
        ('if not c.is_Integer or lo.has(marker) or ((n0 + c) - lo + 1).is_nonnegative is not True:',
         'is_nonnegative is True, False or None, for which `is not True` and != True agree',
         'ReplaceComparisonOperator_IsNot_NotEq'),
        ('marker = sp.Dummy("next", integer=True)',
         'not equivalent, cannot make a false step proved: the marker stands for N + 1 only while the sums are '
         'split, and is replaced by n + 1 before anything is proved; its assumption only changes how SymPy '
         'writes the terms in between, so at most a split (and a proof) is lost',
         'ReplaceTrueWithFalse'),
        ('i, lo, hi = s.limits[0]',
         'the line is reached only with len(s.limits) == 1 (the test just above): limits[-1] is limits[0]',
         'NumberReplacer'),
        ('s = top[0]',
         'not equivalent, cannot make a false step proved: which sum up to N + 1 is split first; each split '
         '(the sum up to N + c plus its last term) is an exact identity, so any order gives an equal expression, '
         'and each order splits the same sums (at most MAX_PEELS) before giving up',
         'NumberReplacer'),
    ],
    "derivcheck/deciders/induction.py": [
        ('for m in range(n0, n0 + LATE_START',
         'not equivalent, cannot make a false step proved: _start only chooses where the induction is tried from '
         '(one value more or less seen of the inductive step); the proof from that start is still SymPy\'s for '
         'every n >= start, with the values below it evaluated exactly, so a different start can only lose a '
         'proof',
         'NumberReplacer', 'LATE_START + 4', 85),
        ("if any(((n0 + c) - lo + 1).is_nonnegative is not True", "is_nonnegative is True, False or None: != True "
         "and `is not True` agree", "ReplaceComparisonOperator_IsNot_NotEq"),
        ("d.lo.denominator == 1 else 0)", "a Fraction's denominator is at least 1: <= 1 and == 1 agree",
         "ReplaceComparisonOperator_Eq_LtE"),
        ('if not _nonnegative(base, rel == "<", assumptions):', "rel is '<=' or '<' here ('=' returned above, >= "
         "and > turned): '<=' sorts after '<' (<=), and `is` compares the interned one-character literal"),
        ('if rel == "=":', "rel is '=', '<=' or '<' here: both others sort before '=' (>=), and `is` compares the "
         "interned one-character literal"),
        ("if len(free) != 1 or len(hi.free_symbols) != 1:", "free is a subset of hi's free symbols: where "
         "len(free) > 1, len(hi.free_symbols) != 1 holds too", "ReplaceComparisonOperator_NotEq_Lt", "len(free) < 1"),
        ("if len(free) != 1 or len(hi.free_symbols) != 1:", "here free has one symbol, so hi has at least one: > 1 "
         "and != 1 agree", "ReplaceComparisonOperator_NotEq_Gt", "len(hi.free_symbols) > 1"),
        ("if len(free) != 1 or len(hi.free_symbols) != 1:", "with one integer symbol N in the limit, a second "
         "symbol leaves hi - N with a symbol, which `c.is_Integer` refuses on the next lines",
         "ReplaceComparisonOperator_NotEq_Lt", "len(hi.free_symbols) < 1"),
        ("if len(s.limits) != 1:", "a Sum has at least one limit: > 1 and != 1 agree",
         "ReplaceComparisonOperator_NotEq_Gt"),
        ("if free[0] != n or", "SymPy caches symbols: an equal symbol is the same object",
         "ReplaceComparisonOperator_NotEq_IsNot"),
        ("i, lo, hi = s.limits[0]", "one limit (checked above): [0] and [-1] are the same", "NumberReplacer"),
        ("n = free[0]", "free has one element (checked above): [0] and [-1] are the same", "NumberReplacer"),
        ("if free[0] != n or", "free has one element (checked above): [0] and [-1] are the same", "NumberReplacer"),
        ('or not _nonnegative(base, rel == "<", assumptions):',
         "rel is '<=' or '<' here ('=' returned at line 64, '>=' and '>' turned at line 49): '<=' sorts after "
         "'<', so rel <= '<' holds for '<' only, as == does",
         'ReplaceComparisonOperator_Eq_LtE'),
        ('or not _nonnegative(base, rel == "<", assumptions):',
         "rel is '<=' or '<' here ('=' returned at line 64, '>=' and '>' turned at line 49): `is` compares it "
         "with the one-character literal '<', and CPython keeps one object for every one-character str",
         'ReplaceComparisonOperator_Eq_Is'),
        ('if not _nonnegative((rhs - lhs).xreplace({n: sp.Integer(m)}), rel == "<", assumptions):',
         "rel is '<=' or '<' here (line 158 returns for others, line 162 turns '>=' and '>'): '<=' sorts after "
         "'<', so rel <= '<' holds for '<' only, as == does",
         'ReplaceComparisonOperator_Eq_LtE'),
        ('if not _nonnegative((rhs - lhs).xreplace({n: sp.Integer(m)}), rel == "<", assumptions):',
         "rel is '<=' or '<' here (line 158 returns for others, line 162 turns '>=' and '>'): `is` compares it "
         "with the one-character literal '<', and CPython keeps one object for every one-character str",
         'ReplaceComparisonOperator_Eq_Is'),
        ('return out.method if out is not None and out.verdict == "proved" else None',
         "transcendental.decide answers None or an Outcome whose verdict is the literal 'proved' or 'refuted' "
         "(transcendental.by_bounds, _proved; monotone.by_derivative's _proved): 'refuted' sorts after 'proved', "
         "so <= 'proved' holds for 'proved' only",
         'ReplaceComparisonOperator_Eq_LtE'),
        ('return out.method if out is not None and out.verdict == "proved" else None',
         "transcendental.decide's verdicts are the literals 'proved' or 'refuted' (transcendental.by_bounds, "
         "_proved; monotone.by_derivative's _proved): 'proved' is an identifier-like constant CPython interns, "
         'one object in every module, so `is` and == agree',
         'ReplaceComparisonOperator_Eq_Is'),
        ('evaluated)" if start > n0 else ""',
         'start comes from _start: n0 + j with j >= 0, or n0 + LATE_START + 1, so start >= n0 and != n0 agrees '
         'with > n0',
         'ReplaceComparisonOperator_Gt_NotEq'),
        ('if all(v is not False for v in values[j:]):',
         "the values are SymPy's is_nonnegative (Python True, False or None) or None (not evaluated): != False "
         'and `is not False` agree on all three',
         'ReplaceComparisonOperator_IsNot_NotEq'),
        ('for j in range(LATE_START + 1):',
         'the extra j = LATE_START + 1 returns n0 + LATE_START + 1, the value the line after the loop returns '
         'anyway',
         'NumberReplacer',
         'range(LATE_START + 2)'),
        ('return (integers[0], {}) if len(integers) == 1 else None',
         'one element (len(integers) == 1 on the same line): [0] and [-1] are the same symbol',
         'NumberReplacer',
         'integers[ -1]'),
        ('return n0 + LATE_START + 1',
         'n0 + LATE_START + 2 and n0 + LATE_START + 1 are both above n0 + LATE_START: neither start is tried, '
         'prove and by_ratio return None (the base-case loop, one value longer, can only return None earlier)',
         'NumberReplacer',
         'LATE_START + 2'),
        ('return n0 + LATE_START + 1',
         'not equivalent, cannot change a verdict: _start reaches its last line only when every j <= LATE_START '
         "leaves an evaluated value False in values[j:], i.e. the step is exactly < 0 (SymPy's is_nonnegative on "
         'a number) at some integer m in n0 + LATE_START..n0 + LATE_START + 4. A returned start above n0 + '
         'LATE_START is not tried (prove and by_ratio return None; the base-case loop before can only return '
         'None earlier); every mutated value that is at most n0 + LATE_START (n0 - 3, n0 + 3, n0 + 4, 4 n0 + 1 '
         'for n0 <= 1, n0 // 4 + 1 when <= n0 + 4) is <= m, so the proof tried asks for the step (or the ratio '
         'step r <= q) at every N >= start, m among them (start + var, var real >= 0 or integer >= 0), where it '
         'is < 0: no sound proof, None either way'),
        ('for m in range(n0, n0 + LATE_START + 5):',
         'not equivalent, cannot change a verdict: the step is evaluated at more integers (up to n0 + 19) and '
         'the start is the least n0 + j (j <= LATE_START) after which no evaluated value is False; an extra '
         'False at some m > n0 + 8 leaves no start (None) where the start s <= n0 + 4 < m of the real code needs '
         'the step proved at m, where it is exactly < 0 (None too); without one the start is the same (tests '
         'kill the versions that leave out the first values: n0 * 4 + 5, n0 // 4 + 5)',
         'ReplaceBinaryOperator_Add_Mul',
         'LATE_START * 5'),
        ('for m in range(n0, n0 + LATE_START + 5):',
         'not equivalent, cannot change a verdict: one integer more (n0 + 9) or one fewer (n0 + 8) evaluated; a '
         'False value there is a point m > n0 + 4 where the step is exactly < 0: with it the start is none '
         '(None), without it a start <= n0 + 4 < m whose proof needs the step at m (no sound proof: None); with '
         'no False value there the start is the same',
         'NumberReplacer'),
        ('for var in (sp.Symbol("_k", nonnegative=True), sp.Symbol("_k", integer=True, nonnegative=True)):',
         'not equivalent, cannot prove a false step: with nonnegative=False the first variable has no sign at '
         'all (SymPy cannot tell it real or negative, domain_of gives it no bound, Z3 an unconstrained Real), so '
         'a proof of the ratio step for it holds for every value, those >= 0 among them; the integer variable '
         "still covers every N >= start: only fewer proofs (none lost in the tests' ratio steps)",
         'ReplaceTrueWithFalse',
         'sp.Symbol("_k", nonnegative=False)'),
        ('if not all(obligations.prove(0, "<", side, assumptions) or obligations.prove(0, "<", '
         'side.rewrite(sp.gamma),',
         'not equivalent, cannot prove a false step: side > 1 is a stronger condition than side > 0 (the gamma '
         'form still needs > 0), so only fewer sides pass; no side was found that obligations proves > 0 as '
         'written but not in its gamma form (factorials, binomials, beta, double factorials, Catalan numbers, '
         'ratios of them: the gamma form is proved whenever the written one is)',
         'NumberReplacer',
         'prove( 1, "<", side, assumptions)'),
    ],
    "derivcheck/deciders/gram.py": [
        # -- equivalent ---------------------------------------------------------------------------------------------
        ('if not step.vector_valued or step.rel != "=":', "`is not` compares the interned one-character literal '=' "
         "with itself: every relation reaching gram is a literal of the reader's RELATIONS table or the caller's, and "
         "CPython keeps one '=' object", "ReplaceComparisonOperator_NotEq_IsNot"),
        ('if step.vector_valued or step.rel != "=":', "`is not` compares the interned one-character literal '=' with "
         "itself: every relation reaching gram is a literal of the reader's RELATIONS table or the caller's, and "
         "CPython keeps one '=' object", "ReplaceComparisonOperator_NotEq_IsNot"),
        ("sp.Symbol(name, nonnegative=True) if k == p else sp.Integer(0)", "k and p are small ints (p from enumerate "
         "from 1, k from range(p, d + 1), d <= MAX_VECTORS): CPython caches them, so `is` and == agree",
         "ReplaceComparisonOperator_Eq_Is", "k is p"),
        ("sp.Symbol(name, nonnegative=True) if k == p else sp.Integer(0)", "k runs over range(p, d + 1), so k >= p: "
         "k <= p and k == p agree", "ReplaceComparisonOperator_Eq_LtE", "k <= p"),
        ("if k > p:", "k runs over range(p, d + 1), so k >= p: != p and > p agree", "ReplaceComparisonOperator_Gt_NotEq"),
        ("if k > p:", "k runs over range(p, d + 1), so k >= p: != p and > p agree, and k, p are small ints CPython "
         "caches: `is not` and != agree", "ReplaceComparisonOperator_Gt_IsNot"),
        ("if not isinstance(u, sp.Sum) or len(u.limits) != 1:", "a SymPy Sum has at least one limit: > 1 and != 1 "
         "agree", "ReplaceComparisonOperator_NotEq_Gt", "len(u.limits) > 1"),
        ('(i, lo, hi), j = u.limits[0], sp.Dummy("j", integer=True)', "the line above returned unless the sum has "
         "exactly one limit: [-1] and [0] are the same limit", "NumberReplacer", "limits[ -1]"),
        ("if out == e:", "the loop's result is the same: when out == e but out is not e the loop goes on, and every "
         "further round maps e to an equal expression (a fixpoint), so e is returned equal to the original's",
         "ReplaceComparisonOperator_Eq_Is", "out is e"),
        ("break", "at the fixpoint (out == e) continue skips `e = out`, and every further round recomputes the same out "
         "from the same e: distribute returns the same e", "ReplaceBreakWithContinue"),
        ("out.append((sp.Mul(*coeff), vec[0]))", "the line above raised unless vec has exactly one element: [-1] and "
         "[0] are the same vector", "NumberReplacer", "vec[ -1]"),
        # -- not equivalent, cannot change a verdict wrongly ---------------------------------------------------------
        ('vectors = {v: sp.Symbol(f"{v.name}[k]", real=True) for v in step.vectors + step.families}',
         "not equivalent, cannot make a false step proved: the lift makes each side a linear combination, so the "
         "components enter lhs - rhs linearly with coefficients free of components (no component inside a function); "
         "a linear form that is 0 for all non-real values of its variables is 0 for all real ones, and whether SymPy "
         "reaches 0 depends on the coefficients (no difference found on sums, shifted ranges, Abs/sqrt/exp/log, "
         "conjugate and re coefficients)", "ReplaceTrueWithFalse"),
        ("def distribute(e, rounds: int = 4):", "not equivalent, cannot make a false step proved: a fifth round only "
         "distributes inner products of sums nested five deep, an exact rewriting (<sum_i v_i, w> = sum_i <v_i, w>); "
         "the default four rounds (sums nested four deep are distributed, tested) bound the effort, and a step bilinear "
         "cannot show goes on to the other deciders", "NumberReplacer", "rounds: int = 5"),
        ('(i, lo, hi), j = u.limits[0], sp.Dummy("j", integer=True)', "not equivalent, cannot make a false step "
         "proved: dropping the renamed index's integer assumption only lets SymPy simplify less (a rewriting valid for "
         "every j is valid for integers), what SymPy evaluated with the integer i is kept by xreplace, and `alpha` "
         "renames every summation index to an integer symbol before the difference is compared with 0 (no difference "
         "found on (-1)^i, cos(pi i), sqrt(i^2), polynomial and shifted sums)", "ReplaceTrueWithFalse"),
    ],
    "derivcheck/deciders/monotone.py": [
        ("x = symbols[0]", "symbols has exactly one element here (len(symbols) != 1 returned above): [0] and [-1] are "
         "the same symbol", "NumberReplacer", "symbols[ -1]"),
        ("{x: sp.Rational(c.numerator, c.denominator)})[0] is not True:", "judge's holds is True, False or None (Python "
         "bools from _compare_exact / _compare_sign): != True and `is not True` agree",
         "ReplaceComparisonOperator_IsNot_NotEq"),
        ('sub = Problem(fp, ">=" if sign > 0 else "<="', _MONOTONE_SIGN, "ReplaceComparisonOperator_Gt_GtE"),
        ('sub = Problem(fp, ">=" if sign > 0 else "<="', _MONOTONE_SIGN, "NumberReplacer", "sign > -1"),
        ("if d.hi is None or d.hi > c:", "c is a centre, inside the interval (_centres keeps only d.contains(c)), so "
         "c <= d.hi: != and > agree", "ReplaceComparisonOperator_Gt_NotEq"),
        ("out.append((Domain(c, d.hi, False, d.hi_open), 1))", _MONOTONE_SIDE_SIGN + ": 2 answers as 1 does", "NumberReplacer",
         "), 2))"),
        ("if d.lo is None or d.lo < c:", "c is a centre, inside the interval, so c >= d.lo: != and < agree",
         "ReplaceComparisonOperator_Lt_NotEq"),
        ("if d.lo is None or d.lo < c:", "c is a centre, inside the interval, so c >= d.lo, and c == d.lo only for the "
         "closed lower end, which _centres lists as the object d.lo itself (the ends come before CENTRES, the lower end "
         "first, and a later equal value is dropped): `is not` and < agree", "ReplaceComparisonOperator_Lt_IsNot"),
        ("out.append((Domain(d.lo, c, d.lo_open, False), -1))", _MONOTONE_SIDE_SIGN + ": -0, -2 fail > 0 as -1 does",
         "NumberReplacer"),
        ("out.append((Domain(d.lo, c, d.lo_open, False), -1))", _MONOTONE_SIDE_SIGN + ": ~1 = -2 fails > 0 as -1 does",
         "ReplaceUnaryOperator_USub_Invert"),
        ("out.append((Domain(d.lo, c, d.lo_open, False), -1))", _MONOTONE_SIDE_SIGN + ": `not 1` = False fails > 0 as -1 does",
         "ReplaceUnaryOperator_USub_Not"),
        ("lo = side.lo if side.lo is not None else side.hi - 64", _MONOTONE_SAMPLED, "NumberReplacer"),
        ("hi = side.hi if side.hi is not None else side.lo + 64", _MONOTONE_SAMPLED, "NumberReplacer"),
        ("for k in range(1, 8):", _MONOTONE_SAMPLED + "; fewer points only let more centres reach the prover", "NumberReplacer"),
        (_MONOTONE_T, _MONOTONE_SAMPLED, "NumberReplacer"),
        (_MONOTONE_T, _MONOTONE_SAMPLED + " (the two branches swapped: each formula stays inside any side)", "AddNot"),
        (_MONOTONE_T, _MONOTONE_SAMPLED + " (the two branches swapped: each formula stays inside any side)",
         "ReplaceComparisonOperator_IsNot_Is"),
        (_MONOTONE_T, _MONOTONE_SAMPLED + " (the half-line left of c: c - 64 + (k/8)^2)", "ReplaceBinaryOperator_Mul_Add",
         "hi - (hi - lo) + Fraction(k, 8) ** 2"),
        (_MONOTONE_T, _MONOTONE_SAMPLED + " (the half-line left of c: c - 64 / (k/8)^2)", "ReplaceBinaryOperator_Mul_Div",
         "hi - (hi - lo) / Fraction(k, 8) ** 2"),
        (_MONOTONE_T, _MONOTONE_SAMPLED + " (the half-line left of c: c - 64 // (k/8)^2)", "ReplaceBinaryOperator_Mul_FloorDiv",
         "hi - (hi - lo) // Fraction(k, 8) ** 2"),
        (_MONOTONE_T, _MONOTONE_SAMPLED + " (the half-line left of c: c - 64 - (k/8)^2)", "ReplaceBinaryOperator_Mul_Sub",
         "hi - (hi - lo) - Fraction(k, 8) ** 2"),
        ("v = evaluate(fp, {x: t}, 64)", "not equivalent, cannot change a verdict: the sampled filter's precision (63 or "
         "65 bits): Arb's balls are rigorous at any precision, so a sign certified at one is the true sign; only whether "
         "a point decides can change, and the filter never proves anything (each side still needs its proof)",
         "NumberReplacer"),
        ("if (v < 0) if sign > 0 else (v > 0):", _MONOTONE_SIGN, "ReplaceComparisonOperator_Gt_GtE", "sign >= 0"),
        ("if (v < 0) if sign > 0 else (v > 0):", _MONOTONE_SIGN, "NumberReplacer", "sign > -1"),
        ('where = f"{x} >= {c}" if sign > 0 else', _MONOTONE_SIGN, "ReplaceComparisonOperator_Gt_GtE"),
        ('where = f"{x} >= {c}" if sign > 0 else', _MONOTONE_SIGN, "NumberReplacer", "sign > -1"),
        (_MONOTONE_PARTS, _MONOTONE_SIGN, "ReplaceComparisonOperator_Gt_GtE"),
        (_MONOTONE_PARTS, _MONOTONE_SIGN, "NumberReplacer", "sign > -1"),
        ("lhs, rhs = lhs.xreplace({symbols[0]: x}), rhs.xreplace({symbols[0]: x})", "symbols has exactly one "
         "element here (len(symbols) != 1 returned above): [0] and [-1] are the same symbol", "NumberReplacer"),
        ("d.lo_open and d.lo.denominator == 1", "a Fraction's denominator is at least 1: <= 1 and == 1 agree",
         "ReplaceComparisonOperator_Eq_LtE"),
        ("d.lo_open and d.lo.denominator == 1", "for an end that is no integer floor(x) + 1 = ceil(x), so treating every "
         "open end as an integer one (>= 1, always true) computes the same", "ReplaceComparisonOperator_Eq_GtE"),
        ("d.hi_open and d.hi.denominator == 1", "a Fraction's denominator is at least 1: <= 1 and == 1 agree",
         "ReplaceComparisonOperator_Eq_LtE"),
        ("d.hi_open and d.hi.denominator == 1", "for an end that is no integer ceil(x) - 1 = floor(x), so treating every "
         "open end as an integer one (>= 1, always true) computes the same", "ReplaceComparisonOperator_Eq_GtE"),
        ('if q != "integer")}', "every property name (positive, negative, nonnegative, nonpositive, nonzero, real) "
         "sorts after 'integer': > and != agree", "ReplaceComparisonOperator_NotEq_Gt"),
    ],
    "derivcheck/deciders/large_integers.py": [
        ('(d.hi is None or d.hi >= START)',
         'd.hi is a Fraction, never the int object START, so `is not` always holds: it adds only variables whose '
         'range ends below 16, and every point of the scale (16, 32, ...) lies outside their domain, so '
         '_scan_one evaluates nothing for them and returns None (the other variables still take their plain '
         'values in `others` either way)',
         'ReplaceComparisonOperator_GtE_IsNot'),
        ('if p.rel == "!=" or not (lhs.has(sp.Sum, sp.Product)',
         "a relation is one of '=', '!=', '<', '<=', '>', '>=' (the reader's RELATIONS): every other one starts "
         "with '<', '=' or '>', which sort after '!', so only '!=' is <= '!='",
         'ReplaceComparisonOperator_Eq_LtE'),
        ('if s != n_sym:',
         's and n_sym both come from free_variables(lhs, rhs) of the same two expressions, i.e. the same symbol '
         'objects of the expression tree: `is not` and != agree',
         'ReplaceComparisonOperator_NotEq_IsNot'),
        ('for m in range(n // 2 + 1, n + 1):',
         "the scan at n found the relation failing at n itself, and the forward scan's call at m = n repeats "
         'that evaluation exactly (the compiled sum restarts from its lower bound and adds the terms one by one '
         'in the same order at the same precision, so the ball is the same): stopping the range before n returns '
         'n as the fall-back does, and a range past n never reaches n + 1',
         'NumberReplacer',
         ', n + 0)'),
        ('for m in range(n // 2 + 1, n + 1):',
         "the scan at n found the relation failing at n itself, and the forward scan's call at m = n repeats "
         'that evaluation exactly (the compiled sum restarts from its lower bound and adds the terms one by one '
         'in the same order at the same precision, so the ball is the same): stopping the range before n returns '
         'n as the fall-back does, and a range past n never reaches n + 1',
         'NumberReplacer',
         ', n + 2)'),
        ('for m in range(n // 2 + 1, n + 1):',
         "the scan at n found the relation failing at n itself, and the forward scan's call at m = n repeats "
         'that evaluation exactly (the compiled sum restarts from its lower bound and adds the terms one by one '
         'in the same order at the same precision, so the ball is the same): stopping the range before n returns '
         'n as the fall-back does, and a range past n never reaches n + 1',
         'ReplaceBinaryOperator_Add_FloorDiv',
         ', n // 1)'),
        ('for m in range(n // 2 + 1, n + 1):',
         "the scan at n found the relation failing at n itself, and the forward scan's call at m = n repeats "
         'that evaluation exactly (the compiled sum restarts from its lower bound and adds the terms one by one '
         'in the same order at the same precision, so the ball is the same): stopping the range before n returns '
         'n as the fall-back does, and a range past n never reaches n + 1',
         'ReplaceBinaryOperator_Add_Mul',
         ', n * 1)'),
        ('while n <= limit and time.monotonic() < deadline:',
         "not equivalent, cannot change a verdict: <= differs from < only when the clock reads the deadline's "
         'float exactly, and then one more point of the scale is tried; a point only refutes when its Arb ball '
         'certifies the failure (or a side is certainly undefined), so the deadline moves only the effort, never '
         'what a refutation means',
         'ReplaceComparisonOperator_Lt_LtE'),
    ],
    "derivcheck/deciders/sums.py": [
        ('j = general_term.index_in_range(lhs + c, lo, hi, assumptions)',
         'not equivalent, cannot prove a false step: only the expression the step\'s index is looked for in '
         'changes; index_in_range still returns an integer shown in the range, and the step is then proved at '
         'every term', 'ReplaceBinaryOperator_Add_Div'),
        ('j != i and i in bound_symbols(term)):',
         'not equivalent, cannot prove a false step: `is not` differs from != only for an i equal to j that is '
         'another object, and then the mutant returns None where the original renames: fewer proofs',
         'ReplaceComparisonOperator_NotEq_IsNot'),
        ('up = sp.expand_log(sp.exp(lhs), force=False), sp.expand_log(sp.exp(rhs), force=False)',
         'not equivalent, cannot prove a false step: force only splits logarithms inside the exponential, and exp '
         'of a sum of logarithms of the factors is their product whatever their signs (exp(log z) = z for every '
         'complex z != 0), so each exponentiated side keeps its value', 'ReplaceFalseWithTrue'),
        ('if sp.Tuple(lhs, rhs).has(sp.log) and lhs.is_real is not False and rhs.is_real is not False:',
         'not equivalent, cannot prove a false step: exponentiating both sides of a real step is sufficient with or '
         'without a logarithm in it (exp is increasing); the log test only chooses when it is tried',
         'ReplaceAndWithOr'),
        ('out.append(c * (rest.args[0] - 1))', 'rest is a log, which has one argument: args[-1] is args[0]',
         'NumberReplacer', 'args[ -1]'),
        ('(i, lo, hi), t = found[0].limits[0], found[0].function',
         'found keeps only sums with one limit (the line above): limits[-1] is limits[0]', 'NumberReplacer',
         'limits[ -1]'),
        ('return (f"every term of the difference is {prop}{extrema}, {shown[0]}" +',
         'not equivalent, cannot change a verdict: which case\'s method the message names, when every case is '
         'proved', 'NumberReplacer'),
        ('(left, a), (right, b) = weakened(sp.sympify(lhs), 1), weakened(sp.sympify(rhs), -1)',
         'only the sign of sign * c is read ((sign * c).is_positive): 2 c and c have the same sign',
         'NumberReplacer', 'lhs), 2)'),
        ('if isinstance(rest, sp.log) and rest.args[0].has(sp.Sum) and (sign * c).is_positive:',
         'sign is 1 or -1 and c a nonzero coefficient (a zero term is no term of an Add): SymPy gives 1/c the sign '
         'of c, so sign / c and sign * c are positive together',
         'ReplaceBinaryOperator_Mul_Div'),
        ('if b in powers[1] and e.is_Integer and powers[1][b].is_Integer and min(e, powers[1][b]) > 0])',
         "the exponents are those of a denominator from sp.fraction, which holds only positive powers (b^0 is 1 and "
         "no factor): min(...) > 0, >= 0 and > -1 agree"),
        ('if sp.Tuple(lhs, rhs).has(sp.log) and lhs.is_real is not False and rhs.is_real is not False:',
         "SymPy's is_real is True, False or None: != False and `is not False` agree",
         'ReplaceComparisonOperator_IsNot_NotEq'),
        ('if sp.Tuple(lhs, rhs).atoms(sp.Pow) and any(x.exp == sp.S.Half for x in sp.Tuple(lhs, rhs).atoms(sp.Pow))',
         'not equivalent, cannot prove a false step: the exponent test only chooses when squaring is tried; '
         'lhs^2 <= rhs^2 gives |lhs| <= rhs whenever rhs >= 0, which obligations.holds checks on the next line'),
        ('how = termwise(sp.Integer(0), "<" if prop == "positive" else "<=", outer, assumptions, transform=False)',
         'not equivalent, cannot prove a false step: the transforms (squaring a right side >= 0, exponentiating, '
         'clearing denominators known positive) are each sufficient for the step they are applied to; False only '
         'keeps the inner level cheap',
         'ReplaceFalseWithTrue'),
        ('if not (_is(claim, "nonnegative") or general_term.proved(claim, "nonnegative", assumptions)):',
         'not equivalent, cannot prove a false step: with `and` a claim needs both proofs, so fewer steps are proved',
         'ReplaceOrWithAnd'),
        ('if isinstance(s, sp.Sum) and not body.has(i) and proper_range(lo, hi):',
         'not equivalent, cannot prove a false step: _pull is only given sums, so the mutant never writes a sum of '
         'an index-free term as (hi - lo + 1) times it: the sum is left as it is, and fewer steps are proved',
         'AddNot'),
        ('if not term.has(sp.Sum) or prop == "zero":',
         "`is` compares the interned identifier-like literal 'zero' with the one termwise's table gives: CPython "
         'keeps one object',
         'ReplaceComparisonOperator_Eq_Is'),
        ('if prop == "zero" or hi.has(sp.oo) or lo.has(sp.oo) or body.has(sp.Sum, *OVER):',
         "not equivalent, cannot prove a false step: prop is 'zero', 'positive' or 'nonnegative', and no other is "
         "> 'zero', so the mutant only lets _bounded show a term 0 for every real u in [0, 1], which gives it 0 at "
         "every index of the range",
         'ReplaceComparisonOperator_Eq_Gt'),
        ('prop = "positive" if rel == "<" else "nonnegative"',
         "rel is '<=' or '<' here (extrema_by_terms' callers): '<=' <= '<' is False ('<' is a prefix of '<='), "
         "'<' <= '<' True, as with ==",
         'ReplaceComparisonOperator_Eq_LtE'),
        ('prop = "positive" if rel == "<" else "nonnegative"',
         "`is` compares the interned identifier-like literal '<' with the relation the reader's table gives: "
         'CPython keeps one object',
         'ReplaceComparisonOperator_Eq_Is'),
        ('if c.is_nonpositive is True:',
         "SymPy's is_nonpositive is True, False or None: == True and `is True` agree",
         'ReplaceComparisonOperator_Is_Eq'),
        ('inside = (lo2 - lo).is_nonnegative is True and (hi - hi2).is_nonnegative is True',
         "SymPy's is_nonnegative is True, False or None: == True and `is True` agree",
         'ReplaceComparisonOperator_Is_Eq'),
        ('how = _through_terms(lhs, rel, rhs, attained, [e for e in extrema if e != attained], assumptions)',
         'extrema is a sorted set of distinct extrema, and `attained` is one of its own objects: only that object '
         'equals it, so `is not` and != leave out the same one',
         'ReplaceComparisonOperator_NotEq_IsNot'),
        ('(i, lo, hi), body = s.limits[0], s.function',
         "in linearize's split (line 40) the only sums given are those with len(x.limits) == 1 (the replace "
         "filter below it): [-1] and [0] are the same limit; _pull's and _closed's line (49, 71) are reached the "
         "same way, from normal's and split's one-limit sums",
         'NumberReplacer',
         'limits[ -1]'),
        ('(i, lo, hi), body = a.limits[0], a.function',
         'the line above returned unless the sum or product has exactly one limit: [-1] and [0] are the same limit',
         'NumberReplacer',
         'limits[ -1]'),
        ('@functools.lru_cache(maxsize=1024)',
         '_closed is a pure function of its (immutable SymPy) sum: without the cache it computes the same closed '
         'forms again',
         'RemoveDecorator'),
        ('@functools.lru_cache(maxsize=4096)',
         '_holds is a pure function of its (immutable SymPy) term and prop: without the cache it computes the '
         'same answers again',
         'RemoveDecorator'),
        ('return (sp.sympify(hi) - sp.sympify(lo)).is_nonnegative is True',
         "SymPy's is_nonnegative is True, False or None: == True and `is True` agree",
         'ReplaceComparisonOperator_Is_Eq'),
        ('if not proper_range(lo, hi) or (rel == "<" and not nonempty_range(lo, hi)):',
         "rel is '<=', '<' or '=' (termwise's docstring; lemma_match turns >= and > around, and any other rel "
         "fails the table lookup below, which its callers catch as not proved): '<=' <= '<' is False ('<' is a "
         "prefix of '<='), '=' <= '<' is False ('=' > '<'), '<' <= '<' True, as with ==",
         'ReplaceComparisonOperator_Eq_LtE'),
        ('how = f"every term of the difference is {\'0\' if prop == \'zero\' else prop}"',
         "`is` compares the interned identifier-like literal 'zero' with the one termwise's table gives: CPython "
         'keeps one object',
         'ReplaceComparisonOperator_Eq_Is'),
        ('if prop != "zero":',
         "`is not` compares the interned identifier-like literal 'zero' with the one termwise's table passes: "
         'CPython keeps one object',
         'ReplaceComparisonOperator_NotEq_IsNot'),
        ('if prop != "zero":',
         "prop is 'zero', 'positive' or 'nonnegative' (termwise's table): 'positive' < 'zero' and 'nonnegative' "
         "< 'zero' are True, 'zero' < 'zero' False, as with !=",
         'ReplaceComparisonOperator_NotEq_Lt',
         'prop < "zero"'),
        ('(found if isinstance(f, sp.Sum) and len(f.limits) == 1 else coeff).append(f)',
         'a SymPy Sum has at least one limit: <= 1 and == 1 agree',
         'ReplaceComparisonOperator_Eq_LtE'),
        ('(terms.append((sp.Mul(*coeff), found[0])) if found else loose.append(t))',
         'the line above returned unless found has at most one element, and here it is not empty: [-1] and [0] '
         'are the same sum',
         'NumberReplacer',
         'found[ -1]'),
        ('i, lo, hi = terms[0][1].limits[0]',
         'every sum in terms has exactly one limit (line 197 files only those): [-1] and [0] are the same limit',
         'NumberReplacer',
         'limits[ -1]'),
        ('j, lo2, hi2 = s.limits[0]',
         'every sum in terms has exactly one limit (line 197 files only those): [-1] and [0] are the same limit',
         'NumberReplacer',
         'limits[ -1]'),
        ('atoms.sort(key=lambda a: -sp.count_ops(a))',
         'count_ops returns an int here (visual=False): ~k = -k - 1 shifts every key by one, the same order (a '
         'stable sort keeps ties alike)',
         'ReplaceUnaryOperator_USub_Invert'),
        ('if len(a.limits) != 1:',
         'a SymPy Sum or Product has at least one limit: > 1 and != 1 agree',
         'ReplaceComparisonOperator_NotEq_Gt'),
        ('return (sp.sympify(hi) - sp.sympify(lo) + 1).is_nonnegative is True',
         "SymPy's is_nonnegative is True, False or None: == True and `is True` agree",
         'ReplaceComparisonOperator_Is_Eq'),
        ('return e.replace(lambda x: isinstance(x, sp.Sum) and len(x.limits) == 1, _pull)',
         'a SymPy Sum has at least one limit: <= 1 and == 1 agree',
         'ReplaceComparisonOperator_Eq_LtE'),
        ('return sp.sympify(e).replace(lambda x: isinstance(x, sp.Sum) and len(x.limits) == 1, split)',
         'a SymPy Sum has at least one limit: <= 1 and == 1 agree',
         'ReplaceComparisonOperator_Eq_LtE'),
        ('if isinstance(s, sp.Sum) and body.has(sp.log):',
         "_pull is only given Sums (normal's and split's filters, its own recursion), so `or` always expands "
         'logs: expand_log with no log in the body returns it unchanged (only the log hint is on), and the sum '
         'is rebuilt equal to s',
         'ReplaceAndWithOr'),
        ('if not isinstance(s, sp.Sum) or not body.is_rational_function(i) or body.atoms(sp.Indexed, sp.Function):',
         '_closed is only given Sums, so the mutant drops only the rational test: a term not rational in i (and '
         'free of Indexed and functions) is then not a polynomial either and goes to apart, which raises '
         'PolynomialError on it (2**i, sqrt(i), i**c, c**i/(i + 1), i**i checked), and the except keeps the sum: '
         'the same s',
         'ReplaceOrWithAnd',
         'sp.Sum) and not body'),
        ('if not proper_range(lo, hi) or (rel == "<" and not nonempty_range(lo, hi)):',
         "`is` compares the interned one-character literal '<' with the relation given, a literal of the "
         "reader's RELATIONS table or lemma_match's (which turns > around to '<'): CPython keeps one '<' object",
         'ReplaceComparisonOperator_Eq_Is'),
        ('how = f"every term of the difference is {\'0\' if prop == \'zero\' else prop}"',
         "prop is 'zero', 'positive' or 'nonnegative' (termwise's table): only 'zero' >= 'zero' ('positive' and "
         "'nonnegative' sort before it), as with ==",
         'ReplaceComparisonOperator_Eq_GtE'),
        ('return how + (f" (for each of the {len(cases)} values of the finite sets)" if len(cases) > 1 else "")',
         "cases has at least one element: it is the term once per combination of the finite sets' values "
         "(itertools.product of value lists, each non-empty: the reader refuses an empty set, 'an empty set'), "
         'or the term alone: != 1 and > 1 agree',
         'ReplaceComparisonOperator_Gt_NotEq'),
        ('@functools.lru_cache(maxsize=4096)',
         'not equivalent, cannot change a verdict: the cache size of _holds, a pure function of its (hashable '
         'SymPy) arguments; a larger or smaller cache recomputes the same answers',
         'NumberReplacer'),
        ('@functools.lru_cache(maxsize=1024)',
         'not equivalent, cannot change a verdict: the cache size of _closed, a pure function of its sum; a '
         'larger or smaller cache recomputes the same closed form',
         'NumberReplacer'),
        ('atoms.sort(key=lambda a: -sp.count_ops(a))',
         'not equivalent, cannot change a verdict: the order only numbers the fresh symbols (_S0, _S1, ...): '
         'every atom of known sign gets its own symbol whatever the order (names stay distinct, len(subs) grows '
         'by one each), and xreplace replaces top-down, so a sum inside a replaced sum is gone either way',
         'ReplaceUnaryOperator_'),
        ('return False',
         _NO_INNER_LEFT,
         'ReplaceFalseWithTrue',
         'return True',
         123),
    ] + _GRAM_LINES,
    "derivcheck/deciders/symmetrized.py": [
        ('if how is None and any(x.exp == sp.S.Half for x in sp.Tuple(small, big).atoms(sp.Pow)) and obligations.holds(',
         "S.Half is a SymPy singleton: `is` and == agree on it",
         'ReplaceComparisonOperator_Eq_Is'),
        ('if how is None and any(x.exp == sp.S.Half for x in sp.Tuple(small, big).atoms(sp.Pow)) and obligations.holds(',
         'not equivalent, cannot change a verdict: the test only decides when the squared form is tried; squaring is sound for every step with big >= 0, which obligations.holds checks on the same line (|small| <= big follows from small^2 <= big^2), so trying it more or less often changes which true steps are proved, never a false one',
         'ReplaceComparisonOperator_Eq_NotEq'),
        ('if how is None and any(x.exp == sp.S.Half for x in sp.Tuple(small, big).atoms(sp.Pow)) and obligations.holds(',
         'not equivalent, cannot change a verdict: the test only decides when the squared form is tried; squaring is sound for every step with big >= 0, which obligations.holds checks on the same line (|small| <= big follows from small^2 <= big^2), so trying it more or less often changes which true steps are proved, never a false one',
         'ReplaceComparisonOperator_Eq_Lt'),
        ('if how is None and any(x.exp == sp.S.Half for x in sp.Tuple(small, big).atoms(sp.Pow)) and obligations.holds(',
         'not equivalent, cannot change a verdict: the test only decides when the squared form is tried; squaring is sound for every step with big >= 0, which obligations.holds checks on the same line (|small| <= big follows from small^2 <= big^2), so trying it more or less often changes which true steps are proved, never a false one',
         'ReplaceComparisonOperator_Eq_LtE'),
        ('if how is None and any(x.exp == sp.S.Half for x in sp.Tuple(small, big).atoms(sp.Pow)) and obligations.holds(',
         'not equivalent, cannot change a verdict: the test only decides when the squared form is tried; squaring is sound for every step with big >= 0, which obligations.holds checks on the same line (|small| <= big follows from small^2 <= big^2), so trying it more or less often changes which true steps are proved, never a false one',
         'ReplaceComparisonOperator_Eq_Gt'),
        ('if how is None and any(x.exp == sp.S.Half for x in sp.Tuple(small, big).atoms(sp.Pow)) and obligations.holds(',
         'not equivalent, cannot change a verdict: the test only decides when the squared form is tried; squaring is sound for every step with big >= 0, which obligations.holds checks on the same line (|small| <= big follows from small^2 <= big^2), so trying it more or less often changes which true steps are proved, never a false one',
         'ReplaceComparisonOperator_Eq_GtE'),
        ('if how is None and any(x.exp == sp.S.Half for x in sp.Tuple(small, big).atoms(sp.Pow)) and obligations.holds(',
         'not equivalent, cannot change a verdict: the test only decides when the squared form is tried; squaring is sound for every step with big >= 0, which obligations.holds checks on the same line (|small| <= big follows from small^2 <= big^2), so trying it more or less often changes which true steps are proved, never a false one',
         'ReplaceComparisonOperator_Eq_IsNot'),
        ('return prove(lhs if rel == "<=" else rhs, rhs if rel == "<=" else lhs, assumptions)',
         "rel is '<=' or '>=' (the line above returned otherwise): '<=' <= '<=' is True and '>=' <= '<=' False "
         "('>' > '<'), as with ==",
         'ReplaceComparisonOperator_Eq_LtE'),
        ('if len(ss) == 2:',
         'the line above returned for more than two sums: >= 2 and == 2 agree',
         'ReplaceComparisonOperator_Eq_GtE'),
        ('elif len(ss) == 1:',
         'the branch above took two sums and the line above it returned for more: >= 1 and == 1 agree',
         'ReplaceComparisonOperator_Eq_GtE'),
        ('if len(terms) > MAX_TERMS or not found or any(len(f.limits) != 1 for f in found):',
         'a SymPy Sum has at least one limit: > 1 and != 1 agree',
         'ReplaceComparisonOperator_NotEq_Gt'),
        ('i, j = sp.Dummy("i", integer=True), sp.Dummy("j", integer=True)',
         "the pair's indices never reach a sign test as themselves: termwise writes the outer one lo + j (j a "
         'nonnegative integer Dummy of its own, at_index) and the inner one the same way inside _inner_sum, so '
         'their own assumptions are replaced before SymPy or Z3 looks at a term; the double sum has the same value '
         'whatever its dummies assume',
         'ReplaceTrueWithFalse'),
        ('if p.rel not in ("<=", ">=") or not sp.Tuple(p.lhs, p.rhs).has(sp.Sum):',
         'with `and`, a step past this line either has no sum (over_pairs finds none and returns None) or another '
         'relation (prove_step returns None for any but <= and >=): the same None',
         'ReplaceOrWithAnd'),
        ('_, lo, hi = found[0].limits[0]',
         'the next line returns unless every sum found has exactly one limit over the same (lo, hi): any of them, '
         'and [-1] of its one limit, give the same range',
         'NumberReplacer'),
        ('if any(f.limits[0][1:] != (lo, hi) for f in found) or not nonempty_range(lo, hi):',
         'the line above returned unless every sum found has exactly one limit: [-1] and [0] are the same limit',
         'NumberReplacer'),
        ('at = [s.function.xreplace({s.limits[0][0]: k}) for s, k in zip(ss, (i, j))]',
         'every sum found has exactly one limit (line 71 returned otherwise): [-1] and [0] are the same limit',
         'NumberReplacer'),
        ('pair += c * at[0] / count',
         'this branch has one sum, so at has one term: [-1] and [0] are the same',
         'NumberReplacer'),
        ('how = sums.termwise(sp.Integer(0), "<=", pairs, assumptions, transform=False)',
         "not equivalent, cannot change a verdict from unproved to proved falsely: termwise's transforms (both "
         'sides squared against a nonnegative side, exponentiated, cleared of positive denominators) are each '
         'sound; False only spares the work',
         'ReplaceFalseWithTrue'),
    ],
    "derivcheck/deciders/triangle.py": [
        ('s = found[0] if len(found) == 1 else None', "not equivalent, cannot make a false step proved: a term with "
         "two sums (a scalar sum times a sum of vectors) is then taken by its first or last sum; a scalar sum is not "
         "vector valued and stays outside, and a sum of vectors with a coefficient free of its index is merged by "
         "linearity: the value is the same (tests/test_triangle.py checks values at n = 3)",
         'ReplaceComparisonOperator_Eq_GtE'),
        ('s = found[0] if len(found) == 1 else None', "found has exactly one element here: found[-1] is found[0]",
         'NumberReplacer'),
        ('if s is None or len(s.limits) != 1 or not vector_valued(s.function):', "a Sum has at least one limit: "
         "!= 1 and > 1 agree", 'ReplaceComparisonOperator_NotEq_Gt'),
        ('(j, lo, hi), coeff = s.limits[0], t / s', "the line before keeps only sums with one limit: limits[-1] is "
         "limits[0]", 'NumberReplacer'),
        ('if i in coeff.free_symbols or (i != j and i in bound_symbols(s.function)):', "not equivalent, cannot make a "
         "false step proved: SymPy caches symbols, so two equal indices are one object and `is not` agrees with !=; "
         "where it did not, the capture check would run for equal indices too and only keep a sum apart",
         'ReplaceComparisonOperator_NotEq_IsNot'),
        ('if atom.exp != sp.Rational(1, 2) or not isinstance', "Rational(1, 2) is SymPy's singleton S.Half: `is not` "
         "and != agree", 'ReplaceComparisonOperator_NotEq_IsNot', 'atom.exp is not'),
        ('if atom.exp != sp.Rational(1, 2) or not isinstance', "not equivalent, cannot make a false step proved: an "
         "inner product's two equal arguments are one cached object, and where they were not, `is not` would skip "
         "the norm: a split lost, never a wrong one", 'ReplaceComparisonOperator_NotEq_IsNot', 'args[0] is not'),
        ('merged = [sp.Sum(sp.Add(*[b for _, b in body]), key) if len(body) > 1 else body[0][0]', "each group has at "
         "least one member: != 1 and > 1 agree", 'ReplaceComparisonOperator_Gt_NotEq'),
        ('merged = [sp.Sum(sp.Add(*[b for _, b in body]), key) if len(body) > 1 else body[0][0]', "a group of one: "
         "body[-1] is body[0]", 'NumberReplacer', 'body[ -1]'),
        ('for t in sp.Add.make_args(sp.expand(u, deep=False, basic=False)):', "not equivalent, cannot make a false step "
         "proved: deep=True also multiplies out the arguments of the coefficients' functions (e^{2(a + b)}), the same "
         "values; basic=True splits a sum of vectors into sums of its terms over the same range, which the gathering "
         "then merges back: the same value", 'ReplaceFalseWithTrue'),
        ('parts = sp.Add.make_args(sp.expand(atom.base.args[0], deep=False, basic=False))', "not equivalent, cannot make "
         "a false step proved: deep=True multiplies out only the arguments of the coefficients' functions, so the "
         "parts and their norms have the same values", 'ReplaceFalseWithTrue'),
        ('parts = sp.Add.make_args(sp.expand(atom.base.args[0], deep=False, basic=False))', "the line before requires "
         "the inner product's two arguments to be equal: args[1] and args[-1] are args[0]", 'NumberReplacer'),
    ],
    "derivcheck/deciders/mean_value.py": [
        ('if gap != sp.Abs(x - z) or L.has(x, z)', "not equivalent, cannot make a false step proved: SymPy's "
         "cache hands back the one Abs(x - z) object the step was built with, so `is not` agrees with != in the "
         "tests; where the cache has dropped it, `is not` is True and the pair is skipped: a proof lost, never one "
         "made", 'ReplaceComparisonOperator_NotEq_IsNot'),
        ('continue', "only the pairs {x, z} whose |x - z| is the right side's gap get past the line before, and for "
         "both orders the slope test gives the same answer (dA/dx free of z with A = 0 at x = z makes A = F(x) - "
         "F(z), so dA/dz is free of x too): no later pair can pass where this one failed", 'ReplaceContinueWithBreak',
         '', 47),
        ('inner = inner.args[0] if isinstance(inner, sp.Abs) else inner', "|.| has one argument: args[-1] is args[0]",
         'NumberReplacer'),
        ('if out is not None and out.verdict == "proved":',
         '`is` compares the interned identifier-like literal "proved" with the verdict string every Outcome is built '
         'from: CPython keeps one object',
         'ReplaceComparisonOperator_Eq_Is'),
        ('out += [(x, z) for z in symbols if z != x and domain_of(z, p.assumptions) == dx]',
         'SymPy caches symbols: two equal symbols of one step are one object, so `is not` and != agree',
         'ReplaceComparisonOperator_NotEq_IsNot'),
        ('inner = lhs.args[0] if isinstance(lhs, sp.Abs) else lhs',
         'an Abs has exactly one argument: [-1] and [0] are the same',
         'NumberReplacer',
         'args[ -1]'),
        ('continue',
         "not equivalent, cannot change a verdict from unproved to proved: the slope check's `continue` -> `break` "
         'only stops trying further pairs (x, z); a pair whose slope depends on z is never taken either way, so '
         'fewer steps are proved, none falsely. No step was found where the first pair fails only there and a '
         'later pair succeeds (for g(x) - g(z) both orders pass alike)',
         'ReplaceContinueWithBreak', 'break', 39),
    ],
    "derivcheck/deciders/common_exponent.py": [
        ('strict = rel == "<"', 'rel is "<=" or "<" here (>= and > flipped): "<=" <= "<" is False and "<" <= "<" True, '
         'as == gives', 'ReplaceComparisonOperator_Eq_LtE'),
        ('strict = rel == "<"', 'rel is one of the relation literals ("<=", "<" of FLIP or the reader\'s table), '
         'interned by CPython: `is` holds exactly when == does', 'ReplaceComparisonOperator_Eq_Is'),
        ('side = ">" if prop == "positive" else ">="', 'prop is "nonnegative" or "positive": "nonnegative" >= '
         '"positive" is False and "positive" >= "positive" True, as == gives', 'ReplaceComparisonOperator_Eq_GtE'),
        ('side = ">" if prop == "positive" else ">="', 'prop is one of two literals of the loop above, interned: `is` '
         'holds exactly when == does', 'ReplaceComparisonOperator_Eq_Is'),
        ('if shown is None or shown.verdict != "proved":', 'verdicts are literals of the deciders (Outcome("proved", '
         '...)), interned: `is not` holds exactly when != does', 'ReplaceComparisonOperator_NotEq_IsNot'),
        ('if out is None or out.verdict != "proved":', 'verdicts are literals of the deciders, interned: `is not` holds '
         'exactly when != does', 'ReplaceComparisonOperator_NotEq_IsNot'),
        ('if isinstance(x, sp.Pow) and not x.exp.is_number and not isinstance(x.base, sp.exp) and x.base != sp.E:',
         "sp.E is a singleton: `is not` holds exactly when != does", 'ReplaceComparisonOperator_NotEq_IsNot'),
        ('return (b, c, e) if other is rhs else (c, b, e)', "== differs from `is` only when lhs == rhs; then the second "
         "order is reached only with both sides exponentials (_power None for both), which return nothing",
         'ReplaceComparisonOperator_Is_Eq'),
        ('continue', "the second order (the power on the right) succeeds only when the first fails for a left side "
         "that is no power of a symbolic exponent: where the first fails at these lines the left side is such a power "
         "and the right side no exp (line 63: its exp failed; then the right is no power either) or a power of another "
         "exponent, which the second order rejects too", 'ReplaceContinueWithBreak'),
        ('c = _exp_base(other.args[0], e)', "exp has one argument: args[-1] is args[0]", 'NumberReplacer'),
    ],
    "derivcheck/deciders/log_coefficient.py": [
        ('if out is not None and out.verdict == "proved":', 'verdicts are literals of the deciders (Outcome("proved", '
         '...)), interned by CPython: `is` holds exactly when == does', 'ReplaceComparisonOperator_Eq_Is'),
    ],
    "derivcheck/deciders/continuity.py": [
        ('if getattr(sp.simplify(form), f"is_{prop}") is True:',
         "SymPy's is_<prop> is True, False or None: == True holds exactly when `is True` does; >= True raises "
         "TypeError on None, which the line below catches as not shown, and False >= True is False",
         'ReplaceComparisonOperator_Is_'),
        ('continue', "not equivalent, cannot make a false step proved: `break` stops before the sums are evaluated "
         "(e.doit()), so fewer signs are shown and fewer limits replaced; SymPy's simplify evaluates the sums of "
         "every form tried so far (Sum(i, (i, 1, n)) - n(n + 1)/2 + 1 simplifies to 1)", 'ReplaceContinueWithBreak'),
        ('except Exception:  # SymPy cannot take the form: not shown',
         "not equivalent, cannot make a false step proved: without the catch SymPy's failure leaves the decider, "
         "whose exception the verdict engine takes as not applicable (no proof)", 'ExceptionReplacer'),
        ('if f == x or f.is_Add or f.is_Mul:', "SymPy caches symbols: the limit's variable and the one in the "
         "expression are one object, so `is` holds exactly when == does", 'ReplaceComparisonOperator_Eq_Is'),
        ('return f == x or all(continuous_at(a, x, c) for a in f.args)', "SymPy caches symbols: the limit's "
         "variable and the one in the expression are one object, so `is` holds exactly when == does",
         'ReplaceComparisonOperator_Eq_Is'),
        ('return continuous_at(f.args[0], x, c) and _sign_at(f.args[0].subs(x, c), "positive")',
         'a logarithm has one argument: args[-1] is args[0]', 'NumberReplacer', 'args[ -1]'),
        ('return all(len(lim) == 3 and x not in (lim[1].free_symbols | lim[2].free_symbols)',
         "the reader's sums and extrema have limits (i, lo, hi) only, so len(lim) is 3 and <= 3 and >= 3 agree with "
         "== 3", 'ReplaceComparisonOperator_Eq_'),
        ('if c.is_finite is not True or not continuous_at(f, x, c):',
         "not equivalent, cannot make a false step proved: is_finite is True, False or None; != True agrees with "
         "`is not True`, and < True raises TypeError on None, which leaves the decider (not applicable, no proof) "
         "where the original leaves that limit alone", 'ReplaceComparisonOperator_IsNot_'),
        ('if out is None or out.verdict != "proved":', '`is not` compares the interned identifier-like literal '
         '"proved" with the verdict string every Outcome is built from: CPython keeps one object',
         'ReplaceComparisonOperator_NotEq_IsNot'),
    ],
    "derivcheck/deciders/vector_combinations.py": [
        ('except Exception:  # SymPy cannot take a form apart: no abstraction',
         "not equivalent, cannot make a false step proved: without the catch SymPy's failure leaves the vector "
         "step's proof for every d, whose exception the verdict engine takes as not applicable (the step is then "
         "checked in d = 1..4)", 'ExceptionReplacer'),
    ],
    "derivcheck/deciders/tangency.py": [
        ('gap = rhs - lhs if p.rel == "<=" else lhs - rhs',
         'p.rel is "<=" or ">=" here (the line above returned otherwise): ">=" <= "<=" is False, "<=" <= "<=" True, '
         'as with ==',
         'ReplaceComparisonOperator_Eq_LtE'),
        ('if out is not None and out.verdict == "proved":',
         '`is` compares the interned identifier-like literal "proved" with the verdict string every Outcome is built '
         'from: CPython keeps one object',
         'ReplaceComparisonOperator_Eq_Is'),
        ('if not isinstance(h, sp.Symbol) or h.is_integer or d.values is not None or d.nonzero or not d.contains(0):',
         'a Domain whose range leaves out 0 is marked nonzero (domains.domain_of): d.nonzero and not d.contains(0) '
         'is d.nonzero',
         'ReplaceOrWithAnd', 'd.nonzero and not d.contains(0)'),
    ],
    "derivcheck/deciders/members.py": [
        ('return len({m.base for m in members}) == len(members) and not (',
         'a set of the members\' bases has at most as many elements as the members: >= holds exactly when == does',
         'ReplaceComparisonOperator_Eq_GtE'),
        ('return len({m.base for m in members}) == len(members) and not (',
         'both lengths are small ints (the members of one step): CPython caches them, so `is` and == agree',
         'ReplaceComparisonOperator_Eq_Is'),
    ],
    # what is known of a sum's sign moved here from sums.py at stop 41: the same lines, the same reasons
    "derivcheck/deciders/sum_signs.py": [
        ('(i, lo, hi), body = a.limits[0], a.function',
         'the line above returned unless the sum or product has exactly one limit: [-1] and [0] are the same limit',
         'NumberReplacer',
         'limits[ -1]'),
        ('@functools.lru_cache(maxsize=4096)',
         'holds is a pure function of its (immutable SymPy) term and prop: without the cache it computes the '
         'same answers again',
         'RemoveDecorator'),
        ('@functools.lru_cache(maxsize=4096)',
         'not equivalent, cannot change a verdict: the cache size of holds, a pure function of its (hashable '
         'SymPy) arguments; a larger or smaller cache recomputes the same answers',
         'NumberReplacer'),
        ('if len(a.limits) != 1:',
         'a SymPy Sum or Product has at least one limit: > 1 and != 1 agree',
         'ReplaceComparisonOperator_NotEq_Gt'),
        ('if sign(a).get("positive") or len(a.limits) != 1:',
         'a SymPy Sum has at least one limit: > 1 and != 1 agree',
         'ReplaceComparisonOperator_NotEq_Gt'),
        ('atoms.sort(key=lambda a: -sp.count_ops(a))',
         'count_ops returns an int here (visual=False): ~k = -k - 1 shifts every key by one, the same order (a '
         'stable sort keeps ties alike)',
         'ReplaceUnaryOperator_USub_Invert'),
        ('atoms.sort(key=lambda a: -sp.count_ops(a))',
         'not equivalent, cannot change a verdict: the order only numbers the fresh symbols (_S0, _S1, ...): '
         'every atom of known sign gets its own symbol whatever the order (names stay distinct, len(subs) grows '
         'by one each), and xreplace replaces top-down, so a sum inside a replaced sum is gone either way',
         'ReplaceUnaryOperator_'),
    ],
    "derivcheck/deciders/gram_terms.py": _GRAM_LINES + [
        ('return False',
         _NO_INNER_LEFT,
         'ReplaceFalseWithTrue',
         'return True',
         35),
    ],
    "derivcheck/deciders/unify.py": [
        ('all(len(lim) == 3 for lim in e.limits)',
         "every limit of a Sum or Product has three entries (i, lo, hi): SymPy's ExprWithLimits refuses a limit "
         "without both bounds ('requires values for lower and upper bounds'), and MaxOver/MinOver's __new__ "
         'refuses anything but one (i, lo, hi): <= 3 and == 3 agree',
         'ReplaceComparisonOperator_Eq_LtE'),
        ('all(len(lim) == 3 for lim in e.limits)',
         "every limit of a Sum or Product has three entries (i, lo, hi): SymPy's ExprWithLimits refuses a limit "
         "without both bounds ('requires values for lower and upper bounds'), and MaxOver/MinOver's __new__ "
         'refuses anything but one (i, lo, hi): >= 3 and == 3 agree',
         'ReplaceComparisonOperator_Eq_GtE'),
        ('if _unbound(p, b) is False:',
         '_unbound returns a bool (any(...) or any(...)): for a bool, `is False` and `== False` agree',
         'ReplaceComparisonOperator_Is_Eq'),
        ('if _unbound(p, b) is False:',
         '_unbound returns a bool (any(...) or any(...)): for a bool, `is False` and `<= False` agree',
         'ReplaceComparisonOperator_Is_LtE'),
        ('elif type(p) is type(e) and len(p.args) == len(e.args):',
         "`is` and == differ on ints only for two equal values outside CPython's cached -5..256, so here only "
         "for a pattern function with more than 256 arguments: the patterns' functions (lemmas.py) take one or "
         'two',
         'ReplaceComparisonOperator_Eq_Is'),
        ('elif type(p) is type(e) and len(p.args) == len(e.args):',
         "SymPy's expression classes compare by identity (their metaclass is `type`); the one metaclass with its "
         'own __eq__, UndefinedFunction, makes a class equal only to an undefined-function class of the same '
         'name and assumptions, and sympy.Function(name) returns that one cached class (the project never clears '
         "SymPy's cache); moreover the lemma patterns hold no undefined function but the placeholders, which "
         '_call takes before this line',
         'ReplaceComparisonOperator_Is_Eq'),
        ('orders = [e.args] + ([e.args[::-1]] if type(p).__name__ == "Inner" else [])',
         "vector_form.Inner is defined by a class statement, so its __name__ is the interned identifier 'Inner', "
         "the same object as the identifier-like literal 'Inner' (interned by the compiler); every other class's "
         'name is another string: `is` and == agree',
         'ReplaceComparisonOperator_Eq_Is'),
        ('f, arg = p.func, p.args[0]',
         'a placeholder is applied to one argument (the module docstring; every placeholder call in '
         "lemmas.LEMMAS' atoms and bounds has one): args[-1] is args[0]",
         'NumberReplacer',
         'args[ -1]'),
        ('(t - (arg - slope * index)) / slope',
         'the line above admits only slope 1 or -1, and dividing by 1 or -1 is multiplying by it: the same Lambda',
         'ReplaceBinaryOperator_Div_Mul'),
        ('if sub in seen or type(sub) is not type(inner):',
         "SymPy's expression classes compare by identity (their metaclass is `type`); the one metaclass with its "
         'own __eq__, UndefinedFunction, makes a class equal only to an undefined-function class of the same '
         'name and assumptions, and sympy.Function(name) returns that one cached class (the project never clears '
         "SymPy's cache): != and `is not` agree (type(inner) is Sum or Product)",
         'ReplaceComparisonOperator_IsNot_NotEq'),
        ('if type(e) is not type(p) or len(e.limits) != 1 or len(p.limits) != 1:',
         'a Sum, Product, MaxOver or MinOver has at least one limit: len(e.limits) > 1 and != 1 agree',
         'ReplaceComparisonOperator_NotEq_Gt',
         'len(e.limits) > 1'),
        ('if type(e) is not type(p) or len(e.limits) != 1 or len(p.limits) != 1:',
         'a Sum, Product, MaxOver or MinOver has at least one limit: len(p.limits) > 1 and != 1 agree',
         'ReplaceComparisonOperator_NotEq_Gt',
         'len(p.limits) > 1'),
        ('if type(e) is not type(p) or len(e.limits) != 1 or len(p.limits) != 1:',
         "SymPy's expression classes compare by identity (their metaclass is `type`); the one metaclass with its "
         'own __eq__, UndefinedFunction, makes a class equal only to an undefined-function class of the same '
         'name and assumptions, and sympy.Function(name) returns that one cached class (the project never clears '
         "SymPy's cache): != and `is not` agree (type(p) is Sum, Product, MaxOver or MinOver)",
         'ReplaceComparisonOperator_IsNot_NotEq'),
        ('(pi, plo, phi), (ei, elo, ehi) = p.limits[0], e.limits[0]',
         'the line above returned unless both the pattern and the expression have exactly one limit: [-1] is [0]',
         'NumberReplacer',
         'limits[ -1]'),
        ('if plo.is_Integer and elo != plo:',
         '`is not` differs from != only when elo equals plo as another object; then the reindexing shifts by elo '
         '- plo = 0: body.xreplace({ei: ei + 0}) is body, ehi - elo + plo is ehi and elo becomes plo, its equal',
         'ReplaceComparisonOperator_NotEq_IsNot'),
        ('if coeff not in (1, -1) or (coeff == -1 and not e.could_extract_minus_sign()):',
         'the second clause is reached only when coeff is 1 or -1 (the first failed), and of these only -1 is <= -1',
         'ReplaceComparisonOperator_Eq_LtE'),
        ('if len(eargs) > MAX_TERMS and len(eargs) != len(pargs):',
         "`is not` differs from != on ints only for two equal values outside CPython's cached -5..256: a pattern "
         'of more than 256 terms (the lemma patterns have a few)',
         'ReplaceComparisonOperator_NotEq_IsNot'),
        ('return 4',
         'holes are the only terms of rank 4: rank 5 still sorts them after the placeholder calls (3) and is '
         'still >= 3, so the same order, the same sizes (line 225) and the same weight branch (line 232)',
         'NumberReplacer',
         'return 5'),
        ('return 0',
         'rank -1 still sorts the concrete terms before the sums (1) and the other terms (2) and is still < 3: '
         'the same order, sizes and branches',
         'NumberReplacer',
         'return -1'),
        ('if not eargs:',
         "never reached: _assign is called with an Add's or Mul's arguments (at least two, line 198) and "
         'recurses only with `rest` after the `if not rest` branch returned, so pargs is never empty'),
        ('elif op is sp.Mul:',
         'op is the class sp.Add or sp.Mul (line 187), and classes compare by identity: == and `is` agree',
         'ReplaceComparisonOperator_Is_Eq'),
        ('if op is sp.Mul and _rank(first) >= 3:',
         'op is the class sp.Add or sp.Mul (line 187), and classes compare by identity: == and `is` agree',
         'ReplaceComparisonOperator_Is_Eq'),
        ('for _ in range(3):',
         'not equivalent, cannot change a verdict: a fourth pass replaces a placeholder only in a chain of four '
         'bindings each naming the next, which a hand-made binding can be but none that `match` makes is (its '
         'values are pieces of the step, which has no placeholders; replace works bottom-up, so a placeholder in '
         "another's argument, Phi(X(i)), goes in the first pass): in lemma_match the passes after the first find "
         'nothing',
         'NumberReplacer',
         'range( 4)'),
        ('return 0',
         "not equivalent, cannot make a false step proved: concrete terms tie with the sums (rank 1), so SymPy's "
         'argument order decides which of them is tried first; both take one term each (rank < 3) and bind '
         'nothing that the other needs (a concrete term binds nothing), so the bindings are the same unless a '
         'concrete term comes last and takes all remaining terms, where the real code tried a sum pattern that '
         'can match only a single Sum: the mutant can then add a binding whose concrete term is `same` as '
         'several terms, which is sound (every binding instantiates the pattern to the expression) and only '
         'proposes an instance that lemma_match proves',
         'NumberReplacer',
         'return 1'),
        ('return 1 if arg.has(sp.Sum) else 2',
         'not equivalent, cannot make a false step proved: sum terms tie with the concrete terms (rank 0), so '
         "SymPy's argument order decides which of them is tried first; both take one term each (rank < 3) and a "
         'concrete term binds nothing, so the bindings are the same unless a concrete term comes last and takes '
         'all remaining terms, where the real code tried a sum pattern that can match only a single Sum: the '
         'mutant can then add a binding whose concrete term is `same` as several terms, which is sound and only '
         'proposes an instance that lemma_match proves',
         'NumberReplacer',
         'return 0 if'),
        ('if op is sp.Mul and _rank(first) >= 3:',
         'not equivalent, cannot make a false step proved: it also tries a factor of rank 2 (a term with '
         'placeholders that is neither a placeholder call nor a hole: X(i)^2, exp(X(i)), Hi - Lo + 1) as 1 '
         'before the rest take the factors; it only adds bindings, each sound (that factor instantiates to 1, '
         'the others to the product), and a binding only proposes an instance that lemma_match proves',
         'NumberReplacer',
         '_rank(first) >= 2'),
    ],
    "derivcheck/deciders/as_written.py": [
        ('out.verdict != "refuted" or not isinstance(out.evidence.get("counterexample"), dict)',
         "`is not` compares the interned identifier-like literal 'refuted' with itself: every Outcome's verdict "
         "is a string literal of a decider ('proved', 'refuted', 'undecided', ...) or copied from one "
         '(Outcome(out.verdict, ...)), and CPython keeps one object per such literal, so `is not` and != agree',
         'ReplaceComparisonOperator_NotEq_IsNot'),
        ('if not set(point) <= set(symbols):',
         'the early return is only a shortcut: with it gone (`not a is not b` is always False), a point naming a '
         "non-symbol (a family's value y[1]) makes `symbols[k]` raise KeyError inside the try below, whose "
         '`except Exception` returns None, the same answer',
         'ReplaceComparisonOperator_LtE_IsNot'),
        ('if holds is True else None',
         "holds is judge's first value, True, False or None (_compare_exact returns SymPy's == / != (Python "
         'bools) or bool(...), _compare_sign Python bools): == True and is True agree on them',
         'ReplaceComparisonOperator_Is_Eq'),
        ('sp.sympify(v, rational=True) for k, v in point.items()',
         "rational= only changes how a decimal literal (0.5) is read; a counterexample's values are always str() "
         'of a Fraction, sp.Rational or int (counterexamples._describe, procedures, transcendental, '
         "large_integers._found, gram's '0'; verdicts._sides_at reads them with sp.Rational): integers or p/q, "
         'which sympify reads as the same Integer/Rational either way',
         'ReplaceTrueWithFalse'),
    ],
    "derivcheck/deciders/declared_ranges.py": [
        ('least == 0 or x.is_integer and x.is_positive and least == 1:',
         "least is the least integer of domain_of(x), whose lo starts at the symbol's own properties (0 for a "
         'nonnegative x, 0 open for a positive one) and is only raised by the declared range (tighter_range '
         'keeps the tighter end): a nonnegative integer has least >= 0 and a positive one least >= 1 (floor(0) + '
         '1 at 0 open), so <= 0 and == 0, <= 1 and == 1 agree',
         'ReplaceComparisonOperator_Eq_LtE'),
        ('if lo_s is not None and lo_s == 0 and (x.is_positive or (x.is_nonnegative and not d.lo_open)):',
         'the test needs x.is_positive or x.is_nonnegative, and then domain_of(x) starts lo at 0 from the '
         "symbol's own properties and the declared range only raises it (tighter_range): lo_s >= 0, so <= 0 and "
         '== 0 agree',
         'ReplaceComparisonOperator_Eq_LtE'),
        ('if hi_s is not None and hi_s == 0 and (x.is_negative or (x.is_nonpositive and not d.hi_open)):',
         'the test needs x.is_negative or x.is_nonpositive, and then domain_of(x) starts hi at 0 from the '
         "symbol's own properties and the declared range only lowers it (tighter_range): hi_s <= 0, so >= 0 and "
         '== 0 agree (> 0, never true there, is killed)',
         'ReplaceComparisonOperator_Eq_GtE'),
        ('if lo_s == hi_s:',
         'lo_s > hi_s is an empty domain, which the reader refuses (parse_assumptions raises DeclarationError: '
         "'the range is empty', or the properties contradict the range), so every domain that reaches this line "
         'has lo_s <= hi_s: >= and == agree',
         'ReplaceComparisonOperator_Eq_GtE'),
        ('if lo_s == hi_s:',
         'SymPy caches Rational (and Integer) construction (Rational.__new__ is @cacheit, the cache on by '
         'default): lo_s and hi_s are built one right after the other, from equal (numerator, denominator) when '
         'the ends are equal, so the second is the cached object itself and `is` agrees with == (checked: '
         'Rational(10**40 + 3, 10**20 + 7) is Rational(10**40 + 3, 10**20 + 7))',
         'ReplaceComparisonOperator_Eq_Is'),
        ('assert lo_s is not None and hi_s is not None',
         'lines 60-69 returned whenever an end is None, so both ends are finite here: the assertion holds with '
         '`and` and with `or` (a guard for the type checker, never raised)',
         'ReplaceAndWithOr'),
        ('t = sp.Symbol("s", positive=True)',
         't is only printed: sp.sstr(lo + (hi - lo) t/(1 + t)) prints the symbol by its name, and neither the '
         "automatic evaluation of that sum, product and power nor the printer's term order consults t's "
         "assumptions: the same text (the said texts 'x = 2*s/(s + 1) + 1 (s > 0)' and 'rho = s/(s + 1) (s > 0)' "
         'are tested)',
         'ReplaceTrueWithFalse'),
        ('for case in cases[:1]]',
         "prove (prover._relation_text, obligations' sign test) is deterministic and has no side effect: with "
         "cases[:2] hows gets the second case's text too, but only hows[0] is read, and the any() over cases[1:] "
         'proves that second case again with the same outcome',
         'NumberReplacer',
         'cases[: 2]'),
        ('if hows[0] is None or any(',
         'hows has exactly one element: cases[:1] of a nonempty list (cover returns cases only when per_symbol '
         "is nonempty, and every symbol's pieces hold at least one case, so their product is nonempty): [-1] is "
         '[0]',
         'NumberReplacer',
         'hows[ -1]'),
        ('if hows[0] is None or any(',
         "cases[0:] proves case 0 once more: it is reached only when hows[0], case 0's proof, is not None (the "
         '`or` short-circuits), and prove is deterministic with no side effect, so it is not None again: the '
         'same verdict',
         'NumberReplacer',
         'cases[ 0:]'),
        ('return f"{hows[0]}, with the declared ranges as properties',
         'hows has exactly one element: cases[:1] of a nonempty list (cover returns cases only when per_symbol '
         "is nonempty, and every symbol's pieces hold at least one case, so their product is nonempty): [-1] is "
         '[0]',
         'NumberReplacer',
         'hows[ -1]'),
        ('pieces = [{x: lo_s + (hi_s - lo_s) * s / (1 + s)}]',
         'not equivalent, cannot make a false step proved or a true one refuted: s/(2 + s) with s > 0 takes '
         'every value of (0, 1) as s/(1 + s) does, so the image is the same open interval (lo, hi) and a step '
         "proved for every s holds on it; it changes only the form SymPy's sign reasoning sees (no step found "
         'that one form proves and the other not, among 18 steps on (0, 1), (1, 3), (-1, 1)), and the cover '
         "never refutes (None is 'not proved')",
         'NumberReplacer',
         '( 2 + s)'),
        ('if lo is None or hi is not None:',
         'not equivalent, cannot make a false step proved or a true one refuted: it only adds a cover L + k (k a '
         'nonnegative integer) for an integer bounded on both ends (lo None and hi None returned above); its '
         'values [L, oo) include the range, so a step proved on them holds on the range, and the cover never '
         "refutes (None is 'not proved'); it proves more (1/(n - 1) > 0 for an integer n in [2, 5], which the "
         'module leaves unproved)',
         'ReplaceOrWithAnd'),
    ],
    "derivcheck/deciders/sum_limits.py": [
        ('if len(limit) == 3:',
         'SymPy builds every limit of a Sum or a Product as (index, lower, upper): it refuses one without both '
         "bounds (ValueError: 'Sum requires values for lower and upper bounds', 'ExprWithLimits requires ...') "
         'and cuts a longer one to three, so len(limit) is always 3: <= 3, >= 3 and == 3 agree',
         'ReplaceComparisonOperator_Eq_LtE'),
        ('if len(limit) == 3:',
         'SymPy builds every limit of a Sum or a Product as (index, lower, upper): it refuses one without both '
         "bounds (ValueError: 'Sum requires values for lower and upper bounds', 'ExprWithLimits requires ...') "
         'and cuts a longer one to three, so len(limit) is always 3: <= 3, >= 3 and == 3 agree',
         'ReplaceComparisonOperator_Eq_GtE'),
        ('for limit in s.limits if len(limit) == 3]',
         'SymPy builds every limit of a Sum or a Product as (index, lower, upper): it refuses one without both '
         "bounds (ValueError: 'Sum requires values for lower and upper bounds', 'ExprWithLimits requires ...') "
         'and cuts a longer one to three, so len(limit) is always 3: <= 3, >= 3 and == 3 agree',
         'ReplaceComparisonOperator_Eq_LtE'),
        ('for limit in s.limits if len(limit) == 3]',
         'SymPy builds every limit of a Sum or a Product as (index, lower, upper): it refuses one without both '
         "bounds (ValueError: 'Sum requires values for lower and upper bounds', 'ExprWithLimits requires ...') "
         'and cuts a longer one to three, so len(limit) is always 3: <= 3, >= 3 and == 3 agree',
         'ReplaceComparisonOperator_Eq_GtE'),
        ('(lo > hi or (lo == hi and (lo_open or hi_open)))',
         '`lo > hi or (lo >= hi and X)` is `lo > hi or (lo == hi and X)`: the ends are Fractions (totally '
         'ordered) and lo > hi is already the first alternative',
         'ReplaceComparisonOperator_Eq_GtE'),
        ('or sp.degree(linear, sym) != 1:',
         'a degree below 1 (0, or -oo for 0: the expanded limit no longer holds sym) gets past this line with > '
         '1 only to give a = linear.coeff(sym, 1) = 0 at line 78, which `a > 0` at line 79 turns away (continue) '
         'just as != 1 does here',
         'ReplaceComparisonOperator_NotEq_Gt'),
        ('if not (a.is_Integer and c.is_Integer and a > 0):',
         'a is the coefficient of sym^1 in a polynomial of degree exactly 1 in sym (line 76), so a is never 0: '
         'for an Integer a != 0, a > 0, a >= 0 and a > -1 agree',
         'ReplaceComparisonOperator_Gt_GtE'),
        ('if not (a.is_Integer and c.is_Integer and a > 0):',
         'a is the coefficient of sym^1 in a polynomial of degree exactly 1 in sym (line 76), so a is never 0: '
         'for an Integer a != 0, a > 0, a >= 0 and a > -1 agree',
         'NumberReplacer',
         'a > -1'),
        ('if lo.is_integer is not True or hi.is_integer is not True:',
         "SymPy's is_integer is a fuzzy bool, True, False or None: != True and `is not True` agree on each",
         'ReplaceComparisonOperator_IsNot_NotEq'),
        ('continue', _TWO_ENDS_BREAK, 'ReplaceContinueWithBreak', 'break', 79),
        ('continue', _TWO_ENDS_BREAK, 'ReplaceContinueWithBreak', 'break', 82),
        ('lo, hi = Domain(lo, hi, lo_open, hi_open, integer=True).integer_ends()',
         "Domain.integer_ends reads only lo, hi and their openness, never the integer flag: integer=False gives the "
         "same ends",
         'ReplaceTrueWithFalse'),
    ],
    "derivcheck/deciders/definedness.py": [
        ('return out if out is not None and out.verdict == "proved" else None  # a refutation of one sign',
         "transcendental.by_bounds returns an Outcome only with the verdict 'proved' or 'refuted' (or None): "
         "'refuted' <= 'proved' is False, as == is", 'ReplaceComparisonOperator_Eq_LtE'),
        ('return out if out is not None and out.verdict == "proved" else None  # a refutation of one sign',
         "the verdict is the identifier-like literal 'proved' or 'refuted' from transcendental.py, interned like "
         "this one: `is` and == agree", 'ReplaceComparisonOperator_Eq_Is'),
        ('for sign in ((">", "<") if rel == "!=" else (rel,)):',
         "a condition's relation is one of >, >=, <, <=, !=; of these only '!=' is <= '!=' ('<' and '>' sort "
         "after '!')", 'ReplaceComparisonOperator_Eq_LtE'),
        ('for sign in ((">", "<") if rel == "!=" else (rel,)):',
         "the relation is an identifier-like literal from domain_conditions.py, interned like this one: `is` and "
         "== agree", 'ReplaceComparisonOperator_Eq_Is'),
        ('return Outcome("proved", "a number") if sp.Rel(p.lhs, p.rhs, p.rel) is sp.true else None',
         "sp.true is SymPy's singleton BooleanTrue: == and `is` agree", 'ReplaceComparisonOperator_Is_Eq'),
        ('if expr.has(sp.Indexed, sp.Sum, sp.Product) or not transcendental.applicable(expr, sp.Integer(0)):',
         "applicable(lhs, rhs) asks whether either side has a transcendental occurrence: the right side 0, 1 or "
         "-1 has none, so the answer is the same", 'NumberReplacer'),
        ('and not c.over:',
         "z3_decide's tag is 'proved' or 'refuted' (procedures.z3_decide), and 'proved' returned on the line "
         "before: here it is 'refuted', for which >= and == agree",
         'ReplaceComparisonOperator_Eq_GtE'),
        ('and not c.over:',
         "z3_decide's tag is 'proved' or 'refuted' (procedures.z3_decide), and 'proved' returned on the line "
         "before: here it is 'refuted', for which <= and == agree",
         'ReplaceComparisonOperator_Eq_LtE'),
        ('and not c.over:',
         "the tag is the identifier-like literal 'refuted' from procedures.py, interned like this one: `is` and "
         '== agree',
         'ReplaceComparisonOperator_Eq_Is'),
        ('for e in (lhs - rhs, sp.together(lhs - rhs)):',
         'rhs is always 0 (proved_on_cover(expr, rel, sp.Integer(0), ...), whose cases xreplace only the '
         'symbols): lhs + 0 and lhs - 0 are the same expression',
         'ReplaceBinaryOperator_Sub_Add'),
        ('for e in (lhs - rhs, sp.together(lhs - rhs)):',
         'not equivalent, cannot make a false step proved or a true step refuted: rhs is 0, so the first form '
         'becomes lhs/0 (zoo or zoo*lhs, which SymPy never calls positive, nonnegative or nonzero) and only the '
         'combined form together(lhs) is tried: fewer ways to show a condition, never a condition shown that is '
         'not (and no expression was found, by brute force over sums of up to three signed terms, whose sign '
         'SymPy sees on the plain form but not after together)',
         'ReplaceBinaryOperator_Sub_Div',
         '(lhs / rhs, '),
        ('for end in (1, 2):',
         'end == 1 is tested, so any second value other than 1 gives the top end: (1, 3) is (1, 2)',
         'NumberReplacer',
         '(1, 3)'),
        ('expr = expr.xreplace({i: lo + s if end ',
         'end is 1 or 2 (for end in (1, 2)): <= 1 and == 1 agree',
         'ReplaceComparisonOperator_Eq_LtE'),
        ('expr = expr.xreplace({i: lo + s if end ',
         "not equivalent, cannot change a verdict: the two ends' forms (i = lo + s, i = hi - s) are the same "
         'list in the other order; every form is tried by every method, and no Z3 point is kept for a condition '
         'under an index (`not c.over`), so whether the condition is shown does not depend on the order (only, '
         'near the end of the budget, which form is tried first, and a form shown is a true proof either way); '
         "what changes is which method's name shown_everywhere returns, which every caller (decide, all_shown, "
         'verdicts.py) only tests against None',
         'AddNot'),
        ('expr = expr.xreplace({i: lo + s if end ',
         "not equivalent, cannot change a verdict: the two ends' forms (i = lo + s, i = hi - s) are the same "
         'list in the other order; every form is tried by every method, and no Z3 point is kept for a condition '
         'under an index (`not c.over`), so whether the condition is shown does not depend on the order (only, '
         'near the end of the budget, which form is tried first, and a form shown is a true proof either way); '
         "what changes is which method's name shown_everywhere returns, which every caller (decide, all_shown, "
         'verdicts.py) only tests against None',
         'ReplaceComparisonOperator_Eq_NotEq'),
        ('expr = expr.xreplace({i: lo + s if end ',
         "not equivalent, cannot change a verdict: the two ends' forms (i = lo + s, i = hi - s) are the same "
         'list in the other order; every form is tried by every method, and no Z3 point is kept for a condition '
         'under an index (`not c.over`), so whether the condition is shown does not depend on the order (only, '
         'near the end of the budget, which form is tried first, and a form shown is a true proof either way); '
         "what changes is which method's name shown_everywhere returns, which every caller (decide, all_shown, "
         'verdicts.py) only tests against None',
         'ReplaceComparisonOperator_Eq_Gt'),
        ('expr = expr.xreplace({i: lo + s if end ',
         "not equivalent, cannot change a verdict: the two ends' forms (i = lo + s, i = hi - s) are the same "
         'list in the other order; every form is tried by every method, and no Z3 point is kept for a condition '
         'under an index (`not c.over`), so whether the condition is shown does not depend on the order (only, '
         'near the end of the budget, which form is tried first, and a form shown is a true proof either way); '
         "what changes is which method's name shown_everywhere returns, which every caller (decide, all_shown, "
         'verdicts.py) only tests against None',
         'NumberReplacer',
         'end == 2'),
        ('return sp.Dummy("positive", positive=True)',
         'not equivalent, cannot make a false step proved or a true step refuted: the expression itself is tried '
         "before its signed form, and SymPy's own Sum.is_positive (finite limits, hi - lo >= 0, a positive term) "
         'and Product.is_positive (finite limits, a positive term) already show every finite case this symbol '
         "shows; the two differ only for a product over an infinite range, where the original's 'positive' is "
         'itself wrong (an infinite product of positive terms may be 0 or +oo: reported as a bug), and there a '
         'nonpositive symbol only leaves the condition not shown'),
        ('"rhs": _undefined(rv) if side ',
         "side is 'left' or 'right' (c.side or 'left'; the reader's on_side sets only these): 'left' >= 'right' "
         'is false, so >= and == agree',
         'ReplaceComparisonOperator_Eq_GtE'),
        ('f"{\'0\' if c.kind ',
         "a kind is '!= 0', '> 0' or '>= 0', and '!' sorts before '>': <= '!= 0' holds for '!= 0' only, as == does",
         'ReplaceComparisonOperator_Eq_LtE'),
        ('SEARCH = {"points": 30, "optimise": True, "grid": 200}',
         'not equivalent, cannot change a verdict: it changes only where the second search for a failing point '
         "looks (no optimiser's points); every point it proposes is judged exactly (c.closed() against 0 by "
         "`judge`, a sufficient condition's witness re-checked by _witness_undefined), and finding no failing "
         'point is never a proof: the condition stays not shown and no proof counts'),
        ('if result is not None and result[0] == "proved":',
         "the tag is the identifier-like literal 'proved' from procedures.py, interned like this one: `is` and "
         '== agree',
         'ReplaceComparisonOperator_Eq_Is'),
        ('if test is True:',
         'a SymPy assumption is True, False or None: == True and `is True` agree',
         'ReplaceComparisonOperator_Is_Eq'),
        ('}[rel] is True:',
         'a SymPy assumption is True, False or None: == True and `is True` agree',
         'ReplaceComparisonOperator_Is_Eq'),
        ('or value.is_real is False',
         'is_real is True, False or None: == False and `is False` agree',
         'ReplaceComparisonOperator_Is_Eq'),
        ('is not None',
         'the values tested are None or a str, a tuple, a float, a SymPy expression, an Outcome or a Found '
         '(dataclasses, whose == answers NotImplemented for None): != None and `is not None` agree',
         'ReplaceComparisonOperator_IsNot_NotEq'),
        ('is None',
         'the values tested are None or a str, a tuple, a SymPy expression or a Found (a dataclass, whose == '
         'answers NotImplemented for None): == None and `is None` agree',
         'ReplaceComparisonOperator_Is_Eq'),
        ('and len(e.limits[0]) == 3, signed)',
         'every limit of a Sum or Product is a 3-tuple (SymPy refuses one without bounds), so limits[-1] has the '
         'length of limits[0]',
         'NumberReplacer',
         'limits[ -1]'),
        ('if result is not None and result[0] == "proved":',
         "z3_decide's tag is 'proved' or 'refuted': 'refuted' <= 'proved' is False, so <= and == agree",
         'ReplaceComparisonOperator_Eq_LtE'),
        ('and len(e.limits[0]) == 3, signed)',
         'every limit of a Sum or Product has exactly three entries (SymPy refuses fewer and cuts more): <=, >= '
         'and == 3 agree',
         'ReplaceComparisonOperator_Eq_'),
        ('"lhs": _undefined(lv) if side == "left" else shown(lv),',
         "a condition's side is 'left' or 'right' (reader.domain_conditions.on_side): 'right' <= 'left' is "
         'False, so <= and == agree; `is` compares the interned literal with itself',
         'ReplaceComparisonOperator_Eq_'),
        ('"rhs": _undefined(rv) if side == "right" else shown(rv),',
         "a condition's side is 'left' or 'right', interned identifier-like literals: `is` and == agree",
         'ReplaceComparisonOperator_Eq_Is'),
        ('if out.verdict == "refuted":',
         "verdicts are interned string literals of the deciders ('refuted', 'proved', ...): `is` and == agree",
         'ReplaceComparisonOperator_Eq_Is'),
        ('return left is not None and left < 0.05',
         "not equivalent, cannot change a verdict: the time left below which the condition's provers are "
         'skipped; at exactly 0.05 s either choice only decides whether one more attempt starts (a condition not '
         'shown lets no proof count)',
         'ReplaceComparisonOperator_Lt_LtE'),
        ('if out.verdict == "refuted":',
         "not equivalent, cannot change a verdict: decide_search's verdict is 'refuted', 'numerically holds, not "
         "proved' or 'undecided'; >= also returns an undecided outcome as it is, where == adds the note that no "
         'proof counts: the verdict is the same, undecided',
         'ReplaceComparisonOperator_Eq_GtE'),
        ('or value.is_real is False',
         'not equivalent, cannot make a false step proved: `is_real <= False` raises TypeError where is_real is '
         'None, which `decide` turns into an undecided step on which no proof counts',
         'ReplaceComparisonOperator_Is_LtE'),
    ],
    "derivcheck/deciders/vector_form.py": [
        ('return name not in declared and stem != name and vector_family(declared.get(stem))',
         "stem is name's part before its first '_': where stem == name, name is not in declared, so "
         "declared.get(stem) is None and vector_family(None) is False whatever this comparison says; where they "
         "differ, stem is a proper prefix of name, so stem < name and stem <= name hold as != does, and `is not` "
         "too (two different strings are two objects)", 'ReplaceComparisonOperator_NotEq_'),
        ('out[vec[0]] = out.get(vec[0], 0) + sp.Mul(*coeff)', "vec has exactly one element here (the line before "
         "raises otherwise): vec[-1] is vec[0]", 'NumberReplacer'),
        ('break', "distribute's rounds stop at a fixed point: once out == e, each later round computes the same e "
         "again, so continuing returns the same expression", 'ReplaceBreakWithContinue', '', 380),
        ('if out == e:',
         "a round that changes nothing is a fixed point: with `is`, the loop runs its remaining rounds on an "
         "expression they give back equal (each round is a deterministic rewrite of it), so the result is equal",
         'ReplaceComparisonOperator_Eq_Is'),
        ('break',
         'the break follows a round that changed nothing (out == e): continuing runs the remaining rounds on a '
         'fixed point, which they give back equal, so the result is the same',
         'ReplaceBreakWithContinue', 'continue', 392),
        ('if not isinstance(u, sp.Sum) or len(u.limits) != 1:',
         'a SymPy Sum has at least one limit (Sum(f) with none raises), so len != 1 and len > 1 agree',
         'ReplaceComparisonOperator_NotEq_Gt'),
        ('(i, lo, hi), j = u.limits[0], sp.Dummy("j", integer=True)',
         'the line is reached only with len(u.limits) == 1 (the test just above): limits[-1] is limits[0]',
         'NumberReplacer', 'u.limits[ -1]'),
        ('(i, lo, hi), j = u.limits[0], sp.Dummy("j", integer=True)',
         'not equivalent, cannot make a false step proved: j is the bound index of a Sum with integer limits; '
         'without integer=True SymPy knows less about it, so at most a simplification (and a proof) is lost',
         'ReplaceTrueWithFalse'),
        ('def distribute(e, rounds: int = 4):',
         'not equivalent, cannot make a false step proved: a budget of rounds, each an exact rewriting of '
         '<sum, v> into a sum of inner products; one more round can only rewrite further, the same value',
         'NumberReplacer'),
        ('if m and (declared.get(m.group(1)) is False or _member(m.group(1), declared)):',
         "`declared` is the reader's Declarations.vectors, whose values are only the bools True (a family) and "
         'False (one vector) (reader/declaration_lines.py:113,115), and .get gives None for a name not in it: '
         'for True, False and None, == True / == False agree with `is True` / `is False`',
         'ReplaceComparisonOperator_Is_Eq'),
        ('and declared.get(str(atom.base.label)) is True and len(atom.indices) >= 2:',
         "`declared` is the reader's Declarations.vectors, whose values are only the bools True (a family) and "
         'False (one vector) (reader/declaration_lines.py:113,115), and .get gives None for a name not in it: '
         'for True, False and None, == True / == False agree with `is True` / `is False`',
         'ReplaceComparisonOperator_Is_Eq'),
        ('return name not in declared and stem != name and declared.get(stem) is True',
         "`declared` is the reader's Declarations.vectors, whose values are only the bools True (a family) and "
         'False (one vector) (reader/declaration_lines.py:113,115), and .get gives None for a name not in it: '
         'for True, False and None, == True / == False agree with `is True` / `is False`',
         'ReplaceComparisonOperator_Is_Eq'),
        ('stem = name.split("_", 1)[0]',
         'str.split(sep, n)[0] is the text before the first sep for every n >= 1: maxsplit 2 gives the same stem',
         'NumberReplacer',
         'split("_", 2)'),
        ('return name not in declared and stem != name and declared.get(stem) is True',
         "stem is name.split('_', 1)[0], a prefix of name: stem != name and stem < name both hold exactly when "
         'stem is a proper prefix, and then `stem is not name` holds too; stem <= name (always true) and `is '
         "not` (CPython's split even returns name itself when there is no '_') can differ from != only when stem "
         '== name, and there `name not in declared and declared.get(name) is True` is false whatever the middle '
         'test gives',
         'ReplaceComparisonOperator_NotEq_'),
        ('if len(groups) == 1 and not closed and all(_linear(t, self.declared) for t in '
         'groups[next(iter(groups))]):',
         'groups is not empty here (`if not groups: return` just above), so len(groups) >= 1: <= 1 and == 1 agree',
         'ReplaceComparisonOperator_Eq_LtE'),
        ('for k in range(2, self.d + 1):',
         "at k = 1 relabel rebuilds each component-1 atom as at_component makes it, Symbol(f'{name}[1]', "
         'real=True) or Indexed(IndexedBase(name, real=True), ..., 1), exactly how the reader makes components '
         '(reader/names.py:228,235, reader/declaration_lines.py:194): relabel(first, 1) is first, which is '
         'sp.Add(*groups[1]), and the extra k = 1 test never raises',
         'NumberReplacer',
         'range( 1,'),
        ('return len(opens) == 1 and _linear(opens[0], declared)',
         'e has components (`if not comps: return False` above) and is a Mul, so at least one of its factors has '
         'some: len(opens) >= 1, and <= 1 agrees with == 1',
         'ReplaceComparisonOperator_Eq_LtE'),
        ('return len(opens) == 1 and _linear(opens[0], declared)',
         'opens has exactly one element when the index is read (`len(opens) == 1 and` before it): [-1] is [0]',
         'NumberReplacer',
         'opens[ -1]'),
        ('if any(k != j for j, (_, k) in enumerate(parts, 1)):',
         'k is None or int(...) of a component number and j a position from enumerate, both far below 257, '
         "CPython's cached small ints: `is not` and != agree (None is not an int either way)",
         'ReplaceComparisonOperator_NotEq_IsNot'),
        ('return lifter.vector(parts[0][0]), True',
         'for d >= 2 line 287 has made every `parts[k-1][0]` equal to `relabel(parts[0][0], k)`, and vector() '
         'replaces each component atom by its vector whatever its component (relabel only moves atoms to another '
         'component of the same vector): the last entry gives the same vector; at d = 1 [-1] is [0] (the [1] '
         'mutant, an IndexError at d = 1, is killed)',
         'NumberReplacer',
         'parts[ -1]'),
        ('if d == 1:',
         'd runs over dims, a set of 1, 2, 3 and len(vectors) + 1, all >= 1: d <= 1 and d == 1 agree',
         'ReplaceComparisonOperator_Eq_LtE'),
        ('return sp.sympify(mine if other is theirs else theirs) == 0 and all(c == 0 for c in other)',
         'exactly one of mine, theirs is a matrix and other is that one: `other == theirs` is true when other is '
         'theirs (the same object) and false otherwise, since a SymPy matrix never equals a non-matrix; == and '
         '`is` agree',
         'ReplaceComparisonOperator_Is_Eq'),
        ('out.append((sp.Mul(*coeff), vec[0]))',
         'vec has exactly one element (`if len(vec) != 1: raise` just above): [-1] is [0]',
         'NumberReplacer',
         'vec[ -1]'),
    ],
    "derivcheck/deciders/case_split.py": [
        ('end, end_open = (d.hi, d.hi_open) if s > 0 else (None if d.lo is None else -d.lo, d.lo_open)',
         'reached only with s = -1 or 1 (s = 0 took the `continue` above): s >= 0 and s > -1 are s > 0 there',
         'ReplaceComparisonOperator_Gt_GtE'),
        ('end, end_open = (d.hi, d.hi_open) if s > 0 else (None if d.lo is None else -d.lo, d.lo_open)',
         'reached only with s = -1 or 1 (s = 0 took the `continue` above): s >= 0 and s > -1 are s > 0 there',
         'NumberReplacer', 's > -1'),
        ('if len(bases) == 1:',
         'the line above returned when no base can be split: bases has at least one, so <= 1 and == 1 agree',
         'ReplaceComparisonOperator_Eq_LtE'),
        ('return Outcome("proved", f"{bases[0]} = 0 and {bases[0]} > 0 apart: {shown[0]}; {shown[1]}")',
         'this branch has exactly one base: [-1] and [0] are the same base',
         'NumberReplacer'),
        ('+ ("" if len(set(shown)) == 1 else " (and others)"))',
         'shown holds one method per case and there is at least one case (a declared finite set is never empty: '
         "the reader refuses 'x in {}'), so len(set(shown)) >= 1 and <= 1 agrees with == 1",
         'ReplaceComparisonOperator_Eq_LtE'),
        ('if not finite or len(finite) == len(symbols) or prod(sizes) > MAX_CASES:',
         'finite is a sublist of symbols, so len(finite) <= len(symbols): >= agrees with ==',
         'ReplaceComparisonOperator_Eq_GtE'),
        ('if not finite or len(finite) == len(symbols) or prod(sizes) > MAX_CASES:',
         '`is` agrees with == on the small ints CPython keeps once (a step has far fewer than 257 variables)',
         'ReplaceComparisonOperator_Eq_Is'),
        ('if out is None or out.verdict != "proved":',
         "every Outcome's verdict is a literal of the source (the deciders' 'proved', 'refuted', ...): `is not` "
         'agrees on the interned literals (> is killed by tests/test_case_split.py)',
         'ReplaceComparisonOperator_NotEq_IsNot'),
        ('if all(out is not None and out.verdict == "proved" for out in shown):',
         "every Outcome's verdict is a literal of the source (the deciders' 'proved', 'refuted', ...): `is` agrees "
         "with == on the interned literals (<= and >= are killed by tests/test_case_split.py: 'numerically holds' "
         "sorts before 'proved', 'refuted' after it)",
         'ReplaceComparisonOperator_Eq_Is'),
    ],
    "derivcheck/deciders/lemma_match.py": [
        ('return True',
         'not equivalent, cannot make a false step proved: `plausible` only filters (it never proves), and this '
         'return is taken only where a variable\'s domain has no value to try (an empty domain); False there makes '
         'the residual give up, a proof withheld, never a step passed',
         'ReplaceTrueWithFalse', 'return False', 254),
        ('except Exception:  # SymPy or Z3 failed on the form: not proved this way',
         'not equivalent, cannot make a false step proved: the exception then leaves `residual` instead of '
         'becoming None (not proved); the verdict engine treats a decider that raises as not applicable to the '
         'form (decider_chain.first_answer), so a proof is lost, never a wrong verdict given',
         'ExceptionReplacer'),
        ('if depth == 0:',
         'depth is never negative: prove() passes depth from range(1, DEPTH + 1), and the recursive calls (depth '
         '- 1, lines 82 and 87) are reached only after this test returned for depth == 0, so with depth >= 1: <= '
         '0 and == 0 agree',
         'ReplaceComparisonOperator_Eq_LtE'),
        ('if rel == "=" and lemma.rel != "=":',
         "rel is '=', '<=' or '<' here (_Search.prove turns '>=' and '>' around at its start, and the public "
         "prove() refuses any other relation); '<' and '<=' sort before '=' ('<' is 0x3C, '=' 0x3D): >= '=' and "
         "== '=' agree",
         'ReplaceComparisonOperator_Eq_GtE'),
        ('if c.kind == "term":',
         "a condition's kind is one of lemmas.CONDITION_KINDS (holds, term, one, convex, concave: _cost's .index "
         "raises on any other before conditions_hold is reached); the other four sort before 'term': >= and == "
         'agree',
         'ReplaceComparisonOperator_Eq_GtE'),
        ('if c.kind == "term":',
         "every kind is a string literal in lemmas.py (Condition('term', ...), _real): CPython interns "
         'identifier-like literals, so `is` and == agree',
         'ReplaceComparisonOperator_Eq_Is'),
        ('if c.kind == "holds":',
         "every kind is a string literal in lemmas.py (Condition('holds', ...)): CPython interns identifier-like "
         'literals, so `is` and == agree',
         'ReplaceComparisonOperator_Eq_Is'),
        ('c.kind == "convex")',
         "the line is reached only with kind 'convex' or 'concave' (line 216), and 'concave' sorts before "
         "'convex' ('c' < 'v' at the fourth letter): >= 'convex' and == 'convex' agree",
         'ReplaceComparisonOperator_Eq_GtE'),
        ('out.verdict == "proved"',
         "transcendental.decide's outcomes are built with the literals 'proved' or 'refuted' (transcendental.py "
         "Outcome('refuted', ...) and Outcome('proved', ...), monotone.py Outcome('proved', ...)): interned, so "
         '`is` and == agree',
         'ReplaceComparisonOperator_Eq_Is'),
        ('remaining() < 0.2',
         "not equivalent, cannot change a verdict: it differs only when the step's remaining time is exactly 0.2 "
         's (a difference of monotonic clock readings), where the search then stops one instant earlier; '
         'stopping is never a proof, and what was proved before is unchanged',
         'ReplaceComparisonOperator_Lt_LtE'),
        ('body = value.expr if isinstance(value, sp.Lambda) else value',
         "a placeholder (X, Y, W, V, Phi) is only ever bound to an sp.Lambda (unify._call's two bindings, the "
         'only places that bind one), so the mutant takes the Lambda itself where the original takes its body: '
         "vector_valued(Lambda(t, body)) is vector_valued(body), the Lambda's atoms being its body's and its "
         "Dummy variable's (neither a Vec nor an Indexed), its inner products replaced inside the body alike",
         'AddNot'),
        ('values[min(k, len(values) - 1)] if d.integer else values[k % len(values)]',
         'not equivalent, cannot change a verdict: for k in 0..3 (PLAUSIBLE_POINTS), min(k, len - 1) and k % len '
         'agree whenever a symbol has 4 values or more; with fewer, the swap only changes which of the same '
         'values a symbol takes at the later points (an integer cycles instead of staying at its last size, a '
         'real stays at its last value instead of cycling). `plausible` is only a filter. It returns False only '
         "where `judge` finds the step false, exactly, at a point whose every value is a value of its symbol's "
         "or family's domain (special_values, or random_value / first checked with d.contains, else the filter "
         'gives up and returns True), and lemma_match never refutes: a False only makes prove() return None for '
         'a step that is false, or prunes a false sub-step from the search. Which points are tried changes only '
         "which false steps skip the search; everything that is proved is still proved by the lemmas' proved "
         'conditions and the sound residual provers',
         'AddNot'),
        ('thorough=False)',
         "not equivalent, cannot make a false step proved: thorough=True only adds SymPy's prove_relation (a "
         'prover) to obligations.prove after the cheap provers and Z3, when more than 1 s remains; it can prove '
         'more true residuals, slower, and never refutes',
         'ReplaceFalseWithTrue'),
        ('if f in PLACEHOLDERS.values() and isinstance(value, sp.Lambda):',
         'placeholders are bound only to sp.Lambda (unify._call) and holes (Lo, Hi, R, Q) only to subexpressions '
         'of the step (unify._match), which holds no Lambda (the reader makes none): the two tests agree on '
         'every binding describe() gets (term instances name their lemma without describe)',
         'ReplaceAndWithOr'),
        ('PLAUSIBLE_POINTS = 4',
         "not equivalent, cannot change a verdict: a fifth point (the sizes' next value, the alternating terms "
         'again). `plausible` is only a filter. It returns False only where `judge` finds the step false, '
         "exactly, at a point whose every value is a value of its symbol's or family's domain (special_values, "
         'or random_value / first checked with d.contains, else the filter gives up and returns True), and '
         'lemma_match never refutes: a False only makes prove() return None for a step that is false, or prunes '
         'a false sub-step from the search. Which points are tried changes only which false steps skip the '
         "search; everything that is proved is still proved by the lemmas' proved conditions and the sound "
         'residual provers',
         'NumberReplacer',
         'PLAUSIBLE_POINTS = 5'),
        ('2 <= v <= 6',
         "not equivalent, cannot change a verdict: 7 among an integer's sizes: it changes the first four values "
         'only where fewer than four of 2..6 come before 7 in special_values (an integer declared in [5, 7], '
         'say). `plausible` is only a filter. It returns False only where `judge` finds the step false, exactly, '
         "at a point whose every value is a value of its symbol's or family's domain (special_values, or "
         'random_value / first checked with d.contains, else the filter gives up and returns True), and '
         'lemma_match never refutes: a False only makes prove() return None for a step that is false, or prunes '
         'a false sub-step from the search. Which points are tried changes only which false steps skip the '
         "search; everything that is proved is still proved by the lemmas' proved conditions and the sound "
         'residual provers',
         'NumberReplacer',
         '<= 7]'),
        ('self.parenthesize(sp.Mul(*vectors), 40)',
         'parenthesize(item, level) adds parentheses when precedence(item) <= level, and no precedence lies in '
         "(40, 41]: SymPy's tables and functions give 1, 10, 20, 30, 35..38, 40, 50, 60, 70, 100 or 1000 (Vec "
         "and Inner define none and fall to Symbol's and Function's): <= 40 and <= 41 agree",
         'NumberReplacer',
         'sp.Mul(*vectors), 41)'),
        ('for depth in range(1, DEPTH + 1):',
         'a first pass at depth 0 only runs, on the top step, termwise(general=False), the same call the depth-1 '
         'pass starts with (on the same normalized step), and returns its proof or None (depth == 0); it counts '
         'no attempt and its tried key (depth 0) does not block the depth-1 pass: the same proof or None, found '
         'the same way (only the time taken differs)',
         'NumberReplacer',
         '0, DEPTH + 1)'),
        ('if a.base in bases and len(a.indices) == 1}',
         "an sp.Indexed has at least one index (Indexed.__new__ raises 'Indexed needs at least one index' "
         'otherwise), so len(a.indices) >= 1 always: <= 1 and == 1 agree',
         'ReplaceComparisonOperator_Eq_LtE'),
        ('if a.base in bases and len(a.indices) == 1}',
         'not equivalent, cannot make a false step proved: it adds to the indices j compared with the extremum '
         "the first index of the family's entries with several indices (x_{2,1} beside max_i x_{i,1}); each j is "
         'still proved inside lo..hi (line 104) before the instance max_i f(i) >= f(j) (min_i f(i) <= f(j)) is '
         'formed, and that instance holds for every index j of the (then nonempty) range, whichever j it is: the '
         'mutant can only prove more true steps, each by a true instance and a residual the sound provers prove',
         'ReplaceComparisonOperator_Eq_GtE'),
        ('"nonpositive" if lemma.rel == "<=" else "nonnegative"',
         "the line is reached only with lemma.rel != '=' (line 157), and a lemma's rel is '<=', '>=' or '=' "
         "(every Lemma in lemmas.LEMMAS, and term_instances' '>=' if big else '<='): of '<=' and '>=' only '<=' "
         "is <= '<=' ('>' 0x3E sorts after '<' 0x3C): <= and == agree",
         'ReplaceComparisonOperator_Eq_LtE'),
        ('first if k == 2 or m % 2 else -first',
         'k < 2 takes the first branch, so here k is 2 or 3 (k in range(PLAUSIBLE_POINTS), 4 points): k <= 2 and '
         'k == 2 agree',
         'ReplaceComparisonOperator_Eq_LtE'),
        ('out.verdict == "proved"',
         "transcendental.decide's outcomes have the verdict 'proved' or 'refuted' only (transcendental.py "
         "Outcome('refuted', ...) and Outcome('proved', ...), monotone.py Outcome('proved', ...)), and 'refuted' "
         "sorts after 'proved': <= 'proved' and == 'proved' agree",
         'ReplaceComparisonOperator_Eq_LtE'),
        ('index if len(index) == 1 else',
         "index is the printed indices joined by ',': an Indexed has at least one index, whose printed form is "
         'not empty, so len(index) >= 1 and <= 1 and == 1 agree',
         'ReplaceComparisonOperator_Eq_LtE'),
        ('if c.kind == "one":',
         "a condition's kind is one of lemmas.CONDITION_KINDS (holds, term, one, convex, concave: _cost's .index "
         "raises on any other before conditions_hold is reached); 'term' and 'holds' returned above, and "
         "'convex' and 'concave' sort before 'one': >= 'one' and == 'one' agree",
         'ReplaceComparisonOperator_Eq_GtE'),
        ('if c.kind == "one":',
         "every kind is a string literal in lemmas.py (Condition('one', ...)): CPython interns identifier-like "
         'literals, so `is` and == agree',
         'ReplaceComparisonOperator_Eq_Is'),
        ('c.kind == "convex")',
         "every kind is a string literal in lemmas.py (Condition('convex', ...), Condition('concave', ...)): "
         'CPython interns identifier-like literals, so `is` and == agree',
         'ReplaceComparisonOperator_Eq_Is'),
        ('if rel == "=":',
         "residual is called with rel '=', '<=' or '<' only (_Search.prove turns '>=' and '>' around at its "
         "start, and prove() passes `turned` to linear; no other module calls it); '<' and '<=' sort before '=' "
         "('<' is 0x3C, '=' 0x3D): >= '=' and == '=' agree",
         'ReplaceComparisonOperator_Eq_GtE'),
        ('if rel == "=":',
         "'=' is a one-character string: CPython keeps one object for each one-character latin-1 string, so "
         "every '=' (a literal here, in the reader or in lemmas.py) is the same object: `is` and == agree",
         'ReplaceComparisonOperator_Eq_Is'),
        ('e.exp == sp.Rational(1, 2)',
         'SymPy keeps one object for 1/2: Rational(1, 2) is S.Half, and Rational.__new__ returns the singleton '
         'S.Half for every rational equal to 1/2 (Rational(2, 4), S(1)/2, the exponent of sqrt), while a Float '
         '0.5 is not == Rational(1, 2) in SymPy 1.14 either: `is` and == agree',
         'ReplaceComparisonOperator_Eq_Is'),
        ('if rel == "=" and lemma.rel != "=":',
         "lemma.rel is a string literal ('<=', '>=', '=' in lemmas.py, '>=' or '<=' in term_instances); '=' is a "
         'one-character string, of which CPython keeps one object: `is not` and != agree',
         'ReplaceComparisonOperator_NotEq_IsNot'),
        ('if lemma.rel != "=":',
         "lemma.rel is a string literal ('<=', '>=', '=' in lemmas.py, '>=' or '<=' in term_instances); '=' is a "
         'one-character string, of which CPython keeps one object: `is not` and != agree',
         'ReplaceComparisonOperator_NotEq_IsNot'),
        ('if (f is lemmas.V) != bool(vector_valued(body)):',
         'both sides are bools (an `is` test and bool()), and True and False are singletons: `is not` and != agree',
         'ReplaceComparisonOperator_NotEq_IsNot'),
        ('if holds is False:',
         "holds is None (the except) or judge's first value: None, False, or _compare_exact's / _compare_sign's "
         'value, a Python bool (== on SymPy numbers, bool(...), comparisons of ints); None == False is False, so '
         '== False and `is False` agree',
         'ReplaceComparisonOperator_Is_Eq'),
        ('body = value(sp.Symbol("t" if f is lemmas.Phi else "i"))',
         'f is one of the placeholders (line 334): the UndefinedFunction classes _X, _Y, _W, _V, _Phi, whose == '
         'compares their names (and assumptions), all different: f == Phi only for Phi itself, so == and `is` '
         'agree',
         'ReplaceComparisonOperator_Is_Eq'),
        ("'phi(t)' if f is lemmas.Phi else name + '_i'",
         'f is one of the placeholders (line 334): the UndefinedFunction classes _X, _Y, _W, _V, _Phi, whose == '
         'compares their names (and assumptions), all different: f == Phi only for Phi itself, so == and `is` '
         'agree',
         'ReplaceComparisonOperator_Is_Eq'),
        ('self.residuals[(lhs, rel, rhs)] = residual(lhs, rel, rhs, self.assumptions, checked=True)',
         'checked=False only makes residual call plausible(lhs, rel, rhs, assumptions) first, and this line is '
         'reached only after self.plausible(lhs, rel, rhs) returned True (line 62) for the same arguments: the '
         'same function, deterministic (a fresh random.Random(0), free_variables sorted, judge exact), so it '
         'returns True again and residual goes on as with checked=True: the same result, only slower',
         'ReplaceTrueWithFalse'),
        ('return residual(flat_l, rel, flat_r, self.assumptions, checked=True)',
         'not equivalent, cannot change a verdict: checked=False makes residual run plausible on the step with '
         'its sums split over their terms before proving it (prove() checked the step before the split). '
         'plausible returns False only where judge finds that step false, exactly, at a point of its domain (or '
         'one side undefined there), where no sound residual prover proves it either, and `same` is tested '
         'before the filter: the mutant can only turn into None a proof that cannot exist, and lemma_match never '
         'refutes',
         'ReplaceTrueWithFalse'),
        ('i, lo, hi = atom.limits[0]',
         'atom is a MaxOver or MinOver (OVER), whose __new__ (functions._Over) raises unless it has exactly one '
         'limit (i, lo, hi): limits[0] and limits[-1] are the same',
         'NumberReplacer'),
        ('named = {a.indices[0] for a in both',
         'the comprehension keeps only entries with len(a.indices) == 1 (its condition, line 102, is tested '
         'before the element is computed): indices[0] and indices[-1] are the same index',
         'NumberReplacer'),
        ('rng = random.Random(0)',
         'not equivalent, cannot change a verdict: another seed only changes which random members of their '
         'domains the families take at the first two points (and which one where 2 is not in the domain). '
         '`plausible` is only a filter. It returns False only where `judge` finds the step false, exactly, at a '
         "point whose every value is a value of its symbol's or family's domain (special_values, or random_value "
         '/ first checked with d.contains, else the filter gives up and returns True), and lemma_match never '
         'refutes: a False only makes prove() return None for a step that is false, or prunes a false sub-step '
         'from the search. Which points are tried changes only which false steps skip the search; everything '
         "that is proved is still proved by the lemmas' proved conditions and the sound residual provers",
         'NumberReplacer'),
        ('self.parenthesize(sp.Mul(*scalars), 40)',
         'parenthesize(item, level) adds parentheses when precedence(item) <= level, and no precedence lies in '
         "(40, 41]: SymPy's tables and functions give 1, 10, 20, 30, 35..38, 40, 50, 60, 70, 100 or 1000 (a "
         "negative number is Add's 40, a positive one Mul's 50): <= 40 and <= 41 agree",
         'NumberReplacer',
         'sp.Mul(*scalars), 41)'),
        ('if steps is None or len(steps) < 2:',
         'steps is None or a list of at least two: _Search.prove at the top (top=True, depth >= 1) returns '
         "['comparing the sums term by term', how], [describe(...)] + rest or [lemma.name] + rest with rest a "
         'non-empty list (its one-element [how] is returned only below the top, top=False), and the two '
         'fallbacks build two-element lists: len(steps) is never 1, so < 1 and < 2 agree',
         'NumberReplacer',
         'len(steps) < 1'),
        ('if (f is lemmas.V) != bool(vector_valued(body)):',
         "f is one of the placeholder functions made once per name by unify.placeholder (sp.Function('_' + "
         "name), cached in PLACEHOLDERS); SymPy's undefined functions compare equal exactly when their names "
         '(and assumptions) are, and no other function named _V exists, so f == lemmas.V exactly when f is '
         'lemmas.V',
         'ReplaceComparisonOperator_Is_Eq'),
        ('return f"||{self._print(e.base.args[0])}||"',
         'the line runs only when e.base.args[0] == e.base.args[1] (an inner product of a vector with itself, '
         'two arguments): args[1] and args[-1] print the same vector',
         'NumberReplacer'),
        ('self.assumptions, self.vector, self.attempts = assumptions, vector, 0',
         'not equivalent, cannot make a false step proved: starting the count at -1 allows one more lemma '
         'instance per step than MAX_ATTEMPTS (a search budget); every instance tried still has its side '
         'conditions proved and its bound substituted only where the step is monotone in it, so one more '
         'instance can only find one more proof of a true step',
         'NumberReplacer'),
    ],
    "derivcheck/deciders/general_term.py": [
        ('rel = "<" if prop == "positive" else "<="',
         "prop is 'nonnegative' or 'positive' here (line 102 returns None for any other): 'positive' >= "
         "'positive' holds and 'nonnegative' >= 'positive' does not ('n' < 'p'), as with ==",
         'ReplaceComparisonOperator_Eq_GtE'),
        ('if prop == "nonnegative" and sp.count_ops(term) <= MAX_SIMPLIFY_OPS',
         "prop is 'nonnegative' or 'positive' here (line 102 returns None for any other): 'nonnegative' <= "
         "'nonnegative' holds and 'positive' <= 'nonnegative' does not, as with ==",
         'ReplaceComparisonOperator_Eq_LtE'),
        ('how = out.method if out is not None and out.verdict == "proved" else None',
         "transcendental.decide's verdicts are 'proved' or 'refuted' (its Outcomes at transcendental.py's "
         "by_bounds and monotone.py's by_derivative): 'refuted' <= 'proved' is False, so <= and == agree",
         'ReplaceComparisonOperator_Eq_LtE'),
        ('how = out.method if out is not None and out.verdict == "proved" else None',
         "the verdict is always one of the literals 'proved' / 'refuted' written in transcendental.py and "
         'monotone.py, never built at run time: `is` agrees with == on these interned identifier-like literals',
         'ReplaceComparisonOperator_Eq_Is'),
        ('inside = (sp.sympify(lo) - lo2).is_nonnegative is True',
         "SymPy's is_nonnegative is True, False or None: == True and `is True` agree on them",
         'ReplaceComparisonOperator_Is_Eq'),
        ('props = {p: True for p in SIGNS if getattr(a, f"is_{p}") is True}',
         "SymPy's is_<sign> properties are True, False or None: == True and `is True` agree on them",
         'ReplaceComparisonOperator_Is_Eq'),
        ('kept = [f for f in term.args if f.is_positive is not True]',
         "SymPy's is_positive is True, False or None: != True and `is not True` agree on them",
         'ReplaceComparisonOperator_IsNot_NotEq'),
        ('if holds is False:',
         "judge's holds is True, False or None (bool() of a comparison, or a literal): == False and `is False` "
         'agree on them',
         'ReplaceComparisonOperator_Is_Eq'),
        ('return sp.Mul(*kept) if kept else sp.Integer(1)',
         'every factor is positive, and 2 stands for the product as well as 1: both hold 0 < c and 0 <= c at '
         'every plain point, neither simplifies to 0, and obligations.prove shows both by its first test with '
         "the same text ('SymPy (the sign of the difference)')",
         'NumberReplacer',
         'Integer( 2)'),
        ('PLAIN_POINTS = 12',
         _PLAIN_POINTS,
         'NumberReplacer'),
        ('found, _ = counterexamples.search(sp.Integer(0), rel, term, assumptions, points=PLAIN_POINTS, seed=0,',
         _PLAIN_POINTS,
         'NumberReplacer'),
        ('if len(_SHOWN) > CACHE_SIZE:',
         'not equivalent, cannot change a verdict: the cache is emptied one entry earlier or later (len(_SHOWN) '
         'grows by one per new key, so == CACHE_SIZE and >= CACHE_SIZE both clear at 512 entries instead of '
         '513); an emptied entry is only computed again by _proved; that the cache answers repeated questions '
         'and stays bounded is pinned by tests/test_general_term_mutants.py',
         'ReplaceComparisonOperator_Gt_Eq'),
        ('if len(_SHOWN) > CACHE_SIZE:',
         'not equivalent, cannot change a verdict: the cache is emptied one entry earlier or later (len(_SHOWN) '
         'grows by one per new key, so == CACHE_SIZE and >= CACHE_SIZE both clear at 512 entries instead of '
         '513); an emptied entry is only computed again by _proved; that the cache answers repeated questions '
         'and stays bounded is pinned by tests/test_general_term_mutants.py',
         'ReplaceComparisonOperator_Gt_GtE'),
        ('CACHE_SIZE = 512',
         "not equivalent, cannot change a verdict: the cache's size (an emptied entry is only computed again by "
         '_proved)',
         'NumberReplacer'),
        ('MAX_SIMPLIFY_OPS = 80',
         'not equivalent, cannot make a false step proved or a true one refuted: the size limit of the simplify '
         'shortcut moved by one operation, so a term of exactly 80 (or 81) operations is simplified or not; '
         "simplify's 0 proves only >= 0 of a term that is 0, and when the shortcut is not taken the provers are "
         'still asked, so at most a true term of that size is proved or left unproved (the comparison with the '
         'limit is pinned relative to MAX_SIMPLIFY_OPS by tests/test_general_term_mutants.py)',
         'NumberReplacer'),
        ('how = obligations.prove(sp.Integer(0), rel, term, fresh, thorough=False)',
         "not equivalent, cannot make a false step proved or a true one refuted: thorough=True adds SymPy's "
         'prove_relation (sound, slower) after the quick provers, a time budget choice for a function asked '
         'about every term; it proves some true terms the quick pass and the transcendental bounds do not (w - '
         'atan(w) >= 0 for w >= 0), never a false one, and general_term never refutes',
         'ReplaceFalseWithTrue'),
        ('how = obligations.prove(sp.Integer(0), rel, ranged[0], ranged[1], thorough=False)',
         "not equivalent, cannot make a false step proved or a true one refuted: the same budget choice for the "
         "term with its powers as numbers of their ranges (thorough=True adds SymPy's sound, slower "
         'prove_relation); general_term never refutes',
         'ReplaceFalseWithTrue'),
    ],
    "derivcheck/deciders/same_value.py": [
        ('return sp.sympify(mine if other is theirs else theirs) == 0 and all(c == 0 for c in other)',
         'exactly one of mine, theirs is a matrix here (the branch above) and other is that one: `other == '
         'theirs` is True when other is theirs and False otherwise (a SymPy matrix compared with a non-matrix is '
         'never equal), as `is` is',
         'ReplaceComparisonOperator_Is_Eq'),
        ('if ((exp - 1) / 2).is_integer:',
         '(exp + 1)/2 = (exp - 1)/2 + 1 is an integer exactly when (exp - 1)/2 is, for every exponent',
         'ReplaceBinaryOperator_Sub_Add'),
    ],
    "derivcheck/deciders/sum_identities.py": [
        ('if p.rel != "=" or not (p.lhs.has(sp.Sum) or p.rhs.has(sp.Sum)):',
         '`is not` and != agree on a one-character string: CPython keeps one object per one-character string '
         "(the reader's relation '=' is that object however it was built)",
         'ReplaceComparisonOperator_NotEq_IsNot'),
    ],
    "derivcheck/deciders/abstraction.py": [
        ('if len(cs) > 1 and base.free_symbols and all(abs(c * q) <= MAX_POWER for c in cs):',
         'cs is a set that setdefault(...).add(c) made nonempty: len(cs) >= 1, so != 1 and > 1 agree',
         'ReplaceComparisonOperator_Gt_NotEq'),
        ('if e is sp.E:',
         "sp.E is SymPy's singleton and the only expression equal to E (exp(1) evaluates to it): == and `is` agree",
         'ReplaceComparisonOperator_Is_Eq'),
        ('if e is sp.pi:',
         "sp.pi is SymPy's singleton and the only expression equal to pi: == and `is` agree",
         'ReplaceComparisonOperator_Is_Eq'),
        ('return self._log(e.args[0])',
         'the branch is taken only when len(e.args) == 1: args[-1] is args[0]',
         'NumberReplacer',
         'args[ -1]'),
        ('cos, sin = self._trig(e.args[0])',
         'cos and sin have one argument: args[-1] is args[0]',
         'NumberReplacer',
         'args[ -1]'),
        ('x = self.term(e.args[0])',
         'Abs has one argument: args[-1] is args[0]',
         'NumberReplacer',
         'args[ -1]'),
        ('for x in xs[1:]:',
         'the extra first step compares xs[0] with itself: If(x0 > x0, x0, x0) and If(x0 < x0, x0, x0) are x0, '
         'the value the loop starts from',
         'NumberReplacer',
         'xs[ 0:]'),
        ('out = z3.If(x > out, x, out) if isinstance(e, sp.Max)',
         'If(x >= out, x, out) differs from If(x > out, x, out) only where x == out, where both values are equal',
         'ReplaceComparisonOperator_Gt_GtE'),
        ('return z3.If(x >= 0, x, -x)',
         'If(x > 0, x, -x) differs only at x = 0, where x and -x are both 0',
         'ReplaceComparisonOperator_GtE_Gt'),
        ('if n < 0:',
         'n is never 0, so n < 0, n <= 0 and n < 1 agree: _power_of gets int(ex.p) of a half-integer exponent '
         '(odd) or int(c * q) for an exponential c * base with arg != base/q, where c = 0 would make arg 0, '
         'which has no free symbols and is never scaled (scale needs base.free_symbols)'),
        ('if len(terms) > 1:  # e^{a + b}',
         '_terms returns () or a tuple of more than one summand (1 < len(terms)): len(terms) >= 1 and > 1 agree',
         'ReplaceComparisonOperator_Gt_GtE'),
        ('yield x.args[0]',
         'exp has one argument: args[-1] is args[0]',
         'NumberReplacer',
         'args[ -1]'),
        ('sign = 1 if isinstance(piece, sp.Max) else -1',
         "~1 is -2: min's case conditions are -2 (x - y) instead of -(x - y), each meaning c >= 0, the same set "
         "of points (the conditions are only used as a.term(c) >= 0 in the case's query)",
         'ReplaceUnaryOperator_USub_Invert'),
        ('constant: bool = False  # F of a number',
         'every exp and log Atom is built with constant= given explicitly; the default reaches only cos and sin '
         "atoms and transcendental's exp(0) `one` and _shifted centres, none of which is ever read for .constant "
         "(only the `exps` list, built from a.atoms with function 'exp', is)",
         'ReplaceFalseWithTrue'),
        ('if base in self.scale and arg != base / self.scale[base]:',
         'not equivalent, cannot change a verdict: `is not` and != differ only when arg equals base/q as a '
         "different object; arg is either the step's own subexpression or base/q just computed by the caller, "
         "and SymPy's cache returns the identical object for the equal construction base/q, so the mutant then "
         'takes the branch only for an equal arg and returns _power_of(atom, 1) = 1 * atom, the same value '
         '(without the cache it could only recurse, a crash, never a proof)',
         'ReplaceComparisonOperator_NotEq_IsNot'),
        ('return [v >= _rational(b.lower()), v <= _rational(b.upper())]',
         'not equivalent, cannot make a false step proved: v < hi excludes only the dyadic end hi itself, which '
         'the enclosed constant never is (pi, e^c and log c of constants SymPy leaves unevaluated are '
         'irrational, and Arb rounds the end outward); only a true statement about that very end (c < hi) could '
         'change from unproved to proved (tests pin both ends: tests/test_abstraction.py)',
         'ReplaceComparisonOperator_LtE_Lt'),
        ('return [v >= _rational(b.lower()), v <= _rational(b.upper())]',
         'not equivalent, cannot make a false step proved: v > lo excludes only the dyadic end lo itself, which '
         'the enclosed constant never is (pi, e^c and log c of constants SymPy leaves unevaluated are '
         'irrational, and Arb rounds the end outward); only a true statement about that very end (c > lo) could '
         'change from unproved to proved (tests pin both ends: tests/test_abstraction.py)',
         'ReplaceComparisonOperator_GtE_Gt'),
        ('b = evaluate(c, {}, 128)',
         "not equivalent, cannot make a false step proved: 129 bits gives an Arb ball as valid as 128 bits' and "
         'about half as wide; only a true statement about a constant within about 2^-128 of its value could '
         'change from unproved to proved',
         'NumberReplacer'),
        ('flint.ctx.prec = 128  # lower() and upper() round outward',
         "not equivalent, cannot make a false step proved: lower() and upper() round outward at the context's "
         'precision, so at 129 bits the ends are still below and above the ball (at most one bit finer); only a '
         'true statement about a constant within about 2^-128 of its value could change',
         'NumberReplacer'),
        ('self.facts += _enclosure(e, sp.exp(arg, evaluate=False))',
         'not equivalent, cannot make a false step proved: evaluate=True lets SymPy simplify exp(arg) of a '
         'constant (exp(1) to E, ...), the same real number, which Arb encloses validly either way; only the '
         "ball's width can change",
         'ReplaceFalseWithTrue'),
        ('return terms if 1 < len(terms) <= MAX_TERMS and sp.sympify(arg).free_symbols else ()',
         'not equivalent, cannot make a false step proved: 0 < len(terms) also returns a one-summand expansion; '
         "in _exp it is ignored (len(terms) > 1), and in _exp_arguments it only adds expand(arg)'s coefficient "
         "to group's table, equal to arg's own unless the argument is an unexpanded sum that cancels to one term "
         '(x (x + 1) - x^2); then exponentials of that base may become powers of one atom, an exact rewriting '
         'with the same true facts',
         'NumberReplacer',
         '0 < len(terms)'),
        ('yield x.exp * sp.log(x.base, evaluate=False)',
         "not equivalent, cannot make a false step proved: evaluate=True changes group's key only where SymPy "
         "simplifies log(b) (b = 1/q gives -log q, b = exp(y), ...), and only group's table uses it: _exp still "
         'rewrites exactly e^{c base} = (e^{base/q})^{c q} for an argument equal to c*base, so at worst '
         'exponentials that could share an atom stay separate atoms, every fact still true (bases 1/q are '
         'already rewritten to q^-x by bounds.rewrite before the translation)',
         'ReplaceFalseWithTrue'),
        ('self.atoms.append(Atom("exp", w, h, guard=h > 0, label=f"log({sp.sstr(arg)})", constant=not '
         'arg.free_symbols))',
         "not equivalent, cannot make a false step proved: h >= 0 or h != 0 lets log's bounds also bind where h "
         "<= 0, where the step is undefined; there every bound is still met by a low enough W (exp's lower "
         "bounds are odd-degree Taylor polynomials, which go to -oo with W; its upper bounds and log's rational "
         'bounds, cleared of h, hold at h = 0 and for h < 0 with W low), so an undefined point keeps its models '
         'and the definedness disjunct (self.defined: h > 0 fails) still makes it a counterexample; 20 log '
         'statements with arguments that can be 0 or negative keep their verdicts under both mutants '
         '(tests/test_abstraction.py pins several)',
         'ReplaceComparisonOperator_Gt'),
        ('return terms if 1 < len(terms) <= MAX_TERMS and sp.sympify(arg).free_symbols else ()',
         'not equivalent, cannot make a false step proved: like 0 < len(terms), it also returns a one-summand '
         'expansion (1 <= len, 1 != len and `1 is not len` all hold at len 1, and at len 0 the result is () '
         "either way); in _exp it is ignored (len(terms) > 1), and in _exp_arguments it only adds expand(arg)'s "
         "coefficient to group's table, an exact rewriting with the same true facts",
         'ReplaceComparisonOperator_Lt_'),
        ('if isinstance(e, sp.log) and len(e.args) == 1:',
         'SymPy evaluates log(x, b) to log(x)/log(b) on construction, so a log object always has exactly one '
         'argument: <= 1 and >= 1 agree with == 1',
         'ReplaceComparisonOperator_Eq_'),
        ('if len(terms) > 1:  # e^{a + b} = e^a e^b',
         '_terms returns () or a tuple of more than one summand (1 < len(terms)): len(terms) > 0 and > 1 agree',
         'NumberReplacer'),
        ('return self._exp(e.args[0])',
         'e is an exp here, which has exactly one argument: args[-1] is args[0]',
         'NumberReplacer'),
        ('yield from _terms(x.args[0])',
         'x is an exp here, which has exactly one argument: args[-1] is args[0]',
         'NumberReplacer'),
        ('if ex < 0:',
         'ex is an Integer here and never 0 (SymPy evaluates b**0 to 1 on construction, so no power with '
         'exponent 0 reaches _power): ex < 0, ex <= 0 and ex < 1 agree on every nonzero integer'),
        ('u = piece.args[0]',
         'piece is an Abs here, which has exactly one argument: args[-1] is args[0]',
         'NumberReplacer'),
        ('return [(x, [sign * (x - y) for y in piece.args if y is not x]) for x in piece.args]',
         "SymPy's Max and Min keep distinct arguments only (equal ones are merged on construction), so two "
         'arguments are equal exactly when they are the same object: != and `is not` agree',
         'ReplaceComparisonOperator_IsNot_NotEq'),
        ('sign = 1 if isinstance(piece, sp.Max) else -1',
         'the sign only scales each branch condition c >= 0 of a min: -2 (x - y) >= 0 holds exactly when -(x - '
         'y) >= 0',
         'NumberReplacer'),
        ('out = z3.If(x > out, x, out) if isinstance(e, sp.Max) else z3.If(x < out, x, out)',
         'where x == out, If(x <= out, x, out) and If(x < out, x, out) are x and out, the same value: min is '
         'computed alike at every point',
         'ReplaceComparisonOperator_Lt_LtE'),
        ('self.defined.append(r != 0)',
         "r is either a square root r of x, with x >= 0 an obligation of the same query and x >= 0 -> r >= 0 a "
         'fact, or an exponential, with r > 0 a fact: at every model where the other obligations hold r >= 0, so '
         'r != 0 and r > 0 fail at the same models (the negated step is an Or of the failed obligations)',
         'ReplaceComparisonOperator_NotEq_Gt'),
        ('return self._exp(ex * sp.log(base, evaluate=False))',
         'not equivalent, cannot make a false step proved: evaluate=True lets SymPy rewrite log(b) into an equal '
         'form (log(1/2) = -log 2, log(e^y) = y for real y, log(E^2) = 2), whose translation has the same value; '
         "the definedness obligation b > 0 it leaves out is one SymPy's rewriting itself proved (e^y > 0)",
         'ReplaceFalseWithTrue'),
        ('self.facts += _enclosure(w, sp.log(arg, evaluate=False))',
         'not equivalent, cannot make a false step proved: evaluate=True lets SymPy rewrite log(c) of a constant '
         'into an equal form (log(1/2) = -log 2, log(E^2) = 2), the same real number, which Arb encloses validly '
         "either way; only the ball's width can change",
         'ReplaceFalseWithTrue'),
        ('MAX_CASES = 16  # the most cases |.|, max and min are split into',
         'not equivalent, cannot make a false step proved: a budget; past it |.|, max and min stay if-then-else '
         'terms, the same values (tests/test_abstraction.py proves steps both ways), so 17 cases only change how '
         'the same facts are split into queries',
         'NumberReplacer'),
        ('self.atoms.append(Atom("exp", w, h, guard=h > 0, label=f"log({sp.sstr(arg)})", constant=not arg.free_symbols))',
         'not equivalent, cannot make a false step proved unless the bounds contradicted each other: the guard '
         "says where log's bounds are asserted, and at h in (-1, 0] the definedness obligation h > 0 fails, so a "
         'model there already refutes the step being defined; only bounds of exp(w) with no solution w at such '
         'an h could remove it, and none of them excludes every w (the lower Taylor bounds of odd degree are '
         'negative for w small, the upper ones hold for h <= 0): checked, log(v)^2 >= 0 on v in [-1/2, -1/4] is '
         'still refuted with this mutant',
         'NumberReplacer'),
    ],
}


def _slug(module: str) -> str:
    return module.replace("/", ".").removesuffix(".py")


def _test_command(module: str) -> str:
    """The config line that runs a module's tests, as MODULES names them today."""
    return f'test-command = "{PYTEST} {MODULES[module]}"'


def _prepare(work: Path, module: str, timeout: float | None) -> tuple[Path, Path, Path, float]:
    """A new session in `work`: the committed tree, its config, every mutant of `module` (none run yet)."""
    if work.exists():
        shutil.rmtree(work)
    tree = work / "tree"
    tree.mkdir(parents=True)
    archive = subprocess.run(["git", "archive", "HEAD"], cwd=ROOT, capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(tree)], input=archive, check=True)
    (work / "commit.txt").write_text(subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True,
                                                    text=True, check=True).stdout)
    config = work / "cosmic-ray.toml"
    config.write_text(f"""[cosmic-ray]
module-path = "{module}"
timeout = {timeout or 30.0}  # a mutant that loops forever (t -= 1) is killed by it; on a loaded machine: --timeout
excluded-modules = []
{_test_command(module)}

[cosmic-ray.distributor]
name = "local"

[cosmic-ray.filters.operators-filter]
exclude-operators = [{", ".join(EXCLUDED)}]
""")
    session = work / "session.sqlite"
    bin_dir = Path(sys.executable).parent
    _baseline(module, tree)
    t0 = time.monotonic()
    for cmd in (["cosmic-ray", "init", str(config), str(session)], ["cr-filter-operators", str(session), str(config)]):
        subprocess.run([str(bin_dir / cmd[0])] + cmd[1:], cwd=tree, check=True, capture_output=True)
    return tree, config, session, t0


def run_module(module: str, shards: int = 1, timeout: float | None = None) -> dict:
    work = OUT / _slug(module)
    tree, config, session, t0 = _prepare(work, module, timeout)
    bin_dir = Path(sys.executable).parent
    if shards > 1:
        (work / "seconds.txt").write_text(str(time.monotonic() - t0))
        return _rerun(module, None, None, shards)
    subprocess.run([str(bin_dir / "cosmic-ray"), "exec", str(config), str(session)], cwd=tree, check=True,
                   capture_output=True)
    return summarize(module, session, time.monotonic() - t0)


def _baseline(module: str, tree: Path) -> None:
    """The module's tests must pass on the unmutated tree: otherwise every mutant would count as killed."""
    r = subprocess.run(f"{PYTEST} {MODULES[module]}".split(), cwd=tree, capture_output=True, text=True)
    if r.returncode:
        last = (r.stdout.strip().splitlines() or ["?"])[-1]
        raise SystemExit(f"mutate: the tests of {module} fail on its unmutated tree ({last}): no mutant is run")


def _refresh_tree(module: str) -> tuple[Path, Path, Path]:
    """The session's tree remade from the commit now (tests and every other module), refusing a changed module.

    The stored mutants are still the module's mutants only while the module itself is unchanged. The tests must pass
    on the new tree unmutated (a test that needs newer code than the tree has would fail on every mutant and count
    it as killed). Mutants killed earlier are not run again: sound while tests were added, not weakened.
    """
    work = OUT / _slug(module)
    session, tree = work / "session.sqlite", work / "tree"
    head = subprocess.run(["git", "show", f"HEAD:{module}"], cwd=ROOT, capture_output=True, check=True).stdout
    base = work / "commit.txt"  # the commit the session's tree was made from
    unchanged = (subprocess.run(["git", "diff", "--quiet", base.read_text().strip(), "HEAD", "--", module],
                                cwd=ROOT).returncode == 0 if base.exists() else (tree / module).read_bytes() == head)
    if not session.exists() or not unchanged:
        raise SystemExit(f"mutate: {module} changed since its session (or has none): run it again in full")
    # the whole tree as committed now (tests and the modules they use), the module itself unchanged; an interrupted
    # run may have left its last mutant in the old tree
    # today's test command: MODULES may name more test files than when the session began, and a retest with the
    # old command would not run the new tests
    config = work / "cosmic-ray.toml"
    config.write_text("".join(f"{_test_command(module)}\n" if line.startswith("test-command =") else line
                              for line in config.read_text().splitlines(keepends=True)))
    shutil.rmtree(tree)
    tree.mkdir()
    archive = subprocess.run(["git", "archive", "HEAD"], cwd=ROOT, capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(tree)], input=archive, check=True)
    assert (tree / module).read_bytes() == head
    _baseline(module, tree)
    return work, session, tree


def _fresh_session(module: str) -> tuple[Path, Path, Path]:
    work = OUT / _slug(module)
    return work, work / "session.sqlite", work / "tree"


def _exec(work: Path, session: Path, tree: Path) -> float:
    t0 = time.monotonic()
    subprocess.run([str(Path(sys.executable).parent / "cosmic-ray"), "exec", str(work / "cosmic-ray.toml"),
                    str(session)], cwd=tree, check=True, capture_output=True)
    return time.monotonic() - t0


def _add_seconds(work: Path, seconds: float) -> float:
    timing = work / "seconds.txt"
    return (float(timing.read_text()) if timing.exists() else 0.0) + seconds


def resume(module: str) -> dict:
    """Run the mutants an interrupted session never ran, against the tests now committed."""
    work, session, tree = _refresh_tree(module)
    return summarize(module, session, _add_seconds(work, _exec(work, session, tree)))


def retest_survivors(module: str, shards: int = 1, timeout: float | None = None) -> dict:
    """Run only the surviving mutants of a session (finished or partial) again, against the tests now committed.

    timeout: seconds per mutant instead of the session's (a survivor runs the whole test file: on a loaded
    machine a short timeout would count it as killed). The run's minutes add up.
    """
    return _rerun(module, "test_outcome = 'SURVIVED'", timeout, shards)


def retest_timeouts(module: str, seconds: float, shards: int = 1) -> dict:
    """Run the mutants killed by a timeout again with a longer one (the rest of the session parked)."""
    return _rerun(module, "output LIKE 'timeout%'", seconds, shards)


def _with_timeout(module: str, seconds: float) -> str:
    config = OUT / _slug(module) / "cosmic-ray.toml"
    return "\n".join(f"timeout = {seconds:.1f}" if line.startswith("timeout =") else line
                     for line in config.read_text().splitlines()) + "\n"


def _rerun(module: str, which: str | None, seconds: float | None, shards: int) -> dict:
    """Run the session's mutants whose results match `which` again (None: those never run), in `shards` parallel
    copies of the tree.

    A partial session stays partial: its mutants never run are parked (a placeholder result) while the others
    run, then restored. Each shard is a copy of the tree and of the session in which only its share is rerun; the
    shards' new results are copied back into the session.
    """
    import sqlite3

    work, session, tree = _refresh_tree(module) if which is not None else _fresh_session(module)
    config = work / "cosmic-ray.toml"
    if seconds is not None:
        text = _with_timeout(module, seconds)
        config = work / "cosmic-ray-rerun.toml"
        config.write_text(text)
    with sqlite3.connect(session) as db:
        pending = [r[0] for r in db.execute("SELECT job_id FROM work_items WHERE job_id NOT IN "
                                            "(SELECT job_id FROM work_results)")]
        jobs = pending if which is None else [r[0] for r in db.execute(f"SELECT job_id FROM work_results WHERE {which}")]
        if which is None:  # a fresh session: every mutant not yet run, nothing parked
            pending = []
    places = []
    for k in range(shards):
        share = jobs[k::shards]
        if shards == 1:
            place, place_tree = session, tree
        else:
            place, place_tree = work / f"shard-{k}" / "session.sqlite", work / f"shard-{k}" / "tree"
            shutil.rmtree(place.parent, ignore_errors=True)
            shutil.copytree(tree, place_tree)
            shutil.copy(session, place)
        with sqlite3.connect(place) as db:
            db.executemany("DELETE FROM work_results WHERE job_id = ?", [(j,) for j in share])
            others = [j for j in jobs if j not in set(share)] if which is None else []  # another shard's share
            db.executemany("INSERT INTO work_results (worker_outcome, output, test_outcome, diff, job_id) "
                           "VALUES ('SKIPPED', 'parked', NULL, NULL, ?)", [(j,) for j in pending + others])
        places.append((place, place_tree, share))
    t0 = time.monotonic()
    cmd = str(Path(sys.executable).parent / "cosmic-ray")
    try:
        procs = [subprocess.Popen([cmd, "exec", str(config), str(place)], cwd=place_tree, stdout=subprocess.DEVNULL,
                                  stderr=subprocess.DEVNULL) for place, place_tree, _ in places]
        if any(p.wait() for p in procs):
            raise SystemExit(f"mutate: cosmic-ray exec failed for {module}")
    finally:
        with sqlite3.connect(session) as db:
            for place, _, share in places:
                if place != session:
                    with sqlite3.connect(place) as shard:
                        rows = [r for j in share for r in shard.execute(
                            "SELECT worker_outcome, output, test_outcome, diff, job_id FROM work_results "
                            "WHERE job_id = ?", (j,))]
                    db.executemany("DELETE FROM work_results WHERE job_id = ?", [(r[4],) for r in rows])
                    db.executemany("INSERT INTO work_results (worker_outcome, output, test_outcome, diff, job_id) "
                                   "VALUES (?, ?, ?, ?, ?)", rows)
                    shutil.rmtree(place.parent, ignore_errors=True)
            db.execute("DELETE FROM work_results WHERE output = 'parked'")
    return summarize(module, session, _add_seconds(work, time.monotonic() - t0))


def _unmutated_source(work: Path, module: str) -> list[str]:
    """The module's lines as the session's commit has them. Not the tree's copy: while a session runs, cosmic-ray
    holds a mutant applied there, and a survivor's line read from it was recorded with that mutant in it."""
    commit = work / "commit.txt"
    if commit.exists():
        shown = subprocess.run(["git", "show", f"{commit.read_text().strip()}:{module}"], cwd=ROOT,
                               capture_output=True, text=True)
        if shown.returncode == 0:
            return shown.stdout.splitlines()
    return (work / "tree" / module).read_text(encoding="utf-8").splitlines()


def summarize(module: str, session: Path, seconds: float) -> dict:
    from cosmic_ray.work_db import WorkDB, use_db  # noqa: PLC0415  (the optional `mutate` extra)

    source = _unmutated_source(session.parent, module)
    killed, survived, incompetent, timeouts, explained, survivors = 0, 0, 0, 0, 0, []
    equivalent = 0
    timing = session.parent / "seconds.txt"
    if not seconds and timing.exists():  # a report rewritten later keeps the run's duration
        seconds = float(timing.read_text())
    elif seconds:
        timing.write_text(f"{seconds:.0f}")
    with use_db(str(session), WorkDB.Mode.open) as db:
        pending = db.num_work_items - db.num_results
        for item, result in db.completed_work_items:
            if result.worker_outcome == "skipped":
                continue
            if result.test_outcome == "killed":
                killed += 1
                timeouts += (result.output or "").startswith("timeout")
            elif result.test_outcome == "survived":
                survived += 1
                m = item.mutations[0]
                line = source[m.start_pos[0] - 1].strip() if m.start_pos[0] <= len(source) else ""
                operator = m.operator_name.removeprefix("core/")
                mutated = next((x[1:].strip() for x in (result.diff or "").splitlines()
                                if x.startswith("+") and not x.startswith("+++")), "")
                text, why, harmless = _survivor(module, m.start_pos[0], operator, line, mutated)
                equivalent += why is not None and not harmless
                explained += harmless
                survivors.append(text)
            else:
                incompetent += 1
    total = killed + survived
    real = total - equivalent  # equivalent mutants compute the same thing: no test can kill them
    return {"module": module, "mutants": total, "pending": pending, "killed": killed, "timeouts": timeouts,
            "survived": survived,
            "equivalent": equivalent, "explained": explained,
            "incompetent": incompetent, "score": killed / real if real else None,
            "raw_score": killed / total if total else None, "survivors": survivors, "seconds": round(seconds)}


def _survivor(module: str, lineno: int, operator: str, line: str, mutated: str) -> tuple[str, str | None, bool]:
    """A survivor's report line, the reason it is equivalent or explained (None: neither) and whether it is only
    explained ("not equivalent, cannot ...": it stays counted against the score)."""
    why = next((w for text, w, *how in EQUIVALENT.get(module, [])
                if text in line and (not how or operator.startswith(how[0])) and (len(how) < 2 or how[1] in mutated)
                and (len(how) < 3 or how[2] == lineno)), None)
    harmless = why is not None and why.startswith("not equivalent")
    return (f"line {lineno}: {operator} on `{line}` -> `{mutated}`"
            + (f": **not killed**, explained ({why})" if harmless else f": equivalent ({why})" if why else
               ": **not killed**"), why, harmless)


def _recorded(module: str) -> dict | None:
    """A module's results as the committed MUTATION.md records them, for a module whose session is not on this
    machine (sessions live in reports/, which is not committed): its counts as they were, its survivors classified
    again with today's EQUIVALENT table (a reason added since applies; no mutant is run)."""
    path = ROOT / "quality" / "MUTATION.md"
    text = path.read_text() if path.exists() else ""
    row = next((x for x in text.splitlines() if x.startswith(f"| `{module}` |")), None)
    if row is None:
        return None
    cells = [c.strip() for c in row.strip("|").split("|")]
    mutants, killed, timeouts, minutes = int(cells[2].split()[0]), int(cells[3]), int(cells[4]), float(cells[10])
    partial = re.search(r"partial: (\d+) not run", cells[2])  # a partial row stays partial when recorded again
    pending = int(partial.group(1)) if partial else 0
    head = f"## Survivors in `{module}`"
    block = text.split(head, 1)[1].split("\n## ", 1)[0] if head in text else ""
    return _as_record(module, mutants, pending, killed, timeouts, minutes * 60, _recorded_entries(block))


def _recorded_entries(block: str) -> list[tuple[int, str, str, str]]:
    """(line number, operator, line, mutated line) of each survivor in a module's block of MUTATION.md."""
    out = []
    for entry in (x[2:] for x in block.splitlines() if x.startswith("- line ")):
        where, rest = entry.split(" on `", 1)
        lineno, operator = where.removeprefix("line ").split(": ", 1)
        cut = min(i for i in (rest.find("`: **not killed**"), rest.find("`: equivalent ("), len(rest)) if i >= 0)
        line, mutated = rest[:cut].split("` -> `", 1)
        out.append((int(lineno), operator, line, mutated))
    return out


def _as_record(module: str, mutants: int, pending: int, killed: int, timeouts: int, seconds: float,
               entries: list[tuple[int, str, str, str]]) -> dict:
    """A module's results from its counts and its survivors, classified with today's EQUIVALENT table."""
    survivors, equivalent, explained = [], 0, 0
    for lineno, operator, line, mutated in entries:
        entry_text, why, harmless = _survivor(module, lineno, operator, line, mutated)
        equivalent += why is not None and not harmless
        explained += harmless
        survivors.append(entry_text)
    real = mutants - equivalent
    return {"module": module, "mutants": mutants, "pending": pending, "killed": killed, "timeouts": timeouts,
            "survived": len(survivors), "equivalent": equivalent, "explained": explained,
            "score": killed / real if real else None, "raw_score": killed / mutants if mutants else None,
            "survivors": survivors, "seconds": seconds, "recorded": True}


def retest_recorded(module: str, timeout: float | None = None) -> dict:
    """The survivors MUTATION.md records for `module` that are not equivalent, run again against the tests now
    committed, where the module's session is not on this machine (sessions are not committed).

    Only those mutants run (a new session of the module's mutants, the others parked), each found by its line
    number, its operator and its mutated line (a line's recorded text can be off: an interrupted run once left a
    mutant in its tree); the record's counts change only by the survivors now killed. That is sound only
    while the module is unchanged since its row was last written (a change could make a killed mutant survive, which
    only a whole session would see): the command refuses otherwise. A recorded survivor not found among the mutants
    stays as recorded.
    """
    import sqlite3

    from cosmic_ray.work_db import WorkDB, use_db  # noqa: PLC0415  (the optional `mutate` extra)

    text = (ROOT / "quality" / "MUTATION.md").read_text()
    row = next((x for x in text.splitlines() if x.startswith(f"| `{module}` |")), None)
    if row is None:
        raise SystemExit(f"mutate: MUTATION.md has no record of {module}")
    written = subprocess.run(["git", "log", "-1", "--format=%H", "-S", row, "--", "quality/MUTATION.md"], cwd=ROOT,
                             capture_output=True, text=True, check=True).stdout.strip()
    if not written or subprocess.run(["git", "diff", "--quiet", written, "HEAD", "--", module], cwd=ROOT).returncode:
        raise SystemExit(f"mutate: {module} changed since its record was written (or the record is not committed): "
                         "run it again in full")
    head = f"## Survivors in `{module}`"
    entries = _recorded_entries(text.split(head, 1)[1].split("\n## ", 1)[0] if head in text else "")
    wanted = [e for e in entries if (w := _survivor(module, e[0], e[1], e[2], e[3]))[1] is None or w[2]]
    recorded = _recorded(module)
    assert recorded is not None
    if not wanted:
        return recorded
    work = OUT / f"{_slug(module)}.recorded"  # not the module's session directory: this session is not whole
    tree, _, session, t0 = _prepare(work, module, timeout or 120.0)
    keys = {(op, lineno) for lineno, op, _, _ in wanted}
    with use_db(str(session), WorkDB.Mode.open) as db:
        items = list(db.pending_work_items)
    chosen = {i.job_id for i in items
              if (i.mutations[0].operator_name.removeprefix("core/"), i.mutations[0].start_pos[0]) in keys}
    with sqlite3.connect(session) as db:
        db.executemany("INSERT INTO work_results (worker_outcome, output, test_outcome, diff, job_id) "
                       "VALUES ('SKIPPED', 'parked', NULL, NULL, ?)", [(i.job_id,) for i in items
                                                                          if i.job_id not in chosen])
    _exec(work, session, tree)
    outcomes = {}
    with use_db(str(session), WorkDB.Mode.open) as db:
        for item, result in db.completed_work_items:
            if item.job_id not in chosen:
                continue
            m = item.mutations[0]
            mutated = next((x[1:].strip() for x in (result.diff or "").splitlines()
                            if x.startswith("+") and not x.startswith("+++")), "")
            key = (m.operator_name.removeprefix("core/"), m.start_pos[0], mutated)
            outcomes[key] = (result.test_outcome, (result.output or "").startswith("timeout"))
    killed, timeouts, left = recorded["killed"], recorded["timeouts"], []
    for e in entries:
        if e not in wanted:
            left.append(e)
            continue
        outcome = outcomes.get((e[1], e[0], e[3]))
        if outcome is None:  # not found (a mutated line recorded wrongly): kept as it was, never dropped
            print(f"mutate: the survivor recorded at line {e[0]} of {module} ({e[1]}) is not among its mutants now; "
                  "it stays as recorded", file=sys.stderr)
            left.append(e)
        elif outcome[0] == "killed":
            killed += 1
            timeouts += outcome[1]
        else:
            left.append(e)
    seconds = recorded["seconds"] + time.monotonic() - t0
    return _as_record(module, recorded["mutants"], recorded["pending"], killed, timeouts, seconds, left)


def report(results: list[dict]) -> str:
    lines = ["# Mutation testing (cosmic-ray)", "",
             "Generated by `make mutate` (`quality/mutate.py`). A mutant is a one-operator change of the module "
             "(comparison, arithmetic, constants, booleans, loop and control-flow operators); it is killed when the "
             "module's tests fail on it.", "",
             "score = killed / (mutants - equivalent); an equivalent mutant computes the same thing as the original "
             "(each is listed below with the reason), so no test can kill it. raw = killed / mutants.", "",
             "A mutant whose tests run past the session's timeout is killed (a hang fails the suite); the column "
             "'by timeout' counts those kills, and `--retest-timeouts SECONDS` runs them again with a longer "
             "timeout, so that a slow machine cannot turn a survivor into a kill.", "",
             "Survivors are either equivalent (they compute the same thing: left out of the score) or not killed; a "
             "survivor that is not killed is counted against the score, and where it cannot change a verdict it is "
             "explained ('explained'): the rest are gaps in the tests.", "",
             "`derivcheck/deciders/judge.py` is the prover's verdict at a point; `derivcheck/deciders/counterexamples.py` only "
             "proposes the points it judges (the search's budget, starts and roundings), so most of its survivors "
             "are explained rather than killed. It is the one module below 90%: it is not verdict logic (a weaker "
             "search can miss a counterexample, never pass a false step), and it is scored so that its tests are "
             "measured too; killing its tuning-constant survivors would take tests that restate the constants.", "",
             "Sessions live in reports/ (not committed): a module whose session is not on the machine that wrote "
             "this report keeps the counts its last run recorded here, with its survivors classified again by "
             "today's reasons (no mutant is run again); `--retest-recorded` runs its recorded survivors again against "
             "today's tests, if the module is unchanged since its row was committed.", "",
             "| module | tests | mutants | killed | by timeout | survived | of them equivalent | not killed, "
             "explained | score | raw | minutes |",
             "|---|---|---|---|---|---|---|---|---|---|---|"]
    for r in results:
        score = "-" if r["score"] is None else f"{100 * r['score']:.1f}%"
        raw = "-" if r["raw_score"] is None else f"{100 * r['raw_score']:.1f}%"
        partial = f" (partial: {r['pending']} not run)" if r["pending"] else ""
        lines.append(f"| `{r['module']}` | `{MODULES[r['module']]}` | {r['mutants']}{partial} | {r['killed']} "
                     f"| {r['timeouts']} | {r['survived']} | {r['equivalent']} | {r['explained']} | {score} | {raw} "
                     f"| {r['seconds'] / 60:.1f} |")
    for r in results:
        if r["survivors"]:
            lines += ["", f"## Survivors in `{r['module']}`", ""] + [f"- {s}" for s in r["survivors"]]
    return "\n".join(lines) + "\n"


def _finished_sessions(fresh: dict) -> list[dict]:
    """Every module with a session on disk (fresh results first, then the stored ones), else as MUTATION.md records
    it, in MODULES order."""
    out = []
    for m in MODULES:
        session = OUT / _slug(m) / "session.sqlite"
        if m in fresh:
            out.append(fresh[m])
        elif session.exists():
            out.append(summarize(m, session, 0))
        elif (recorded := _recorded(m)) is not None:
            out.append(recorded)
    return out


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("modules", nargs="*", default=list(MODULES))
    p.add_argument("--jobs", type=int, default=2, help="modules mutated at the same time")
    p.add_argument("--min-score", type=float, default=0.9, help="exit 1 if a module scores below this")
    p.add_argument("--report-only", action="store_true", help="rewrite MUTATION.md from the finished sessions")
    p.add_argument("--retest-survivors", action="store_true",
                   help="run only each session's surviving mutants again, against the tests now committed")
    p.add_argument("--resume", action="store_true",
                   help="run the mutants an interrupted session never ran, against the tests now committed")
    p.add_argument("--retest-timeouts", type=float, metavar="SECONDS",
                   help="run the mutants killed by a timeout again with this longer timeout")
    p.add_argument("--retest-recorded", action="store_true",
                   help="run the survivors MUTATION.md records (not equivalent) again, where the module's session is "
                        "not on this machine; refused if the module changed since its record")
    p.add_argument("--timeout", type=float, metavar="SECONDS",
                   help="seconds per mutant: of a new session (default 30), or with --retest-survivors instead of "
                        "the session's")
    p.add_argument("--shards", type=int, default=1,
                   help="run each module's mutants in this many parallel copies of the tree")
    args = p.parse_args()
    if args.report_only:
        text = report(_finished_sessions({}))
        (ROOT / "quality" / "MUTATION.md").write_text(text)
        print(text)
        return 0
    unknown = [m for m in args.modules if m not in MODULES]
    if unknown:
        print(f"mutate: no tests configured for {unknown}", file=sys.stderr)
        return 2
    results = []
    def work(m):
        return resume(m) if args.resume else run_module(m, args.shards, args.timeout)
    if args.retest_survivors:
        def work(m):
            return retest_survivors(m, args.shards, args.timeout)
    if args.retest_recorded:
        def work(m):
            return retest_recorded(m, args.timeout)
    if args.retest_timeouts:
        def work(m):
            return retest_timeouts(m, args.retest_timeouts, args.shards)
    with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
        for done in concurrent.futures.as_completed([pool.submit(work, m) for m in args.modules]):
            results.append(done.result())
            # rewritten as each module finishes (a long run keeps what it has), with the other modules' sessions
            text = report(_finished_sessions({r["module"]: r for r in results}))
            (ROOT / "quality" / "MUTATION.md").write_text(text)
    print(text)
    low = [r["module"] for r in results if r["score"] is not None and r["score"] < args.min_score]
    return 1 if low else 0


if __name__ == "__main__":
    os.environ.setdefault("HYPOTHESIS_PROFILE", "ci")
    sys.exit(main())
