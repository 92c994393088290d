"""`kliping analyze`, `ingest` and `annotate`: the commands that read inputs."""

from __future__ import annotations

import inspect
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from kliping.cli.common import (
    DEFAULT_DB,
    INPUT_FORMATS,
    Bars,
    DateFormat,
    Exclude,
    ExecutorName,
    FieldMap,
    Include,
    Json,
    Quiet,
    RayAddress,
    Tz,
    Workers,
    check_db,
    check_out_dir,
    check_paths,
    err,
    finish,
    plural,
    read_options,
    say_rejected,
    say_skipped,
)
from kliping.errors import UsageError

Paths = Annotated[list[str], typer.Argument(metavar="PATH...", show_default=False,
                                            help="Files, folders (read recursively), or - for standard input.")]


def _run_ingest(paths: list[str], db: Path, workers: int | None, quiet: bool, options: Any,
                report: bool = False, executor_name: str = "local", ray_address: str | None = None
                ) -> tuple[Any, Any]:
    """Ingest into the store `db` (left open for the caller), saying what was skipped; with `report`, build the
    report too, through the function `kliping.analyze` uses, and return it in place of the store (then closed)."""
    from contextlib import ExitStack

    from kliping.executors import make_executor
    from kliping.ingest import ingest
    from kliping.library import analyze_into
    from kliping.store import Store

    executor = make_executor(executor_name, workers, ray_address)  # before the store: a usage error creates nothing
    store = Store(db)
    bars = Bars(enabled=not quiet and err.is_terminal)
    out: Any
    try:
        with ExitStack() as stack:
            if executor_name != "local":  # Ray, started (or joined) once for the run and shut down after it
                stack.enter_context(executor)
            if report:
                with store:
                    out, res = analyze_into(paths, store, executor, on_reject=say_rejected, progress=bars,
                                            options=options)
            else:
                out = store
                res = ingest(paths, store, executor, on_reject=say_rejected, progress=bars, options=options)
    except BaseException:
        store.close()
        raise
    say_skipped(res.skipped)  # with --quiet too: it says what was not read
    for notice in res.notices:  # e.g. a store written by an older Kliping, whose events were rebuilt
        err.print(f"kliping: note: {notice}", markup=False)
    for failure in res.analysis_failed:  # a bug: said, the event left without its analysis, the run goes on
        err.print(f"kliping: warning: the analysis of event {failure} (a bug; the event is stored without it)",
                  markup=False)
    return out, res


def _pages(res: Any) -> dict[str, int]:
    return {"read": res.pages_read, "new": res.pages_new, "updated": res.pages_updated,
            "found_at_another_path": res.pages_copies, "already_stored": res.pages_unchanged}


def _pages_line(res: Any) -> str:
    extra = [f"{res.pages_updated:,} updated" if res.pages_updated else "",
             f"{res.pages_copies:,} already stored from another path" if res.pages_copies else "",
             f"{res.pages_unchanged:,} already stored" if res.pages_unchanged else ""]
    more = "; ".join(x for x in extra if x)
    return f"{plural(res.pages_read, 'page')} read ({res.pages_new:,} new{'; ' + more if more else ''})"


def analyze(
    paths: Paths,
    out: Annotated[Path, typer.Option("--out", "-o", metavar="DIR",
                                      help="Folder for report.json, report.html and the store kliping.db.")],
    workers: Workers = None,
    executor: ExecutorName = "local",
    ray_address: RayAddress = None,
    tz: Tz = None,
    date_format: DateFormat = None,
    field_map: FieldMap = None,
    include: Include = None,
    exclude: Exclude = None,
    as_json: Json = False,
    quiet: Quiet = False,
) -> None:
    """Analyze pages into DIR/report.json, DIR/report.html and the store DIR/kliping.db.

    Re-running on the same DIR adds only new or changed pages: a killed run, run again, completes the work.
    """
    from kliping.report import write_html, write_json

    check_paths(paths)
    check_out_dir(out)
    check_db(out / "kliping.db")
    options = read_options(tz, date_format, field_map, include, exclude)
    out.mkdir(parents=True, exist_ok=True)
    analysis, res = _run_ingest(paths, out / "kliping.db", workers, quiet, options, report=True,
                                executor_name=executor, ray_address=ray_address)
    report = analysis.to_dict()
    write_json(report, out / "report.json")
    write_html(report, out / "report.html")
    summary: dict[str, Any] = {
               "pages": _pages(res), "files_skipped": len(res.skipped), "inputs_rejected": len(res.rejected),
               "articles": len(report["articles"]), "events": len(report["events"]),
               "storylines": len(report["storylines"]), "report_json": str(out / "report.json"),
               "report_html": str(out / "report.html"), "store": str(out / "kliping.db")}
    finish(summary, f"{_pages_line(res)}; {plural(summary['articles'], 'article')} in "
                    f"{plural(summary['events'], 'event')}; {plural(len(res.rejected), 'input')} rejected; "
                    f"report: {summary['report_json']} and {summary['report_html']}",
           as_json, quiet, bool(res.rejected))


