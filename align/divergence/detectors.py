"""The divergence detectors, each registered under the `kind` its findings carry.

Sentence detectors look at one sentence link, word-aligned (`evidence.SentencePair`; the
word-level ones are in `wordlevel.py`); pair detectors at one pair of linked units (their
cells, their marks); document detectors at the whole alignment. A detector reports only what
it has evidence for: paraphrase is not divergence, and a report that cries wolf is not read.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np

from ruzh.align.divergence import names
from ruzh.align.divergence.evidence import finding_at
from ruzh.align.divergence.model import Finding
from ruzh.align.divergence.numbers import components, matches, numbers, written, year_said_otherwise
from ruzh.align.document import Alignment, LinkRecord
from ruzh.align.words import TermIndex, short_form_span
from ruzh.align.encoders import Encoder
from ruzh.corpus import Document, Unit
from ruzh.corpus.model import JOINERS
from ruzh.corpus.registry import registrar

SENTENCE_DETECTORS: dict[str, Callable] = {}
PAIR_DETECTORS: dict[str, Callable] = {}
DOCUMENT_DETECTORS: dict[str, Callable] = {}


sentence_detector = registrar(SENTENCE_DETECTORS)
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
    term_pairs: list[tuple[list[str], list[str]]] = field(default_factory=list)  # the term base, for `terms`
    termbase: bool = False  # the term pairs come from a term base the user gave, not the document's glossary

    @cached_property
    def term_index(self) -> TermIndex:
        return TermIndex(self.term_pairs)

    def embed(self, texts: list[str]) -> np.ndarray:
        """Embeddings through a memo, so that a whole document's sentences are encoded in one batch."""
        missing = [t for t in dict.fromkeys(texts) if t not in self.vectors]
        if missing:
            self.vectors.update(zip(missing, self.encoder.encode(missing)))
        return np.stack([self.vectors[t] for t in texts])


# ---------------------------------------------------------------- names

def missing_names(span: str, lang: str, other_text: str, ctx: Context) -> list[str]:
    """Names in `span` (countries, glossary names) whose counterpart the other version lacks."""
    other = _other(lang)
    missing = [name for code, (name, _, _) in names.mentioned(span, lang).items()
               if names.absent(code, other_text, other)]
    for ru_forms, zh_forms in ctx.terms:
        forms, partners = (ru_forms, zh_forms) if lang == "ru" else (zh_forms, ru_forms)
        hit = next((f for f in forms if f and f in span), None)
        if hit and not any(present(p, other_text, other) for p in partners):
            missing.append(hit)
    return missing


def present(term: str, text: str, lang: str) -> bool:
    """Whether text uses the term; a Chinese short form also finds its full form (上合组织 in 上海合作组织)."""
    return term in text or (lang == "zh" and short_form_span(term, text) is not None)


@sentence_detector("names")
def names_on_one_side(sp, ctx: Context) -> list[Finding]:
    """Countries named in one version of a sentence link and nowhere in the other's link or its neighbours.

    A major where the other version names a country (another one: a name may have been replaced),
    or where the words around the name are missing too (解决阿富汗问题: a phrase about the country
    added); a minor where the name alone is, in a sentence the other version names no country in
    (日本福岛 for «Фукусима»: a translator's explicitation, as often as not); for information where
    the Russian says «страна», «режим» or «правительство» (叙利亚政权 for «режим»), unless a name
    the Chinese lacks stands there instead."""
    missing, named = {}, {}
    for lang in ("ru", "zh"):
        mentions = names.mentioned(sp.side(lang).text, lang)
        named[lang] = bool(mentions)
        other = _other(lang)
        around = sp.side(other).text + " " + sp.neighbours.get(other, "")
        missing[lang] = [(code, name, start, end) for code, (name, start, end) in mentions.items()
                         if names.absent(code, around, other)]
        if lang == "ru" and len(missing[lang]) == 1 and names.that_country(sp.zh.text):
            missing[lang] = []  # 该国: "the country" it has just named
        if lang == "zh":
            missing[lang] = [m for m in missing[lang] if not names.inside_body_name(sp.zh.text, m[3], sp.ru.text)]
    out = []
    for lang in ("ru", "zh"):
        other = _other(lang)
        for code, name, start, end in missing[lang]:
            said = lang == "zh" and names.refers_to_a_country(sp.ru.text)  # «режим»: 叙利亚政权
            alone = said or _alone(sp, lang, start, end) is not False or _subject(sp, lang, end)
            if missing[other] or not alone or named[other] and not said:
                severity = "major"  # a name replaced, a phrase about the country, or one more country named
            else:
                severity = "info" if said else "minor"  # the translator named what the other version says
            message = f"The {_language(lang)} text names {name}, which the {_language(other)} text does not mention."
            out.append(finding_at("names", sp, lang, start, end, severity, 0.9, 0.9, message))
    return out


