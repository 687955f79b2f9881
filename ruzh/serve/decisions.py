"""Reviewers' decisions on findings, kept in `review.sqlite` beside the run's files.

A decision is keyed by what the finding is about: its unit ids, its kind and its evidence text,
never its position in the list, so that it survives a restart of the server and a new run of the
same documents into the same folder (a run replaces only the files it writes). Each decision
carries a version; saving names the version the reviewer saw, and a save over a version someone
else wrote since is refused (`Conflict`) rather than silently lost. Decisions on different
findings never touch each other's rows.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from ruzh.align.divergence.model import Finding
from ruzh.corpus import InputError

FILENAME = "review.sqlite"
# The statuses a reviewer sets, with the words the pages show; "open" takes a decision back.
STATUSES = {"open": "to review", "confirmed": "confirmed", "not-divergence": "not a divergence", "fixed": "fixed"}
MAX_COMMENT = 4000  # characters: a comment, not a document
BUSY_SECONDS = 10  # how long a save waits for another session's save to finish

SCHEMA = f"""
CREATE TABLE IF NOT EXISTS decisions (
    key TEXT PRIMARY KEY,
    ru TEXT NOT NULL, zh TEXT NOT NULL, kind TEXT NOT NULL, ru_span TEXT NOT NULL, zh_span TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ({", ".join(repr(s) for s in STATUSES)})),
    comment TEXT NOT NULL DEFAULT '',
    version INTEGER NOT NULL,
    updated TEXT NOT NULL
)"""


class StoreError(InputError):
    """review.sqlite cannot be read or written: damaged, locked too long, on a read-only disk."""


class Conflict(Exception):
    """The decision changed since the reviewer loaded it."""


@dataclass(frozen=True)
class Decision:
    key: str
    ru: list[str]
    zh: list[str]
    kind: str
    ru_span: str
    zh_span: str
    status: str = "open"
    comment: str = ""
    version: int = 0  # 0: never saved
    updated: str = ""

    def record(self) -> dict:
        """The decision as the `review` field of an exported finding."""
        return {"status": self.status, "comment": self.comment, "updated": self.updated}


def finding_key(f: Finding) -> str:
    """A short, stable id of what a finding is about: its units, kind and evidence."""
    identity = json.dumps([f.ru, f.zh, f.kind, f.ru_span, f.zh_span], ensure_ascii=False)
    return hashlib.sha256(identity.encode("utf-8")).hexdigest()[:16]


def blank(f: Finding) -> Decision:
    """The decision on a finding nobody has decided on yet."""
    return Decision(finding_key(f), f.ru, f.zh, f.kind, f.ru_span, f.zh_span)


class DecisionStore:
    """The decisions of one run folder. A connection per call: the server answers from several
    threads, and SQLite's own locking orders the writes."""

    def __init__(self, folder: Path):
        self.path = Path(folder) / FILENAME

    def all(self) -> dict[str, Decision]:
        """Every saved decision by key; none before the first save (reading creates no file)."""
        if not self.path.exists():
            return {}
        with self._connection() as db:
            return {row["key"]: _decision(row) for row in db.execute("SELECT * FROM decisions")}

    def save(self, finding: Finding, status: str, comment: str, seen_version: int) -> Decision:
        """Record a decision, if the stored one is still the version the reviewer saw."""
        if status not in STATUSES:
            raise ValueError(f"unknown status {status!r}")
        if len(comment) > MAX_COMMENT:
            raise ValueError(f"the comment is longer than {MAX_COMMENT} characters")
        key = finding_key(finding)
        with self._connection() as db, _transaction(db):
            row = db.execute("SELECT version FROM decisions WHERE key = ?", (key,)).fetchone()
            stored = row["version"] if row else 0
            if stored != seen_version:
                raise Conflict(f"someone saved this finding since you opened it (version {stored}, not {seen_version})")
            updated = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
            db.execute("INSERT INTO decisions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(key) DO UPDATE SET "
                       "status = excluded.status, comment = excluded.comment, version = excluded.version, "
                       "updated = excluded.updated",
                       (key, json.dumps(finding.ru), json.dumps(finding.zh), finding.kind, finding.ru_span,
                        finding.zh_span, status, comment, stored + 1, updated))
        return Decision(key, finding.ru, finding.zh, finding.kind, finding.ru_span, finding.zh_span, status,
                        comment, stored + 1, updated)

    @contextmanager
    def _connection(self) -> Iterator[sqlite3.Connection]:
        # isolation_level=None: transactions are begun explicitly, as BEGIN IMMEDIATE
        try:
            db = sqlite3.connect(self.path, timeout=BUSY_SECONDS, isolation_level=None)
        except sqlite3.Error as e:
            raise StoreError(self.path, f"cannot open the review database ({e})") from None
        try:
            db.row_factory = sqlite3.Row
            db.execute("PRAGMA journal_mode = WAL")  # readers do not wait for a writer
            db.execute(SCHEMA)
            yield db
        except sqlite3.Error as e:
            raise StoreError(self.path, f"the review database cannot be used ({e}); if it is damaged, "
                                        "move it away and the decisions start afresh") from None
        finally:
            db.close()


@contextmanager
def _transaction(db: sqlite3.Connection) -> Iterator[None]:
    """BEGIN IMMEDIATE: the write lock is taken before the version is read, so that two saves of
    one finding cannot both see the same version and both write."""
    db.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")


def _decision(row: sqlite3.Row) -> Decision:
    return Decision(row["key"], json.loads(row["ru"]), json.loads(row["zh"]), row["kind"], row["ru_span"],
                    row["zh_span"], row["status"], row["comment"], row["version"], row["updated"])
