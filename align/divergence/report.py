"""Divergence reports: JSON for tools, one self-contained HTML page for reviewers, Markdown for tickets.

Both pages name units as the document prints them (RU «72» beside ZH «73»), never by internal id;
everything that comes from a document is escaped, and Russian and Chinese text carries its `lang`.
The HTML page grows linearly with the findings: a long unit is shown as an excerpt around the
evidence, and a finding shows at most MAX_UNITS units a side."""
from __future__ import annotations

import html
import json
import re
from collections import Counter
from dataclasses import dataclass

from ruzh.align.divergence.model import SEVERITIES, Finding
from ruzh.corpus import Document
from ruzh.corpus.model import Unit
from ruzh.align.marks import CELLS, Span, counterpart_words, evidence, holder, occurrences, pieces, sentence_positions

LONG_UNIT = 2000  # characters: a unit longer than this is shown as an excerpt around the evidence
CONTEXT = 400  # characters of context on each side of the evidence in an excerpt
MAX_UNITS = 4  # units shown per side of one finding; the rest are named
KINDS = ("content", "lists", "negation", "mismatch", "names", "numbers", "terms", "cells", "structure", "typography")
LANGS = {"ru": "Russian", "zh": "Chinese"}
KIND_NAMES = {"front": "front matter", "section": "heading", "paragraph": "paragraph", "measure": "measure"}
UNIT_ID = re.compile(r"\b(ru|zh)-[fspm]\d+\b")
# Runs of Russian or Chinese inside English text (messages, titles), to give them their `lang`.
RUNS = re.compile(r"(?P<ru>[\u0400-\u04ff](?:[\u0400-\u04ff\d\s\-‐–—,.;:!?()«»\"']*[\u0400-\u04ff])?)"
                  r"|(?P<zh>[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef《》]+)")


def to_json(findings: list[Finding]) -> str:
    return json.dumps([f.record() for f in findings], ensure_ascii=False, indent=1) + "\n"


def ordered(findings: list[Finding]) -> list[Finding]:
    """Majors first, then minors, then information (a stable sort: the given order within each)."""
    return sorted(findings, key=lambda f: _rank(f.severity))


def _rank(severity: str) -> int:
    return SEVERITIES.index(severity) if severity in SEVERITIES else len(SEVERITIES)


# --- printed labels ------------------------------------------------------------------------------

@dataclass(frozen=True)
class Label:
    """How the document names a unit: the number it prints («72»), and a note where that alone is
    ambiguous («72» twice: «72» (2nd)) or where it prints none (heading 3)."""

    lang: str
    printed: str  # «72», or ""
    note: str = ""

    def text(self) -> str:
        if not self.printed:
            return self.note
        return f"{self.printed} ({self.note})" if self.note else self.printed

    def html(self) -> str:
        if not self.printed:
            return _e(self.note)
        printed = f'<span lang="{self.lang}">{_e(self.printed)}</span>'
        return f"{printed} ({_e(self.note)})" if self.note else printed


def labels(doc: Document) -> dict[str, Label]:
    """Every unit's Label, by unit id."""
    out: dict[str, Label] = {}
    seen: Counter = Counter()
    printed = Counter((u.lang, u.kind, u.label) for u in doc.units if u.label)
    for u in doc.units:
        seen[u.lang, u.kind] += 1
        if u.label:
            seen[u.lang, u.kind, u.label] += 1
            n = seen[u.lang, u.kind, u.label]
            note = _ordinal(n) if printed[u.lang, u.kind, u.label] > 1 else ""
            out[u.id] = Label(u.lang, f"«{u.label}»", note)
        else:
            position = int(re.sub(r"\D", "", u.id.rsplit("-", 1)[-1]) or seen[u.lang, u.kind])
            kind = KIND_NAMES.get(u.kind, u.kind)
            out[u.id] = Label(u.lang, "", f"{'unnumbered ' if u.kind == 'measure' else ''}{kind} {position}")
    return out


def _ordinal(n: int) -> str:
    return f"{n}{'th' if 10 <= n % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}"


def _side_label(lang: str, ids: list[str], names: dict[str, Label], markup: bool) -> str:
    shown = [names[i] if i in names else Label(lang, "", i) for i in ids]
    if markup:
        return ", ".join(label.html() for label in shown)
    return ", ".join(label.text() for label in shown)


