"""The bilingual glossary: term candidates, termhood, pairing, dictionary forms, exports, lookup.

    >>> from corpus import load_sample
    >>> from align import align_document, load_encoder
    >>> from glossary import build_glossary
    >>> doc = load_sample(); encoder = load_encoder()
    >>> glossary = build_glossary(doc, align_document(doc, encoder), encoder)
    >>> glossary.frame().head()                     # a pandas DataFrame, best pairs first

Depends on `corpus` and `align`.
"""
from glossary.build import Entry, Glossary, build_glossary
from glossary.exports import write_exports
from glossary.lookup import lookup, render

__all__ = ["Entry", "Glossary", "build_glossary", "lookup", "render", "write_exports"]
