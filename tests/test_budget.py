"""The step budget's deadlines (derivcheck/budget.py): nested shares, and deadlines that fall in a finalizer."""

import time

import pytest

from derivcheck.budget import ShareExpired, StepTimeout, remaining, share, time_budget


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
