"""A user's own code (claims files, their checks, Python step files) cannot end the run, and its answers are read
strictly: a check that exits, or answers with something that is not True, False or None, is an error in the
report, never a pass; numpy's booleans are answers like Python's."""

import json
import subprocess
import sys
import textwrap

import pytest

from checker.cli import main


@pytest.fixture(autouse=True)
def _registry_restored(registry_restored):  # users' claims registered here leave the registry as it was
    yield


def _claims_file(tmp_path, body: str, name: str = "mine.py") -> str:
    path = tmp_path / name
    path.write_text("import numpy as np\nfrom hypothesis import strategies as st\nfrom checker.claims import claim\n"
                    "C = claim('USER-X', 'a user claim')\n" + textwrap.dedent(body))
    return str(path)


def _verify(path: str, capsys, jobs: int = 1) -> tuple[int, dict]:
    code = main(["verify", "--claims-file", path, "--claim", "USER-X", "--jobs", str(jobs), "--json"])
    report = json.loads(capsys.readouterr().out)
    (row,) = report["claims"]
    return code, row


NUMERIC = "@C.numeric\ndef n(ctx):\n    {}\n"
PROPERTY = "@C.property(st.integers(min_value=0, max_value=10), examples=20)\ndef p(x):\n    {}\n"


@pytest.mark.parametrize("body,status,error", [
    (NUMERIC.format("raise SystemExit(0)"), "error", "the check called sys.exit(0)"),
    (NUMERIC.format("import sys; sys.exit(3)"), "error", "the check called sys.exit(3)"),
    (NUMERIC.format("return 1, {}"), "error", "returned 1 (int), not True, False or None"),
    (NUMERIC.format("return 'yes', {}"), "error", "returned 'yes' (str)"),
    (NUMERIC.format("return np.bool_(False), {}"), "refuted", None),
    (NUMERIC.format("return np.bool_(True), {}"), "verified", None),
    (NUMERIC.format("return None, {}"), "error", None),  # undecided: not verified
    (PROPERTY.format("return np.bool_(x > 100)"), "refuted", None),  # was *verified*: `result is False` only
    (PROPERTY.format("return 0"), "error", "returned 0 (int)"),
    (PROPERTY.format("return x >= 0"), "verified", None),
    (PROPERTY.format("return {'score': x}"), "verified", None),
    (PROPERTY.format("raise SystemExit(0)"), "error", "sys.exit(0)"),
])
def test_a_check_is_read_strictly_and_cannot_end_the_run(tmp_path, capsys, body, status, error):
    code, row = _verify(_claims_file(tmp_path, body), capsys)
    assert (code, row["status"]) == ((0, status) if status == "verified" else (1, status)), row
    if error:
        assert error in json.dumps(row["checks"])


def _gdpc(*argv) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "checker", *argv], capture_output=True, text=True, timeout=300)


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_os_exit_in_a_check_is_an_error_not_a_silent_success(tmp_path, jobs):
    # os._exit ends a process at once: in this process it ended `gdpc verify` with exit 0 and only the header
    # printed; in a worker it broke the pool (exit 3)
    path = _claims_file(tmp_path, "import os\n" + NUMERIC.format("os._exit(0)"))
    proc = _gdpc("verify", "--claims-file", path, "--claim", "USER-X", "--jobs", jobs)
    assert proc.returncode == 1, (proc.returncode, proc.stdout[-300:], proc.stderr[-300:])
    assert "0/1 claims as expected" in proc.stdout and "USER-X" in proc.stdout


def test_os_exit_while_loading_or_defining_steps_is_one_line(tmp_path):
    for argv, name in ((["verify", "--claims-file"], "claims.py"), (["check"], "steps.py")):
        path = tmp_path / name
        path.write_text("import os\nos._exit(0)\nSTEPS = []\n")
        proc = _gdpc(*argv, str(path))
        assert proc.returncode == 2 and "called os._exit(0)" in proc.stderr, (proc.returncode, proc.stderr)
        assert len(proc.stderr.strip().splitlines()) == 1


THREAD_CLAIM = """
import threading, time
from checker.claims import claim
T = claim("USER-THREAD", "a claim whose check leaves a thread running")
@T.numeric
def n(ctx):
    threading.Thread(target=time.sleep, args=(3600,)).start()
    return True, {}
"""


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_thread_left_running_by_a_check_does_not_hold_the_command(tmp_path, jobs):
    """A non-daemon thread keeps a process alive at exit (a worker's too): every answer printed, then a hang.
    The command ends once its report is written; no worker is left behind holding its output (the pipe would
    stay open and this run would time out)."""
    (tmp_path / "thr.py").write_text(THREAD_CLAIM)
    r = subprocess.run([sys.executable, "-m", "checker", "verify", "--claims-file", str(tmp_path / "thr.py"),
                        "--claim", "USER-THREAD", "SIG-LIMIT", "--jobs", jobs, "--json", str(tmp_path / "r.json")],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    assert {c["id"]: c["status"] for c in json.load(open(tmp_path / "r.json"))["claims"]}["USER-THREAD"] == "verified"


def test_a_thread_left_running_by_a_step_file_does_not_hold_check(tmp_path):
    (tmp_path / "s.py").write_text("import threading, time\nimport sympy as sp\n"
                                   "threading.Thread(target=time.sleep, args=(3600,)).start()\n"
                                   "x = sp.Symbol('x', real=True)\nSTEPS = [(x, '<=', x + 1)]\n")
    r = subprocess.run([sys.executable, "-m", "checker", "check", str(tmp_path / "s.py")], capture_output=True,
                       text=True, timeout=120)
    assert r.returncode == 0 and "1 proved" in r.stdout, (r.stdout, r.stderr)
