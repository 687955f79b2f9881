"""A batch's pages: `consistency.json` (terms the archive renders in more than one way) and
`index.html` (the pairs with their counts and links to their reports; the inconsistent terms with
where each rendering occurs). One self-contained page, every text escaped."""
from __future__ import annotations

import html
import os
from pathlib import Path
from urllib.parse import quote

from ruzh import termbase_store as store


def consistency_records(termbase: Path, out: Path) -> list[dict]:
    """consistency.json: one record per Russian term with two or more renderings across documents:
    `ru`, `names` (its acronym, full form…), `documents` (how many), `freq`, and `renderings`, each
    with `zh`, `freq`, `documents` and its `occurrences` (document, units, labels, report)."""
    found = store.inconsistencies(termbase)
    for term in found:
        for rendering in term["renderings"]:
            for occurrence in rendering["occurrences"]:
                occurrence["report"] = _link(occurrence["report"], out) if occurrence["report"] else None
    return found


def _link(path: str, out: Path) -> str:
    """A report's address relative to the batch folder (where index.html is)."""
    try:
        return Path(os.path.relpath(path, out)).as_posix()
    except ValueError:  # another drive
        return Path(path).as_uri()


STYLE = """
body{font-family:system-ui,sans-serif;margin:2em;color:#222;max-width:80em}
table{border-collapse:collapse;margin:1em 0}th,td{border:1px solid #ccc;padding:.3em .6em;vertical-align:top}
th{background:#f3f3f3;text-align:left}td.n{text-align:right}.failed{background:#fde8e8}.skipped{color:#666}
.zh{font-size:1.05em}ul{margin:.2em 0;padding-left:1.2em}
"""


def index_html(records: list[dict], findings: list[dict], out: Path, termbase: Path) -> str:
    e = html.escape
    done = sum(1 for r in records if r["status"] != "failed")
    rows = []
    for r in records:
        c = r.get("counts") or {}
        link = (f'<a href="{e(quote(r["name"]))}/report.html">{e(r["name"])}</a>' if r["status"] != "failed"
                else e(r["name"]))
        numbers = "".join(f'<td class="n">{e(str(c.get(k, "")))}</td>'
                          for k in ("ru_units", "zh_units", "sentence_links", "glossary", "major", "minor", "info"))
        rows.append(f'<tr class="{e(r["status"])}"><td>{link}</td><td>{e(r["status"])}</td>{numbers}'
                    f'<td class="n">{r.get("seconds") or 0:.1f}</td><td>{e(r.get("error") or "")}</td></tr>')
    terms = []
    for t in findings:
        renderings = []
        for g in t["renderings"]:
            places = []
            for o in g["occurrences"]:
                name = (f'<a href="{e(quote(o["report"], safe="/:"))}">{e(o["document"])}</a>' if o.get("report")
                        else e(o["document"]))
                where = ", ".join(o["labels"] or o["units"])
                places.append(f"<li>{name}: {o['freq']}×{' (' + e(where) + ')' if where else ''}</li>")
            renderings.append(f'<li><span class="zh">{e(g["zh"])}</span>: {g["freq"]}× in {len(g["documents"])} '
                              f'document{"s" * (len(g["documents"]) != 1)}<ul>{"".join(places)}</ul></li>')
        also = f" <small>(also {e(', '.join(t['names'][1:]))})</small>" if len(t["names"]) > 1 else ""
        terms.append(f"<tr><td>{e(t['ru'])}{also}</td><td class=\"n\">{t['documents']}</td>"
                     f"<td><ul>{''.join(renderings)}</ul></td></tr>")
    inconsistent = (f"<table><tr><th>Russian term</th><th>documents</th><th>renderings and where they occur</th></tr>"
                    f"{''.join(terms)}</table>" if terms else "<p>No Russian term is rendered in more than one way.</p>")
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>ruzh batch: {e(out.name)}</title><style>{STYLE}</style></head>
<body><h1>Batch {e(out.name)}</h1>
<p>{done} of {len(records)} document pairs processed; term base <code>{e(_link(str(termbase), out))}</code>.</p>
<h2>Document pairs</h2>
<table><tr><th>pair</th><th>status</th><th>RU units</th><th>ZH units</th><th>sentence links</th><th>glossary</th>
<th>major</th><th>minor</th><th>info</th><th>seconds</th><th>error</th></tr>
{''.join(rows)}</table>
<h2>Terms rendered in more than one way ({len(findings)})</h2>
{inconsistent}
</body></html>
"""
