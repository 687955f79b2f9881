"""`ruzh batch`: pairs found, run as `ruzh run` runs them, failures recorded, resumed, on Dask; the
term base it builds; the consistency report."""
from __future__ import annotations

import json
import multiprocessing
import sqlite3
from pathlib import Path

import pytest

from ruzh import batch, cli
from ruzh import termbase_store as store
from ruzh.report_batch import index_html

LINES = {"format": "lines"}


@pytest.fixture(scope="module")
def folder(tmp_path_factory, un_pairs) -> Path:
    """Two small sentence-per-line pairs cut from the UN test set, one with a half missing, one empty."""
    path = tmp_path_factory.mktemp("pairs")
    for name, (start, end) in {"a-first": (0, 8), "b-second": (8, 14)}.items():
        (path / f"{name}.ru.txt").write_text("\n".join(r for r, _ in un_pairs[start:end]) + "\n", encoding="utf-8")
        (path / f"{name}.zh.txt").write_text("\n".join(z for _, z in un_pairs[start:end]) + "\n", encoding="utf-8")
    (path / "c-only-russian.ru.txt").write_text("Только русский текст.\n", encoding="utf-8")
    (path / "d-empty.ru.txt").write_text("", encoding="utf-8")
    (path / "d-empty.zh.txt").write_text("", encoding="utf-8")
    return path


def test_finds_pairs_in_a_folder_and_a_manifest(folder, tmp_path):
    pairs = {p.name: p for p in batch.find_pairs(folder)}
    assert sorted(pairs) == ["a-first", "b-second", "c-only-russian", "d-empty"]
    assert pairs["a-first"].ru.endswith("a-first.ru.txt") and pairs["a-first"].zh.endswith("a-first.zh.txt")
    assert "Chinese" in pairs["c-only-russian"].error and "c-only-russian.zh.txt" in pairs["c-only-russian"].error
    (tmp_path / "list.csv").write_text(f"name,ru,zh\none,{folder}/a-first.ru.txt,{folder}/a-first.zh.txt\n"
                                       f"two,{folder}/b-second.ru.txt,\n", encoding="utf-8")
    listed = batch.find_pairs(tmp_path / "list.csv")
    assert [p.name for p in listed] == ["one", "two"] and listed[0].error is None and "Chinese" in listed[1].error
    (tmp_path / "list.jsonl").write_text(json.dumps({"name": "x", "file": "plan.txt"}) + "\n"
                                         + json.dumps({"name": "x", "file": "other.txt"}) + "\n", encoding="utf-8")
    first, second = batch.find_pairs(tmp_path / "list.jsonl")
    assert first.file == str(tmp_path / "plan.txt") and "unique" in second.error
    (tmp_path / "empty.jsonl").write_text("", encoding="utf-8")
    with pytest.raises(batch.BatchError, match="no document pairs"):
        batch.find_pairs(tmp_path / "empty.jsonl")
    with pytest.raises(batch.BatchError, match="no such"):
        batch.find_pairs(tmp_path / "missing")


def _same_outputs(batch_dir: Path, run_dir: Path) -> None:
    """The same files with the same bytes, but for the time a run is stamped with (the manifest,
    the TMX header's creation date, the XLSX files' metadata: their cells are compared instead)."""
    import openpyxl

    names = sorted(p.name for p in run_dir.iterdir())
    assert sorted(p.name for p in batch_dir.iterdir()) == names
    for name in names:
        a, b = (batch_dir / name), (run_dir / name)
        if name == "manifest.json":
            continue
        if name.endswith(".xlsx"):
            cells = [[list(r) for r in openpyxl.load_workbook(p).active.iter_rows(values_only=True)] for p in (a, b)]
            assert cells[0] == cells[1], name
        elif name.endswith(".tmx"):
            strip = lambda t: [x for x in t.splitlines() if "creationdate" not in x]  # noqa: E731
            assert strip(a.read_text(encoding="utf-8")) == strip(b.read_text(encoding="utf-8"))
        else:
            assert a.read_bytes() == b.read_bytes(), name


