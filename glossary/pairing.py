"""Pairing Russian and Chinese terms across aligned segments.

For a Russian term r and a Chinese term z:
  - Dice over segment pairs: 2 n(r, z) / (n(r) + n(z)), how consistently they appear together;
  - the cosine of the embeddings of their texts (multilingual, so a translation scores high);
  - association = (Dice + max(cosine, 0)) / 2.
Within each segment pair, candidates are linked competitively (Melamed 2000): the most associated
pair first, each term at most once, so that one Chinese term cannot be the partner of every
Russian term beside it. A pair's confidence is its association times the square root of the
share of the Russian term's segments in which it won, and by how much evidence there is. Terms
that are whole items of lists on both sides (the bodies in the executors cells) get a bonus:
names are listed whole, while their fragments (上合组织地区) never are; a name (with an
acronym, or a word jieba tags as a name) should pair with a name; and a Chinese term with more
words than the Russian one has taken its neighbours' words in.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
from tqdm import tqdm

from ruzh.glossary.termhood import nests

WHOLE_ITEM_BONUS = 0.2  # both terms are whole items of lists (names of bodies in the cells)
NAME_MATCH = 0.1  # a name pairs with a name (РАТС ШОС, 上合组织…), not with a common noun (地区)
EXTRA_WORD = 0.05  # per Chinese word beyond the Russian term's: 国内法律, not 极端主义领域国内法律
TITLES = 0.2  # both are names of documents: a title pairs with a title, whole («…» / 《…》)
SAME_COUNTRY = 0.3  # both name one country: Алжир is 阿尔及利亚, not the 阿尔及尔 (Algiers) beside it


@dataclass
class Side:
    """What pairing knows of one language's terms (by key)."""

    segments: list[set[str]]  # the terms in each segment
    vectors: dict[str, np.ndarray]
    words: dict[str, int] = field(default_factory=dict)  # content words (Chinese: jieba words)
    wholeness: dict[str, float] = field(default_factory=dict)  # share of occurrences as whole list items
    named: set[str] = field(default_factory=set)
    parts: dict[str, tuple[str, ...]] = field(default_factory=dict)  # Russian: nested terms may share a partner
    countries: dict[str, str] = field(default_factory=dict)  # the terms that name a country: its code
    titles: dict[str, bool] = field(default_factory=dict)  # the names of documents: whether one holds another


@dataclass(frozen=True)
class Pair:
    ru: str  # term keys
    zh: str
    confidence: float
    dice: float
    cosine: float
    wins: int  # segment pairs in which they were linked


def pair_terms(ru: Side, zh: Side, allowed: Callable[[str, str], bool] | None = None) -> list[Pair]:
    """The best Chinese partner of each Russian term that has one, among the pairs `allowed` lets
    through (all by default): a pair the caller will refuse must not take a term's place.

    Russian terms nested in one another («партнеры по диалогу» in «партнеры по диалогу ШОС») are
    readings of the same words, not neighbours: they may share a Chinese partner in a segment.
    """
    n_ru = Counter(k for s in ru.segments for k in s)
    n_zh = Counter(k for s in zh.segments for k in s)
    together: Counter = Counter()
    for rs, zs in zip(ru.segments, zh.segments):
        together.update((r, z) for r in rs for z in zs)

    cosine_cache: dict[tuple[str, str], float] = {}

    def association(r: str, z: str) -> tuple[float, float, float]:
        dice = 2 * together[r, z] / (n_ru[r] + n_zh[z] + 1)  # +1: one shared segment proves little
        if (r, z) not in cosine_cache:
            cosine_cache[r, z] = float(ru.vectors[r] @ zh.vectors[z])
        cos = cosine_cache[r, z]
        whole = min(ru.wholeness.get(r, 0.0), zh.wholeness.get(z, 0.0))
        ru_name, zh_name = r in ru.named, z in zh.named
        # a Chinese name the Russian term lacks (上合组织成员国 for «государства-члены») is a worse
        # partner; the other way round is common (Russian capitalizes more than jieba tags names)
        name_match = NAME_MATCH if ru_name and zh_name else -NAME_MATCH if zh_name else 0.0
        # words beyond a translation's are the neighbours' (a name's words are not countable: РАТС)
        extra = 0 if ru_name else max(0, zh.words.get(z, 1) - ru.words.get(r, 1))
        country = SAME_COUNTRY if r in ru.countries and ru.countries[r] == zh.countries.get(z) else 0.0
        # a title that holds another («План действий … по реализации Стратегии …») pairs with one that does
        titles = (TITLES if ru.titles[r] == zh.titles[z] else -TITLES) if r in ru.titles and z in zh.titles else 0.0
        return ((dice + max(cos, 0.0)) / 2 + WHOLE_ITEM_BONUS * whole + name_match - EXTRA_WORD * extra + country
                + titles, dice, cos)

    wins: Counter = Counter()
    segments = tqdm(zip(ru.segments, zh.segments), total=len(ru.segments), desc="Pairing terms", unit=" segments",
                    leave=False, disable=None if len(ru.segments) > 500 else True)
    for rs, zs in segments:
        ranked = sorted(((association(r, z)[0], r, z) for r in rs for z in zs if allowed is None or allowed(r, z)),
                        reverse=True)
        used_ru: set[str] = set()
        owners: dict[str, list[str]] = {}
        for _, r, z in ranked:
            if r in used_ru or not all(_nested(r, other, ru.parts) for other in owners.get(z, [])):
                continue
            used_ru.add(r)
            owners.setdefault(z, []).append(r)
            wins[r, z] += 1

    best: dict[str, Pair] = {}
    for (r, z), won in wins.items():
        assoc, dice, cos = association(r, z)
        evidence = 1 - 0.5 ** (won + 0.5)  # one shared segment is some evidence, three are good evidence
        confidence = min(1.0, assoc) * (won / n_ru[r]) ** 0.5 * evidence
        if r not in best or confidence > best[r].confidence:
            best[r] = Pair(r, z, confidence, dice, cos, won)
    return sorted(best.values(), key=lambda p: -p.confidence)


def _nested(a: str, b: str, parts: dict[str, tuple[str, ...]]) -> bool:
    return a in parts and b in parts and nests(parts[a], parts[b])
