"""The run folder `ruzh run` wrote, read and checked for the server, and read again after a new run.

A folder that lacks a file or holds a damaged one raises `FolderError`: one line that names the
file and says what to do, which `ruzh serve` prints before exiting with code 2.
"""
from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field, fields
from pathlib import Path

from ruzh.align.divergence.model import SEVERITIES, Finding
from ruzh.corpus import InputError
from ruzh.corpus.model import Unit
from ruzh.glossary.lookup import GlossaryIndex, GlossaryRow
from ruzh.outputs import MANIFEST, read_manifest

REQUIRED = ("corpus.jsonl", "alignment.jsonl", "glossary.csv", "divergences.json")
RERUN = "write it again with `ruzh run -o {folder}`"
UNIT_KEYS = ("id", "lang", "kind", "text", "sentences")  # what the glossary's lookup reads of each unit
LINK_KEYS = ("level", "ru", "zh")
FINDING_KEYS = ("ru", "zh", "kind", "side", "severity", "score", "message")
FINDING_FIELDS = {f.name for f in fields(Finding)}


class FolderError(InputError):
    """A run folder the server cannot show."""


@dataclass(frozen=True)
class Link:
    """A unit or sentence link of alignment.jsonl."""

    ru: list[str]
    zh: list[str]
    score: float


@dataclass
class Run:
    """Everything one run wrote that the pages show."""

    path: Path
    units: dict[str, Unit]  # by id, in document order
    unit_links: list[Link]
    sentence_links: list[Link]
    findings: list[Finding]  # majors first, then the likeliest
    glossary: list[GlossaryRow]
    index: GlossaryIndex  # the glossary with its concordance, loaded once for every search
    finished: str = ""  # when the run ended, from its manifest
    files: list[str] = field(default_factory=list)  # every file of the run, for downloads

    def label(self, uid: str) -> str:
        """How the document itself names a unit: «72» for a measure printed 72, else its kind."""
        unit = self.units.get(uid)
        if unit is None:
            return uid
        if unit.label:
            return f"«{unit.label}»"
        return {"front": "front matter", "section": "heading", "paragraph": "paragraph"}.get(unit.kind, unit.kind)


def read_run(path: Path) -> Run:
    """The run in `path`, checked; FolderError names the first thing missing or damaged."""
    path = Path(path)
    if not path.is_dir():
        raise FolderError(path, "is not a folder; give the folder `ruzh run -o DIR` wrote")
    missing = [name for name in REQUIRED if not (path / name).is_file()]
    if missing:
        raise FolderError(path, f"has no {', '.join(missing)}: not a folder `ruzh run` wrote; "
                                f"write one with `ruzh run -o {path}`")
    units = [_unit(r, path / "corpus.jsonl") for r in _json_lines(path / "corpus.jsonl", UNIT_KEYS)]
    links = _json_lines(path / "alignment.jsonl", LINK_KEYS)
    try:
        unit_links = [_link(r) for r in links if r["level"] == "unit"]
        sentence_links = [_link(r) for r in links if r["level"] == "sentence"]
    except (TypeError, ValueError):
        raise FolderError(path / "alignment.jsonl", f"has a damaged link; {RERUN.format(folder=path)}") from None
    try:
        index = GlossaryIndex.load(path)
    except InputError as e:
        raise FolderError(e.path, e.problem) from None
    return Run(path=path, units={u.id: u for u in units},
               unit_links=unit_links, sentence_links=sentence_links,
               findings=sorted(map(finding, read_findings(path / "divergences.json")), key=Finding.sort_key),
               glossary=index.rows, index=index, finished=read_manifest(path).get("finished", ""),
               files=sorted(p.name for p in path.iterdir() if p.is_file() and not p.name.startswith(".")))


class RunFolder:
    """A run folder, read again whenever a new run has replaced its files (so that the server
    always shows the latest run without a restart)."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self._lock = threading.Lock()
        self._stamp = self._read_stamp()
        self._run = read_run(self.path)

    def current(self) -> Run:
        with self._lock:
            stamp = self._read_stamp()
            if stamp != self._stamp:
                self._run, self._stamp = read_run(self.path), stamp
            return self._run

    def _read_stamp(self) -> tuple:
        """What changes when a run replaces the files: their sizes and modification times."""
        stamp = []
        for name in (*REQUIRED, MANIFEST):
            try:
                info = (self.path / name).stat()
                stamp.append((name, info.st_mtime_ns, info.st_size))
            except OSError:
                stamp.append((name, None, None))
        return tuple(stamp)


def _json_lines(path: Path, keys: tuple[str, ...]) -> list[dict]:
    """The records of a JSON-lines file, each a JSON object with `keys`."""
    records = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except UnicodeDecodeError:
        raise FolderError(path, f"is not UTF-8 text; {RERUN.format(folder=path.parent)}") from None
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except ValueError:
            record = None
        if not isinstance(record, dict) or any(k not in record for k in keys):
            raise FolderError(path, f"line {number} is damaged; {RERUN.format(folder=path.parent)}")
        records.append(record)
    return records


def _unit(record: dict, path: Path) -> Unit:
    known = {f.name for f in fields(Unit)}
    try:
        return Unit(**{k: v for k, v in record.items() if k in known})
    except TypeError:
        raise FolderError(path, f"unit {record.get('id')!r} is damaged; {RERUN.format(folder=path.parent)}") from None


def _link(record: dict) -> Link:
    return Link(list(record["ru"]), list(record["zh"]), float(record.get("score") or 0.0))


def read_findings(path: Path) -> list[dict]:
    """The records of divergences.json, as written (keys this version does not know kept), checked."""
    damaged = f"is damaged ({{}}); {RERUN.format(folder=path.parent)}"
    try:
        records = json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError):
        raise FolderError(path, damaged.format("not JSON")) from None
    if not isinstance(records, list):
        raise FolderError(path, damaged.format("not a list of findings"))
    for number, record in enumerate(records, 1):
        if not isinstance(record, dict) or any(k not in record for k in FINDING_KEYS) \
                or record["severity"] not in SEVERITIES:
            raise FolderError(path, damaged.format(f"finding {number} is incomplete"))
    return records


def finding(record: dict) -> Finding:
    """A checked record of divergences.json as a Finding."""
    return Finding(**{k: v for k, v in record.items() if k in FINDING_FIELDS})