analyze.__doc__ = f"{inspect.cleandoc(analyze.__doc__ or '')}\n\n{INPUT_FORMATS}"


def ingest(
    paths: Paths,
    db: Annotated[Path, typer.Option("--db", metavar="FILE", help="The store to add to (created when missing).")
                  ] = DEFAULT_DB,
    workers: Workers = None,
    executor: ExecutorName = "local",
    ray_address: RayAddress = None,
    tz: Tz = None,
    date_format: DateFormat = None,
    field_map: FieldMap = None,
    include: Include = None,
    exclude: Exclude = None,
    as_json: Json = False,
    quiet: Quiet = False,
) -> None:
    """Add pages to a store incrementally: pages already stored are skipped, a record given again under its id with
    other content replaces the stored one, nothing is duplicated."""
    check_paths(paths)
    check_db(db)
    options = read_options(tz, date_format, field_map, include, exclude)
    store, res = _run_ingest(paths, db, workers, quiet, options, executor_name=executor, ray_address=ray_address)
    with store:
        total, events_total = store.page_count(), store.event_count()
    summary = {"pages": _pages(res), "files_skipped": len(res.skipped), "inputs_rejected": len(res.rejected),
               "articles_cleaned": res.cleaned, "articles_linked": res.linked, "events_merged": res.merged,
               "events_analysed": res.analysed, "pages_in_store": total, "events_in_store": events_total,
               "store": str(db)}
    merged = f" ({res.merged:,} merged into others)" if res.merged else ""
    finish(summary, f"{_pages_line(res)}; {db} holds {plural(total, 'page')} in {plural(events_total, 'event')}"
                    f"{merged}; {plural(len(res.rejected), 'input')} rejected", as_json, quiet, bool(res.rejected))


ingest.__doc__ = f"{inspect.cleandoc(ingest.__doc__ or '')}\n\n{INPUT_FORMATS}"


def annotate(
    infile: Annotated[str, typer.Argument(metavar="IN.jsonl", show_default=False,
                                          help="JSONL records; - for standard input.")],
    out: Annotated[str, typer.Option("--out", "-o", metavar="OUT.jsonl",
                                     help="Where to write annotated JSONL; - for standard output.")],
    workers: Workers = None,
    tz: Tz = None,
    date_format: DateFormat = None,
    field_map: FieldMap = None,
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
        raise UsageError(f"{infile}: no such file" + (" (a folder: give a JSONL file)" if Path(infile).is_dir()
                                                      else ""))
    if out != "-" and Path(out).is_dir():
        raise UsageError(f"--out {out}: is a folder; give a file name (or - for standard output)")
    options = read_options(tz, date_format, field_map)
    src = "<stdin>" if infile == "-" else infile
    fin = (io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8", errors="replace", newline="\n") if infile == "-"
           else open(infile, encoding="utf-8", errors="replace", newline="\n"))  # noqa: SIM115
    tmp = None if out == "-" else Path(f"{out}.part")
    if tmp is not None:
        tmp.parent.mkdir(parents=True, exist_ok=True)
    fout = sys.stdout if tmp is None else tmp.open("w", encoding="utf-8")
    bars = Bars(enabled=not quiet and err.is_terminal)
    bars.start("annotate", None)
    try:
        # The file was opened with newline="\n": U+2028/U+0085 inside article texts do not end a record.
        res = run(fin, src, fout.write, say_rejected, LocalExecutor(workers=workers),
                  progress=lambda n: bars.advance("annotate", n), options=options)
    finally:
        bars.done("annotate")
        fin.close()
        if tmp is not None:
            fout.close()
    if tmp is not None:
        os.replace(tmp, out)
    summary = {"records_read": res.read, "records_written": res.written, "records_rejected": res.rejected,
               "out": out}
    # With --out -, stdout carries the records: the summary would corrupt the stream.
    finish(summary, f"{plural(res.written, 'record')} annotated, {res.rejected:,} rejected; output: {out}",
           as_json and out != "-", quiet, bool(res.rejected))
