"""A Russian–Chinese word lexicon learnt by a statistical word aligner, bundled with the package.

eflomal (Östling & Tiedemann 2016) aligns the Russian lemmas and jieba words of a parallel
corpus; counting its links (in either direction) gives, for each Russian lemma, the
Chinese words it is translated by and how often, and for every word how often translators leave
it without a counterpart (its *null rate*: «также», 进行, 工作 are left out all the time; «не»
and 阿富汗 never are). The bundled file is learnt from the UN Parallel Corpus v1.0 test set
(Ziemski, Junczys-Dowmunt & Pouliquen, LREC 2016); rebuild it with

    make lexicon      # python -m ruzh.align.lexicon ../shared/data/unpc-v1.0-testsets/testset, with eflomal

Reading it needs nothing but the standard library.
"""
from __future__ import annotations

import gzip
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

LEXICON = Path(__file__).with_name("data") / "lexicon.ru-zh.tsv.gz"
MIN_PAIR = 2  # links seen fewer times are noise at this corpus size
RENDERS = 0.4  # a Chinese word this strongly linked to a Russian lemma renders it


@dataclass
class Lexicon:
    """Link counts between Russian lemmas and Chinese words, and each word's occurrences and null links."""

    pairs: dict[tuple[str, str], int] = field(default_factory=dict)
    seen: dict[tuple[str, str], int] = field(default_factory=dict)  # (lang, word) -> occurrences
    unlinked: dict[tuple[str, str], int] = field(default_factory=dict)  # (lang, word) -> occurrences with no link
    _best: dict[tuple[str, str], str] | None = field(default=None, repr=False, compare=False)
    _by_zh: dict[str, dict[str, float]] | None = field(default=None, repr=False, compare=False)
    _by_ru: dict[str, list[str]] | None = field(default=None, repr=False, compare=False)
    _by_rendering: dict[str, set[str]] | None = field(default=None, repr=False, compare=False)
    _rendered: dict[str, frozenset[str]] = field(default_factory=dict, repr=False, compare=False)  # by Chinese word

    def translation(self, ru: str, zh: str) -> float:
        """How strongly the corpus says the two words translate each other: the larger of
        p(zh | ru) and p(ru | zh), from the links (0 when never linked)."""
        n = self.pairs.get((ru, zh), 0)
        if not n:
            return 0.0
        return min(1.0, max(n / max(self.seen.get(("ru", ru), 1), 1), n / max(self.seen.get(("zh", zh), 1), 1)))

    def translations_of(self, zh: str) -> dict[str, float]:
        """Russian lemma -> `translation(ru, zh)`, for every lemma the Chinese word is linked to."""
        if self._by_zh is None:
            by_zh: dict[str, dict[str, float]] = {}
            for ru, z in self.pairs:
                by_zh.setdefault(z, {})[ru] = self.translation(ru, z)
            self._by_zh = by_zh
        return self._by_zh.get(zh, {})

    def renderings(self, ru: str) -> list[str]:
        """The Chinese words the corpus translates the Russian lemma by (`translation` at least `RENDERS`)."""
        if self._by_ru is None:
            by_ru: dict[str, list[str]] = {}
            for r, z in self.pairs:
                if self.translation(r, z) >= RENDERS:
                    by_ru.setdefault(r, []).append(z)
            self._by_ru = by_ru
        return self._by_ru.get(ru, [])

    def renders(self, ru: str, zh_words: Sequence[str]) -> bool:
        """Whether one of the Chinese words is, begins or ends with one of the lemma's `renderings`:
        «транзитный» by 过境 in 过境运输."""
        return any(z == w or len(z) > 1 and (w.startswith(z) or w.endswith(z))
                   for z in self.renderings(ru) for w in zh_words)

    def rendered_by(self, zh_word: str) -> frozenset[str]:
        """The Russian lemmas the Chinese word renders, as `renders` reads it: 过境运输 renders
        «транзитный» (过境) and «перевозка» (运输)."""
        if self._by_rendering is None:
            by_rendering: dict[str, set[str]] = {}
            for ru in {r for r, _ in self.pairs}:
                for z in self.renderings(ru):
                    by_rendering.setdefault(z, set()).add(ru)
            self._by_rendering = by_rendering
        if zh_word not in self._rendered:
            found = set(self._by_rendering.get(zh_word, ()))
            for k in range(2, len(zh_word)):
                for piece in (zh_word[:k], zh_word[-k:]):
                    found |= self._by_rendering.get(piece, set())
            self._rendered[zh_word] = frozenset(found)
        return self._rendered[zh_word]

    def null_rate(self, lang: str, word: str, default: float = 0.15) -> float:
        """How often translators leave the word without a counterpart; a default for unseen words."""
        n = self.seen.get((lang, word), 0)
        if n < 3:
            return default
        return self.unlinked.get((lang, word), 0) / n

    def knows(self, lang: str, word: str) -> bool:
        return self.seen.get((lang, word), 0) >= 3

    def gloss(self, lang: str, word: str) -> str | None:
        """The other language's word this one is most often linked to (None if never)."""
        if self._best is None:
            best: dict[tuple[str, str], tuple[int, str]] = {}
            for (ru, zh), n in self.pairs.items():
                for key, partner in ((("ru", ru), zh), (("zh", zh), ru)):
                    if n > best.get(key, (0, ""))[0]:
                        best[key] = (n, partner)
            self._best = {key: partner for key, (_, partner) in best.items()}
        return self._best.get((lang, word))


