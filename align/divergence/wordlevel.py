"""Detectors that read words: untranslated spans, list items, negation and modality, terminology,
and sentences linked to a sentence that says something else.

Each looks at one sentence link (`SentencePair`: both sides word-aligned) and reports with the
exact words, their offsets in the unit text, and a gloss of them in the other language.
"""
from __future__ import annotations

import math
import re

from ruzh.align.divergence import polarity
from ruzh.align.divergence.detectors import Context, _language, _other, missing_names, sentence_detector
from ruzh.align.divergence.evidence import SentencePair, finding_at
from ruzh.align.divergence.model import Finding
from ruzh.align.divergence.names import RU_ACRONYM
from ruzh.align.divergence.spans import Span, coverage, is_list_item, untranslated_span, untranslated_tail, without
from ruzh.align.lexicon import words_of
from ruzh.align.words import short_form_span

# Thresholds chosen on the UN test set with injected changes (benchmarks/bench_divergence.py),
# for a false-alarm rate near 2% of untouched lines; the dev set checks them.
MIN_VALUE = 1.5  # an untranslated span holds at least this much meaning (about three words)
TAIL_MIN_VALUE = 0.8  # ... or a last clause this much, most of its words without a partner
CELL_MIN_VALUE = 0.8  # in a list of bodies every word is one (on the sample: таможенные службы, 0.84)
MIN_COVERAGE = 0.65  # ... while the other side is this well translated (else the link itself is bad)
LEAVE_OUT_GAIN = 0.0  # ... and the other side is no less similar to this one without the span
CLAUSE_WORDS = 4  # a span with this many content words is a clause
MAJOR_VALUE = 2.0  # a clause or a name is a major when its span holds this much untranslated meaning
MISMATCH = 0.3  # sentences less similar than this, with little of either translated, say different things
MISMATCH_COVERAGE = 0.45
MISMATCH_WORDS = 5  # a heading or a short line is too short to tell
SURE_PARTNER = 0.8  # a word-alignment score this high is a translation, not a guess
PARTNER_NEGATED = 0.5  # ... and a negated word's partner must be at least this good
# Taking a flipped negation out must bring the two versions nearer by at least this (cosine): where the
# other version says the same negatively in other words (безнаказанность / 不受惩罚), it takes them apart.
# Chosen on the test set and the dev set's first half (README, Benchmarks: what it costs and saves).
NEGATION_GAIN = 0.004
ZH_BODIES = ("组织", "署", "委员会", "理事会", "基金", "基金会", "银行", "机构", "办事处", "法院", "议会", "部", "局")


def _confidence(x: float, middle: float, slope: float) -> float:
    """A logistic map of a detector's evidence to 0..1, 0.5 at `middle`."""
    return 1 / (1 + math.exp(-slope * (x - middle)))


# ---------------------------------------------------------------- untranslated words and list items

@sentence_detector("content")
def untranslated(sp: SentencePair, ctx: Context) -> list[Finding]:
    """A run of words of one version that nothing in the other translates (added or omitted content),
    which the other version is no nearer to with it than without it (the leave-out test)."""
    out = []
    for span in _candidates(sp):
        if sp.cell or _leave_out_gain(sp, span, ctx) >= LEAVE_OUT_GAIN:
            out.append(_span_finding(sp, span, ctx))
    return out


def _candidates(sp: SentencePair) -> list[Span]:
    """The untranslated spans worth a finding by the word links alone (worked out once per link)."""
    if "untranslated" not in sp.derived:
        least = CELL_MIN_VALUE if sp.cell else MIN_VALUE
        spans = [_span_or_tail(sp, lang, least) for lang in ("ru", "zh")]
        sp.derived["untranslated"] = [s for s in spans if s is not None and s.coverage_other >= MIN_COVERAGE]
    return sp.derived["untranslated"]


def _span_or_tail(sp: SentencePair, lang: str, least: float) -> Span | None:
    """The maximum-value run if it holds enough meaning, else the last clause if it does."""
    span = untranslated_span(sp, lang)
    if span is not None and span.value >= least:
        return span
    tail = None if sp.cell else untranslated_tail(sp, lang)
    return tail if tail is not None and tail.value >= TAIL_MIN_VALUE else None


