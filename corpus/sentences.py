"""Sentence segmentation for Russian (razdel) and Chinese (terminal punctuation outside brackets)."""
from __future__ import annotations

from razdel import sentenize

ZH_TERMINALS = "。！？；!?;"
ZH_OPENERS = "《〈（(「『【[“‘"
ZH_CLOSERS = "》〉）)」』】]”’"


def split_sentences(text: str, lang: str) -> list[str]:
    """Split text into sentences; a line break inside the text always ends one."""
    splitter = split_russian if lang == "ru" else split_chinese
    return [s for paragraph in text.split("\n") for s in splitter(paragraph)]


def split_russian(text: str) -> list[str]:
    """razdel knows Russian abbreviations: «т.д.», «гг.», «т.е.» and initials «Т.Ф.» end nothing.

    razdel also ends a sentence at a semicolon before a capital; inside brackets or quotes that
    is an enumeration, not a sentence end, so those pieces are joined again.
    """
    sentences: list[list[str]] = []
    open_brackets = (0, 0)  # ( minus ), « minus », in the sentence being built
    for piece in (s.text.strip() for s in sentenize(text)):
        if sentences and (open_brackets[0] > 0 or open_brackets[1] > 0):
            sentences[-1].append(piece)
            open_brackets = _balance(piece, open_brackets)
        elif piece:
            sentences.append([piece])
            open_brackets = _balance(piece, (0, 0))
    # The balance is kept as the sentence grows, and its pieces are joined once: an unclosed
    # bracket early in a long text must not make segmenting it cost the square of its length.
    return [" ".join(pieces) for pieces in sentences]


def _balance(piece: str, before: tuple[int, int]) -> tuple[int, int]:
    return (before[0] + piece.count("(") - piece.count(")"), before[1] + piece.count("«") - piece.count("»"))


def split_chinese(text: str) -> list[str]:
    """。！？； end a sentence, except inside 《》, 〈〉, brackets or quotes.

    Closing marks right after the terminal belong to the sentence it ends («…。」»). Only
    brackets that are closed count: a stray 《 must not glue the rest of the text together.
    """
    inside = _inside_brackets(text)
    sentences: list[str] = []
    start = i = 0
    while i < len(text):
        if text[i] in ZH_TERMINALS and not inside[i]:
            while i + 1 < len(text) and text[i + 1] in ZH_CLOSERS + ZH_TERMINALS:
                i += 1
            sentences.append(text[start : i + 1])
            start = i + 1
        i += 1
    sentences.append(text[start:])
    return [s.strip() for s in sentences if s.strip()]


def _inside_brackets(text: str) -> list[bool]:
    """For each character, whether it lies between a bracket and the bracket that closes it."""
    inside = [False] * len(text)
    stack: list[int] = []
    for i, ch in enumerate(text):
        if ch in ZH_OPENERS:
            stack.append(i)
        elif ch in ZH_CLOSERS and stack:
            opened = stack.pop()
            inside[opened + 1 : i] = [True] * (i - opened - 1)
    return inside
