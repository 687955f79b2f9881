"""Fit each detector's confidence to how often its findings are right (Platt scaling).

On the UN test set with injected changes (seed 7), every major or minor finding is labelled:
right when it is on a changed pair and the right side, wrong when it is on an untouched pair.
For each kind, a logistic curve maps the detector's own evidence score (`confidence` as the
detector sets it) to that probability; the curves go into `align/divergence/calibration.py`.
The dev set (seed 11) checks them: the expected calibration error before and after.

The probabilities are those of the benchmark, where 7% of the pairs were changed; in a document
with fewer errors a finding is less often right. Run: `python benchmarks/calibrate.py`.
"""
from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_divergence import corpus_differs, document, pair_index, settle_jieba  # noqa: E402
from inject import inject  # noqa: E402
from un import un_pairs  # noqa: E402

from ruzh.align import load_encoder  # noqa: E402
from ruzh.align.divergence import calibration, detect_divergences  # noqa: E402


def labelled(split: str, seed: int, encoder) -> list[tuple[str, float, int]]:
    """(kind, raw confidence, 1 if right else 0) for each major or minor finding; a finding on an
    untouched pair a reader judged to differ in the corpus itself is neither."""
    settle_jieba()
    pairs = un_pairs(split)
    changed, changes = inject(pairs, seed)
    truth = {c.index: c for c in changes}
    differing = corpus_differs(split, pairs)
    doc, alignment = document(changed)
    rows = []
    for f in detect_divergences(doc, alignment, encoder, calibrate=False):
        if f.severity == "info" or f.confidence is None:
            continue
        k = pair_index(f)
        if k in truth and not (f.side == "both" or f.side == truth[k].side):
            continue  # a finding about something else on a changed pair: neither right nor wrong here
        if k in differing:
            continue
        rows.append((f.kind, f.confidence, int(k in truth)))
    return rows


def fit(x: np.ndarray, y: np.ndarray, steps: int = 2000) -> tuple[float, float]:
    """Logistic regression of y on x by gradient descent, lightly regularized (a constant x gives the base rate)."""
    a, b = 0.0, 0.0
    for _ in range(steps):
        p = 1 / (1 + np.exp(-(a * x + b)))
        a -= 0.5 * (np.mean((p - y) * x) + 0.01 * a)
        b -= 0.5 * np.mean(p - y)
    return round(float(a), 3), round(float(b), 3)


def ece(rows: list[tuple[str, float, int]], confidence) -> float:
    """Expected calibration error over ten confidence bins."""
    bins = defaultdict(list)
    for kind, raw, label in rows:
        c = confidence(kind, raw)
        bins[min(int(c * 10), 9)].append((c, label))
    return sum(len(b) * abs(np.mean([c for c, _ in b]) - np.mean([y for _, y in b])) for b in bins.values()) / len(rows)


def main() -> None:
    encoder = load_encoder("use-m3")
    test, dev = labelled("testset", 7, encoder), labelled("devset", 11, encoder)
    table = {}
    for kind in sorted({k for k, _, _ in test}):
        x = np.array([raw for k, raw, _ in test if k == kind])
        y = np.array([label for k, _, label in test if k == kind])
        table[kind] = fit(x, y)
        print(f"{kind}: {len(y)} findings, {y.mean():.2f} right; curve {table[kind]}")
    print("CURVES =", table)
    dev = [row for row in dev if row[0] in calibration.CURVES]  # typography and the like report no injected kind
    before = ece(dev, lambda kind, raw: raw)
    after = ece(dev, lambda kind, raw: calibration.calibrated(kind, raw))
    fitted = ece(dev, lambda kind, raw: calibration.calibrated(kind, raw, table))
    print(f"dev set: expected calibration error {before:.3f} as the detectors set it, {after:.3f} with the "
          f"curves in calibration.py, {fitted:.3f} with all the curves just fitted")


if __name__ == "__main__":
    main()
