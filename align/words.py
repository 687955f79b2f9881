"""Word links inside linked sentences: which Russian words a Chinese word translates, and back.

    >>> wa = word_links("Проведение ежегодных встреч министров", "每年举行部长会晤")
    >>> [(wa.ru[i].text, wa.zh[j].text) for i, j, _ in wa.links]
    [('встреч', '举行'), ('встреч', '会晤'), ('министров', '部长')]
    >>> wa.best("ru").round(2)        # «ежегодных» (annual) has no sure partner in 每年 (every year)

Every pair of words gets a score in 0..1, the strongest of the sources of evidence:

- `document`: how strongly the two words go together in the document's own linked sentences
  (the Dice coefficient over the sentence pairs, from two co-occurrences up): it learns the
  document's habits (Реализация — 落实, ШОС — 上合组织), and lifts a pair the others already credit;
- `lexicon`: how often eflomal linked the Russian lemma to the Chinese word (or a part of it:
  外交部长 holds 外交 and 部长) in the UN Parallel Corpus (`align.lexicon`);
- `embedding`: the cosine of the two words' USE-m3 embeddings, rescaled so that the cosine of
  unrelated words (about 0.35) is 0 and that of dictionary translations (0.75 and up) is 1;
- `term`: a pair of the document's glossary found in both sentences links all its words;
- `same`: the same number or Latin word on both sides, or a Russian name and its spelling by
  sound on the Chinese side, in Latin letters or in Chinese characters (`align.transliteration`).

A word *has a partner* when its best score, among the pairs competitive linking keeps, reaches
`PARTNER`. Links are the pairs above that threshold that are the best for at least one of their
two words (SimAlign's argmax, in both directions).
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
from tqdm import tqdm

from ruzh.align.lexicon import Lexicon, load_lexicon, word_key
from ruzh.align.transliteration import latin_scores, name_scores

SOURCES = ("lexicon", "embedding", "same", "term", "document")
OPTIONAL_SOURCES = ("dictionary",)  # CC-CEDICT's English glosses as a pivot: `ruzh[dictionary]`, not on by default
PARTNER = 0.5  # a word whose best score reaches this has a counterpart
# Words that go together in a document's sentences need not translate each other (both may
# translate a third): co-occurrence lifts a pair the other sources give some credit to.
MIN_LIFTED = 0.15
MIN_TOGETHER = 2  # co-occurrences below this are chance
CAPACITY = 3  # a word may translate up to this many words of the other side (государств-членов: 成员国, 国)
HABIT = 0.6  # two words this often together in a document are its way of translating one by the other
DISTORTION = 0.05  # how much a pair far from the diagonal loses when competitive linking ranks pairs
COSINE_FLOOR, COSINE_FULL = 0.35, 0.75  # embedding cosines rescaled from this range to 0..1
GLOSS_FLOOR, GLOSS_FULL = 0.55, 0.9  # ... and those of a Russian lemma and an English gloss (bench_words.py)
CONTENT_POS = {"NOUN", "PROPN", "ADJ", "VERB", "NUM", "ADV"}
DIGITS = re.compile(r"\d+(?:[.,]\d+)?")
WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Word:
    """A token of one sentence, with the key the lexicon and the embeddings know it by."""

    text: str
    key: str  # Russian lemma in lower case, Chinese word
    pos: str
    start: int  # character offsets in the sentence
    end: int
    content: bool  # a word a translation must render (not punctuation, not a function word)


@dataclass
class WordAlignment:
    """The words of a Russian and a Chinese sentence, their score matrix and links."""

    ru: list[Word]
    zh: list[Word]
    scores: np.ndarray  # (len(ru), len(zh)), 0..1
    links: list[tuple[int, int, float]] = field(default_factory=list)
    _linked: np.ndarray | None = field(default=None, repr=False)

    def best(self, lang: str) -> np.ndarray:
        """Each word's best score among the partners competitive linking leaves it (0 for none)."""
        if self.scores.size == 0:
            return np.zeros(len(self.ru if lang == "ru" else self.zh))
        if self._linked is None:
            self._linked = competitive_links(self.scores, ru_keys=[w.key for w in self.ru],
                                             zh_keys=[w.key for w in self.zh])
        return self._linked.max(axis=1 if lang == "ru" else 0)

    def frame(self):
        """The links as a pandas DataFrame: Russian word, Chinese word, score."""
        import pandas as pd

        return pd.DataFrame([{"ru": self.ru[i].text, "zh": self.zh[j].text, "score": round(s, 3)}
                             for i, j, s in self.links])


