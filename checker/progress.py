"""Progress and time limits for long runs: engines report where they are, a timer shows it and enforces --timeout.

Engines call `tick(t, what)` once per iteration (a dict update, ~0.1 us). `watch(seconds)`
starts a once-a-second timer (SIGALRM, main thread only) that, on a terminal, redraws
one stderr line ("gd, arb 331 digits: t = 12000, 14 s") and raises `RunTimeout`
when the limit is reached. RunTimeout derives from BaseException so that no engine's
`except Exception` swallows it. A timer signal that lands inside a finalizer or gc callback has its exception
swallowed by the interpreter ("unraisable"): within the block, an unraisable RunTimeout is dropped silently (any
other unraisable exception goes to the previous hook); the timer is periodic, so the next signal stops the run.
Drivers that loop over units of work call `where(...)` so the timeout message names the unit.
"""

from __future__ import annotations

import signal
import sys
import threading
import time
from contextlib import contextmanager
from typing import Any

STATE: dict[str, Any] = {"t": 0, "what": "", "where": ""}
MIN_PERIOD = 0.01  # seconds between two timer signals, at least


class RunTimeout(BaseException):
    pass


def tick(t: int, what: str) -> None:
    STATE["t"], STATE["what"] = t, what


def where(context: str) -> None:
    """Name the unit of work a driver is on (e.g. "A_1024, lr-gd-1"); a timeout message names it."""
    STATE["where"] = context


@contextmanager
def watch(seconds: float | None, show: bool | None = None):
    """Within the block: progress on a terminal every second, and RunTimeout after `seconds` (None: no limit)."""
    show = sys.stderr.isatty() if show is None else show
    STATE["t"], STATE["what"], STATE["where"] = 0, "", ""  # where this run is, not where the previous one stopped
    if threading.current_thread() is not threading.main_thread() or not (show or seconds):
        yield
        return
    start = time.monotonic()

    def on_timer(signum, frame):
        elapsed = time.monotonic() - start
        if show:
            sys.stderr.write(f"\r{STATE['what']}: t = {STATE['t']}, {elapsed:.0f} s   ")
            sys.stderr.flush()
        if seconds and elapsed >= seconds:
            at = f"{STATE['where']}, " if STATE["where"] else ""
            raise RunTimeout(f"stopped by --timeout {seconds:g} s at {at}t = {STATE['t']}")

    previous_hook = sys.unraisablehook

    def on_unraisable(unraisable):
        # the default hook prints "Exception ignored in ..." for a timeout that the next signal delivers anyway
        if unraisable.exc_type is not None and issubclass(unraisable.exc_type, RunTimeout):
            return
        previous_hook(unraisable)

    sys.unraisablehook = on_unraisable
    previous = signal.signal(signal.SIGALRM, on_timer)
    # at least 10 ms apart: a timer every nanosecond (--timeout 1e-9) would keep the process in its handler
    period = max(min(1.0, seconds), MIN_PERIOD) if seconds else 1.0
    signal.setitimer(signal.ITIMER_REAL, period, period)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        sys.unraisablehook = previous_hook
        if show:
            sys.stderr.write("\r" + " " * 60 + "\r")


@contextmanager
def step_line(what: str, show: bool | None = None):
    """A callback `(k, n, line)` that redraws one stderr line on a terminal ("check: step 3 of 40, line 12, 5 s")
    before each unit of work whose own time is bounded (a step of `gdpc check` by its --timeout), so a long file
    always shows where it is; the line is cleared at the end."""
    show = sys.stderr.isatty() if show is None else show
    start = time.monotonic()

    def report(k: int, n: int, line: int | None = None) -> None:
        if show:
            at = f", line {line}" if line is not None else ""
            sys.stderr.write(f"\r{what}: step {k} of {n}{at}, {time.monotonic() - start:.0f} s   ")
            sys.stderr.flush()

    try:
        yield report
    finally:
        if show:
            sys.stderr.write("\r" + " " * 60 + "\r")
