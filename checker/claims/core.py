"""Claims and their checks: the types, the status words and the registry of IDs.

A claim is registered once with its CLAIMS.md ID and statement; checks attach to
it with decorators, one per evidence kind, and users write their own claims
with the same API (see README, `gdpc verify --claims-file`):

    from checker.claims import claim
    MY = claim("MY-ID", "statement")

    @MY.numeric
    def _(ctx):                      # -> (holds: bool | None, evidence: dict)
        ...

    @MY.property(strategies.separable_datasets(), examples=200)
    def _(ds):                       # assert, or return a bool
        ...

    @MY.symbolic
    def _(ctx):                      # -> a derivations.steps.Derivation
        ...

Evidence kinds stay apart in every report: a symbolic check is *proved* (or
failed), a numeric or property check *holds* or is *refuted*; a claim is
`verified` only when every check passes. A claim registered with
expect="refuted" is a deliberately false statement: the run succeeds only if
some check refutes it.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from typing import Callable

STATUS_WORDS = {"proved": "proved", "holds": "holds numerically", "refuted": "refuted", "failed": "not proved",
                "undecided": "undecided (precision)", "error": "error", "skipped": "skipped"}


def status_word(check) -> str:
    """The evidence word for a check: *proved*, *holds numerically*, *holds on N examples*, *refuted*."""
    if check.kind == "property" and check.status == "holds":
        return f"holds on {check.evidence.get('examples_run', '?')} examples"
    return STATUS_WORDS[check.status]


PASSING = {"proved", "holds"}


@dataclass
class Context:
    """Options every check receives."""

    quick: bool = False
    dps: int = 50
    arith: str = "arb"  # the certified engine for this run (--arith)

    def examples(self, n: int) -> int:
        return max(10, n // 10) if self.quick else n


@dataclass
class CheckResult:
    kind: str
    name: str
    status: str  # proved | failed | holds | refuted | undecided | error | skipped
    evidence: dict
    seconds: float

    def to_json(self) -> dict:
        return {"kind": self.kind, "name": self.name, "status": self.status,
                "evidence": self.evidence, "seconds": round(self.seconds, 3)}


@dataclass
class ClaimResult:
    id: str
    statement: str
    expect: str
    status: str  # verified | refuted | error | skipped
    checks: list[CheckResult]
    references: tuple = ()  # where the claim comes from (P1/P2 theorem numbers, or "ours")

    @property
    def as_expected(self) -> bool:
        return self.status == ("verified" if self.expect == "holds" else "refuted")

    def to_json(self) -> dict:
        return {"id": self.id, "statement": self.statement, "references": list(self.references), "expect": self.expect,
                "status": self.status, "as_expected": self.as_expected,
                "checks": [c.to_json() for c in self.checks]}

    def _repr_markdown_(self) -> str:
        """Jupyter: the claim's row of the Markdown report, with each check's verdict."""
        lines = [f"**{self.id}**: {self.status}" + ("" if self.as_expected else " (NOT as expected)"), "",
                 f"> {self.statement}", "", "| check | kind | verdict | seconds |", "|---|---|---|---|"]
        lines += [f"| {c.name} | {c.kind} | {status_word(c)} | {c.seconds:.1f} |" for c in self.checks]
        return "\n".join(lines)


@dataclass
class Check:
    kind: str
    name: str
    fn: Callable
    strategies: tuple = ()
    examples: int = 0


@dataclass
class Claim:
    id: str
    statement: str
    references: tuple = ()
    expect: str = "holds"
    checks: list[Check] = field(default_factory=list)
    module: str = ""  # the module that registered it (orders the built-in catalogue)
    source: str = ""  # a stand-in for a claim of this user's claims file, which runs in a box (claims.runner)

    def symbolic(self, fn: Callable) -> Callable:
        self.checks.append(Check("symbolic", fn.__name__, fn))
        return fn

    def numeric(self, fn: Callable) -> Callable:
        self.checks.append(Check("numeric", fn.__name__, fn))
        return fn

    def property(self, *strategies, examples: int = 200) -> Callable:
        def register(fn: Callable) -> Callable:
            self.checks.append(Check("property", fn.__name__, fn, strategies, examples))
            return fn

        return register



REGISTRY: dict[str, Claim] = {}


def select(claims: dict, wanted: list[str]) -> tuple[list[str], list[str]]:
    """(IDs to run, unknown names), in catalogue order, each once. An ID selects itself; a family name selects its
    members: `GP-REDUCTION` (not an ID) is every `GP-REDUCTION:*`; `GRAD` is the linear claim, `GRAD:*` its family."""
    chosen, unknown = [], []
    for name in wanted:
        family = name[:-2] if name.endswith(":*") else name.rstrip(":")
        hits = [name] if name in claims else [cid for cid in claims if cid.startswith(family + ":")]
        unknown += [] if hits else [name]
        chosen += [cid for cid in hits if cid not in chosen]
    order = list(claims)
    return sorted(chosen, key=order.index), unknown


_CLAIM_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.:+-]{0,79}")


def claim(claim_id: str, statement: str, references: tuple = (), expect: str = "holds") -> Claim:
    """Register a claim (IDs are unique; a repeated ID is an error, not a silent overwrite)."""
    if expect not in ("holds", "refuted"):
        raise ValueError("expect must be 'holds' or 'refuted'")
    if not isinstance(claim_id, str) or not _CLAIM_ID.fullmatch(claim_id):
        # an ID names a claim on the command line, in every report and in a counterexample's file name
        raise ValueError(f"claim ID {claim_id!r}: use letters, digits and - _ . : + (starting with a letter or "
                         "digit, at most 80 characters)")
    if claim_id in REGISTRY:
        raise ValueError(f"claim {claim_id} is registered twice")
    c = Claim(claim_id, statement, tuple(references), expect, module=sys._getframe(1).f_globals.get("__name__", ""))
    REGISTRY[claim_id] = c
    return c


