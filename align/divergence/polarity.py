"""Negation and modality: what one version negates or obliges that the other affirms or permits.

A negation is a marker (Russian «не», «нет»; Chinese 不, 未, 没有, 无, 非, 勿…) and the word it
negates. It agrees when the word's partner in the other version is negated too, by a marker
before it or inside it (不可剥夺 for «неотъемлемый», 非政府 for «неправительственный»: the
Russian prefix не- counts as a negation of the word it is part of). Fixed expressions whose
negation is no negation of content («не только», 不断, 无论, 非洲) are left out.

Modality is obligation («должны», «следует», 应, 必须) against possibility («могут», «можно», 可以):
a finding when one version obliges where the other only permits.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ruzh.align.divergence.evidence import SentencePair
from ruzh.align.words import PARTNER, Word

RU_NEGATIONS = {"не", "нет", "ни"}
# Words that carry a negation of their own: the first three are counted among a side's negations;
# all of them recognise a negation the other side agrees with.
RU_NEGATING_PARTICLES = {"без", "вне", "нельзя"}
RU_NEGATING_WORDS = RU_NEGATING_PARTICLES | {"отсутствие", "отсутствовать", "запрещать", "запрет", "лишать",
                     "исключение", "избегать", "предотвращать", "прекращать", "препятствовать",
                     "мешать", "отказываться", "отказ", "воздерживаться", "воздержаться",
                     # a lack, a delay, a loss or an opposition: 未及时执行 for «задержки в выполнении»
                     "задержка", "задерживать", "против", "недостаток", "нехватка", "потеря", "утрата", "терять",
                     "утрачивать", "лишение", "упускать", "свободный"}  # «свободной от ядерного оружия»: 无核武器
AGREE_BEFORE, AGREE_AFTER = 4, 2  # the words around a partner in which its negation may stand
RU_NOT_NEGATING = re.compile(r"(?:не\s+(?:только|просто|менее|более|позднее|ранее|раз|так|то|столько|мало|смотря)\b"
                             r"|ни\s+(?:один|одна|одно|одни|в\s+коем|было)\b|ни\b"
                             r"|не\s+имеющ\w*\s+выхода\s+к\s+морю)", re.IGNORECASE)
ZH_NEGATION_CHARS = "不未没无非勿否毋"
# Words with a negation character whose meaning is not negated, or whose Russian counterpart
# carries no negation either.
ZH_NOT_NEGATING = {
    "不断", "不仅", "不但", "无论", "不论", "非洲", "非常", "除非", "不同", "不少", "无数", "非盟", "无疑",
    "不久", "毫无疑问", "未来", "无线", "无人机", "没收", "否则", "是否", "能否", "可否", "与否", "不得不", "不管",
    "南非", "北非", "西非", "东非", "中非", "不必要", "不限", "不扩散", "防扩散", "最不发达", "不超过", "不少于",
    "不低于", "不迟于", "不分", "不仅仅",
}
# Chinese words that negate by their meaning (prevent, refuse, lack): a negation the other side may agree with.
ZH_NEGATING_WORDS = {"除非", "免于", "缺乏", "缺少", "禁止", "防止", "避免", "阻止", "阻碍", "拒绝", "停止", "制止",
                     "杜绝", "消除", "不受", "失去", "丧失", "反对", "排除", "免除", "抵制", "拖延", "延误"}
RU_OBLIGATION = {"должный", "долженствовать", "обязанный", "обязать", "следовать", "надлежать", "необходимо",
                 "обязательно", "обязательный"}
RU_POSSIBILITY = {"мочь", "можно", "вправе", "возможно", "допускаться", "разрешаться"}
ZH_OBLIGATION = {"应", "应当", "应该", "必须", "须", "务必", "必需", "应予", "需"}
ZH_POSSIBILITY = {"可", "可以", "能", "能够", "可能", "得以", "允许"}
ZH_MODALS = ZH_OBLIGATION | ZH_POSSIBILITY
ZH_MODAL_ADVERBS = set("还也亦均都并仍则更尤皆")  # jieba's HMM glues them to a modal: 还应, 也可
# Verbs of remarking: «можно отметить», «следует подчеркнуть», 应该指出 introduce what is said, whatever the modal
REMARKS = {"отметить", "указать", "подчеркнуть", "сказать", "напомнить", "заметить", "констатировать", "упомянуть",
           "指出", "强调", "提及", "提到", "说明", "回顾", "注意"}
NEAR = 3  # a marker negates a word at most this many words after it
# «пока цель не достигнута»: "until", whose «не» negates nothing (在实现…之前)
RU_UNTIL = re.compile(r"\bпока(?:\s+\S+){0,3}\s+$", re.IGNORECASE)
# Words made with не- that negate nothing a translation would render as a negation.
RU_NOT_PREFIXED = {"непосредственный", "непосредственно", "немедленный", "немедленно", "незамедлительно",
                   "незамедлительный", "недавний", "недавно", "несколько"}
# A cessation denied is a continuation («не прекращались» — 继续进行)
RU_CESSATION = {"прекращаться", "прекращать", "прекратиться", "прекратить", "переставать", "перестать"}
ZH_CONTINUATION = ("继续", "持续", "不断", "仍", "一直")
# ... and the other way round: 疫情仍未结束 for «эпидемия продолжается»
ZH_CESSATION = {"结束", "停止", "中止", "终止", "停息", "平息"}
RU_CONTINUATION = re.compile(r"\b(?:продолжа|сохраня|по-прежнему|всё ещё|все ещё|до сих пор)", re.IGNORECASE)
# Particles that negate the verb after them; 无 and 非 make words («без», не-) and are left to `negated`.
ZH_PARTICLES = {"不", "未", "没有", "没", "勿", "不得", "不能", "不会", "不应", "不应该", "不应当", "未能",
                "尚未", "并未", "从未", "不再", "决不", "绝不", "无法", "不可", "并不", "不要", "别"}
NEGATED_POS = {"VERB", "AUX"}  # a particle before an adjective or noun is word formation (不公正, 不发达国家)


def negated(words: list[Word], k: int, lang: str) -> bool:
    """Whether word k may be negated, leniently: a negation in the word or among the few words
    around it (Chinese puts 不 before a modal, Russian «не» before an auxiliary; 不可剥夺 and
    «неотъемлемый» negate inside the word)."""
    for i in range(max(0, k - AGREE_BEFORE), min(len(words), k + AGREE_AFTER + 1)):
        word = words[i]
        if lang == "zh" and any(ch in ZH_NEGATION_CHARS for ch in word.text) and word.text not in ZH_NOT_NEGATING:
            return True
        if lang == "zh" and word.text in ZH_NEGATING_WORDS:
            return True
        if lang == "ru" and (word.key in RU_NEGATIONS | RU_NEGATING_WORDS or _ru_negative_prefix(word.key)):
            return True
    return False


def zh_negating(token: str) -> bool:
    return token not in ZH_NOT_NEGATING and any(ch in ZH_NEGATION_CHARS for ch in token) and \
        not any(w in token for w in ZH_NOT_NEGATING if len(w) > 1)


def _ru_negative_prefix(lemma: str) -> bool:
    """«неотъемлемый», «беспрепятственный», «безвозмездный»: a word made with не-, без-, бес-."""
    return (len(lemma) > 6 and lemma.startswith(("не", "без", "бес")) and lemma not in RU_NOT_PREFIXED
            and not lemma.startswith("безопасн"))  # security (安全) is no "without danger"


@lru_cache(maxsize=50_000)
def _ru_prefixed_negation(lemma: str) -> bool:
    """«неправительственный», «неотъемлемый», «нераспространение»: не- before a word of its own (or a bound stem)."""
    if not lemma.startswith("не") or len(lemma) < 6 or lemma in RU_NOT_PREFIXED:
        return False
    from ruzh.corpus.nlp import morph_analyzer

    rest = lemma[2:]
    morph = morph_analyzer()
    return any(p.is_known and p.normal_form == rest for p in morph.parse(rest))


def markers(sp: SentencePair, lang: str) -> list[int]:
    """Positions of the words a side negates with a particle of its own («не» / 不, 未, 没有…).

    Negations inside words (неправительственный, 不可剥夺) are not markers: many are lexical
    («недостатки», 不断), and they serve only to recognise a negation the other side agrees with."""
    words, text = sp.tokens(lang), sp.side(lang).text
    out = []
    for k, word in enumerate(words):
        particle = (word.key in RU_NEGATIONS and not RU_NOT_NEGATING.match(text[word.start:])
                    and not RU_UNTIL.search(text[:word.start])) if lang == "ru" \
            else (word.text in ZH_PARTICLES and not text.startswith(tuple(ZH_NOT_NEGATING), word.start))
        if not particle:
            continue
        if lang == "zh" and len(word.text) > 1:
            out.append(k)  # 不应, 不能, 无法: the negated modal is the word itself
            continue
        target = next((i for i in range(k + 1, min(len(words), k + 1 + NEAR)) if words[i].content), None)
        if target is None or lang == "zh" and words[target].pos not in NEGATED_POS:
            continue  # 不 before an adjective or a noun makes a word (不平等), it negates no verb
        if lang == "ru" and words[target].key in RU_CESSATION and any(w in sp.zh.text for w in ZH_CONTINUATION):
            continue
        if lang == "zh" and words[target].key in ZH_CESSATION and RU_CONTINUATION.search(sp.ru.text):
            continue
        out.append(target)
    return list(dict.fromkeys(out))


def negations(sp: SentencePair, lang: str) -> int:
    """Every negation a side has: particles, negated words, «без» / 无."""
    words, text = sp.tokens(lang), sp.side(lang).text
    if lang == "ru":
        return sum(1 for w in words if (w.key in RU_NEGATIONS | RU_NEGATING_PARTICLES
                                        and not RU_NOT_NEGATING.match(text[w.start:]))
                   or (w.content and _ru_prefixed_negation(w.key)))
    return sum(1 for w in words if zh_negating(w.text))


# Chinese negated modals and aspects and what they affirm (无法实现 -> 能实现, 尚未完成 -> 已完成)
ZH_AFFIRMED = {"没有": "", "无法": "能", "不能": "能", "不可": "可", "未能": "能", "尚未": "已", "并未": "已",
               "从未": "曾", "不得": "可", "不应该": "应该", "不应当": "应当", "不应": "应", "不会": "会",
               "不再": "再", "决不": "", "绝不": "", "并不": "", "不要": "要"}
_ZH_AFFIRMED_LONGEST_FIRST = sorted(ZH_AFFIRMED, key=len, reverse=True)  # 不应该 before 不应


def without_negation(text: str, start: int, end: int, lang: str) -> str:
    """The text with the negation that opens text[start:end] taken out: «не участвуют» -> «участвуют»,
    未满足 -> 满足, 无法实现 -> 能实现; the text as it is when the span opens with no negation."""
    span = text[start:end]
    if lang == "ru":
        affirmed = re.sub(r"^(?:не|ни|нет)\s+", "", span, flags=re.IGNORECASE)
    else:
        particle = next((p for p in _ZH_AFFIRMED_LONGEST_FIRST if span.startswith(p)), None)
        if particle is not None:
            affirmed = ZH_AFFIRMED[particle] + span[len(particle):]
        else:
            affirmed = span[1:] if span[:1] in ZH_NEGATION_CHARS else span
    return text[:start] + affirmed + text[end:]


def partner(sp: SentencePair, lang: str, k: int) -> int | None:
    """The word of the other side that word k is best linked to, if the link is good enough."""
    scores = sp.words.scores
    if scores.size == 0:
        return None
    row = scores[k] if lang == "ru" else scores[:, k]
    j = int(row.argmax())
    return j if row[j] >= PARTNER else None


def modal(word: Word) -> str:
    """The word's key, or the modal inside a Chinese word jieba made of an adverb and a modal
    (还应 «also should»: 应)."""
    key = word.key
    if len(key) > 1 and key[0] in ZH_MODAL_ADVERBS and key[1:] in ZH_MODALS:
        return key[1:]
    return key


def modality(sp: SentencePair, lang: str) -> tuple[bool, bool]:
    """(obliges, permits) for a side."""
    keys = {modal(w) for w in sp.tokens(lang)}
    obligation, possibility = (RU_OBLIGATION, RU_POSSIBILITY) if lang == "ru" else (ZH_OBLIGATION, ZH_POSSIBILITY)
    return bool(keys & obligation), bool(keys & possibility)
