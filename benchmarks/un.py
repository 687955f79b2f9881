"""The UN Parallel Corpus v1.0 dev and test sets as long RU–ZH documents (Ziemski et al., LREC 2016)."""
from __future__ import annotations

import gzip
from pathlib import Path

UN = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "unpc-v1.0-testsets"


def _lines(split: str, name: str) -> list[str]:
    path = UN / split / f"UNv1.0.{split}.{name}"
    if not path.exists():
        path = path.with_name(path.name + ".gz")
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as f:
        return f.read().splitlines()


def un_pairs(split: str = "testset") -> list[tuple[str, str]]:
    """RU–ZH sentence pairs grouped by document id, in each document's own order."""
    ids, ru, zh = _lines(split, "ids"), _lines(split, "ru"), _lines(split, "zh")
    def position(line: str) -> tuple[str, int]:
        fields = line.split()
        ru_field = next(f for f in fields[1:] if f.startswith("ru:"))
        return fields[0], int(ru_field.split(":")[1])
    order = sorted(range(len(ids)), key=lambda k: position(ids[k]))
    return [(ru[k].strip(), zh[k].strip()) for k in order]
