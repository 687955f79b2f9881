"""The review page: the findings, majors first, filtered on the server (so that a filter hides a
finding whole, its details with it), each with its evidence on both sides and its decision."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from ruzh.align.divergence.model import SEVERITIES, Finding
from ruzh.serve.decisions import STATUSES, Decision, blank, finding_key
from ruzh.serve.folder import Run
from ruzh.serve.units_view import UnitView, unit_view

FILTERS = ("severity", "kind", "status")


class BadFilter(ValueError):
    """A filter value the page does not offer."""


@dataclass
class Item:
    finding: Finding
    decision: Decision
    labels: str  # «72» / «73»: where the document prints it
    ru: list[UnitView]
    zh: list[UnitView]

    @property
    def key(self) -> str:
        return self.decision.key


@dataclass
class Page:
    items: list[Item]
    total: int
    counts: dict[str, Counter]  # per filter, how many findings have each value
    filters: dict[str, str]
    orphans: int  # decisions on findings this run no longer has


def page(run: Run, decisions: dict[str, Decision], filters: dict[str, str]) -> Page:
    """The findings that pass the filters ("" lets everything through), in severity order."""
    filters = check(run, filters)
    decided = [(f, decisions.get(finding_key(f)) or blank(f)) for f in run.findings]
    counts = {"severity": Counter(f.severity for f, _ in decided), "kind": Counter(f.kind for f, _ in decided),
              "status": Counter(d.status for _, d in decided)}
    chosen = [(f, d) for f, d in decided if _passes(f, d, filters)]
    keys = {d.key for _, d in decided}
    return Page([_item(run, f, d) for f, d in chosen], len(decided), counts, filters,
                sum(1 for k in decisions if k not in keys))


def check(run: Run, filters: dict[str, str]) -> dict[str, str]:
    """The filters, each "" or a value the page offers; BadFilter otherwise."""
    allowed = {"severity": SEVERITIES, "kind": {f.kind for f in run.findings}, "status": STATUSES}
    out = {}
    for name in FILTERS:
        value = filters.get(name, "")
        if value and value not in allowed[name]:
            raise BadFilter(f"no {name} {value!r} here")
        out[name] = value
    return out


def find(run: Run, key: str) -> Finding | None:
    return next((f for f in run.findings if finding_key(f) == key), None)


def labels(run: Run, f: Finding) -> str:
    """RU «72» / ZH «73»: the printed labels of a finding's units."""
    sides = [f"{lang.upper()} {', '.join(run.label(uid) for uid in ids)}"
             for lang, ids in (("ru", f.ru), ("zh", f.zh)) if ids]
    return " / ".join(sides)


def _passes(f: Finding, d: Decision, filters: dict[str, str]) -> bool:
    values = {"severity": f.severity, "kind": f.kind, "status": d.status}
    return all(not want or values[name] == want for name, want in filters.items())


def _item(run: Run, f: Finding, d: Decision) -> Item:
    views = {lang: [v for uid in getattr(f, lang) if (v := unit_view(run, uid, [f]))] for lang in ("ru", "zh")}
    return Item(f, d, labels(run, f), views["ru"], views["zh"])