@lru_cache(maxsize=1)
def load_lexicon(path: Path = LEXICON) -> Lexicon:
    """The bundled lexicon (an empty one when the file is absent: embeddings then do the work)."""
    lexicon = Lexicon()
    if not path.exists():
        return lexicon
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            kind, a, b, n, *rest = line.rstrip("\n").split("\t")
            if kind == "P":
                lexicon.pairs[(a, b)] = int(n)
            else:  # "W": a word of language a, its occurrences and unlinked occurrences
                lexicon.seen[(a, b)] = int(n)
                lexicon.unlinked[(a, b)] = int(rest[0])
    return lexicon


def words_of(texts: list[str], lang: str) -> list[list[str]]:
    """The words the lexicon is keyed by: Russian lemmas in lower case, Chinese words as jieba cuts them."""
    from ruzh.corpus import analyze

    return [[word_key(t, lang) for t in tokens if t.pos != "PUNCT" and not t.text.isspace()]
            for tokens in analyze(texts, lang)]


def word_key(token, lang: str) -> str:
    """A token as the lexicon knows it: one field, no spaces («10 000» is one number)."""
    word = token.lemma.lower() if lang == "ru" else token.text
    return "".join(word.split()) or "_"


def learn(ru_texts: list[str], zh_texts: list[str]) -> Lexicon:
    """Align a parallel corpus with eflomal and count the links of either direction."""
    import tempfile

    import eflomal

    ru, zh = words_of(ru_texts, "ru"), words_of(zh_texts, "zh")
    ru = [s or ["∅"] for s in ru]
    zh = [s or ["∅"] for s in zh]
    with tempfile.TemporaryDirectory() as tmp:
        fwd, rev = Path(tmp) / "fwd", Path(tmp) / "rev"
        eflomal.Aligner().align([" ".join(s) for s in ru], [" ".join(s) for s in zh],
                                links_filename_fwd=str(fwd), links_filename_rev=str(rev), quiet=True)
        forward, backward = fwd.read_text().splitlines(), rev.read_text().splitlines()
    pairs: Counter = Counter()
    seen: Counter = Counter()
    unlinked: Counter = Counter()
    for r, z, f, b in zip(ru, zh, forward, backward):
        links = _links(f) | _links(b)  # the union: a many-to-one translation is linked whole
        linked_ru, linked_zh = {i for i, _ in links}, {j for _, j in links}
        for i, j in links:
            pairs[(r[i], z[j])] += 1
        for lang, words, linked in (("ru", r, linked_ru), ("zh", z, linked_zh)):
            for k, w in enumerate(words):
                seen[(lang, w)] += 1
                unlinked[(lang, w)] += k not in linked
    return Lexicon({p: n for p, n in pairs.items() if n >= MIN_PAIR}, dict(seen), dict(unlinked))


def _links(line: str) -> set[tuple[int, int]]:
    return {tuple(map(int, x.split("-"))) for x in line.split()}  # type: ignore[misc]


def save(lexicon: Lexicon, path: Path = LEXICON) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    rows = [f"P\t{r}\t{z}\t{n}\n" for (r, z), n in sorted(lexicon.pairs.items())]
    rows += [f"W\t{lang}\t{w}\t{n}\t{lexicon.unlinked.get((lang, w), 0)}\n"
             for (lang, w), n in sorted(lexicon.seen.items()) if n >= 3]
    with gzip.open(path, "wt", encoding="utf-8", compresslevel=9) as f:
        f.writelines(rows)


def main(folder: str) -> None:
    """Learn the lexicon from a UN Parallel Corpus split (its `.ru` and `.zh` files) and bundle it."""
    base = Path(folder)
    split = base.name

    def lines(lang: str) -> list[str]:
        path = base / f"UNv1.0.{split}.{lang}"
        if path.exists():
            return path.read_text(encoding="utf-8").splitlines()
        with gzip.open(path.with_name(path.name + ".gz"), "rt", encoding="utf-8") as f:
            return f.read().splitlines()

    lexicon = learn(lines("ru"), lines("zh"))
    save(lexicon)
    print(f"{len(lexicon.pairs)} word pairs, {len(lexicon.seen)} words -> {LEXICON}")


if __name__ == "__main__":
    main(sys.argv[1])
