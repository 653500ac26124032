# Every target sets up (or reuses) a local virtual environment first, so a fresh
# machine needs only Python 3.11+ and make.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: verify test test-slow bench derive figures mutate clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,figures]'
	touch $(STAMP)

verify: $(STAMP)
	$(BIN)/gdpc verify --json reports/report.json --markdown reports/report.md --latex reports/report.tex

test: $(STAMP)
	$(BIN)/python -m pytest -q -n auto

test-slow: $(STAMP)
	$(BIN)/python -m pytest -q -m slow

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_gd.py
	$(BIN)/python benchmarks/bench_perceptron.py
	$(BIN)/python benchmarks/bench_margin.py
	$(BIN)/python benchmarks/bench_sparse.py

derive: $(STAMP)
	$(BIN)/gdpc derive --latex reports/derivations.tex

# mutation testing of the core (quality/mutate.py, cosmic-ray): not part of `make test`; about 10 min per module
mutate: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[mutate]'
	$(BIN)/python quality/mutate.py

figures: $(STAMP)
	$(BIN)/gdpc figures --out reports/figures

clean:
	rm -rf $(VENV) reports build *.egg-info
