"""`ruzh batch`: many document pairs, each through the same pipeline as `ruzh run`, on Dask.

The per-pair job (`run_pair`) is `ruzh run` itself: the command's own arguments, parsed by the
command's own parser, run by the command's own function into `OUT/<name>/` (a run folder, written
as a whole by `ruzh.outputs`). It gets only paths and settings and returns a small summary; the
models it loads stay loaded in the worker process for the next pair.

The process that runs `ruzh batch` (the client) is the only one that writes the batch-level files:
it adds each finished pair's glossary to the term base (`OUT/termbase.sqlite`), notes each pair in
a progress journal as it finishes (so that an interrupted batch resumes where it stopped), and at
the end writes `batch.jsonl`, `consistency.json` and `index.html` as one output set.

Dask is imported only here, and only when a batch runs on a cluster.
"""
from __future__ import annotations

import csv
import hashlib
import json
import logging
import os
import socket
import sys
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ruzh import __version__
from ruzh.corpus import InputError
from ruzh.corpus.textio import csv_separator

log = logging.getLogger("ruzh")

JOURNAL = ".batch-progress.jsonl"  # one line per pair as it finishes; folded into batch.jsonl at the end
BATCH_FILES = ("batch.jsonl", "consistency.json", "index.html", "termbase.sqlite", "manifest.json")
LANG_SUFFIXES = ("ru", "zh")
TEXT_SUFFIXES = (".txt", ".md", ".text")
MANIFEST_SUFFIXES = (".csv", ".tsv", ".jsonl", ".json")
# The settings that shape a pair's outputs: a change to any of them redoes the pair. (Threads, the
# embedding cache and the size limit change how fast or whether it runs, not what it writes.)
OUTPUT_SETTINGS = ("format", "model", "links", "min_severity", "min_confidence", "zh_tag", "csv_sep")
RUN_OPTIONS = (*OUTPUT_SETTINGS, "max_size", "cache_dir", "no_cache", "cache_max_mb", "threads")
EXIT_OK, EXIT_SOME_FAILED, EXIT_NOTHING_RAN = 0, 1, 2
# A pair whose worker process dies under it (killed, out of memory) runs once more on another
# worker of a local cluster, then is recorded failed: a pair that kills every worker it runs on
# does not take the batch down with it. (On a cluster of one's own, its scheduler's
# `distributed.scheduler.allowed-failures` decides, 3 by default.)
RETRIES_WHEN_LOST = 1


class BatchError(InputError):
    """A batch that cannot start: no pairs, a manifest that cannot be read, no cluster to run on."""


# ------------------------------------------------------------------ the pairs

@dataclass
class Pair:
    """One document pair: two files (`ru`, `zh`) or one bilingual `file`; `error` where it is
    unusable before anything runs (a half missing)."""

    name: str
    ru: str | None = None
    zh: str | None = None
    file: str | None = None
    error: str | None = None

    @property
    def inputs(self) -> list[str]:
        return [p for p in (self.ru, self.zh, self.file) if p]

    def argv(self, settings: dict, out: Path) -> list[str]:
        """The `ruzh run` command line of this pair: the same options the batch was given."""
        argv = ["run", *([self.file] if self.file else ["--ru", self.ru, "--zh", self.zh]), "-o", str(out), "-q"]
        for option, value in settings.items():
            flag = "--" + option.replace("_", "-")
            if value is True:
                argv.append(flag)
            elif value not in (None, False):
                argv += [flag, str(value)]
        return argv


def find_pairs(source: str | Path) -> list[Pair]:
    """The pairs of a folder (`NAME.ru.txt` + `NAME.zh.txt`, or a bilingual `NAME.txt`) or of a
    manifest (CSV or JSONL with `name, ru, zh` or `name, file`; paths relative to the manifest)."""
    source = Path(source)
    if source.is_dir():
        return _folder_pairs(source)
    if source.is_file():
        if source.suffix.lower() not in MANIFEST_SUFFIXES:
            raise BatchError(source, "give a folder of document pairs, or a manifest (.csv or .jsonl) listing them")
        return _manifest_pairs(source)
    raise BatchError(source, "no such folder or manifest")


