"""The repository is self-contained: no link or path in a tracked file points outside it."""

import importlib.util
import os
import re
import subprocess

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUTSIDE = "../" + "shared"  # the working folder beside the checkout, which users do not have (built, not written)
LINK = re.compile(r"\]\(([^)\s]+)\)|href=\"([^\"]+)\"|\\(?:href|url)\{([^}]+)\}")


def _tracked_text_files():
    try:
        names = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    except (OSError, subprocess.CalledProcessError):  # not a git checkout (an sdist): every file we ship
        names = [os.path.relpath(os.path.join(d, f), ROOT) for d, _, fs in os.walk(ROOT) for f in fs
                 if not any(p in d for p in (".venv", ".git", "__pycache__", "reports", ".hypothesis"))]
    for name in names:
        if name.endswith((".md", ".py", ".tex", ".cff", ".toml", ".ipynb", ".txt", "Makefile", "run")):
            yield name


def _generated_pages() -> set[str]:
    """The docs pages docs/hooks.py generates at build time (a link to one is a link inside the site)."""
    spec = importlib.util.spec_from_file_location("docs_hooks", os.path.join(ROOT, "docs", "hooks.py"))
    hooks = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hooks)
    return {os.path.join(ROOT, "docs", page) for page in hooks.GENERATED}


def test_no_link_leaves_the_repository():
    generated = _generated_pages()
    assert os.path.join(ROOT, "docs", "cli.md") in generated
    bad = []
    files = list(_tracked_text_files())
    assert len(files) > 50  # the scan sees the project
    for name in files:
        text = open(os.path.join(ROOT, name), encoding="utf-8", errors="replace").read()
        if OUTSIDE in text:
            bad.append(f"{name}: mentions {OUTSIDE}")
        for m in LINK.finditer(text):
            target = next(g for g in m.groups() if g)
            if re.match(r"[a-z]+:", target) or target.startswith("#") or "{" in target:
                continue  # a URL, an anchor, or a format string in code
            path = os.path.normpath(os.path.join(ROOT, os.path.dirname(name), target.split("#")[0]))
            if not path.startswith(ROOT + os.sep) and path != ROOT:
                bad.append(f"{name}: {target} leaves the repository")
            elif name.endswith(".md") and not os.path.exists(path) and path not in generated:
                bad.append(f"{name}: {target} does not exist")
    assert not bad, bad
