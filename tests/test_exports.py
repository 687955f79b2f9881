"""The glossary exports as CAT tools read them: TBX v3 and v2, OmegaT both ways, CSV/XLSX per
direction, language tags and separators (issue 11, parts 3 and 4)."""
from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from lxml import etree
from openpyxl import load_workbook

from ruzh.align import tmx
from ruzh.align.tmx import language_tag
from ruzh.corpus import textio
from ruzh.glossary.build import Entry, Glossary
from ruzh.glossary.exports import (TBX_BASIC_SCHEMAS, TBX_NAMESPACE, TERM_TYPES, ExportSettings, term_types,
                                   write_exports)
from ruzh.glossary.termbase import read_termbase

NS = {"t": TBX_NAMESPACE}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
STRICT = etree.XMLParser(recover=False, resolve_entities=False, no_network=True)
V3_POS = {"noun", "verb", "adjective", "adverb", "other"}  # TBX-Basic v3's picklist (no properNoun)
STATUSES = {"preferredTerm-admn-sts", "admittedTerm-admn-sts"}


@pytest.fixture(scope="module")
def exported(tmp_path_factory, sample_glossary) -> Path:
    out = tmp_path_factory.mktemp("exports")
    write_exports(sample_glossary, out)
    return out


@pytest.fixture(scope="module")
def entries(sample_glossary) -> dict[str, Entry]:
    return {e.ru: e for e in sample_glossary.entries}


def inflected(e: Entry) -> set[str]:
    """The entry's Russian forms that are neither its headword nor a variant."""
    return set(e.ru_forms) - {e.ru, *e.ru_variants}


# ------------------------------------------------------------------ TBX v3

def test_tbx_v3_structure_is_strict_tbx_basic(exported, sample_glossary):
    tree = etree.parse(str(exported / "glossary.tbx"), STRICT)
    root = tree.getroot()
    assert root.tag == f"{{{TBX_NAMESPACE}}}tbx"
    assert (root.get("type"), root.get("style")) == ("TBX-Basic", "dca")
    models = [pi for pi in root.itersiblings(preceding=True) if isinstance(pi, etree._ProcessingInstruction)]
    assert sorted((pi.get("href"), pi.get("schematypens")) for pi in models) == sorted(TBX_BASIC_SCHEMAS)
    assert all(pi.target == "xml-model" and pi.get("type") == "application/xml" for pi in models)
    assert {e.tag.rsplit("}", 1)[0] + "}" for e in root.iter(etree.Element)} == {f"{{{TBX_NAMESPACE}}}"}
    concepts = root.findall("t:text/t:body/t:conceptEntry", NS)
    assert len(concepts) == len(sample_glossary.entries)
    assert len({c.get("id") for c in concepts}) == len(concepts)
    for concept, e in zip(concepts, sample_glossary.entries):
        sections = concept.findall("t:langSec", NS)
        assert [s.get(XML_LANG) for s in sections] == ["ru-RU", "zh-CN"]
        for section, head in zip(sections, (e.ru, e.zh)):
            term_sections = section.findall("t:termSec", NS)
            assert term_sections and term_sections[0].findtext("t:term", namespaces=NS) == " ".join(head.split())
            for term_section in term_sections:
                assert len(term_section.findall("t:term", NS)) == 1
                notes = {n.get("type"): n.text for n in term_section.findall("t:termNote", NS)}
                assert len(notes) == len(term_section.findall("t:termNote", NS))  # one of each
                assert notes["termType"] in TERM_TYPES
                assert notes["partOfSpeech"] in V3_POS
                assert notes["administrativeStatus"] in STATUSES
        ru_terms = [t.text for t in sections[0].iterfind("t:termSec/t:term", NS)]
        assert not inflected(e) & set(ru_terms), e.ru  # inflected forms are not terms
        assert ru_terms == list(dict.fromkeys([e.ru, *e.ru_variants]))
    # TBX-Basic's Schematron, by level: termNote in termSec, context in termSec, source where allowed
    assert all(_local(n.getparent()) == "termSec" for n in root.iterfind(".//t:termNote", NS))
    contexts = root.findall(".//t:descrip", NS)
    assert contexts and all(d.get("type") == "context" and _local(d.getparent()) == "termSec" for d in contexts)
    admins = root.findall(".//t:admin", NS)
    assert admins and all(a.get("type") == "source" and _local(a.getparent()) == "langSec" for a in admins)


