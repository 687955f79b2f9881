"""Sentence segmentation of Russian and Chinese."""
from __future__ import annotations

from ruzh.corpus import split_sentences


def test_russian_abbreviations_do_not_end_sentences():
    text = ("Проведение совещаний министров и т.д. в целях углубления координации. "
            "Перечень мероприятий на период 2017-2021 гг. будет утвержден, т.е. принят. "
            "Т.Ф. Абдуллин заверил копию.")
    assert split_sentences(text, "ru") == [
        "Проведение совещаний министров и т.д. в целях углубления координации.",
        "Перечень мероприятий на период 2017-2021 гг. будет утвержден, т.е. принят.",
        "Т.Ф. Абдуллин заверил копию.",
    ]


def test_russian_semicolons_inside_brackets_do_not_end_sentences(sample):
    assert len(sample.unit("ru-m021").sentences) == 1


def test_line_break_ends_a_sentence():
    assert split_sentences("встреч секретарей и т.д.\nРегулярное проведение консультаций.", "ru") == [
        "встреч секретарей и т.д.", "Регулярное проведение консультаций."]


def test_chinese_terminals():
    assert split_sentences("严格落实会议决议。定期举行磋商！是否可行？制定共同倡议；加强协调。", "zh") == [
        "严格落实会议决议。", "定期举行磋商！", "是否可行？", "制定共同倡议；", "加强协调。"]


def test_chinese_brackets_and_titles_hold_sentences_together():
    text = "落实《文件。附件》的规定。研究（第一；第二）问题。"
    assert split_sentences(text, "zh") == ["落实《文件。附件》的规定。", "研究（第一；第二）问题。"]


def test_chinese_stray_closing_mark_does_not_glue_text():
    text = "定期就《中亚无核武器区条约》及其议定书》执行问题交换意见。加强合作。"
    assert split_sentences(text, "zh") == ["定期就《中亚无核武器区条约》及其议定书》执行问题交换意见。", "加强合作。"]


def test_chinese_stray_opening_mark_does_not_glue_text():
    assert split_sentences("落实《规定。加强合作。", "zh") == ["落实《规定。", "加强合作。"]


def test_sample_sentences(sample):
    assert sample.unit("zh-m001").sentences == [
        "在扩员背景下，研究保障上合组织高效运行和严格执行基础文件等问题。",
        "根据已有经验，制定和加强上合组织文件中有关新成员参与上合组织工作的规定。"]
    assert len(sample.unit("zh-m021").sentences) == 1  # the enumeration is inside （）
    assert sample.unit("ru-f04").sentences == ["Т.Ф. Абдуллин"]
