"""Sentence-alignment benchmark on the UN Parallel Corpus test set (Ziemski et al., LREC 2016).

Run with `make bench`. The test set's 4,000 RU–ZH pairs, grouped by document id, make one long
document pair; with a fixed seed about 5% of sentences are deleted on one side, 5% of adjacent
pairs merged on one side, 2% of sentences split at a comma (`align.evaluate.perturb`). Three
aligners run on the same input with the same embeddings (USE m3, encoded once, timed apart):
  (a) ours: `align.dp.align` with `EmbeddingScorer` (1-1, 1-2, 2-1, 1-0, 0-1);
  (b) sentalign (Vecalign's DP, PyPI `sentalign`), alignment_max_size=3 (the same link types);
  (c) Gale & Church (1993), lengths only, through our DP.
Strict precision/recall/F1 count a link only when both sides match exactly (1-0/0-1 included).
Our weights were tuned on the UN *dev* set; these figures are on the *test* set.

Then a 20,000-sentences-per-side document (the perturbed test set five times over) is aligned in
a child process, whose peak memory is reported.
"""
from __future__ import annotations

import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from common import machine, timed  # noqa: E402
from un import un_pairs  # noqa: E402

from ruzh.align.dp import align  # noqa: E402
from ruzh.align.encoders import load_encoder  # noqa: E402
from ruzh.align.evaluate import perturb, strict_scores  # noqa: E402
from ruzh.align.scoring import EmbeddingScorer, GaleChurchScorer, Side, background  # noqa: E402



def blocks(texts: list[str], k: int, joiner: str) -> list[str]:
    return [joiner.join(texts[s : s + k]) for s in range(len(texts) - k + 1)]


def main() -> None:
    data = perturb(un_pairs("testset"), seed=0)
    encoder = load_encoder("use-m3", cache=False)
    wanted = sorted({t for k in (1, 2, 3) for t in blocks(data.ru, k, " ") + blocks(data.zh, k, "")})
    t = time.perf_counter()
    memo = dict(zip(wanted, encoder.encode(wanted)))
    t_encode = time.perf_counter() - t

    def vectors(texts):
        missing = [x for x in dict.fromkeys(texts) if x not in memo]  # only the long document's seams
        if missing:
            memo.update(zip(missing, encoder.encode(missing)))
        return np.stack([memo[x] for x in texts])

    sides = []
    for texts, joiner, other in ((data.ru, " ", data.zh), (data.zh, "", data.ru)):
        single = vectors(texts)
        sides.append(Side({1: single, 2: vectors(blocks(texts, 2, joiner))},
                          np.array([len(x) for x in texts], float), background(single, vectors(other))))
    ours_time, ours = timed(lambda: align(EmbeddingScorer(*sides)), repeat=3)

    from sentalign import sentalign

    lookup = lambda texts: vectors(list(texts))  # noqa: E731
    sentalign_time, theirs = timed(lambda: sentalign(data.ru, data.zh, lookup, alignment_max_size=3), repeat=3)
    lengths = [np.array([len(x) for x in side], float) for side in (data.ru, data.zh)]
    gc_time, gc = timed(lambda: align(GaleChurchScorer(*lengths)), repeat=3)

    rows = [
        ("ours (USE m3 + banded DP)", [(l.src, l.tgt) for l in ours], ours_time),
        ("sentalign (Vecalign DP, same embeddings)", [(tuple(a.src_indices), tuple(a.tgt_indices)) for a in theirs.alignments], sentalign_time),
        ("Gale-Church (lengths only)", [(l.src, l.tgt) for l in gc], gc_time),
    ]
    print(f"machine: {machine()}")
    print(f"UN test set: {len(data.ru)} RU and {len(data.zh)} ZH sentences, {len(data.gold)} gold links; "
          f"encoding {len(wanted)} texts (blocks of 1-3) took {t_encode:.1f} s, shared by all")
    print(f"{'aligner':44} {'P':>7} {'R':>7} {'F1':>7} {'align s':>9} {'vs ours':>8}")
    for name, links, seconds in rows:
        s = strict_scores(data.gold, links)
        print(f"{name:44} {s.precision:7.4f} {s.recall:7.4f} {s.f1:7.4f} {seconds:9.3f} {seconds / ours_time:7.2f}x")
    long_document(data, vectors)


def long_document(data, vectors) -> None:
    """20,000 sentences per side, aligned in a child process whose peak memory is measured."""
    times = 20_000 // len(data.ru) + 1
    with tempfile.TemporaryDirectory() as tmp:
        for name, texts, joiner in (("ru", data.ru, " "), ("zh", data.zh, "")):
            long = (texts * times)[:20_000]
            np.save(f"{tmp}/{name}1.npy", vectors(long))
            np.save(f"{tmp}/{name}2.npy", vectors(blocks(long, 2, joiner)))
            np.save(f"{tmp}/{name}len.npy", np.array([len(x) for x in long], float))
        child = subprocess.run([sys.executable, __file__, "--child", tmp], capture_output=True, text=True, check=True)
        report = json.loads(child.stdout.strip().splitlines()[-1])
    print(f"20,000 sentences per side: aligned in {report['seconds']:.1f} s; peak memory of the process "
          f"{report['peak_mb']:.0f} MB, of which {report['peak_mb'] - report['before_mb']:.0f} MB added by the alignment "
          f"(before it: {report['before_mb']:.0f} MB of Python, libraries and the embeddings)")


def child(folder: str) -> None:
    load = lambda name: np.load(f"{folder}/{name}.npy")  # noqa: E731
    sides = []
    for name, other in (("ru", "zh"), ("zh", "ru")):
        single = load(f"{name}1")
        sides.append(Side({1: single, 2: load(f"{name}2")}, load(f"{name}len"), background(single, load(f"{other}1"))))
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    t = time.perf_counter()
    links = align(EmbeddingScorer(*sides))
    seconds = time.perf_counter() - t
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "peak_mb": peak, "before_mb": before, "links": len(links)}))


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--child":
        child(sys.argv[2])
    else:
        main()
