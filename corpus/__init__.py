"""Reading Russian–Chinese documents into a clean document model.

    >>> from ruzh.corpus import load_sample
    >>> doc = load_sample()
    >>> len(doc.of("ru", "measure")), len(doc.of("zh", "measure"))
    (75, 75)
"""
from ruzh.corpus.errors import InputError
from ruzh.corpus.model import Document, Repair, Unit
from ruzh.corpus.nlp import Token, analyze
from ruzh.corpus.readers import load_sample, read_bilingual, read_document, read_lines, read_pair, sample_path
from ruzh.corpus.sentences import split_sentences

__all__ = [
    "Document", "InputError", "Repair", "Token", "Unit", "analyze", "load_sample", "read_bilingual",
    "read_document", "read_lines", "read_pair", "sample_path", "split_sentences",
]
