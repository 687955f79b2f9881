"""Reading Russian–Chinese documents into a clean document model.

    >>> from corpus import load_sample
    >>> doc = load_sample()
    >>> len(doc.of("ru", "measure")), len(doc.of("zh", "measure"))
    (75, 75)
"""
from corpus.errors import InputError
from corpus.model import Document, Repair, Unit
from corpus.nlp import Token, analyze
from corpus.readers import load_sample, read_bilingual, read_document, read_lines, read_pair, sample_path
from corpus.sentences import split_sentences

__all__ = [
    "Document", "InputError", "Repair", "Token", "Unit", "analyze", "load_sample", "read_bilingual",
    "read_document", "read_lines", "read_pair", "sample_path", "split_sentences",
]
