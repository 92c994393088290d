"""Where an event's reports came from: who reported first, who credits whom, and which articles are copies.

Everything is read off fields earlier stages set, so the answer is only as good as they are and says nothing they
do not: `published` (cleaning), `cited_sources` (the sources an article credits in its text, dateline or footer:
`clean/meta.py`), `outlet`, and the links of the duplicate stage (`corpus/dedup.py`: `duplicate_of` for the same
page or text from one outlet, `copy_of` for another outlet's republished text, with the overlap and the credited
source).

- **first**: the earliest publication. Times with offsets compare as instants. A date alone says "some time that
  day", so it is earlier than a timed report only when its day is before the day that report gives (its own
  calendar date); undated articles are never first. Ties go to the smaller id.
- **credits**: per article, the sources it credits, its own outlet and vague credits ("berbagai sumber") left out.
- **chains**: per article, the path from the original source to its outlet: news agencies first (the wires in
  `lang.id.NEWS_AGENCIES`, under their usual names: "Agence France-Presse" is "AFP"), then the outlets it credits
  or copied, then its own outlet. Seed 002 (pelita.online) credits KCNA, AFP and cnbcindonesia.com: ["KCNA",
  "cnbcindonesia.com", "pelita.online"] and ["AFP", "cnbcindonesia.com", "pelita.online"]. When a credited outlet
  has an article in the event, that article's own chains come first (a copy of a copy is a chain of three). An
  article that credits nothing and copies nothing has no chain: it is its own origin as far as the text says.
  Identical chains (the same outlets, however spelled) are listed once.
- **copies**: every article whose `duplicate_of` or `copy_of` names another article, inside the event or not
  (`of` is that article's id).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any
from urllib.parse import urlsplit

from kliping.corpus.dedup import outlet_key
from kliping.lang import aliases_id
from kliping.lang import id as lang_id
from kliping.model import Article


def event_provenance(articles: Sequence[Article]) -> dict[str, Any]:
    """{"first", "credits", "chains", "copies"} of one event's articles (see the module docstring)."""
    return {
        "first": first_report(articles),
        "credits": [{"article": a.id, "outlet": a.outlet, "credits": names} for a in articles
                    if (names := credited(a))],
        "chains": chains(articles),
        "copies": copies(articles),
    }


# ---------- first report ----------

def first_report(articles: Sequence[Article]) -> dict[str, Any] | None:
    """The article published first: {"article", "outlet", "published"}, or None when none is dated."""
    timed: list[tuple[dt.datetime, str, Article]] = []
    dated: list[tuple[dt.date, str, Article]] = []
    for a in articles:
        when = _when(a.published)
        if isinstance(when, dt.datetime):
            timed.append((when, a.id, a))
        elif isinstance(when, dt.date):
            dated.append((when, a.id, a))
    first_timed = min(timed, key=lambda t: (t[0], t[1]), default=None)
    first_dated = min(dated, key=lambda t: (t[0], t[1]), default=None)
    if first_dated is not None and (first_timed is None or first_dated[0] < _local_day(first_timed[2])):
        best = first_dated[2]
    elif first_timed is not None:
        best = first_timed[2]
    else:
        return None
    return {"article": best.id, "outlet": best.outlet, "published": best.published}


def _when(published: str | None) -> dt.datetime | dt.date | None:
    """An aware instant for a time (one without an offset is read as UTC), a date for a date alone, else None."""
    if not published:
        return None
    try:
        if len(published) == 10:
            return dt.date.fromisoformat(published)
        t = dt.datetime.fromisoformat(published)
    except ValueError:
        return None
    return t if t.tzinfo is not None else t.replace(tzinfo=dt.UTC)


def _local_day(a: Article) -> dt.date:
    """The calendar day a timed article gives for itself (in its own offset)."""
    return dt.date.fromisoformat((a.published or "")[:10])


# ---------- credits and chains ----------

_VAGUE = {s.casefold() for s in lang_id.VAGUE_SOURCES}


def _agency_names() -> dict[str, str]:
    """Outlet key of every name of a news agency -> the agency's usual name (the first listed: "Associated Press"
    is "AP")."""
    out: dict[str, str] = {}
    for name in lang_id.NEWS_AGENCIES:
        for form in [name, *aliases_id.ORGANISATIONS.get(name, [])]:
            if key := outlet_key(form):
                out.setdefault(key, name)
    return out


_AGENCY = _agency_names()


def agency(name: str) -> str | None:
    """The usual name of the news agency `name` is ("Agence France-Presse", "antaranews.com"), or None."""
    return _AGENCY.get(outlet_key(name) or "")


