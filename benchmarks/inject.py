"""A seeded, labelled divergence benchmark: known translation errors injected into real UN pairs.

`inject(pairs, seed)` returns a copy of the RU–ZH sentence pairs in which `per_kind` pairs per kind
of error were changed (each pair at most once, half of them on the Russian side and half on the
Chinese side as far as the candidates allow), and the list of `Change`s made. The changes are meant
to read like real translation errors and stay grammatical in the edited language:

- country: a country named on both sides is replaced on one side by another country (Russian: in
  the case of the name it replaces, and of the same gender and number, so that the sentence agrees);
- number: a number (two digits or more) present on both sides is changed on one side;
- clause_deleted / clause_added: the last clause of one side removed, or a clause of another
  sentence appended (clauses that open with a connective, so that the rest still reads);
- negation: «не» / 不 inserted before a verb or an existing negation removed, or the modality
  swapped («должны» <-> «могут», 应当 <-> 可以);
- organisation_dropped / list_item_dropped: one member of an enumeration removed, the «и» / 和
  before the last member fixed;
- modifier_dropped: an adjective or an attributive word before a noun removed;
- sentence_replaced: one side replaced by another sentence of similar length.

`Change.side` is the version that now HAS the extra or faulty content: the edited one for a value
replaced on one side (country, number, negation, clause_added, sentence_replaced), the other one
for the kinds that drop words (which that other version still has). Spans are the words concerned:
for the edited version of a dropping kind they are the words removed (a substring of the original
text); every other span is a substring of the changed pair's text.

Run `python benchmarks/inject.py` to see counts and examples for seed 7 on the test set and seed 11
on the dev set.
"""
from __future__ import annotations

import functools
import random
import re
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

from ruzh.corpus import analyze  # noqa: E402
from ruzh.corpus.nlp import Token, morph_analyzer  # noqa: E402

KINDS = ("country", "number", "clause_deleted", "clause_added", "negation", "organisation_dropped",
         "list_item_dropped", "modifier_dropped", "sentence_replaced")
DROPPING = {"clause_deleted", "organisation_dropped", "list_item_dropped", "modifier_dropped"}
OTHER = {"ru": "zh", "zh": "ru"}
RANDOM_KINDS = ("clause_added", "sentence_replaced")  # made with the generator, from any pair


@dataclass
class Change:
    index: int  # the pair changed
    kind: str  # one of KINDS
    side: str  # the version that now HAS the extra or faulty content: "ru" | "zh"
    ru_span: str  # the words concerned in the Russian text ("" if none there)
    zh_span: str  # likewise Chinese

    @property
    def edited(self) -> str:
        """The version whose text was changed."""
        return OTHER[self.side] if self.kind in DROPPING else self.side


@dataclass
class _Edit:
    text: str  # the edited version's new text
    ru_span: str
    zh_span: str


# ================================================================ the public entry point

def inject(pairs: list[tuple[str, str]], seed: int, per_kind: int = 30) -> tuple[list[tuple[str, str]], list[Change]]:
    """A copy of pairs with per_kind changes of every kind, and the changes (sorted by pair)."""
    rng = random.Random(seed)
    ctx = _Context(pairs)
    eligible: dict[str, dict[str, list[int]]] = {}
    for kind in KINDS:
        if kind in RANDOM_KINDS:
            continue
        eligible[kind] = {lang: [k for k in range(len(pairs)) if ctx.options(kind, k, lang)] for lang in ("ru", "zh")}
    # the scarcest kinds choose first, so that the common ones do not use up their few pairs
    order = sorted(eligible, key=lambda kind: sum(map(len, eligible[kind].values()))) + list(RANDOM_KINDS)
    used: set[int] = set()
    changed = list(pairs)
    changes: list[Change] = []
    for kind in order:
        ru_target = per_kind // 2 + (per_kind % 2 if rng.random() < 0.5 else 0)
        targets = {"ru": ru_target, "zh": per_kind - ru_target}
        pools = {}
        for lang in ("ru", "zh"):
            pool = eligible[kind][lang] if kind in eligible else list(range(len(pairs)))
            pools[lang] = [k for k in pool if k not in used]
            rng.shuffle(pools[lang])

        def take(lang: str, n: int) -> int:
            taken = 0
            while taken < n and pools[lang]:
                k = pools[lang].pop()
                if k in used:
                    continue
                options = ctx.options(kind, k, lang, rng)
                if not options:
                    continue
                edit = rng.choice(options)
                ru, zh = changed[k]
                changed[k] = (edit.text, zh) if lang == "ru" else (ru, edit.text)
                side = OTHER[lang] if kind in DROPPING else lang
                changes.append(Change(k, kind, side, edit.ru_span, edit.zh_span))
                used.add(k)
                taken += 1
            return taken

        short = per_kind - take("ru", targets["ru"]) - take("zh", targets["zh"])
        for lang in ("ru", "zh"):  # what one side lacked, the other makes up
            short -= take(lang, short)
    changes.sort(key=lambda c: c.index)
    return changed, changes


class _Context:
    """The pairs, their analyses (made once, in batches), and the options for each kind of change."""

    def __init__(self, pairs: list[tuple[str, str]]):
        self.texts = {"ru": [ru for ru, _ in pairs], "zh": [zh for _, zh in pairs]}
        self.tokens = {lang: analyze(self.texts[lang], lang) for lang in ("ru", "zh")}
        self.countries = {lang: [_countries_in(text, lang, self.edges(k) if lang == "zh" else None)
                                 for k, text in enumerate(self.texts[lang])] for lang in ("ru", "zh")}
        self.pool = sorted({m.code for lang in ("ru", "zh") for found in self.countries[lang] for m in found})
        self._cache: dict[tuple[str, int, str], list[_Edit]] = {}

    def edges(self, k: int) -> frozenset[int]:
        tokens = self.tokens["zh"][k]
        return frozenset({t.start for t in tokens} | {t.start + len(t.text) for t in tokens})

    def options(self, kind: str, k: int, lang: str, rng: random.Random | None = None) -> list[_Edit]:
        if kind in RANDOM_KINDS:
            return MAKERS[kind](self, k, lang, rng) if rng is not None else []
        key = (kind, k, lang)
        if key not in self._cache:
            self._cache[key] = MAKERS[kind](self, k, lang)
        return self._cache[key]


def _edit(lang: str, text: str, edited_span: str, other_span: str) -> _Edit:
    """An edit of the `lang` version: its new text, the words concerned there and in the other."""
    return _Edit(text, edited_span, other_span) if lang == "ru" else _Edit(text, other_span, edited_span)


def _splice(text: str, start: int, end: int, new: str) -> str:
    return text[:start] + new + text[end:]


def _counterpart(words: str, lang: str, other: str, other_lang: str) -> str:
    """The words in the other version that translate `words` (all of them), where we can tell: a
    number, a country or a well-known organisation; "" otherwise."""
    words = re.sub(r"\s*[(（][^()（）]*[)）]$", "", words.strip())
    if re.fullmatch(r"[\d\s\u00a0,.]+", words):
        return _find_number(other, other_lang, _value(words)) if re.search(r"\d", words) else ""
    mentions = _countries_in(words, lang)
    if len(mentions) == 1 and mentions[0].text == words:
        return next((m.text for m in _countries_in(other, other_lang) if m.code == mentions[0].code), "")
    for ru_re, zh_names in _organisations():
        if lang == "ru" and ru_re.fullmatch(words):
            return next((name for name in zh_names if name in other), "")
        if lang == "zh" and words in zh_names:
            m = ru_re.search(other)
            return m.group(0) if m else ""
    return ""


@functools.lru_cache(maxsize=1)
def _organisations() -> list[tuple[re.Pattern, list[str]]]:
    return [(re.compile(rf"(?<![\w-])(?:{ru})(?![\w-])"), zh) for ru, zh in ORGANISATIONS]


# ================================================================ country

# Groupings, dependent or uninhabited territories, names in dispute: not among the countries swapped.
NOT_COUNTRIES = {"UN", "EU", "EZ", "QO", "XA", "XB", "ZZ", "AQ", "AC", "CP", "DG", "EA", "IC", "TA", "UM", "HK", "MO",
                 "PS", "XK", "TW", "CD", "CG", "AS", "AI", "AW", "AX", "BL", "BM", "BQ", "BV", "CC", "CK", "CW", "CX",
                 "FK", "FO", "GF", "GG", "GI", "GL", "GP", "GS", "GU", "HM", "IM", "IO", "JE", "KY", "MF", "MP", "MQ",
                 "MS", "NC", "NF", "NU", "PF", "PM", "PN", "PR", "RE", "SH", "SJ", "SX", "TC", "TF", "TK", "VG", "VI",
                 "WF", "YT", "EH", "VA", "CQ"}
# The long forms UN texts use, and names CLDR gives in a form texts do not (Russian, Chinese).
COUNTRY_ALIASES = {
    "RU": (["Российская Федерация"], ["俄罗斯联邦"]),
    "US": (["Соединенные Штаты Америки"], ["美利坚合众国"]),
    "GB": (["Соединенное Королевство Великобритании и Северной Ирландии", "Соединенное Королевство"],
           ["大不列颠及北爱尔兰联合王国", "联合王国"]),
    "SY": (["Сирийская Арабская Республика"], ["阿拉伯叙利亚共和国"]),
    "IR": (["Исламская Республика Иран"], ["伊朗伊斯兰共和国"]),
    "KP": (["Корейская Народно-Демократическая Республика"], ["朝鲜民主主义人民共和国"]),
    "KR": ([], ["大韩民国"]),
    "CD": (["Демократическая Республика Конго"], ["刚果民主共和国"]),
    "TZ": (["Объединенная Республика Танзания"], ["坦桑尼亚联合共和国"]),
    "VE": (["Боливарианская Республика Венесуэла"], ["委内瑞拉玻利瓦尔共和国"]),
    "BO": (["Многонациональное Государство Боливия"], ["多民族玻利维亚国"]),
    "MD": (["Республика Молдова"], ["摩尔多瓦共和国"]),
    "KG": (["Кыргызстан"], []),
    "LA": (["Лаосская Народно-Демократическая Республика"], ["老挝人民民主共和国"]),
    "CZ": (["Чешская Республика"], ["捷克共和国"]),
    "MM": (["Мьянма"], []),
    "TL": (["Тимор-Лешти"], []),
    "AE": (["Объединенные Арабские Эмираты"], []),
    "CI": (["Кот-д'Ивуар"], []),
    "ZA": (["Южная Африка"], []),
    "BN": (["Бруней-Даруссалам"], ["文莱达鲁萨兰国"]),
    "PS": (["Государство Палестина"], ["巴勒斯坦国"]),
}
CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")


