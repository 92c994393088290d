"""What the JSON API and the pages both read from the store: events filtered and paged, one event with its analysis
and articles, storylines, search hits. Plain functions over a `Store` (each request opens its own reader).

The event list, the storylines and what the filters match are read once per version of the store and kept in memory
(`Snapshot`): rebuilding them costs tens of milliseconds, a request over the kept ones a fraction of one. The version
is SQLite's `PRAGMA data_version` on one long-lived connection per store file (it changes whenever another
connection commits: `POST /api/articles`, a `kliping ingest` in another process), with the file's identity (a
store replaced by another file), so a write is seen by the next request (while one request reads the new version,
others arriving meanwhile answer from the last one rather than wait: an ingest's commits never stall the reads).

An event whose stored analysis is missing or stale (another `ANALYSIS_VERSION`, or other articles: the next ingest
would recompute it) is shown with a fresh one, computed on read (in a process of its own: `_analyze`) and kept in
memory (`fresh_analysis`), not written: the server's reads never write (it may be read-only, the file may not be
writable, and a write on a read path would wait for the one writer, a running ingest); the next `kliping ingest`
stores it, as it does every stale analysis.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import multiprocessing
import os
import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, overload

from kliping.analysis.event import ANALYSIS_VERSION, EMPTY_ANALYSIS
from kliping.corpus.storylines import stored_storylines
from kliping.report import newest_first, with_storyline_analysis
from kliping.store import Store
from kliping.store.search import fts_query
from kliping.store.sqlite import snippet_matches

log = logging.getLogger("kliping.serve")


def _event_day(e: dict[str, Any]) -> str:
    return str(e.get("date") or e.get("last_seen") or "")[:10]


def _words_of(e: dict[str, Any]) -> str:
    """What `q` matches in an event: its title, entity names and places, casefolded."""
    names = [x.get("name", "") for x in e.get("entities") or [] if isinstance(x, dict)]
    return " ".join([str(e.get("title") or ""), *map(str, names), *map(str, e.get("places") or [])]).casefold()


@dataclass
class Snapshot:
    """The store's events and storylines as of one version, with what the filters match precomputed. Shared by
    every request until the store changes: nothing here is mutated after it is built (callers get copies)."""
    version: tuple[int, ...]
    events: list[dict[str, Any]]  # newest first, each with its "size"
    by_id: dict[str, dict[str, Any]]
    merged_into: dict[str, str]  # an id merged away -> the event it was merged into
    storylines: list[dict[str, Any]]
    storyline_of: dict[str, str]  # event id -> its storyline's id
    words: list[str]  # per event (in `events` order): what `q` matches
    outlets: list[list[str]]  # per event: its outlets, casefolded
    days: list[str]  # per event: its day (see `_event_day`)
    languages: dict[str, set[str]]  # article language -> the events with an article in it


def _build(store: Store, version: tuple[int, ...]) -> Snapshot:
    """Read a snapshot in one read transaction, so the events and the storylines agree with each other."""
    in_tx = not store.db.in_transaction
    if in_tx:
        store.db.execute("BEGIN")
    try:
        records = store.events()
        lines = stored_storylines(store, records)
        languages = store.events_by_language()
    finally:
        if in_tx:
            store.db.rollback()
    events = [{**e, "size": len(e.get("articles") or [])} for e in newest_first(records)]
    merged = {str(old): e["id"] for e in records for old in e.get("merged_from") or []}
    return Snapshot(version, events, {e["id"]: e for e in events}, merged, lines,
                    {eid: s["id"] for s in lines for eid in s["events"]}, [_words_of(e) for e in events],
                    [[str(o).casefold() for o in e.get("outlets") or []] for e in events],
                    [_event_day(e) for e in events], languages)


class _Watch:
    """One store file's version: its identity and `PRAGMA data_version` on a connection kept open for it."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.lock = threading.Lock()
        self.con: sqlite3.Connection | None = None
        self.ident: tuple[int, int] | None = None
        self.snapshot: Snapshot | None = None
        self.build_lock = threading.Lock()  # one rebuild at a time

    def version(self) -> tuple[int, ...]:
        try:
            st = os.stat(self.path)
        except OSError as e:  # the store went away under a running server: a 503, as an unreadable store
            raise sqlite3.OperationalError(f"{self.path}: {e.strerror or e}") from e
        ident = (st.st_dev, st.st_ino)
        with self.lock:
            if self.con is None or ident != self.ident:
                if self.con is not None:
                    self.con.close()
                self.con = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
                self.ident = ident
                self.snapshot = None
            return (*ident, int(self.con.execute("PRAGMA data_version").fetchone()[0]))


