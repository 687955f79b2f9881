"""`ruzh serve` on the sample's run folder: the glossary, document and review pages, decisions that
survive a restart and a new run, two reviewers at once, `ruzh review export`, and what the server
refuses (bad requests, markup in the documents, other sites, damaged folders)."""
from __future__ import annotations

import csv
import json
import re
import shutil
import sqlite3
import threading
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from ruzh import pipeline
from ruzh.cli import main
from ruzh.outputs import output_set
from ruzh.serve.app import create_app
from ruzh.serve.decisions import DecisionStore, finding_key
from ruzh.serve.folder import finding, read_findings
from ruzh.align.marks import Piece, kwic, pieces, sentences

BASE = "http://127.0.0.1:8000"
AFGHANISTAN = "阿富汗"


@pytest.fixture
def folder(run_folder, tmp_path) -> Path:
    """A copy of the run folder of the test's own: the tests save decisions into it."""
    return Path(shutil.copytree(run_folder, tmp_path / "out"))


def client(folder: Path) -> TestClient:
    """A browser session on a server started on the folder (a new one is a restarted server)."""
    return TestClient(create_app(folder), base_url=BASE, raise_server_exceptions=False)


def articles(page: str) -> list[str]:
    return re.findall(r'<article class="finding [^"]*" id="f-[0-9a-f]+">.*?</article>', page, re.DOTALL)


def afghanistan_key(folder: Path) -> str:
    records = read_findings(folder / "divergences.json")
    return next(finding_key(finding(r)) for r in records if r["zh_span"] == AFGHANISTAN)


def keys(folder: Path) -> list[str]:
    return [finding_key(finding(r)) for r in read_findings(folder / "divergences.json")]


def version(page: str, key: str) -> str:
    article = next(a for a in articles(page) if f'id="f-{key}"' in a)
    return re.search(r'name="version" value="(\d+)"', article)[1]


def decide(session: TestClient, key: str, status: str = "confirmed", comment: str = "", seen: str = "0", **extra):
    return session.post(f"/review/{key}", data={"status": status, "comment": comment, "version": seen, **extra},
                        follow_redirects=False)


# --- the glossary page ---------------------------------------------------------------------------

@pytest.mark.parametrize("query,ru,zh", [
    ("РАТС", "РАТС ШОС", "上合组织地区反恐怖机构"),
    ("秘书处", "Секретариат ШОС", "上合组织秘书处"),  # a Chinese substring
    ("Секретарят ШОС", "Секретариат ШОС", "上合组织秘书处"),  # a typo
    ("Секретариатом ШОС", "Секретариат ШОС", "上合组织秘书处"),  # an inflected form
])
def test_the_glossary_search_finds_a_term_by_any_form(folder, query, ru, zh):
    page = client(folder).get("/glossary", params={"q": query})
    assert page.status_code == 200
    assert f'<span lang="ru">{ru}</span>' in page.text and f'<span lang="zh">{zh}</span>' in page.text
    assert f'data-copy="{ru}"' in page.text  # the copy button carries the term


def test_a_concordance_highlights_the_term_on_both_sides(folder):
    page = client(folder).get("/glossary", params={"q": "Секретариат ШОС"}).text
    entry = re.search(r'<article class="entry">.*?</article>', page, re.DOTALL)[0]
    lines = re.findall(r'<li>\s*<p class="kw" lang="ru">(.*?)</p>\s*<p class="kw" lang="zh">(.*?)</p>', entry, re.DOTALL)
    assert len(lines) >= 3
    for ru, zh in lines:
        assert re.search(r'<mark class="term">Секретариат\w* ШОС</mark>', ru)
        assert re.search(r'<mark class="term">(上合组织)?秘书处</mark>', zh)


def test_a_search_without_matches_says_so_and_an_empty_one_lists_entries(folder):
    session = client(folder)
    assert "No entry matches" in session.get("/glossary", params={"q": "zzzzqqq"}).text
    listing = session.get("/glossary").text
    assert listing.count('<article class="entry') > 20 and "concordance</a>" in listing


