"""Looking a term up in the glossary `ruzh run` wrote, in either language, with examples.

Each match says how it matched; the kinds, best first:
- exact: the query is the headword of either language (any case);
- variant: the query is another form of the entry: an inflected Russian form, an acronym or its
  expansion, a Chinese short or full form;
- lemmas: a Russian query has the entry's lemmas («Секретариатом ШОС» -> «Секретариат ШОС»), or
  its words spell out part of the entry's acronym («антитеррористической структуры» -> «РАТС ШОС»);
- substring: a Chinese query inside a Chinese term (秘书处 -> 上合组织秘书处), a Russian query's
  lemmas as a run of a longer term's lemmas («секретариат» -> «Секретариат ШОС»);
- prefix: the query begins the term or one of its words («Межбанков»);
- fuzzy: a typo («Секретарят ШОС»), by rapidfuzz's ratio on the forms and on the lemmas.

Works from the files alone: no rebuild. A Chinese query imports nothing heavy; spaCy and
pymorphy3 load only for a Russian query whose lemmas the glossary does not already give.
"""
from __future__ import annotations

import bisect
import csv
import functools
import heapq
import io
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

from ruzh.corpus import InputError
from ruzh.corpus.script import script_counts
from ruzh.corpus.textio import CSV_SEPARATORS, spreadsheet_text

KINDS = ("exact", "variant", "lemmas", "substring", "prefix", "fuzzy")
CELLS = ("participants", "executors")
# rapidfuzz's ratio (0..100, 100 - the share of characters to insert or delete): 85 lets one wrong
# letter through in a word of seven («Секретарят ШОС» scores 90 against «Секретариат ШОС») and two
# in a phrase of fourteen, but not one in a short word or acronym, where a letter makes another
# term (МИД is not МИБ: 67), nor a Chinese term that is only another term's start (上合组织文件: 80).
# The term base's lookup (`ruzh lookup --termbase`, `ruzh serve`) takes a typo the same way.
FUZZY_CUTOFF = 85
REQUIRED = ("ru", "zh", "score", "freq", "ru_forms", "zh_forms", "ru_lemmas")
# A header may name the two language columns by language tag, as CAT tools like (ru-RU, zh-CN).
LANGUAGE_TAG = re.compile(r"(ru|zh)(-[a-z0-9]{1,8})+", re.IGNORECASE)
WORD = re.compile(r"\w")


@dataclass(frozen=True)
class GlossaryRow:
    """One row of glossary.csv, typed; a column an older glossary lacks takes its default."""

    ru: str
    zh: str
    score: float
    freq: int
    ru_forms: list[str]  # inflected forms, the headword among them
    zh_forms: list[str]
    units: list[str] = field(default_factory=list)
    ru_lemmas: str = ""
    status: str = "confirmed"  # or "candidate": too little evidence to import unchecked
    ru_pos: str = ""
    zh_pos: str = ""
    ru_variants: list[str] = field(default_factory=list)  # acronym <-> expansion
    zh_variants: list[str] = field(default_factory=list)  # short <-> full form
    ru_context: str = ""
    zh_context: str = ""
    labels: list[str] = field(default_factory=list)  # where it occurs, as printed

    def forms(self, lang: str) -> list[str]:
        """The headword, then its other forms and variants, each once."""
        return list(dict.fromkeys([getattr(self, lang), *getattr(self, f"{lang}_forms"),
                                   *getattr(self, f"{lang}_variants")]))


# How a list cell is joined: units by spaces, the rest by "; " (forms hold spaces).
LIST_SEPARATORS = {f.name: " " if f.name == "units" else ";" for f in fields(GlossaryRow) if f.type == "list[str]"}
COLUMNS = ["match", *(f.name for f in fields(GlossaryRow)), "examples"]


