"""The per-pair pipeline: a pure function of its inputs and settings, writing into one folder."""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from ruzh.align import Alignment, tmx
from ruzh.align.divergence import Finding, report
from ruzh.align.tmx import ZH_TAG
from ruzh.corpus import Document
from ruzh.corpus.textio import write_text_atomic


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


def write_alignment(doc: Document, alignment: Alignment, out: Path, zh_tag: str = ZH_TAG) -> list[Path]:
    """`alignment.jsonl` (unit and sentence links) and `alignment.tmx` (TMX 1.4b, the Chinese side
    tagged `zh_tag`)."""
    write_text_atomic(out / "alignment.jsonl", jsonl(alignment.records()))
    write_text_atomic(out / "alignment.tmx", tmx(alignment, doc, zh_tag=zh_tag))
    return [out / "alignment.jsonl", out / "alignment.tmx"]


def alignment_summary(alignment: Alignment) -> str:
    counts = Counter(f"{len(link.ru)}-{len(link.zh)}" for link in alignment.sentences)
    units = Counter(f"{len(link.ru)}-{len(link.zh)}" for link in alignment.units)
    kinds = lambda c: ", ".join(f"{n} {t}" for t, n in sorted(c.items(), key=lambda x: -x[1]))  # noqa: E731
    return f"Aligned units: {kinds(units)}; sentences: {kinds(counts)}"


def write_report(doc: Document, findings: list[Finding], out: Path) -> list[Path]:
    """`divergences.json`, `report.html` (self-contained) and `report.md`."""
    source = Path(doc.source.split(" + ")[0]).name
    write_text_atomic(out / "divergences.json", report.to_json(findings))
    write_text_atomic(out / "report.html", report.to_html(findings, doc, source))
    write_text_atomic(out / "report.md", report.to_markdown(findings, source, doc))
    return [out / "divergences.json", out / "report.html", out / "report.md"]


def divergence_summary(findings: list[Finding]) -> str:
    counts = Counter(f.severity for f in findings)
    return f"Divergences: {counts['major']} major, {counts['minor']} minor, {counts['info']} for information"