def _leave_out_gain(sp: SentencePair, span: Span, ctx: Context) -> float:
    """How much nearer the other version's sentence is to this one without the span (cosine).
    A span the other version does say, in words the word links missed, takes meaning away when
    it is cut, so the gain is below zero; an untranslated one is noise, and cutting it gains."""
    return _gain(ctx, sp.side(span.lang).text, without(sp, span), sp.side(_other(span.lang)).text)


def _gain(ctx: Context, text: str, changed: str, other: str) -> float:
    """How much nearer `other` is to `changed` than to `text` (a difference of cosines)."""
    full, cut, theirs = ctx.embed([text, changed, other])
    return float((cut - full) @ theirs)


def _texts_to_embed(sp: SentencePair) -> list[str]:
    if sp.cell:
        return []
    return [without(sp, span) for span in _candidates(sp)]


untranslated.texts = _texts_to_embed  # embedded with the document's sentences, in one batch


def _named(span: Span) -> bool:
    """A span holding a name: a proper noun, an acronym, a capitalized word inside the Russian
    sentence, or a Chinese body (…组织, …署, …委员会)."""
    return any(w.pos == "PROPN" or (len(w.text) > 1 and w.text.isupper())
               or (span.lang == "ru" and w.text[:1].isupper() and w.start > 0)
               or (span.lang == "zh" and w.text.endswith(ZH_BODIES)) for w in span.content)


def _span_finding(sp: SentencePair, span: Span, ctx: Context) -> Finding:
    lang, other = span.lang, _other(span.lang)
    names = missing_names(span.text, lang, sp.side(other).text, ctx)
    listed = is_list_item(sp, span) and len(span.content) <= 6
    clause = len(span.content) >= CLAUSE_WORDS
    named = bool(names) or _named(span) or any(w.pos == "NUM" for w in span.content)
    confidence = _confidence(span.value * span.coverage_other, 1.2, 2.5)
    severity = "major" if (clause or named) and span.value >= MAJOR_VALUE else "minor"
    if sp.cell and len(span.content) >= 2:
        severity = "major"  # a body («таможенные службы») one version's list of participants or executors lacks
    kind = "cells" if sp.cell else "lists" if listed and not clause else "content"
    what = "list item" if kind == "lists" else "words" if not clause else "clause"
    finding = finding_at(kind, sp, lang, span.start, span.end, severity, min(1.0, span.value / 3), confidence,
                         "", words=span.words)
    hint = f" (≈ «{finding.zh_gloss}»)" if finding.zh_gloss else ""  # a gloss for the reader of Russian only
    where = f"{sp.cell} list" if sp.cell else "text"
    finding.message = (f"The {_language(lang)} {where} has the {what} «{span.text}»{hint}, which the "
                       f"{_language(other)} {where} does not translate.")
    return finding


# ---------------------------------------------------------------- negation and modality

@sentence_detector("negation")
def polarity_flipped(sp: SentencePair, ctx: Context) -> list[Finding]:
    """A word negated in one version whose partner in the other is not; obligation against permission."""
    out = []
    for lang in ("ru", "zh"):
        other = _other(lang)
        theirs = polarity.negations(sp, other)
        if polarity.negations(sp, lang) <= theirs:
            continue  # the other side negates as often: a negation rendered otherwise
        for k in polarity.markers(sp, lang):
            j = polarity.partner(sp, lang, k)
            if j is None or polarity.negated(sp.tokens(other), j, other):
                continue
            if _score(sp, lang, k, j) < (SURE_PARTNER if theirs else PARTNER_NEGATED):
                continue  # only a good partner shows that the word is there, and not negated
            word, partner = sp.tokens(lang)[k], sp.tokens(other)[j]
            start = _marker_start(sp, lang, k)
            affirmed = polarity.without_negation(sp.side(lang).text, start, word.end, lang)
            if affirmed != sp.side(lang).text and _gain(ctx, sp.side(lang).text, affirmed, sp.side(other).text) < NEGATION_GAIN:
                continue  # the other version renders the negation otherwise: denying it takes them apart
            message = (f"The {_language(lang)} text negates «{sp.side(lang).text[start:word.end]}», the "
                       f"{_language(other)} text does not («{partner.text}»).")
            out.append(finding_at("negation", sp, lang, start, word.end, "major", 0.85, 0.8, message, side="both",
                                  words=[word]))
    out += _modality(sp)
    return out


