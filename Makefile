# Regioportaal: run, test and lint on a fresh Debian 12 machine (Python 3.11 as python3).
#   make run    - the embedded default (SQLite under var/, no Redis) with the demo, on http://127.0.0.1:8000/
#   make test   - the whole test suite, browser tests in Debian's Chromium included
#   make lint   - ruff, the migrations check, the import-graph check and the translation check
#   make worker / make beat - Celery (needs REDIS_URL)

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := run

PYTHON3 ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
MANAGE := $(PY) manage.py
# Where `make run` serves; .ci/run passes a free port.
RUN_ADDR ?= 127.0.0.1:8000
# Parallel test processes (pytest-xdist); PYTEST_WORKERS=0 runs in one process.
PYTEST_WORKERS ?= 2
PYTEST_ARGS ?=
CHROMIUM := /usr/bin/chromium
AXE := node_modules/axe-core/axe.min.js

.PHONY: venv run test lint worker beat chromium node-modules bench wrk

venv: $(STAMP)

$(PY):
	$(PYTHON3) -m venv $(VENV)

# Re-installs only when pyproject.toml or constraints.txt is newer than the stamp.
$(STAMP): pyproject.toml constraints.txt | $(PY)
	$(PY) -m pip install --disable-pip-version-check -q -e '.[dev]' -c constraints.txt
	touch $(STAMP)

run: venv
	mkdir -p "$${VAR_DIR:-var}"
	$(MANAGE) migrate --noinput
	$(MANAGE) load_demo > /dev/null
	$(MANAGE) load_opgaven_demo
	$(MANAGE) load_programmas_demo
	$(MANAGE) load_vergaderingen_demo
	$(MANAGE) load_notities_demo
	$(MANAGE) load_raad_demo
	$(MANAGE) reindex_zoeken
	@echo
	@echo "Regioportaal on http://$(RUN_ADDR)/"
	$(MANAGE) demo_logins
	$(MANAGE) runserver $(RUN_ADDR)

# Debian's Chromium for the browser tests (Playwright cannot download its own here); installed only when absent.
chromium:
	if [ ! -x $(CHROMIUM) ]; then \
		SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
		$$SUDO apt-get update && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y chromium; \
	fi

node-modules:
	if [ ! -f $(AXE) ]; then \
		if [ -f package-lock.json ]; then npm ci --ignore-scripts; else npm install --ignore-scripts; fi; \
	fi

# Celery tasks run in-process during the tests even when REDIS_URL is set: no worker would consume the queue.
test: venv chromium node-modules
	mkdir -p "$${VAR_DIR:-var}"
	DJANGO_ALLOW_ASYNC_UNSAFE=true CELERY_TASK_ALWAYS_EAGER=true $(VENV)/bin/pytest $(if $(filter-out 0,$(PYTEST_WORKERS)),-n $(PYTEST_WORKERS)) $(PYTEST_ARGS)

lint: venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(MANAGE) makemigrations --check --dry-run
	$(PY) scripts/check_imports.py
	$(PY) scripts/check_translations.py

worker: venv
	$(VENV)/bin/celery -A regioportaal worker -l info

beat: venv
	mkdir -p "$${VAR_DIR:-var}"
	$(VENV)/bin/celery -A regioportaal beat -l info --schedule "$${VAR_DIR:-var}/celerybeat-schedule"

# Benchmark (docs/performance.md): the full data set on PostgreSQL when a server answers on 127.0.0.1:5432 (database
# BENCH_DATABASE_URL, by default regioportaal_bench, created when missing; DATABASE_URL is never used, so the
# benchmark cannot write into a real database); else a tenth of it on SQLite under var/bench/.
# Served by gunicorn with production settings; every key page measured next to /healthz in the same rounds, warm and
# cold, with wrk; the table, the figures and the chart go to var/bench/.
BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/regioportaal_bench
bench: venv wrk
	mkdir -p var/bench
	export VAR_DIR=var/bench; \
	unset DATABASE_URL; \
	if command -v pg_isready > /dev/null && pg_isready -q -h 127.0.0.1 -p 5432; then \
		SCALE=1; export DATABASE_URL=$(BENCH_DATABASE_URL); \
		createdb -h 127.0.0.1 -U postgres regioportaal_bench 2> /dev/null || true; \
	else \
		SCALE=0.1; echo "No PostgreSQL on 127.0.0.1:5432: SQLite under var/bench/, a tenth of the data set."; \
	fi; \
	$(MANAGE) migrate --noinput -v0; \
	$(PY) -m bench.data --scale $$SCALE; \
	$(PY) scripts/bench.py

# wrk for the benchmark's load, like Chromium: installed only when absent; without it the Python loop measures.
wrk:
	if ! command -v wrk > /dev/null; then \
		SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
		$$SUDO apt-get update && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y wrk \
			|| echo "wrk could not be installed: the benchmark falls back to its Python load loop."; \
	fi
