"""What `gdpc --help` and each `gdpc COMMAND --help` show besides the options: the examples and the formatter.

Kept apart from the renderings of results (`checker/report/text.py`) so that the parser loads no engine.
"""

from __future__ import annotations

import argparse


class HelpFormatter(argparse.ArgumentDefaultsHelpFormatter, argparse.RawDescriptionHelpFormatter):
    """Defaults shown for every option that has one (not "default: None", not twice), examples kept as written."""

    def _get_help_string(self, action):
        text = action.help or ""
        no_default = action.default is None or action.default is False or action.default == [] or \
            action.default is argparse.SUPPRESS  # identity: a default of 0 is a default
        if "default" in text or no_default or action.required:
            return text
        return text + " (default: %(default)s)"


CHECK_HELP = """\
declarations (comment lines; each holds for every display below it):
  % assume: \\gamma positive; n integer positive; c in [1/2, 2]; y in {-1, 1}; x > 0
  % assume: L > 0; \\eta in (0, 1/L]                   (an end may be an expression: eta = s_eta/L, s_eta in (0, 1])
  % function: \\ell(z) = \\log(1 + e^{-z}); f, g          (defined, or arbitrary)
  % define: \\theta_{t+1} = \\theta_t - \\gamma g_t        (a rewrite rule for every step below)
  % vector: \\theta, a_i in R^d                          (vectors; a_i is a family indexed by i)
  % index: i in 1..n
  a row marked % cited is a cited lemma: reported, not checked

verdicts:
  proved       SymPy, a decision procedure (Z3, bounds + Z3, finite cases, Arb branch and bound) or a
               lemma proved it for every value the declarations allow; the method is named
  REFUTED      a certified counterexample: exact rationals or Arb balls, no tolerance
  numerically  no proof; the counterexample search found no failing point
  d<=4         a vector step that holds exactly in dimensions 1..4, not proved for every d
  undecided    nothing could decide it (an arbitrary function, no evaluable point, the time or memory budget)
  unparsed     the row could not be read faithfully; the reason names the construct
  cited        a cited lemma (% cited), not checked

exit codes:
  0  every step proved (cited lemmas aside)
  1  a step is refuted
  4  nothing refuted, but some step is not proved (numerically, d<=4, undecided or unparsed)
  2  bad input (an unreadable file, a declaration that cannot be read)

examples (from the repository root):
  gdpc check examples/derivation.tex --latex annotated.tex
  gdpc check examples/derivation.tex --json --smt2 certificates"""

EXAMPLES = {
    "verify": "example:\n  gdpc verify --claim GP-REDUCTION --quick --json report.json",
    "run": "examples:\n  gdpc dataset bp-lower --n 101 --out b.csv\n  gdpc run --data b.csv --algo gd --gamma 1e300\n"
           "  gdpc run --data b.csv --model relu --width 4 --algo generalized-perceptron --seed 4",
    "derive": "example:\n  gdpc derive LIN-REDUCTION --latex lin.tex",
    "margin": "example:\n  gdpc dataset xor --out x.csv; gdpc margin --data x.csv",
    "bounds": "example:\n  gdpc bounds --data b.csv --gamma 10",
    "dataset": "example:\n  gdpc dataset accel --d 1024 --out a1024.csv",
    "accel": "example:\n  gdpc accel --d-max 4096 --study noise",
    "check": CHECK_HELP,
    "figures": "example:\n  gdpc figures --quick --out figs",
    "list": "examples:\n  gdpc list\n  gdpc list --markdown > CLAIMS.md",
    "gap": "examples:\n  gdpc dataset bp-lower --n 11 --out b11.csv\n  gdpc gap --data b11.csv --gamma 1e10\n"
           "  gdpc gap --data b11.csv --gammas 1,10,100,1e300 --csv gap.csv",
}
