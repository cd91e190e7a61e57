# Two commands do all the set-up: `make serve` and `make test` (see README.md).
# The virtual environment is created on first use and refreshed when the pins change.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: serve build test lint check bench clean

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[docs,test]'
	touch $(STAMP)

serve: $(STAMP)
	$(BIN)/mkdocs serve --strict --dev-addr 127.0.0.1:8000

build: $(STAMP)
	$(BIN)/mkdocs build --strict

test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/python -m mathreg check
	$(BIN)/mkdocs build --strict
	$(BIN)/python -m pytest

check: $(STAMP)
	$(BIN)/python -m mathreg check

# PyTorch (the optional extra "bench") is the baseline of `make bench`; without it the torch
# column says "not installed". OPENBLAS_CORETYPE/OPENBLAS_L2_SIZE, which some machines set for
# old OpenBLAS builds, slow NumPy's: they are unset for this command only (the report names the
# kernel OpenBLAS then runs).
BENCH_STAMP := $(VENV)/.installed-bench

$(BENCH_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[bench]'
	touch $@

bench: $(STAMP)
	@$(MAKE) --no-print-directory $(BENCH_STAMP) || \
		echo "make bench: could not install the bench extra (torch); timing without it"
	env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE $(BIN)/python benchmarks/run.py

clean:
	rm -rf site .pytest_cache .hypothesis
