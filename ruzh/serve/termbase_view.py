"""The glossary page on a term base (`ruzh serve OUT/termbase.sqlite`, or a batch folder): search
through `termbase_store.lookup` (its exact, substring and typo matching: no second matcher here),
each concept with its Russian names and forms, and its Chinese renderings with their frequency, the
documents and units they occur in, an example sentence pair and a link to each document's report.

A term base has no aligned document of its own and no findings: the Document and Review pages are
not offered."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ruzh import termbase_store as store
from ruzh.align.marks import kwic
from ruzh.serve.glossary_view import CONTEXT, MAX_QUERY, RESULTS, Line

BROWSE = 60  # concepts listed before anything is searched
EXAMPLES = 2  # example sentence pairs per rendering
NAME = "termbase.sqlite"


def locate(path: Path) -> Path | None:
    """The term base `ruzh serve PATH` means, or None when PATH is a run folder: a file is taken for
    a term base (checked when opened), a folder for a batch folder when it has `termbase.sqlite`
    and no `corpus.jsonl` (a run's)."""
    path = Path(path)
    if path.is_file():
        return path
    if path.is_dir() and (path / NAME).is_file() and not (path / "corpus.jsonl").is_file():
        return path / NAME
    return None


@dataclass(frozen=True)
class Source:
    """The term base served, as the page header names it."""

    path: Path
    documents: list[dict]  # as `termbase_store.documents` gives them

    @property
    def name(self) -> str:
        return self.path.name


def open_source(path: Path) -> Source:
    """The term base, read once now: TermbaseError (one line) if it cannot be read."""
    return Source(path, store.documents(path))


@dataclass(frozen=True)
class OccurrenceView:
    occurrence: store.Occurrence
    report: bool  # whether the document's report can be opened from the page


@dataclass(frozen=True)
class RenderingView:
    rendering: store.Rendering
    occurrences: list[OccurrenceView]
    variants: list[str]  # other Chinese forms, the rendering itself left out
    examples: list[Line]


@dataclass(frozen=True)
class ConceptView:
    concept: store.Concept
    how: str  # how it matched ("" when listed, not searched)
    forms: list[str]  # Russian forms met in the documents, other than its names
    renderings: list[RenderingView]


def search(path: Path, query: str) -> list[ConceptView]:
    """The concepts the query finds, best first (`termbase_store.lookup`)."""
    query = " ".join(query.split())[:MAX_QUERY]
    if not query:
        return []
    return [_view(path, c, how) for how, c in store.lookup(path, query, limit=RESULTS)]


def browse(path: Path) -> list[ConceptView]:
    """The most frequent concepts, for a first look before any search."""
    return [_view(path, c, "") for c in store.top_concepts(path, BROWSE)]


def report_path(path: Path, document: str) -> Path | None:
    """The report of a document of the term base, if it is still there (see `_report_file`)."""
    known = {d["name"]: d for d in store.documents(path)}
    return _report_file(path, document, known[document].get("report") or "") if document in known else None


def _report_file(path: Path, document: str, recorded: str) -> Path | None:
    """Where the batch recorded the document's report, else beside the term base as a batch folder
    lays it out; only a file named `report.html` is ever given."""
    for candidate in (recorded, path.parent / document / "report.html"):
        if not candidate:
            continue
        candidate = Path(candidate)
        if not candidate.is_absolute():
            candidate = path.parent / candidate
        if candidate.name == "report.html" and candidate.is_file():
            return candidate
    return None


def downloads() -> list[tuple[str, str]]:
    """(file name, what it is) for each export the term base can be downloaded as."""
    from ruzh.glossary.exports import EXPORTS
    from ruzh.serve.glossary_view import DOWNLOADS

    return [(_export_name(name), DOWNLOADS.get(name, name)) for name in EXPORTS]


def export(path: Path, name: str) -> bytes | None:
    """The term base as the export named `name` (termbase.csv, termbase.tbx, …), or None."""
    from ruzh.glossary.exports import EXPORTS, ExportSettings

    for filename, render in EXPORTS.items():
        if _export_name(filename) == name:
            return render(store.as_glossary(path), ExportSettings())
    return None


def _export_name(filename: str) -> str:
    return filename.replace("glossary", "termbase", 1)


def _view(path: Path, concept: store.Concept, how: str) -> ConceptView:
    names = set(concept.names)
    forms = [f for f in dict.fromkeys(f for r in concept.renderings for f in r.ru_forms) if f not in names]
    renderings = []
    for r in concept.renderings:
        ru_forms = [*concept.names, *r.ru_forms]
        zh_forms = [r.zh, *r.variants, *r.zh_forms]
        examples = []
        for o in r.occurrences:
            if len(examples) == EXAMPLES:
                break
            ru, zh = kwic(o.ru_context, ru_forms, CONTEXT["ru"]), kwic(o.zh_context, zh_forms, CONTEXT["zh"])
            if ru and zh:
                examples.append(Line(ru, zh))
            elif o.ru_context and o.zh_context:  # the term not found as written: the pair, unmarked
                examples.append(Line((o.ru_context, "", ""), (o.zh_context, "", "")))
        renderings.append(RenderingView(r, [OccurrenceView(o, _report_file(path, o.document, o.report) is not None)
                                            for o in r.occurrences],
                                        [v for v in r.variants if v != r.zh], examples))
    return ConceptView(concept, how, forms, renderings)
