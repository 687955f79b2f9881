"""Which language a stretch of text is in, judged by its script: Cyrillic is Russian, Han is Chinese."""
from __future__ import annotations

import re

CYRILLIC = re.compile(r"[\u0400-\u04FF]")
HAN = re.compile(r"[\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF]")
_CYRILLIC_RUN = re.compile(r"[\u0400-\u04FF]+")
_HAN_RUN = re.compile(r"[\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF]+")
# Letters the "nothing is lost" check counts: Cyrillic and CJK ideographs.
LETTER = re.compile(r"[\u0400-\u04FF\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF]")


def script_counts(text: str) -> tuple[int, int]:
    """(Cyrillic letters, Han characters) in text."""
    # Runs, not single characters: one list item per word keeps the count light on a 50 MB file.
    return sum(map(len, _CYRILLIC_RUN.findall(text))), sum(map(len, _HAN_RUN.findall(text)))


def line_language(text: str) -> str | None:
    """'ru', 'zh', or None for a line with neither script (blank, digits, markup)."""
    cyr, han = script_counts(text)
    if cyr == han == 0:
        return None
    # A Chinese character carries a word's worth of meaning, a Cyrillic letter a sixth of one:
    # weigh them so that a Chinese line quoting a Russian acronym is still Chinese.
    return "zh" if han * 3 >= cyr else "ru"


def split_halves(lines: list[str]) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """Find where a bilingual file switches language: ((ru_start, ru_end), (zh_start, zh_end)).

    The split is the one line boundary that best separates Russian lines from Chinese ones, in
    either order, so that a stray line of the other script on one side cannot move it. Returns
    None when the file does not have a Russian and a Chinese part.
    """
    langs = [line_language(line) for line in lines]
    n = len(lines)
    best: tuple[int, int, str] | None = None  # (errors, boundary, language of the first part)
    for first, second in (("ru", "zh"), ("zh", "ru")):
        # errors(b) = lines of `second` before b + lines of `first` from b on.
        errors = sum(1 for lang in langs if lang == first)
        for b in range(n + 1):
            if b > 0:
                lang = langs[b - 1]
                errors += (lang == second) - (lang == first)
            if best is None or errors < best[0]:
                best = (errors, b, first)
    assert best is not None
    _, b, first = best
    head = [lang for lang in langs[:b] if lang]
    tail = [lang for lang in langs[b:] if lang]
    if not head or not tail:
        return None
    if first == "ru":
        return (0, b), (b, n)
    return (b, n), (0, b)