@dataclass(frozen=True)
class _RuName:
    code: str
    name: str
    forms: tuple[str, ...]  # in CASES order
    gender: str  # of the head noun: masc / femn / neut, or plur


@dataclass(frozen=True)
class _Mention:
    code: str
    name: str  # the dictionary name
    text: str  # as written
    start: int
    end: int
    cases: frozenset[str] = frozenset()  # Russian: the cases the written form can be in


@functools.lru_cache(maxsize=1)
def _country_names() -> dict[str, tuple[list[str], list[str]]]:
    from babel import Locale

    ru, zh = Locale("ru").territories, Locale("zh").territories
    out = {}
    for code in ru:
        if not (code.isalpha() and len(code) == 2 and code in zh) or code in NOT_COUNTRIES and code not in COUNTRY_ALIASES:
            continue
        extra = COUNTRY_ALIASES.get(code, ([], []))
        names_ru = [n for n in [ru[code], *extra[0]] if not re.search(r"о-ва?\b|[(),]| - ", n)]
        names_zh = [n for n in [zh[code], *extra[1]] if not re.search(r"[（）(),]", n)]
        if code in NOT_COUNTRIES:  # an alias only (the long form of a country CLDR names oddly)
            names_ru, names_zh = extra[0], extra[1]
        if names_ru and names_zh:
            out[code] = (list(dict.fromkeys(names_ru)), list(dict.fromkeys(names_zh)))
    return out


def _restore_case(new: str, old: str) -> str:
    """pymorphy3 gives lower case: «гвинея-бисау» -> «Гвинея-Бисау», after the original's parts."""
    out = []
    for a, b in zip(new.split("-"), old.split("-")):
        out.append(a[:1].upper() + a[1:] if b[:1].isupper() else a)
    return "-".join(out) if len(new.split("-")) == len(old.split("-")) else new


def _nominative(word: str):
    """The nominative reading of a name word (noun, adjective or participle), a place first."""
    parses = [p for p in morph_analyzer().parse(word)
              if p.tag.case == "nomn" and p.tag.POS in ("NOUN", "ADJF", "PRTF")]
    places = [p for p in parses if "Geox" in p.tag]
    return (places or parses or [None])[0]


@functools.lru_cache(maxsize=None)
def _ru_name(code: str, name: str) -> _RuName | None:
    """The six case forms of a Russian country name, and the gender of its head: the words before the
    head noun agree with it, what follows it («Республика Корея», «... Штаты Америки») stays."""
    parts = re.split(r"( и | — )", name)
    forms = {case: [] for case in CASES}
    gender = None
    for part in parts:
        if part in (" и ", " — "):
            for case in CASES:
                forms[case].append(part)
            continue
        words = part.split()
        head = None
        for i, w in enumerate(words):
            p = _nominative(w)
            if p is not None and p.tag.POS == "NOUN":
                head = i
                break
        if head is None:
            for case in CASES:
                forms[case].append(part)
            continue
        head_parse = _nominative(words[head])
        number = str(head_parse.tag.number or "sing")
        if gender is None:
            gender = "plur" if number == "plur" else str(head_parse.tag.gender or "neut")
        for case in CASES:
            out = []
            for i, w in enumerate(words):
                p = _nominative(w)
                if i > head or p is None or "Fixd" in p.tag:
                    out.append(w)
                    continue
                grammemes = {case, number}
                if i < head and number == "sing" and head_parse.tag.gender:
                    grammemes.add(str(head_parse.tag.gender))
                if i < head and case == "accs":
                    grammemes.add("inan")
                f = p.inflect(grammemes)
                if f is None:
                    return None
                out.append(_restore_case(f.word, w))
            forms[case].append(" ".join(out))
    if gender is None:
        return None
    return _RuName(code, name, tuple("".join(forms[c]) for c in CASES), gender)


@functools.lru_cache(maxsize=2)
def _country_pattern(lang: str) -> tuple[re.Pattern, dict[str, list[tuple[str, str, frozenset[str]]]]]:
    """One alternation of every written form of every country name, longest first; form ->
    [(code, dictionary name, the cases it can be in)]."""
    table: dict[str, list[tuple[str, str, frozenset[str]]]] = {}
    for code, (ru, zh) in _country_names().items():
        if lang == "ru":
            for name in ru:
                info = _ru_name(code, name)
                if info is None:
                    continue
                for form in set(info.forms):
                    cases = frozenset(c for c, f in zip(CASES, info.forms) if f == form)
                    table.setdefault(form, []).append((code, name, cases))
        else:
            for name in zh:
                table.setdefault(name, []).append((code, name, frozenset()))
    forms = sorted(table, key=lambda f: (-len(f), f))
    if lang == "ru":
        pattern = re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, forms)) + r")(?![\w-])")
    else:
        pattern = re.compile("|".join(map(re.escape, forms)))
    return pattern, table


ZH_NAME_BEFORE = ("阿拉伯", "伊斯兰", "多民族", "玻利瓦尔", "前南斯拉夫", "民主", "联合")
ZH_NAME_AFTER = ("共和国", "王国", "联邦", "伊斯兰", "人民", "民主", "合众国", "玻利瓦尔", "联合", "国", "岛", "群岛", "人")


def _countries_in(text: str, lang: str, edges: frozenset[int] | None = None) -> list[_Mention]:
    """The countries a text names: strict, so that a name inside a longer name (a «Республики Иран»
    CLDR does not list, 发展中国家) does not count."""
    pattern, table = _country_pattern(lang)
    out = []
    for m in pattern.finditer(text):
        form = m.group(0)
        if lang == "ru":
            before = text[: m.start()].rstrip()
            prev = re.search(r"([\w-]+)$", before)
            if prev and prev.group(1)[:1].isupper() and before[: prev.start()].strip():
                continue  # part of a longer name: «Республики Корея» is KR, «Республики Молдова» too
            if re.match(r"\s+[А-ЯЁ]\w", text[m.end():]) and not re.match(r"\s+(?:ООН|ЕС)\b", text[m.end():]):
                continue
        else:
            if edges is not None and not (m.start() in edges and m.end() in edges):
                continue
            if text[: m.start()].endswith(ZH_NAME_BEFORE) or text[m.end():].startswith(ZH_NAME_AFTER):
                continue
        code, name, cases = table[form][0]
        out.append(_Mention(code, name, form, m.start(), m.end(), cases))
    return out


def _mentioned_codes(text: str, lang: str) -> set[str]:
    """Loosely: every country whose name appears anywhere in the text (to choose one that does not)."""
    pattern, table = _country_pattern(lang)
    return {code for m in pattern.finditer(text) for code, _, _ in table[m.group(0)]}


def _country(ctx: _Context, k: int, lang: str) -> list[_Edit]:
    mine, theirs = ctx.countries[lang][k], ctx.countries[OTHER[lang]][k]
    shared = {m.code for m in mine} & {m.code for m in theirs}
    if not shared:
        return []
    text, other = ctx.texts[lang][k], ctx.texts[OTHER[lang]][k]
    named = _mentioned_codes(text, lang) | _mentioned_codes(other, OTHER[lang])
    absent = [c for c in ctx.pool if c not in named]
    options = []
    for m in mine:
        if m.code not in shared or sum(n.code == m.code for n in mine) > 1:
            continue  # named once on this side, so that replacing it leaves no trace of it
        counterpart = next(t.text for t in theirs if t.code == m.code)
        long_form = m.name != _country_names()[m.code][0 if lang == "ru" else 1][0]
        for code in absent:
            new = _replacement(m, code, lang, long_form)
            if new is not None:
                options.append(_edit(lang, _splice(text, m.start, m.end, new), new, counterpart))
    return options


def _replacement(m: _Mention, code: str, lang: str, long_form: bool) -> str | None:
    """The new country's name, written to fit where the old one was (None if none fits)."""
    names = _country_names()[code][0 if lang == "ru" else 1]
    names = sorted(names, key=lambda n: (names.index(n) == 0) == long_form)  # the same style first
    if lang == "zh":
        return names[0]
    old = _ru_name(m.code, m.name)
    for name in names:
        new = _ru_name(code, name)
        if new is None or new.gender != old.gender:
            continue
        written = {new.forms[CASES.index(c)] for c in m.cases}
        if len(written) == 1:  # the same in every case the old form could be in
            return written.pop()
    return None


# ================================================================ number

RU_NUMBER = re.compile(r"(?<![\w.,/\u00a0-])(?:\d{1,3}(?:[\u00a0 ]\d{3})+|\d+)(?![\w/]|[.,]\d|[\u00a0 ]\d{3}(?!\d))")
ZH_NUMBER = re.compile(r"(?<![\dA-Za-z.,/-])(?:\d{1,3}(?:,\d{3})+|\d+)(?![\dA-Za-z/]|[.,]\d)")


