"""The `kliping` command line (Typer).

Exit codes: 0 all good; 1 some inputs were rejected (each named on stderr, one line each); 2 usage error or a
problem that stopped the run. Errors never print a traceback unless --debug is given.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any, ClassVar

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TaskID, TextColumn, TimeElapsedColumn

from kliping.errors import KlipingError, Rejected
from kliping.ingest import Progress as ProgressSink

app = typer.Typer(add_completion=False, no_args_is_help=True, rich_markup_mode=None, pretty_exceptions_enable=False,
                  help="Kliping: clean, dated, attributed articles from a pile of news pages.")
err = Console(stderr=True, highlight=False, soft_wrap=True)

DEBUG = {"on": False}


def _say_rejected(r: Rejected) -> None:
    err.print(f"kliping: rejected {r}", markup=False)


class _Bars(ProgressSink):
    """Rich progress bars on stderr, shown only when stderr is a terminal."""

    LABELS: ClassVar[dict[str, str]] = {"read": "reading pages", "clean": "cleaning articles",
                                         "annotate": "annotating records",
                                         "link": "linking duplicates and events"}

    def __init__(self, enabled: bool):
        self.enabled = enabled
        self.progress = Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(),
                                 MofNCompleteColumn(), TimeElapsedColumn(), console=err, transient=True)
        self.tasks: dict[str, TaskID] = {}

    def start(self, task: str, total: int | None) -> None:
        if self.enabled:
            if not self.tasks:
                self.progress.start()
            self.tasks[task] = self.progress.add_task(self.LABELS.get(task, task), total=total)

    def advance(self, task: str, n: int = 1) -> None:
        if self.enabled and task in self.tasks:
            self.progress.advance(self.tasks[task], n)

    def done(self, task: str) -> None:
        if self.enabled and task in self.tasks:
            self.progress.remove_task(self.tasks.pop(task))
            if not self.tasks:
                self.progress.stop()


def _run_ingest(paths: list[str], db: Path, workers: int | None, quiet: bool) -> tuple[Any, Any]:
    from kliping.ingest import ingest
    from kliping.pipeline import LocalExecutor
    from kliping.store import Store

    store = Store(db)
    bars = _Bars(enabled=not quiet and err.is_terminal)
    try:
        res = ingest(paths, store, LocalExecutor(workers=workers), on_reject=_say_rejected, progress=bars)
    except BaseException:
        store.close()
        raise
    return store, res


def _finish(summary: dict[str, Any], message: str, as_json: bool, quiet: bool, rejected: bool) -> None:
    """End a command: the summary as JSON on stdout (--json) or one line on stderr, and exit 1 when inputs were
    rejected."""
    if as_json:
        typer.echo(json.dumps(summary))
    elif not quiet:
        err.print(message, markup=False)
    raise typer.Exit(1 if rejected else 0)


@app.command()
def analyze(
    paths: Annotated[list[str], typer.Argument(help="Files, folders (recursively), JSONL/CSV files; - for stdin.")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder for report.json, report.html and kliping.db.")],
    workers: Annotated[int | None, typer.Option(help="Worker processes (default: one per core).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print a JSON summary on stdout.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bars.")] = False,
) -> None:
    """Analyze pages into DIR/report.json, DIR/report.html and the store DIR/kliping.db.

    Re-running on the same DIR adds only new pages: a killed run, run again, completes the work.
    """
    from kliping.report import build_report, write_html, write_json

    out.mkdir(parents=True, exist_ok=True)
    store, res = _run_ingest(paths, out / "kliping.db", workers, quiet)
    with store:
        report = build_report(store, res.rejected)
    write_json(report, out / "report.json")
    write_html(report, out / "report.html")
    summary = {"articles": len(report["articles"]), "new_pages": res.pages_new, "events": len(report["events"]),
               "storylines": len(report["storylines"]), "rejected": len(res.rejected),
               "report": str(out / "report.json"), "html": str(out / "report.html"), "db": str(out / "kliping.db")}
    _finish(summary, f"{summary['articles']} articles ({res.pages_new} new) in {summary['events']} events, "
                     f"{len(res.rejected)} inputs rejected; report: {summary['report']} and {summary['html']}",
            as_json, quiet, bool(res.rejected))


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files, folders, JSONL/CSV files; - for stdin.")],
    db: Annotated[Path, typer.Option("--db", help="The SQLite store to add to (created when missing).")],
    workers: Annotated[int | None, typer.Option(help="Worker processes (default: one per core).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print a JSON summary on stdout.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bars.")] = False,
) -> None:
    """Add pages to a store incrementally: pages already stored are skipped, nothing is duplicated."""
    store, res = _run_ingest(paths, db, workers, quiet)
    with store:
        total, events_total = store.page_count(), store.event_count()
    summary = {"read": res.pages_read, "new_pages": res.pages_new, "cleaned": res.cleaned, "linked": res.linked,
               "merged_events": res.merged, "rejected": len(res.rejected), "pages_in_store": total,
               "events_in_store": events_total}
    merged = f" ({res.merged} merged into others)" if res.merged else ""
    _finish(summary, f"{res.pages_new} new pages of {res.pages_read} read; {total} in {db}, in {events_total} "
                     f"events{merged}; {len(res.rejected)} inputs rejected", as_json, quiet, bool(res.rejected))


@app.command()
def annotate(
    infile: Annotated[str, typer.Argument(metavar="IN.jsonl", help="JSONL records; - for stdin.")],
    out: Annotated[str, typer.Option("--out", "-o", help="Where to write annotated JSONL; - for stdout.")],
    workers: Annotated[int | None, typer.Option(help="Worker processes (default: one per core).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print a JSON summary on stdout (when --out is a file).")
                       ] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress display.")] = False,
) -> None:
    """Clean and enrich JSONL records (entities, dates, quotes) into JSONL, one output line per good record.

    No store and no corpus stages: a stream in, a stream out. A bad record gets one line on stderr and is skipped.
    """
    import io
    import os

    from kliping.annotate import annotate as run
    from kliping.pipeline import LocalExecutor

    if infile != "-" and not Path(infile).is_file():
        raise KlipingError(f"{infile}: no such file")
    src = "<stdin>" if infile == "-" else infile
    fin = (io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8", errors="replace", newline="\n") if infile == "-"
           else open(infile, encoding="utf-8", errors="replace", newline="\n"))  # noqa: SIM115
    tmp = None if out == "-" else Path(f"{out}.part")
    if tmp is not None:
        tmp.parent.mkdir(parents=True, exist_ok=True)
    fout = sys.stdout if tmp is None else tmp.open("w", encoding="utf-8")
    bars = _Bars(enabled=not quiet and err.is_terminal)
    bars.start("annotate", None)
    try:
        # The file was opened with newline="\n": U+2028/U+0085 inside article texts do not end a record.
        res = run(fin, src, fout.write, _say_rejected, LocalExecutor(workers=workers),
                  progress=lambda n: bars.advance("annotate", n))
    finally:
        bars.done("annotate")
        fin.close()
        if tmp is not None:
            fout.close()
    if tmp is not None:
        os.replace(tmp, out)
    summary = {"read": res.read, "written": res.written, "rejected": res.rejected, "out": out}
    # With --out -, stdout carries the records: the summary would corrupt the stream.
    _finish(summary, f"{res.written} records annotated, {res.rejected} rejected; output: {out}",
            as_json and out != "-", quiet, bool(res.rejected))


@app.command()
def search(
    query: Annotated[str, typer.Argument(help="Keywords (SQLite FTS5 syntax: words, \"phrases\", OR, NOT).")],
    db: Annotated[Path, typer.Option("--db", help="The SQLite store to search.")],
    limit: Annotated[int, typer.Option(help="How many results.")] = 20,
    as_json: Annotated[bool, typer.Option("--json", help="JSON lines on stdout.")] = False,
) -> None:
    """Keyword search over stored articles' titles and text."""
    import sqlite3

    from kliping.store import Store

    if not db.exists():
        raise KlipingError(f"{db}: no such store; create one with `kliping ingest PATH --db {db}`")
    with Store(db) as store:
        try:
            hits = store.search(query, limit)
        except sqlite3.OperationalError as e:
            raise KlipingError(f"query {query!r} is not valid FTS5 syntax ({e}); quote phrases with \"...\"") from e
    for aid, title in hits:
        typer.echo(json.dumps({"id": aid, "title": title}, ensure_ascii=False) if as_json else f"{aid}\t{title}")


