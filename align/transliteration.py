"""Names written by sound on both sides: «Порошенко» — 波罗申科, «Дламини-Зума» — 德拉米尼-祖马, «Кристенсеном» — Kristensen.

Chinese writes a foreign name with characters chosen for their sound (Xinhua's transliteration
tables), which jieba then cuts anywhere (德拉 / 米尼 / 祖马), so a name is found as a *run* of
such characters in the text, not as a word. Both spellings are reduced to a consonant skeleton
in a few sound classes (б/п/b/p → P, г/к/х/g/k/h → K, л/р/l/r → L, the sibilants → S…):
Chinese adds a vowel to every consonant (斯 si for s) and Russian writes vowels the Chinese
reading does not keep, so vowels are left out. Two skeletons that agree closely (rapidfuzz) are
one name. Skeletons of two consonants agree by chance, so short names («Шеллер» — 舍勒, SL) are
left to the other sources.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache

import numpy as np

# The characters the Xinhua tables use to write foreign names by sound (the common ones).
ZH_SOUND_CHARS = set(
    "阿埃艾爱安昂奥澳巴拜班邦保鲍贝本比彼毕宾波伯博布查察达戴丹道德迪蒂丁东杜敦多厄恩尔法凡范菲费芬丰冯弗福伏富"
    "盖甘冈戈格根贡古瓜圭哈海汉豪赫亨洪侯胡华怀惠霍基吉加贾杰金居卡凯坎康考柯科克肯库夸奎昆拉莱赖兰朗劳勒雷蕾里"
    "利莉丽列林琳隆卢鲁路伦罗洛马玛迈麦曼芒梅门蒙孟米敏莫默姆穆纳娜奈南瑙内尼妮涅宁纽努诺欧帕潘庞佩彭皮普齐奇恰"
    "乔切钦琼丘萨塞赛桑瑟森沙莎尚舍申什施舒斯松苏索塔泰坦汤唐陶特滕提廷图托瓦万旺威韦维温沃乌伍武西希锡席夏谢辛"
    "休雅亚扬耶叶伊因尤约扎泽詹兹朱祖佐茨津契黎舍顿缪蓬弗霍迦恰彻珀乔各·-"
)
SOUND_RUN = re.compile("[" + re.escape("".join(sorted(ZH_SOUND_CHARS))) + "]{2,}")
# Pinyin initials and Russian / Latin letters by sound class; vowels and glides map to "".
PINYIN_INITIALS = (("zh", "S"), ("ch", "S"), ("sh", "S"), ("b", "P"), ("p", "P"), ("m", "M"), ("f", "F"),
                   ("w", "F"), ("d", "T"), ("t", "T"), ("n", "N"), ("l", "L"), ("r", "L"), ("g", "K"), ("k", "K"),
                   ("h", "K"), ("j", "S"), ("q", "S"), ("x", "S"), ("z", "S"), ("c", "S"), ("s", "S"), ("y", ""))
LETTER_CLASS = {**dict.fromkeys("бпbp", "P"), **dict.fromkeys("вфfvw", "F"), **dict.fromkeys("гкхgkhcq", "K"),
                **dict.fromkeys("дтdt", "T"), **dict.fromkeys("жзсшщцчzsjx", "S"), **dict.fromkeys("лрlr", "L"),
                **dict.fromkeys("мm", "M"), **dict.fromkeys("нn", "N")}
MIN_SKELETON = 3  # shorter skeletons (two consonants) agree by chance
SAME_NAME = 0.8  # the least rapidfuzz similarity of two skeletons of one name
NAME_SCORE = 0.9  # the word-link score of two spellings of one name
CYRILLIC_TO_LATIN = dict(zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
                             ["a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p", "r",
                              "s", "t", "u", "f", "h", "ts", "ch", "sh", "sch", "", "y", "", "e", "yu", "ya"]))


def transliterate(word: str) -> str:
    """A Russian word in Latin letters, loosely (х as h, as names borrowed from English are spelt)."""
    return "".join(CYRILLIC_TO_LATIN.get(ch, ch) for ch in word.lower())


def letters_skeleton(word: str) -> str:
    """«Порошенко» -> PLSNK: the consonant classes of a Cyrillic or Latin spelling, repeats merged."""
    out = []
    for ch in word.lower():
        cls = LETTER_CLASS.get(ch, "")
        if cls and (not out or out[-1] != cls):
            out.append(cls)
    return "".join(out)


@lru_cache(maxsize=20_000)
def _syllable_skeleton(char: str) -> str:
    """舍 she -> S, 伦 lun -> LN, 尔 er -> L: a character's initial, and its final's nasal."""
    from pypinyin import lazy_pinyin

    reading = lazy_pinyin(char)[0]
    if reading == "er":
        return "L"
    initial = next((cls for prefix, cls in PINYIN_INITIALS if reading.startswith(prefix)), "")
    return initial + ("N" if reading.endswith(("n", "ng")) and len(reading) > 1 else "")


@dataclass
class SoundRun:
    """A run of Chinese characters that write a name by sound, with its skeleton and where each
    letter of the skeleton comes from."""

    start: int
    end: int
    skeleton: str
    origin: list[int]  # character offset in the text of each skeleton letter


def sound_runs(text: str) -> list[SoundRun]:
    """The runs of at least two sound characters in a Chinese text (separators · and - kept inside)."""
    runs = []
    for m in SOUND_RUN.finditer(text):
        skeleton, origin = [], []
        for k, ch in enumerate(m.group(0)):
            for cls in _syllable_skeleton(ch) if ch not in "·-" else "":
                if not skeleton or skeleton[-1] != cls:
                    skeleton.append(cls)
                    origin.append(m.start() + k)
        runs.append(SoundRun(m.start(), m.end(), "".join(skeleton), origin))
    return runs


def _candidates(word: str) -> list[str]:
    """The skeletons a Russian name may be written by: whole, and each part of a hyphenated name."""
    parts = [word] + (word.split("-") if "-" in word else [])
    return [s for s in (letters_skeleton(p) for p in parts) if len(s) >= MIN_SKELETON]


@lru_cache(maxsize=50_000)
def _foreign_name(word: str) -> bool:
    """A capitalised word that is a name, or no Russian word at all («Дламини-Зумы», «Шеллера»):
    not a capitalised common word («Исламская», «Ближнем»), whose skeleton may match by chance."""
    if not word[:1].isupper() or len(word) < 3 or word.isupper():
        return False
    from ruzh.corpus.nlp import morph_analyzer

    parses = morph_analyzer().parse(word)
    known = [p for p in parses if p.is_known]
    return not known or any({"Name", "Surn", "Patr", "Geox", "Orgn", "Trad"} & set(map(str, p.tag.grammemes))
                            for p in known)


def _same(skeleton: str, window: str) -> bool:
    """The whole skeleton against the part of the run it was aligned to (partial matching lets a
    window shrink at the run's edge: LFL of 达尔富尔 is no match for LFSL of «Эль-Фашире»)."""
    from rapidfuzz.fuzz import ratio

    if len(window) < len(skeleton):
        return False
    return ratio(skeleton, window) >= SAME_NAME * 100


def name_scores(ru_words, zh_words, zh_text: str) -> np.ndarray:
    """NAME_SCORE between a capitalised Russian word and the Chinese words of the sound run that
    spells it (0 elsewhere). `ru_words`, `zh_words`: `align.words.Word`s."""
    from rapidfuzz.fuzz import partial_ratio_alignment

    out = np.zeros((len(ru_words), len(zh_words)), dtype=np.float32)
    runs = [r for r in sound_runs(zh_text) if len(r.skeleton) >= MIN_SKELETON]
    if not runs:
        return out
    for i, word in enumerate(ru_words):
        if not _foreign_name(word.text):
            continue
        for skeleton in _candidates(word.text):
            for run in runs:
                found = partial_ratio_alignment(skeleton, run.skeleton, score_cutoff=SAME_NAME * 100)
                if found is None or not _same(skeleton, run.skeleton[found.dest_start : found.dest_end]):
                    continue
                start = run.origin[found.dest_start]
                end = run.origin[found.dest_end - 1] + 1
                for j, z in enumerate(zh_words):
                    if z.start < end and z.end > start:
                        out[i, j] = NAME_SCORE
    return out


def latin_scores(ru_words, zh_words) -> np.ndarray:
    """0.9 where a Russian name is the transliteration of a Latin word the Chinese text keeps
    («Кристенсеном» — Kristensen)."""
    out = np.zeros((len(ru_words), len(zh_words)), dtype=np.float32)
    latin = [(j, z.text.lower()) for j, z in enumerate(zh_words) if z.text.isascii() and z.text.isalpha() and len(z.text) > 3]
    if not latin:
        return out
    for i, r in enumerate(ru_words):
        if r.text[:1].isupper() and len(r.text) > 3 and not r.text.isascii():
            spelled = transliterate(r.text)
            for j, z in latin:
                if spelled[:4] == z[:4] or SequenceMatcher(None, spelled, z).ratio() >= 0.75:
                    out[i, j] = NAME_SCORE
    return out
