"""`kliping watch` and `kliping fetch`: news from the web, through the same pipeline as `kliping ingest`."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Annotated, Any

import typer

from kliping.cli.common import DEFAULT_DB, Bars, Json, Quiet, Workers, check_db, err, finish, plural, say_rejected
from kliping.errors import UsageError

Urls = Annotated[list[str], typer.Argument(metavar="URL...", show_default=False,
                                           help="RSS/Atom feeds or sitemaps (http or https).")]
PageUrls = Annotated[list[str], typer.Argument(metavar="URL...", show_default=False,
                                               help="Web pages (http or https).")]
Db = Annotated[Path, typer.Option("--db", metavar="FILE", help="The store to add to (created when missing).")]
AllowPrivate = Annotated[bool, typer.Option(
    "--allow-private", help="Also fetch from loopback, private and link-local addresses (refused by default, so a "
                            "feed cannot point Kliping at a machine of your own network).")]
Delay = Annotated[float, typer.Option("--delay", metavar="SECONDS", min=0.0,
                                      help="Wait at least this long between two requests to one host.")]
Timeout = Annotated[float, typer.Option("--timeout", metavar="SECONDS", min=0.1,
                                        help="Give up on a request after this long.")]


def pause(seconds: float) -> None:
    """The wait between two polls (a function of its own so tests can stand in for it)."""
    time.sleep(seconds)


def _note(line: str) -> None:
    err.print(f"kliping: {line}", markup=False)


def _run(urls: list[str], pages: list[str], db: Path, allow_private: bool, delay: float, timeout: float,
         max_pages: int | None, workers: int | None, quiet: bool, interval: float | None) -> Any:
    """Poll once (interval None) or until interrupted; returns the last poll's result."""
    from kliping.pipeline import LocalExecutor
    from kliping.sources.web import WebClient
    from kliping.store import Store
    from kliping.watch import Watcher

    check_db(db)
    store = Store(db)
    client = WebClient(allow_private=allow_private, delay=delay, timeout=timeout)
    bars = Bars(enabled=not quiet and err.is_terminal)
    try:
        watcher = Watcher(store, client, on_reject=say_rejected, on_note=_note, max_pages=max_pages)
        while True:
            res = watcher.poll(urls, pages, LocalExecutor(workers=workers), bars)
            if interval is None:
                return res, store.page_count(), client.requests
            if not quiet:
                _note(f"{_line(res, store.page_count(), client.requests)}; next poll in {interval:g} s")
            pause(interval)
    finally:
        client.close()
        store.close()


def _line(res: Any, total: int, requests: int) -> str:
    parts = [f"{plural(requests, 'request')}", f"{plural(res.pages_fetched, 'page')} fetched "
             f"({res.pages_new:,} new)"]
    if res.pages_known:
        parts.append(f"{res.pages_known:,} known, not fetched")
    if res.pages_disallowed:
        parts.append(f"{res.pages_disallowed:,} disallowed by robots.txt")
    if res.listings_unchanged:
        parts.append(f"{plural(res.listings_unchanged, 'listing')} unchanged (304)")
    parts.append(f"{plural(len(res.rejected), 'input')} rejected; the store holds {plural(total, 'page')}")
    return "; ".join(parts)


def _summary(res: Any, total: int, requests: int) -> dict[str, Any]:
    """The last poll as `--json` prints it."""
    return {"requests": requests, "pages_fetched": res.pages_fetched, "pages_new": res.pages_new,
            "pages_known": res.pages_known, "pages_disallowed": res.pages_disallowed,
            "listings_unchanged": res.listings_unchanged, "pages_in_store": total,
            "rejected": [{"source": r.source, "reason": r.reason} for r in res.rejected]}


def _check_urls(urls: list[str]) -> None:
    for u in urls:
        if "://" not in u:
            raise UsageError(f"{u}: not a URL (give http:// or https:// URLs)")


def watch(
    urls: Urls,
    db: Db = DEFAULT_DB,
    interval: Annotated[float, typer.Option("--interval", metavar="SECONDS", min=1.0,
                                            help="Poll every this many seconds.")] = 900.0,
    once: Annotated[bool, typer.Option("--once", help="Poll once and exit.")] = False,
    delay: Delay = 1.0,
    max_pages: Annotated[int | None, typer.Option("--max-pages", metavar="N", min=0,
                                                  help="Fetch at most N new pages per poll.")] = None,
    allow_private: AllowPrivate = False,
    timeout: Timeout = 30.0,
    workers: Workers = None,
    quiet: Quiet = False,
    as_json: Json = False,
) -> None:
    """Watch RSS/Atom feeds and sitemaps (news sitemaps and sitemap indexes too): fetch the pages they link to that
    the store lacks, and ingest them as `kliping ingest` does. Polite: robots.txt honoured, a delay between
    requests to one host, conditional GET for feeds, known pages never fetched again. Runs until Ctrl-C, or once
    with --once."""
    _check_urls(urls)
    res, total, requests = _run(urls, [], db, allow_private, delay, timeout, max_pages, workers, quiet,
                                None if once else interval)
    finish(_summary(res, total, requests), _line(res, total, requests), as_json, quiet, bool(res.rejected))


def fetch(
    urls: PageUrls,
    db: Db = DEFAULT_DB,
    delay: Delay = 1.0,
    allow_private: AllowPrivate = False,
    timeout: Timeout = 30.0,
    workers: Workers = None,
    quiet: Quiet = False,
    as_json: Json = False,
) -> None:
    """Fetch single pages and ingest them as `kliping ingest` does (robots.txt honoured; pages already stored are
    not fetched again)."""
    _check_urls(urls)
    res, total, requests = _run([], urls, db, allow_private, delay, timeout, None, workers, quiet, None)
    finish(_summary(res, total, requests), _line(res, total, requests), as_json, quiet, bool(res.rejected))
