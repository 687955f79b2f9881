"""Building the bilingual glossary of a document pair: candidates, termhood, pairing, forms."""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

import numpy as np

from ruzh.align import Alignment, Encoder
from ruzh.align.divergence.names import country_tags
from ruzh.align.lexicon import RENDERS, load_lexicon, word_key
from ruzh.corpus import Document, analyze
from ruzh.corpus.nlp import add_words, forget_words, is_ordinal, retag_words, taught
from ruzh.glossary.candidates import RU_ACTION_HEADS, RU_DOCUMENTS, ZH_ORDINAL, Mention, is_acronym, is_verbal, mentions
from ruzh.glossary.forms import (RU_PREPOSITIONS, acronym_matches, chinese_short_form, coordinated_heads,
                            russian_dictionary_form)
from ruzh.glossary.pairing import Side, pair_terms
from ruzh.glossary.projection import projections
from ruzh.glossary.segments import Segment, segments
from ruzh.glossary.termhood import MIN_EVIDENCE, c_values, containers, is_fragment, nests, specificity

MIN_TERMHOOD = 0.9  # a single occurrence of a rare word or of a phrase passes; common words don't
MIN_CONFIDENCE = 0.3
TOGETHER = 0.7  # Dice and confidence of a pair that always goes together
CONFIRMED = 0.5  # below this confidence an entry is a candidate: exported with its status, for a translator to check
ACRONYM_READS_LIKE = 0.5  # an acronym's partner this close needs no help from the expansion (ООН — 联合国)
MAX_PASSES = 4
FEW_NEW_WORDS = 0.01  # words to teach jieba per entry below which the passes stop
# jieba tags these verbs; in official documents they are as often nouns: 组织 «organisation»
# (极端主义组织), and the events 会晤, 会谈, 演习 (领导人会晤 «meetings of leaders»); 元首 «head of state»
# is no time word (元首理事会).
DOMAIN_TAGS = {"组织": "n", "会晤": "vn", "会谈": "vn", "演习": "vn", "元首": "n"}
NOUN_TAGS = {"n", "nr", "ns", "nt", "nz", "vn", "j", "ng", "l"}
RU_FUNCTION_WORDS = RU_PREPOSITIONS | {"между"}
NAMED_TAGS = {"nt", "ns", "nr", "nz", "j"}  # jieba's organisations, places, names, abbreviations
TBX_POS = {"NOUN": "noun", "PROPN": "properNoun", "VERB": "verb", "ADJ": "adjective", "ADV": "adverb"}


@dataclass
class Term:
    """A candidate of one language with everything counted about it."""

    key: str
    lang: str
    parts: tuple[str, ...]
    forms: Counter = field(default_factory=Counter)  # surface forms as written
    dictionary_forms: Counter = field(default_factory=Counter)
    segments: set[int] = field(default_factory=set)
    units: set[str] = field(default_factory=set)
    freq: int = 0
    termhood: float = 0.0
    acronym: bool = False
    named: bool = False  # an acronym, or what jieba tags an organisation, place or name
    has_name: bool = False  # one of its words is a name (Секретариат ШОС, 上合组织秘书处)
    whole: int = 0  # occurrences as a whole list item
    verbal: bool = False
    title: bool = False
    holds_title: bool = False  # a document's name with another inside: «План … по реализации Стратегии …»
    projected: bool = False  # Chinese: found only as the projection of Russian terms, never among jieba's words
    conjunction: int | None = None  # where «и» joins two heads («министерство и ведомство государство-член»)
    shares_complement: bool = False  # words follow the second head, and belong to both
    head_pos: Counter = field(default_factory=Counter)  # the tagger's part of speech of the head word
    head: str = ""  # the head word's lemma (Russian: the first noun)
    verb_first: bool = False  # a Chinese term opened by a verb (执法部门, 保护文化遗产)
    country: str | None = None  # the country code, when the term is a country's name and nothing more

    @property
    def pos(self) -> str:
        """TBX-Basic's part of speech: properNoun for a name (the tagger's PROPN head, or an acronym)."""
        head = self.head_pos.most_common(1)[0][0] if self.head_pos else "NOUN"
        return "properNoun" if self.acronym or head == "PROPN" else TBX_POS.get(head, "other")

    @property
    def has_acronym(self) -> bool:
        """«ШОС» among its words (acronyms are kept as written among the lemmas)."""
        return any(len(p) > 1 and p.isalpha() and p.isupper() for p in self.parts)

    @property
    def first_conjunct(self) -> str | None:
        return " ".join(self.parts[: self.conjunction]) if self.conjunction else None

    @property
    def conjuncts(self) -> tuple[str, ...]:
        """The keys of the two coordinated heads with their words («босния», «герцеговина»)."""
        if not self.conjunction:
            return ()
        return " ".join(self.parts[: self.conjunction]), " ".join(self.parts[self.conjunction + 1 :])

    @property
    def words(self) -> int:
        """Content words: Russian ones without «и», «по»; Chinese jieba words."""
        return sum(1 for p in self.parts if p not in RU_FUNCTION_WORDS)

    @property
    def wholeness(self) -> float:
        return self.whole / self.freq if self.freq else 0.0

    @property
    def form(self) -> str:
        """The dictionary form: the most frequent one the occurrences normalize to."""
        return (self.dictionary_forms or self.forms).most_common(1)[0][0]


