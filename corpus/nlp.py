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
import re
from collections.abc import Iterable
from dataclasses import dataclass

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.tokens import Token as Token_
from tqdm import tqdm

LANGUAGE_WORDS = {"ru": "Russian", "zh": "Chinese"}
PROGRESS_FROM = 1000  # texts: below this, analysing takes about a second and needs no bar
ANALYSED_TEXTS = 50_000  # texts per language whose analysis is remembered (about 5 KB each)

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
    """Tokens with lemma and part of speech, one list per text (a single text gives one list).

    Many texts show a progress bar on a terminal (and nothing when the output is not one).
    """
    texts = [texts] if isinstance(texts, str) else list(texts)
    known = _analysed(lang)
    todo = [t for t in dict.fromkeys(texts) if t not in known]
    docs = pipeline(lang).pipe(todo, batch_size=256)
    bar = tqdm(docs, total=len(todo), desc=f"Analysing the {LANGUAGE_WORDS.get(lang, lang)} text", unit=" texts",
               disable=None if len(todo) >= PROGRESS_FROM else True, leave=False)
    for text, doc in zip(todo, bar):
        known[text] = tuple(_tokens(doc))
    while len(known) > ANALYSED_TEXTS:  # the oldest first: a dict keeps insertion order
        del known[next(iter(known))]
    return [list(known[t]) for t in texts]


@functools.cache
def _analysed(lang: str) -> dict[str, tuple[Token, ...]]:
    """The tokens of texts already analysed, by text: the glossary, the word links and the
    divergence checks each analyse the same sentences. Forgotten whenever jieba learns a word."""
    return {}


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
    """The pymorphy3 analyser, shared by the tagger and the lemmatizer, remembering its parses.

    Official texts repeat their words: remembering parses makes tokenizing them several times
    faster, and the tagger and the lemmatizer each parse every word.
    """
    import pymorphy3

    analyzer = pymorphy3.MorphAnalyzer()
    analyzer.parse = functools.lru_cache(maxsize=200_000)(analyzer.parse)
    return analyzer


from spacy.lang.ru import lemmatizer as _ru_lemmatizer  # noqa: E402

# OpenCorpora tag -> (Universal Dependencies POS, features). spaCy's lemmatizer converts the tag
# of every analysis of every word and that conversion dominated the time to lemmatize a text;
# there are a few hundred distinct tags, so it is remembered, for our tagger and spaCy's alike.
_oc2ud = functools.lru_cache(maxsize=10_000)(_ru_lemmatizer.oc2ud)
_ru_lemmatizer.oc2ud = _oc2ud


# ---------------------------------------------------------------- Russian

@Language.component("ruzh_pymorphy_tagger")
def pymorphy_tagger(doc: Doc) -> Doc:
    """Set each token's part of speech, morphology and OpenCorpora tag from pymorphy3's best parse
    that agrees with what governs the word (see `_agreements`)."""
    morph = morph_analyzer()
    chosen: dict[int, object] = {}
    for token in doc:
        if token.is_punct:
            token.pos_ = "PUNCT"
            continue
        if token.like_num and not (token.is_alpha and is_ordinal(token.text)):
            token.pos_ = "NUM"
            continue
        parse = morph.parse(token.text)[0]
        if "NOUN" in parse.tag:
            parse = _adjective_before_noun(doc, token) or parse
        noun = "NOUN" in parse.tag
        conjunct = _conjunct_before(doc, token, chosen) if noun else None
        if noun and len(_noun_readings(token.text)) > 1:  # a choice to make
            parse = _agreeing_noun(token.text, _agreements(doc, token, conjunct, chosen)) or parse
        _set_analysis(token, parse)
        chosen[token.i] = parse
        if conjunct is not None and _case_number(parse) != _case_number(chosen[conjunct.i]):
            # «Боснии и Герцеговине»: the first noun takes the case the second can have
            again = _agreeing_noun(conjunct.text, [_case_number(parse)])
            if again is not None:
                _set_analysis(conjunct, again)
                chosen[conjunct.i] = again
    return doc


def is_ordinal(word: str) -> bool:
    """An ordinal number word, which agrees like an adjective and has a dictionary form: spaCy
    reads «Пятого» (комитета) as a number, and a number has no lemma («Пятый комитет»). Not «один»,
    which counts (one centre), however it agrees."""
    tag = morph_analyzer().parse(word)[0].tag
    return "Anum" in tag and "Apro" not in tag


def _set_analysis(token, parse) -> None:
    pos, features = _oc2ud(str(parse.tag))
    if pos == "X" and token.text.isupper() and len(token.text) > 1:
        pos = "PROPN"  # an acronym pymorphy3 does not know: «ШОС», «МБО»
    token.pos_ = pos
    token.tag_ = str(parse.tag)
    token._.guessed_lemma = parse.normal_form
    if features:
        token.set_morph("|".join(f"{k}={v}" for k, v in sorted(features.items())))


