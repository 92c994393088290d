"""The analysis stage: each event's analysis (`analysis/event.py`), computed after linking and cached in the store.

An event is analysed again only when it changed: `Store.save_corpus` forgets the analysis of every event a run
touched, merged or emptied, and an analysis stored for another list of articles or by another version of the
analysis is stale (`Store.stale_analyses`). A second `ingest` that adds one article to one event recomputes that
event, and no other.
"""

from __future__ import annotations

from kliping.analysis.event import ANALYSIS_VERSION, EMPTY_ANALYSIS, analyze_event
from kliping.model import Article
from kliping.pipeline import Progress
from kliping.store import Store

BATCH = 50  # analyses stored per transaction: a killed run keeps what it finished


def analyze_pending(store: Store, progress: Progress | None = None, known: dict[str, Article] | None = None,
                    failed: list[str] | None = None) -> int:
    """Analyse every event whose analysis is missing or stale; returns how many were analysed. `known` are articles
    already in memory (those the linking stage just stored), read from the store otherwise. An event whose analysis
    raises (a bug) gets an empty one and is named in `failed` ("E12: ValueError: ..."): one event never costs a run
    the rest of its work, and the next analysis version recomputes it."""
    known = known or {}
    progress = progress or Progress()
    todo = store.stale_analyses(ANALYSIS_VERSION)
    if not todo:
        return 0
    progress.start("analyse", len(todo))
    done: list[tuple[dict, str, dict]] = []
    for eid in todo:
        record = store.event_record(eid)
        if record is None:
            continue
        ids = [str(x) for x in record.get("articles", [])]
        missing = [x for x in ids if x not in known]
        arts = [known[x] for x in ids if x in known] + (store.articles_by_id(missing) if missing else [])
        try:
            analysis = analyze_event(arts)
        except Exception as exc:  # a bug in one event's analysis must not lose the run's work
            if failed is not None:
                failed.append(f"{eid}: {type(exc).__name__}: {exc}")
            analysis = EMPTY_ANALYSIS
        done.append((record, ANALYSIS_VERSION, analysis))
        if len(done) >= BATCH:
            store.put_analyses(done)
            progress.advance("analyse", len(done))
            done.clear()
    store.put_analyses(done)
    progress.advance("analyse", len(done))
    progress.done("analyse")
    return len(todo)
