"""Reading Russian–Chinese documents into a clean document model.

    >>> from ruzh.corpus import load_sample
    >>> doc = load_sample()
    >>> len(doc.of("ru", "measure")), len(doc.of("zh", "measure"))
    (75, 75)
"""
from ruzh.lazy import lazy_exports

_EXPORTS = {
    "InputError": "ruzh.corpus.errors",
    "Document": "ruzh.corpus.model",
    "Repair": "ruzh.corpus.model",
    "Unit": "ruzh.corpus.model",
    "Token": "ruzh.corpus.nlp",
    "analyze": "ruzh.corpus.nlp",
    "load_sample": "ruzh.corpus.readers",
    "read_bilingual": "ruzh.corpus.readers",
    "read_document": "ruzh.corpus.readers",
    "read_lines": "ruzh.corpus.readers",
    "read_pair": "ruzh.corpus.readers",
    "sample_path": "ruzh.corpus.readers",
    "split_sentences": "ruzh.corpus.sentences",
}
__all__ = list(_EXPORTS)
__getattr__ = lazy_exports(__name__, _EXPORTS)
