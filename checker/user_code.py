"""Running a user's own code (a claims file, its checks, a Python step file): in a box, and never ending gdpc.

The box (`boxed`) runs a function in a child process with its own process group, so that whatever the
user's code starts goes with it:

- its forks and subprocesses are ended with it: when the function returns (or the box dies, or gdpc is
  interrupted) the whole group is killed. A keeper process in the group kills it if the box dies first, and
  the box dies with its parent (`lifetime.die_with_parent`), so nothing outlives gdpc, even a SIGKILL;
- its output reaches the user once: a fork of the user's code that returns through our frames ends there
  silently, and the parent flushes its own buffers before forking, so no buffered text is written twice;
- its memory is capped: the address space may grow by at most `memory_mb` (RLIMIT_AS; `--max-memory`);
  past it the user's code gets a MemoryError, reported as the box's error;
- what it returns is pickled through a private file, at most MAX_RESULT_BYTES.

`sys.exit(0)` raises SystemExit, which the callers catch and report; `os._exit(0)` would end the process at
once with the code it chose and no report, so a run that checked nothing would look like success. Inside
`no_process_exit()` it raises `ProcessExit` (a SystemExit) instead, which the same handlers catch.
"""

from __future__ import annotations

import contextlib
import functools
import os
import pickle
import secrets
import signal
import sys
import tempfile
import time

from checker import lifetime
from checker.choices import DEFAULT_MEMORY_MB

try:
    import resource
except ImportError:  # not POSIX: no box either (box_available)
    resource = None  # type: ignore[assignment]

LIMITS = {"memory_mb": DEFAULT_MEMORY_MB}  # set per run by --max-memory (`set_memory_limit`)
MAX_RESULT_BYTES = 256 * 2**20  # the pickled result of a box: far above any real set of steps or evidence
RESULT_PREFIX = "gdpc-box-"  # the result file of a box: RESULT_PREFIX<parent pid>-<random>.pickle in the temp folder
KEEPER_POLL = 0.05  # seconds between the keeper's looks at its parent
_REAL_EXIT = os._exit  # captured before any `no_process_exit` replaces it


class ProcessExit(SystemExit):
    """os._exit(code) called by a user's code."""


class BoxError(Exception):
    """The box ended without a result (a signal, the memory cap, a result that cannot be sent back)."""


def exit_call(exc: SystemExit) -> str:
    """How the code tried to exit, as it wrote it: sys.exit(0) or os._exit(0)."""
    return f"{'os._exit' if isinstance(exc, ProcessExit) else 'sys.exit'}({exc.code!r})"


@contextlib.contextmanager
def no_process_exit():
    real = os._exit

    def refuse(code):
        raise ProcessExit(code)

    os._exit = refuse
    try:
        yield
    finally:
        os._exit = real


def error_text(exc: BaseException) -> str:
    """`Type: message` of an exception raised by a user's code; a MemoryError in a box names the cap."""
    if isinstance(exc, MemoryError) and LIMITS.get("in_box"):
        return f"MemoryError: out of memory (the cap is {LIMITS['memory_mb']} MB: --max-memory)"
    return f"{type(exc).__name__}: {exc}"


def set_memory_limit(memory_mb: int | None) -> None:
    """The memory cap of every box from now on, in MB (None: the default)."""
    LIMITS["memory_mb"] = DEFAULT_MEMORY_MB if memory_mb is None else memory_mb


def box_available() -> bool:
    return hasattr(os, "fork") and hasattr(os, "setpgid") and resource is not None


def in_a_box(error: type[Exception] = BoxError):
    """A decorator: the function runs in a box (see `boxed`)."""
    def wrap(fn):
        @functools.wraps(fn)
        def run(*args):
            return boxed(fn, *args, error=error)
        return run
    return wrap


def boxed(fn, *args, error: type[Exception] = BoxError):
    """fn(*args) in a box: its result, or `error` with one line saying why there is none. An `error` that fn
    raises is raised again here with its message. Where there is no fork (Windows), fn runs in this process."""
    if not box_available():
        return fn(*args)
    memory_mb = LIMITS["memory_mb"]
    # named here, created by the box only when it has a result: a box killed with its parent (a signal to gdpc
    # verify) leaves no empty file behind; the random part makes the name unguessable, O_EXCL refuses one planted
    parent = os.getpid()
    path = os.path.join(tempfile.gettempdir(), f"{RESULT_PREFIX}{parent}-{secrets.token_hex(8)}.pickle")
    sys.stdout.flush()  # what this process printed is written now, not again by the copy of its buffer
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:
        _box(fn, args, path, parent, memory_mb, error)  # never returns
    try:
        _setpgid(pid)  # also here: a kill of the group right after fork must find it
        status = _wait(pid)
        return _result(path, status, memory_mb, error)
    finally:
        _end_group(pid)
        with contextlib.suppress(FileNotFoundError):
            os.unlink(path)