def _numbers(text: str, lang: str) -> list[re.Match]:
    return list((RU_NUMBER if lang == "ru" else ZH_NUMBER).finditer(text))


def _value(s: str) -> int:
    return int(re.sub(r"\D", "", s))


def _number_values(text: str, lang: str) -> list[int]:
    return [_value(m.group(0)) for m in _numbers(text, lang)]


def _find_number(text: str, lang: str, value: int) -> str:
    return next((m.group(0) for m in _numbers(text, lang) if _value(m.group(0)) == value), "")


def _plural_class(n: int) -> int:
    """Russian nouns agree with the number's last digits: 1 / 2–4 / the rest."""
    if n % 10 == 1 and n % 100 != 11:
        return 1
    return 2 if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14 else 5


def _number(ctx: _Context, k: int, lang: str) -> list[_Edit]:
    text, other = ctx.texts[lang][k], ctx.texts[OTHER[lang]][k]
    theirs = set(_number_values(other, OTHER[lang]))
    options = []
    for m in _numbers(text, lang):
        written = m.group(0)
        value = _value(written)
        if value < 10 or value not in theirs or not text[: m.start()].strip(" (") and re.match(r"[.)]", text[m.end():]):
            continue  # a paragraph's number is no translation
        if re.match(r"\s?[-–−—]\s?\d", text[m.end():]) or re.search(r"\d\s?[-–−—]\s?$", text[: m.start()]):
            continue  # one end of a range (2014-2015): changed, it could run backwards
        day = bool(re.match(r"\s*(?:январ|феврал|март|апрел|ма[яй]|июн|июл|август|сентябр|октябр|ноябр|декабр|日|号)",
                            text[m.end():])) or text[: m.start()].endswith("月")
        for new_value in _new_numbers(value, written):
            if day and not 1 <= new_value <= 28:
                continue
            if new_value in theirs or (lang == "ru" and _plural_class(new_value) != _plural_class(value)):
                continue
            new = _write_like(new_value, written)
            options.append(_edit(lang, _splice(text, m.start(), m.end(), new), new,
                                 _find_number(other, OTHER[lang], value)))
    return options


def _new_numbers(value: int, written: str) -> list[int]:
    """Likely slips: a year off by one to three; another digit in one place."""
    if re.fullmatch(r"(19|20)\d\d", written):
        return [value + d for d in (-3, -2, -1, 1, 2, 3)]
    digits = str(value)
    out = []
    for i, d in enumerate(digits):
        for new in "0123456789":
            if new != d and not (i == 0 and new == "0"):
                out.append(int(digits[:i] + new + digits[i + 1:]))
    return out


def _write_like(value: int, written: str) -> str:
    """The value with the original's digit grouping (the same number of digits: same places)."""
    digits = iter(str(value))
    if len(str(value)) != len(re.sub(r"\D", "", written)):
        return str(value)
    return "".join(next(digits) if ch.isdigit() else ch for ch in written)


# ================================================================ clauses

RU_CONNECTIVES = re.compile(
    r"(?:а также|в том числе|включая|в частности|особенно|и|а|но|однако|при этом|причем|причём|тогда как|"
    r"с тем чтобы|чтобы|поскольку|так как|в целях|с целью|где|когда|котор\w+|в котор\w+|на котор\w+|"
    r"для котор\w+|с котор\w+|по котор\w+|из котор\w+|к котор\w+|а именно|в результате чего|что позволит)\s", re.I)
ZH_CONNECTIVES = ("并", "以便", "以", "从而", "同时", "包括", "其中", "特别是", "尤其是", "而", "但", "但是", "此外",
                  "并且", "以及", "且", "还", "因此", "以期", "以确保", "为此", "进而", "这", "这些")
RU_END = ".!?"
ZH_END = "。！？"


def _clauses(text: str, lang: str) -> list[tuple[int, int]]:
    """(start, end) of the clauses: the text between , ; (， ； 、), spaces and final stop left out."""
    sep = re.compile(r"[,;]\s+" if lang == "ru" else r"[，；、]")
    out, start = [], 0
    for m in sep.finditer(text):
        out.append((start, m.start()))
        start = m.end()
    end = len(text.rstrip())
    while end > start and text[end - 1] in (RU_END if lang == "ru" else ZH_END) + ",;:，；：":
        end -= 1
    out.append((start, end))
    return [(s, e) for s, e in out if e > s]


def _long_enough(clause: str, lang: str) -> bool:
    if lang == "ru":
        return len(re.findall(r"\w+", clause)) >= 5
    return len(re.findall(r"[\u4e00-\u9fff]", clause)) >= 8


def _self_contained(clause: str, lang: str, tokens: list[Token] | None = None, start: int = 0) -> bool:
    """A clause that can go without the rest limping: it opens with a connective (or, in Russian, a
    gerund or participle), and has no bracket or quote open in it."""
    if _unbalanced(clause):
        return False
    if lang == "ru":
        if RU_CONNECTIVES.match(clause):
            return True
        first = next((t for t in tokens or [] if t.start == start), None)
        if first is None:
            return False
        if first.tag.startswith("PRTF"):  # «барьеры, препятствующие ...»: after the noun it goes with
            before = [t for t in tokens if t.start < start and t.pos != "PUNCT"]
            return bool(before) and before[-1].tag.startswith("NOUN") \
                and _agreement(before[-1].tag)[1] == _agreement(first.tag)[1]
        return first.tag.startswith("GRND")
    return clause.startswith(ZH_CONNECTIVES)


def _unbalanced(s: str) -> bool:
    return any(s.count(a) != s.count(b) for a, b in ("()", "（）", "«»", "《》", "“”", "[]")) or s.count('"') % 2 \
        or s.count("<<") != s.count(">>")


def _clause_deleted(ctx: _Context, k: int, lang: str) -> list[_Edit]:
    text = ctx.texts[lang][k]
    end_marks = RU_END if lang == "ru" else ZH_END
    if not text.rstrip() or text.rstrip()[-1] not in end_marks:
        return []
    clauses = _clauses(text, lang)
    if len(clauses) < 2:
        return []
    s, e = clauses[-1]
    clause = text[s:e]
    kept = text[: clauses[-2][1]]
    if not _long_enough(clause, lang) or not _self_contained(clause, lang, ctx.tokens[lang][k], s) \
            or not _long_enough(kept, lang) or _unbalanced(kept):
        return []
    if lang == "ru" and (re.search(r"(?<!\w)(?:то|того|тому|тем|том)$", kept)
                         or re.match(r"(?:но|однако|а|то)\s", clause) and re.search(r"(?<!\w)(?:хотя|несмотря|если)(?!\w)", kept, re.I)):
        return []  # «в целях гарантирования того, чтобы ...», «Хотя ..., но ...»: the rest needs it
    if lang == "zh" and clause.startswith(("但", "而", "却", "也", "则", "就", "才")) and re.search(r"尽管|虽然|虽|即使|如果|若|只有|只要", kept):
        return []
    if lang == "zh" and clause.startswith(("而且", "并且", "也", "还", "更")) and re.search(r"不仅|不但|不只|不光", kept) \
            or lang == "ru" and re.match(r"(?:но|а|так)\s+и\s", clause):
        return []  # 不仅……而且……, «не только ..., но и ...», «как ..., так и ...»: the first half needs the second
    shorter = kept + text[e:]
    other = ctx.texts[OTHER[lang]][k]
    return [_edit(lang, shorter, clause, "")] if other else []


def _donor_clauses(ctx: _Context, lang: str) -> list[str]:
    """Clauses other sentences end with, that could end any sentence (opening with a connective)."""
    key = ("donors", lang)
    if key not in ctx._cache:
        out = []
        for k, text in enumerate(ctx.texts[lang]):
            clauses = _clauses(text, lang)
            if len(clauses) < 2:
                continue
            s, e = clauses[-1]
            clause = text[s:e]
            if _long_enough(clause, lang) and _addable(clause, lang, _ru_tokens_in(ctx.tokens[lang][k], s, e)) \
                    and len(clause) <= (200 if lang == "ru" else 60):
                out.append(clause)
        ctx._cache[key] = sorted(set(out))
    return ctx._cache[key]


RU_ADDABLE = re.compile(r"(?:при этом|причем|причём|однако|но|тогда как|поскольку|так как|хотя|если|и|а|"
                        r"с тем чтобы|чтобы|для того чтобы|в результате чего|что позволит)\s", re.I)


def _addable(clause: str, lang: str, tokens: list[Token]) -> bool:
    """A clause that can end another sentence: one that opens with a connective and has its own
    verb (a relative clause or a participle would have to agree with what it follows)."""
    if _unbalanced(clause):
        return False
    if lang == "zh":
        return clause.startswith(ZH_CONNECTIVES) and not clause.startswith(("这", "这些", "其中", "包括", "还"))
    m = RU_ADDABLE.match(clause)
    if not m:
        return False
    finite = any(t.tag.split(",")[0] in ("VERB", "PRTS") for t in tokens)
    infinitive = any(t.tag.startswith("INFN") for t in tokens)
    return finite or ("чтобы" in m.group(0).lower() and infinitive)


def _sentence(text: str, lang: str) -> bool:
    """A whole sentence (not a heading or a fragment): capital or digit first, a full stop last."""
    text = text.strip()
    if not text or text[-1] not in (RU_END if lang == "ru" else ZH_END) or _unbalanced(text):
        return False
    if lang == "ru" and not (text[0].isupper() or text[0].isdigit()):
        return False
    if lang == "ru":
        return len(re.findall(r"\w+", text)) >= 8
    return len(re.findall(r"[\u4e00-\u9fff]", text)) >= 12