def unknown_sources(sources: Sequence[str]) -> list[str]:
    """The names among `sources` that are no word-link source."""
    return [s for s in sources if s not in SOURCES + OPTIONAL_SOURCES]


def _rescaled(cosine: np.ndarray, floor: float, full: float) -> np.ndarray:
    """Cosines mapped from [floor, full] to [0, 1], clipped."""
    return np.clip((cosine - floor) / (full - floor), 0, 1)


class WordAligner:
    """Word links for many sentence pairs at once (one embedding batch for all their words)."""

    def __init__(self, encoder, lexicon: Lexicon | None = None,
                 terms: Sequence[tuple[Sequence[str], Sequence[str]]] = (), sources: Sequence[str] = SOURCES):
        if unknown := unknown_sources(sources):
            raise ValueError(f"unknown word-link sources {unknown}: choose from {SOURCES + OPTIONAL_SOURCES}")
        self.encoder = encoder
        self.sources = tuple(sources)
        self.lexicon = lexicon if lexicon is not None else load_lexicon()
        self.terms = [(list(ru), list(zh)) for ru, zh in terms]
        self.term_index = TermIndex(self.terms)
        self.vectors: dict[str, np.ndarray] = {}

    def words(self, texts: Sequence[str], lang: str) -> list[list[Word]]:
        """The words of each text, content words marked."""
        from ruzh.corpus import analyze

        out = []
        for tokens in analyze(list(texts), lang):
            words = [t for t in tokens if t.pos != "PUNCT" and t.text.strip()]
            out.append([Word(t.text, word_key(t, lang), t.pos, t.start, t.start + len(t.text),
                             self._content(t, lang) and not (k == 0 and _label(t, tokens)))
                        for k, t in enumerate(words)])
        return out

    def _content(self, token, lang: str) -> bool:
        if token.pos not in CONTENT_POS:
            return False
        return self.lexicon.null_rate(lang, word_key(token, lang)) < 0.5

    def align(self, pairs: Sequence[tuple[str, str]],
              context: Sequence[tuple[str, str]] = ()) -> list[WordAlignment]:
        """A WordAlignment for each (Russian sentence, Chinese sentence); `context` pairs count
        for the document's statistics with them, and are not returned."""
        every = list(pairs) + list(context)
        ru_words = self.words([ru for ru, _ in every], "ru")
        zh_words = self.words([zh for _, zh in every], "zh")
        if "embedding" in self.sources or "dictionary" in self.sources:  # the dictionary needs the Russian lemmas
            sides = ru_words[: len(pairs)] + (zh_words[: len(pairs)] if "embedding" in self.sources else [])
            self._embed({_embedding_key(w) for ws in sides for w in ws if w.content})
        if "dictionary" in self.sources:
            from ruzh.align.dictionary import glosses

            self._embed({g for ws in zh_words[: len(pairs)] for w in ws if w.content for g in glosses(w.key)})
        together = _Cooccurrence(ru_words, zh_words) if "document" in self.sources else None
        bar = tqdm(zip(pairs, ru_words, zh_words), total=len(pairs), desc="Linking words", unit=" sentences",
                   leave=False, disable=None if len(pairs) > 500 else True)
        return [self._align(r, z, ru, zh, together) for (ru, zh), r, z in bar]

    def _embed(self, keys: set[str]) -> None:
        missing = sorted(k for k in keys if k not in self.vectors)
        if missing:
            self.vectors.update(zip(missing, self.encoder.encode(missing)))

    def _align(self, ru: list[Word], zh: list[Word], ru_text: str, zh_text: str,
               together: _Cooccurrence | None) -> WordAlignment:
        scores = np.zeros((len(ru), len(zh)), dtype=np.float32)
        if ru and zh:
            for source in self.sources:
                if source in self._score_by:
                    scores = np.maximum(scores, self._score_by[source](self, ru, zh))
            if "same" in self.sources:
                scores = np.maximum(scores, _same_scores(ru, zh, zh_text))
            if "term" in self.sources:
                self._term_scores(scores, ru, zh, ru_text, zh_text)
            if together is not None:
                dice = together.scores(ru, zh)
                if self.sources == ("document",):  # alone, to compare the sources
                    scores = dice
                else:  # last: it lifts what the others found, and stands alone where it is a habit
                    lifted = np.where(scores >= MIN_LIFTED, np.minimum(scores + dice, 1.0), scores)
                    scores = np.maximum(lifted, np.where(dice >= HABIT, dice, 0))
        return WordAlignment(ru, zh, scores, _argmax_links(scores))

    def _embedding_scores(self, ru: list[Word], zh: list[Word]) -> np.ndarray:
        def matrix(words):
            dim = len(next(iter(self.vectors.values()))) if self.vectors else 1
            return np.stack([self.vectors[_embedding_key(w)] if w.content else np.zeros(dim, np.float32)
                             for w in words])

        if not self.vectors:
            return np.zeros((len(ru), len(zh)), dtype=np.float32)
        return _rescaled(matrix(ru) @ matrix(zh).T, COSINE_FLOOR, COSINE_FULL)

    def _dictionary_scores(self, ru: list[Word], zh: list[Word]) -> np.ndarray:
        """The cosine of a Russian lemma and the nearest English gloss of the Chinese word (CC-CEDICT)."""
        from ruzh.align.dictionary import glosses

        out = np.zeros((len(ru), len(zh)), dtype=np.float32)
        rows = [i for i, w in enumerate(ru) if w.content]
        if not rows:
            return out
        lemmas = np.stack([self.vectors[_embedding_key(ru[i])] for i in rows])
        for j, z in enumerate(zh):
            found = glosses(z.key) if z.content else ()
            if found:
                cosine = (lemmas @ np.stack([self.vectors[g] for g in found]).T).max(axis=1)
                out[rows, j] = _rescaled(cosine, GLOSS_FLOOR, GLOSS_FULL)
        return out

    def _lexicon_scores(self, ru: list[Word], zh: list[Word]) -> np.ndarray:
        out = np.zeros((len(ru), len(zh)), dtype=np.float32)
        rows: dict[str, list[int]] = {}
        for i, r in enumerate(ru):
            rows.setdefault(r.key, []).append(i)
        for j, z in enumerate(zh):
            for part in pieces(z.key):
                known = self.lexicon.translations_of(part)
                for key in (known.keys() & rows.keys()):  # the few lemmas both know, not every pair
                    for i in rows[key]:
                        out[i, j] = max(out[i, j], known[key])
        return out

    def _term_scores(self, scores: np.ndarray, ru: list[Word], zh: list[Word], ru_text: str, zh_text: str) -> None:
        """A glossary pair present in both sentences links every word of the one to every word of the other."""
        for index in self.term_index.in_russian(ru_text):
            ru_forms, zh_forms = self.terms[index]
            ru_span = _find_any(ru_forms, ru_text)
            zh_span = _find_any(zh_forms, zh_text) if ru_span else None
            if ru_span and zh_span:
                rows = [i for i, w in enumerate(ru) if w.start >= ru_span[0] and w.end <= ru_span[1]]
                cols = [j for j, w in enumerate(zh) if w.start >= zh_span[0] and w.end <= zh_span[1]]
                if rows and cols:
                    scores[np.ix_(rows, cols)] = np.maximum(scores[np.ix_(rows, cols)], 0.9)

    _score_by = {"embedding": _embedding_scores, "lexicon": _lexicon_scores, "dictionary": _dictionary_scores}