def test_every_export_downloads_and_nothing_else_does(folder):
    session = client(folder)
    page = session.get("/glossary").text
    names = re.findall(r'href="[^"]*/files/([^"]+)"', page)
    assert {"glossary.tbx", "glossary.v2.tbx", "glossary.omegat.txt", "glossary.xlsx", "glossary.csv"} <= set(names)
    for name in names:
        answer = session.get(f"/files/{name}")
        assert answer.status_code == 200 and answer.content == (folder / name).read_bytes()
        assert answer.headers["content-disposition"].startswith("attachment")
    (folder / "secret.txt").write_text("not an export")
    for name in ("manifest.json", "secret.txt", "review.sqlite", "..%2Fsecret.txt", "%2E%2E%2Fout%2Fglossary.csv",
                 "glossary.csv%00.txt"):
        answer = session.get(f"/files/{name}")
        assert answer.status_code == 404, name
        assert "not an export" not in answer.text


# --- the document page ---------------------------------------------------------------------------

def row_of(page: str, unit: str) -> str:
    rows = re.split(r'<div class="row">', page)
    return next(r for r in rows if f'id="u-{unit}"' in r)


def test_the_document_shows_the_versions_side_by_side_with_printed_labels(folder):
    page = client(folder).get("/document").text
    row = row_of(page, "ru-m073")
    assert 'id="u-zh-m073"' in row  # aligned with the Chinese measure printed 73
    assert "RU «72»" in row and "ZH «73»" in row
    assert f'<mark class="evidence">{AFGHANISTAN}</mark>' in row
    assert f"#f-{afghanistan_key(folder)}" in row  # the finding in the margin, linking to its review
    ru_links = set(re.findall(r'data-link="(\d+)"', row.split('class="side zh"')[0]))
    zh_links = set(re.findall(r'data-link="(\d+)"', row.split('class="side zh"')[1]))
    assert ru_links and ru_links == zh_links  # the sentence link shown on both sides


def test_jumping_to_a_measure_by_its_printed_number(folder):
    session = client(folder)
    answer = session.get("/document", params={"measure": "73", "lang": "zh"}, follow_redirects=False)
    assert answer.status_code == 303 and answer.headers["location"].endswith("/document#u-zh-m073")
    twice = session.get("/document", params={"measure": "72", "lang": "ru"}).text  # the sample prints 72 twice
    notice = re.search(r'<p class="notice".*?</p>', twice, re.DOTALL)[0]
    assert 'href="#u-ru-m072"' in notice and 'href="#u-ru-m073"' in notice
    assert "no measure numbered «999»" in session.get("/document", params={"measure": "999"}).text
    assert session.get("/document", params={"measure": "1", "lang": "en"}).status_code == 400


# --- the review page -----------------------------------------------------------------------------

def test_findings_come_majors_first_with_the_evidence_on_both_sides(folder):
    page = client(folder).get("/review").text
    found = articles(page)
    severities = [re.search(r'class="finding (\w+)"', a)[1] for a in found]
    assert len(found) == len(read_findings(folder / "divergences.json"))
    assert severities == sorted(severities, key=["major", "minor", "info"].index)
    afghanistan = next(a for a in found if AFGHANISTAN in a)
    assert "RU «72» / ZH «73»" in afghanistan
    assert f'<mark class="evidence">{AFGHANISTAN}</mark>' in afghanistan.split('class="side zh"')[1]
    assert 'class="side ru"' in afghanistan and "Развитие взаимодействия с ООН" in afghanistan
    cells = next(a for a in found if "· cells ·" in a)
    assert re.search(r'executors:</span> [^<]*<mark class="evidence">', cells)  # the cell, its evidence marked


def test_a_filter_hides_findings_with_their_details(folder):
    session = client(folder)
    majors = articles(session.get("/review", params={"severity": "major"}).text)
    records = read_findings(folder / "divergences.json")
    assert len(majors) == sum(r["severity"] == "major" for r in records) > 0
    assert all('class="finding major"' in a for a in majors)
    other = next(r["kind"] for r in records if r["kind"] != "names")
    page = session.get("/review", params={"kind": other}).text
    assert articles(page) and f'id="f-{afghanistan_key(folder)}"' not in page
    assert f'<mark class="evidence">{AFGHANISTAN}</mark>' not in page  # nor its details
    assert session.get("/review", params={"severity": "huge"}).status_code == 400
    assert session.get("/review", params={"status": "maybe"}).status_code == 400


