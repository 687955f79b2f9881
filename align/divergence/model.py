"""A divergence finding: where the two versions say different things, and the evidence."""
from __future__ import annotations

from dataclasses import dataclass, field

SEVERITIES = ("major", "minor", "info")


@dataclass
class Finding:
    kind: str  # the detector: content, names, numbers, cells, structure, typography
    ru: list[str]  # unit ids
    zh: list[str]
    side: str  # "ru" | "zh" | "both": the version with the extra or faulty content
    severity: str
    score: float  # 0..1, how sure and how much it matters
    message: str  # one sentence a reviewer understands
    ru_span: str = ""
    zh_span: str = ""
    sentences: list[str] = field(default_factory=list)  # sentence ids, where the finding is that precise

    def record(self) -> dict:
        return {"ru": self.ru, "zh": self.zh, "kind": self.kind, "side": self.side, "severity": self.severity,
                "score": round(self.score, 4), "ru_span": self.ru_span, "zh_span": self.zh_span,
                "message": self.message, "sentences": self.sentences}

    def sort_key(self) -> tuple:
        return (SEVERITIES.index(self.severity), -self.score, self.ru[:1] or self.zh[:1])
