"""`kliping search` and `kliping events`: reading a store."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.text import Text

from kliping.cli.common import DEFAULT_DB, check_db, plural
from kliping.errors import KlipingError, UsageError

Db = Annotated[Path, typer.Option("--db", metavar="FILE", help="The store to read.")]
Limit = Annotated[int, typer.Option(metavar="N", help="How many to show (0: all).")]
out = Console(highlight=False, soft_wrap=True)


def _day(value: str | None, option: str) -> str | None:
    import datetime as dt

    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError as e:
        raise UsageError(f"{option} {value!r}: give a day as YYYY-MM-DD") from e


def search(
    query: Annotated[str, typer.Argument(metavar="QUERY", show_default=False,
                                         help='Words (all must match) and "phrases in quotes".')],
    db: Db = DEFAULT_DB,
    limit: Limit = 20,
    since: Annotated[str | None, typer.Option(metavar="YYYY-MM-DD", help="Published on or after this day.")] = None,
    until: Annotated[str | None, typer.Option(metavar="YYYY-MM-DD", help="Published on or before this day.")
                     ] = None,
    outlet: Annotated[str | None, typer.Option(metavar="NAME", help="Only this outlet (part of its name).")] = None,
    fts: Annotated[bool, typer.Option("--fts", help="QUERY is SQLite FTS5 syntax (OR, NOT, NEAR, prefix*).")
                   ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="JSON lines on stdout.")] = False,
) -> None:
    """Keyword search over the stored articles' titles and text, best match first; duplicates of a shown article
    are folded into it."""
    from kliping.store import Store
    from kliping.store.search import fts_query
    from kliping.store.sqlite import snippet_matches

    check_db(db, must_exist=True)
    q = query if fts else fts_query(query)
    if not q.strip():
        raise UsageError(f"query {query!r} has no words to search for")
    with Store(db) as store:
        try:
            # Duplicates fold into their original: fetch more than shown so that folding still fills the page.
            hits = store.search(q, 0 if limit <= 0 else limit * 3, _day(since, "--since"), _day(until, "--until"),
                                outlet)
        except sqlite3.OperationalError as e:
            raise UsageError(f"query {query!r} is not valid FTS5 syntax ({e}); drop --fts to search for the "
                             "words") from e
    shown: dict[str, dict[str, Any]] = {}
    for art, snip in hits:
        original = art.duplicate_of
        if original in shown:
            shown[original]["duplicates"].append(art.id)
            continue
        if limit > 0 and len(shown) >= limit:
            continue
        plain, spans = snippet_matches(snip)
        shown[art.id] = {"id": art.id, "title": art.title, "published": art.published, "outlet": art.outlet,
                         "url": art.url, "event": art.event, "duplicate_of": art.duplicate_of, "snippet": plain,
                         "matches": spans, "duplicates": []}
    for hit in shown.values():
        if as_json:
            typer.echo(json.dumps(hit, ensure_ascii=False))
            continue
        head = Text()
        head.append(hit["id"], style="bold")
        head.append(f"  {(hit['published'] or '-')[:16].replace('T', ' ')}  {hit['outlet'] or '-'}  "
                    f"{hit['event'] or '-'}  ")
        head.append(hit["title"] or "(untitled)", style="bold")
        out.print(head)
        snippet = Text("    " + hit["snippet"])
        for a, b in hit["matches"]:
            snippet.stylize("bold yellow", a + 4, b + 4)
        out.print(snippet)
        extra = []
        if hit["url"]:
            extra.append(hit["url"])
        if hit["duplicates"]:
            extra.append(f"+{plural(len(hit['duplicates']), 'duplicate')}: {', '.join(hit['duplicates'])}")
        if extra:
            out.print(Text("    " + "  ".join(extra), style="dim"))
    if not shown and not as_json:
        typer.echo(f"no articles match {query!r}", err=True)


def events(
    event: Annotated[str | None, typer.Argument(metavar="[EVENT]", show_default=False,
                                                help="An event id (E12) to show with its articles; none: list.")
                     ] = None,
    db: Db = DEFAULT_DB,
    limit: Annotated[int, typer.Option(metavar="N", help="How many events to list (0: all).")] = 50,
    min_size: Annotated[int, typer.Option("--min-size", metavar="N", help="Only events of at least N articles.")
                        ] = 1,
    sort: Annotated[str, typer.Option(metavar="recent|size", help="List the most recent first, or the largest.")
                    ] = "recent",
    as_json: Annotated[bool, typer.Option("--json", help="JSON on stdout (lines when listing).")] = False,
) -> None:
    """The events of a store (`kliping ingest` keeps them up to date), most recent first, or one event with its
    articles. An id that was merged into another event shows the event it went into."""
    from kliping.corpus.storylines import storyline_of as storylines_by_event
    from kliping.store import Store

    if sort not in ("recent", "size"):
        raise UsageError(f"--sort {sort!r}: give recent or size")
    check_db(db, must_exist=True)
    with Store(db) as store:
        if event is None:
            chosen = store.recent_events(limit, by_size=sort == "size", min_size=min_size)
            storyline_of = storylines_by_event(store)
            for e in chosen:
                if as_json:
                    typer.echo(json.dumps({**e, "storyline": storyline_of.get(e["id"])}, ensure_ascii=False))
                else:
                    typer.echo("\t".join([e["id"], e.get("date") or "-", plural(len(e["articles"]), "article"),
                                          (e.get("title") or "(untitled)").replace("\t", " ")]))
            return
        records = store.events()
        by_id = {e["id"]: e for e in records}
        into = {old: e["id"] for e in records for old in e.get("merged_from", [])}
        record = by_id.get(event) or by_id.get(into.get(event, ""))
        if record is None:
            raise KlipingError(f"{event}: no such event in {db} (`kliping events --db {db}` lists them)")
        if record["id"] != event:
            typer.echo(f"{event} was merged into {record['id']}", err=True)
        arts = [{"id": a.id, "published": a.published, "outlet": a.outlet, "title": a.title,
                 "duplicate_of": a.duplicate_of, "copy_of": a.copy_of.id if a.copy_of else None}
                for a in store.articles_of_event(record["id"])]
    if as_json:
        typer.echo(json.dumps({**record, "articles": arts}, ensure_ascii=False))
        return
    typer.echo(f"{record['id']}  {record.get('title') or '(untitled)'}  ({plural(len(arts), 'article')})")
    for label, value in (("date", record.get("date")), ("places", ", ".join(record.get("places") or [])),
                         ("entities", ", ".join(x["name"] for x in record.get("entities") or [])),
                         ("outlets", ", ".join(record.get("outlets") or [])),
                         ("reported", f"{record.get('first_seen') or '?'} .. {record.get('last_seen') or '?'}"),
                         ("merged from", ", ".join(record.get("merged_from") or []))):
        if value:
            typer.echo(f"  {label}: {value}")
    for a in arts:
        title = (a["title"] or "(untitled)").replace("\t", " ")  # one tab-separated line an article, as listed
        mark = (f"\t(duplicate of {a['duplicate_of']})" if a["duplicate_of"]
                else f"\t(copy of {a['copy_of']})" if a["copy_of"] else "")
        typer.echo(f"  {a['id']}\t{a['published'] or '-'}\t{a['outlet'] or '-'}\t{title}{mark}")


