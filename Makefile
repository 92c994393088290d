# Kliping — the two commands a fresh machine needs: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint eval gate speed clean lock train-ner train-events

$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -r requirements.lock
	$(BIN)/python -m pip install -q --no-deps -e .
	touch $(STAMP)

demo: $(STAMP)
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
	$(BIN)/python bench/eval_compare.py
	$(BIN)/python bench/eval_polnear.py
	$(BIN)/python bench/eval_event_quotes.py
	$(BIN)/python bench/eval_dedup.py
	$(BIN)/python bench/speed_articles.py
	$(BIN)/python bench/speed_long_records.py
	$(BIN)/python bench/speed_analysis.py

# Rebuild the NER model (src/kliping/models/) from ../shared/data/indonlu_ner and print its test scores.
train-ner: $(STAMP)
	$(BIN)/python bench/train_ner.py

# Retrain the event model (src/kliping/models/events.json) on ECB+ dev and detik labels-dev; prints its scores.
train-events: $(STAMP)
	$(BIN)/python bench/train_events.py --cross

gate: $(STAMP)
	$(BIN)/python bench/gate.py

# Re-pin dependencies (needs uv: pip install uv).
lock:
	.venv/bin/uv pip compile pyproject.toml --extra dev --extra parquet -o requirements.lock

clean:
	rm -rf $(VENV) out .pytest_cache .mypy_cache .ruff_cache