def test_a_decision_is_saved_and_kept_after_a_restart(folder):
    key = afghanistan_key(folder)
    answer = decide(client(folder), key, comment="Добавлено в китайском: 解决阿富汗问题", filters="severity=major")
    assert answer.status_code == 303 and answer.headers["location"].endswith(f"/review?severity=major#f-{key}")
    page = client(folder).get("/review", params={"status": "confirmed"}).text  # a restarted server
    [article] = articles(page)
    assert f'id="f-{key}"' in article and 'value="confirmed" checked' in article
    assert "Добавлено в китайском: 解决阿富汗问题" in article


def test_a_decision_survives_a_new_run_that_lists_the_findings_in_another_order(folder, sample, sample_findings):
    key = afghanistan_key(folder)
    assert decide(client(folder), key, comment="real").status_code == 303
    with output_set(folder) as staging:  # a new run into the same folder, as `ruzh run` commits one
        for name in ("corpus.jsonl", "alignment.jsonl", "glossary.csv"):
            shutil.copy(folder / name, staging / name)
        pipeline.write_report(sample, list(reversed(sample_findings)), staging)
    assert (folder / "review.sqlite").exists()
    assert keys(folder)[-1] == key  # the finding moved to the end of the list
    session = client(folder)
    [article] = articles(session.get("/review", params={"status": "confirmed"}).text)
    assert f'id="f-{key}"' in article and ">real</textarea>" in article


def test_a_running_server_shows_the_latest_run(folder):
    session = client(folder)
    before = len(articles(session.get("/review").text))
    records = read_findings(folder / "divergences.json")
    (folder / "divergences.json").write_text(json.dumps(records[:5], ensure_ascii=False), encoding="utf-8")
    assert len(articles(session.get("/review").text)) == 5 != before


def test_two_reviewers_deciding_different_findings_keep_both_decisions(folder):
    first, second = client(folder), client(folder)
    one, two = keys(folder)[:2]
    page_1, page_2 = first.get("/review").text, second.get("/review").text  # both open the page first
    assert decide(first, one, "confirmed", "first", version(page_1, one)).status_code == 303
    assert decide(second, two, "fixed", "second", version(page_2, two)).status_code == 303
    saved = DecisionStore(folder).all()
    assert (saved[one].status, saved[one].comment) == ("confirmed", "first")
    assert (saved[two].status, saved[two].comment) == ("fixed", "second")


def test_a_stale_edit_of_the_same_finding_is_refused_not_lost(folder):
    first, second = client(folder), client(folder)
    key = keys(folder)[0]
    page_1, page_2 = first.get("/review").text, second.get("/review").text
    assert decide(first, key, "confirmed", "first", version(page_1, key)).status_code == 303
    stale = decide(second, key, "not-divergence", "second", version(page_2, key))
    assert stale.status_code == 409 and "reload" in stale.text
    assert DecisionStore(folder).all()[key].comment == "first"
    fresh = second.get("/review").text  # after a reload the second reviewer may change it
    assert decide(second, key, "not-divergence", "second", version(fresh, key)).status_code == 303
    assert DecisionStore(folder).all()[key].version == 2