def _local(element) -> str:
    return etree.QName(element).localname


def test_tbx_v3_status_context_and_labels(exported, sample_glossary, entries):
    root = etree.parse(str(exported / "glossary.tbx"), STRICT).getroot()
    concepts = root.findall(".//t:conceptEntry", NS)
    for concept, e in zip(concepts, sample_glossary.entries):
        heads = [s.find("t:termSec", NS) for s in concept.findall("t:langSec", NS)]
        status = {h.find("t:termNote[@type='administrativeStatus']", NS).text for h in heads}
        assert status == {"preferredTerm-admn-sts" if e.status == "confirmed" else "admittedTerm-admn-sts"}
        assert concept.findtext("t:note", namespaces=NS).startswith(f"{e.status}: confidence {e.score:.2f}")
    assert {e.status for e in sample_glossary.entries} == {"confirmed", "candidate"}  # both are exported
    secretariat = next(c for c, e in zip(concepts, sample_glossary.entries) if e.ru == "Секретариат ШОС")
    ru, zh = secretariat.findall("t:langSec", NS)
    ru_context = ru.findtext("t:termSec/t:descrip[@type='context']", namespaces=NS)
    zh_context = zh.findtext("t:termSec/t:descrip[@type='context']", namespaces=NS)
    assert "Секретариат" in ru_context and "上合组织秘书处" in zh_context
    assert (ru_context, zh_context) == tuple(" ".join(c.split()) for c in entries["Секретариат ШОС"].context)
    assert "ru 72" in ru.findtext("t:admin[@type='source']", namespaces=NS).split(", ")  # as printed, not ru-m073


def test_tbx_v3_term_types_on_the_sample(exported, sample_glossary):
    root = etree.parse(str(exported / "glossary.tbx"), STRICT).getroot()
    types = {}  # (entry, term): termType
    for concept, e in zip(root.iterfind(".//t:conceptEntry", NS), sample_glossary.entries):
        for term_section in concept.iterfind("t:langSec/t:termSec", NS):
            types[e.ru, term_section.findtext("t:term", namespaces=NS)] = \
                term_section.findtext("t:termNote[@type='termType']", namespaces=NS)
    assert types["РАТС ШОС", "РАТС ШОС"] == "acronym"
    assert types["Секретариат ШОС", "Секретариат ШОС"] == types["Секретариат ШОС", "上合组织秘书处"] == "fullForm"
    acronyms = [(ru, term) for ru, term in types if all(w.isupper() and w.isalpha() and len(w) > 1 for w in term.split())]
    assert acronyms and all(types[key] == "acronym" for key in acronyms)  # ШОС, ООН, АСЕАН, РАТС ШОС


@pytest.mark.parametrize("terms,lang,expected", [
    (["РАТС ШОС", "Региональная антитеррористическая структура ШОС"], "ru", ["acronym", "fullForm"]),
    (["международная информационная безопасность", "МИБ"], "ru", ["fullForm", "acronym"]),
    (["ООН"], "ru", ["acronym"]),
    (["государства-члены", "страны-члены"], "ru", ["fullForm", "variant"]),
    (["上合组织地区反恐怖机构", "上合组织地区反恐机构"], "zh", ["fullForm", "abbreviation"]),
    (["上合组织", "上海合作组织"], "zh", ["abbreviation", "fullForm"]),
    (["上合组织地区反恐怖机构", "地区反恐怖机构"], "zh", ["fullForm", "shortForm"]),
    (["成员国主管机关", "成员国主管机构"], "zh", ["fullForm", "variant"]),
])
def test_term_types(terms, lang, expected):
    assert [kind for _, kind in term_types(terms, lang)] == expected


