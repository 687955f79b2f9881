"""The glossary on the sample: the pairs translators need, dictionary forms, exports (lookup: test_lookup.py)."""
from __future__ import annotations

import csv
from collections import Counter
import xml.etree.ElementTree as ET

import numpy as np
import pytest

from ruzh.corpus import analyze
from ruzh.glossary.candidates import mentions
from ruzh.glossary.forms import acronym_matches, chinese_short_form, russian_dictionary_form

MUST_PAIR = [
    ("РАТС ШОС", "上合组织地区反恐怖机构"),
    ("Секретариат ШОС", "上合组织秘书处"),
    ("Деловой совет ШОС", "上合组织实业家委员会"),
    ("Межбанковское объединение ШОС", "上合组织银联体"),
    ("АСЕАН", "东盟"),
    ("ЮНЕСКО", "联合国教科文组织"),
    ("партнеры по диалогу", "对话伙伴"),
    ("борьба с терроризмом", "打击恐怖主义"),
    ("культурное наследие", "文化遗产"),  # not 保护文化遗产, "protect the cultural heritage"
    ("Совет министров иностранных дел", "外长会"),  # a conventional short form, paired by the alignment
]


@pytest.mark.parametrize("ru,zh", MUST_PAIR)
def test_sample_pairs(sample_glossary, ru, zh):
    partners = {e.zh for e in sample_glossary.entries if e.ru == ru}
    assert partners == {zh}


def test_coordinated_heads(sample_glossary):
    """One Chinese word for two Russian heads makes the coordination the term; two Chinese terms
    for them («наблюдатели и партнеры по диалогу» — 观察员国和对话伙伴) make two entries."""
    pairs = {(e.ru, e.zh) for e in sample_glossary.entries}
    # with or without its modifier: 相关 is «соответствующие» or «профильные»
    assert any(ru.lower().endswith("министерства и ведомства государств-членов шос") and zh == "上合组织成员国相关部门"
               for ru, zh in pairs)
    assert not any(ru.startswith("ведомства государств-членов ШОС") for ru, _ in pairs)
    assert not any(ru.startswith("наблюдатели и") for ru, _ in pairs)
    assert ("наблюдатели", "观察员国") in pairs


@pytest.mark.parametrize("text,lang,name", [
    ("Ситуация в Боснии и Герцеговине (9 сентября 1992 года; 12 мая 2015 года)", "ru", "Боснии и Герцеговине"),
    ("波斯尼亚和黑塞哥维那局势(1992年9月9日；2015年5月12日)", "zh", "波斯尼亚和黑塞哥维那"),
    ("Заместитель Председателя: Соединенное Королевство Великобритании и Северной Ирландии", "ru",
     "Соединенное Королевство Великобритании и Северной Ирландии"),
    ("副主席：大不列颠及北爱尔兰联合王国", "zh", "大不列颠及北爱尔兰联合王国"),
])
def test_names_joined_by_and_are_candidates(text, lang, name):
    """Country names with «и», 和, 及 in them, from the UN test set."""
    found = {m.surface: m for m in mentions(text, analyze(text, lang)[0], lang)}
    assert name in found
    if lang == "ru" and "Ирландии" in name:  # an item of the name, not of a list
        assert not found["Северной Ирландии"].whole


@pytest.mark.parametrize("text,name", [
    ("Президент Республики Казахстан", "Республики Казахстан"),  # the sample's signatures
    ("правительство Исламской Республики Иран", "Исламской Республики Иран"),  # UN test set
])
def test_a_name_in_apposition_belongs_to_the_term(text, name):
    assert name in {m.surface for m in mentions(text, analyze(text, "ru")[0], "ru")}


@pytest.mark.parametrize("line,name", [
    (1690, "международный трибунал по бывший югославия"),  # «Югославии»: genitive to the tagger
    (3215, "комитет по ликвидация дискриминация"),
])
def test_a_body_s_remit_is_in_the_dative_whatever_reading_the_tagger_chose(un_pairs, line, name):
    """UN test set: after a body's head «по» takes the dative, and «ликвидации», «Югославии» may be
    one though the tagger read them otherwise."""
    ru = un_pairs[line][0]
    assert name in {m.key for m in mentions(ru, analyze(ru, "ru")[0], "ru")}


