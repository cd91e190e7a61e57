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

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf site .pytest_cache .hypothesis
