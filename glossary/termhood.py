"""Termhood: how much a candidate looks like a term of this document.

C-value (Frantzi, Ananiadou & Mima 2000) rewards frequent candidates and discounts those that
mostly occur inside a longer candidate (a nested «Секретариат» inside «Секретариат ШОС»):

    C(a) = log2(1 + |a|) * (f(a) - mean f(b) over the longer candidates b that contain a)

and a general-language frequency (wordfreq's Zipf scale) discounts single words every text
uses («вопрос», «相关», «问题»): specificity = clip((6.5 - zipf) / 3, 0.05, 1).
"""
from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable

import numpy as np


MIN_EVIDENCE = 3


def containers(parts: dict[str, tuple[str, ...]],
               conjunctions: dict[str, int] | None = None) -> dict[str, list[tuple[str, str]]]:
    """For each candidate, the longer candidates that contain it and where: prefix, suffix or middle.

    A conjunct of coordinated heads («партнеры по диалогу» in «наблюдатели и партнеры по
    диалогу»; `conjunctions` gives where the «и» is) is not nested in the coordination: it is a
    term used beside another, and keeps its own count.
    """
    by_sequence = {seq: key for key, seq in parts.items()}
    out: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for key, seq in parts.items():
        conjunction = (conjunctions or {}).get(key)
        for (i, j), where in _sub_sequences(len(seq)):
            inner = by_sequence.get(seq[i:j])
            if inner is not None and inner != key and conjunction not in (i - 1, j):
                out[inner].append((key, where))
    return out


def c_values(parts: dict[str, tuple[str, ...]], freq: dict[str, int],
             inside: dict[str, list[tuple[str, str]]] | None = None) -> dict[str, float]:
    """C-value of each candidate key, given its word sequence and its frequency."""
    inside = containers(parts) if inside is None else inside
    out = {}
    for key, seq in parts.items():
        longer = inside.get(key, []) if freq[key] >= MIN_EVIDENCE else []  # rare: nesting tells nothing
        nested = sum(freq[b] for b, _ in longer) / len(longer) if longer else 0.0
        out[key] = math.log2(1 + len(seq)) * max(freq[key] - nested, 0.0)
    return out


def is_fragment(key: str, freq: dict[str, int], inside: dict[str, list[tuple[str, str]]], head: str,
                named: bool = False) -> bool:
    """A piece of a longer term rather than a term: it mostly occurs inside one longer candidate,
    at a place that cuts the head off («иностранные дела» of «Министерство иностранных дел»,
    上合组织地区 of 上合组织地区反恐怖机构). A head on its own («Секретариат», 秘书处) is a term.

    `head` is where a language keeps its head: "prefix" for Russian, "suffix" for Chinese. A
    candidate seen once or twice cannot be told from a fragment, and is kept; so is a name used
    as a modifier (上合组织 in 上合组织成员国) and a title quoted inside another (`named`).
    """
    if freq[key] < MIN_EVIDENCE:
        return False
    for outer, where in inside.get(key, []):
        share = freq[outer] / freq[key]
        if share >= 0.6 and where != head and not named:
            return True
    return False


def nests(x: tuple[str, ...], y: tuple[str, ...]) -> bool:
    """Whether one word sequence occurs inside the other (either way round)."""
    short, long = (x, y) if len(x) <= len(y) else (y, x)
    return any(long[i : i + len(short)] == short for i in range(len(long) - len(short) + 1))


def _sub_sequences(n: int) -> Iterable[tuple[tuple[int, int], str]]:
    """The spans of the shorter runs of words inside a sequence of n, and where they are."""
    for i in range(n):
        for j in range(i + 1, n + 1):
            if j - i < n:
                yield (i, j), "prefix" if i == 0 else "suffix" if j == n else "middle"


def specificity(word: str, lang: str) -> float:
    """1 for a word general language rarely uses, down to 0.05 for the commonest."""
    from wordfreq import zipf_frequency

    zipf = zipf_frequency(word, lang)
    return float(np.clip((6.5 - zipf) / 3.0, 0.05, 1.0))
