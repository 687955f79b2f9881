"""Divergence benchmark on the UN test set (Ziemski et al., LREC 2016).

Run with `make bench`. Each of the 4,000 RU–ZH pairs is a unit, linked 1-1 to its partner (the
corpus is line-aligned, so the gold alignment isolates the detectors from alignment errors).
First the time to run every detector on the untouched set; then, with a fixed seed, 100 known
changes are injected into a copy (a clause from another sentence appended, a clause deleted, a
number changed), and we report the recall of those (a finding of any severity but info on the
changed pair, on the right side) and the false-alarm rate on the untouched pairs (pairs with a
major or minor finding; majors alone given too).
"""
from __future__ import annotations

import random
import re
import sys
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from common import machine  # noqa: E402
from un import un_pairs  # noqa: E402

from align import load_encoder  # noqa: E402
from align.divergence import detect_divergences  # noqa: E402
from align.document import Alignment, LinkRecord  # noqa: E402
from corpus import Document, Unit  # noqa: E402

CHANGES = 100
SEED = 7


def document(pairs: list[tuple[str, str]]) -> tuple[Document, Alignment]:
    units, alignment = [], Alignment()
    for k, (ru, zh) in enumerate(pairs, 1):
        units += [Unit(f"ru-p{k:04d}", "ru", "paragraph", ru, sentences=[ru]),
                  Unit(f"zh-p{k:04d}", "zh", "paragraph", zh, sentences=[zh])]
        alignment.units.append(LinkRecord("unit", [f"ru-p{k:04d}"], [f"zh-p{k:04d}"], 1.0))
        alignment.sentences.append(LinkRecord("sentence", [f"ru-p{k:04d}.1"], [f"zh-p{k:04d}.1"], 1.0))
    return Document("UN test set", units), alignment


def inject(pairs: list[tuple[str, str]], seed: int = SEED) -> tuple[list[tuple[str, str]], dict[int, tuple[str, str]]]:
    """A copy with CHANGES changes; returns it and {pair index: (change, side with the extra/faulty text)}."""
    rng = random.Random(seed)
    changed = list(pairs)
    truth: dict[int, tuple[str, str]] = {}
    order = list(range(len(pairs)))
    rng.shuffle(order)
    kinds = ["append", "delete", "number"] * (CHANGES // 3 + 1)
    for k in order:
        if len(truth) == CHANGES:
            break
        kind = kinds[len(truth)]
        ru, zh = changed[k]
        side = rng.choice(["ru", "zh"])
        if kind == "append":
            donor = pairs[rng.randrange(len(pairs))]
            clause = _clauses(donor[0 if side == "ru" else 1], side)[-1]
            if len(clause) < (40 if side == "ru" else 12):
                continue
            text = ru if side == "ru" else zh
            text = text.rstrip("。.") + ("，" if side == "zh" else ", ") + clause.rstrip("。.") + ("。" if side == "zh" else ".")
            changed[k] = (text, zh) if side == "ru" else (ru, text)
            truth[k] = ("append", side)
        elif kind == "delete":
            text = ru if side == "ru" else zh
            parts = _clauses(text, side)
            if len(parts) < 3 or len(parts[-1]) < (40 if side == "ru" else 12):
                continue
            shorter = text[: text.rindex(parts[-1])].rstrip(" ,，") + ("。" if side == "zh" else ".")
            changed[k] = (shorter, zh) if side == "ru" else (ru, shorter)
            truth[k] = ("delete", "zh" if side == "ru" else "ru")  # the other side now has extra text
        else:
            text = ru if side == "ru" else zh
            m = re.search(r"\d{2,}", text)
            if not m:
                continue
            number = str(int(m.group(0)) + rng.randint(1, 9))
            text = text[: m.start()] + number + text[m.end():]
            changed[k] = (text, zh) if side == "ru" else (ru, text)
            truth[k] = ("number", "both")
    return changed, truth


def _clauses(text: str, lang: str) -> list[str]:
    return [c for c in re.split(r"(?<=[,;])\s+" if lang == "ru" else r"(?<=[，；])", text) if c.strip()]


def flagged(findings, pair_count: int, majors_only: bool = False) -> dict[int, set[str]]:
    """Pair index -> sides with a finding (major/minor, or majors only)."""
    out: dict[int, set[str]] = {}
    for f in findings:
        if f.severity == "info" or (majors_only and f.severity != "major"):
            continue
        ids = f.ru or f.zh
        if ids:
            out.setdefault(int(ids[0].split("-p")[1]) - 1, set()).add(f.side)
    return out


def main() -> None:
    encoder = load_encoder("use-m3")
    pairs = un_pairs("testset")
    doc, alignment = document(pairs)
    t = time.perf_counter()
    base = detect_divergences(doc, alignment, encoder)
    first = time.perf_counter() - t
    t = time.perf_counter()
    detect_divergences(doc, alignment, encoder)
    again = time.perf_counter() - t

    changed, truth = inject(pairs)
    doc2, alignment2 = document(changed)
    findings = detect_divergences(doc2, alignment2, encoder)
    hits = flagged(findings, len(pairs))
    found = Counter()
    for k, (kind, side) in truth.items():
        sides = hits.get(k, set())
        found[kind] += bool(sides) and (side == "both" or side in sides)
    untouched = [k for k in range(len(pairs)) if k not in truth]
    alarms = sum(1 for k in untouched if k in hits)
    major_alarms = sum(1 for k in untouched if k in flagged(findings, len(pairs), majors_only=True))
    kinds = Counter(kind for kind, _ in truth.values())
    print(f"machine: {machine()}")
    print(f"UN test set, {len(pairs)} pairs: detectors ran in {first:.1f} s (first run, embeddings encoded), "
          f"{again:.1f} s again (cached); {Counter(f.severity for f in base)}")
    print(f"injected {len(truth)} changes (seed {SEED}): recall " +
          ", ".join(f"{kind} {found[kind]}/{kinds[kind]}" for kind in kinds) +
          f"; total {sum(found.values())}/{len(truth)} = {sum(found.values()) / len(truth):.2f}")
    print(f"false alarms on the {len(untouched)} untouched pairs: {alarms} pairs flagged "
          f"({alarms / len(untouched):.3f}); with a major finding: {major_alarms} ({major_alarms / len(untouched):.4f})")


if __name__ == "__main__":
    main()