@dataclass
class Match:
    how: str  # one of KINDS
    entry: GlossaryRow
    examples: list[tuple[str, str]]

    def record(self) -> dict:
        """The match as a flat dict: `match`, the entry's fields, `examples` (the COLUMNS)."""
        return {"match": self.how, **asdict(self.entry), "examples": self.examples}


def load(out: Path) -> tuple[list[GlossaryRow], dict[str, str], list[dict]]:
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


def _glossary_rows(path: Path) -> list[GlossaryRow]:
    """The rows of glossary.csv, checked: a damaged file is named, with its first bad line."""
    damaged = "the glossary is damaged ({}); write it again with `ruzh run`"
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(path, damaged.format("it is not UTF-8 text")) from None
    header = text.partition("\n")[0]
    # newline="": the lines as csv wants them from a file, a line break inside a quoted cell kept
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=_separator(header))
    rows = []
    try:
        reader.fieldnames = [_column(c) for c in reader.fieldnames or []]
        missing = [c for c in REQUIRED if c not in reader.fieldnames]
        if missing:
            raise InputError(path, damaged.format(f"no column {', '.join(missing)}"))
        for row in reader:
            try:
                if None in row or any(row[c] is None for c in REQUIRED):  # more cells than columns, or too few
                    raise ValueError
                rows.append(_typed(row))
            except ValueError:
                raise InputError(path, damaged.format(f"line {reader.line_num} is not a glossary row")) from None
    except csv.Error as e:
        raise InputError(path, damaged.format(f"line {reader.line_num}: {e}")) from None
    return rows


def _separator(header: str) -> str:
    """The separator that splits the header line into the glossary's ru and zh columns (a comma if none does)."""
    for separator in CSV_SEPARATORS:
        if {"ru", "zh"} <= {_column(c) for c in next(csv.reader([header], delimiter=separator), [])}:
            return separator
    return ","


def _column(name: str) -> str:
    """A header cell as the column it names: «zh-CN» is the zh column."""
    name = name.strip()
    tagged = LANGUAGE_TAG.fullmatch(name)
    return tagged[1].lower() if tagged else name


def _typed(row: dict[str, str]) -> GlossaryRow:
    """A GlossaryRow from a row's cells; ValueError where a number is not one."""
    values: dict[str, object] = {}
    for f in fields(GlossaryRow):
        if row.get(f.name) is None:
            continue  # a column an older glossary lacks (or a row appended by hand): the default
        text = spreadsheet_text(row[f.name])  # neutralised as a whole cell, before it was joined
        if f.name in LIST_SEPARATORS:
            values[f.name] = [item.strip() for item in text.split(LIST_SEPARATORS[f.name]) if item.strip()]
        elif f.type == "float":
            values[f.name] = float(text)
        elif f.type == "int":
            values[f.name] = int(text)
        else:
            values[f.name] = text
    return GlossaryRow(**values)