@dataclass
class Entry:
    """One row of the glossary: a Russian term, its Chinese partner, and the evidence."""

    ru: str
    zh: str
    score: float
    freq: int
    ru_forms: list[str]
    zh_forms: list[str]
    units: list[str]
    ru_key: str = ""
    zh_key: str = ""
    termhood: float = 0.0
    cosine: float = 0.0  # of the two terms' embeddings
    status: str = "confirmed"  # or "candidate": too little evidence to import unchecked
    ru_pos: str = "noun"  # TBX-Basic partOfSpeech values
    zh_pos: str = "noun"
    ru_variants: list[str] = field(default_factory=list)  # acronym <-> expansion (not inflected forms)
    zh_variants: list[str] = field(default_factory=list)  # short <-> full form, other spellings
    context: tuple[str, str] = ("", "")  # a linked sentence pair that uses both terms
    labels: list[str] = field(default_factory=list)  # where it occurs, as printed: «ru 72 / zh 73»
    segments: list[int] = field(default_factory=list, repr=False)  # the aligned pieces with both terms
    zh_projected: bool = field(default=False, repr=False)  # the Chinese term only as a projection (`projections`)

    def record(self) -> dict:
        return {"ru": self.ru, "zh": self.zh, "score": round(self.score, 4), "freq": self.freq,
                "ru_forms": self.ru_forms, "zh_forms": self.zh_forms, "units": self.units,
                "ru_lemmas": self.ru_key, "status": self.status, "ru_pos": self.ru_pos, "zh_pos": self.zh_pos,
                "ru_variants": self.ru_variants, "zh_variants": self.zh_variants,
                "ru_context": self.context[0], "zh_context": self.context[1], "labels": self.labels}


@dataclass
class Glossary:
    entries: list[Entry]

    def frame(self):
        import pandas as pd

        return pd.DataFrame([e.record() for e in self.entries])


def build_glossary(doc: Document, alignment: Alignment, encoder: Encoder) -> Glossary:
    """The glossary of a document pair, best pairs first.

    Chinese terms that jieba still cuts in two are taught to it and the terms counted again, so
    that a second build in the same process gives the same glossary as the first.
    """
    forget_words()  # what jieba learnt from earlier documents must not shape this one's glossary
    pieces = segments(doc, alignment)
    retag_words(DOMAIN_TAGS | country_tags())  # country_tags: as the divergence checks see them too
    add_words(discover_chinese_words([s.zh for s in pieces]))
    ru_terms = collect_terms(pieces, "ru")  # Russian terms do not depend on jieba: counted once
    ru = (ru_terms, _side(ru_terms, "ru", len(pieces), encoder))
    entries = _pair_and_merge(pieces, ru, encoder)
    for _ in range(MAX_PASSES):  # until jieba knows nearly every short term
        new_words = split_names(entries)
        if len(new_words) < FEW_NEW_WORDS * len(entries):  # another pass costs a whole pairing and changes little
            break
        add_words(new_words)
        entries = _pair_and_merge(pieces, ru, encoder)
    printed = {u.id: f"{u.lang} {u.label}" for u in doc.units if u.label}
    for e in entries:
        describe(e, pieces, printed)
    return Glossary(sorted(entries, key=lambda e: (-e.score, -e.freq, e.ru)))


def describe(entry: Entry, pieces: list[Segment], printed: dict[str, str]) -> None:
    """What a translator checks an entry by: its status, a sentence pair using both terms, and
    where it occurs as the document prints it («ru 72», not ru-m073; the id where nothing is printed)."""
    entry.status = "confirmed" if entry.score >= CONFIRMED else "candidate"
    if entry.segments:
        piece = pieces[entry.segments[0]]
        entry.context = (piece.ru, piece.zh)
    entry.labels = [printed.get(uid, uid) for uid in entry.units]


def _side(terms: dict[str, Term], lang: str, n_segments: int, encoder: Encoder) -> Side:
    """What pairing needs of one language's terms: those with termhood enough, per segment, embedded."""
    keep = sorted(k for k, t in terms.items() if t.termhood >= MIN_TERMHOOD)
    per_segment: list[set[str]] = [set() for _ in range(n_segments)]
    for key in keep:
        for s in terms[key].segments:
            per_segment[s].add(key)
    side = Side(per_segment, _embed(encoder, [terms[k] for k in keep]),
                words={k: terms[k].words for k in keep}, wholeness={k: terms[k].wholeness for k in keep},
                named={k for k in keep if terms[k].has_name},
                countries={k: terms[k].country for k in keep if terms[k].country},
                titles={k: terms[k].holds_title for k in keep if terms[k].title})
    if lang == "ru":  # nested Russian terms may share a partner
        side.parts = {k: terms[k].parts for k in keep}
    return side