ADJECTIVE_SHARE = 0.25  # a noun-or-adjective word this often an adjective («полицейских») is one before its noun


def _adjective_before_noun(doc: Doc, token):
    """The adjective reading of a word pymorphy3 reads first as a noun («полицейских»: policemen's),
    where adjective readings are common enough and the next word is a noun it agrees with
    («полицейских подразделений»: of police units); None otherwise («ученых стран»: scientists')."""
    if token.i + 1 >= len(doc) or not doc[token.i + 1].is_alpha:
        return None
    parses = [p for p in morph_analyzer().parse(token.text) if "ADJF" in p.tag]
    if sum(p.score for p in parses) < ADJECTIVE_SHARE:
        return None
    agreements = _noun_readings(doc[token.i + 1].text)
    return next((p for p in parses if _case_number(p) in agreements), None)


def _conjunct_before(doc: Doc, token, chosen: dict):
    """The noun coordinated with this one by «и» right before it, if any."""
    if token.i > 1 and doc[token.i - 1].lower_ == "и" and token.i - 2 in chosen \
            and "NOUN" in chosen[token.i - 2].tag:
        return doc[token.i - 2]
    return None


def _case_number(parse) -> tuple[str | None, str | None]:
    return parse.tag.case, parse.tag.number


def _agreements(doc: Doc, token, conjunct, chosen: dict) -> list[tuple]:
    """The (case, number) a noun should agree with, likeliest first: the readings of the adjective
    before it («Профильные министерства»: plural, so not the genitive singular), or those of the
    noun it is coordinated with («министерства и ведомства»), its chosen one first."""
    if conjunct is not None:
        return [_case_number(chosen[conjunct.i]), *_noun_readings(conjunct.text)]
    return list(_adjective_readings(doc[token.i - 1].text)) if token.i > 0 else []


def _agreeing_noun(word: str, agreements: list[tuple]):
    """The noun reading of the word (of its likeliest lemma) in the first agreement it can make, or None."""
    readings = _noun_readings(word)
    return next((readings[a] for a in agreements if a in readings), None)


@functools.lru_cache(maxsize=200_000)
def _noun_readings(word: str) -> dict[tuple, object]:
    """(case, number) -> the first noun reading of the word's likeliest lemma in them."""
    parses = morph_analyzer().parse(word)
    out: dict[tuple, object] = {}
    for p in parses:
        if p.tag.POS == "NOUN" and p.normal_form == parses[0].normal_form:
            out.setdefault(_case_number(p), p)
    return out


@functools.lru_cache(maxsize=200_000)
def _adjective_readings(word: str) -> tuple[tuple, ...]:
    """The (case, number) of the word's readings as a full adjective or participle, likeliest first."""
    readings = (_case_number(p) for p in morph_analyzer().parse(word) if "ADJF" in p.tag or "PRTF" in p.tag)
    return tuple(dict.fromkeys(readings))


@Language.component("ruzh_guessed_lemmas")
def guessed_lemmas(doc: Doc) -> Doc:
    """Lemmas for words outside pymorphy3's dictionary, which spaCy's lemmatizer leaves as they are.

    pymorphy3 still analyses them by their parts («государств-членов» -> «государство-член»).
    """
    for token in doc:
        guess = token._.guessed_lemma
        if guess and token.lemma_ == token.text.lower() and token.pos_ not in ("PROPN", "PUNCT"):
            token.lemma_ = guess
    return doc


def _russian() -> Language:
    if not Token_.has_extension("guessed_lemma"):
        Token_.set_extension("guessed_lemma", default=None)
    nlp = spacy.blank("ru")
    _keep_hyphenated_words(nlp)
    nlp.add_pipe("ruzh_pymorphy_tagger")
    lemmatizer = nlp.add_pipe("lemmatizer", config={"mode": "pymorphy3"})
    lemmatizer._morph = morph_analyzer()  # one analyser, one cache, for tagger and lemmatizer
    nlp.add_pipe("ruzh_guessed_lemmas")
    nlp.initialize()
    return nlp


def _keep_hyphenated_words(nlp: Language) -> None:
    """spaCy splits «государств-членов» at the hyphen; Russian compounds are one word.

    The infix rules between letters keep splitting at dashes, but no longer at a hyphen.
    """
    from spacy.lang.char_classes import HYPHENS
    from spacy.util import compile_infix_regex

    dashes = "|".join(h for h in HYPHENS.split("|") if h != "-")
    infixes = [p.replace(f"(?:{HYPHENS})", f"(?:{dashes})") for p in nlp.Defaults.infixes]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer


# ---------------------------------------------------------------- Chinese

