# Every target sets up (or reuses) a local virtual environment first, so a fresh
# machine needs only Python 3.11+ and make.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
BASE   := $(VENV)/.base
STAMP  := $(VENV)/.installed
LINT   := $(VENV)/.lint

.PHONY: verify test test-slow lint docs bench derive figures mutate clean

# `make verify` needs the package alone ($(BASE)); `make test` installs it with the extras the tests use (the test
# runner, the figures' packages, the documentation's: a test builds the site) in one pip run, since each run resolves
# and builds the package again (from a fresh clone on a busy 2-core machine: the base alone took 83 s, the extras
# after it 68 s more)
$(BASE): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $(BASE)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,figures,docs]'
	touch $(BASE) $(STAMP)

$(LINT): $(BASE)
	$(BIN)/python -m pip install --quiet -e '.[lint]'
	touch $(LINT)

verify: $(BASE)
	$(BIN)/gdpc verify --json reports/report.json --markdown reports/report.md --latex reports/report.tex

# -n logical: one worker per logical core (`auto` counts physical cores, 1 on a 2-vCPU machine with hyperthreads);
# loadgroup keeps the tests of one xdist_group (the built derivations, tests/built.py) on one worker
PYTEST := $(BIN)/python -m pytest -q -n logical --dist loadgroup

test: $(STAMP)
	$(PYTEST)

# the long end-to-end runs (marked slow): CI runs them after `make test`
test-slow: $(STAMP)
	$(PYTEST) -m slow

# ruff with the rules pinned in pyproject.toml, and mypy on checker/ (the public API and the contexts fully annotated)
lint: $(LINT)
	$(BIN)/ruff check .
	$(BIN)/mypy

# the documentation site in site/, strict: a broken link or reference fails the build (docs/hooks.py generates the
# CLI reference from the parser and the catalogue, architecture, proof notes and mutation pages from their files)
docs: $(STAMP)
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict --quiet

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_gd.py
	$(BIN)/python benchmarks/bench_perceptron.py
	$(BIN)/python benchmarks/bench_margin.py
	$(BIN)/python benchmarks/bench_startup.py

derive: $(BASE)
	$(BIN)/gdpc derive --latex reports/derivations.tex

# mutation testing of the core (quality/mutate.py, cosmic-ray): not part of `make test`; about 10 min per module
mutate: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[mutate]'
	$(BIN)/python quality/mutate.py

figures: $(STAMP)
	$(BIN)/gdpc figures --out reports/figures

clean:
	rm -rf $(VENV) reports build site *.egg-info
