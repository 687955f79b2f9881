"""From the lines of one language to units: front matter, section headings, measures, paragraphs.

A document is either a table of numbered measures (the sample: a front part, then a table whose
rows are `label<TAB>measure<TAB>participants<TAB>executors`, with section rows between) or
prose (headings and paragraphs). Table rows broken across page breaks continue on later lines;
those are joined back here, through the repairs in `corpus.repair`. A Markdown pipe table is read
as the same rows (`corpus.tables`).

Reading is linear in the input: ids come from running counts, and a cell that continuation lines
extend is joined at its end only (`repair.Cell`).
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from ruzh.corpus import repair, tables
from ruzh.corpus.model import Repair, Unit, unit_id
from ruzh.corpus.sentences import split_sentences

LABEL = re.compile(r"^\s*(\d{1,4})\s*[.)]?\s*$")
CELL_FIELDS = ("text", "participants", "executors")
FIELD_NAMES = {"text": "measure text", "participants": "participants", "executors": "executors"}

Line = repair.Line  # (1-based line number in the input file, text without the newline)


def build_units(lines: list[Line], lang: str, source: str | None = None) -> tuple[list[Unit], list[Repair]]:
    """The units of one language, in document order, and the repairs made on the way.

    `source` is the file the lines come from: each repair names it, and a malformed Markdown
    table is refused with an `InputError` naming it.
    """
    builder = _Builder(lang, source)
    lines, notes = tables.pipe_rows(lines, source or "(text)")
    for note in notes:
        builder.note(note.kind, note.line, note.fragment, note.message)
    start = table_start(lines)
    if start is None:
        builder.prose(lines)
    else:
        builder.front(lines[:start])
        builder.table(lines[start:])
    return builder.finish()


def is_measure_row(line: str) -> bool:
    return "\t" in line and bool(LABEL.match(line.split("\t", 1)[0]))


def table_start(lines: list[Line]) -> int | None:
    """Where the table begins: the first measure row, with the header and section rows before it."""
    first = next((i for i, (_, text) in enumerate(lines) if is_measure_row(text)), None)
    if first is None:
        return None
    while first > 0 and ("\t" in lines[first - 1][1] or not lines[first - 1][1].strip()):
        first -= 1
    while not lines[first][1].strip():
        first += 1
    return first


def blocks(lines: list[Line]) -> list[list[Line]]:
    """Runs of non-blank lines; a heading or a horizontal rule is a block of its own."""
    out: list[list[Line]] = []
    current: list[Line] = []
    for number, text in lines:
        if not text.strip() or repair.is_rule(text) or repair.heading_text(text):
            if current:
                out.append(current)
            current = []
            if repair.heading_text(text):
                out.append([(number, text)])
            continue
        current.append((number, text))
    if current:
        out.append(current)
    return out


@dataclass
class _Builder:
    lang: str
    source: str | None = None
    units: list[Unit] = field(default_factory=list)
    repairs: list[Repair] = field(default_factory=list)
    section: str | None = None
    # Units of each kind so far: a unit's id is its position among them, counted as they come
    # (counting the earlier units again for each new one made reading quadratic).
    counts: Counter = field(default_factory=Counter)
    # Cells that continuation lines extend, by (unit id, field): see `repair.Cell`.
    cells: dict[tuple[str, str], repair.Cell] = field(default_factory=dict)

    # ------------------------------------------------------------ units

    def add(self, kind: str, text: str, line: int, **cells) -> Unit:
        self.counts[kind] += 1
        position = self.counts[kind]
        unit = Unit(
            id=unit_id(self.lang, kind, position), lang=self.lang, kind=kind, text=text,
            section=self.section if kind in ("measure", "paragraph") else None, line=line, **cells,
        )
        self.units.append(unit)
        if kind == "section":
            self.section = unit.id
        return unit

    def note(self, kind: str, line: int, fragment: str, message: str, dropped: bool = False,
             unit: Unit | None = None) -> None:
        where = f"{unit.id} (printed {unit.label}), line {line}" if unit and unit.label else (
            f"{unit.id}, line {line}" if unit else f"line {line}")
        self.repairs.append(Repair(kind, self.lang, line, fragment, f"{where}: {message}", dropped,
                                   unit.id if unit else None, self.source))

    def join_lines(self, lines: list[Line]) -> str:
        """The lines of one block as one text: markup gone, broken words rejoined.

        The text is put together once from its parts: a join only looks at the previous line,
        so a block of many lines (a sentence-per-line file read as prose) costs its length.
        """
        parts: list[str] = []
        for _, line in lines:
            part = repair.strip_markup(line)
            if not part:
                continue
            if parts:
                previous = parts[-1]
                rejoined = repair.rejoin_broken_word(previous, part, self.lang)
                # Every join is the previous line, perhaps less its hyphen, a separator, then `part`.
                parts[-1] = rejoined.text[: -len(part)] if rejoined else previous + repair.separator(previous, part)
            parts.append(part)
        return "".join(parts)

    # ------------------------------------------------------------ prose and front matter

    def prose(self, lines: list[Line]) -> None:
        for block in self._blocks(lines):
            number, text, heading = block
            self.add("section" if heading else "paragraph", text, number)

    def front(self, lines: list[Line]) -> None:
        for number, text, _ in self._blocks(lines):
            self.add("front", text, number)

    def _blocks(self, lines: list[Line]) -> list[tuple[int, str, bool]]:
        raw = blocks(lines)
        texts = [self.join_lines(b) for b in raw]
        joined, sizes = repair.join_unbalanced_blocks(texts)
        out, i = [], 0
        for text, size in zip(joined, sizes):
            first = raw[i][0][0]
            if size > 1:
                self.note("joined-blocks", first, text,
                          f"joined {size} paragraphs that break a title in two (lines {first}–{raw[i + size - 1][-1][0]})")
            heading = size == 1 and bool(repair.heading_text(raw[i][0][1]))
            out.append((first, text, heading))
            i += size
        return [(n, t, h) for n, t, h in out if t]

    # ------------------------------------------------------------ the table

    def table(self, lines: list[Line]) -> None:
        measure: Unit | None = None
        for number, line in lines:
            if not line.strip() or repair.is_rule(line):
                continue  # a page break inside the table
            heading = repair.heading_text(line)
            if heading:
                self.add("section", heading, number)
                measure = None
            elif is_measure_row(line):
                measure = self.measure_row(number, line)
            elif "\t" in line and measure is None and not self.counts["measure"]:
                cells = [repair.strip_markup(c) for c in line.split("\t") if c.strip()]
                self.add("front", " | ".join(cells), number)  # the table's column headings
            elif measure is not None and ("\t" in line or self.continues(measure, line)):
                self.continuation(measure, number, line)
            else:
                measure = None
                self.add("paragraph", repair.strip_markup(line), number)

    def cell(self, measure: Unit, name: str) -> repair.Cell:
        """The cell of a measure that continuation lines extend (written back in `finish`)."""
        key = (measure.id, name)
        if key not in self.cells:
            self.cells[key] = repair.Cell(getattr(measure, name) or "")
        return self.cells[key]

    def continues(self, measure: Unit, line: str) -> bool:
        """A line without tabs continues the measure text unless it starts a new sentence.

        A measure whose text cell is empty has no sentence to end: the line is its text.
        """
        end = self.cell(measure, "text").end.rstrip()[-1:]
        starts_new = line.strip()[:1].isupper() and bool(end) and end in repair.TERMINAL
        return not starts_new

    def measure_row(self, number: int, line: str) -> Unit:
        cells = repair.normalize_row(line.split("\t"))
        label = LABEL.match(cells.label)[1]
        unit = self.add("measure", repair.strip_markup(cells.text), number, label=label,
                        participants=repair.strip_markup(cells.participants),
                        executors=repair.strip_markup(cells.executors))
        for kind, fragment, dropped in cells.notes:
            message = {
                "shifted-cell": "removed an empty spacer cell that shifted the columns",
                "duplicate-cell": f"dropped a duplicated cell «{fragment}»",
                "extra-cell": f"more than four columns; kept the extra cells «{fragment}» in the executors",
            }[kind]
            self.note(kind, number, fragment, message, dropped, unit)
        if not unit.text:
            self.note("empty-cell", number, "",
                      "the measure text cell after the number is empty; the participants and executors "
                      "were kept in their columns", unit=unit)
        return unit

    def continuation(self, measure: Unit, number: int, line: str) -> None:
        """Join a continuation line's cells onto the measure they belong to.

        Cell positions say which column continues: the first two (the label column holds no
        text, so a fragment there is a stray piece of the measure text) go to the text, the
        third to the participants, any later one to the executors.
        """
        if "\t" not in line:
            line = "\t" + line
        for position, fragment in enumerate(line.split("\t")):
            fragment = repair.strip_markup(fragment)
            if fragment:
                name = CELL_FIELDS[min(max(position - 1, 0), 2)]
                self.extend(measure, name, fragment, number)

    def extend(self, measure: Unit, name: str, fragment: str, number: int) -> None:
        joined = self.cell(measure, name).join(fragment, self.lang)
        column = FIELD_NAMES[name]
        messages = {
            "joined": f"joined «{fragment}», continued after a page break, to the {column}",
            "paragraph": f"joined the paragraph «{fragment[:40]}…», continued after a page break, to the {column}",
            "rejoined-word": f"rejoined a word broken at a page break in the {column} («{fragment.split()[0]}»)",
            "repeated-fragment": f"dropped «{fragment}», which repeats the end of the {column}",
            "overlap": f"dropped «{' '.join(joined.dropped)}», printed on both sides of a page break in the {column}",
            "restated-tail": f"replaced «{' '.join(joined.dropped)}» at the end of the {column} with its fuller continuation «{fragment}»",
        }
        dropped = " ".join(joined.dropped)
        self.note(joined.how, number, dropped or fragment, messages[joined.how], bool(joined.dropped), measure)

    # ------------------------------------------------------------ finishing

    def finish(self) -> tuple[list[Unit], list[Repair]]:
        units = {u.id: u for u in self.units}
        for (uid, name), cell in self.cells.items():
            setattr(units[uid], name, cell.text)
        for unit in self.units:
            for name in CELL_FIELDS:
                value = getattr(unit, name)
                if value is not None:
                    setattr(unit, name, self.clean(unit, name, value) or None)
            unit.text = unit.text or ""
            unit.sentences = split_sentences(unit.text, self.lang)
        return self.units, self.repairs

    def clean(self, unit: Unit, name: str, value: str) -> str:
        """Last touches on a finished cell: spacing, Chinese punctuation, stuttered words."""
        value = "\n".join(re.sub(r"[ \t\u00a0]+", " ", part).strip() for part in value.split("\n"))
        if self.lang == "zh":
            return repair.normalize_chinese(value)
        value, stutters = repair.drop_stuttered_words(value)
        for word in stutters:
            self.note("stuttered-word", unit.line, word,
                      f"dropped «{word}», a word repeated right after itself in the {FIELD_NAMES.get(name, name)}",
                      True, unit)
        return value
