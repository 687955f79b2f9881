"""Alignment with real embeddings: every link type on small RU/ZH examples, then the sample."""
from __future__ import annotations

import copy
import json
import xml.etree.ElementTree as ET


from ruzh.align import EXTENDED_TYPES, Settings, align_document, align_sentences, links_frame, tmx

# Sentences from the sample (measures 1, 3, 21, 30) and their Chinese versions.
RU = [
    "Проработка вопросов обеспечения эффективного функционирования ШОС и неукоснительного выполнения базовых документов ШОС в свете присоединения к Организации новых членов.",
    "Выработка и закрепление в документах ШОС алгоритмов подключения новых членов к работе Организации с учетом накопленного опыта.",
    "Регулярное проведение консультаций по линии министерств иностранных дел в целях углубления внешнеполитической координации.",
    "Практическая реализация принятых в рамках ШОС документов по совместному противодействию незаконному обороту наркотических средств и их прекурсоров.",
]
ZH = [
    "在扩员背景下，研究保障上合组织高效运行和严格执行基础文件等问题。",
    "根据已有经验，制定和加强上合组织文件中有关新成员参与上合组织工作的规定。",
    "定期举行外交部磋商，加强外交协调。",
    "切实落实上合组织通过文件中有关共同打击非法贩运毒品及其前体的条款。",
]
EXTRA_RU = "Подлинный экземпляр данного Решения хранится в Секретариате Шанхайской организации сотрудничества."
EXTRA_ZH = "哈萨克斯坦共和国总统和吉尔吉斯共和国总统出席了会议。"


def pairs(links):
    return [(l.src, l.tgt) for l in links]


def test_one_to_one(encoder):
    assert pairs(align_sentences(RU, ZH, encoder)) == [((0,), (0,)), ((1,), (1,)), ((2,), (2,)), ((3,), (3,))]


def test_one_to_two_and_two_to_one(encoder):
    merged_zh = [ZH[0] + ZH[1], ZH[2], ZH[3]]
    assert pairs(align_sentences(RU, merged_zh, encoder))[0] == ((0, 1), (0,))
    merged_ru = [RU[0] + " " + RU[1], RU[2], RU[3]]
    assert pairs(align_sentences(merged_ru, ZH, encoder))[0] == ((0,), (0, 1))


def test_inserted_sentences_link_to_nothing(encoder):
    ru = RU[:2] + [EXTRA_RU] + RU[2:]
    assert pairs(align_sentences(ru, ZH, encoder)) == [
        ((0,), (0,)), ((1,), (1,)), ((2,), ()), ((3,), (2,)), ((4,), (3,))]
    zh = ZH[:3] + [EXTRA_ZH] + ZH[3:]
    assert ((), (3,)) in pairs(align_sentences(RU, zh, encoder))


def test_extended_link_types(encoder):
    settings = Settings(types=EXTENDED_TYPES)
    two_two = pairs(align_sentences([RU[0] + " " + RU[1], RU[2] + " " + RU[3]],
                                    [ZH[0] + ZH[1], ZH[2] + ZH[3]], encoder, settings))
    assert two_two == [((0,), (0,)), ((1,), (1,))]
    one_three = pairs(align_sentences([RU[0] + " " + RU[1] + " " + RU[2], RU[3]], ZH, encoder, settings))
    assert one_three[0] == ((0,), (0, 1, 2))


def test_sample_measures_headings_and_certification(sample_alignment):
    units = [(tuple(l.ru), tuple(l.zh)) for l in sample_alignment.units]
    measures = [(ru, zh) for ru, zh in units if any("-m" in i for i in ru + zh)]
    assert measures == [((f"ru-m{k:03d}",), (f"zh-m{k:03d}",)) for k in range(1, 76)]
    assert (("ru-m073",), ("zh-m073",)) in units  # printed 72 and 73
    sections = [(ru, zh) for ru, zh in units if any("-s" in i for i in ru + zh)]
    assert sections == [((f"ru-s{k:02d}",), (f"zh-s{k:02d}",)) for k in range(1, 8)]
    assert (("ru-f01",), ()) in units  # the certification exists in Russian only


def test_sample_alignment_ignores_labels(sample, encoder, sample_alignment):
    unlabelled = copy.deepcopy(sample)
    for unit in unlabelled.units:
        unit.label = None
    again = align_document(unlabelled, encoder)
    assert [(l.ru, l.zh) for l in again.units] == [(l.ru, l.zh) for l in sample_alignment.units]
    assert [(l.ru, l.zh) for l in again.sentences] == [(l.ru, l.zh) for l in sample_alignment.sentences]


def test_every_sentence_is_in_one_link(sample, sample_alignment):
    for lang in ("ru", "zh"):
        expected = sorted(f"{u.id}.{k}" for u in sample.of(lang) for k in range(1, len(u.sentences) + 1))
        linked = sorted(i for l in sample_alignment.sentences for i in getattr(l, lang))
        assert linked == expected
    scores = [l.score for l in sample_alignment.units + sample_alignment.sentences]
    assert all(0.0 <= s <= 1.0 for s in scores)


def test_tmx_parses_back(sample, sample_alignment):
    root = ET.fromstring(tmx(sample_alignment, sample).split("\n", 2)[2])
    assert root.get("version") == "1.4"
    assert root.find("header").get("srclang") == "ru-RU"
    units = root.findall("body/tu")
    assert len(units) == sum(1 for l in sample_alignment.sentences if l.ru and l.zh)
    lang = "{http://www.w3.org/XML/1998/namespace}lang"
    for tu in units:
        assert [tuv.get(lang) for tuv in tu.findall("tuv")] == ["ru-RU", "zh-CN"]
        assert all(tuv.find("seg").text for tuv in tu.findall("tuv"))
    first_measure = next(tu for tu in units if "ru-m001.1" in tu.get("tuid"))
    assert first_measure.findall("tuv")[1].find("seg").text.startswith("在扩员背景下")


def test_links_frame(sample, sample_alignment):
    frame = links_frame(sample_alignment, sample, level="unit")
    assert list(frame.columns) == ["level", "ru", "zh", "ru_text", "zh_text", "score"]
    row = frame[frame.ru.map(lambda ids: ids == ["ru-m075"])].iloc[0]
    assert row.zh == ["zh-m075"]
    assert "АСЕАН" in row.ru_text and "东盟" in row.zh_text


def test_run_writes_alignment(tmp_path, capsys):
    from ruzh.cli import main

    assert main(["run", "-o", str(tmp_path)]) == 0
    records = [json.loads(line) for line in (tmp_path / "alignment.jsonl").read_text(encoding="utf-8").splitlines()]
    assert all(set(r) == {"level", "ru", "zh", "score"} for r in records)
    assert next(r for r in records if r["ru"] == ["ru-m073"])["zh"] == ["zh-m073"]
    assert (tmp_path / "alignment.tmx").read_text(encoding="utf-8").startswith("<?xml")


def test_unknown_model_is_a_clear_error(tmp_path, capsys):
    from ruzh.cli import main

    assert main(["align", "--model", "bert-of-nowhere", "-o", str(tmp_path / "out")]) == 2
    assert "unknown model 'bert-of-nowhere'" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()
