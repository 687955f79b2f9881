"""A worker process killed under a pair (SIGKILL, as the out-of-memory killer does): the batch goes
on, the pair is run once more or recorded failed with a message, and a second batch completes it."""
from __future__ import annotations

import os
import signal
import threading
import time
from pathlib import Path

import pytest

from ruzh import batch
from ruzh import termbase_store as store

LINES = {"format": "lines"}


@pytest.fixture(scope="module")
def folder(tmp_path_factory, un_pairs) -> Path:
    path = tmp_path_factory.mktemp("kill-pairs")
    for name, (start, end) in {"a-first": (20, 26), "b-second": (26, 32)}.items():
        (path / f"{name}.ru.txt").write_text("\n".join(r for r, _ in un_pairs[start:end]) + "\n", encoding="utf-8")
        (path / f"{name}.zh.txt").write_text("\n".join(z for _, z in un_pairs[start:end]) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def cluster():
    """A real cluster of two worker processes on 127.0.0.1, and a client of the test's own to watch it."""
    import logging

    from dask.distributed import Client, LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None,
                      silence_logs=logging.CRITICAL) as cluster, Client(cluster) as client:
        yield cluster, client


def _kill_when_running(client, name: str, killed: list[int], deadline: float = 60.0) -> threading.Thread:
    """Kill (SIGKILL) the worker process the scheduler has given the pair `name` to, once."""
    def watch():
        stop = time.monotonic() + deadline
        while time.monotonic() < stop:
            for address, keys in client.processing().items():
                if any(str(k).startswith(f"ruzh-pair-{name}-") for k in keys):
                    pid = client.run(os.getpid, workers=[address])[address]
                    os.kill(pid, signal.SIGKILL)
                    killed.append(pid)
                    return
            time.sleep(0.05)

    thread = threading.Thread(target=watch, daemon=True)
    thread.start()
    return thread


def test_a_killed_worker_loses_no_pair(folder, tmp_path, cluster):
    local, client = cluster
    pairs = batch.find_pairs(folder)
    address = local.scheduler_address

    # the scheduler allows one retry (as `ruzh batch --workers N` sets its own cluster): the pair reruns elsewhere
    local.scheduler.allowed_failures = batch.RETRIES_WHEN_LOST
    killed: list[int] = []
    watcher = _kill_when_running(client, "b-second", killed)
    result = batch.run_batch(pairs, tmp_path / "retried", LINES, scheduler=address)
    watcher.join()
    assert killed, "the pair was never seen running"
    assert [r["status"] for r in result.records] == ["done", "done"], result.records
    assert result.exit_code == batch.EXIT_OK
    assert [d["name"] for d in store.documents(tmp_path / "retried" / "termbase.sqlite")] == ["a-first", "b-second"]

    # no retry left: the pair is recorded failed, with what to do; the batch finishes with status 1
    local.scheduler.allowed_failures = 0
    out = tmp_path / "failed"
    killed.clear()
    watcher = _kill_when_running(client, "b-second", killed)
    result = batch.run_batch(pairs, out, LINES, scheduler=address)
    watcher.join()
    assert killed
    records = {r["name"]: r for r in result.records}
    assert records["b-second"]["status"] == "failed" and result.exit_code == batch.EXIT_SOME_FAILED
    assert "worker process running this pair stopped" in records["b-second"]["error"]
    assert "Run the batch again" in records["b-second"]["error"]
    assert "b-second" not in {d["name"] for d in store.documents(out / "termbase.sqlite")}
    assert not (out / "b-second" / "manifest.json").exists()  # nothing of it counts as done

    # the same command again: the lost pair runs, the finished one is skipped; each document once
    result = batch.run_batch(pairs, out, LINES, scheduler=address)
    assert {r["name"]: r["status"] for r in result.records} in (
        {"a-first": "skipped", "b-second": "done"}, {"a-first": "done", "b-second": "done"})
    assert result.exit_code == batch.EXIT_OK
    assert [d["name"] for d in store.documents(out / "termbase.sqlite")] == ["a-first", "b-second"]
    assert not list(out.rglob(".ruzh-staging-*")) and not (out / batch.JOURNAL).exists()
    assert (out / "b-second" / "manifest.json").exists()


def test_a_local_cluster_retries_a_lost_pair_once():
    with batch._client(1, None) as client:
        assert client.cluster.scheduler.allowed_failures == batch.RETRIES_WHEN_LOST == 1
