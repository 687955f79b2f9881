"""Numbers and dates in a comparable form, whatever the language wrote.

«11 июня 2010 года» = 2010年6月11日 = «2010 年 6 月 11 日» -> 2010-06-11;
«в январе 2015 года» = 2015年1月 -> 2015-01; «8 октября» = 10月8日 -> --10-08;
«2017-2021 гг.» = 2017—2021年 -> 2017/2021; «348,4 млн.» = 3.484亿 -> 348400000;
«187 972 000» -> 187972000; 第六十九届 -> 69; «7 миллиардов» = 70亿; 45,000 = «45 000»;
下午1时 = «13 ч.». A number glued to a word («комитета14», РП2.2, IS2.2) is a footnote mark or a
code, and the number that opens a paragraph («23.») is its label: neither is content, and both
are left out.
"""
from __future__ import annotations

import re
from collections import Counter

RU_MONTHS = ["январ", "феврал", "март", "апрел", "ма", "июн", "июл", "август", "сентябр", "октябр", "ноябр", "декабр"]
# A Russian text cites English sources by their own dates («..., Fars News Agency, 3 March 2015»).
# Letters from Gulf states date by the Hijri calendar too («24 раджаба 1436 года хиджры» = 回历1436年7月24日);
# the months whose Russian name is one word
HIJRI_MONTHS = {"мухаррам": 1, "сафар": 2, "раджаб": 7, "шаабан": 8, "рамадан": 9, "шаввал": 10}
EN_MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
             "november", "december"]
DASH = r"\s*(?:--|[-–—‐])\s*"
# «5 мая 2015», and «22 April 2015» in either language (a source cited by its own date)
DATE_IN_WORDS = re.compile(r"(\d{1,2})\s+([а-яёa-z]+)\s+(\d{4})", re.IGNORECASE)
RU_DAY_MONTH = re.compile(r"(\d{1,2})\s+([а-яё]+)")
RU_MONTH = re.compile(r"(?:в\s+)?([а-яё]+)\s+(\d{4})")
RANGE = re.compile(rf"(\d{{4}}){DASH}(\d{{4}})")
ZH_DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
ZH_DAY_MONTH = re.compile(r"(\d{1,2})\s*月\s*(\d{1,2})\s*日")
ZH_DAY_LIST = re.compile(r"(?:(\d{4})\s*年\s*)?(\d{1,2})\s*月\s*(\d{1,2}(?:\s*[、,，和及]\s*\d{1,2})+)\s*日")  # 4月22、23和30日
ZH_DAYS = re.compile(r"(\d{1,2})\s*月\s*(\d{1,2})\s*日?\s*(?:至|到|-|—|–)\s*(\d{1,2})\s*日")  # 11月2至6日
JOINED_YEARS = re.compile(r"\b((?:19|20)\d\d)((?:19|20)\d\d)\b")  # «20162017 годов», a dash lost in print
ZH_MONTH = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月")
ZH_MONTHS = re.compile(r"(?:(\d{4})\s*年\s*)?(\d{1,2})\s*(?:-|–|—|至|到)\s*(\d{1,2})\s*月(?!\s*\d)")  # 2014年7-8月
ZH_MONTH_IN_WORDS = re.compile(r"(?<![第零〇一二两三四五六七八九十百千])(十[一二]?|[一二三四五六七八九])月")  # 今年十月
GROUPED = re.compile(r"(?<![\d.,])\d{1,3}(?:[ \u00a0\u2009\u202f]\d{3})+(?![\d])")
# (not a year glued to a Latin name in Chinese: «Pentus-Rosimannus2015年5月5日»)
FOOTNOTE = re.compile(r"(?<=[а-яёА-ЯЁa-zA-Z])\d+(?:\.\d+)*(?!\d|\.\d)(?!\s*[年月日])"
                      r"|(?<=[А-ЯЁA-Z]-)(?<![А-ЯЁа-яёA-Za-z][А-ЯЁA-Z]-)\d+(?!\d)")  # «общин25.»; codes: Б-31, C-160型
