"""`kliping export`: a store's articles, events, quotes or entity mentions as JSONL, CSV or Parquet."""

from __future__ import annotations

import contextlib
import io
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Annotated, Any

import typer

from kliping.cli.common import DEFAULT_DB, Bars, Json, Quiet, check_db, err, finish, plural
from kliping.cli.query import _day
from kliping.errors import UsageError


@contextlib.contextmanager
def _output(out: str, fmt: str) -> Iterator[IO[Any]]:
    """The stream to write to: stdout for `-`, else a `.part` file beside --out, renamed over it only when the
    export finished (an interrupted export never leaves a truncated file that looks whole)."""
    encoding = "utf-8-sig" if fmt == "csv" else "utf-8"
    if out == "-":
        stream = io.TextIOWrapper(sys.stdout.buffer, encoding=encoding, newline="", write_through=False)
        try:
            yield stream
        finally:
            stream.flush()
            stream.detach()
        return
    path = Path(out)
    part = path.with_name(path.name + ".part")
    fh: IO[Any] = part.open("wb") if fmt == "parquet" else part.open("w", encoding=encoding, newline="")
    try:
        with fh:
            yield fh
        os.replace(part, path)
    finally:
        part.unlink(missing_ok=True)


def export(
    db: Annotated[Path, typer.Option("--db", metavar="FILE", help="The store to read.")] = DEFAULT_DB,
    fmt: Annotated[str, typer.Option("--format", metavar="jsonl|csv|parquet",
                                     help="JSON lines, CSV (spreadsheets; lists joined by ' | ') or Parquet "
                                          "(typed columns; needs kliping[parquet]).")] = "jsonl",
    out: Annotated[str, typer.Option("--out", metavar="FILE",
                                     help="The file to write (replaced); - for standard output (JSONL, CSV).")
                   ] = "-",
    what: Annotated[str, typer.Option("--what", metavar="articles|events|quotes|entities",
                                      help="One row per article, event, quote or entity mention.")] = "articles",
    since: Annotated[str | None, typer.Option(metavar="YYYY-MM-DD", help="Published on or after this day.")] = None,
    until: Annotated[str | None, typer.Option(metavar="YYYY-MM-DD", help="Published on or before this day.")
                     ] = None,
    outlet: Annotated[str | None, typer.Option(metavar="NAME", help="Only this outlet (part of its name).")] = None,
    as_json: Json = False,
    quiet: Quiet = False,
) -> None:
    """Export a store, one row per article (or event, quote, entity mention) with report.json's field names,
    streamed: the store is read in batches, so its size does not matter. Quotes and entity mentions carry their
    article and event ids. Events are filtered on their date and outlets."""
    from kliping import export as ex
    from kliping.store import Store

    if fmt not in ex.FORMATS:
        raise UsageError(f"--format {fmt!r}: give one of {', '.join(ex.FORMATS)}")
    if what not in ex.WHAT:
        raise UsageError(f"--what {what!r}: give one of {', '.join(ex.WHAT)}")
    if fmt == "parquet":
        if out == "-":
            raise UsageError("--format parquet: give a file as --out (Parquet is not written to standard output)")
        ex.require_pyarrow()
    since, until = _day(since, "--since"), _day(until, "--until")
    if out != "-" and Path(out).is_dir():
        raise UsageError(f"--out {out}: is a folder; give a file")
    if out != "-" and not Path(out).parent.is_dir():
        raise UsageError(f"--out {out}: no such folder {Path(out).parent}")
    check_db(db, must_exist=True)
    bars = Bars(enabled=not quiet and err.is_terminal)
    rows = 0
    with Store.reader(db) as store, _output(out, fmt) as stream:
        if what == "events":
            total = store.event_count()
            records = (e for e in store.event_records() if ex.event_matches(e, since, until, outlet))
            source = ex.event_rows(records, store.analysis)
        else:
            total = store.article_record_count(since, until, outlet)
            articles = store.article_records(since, until, outlet)

            def counted(it: Iterator[dict[str, Any]]) -> Iterator[dict[str, Any]]:
                for r in it:  # the bar counts articles read; quote and entity rows are many per article
                    bars.advance(what, 1)
                    yield r

            source = (ex.article_rows(articles) if what == "articles"
                      else ex.mention_rows(counted(articles), what, ex.FIELDS[what]))
        writer = ex.make_writer(fmt, what, stream)
        bars.start(what, total)
        try:
            for row in source:
                writer.write(row)
                rows += 1
                if what in ("articles", "events"):
                    bars.advance(what, 1)
            writer.close()
        finally:
            bars.done(what)
    summary = {"rows": rows, "format": fmt, "what": what, "out": out}
    finish(summary, f"kliping: exported {plural(rows, 'row')} ({what}) to {'stdout' if out == '-' else out}",
           as_json, quiet or out == "-", False)
