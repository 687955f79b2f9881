"""The document page: both versions side by side, unit by unit as aligned, with the printed labels,
numbered sentence links and the findings in the margin; jumping to a measure by its number."""
from __future__ import annotations

from dataclasses import dataclass

from ruzh.align.divergence.model import Finding
from ruzh.serve.decisions import finding_key
from ruzh.serve.folder import Run
from ruzh.serve.units_view import UnitView, unit_view


@dataclass(frozen=True)
class Marker:
    """A finding in the margin, linking to its review."""

    key: str
    severity: str
    kind: str
    message: str


@dataclass
class Row:
    ru: list[UnitView]
    zh: list[UnitView]
    markers: list[Marker]


def rows(run: Run) -> list[Row]:
    """One row per unit link, in document order."""
    links = {sid: n for n, link in enumerate(run.sentence_links, 1) for sid in link.ru + link.zh}
    out = []
    for link in run.unit_links:
        ids = set(link.ru + link.zh)
        findings = [f for f in run.findings if ids & set(f.ru + f.zh)]
        views = {lang: [v for uid in getattr(link, lang) if (v := unit_view(run, uid, findings, links))]
                 for lang in ("ru", "zh")}
        out.append(Row(views["ru"], views["zh"], [_marker(f) for f in findings]))
    return out


def units_printed(run: Run, lang: str, number: str) -> list[str]:
    """The ids of the `lang` measures printed with this number (the sample prints «72» twice)."""
    number = number.strip().rstrip(".")
    return [u.id for u in run.units.values() if u.lang == lang and u.kind == "measure" and u.label == number]


def _marker(f: Finding) -> Marker:
    return Marker(finding_key(f), f.severity, f.kind, f.message)
