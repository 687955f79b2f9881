"""The archive's term base: every document's glossary merged into concepts, in one SQLite file.

Not to be confused with `glossary/termbase.py`, which *reads* a term base a user already has to
check a translation against; this module *builds* one (`ruzh batch` writes `OUT/termbase.sqlite`)
and reads it back (`ruzh lookup --termbase`, `ruzh termbase export`, the consistency check).

A concept is a Russian dictionary form with its other names (an acronym and its full form,
«РАТС ШОС» and «Региональная антитеррористическая структура ШОС», are one concept); each of its
Chinese renderings keeps, per document, its frequency, units, where it is printed, its best score,
its status and an example sentence pair. A document is added in one transaction, replacing what an
earlier run added for it: adding the same document twice leaves it there once, and adding one
leaves the rest as they are.

One writer: `ruzh batch` adds documents from the process that collects the workers' results, so
that no two processes write at once; every write is a transaction (`BEGIN IMMEDIATE`), retried
while another process holds the file, so that concurrent writers (a second batch on the same term
base) wait rather than corrupt it.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import sqlite3
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from ruzh.corpus import InputError

SCHEMA_VERSION = 1
BUSY_SECONDS = 60  # how long a writer waits for another to finish before giving up
SQLITE_MAGIC = b"SQLite format 3\x00"

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS documents (
    id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, key TEXT NOT NULL, source TEXT, report TEXT,
    added TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS concepts (id INTEGER PRIMARY KEY, ru TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS names (              -- the Russian headword and its variants, each to one concept
    fold TEXT PRIMARY KEY, name TEXT NOT NULL, concept INTEGER NOT NULL REFERENCES concepts(id),
    lemmas TEXT);                                -- a headword's lemmas, folded, as its glossary gives them
CREATE INDEX IF NOT EXISTS names_concept ON names(concept);
CREATE TABLE IF NOT EXISTS renderings (
    id INTEGER PRIMARY KEY, concept INTEGER NOT NULL REFERENCES concepts(id), zh TEXT NOT NULL,
    UNIQUE (concept, zh));
CREATE INDEX IF NOT EXISTS renderings_zh ON renderings(zh);
CREATE TABLE IF NOT EXISTS occurrences (
    rendering INTEGER NOT NULL REFERENCES renderings(id), document INTEGER NOT NULL REFERENCES documents(id),
    freq INTEGER NOT NULL, score REAL NOT NULL, status TEXT NOT NULL, units TEXT NOT NULL, labels TEXT NOT NULL,
    ru_forms TEXT NOT NULL, zh_forms TEXT NOT NULL, zh_variants TEXT NOT NULL, ru_pos TEXT, zh_pos TEXT,
    ru_context TEXT, zh_context TEXT,
    PRIMARY KEY (rendering, document));
CREATE INDEX IF NOT EXISTS occurrences_document ON occurrences(document);
"""


class TermbaseError(InputError):
    """A term base file that cannot be opened or is not one."""


@contextmanager
def connect(path: str | Path, create: bool = False) -> Iterator[sqlite3.Connection]:
    """An open term base (created with its tables when `create`); a clear error for anything else."""
    path = Path(path)
    if not create and not path.is_file():
        raise TermbaseError(path, "no term base here; build one with `ruzh batch` (it writes OUT/termbase.sqlite)")
    if path.is_file() and path.stat().st_size and not is_sqlite(path):
        raise TermbaseError(path, "is not a term base written by ruzh batch (not an SQLite file)")
    if create:
        path.parent.mkdir(parents=True, exist_ok=True)
    try:
        db = sqlite3.connect(path, timeout=BUSY_SECONDS, isolation_level=None)
    except sqlite3.Error as e:
        raise TermbaseError(path, f"cannot open the term base ({e})") from e
    try:
        db.row_factory = sqlite3.Row
        db.execute("PRAGMA foreign_keys = ON")
        if create:
            _retry(lambda: db.executescript(SCHEMA))
            if not _has_lemmas(db):  # a term base from before lemmas were kept: its names get the column
                _retry(lambda: db.execute("ALTER TABLE names ADD COLUMN lemmas TEXT"))
            _retry(lambda: db.execute("CREATE INDEX IF NOT EXISTS names_lemmas ON names(lemmas)"))
            _retry(lambda: db.execute("INSERT OR IGNORE INTO meta VALUES ('schema', ?)", (str(SCHEMA_VERSION),)))
        elif not db.execute("SELECT 1 FROM sqlite_master WHERE name = 'concepts'").fetchone():
            raise TermbaseError(path, "is an SQLite file but not a term base written by ruzh batch")
        yield db
    except (sqlite3.DatabaseError, json.JSONDecodeError) as e:  # a column of lists that is no JSON: damaged too
        raise TermbaseError(path, f"the term base cannot be read ({e}); is it damaged?") from e
    finally:
        db.close()