def credited(art: Article) -> list[str]:
    """The sources an article credits (in its text, or as the duplicate stage found it crediting its original):
    agencies under their usual names, its own outlet and vague credits left out, each once."""
    own = _own_key(art)
    out: dict[str, str] = {}
    for name in [*art.cited_sources, *([art.copy_of.credited] if art.copy_of and art.copy_of.credited else [])]:
        key = outlet_key(name)
        if not key or key == own or name.strip().casefold() in _VAGUE:
            continue
        out.setdefault(key, agency(name) or name.strip())
    return list(out.values())


def _own(art: Article) -> str | None:
    """The article's outlet as named, else its URL's host."""
    if art.outlet:
        return art.outlet
    return urlsplit(art.url).hostname if art.url and "://" in art.url else None


def _own_key(art: Article) -> str | None:
    own = _own(art)
    return outlet_key(own) if own else None


def chains(articles: Sequence[Article]) -> list[list[str]]:
    """Each article's paths from its original sources to its outlet, identical ones once, in article order."""
    ctx = _Chains(articles)
    return _unique([c for a in articles for c in ctx.of(a)])


class _Chains:
    """Chains of one event's articles, each computed once; a credited outlet with articles in the event lends
    them its chains."""

    def __init__(self, articles: Sequence[Article]) -> None:
        self.by_id = {a.id: a for a in articles}
        self.by_outlet: dict[str, list[Article]] = {}
        for a in articles:
            if (k := _own_key(a)) is not None:
                self.by_outlet.setdefault(k, []).append(a)
        self.done: dict[str, list[list[str]]] = {}
        self.active: set[str] = set()

    def of(self, art: Article) -> list[list[str]]:
        if art.id in self.done:
            return self.done[art.id]
        if art.id in self.active:  # outlets crediting each other: the loop adds nothing
            return []
        self.active.add(art.id)
        result = self._build(art)
        self.active.discard(art.id)
        self.done[art.id] = result
        return result

    def _build(self, art: Article) -> list[list[str]]:
        own = _own(art)
        if own is None:
            return []
        sources = credited(art)
        copied = self.by_id.get(art.copy_of.id) if art.copy_of else None
        if copied is not None and (name := _own(copied)) and outlet_key(name) not in (
                _own_key(art), *(outlet_key(s) for s in sources)):
            sources.append(name)
        wires = [s for s in sources if agency(s)]
        outlets = [s for s in sources if not agency(s)]
        if not outlets:
            return [[w, own] for w in wires]
        out: list[list[str]] = []
        for o in outlets:
            # A path through this article's own outlet is a loop (outlets crediting each other): left out.
            ups = [u for u in self._upstream(o, art) if outlet_key(own) not in {outlet_key(x) for x in u}]
            heads = {u[0] for u in ups}
            out += [[*u, own] for u in ups]
            out += [[w, o, own] for w in wires if w not in heads]
            if not ups and not wires:
                out.append([o, own])
        return _unique(out)

    def _upstream(self, outlet: str, art: Article) -> list[list[str]]:
        """The chains of the event's articles from `outlet` (other than `art`), each ending at that outlet."""
        out: list[list[str]] = []
        for other in self.by_outlet.get(outlet_key(outlet) or "", []):
            if other.id != art.id:
                out += [[*c[:-1], outlet] for c in self.of(other)]
        return _unique(out)


def _unique(paths: list[list[str]]) -> list[list[str]]:
    """Each path once, in order, the first spelling kept ("UzbekistanZamin" is "Uzbekistan Zamin"); an outlet's
    many articles often have the same chains."""
    out: dict[tuple[str, ...], list[str]] = {}
    for p in paths:
        out.setdefault(tuple(outlet_key(x) or x for x in p), p)
    return list(out.values())


# ---------- copies ----------

def copies(articles: Sequence[Article]) -> list[dict[str, Any]]:
    """Every duplicate (same outlet: the same page or text) and syndicated copy (another outlet's text) link."""
    out: list[dict[str, Any]] = []
    for a in articles:
        if a.duplicate_of and a.duplicate_of != a.id:
            out.append({"article": a.id, "of": a.duplicate_of, "kind": "duplicate", "overlap": None,
                        "credited": None})
        if a.copy_of is not None and a.copy_of.id and a.copy_of.id != a.id:
            out.append({"article": a.id, "of": a.copy_of.id, "kind": "copy", "overlap": a.copy_of.overlap,
                        "credited": a.copy_of.credited})
    return out