class _Cooccurrence:
    """The Dice coefficient of a Russian lemma and a Chinese word (or a part of it) over the
    sentence pairs of a document: 2 × pairs with both / (pairs with one + pairs with the other)."""

    def __init__(self, ru_words: list[list[Word]], zh_words: list[list[Word]]):
        self.ru, self.zh, self.both = Counter(), Counter(), Counter()
        for r, z in zip(ru_words, zh_words):
            ru_keys = {w.key for w in r if w.content}
            zh_keys = {p for w in z if w.content for p in pieces(w.key)}
            self.ru.update(ru_keys)
            self.zh.update(zh_keys)
            self.both.update((a, b) for a in ru_keys for b in zh_keys)

    def dice(self, ru: str, zh: str) -> float:
        n = self.both.get((ru, zh), 0)
        return 2 * n / (self.ru[ru] + self.zh[zh]) if n >= MIN_TOGETHER else 0.0

    def scores(self, ru: list[Word], zh: list[Word]) -> np.ndarray:
        out = np.zeros((len(ru), len(zh)), dtype=np.float32)
        for j, z in enumerate(zh):
            if z.content:
                for i, r in enumerate(ru):
                    if r.content:
                        out[i, j] = max(self.dice(r.key, p) for p in pieces(z.key))
        return out


