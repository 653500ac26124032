"""How gdpc's processes end: a signal ends a run cleanly, and every process gdpc starts dies with its parent.

SIGINT, SIGTERM and SIGHUP (Ctrl-C, a process manager or CI runner, a closed terminal) all raise
`Interrupted` in the main thread while `signals_end_the_run()` is active: the same path as Ctrl-C, so
workers are stopped, no partial report is written, and gdpc exits with 128 + the signal's number. A
KeyboardInterrupt that is not an `Interrupted` was raised by someone's code, not sent by the user: a check
that raises one is an error of that check (`sent_by_user`).

`die_with_parent()` makes a child process (a pool worker, a box) end when its parent ends, whatever ends
it, SIGKILL included: on Linux the kernel sends the child SIGKILL (prctl PR_SET_PDEATHSIG); elsewhere a
daemon thread polls the parent's pid.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import signal
import sys
import threading
import time
from contextlib import contextmanager

SIGNALS = tuple(getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name))
PR_SET_PDEATHSIG = 1  # <linux/prctl.h>
POLL_SECONDS = 0.2  # the watchdog's period where prctl is not available
# who receives the user's interrupts: "api" (a script: Python's own KeyboardInterrupt), "cli" (gdpc's handlers
# raise Interrupted) or "child" (a worker or a box: the parent receives them and stops its children itself)
_STATE = {"receiver": "api"}


class Interrupted(KeyboardInterrupt):
    """A signal that ends the run (SIGINT, SIGTERM, SIGHUP) was received."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum

    @property
    def name(self) -> str:
        return signal.Signals(self.signum).name

    @property
    def exit_code(self) -> int:
        return 128 + self.signum


def _raise(signum, frame):
    raise Interrupted(signum)


@contextmanager
def signals_end_the_run():
    """Within the block (main thread only), SIGINT, SIGTERM and SIGHUP raise `Interrupted`."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {s: signal.signal(s, _raise) for s in SIGNALS}
    receiver, _STATE["receiver"] = _STATE["receiver"], "cli"
    try:
        yield
    finally:
        _STATE["receiver"] = receiver
        for s, handler in previous.items():
            signal.signal(s, handler)


@contextmanager
def signals_deferred():
    """Within the block, a signal that ends the run waits for the block to finish, then raises `Interrupted`
    (a set of reports is written whole or not at all)."""
    if _STATE["receiver"] != "cli" or threading.current_thread() is not threading.main_thread():
        yield
        return
    pending = []
    previous = {s: signal.signal(s, lambda signum, frame: pending.append(signum)) for s in SIGNALS}
    try:
        yield
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)
    if pending:
        raise Interrupted(pending[0])


def sent_by_user(exc: KeyboardInterrupt) -> bool:
    """A real interrupt: a signal gdpc received, or any KeyboardInterrupt in a script or notebook using the
    Python API (its Ctrl-C arrives as a plain KeyboardInterrupt). In the command and in its child processes a
    plain KeyboardInterrupt was raised by someone's code."""
    return isinstance(exc, Interrupted) or _STATE["receiver"] == "api"


def default_signals() -> None:
    """In a child process: the signals' default actions (SIGTERM from the parent ends it at once, however busy;
    SIGINT is left to the parent, which stops its children itself)."""
    for s in SIGNALS:
        signal.signal(s, signal.SIG_IGN if s == signal.SIGINT else signal.SIG_DFL)
    _STATE["receiver"] = "child"


def die_with_parent(parent: int) -> None:
    """Call first thing in a child: it is killed when `parent` (the pid that forked it) ends."""
    if sys.platform == "linux" and _prctl_death_signal(signal.SIGKILL):
        if os.getppid() != parent:  # the parent ended before prctl took effect
            os.kill(os.getpid(), signal.SIGKILL)
        return
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True, name="gdpc-parent-watch").start()


def _prctl_death_signal(sig: int) -> bool:
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        return libc.prctl(PR_SET_PDEATHSIG, int(sig), 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(POLL_SECONDS)
    os.kill(os.getpid(), signal.SIGKILL)
