# Two commands for a newcomer: `make run` and `make test`. Everything else is a step of those.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 8000
PYTEST_ARGS ?=
# Test workers (pytest-xdist): two, as CI has two cores; TEST_WORKERS=0 runs in one process.
TEST_WORKERS ?= 2

.PHONY: install install-dev setup run test lint bench serve lock

# requirements.txt is the compiled runtime set; requirements-dev.txt adds test, bench and dev
# tools. Both are compiled from pyproject.toml (`make lock`).
$(BIN)/.installed: requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

$(BIN)/.installed-dev: $(BIN)/.installed requirements-dev.txt
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $@

install: $(BIN)/.installed

install-dev: $(BIN)/.installed-dev

# Every link the platform writes (e-mails, invoices, certificates) starts with SITE_URL: by
# default the address `make run` serves at, whatever PORT is.
setup run serve: export SITE_URL ?= http://127.0.0.1:$(PORT)

# Migrate, load the course content and the demo data; safe to run again, loses nothing.
# issue_credentials gives a certificate from before credentials existed its Open Badges credential.
setup: install
	@echo "Preparing the database (the first time takes about a minute)..."
	$(BIN)/python manage.py migrate --noinput -v 0
	$(BIN)/python manage.py load_content
	$(BIN)/python manage.py seed_demo
	$(BIN)/python manage.py issue_credentials

run: setup
	@echo "Serving on http://127.0.0.1:$(PORT)/ (Ctrl-C stops it). E-mails the site sends show in this terminal."
	DJANGO_DEBUG=$${DJANGO_DEBUG:-1} $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

test: install-dev
	$(BIN)/python -m pytest -n $(TEST_WORKERS) $(PYTEST_ARGS)

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

# Compile the pinned sets again after a change to pyproject.toml.
lock: install-dev
	$(BIN)/pip-compile --quiet --strip-extras --no-emit-index-url --no-emit-find-links --output-file requirements.txt pyproject.toml
	$(BIN)/pip-compile --quiet --strip-extras --no-emit-index-url --no-emit-find-links --extra test --extra bench --extra dev --output-file requirements-dev.txt pyproject.toml

# Benchmarks print their figures (they need Redis on 127.0.0.1:6379 for the Celery worker). The load
# benchmark fails when a page is worse than tests/bench/baseline.json says (BENCH_UPDATE_BASELINE=1 rewrites it).
bench: install-dev
	mkdir -p var
	$(BIN)/python tests/bench/bench_certificates.py | tee var/bench-certificates.txt
	$(BIN)/python tests/bench/bench_reports.py | tee var/bench-reports.txt
	$(BIN)/python tests/bench/bench_diff.py | tee var/bench-diff.txt
	$(BIN)/python tests/bench/bench_markdown.py | tee var/bench-markdown.txt
	bash -o pipefail -c '$(BIN)/python tests/bench/bench_load.py | tee var/bench-load.txt'
	bash -o pipefail -c 'LOAD_SCALE=4 $(BIN)/python tests/bench/bench_load.py | tee var/bench-load-4x.txt'

# The production profile on one machine: PostgreSQL, Redis, gunicorn, a Celery worker and
# beat, debugging off, static files collected. Defaults point at this machine's services.
serve: export DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/pd_platform
serve: export CELERY_BROKER_URL ?= redis://127.0.0.1:6379/0
serve: export CACHE_URL ?= redis://127.0.0.1:6379/1
serve: export DJANGO_DEBUG = 0
serve: install
	$(BIN)/python -m pd_platform.createdb
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py collectstatic --noinput -v 0
	$(BIN)/python manage.py load_content
	$(BIN)/python manage.py seed_demo
	$(BIN)/python manage.py issue_credentials
	$(BIN)/python manage.py serve_production
