"""Each command loads only what it uses: the import graph per command, pinned (benchmarks/bench_startup.py times it).

Every case runs `gdpc` in a fresh interpreter, as a user would, and records the modules loaded by the time the
command has answered. `--version`, `--help` and every `COMMAND --help` load no numerical library; `run`, `margin`,
`bounds`, `gap` and `dataset` never load SymPy, SciPy, Z3, matplotlib, Hypothesis or the `gdpc check` engine;
`check` and `derive` load SymPy (in this process, once: no worker process is started for them).
"""

import argparse
import json
import os
import subprocess
import sys

import pytest

from checker import choices
from checker.analysis import accel_families, runs
from checker.arith import ARITHMETICS
from checker.cli import _parser
from checker.data import dataset, families
from checker.engines import perceptron

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# runs a command in-process and writes the names of the modules then loaded (its exit code too) to argv[1]
DRIVER = """
import json, sys
from checker.cli import main
code = main(sys.argv[2:])
json.dump({"code": code, "modules": sorted(sys.modules)}, open(sys.argv[1], "w"))
"""
HEAVY = ("sympy", "scipy", "z3", "matplotlib", "hypothesis", "derivcheck", "derivations", "sklearn")
NUMERIC = ("numpy", "mpmath", "flint")


def _loaded(tmp_path, *argv: str) -> tuple[int, set[str]]:
    out = tmp_path / "modules.json"
    proc = subprocess.run([sys.executable, "-c", DRIVER, str(out), *argv], cwd=tmp_path, capture_output=True,
                          text=True, timeout=120)
    assert proc.returncode == 0 and "Traceback" not in proc.stderr, (argv, proc.stderr[-2000:])
    got = json.loads(out.read_text())
    return got["code"], set(got["modules"])


def _tops(mods: set[str]) -> set[str]:
    return {m.split(".")[0] for m in mods}


@pytest.fixture(scope="module")
def data_file(tmp_path_factory):
    folder = tmp_path_factory.mktemp("data")
    dataset.to_csv(families.build("bp-lower", {"n": 11}), str(folder / "b.csv"))
    return str(folder / "b.csv")


@pytest.mark.parametrize("argv", [["--version"], ["--help"], ["run", "--help"], ["check", "--help"],
                                  ["dataset", "accel", "--help"], ["gap", "--bad-option"]])
def test_the_parser_alone_loads_no_numerical_library(argv, tmp_path):
    code, mods = _loaded(tmp_path, *argv)
    assert code == (2 if "--bad-option" in argv else 0)
    assert not _tops(mods) & set(HEAVY + NUMERIC), sorted(_tops(mods) & set(HEAVY + NUMERIC))
    assert not any(m.startswith("checker.commands.") for m in mods)  # no command module for a parse


DATA_COMMANDS = [
    ["run", "--algo", "batch-perceptron"], ["run", "--algo", "gd", "--gamma", "1e300"],
    ["run", "--algo", "gd", "--gamma", "1e10", "--arith", "mpmath"],
    ["run", "--algo", "generalized-perceptron", "--model", "relu", "--width", "2", "--seed", "4"],
    ["run", "--algo", "gd", "--model", "tanh", "--max-iter", "3"], ["margin"], ["bounds"],
    ["gap", "--gamma", "1e10"], ["gap", "--gammas", "1,1e300", "--json"],
]


@pytest.mark.parametrize("argv", DATA_COMMANDS, ids=[" ".join(a) for a in DATA_COMMANDS])
def test_data_commands_never_load_sympy_scipy_z3_or_the_check_engine(argv, data_file, tmp_path):
    code, mods = _loaded(tmp_path, argv[0], "--data", data_file, *argv[1:])
    assert code in (0, 1)
    assert f"checker.commands.{argv[0]}" in mods  # the command ran
    assert not _tops(mods) & set(HEAVY), sorted(_tops(mods) & set(HEAVY))


@pytest.mark.parametrize("argv", [["bp-lower", "--n", "5"], ["accel", "--d", "16", "--rotate", "1"],
                                  ["digits", "--pair", "3", "8"]], ids=lambda a: a[0])
def test_dataset_never_loads_sympy_scipy_or_scikit_learn(argv, tmp_path):
    code, mods = _loaded(tmp_path, "dataset", *argv, "--out", "a.csv")
    assert code == 0 and (tmp_path / "a.csv").exists()
    assert not _tops(mods) & set(HEAVY), sorted(_tops(mods) & set(HEAVY))


def test_check_and_derive_load_sympy_in_this_process(tmp_path):
    tex = tmp_path / "d.tex"
    tex.write_text("\\begin{align} (x+1)^2 &= x^2 + 2x + 1 \\end{align}\n")
    for argv in (["check", str(tex)], ["derive", "SIG-LIMIT"]):
        code, mods = _loaded(tmp_path, *argv)
        assert code == 0, argv
        assert "sympy" in mods and "multiprocessing.pool" not in mods, argv
    assert "derivcheck.verdicts" in _loaded(tmp_path, "check", str(tex))[1]


def test_the_parser_and_the_code_name_the_same_choices():
    # the names live in checker.choices (the parser's); the modules that implement them must offer exactly those
    assert tuple(accel_families.FAMILIES) == choices.ACCEL_FAMILIES
    assert set(choices.CERTIFIED) <= set(ARITHMETICS) and "exact" not in choices.CERTIFIED
    assert perceptron.ALGORITHMS == choices.PERCEPTRONS
    assert set(choices.ALGORITHMS) == set(choices.PERCEPTRONS) | {"gd", "generalized-perceptron"}
    assert runs.RunRequest("gd").validated().algo in choices.ALGORITHMS
    assert set(families.FAMILIES) == set(choices.DATASET_FAMILIES)
    assert dataset.MAX_ENTRIES == choices.MAX_ENTRIES and dataset.MAX_EXACT_DIGITS == choices.MAX_EXACT_DIGITS


def _all_parsers():
    todo, out = [("gdpc", _parser())], []
    while todo:
        name, parser = todo.pop()
        out.append((name, parser))
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                todo += [(f"{name} {sub}", p) for sub, p in action.choices.items()]
    return out


def test_every_option_shows_a_real_metavar_and_its_default():
    parsers = _all_parsers()
    assert len(parsers) >= 12 + 8  # gdpc, its 11 commands, the 8 dataset families
    for name, parser in parsers:
        for action in parser._actions:
            takes_value = action.option_strings and action.nargs != 0 and not action.choices
            if takes_value:  # argparse's fallback is the dest in capitals (INIT_SCALE, D_MIN): say what it is
                assert action.metavar is not None, (name, action.option_strings)
        text = parser.format_help()
        assert "default: None" not in text and "(default: [])" not in text, name
    accel = dict(parsers)["gdpc accel"].format_help()
    assert "--d-max D" in accel and "(default: 65536)" in accel