# What follows a subject in Chinese before its verb: 日本将建议, 波兰愿意
SUBJECT_MARKERS = {"将", "已", "已经", "也", "还", "仍", "正", "正在", "一直", "曾", "愿", "愿意", "始终"}


def _subject(sp, lang: str, end: int) -> bool:
    """Whether a Chinese name is the subject of the verb after it (智利实施了…): a translator names the
    country a Russian passive or pronoun leaves implied, where 解决阿富汗问题 adds a phrase."""
    if lang != "zh" or sp.words is None:
        return False
    after = next((w for w in sp.tokens("zh") if w.start >= end), None)
    return after is not None and (after.pos in ("VERB", "AUX") or after.text in SUBJECT_MARKERS)


def _alone(sp, lang: str, start: int, end: int, near: int = 1, sure: float = 0.8) -> bool | None:
    """Whether a name is the only thing missing around it: the content words next to it (`near`
    on each side) surely have partners. None when the sentence link is not word-aligned."""
    if sp.words is None:
        return None
    words, best = sp.tokens(lang), sp.words.best(lang)
    inside = [k for k, w in enumerate(words) if w.start < end and w.end > start]
    if not inside:
        return None
    before = [k for k in range(inside[0] - 1, -1, -1) if words[k].content][:near]
    after = [k for k in range(inside[-1] + 1, len(words)) if words[k].content][:near]
    return all(best[k] >= sure for k in before + after)


# ---------------------------------------------------------------- sentences linked to nothing

@pair_detector("content")
def unlinked_sentences(pair: UnitPair, ctx: Context) -> list[Finding]:
    """A sentence of a linked unit that the aligner linked to nothing in the other version."""
    out = []
    for link in pair.sentences:
        if link.ru and link.zh:
            continue
        lang = "ru" if link.ru else "zh"
        text = JOINERS[lang].join(ctx.sentence_text[i] for i in link.ru + link.zh)
        if len(text) < (40 if lang == "ru" else 12):
            continue
        evidence = missing_names(text, lang, pair.text(_other(lang)), ctx)
        spans = {"ru_span": text} if lang == "ru" else {"zh_span": text}
        out.append(Finding("content", *pair.ids, lang, "major" if evidence else "minor", 0.8 if evidence else 0.5,
                           f"A {_language(lang)} sentence of this unit has no counterpart in the "
                           f"{_language(_other(lang))} text.", sentences=link.ru + link.zh,
                           confidence=0.8 if evidence else 0.5, **spans))
    return out


# ---------------------------------------------------------------- numbers

RU_NUMBER_WORD = re.compile(r"\b(?:одн|дв[ауе]|тр[еиё]|четыр|пят|шест|сем|восьм|девят|десят|одиннадцат|двенадцат|"
                            r"\w+надцат|двадцат|тридцат|сорок|пятьдесят|шестьдесят|семьдесят|восемьдесят|девяност|сто|"
                            r"пятидесят|шестидесят|семидесят|восьмидесят)",  # «семидесятой сессии»
                            re.IGNORECASE)
RU_HUNDREDS = re.compile(r"\b(?:сто|двести|триста|четыреста|пятьсот|шестьсот|семьсот|восемьсот|девятьсот"
                         r"|сот(?:ый|ая|ое|ой|ого|ому|ом|ую|ые|ых)"
                         r"|(?:двух|трех|трёх|четырех|пяти|шести|семи|восьми|девяти)сот\w*)\b", re.IGNORECASE)


def _in_words(value: int, ru_text: str) -> bool:
    """Whether the Russian text may write this number in words: it has a number word of its size."""
    if value < 100:
        return RU_NUMBER_WORD.search(ru_text) is not None
    return value < 1000 and RU_HUNDREDS.search(ru_text) is not None


RU_HALF = re.compile(r"\bс\s+половиной\b|\bполтор|\bполутор", re.IGNORECASE)  # «двух с половиной лет» = 2.5年


def _half_in_words(value: str, ru_text: str) -> bool:
    """Whether a number and a half (2.5, 1.5) may be written in words in the Russian text."""
    return re.fullmatch(r"\d{1,2}\.5", value) is not None and RU_HALF.search(ru_text) is not None


def _small(value: str) -> bool:
    return value.isdigit() and int(value) < 10


@sentence_detector("numbers")
def numbers_and_dates(sp, ctx: Context) -> list[Finding]:
    """Numbers and dates, normalized, that one version of a sentence link has and the other lacks.

    Whole numbers below ten are left out: Russian writes them as words («две должности») where
    Chinese writes digits (2个职位). A number the other side has in another value is a changed
    number (major); one it lacks altogether may be written in words or left out (minor); a year
    the other side gives otherwise («в рассматриваемом году», the month alone) is for information."""
    where = {lang: written(sp.side(lang).text, lang) for lang in ("ru", "zh")}
    found = {lang: Counter(value for value, _, _ in where[lang]) for lang in ("ru", "zh")}
    pair = sp.pair
    around = {lang: numbers(" ".join([sp.side(lang).text, sp.neighbours.get(lang, "")] +
                                     [u.text for u in pair.unlinked_neighbours if u.lang == lang]), lang)
              for lang in ("ru", "zh")}
    labels = {u.label for u in pair.ru + pair.zh if u.label}
    out = []
    for lang in ("ru", "zh"):
        other = _other(lang)
        for value in found[lang]:
            if value in labels or matches(value, around[other]) or _small(value):
                continue
            if lang == "zh" and (value.isdigit() and _in_words(int(value), sp.ru.text) or _half_in_words(value, sp.ru.text)):
                continue  # the Russian text may write it in words («шестьдесят девятая сессия», «двух с половиной лет»)
            differs = [v for v in (found[other] - found[lang]) if (v[:2] == value[:2] or len(v) == len(value))
                       and not components(Counter([v])) <= components(Counter([value]))]  # «в апреле»: 4月27日 is more precise
            start, end = next((a, b) for v, a, b in where[lang] if v == value)
            hint = f" (the {_language(other)} text has {', '.join(differs)})" if differs else ""
            message = f"The {_language(lang)} text has the number or date {value}, the {_language(other)} text does not{hint}."
            dated = None if differs else year_said_otherwise(value, sp.side(other).text, other)
            if differs:
                out.append(finding_at("numbers", sp, lang, start, end, "major", 0.85, 0.85, message, side="both"))
            elif dated:  # the year written out where the other version says «в предыдущем году»: explicitation
                message = f"The {_language(lang)} text gives the year {value} where the {_language(other)} text says «{dated}»."
                out.append(finding_at("numbers", sp, lang, start, end, "info", 0.3, 0.3, message))
            else:
                out.append(finding_at("numbers", sp, lang, start, end, "minor", 0.5, 0.5, message))
    return out


# ---------------------------------------------------------------- typography

BRACKETS = (("«", "»"), ("《", "》"), ("(", ")"), ("（", "）"))
# The marks that do the same job in the other language: a title or quotation, a parenthesis.
COUNTERPARTS = {"«": ("《", "“", '"'), "《": ("«", '"'), "(": ("(", "（"), "（": ("(", "（")}


@pair_detector("typography")
def unbalanced_marks(pair: UnitPair, ctx: Context) -> list[Finding]:
    """Quotation marks and brackets that do not balance: minor where the other version has the
    same kind of marks and balances them (a mark lost on one side), for information otherwise
    (the text was cut so, as a sentence out of a paragraph is)."""
    out = []
    for lang, units in (("ru", pair.ru), ("zh", pair.zh)):
        other = _marks(pair.text(_other(lang)))
        for unit in units:
            text = _marks(unit.text)
            for opening, closing in BRACKETS:
                if text.count(opening) == text.count(closing):
                    continue
                balanced_there = any(other.count(o) and other.count(o) == other.count(c)
                                     for o, c in BRACKETS if o in COUNTERPARTS[opening]) or \
                    ('"' in COUNTERPARTS[opening] and other.count('"') and other.count('"') % 2 == 0)
                out.append(Finding("typography", *pair.ids, lang, "minor" if balanced_there else "info", 0.4,
                                   f"{unit.id}: {opening} and {closing} do not balance "
                                   f"({text.count(opening)} opening, {text.count(closing)} closing).",
                                   confidence=0.9, **{f"{lang}_span": _around(unit.text, opening, closing)}))
    return out


# «a)», «iii)», «1)», 1） opening a list item: at the start, or after «:» or «;» (not «(2012 год)»)
LIST_MARKER = re.compile(r"(?:^|(?<=[;；:：]))\s*\(?(?:[a-zа-яё]|[ivxIVX]{1,4}|\d{1,2})[)）]")


# a letter, a Roman numeral or a number before a closing bracket: «и c)», «пункта 2 c)» once nothing is open
LONE_MARKER = re.compile(r"(?:^|(?<=[\s;:,；：，]))(?:[a-zа-яё]|[ivxIVX]{1,4}|\d{1,2})$")


def _marks(text: str) -> str:
    """The text without list markers, whose lone closing bracket is no unbalanced mark: at the
    start or after «:» or «;», or anywhere a closing bracket closes nothing («; и c)»)."""
    text = LIST_MARKER.sub(" ", text)
    out, depth = [], 0
    for k, ch in enumerate(text):
        if ch in "(（":
            depth += 1
        elif ch in ")）":
            if depth == 0 and LONE_MARKER.search(text[max(0, k - 6) : k]):
                ch = " "
            else:
                depth = max(0, depth - 1)
        out.append(ch)
    return "".join(out)


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