def _unit_labels(f: Finding, names: dict[str, Label], markup: bool) -> str:
    """RU «72» (2nd) / ZH «73»."""
    return " / ".join(f"{lang.upper()} {_side_label(lang, ids, names, markup)}"
                      for lang, ids in (("ru", f.ru), ("zh", f.zh)) if ids)


def _message(f: Finding, names: dict[str, Label]) -> str:
    """The finding's message with the unit ids it names replaced by their printed labels."""
    def label(m: re.Match) -> str:
        uid = m.group(0)
        return f"{uid[:2].upper()} {names[uid].text()}" if uid in names else uid
    return UNIT_ID.sub(label, f.message)


# --- Markdown ------------------------------------------------------------------------------------

def to_markdown(findings: list[Finding], source: str, doc: Document | None = None) -> str:
    """A summary to paste into a ticket: counts, then every major and minor finding, each line once
    (a finding listed twice in the same words is one line, with how many times)."""
    names = labels(doc) if doc is not None else {}
    counts = Counter((f.kind, f.severity) for f in findings)
    lines = [f"# Divergences: {markdown_text(source)}", "", "| kind | " + " | ".join(SEVERITIES) + " |",
             "|---|" + "---|" * len(SEVERITIES)]
    for kind in _kinds(findings):
        lines.append(f"| {markdown_text(kind)} | " + " | ".join(str(counts[kind, s]) for s in SEVERITIES) + " |")
    for severity in ("major", "minor"):
        chosen = [f for f in findings if f.severity == severity]
        if not chosen:
            continue
        items = Counter(f"- **{markdown_text(_unit_labels(f, names, False) or '—')}** ({markdown_text(f.kind)}): "
                        f"{markdown_text(_message(f, names))}" for f in chosen)
        lines += ["", f"## {severity.capitalize()} ({len(chosen)})", ""]
        lines += [item + (f" (×{n})" if n > 1 else "") for item, n in items.items()]
    return "\n".join(lines) + "\n"


def markdown_text(text: str) -> str:
    """Document text as Markdown shows it literally: no HTML, no links, no emphasis, one line."""
    text = html.escape(" ".join(text.split()), quote=False)
    return re.sub(r"([\\`*_\[\]{}()#+!|~])", r"\\\1", text)


def _kinds(findings: list[Finding]) -> list[str]:
    """The kinds the findings have: the known ones in their order, then any other."""
    present = {f.kind for f in findings}
    return [k for k in KINDS if k in present] + sorted(present - set(KINDS))


# --- HTML ----------------------------------------------------------------------------------------

def to_html(findings: list[Finding], doc: Document, source: str) -> str:
    """One page, no network: counts, a table that sorts and filters (rows and details together),
    and each finding's units side by side with the evidence marked on both sides where it can be;
    table rows and details link to each other."""
    findings = ordered(findings)
    units = {u.id: u for u in doc.units}
    names = labels(doc)
    where = {uid: i for i, uid in enumerate(units)}
    sentences: dict[str, list[tuple[int, int] | None]] = {}
    counts = Counter((f.kind, f.severity) for f in findings)
    severity_counts = Counter(f.severity for f in findings)
    kinds = _kinds(findings)
    head = "".join(f'<th scope="col">{s}</th>' for s in SEVERITIES)
    count_rows = "".join(f'<tr><th scope="row">{_e(k)}</th>' + "".join(f"<td>{counts[k, s]}</td>" for s in SEVERITIES)
                         + "</tr>" for k in kinds)
    messages = [_tagged(_message(f, names)) for f in findings]  # the row and the detail say the same
    rows = "".join(_row(n, f, message, names, where) for n, (f, message) in enumerate(zip(findings, messages), 1))
    details = "".join(_detail(n, f, message, units, names, sentences)
                      for n, (f, message) in enumerate(zip(findings, messages), 1))
    summary = ", ".join(f"{severity_counts[s]} {s}" for s in SEVERITIES)
    severities = "".join(f'<option value="{s}">{s} ({severity_counts[s]})</option>' for s in SEVERITIES)
    kind_options = "".join(f'<option value="{_e(k)}">{_e(k)} ({sum(counts[k, s] for s in SEVERITIES)})</option>'
                           for k in kinds)
    values = {"title": _e(f"Divergences: {source}"), "heading": _tagged(f"Divergences: {source}"),
              "total": str(len(findings)), "summary": summary, "head": head, "counts": count_rows, "rows": rows,
              "details": details, "severities": severities, "kinds": kind_options}
    return re.sub(r"@@(\w+)@@", lambda m: values[m.group(1)], PAGE)  # one pass: no value is read as a slot


