"""Every example in README.md and docs/ runs as written and shows what it prints.

Each page's ```console blocks run command by command, in order, through bash (so `;` and `>` work as typed), in one
temporary folder holding a copy of examples/ (so a command that names `examples/...` runs as it would from the
repository root, which the page says). A command's expected exit code is the one its comment names ("exit code 1"),
else 0; every output line shown under it must appear in what it prints, up to whitespace and timings, except lines
marked "…" (cut output). A command whose comment states a time of SLOW_SECONDS or more runs in the slow tier
(`make test-slow`), with the rest of its page; a stated time is for a 2-core machine, and the test allows six
times it, at least two minutes (a hang guard: speed is measured by the benchmarks, never here).

A ```python block runs in a fresh interpreter in the same kind of folder; a line `# prints: TEXT` in it is output it
must print. A ```python or ```latex block that is a file shipped in examples/ must be that file, as written; any
other ```latex block goes through `gdpc check` with no step refuted or unparsed. Other blocks (```text, ```bibtex)
show syntax and are not examples: test_every_block_is_an_example_or_declared_not lists what each page has.
"""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from derivcheck.files import check_latex

ROOT = Path(__file__).resolve().parent.parent
PAGES = ["README.md"] + sorted(str(p.relative_to(ROOT)) for p in (ROOT / "docs").glob("*.md"))
DEFAULT_LIMIT = 120  # seconds, for a command whose comment states no time (a hang guard, on a machine others share)
SLOW_SECONDS = 15
RUN = ("console", "python", "latex")  # the kinds of block that are examples
SHOWN = ("text", "bibtex")  # syntax shown, not run
CUT = "…"
FENCE = re.compile(r"^```(\w*)\n(.*?)^```", flags=re.S | re.M)


def blocks(page: str) -> list[tuple[str, str]]:
    return [(m.group(1), m.group(2)) for m in FENCE.finditer((ROOT / page).read_text(encoding="utf-8"))]


def commands(page: str) -> list[dict]:
    out = []
    for kind, body in blocks(page):
        if kind != "console":
            continue
        for line in body.splitlines():
            if line.startswith("$ "):
                cmd, _, comment = line[2:].partition("  #")
                stated = re.search(r"(\d+(?:\.\d+)?)\s*s\b", comment)
                out.append({"cmd": cmd.strip(), "comment": comment.strip(), "expect": [],
                            "seconds": float(stated.group(1)) if stated else None})
            elif out:
                out[-1]["expect"].append(line)
    return [c for c in out if c["cmd"].startswith(("gdpc", "python -m checker"))]


def _long(c: dict) -> bool:
    seconds = c["seconds"]
    if "minutes" in c["comment"]:
        return True
    return seconds is not None and seconds >= SLOW_SECONDS


def _normal(line: str) -> str:
    line = re.sub(r"\(\d+(\.\d+)? s\)", "", line)  # timings: "(2.3 s)"
    line = re.sub(r"\s+\d+\.\d+( s)?$", "", line.rstrip())  # verify's seconds column, accel's total
    return " ".join(line.split())


