"""A divergence finding: where the two versions say different things, and the evidence."""
from __future__ import annotations

from dataclasses import dataclass, field

SEVERITIES = ("major", "minor", "info")


@dataclass
class Finding:
    kind: str  # the detector: content, lists, negation, terms, mismatch, names, numbers, cells, structure, typography
    ru: list[str]  # unit ids
    zh: list[str]
    side: str  # "ru" | "zh" | "both": the version with the extra or faulty content ("both": they disagree)
    severity: str
    score: float  # 0..1, how sure and how much it matters
    message: str  # one sentence a reviewer understands
    ru_span: str = ""
    zh_span: str = ""
    sentences: list[str] = field(default_factory=list)  # sentence ids, where the finding is that precise
    ru_offsets: list[int] | None = None  # [start, end] of ru_span in the text of the unit holding it
    zh_offsets: list[int] | None = None
    ru_gloss: str = ""  # the span's Chinese counterpart words, for a reviewer who reads only Chinese
    zh_gloss: str = ""  # the span's Russian counterpart words, for a reviewer who reads only Russian
    confidence: float | None = None  # how likely the finding is a real divergence (0..1); None: not estimated

    def record(self) -> dict:
        return {"ru": self.ru, "zh": self.zh, "kind": self.kind, "side": self.side, "severity": self.severity,
                "score": round(self.score, 4), "ru_span": self.ru_span, "zh_span": self.zh_span,
                "message": self.message, "sentences": self.sentences,
                "ru_offsets": self.ru_offsets, "zh_offsets": self.zh_offsets,
                "ru_gloss": self.ru_gloss, "zh_gloss": self.zh_gloss,
                "confidence": None if self.confidence is None else round(self.confidence, 3)}

    def sort_key(self) -> tuple:
        return (SEVERITIES.index(self.severity), -(self.confidence if self.confidence is not None else self.score),
                self.ru[:1] or self.zh[:1])