def _e(text) -> str:
    return html.escape(str(text))


def _tagged(text: str) -> str:
    """English text with Russian or Chinese in it, escaped, each Russian or Chinese run in its `lang`."""
    out, position = [], 0
    for m in RUNS.finditer(text):
        if m.group("zh") and not re.search(r"[\u3400-\u9fff\uf900-\ufaff]", m.group(0)):
            continue  # punctuation alone
        out.append(_e(text[position:m.start()]))
        out.append(f'<span lang="{m.lastgroup}">{_e(m.group(0))}</span>')
        position = m.end()
    out.append(_e(text[position:]))
    return "".join(out)


def _confidence(f: Finding) -> float:
    return f.confidence if f.confidence is not None else f.score


def _row(n: int, f: Finding, message: str, names: dict[str, Label], where: dict[str, int]) -> str:
    def place(lang: str, ids: list[str]) -> str:
        first = min((where[i] for i in ids if i in where), default=len(where))
        return (f'<td class="{lang}" data-sort="{first}">'
                f'{_side_label(lang, ids, names, True) if ids else "—"}</td>')

    rank = _rank(f.severity)
    severity, kind = _e(f.severity), _e(f.kind)
    return (f'<tr id="r{n}" data-n="{n}" data-severity="{severity}" data-kind="{kind}">'
            f'<td data-sort="{n}"><a href="#f{n}">{n}</a></td><td class="sev {severity}" data-sort="{rank}">{severity}</td>'
            f'<td class="kind">{kind}</td><td class="extra">{_e(f.side.upper() if f.side in LANGS else f.side)}</td>'
            f'{place("ru", f.ru)}{place("zh", f.zh)}<td class="message">{message}</td>'
            f'<td class="conf" data-sort="{_confidence(f):.4f}">{_confidence(f):.2f}</td></tr>')


def _detail(n: int, f: Finding, message: str, units: dict[str, Unit], names: dict[str, Label],
            sentences: dict[str, list[tuple[int, int] | None]]) -> str:
    severity, kind = _e(f.severity), _e(f.kind)
    extra = {"ru": "the Russian text", "zh": "the Chinese text", "both": "both versions"}.get(f.side, f.side)
    sides = "".join(_side(f, lang, units, names, sentences) for lang in ("ru", "zh"))
    return (f'<section id="f{n}" class="finding {severity}" data-n="{n}" data-severity="{severity}" '
            f'data-kind="{kind}"><h3><a href="#r{n}">#{n}</a> <span class="sev {severity}">{severity}</span> · '
            f'{kind} · {_unit_labels(f, names, True) or "—"}</h3>'
            f'<p class="message">{message}</p>'
            f'<p class="facts">extra or faulty in: {_e(extra)} · confidence {_confidence(f):.2f}</p>'
            f'<div class="pair">{sides}</div></section>')


def _side(f: Finding, lang: str, units: dict[str, Unit], names: dict[str, Label],
          sentences: dict[str, list[tuple[int, int] | None]]) -> str:
    ids = getattr(f, lang)
    if not ids:
        return (f'<div class="version {lang}" lang="{lang}"><p class="empty" lang="en">'
                f'(nothing in the {LANGS[lang]} text)</p></div>')
    parts = [_unit(f, lang, units[uid], names, sentences) if uid in units
             else f'<p class="empty" lang="en">{_e(uid)}: not in this document</p>' for uid in ids[:MAX_UNITS]]
    if len(ids) > MAX_UNITS:
        parts.append(f'<p class="more" lang="en">and {len(ids) - MAX_UNITS} more: '
                     f'{_side_label(lang, ids[MAX_UNITS:], names, True)}</p>')
    gloss = getattr(f, f"{lang}_gloss")
    if gloss:
        other = "zh" if lang == "ru" else "ru"
        parts.append(f'<p class="gloss" lang="en">≈ <span lang="{other}">{_e(gloss)}</span></p>')
    return f'<div class="version {lang}" lang="{lang}">{"".join(parts)}</div>'


