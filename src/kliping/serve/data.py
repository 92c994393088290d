"""What the JSON API and the pages both read from the store: events filtered and paged, one event with its analysis
and articles, storylines, search hits. Plain functions over a `Store` (each request opens its own reader)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from kliping.analysis.event import EMPTY_ANALYSIS
from kliping.corpus.storylines import stored_storylines
from kliping.report import newest_first, with_storyline_analysis
from kliping.store import Store
from kliping.store.search import fts_query
from kliping.store.sqlite import snippet_matches


def _event_day(e: dict[str, Any]) -> str:
    return str(e.get("date") or e.get("last_seen") or "")[:10]


def list_events(store: Store, q: str | None = None, outlet: str | None = None, since: dt.date | None = None,
                until: dt.date | None = None, language: str | None = None) -> list[dict[str, Any]]:
    """Event records, newest first (`report.newest_first`), filtered: `q` is matched, case-insensitively and word by
    word, against the event's title, entity names and places (events, not articles: the article full text is
    `/api/search`); `outlet` is part of one of its outlets' names; `since`/`until` bound its day (its consensus
    date, else the last time one of its articles was published); `language` a language of one of its articles."""
    events = store.events()
    if q:
        words = q.casefold().split()

        def text_of(e: dict[str, Any]) -> str:
            names = [x.get("name", "") for x in e.get("entities") or [] if isinstance(x, dict)]
            return " ".join([str(e.get("title") or ""), *map(str, names), *map(str, e.get("places") or [])]).casefold()

        events = [e for e in events if all(w in text_of(e) for w in words)]
    if outlet:
        needle = outlet.casefold()
        events = [e for e in events if any(needle in str(o).casefold() for o in e.get("outlets") or [])]
    if since:
        events = [e for e in events if _event_day(e) and _event_day(e) >= since.isoformat()]
    if until:
        events = [e for e in events if _event_day(e) and _event_day(e) <= until.isoformat()]
    if language:
        ids = store.event_ids_of_language(language)
        events = [e for e in events if e["id"] in ids]
    return [{**e, "size": len(e.get("articles") or [])} for e in newest_first(events)]


def article_brief(a: Any) -> dict[str, Any]:
    return {"id": a.id, "title": a.title, "outlet": a.outlet, "published": a.published, "url": a.url,
            "language": a.language, "duplicate_of": a.duplicate_of}


def find_event(store: Store, event_id: str) -> tuple[dict[str, Any] | None, str | None]:
    """(the event with its analysis merged, its articles and storyline, None), or (None, the id of the event it was
    merged into), or (None, None) when there is no such event."""
    record = store.event_record(event_id)
    if record is None:
        into = next((e["id"] for e in store.events() if event_id in (e.get("merged_from") or [])), None)
        return None, into
    event = {**record, **(store.analysis(event_id) or EMPTY_ANALYSIS)}
    event["articles"] = [article_brief(a) for a in store.articles_by_id(record.get("articles") or [])]
    event["storyline"] = next((s["id"] for s in stored_storylines(store, store.events())
                               if event_id in s["events"]), None)
    return event, None


def storylines(store: Store, with_analysis: bool = False) -> list[dict[str, Any]]:
    """The store's storylines; `with_analysis`: with their timeline and summary (reads every event's analysis)."""
    records = store.events()
    lines = stored_storylines(store, records)
    if not with_analysis:
        return lines
    analyses = store.analyses()
    events = [{**e, **analyses.get(e["id"], EMPTY_ANALYSIS)} for e in records]
    by_id = {e["id"]: e for e in records}
    out = with_storyline_analysis(lines, events)
    for s in out:
        s["event_records"] = [{"id": i, "title": by_id[i].get("title"), "date": by_id[i].get("date")}
                              for i in s["events"] if i in by_id]
        s["event_records"].sort(key=lambda e: e["date"] or "")
    return out


class BadQuery(ValueError):
    """A search query with no words to search for."""


def search(store: Store, q: str, limit: int, offset: int) -> tuple[list[dict[str, Any]], int]:
    """(hits, total) of a keyword search (every word must match, as `kliping search`), best first; each hit has
    the snippet without markers and `matches`, the [start, end) offsets of the matched words in it."""
    query = fts_query(q)
    if not query:
        raise BadQuery(f"query {q!r} has no words to search for")
    total = store.search_count(query)
    hits = store.search(query, limit + offset)[offset:]
    out = []
    for art, snip in hits:
        plain, spans = snippet_matches(snip)
        out.append({**article_brief(art), "event": art.event, "snippet": plain, "matches": spans})
    return out, total