def _setpgid(pid: int) -> None:
    try:
        os.setpgid(pid, pid)
    except OSError:  # the child did it first (EACCES after its exec-free start) or has already ended
        pass


def _wait(pid: int) -> int:
    """Wait for the box to end; on Linux without reaping it, so that its pid names its group until it is killed."""
    try:
        if hasattr(os, "waitid"):
            info = os.waitid(os.P_PID, pid, os.WEXITED | os.WNOWAIT)
            assert info is not None  # None only with WNOHANG: without it waitid waits for the box to end
            return info.si_status if info.si_code == os.CLD_EXITED else -info.si_status
        _, status = os.waitpid(pid, 0)
        return os.waitstatus_to_exitcode(status)
    except ChildProcessError:  # reaped by someone else (a process-wide SIGCHLD handler): the result file tells
        return 0


def _end_group(pid: int) -> None:
    """Kill the box's group (the keeper, the user's forks and subprocesses) and reap the box."""
    for kill in (os.killpg, os.kill):
        try:
            kill(pid, signal.SIGKILL)
        except OSError:  # already gone
            pass
    try:
        os.waitpid(pid, 0)
    except ChildProcessError:  # reaped by _wait where there is no waitid
        pass


def _result(path: str, status: int, memory_mb: int | None, error: type[Exception]):
    try:
        with open(path, "rb") as f:
            data = f.read(MAX_RESULT_BYTES + 1)
    except FileNotFoundError:  # the box ended before it had a result
        data = b""
    if not data:
        how = f"was killed by {signal.Signals(-status).name}" if status < 0 else f"exited with code {status}"
        raise error(f"the process running it {how} before returning a result"
                    + (f" (its memory cap is {memory_mb} MB: --max-memory)" if memory_mb else ""))
    if len(data) > MAX_RESULT_BYTES:
        raise error(f"its result is larger than {MAX_RESULT_BYTES // 2**20} MB")
    kind, value = pickle.loads(data)
    if kind == "error":
        raise error(value)
    return value


def _box(fn, args, path: str, parent: int, memory_mb: int | None, error: type[Exception]) -> None:
    """The child: its own group, a keeper, the memory cap, then fn; the result to `path`; never returns."""
    code = 1
    try:
        os.setpgid(0, 0)
        lifetime.default_signals()
        lifetime.die_with_parent(parent)
        _start_keeper()
        if memory_mb:
            _cap_memory(memory_mb)
            LIMITS["in_box"] = True
        me = os.getpid()
        try:
            result = ("ok", fn(*args))
        except error as exc:  # the caller's own error, raised again outside with its message
            result = ("error", str(exc))
        except BaseException as exc:  # anything the user's code raised is the box's one-line error
            result = ("error", error_text(exc))
        if os.getpid() != me:  # a fork made by the user's code, back in our frames: it ends here, silently
            _REAL_EXIT(0)
        try:
            data = pickle.dumps(result)
        except Exception as exc:  # a value that cannot be pickled: say so
            data = pickle.dumps(("error", f"its result cannot be sent back ({type(exc).__name__}: {exc})"))
        with os.fdopen(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "wb") as f:
            f.write(data)
        code = 0
    finally:
        for stream in (sys.stdout, sys.stderr):  # the user's code's own output, once
            try:
                stream.flush()
            except Exception:  # a closed stream: nothing left to write
                pass
        _REAL_EXIT(code)


def _start_keeper() -> None:
    """A process in the box's group, running only this loop: when the box ends, it kills the group."""
    box = os.getpid()
    if os.fork() != 0:
        return
    try:
        while os.getppid() == box:
            time.sleep(KEEPER_POLL)
        os.killpg(0, signal.SIGKILL)
    finally:
        _REAL_EXIT(0)


def _cap_memory(memory_mb: int) -> None:
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit = _address_space() + memory_mb * 2**20
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def _address_space() -> int:
    """This process's address space in bytes now (Linux), else 0: the cap is then absolute."""
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError):
        return 0