def _folder_pairs(folder: Path) -> list[Pair]:
    halves: dict[str, dict[str, str]] = {}
    singles: list[Path] = []
    for path in sorted(folder.iterdir()):
        if path.name.startswith(".") or not path.is_file() or path.suffix.lower() not in TEXT_SUFFIXES:
            continue
        stem, _, lang = path.stem.rpartition(".")
        if stem and lang.lower() in LANG_SUFFIXES:
            halves.setdefault(stem, {})[lang.lower()] = str(path)
        else:
            singles.append(path)
    pairs = [Pair(p.stem, file=str(p)) for p in singles]
    for name, files in halves.items():
        pair = Pair(name, ru=files.get("ru"), zh=files.get("zh"))
        if len(files) < 2:
            have, missing = ("Russian", "Chinese") if "ru" in files else ("Chinese", "Russian")
            pair.error = (f"only the {have} version was found ({Path(pair.inputs[0]).name}); "
                          f"the {missing} one should be named {name}.{'zh' if 'ru' in files else 'ru'}"
                          f"{Path(pair.inputs[0]).suffix}")
        pairs.append(pair)
    return _checked(sorted(pairs, key=lambda p: p.name), folder)


def _manifest_pairs(path: Path) -> list[Pair]:
    base = path.parent
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as e:
        raise BatchError(path, f"cannot read the manifest ({getattr(e, 'strerror', None) or e})") from e
    if path.suffix.lower() in (".jsonl", ".json"):
        records = []
        for number, line in enumerate(text.splitlines(), 1):
            if line.strip():
                try:
                    records.append(json.loads(line))
                except ValueError:
                    raise BatchError(path, f"line {number} is not a JSON record") from None
    else:
        try:
            records = list(csv.DictReader(text.splitlines(), delimiter=csv_separator(text)))
        except csv.Error as e:
            raise BatchError(path, f"is not a readable CSV table ({e})") from None
    pairs = []
    for number, record in enumerate(records, 1):
        if not isinstance(record, dict):
            raise BatchError(path, f"record {number} is not a set of named fields (name, ru, zh or name, file)")
        record = {str(k).strip().lower(): str(v).strip() for k, v in record.items() if k and v}
        files = {k: str(base / record[k]) for k in ("ru", "zh", "file") if record.get(k)}
        name = record.get("name") or Path(files.get("file") or files.get("ru") or f"pair-{number}").stem
        pair = Pair(name, **files)
        if not files:
            pair.error = f"record {number} of the manifest names no file (give ru and zh, or file)"
        elif pair.file and (pair.ru or pair.zh):
            pair.error = "give either one bilingual file or a Russian and a Chinese file, not both"
        elif not pair.file and not (pair.ru and pair.zh):
            pair.error = f"the {'Chinese' if pair.ru else 'Russian'} file is missing from the manifest"
        pairs.append(pair)
    return _checked(pairs, path)


def _checked(pairs: list[Pair], source: Path) -> list[Pair]:
    """Names usable as folder names, each once."""
    seen: set[str] = set()
    for pair in pairs:
        if not pair.name or pair.name.startswith(".") or "/" in pair.name or "\\" in pair.name \
                or pair.name in BATCH_FILES:
            pair.error = pair.error or f"«{pair.name}» cannot be the name of an output folder; rename it"
        elif pair.name in seen:
            pair.error = pair.error or f"another pair is already named «{pair.name}»; names must be unique"
        seen.add(pair.name)
    if not pairs:
        raise BatchError(source, "no document pairs found (NAME.ru.txt with NAME.zh.txt, or bilingual NAME.txt)")
    return pairs


def fingerprint(pair: Pair, settings: dict) -> str:
    """What a pair's outputs are a function of: the inputs' bytes, the output settings, ruzh's version."""
    digest = hashlib.sha256()
    digest.update(json.dumps({"version": __version__, "settings": {k: settings.get(k) for k in OUTPUT_SETTINGS},
                              "kinds": [bool(pair.file)]}, sort_keys=True).encode())
    for path in pair.inputs:
        with open(path, "rb") as f:
            digest.update(hashlib.file_digest(f, "sha256").digest())
    return digest.hexdigest()[:32]


