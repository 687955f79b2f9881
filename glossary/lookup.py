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

import csv
import functools
import io
import json
import re
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

from ruzh.corpus import InputError
from ruzh.corpus.script import script_counts
from ruzh.corpus.textio import spreadsheet_text

KINDS = ("exact", "variant", "lemmas", "substring", "prefix", "fuzzy")
CELLS = ("participants", "executors")
# rapidfuzz's ratio (0..100, 100 - the share of characters to insert or delete): 85 lets one wrong
# letter through in a word of seven («Секретарят ШОС» scores 90 against «Секретариат ШОС») and two
# in a phrase of fourteen, but not one in a short word or acronym, where a letter makes another
# term (МИД is not МИБ: 67), nor a Chinese term that is only another term's start (上合组织文件: 80).
FUZZY_CUTOFF = 85
REQUIRED = ("ru", "zh", "score", "freq", "ru_forms", "zh_forms", "ru_lemmas")
SEPARATORS = (",", ";", "\t")  # `--csv-sep` writes ";" for a Russian-locale Excel; a tab is TSV
# A header may name the two language columns by language tag, as CAT tools like (ru-RU, zh-CN).
LANGUAGE_TAG = re.compile(r"(ru|zh)(-[a-z0-9]{1,8})+", re.IGNORECASE)


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
    for separator in SEPARATORS:
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
    closeness (for a typo), then score; each with up to `examples` sentence pairs using it."""
    rows, sentences, links = load(out)
    search = _Search(query, rows)
    found: dict[int, tuple[int, float]] = {}  # row -> (kind, closeness)
    for rank, kind in enumerate(KINDS):
        if len(found) >= limit:  # a later kind ranks below every match already found
            break
        for i, closeness in getattr(search, kind)().items():
            found.setdefault(i, (rank, closeness))
    ranked = sorted(found, key=lambda i: (found[i][0], -found[i][1], -rows[i].score))[:limit]
    return [Match(KINDS[found[i][0]], rows[i], _examples(rows[i], sentences, links, examples)) for i in ranked]


class _Search:
    """One query against the rows: a method per kind of match, each giving {row: closeness}."""

    def __init__(self, query: str, rows: list[GlossaryRow]):
        self.text = " ".join(query.split())
        self.folded = self.text.casefold()
        cyrillic, han = script_counts(self.text)
        self.russian, self.chinese = cyrillic > 0, han > 0
        self.rows = rows
        self.forms = [{lang: [f.casefold() for f in r.forms(lang)] for lang in ("ru", "zh")} for r in rows]

    def _where(self, test) -> dict[int, float]:
        return {i: 0.0 for i, r in enumerate(self.rows) if test(i, r)}

    def exact(self) -> dict[int, float]:
        return self._where(lambda i, r: self.folded in (r.ru.casefold(), r.zh.casefold()))

    def variant(self) -> dict[int, float]:  # the headwords matched already: what matches now is another form
        return self._where(lambda i, r: any(self.folded in forms for forms in self.forms[i].values()))

    def lemmas(self) -> dict[int, float]:
        if not self.russian:
            return {}
        return self._where(lambda i, r: self.query_lemmas == r.ru_lemmas.casefold()
                           or any(_spells_part_of(a, self.text) for a in _acronyms(r.ru)))

    def substring(self) -> dict[int, float]:
        if self.chinese:
            return self._where(lambda i, r: any(self.folded in f for f in self.forms[i]["zh"]))
        if self.russian:
            inner = f" {self.query_lemmas} "
            return self._where(lambda i, r: inner in f" {r.ru_lemmas.casefold()} ")
        return {}

    def prefix(self) -> dict[int, float]:
        starts = re.compile(rf"(?<!\w){re.escape(self.folded)}")  # at the start of the term or of one of its words
        return self._where(lambda i, r: any(starts.search(f) for forms in self.forms[i].values() for f in forms))

    def fuzzy(self) -> dict[int, float]:
        from rapidfuzz import fuzz, process

        owners, choices = [], []
        for i, forms in enumerate(self.forms):
            for f in forms["ru"] + forms["zh"]:
                owners.append(i)
                choices.append(f)
        closest: dict[int, float] = {}
        for _, closeness, k in process.extract(self.folded, choices, scorer=fuzz.ratio,
                                               score_cutoff=FUZZY_CUTOFF, limit=None):
            closest[owners[k]] = max(closest.get(owners[k], 0.0), closeness)
        if self.russian:  # a typo in a form the glossary does not list: its lemmas against the entries'
            lemmas = [r.ru_lemmas.casefold() for r in self.rows]
            for _, closeness, i in process.extract(self.query_lemmas, lemmas, scorer=fuzz.ratio,
                                                   score_cutoff=FUZZY_CUTOFF, limit=None):
                closest[i] = max(closest.get(i, 0.0), closeness)
        return closest

    @functools.cached_property
    def query_lemmas(self) -> str:
        """The Russian query's lemmas, casefolded: those of the entries it is a form of, where they
        agree (no analyser to load), or else pymorphy3's through spaCy."""
        known = {r.ru_lemmas.casefold() for r in self.rows if r.ru_lemmas
                 and self.folded in (f.casefold() for f in (r.ru, *r.ru_forms))}
        return known.pop() if len(known) == 1 else _lemmas(self.text)


def _acronyms(term: str) -> list[str]:
    return [w for w in term.split() if w.isupper() and len(w) > 1]


def _lemmas(text: str) -> str:
    from ruzh.corpus import analyze

    return " ".join(t.lemma if not t.text.isupper() else t.text for t in analyze(text, "ru")[0]
                    if t.pos != "PUNCT").casefold()


def _spells_part_of(acronym: str, words: str) -> bool:
    """«антитеррористической структуры» spells «АТС», a run of the letters of «РАТС»."""
    if len(words.split()) < 2:
        return False
    from ruzh.glossary.forms import acronym_matches  # pymorphy3 and spaCy: only when a lookup needs them

    return any(acronym_matches(acronym[i:j], words) for i in range(len(acronym)) for j in range(i + 2, len(acronym) + 1))


def _examples(entry: GlossaryRow, sentences: dict[str, str], links: list[dict], count: int) -> list[tuple[str, str]]:
    """Sentence (or cell) pairs where both sides use the term; the glossary's context pair where
    the folder has none (`ruzh glossary` writes no corpus or alignment)."""
    ru_forms, zh_forms = entry.forms("ru"), entry.forms("zh")
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
    if not out and count and entry.ru_context and entry.zh_context:
        out.append((entry.ru_context, entry.zh_context))
    return out


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
