"""Readers: a bilingual file, two separate files, or sentence-per-line files, all to one `Document`."""
from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Callable
from importlib import resources
from pathlib import Path

from ruzh.corpus import repair
from ruzh.corpus.errors import InputError
from ruzh.corpus.model import JOINERS, Document, Repair, Unit, unit_id
from ruzh.corpus.script import script_counts, split_halves
from ruzh.corpus.structure import Line, build_units
from ruzh.corpus.textio import read_text

log = logging.getLogger("ruzh")

LANGUAGE_NAMES = {"ru": "Russian", "zh": "Chinese"}
FORMATS = ("auto", "text", "lines")
# Versions of one document differ in length by the languages' densities (Russian takes about
# three to four times the characters of Chinese); beyond this they are hardly the same text.
LENGTH_RATIO = 10
CHARACTER_REPAIRS = ("form-feed", "control-character")


def sample_path() -> Path:
    """The bundled sample: the SCO Action Plan 2016–2020, Russian then Chinese."""
    return Path(str(resources.files("ruzh.corpus") / "data" / "sco-action-plan-2016-2020.ru-zh.txt"))


def load_sample() -> Document:
    return read_bilingual(sample_path())


def read_document(inputs: list[str] | None = None, ru: str | None = None, zh: str | None = None,
                  fmt: str = "auto") -> Document:
    """What the command line reads: the sample, one bilingual file, or `--ru A --zh B`."""
    inputs = list(inputs or [])
    if (ru is None) != (zh is None):
        missing = "--zh" if zh is None else "--ru"
        raise InputError(ru or zh, f"{missing} is missing: give both the Russian and the Chinese file")
    if ru is not None:
        if inputs:
            raise InputError(inputs[0], "give either one bilingual file or --ru and --zh, not both")
        return read_lines(ru, zh) if fmt == "lines" else read_pair(ru, zh)
    if len(inputs) == 2:
        return read_lines(*inputs) if fmt == "lines" else read_pair(*inputs)
    if len(inputs) > 2:
        raise InputError(inputs[2], "too many inputs: give one bilingual file or a Russian and a Chinese file")
    if fmt == "lines":
        raise InputError(inputs[0] if inputs else "(no input)",
                         "--format lines needs two files, Russian and Chinese, one sentence per line")
    return read_bilingual(inputs[0]) if inputs else load_sample()


def numbered(text: str, first: int = 1) -> list[Line]:
    return [(first + i, line) for i, line in enumerate(text.split("\n"))]


def read_bilingual(path: str | Path) -> Document:
    """One file holding both versions, one after the other; the halves are found by script."""
    source = read_text(path)
    lines, removed = repair.remove_control_characters(numbered(source.text))
    halves = split_halves([text for _, text in lines])
    if halves is None:
        raise InputError(path, _one_language(source.text) + "; a bilingual file needs both versions "
                         "(or give the other one with --ru A --zh B)")
    units, repairs, sizes = [], [], {}
    for lang, (start, end) in zip(("ru", "zh"), halves):
        part = lines[start:end]
        repairs += _character_repairs([r for r in removed if part[0][0] <= r.line <= part[-1][0]], lang, path)
        lang_units, lang_repairs = build_units(part, lang, str(path))
        _require_units(path, lang, lang_units)
        units += lang_units
        repairs += lang_repairs
        sizes[lang] = _size("\n".join(text for _, text in part))
    _warn_if_too_different(f"The Russian part of {path}", "its Chinese part", sizes)
    doc = Document(str(path), units, repairs, {"ru": source.encoding, "zh": source.encoding})
    _log_repairs(doc)
    return doc


def read_pair(ru_path: str | Path, zh_path: str | Path) -> Document:
    """A Russian file and a Chinese file, each plain text or Markdown (prose or a measure table)."""
    return _read_two_files(ru_path, zh_path, build_units)


def read_lines(ru_path: str | Path, zh_path: str | Path) -> Document:
    """Sentence-per-line files (benchmark corpora): a line is a sentence, a blank line ends a paragraph."""
    return _read_two_files(ru_path, zh_path, _line_paragraphs)


# How a two-file reader turns one file's lines into units: (lines, lang, file) -> (units, repairs).
UnitBuilder = Callable[[list[Line], str, str], tuple[list[Unit], list[Repair]]]


