# Shared Space: `make run` to try it, `make test` to check it. GNU make.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= $(shell command -v python3.11 >/dev/null 2>&1 && echo python3.11 || echo python3)
VENV := .venv
HOST ?= 127.0.0.1
PORT ?= 8000
# Extra pytest arguments, e.g. make test PYTEST_ARGS="-k ledger -x" (the suite runs on every core)
PYTEST_ARGS ?=
BIN := $(VENV)/bin
# apt needs root: use sudo only when we are not root and sudo is there.
SUDO := $(shell [ "$$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1 && echo sudo)

# What WeasyPrint (PDF reports) needs from Debian 12.
WEASYPRINT_DEBS := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libharfbuzz-subset0 \
	libfontconfig1 fonts-dejavu-core shared-mime-info

# Install the Debian packages named in $(1) that are not installed yet; apt-get update only then.
define apt_install
	missing=""; \
	for p in $(1); do \
		dpkg-query -W -f='$${Status}' "$$p" 2>/dev/null | grep -q 'install ok installed' \
			|| missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
		if ! command -v apt-get >/dev/null 2>&1; then \
			echo "Please install these Debian packages (or your system's equivalents):$$missing" >&2; \
			exit 1; \
		fi; \
		echo "Installing Debian packages:$$missing"; \
		$(SUDO) apt-get update -qq; \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq -o Dpkg::Use-Pty=0 --no-install-recommends $$missing; \
	fi
endef

.PHONY: help run test lint fmt bench clean lock system-deps browser .venv node_modules

help:
	@echo "make run    install everything, load the demo, serve on http://127.0.0.1:8000"
	@echo "make test   install what the tests need, lint, run the whole suite"
	@echo "make lint   ruff, import-linter contracts, mypy"
	@echo "make fmt    format and fix what ruff can"
	@echo "make bench  run the benchmarks in bench/"
	@echo "make lock   re-pin requirements*.lock from pyproject.toml"
	@echo "make clean  remove the virtualenv, node_modules, caches and ./var"

# ---------------------------------------------------------------- installs

.venv: $(VENV)/.installed

$(VENV)/.installed: requirements.lock requirements-dev.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

node_modules: node_modules/.installed

node_modules/.installed: $(wildcard package.json package-lock.json)
	@if [ -f package.json ]; then \
		npm ci --no-audit --no-fund && touch $@; \
	else \
		echo "No package.json yet: nothing to install with npm."; \
	fi

system-deps:
	@$(call apt_install,$(WEASYPRINT_DEBS))

# Debian's Chromium for the browser tests; GNU gettext for the test that the Welsh catalogue
# holds every marked string.
browser:
	@if [ ! -x /usr/bin/chromium ]; then $(call apt_install,chromium); fi
	@if ! command -v xgettext >/dev/null 2>&1; then $(call apt_install,gettext); fi

# ---------------------------------------------------------------- use

# The printed sign-in links and emailed ones point at the address served (make run PORT=8080).
run: export SHAREDSPACE_BASE_URL ?= http://$(HOST):$(PORT)
run: .venv node_modules system-deps
	$(BIN)/sharedspace demo
	$(BIN)/sharedspace serve --host $(HOST) --port $(PORT)

test: .venv node_modules system-deps browser lint
	$(BIN)/pytest -n auto --durations=25 $(PYTEST_ARGS)

# mypy's Django plugin loads the settings, which make a data folder: keep that out of ./var.
lint: .venv
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	tmp="$$(mktemp -d)"; trap 'rm -rf "$$tmp"' EXIT; SHAREDSPACE_DATA_DIR="$$tmp" $(BIN)/mypy

fmt: .venv
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: .venv
	@if [ -f bench/run.py ]; then \
		$(BIN)/python bench/run.py; \
	else \
		shopt -s nullglob; files=(bench/*.py); \
		if [ $${#files[@]} -eq 0 ]; then echo "No benchmarks in bench/ yet."; fi; \
		for f in "$${files[@]}"; do echo "== $$f"; $(BIN)/python "$$f"; done; \
	fi

lock:
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check uv
	$(BIN)/uv pip compile --quiet --python-version 3.11 pyproject.toml -o requirements.lock
	$(BIN)/uv pip compile --quiet --python-version 3.11 --extra dev pyproject.toml -o requirements-dev.lock

clean:
	rm -rf $(VENV) node_modules var .pytest_cache .mypy_cache .ruff_cache .hypothesis \
		.import_linter_cache build dist *.egg-info
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