def test_a_body_named_for_a_region_keeps_the_region(un_pairs):
    """UN test set, line 769: «Экономической комиссии для Африки» is one name; «для» after a
    body's head opens a region's name only in a name (not «механизм для Африки»)."""
    ru = un_pairs[768][0]
    assert "экономический комиссия для африка" in {m.key for m in mentions(ru, analyze(ru, "ru")[0], "ru")}
    text = "механизм для Африки"
    assert not any("для" in m.key for m in mentions(text, analyze(text, "ru")[0], "ru"))


@pytest.mark.parametrize("text,lang,name", [
    ("Доклад Пятого комитета", "ru", "пятый комитет"),  # UN test set, line 1140 (lemmas)
    ("第五委员会的报告", "zh", "第五委员会"),
])
def test_a_numbered_body_is_a_candidate(text, lang, name):
    found = mentions(text, analyze(text, lang)[0], lang)
    assert name in {m.surface for m in found} | {m.key for m in found}


def test_a_numbered_name_pairs_only_with_a_numbered_one():
    """From the UN dev set's glossary: «Пятый комитет» — 第五委员会 and «первая прививка» — 首剂
    (the first dose) stand; «первый доклад» — 情况报告, which the sentences shared, does not."""
    from ruzh.glossary.build import Term, _ordinals_agree

    def term(*parts):
        return Term(" ".join(parts), "ru", parts)
    assert _ordinals_agree(term("пятый", "комитет"), "第五委员会")
    assert _ordinals_agree(term("первый", "прививка"), "首剂")
    assert not _ordinals_agree(term("первый", "доклад"), "情况报告")
    assert _ordinals_agree(term("доклад"), "情况报告")


def test_complements_a_head_governs_other_than_the_genitive():
    """«противодействие терроризму» (dative) and «борьба с терроризмом» are terms; in «противодействии
    терроризму и борьбе с …» the «и» joins two phrases, not two complements of «противодействие»."""
    text = "Конвенция о противодействии терроризму и борьбе с незаконным оборотом наркотиков"
    found = {m.surface for m in mentions(text, analyze(text, "ru")[0], "ru")}
    assert {"противодействии терроризму", "борьбе с незаконным оборотом наркотиков"} <= found
    assert "противодействии терроризму и борьбе" not in found
    for text, whole in (("эффективность развития и помощи", "эффективность развития и помощи"),
                        ("оценка рисков и ущерба", "оценка рисков и ущерба")):  # one coordinated complement
        assert whole in {m.surface for m in mentions(text, analyze(text, "ru")[0], "ru")}


def test_a_body_s_remit_belongs_to_its_name():
    """UN dev set: «по … вопросам» after a body's head is part of the name (政治事务部, 行预咨委会);
    after a common noun it ends the term («информация по вопросам…»)."""
    for text, name in (("Департамент по политическим вопросам провел встречу.", "Департамент по политическим вопросам"),
                       ("Консультативный комитет по административным и бюджетным вопросам рекомендует.",
                        "Консультативный комитет по административным и бюджетным вопросам")):
        assert name in {m.surface for m in mentions(text, analyze(text, "ru")[0], "ru")}
    text = "Информация по вопросам безопасности."
    assert not any("вопросам" in m.surface for m in mentions(text, analyze(text, "ru")[0], "ru"))

def test_chinese_terms_hold_no_courtesy_title_and_open_with_no_light_verb():
    """UN dev set: «Мария Делвин» is Maria Delvin, not Maria Delvin女士; 举行抗议 ("hold a protest") is
    no term, where 执法部门 (a verb that describes its noun) may be one."""
    def spans(text):
        return {m.surface for m in mentions(text, analyze(text, "zh")[0], "zh")}

    found = spans("Michelle Kivi女士（加拿大）、Maria Delvin女士（瑞典）")
    assert "Maria Delvin" in found and not any(f.endswith("女士") for f in found)
    assert not any(f.startswith("举行") for f in spans("加奥民众举行抗议游行"))
    assert "执法部门" in spans("各国执法部门")


def test_meetings_named_by_who_meets_are_chinese_terms():
    """外长会 ("foreign ministers' meeting", the sample's short form of «Совет министров иностранных дел")
    is one term; 会 before a verb is "can" (成员国会加强合作: member states will strengthen cooperation)."""
    def spans(text):
        return {m.surface for m in mentions(text, analyze(text, "zh")[0], "zh")}

    assert "外长会" in spans("上合组织成员国外长会") and "总理会" in spans("召开总理会")
    assert not any(s.endswith("国会") for s in spans("成员国会加强合作"))


