"""`ruzh serve`'s glossary search on the UN test set's glossary (4,000+ entries): under 50 ms a query.

Run with `make bench`, or `python benchmarks/bench_serve.py [FOLDER]` to reuse (or keep) a run
folder. The UN test set (4,000 RU–ZH pairs, `--format lines`) is aligned, its glossary built and
the folder written as `ruzh run` writes it (about a minute); then queries of each kind of match
are timed through what the server calls: `GlossaryIndex.search` over the folder loaded once,
with the concordance the page shows, and its rendering to EntryView (`glossary_view.search`).
The whole page is timed too: GET /glossary?q=… through Starlette's TestClient (routing, search,
the Jinja2 page; no network). The same queries are timed through the one-shot `lookup()`, which
reads the folder's files again on every call, as the server did before (the ratio).
Wall-clock on this machine, median and worst of REPEAT runs per query, after one warm-up run
(which loads the lemmatizer). The kinds are kinds of query; the kind of match of the first
result is counted beside them.
"""
from __future__ import annotations

import gc
import os
import statistics
import sys
from collections import Counter
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from common import machine  # noqa: E402
from un import un_pairs  # noqa: E402

BUDGET_MS = 50
REPEAT = 20


def build(folder: Path) -> None:
    """The UN test set's run folder: corpus, alignment, glossary exports (divergences are not
    detected: the glossary page does not read them; `main` writes an empty list so that the
    server starts)."""
    from ruzh import pipeline
    from ruzh.align import align_document, load_encoder
    from ruzh.corpus import read_lines
    from ruzh.glossary import build_glossary, write_exports

    pairs = un_pairs("testset")
    with tempfile.TemporaryDirectory() as tmp:
        for lang, k in (("ru", 0), ("zh", 1)):
            Path(tmp, f"{lang}.txt").write_text("\n".join(p[k] for p in pairs) + "\n", encoding="utf-8")
        doc = read_lines(Path(tmp, "ru.txt"), Path(tmp, "zh.txt"))
    encoder = load_encoder("use-m3")
    alignment = align_document(doc, encoder)
    glossary = build_glossary(doc, alignment, encoder)
    folder.mkdir(parents=True, exist_ok=True)
    pipeline.write_corpus(doc, folder)
    pipeline.write_alignment(doc, alignment, folder)
    write_exports(glossary, folder)


def queries(rows) -> dict[str, list[str]]:
    """Queries of each kind, taken from the glossary itself so that each finds something."""
    ru = [r for r in rows if len(r.ru) >= 8 and len(r.ru.split()) >= 2][:200:20]
    zh = [r for r in rows if len(r.zh) >= 4][:200:20]
    words = [r for r in rows if len(r.ru.split()) >= 2 and r.ru_forms][:400:40]
    typo = []
    for r in ru:
        k = len(r.ru) // 2
        if r.ru[k].isalpha():
            typo.append(r.ru[:k] + r.ru[k + 1:])  # a letter left out
    picked = {
        "exact (ru)": [r.ru for r in ru],
        "exact (zh)": [r.zh for r in zh],
        "Chinese substring": [r.zh[1:-1] if len(r.zh) > 4 else r.zh[:2] for r in zh],
        "Russian form (lemmas)": [f for r in words for f in r.ru_forms[-1:]],
        "Russian lemmas, unlisted form": ["Секретариату ШОС", "генеральной ассамблее", "совету безопасности",
                                          "устойчивому развитию", "правам человека"],
        "prefix": [r.ru.split()[0][:6] for r in ru if len(r.ru.split()[0]) > 6],
        "typo": typo,
        "no match": ["zzzqqq", "Ъъъъъъъъ", "龘龘龘"],
    }
    return {kind: [q for q in qs if q] for kind, qs in picked.items()}


def _pause_timer(pauses: list[float]):
    """A gc callback that notes how long each collector pass took (ms)."""
    started = [0.0]

    def note(phase: str, info: dict) -> None:
        if phase == "start":
            started[0] = time.perf_counter()
        else:
            pauses.append((time.perf_counter() - started[0]) * 1000)
    return note


CPU: list[float] = []  # the process's CPU time of each timing, every thread (not waiting for a core)


def times_ms(fn, query: str, repeat: int) -> list[float]:
    fn(query)  # warm-up: the lemmatizer, rapidfuzz, caches
    out = []
    for _ in range(repeat):
        started, cpu = time.perf_counter(), time.process_time()
        fn(query)
        out.append((time.perf_counter() - started) * 1000)
        CPU.append((time.process_time() - cpu) * 1000)
    return out


