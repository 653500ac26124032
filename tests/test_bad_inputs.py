"""The bad-input corpus (tests/bad_inputs/MANIFEST.json): every hostile or unusual file through every command that
takes it. Each run must give the expected exit code, a one-line message containing the expected fragment (on
stderr for exit 2, anywhere for a valid answer), no traceback, no output file left behind when it fails, and an
answer within a time limit."""

import json
import os
import shutil
import signal

import pytest

from checker.claims import runner
from checker.claims.core import REGISTRY
from checker.cli import main

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "bad_inputs")
MANIFEST = json.load(open(os.path.join(HERE, "MANIFEST.json"), encoding="utf-8"))["entries"]
LIMIT = 60  # seconds per command: an answer, not a hang
DATA_COMMANDS = {"run-bp": ["run", "--algo", "batch-perceptron"], "run-gd": ["run", "--algo", "gd"],
                 "margin": ["margin"], "bounds": ["bounds"], "gap": ["gap", "--gamma", "10"]}


def _corpus_files():
    return [f for f in os.listdir(HERE) if f != "MANIFEST.json" and os.path.isfile(os.path.join(HERE, f))]


class Hang(Exception):
    pass


def _run(argv, capsys):
    def on_alarm(signum, frame):
        raise Hang(f"no answer within {LIMIT} s: gdpc {' '.join(argv)}")

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.alarm(LIMIT)
    try:
        code = main(argv)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    out, err = capsys.readouterr()
    return code, out, err


def _cases():
    for e in MANIFEST:
        if "argv" in e:
            want = {"exit": e["exit"], "message": e["message"], "writes": e.get("writes", True)}
            yield pytest.param(e["argv"], want, None, id="args:" + " ".join(e["argv"])[:50])
            continue
        for command, want in e["commands"].items():
            if command in DATA_COMMANDS:
                argv = DATA_COMMANDS[command] + ["--data", e["file"]]
            elif command == "check":
                argv = ["check", e["file"], "--latex", "OUT.tex"]
            else:  # verify: the file's own claims, or a quick built-in one when it registers none
                argv = ["verify", "--claims-file", e["file"], "--jobs", "1", "--quick", "--claim",
                        "USER-RAISES" if "raises" in e["file"] else "SIG-LIMIT"]
            yield pytest.param(argv, want, e["file"], id=f"{command}:{e['file']}")


def test_the_corpus_is_large_and_every_file_is_used():
    files = set(_corpus_files())
    used = {e["file"] for e in MANIFEST if "file" in e} | {a for e in MANIFEST for a in e.get("argv", [])}
    assert len(files) >= 50
    assert files <= used, files - used  # no file sits there unused
    assert len(MANIFEST) >= 80


@pytest.fixture(autouse=True)
def _registry_restored():
    """A claims file registers into the process-wide registry: later tests must not see its claims."""
    runner.load_builtin()  # the built-in claims register once per process (at import): snapshot them too
    saved = dict(REGISTRY)
    yield
    REGISTRY.clear()
    REGISTRY.update(saved)


@pytest.mark.parametrize("argv,want,file", list(_cases()))
def test_bad_input(argv, want, file, tmp_path, capsys, monkeypatch):
    for name in _corpus_files():
        shutil.copy(os.path.join(HERE, name), tmp_path / name)
    monkeypatch.chdir(tmp_path)
    outputs = {"--json": "OUT.json"}
    if argv[0] != "dataset" and "--json" not in argv and argv[0] not in ("derive",):
        argv = argv + ["--json", "OUT.json"]
    code, out, err = _run(argv, capsys)
    assert code == want["exit"], (argv, code, err[-300:], out[-300:])
    assert "Traceback" not in err and "internal error" not in err, err
    if code == 2:
        assert len(err.strip().splitlines()) == 1, err
        assert want["message"] in err, (want["message"], err)
        for left in ["OUT.json", "OUT.tex", "OUT.csv", "OUT.txt"]:
            assert not os.path.exists(left), f"{left} left behind by a failed run"
        assert not [f for f in os.listdir(".") if f.endswith(".tmp") or f.startswith(".gdpc-")]
    else:
        assert want["message"] in out + err, (want["message"], out[-500:])
        if not want.get("writes", True):  # stopped by --timeout: no report, not half of one
            assert not os.path.exists(outputs["--json"])
            return
        assert os.path.exists(outputs["--json"])  # a run that answers writes its report
        json.load(open(outputs["--json"], encoding="utf-8"))


READERS = [DATA_COMMANDS[c] + ["--data"] for c in DATA_COMMANDS] + [["check"], ["verify", "--jobs", "1",
                                                                                "--claims-file"]]


@pytest.mark.parametrize("source", ["fifo", "/dev/zero", "/dev/urandom", "link-to-/dev/zero.csv"])
@pytest.mark.parametrize("reader", READERS, ids=lambda r: r[0] + ("-" + r[2] if r[0] == "run" else ""))
def test_a_pipe_or_device_is_refused_unread(source, reader, tmp_path, capsys, monkeypatch):
    """Reading a FIFO blocks until a writer comes, /dev/zero never ends: each is refused by name, never opened."""
    monkeypatch.chdir(tmp_path)
    if source == "fifo":
        os.mkfifo("data.csv")
        source = "data.csv"
    elif source.startswith("link-to-"):
        os.symlink(source[len("link-to-"):-len(".csv")], "data.csv")
        source = "data.csv"
    code, out, err = _run(reader + [source], capsys)
    assert code == 2, (reader, source, code, err)
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err, err
    assert "not a regular file (a device, pipe or socket)" in err, err
    assert not [f for f in os.listdir(".") if f not in ("data.csv",)], os.listdir(".")