# By the path the app was given (each spelling of a path watched on its own: harmless); one connection per store
# file the process served, kept for the life of the process.
_watches: dict[Path, _Watch] = {}
_watches_lock = threading.Lock()


def snapshot(store: Store) -> Snapshot:
    """The store's current snapshot: the kept one while the store has not changed, else read again."""
    watch = _watches.get(store.path)
    if watch is None:
        with _watches_lock:
            watch = _watches.setdefault(store.path, _Watch(store.path))
    version = watch.version()
    current = watch.snapshot
    if current is not None and current.version == version:
        return current
    if current is not None and not watch.build_lock.acquire(blocking=False):
        # Another request is reading the new version (tens of ms): this one answers from the last one rather than
        # queue behind it, so a running ingest's commits never stall the reads. The next request sees the new one.
        return current
    if current is None:
        watch.build_lock.acquire()
    try:
        current = watch.snapshot
        if current is None or current.version != version:
            current = _build(store, version)
            watch.snapshot = current
        return current
    finally:
        watch.build_lock.release()


def list_events(store: Store, q: str | None = None, outlet: str | None = None, since: dt.date | None = None,
                until: dt.date | None = None, language: str | None = None) -> EventList:
    """Event records, newest first (`report.newest_first`), filtered: `q` is matched, case-insensitively and word by
    word, against the event's title, entity names and places (events, not articles: the article full text is
    `/api/search`); `outlet` is part of one of its outlets' names; `since`/`until` bound its day (its consensus
    date, else the last time one of its articles was published); `language` a language of one of its articles."""
    snap = snapshot(store)
    keep: list[int] = list(range(len(snap.events)))
    if q:
        words = q.casefold().split()
        keep = [k for k in keep if all(w in snap.words[k] for w in words)]
    if outlet:
        needle = outlet.casefold()
        keep = [k for k in keep if any(needle in o for o in snap.outlets[k])]
    if since:
        keep = [k for k in keep if snap.days[k] and snap.days[k] >= since.isoformat()]
    if until:
        keep = [k for k in keep if snap.days[k] and snap.days[k] <= until.isoformat()]
    if language:
        ids = snap.languages.get(language, set())
        keep = [k for k in keep if snap.events[k]["id"] in ids]
    return EventList(snap, keep)


class EventList(Sequence[dict[str, Any]]):
    """The events a list shows, copied only when read: a page of 20 out of a store's 100,000 events costs 20
    copies, not 100,000 (200 ms a request at 300,000 articles)."""

    def __init__(self, snap: Snapshot, keep: list[int]) -> None:
        self.snap, self.keep = snap, keep

    def __len__(self) -> int:
        return len(self.keep)

    @overload
    def __getitem__(self, i: int) -> dict[str, Any]: ...

    @overload
    def __getitem__(self, i: slice) -> list[dict[str, Any]]: ...

    def __getitem__(self, i: int | slice) -> dict[str, Any] | list[dict[str, Any]]:
        if isinstance(i, slice):
            return [dict(self.snap.events[k]) for k in self.keep[i]]
        return dict(self.snap.events[self.keep[i]])


def article_brief(a: Any) -> dict[str, Any]:
    return {"id": a.id, "title": a.title, "outlet": a.outlet, "published": a.published, "url": a.url,
            "language": a.language, "duplicate_of": a.duplicate_of}


@dataclass
class _Fresh:
    """Analyses computed on read (stale or missing in the store), newest used last; at most `size` kept."""
    size: int = 256
    kept: OrderedDict[tuple[str, str, str, str], dict[str, Any]] = field(default_factory=OrderedDict)
    computing: dict[tuple[str, str, str, str], threading.Lock] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)  # guards `kept` and `computing`


_fresh = _Fresh()