def _json_lines(path: Path) -> list[dict]:
    records = []
    with path.open(encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            try:
                records.append(json.loads(line))
            except ValueError:
                raise InputError(path, f"line {number} is damaged; write the folder again with `ruzh run`") from None
    return records


def lookup(query: str, out: Path, limit: int = 10, examples: int = 2) -> list[Match]:
    """The entries the query finds in the glossary in `out`, best first: by kind (KINDS), then
    closeness (for a typo), then score; each with up to `examples` sentence pairs using it.

    One-shot: it reads the folder's files on every call. A program that asks many questions of
    one folder (`ruzh serve`) loads a `GlossaryIndex` once and calls its `search`."""
    return GlossaryIndex.load(out, prepare=False).search(query, limit=limit, examples=examples)


class GlossaryIndex:
    """A glossary folder loaded once, with what makes each kind of match quick on thousands of
    entries: the forms and lemmas by value (exact, variant, lemmas), the forms joined into one
    text searched by `str.find` (substring, prefix), the forms sorted by length for rapidfuzz
    (fuzzy, comparing only those of a length that can come close), and the aligned sentence pairs
    indexed by the pairs of characters they hold (examples). The same answers as the one-shot
    `lookup()`, in the same order. Read-only once built: threads may search it at once."""

    def __init__(self, rows: list[GlossaryRow], sentences: dict[str, str] | None = None,
                 links: list[dict] | None = None, prepare: bool = True):
        """`prepare=False` leaves out what pays only over many searches (the sentence pairs'
        index of character pairs): for one lookup, as `lookup()` makes."""
        self.rows, self.sentences, self.links = rows, sentences or {}, links or []
        self.forms = [{lang: [f.casefold() for f in r.forms(lang)] for lang in ("ru", "zh")} for r in rows]
        self.lemmas = [r.ru_lemmas.casefold() for r in rows]
        self.headwords: dict[str, list[int]] = {}  # a headword of either language -> its rows
        self.by_form: dict[str, list[int]] = {}  # any form or variant of either language -> its rows
        self.by_lemmas: dict[str, list[int]] = {}
        self.form_lemmas: dict[str, set[str]] = {}  # a Russian headword or form -> the lemmas of its entries
        self.acronyms: dict[str, list[int]] = {}  # an acronym in a Russian headword -> its rows
        for i, (r, forms, lemmas) in enumerate(zip(rows, self.forms, self.lemmas)):
            for word in dict.fromkeys((r.ru.casefold(), r.zh.casefold())):
                self.headwords.setdefault(word, []).append(i)
            for form in dict.fromkeys(forms["ru"] + forms["zh"]):
                self.by_form.setdefault(form, []).append(i)
            self.by_lemmas.setdefault(lemmas, []).append(i)
            if r.ru_lemmas:
                for form in (r.ru, *r.ru_forms):
                    self.form_lemmas.setdefault(form.casefold(), set()).add(lemmas)
            for a in _acronyms(r.ru):
                self.acronyms.setdefault(a, []).append(i)
        # The forms in one text, a line each, with the row each line belongs to.
        self.zh_forms = _Joined([(i, f) for i, forms in enumerate(self.forms) for f in forms["zh"]])
        self.all_forms = _Joined([(i, f) for i, forms in enumerate(self.forms) for f in forms["ru"] + forms["zh"]])
        self.spaced_lemmas = _Joined([(i, f" {lemmas} ") for i, lemmas in enumerate(self.lemmas)])
        self.fuzzy_forms, self.fuzzy_lemmas = _ByLength(self.all_forms.texts), _ByLength(self.lemmas)
        # The sentence (or cell) pairs, each side as one text, in the links' order.
        pairs = [(" ".join(self.sentences.get(k, "") for k in link["ru"]),
                  "".join(self.sentences.get(k, "") for k in link["zh"]))
                 for link in self.links if link["ru"] and link["zh"]]
        self.pairs_zh = [zh for _, zh in pairs]
        self.pairs_ru = _Bigrams([ru for ru, _ in pairs], prepare)

    @classmethod
    def load(cls, out: Path, prepare: bool = True) -> GlossaryIndex:
        """The glossary, corpus and alignment in `out` (InputError if the glossary is missing or damaged)."""
        return cls(*load(Path(out)), prepare=prepare)

    def search(self, query: str, limit: int = 10, examples: int = 2) -> list[Match]:
        """The entries the query finds, best first: by kind (KINDS), then closeness (for a typo),
        then score; each with up to `examples` sentence pairs using it."""
        search = _Search(query, self)
        found: dict[int, tuple[int, float]] = {}  # row -> (kind, closeness)
        for rank, kind in enumerate(KINDS):
            if len(found) >= limit:  # a later kind ranks below every match already found
                break
            for i, closeness in getattr(search, kind)().items():
                found.setdefault(i, (rank, closeness))
        ranked = sorted(found, key=lambda i: (found[i][0], -found[i][1], -self.rows[i].score))[:limit]
        return [Match(KINDS[found[i][0]], self.rows[i], self.examples(self.rows[i], examples)) for i in ranked]

    def examples(self, entry: GlossaryRow, count: int) -> list[tuple[str, str]]:
        """Up to `count` sentence (or cell) pairs where both sides use the term, in document
        order; the glossary's context pair where the folder has none (`ruzh glossary` writes no
        corpus or alignment)."""
        out: list[tuple[str, str]] = []
        if count <= 0:
            return out
        zh_forms = entry.forms("zh")
        ru_hits = heapq.merge(*(self.pairs_ru.lines_with(f) for f in entry.forms("ru")))
        for k in _distinct(ru_hits):
            if any(f in self.pairs_zh[k] for f in zh_forms):
                out.append((self.pairs_ru.texts[k], self.pairs_zh[k]))
                if len(out) == count:
                    break
        if not out and entry.ru_context and entry.zh_context:
            out.append((entry.ru_context, entry.zh_context))
        return out


class _Joined:
    """Strings (each with the row it belongs to) joined into one text, so that finding a string
    in all of them is one `str.find` pass over the text, not a loop over the list."""

    def __init__(self, items: list[tuple[int, str]], separator: str = "\n"):
        self.owners = [i for i, _ in items]
        self.texts = [t for _, t in items]
        self.starts, offset = [], 0
        for t in self.texts:
            self.starts.append(offset)
            offset += len(t) + len(separator)
        self.text = separator.join(self.texts)

    def positions(self, needle: str) -> Iterator[tuple[int, int]]:
        """(line, position in the text) of every occurrence of `needle` (which holds no
        separator), in order."""
        if not needle or not self.texts:
            yield from ((k, self.starts[k]) for k in range(len(self.texts)))
            return
        at = self.text.find(needle)
        while at >= 0:
            yield bisect.bisect_right(self.starts, at) - 1, at
            at = self.text.find(needle, at + 1)

    def lines_with(self, needle: str) -> Iterator[int]:
        """The lines holding `needle`, each once, in order."""
        if not needle:
            yield from range(len(self.texts))
            return
        at = self.text.find(needle)
        while at >= 0:
            line = bisect.bisect_right(self.starts, at) - 1
            yield line
            following = self.starts[line + 1] if line + 1 < len(self.starts) else len(self.text)
            at = self.text.find(needle, following)

    def rows_with(self, needle: str) -> dict[int, float]:
        return dict.fromkeys(sorted({self.owners[k] for k in self.lines_with(needle)}), 0.0)


class _Bigrams:
    """Texts (the Russian sides of the sentence pairs) indexed by the pairs of characters they
    hold, each pair as a bit set of the texts: a string is looked for only in the texts that hold
    every pair of characters it holds."""

    def __init__(self, texts: list[str], prepare: bool = True):
        self.texts = texts
        self.masks: dict[str, int] | None = None  # a pair of characters -> the texts holding it, as bits
        self.every = (1 << len(texts)) - 1
        if prepare:
            self._index()

    def _index(self) -> None:
        texts = self.texts
        postings: dict[str, list[int]] = {}
        for k, text in enumerate(texts):
            for pair in {text[j:j + 2] for j in range(len(text) - 1)}:
                postings.setdefault(pair, []).append(k)
        size, masks = (len(texts) + 7) // 8, {}
        for pair, ks in postings.items():
            bits = bytearray(size)
            for k in ks:
                bits[k >> 3] |= 1 << (k & 7)
            masks[pair] = int.from_bytes(bits, "little")
        self.masks = masks

    def lines_with(self, needle: str) -> Iterator[int]:
        """The texts holding `needle`, in order."""
        if self.masks is None:  # not indexed: each text in turn
            yield from (k for k, text in enumerate(self.texts) if needle in text)
            return
        candidates = self.every
        for pair in {needle[j:j + 2] for j in range(len(needle) - 1)}:
            candidates &= self.masks.get(pair, 0)
            if not candidates:
                return
        while candidates:
            low = candidates & -candidates
            k = low.bit_length() - 1
            candidates ^= low
            if needle in self.texts[k]:
                yield k


class _ByLength:
    """Strings sorted by length, for rapidfuzz's ratio: a string whose length differs from the
    query's by more than (100 - FUZZY_CUTOFF)% of the two lengths together cannot reach the cutoff,
    so only the strings of lengths near the query's are compared."""

    def __init__(self, texts: list[str]):
        self.order = sorted(range(len(texts)), key=lambda k: len(texts[k]))
        self.texts = [texts[k] for k in self.order]
        self.lengths = [len(t) for t in self.texts]

    def closest(self, query: str, cutoff: float = FUZZY_CUTOFF) -> list[tuple[int, float]]:
        """(index in the list given, ratio) of the strings within `cutoff` of `query`, closest
        first, then in the list's order."""
        from rapidfuzz import fuzz, process

        share = (100 - cutoff) / 100  # ratio <= 100 * (1 - |a - b| / (a + b))
        n = len(query)
        low = bisect.bisect_left(self.lengths, n * (1 - share) / (1 + share) - 1e-9)
        high = bisect.bisect_right(self.lengths, n * (1 + share) / (1 - share) + 1e-9)
        found = process.extract(query, self.texts[low:high], scorer=fuzz.ratio, score_cutoff=cutoff, limit=None)
        return sorted(((self.order[low + k], closeness) for _, closeness, k in found), key=lambda p: (-p[1], p[0]))


def _distinct(ordered: Iterator[int]) -> Iterator[int]:
    previous = None
    for k in ordered:
        if k != previous:
            yield k
            previous = k


class _Search:
    """One query against an index: a method per kind of match, each giving {row: closeness},
    rows in the glossary's order."""

    def __init__(self, query: str, index: GlossaryIndex):
        self.text = " ".join(query.split())
        self.folded = self.text.casefold()
        cyrillic, han = script_counts(self.text)
        self.russian, self.chinese = cyrillic > 0, han > 0
        self.index = index

    @staticmethod
    def _rows(rows: Iterable[int]) -> dict[int, float]:
        return dict.fromkeys(sorted(set(rows)), 0.0)

    def exact(self) -> dict[int, float]:
        return self._rows(self.index.headwords.get(self.folded, ()))

    def variant(self) -> dict[int, float]:  # the headwords matched already: what matches now is another form
        return self._rows(self.index.by_form.get(self.folded, ()))

    def lemmas(self) -> dict[int, float]:
        if not self.russian:
            return {}
        rows = list(self.index.by_lemmas.get(self.query_lemmas, ()))
        if len(self.text.split()) >= 2:  # its words may spell out (part of) an acronym
            initials = {w[0] for w in self.folded.replace("-", " ").split()}  # one begins the part spelled
            for acronym, owners in self.index.acronyms.items():
                if not initials.isdisjoint(acronym.lower()) and _spells_part_of(acronym, self.text):
                    rows += owners
        return self._rows(rows)

    def substring(self) -> dict[int, float]:
        if not self.folded:
            return {}
        if self.chinese:
            return self.index.zh_forms.rows_with(self.folded)
        if self.russian:
            return self.index.spaced_lemmas.rows_with(f" {self.query_lemmas} ")
        return {}

    def prefix(self) -> dict[int, float]:
        # at the start of the term or of one of its words (the line break before a form is not a word character)
        if not self.folded:
            return self._rows(range(len(self.index.rows)))
        forms = self.index.all_forms
        text = forms.text
        rows = {forms.owners[line] for line, at in forms.positions(self.folded) if at == 0 or not WORD.match(text, at - 1)}
        return self._rows(rows)

    def fuzzy(self) -> dict[int, float]:
        forms = self.index.all_forms
        closest: dict[int, float] = {}
        for k, closeness in self.index.fuzzy_forms.closest(self.folded):
            closest[forms.owners[k]] = max(closest.get(forms.owners[k], 0.0), closeness)
        if self.russian:  # a typo in a form the glossary does not list: its lemmas against the entries'
            for i, closeness in self.index.fuzzy_lemmas.closest(self.query_lemmas):
                closest[i] = max(closest.get(i, 0.0), closeness)
        return closest  # closest first, as rapidfuzz gives them: the order ties keep

    @functools.cached_property
    def query_lemmas(self) -> str:
        """The Russian query's lemmas, casefolded: those of the entries it is a form of, where they
        agree (no analyser to load), or else pymorphy3's through spaCy."""
        known = self.index.form_lemmas.get(self.folded, set())
        return next(iter(known)) if len(known) == 1 else russian_lemmas(self.text)


def warm_up() -> None:
    """Load what a Russian search may need (spaCy with pymorphy3, a second or more; rapidfuzz), so
    that a server's first such search does not wait for it."""
    import rapidfuzz.process  # noqa: F401

    import ruzh.glossary.forms  # noqa: F401

    russian_lemmas("Секретариатом")


def _acronyms(term: str) -> list[str]:
    return [w for w in term.split() if w.isupper() and len(w) > 1]


@functools.lru_cache(maxsize=4096)
def russian_lemmas(text: str) -> str:
    """The lemmas of a Russian query as glossary.csv keeps them (acronyms as written), folded."""
    from ruzh.corpus import analyze

    return " ".join(t.lemma if not t.text.isupper() else t.text for t in analyze(text, "ru")[0]
                    if t.pos != "PUNCT").casefold()


def _spells_part_of(acronym: str, words: str) -> bool:
    """«антитеррористической структуры» spells «АТС», a run of the letters of «РАТС»."""
    if len(words.split()) < 2:
        return False
    from ruzh.glossary.forms import acronym_matches  # pymorphy3 and spaCy: only when a lookup needs them

    return any(acronym_matches(acronym[i:j], words) for i in range(len(acronym)) for j in range(i + 2, len(acronym) + 1))


def highlight(text: str, forms: list[str], start: str, end: str) -> str:
    """Mark every occurrence of the term's forms, longest first."""
    pattern = "|".join(re.escape(f) for f in sorted(set(forms), key=len, reverse=True) if f)
    return re.sub(f"({pattern})", lambda m: f"{start}{m[1]}{end}", text) if pattern else text


def render(matches: list[Match], color: bool) -> str:
    """The matches as text for a terminal: each entry, how it matched, its forms and examples."""
    start, end = ("\033[1;33m", "\033[0m") if color else ("**", "**")
    if not matches:
        return "No match in the glossary."
    blocks = []
    for m in matches:
        e = m.entry
        candidate = "; candidate: check it before use" if e.status == "candidate" else ""
        lines = [f"{e.ru}  =  {e.zh}    ({m.how} match; score {e.score:.2f}; {e.freq}x{candidate})"]
        variants = e.ru_variants + e.zh_variants
        forms = [f for f in e.ru_forms + e.zh_forms if f not in (e.ru, e.zh, *variants)]  # each said once
        for name, items in (("forms", forms), ("variants", variants)):
            if items:
                lines.append(f"  {name}: {'; '.join(dict.fromkeys(items))}")
        for ru, zh in m.examples:
            lines.append(f"  RU: {highlight(ru, e.forms('ru'), start, end)}")
            lines.append(f"  ZH: {highlight(zh, e.forms('zh'), start, end)}")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def to_json(matches: list[Match]) -> str:
    """The matches as a JSON array for scripts: the typed fields, `match`, and `examples` as
    {"ru", "zh"} objects."""
    records = [{**m.record(), "examples": [{"ru": ru, "zh": zh} for ru, zh in m.examples]} for m in matches]
    return json.dumps(records, ensure_ascii=False, indent=2)
