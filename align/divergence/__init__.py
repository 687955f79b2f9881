"""Semantic divergences between the two versions, for QA reviewers.

    >>> findings = detect_divergences(doc, alignment, encoder, terms)   # majors first

`terms` are glossary names as (Russian forms, Chinese forms), passed in by the caller: the
glossary is built on top of `align`, so this package takes its terms as data.
"""
from __future__ import annotations

from align.divergence.detectors import DOCUMENT_DETECTORS, PAIR_DETECTORS, PREPARERS, Context, UnitPair
from align.divergence import report
from align.divergence.model import SEVERITIES, Finding
from align.document import Alignment
from align.encoders import Encoder
from corpus import Document

__all__ = ["Finding", "SEVERITIES", "detect_divergences", "glossary_names", "report", "unit_pairs"]


NEAR = 2  # links either side in which a unit linked to nothing may hold what a pair seems to lack


def unit_pairs(doc: Document, alignment: Alignment) -> list[UnitPair]:
    """The unit links with both sides, each with the sentence links inside it."""
    pairs = []
    owner = {}
    links = alignment.units
    for k, link in enumerate(links):
        if link.ru and link.zh:
            pair = UnitPair([doc.unit(i) for i in link.ru], [doc.unit(i) for i in link.zh])
            for neighbour in links[max(0, k - NEAR) : k] + links[k + 1 : k + 1 + NEAR]:
                if not (neighbour.ru and neighbour.zh):
                    pair.unlinked_neighbours += [doc.unit(i) for i in neighbour.ru + neighbour.zh]
            pairs.append(pair)
            for uid in link.ru + link.zh:
                owner[uid] = pair
    for link in alignment.sentences:
        first = (link.ru or link.zh)[0].rsplit(".", 1)[0]
        if first in owner:
            owner[first].sentences.append(link)
    return pairs


def detect_divergences(doc: Document, alignment: Alignment, encoder: Encoder,
                       terms: list[tuple[list[str], list[str]]] | None = None) -> list[Finding]:
    """Every finding of every detector, one per piece of evidence, majors first."""
    ctx = Context(doc, alignment, encoder, terms or [], doc.sentence_texts())
    findings = [f for detect in DOCUMENT_DETECTORS.values() for f in detect(ctx)]
    pairs = unit_pairs(doc, alignment)
    ctx.embed([t for prepare in PREPARERS for t in prepare(pairs, ctx)] or [""])  # one batch for the document
    for pair in pairs:
        for detect in PAIR_DETECTORS.values():
            found = detect(pair, ctx)
            if all(u.kind == "front" for u in pair.ru + pair.zh):
                for f in found:  # the cover page, decision and signatures: checked, but not majors
                    f.severity = "minor" if f.severity == "major" else f.severity
            findings += found
    return sorted(_without_repeats(findings), key=Finding.sort_key)


def glossary_names(entries, min_score: float = 0.6) -> list[tuple[list[str], list[str]]]:
    """The glossary entries that are names (an acronym in the Russian term), as detector evidence.

    Common words are left out: a derived form («сепаратистских» for «сепаратизм») would look
    like a missing term.
    """
    out = []
    for e in entries:
        words = e.ru.split()
        if e.score >= min_score and any(w.isupper() and len(w) > 1 for w in words):
            out.append((list(dict.fromkeys([e.ru] + list(e.ru_forms))), list(dict.fromkeys([e.zh] + list(e.zh_forms)))))
    return out


def _without_repeats(findings: list[Finding]) -> list[Finding]:
    """One finding per piece of evidence: a name inside a reported clause is not reported again."""
    kept: list[Finding] = []
    for f in sorted(findings, key=lambda f: (f.kind != "content", Finding.sort_key(f))):
        span = f.ru_span or f.zh_span
        if span and any(k.ru == f.ru and k.zh == f.zh and k.side == f.side and span in (k.ru_span or k.zh_span)
                        for k in kept):
            continue
        kept.append(f)
    return kept
