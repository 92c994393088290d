"""Exports: a store's articles, events, quotes or entity mentions as JSONL, CSV or Parquet, one row each, streamed.

Rows carry the field names of report.json (`schema/report.schema.json`). Nothing is held beyond one batch: the
store is read in batches (`Store.article_records`), JSONL and CSV rows are written as they come, and Parquet rows
go out in row groups of `PARQUET_BATCH` rows, so a million articles export in the memory of a few hundred.

CSV is for spreadsheets: a list of strings (authors, paragraphs, an event's articles) is one cell, its items
joined by `LIST_SEPARATOR` (" | "); a list of objects or an object (entities, bylines, copy_of, an event's
comparison) is compact JSON in one cell.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import fields as dataclass_fields
from typing import IO, Any

from kliping.errors import UsageError
from kliping.model import INTERNAL_FIELDS, Article, Byline, CopyLink, DateMention, Entity, Flag, Quote, Removed

FORMATS = ("jsonl", "csv", "parquet")
WHAT = ("articles", "events", "quotes", "entities")
LIST_SEPARATOR = " | "
PARQUET_BATCH = 500
# Cells a spreadsheet would run as a formula (OWASP "CSV injection"): text from the web is hostile.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

_ARTICLE = tuple(f.name for f in dataclass_fields(Article) if f.name not in INTERNAL_FIELDS)
ARTICLE_FIELDS: tuple[str, ...] = (*_ARTICLE[:2], "sources", *_ARTICLE[2:])  # report.json's order: id, source, sources
EVENT_FIELDS = ("id", "title", "date", "places", "entities", "articles", "outlets", "first_seen", "last_seen",
                "merged_from", "timeline", "comparison", "quotes", "summary", "provenance")
# Quote and entity-mention rows: the article (and its event) they are in, then the record's own fields.
QUOTE_FIELDS = ("article", "event", *(f.name for f in dataclass_fields(Quote)))
ENTITY_FIELDS = ("article", "event", *(f.name for f in dataclass_fields(Entity)))
FIELDS = {"articles": ARTICLE_FIELDS, "events": EVENT_FIELDS, "quotes": QUOTE_FIELDS, "entities": ENTITY_FIELDS}


# ---------- rows ----------

def article_rows(records: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    for r in records:
        yield {k: r.get(k) for k in ARTICLE_FIELDS}


def mention_rows(records: Iterable[dict[str, Any]], key: str, names: tuple[str, ...]) -> Iterator[dict[str, Any]]:
    """One row per quote (key "quotes") or entity mention (key "entities") of each article."""
    for r in records:
        for m in r.get(key) or []:
            yield {"article": r.get("id"), "event": r.get("event"), **{k: m.get(k) for k in names[2:]}}


def event_rows(records: Iterable[dict[str, Any]], analysis: Callable[[str], dict | None]) -> Iterator[dict[str, Any]]:
    """Events as report.json shows them: the stored record with its analysis (empty when not computed yet)."""
    from kliping.analysis.event import EMPTY_ANALYSIS

    for e in records:
        full = {**e, **(analysis(e["id"]) or EMPTY_ANALYSIS)}
        yield {k: full.get(k) for k in EVENT_FIELDS}


def event_matches(e: dict[str, Any], since: str | None, until: str | None, outlet: str | None) -> bool:
    """Events are filtered on their date (the day it happened, else the first report) and their outlets."""
    day = (e.get("date") or e.get("first_seen") or "")[:10]
    if (since or until) and not day:
        return False
    if (since and day < since) or (until and day > until):
        return False
    return not outlet or any(outlet.lower() in (o or "").lower() for o in e.get("outlets") or [])


# ---------- writers ----------

class Writer:
    """Writes rows of one kind to an open stream; `close` finishes the file (not the stream)."""

    def __init__(self, stream: IO[Any], names: tuple[str, ...]):
        self.stream, self.names = stream, names

    def write(self, row: dict[str, Any]) -> None:
        raise NotImplementedError

    def close(self) -> None:
        """Nothing to finish by default."""


class JsonlWriter(Writer):
    """One JSON object a line, UTF-8 as it is (no \\u escapes): what pipelines and `jq` read."""

    def write(self, row: dict[str, Any]) -> None:
        self.stream.write(json.dumps(row, ensure_ascii=False) + "\n")


def csv_cell(value: Any) -> str:
    """One value as a spreadsheet cell: None empty, booleans true/false, a list of strings joined by
    LIST_SEPARATOR, other lists and objects compact JSON; text that a spreadsheet would run as a formula
    (starting = + - @ tab CR) gets a leading apostrophe, which spreadsheets show as text (OWASP advice)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list) and all(isinstance(x, str) for x in value):
        text = LIST_SEPARATOR.join(value)
    elif isinstance(value, list | dict):
        text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    else:
        text = str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


