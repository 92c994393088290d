"""report.json (validated by `schema/report.schema.json`) and report.html (everything escaped).

report.html is a reading view of report.json: events newest first (the order of `kliping events`), each with its
articles, storylines linking to their events, readable dates, and at most `HTML_MAX_ARTICLES` articles. report.json
is never capped.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from importlib import resources
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape

from kliping import __version__
from kliping.analysis.summary import storyline_summary
from kliping.analysis.timeline import storyline_timeline
from kliping.corpus.storylines import stored_storylines
from kliping.errors import Rejected
from kliping.store import Store

# The most articles report.html shows. Each card carries the article's full text (a few KB of HTML), so 500 make a
# page of a few MB that a browser opens at once; past that the page is a poor way to read a corpus, and the full
# view is the web app's job (`kliping serve`). The articles shown are those of the most recent events.
HTML_MAX_ARTICLES = 500

# Entity types the legend names, in its order, with the colour class each gets; other types share "other".
ENTITY_TYPES = {"PER": "person", "ORG": "organisation", "LOC": "place", "EVT": "event", "MISC": "other name"}

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
# The ISO forms report.json uses (see the schema's `published`): a date, or a date-time with an optional offset.
_ISO = re.compile(r"\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?([+-]\d{2}:\d{2}|Z)?)?")
_MONTH = re.compile(r"\d{4}-\d{2}")
# Article ids used as they are in anchors; any other id is hashed (ids are arbitrary user strings).
_PLAIN_ID = re.compile(r"[A-Za-z0-9_-]{1,64}")


def build_report(store: Store, rejected: list[Rejected] | None = None) -> dict[str, Any]:
    also_at = store.page_sources()
    articles = [{**a.to_report(), "sources": [a.source, *also_at.get(a.id, [])]} for a in store.articles()]
    analyses = store.analyses()
    events = [{**e, **analyses.get(e["id"], EMPTY_ANALYSIS)} for e in store.events()]
    return {
        "kliping": __version__,
        "generated": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "articles": articles,
        "events": events,
        "storylines": with_storyline_analysis(stored_storylines(store, events), events),
        "rejected": [{"source": r.source, "line": r.line, "reason": r.reason} for r in (rejected or [])],
    }


# What an event shows before its analysis is computed (a store linked but not analysed yet).
EMPTY_ANALYSIS: dict[str, Any] = {"timeline": [], "comparison": {"agreed": [], "unique": [], "conflicts": []},
                                  "quotes": [], "summary": [], "provenance": {"first": None, "credits": [],
                                                                              "chains": [], "copies": []}}


def with_storyline_analysis(storylines: list[dict[str, Any]], events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Storylines with their timeline (their events' entries, each naming its event) and summary (a dated sentence
    per event), built from the events' cached analyses."""
    by_id = {e["id"]: e for e in events}
    out = []
    for s in storylines:
        members = [by_id[e] for e in s["events"] if e in by_id]
        out.append({**s, "timeline": storyline_timeline(members), "summary": storyline_summary(members)})
    return out


def schema() -> dict[str, Any]:
    text = resources.files("kliping").joinpath("schema/report.schema.json").read_text(encoding="utf-8")
    return dict(json.loads(text))


def write_json(report: dict[str, Any], path: Path) -> None:
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    tmp.replace(path)  # atomic: a killed run never leaves half a report


# ---------- shared with the CLI ----------

def event_recency(event: dict[str, Any]) -> tuple[str, int]:
    """Sort key of an event record, newest first when sorted with reverse=True (as `kliping events` lists them):
    its consensus day, else the last time one of its articles was published, then its number (later ids first)."""
    number = str(event.get("id", ""))[1:]
    return (event.get("date") or event.get("last_seen") or "", int(number) if number.isdigit() else -1)


