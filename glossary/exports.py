"""Glossary exports for translators' tools, both directions.

- `glossary.csv`, `glossary.xlsx`: every entry, the contract's columns (`lookup` reads the CSV).
- `glossary.tbx`: TBX v3 (ISO 30042:2019), TBX-Basic dialect, DCA style, with the `xml-model`
  processing instructions that name its schemas.
- `glossary.v2.tbx`: TBX-Basic 2008 (`martif`, ISO 30042:2008), what memoQ, MultiTerm Convert,
  Glossary Converter, OmegaT and translate-toolkit read. The name keeps the `.tbx` extension those
  tools' file dialogs filter on; `v2` tells the two versions apart.
- `glossary.omegat.txt` (RU→ZH) and `glossary.zh-ru.omegat.txt` (ZH→RU): OmegaT glossaries,
  confirmed entries only.
- `glossary.ru-zh.csv` / `.xlsx`, `glossary.zh-ru.csv` / `.xlsx`: for memoQ and Trados' Glossary
  Converter, language-code headers first (see `cat_header` and `cat_xlsx`).

Every exporter takes the glossary and an `ExportSettings`: the language tags and the CSV separator.
"""
from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from ruzh.align.tmx import RU_TAG, ZH_TAG, language_tag
from ruzh.corpus.registry import registrar
from ruzh.corpus.textio import CSV_SEPARATORS, spreadsheet_safe, write_atomic, xml_safe
from ruzh.glossary.build import Entry, Glossary
from ruzh.glossary.forms import chinese_short_form

TBX_NAMESPACE = "urn:iso:std:iso:30042:ed-2"
# The schemas of TBX-Basic v3 as its maintainers publish them (LTAC-Global/TBX-Basic_dialect 1.2.1,
# whose valid example carries these two): the core structure in RELAX NG, the dialect in Schematron.
TBX_BASIC_SCHEMAS = (
    ("https://raw.githubusercontent.com/LTAC-Global/TBX_Core_RNG/master/TBXcoreStructV03.rng",
     "http://relaxng.org/ns/structure/1.0"),
    ("https://raw.githubusercontent.com/LTAC-Global/TBX-Basic_dialect/master/DCA/TBX-Basic_DCA.sch",
     "http://purl.oclc.org/dsdl/schematron"),
)
COLUMNS = ["ru", "zh", "score", "freq", "ru_forms", "zh_forms", "units", "ru_lemmas",
           "status", "ru_pos", "zh_pos", "ru_variants", "zh_variants", "ru_context", "zh_context", "labels"]
LANGS = ("ru", "zh")
# What a synonym in a language column is separated by: Glossary Converter's default; memoQ splits
# on it when told to ("Split alternatives in field by").
SYNONYMS = "|"


@dataclass(frozen=True)
class ExportSettings:
    """How the exports are written: the language tags (TMX, TBX, the CAT tools' headers) and the
    CSV separator (`;` for an Excel set to Russian, which reads `,` as the decimal comma)."""

    zh_tag: str = ZH_TAG
    csv_sep: str = ","
    ru_tag: str = RU_TAG

    def __post_init__(self) -> None:
        object.__setattr__(self, "zh_tag", language_tag(self.zh_tag, "zh"))
        object.__setattr__(self, "ru_tag", language_tag(self.ru_tag, "ru"))
        if self.csv_sep not in CSV_SEPARATORS:
            raise ValueError(f"the CSV separator must be one of {CSV_SEPARATORS}, not {self.csv_sep!r}")

    def tag(self, lang: str) -> str:
        return self.ru_tag if lang == "ru" else self.zh_tag


Render = Callable[[Glossary, ExportSettings], bytes]
EXPORTS: dict[str, Render] = {}
export = registrar(EXPORTS)


def write_exports(glossary: Glossary, out: Path, settings: ExportSettings = ExportSettings()) -> list[Path]:
    """Every export, each written whole or not at all."""
    written = []
    for filename, render in EXPORTS.items():
        write_atomic(out / filename, render(glossary, settings))
        written.append(out / filename)
    return written


def _safe(cells: Iterable[str]) -> list[str]:
    """Cells safe to open in a spreadsheet (document text may look like a formula or hold control
    characters; an XLSX is XML inside)."""
    return [spreadsheet_safe(xml_safe(c)) for c in cells]


def _joined(items: Iterable[str]) -> str:
    return "; ".join(items)


