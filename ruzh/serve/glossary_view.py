"""The glossary page: search (through `ruzh.glossary.lookup`'s index of the run, loaded once with
the run: every kind of match it knows), each entry with its forms, variants and a bilingual
concordance; downloads of the exports."""
from __future__ import annotations

from dataclasses import dataclass

from ruzh.glossary.lookup import GlossaryIndex, GlossaryRow
from ruzh.serve.folder import Run
from ruzh.align.marks import kwic

MAX_QUERY = 200  # characters: longer is not a term
RESULTS = 20
CONCORDANCE = 12  # sentence pairs per entry
CONTEXT = {"ru": 70, "zh": 30}  # characters either side of the term in a concordance line
BROWSE = 60  # entries listed before anything is searched
# The glossary files a run writes, with what each is for; a file not named here is offered by name.
DOWNLOADS = {
    "glossary.csv": "CSV, every column",
    "glossary.xlsx": "Excel, every column",
    "glossary.tbx": "TBX v3 (TBX-Basic)",
    "glossary.v2.tbx": "TBX 2008 (memoQ, MultiTerm, OmegaT)",
    "glossary.omegat.txt": "OmegaT, RU→ZH",
    "glossary.zh-ru.omegat.txt": "OmegaT, ZH→RU",
    "glossary.ru-zh.csv": "memoQ/Trados CSV, RU→ZH",
    "glossary.zh-ru.csv": "memoQ/Trados CSV, ZH→RU",
    "glossary.ru-zh.xlsx": "memoQ/Trados Excel, RU→ZH",
    "glossary.zh-ru.xlsx": "memoQ/Trados Excel, ZH→RU",
    "alignment.tmx": "translation memory (TMX)",
}


@dataclass(frozen=True)
class Line:
    """One concordance line: each side as (before, term, after)."""

    ru: tuple[str, str, str]
    zh: tuple[str, str, str]


@dataclass(frozen=True)
class EntryView:
    row: GlossaryRow
    how: str  # how it matched ("" when listed, not searched)
    forms: list[str]  # inflected forms other than the headword and variants
    concordance: list[Line]


def search(index: GlossaryIndex, query: str) -> list[EntryView]:
    """The entries the query finds, best first, each with its concordance."""
    query = " ".join(query.split())[:MAX_QUERY]
    if not query:
        return []
    return [_view(m.entry, m.how, m.examples) for m in index.search(query, limit=RESULTS, examples=CONCORDANCE)]


def browse(run: Run) -> list[EntryView]:
    """The best-attested entries, for a first look before any search."""
    rows = sorted(run.glossary, key=lambda r: (-r.freq, -r.score))[:BROWSE]
    return [_view(r, "", []) for r in rows]


def downloads(run: Run) -> list[tuple[str, str]]:
    """(file name, what it is) for each export in the folder."""
    return [(name, DOWNLOADS.get(name, name)) for name in run.files if name in DOWNLOADS]


def _view(row: GlossaryRow, how: str, examples: list[tuple[str, str]]) -> EntryView:
    variants = {*row.ru_variants, *row.zh_variants, row.ru, row.zh}
    forms = [f for f in dict.fromkeys(row.ru_forms + row.zh_forms) if f not in variants]
    lines = []
    for ru, zh in examples:
        ru_line, zh_line = kwic(ru, row.forms("ru"), CONTEXT["ru"]), kwic(zh, row.forms("zh"), CONTEXT["zh"])
        if ru_line and zh_line:
            lines.append(Line(ru_line, zh_line))
    return EntryView(row, how, forms, lines)
