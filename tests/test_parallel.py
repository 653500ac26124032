"""Claims run in worker processes (`verify --jobs N`) and on a dask.distributed cluster (`--scheduler`) give the
same results, in registry order, as in this process."""

import json

import pytest

from checker.claims import runner
from checker.claims.core import Context
from checker.cli import main

IDS = ["SIG-LIMIT", "BP-BOUND", "GRAD:relu", "FALSE-PERCEPTRON-R-MU"]


def _summary(results):
    return [(r.id, r.status, [(c.kind, c.name, c.status) for c in r.checks]) for r in results]


@pytest.mark.slow  # the claims twice, serially and in workers (test_verify_jobs_flag keeps workers in the default tier)
def test_worker_processes_match_this_process_in_registry_order():
    claims = runner.load_builtin()
    ctx = Context(quick=True)
    serial = runner.run_claims(IDS, ctx, jobs=1)
    seen = []
    parallel = runner.run_claims(IDS, ctx, jobs=2, on_result=lambda r: seen.append(r.id))
    assert _summary(parallel) == _summary(serial)
    assert seen == IDS and [r.id for r in parallel] == IDS
    assert set(IDS) <= set(claims)


def test_verify_jobs_flag(tmp_path, capsys):
    out = tmp_path / "r.json"
    assert main(["verify", "--claim", "SIG-LIMIT", "--claim", "BP-BOUND", "--quick", "--jobs", "2",
                 "--json", str(out)]) == 0
    assert [c["id"] for c in json.loads(out.read_text())["claims"]] == ["SIG-LIMIT", "BP-BOUND"]
    assert main(["verify", "--claim", "SIG-LIMIT", "--jobs", "0"]) == 2


def test_a_users_claims_file_runs_in_workers(tmp_path):
    out = tmp_path / "r.json"
    assert main(["verify", "--claims-file", "examples/my_claims.py", "--claim", "BP-SCALE-INVARIANT", "--quick",
                 "--jobs", "2", "--json", str(out)]) == 0
    assert json.loads(out.read_text())["claims"][0]["status"] == "verified"


@pytest.mark.slow  # a local dask cluster started and stopped (the unreachable-scheduler test stays in the default tier)
def test_dask_local_cluster_gives_the_same_results():
    distributed = pytest.importorskip("distributed")
    runner.load_builtin()  # this process runs them too: its registry must hold them whichever tests ran before
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        executor = runner.distributed_executor(cluster.scheduler_address)
        ctx = Context(quick=True)
        remote = runner.run_claims(IDS[:2], ctx, executor=executor)
        executor._client.close()
    assert _summary(remote) == _summary(runner.run_claims(IDS[:2], ctx, jobs=1))


def test_unreachable_scheduler_is_one_line(capsys, monkeypatch):
    pytest.importorskip("distributed")
    monkeypatch.setattr(runner, "SCHEDULER_TIMEOUT", 1)  # a refused connection is retried until the timeout
    assert main(["verify", "--claim", "SIG-LIMIT", "--quick", "--scheduler", "tcp://127.0.0.1:9"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("gdpc: error: --scheduler tcp://127.0.0.1:9") and err.count("\n") == 1


def test_the_pool_has_no_more_workers_than_claims(monkeypatch):
    """A pool forks all its workers when the first claim is submitted: --jobs 200 for two claims forks two."""
    sizes = []
    real = runner.ProcessPoolExecutor

    def recording(max_workers, **kw):
        sizes.append(max_workers)
        return real(max_workers=max_workers, **kw)

    monkeypatch.setattr(runner, "ProcessPoolExecutor", recording)
    runner.load_builtin()
    results = runner.run_claims(["SIG-LIMIT", "GRAD:relu"], Context(quick=True), jobs=200)
    assert sizes == [2] and [r.id for r in results] == ["SIG-LIMIT", "GRAD:relu"]
    runner.run_claims(["SIG-LIMIT", "GRAD:relu", "BP-BOUND"], Context(quick=True), jobs=2)
    assert sizes == [2, 2]
