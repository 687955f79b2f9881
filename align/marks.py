"""Document text cut into pieces to highlight: the templates escape each piece and wrap the marked
ones, so that no text from a document is ever written into a page as markup."""
from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise

Span = tuple[int, int, str]  # [start, end) and the mark: "evidence", "counterpart", "term"
CELLS = ("participants", "executors")  # a measure's cells a finding's evidence may be in
MIN_GLOSS_WORD = 2  # characters: a one-character word of a gloss would be marked everywhere


@dataclass(frozen=True)
class Piece:
    text: str
    mark: str = ""  # "" for plain text


@dataclass(frozen=True)
class Sentence:
    """A sentence of a unit's text (link 0: text between sentences, or a sentence linked to nothing)."""

    link: int
    pieces: list[Piece]


def pieces(text: str, spans: Iterable[Span] = ()) -> list[Piece]:
    """The text cut at the spans' edges; where spans overlap, the first given marks the piece."""
    spans = [(max(0, s), min(len(text), e), m) for s, e, m in spans if e > s]
    edges = sorted({0, len(text), *(s for s, _, _ in spans), *(e for _, e, _ in spans)})
    out = []
    for a, b in pairwise(edges):
        mark = next((m for s, e, m in spans if s <= a and b <= e), "")
        if out and out[-1].mark == mark:
            out[-1] = Piece(out[-1].text + text[a:b], mark)
        else:
            out.append(Piece(text[a:b], mark))
    return out


def occurrences(text: str, needles: Iterable[str], mark: str) -> list[Span]:
    """Every occurrence of any of the needles (longest first where they overlap)."""
    needles = sorted({n for n in needles if n}, key=len, reverse=True)
    if not needles:
        return []
    pattern = re.compile("|".join(re.escape(n) for n in needles))
    return [(m.start(), m.end(), mark) for m in pattern.finditer(text)]


def evidence(text: str, span: str, offsets: Sequence[int] | None) -> list[Span]:
    """Where the evidence is: at its offsets where they hold it, else where it is first found."""
    if offsets and len(offsets) == 2 and text[offsets[0]:offsets[1]] == span and span:
        return [(offsets[0], offsets[1], "evidence")]
    if span and span in text:
        start = text.index(span)
        return [(start, start + len(span), "evidence")]
    return []


def holder(f, lang: str) -> tuple[str, str, int]:
    """The unit id, cell name ("" for the text) and sentence number (0: not given) holding a
    finding's evidence on one side; an empty unit id where the finding does not say (it concerns
    the whole unit). `f`: a divergence `Finding`."""
    for sid in f.sentences:
        if sid.startswith(f"{lang}-"):
            if "#" in sid:
                uid, _, cell = sid.partition("#")
                return uid, cell, 0
            uid, _, k = sid.rpartition(".")
            return (uid, "", int(k)) if k.isdigit() else (sid, "", 0)
    return "", "", 0


def counterpart_words(f, lang: str) -> list[str]:
    """The other side's evidence glossed into `lang`: the words to mark where this side says (or
    lacks) it, long enough to mean something."""
    other = "zh" if lang == "ru" else "ru"
    return [w for w in getattr(f, f"{other}_gloss").split() if len(w) >= MIN_GLOSS_WORD]


def sentence_positions(text: str, parts: Sequence[str]) -> list[tuple[int, int] | None]:
    """Where each sentence (`parts`, in order) is in the text; None for one not found there."""
    out, position = [], 0
    for part in parts:
        start = text.find(part, position) if part else -1
        out.append((start, start + len(part)) if start >= 0 else None)
        position = start + len(part) if start >= 0 else position
    return out


def sentences(text: str, parts: Sequence[str], links: Sequence[int], spans: Sequence[Span] = ()) -> list[Sentence]:
    """The text as its sentences (`parts`, in order, each with its link number), marked; text the
    sentences do not cover (spaces, or a sentence list that no longer matches) comes as link 0."""
    out, position = [], 0
    for found, link in zip(sentence_positions(text, parts), links):
        if found is None:
            continue
        start, end = found
        if start > position:
            out.append(_sentence(text, position, start, 0, spans))
        out.append(_sentence(text, start, end, link, spans))
        position = end
    if position < len(text):
        out.append(_sentence(text, position, len(text), 0, spans))
    return out


def _sentence(text: str, start: int, end: int, link: int, spans: Sequence[Span]) -> Sentence:
    inside = [(s - start, e - start, m) for s, e, m in spans if s < end and e > start]
    return Sentence(link, pieces(text[start:end], inside))


def kwic(text: str, forms: Iterable[str], width: int) -> tuple[str, str, str] | None:
    """Key word in context: the text before the first occurrence of a form (at most `width`
    characters, cut at a space where there is one), the occurrence, and the text after."""
    found = occurrences(text, forms, "term")
    if not found:
        return None
    start, end, _ = min(found)
    left, right = text[:start], text[end:]
    if len(left) > width:
        left = "…" + _cut(left[-width:], at_start=True)
    if len(right) > width:
        right = _cut(right[:width], at_start=False) + "…"
    return left, text[start:end], right


def _cut(text: str, at_start: bool) -> str:
    """Drop a partial word at the cut end, where the text has spaces (Chinese has none)."""
    if " " not in text.strip():
        return text
    return text.split(" ", 1)[1] if at_start else text.rsplit(" ", 1)[0]
