"""report.json (validated by `schema/report.schema.json`) and report.html (everything escaped).

report.html is a reading view of report.json: events newest first (the order of `kliping events`), each with its
analysis (the cited summary first, then conflicts side by side with their evidence highlighted, the timeline, what
outlets agree on, what one alone reports, quotes by speaker, provenance) and its articles; storylines with their
timeline and summary, linking to their events; readable dates; at most `HTML_MAX_ARTICLES` articles. report.json
is never capped.

Every value shown comes from web pages, so nothing from report.json is ever marked safe: highlights are built here
as (piece, highlighted) pairs (`highlight`) and the template escapes each piece; the only links are in-page anchors
built by `article_anchor` (and event ids), never a URL from the data. The analysis sections are normalised here
(`analysis_view`, `storyline_view`) so a missing, empty or malformed section shows as nothing rather than failing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Iterable
from importlib import resources
from pathlib import Path
from typing import Any, TypeGuard

from jinja2 import Environment, PackageLoader, select_autoescape

from kliping import __version__
from kliping.analysis.event import EMPTY_ANALYSIS
from kliping.analysis.summary import storyline_summary
from kliping.analysis.timeline import storyline_timeline
from kliping.corpus.storylines import stored_storylines
from kliping.errors import Rejected
from kliping.model import Article
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

# Above these counts a list of the event's analysis is collapsed in <details> (closed): a person reads the summary
# and the conflicts first; 25 unique statements or 40 quotes open would push the articles off several screens.
# Chosen by looking at the seed report (E2: 25 unique statements, 11 agreed) in a browser.
UNIQUE_OPEN = 6
QUOTES_OPEN = 6
AGREED_SHOWN = 6  # agreed statements shown before "n more"
EVIDENCE_SHOWN = 3  # evidence sentences shown per conflict value before "n more"
STORYLINE_TIMELINE_OPEN = 8
# The longest last word kept on one line with its citation (`tail_split`): words are shorter, URLs longer.
NOWRAP_MAX = 30
# Conflict kinds with a badge colour of their own (analysis/conflicts.py); any other shows as "other".
CONFLICT_KINDS = ("date", "weekday", "place", "number")


def build_report(store: Store, rejected: list[Rejected] | None = None,
                 articles: Iterable[Article] | None = None) -> dict[str, Any]:
    """report.json from the store; `articles` when the caller already read them (`kliping.analyze` keeps them)."""
    also_at = store.page_sources()
    rows = [{**a.to_report(), "sources": [a.source, *also_at.get(a.id, [])]}
            for a in (store.articles() if articles is None else articles)]
    analyses = store.analyses()
    events = [{**e, **analyses.get(e["id"], EMPTY_ANALYSIS)} for e in store.events()]
    return {
        "kliping": __version__,
        "generated": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "articles": rows,
        "events": events,
        "storylines": with_storyline_analysis(stored_storylines(store, events), events),
        "rejected": [{"source": r.source, "line": r.line, "reason": r.reason} for r in (rejected or [])],
    }


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


# ---------- highlights and the analysis, normalised for the page ----------

Piece = tuple[str, bool]


def _int(x: Any) -> TypeGuard[int]:
    return isinstance(x, int) and not isinstance(x, bool)


def highlight(text: Any, spans: Iterable[tuple[Any, Any]]) -> list[Piece]:
    """`text` cut into (piece, highlighted) pairs, the spans [start, end) highlighted. Offsets are clamped to the
    text, overlapping or touching spans become one, and spans that are not a pair of integers with start < end are
    ignored: a highlight never fails the page. The pieces joined are `text`; the template escapes each one.

    >>> highlight("Senin pagi", [(0, 5)])
    [('Senin', True), (' pagi', False)]
    """
    if not isinstance(text, str):
        return []
    n = len(text)
    cuts = sorted((max(0, a), min(n, b)) for a, b in spans if _int(a) and _int(b) and max(0, a) < min(n, b))
    pieces: list[Piece] = []
    pos = 0
    for a, b in cuts:
        if b <= pos:
            continue
        if pieces and pieces[-1][1] and a <= pos:  # overlaps or touches the last highlight
            pieces[-1] = (pieces[-1][0] + text[pos:b], True)
        else:
            a = max(a, pos)
            if a > pos:
                pieces.append((text[pos:a], False))
            pieces.append((text[a:b], True))
        pos = b
    if pos < n or not pieces:
        pieces.append((text[pos:], False))
    return pieces


def tail_split(pieces: list[Piece]) -> tuple[list[Piece], list[Piece]]:
    """(head, tail): the pieces cut after the last space, so the page keeps the last word and the citation after it
    on one line (a lone "[3]" wrapped to a line of its own reads as a stray mark). A last "word" longer than
    `NOWRAP_MAX` characters (a URL) is left in the head: unbreakable, it would overflow a narrow screen."""
    head, tail = [], list(pieces)
    for k in range(len(pieces) - 1, -1, -1):
        text, hl = pieces[k]
        cut = max(text.rfind(" "), text.rfind("\n"), text.rfind("\t"))
        if cut >= 0 and hl:  # a highlight is not cut in two: it goes to the tail whole
            head, tail = pieces[:k], pieces[k:]
            break
        if cut >= 0:
            head = [*pieces[:k], (text[:cut + 1], hl)]
            tail = ([(text[cut + 1:], hl)] if cut + 1 < len(text) else []) + pieces[k + 1:]
            break
    if sum(len(t) for t, _ in tail) > NOWRAP_MAX:
        return list(pieces), []
    return head, tail


def last_word(text: Any) -> tuple[str, str]:
    """(head, last word) of a text, for `tail_split`'s purpose; a value that is not text is shown as given."""
    head, tail = tail_split([(text if isinstance(text, str) else "" if text is None else str(text), False)])
    return "".join(t for t, _ in head), "".join(t for t, _ in tail)


