"""Divergence reports: JSON for tools, one self-contained HTML page for reviewers, Markdown for tickets."""
from __future__ import annotations

import html
import json
import re
from collections import Counter

from ruzh.align.divergence.model import SEVERITIES, Finding
from ruzh.corpus import Document

LONG_UNIT = 2000  # characters: a unit longer than this is shown as an excerpt around the evidence
CONTEXT = 400  # characters of context on each side of the evidence in an excerpt
KINDS = ("content", "lists", "negation", "mismatch", "names", "numbers", "terms", "cells", "structure", "typography")


def to_json(findings: list[Finding]) -> str:
    return json.dumps([f.record() for f in findings], ensure_ascii=False, indent=1) + "\n"


def to_markdown(findings: list[Finding], source: str) -> str:
    """A summary to paste into a ticket: counts, then every major and minor finding."""
    counts = Counter((f.kind, f.severity) for f in findings)
    lines = [f"# Divergences: {markdown_text(source)}", "", "| kind | " + " | ".join(SEVERITIES) + " |",
             "|---|" + "---|" * len(SEVERITIES)]
    for kind in KINDS:
        if any(counts[kind, s] for s in SEVERITIES):
            lines.append(f"| {kind} | " + " | ".join(str(counts[kind, s]) for s in SEVERITIES) + " |")
    for severity in ("major", "minor"):
        chosen = [f for f in findings if f.severity == severity]
        if chosen:
            lines += ["", f"## {severity.capitalize()} ({len(chosen)})", ""]
            lines += [f"- **{' '.join(f.ru) or '—'} / {' '.join(f.zh) or '—'}** ({f.kind}): {markdown_text(f.message)}"
                      for f in chosen]
    return "\n".join(lines) + "\n"


def markdown_text(text: str) -> str:
    """Document text as Markdown shows it literally: no HTML, no links, no emphasis, one line."""
    text = html.escape(" ".join(text.split()), quote=False)
    return re.sub(r"([\\`*_\[\]{}()#+!|~])", r"\\\1", text)


def to_html(findings: list[Finding], doc: Document, source: str) -> str:
    """One page, no network: counts, a table that sorts and filters, and each finding's units
    side by side with the evidence marked; table rows and details link to each other."""
    counts = Counter((f.kind, f.severity) for f in findings)
    head = "".join(f"<th>{s}</th>" for s in SEVERITIES)
    count_rows = "".join(
        f"<tr><td>{k}</td>" + "".join(f"<td>{counts[k, s]}</td>" for s in SEVERITIES) + "</tr>"
        for k in KINDS if any(counts[k, s] for s in SEVERITIES))
    rows = "".join(_row(n, f) for n, f in enumerate(findings, 1))
    details = "".join(_detail(n, f, doc) for n, f in enumerate(findings, 1))
    options = lambda values: "".join(f'<option value="{v}">{v}</option>' for v in values)  # noqa: E731
    return PAGE.format(
        title=html.escape(f"Divergences: {source}"), total=len(findings), head=head, counts=count_rows,
        rows=rows, details=details, severities=options(SEVERITIES), kinds=options(KINDS),
        majors=sum(1 for f in findings if f.severity == "major"))


def _row(n: int, f: Finding) -> str:
    return (f'<tr id="r{n}" data-severity="{f.severity}" data-kind="{f.kind}">'
            f'<td><a href="#f{n}">{n}</a></td><td class="sev {f.severity}">{f.severity}</td><td>{f.kind}</td>'
            f'<td>{f.side}</td><td>{" ".join(f.ru)}</td><td>{" ".join(f.zh)}</td>'
            f'<td>{html.escape(f.message)}</td><td>{_confidence(f)}</td></tr>')


def _confidence(f: Finding) -> str:
    return f"{f.confidence:.2f}" if f.confidence is not None else f"{f.score:.2f}"


def _detail(n: int, f: Finding, doc: Document) -> str:
    def side(lang: str, ids: list[str], span: str, offsets: list[int] | None, gloss: str) -> str:
        if not ids:
            return '<div class="text empty">(no linked unit)</div>'
        holder = next((s.rsplit(".", 1)[0] for s in f.sentences if s.startswith(lang)), None)
        unit_id, _, cell = (holder or "").partition("#")
        parts = []
        for uid in ids:
            unit = doc.unit(uid)
            here = None if cell else offsets if uid == holder or holder is None else None
            parts.append(f"<p><b>{uid}</b>{f' (printed {unit.label})' if unit.label else ''}<br>"
                         f"{_marked(unit.text, '' if cell else span, here)}</p>")
            if cell and uid == unit_id:
                parts.append(f"<p><i>{cell}</i>: {_marked(getattr(unit, cell) or '', span, offsets)}</p>")
        if gloss:
            parts.append(f'<p class="gloss">≈ {html.escape(gloss)}</p>')
        return '<div class="text">' + "".join(parts) + "</div>"

    return (f'<section id="f{n}" class="finding {f.severity}"><h3><a href="#r{n}">#{n}</a> '
            f'{f.severity} · {f.kind} · {html.escape(f.message)}</h3>'
            f'<div class="pair"><div lang="ru">{side("ru", f.ru, f.ru_span, f.ru_offsets, f.ru_gloss)}</div>'
            f'<div lang="zh">{side("zh", f.zh, f.zh_span, f.zh_offsets, f.zh_gloss)}</div></div></section>')


