"""A step's memory budget (derivcheck.memory_budget): a step that grows the process past it is undecided, the
budget ends cleanly however the step ends, and `gdpc check --max-memory` sets it."""

import signal
import threading

import pytest
import sympy as sp

from checker.choices import DEFAULT_MEMORY_MB
from derivcheck import memory_budget as mb
from derivcheck import verdicts
from derivcheck.reader.document import StepInput

pytestmark = pytest.mark.skipif(mb.resident_bytes() is None, reason="no /proc/self/statm: no memory budget here")

CHUNK = 8 * 2**20


def _grow(megabytes):
    """Hold `megabytes` more, written (pages only reserved would not count), in chunks."""
    held = []
    for _ in range(megabytes * 2**20 // CHUNK):
        held.append(b"\x01" * CHUNK)
    return held


def test_a_step_that_outgrows_its_budget_is_stopped_and_frees_what_it_held():
    before = mb.resident_bytes()
    with pytest.raises(mb.StepOutOfMemory):
        with mb.memory_budget(64):
            _grow(2048)
    assert not mb._ACTIVE
    # what the step held was unwound: the process did not keep 2 GB, only about its budget at most
    assert mb.resident_bytes() - before < 1024 * 2**20


def test_a_step_within_its_budget_ends_normally_and_the_budget_can_start_again():
    with mb.memory_budget(512):
        held = _grow(64)
    assert len(held) == 8 and not mb._ACTIVE
    with pytest.raises(mb.StepOutOfMemory):
        with mb.memory_budget(32):
            _grow(1024)
    assert not mb._ACTIVE


def test_no_budget_and_a_worker_thread_run_without_one():
    with mb.memory_budget(None):
        assert len(_grow(96)) == 12
    assert not mb._ACTIVE
    seen = []

    def worker():
        with mb.memory_budget(16):
            seen.append(len(mb._ACTIVE))
            _grow(64)
            seen.append("done")
    t = threading.Thread(target=worker)
    t.start()
    t.join()
    assert seen == [0, "done"]  # enforced in the main thread only, like the time budget


def test_a_nested_budget_runs_under_the_outer_one():
    with pytest.raises(mb.StepOutOfMemory):
        with mb.memory_budget(48):
            with mb.memory_budget(4096):  # does not lift the outer budget
                _grow(1024)
    assert not mb._ACTIVE


def test_a_late_signal_after_the_budget_ended_is_dropped():
    try:
        with mb.memory_budget(16):
            _grow(128)
    except mb.StepOutOfMemory:
        pass
    assert not mb._ACTIVE
    # the watcher's last signal may arrive after the step ended: it must neither raise nor end the process (the
    # default action of SIGUSR1), so the budget's handler stays and ignores it
    signal.pthread_kill(threading.get_ident(), signal.SIGUSR1)
    assert sum(range(10**5)) > 0  # Python instructions run after it: a pending handler would have raised here
    assert signal.getsignal(signal.SIGUSR1) is mb._over


def test_a_step_past_its_memory_budget_is_undecided_never_passed(monkeypatch):
    x = sp.Symbol("x", real=True)

    def greedy(*args):
        _grow(2048)
        raise AssertionError("the budget should have stopped this step")
    monkeypatch.setattr(verdicts, "_check", greedy)
    v = verdicts.check(StepInput(x, "<=", x + 1, 1, "x \\le x + 1"), 1, memory_mb=64)
    assert (v.verdict, v.method) == ("undecided", "memory budget")
    assert "64 MB" in v.evidence["reason"] and "--max-memory" in v.evidence["reason"]
    assert v.lhs == "x" and v.rhs == "x + 1"


def test_the_cli_default_is_the_engine_default():
    assert DEFAULT_MEMORY_MB == mb.MEMORY_MB


def test_gdpc_check_max_memory_is_each_step_s_budget(monkeypatch, tmp_path, capsys):
    from checker.cli import main
    from derivcheck import files

    seen = []

    def spy(step, k, assumptions, **kw):
        seen.append(kw["memory_mb"])
        return real(step, k, assumptions, **kw)
    real = files.check
    monkeypatch.setattr(files, "check", spy)
    f = tmp_path / "d.tex"
    f.write_text("% assume: x real\n\\begin{align*}\nx^2 &\\ge 0 \\\\\n(x+1)^2 &= x^2 + 2x + 1\n\\end{align*}\n")
    assert main(["check", str(f), "--max-memory", "300"]) == 0
    assert seen == [300, 300]
    assert main(["check", str(f)]) == 0 and seen[2:] == [mb.MEMORY_MB] * 2


def test_an_evaluation_that_ran_out_of_memory_is_not_kept_for_the_next_steps():
    # problem.ready caches each expression's evaluation: a MemoryError there is this step's lack of means, and
    # keeping the unevaluated form (which no proof accepts) would fail the same expression in every later step
    import sympy as sp

    from derivcheck.deciders import problem

    calls = []

    class Heavy(sp.Function):
        def doit(self, **hints):
            calls.append(1)
            if len(calls) == 1:
                raise MemoryError
            return sp.Integer(2)

    x = sp.Symbol("x_heavy_once")
    with pytest.raises(MemoryError):
        problem.ready(Heavy(x))
    assert problem.ready(Heavy(x)) == 2 and len(calls) == 2