def _pair_and_merge(pieces: list[Segment], ru: tuple[dict[str, Term], Side], encoder: Encoder) -> list[Entry]:
    zh_terms = collect_terms(pieces, "zh", guide=ru[0])
    terms = {"ru": ru[0], "zh": zh_terms}
    sides = {"ru": ru[1], "zh": _side(zh_terms, "zh", len(pieces), encoder)}
    # a projection («регулярный бюджет» -> 经常预算) is a partner for a phrase, not for one word («бюджет»)
    pairs = pair_terms(sides["ru"], sides["zh"],
                       lambda r, z: not zh_terms[z].projected or word_for_word(terms["ru"][r], zh_terms[z]))
    strict_names = {lang: _names(terms[lang], set(sides[lang].vectors), lang) for lang in terms}
    entries = [_entry(terms["ru"][p.ru], terms["zh"][p.zh], p) for p in pairs
               if same_country(terms["ru"][p.ru], terms["zh"][p.zh])
               or conventional_short_form(terms["ru"][p.ru], terms["zh"][p.zh], p)
               or (credible(p, strict_names) and (word_for_word(terms["ru"][p.ru], terms["zh"][p.zh])
                                                  or always_together(p)))]
    entries = trim_partners(entries, terms["ru"], terms["zh"], sides["ru"].vectors, sides["zh"].vectors, encoder,
                            pieces=pieces)
    entries = extend_partners(entries, terms["ru"], zh_terms, sides["ru"].vectors, sides["zh"].vectors, encoder)
    entries = agree_acronyms(entries, sides["ru"].vectors, sides["zh"].vectors)
    entries = [e for e in entries if _country_agrees(terms["ru"][e.ru_key], terms["zh"].get(e.zh_key))
               and _ordinals_agree(terms["ru"][e.ru_key], e.zh)]
    entries = drop_redundant(drop_coordinations(entries, terms["ru"]), terms["ru"], terms["zh"])
    return merge_variants(entries)


def trim_partners(entries: list[Entry], ru_terms: dict[str, Term], zh_terms: dict[str, Term],
                  ru_vectors: dict, zh_vectors: dict, encoder: Encoder, slack: float = 0.05,
                  pieces: Sequence[Segment] = ()) -> list[Entry]:
    """A Chinese partner is the span that translates the Russian term, no more: 成员国教育部 for
    «министерство образования» holds 成员国, which translates «государств-членов» beside the term,
    not in it. Words at either end of a partner are dropped when they are the partner of another
    Russian term of the same sentence pairs that is not part of this one, and what is left is a
    Chinese term that reads (nearly) as much like the Russian one (教育部). A verb that opens the
    partner is dropped when what is left reads at least as alike: it governs the term (保护文化遗产
    «protect the cultural heritage») rather than modifies it (执法部门). A partner that takes the
    place of the old one has its embedding in `zh_vectors` from then on, as every partner does.
    With the aligned `pieces`, an end word also goes when the lexicon translates it by a word of
    the Russian sentence outside the term (贩运 in 贩运毒品 for «наркотические средства»: «оборот»)."""
    lemmas = _RussianLemmas(pieces)
    partners: dict[str, list[str]] = defaultdict(list)  # Chinese term -> the Russian terms it translates
    for e in entries:
        partners[e.zh_key].append(e.ru_key)
    for e in entries:
        ru, zh = ru_terms[e.ru_key], zh_terms.get(e.zh_key)
        if zh is None or len(zh.parts) < 2 or ru.named or zh.title:
            continue
        for extra, rest, neighbour in _trimmings(zh, ru.words):
            inner = zh_terms.get(rest)
            if inner is None or (neighbour and not _translates_a_neighbour(extra, e, ru, partners, ru_terms)
                                 and not _renders_a_word_beside(extra, e, ru, lemmas)):
                continue
            vector = zh_vectors[inner.key] if inner.key in zh_vectors else encoder.encode([inner.form])[0]
            cosine = float(ru_vectors[e.ru_key] @ vector)
            if cosine >= e.cosine - (slack if neighbour else 0.0):
                zh_vectors[inner.key] = vector
                e.zh, e.zh_key, e.cosine = inner.form, inner.key, cosine
                e.zh_forms = sorted(inner.forms, key=lambda f: -inner.forms[f])
                break
    return entries


def extend_partners(entries: list[Entry], ru_terms: dict[str, Term], zh_terms: dict[str, Term],
                    ru_vectors: dict, zh_vectors: dict, encoder: Encoder) -> list[Entry]:
    """A Chinese partner that leaves words of the Russian term untranslated grows into the shortest
    longer Chinese term around it whose added words translate them, by the lexicon: 地理 for
    «геопространственная информация» becomes 地理空间信息. The opposite of `trim_partners`; the
    embeddings cannot tell a partner from its piece, the lexicon can."""
    lexicon = load_lexicon()
    in_segment: dict[int, list[str]] = defaultdict(list)
    for key, t in zh_terms.items():
        if t.termhood > 0:
            for s in t.segments:
                in_segment[s].append(key)
    for e in entries:
        ru, zh = ru_terms[e.ru_key], zh_terms.get(e.zh_key)
        if zh is None or ru.named or zh.title or not e.segments:
            continue
        missing = {p for p in ru.parts if p not in RU_FUNCTION_WORDS and not lexicon.renders(p, zh.parts)}
        if not missing:
            continue
        around = sorted({k for s in e.segments for k in in_segment[s] if zh.key in k and k != zh.key}, key=len)
        grown = next((zh_terms[k] for k in around if _adds_what_is_missing(zh, zh_terms[k], ru, e, missing)), None)
        if grown is not None:
            vector = zh_vectors[grown.key] if grown.key in zh_vectors else encoder.encode([grown.form])[0]
            zh_vectors[grown.key] = vector
            e.zh, e.zh_key, e.cosine = grown.form, grown.key, float(ru_vectors[e.ru_key] @ vector)
            e.zh_forms = sorted(grown.forms, key=lambda f: -grown.forms[f])
    return entries