def _folder(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    return tmp_path


def _env() -> dict:
    return dict(os.environ, PATH=os.path.dirname(sys.executable) + os.pathsep + os.environ.get("PATH", ""),
                COLUMNS="200")


def run_page(page: str, tmp_path: Path, include_long: bool) -> int:
    folder, ran = _folder(tmp_path), 0
    for c in commands(page):
        if _long(c) and not include_long:
            continue
        limit = max(DEFAULT_LIMIT, 6 * (c["seconds"] or 0), 900 if "minutes" in c["comment"] else 0)
        proc = subprocess.run(["bash", "-c", c["cmd"]], cwd=folder, env=_env(), capture_output=True, text=True,
                              timeout=limit)
        code = re.search(r"exit code (\d+)", c["comment"])
        assert proc.returncode == (int(code.group(1)) if code else 0), (page, c["cmd"], proc.returncode,
                                                                          proc.stderr[-500:])
        assert "Traceback" not in proc.stderr, (page, c["cmd"], proc.stderr[-500:])
        got = {_normal(line) for line in proc.stdout.splitlines()}
        for line in c["expect"]:
            if CUT in line or not line.strip():
                continue
            assert _normal(line) in got, (page, c["cmd"], line, proc.stdout[-3000:])
        ran += 1
    return ran


CONSOLE_PAGES = [p for p in PAGES if commands(p)]


@pytest.mark.parametrize("page", CONSOLE_PAGES)
def test_console_examples_run_as_written(page, tmp_path):
    # the page's commands in order, the long ones left to the slow tier (the test asserts that some ran)
    assert run_page(page, tmp_path, include_long=False) >= (0 if all(_long(c) for c in commands(page)) else 1)


@pytest.mark.slow
@pytest.mark.parametrize("page", [p for p in CONSOLE_PAGES if any(_long(c) for c in commands(p))])
def test_console_examples_run_as_written_with_the_long_ones(page, tmp_path):
    assert run_page(page, tmp_path, include_long=True) == len(commands(page))


def _shipped(body: str) -> Path | None:
    lines = [line for line in body.splitlines() if line.strip()]
    for path in (ROOT / "examples").iterdir():
        if path.suffix in (".py", ".tex"):
            shipped = [line for line in path.read_text(encoding="utf-8").splitlines()
                       if line.strip() and not line.startswith('"""')]
            if shipped == lines:
                return path
    return None


PYTHON = [(page, i, body) for page in PAGES for i, (kind, body) in enumerate(blocks(page))
          if kind == "python" and _shipped(body) is None]


@pytest.mark.parametrize("page,index,body", PYTHON, ids=[f"{p}#{i}" for p, i, _ in PYTHON])
def test_python_examples_run_and_print_what_they_say(page, index, body, tmp_path):
    proc = subprocess.run([sys.executable, "-c", body], cwd=_folder(tmp_path), env=_env(), capture_output=True,
                          text=True, timeout=300)
    assert proc.returncode == 0, (page, index, proc.stderr[-2000:])
    wanted = re.findall(r"^# prints: (.*)$", body, flags=re.M)
    assert wanted, f"{page} block {index}: say what it prints with a '# prints: ...' line"
    for text in wanted:
        assert text in proc.stdout, (page, index, text, proc.stdout[-2000:])


LATEX = [(page, i, body) for page in PAGES for i, (kind, body) in enumerate(blocks(page))
         if kind == "latex" and _shipped(body) is None]


@pytest.mark.parametrize("page,index,body", LATEX, ids=[f"{p}#{i}" for p, i, _ in LATEX])
def test_latex_examples_check_with_nothing_refuted_or_unparsed(page, index, body):
    result = check_latex(body, points=20)
    counts = result.counts()
    assert result.verdicts and not counts.get("refuted") and not counts.get("unparsed"), (page, index, counts)


def test_every_block_is_an_example_or_declared_not():
    kinds = {}
    for page in PAGES:
        for kind, body in blocks(page):
            assert kind in RUN + SHOWN, f"{page}: a ```{kind or '(no language)'} block is neither run nor declared shown"
            kinds.setdefault(kind, []).append(page)
            if kind in ("python", "latex") and _shipped(body) is not None:
                # a shipped file is run elsewhere: a console block on some page names it
                name = _shipped(body).name
                assert any(name in c["cmd"] for p in PAGES for c in commands(p)), (page, name)
    assert len(commands("README.md")) >= 3
    every = [c["cmd"] for p in PAGES for c in commands(p)]
    for needed in ("gdpc gap", "gdpc run", "gdpc margin", "gdpc bounds", "gdpc check", "gdpc dataset", "gdpc accel",
                   "gdpc verify", "gdpc derive", "gdpc list"):
        assert any(c.startswith(needed) for c in every), needed
    assert len(kinds["python"]) >= 3 and len(kinds["latex"]) >= 2  # the scan sees the pages


def test_cut_output_is_marked_with_an_ellipsis():
    # "..." in shown output would read as text; cut output is "…", which the comparison skips
    for page in PAGES:
        for c in commands(page):
            assert not any(line.strip().startswith("...") for line in c["expect"]), (page, c["cmd"])
