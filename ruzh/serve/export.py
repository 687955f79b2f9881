"""`ruzh review export`: the reviewers' decisions out of review.sqlite, for a ticket or a tool.

Writes into the run folder, each file whole or not at all:
- `review.csv` (or `review.xlsx`): one row per finding of the run, then one per decision on a
  finding the run no longer has (`in_run` says which);
- `divergences.reviewed.json`: a copy of divergences.json whose records each gain a `review`
  field ({status, comment, updated}; status "open" where nobody has decided). divergences.json
  itself is left as the run wrote it: its manifest vouches for it.
"""
from __future__ import annotations

import json
from pathlib import Path

from ruzh.corpus.textio import write_atomic, write_text_atomic
from ruzh.serve.decisions import DecisionStore, blank, finding_key
from ruzh.serve.folder import Run, finding, read_findings, read_run

REVIEWED = "divergences.reviewed.json"
COLUMNS = ["key", "in_run", "severity", "kind", "side", "ru", "zh", "ru_label", "zh_label", "ru_span", "zh_span",
           "message", "status", "comment", "updated"]
WIDTHS = [18, 7, 9, 11, 6, 12, 12, 10, 10, 40, 40, 60, 15, 40, 22]
FORMATS = ("csv", "xlsx")


def export(folder: Path, fmt: str = "csv") -> list[Path]:
    """Write the decisions table (`fmt`: csv or xlsx) and the reviewed copy of divergences.json."""
    # The glossary's own table writers (UTF-8 with BOM, formula-safe cells, a frozen header): one way to write a table.
    from ruzh.glossary.exports import ExportSettings, _csv, _safe, _xlsx

    if fmt not in FORMATS:
        raise ValueError(f"the format is one of {', '.join(FORMATS)}")
    folder = Path(folder)
    run = read_run(folder)
    rows = [_safe(r) for r in table(run, DecisionStore(folder))]
    table_path = folder / f"review.{fmt}"
    data = _csv(COLUMNS, rows, ExportSettings()) if fmt == "csv" else _xlsx(COLUMNS, rows, WIDTHS, "review")
    write_atomic(table_path, data)
    write_text_atomic(folder / REVIEWED, reviewed_json(folder, DecisionStore(folder)))
    return [table_path, folder / REVIEWED]


def table(run: Run, store: DecisionStore) -> list[list[str]]:
    """The rows under COLUMNS: the run's findings in review order, then orphaned decisions."""
    decisions = store.all()
    rows, seen = [], set()
    for f in run.findings:
        key = finding_key(f)
        seen.add(key)
        d = decisions.get(key) or blank(f)
        rows.append([key, "yes", f.severity, f.kind, f.side, " ".join(f.ru), " ".join(f.zh),
                     _labels(run, f.ru), _labels(run, f.zh), f.ru_span, f.zh_span, f.message,
                     d.status, d.comment, d.updated])
    for key, d in decisions.items():
        if key not in seen:
            rows.append([key, "no", "", d.kind, "", " ".join(d.ru), " ".join(d.zh), "", "", d.ru_span, d.zh_span, "",
                         d.status, d.comment, d.updated])
    return rows


def reviewed_json(folder: Path, store: DecisionStore) -> str:
    """divergences.json with a `review` field in each record, in the order the run wrote them."""
    decisions = store.all()
    records = []
    for record in read_findings(folder / "divergences.json"):
        f = finding(record)
        records.append({**record, "review": (decisions.get(finding_key(f)) or blank(f)).record()})
    return json.dumps(records, ensure_ascii=False, indent=1) + "\n"


def _labels(run: Run, ids: list[str]) -> str:
    return " ".join(run.label(uid) for uid in ids)
