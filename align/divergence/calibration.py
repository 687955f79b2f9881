"""How likely a finding is to be a real divergence: each detector's evidence mapped through a
logistic curve fitted on labelled findings (`benchmarks/calibrate.py`, the UN test set with
injected changes; checked on the dev set). A kind with no curve keeps the detector's own value."""
from __future__ import annotations

import math

# kind -> (slope, intercept) on the detector's own confidence; from `python benchmarks/calibrate.py`
# (the test set: 84 content findings, 38% right; names 100, 37%; negation 53, 49%; numbers 130, 55%;
# mismatch 28, 93%). List items and cells use the content curve (the same evidence; too few to fit
# on their own). Typography and structure report no injected kind and keep their own values.
CONTENT = (2.052, -2.071)
CURVES: dict[str, tuple[float, float]] = {
    "content": CONTENT, "lists": CONTENT, "cells": CONTENT, "mismatch": (-0.213, 2.767), "names": (-0.001, -0.531),
    "negation": (0.09, -0.11), "numbers": (2.664, -1.767),
}


def calibrated(kind: str, raw: float, curves: dict[str, tuple[float, float]] | None = None) -> float:
    slope, intercept = (CURVES if curves is None else curves).get(kind, (None, None))
    if slope is None:
        return raw
    return 1 / (1 + math.exp(-(slope * raw + intercept)))