# ------------------------------------------------------------------ in a worker

_ENCODERS: dict = {}  # loaded once per worker process, kept for its next pairs
_ONE_AT_A_TIME = threading.Lock()  # jieba's dictionary is per process: pairs in one process never overlap


def run_pair(job: dict) -> dict:
    """Run one pair as `ruzh run` would (in a worker process); a summary, never an exception."""
    from ruzh import cli, faults
    from ruzh.align.encoders import ModelError
    from ruzh.corpus.nlp import forget_words

    started = time.perf_counter()
    summary = {"name": job["name"], "key": job["key"], "worker": f"{socket.gethostname()}:{os.getpid()}"}
    logger = logging.getLogger("ruzh")
    kept = logger.level, list(logger.handlers), logger.propagate  # `ruzh run` sets its own; the batch's come back
    with _ONE_AT_A_TIME:
        try:
            args = cli.parser().parse_args(job["argv"])
            forget_words()  # what jieba learnt from the previous pair does not shape this one
            cli._run(args, encoders=_ENCODERS)
            summary |= {"status": "done", "counts": counts(Path(job["out"]))}
        except (InputError, ModelError) as e:
            summary |= {"status": "failed", "error": str(e)}
        except OSError as e:
            summary |= {"status": "failed", "error": faults.describe(e)}
        except MemoryError:
            summary |= {"status": "failed", "error": "ran out of memory; run fewer workers per machine"}
        except Exception as e:  # a fault of ruzh, not of the input: one line here, the traceback in the worker's log
            logging.getLogger("ruzh.batch").exception("pair %s", job["name"])
            summary |= {"status": "failed", "error": f"ruzh could not process this pair ({type(e).__name__}: {e}); "
                                                     "please report it with the input files"}
        finally:
            logger.setLevel(kept[0])
            logger.handlers[:] = kept[1]
            logger.propagate = kept[2]
    summary["seconds"] = round(time.perf_counter() - started, 2)
    return summary


def counts(out: Path) -> dict:
    """What a run folder holds, in numbers: units, sentence links, glossary entries, findings."""
    result: dict = {}
    units = [json.loads(line) for line in (out / "corpus.jsonl").read_text(encoding="utf-8").splitlines() if line]
    result["ru_units"] = sum(1 for u in units if u["lang"] == "ru")
    result["zh_units"] = sum(1 for u in units if u["lang"] == "zh")
    links = [json.loads(line) for line in (out / "alignment.jsonl").read_text(encoding="utf-8").splitlines() if line]
    result["sentence_links"] = sum(1 for link in links if link["level"] == "sentence")
    with (out / "glossary.csv").open(encoding="utf-8-sig", newline="") as f:
        result["glossary"] = max(0, sum(1 for _ in csv.reader(f, delimiter=_separator(out / "glossary.csv"))) - 1)
    findings = json.loads((out / "divergences.json").read_text(encoding="utf-8"))
    for severity in ("major", "minor", "info"):
        result[severity] = sum(1 for f in findings if f.get("severity") == severity)
    return result


def _separator(path: Path) -> str:
    """The separator of a CSV file, from its header line alone: the rest is never read."""
    with path.open(encoding="utf-8-sig") as f:
        return csv_separator(f.readline())


# ------------------------------------------------------------------ the client

@dataclass
class BatchResult:
    records: list[dict] = field(default_factory=list)  # one per pair, in the order given
    ran: int = 0  # pairs run now (the rest were unchanged since the last batch, or unusable)

    @property
    def exit_code(self) -> int:
        failed = sum(1 for r in self.records if r["status"] == "failed")
        if self.records and failed == len(self.records):
            return EXIT_NOTHING_RAN
        return EXIT_SOME_FAILED if failed else EXIT_OK


