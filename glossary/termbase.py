"""Reading a term base a user already has, to check a translation against (`ruzh report --termbase FILE`).

Accepted: TBX (v3 `conceptEntry`/`langSec`/`termSec`, or v2 `martif` with `termEntry`/`langSet`/
`tig`), and CSV or tab-separated text whose header names a Russian and a Chinese column (`ru`,
`zh`, as `glossary.csv` writes them; `ru-RU`, `zh-CN`, `source`/`target` too), with optional
`ru_forms`/`zh_forms` columns of forms separated by «;». Each entry becomes (Russian forms,
Chinese forms); the first of each is the preferred term.
"""
from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET
from pathlib import Path

from ruzh.corpus import InputError

Terms = list[tuple[list[str], list[str]]]
RU_COLUMNS, ZH_COLUMNS = ("ru", "ru-ru", "russian", "source"), ("zh", "zh-cn", "zh-hans", "chinese", "target")


def read_termbase(path: str | Path) -> Terms:
    """The (Russian forms, Chinese forms) pairs of a TBX or CSV term base; a clear error if it has none."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as e:
        raise InputError(path, f"cannot read the term base: {e.strerror or e}") from e
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
    dialect = "excel-tab" if "\t" in text.split("\n", 1)[0] else "excel"
    rows = list(csv.reader(io.StringIO(text), dialect))
    if not rows:
        return []
    header = [h.strip().lower() for h in rows[0]]
    ru = next((header.index(c) for c in RU_COLUMNS if c in header), None)
    zh = next((header.index(c) for c in ZH_COLUMNS if c in header), None)
    if ru is None or zh is None:
        raise InputError(path, "the term base's first row must name a Russian and a Chinese column (ru, zh)")
    extra = {lang: header.index(f"{lang}_forms") if f"{lang}_forms" in header else None for lang in ("ru", "zh")}
    out = []
    for row in rows[1:]:
        if len(row) <= max(ru, zh) or not row[ru].strip() or not row[zh].strip():
            continue
        forms = {}
        for lang, column in (("ru", ru), ("zh", zh)):
            more = row[extra[lang]].split(";") if extra[lang] is not None and extra[lang] < len(row) else []
            forms[lang] = list(dict.fromkeys(f.strip() for f in [row[column], *more] if f.strip()))
        out.append((forms["ru"], forms["zh"]))
    return out
