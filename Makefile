# Sonoma County Peer Council website. Follows Pelican's quickstart Makefile; `make help` lists
# the targets. Every target sets up .venv from requirements.txt first when it is missing or stale.

PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PYTHON := $(BIN)/python

BASEDIR = $(CURDIR)
INPUTDIR = $(BASEDIR)/content
OUTPUTDIR = $(BASEDIR)/output
CONFFILE = $(BASEDIR)/pelicanconf.py
PUBLISHCONF = $(BASEDIR)/publishconf.py

# The published site's address (publishconf.py reads it from the environment).
export SITEURL

PORT ?= 8000
BIND ?= 127.0.0.1

# Every build goes through build_report: it runs Pelican and ends with a summary of errors,
# warnings and (under check) drafts. Plain log lines keep `path:line: error: …` intact.
BUILD = $(PYTHON) -m build_report
PELICANOPTS ?=
PELICAN_ARGS = $(INPUTDIR) -o $(OUTPUTDIR) --log-handler plain $(PELICANOPTS)

SETUP := $(VENV)/.installed

.PHONY: help html regenerate clean serve devserver newpage publish check check-external review lint test test-fast bench lighthouse lock

help: ## List the targets
	@echo 'Sonoma County Peer Council website. Usage: make <target>'
	@echo
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/^([a-z-]+):.*## (.*)/  \1|\2/' | awk -F'|' '{printf "  %-17s %s\n", $$1, $$2}'
	@echo
	@echo 'Quick start: make html, then make test.'

# The Pelican plugins published as distributions of their own (plugins/pelican-*/, each with its
# pyproject.toml). requirements.txt installs them from their folders like any user would (not
# editable), and an edit to any of their files installs them again.
PACKAGES := $(wildcard plugins/pelican-*)
PACKAGE_FILES := $(shell find $(PACKAGES) -type f -not -path '*/__pycache__/*' -not -path '*/.pdm-build/*' -not -path '*/.pytest_cache/*' -not -path '*/build/*' -not -path '*/dist/*' 2>/dev/null)

# The one way this project's own code is importable: a .pth file in the virtual environment puts
# plugins/ (the site's Pelican plugins) and tools/ (the commands and the shared sitelib) on its
# path, for Pelican, the commands and the tests alike. The packages above are installed instead.
$(SETUP): requirements.txt $(PACKAGE_FILES)
	@test -x $(PYTHON) || $(PY) -m venv $(VENV)
	$(PYTHON) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(PYTHON) -m pip install --quiet --disable-pip-version-check --no-deps --force-reinstall $(addprefix ./,$(PACKAGES))
	@printf '%s\n' "$(CURDIR)/plugins" "$(CURDIR)/tools" > "$$($(PYTHON) -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')/peer-council.pth"
	@touch $@

html: $(SETUP) ## Set up if needed, then build the site into output/
	$(BUILD) $(PELICAN_ARGS) -s $(CONFFILE)

# The live preview's watcher without its server: unlike `pelican -r` it also rebuilds when a
# data file (the glossary's YAML, the theme's strings) is saved.
regenerate: $(SETUP) ## Rebuild output/ whenever a file changes, data files included (no server)
	$(PYTHON) -m devserver $(INPUTDIR) $(OUTPUTDIR) --settings $(CONFFILE) --no-server

clean: ## Remove the built site, the published runs and caches
	rm -rf $(OUTPUTDIR) $(dir $(OUTPUTDIR)).publish-$(notdir $(OUTPUTDIR)) $(OUTPUTDIR).new $(OUTPUTDIR).old $(OUTPUTDIR).check $(BASEDIR)/cache

serve: $(SETUP) ## Serve output/ at http://127.0.0.1:8000 (BIND=, PORT= to change)
	$(PYTHON) -m pelican -l $(PELICAN_ARGS) -s $(CONFFILE) -b $(BIND) -p $(PORT)

# One process (tools/devserver): watchfiles sees a save at once, Pelican's content cache reads
# only the changed file again, and livereload refreshes the open tab.
devserver: $(SETUP) ## Rebuild on change and live-reload the browser at http://127.0.0.1:8000
	$(PYTHON) -m devserver $(INPUTDIR) $(OUTPUTDIR) --settings $(CONFFILE) --host $(BIND) --port $(PORT)

# SECTION and TITLE reach newpage.py through the environment, exactly as typed: never in the
# recipe's shell line (where `backticks` and $(…) in a title would run) and never expanded by
# make (where $(shell …) would). `override … := $(value …)` keeps the raw text.
override SECTION := $(value SECTION)
override TITLE := $(value TITLE)
export SECTION TITLE