def _read_two_files(ru_path: str | Path, zh_path: str | Path, build: UnitBuilder) -> Document:
    """What every reader of a Russian file and a Chinese file does around `build`.

    Each file is decoded, checked to be in its language, cleared of characters that are not
    text and built into units; the pair is then checked for lengths too different to be one text.
    """
    units: list[Unit] = []
    repairs: list[Repair] = []
    encodings: dict[str, str] = {}
    sizes: dict[str, int] = {}
    for lang, path in (("ru", ru_path), ("zh", zh_path)):
        source = read_text(path)
        _require_language(path, source.text, lang)
        lines, removed = repair.remove_control_characters(numbered(source.text))
        repairs += _character_repairs(removed, lang, path)
        lang_units, lang_repairs = build(lines, lang, str(path))
        _require_units(path, lang, lang_units)
        units += lang_units
        repairs += lang_repairs
        encodings[lang] = source.encoding
        sizes[lang] = _size(source.text)
    _warn_if_too_different(ru_path, zh_path, sizes)
    doc = Document(f"{ru_path} + {zh_path}", units, repairs, encodings)
    _log_repairs(doc)
    return doc


def _line_paragraphs(lines: list[Line], lang: str, source: str) -> tuple[list[Unit], list[Repair]]:
    """One paragraph unit per run of non-blank lines, each line one sentence; nothing to repair.

    (`source` is unused: these units are built without messages. `_require_units` cannot fail
    here, since `_require_language` has already found a letter of `lang`, hence a non-blank line.)
    """
    paragraphs: list[list[Line]] = [[]]
    for number, line in lines:
        if line.strip():
            paragraphs[-1].append((number, line.strip()))
        elif paragraphs[-1]:
            paragraphs.append([])
    joiner = JOINERS[lang]
    units = []
    for position, paragraph in enumerate((p for p in paragraphs if p), 1):
        sentences = [text for _, text in paragraph]
        units.append(Unit(unit_id(lang, "paragraph", position), lang, "paragraph",
                          joiner.join(sentences), sentences=sentences, line=paragraph[0][0]))
    return units, []


def _character_repairs(removed: list[repair.Removal], lang: str, path: str | Path) -> list[Repair]:
    """Each character that is not text, taken out of a file's lines, as a repair of that file."""
    return [Repair(r.kind, lang, r.line, r.code, f"line {r.line}: {r.message()}", False, None, str(path))
            for r in removed]


_SPACE = re.compile(r"\s+")


def _size(text: str) -> int:
    """Characters other than blanks: what the length check compares."""
    return len(text) - sum(map(len, _SPACE.findall(text)))


def _warn_if_too_different(ru_name: str | Path, zh_name: str | Path, sizes: dict[str, int]) -> None:
    """A pair of very different lengths is most likely not one document in two languages."""
    ru, zh = sizes["ru"], sizes["zh"]
    if max(ru, zh) > LENGTH_RATIO * max(1, min(ru, zh)):
        log.warning("%s (%s characters) and %s (%s characters) differ more than tenfold in length: "
                    "they may not be versions of the same document", ru_name, f"{ru:,}", zh_name, f"{zh:,}")


def _one_language(text: str) -> str:
    cyr, han = script_counts(text)
    if not cyr and not han:
        return "has no Russian or Chinese text"
    return "contains only Russian text" if cyr > han else "contains only Chinese text"


def _require_language(path: str | Path, text: str, lang: str) -> None:
    cyr, han = script_counts(text)
    mine, other = (cyr, han) if lang == "ru" else (han, cyr)
    if mine:
        return
    name = LANGUAGE_NAMES[lang]
    if other:
        found = LANGUAGE_NAMES["zh" if lang == "ru" else "ru"]
        raise InputError(path, f"expected {name} text but found only {found}; were --ru and --zh swapped?")
    raise InputError(path, f"has no {name} text")


def _require_units(path: str | Path, lang: str, units: list[Unit]) -> None:
    if not any(u.text for u in units):
        raise InputError(path, f"no {LANGUAGE_NAMES[lang]} paragraphs or table rows were found")


def _log_repairs(doc: Document) -> None:
    """Each repair under the name of the file it was made in; characters removed, counted per file."""
    removed: Counter = Counter()
    for r in doc.repairs:
        name = Path(r.file or doc.source).name
        if r.kind in CHARACTER_REPAIRS:
            removed[name] += 1
        log.log(logging.INFO if r.dropped else logging.DEBUG, "%s %s", name, r.message)
    for name, count in removed.items():
        log.info("%s: removed %d %s that %s not text (page break marks, control codes)", name, count,
                 "character" if count == 1 else "characters", "is" if count == 1 else "are")
