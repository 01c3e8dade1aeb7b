# The two commands of the README:
#   make run    set up, build the index if missing, serve the UI on http://127.0.0.1:7860
#   make test   set up (with Chromium for the browser test), lint, run every test
.PHONY: setup setup-test run test lint eval bench clean-index

VENV := .venv
BIN := $(VENV)/bin

setup:
	scripts/setup.sh

setup-test:
	scripts/setup.sh --browser

run: setup
	$(BIN)/assistant ui

test: setup-test lint
	$(BIN)/python -m pytest

lint:
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

eval: setup
	$(BIN)/assistant eval

bench: setup
	$(BIN)/python benchmarks/run.py

clean-index:
	find index -mindepth 1 ! -name README.md -exec rm -rf {} +