def _has_lemmas(db: sqlite3.Connection) -> bool:
    return any(column["name"] == "lemmas" for column in db.execute("PRAGMA table_info(names)"))


def is_sqlite(path: Path) -> bool:
    """Whether the file is an SQLite database, by its first bytes (the rest is not read)."""
    with path.open("rb") as f:
        return f.read(len(SQLITE_MAGIC)) == SQLITE_MAGIC


def _retry(action, attempts: int = 20):
    """Run `action`, waiting and retrying while another process holds the file locked."""
    for attempt in range(attempts):
        try:
            return action()
        except sqlite3.OperationalError as e:
            if "locked" not in str(e) and "busy" not in str(e) or attempt == attempts - 1:
                raise
            time.sleep(min(2.0, 0.05 * 2 ** attempt))


# ------------------------------------------------------------------ writing

@dataclass
class Row:
    """One glossary entry of one document, as `glossary.csv` has it."""

    ru: str
    zh: str
    score: float
    freq: int
    status: str = "confirmed"
    ru_variants: list[str] = field(default_factory=list)
    zh_variants: list[str] = field(default_factory=list)
    ru_forms: list[str] = field(default_factory=list)
    zh_forms: list[str] = field(default_factory=list)
    units: list[str] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)
    ru_pos: str = ""
    zh_pos: str = ""
    ru_context: str = ""
    zh_context: str = ""
    ru_lemmas: str = ""


def read_glossary_csv(path: str | Path, sep: str | None = None) -> list[Row]:
    """The rows of a `glossary.csv` that `ruzh run` wrote (any of its separators)."""
    from ruzh.corpus.textio import csv_separator, spreadsheet_text

    text = Path(path).read_text(encoding="utf-8-sig")
    sep = sep or csv_separator(text)
    rows = []
    for record in csv.DictReader(io.StringIO(text), delimiter=sep):
        cell = {k: spreadsheet_text(v or "") for k, v in record.items() if k}
        if not cell.get("ru", "").strip() or not cell.get("zh", "").strip():
            continue
        listed = lambda name, by="; ": [x.strip() for x in cell.get(name, "").split(by) if x.strip()]  # noqa: E731
        rows.append(Row(ru=cell["ru"].strip(), zh=cell["zh"].strip(), score=_number(cell.get("score"), float),
                        freq=_number(cell.get("freq"), int), status=cell.get("status") or "confirmed",
                        ru_variants=listed("ru_variants"), zh_variants=listed("zh_variants"),
                        ru_forms=listed("ru_forms"), zh_forms=listed("zh_forms"), units=listed("units", " "),
                        labels=listed("labels"), ru_pos=cell.get("ru_pos", ""), zh_pos=cell.get("zh_pos", ""),
                        ru_context=cell.get("ru_context", ""), zh_context=cell.get("zh_context", ""),
                        ru_lemmas=cell.get("ru_lemmas", "").strip()))
    return rows


def _number(text: str | None, kind: type):
    try:
        return kind(float(text)) if kind is int else kind(text)
    except (TypeError, ValueError):
        return kind(0)


