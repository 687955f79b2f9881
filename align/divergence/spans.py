"""Words of one version with no partner in the other, grouped into the span a reviewer reads as one thing.

Each content word gets a value: positive when the word alignment found it no partner (the
further below `PARTNER`, the more), negative when it found one, weighed by how rarely
translators leave the word out (the lexicon's null rate: «также», 进行 weigh little). The span
reported is the contiguous run of words with the largest total value, the maximum-sum segment
(Kadane's algorithm): a deleted clause or a dropped list item is one span, not a scatter of
words, and a well-translated word inside it breaks it only if it outweighs its neighbours.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from ruzh.align.divergence.detectors import _other
from ruzh.align.divergence.evidence import SentencePair
from ruzh.align.lexicon import load_lexicon
from ruzh.align.words import PARTNER, Word

ZH_MOST = 3.0  # the most words of meaning one Chinese word counts for
LIST_SEPARATOR = r"(?:[,;、，；]|\s(?:и|или)\s|[和及与或])"  # between the items of an enumeration
CLAUSE_BOUNDARY = re.compile(r"[,;:，；：]|\s[-–—]+\s")
TAIL_SHARE = 0.6  # a last clause holds at most this share of its sentence's content words (else it is the sentence)
TAIL_UNPARTNERED = 0.5  # ... and at least this share of its words have no partner


@dataclass
class Span:
    """A run of unpartnered words in one side of a sentence link."""

    lang: str
    start: int  # offsets in the side's joined text
    end: int
    text: str
    words: list[Word]
    value: float  # the segment's total value: how much untranslated meaning it holds
    coverage_other: float  # the mean partner score of the other side's content words (1: all translated)

    @property
    def content(self) -> list[Word]:
        return [w for w in self.words if w.content]


def word_values(sp: SentencePair, lang: str) -> np.ndarray:
    """Each word's value: (PARTNER - its best partner score) x (1 - its null rate) x its `weight`;
    0 for function words."""
    lexicon = load_lexicon()
    best = np.minimum(sp.words.best(lang), 1.0)
    return np.array([(1 - lexicon.null_rate(lang, w.key)) * (PARTNER - b) * weight(w, lang) if w.content else 0.0
                     for w, b in zip(sp.tokens(lang), best)])


def weight(word: Word, lang: str) -> float:
    """How many words of meaning a word holds: jieba keeps a name whole (联合国开发计划署 is one
    word, «Программы развития Организации Объединенных Наций» five), so a Chinese word counts
    one for every two characters, from one to three."""
    return 1.0 if lang == "ru" else min(ZH_MOST, max(1.0, len(word.text) / 2))


def untranslated_span(sp: SentencePair, lang: str) -> Span | None:
    """The maximum-value run of words of one side, or None when every word has a partner."""
    words = sp.tokens(lang)
    if not words:
        return None
    values = word_values(sp, lang)
    total, running, begin, best = 0.0, 0.0, 0, (0, 0)
    for k, v in enumerate(values):
        if running <= 0:
            running, begin = 0.0, k
        running += v
        if running > total:
            total, best = running, (begin, k + 1)
    if total <= 0:
        return None
    chosen = words[best[0] : best[1]]
    text = sp.side(lang).text
    start, end = chosen[0].start, chosen[-1].end
    return Span(lang, start, end, text[start:end], chosen, float(total), coverage(sp, _other(lang)))


def untranslated_tail(sp: SentencePair, lang: str) -> Span | None:
    """The sentence's last clause (from a comma, a semicolon, a colon or a dash to the end) with
    the largest value, where most of its words have no partner: a clause the other version
    leaves out or adds at the end, which the maximum-value run misses when a word or two of it
    found a partner elsewhere in the sentence («в том числе вопросов безопасности и гуманитарных
    вопросов» where the Chinese says 安全 and 问题 in other places)."""
    words, values = sp.tokens(lang), word_values(sp, lang)
    content = [k for k, w in enumerate(words) if w.content]
    text = sp.side(lang).text
    best: Span | None = None
    for boundary in CLAUSE_BOUNDARY.finditer(text):
        tail = [k for k in content if words[k].start >= boundary.end()]
        if not 2 <= len(tail) <= TAIL_SHARE * len(content):
            continue
        if sum(values[k] > 0 for k in tail) < TAIL_UNPARTNERED * len(tail):
            continue
        value = float(sum(values[k] for k in tail))
        if best is None or value > best.value:
            chosen = words[tail[0] :]
            start, end = chosen[0].start, chosen[-1].end
            best = Span(lang, start, end, text[start:end], chosen, value, 0.0)
    if best is not None:
        best.coverage_other = coverage(sp, _other(lang))
    return best


def coverage(sp: SentencePair, lang: str) -> float:
    """The mean partner score (capped at 1) of a side's content words: how much of it is translated."""
    best = [min(float(b), 1.0) for w, b in zip(sp.tokens(lang), sp.words.best(lang)) if w.content]
    return float(np.mean(best)) if best else 1.0


def is_list_item(sp: SentencePair, span: Span) -> bool:
    """Whether the span is one item of an enumeration: a list separator on one edge, another in the sentence."""
    text = sp.side(span.lang).text
    left, right = text[max(0, span.start - 6) : span.start], text[span.end : span.end + 6]
    before = re.search(LIST_SEPARATOR + r"\s*$", " " + left)
    after = re.match(r"\s*" + LIST_SEPARATOR, right + " ")
    return bool(before and after) or bool((before or after) and len(re.findall(r"[,、，;；]", text)) >= 1)


def without(sp: SentencePair, span: Span) -> str:
    """The side's text with the span cut out."""
    text = sp.side(span.lang).text
    return (text[: span.start] + (" " if span.lang == "ru" else "") + text[span.end :]).strip()
