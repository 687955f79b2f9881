"""Glossary exports for CAT tools: CSV (memoQ, spreadsheets), TBX v3 TBX-Basic (ISO 30042),
XLSX (Trados Glossary Converter, memoQ, Excel) and OmegaT's tab-separated glossary."""
from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

from ruzh.corpus.registry import registrar
from ruzh.corpus.textio import spreadsheet_safe, write_atomic, xml_safe
from ruzh.glossary.build import Entry, Glossary

TBX_NAMESPACE = "urn:iso:std:iso:30042:ed-2"
COLUMNS = ["ru", "zh", "score", "freq", "ru_forms", "zh_forms", "units", "ru_lemmas"]
EXPORTS: dict[str, Callable[[Glossary], bytes]] = {}


export = registrar(EXPORTS)


def write_exports(glossary: Glossary, out: Path) -> list[Path]:
    """Every export, each written whole or not at all."""
    written = []
    for filename, render in EXPORTS.items():
        write_atomic(out / filename, render(glossary))
        written.append(out / filename)
    return written


def row(e: Entry) -> list[str]:
    """The entry's cells, each safe to open in a spreadsheet (document text may look like a formula
    or hold control characters)."""
    cells = [e.ru, e.zh, f"{e.score:.4f}", str(e.freq), "; ".join(e.ru_forms), "; ".join(e.zh_forms),
             " ".join(e.units), e.ru_key]
    return [spreadsheet_safe(xml_safe(c)) for c in cells]  # an XLSX is XML inside


@export("glossary.csv")
def to_csv(glossary: Glossary) -> bytes:
    """UTF-8 with a byte-order mark, so that Excel shows the Cyrillic and the Chinese right."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    writer.writerows(row(e) for e in glossary.entries)
    return buffer.getvalue().encode("utf-8-sig")


@export("glossary.omegat.txt")
def to_omegat(glossary: Glossary) -> bytes:
    """OmegaT: source, target, comment, tab-separated; inflected forms as lines of their own,
    so that OmegaT recognizes the term in any case it occurs in."""
    lines = []
    seen = {(e.ru, e.zh) for e in glossary.entries}  # an acronym is an entry and a form of its expansion
    for e in glossary.entries:
        comment = f"score {e.score:.2f}, {e.freq}x, {' '.join(e.units[:3])}"
        lines.append(f"{_cell(e.ru)}\t{_cell(e.zh)}\t{comment}")
        for form in e.ru_forms:
            if (form, e.zh) not in seen:
                seen.add((form, e.zh))
                lines.append(f"{_cell(form)}\t{_cell(e.zh)}\tform of «{_cell(e.ru)}»")
    return ("\n".join(lines) + "\n").encode("utf-8")


def _cell(text: str) -> str:
    return " ".join(text.split())


@export("glossary.tbx")
def to_tbx(glossary: Glossary) -> bytes:
    """TBX v3, TBX-Basic dialect: one conceptEntry per pair, a ru and a zh langSec; variants are
    further termSecs with termType variant."""
    ET.register_namespace("", TBX_NAMESPACE)
    ns = f"{{{TBX_NAMESPACE}}}"
    root = ET.Element(f"{ns}tbx", {"type": "TBX-Basic", "style": "dca", "xml:lang": "ru"})
    header = ET.SubElement(ET.SubElement(ET.SubElement(root, f"{ns}tbxHeader"), f"{ns}fileDesc"), f"{ns}sourceDesc")
    ET.SubElement(header, f"{ns}p").text = "Russian–Chinese glossary extracted by ruzh from an aligned document pair"
    body = ET.SubElement(ET.SubElement(root, f"{ns}text"), f"{ns}body")
    for number, e in enumerate(glossary.entries, 1):
        concept = ET.SubElement(body, f"{ns}conceptEntry", id=f"c{number}")
        ET.SubElement(concept, f"{ns}note").text = xml_safe(f"score {e.score:.4f}; {e.freq} occurrences; {' '.join(e.units)}")
        for lang, main, forms in (("ru", e.ru, e.ru_forms), ("zh", e.zh, e.zh_forms)):
            section = ET.SubElement(concept, f"{ns}langSec", {"xml:lang": lang})
            _term(section, ns, main, "fullForm" if not main.split()[0].isupper() else "acronym")
            for form in forms:
                if form != main:
                    _term(section, ns, form, "variant")
    ET.indent(root)
    return (b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="utf-8", xml_declaration=False)
            + b"\n")


def _term(section: ET.Element, ns: str, text: str, term_type: str) -> None:
    term_section = ET.SubElement(section, f"{ns}termSec")
    ET.SubElement(term_section, f"{ns}term").text = xml_safe(text)
    ET.SubElement(term_section, f"{ns}termNote", type="termType").text = term_type
    ET.SubElement(term_section, f"{ns}termNote", type="partOfSpeech").text = "noun"


@export("glossary.xlsx")
def to_xlsx(glossary: Glossary) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = "Glossary"
    sheet.append(COLUMNS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for e in glossary.entries:
        values = row(e)
        values[2], values[3] = round(e.score, 4), e.freq
        sheet.append(values)
    for line in sheet.iter_rows(min_row=2):
        for cell in line:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # openpyxl makes any text starting with "=" a formula
    sheet.freeze_panes = "A2"
    for column, width in zip("ABCDEFGH", (45, 30, 8, 6, 60, 40, 30, 40)):
        sheet.column_dimensions[column].width = width
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