@app.command()
def events(
    event: Annotated[str | None, typer.Argument(help="An event id (E12) to show with its articles; none: list.")
                     ] = None,
    db: Annotated[Path, typer.Option("--db", help="The SQLite store to read.")] = Path("kliping.db"),
    limit: Annotated[int, typer.Option(help="How many events to list, most recent first (0: all).")] = 50,
    as_json: Annotated[bool, typer.Option("--json", help="JSON on stdout (lines when listing).")] = False,
) -> None:
    """The events of a store (`kliping ingest` keeps them up to date), most recent first, or one event with its
    articles. An id that was merged into another event shows the event it went into."""
    from kliping.corpus.storylines import build_storylines
    from kliping.store import Store

    if not db.exists():
        raise KlipingError(f"{db}: no such store; create one with `kliping ingest PATH --db {db}`")
    with Store(db) as store:
        records = store.events()
        if event is None:
            storyline_of = {e: s["id"] for s in build_storylines(records) for e in s["events"]}
            recent = sorted(records, key=lambda e: (e.get("date") or e.get("last_seen") or "", int(e["id"][1:])),
                            reverse=True)
            for e in recent[:limit] if limit > 0 else recent:
                if as_json:
                    typer.echo(json.dumps({**e, "storyline": storyline_of.get(e["id"])}, ensure_ascii=False))
                else:
                    typer.echo("\t".join([e["id"], e.get("date") or "-", f"{len(e['articles'])} articles",
                                          (e.get("title") or "(untitled)").replace("\t", " ")]))
            return
        by_id = {e["id"]: e for e in records}
        into = {old: e["id"] for e in records for old in e.get("merged_from", [])}
        record = by_id.get(event) or by_id.get(into.get(event, ""))
        if record is None:
            raise KlipingError(f"{event}: no such event in {db} (`kliping events --db {db}` lists them)")
        if record["id"] != event:
            err.print(f"{event} was merged into {record['id']}", markup=False)
        arts = [{"id": a.id, "published": a.published, "outlet": a.outlet, "title": a.title}
                for a in store.articles_of_event(record["id"])]
    if as_json:
        typer.echo(json.dumps({**record, "articles": arts}, ensure_ascii=False))
        return
    typer.echo(f"{record['id']}  {record.get('title') or '(untitled)'}")
    for label, value in (("date", record.get("date")), ("places", ", ".join(record.get("places") or [])),
                         ("entities", ", ".join(x["name"] for x in record.get("entities") or [])),
                         ("outlets", ", ".join(record.get("outlets") or [])),
                         ("reported", f"{record.get('first_seen') or '?'} .. {record.get('last_seen') or '?'}"),
                         ("merged from", ", ".join(record.get("merged_from") or []))):
        if value:
            typer.echo(f"  {label}: {value}")
    for a in arts:
        title = (a["title"] or "(untitled)").replace("\t", " ")  # one tab-separated line an article, as listed
        typer.echo(f"  {a['id']}\t{a['published'] or '-'}\t{a['outlet'] or '-'}\t{title}")


@app.callback()
def _main(debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks of internal errors.")] = False
          ) -> None:
    DEBUG["on"] = debug


def main() -> None:
    """Entry point: runs the Typer app (which handles usage errors: exit 2), turning every other error into one
    line on stderr."""
    try:
        app()
    except KlipingError as e:
        err.print(f"kliping: {e}", markup=False)
        sys.exit(2)
    except KeyboardInterrupt:
        err.print("kliping: interrupted; run the same command again to resume", markup=False)
        sys.exit(130)
    except Exception as e:
        if DEBUG["on"]:
            raise
        err.print(f"kliping: internal error: {type(e).__name__}: {e} (run with --debug for the traceback)",
                  markup=False)
        sys.exit(3)
