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