def _marked(text: str, span: str, offsets: list[int] | None) -> str:
    """The unit's text, escaped, with the evidence marked: at its offsets where they hold it, else
    where found. A long unit (a whole document read as one paragraph) shows only the evidence and
    some context, so that the page grows with the findings, not with findings × document."""
    if offsets and text[offsets[0] : offsets[1]] == span:
        start, end = offsets
    elif span and span in text:
        start = text.index(span)
        end = start + len(span)
    else:
        start = end = 0
    first, last = _window(text, start, end)
    before = ("… " if first else "") + html.escape(text[first:start])
    after = html.escape(text[end:last]) + (" …" if last < len(text) else "")
    return f"{before}<mark>{html.escape(text[start:end])}</mark>{after}" if end > start else before + after


def _window(text: str, start: int, end: int) -> tuple[int, int]:
    """Where to cut a long text around [start, end): at spaces or sentence ends, CONTEXT characters away."""
    if len(text) <= LONG_UNIT:
        return 0, len(text)
    first = max(0, start - CONTEXT)
    last = min(len(text), end + CONTEXT if end > start else LONG_UNIT)
    while 0 < first < start and not text[first - 1].isspace() and text[first - 1] not in "。；;.":
        first += 1
    while end < last < len(text) and not text[last].isspace() and text[last - 1] not in "。；;.":
        last -= 1
    return first, last


PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body {{ font-family: "Noto Sans", "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif; margin: 1.5em; color: #222; }}
h1 {{ font-size: 1.4em; }} table {{ border-collapse: collapse; margin: 1em 0; }}
th, td {{ border: 1px solid #ccc; padding: .3em .5em; vertical-align: top; font-size: .9em; }}
th {{ background: #f3f3f3; cursor: pointer; }} .sev.major {{ color: #b00; font-weight: bold; }}
.sev.minor {{ color: #a60; }} .sev.info {{ color: #666; }}
.pair {{ display: grid; grid-template-columns: 1fr 1fr; gap: 1em; }}
.text {{ background: #fafafa; border: 1px solid #ddd; padding: .5em; }} .empty {{ color: #999; }}
mark {{ background: #ffe066; }} .finding {{ border-top: 2px solid #eee; margin-top: 1em; }}
.finding.major h3 {{ color: #b00; }} .gloss {{ color: #555; font-style: italic; }} h3 {{ font-size: 1em; }} .controls * {{ margin-right: .5em; }}
</style></head><body>
<h1>{title}</h1>
<p>{total} findings, {majors} major. Click a column heading to sort; pick a severity or kind to filter.</p>
<table class="counts"><tr><th>kind</th>{head}</tr>{counts}</table>
<div class="controls"><label>severity <select id="severity"><option value="">all</option>{severities}</select></label>
<label>kind <select id="kind"><option value="">all</option>{kinds}</select></label>
<input id="search" placeholder="search the messages"></div>
<table id="findings"><thead><tr><th>#</th><th>severity</th><th>kind</th><th>side</th><th>ru</th><th>zh</th>
<th>message</th><th>confidence</th></tr></thead><tbody>{rows}</tbody></table>
{details}
<script>
const table = document.getElementById("findings");
function filter() {{
  const s = document.getElementById("severity").value, k = document.getElementById("kind").value;
  const q = document.getElementById("search").value.toLowerCase();
  for (const row of table.tBodies[0].rows) {{
    const show = (!s || row.dataset.severity === s) && (!k || row.dataset.kind === k) &&
                 (!q || row.textContent.toLowerCase().includes(q));
    row.hidden = !show;
  }}
}}
for (const id of ["severity", "kind", "search"]) document.getElementById(id).addEventListener("input", filter);
table.tHead.querySelectorAll("th").forEach((th, column) => th.addEventListener("click", () => {{
  const rows = [...table.tBodies[0].rows];
  const numeric = column === 0 || column === 7;
  const key = r => numeric ? parseFloat(r.cells[column].textContent) : r.cells[column].textContent;
  const order = th.dataset.order === "asc" ? -1 : 1;
  th.dataset.order = order === 1 ? "asc" : "desc";
  rows.sort((a, b) => (key(a) > key(b) ? 1 : key(a) < key(b) ? -1 : 0) * order);
  rows.forEach(r => table.tBodies[0].appendChild(r));
}}));
</script></body></html>
"""