@Language.component("ruzh_jieba_tagger")
def jieba_tagger(doc: Doc) -> Doc:
    """Set each token's part of speech from jieba's posseg dictionary (its HMM for unknown words)."""
    for token in doc:
        flag = "x" if token.is_punct or not token.text.strip() else _jieba_flag(token.text)
        token.tag_ = flag
        token.pos_ = "PUNCT" if token.is_punct else JIEBA_TO_UD.get(flag, "X")
        token.lemma_ = token.text
    return doc


_TAUGHT: set[str] = set()  # mirrors what add_words put into jieba's per-process dictionary


def taught(word: str) -> bool:
    """Whether jieba knows the word only because add_words taught it (a compound of this corpus)."""
    return word in _TAUGHT


_MISSING = object()
_BEFORE: dict = {}  # what jieba held before add_words changed it: (table, word) -> value, and "total"


def add_words(words: dict[str, str], lang: str = "zh") -> None:
    """Teach the Chinese segmenter domain words (word -> jieba tag), so that it stops splitting them.

    jieba keeps one dictionary per process: the words stay until `forget_words`.
    """
    if lang != "zh" or not words:
        return
    import jieba
    import jieba.posseg

    pipeline("zh")
    tables = _jieba_tables()
    _BEFORE.setdefault("total", jieba.dt.total)
    total = jieba.dt.total
    for word, tag in words.items():
        if not jieba.get_FREQ(word):
            _TAUGHT.add(word)
        for name, table in tables.items():
            _BEFORE.setdefault((name, word), table.get(word, _MISSING))
        for end in range(1, len(word)):  # jieba files every prefix of a word too
            _BEFORE.setdefault(("FREQ", word[:end]), tables["FREQ"].get(word[:end], _MISSING))
        jieba.add_word(word, freq=max(jieba.get_FREQ(word) or 0, 100_000), tag=tag)
        jieba.posseg.dt.word_tag_tab[word] = tag
    # jieba adds a word's frequency to its total, which shifts every cut a little; kept as it was,
    # a taught word changes the analysis of the texts that contain it and of no other
    jieba.dt.total = total
    _forget_analyses(words)


def forget_words() -> None:
    """Put jieba back as it was before add_words taught it anything (or retag_words retagged it),
    so that a document's analysis does not depend on the documents a process read before it."""
    if not _BEFORE:
        return
    import jieba

    tables = _jieba_tables()
    jieba.dt.total = _BEFORE.pop("total")
    for (name, word), value in _BEFORE.items():
        if value is _MISSING:
            tables[name].pop(word, None)
        else:
            tables[name][word] = value
    _forget_analyses({word for name, word in _BEFORE if name == "posseg"})  # not their prefixes: those cut nothing
    _BEFORE.clear()
    _TAUGHT.clear()


def _jieba_tables() -> dict[str, dict]:
    import jieba
    import jieba.posseg

    return {"FREQ": jieba.dt.FREQ, "user": jieba.dt.user_word_tag_tab, "posseg": jieba.posseg.dt.word_tag_tab}


def retag_words(words: dict[str, str]) -> None:
    """Give words the Chinese segmenter knows another part of speech (word -> jieba tag), leaving
    how it cuts text alone; until `forget_words`, as `add_words`."""
    import jieba
    import jieba.posseg

    pipeline("zh")
    table = jieba.posseg.dt.word_tag_tab
    changed = {w: t for w, t in words.items() if table.get(w) != t}
    _BEFORE.setdefault("total", jieba.dt.total)
    for word in changed:
        _BEFORE.setdefault(("posseg", word), table.get(word, _MISSING))
    table.update(changed)
    _forget_analyses(changed)


def _forget_analyses(words: Iterable[str]) -> None:
    """Forget the analyses that may change now that jieba cuts or tags these words anew: those of
    the texts (and the words' tags) that contain one. The rest stand: passes of the glossary
    re-analyse only what a taught word touches."""
    words = sorted(set(words), key=len, reverse=True)
    if not words:
        return
    touched = re.compile("|".join(map(re.escape, words))).search
    for cache in (_analysed("zh"), _FLAGS):
        for text in [t for t in cache if touched(t)]:
            del cache[text]


_FLAGS: dict[str, str] = {}  # jieba's tag of a word, as the tagger last found it
MAX_FLAGS = 200_000


def _jieba_flag(word: str) -> str:
    import jieba.posseg

    flag = _FLAGS.get(word)
    if flag is not None:
        return flag
    flag = jieba.posseg.dt.word_tag_tab.get(word)
    if flag is None:
        pairs = jieba.posseg.lcut(word)
        flag = pairs[0].flag if len(pairs) == 1 else "n"
    if len(_FLAGS) >= MAX_FLAGS:
        _FLAGS.clear()
    _FLAGS[word] = flag
    return flag


def _chinese() -> Language:
    import jieba

    jieba.setLogLevel(logging.WARNING)
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    nlp.add_pipe("ruzh_jieba_tagger")
    jieba.initialize()
    import jieba.posseg  # noqa: F401  (loads the tag dictionary now, not on the first text)

    return nlp
