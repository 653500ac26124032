"""Running claims: every check of a claim, in this process or in worker processes.

Owns the Hypothesis driver (fixed seed, bounded examples, the shrunk
counterexample re-checked outside Hypothesis, its files in a cache folder),
loading users' claims files and running their claims in boxes (`checker.user_code`),
and the exact JSON description of a counterexample.
"""

from __future__ import annotations

import importlib.util
import multiprocessing
import os
import sys
import time
import traceback
import warnings
from collections.abc import Callable
from concurrent.futures import Executor, ProcessPoolExecutor
from contextlib import contextmanager
from fractions import Fraction
from typing import Any

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.configuration import set_hypothesis_home_dir
from hypothesis.errors import UnsatisfiedAssumption

from checker import lifetime
from checker.arith import using
from checker.claims import catalogue
from checker.claims.core import (
    PASSING,
    REGISTRY,
    Check,
    CheckResult,
    Claim,
    ClaimResult,
    Context,
)
from checker.claims.evidence import capped
from checker.claims.evidence import safe as json_safe
from checker.data.dataset import Dataset, fraction_str
from checker.errors import InputError
from checker.files import check_input
from checker.user_code import BoxError, box_available, boxed, error_text, exit_call, no_process_exit


def _hypothesis_files_in_the_cache() -> None:
    """Hypothesis keeps files (.hypothesis/) in the current folder, which is the user's: gdpc's go to
    $XDG_CACHE_HOME/gdpc/hypothesis (~/.cache/gdpc/hypothesis) unless HYPOTHESIS_STORAGE_DIRECTORY says where."""
    if not os.environ.get("HYPOTHESIS_STORAGE_DIRECTORY"):
        cache = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
        set_hypothesis_home_dir(os.path.join(cache, "gdpc", "hypothesis"))


_hypothesis_files_in_the_cache()


def run_claim(claim: Claim, ctx: Context) -> ClaimResult:
    if claim.source:  # a user's claims file's claim: its file and its checks run in a box
        try:
            return boxed(_run_users_claim, claim.id, claim.source, ctx)
        except BoxError as exc:
            failed = CheckResult("box", "running the claim", "error", {"error": str(exc)}, 0.0)
            return ClaimResult(claim.id, claim.statement, claim.expect, "error", [failed], claim.references)
    with using(ctx.arith):
        results = [_run_check(c, ctx, claim.expect) for c in claim.checks]
    return ClaimResult(claim.id, claim.statement, claim.expect, _claim_status(results), results, claim.references)


def _run_users_claim(claim_id: str, path: str, ctx: Context) -> ClaimResult:
    """In the box: the file again (quietly: its output was shown when it was loaded), then the claim itself,
    its evidence capped in size."""
    for cid in [cid for cid, c in REGISTRY.items() if c.source == path]:  # this file's stand-ins
        del REGISTRY[cid]
    with _quiet():
        _execute(path)
    result = run_claim(REGISTRY[claim_id], ctx)
    for c in result.checks:
        c.evidence = capped(c.evidence)
    return result


@contextmanager
def _quiet():
    """stdout and stderr to the null device, at the descriptors (a C extension's output too)."""
    sys.stdout.flush()
    sys.stderr.flush()
    saved = [os.dup(1), os.dup(2)]
    null = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(null, 1)
        os.dup2(null, 2)
        yield
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        for fd, old in zip((1, 2), saved):
            os.dup2(old, fd)
            os.close(old)
        os.close(null)


def _run_in_worker(claim_id: str, ctx: Context, files: tuple) -> ClaimResult:
    """A worker process (or a remote worker): registries are per process, so load what is missing first."""
    if claim_id not in REGISTRY:
        load_builtin()
    for path in files:
        if claim_id not in REGISTRY:
            load_file(path)
    result = run_claim(REGISTRY[claim_id], ctx)
    for c in result.checks:  # sent back by pickle: a user's lambda in its evidence would break the pool
        c.evidence = json_safe(c.evidence)
    return result


SCHEDULER_TIMEOUT = 10  # seconds a --scheduler address is tried: dask retries a refused connection until then


def distributed_executor(address: str) -> Executor:
    """The executor of a dask.distributed client at `address`: claims then run on that cluster's workers."""
    try:
        from distributed import Client  # noqa: PLC0415  (optional extra, loaded only when asked for)
    except ImportError:
        raise InputError("--scheduler needs dask.distributed: pip install distributed") from None
    try:
        return Client(address, timeout=SCHEDULER_TIMEOUT).get_executor()
    except OSError as exc:
        raise InputError(f"--scheduler {address}: cannot connect ({exc})") from None