def test_concurrent_saves_from_many_threads_all_land(folder):
    findings = [finding(r) for r in read_findings(folder / "divergences.json")]
    store, errors = DecisionStore(folder), []

    def reviewer(share: list) -> None:
        try:
            for f in share:
                store.save(f, "confirmed", f"by {threading.current_thread().name}", 0)
        except Exception as e:  # noqa: BLE001 - the assertion below reports it
            errors.append(e)

    threads = [threading.Thread(target=reviewer, args=(findings[k::3],), name=f"r{k}") for k in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert len(DecisionStore(folder).all()) == len({finding_key(f) for f in findings})


# --- ruzh review export --------------------------------------------------------------------------

def test_review_export_writes_the_decisions_and_a_reviewed_copy_of_the_findings(folder, capsys):
    key = afghanistan_key(folder)
    decide(client(folder), key, comment="=HYPERLINK(\"x\")")
    original = (folder / "divergences.json").read_bytes()
    assert main(["review", "export", str(folder)]) == 0
    assert (folder / "divergences.json").read_bytes() == original  # the run's own file is left alone
    reviewed = json.loads((folder / "divergences.reviewed.json").read_text(encoding="utf-8"))
    assert len(reviewed) == len(json.loads(original)) and all("review" in r for r in reviewed)
    mine = next(r for r in reviewed if r["zh_span"] == AFGHANISTAN)
    assert mine["review"]["status"] == "confirmed" and mine["message"]
    assert {r["review"]["status"] for r in reviewed if r is not mine} == {"open"}
    with (folder / "review.csv").open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    row = next(r for r in rows if r["key"] == key)
    assert (row["status"], row["ru_label"], row["zh_label"]) == ("confirmed", "«72»", "«73»")
    assert row["comment"].startswith("'=")  # a spreadsheet shows it, never runs it
    assert main(["review", "export", str(folder), "--format", "xlsx"]) == 0
    from openpyxl import load_workbook

    sheet = load_workbook(folder / "review.xlsx").active
    assert [c.value for c in sheet[1]][:3] == ["key", "in_run", "severity"] and sheet.max_row == len(rows) + 1


# --- what the server refuses ---------------------------------------------------------------------

def test_bad_requests_get_a_short_4xx_never_a_traceback(folder):
    session = client(folder)
    key = keys(folder)[0]
    answers = {
        "unknown finding": decide(session, "0123456789abcdef"),
        "bad status": decide(session, key, status="approved"),
        "bad version": decide(session, key, seen="two"),
        "missing field": session.post(f"/review/{key}", data={"comment": "x"}),
        "repeated field": session.post(f"/review/{key}", content=b"status=fixed&status=confirmed&version=0",
                                       headers={"content-type": "application/x-www-form-urlencoded"}),
        "not a form": session.post(f"/review/{key}", json={"status": "fixed", "version": 0}),
        "not UTF-8": session.post(f"/review/{key}", content=b"status=%ff%fe&version=0",
                                  headers={"content-type": "application/x-www-form-urlencoded"}),
        "huge": decide(session, key, comment="x" * 100_000),
        "long comment": decide(session, key, comment="x" * 5000),
        "GET a decision": session.get(f"/review/{key}"),
        "no such page": session.get("/admin"),
    }
    for what, answer in answers.items():
        assert 400 <= answer.status_code < 500, what
        assert "Traceback" not in answer.text and 'File "' not in answer.text, what
        assert len(re.search(r'<p class="error">(.*?)</p>', answer.text, re.DOTALL)[1]) < 200, what
    assert DecisionStore(folder).all() == {}  # none of them saved anything


def test_other_sites_and_other_host_names_are_refused(folder):
    session = client(folder)
    key = keys(folder)[0]
    foreign = session.post(f"/review/{key}", data={"status": "fixed", "version": "0"},
                           headers={"origin": "https://evil.example"})
    assert foreign.status_code == 403 and DecisionStore(folder).all() == {}
    rebinding = session.get("/glossary", headers={"host": "evil.example"})
    assert rebinding.status_code == 400
    headers = session.get("/glossary").headers
    assert "script-src 'self'" in headers["content-security-policy"] and headers["x-content-type-options"] == "nosniff"


@pytest.fixture
def hostile(folder) -> Path:
    """The run folder with markup in a measure, a cell and a sentence, as a document could hold it."""
    script = "<script>alert('x')</script>"
    lines = (folder / "corpus.jsonl").read_text(encoding="utf-8").splitlines()
    units = [json.loads(line) for line in lines]
    unit = next(u for u in units if u["id"] == "zh-m073")
    unit["text"] = unit["text"].replace(AFGHANISTAN, f"{AFGHANISTAN}{script}")
    unit["sentences"] = [s.replace(AFGHANISTAN, f"{AFGHANISTAN}{script}") for s in unit["sentences"]]
    unit["executors"] = f'<img src=x onerror="alert(1)">{unit["executors"]}'
    unit["label"] = '73"><b>'
    (folder / "corpus.jsonl").write_text("".join(json.dumps(u, ensure_ascii=False) + "\n" for u in units),
                                         encoding="utf-8")
    return folder


def test_markup_in_the_documents_shows_as_text(hostile):
    session = client(hostile)
    for url in ("/document", "/review", "/glossary?q=阿富汗"):
        page = session.get(url).text
        assert "<script>alert" not in page and "<img src=x" not in page and '"><b>' not in page, url
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in session.get("/document").text
    assert "&lt;img src=x onerror=&#34;alert(1)&#34;&gt;" in session.get("/review").text


# --- ruzh serve on the command line --------------------------------------------------------------

def test_serve_listens_on_localhost_by_default(folder, monkeypatch, capsys):
    import uvicorn

    calls = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **options: calls.append(options))
    assert main(["serve", str(folder), "--port", "8765"]) == 0
    assert calls == [{"host": "127.0.0.1", "port": 8765, "log_level": "warning"}]
    assert "http://127.0.0.1:8765/" in capsys.readouterr().err


