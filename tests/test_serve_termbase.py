"""`ruzh serve` on a term base (`termbase.sqlite`, or a batch folder holding one): the glossary page
searched through `termbase_store`, each document's report, the exports; no Document or Review page;
a damaged term base said in one line. The term base is built from the session's glossary of the
sample through `termbase_store` (no batch is run)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from ruzh import termbase_store as store
from ruzh.cli import main
from ruzh.serve.app import create_app

BASE = "http://127.0.0.1:8000"
MARKUP = '<script>alert("x")</script>'


@pytest.fixture(scope="module")
def termbase(tmp_path_factory, run_folder) -> Path:
    """A batch folder: the sample's glossary as the document «sample» (its report in its folder),
    and a second document «markup» whose example carries markup."""
    out = tmp_path_factory.mktemp("batch")
    db = out / "termbase.sqlite"
    store.add_document(db, "sample", store.read_glossary_csv(run_folder / "glossary.csv"),
                       report=str(run_folder / "report.html"))
    store.add_document(db, "markup", [store.Row(
        "Секретариат ШОС", "上合组织秘书处", 0.9, 2, units=["ru-p001", "zh-p001"], labels=["ru «1»"],
        ru_context=f"{MARKUP} Секретариат ШОС работает.", zh_context=f"{MARKUP}上合组织秘书处工作。")])
    return db


def client(path: Path) -> TestClient:
    return TestClient(create_app(path), base_url=BASE, raise_server_exceptions=False)


def article(page: str, ru: str) -> str:
    return next(a for a in re.findall(r'<article class="entry concept">.*?</article>', page, re.DOTALL)
                if f'<h2><span lang="ru">{ru}</span>' in a)


def test_searching_an_acronym_lists_its_renderings_with_counts_and_documents(termbase):
    page = client(termbase).get("/glossary", params={"q": "РАТС"})
    assert page.status_code == 200
    entry = article(page.text, "РАТС ШОС")
    assert '<span lang="zh">上合组织地区反恐怖机构</span>' in entry and 'data-copy="上合组织地区反恐怖机构"' in entry
    assert re.search(r"\d+× in 1 document", entry)
    assert '/report?document=sample">sample</a>' in entry  # the document's report, still on disk
    assert '<mark class="term">' in entry  # an example with the term highlighted
    assert '/document"' not in page.text and '/review"' not in page.text  # no such pages here


def test_a_chinese_substring_finds_the_term_in_every_document_and_markup_stays_text(termbase):
    page = client(termbase).get("/glossary", params={"q": "秘书处"}).text
    entry = article(page, "Секретариат ШОС")
    assert '<span lang="zh">上合组织秘书处</span>' in entry
    assert "in 2 documents" in entry and ">sample</a>" in entry and "markup:" in entry  # «markup» has no report
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in entry
    assert MARKUP not in page


def test_a_typo_and_nothing_found(termbase):
    session = client(termbase)
    assert "fuzzy match" in article(session.get("/glossary", params={"q": "Секретарият ШОС"}).text,
                                    "Секретариат ШОС")
    assert "No term matches" in session.get("/glossary", params={"q": "zzzzqqq"}).text
    listing = session.get("/glossary").text
    assert listing.count('<article class="entry concept">') > 10 and "2 documents" in listing
    assert session.get("/", follow_redirects=False).headers["location"].endswith("/glossary")


def test_a_batch_folder_is_served_as_its_term_base(termbase):
    page = client(termbase.parent).get("/glossary", params={"q": "РАТС"})
    assert page.status_code == 200 and "term base termbase.sqlite · 2 documents" in page.text


def test_document_and_review_are_not_pages_of_a_term_base(termbase):
    session = client(termbase)
    for path in ("/document", "/review", "/document?measure=72"):
        answer = session.get(path)
        assert answer.status_code == 404 and "only the glossary" in answer.text
        assert "Traceback" not in answer.text and '/review"' not in answer.text
    assert session.post("/review/abc", data={"status": "confirmed"}).status_code == 404


def test_reports_and_exports(termbase, run_folder):
    session = client(termbase)
    report = session.get("/report", params={"document": "sample"})
    assert report.status_code == 200 and report.content == (run_folder / "report.html").read_bytes()
    assert "sandbox" in report.headers["content-security-policy"]
    assert session.get("/report", params={"document": "markup"}).status_code == 404
    assert session.get("/report", params={"document": "../../etc/passwd"}).status_code == 404
    assert session.get("/report").status_code == 400
    page = session.get("/glossary").text
    names = re.findall(r'href="[^"]*/files/([^"]+)"', page)
    assert {"termbase.csv", "termbase.tbx", "termbase.xlsx"} <= set(names)
    csv = session.get("/files/termbase.csv")
    assert csv.status_code == 200 and csv.headers["content-disposition"].startswith("attachment")
    assert "上合组织秘书处" in csv.content.decode("utf-8-sig")
    assert session.get("/files/glossary.csv").status_code == 404
    assert session.get("/files/termbase.sqlite").status_code == 404
    assert "default-src 'self'" in session.get("/glossary").headers["content-security-policy"]


@pytest.mark.parametrize("content", [b"SQLite format 3\x00" + b"\xff" * 3000, b"hello, not a database"])
def test_a_damaged_term_base_is_said_in_one_line(tmp_path, capsys, content):
    damaged = tmp_path / "termbase.sqlite"
    damaged.write_bytes(content)
    assert main(["serve", str(damaged), "--port", "8765"]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "termbase.sqlite" in err and "Traceback" not in err
    assert main(["serve", str(tmp_path), "--port", "8765"]) == 2  # the same file, in a batch folder


def test_a_term_base_with_a_damaged_column_is_said_in_one_line(termbase, tmp_path, capsys):
    import shutil
    import sqlite3

    damaged = tmp_path / "termbase.sqlite"
    shutil.copy(termbase, damaged)
    with sqlite3.connect(damaged) as db:
        db.execute("UPDATE occurrences SET units = '[broken'")
    assert main(["lookup", "--termbase", str(damaged), "Секретариат"]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "termbase.sqlite" in err and "damaged" in err
