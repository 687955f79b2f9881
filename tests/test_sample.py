"""The bundled sample comes out whole and repaired: counts, labels, damaged rows, front matter."""
from __future__ import annotations

import re
from collections import Counter

from ruzh.corpus.script import LETTER

def measure(doc, lang, printed_position):
    return doc.of(lang, "measure")[printed_position - 1]


def test_measure_and_section_counts(sample):
    for lang in ("ru", "zh"):
        assert len(sample.of(lang, "measure")) == 75
        assert len(sample.of(lang, "section")) == 7


def test_labels_are_kept_as_printed(sample):
    ru = [u.label for u in sample.of("ru", "measure")]
    zh = [u.label for u in sample.of("zh", "measure")]
    assert ru == [str(n) for n in range(1, 73)] + ["72", "73", "74"]
    assert ru.count("72") == 2
    assert zh == [str(n) for n in range(1, 76)]


def test_ids_follow_the_contract(sample):
    ids = [u.id for u in sample.units]
    assert len(ids) == len(set(ids))
    pattern = {"front": r"f\d\d", "section": r"s\d\d", "measure": r"m\d{3}", "paragraph": r"p\d{3}"}
    for u in sample.units:
        assert re.fullmatch(rf"{u.lang}-{pattern[u.kind]}", u.id), u.id
    assert sample.unit("ru-m073").label == "72"
    assert sample.unit("ru-m075").label == "74"


def test_sections_and_membership(sample):
    assert [u.text for u in sample.of("ru", "section")][:2] == [
        "ПОЛИТИЧЕСКОЕ ВЗАИМОДЕЙСТВИЕ", "СОТРУДНИЧЕСТВО В ОБЛАСТИ БЕЗОПАСНОСТИ"]
    assert [u.text for u in sample.of("zh", "section")] == [
        "政治合作", "安全合作", "经贸合作", "人文合作", "新闻合作", "开放和伙伴关系政策", "国际合作"]
    assert sample.unit("ru-m001").section == "ru-s01"
    assert sample.unit("ru-m006").section == "ru-s02"
    assert sample.unit("zh-m073").section == "zh-s07"
    assert sample.unit("ru-m073").section == "ru-s07"  # the second «72» opens the last section


def test_ru_measure_15_broken_word_and_cells(sample):
    m = measure(sample, "ru", 15)
    assert m.label == "15"
    assert "информационно-телекоммуникационной системы связи" in m.text
    assert len(m.sentences) == 1
    assert m.participants == "Государства-члены ШОС"
    assert m.executors == "Компетентные органы государств-членов ШОС, РАТС ШОС"


def test_ru_measure_3_keeps_its_second_paragraph(sample):
    m = measure(sample, "ru", 3)
    assert "Регулярное проведение консультаций по линии министерств иностранных дел" in m.text
    assert m.sentences[-1].startswith("Регулярное проведение консультаций")
    assert m.sentences[0].endswith("и т.д.")


def test_ru_cells_continued_after_page_breaks(sample):
    m8 = measure(sample, "ru", 8)
    assert m8.participants == "Государства-члены, наблюдатели и партнеры по диалогу ШОС"
    assert m8.executors.endswith("партнеров по диалогу ШОС, РАТС ШОС")
    m21 = measure(sample, "ru", 21)
    assert "сепаратистского или экстремистского характера" in m21.text
    assert m21.text.endswith("государств-членов ШОС).")
    m54 = measure(sample, "ru", 54)
    assert m54.text.endswith("в рамках ШОС")
    assert m54.participants == "Государства-члены, наблюдатели и партнеры по диалогу ШОС"
    assert m54.executors == ("Соответствующие министерства и ведомства государств-членов, "
                             "наблюдателей и партнеров по диалогу ШОС")
    assert measure(sample, "ru", 48).participants == "Государства-члены, наблюдатели и партнеры по диалогу ШОС"


def test_zh_measure_74_executors_rejoined(sample):
    m = measure(sample, "zh", 74)
    assert m.executors == "上合组织成员国外交部，上合组织秘书处，上合组织地区反恐怖机构执委会"
    assert m.text == "扩大与已建立正式联系的国际和地区组织的对话与协作。"


def test_zh_measure_18_repeated_fragment_dropped_and_reported(sample):
    m = measure(sample, "zh", 18)
    assert m.executors.endswith("上合组织地区反恐怖机构")
    assert not m.executors.endswith("怖机构怖机构")
    reported = [r for r in sample.repairs if r.unit == "zh-m018" and r.dropped]
    assert [r.fragment for r in reported] == ["怖机构"]


def test_zh_shifted_and_duplicated_cells(sample):
    m22, m53, m59 = (measure(sample, "zh", n) for n in (22, 53, 59))
    assert (m22.participants, m22.executors) == ("上合组织成员国", "上合组织成员国主管机关")
    assert (m53.participants, m53.executors) == ("上合组织成员国", "上合组织成员国相关部门")
    assert (m59.participants, m59.executors) == ("上合组织成员国", "上合组织成员国卫生部")
    m3 = measure(sample, "zh", 3)
    assert "加强外交协调" in m3.text


def test_front_matter_is_not_measures(sample):
    front = [u.text for u in sample.of("ru", "front")]
    assert front[0].startswith("Настоящим удостоверяю, что прилагаемый документ")
    assert "РЕШЕНИЕ" in front
    assert "Президент Республики Казахстан" in front
    assert "Т.Ф. Абдуллин" in front
    measures = " ".join(u.text for u in sample.of("ru", "measure"))
    assert "Настоящим удостоверяю" not in measures
    zh_front = [u.text for u in sample.of("zh", "front")]
    assert "哈萨克斯坦共和国总统" in zh_front
    # a title broken across two paragraphs comes back as one
    assert "关于批准《〈上海合作组织至2025年发展战略〉2016—2020年落实行动计划》" in zh_front


def test_no_markup_and_no_spaces_inside_chinese(sample):
    for u in sample.units:
        for value in (u.text, u.participants, u.executors):
            if value:
                assert not re.search(r"</?b>|\*\*|^#|^---", value), (u.id, value)
                assert "\t" not in value
                if u.lang == "zh":
                    assert not re.search(r"[\u4e00-\u9fff，、。]\s+[\u4e00-\u9fff\d，、。]", value), (u.id, value)


def test_nothing_is_lost_silently(sample, sample_lines):
    """Every Cyrillic and CJK letter of the input is in corpus.jsonl, but for reported drops."""
    letters_in = Counter(LETTER.findall("\n".join(sample_lines)))
    letters_out = Counter()
    for u in sample.units:
        for value in (u.text, u.participants, u.executors):
            letters_out.update(LETTER.findall(value or ""))
    dropped = Counter(LETTER.findall("".join(sample.dropped_fragments())))
    assert dropped, "the sample has repeated fragments; the repair step must report them"
    assert letters_out - letters_in == Counter()
    assert letters_in - letters_out == dropped
