# Quote Atlas: `make run` starts the dashboard on the bundled article, `make test` runs every test.
# Both create .venv in the project root and install everything on a machine that has nothing.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PORT   ?= 8501
STORE  ?= data/store
SHARED ?= ../shared
TRAIN  := $(SHARED)/benchmarks/polnear/train
TAGGER ?=
MINILM ?=

.PHONY: run test setup setup-dev chromium store lint bench learned clean

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
	$(PY) -m training.build_first_names --self-check

lint: $(VENV)/.dev
	$(PY) -m ruff check .

## The accuracy benchmarks, one after the other (speed ones: see benchmarks/README.md).
bench: $(VENV)/.dev
	$(PY) benchmarks/quotes_polnear.py
	$(PY) benchmarks/quotes_peer_cases.py
	$(PY) benchmarks/country_cases.py
	$(PY) benchmarks/ner_conll.py --product
	$(PY) benchmarks/keyphrases_duc.py

## Rebuild every generated list and learned model under analysis/data from the shared data, in
## order (training/README.md: what each step reads and writes). The content tagger and the target tone
## model need JAX and the MiniLM base (set-up in training/train_tagger.py) and about two hours: only with TAGGER=1.
learned: $(VENV)/.dev
	$(PY) -m training.build_gazetteer
	@test -f training/out/nomquamgender/name_data.json || { \
	  $(PY) -m pip download --quiet --no-deps nomquamgender==0.1.4 -d training/out && \
	  $(PY) -m zipfile -e training/out/nomquamgender-0.1.4-py3-none-any.whl training/out; }
	$(PY) -m training.build_first_names --name-data training/out/nomquamgender/name_data.json
	$(PY) -m training.build_keyword_background --shared $(SHARED)
	$(PY) -m training.learn_cues --split $(TRAIN)
	$(PY) -m training.train_candidate_filter --split $(TRAIN) --c 0.3
	$(PY) -m training.train_attribution_filter --split $(TRAIN) --c 0.3
	$(PY) -m training.train_bounds --split $(TRAIN) --c 1.0
	$(PY) -m training.train_confidence --split $(TRAIN) --c 0.3
	$(PY) -m training.calibrate_confidence --gold $(SHARED)/benchmarks/speakers_dev/gold.json \
	  --scorer $(SHARED)/eval/score_speakers.py
	$(PY) -m training.train_ner_onto --shared $(SHARED)
ifeq ($(TAGGER),1)
	@test -n "$(MINILM)" || { echo "make learned TAGGER=1 needs MINILM=DIR (model.safetensors, tokenizer.json): see training/train_tagger.py"; exit 1; }
	for seed in 0 1; do $(PY) -m training.train_tagger --base $(MINILM) --split $(TRAIN) --seed $$seed \
	  --out training/out/tagger_$$seed.onnx --float-out training/out/tagger_$$seed.npz || exit 1; done
	$(PY) -m training.train_tagger --base $(MINILM) --split $(TRAIN) \
	  --ensemble training/out/tagger_0.npz training/out/tagger_1.npz
	$(PY) -m training.train_tone --base $(MINILM) --train $(SHARED)/benchmarks/tone_newsmtsc/train.jsonl \
	  --dev $(SHARED)/benchmarks/tone_newsmtsc/dev_mt.jsonl --epochs 2.5 --float-out training/out/tone.npz
else
	@echo "content tagger and target tone model NOT retrained (need JAX, optax, onnx and the MiniLM base; about two hours):"
	@echo "  make learned TAGGER=1 MINILM=/tmp/minilm/base   (set-up: training/train_tagger.py)"
endif

clean:
	rm -rf $(VENV) $(STORE)
