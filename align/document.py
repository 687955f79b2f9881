"""Aligning a document pair: units first (front matter, headings, measures, paragraphs), then the
sentences inside each pair of linked units."""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from ruzh.align.dp import DEFAULT_TYPES, Link, LinkType, align
from ruzh.align.encoders import Encoder
from ruzh.align.scoring import EmbeddingScorer, Side, Weights, background
from ruzh.corpus import Document, Unit
from ruzh.corpus.model import JOINERS

KIND_IDS = {"front": 0, "section": 1, "measure": 2, "paragraph": 2}  # a measure is a numbered paragraph
UNIT_TEXT_LIMIT = 2000  # characters of a unit that its embedding sees: the start says what it is about


@dataclass(frozen=True)
class LinkRecord:
    """One line of `alignment.jsonl`."""

    level: str  # "unit" | "sentence"
    ru: list[str]
    zh: list[str]
    score: float

    def record(self) -> dict:
        return {"level": self.level, "ru": self.ru, "zh": self.zh, "score": round(self.score, 4)}


@dataclass
class Alignment:
    units: list[LinkRecord] = field(default_factory=list)
    sentences: list[LinkRecord] = field(default_factory=list)

    def records(self) -> list[dict]:
        return [link.record() for link in self.units + self.sentences]


@dataclass(frozen=True)
class Settings:
    """What the aligner may do; configuration over code."""

    types: tuple[LinkType, ...] = DEFAULT_TYPES
    weights: Weights = field(default_factory=Weights)
    use_labels: bool = True


def blocks_text(texts: list[str], k: int, lang: str) -> list[str]:
    """The joined text of every run of k consecutive items."""
    joiner = JOINERS[lang]
    return [joiner.join(texts[s : s + k]) for s in range(len(texts) - k + 1)]


def embed_pair(ru: list[str], zh: list[str], encoder: Encoder, max_block: int) -> tuple[Side, Side]:
    """Both sides' block embeddings, lengths and backgrounds, encoded in one call."""
    sizes = range(1, max_block + 1)
    requests = [(lang, k, blocks_text(texts, k, lang)) for lang, texts in (("ru", ru), ("zh", zh)) for k in sizes]
    flat = [t for _, _, texts in requests for t in texts]
    vectors = encoder.encode(flat)
    blocks: dict[str, dict[int, np.ndarray]] = {"ru": {}, "zh": {}}
    start = 0
    for lang, k, texts in requests:
        blocks[lang][k] = vectors[start : start + len(texts)]
        start += len(texts)
    sides = []
    for lang, texts, other in (("ru", ru, "zh"), ("zh", zh, "ru")):
        sides.append(Side(blocks[lang], np.array([len(t) for t in texts], dtype=np.float64),
                          background(blocks[lang][1], blocks[other][1])))
    return sides[0], sides[1]


def align_sentences(ru: list[str], zh: list[str], encoder: Encoder, settings: Settings = Settings()) -> list[Link]:
    """Align two lists of sentences (a whole document's, or one unit pair's)."""
    if not ru or not zh:
        return [Link((i,), ()) for i in range(len(ru))] + [Link((), (j,)) for j in range(len(zh))]
    max_block = max(max(a, b) for a, b in settings.types)
    src, tgt = embed_pair(ru, zh, encoder, max_block)
    return align(EmbeddingScorer(src, tgt, settings.weights), settings.types)


def align_document(doc: Document, encoder: Encoder, settings: Settings = Settings()) -> Alignment:
    """Units first, then sentences within each unit link; every unit and sentence is in one link."""
    ru_units, zh_units = doc.of("ru"), doc.of("zh")
    unit_links = _align_units(ru_units, zh_units, encoder, settings)
    result = Alignment()
    groups = []
    for link in unit_links:
        ru = [ru_units[i] for i in link.src]
        zh = [zh_units[j] for j in link.tgt]
        result.units.append(LinkRecord("unit", [u.id for u in ru], [u.id for u in zh], link.score))
        groups.append((ru, zh))
    result.sentences = _align_sentence_groups(groups, encoder, settings)
    return result


def _align_units(ru: list[Unit], zh: list[Unit], encoder: Encoder, settings: Settings) -> list[Link]:
    if len(ru) == 1 and len(zh) == 1:  # e.g. sentence-per-line files: one paragraph each
        return [Link((0,), (0,), 1.0)]
    texts_ru = [u.text[:UNIT_TEXT_LIMIT] for u in ru]
    texts_zh = [u.text[:UNIT_TEXT_LIMIT] for u in zh]
    max_block = max(max(a, b) for a, b in settings.types)
    src, tgt = embed_pair(texts_ru, texts_zh, encoder, max_block)
    for side, units in ((src, ru), (tgt, zh)):
        side.kind = np.array([KIND_IDS[u.kind] for u in units])
        if settings.use_labels:
            side.label = np.array([_number(u.label) for u in units])
    return align(EmbeddingScorer(src, tgt, settings.weights), settings.types)


def _number(label: str | None) -> int:
    return int(label) if label and label.isdigit() else -1


def _align_sentence_groups(groups: list[tuple[list[Unit], list[Unit]]], encoder: Encoder,
                           settings: Settings) -> list[LinkRecord]:
    """Sentence links inside each unit link; a unit linked to nothing gives 1-0 sentence links."""
    records = []
    for ru_units, zh_units in groups:
        ru_ids, ru_texts = _sentences(ru_units)
        zh_ids, zh_texts = _sentences(zh_units)
        if len(ru_texts) == 1 and len(zh_texts) == 1:
            links = [Link((0,), (0,), float(np.clip(np.dot(*encoder.encode(ru_texts + zh_texts)), 0, 1)))]
        else:
            links = align_sentences(ru_texts, zh_texts, encoder, settings)
        for link in links:
            records.append(LinkRecord("sentence", [ru_ids[i] for i in link.src],
                                      [zh_ids[j] for j in link.tgt], link.score))
    return records


def _sentences(units: list[Unit]) -> tuple[list[str], list[str]]:
    ids, texts = [], []
    for unit in units:
        for k, sentence in enumerate(unit.sentences, 1):
            ids.append(f"{unit.id}.{k}")
            texts.append(sentence)
    return ids, texts
