"""Country names in Russian and Chinese text, in any grammatical case, found in one pass.

Names come from Unicode CLDR (through babel) with the long and older forms official texts use
(«Сирийская Арабская Республика» / 阿拉伯叙利亚共和国, «Свазиленд» / 斯威士兰). Russian names
are matched in every form pymorphy3 inflects them to («Израиль», «Израиля»), word by word;
Chinese names by string, at a word boundary where the name begins, longest first (印度尼西亚
before 印度; 中国 inside 发展中国家 is no mention).

Finding mentions is a dictionary lookup per word (Russian) or per character (Chinese): linear
in the text, whatever the number of names.
"""
from __future__ import annotations

import re
from functools import lru_cache

NOT_COUNTRIES = {"UN", "EU", "EZ", "QO", "XA", "XB", "ZZ"}  # CLDR lists these groupings among territories
# Official long forms and older names (the UN's, and those older texts use), beside CLDR's.
ALIASES: dict[str, tuple[list[str], list[str]]] = {
    "CN": (["Китайская Народная Республика", "КНР", "Китай"], ["中华人民共和国"]),
    "KG": (["Кыргызская Республика", "Киргизия"], ["吉尔吉斯斯坦", "吉尔吉斯共和国"]),
    "US": (["Соединенные Штаты Америки", "США"], ["美利坚合众国", "美国"]),
    "RU": (["Российская Федерация"], ["俄罗斯联邦"]),
    "GB": (["Соединенное Королевство Великобритании и Северной Ирландии", "Соединенное Королевство",
            "Северная Ирландия"], ["大不列颠及北爱尔兰联合王国", "联合王国", "北爱尔兰"]),
    "KR": (["Корея", "Южная Корея"], ["大韩民国", "南朝鲜", "南韩"]),
    "KP": (["Корейская Народно-Демократическая Республика", "Северная Корея"], ["朝鲜民主主义人民共和国", "北朝鲜"]),
    "PF": ([], ["波利尼西亚"]),
    "CZ": (["Чешская Республика"], ["捷克共和国"]), "TL": (["Тимор-Лешти"], ["东帝汶"]),
    "MD": (["Республика Молдова"], ["摩尔多瓦共和国"]), "SZ": (["Свазиленд"], ["斯威士兰王国"]),
    "MK": (["Бывшая югославская Республика Македония", "Македония"], ["前南斯拉夫的马其顿共和国", "马其顿"]),
    "MM": (["Мьянма", "Бирма"], []), "MN": ([], ["蒙古国"]), "SY": (["Сирийская Арабская Республика"], ["阿拉伯叙利亚共和国"]),
    "IR": (["Исламская Республика Иран"], ["伊朗伊斯兰共和国"]), "VN": (["Вьетнам", "Вьет Нам"], []),
    "LA": (["Лаосская Народно-Демократическая Республика"], ["老挝人民民主共和国"]),
    "BO": (["Многонациональное Государство Боливия"], ["多民族玻利维亚国"]),
    "VE": (["Боливарианская Республика Венесуэла"], ["委内瑞拉玻利瓦尔共和国"]),
    "TZ": (["Объединенная Республика Танзания"], ["坦桑尼亚联合共和国"]),
    "CD": (["Демократическая Республика Конго", "ДРК"], ["刚果民主共和国", "刚果（金）"]),
    "AE": (["Объединенные Арабские Эмираты", "ОАЭ"], []), "CF": (["Центральноафриканская Республика", "ЦАР"], []),
    "DE": (["ФРГ", "Федеративная Республика Германия"], ["东德", "西德", "德意志联邦共和国"]),
    "CG": (["Республика Конго", "Конго"], ["刚果"]),
    "PS": (["Палестина", "Государство Палестина"], ["巴勒斯坦", "巴勒斯坦国"]),
    "CI": (["Кот-д'Ивуар", "Кот д'Ивуар"], []), "LY": (["Ливия"], ["利比亚"]),
}
# Adjectives the Russian text may use instead of the name («британской»): enough to conclude that
# the country is mentioned, not to report it.
LOOSE = {"GB": ["британ"], "CZ": ["чеш"], "US": ["американ"], "DE": ["немец", "герман"], "FR": ["француз"],
         "TR": ["турец"], "CN": ["китай"], "RU": ["россий"], "CI": ["ивуар"], "IL": ["израил"]}