def _plan(pairs: list[Pair], out: Path, settings: dict, termbase: Path, known: dict[str, str],
          force: bool) -> tuple[dict[str, dict], list[dict]]:
    """The records of the pairs that need no run (failed to read, or unchanged since the last batch
    into this folder), and the jobs of the others. `known`: the term base's document keys."""
    previous = _previous_records(out)
    records: dict[str, dict] = {}
    jobs: list[dict] = []
    for pair in pairs:
        if pair.error:
            records[pair.name] = _failed(pair, pair.error)
            continue
        try:
            key = fingerprint(pair, settings)
        except OSError as e:
            from ruzh import faults
            records[pair.name] = _failed(pair, faults.describe(e))
            continue
        except ValueError as e:  # a path with a NUL in it
            records[pair.name] = _failed(pair, f"cannot read its files ({e})")
            continue
        before = previous.get(pair.name, {})
        if not force and before.get("status") in ("done", "skipped") and before.get("key") == key \
                and _intact(out / pair.name):
            records[pair.name] = before | {"status": "skipped"}
            if known.get(pair.name) != key:  # outputs done, term base behind (an interrupted batch)
                _add_to_termbase(termbase, pair, out, key, settings)
            continue
        jobs.append({"name": pair.name, "key": key, "out": str(out / pair.name),
                     "argv": pair.argv(settings, out / pair.name)})
    return records, jobs


def _write_summary(out: Path, ordered: list[dict], termbase: Path) -> None:
    """batch.jsonl, consistency.json and index.html, as one output set."""
    from ruzh.corpus.textio import write_text_atomic
    from ruzh.outputs import output_set
    from ruzh.pipeline import jsonl
    from ruzh.report_batch import consistency_records, index_html

    with output_set(out, (), "batch") as staging:
        findings = consistency_records(termbase, out) if termbase.is_file() else []
        write_text_atomic(staging / "batch.jsonl", jsonl(ordered))
        write_text_atomic(staging / "consistency.json", json.dumps(findings, ensure_ascii=False, indent=1) + "\n")
        write_text_atomic(staging / "index.html", index_html(ordered, findings, out, termbase))


def run_batch(pairs: list[Pair], out: str | Path, settings: dict, workers: int | None = None,
              scheduler: str | None = None, force: bool = False, termbase: str | Path | None = None,
              progress: bool | None = None) -> BatchResult:
    """Run the pairs into `out`: on a Dask cluster at `scheduler` (an address or a scheduler file),
    else on a local cluster of `workers` processes (`workers=0`: in this process, no cluster)."""
    from ruzh import termbase_store as store

    settings = with_defaults(settings)
    out = Path(out).resolve()
    out.mkdir(parents=True, exist_ok=True)
    termbase = Path(termbase).resolve() if termbase else out / "termbase.sqlite"
    known = store.document_keys(termbase)
    records, jobs = _plan(pairs, out, settings, termbase, known, force)
    by_name = {p.name: p for p in pairs}
    journal = (out / JOURNAL).open("a", encoding="utf-8")
    bar = _bar(len(pairs), len(pairs) - len(jobs), progress)
    bar.failed = sum(1 for r in records.values() if r["status"] == "failed")

    def finished(summary: dict) -> None:
        pair = by_name[summary["name"]]
        if summary["status"] == "done":
            try:
                _add_to_termbase(termbase, pair, out, summary["key"], settings)
            except (InputError, OSError) as e:
                summary |= {"status": "failed", "error": f"the outputs were written, but not added to the term "
                                                         f"base: {e}"}
        elif pair.name in known:  # its outputs are stale now: the term base no longer counts them
            store.remove_document(termbase, pair.name)
        record = _record(pair, summary)
        records[pair.name] = record
        journal.write(json.dumps(record, ensure_ascii=False) + "\n")
        journal.flush()
        os.fsync(journal.fileno())
        bar.tick(record["status"] == "failed")

    try:
        if jobs:
            _execute(jobs, finished, workers, scheduler)
    finally:
        journal.close()
        bar.close()
    ordered = [records[p.name] for p in pairs if p.name in records]
    _write_summary(out, ordered, termbase)
    (out / JOURNAL).unlink(missing_ok=True)
    return BatchResult(ordered, len(jobs))


