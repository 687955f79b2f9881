"""The divergence detectors, each registered under the `kind` its findings carry.

Pair detectors look at one pair of linked units (and the sentence links inside it); document
detectors look at the whole alignment. A detector reports only what it has evidence for:
paraphrase is not divergence, and a report that cries wolf is not read.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from align.divergence.model import Finding
from align.divergence.numbers import matches, numbers
from align.document import Alignment, LinkRecord
from align.encoders import Encoder
from corpus import Document, Unit
from corpus.model import JOINERS
from corpus.registry import registrar

PAIR_DETECTORS: dict[str, Callable] = {}
DOCUMENT_DETECTORS: dict[str, Callable] = {}
UNMATCHED = 0.45  # a clause less similar than this to everything on the other side has no counterpart
CELLS = ("participants", "executors")


pair_detector = registrar(PAIR_DETECTORS)
document_detector = registrar(DOCUMENT_DETECTORS)


@dataclass
class UnitPair:
    """Linked units of the two versions, with the sentence links between them."""

    ru: list[Unit]
    zh: list[Unit]
    sentences: list[LinkRecord] = field(default_factory=list)
    unlinked_neighbours: list[Unit] = field(default_factory=list)  # next to it and linked to nothing

    @property
    def ids(self) -> tuple[list[str], list[str]]:
        return [u.id for u in self.ru], [u.id for u in self.zh]

    def text(self, lang: str, with_neighbours: bool = False) -> str:
        units = self.ru if lang == "ru" else self.zh
        if with_neighbours:  # what an imperfect alignment may have left beside the pair
            units = units + [u for u in self.unlinked_neighbours if u.lang == lang]
        return JOINERS[lang].join(u.text for u in units)


@dataclass
class Context:
    doc: Document
    alignment: Alignment
    encoder: Encoder
    terms: list[tuple[list[str], list[str]]]  # glossary names: Russian forms, Chinese forms
    sentence_text: dict[str, str]
    vectors: dict[str, np.ndarray] = field(default_factory=dict)

    def embed(self, texts: list[str]) -> np.ndarray:
        """Embeddings through a memo, so that `prepare` can encode a whole document in one batch."""
        missing = [t for t in dict.fromkeys(texts) if t not in self.vectors]
        if missing:
            self.vectors.update(zip(missing, self.encoder.encode(missing)))
        return np.stack([self.vectors[t] for t in texts])


PREPARERS: list[Callable] = []


def preparer(fn):
    """Register a step that gathers, for all pairs at once, the texts detectors will embed."""
    PREPARERS.append(fn)
    return fn


# ---------------------------------------------------------------- names

# CLDR gives one name per country; official texts use long forms too.
NOT_COUNTRIES = {"UN", "EU", "EZ", "QO", "XA", "XB", "ZZ"}  # CLDR lists these groupings among territories
COUNTRY_ALIASES = {"CN": (["Китайская Народная Республика", "КНР"], ["中华人民共和国", "中华"]),
                   "KG": (["Кыргызская Республика"], ["吉尔吉斯"]), "US": (["США"], ["美利坚"]),
                   "RU": (["Российская Федерация"], []), "GB": (["Соединенное Королевство"], ["联合王国"]),
                   "KR": ([], ["大韩民国"]), "KP": ([], ["朝鲜民主主义人民共和国"]),
                   "CZ": (["Чешская Республика"], []), "TL": (["Тимор-Лешти"], []), "MD": (["Республика Молдова"], []),
                   "MK": (["Бывшая югославская Республика Македония"], [])}
# Adjectives the Russian text may use instead of the name («британской милитаризации»): enough to
# conclude that the country is mentioned, not to report it.
LOOSE_ALIASES = {"GB": ["британ"], "CZ": ["чеш"], "US": ["американ"], "DE": ["немец", "герман"],
                 "FR": ["француз"], "TR": ["турец"], "CN": ["китай"], "RU": ["россий"]}


@lru_cache(maxsize=1)
def countries() -> dict[str, tuple[list[str], list[str]]]:
    """Country code -> (Russian name stems, Chinese names), from Unicode CLDR through babel."""
    from babel import Locale

    ru, zh = Locale("ru").territories, Locale("zh").territories
    out = {}
    for code in ru:
        if not code.isalpha() or code not in zh or len(code) != 2 or code in NOT_COUNTRIES:
            continue
        extra = COUNTRY_ALIASES.get(code, ([], []))
        out[code] = ([ru[code]] + extra[0], [zh[code]] + extra[1])
    return out


# A Russian name in any case: the ending its declension class allows («Нигер», «Нигера» but not «Нигерия»).
RU_ENDINGS = (("ия", "(?:ия|ии|ию|ией)"), ("ая", "(?:ая|ой|ую)"), ("ое", "(?:ое|ого|ому|ом)"), ("ие", "(?:ие|их|им|ими)"),
              ("ые", "(?:ые|ых|ым|ыми)"), ("ий", "(?:ий|ого|ому|им|ом)"), ("ый", "(?:ый|ого|ому|ым|ом)"),
              ("а", "(?:а|ы|и|е|у|ой|ей)"), ("я", "(?:я|и|е|ю|ей)"), ("ь", "(?:ь|и|ью)"),
              ("ы", "(?:ы|ов|ам|ами|ах)"), ("й", "(?:й|я|ю|ем|е)"))


def _russian_name(name: str) -> str:
    words = []
    for word in name.split():
        for ending, forms in RU_ENDINGS:
            if word.lower().endswith(ending) and len(word) > len(ending) + 2:
                words.append(re.escape(word[: -len(ending)]) + forms)
                break
        else:
            words.append(re.escape(word) + ("(?:а|у|е|ом|ы|ов)?" if word[-1].isalpha() and word[-1].lower() not in "аеиоуыэюяё" else ""))
    return r"\b" + r"\s+".join(words) + r"\b"


@lru_cache(maxsize=2)
def _country_pattern(lang: str) -> tuple[re.Pattern, list[str]]:
    """One alternation of every country name, longest first, so that 印度尼西亚 is not read as 印度
    and «Нигерия» not as «Нигер»; group k names country codes[k]."""
    names = sorted(((name, code) for code, (ru, zh) in countries().items() for name in (ru if lang == "ru" else zh)),
                   key=lambda pair: -len(pair[0]))
    codes = [code for _, code in names]
    if lang == "ru":
        alternatives = [f"({_russian_name(name)})" for name, _ in names]
    else:
        alternatives = [f"({re.escape(name)})" for name, _ in names]
    return re.compile("|".join(alternatives)), codes


def mentioned_countries(text: str, lang: str) -> dict[str, str]:
    """Country code -> the words that name it in text."""
    pattern, codes = _country_pattern(lang)
    if lang == "ru":
        text = CURRENCY.sub(" ", text)  # «долл. США» is a currency, not a mention of the country
    found: dict[str, str] = {}
    edges = _word_edges(text) if lang == "zh" else None
    for m in pattern.finditer(text):
        if edges is not None and not (m.start() in edges and m.end() in edges):
            continue  # 中国 inside 发展中国家, 南非 inside 以南非洲
        found.setdefault(codes[m.lastindex - 1], m.group(0))
    return found


@lru_cache(maxsize=50_000)
def _word_edges(text: str) -> frozenset[int]:
    """Where jieba puts word boundaries in a Chinese text."""
    from corpus import analyze

    tokens = analyze(text, "zh")[0]
    return frozenset({t.start for t in tokens} | {t.start + len(t.text) for t in tokens})


CURRENCY = re.compile(r"(?:долл\.|доллар[а-я]*)\s+США")


def country_absent(code: str, text: str, lang: str) -> bool:
    """No name of the country in text, not even a loose one: strict to find a name, loose to
    conclude it is missing («Сирийской Арабской Республики» names «Сирия»; 阿拉伯叙利亚共和国 names 叙利亚)."""
    if code in mentioned_countries(text, lang):
        return False
    ru_names, zh_names = countries()[code]
    if lang == "ru":  # adjectives too: «российской», «китайской», «турецкой»
        stems = [n.split()[0][:3] for n in ru_names] + LOOSE_ALIASES.get(code, [])
        return not any(re.search(rf"\b{re.escape(stem)}", text, re.IGNORECASE) for stem in stems)
    return not any(n[:2] in text for n in zh_names)


def missing_names(span: str, lang: str, other_text: str, ctx: Context) -> list[str]:
    """Names in `span` (countries, glossary names) whose counterpart the other version lacks."""
    other = "zh" if lang == "ru" else "ru"
    mine = mentioned_countries(span, lang)
    missing = [name for code, name in mine.items() if country_absent(code, other_text, other)]
    for ru_forms, zh_forms in ctx.terms:
        forms, partners = (ru_forms, zh_forms) if lang == "ru" else (zh_forms, ru_forms)
        hit = next((f for f in forms if f and f in span), None)
        if hit and not any(_present(p, other_text, other) for p in partners):
            missing.append(hit)
    return missing


def _present(term: str, text: str, lang: str) -> bool:
    """Whether text uses the term; a Chinese short form also finds its full form (上合组织 in 上海合作组织)."""
    if term in text:
        return True
    if lang == "zh" and 2 < len(term) <= 6:
        return re.search(".{0,2}".join(map(re.escape, term)), text) is not None
    return False


@pair_detector("names")
def names_on_one_side(pair: UnitPair, ctx: Context) -> list[Finding]:
    """Countries named in one version of a unit and not in the other."""
    out = []
    texts = {"ru": pair.text("ru"), "zh": pair.text("zh")}
    for lang in ("ru", "zh"):
        for code, name in mentioned_countries(texts[lang], lang).items():
            if country_absent(code, texts[_other(lang)], _other(lang)):
                spans = {"ru_span": name} if lang == "ru" else {"zh_span": name}
                out.append(Finding("names", *pair.ids, lang, "major", 0.9,
                                   f"The {_language(lang)} text names {name}, which the {_language(_other(lang))} "
                                   f"text of this unit does not mention.", **spans))
    return out


# ---------------------------------------------------------------- content

RU_CLAUSE = re.compile(r"(?<=[,;:])\s+|\s+(?=в том числе|а также|прежде всего)")
ZH_CLAUSE = re.compile(r"(?<=[，；：、])")


def clauses(text: str, lang: str) -> list[str]:
    """Clauses and enumeration items; very short pieces stay with their neighbour."""
    pieces = [p.strip() for p in (RU_CLAUSE if lang == "ru" else ZH_CLAUSE).split(text) if p.strip()]
    shortest = 12 if lang == "ru" else 4
    out: list[str] = []
    for piece in pieces:
        if out and (len(piece) < shortest or len(out[-1]) < shortest):
            out[-1] = out[-1] + JOINERS[lang] + piece
        else:
            out.append(piece)
    return out


@pair_detector("content")
def added_or_omitted(pair: UnitPair, ctx: Context) -> list[Finding]:
    """Clauses on one side with no counterpart on the other, backed by a name or term that the
    other side lacks (major); without such evidence only a clearly unmatched long clause is
    reported (minor). Sentences linked to nothing inside linked units are reported too."""
    out = []
    for link in pair.sentences:
        ru = " ".join(ctx.sentence_text[i] for i in link.ru)
        zh = "".join(ctx.sentence_text[i] for i in link.zh)
        if not link.ru or not link.zh:
            out += _unlinked_sentence(pair, link, ru or zh, "ru" if link.ru else "zh", ctx)
            continue
        for lang, text, other in (("ru", ru, zh), ("zh", zh, ru)):
            out += _unmatched_clauses(pair, link, lang, text, other, ctx)
    return out


def _comparison(text: str, lang: str, other_text: str) -> tuple[list[str], list[str]]:
    """The clauses of one side, and what they are compared with: the other side's clauses,
    pairs of neighbouring clauses (the versions cut sentences differently), and the whole."""
    mine = clauses(text, lang)
    theirs = clauses(other_text, _other(lang))
    joiner = " " if lang != "ru" else ""
    windows = theirs + [joiner.join(theirs[k : k + 2]) for k in range(len(theirs) - 1)] + [other_text]
    return mine, windows


@preparer
def _content_texts(pairs: list[UnitPair], ctx: Context) -> list[str]:
    texts = []
    for pair in pairs:
        for link in pair.sentences:
            if link.ru and link.zh:
                ru = " ".join(ctx.sentence_text[i] for i in link.ru)
                zh = "".join(ctx.sentence_text[i] for i in link.zh)
                for lang, text, other in (("ru", ru, zh), ("zh", zh, ru)):
                    mine, windows = _comparison(text, lang, other)
                    if len(mine) >= 2:
                        texts += mine + windows
    return texts


def _unmatched_clauses(pair: UnitPair, link: LinkRecord, lang: str, text: str, other_text: str,
                       ctx: Context) -> list[Finding]:
    mine, windows = _comparison(text, lang, other_text)
    if len(mine) < 2:
        return []  # a one-clause sentence is compared whole by the aligner's score
    vectors = ctx.embed(mine + windows)
    sims = vectors[: len(mine)] @ vectors[len(mine):].T
    out = []
    for clause, best in zip(mine, sims.max(axis=1)):
        if best >= UNMATCHED:
            continue
        evidence = missing_names(clause, lang, other_text, ctx)
        long_enough = len(clause) >= (60 if lang == "ru" else 20)
        if not evidence and not (long_enough and best < 0.25):
            continue
        severity = "major" if evidence else "minor"
        score = float(np.clip((1 - best) * (1.0 if evidence else 0.6), 0, 1))
        because = f" ({', '.join(evidence)} has no counterpart)" if evidence else ""
        message = (f"The {_language(lang)} text adds «{clause.strip(' ,;，；、')}», which the "
                   f"{_language(_other(lang))} text does not say{because}.")
        spans = {"ru_span": clause} if lang == "ru" else {"zh_span": clause}
        out.append(Finding("content", *pair.ids, lang, severity, score, message,
                           sentences=link.ru + link.zh, **spans))
    return out


def _unlinked_sentence(pair: UnitPair, link: LinkRecord, text: str, lang: str, ctx: Context) -> list[Finding]:
    if len(text) < (40 if lang == "ru" else 12):
        return []
    evidence = missing_names(text, lang, pair.text(_other(lang)), ctx)
    spans = {"ru_span": text} if lang == "ru" else {"zh_span": text}
    return [Finding("content", *pair.ids, lang, "major" if evidence else "minor", 0.8 if evidence else 0.5,
                    f"A {_language(lang)} sentence of this unit has no counterpart in the "
                    f"{_language(_other(lang))} text.", sentences=link.ru + link.zh, **spans)]


# ---------------------------------------------------------------- numbers

RU_NUMBER_WORD = re.compile(r"\b(?:одн|дв[ауе]|тр[еиё]|четыр|пят|шест|сем|восьм|девят|десят|одиннадцат|двенадцат|"
                            r"\w+надцат|двадцат|тридцат|сорок|пятьдесят|шестьдесят|семьдесят|восемьдесят|девяност|сто)",
                            re.IGNORECASE)


def _small(value: str) -> bool:
    return value.isdigit() and int(value) < 10


@pair_detector("numbers")
def numbers_and_dates(pair: UnitPair, ctx: Context) -> list[Finding]:
    """Numbers and dates, normalized, that one version of a unit has and the other lacks.

    Whole numbers below ten are left out: Russian writes them as words («две должности») where
    Chinese writes digits (2个职位)."""
    ru = numbers(pair.text("ru"), "ru")
    zh = numbers(pair.text("zh"), "zh")
    around = {lang: numbers(pair.text(lang, with_neighbours=True), lang) for lang in ("ru", "zh")}
    label_numbers = Counter(u.label for u in pair.ru + pair.zh if u.label)
    out = []
    for lang, mine, theirs in (("ru", ru, zh), ("zh", zh, ru)):
        for value in mine:
            if value in label_numbers or matches(value, around[_other(lang)]) or _small(value):
                continue
            if lang == "zh" and value.isdigit() and int(value) < 100 and RU_NUMBER_WORD.search(pair.text("ru")):
                continue  # the Russian text may write it in words («шестьдесят девятая сессия»)
            spans = {"ru_span": value} if lang == "ru" else {"zh_span": value}
            differs = [v for v in (theirs - mine) if v[:4] == value[:4]]
            severity = "major" if not differs else "minor"
            hint = f" (the {_language(_other(lang))} text has {', '.join(differs)})" if differs else ""
            out.append(Finding("numbers", *pair.ids, lang, severity, 0.85 if severity == "major" else 0.5,
                               f"The {_language(lang)} text has the number or date {value}, the "
                               f"{_language(_other(lang))} text does not{hint}.", **spans))
    return out


# ---------------------------------------------------------------- participants and executors

CELL_ITEMS = {"ru": re.compile(r"[,;]\s*"), "zh": re.compile(r"[，,；;]")}


@pair_detector("cells")
def bodies_on_one_side(pair: UnitPair, ctx: Context) -> list[Finding]:
    """Participants and executors: a body listed in one version and in no item of the other."""
    if len(pair.ru) != 1 or len(pair.zh) != 1 or pair.ru[0].kind != "measure":
        return []
    out = []
    for cell in CELLS:
        ru, zh = getattr(pair.ru[0], cell), getattr(pair.zh[0], cell)
        if not ru or not zh:
            continue
        items = {lang: [i.strip() for i in CELL_ITEMS[lang].split(text) if i.strip()]
                 for lang, text in (("ru", ru), ("zh", zh))}
        vectors = {lang: ctx.embed(items[lang] + [text]) for lang, text in (("ru", ru), ("zh", zh))}
        for lang, text, other_text in (("ru", ru, zh), ("zh", zh, ru)):
            other = _other(lang)
            sims = vectors[lang][:-1] @ vectors[other].T
            for item, best in zip(items[lang], sims.max(axis=1)):
                evidence = missing_names(item, lang, other_text, ctx)
                if best < 0.5 and evidence:
                    spans = {"ru_span": item} if lang == "ru" else {"zh_span": item}
                    out.append(Finding("cells", *pair.ids, lang, "minor", float(1 - best),
                                       f"The {_language(lang)} {cell} list has «{item}», which the "
                                       f"{_language(other)} list does not name.", **spans))
    return out


# ---------------------------------------------------------------- typography

BRACKETS = (("«", "»"), ("《", "》"), ("(", ")"), ("（", "）"))


@pair_detector("typography")
def unbalanced_marks(pair: UnitPair, ctx: Context) -> list[Finding]:
    out = []
    for lang, units in (("ru", pair.ru), ("zh", pair.zh)):
        for unit in units:
            for opening, closing in BRACKETS:
                if unit.text.count(opening) != unit.text.count(closing):
                    spans = {"ru_span": _around(unit.text, opening, closing)} if lang == "ru" else \
                        {"zh_span": _around(unit.text, opening, closing)}
                    out.append(Finding("typography", *pair.ids, lang, "minor", 0.4,
                                       f"{unit.id}: {opening} and {closing} do not balance "
                                       f"({unit.text.count(opening)} opening, {unit.text.count(closing)} closing).",
                                       **spans))
    return out


def _around(text: str, opening: str, closing: str) -> str:
    k = max(text.rfind(closing), text.rfind(opening))
    return text[max(0, k - 20) : k + 1]


# ---------------------------------------------------------------- structure

@document_detector("structure")
def numbering_and_gaps(ctx: Context) -> list[Finding]:
    """Duplicated, skipped or disagreeing labels, and units linked to nothing."""
    out = []
    for lang in ("ru", "zh"):
        measures = ctx.doc.of(lang, "measure")
        labels = [int(u.label) for u in measures if u.label and u.label.isdigit()]
        for label, count in Counter(labels).items():
            if count > 1:
                ids = [u.id for u in measures if u.label == str(label)]
                out.append(Finding("structure", ids if lang == "ru" else [], ids if lang == "zh" else [], lang,
                                   "minor", 0.7, f"Two {_language(lang)} measures are numbered {label} "
                                   f"({', '.join(ids)}); the numbers after them are shifted.",
                                   **{f"{lang}_span": str(label)}))
        for a, b in zip(labels, labels[1:]):
            if b > a + 1:
                out.append(Finding("structure", [], [], lang, "minor", 0.6,
                                   f"The {_language(lang)} numbering skips from {a} to {b}."))
    shifted = [(link.ru[0], link.zh[0]) for link in ctx.alignment.units if len(link.ru) == 1 == len(link.zh)
               and _label(ctx, link.ru[0]) and _label(ctx, link.zh[0])
               and _label(ctx, link.ru[0]) != _label(ctx, link.zh[0])]
    if shifted:
        first, last = shifted[0], shifted[-1]
        out.append(Finding("structure", [first[0]], [first[1]], "both", "info", 0.5,
                           f"{len(shifted)} linked measures are numbered differently, from {first[0]} "
                           f"(printed {_label(ctx, first[0])}) / {first[1]} (printed {_label(ctx, first[1])}) "
                           f"to {last[0]} / {last[1]}."))
    for link in ctx.alignment.units:
        if link.ru and link.zh:
            continue
        lang, ids = ("ru", link.ru) if link.ru else ("zh", link.zh)
        unit = ctx.doc.unit(ids[0])
        severity = {"measure": "major", "paragraph": "major", "section": "minor"}.get(unit.kind, "info")
        out.append(Finding("structure", link.ru, link.zh, lang, severity, 0.8 if severity == "major" else 0.3,
                           f"{unit.id} ({unit.kind}) exists in the {_language(lang)} version only.",
                           **{f"{lang}_span": unit.text[:200]}))
    return out


def _label(ctx: Context, uid: str) -> str | None:
    unit = ctx.doc.unit(uid)
    return unit.label if unit.kind == "measure" else None


def _language(lang: str) -> str:
    return {"ru": "Russian", "zh": "Chinese", "both": "both"}[lang]


def _other(lang: str) -> str:
    return "zh" if lang == "ru" else "ru"
