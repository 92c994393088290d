"""Storylines: events that continue one another across days, weeks or months.

Two events belong to one storyline when they share their core entities: the people, organisations and places each
names most, weighted by how rare they are among all events (every Indonesian story names "Indonesia"; few name both
"Kim Jong Un" and "Vladimir Putin"). Events are taken in the order they opened and each joins the storyline of the
most similar earlier event, or starts its own, so a storyline's id never changes as later events arrive. A
storyline lists its events in date order.
"""

from __future__ import annotations

import math
from collections import Counter
from typing import Any

# The entities that make an event's core: its most mentioned ones.
CORE_ENTITIES = 6
# Share of the smaller core's rarity weight that two events must share to be one story. Chosen on the seeds'
# storyline (Kim's 2023 visit to Russia -> Putin's 2024 visit to Pyongyang) and the bundled examples' (the flood ->
# the relocation two weeks later), checked on detik labels-dev (325 events of one week: 20 storylines, the largest
# the topic-by-topic reports around the cabinet's first year).
MIN_SHARED = 0.4
# At least this many core entities in common: one shared name is a coincidence, not a story.
MIN_COMMON = 2


def build_storylines(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Storylines of two or more events from the report's event records (in the order the events opened)."""
    cores = [_core(e) for e in events]
    df: Counter[str] = Counter(n for c in cores for n in c)
    idf = {n: math.log((len(events) + 1) / (k + 1)) + 1.0 for n, k in df.items()}
    story_of: list[int] = []
    for i, core in enumerate(cores):
        best, best_sim = -1, 0.0
        for j in range(i):
            sim = _similarity(core, cores[j], idf)
            if sim > best_sim:
                best, best_sim = j, sim
        story_of.append(story_of[best] if best >= 0 and best_sim >= MIN_SHARED - 1e-9 else i)
    groups: dict[int, list[int]] = {}
    for i, s in enumerate(story_of):
        groups.setdefault(s, []).append(i)
    out = []
    for n, (_, members) in enumerate(sorted(groups.items()), 1):
        if len(members) < 2:
            continue
        ordered = sorted(members, key=lambda i: (events[i].get("date") or "9999", i))
        out.append({"id": f"S{n}", "title": events[ordered[-1]].get("title"),
                    "events": [events[i]["id"] for i in ordered]})
    return out


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
