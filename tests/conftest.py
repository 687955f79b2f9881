"""Shared fixtures: the bundled sample, read once, and the UN Parallel Corpus test set."""
from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from ruzh.corpus import load_sample, sample_path

REPO = Path(__file__).resolve().parents[1]
UN_TESTSET = REPO.parent / "shared" / "data" / "unpc-v1.0-testsets" / "testset"


@pytest.fixture(scope="session")
def sample():
    return load_sample()


@pytest.fixture(scope="session")
def sample_lines() -> list[str]:
    return sample_path().read_text(encoding="utf-8").split("\n")


def _un_lines(lang: str) -> list[str]:
    path = UN_TESTSET / f"UNv1.0.testset.{lang}"
    if not path.exists():
        path = path.with_suffix(path.suffix + ".gz")
    if not path.exists():
        pytest.skip(f"the UN test set is not at {UN_TESTSET}")
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as f:
        return f.read().splitlines()


@pytest.fixture(scope="session")
def un_pairs() -> list[tuple[str, str]]:
    """The 4,000 line-aligned RU–ZH sentence pairs of the UN test set."""
    return list(zip(_un_lines("ru"), _un_lines("zh")))


@pytest.fixture(scope="session", autouse=True)
def embedding_cache(tmp_path_factory):
    """Embeddings go to a cache of the test session's own, never the user's."""
    import os

    path = tmp_path_factory.mktemp("embedding-cache")
    os.environ["RUZH_CACHE_DIR"] = str(path)
    os.environ["HF_HUB_OFFLINE"] = "1"  # tests never reach for a model hub
    return path


@pytest.fixture(scope="session")
def encoder(embedding_cache):
    from ruzh.align import load_encoder

    return load_encoder("use-m3")


@pytest.fixture(scope="session")
def sample_alignment(sample, encoder):
    from ruzh.align import align_document

    return align_document(sample, encoder)


@pytest.fixture(scope="session")
def sample_glossary(sample, encoder, sample_alignment):
    from ruzh.glossary import build_glossary

    return build_glossary(sample, sample_alignment, encoder)


@pytest.fixture(scope="session")
def sample_findings(sample, encoder, sample_alignment, sample_glossary):
    from ruzh.align.divergence import detect_divergences, glossary_names

    return detect_divergences(sample, sample_alignment, encoder, glossary_names(sample_glossary.entries))


@pytest.fixture(scope="session")
def written(tmp_path_factory, sample_glossary, sample, sample_alignment):
    """The files `ruzh run` writes for lookup and the exports, from the session's glossary of the
    sample (no new run)."""
    from ruzh import pipeline
    from ruzh.glossary import write_exports

    out = tmp_path_factory.mktemp("written")
    pipeline.write_corpus(sample, out)
    pipeline.write_alignment(sample, sample_alignment, out)
    write_exports(sample_glossary, out)
    return out


@pytest.fixture(scope="session")
def run_folder(tmp_path_factory, written, sample, sample_findings) -> Path:
    """What `ruzh run` writes for the sample, report included, from the session's fixtures (no new
    run), for `ruzh serve`; a test that saves decisions into it works on a copy of its own."""
    import shutil

    from ruzh import pipeline

    out = tmp_path_factory.mktemp("served") / "out"
    shutil.copytree(written, out)
    pipeline.write_report(sample, sample_findings, out)
    return out
