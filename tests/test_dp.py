"""The DP engine: the row recurrence, the band, and coarse-to-fine against the full table."""
from __future__ import annotations

import numpy as np

from ruzh.align.dp import _chain_along_row, _cumulative, align, band_around, path


def test_chain_along_row_equals_the_plain_recurrence():
    rng = np.random.default_rng(3)
    for _ in range(50):
        size = int(rng.integers(2, 30))
        best = rng.normal(size=size)
        best[rng.random(size) < 0.3] = -np.inf
        gain = np.concatenate(([-np.inf], rng.normal(-0.3, 0.2, size - 1)))
        expected = best.copy()
        for k in range(1, size):
            expected[k] = max(expected[k], expected[k - 1] + gain[k])
        back = np.zeros(size, dtype=np.int8)
        got = best.copy()
        _chain_along_row(got, _cumulative(gain[None, :])[0], back, 9, size, np.arange(size))
        np.testing.assert_allclose(got, expected)
        assert all((back[k] == 9) == (got[k] > best[k]) for k in range(size) if np.isfinite(got[k]))


class MatrixScorer:
    """A scorer over a given similarity matrix: 1-1 links are worth the similarity, skips -0.3."""

    def __init__(self, sim: np.ndarray):
        self.sim = sim
        self.n, self.m = sim.shape

    def score(self, a, b, i, j):
        if a == 0 or b == 0:
            return np.full(len(i), -0.3)
        if (a, b) != (1, 1):
            return np.full(len(i), -np.inf)
        return self.sim[i - 1, j - 1]

    def similarity(self, src, tgt):
        return 1.0

    def coarsen(self):
        pooled = self.sim
        pooled = np.add.reduceat(pooled, np.arange(0, pooled.shape[0], 2), axis=0)
        pooled = np.add.reduceat(pooled, np.arange(0, pooled.shape[1], 2), axis=1)
        return MatrixScorer(pooled / 4)


def diagonal_with_gaps(n: int, seed: int = 0) -> tuple[np.ndarray, list[tuple[int, int]]]:
    """Similarities of two sequences where some items of each side were dropped."""
    rng = np.random.default_rng(seed)
    keep_src = rng.random(n) > 0.05
    keep_tgt = rng.random(n) > 0.05
    src = np.flatnonzero(keep_src)
    tgt = np.flatnonzero(keep_tgt)
    sim = rng.uniform(-0.1, 0.2, (len(src), len(tgt)))
    pairs = []
    where_tgt = {t: k for k, t in enumerate(tgt)}
    for k, s in enumerate(src):
        if s in where_tgt:
            sim[k, where_tgt[s]] = rng.uniform(0.5, 0.9)
            pairs.append((k, where_tgt[s]))
    return sim, pairs


def test_coarse_to_fine_finds_the_full_table_path():
    sim, pairs = diagonal_with_gaps(1500)
    scorer = MatrixScorer(sim)
    types = ((1, 1), (1, 0), (0, 1))
    full = align(scorer, types, full_dp_cells=10**9)
    banded = align(scorer, types, band=8, full_dp_cells=10_000)
    assert [(l.src, l.tgt) for l in banded] == [(l.src, l.tgt) for l in full]
    linked = {(l.src[0], l.tgt[0]) for l in banded if l.src and l.tgt}
    assert set(pairs) <= linked  # two items left over side by side may pair up: they cost less than two skips


def test_band_follows_the_coarse_path():
    coarse = [((0,), (0,)), ((1,), ()), ((2,), (1,)), ((), (2,))]
    lo, hi = band_around(coarse, n=6, m=6, width=1)
    assert lo[0] == 0 and hi[-1] == 6
    assert all(lo <= hi)
    assert lo[4] <= 2 <= hi[4]  # coarse (2, 1) is fine (4, 2)


def test_every_item_is_in_exactly_one_link():
    sim, _ = diagonal_with_gaps(400, seed=5)
    links = path(MatrixScorer(sim), ((1, 1), (1, 0), (0, 1)), full_dp_cells=5_000, band=6)
    assert sorted(i for src, _ in links for i in src) == list(range(sim.shape[0]))
    assert sorted(j for _, tgt in links for j in tgt) == list(range(sim.shape[1]))
