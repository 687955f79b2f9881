"""A unit as the pages show it: its printed label, its text by sentences, its cells, with the
findings' evidence marked, and the evidence's counterpart words (the gloss) on the other side."""
from __future__ import annotations

from dataclasses import dataclass, field

from ruzh.align.divergence.model import Finding
from ruzh.serve.folder import Run
from ruzh.align.marks import (
    CELLS,
    Piece,
    Sentence,
    Span,
    counterpart_words,
    evidence,
    holder,
    occurrences,
    pieces,
    sentences,
)


@dataclass
class UnitView:
    id: str
    lang: str
    kind: str
    label: str  # as printed: «72», or the unit's kind
    sentences: list[Sentence]
    cells: list[tuple[str, list[Piece]]] = field(default_factory=list)


def unit_view(run: Run, uid: str, findings: list[Finding], links: dict[str, int] | None = None) -> UnitView | None:
    """The unit `uid` with the evidence of `findings` marked; `links`: sentence id -> link number."""
    unit = run.units.get(uid)
    if unit is None:
        return None
    links = links or {}
    text_spans = [s for f in findings for s in spans(f, unit.lang, uid, unit.text, "")]
    numbers = [links.get(f"{uid}.{k}", 0) for k in range(1, len(unit.sentences) + 1)]
    cells = [(name, pieces(getattr(unit, name), [s for f in findings
                                                  for s in spans(f, unit.lang, uid, getattr(unit, name), name)]))
             for name in CELLS if getattr(unit, name)]
    return UnitView(uid, unit.lang, unit.kind, run.label(uid), sentences(unit.text, unit.sentences, numbers, text_spans),
                    cells)


def spans(f: Finding, lang: str, uid: str, text: str, cell: str) -> list[Span]:
    """What of `text` (the unit's text, or its cell `cell`) a finding marks on the `lang` side."""
    if uid not in getattr(f, lang):
        return []
    holder_unit, holder_cell, _ = holder(f, lang)
    if holder_unit not in ("", uid) or holder_cell != cell:
        return []
    marked = evidence(text, getattr(f, f"{lang}_span"), getattr(f, f"{lang}_offsets"))
    # The other side's evidence, glossed into this language: where this side says (or lacks) it.
    return marked + occurrences(text, counterpart_words(f, lang), "counterpart")
