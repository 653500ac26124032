"""Every `gdpc` command in the README runs as written, from an empty folder, with the output, exit code and time
the README shows.

Each ```console block is run in its own temporary folder (with a copy of examples/), command by command, through
bash (so `;` and `>` work as typed). A command's expected exit code is 1 when its comment says "exit code 1",
else 0; every output line shown under it (except elisions with "...") must appear in what it prints, up to
whitespace and timings; and it must finish within a generous multiple of the time its comment states (a hang
guard: the README's times are measured on 2 cores, the benchmarks measure speed).
"""

import os
import re
import shutil
import subprocess
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_LIMIT = 60  # seconds, for a command whose comment states no time


def _blocks():
    text = open(os.path.join(ROOT, "README.md"), encoding="utf-8").read()
    out = []
    for block in re.findall(r"```console\n(.*?)```", text, flags=re.S):
        commands = []
        for line in block.splitlines():
            if line.startswith("$ "):
                cmd, _, comment = line[2:].partition("  #")
                commands.append({"cmd": cmd.strip(), "comment": comment.strip(), "expect": []})
            elif commands:
                commands[-1]["expect"].append(line)
        runnable = [c for c in commands if c["cmd"].startswith(("gdpc", "python -m checker"))]
        if runnable:
            out.append(runnable)
    return out


def _normal(line: str) -> str:
    line = re.sub(r"\(\d+(\.\d+)? s\)", "", line)  # timings: "(2.3 s)"
    line = re.sub(r"\s+\d+\.\d+$", "", line.rstrip())  # verify's seconds column
    return " ".join(line.split())


BLOCKS = _blocks()


def test_the_readme_has_runnable_examples():
    commands = [c["cmd"] for b in BLOCKS for c in b]
    assert len(commands) >= 20
    for needed in ("gdpc gap", "gdpc run", "gdpc margin", "gdpc bounds", "gdpc check", "gdpc dataset", "gdpc accel",
                   "gdpc verify", "gdpc derive"):
        assert any(c.startswith(needed) for c in commands), needed


@pytest.mark.parametrize("block", BLOCKS, ids=[b[0]["cmd"][:40] for b in BLOCKS])
def test_readme_block_runs_as_written(block, tmp_path):
    shutil.copytree(os.path.join(ROOT, "examples"), tmp_path / "examples")
    env = dict(os.environ, PATH=os.path.dirname(sys.executable) + os.pathsep + os.environ.get("PATH", ""),
               COLUMNS="200")
    for c in block:
        stated = re.search(r"(\d+(?:\.\d+)?)\s*s\b", c["comment"])
        limit = max(DEFAULT_LIMIT, 4 * float(stated.group(1))) if stated else DEFAULT_LIMIT
        proc = subprocess.run(["bash", "-c", c["cmd"]], cwd=tmp_path, env=env, capture_output=True, text=True,
                              timeout=limit)
        want_code = 1 if "exit code 1" in c["comment"] else 0
        assert proc.returncode == want_code, (c["cmd"], proc.returncode, proc.stderr[-500:])
        assert "Traceback" not in proc.stderr, (c["cmd"], proc.stderr[-500:])
        got = {_normal(line) for line in proc.stdout.splitlines()}
        for line in c["expect"]:
            if "..." in line or not line.strip():
                continue
            assert _normal(line) in got, (c["cmd"], line, proc.stdout[-3000:])
