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


EXAMPLES = {
    "verify": "example:\n  gdpc verify --claim GP-REDUCTION --quick --json report.json",
    "run": "examples:\n  gdpc dataset bp-lower --n 101 --out b.csv\n  gdpc run --data b.csv --algo gd --gamma 1e300\n"
           "  gdpc run --data b.csv --model relu --width 4 --algo generalized-perceptron --seed 4",
    "derive": "example:\n  gdpc derive LIN-REDUCTION --latex lin.tex",
    "margin": "example:\n  gdpc dataset xor --out x.csv; gdpc margin --data x.csv",
    "bounds": "example:\n  gdpc bounds --data b.csv --gamma 10",
    "dataset": "example:\n  gdpc dataset accel --d 1024 --out a1024.csv",
    "accel": "example:\n  gdpc accel --d-max 4096 --study noise",
    "check": "example:\n  gdpc check examples/derivation.tex --latex annotated.tex",
    "figures": "example:\n  gdpc figures --quick --out figs",
    "list": "examples:\n  gdpc list\n  gdpc list --markdown > CLAIMS.md",
    "gap": "examples:\n  gdpc dataset bp-lower --n 11 --out b11.csv\n  gdpc gap --data b11.csv --gamma 1e10\n"
           "  gdpc gap --data b11.csv --gammas 1,10,100,1e300 --csv gap.csv",
}
