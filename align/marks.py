"""Document text cut into pieces to highlight: the templates escape each piece and wrap the marked
ones, so that no text from a document is ever written into a page as markup."""
from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise

Span = tuple[int, int, str]  # [start, end) and the mark: "evidence", "counterpart", "term"


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


def sentences(text: str, parts: Sequence[str], links: Sequence[int], spans: Sequence[Span] = ()) -> list[Sentence]:
    """The text as its sentences (`parts`, in order, each with its link number), marked; text the
    sentences do not cover (spaces, or a sentence list that no longer matches) comes as link 0."""
    out, position = [], 0
    for part, link in zip(parts, links):
        start = text.find(part, position) if part else -1
        if start < 0:
            continue
        if start > position:
            out.append(_sentence(text, position, start, 0, spans))
        out.append(_sentence(text, start, start + len(part), link, spans))
        position = start + len(part)
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