def _has_verb(ctx: _Context, k: int, lang: str) -> bool:
    """Russian: a finite verb or a short participle, which headings («Вопрос о Гаити (...)») lack."""
    return lang == "zh" or any(t.tag.split(",")[0] in ("VERB", "PRTS") for t in ctx.tokens[lang][k])


def _clause_added(ctx: _Context, k: int, lang: str, rng: random.Random) -> list[_Edit]:
    text = ctx.texts[lang][k]
    if not _sentence(text, lang) or not _has_verb(ctx, k, lang):
        return []
    donors = _donor_clauses(ctx, lang)
    for _ in range(20):
        clause = rng.choice(donors)
        if clause in text:
            continue
        body = text.rstrip()
        stop = body[-1]
        body = body[:-1].rstrip(",;，；")
        if lang == "ru":
            return [_edit(lang, f"{body}, {clause}{stop}", clause, "")]
        return [_edit(lang, f"{body}，{clause}{stop}", clause, "")]
    return []


# ================================================================ sentence replaced

def _sentence_replaced(ctx: _Context, k: int, lang: str, rng: random.Random) -> list[_Edit]:
    text, other = ctx.texts[lang][k], ctx.texts[OTHER[lang]][k]
    if not _sentence(text, lang) or not other or not _has_verb(ctx, k, lang):
        return []
    n = len(text)
    key = ("lengths", lang)
    if key not in ctx._cache:
        ctx._cache[key] = sorted((len(t), i) for i, t in enumerate(ctx.texts[lang]))
    import bisect
    lengths = ctx._cache[key]
    lo, hi = bisect.bisect_left(lengths, (int(n * 0.5) + 1, -1)), bisect.bisect_right(lengths, (int(n * 1.5), len(lengths)))
    for _ in range(20):
        if hi <= lo:
            return []
        _, j = lengths[rng.randrange(lo, hi)]
        new = ctx.texts[lang][j]
        if j != k and new != text and abs(j - k) > 3 and _sentence(new, lang) and new not in text and text not in new:
            return [_edit(lang, new, new, other)]
    return []


# ================================================================ negation

RU_MODALS = {"должны": "могут", "могут": "должны", "следует": "можно", "можно": "следует",
             "должен": "может", "должна": "может", "должно": "может"}
RU_NEGATIVE_WORDS = re.compile(r"(?<!\w)(?:ни|нет|никак\w*|ничего|ничто|нич\w+|никто|никого|никому|нигде|никогда|ниче\w*)(?!\w)", re.I)
RU_KEEP_NE = {"только", "менее", "более", "позднее", "ранее", "раз", "было", "будет", "есть", "смотря", "так", "всегда",
              "столько", "говоря", "считая", "исключено", "обязательно", "случайно"}
RU_NE_AFTER = {"также", "еще", "ещё", "тоже", "всегда", "поэтому", "затем", "по-прежнему", "попрежнему", "пока", "так",
               "теперь", "сейчас", "однако", "все", "всё", "вообще"}
RU_AUX = {"был", "была", "было", "были", "будет", "будут", "быть"}


def _negation(ctx: _Context, k: int, lang: str) -> list[_Edit]:
    return (_ru_negation if lang == "ru" else _zh_negation)(ctx, k)


def _ru_negation(ctx: _Context, k: int) -> list[_Edit]:
    text, tokens = ctx.texts["ru"][k], ctx.tokens["ru"][k]
    options = []
    negative = bool(RU_NEGATIVE_WORDS.search(text))
    for i, t in enumerate(tokens):
        prev = tokens[i - 1] if i else None
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        low = t.text.lower()
        # remove «не» before a verb
        if low == "не" and nxt is not None and not negative and nxt.text.lower() not in RU_KEEP_NE \
                and nxt.tag.split(",")[0] in ("VERB", "INFN", "PRTS"):
            if t.start == 0:
                new = _splice(text, 0, nxt.start, "")
                new = new[0].upper() + new[1:]
            else:
                new = _splice(text, t.start, nxt.start, "")
            options.append(_edit("ru", new, nxt.text, ""))
        # insert «не» before a finite verb or short participle (before its auxiliary if any)
        pos = t.tag.split(",")[0]
        if pos in ("VERB", "PRTS") and not negative and (prev is None or prev.text.lower() not in ("не", "ни", "бы")) \
                and t.text.isalpha() and low not in ("есть", "нет", "является", "являются") and low not in RU_MODALS \
                and not (prev is not None and prev.tag.startswith("ADVB") and prev.text.lower() not in RU_NE_AFTER) \
                and not (prev is not None and prev.text.lower() == "как") \
                and not (nxt is not None and nxt.text.lower() in ("лишь", "только", "едва", "почти", "ли")) \
                and t.lemma != "касаться":  # «как ожидается», «увеличился лишь незначительно», «Что касается»
            target = t
            if pos == "PRTS" and prev is not None and prev.text.lower() in RU_AUX:
                target = prev
                before = tokens[i - 2] if i >= 2 else None
                if before is not None and before.text.lower() in ("не", "ни"):
                    continue
            if target.start == 0:
                new = "Не " + target.text[0].lower() + text[1:]
                span = "Не " + target.text[0].lower() + target.text[1:]
            else:
                new = _splice(text, target.start, target.start, "не ")
                span = "не " + target.text
            if target.text[0].isupper() and target.start != 0:
                continue
            options.append(_edit("ru", new, span, ""))
        # modality
        if low in RU_MODALS and (prev is None or prev.text.lower() != "как") and not (nxt and nxt.text.lower() == "из") \
                and any(u.tag.startswith("INFN") for u in tokens[i + 1: i + 4]) \
                and (prev is None or prev.text.lower() != "не"):
            new_word = RU_MODALS[low]
            if t.text[0].isupper():
                new_word = new_word.capitalize()
            options.append(_edit("ru", _splice(text, t.start, t.start + len(t.text), new_word), new_word, ""))
    return options


ZH_MODALS = {"应": "可", "应当": "可以", "应该": "可以", "必须": "可以", "可以": "必须", "须": "可"}
ZH_NEG_KEEP_BEFORE = {"并", "决", "绝", "毫", "从", "再", "尚", "仍", "还", "从未", "也", "既", "都"}
ZH_NO_NEG_BEFORE = {"已", "已经", "曾", "曾经", "正在", "正", "被", "所", "的", "之", "不", "未", "没有", "没", "无", "非",
                    "并未", "尚未", "未能", "不再", "勿", "别", "得", "地", "在", "着"}
ZH_INSERT_BEFORE_MODAL = {"应", "应当", "应该", "能", "能够", "会", "可以", "可", "愿意", "必须"}
ZH_NEG_AFTER = {"也", "都", "均", "仍", "仍然", "还", "就", "则", "亦", "一直", "始终", "一贯", "再", "因此", "从而",
                "目前", "现在", "今后", "从此", "却", "又"}
ZH_SUBJECT_PRONOUNS = {"我", "我们", "你", "你们", "他", "她", "它", "他们", "她们", "它们", "我国", "各国", "本国", "大家",
                       "双方", "各方"}
ZH_FIXED_NEGATIVES = ("扩散", "干涉", "结盟", "歧视", "限", "驱回", "侵犯", "首先使用", "发达", "限成员")  # 不扩散条约
ZH_NO_NEG_VERBS = {"有", "在", "为", "对", "使", "让", "把", "被", "将", "和", "与", "以", "向", "从", "给", "于", "是",
                   "要", "会", "能", "应", "可", "须"}


def _zh_negation(ctx: _Context, k: int) -> list[_Edit]:
    text, tokens = ctx.texts["zh"][k], ctx.tokens["zh"][k]
    options = []
    for i, t in enumerate(tokens):
        prev = tokens[i - 1] if i else None
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        after = tokens[i + 2] if i + 2 < len(tokens) else None
        if nxt is None:
            continue
        # remove a negation before a verb
        if t.text in ("不", "未", "没有") and nxt.tag.startswith("v") and not nxt.tag.startswith("vn") \
                and (prev is None or prev.text not in ZH_NEG_KEEP_BEFORE) and not (after and after.text in ("也",)):
            if not nxt.text.startswith(("得", "仅", "但", "断", "同")) and not nxt.text.startswith(ZH_FIXED_NEGATIVES) \
                    and not (after is not None and after.text in ("的", "之")):  # 没有辩护的权利: 没有 is 'has no'
                options.append(_edit("zh", _splice(text, t.start, nxt.start, ""), nxt.text, ""))
        # modality
        if t.text in ZH_MODALS and t.tag.startswith(("v", "c")) and (nxt.tag.startswith(("v", "d", "p"))) \
                and nxt.text not in ("持续",) and (prev is None or prev.text not in ("不", "未", "理", "相", "反", "供")):
            new = ZH_MODALS[t.text]
            options.append(_edit("zh", _splice(text, t.start, t.start + len(t.text), new), new, ""))
        # insert 不 before a verb that follows a subject, a modal or an adverb
        before = tokens[i - 2] if i >= 2 else None
        if prev is not None and prev.text in ZH_NO_NEG_BEFORE or t.text.startswith(("不", "未", "没", "无", "非")):
            continue
        if t.text in ZH_INSERT_BEFORE_MODAL and nxt.tag.startswith(("v", "d", "p")) and nxt.text != "持续":
            # 应避免 -> 不应避免; 必须 becomes 不必
            new_text, span = ("不必", "不必") if t.text == "必须" else ("不" + t.text, "不" + t.text)
            options.append(_edit("zh", _splice(text, t.start, t.start + len(t.text), new_text), span, ""))
            continue
        subject = prev is not None and (prev.text in ZH_SUBJECT_PRONOUNS or prev.tag in ("ns", "nt")) \
            and (before is None or before.tag == "x")
        if t.tag in ("v", "vi", "vd") and len(t.text) >= 2 and t.text not in ZH_NO_NEG_VERBS and prev is not None \
                and (subject or prev.text in ZH_NEG_AFTER) \
                and nxt.text not in ("了", "过", "着", "的", "之", "得") and not nxt.text.startswith("了"):
            options.append(_edit("zh", _splice(text, t.start, t.start, "不"), "不" + t.text, ""))
    return options


