"""How likely a finding is to be a real divergence: each detector's evidence mapped through a
logistic curve fitted on labelled findings (`benchmarks/calibrate.py`, the UN test set with
injected changes; checked on the dev set). A kind with no curve keeps the detector's own value."""
from __future__ import annotations

import math

# kind -> (slope, intercept) on the detector's own confidence; from `python benchmarks/calibrate.py`
# (the test set: 97 content findings, 31% right; names 99, 37%; negation 53, 49%; numbers 127, 57%;
# mismatch 27, 93%). List items use the content curve (the same evidence; 5 findings are too few to
# fit). Typography, cells and structure report no injected kind and keep their own values.
CURVES: dict[str, tuple[float, float]] = {
    "content": (1.987, -1.854), "lists": (1.987, -1.854), "mismatch": (-0.34, 2.841), "names": (-0.001, -0.515),
    "negation": (0.09, -0.11), "numbers": (2.34, -1.422),
}


def calibrated(kind: str, raw: float, curves: dict[str, tuple[float, float]] | None = None) -> float:
    slope, intercept = (CURVES if curves is None else curves).get(kind, (None, None))
    if slope is None:
        return raw
    return 1 / (1 + math.exp(-(slope * raw + intercept)))
