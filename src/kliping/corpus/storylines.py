"""Storylines: events that continue one another across days, weeks or months.

Two events belong to one storyline when they share their core entities: the people, organisations and places each
names most, weighted by how rare they are among all events (every Indonesian story names "Indonesia"; few name both
"Kim Jong Un" and "Vladimir Putin"). Each event joins the storyline of the most similar earlier event, or stays
alone. A storyline lists its events in date order.

`StorylineIndex` is the corpus stage (issue 13): kept in the store beside the event index, it decides each event
once, after the run that opened it (when the run's articles have filled it), against the earlier events that share
a core entity (an inverted index: no pass over every pair of events). A storyline gets its id when its second event
joins, and keeps it: later events add to it, and a storyline that held S1 = {E1, E2} of the seeds still does after
200 later events naming the same people. Ids change only by a recorded merge (when two events merge, so do their
storylines).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import islice
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kliping.store import Store

# Storylines, decided once per event after the run that opened it; named under "events" so that relinking the
# events from scratch (`Store.reset_events`) forgets them too.
STORYLINES_STATE = "events-storylines-v1"
# The entities that make an event's core: its most mentioned ones.
CORE_ENTITIES = 6
# Share of the smaller core's rarity weight that two events must share to be one story. Chosen on the seeds'
# storyline (Kim's 2023 visit to Russia -> Putin's 2024 visit to Pyongyang) and the bundled examples' (the flood ->
# the relocation two weeks later), checked on detik labels-dev (325 events of one week: 20 storylines, the largest
# the topic-by-topic reports around the cabinet's first year).
MIN_SHARED = 0.4
# An event is compared with the most recent events naming each of its core entities, at most this many per entity:
# a name every story carries ("Indonesia") would otherwise make each decision scan the whole corpus. 2,000 events
# is months of a national outlet's news; a storyline continues across gaps shorter than that.
RECENT_EVENTS = 2000
# At least this many core entities in common: one shared name is a coincidence, not a story.
MIN_COMMON = 2
# Let go of what no decision reads any more (see `StorylineIndex.decided`); off only to check that it changes nothing.
TRIM = True


def _core(event: dict[str, Any]) -> set[str]:
    ents = [e for e in event.get("entities", []) if e.get("type") in ("PER", "ORG", "LOC")]
    ents.sort(key=lambda e: -int(e.get("mentions", 1)))
    return {e["name"] for e in ents[:CORE_ENTITIES]}


def _similarity(a: set[str], b: set[str], idf: dict[str, float]) -> float:
    common = a & b
    if len(common) < MIN_COMMON:
        return 0.0
    smaller = min(sum(idf[n] for n in a), sum(idf[n] for n in b))
    return sum(idf[n] for n in common) / smaller if smaller else 0.0


@dataclass
class StorylineIndex:
    """Which storyline each decided event is in, and what finds candidates fast."""

    core_of: dict[str, list[str]] = field(default_factory=dict)  # event -> its core when decided
    story_of: dict[str, str] = field(default_factory=dict)  # event -> storyline (events alone are absent)
    members: dict[str, list[str]] = field(default_factory=dict)  # storyline -> events, in the order they joined
    by_entity: dict[str, dict[str, None]] = field(default_factory=dict)  # core entity -> events having it (a set)
    df: Counter[str] = field(default_factory=Counter)  # core entity -> decided events having it
    merged: dict[str, str] = field(default_factory=dict)  # storyline merged away -> the one it went into
    next_id: int = 1
    # Events decided (the rarity weights' event count), and the highest event number decided: events are decided in
    # the run that opens them, in the order they opened, so a lower number is a decided event even when its core is
    # no longer kept (`core_of` and `by_entity` keep the RECENT_EVENTS most recent events of each entity, all a
    # decision reads: kept whole, they grew by a kilobyte an event for ever, issue 16). -1: a state stored before
    # these were kept (counted from `core_of` at its first use).
    decided: int = -1
    last_decided: int = -1

    def decide(self, events: Iterable[dict[str, Any]]) -> None:
        """Decide the events not decided yet (records as the store keeps them), in the order they opened. An event
        decided before keeps its storyline; its core is refreshed, so later events meet it as it stands now."""
        self._upgrade()
        events = list(events)
        for event in events:
            if event["id"] in self.core_of:  # (a decided event whose core was let go is not met again)
                self._forget_core(event["id"])
                self._index_core(event["id"], sorted(_core(event)))
        todo = sorted((e for e in events if not self._decided(e["id"])), key=lambda e: _number(e["id"]))
        for event in todo:
            core = sorted(_core(event))
            n = self.decided + 1  # events decided, with this one: its core counts in the frequencies too
            shared: Counter[str] = Counter(other for name in core
                                           for other in islice(reversed(self.by_entity.get(name, {})), RECENT_EVENTS))
            best, best_sim = None, 0.0
            for other, common in shared.items():
                if common < MIN_COMMON:
                    continue
                names = set(core) | set(self.core_of[other])
                idf = {x: math.log((n + 1) / (self.df.get(x, 0) + (x in core) + 1)) + 1.0 for x in names}
                sim = _similarity(set(core), set(self.core_of[other]), idf)
                if sim > best_sim or (sim == best_sim and best is not None and _number(other) < _number(best)):
                    best, best_sim = other, sim
            self._index_core(event["id"], core)
            if best is not None and best_sim >= MIN_SHARED - 1e-9:
                self._join(event["id"], best)

    def _upgrade(self) -> None:
        if self.decided < 0:
            self.decided = len(self.core_of)
            self.last_decided = max((_number(e) for e in self.core_of), default=0)

    def _decided(self, event_id: str) -> bool:
        return event_id in self.core_of or _number(event_id) <= self.last_decided

    def _index_core(self, event_id: str, core: list[str]) -> None:
        self.core_of[event_id] = core
        self.decided += 1
        self.last_decided = max(self.last_decided, _number(event_id))
        for name in core:
            events = self.by_entity.setdefault(name, {})
            events[event_id] = None
            self.df[name] += 1
            if TRIM and len(events) > RECENT_EVENTS:  # the oldest leaves; its core too, once no entity lists it
                old = next(iter(events))
                del events[old]
                if not any(old in self.by_entity.get(x, ()) for x in self.core_of.get(old, ())):
                    self.core_of.pop(old, None)

    def _forget_core(self, event_id: str) -> None:
        """Take a decided event's core out of the counts (its core is re-indexed, or the event is gone). An event
        whose core was let go (old) keeps its share of the entity counts: an approximation of no consequence."""
        if event_id not in self.core_of:
            return
        self.decided -= 1
        for name in self.core_of.pop(event_id, []):
            self.by_entity.get(name, {}).pop(event_id, None)
            self.df[name] -= 1

    def _join(self, event_id: str, earlier: str) -> None:
        sid = self.story_of.get(earlier)
        if sid is None:
            sid = f"S{self.next_id}"
            self.next_id += 1
            self.members[sid] = [earlier]
            self.story_of[earlier] = sid
        self.members[sid].append(event_id)
        self.story_of[event_id] = sid

    def merge_events(self, merges: Iterable[tuple[str, str]]) -> None:
        """Events merged (gone, kept): the kept event takes the gone one's place; two storylines it joins become
        one, the older id kept and the other recorded in `merged`."""
        self._upgrade()
        for gone, keep in merges:
            s_gone, s_keep = self.story_of.pop(gone, None), self.story_of.get(keep)
            if s_gone is not None:
                self.members[s_gone] = [e for e in self.members[s_gone] if e != gone]
                if s_keep is None:
                    self.members[s_gone].append(keep)
                    self.story_of[keep] = s_gone
                elif s_keep != s_gone:
                    first, second = sorted((s_gone, s_keep), key=_number)
                    for e in self.members.pop(second):
                        self.story_of[e] = first
                        self.members[first].append(e)
                    self.merged[second] = first
            self._forget_core(gone)

    def drop_events(self, dropped: Iterable[str]) -> None:
        """Events an update emptied leave their storyline (which stays, however small: its id was shown)."""
        self._upgrade()
        for eid in dropped:
            sid = self.story_of.pop(eid, None)
            if sid is not None:
                self.members[sid] = [e for e in self.members[sid] if e != eid]
            self._forget_core(eid)

    def records(self, events: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Storylines of two or more live events, their events in date order, in the order the storylines began."""
        by_id = {e["id"]: e for e in events}
        out = []
        for sid in sorted(self.members, key=_number):
            live = [by_id[e] for e in self.members[sid] if e in by_id]
            if len(live) < 2:
                continue
            live.sort(key=lambda e: (e.get("date") or "9999", _number(e["id"])))
            out.append({"id": sid, "title": live[-1].get("title"), "events": [e["id"] for e in live]})
        return out