def test_chinese_and_joins_names_only():
    text = "深化同观察员国和对话伙伴的合作"
    assert not any("和" in m.surface for m in mentions(text, analyze(text, "zh")[0], "zh"))


def test_chinese_and_joins_the_remit_of_one_body_not_two_bodies():
    """UN dev set: 经济和社会事务部 is one department (DESA), 行政和预算问题咨询委员会 one committee;
    大会和安全理事会 are two bodies."""
    for text, name in (("经济和社会事务部的报告。", "经济和社会事务部"), ("行政和预算问题咨询委员会建议大会。", "行政和预算问题咨询委员会")):
        assert name in {m.surface for m in mentions(text, analyze(text, "zh")[0], "zh")}
    text = "大会和安全理事会的成员。"
    assert not any("和" in m.surface for m in mentions(text, analyze(text, "zh")[0], "zh"))


def test_a_localizer_does_not_make_a_word(sample_glossary):
    """政府间 is «between governments», not a word: the governments are 政府."""
    pairs = {(e.ru, e.zh) for e in sample_glossary.entries}
    assert ("правительства государств-членов", "成员国政府") in pairs
    assert not any(zh.endswith("政府间") for _, zh in pairs)


@pytest.mark.parametrize("ru,zh", [
    ("международные мероприятия", "国际活动"),  # not 极端主义国际活动: the word before belongs to a list
    ("рынок туризма", "旅游市场"),  # a compound jieba was taught keeps its termhood
    ("национальные законодательства", "国内法律"),  # a place word (国内) may open a term
    # the title inside a title (《〈…发展战略〉…行动计划》) is a term, not a fragment of the outer one
    ("Стратегия развития Шанхайской организации сотрудничества до 2025 года", "上海合作组织至2025年发展战略"),
    ("встречи министров культуры", "文化部长会晤"),  # 会晤 is the noun «meetings» here, not a verb
    ("МИБ", "国际信息安全"),  # an acronym takes its expansion's partner, not a neighbour (联合国全球)
    ("Республика Таджикистан", "塔吉克斯坦共和国"),
    ("Центральная Азия", "中亚"),  # not «Азия»: 中亚 renders «центральный» too (the lexicon says so)
    ("туристическая отрасль", "旅游业"),  # not 旅游业发展: 发展 is «развитие», beside the term in its sentence
])
def test_chinese_partner_is_the_whole_translation(sample_glossary, ru, zh):
    assert {e.zh for e in sample_glossary.entries if e.ru == ru} == {zh}


def test_common_words_are_not_terms(sample_glossary):
    russian = {e.ru.lower() for e in sample_glossary.entries}
    chinese = {e.zh for e in sample_glossary.entries}
    assert "вопросы" not in russian and "вопрос" not in russian
    assert "相关" not in chinese and "问题" not in chinese
    assert "шос" in russian or "ШОС" in {e.ru for e in sample_glossary.entries}


def test_entries_keep_their_forms_and_units(sample_glossary):
    secretariat = next(e for e in sample_glossary.entries if e.ru == "Секретариат ШОС")
    assert {"Секретариата ШОС", "Секретариатом ШОС"} <= set(secretariat.ru_forms)
    assert secretariat.freq >= 20
    assert "ru-m002" in secretariat.units
    rats = next(e for e in sample_glossary.entries if e.ru == "РАТС ШОС")
    assert "上合组织地区反恐机构" in rats.zh_forms  # the spelling without 怖 is the same body
    assert all(0 <= e.score <= 1 for e in sample_glossary.entries)
    scores = [e.score for e in sample_glossary.entries]
    assert scores == sorted(scores, reverse=True)


@pytest.mark.parametrize("surface,dictionary", [
    ("Региональной антитеррористической структуры ШОС", "Региональная антитеррористическая структура ШОС"),
    ("государств-членов", "государства-члены"),
    ("Межбанковского объединения ШОС", "Межбанковское объединение ШОС"),
    ("партнерами по диалогу", "партнеры по диалогу"),
    ("Конвенции ШОС по противодействию экстремизму", "Конвенция ШОС по противодействию экстремизму"),
    ("Азиатско-Тихоокеанского региона", "Азиатско-Тихоокеанский регион"),
    ("министерств и ведомств государств-членов ШОС", "министерства и ведомства государств-членов ШОС"),
    ("Профильными министерствами", "Профильные министерства"),
    ("СМИ государств-членов ШОС", "СМИ государств-членов ШОС"),  # an acronym head does not decline
])
def test_russian_dictionary_forms(surface, dictionary):
    assert russian_dictionary_form(tuple(analyze(surface, "ru")[0])) == dictionary


