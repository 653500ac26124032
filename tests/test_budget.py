"""The step budget's deadlines (derivcheck/budget.py): nested shares, and deadlines that fall in a finalizer."""

import time

import pytest
import sympy as sp

from derivcheck.budget import Expired, ShareExpired, StepTimeout, bounded, pace, remaining, share, time_budget
from derivcheck.deciders.problem import ready


def _spin(seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        pass


class _SlowFinalizer:
    def __del__(self):
        _spin(0.2)  # the deadline falls in here


def test_a_deadline_inside_a_finalizer_is_raised_once_it_returns(capsys):
    reached = []
    with pytest.raises(ShareExpired):
        with share(0.05):
            _SlowFinalizer()  # freed at once: its __del__ runs past the deadline
            reached.append("after the finalizer")
            _spin(5)
    assert reached == ["after the finalizer"]
    assert "Exception ignored" not in capsys.readouterr().err


def test_a_share_gives_up_before_its_step_and_the_step_then_times_out():
    with pytest.raises(StepTimeout):
        with time_budget(0.3):
            with pytest.raises(ShareExpired):
                with share(0.05):
                    _spin(5)
            assert 0 < remaining() <= 0.3
            _spin(5)
    assert remaining() is None


def test_a_search_paced_to_stop_says_how_many_points_held_and_never_more():
    import sympy as sp

    from derivcheck.budget import pace
    from derivcheck.deciders import counterexamples
    from derivcheck.reader.declarations import Assumptions

    x = sp.Symbol("x", real=True)
    full, full_stats = counterexamples.search(x**2, ">=", 0 * x, Assumptions(), points=60)
    with pace(0):  # the soft deadline is already past: the search stops after its first SOFT_FLOOR points
        found, stats = counterexamples.search(x**2, ">=", 0 * x, Assumptions(), points=60)
    assert found is None and full is None
    assert stats["points_held"] == counterexamples.SOFT_FLOOR < full_stats["points_held"]
    assert stats["stopped"] == f"the time budget ran out after {counterexamples.SOFT_FLOOR} points"
    assert "stopped" not in full_stats
    with pace(0):  # a false step is still refuted at its first point
        found, _ = counterexamples.search(x**2, "<", 0 * x, Assumptions(), points=60)
    assert found is not None


class _SlowSum(sp.Function):
    """A term whose evaluation takes a second (SymPy's hypergeometric summation of a nested sum took minutes)."""

    def doit(self, **hints):
        time.sleep(1)
        return self.args[0] + 1


def test_a_slow_evaluation_is_bounded_by_the_pace_and_not_remembered():
    x = sp.Symbol("x")
    slow = _SlowSum(x)
    with time_budget(20), pace(0.2):
        t0 = time.monotonic()
        assert ready(slow) == slow  # unevaluated: the search goes on without it
        assert time.monotonic() - t0 < 0.9
    with time_budget(20):
        assert ready(slow) == x + 1  # with time, evaluated: the cut-short result was not cached
    with time_budget(20), pytest.raises(Expired):
        with bounded(0.05):
            time.sleep(0.5)
    with time_budget(0.05), pytest.raises(StepTimeout):  # the step's own end is not a bounded piece's
        with bounded(5):
            time.sleep(0.5)


def test_a_z3_object_cut_off_in_its_constructor_frees_itself_quietly(monkeypatch):
    # a deadline inside ArithRef.__init__ (before self.ctx) left an object whose __del__ raised AttributeError, which
    # Python printed on the terminal as "Exception ignored in ... AstRef.__del__" in the middle of gdpc check's table
    import gc
    import sys
    from types import SimpleNamespace

    import z3

    from derivcheck.budget import time_budget
    reported = []
    monkeypatch.setattr(sys, "unraisablehook", reported.append)  # what Python would print
    with time_budget(5):  # a step's budget installs the filter in front of it
        pass
    events, quiet = [], sys.unraisablehook
    monkeypatch.setattr(sys, "unraisablehook", lambda u: (events.append(u.exc_type), quiet(u)))
    obj = z3.ArithRef.__new__(z3.ArithRef)  # as the interrupted constructor leaves it: no ast, no ctx
    del obj
    gc.collect()
    assert events == [AttributeError] and reported == []  # it happened, and was not reported
    other = SimpleNamespace(exc_type=ValueError, exc_value=ValueError("x"), object=print, exc_traceback=None,
                            err_msg=None)
    quiet(other)
    assert reported == [other]  # anything else is still reported


def test_a_deadline_that_falls_due_while_a_nested_one_is_armed_leaves_no_entry_behind(monkeypatch):
    # under load an outer share fell due just as a nested deadline was armed: the nested entry was appended before
    # its try, stayed in the list, and fired in a later step (Expired raised into pytest's own code)
    from derivcheck import budget
    calls = []
    real = budget._arm

    def arm():
        calls.append(1)
        if len(calls) == 2:  # arming the inner deadline: the outer share is due
            raise budget.ShareExpired()
        real()
    monkeypatch.setattr(budget, "_arm", arm)
    with pytest.raises(budget.ShareExpired):
        with budget.share(5):
            with budget.bounded(1):
                pass
    assert budget._DEADLINES == []


def test_a_deadline_inside_a_garbage_collector_callback_is_raised_once_it_returns():
    # Hypothesis registers a gc callback; a share that fell due in it was printed as "Exception ignored" and lost
    import gc
    reached = []

    def slow_callback(phase, info):
        if phase == "stop":
            _spin(0.2)
    gc.callbacks.append(slow_callback)
    try:
        with pytest.raises(ShareExpired):
            with share(0.05):
                gc.collect()
                reached.append("after the collection")
                _spin(5)
    finally:
        gc.callbacks.remove(slow_callback)
    assert reached == ["after the collection"]