def _score(sp: SentencePair, lang: str, k: int, j: int) -> float:
    return float(sp.words.scores[k, j] if lang == "ru" else sp.words.scores[j, k])


def _marker_start(sp: SentencePair, lang: str, k: int) -> int:
    """Where the negation of word k begins: its marker, or the word itself."""
    words = sp.tokens(lang)
    for i in range(k - 1, max(-1, k - 1 - polarity.NEAR), -1):
        if words[i].key in polarity.RU_NEGATIONS or (lang == "zh" and polarity.zh_negating(words[i].text)):
            return words[i].start
    return words[k].start


def _modality(sp: SentencePair) -> list[Finding]:
    """An obligation whose partner in the other version is a permission («должны» — 可以)."""
    for lang, (must, may) in (("ru", (polarity.RU_OBLIGATION, polarity.ZH_POSSIBILITY)),
                              ("zh", (polarity.ZH_OBLIGATION, polarity.RU_POSSIBILITY))):
        other = _other(lang)
        obliged_other = polarity.modality(sp, other)[0]
        for k, word in enumerate(sp.tokens(lang)):
            if polarity.modal(word) not in must or obliged_other or _before_a_remark(sp.tokens(lang), k):
                continue
            j = _nearest(sp, lang, k, may)
            if j is None:
                continue
            message = (f"The {_language(lang)} text obliges («{word.text}») where the {_language(other)} text only "
                       f"permits («{sp.tokens(other)[j].text}»).")
            return [finding_at("negation", sp, lang, word.start, word.end, "major", 0.8, 0.75, message, side="both",
                               words=[word])]
    return []


def _before_a_remark(words: list, k: int) -> bool:
    """«Можно отметить», 应该指出 ("it should be noted"): a formula that introduces a remark, no modality of content."""
    return any(w.key in polarity.REMARKS for w in words[k + 1 : k + 3])


def _nearest(sp: SentencePair, lang: str, k: int, keys: set[str]) -> int | None:
    """A word of the other side among `keys` in the place of word k: linked to the word k modifies."""
    other_words = sp.tokens(_other(lang))
    candidates = [j for j, w in enumerate(other_words) if polarity.modal(w) in keys]
    if not candidates:
        return None
    verb = next((i for i in range(k + 1, min(len(sp.tokens(lang)), k + 4)) if sp.tokens(lang)[i].content), None)
    if verb is None:
        return None
    target = polarity.partner(sp, lang, verb)
    return next((j for j in candidates if target is not None and 0 < target - j <= 3), None)


# ---------------------------------------------------------------- terminology

@sentence_detector("terms")
def term_not_used(sp: SentencePair, ctx: Context) -> list[Finding]:
    """A term-base term in one version whose equivalent the linked text of the other lacks (Xbench's check).

    Against the glossary built from the document itself the finding is for information (the
    document's own habits vary); against a term base the user passes, it is minor."""
    out = []
    severity = "minor" if ctx.termbase else "info"
    fuzzy = not ctx.termbase  # a term base prescribes its forms; the glossary only observes the document's
    for index in ctx.term_index.in_either(sp.ru.text, sp.zh.text):
        ru_forms, zh_forms = ctx.term_pairs[index]
        ru_hit = _find(ru_forms, sp.ru.text, "ru")
        zh_hit = _find(zh_forms, sp.zh.text, "zh", fuzzy)
        if zh_hit and _inside_a_word(sp, *zh_hit):
            zh_hit = None  # 联合国 inside 联合国教科文组织 is part of another name, not the term
        if bool(ru_hit) == bool(zh_hit):
            continue
        lang, (start, end), partners = ("ru", ru_hit, zh_forms) if ru_hit else ("zh", zh_hit, ru_forms)
        other = _other(lang)
        if _find(partners, sp.neighbours.get(other, ""), other, fuzzy):
            continue  # the neighbouring sentence has it: the versions cut sentences differently
        if fuzzy and _words_there(partners, sp, other):
            continue  # its words are there, shared out: «государств-членов, наблюдателей ... ШОС» for 上合组织成员国
        hit = sp.side(lang).text[start:end]
        message = (f"The {_language(lang)} text uses the term «{hit}», but the {_language(other)} text does not "
                   f"use its term-base equivalent «{partners[0]}».")
        finding = finding_at("terms", sp, lang, start, end, severity, 0.4, 0.5, message)
        setattr(finding, f"{lang}_gloss", partners[0])
        out.append(finding)
    return _outermost(out)


