"""Aligning the Russian and Chinese versions: embeddings, the DP aligner, links, TMX.

    >>> from ruzh.corpus import load_sample
    >>> from ruzh.align import align_document, load_encoder, links_frame
    >>> doc = load_sample()
    >>> alignment = align_document(doc, load_encoder("use-m3"))
    >>> frame = links_frame(alignment, doc)          # a pandas DataFrame of links

Depends on `corpus` only.
"""
from ruzh.lazy import lazy_exports
# Named like its module: imported now, or importing the module would put the module in its place.
from ruzh.align.tmx import tmx  # noqa: E402

_EXPORTS = {
    "Alignment": "ruzh.align.document",
    "LinkRecord": "ruzh.align.document",
    "Settings": "ruzh.align.document",
    "align_document": "ruzh.align.document",
    "align_sentences": "ruzh.align.document",
    "DEFAULT_TYPES": "ruzh.align.dp",
    "EXTENDED_TYPES": "ruzh.align.dp",
    "Link": "ruzh.align.dp",
    "align": "ruzh.align.dp",
    "DEFAULT_MODEL": "ruzh.align.encoders",
    "Encoder": "ruzh.align.encoders",
    "ModelError": "ruzh.align.encoders",
    "load_encoder": "ruzh.align.encoders",
    "links_frame": "ruzh.align.frames",
    "Weights": "ruzh.align.scoring",
}
__all__ = [*_EXPORTS, 'tmx']
__getattr__ = lazy_exports(__name__, _EXPORTS)