def add_document(path: str | Path, name: str, rows: Iterable[Row], key: str = "", source: str = "",
                 report: str = "") -> None:
    """Add one document's glossary, replacing what was added for `name` before; one transaction."""
    rows = list(rows)
    with connect(path, create=True) as db:
        def write():
            db.execute("BEGIN IMMEDIATE")
            try:
                _replace_document(db, name, rows, key, source, report)
                db.execute("COMMIT")
            except BaseException:
                db.execute("ROLLBACK")
                raise
        _retry(write)


def remove_document(path: str | Path, name: str) -> None:
    with connect(path, create=True) as db:
        def write():
            db.execute("BEGIN IMMEDIATE")
            _forget(db, name)
            _prune(db)
            db.execute("COMMIT")
        _retry(write)


def document_keys(path: str | Path) -> dict[str, str]:
    """The documents a term base holds, each with the key (inputs and settings) it was added with."""
    if not Path(path).is_file():
        return {}
    with connect(path) as db:
        return {r["name"]: r["key"] for r in db.execute("SELECT name, key FROM documents")}


def _forget(db: sqlite3.Connection, name: str) -> None:
    row = db.execute("SELECT id FROM documents WHERE name = ?", (name,)).fetchone()
    if row:
        db.execute("DELETE FROM occurrences WHERE document = ?", (row["id"],))
        db.execute("DELETE FROM documents WHERE id = ?", (row["id"],))


def _prune(db: sqlite3.Connection) -> None:
    """Renderings no document uses any more, and concepts left without one."""
    db.execute("DELETE FROM renderings WHERE id NOT IN (SELECT rendering FROM occurrences)")
    db.execute("DELETE FROM names WHERE concept NOT IN (SELECT concept FROM renderings)")
    db.execute("DELETE FROM concepts WHERE id NOT IN (SELECT concept FROM renderings)")


def _replace_document(db, name, rows, key, source, report) -> None:
    _forget(db, name)
    now = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
    document = db.execute("INSERT INTO documents (name, key, source, report, added) VALUES (?, ?, ?, ?, ?)",
                          (name, key, source, report, now)).lastrowid
    for r in rows:
        concept = _concept(db, [r.ru, *r.ru_variants])
        if r.ru_lemmas:
            db.execute("UPDATE names SET lemmas = ? WHERE fold = ? AND lemmas IS NULL", (fold(r.ru_lemmas), fold(r.ru)))
        db.execute("INSERT OR IGNORE INTO renderings (concept, zh) VALUES (?, ?)", (concept, r.zh))
        rendering = db.execute("SELECT id FROM renderings WHERE concept = ? AND zh = ?", (concept, r.zh)).fetchone()[0]
        old = db.execute("SELECT * FROM occurrences WHERE rendering = ? AND document = ?",
                         (rendering, document)).fetchone()
        if old:  # two entries of one document with the same concept and rendering (a variant's own row)
            merged = lambda a, b: json.dumps(list(dict.fromkeys([*json.loads(a), *b])), ensure_ascii=False)  # noqa: E731
            db.execute("UPDATE occurrences SET freq = max(freq, ?), score = max(score, ?), units = ?, labels = ?, "
                       "status = CASE WHEN status = 'confirmed' THEN status ELSE ? END "
                       "WHERE rendering = ? AND document = ?",
                       (r.freq, r.score, merged(old["units"], r.units), merged(old["labels"], r.labels), r.status,
                        rendering, document))
            continue
        db.execute("INSERT INTO occurrences VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                   (rendering, document, r.freq, r.score, r.status, _json(r.units), _json(r.labels),
                    _json(r.ru_forms), _json(r.zh_forms), _json(r.zh_variants), r.ru_pos, r.zh_pos,
                    r.ru_context, r.zh_context))
    _prune(db)


def _json(items: list[str]) -> str:
    return json.dumps(items, ensure_ascii=False)


def fold(term: str) -> str:
    """How names are compared: case, «ё» and spacing set aside."""
    return " ".join(term.casefold().replace("ё", "е").split())


