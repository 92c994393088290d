"""Run the corpus stages over the articles the store holds but has not linked yet, and keep their state.

The duplicate index (as rows) and the event index (`corpus_state`) live in the store between runs, so a second
`kliping ingest` adds its articles to the same events: an existing event keeps its id, a new happening opens a new
one, undated events the run shows to be one merge (the kept event lists the others in `merged_from`, their stored
articles move along), and nothing is recomputed. Articles re-cleaned since (a learned template or the enrichment
changed) get their links back from the indexes, which remember every article they have seen, and their events are
not compared again for merging (see `held` in `link_pending`): re-processing every stored article (a new enrichment
version) keeps the events the store had.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from typing import Any

import numpy as np

from kliping.clean.published import is_valid as published_ok
from kliping.corpus import state
from kliping.corpus.counts import DocumentFrequencies
from kliping.corpus.events import Event, EventIndex, _VectorIndex
from kliping.corpus.storylines import STORYLINES_STATE, StorylineIndex
from kliping.enrich import vectors
from kliping.model import Article
from kliping.pipeline import Progress
from kliping.store import Store

DEDUP_STATE = "dedup"
# Named with the event model's version: a store linked by an older model is relinked from scratch, once, because
# events made by different models cannot be continued consistently.
EVENTS_STATE = "events-v10"  # v10: compacted events are rows of the store (`corpus.cold`), not in the state
# The classes the stored state may build (`corpus.state`): the indexes and their records, nothing else.
STATE_CLASSES: dict[str, type] = {"EventIndex": EventIndex, "Event": Event, "VectorIndex": _VectorIndex,
                                  "StorylineIndex": StorylineIndex, "DocumentFrequencies": DocumentFrequencies}
VECTOR_BATCH = 64  # articles whose vectors are read from the store (or embedded) at a time


def link_pending(store: Store, progress: Progress | None = None, linked_out: list[Article] | None = None,
                 notices: list[str] | None = None) -> tuple[int, int]:
    """Link every stored article without an event; return how many were linked, and how many events merged. The
    articles linked are appended to `linked_out` when given (the analysis stage reads them there instead of
    decoding them again from the store); what the user should know (a store whose events were rebuilt) to
    `notices`."""
    try:
        return _link_pending(store, progress, linked_out, notices)
    except state.StaleState as e:
        # A cold event's row (`corpus.cold`, read only when an undated or a late article needs it) is damaged or
        # altered: nothing of this run was saved; the events are rebuilt from the stored articles, as for a
        # damaged state, rather than every later ingest failing on it.
        _rebuilt(e, notices)
        store.reset_events()
        return _link_pending(store, progress, linked_out, notices)


def _link_pending(store: Store, progress: Progress | None, linked_out: list[Article] | None,
                  notices: list[str] | None) -> tuple[int, int]:
    progress = progress or Progress()
    blob = store.get_state(EVENTS_STATE)
    try:
        if blob is not None:
            state.check(blob)  # its header only: a run with nothing to link does not read the whole state
    except state.StaleState as e:
        _rebuilt(e, notices)
        blob = None
    if blob is None:
        store.reset_events()  # linked by an older event model (or never): every article is pending again
    pending = store.articles_without_event()
    if not pending:
        return 0, 0
    events = EventIndex()
    try:  # plain data (JSON and arrays) building our index classes only, never code (`corpus.state`)
        if blob is not None:
            events = state.load(blob, STATE_CLASSES, EventIndex)
    except state.StaleState as e:  # damaged past its header
        _rebuilt(e, notices)
        store.reset_events()
        pending = store.articles_without_event()
    blob = None  # tens of megabytes, not held while the run's new state is built and written
    events.cold = store.cold_events()
    dedup = store.duplicate_index(store.get_state(DEDUP_STATE))
    if not published_ok(events.newest):
        # A store written before publication dates were checked may hold one that is not a date (issue 12): its
        # event index cannot compare times any more, so it is rebuilt from the (re-cleaned) articles, once.
        store.reset_events()
        events = EventIndex()
        dedup.clear()
        events.cold = store.cold_events()
        pending = store.articles_without_event()
    for art in pending:
        if not published_ok(art.published):  # never let one bad field stop the linking of a whole store
            art.warnings.append(f"published {art.published!r} is not a date: ignored")
            art.published = None
    # Updated articles (issue 12): the version the indexes hold leaves them first, so the new one is decided afresh
    # and its old event is recomputed without it; articles whose duplicate links pointed at it are linked again.
    touched: set[str] = set()
    dropped: list[str] = []
    relinked: dict[str, Article] = {}
    for old in store.replaced_articles():
        if old.id in dedup:
            for other, (dup, copy) in dedup.remove(old.id).items():
                linked_to = relinked.get(other) or store.article(other)
                if linked_to is not None:
                    linked_to.duplicate_of, linked_to.copy_of = dup, copy
                    relinked[other] = linked_to
        left = events.remove(old)
        if left in events.events:
            touched.add(left)
        elif left is not None:
            dropped.append(left)
    # Articles the event index holds already: re-cleaned since they were linked (a new enrichment version re-cleans
    # every stored article; a template learned later, its outlet's). They keep their events, and their events are
    # no news to the consolidation: it grouped them when they came, one report against another, and running it
    # again would compare the merged events whole, which merges happenings one run keeps apart (ECB+: 81 events
    # became 32 after a version bump). Nor are they embedded again, unless replayed (`relink`).
    held = {a.id for a in pending if a.id in events.event_of}
    # A stream delivers articles as they are published: feed them in that order (ties by id, so that the input
    # order decides nothing; undated ones last, in input order).
    pending.sort(key=_published_order)
    # An archive brings older articles late: the articles linked earlier that one run in date order would have
    # linked after the oldest new one are replayed with the new ones (`EventIndex.relink`; bounded by the warm
    # events and the window around the new articles), among them pending ones linked already (re-cleaned since:
    # a later run that learns more of an outlet's template re-cleans its earlier articles).
    later, after = events.replay_set([a for a in pending if a.id not in held])
    pending_ids = {a.id for a in pending}
    stored = store.articles_by_id(aid for aid in later if aid not in pending_ids)
    replay = sorted([*pending, *stored], key=_published_order) if later else []
    replayed = set(later)
    merges: list[tuple[str, str]] = []
    for art in pending:
        dedup.add(art)
    progress.start("link", len(pending))
    kept: set[str] = set()  # the events of held articles not replayed: unchanged
    items: Iterable[tuple[Article, np.ndarray | None]] = ()
    linked_here: list[tuple[Article, np.ndarray | None]] = []  # decided by `relink`, for `EventIndex.reattach`
    if replay and after is not None:
        vecs = _vectors(store, [a for a in replay if a.id not in held or a.id in replayed])
        linked_here = [(a, vecs[a.id]) for a in replay if a.id in vecs]
        linked, merges = events.relink([(a, vecs.get(a.id)) for a in replay], replayed, after)
        for aid, eid in linked.items():
            (kept if aid in held and aid not in replayed else touched).add(eid)
        touched.update(keep for _, keep in merges)
        progress.advance("link", len(pending))
    else:
        kept.update(events.event_of[aid] for aid in held)
        progress.advance("link", len(held))
        items = _with_vectors(store, [a for a in pending if a.id not in held], progress)
    # The batch sequence (`EventIndex.add_batch`): the new articles added, then the events this run shows to be one
    # merge (recorded in the surviving event's `merged_from`; articles stored earlier move with them, in the same
    # transaction; only the events this run changed are compared, and their neighbours: see `held`), small dated
    # events of this run rejoin a larger one now that both are whole (`reattach`), then the cold events compacted.
    touched, more = events.add_batch(items, touched, linked=linked_here)
    merges += more
    progress.done("link")
    touched |= kept  # their records are written again, as the articles are
    for art in pending:
        art.event = events.event_of[art.id]
    # Events this run touched: live, or put out of RAM at its end (a late or undated article joined a cold one).
    found = {r: ev for e in touched if (ev := events.event(r := events.resolve(e))) is not None}
    others = [a for i, a in relinked.items() if i not in pending_ids]
    records = [event_record(found[e]) for e in sorted(found, key=lambda e: int(e[1:]))]
    found.clear()
    if events.cold is not None:
        events.cold.release()
    stories = _storylines(store, records, merges, dropped)
    if linked_out is not None:
        linked_out.extend(pending)
    store.save_corpus([*pending, *others], records,
                      {DEDUP_STATE: dedup.state(), EVENTS_STATE: state.dump(events, STATE_CLASSES),
                       STORYLINES_STATE: state.dump(stories, STATE_CLASSES)}, merges, dropped, cold=events.cold,
                      dedup=dedup)
    return len(pending), len(merges)


def _with_vectors(store: Store, articles: list[Article], progress: Progress
                  ) -> Iterator[tuple[Article, np.ndarray | None]]:
    """(article, vector) pairs, the vectors read VECTOR_BATCH articles at a time."""
    for start in range(0, len(articles), VECTOR_BATCH):
        batch = articles[start:start + VECTOR_BATCH]
        vecs = _vectors(store, batch)
        yield from ((art, vecs.get(art.id)) for art in batch)
        progress.advance("link", len(batch))


def _vectors(store: Store, articles: list[Article]) -> dict[str, np.ndarray | None]:
    """Sentence vectors by article id: those the per-article "vectors" stage stored with the current model's name;
    an article stored without one (by an older Kliping, or by another model) is embedded here, once: its vector is
    stored for the next run."""
    stored = store.vectors((a.id for a in articles), vectors.MODEL_NAME)
    out: dict[str, np.ndarray | None] = {aid: np.frombuffer(v, dtype="<f4").copy() for aid, v in stored.items()}
    made: dict[str, bytes] = {}
    for art in articles:
        if art.id not in out:
            vec = out[art.id] = vectors.embed_article(art.title, art.text)  # as `vectors.embed_stage` does
            if vec is not None:
                made[art.id] = vec.astype("<f4").tobytes()
    if made:
        store.put_vectors(made, vectors.MODEL_NAME)
    return out


def _storylines(store: Store, records: list[dict[str, Any]], merges: list[tuple[str, str]], dropped: list[str]
                ) -> StorylineIndex:
    """The storyline index after this run: merges and dropped events applied, then the run's new events decided.
    A store without one (new, or linked before storylines were stored) decides all its events once."""
    blob = store.get_state(STORYLINES_STATE)
    index = _stored_storylines(blob)
    if index is None:
        index = StorylineIndex()
        fresh = {e["id"]: e for e in store.events()}
        gone = {g for g, _ in merges} | set(dropped)
        fresh = {k: v for k, v in fresh.items() if k not in gone}
        fresh.update((e["id"], e) for e in records)
        index.decide(fresh.values())
        return index
    index.merge_events(merges)
    index.drop_events(dropped)
    index.decide(records)
    return index


def _rebuilt(why: state.StaleState, notices: list[str] | None) -> None:
    """Say that the store's events are rebuilt: its event state is not plain data of this format (pickled by an
    older Kliping, or altered). It is never unpickled, never run."""
    if notices is not None:
        notices.append(f"{why}: its events are rebuilt from the stored articles, once")


def _stored_storylines(blob: bytes | None) -> StorylineIndex | None:
    """The stored storyline index; None when there is none or it is not plain data (it is decided afresh)."""
    try:
        return state.load(blob, STATE_CLASSES, StorylineIndex) if blob else None
    except state.StaleState:
        return None


def _published_order(a: Article) -> tuple[bool, str, str]:
    """Publication order, ties by id; undated articles last, in input order (the sort is stable): they open their
    own events and `EventIndex.consolidate` groups them after the batch."""
    return a.published is None, a.published or "", a.id if a.published else ""


def event_record(ev: Event) -> dict[str, Any]:
    """The event as report.json shows it."""
    top = Counter(ev.entities)
    return {
        "id": ev.id,
        "title": representative_title(ev.titles),
        "date": ev.date(),
        "places": [e for e, _ in top.most_common() if ev.entity_types.get(e) == "LOC"][:5],
        "entities": [{"name": e, "type": ev.entity_types.get(e), "mentions": n} for e, n in top.most_common(12)],
        "articles": list(ev.articles),
        "outlets": list(ev.outlets),
        "first_seen": ev.first_seen,
        "last_seen": ev.last_seen,
        "merged_from": list(ev.merged_from),
    }


def representative_title(titles: list[str]) -> str | None:
    """The headline sharing most words with the event's other headlines (the first one on ties)."""
    if not titles:
        return None
    words = [set(t.lower().split()) for t in titles]
    counts: Counter[str] = Counter(w for ws in words for w in ws)
    return titles[max(range(len(titles)), key=lambda i: (sum(counts[w] - 1 for w in words[i]), -i))]