def _adds_what_is_missing(zh: Term, longer: Term, ru: Term, entry: Entry, missing: set[str]) -> bool:
    """Whether each word `longer` adds to `zh` translates a Russian word `zh` leaves out, with
    no repeated word (行动计划行动), in at least half the entry's sentence pairs, and no name the
    Russian term lacks (塞浦路斯共和国领空 is not «национальное воздушное пространство»)."""
    extra = [p for p in longer.parts if p not in zh.parts]
    if not extra or len(extra) != len(longer.parts) - len(zh.parts):
        return False
    if len(longer.segments & set(entry.segments)) < len(entry.segments) / 2:
        return False
    if longer.has_name and not (zh.has_name or ru.has_name):
        return False
    lexicon = load_lexicon()
    return all(missing & lexicon.rendered_by(w) for w in extra)


def _trimmings(zh: Term, ru_words: int) -> Iterator[tuple[str, str, bool]]:
    """(words dropped, what is left, whether the dropped words must translate a neighbour).

    An opening verb goes only when the partner has more words than the Russian term, or what is
    left holds two characters for each Russian word (jieba keeps 文化遗产 whole): 联合委员会 is
    «Совместная комиссия» word for word, 保护文化遗产 is «protect the cultural heritage»."""
    rest = "".join(zh.parts[1:])
    if zh.verb_first and (len(zh.parts) > ru_words or len(rest) >= 2 * ru_words):
        yield zh.parts[0], rest, False
    for k in range(1, len(zh.parts)):
        yield "".join(zh.parts[:k]), "".join(zh.parts[k:]), True
        yield "".join(zh.parts[k:]), "".join(zh.parts[:k]), True


def _translates_a_neighbour(extra: str, entry: Entry, ru: Term, partners: dict[str, list[str]],
                            ru_terms: dict[str, Term]) -> bool:
    """Whether the Chinese words are the partner of a Russian term that shares the entry's sentence
    pairs without being part of the entry's term."""
    return any(not nests(ru_terms[other].parts, ru.parts) and ru_terms[other].segments & set(entry.segments)
               for other in partners.get(extra, ()))


class _RussianLemmas:
    """The lemmas of the Russian side of aligned pieces, worked out when first asked for."""

    def __init__(self, pieces: Sequence[Segment]):
        self.pieces, self.cache = pieces, {}

    def __call__(self, index: int) -> set[str]:
        if index not in self.cache:
            # acronyms left out: one beside a term is mostly the term's own (УСВН for 内部监督事务厅)
            self.cache[index] = {word_key(t, "ru") for t in analyze([self.pieces[index].ru], "ru")[0]
                                 if not (len(t.text) > 1 and t.text.isupper())}
        return self.cache[index]


def _renders_a_word_beside(extra: str, entry: Entry, ru: Term, lemmas: _RussianLemmas) -> bool:
    """Whether the lexicon translates the Chinese words by a Russian word that the entry's first
    sentence pair has beside the term, and by none of the term's own."""
    if not lemmas.pieces or not entry.segments:
        return False
    lexicon = load_lexicon()
    words = {w for p in ru.parts for w in [p, *p.split("-")]}  # «банк-член»: «банк» too
    if words & lexicon.rendered_by(extra):
        return False  # it renders a word of the term too (贩运 is «оборот» in «оборот наркотиков»)
    beside = lemmas(entry.segments[0]) - set(ru.parts)
    return any(r in beside for r, score in lexicon.translations_of(extra).items() if score >= RENDERS)


def agree_acronyms(entries: list[Entry], ru_vectors: dict, zh_vectors: dict) -> list[Entry]:
    """An acronym whose partner reads unlike it takes its expansion's partner, when that reads more
    like the expansion: МИБ — 国际信息安全 as «международная информационная безопасность», not the
    联合国全球 it stood beside. Short and full Chinese forms (上合组织 / 上海合作组织) already agree."""
    by_initial: dict[str, list[Entry]] = defaultdict(list)  # an expansion starts with its acronym's letter
    for e in entries:
        by_initial[e.ru[:1].lower()].append(e)
    for short in entries:
        if short.cosine >= ACRONYM_READS_LIKE or not all(w.isupper() for w in short.ru.split()):
            continue
        for full in by_initial[short.ru[:1].lower()]:
            if full.zh_key == short.zh_key or not is_acronym_of(short.ru, full.ru) \
                    or chinese_short_form(short.zh, full.zh) or chinese_short_form(full.zh, short.zh):
                continue
            expansion = ru_vectors[full.ru_key]
            if float(expansion @ zh_vectors[full.zh_key]) > float(expansion @ zh_vectors[short.zh_key]):
                short.zh, short.zh_key, short.zh_forms = full.zh, full.zh_key, list(full.zh_forms)
                short.score = min(short.score, full.score)
                short.cosine = float(ru_vectors[short.ru_key] @ zh_vectors[short.zh_key])
                break
    return entries


