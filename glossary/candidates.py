"""Term candidates in each language, from tokens with part of speech.

Russian (pymorphy3 tags): noun phrases `ADJ* NOUN (genitive NP | acronym | по + dative NP)*`,
so «Деловой совет ШОС», «партнеры по диалогу», «Конвенция ШОС по противодействию экстремизму»;
acronym runs «РАТС ШОС», «ИК РАТС ШОС»; quoted titles «…».
Chinese (jieba tags): runs of words inside a clause that end in a noun (上合组织秘书处), 《》
titles, and the items of 、-enumerations (which the clause split gives).
A candidate is identified by a key: the lemmas for Russian, the text for Chinese.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import lru_cache

from typing import TYPE_CHECKING

from ruzh.corpus.registry import registrar

if TYPE_CHECKING:
    from ruzh.corpus import Token

MAX_WORDS = 7
EXTRACTORS: dict[str, Callable[[str, list[Token]], list["Mention"]]] = {}


@dataclass(frozen=True)
class Mention:
    """One occurrence of a candidate in a text."""

    key: str  # the candidate: lemmas joined by spaces (ru) or the text itself (zh)
    surface: str  # the words as written
    start: int  # character offsets in the text
    end: int
    words: int
    lemmas: tuple[str, ...]
    tokens: tuple[Token, ...]
    whole: bool = False  # the mention is a whole item of a list (between commas, «и», 和…)
    title: bool = False  # the name of a document, quoted or not («Конвенция ШОС по противодействию экстремизму»)
    coordinated: bool = False  # two heads joined by «и» share what follows («министерства и ведомства …»)


extractor = registrar(EXTRACTORS)


def mentions(text: str, tokens: list[Token], lang: str) -> list[Mention]:
    """Every term candidate in one text (overlapping ones included: termhood sorts them out)."""
    if lang == "ru":
        tokens = _in_lower_case(text, tokens)
    found = EXTRACTORS[lang](text, tokens)
    ends = {t.start for t in tokens if _boundary(t)} | {t.start + len(t.text) for t in tokens if _boundary(t)}
    edges = ends | {0, len(text.rstrip("。.；; "))}
    held = _held(found)
    return [replace(m, whole=_edge(text, m.start, edges, -1) and _edge(text, m.end, edges, 1) and not inside)
            for m, inside in zip(found, held)]


def _held(found: list[Mention]) -> list[bool]:
    """For each mention, whether a candidate that starts earlier holds it: «Северной Ирландии»
    after «и» is an item of «Великобритании и Северной Ирландии», not of the list the name is in.
    Coordinated heads hold nothing: «партнеры по диалогу» is an item beside «наблюдатели»."""
    end_from: dict[int, int] = {}
    for m in found:
        if not m.coordinated:
            end_from[m.start] = max(end_from.get(m.start, -1), m.end)
    reach_before: dict[int, int] = {}  # start -> the furthest end of the mentions starting before it
    furthest = -1
    for start in sorted(end_from):
        reach_before[start] = furthest
        furthest = max(furthest, end_from[start])
    return [reach_before[m.start] >= m.end for m in found]


def _boundary(t: Token) -> bool:
    return t.pos in ("PUNCT", "CCONJ")


def _edge(text: str, offset: int, edges: set[int], direction: int) -> bool:
    """Whether only spaces separate the offset from a list boundary on that side."""
    while 0 < offset < len(text) and text[offset if direction > 0 else offset - 1] == " ":
        offset += direction
    return offset in edges


def _mention(text: str, tokens: list[Token], key_of=None) -> Mention:
    start, end = tokens[0].start, tokens[-1].start + len(tokens[-1].text)
    lemmas = tuple(t.lemma if not is_acronym(t) else t.text for t in tokens)
    key = key_of(tokens) if key_of else " ".join(lemmas)
    return Mention(key, text[start:end], start, end, len(tokens), lemmas, tuple(tokens))


# ---------------------------------------------------------------- Russian

RU_NOUN = {"NOUN", "PROPN"}
RU_ADJ = {"ADJ", "DET"}  # DET: pymorphy3's «другой», «свой» are not term words, filtered below
RU_NON_TERM_ADJ = {"другой", "свой", "этот", "тот", "весь", "каждый", "который", "такой", "иной", "данный",
                   "соответствующий", "настоящий", "заинтересованный", "необходимый"}


def is_acronym(token: Token) -> bool:
    return len(token.text) >= 2 and token.text.isupper() and token.text.isalpha()


def _in_lower_case(text: str, tokens: list[Token]) -> list[Token]:
    """The tokens of a heading in capitals («ПОЛИТИЧЕСКОЕ ВЗАИМОДЕЙСТВИЕ») with its dictionary words
    in lower case, so that they are words and not acronyms; its acronyms («ШОС») stay as they are.
    Any other text is left alone: «доклада ЮНКТАД» holds an acronym pymorphy3 happens to know."""
    words = [t for t in tokens if t.text.replace("-", "").isalpha()]
    plain = [t for t in words if t.text.isupper() and any(_dictionary_word(p) for p in t.text.split("-"))]
    if sum(len(t.text) > 3 for t in plain) < 2 or not all(t.text.isupper() for t in words):
        return tokens
    return [replace(t, text=t.text.lower()) if t in plain else t for t in tokens]


@lru_cache(maxsize=10_000)
def _dictionary_word(word: str) -> bool:
    """A word pymorphy3 knows as a common word (not an abbreviation or a name), or a preposition or
    conjunction; not below four letters otherwise: ВОЗ is WHO before it is a cart."""
    from ruzh.corpus.nlp import morph_analyzer

    known = [p for p in morph_analyzer().parse(word) if p.is_known]
    if not known:
        return False
    if known[0].tag.POS in ("PREP", "CONJ", "PRCL"):
        return True
    return len(word) >= 4 and not any(mark in p.tag for p in known for mark in ("Abbr", "Orgn", "Geox", "Name", "Surn"))


def _case(token: Token) -> str | None:
    for case in ("nomn", "gent", "datv", "accs", "ablt", "loct", "gen2", "loc2"):
        if case in token.tag:
            return case
    return None


def _may_be(t: Token, case: str) -> bool:
    """Whether one of the word's readings is in the case: «ликвидации», «Югославии» are genitive,
    dative or prepositional alike, and the tagger picks one."""
    from ruzh.corpus.nlp import morph_analyzer

    return any(p.tag.case == case for p in morph_analyzer().parse(t.text))


def _is_adj(t: Token) -> bool:
    return (t.pos in RU_ADJ or t.tag.startswith("PRTF")) and t.lemma not in RU_NON_TERM_ADJ and t.text.isalpha() \
        or (t.pos == "ADJ" and "-" in t.text)


# Heads of the action phrases that open plan items («Проведение…», «Развитие…») and vague nouns:
# not terms, unless an adjective qualifies them inside a sentence («устойчивое развитие»).
RU_ACTION_HEADS = {
    "проведение", "обеспечение", "развитие", "реализация", "совершенствование", "использование", "налаживание",
    "расширение", "создание", "формирование", "привлечение", "повышение", "наращивание", "выработка",
    "разработка", "продолжение", "активизация", "углубление", "согласование", "рассмотрение", "принятие",
    "выполнение", "участие", "содействие", "укрепление", "осуществление", "подготовка", "изучение", "поддержка",
    "проработка", "закрепление", "подключение", "доведение", "выявление", "установление", "стимулирование",
    "включение", "сохранение", "выделение", "предотвращение", "распространение", "сближение", "вопрос",
    "основа", "рамка", "цель", "сфера", "область", "связь", "практика", "ряд", "часть", "сторона", "период",
}


def _is_noun(t: Token) -> bool:
    return t.pos in RU_NOUN and not t.text.isdigit() and any(c.isalpha() for c in t.text)


@extractor("ru")
def russian(text: str, tokens: list[Token]) -> list[Mention]:
    found: list[Mention] = []
    for start in range(len(tokens)):
        for end, coordinated in _russian_phrase_ends(tokens, start):
            found.append(replace(_mention(text, tokens[start:end]), coordinated=coordinated))
    found += _quoted_titles(text, tokens, "«", "»") + _document_titles(text, tokens)
    return found


# Documents whose names Russian writes unquoted and capitalized: «Реализация Соглашения между
# правительствами государств-членов ШОС о сотрудничестве в области культуры от 16 августа 2007 года».
RU_DOCUMENTS = {"соглашение", "конвенция", "программа", "стратегия", "договор", "декларация", "перечень",
                "концепция", "протокол", "план", "реестр", "хартия", "меморандум", "устав", "заявление", "правило"}
TITLE_WORDS = 40


def _document_titles(text: str, tokens: list[Token]) -> list[Mention]:
    """A capitalized document word inside a sentence (with its capitalized adjectives: «Антинаркотической
    стратегии», «Единый реестр») and its words up to the end of the clause: a comma or stop, a date
    after «от», or «и» before an action («… от 2010 года и активизация работы…»)."""
    found = []
    for start, token in enumerate(tokens):
        head = start
        while head < len(tokens) and _is_adj(tokens[head]) and tokens[head].text[:1].isupper():
            head += 1
        if head == len(tokens) or tokens[head].lemma not in RU_DOCUMENTS or not tokens[start].text[:1].isupper() \
                or (start and _is_adj(tokens[start - 1]) and tokens[start - 1].text[:1].isupper()):
            continue
        end = head + 1
        while end < len(tokens) and end - start < TITLE_WORDS and not _ends_title(tokens, end):
            end += 1
        while end > head + 1 and not _is_noun(tokens[end - 1]):  # a title ends on a noun
            end -= 1
        if end - head > 1:  # a title says what the document is about: «Стратегия» alone is no title
            found.append(replace(_mention(text, tokens[start:end]), title=True))
    return found


def _ends_title(tokens: list[Token], k: int) -> bool:
    t = tokens[k]
    after = tokens[k + 1] if k + 1 < len(tokens) else None
    between_adjectives = t.text == "," and after is not None and _is_adj(after) and _is_adj(tokens[k - 1])
    if t.pos == "PUNCT" and t.text not in ("-", "–") and not between_adjectives:  # «террористических, сепаратистских…»
        return True
    if t.text.lower() == "от" and after is not None and (after.text[:1].isdigit() or after.pos == "NUM"):
        return True
    return t.text.lower() == "и" and after is not None and after.lemma in RU_ACTION_HEADS


def _russian_phrase_ends(tokens: list[Token], start: int) -> list[tuple[int, bool]]:
    """The ends of the noun phrases that begin at `start` (each a candidate), and whether the
    phrase joins two heads."""
    ends: list[int] = []
    k = start
    while k < len(tokens) and _is_adj(tokens[k]) and k - start < MAX_WORDS:
        k += 1
    if k >= len(tokens) or not _is_noun(tokens[k]) \
            or tokens[k].lemma in RU_ACTION_HEADS and not _qualified_action(start, k):
        return ends
    head = k
    k += 1
    if _apposition(tokens, head):  # «Исламская Республика Иран»: the name belongs to the term
        ends.append(k)
        k += 1
    ends.append(k)
    ends += _complement_ends(tokens, k, start)
    second = _second_conjunct(tokens, head)
    # «министерства и ведомства государств-членов»: the complement is shared
    coordinated = _complement_ends(tokens, second, start) if second is not None else []
    if second is not None and _is_proper_name(tokens[head]) and _is_proper_name(tokens[second - 1]):
        coordinated.insert(0, second)  # «Босния и Герцеговина»: two names may make one
    return [(e, e in coordinated) for e in ends + coordinated if e - start <= MAX_WORDS]


def _qualified_action(start: int, head: int) -> bool:
    """An action noun with an adjective before it, inside a sentence: «(в целях) устойчивого
    развития» is a term, «Регулярное проведение …» opening a plan item is not."""
    return head > start and start > 0


def _complement_ends(tokens: list[Token], k: int, start: int) -> list[int]:
    ends = []
    name = tokens[start].text[:1].isupper()
    while k < len(tokens) and k - start < MAX_WORDS:
        nxt = _russian_complement(tokens, k, name)
        if nxt is None:
            break
        k = nxt
        ends.append(k)
    return ends


def _second_conjunct(tokens: list[Token], head: int) -> int | None:
    """Where `head и ADJ* NOUN` ends, when the second noun agrees with the head in case and number:
    coordinated heads that share what follows. Only the phrase with that shared complement is a
    candidate; the heads alone are two terms («наблюдатели», «партнеры»), each found on its own."""
    if head + 2 >= len(tokens) or tokens[head + 1].text.lower() != "и":
        return None
    case = _case(tokens[head])
    j = head + 2
    while j < len(tokens) and _is_adj(tokens[j]) and _case(tokens[j]) == case:
        j += 1
    if j >= len(tokens) or not _is_noun(tokens[j]) or is_acronym(tokens[j]) or _case(tokens[j]) != case \
            or _number(tokens[j]) != _number(tokens[head]) or tokens[j].lemma in RU_ACTION_HEADS:
        return None
    return j + 1


def _apposition(tokens: list[Token], head: int) -> bool:
    """A proper name in the nominative right after a capitalized head, whatever the head's case:
    «Республики Корея», «Демократической Республики Конго»."""
    return head + 1 < len(tokens) and tokens[head].text[:1].isupper() and _is_proper_name(tokens[head + 1]) \
        and ("nomn" in tokens[head + 1].tag or "Fixd" in tokens[head + 1].tag)


def _is_proper_name(token: Token) -> bool:
    """A proper name as pymorphy3 knows them (places, people, organisations), or one it does not know."""
    return token.text[:1].isupper() and not token.text.isupper() \
        and any(mark in token.tag for mark in ("Geox", "Name", "Surn", "Orgn", "Trad", "UNKN"))


def _number(token: Token) -> str | None:
    return "plur" if "plur" in token.tag else "sing" if "sing" in token.tag else None


# Heads that govern a complement other than the genitive: «противодействие терроризму», «борьба с терроризмом».
RU_DATIVE_HEADS = {"противодействие", "помощь", "угроза", "ущерб"}
RU_WITH_HEADS = {"борьба"}


def _russian_complement(tokens: list[Token], k: int, name: bool = False) -> int | None:
    """Where a complement starting at k ends: an acronym, a genitive NP, «по» + dative NP, or
    the dative or «с» + instrumental NP a head governs. In a name (`name`: it opens with a capital)
    «по» after a body's head opens the body's remit, whatever it says («Департамент по
    политическим вопросам», «Консультативный комитет по административным и бюджетным вопросам»)."""
    if is_acronym(tokens[k]):
        return k + 1
    case, remit = "gent", False
    if tokens[k].text.lower() == "по" and k + 1 < len(tokens):
        remit = name and tokens[k - 1].lemma in RU_BODY_HEADS
        case, k = "datv", k + 1
    elif tokens[k].text.lower() == "для" and name and tokens[k - 1].lemma in RU_BODY_HEADS:
        return _region(tokens, k + 1)  # «Экономическая комиссия для Африки»
    elif governed := _governed(tokens, k):
        case, k = governed
    end = _noun_phrase(tokens, k, case, remit)
    if end is not None and end + 1 < len(tokens) and tokens[end].text.lower() == "и":
        second = _noun_phrase(tokens, end + 1, case)  # «науки и техники»: coordinated complements
        return end if second is None or _governed(tokens, second) else second  # «терроризму и борьбе с …»
    return end


def _region(tokens: list[Token], k: int) -> int | None:
    """The end of a place's name in the genitive starting at k (`ADJ* NAME`: «Западной Азии»,
    «Латинской Америки»), or None: a body named for a region, not «механизм для Африки»."""
    end = _noun_phrase(tokens, k, "gent")
    if end is None or "Geox" not in tokens[end - 1].tag:
        return None
    return end


def _governed(tokens: list[Token], k: int) -> tuple[str, int] | None:
    """The case of the complement the noun before k governs at k, and where its noun phrase starts:
    «противодействию терроризму» (dative), «борьбе с терроризмом» (instrumental after «с»); None
    where it governs none there («развития и помощи» is one coordinated complement)."""
    if k == 0 or k >= len(tokens):
        return None
    head = tokens[k - 1].lemma
    if head in RU_DATIVE_HEADS and _case(tokens[k]) == "datv":
        return "datv", k
    if head in RU_WITH_HEADS and tokens[k].text.lower() in ("с", "со"):
        return "ablt", k + 1
    return None


# The heads of bodies' names, whose «по …» says what the body deals with.
RU_BODY_HEADS = {"департамент", "комитет", "подкомитет", "управление", "отдел", "комиссия", "совет", "группа", "центр",
                 "фонд", "программа", "служба", "канцелярия", "секция", "бюро", "агентство", "организация",
                 "конференция", "трибунал", "суд", "миссия", "институт", "форум", "сеть"}
# Nouns that end a term rather than extend it when they follow: «информация по вопросам…».
RU_VAGUE_COMPLEMENTS = {"вопрос", "линия", "основа", "рамка", "сфера", "область", "цель", "часть", "ряд", "случай"}


def _noun_phrase(tokens: list[Token], k: int, case: str, remit: bool = False) -> int | None:
    """The end of `ADJ* NOUN name?` in the given case starting at k, or None. A body's remit may
    join its adjectives with «и» or commas and end on a vague noun (`remit`: «по административным
    и бюджетным вопросам»)."""
    def in_case(t: Token) -> bool:  # in a body's remit «по» takes the dative, whatever the tagger read
        return _case(t) == case or remit and _may_be(t, case)

    j = k
    while j < len(tokens):
        if _is_adj(tokens[j]) and (remit or in_case(tokens[j])):  # «-ым»: the tagger may read instrumental
            j += 1
        elif remit and j > k and tokens[j].text in ("и", ",") and j + 1 < len(tokens) and _is_adj(tokens[j + 1]):
            j += 1
        else:
            break
    if j < len(tokens) and _is_noun(tokens[j]) and not is_acronym(tokens[j]) and in_case(tokens[j]) \
            and (remit or tokens[j].lemma not in RU_VAGUE_COMPLEMENTS):
        return j + 2 if _apposition(tokens, j) else j + 1
    return None


def _quoted_titles(text: str, tokens: list[Token], open_mark: str, close_mark: str) -> list[Mention]:
    found = []
    for m in re.finditer(f"{open_mark}([^{open_mark}{close_mark}]{{3,200}}){close_mark}", text):
        inside = [t for t in tokens if m.start(1) <= t.start and t.start + len(t.text) <= m.end(1)]
        if inside:
            found.append(_mention(text, inside, key_of=None if open_mark == "«" else _zh_key))
    return found


# ---------------------------------------------------------------- Chinese

ZH_NOUN_TAGS = {"n", "nr", "ns", "nt", "nz", "nrt", "nrfg", "vn", "j", "ng", "l", "an", "eng"}
ZH_FIRST_TAGS = ZH_NOUN_TAGS | {"b", "s"}  # s: 国内法律, 境外资产
ZH_INSIDE_TAGS = ZH_FIRST_TAGS | {"a", "v", "i", "f", "c"}  # a verb inside: only in frequent terms (build)
ZH_NAME_TAGS = {"ns", "nt", "nr", "nrt", "nz"}  # c inside: only a conjunction that joins two of these
ZH_NAME_JOINERS = {"及", "和", "与"}
# Vague heads that end no term (委员会有效工作, 旅游市场等方面), and generic nouns that are no term alone.
ZH_VAGUE_HEADS = {"问题", "方面", "领域", "工作", "进一步", "基础", "可能性", "情况", "形式", "作用", "框架", "背景",
                  "目的", "方式", "基础上"}
ZH_GENERIC = {"活动", "措施", "规定", "机制", "文件"}
ZH_TITLES = {"先生", "女士", "夫人", "阁下", "小姐"}  # Maria Delvin女士: the name is the term, not the courtesy title
ZH_NO_HEADS = ZH_VAGUE_HEADS | ZH_TITLES
# Verbs that do something to a noun and never describe it (进行规划, 采取行动, 举行抗议): no term opens with one
ZH_LIGHT_VERBS = {"进行", "采取", "举行", "开展", "作出", "做出", "给予", "予以", "加以"}  # not 实施: 实施伙伴


def chinese_mention(text: str, tokens: list[Token]) -> Mention:
    """A Chinese candidate made of these tokens, keyed as the extractor keys its own."""
    return _mention(text, tokens, key_of=_zh_key)


def _zh_key(tokens) -> str:
    return "".join(t.text for t in tokens)


@extractor("zh")
def chinese(text: str, tokens: list[Token]) -> list[Mention]:
    found: list[Mention] = []
    clause: list[Token] = []
    tokens = _meetings(tokens)
    for k, token in enumerate(tokens + [None]):
        if token is None or token.pos == "PUNCT" or token.tag in ("x", "w", "p", "uj") \
                or (token.tag == "c" and not _joins_names(tokens, k)):
            found += _chinese_spans(text, clause)
            clause = []
        else:
            clause.append(token)
    found += _quoted_titles(text, tokens, "《", "》") + _quoted_titles(text, tokens, "〈", "〉")  # 〈〉: a title inside one
    return found


def _meetings(tokens: list[Token]) -> list[Token]:
    """会 after who meets is a meeting, not "can" (外长会, 总理会, 专家会 are conventional short names of
    councils and meetings): joined to that word as one noun, unless a verb follows (成员国会加强)."""
    out: list[Token] = []
    for k, token in enumerate(tokens):
        following = tokens[k + 1] if k + 1 < len(tokens) else None
        if token.text == "会" and out and out[-1].tag in ZH_NOUN_TAGS and out[-1].start + len(out[-1].text) == token.start \
                and (following is None or following.tag not in ("v", "vd", "d", "ad", "a")):
            out[-1] = replace(out[-1], text=out[-1].text + "会", lemma=out[-1].text + "会", tag="n")
            continue
        out.append(token)
    return out


def _joins_names(tokens: list[Token], k: int) -> bool:
    """及, 和 or 与 between two names: one name (波斯尼亚和黑塞哥维那, 大不列颠及北爱尔兰联合王国); or
    between two words of a body's remit, before its head (经济和社会事务部, 行政和预算问题咨询委员会)."""
    if tokens[k].text not in ZH_NAME_JOINERS or not 0 < k < len(tokens) - 1:
        return False
    if tokens[k - 1].tag in ZH_NAME_TAGS and tokens[k + 1].tag in ZH_NAME_TAGS:
        return True
    return _a_remit(tokens, k)