SYMBOL = re.compile(r"\b[A-Z]{1,6}(?:/[A-Za-z0-9.()-]+)+")  # a UN document symbol, A/69/828
LABEL = re.compile(r"^\s*\(?\d{1,3}(?:\.\d{1,3})*[.)]\s+|^\s*\d{1,3}(?:\.\d{1,3})+\s+(?=[А-ЯЁA-Z\u4e00-\u9fff\d])")
# A page reference: each language version of a report has its own pages («(стр. 37 - 38)» is 第34-35页)
PAGES = re.compile(r"\b(?:стр|с)\.\s*\d+(?:\s*[-–—]\s*\d+)?|第\s*\d+(?:\s*[-–—至]\s*\d+)?\s*页")
# A Roman numeral after a word that numbers parts of a text («части XI»: 第十一部分)
ROMAN = re.compile(r"\b(?i:част|разде|глав|прилож|стать|том)\w{0,3}\s+([IVXL]+)\b|\b([IVXL]+)\s+(?i:век)")  # XXI век
ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50}
ZH_GROUPED = re.compile(r"(?<![\d.])\d{1,3}(?:,\d{3})+(?![\d])")
ZH_TIME = re.compile(r"(上午|中午|下午|晚上|傍晚|夜间|夜|晚)?\s*约?\s*(\d{1,2})\s*[时点]")  # 夜约11时 = «23 ч.»
AFTERNOON, NIGHT = ("下午", "晚上", "傍晚"), ("夜间", "夜", "晚")  # 夜1时 is one in the morning, 夜11时 eleven at night
# A number in Chinese numerals before what it counts (十周年, 两万名): from ten up, as Russian writes
# smaller ones in words; not a month (十月) or a day, and not «some tens» (数十年)
ZH_COUNTED = re.compile(r"(?<![第数几零〇一二两三四五六七八九十百千万亿])([一二两三四五六七八九十百千]+)(万|亿)?"
                        r"(?=\s*(?:个|名|年|周年|世纪|次|项|倍|人|岁|天|周|届|国|家|所|份))")
RU_SCALE_WORDS = re.compile(r"(\d+(?:_\d{3})*(?:[.,]\d+)?)\s*(тысяч|миллион|миллиард|триллион)[а-я]*")
RU_SCALED = re.compile(r"(\d+(?:_\d{3})*(?:[.,]\d+)?)\)?\s*(тыс|млн|млрд|трлн)\b\.?")  # also «(80) млн.»
ZH_SCALED = re.compile(r"(\d+(?:_\d{3})*(?:\.\d+)?)\s*(?:多|余)?\s*(千万|百万|万|亿|千)(?!克|米|瓦)")  # not 千克, 千米
ZH_PERCENT = re.compile(r"百分之([零〇一二两三四五六七八九十百]+)(?:点([零〇一二三四五六七八九]+))?")  # 百分之二十 = 20%
DOTTED_DATE = re.compile(r"(?<![\d.])(\d{1,2})\.(\d{1,2})\.((?:19|20)\d\d)(?![\d.])")  # 01.01.2015
ZH_MONTH_ALONE = re.compile(r"(?<!\d)(\d{1,2})\s*月(?!\s*\d)")  # 每年10月: a year's own digits were taken before
RU_MONTH_ALONE = re.compile(rf"\b(?:{'|'.join(RU_MONTHS)})(?:ь|я|е|ю|ем|ом|а|т|й)?\b", re.IGNORECASE)
# Days written as ordinal words («Тринадцатого августа», «Седьмого и восьмого июля» = 7月7日和8日)
RU_DAY_STEMS = {"перв": 1, "втор": 2, "трет": 3, "четверт": 4, "четвёрт": 4, "пят": 5, "шест": 6, "седьм": 7,
                "восьм": 8, "девят": 9, "десят": 10, "одиннадцат": 11, "двенадцат": 12, "тринадцат": 13,
                "четырнадцат": 14, "пятнадцат": 15, "шестнадцат": 16, "семнадцат": 17, "восемнадцат": 18,
                "девятнадцат": 19, "двадцат": 20, "тридцат": 30}
_RU_DAY = (r"(?:(?:двадцать|тридцать)\s+)?(?:" + "|".join(sorted(RU_DAY_STEMS, key=len, reverse=True))
           + r")(?:ьего|его|ого|ьему|ему|ому|ое|ье|ый|ий|ой)")  # «двадцать пятого», «к двадцать пятому мая»
