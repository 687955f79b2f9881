"""Reading a text file whatever its encoding, and refusing what is not a text file."""
from __future__ import annotations

import codecs
import os
import re
import tempfile
import logging
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from charset_normalizer import from_bytes

from ruzh.corpus.errors import InputError

log = logging.getLogger("ruzh")

# Byte-order marks first: they are unambiguous. UTF-32 is checked before UTF-16 because
# the UTF-32 LE mark starts with the UTF-16 LE one.
BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Legacy encodings a Russian or Chinese office file may come in, when it is not Unicode.
LEGACY = ["cp1251", "gb18030"]
# File signatures of formats people export instead of plain text.
SIGNATURES = {
    b"%PDF": "a PDF document; extract its text first (e.g. pdftotext) and give ruzh the .txt",
    b"PK\x03\x04": "a ZIP archive (a .docx, .xlsx or .odt?); save it as plain text (.txt) first",
    b"\xd0\xcf\x11\xe0": "an old Microsoft Office file (.doc/.xls); save it as plain text (.txt) first",
    b"{\\rtf": "an RTF document; save it as plain text (.txt) first",
}


# Characters XML 1.0 forbids (C0 controls but tab and line breaks, lone surrogates, U+FFFE/U+FFFF):
# one of them makes a TMX or TBX file unreadable for every strict parser.
XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# What a spreadsheet reads as the start of a formula (OWASP, CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def xml_safe(text: str) -> str:
    """The text without the characters XML 1.0 forbids."""
    return XML_FORBIDDEN.sub("", text)


# The separators ruzh's CSV files may have: `--csv-sep` writes ";" for a Russian-locale Excel; a tab is TSV.
CSV_SEPARATORS = (",", ";", "\t")


def csv_separator(text: str) -> str:
    """The separator of a CSV table (or of its first line): of commas, semicolons and tabs, the
    one its header line has most of, the earlier in CSV_SEPARATORS on a tie (a comma if none).
    The header, since column names hold none of them where the rows' text may hold all three."""
    header = text.split("\n", 1)[0]
    return max(CSV_SEPARATORS, key=header.count)


def spreadsheet_safe(text: str) -> str:
    """A cell a spreadsheet shows as text, never runs as a formula: a leading quote where it
    would start one (the OWASP rule)."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def spreadsheet_text(cell: str) -> str:
    """The text a `spreadsheet_safe` cell stands for."""
    return cell[1:] if cell.startswith("'") and cell[1:].startswith(FORMULA_STARTS) else cell


@dataclass
class Text:
    path: Path
    text: str
    encoding: str


def read_text(path: str | Path) -> Text:
    """Decode a text file: UTF-8 (with or without BOM), UTF-16/32 with BOM, CP1251 or GB18030."""
    path = Path(path)
    if not path.exists():
        raise InputError(path, "no such file")
    if path.is_dir():
        raise InputError(path, "is a folder, not a text file")
    if not path.is_file():  # /dev/zero, a pipe: reading would not end, or not end well
        raise InputError(path, "is not a regular file (a device, a pipe or a socket); save the text to a file")
    data = path.read_bytes()
    if not data.strip():
        raise InputError(path, "the file is empty")
    for signature, what in SIGNATURES.items():
        if data.startswith(signature):
            raise InputError(path, f"this is {what}")
    text, encoding = _decode(path, data)
    if "\x00" in text or _control_share(text) > 0.01:
        raise InputError(path, "this looks like a binary file, not text")
    if not text.strip():
        raise InputError(path, "the file is empty (only blank characters)")
    if encoding not in ("utf-8", "utf-8-sig"):
        log.info("%s: read as %s", path, encoding)
    return Text(path, text.replace("\r\n", "\n").replace("\r", "\n"), encoding)


def _decode(path: Path, data: bytes) -> tuple[str, str]:
    for bom, encoding in BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError:
                raise InputError(path, f"starts with a {encoding.upper()} byte-order mark but is not valid {encoding.upper()}")
    if b"\x00" in data:
        raise InputError(path, "this looks like a binary file, not text")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as e:
        if e.reason == "unexpected end of data" and e.start >= len(data) - 3:  # cut short mid-character
            log.warning("%s: the file ends in the middle of a character (was it cut short?); "
                        "ignored its last %d bytes", path, len(data) - e.start)
            return data[: e.start].decode("utf-8"), "utf-8"
    best = from_bytes(data, cp_isolation=LEGACY).best()
    if best is None:
        tried = ", ".join(["UTF-8", "UTF-16 with BOM", "CP1251", "GB18030"])
        raise InputError(path, f"cannot decode the text (tried {tried}); save it as UTF-8")
    return str(best), best.encoding


def _control_share(text: str) -> float:
    """The share of control characters other than tab and line breaks: high in binary data."""
    sample = text[:100_000]
    controls = sum(1 for c in sample if ord(c) < 32 and c not in "\t\n\r\f")
    return controls / max(1, len(sample))


def write_text_atomic(path: str | Path, text: str, encoding: str = "utf-8") -> None:
    """Write a file so that it is either complete or absent: a temporary file, then a rename."""
    write_atomic(path, text.encode(encoding))


def write_atomic(path: str | Path, data: bytes) -> None:
    """Bytes to a file, complete or not at all."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, 0o666 & ~_umask())  # mkstemp makes the file private; give it what open() would
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@lru_cache(maxsize=1)
def _umask() -> int:
    """The process's umask (read by setting it, so once, and put back at once)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
