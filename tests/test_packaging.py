"""The wheel installs the three folders under the `ruzh` name only, and the installed copy runs."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import REPO


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    dist = tmp_path_factory.mktemp("dist")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
                    "-w", str(dist), str(REPO)], check=True, capture_output=True)
    return next(dist.glob("ruzh-*.whl"))


def test_the_wheel_has_one_top_level_package(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    tops = {n.split("/")[0] for n in names if not n.split("/")[0].endswith(".dist-info")}
    assert tops == {"ruzh"}
    assert "ruzh/corpus/data/sco-action-plan-2016-2020.ru-zh.txt" in names
    assert "ruzh/align/data/lexicon.ru-zh.tsv.gz" in names
    # `ruzh serve`'s pages and their assets, every one the package has
    serve = Path(REPO, "ruzh", "serve")
    for asset in [*serve.glob("templates/*"), *serve.glob("static/*")]:
        assert f"ruzh/{asset.relative_to(REPO / 'ruzh').as_posix()}" in names
    assert "ruzh/serve/templates/review.html" in names and "ruzh/serve/static/app.js" in names


def test_the_installed_wheel_runs_the_whole_job(wheel, tmp_path):
    # The dependencies come from this environment; ruzh itself only from the wheel, installed into a
    # folder that comes first on the path, and run from a folder that holds no source tree.
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(target),
                    str(wheel)], check=True, capture_output=True)
    assert not (target / "corpus").exists() and not (target / "align").exists()
    env = {**os.environ, "PYTHONPATH": str(target)}
    where = subprocess.run([sys.executable, "-c", "import ruzh.corpus, ruzh.align, ruzh.glossary as g; print(g.__file__)"],
                           cwd=tmp_path, env=env, capture_output=True, text=True, check=True)
    assert where.stdout.startswith(str(target))
    run = subprocess.run([sys.executable, "-m", "ruzh", "run", "-q", "-o", "out", "--no-cache"],
                         cwd=tmp_path, env=env, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    corpus = [json.loads(line) for line in (tmp_path / "out" / "corpus.jsonl").read_text("utf-8").splitlines()]
    assert any(r["id"] == "ru-m075" for r in corpus)
