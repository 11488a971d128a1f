# Worker Centre. `make run` starts the demo; `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
# `make run PORT=8001` serves the demo there; links in e-mails follow (SITE_URL).
PORT ?= 8000
STAMP := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)

.PHONY: install messages run test lint bench mutation clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test]"
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

install: $(STAMP) messages

# Compile the translation catalogues: with GNU gettext when it is there, otherwise with polib.
messages: $(STAMP)
	@if command -v msgfmt >/dev/null 2>&1; then \
		$(PY) manage.py compilemessages --ignore=.venv --verbosity 0; \
	else \
		$(PY) bin/compile_messages.py; \
	fi

run: install
	mkdir -p var
	$(PY) manage.py migrate --no-input
	$(PY) manage.py load_demo
	PORT=$(PORT) bin/run-local

test: install
	$(PY) -m pytest

# Needs DATABASE_URL (PostgreSQL); loads the design-scale data once (bench/load.py).
# `make bench BENCH_ARGS="--scale 0.02"` for a quick run on an empty database.
bench: install
	$(PY) -m pip install --quiet -e ".[test,bench]"
	$(PY) bench/run.py $(BENCH_ARGS)

# Mutation testing of the rules modules (bin/mutation): by hand, never in CI; about an hour.
mutation: install
	$(PY) bin/mutation $(MUTATION_ARGS)

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

clean:
	rm -rf $(VENV) var