def stored_storylines(store: Store, events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The storylines a store keeps (report.json, `kliping events`), over its live event records. A store whose
    storylines are not plain data (pickled by an older Kliping) gets them decided afresh here, in memory: the next
    `ingest` stores them."""
    from kliping.corpus import state

    blob = store.get_state(STORYLINES_STATE)
    if not blob:
        return []
    try:
        index = state.load(blob, {"StorylineIndex": StorylineIndex}, StorylineIndex)
    except state.StaleState:
        index = StorylineIndex()
        index.decide(events)
    return index.records(events)


def storyline_of(store: Store) -> dict[str, str]:
    """Event id -> the id of its storyline, for the store's live events, from the stored index and the live event
    ids alone (`kliping events` shows a page of a large store's events: reading every event record cost seconds).
    A store whose storylines are not plain data falls back to `stored_storylines` over every record."""
    from kliping.corpus import state

    blob = store.get_state(STORYLINES_STATE)
    if not blob:
        return {}
    try:
        index = state.load(blob, {"StorylineIndex": StorylineIndex}, StorylineIndex)
    except state.StaleState:
        lines = stored_storylines(store, store.events())
    else:
        lines = index.records([{"id": i} for i in store.event_ids()])
    return {e: s["id"] for s in lines for e in s["events"]}


def _number(some_id: str) -> int:
    digits = some_id[1:]
    return int(digits) if digits.isdigit() else 0
