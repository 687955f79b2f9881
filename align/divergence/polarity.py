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

from align.divergence.evidence import SentencePair
from align.words import PARTNER, Word

RU_NEGATIONS = {"не", "нет", "ни"}
RU_NOT_NEGATING = re.compile(r"\bне\s+(?:только|менее|более|позднее|ранее|раз|так|то|столько|мало|смотря)\b"
                             r"|\bни\s+(?:один|одна|одно|одни|в\s+коем)\b", re.IGNORECASE)
ZH_NEGATION_CHARS = "不未没无非勿否"
# Words with a negation character whose meaning is not negated, or whose Russian counterpart
# carries no negation either.
ZH_NOT_NEGATING = {
    "不断", "不仅", "不但", "无论", "不论", "非洲", "非常", "除非", "并非", "不同", "不少", "无数", "非盟", "无疑",
    "不久", "毫无疑问", "未来", "无线", "无人机", "没收", "否则", "是否", "能否", "可否", "与否", "不得不", "不管",
    "南非", "北非", "西非", "东非", "中非", "北非", "不必要",
}
RU_OBLIGATION = {"должный", "долженствовать", "обязанный", "обязать", "следовать", "надлежать", "необходимо",
                 "обязательно", "обязательный"}
RU_POSSIBILITY = {"мочь", "можно", "вправе", "возможно", "допускаться", "разрешаться"}
ZH_OBLIGATION = {"应", "应当", "应该", "必须", "须", "务必", "必需", "应予", "需"}
ZH_POSSIBILITY = {"可", "可以", "能", "能够", "可能", "得以", "允许"}
NEAR = 3  # a marker negates a word at most this many words after it


def negated(words: list[Word], k: int, lang: str, text: str) -> bool:
    """Whether word k is negated: by a marker just before it, or (Chinese, Russian не-) inside it."""
    word = words[k]
    if lang == "zh":
        if _zh_negated_word(word.text) or (_zh_negating(word.text) and len(word.text) > 1):
            return True
        return any(_zh_negating(words[i].text) and len(words[i].text) <= 2 for i in range(max(0, k - 2), k))
    if _ru_prefixed_negation(word.key):
        return True
    return any(words[i].key in RU_NEGATIONS and not RU_NOT_NEGATING.match(text[words[i].start:])
               for i in range(max(0, k - NEAR), k))


def _zh_negating(token: str) -> bool:
    return token not in ZH_NOT_NEGATING and any(ch in ZH_NEGATION_CHARS for ch in token) and \
        not any(w in token for w in ZH_NOT_NEGATING if len(w) > 1)


def _zh_negated_word(token: str) -> bool:
    """A short word that opens with a negation (不可, 无法, 未能, 非法); not a compound such as 无核武器区,
    whose Russian counterpart negates otherwise («свободной от ядерного оружия»)."""
    return 2 <= len(token) <= 3 and token[0] in ZH_NEGATION_CHARS and _zh_negating(token)


@lru_cache(maxsize=50_000)
def _ru_prefixed_negation(lemma: str) -> bool:
    """«неправительственный», «неотъемлемый», «нераспространение»: не- before a word of its own (or a bound stem)."""
    if not lemma.startswith("не") or len(lemma) < 6:
        return False
    from corpus.nlp import morph_analyzer

    rest = lemma[2:]
    morph = morph_analyzer()
    return any(p.is_known and p.normal_form == rest for p in morph.parse(rest))


def markers(sp: SentencePair, lang: str) -> list[int]:
    """Positions of the words a side negates: after a marker, or negated inside the word."""
    words, text = sp.tokens(lang), sp.side(lang).text
    out = []
    for k, word in enumerate(words):
        if lang == "ru" and word.key in RU_NEGATIONS:
            if RU_NOT_NEGATING.match(text[word.start:]):
                continue
            target = next((i for i in range(k + 1, min(len(words), k + 1 + NEAR)) if words[i].content), None)
            if target is not None:
                out.append(target)
        elif lang == "ru" and word.content and _ru_prefixed_negation(word.key):
            out.append(k)
        elif lang == "zh" and _zh_negating(word.text):
            if _zh_negated_word(word.text):
                out.append(k)
            elif len(word.text) <= 2:
                target = next((i for i in range(k + 1, min(len(words), k + 3)) if words[i].content), None)
                if target is not None:
                    out.append(target)
    return list(dict.fromkeys(out))


def partner(sp: SentencePair, lang: str, k: int) -> int | None:
    """The word of the other side that word k is best linked to, if the link is good enough."""
    scores = sp.words.scores
    if scores.size == 0:
        return None
    row = scores[k] if lang == "ru" else scores[:, k]
    j = int(row.argmax())
    return j if row[j] >= PARTNER else None


def modality(sp: SentencePair, lang: str) -> tuple[bool, bool]:
    """(obliges, permits) for a side."""
    keys = {w.key for w in sp.tokens(lang)}
    obligation, possibility = (RU_OBLIGATION, RU_POSSIBILITY) if lang == "ru" else (ZH_OBLIGATION, ZH_POSSIBILITY)
    return bool(keys & obligation), bool(keys & possibility)
