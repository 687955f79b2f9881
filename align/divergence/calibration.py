"""How likely a finding is to be a real divergence: each detector's evidence mapped through a
logistic curve fitted on labelled findings (`benchmarks/calibrate.py`, the UN test set with
injected changes; checked on the dev set). A kind with no curve keeps the detector's own value."""
from __future__ import annotations

import math

# kind -> (slope, intercept) on the detector's own confidence; from `python benchmarks/calibrate.py`
# (the test set: 66 content findings, 52% right; names 75, 48%; negation 46, 61%; numbers 118, 60%;
# mismatch 28, 93%). List items and cells use the content curve (the same evidence; too few to fit
# on their own: 4 list findings). Typography and structure report no injected kind and keep their own values.
CONTENT = (2.154, -1.632)
CURVES: dict[str, tuple[float, float]] = {
    "content": CONTENT, "lists": CONTENT, "cells": CONTENT, "mismatch": (-0.217, 2.771), "names": (0.0, -0.08),
    "negation": (0.155, 0.318), "numbers": (3.145, -1.857),
}


def calibrated(kind: str, raw: float, curves: dict[str, tuple[float, float]] | None = None) -> float:
    slope, intercept = (CURVES if curves is None else curves).get(kind, (None, None))
    if slope is None:
        return raw
    return 1 / (1 + math.exp(-(slope * raw + intercept)))
