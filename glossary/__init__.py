"""The bilingual glossary: term candidates, termhood, pairing, dictionary forms, exports, lookup.

    >>> from ruzh.corpus import load_sample
    >>> from ruzh.align import align_document, load_encoder
    >>> from ruzh.glossary import build_glossary
    >>> doc = load_sample(); encoder = load_encoder()
    >>> glossary = build_glossary(doc, align_document(doc, encoder), encoder)
    >>> glossary.frame().head()                     # a pandas DataFrame, best pairs first

Depends on `corpus` and `align`.
"""
from ruzh.glossary.build import Entry, Glossary, build_glossary
from ruzh.glossary.exports import write_exports
from ruzh.glossary.lookup import lookup, render

__all__ = ["Entry", "Glossary", "build_glossary", "lookup", "render", "write_exports"]