def test_headings_in_capitals_are_terms_not_acronyms(sample_glossary):
    """The sample's section headings («ПОЛИТИЧЕСКОЕ ВЗАИМОДЕЙСТВИЕ» / 政治合作) are terms in lower case;
    their acronyms stay («ШОС»), and so does an acronym pymorphy3 knows as a word in ordinary text
    (ЮНКТАД, UN dev set)."""
    pairs = {(e.ru, e.zh) for e in sample_glossary.entries}
    assert {("политическое взаимодействие", "政治合作"), ("международное сотрудничество", "国际合作")} <= pairs

    def forms(text):
        return {russian_dictionary_form(m.tokens) for m in mentions(text, analyze(text, "ru")[0], "ru")}

    assert "международное сотрудничество ШОС" in forms("МЕЖДУНАРОДНОЕ СОТРУДНИЧЕСТВО ШОС")
    assert "доклад ЮНКТАД" in forms("в соответствии с рекомендациями доклада ЮНКТАД")


def test_acronym_is_a_variant_of_its_expansion(sample_glossary):
    expansion = next(e for e in sample_glossary.entries if e.ru == "международная информационная безопасность")
    assert "МИБ" in expansion.ru_forms


def test_acronyms_and_short_forms():
    assert acronym_matches("РАТС", "Региональная антитеррористическая структура")
    assert acronym_matches("МБО", "Межбанковское объединение")
    assert not acronym_matches("РАТС", "Республика Таджикистан")  # no vowel from inside a word
    assert not acronym_matches("ШОС", "Совет глав государств")
    assert chinese_short_form("上合组织", "上海合作组织")
    assert not chinese_short_form("组织", "上海合作组织")


def test_csv_export(written, sample_glossary):
    with (written / "glossary.csv").open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    assert {"ru", "zh", "score", "freq", "ru_forms", "zh_forms", "units"} <= set(rows[0])
    assert len(rows) == len(sample_glossary.entries)
    row = next(r for r in rows if r["ru"] == "Секретариат ШОС")
    assert row["zh"] == "上合组织秘书处" and int(row["freq"]) >= 20


def test_tbx_export(written, sample_glossary):
    ns = {"t": "urn:iso:std:iso:30042:ed-2"}
    lang = "{http://www.w3.org/XML/1998/namespace}lang"
    root = ET.parse(written / "glossary.tbx").getroot()
    assert root.tag == "{urn:iso:std:iso:30042:ed-2}tbx" and root.get("type") == "TBX-Basic"
    concepts = root.findall(".//t:conceptEntry", ns)
    assert len(concepts) == len(sample_glossary.entries)
    for concept in concepts:
        assert [s.get(lang) for s in concept.findall("t:langSec", ns)] == ["ru-RU", "zh-CN"]
    secretariat = next(c for c in concepts if c.find("t:langSec/t:termSec/t:term", ns).text == "Секретариат ШОС")
    terms = [t.text for t in secretariat.findall("t:langSec/t:termSec/t:term", ns)]
    assert "上合组织秘书处" in terms and "Секретариата ШОС" not in terms  # an inflected form is no term


def test_xlsx_export(written, sample_glossary):
    from openpyxl import load_workbook

    sheet = load_workbook(written / "glossary.xlsx").active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:4] == ("ru", "zh", "score", "freq")
    assert len(rows) == len(sample_glossary.entries) + 1
    assert ("АСЕАН", "东盟") in {(r[0], r[1]) for r in rows}


def test_omegat_export(written):
    lines = (written / "glossary.omegat.txt").read_text(encoding="utf-8").splitlines()
    assert all(len(line.split("\t")) == 3 for line in lines)
    assert any(line.startswith("Секретариат ШОС\t上合组织秘书处\t") for line in lines)
    assert any(line.startswith("Секретариата ШОС\t上合组织秘书处\t") for line in lines)
    pairs = [tuple(line.split("\t")[:2]) for line in lines]
    assert len(pairs) == len(set(pairs))  # МИБ is an entry and a form of its expansion: one line


