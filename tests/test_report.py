"""The static report a reviewer attaches to a ticket (report.html) and its Markdown summary
(report.md), on the sample's findings: the evidence marked on both sides, the printed labels
(RU «72» beside ZH «73»), the cells, severity order, filters that hide the details too, `lang` on
Russian and Chinese text, keyboard-reachable sorting, labelled controls, escaping, a layout that
fits 390 px (checked in headless Chromium), and a size linear in the findings."""
from __future__ import annotations

import dataclasses
import os
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from typing import ClassVar

import pytest

from ruzh.align.divergence import Finding
from ruzh.align.divergence.report import MAX_UNITS, to_html, to_markdown
from ruzh.corpus import Document, Unit

AFGHANISTAN = "阿富汗"
UNIT_ID = re.compile(r"\b(?:ru|zh)-[fspm]\d+\b")
RANK = {"major": 0, "minor": 1, "info": 2}


@pytest.fixture(scope="module")
def folder(tmp_path_factory, sample, sample_findings):
    from ruzh.pipeline import write_report

    out = tmp_path_factory.mktemp("report13")
    write_report(sample, sample_findings, out)
    return out


@pytest.fixture(scope="module")
def page(folder) -> str:
    return (folder / "report.html").read_text(encoding="utf-8")


def rows(page: str) -> list[str]:
    return re.findall(r'<tr id="r\d+".*?</tr>', page, re.DOTALL)


def sections(page: str) -> list[str]:
    return re.findall(r'<section id="f\d+".*?</section>', page, re.DOTALL)


def side(section: str, lang: str) -> str:
    start = section.index(f'<div class="version {lang}" lang="{lang}">')
    other = section.find('<div class="version ', start + 1)
    return section[start:other if other > 0 else len(section)]


def text_of(markup: str) -> str:
    return re.sub(r"<[^>]+>", "", markup)


def afghanistan(page: str) -> tuple[str, str]:
    [row] = [r for r in rows(page) if AFGHANISTAN in r]
    n = re.search(r'data-n="(\d+)"', row)[1]
    [section] = [s for s in sections(page) if s.startswith(f'<section id="f{n}"')]
    return row, section


# --- the page's content --------------------------------------------------------------------------

def test_the_afghanistan_finding_is_marked_on_both_sides(page):
    _, section = afghanistan(page)
    zh, ru = side(section, "zh"), side(section, "ru")
    assert f'<mark class="evidence">{AFGHANISTAN}</mark>' in zh
    assert "解决阿富汗问题" in text_of(zh)  # the addition reads whole around the mark
    # the Russian side marks the aligned sentence that lacks it
    linked = re.search(r'<mark class="linked">([^<]*)</mark>', ru)
    assert linked and linked[1].startswith("Развитие взаимодействия с ООН")
    assert AFGHANISTAN not in ru


def test_units_are_named_as_the_document_prints_them(page):
    row, section = afghanistan(page)
    ru_cell = re.search(r'<td class="ru"[^>]*>(.*?)</td>', row)[1]
    zh_cell = re.search(r'<td class="zh"[^>]*>(.*?)</td>', row)[1]
    assert "«72»" in text_of(ru_cell) and "«73»" in text_of(zh_cell)  # the Russian text prints 72 twice
    assert "(2nd)" in text_of(ru_cell)  # … and this is the second
    assert "RU «72» (2nd) / ZH «73»" in text_of(section)
    assert UNIT_ID.search(page) is None  # no internal id anywhere, messages included
    assert "Two Russian measures are numbered 72 (RU «72» (1st), RU «72» (2nd))" in page


def test_a_cells_finding_shows_its_cells_with_the_evidence(page, sample_findings):
    cells = [s for s in sections(page) if 'data-kind="cells"' in s]
    assert len(cells) == sum(f.kind == "cells" for f in sample_findings) > 0
    ministries = next(s for s in cells if "RU «35»" in text_of(s))
    assert re.search(r'executors:</span> <mark class="evidence">Соответствующие министерства и ведомства</mark>',
                     side(ministries, "ru"))
    zh = side(ministries, "zh")
    assert "participants:" in zh and re.search(r'executors:</span> <mark class="linked">上合组织银联体</mark>', zh)


def test_severity_order_is_major_minor_info(sample, sample_findings):
    for findings in (sample_findings, list(reversed(sample_findings))):
        page = to_html(findings, sample, "plan.txt")
        severities = [re.search(r'data-severity="(\w+)"', r)[1] for r in rows(page)]
        assert severities == sorted(severities, key=RANK.get) and len(set(severities)) == 3
        ranks = [int(re.search(r'class="sev \w+" data-sort="(\d)"', r)[1]) for r in rows(page)]
        assert ranks == [RANK[s] for s in severities]  # what the severity button sorts by
        assert [re.search(r'data-severity="(\w+)"', s)[1] for s in sections(page)] == severities