def drop_coordinations(entries: list[Entry], ru_terms: dict[str, Term]) -> list[Entry]:
    """Coordinated heads are one term where the Chinese has one word for them («министерства и
    ведомства государств-членов ШОС» — 上合组织成员国相关部门) or where neither conjunct goes
    without the other («Босния и Герцеговина»: its conjuncts are no entries then); where the
    first conjunct has a partner of its own («наблюдатели» — 观察员国), they are two terms."""
    paired = {e.ru_key for e in entries}
    inseparable = {e.ru_key for e in entries if _inseparable(ru_terms[e.ru_key], ru_terms)}
    conjuncts = {c for k in inseparable for c in ru_terms[k].conjuncts}

    def one_term(term: Term) -> bool:
        return term.key in inseparable or (term.shares_complement and term.first_conjunct not in paired)

    return [e for e in entries if e.ru_key not in conjuncts
            and (not ru_terms[e.ru_key].conjunction or one_term(ru_terms[e.ru_key]))]


def _inseparable(term: Term, ru_terms: dict[str, Term], share: float = 0.9) -> bool:
    """Coordinated heads seen often enough to tell, whose conjuncts (nearly) never occur apart."""
    return bool(term.conjunction) and term.freq >= MIN_EVIDENCE and all(
        c not in ru_terms or term.freq >= share * ru_terms[c].freq for c in term.conjuncts)


def credible(pair, names: dict[str, set[str]]) -> bool:
    """Confident enough, and not a pair whose texts mean different things.

    A pair seen once must read alike (cosine >= 0.45); a pair that reads unlike (cosine < 0.35)
    is kept only between names, whose embeddings are poor (ШОС / 上合组织).
    """
    if pair.confidence < MIN_CONFIDENCE:
        return False
    if pair.wins == 1 and pair.cosine < 0.45:
        return False
    return pair.cosine >= 0.35 or (pair.ru in names["ru"] and pair.zh in names["zh"])


RU_MEETINGS = {"совет", "встреча", "совещание", "заседание", "саммит", "конференция"}


def conventional_short_form(ru: Term, zh: Term, pair) -> bool:
    """A council or a meeting whose Chinese name is a conventional short form of two to four
    characters (外长会 for «Совет министров иностранных дел», 专家会 for «встреча экспертов»): the
    embeddings read them as unlike, so the aligned text alone pairs them, where they always go together."""
    return ru.parts[0] in RU_MEETINGS and 2 < len(zh.key) <= 4 and zh.key.endswith("会") \
        and pair.confidence >= MIN_CONFIDENCE and pair.dice >= 0.5


def _country_agrees(ru: Term, zh: Term | None) -> bool:
    """A country's name translates as that country's name (ЦАР is no 数字文献库)."""
    return ru.country is None or (zh is not None and zh.country == ru.country)


def _ordinals_agree(ru: Term, zh: str) -> bool:
    """A name numbered in Russian is numbered in Chinese: «Пятый комитет» is 第五委员会, «Вторая
    мировая война» 第二次世界大战, «первая прививка» 首剂 (首: first); «первый доклад» is no 情况报告,
    whatever the sentences share."""
    return not any(is_ordinal(part) for part in ru.parts) or bool(ZH_ORDINAL.search(zh)) or "首" in zh


def same_country(ru: Term, zh: Term) -> bool:
    """Both name one country: a pair whatever the embeddings say (their cosine is poor for names)."""
    return ru.country is not None and ru.country == zh.country


def word_for_word(ru: Term, zh: Term) -> bool:
    """A single Russian word (not a name) pairs with a single Chinese word: «активность» is not
    活跃地区, while «наблюдатели» is 观察员国 (观察员 + the one-character 国)."""
    if len(ru.parts) > 1 or ru.named:
        return True
    return sum(1 for part in zh.parts if len(part) > 1) <= 1


def always_together(pair) -> bool:
    """A pair seen together often enough, and rarely apart, to need no word-for-word match: a
    compound Russian writes as one word (биоразнообразие — 生物多样性, 7 times, Dice 0.82)."""
    return pair.wins >= MIN_EVIDENCE and pair.dice >= TOGETHER and pair.confidence >= TOGETHER


def _names(terms: dict[str, Term], keep: set[str], lang: str) -> set[str]:
    """Terms that are names: for Russian an acronym (phrase), for Chinese any term with a name in it."""
    return {k for k in keep if (terms[k].named if lang == "ru" else terms[k].has_name)}


