# Two commands do all set-up on a fresh machine:
#   make run    set up .venv, install Vigil, start it with demo data
#   make test   set up .venv, install Vigil and its test tools, run every test
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test lint bench score clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/vigil serve --demo

test: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/pytest

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

score: $(STAMP)
	$(PYTHON) ../shared/tools/score_cases.py --vigil "$(BIN)/vigil" --show-misses ../shared/examples

bench: $(STAMP)
	$(BIN)/python bench/bench_assess.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis
