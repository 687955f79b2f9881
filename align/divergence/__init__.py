"""Semantic divergences between the two versions, for QA reviewers.

    >>> findings = detect_divergences(doc, alignment, encoder, names, term_pairs)   # majors first

Every sentence link is word-aligned first (`align.words`): the detectors stand on which words
of one version have a partner in the other. `names` are the glossary's names and `term_pairs`
its terms (or a term base's), as (Russian forms, Chinese forms), passed in by the caller: the
glossary is built on top of `align`, so this package takes its terms as data.
"""
from __future__ import annotations

from tqdm import tqdm

from ruzh.align.divergence import calibration, report, wordlevel  # noqa: F401  (wordlevel registers its detectors)
from ruzh.align.divergence.detectors import (DOCUMENT_DETECTORS, PAIR_DETECTORS, SENTENCE_DETECTORS, Context,
                                        UnitPair)
from ruzh.align.divergence.evidence import sentence_pairs
from ruzh.align.divergence.model import SEVERITIES, Finding
from ruzh.align.divergence.names import country_tags
from ruzh.align.document import Alignment
from ruzh.align.encoders import Encoder
from ruzh.align.words import WordAligner
from ruzh.corpus import Document
from ruzh.corpus.nlp import retag_words

__all__ = ["Finding", "SEVERITIES", "detect_divergences", "filter_findings", "glossary_names", "glossary_terms",
           "report", "unit_pairs"]

NEAR = 2  # links either side in which a unit linked to nothing may hold what a pair seems to lack
Terms = list[tuple[list[str], list[str]]]


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


def detect_divergences(doc: Document, alignment: Alignment, encoder: Encoder, terms: Terms | None = None,
                       term_pairs: Terms | None = None, aligner: WordAligner | None = None,
                       termbase: bool = False, calibrate: bool = True) -> list[Finding]:
    """Every finding of every detector, one per piece of evidence, majors first. `termbase`: the
    term pairs are a term base the user gave (not the document's own glossary); `calibrate`: turn
    each detector's confidence into the probability fitted on labelled findings (`calibration`)."""
    retag_words(country_tags())  # as a glossary build tags them, so that findings do not depend on one
    ctx = Context(doc, alignment, encoder, terms or [], doc.sentence_texts(), term_pairs=term_pairs or [],
                  termbase=termbase)
    findings = [f for detect in DOCUMENT_DETECTORS.values() for f in detect(ctx)]
    pairs = unit_pairs(doc, alignment)
    linked = sentence_pairs(doc, pairs, aligner or WordAligner(encoder, terms=term_pairs or []))
    texts = [text for sp in linked for text in (sp.ru.text, sp.zh.text)]
    texts += [text for sp in linked for detect in SENTENCE_DETECTORS.values() if hasattr(detect, "texts")
              for text in detect.texts(sp)]  # what the detectors will compare, said beforehand
    ctx.embed(texts or [""])  # one batch for the document
    bar = tqdm(linked, desc="Looking for divergences", unit=" sentences", leave=False,
               disable=None if len(linked) > 500 else True)
    for sp in bar:
        for detect in SENTENCE_DETECTORS.values():
            findings += _front_matter_checked(sp.pair, detect(sp, ctx))
    for pair in pairs:
        for detect in PAIR_DETECTORS.values():
            findings += _front_matter_checked(pair, detect(pair, ctx))
    if calibrate:
        for f in findings:
            if f.confidence is not None:
                f.confidence = calibration.calibrated(f.kind, f.confidence)
    return sorted(_without_repeats(findings), key=Finding.sort_key)


def _front_matter_checked(pair: UnitPair, found: list[Finding]) -> list[Finding]:
    """The cover page, decision and signatures are checked, but nothing in them is a major."""
    if all(u.kind == "front" for u in pair.ru + pair.zh):
        for f in found:
            f.severity = "minor" if f.severity == "major" else f.severity
    return found


def filter_findings(findings: list[Finding], min_severity: str = "info", min_confidence: float = 0.0) -> list[Finding]:
    """The findings at least as severe as `min_severity` and at least as confident as `min_confidence`."""
    rank = SEVERITIES.index(min_severity)
    return [f for f in findings if SEVERITIES.index(f.severity) <= rank
            and (f.confidence is None or f.confidence >= min_confidence)]


def glossary_names(entries, min_score: float = 0.6) -> Terms:
    """The glossary entries that are names (an acronym in the Russian term), as detector evidence.

    Common words are left out: a derived form («сепаратистских» for «сепаратизм») would look
    like a missing term.
    """
    return [_forms(e) for e in entries if e.score >= min_score and any(w.isupper() and len(w) > 1 for w in e.ru.split())]


def glossary_terms(entries, min_score: float = 0.8, min_freq: int = 3) -> Terms:
    """The glossary entries sure and frequent enough to check every sentence against (the `terms`
    detector): the Russian term in its forms, the Chinese term alone (its listed variants may be
    fragments or short forms)."""
    return [(list(dict.fromkeys([e.ru] + list(e.ru_forms))), [e.zh])
            for e in entries if e.score >= min_score and e.freq >= min_freq]


def _forms(entry) -> tuple[list[str], list[str]]:
    return (list(dict.fromkeys([entry.ru] + list(entry.ru_forms))), list(dict.fromkeys([entry.zh] + list(entry.zh_forms))))


def _without_repeats(findings: list[Finding]) -> list[Finding]:
    """One finding per piece of evidence: a name inside a reported span is not reported again."""
    kept: list[Finding] = []
    for f in sorted(findings, key=lambda f: (f.kind not in ("content", "mismatch"), Finding.sort_key(f))):
        span = f.ru_span or f.zh_span
        if span and any(k.ru == f.ru and k.zh == f.zh and k.side in (f.side, "both") and span in (k.ru_span or k.zh_span)
                        for k in kept):
            continue
        kept.append(f)
    return kept
