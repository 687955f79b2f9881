"""Alignment as pandas DataFrames, for notebooks."""
from __future__ import annotations

import pandas as pd

from ruzh.align.document import Alignment
from ruzh.corpus import Document
from ruzh.corpus.model import JOINERS


def links_frame(alignment: Alignment, doc: Document, level: str | None = None) -> pd.DataFrame:
    """One row per link: level, ru and zh ids, both texts, score.

    >>> from ruzh.corpus import load_sample
    >>> from ruzh.align import align_document, load_encoder
    >>> doc = load_sample()
    >>> frame = links_frame(align_document(doc, load_encoder()), doc, level="unit")
    >>> frame.loc[frame.ru.map(lambda ids: ids == ["ru-m073"]), "zh"].item()
    ['zh-m073']
    """
    texts = doc.sentence_texts() | {u.id: u.text for u in doc.units}
    links = [link for link in alignment.units + alignment.sentences if level in (None, link.level)]
    return pd.DataFrame({
        "level": [link.level for link in links],
        "ru": [link.ru for link in links],
        "zh": [link.zh for link in links],
        "ru_text": [JOINERS["ru"].join(texts[i] for i in link.ru) for link in links],
        "zh_text": [JOINERS["zh"].join(texts[i] for i in link.zh) for link in links],
        "score": [link.score for link in links],
    })
