"""TMX 1.4b export: one translation unit per sentence link that has both sides; and the language
tags that every export of a run shares (TMX, TBX, the CAT tools' CSV and XLSX headers)."""
from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from importlib.metadata import PackageNotFoundError, version

from ruzh.align.document import Alignment
from ruzh.corpus import Document
from ruzh.corpus.model import JOINERS
from ruzh.corpus.textio import xml_safe

# Full BCP 47 tags, as CAT tools expect them: a bare `zh` leaves Simplified and Traditional
# Chinese undistinguished, and memoQ and Trados match a project's languages by region.
RU_TAG, ZH_TAG = "ru-RU", "zh-CN"
_SUBTAGS = re.compile(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*")


def language_tag(text: str, language: str = "zh") -> str:
    """A BCP 47 tag for `language` (zh-TW, zh-Hans, zh-Hant-HK), in its conventional case; a
    ValueError for anything else."""
    if not _SUBTAGS.fullmatch(text) or text.split("-")[0].lower() != language:
        raise ValueError(f"{text!r} is not a BCP 47 language tag for {language!r} (such as zh-CN, zh-TW, zh-Hans)"
                         if language == "zh" else f"{text!r} is not a BCP 47 language tag for {language!r}")
    first, *rest = text.split("-")
    # BCP 47's conventions: language lower case, script title case, region upper case
    rest = [t.title() if len(t) == 4 and t.isalpha() else t.upper() if len(t) == 2 else t.lower() for t in rest]
    return "-".join([first.lower(), *rest])


def _version() -> str:
    try:
        return version("ruzh")
    except PackageNotFoundError:  # running from a source tree that is not installed
        return "0"


def tmx(alignment: Alignment, doc: Document, ru_tag: str = RU_TAG, zh_tag: str = ZH_TAG) -> str:
    """The sentence links as a TMX 1.4b document, Russian the source language."""
    texts = doc.sentence_texts()
    root = ET.Element("tmx", version="1.4")
    ET.SubElement(root, "header", {
        "creationtool": "ruzh", "creationtoolversion": _version(), "datatype": "plaintext",
        "segtype": "sentence", "adminlang": "en", "srclang": ru_tag, "o-tmf": "ruzh",
        "creationdate": dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%SZ"),
    })
    body = ET.SubElement(root, "body")
    for link in alignment.sentences:
        if not link.ru or not link.zh:
            continue
        tu = ET.SubElement(body, "tu", tuid=f"{link.ru[0]}:{link.zh[0]}")
        ET.SubElement(tu, "prop", type="x-ruzh-score").text = f"{link.score:.4f}"
        ET.SubElement(tu, "prop", type="x-ruzh-ids").text = " ".join(link.ru + link.zh)
        for lang, tag, ids in (("ru", ru_tag, link.ru), ("zh", zh_tag, link.zh)):
            tuv = ET.SubElement(tu, "tuv", {"xml:lang": tag})
            ET.SubElement(tuv, "seg").text = xml_safe(JOINERS[lang].join(texts[i] for i in ids))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n' + \
        ET.tostring(root, encoding="unicode") + "\n"
