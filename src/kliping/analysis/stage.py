"""The analysis stage: each event's analysis (`analysis/event.py`), computed after linking and cached in the store.

An event is analysed again only when it changed: `Store.save_corpus` forgets the analysis of every event a run
touched, merged or emptied, and an analysis stored for another list of articles or by another version of the
analysis is stale (`Store.stale_analyses`). A second `ingest` that adds one article to one event recomputes that
event, and no other.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from kliping.analysis.event import ANALYSIS_VERSION, EMPTY_ANALYSIS, analyze_event
from kliping.model import Article
from kliping.pipeline import LocalExecutor, Progress
from kliping.store import Store

BATCH = 50  # analyses stored per transaction: a killed run keeps what it finished
# Events handed to the workers at a time (each batch's articles are read from the store, then sent): bounds what a
# run holds in memory while both cores analyse.
POOL_BATCH = 400


def analyze_pending(store: Store, progress: Progress | None = None, known: dict[str, Article] | None = None,
                    failed: list[str] | None = None, executor: LocalExecutor | None = None) -> int:
    """Analyse every event whose analysis is missing or stale; returns how many were analysed. `known` are articles
    already in memory (those the linking stage just stored), read from the store otherwise. An event whose analysis
    raises (a bug) gets an empty one and is named in `failed` ("E12: ValueError: ..."): one event never costs a run
    the rest of its work, and the next analysis version recomputes it. With a local `executor`, events are analysed
    in its worker processes (an analysis is pure: an event's articles in, a dict out), results in event order."""
    known = known or {}
    progress = progress or Progress()
    todo = store.stale_analyses(ANALYSIS_VERSION)
    if not todo:
        return 0
    progress.start("analyse", len(todo))
    done: list[tuple[dict, str, dict]] = []
    for k in range(0, len(todo), POOL_BATCH):
        items = []
        for eid in todo[k:k + POOL_BATCH]:
            record = store.event_record(eid)
            if record is None:
                continue
            ids = [str(x) for x in record.get("articles", [])]
            missing = [x for x in ids if x not in known]
            arts = [known[x] for x in ids if x in known] + (store.articles_by_id(missing) if missing else [])
            items.append((eid, record, [_for_analysis(a) for a in arts]))
        results = executor.map_items(_analyse, items) if executor is not None else map(_analyse, items)
        for (eid, record, _), (analysis, error) in zip(items, results, strict=True):
            if error is not None and failed is not None:
                failed.append(f"{eid}: {error}")
            done.append((record, ANALYSIS_VERSION, analysis))
            if len(done) >= BATCH:
                store.put_analyses(done)
                progress.advance("analyse", len(done))
                done.clear()
    store.put_analyses(done)
    progress.advance("analyse", len(done))
    progress.done("analyse")
    return len(todo)


def _for_analysis(art: Article) -> Article:
    """The article without what the analysis never reads (the page as fetched, its vector): less to send."""
    return dataclasses.replace(art, raw="", vector=None)


def _analyse(item: tuple[str, dict, list[Article]]) -> tuple[dict[str, Any], str | None]:
    """One event's analysis, or the empty one and the error (a bug in one event must not lose the run's work)."""
    _, _, arts = item
    try:
        return analyze_event(arts), None
    except Exception as exc:
        return EMPTY_ANALYSIS, f"{type(exc).__name__}: {exc}"
