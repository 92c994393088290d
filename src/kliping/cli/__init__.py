"""The `kliping` command line (Typer): one module per group of commands.

Exit codes: 0 all good; 1 some inputs were rejected (each named on stderr, one line each; the rest was processed);
2 usage error (a mistyped path, a file given where a folder or a store is expected, a bad option value), said in
one line before anything is created; 3 an internal error, which is a bug: please report it with the line printed
(`--debug` shows the traceback). Errors go to stderr, never as a traceback.
"""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from kliping import __version__
from kliping.cli import export, query, run, serve, watch
from kliping.cli.common import err
from kliping.errors import KlipingError

app = typer.Typer(add_completion=False, no_args_is_help=True, rich_markup_mode=None, pretty_exceptions_enable=False,
                  context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
                  help="Kliping: clean, dated, attributed articles from a pile of news pages, linked into events. "
                       "Run `kliping COMMAND --help` for a command's options.")
DEBUG = {"on": False}


def _plain_argument_names() -> None:
    """Typer 0.29 prints an argument as `{paths}...` in the usage line and `PATH... <list[str]>` in the help:
    Python types and braces mean nothing to a reader. An argument shows its metavar, as click always did."""
    from typer.core import TyperArgument

    def usage_name(self: TyperArgument) -> str:
        name = self.metavar or (self.name or "").upper()
        return name if self.required else f"[{name.strip('[]')}]"

    TyperArgument._usage_display_name = usage_name  # type: ignore[method-assign]
    TyperArgument._rich_display_name = usage_name  # type: ignore[method-assign]
    TyperArgument.display_type_rich = lambda self, ctx: None  # type: ignore[method-assign]


_plain_argument_names()

app.command(short_help="Analyze pages into a report (JSON, HTML) and a store.")(run.analyze)
app.command(short_help="Add pages to a store incrementally.")(run.ingest)
app.command(short_help="Clean and enrich JSONL records into JSONL (no store).")(run.annotate)
app.command(short_help="Keyword search over a store's articles.")(query.search)
app.command(short_help="List a store's events, or show one.")(query.events)
app.command(short_help="Serve a store: web pages and a JSON API.")(serve.serve)
app.command(short_help="Watch feeds and sitemaps: fetch and ingest new pages.")(watch.watch)
app.command(short_help="Fetch single web pages into a store.")(watch.fetch)
app.command(short_help="Export a store as JSONL, CSV or Parquet.")(export.export)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"kliping {__version__}")
        raise typer.Exit()


@app.callback()
def _main(debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks of internal errors.")] = False,
          version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                                help="Print the version and exit.")] = False) -> None:
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
        err.print(f"kliping: internal error (a bug: please report it): {type(e).__name__}: {e} "
                  "(run with --debug for the traceback)", markup=False)
        sys.exit(3)