# ================================================================ enumerations (lists, organisations)

@dataclass
class _List:
    """An enumeration «A, B, C и D» / A、B、C和D: where its members are in the text."""
    head: tuple[int, int]  # the segment whose end is the first member (its start unknown)
    middle: list[tuple[int, int]]  # fully delimited members
    last: tuple[int, int]  # from after the conjunction to the next separator (the member's end unknown)
    conjunction: tuple[int, int] | None  # « и » / 和
    closed: bool = True  # the stretch after the conjunction ends at a comma or the chunk's end, not at «и»


RU_CHUNK_STOPS = re.compile(r"[;:!?«»<>\"“”]|\.(?=\s+[А-ЯЁA-Z]|\s*$)|\s[—–-]+\s")
ZH_CHUNK_STOPS = re.compile(r"[，；。：！？“”]")


def _chunks(text: str, lang: str) -> list[tuple[int, int]]:
    """Stretches without clause punctuation; a bracket holding a short name («(ПРООН)») stays in."""
    stops = RU_CHUNK_STOPS if lang == "ru" else ZH_CHUNK_STOPS
    cuts = [m.start() for m in stops.finditer(text)]
    for m in re.finditer(r"[(（\[]", text):
        close = re.match(r"[(（\[][^()（）\[\],，]{1,30}[)）\]]", text[m.start():])
        if not close:
            cuts.append(m.start())
    for m in re.finditer(r"[)）\]]", text):
        if not re.search(r"[(（\[][^()（）\[\],，]{1,30}$", text[: m.start()]):
            cuts.append(m.start())
    out, start = [], 0
    for cut in sorted(set(cuts)):
        out.append((start, cut))
        start = cut + 1
    out.append((start, len(text)))
    return [(s, e) for s, e in out if e > s]


ZH_CONJUNCTIONS = ("和", "及", "以及", "或")  # not 与: 研究与发展组织, 欧洲安全与合作组织


def _lists(text: str, lang: str, tokens: list[Token]) -> list[_List]:
    """Every enumeration ending in a conjunction («A, B и C», A、B和C, «A и B»), and in Chinese those
    that end without one (A、B、C等)."""
    out = []
    for cs, ce in _chunks(text, lang):
        seps: list[tuple[int, int, bool]] = []  # (start, end, is a conjunction)
        if lang == "ru":
            for m in re.finditer(r",\s+|\s(?:и|или)\s", text[cs:ce]):
                seps.append((cs + m.start(), cs + m.end(), not m.group(0).startswith(",")))
        else:
            for t in tokens:
                if not cs <= t.start < ce:
                    continue
                if t.text == "、" or t.text in ZH_CONJUNCTIONS and t.tag in ("c", "p"):
                    seps.append((t.start, t.start + len(t.text), t.text != "、"))
                elif t.text[:1] in "和及" and len(t.text) > 1 and t.tag in ("nr", "nrfg", "nrt", "nz", "x", "eng"):
                    seps.append((t.start, t.start + 1, True))  # 和世卫: jieba glued the conjunction to a name it lacks
        for q, (s, e, conj) in enumerate(seps):
            following = seps[q + 1] if q + 1 < len(seps) else None
            if not conj:
                # A、B、C等: a run of enumeration commas that no conjunction closes
                if lang == "zh" and following is None and q >= 1 and not seps[q - 1][2]:
                    middle, r, piece_end = [], q - 1, s
                    while r >= 0 and not seps[r][2] and _member_like(text, lang, tokens, seps[r][1], piece_end):
                        middle.insert(0, (seps[r][1], piece_end))
                        piece_end = seps[r][0]
                        r -= 1
                    head = (seps[r][1] if r >= 0 else cs, piece_end)
                    out.append(_List(head, middle, (e, following[0] if following else ce), None, False))
                continue
            middle, r, piece_end = [], q - 1, s
            while r >= 0 and not seps[r][2] and _member_like(text, lang, tokens, seps[r][1], piece_end):
                middle.insert(0, (seps[r][1], piece_end))
                piece_end = seps[r][0]
                r -= 1
            head = (seps[r][1] if r >= 0 else cs, piece_end)  # what is no member ends with the first one
            last = (e, following[0] if following else ce)
            out.append(_List(head, middle, last, (s, e), following is None or not following[2]))
    return out


RU_LIST_OPENERS = re.compile(r"(?:включая|в том числе|как|например|особенно|в частности|такие как|таких как|таким как|"
                             r"а также|прежде всего)\s", re.I)


def _member_like(text: str, lang: str, tokens: list[Token], start: int, end: int) -> bool:
    """Whether a piece between two commas can be a member of an enumeration: short, no verb, not
    opening with «включая» (which starts the enumeration: the piece holds its first member)."""
    piece = text[start:end]
    if lang == "zh":
        return len(piece) <= 20 and not ZH_MEMBER_BAD.search(piece)
    if RU_LIST_OPENERS.match(piece):
        return False
    words = [t for t in _ru_tokens_in(tokens, start, end) if t.pos != "PUNCT"]
    return 1 <= len(words) <= 9 and not any(
        t.tag.split(",")[0] in ("VERB", "INFN", "GRND", "PRTS") or t.tag.startswith("PRTF") and t.text[:1].islower()
        or RU_NOT_MEMBERS.fullmatch(t.text) for t in words)


def _drop_middle(text: str, lang: str, span: tuple[int, int]) -> str:
    """Remove a delimited member with the separator before it: «A, B и C» -> «A и C»."""
    s, e = span
    before = re.search(r",\s+$" if lang == "ru" else r"、$", text[:s])
    return text[: before.start()] + text[e:]


def _drop_last(text: str, lang: str, lst: _List, end: int) -> str:
    """Remove the last member and its conjunction, the conjunction moving before the new last:
    «A, B и C» -> «A и B»."""
    cs, ce = lst.conjunction
    if lst.middle:
        s, e = lst.middle[-1]
        before = re.search(r",\s+$" if lang == "ru" else r"、$", text[:s])
        return text[: before.start()] + text[cs:ce] + text[s:e] + text[end:]
    return text[:cs] + text[end:]


# ---------------------------------------------------------------- Russian words

def _words(text: str) -> list[str]:
    return re.findall(r"[\w'’-]+", text)


def _ru_cases(word: str, pos=("NOUN",)) -> set[str]:
    return {p.tag.case for p in morph_analyzer().parse(word) if p.tag.POS in pos and p.tag.case}


def _ru_tokens_in(tokens: list[Token], s: int, e: int) -> list[Token]:
    return [t for t in tokens if s <= t.start < e]


RU_NOT_MEMBERS = re.compile(r"(?<!\w)(?:что|котор\w+|чтобы|если|когда|где|как|также|а|но|однако|и|или|"
                            r"включая|например|особенно|кроме|помимо|частности|числе|прежде|то есть)(?!\w)", re.I)


def _ru_member(tokens: list[Token], max_words: int = 5) -> bool:
    """A short noun phrase: no verb, gerund, conjunction or clause opener."""
    words = [t for t in tokens if t.pos != "PUNCT"]
    if not 1 <= len(words) <= max_words:
        return False
    if any(t.tag.split(",")[0] in ("VERB", "INFN", "GRND", "PRTS", "CONJ") for t in words):
        return False
    return not any(RU_NOT_MEMBERS.fullmatch(t.text) for t in words)


def _first_noun_cases(tokens: list[Token]) -> set[str] | None:
    for t in tokens:
        if t.tag.startswith("NOUN") and not t.text[:1].isupper():
            return _ru_cases(t.text)
    return None


def _last_noun_cases(tokens: list[Token]) -> set[str] | None:
    return _first_noun_cases(list(reversed(tokens)))


# ---------------------------------------------------------------- list items

def _list_item_dropped(ctx: _Context, k: int, lang: str) -> list[_Edit]:
    text, tokens = ctx.texts[lang][k], ctx.tokens[lang][k]
    other = ctx.texts[OTHER[lang]][k]
    options = []
    for lst in _lists(text, lang, tokens):
        if not lst.middle:
            continue  # three members at least
        if lang == "ru":
            spans = _ru_list_members(text, tokens, lst)
        else:
            spans = _zh_list_members(text, tokens, lst)
        if spans is None:
            continue
        droppable, last_end = spans
        for s, e in droppable:
            member = text[s:e]
            options.append(_edit(lang, _drop_middle(text, lang, (s, e)), member,
                                 _counterpart(member, lang, other, OTHER[lang])))
        if last_end is not None:
            member = text[lst.last[0]:last_end]
            options.append(_edit(lang, _drop_last(text, lang, lst, last_end), member,
                                 _counterpart(member, lang, other, OTHER[lang])))
    return options