ZH_BODY_HEADS = ("事务部", "委员会", "理事会", "事务厅", "事务司", "事务处", "事务局", "办公室", "基金", "规划署")
ZH_BODY_ENDS = ("会", "部", "署", "厅", "局", "处", "司", "组织", "机构")  # a body already: 大会和安全理事会 are two


def _a_remit(tokens: list[Token], k: int) -> bool:
    """Two short nouns joined at k, the second followed within a few words by a body's head, the
    first not a body itself (安全理事会和经济及社会理事会 are two)."""
    before, after = tokens[k - 1], tokens[k + 1]
    if before.tag not in ZH_NOUN_TAGS or after.tag not in ZH_INSIDE_TAGS or len(before.text) > 2 \
            or before.text.endswith(ZH_BODY_HEADS + ZH_BODY_ENDS):
        return False
    for token in tokens[k + 1 : k + 5]:
        if token.tag not in ZH_INSIDE_TAGS or token.text in ZH_NAME_JOINERS:
            return False
        if token.text.endswith(ZH_BODY_HEADS):
            return True
    return False


ZH_ORDINAL = re.compile(r"第[一二三四五六七八九十百两\d]+")  # 第五 (委员会), not 第三次 (会议): a name's number


def _chinese_spans(text: str, clause: list[Token]) -> list[Mention]:
    found = []
    for start in range(len(clause)):
        if clause[start].tag not in ZH_FIRST_TAGS and not _verb_modifier(clause, start) \
                and not _ordinal_before_noun(clause, start):
            continue
        for end in range(start + 1, min(start + 6, len(clause)) + 1):
            if clause[end - 1].tag not in ZH_INSIDE_TAGS and not _ordinal_before_noun(clause, end - 1):
                break
            last = clause[end - 1]
            span = clause[start:end]
            alone = end - start == 1
            if last.tag in ZH_NOUN_TAGS and last.text not in ZH_NO_HEADS \
                    and not (alone and last.text in ZH_GENERIC) \
                    and sum(len(t.text) for t in span) >= 2:
                found.append(_mention(text, span, key_of=_zh_key))
    return found


def _ordinal_before_noun(clause: list[Token], k: int) -> bool:
    """An ordinal that numbers the noun after it, as names of bodies and documents do: 第五委员会
    («Пятый комитет»), 日内瓦第四公约 («четвертая Женевская конвенция»)."""
    return bool(ZH_ORDINAL.fullmatch(clause[k].text)) and k + 1 < len(clause) and clause[k + 1].tag in ZH_NOUN_TAGS


def _verb_modifier(clause: list[Token], k: int) -> bool:
    """A two-character verb right before a noun may modify it (执法部门 «правоохранительные органы»,
    授权银行 «уполномоченный банк», 禁毒行动); it may as well govern it (打击恐怖主义): pairing and
    the rule that verbal terms recur (admissible) tell them apart."""
    return clause[k].tag == "v" and len(clause[k].text) == 2 and clause[k].text not in ZH_LIGHT_VERBS \
        and k + 1 < len(clause) and clause[k + 1].tag in ZH_NOUN_TAGS


def is_verbal(mention: Mention) -> bool:
    """A Chinese candidate with a verb inside (地区反恐机构): a term only if it recurs."""
    return any(t.tag == "v" for t in mention.tokens)
