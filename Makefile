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

.PHONY: venv run test lint worker beat chromium node-modules bench

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

# Benchmark on its own database (var/bench/): the demo plus a hundred regions over every municipality, served by
# gunicorn; reports each key page next to a trivial view (/healthz) in the same run, as a ratio.
bench: venv
	mkdir -p var/bench
	VAR_DIR=var/bench $(MANAGE) migrate --noinput -v0
	VAR_DIR=var/bench $(MANAGE) load_demo > /dev/null
	VAR_DIR=var/bench $(MANAGE) load_opgaven_demo > /dev/null
	VAR_DIR=var/bench $(MANAGE) load_programmas_demo > /dev/null
	VAR_DIR=var/bench $(MANAGE) build_bench_data
	VAR_DIR=var/bench $(PY) scripts/bench.py
