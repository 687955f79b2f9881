"""Markdown pipe tables, read as the tab-separated rows the table reader knows.

A converter (pandoc, an editor, a chat assistant) may give the sample's table as

    | № | Мероприятие | Участники | Исполнители |
    |---|---|---|---|
    | 1 | Проработка вопросов … | Государства-члены ШОС | МИД государств-членов ШОС |

Each row becomes `1<TAB>Проработка вопросов …<TAB>…` under its own line number, so that it is
read exactly like a row of the sample; the header row and the delimiter row are markup, not
content, and become blank lines. The cells follow GitHub Flavored Markdown: an unescaped `|`
separates them, the outer pipes are optional, `\\|` is a pipe inside a cell.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ruzh.corpus.errors import InputError
from ruzh.corpus.repair import Line

_PIPE = re.compile(r"(?<!\\)\|")
_DELIMITER_CELL = re.compile(r"\s*:?-+:?\s*")


@dataclass
class Note:
    """A ragged row made to fit the table: what the reader records as a repair."""

    kind: str
    line: int
    fragment: str
    message: str


def cells(line: str) -> list[str]:
    """The cells of a table row, without the outer pipes."""
    body = line.strip()
    body = body[1:] if body.startswith("|") else body
    body = body[:-1] if body.endswith("|") and not body.endswith("\\|") else body
    # A tab inside a cell would split it into two columns of the tab-separated row.
    return [c.strip().replace("\\|", "|").replace("\t", " ") for c in _PIPE.split(body)]


def is_delimiter(line: str) -> bool:
    """`|---|:---:|` (a Markdown rule `---` has no pipe, so it is not one)."""
    return "|" in line and all(_DELIMITER_CELL.fullmatch(c) for c in cells(line))


def pipe_rows(lines: list[Line], source: str) -> tuple[list[Line], list[Note]]:
    """The lines with each pipe table's rows as tab-separated rows, and the ragged rows repaired.

    A table starts at a header row followed by a delimiter row; until the next one, every line
    that starts with `|` is a row of it, blank lines (page breaks) in between or not. Lines
    without a pipe table are returned as they are.
    """
    out: list[Line] = []
    notes: list[Note] = []
    width = 0  # the columns of the table being read; 0 outside tables
    for i, (number, text) in enumerate(lines):
        if "|" not in text:  # nearly every line of a document without tables: no work
            out.append((number, text))
        elif i + 1 < len(lines) and is_delimiter(lines[i + 1][1]) and not is_delimiter(text):
            width = _header_width(lines[i], lines[i + 1], source)
            out.append((number, ""))
        elif width and is_delimiter(text):
            out.append((number, ""))
        elif width and text.lstrip().startswith("|"):
            row, note = _fit(cells(text), width, number)
            notes += [note] if note else []
            out.append((number, "\t".join(row)))
        else:
            out.append((number, text))
    return out, notes


def _header_width(header: Line, delimiter: Line, source: str) -> int:
    """The header's cell count, which the delimiter row under it must match (GFM)."""
    wanted, got = len(cells(header[1])), len(cells(delimiter[1]))
    if wanted != got:
        raise InputError(source, f"line {delimiter[0]}: the Markdown table's header row has {wanted} cells "
                                 f"but the |---| row under it has {got}; give both the same number of cells")
    return wanted


def _fit(row: list[str], width: int, number: int) -> tuple[list[str], Note | None]:
    """A row with the table's number of cells: missing ones empty, extra ones kept in the last."""
    if len(row) == width:
        return row, None
    if len(row) < width:
        message = (f"the table row has {len(row)} cells where the table has {width}; "
                   "the missing cells at its end were left empty")
        return row + [""] * (width - len(row)), Note("ragged-row", number, "", message)
    beyond = [c for c in row[width:] if c]
    message = f"the table row has {len(row)} cells where the table has {width}; "
    if not beyond:
        return row[:width], Note("ragged-row", number, "", message + "the empty cells beyond the last column were dropped")
    message += f"the cells beyond the last column were kept in it («{' | '.join(beyond)}»)"
    return row[: width - 1] + [", ".join(c for c in row[width - 1:] if c)], Note("ragged-row", number, " | ".join(beyond), message)
