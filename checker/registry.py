"""The claim registry: one place that lists every claim and how it is checked.

A claim is registered once with its CLAIMS.md ID and statement; checks attach to
it with decorators, one per evidence kind, and users write their own claims
with the same API (see README, `gdpc verify --claims-file`):

    from checker.registry import claim
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

import importlib.util
import os
import time
import traceback
from dataclasses import dataclass, field
from typing import Any, Callable

PASSING = {"proved", "holds"}


@dataclass
class Context:
    """Options every check receives."""

    quick: bool = False
    dps: int = 50

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

    @property
    def as_expected(self) -> bool:
        return self.status == ("verified" if self.expect == "holds" else "refuted")

    def to_json(self) -> dict:
        return {"id": self.id, "statement": self.statement, "expect": self.expect,
                "status": self.status, "as_expected": self.as_expected,
                "checks": [c.to_json() for c in self.checks]}

    def _repr_markdown_(self) -> str:
        """Jupyter: the claim's row of the Markdown report, with each check's verdict."""
        from .report import status_word

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

    def run(self, ctx: Context) -> ClaimResult:
        results = [_run_check(c, ctx) for c in self.checks]
        return ClaimResult(self.id, self.statement, self.expect, _claim_status(results), results)


REGISTRY: dict[str, Claim] = {}


def claim(claim_id: str, statement: str, references: tuple = (), expect: str = "holds") -> Claim:
    """Register a claim (IDs are unique; a repeated ID is an error, not a silent overwrite)."""
    if expect not in ("holds", "refuted"):
        raise ValueError("expect must be 'holds' or 'refuted'")
    if claim_id in REGISTRY:
        raise ValueError(f"claim {claim_id} is registered twice")
    c = Claim(claim_id, statement, tuple(references), expect)
    REGISTRY[claim_id] = c
    return c


def load_builtin() -> dict[str, Claim]:
    from . import claims  # noqa: F401  (registration happens on import)

    return REGISTRY


def load_file(path: str) -> list[str]:
    """Execute a user's claims file; returns the IDs it registered."""
    from .errors import InputError

    if not os.path.isfile(path):
        raise InputError(f"{path}: no such claims file")
    before = set(REGISTRY)
    spec = importlib.util.spec_from_file_location(f"gdpc_user_claims_{abs(hash(path))}", path)
    module = importlib.util.module_from_spec(spec)
    try:
        spec.loader.exec_module(module)
    except Exception as exc:
        raise InputError(f"{path}: failed to load: {type(exc).__name__}: {exc}") from None
    added = [k for k in REGISTRY if k not in before]
    if not added:
        raise InputError(f"{path}: registers no claims (use checker.registry.claim)")
    return added


def _claim_status(results: list[CheckResult]) -> str:
    if not results:
        return "skipped"
    if any(r.status == "refuted" for r in results):
        return "refuted"
    if all(r.status in PASSING for r in results):
        return "verified"
    return "error"


def _run_check(check: Check, ctx: Context) -> CheckResult:
    t0 = time.perf_counter()
    try:
        if check.kind == "symbolic":
            status, evidence = _symbolic(check, ctx)
        elif check.kind == "numeric":
            status, evidence = _numeric(check, ctx)
        else:
            status, evidence = _property(check, ctx)
    except Exception as exc:  # a crashing check is an error in the report, not a crash of the run
        status = "error"
        evidence = {"error": f"{type(exc).__name__}: {exc}", "where": traceback.format_exc(limit=-3)}
    return CheckResult(check.kind, check.name, status, evidence, time.perf_counter() - t0)


def _symbolic(check: Check, ctx: Context):
    derivation = check.fn(ctx)
    evidence = derivation.evidence()
    evidence["derivation"] = derivation.claim_id
    return ("proved" if derivation.proved else "failed"), evidence


def _numeric(check: Check, ctx: Context):
    holds, evidence = check.fn(ctx)
    return {True: "holds", False: "refuted", None: "undecided"}[holds], evidence


def _property(check: Check, ctx: Context):
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    examples = ctx.examples(check.examples)
    calls = {"n": 0, "valid": 0, "last": None, "worst": None}

    def body(args):
        calls["n"] += 1
        calls["last"] = args
        result = check.fn(*args)
        if result is False:
            raise AssertionError("the property returned False")
        calls["valid"] += 1  # reached only if no assume() rejected the example
        # a property may return {"score": x, ...}: the report keeps the example with the largest score
        if isinstance(result, dict) and "score" in result:
            if calls["worst"] is None or result["score"] > calls["worst"][0]["score"]:
                calls["worst"] = (result, args)

    test = settings(
        max_examples=examples, derandomize=True, deadline=None, database=None, print_blob=False,
        report_multiple_bugs=False,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
    )(given(st.tuples(*check.strategies))(body))
    try:
        test()
    except AssertionError as exc:
        args = calls["last"]  # Hypothesis replays the shrunk example last
        recheck = fails_again(check.fn, args)
        return "refuted", {"examples_run": calls["n"], "counterexample": describe(args),
                           "message": str(exc).splitlines()[0] if str(exc) else "assertion failed",
                           "rechecked": recheck}
    evidence = {"examples_requested": examples, "examples_run": calls["valid"],
                "examples_rejected": calls["n"] - calls["valid"], "seed": "derandomized"}
    if calls["worst"] is not None:
        result, args = calls["worst"]
        evidence["worst"] = {k: (float(v) if k == "score" else v) for k, v in result.items()}
        evidence["worst_example"] = describe(args)
    return "holds", evidence


def fails_again(fn, args) -> bool:
    """Re-run the shrunk example outside Hypothesis: it must fail again, deterministically."""
    import warnings

    from hypothesis.errors import UnsatisfiedAssumption

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            return fn(*args) is False
        except AssertionError:
            return True
        except UnsatisfiedAssumption:
            return False


def describe(args) -> Any:
    """JSON-friendly, exact description of a property's arguments."""
    from fractions import Fraction

    from .dataset import Dataset, fraction_str

    def one(v):
        if isinstance(v, Dataset):
            return {"n": v.n, "d": v.d, "X": [[fraction_str(x) for x in row] for row in v.X], "y": list(v.y)}
        if isinstance(v, Fraction):
            return fraction_str(v)
        if isinstance(v, (int, float, str, bool)) or v is None:
            return v
        if isinstance(v, (list, tuple)):
            return [one(x) for x in v]
        return repr(v)

    return [one(a) for a in args]