def test_rebuilding_gives_the_same_glossary(sample, sample_alignment, encoder, sample_glossary):
    from ruzh.glossary import build_glossary

    again = build_glossary(sample, sample_alignment, encoder)
    assert [(e.ru, e.zh, round(e.score, 6)) for e in again.entries] == \
        [(e.ru, e.zh, round(e.score, 6)) for e in sample_glossary.entries]


def test_un_country_names_with_and(tmp_path, un_pairs, encoder):
    """On the UN test set's sentences that name them, a name with «и» pairs whole with a name
    with 和 or 及, and its parts are no entries of their own."""
    from ruzh.align import align_document
    from ruzh.corpus import read_lines
    from ruzh.glossary import build_glossary

    chosen = [p for p in un_pairs if "Боснии" in p[0] or "Северной Ирландии" in p[0]]
    for lang, k in (("ru", 0), ("zh", 1)):
        (tmp_path / f"{lang}.txt").write_text("\n".join(p[k] for p in chosen) + "\n", encoding="utf-8")
    doc = read_lines(tmp_path / "ru.txt", tmp_path / "zh.txt")
    pairs = {(e.ru, e.zh) for e in build_glossary(doc, align_document(doc, encoder), encoder).entries}
    assert ("Босния и Герцеговина", "波斯尼亚和黑塞哥维那") in pairs
    assert ("Соединенное Королевство Великобритании и Северной Ирландии", "大不列颠及北爱尔兰联合王国") in pairs
    assert not any(ru in ("Босния", "Герцеговина") for ru, _ in pairs)


def test_a_glossary_does_not_depend_on_the_documents_before_it(sample, sample_alignment, encoder, un_pairs,
                                                               tmp_path):
    """jieba learns each document's compounds; the next document's glossary must start afresh."""
    from ruzh import api
    from ruzh.glossary import build_glossary

    def un_slice(start: int, end: int):
        (tmp_path / "ru.txt").write_text("\n".join(r for r, _ in un_pairs[start:end]), encoding="utf-8")
        (tmp_path / "zh.txt").write_text("\n".join(z for _, z in un_pairs[start:end]), encoding="utf-8")
        doc = api.load(ru=str(tmp_path / "ru.txt"), zh=str(tmp_path / "zh.txt"), format="lines")
        return doc, api.align(doc, encoder)

    def pairs(glossary):
        return [(e.ru, e.zh, round(e.score, 6)) for e in glossary.entries]

    un = un_slice(0, 400)
    alone = pairs(build_glossary(*un, encoder))
    build_glossary(sample, sample_alignment, encoder)  # teaches jieba the SCO document's compounds
    build_glossary(*un_slice(400, 1200), encoder)
    assert pairs(build_glossary(*un, encoder)) == alone


@pytest.mark.parametrize("ru,zh", [
    ("Конвенция ШОС по противодействию экстремизму", "上海合作组织反极端主义公约"),
    ("Соглашение между правительствами государств-членов ШОС о сотрудничестве в области культуры",
     "上海合作组织成员国政府间文化合作协定"),
    ("Стратегия развития Шанхайской организации сотрудничества до 2025 года", "上海合作组织至2025年发展战略"),
    # a title that holds another pairs with the one that holds it, not with the inner one
    ("План действий на 2016-2020 годы по реализации Стратегии развития Шанхайской организации сотрудничества "
     "до 2025 года", "〈上海合作组织至2025年发展战略〉2016—2020年落实行动计划"),
])
def test_documents_named_without_quotes_pair_whole(sample_glossary, ru, zh):
    """Russian writes documents' names capitalized and unquoted, up to a date or a comma; Chinese in 《》."""
    assert {e.zh for e in sample_glossary.entries if e.ru == ru} == {zh}


def test_fragments_are_no_variants(sample_glossary):
    """A short form keeps its full form's head: 上合组织 is no variant of a title that begins with
    上海合作组织, nor 合作组织秘书处 (a piece of 上海合作组织秘书处) of 上合组织秘书处."""
    variants = {v for e in sample_glossary.entries for v in e.zh_variants}
    assert "合作组织秘书处" not in variants and "合作组织成员国" not in variants
    for e in sample_glossary.entries:
        assert all(v[-1] == e.zh[-1] for v in e.zh_variants if len(v) < len(e.zh)), (e.ru, e.zh, e.zh_variants)
    secretariat = next(e for e in sample_glossary.entries if e.ru == "РАТС ШОС")
    assert secretariat.zh_variants == ["上合组织地区反恐机构"]  # a spelling with a character less


