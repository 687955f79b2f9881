"""Dictionary forms: Russian terms in the nominative with agreeing adjectives; acronyms and their
expansions; Chinese full and short forms (上海合作组织 / 上合组织)."""
from __future__ import annotations

import functools
from dataclasses import replace
from typing import TYPE_CHECKING

from ruzh.glossary.candidates import is_acronym

if TYPE_CHECKING:  # spaCy loads with the tagger's module: `ruzh lookup` checks acronyms without it
    from ruzh.corpus import Token

NOMINATIVE = "nomn"
RU_VOWELS = set("аеёиоуыэюя")
RU_PREPOSITIONS = {"по", "и", "в", "на", "с", "о", "для"}  # prepositions and «и»: an acronym takes no letter from them


def russian_dictionary_form(tokens: tuple[Token, ...]) -> str:
    """«Региональной антитеррористической структуры ШОС» -> «Региональная антитеррористическая структура ШОС».

    The head is the first noun: it goes to the nominative, keeping its number; the adjectives
    before it agree with it; what follows (genitive complements, acronyms, «по» + dative) stays.
    Coordinated heads («министерств и ведомств государств-членов») each go to the nominative.
    """
    return _dictionary_form(tuple(replace(t, start=0) for t in tokens))  # a phrase recurs: inflected once


@functools.lru_cache(maxsize=100_000)
def _dictionary_form(tokens: tuple[Token, ...]) -> str:
    words = [t.text for t in tokens]
    start = 0
    for head in coordinated_heads(tokens):
        _to_nominative(tokens, words, start, head)
        start = head + 2
    return _join(tokens, words)


def coordinated_heads(tokens: tuple[Token, ...]) -> list[int]:
    """The first noun, and the noun coordinated with it by «и» right after it, if any.

    No head when the phrase starts with an acronym: it does not decline, and the words after it are
    its complements («СМИ государств-членов ШОС»)."""
    nouns = [k for k, t in enumerate(tokens) if t.pos in ("NOUN", "PROPN")]
    if not nouns or is_acronym(tokens[nouns[0]]):
        return []
    first = nouns[0]
    if first + 1 < len(tokens) and tokens[first + 1].text.lower() == "и":
        second = next((k for k in nouns if k > first + 1), None)
        if second is not None and all(t.pos in ("ADJ", "DET") for t in tokens[first + 2 : second]):
            return [first, second]
    return [first]


def _to_nominative(tokens: tuple[Token, ...], words: list[str], start: int, head: int) -> None:
    """Put the head at `head` in the nominative and the adjectives from `start` in agreement."""
    from ruzh.corpus.nlp import morph_analyzer

    morph = morph_analyzer()
    head_parse = _parse(morph, tokens[head])
    if head_parse is None:
        return
    number = "plur" if "plur" in head_parse.tag else "sing"
    nominative = head_parse.inflect({NOMINATIVE, number}) or head_parse.inflect({NOMINATIVE})
    if nominative is not None:
        words[head] = _same_case(tokens[head].text, nominative.word)
    agreement = {NOMINATIVE, number} | ({head_parse.tag.gender} if number == "sing" and head_parse.tag.gender else set())
    for k in range(start, head):
        parse = _parse(morph, tokens[k])
        inflected = parse.inflect(agreement) if parse is not None else None
        if inflected is not None:
            words[k] = _same_case(tokens[k].text, inflected.word)


def _parse(morph, token: Token):
    """The pymorphy3 analysis the tagger chose for the token (its tag), or the first one."""
    parses = morph.parse(token.text)
    for p in parses:
        if str(p.tag) == token.tag:
            return p
    return parses[0] if parses else None


def _same_case(original: str, word: str) -> str:
    """The inflected word written as the original is: capitals, and «е» for «ё» if the text does."""
    if "-" in original and original.count("-") == word.count("-"):
        return "-".join(_same_case(o, w) for o, w in zip(original.split("-"), word.split("-")))
    if "ё" not in original.lower():
        word = word.replace("ё", "е").replace("Ё", "Е")
    if original.isupper():
        return word.upper()
    if original[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def _join(tokens: tuple[Token, ...], words: list[str]) -> str:
    return "".join(w + (" " if t.space else "") for t, w in zip(tokens, words)).strip()


def acronym_matches(acronym: str, phrase: str) -> bool:
    """Whether an acronym can stand for a phrase: «РАТС» ~ «Региональная антитеррористическая структура».

    Every word of the phrase (function words aside) gives the acronym its first letter, and may
    give more consonants from inside it, in order, as the roots of a compound do («МБО» ~
    «Межбанковское объединение»); a vowel from inside does not («РАТС» is not «Республика Таджикистан»).
    """
    words = [w for w in phrase.replace("-", " ").split() if w.lower() not in RU_PREPOSITIONS]
    letters = acronym.lower()

    def match(i: int, w: int) -> bool:
        if w == len(words):
            return i == len(letters)
        word = words[w].lower()
        if i >= len(letters) or letters[i] != word[0]:
            return False
        # this word gives its first letter, then maybe letters from inside it
        for extra in range(0, len(letters) - i):
            inside = letters[i + 1 : i + 1 + extra]
            if extra == 0 or (not any(c in RU_VOWELS for c in inside) and _subsequence(inside, word[1:])):
                if match(i + 1 + extra, w + 1):
                    return True
        return False

    return len(words) >= 2 and match(0, 0)


def _subsequence(short: str, long: str) -> bool:
    it = iter(long)
    return all(c in it for c in short)


def chinese_short_form(short: str, full: str) -> bool:
    """上合组织 is a short form of 上海合作组织: fewer characters, the same first character, in order."""
    return len(short) < len(full) and short[0] == full[0] and _subsequence(short, full) and short not in full