# The one-character names Chinese uses in compounds (中俄印, 以政府, 美方): enough to conclude that the
# country is mentioned where the character stands beside another such name or before a word of state.
ZH_ONE_CHARACTER = {"CN": "中", "RU": "俄", "US": "美", "GB": "英", "FR": "法", "DE": "德", "JP": "日", "IN": "印",
                    "IL": "以", "KR": "韩", "VN": "越", "AU": "澳", "CA": "加", "IT": "意", "PK": "巴", "UA": "乌",
                    "SY": "叙", "EG": "埃", "LB": "黎", "TR": "土", "KZ": "哈", "TJ": "塔", "KG": "吉"}
ZH_AFTER_ONE_CHARACTER = ("方", "政府", "军", "两国", "三国", "双方", "关系", "边境", "总统", "总理", "外长",
                          "属", "籍", "裔")  # 美属维尔京群岛: «Виргинские острова Соединенных Штатов»
# Chinese words for "that country": the name said once before, as Russian says «страна».
ZH_THAT_COUNTRY = ("该国", "这个国家", "该国家", "本国")
# Words of long names that say what kind of state it is, not which: no evidence of a mention.
GENERIC = {"респу", "корол", "федер", "госуд", "демок", "народ", "объед", "ислам", "араб", "соеди", "штаты",
           "много", "остро", "болив", "бывша", "югос", "север", "южна", "запад", "восто", "новая", "новой"}
CURRENCY = re.compile(r"(?:долл\.|доллар[а-я]*)\s+США")  # a currency, not a mention of the country
RU_WORD = re.compile(r"[А-ЯЁа-яёA-Za-z][А-ЯЁа-яёA-Za-z'’-]*")


@lru_cache(maxsize=1)
def countries() -> dict[str, tuple[list[str], list[str]]]:
    """Country code -> (Russian names, Chinese names)."""
    from babel import Locale

    ru, zh = Locale("ru").territories, Locale("zh").territories
    out = {}
    for code in ru:
        if not code.isalpha() or code not in zh or len(code) != 2 or code in NOT_COUNTRIES:
            continue
        extra = ALIASES.get(code, ([], []))
        ru_names = [n for n in [_plain(ru[code])] + extra[0] if n]
        zh_names = [n for n in [_plain(zh[code])] + extra[1] if n]
        out[code] = (list(dict.fromkeys(ru_names)), list(dict.fromkeys(zh_names)))
    return out


@lru_cache(maxsize=1)
def country_tags() -> dict[str, str]:
    """Chinese country names jieba cuts as words but tags as something else (也门 'd', 加纳 'v',
    马里 'q'), tagged as places (`corpus.nlp.retag_words`): words of meaning for the word links
    and the divergence checks, candidates for the glossary. Every run tags them so, whatever ran
    before it in the process."""
    import jieba

    from ruzh.corpus.nlp import pipeline

    pipeline("zh")  # jieba's dictionary loaded
    return {name: "ns" for _, zh in countries().values() for name in zh if jieba.get_FREQ(name)}


def _plain(name: str) -> str:
    """CLDR's display name without what no text writes: «Мьянма (Бирма)», «Конго - Киншаса», 刚果（金）."""
    if " - " in name or "（" in name:
        return ""
    return re.sub(r"\s*\(.*\)", "", name).strip()


@lru_cache(maxsize=20_000)
def _forms(word: str) -> frozenset[str]:
    """Every form pymorphy3 inflects a word of a name to, in lower case (the word itself if it cannot)."""
    from ruzh.corpus.nlp import morph_analyzer

    parses = [p for p in morph_analyzer().parse(word) if "nomn" in p.tag or p.normal_form == word.lower()]
    forms = {word.lower()}
    for p in parses[:2]:
        forms |= {f.word for f in p.lexeme}
    return frozenset(_lower(f) for f in forms)


def _lower(word: str) -> str:
    """Lower case without ё, which official texts mostly do not print."""
    return word.lower().replace("ё", "е")


@lru_cache(maxsize=1)
def _russian_index() -> dict[str, list[tuple[str, tuple[frozenset[str], ...], str]]]:
    """First word form -> [(code, forms of each further word, name)], longest names first."""
    index: dict[str, list] = {}
    for code, (names, _) in countries().items():
        for name in names:
            words = RU_WORD.findall(name)
            if not words:
                continue
            rest = tuple(_forms(w) if not w.isupper() else frozenset({_lower(w)}) for w in words[1:])
            first = _forms(words[0]) if not words[0].isupper() else frozenset({_lower(words[0])})
            for form in first:
                index.setdefault(form, []).append((code, rest, name))
    for entries in index.values():
        entries.sort(key=lambda e: -len(e[1]))
    return index


