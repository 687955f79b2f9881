"""Reading hardened (issue 14): linear time, characters that are not text, Markdown pipe tables,
an empty cell after a measure number, repairs naming their file, very different lengths."""
from __future__ import annotations

import logging
import re
import time

import pytest

import ruzh.api as rz
from ruzh.corpus import InputError, read_bilingual, read_lines, read_pair, repair

HAN = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(autouse=True)
def ruzh_log_reaches_caplog(monkeypatch):
    """`ruzh.cli.main`, run in-process by earlier tests, stops the logger's propagation."""
    monkeypatch.setattr(logging.getLogger("ruzh"), "propagate", True)
NOT_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def halves(sample_lines: list[str]) -> tuple[list[str], list[str]]:
    first_zh = next(i for i, line in enumerate(sample_lines) if HAN.search(line))
    return sample_lines[:first_zh], sample_lines[first_zh:]


def cells(doc, lang, kinds=("front", "section", "measure", "paragraph")):
    return [(u.kind, u.label, u.text, u.participants, u.executors) for u in doc.of(lang) if u.kind in kinds]


def write_bilingual(tmp_path, lines: list[str], name: str = "plan.txt"):
    path = tmp_path / name
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def row_index(lines: list[str], label: str, lang: str) -> int:
    """The line of the measure row printed `label` in one language's half of the sample."""
    return next(i for i, line in enumerate(lines)
                if line.split("\t")[0].strip() == label and (HAN.search(line) is not None) == (lang == "zh"))


# ---------------------------------------------------------------- linear reading

def test_a_long_paragraph_reads_in_linear_time(tmp_path, un_pairs):
    """The UN test set as two prose files with no blank line (each one paragraph of 4,000 lines),
    the Russian one opening a quote it never closes: quadratic reading took minutes on these 2 MB."""
    (tmp_path / "ru.txt").write_text("«" + "\n".join(r for r, _ in un_pairs), encoding="utf-8")
    (tmp_path / "zh.txt").write_text("\n".join(z for _, z in un_pairs), encoding="utf-8")
    started = time.perf_counter()
    doc = rz.load(ru=str(tmp_path / "ru.txt"), zh=str(tmp_path / "zh.txt"))
    assert time.perf_counter() - started < 20
    [ru], [zh] = doc.of("ru"), doc.of("zh")
    assert ru.text.startswith("«" + un_pairs[0][0].strip()) and ru.text.endswith(un_pairs[-1][0].strip())
    assert len(ru.sentences) == 1  # the open quote holds every sentence together, as before
    assert len(zh.sentences) > 3000


def test_a_cell_continued_by_many_lines_reads_in_linear_time(tmp_path, un_pairs):
    """A table whose last cell page breaks continue for 3,000 lines: each join used to compare
    the whole cell so far (minutes); now it looks at the cell's end."""
    ru = ["№ п/п\tМероприятия\tГосударства-участники\tИсполнители",
          "1.\tПроработка вопросов.\tГосударства-члены ШОС\tМИД"] + [f"\t\t\t{r}" for r, _ in un_pairs[:3000]]
    zh = ["序号\t措施\t参与国\t执行机构", "1\t研究问题。\t上合组织成员国\t外交部"] + [f"\t{z}" for _, z in un_pairs[:3000]]
    started = time.perf_counter()
    doc = read_pair(write_bilingual(tmp_path, ru, "ru.txt"), write_bilingual(tmp_path, zh, "zh.txt"))
    assert time.perf_counter() - started < 20
    [ru_measure], [zh_measure] = doc.of("ru", "measure"), doc.of("zh", "measure")
    assert ru_measure.executors.startswith("МИД " + un_pairs[0][0].strip()[:20])
    assert ru_measure.executors.endswith(un_pairs[2999][0].strip())
    assert zh_measure.text.startswith("研究问题。") and zh_measure.text.endswith(un_pairs[2999][1].strip())


# ---------------------------------------------------------------- characters that are not text

def test_form_feeds_and_control_characters_are_removed_and_recorded(tmp_path, sample, sample_lines):
    lines = list(sample_lines)
    ru_row = row_index(lines, "6.", "ru")
    zh_row = row_index(lines, "6", "zh")
    first = lines.index("УТВЕРЖДЕН  ")
    lines[ru_row] = "\f" + lines[ru_row]  # pdftotext: the next page starts with a form feed
    lines[zh_row] = lines[zh_row].replace("上合组织", "上合\x1b组织", 1)  # an ESC inside a word
    lines[first + 5] += "\x1b"
    lines[first : first + 2] = [lines[first] + "\f" + lines[first + 1]]  # two lines, one page break
    path = write_bilingual(tmp_path, lines)
    doc = read_bilingual(path)
    for unit in doc.units:
        for value in (unit.text, unit.participants or "", unit.executors or "", *unit.sentences):
            assert not NOT_TEXT.search(value), unit.id
    assert cells(doc, "ru") == cells(sample, "ru") and cells(doc, "zh") == cells(sample, "zh")
    found = {(r.kind, r.lang, r.line, r.fragment) for r in doc.repairs if r.kind in ("form-feed", "control-character")}
    assert found == {("form-feed", "ru", first + 1, "U+000C"), ("form-feed", "ru", ru_row, "U+000C"),
                     ("control-character", "ru", first + 5, "U+001B"),
                     ("control-character", "zh", zh_row, "U+001B")}
    assert all(r.file == str(path) for r in doc.repairs)
    assert "became a line break" in next(r.message for r in doc.repairs if r.line == first + 1)