def test_a_batch_runs_each_pair_as_ruzh_run_records_failures_and_resumes(folder, tmp_path, capsys):
    out = tmp_path / "out"
    code = cli.main(["batch", str(folder), "--format", "lines", "-o", str(out), "--workers", "0"])
    assert code == batch.EXIT_SOME_FAILED
    records = {r["name"]: r for r in map(json.loads, (out / "batch.jsonl").read_text(encoding="utf-8").splitlines())}
    assert list(records) == ["a-first", "b-second", "c-only-russian", "d-empty"]
    assert records["a-first"]["status"] == records["b-second"]["status"] == "done"
    assert records["b-second"]["counts"]["sentence_links"] >= 5 and records["b-second"]["seconds"] > 0
    assert records["c-only-russian"]["status"] == "failed" and "Chinese" in records["c-only-russian"]["error"]
    assert records["d-empty"]["status"] == "failed" and "empty" in records["d-empty"]["error"]
    assert "Traceback" not in capsys.readouterr().err
    assert not (out / "c-only-russian").exists() and not (out / batch.JOURNAL).exists()

    # b-second ran after a-first in the same process: its outputs are those of `ruzh run` on it alone
    alone = tmp_path / "alone"
    assert cli.main(["run", "--ru", str(folder / "b-second.ru.txt"), "--zh", str(folder / "b-second.zh.txt"),
                     "--format", "lines", "-o", str(alone), "-q"]) == 0
    _same_outputs(out / "b-second", alone)

    assert sorted(d["name"] for d in store.documents(out / "termbase.sqlite")) == ["a-first", "b-second"]
    with sqlite3.connect(out / "termbase.sqlite") as raw:  # the headwords' lemmas, from each glossary.csv
        assert raw.execute("SELECT count(*) FROM names WHERE lemmas IS NOT NULL").fetchone()[0] > 0
    entries = sum(records[n]["counts"]["glossary"] for n in ("a-first", "b-second"))
    assert 0 < sum(d["entries"] for d in store.documents(out / "termbase.sqlite")) <= entries
    page = (out / "index.html").read_text(encoding="utf-8")
    assert 'href="a-first/report.html"' in page and "c-only-russian" in page
    assert isinstance(json.loads((out / "consistency.json").read_text(encoding="utf-8")), list)

    # unchanged: nothing runs again; an input changed: that pair only; --force: all
    result = batch.run_batch(batch.find_pairs(folder), out, LINES, workers=0)
    assert result.ran == 1 and {r["name"]: r["status"] for r in result.records}["a-first"] == "skipped"  # d-empty: retried
    (folder / "d-empty.ru.txt").write_text("Генеральная Ассамблея.\n", encoding="utf-8")
    (folder / "d-empty.zh.txt").write_text("大会。\n", encoding="utf-8")
    result = batch.run_batch(batch.find_pairs(folder), out, LINES, workers=0)
    statuses = {r["name"]: r["status"] for r in result.records}
    assert statuses == {"a-first": "skipped", "b-second": "skipped", "c-only-russian": "failed", "d-empty": "done"}
    assert result.exit_code == batch.EXIT_SOME_FAILED
    result = batch.run_batch(batch.find_pairs(folder)[:2], out, LINES, workers=0, force=True)
    assert result.ran == 2 and result.exit_code == 0
    assert sorted(d["name"] for d in store.documents(out / "termbase.sqlite")) == ["a-first", "b-second", "d-empty"]


def test_an_interrupted_batch_resumes_where_it_stopped(folder, tmp_path, monkeypatch):
    pairs = batch.find_pairs(folder)[:2]
    out = tmp_path / "out"
    real, ran = batch.run_pair, []

    def interrupted(job):
        if ran:
            raise KeyboardInterrupt  # Ctrl-C while the second pair runs
        ran.append(job["name"])
        return real(job)

    monkeypatch.setattr(batch, "run_pair", interrupted)
    with pytest.raises(KeyboardInterrupt):
        batch.run_batch(pairs, out, LINES, workers=0)
    assert (out / batch.JOURNAL).exists() and not (out / "batch.jsonl").exists() and not (out / "b-second").exists()
    monkeypatch.setattr(batch, "run_pair", real)
    result = batch.run_batch(pairs, out, LINES, workers=0)
    assert [r["status"] for r in result.records] == ["skipped", "done"] and result.ran == 1
    assert [d["name"] for d in store.documents(out / "termbase.sqlite")] == ["a-first", "b-second"]
    assert not list(out.rglob(".ruzh-staging-*")) and not (out / batch.JOURNAL).exists()