def test_every_row_has_its_details_with_the_same_filter_keys(page):
    def keys(parts: list[str]) -> list[tuple[str, ...]]:
        return [re.search(r'data-n="(\d+)" data-severity="(\w+)" data-kind="(\w+)"', p).groups() for p in parts]

    assert keys(rows(page)) == keys(sections(page))
    script = page[page.index("<script>"):]
    assert 'detail.hidden = !show' in script and "row.hidden = !show" in script


class LangCheck(HTMLParser):
    """Each text node with Cyrillic or Chinese letters, with the nearest `lang` above it."""

    VOID: ClassVar[set[str]] = {"meta", "br", "input", "img", "hr", "link", "wbr", "col", "source"}

    def __init__(self):
        super().__init__()
        self.stack: list[tuple[str, str | None]] = []
        self.wrong: list[tuple[str, str | None]] = []
        self.seen = {"ru": 0, "zh": 0}

    def handle_starttag(self, tag, attrs):
        if tag not in self.VOID:
            self.stack.append((tag, dict(attrs).get("lang")))

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        lang = next((lang for _, lang in reversed(self.stack) if lang), None)
        for want, letters in (("ru", r"[\u0400-\u04ff]"), ("zh", r"[\u3400-\u9fff]")):
            if re.search(letters, data):
                self.seen[want] += 1
                if lang != want:
                    self.wrong.append((data[:60], lang))


def test_russian_and_chinese_text_carries_its_lang(page):
    check = LangCheck()
    check.feed(page)
    assert check.seen["ru"] > 10 and check.seen["zh"] > 10
    assert check.wrong == []


def test_sorting_is_by_buttons_and_controls_are_labelled(page):
    head = re.search(r'<table id="findings">.*?</thead>', page, re.DOTALL)[0]
    headings = re.findall(r"<th [^>]*>(.*?)</th>", head)
    assert len(headings) == 8 and all(h.startswith('<button type="button">') for h in headings)
    assert "onclick" not in page and "tabindex" not in page
    controls = re.findall(r"<(?:select|input)\b[^>]*>", page)
    assert len(controls) == 3
    for control in controls:
        name = re.search(r'id="([^"]+)"', control)[1]
        assert f'<label for="{name}">' in page


# --- escaping and size ---------------------------------------------------------------------------

HOSTILE = '<script>alert("x")</script>'


def hostile_document() -> tuple[Document, list[Finding]]:
    ru = Unit(id="ru-m001", lang="ru", kind="measure", label=f"1{HOSTILE}", text=f"Мера {HOSTILE} принята.",
              participants=f"Государства {HOSTILE}", executors="Секретариат", sentences=[f"Мера {HOSTILE} принята."])
    zh = Unit(id="zh-m001", lang="zh", kind="measure", label="1", text=f"措施{HOSTILE}通过。",
              participants="成员国", executors=f"秘书处{HOSTILE}", sentences=[f"措施{HOSTILE}通过。"])
    findings = [
        Finding(kind="content", ru=["ru-m001"], zh=["zh-m001"], side="ru", severity="major", score=0.9,
                message=f"The Russian text has «{HOSTILE}».", ru_span=HOSTILE, ru_offsets=[5, 5 + len(HOSTILE)],
                sentences=["ru-m001.1", "zh-m001.1"], ru_gloss=HOSTILE),
        Finding(kind="cells", ru=["ru-m001"], zh=["zh-m001"], side="zh", severity="minor", score=0.5,
                message="cells", zh_span=HOSTILE, sentences=["ru-m001#executors", "zh-m001#executors"]),
    ]
    return Document(f"plan{HOSTILE}.txt", [ru, zh]), findings


def test_text_from_the_documents_is_shown_as_text():
    doc, findings = hostile_document()
    page = to_html(findings, doc, doc.source)
    assert page.count("<script") == 1  # the page's own
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    assert '<mark class="evidence">&lt;script&gt;' in page
    markdown = to_markdown(findings, doc.source, doc)
    assert "<script" not in markdown and "&lt;script&gt;" in markdown


def test_the_page_grows_linearly_with_the_findings(un_pairs):
    text = " ".join(ru for ru, _ in un_pairs[:300])  # a whole document read as one paragraph
    units = [Unit(id="ru-p001", lang="ru", kind="paragraph", text=text, sentences=[ru for ru, _ in un_pairs[:300]]),
             *[Unit(id=f"zh-p{k:03d}", lang="zh", kind="paragraph", text=zh) for k, (_, zh) in enumerate(un_pairs[:60], 1)]]
    doc = Document("un.txt", units)

    def finding(k: int) -> Finding:
        span = un_pairs[k][0]
        start = text.index(span)
        return Finding(kind="content", ru=["ru-p001"], zh=[f"zh-p{k + 1:03d}"], side="ru", severity="minor", score=.5,
                       message="m", ru_span=span, ru_offsets=[start, start + len(span)],
                       sentences=[f"ru-p001.{k + 1}", f"zh-p{k + 1:03d}.1"])

    def size(n: int) -> int:
        return len(to_html([finding(k) for k in range(n)], doc, "un.txt"))

    empty, ten, forty = size(0), size(10), size(40)
    assert (forty - empty) < 4.4 * (ten - empty)
    assert (forty - empty) / 40 < 6_000 < len(text)  # an excerpt per finding, not the whole unit
    many = dataclasses.replace(finding(0), zh=[u.id for u in units[1:]])
    shown = to_html([many], doc, "un.txt")
    assert shown.count('<div class="unit">') == 1 + MAX_UNITS and "and 56 more" in shown