RU_DAY_WORDS = re.compile(rf"\b({_RU_DAY}(?:\s*(?:,|и)\s*{_RU_DAY})*)\s+([а-яё]+)", re.IGNORECASE)
ZH_RANGE = re.compile(r"(\d{4})\s*年?\s*(?:至|到)\s*(\d{4})\s*年?")
ZH_ORDINAL = re.compile(r"第([零〇一二两三四五六七八九十百千]+)((?:[、和及至][零〇一二两三四五六七八九十百千]+)*)")
NUMBER = re.compile(r"\d+(?:_\d{3})*(?:[.,]\d+)?")
SCALE = {"тыс": 1e3, "млн": 1e6, "млрд": 1e9, "трлн": 1e12, "万": 1e4, "亿": 1e8, "千": 1e3, "百万": 1e6, "千万": 1e7,
         "тысяч": 1e3, "миллион": 1e6, "миллиард": 1e9, "триллион": 1e12}
ZH_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
ZH_UNITS = {"十": 10, "百": 100, "千": 1000}


YEAR = re.compile(r"(?:19|20)\d\d(?:-\d\d)?")  # a year, or a month of a year, as `written` normalizes them
RU_RELATIVE_YEAR = re.compile(r"\b(?:(?:эт|текущ|прошл|предыдущ|следующ|рассматриваем|отчетн|отчётн|истекш|минувш|нынешн)"
                              r"[а-яё]*|т(?:ом|ого|от) же)\s+год[а-яё]*|\bв течение года\b|\bза год\b", re.IGNORECASE)
ZH_RELATIVE_YEAR = re.compile(r"本年|今年|去年|明年|上一年|前一年|下一年|同年|该年|当年|这一年|年内|上年|次年|翌年|前年")


def year_said_otherwise(value: str, other_text: str, other_lang: str) -> str | None:
    """How the other version dates what this one gives a year for, if it does so without one:
    «в предыдущем году» for 2013年, 同年, or the month alone («С декабря» for 自2014年12月). A
    translator who writes the year out has changed nothing."""
    if not YEAR.fullmatch(value):
        return None
    relative = (RU_RELATIVE_YEAR if other_lang == "ru" else ZH_RELATIVE_YEAR).search(other_text)
    if relative:
        return relative.group(0)
    if "-" in value:
        month = int(value.split("-")[1])
        if other_lang == "ru":
            return next((m.group(0) for m in RU_MONTH_ALONE.finditer(other_text) if _month(m.group(0)) == month), None)
        return next((m.group(0) for m in ZH_MONTH_ALONE.finditer(other_text) if int(m.group(1)) == month), None)
    return None


def _month(word: str) -> int | None:
    word = word.lower()
    hijri = next((n for stem, n in HIJRI_MONTHS.items() if word.startswith(stem)), None)
    if hijri:
        return hijri
    if word in EN_MONTHS:
        return EN_MONTHS.index(word) + 1
    for number, stem in enumerate(RU_MONTHS, 1):
        if word.startswith(stem) and (stem != "ма" or word in ("мая", "май", "мае")):
            return number
    return None


def roman(numeral: str) -> int | None:
    """XI -> 11, XIV -> 14, XL -> 40 (None for what is no well-formed numeral)."""
    values = [ROMAN_VALUES[ch] for ch in numeral.upper()]
    total = sum(-v if k + 1 < len(values) and v < values[k + 1] else v for k, v in enumerate(values))
    return total if total > 0 and _roman(total) == numeral.upper() else None


