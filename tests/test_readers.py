"""The readers: two separate files in any supported encoding, prose, sentence-per-line files."""
from __future__ import annotations

import re

import pytest

from ruzh.corpus import InputError, read_bilingual, read_lines, read_pair

HAN = re.compile(r"[\u4e00-\u9fff]")


def halves(sample_lines):
    first_zh = next(i for i, line in enumerate(sample_lines) if HAN.search(line))
    return sample_lines[:first_zh], sample_lines[first_zh:]


def cells(doc, lang):
    return [(u.kind, u.label, u.text, u.participants, u.executors) for u in doc.of(lang)]


@pytest.mark.parametrize("ru_encoding,zh_encoding", [
    ("utf-8", "utf-8"), ("cp1251", "gb18030"), ("utf-16", "utf-16"), ("utf-8-sig", "utf-8-sig")])
def test_two_files_in_any_encoding_read_like_the_bilingual_file(tmp_path, sample, sample_lines,
                                                                ru_encoding, zh_encoding):
    ru, zh = halves(sample_lines)
    ru_path, zh_path = tmp_path / "plan.ru.txt", tmp_path / "plan.zh.txt"
    ru_path.write_text("\n".join(ru), encoding=ru_encoding)
    zh_path.write_text("\n".join(zh), encoding=zh_encoding)
    doc = read_pair(ru_path, zh_path)
    assert cells(doc, "ru") == cells(sample, "ru")
    assert cells(doc, "zh") == cells(sample, "zh")
    assert doc.encodings == {"ru": ru_encoding, "zh": zh_encoding}


def test_bilingual_file_with_chinese_first(tmp_path, sample, sample_lines):
    ru, zh = halves(sample_lines)
    path = tmp_path / "zh-then-ru.txt"
    path.write_text("\n".join(zh + ru), encoding="utf-8")
    doc = read_bilingual(path)
    assert cells(doc, "ru") == cells(sample, "ru")
    assert cells(doc, "zh") == cells(sample, "zh")


def test_bilingual_legacy_chinese_encoding(tmp_path, sample, sample_lines):
    path = tmp_path / "plan.gb18030.txt"
    path.write_text("\n".join(sample_lines), encoding="gb18030")
    doc = read_bilingual(path)
    assert doc.encodings["ru"] == "gb18030"
    assert cells(doc, "zh") == cells(sample, "zh")


def test_prose_files_give_sections_and_paragraphs(tmp_path, un_pairs):
    """Markdown prose built from UN sentences: a heading, then paragraphs of three sentences."""
    pairs = un_pairs[:9]
    ru = ["# Доклад", ""] + [" ".join(r for r, _ in pairs[i:i + 3]) + "\n" for i in range(0, 9, 3)]
    zh = ["# 报告", ""] + ["".join(z for _, z in pairs[i:i + 3]) + "\n" for i in range(0, 9, 3)]
    (tmp_path / "ru.md").write_text("\n".join(ru), encoding="utf-8")
    (tmp_path / "zh.md").write_text("\n".join(zh), encoding="utf-8")
    doc = read_pair(tmp_path / "ru.md", tmp_path / "zh.md")
    for lang in ("ru", "zh"):
        kinds = [u.kind for u in doc.of(lang)]
        assert kinds == ["section", "paragraph", "paragraph", "paragraph"]
        assert [u.id for u in doc.of(lang)] == [f"{lang}-s01", f"{lang}-p001", f"{lang}-p002", f"{lang}-p003"]
        assert all(u.section == f"{lang}-s01" for u in doc.of(lang, "paragraph"))
    assert doc.unit("ru-s01").text == "Доклад"
    assert len(doc.unit("ru-p001").sentences) >= 3


def test_sentence_per_line_files(tmp_path, un_pairs):
    pairs = un_pairs[:200]
    (tmp_path / "ru.txt").write_text("\n".join(r for r, _ in pairs) + "\n", encoding="utf-8")
    (tmp_path / "zh.txt").write_text("\n".join(z for _, z in pairs) + "\n", encoding="utf-8")
    doc = read_lines(tmp_path / "ru.txt", tmp_path / "zh.txt")
    [ru], [zh] = doc.of("ru"), doc.of("zh")
    assert ru.sentences == [r.strip() for r, _ in pairs]
    assert zh.sentences == [z.strip() for _, z in pairs]
    assert (ru.id, zh.id, ru.kind) == ("ru-p001", "zh-p001", "paragraph")


def test_swapped_files_are_refused(tmp_path, sample_lines):
    ru, zh = halves(sample_lines)
    (tmp_path / "ru.txt").write_text("\n".join(ru), encoding="utf-8")
    (tmp_path / "zh.txt").write_text("\n".join(zh), encoding="utf-8")
    with pytest.raises(InputError, match="swapped"):
        read_pair(tmp_path / "zh.txt", tmp_path / "ru.txt")
