"""Scoring an alignment against a gold one, and making gold alignments from parallel sentences."""
from __future__ import annotations

import random
import re
from dataclasses import dataclass

Pair = tuple[tuple[int, ...], tuple[int, ...]]


@dataclass(frozen=True)
class Scores:
    precision: float
    recall: float
    f1: float


def strict_scores(gold: list[Pair], test: list[Pair]) -> Scores:
    """Strict precision, recall and F1: a link counts only when both its sides match exactly.

    1-0 and 0-1 links count like any other, as in Vecalign's scorer.
    """
    gold_set = {(tuple(s), tuple(t)) for s, t in gold if s or t}
    test_set = {(tuple(s), tuple(t)) for s, t in test if s or t}
    hits = len(gold_set & test_set)
    p = hits / len(test_set) if test_set else 0.0
    r = hits / len(gold_set) if gold_set else 0.0
    return Scores(p, r, 2 * p * r / (p + r) if p + r else 0.0)


@dataclass
class Perturbed:
    ru: list[str]
    zh: list[str]
    gold: list[Pair]


def perturb(pairs: list[tuple[str, str]], delete: float = 0.05, merge: float = 0.05, split: float = 0.02,
            seed: int = 0) -> Perturbed:
    """From line-aligned sentence pairs, a document pair with 1-0, 0-1, 2-1, 1-2 links and its gold.

    With a fixed seed: about `delete` of the pairs lose one side's sentence, `merge` of them are
    joined with the next pair on one side, `split` of them have one side cut in two at a comma.
    """
    rng = random.Random(seed)
    ru: list[str] = []
    zh: list[str] = []
    gold: list[Pair] = []

    def add(ru_part: list[str], zh_part: list[str]) -> None:
        gold.append((tuple(range(len(ru), len(ru) + len(ru_part))), tuple(range(len(zh), len(zh) + len(zh_part)))))
        ru.extend(ru_part)
        zh.extend(zh_part)

    k = 0
    while k < len(pairs):
        r, z = pairs[k]
        roll = rng.random()
        if roll < delete:
            add([r], []) if rng.random() < 0.5 else add([], [z])
        elif roll < delete + merge and k + 1 < len(pairs):
            r2, z2 = pairs[k + 1]
            if rng.random() < 0.5:
                add([f"{r} {r2}"], [z, z2])
            else:
                add([r, r2], [z + z2])
            k += 1
        elif roll < delete + merge + split and _splittable(r, z):
            if rng.random() < 0.5:
                add(list(_split_at_comma(r, ",")), [z])
            else:
                add([r], list(_split_at_comma(z, "，")))
        else:
            add([r], [z])
        k += 1
    return Perturbed(ru, zh, gold)


def _splittable(r: str, z: str) -> bool:
    return "," in r[10:-10] and "，" in z[5:-5]


def _split_at_comma(text: str, comma: str) -> tuple[str, str]:
    middle = len(text) // 2
    cuts = [m.end() for m in re.finditer(re.escape(comma), text) if 5 < m.end() < len(text) - 5]
    cut = min(cuts, key=lambda c: abs(c - middle))
    return text[:cut].strip(), text[cut:].strip()


@dataclass(frozen=True)
class WordScores:
    precision: float
    recall: float
    aer: float  # alignment error rate on sure links: 1 - F1
    partnerless_precision: float  # of the content words we call partnerless, the share gold leaves unlinked
    partnerless_recall: float  # of the content words gold leaves unlinked, the share we call partnerless


def word_scores(gold: list[dict], results: list) -> WordScores:
    """Word links (`align.words.WordAlignment`s) against hand-labelled ones (`tests/data/word_links_gold.jsonl`:
    tokens and sure links by token index). Tokens are matched by character offsets, so that a
    segmenter that has since learnt words (jieba, taught by the glossary) is scored fairly: a link
    is right when its Russian word starts where a gold one does and its Chinese word overlaps the
    gold partner."""
    from ruzh.align.words import PARTNER

    tp = fp = fn = lone_tp = lone_fp = lone_fn = 0
    for g, wa in zip(gold, results):
        spans = {lang: _token_spans(g[lang], g[f"{lang}_tokens"]) for lang in ("ru", "zh")}
        gold_links = {tuple(link) for link in g["links"]}
        found = [(wa.ru[i], wa.zh[j]) for i, j, _ in wa.links]
        right = {(i, j) for i, j in gold_links for r, z in found
                 if spans["ru"][i][0] == r.start and _overlaps(spans["zh"][j], (z.start, z.end))}
        good = sum(1 for r, z in found if any(spans["ru"][i][0] == r.start and _overlaps(spans["zh"][j], (z.start, z.end))
                                              for i, j in gold_links))
        tp, fp, fn = tp + good, fp + len(found) - good, fn + len(gold_links - right)
        for lang, words in (("ru", wa.ru), ("zh", wa.zh)):
            linked = [spans[lang][i if lang == "ru" else j] for i, j in gold_links]
            for word, best in zip(words, wa.best(lang)):
                if not word.content:
                    continue
                gold_lone = not any(_overlaps(s, (word.start, word.end)) for s in linked)
                ours_lone = best < PARTNER
                lone_tp, lone_fp, lone_fn = (lone_tp + (gold_lone and ours_lone), lone_fp + (ours_lone and not gold_lone),
                                             lone_fn + (gold_lone and not ours_lone))
    p, r = tp / max(tp + fp, 1), tp / max(tp + fn, 1)
    return WordScores(p, r, 1 - 2 * p * r / max(p + r, 1e-9),
                      lone_tp / max(lone_tp + lone_fp, 1), lone_tp / max(lone_tp + lone_fn, 1))


def _token_spans(text: str, tokens: list[str]) -> list[tuple[int, int]]:
    spans, at = [], 0
    for token in tokens:
        start = text.find(token, at)
        start = at if start < 0 else start
        spans.append((start, start + len(token)))
        at = start + len(token)
    return spans


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]
