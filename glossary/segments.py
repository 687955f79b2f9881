"""The aligned pieces of text the glossary counts co-occurrences over.

Each sentence link with both sides is one segment pair; so is each pair of participants cells
and each pair of executors cells of two linked measures: those cells are lists of bodies, the
richest source of names.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ruzh.align import Alignment
from ruzh.corpus import Document
from ruzh.corpus.model import JOINERS

@dataclass(frozen=True)
class Segment:
    """Aligned Russian and Chinese text, with the ids of the units or sentences it comes from."""

    ru: str
    zh: str
    ru_ids: tuple[str, ...]
    zh_ids: tuple[str, ...]

    @property
    def units(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(re.split(r"[.#]", i)[0] for i in self.ru_ids + self.zh_ids))


def segments(doc: Document, alignment: Alignment) -> list[Segment]:
    sentences = doc.sentence_texts()
    out = [
        Segment(JOINERS["ru"].join(sentences[i] for i in link.ru), JOINERS["zh"].join(sentences[i] for i in link.zh),
                tuple(link.ru), tuple(link.zh))
        for link in alignment.sentences if link.ru and link.zh
    ]
    for link in alignment.units:
        if len(link.ru) != 1 or len(link.zh) != 1:
            continue
        ru, zh = doc.unit(link.ru[0]), doc.unit(link.zh[0])
        for cell in ("participants", "executors"):
            ru_text, zh_text = getattr(ru, cell), getattr(zh, cell)
            if ru_text and zh_text:
                out.append(Segment(ru_text, zh_text, (f"{ru.id}#{cell}",), (f"{zh.id}#{cell}",)))
    return out
