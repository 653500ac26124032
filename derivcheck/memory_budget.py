"""A step's memory budget: a step whose checking grows the process by more than the budget is *undecided*.

SymPy can grow without bound on a step it cannot handle (a limit at infinity of the log of a sum of exponentials
grew one process past 24 GB before the kernel killed it). A hard cap on the address space (RLIMIT_AS) would make
FLINT and Z3 abort the whole process on a failed allocation, and counts address space reserved but never used; so
the budget watches what the process really holds (its resident set, from /proc/self/statm) instead: a watcher thread
reads it every `POLL` seconds and, once the step has added more than the budget, signals the main thread, where
`StepOutOfMemory` is raised at the next Python instruction and the step's work is unwound and freed.

Like the time budget (`derivcheck.budget`) it is enforced in the main thread only, and only where /proc/self/statm
exists (Linux); elsewhere a step runs without a memory budget. The signal is SIGUSR1, which nothing else here uses;
once installed, its handler stays unless the caller had one of its own.
"""

from __future__ import annotations

import os
import signal
import threading
from contextlib import contextmanager

from derivcheck.budget import in_finalizer

MEMORY_MB = 4096  # a step's default budget: what `gdpc check --max-memory` sets
POLL = 0.05  # seconds between two readings: a step can outgrow its budget by what it allocates in this time
STATM = "/proc/self/statm"
_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


class StepOutOfMemory(BaseException):
    """The step's memory budget ran out (a BaseException, so that no catch-all in SymPy or a decider swallows it)."""


def resident_bytes() -> int | None:
    """What the process holds in memory now, in bytes (None where the system does not say)."""
    try:
        with open(STATM, "rb") as fh:
            return int(fh.read().split()[1]) * _PAGE
    except (OSError, ValueError, IndexError):
        return None


_ACTIVE: list[threading.Event] = []  # the running budget's "over" flag (budgets do not nest: the outermost counts)


def _over(_signum, frame) -> None:
    # a signal that arrives after its budget ended, or inside a finalizer (where Python would print and drop the
    # exception), is not raised: the watcher signals again while the step is still over its budget
    if _ACTIVE and _ACTIVE[-1].is_set() and not in_finalizer(frame):
        raise StepOutOfMemory()


def _watch(limit: int, over: threading.Event, done: threading.Event, main: int) -> None:
    while not done.wait(POLL):
        now = resident_bytes()
        if now is not None and now > limit:
            over.set()
            signal.pthread_kill(main, signal.SIGUSR1)


@contextmanager
def memory_budget(megabytes: int | None):
    """Raise StepOutOfMemory in the main thread once the process holds `megabytes` more than when the budget began
    (None or 0: no budget; a nested budget runs under the outer one)."""
    start = resident_bytes()
    if (not megabytes or start is None or _ACTIVE
            or threading.current_thread() is not threading.main_thread()):
        yield
        return
    over, done = threading.Event(), threading.Event()
    old = signal.signal(signal.SIGUSR1, _over)
    _ACTIVE.append(over)
    watcher = threading.Thread(target=_watch, args=(start + megabytes * 2**20, over, done, threading.get_ident()),
                               name="gdpc-memory-budget", daemon=True)
    watcher.start()
    try:
        yield
    finally:
        _end(over, done, watcher)
        if callable(old):  # a handler of the caller's: theirs again. Ours stays otherwise, since it ignores what
            signal.signal(signal.SIGUSR1, old)  # arrives late, where the default action would end the process


def _end(over: threading.Event, done: threading.Event, watcher: threading.Thread) -> None:
    """Stop the watcher and end the budget, even if a last signal interrupts this (each part can be done again). A
    step that finished has its answer, so a signal that arrives as it ends is dropped; one that stopped it is
    already on its way out."""
    while True:
        try:
            done.set()
            watcher.join()
            if over in _ACTIVE:
                _ACTIVE.remove(over)
            return
        except StepOutOfMemory:
            continue
