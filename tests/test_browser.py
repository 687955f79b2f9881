"""`ruzh serve` and the static report in a real browser: Playwright driving Debian's Chromium
(`/usr/bin/chromium`, no browser download), against the server started as a user starts it
(`python -m ruzh serve FOLDER --port N`) on the sample's run folder.

- a translator types РАТС, 秘书处 and a typo into the glossary's search box and sees the results
  change as they type (no page load), then opens a term's concordance and copies a term;
- a reader jumps to a measure by its printed number and sees linked sentences light up together;
- a reviewer filters the findings to the majors, confirms the Afghanistan finding (ZH «73» adds
  «解决阿富汗问题») with a comment, restarts the server and finds the decision kept;
- the static report.html of the same folder, opened from disk at 390 px wide, does not scroll
  sideways.

Screenshots are saved in each test's temporary folder (and copied to $RUZH_SCREENSHOTS when set).
Without Chromium or Playwright the tests skip, saying why; under CI (`CI` set) they fail instead:
`.ci/run` installs Chromium and `make test` installs Playwright (the `test` extra).
"""
from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from ruzh.serve.decisions import DecisionStore, finding_key
from ruzh.serve.folder import finding, read_findings

AFGHANISTAN = "阿富汗"
PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1280, "height": 900}
# As the machines' notes advise for headless Chromium on a closed network.
CHROMIUM_FLAGS = ["--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync"]


def missing(what: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"{what} is missing: .ci/run installs Chromium, `make test` Playwright (the test extra)")
    pytest.skip(f"{what} is not installed (apt-get install chromium; pip install -e '.[test]')")


@pytest.fixture(scope="module")
def browser():
    executable = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if executable is None:
        missing("Chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing("Playwright")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


class Server:
    """`ruzh serve FOLDER` in a process of its own, on a free port of 127.0.0.1; `restart()` stops
    it and starts a new one on the same port, as a user would."""

    def __init__(self, folder: Path, log: Path):
        self.folder, self.log = folder, log
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen | None = None

    def start(self) -> Server:
        with self.log.open("a", encoding="utf-8") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "ruzh", "serve", str(self.folder), "--port", str(self.port)],
                stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                pytest.fail(f"ruzh serve exited with {self.process.returncode}: {self.log.read_text()}")
            try:
                with urllib.request.urlopen(f"{self.url}/glossary", timeout=2) as answer:
                    if answer.status == 200:
                        return self
            except (urllib.error.URLError, OSError):
                time.sleep(0.2)
        self.stop()
        pytest.fail(f"ruzh serve did not answer within 60 s: {self.log.read_text()}")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def restart(self) -> None:
        self.stop()
        self.start()


@pytest.fixture(scope="module")
def served(run_folder, tmp_path_factory):
    """The server on a copy of the sample's run folder, for the tests that only read."""
    home = tmp_path_factory.mktemp("browse")
    server = Server(Path(shutil.copytree(run_folder, home / "out")), home / "serve.log").start()
    yield server
    server.stop()


@pytest.fixture
def reviewed(run_folder, tmp_path):
    """A server of the test's own, on a folder of its own: the test saves decisions and restarts it."""
    server = Server(Path(shutil.copytree(run_folder, tmp_path / "out")), tmp_path / "serve.log").start()
    yield server
    server.stop()


