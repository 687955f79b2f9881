"""Numbers and dates in a comparable form, whatever the language wrote.

«11 июня 2010 года» = 2010年6月11日 = «2010 年 6 月 11 日» -> 2010-06-11;
«в январе 2015 года» = 2015年1月 -> 2015-01; «2017-2021 гг.» = 2017—2021年 -> 2017/2021;
any other number as written, without spaces and thousands separators.
"""
from __future__ import annotations

import re
from collections import Counter

RU_MONTHS = ["январ", "феврал", "март", "апрел", "ма", "июн", "июл", "август", "сентябр", "октябр", "ноябр", "декабр"]
DASH = r"\s*[-–—‐]\s*"
RU_DATE = re.compile(r"(\d{1,2})\s+([а-яё]+)\s+(\d{4})")
RU_MONTH = re.compile(r"(?:в\s+)?([а-яё]+)\s+(\d{4})")
RANGE = re.compile(rf"(\d{{4}}){DASH}(\d{{4}})")
ZH_DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
ZH_MONTH = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月")
NUMBER = re.compile(r"\d+(?:[.,]\d+)?")


def _month(word: str) -> int | None:
    word = word.lower()
    for number, stem in enumerate(RU_MONTHS, 1):
        if word.startswith(stem) and (stem != "ма" or word in ("мая", "май", "мае")):
            return number
    return None


def numbers(text: str, lang: str) -> Counter:
    """The multiset of normalized numbers and dates in a text."""
    found: Counter = Counter()
    text = text.replace("\u00a0", " ")

    def take(pattern, make):
        nonlocal text
        def replace(m):
            value = make(m)
            if value is None:
                return m.group(0)
            found[value] += 1
            return " "
        text = pattern.sub(replace, text)

    if lang == "ru":
        take(RU_DATE, lambda m: f"{m[3]}-{_month(m[2]):02d}-{int(m[1]):02d}" if _month(m[2]) else None)
        take(RU_MONTH, lambda m: f"{m[2]}-{_month(m[1]):02d}" if _month(m[1]) else None)
    else:
        take(ZH_DATE, lambda m: f"{m[1]}-{int(m[2]):02d}-{int(m[3]):02d}")
        take(ZH_MONTH, lambda m: f"{m[1]}-{int(m[2]):02d}")
    take(RANGE, lambda m: f"{m[1]}/{m[2]}")
    for m in NUMBER.finditer(text):
        found[m.group(0).replace(",", ".")] += 1
    return found
