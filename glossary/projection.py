"""Russian terms projected onto the Chinese text of the same aligned piece, through the lexicon.

jieba's words make no candidate of 经常预算 (an adverb and a verb to it), 可持续发展 (three words) or
人口与发展委员会 (a conjunction inside): the Chinese patterns miss them. The Russian term says what
to look for: the shortest run of Chinese words that holds a lexicon translation of each of its
words is the Chinese candidate, and pairing then weighs it like any other.
"""
from __future__ import annotations

from collections.abc import Sequence

from ruzh.align.lexicon import load_lexicon
from ruzh.glossary.candidates import Mention, chinese_mention

PROJECTION_SLACK = 2  # Chinese words a projected span may hold beyond one per Russian word (和, 的, 与)


def projections(text: str, tokens: list, russian: Sequence[frozenset[str]]) -> list[Mention]:
    """For each Russian term (its content words' lemmas), the shortest run of the Chinese tokens,
    no punctuation inside, that holds a lexicon translation of every word of it: 经常 + 预算 for
    «регулярный бюджет»."""
    lexicon, out = load_lexicon(), []
    for words in russian:
        rendered = [words & lexicon.rendered_by(t.text) for t in tokens]
        window = _covering_window(rendered, words, tokens, len(words) + PROJECTION_SLACK)
        if window is not None:
            out.append(chinese_mention(text, tokens[window[0] : window[1]]))
    return list({(m.start, m.end): m for m in out}.values())


ZH_NO_EDGE = {"m", "q", "p", "c", "r", "u", "uj", "ul", "uz", "ug", "ud", "x"}  # 理事会第 is no term


def _edge_word(token) -> bool:
    """A word a term may open or close on: not a number, measure word, function word or a
    one-character localizer (后 of 冲突后国家, 上)."""
    return token.tag not in ZH_NO_EDGE and not (token.tag == "f" and len(token.text) == 1)


def _covering_window(rendered: list[set[str]], words: set[str], tokens: list, longest: int) -> tuple[int, int] | None:
    """The shortest run of tokens between `longest` apart whose renderings cover the words, opening
    and closing on a word of content (not 第, 的, 和)."""
    best = None
    for a, first in enumerate(rendered):
        if not first or not _edge_word(tokens[a]):
            continue
        covered: set[str] = set()
        for b in range(a, min(len(tokens), a + longest)):
            if tokens[b].pos == "PUNCT":
                break
            covered |= rendered[b]
            if covered == words:
                if _edge_word(tokens[b]) and (best is None or b + 1 - a < best[1] - best[0]):
                    best = (a, b + 1)
                break
    if best is not None:  # a character jieba cut off a word that renders one too belongs to it: 可 + 持续发展
        a, b = best
        if a > 0 and len(tokens[a - 1].text) == 1 and rendered[a - 1] and _edge_word(tokens[a - 1]):
            a -= 1
        if b < len(tokens) and len(tokens[b].text) == 1 and rendered[b] and _edge_word(tokens[b]):
            b += 1
        best = (a, b)
    return best