def _concept(db: sqlite3.Connection, names: list[str]) -> int:
    """The concept any of these Russian names belongs to (merging concepts that the names join:
    an acronym met in one document and its full form in another); a new one if none."""
    names = [n for n in dict.fromkeys(" ".join(n.split()) for n in names) if n]
    folded = [fold(n) for n in names]
    marks = ",".join("?" * len(folded))
    found = sorted({r[0] for r in db.execute(f"SELECT concept FROM names WHERE fold IN ({marks})", folded)})
    if not found:
        concept = db.execute("INSERT INTO concepts (ru) VALUES (?)", (names[0],)).lastrowid
    else:
        concept, *others = found
        for other in others:  # fold the others into the oldest
            for rendering in db.execute("SELECT id, zh FROM renderings WHERE concept = ?", (other,)).fetchall():
                kept = db.execute("SELECT id FROM renderings WHERE concept = ? AND zh = ?",
                                  (concept, rendering["zh"])).fetchone()
                if kept is None:
                    db.execute("UPDATE renderings SET concept = ? WHERE id = ?", (concept, rendering["id"]))
                    continue
                for occ in db.execute("SELECT * FROM occurrences WHERE rendering = ?", (rendering["id"],)).fetchall():
                    clash = db.execute("SELECT 1 FROM occurrences WHERE rendering = ? AND document = ?",
                                       (kept["id"], occ["document"])).fetchone()
                    if clash:
                        db.execute("DELETE FROM occurrences WHERE rendering = ? AND document = ?",
                                   (rendering["id"], occ["document"]))
                    else:
                        db.execute("UPDATE occurrences SET rendering = ? WHERE rendering = ? AND document = ?",
                                   (kept["id"], rendering["id"], occ["document"]))
                db.execute("DELETE FROM renderings WHERE id = ?", (rendering["id"],))
            db.execute("UPDATE names SET concept = ? WHERE concept = ?", (concept, other))
            db.execute("DELETE FROM concepts WHERE id = ?", (other,))
    for name, key in zip(names, folded):
        db.execute("INSERT OR IGNORE INTO names (fold, name, concept) VALUES (?, ?, ?)", (key, name, concept))
    return concept


# ------------------------------------------------------------------ reading

@dataclass
class Occurrence:
    document: str
    freq: int
    score: float
    status: str
    units: list[str]
    labels: list[str]
    ru_context: str
    zh_context: str
    report: str = ""


@dataclass
class Rendering:
    zh: str
    occurrences: list[Occurrence]
    variants: list[str] = field(default_factory=list)  # the Chinese short or full forms the documents gave
    ru_forms: list[str] = field(default_factory=list)
    zh_forms: list[str] = field(default_factory=list)
    ru_pos: str = "noun"
    zh_pos: str = "noun"

    @property
    def freq(self) -> int:
        return sum(o.freq for o in self.occurrences)

    @property
    def documents(self) -> list[str]:
        return list(dict.fromkeys(o.document for o in self.occurrences))

    @property
    def confirmed(self) -> bool:
        return any(o.status == "confirmed" for o in self.occurrences)

    def record(self) -> dict:
        return {"zh": self.zh, "freq": self.freq, "documents": self.documents, "variants": self.variants,
                "occurrences": [{"document": o.document, "freq": o.freq, "units": o.units, "labels": o.labels,
                                 "status": o.status, "report": o.report} for o in self.occurrences]}


@dataclass
class Concept:
    id: int
    ru: str
    names: list[str]  # the headword first, then its acronym, full form, other spellings
    renderings: list[Rendering]

    @property
    def freq(self) -> int:
        return sum(r.freq for r in self.renderings)

    @property
    def documents(self) -> list[str]:
        return list(dict.fromkeys(d for r in self.renderings for d in r.documents))


def concepts(path: str | Path, ids: Iterable[int] | None = None) -> list[Concept]:
    """The term base's concepts (or those with these ids), most frequent first; each rendering's
    occurrences in document order."""
    with connect(path) as db:
        return _concepts(db, ids)