def _embedding_key(word: Word) -> str:
    """What is embedded for a word: the lemma, or the word as written for names and acronyms."""
    return word.text if word.pos == "PROPN" or word.text.isupper() else word.key


def _label(token, tokens) -> bool:
    """A paragraph's number before its text («7. Этот режим»): a label, not content to translate."""
    following = [t for t in tokens if t.start > token.start][:1]
    return token.text.isdigit() and bool(following) and following[0].text in (".", ")")


def _same_scores(ru: list[Word], zh: list[Word], zh_text: str) -> np.ndarray:
    """1 where both sides write the same number or Latin word; 0.9 where a Russian name is
    spelt by sound on the other side, in Latin letters or in Chinese characters (`transliteration`)."""
    out = np.zeros((len(ru), len(zh)), dtype=np.float32)
    for i, r in enumerate(ru):
        if DIGITS.fullmatch(r.text) or r.text.isascii() and r.text.isalpha():
            for j, z in enumerate(zh):
                if z.text == r.text or DIGITS.search(z.text) and DIGITS.search(z.text).group(0) == r.text:
                    out[i, j] = 1.0
    return np.maximum(out, np.maximum(latin_scores(ru, zh), name_scores(ru, zh, zh_text)))


def _find_any(forms: Sequence[str], text: str) -> tuple[int, int] | None:
    """Where the longest of the forms occurs; a Chinese short form also as its full form (上合组织 in 上海合作组织)."""
    for form in sorted(forms, key=len, reverse=True):
        k = text.find(form) if form else -1
        if k >= 0:
            return k, k + len(form)
    for form in forms:
        found = short_form_span(form, text) if _is_chinese(form) else None
        if found:
            return found
    return None


def short_form_span(form: str, text: str) -> tuple[int, int] | None:
    """Where a Chinese short form of three to twelve characters occurs as its full form, each of its
    characters followed by at most two more (上合组织 in 上海合作组织, 上合组织秘书处 in
    上海合作组织秘书处); None where it does not."""
    if not 2 < len(form) <= 12:
        return None
    m = _short_form_pattern(form).search(text)
    return m.span() if m else None


@lru_cache(maxsize=65536)  # re's own cache holds 512 patterns: a large glossary would recompile each time
def _short_form_pattern(form: str) -> re.Pattern:
    return re.compile(".{0,2}".join(map(re.escape, form)))


class TermIndex:
    """Which term pairs may occur in a text, found without trying every term in every sentence
    (which grows as sentences × terms, and a glossary grows with its document).

    A Russian form is filed under its first word, and a text's words are looked up by every
    prefix («членов» finds «член»). A Chinese form is filed under its rarest character among all
    the forms: every occurrence holds it, as a short form's full form holds all its characters
    (上合组织 in 上海合作组织).
    """

    def __init__(self, terms: Sequence[tuple[Sequence[str], Sequence[str]]]):
        self.by_word: dict[str, set[int]] = {}
        self.by_char: dict[str, set[int]] = {}
        frequency = Counter(ch for _, zh_forms in terms for form in zh_forms for ch in set(form))
        for number, (ru_forms, zh_forms) in enumerate(terms):
            for form in ru_forms:
                first = WORD.search(form.casefold())
                if first:
                    self.by_word.setdefault(first.group(), set()).add(number)
            for form in zh_forms:
                if form:
                    self.by_char.setdefault(min(form, key=lambda ch: frequency[ch]), set()).add(number)

    def in_russian(self, text: str) -> list[int]:
        found: set[int] = set()
        for word in set(WORD.findall(text.casefold())):
            for end in range(1, len(word) + 1):
                found.update(self.by_word.get(word[:end], ()))
        return sorted(found)

    def in_chinese(self, text: str) -> list[int]:
        found: set[int] = set()
        for ch in set(text):
            found.update(self.by_char.get(ch, ()))
        return sorted(found)

    def in_either(self, ru_text: str, zh_text: str) -> list[int]:
        return sorted(set(self.in_russian(ru_text)) | set(self.in_chinese(zh_text)))


