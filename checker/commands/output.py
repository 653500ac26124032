"""What every reporting command shares: `emit` gives each the same `--json [PATH]`."""

from __future__ import annotations

from checker.claims.evidence import json_text
from checker.files import write_atomic


def emit(args, payload, human: str) -> None:
    """--json alone (or -): JSON on stdout; --json PATH: the text on stdout and the JSON written to PATH."""
    target = getattr(args, "json", None)
    if target == "-":
        print(json_text(payload))
        return
    print(human)
    if target:
        write_atomic(target, json_text(payload) + "\n")
        print(f"wrote {target}")