def top_concepts(path: str | Path, n: int) -> list[Concept]:
    """The n most frequent concepts, as `concepts(path)[:n]`, loading only those."""
    with connect(path) as db:
        ranks = _ranks(db)
        return _concepts(db, sorted(ranks, key=ranks.__getitem__)[:n])


def _ranks(db: sqlite3.Connection) -> dict[int, tuple[int, str]]:
    """Each concept with an occurrence, and its place as `_concepts` orders them (most frequent
    first, then by its Russian name): counted in SQL, nothing loaded."""
    return {cid: (-freq, ru) for cid, freq, ru in db.execute(
        "SELECT c.id, SUM(o.freq), c.ru FROM concepts c JOIN renderings r ON r.concept = c.id JOIN occurrences o "
        "ON o.rendering = r.id JOIN documents d ON d.id = o.document GROUP BY c.id")}


def _concepts(db: sqlite3.Connection, ids: Iterable[int] | None = None) -> list[Concept]:
    where, params = "", []
    if ids is not None:
        params = list(ids)
        if not params:
            return []
        where = f"WHERE c.id IN ({','.join('?' * len(params))})"
    names: dict[int, list[str]] = {}
    for r in db.execute(f"SELECT n.concept, n.name FROM names n JOIN concepts c ON c.id = n.concept {where} "
                        "ORDER BY n.rowid", params):
        names.setdefault(r[0], []).append(r[1])
    out: dict[int, Concept] = {}
    query = (f"SELECT c.id AS cid, c.ru, r.id AS rid, r.zh, o.*, d.name AS doc, d.report FROM concepts c "
             f"JOIN renderings r ON r.concept = c.id JOIN occurrences o ON o.rendering = r.id "
             f"JOIN documents d ON d.id = o.document {where} ORDER BY c.id, r.id, d.name")
    renderings: dict[int, Rendering] = {}
    for row in db.execute(query, params):
        concept = out.setdefault(row["cid"], Concept(row["cid"], row["ru"], [], []))
        rendering = renderings.get(row["rid"])
        if rendering is None:
            rendering = renderings[row["rid"]] = Rendering(row["zh"], [], ru_pos=row["ru_pos"] or "noun",
                                                           zh_pos=row["zh_pos"] or "noun")
            concept.renderings.append(rendering)
        rendering.occurrences.append(Occurrence(row["doc"], row["freq"], row["score"], row["status"],
                                                json.loads(row["units"]), json.loads(row["labels"]),
                                                row["ru_context"] or "", row["zh_context"] or "", row["report"] or ""))
        for attribute, column in (("variants", "zh_variants"), ("ru_forms", "ru_forms"), ("zh_forms", "zh_forms")):
            merged = [*getattr(rendering, attribute), *json.loads(row[column])]
            setattr(rendering, attribute, list(dict.fromkeys(merged)))
    for concept in out.values():
        concept.names = list(dict.fromkeys([concept.ru, *names.get(concept.id, [])]))
        concept.renderings.sort(key=lambda r: (-r.freq, r.zh))
    return sorted(out.values(), key=lambda c: (-c.freq, c.ru))


def documents(path: str | Path) -> list[dict]:
    with connect(path) as db:
        rows = db.execute("SELECT d.name, d.key, d.source, d.report, d.added, count(o.rendering) AS entries "
                          "FROM documents d LEFT JOIN occurrences o ON o.document = d.id GROUP BY d.id "
                          "ORDER BY d.name").fetchall()
        return [dict(r) for r in rows]


def terms(path: str | Path) -> list[tuple[list[str], list[str]]]:
    """(Russian names, Chinese renderings) per concept, confirmed renderings first: what
    `glossary.termbase.read_termbase` gives for a TBX or CSV term base (`ruzh run --termbase`)."""
    out = []
    for c in concepts(path):
        zh = [r.zh for r in sorted(c.renderings, key=lambda r: (not r.confirmed, -r.freq))]
        out.append((c.names, list(dict.fromkeys(zh))))
    return out


