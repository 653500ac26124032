"""Python step files: a file defining STEPS = [(lhs, relation, rhs), ...] with SymPy expressions, and optionally
ASSUME, a string in the `% assume:` syntax (ranges and sets, for the numeric search).

The steps are taken as SymPy built them: SymPy evaluates `x**2/x` to `x` before the file hands it over, so a step
file's sides carry no conditions where they are defined as written (`domain_conditions` is the LaTeX reader's); a
side that is undefined at a point as SymPy built it (1/x at x = 0) is still a counterexample there.
"""

from __future__ import annotations

import runpy

import sympy as sp

from checker.user_code import error_text, exit_call, in_a_box, no_process_exit
from derivcheck.reader.declaration_lines import parse_assumptions
from derivcheck.reader.declarations import Assumptions, DeclarationError
from derivcheck.reader.notation import ParseError
from derivcheck.reader.step import StepInput

RELATIONS = ("=", "!=", "<", "<=", ">", ">=")


@in_a_box(error=ParseError)  # its forks and subprocesses end with it, its output is printed once, memory capped
def read_python(path: str) -> tuple[list[StepInput], Assumptions]:
    try:
        with no_process_exit():
            ns = runpy.run_path(path)
    except SystemExit as exc:  # a file that exits checked nothing: never let that look like success
        raise ParseError(f"the file called {exit_call(exc)} while defining its steps") from None
    except Exception as exc:  # the user's file failed to run: one line, not a traceback
        raise ParseError(f"running it failed: {error_text(exc)}") from None
    if "STEPS" not in ns:
        raise ParseError("it defines no STEPS list")
    try:
        assumptions = parse_assumptions(str(ns.get("ASSUME", "")))
    except DeclarationError as exc:
        raise ParseError(str(exc)) from None
    steps = []
    try:
        items = list(ns["STEPS"])
    except TypeError:
        raise ParseError("STEPS is not a list") from None
    for k, item in enumerate(items, 1):
        if not isinstance(item, (tuple, list)) or len(item) != 3:
            steps.append(StepInput(None, "?", None, k, repr(item)[:80], "not a (lhs, relation, rhs) triple"))
            continue
        if item[1] not in RELATIONS:
            steps.append(StepInput(None, "?", None, k, repr(item)[:80],
                                   f"relation {item[1]!r} is not one of {', '.join(RELATIONS)}"))
            continue
        try:
            lhs, rhs = sp.sympify(item[0], strict=True), sp.sympify(item[2], strict=True)
        except (sp.SympifyError, TypeError, SyntaxError) as exc:
            text = next((f"{side!r} is a string: write a SymPy expression" for side in (item[0], item[2])
                         if isinstance(side, str)), f"not a SymPy expression ({type(exc).__name__})")
            steps.append(StepInput(None, item[1], None, k, repr(item)[:80], text))
            continue
        steps.append(StepInput(_real(lhs), item[1], _real(rhs), k, f"{item[0]} {item[1]} {item[2]}",
                               assumptions=assumptions))
    return steps, assumptions


def _real(e):
    """e with each symbol SymPy would take as complex (Symbol("z"): no assumption) made real, as an undeclared
    LaTeX variable is: the checker decides real statements, and SymPy, Z3 and the search must read one meaning."""
    try:
        free = e.free_symbols
    except AttributeError:  # not a SymPy object: the engine reports it unparsed
        return e
    subs = {x: sp.Symbol(x.name, real=True, **x.assumptions0) for x in free
            if type(x) is sp.Symbol and x.is_real is None}
    return e.xreplace(subs) if subs else e