@lru_cache(maxsize=1)
def _chinese_index() -> dict[str, list[tuple[str, str]]]:
    """First two characters -> [(name, code)], longest first."""
    index: dict[str, list] = {}
    for code, (_, names) in countries().items():
        for name in names:
            index.setdefault(name[:2], []).append((name, code))
    for entries in index.values():
        entries.sort(key=lambda e: -len(e[0]))
    return index


ZH_STATE_WORDS = re.compile(r"(伊斯兰|联邦|人民|民主|多民族|玻利瓦尔|联合)*(共和国|王国|国)")


def country_named(text: str, lang: str) -> str | None:
    """The country a text names and nothing more («Судана», «Республика Казахстан», 苏丹,
    哈萨克斯坦共和国), if it names one: the words around the name may only say what kind of state it is."""
    if lang == "zh":  # 塞浦路斯共和国 is one word to jieba, so no mention at a word's edge: by string
        names, text = _chinese_names(), text.strip()
        return names.get(text) or names.get(ZH_STATE_WORDS.sub("", text))
    for code, (_, start, end) in mentioned(text, lang).items():
        rest = (text[:start] + " " + text[end:]).strip(" .")
        if lang == "ru" and all(_lower(w)[:5] in GENERIC for w in RU_WORD.findall(rest)):
            return code
    return None


@lru_cache(maxsize=1)
def _chinese_names() -> dict[str, str]:
    return {name: code for code, (_, names) in countries().items() for name in names}


def mentioned(text: str, lang: str) -> dict[str, tuple[str, int, int]]:
    """Country code -> (the words that name it, start, end), the first mention of each."""
    return _russian_mentions(text) if lang == "ru" else _chinese_mentions(text)


def _russian_mentions(text: str) -> dict[str, tuple[str, int, int]]:
    text = CURRENCY.sub(lambda m: " " * len(m.group(0)), text)
    index, found, k = _russian_index(), {}, 0
    words = _russian_words(text, index)
    while k < len(words):
        word = words[k][0]
        match = None
        if word[:1].isupper():
            for code, rest, name in index.get(_lower(word), ()):
                if word.isupper() and len(word) > 1 and not name.split()[0].isupper():
                    continue  # «ГУАМ», an organisation, is not «Гуам»
                following = words[k + 1 : k + 1 + len(rest)]
                if len(following) == len(rest) and all(_lower(w[0]) in forms for w, forms in zip(following, rest)):
                    match = (code, len(rest) + 1)
                    break
        if match:
            code, length = match
            start, end = words[k][1], words[k + length - 1][2]
            found.setdefault(code, (text[start:end], start, end))
            k += length
        else:
            k += 1
    return found


def _russian_words(text: str, index: dict) -> list[tuple[str, int, int]]:
    """The words of a text; a hyphenated compound of capitalized words that is no name of its own is
    split («Соединенного Королевства-Норвегии»: two countries; «Гвинея-Бисау» stays one)."""
    out = []
    for word in RU_WORD.finditer(text):
        parts, at = word.group(0).split("-"), word.start()
        if len(parts) == 1 or not all(p[:1].isupper() for p in parts) or _lower(word.group(0)) in index:
            parts = [word.group(0)]
        for part in parts:
            out.append((part, at, at + len(part)))
            at += len(part) + 1
    return out


def _chinese_mentions(text: str) -> dict[str, tuple[str, int, int]]:
    starts, ends = _word_edges(text)
    index, found, k = _chinese_index(), {}, 0
    while k < len(text) - 1:
        match = None
        if k in starts:
            match = next(((name, code) for name, code in index.get(text[k : k + 2], ())
                          if text.startswith(name, k) and _ends_name(text, k + len(name), ends)), None)
        if match:
            name, code = match
            found.setdefault(code, (name, k, k + len(name)))
            k += len(name)
        else:
            k += 1
    return found


# What may follow a name inside one jieba word: 以色列政府, 古巴人, 也门境内 (but not 卜 of 马里卜).
ZH_NAME_SUFFIXES = ("政府", "人民", "人", "籍", "军", "方", "境内", "国内", "代表团", "总统", "总理", "外交部", "当局",
                    "国", "的", "问题", "局势", "和", "及", "与", "、")