def lookup(path: str | Path, term: str, limit: int = 5) -> list[tuple[str, Concept]]:
    """The concepts a Russian or Chinese term names, best first, each with how it matched: `exact`
    (a name or a rendering), `lemmas` (a Russian query inflected otherwise than the entry,
    «Секретариатом ШОС» for «Секретариат ШОС»), `substring` (of a name, a rendering, or a run of a
    name's lemmas), or `fuzzy` (a typo). The query's lemmas are those `ruzh lookup` finds in a run
    folder's glossary (spaCy with pymorphy3, loaded only for a Russian query with no exact match)."""
    query = fold(term)
    if not query:
        return []
    zh = "".join(term.split())
    with connect(path) as db:
        found: dict[int, str] = {}

        def add(how: str, sql: str, params: tuple) -> None:
            for (concept,) in db.execute(sql, params):
                found.setdefault(concept, how)

        add("exact", "SELECT concept FROM names WHERE fold = ? UNION SELECT concept FROM renderings WHERE zh = ?",
            (query, zh))
        lemmas = _query_lemmas(term) if not found and _CYRILLIC.search(term) and _has_lemmas(db) else ""
        if lemmas:
            add("lemmas", "SELECT concept FROM names WHERE lemmas = ?", (lemmas,))
        add("substring", "SELECT concept FROM names WHERE instr(fold, ?) > 0 UNION SELECT concept FROM "
                         "renderings WHERE instr(zh, ?) > 0", (query, zh))
        if lemmas:
            add("substring", "SELECT concept FROM names WHERE instr(' ' || lemmas || ' ', ?) > 0", (f" {lemmas} ",))
        if len(found) < limit:
            # A typo as `ruzh lookup` takes one in a glossary: the same cutoff.
            from rapidfuzz import fuzz, process

            from ruzh.glossary.lookup import FUZZY_CUTOFF

            names = db.execute("SELECT fold, concept FROM names").fetchall()
            for _, score, index in process.extract(query, [n[0] for n in names], scorer=fuzz.ratio,
                                                   score_cutoff=FUZZY_CUTOFF, limit=limit):
                found.setdefault(names[index][1], "fuzzy")
        order = {"exact": 0, "lemmas": 1, "substring": 2, "fuzzy": 3}
        # Ranked on their counts before any is loaded: a one-letter query matches most of the term base.
        ranks = _ranks(db)
        best = sorted((c for c in found if c in ranks), key=lambda c: (order[found[c]], *ranks[c]))[:limit]
        matched = {c.id: c for c in _concepts(db, best)}
    return [(found[c], matched[c]) for c in best]


_CYRILLIC = re.compile("[а-яё]", re.IGNORECASE)


def _query_lemmas(term: str) -> str:
    """A Russian query's lemmas, folded as the term base keeps a headword's (acronyms as written,
    then case set aside): `ruzh lookup`'s own."""
    from ruzh.glossary.lookup import russian_lemmas

    return fold(russian_lemmas(" ".join(term.split())))


def render(matches: list[tuple[str, Concept]], examples: int = 2) -> str:
    """The matches as a translator reads them: the term, its renderings with counts and documents,
    and example sentence pairs from any document."""
    if not matches:
        return "No entry in the term base."
    blocks = []
    for how, c in matches:
        lines = [f"{c.ru}" + (f"  (also {', '.join(c.names[1:])})" if len(c.names) > 1 else "")
                 + (f"  [{how} match]" if how != "exact" else "")]
        for r in c.renderings:
            docs = ", ".join(r.documents[:5]) + (f" and {len(r.documents) - 5} more" if len(r.documents) > 5 else "")
            lines.append(f"  → {r.zh}  {r.freq}× in {len(r.documents)} document{'s' * (len(r.documents) != 1)}: {docs}")
            shown = [o for o in r.occurrences if o.ru_context and o.zh_context][:examples]
            for o in shown:
                lines.append(f"      {o.document}: {o.ru_context}")
                lines.append(f"      {' ' * len(o.document)}  {o.zh_context}")
        if len(c.renderings) > 1:
            lines.append(f"  ! rendered {len(c.renderings)} ways across the archive")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def to_json(matches: list[tuple[str, Concept]]) -> str:
    return json.dumps([{"match": how, "ru": c.ru, "names": c.names, "freq": c.freq, "documents": c.documents,
                        "renderings": [r.record() | {"examples": [[o.ru_context, o.zh_context] for o in r.occurrences
                                                                   if o.ru_context and o.zh_context][:3]}
                                       for r in c.renderings]} for how, c in matches],
                      ensure_ascii=False, indent=1)