def cite_order(ids: Any, numbers: dict[str, int] | None) -> list[str]:
    """Article ids in the order of their citation numbers ([1][5][6], not [6][5][1]); unnumbered ones last."""
    numbers = numbers or {}
    return sorted(_strs(ids), key=lambda i: numbers.get(i, len(numbers) + 1))


def evidence_pieces(evidence: dict[str, Any]) -> list[Piece]:
    """The evidence sentence of a conflict value with the evidence highlighted: `start`/`end` are offsets into the
    article text (into the caption line when `part` is "caption") and `sentence_start` is where `sentence` starts
    there, so the highlight is [start - sentence_start, end - sentence_start) of the sentence."""
    sentence, base = evidence.get("sentence"), evidence.get("sentence_start")
    start, end = evidence.get("start"), evidence.get("end")
    if not (_int(base) and _int(start) and _int(end)):
        return highlight(sentence, [])
    return highlight(sentence, [(start - base, end - base)])


def paragraph_pieces(article: dict[str, Any]) -> list[list[Piece]] | None:
    """The article's paragraphs with its flags' spans (offsets into `text`) highlighted, or None when it has no
    flag (the page then shows the paragraphs as they are). Each paragraph is found in `text` after the previous
    one, so the offsets hold however paragraphs are separated."""
    flags = [f for f in _dicts(article.get("flags")) if _int(f.get("start")) and _int(f.get("end"))]
    text, paragraphs = article.get("text"), article.get("paragraphs")
    if not flags or not isinstance(text, str) or not isinstance(paragraphs, list):
        return None
    out, pos = [], 0
    for p in paragraphs:
        if not isinstance(p, str):
            continue
        at = text.find(p, pos)
        if at < 0:  # not where it should be: shown without highlights
            out.append([(p, False)])
            continue
        out.append(highlight(p, [(f["start"] - at, f["end"] - at) for f in flags]))
        pos = at + len(p)
    return out


def _dict(x: Any) -> dict[str, Any]:
    return x if isinstance(x, dict) else {}


def _list(x: Any) -> list[Any]:
    return x if isinstance(x, list) else []


def _dicts(x: Any) -> list[dict[str, Any]]:
    return [d for d in x if isinstance(d, dict)] if isinstance(x, list) else []


def _strs(x: Any) -> list[str]:
    return [v for v in x if isinstance(v, str)] if isinstance(x, list) else []


def _str(x: Any) -> str | None:
    return x if isinstance(x, str) and x else None


def _cited(entry: dict[str, Any], text_key: str = "text", ids_key: str = "articles") -> dict[str, Any]:
    """An entry with its text (`text_key`) as "text" and the ids it cites (`ids_key`) as "articles"."""
    return {**entry, "text": _str(entry.get(text_key)), "articles": _strs(entry.get(ids_key))}


