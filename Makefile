# Two commands for a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
OUT    ?= out

.PHONY: demo test bench notebooks lexicon install install-test clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python pyproject.toml
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

demo: install      ## set up, then run the whole job on the bundled sample
	$(BIN)/ruzh run -o $(OUT)

test: install-test ## set up, then run the tests
	$(BIN)/python -m pytest

bench: install     ## timings, printed as a table
	$(BIN)/pip install --quiet -e ".[test]"
	$(BIN)/python benchmarks/bench_corpus.py
	$(BIN)/python benchmarks/bench_reading.py
	$(BIN)/python benchmarks/bench_align.py
	$(BIN)/python benchmarks/bench_glossary.py
	$(BIN)/python benchmarks/eval_glossary.py
	$(BIN)/python benchmarks/bench_serve.py
	$(BIN)/python benchmarks/bench_words.py
	$(BIN)/python benchmarks/bench_divergence.py
	$(BIN)/python benchmarks/calibrate.py
	$(BIN)/python benchmarks/bench_pipeline.py
	$(BIN)/python benchmarks/bench_batch.py

notebooks: install ## open the notebooks in JupyterLab
	$(BIN)/pip install --quiet -e '.[notebooks]'
	@fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || apt-get install -y -qq fonts-noto-cjk 2>/dev/null \
	  || echo "For Chinese labels in the plots, install a CJK font: apt-get install fonts-noto-cjk"
	$(BIN)/jupyter lab notebooks/

lexicon: install   ## relearn the bundled RU–ZH word lexicon (align/data) from the UN test set with eflomal
	$(BIN)/pip install --quiet -e '.[lexicon]'
	$(BIN)/python -m ruzh.align.lexicon ../shared/data/unpc-v1.0-testsets/testset

clean:
	rm -rf $(VENV) $(OUT) .pytest_cache build *.egg-info
