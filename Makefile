# Kliping — the two commands a fresh machine needs: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Two pinned locks: requirements.lock holds what Kliping runs on (`make demo`); requirements-dev.lock adds the
# tools (pytest, ruff, mypy, scikit-learn for training, playwright, ...) and the parquet and ray extras
# (`make test`), at the same versions (it is compiled first, and the runtime lock within it: see `make lock`).
RUNTIME := $(VENV)/.installed
STAMP := $(VENV)/.installed-dev

.PHONY: demo test lint eval gate speed clean lock train-ner train-events

$(RUNTIME): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -r requirements.lock
	$(BIN)/python -m pip install -q --no-deps -e .
	touch $(RUNTIME)

$(STAMP): $(RUNTIME) requirements-dev.lock
	$(BIN)/python -m pip install -q -r requirements-dev.lock
	touch $(STAMP)

demo: $(RUNTIME)
	$(BIN)/kliping analyze examples/pages examples/feed.jsonl --out out/demo
	@echo "Demo report: out/demo/report.json and out/demo/report.html (store: out/demo/kliping.db)"

test: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy
	$(BIN)/pytest -n 2
	$(BIN)/python bench/gate.py

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy

# Slow evaluations on ../shared/data: every table of the README.
eval: $(STAMP)
	$(BIN)/python bench/eval_articles.py
	$(BIN)/python bench/eval_enrich.py
	$(BIN)/python bench/eval_speakers.py
	$(BIN)/python bench/eval_events.py
	$(BIN)/python bench/baseline_events.py
	$(BIN)/python bench/eval_compare.py
	$(BIN)/python bench/eval_polnear.py
	$(BIN)/python bench/eval_event_quotes.py
	$(BIN)/python bench/eval_dedup.py
	$(BIN)/python bench/speed_articles.py
	$(BIN)/python bench/speed_long_records.py
	$(BIN)/python bench/speed_analysis.py
	$(BIN)/python bench/speed_vs_trafilatura.py
	$(BIN)/python bench/stream_events.py --n 30000 --every 10000 --per-day 100
	$(BIN)/python bench/stream_ingest.py --n 30000 --every 10000
	$(BIN)/python bench/store_scale.py --n 300000

# Rebuild the NER model (src/kliping/models/) from ../shared/data/indonlu_ner and print its test scores.
train-ner: $(STAMP)
	$(BIN)/python bench/train_ner.py

# Retrain the event model (src/kliping/models/events.json) on ECB+ dev and detik labels-dev; prints its scores.
train-events: $(STAMP)
	$(BIN)/python bench/train_events.py --cross

gate: $(STAMP)
	$(BIN)/python bench/gate.py

# Re-pin dependencies (needs uv: .venv/bin/pip install uv): the development lock first, then the runtime lock
# constrained to it, so both install the same versions. Existing pins are kept unless pyproject.toml needs others
# (add --upgrade to move them).
lock:
	.venv/bin/uv pip compile pyproject.toml --extra dev --extra parquet --extra ray -o requirements-dev.lock
	.venv/bin/uv pip compile pyproject.toml -c requirements-dev.lock -o requirements.lock

clean:
	rm -rf $(VENV) out .pytest_cache .mypy_cache .ruff_cache
