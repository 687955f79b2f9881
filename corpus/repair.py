"""Repairs of PDF-extraction damage, one named function each.

Each function is pure: it takes text (or table cells) and returns the repaired text together
with what it changed, so that the reader can report every change and nothing is lost silently.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ruzh.corpus.script import HAN

# ---------------------------------------------------------------- markup

_TAG = re.compile(r"</?(?:b|i|u|em|strong|span|font|p|br|sup|sub)\b[^>]*>", re.IGNORECASE)
_EMPHASIS = re.compile(r"\*\*|__")
_HEADING = re.compile(r"^\s*#{1,6}\s+")
_RULE = re.compile(r"^\s*(?:-{3,}|\*{3,}|_{3,})\s*$")


def strip_markup(text: str) -> str:
    """Remove HTML emphasis tags, Markdown `**`/`__` and `#` heading marks."""
    text = _TAG.sub("", text)
    text = _EMPHASIS.sub("", text)
    return _HEADING.sub("", text).strip()


def is_rule(line: str) -> bool:
    """A Markdown horizontal rule (`---`), which carries no text."""
    return bool(_RULE.match(line))


def heading_text(line: str) -> str | None:
    """The text of a heading line, or None when the line is not a heading.

    A heading is a Markdown `#` line, or a line whose only content is wrapped in `<b>…</b>` or
    `**…**` (the table's section rows, whose other cells are empty).
    """
    if _HEADING.match(line):
        return strip_markup(line) or None
    cells = [c.strip() for c in line.split("\t") if c.strip()]
    if len(cells) != 1:
        return None
    cell = cells[0]
    bold = re.fullmatch(r"(?:<b>(.+)</b>|\*\*(.+)\*\*)", cell, re.IGNORECASE)
    if bold:
        return strip_markup(cell) or None
    return None


# ---------------------------------------------------------------- Chinese spacing and punctuation

# Han characters, CJK punctuation and full-width forms: between two of these a space is damage.
_CJK = r"[\u3000-\u303F\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF]"
_HAN = r"[\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF]"
_CJK_SPACE = re.compile(rf"(?<={_CJK})[ \t\u3000\u00a0]+(?={_CJK})")
_HAN_DIGIT_SPACE = re.compile(rf"(?<={_HAN})[ \t\u00a0]+(?=\d)|(?<=\d)[ \t\u00a0]+(?={_HAN})")
_FULLWIDTH = {",": "，", ";": "；", ":": "：", "!": "！", "?": "？", "(": "（", ")": "）"}


def remove_cjk_spaces(text: str) -> str:
    """Remove spaces inside Chinese runs («外交 部» -> «外交部», «2016 年» -> «2016年»)."""
    return _HAN_DIGIT_SPACE.sub("", _CJK_SPACE.sub("", text))


def fullwidth_punctuation(text: str) -> str:
    """Turn ASCII , ; : ! ? ( ) that touch Chinese text into their full-width forms.

    Numbers keep theirs (1,000 and 10:30 are left alone); brackets are converted as a pair when
    what they enclose is Chinese, and singly when a Chinese character is on their inner side.
    """
    text = re.sub(r"\(([^()]*)\)", lambda m: f"（{m[1]}）" if HAN.search(m[1]) else m[0], text)
    out = list(text)
    for i, ch in enumerate(text):
        if ch not in _FULLWIDTH:
            continue
        before = text[:i].rstrip()[-1:]
        after = text[i + 1 :].lstrip()[:1]
        if ch == "(" and not HAN.match(after):
            continue
        if ch == ")" and not HAN.match(before):
            continue
        if before.isdigit() and after.isdigit():
            continue
        if HAN.match(before) or HAN.match(after):
            out[i] = _FULLWIDTH[ch]
    return "".join(out)


def normalize_chinese(text: str) -> str:
    """Full-width punctuation, then no spaces inside Chinese runs."""
    return remove_cjk_spaces(fullwidth_punctuation(text))


# ---------------------------------------------------------------- repeated text

_STUTTER = re.compile(r"\b(\w{2,})([,;]?)\s+\1\2(?=\s|$)")


def drop_stuttered_words(text: str) -> tuple[str, list[str]]:
    """Drop a word repeated right after itself: «Государства-члены, члены, наблюдатели»."""
    dropped = [m.group(0).split(None, 1)[1] for m in _STUTTER.finditer(text)]
    return _STUTTER.sub(r"\1\2", text), dropped


def squash(text: str) -> str:
    """Text reduced to its letters and digits, lower-cased: what 'the same words' compares."""
    return re.sub(r"[\W_]+", "", text).lower()


def _words(text: str) -> list[str]:
    return text.split()


# ---------------------------------------------------------------- joining a continuation

TERMINAL = ".!?;:。！？；："
HANGING_HYPHEN_NEXT = {"и", "или", "либо", "а"}  # «теле- и радиовещания»


@dataclass
class Join:
    """The result of joining a continuation fragment onto a cell."""

    text: str
    how: str  # joined | paragraph | rejoined-word | repeated-fragment | overlap | restated-tail
    dropped: list[str] = field(default_factory=list)


def join_fragment(cell: str, fragment: str, lang: str) -> Join:
    """Join text continued on a later line (after a page break) onto a table cell.

    In order: a fragment the cell already ends with is dropped; words repeated across the
    break are dropped once; a word broken at the break is rejoined; otherwise the fragment is
    appended with the separator the language uses.
    """
    fragment = fragment.strip()
    if not cell:
        return Join(fragment, "joined")
    if not fragment:
        return Join(cell, "joined")
    for step in (drop_repeated_fragment, merge_overlap, merge_restated_tail):
        joined = step(cell, fragment, lang)
        if joined:
            return joined
    broken = rejoin_broken_word(cell, fragment, lang)
    if broken:
        return broken
    if lang == "ru" and cell[-1] in TERMINAL and fragment[:1].isupper():
        # A new sentence after a page break inside one cell: keep it a paragraph of its own.
        return Join(f"{cell}\n{fragment}", "paragraph")
    return Join(cell + separator(cell, fragment) + fragment, "joined")


def separator(left: str, right: str) -> str:
    """Nothing between two Chinese characters, a space everywhere else."""
    if re.search(f"{_CJK}$", left) or re.match(_CJK, right):
        return ""
    return " "


def drop_repeated_fragment(cell: str, fragment: str, lang: str) -> Join | None:
    """A fragment that repeats the end of the cell («…反恐怖机构» + «怖机构») is dropped."""
    frag = squash(fragment)
    if len(frag) >= 2 and squash(cell).endswith(frag):
        return Join(cell, "repeated-fragment", [fragment])
    return None


def merge_overlap(cell: str, fragment: str, lang: str) -> Join | None:
    """Words printed on both sides of a page break are kept once («органы» + «органы государств»)."""
    if lang == "zh":
        tail = squash(cell)
        for k in range(min(len(tail), len(fragment)), 2, -1):
            if squash(fragment[:k]) == tail[-k:] and len(squash(fragment[:k])) == k:
                rest = fragment[k:].lstrip()
                return Join(cell + separator(cell, rest) + rest, "overlap", [fragment[:k]])
        return None
    cw, fw = _words(cell), _words(fragment)
    for k in range(min(len(cw), len(fw) - 1, 4), 0, -1):
        if [squash(w) for w in cw[-k:]] == [squash(w) for w in fw[:k]] and len(squash(" ".join(fw[:k]))) >= 3:
            rest = " ".join(fw[k:])
            return Join(f"{cell} {rest}", "overlap", [" ".join(fw[:k])])
    return None


def merge_restated_tail(cell: str, fragment: str, lang: str) -> Join | None:
    """A fragment that restates the cell's last words in a fuller form replaces them.

    «…ведомства государств-членов ШОС» + «государств-членов, наблюдателей и партнеров по
    диалогу ШОС» gives «…ведомства государств-членов, наблюдателей и партнеров по диалогу ШОС».
    Only for Russian, and only when the restated tail is at least two words long.
    """
    if lang != "ru":
        return None
    cw, fw = _words(cell), _words(fragment)
    vocabulary = {squash(w) for w in fw}
    for k in range(min(4, len(cw) - 1), 1, -1):
        tail = cw[-k:]
        if squash(tail[0]) == squash(fw[0]) and all(squash(w) in vocabulary for w in tail):
            return Join(" ".join(cw[:-k] + fw), "restated-tail", [" ".join(tail)])
    return None


def rejoin_broken_word(cell: str, fragment: str, lang: str) -> Join | None:
    """A word broken at a line or cell break is rejoined.

    Russian: «информационно-» + «телекоммуникационной» keeps its hyphen (a compound), while a
    word hyphenated only to fit the line («органи-» + «зации») loses it: the hyphen goes when
    the joined word is in the dictionary. Chinese words («外交» + «部») join with no space,
    which `separator` already gives.
    """
    if lang != "ru":
        return None
    left = re.search(r"(\w+)-$", cell)
    right = re.match(r"([а-яё]\w*)", fragment)
    if not left or not right:
        return None
    if right[1] in HANGING_HYPHEN_NEXT:
        return Join(f"{cell} {fragment}", "joined")
    from ruzh.corpus.nlp import morph_analyzer  # the dictionary is loaded only when a word is broken

    if morph_analyzer().word_is_known((left[1] + right[1]).lower()):
        return Join(cell[:-1] + fragment, "rejoined-word")
    return Join(cell + fragment, "rejoined-word")


# ---------------------------------------------------------------- table rows

@dataclass
class Cells:
    """A measure row's cells after normalization."""

    label: str
    text: str
    participants: str
    executors: str
    notes: list[tuple[str, str, bool]] = field(default_factory=list)  # (repair, fragment, dropped)


def normalize_row(raw: list[str]) -> Cells:
    """Map a measure row's cells onto label, text, participants and executors.

    Chinese rows of the sample come shifted (an empty spacer cell before the executors),
    with a duplicated cell (the participants or the executors twice), or with a trailing tab;
    all come back to the table's four columns.
    """
    cells = [c.strip() for c in raw]
    label, rest = cells[0], cells[1:]
    notes: list[tuple[str, str, bool]] = []
    while rest and not rest[-1]:
        rest.pop()
    if len(rest) > 3 and "" in rest[1:]:
        rest = [rest[0]] + [c for c in rest[1:] if c]
        notes.append(("shifted-cell", "", False))
    if len(rest) > 3:
        kept = [rest[0]]
        for c in rest[1:]:
            if squash(c) == squash(kept[-1]):
                notes.append(("duplicate-cell", c, True))
            else:
                kept.append(c)
        rest = kept
    if len(rest) > 3:
        extra = rest[3:]
        notes.append(("extra-cell", " | ".join(extra), False))
        rest = rest[:2] + [", ".join(rest[2:])]
    rest += [""] * (3 - len(rest))
    return Cells(label, rest[0], rest[1], rest[2], notes)


# ---------------------------------------------------------------- blocks

_OPEN, _CLOSE = "《〈«(（", "》〉»)）"


def unbalanced(text: str) -> bool:
    """More opening than closing brackets or title marks: the block was broken mid-title."""
    return sum(text.count(c) for c in _OPEN) > sum(text.count(c) for c in _CLOSE)


def join_unbalanced_blocks(blocks: list[str], limit: int = 3) -> tuple[list[str], list[int]]:
    """Join a block that opens a title («关于批准《〈…〉») with the blocks that close it.

    Returns the blocks and, for each, how many input blocks it was made of.
    """
    out: list[str] = []
    sizes: list[int] = []
    i = 0
    while i < len(blocks):
        text, size = blocks[i], 1
        while unbalanced(text) and size <= limit and i + size < len(blocks):
            nxt = blocks[i + size]
            text = text + separator(text, nxt) + nxt
            size += 1
        if unbalanced(text):  # never closed: keep the blocks as they were
            text, size = blocks[i], 1
        out.append(text)
        sizes.append(size)
        i += size
    return out, sizes