# ------------------------------------------------------------------ TBX v2 (TBX-Basic 2008)

def test_tbx_v2_is_read_by_translate_toolkit(exported, sample_glossary):
    tbx = pytest.importorskip("translate.storage.tbx")
    store = tbx.tbxfile.parsefile(str(exported / "glossary.v2.tbx"))
    units = store.units
    assert len(units) == len(sample_glossary.entries)
    assert [(u.source, u.target) for u in units] == [(" ".join(e.ru.split()), " ".join(e.zh.split()))
                                                     for e in sample_glossary.entries]
    secretariat = next(u for u in units if u.source == "Секретариат ШОС")
    assert secretariat.target == "上合组织秘书处"
    assert "confidence" in secretariat.getnotes()
    with_variants = [(u, e) for u, e in zip(units, sample_glossary.entries) if e.zh_variants]
    assert with_variants
    for unit, e in with_variants:  # the Chinese short forms and spellings are terms of the entry
        assert [t.text for t in unit.get_target_terms()] == list(dict.fromkeys([e.zh, *e.zh_variants]))


def test_tbx_v2_structure(exported, sample_glossary):
    root = etree.parse(str(exported / "glossary.v2.tbx"), STRICT).getroot()
    assert root.tag == "martif" and root.get("type") == "TBX-Basic"
    assert root.findtext("martifHeader/encodingDesc/p[@type='XCSURI']") == "TBXBasicXCSV02.xcs"
    entries = root.findall("text/body/termEntry")
    assert len(entries) == len(sample_glossary.entries)
    for entry, e in zip(entries, sample_glossary.entries):
        assert [s.get(XML_LANG) for s in entry.findall("langSet")] == ["ru-RU", "zh-CN"]
        for tig in entry.iter("tig"):
            assert len(tig.findall("term")) == 1 and tig.find("termNote[@type='termType']").text in TERM_TYPES
        assert not inflected(e) & {t.text for t in entry.iter("term")}
    assert all(d.getparent().tag == "tig" for d in root.iter("descrip"))  # a context belongs to a term
    pos = {n.text for n in root.iterfind(".//termNote[@type='partOfSpeech']")}
    assert pos <= V3_POS | {"properNoun"}
    assert ("properNoun" in pos) == any("properNoun" in (e.ru_pos, e.zh_pos) for e in sample_glossary.entries)


# ------------------------------------------------------------------ OmegaT, both directions