def newest_first(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Event records, most recent first (see `event_recency`)."""
    return sorted(events, key=event_recency, reverse=True)


# ---------- helpers of the HTML page ----------

def plural(n: int, singular: str, plural_form: str | None = None) -> str:
    """'1 article', '2 articles', '1,200 articles'."""
    return f"{n:,} {singular if n == 1 else plural_form or singular + 's'}"


def readable_date(value: Any) -> tuple[str, str] | None:
    """(ISO value, reader's text) for an ISO date or date-time: 'Wed 13 Sep 2023, 14:05 (+07:00)', '13 Sep 2023',
    or a month ('Sep 2023', a date mention such as "September 2023"); None for anything else (the page shows such a
    value as given)."""
    if isinstance(value, str) and _MONTH.fullmatch(value) and 1 <= int(value[5:]) <= 12:
        return value, f"{_MONTHS[int(value[5:]) - 1]} {value[:4]}"
    if not isinstance(value, str) or not _ISO.fullmatch(value):
        return None
    try:
        if "T" not in value:
            d = dt.date.fromisoformat(value)
            return value, f"{d.day} {_MONTHS[d.month - 1]} {d.year}"
        t = dt.datetime.fromisoformat(value)
    except ValueError:  # 2023-02-30, 25:00
        return None
    text = f"{_DAYS[t.weekday()]} {t.day} {_MONTHS[t.month - 1]} {t.year}, {t.hour:02d}:{t.minute:02d}"
    if value.endswith(("Z", "+00:00")):
        text += " (UTC)"
    elif t.tzinfo is not None:
        text += f" ({value[-6:]})"
    return value, text


def article_anchor(article_id: str) -> str:
    """The HTML id of an article's card: 'a-<id>' for an id of letters, digits, '-' and '_', else 'a.<hash>' (the
    two forms never meet: plain ids have no '.')."""
    if _PLAIN_ID.fullmatch(article_id):
        return f"a-{article_id}"
    return "a." + hashlib.sha1(article_id.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def _instant(published: Any) -> dt.datetime | None:
    """A comparable instant of a publication time (a date counts as its midnight UTC); None when absent or
    malformed."""
    if readable_date(published) is None:
        return None
    t = dt.datetime.fromisoformat(published)
    return t if t.tzinfo is not None else t.replace(tzinfo=dt.UTC)


def _article_recency(indexed: tuple[int, dict[str, Any]]) -> tuple[bool, dt.datetime, int]:
    i, a = indexed
    t = _instant(a.get("published"))
    return (t is not None, t or dt.datetime.min.replace(tzinfo=dt.UTC), -i)


def html_view(report: dict[str, Any], max_articles: int | None = None) -> dict[str, Any]:
    """What report.html shows: the events newest first, each with its articles (newest first, undated last) up to
    `max_articles` (default `HTML_MAX_ARTICLES`) in all, then the articles of no event; what the cap left out; the
    anchors of what is shown."""
    limit = HTML_MAX_ARTICLES if max_articles is None else max_articles
    articles = report["articles"]
    of_event: dict[str | None, list[tuple[int, dict[str, Any]]]] = {}
    for i, a in enumerate(articles):
        of_event.setdefault(a.get("event"), []).append((i, a))
    events = newest_first(report["events"])
    known = {e["id"] for e in events}
    loose = [ia for eid, group in of_event.items() if eid not in known for ia in group]
    blocks: list[tuple[dict[str, Any] | None, list[tuple[int, dict[str, Any]]]]] = [
        (e, of_event.get(e["id"], [])) for e in events]
    if loose:
        blocks.append((None, sorted(loose, key=lambda ia: ia[0])))
    groups: list[dict[str, Any]] = []
    shown, hidden_events = 0, 0
    for event, members in blocks:
        if shown >= limit:
            hidden_events += event is not None
            continue
        ordered = [a for _, a in sorted(members, key=_article_recency, reverse=True)]
        take = ordered[:limit - shown]
        shown += len(take)
        groups.append({"event": event, "articles": take, "total": len(ordered)})
    shown_articles = [a for g in groups for a in g["articles"]]
    storyline_of = {e: s["id"] for s in report["storylines"] for e in s["events"]}
    types = {x.get("type") for a in shown_articles for x in a.get("entities") or []}
    return {
        "groups": groups,
        "events": [g["event"] for g in groups if g["event"] is not None],
        "event_by_id": {g["event"]["id"]: g["event"] for g in groups if g["event"] is not None},
        "any_event": {e["id"]: e for e in events},
        "anchor_of": {a["id"]: article_anchor(a["id"]) for a in shown_articles},
        "title_of": {a["id"]: a.get("title") for a in shown_articles},
        "storyline_of": storyline_of,
        "shown_articles": len(shown_articles),
        "hidden_articles": len(articles) - len(shown_articles),
        "hidden_events": hidden_events,
        "limit": limit,
        "legend": [(t, label) for t, label in ENTITY_TYPES.items() if t in types]
                  + ([("other", "other")] if types - set(ENTITY_TYPES) else []),
    }


def _entity_class(entity_type: Any) -> str:
    return entity_type if entity_type in ENTITY_TYPES else "other"


def render_html(report: dict[str, Any]) -> str:
    env = Environment(loader=PackageLoader("kliping", "templates"), autoescape=select_autoescape(default=True))
    env.filters.update(plural=plural, readable_date=readable_date, anchor=article_anchor, entity_class=_entity_class)
    return env.get_template("report.html").render(report=report, view=html_view(report))


def write_html(report: dict[str, Any], path: Path) -> None:
    tmp = path.with_suffix(".html.tmp")
    tmp.write_text(render_html(report), encoding="utf-8")
    tmp.replace(path)