def run_claims(ids: list[str], ctx: Context, files: tuple = (), jobs: int = 1, executor: Executor | None = None,
               on_result: Callable[[ClaimResult], None] | None = None) -> list[ClaimResult]:
    """Run claims in this process (jobs = 1), in `jobs` worker processes, or on a given executor.

    Results come back in the order of `ids` whatever order they finish in; `on_result` sees each one in that
    order as soon as all before it are done. Heavy claims are submitted first so that they do not finish last.
    """
    if executor is None and jobs <= 1:
        results = []
        for cid in ids:
            results.append(run_claim(REGISTRY[cid], ctx))
            if on_result:
                on_result(results[-1])
        return results
    own = executor is None
    # no more workers than claims: a pool forks all its workers up front, however few claims there are
    workers = max(1, min(jobs, len(ids)))
    pool = executor or ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork"),
                                           initializer=_worker_started, initargs=(os.getpid(),))
    try:
        order = sorted(ids, key=lambda c: catalogue.HEAVY_FIRST.index(c) if c in catalogue.HEAVY_FIRST else len(
            catalogue.HEAVY_FIRST))
        futures = {cid: pool.submit(_run_in_worker, cid, ctx, tuple(files)) for cid in order}
        results = []
        for cid in ids:
            results.append(futures[cid].result())
            if on_result:
                on_result(results[-1])
        return results
    except BaseException:  # --timeout or Ctrl-C: stop the workers now, not after their current claim
        if own:
            # ProcessPoolExecutor has no public terminate before Python 3.14
            for proc in list(getattr(pool, "_processes", {}).values()):
                proc.terminate()
        raise
    finally:
        if own:
            procs = list((getattr(pool, "_processes", None) or {}).values())  # shutdown forgets them
            pool.shutdown(wait=False, cancel_futures=True)
            _stop_lingering(procs)


def _worker_started(parent: int) -> None:
    """A worker ends with gdpc, whatever ends gdpc (SIGKILL included), and at once on the SIGTERM that stops it."""
    lifetime.default_signals()
    lifetime.die_with_parent(parent)


def _stop_lingering(procs: list, grace: float = 2.0) -> None:
    """Every result is in: a worker still alive `grace` seconds after the pool's shutdown is held by a thread a
    user's check started (a process joins its non-daemon threads before it exits), and would hold this process at
    exit too. It is terminated; its work is done."""
    deadline = time.monotonic() + grace
    for proc in procs:
        proc.join(max(0.0, deadline - time.monotonic()))
        if proc.is_alive():
            proc.terminate()


def load_builtin() -> dict[str, Claim]:
    """Every registered claim: the built-in ones in catalogue order (whatever order their modules were imported
    in), then users' claims in registration order."""
    catalogue.load()
    rank = {f"checker.claims.{m}": i for i, m in enumerate(catalogue.MODULES)}
    ordered = sorted(REGISTRY.values(), key=lambda c: rank.get(c.module, len(rank)))  # stable: keeps order within
    return {c.id: c for c in ordered}


def load_file(path: str) -> list[str]:
    """Register the claims of a user's claims file; returns their IDs.

    The file runs in a box (`checker.user_code`), which sends back what it registered: each claim is
    registered here as a stand-in (`Claim.source`), and `run_claim` runs it in a box of its own.
    """
    check_input(path, "claims file")
    if not box_available():
        return _execute(path)
    try:
        added = boxed(_describe, path)
    except BoxError as exc:  # ended without an answer (its memory cap, a signal, a fork that killed it)
        raise InputError(f"{path}: failed to load: {exc}") from None
    if isinstance(added, str):
        raise InputError(added)
    for c in added:
        REGISTRY[c.id] = c
    return [c.id for c in added]


def _describe(path: str) -> list[Claim] | str:
    """In the box: the file's claims without their code, as stand-ins that name the file (or why it failed)."""
    try:
        ids = _execute(path)
    except InputError as exc:
        return str(exc)
    return [Claim(c.id, c.statement, c.references, c.expect, [Check(k.kind, k.name, _in_its_box, (), k.examples)
                                                              for k in c.checks], c.module, source=path)
            for c in (REGISTRY[i] for i in ids)]


