"""An event's timeline: the dated happenings its articles report, in date order.

A sentence that names a date (at the precision the text gives: a day, or a month) is a happening of that date; the
same statement reported by several articles (`align`) is one entry listing them all. A date the article only
implies (its publication day) is not a happening the text dates, so only dates written in the text count.
"""

from __future__ import annotations

from typing import Any

from kliping.analysis.align import Statement
from kliping.analysis.facts import Sentence
from kliping.analysis.summary import inside_a_quote

# The most entries an event's timeline lists: the dates most articles report are kept, then listed in date order.
MAX_ENTRIES = 30


def event_timeline(sentences: list[Sentence], statements: list[Statement], order: dict[str, int]
                   ) -> list[dict[str, Any]]:
    """[{date, text, articles, evidence: [{article, start, end}]}] in date order (ties: the order the articles
    came in, `order`)."""
    entries: dict[tuple[str, int], dict[str, Any]] = {}
    for k, st in enumerate(statements):
        members = sorted(st.members, key=lambda i: order.get(sentences[i].article, 0))
        for i in members:
            s = sentences[i]
            if inside_a_quote(s.text):
                continue  # a piece of a quote the sentence splitter cut: not readable as an entry
            for d in s.dates:
                # The entry's text is the first sentence that gives this date (its statement's other members may
                # say the same thing without it).
                e = entries.setdefault((d.day, k), {"date": d.day, "text": s.text, "articles": [], "evidence": []})
                if s.article not in e["articles"]:
                    e["articles"].append(s.article)
                    e["evidence"].append({"article": s.article, "start": s.start, "end": s.end})
    kept = sorted(entries.values(), key=lambda e: (-len(e["articles"]), e["date"]))[:MAX_ENTRIES]
    return sorted(kept, key=lambda e: (e["date"], order.get(e["articles"][0], 0)))


def storyline_timeline(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The timelines of a storyline's events (records with `timeline`) as one, each entry naming its event."""
    out = [{**entry, "event": e["id"]} for e in events for entry in e.get("timeline") or []]
    return sorted(out, key=lambda x: (x["date"], x["event"]))
