# Two commands do all the set-up: `make serve` and `make test` (see README.md).
# The virtual environment is created on first use and refreshed when the pins change.
#
# The site is built in plain steps, the same for MkDocs and Zensical (no MkDocs hooks):
#   1. `python -m mathreg figures docs/figures`  draws the figures (skipped while the sources
#      are unchanged);
#   2. the builder converts the pages; formulas are typeset to SVG as they are converted;
#   3. `python -m mathreg.site.check DIR`  fails the build on a failed executed block or a
#      formula left as TeX, whichever builder ran.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
FIGURES := docs/figures
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve figures build zensical test test-zensical lint check bench bench-deps clean

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[docs,test]'
	touch $(STAMP)

figures: $(STAMP)
	$(BIN)/python -m mathreg figures $(FIGURES)

# Live reload: edits to docs/ and mathreg/ rebuild the pages (formulas included); figures are
# drawn when the server starts.
serve: figures
	$(BIN)/mkdocs serve --strict --dev-addr 127.0.0.1:8000

build: figures
	$(BIN)/mkdocs build --strict --site-dir site
	$(BIN)/python -m mathreg.site.check site

# Zensical (Material's successor) from the same mkdocs.yml, into site-zensical/.
zensical: figures
	MATHREG_SITE_DIR=site-zensical $(BIN)/zensical build --clean --strict
	$(BIN)/python -m mathreg.site.check site-zensical

test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/python -m mathreg check
	$(MAKE) --no-print-directory build
	$(BIN)/python -m pytest

# Run by CI (.ci/run) after `make test`: both builders, compared page by page.
test-zensical: zensical
	MATHREG_ZENSICAL=1 $(BIN)/python -m pytest tests/test_site_builders.py

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

# PyTorch alone (the `bench` extra), for tests/test_pytorch.py; .ci/run makes CI run them.
bench-deps: $(BENCH_STAMP)

bench: $(STAMP)
	@$(MAKE) --no-print-directory $(BENCH_STAMP) || \
		echo "make bench: could not install the bench extra (torch); timing without it"
	env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE $(BIN)/python benchmarks/run.py

clean:
	rm -rf site site-zensical .cache .pytest_cache .hypothesis
