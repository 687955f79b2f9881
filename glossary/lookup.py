"""Looking a term up in the glossary `ruzh run` wrote, in either language, with examples.

Matches are ranked: exact (the term or one of its forms), by lemmas (any inflected form of the
Russian term, or words that spell out part of an acronym: «антитеррористической структуры»
finds «РАТС ШОС»), by prefix, then fuzzy (a typo). Works from the files alone: no rebuild.
"""
from __future__ import annotations

import csv
import difflib
import json
import re
from dataclasses import dataclass
from pathlib import Path

from ruzh.corpus import InputError
from ruzh.corpus.script import script_counts
from ruzh.corpus.textio import spreadsheet_text


RANKS = ("exact", "lemmas", "prefix", "fuzzy")
CELLS = ("participants", "executors")
FUZZY_CUTOFF = 0.75
REQUIRED = ("ru", "zh", "score", "freq", "ru_forms", "zh_forms", "ru_lemmas")


@dataclass
class Match:
    how: str
    entry: dict
    examples: list[tuple[str, str]]


def load(out: Path) -> tuple[list[dict], dict[str, str], list[dict]]:
    """The glossary rows, the texts by id (sentences, and the measures' cells), and the links
    (sentence links, then the cell pairs of linked measures), from an output folder."""
    glossary = out / "glossary.csv"
    if not glossary.exists():
        raise InputError(glossary, "no glossary here; build one first with `ruzh run` (or `ruzh glossary`)")
    rows = _glossary_rows(glossary)
    sentences: dict[str, str] = {}
    links: list[dict] = []
    corpus, alignment = out / "corpus.jsonl", out / "alignment.jsonl"
    if corpus.exists() and alignment.exists():
        for unit in _json_lines(corpus):
            sentences.update({f"{unit['id']}.{k}": s for k, s in enumerate(unit["sentences"], 1)})
            sentences.update({f"{unit['id']}#{cell}": unit[cell] for cell in CELLS if unit.get(cell)})
        records = _json_lines(alignment)
        links = [r for r in records if r["level"] == "sentence"]
        links += [{"ru": [f"{r['ru'][0]}#{cell}"], "zh": [f"{r['zh'][0]}#{cell}"]}
                  for r in records if r["level"] == "unit" and len(r["ru"]) == 1 == len(r["zh"]) for cell in CELLS]
    return rows, sentences, links


def _glossary_rows(path: Path) -> list[dict]:
    """The rows of glossary.csv, checked: a damaged file is named, with its first bad line."""
    damaged = "the glossary is damaged ({}); write it again with `ruzh run`"
    try:
        with path.open(encoding="utf-8-sig", newline="") as f:
            reader = csv.DictReader(f)
            missing = [c for c in REQUIRED if c not in (reader.fieldnames or [])]
            if missing:
                raise InputError(path, damaged.format(f"no column {', '.join(missing)}"))
            rows = []
            for row in reader:
                if None in row or any(row[c] is None for c in REQUIRED) or not _is_number(row["score"]):
                    raise InputError(path, damaged.format(f"line {reader.line_num} is not a glossary row"))
                rows.append({k: spreadsheet_text(v) for k, v in row.items()})
    except UnicodeDecodeError:
        raise InputError(path, damaged.format("it is not UTF-8 text")) from None
    except csv.Error as e:
        raise InputError(path, damaged.format(f"line {reader.line_num}: {e}")) from None
    return rows