def _in_its_box(*_args, **_kwargs):
    """A stand-in's check: the real one runs in the claim's box (`run_claim`), never through the stand-in."""
    raise RuntimeError("a user's check runs in the box of its claim, not through its stand-in")


def _execute(path: str) -> list[str]:
    """Execute a user's claims file in this process; returns the IDs it registered."""
    before = set(REGISTRY)
    spec = importlib.util.spec_from_file_location(f"gdpc_user_claims_{abs(hash(path))}", path)
    if spec is None or spec.loader is None:  # importlib only loads a file whose name ends in .py
        raise InputError(f"{path}: not a Python file (a claims file is a .py that calls claim(...))")
    module = importlib.util.module_from_spec(spec)
    try:
        with no_process_exit():
            spec.loader.exec_module(module)
    except SystemExit as exc:  # a file that exits must not end the run looking like success
        raise InputError(f"{path}: failed to load: it called {exit_call(exc)}") from None
    except Exception as exc:
        raise InputError(f"{path}: failed to load: {error_text(exc)}") from None
    added = [k for k in REGISTRY if k not in before]
    if not added:
        raise InputError(f"{path}: registers no claims (use checker.claims.claim)")
    return added


def _claim_status(results: list[CheckResult]) -> str:
    if not results:
        return "skipped"
    if any(r.status == "refuted" for r in results):
        return "refuted"
    if all(r.status in PASSING for r in results):
        return "verified"
    return "error"


def _run_check(check: Check, ctx: Context, expect: str = "holds") -> CheckResult:
    t0 = time.perf_counter()
    try:
        with no_process_exit():
            if check.kind == "symbolic":
                status, evidence = _symbolic(check, ctx)
            elif check.kind == "numeric":
                status, evidence = _numeric(check, ctx)
            else:
                status, evidence = _property(check, ctx, expect)
    except SystemExit as exc:  # a check that exits checked nothing: an error, never the end of the run
        status, evidence = "error", {"error": f"the check called {exit_call(exc)}"}
    except KeyboardInterrupt as exc:
        if lifetime.sent_by_user(exc):  # Ctrl-C or a signal: the run ends
            raise
        # raised by the check's own code: an error of this check, not the user stopping gdpc
        status = "error"
        evidence = {"error": "the check raised KeyboardInterrupt", "where": traceback.format_exc(limit=-3)}
    except Exception as exc:  # a crashing check is an error in the report, not a crash of the run
        status = "error"
        evidence = {"error": error_text(exc), "where": traceback.format_exc(limit=-3)}
    return CheckResult(check.kind, check.name, status, evidence, time.perf_counter() - t0)


def _symbolic(check: Check, ctx: Context):
    derivation = check.fn(ctx)
    evidence = derivation.evidence()
    evidence["derivation"] = derivation.claim_id
    return ("proved" if derivation.proved else "failed"), evidence


def _numeric(check: Check, ctx: Context):
    holds, evidence = check.fn(ctx)
    return ("undecided" if holds is None else "holds" if truth(holds, "a numeric check") else "refuted"), evidence


def truth(value, what: str) -> bool:
    """A check's answer as a bool: True or False (numpy's too: `np.all(...)` returns one); anything else, 1 or
    "yes" included, is not an answer and makes the check an error rather than a guess."""
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    raise TypeError(f"{what} returned {value!r} ({type(value).__name__}), not True, False or None")


def _property(check: Check, ctx: Context, expect: str = "holds"):
    # --quick cuts the examples of a claim expected to hold; a deliberately false one keeps them all, since the
    # search stops at its first counterexample and a tenth of the budget need not reach one
    examples = check.examples if expect == "refuted" else ctx.examples(check.examples)
    calls: dict[str, Any] = {"n": 0, "valid": 0, "last": None, "worst": None}

    def body(args):
        calls["n"] += 1
        calls["last"] = args
        result = check.fn(*args)
        if _returned_false(result):
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
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            return _returned_false(fn(*args))
        except AssertionError:
            return True
        except UnsatisfiedAssumption:
            return False


def _returned_false(result) -> bool:
    """A property asserts, or returns a bool, or {"score": ...} (a dict) or nothing."""
    return result is not None and not isinstance(result, dict) and not truth(result, "a property")


def describe(args) -> Any:
    """JSON-friendly, exact description of a property's arguments."""
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
