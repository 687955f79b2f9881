"""Aligning the Russian and Chinese versions: embeddings, the DP aligner, links, TMX.

    >>> from ruzh.corpus import load_sample
    >>> from ruzh.align import align_document, load_encoder, links_frame
    >>> doc = load_sample()
    >>> alignment = align_document(doc, load_encoder("use-m3"))
    >>> frame = links_frame(alignment, doc)          # a pandas DataFrame of links

Depends on `corpus` only.
"""
from ruzh.align.document import Alignment, LinkRecord, Settings, align_document, align_sentences
from ruzh.align.dp import DEFAULT_TYPES, EXTENDED_TYPES, Link, align
from ruzh.align.encoders import DEFAULT_MODEL, Encoder, ModelError, load_encoder
from ruzh.align.frames import links_frame
from ruzh.align.scoring import Weights
from ruzh.align.tmx import tmx

__all__ = [
    "Alignment", "DEFAULT_MODEL", "DEFAULT_TYPES", "EXTENDED_TYPES", "Encoder", "Link", "LinkRecord",
    "ModelError", "Settings", "Weights", "align", "align_document", "align_sentences", "links_frame",
    "load_encoder", "tmx",
]
