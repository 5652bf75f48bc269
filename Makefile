# Two commands for a newcomer: `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
# DEBUG is on for the local demo only (it allows the development SECRET_KEY).
RUN_ENV := DEBUG=$${DEBUG:-true}

.PHONY: run test install install-dev lock migrate demo lint format messages clean bench bench-admin bench-mailing bench-translations bench-api

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Installs exactly the versions of the lock files, each checked against its hash
# (requirements/*.txt, made from pyproject.toml's ranges by `make lock`). The apps run
# from the checkout: the project itself is not installed.
install: $(BIN)/python
	$(BIN)/pip install --quiet --require-hashes -r requirements/production.txt

install-dev: $(BIN)/python
	$(BIN)/pip install --quiet --require-hashes -r requirements/development.txt

# After changing a dependency in pyproject.toml: resolve again, with hashes, for
# Python 3.11 (uv resolves; pip installs). `make lock UPGRADE=--upgrade` takes the
# newest versions the ranges allow.
lock: $(BIN)/python
	$(BIN)/pip install --quiet "uv==0.13.9"
	$(BIN)/uv pip compile pyproject.toml --python-version 3.11 --generate-hashes \
		--no-header --quiet $(UPGRADE) -o requirements/production.txt
	$(BIN)/uv pip compile pyproject.toml --extra dev --python-version 3.11 --generate-hashes \
		--no-header --quiet $(UPGRADE) -o requirements/development.txt

# A local .env for development: DEBUG on, so the built-in development key is allowed
# and plain `.venv/bin/python manage.py …` works too. Never used by tests or CI.
.env:
	printf '# Local development settings (see .env.example). Not for production.\nDEBUG=true\n' > .env

migrate: install .env
	$(RUN_ENV) $(BIN)/python manage.py migrate --noinput

demo: migrate
	$(RUN_ENV) $(BIN)/python manage.py load_demo
	$(RUN_ENV) $(BIN)/python manage.py create_admin

# The web server and, beside it, the task queue's worker (e-mails, printed to this
# terminal: docs/task-queue.md); Ctrl-C stops both.
run: demo
	@$(RUN_ENV) $(BIN)/python manage.py run_huey & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker' EXIT; \
	$(RUN_ENV) $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# The suite in TEST_JOBS processes (pytest-xdist), each with its own test database;
# tests are handed out one by one in the collection's order, so each process still runs
# the transactional tests (which empty their database) after the others.
# TEST_JOBS=0 runs it in this process.
TEST_JOBS ?= 2
test: lint
	$(BIN)/python -m pytest $(if $(filter-out 0,$(TEST_JOBS)),-n $(TEST_JOBS) --dist load) $(PYTEST_ARGS)

# Benchmarks (docs/benchmarks.md), by hand, never in `make test`: the public pages under
# gunicorn driven by wrk, warm (page cache on) and cold (off), the 304 path and a go-live
# stampede, as ratios to the framework floor, then the search latency; at 5,000 and at
# 100,000 releases, each in its own PostgreSQL database (created and filled if needed).
# BENCH_SIZES=5000 runs the small one only.
BENCH_DATABASE_URL ?= postgres://newsroom@127.0.0.1:5432/newsroom_bench
BENCH_SIZES ?= 5000 100000
bench: install-dev
	@for size in $(BENCH_SIZES); do \
	  url='$(BENCH_DATABASE_URL)'; [ "$$size" = 100000 ] || url="$${url}_$$size"; \
	  BENCH_DATABASE_URL="$$url" BENCH_RELEASES=$$size \
	    BENCH_OUTPUT=bench/results/pages-$$size.json $(BIN)/python -m bench.pages || exit 1; \
	  ENV_FILE=/dev/null DEBUG=true DATABASE_URL="$$url" $(BIN)/python -m bench.search_latency \
	    --output bench/results/search-$$size.json || exit 1; \
	done

# The public API (/api/v1/) under the same load as the pages: release list and detail
# (and ninjs), warm and cold, and the 304 path, as ratios to the framework floor
# (docs/benchmarks.md, *The API*); on the page benchmark's databases, one per size.
# BENCH_SIZES=5000 runs the small one only.
bench-api: install-dev
	@for size in $(BENCH_SIZES); do \
	  url='$(BENCH_DATABASE_URL)'; [ "$$size" = 100000 ] || url="$${url}_$$size"; \
	  BENCH_DATABASE_URL="$$url" BENCH_RELEASES=$$size \
	    BENCH_OUTPUT=bench/results/api-$$size.json $(BIN)/python -m bench.api || exit 1; \
	done

# The change form's time to usable in Chromium (docs/benchmarks.md, *The change form*).
bench-admin: install-dev
	$(BIN)/python -m bench.change_form

# The go-live mailing: 10,000 subscribers, 1 and 2 worker processes, a real SMTP server
# (docs/benchmarks.md, *The go-live mailing*); on a scratch PostgreSQL database.
bench-mailing: install-dev
	$(BIN)/python -m bench.mailing

# What recording translations costs a save of the release change form, and the XLIFF
# export and import (docs/benchmarks.md, *Translations*); a scratch SQLite database.
bench-translations: install-dev
	$(BIN)/python -m bench.translations

# What CI checks besides the tests (make test runs it first).
lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python manage.py check --settings=tests.settings
	$(BIN)/python manage.py makemigrations --check --dry-run --settings=tests.settings

format: install-dev
	$(BIN)/ruff check --select I --fix .
	$(BIN)/ruff format .

# The catalogues of locale/ from the code and templates (then translate, and commit
# the .po files with the .mo files compilemessages makes).
messages: install-dev
	$(RUN_ENV) $(BIN)/python manage.py makemessages -l fr -l nl -l de \
		-i ".venv/*" -i "bench/*" -i "tests/*" -i "staticfiles/*"
	$(RUN_ENV) $(BIN)/python manage.py compilemessages -i .venv

clean:
	rm -rf $(VENV) .pytest_cache .test-media