# ------------------------------------------------------------------ consistency and exports

def inconsistencies(path: str | Path, min_documents: int = 2) -> list[dict]:
    """Russian terms the archive renders in two or more ways: concepts met in at least
    `min_documents` documents with two or more confirmed renderings that are not each other's
    listed variants (a short and a full form given as such are one rendering). Most documents first."""
    found = []
    for c in concepts(path):
        confirmed = [r for r in c.renderings if r.confirmed]
        distinct = []
        for r in confirmed:
            if not any(r.zh in d.variants or d.zh in r.variants for d in distinct):
                distinct.append(r)
        if len(distinct) < 2 or len(c.documents) < min_documents:
            continue
        found.append({"ru": c.ru, "names": c.names, "documents": len(c.documents), "freq": c.freq,
                      "renderings": [r.record() for r in confirmed]})
    return sorted(found, key=lambda f: (-f["documents"], -f["freq"], f["ru"]))


def as_glossary(path: str | Path):
    """The term base as a `Glossary` (one entry per concept and rendering, where it occurs named
    «document: unit»), for `glossary.exports`' writers."""
    from ruzh.glossary.build import Entry, Glossary

    entries = []
    for c in concepts(path):
        for r in c.renderings:
            best = max(r.occurrences, key=lambda o: o.score)
            example = next((o for o in r.occurrences if o.ru_context and o.zh_context), best)
            entries.append(Entry(
                ru=c.ru, zh=r.zh, score=best.score, freq=r.freq, ru_forms=r.ru_forms, zh_forms=r.zh_forms,
                units=[f"{o.document}:{u}" for o in r.occurrences for u in o.units],
                status="confirmed" if r.confirmed else "candidate", ru_pos=r.ru_pos, zh_pos=r.zh_pos,
                ru_variants=c.names[1:], zh_variants=[v for v in r.variants if v != r.zh],
                context=(example.ru_context, example.zh_context),
                labels=[f"{o.document}: {label}" for o in r.occurrences for label in o.labels]))
    return Glossary(entries)


def export(path: str | Path, out: str | Path, zh_tag: str | None = None, csv_sep: str = ",") -> list[Path]:
    """Every glossary export (CSV, XLSX, TBX v3 and v2, OmegaT, the CAT tools' files), written by
    `glossary.exports`' own writers, named `termbase.*` in `out`."""
    from ruzh.corpus.textio import write_atomic
    from ruzh.glossary.exports import EXPORTS, ExportSettings

    glossary = as_glossary(path)
    settings = ExportSettings(csv_sep=csv_sep, **({"zh_tag": zh_tag} if zh_tag else {}))
    written = []
    for filename, render in EXPORTS.items():
        target = Path(out) / filename.replace("glossary", "termbase", 1)
        write_atomic(target, render(glossary, settings))
        written.append(target)
    return written


def frame(path: str | Path):
    """One row per concept and rendering: ru, names, zh, freq, documents, n_documents, confirmed."""
    import pandas as pd

    rows = [{"ru": c.ru, "names": c.names, "zh": r.zh, "freq": r.freq, "documents": r.documents,
             "n_documents": len(r.documents), "confirmed": r.confirmed, "renderings": len(c.renderings)}
            for c in concepts(path) for r in c.renderings]
    return pd.DataFrame(rows, columns=["ru", "names", "zh", "freq", "documents", "n_documents", "confirmed",
                                       "renderings"])