def test_characters_xml_forbids_are_removed():
    lines, removed = repair.remove_control_characters(
        [(1, "Секретариат\ufffe ШОС\uffff"), (2, "上合组织\ud800秘书处"), (3, "\f"), (4, "\tтабуляция остаётся")])
    assert lines == [(1, "Секретариат ШОС"), (2, "上合组织秘书处"), (3, ""), (4, "\tтабуляция остаётся")]
    assert [(r.line, r.code) for r in removed] == [(1, "U+FFFE"), (1, "U+FFFF"), (2, "U+D800"), (3, "U+000C")]


def test_sentence_per_line_files_lose_control_characters(tmp_path, un_pairs):
    pairs = un_pairs[:50]
    (tmp_path / "ru.txt").write_text("\n".join(r + "\x1b" * (i == 3) for i, (r, _) in enumerate(pairs)), encoding="utf-8")
    (tmp_path / "zh.txt").write_text("\f" + "\n".join(z for _, z in pairs), encoding="utf-8")
    doc = read_lines(tmp_path / "ru.txt", tmp_path / "zh.txt")
    assert doc.of("ru")[0].sentences == [r.strip() for r, _ in pairs]
    assert doc.of("zh")[0].sentences == [z.strip() for _, z in pairs]
    assert {r.kind for r in doc.repairs} == {"form-feed", "control-character"}


# ---------------------------------------------------------------- Markdown pipe tables

HEADERS = {"ru": "| № | Мероприятие | Участники | Исполнители |", "zh": "| 序号 | 措施 | 参与国 | 执行机构 |"}


def pipe_table(doc, lang: str) -> list[str]:
    """One language's sections and measures as a Markdown pipe table, a page break in the middle."""
    def cell(value):
        return (value or "").replace("\n", " ").replace("|", "\\|")

    rows = [HEADERS[lang], "|---|:---|---|---|"]
    for unit in doc.of(lang):
        if unit.kind == "section":
            rows.append(f"| **{cell(unit.text)}** | | | |")
        elif unit.kind == "measure":
            rows.append(f"| {unit.label} | {cell(unit.text)} | {cell(unit.participants)} | {cell(unit.executors)} |")
    middle = len(rows) // 2
    return rows[:middle] + ["", ""] + rows[middle:]


def flat(rows):
    return [tuple(v.replace("\n", " ") if isinstance(v, str) else v for v in row) for row in rows]


def test_pipe_tables_read_like_the_tab_separated_table(tmp_path, sample):
    path = write_bilingual(tmp_path, pipe_table(sample, "ru") + [""] + pipe_table(sample, "zh"))
    doc = read_bilingual(path)
    for lang in ("ru", "zh"):
        assert flat(cells(doc, lang, ("section", "measure"))) == flat(cells(sample, lang, ("section", "measure")))
        assert [u.id for u in doc.of(lang, "measure")] == [u.id for u in sample.of(lang, "measure")]
        assert not [u.id for u in doc.of(lang) if "|" in u.text or "---" in u.text]  # header and |---| are markup
    assert not doc.repairs


def test_ragged_pipe_rows_are_repaired_and_recorded(tmp_path, sample):
    ru = pipe_table(sample, "ru")
    short = next(i for i, row in enumerate(ru) if row.startswith("| 7 |"))
    long = next(i for i, row in enumerate(ru) if row.startswith("| 9 |"))
    ru[short] = ru[short].rsplit(" |", 2)[0] + " |"  # the executors cell is missing
    ru[long] = ru[long] + " РАТС ШОС |"  # one cell too many
    doc = read_pair(write_bilingual(tmp_path, ru, "ru.md"), write_bilingual(tmp_path, pipe_table(sample, "zh"), "zh.md"))
    seven, nine = doc.unit("ru-m007"), doc.unit("ru-m009")
    assert (seven.text, seven.participants, seven.executors) == (
        sample.unit("ru-m007").text, sample.unit("ru-m007").participants, None)
    assert nine.executors == sample.unit("ru-m009").executors + ", РАТС ШОС"
    ragged = [(r.line, r.unit, r.file) for r in doc.repairs if r.kind == "ragged-row"]
    assert ragged == [(short + 1, None, str(tmp_path / "ru.md")), (long + 1, None, str(tmp_path / "ru.md"))]


