"""TMX 1.4b export: one translation unit per sentence link that has both sides."""
from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from importlib.metadata import PackageNotFoundError, version

from ruzh.align.document import Alignment
from ruzh.corpus import Document
from ruzh.corpus.model import JOINERS
from ruzh.corpus.textio import xml_safe

def _version() -> str:
    try:
        return version("ruzh")
    except PackageNotFoundError:  # running from a source tree that is not installed
        return "0"


def tmx(alignment: Alignment, doc: Document) -> str:
    """The sentence links as a TMX 1.4b document, Russian the source language."""
    texts = doc.sentence_texts()
    root = ET.Element("tmx", version="1.4")
    ET.SubElement(root, "header", {
        "creationtool": "ruzh", "creationtoolversion": _version(), "datatype": "plaintext",
        "segtype": "sentence", "adminlang": "en", "srclang": "ru", "o-tmf": "ruzh",
        "creationdate": dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%SZ"),
    })
    body = ET.SubElement(root, "body")
    for link in alignment.sentences:
        if not link.ru or not link.zh:
            continue
        tu = ET.SubElement(body, "tu", tuid=f"{link.ru[0]}:{link.zh[0]}")
        ET.SubElement(tu, "prop", type="x-ruzh-score").text = f"{link.score:.4f}"
        ET.SubElement(tu, "prop", type="x-ruzh-ids").text = " ".join(link.ru + link.zh)
        for lang, ids in (("ru", link.ru), ("zh", link.zh)):
            tuv = ET.SubElement(tu, "tuv", {"xml:lang": lang})
            ET.SubElement(tuv, "seg").text = xml_safe(JOINERS[lang].join(texts[i] for i in ids))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n' + \
        ET.tostring(root, encoding="unicode") + "\n"
