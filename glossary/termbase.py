"""Reading a term base a user already has, to check a translation against (`ruzh report --termbase FILE`).

Accepted: the term base `ruzh batch` builds (`termbase.sqlite`, see `ruzh.termbase_store`), TBX (v3 `conceptEntry`/`langSec`/`termSec`, or v2 `martif` with `termEntry`/`langSet`/
`tig`), and a table separated by commas, semicolons or tabs whose header names a Russian and a
Chinese column (`ru`, `zh`, as `glossary.csv` writes them; a language tag such as `ru-RU`, `zh-CN`,
`zh-TW`, `zh-Hans`, as the CAT tools' files have them; `source`/`target` too), synonyms in a cell
separated by «|», with optional `ru_forms`/`zh_forms` and `ru_variants`/`zh_variants` columns of
terms separated by «;». Each entry becomes (Russian forms, Chinese forms); the first of each is
the preferred term. Languages are compared by their primary tag: `zh-TW` is Chinese.
"""
from __future__ import annotations

import csv
import io
import re
import xml.etree.ElementTree as ET
from pathlib import Path

from ruzh.corpus import InputError
from ruzh.corpus.textio import csv_separator

Terms = list[tuple[list[str], list[str]]]
COLUMN_NAMES = {"ru": ("russian", "source"), "zh": ("chinese", "target")}
SYNONYMS = "|"  # between the terms of one cell, as Glossary Converter and ruzh's CAT files write them


def read_termbase(path: str | Path) -> Terms:
    """The (Russian forms, Chinese forms) pairs of a TBX or CSV term base; a clear error if it has none."""
    from ruzh import termbase_store as store

    path = Path(path)
    try:
        stored = store.is_sqlite(path)  # the term base `ruzh batch` writes: not read whole
        data = b"" if stored else path.read_bytes()
    except OSError as e:
        raise InputError(path, f"cannot read the term base: {e.strerror or e}") from e
    if stored:
        terms = store.terms(path)
    else:
        terms = _tbx(data, path) if data.lstrip()[:1] == b"<" else _table(data, path)
    if not terms:
        raise InputError(path, "the term base has no entry with both a Russian and a Chinese term")
    return terms


def _tbx(data: bytes, path: Path) -> Terms:
    try:
        root = ET.fromstring(data)
    except ET.ParseError as e:
        raise InputError(path, f"not a well-formed TBX file ({e})") from e
    out = []
    for entry in root.iter():
        if _local(entry.tag) not in ("conceptEntry", "termEntry"):
            continue
        forms: dict[str, list[str]] = {"ru": [], "zh": []}
        for section in entry:
            if _local(section.tag) not in ("langSec", "langSet"):
                continue
            lang = (section.get("{http://www.w3.org/XML/1998/namespace}lang") or "").lower().split("-")[0]
            if lang in forms:
                forms[lang] += [t.text.strip() for t in section.iter() if _local(t.tag) == "term" and t.text]
        if forms["ru"] and forms["zh"]:
            out.append((forms["ru"], forms["zh"]))
    return out


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _table(data: bytes, path: Path) -> Terms:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise InputError(path, "the term base is not UTF-8 text") from e
    rows = list(csv.reader(io.StringIO(text), delimiter=csv_separator(text)))
    if not rows:
        return []
    header = [h.strip().lower() for h in rows[0]]
    columns = {lang: _column(header, lang) for lang in ("ru", "zh")}
    if None in columns.values():
        raise InputError(path, "the term base's first row must name a Russian and a Chinese column (ru, zh)")
    extra = {lang: [header.index(f"{lang}_{kind}") for kind in ("forms", "variants") if f"{lang}_{kind}" in header]
             for lang in ("ru", "zh")}
    out = []
    for row in rows[1:]:
        if len(row) <= max(columns.values()) or not all(row[c].strip() for c in columns.values()):
            continue
        forms = {}
        for lang, column in columns.items():
            more = [f for c in extra[lang] if c < len(row) for f in row[c].split(";")]
            forms[lang] = list(dict.fromkeys(f.strip() for f in [*row[column].split(SYNONYMS), *more] if f.strip()))
        out.append((forms["ru"], forms["zh"]))
    return out


def _column(header: list[str], lang: str) -> int | None:
    """The column of a language: named by its code (`ru`), a tag with that primary code (`ru-RU`,
    `zh_TW`), or a name (`russian`, `source`)."""
    tag = re.compile(rf"{lang}([-_]([a-z]{{4}}|[a-z]{{2}}|[0-9]{{3}}))*")  # script, region: not ru_forms
    return next((i for i, name in enumerate(header) if tag.fullmatch(name)),
                next((header.index(n) for n in COLUMN_NAMES[lang] if n in header), None))