def test_a_table_whose_delimiter_row_does_not_match_is_refused(tmp_path, sample):
    ru = pipe_table(sample, "ru")
    ru[1] = "|---|---|---|"
    path = write_bilingual(tmp_path, ru + [""] + pipe_table(sample, "zh"))
    with pytest.raises(InputError, match=r"line 2: the Markdown table's header row has 4 cells but .* has 3") as error:
        read_bilingual(path)
    assert error.value.path == str(path)


# ---------------------------------------------------------------- an empty cell after the number

def test_empty_cell_after_the_measure_number(tmp_path, sample, sample_lines):
    lines = list(sample_lines)
    i = row_index(lines, "5.", "ru")
    label, text, participants, executors = lines[i].split("\t")
    lines[i] = "\t".join([label, "", participants, executors])
    doc = read_bilingual(write_bilingual(tmp_path, lines))
    five, expected = doc.unit("ru-m005"), sample.unit("ru-m005")
    assert (five.label, five.text, five.participants, five.executors) == ("5", "", expected.participants, expected.executors)
    assert [r.kind for r in doc.repairs if r.unit == "ru-m005"] == ["empty-cell"]
    assert cells(doc, "zh") == cells(sample, "zh")


def test_empty_spacer_after_the_measure_number_shifts_nothing(tmp_path, sample, sample_lines):
    lines = list(sample_lines)
    i = row_index(lines, "5.", "ru")
    label, *rest = lines[i].split("\t")
    lines[i] = "\t".join([label, ""] + rest)  # five cells: a spacer after the number
    doc = read_bilingual(write_bilingual(tmp_path, lines))
    assert cells(doc, "ru") == cells(sample, "ru")
    assert [r.kind for r in doc.repairs if r.unit == "ru-m005"] == ["shifted-cell"]


def test_measure_text_on_the_line_after_an_empty_cell(tmp_path, sample, sample_lines):
    lines = list(sample_lines)
    i = row_index(lines, "5.", "ru")
    label, text, participants, executors = lines[i].split("\t")
    lines[i : i + 1] = ["\t".join([label, "", participants, executors]), text]  # the text on a line of its own
    doc = read_bilingual(write_bilingual(tmp_path, lines))
    assert cells(doc, "ru") == cells(sample, "ru")
    assert [r.kind for r in doc.repairs if r.unit == "ru-m005"] == ["empty-cell", "joined"]


# ---------------------------------------------------------------- repairs name their file

def test_each_repair_names_the_file_its_text_came_from(tmp_path, sample_lines, caplog):
    ru, zh = halves(sample_lines)
    ru_path, zh_path = write_bilingual(tmp_path, ru, "plan.ru.txt"), write_bilingual(tmp_path, zh, "plan.zh.txt")
    with caplog.at_level(logging.DEBUG, logger="ruzh"):
        doc = rz.load(ru=str(ru_path), zh=str(zh_path))
    assert {r.file for r in doc.repairs if r.lang == "ru"} == {str(ru_path)}
    assert {r.file for r in doc.repairs if r.lang == "zh"} == {str(zh_path)}
    logged = {r.getMessage() for r in caplog.records}
    for r in doc.repairs:
        assert f"{(ru_path if r.lang == 'ru' else zh_path).name} {r.message}" in logged


# ---------------------------------------------------------------- very different lengths

def warnings(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING and r.name == "ruzh"]


def test_sides_of_very_different_lengths_are_warned_about(tmp_path, un_pairs, sample_lines, caplog):
    (tmp_path / "ru.txt").write_text("\n".join(r for r, _ in un_pairs[:10]), encoding="utf-8")
    (tmp_path / "zh.txt").write_text("\n".join(z for _, z in un_pairs[:2000]), encoding="utf-8")
    for fmt in ("lines", "text"):
        caplog.clear()
        with caplog.at_level(logging.WARNING, logger="ruzh"):
            rz.load(ru=str(tmp_path / "ru.txt"), zh=str(tmp_path / "zh.txt"), format=fmt)
        [message] = warnings(caplog)
        assert str(tmp_path / "ru.txt") in message and str(tmp_path / "zh.txt") in message
        assert "tenfold" in message and "same document" in message
    caplog.clear()
    ru, zh = halves(sample_lines)  # the two versions of one document: no warning
    with caplog.at_level(logging.WARNING, logger="ruzh"):
        read_pair(write_bilingual(tmp_path, ru, "plan.ru.txt"), write_bilingual(tmp_path, zh, "plan.zh.txt"))
        rz.load()
    assert not warnings(caplog)
