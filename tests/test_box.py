"""User code in a box (issue 29): step files and claims files run in a child process with its own process group.

Its forks and subprocesses end with it, its output is printed once, its memory is capped (--max-memory) and the
evidence a user's check returns is capped in size (MAX_EVIDENCE_BYTES, cut and said so).
"""

import json
import os
import subprocess
import sys
import textwrap
import time

import pytest

from checker.claims.evidence import EVIDENCE_HEAD, MAX_EVIDENCE_BYTES, capped
from checker.cli import main
from checker.user_code import BoxError, boxed

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="the box needs fork")


@pytest.fixture(autouse=True)
def _registry_restored(registry_restored):  # users' claims registered here leave the registry as it was
    yield


def _gdpc(*argv, cwd=None, env=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "checker", *argv], capture_output=True, text=True, timeout=300,
                          check=False, cwd=cwd, env=env)


def _gone(pid: int) -> bool:
    """The process has ended (a zombie no one has reaped yet has ended too)."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] == "Z"
    except FileNotFoundError:
        return True


def _wait_gone(pid: int) -> bool:
    end = time.monotonic() + 30  # a bound on waiting for the kernel to deliver SIGKILL, not a measured time
    while not _gone(pid) and time.monotonic() < end:
        time.sleep(0.05)
    return _gone(pid)


STEP_FILE_FORKS = """
import os, subprocess, sympy as sp
x = sp.Symbol("x", real=True)
print("defining the steps")
if os.fork() == 0:  # before the box: the child went on through the rest of gdpc (a second table, exit 0)
    open({pids!r}, "a").write(str(subprocess.Popen(["sleep", "300"]).pid) + "\\n")
    if {exits!r}:
        os._exit(0)  # before the box: a stray error, much later
else:
    open({pids!r}, "a").write(str(subprocess.Popen(["sleep", "301"]).pid) + "\\n")
    import time  # wait (at most 30 s) until the child has started its sleep: on a loaded machine the box could
    end = time.monotonic() + 30  # otherwise end the child before it ran, and the test would show nothing
    while len(open({pids!r}).read().split()) < 2 and time.monotonic() < end:
        time.sleep(0.05)
