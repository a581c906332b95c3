# Quote Atlas: `make run` starts the dashboard on the bundled article, `make test` runs every test.
# Both create .venv in the project root and install everything on a machine that has nothing.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PORT   ?= 8501
STORE  ?= data/store

.PHONY: run test setup setup-dev chromium store lint bench clean

$(VENV)/.runtime: requirements.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	@touch $@

$(VENV)/.dev: requirements-dev.txt requirements.txt $(VENV)/.runtime
	$(PY) -m pip install --quiet -r requirements-dev.txt
	@touch $@

setup: $(VENV)/.runtime

setup-dev: $(VENV)/.dev chromium

## Debian's Chromium for the browser tests (never `playwright install`: it downloads its own).
chromium:
	@if [ ! -x /usr/bin/chromium ]; then \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq chromium fonts-liberation >/dev/null; \
	fi

## Precompute the bundled seed article into an empty store; an existing store keeps its articles
## and only those an older analysis version produced are re-analysed (`refresh`).
store: setup
	@if [ -d "$(STORE)/batches" ] && [ -n "$$(ls -A $(STORE)/batches)" ]; then \
	  $(PY) -m analysis refresh --out $(STORE); else $(PY) -m analysis build --out $(STORE); fi

run: store
	QUOTE_ATLAS_STORE=$(STORE) $(PY) -m streamlit run dashboard.py --server.port $(PORT) \
	  --server.headless true --browser.gatherUsageStats false

test: setup-dev
	$(PY) -m ruff check .
	$(PY) -m pytest

lint: $(VENV)/.dev
	$(PY) -m ruff check .

## The accuracy benchmarks, one after the other (speed ones: see benchmarks/README.md).
bench: $(VENV)/.dev
	$(PY) benchmarks/quotes_polnear.py
	$(PY) benchmarks/quotes_peer_cases.py
	$(PY) benchmarks/country_cases.py
	$(PY) benchmarks/ner_conll.py --product
	$(PY) benchmarks/keyphrases_duc.py

clean:
	rm -rf $(VENV) $(STORE)