def _roman(n: int) -> str:
    out = ""
    for value, letters in ((50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out, n = out + letters, n - value
    return out


def chinese_numeral(text: str) -> int:
    """六十九 -> 69, 七十三 -> 73, 一百零五 -> 105; 一六三 (digit by digit, as article numbers are) -> 163."""
    if len(text) > 1 and all(ch in ZH_DIGITS for ch in text):
        return int("".join(str(ZH_DIGITS[ch]) for ch in text))
    total, digit = 0, 0
    for ch in text:
        if ch in ZH_DIGITS:
            digit = ZH_DIGITS[ch]
        else:
            total += (digit or 1) * ZH_UNITS[ch]
            digit = 0
    return total + digit


def _clock():
    """Chinese hours on the 24-hour clock Russian uses: 下午3时至6时 -> 15, 18 (the period carries on)."""
    period = None

    def hour(m: re.Match) -> str:
        nonlocal period
        period = m[1] or period
        h = int(m[2])
        later = period in AFTERNOON and h < 12 or period in NIGHT and 6 <= h < 12
        return str(h + 12 if later else h)

    return hour


def _plain(value: float) -> str:
    value = float(f"{value:.12g}")  # 16,1 × 10⁶ is 16100000.000000002 in floating point
    return str(int(value)) if value.is_integer() else f"{value:.6g}"


def numbers(text: str, lang: str) -> Counter:
    """The multiset of normalized numbers and dates in a text."""
    return Counter(value for value, _, _ in written(text, lang))


def written(text: str, lang: str) -> list[tuple[str, int, int]]:
    """Each normalized number or date in a text, with where it is written (start, end).

    Every rewriting below keeps the text's length (what it takes out becomes spaces, the space
    or comma inside «164 700» a `_`), so that a match's offsets are offsets in the original."""
    found: list[tuple[str, int, int]] = []
    text = text.replace("\u00a0", " ")

    def blank(m: re.Match) -> str:
        return " " * len(m.group(0))

    def take(pattern, make):
        nonlocal text

        def replace(m):
            value = make(m)
            if value is None:
                return m.group(0)
            found.extend((v, m.start(), m.end()) for v in ([value] if isinstance(value, str) else value))
            return " " * len(m.group(0))

        text = pattern.sub(replace, text)

    text = FOOTNOTE.sub(blank, LABEL.sub(blank, PAGES.sub(blank, SYMBOL.sub(blank, text))))
    text = GROUPED.sub(lambda m: re.sub(r"\s", "_", m.group(0)), text)
    take(DOTTED_DATE, lambda m: f"{m[3]}-{int(m[2]):02d}-{int(m[1]):02d}" if 1 <= int(m[2]) <= 12 else None)
    take(JOINED_YEARS, lambda m: f"{m[1]}/{m[2]}" if int(m[2]) == int(m[1]) + 1 else None)
    take(DATE_IN_WORDS, lambda m: f"{m[3]}-{_month(m[2]):02d}-{int(m[1]):02d}" if _month(m[2]) else None)
    if lang == "ru":
        take(ROMAN, lambda m: str(roman(m[1] or m[2])) if roman(m[1] or m[2]) else None)
        take(RU_DAY_MONTH, lambda m: f"--{_month(m[2]):02d}-{int(m[1]):02d}" if _month(m[2]) else None)
        take(RU_DAY_WORDS, _days_in_words)
        take(RU_MONTH, lambda m: f"{m[2]}-{_month(m[1]):02d}" if _month(m[1]) else None)
        take(RU_SCALED, lambda m: _plain(_float(m[1]) * SCALE[m[2]]))
        take(RU_SCALE_WORDS, lambda m: _plain(_float(m[1]) * SCALE[m[2]]))
        take(RU_MONTH_ALONE, lambda m: f"--{_month(m.group(0)):02d}" if _month(m.group(0)) else None)
    else:
        text = ZH_GROUPED.sub(lambda m: m.group(0).replace(",", "_"), text)
        take(ZH_DATE, lambda m: f"{m[1]}-{int(m[2]):02d}-{int(m[3]):02d}")
        take(ZH_DAY_LIST, _day_list)
        take(ZH_DAYS, lambda m: [f"--{int(m[1]):02d}-{int(m[2]):02d}", f"--{int(m[1]):02d}-{int(m[3]):02d}"])
        take(ZH_DAY_MONTH, lambda m: f"--{int(m[1]):02d}-{int(m[2]):02d}")
        take(ZH_MONTHS, lambda m: [f"{m[1] or '-'}-{int(n):02d}" for n in (m[2], m[3])]
             if 1 <= int(m[2]) <= 12 and 1 <= int(m[3]) <= 12 else None)
        take(ZH_MONTH, lambda m: f"{m[1]}-{int(m[2]):02d}")
        take(ZH_MONTH_ALONE, lambda m: f"--{int(m[1]):02d}" if 1 <= int(m[1]) <= 12 else None)
        take(ZH_MONTH_IN_WORDS, lambda m: f"--{chinese_numeral(m[1]):02d}")
        take(ZH_SCALED, lambda m: _plain(_float(m[1]) * SCALE[m[2]]))
        take(ZH_PERCENT, _percent)
        take(ZH_ORDINAL, lambda m: [str(chinese_numeral(n)) for n in re.split("[、和及至]", m[1] + m[2]) if n])
        take(ZH_RANGE, lambda m: f"{m[1]}/{m[2]}")
        take(ZH_TIME, _clock())
        take(ZH_COUNTED, _counted)
    take(RANGE, lambda m: f"{m[1]}/{m[2]}")
    found += [(_plain(_float(m.group(0))), m.start(), m.end()) for m in NUMBER.finditer(text)]
    return sorted(found, key=lambda f: f[1])


def _percent(m: re.Match) -> str:
    """百分之二十 -> 20, 百分之三点五 -> 3.5."""
    whole = chinese_numeral(m[1])
    return _plain(float(f"{whole}.{''.join(str(ZH_DIGITS[ch]) for ch in m[2])}") if m[2] else whole)


def _day_list(m: re.Match) -> list[str]:
    """2015年3月19、20和24日 -> 2015-03-19, 2015-03-20, 2015-03-24 (without a year: --03-19 ...)."""
    days = [int(d) for d in re.findall(r"\d+", m[3])]
    return [f"{m[1] or '-'}-{int(m[2]):02d}-{d:02d}" for d in days]


def _days_in_words(m: re.Match) -> list[str] | None:
    """«Седьмого и восьмого июля» -> --07-07, --07-08; None where no month or no day is read."""
    month, days = _month(m[2]), _day_words(m[1])
    return [f"--{month:02d}-{d:02d}" for d in days] if month and days else None


def _day_words(text: str) -> list[int]:
    """«седьмого и восьмого» -> [7, 8], «двадцать первого» -> [21]."""
    days = []
    for word in re.findall(_RU_DAY, text, re.IGNORECASE):
        parts = word.lower().split()
        tens = 20 if parts[0] == "двадцать" else 30 if parts[0] == "тридцать" else 0
        stem = max((s for s in RU_DAY_STEMS if parts[-1].startswith(s)), key=len)
        days.append(tens + RU_DAY_STEMS[stem])
    return [d for d in days if 1 <= d <= 31]


def _counted(m: re.Match) -> str | None:
    """十周年 -> 10, 两万名 -> 20000; None below ten (三个: Russian writes «три»), and for what
    reads as a number only by chance: 千年 (a millennium), 一一 (one by one)."""
    numeral = m[1]
    if not (m[2] or set(numeral) & set(ZH_UNITS)) or not (numeral[0] in ZH_DIGITS or numeral[0] == "十"):
        return None
    value = chinese_numeral(m[1]) * (SCALE[m[2]] if m[2] else 1)
    return _plain(value) if value >= 10 else None


def _float(digits: str) -> float:
    """«164_700» (grouped), «348,4» (a Russian decimal comma) or «3.484» as a number."""
    return float(digits.replace("_", "").replace(",", "."))


def components(values: Counter) -> set[str]:
    """Years, months and days of the dates, and the numbers: what a date written another way shares."""
    out = set()
    for v in values:
        if re.fullmatch(r"\d{4}/\d{4}", v):  # a range of years: its two ends
            out |= {f"y{y}" for y in v.split("/")}
        elif re.fullmatch(r"--\d\d", v):  # a month alone («в апреле», 4月)
            out.add(f"m{int(v[2:])}")
        elif re.fullmatch(r"(?:\d{4}|-)-\d\d(?:-\d\d)?", v):
            year, *rest = v.split("-") if not v.startswith("--") else ["", *v[2:].split("-")]
            out |= {f"y{year}"} if year else set()
            out |= {f"m{int(rest[0])}"} if rest else set()
            out |= {f"d{int(rest[1])}"} if len(rest) > 1 else set()
        elif v.isdigit():
            n = int(v)
            out |= {f"d{n}"} if 1 <= n <= 31 else {f"y{n}"} if 1000 <= n <= 2999 else {v}
        else:
            out.add(v)
    return out


def _ungrouped(value: str) -> str:
    """«18.246» read as a grouped 18246 (a law's number, a sum written with a dot between thousands)."""
    return value.replace(".", "") if re.fullmatch(r"\d{1,3}\.\d{3}", value) else value


def matches(value: str, other: Counter) -> bool:
    """Whether the other text has this value, or all its parts: «с 6 по 10 сентября 2014 года»
    and 2014年9月6日至10日 write the same two days differently."""
    if other[value] or other[_ungrouped(value)] or any(_ungrouped(v) == value for v in other):
        return True
    if re.fullmatch(r"\d{4}-\d\d-\d\d", value) and other["-" + value[4:]]:
        return True  # 2014年8月13日 for «Тринадцатого августа»: the year goes without saying
    mine = components(Counter([value]))
    return bool(mine) and mine <= components(other)
