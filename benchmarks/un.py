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


def _position(line: str) -> tuple[str, int]:
    """(document id, the line's place in the Russian document) from a line of the `.ids` file."""
    fields = line.split()
    ru_field = next(f for f in fields[1:] if f.startswith("ru:"))
    return fields[0], int(ru_field.split(":")[1])


def un_pairs(split: str = "testset") -> list[tuple[str, str]]:
    """RU–ZH sentence pairs grouped by document id, in each document's own order."""
    return [pair for _, pair in _ordered(split)]


def document_ids(split: str = "testset") -> list[str]:
    """The document id of each pair of `un_pairs(split)`, in the same order."""
    return [document for document, _ in _ordered(split)]


def _ordered(split: str) -> list[tuple[str, tuple[str, str]]]:
    ids, ru, zh = _lines(split, "ids"), _lines(split, "ru"), _lines(split, "zh")
    order = sorted(range(len(ids)), key=lambda k: _position(ids[k]))
    return [(_position(ids[k])[0], (ru[k].strip(), zh[k].strip())) for k in order]


def un_documents(split: str = "testset", blank_lines: bool = True) -> tuple[str, str]:
    """The split as one sentence-per-line Russian text and one Chinese text (`--format lines`),
    with a blank line between documents or none at all."""
    ru, zh, previous = [], [], None
    for document, (r, z) in _ordered(split):
        if blank_lines and previous is not None and document != previous:
            ru.append("")
            zh.append("")
        ru.append(r)
        zh.append(z)
        previous = document
    return "\n".join(ru) + "\n", "\n".join(zh) + "\n"