def test_exit_status_two_when_nothing_could_run(tmp_path, capsys):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "x.zh.txt").write_text("只有中文。\n", encoding="utf-8")
    assert cli.main(["batch", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "--workers", "0"]) == 2
    assert cli.main(["batch", str(tmp_path / "nowhere"), "-o", str(tmp_path / "out")]) == 2
    assert "no such folder" in capsys.readouterr().err


@pytest.mark.parametrize("address", ["localhost", "host:abc", "http://host:8786"])
def test_a_scheduler_address_dask_cannot_read_is_one_line(folder, tmp_path, capsys, address):
    assert cli.main(["batch", str(folder), "--format", "lines", "-o", str(tmp_path / "out"),
                     "--scheduler", address]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err[-1].startswith(f"ruzh: error: {address}: cannot reach the Dask scheduler") and "Traceback" not in err


def test_a_local_dask_cluster_of_two_processes(folder, tmp_path):
    pairs = batch.find_pairs(folder)[:2]
    result = batch.run_batch(pairs, tmp_path / "out", LINES, workers=2)
    assert [r["status"] for r in result.records] == ["done", "done"], result.records
    assert all(r["worker"] and ":" in r["worker"] for r in result.records)
    assert (tmp_path / "out" / "a-first" / "manifest.json").exists()
    assert len(store.documents(tmp_path / "out" / "termbase.sqlite")) == 2


# ------------------------------------------------------------------ the term base

def _rows(*pairs, **extra):
    return [store.Row(ru=ru, zh=zh, score=0.9, freq=2, units=["ru-p001", "zh-p001"], labels=["ru 1"],
                      ru_context=f"{ru} работает.", zh_context=f"{zh}工作。", **extra) for ru, zh in pairs]


def test_term_base_merges_acronyms_and_counts_each_document_once(tmp_path):
    db = tmp_path / "tb.sqlite"
    store.add_document(db, "one", _rows(("РАТС ШОС", "上合组织地区反恐怖机构")) + [
        store.Row("Секретариат ШОС", "上合组织秘书处", 0.9, 3)])
    store.add_document(db, "two", [store.Row("Региональная антитеррористическая структура ШОС", "上合组织地区反恐机构",
                                             0.8, 1, ru_variants=["РАТС ШОС"])])
    store.add_document(db, "two", [store.Row("Региональная антитеррористическая структура ШОС", "上合组织地区反恐机构",
                                             0.8, 1, ru_variants=["РАТС ШОС"])])  # again: replaced, not added
    [(how, rats)] = store.lookup(db, "ратс шос")
    assert how == "exact" and rats.ru == "РАТС ШОС" and "Региональная антитеррористическая структура ШОС" in rats.names
    assert {r.zh: (r.freq, r.documents) for r in rats.renderings} == {
        "上合组织地区反恐怖机构": (2, ["one"]), "上合组织地区反恐机构": (1, ["two"])}
    assert [f["ru"] for f in store.inconsistencies(db)] == ["РАТС ШОС"]
    assert store.lookup(db, "上合组织秘书处")[0][1].ru == "Секретариат ШОС"
    assert store.lookup(db, "Секретарият ШОС")[0][0] == "fuzzy"
    store.remove_document(db, "two")
    assert store.inconsistencies(db) == [] and [d["name"] for d in store.documents(db)] == ["one"]


def test_term_base_lookup_finds_a_russian_term_in_any_of_its_forms(tmp_path, capsys):
    db = tmp_path / "tb.sqlite"
    store.add_document(db, "one", _rows(("Секретариат ШОС", "上合组织秘书处"), ru_lemmas="секретариат ШОС")
                       + _rows(("Совет министров иностранных дел", "外长理事会"),
                               ru_lemmas="совет министр иностранный дело"))
    for query in ("Секретариата ШОС", "секретариатом шос", "Секретариате  ШОС"):
        how, concept = store.lookup(db, query)[0]
        assert (how, concept.ru) == ("lemmas", "Секретариат ШОС"), query
    how, concept = store.lookup(db, "министров иностранных дел")[0]  # a run of the words, inflected as in the entry
    assert (how, concept.ru) == ("substring", "Совет министров иностранных дел")
    how, concept = store.lookup(db, "министрами иностранных дел")[0]  # a run of the words, inflected otherwise
    assert (how, concept.ru) == ("substring", "Совет министров иностранных дел")
    assert store.lookup(db, "Секретариат ШОС")[0][0] == "exact"
    assert cli.main(["lookup", "--termbase", str(db), "Секретариатом", "ШОС"]) == 0
    shown = capsys.readouterr().out
    assert "Секретариат ШОС" in shown and "上合组织秘书处" in shown and "lemmas match" in shown

    # a term base written before lemmas were kept: still read; lemmas from the next document added
    with sqlite3.connect(db) as raw:
        raw.execute("DROP INDEX names_lemmas")
        raw.execute("ALTER TABLE names DROP COLUMN lemmas")
    assert all(how != "lemmas" for how, _ in store.lookup(db, "Секретариата ШОС"))
    store.add_document(db, "two", _rows(("Секретариат ШОС", "上合组织秘书处"), ru_lemmas="секретариат ШОС"))
    assert store.lookup(db, "Секретариата ШОС")[0][0] == "lemmas"


def test_term_base_exports_and_is_read_as_a_termbase_for_checks(tmp_path):
    from lxml import etree

    from ruzh.glossary.termbase import read_termbase

    db = tmp_path / "tb.sqlite"
    store.add_document(db, "one", _rows(("Секретариат ШОС", "上合组织秘书处"), ("Совет министров", "外长理事会")))
    written = store.export(db, tmp_path / "export")
    names = {p.name for p in written}
    assert {"termbase.csv", "termbase.tbx", "termbase.v2.tbx", "termbase.xlsx", "termbase.omegat.txt"} <= names
    etree.parse(str(tmp_path / "export" / "termbase.tbx"))
    assert "one: ru 1" in (tmp_path / "export" / "termbase.csv").read_text(encoding="utf-8-sig")
    assert (["Секретариат ШОС"], ["上合组织秘书处"]) in read_termbase(db)
    assert (["Секретариат ШОС"], ["上合组织秘书处"]) in read_termbase(tmp_path / "export" / "termbase.csv")
    assert cli.main(["termbase", "export", str(db), "-o", str(tmp_path / "cli")]) == 0
    assert (tmp_path / "cli" / "termbase.zh-ru.omegat.txt").exists()
    (tmp_path / "not.sqlite").write_text("hello")
    with pytest.raises(store.TermbaseError, match="not a term base"):
        store.concepts(tmp_path / "not.sqlite")


def _writer(args):
    db, worker = args
    for k in range(5):
        store.add_document(db, f"w{worker}-d{k}", _rows((f"Термин {k}", f"术语{worker}"), ("Общий термин", "共同术语")))
    return worker


def test_four_processes_writing_at_once_never_corrupt_it(tmp_path):
    db = tmp_path / "tb.sqlite"
    with multiprocessing.get_context("spawn").Pool(4) as pool:
        assert sorted(pool.map(_writer, [(db, w) for w in range(4)])) == [0, 1, 2, 3]
    assert len(store.documents(db)) == 20
    with sqlite3.connect(db) as raw:
        assert raw.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    [(_, shared)] = store.lookup(db, "Общий термин")
    assert shared.renderings[0].freq == 40 and len(shared.documents) == 20
    assert {f["ru"] for f in store.inconsistencies(db)} == {f"Термин {k}" for k in range(5)}


def test_the_batch_page_escapes_everything(tmp_path):
    records = [{"name": "<script>x</script>", "status": "failed", "counts": {}, "seconds": 0.0,
                "error": "<b>bad</b> & worse"}]
    findings = [{"ru": "<i>термин</i>", "names": ["<i>термин</i>"], "documents": 2, "freq": 3,
                 "renderings": [{"zh": "<术语>", "freq": 2, "documents": ["d<1>"],
                                 "occurrences": [{"document": "d<1>", "freq": 2, "units": [], "labels": ["ru \"1\""],
                                                  "report": "d<1>/report.html"}]}]}]
    page = index_html(records, findings, tmp_path, tmp_path / "termbase.sqlite")
    assert "<script>" not in page and "<b>" not in page and "<i>" not in page and "<术语>" not in page
    assert "&lt;script&gt;" in page and "&lt;术语&gt;" in page and "d%3C1%3E/report.html" in page