# --- report.md -----------------------------------------------------------------------------------

def test_markdown_shows_printed_labels_and_no_line_twice(folder, sample, sample_findings):
    markdown = (folder / "report.md").read_text(encoding="utf-8")
    assert "- **RU «72» \\(2nd\\) / ZH «73»** (names)" in markdown
    assert UNIT_ID.search(markdown) is None
    twice = to_markdown(sample_findings + [dataclasses.replace(f) for f in sample_findings], "plan.txt", sample)
    for text in (markdown, twice):
        lines = [line for line in text.splitlines() if line]
        assert len(lines) == len(set(lines))
    assert "(×2)" in twice


# --- in a browser --------------------------------------------------------------------------------

def chromium() -> str:
    browser = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if browser is None:
        if os.environ.get("CI"):
            pytest.fail("Chromium is missing: .ci/run installs it (apt-get install chromium)")
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    return browser


def browse(tmp_path: Path, url: str, *flags: str) -> str:
    profile = tmp_path / f"profile{len(list(tmp_path.glob('profile*')))}"
    base = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            f"--user-data-dir={profile}"]
    return subprocess.run([chromium(), *base, *flags, url], check=False, capture_output=True, text=True,
                          timeout=120).stdout


def dom(tmp_path: Path, url: str) -> str:
    return browse(tmp_path, url, "--window-size=1280,1000", "--dump-dom")


def shown(page: str) -> tuple[list[str], list[str]]:
    def visible(parts: list[str]) -> list[str]:
        return [p for p in parts if not re.match(r"<\w+ [^>]*\bhidden", p)]
    return visible(rows(page)), visible(sections(page))


def test_a_filter_hides_rows_and_details_in_a_browser(folder, tmp_path, sample_findings):
    url = (folder / "report.html").as_uri()
    majors = dom(tmp_path, url + "?severity=major")
    visible_rows, visible_sections = shown(majors)
    assert len(visible_rows) == len(visible_sections) == sum(f.severity == "major" for f in sample_findings) > 0
    assert all('data-severity="major"' in p for p in visible_rows + visible_sections)
    assert len(sections(majors)) == len(sample_findings)  # the others are there, hidden
    cells = dom(tmp_path, url + "?kind=cells")
    assert all(AFGHANISTAN not in p for p in shown(cells)[1]) and shown(cells)[1]
    assert "Showing 2 of" in cells


def test_sorting_by_severity_uses_its_order_not_the_alphabet(folder, tmp_path):
    page = dom(tmp_path, (folder / "report.html").as_uri() + "?sort=-severity")
    severities = [re.search(r'data-severity="(\w+)"', r)[1] for r in rows(page)]
    assert severities == sorted(severities, key=RANK.get, reverse=True)  # info, minor, major; not minor, major, info
    assert [re.search(r'data-severity="(\w+)"', s)[1] for s in sections(page)] == severities  # details follow
    assert re.search(r'data-column="severity"[^>]*aria-sort="descending"', page)


def test_no_sideways_scrolling_at_390_px(folder, tmp_path):
    """The page in a 390 px wide frame (headless Chromium's window is at least 500 px wide)."""
    page = folder / "report.html"
    frame = tmp_path / "frame.html"
    frame.write_text(
        f'<!DOCTYPE html><html><body style="margin:0;background:#999"><iframe id="f" '
        f'style="width:390px;height:2000px;border:0;background:#fff" src="{page.as_uri()}?severity=major"></iframe>'
        '<script>document.getElementById("f").addEventListener("load", e => {'
        'const d = e.target.contentDocument.documentElement;'
        'document.body.dataset.widths = d.scrollWidth + " " + d.clientWidth; });</script></body></html>',
        encoding="utf-8")
    answer = browse(tmp_path, frame.as_uri(), "--allow-file-access-from-files", "--window-size=800,900", "--dump-dom")
    scroll, client = map(int, re.search(r'data-widths="(\d+) (\d+)"', answer).groups())
    assert 0 < client <= 390 and scroll <= client, (scroll, client)
    # what a reviewer sees on a phone (the frame) and on a laptop
    for name, url, width in (("report-390.png", frame.as_uri(), 500), ("report-1280.png", page.as_uri(), 1280)):
        shot = tmp_path / name
        browse(tmp_path, url, "--allow-file-access-from-files", "--hide-scrollbars", f"--window-size={width},2000",
               f"--screenshot={shot}")
        assert shot.exists() and shot.stat().st_size > 10_000
        if os.environ.get("RUZH_SCREENSHOTS"):
            keep = Path(os.environ["RUZH_SCREENSHOTS"])
            keep.mkdir(parents=True, exist_ok=True)
            shutil.copy(shot, keep / name)