def competitive_links(scores: np.ndarray, capacity: int = CAPACITY, floor: float = MIN_LIFTED,
                      ru_keys: Sequence[str] = (), zh_keys: Sequence[str] = ()) -> np.ndarray:
    """The scores competitive linking keeps (Melamed 2000): pairs taken best first, in rounds
    that give every word one partner before any gets a second, up to `capacity`. A word of an
    added clause no longer finds a partner in a common word the other sentence has once, and has
    already given to its own translation.

    Among pairs of near-equal score, the one nearer the diagonal (the same relative place in both
    sentences) goes first, and a word takes two occurrences of the same word (`ru_keys`, `zh_keys`)
    only where its own side has fewer of them: a name written twice on both sides («Организации
    Объединенных Наций» ... 联合国 ... twice) pairs first with first and second with second."""
    kept = np.zeros_like(scores)
    rows, cols = scores.shape
    used_ru, used_zh = np.zeros(rows, int), np.zeros(cols, int)
    taken_ru: list[set[str]] = [set() for _ in range(rows)]
    taken_zh: list[set[str]] = [set() for _ in range(cols)]
    ru_keys = list(ru_keys) or [str(i) for i in range(rows)]
    zh_keys = list(zh_keys) or [str(j) for j in range(cols)]
    ru_count, zh_count = Counter(ru_keys), Counter(zh_keys)
    distance = np.abs((np.arange(rows)[:, None] + 0.5) / rows - (np.arange(cols)[None, :] + 0.5) / cols)
    ranked = scores - DISTORTION * distance
    order = [divmod(int(flat), cols) for flat in np.argsort(-ranked, axis=None, kind="stable")
             if scores.flat[flat] >= floor]
    for allowed in range(1, capacity + 1):  # one partner each first, then a second, then a third
        for i, j in order:
            if kept[i, j] or used_ru[i] >= allowed or used_zh[j] >= allowed:
                continue
            if (zh_keys[j] in taken_ru[i] and zh_count[zh_keys[j]] <= ru_count[ru_keys[i]]
                    or ru_keys[i] in taken_zh[j] and ru_count[ru_keys[i]] <= zh_count[zh_keys[j]]):
                continue  # another occurrence is there for it (three «Совета» may share one 会议, two 联合国 not)
            kept[i, j] = scores[i, j]
            used_ru[i] += 1
            used_zh[j] += 1
            taken_ru[i].add(zh_keys[j])
            taken_zh[j].add(ru_keys[i])
    return kept


def _argmax_links(scores: np.ndarray) -> list[tuple[int, int, float]]:
    if scores.size == 0:
        return []
    best_zh, best_ru = scores.argmax(axis=1), scores.argmax(axis=0)
    links = {(i, int(best_zh[i])) for i in range(scores.shape[0])}
    links |= {(int(best_ru[j]), j) for j in range(scores.shape[1])}
    return sorted((i, j, float(scores[i, j])) for i, j in links if scores[i, j] >= PARTNER)


@lru_cache(maxsize=100_000)
def pieces(word: str) -> tuple[str, ...]:
    """A Chinese word and the shorter words inside it (外交部长: 外交, 部长), as jieba's search mode cuts it."""
    if len(word) < 3 or not _is_chinese(word):
        return (word,)
    import jieba

    return tuple(dict.fromkeys([word, *(p for p in jieba.cut_for_search(word) if len(p) > 1)]))


def _is_chinese(word: str) -> bool:
    return all("\u4e00" <= ch <= "\u9fff" for ch in word)


@lru_cache(maxsize=1)
def _default_aligner() -> WordAligner:
    from ruzh.align.encoders import load_encoder

    return WordAligner(load_encoder())


def word_links(ru_sentence: str, zh_sentence: str, aligner: WordAligner | None = None) -> WordAlignment:
    """The word alignment of one Russian and one Chinese sentence (the default USE-m3 aligner)."""
    return (aligner or _default_aligner()).align([(ru_sentence, zh_sentence)])[0]
