"""Walk the paths a user gives and read every page in them: text and HTML files, JSONL/CSV records, WARC files,
standard input. Bad inputs become `Rejected` notes; reading goes on."""

from __future__ import annotations

import csv
import io
import json
import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from kliping.errors import Rejected
from kliping.model import RawPage, content_id
from kliping.sources.decode import NotText, decode, looks_like_text

# A news article is rarely over 100 KB of text and a saved web page rarely over 2 MB of HTML. A file past this
# limit is not one article (it is a dump, a book, a log): we reject it and tell the user to split it or pass it
# as JSONL records, rather than index megabytes as one "article".
MAX_PAGE_BYTES = 5 * 1024 * 1024

TEXT_EXT = {".txt", ".text", ".md", ""}
HTML_EXT = {".html", ".htm", ".xhtml", ".shtml"}
JSONL_EXT = {".jsonl", ".ndjson", ".json"}
CSV_EXT = {".csv", ".tsv"}
WARC_EXT = {".warc", ".warc.gz", ".arc", ".arc.gz"}
SKIP_NAMES = {".DS_Store", "Thumbs.db", "desktop.ini"}

Item = RawPage | Rejected


def read_inputs(paths: Iterable[str], max_bytes: int = MAX_PAGE_BYTES) -> Iterator[Item]:
    """Yield a RawPage for every page under `paths` ("-" is standard input), a Rejected for every bad input."""
    for p in paths:
        if p == "-":
            yield from _read_stdin(max_bytes)
            continue
        path = Path(p)
        if not path.exists():
            yield Rejected(p, "no such file or directory")
        elif path.is_dir():
            for f in sorted(_walk(path)):
                yield from read_file(f, max_bytes)
        else:
            yield from read_file(path, max_bytes)


def _walk(root: Path) -> Iterator[Path]:
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in filenames:
            if name.startswith(".") or name in SKIP_NAMES:
                continue
            yield Path(dirpath) / name


def _ext(path: Path) -> str:
    name = path.name.lower()
    for double in (".warc.gz", ".arc.gz"):
        if name.endswith(double):
            return double
    return path.suffix.lower()


def read_file(path: Path, max_bytes: int = MAX_PAGE_BYTES) -> Iterator[Item]:
    src = str(path)
    ext = _ext(path)
    try:
        size = path.stat().st_size
    except OSError as e:
        yield Rejected(src, f"cannot read: {e.strerror or e}")
        return
    if ext in WARC_EXT:
        yield from read_warc(path)
        return
    if ext in JSONL_EXT or ext in CSV_EXT:
        try:
            data = path.read_bytes()
        except OSError as e:
            yield Rejected(src, f"cannot read: {e.strerror or e}")
            return
        yield from read_records(data, src, csv_delim=("\t" if ext == ".tsv" else ",") if ext in CSV_EXT else None,
                                max_bytes=max_bytes)
        return
    if size == 0:
        yield Rejected(src, "empty file")
        return
    if size > max_bytes:
        yield Rejected(src, f"{size / 1048576:.1f} MB is too big to be one article (limit "
                            f"{max_bytes // 1048576} MB): skipped; split it into pages or give it as JSONL records")
        return
    try:
        data = path.read_bytes()
    except OSError as e:
        yield Rejected(src, f"cannot read: {e.strerror or e}")
        return
    yield from page_from_bytes(data, src, kind="html" if ext in HTML_EXT else None)


def page_from_bytes(data: bytes, src: str, kind: str | None = None, **hints: object) -> Iterator[Item]:
    try:
        text, enc = decode(data)
    except NotText as e:
        yield Rejected(src, str(e))
        return
    if not looks_like_text(text):
        yield Rejected(src, "not text: too many control or undecodable characters")
        return
    if not text.strip():
        yield Rejected(src, "no text (only whitespace)")
        return
    k = kind or ("html" if _looks_html(text) else "text")
    yield RawPage(id=content_id(text), source=src, content=text, kind=k, encoding=enc,  # type: ignore[arg-type]
                  **hints)  # type: ignore[arg-type]


def _looks_html(text: str) -> bool:
    head = text[:2000].lower()
    return "<html" in head or "<!doctype html" in head or ("<body" in head and "</" in head)


# ---------- records ----------

RECORD_FIELDS = ("id", "text", "html", "url", "title", "published", "outlet", "clean")


def record_to_page(rec: dict, src: str, line: int | None) -> Item:
    """A JSONL/CSV record (DESIGN.md input contract) to a RawPage, or a Rejected naming what is wrong."""
    text, html = rec.get("text"), rec.get("html")
    body = html if isinstance(html, str) and html.strip() else text
    if not isinstance(body, str) or not body.strip():
        return Rejected(src, "record has no `text` or `html`", line)
    rid = rec.get("id")
    rid = str(rid) if rid not in (None, "") else content_id(body)
    clean = rec.get("clean")
    clean_flag = clean is True or (isinstance(clean, str) and clean.strip().lower() in {"true", "1", "yes"})

    def opt(k: str) -> str | None:
        v = rec.get(k)
        return str(v).strip() or None if v not in (None, "") else None

    return RawPage(id=rid, source=f"{src}#{rid}", content=body, kind="html" if body is html else "text",
                   url=opt("url"), title=opt("title"), published=opt("published"), outlet=opt("outlet"),
                   clean=clean_flag)


