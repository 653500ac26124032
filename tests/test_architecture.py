"""The layout is a map: one direction of imports, no cycles, no hidden (function-local) imports of our own modules,
and modules small enough to read. See ARCHITECTURE.md.

The one deliberate exception to "no hidden imports" is the command dispatch: `checker/cli.py` imports the module of
the command it runs by name (`importlib.import_module(COMMANDS[...])`) so that each command loads only what it
uses, the package root loads `checker.api` on first use (PEP 562) and the claims catalogue loads its listed modules. Both are named in DYNAMIC below, their targets
are read from the source and checked like any other import, and tests/test_startup.py pins what each command loads.
"""

import ast
import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("checker", "derivcheck", "derivations")
# lowest first: a layer may import only layers before it (and itself)
LAYERS = ["checker.errors", "checker.exact_text", "checker.choices", "checker.usage", "checker.latex_escape", "checker.lifetime", "checker.user_code", "checker.files", "checker.progress", "checker.arith", "checker.data",
          "checker.models", "checker.engines", "checker.analysis",
          # the gdpc check engine: its reader below its deciders, the verdict engine and whole files above both
          "derivcheck.functions", "derivcheck.budget", "derivcheck.reader", "derivcheck.deciders", "derivcheck.decider_chain", "derivcheck.verdicts", "derivcheck.files",
          "derivations", "checker.claims", "checker.report", "checker.api", "checker.commands", "checker.cli"]
# what the check engine may use of checker: its lowest layers and the data files' number rule, nothing that runs GD
DERIVCHECK_USES = {"checker.errors", "checker.latex_escape", "checker.user_code", "checker.data.dataset"}
# modules whose optional third-party extras are imported lazily on purpose (named here, never our own modules)
CLI_LINES, MODULE_LINES = 300, 400
# the only modules that may import our own modules by name at run time (importlib.import_module), with the prefix
# their names are formatted with: the package root's lazy API, the command dispatch, the claims catalogue
DYNAMIC = {"checker": "", "checker.cli": "checker.commands.", "checker.claims.catalogue": "checker.claims."}


def modules() -> dict[str, Path]:
    out = {}
    for pkg in PACKAGES:
        for path in (ROOT / pkg).rglob("*.py"):
            rel = path.relative_to(ROOT).with_suffix("")
            name = ".".join(rel.parts)
            out[name[: -len(".__init__")] if name.endswith(".__init__") else name] = path
    return out


def _resolve(mod: str, node: ast.ImportFrom, is_pkg: bool) -> str:
    if node.level == 0:
        return node.module or ""
    base = mod.split(".") if is_pkg else mod.split(".")[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def imports(mods: dict[str, Path]) -> dict[str, list[tuple[str, bool]]]:
    """module -> [(imported project module, at module level?)]"""
    graph = {}
    for mod, path in mods.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        top = set(id(n) for n in tree.body)
        # an import inside `if TYPE_CHECKING` or try/except at module level still counts as module level
        for n in tree.body:
            if isinstance(n, (ast.If, ast.Try)):
                top |= {id(c) for c in ast.walk(n)}
        edges = []
        for node in ast.walk(tree):
            targets = []
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = _resolve(mod, node, path.name == "__init__.py")
                targets = [base + "." + a.name if base + "." + a.name in mods else base for a in node.names]
            for t in targets:
                if t.split(".")[0] in PACKAGES:
                    hit = max((m for m in mods if t == m or t.startswith(m + ".")), key=len, default=None)
                    if hit and hit != mod:
                        edges.append((hit, id(node) in top))
        graph[mod] = edges + [(t, True) for t in dynamic_targets(mod, tree, mods)]
    return graph


def dynamic_targets(mod: str, tree: ast.Module, mods: dict[str, Path]) -> list[str]:
    """The modules a DYNAMIC module imports by name: every string literal naming one of our modules."""
    if mod not in DYNAMIC:
        return []
    names = {n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)}
    names |= {DYNAMIC[mod] + n for n in names}  # f"checker.commands.{name}" over the names listed in the module
    return sorted(n for n in names if n in mods and n != mod)


def layer(mod: str) -> int:
    return max((i for i, name in enumerate(LAYERS) if mod == name or mod.startswith(name + ".")), default=-1)


def test_no_import_cycles():
    graph = {m: {t for t, _ in e} for m, e in imports(modules()).items()}
    state, stack, cycles = {}, [], []

    def visit(m):
        state[m] = "open"
        stack.append(m)
        for t in graph.get(m, ()):
            if state.get(t) == "open":
                cycles.append(stack[stack.index(t):] + [t])
            elif t not in state:
                visit(t)
        stack.pop()
        state[m] = "done"

    for m in graph:
        if m not in state:
            visit(m)
    assert not cycles, cycles


def test_imports_go_down_the_layers():
    bad = []
    for mod, edges in imports(modules()).items():
        if mod in ("checker", "checker.__main__") or layer(mod) < 0:
            continue
        for target, _ in edges:
            if target == "checker":  # the package root holds only __version__
                continue
            if layer(target) > layer(mod):
                bad.append(f"{mod} -> {target}")
    assert not bad, bad


def test_the_check_engine_stands_apart_from_the_numeric_checker():
    mods = modules()
    uses = {t for m, edges in imports(mods).items() if m.startswith("derivcheck") for t, _ in edges
            if t.startswith("checker")}
    assert uses <= DERIVCHECK_USES, uses - DERIVCHECK_USES
    assert {"derivcheck.reader.notation", "derivcheck.deciders.prover", "derivcheck.verdicts"} <= set(mods)


def test_no_function_local_imports_of_our_own_modules():
    local = [f"{m} -> {t}" for m, edges in imports(modules()).items() for t, top in edges if not top]
    assert not local, local


def test_only_the_dispatch_imports_by_name():
    calls = []
    for mod, path in modules().items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and node.attr in ("import_module", "__import__") or \
                    isinstance(node, ast.Name) and node.id == "__import__":
                calls.append(mod)
    assert set(calls) <= set(DYNAMIC), set(calls) - set(DYNAMIC)
    assert "checker.cli" in calls  # the dispatch is seen


def test_every_command_module_is_dispatched():
    mods = modules()
    graph = imports(mods)
    commands = {m for m in mods if m.startswith("checker.commands.")}
    shared = {"checker.commands.inputs", "checker.commands.output"}
    dispatched = {t for t, _ in graph["checker.cli"] if t.startswith("checker.commands.")}
    assert dispatched == commands - shared, (commands - shared) ^ dispatched


def test_module_sizes():
    sizes = {m: sum(1 for _ in p.open(encoding="utf-8")) for m, p in modules().items()}
    assert sizes["checker.cli"] < CLI_LINES, sizes["checker.cli"]
    too_big = {m: n for m, n in sizes.items() if n > MODULE_LINES}
    assert not too_big, too_big


def test_the_checker_is_found_by_the_test():
    # guard against the test passing vacuously: it must see the layers and some imports between them
    mods = modules()
    graph = imports(mods)
    assert len(mods) > 40 and ("checker.engines.linear_gd" in mods)
    assert ("checker.arith", True) in graph["checker.engines.linear_gd"]
    assert os.path.basename(str(mods["checker.cli"])) == "cli.py"
