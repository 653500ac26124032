"""Running a user's own code (a claims file, its checks, a Python step file) so that it cannot end the process.

`sys.exit(0)` raises SystemExit, which the callers catch and report; `os._exit(0)` would end the process at
once with the code it chose and no report, so a run that checked nothing would look like success. Inside
`no_process_exit()` it raises `ProcessExit` (a SystemExit) instead, which the same handlers catch.
"""

from __future__ import annotations

import os
from contextlib import contextmanager


class ProcessExit(SystemExit):
    """os._exit(code) called by a user's code."""


def exit_call(exc: SystemExit) -> str:
    """How the code tried to exit, as it wrote it: sys.exit(0) or os._exit(0)."""
    return f"{'os._exit' if isinstance(exc, ProcessExit) else 'sys.exit'}({exc.code!r})"


@contextmanager
def no_process_exit():
    real = os._exit

    def refuse(code):
        raise ProcessExit(code)

    os._exit = refuse
    try:
        yield
    finally:
        os._exit = real
