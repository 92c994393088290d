"""What every command shares: the error console, progress bars, input options, checks made before anything is
created, and the end of a run (summary, exit code)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any, ClassVar

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TaskID, TextColumn, TimeElapsedColumn

from kliping.errors import Rejected, Skipped, UsageError
from kliping.pipeline import Progress as ProgressSink

err = Console(stderr=True, highlight=False, soft_wrap=True)
DEFAULT_DB = Path("kliping.db")

# Options shared by the commands that read inputs.
Workers = Annotated[int | None, typer.Option(metavar="N", help="Worker processes (default: one per core).")]
ExecutorName = Annotated[str, typer.Option(
    "--executor", metavar="local|ray",
    help="Where clean/enrich/vectors run: local (a process pool, the default) or ray (Ray tasks on every node of a "
         "cluster; needs the ray extra). Results are the same.")]
RayAddress = Annotated[str | None, typer.Option(
    "--ray-address", metavar="ADDRESS",
    help="With --executor ray: the cluster to join (HOST:PORT of `ray start --head`, or auto); without it, "
         "RAY_ADDRESS or a Ray instance of its own on this machine.")]
Json = Annotated[bool, typer.Option("--json", help="Print a JSON summary on stdout.")]
Quiet = Annotated[bool, typer.Option("--quiet", "-q", help="No progress bars.")]
Tz = Annotated[str | None, typer.Option(
    "--tz", metavar="ZONE",
    help="Time zone of publication times given without one (IANA name or offset; default Asia/Jakarta = WIB).")]
DateFormat = Annotated[str | None, typer.Option(
    "--date-format", metavar="FORMAT",
    help="How the inputs write `published`, as a strptime format (e.g. '%m/%d/%Y %H:%M'); tried first.")]
FieldMap = Annotated[list[str] | None, typer.Option(
    "--map", metavar="FIELD=NAME,...",
    help="Read a record's or CSV column's field as one of Kliping's: id, text, html, url, title, published, "
         "outlet, clean (e.g. --map judul=title,isi_berita=text,tanggal=published).")]
Include = Annotated[list[str] | None, typer.Option(
    "--include", metavar="GLOB", help="In folders, also read files matching GLOB (repeatable).")]
Exclude = Annotated[list[str] | None, typer.Option(
    "--exclude", metavar="GLOB", help="In folders, skip files matching GLOB (repeatable).")]

INPUT_FORMATS = """Inputs: text pages (.txt, copied web pages), HTML (.html .htm .html.gz), RSS/Atom feeds with
the articles' text (.xml), JSONL or JSON arrays of records (.jsonl .json .jsonl.gz), CSV/TSV with a header row
(.csv .tsv; any of , ; tab |), WARC (.warc .warc.gz), or - for standard input. A folder is read recursively,
those types only (others are counted and skipped; --include/--exclude change that). A record has `id` and `text`
(page text, cleaned by Kliping) or `html`; optionally `url`, `title`, `published`, `outlet`, and `clean: true`
when the text is already the article body (--map renames other fields)."""


def say_rejected(r: Rejected) -> None:
    err.print(f"kliping: rejected {r}", markup=False)


class Bars(ProgressSink):
    """Rich progress bars on stderr, shown only when stderr is a terminal."""

    LABELS: ClassVar[dict[str, str]] = {"read": "reading pages", "clean": "cleaning articles",
                                         "annotate": "annotating records",
                                         "link": "linking duplicates and events",
                                         "analyse": "analysing events"}

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


# ---------- checks made before anything is created ----------

def check_paths(paths: list[str]) -> None:
    """A mistyped input path is a usage error: said before any report or store is created."""
    missing = [p for p in paths if p != "-" and not Path(p).exists()]
    if missing:
        raise UsageError(f"no such file or folder: {', '.join(missing)}")
    if paths.count("-") > 1:
        raise UsageError("standard input (-) can be given once")


def check_out_dir(out: Path) -> None:
    if out.exists() and not out.is_dir():
        raise UsageError(f"--out {out}: is a file; give a folder (it will hold report.json, report.html, kliping.db)")


def check_db(db: Path, must_exist: bool = False) -> None:
    from kliping.store.sqlite import StoreError, check_store_file

    if must_exist and not db.exists():
        raise UsageError(f"{db}: no such store; create one with `kliping ingest PATH --db {db}`")
    try:
        check_store_file(db)
    except StoreError as e:
        raise UsageError(str(e)) from e


def check_tz(tz: str | None) -> None:
    from kliping.clean.published import BadZone, zone

    if tz:
        try:
            zone(tz)
        except BadZone as e:
            raise UsageError(f"--tz: {e}") from e


def read_options(tz: str | None, date_format: str | None, field_map: list[str] | None,
                 include: list[str] | None = None, exclude: list[str] | None = None) -> Any:
    """The ReadOptions the user asked for, checked (a bad value is a usage error)."""
    from kliping.sources.files import RECORD_FIELDS, ReadOptions

    check_tz(tz)
    if date_format is not None and "%" not in date_format:
        raise UsageError(f"--date-format {date_format!r}: not a strptime format (e.g. '%d/%m/%Y %H:%M')")
    mapping: dict[str, str] = {}
    for spec in field_map or []:
        for pair in filter(None, (x.strip() for x in spec.split(","))):
            src, sep, dst = pair.partition("=")
            if not sep or not src.strip() or dst.strip() not in RECORD_FIELDS:
                raise UsageError(f"--map {pair!r}: give FIELD=NAME with NAME one of {', '.join(RECORD_FIELDS)}")
            mapping[src.strip()] = dst.strip()
    return ReadOptions(tz=tz, date_format=date_format, field_map=mapping, include=tuple(include or ()),
                       exclude=tuple(exclude or ()))


# ---------- the end of a run ----------

def plural(n: int, word: str, words: str | None = None) -> str:
    return f"{n:,} {word if n == 1 else (words or word + 's')}"


def say_skipped(skipped: list[Skipped]) -> None:
    """One line for every file a folder scan passed over."""
    if not skipped:
        return
    names = ", ".join(Path(s.source).name for s in skipped[:5]) + (", ..." if len(skipped) > 5 else "")
    excluded = sum(1 for s in skipped if s.reason.startswith("excluded"))
    other = len(skipped) - excluded
    parts = [f"{plural(other, 'file')} of other types" if other else "",
             f"{plural(excluded, 'file')} excluded" if excluded else ""]
    hint = "; name a file or use --include GLOB to read it" if other else ""
    err.print(f"kliping: skipped {' and '.join(p for p in parts if p)} ({names}){hint}", markup=False)


def finish(summary: dict[str, Any], message: str, as_json: bool, quiet: bool, rejected: bool) -> None:
    """End a command: the summary as JSON on stdout (--json) or one line on stderr, and exit 1 when inputs were
    rejected."""
    if as_json:
        typer.echo(json.dumps(summary, ensure_ascii=False))
    elif not quiet:
        err.print(message, markup=False)
    raise typer.Exit(1 if rejected else 0)

