"""The evidence the word-level detectors share: every sentence link with its word alignment.

The sentences of a link are joined (1-2 and 2-1 links hold several), and every position in the
joined text maps back to a sentence id and an offset in its unit's text, so that a finding can
say exactly where its words are.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ruzh.align.divergence.model import Finding
from ruzh.align.lexicon import load_lexicon
from ruzh.align.words import Word, WordAlignment, WordAligner, pieces
from ruzh.corpus import Document
from ruzh.corpus.model import JOINERS


@dataclass
class Side:
    """One language's side of a sentence link: the joined text and where each sentence starts."""

    lang: str
    text: str
    sentences: list[str]  # sentence ids
    starts: list[int]  # where each sentence starts in `text`
    unit_starts: list[int]  # where each sentence starts in its unit's text

    def locate(self, start: int, end: int) -> tuple[str, int, int]:
        """The sentence id a span of `text` starts in, and the span's offsets in that unit's text."""
        k = max(i for i, s in enumerate(self.starts) if s <= start)
        shift = self.unit_starts[k] - self.starts[k]
        return self.sentences[k], start + shift, end + shift


@dataclass
class SentencePair:
    """A sentence link with both sides, its word alignment, and the unit pair it belongs to."""

    ru: Side
    zh: Side
    words: WordAlignment | None  # set once the whole document is word-aligned
    score: float  # the aligner's cosine for the link
    pair: object  # the UnitPair
    index: int  # position among the pair's sentence links
    neighbours: dict[str, str] = field(default_factory=dict)  # lang -> text of the links around it
    cell: str | None = None  # "participants" | "executors" when the two sides are a measure's cells, not sentences
    derived: dict = field(default_factory=dict, repr=False, compare=False)  # evidence worked out once, shared

    def side(self, lang: str) -> Side:
        return self.ru if lang == "ru" else self.zh

    def tokens(self, lang: str) -> list[Word]:
        return self.words.ru if lang == "ru" else self.words.zh


def sentence_offsets(doc: Document) -> dict[str, int]:
    """Sentence id -> where the sentence starts in its unit's text (the end of the previous one
    when it cannot be found verbatim, as after a repair)."""
    out = {}
    for unit in doc.units:
        at = 0
        for k, sentence in enumerate(unit.sentences, 1):
            found = unit.text.find(sentence, at)
            out[f"{unit.id}.{k}"] = found if found >= 0 else at
            at = (found + len(sentence)) if found >= 0 else at
    return out


def _side(lang: str, ids: list[str], texts: dict[str, str], offsets: dict[str, int]) -> Side:
    joiner = JOINERS[lang]
    starts, at = [], 0
    for i in ids:
        starts.append(at)
        at += len(texts[i]) + len(joiner)
    return Side(lang, joiner.join(texts[i] for i in ids), list(ids), starts, [offsets.get(i, 0) for i in ids])


CELLS = ("participants", "executors")


def sentence_pairs(doc: Document, unit_pairs: list, aligner: WordAligner) -> list[SentencePair]:
    """Every sentence link with both sides inside linked units, then the participants and
    executors cells of linked measures, word-aligned in one batch (the document's statistics
    come from all of them). A cell's "sentence" id is `<unit id>#<cell>`, its offsets are in the cell."""
    texts, offsets = doc.sentence_texts(), sentence_offsets(doc)
    staged = []
    for pair in unit_pairs:
        links = [link for link in pair.sentences if link.ru and link.zh]
        for k, link in enumerate(links):
            ru, zh = _side("ru", link.ru, texts, offsets), _side("zh", link.zh, texts, offsets)
            neighbours = {lang: JOINERS[lang].join(texts[i] for near in links[max(0, k - 1): k] + links[k + 1: k + 2]
                                                   for i in getattr(near, lang)) for lang in ("ru", "zh")}
            staged.append(SentencePair(ru, zh, None, float(link.score), pair, k, neighbours))
    staged += [cell for pair in unit_pairs for cell in _cells(pair)]
    for sp, words in zip(staged, aligner.align([(sp.ru.text, sp.zh.text) for sp in staged])):
        sp.words = words
    return staged


def _cells(pair) -> list[SentencePair]:
    """The participants and executors of a measure linked to one measure, as pairs to compare."""
    if len(pair.ru) != 1 or len(pair.zh) != 1 or pair.ru[0].kind != "measure":
        return []
    out = []
    for cell in CELLS:
        ru, zh = getattr(pair.ru[0], cell), getattr(pair.zh[0], cell)
        if ru and zh:
            sides = [Side(lang, text, [f"{unit.id}#{cell}"], [0], [0])
                     for lang, text, unit in (("ru", ru, pair.ru[0]), ("zh", zh, pair.zh[0]))]
            out.append(SentencePair(*sides, None, 1.0, pair, -1, {}, cell))
    return out


def gloss(words: list[Word], lang: str) -> str:
    """The span's words in the other language, word by word, from the lexicon (what is not known is skipped)."""
    lexicon = load_lexicon()
    out = []
    for w in words:
        if not w.content:
            continue
        found = lexicon.gloss(lang, w.key)
        if found is None and lang == "zh":
            found = next((lexicon.gloss("zh", p) for p in pieces(w.key)[1:] if lexicon.gloss("zh", p)), None)
        if found and found not in out:
            out.append(found)
    return " ".join(out)


def finding_at(kind: str, sp: SentencePair, lang: str, start: int, end: int, severity: str, score: float,
               confidence: float, message: str, side: str | None = None, words: list[Word] = ()) -> Finding:
    """A finding whose evidence is text[start:end] of one side of a sentence link, located in its unit."""
    source = sp.side(lang)
    _, u_start, u_end = source.locate(start, end)
    spans = {f"{lang}_span": source.text[start:end], f"{lang}_offsets": [u_start, u_end],
             f"{lang}_gloss": gloss(words, lang)}
    ids = [u.id for u in sp.pair.ru], [u.id for u in sp.pair.zh]
    return Finding(kind, *ids, side or lang, severity, score, message, sentences=sp.ru.sentences + sp.zh.sentences,
                   confidence=confidence, **spans)
