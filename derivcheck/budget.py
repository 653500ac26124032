"""Time budgets: a step's whole budget, and the share of it one decider may take.

A step that runs past its budget is *undecided*, never passed (`StepTimeout`). Inside it, each decider runs under a
share of the budget (`share`): when the share runs out the decider has given up (`ShareExpired`) and the next one
runs, so an expensive proof attempt cannot starve the counterexample search that follows it. Both are
BaseExceptions, so that no catch-all in SymPy or in a decider swallows them.

The clock is SIGALRM, so budgets are enforced in the main thread only (elsewhere they are not enforced: a worker
thread runs to its end). Budgets nest: the alarm is always set for the nearest deadline, and when a share ends its
step's deadline is armed again.
"""

from __future__ import annotations

import gc
import signal
import sys
import threading
import time
from contextlib import contextmanager


class StepTimeout(BaseException):
    """The step's time budget ran out."""


class ShareExpired(BaseException):
    """One decider's share of the step's budget ran out: it has given up, and the step goes on."""


class Expired(BaseException):
    """A piece of work bounded on its own (`bounded`: SymPy evaluating a sum symbolically) ran out of its time: the
    caller goes on without its result."""


_DEADLINES: list[tuple[float, type[BaseException]]] = []  # (monotonic deadline, what it raises), innermost last


def _arm() -> None:
    if not _DEADLINES:
        signal.setitimer(signal.ITIMER_REAL, 0)
        return
    nearest = min(d for d, _ in _DEADLINES)
    signal.setitimer(signal.ITIMER_REAL, max(nearest - time.monotonic(), 1e-4))


def in_finalizer(frame) -> bool:
    """The frame runs inside a finalizer (__del__) or a garbage collector's callback (Hypothesis registers one),
    where Python prints and drops an exception raised."""
    callbacks = {getattr(c, "__code__", None) for c in gc.callbacks}
    while frame is not None:
        if frame.f_code.co_name == "__del__" or frame.f_code in callbacks:
            return True
        frame = frame.f_back
    return False


def _expire(_signum, frame) -> None:
    if in_finalizer(frame):
        # Python ignores (and prints) an exception raised in a finalizer (Z3's objects free themselves in __del__):
        # the deadline would be lost, so it is raised a millisecond later, once the finalizer has returned
        signal.setitimer(signal.ITIMER_REAL, 1e-3)
        return
    now = time.monotonic()
    due = [(d, exc) for d, exc in _DEADLINES if d <= now + 1e-4]
    if not due:  # a stale alarm (a deadline that was popped meanwhile): set the next one
        _arm()
        return
    # the outermost deadline that is due wins: a step that is out of time is out of time for every decider in it
    raise next(exc for d, exc in _DEADLINES if (d, exc) in due)()


def _half_built(unraisable) -> bool:
    """A Z3 object whose constructor a deadline interrupted (before it had its context) failing to free itself in
    __del__: Python would print "Exception ignored in ... AstRef.__del__" on the terminal for an object that holds
    nothing to free."""
    owner = getattr(unraisable.object, "__qualname__", "")
    return (unraisable.exc_type is AttributeError and owner.endswith(".__del__")
            and getattr(unraisable.object, "__module__", "").startswith("z3") and "ctx" in str(unraisable.exc_value))


@contextmanager
def _deadline(seconds: float, exc: type[BaseException]):
    if not seconds or threading.current_thread() is not threading.main_thread():
        yield
        return
    outer = not _DEADLINES
    old = signal.signal(signal.SIGALRM, _expire) if outer else None
    if outer and not getattr(sys.unraisablehook, "quiet_for_z3", False):  # once: the object may be freed later
        hook = sys.unraisablehook

        def quiet(unraisable):
            if not _half_built(unraisable):
                hook(unraisable)
        quiet.quiet_for_z3 = True
        sys.unraisablehook = quiet
    entry = (time.monotonic() + seconds, exc)
    _DEADLINES.append(entry)
    try:  # _arm inside: an outer deadline due while it runs raises there, and the entry must still be removed
        _arm()
        yield
    finally:
        _DEADLINES.remove(entry)
        _arm()
        if outer:
            signal.signal(signal.SIGALRM, old)


def time_budget(seconds: float | None):
    """Raise StepTimeout after `seconds` (None or 0: no budget)."""
    return _deadline(seconds or 0, StepTimeout)


def share(seconds: float | None):
    """Raise ShareExpired after `seconds`, or StepTimeout first if the enclosing budget ends sooner."""
    return _deadline(seconds or 0, ShareExpired)


def bounded(seconds: float | None):
    """Raise Expired after `seconds` (at least a millisecond; None: no bound of its own), or the enclosing budget's
    exception first if it ends sooner."""
    return _deadline(None if seconds is None else max(seconds, 1e-3), Expired)


_PACE: list[float] = []  # soft deadlines (monotonic), innermost last: see `pace`


@contextmanager
def pace(seconds: float | None):
    """A soft deadline: work that can stop early with a partial answer (the counterexample search, which then reports
    how many points held) stops after `seconds`; nothing is raised. None: no soft deadline of its own. The search
    always tries its first points (`counterexamples.SOFT_FLOOR`) before it stops, so that its verdict on a step false
    at a plain point does not depend on the machine's load."""
    if seconds is None:
        yield
        return
    _PACE.append(time.monotonic() + seconds)
    try:
        yield
    finally:
        _PACE.pop()


def soft_remaining() -> float | None:
    """Seconds left before the nearest soft deadline (`pace`) or, past 80% of it, the step's hard one (None: no
    deadline is running). The search stops there, keeping a fifth of the budget for what follows it."""
    left = [d - time.monotonic() for d in _PACE]
    hard = remaining()
    if hard is not None:
        left.append(0.8 * hard)
    return max(min(left), 0.0) if left else None


def remaining() -> float | None:
    """Seconds left before the nearest deadline (None: no budget is running)."""
    if not _DEADLINES:
        return None
    return max(min(d for d, _ in _DEADLINES) - time.monotonic(), 0.0)
