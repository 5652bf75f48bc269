# Two commands for a newcomer: `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
# DEBUG is on for the local demo only (it allows the development SECRET_KEY).
RUN_ENV := DEBUG=$${DEBUG:-true}

.PHONY: run test install install-dev migrate demo lint messages clean bench

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

install: $(BIN)/python
	$(BIN)/pip install --quiet -e .

install-dev: $(BIN)/python
	$(BIN)/pip install --quiet -e ".[dev]"

# A local .env for development: DEBUG on, so the built-in development key is allowed
# and plain `.venv/bin/python manage.py …` works too. Never used by tests or CI.
.env:
	printf '# Local development settings (see .env.example). Not for production.\nDEBUG=true\n' > .env

migrate: install .env
	$(RUN_ENV) $(BIN)/python manage.py migrate --noinput

demo: migrate
	$(RUN_ENV) $(BIN)/python manage.py load_demo
	$(RUN_ENV) $(BIN)/python manage.py create_admin

run: demo
	$(RUN_ENV) $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

test: install-dev
	$(BIN)/ruff check .
	$(BIN)/python manage.py check --settings=tests.settings
	$(BIN)/python manage.py makemigrations --check --dry-run --settings=tests.settings
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# Benchmarks (docs/benchmarks.md), by hand, never in `make test`: the public pages under
# gunicorn driven by wrk, as ratios to the framework floor, then the search latency, both on
# the generated data set in BENCH_DATABASE_URL (PostgreSQL; created and filled if needed).
BENCH_DATABASE_URL ?= postgres://newsroom@127.0.0.1:5432/newsroom_bench
bench: install-dev
	BENCH_DATABASE_URL='$(BENCH_DATABASE_URL)' $(BIN)/python -m bench.pages
	ENV_FILE=/dev/null DEBUG=true DATABASE_URL='$(BENCH_DATABASE_URL)' $(BIN)/python -m bench.search_latency

lint: install-dev
	$(BIN)/ruff check .

clean:
	rm -rf $(VENV) .pytest_cache .test-media
