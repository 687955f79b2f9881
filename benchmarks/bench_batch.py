"""`ruzh batch` over many documents: pairs per minute with 1 and 2 worker processes, against a loop
of `ruzh run` processes (one model load per pair); peak memory per worker; the term base's size
and lookup time.

Inputs: the UN dev and test sets split into their documents by the `.ids` files (`un.document_ids`;
1,000 and more documents: `--documents 1100`), the first N documents (60 by default) written as `NAME.ru.txt` + `NAME.zh.txt` pairs (`--format lines`). Each
batch runs on a local Dask cluster of its own (processes, one thread each, on 127.0.0.1, as
`ruzh batch --workers N` starts it), started before the clock starts; its workers' peak resident
memory (VmHWM) is read from /proc once the batch is done. Every batch starts with an empty
embedding cache. The loop of `ruzh run` runs the first `--loop` pairs only (each one a process that
loads the models again) and is scaled to pairs per minute.

    python benchmarks/bench_batch.py [--documents 60] [--workers 1 2] [--loop 5]

UN data: the United Nations Parallel Corpus v1.0 (Ziemski, Junczys-Dowmunt & Pouliquen, LREC 2016).
"""
from __future__ import annotations

import argparse
import logging
import os
import subprocess
import sys
import tempfile
import time
from itertools import groupby
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from common import machine, timed  # noqa: E402
from un import document_ids, un_pairs  # noqa: E402

from ruzh import batch  # noqa: E402
from ruzh import termbase_store as store  # noqa: E402

LINES = {"format": "lines"}
INFLECTED = "Генеральной Ассамблеи"  # a form the term base does not list: the lemma path


def write_pairs(folder: Path, documents: int) -> int:
    """The first `documents` documents of the dev set, then the test set, as pairs; the number of
    lines written."""
    folder.mkdir(parents=True, exist_ok=True)
    lines = 0
    both = [item for split in ("devset", "testset") for item in zip(document_ids(split), un_pairs(split))]
    for number, (_, group) in enumerate(groupby(both, key=lambda item: item[0])):
        if number == documents:
            break
        pairs = [pair for _, pair in group]
        lines += len(pairs)
        (folder / f"doc{number:04d}.ru.txt").write_text("\n".join(r for r, _ in pairs) + "\n", encoding="utf-8")
        (folder / f"doc{number:04d}.zh.txt").write_text("\n".join(z for _, z in pairs) + "\n", encoding="utf-8")
    return lines


def _peak_kib() -> int:
    """This process's peak resident memory, KiB (run in each worker)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


def run_batch(folder: Path, out: Path, workers: int) -> dict:
    from dask.distributed import Client, LocalCluster

    os.environ["RUZH_CACHE_DIR"] = tempfile.mkdtemp(prefix="bench-batch-cache-")  # cold, as a first batch is
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None, silence_logs=logging.ERROR) as cluster, Client(cluster) as client:
        seconds, result = timed(lambda: batch.run_batch(batch.find_pairs(folder), out, LINES,
                                                        scheduler=cluster.scheduler_address, progress=False))
        peaks = sorted(client.run(_peak_kib).values())
    failed = sum(1 for r in result.records if r["status"] == "failed")
    return {"seconds": seconds, "pairs": len(result.records), "failed": failed, "peaks_mib": [p / 1024 for p in peaks]}


def run_loop(folder: Path, out: Path, count: int) -> float:
    """Seconds for `ruzh run` as separate processes over the first `count` pairs."""
    pairs = batch.find_pairs(folder)[:count]
    env = os.environ | {"RUZH_CACHE_DIR": tempfile.mkdtemp(prefix="bench-loop-cache-")}
    started = time.perf_counter()
    for pair in pairs:
        subprocess.run([sys.executable, "-m", "ruzh", "run", "--ru", pair.ru, "--zh", pair.zh, "--format", "lines",
                        "-o", str(out / pair.name), "-q"], check=True, env=env)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--documents", type=int, default=60)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--loop", type=int, default=5, help="pairs run by a loop of `ruzh run` processes (0: none)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="bench-batch-") as tmp:
        tmp = Path(tmp)
        lines = write_pairs(tmp / "pairs", args.documents)
        print(f"Machine: {machine()}")
        print(f"Input: the first {args.documents} documents of the UN dev and test sets ({lines} lines a side), "
              "one pair each, --format lines\n")
        rows = []
        for workers in args.workers:
            r = run_batch(tmp / "pairs", tmp / f"out-{workers}", workers)
            rows.append((f"ruzh batch, {workers} worker{'s' * (workers > 1)}", r["seconds"], r["pairs"],
                         r["failed"], ", ".join(f"{p:.0f}" for p in r["peaks_mib"])))
        if args.loop:
            seconds = run_loop(tmp / "pairs", tmp / "loop", args.loop)
            rows.append((f"loop of `ruzh run` ({args.loop} pairs)", seconds, args.loop, 0, "-"))
        print(f"{'':34} {'seconds':>8} {'pairs':>6} {'failed':>6} {'pairs/min':>9}  peak MiB per worker")
        for name, seconds, pairs, failed, peaks in rows:
            print(f"{name:34} {seconds:8.1f} {pairs:6d} {failed:6d} {60 * pairs / seconds:9.1f}  {peaks}")

        db = tmp / f"out-{args.workers[-1]}" / "termbase.sqlite"
        concepts = store.concepts(db)
        renderings = sum(len(c.renderings) for c in concepts)
        print(f"\nTerm base: {db.stat().st_size / 1024:.0f} KiB, {len(store.documents(db))} documents, "
              f"{len(concepts)} concepts, {renderings} renderings, "
              f"{len(store.inconsistencies(db))} rendered two or more ways")
        top = max(concepts, key=lambda c: (len(c.documents), c.freq))
        print(f"  the term in most documents: «{top.ru}» ({len(top.documents)} documents)")
        for query in (INFLECTED, top.ru, top.renderings[0].zh, top.ru[:-1]):
            first, found = timed(lambda q=query: store.lookup(db, q))
            again, _ = timed(lambda q=query: store.lookup(db, q), repeat=5)
            how = found[0][0] if found else "no match"
            print(f"  lookup «{query}»: {1000 * first:.1f} ms first, {1000 * again:.1f} ms after ({how} match)")


if __name__ == "__main__":
    main()
