"""A unit as the pages show it: its printed label, its text by sentences, its cells, with the
findings' evidence marked, and the evidence's counterpart words (the gloss) on the other side."""
from __future__ import annotations

from dataclasses import dataclass, field

from ruzh.align.divergence.model import Finding
from ruzh.serve.folder import Run
from ruzh.align.marks import (
    Piece,
    Sentence,
    Span,
    evidence,
    occurrences,
    pieces,
    sentences,
)

CELLS = ("participants", "executors")
MIN_GLOSS_WORD = 2  # characters: a one-character word of a gloss would be marked everywhere


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
    holder_unit, holder_cell = holder(f, lang)
    if holder_unit not in ("", uid) or holder_cell != cell:
        return []
    other = "zh" if lang == "ru" else "ru"
    marked = evidence(text, getattr(f, f"{lang}_span"), getattr(f, f"{lang}_offsets"))
    # The other side's evidence, glossed into this language: where this side says (or lacks) it.
    gloss = getattr(f, f"{other}_gloss").split()
    return marked + occurrences(text, [w for w in gloss if len(w) >= MIN_GLOSS_WORD], "counterpart")


def holder(f: Finding, lang: str) -> tuple[str, str]:
    """The unit id and cell name ("" for the text) holding a finding's evidence on one side; an
    empty unit id where the finding does not say (it concerns the whole unit)."""
    for sid in f.sentences:
        if sid.startswith(f"{lang}-"):
            if "#" in sid:
                uid, _, cell = sid.partition("#")
                return uid, cell
            return sid.rsplit(".", 1)[0], ""
    return "", ""