def main() -> None:
    from ruzh.glossary.lookup import GlossaryIndex, lookup
    from ruzh.serve import glossary_view

    given = Path(sys.argv[1]) if len(sys.argv) > 1 else None
    tmp = None
    if given and (given / "glossary.csv").exists():
        folder = given
        print(f"run folder: {folder} (reused)")
    else:
        tmp = tempfile.TemporaryDirectory()
        folder = given or Path(tmp.name)
        started = time.perf_counter()
        build(folder)
        print(f"run folder: UN test set built and written in {time.perf_counter() - started:.0f} s")

    if not (folder / "divergences.json").exists():
        (folder / "divergences.json").write_text("[]\n", encoding="utf-8")
    started = time.perf_counter()
    index = GlossaryIndex.load(folder)
    t_load = time.perf_counter() - started
    print(f"machine: {machine()}")
    print(f"glossary: {len(index.rows)} entries, {len(index.links)} sentence/cell links; "
          f"loaded and indexed once in {t_load * 1000:.0f} ms")

    def served(q: str):
        return glossary_view.search(index, q)

    from starlette.testclient import TestClient

    from ruzh.serve.app import create_app, settle

    browser = TestClient(create_app(folder), base_url="http://127.0.0.1:8000")
    settle()  # as the server does once it has started (its lifespan; here in this thread, and waited for)

    def page(q: str):
        answer = browser.get("/glossary", params={"q": q})
        assert answer.status_code == 200, answer.status_code

    def one_shot(q: str):
        return lookup(q, folder, limit=glossary_view.RESULTS, examples=glossary_view.CONCORDANCE)

    # The server's path first, every kind, then the one-shot lookups (whose hundreds of thousands of
    # short-lived objects would set the garbage collector going in the middle of the others).
    pauses: list[float] = []
    gc.callbacks.append(_pause_timer(pauses))
    kinds = queries(index.rows)
    new = {kind: [times_ms(served, q, REPEAT) for q in qs] for kind, qs in kinds.items()}
    pages = {kind: [times_ms(page, q, REPEAT) for q in qs] for kind, qs in kinds.items()}
    collector = f"{len(pauses)} collector passes, the longest {max(pauses, default=0):.1f} ms"
    cpu = list(CPU)
    gc.callbacks.clear()
    old = {kind: [times_ms(one_shot, q, 3) for q in qs] for kind, qs in kinds.items()}
    print(f"{'kind of query':30} {'n':>3} {'search ms':>16} {'page ms':>16} {'old lookup ms':>16} {'ratio':>6}  found, first match")
    print(f"{'':30} {'':>3} {'median  worst':>16} {'median  worst':>16} {'median  worst':>16}")
    every = []
    for kind, qs in kinds.items():
        (new_median, new_worst), (page_median, page_worst), (old_median, old_worst) = (
            (statistics.median(statistics.median(t) for t in ts), max(max(t) for t in ts))
            for ts in (new[kind], pages[kind], old[kind]))
        every += [t for ts in new[kind] + pages[kind] for t in ts]
        results = [served(q) for q in qs]
        first = Counter(r[0].how for r in results if r)
        hows = ", ".join(f"{how} {n}" for how, n in first.most_common())
        print(f"{kind:30} {len(qs):3d} {new_median:7.1f} {new_worst:7.1f}  {page_median:7.1f} {page_worst:7.1f}  "
              f"{old_median:7.0f} {old_worst:7.0f}  {old_median / new_median:5.0f}x  "
              f"{sum(map(bool, results))}/{len(qs)}{'; ' + hows if hows else ''}")
    over = sum(t >= BUDGET_MS for t in every)
    verdict = "under" if not over else f"OVER in {over} of {len(every)} timings"
    print(f"slowest: {max(every):.1f} ms; 99th percentile {statistics.quantiles(every, n=100)[98]:.1f} ms; "
          f"{verdict} the {BUDGET_MS} ms budget ({collector} while timing; load average "
          f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)")
    print(f"CPU time of the same {len(cpu)} timings (immune to waiting for a busy core): median "
          f"{statistics.median(cpu):.1f} ms, 99th percentile {statistics.quantiles(cpu, n=100)[98]:.1f} ms, "
          f"slowest {max(cpu):.1f} ms")
    print(f"search: GlossaryIndex.search with its concordance, as the page shows it; page: the whole GET; {REPEAT} "
          "runs a query; old lookup: one-shot lookup(), re-reading the folder on every query, 3 runs; ratio: "
          "old / search, medians")
    if tmp:
        tmp.cleanup()


if __name__ == "__main__":
    main()