def _unit(f: Finding, lang: str, unit: Unit, names: dict[str, Label],
          sentences: dict[str, list[tuple[int, int] | None]]) -> str:
    """One unit of a finding's side: its label, its text (or an excerpt) and, where the evidence is
    in a cell, its cells; marked: this side's evidence, else the sentence or cell that lacks it,
    and the other side's evidence glossed into this language (counterpart words)."""
    span, offsets = getattr(f, f"{lang}_span"), getattr(f, f"{lang}_offsets")
    gloss = counterpart_words(f, lang)
    uid, cell, k = holder(f, lang)
    here = uid in ("", unit.id)
    label = names.get(unit.id, Label(lang, "", unit.id))
    label_html = label.html()
    if span and label.printed and span == unit.label and span not in unit.text:  # the evidence is the number
        label_html = f'<mark class="evidence">{label_html}</mark>'
    parts = [f'<div class="unit"><p class="label" lang="en">{lang.upper()} {label_html}</p>']
    text_spans: list[Span] = []
    if here and not cell:
        text_spans = evidence(unit.text, span, offsets)
        if not text_spans and k:
            found = _sentences(unit, sentences)
            if k <= len(found) and found[k - 1]:
                text_spans = [(*found[k - 1], "linked")]
    parts.append(f'<p class="text">{_excerpt(unit.text, text_spans, gloss if here and not cell else [])}</p>')
    if cell and here:
        for name in CELLS:
            value = getattr(unit, name) or ""
            if not value:
                continue
            marks: list[Span] = []
            if name == cell:
                marks = evidence(value, span, offsets) or [(0, len(value), "linked")]
            parts.append(f'<p class="cell"><span class="cellname" lang="en">{name}:</span> '
                         f'{_excerpt(value, marks, gloss if name == cell else [])}</p>')
    parts.append("</div>")
    return "".join(parts)


def _sentences(unit: Unit, cache: dict[str, list[tuple[int, int] | None]]) -> list[tuple[int, int] | None]:
    """Where each of the unit's sentences is in its text, found once per unit (None: not found)."""
    if unit.id not in cache:
        cache[unit.id] = sentence_positions(unit.text, unit.sentences)
    return cache[unit.id]


def _excerpt(text: str, spans: list[Span], gloss: list[str] = ()) -> str:
    """The text, escaped, with the spans marked and the gloss words marked as counterparts; a long
    text (a whole document read as one paragraph) shows only a window around the first span, so that
    the page grows with the findings, not with findings × document."""
    spans = [s for s in spans if s[1] > s[0] >= 0]
    if len(text) <= LONG_UNIT:
        first, last = 0, len(text)
    else:
        if not spans and gloss:
            spans = occurrences(text, gloss, "counterpart")[:1]
        start, end = (spans[0][0], min(spans[0][1], spans[0][0] + LONG_UNIT)) if spans else (0, 0)
        first, last = _window(text, start, end)
    window = text[first:last]
    inside = [(max(s, first) - first, min(e, last) - first, m) for s, e, m in spans if s < last and e > first]
    marked = [s for s in inside if s[2] == "evidence"] + occurrences(window, gloss, "counterpart") + \
        [s for s in inside if s[2] != "evidence"]
    body = "".join(f'<mark class="{p.mark}">{_e(p.text)}</mark>' if p.mark else _e(p.text)
                   for p in pieces(window, marked))
    return ("… " if first else "") + body + (" …" if last < len(text) else "")


def _window(text: str, start: int, end: int) -> tuple[int, int]:
    """Where to cut a long text around [start, end): at spaces or sentence ends, CONTEXT characters away."""
    first = max(0, start - CONTEXT)
    last = min(len(text), end + CONTEXT if end > start else LONG_UNIT)
    while 0 < first < start and not text[first - 1].isspace() and text[first - 1] not in "。；;.":
        first += 1
    while end < last < len(text) and not text[last].isspace() and text[last - 1] not in "。；;.":
        last -= 1
    return first, last


PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>@@title@@</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
:root { --ink: #1d1d1f; --muted: #5f6368; --line: #d9d9de; --soft: #f6f6f8; --major: #b3261e; --minor: #8a5a00; }
* { box-sizing: border-box; }
[hidden] { display: none !important; }
body { margin: 0 auto; padding: 0 1rem 3rem; max-width: 90rem; color: var(--ink); overflow-wrap: anywhere;
       font: 16px/1.5 "Noto Sans", "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", system-ui, sans-serif; }
h1 { font-size: 1.4rem; } h2 { font-size: 1.15rem; margin-top: 1.5rem; } h3 { font-size: 1rem; margin: .2rem 0; }
table { border-collapse: collapse; margin: .5rem 0 1rem; }
caption { text-align: left; font-weight: 700; padding: .2rem 0; }
th, td { border: 1px solid var(--line); padding: .3em .5em; vertical-align: top; font-size: .9rem; text-align: left; }
thead th, .counts th { background: var(--soft); }
th button { font: inherit; font-weight: 700; color: inherit; background: none; border: 0; padding: 0; cursor: pointer;
            text-decoration: underline dotted; text-underline-offset: .2em; }
th button:focus-visible, a:focus-visible, input:focus-visible, select:focus-visible { outline: 2px solid #1a73e8; outline-offset: 2px; }
th[aria-sort="ascending"] button::after { content: " ▲"; } th[aria-sort="descending"] button::after { content: " ▼"; }
input, select, button { font: inherit; max-width: 100%; }
.controls { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: flex-end; margin: 1rem 0 .3rem; }
.controls label { display: flex; flex-direction: column; font-weight: 600; font-size: .9rem; }
.controls input { width: 16rem; }
#shown, .summary, .facts, .legend { color: var(--muted); }
.sev.major { color: var(--major); font-weight: 700; } .sev.minor { color: var(--minor); font-weight: 600; } .sev.info { color: var(--muted); }
#findings { width: 100%; } #findings td, #findings th { overflow-wrap: normal; }
#findings .message { min-width: 16rem; overflow-wrap: anywhere; } #findings .kind, #findings .sev { white-space: nowrap; }
mark { color: inherit; } mark.evidence { background: #ffe066; } mark.counterpart { background: #d7ecff; }
mark.linked { background: #eef3f8; text-decoration: underline dotted #6b9bd1; text-underline-offset: .25em; }
.finding { border-top: 1px solid var(--line); padding: .8rem 0; }
.finding.major { border-left: 4px solid var(--major); padding-left: .6rem; }
.pair { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 20rem), 1fr)); gap: 1rem; }
.version { background: var(--soft); border: 1px solid var(--line); padding: .4rem .6rem; min-width: 0; }
.unit + .unit { border-top: 1px dashed var(--line); }
.label { margin: 0; font-weight: 700; } .text, .cell { margin: .2rem 0; }
.cellname { color: var(--muted); font-weight: 600; } .empty { color: var(--muted); font-style: italic; }
.gloss { color: var(--muted); font-style: italic; margin: .2rem 0; } .more { font-size: .9rem; }
@media (max-width: 45rem) {
  body { padding: 0 .6rem 2rem; }
  #findings, #findings thead, #findings tbody, #findings tr, #findings td { display: block; }
  #findings caption { display: block; }
  #findings thead tr { display: flex; flex-wrap: wrap; gap: .3rem; }
  #findings thead th { display: block; }
  #findings tbody tr { border-top: 1px solid var(--line); padding: .4rem 0; }
  #findings td { display: inline; border: 0; padding: 0 .5em 0 0; }
  #findings td.message { display: block; min-width: 0; }
  #findings td.ru::before { content: "RU "; } #findings td.zh::before { content: "ZH "; }
  #findings td.extra::before { content: "extra in "; } #findings td.conf::before { content: "confidence "; }
  .controls input { width: 100%; } .controls label:last-of-type { flex: 1 1 100%; }
}
</style></head><body>
<h1>@@heading@@</h1>
<p class="summary">@@total@@ findings: @@summary@@. Majors first; each finding's units follow the table, side by side.</p>
<p class="legend"><mark class="evidence">evidence</mark> the text at issue ·
<mark class="counterpart">counterpart</mark> its words glossed into the other version ·
<mark class="linked">aligned</mark> the sentence or cell that lacks it</p>
<table class="counts"><caption>Findings by kind and severity</caption>
<thead><tr><th scope="col">kind</th>@@head@@</tr></thead><tbody>@@counts@@</tbody></table>
<form class="controls" id="controls" hidden>
<label for="severity">Severity <select id="severity" name="severity"><option value="">all</option>@@severities@@</select></label>
<label for="kind">Kind <select id="kind" name="kind"><option value="">all</option>@@kinds@@</select></label>
<label for="search">Search the findings <input id="search" name="q" type="search"></label>
</form>
<p id="shown" role="status">Showing all @@total@@ findings.</p>
<table id="findings"><caption>Findings (the column headings sort)</caption><thead><tr>
<th scope="col" data-column="n" data-type="number" aria-sort="ascending"><button type="button">#</button></th>
<th scope="col" data-column="severity" data-type="number" aria-sort="none"><button type="button">severity</button></th>
<th scope="col" data-column="kind" aria-sort="none"><button type="button">kind</button></th>
<th scope="col" data-column="extra" aria-sort="none"><button type="button">extra in</button></th>
<th scope="col" data-column="ru" data-type="number" aria-sort="none"><button type="button">RU</button></th>
<th scope="col" data-column="zh" data-type="number" aria-sort="none"><button type="button">ZH</button></th>
<th scope="col" data-column="message" aria-sort="none"><button type="button">message</button></th>
<th scope="col" data-column="confidence" data-type="number" aria-sort="none"><button type="button">confidence</button></th>
</tr></thead><tbody>@@rows@@</tbody></table>
<h2>Details</h2>
<div id="details">@@details@@</div>
<script>
(function () {
  const table = document.getElementById("findings"), body = table.tBodies[0];
  const details = document.getElementById("details"), heads = [...table.tHead.rows[0].cells];
  const field = id => document.getElementById(id), controls = field("controls");
  controls.hidden = false;
  function filter() {
    const s = field("severity").value, k = field("kind").value, q = field("search").value.trim().toLowerCase();
    let shown = 0;
    for (const row of body.rows) {
      const detail = document.getElementById("f" + row.dataset.n);
      const show = (!s || row.dataset.severity === s) && (!k || row.dataset.kind === k) &&
        (!q || (row.textContent + " " + (detail ? detail.textContent : "")).toLowerCase().includes(q));
      row.hidden = !show;
      if (detail) detail.hidden = !show;
      shown += show ? 1 : 0;
    }
    field("shown").textContent = "Showing " + shown + " of " + body.rows.length + " findings.";
  }
  function sort(column, descending) {
    const th = heads[column], numeric = th.dataset.type === "number";
    const key = row => {
      const cell = row.cells[column];
      const value = cell.dataset.sort !== undefined ? cell.dataset.sort : cell.textContent.trim().toLowerCase();
      return numeric ? parseFloat(value) : value;
    };
    const rows = [...body.rows];
    rows.sort((a, b) => {
      const x = key(a), y = key(b), order = x < y ? -1 : x > y ? 1 : 0;
      return (descending ? -order : order) || a.dataset.n - b.dataset.n;
    });
    for (const row of rows) {
      body.appendChild(row);
      const detail = document.getElementById("f" + row.dataset.n);
      if (detail) details.appendChild(detail);
    }
    heads.forEach(h => h.setAttribute("aria-sort", h === th ? (descending ? "descending" : "ascending") : "none"));
  }
  heads.forEach((th, column) => th.querySelector("button").addEventListener("click",
    () => sort(column, th.getAttribute("aria-sort") === "ascending")));
  for (const id of ["severity", "kind", "search"]) {
    field(id).addEventListener("input", filter);
    field(id).addEventListener("change", filter);
  }
  controls.addEventListener("submit", event => event.preventDefault());
  // report.html?severity=major&kind=names&q=text&sort=-confidence opens filtered and sorted
  const params = new URLSearchParams(location.search);
  for (const [id, name] of [["severity", "severity"], ["kind", "kind"], ["search", "q"]]) {
    if (params.has(name)) field(id).value = params.get(name);
  }
  const wanted = (params.get("sort") || "").replace(/^-/, "");
  const column = heads.findIndex(h => h.dataset.column === wanted);
  if (column >= 0) sort(column, params.get("sort").startsWith("-"));
  filter();
  const target = location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1)));
  if (target) target.scrollIntoView();  // where the filter moved it
})();
</script></body></html>
"""
