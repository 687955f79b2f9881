"""The per-pair pipeline: a pure function of its inputs and settings, writing into one folder."""
from __future__ import annotations

import json
from pathlib import Path

from corpus import Document
from corpus.textio import write_text_atomic


KIND_WORDS = {
    "front": ("front-matter block", "front-matter blocks"),
    "section": ("section heading", "section headings"),
    "measure": ("measure", "measures"),
    "paragraph": ("paragraph", "paragraphs"),
}


def jsonl(records) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)


def write_corpus(doc: Document, out: Path) -> list[Path]:
    """`corpus.jsonl` (one record per unit and language) and `repairs.jsonl` (what was repaired)."""
    written = []
    for name, records in (("corpus.jsonl", (u.record() for u in doc.units)),
                          ("repairs.jsonl", (r.record() for r in doc.repairs))):
        write_text_atomic(out / name, jsonl(records))
        written.append(out / name)
    return written


def summary(doc: Document) -> str:
    """One line per language saying what was read, in a translator's words."""
    lines = []
    for lang, name in (("ru", "Russian"), ("zh", "Chinese")):
        counts = {k: len(doc.of(lang, k)) for k in ("front", "section", "measure", "paragraph")}
        sentences = sum(len(u.sentences) for u in doc.of(lang))
        parts = [f"{n} {KIND_WORDS[k][n != 1]}" for k, n in counts.items() if n]
        lines.append(f"{name}: {', '.join(parts)}; {sentences} sentences")
    dropped = sum(1 for r in doc.repairs if r.dropped)
    lines.append(f"Repaired {len(doc.repairs)} places damaged by text extraction; "
                 f"{dropped} of them dropped repeated text (listed above and in repairs.jsonl)")
    return "\n".join(lines)
