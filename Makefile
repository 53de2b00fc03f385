# Fördermittel-Matcher: `make run` serves the app, `make test` runs the checks.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PG_URL ?= postgresql+psycopg://postgres@127.0.0.1:5432/test
HOST ?= 127.0.0.1
PORT ?= 5000

AXE := .cache/npm/node_modules/axe-core/axe.min.js

.PHONY: install run test lint pytest pytest-pg clean

install: $(STAMP) $(AXE)

# axe-core for the accessibility checks of the browser tests, served from disk (no CDN).
$(AXE):
	npm install --silent --no-audit --no-fund --prefix .cache/npm axe-core@4 || \
		echo "axe-core not installed: the accessibility checks will be skipped"

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

run: install
	$(BIN)/funding-matcher db upgrade
	$(BIN)/funding-matcher catalogue load
	$(BIN)/funding-matcher serve --host $(HOST) --port $(PORT)

lint: install
	$(BIN)/ruff check funding_matcher tests benchmarks
	$(BIN)/ruff format --check funding_matcher tests benchmarks

# pytest-xdist: one worker per core, each with its own database (conftest.py).
pytest: install
	$(BIN)/pytest -q -n auto --dist worksteal

# The same suite against PostgreSQL when it is reachable (or TEST_DATABASE_URL is set).
pytest-pg: install
	@url="$${TEST_DATABASE_URL:-}"; \
	if [ -z "$$url" ] && $(BIN)/python -c "import psycopg; psycopg.connect('postgresql://postgres@127.0.0.1:5432/test', connect_timeout=3).close()" 2>/dev/null; then \
		url="$(PG_URL)"; fi; \
	if [ -n "$$url" ]; then echo "== pytest on PostgreSQL"; TEST_DATABASE_URL="$$url" $(BIN)/pytest -q -n auto --dist worksteal; \
	else echo "== PostgreSQL not reachable: skipping the PostgreSQL run"; fi

test: lint pytest pytest-pg

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .cache