class CsvWriter(Writer):
    """A header row, then one row a record, every cell quoted when needed (the csv module, RFC 4180 style).

    The stream is opened as `utf-8-sig`: a byte-order mark is the only way Excel recognises a CSV file as UTF-8
    (without it, Indonesian names with diacritics and curly quotes turn to mojibake); LibreOffice, pandas
    (encoding="utf-8-sig") and the csv module read it fine."""

    def __init__(self, stream: IO[Any], names: tuple[str, ...]):
        super().__init__(stream, names)
        self.csv = csv.writer(stream, lineterminator="\r\n")
        self.csv.writerow(names)

    def write(self, row: dict[str, Any]) -> None:
        self.csv.writerow([csv_cell(row.get(k)) for k in self.names])


def _timestamp(value: Any) -> dt.datetime | None:
    """A publication time as an aware UTC datetime (Parquet stores instants); None when absent or unreadable."""
    if not isinstance(value, str) or not value:
        return None
    try:
        t = dt.datetime.fromisoformat(value)
    except ValueError:
        return None
    return t.astimezone(dt.UTC) if t.tzinfo else t.replace(tzinfo=dt.UTC)


def parquet_schema(what: str) -> Any:
    """Typed columns: strings, `published` a UTC timestamp, offsets int64, lists of strings list<string>, lists of
    records list<struct> (DuckDB and polars query into them); event analyses, whose shape varies, are JSON text."""
    import pyarrow as pa

    def struct(cls: type) -> Any:
        kinds = {"int": pa.int64(), "float": pa.float64(), "bool": pa.bool_()}
        return pa.struct([(f.name, next((t for k, t in kinds.items() if str(f.type).startswith(k)), pa.string()))
                          for f in dataclass_fields(cls)])

    strings = pa.list_(pa.string())
    if what == "articles":
        special = {"published": pa.timestamp("us", tz="UTC"), "partial": pa.bool_(), "sources": strings,
                   "authors": strings, "paragraphs": strings, "cited_sources": strings, "warnings": strings,
                   "bylines": pa.list_(struct(Byline)), "removed": pa.list_(struct(Removed)),
                   "copy_of": struct(CopyLink), "entities": pa.list_(struct(Entity)),
                   "dates": pa.list_(struct(DateMention)), "quotes": pa.list_(struct(Quote)),
                   "flags": pa.list_(struct(Flag))}
        return pa.schema([(k, special.get(k, pa.string())) for k in ARTICLE_FIELDS])
    if what == "events":
        lists = ("places", "articles", "outlets", "merged_from")
        return pa.schema([(k, strings if k in lists else pa.string()) for k in EVENT_FIELDS])
    ints = {"start": pa.int64(), "end": pa.int64()}
    return pa.schema([(k, ints.get(k, pa.string())) for k in FIELDS[what]])


class ParquetWriter(Writer):
    """Rows buffered into row groups of PARQUET_BATCH and written with pyarrow's ParquetWriter: memory stays at one
    row group whatever the store's size."""

    def __init__(self, stream: IO[Any], names: tuple[str, ...], what: str):
        super().__init__(stream, names)
        import pyarrow.parquet as pq

        self.schema = parquet_schema(what)
        self.json_columns = [f.name for f in self.schema if str(f.type) == "string"]
        self.writer = pq.ParquetWriter(stream, self.schema, compression="zstd")
        self.rows: list[dict[str, Any]] = []

    def write(self, row: dict[str, Any]) -> None:
        row = dict(row)
        for k in self.json_columns:  # a string column given an object (an event's comparison): its JSON
            if isinstance(row.get(k), list | dict):
                row[k] = json.dumps(row[k], ensure_ascii=False, separators=(",", ":"))
        if "published" in row:
            row["published"] = _timestamp(row["published"])
        self.rows.append(row)
        if len(self.rows) >= PARQUET_BATCH:
            self.flush()

    def flush(self) -> None:
        import pyarrow as pa

        if self.rows:
            self.writer.write_table(pa.Table.from_pylist(self.rows, schema=self.schema))
            self.rows = []

    def close(self) -> None:
        self.flush()
        self.writer.close()


def require_pyarrow() -> None:
    """Parquet needs the optional pyarrow (100+ MB): say how to get it, in one line."""
    try:
        import pyarrow
        import pyarrow.parquet  # noqa: F401
    except ImportError as e:
        raise UsageError("--format parquet needs pyarrow: install kliping[parquet] "
                         "(pip install 'kliping[parquet]')") from e


def make_writer(fmt: str, what: str, stream: IO[Any]) -> Writer:
    """The writer of one format over an open stream: text (newline="") for JSONL and CSV, binary for Parquet."""
    names = FIELDS[what]
    if fmt == "jsonl":
        return JsonlWriter(stream, names)
    if fmt == "csv":
        return CsvWriter(stream, names)
    return ParquetWriter(stream, names, what)