# Single characters that may follow a name as a word of their own; any other lone character after
# it is more likely the rest of a longer transliteration (马里 + 卜 is Marib, not Mali).
ZH_AFTER_NAME = set("的和与及、在是对向从于为将已也都等国人省市方军籍队")


def _ends_name(text: str, end: int, ends: frozenset[int]) -> bool:
    if end >= len(text) or not _is_han(text[end]) or text.startswith(ZH_NAME_SUFFIXES, end):
        return True
    if end not in ends:
        return False
    lone = end + 1 in ends or end + 1 == len(text)  # the next word is one character long
    return not lone or text[end] in ZH_AFTER_NAME


def _is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


@lru_cache(maxsize=50_000)
def _word_edges(text: str) -> tuple[frozenset[int], frozenset[int]]:
    """Where jieba starts and ends words: a name begins at a start (not 中国 in 发展中国家) and ends
    at an end or before a word it may fuse with (以色列政府)."""
    from ruzh.corpus import analyze

    tokens = analyze(text, "zh")[0]
    return frozenset(t.start for t in tokens), frozenset(t.start + len(t.text) for t in tokens)


def absent(code: str, text: str, lang: str) -> bool:
    """No name of the country in text, not even a loose one: strict to find a name, loose to
    conclude it is missing («российской» mentions Russia, «армянам» Armenia; 阿拉伯叙利亚共和国 names 叙利亚)."""
    if code in mentioned(text, lang):
        return False
    ru_names, zh_names = countries()[code]
    if lang == "ru":
        stems = [w[:3].lower() for n in ru_names for w in RU_WORD.findall(n)
                 if len(w) > 3 and not w.isupper() and w[:5].lower() not in GENERIC] + LOOSE.get(code, [])
        lowered = text.lower()
        return not any(stem in lowered for stem in stems)
    if any(n[:2] in text for n in zh_names):
        return False
    return not _one_character_name(code, text)


def _one_character_name(code: str, text: str) -> bool:
    """中 in 中俄印 or 中方, 以 in 以政府: the country's one-character name where it can only be that."""
    char = ZH_ONE_CHARACTER.get(code)
    if not char:
        return False
    others = "".join(c for k, c in ZH_ONE_CHARACTER.items() if k != code)
    pattern = rf"[{others}]{char}|{char}[{others}]|{char}(?:{'|'.join(ZH_AFTER_ONE_CHARACTER)})"
    return re.search(pattern, text) is not None


# Russian words for a country not named: «в стране», «режим», «правительство» (也门境内, 叙利亚政权, 智利).
RU_A_COUNTRY = re.compile(r"\b(?:стран[аыеуо]й?|режим\w*|правительств\w*|власт[ьи]\w*)\b", re.IGNORECASE)


def refers_to_a_country(ru_text: str) -> bool:
    """Whether a Russian text speaks of a country without naming it, as a Chinese one then names it."""
    return RU_A_COUNTRY.search(ru_text) is not None


def that_country(text: str) -> bool:
    """Whether a Chinese text refers to a country as "that country" (该国) instead of naming it."""
    return any(w in text for w in ZH_THAT_COUNTRY)


# A body named after its country, which the Russian text may call by an acronym (马里稳定团 —
# МИНУСМА, 以色列国防军 — ЦАХАЛ, 科特迪瓦共和军 — РСКИ).
ZH_BODY_AFTER_NAME = re.compile(r"^[\u4e00-\u9fff()（）]{0,6}?(?:特派团|稳定团|维和部队|部队|国防军|共和军|武装力量|"
                                r"人民阵线|阵线|办事处|行动|观察团|援助团|综合办|支助团|特别法庭)"
                                # 德国航天中心 = «ДЛР»: a few words of what it does, none a function word (日本向该银行)
                                r"|^[^的是在向和与及了对为将该由从把被、，。；\s]{0,4}?(?:中心|法典|研究所|研究院|大学|基金会|"
                                r"财团|公司|银行|协会)")
RU_ACRONYM = re.compile(r"\b[А-ЯЁ]{3,}\b")


def inside_body_name(zh_text: str, end: int, ru_text: str) -> bool:
    """Whether the Chinese country name ending at `end` begins the name of a body, and the Russian
    text has an acronym that may be that body's."""
    return bool(ZH_BODY_AFTER_NAME.match(zh_text[end:])) and RU_ACRONYM.search(ru_text) is not None
