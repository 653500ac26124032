"""The one result type of the iterative engines (GD, GP, the reduced ACCEL dynamics).

A run says how many iterations it took (None: not separated), whether it
separated, whether a margin was exactly 0 on the way (degenerate), in which
arithmetic it was decided, why it stopped early if it did, and its recorded steps.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Run:
    algorithm: str
    iterations: int | None
    separated: bool
    arithmetic: str  # e.g. "exact", "arb, 60 digits"
    degenerate: bool = False
    stopped: str = ""  # why the run ended before separating or max_iter ("stalled: ...")
    note: str = ""
    steps: list = field(default_factory=list)
    extra: dict = field(default_factory=dict)

    def to_json(self) -> dict:
        out = {"algorithm": self.algorithm, "iterations": self.iterations, "separated": self.separated,
               "degenerate": self.degenerate, "arithmetic": self.arithmetic,
               "stopped": self.stopped or None, "note": self.note or None}
        out.update(self.extra)
        return out