def _json_lines(path: Path) -> list[dict]:
    records = []
    with path.open(encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            try:
                records.append(json.loads(line))
            except ValueError:
                raise InputError(path, f"line {number} is damaged; write the folder again with `ruzh run`") from None
    return records


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def lookup(query: str, out: Path, limit: int = 10, examples: int = 2) -> list[Match]:
    rows, sentences, links = load(out)
    query = " ".join(query.split())
    found: dict[int, str] = {}
    for how, test in zip(RANKS, _tests(query)):
        for index, entry in enumerate(rows):
            if index not in found and test(entry):
                found[index] = how
    folded = query.casefold()

    def rank(i: int) -> tuple:  # the entry the query names comes before those that list it as a variant
        headword = folded in (rows[i]["ru"].casefold(), rows[i]["zh"].casefold())
        return RANKS.index(found[i]), not headword, -float(rows[i]["score"])

    ranked = sorted(found, key=rank)[:limit]
    return [Match(found[i], rows[i], _examples(rows[i], sentences, links, examples)) for i in ranked]


def _forms(entry: dict, lang: str) -> list[str]:
    return [entry[lang]] + [f for f in entry[f"{lang}_forms"].split("; ") if f]


def _tests(query: str):
    folded = query.casefold()
    is_russian = script_counts(query)[0] > 0
    lemmas = _lemmas(query) if is_russian else ""

    def exact(entry):
        return any(f.casefold() == folded for lang in ("ru", "zh") for f in _forms(entry, lang))

    def by_lemmas(entry):
        if not lemmas:
            return False
        if lemmas == entry["ru_lemmas"].casefold() or f" {lemmas} " in f" {entry['ru_lemmas'].casefold()} ":
            return True
        acronyms = [w for w in entry["ru"].split() if w.isupper() and len(w) > 1]
        return any(_spells_part_of(a, query) for a in acronyms)

    def prefix(entry):
        return any(f.casefold().startswith(folded) for lang in ("ru", "zh") for f in _forms(entry, lang))

    def fuzzy(entry):
        return any(difflib.SequenceMatcher(None, folded, f.casefold()).ratio() >= FUZZY_CUTOFF
                   for lang in ("ru", "zh") for f in _forms(entry, lang))

    return exact, by_lemmas, prefix, fuzzy


def _lemmas(text: str) -> str:
    from ruzh.corpus import analyze

    return " ".join(t.lemma if not t.text.isupper() else t.text for t in analyze(text, "ru")[0]
                    if t.pos != "PUNCT").casefold()


def _spells_part_of(acronym: str, words: str) -> bool:
    """«антитеррористической структуры» spells «АТС», a run of the letters of «РАТС»."""
    from ruzh.glossary.forms import acronym_matches  # pymorphy3 and spaCy: only when a lookup needs them

    if len(words.split()) < 2:
        return False
    return any(acronym_matches(acronym[i:j], words) for i in range(len(acronym)) for j in range(i + 2, len(acronym) + 1))


def _examples(entry: dict, sentences: dict[str, str], links: list[dict], count: int) -> list[tuple[str, str]]:
    """Sentence (or cell) pairs where both sides use the term."""
    ru_forms, zh_forms = _forms(entry, "ru"), _forms(entry, "zh")
    out = []
    for link in links:
        if not link["ru"] or not link["zh"]:
            continue
        ru = " ".join(sentences.get(i, "") for i in link["ru"])
        zh = "".join(sentences.get(i, "") for i in link["zh"])
        if any(f in ru for f in ru_forms) and any(f in zh for f in zh_forms):
            out.append((ru, zh))
            if len(out) == count:
                break
    return out


def highlight(text: str, forms: list[str], start: str, end: str) -> str:
    """Mark every occurrence of the term's forms, longest first."""
    pattern = "|".join(re.escape(f) for f in sorted(set(forms), key=len, reverse=True) if f)
    return re.sub(f"({pattern})", lambda m: f"{start}{m[1]}{end}", text) if pattern else text


def render(matches: list[Match], color: bool) -> str:
    start, end = ("\033[1;33m", "\033[0m") if color else ("**", "**")
    if not matches:
        return "No match in the glossary."
    blocks = []
    for m in matches:
        e = m.entry
        lines = [f"{e['ru']}  =  {e['zh']}    ({m.how} match; score {float(e['score']):.2f}; {e['freq']}x)"]
        variants = [f for f in _forms(e, "ru")[1:] + _forms(e, "zh")[1:]]
        if variants:
            lines.append(f"  variants: {'; '.join(variants)}")
        for ru, zh in m.examples:
            lines.append(f"  RU: {highlight(ru, _forms(e, 'ru'), start, end)}")
            lines.append(f"  ZH: {highlight(zh, _forms(e, 'zh'), start, end)}")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)