STEPS = [(x + 1, "<=", x + 2)]
"""


@pytest.mark.parametrize("exits", [False, True])
def test_a_step_file_that_forks_prints_once_and_leaves_nothing_running(tmp_path, exits):
    pids = tmp_path / "pids"
    (tmp_path / "s.py").write_text(STEP_FILE_FORKS.format(pids=str(pids), exits=exits))
    proc = _gdpc("check", str(tmp_path / "s.py"))
    assert proc.returncode == 0 and proc.stderr == "", proc.stderr
    assert proc.stdout.count("defining the steps") == 1 and proc.stdout.count("1 step: 1 proved") == 1
    started = [int(p) for p in pids.read_text().split()]
    assert len(started) == 2 and all(_wait_gone(p) for p in started)  # both sleeps ended with the box


def test_a_step_file_over_its_memory_cap_is_one_line(tmp_path):
    (tmp_path / "s.py").write_text("big = bytearray(1024 * 2**20)\nSTEPS = []\n")
    proc = _gdpc("check", str(tmp_path / "s.py"), "--max-memory", "200")
    assert proc.returncode == 2 and len(proc.stderr.strip().splitlines()) == 1, proc.stderr
    assert "memory" in proc.stderr and "--max-memory" in proc.stderr
    assert _gdpc("check", str(tmp_path / "s.py"), "--max-memory", "0").returncode == 2


def _claims(tmp_path, body: str) -> str:
    path = tmp_path / "claims.py"
    path.write_text("import os, subprocess, time\nfrom checker.claims import claim\n"
                    "C = claim('USER-BOX', 'a user claim')\n" + textwrap.dedent(body))
    return str(path)


def _verify(capsys, path: str, *extra) -> tuple[int, dict]:
    code = main(["verify", "--claims-file", path, "--claim", "USER-BOX", "--jobs", "1", "--json", *extra])
    (row,) = json.loads(capsys.readouterr().out)["claims"]
    return code, row


def test_a_check_returning_huge_evidence_is_cut_and_says_so(tmp_path, capsys):
    path = _claims(tmp_path, """
        @C.numeric
        def huge(ctx):
            return True, {"rows": ["x" * 1000] * 5000}
    """)
    code, row = _verify(capsys, path)
    assert code == 0 and row["status"] == "verified"
    evidence = row["checks"][0]["evidence"]
    assert "more than the limit" in evidence["cut"] and len(evidence["evidence_head"]) == EVIDENCE_HEAD
    assert len(json.dumps(row).encode()) < MAX_EVIDENCE_BYTES


def test_capped_keeps_evidence_within_the_limit_as_it_is():
    small = {"rows": [1, 2, 3], "note": "x" * 100}
    assert capped(small) == small
    assert capped(small, limit=10)["evidence_head"] == json.dumps(small)[:EVIDENCE_HEAD]


def test_a_check_that_forks_and_starts_processes_reports_once_and_leaves_nothing(tmp_path, capfd):
    pids = tmp_path / "pids"
    path = _claims(tmp_path, f"""
        @C.numeric
        def forks(ctx):
            open({str(pids)!r}, "a").write(str(subprocess.Popen(["sleep", "302"]).pid) + "\\n")
            if os.fork() == 0:
                print("the fork's own line")
                os._exit(0)  # in a fork of a check: before the box, a stray error much later
            return True, {{}}
    """)
    code = main(["verify", "--claims-file", path, "--claim", "USER-BOX", "--jobs", "1"])
    out, err = capfd.readouterr()
    # the table once (the fork's own print is the user's output, once); no stray error from the fork's os._exit
    assert code == 0 and out.count("USER-BOX") == 1 and out.count("claims as expected") == 1, out
    assert out.count("the fork's own line") <= 1 and err == ""
    assert all(_wait_gone(int(p)) for p in pids.read_text().split())


def test_a_keyboard_interrupt_raised_by_a_check_is_an_error_of_that_check(tmp_path, capsys):
    path = _claims(tmp_path, """
        @C.numeric
        def interrupts(ctx):
            raise KeyboardInterrupt
    """)
    code, row = _verify(capsys, path)
    assert code == 1 and row["status"] == "error"  # not exit 130: the user did not interrupt anything
    assert "KeyboardInterrupt" in row["checks"][0]["evidence"]["error"]


def test_a_claims_file_over_its_memory_cap_is_an_error_not_a_crash(tmp_path, capsys):
    path = _claims(tmp_path, """
        @C.numeric
        def big(ctx):
            return len(bytearray(1024 * 2**20)) > 0, {}
    """)
    code, row = _verify(capsys, path, "--max-memory", "200")
    assert code == 1 and row["status"] == "error" and "--max-memory" in json.dumps(row["checks"])


def test_boxed_returns_the_value_or_one_line():
    assert boxed(sum, [1, 2, 3]) == 6
    with pytest.raises(BoxError, match="ZeroDivisionError"):
        boxed(divmod, 1, 0)
    with pytest.raises(ValueError, match="^bad$"):  # the caller's own error type comes back as itself
        boxed(_raise_value_error, "bad", error=ValueError)
    with pytest.raises(BoxError, match="cannot be sent back"):
        boxed(lambda: (lambda: 0))


def _raise_value_error(message):
    raise ValueError(message)


def _hypothesis_home(cwd, **env) -> str:
    code = ("import checker.claims.runner; from hypothesis.configuration import storage_directory; "
            "print(storage_directory('constants', intent_to_write=False).path)")
    environ = {k: v for k, v in os.environ.items() if k not in ("HYPOTHESIS_STORAGE_DIRECTORY", "XDG_CACHE_HOME")}
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=cwd, timeout=300,
                          env=dict(environ, **env), check=True).stdout.strip()


def test_hypothesis_keeps_its_files_in_a_cache_folder_not_the_working_folder(tmp_path):
    # `gdpc verify` left .hypothesis/ (Hypothesis's constants cache) in the folder it was run from
    assert _hypothesis_home(tmp_path, XDG_CACHE_HOME=str(tmp_path / "c")) == str(
        tmp_path / "c" / "gdpc" / "hypothesis" / "constants")
    assert _hypothesis_home(tmp_path, HOME=str(tmp_path / "h")) == str(
        tmp_path / "h" / ".cache" / "gdpc" / "hypothesis" / "constants")
    # where the user has said, there
    assert _hypothesis_home(tmp_path, HYPOTHESIS_STORAGE_DIRECTORY=str(tmp_path / "mine")) == str(
        tmp_path / "mine" / "constants")
