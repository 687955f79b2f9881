"""A run's output set, written as a whole: staged beside the target, moved into place at the end.

Readers never see half of one run and half of another: files are staged in a hidden folder inside
the output folder (the same file system, so each move is a rename), moved into place with SIGINT
and SIGTERM held back, and `manifest.json` is written last, naming the run and its files. Files an
earlier run wrote and this one does not are removed, so a folder never mixes two runs. A failed or
interrupted run removes its staging folder and leaves the previous output as it was; one killed
outright leaves a staging folder that the next run sweeps away. Two runs into one folder: the
second is refused while the first holds the folder's lock.
"""
from __future__ import annotations

import datetime as dt
import fcntl
import hashlib
import json
import os
import shutil
import signal
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from ruzh.corpus import InputError
from ruzh.corpus.textio import write_text_atomic

MANIFEST = "manifest.json"
STAGING_PREFIX = ".ruzh-staging-"
# Every file name a run may write; an input with one of these names in the output folder would be replaced.
OUTPUT_NAMES = ("corpus.jsonl", "repairs.jsonl", "alignment.jsonl", "alignment.tmx", "glossary.csv",
                "glossary.omegat.txt", "glossary.tbx", "glossary.xlsx", "glossary.v2.tbx", "glossary.zh-ru.omegat.txt",
                "glossary.ru-zh.csv", "glossary.zh-ru.csv", "glossary.ru-zh.xlsx", "glossary.zh-ru.xlsx",
                "divergences.json", "report.html", "report.md", MANIFEST)


class OutputError(InputError):
    """An output folder ruzh cannot or must not write into."""


@contextmanager
def output_set(out: Path, inputs: Sequence[Path] = (), command: str = "run") -> Iterator[Path]:
    """Yield a staging folder to write the run's files into; on success they replace `out`'s."""
    out = Path(out)
    check_target(out, inputs)
    out.mkdir(parents=True, exist_ok=True)
    with _locked(out):
        _sweep(out)
        staging = out / f"{STAGING_PREFIX}{os.getpid()}"
        staging.mkdir()
        try:
            yield staging
            with _signals_held():
                _commit(staging, out, command, inputs)
        finally:
            shutil.rmtree(staging, ignore_errors=True)


def read_manifest(out: Path) -> dict:
    """The manifest of the last complete run in `out`; empty where there is none (an older ruzh,
    an interrupted commit) or it cannot be read."""
    try:
        return json.loads((Path(out) / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def unlike_manifest(out: Path, names: Sequence[str]) -> list[str]:
    """Those of the files that differ in size from what the last run's manifest says it wrote:
    edited, or left from another run. (Sizes only: reading stays instant.)"""
    files = read_manifest(out).get("files", {})
    return [n for n in names if n in files and (Path(out) / n).exists()
            and (Path(out) / n).stat().st_size != files[n]["bytes"]]


def check_target(out: Path, inputs: Sequence[Path] = ()) -> None:
    """Refuse, before any work, an output folder that is a file or would replace an input."""
    for folder in (out, *out.parents):
        if folder.exists():
            if not folder.is_dir():
                raise OutputError(folder, "is a file, not a folder; choose another output folder with -o")
            break
    for name in OUTPUT_NAMES:
        target = out / name
        for source in inputs:
            if target.exists() and Path(source).exists() and os.path.samefile(target, source):
                raise OutputError(source, f"is an input, and the run would replace it with its {name}; "
                                          "choose another output folder with -o")


@contextmanager
def _locked(out: Path) -> Iterator[None]:
    """Hold an exclusive lock on the output folder itself: no lock file is left behind, and the
    kernel releases it when a run dies."""
    fd = os.open(out, os.O_RDONLY)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise OutputError(out, "another ruzh run is writing into this folder; wait for it to finish "
                                   "or choose another output folder with -o") from None
        yield
    finally:
        os.close(fd)


def _sweep(out: Path) -> None:
    """Remove what killed runs left: their staging folders, and half-written temporary files."""
    for stale in out.glob(f"{STAGING_PREFIX}*"):
        shutil.rmtree(stale, ignore_errors=True)
    for name in OUTPUT_NAMES:
        for stale in out.glob(f".{name}.*.tmp"):
            stale.unlink(missing_ok=True)


@contextmanager
def _signals_held() -> Iterator[None]:
    """Ctrl-C or a SIGTERM during the moves would leave a mixed set; they take effect just after."""
    held = {signal.SIGINT, signal.SIGTERM}
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _commit(staging: Path, out: Path, command: str, inputs: Sequence[Path]) -> None:
    written = sorted(p.name for p in staging.iterdir() if p.is_file())
    previous = read_manifest(out)
    files = {name: _describe(staging / name) for name in written}
    (out / MANIFEST).unlink(missing_ok=True)  # no manifest while the set is changing
    for name in written:
        os.replace(staging / name, out / name)
    for name in previous.get("files", {}):
        if name not in files and name in OUTPUT_NAMES and name != MANIFEST:
            (out / name).unlink(missing_ok=True)
    manifest = {"tool": "ruzh", "command": command,
                "finished": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
                "inputs": [str(p) for p in inputs], "files": files}
    write_text_atomic(out / MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1) + "\n")


def _describe(path: Path) -> dict:
    with path.open("rb") as f:
        digest = hashlib.file_digest(f, "sha256").hexdigest()
    return {"bytes": path.stat().st_size, "sha256": digest}
