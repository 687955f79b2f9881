"""Divergences on the sample: the Afghanistan addition, the numbering, no false alarms on dates;
the detectors on small real examples; the reports, and the HTML page in a real browser."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from align.divergence import detect_divergences
from align.divergence.detectors import clauses, mentioned_countries
from align.divergence.numbers import numbers
from align.document import Alignment, LinkRecord
from corpus import Document, Unit

RECORD_FIELDS = {"ru", "zh", "kind", "side", "severity", "score", "ru_span", "zh_span", "message"}


def test_afghanistan_addition_is_a_major_finding(sample_findings):
    afghanistan = [f for f in sample_findings if f.ru == ["ru-m073"] and f.zh == ["zh-m073"] and "阿富汗" in f.zh_span]
    assert afghanistan and afghanistan[0].severity == "major" and afghanistan[0].side == "zh"
    assert sample_findings[0].severity == "major"  # majors come first


def test_duplicated_label_is_reported(sample_findings):
    assert any(f.kind == "structure" and "72" in f.message and f.ru == ["ru-m072", "ru-m073"]
               for f in sample_findings)


def test_no_false_alarms_on_numbers_and_few_majors(sample_findings):
    assert [f for f in sample_findings if f.kind == "numbers"] == []
    assert sum(f.severity == "major" for f in sample_findings) <= 15


def test_certification_is_russian_only(sample_findings):
    assert any(f.kind == "structure" and f.ru == ["ru-f01"] and f.side == "ru" for f in sample_findings)


def test_numbers_and_dates_normalize_across_languages():
    assert numbers("от 11 июня 2010 года, в январе 2015 года, на период 2017-2021 гг.", "ru") == \
        numbers("2010 年 6 月 11 日，2015年1月，2017—2021年", "zh")
    assert numbers("от 12 июня 2010 года", "ru") != numbers("2010年6月11日", "zh")


def test_countries_from_cldr():
    assert mentioned_countries("解决阿富汗问题", "zh") == {"AF": "阿富汗"}
    assert "AF" in mentioned_countries("по урегулированию ситуации в Афганистане", "ru")
    assert "UN" not in mentioned_countries("联合国", "zh")  # a grouping, not a country


def test_clauses():
    assert clauses("落实《联合国全球反恐战略》、解决阿富汗问题、维护国际信息安全。", "zh") == [
        "落实《联合国全球反恐战略》、", "解决阿富汗问题、", "维护国际信息安全。"]


def _pair_document(ru: str, zh: str) -> tuple[Document, Alignment]:
    units = [Unit("ru-p001", "ru", "paragraph", ru, sentences=[ru]), Unit("zh-p001", "zh", "paragraph", zh, sentences=[zh])]
    alignment = Alignment([LinkRecord("unit", ["ru-p001"], ["zh-p001"], 0.8)],
                          [LinkRecord("sentence", ["ru-p001.1"], ["zh-p001.1"], 0.8)])
    return Document("test", units), alignment


def test_changed_date_is_a_major_finding(encoder):
    doc, alignment = _pair_document("Реализация Соглашения о сотрудничестве в области культуры от 16 августа 2007 года.",
                                    "落实2008年8月16日签署的《上海合作组织成员国政府间文化合作协定》。")
    found = [f for f in detect_divergences(doc, alignment, encoder) if f.kind == "numbers"]
    assert {f.ru_span or f.zh_span for f in found} == {"2007-08-16", "2008-08-16"}


def test_paraphrase_is_not_a_divergence(encoder):
    doc, alignment = _pair_document(
        "Продолжение практики совместных специальных антинаркотических операций с участием заинтересованных сторон.",
        "相关各方继续开展专项禁毒行动。")
    assert [f for f in detect_divergences(doc, alignment, encoder) if f.severity != "info"] == []


@pytest.fixture(scope="module")
def report_files(tmp_path_factory, sample, sample_findings):
    out = tmp_path_factory.mktemp("report")
    from ruzh.pipeline import write_report

    write_report(sample, sample_findings, out)
    return out


def test_json_and_markdown(report_files, sample_findings):
    records = json.loads((report_files / "divergences.json").read_text(encoding="utf-8"))
    assert len(records) == len(sample_findings)
    assert all(RECORD_FIELDS <= set(r) for r in records)
    assert all(r["severity"] in ("major", "minor", "info") and 0 <= r["score"] <= 1 for r in records)
    markdown = (report_files / "report.md").read_text(encoding="utf-8")
    assert "## Major" in markdown and "阿富汗" in markdown


def test_html_is_self_contained(report_files):
    page = (report_files / "report.html").read_text(encoding="utf-8")
    assert "http://" not in page and "https://" not in page and "<script src" not in page
    assert 'href="#f1"' in page and 'href="#r1"' in page  # the table and the details link both ways
    assert "<mark>" in page


def chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


def test_report_renders_in_a_browser(report_files, tmp_path):
    browser = chromium()
    if browser is None:
        if os.environ.get("CI"):
            pytest.fail("Chromium is missing: .ci/run installs it (apt-get install chromium)")
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             f"--user-data-dir={tmp_path / 'profile'}", "--window-size=1400,1600"]
    url = (report_files / "report.html").as_uri()
    dom = subprocess.run([browser, *flags, "--dump-dom", url], capture_output=True, text=True, timeout=120).stdout
    assert "解决阿富汗问题" in dom
    first_row = dom[dom.index('<tr id="r1"') : dom.index("</tr>", dom.index('<tr id="r1"'))]
    assert "阿富汗" in first_row and "hidden" not in first_row  # the Afghanistan finding is the first row, shown
    screenshot = tmp_path / "report.png"
    subprocess.run([browser, *flags, f"--screenshot={screenshot}", url], capture_output=True, timeout=120)
    assert screenshot.exists() and screenshot.stat().st_size > 10_000
    if os.environ.get("RUZH_SCREENSHOTS"):  # where a reviewer wants to look at it
        keep = Path(os.environ["RUZH_SCREENSHOTS"])
        keep.mkdir(parents=True, exist_ok=True)
        shutil.copy(screenshot, keep / "report.png")


def test_unbalanced_title_marks(sample_findings):
    assert any(f.kind == "typography" and f.zh == ["zh-m004"] and "《" in f.message for f in sample_findings)


def test_bodies_listed_on_one_side(sample_findings):
    # measure 35: the Russian executors name the ministries and the Interbank Consortium, the Chinese only the latter
    cells = [f for f in sample_findings if f.kind == "cells" and f.ru == ["ru-m035"]]
    assert cells and cells[0].side == "ru" and "Межбанковское объединение ШОС" in cells[0].ru_span
    assert all(f.severity != "major" for f in sample_findings if f.kind == "cells")
