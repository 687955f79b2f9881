"""The Python API for linguists: documents in, pandas DataFrames out. The command line uses it too.

    >>> import ruzh.api as rz
    >>> doc = rz.load()                                   # the bundled sample
    >>> rz.units(doc).query("kind == 'measure'").shape[0]
    150
    >>> alignment = rz.align(doc)
    >>> rz.links(alignment, doc, level="unit").head()       # one row per link, both texts
    >>> glossary = rz.glossary(doc, alignment)
    >>> glossary.frame().head()                              # best pairs first
    >>> rz.divergences(doc, alignment, glossary).head()     # majors first
    >>> rz.lookup("антитеррористической структуры")          # in the files `ruzh run` wrote
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from ruzh.align import Alignment, Encoder, Settings, align_document, links_frame, load_encoder
from ruzh.align.divergence import Finding, detect_divergences, glossary_names, glossary_terms
from ruzh.corpus import Document, read_document
from ruzh.glossary import Glossary, build_glossary


def load(*inputs: str, ru: str | None = None, zh: str | None = None, format: str = "auto") -> Document:
    """A document pair: the bundled sample (no arguments), a bilingual file (`load("plan.txt")`),
    two files (`load(ru="a.md", zh="b.md")`), or sentence-per-line files (`format="lines"`)."""
    return read_document(list(inputs), ru, zh, format)


def units(doc: Document) -> pd.DataFrame:
    """One row per unit and language, the columns of corpus.jsonl plus lengths."""
    frame = pd.DataFrame([u.record() for u in doc.units])
    frame["chars"] = frame.text.str.len()
    frame["n_sentences"] = frame.sentences.map(len)
    return frame


def sentences(doc: Document) -> pd.DataFrame:
    """One row per sentence: its id (`<unit id>.<k>`), unit, language, kind, section, text, length."""
    rows = [{"id": f"{u.id}.{k}", "unit": u.id, "lang": u.lang, "kind": u.kind, "section": u.section,
             "text": s, "chars": len(s)}
            for u in doc.units for k, s in enumerate(u.sentences, 1)]
    return pd.DataFrame(rows)


Model = str | Encoder  # a spec such as "use-m3" or "st:/models/LaBSE", or a loaded encoder


def encoder(model: Model = "use-m3") -> Encoder:
    """The sentence encoder a spec names, loaded once per process (an Encoder passes through)."""
    return model if isinstance(model, Encoder) else _load(model)


@lru_cache(maxsize=4)
def _load(model: str) -> Encoder:
    return load_encoder(model)


def align(doc: Document, model: Model = "use-m3", settings: Settings = Settings()) -> Alignment:
    """Units, then sentences: see `align.align_document`."""
    return align_document(doc, encoder(model), settings)


def links(alignment: Alignment, doc: Document, level: str | None = None) -> pd.DataFrame:
    """The links as a DataFrame: level, ru and zh ids, both texts, score."""
    return links_frame(alignment, doc, level)


def similarity(doc: Document, kind: str = "measure", model: Model = "use-m3") -> pd.DataFrame:
    """The cosine similarity of every Russian unit of a kind with every Chinese one (ids as labels)."""
    ru, zh = doc.of("ru", kind), doc.of("zh", kind)
    vectors = encoder(model).encode([u.text for u in ru] + [u.text for u in zh])
    matrix = vectors[: len(ru)] @ vectors[len(ru):].T
    return pd.DataFrame(np.round(matrix, 4), index=[u.id for u in ru], columns=[u.id for u in zh])


def glossary(doc: Document, alignment: Alignment, model: Model = "use-m3") -> Glossary:
    """The bilingual glossary (`.entries`, `.frame()`)."""
    return build_glossary(doc, alignment, encoder(model))


def findings(doc: Document, alignment: Alignment, terms: Glossary | None = None,
             model: Model = "use-m3", termbase=None) -> list[Finding]:
    """The divergence findings, majors first; the glossary's names and terms are evidence, and
    terminology is checked against `termbase` where one is given (a TBX or CSV file's path, or
    the (Russian forms, Chinese forms) pairs `glossary.termbase.read_termbase` gives)."""
    from ruzh.align.words import WordAligner
    from ruzh.glossary.termbase import read_termbase

    entries = terms.entries if terms is not None else []
    if isinstance(termbase, (str, Path)):
        termbase = read_termbase(termbase)
    term_pairs = termbase if termbase else glossary_terms(entries)
    words = WordAligner(encoder(model), terms=glossary_terms(entries, min_score=0.6, min_freq=1) + list(term_pairs))
    return detect_divergences(doc, alignment, encoder(model), glossary_names(entries), term_pairs,
                              aligner=words, termbase=bool(termbase))


def word_links(ru_sentence: str, zh_sentence: str, model: Model = "use-m3") -> pd.DataFrame:
    """Which words of a Russian sentence translate which words of a Chinese one: one row per
    link, with its score (see `align.words`)."""
    from ruzh.align.words import WordAligner

    return WordAligner(encoder(model)).align([(ru_sentence, zh_sentence)])[0].frame()


def divergences(doc: Document, alignment: Alignment, terms: Glossary | None = None,
                model: Model = "use-m3", termbase=None) -> pd.DataFrame:
    """The findings as a DataFrame, the columns of divergences.json."""
    return pd.DataFrame([f.record() for f in findings(doc, alignment, terms, model, termbase)])


def lookup(term: str, out: str = "out", limit: int = 10) -> pd.DataFrame:
    """Look a term up (either language, any form) in the glossary `ruzh run` wrote to `out`:
    one row per match, best first. Columns: `match` (exact, variant, lemmas, substring, prefix or
    fuzzy), the glossary's (score a float, freq an int, forms, variants, units and labels lists of
    strings) and `examples`, a list of (ru, zh) sentence pairs."""
    from ruzh.glossary.lookup import COLUMNS
    from ruzh.glossary.lookup import lookup as find

    frame = pd.DataFrame([m.record() for m in find(term, Path(out), limit=limit)], columns=COLUMNS)
    return frame.astype({"score": float, "freq": int})  # typed even when nothing matched


def batch(pairs, out: str = "out", workers: int | None = 0, scheduler: str | None = None, force: bool = False,
          termbase: str | None = None, **settings) -> pd.DataFrame:
    """Run many document pairs as `ruzh batch` does: `pairs` is a folder, a manifest, or a list of
    (name, ru, zh) tuples or dicts; each pair's files go to `out/<name>/`, their glossaries to the
    term base. `workers=0` (the default here) runs them in this process; `workers=N` on a local
    Dask cluster; `scheduler=` on an existing one. `settings`: `ruzh run`'s options by their
    Python names (`format="lines"`, `model="use-m3"`…). One row per pair: the columns of batch.jsonl
    with its counts spread out."""
    from ruzh import batch as batches

    result = batches.run_batch(batches.pairs_from(pairs), out, settings, workers=workers, scheduler=scheduler,
                               force=force, termbase=termbase, progress=False)
    return batches.records_frame(result)


def termbase(path: str = "out/termbase.sqlite") -> pd.DataFrame:
    """The term base `ruzh batch` built: one row per Russian term and Chinese rendering, with its
    other names, frequency, the documents it occurs in, whether confirmed, and how many renderings
    the term has across the archive (more than one: rendered inconsistently)."""
    from ruzh import termbase_store

    return termbase_store.frame(path)