def _with_text(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [x for x in entries if x["text"]]


def analysis_view(event: dict[str, Any]) -> dict[str, Any]:
    """An event's analysis as the page shows it: every section present (empty when missing or malformed), ids as
    strings, conflict evidence as highlight pieces, unique statements grouped by article."""
    comparison = _dict(event.get("comparison"))
    unique: dict[str, dict[str, Any]] = {}
    for u in _dicts(comparison.get("unique")):
        if (aid := _str(u.get("article"))) and (text := _str(u.get("statement"))):
            unique.setdefault(aid, {"article": aid, "outlet": _str(u.get("outlet")), "statements": []})
            unique[aid]["statements"].append(text)
    quotes: list[dict[str, Any]] = [
        {"speaker": _str(q.get("speaker")), "quotes": said} for q in _dicts(event.get("quotes"))
        if (said := _with_text([_cited(x) for x in _dicts(q.get("quotes"))]))]
    return {
        "summary": _with_text([_cited(x, ids_key="sources") for x in _dicts(event.get("summary"))]),
        "conflicts": [_conflict_view(c) for c in _dicts(comparison.get("conflicts"))],
        "timeline": _with_text([_cited(x) for x in _dicts(event.get("timeline"))]),
        "agreed": _with_text([{**_cited(x, text_key="statement"), "outlets": _strs(x.get("outlets"))}
                              for x in _dicts(comparison.get("agreed"))]),
        "unique": list(unique.values()),
        "unique_count": sum(len(u["statements"]) for u in unique.values()),
        "quotes": quotes,
        "quote_count": sum(len(q["quotes"]) for q in quotes),
        "provenance": _provenance_view(_dict(event.get("provenance"))),
    }


def _conflict_view(c: dict[str, Any]) -> dict[str, Any]:
    kind = _str(c.get("kind")) or "conflict"
    values = [{"value": v.get("value"), "articles": _strs(v.get("articles")),
               "evidence": [{"article": _str(ev.get("article")), "caption": ev.get("part") == "caption",
                             "pieces": evidence_pieces(ev)} for ev in _dicts(v.get("evidence"))]}
              for v in _dicts(c.get("values"))]
    return {"kind": kind, "kind_class": kind if kind in CONFLICT_KINDS else "other",
            "subject": _str(c.get("subject")), "within_article": c.get("scope") == "article",
            "explanation": _str(c.get("explanation")), "values": values}


def _provenance_view(prov: dict[str, Any]) -> dict[str, Any]:
    first = _dict(prov.get("first"))
    out: dict[str, Any] = {
        "first": first if _str(first.get("article")) else None,
        "credits": [{"article": c["article"], "outlet": _str(c.get("outlet")), "credits": names}
                    for c in _dicts(prov.get("credits"))
                    if _str(c.get("article")) and (names := _strs(c.get("credits")))],
        "chains": [chain for c in _list(prov.get("chains")) if (chain := _strs(c))],
        "copies": [{"article": c["article"], "of": c["of"], "duplicate": c.get("kind") == "duplicate",
                    "percent": _percent(c.get("overlap")), "credited": _str(c.get("credited"))}
                   for c in _dicts(prov.get("copies")) if _str(c.get("article")) and _str(c.get("of"))],
    }
    out["any"] = any(out.values())
    return out


def _percent(share: Any) -> int | None:
    """A share of 0..1 as a whole percent; None for anything else."""
    if isinstance(share, (int, float)) and not isinstance(share, bool) and 0 <= share <= 1:
        return round(100 * share)
    return None


def storyline_view(storyline: dict[str, Any]) -> dict[str, Any]:
    """A storyline's timeline and summary as the page shows them (entries without text left out)."""
    def entries(key: str, ids_key: str) -> list[dict[str, Any]]:
        return _with_text([{**_cited(t, ids_key=ids_key), "event": _str(t.get("event"))}
                           for t in _dicts(storyline.get(key))])
    return {"timeline": entries("timeline", "articles"), "summary": entries("summary", "sources")}


def citation_numbers(articles: list[dict[str, Any]], events: list[dict[str, Any]]) -> dict[str, dict[str, int]]:
    """Per event, its articles numbered 1, 2, … in the order their cards show (newest first, undated last; see
    `html_view`), then any article the event lists that no card shows: the [n] of a citation is the card's [n]."""
    of_event: dict[Any, list[tuple[int, dict[str, Any]]]] = {}
    for i, a in enumerate(articles):
        of_event.setdefault(a.get("event"), []).append((i, a))
    out: dict[str, dict[str, int]] = {}
    for e in events:
        ids = [a["id"] for _, a in sorted(of_event.get(e["id"], []), key=_article_recency, reverse=True)]
        numbers = {aid: k for k, aid in enumerate(dict.fromkeys(ids + _strs(e.get("articles"))), 1)}
        out[str(e["id"])] = numbers
    return out


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
        "analysis": {g["event"]["id"]: analysis_view(g["event"]) for g in groups if g["event"] is not None},
        "storylines": {s["id"]: storyline_view(s) for s in report["storylines"]},
        "cite": citation_numbers(articles, events),
        "outlet_of": {a["id"]: a.get("outlet") for a in articles},
        "paragraphs": {a["id"]: pieces for a in shown_articles if (pieces := paragraph_pieces(a)) is not None},
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
        "open": {"unique": UNIQUE_OPEN, "quotes": QUOTES_OPEN, "agreed": AGREED_SHOWN, "evidence": EVIDENCE_SHOWN,
                 "storyline_timeline": STORYLINE_TIMELINE_OPEN},
        "legend": [(t, label) for t, label in ENTITY_TYPES.items() if t in types]
                  + ([("other", "other")] if types - set(ENTITY_TYPES) else []),
    }


def _entity_class(entity_type: Any) -> str:
    return entity_type if entity_type in ENTITY_TYPES else "other"


def render_html(report: dict[str, Any]) -> str:
    env = Environment(loader=PackageLoader("kliping", "templates"), autoescape=select_autoescape(default=True))
    env.filters.update(plural=plural, readable_date=readable_date, anchor=article_anchor, entity_class=_entity_class,
                       tail_split=tail_split, last_word=last_word, cite_order=cite_order)
    return env.get_template("report.html").render(report=report, view=html_view(report))


def write_html(report: dict[str, Any], path: Path) -> None:
    tmp = path.with_suffix(".html.tmp")
    tmp.write_text(render_html(report), encoding="utf-8")
    tmp.replace(path)
