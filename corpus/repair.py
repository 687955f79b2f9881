"""Repairs of PDF-extraction damage, one named function each.

Each function is pure: it takes text (or table cells) and returns the repaired text together
with what it changed, so that the reader can report every change and nothing is lost silently.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ruzh.corpus.script import HAN
from ruzh.corpus.textio import XML_FORBIDDEN

Line = tuple[int, str]  # (1-based line number in the input file, text without the newline)

# ---------------------------------------------------------------- characters that are not text

# pdftotext writes a form feed at each page break, terminals leave ESC sequences: none of them is
# text, and any character XML forbids would make the TMX and TBX files unreadable, so none may
# reach a unit.
FORM_FEED = "\f"


@dataclass
class Removal:
    """One character that is not text, taken out of an input line."""

    line: int
    char: str
    became_break: bool = False  # a form feed between two pieces of text became a line break

    @property
    def code(self) -> str:
        """«U+000C»: how a removed character is named, since it cannot be shown (or written to JSON)."""
        return f"U+{ord(self.char):04X}"

    @property
    def kind(self) -> str:
        return "form-feed" if self.char == FORM_FEED else "control-character"

    def message(self) -> str:
        if self.char == FORM_FEED:
            return ("a page break mark (form feed) between two pieces of text became a line break"
                    if self.became_break else "removed a page break mark (form feed)")
        if ord(self.char) < 32:
            return f"removed the control character {self.code}, which is not text"
        return f"removed {self.code}, which is not a valid character of any text"


def remove_control_characters(lines: list[Line]) -> tuple[list[Line], list[Removal]]:
    """The lines without the characters XML forbids, and each character removed.

    A form feed between two pieces of text on one line splits it into two lines (both keep the
    input line's number, so that messages still point into the file); anywhere else it goes.
    """
    out: list[Line] = []
    removed: list[Removal] = []
    for number, text in lines:
        if not XML_FORBIDDEN.search(text):  # nearly every line: no copy, no work
            out.append((number, text))
            continue
        pieces = text.split(FORM_FEED)
        for piece in pieces:
            removed += [Removal(number, m[0]) for m in XML_FORBIDDEN.finditer(piece)]
        pieces = [XML_FORBIDDEN.sub("", piece) for piece in pieces]
        texts = sum(1 for piece in pieces if piece.strip())
        seen = 0
        for piece in pieces[:-1]:
            seen += bool(piece.strip())
            removed.append(Removal(number, FORM_FEED, 0 < seen < texts))
        out += [(number, piece) for piece in pieces if piece.strip()] or [(number, "".join(pieces))]
    return out, removed


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
_ASCII_MARK = re.compile(r"[,;:!?()]")


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
    for match in _ASCII_MARK.finditer(text):
        i, ch = match.start(), match[0]
        before, after = _neighbour(text, i - 1, -1), _neighbour(text, i + 1, 1)
        if ch == "(" and not HAN.match(after):
            continue
        if ch == ")" and not HAN.match(before):
            continue
        if before.isdigit() and after.isdigit():
            continue
        if HAN.match(before) or HAN.match(after):
            out[i] = _FULLWIDTH[ch]
    return "".join(out)


def _neighbour(text: str, i: int, step: int) -> str:
    """The first non-blank character from position i on, going by step (-1 or 1); '' at an end.

    Walking from the mark (rather than stripping the text before it) keeps the conversion linear.
    """
    while 0 <= i < len(text) and text[i].isspace():
        i += step
    return text[i] if 0 <= i < len(text) else ""


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


# How far back from a cell's end a join looks. Every repair compares the last few words (or, in
# Chinese, the last characters) with the fragment, so the end is all it needs; looking at the
# whole cell would make a cell that many lines continue cost the square of its length.
_TAIL = 512
_WORD = re.compile(r"\S+")
_WORD_RUN = re.compile(r"[^\W_]*")


def _last_words(text: str, n: int) -> list[re.Match]:
    """The last n words of text (with their positions), found in its last `_TAIL` characters."""
    start = max(0, len(text) - _TAIL)
    words = list(_WORD.finditer(text, start))
    if start and words and words[0].start() == start and not text[start - 1].isspace():
        words = words[1:]  # the window cut this word in two
    return words[-n:]


# ---------------------------------------------------------------- joining a continuation

TERMINAL = ".!?;:。！？；："
HANGING_HYPHEN_NEXT = {"и", "или", "либо", "а"}  # «теле- и радиовещания»


@dataclass
class Join:
    """The result of joining a continuation fragment onto a cell."""

    text: str
    how: str  # joined | paragraph | rejoined-word | repeated-fragment | overlap | restated-tail
    dropped: list[str] = field(default_factory=list)


class Cell:
    """A table cell that continuation lines extend, kept in pieces so that reading stays linear.

    A join looks only at the cell's end (`_TAIL`), so the beginning is set aside and put
    together once at the end, instead of being copied again at every continuation line.
    """

    def __init__(self, text: str = "") -> None:
        self._done: list[str] = []
        self._end = text

    def join(self, fragment: str, lang: str) -> Join:
        """`join_fragment` on this cell; the Join's text is the cell's end only."""
        keep = 2 * _TAIL + 4 * len(fragment)  # more than any step of the join looks at
        while self._done and len(self._end) < keep:
            self._end = self._done.pop() + self._end
        joined = join_fragment(self._end, fragment, lang)
        self._end = joined.text
        if len(self._end) > 2 * keep:
            self._done.append(self._end[:-keep])
            self._end = self._end[-keep:]
        return joined

    @property
    def end(self) -> str:
        """The last characters of the cell (at least `_TAIL` of them where it has that many)."""
        return self._end

    @property
    def text(self) -> str:
        return "".join(self._done) + self._end


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


_CJK_END = re.compile(f"{_CJK}$")


def separator(left: str, right: str) -> str:
    """Nothing between two Chinese characters, a space everywhere else."""
    if _CJK_END.search(left, max(0, len(left) - 2)) or re.match(_CJK, right):
        return ""
    return " "


def drop_repeated_fragment(cell: str, fragment: str, lang: str) -> Join | None:
    """A fragment that repeats the end of the cell («…反恐怖机构» + «怖机构») is dropped."""
    frag = squash(fragment)
    if len(frag) >= 2 and squash(cell[-(_TAIL + 4 * len(fragment)):]).endswith(frag):
        return Join(cell, "repeated-fragment", [fragment])
    return None


def merge_overlap(cell: str, fragment: str, lang: str) -> Join | None:
    """Words printed on both sides of a page break are kept once («органы» + «органы государств»)."""
    if lang == "zh":
        tail = squash(cell[-_TAIL:])
        # Only the fragment's opening run of letters can be a repeat (squash keeps nothing else).
        for k in range(min(len(tail), _WORD_RUN.match(fragment).end()), 2, -1):
            if squash(fragment[:k]) == tail[-k:] and len(squash(fragment[:k])) == k:
                rest = fragment[k:].lstrip()
                return Join(cell + separator(cell, rest) + rest, "overlap", [fragment[:k]])
        return None
    cw, fw = [w[0] for w in _last_words(cell, 4)], _words(fragment)
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
    last, fw = _last_words(cell, 5), _words(fragment)
    cw = [w[0] for w in last]
    vocabulary = {squash(w) for w in fw}
    for k in range(min(4, len(cw) - 1), 1, -1):
        tail = cw[-k:]
        if squash(tail[0]) == squash(fw[0]) and all(squash(w) in vocabulary for w in tail):
            return Join(cell[: last[-k].start()] + " ".join(fw), "restated-tail", [" ".join(tail)])
    return None


_BROKEN = re.compile(r"(\w+)-$")


def rejoin_broken_word(cell: str, fragment: str, lang: str) -> Join | None:
    """A word broken at a line or cell break is rejoined.

    Russian: «информационно-» + «телекоммуникационной» keeps its hyphen (a compound), while a
    word hyphenated only to fit the line («органи-» + «зации») loses it: the hyphen goes when
    the joined word is in the dictionary. Chinese words («外交» + «部») join with no space,
    which `separator` already gives.
    """
    if lang != "ru":
        return None
    left = _BROKEN.search(cell, max(0, len(cell) - 100))  # a word is shorter than 100 letters
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

    Chinese rows of the sample come shifted (an empty spacer cell before the executors; a
    spacer right after the number shifts a row the same way), with a duplicated cell (the
    participants or the executors twice), or with a trailing tab; all come back to the table's
    four columns.
    """
    cells = [c.strip() for c in raw]
    label, rest = cells[0], cells[1:]
    notes: list[tuple[str, str, bool]] = []
    while rest and not rest[-1]:
        rest.pop()
    if len(rest) > 3 and "" in rest:
        while len(rest) > 3 and "" in rest:  # a spacer after the number, or before the executors
            rest.remove("")
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