def _outermost(found: list[Finding]) -> list[Finding]:
    """The findings whose evidence no other finding's evidence holds («государств-членов» inside
    «государств-членов ШОС» is one missing term, not two)."""
    def inside(f: Finding, g: Finding) -> bool:
        a, b = f.ru_offsets or f.zh_offsets, g.ru_offsets or g.zh_offsets
        return f is not g and f.side == g.side and f.sentences == g.sentences and b[0] <= a[0] and a[1] <= b[1] \
            and (a[0], a[1]) != (b[0], b[1])
    return [f for f in found if not any(inside(f, g) for g in found)]


def _inside_a_word(sp: SentencePair, start: int, end: int) -> bool:
    """Whether text[start:end] of the Chinese side lies inside one longer word."""
    return any(w.start <= start and end <= w.end and w.end - w.start > end - start for w in sp.tokens("zh"))


def _words_there(forms, sp: SentencePair, lang: str) -> bool:
    """Whether every word of one of the forms occurs in the side, in any order and apart (Russian
    by lemma, prepositions and conjunctions aside, an acronym also spelt out). A sentence often
    names several terms with their shared word once, or drops a qualifier it already has
    (常驻秘书处 after 上合组织)."""
    text, keys = sp.side(lang).text, {w.key for w in sp.tokens(lang)}
    keys |= {part for key in keys for part in key.split("-")}  # «наблюдатели» in «государствами-наблюдателями»
    for form, words in zip(forms, words_of(list(forms), lang)):
        if lang == "zh":
            there = all(w in text for w in words)
        else:
            spelt = {a.lower() for a in RU_ACRONYM.findall(form) if _spelt_out(a, text)}  # ШОС written out
            there = all(w in keys or w in spelt for w in words if len(w) > 2)
        if form and words and there:
            return True
    return False


def _spelt_out(acronym: str, text: str) -> bool:
    """Whether the text writes the acronym out in full: «Шанхайской организации сотрудничества» for ШОС."""
    initials = "".join(w[0] for w in re.findall(r"\w+", text) if len(w) > 2).upper()
    return acronym in initials


def _find(forms, text: str, lang: str, fuzzy: bool = True) -> tuple[int, int] | None:
    """Where the first of the forms occurs in text (`fuzzy`: a Chinese short form also as its full form)."""
    for form in forms:
        if not form:
            continue
        k = text.find(form)
        if k >= 0:
            return k, k + len(form)
        found = short_form_span(form, text) if fuzzy and lang == "zh" else None
        if found:
            return found
    return None


# ---------------------------------------------------------------- a sentence linked to another sentence

def _cased(text: str) -> str:
    """A heading in capitals, in ordinary case: the encoder reads «ВЗАИМОДЕЙСТВИЕ» poorly."""
    return text.capitalize() if text.isupper() else text


@sentence_detector("mismatch")
def different_sentences(sp: SentencePair, ctx: Context) -> list[Finding]:
    """Linked sentences that say different things: low similarity, and little of either translated."""
    if sp.cell or min(sum(w.content for w in sp.tokens(lang)) for lang in ("ru", "zh")) < MISMATCH_WORDS:
        return []
    similarity = float(ctx.embed([_cased(sp.ru.text)])[0] @ ctx.embed([sp.zh.text])[0])
    cover = max(coverage(sp, "ru"), coverage(sp, "zh"))
    if similarity >= MISMATCH or cover >= MISMATCH_COVERAGE:
        return []
    confidence = _confidence(MISMATCH - similarity + MISMATCH_COVERAGE - cover, 0.1, 12)
    message = (f"These sentences say different things (similarity {similarity:.2f}): one of them is not a "
               f"translation of the other.")
    out = finding_at("mismatch", sp, "ru", 0, len(sp.ru.text), "major", 0.9, confidence, message, side="both")
    out.zh_span, out.zh_offsets = sp.zh.text, list(sp.zh.locate(0, len(sp.zh.text))[1:])
    return [out]
