"""Items with no counterpart stay unlinked (1-0), even beside a pair that matches well (issue 14).

A merge (2-1, 1-2) has to earn its place: an item that resembles nothing on the other side must
not ride along in its neighbour's link because the neighbour matches.
"""
from __future__ import annotations

import random
import re

import numpy as np
import pytest
from ruzh.align import align_sentences
from ruzh.align.scoring import _rowwise_dot

CERTIFICATION = ["ru-f01", "ru-f02", "ru-f03", "ru-f04"]  # the Russian-only block, ending with the signatory


def test_certification_lines_are_unlinked_units(sample, sample_alignment):
    assert [u.id for u in sample.of("ru")[:5]] == CERTIFICATION + ["ru-f05"]
    units = [(tuple(l.ru), tuple(l.zh)) for l in sample_alignment.units]
    for unit in CERTIFICATION:
        assert ((unit,), ()) in units, [l for l in units if unit in l[0]]
    assert (("ru-f05",), ("zh-f01",)) in units  # the titles: Council of Heads of State


def test_certification_sentences_are_unlinked(sample, sample_alignment):
    sentences = [(tuple(l.ru), tuple(l.zh)) for l in sample_alignment.sentences]
    for unit in sample.of("ru")[:4]:
        for k in range(1, len(unit.sentences) + 1):
            assert ((f"{unit.id}.{k}",), ()) in sentences
    assert (("ru-f05.1",), ("zh-f01.1",)) in sentences


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"\w{4,}", text.lower()) if not w.isdigit()}


def _insertions(pairs: list[tuple[str, str]], trials: int, seed: int):
    """Windows of eight consecutive UN pairs, with one or two Russian sentences from far away in
    the test set (other documents) inserted after the `p`th pair. Unrelated means it: an extra
    shares no word of four letters or more with the window (the test set repeats headings such as
    «Оперативные расходы», which a neighbouring Chinese sentence may well contain)."""
    rng = random.Random(seed)
    done = 0
    while done < trials:
        start = rng.randrange(0, 1900)
        window = pairs[start : start + 8]
        k = rng.choice([1, 2])
        e0 = rng.randrange(2000, 3990)
        extras = [r for r, _ in pairs[e0 : e0 + k]]
        p = rng.randrange(1, 8)
        if _words(" ".join(extras)) & _words(" ".join(r for r, _ in window)):
            continue
        done += 1
        ru = [r for r, _ in window[:p]] + extras + [r for r, _ in window[p:]]
        zh = [z for _, z in window]
        yield ru, zh, p, k


def test_inserted_unrelated_sentences_are_one_to_nothing(un_pairs, encoder):
    """Short headings and names («Двадцать пятое совещание», «Коморские Острова», «Проект доклада»)
    used to join their neighbour's 1-1 link as a 2-1: 9 of the 78 inserted lines."""
    absorbed, inserted, pairs_lost = [], 0, 0
    for ru, zh, p, k in _insertions(un_pairs, trials=60, seed=0):
        got = {(l.src, l.tgt) for l in align_sentences(ru, zh, encoder)}
        inserted += k
        for t in range(k):
            if ((p + t,), ()) not in got:
                absorbed.append((ru[p + t], [l for l in got if p + t in l[0]]))
        pairs_lost += sum(((i if i < p else i + k,), (i,)) not in got for i in range(len(zh)))
    assert inserted > 70
    assert absorbed == []
    assert pairs_lost == 0


@pytest.mark.parametrize("rows", [[0], [3, 3, 3], [0, 1, 64], [5, 69], list(range(130))])
def test_rowwise_dot_covers_the_last_row(rows):
    """Every requested cell is computed, also when the last row is a multiple of 64 rows after the
    first (a one-sentence unit against several: all its cells are in one row)."""
    rng = np.random.default_rng(1)
    x, y = rng.normal(size=(140, 5)), rng.normal(size=(9, 5))
    rows_x = np.array(rows)
    rows_y = rng.integers(0, 9, len(rows_x))
    np.testing.assert_allclose(_rowwise_dot(x, rows_x, y, rows_y), np.einsum("ij,ij->i", x[rows_x], y[rows_y]))
