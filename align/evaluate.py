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