def with_defaults(settings: dict) -> dict:
    """The `ruzh run` options a batch passes on to every pair, those not given at `ruzh run`'s
    defaults (so that `{"format": "lines"}` and the command line's full set name the same run)."""
    from ruzh import cli

    defaults = vars(cli.parser().parse_args(["run"]))
    unknown = set(settings) - set(RUN_OPTIONS)
    if unknown:
        raise ValueError(f"not options of `ruzh run`: {', '.join(sorted(unknown))}")
    return {k: defaults.get(k) for k in RUN_OPTIONS} | {k: v for k, v in settings.items() if v is not None}


def _failed(pair: Pair, error: str) -> dict:
    return _record(pair, {"status": "failed", "error": error, "seconds": 0.0})


def _record(pair: Pair, summary: dict) -> dict:
    """A line of batch.jsonl: name, status, counts, seconds, error; the inputs, the key, the worker."""
    return {"name": pair.name, "status": summary["status"], "counts": summary.get("counts", {}),
            "seconds": summary.get("seconds", 0.0), "error": summary.get("error"),
            "inputs": pair.inputs, "key": summary.get("key"), "worker": summary.get("worker")}


def _previous_records(out: Path) -> dict[str, dict]:
    """The last batch's record of each pair: batch.jsonl, then the journal of an interrupted batch."""
    records: dict[str, dict] = {}
    for name in ("batch.jsonl", JOURNAL):
        try:
            lines = (out / name).read_text(encoding="utf-8").splitlines()
        except OSError:
            continue
        for line in lines:
            try:
                record = json.loads(line)
                records[record["name"]] = record
            except (ValueError, KeyError, TypeError):  # a line cut short by a kill: that pair runs again
                continue
    return records


def _intact(folder: Path) -> bool:
    """Whether a run folder holds the complete set its manifest names, unchanged in size."""
    from ruzh.outputs import read_manifest

    files = read_manifest(folder).get("files", {})
    return bool(files) and all((folder / n).is_file() and (folder / n).stat().st_size == f["bytes"]
                               for n, f in files.items())


def _add_to_termbase(termbase: Path, pair: Pair, out: Path, key: str, settings: dict) -> None:
    from ruzh import termbase_store as store

    folder = out / pair.name
    rows = store.read_glossary_csv(folder / "glossary.csv")
    store.add_document(termbase, pair.name, rows, key=key, source=" + ".join(pair.inputs),
                       report=str(folder / "report.html"))


def _execute(jobs: list[dict], finished: Callable[[dict], None], workers: int | None, scheduler: str | None) -> None:
    """Run the jobs: in this process (`workers=0`), or on Dask, handing each summary to `finished`
    as it comes."""
    if workers == 0 and not scheduler:
        for job in jobs:
            finished(run_pair(job))
        return
    from dask.distributed import as_completed

    with _client(workers, scheduler) as client:
        futures = {client.submit(run_pair, job, key=f"ruzh-pair-{job['name']}-{job['key']}", pure=False): job
                   for job in jobs}
        for future in as_completed(futures):
            job = futures[future]
            try:
                summary = future.result()
            except Exception as e:  # noqa: BLE001 - the worker died under it more often than the scheduler retries
                summary = {"name": job["name"], "key": job["key"], "status": "failed", "seconds": 0.0,
                           "error": _lost(e)}
            finished(summary)


def _lost(error: Exception) -> str:
    """What a translator reads for a pair whose worker process stopped under it (killed, out of
    memory, the machine gone) on every try the scheduler allowed."""
    from distributed import KilledWorker

    if isinstance(error, KilledWorker):
        tries = error.allowed_failures + 1
        return (f"the worker process running this pair stopped before it finished ({tries} "
                f"tr{'ies' if tries > 1 else 'y'}): it was killed or ran out of memory; nothing of it was kept. "
                "Run the batch again to redo it (the pairs already done are skipped), with fewer workers "
                "if memory is short")
    return (f"this pair could not be run on the cluster ({type(error).__name__}: {error}); nothing of it was "
            "kept. Run the batch again to redo it")


