"""Monotonic alignment of two sequences by dynamic programming, in linear memory.

The DP fills a table S[i, j] = the best total score of aligning the first i source items with
the first j target items, as a sequence of links of the allowed types (a, b): a source items
linked to b target items, (1, 0) and (0, 1) meaning an item with no counterpart:

    S[i, j] = max over types (a, b) of  S[i - a, j - b] + score(src[i-a:i], tgt[j-b:j])

What a link is worth is the scorer's business (`align.scoring`); this module only searches.

Long documents are never given the full n x m table. As Vecalign does, the sequences are first
coarsened (pairs of neighbouring items pooled into one), aligned recursively, and the coarse
path, projected back, fixes a band of `band` cells either side in which the fine DP runs: time
and memory grow linearly with the length of the document. Each row of the band is computed at
once with numpy; the (0, 1) links, which chain along a row, by a running maximum.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

import numpy as np

LinkType = tuple[int, int]
DEFAULT_TYPES: tuple[LinkType, ...] = ((1, 1), (1, 0), (0, 1), (1, 2), (2, 1))
EXTENDED_TYPES: tuple[LinkType, ...] = DEFAULT_TYPES + ((2, 2), (1, 3), (3, 1))
FULL_DP_CELLS = 160_000  # below this many cells the whole table is cheap enough
BAND = 12


@dataclass(frozen=True)
class Link:
    """Source items `src` aligned with target items `tgt` (indices; one side may be empty)."""

    src: tuple[int, ...]
    tgt: tuple[int, ...]
    score: float = 0.0


class Scorer(Protocol):
    n: int  # source items
    m: int  # target items

    def score(self, a: int, b: int, i: np.ndarray, j: np.ndarray) -> np.ndarray:
        """Worth of linking src[i-a:i] with tgt[j-b:j], for arrays of end positions (i, j)."""

    def similarity(self, src: tuple[int, ...], tgt: tuple[int, ...]) -> float:
        """A 0..1 confidence for a finished link, for the output."""

    def coarsen(self) -> Scorer:
        """The same scorer over sequences half as long (neighbouring items pooled)."""


def align(scorer: Scorer, types: tuple[LinkType, ...] = DEFAULT_TYPES,
          band: int = BAND, full_dp_cells: int = FULL_DP_CELLS) -> list[Link]:
    """The best monotonic alignment of the scorer's two sequences, as links in document order."""
    return [Link(src, tgt, scorer.similarity(src, tgt)) for src, tgt in path(scorer, types, band, full_dp_cells)]


def path(scorer: Scorer, types: tuple[LinkType, ...] = DEFAULT_TYPES,
         band: int = BAND, full_dp_cells: int = FULL_DP_CELLS) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    """The best path as (source items, target items) pairs; coarse-to-fine for long sequences."""
    n, m = scorer.n, scorer.m
    if (n + 1) * (m + 1) <= full_dp_cells or min(n, m) < 4 * band:
        lo, hi = np.zeros(n + 1, dtype=np.int64), np.full(n + 1, m, dtype=np.int64)
    else:
        coarse = path(scorer.coarsen(), DEFAULT_TYPES, band, full_dp_cells)
        lo, hi = band_around(coarse, n, m, band)
    return banded_dp(scorer, types, lo, hi)


