"""The document model: units with stable ids, and the repairs made while reading them."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Literal

Lang = Literal["ru", "zh"]
# What goes between two pieces of text when they are put together: a space, or nothing in Chinese.
JOINERS: dict[str, str] = {"ru": " ", "zh": ""}
Kind = Literal["front", "section", "measure", "paragraph"]
LANGS: tuple[Lang, Lang] = ("ru", "zh")

# Id prefix letter and zero-padding width for each kind of unit (the output contract).
ID_SCHEME: dict[str, tuple[str, int]] = {
    "front": ("f", 2),
    "section": ("s", 2),
    "measure": ("m", 3),
    "paragraph": ("p", 3),
}


def unit_id(lang: str, kind: str, position: int) -> str:
    """`ru-m075` for the 75th Russian measure: position is 1-based within lang and kind."""
    letter, width = ID_SCHEME[kind]
    return f"{lang}-{letter}{position:0{width}d}"


@dataclass
class Unit:
    """One front-matter block, section heading, numbered measure or paragraph of one language."""

    id: str
    lang: Lang
    kind: Kind
    text: str
    label: str | None = None
    section: str | None = None
    participants: str | None = None
    executors: str | None = None
    sentences: list[str] = field(default_factory=list)
    line: int = 0  # where the unit starts in the input file (1-based), for messages

    def record(self) -> dict:
        """The unit as a `corpus.jsonl` record (the output contract's fields, in its order)."""
        return {
            "id": self.id,
            "lang": self.lang,
            "kind": self.kind,
            "label": self.label,
            "section": self.section,
            "text": self.text,
            "participants": self.participants,
            "executors": self.executors,
            "sentences": list(self.sentences),
        }


@dataclass
class Repair:
    """One fix of extraction damage, kept so that nothing is changed silently."""

    kind: str  # the name of the repair, e.g. "repeated-fragment"
    lang: Lang
    line: int  # the input line the repair concerns (1-based)
    fragment: str  # the text that was joined, moved or dropped
    message: str  # one sentence a translator understands
    dropped: bool = False  # True when `fragment`, text of the document, is no longer in the output
    unit: str | None = None
    file: str | None = None  # the input file the repaired text came from

    def record(self) -> dict:
        return asdict(self)


@dataclass
class Document:
    """A Russian–Chinese document pair: the units of both languages and how they were repaired."""

    source: str
    units: list[Unit]
    repairs: list[Repair] = field(default_factory=list)
    encodings: dict[str, str] = field(default_factory=dict)

    def of(self, lang: str, kind: str | None = None) -> list[Unit]:
        """The units of one language (and, optionally, one kind) in document order."""
        return [u for u in self.units if u.lang == lang and (kind is None or u.kind == kind)]

    def unit(self, uid: str) -> Unit:
        for u in self.units:
            if u.id == uid:
                return u
        raise KeyError(uid)

    def sentence_texts(self) -> dict[str, str]:
        """Sentence id (`<unit id>.<k>`, k 1-based) -> sentence, for both languages."""
        return {f"{u.id}.{k}": s for u in self.units for k, s in enumerate(u.sentences, 1)}

    def dropped_fragments(self, lang: str | None = None) -> list[str]:
        """The text that repairs removed as repeated, for one language or both."""
        return [r.fragment for r in self.repairs if r.dropped and (lang is None or r.lang == lang)]