def open_page(browser, size=LAPTOP, **options):
    context = browser.new_context(viewport=size, locale="ru-RU", **options)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("response", lambda r: errors.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    return page, errors


def shot(page, tmp_path: Path, name: str, full_page: bool = True) -> Path:
    path = tmp_path / name
    page.screenshot(path=path, full_page=full_page)
    assert path.stat().st_size > 5_000, f"{name} is blank"
    if os.environ.get("RUZH_SCREENSHOTS"):
        keep = Path(os.environ["RUZH_SCREENSHOTS"])
        keep.mkdir(parents=True, exist_ok=True)
        shutil.copy(path, keep / name)
    return path


def entry(page, ru: str):
    """The result entry whose Russian headword is `ru`."""
    headword = page.locator("h2 > span[lang=ru]", has_text=re.compile(f"^{re.escape(ru)}$"))
    return page.locator("#results article.entry").filter(has=headword)


# --- a translator --------------------------------------------------------------------------------

@pytest.mark.parametrize("query,ru,zh,name", [
    pytest.param("РАТС", "РАТС ШОС", "上合组织地区反恐怖机构", "acronym", id="acronym"),
    pytest.param("秘书处", "Секретариат ШОС", "上合组织秘书处", "chinese", id="chinese-substring"),
    pytest.param("Секретарят ШОС", "Секретариат ШОС", "上合组织秘书处", "typo", id="typo"),
])
def test_a_translator_sees_results_as_they_type(browser, served, tmp_path, query, ru, zh, name):
    from playwright.sync_api import expect

    page, errors = open_page(browser)
    page.goto(f"{served.url}/glossary")
    expect(page.locator("#results .summary")).to_contain_text("most frequent")
    page.evaluate("window.stillTheSamePage = true")  # gone if the page were loaded again
    page.locator("#q").press_sequentially(query, delay=40)
    expect(page.locator("#results .summary")).to_contain_text(f"for «{query}»", timeout=10_000)
    found = entry(page, ru)
    expect(found).to_have_count(1)
    expect(found.locator("h2 > span[lang=zh]")).to_have_text(zh)
    expect(found.locator("details.kwic mark.term").first).to_be_visible()  # with its concordance
    assert page.evaluate("window.stillTheSamePage") is True, "the page was loaded again: not results as you type"
    assert "q=" in page.url  # the address follows, so that the result can be shared or reloaded
    shot(page, tmp_path, f"glossary-{name}.png")
    assert not errors, errors
    page.context.close()


def test_a_translator_opens_a_concordance_and_copies_a_term(browser, served, tmp_path):
    from playwright.sync_api import expect

    page, errors = open_page(browser, permissions=["clipboard-read", "clipboard-write"])
    page.goto(f"{served.url}/glossary")
    listed = page.locator("#results article.entry").filter(
        has=page.locator("h2 > span[lang=ru]", has_text=re.compile("^Секретариат ШОС$")))
    listed.get_by_role("link", name="concordance").click()
    page.wait_for_url(re.compile(r"/glossary\?q="))
    found = entry(page, "Секретариат ШОС")
    concordance = found.locator("details.kwic")
    expect(concordance).to_have_attribute("open", "")
    lines = concordance.locator("li")
    assert lines.count() >= 3
    for k in range(lines.count()):  # the term highlighted on both sides of every line
        assert re.fullmatch(r"Секретариат\w* ШОС", lines.nth(k).locator("p[lang=ru] mark.term").inner_text())
        assert re.fullmatch(r"(上合组织)?秘书处", lines.nth(k).locator("p[lang=zh] mark.term").inner_text())
    shot(page, tmp_path, "glossary-concordance.png")
    concordance.locator("summary").click()  # closed and opened again, as a reader does
    expect(lines.first).to_be_hidden()
    concordance.locator("summary").click()
    expect(lines.first).to_be_visible()
    copy = found.locator("h2 button.copy").first
    expect(copy).to_be_visible()  # shown by the script, where the clipboard works
    copy.click()
    expect(copy).to_have_text("copied")
    assert page.evaluate("navigator.clipboard.readText()") == "Секретариат ШОС"
    assert not errors, errors
    page.context.close()


# --- a reader of the two versions ----------------------------------------------------------------

def test_jumping_to_a_measure_and_seeing_its_sentence_links(browser, served, tmp_path):
    from playwright.sync_api import expect

    page, errors = open_page(browser)
    page.goto(f"{served.url}/document")
    page.locator("#measure").fill("73")
    page.locator("#lang").select_option("zh")
    page.get_by_role("button", name="Go").click()
    page.wait_for_url(re.compile(r"/document#u-zh-m073$"))
    unit = page.locator("#u-zh-m073")
    expect(unit).to_be_in_viewport()
    row = page.locator(".row").filter(has=unit)
    expect(row.locator(".side.ru .label")).to_contain_text("RU «72»")  # the number each text prints
    expect(unit.locator(".label")).to_contain_text("ZH «73»")
    expect(unit.locator("mark.evidence", has_text=AFGHANISTAN)).to_be_visible()
    expect(row.locator(".margin a.sev.major")).to_be_visible()  # the finding in the margin
    sentence = unit.locator(".s[data-link]").first
    link = sentence.get_attribute("data-link")
    counterpart = row.locator(f'.side.ru .s[data-link="{link}"]')
    sentence.hover()
    expect(counterpart).to_have_class(re.compile(r"\bon\b"))  # its Russian sentence lights up
    shot(page, tmp_path, "document-73.png", full_page=False)
    page.mouse.move(0, 0)
    expect(counterpart).not_to_have_class(re.compile(r"\bon\b"))
    assert not errors, errors
    page.context.close()


# --- a reviewer ----------------------------------------------------------------------------------

def test_a_reviewer_confirms_a_major_finding_and_finds_it_kept_after_a_restart(browser, reviewed, tmp_path):
    from playwright.sync_api import expect

    records = read_findings(reviewed.folder / "divergences.json")
    majors = sum(r["severity"] == "major" for r in records)
    key = next(finding_key(finding(r)) for r in records if r["zh_span"] == AFGHANISTAN)
    comment = "Добавлено в китайском тексте: 解决阿富汗问题"
    page, errors = open_page(browser)
    page.goto(f"{reviewed.url}/review")
    expect(page.locator("article.finding")).to_have_count(len(records))
    shot(page, tmp_path, "review-all.png", full_page=False)
    page.locator("select[name=severity]").select_option("major")  # applies at once
    page.wait_for_url(re.compile(r"severity=major"))
    findings = page.locator("article.finding")
    expect(findings).to_have_count(majors)
    assert majors > 0 and all("major" in c.split() for c in
                              findings.evaluate_all("(all) => all.map(a => a.className)"))
    article = page.locator(f"#f-{key}")
    expect(article.locator("h2")).to_contain_text("RU «72» / ZH «73»")
    expect(article.locator(".side.zh mark.evidence")).to_have_text(AFGHANISTAN)
    expect(article.locator(".side.zh")).to_contain_text("解决阿富汗问题")
    expect(article.locator(".side.ru")).to_contain_text("Развитие взаимодействия с ООН")  # both sides shown
    article.locator("input[name=status][value=confirmed]").check()
    article.locator("textarea[name=comment]").fill(comment)
    article.get_by_role("button", name="Save").click()
    page.wait_for_url(re.compile(rf"/review\?severity=major#f-{key}$"))
    expect(page.locator("article.finding")).to_have_count(majors)  # back to the same filter
    shot(page, tmp_path, "review-majors-confirmed.png")
    assert DecisionStore(reviewed.folder).all()[key].status == "confirmed"

    before = reviewed.process.pid
    reviewed.restart()
    assert reviewed.process.pid != before  # another server process, which knows only what was saved
    page.reload()
    article = page.locator(f"#f-{key}")
    expect(article.locator("input[name=status][value=confirmed]")).to_be_checked()
    expect(article.locator("textarea[name=comment]")).to_have_value(comment)
    expect(article.locator("legend")).to_contain_text("saved")
    page.locator("select[name=status]").select_option("confirmed")
    page.wait_for_url(re.compile(r"status=confirmed"))
    expect(page.locator("article.finding")).to_have_count(1)
    expect(page.locator(f"#f-{key}")).to_be_visible()
    shot(page, tmp_path, "review-after-restart.png")
    assert not errors, errors
    page.context.close()


# --- on a phone ----------------------------------------------------------------------------------

def scroll_width(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


def test_the_static_report_does_not_scroll_sideways_at_390_px(browser, run_folder, tmp_path):
    page, errors = open_page(browser, size=PHONE)
    page.goto((run_folder / "report.html").as_uri())
    assert AFGHANISTAN in page.content()  # the report of the sample's findings
    shot(page, tmp_path, "report-390.png")
    assert scroll_width(page) <= PHONE["width"], "the report scrolls sideways on a phone"
    assert not errors, errors
    page.context.close()


@pytest.mark.parametrize("path", ["/glossary?q=%E7%A7%98%E4%B9%A6%E5%A4%84", "/document", "/review?severity=major"],
                         ids=["glossary", "document", "review"])
def test_the_served_pages_do_not_scroll_sideways_at_390_px(browser, served, tmp_path, path):
    page, errors = open_page(browser, size=PHONE)
    page.goto(served.url + path)
    shot(page, tmp_path, f"phone-{path.strip('/').split('?')[0]}.png", full_page=False)
    assert scroll_width(page) <= PHONE["width"], f"{path} scrolls sideways on a phone"
    assert not errors, errors
    page.context.close()