def _ru_list_members(text: str, tokens: list[Token], lst: _List):
    """The members that can go (delimited, alike), and the last member's end if it is known; None
    when this is no list of noun phrases agreeing in case."""
    members = [_ru_tokens_in(tokens, s, e) for s, e in lst.middle]
    if not all(_ru_member(m) for m in members):
        return None
    last_tokens = _ru_tokens_in(tokens, *lst.last)
    head_tokens = _ru_tokens_in(tokens, *lst.head)
    cases = [_first_noun_cases(m) for m in members] + [_first_noun_cases(last_tokens), _last_noun_cases(head_tokens)]
    if any(c is None for c in cases) or not set.intersection(*cases):
        return None
    if text[lst.head[0]:lst.head[1]].strip() == "" or any(t.text[:1].isdigit() for m in members for t in m):
        return None
    openers = {m[0].text.lower() if m and m[0].tag.startswith("PREP") else None for m in members + [last_tokens]}
    if len(openers) > 1:
        return None  # «в рамках программы по молодежи и торговле»: no list of alike members
    head_words = [t for t in head_tokens if t.pos != "PUNCT"]
    if not head_words or RU_LIST_OPENERS.match(text[lst.head[0]:lst.head[1]].strip() + " ") \
            or head_words[-1].text[:1].isupper() != members[0][0].text[:1].isupper():
        return None  # «в частности, A и B»; «г-на Фабиуса, министра иностранных дел и ...»: an apposition
    if any(len(m) > 1 and m[0].tag.startswith(("ADJF", "PRTF")) and m[1].tag.startswith("PREP") for m in members):
        return None  # «зоны, свободной от ядерного оружия и ...»: a modifier, not a member
    # the last member can go when it is short and shares nothing with the rest («мира или безопасности
    # в ДРК» would lose «в ДРК» too): a noun, or an adjective and its noun
    words = [t for t in last_tokens if t.pos != "PUNCT"]
    short = len(words) == 1 and words[0].tag.startswith("NOUN") or len(words) == 2 and words[0].tag.startswith("ADJF") \
        and words[1].tag.startswith("NOUN")
    last_end = None
    if short and lst.closed and not any(t.text[:1].isupper() for t in words):
        last_end = lst.last[0] + len(text[lst.last[0]:lst.last[1]].rstrip())
    return lst.middle, last_end


ZH_MEMBER_BAD = re.compile(r"[的了是在将对为]|^(?:以及|并|或|包括|特别是|尤其是|例如|如|即|其中|诸如)")


def _zh_list_members(text: str, tokens: list[Token], lst: _List):
    members = [text[s:e] for s, e in lst.middle]
    if not all(2 <= len(m) <= 12 and not ZH_MEMBER_BAD.search(m) and re.search(r"[\u4e00-\u9fff]", m)
               and not _unbalanced(m) for m in members):
        return None
    for s, e in lst.middle:  # nouns (or a verb standing for its action: 起诉), no verb phrase (有效打击一切形式)
        inside = [t for t in tokens if s <= t.start < e]
        if len(inside) > 1 and any(t.tag in ("v", "vi", "vd", "p", "d", "ad") for t in inside):
            return None
    if not text[lst.head[0]:lst.head[1]].strip():
        return None
    return lst.middle, None


# ---------------------------------------------------------------- organisations

RU_ORG_HEADS = {"организация", "фонд", "программа", "комитет", "совет", "управление", "комиссия", "банк", "союз",
                "агентство", "департамент", "канцелярия", "секретариат", "центр", "институт", "служба", "бюро",
                "структура", "миссия", "отделение", "ассоциация", "федерация", "форум", "сеть", "суд", "трибунал",
                "конференция", "ассамблея", "движение", "группа", "партнерство", "альянс", "сообщество", "лига",
                "объединение", "министерство", "парламент", "правительство", "орган", "целевой"}
ZH_ORG_SUFFIXES = ("组织", "署", "基金会", "委员会", "理事会", "办事处", "机构", "银行", "基金", "联盟", "集团", "事务厅",
                   "办公室", "高专办", "特派团", "秘书处", "研究所", "论坛", "共同体", "大会", "联合会", "协会")
RU_NOT_IN_NAMES = {"время", "настоящее", "течение", "ходе", "рамках", "целях", "связи", "соответствии", "период", "году",
                   "года", "годы", "годов", "дату", "даты", "случае", "основе", "счет"}
RU_ACRONYM = re.compile(r"[А-ЯЁA-Z][А-ЯЁA-Z]+(?:-[А-ЯЁA-Zа-яё]+)?(?:\s(?:ООН|ЕС))?")
# Organisations whose names the two versions write differently: to find the other version's words.
ORGANISATIONS = [
    ("Организаци\\w+ Объединенных Наций|ООН", ["联合国"]), ("ЮНЕСКО", ["教科文组织"]), ("ЮНИСЕФ", ["儿童基金会"]), ("ВОЗ", ["世卫组织", "世界卫生组织"]),
    ("ПРООН", ["开发署", "开发计划署"]), ("УВКБ(?: ООН)?", ["难民署", "难民专员办事处"]), ("МОТ", ["劳工组织"]),
    ("ФАО", ["粮农组织"]), ("ВПП", ["粮食署", "粮食计划署"]), ("МАГАТЭ", ["原子能机构"]), ("ЮНЕП", ["环境署", "环境规划署"]),
    ("ЮНФПА", ["人口基金"]), ("УНП ООН", ["毒品和犯罪问题办公室"]), ("МВФ", ["货币基金组织"]),
    ("Всемирн\\w+ банк\\w*", ["世界银行", "世行"]), ("ЮНКТАД", ["贸发会议"]), ("ЮНИДО", ["工发组织"]),
    ("ЮНЭЙДС", ["艾滋病规划署"]), ("УВКПЧ", ["人权高专办"]), ("ООН-Хабитат", ["人居署"]), ("ЮНОПС", ["项目署"]),
    ("ВМО", ["气象组织"]), ("ИКАО", ["民航组织"]), ("ИМО", ["海事组织"]), ("МСЭ", ["国际电联"]), ("ВОИС", ["知识产权组织"]),
    ("МФСР", ["农发基金"]), ("ЮНИТАР", ["训练研究所"]), ("ОБСЕ", ["欧安组织"]),
    ("Европейск\\w+ союз\\w*|ЕС", ["欧洲联盟", "欧盟"]), ("Африканск\\w+ союз\\w*|АС", ["非洲联盟", "非盟"]),
    ("АСЕАН", ["东盟"]), ("НАТО", ["北约"]), ("ОЭСР", ["经合组织"]), ("МККК", ["红十字委员会"]),
    ("ЭКОВАС", ["西非经共体"]), ("ДОПМ", ["维和部"]), ("ДПП", ["外勤部"]), ("ООН-Женщины", ["妇女署"]),
    ("ЭСКАТО", ["亚太经社会"]), ("ЭКА", ["非洲经委会"]), ("ЭКЛАК", ["拉加经委会"]), ("ЕЭК", ["欧洲经委会"]),
    ("ЭСКЗА", ["西亚经社会"]), ("ЮНАМИД", ["达尔富尔混合行动"]), ("МООНСЮС", ["南苏丹特派团"]),
    ("ЮНАМА", ["联阿援助团"]), ("МИНУСМА", ["马里稳定团"]), ("МООНСОМ", ["联索援助团"]), ("ЮНИСФА", ["联阿安全部队"]),
    ("МИНУСКА", ["中非稳定团"]), ("МООНСДРК", ["联刚稳定团"]), ("ОООНКИ", ["联科行动"]), ("МООНЛ", ["联利特派团"]),
    ("Генеральн\\w+ Ассамбле\\w+", ["大会"]), ("Совет\\w* Безопасности", ["安全理事会", "安理会"]),
    ("Экономическ\\w+ и Социальн\\w+ Совет\\w*", ["经济及社会理事会", "经社理事会"]),
    ("Совет\\w* по правам человека", ["人权理事会"]), ("Международн\\w+ Суд\\w*", ["国际法院"]),
    ("Секретариат\\w*", ["秘书处"]), ("Ближневосточн\\w+ агентств\\w+|БАПОР", ["近东救济工程处"]),
]


def _ru_org(tokens: list[Token], text: str) -> bool:
    """A whole member is an organisation: an acronym, an Orgn word, or a capitalised name with the
    head of one («Программа развития Организации Объединенных Наций», «Всемирный банк»)."""
    text = text.strip()
    if RU_ACRONYM.fullmatch(re.sub(r"\s*\([^()]*\)$", "", text)):
        return True
    words = [t for t in tokens if t.pos != "PUNCT"]
    if not words or not words[0].text[:1].isupper() or len(words) > 9:
        return False
    if any(t.tag.split(",")[0] in ("VERB", "INFN", "GRND", "PRTS") for t in words):
        return False
    if any(pattern.fullmatch(text) for pattern, _ in _organisations()):
        return True
    if re.search(r"\s(?:и|или)\s", re.sub(r"\([^()]*\)", "", text)):
        return False  # two names, or a name and something else («... Совета и конференционное управление»)
    head = next((i for i, t in enumerate(words)
                 if "Orgn" in t.tag or t.lemma.lower() in RU_ORG_HEADS or RU_ACRONYM.fullmatch(t.text)), None)
    if head is None or any(t.tag.split(",")[0] not in ("ADJF", "PRTF") and not RU_ACRONYM.fullmatch(t.text)
                           for t in words[:head]):
        return False  # «Члены Совета мира»: what comes before the head must be its adjectives
    # after the head, lower-case words are its complements: genitives, or after a preposition
    # («Комиссия по разоружению»), never a new nominative («... Африканским союзом текущий обзор»)
    governed = False
    for t in words[head + 1:]:
        if t.text.lower() in RU_NOT_IN_NAMES:
            return False
        if t.tag.startswith("PREP"):
            governed = True
        elif t.text[:1].islower() and not governed and "gent" not in t.tag:
            return False
    return True


def _ru_org_tail(tokens: list[Token], text: str, start: int, end: int) -> int | None:
    """Where the organisation ending a stretch starts, if it ends with one (the longest name that does)."""
    seg = text[start:end].rstrip()
    m = re.search(r"(?:" + RU_ACRONYM.pattern + r")(?:\s\([^()]*\))?$", seg)
    if m and (m.start() == 0 or not seg[m.start() - 2: m.start() - 1].isupper()):
        return start + m.start()
    words = [t for t in _ru_tokens_in(tokens, start, start + len(seg)) if t.pos != "PUNCT" or t.text in "()"]
    for i in range(max(0, len(words) - 10), len(words)):
        w = words[i]
        if w.text[:1].isupper() and not _unbalanced(text[w.start:start + len(seg)]) \
                and _ru_org(words[i:], text[w.start:start + len(seg)]):
            return w.start
    return None