def fresh_analysis(store: Store, record: dict[str, Any]) -> dict[str, Any]:
    """The event's analysis as the current `ANALYSIS_VERSION` computes it from its current articles: the stored one
    when it is that, else computed now and kept in memory, keyed on the store file, the event, the version and a
    digest of its stored articles (what the analysis reads), so that a later change of any computes it again. A bug
    in the analysis gives the empty one (logged), as `analyze_pending` does."""
    ids = tuple(str(x) for x in record.get("articles") or [])
    entry = store.analysis_entry(record["id"])
    if entry is not None and entry[0] == ANALYSIS_VERSION and [str(x) for x in entry[1]] == list(ids):
        return entry[2]
    key = (str(store.path), str(record["id"]), ANALYSIS_VERSION, store.articles_digest(ids))
    with _fresh.lock:
        if key in _fresh.kept:
            _fresh.kept.move_to_end(key)
            return _fresh.kept[key]
        gate = _fresh.computing.setdefault(key, threading.Lock())
    with gate:  # one request computes an event's analysis; the others asking for it wait for that one
        with _fresh.lock:
            if key in _fresh.kept:
                return _fresh.kept[key]
        try:
            analysis = _analyze(store, ids)
        except Exception:  # one event's bug must not fail its page: the page shows no analysis, the log why
            log.exception("analysis of event %s failed", record["id"])
            analysis = EMPTY_ANALYSIS
        with _fresh.lock:
            _fresh.kept[key] = analysis
            _fresh.computing.pop(key, None)
            while len(_fresh.kept) > _fresh.size:
                _fresh.kept.popitem(last=False)
        return analysis


# Fresh analyses are computed in a process of their own (spawned on the first, kept, at a lower priority): an
# analysis is CPU work of up to seconds that, in a thread of the server, would hold the interpreter lock against
# every other request (after an ANALYSIS_VERSION change, every event page a reader opens computes one; during an
# ingest, the events it touched do until it stores theirs). True: in the server's process (tests replace the
# analysis there).
ANALYSIS_IN_PROCESS = False
_pool: ProcessPoolExecutor | None = None
_pool_lock = threading.Lock()


def _analyze(store: Store, ids: tuple[str, ...]) -> dict[str, Any]:
    global _pool
    if ANALYSIS_IN_PROCESS:
        return _analyze_stored(str(store.path), ids)
    with _pool_lock:
        if _pool is None:
            _pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"),
                                        initializer=_lower_priority)
        pool = _pool
    try:
        return pool.submit(_analyze_stored, str(store.path), ids).result()
    except BrokenProcessPool:  # the process died (killed, out of memory): the next analysis starts another
        with _pool_lock:
            if _pool is pool:
                _pool = None
        raise


def _lower_priority() -> None:
    """Reads come first: the analysis process yields the CPU to the server's."""
    with contextlib.suppress(AttributeError, OSError):  # no nice (Windows), or not allowed
        os.nice(10)


def _analyze_stored(db: str, ids: tuple[str, ...]) -> dict[str, Any]:
    """The analysis of the stored articles with these ids (in the analysis process, or the server's)."""
    from kliping.analysis.event import analyze_event

    store = Store.reader(db)
    try:
        return analyze_event(store.articles_by_id(ids))
    finally:
        store.close()


def find_event(store: Store, event_id: str) -> tuple[dict[str, Any] | None, str | None]:
    """(the event with its analysis merged, its articles and storyline, None), or (None, the id of the event it was
    merged into), or (None, None) when there is no such event."""
    snap = snapshot(store)
    record = snap.by_id.get(event_id)
    if record is None:
        return None, snap.merged_into.get(event_id)
    event = {**record, **fresh_analysis(store, record)}
    event.pop("size", None)
    event["articles"] = store.article_briefs(str(x) for x in record.get("articles") or [])
    event["storyline"] = snap.storyline_of.get(event_id)
    return event, None


def storylines(store: Store, with_analysis: bool = False) -> list[dict[str, Any]]:
    """The store's storylines; `with_analysis`: with their timeline and summary (reads every event's analysis:
    `find_storyline` reads one storyline's)."""
    snap = snapshot(store)
    if not with_analysis:
        return [dict(s) for s in snap.storylines]
    return [_with_analysis(store, snap, s) for s in snap.storylines]


def find_storyline(store: Store, storyline_id: str) -> dict[str, Any] | None:
    """One storyline with its timeline, summary and events (id, title, date, in date order), or None."""
    snap = snapshot(store)
    line = next((s for s in snap.storylines if s["id"] == storyline_id), None)
    return _with_analysis(store, snap, line) if line is not None else None


def _with_analysis(store: Store, snap: Snapshot, line: dict[str, Any]) -> dict[str, Any]:
    members = [snap.by_id[i] for i in line["events"] if i in snap.by_id]
    events = [{**e, **fresh_analysis(store, e)} for e in members]
    out = with_storyline_analysis([line], events)[0]
    out["event_records"] = sorted(({"id": e["id"], "title": e.get("title"), "date": e.get("date")} for e in members),
                                  key=lambda e: e["date"] or "")
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
    out = []
    for brief, snip in store.search_briefs(query, limit, offset):
        plain, spans = snippet_matches(snip)
        out.append({**brief, "snippet": plain, "matches": spans})
    return out, total