def read_records(data: bytes, src: str, csv_delim: str | None = None, max_bytes: int = MAX_PAGE_BYTES
                 ) -> Iterator[Item]:
    try:
        text, _ = decode(data)
    except NotText as e:
        yield Rejected(src, str(e))
        return
    if not text.strip():
        yield Rejected(src, "empty file")
        return
    if csv_delim is not None:
        yield from _csv_records(text, src, csv_delim)
        return
    whole = _whole_json(text)
    if whole is not None:  # a JSON document: an array of records, or something that is not records at all
        if isinstance(whole, list):
            for k, rec in enumerate(whole, 1):
                yield record_to_page(rec, src, k) if isinstance(rec, dict) else Rejected(src, "not a JSON object", k)
        elif isinstance(whole, dict) and ("text" in whole or "html" in whole):
            yield record_to_page(whole, src, None)
        else:
            yield Rejected(src, "a JSON document, not records (expected one JSON object per line with `text` or "
                                "`html`, or an array of such objects): skipped")
        return
    parsed_any = False
    failures: list[Rejected] = []
    # Split on \n only: str.splitlines() also breaks on U+0085 and U+2028, which occur inside article texts.
    for n, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
            parsed_any = True
        except json.JSONDecodeError as e:
            bad = Rejected(src, f"malformed JSON ({e.msg} at column {e.colno}): record skipped", n)
            if parsed_any:
                yield bad
                continue
            failures.append(bad)
            if len(failures) >= 3:  # three bad lines before any good one: this is not JSONL at all
                yield Rejected(src, f"not JSONL (line {failures[0].line}: {failures[0].reason.split(':')[0]}): "
                                    "skipped; give one JSON object per line")
                return
            continue
        yield from failures
        failures = []
        if not isinstance(rec, dict):
            yield Rejected(src, "a JSONL line must be a JSON object", n)
            continue
        if len(line.encode("utf-8")) > max_bytes:
            yield Rejected(src, "record too big to be one article: skipped", n)
            continue
        yield record_to_page(rec, src, n)
    yield from failures


def _whole_json(text: str) -> object | None:
    """The parsed document when the whole text is one JSON value spanning several lines, else None."""
    stripped = text.strip()
    if not stripped.startswith(("[", "{")) or "\n" not in stripped:
        return None
    try:
        return json.loads(stripped)
    except json.JSONDecodeError:
        return None


def _csv_records(text: str, src: str, delim: str) -> Iterator[Item]:
    csv.field_size_limit(sys.maxsize)
    reader = csv.DictReader(io.StringIO(text), delimiter=delim)
    if not reader.fieldnames or not ({"text", "html"} & set(reader.fieldnames)):
        yield Rejected(src, "CSV needs a header row with a `text` or `html` column")
        return
    try:
        for rec in reader:
            yield record_to_page(rec, src, reader.line_num)
    except csv.Error as e:
        yield Rejected(src, f"malformed CSV: {e}", reader.line_num)


# ---------- WARC ----------

def read_warc(path: Path) -> Iterator[Item]:
    """HTML responses of a WARC file, one page each, keyed by the WARC record id."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    src = str(path)
    records = 0
    try:
        with path.open("rb") as fh:
            # warcio reads any text leniently as an ARC record; a WARC starts with "WARC/", an ARC with
            # "filedesc://", either may be gzipped.
            head = fh.read(16)
            fh.seek(0)
            if not head.startswith((b"WARC/", b"filedesc://", b"\x1f\x8b")):
                yield Rejected(src, "not a WARC file: it does not start with a WARC or ARC record")
                return
            for rec in ArchiveIterator(fh):
                records += 1
                if rec.rec_type != "response":
                    continue
                ctype = (rec.http_headers.get_header("Content-Type") if rec.http_headers else "") or ""
                if "html" not in ctype.lower() and "text" not in ctype.lower():
                    continue
                url = rec.rec_headers.get_header("WARC-Target-URI")
                rid = (rec.rec_headers.get_header("WARC-Record-ID") or "").strip("<>").replace("urn:uuid:", "")
                data = rec.content_stream().read()
                for item in page_from_bytes(data, f"{src}#{rid}", kind="html" if "html" in ctype.lower() else None,
                                            url=url):
                    if isinstance(item, RawPage) and rid:
                        item.id = rid
                    yield item
    except (ArchiveLoadFailed, OSError, ValueError) as e:
        yield Rejected(src, f"not a readable WARC file: {e}")
        return
    if records == 0:
        yield Rejected(src, "not a WARC file: no WARC records in it")


# ---------- standard input ----------

def _read_stdin(max_bytes: int) -> Iterator[Item]:
    data = sys.stdin.buffer.read()
    if not data.strip():
        yield Rejected("<stdin>", "empty input")
        return
    if data.lstrip()[:1] in (b"{", b"["):
        yield from read_records(data, "<stdin>", max_bytes=max_bytes)
    elif len(data) > max_bytes:
        yield Rejected("<stdin>", "too big to be one article: give many pages as JSONL records")
    else:
        yield from page_from_bytes(data, "<stdin>")