def omegat(path: Path) -> list[list[str]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    fields = [line.split("\t") for line in lines]
    assert fields and all(len(f) == 3 and f[0] and f[1] for f in fields)
    assert len({tuple(f[:2]) for f in fields}) == len(fields)  # no pair twice
    return fields


def test_omegat_both_directions_hold_confirmed_entries(exported, sample_glossary):
    confirmed = [e for e in sample_glossary.entries if e.status == "confirmed"]
    ru_zh = {tuple(f[:2]) for f in omegat(exported / "glossary.omegat.txt")}
    zh_ru = {tuple(f[:2]) for f in omegat(exported / "glossary.zh-ru.omegat.txt")}
    assert ("Секретариат ШОС", "上合组织秘书处") in ru_zh and ("Секретариата ШОС", "上合组织秘书处") in ru_zh
    assert ("上合组织秘书处", "Секретариат ШОС") in zh_ru
    # every line comes from a confirmed entry (OmegaT cannot tell a candidate from a checked entry) ...
    assert ru_zh <= {(f, e.zh) for e in confirmed for f in (e.ru, *e.ru_variants, *e.ru_forms)}
    assert zh_ru <= {(f, e.ru) for e in confirmed for f in (e.zh, *e.zh_variants, *e.zh_forms)}
    assert any((e.ru, e.zh) not in ru_zh for e in sample_glossary.entries if e.status == "candidate")
    # ... and every confirmed entry is there, from Chinese under each of its spellings and short forms
    for e in confirmed:
        assert (e.ru, e.zh) in ru_zh
        for form in (e.zh, *e.zh_variants):
            assert (form, e.ru) in zh_ru


# ------------------------------------------------------------------ CSV and XLSX for memoQ and Glossary Converter

@pytest.mark.parametrize("name,first", [("glossary.ru-zh", ["ru-RU", "zh-CN"]), ("glossary.zh-ru", ["zh-CN", "ru-RU"])])
def test_cat_tables_carry_language_codes(exported, sample_glossary, name, first):
    with (exported / f"{name}.csv").open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    sheets = load_workbook(exported / f"{name}.xlsx").worksheets
    assert len(sheets) == 1
    table = [[("" if c is None else str(c)) for c in r] for r in sheets[0].iter_rows(values_only=True)]
    for header, body in ((rows[0], rows[1:]), (table[0], table[1:])):
        assert header[:4] == [*first, "status", "confidence"]
        assert len(body) == len(sample_glossary.entries)
        assert {r[2] for r in body} == {"confirmed", "candidate"}
        assert all(0 <= float(r[3]) <= 1 for r in body)
        ru, zh = (0, 1) if first[0] == "ru-RU" else (1, 0)
        secretariat = next(r for r in body if r[ru] == "Секретариат ШОС")
        assert secretariat[zh].split("|")[0] == "上合组织秘书处"
    terms = read_termbase(exported / f"{name}.csv")  # the reader of `--termbase` takes them back
    assert [(t[0][0], t[1][0]) for t in terms] == [(" ".join(e.ru.split()), " ".join(e.zh.split()))
                                                    for e in sample_glossary.entries]


def test_contract_csv_keeps_its_columns_and_adds_the_new(exported, sample_glossary):
    with (exported / "glossary.csv").open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    assert list(rows[0])[:7] == ["ru", "zh", "score", "freq", "ru_forms", "zh_forms", "units"]
    assert {"status", "ru_pos", "zh_pos", "ru_variants", "zh_variants", "ru_context", "zh_context", "labels"} <= \
        set(rows[0])
    assert len(rows) == len(sample_glossary.entries)
    for row, e in zip(rows, sample_glossary.entries):
        assert row["ru"] == e.ru and (row["status"], row["ru_pos"], row["zh_pos"]) == (e.status, e.ru_pos, e.zh_pos)
        assert row["zh_variants"] == "; ".join(e.zh_variants)
    header = next(load_workbook(exported / "glossary.xlsx").active.iter_rows(values_only=True))
    assert list(header) == list(rows[0])


# ------------------------------------------------------------------ settings: tags, separators

@pytest.mark.parametrize("sep", [";", "\t"])
def test_zh_tag_and_separator(tmp_path, sample_glossary, sep):
    settings = ExportSettings(zh_tag="zh-tw", csv_sep=sep)
    assert settings.zh_tag == "zh-TW"
    write_exports(sample_glossary, tmp_path, settings)
    text = (tmp_path / "glossary.csv").read_text(encoding="utf-8-sig")
    assert text.split("\n", 1)[0].split(sep)[:3] == ["ru", "zh", "score"]
    rows = list(csv.DictReader(io.StringIO(text), delimiter=sep))
    assert len(rows) == len(sample_glossary.entries) and rows[0]["ru"] == sample_glossary.entries[0].ru
    assert (tmp_path / "glossary.zh-ru.csv").read_text(encoding="utf-8-sig").startswith(f"zh-TW{sep}ru-RU{sep}")
    for name in ("glossary.csv", "glossary.ru-zh.csv", "glossary.zh-ru.csv"):  # term bases in either separator
        terms = read_termbase(tmp_path / name)
        assert ("Секретариат ШОС", "上合组织秘书处") in {(t[0][0], t[1][0]) for t in terms}
    v3 = etree.parse(str(tmp_path / "glossary.tbx"), STRICT).getroot()
    assert {s.get(XML_LANG) for s in v3.iterfind(".//t:langSec", NS)} == {"ru-RU", "zh-TW"}
    v2 = etree.parse(str(tmp_path / "glossary.v2.tbx"), STRICT).getroot()
    assert {s.get(XML_LANG) for s in v2.iter("langSet")} == {"ru-RU", "zh-TW"}
    assert next(load_workbook(tmp_path / "glossary.ru-zh.xlsx").active.iter_rows(values_only=True))[:2] == \
        ("ru-RU", "zh-TW")


def test_tmx_takes_the_tags(sample, sample_alignment):
    root = etree.fromstring(tmx(sample_alignment, sample, zh_tag="zh-Hans").encode("utf-8"), STRICT)
    assert root.find("header").get("srclang") == "ru-RU"
    assert {tuv.get(XML_LANG) for tuv in root.iter("tuv")} == {"ru-RU", "zh-Hans"}


@pytest.mark.parametrize("tag,expected", [("zh-CN", "zh-CN"), ("zh-tw", "zh-TW"), ("ZH-hant-hk", "zh-Hant-HK"),
                                          ("zh", "zh")])
def test_language_tags(tag, expected):
    assert language_tag(tag) == expected


@pytest.mark.parametrize("settings", [{"zh_tag": "en-US"}, {"zh_tag": "zh CN"}, {"zh_tag": ""}, {"csv_sep": "|"},
                                      {"ru_tag": "zh-CN"}])
def test_bad_settings_are_refused(settings):
    with pytest.raises(ValueError):
        ExportSettings(**settings)


def test_command_line_options(capsys):
    from ruzh.cli import parser

    args = parser().parse_args(["run", "--zh-tag", "zh-hans", "--csv-sep", "tab"])
    assert (args.zh_tag, args.csv_sep) == ("zh-Hans", "\t")
    args = parser().parse_args(["glossary", "--csv-sep", ";"])
    assert (args.zh_tag, args.csv_sep) == ("zh-CN", ";")
    for bad in (["glossary", "--zh-tag", "ru-RU"], ["run", "--csv-sep", "|"]):
        with pytest.raises(SystemExit) as exit:
            parser().parse_args(bad)
        assert exit.value.code == 2
    assert "--zh-tag" in capsys.readouterr().err


# ------------------------------------------------------------------ every new file is safe to open

FORMULAS = ["=HYPERLINK(\"http://x\")", "+1+1", "-2+3", "@SUM(A1:A9)"]


def test_new_exports_are_safe_to_open(tmp_path):
    entries = [Entry(ru=f, zh=f"{f}组织", score=0.9, freq=2, ru_forms=[f], zh_forms=[f"{f}组织"], units=["ru-m001"],
                     ru_variants=[f"{f}\x0b"], zh_variants=[f], context=(f"{f}\x0c", f), labels=[f]) for f in FORMULAS]
    entries.append(Entry(ru="Секретариат\x0cШОС\x1b", zh="上合组织秘书处\x07", score=0.9, freq=2,
                         ru_forms=["Секретариат\x0cШОС"], zh_forms=[], units=["ru-m001"], context=("a\tb\nc", "")))
    write_exports(Glossary(entries), tmp_path, ExportSettings(csv_sep=";"))
    for name in ("glossary.ru-zh.csv", "glossary.zh-ru.csv"):
        with (tmp_path / name).open(encoding="utf-8-sig", newline="") as f:
            cells = [c for row in list(csv.reader(f, delimiter=";"))[1:] for c in row]
        assert not [c for c in cells if c.startswith(textio.FORMULA_STARTS)]
        assert not textio.XML_FORBIDDEN.search("".join(cells))
    for name in ("glossary.ru-zh.xlsx", "glossary.zh-ru.xlsx"):
        sheet = load_workbook(tmp_path / name).active
        assert "f" not in {cell.data_type for row in sheet.iter_rows() for cell in row}
    for name in ("glossary.tbx", "glossary.v2.tbx"):
        etree.parse(str(tmp_path / name), STRICT)
    for name in ("glossary.omegat.txt", "glossary.zh-ru.omegat.txt"):
        text = (tmp_path / name).read_text(encoding="utf-8")
        assert all(len(line.split("\t")) == 3 for line in text.splitlines())
        assert not textio.XML_FORBIDDEN.search(text)
