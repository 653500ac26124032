"""A signal to gdpc alone ends every process it started: workers, boxes, and what users' code started in them.

Each test starts `gdpc verify --jobs 2` in a session of its own on two claims whose checks start a `sleep`
and then spin, waits until both sleeps run (so every kind of process exists: the parent, its workers, the
boxes in their own process groups, their keepers, the user's subprocesses), sends one signal to the parent
alone, and then checks with `ps` that no process is left in any of those process groups.
"""

import glob
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from checker import lifetime
from checker.lifetime import Interrupted, signals_deferred, signals_end_the_run
from checker.user_code import RESULT_PREFIX

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="ps -o pgid and prctl: Linux")

GDPC = str(Path(sys.executable).with_name("gdpc"))
SPIN = '''
import subprocess
import time

from checker.claims import claim

for k in range(2):
    c = claim(f"SPIN-{k}", "spins for ever")

    @c.numeric
    def spin(ctx):
        subprocess.Popen(["sleep", "300"])
        while True:
            time.sleep(0.01)
'''


def _processes() -> list[tuple[int, int, int, str, str]]:
    """(pid, ppid, pgid, state, command) of every process."""
    out = subprocess.run(["ps", "-e", "-o", "pid=,ppid=,pgid=,stat=,args="], capture_output=True, text=True, check=True).stdout
    rows = []
    for line in out.splitlines():
        pid, ppid, pgid, stat, *args = line.split(None, 4)
        rows.append((int(pid), int(ppid), int(pgid), stat, args[0] if args else ""))
    return rows


def _tree(root: int) -> list[tuple[int, int, int, str, str]]:
    procs = _processes()
    family, grew = {root}, True
    while grew:
        more = {p[0] for p in procs if p[1] in family} - family
        family |= more
        grew = bool(more)
    return [p for p in procs if p[0] in family]


def _alive_in(groups: set[int]) -> list:
    return [p for p in _processes() if p[2] in groups and not p[3].startswith("Z")]


def _wait_for(condition, what, limit: float = 120.0):
    end = time.monotonic() + limit  # a bound on waiting for a condition, not a measured time
    while time.monotonic() < end:
        value = condition()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"never happened: {what()}")


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP, signal.SIGKILL, signal.SIGINT], ids=lambda s: s.name)
def test_a_signal_to_the_parent_alone_leaves_no_process(tmp_path, sig):
    claims = tmp_path / "spin.py"
    claims.write_text(SPIN)
    report = tmp_path / "r.json"
    proc = subprocess.Popen([GDPC, "verify", "--claims-file", str(claims), "--claim", "SPIN-0", "SPIN-1",
                             "--jobs", "2", "--json", str(report)], cwd=tmp_path, start_new_session=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    groups = {proc.pid}
    try:
        family = _wait_for(lambda: (t := _tree(proc.pid)) and sum("sleep 300" in p[4] for p in t) == 2 and t,
                           lambda: f"both checks start their sleep: {_tree(proc.pid)}")
        groups = {p[2] for p in family}
        assert len(groups) == 3  # gdpc and its workers; each box in a group of its own
        os.kill(proc.pid, sig)
        _, err = proc.communicate(timeout=60)
        _wait_for(lambda: not _alive_in(groups), lambda: f"no process left: {_alive_in(groups)}", limit=30)
    finally:
        if proc.poll() is None:
            proc.kill()
        for p in _alive_in(groups):
            os.kill(p[0], signal.SIGKILL)
    assert not report.exists()  # no partial report
    # and no result file of a box killed with its worker (an empty one was left in /tmp by each, every run)
    assert not [f for p in family for f in glob.glob(os.path.join(tempfile.gettempdir(), f"{RESULT_PREFIX}{p[0]}-*"))]
    if sig == signal.SIGKILL:
        assert proc.returncode == -signal.SIGKILL
    else:
        assert proc.returncode == 128 + sig
        assert err.strip() == f"gdpc: interrupted by {signal.Signals(sig).name}"


def test_sigkill_of_check_ends_its_step_files_box_and_subprocess(tmp_path):
    steps = tmp_path / "steps.py"
    steps.write_text('import subprocess\nsubprocess.Popen(["sleep", "304"])\nwhile True:\n    pass\n')
    proc = subprocess.Popen([GDPC, "check", str(steps)], cwd=tmp_path, start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    groups = {proc.pid}
    try:
        family = _wait_for(lambda: (t := _tree(proc.pid)) and any("sleep 304" in p[4] for p in t) and t,
                           lambda: f"the step file starts its sleep: {_tree(proc.pid)}")
        groups = {p[2] for p in family}
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=60)
        _wait_for(lambda: not _alive_in(groups), lambda: f"no process left: {_alive_in(groups)}", limit=30)
    finally:
        if proc.poll() is None:
            proc.kill()
        for p in _alive_in(groups):
            os.kill(p[0], signal.SIGKILL)
    assert len(groups) == 2  # gdpc's, and the box's


def test_a_signal_while_reports_are_written_waits_for_them(tmp_path):
    """Reports are written whole or not at all: a signal arriving while they are written is honoured after."""
    written = []
    with pytest.raises(Interrupted) as stopped, signals_end_the_run(), signals_deferred():
        os.kill(os.getpid(), signal.SIGTERM)
        written.append("report.json")
        written.append("report.md")
    assert written == ["report.json", "report.md"] and stopped.value.exit_code == 143


def test_who_sent_a_keyboard_interrupt():
    assert lifetime.sent_by_user(KeyboardInterrupt())  # a script using the API: its Ctrl-C
    with signals_end_the_run():
        assert not lifetime.sent_by_user(KeyboardInterrupt())  # raised by some code, not sent
        assert lifetime.sent_by_user(Interrupted(signal.SIGHUP))
    assert lifetime.sent_by_user(KeyboardInterrupt())


def test_the_watchdog_kills_a_child_whose_parent_is_gone():
    # where prctl is missing, a thread polls the parent's pid: a child whose parent has changed kills itself
    pid = os.fork()
    if pid == 0:
        try:
            lifetime._watch_parent(os.getppid() + 1)  # "the parent" is not this process's parent: gone
        finally:
            os._exit(0)  # reached only if the watchdog did not kill the child
    _, status = os.waitpid(pid, 0)
    assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL
