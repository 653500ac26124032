"""Long runs: --timeout stops them with a clear result and exit 1; a terminal sees progress every second."""

import json
import threading
import time

import pytest

from checker.cli import main
from checker.data import dataset
from checker.data.named import bp_lower
from checker.progress import RunTimeout, tick, watch

# the timer is SIGALRM, which only the main thread receives (pytest-xdist runs tests in its workers' main thread)
pytestmark = pytest.mark.skipif(threading.current_thread() is not threading.main_thread(),
                                reason="SIGALRM timers need the main thread")


def test_timeout_stops_a_long_run_with_a_clear_result(tmp_path, capsys):
    path = str(tmp_path / "b.csv")
    dataset.to_csv(bp_lower(101), path)
    # gamma = 1/1000 needs millions of iterations: the limit ends it, and says where
    start = time.monotonic()
    assert main(["run", "--data", path, "--algo", "gd", "--gamma", "1/1000", "--max-iter", "100000000",
                 "--timeout", "0.5", "--json"]) == 1
    assert time.monotonic() - start < 30
    out = json.loads(capsys.readouterr().out)
    assert out["separated"] is False and out["stopped"].startswith("stopped by --timeout 0.5 s at t = ")


def test_progress_is_shown_every_second(capsys):
    with pytest.raises(RunTimeout):
        with watch(1.5, show=True):
            t = 0
            while t < 10**9:  # an engine loop: reports where it is (the bound only guards a broken timer)
                t += 1
                tick(t, "gd, arb 40 digits")
    err = capsys.readouterr().err
    assert "gd, arb 40 digits: t = " in err and ", 1 s" in err


def test_no_timer_when_nothing_is_asked(capsys):
    with watch(None, show=False):
        tick(1, "x")
    assert capsys.readouterr().err == ""
