"""Input and output files: every path checked before any work starts, every file written whole or not at all.

An input is a regular file: a device, pipe or socket (/dev/zero, a FIFO) is refused by name, never read, since
reading one can block forever or never end.

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


def check_input(path: str, what: str = "file") -> None:
    """Refuse, before reading, an input path that is missing, a folder, or not a regular file."""
    if not os.path.exists(path):
        raise InputError(f"{path}: no such file (expected a {what})")
    if os.path.isdir(path):
        raise InputError(f"{path}: is a directory, expected a {what}")
    if not os.path.isfile(path):
        raise InputError(f"{path}: not a regular file (a device, pipe or socket), expected a {what}")


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


# what each report flag writes: a path naming another kind of file is a slip (`--markdown data.csv`) that would
# replace that file (--json's own test is in the parser, so that `--json` alone can still mean stdout)
SUFFIXES = {"markdown": ("Markdown", (".md", ".markdown")), "latex": ("LaTeX", (".tex",)), "csv": ("CSV", (".csv",)),
            "out": ("CSV", (".csv",))}  # `dataset --out`: a data.npz holding CSV text could not be read back
INPUTS = ("data", "file", "claims_file")  # the arguments that name files a command reads


def check_outputs(args, *flags: str) -> None:
    """Every output path of a command checked before its work starts: a run never ends in a write bound to fail,
    never writes over a file it reads, and never writes two outputs to one file (the second would replace the
    first)."""
    inputs: dict[str, str] = {}
    for name in INPUTS:
        value = getattr(args, name, None)
        for path in value if isinstance(value, list) else [value]:
            if path:
                inputs.setdefault(os.path.realpath(path), path)
    seen: dict[str, str] = {}
    for flag in flags:
        path = getattr(args, flag, None)
        if not path or path == "-":
            continue
        check_writable(path, f"--{flag}")  # first: "is a folder" says more than a suffix would
        kind, suffixes = SUFFIXES.get(flag, ("", ()))
        if suffixes and not path.lower().endswith(suffixes):
            raise InputError(f"--{flag} {path}: a {kind} path ends in {' or '.join(suffixes)}")
        real = os.path.realpath(path)
        if real in inputs:
            raise InputError(f"--{flag} {path}: is the input file {inputs[real]}; write the output elsewhere")
        if real in seen:
            raise InputError(f"--{seen[real]} and --{flag} both name {path}: one would replace the other")
        seen[real] = flag


def check_folder(path: str, flag: str) -> None:
    """Refuse, before any work, an output folder that is an existing file or cannot be created."""
    if os.path.exists(path) and not os.path.isdir(path):
        raise InputError(f"{flag} {path}: is a file, not a folder")
    check_writable(os.path.join(path, "probe"), flag)


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