def test_spellings_differ_in_one_place():
    from ruzh.glossary.build import Term, merge_near_duplicates

    keys = {"上合组织秘书处": 24, "合作组织秘书处": 1, "上合组织地区反恐怖机构": 20, "上合组织地区反恐机构": 3,
            "上合组织成员国相关部门": 20, "上合组织成员国相关部委": 5, "上合组织成员国卫生部长": 2,
            "上合组织成员国卫生部": 1}
    terms = {k: Term(k, "zh", (k,), freq=f) for k, f in keys.items()}
    assert set(merge_near_duplicates(terms)) == {"上合组织秘书处", "合作组织秘书处", "上合组织地区反恐怖机构",
                                                 "上合组织成员国相关部门", "上合组织成员国卫生部长", "上合组织成员国卫生部"}


def test_entries_say_how_sure_and_where(sample_glossary):
    """Status by confidence, the tagger's part of speech, a sentence pair that uses both terms and
    the measures as printed (the Chinese numbering runs one ahead from 72)."""
    by_ru = {e.ru: e for e in sample_glossary.entries}
    assert {e.status for e in sample_glossary.entries} == {"confirmed", "candidate"}
    assert all((e.status == "confirmed") == (e.score >= 0.5) for e in sample_glossary.entries)
    assert (by_ru["ШОС"].ru_pos, by_ru["ООН"].zh_pos) == ("properNoun", "properNoun")
    assert by_ru["терроризм"].ru_pos == "noun"
    secretariat = by_ru["Секретариат ШОС"]
    assert "Секретариат" in secretariat.context[0] and "秘书处" in secretariat.context[1]
    un = by_ru["ООН"]
    assert "ru 72" in un.labels and "zh 73" in un.labels and not any("-m" in label for label in un.labels)


def test_partners_hold_no_neighbouring_words(sample_glossary):
    """成员国 translates «государств-членов» beside «министерство образования», not in it."""
    pairs = {(e.ru.casefold(), e.zh) for e in sample_glossary.entries}
    assert ("министерство образования", "教育部") in pairs
    assert ("министерство образования", "成员国教育部") not in pairs


def test_un_countries_pair_with_their_names(tmp_path, un_pairs, encoder):
    """Names jieba tags as something else (也门 'd', 加纳 'v', 马里 'q') are candidates, a country's
    name pairs with its name in the other language, and with nothing else."""
    from ruzh.align import align_document
    from ruzh.align.divergence.names import country_named
    from ruzh.corpus import read_lines
    from ruzh.glossary import build_glossary

    chosen = [p for p in un_pairs if any(n in p[1] for n in ("也门", "加纳", "马里", "苏丹", "约旦"))][:150]
    for lang, k in (("ru", 0), ("zh", 1)):
        (tmp_path / f"{lang}.txt").write_text("\n".join(p[k] for p in chosen) + "\n", encoding="utf-8")
    doc = read_lines(tmp_path / "ru.txt", tmp_path / "zh.txt")
    entries = build_glossary(doc, align_document(doc, encoder), encoder).entries
    pairs = {(e.ru, e.zh) for e in entries}
    assert {("Йемен", "也门"), ("Гана", "加纳"), ("Мали", "马里"), ("Судан", "苏丹")} <= pairs
    for e in entries:
        if country_named(e.ru, "ru"):
            assert country_named(e.zh, "zh") == country_named(e.ru, "ru"), (e.ru, e.zh)


def test_a_trimmed_partner_has_an_embedding(encoder):
    """The partner left after trimming is embedded like any other: later steps (acronyms meeting
    their expansions) look it up. A UN line once stopped a 20,000-line run with a KeyError here."""
    from ruzh.glossary.build import Entry, Term, agree_acronyms, trim_partners

    def term(key, lang, parts, segments):
        return Term(key, lang, parts, freq=1, segments=set(segments), forms=Counter({key: 1}))

    ru = {"снаряд": term("снаряд", "ru", ("снаряд",), [0]), "обедненный уран": term("обедненный уран", "ru",
          ("обедненный", "уран"), [0]), "ОУ": term("ОУ", "ru", ("ОУ",), [0])}
    zh = {"贫化铀弹头": term("贫化铀弹头", "zh", ("贫化铀", "弹头"), [0]), "弹头": term("弹头", "zh", ("弹头",), [0]),
          "贫化铀": term("贫化铀", "zh", ("贫化铀",), [0]), "炮弹": term("炮弹", "zh", ("炮弹",), [0])}
    ru_vectors = dict(zip(ru, encoder.encode(["снаряд", "обедненный уран", "ОУ"])))
    zh_vectors = dict(zip(["贫化铀弹头", "炮弹"], encoder.encode(["贫化铀弹头", "炮弹"])))
    entries = [Entry("обедненный уран", "贫化铀弹头", 0.6, 1, [], [], [], ru_key="обедненный уран",
                     zh_key="贫化铀弹头", cosine=float(ru_vectors["обедненный уран"] @ zh_vectors["贫化铀弹头"]),
                     segments=[0]),
               Entry("снаряд", "弹头", 0.6, 1, [], [], [], ru_key="снаряд", zh_key="弹头", segments=[0]),
               Entry("ОУ", "炮弹", 0.6, 1, [], [], [], ru_key="ОУ", zh_key="炮弹", cosine=0.1, segments=[0])]
    trimmed = trim_partners(entries, ru, zh, ru_vectors, zh_vectors, encoder)
    assert trimmed[0].zh == "贫化铀"  # 弹头 translates «снаряд», beside the term
    assert all(e.zh_key in zh_vectors for e in trimmed if e.zh_key != "弹头")
    agree_acronyms(trimmed, ru_vectors, zh_vectors | {"弹头": encoder.encode(["弹头"])[0]})  # no KeyError


def test_the_longer_of_two_nested_terms_wins_where_the_chinese_renders_its_words():
    from ruzh.glossary.build import Term, _renders_the_longer

    def ru(*parts):
        return Term(" ".join(parts), "ru", parts)

    short, long = ru("перевозка"), ru("транзитный", "перевозка")
    for transit in (Term("过境运输", "zh", ("过境", "运输")), Term("过境运输", "zh", ("过境运输",))):  # as jieba cuts it, or was taught
        assert _renders_the_longer(short, long, transit)
    short, long = ru("ЮНЕСКО"), ru("всемирный", "наследие", "ЮНЕСКО")  # the likeness of the readings decides
    assert not _renders_the_longer(short, long, Term("联合国教科文组织", "zh", ("联合国教科文组织",)))


def test_of_nested_terms_with_one_partner_the_surer_pair_stays():
    """UN dev set: «гражданское общество» — 民间社会 (42 times, 0.80) against «деятели гражданского
    общества» (once, 0.46), whose texts read a little more alike (0.73 against 0.71)."""
    from ruzh.glossary.build import Entry, Term, drop_redundant

    def term(key, lang):
        return Term(key, lang, tuple(key.split()))

    terms = {k: term(k, "ru") for k in ("гражданский общество", "деятель гражданский общество")}
    sure = Entry("гражданское общество", "民间社会", 0.80, 42, [], [], [], "гражданский общество", "民间社会", cosine=0.71)
    once = Entry("деятели гражданского общества", "民间社会", 0.46, 1, [], [], [], "деятель гражданский общество",
                 "民间社会", cosine=0.73)
    kept = drop_redundant([sure, once], terms, {"民间社会": term("民间社会", "zh")})
    assert [e.ru for e in kept] == ["гражданское общество"]


def test_a_compound_always_seen_with_its_partner_needs_no_word_for_word_match():
    """UN dev set: биоразнообразие — 生物多样性 (生物 + 多样性: two Chinese words for one Russian)."""
    from ruzh.glossary.build import Term, always_together, word_for_word
    from ruzh.glossary.pairing import Pair

    ru, zh = Term("биоразнообразие", "ru", ("биоразнообразие",)), Term("生物多样性", "zh", ("生物", "多样性"))
    assert not word_for_word(ru, zh)
    assert always_together(Pair("биоразнообразие", "生物多样性", 0.82, 0.82, 0.83, 7))
    assert not always_together(Pair("активность", "活跃地区", 0.52, 0.5, 0.47, 2))  # «активность» is not 活跃地区