def drop_redundant(entries: list[Entry], ru_terms: dict[str, Term], zh_terms: dict[str, Term]) -> list[Entry]:
    """Of two entries with one Chinese term whose Russian terms nest («Секретариат» / «Секретариат
    ШОС» — 上合组织秘书处), keep the surer pair whose texts read more alike (confidence and cosine
    added: «гражданское общество», 42 times, beats «деятели гражданского общества», once, for
    民间社会 however alike the second reads), and that names a body when
    the Chinese does (上合组织成员国外交部: «…государств-членов ШОС», 对话伙伴: «партнеры по
    диалогу»); a name alone (ЮНЕСКО) beats a phrase around it («Всемирное наследие ЮНЕСКО»)."""
    by_zh: dict[str, list[Entry]] = defaultdict(list)
    for e in entries:
        by_zh[e.zh].append(e)

    def fit(e: Entry) -> float:
        ru, zh = ru_terms[e.ru_key], zh_terms.get(e.zh)
        same_naming = zh is not None and ru.has_acronym == zh.has_name  # «ШОС» in Russian is 上合组织 in Chinese
        both = 0.2 if ru.first_conjunct else 0.0  # a coordination that survived names the pair its partner covers
        country = 0.4 if zh is not None and same_country(ru, zh) else 0.0  # «Хорватия», not «ОКООСВ Хорватия»
        title = 0.3 if zh is not None and ru.title and zh.title else 0.0  # a document's whole name, not its first words
        return e.cosine + e.score + (0.2 if ru.named else 0.0) + (0.2 if same_naming else 0.0) + both + country + title

    def beaten(a: Entry, b: Entry) -> bool:
        ra, rb = ru_terms[a.ru_key], ru_terms[b.ru_key]
        if not nests(ra.parts, rb.parts):
            return False
        zh = zh_terms.get(a.zh)
        if zh is not None and len(ra.parts) != len(rb.parts) \
                and _renders_the_longer(*sorted((ra, rb), key=lambda t: len(t.parts)), zh):
            return len(ra.parts) < len(rb.parts)
        return fit(a) < fit(b)

    dropped = {id(a) for group in by_zh.values() for a in group for b in group if a is not b and beaten(a, b)}
    return [e for e in entries if id(e) not in dropped]


def _renders_the_longer(short: Term, long: Term, zh: Term) -> bool:
    """Whether the Chinese term renders each word the longer of two nested Russian terms adds (one
    of its jieba words is the lexicon's translation: 过境运输 is «транзитные перевозки», not
    «перевозки»). Where it does not, the readings' likeness decides: the lexicon misses too many
    translations to say that a word is not there (率 is «уровень» in 失业率)."""
    lexicon = load_lexicon()
    extra = [p for p in long.parts if p not in short.parts and p not in RU_FUNCTION_WORDS]
    return bool(extra) and all(lexicon.renders(p, zh.parts) for p in extra)


def split_names(entries: list[Entry], longest: int = 4) -> dict[str, str]:
    """Short Chinese terms that jieba still cuts in two: fed back so that it stops.

    Only short ones: a whole compound (上合组织成员国外交部) taught as one word would hide the
    words inside it from every later analysis. Not projections of Russian terms (理事会第 for
    «заседание Совета»): the lexicon found them, not the document's own way of writing.
    """
    zh = [e.zh for e in entries if 2 < len(e.zh) <= longest and not e.zh_projected]
    return {term: "n" for term, tokens in zip(zh, analyze(zh, "zh")) if len(tokens) > 1}  # a term, not a name


def collect_terms(pieces: list[Segment], lang: str, guide: dict[str, Term] | None = None) -> dict[str, Term]:
    """The candidates of one language over the aligned pieces. Chinese ones also from the Russian
    terms (`guide`): the span of each piece's Chinese that the lexicon says translates a Russian
    term of the piece, where jieba's words make no candidate of it (可 + 持续 + 发展, 经常 + 预算)."""
    texts = [getattr(p, lang) for p in pieces]
    terms: dict[str, Term] = {}
    guided: dict[int, list[frozenset[str]]] = defaultdict(list)  # piece -> the content words of its Russian terms
    for t in (guide or {}).values():
        words = frozenset(p for p in t.parts if p not in RU_FUNCTION_WORDS)
        if t.termhood > 0 and not t.named and len(words) >= 2:
            for s in t.segments:
                guided[s].append(words)
    for index, (piece, text, tokens) in enumerate(zip(pieces, texts, analyze(texts, lang))):
        ids = piece.ru_ids if lang == "ru" else piece.zh_ids
        found = mentions(text, tokens, lang)
        spans = {(m.start, m.end) for m in found}
        extracted = len(found)
        found += [m for m in projections(text, tokens, guided[index]) if (m.start, m.end) not in spans]
        for k, m in enumerate(found):
            term = terms.get(m.key)
            if term is None:
                term = terms[m.key] = Term(m.key, lang, m.lemmas, acronym=all(is_acronym(t) for t in m.tokens),
                                           projected=k >= extracted)
            term.projected = term.projected and k >= extracted
            term.forms[m.surface] += 1
            if lang == "ru":
                term.dictionary_forms[russian_dictionary_form(m.tokens)] += 1
                heads = coordinated_heads(m.tokens)
                term.conjunction = heads[0] + 1 if len(heads) > 1 else None
                term.shares_complement = len(heads) > 1 and heads[1] < len(m.tokens) - 1
            term.segments.add(index)
            term.units.update(re.split(r"[.#]", i)[0] for i in ids)
            term.freq += 1
            term.whole += m.whole
            head = _head(m.tokens, lang)
            term.head_pos[head.pos] += 1
            term.head = head.lemma
            term.verbal = term.verbal or (lang == "zh" and is_verbal(m))
            term.named = term.named or term.acronym or (len(m.tokens) == 1 and m.tokens[0].tag in NAMED_TAGS)
            term.has_name = term.has_name or any(_is_name(t, text) for t in m.tokens)
            term.title = term.title or m.title or m.surface.startswith(("«", "《")) or _inside_quotes(text, m)
            term.holds_title = term.holds_title or _holds_title(m, lang)
            term.verb_first = term.verb_first or (lang == "zh" and m.tokens[0].tag == "v")
    if lang == "zh":
        terms = merge_near_duplicates(terms)
    _name_countries(terms, lang)
    _score_termhood(terms, lang)
    return terms


