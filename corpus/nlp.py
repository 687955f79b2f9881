"""Tokens, lemmas and parts of speech for Russian and Chinese, through spaCy.

Russian: a blank `ru` pipeline whose tokenizer keeps hyphenated compounds whole
(«государств-членов»), a tagger component that takes the part of speech and morphology from
pymorphy3, and spaCy's lemmatizer in `pymorphy3` mode, which needs that part of speech.
Chinese: a blank `zh` pipeline with the jieba segmenter and a tagger component that takes the
part of speech from jieba's posseg dictionary.

Other packages call one function, `analyze`; the pipelines load once per process.
"""
from __future__ import annotations

import functools
import logging
from collections.abc import Iterable
from dataclasses import dataclass

import spacy
from spacy.language import Language
from spacy.tokens import Doc

# jieba's part-of-speech flags, mapped to Universal Dependencies tags.
JIEBA_TO_UD = {
    "n": "NOUN", "nr": "PROPN", "ns": "PROPN", "nt": "PROPN", "nz": "PROPN", "nrt": "PROPN",
    "nrfg": "PROPN", "ng": "NOUN", "vn": "NOUN", "an": "NOUN", "j": "PROPN", "l": "NOUN",
    "i": "NOUN", "s": "NOUN", "f": "NOUN", "t": "NOUN", "tg": "NOUN",
    "v": "VERB", "vd": "VERB", "vg": "VERB", "vi": "VERB", "vq": "VERB",
    "a": "ADJ", "ad": "ADJ", "ag": "ADJ", "b": "ADJ", "z": "ADJ",
    "d": "ADV", "dg": "ADV", "p": "ADP", "c": "CCONJ", "u": "PART", "ud": "PART", "ug": "PART",
    "uj": "PART", "ul": "PART", "uv": "PART", "uz": "PART", "y": "PART", "e": "INTJ", "o": "INTJ",
    "m": "NUM", "mq": "NUM", "q": "NOUN", "r": "PRON", "rr": "PRON", "rz": "PRON",
    "x": "X", "w": "PUNCT", "eng": "X", "k": "PART", "h": "PART", "g": "NOUN",
}


@dataclass(frozen=True)
class Token:
    text: str
    lemma: str
    pos: str  # Universal Dependencies part of speech
    tag: str  # the analyser's own tag: an OpenCorpora tag (ru) or a jieba flag (zh)
    start: int  # character offset in the analysed text
    space: bool  # followed by whitespace


def analyze(texts: str | Iterable[str], lang: str) -> list[list[Token]]:
    """Tokens with lemma and part of speech, one list per text (a single text gives one list)."""
    if isinstance(texts, str):
        texts = [texts]
    return [_tokens(doc) for doc in pipeline(lang).pipe(texts, batch_size=256)]


def _tokens(doc: Doc) -> list[Token]:
    return [
        Token(t.text, t.lemma_ or t.text, t.pos_ or "X", t.tag_, t.idx, bool(t.whitespace_))
        for t in doc
        if not t.is_space
    ]


@functools.cache
def pipeline(lang: str) -> Language:
    """The spaCy pipeline for 'ru' or 'zh', built once per process."""
    if lang == "ru":
        return _russian()
    if lang == "zh":
        return _chinese()
    raise ValueError(f"unsupported language {lang!r}: ruzh knows 'ru' and 'zh'")


@functools.cache
def morph_analyzer():
    """The pymorphy3 analyser (its dictionaries take a moment to load)."""
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


# ---------------------------------------------------------------- Russian

@Language.component("ruzh_pymorphy_tagger")
def pymorphy_tagger(doc: Doc) -> Doc:
    """Set each token's part of speech, morphology and OpenCorpora tag from pymorphy3's best parse."""
    from spacy.lang.ru.lemmatizer import oc2ud

    morph = morph_analyzer()
    for token in doc:
        if token.is_punct:
            token.pos_ = "PUNCT"
            continue
        if token.like_num:
            token.pos_ = "NUM"
            continue
        parse = morph.parse(token.text)[0]
        pos, features = oc2ud(str(parse.tag))
        if pos == "X" and token.text.isupper() and len(token.text) > 1:
            pos = "PROPN"  # an acronym pymorphy3 does not know: «ШОС», «МБО»
        token.pos_ = pos
        token.tag_ = str(parse.tag)
        if features:
            token.set_morph("|".join(f"{k}={v}" for k, v in sorted(features.items())))
    return doc


def _russian() -> Language:
    nlp = spacy.blank("ru")
    _keep_hyphenated_words(nlp)
    nlp.add_pipe("ruzh_pymorphy_tagger")
    nlp.add_pipe("lemmatizer", config={"mode": "pymorphy3"})
    nlp.initialize()
    return nlp


def _keep_hyphenated_words(nlp: Language) -> None:
    """spaCy splits «государств-членов» at the hyphen; Russian compounds are one word."""
    from spacy.lang.char_classes import ALPHA, HYPHENS
    from spacy.util import compile_infix_regex

    hyphen_infix = r"(?<=[{a}0-9])(?:{h})(?=[{a}])".format(a=ALPHA, h=HYPHENS)
    infixes = [p for p in nlp.Defaults.infixes if p != hyphen_infix]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer


# ---------------------------------------------------------------- Chinese

@Language.component("ruzh_jieba_tagger")
def jieba_tagger(doc: Doc) -> Doc:
    """Set each token's part of speech from jieba's posseg dictionary (its HMM for unknown words)."""
    import jieba.posseg

    tags = jieba.posseg.dt.word_tag_tab
    for token in doc:
        flag = tags.get(token.text)
        if flag is None:
            if token.is_punct or not token.text.strip():
                flag = "x"
            else:
                pairs = jieba.posseg.lcut(token.text)
                flag = pairs[0].flag if len(pairs) == 1 else "n"
        token.tag_ = flag
        token.pos_ = "PUNCT" if token.is_punct else JIEBA_TO_UD.get(flag, "X")
        token.lemma_ = token.text
    return doc


def _chinese() -> Language:
    import jieba

    jieba.setLogLevel(logging.WARNING)
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    nlp.add_pipe("ruzh_jieba_tagger")
    jieba.initialize()
    import jieba.posseg  # noqa: F401  (loads the tag dictionary now, not on the first text)

    return nlp