def _ru_org_head(tokens: list[Token], text: str, start: int, end: int, closed: bool = True) -> int | None:
    """Where the organisation opening a stretch ends: after an acronym, or the longest name that ends
    with a capital («Экономической комиссией для Африки») or before a verb or punctuation. Where the
    stretch ends at «и» (not closed), only a name ending with a capital: «Группа размножения и
    распространения документов» is one name."""
    seg = text[start:end]
    m = re.match(r"(?:" + RU_ACRONYM.pattern + r")(?:\s\([^()]*\))?(?![\w-])", seg)
    if m:
        return start + m.end()
    words = _ru_tokens_in(tokens, start, end)
    if not words or words[0].start != start or not words[0].text[:1].isupper():
        return None
    strong, weak = None, None
    for j, w in enumerate(words[:14]):
        stop = w.start + len(w.text)
        if w.pos == "PUNCT" and w.text != ")" or _unbalanced(text[start:stop]):
            continue
        if not _ru_org(words[: j + 1], text[start:stop]):
            continue
        if j == 0 and "Orgn" not in w.tag:
            continue  # «Департамента» alone is no name
        nxt = words[j + 1] if j + 1 < len(words) else None
        if w.text[:1].isupper() or w.text == ")":
            strong = stop
        elif closed and (nxt is None or nxt.pos == "PUNCT" or nxt.tag.split(",")[0] in ("VERB", "INFN", "PRTS", "GRND", "CONJ")):
            weak = stop
    return strong or weak  # «Фондом ... (FEPS)», not «Фондом ... (FEPS) под заголовком»


ZH_GENERIC = {"", "区域", "次区域", "区域和次区域", "国际", "非政府", "人权", "民间", "民间社会", "政府间", "国家", "地方",
              "妇女", "青年", "社区", "其他", "其它", "有关", "相关", "专门", "金融", "发展", "多边", "双边", "捐助", "私营",
              "公共", "联合国", "国内", "国家人权", "各", "该", "本", "其", "所有", "这些", "执行", "咨询", "管理", "技术",
              "工作", "主管", "附属", "政府", "慈善", "宗教", "社会", "专家", "新闻", "地区", "安全", "国家一级",
              "国际和区域", "区域和国际", "国家和国际", "会员国", "成员", "合作", "伙伴", "执行伙伴", "捐助方",
              "政治", "维持和平", "外地", "特别政治", "非银行", "金融机构", "普通", "特别", "信托", "周转", "自愿",
              "一般", "储备", "应急", "共同", "专项", "循环"}


@functools.lru_cache(maxsize=1)
def _zh_known_orgs() -> frozenset[str]:
    return frozenset(name for _, names in ORGANISATIONS for name in names)


ZH_TITLES = ("执行主任", "主任", "主席", "秘书长", "代表", "负责人", "高级专员", "特别代表", "副", "工作人员", "成员",
             "总干事", "署长", "执行秘书", "首长", "官员", "专家")
ZH_NOT_DEPARTMENTS = ("中部", "南部", "北部", "西部", "东部", "内部", "外部", "全部", "总部", "局部", "干部", "基层", "大部",
                      "结局", "格局", "布局", "大局", "当局", "全局", "时局", "政局", "局势")
ZH_GENERIC_START = ("其他", "其它", "有关", "相关", "上述", "各", "该", "所有", "这些", "本", "其", "此", "任何", "若干",
                    "一些", "多个", "两个", "国别", "多国")


def _zh_org(member: str) -> bool:
    """An organisation's name, not a generic noun (区域组织, 非政府组织, 联合国机构)."""
    member = re.sub(r"（[^（）]*）$", "", member)
    if member in _zh_known_orgs():
        return True
    if not 3 <= len(member) <= 20 or ZH_MEMBER_BAD.search(member) or member.startswith(ZH_GENERIC_START) \
            or re.search(r"[\d０-９个]", member):
        return False
    suffix = next((x for x in ZH_ORG_SUFFIXES if member.endswith(x)), None)
    if suffix is None and len(member) >= 4 and member.endswith(("部", "局")) and not member.endswith(ZH_NOT_DEPARTMENTS):
        suffix = member[-1]  # 政治事务部, 协调局; not 中部, 总部
    return suffix is not None and len(member) - len(suffix) >= 2 and member[: -len(suffix)] not in ZH_GENERIC


def _zh_name_part(t: Token) -> bool:
    return t.tag.startswith(("n", "j", "vn", "an", "b", "eng")) or t.text.endswith(ZH_ORG_SUFFIXES)


def _clipped(tokens: list[Token], start: int, end: int) -> list[Token]:
    """The tokens in [start, end), those cut by an edge cut too (和世卫 -> 世卫)."""
    out = []
    for t in tokens:
        s, e = max(t.start, start), min(t.start + len(t.text), end)
        if s < e:
            out.append(t if (s, e) == (t.start, t.start + len(t.text)) else
                       Token(t.text[s - t.start: e - t.start], t.lemma, t.pos, t.tag, s, t.space))
    return out


def _zh_org_head(tokens: list[Token], text: str, start: int, end: int) -> int | None:
    """Where the organisation opening a stretch ends (after its parenthesised short name, if any): the
    longest name among the name words there, when no name word follows it (欧洲联盟警察培训团 is
    not 欧洲联盟)."""
    inside = _clipped(tokens, start, end)
    if not inside or inside[0].start != start:
        return None
    best, following = None, None
    for i, t in enumerate(inside):
        if not (_zh_name_part(t) or t.tag == "nt") or t.start + len(t.text) - start > 20:
            break
        if _zh_org(text[start: t.start + len(t.text)]):
            best = t.start + len(t.text)
            following = inside[i + 1] if i + 1 < len(inside) else None
    if best is None or following is not None and (_zh_name_part(following) or following.tag in ("nt", "r", "m", "q", "a")):
        return None  # 联合国其他相关机构: 联合国 there is no member of its own
    m = re.match(r"（[^（）]{1,15}）", text[best:end])
    return best + m.end() if m else best


def _zh_org_tail(tokens: list[Token], text: str, start: int, end: int) -> int | None:
    """Where the organisation ending a stretch starts: the run of name words before its end."""
    seg = re.sub(r"（[^（）]*）$", "", text[start:end])
    inside = _clipped(tokens, start, start + len(seg))
    first, before = None, None
    for t in reversed(inside):
        if _zh_name_part(t):
            first = t
        else:
            before = t
            break
    if first is None or before is not None and before.tag.startswith("r"):
        return None  # 该组织, 各机构
    return first.start if _zh_org(text[first.start: start + len(seg)]) else None


def _organisation_dropped(ctx: _Context, k: int, lang: str) -> list[_Edit]:
    """Drop one organisation of an enumeration naming two or more: a delimited one («A, B и C» ->
    «A и C»), the last one («A и B»), or of two, the other when it is a short name."""
    text, tokens = ctx.texts[lang][k], ctx.tokens[lang][k]
    other = ctx.texts[OTHER[lang]][k]
    options = []
    for lst in _lists(text, lang, tokens):
        if lst.conjunction is None:
            continue
        if lang == "ru":
            tail = _ru_org_tail(tokens, text, *lst.head)
            orgs = [_ru_org(_ru_tokens_in(tokens, s, e), text[s:e]) for s, e in lst.middle]
            # the other members are names too («Норвегии, ЮНИСЕФ и ПРООН»), not «линдана, ПФОС, ее солей»
            head_words = _words(text[lst.head[0]:lst.head[1]])
            members_ok = all(o or text[s:s + 1].isupper() and _ru_member(_ru_tokens_in(tokens, s, e), 6)
                             for o, (s, e) in zip(orgs, lst.middle)) and text[lst.last[0]:lst.last[0] + 1].isupper() \
                and bool(head_words) and (tail is not None or head_words[-1][:1].isupper())
            last_end = _ru_org_head(tokens, text, *lst.last, lst.closed)
        else:
            tail = _zh_org_tail(tokens, text, *lst.head)
            orgs = [_zh_org(text[s:e]) for s, e in lst.middle]
            members_ok = all(o or len(text[s:e]) <= 20 and not ZH_MEMBER_BAD.search(text[s:e])
                             for o, (s, e) in zip(orgs, lst.middle))
            last_end = _zh_org_head(tokens, text, *lst.last)
        if not members_ok or (tail is not None) + sum(orgs) + (last_end is not None) < 2:
            continue
        if lang == "zh" and re.match(r"[两双三四五六七八九十]方|[两三四五六七八九十]个|[两双三四五六]家", text[last_end or lst.last[0]:]):
            continue  # 联合国、非洲联盟和欧洲联盟三方: the number counts them
        for (s, e), org in zip(lst.middle, orgs):
            if org:
                member = text[s:e]
                options.append(_edit(lang, _drop_middle(text, lang, (s, e)), member,
                                     _counterpart(member, lang, other, OTHER[lang])))
        before_conjunction = orgs[-1] if lst.middle else tail is not None
        if last_end is None or not before_conjunction:
            continue  # 外贸部、工商投资和数码经济部: the conjunction may be inside a name
        if not lst.middle:  # two organisations: checks that one of them alone still reads
            if lang == "ru" and _ru_plural_follows(tokens, last_end) \
                    and all("nomn" in _ru_cases(member.split()[0], ("NOUN", "ADJF", "PRTF")) or RU_ACRONYM.match(member)
                            for member in (text[lst.last[0]:last_end], text[tail:lst.head[1]])):
                continue  # «ПРООН и ЮНИСЕФ провели»: one of them alone would not agree
            if lang == "zh" and (any(t.start == last_end and _zh_name_part(t) for t in tokens)
                                 or text[last_end:].startswith(ZH_TITLES)):
                continue  # 缔约方大会和环境署执行主任: the second is no organisation but its director
            if re.search(r"(?:между|меж)\s+$", text[: tail]) or re.match(r"\s*.{0,4}?之?间", text[last_end:]) \
                    or text[lst.conjunction[0]:lst.conjunction[1]] == "与":
                continue  # «между ООН и АС», 秘书处与基金秘书处之间, 人居署与X协调: the two belong together
        member = text[lst.last[0]:last_end]
        options.append(_edit(lang, _drop_last(text, lang, lst, last_end), member,
                             _counterpart(member, lang, other, OTHER[lang])))
        if not lst.middle:  # «ПРООН и ЮНИСЕФ» -> «ЮНИСЕФ»: the first one too, when it is short
            first = text[tail:lst.head[1]]
            before = [t for t in tokens if t.start + len(t.text) <= tail]
            if (lang == "ru" and RU_ACRONYM.fullmatch(first) and RU_ACRONYM.match(member)) \
                    or (lang == "zh" and len(first) <= 8 and (not before or before[-1].tag in ("p", "c", "x", "d", "uj"))):
                new = text[:tail] + text[lst.last[0]:]
                options.append(_edit(lang, new, first, _counterpart(first, lang, other, OTHER[lang])))
    return options