def _name_countries(terms: dict[str, Term], lang: str) -> None:
    """Mark the terms that are a country's name (CLDR's, or an official long form): names, which
    pair with the same country's name in the other language."""
    from ruzh.align.divergence.names import country_named

    for term in terms.values():
        if len(term.parts) <= 6:
            term.country = country_named(term.form, lang)
            term.named = term.named or term.country is not None


def _head(tokens: tuple, lang: str):
    """Russian heads come first (the first noun), Chinese heads last."""
    if lang == "zh":
        return tokens[-1]
    return next((t for t in tokens if t.pos in ("NOUN", "PROPN")), tokens[0])


def _is_name(token, text: str) -> bool:
    """An acronym, a word jieba tags as a name, or a capitalized Russian word inside a sentence."""
    if is_acronym(token) or token.tag in NAMED_TAGS:
        return True
    inside = token.start > 0 and text[: token.start].rstrip()[-1:] not in ".!?;:"
    return inside and token.text[:1].isupper() and token.text[:1].isalpha() and not "\u4e00" <= token.text[0] <= "\u9fff"


def _holds_title(m: Mention, lang: str) -> bool:
    if lang == "zh":
        return "〈" in m.surface or "《" in m.surface[1:]
    return any(t.text[:1].isupper() and t.lemma in RU_DOCUMENTS for t in m.tokens[1:])


def _inside_quotes(text: str, m: Mention) -> bool:
    return text[m.start - 1 : m.start] in ("«", "《") and text[m.end : m.end + 1] in ("»", "》")


def admissible(term: Term) -> bool:
    """What may enter the glossary: long phrases and Chinese spans with a verb only if they recur."""
    if term.title or term.acronym:
        return True
    if term.freq == 1 and len(term.parts) > (4 if term.lang == "ru" else 3):
        return False
    if term.lang == "ru" and term.freq == 1 and term.head in RU_ACTION_HEADS:
        return False  # «устойчивое развитие», seen often, is a term; «дальнейшее развитие институтов», once, is not
    # a verb and its noun (执法部门, 禁毒行动) may be a compound: let pairing judge even a single one
    return not (term.verbal and term.freq < 2 and len(term.parts) != 2)


def merge_near_duplicates(terms: dict[str, Term]) -> dict[str, Term]:
    """Chinese spellings one character apart count as one term: one with a character the other
    lacks inside it (地区反恐怖机构 / 地区反恐机构), or another character in the same place (相关部门 /
    相关部委). Not two that differ in two places: 合作组织秘书处 is a piece of 上海合作组织秘书处,
    no spelling of 上合组织秘书处; nor one that lacks the last character, the head's (卫生部 / 卫生部长)."""
    keys = sorted(terms, key=lambda k: -terms[k].freq)
    without: dict[str, str] = {}  # a merged key less one character -> that key
    replaced: dict[tuple[str, int], str] = {}  # (a merged key less the character at i, i) -> that key
    merged: dict[str, Term] = {}
    for key in keys:
        target = None
        if len(key) >= 6:
            shorter = [key[:i] + key[i + 1 :] for i in range(len(key))]
            target = without.get(key) or next((s for s in shorter[:-1] if s in merged), None) \
                or next((replaced[s, i] for i, s in enumerate(shorter) if (s, i) in replaced), None)
        if target is None:
            merged[key] = terms[key]
            for i in range(len(key)):
                if i < len(key) - 1:  # the last character is the head's: 卫生部长 is no spelling of 卫生部
                    without.setdefault(key[:i] + key[i + 1 :], key)
                replaced.setdefault((key[:i] + key[i + 1 :], i), key)
            continue
        keep, other = merged[target], terms[key]
        keep.forms.update(other.forms)
        keep.segments |= other.segments
        keep.units |= other.units
        keep.freq += other.freq
        keep.whole += other.whole
        keep.projected = keep.projected and other.projected
    return merged


HEAD_POSITION = {"ru": "prefix", "zh": "suffix"}  # Russian heads come first, Chinese heads last


def _score_termhood(terms: dict[str, Term], lang: str) -> None:
    parts = {k: t.parts for k, t in terms.items()}
    freq = {k: t.freq for k, t in terms.items()}
    inside = containers(parts, {k: t.conjunction for k, t in terms.items() if t.conjunction})
    values = c_values(parts, freq, inside)
    for key, term in terms.items():
        # a compound jieba was taught (国际活动) is as specific as the two words it was before
        several = len(term.parts) > 1 or (lang == "zh" and taught(term.parts[0]))
        spec = 1.0 if term.acronym or several else specificity(term.parts[0], lang)
        fragment = is_fragment(key, freq, inside, HEAD_POSITION[lang], term.named or term.title) \
            or (lang == "ru" and _cut_name(term, terms, inside))
        term.termhood = values[key] * spec if admissible(term) and not fragment else 0.0
        # a name counts even when it occurs inside a longer phrase («…наследия ЮНЕСКО»), a title inside a title too
        if (term.named or term.title) and not fragment:
            term.termhood = max(term.termhood, 1.0)