class _client:
    """A Dask client on the given scheduler, or on a local cluster of worker processes it starts
    and stops."""

    def __init__(self, workers: int | None, scheduler: str | None):
        self.workers, self.scheduler, self.cluster, self.client = workers, scheduler, None, None

    def __enter__(self):
        from dask.distributed import Client, LocalCluster

        try:
            if self.scheduler:
                target = Path(self.scheduler)
                if "://" not in self.scheduler and target.is_file():
                    self.client = Client(scheduler_file=str(target), timeout="30s")
                else:
                    self.client = Client(self.scheduler, timeout="30s")
                if not self.client.scheduler_info().get("workers"):
                    log.info("The Dask scheduler has no workers yet: the pairs wait for `dask worker` to join")
            else:
                n = self.workers or max(1, min(os.cpu_count() or 1, 4))
                self.cluster = LocalCluster(n_workers=n, threads_per_worker=1, processes=True, host="127.0.0.1",
                                            dashboard_address=None, silence_logs=logging.ERROR,
                                            scheduler_kwargs={"allowed_failures": RETRIES_WHEN_LOST})
                self.client = Client(self.cluster)
        except Exception as e:  # noqa: BLE001  Dask says a malformed address with ValueError, and worse
            self.__exit__(None, None, None)
            where = f"the Dask scheduler at {self.scheduler}" if self.scheduler else "a local Dask cluster"
            raise BatchError(self.scheduler or "dask", f"cannot reach {where} ({e}); is `dask scheduler` "
                                                       "running there?" if self.scheduler else
                             f"cannot start {where} ({e})") from None
        return self.client

    def __exit__(self, *exc):
        for part in (self.client, self.cluster):
            if part is not None:
                try:
                    part.close()
                except Exception:  # noqa: BLE001 - closing a cluster that is already gone
                    pass
        return False


class _bar:
    """Pairs done and failed, and the time left; quiet when stderr is not a terminal."""

    def __init__(self, total: int, initial: int, progress: bool | None):
        from tqdm import tqdm

        self.failed = 0
        self.tqdm = tqdm(total=total, initial=initial, unit=" pairs", desc="Pairs", file=sys.stderr,
                         disable=None if progress is None else not progress, dynamic_ncols=True)

    def tick(self, failed: bool) -> None:
        self.failed += failed
        self.tqdm.set_postfix(failed=self.failed, refresh=False)
        self.tqdm.update(1)

    def close(self) -> None:
        self.tqdm.close()


def summary_line(result: BatchResult, out: Path) -> str:
    by_status = {s: sum(1 for r in result.records if r["status"] == s) for s in ("done", "skipped", "failed")}
    parts = [f"{by_status['done']} done", f"{by_status['skipped']} unchanged since the last batch (skipped)",
             f"{by_status['failed']} failed"]
    return f"Batch: {', '.join(parts)}; see {Path(out) / 'index.html'} and {Path(out) / 'batch.jsonl'}"


def records_frame(result: BatchResult):
    """batch.jsonl as a DataFrame: one row per pair, the counts as columns."""
    import pandas as pd

    rows = [{k: v for k, v in r.items() if k != "counts"} | r.get("counts", {}) for r in result.records]
    return pd.DataFrame(rows)


def pairs_from(items: Iterable) -> list[Pair]:
    """Pairs from what the API is given: a folder or manifest path, Pair objects, (name, ru, zh)
    tuples or dicts with name and ru/zh or file."""
    if isinstance(items, (str, os.PathLike)):
        return find_pairs(items)
    pairs = []
    for item in items:
        if isinstance(item, Pair):
            pairs.append(item)
        elif isinstance(item, dict):
            pairs.append(Pair(**{k: (str(v) if v is not None else None) for k, v in item.items()}))
        else:
            name, ru, zh = item
            pairs.append(Pair(str(name), ru=str(ru), zh=str(zh)))
    return _checked(pairs, Path("(pairs)"))