def damage(folder: Path, how: str) -> None:
    if how == "no folder":
        shutil.rmtree(folder)
    elif how == "no divergences.json":
        (folder / "divergences.json").unlink()
    elif how == "a cut corpus.jsonl":
        (folder / "corpus.jsonl").write_text('{"id": "ru-f01", "lang": "ru", "ki', encoding="utf-8")
    elif how == "divergences.json not JSON":
        (folder / "divergences.json").write_text("[{", encoding="utf-8")
    elif how == "a glossary without columns":
        (folder / "glossary.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    elif how == "review.sqlite not a database":
        (folder / "review.sqlite").write_bytes(b"this is not SQLite" * 100)
    elif how == "a unit without sentences":
        lines = (folder / "corpus.jsonl").read_text(encoding="utf-8").splitlines()
        unit = json.loads(lines[3])
        del unit["sentences"]
        lines[3] = json.dumps(unit, ensure_ascii=False)
        (folder / "corpus.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.mark.parametrize("how", ["no folder", "no divergences.json", "a cut corpus.jsonl", "divergences.json not JSON",
                                 "a glossary without columns", "review.sqlite not a database",
                                 "a unit without sentences"])
def test_a_missing_or_damaged_folder_is_one_line_and_exit_code_2(folder, how, monkeypatch, capsys):
    import uvicorn

    monkeypatch.setattr(uvicorn, "run", lambda app, **options: pytest.fail("served a damaged folder"))
    damage(folder, how)
    assert main(["serve", str(folder)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("ruzh: error: ") and err.count("\n") == 1 and "Traceback" not in err


def test_the_command_line_does_not_load_the_web_framework_for_help():
    import subprocess
    import sys

    code = "import sys; from ruzh import cli; cli.parser(); print('starlette' in sys.modules, 'jinja2' in sys.modules)"
    answer = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert answer.stdout.split() == ["False", "False"]


# --- marking text --------------------------------------------------------------------------------

def test_pieces_cut_text_at_the_marks():
    assert pieces("abcdef", [(1, 3, "evidence"), (2, 5, "counterpart")]) == [
        Piece("a"), Piece("bc", "evidence"), Piece("de", "counterpart"), Piece("f")]
    assert pieces("abc", [(5, 9, "evidence")]) == [Piece("abc")]


def test_sentences_keep_all_the_text_even_when_the_list_does_not_match():
    marked = sentences("One. Two. Three.", ["One.", "Gone.", "Three."], [1, 2, 3])
    assert "".join(p.text for s in marked for p in s.pieces) == "One. Two. Three."
    assert [s.link for s in marked] == [1, 0, 3]


def test_kwic_cuts_the_context_at_words():
    left, key, right = kwic("один два три четыре пять шесть РАТС ШОС семь восемь девять десять", ["РАТС"], 12)
    assert key == "РАТС" and left == "…пять шесть " and right == " ШОС семь…"
    assert kwic("нет термина", ["РАТС"], 10) is None


def test_a_damaged_review_database_is_said_in_a_line(folder):
    (folder / "review.sqlite").write_bytes(b"garbage" * 500)
    with pytest.raises(Exception) as caught:
        DecisionStore(folder).all()
    assert "review database" in str(caught.value)
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(folder / "review.sqlite").execute("SELECT 1 FROM decisions")