def _cut_name(term: Term, terms: dict[str, Term], inside: dict[str, list[tuple[str, str]]]) -> bool:
    """The first words of a longer name, never used without the rest («Турецкая Республика» of
    «Турецкая Республика Северного Кипра», «Босния» of «Босния и Герцеговина»), however rare: a
    name's head does not stand for it the way «Секретариат» stands for «Секретариат ШОС»."""
    capitalized = term.has_name and not term.has_acronym and term.form[:1].isupper()  # inside a sentence
    return capitalized and term.country is None and not term.title and any(
        where == "prefix" and terms[outer].form[:1].isupper() and terms[outer].freq >= term.freq
        for outer, where in inside.get(term.key, ()))


def _embed(encoder: Encoder, terms: list[Term]) -> dict[str, np.ndarray]:
    if not terms:
        return {}
    return dict(zip((t.key for t in terms), encoder.encode([t.form for t in terms])))


def _entry(ru: Term, zh: Term, pair) -> Entry:
    return Entry(ru.form, zh.form, pair.confidence, ru.freq, sorted(ru.forms, key=lambda f: -ru.forms[f]),
                 sorted(zh.forms, key=lambda f: -zh.forms[f]), sorted(ru.units | zh.units), ru_key=ru.key,
                 zh_key=zh.key, termhood=ru.termhood, cosine=pair.cosine, ru_pos=ru.pos, zh_pos=zh.pos,
                 zh_variants=[f for f in sorted(zh.forms, key=lambda f: -zh.forms[f]) if f != zh.form],
                 segments=sorted(ru.segments & zh.segments), zh_projected=zh.projected)


def merge_variants(entries: list[Entry]) -> list[Entry]:
    """Chinese short and full forms of one term become variants (上合组织 / 上海合作组织); so do
    an acronym and its expansion when they share the Chinese partner, each in the other's entry."""
    by_zh: dict[str, list[Entry]] = defaultdict(list)
    by_first: dict[str, list[Entry]] = defaultdict(list)  # a short form starts as its full form does
    for e in entries:
        by_zh[e.zh].append(e)
        by_first[e.zh[:1]].append(e)
    for e in entries:
        for other in by_first[e.zh[:1]]:
            # a short form keeps the head (上合组织成员国 / 上海合作组织成员国): 上合组织 is no form of a
            # title that begins with 上海合作组织
            if other is not e and chinese_short_form(other.zh, e.zh) and other.zh[-1] == e.zh[-1] \
                    and other.zh not in e.zh_forms:
                e.zh_forms.append(other.zh)
                e.zh_variants.append(other.zh)
        for other in by_zh[e.zh]:
            if other is not e and is_acronym_of(e.ru, other.ru):
                for entry, variant in ((e, other.ru), (other, e.ru)):
                    if variant not in entry.ru_forms:
                        entry.ru_forms.append(variant)
                        entry.ru_variants.append(variant)
    return entries


def is_acronym_of(short: str, long: str) -> bool:
    """«РАТС ШОС» stands for «Региональная антитеррористическая структура ШОС»: the acronym for
    the words before those the two phrases end with alike."""
    words, long_words = short.split(), long.split()
    if not words or not words[0].isupper():
        return False
    rest = words[1:]
    if rest and long_words[-len(rest):] == rest:
        long_words = long_words[: -len(rest)]
    return acronym_matches(words[0], " ".join(long_words))


def _rare(word: str) -> bool:
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "zh") < 4.0


def discover_chinese_words(texts: list[str], min_count: int = 3, cohesion: float = 0.8) -> dict[str, str]:
    """Words jieba splits but the document always writes together (上合 + 组织, 银联 + 体).

    Two neighbouring words are one when their pair is frequent, the rarer of the two nearly never
    appears without the other, and one of them cannot stand alone: a single character, or a piece
    jieba tags as something other than a noun that general Chinese rarely uses (上合, Zipf < 4).
    Two words side by side that stand alone (成员国 + 外交部, 打击 + 恐怖主义) stay two words.
    """
    found: dict[str, str] = {}
    for _ in range(2):  # a second round joins a third word on
        add_words(found)
        words: Counter = Counter()
        pairs: Counter = Counter()
        bound: set[str] = set()
        for tokens in analyze(texts, "zh"):
            content = [t.text if t.pos not in ("PUNCT", "NUM") and t.tag not in ("u", "uj", "c", "p", "r", "m", "x")
                       else None for t in tokens]
            bound.update(t.text for t in tokens if len(t.text) == 1 or (t.tag not in NOUN_TAGS and _rare(t.text)))
            words.update(w for w in content if w)
            # a localizer after a word (政府 + 间 «between governments») makes a phrase, not a word
            pairs.update((a, b) for a, b, t in zip(content, content[1:], tokens[1:]) if a and b and t.tag != "f")
        for (a, b), n in pairs.items():
            if n >= min_count and len(a + b) <= 6 and n / min(words[a], words[b]) >= cohesion \
                    and (a in bound or b in bound):
                found[a + b] = "nz"
    return found
