"""The bilingual glossary: term candidates, termhood, pairing, dictionary forms, exports, lookup.

    >>> from ruzh.corpus import load_sample
    >>> from ruzh.align import align_document, load_encoder
    >>> from ruzh.glossary import build_glossary
    >>> doc = load_sample(); encoder = load_encoder()
    >>> glossary = build_glossary(doc, align_document(doc, encoder), encoder)
    >>> glossary.frame().head()                     # a pandas DataFrame, best pairs first

Depends on `corpus` and `align`.
"""
from ruzh.lazy import lazy_exports
# Named like its module: imported now, or importing the module would put the module in its place.
from ruzh.glossary.lookup import lookup, render  # noqa: E402

_EXPORTS = {
    "Entry": "ruzh.glossary.build",
    "Glossary": "ruzh.glossary.build",
    "build_glossary": "ruzh.glossary.build",
    "write_exports": "ruzh.glossary.exports",
}
__all__ = [*_EXPORTS, 'lookup', 'render']
__getattr__ = lazy_exports(__name__, _EXPORTS)
