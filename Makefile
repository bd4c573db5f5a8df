# Two commands for a newcomer: `make run` and `make test`. Both are safe to re-run.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
INSTALLED := $(VENV)/.installed
LANGUAGES := de en tr ar uk

.PHONY: run serve install test lint check pytest chromium node-tools messages bench clean

run: install  ## Install, migrate SQLite, load demo content, print admin login, serve :8000
	$(MANAGE) migrate --noinput
	$(MANAGE) load_demo
	$(MANAGE) ensure_admin
	$(MANAGE) runserver 127.0.0.1:8000

serve: install  ## The production configuration here: gunicorn, task worker, whitenoise (Ctrl-C stops)
	scripts/serve

install: $(INSTALLED)

$(INSTALLED): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11) and "Python 3.11 is required (set PYTHON=...)")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $@

test: install chromium node-tools lint check pytest  ## The whole suite, as CI runs it

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

check: install
	DJANGO_SETTINGS_MODULE=portal.settings.test $(MANAGE) check --fail-level WARNING
	DJANGO_SETTINGS_MODULE=portal.settings.test $(MANAGE) makemigrations --check --dry-run

# On every CPU (pytest-xdist; PYTEST_WORKERS=0 runs in one process). Tests that share an
# expensive fixture stay on one worker (xdist_group, see conftest.py).
PYTEST_WORKERS ?= auto
pytest: install
	$(BIN)/pytest -n $(PYTEST_WORKERS) --dist loadgroup $(PYTEST_ARGS)

chromium:
	scripts/ensure-chromium

node-tools:  ## node, ical.js and node-ical for the interop tests (tests/interop)
	scripts/ensure-node-tools

messages: install  ## Refresh the UI catalogues after changing strings, then translate them
	$(MANAGE) makemessages --no-obsolete --ignore=.venv --ignore=tests $(foreach l,$(LANGUAGES),-l $(l))
	$(MANAGE) compilemessages --ignore=.venv

bench: install node-tools  ## Benchmarks (not part of `make test`): they print their figures
	# SQL queries per page type on the demo content, SQLite and PostgreSQL
	DATABASE_URL= $(BIN)/pytest tests/test_queries_per_page.py -q -s -n 0
	DATABASE_URL=$${BENCH_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/test} \
	  $(BIN)/pytest tests/test_queries_per_page.py -q -s -n 0
	$(BIN)/python bench/calendar_feed.py
	$(BIN)/python bench/documents.py
	# seeds a large site on PostgreSQL, loads it through gunicorn, then runs
	# bench/registration_load.py against PostgreSQL (BENCH_SCALE=0.1 for a quick run)
	$(BIN)/python bench/large_site.py

clean:
	rm -rf $(VENV) db.sqlite3* db.test.sqlite3* media staticfiles .local .pytest_cache