def row(e: Entry) -> list[str]:
    """The entry's cells under `COLUMNS`."""
    return _safe([e.ru, e.zh, f"{e.score:.4f}", str(e.freq), _joined(e.ru_forms), _joined(e.zh_forms),
                  " ".join(e.units), e.ru_key, e.status, e.ru_pos, e.zh_pos, _joined(e.ru_variants),
                  _joined(e.zh_variants), e.context[0], e.context[1], _joined(e.labels)])


def _csv(header: list[str], rows: Iterable[list[str]], settings: ExportSettings) -> bytes:
    """UTF-8 with a byte-order mark, so that Excel shows the Cyrillic and the Chinese right."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=settings.csv_sep, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8-sig")


def _xlsx(header: list[str], rows: Iterable[list], widths: list[int], title: str) -> bytes:
    """One sheet, a bold frozen header; text cells stay text."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    sheet.title = title
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for values in rows:
        sheet.append(values)
    for line in sheet.iter_rows(min_row=2):
        for cell in line:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # openpyxl makes any text starting with "=" a formula
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions  # a translator filters by status and confidence
    for column, width in enumerate(widths, 1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@export("glossary.csv")
def to_csv(glossary: Glossary, settings: ExportSettings = ExportSettings()) -> bytes:
    """Every entry under `COLUMNS`; `lookup` reads it back."""
    return _csv(COLUMNS, (row(e) for e in glossary.entries), settings)


@export("glossary.xlsx")
def to_xlsx(glossary: Glossary, settings: ExportSettings = ExportSettings()) -> bytes:
    """The rows of glossary.csv, with score and frequency as numbers."""
    def values(e: Entry) -> list:
        cells: list = row(e)
        cells[2], cells[3] = round(e.score, 4), e.freq
        return cells

    widths = [45, 30, 8, 6, 60, 40, 30, 40, 10, 10, 10, 30, 30, 60, 60, 30]
    return _xlsx(COLUMNS, (values(e) for e in glossary.entries), widths, "Glossary")


# ------------------------------------------------------------------ CAT tools, one file per direction

def cat_header(source: str, settings: ExportSettings) -> list[str]:
    """Language codes as the headers of the term columns, source first, which memoQ and Glossary
    Converter map to languages by themselves; the other columns become descriptive fields."""
    target = _other(source)
    src, tgt = settings.tag(source), settings.tag(target)
    return [src, tgt, "status", "confidence", "frequency", f"part of speech {src}", f"part of speech {tgt}",
            f"context {src}", f"context {tgt}", "occurs in"]


def cat_row(e: Entry, source: str) -> list[str]:
    """A term column holds the headword and its variants, «|» between them (synonyms in
    Glossary Converter's default notation); inflected forms stay out, as the tools match those."""
    target = _other(source)
    return _safe([SYNONYMS.join(_terms(e, source)), SYNONYMS.join(_terms(e, target)), e.status, f"{e.score:.2f}",
                  str(e.freq), _pos(e, source), _pos(e, target), _context(e, source), _context(e, target),
                  _joined(_labels(e))])


def cat_csv(glossary: Glossary, settings: ExportSettings, source: str) -> bytes:
    """Every entry, for memoQ's CSV import (comma, semicolon or tab, as memoQ asks). Glossary
    Converter reads only comma-separated CSV: with `--csv-sep ';'` give it the XLSX."""
    return _csv(cat_header(source, settings), (cat_row(e, source) for e in glossary.entries), settings)


def cat_xlsx(glossary: Glossary, settings: ExportSettings, source: str) -> bytes:
    """Every entry, one direction per file with a single sheet: Glossary Converter and memoQ's
    Excel import map a sheet's header row to languages and fields, and a file per direction
    leaves no second sheet for a tool to skip or to import as a second term base."""
    def values(e: Entry) -> list:
        cells: list = cat_row(e, source)
        cells[3], cells[4] = round(e.score, 2), e.freq
        return cells

    widths = [45, 45, 10, 10, 9, 14, 14, 60, 60, 30]
    title = f"{settings.tag(source)} to {settings.tag(_other(source))}"
    return _xlsx(cat_header(source, settings), (values(e) for e in glossary.entries), widths, title)


def _other(lang: str) -> str:
    return "zh" if lang == "ru" else "ru"


def _terms(e: Entry, lang: str) -> list[str]:
    """The headword, then its variants (acronym or expansion, short or full form, other spellings)."""
    head, variants = (e.ru, e.ru_variants) if lang == "ru" else (e.zh, e.zh_variants)
    return list(dict.fromkeys(" ".join(t.split()) for t in [head, *variants] if t.strip()))


def _pos(e: Entry, lang: str) -> str:
    return e.ru_pos if lang == "ru" else e.zh_pos


def _context(e: Entry, lang: str) -> str:
    return " ".join(e.context[LANGS.index(lang)].split())


def _labels(e: Entry, lang: str | None = None) -> list[str]:
    """Where the entry occurs (in one language's text), as printed (`ru 72`) or by id (`ru-f13`);
    each once, though the Russian text prints two measures 72."""
    return list(dict.fromkeys(label for label in e.labels if lang is None or label[:2] == lang))


export("glossary.ru-zh.csv")(partial(cat_csv, source="ru"))
export("glossary.zh-ru.csv")(partial(cat_csv, source="zh"))
export("glossary.ru-zh.xlsx")(partial(cat_xlsx, source="ru"))
export("glossary.zh-ru.xlsx")(partial(cat_xlsx, source="zh"))


# ------------------------------------------------------------------ OmegaT

def to_omegat(glossary: Glossary, settings: ExportSettings = ExportSettings(), source: str = "ru") -> bytes:
    """OmegaT: source term, target term, comment, tab-separated. Each source form gets a line of its
    own, so that OmegaT recognises the term in whichever form the text uses: the Russian headword's
    inflected forms and its acronym or expansion; every Chinese spelling and short form.

    Confirmed entries only: OmegaT shows every line of a glossary and cannot filter by status, so
    a candidate would reach the translator as if it were checked (the CSV, XLSX and TBX files keep
    candidates, marked, for those who check them)."""
    target = _other(source)
    confirmed = [e for e in glossary.entries if e.status == "confirmed"]
    heads = {(_terms(e, source)[0], _terms(e, target)[0]) for e in confirmed}
    seen: set[tuple[str, str]] = set()
    lines = []
    for e in confirmed:
        (head, *variants), (translation, *also) = _terms(e, source), _terms(e, target)
        comment = _joined(part for part in (f"confidence {e.score:.2f}", f"{e.freq}x",
                                            ", ".join(_labels(e, source)[:3]),
                                            f"also {', '.join(also)}" if also else "") if part)
        forms = e.ru_forms if source == "ru" else e.zh_forms
        for term in dict.fromkeys([head, *variants, *(" ".join(f.split()) for f in forms)]):
            # an acronym is an entry and a variant of its expansion: one line for the pair
            if not term or (term, translation) in seen or (term != head and (term, translation) in heads):
                continue
            seen.add((term, translation))
            note = comment if term == head else f"{'variant' if term in variants else 'form'} of «{head}»"
            lines.append("\t".join(_safe_text(t) for t in (term, translation, note)))
    return "".join(line + "\n" for line in lines).encode("utf-8")


def _safe_text(text: str) -> str:
    """One line of text: a tab or line break in a cell would break OmegaT's columns."""
    return xml_safe(" ".join(text.split()))


export("glossary.omegat.txt")(partial(to_omegat, source="ru"))
export("glossary.zh-ru.omegat.txt")(partial(to_omegat, source="zh"))


# ------------------------------------------------------------------ TBX v3 and v2

@dataclass(frozen=True)
class TbxVersion:
    """What TBX v3 (ISO 30042:2019) and TBX-Basic 2008 (v2) call the same structure."""

    root: str
    header: str
    entry: str
    lang_section: str
    term_section: str
    parts_of_speech: frozenset[str]  # TBX-Basic's picklist: v3's dropped properNoun


V3 = TbxVersion("tbx", "tbxHeader", "conceptEntry", "langSec", "termSec",
                frozenset({"noun", "verb", "adjective", "adverb", "other"}))
V2 = TbxVersion("martif", "martifHeader", "termEntry", "langSet", "tig",
                frozenset({"noun", "verb", "adjective", "adverb", "properNoun", "other"}))
TERM_TYPES = frozenset({"fullForm", "acronym", "abbreviation", "shortForm", "variant", "phrase"})


def to_tbx(glossary: Glossary, settings: ExportSettings = ExportSettings(), version: TbxVersion = V3) -> bytes:
    """TBX-Basic: one entry per pair, a Russian and a Chinese language section; in each the headword
    and its variants are terms with their termType, part of speech and administrative status (a
    confirmed entry's headword preferred, the rest admitted), the headword with a context sentence;
    where the entry occurs, as the document prints it, is the section's source; the entry's note
    gives its status and confidence. Inflected Russian forms are not terms: a term base lists a
    term once, and CAT tools match its forms themselves."""
    root = ET.Element(version.root, {"type": "TBX-Basic", "xml:lang": "en"})
    description = ET.Element("sourceDesc")
    ET.SubElement(description, "p").text = "Russian–Chinese glossary extracted by ruzh from an aligned document pair"
    header = ET.SubElement(root, version.header)
    ET.SubElement(header, "fileDesc").append(description)
    if version is V3:
        root.set("style", "dca")
        root.set("xmlns", TBX_NAMESPACE)
    else:
        ET.SubElement(ET.SubElement(header, "encodingDesc"), "p", type="XCSURI").text = "TBXBasicXCSV02.xcs"
    body = ET.SubElement(ET.SubElement(root, "text"), "body")
    for number, e in enumerate(glossary.entries, 1):
        entry = ET.SubElement(body, version.entry, id=f"c{number}")
        ET.SubElement(entry, "note").text = xml_safe(
            f"{e.status}: confidence {e.score:.2f}, {e.freq} occurrences"
            + ("; check before use" if e.status != "confirmed" else ""))
        for lang in LANGS:
            _language_section(entry, e, lang, settings.tag(lang), version)
    ET.indent(root)
    prolog = '<?xml version="1.0" encoding="UTF-8"?>\n'
    if version is V3:
        prolog += "".join(f'<?xml-model href="{href}" type="application/xml" schematypens="{schema}"?>\n'
                          for href, schema in TBX_BASIC_SCHEMAS)
    return prolog.encode("utf-8") + ET.tostring(root, encoding="utf-8", xml_declaration=False) + b"\n"


def _language_section(entry: ET.Element, e: Entry, lang: str, tag: str, version: TbxVersion) -> None:
    section = ET.SubElement(entry, version.lang_section, {"xml:lang": tag})
    labels = _labels(e, lang)
    if labels:
        ET.SubElement(section, "admin", type="source").text = xml_safe(", ".join(labels))
    pos = _pos(e, lang)
    if pos not in version.parts_of_speech:  # TBX-Basic v3 has no properNoun: a name is a noun
        pos = "noun" if pos == "properNoun" else "other"
    for number, (term, term_type) in enumerate(term_types(_terms(e, lang), lang)):
        term_section = ET.SubElement(section, version.term_section)
        ET.SubElement(term_section, "term").text = xml_safe(term)
        ET.SubElement(term_section, "termNote", type="termType").text = term_type
        ET.SubElement(term_section, "termNote", type="partOfSpeech").text = pos
        headword = number == 0
        status = "preferredTerm-admn-sts" if headword and e.status == "confirmed" else "admittedTerm-admn-sts"
        ET.SubElement(term_section, "termNote", type="administrativeStatus").text = status
        if headword and _context(e, lang):
            ET.SubElement(term_section, "descrip", type="context").text = xml_safe(_context(e, lang))


def term_types(terms: list[str], lang: str) -> list[tuple[str, str]]:
    """Each term of a language section (the headword first) with its TBX termType: `acronym` for a
    Russian all-capitals abbreviation (ШОС, РАТС ШОС) and `fullForm` for what it stands for;
    `abbreviation` for a Chinese short form that keeps characters of the full one in order
    (上合组织 of 上海合作组织), `shortForm` for one that drops whole words (地区反恐怖机构 of
    上合组织地区反恐怖机构); `variant` for any other spelling."""
    head, variants = terms[0], terms[1:]
    shortened = {v: _short_kind(head, v, lang) for v in variants}  # the headword as a short form of v
    head_type = next((kind for kind in shortened.values() if kind), None)
    if lang == "ru" and _all_capitals(head):
        head_type = "acronym"
    out = [(head, head_type or "fullForm")]
    for v in variants:
        kind = _short_kind(v, head, lang)
        out.append((v, kind or ("fullForm" if shortened[v] or head_type == "acronym" else "variant")))
    return out


def _short_kind(short: str, full: str, lang: str) -> str | None:
    """What `short` is of `full`, if it shortens it: acronym, abbreviation or shortForm."""
    if lang == "ru":
        return "acronym" if _all_capitals(short) and not _all_capitals(full) else None
    if chinese_short_form(short, full):
        return "abbreviation"
    return "shortForm" if len(short) < len(full) and short in full else None


def _all_capitals(term: str) -> bool:
    words = term.replace("-", " ").split()
    return bool(words) and all(len(w) >= 2 and w.isalpha() and w.isupper() for w in words)


export("glossary.tbx")(to_tbx)
export("glossary.v2.tbx")(partial(to_tbx, version=V2))