def band_around(coarse: list[tuple[tuple[int, ...], tuple[int, ...]]], n: int, m: int, width: int) -> tuple[np.ndarray, np.ndarray]:
    """For each fine row, the columns within `width` of the coarse path projected at double size."""
    rows = (n + 1) // 2 + 1
    first = np.full(rows + 1, np.iinfo(np.int64).max, dtype=np.int64)
    last = np.zeros(rows + 1, dtype=np.int64)
    i = j = 0
    for src, tgt in coarse:
        a, b = len(src), len(tgt)
        first[i : i + a + 1] = np.minimum(first[i : i + a + 1], j)
        last[i : i + a + 1] = np.maximum(last[i : i + a + 1], j + b)
        i, j = i + a, j + b
    fine = np.arange(n + 1)
    lower = np.minimum(first[fine // 2], first[(fine + 1) // 2])
    upper = np.maximum(last[fine // 2], last[(fine + 1) // 2])
    lo = np.clip(2 * lower - width, 0, m)
    hi = np.clip(2 * upper + width, 0, m)
    lo[0], hi[n] = 0, m
    return lo, np.maximum(hi, lo)


def banded_dp(scorer: Scorer, types: tuple[LinkType, ...], lo: np.ndarray, hi: np.ndarray
              ) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    """The DP over the cells (i, j) with lo[i] <= j <= hi[i]; row i is stored from column lo[i]."""
    n = scorer.n
    width = int((hi - lo).max()) + 1
    cols = lo[:, None] + np.arange(width)[None, :]
    valid = cols <= hi[:, None]
    gains = _link_scores(scorer, types, cols, valid)

    across = [t for t, (a, b) in enumerate(types) if a > 0]
    along = next((t for t, (a, b) in enumerate(types) if (a, b) == (0, 1)), None)
    # Rows are stored with `width` cells of -inf either side, so that reading the row above at
    # the columns of this one (a shift) is a slice, not a copy.
    best = np.full((n + 1, 3 * width), -np.inf)
    back = np.full((n + 1, width), -1, dtype=np.int8)
    across_gains = np.stack([gains[t] for t in across], axis=1)  # (rows, types, width): one row contiguous
    across_moves = [types[t] for t in across]
    across_ids = np.array(across, dtype=np.int8)
    cells = np.arange(width)
    starts = lo.tolist()
    sizes = (hi - lo + 1).tolist()
    value = np.empty((len(across), width))
    along_gain = _cumulative(gains[along]) if along is not None else None
    for i in range(n + 1):
        if i == 0:
            candidate = np.full(width, -np.inf)
            candidate[0] = 0.0  # the empty alignment, at (0, 0): lo[0] == 0
        else:
            for row, (a, b) in enumerate(across_moves):
                if a > i:
                    value[row] = -np.inf
                    continue
                shift = min(max(starts[i] - b - starts[i - a], -width), width) + width
                value[row] = best[i - a, shift : shift + width]
            value += across_gains[i]
            choice = value.argmax(axis=0)
            candidate = value[choice, cells]
            back[i] = across_ids[choice]
        if along is not None:
            _chain_along_row(candidate, along_gain[i], back[i], along, sizes[i], cells)
        best[i, width : 2 * width] = candidate
    return _trace(types, back, lo, n, scorer.m)


def _link_scores(scorer: Scorer, types, cols: np.ndarray, valid: np.ndarray) -> list[np.ndarray]:
    """gains[t][i, k]: the worth of a link of type t ending at (i, lo[i] + k); -inf where impossible."""
    rows = np.broadcast_to(np.arange(cols.shape[0])[:, None], cols.shape)
    gains = []
    for a, b in types:
        possible = valid & (rows >= a) & (cols >= b)
        gain = np.full(cols.shape, -np.inf)
        gain[possible] = scorer.score(a, b, rows[possible], cols[possible])
        gains.append(gain)
    return gains


def _cumulative(gain: np.ndarray) -> np.ndarray:
    """G[i, k] = gain[i, 1] + ... + gain[i, k]: the worth of k (0, 1) links in a row from its start."""
    out = np.zeros_like(gain)
    with np.errstate(invalid="ignore"):
        np.cumsum(gain[:, 1:], axis=1, out=out[:, 1:])
    return out


def _chain_along_row(best: np.ndarray, g: np.ndarray, back: np.ndarray, along: int, size: int,
                     cells: np.ndarray) -> None:
    """Apply S[k] = max(S[k], S[k-1] + gain[k]) along the row, in place, without a Python loop.

    With G the cumulative gain, S[k] = G[k] + max over p <= k of (S[p] - G[p]): a running maximum.
    """
    if size < 2:
        return
    g = g[:size]
    start = best[:size] - g
    running = np.maximum.accumulate(start)
    index = cells[:size]
    arg = np.maximum.accumulate(np.where(start >= running, index, 0))
    chained = arg < index
    best[:size][chained] = running[chained] + g[chained]
    back[:size][chained] = along


def _trace(types, back: np.ndarray, lo: np.ndarray, n: int, m: int) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    links = []
    i, j = n, m
    while i > 0 or j > 0:
        t = back[i][j - lo[i]]
        if t < 0:
            raise RuntimeError(f"alignment failed: no path reaches ({i}, {j}); the band was too narrow")
        a, b = types[t]
        links.append((tuple(range(i - a, i)), tuple(range(j - b, j))))
        i, j = i - a, j - b
    return links[::-1]
