"""Output files: every path checked before any work starts, every file written whole or not at all.

A report set, a data set or an annotated derivation is rendered in memory and written
through a temporary file in the target folder, then renamed into place, with the
permissions a normal file gets (the process umask), so a failure never leaves half a
file or a stray temporary behind.
"""

from __future__ import annotations

import io
import os
import tempfile

from checker.errors import InputError


def check_writable(path: str, flag: str) -> None:
    """Refuse, before any work, an output path that cannot be written (a folder, a missing or read-only folder)."""
    if path == "-":
        return
    if os.path.isdir(path):
        raise InputError(f"{flag} {path}: is a folder, not a file")
    folder = os.path.dirname(os.path.abspath(path))
    existing = folder
    while not os.path.isdir(existing):  # the first folder that exists: it must let us create the rest
        parent = os.path.dirname(existing)
        if parent == existing:
            break
        existing = parent
    try:  # the only reliable test (permissions, read-only mounts, /proc, running as root): make a file there
        fd, probe = tempfile.mkstemp(dir=existing, prefix=".gdpc-probe-")
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        raise InputError(f"{flag} {path}: cannot write in {existing} ({exc.strerror})") from None
    if os.path.exists(path) and not os.access(path, os.W_OK):
        raise InputError(f"{flag} {path}: the file is not writable")


def check_outputs(args, *flags: str) -> None:
    """Every output path of a command checked before its work starts: a run never ends in a write bound to fail."""
    for flag in flags:
        if getattr(args, flag, None):
            check_writable(getattr(args, flag), f"--{flag}")


def write_atomic(path: str, text: str) -> None:
    folder = os.path.dirname(os.path.abspath(path))
    os.makedirs(folder, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=".gdpc-", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes 0600; a report is an ordinary file
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def text_buffer() -> io.StringIO:
    return io.StringIO(newline="")
