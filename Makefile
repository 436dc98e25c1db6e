# Two commands for a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 8001
DEMO_DB ?= demo.db

.PHONY: install demo test check clean

# (Re)install when pyproject.toml changes; pip >= 25.1 reads [dependency-groups].
$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=25.1"
	$(BIN)/python -m pip install --quiet -e . --group dev
	touch $@

install: $(VENV)/.installed

demo: install
	$(BIN)/inkoopradar ingest corpora/seed --db $(DEMO_DB)
	$(BIN)/inkoopradar serve --db $(DEMO_DB) --port $(PORT)

test: install
	$(BIN)/python -m pytest

# lint and type-check (CI runs this too)
check: install
	$(BIN)/ruff check pipeline tests benchmarks
	$(BIN)/mypy

clean:
	rm -rf $(VENV) $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm .pytest_cache .hypothesis
