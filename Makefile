# Two entry points for a fresh machine with Python 3.11+:
#   make demo  - set up .venv and build the demo news site (example_site/)
#   make test  - set up .venv, install headless Chromium, run the whole test suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
DEMO_OUT := example_site/_build/html
# apt-get needs root; use sudo when we are not root and it exists.
SUDO := $(shell [ "$$(id -u)" = 0 ] || command -v sudo)
CHROMIUM ?= /usr/bin/chromium

.PHONY: demo test jekyll-oracle browser bench bench-quick bench-instructions bench-raw-html bench-scale bench-ci bench-j2 bench-search lighthouse npm-available clean

$(INSTALLED): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $@

demo: $(INSTALLED)
	$(BIN)/sphinx-build -W --keep-going -b html example_site $(DEMO_OUT)
	@echo "Demo site built: open $(DEMO_OUT)/index.html"

# Headless Chromium for the browser tests, Java for the Nu HTML Checker.
browser:
	@test -x $(CHROMIUM) && command -v java >/dev/null || { $(SUDO) apt-get update -qq && \
	  $(SUDO) apt-get install -y -qq chromium default-jre-headless; }

test: $(INSTALLED) browser
	$(BIN)/ruff check sphinx_newsposts tests
	NEWSPOSTS_CHROMIUM=$(CHROMIUM) $(BIN)/python -m pytest

# Record what Jekyll 4 shows of the Jekyll test sites (tests/fixtures/README.md); tests never run Jekyll.
jekyll-oracle: $(INSTALLED)
	@command -v jekyll >/dev/null || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq jekyll; }
	$(BIN)/python scripts/record_jekyll_oracle.py

# Benchmarks against bare Sphinx + MyST and plain ABlog (see benchmarks/README.md).
bench: $(INSTALLED)
	$(BIN)/python benchmarks/run.py --posts 1000 --repeat 5

# Clean builds, serial and -j 2, each against bare Sphinx with the same collector setting (on and off),
# 5 interleaved rounds, then side by side on the two cores
# (about 30 minutes on 2 cores; run it on a quiet machine).
bench-j2: $(INSTALLED)
	$(BIN)/python benchmarks/run.py --posts 1000 --repeat 5 --clean-only --tools bare,bare-gc-freeze,newsposts,newsposts-gc-off --json benchmarks/results/bench-j2.json

bench-quick: $(INSTALLED)
	$(BIN)/python benchmarks/run.py --posts 100 --repeat 1

# Clean build time per post at 1,000, 3,000 and 10,000 posts, bare Sphinx + MyST against sphinx-newsposts:
# a cost that grows faster than the number of posts shows (one build per tool and size, one after the
# other, then side by side on the two cores; about 22 minutes).
bench-scale: $(INSTALLED)
	$(BIN)/python benchmarks/scale.py --sizes 1000,3000,10000

# A CI build: fresh checkout (every source file newer), one post edited, build folder restored from
# a cache; against a local edit rebuild (1,000 posts, medians of 3 rounds; about 6 minutes).
bench-ci: $(INSTALLED)
	$(BIN)/python benchmarks/ci_rebuild.py --posts 1000 --repeat 3

# Instructions executed per clean build: the same in every run, unlike wall time (needs valgrind).
bench-instructions: $(INSTALLED)
	$(BIN)/python benchmarks/instructions.py --posts 1000 --tools bare,bare-gc-freeze,newsposts,newsposts-sphinx-search,newsposts-gc-off,bare-furo,bare-furo-gc-freeze,newsposts-furo

# What sanitizing raw HTML in posts costs: newsposts_raw_html "sanitize" against "trust" (about 3 minutes).
bench-raw-html: $(INSTALLED)
	$(BIN)/python benchmarks/raw_html.py --posts 200 --repeat 5

# What one search costs a reader (bytes of one query) and the build, Sphinx's search against Pagefind,
# each query run in headless Chromium (about 1 minute at 1,000 posts, 4 at 3,000).
bench-search: $(INSTALLED) browser
	$(BIN)/python benchmarks/search_bytes.py --posts 1000,3000

# What pages cost a reader on a phone: Lighthouse (installed once with npm into ~/.cache) against a
# 41-post site with photo teasers, served as GitHub Pages serves it (3-4 minutes).
# LIGHTHOUSE_ARGS="--runs 1 --pages home --keep" measures less, or keeps the site and the reports.
LIGHTHOUSE_ARGS ?= --runs 3
lighthouse: npm-available $(INSTALLED) browser
	CHROME_PATH=$(CHROMIUM) $(BIN)/python benchmarks/lighthouse.py $(LIGHTHOUSE_ARGS)

npm-available:
	@command -v npm >/dev/null || { echo "make lighthouse needs Node.js 18+ and npm (Debian: apt-get install npm)" >&2; exit 1; }

clean:
	rm -rf $(VENV) $(DEMO_OUT) .pytest_cache

# The documentation (docs/), built with the extension itself as Read the Docs builds it:
# nitpicky, every warning an error. (.PHONY: a folder named docs exists.)
.PHONY: docs
docs: $(INSTALLED)
	$(BIN)/sphinx-build -nW --keep-going -b html docs docs/_build/html
	@echo "Documentation built: open docs/_build/html/index.html"
