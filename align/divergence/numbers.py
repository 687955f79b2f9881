"""Numbers and dates in a comparable form, whatever the language wrote.

«11 июня 2010 года» = 2010年6月11日 = «2010 年 6 月 11 日» -> 2010-06-11;
«в январе 2015 года» = 2015年1月 -> 2015-01; «8 октября» = 10月8日 -> --10-08;
«2017-2021 гг.» = 2017—2021年 -> 2017/2021; «348,4 млн.» = 3.484亿 -> 348400000;
«187 972 000» -> 187972000; 第六十九届 -> 69. A number glued to a Russian word
(«комитета14») is a footnote mark, not content, and is left out.
"""
from __future__ import annotations

import re
from collections import Counter

RU_MONTHS = ["январ", "феврал", "март", "апрел", "ма", "июн", "июл", "август", "сентябр", "октябр", "ноябр", "декабр"]
DASH = r"\s*[-–—‐]\s*"
RU_DATE = re.compile(r"(\d{1,2})\s+([а-яё]+)\s+(\d{4})")
RU_DAY_MONTH = re.compile(r"(\d{1,2})\s+([а-яё]+)")
RU_MONTH = re.compile(r"(?:в\s+)?([а-яё]+)\s+(\d{4})")
RANGE = re.compile(rf"(\d{{4}}){DASH}(\d{{4}})")
ZH_DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
ZH_DAY_MONTH = re.compile(r"(\d{1,2})\s*月\s*(\d{1,2})\s*日")
ZH_MONTH = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月")
GROUPED = re.compile(r"(?<![\d.,])\d{1,3}(?:[ \u00a0\u2009\u202f]\d{3})+(?![\d])")
FOOTNOTE = re.compile(r"(?<=[а-яёА-ЯЁa-zA-Z])\d{1,3}\b")
RU_SCALED = re.compile(r"(\d+(?:[.,]\d+)?)\s*(тыс|млн|млрд|трлн)\b\.?")
ZH_SCALED = re.compile(r"(\d+(?:\.\d+)?)\s*(万|亿)")
ZH_ORDINAL = re.compile(r"第([零〇一二两三四五六七八九十百千]+)")
NUMBER = re.compile(r"\d+(?:[.,]\d+)?")
SCALE = {"тыс": 1e3, "млн": 1e6, "млрд": 1e9, "трлн": 1e12, "万": 1e4, "亿": 1e8}
ZH_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
ZH_UNITS = {"十": 10, "百": 100, "千": 1000}


def _month(word: str) -> int | None:
    word = word.lower()
    for number, stem in enumerate(RU_MONTHS, 1):
        if word.startswith(stem) and (stem != "ма" or word in ("мая", "май", "мае")):
            return number
    return None


def chinese_numeral(text: str) -> int:
    """六十九 -> 69, 七十三 -> 73, 一百零五 -> 105."""
    total, digit = 0, 0
    for ch in text:
        if ch in ZH_DIGITS:
            digit = ZH_DIGITS[ch]
        else:
            total += (digit or 1) * ZH_UNITS[ch]
            digit = 0
    return total + digit


def _plain(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.6g}"


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
        text = FOOTNOTE.sub("", text)
        text = GROUPED.sub(lambda m: re.sub(r"\s", "", m.group(0)), text)
        take(RU_DATE, lambda m: f"{m[3]}-{_month(m[2]):02d}-{int(m[1]):02d}" if _month(m[2]) else None)
        take(RU_DAY_MONTH, lambda m: f"--{_month(m[2]):02d}-{int(m[1]):02d}" if _month(m[2]) else None)
        take(RU_MONTH, lambda m: f"{m[2]}-{_month(m[1]):02d}" if _month(m[1]) else None)
        take(RU_SCALED, lambda m: _plain(float(m[1].replace(",", ".")) * SCALE[m[2]]))
    else:
        text = GROUPED.sub(lambda m: re.sub(r"\s", "", m.group(0)), text)
        take(ZH_DATE, lambda m: f"{m[1]}-{int(m[2]):02d}-{int(m[3]):02d}")
        take(ZH_DAY_MONTH, lambda m: f"--{int(m[1]):02d}-{int(m[2]):02d}")
        take(ZH_MONTH, lambda m: f"{m[1]}-{int(m[2]):02d}")
        take(ZH_SCALED, lambda m: _plain(float(m[1]) * SCALE[m[2]]))
        take(ZH_ORDINAL, lambda m: str(chinese_numeral(m[1])))
    take(RANGE, lambda m: f"{m[1]}/{m[2]}")
    for m in NUMBER.finditer(text):
        found[_plain(float(m.group(0).replace(",", ".")))] += 1
    return found


def components(values: Counter) -> set[str]:
    """Years, months and days of the dates, and the numbers: what a date written another way shares."""
    out = set()
    for v in values:
        if re.fullmatch(r"(?:\d{4}|-)-\d\d(?:-\d\d)?", v):
            year, *rest = v.split("-") if not v.startswith("--") else ["", *v[2:].split("-")]
            out |= {f"y{year}"} if year else set()
            out |= {f"m{int(rest[0])}"} if rest else set()
            out |= {f"d{int(rest[1])}"} if len(rest) > 1 else set()
        elif v.isdigit():
            n = int(v)
            out |= {f"d{n}"} if 1 <= n <= 31 else {f"y{n}"} if 1900 <= n <= 2100 else {v}
        else:
            out.add(v)
    return out


def matches(value: str, other: Counter) -> bool:
    """Whether the other text has this value, or all its parts: «с 6 по 10 сентября 2014 года»
    and 2014年9月6日至10日 write the same two days differently."""
    if other[value]:
        return True
    mine = components(Counter([value]))
    return bool(mine) and mine <= components(other)