newpage: $(SETUP) ## Start a draft page: make newpage SECTION=resources TITLE="Housing help"
	@$(PYTHON) -m front_matter.newpage --content $(INPUTDIR)

# Into a folder of its own, emptied first, so no file a previous build left in output/ (a page
# since deleted) is ever judged, and output/ (perhaps the published site) is never touched.
CHECKDIR = $(OUTPUTDIR).check
check: $(SETUP) ## Strict build plus every validator into a clean output.check/; non-zero exit on any error (CI runs this)
	rm -rf $(CHECKDIR)
	$(BUILD) --strict --list-drafts $(INPUTDIR) -o $(CHECKDIR) --log-handler plain $(PELICANOPTS) -s $(CONFFILE)

# The one check that needs the internet, so never part of `make check`. Answers are cached in
# cache/links.json for a day; LINK_CHECKER in pelicanconf.py lists the addresses to leave alone.
check-external: html ## Check the links to other sites too (needs the internet)
	$(PYTHON) -m pelican.plugins.link_checker --external --settings $(CONFFILE) $(OUTPUTDIR)

# tools/publish.py: one publish at a time (a lock), a private folder per run for the strict
# build, and one atomic step to swap it in: $(OUTPUTDIR) becomes a link to the newest run's
# folder under .publish-output/. A failing, interrupted or concurrent build never leaves a
# missing or half-built site where the deployment would pick it up.
publish: $(SETUP) ## Build for production (SITEURL=https://…); swaps into output/ only if all checks pass
	@$(PYTHON) -m publish --settings $(PUBLISHCONF) $(INPUTDIR) $(OUTPUTDIR) $(PELICANOPTS)

# Pages whose facts are due for a new check against their sources (plugins/fact_review): a
# reminder, never a failure. In GitHub Actions the same list goes to the step summary.
review: $(SETUP) ## List the pages whose facts are due (or due within 30 days) for a new check
	$(PYTHON) -m fact_review --settings $(CONFFILE) $(REVIEWOPTS) $(INPUTDIR)

# ruff checks the Python code with the rules in ruff.toml; zizmor audits the GitHub workflows and Dependabot's
# settings (offline: no question to GitHub's API), and anything at medium or above fails. Both run even when the
# first finds something, so one run lists every finding; the target fails if either did.
lint: $(SETUP) ## Check the Python code with ruff and audit the GitHub workflows with zizmor
	@status=0; \
	$(BIN)/ruff check . || status=1; \
	$(BIN)/zizmor --offline --min-severity medium .github/ || status=1; \
	exit $$status

test: $(SETUP) ## Set up if needed, then run the whole test suite
	$(PYTHON) -m pytest

# The engine's tests alone: fixture sites, no browser, not the real content (tests/conftest.py
# marks each test's lane from the fixtures it uses), nor the extra cases marked slow. On every
# core (pytest-xdist; `make test-fast PYTESTOPTS=` runs them in one process). For a quick loop while changing code.
PYTESTOPTS ?= -n auto
test-fast: $(SETUP) ## The engine's tests only (no browser, no real content): under a minute
	$(PYTHON) -m pytest -m "not browser and not content and not slow" -q $(PYTESTOPTS)

# Generates sites of 100, 1,000 and 5,000 pages in memory (/dev/shm; else bench/sites/) and builds each
# several times; about ten minutes on two cores.
bench: $(SETUP) ## Build generated 100/1,000/5,000-page sites; figures into bench/RESULTS.md
	$(PYTHON) bench/run.py

# Optional: needs Node.js (npx fetches the pinned Lighthouse on first use) and Chromium.
LIGHTHOUSE_VERSION ?= 12.8.2
CHROME_PATH ?= /usr/bin/chromium
lighthouse: html ## Lighthouse scores (mobile) of three pages into bench/LIGHTHOUSE.md (needs Node.js)
	CHROME_PATH=$(CHROME_PATH) $(PYTHON) bench/lighthouse.py --lighthouse-version $(LIGHTHOUSE_VERSION) $(OUTPUTDIR)

lock: ## Re-pin requirements.txt from requirements.in in a throwaway venv
	rm -rf .venv-lock && $(PY) -m venv .venv-lock
	.venv-lock/bin/pip install --quiet -r requirements.in
	.venv-lock/bin/pip freeze --exclude-editable > requirements.txt
	printf '%s\n' $(addprefix ./,$(PACKAGES)) >> requirements.txt
	rm -rf .venv-lock