def _ru_plural_follows(tokens: list[Token], end: int) -> bool:
    after = [t for t in tokens if t.start >= end][:3]
    return any(t.tag.split(",")[0] in ("VERB", "PRTS", "ADJS") and "plur" in t.tag for t in after)


# ================================================================ modifiers

RU_WEAK_MODIFIERS = {"такой", "этот", "тот", "который", "свой", "весь", "другой", "каждый", "любой", "настоящий",
                     "данный", "сам", "самый", "один", "иной", "некоторый", "следующий", "вышеупомянутый", "указанный",
                     "упомянутый", "нижеследующий", "соответствующий", "определенный", "определённый", "целый",
                     "какой", "чей", "наш", "ваш", "мой", "твой", "их", "его", "её", "ее", "никакой", "всякий",
                     "многий", "немногий", "несколько", "прочий", "последний", "первый", "второй", "данный"}
# adjective + noun that mean nothing once the adjective goes: «министр иностранных дел», «средства массовой информации»
RU_FIXED_PAIRS = {("иностр", "дело"), ("внутре", "дело"), ("массов", "информ"), ("так", "называ"), ("сей", "день"),
                  ("свое", "очеред"), ("частно", "ряд"), ("крайни", "мера")}
RU_PREPOSITION_FORMS = {"во", "со", "ко", "обо", "изо", "подо", "передо", "надо", "об"}
ZH_WEAK_MODIFIERS = {"这", "那", "该", "其", "所有", "各", "每", "其他", "其它", "此", "本", "任何", "一些", "某些",
                     "有关", "相关", "上述", "下列", "以下", "前述", "这些", "那些", "整个", "一切", "全部", "各种",
                     "一定", "主要", "其余", "同样", "一般", "共同", "现有", "有效"}
ZH_NOUN_MODIFIERS = {"年度", "区域", "国际", "全球", "国家", "全国", "地方", "农村", "城市", "长期", "短期", "临时",
                     "技术", "财政", "经济", "社会", "政治", "人道主义", "多边", "双边", "环境", "法律", "行政",
                     "军事", "核", "私营", "公共", "国内", "国外", "区域性", "结构性", "系统性", "妇女", "儿童",
                     "青年", "农业", "卫生", "教育", "金融", "文化", "司法", "安全", "和平", "人权", "民间", "季度",
                     "额外", "定期", "初步", "最后", "正式", "非正式", "高级", "中期", "可持续"}


def _modifier_dropped(ctx: _Context, k: int, lang: str) -> list[_Edit]:
    return (_ru_modifier if lang == "ru" else _zh_modifier)(ctx, k)


def _ru_modifier(ctx: _Context, k: int) -> list[_Edit]:
    text, tokens = ctx.texts["ru"][k], ctx.tokens["ru"][k]
    options = []
    for i in range(1, len(tokens) - 1):
        adj, noun, prev = tokens[i], tokens[i + 1], tokens[i - 1]
        if not adj.tag.startswith("ADJF") or "Apro" in adj.tag or "Anum" in adj.tag or not noun.tag.startswith("NOUN"):
            continue
        if adj.lemma.lower() in RU_WEAK_MODIFIERS or adj.text[:1].isupper() or noun.text[:1].isupper() \
                or not adj.text.isalpha() or len(adj.text) < 4:
            continue
        if _agreement(adj.tag) != _agreement(noun.tag) or (adj.lemma.lower()[:6], noun.lemma.lower()[:6]) in RU_FIXED_PAIRS:
            continue
        if prev.text.lower() in RU_PREPOSITION_FORMS or (prev.text.lower() == "о" and noun.text[:1].lower() in "аоуиэы"):
            continue  # «во внутренних делах» would become «во делах»
        if prev.text.lower() in ("и", "или", ",", "и/или") and i >= 2 and tokens[i - 2].tag.startswith("ADJF"):
            continue  # «экономических и социальных прав»: coordinated adjectives
        if prev.tag.startswith("NUMR") or prev.text.isdigit():
            continue
        new = _splice(text, adj.start, noun.start, "")
        options.append(_edit("ru", new, adj.text, ""))
    return options


def _agreement(tag: str) -> tuple[str | None, str | None]:
    cases = ("nomn", "gent", "datv", "accs", "ablt", "loct", "gen2", "loc2")
    grammemes = set(re.split(r"[ ,]", tag))
    case = next((c for c in cases if c in grammemes), None)
    number = "plur" if "plur" in grammemes else "sing" if "sing" in grammemes else None
    return case, number


def _zh_modifier(ctx: _Context, k: int) -> list[_Edit]:
    text, tokens = ctx.texts["zh"][k], ctx.tokens["zh"][k]
    options = []
    for i in range(1, len(tokens) - 1):
        t, prev = tokens[i], tokens[i - 1]
        if t.text in ZH_WEAK_MODIFIERS or prev.text in ("和", "、", "与", "及", "或", "以及"):
            continue
        nxt = tokens[i + 1]
        end = nxt.start
        if nxt.text == "的" and i + 2 < len(tokens) and t.tag in ("a", "b", "an") and len(t.text) >= 2:
            noun = tokens[i + 2]
            end = noun.start
        elif t.tag in ("a", "b") and len(t.text) >= 2 or t.text in ZH_NOUN_MODIFIERS:
            noun = nxt
        else:
            continue
        if not noun.tag.startswith(("n", "vn")) or noun.tag in ("nr", "ns", "nt", "nrt", "nrfg") or len(noun.text) < 2:
            continue
        rest = "".join(u.text for u in tokens[tokens.index(noun): tokens.index(noun) + 3])
        if any(suffix in rest for suffix in ZH_ORG_SUFFIXES) or re.search(r"[法院庭约]$", noun.text):
            continue  # 国际劳工组织 -> 劳工组织 names the same body
        if prev.tag.startswith(("a", "b")) or prev.text in ZH_NOUN_MODIFIERS or prev.tag == "nt":
            continue  # inside a longer name or a run of modifiers
        if prev.tag.startswith("d") or t.text.startswith(("最", "更", "较")):
            continue  # 最贫穷的国家, 最大限度: the degree goes with the adjective
        new = _splice(text, t.start, end, "")
        options.append(_edit("zh", new, text[t.start:end], ""))
    return options


MAKERS = {
    "country": _country, "number": _number, "clause_deleted": _clause_deleted, "clause_added": _clause_added,
    "negation": _negation, "organisation_dropped": _organisation_dropped, "list_item_dropped": _list_item_dropped,
    "modifier_dropped": _modifier_dropped, "sentence_replaced": _sentence_replaced,
}


# ================================================================ the examples

def _show(pairs, changed, changes, examples: int = 3, rng_seed: int = 0) -> None:
    counts = Counter((c.kind, c.side) for c in changes)
    edited = Counter((c.kind, c.edited) for c in changes)
    print(f"{len(changes)} changes in {len(pairs)} pairs")
    for kind in KINDS:
        print(f"  {kind:22} side ru {counts[kind, 'ru']:3}  zh {counts[kind, 'zh']:3}   "
              f"(edited ru {edited[kind, 'ru']:3}  zh {edited[kind, 'zh']:3})")
    rng = random.Random(rng_seed)
    for kind in KINDS:
        mine = [c for c in changes if c.kind == kind]
        print(f"\n--- {kind}")
        for c in rng.sample(mine, min(examples, len(mine))):
            lang = c.edited
            i = 0 if lang == "ru" else 1
            print(f"[{c.index}] edited {lang}, side {c.side}; ru_span={c.ru_span!r} zh_span={c.zh_span!r}")
            print(f"  before: {pairs[c.index][i]}")
            print(f"  after:  {changed[c.index][i]}")
            print(f"  other:  {pairs[c.index][1 - i]}")


def main() -> None:
    from un import un_pairs

    started = time.perf_counter()
    for split, seed in (("testset", 7), ("devset", 11)):
        pairs = un_pairs(split)
        t = time.perf_counter()
        changed, changes = inject(pairs, seed)
        print(f"\n===== {split}, seed {seed}: {time.perf_counter() - t:.1f} s")
        _show(pairs, changed, changes)
    print(f"\ntotal {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