def test_an_end_word_that_renders_a_word_of_the_term_stays():
    from ruzh.glossary.build import Entry, Term, _renders_a_word_beside, _RussianLemmas
    from ruzh.glossary.segments import Segment

    pieces = [Segment("Борьба с незаконным оборотом наркотиков и развитие туризма.", "打击贩运毒品和发展旅游业。", (), ())]
    lemmas = _RussianLemmas(pieces)
    drugs = Term("оборот наркотик", "ru", ("оборот", "наркотик"))
    entry = Entry("оборот наркотиков", "贩运毒品", 0.6, 1, [], [], [], segments=[0])
    assert not _renders_a_word_beside("贩运", entry, drugs, lemmas)  # 贩运 is «оборот», in the term
    tourism = Term("туристический отрасль", "ru", ("туристический", "отрасль"))
    entry = Entry("туристическая отрасль", "旅游业发展", 0.45, 1, [], [], [], segments=[0])
    assert _renders_a_word_beside("发展", entry, tourism, lemmas)  # 发展 is «развитие», beside it


def test_a_partner_grows_into_the_longer_term_that_translates_the_rest():
    """UN test set, line 1942: «геопространственной информации» is 地理空间信息, not 地理 (which
    pairing found first): 空间信息 renders «информация». 塞浦路斯共和国领空 does not replace 领空 for
    «национальное воздушное пространство»: it adds a name the Russian term does not have."""
    from ruzh.glossary.build import Entry, Term, extend_partners

    def term(key, lang, parts, has_name=False):
        return Term(key, lang, tuple(parts), forms=Counter([key]), segments={0}, termhood=1.0, has_name=has_name)

    def entry(ru, zh):
        return Entry(ru.key, zh.key, 0.6, 1, [ru.key], [zh.key], [], ru_key=ru.key, zh_key=zh.key, segments=[0])

    def extended(ru, zh, partner):
        vectors = {k: np.ones(2) / 2 for k in [ru.key, *zh]}
        return extend_partners([entry(ru, zh[partner])], {ru.key: ru}, zh, vectors, vectors, None)[0].zh

    ru = term("геопространственный информация", "ru", ["геопространственный", "информация"])
    zh = {k: term(k, "zh", [t.text for t in analyze(k, "zh")[0]]) for k in ("地理", "地理空间信息")}
    assert extended(ru, zh, "地理") == "地理空间信息"

    ru = term("национальный воздушный пространство", "ru", ["национальный", "воздушный", "пространство"])
    zh = {"领空": term("领空", "zh", ["领空"]),
          "塞浦路斯共和国领空": term("塞浦路斯共和国领空", "zh", ["塞浦路斯共和国", "领空"], True)}
    assert extended(ru, zh, "领空") == "领空"


def test_a_russian_term_is_projected_onto_the_chinese_words_that_translate_it(un_pairs):
    """UN test set, line 1183: jieba cuts 经常预算 into 经常 (an adverb) + 预算 (a verb), so no
    Chinese pattern makes a candidate of it; the lexicon translates «регулярный» by 经常 and
    «бюджет» by 预算, and the run that holds both is the partner of «регулярный бюджет». A run
    does not close on 第 (理事会第) or open on a one-character localizer (后 of 冲突后国家)."""
    from ruzh.glossary.projection import projections

    ru, zh = un_pairs[1182]
    assert "регулярному бюджету" in ru
    tokens = analyze(zh, "zh")[0]
    found = projections(zh, tokens, [frozenset({"регулярный", "бюджет"})])
    assert [m.key for m in found] == ["经常预算"]
    text = "安全理事会第7355次会议"
    meeting = frozenset({"заседание", "совет"})
    assert all(not m.key.endswith("第") for m in projections(text, analyze(text, "zh")[0], [meeting]))


def test_an_action_noun_with_an_adjective_inside_a_sentence_is_a_candidate(un_pairs):
    """UN test set, line 200: «… в отношении устойчивого развития» holds the term «устойчивое
    развитие»; a plan item opening with «Регулярное проведение встреч» (the sample) holds none
    headed by «проведение». The Chinese 可持续发展 is the projection of the term: jieba cuts 可 off
    持续, and the one character that renders «устойчивый» belongs to the run."""
    from ruzh.glossary.projection import projections

    ru, zh = un_pairs[199]
    keys = {m.key for m in mentions(ru, analyze(ru, "ru")[0], "ru")}
    assert "устойчивый развитие" in keys
    text = "Регулярное проведение встреч министров"
    assert not any(k.startswith("регулярный проведение") for k in
                   (m.key for m in mentions(text, analyze(text, "ru")[0], "ru")))
    found = projections(zh, analyze(zh, "zh")[0], [frozenset({"устойчивый", "развитие"})])
    assert [m.key for m in found] == ["可持续发展"]
