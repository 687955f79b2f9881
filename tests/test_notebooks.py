"""The notebooks run top to bottom on the sample, each cell without error, each with a plot."""
from __future__ import annotations

import time
from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")

NOTEBOOKS = sorted((Path(__file__).resolve().parents[1] / "notebooks").glob("*.ipynb"))
UN_DEVSET = Path(__file__).resolve().parents[2] / "shared" / "data" / "unpc-v1.0-testsets" / "devset"
NEEDS_UN = {"05_archive"}  # reads the UN dev set from shared/data (as benchmarks/un.py does)


def test_there_are_five_notebooks_with_outputs_stripped():
    assert [n.name for n in NOTEBOOKS] == ["01_corpus.ipynb", "02_alignment.ipynb", "03_glossary.ipynb",
                                          "04_divergences.ipynb", "05_archive.ipynb"]
    for path in NOTEBOOKS:
        book = nbformat.read(path, as_version=4)
        assert all(not c.get("outputs") and not c.get("execution_count") for c in book.cells if c.cell_type == "code")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_runs_and_plots(path, tmp_path):
    if path.stem in NEEDS_UN and not (UN_DEVSET / "UNv1.0.devset.ids.gz").exists():
        pytest.skip(f"the UN dev set is not at {UN_DEVSET}")
    book = nbformat.read(path, as_version=4)
    started = time.perf_counter()
    nbclient.NotebookClient(book, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}).execute()
    seconds = time.perf_counter() - started
    outputs = [o for c in book.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    images = [o for o in outputs if "image/png" in o.get("data", {})]
    assert images, f"{path.name} drew no plot"
    print(f"{path.name}: {seconds:.1f} s")
