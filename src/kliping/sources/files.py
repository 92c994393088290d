"""Walk the paths a user gives and read every page in them: text and HTML files, JSONL/CSV records, WARC files,
standard input. Bad inputs become `Rejected` notes; reading goes on."""

from __future__ import annotations

import codecs
import csv
import fnmatch
import gzip
import io
import json
import os
import sys
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from kliping.errors import Rejected, Skipped
from kliping.model import RawPage, content_id
from kliping.sources.decode import NotText, decode, looks_like_text, sniff_binary

# A news article is rarely over 100 KB of text and a saved web page rarely over 2 MB of HTML. A file past this
# limit is not one article (it is a dump, a book, a log): we reject it and tell the user to split it or pass it
# as JSONL records, rather than index megabytes as one "article".
MAX_PAGE_BYTES = 5 * 1024 * 1024

TEXT_EXT = {".txt", ".text", ".md", ""}
HTML_EXT = {".html", ".htm", ".xhtml", ".shtml"}
JSONL_EXT = {".jsonl", ".ndjson", ".json"}
CSV_EXT = {".csv", ".tsv"}
WARC_EXT = {".warc", ".warc.gz", ".arc", ".arc.gz"}
# What a folder scan reads: the forms news piles come in. Anything else in a folder (a README, a script, images)
# is counted and skipped in one summary line; name such a file on the command line, or --include it, to read it.
FOLDER_EXT = {".txt", ".html", ".htm", ".html.gz", ".htm.gz", ".xml", ".rss", ".atom", ".jsonl", ".jsonl.gz",
              ".ndjson", ".json", ".csv", ".tsv", ".warc", ".warc.gz"}
SKIP_NAMES = {".DS_Store", "Thumbs.db", "desktop.ini"}

Item = RawPage | Rejected | Skipped


@dataclass
class ReadOptions:
    """How to read inputs: what the user said on the command line."""

    tz: str | None = None  # the zone of times given without one (default: Asia/Jakarta, see clean/published.py)
    date_format: str | None = None  # strptime format of the inputs' `published` values, when not guessable
    field_map: dict[str, str] = field(default_factory=dict)  # a record's field name -> Kliping's (judul -> title)
    include: tuple[str, ...] = ()  # globs a folder scan reads even when their type is not a news type
    exclude: tuple[str, ...] = ()  # globs a folder scan passes over
    max_bytes: int = MAX_PAGE_BYTES


def read_inputs(paths: Iterable[str], options: ReadOptions | None = None) -> Iterator[Item]:
    """Yield a RawPage for every page under `paths` ("-" is standard input), a Rejected for every bad input, a
    Skipped for every file a folder scan passes over."""
    opts = options or ReadOptions()
    for p in paths:
        if p == "-":
            yield from _read_stdin(opts)
            continue
        path = Path(p)
        if not path.exists():
            yield Rejected(p, "no such file or directory")
        elif path.is_dir():
            for f in sorted(_walk(path)):
                why = _scan_skip(f, path, opts)
                if why:
                    yield Skipped(str(f), why)
                else:
                    yield from read_file(f, opts)
        else:
            yield from read_file(path, opts)


def _walk(root: Path) -> Iterator[Path]:
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in filenames:
            if name.startswith(".") or name in SKIP_NAMES:
                continue
            yield Path(dirpath) / name


def _matches(path: Path, root: Path, globs: tuple[str, ...]) -> bool:
    rel = path.relative_to(root).as_posix()
    return any(fnmatch.fnmatch(rel, g) or fnmatch.fnmatch(path.name, g) for g in globs)


def _scan_skip(path: Path, root: Path, opts: ReadOptions) -> str | None:
    """Why a folder scan passes over this file, or None to read it."""
    if opts.exclude and _matches(path, root, opts.exclude):
        return "excluded by --exclude"
    if _ext(path) in FOLDER_EXT or (opts.include and _matches(path, root, opts.include)):
        return None
    return f"not a news file type ({_ext(path) or 'no extension'})"


def _ext(path: Path) -> str:
    name = path.name.lower()
    for double in (".warc.gz", ".arc.gz", ".html.gz", ".htm.gz", ".jsonl.gz"):
        if name.endswith(double):
            return double
    return path.suffix.lower()


def _gunzip(path: Path, limit: int) -> bytes:
    """The decompressed bytes, at most `limit` + 1 of them (a small file can unpack to gigabytes)."""
    with gzip.open(path, "rb") as fh:
        return fh.read(limit + 1)


def read_file(path: Path, options: ReadOptions | None = None) -> Iterator[Item]:
    opts = options or ReadOptions()
    max_bytes = opts.max_bytes
    src = str(path)
    ext = _ext(path)
    try:
        size = path.stat().st_size
    except OSError as e:
        yield Rejected(src, f"cannot read: {e.strerror or e}")
        return
    if ext in WARC_EXT:
        yield from read_warc(path, opts)
        return
    if ext in JSONL_EXT or ext in CSV_EXT or ext == ".jsonl.gz":
        yield from _record_file(path, src, ("\t" if ext == ".tsv" else ",") if ext in CSV_EXT else None, opts,
                                gz=ext == ".jsonl.gz")
        return
    if size == 0:
        yield Rejected(src, "empty file")
        return
    if ext in {".html.gz", ".htm.gz"}:
        try:
            data = _gunzip(path, max_bytes)
        except OSError as e:  # gzip.BadGzipFile is an OSError
            yield Rejected(src, f"not a readable gzip file: {e.strerror or e}")
            return
        except (EOFError, zlib.error) as e:
            yield Rejected(src, f"not a readable gzip file: {e}")
            return
        if len(data) > max_bytes:
            yield Rejected(src, f"unpacks to more than {max_bytes // 1048576} MB: too big to be one article")
            return
        yield from page_from_bytes(data, src, kind="html", options=opts)
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
    yield from page_from_bytes(data, src, kind="html" if ext in HTML_EXT else None, options=opts)


def page_from_bytes(data: bytes, src: str, kind: str | None = None, options: ReadOptions | None = None,
                    **hints: object) -> Iterator[Item]:
    """One page from a file's bytes; a feed (RSS, Atom, RDF) becomes its items."""
    opts = options or ReadOptions()
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
    if looks_like_feed(text):
        from kliping.sources.feeds import read_feed

        yield from read_feed(data, src, opts)
        return
    if kind is None and looks_like_xml(text):
        yield Rejected(src, "an XML document, not an article or a feed (RSS, Atom)")
        return
    k = kind or ("html" if _looks_html(text) else "text")
    yield RawPage(id=content_id(text), source=src, content=text, kind=k, encoding=enc,  # type: ignore[arg-type]
                  tz=opts.tz, date_format=opts.date_format, **hints)  # type: ignore[arg-type]


def _head(text: str) -> str:
    return text[:3000].lstrip("\ufeff \t\r\n").lower()


def looks_like_feed(text: str) -> bool:
    """An RSS, Atom or RDF feed: its root element, after the XML declaration and comments."""
    head = _head(text)
    return head.startswith(("<?xml", "<rss", "<feed", "<rdf:rdf", "<!--")) and (
        "<rss" in head or "<rdf:rdf" in head or ("<feed" in head and "www.w3.org/2005/atom" in head))


def looks_like_xml(text: str) -> bool:
    head = _head(text)
    return head.startswith("<?xml") and "<html" not in head


def _looks_html(text: str) -> bool:
    head = text[:2000].lower()
    return "<html" in head or "<!doctype html" in head or ("<body" in head and "</" in head)


# ---------- records ----------

RECORD_FIELDS = ("id", "text", "html", "url", "title", "published", "outlet", "clean")
MAX_ID_CHARS = 500  # an id is a key, not content: a longer one is a field mapped wrongly


def _json_type(v: object) -> str:
    return {dict: "an object", list: "a list", bool: "true/false", int: "a number", float: "a number",
            str: "a string"}.get(type(v), type(v).__name__)


def record_to_page(rec: dict, src: str, line: int | None, options: ReadOptions | None = None
                   ) -> RawPage | Rejected:
    """A JSONL/CSV record (DESIGN.md input contract) to a RawPage, or a Rejected naming what is wrong."""
    opts = options or ReadOptions()
    if opts.field_map:
        rec = {opts.field_map.get(k, k): v for k, v in rec.items()}
    for k in ("text", "html", "url", "title", "outlet"):
        v = rec.get(k)
        if v is not None and not isinstance(v, str) and not (k in ("title", "outlet") and isinstance(v, int | float)
                                                             and not isinstance(v, bool)):
            return Rejected(src, f"record's `{k}` is {_json_type(v)}, not a string", line)
    pub = rec.get("published")
    if pub is not None and not isinstance(pub, str | int | float):
        return Rejected(src, f"record's `published` is {_json_type(pub)}, not a date string or timestamp", line)
    text, html = rec.get("text"), rec.get("html")
    body = html if isinstance(html, str) and html.strip() else text
    if not isinstance(body, str) or not body.strip():
        fields = [str(k) for k in rec][:8]
        hint = (f" (its fields: {', '.join(fields)}; name the text's field with --map FIELD=text)"
                if fields and "text" not in rec and "html" not in rec else "")
        return Rejected(src, f"record has no `text` or `html`{hint}", line)
    rid = rec.get("id")
    if isinstance(rid, dict | list | bool):
        return Rejected(src, f"record's `id` is {_json_type(rid)}, not a string or number", line)
    rid = str(rid).strip() if rid not in (None, "") else content_id(body)
    if not rid or len(rid) > MAX_ID_CHARS:
        return Rejected(src, f"record's `id` is {'empty' if not rid else 'over 500 characters'}", line)
    clean = rec.get("clean")
    clean_flag = clean is True or (isinstance(clean, str) and clean.strip().lower() in {"true", "1", "yes"})

    def opt(k: str) -> str | None:
        v = rec.get(k)
        return str(v).strip() or None if v not in (None, "") else None

    return RawPage(id=rid, source=f"{src}#{rid}", content=body, kind="html" if body is html else "text",
                   url=opt("url"), title=opt("title"), published=opt("published"), outlet=opt("outlet"),
                   clean=clean_flag, tz=opts.tz, date_format=opts.date_format)


# A records file (JSONL, CSV) larger than this is streamed: read and parsed a line at a time, so memory does not grow
# with the file, when its first STREAM_HEAD bytes are UTF-8 (what JSONL is by definition, and what most CSV
# exports are): the rest is read as UTF-8 too, a byte that is not UTF-8 replaced (U+FFFD). A smaller file, or one
# whose head is in another encoding, is read whole and its encoding guessed from all of it (`decode`).
STREAM_HEAD = 1 << 20


def _record_file(path: Path, src: str, csv_delim: str | None, opts: ReadOptions, gz: bool) -> Iterator[Item]:
    """The records of a JSONL/CSV file (gzip-compressed JSONL with `gz`), streamed when it is large (STREAM_HEAD)."""
    try:
        with gzip.open(path, "rb") if gz else path.open("rb") as fh:
            head = fh.read(STREAM_HEAD + 1)
            if len(head) <= STREAM_HEAD or not _streamable(head, csv_delim):
                data = head + fh.read()
            else:
                fh.seek(0)
                encoding = "utf-8-sig" if head.startswith(codecs.BOM_UTF8) else "utf-8"
                stream = io.TextIOWrapper(fh, encoding=encoding, errors="replace", newline="\n")
                yield from (_csv_records(stream, src, csv_delim, opts, _header(head)) if csv_delim is not None
                            else _jsonl_records((ln[:-1] if ln.endswith("\n") else ln for ln in stream), src, opts))
                return
    except OSError as e:  # gzip.BadGzipFile is an OSError
        yield Rejected(src, f"cannot read: {e.strerror or e}")
        return
    except (EOFError, zlib.error) as e:
        yield Rejected(src, f"not a readable gzip file: {e}")
        return
    yield from read_records(data, src, csv_delim=csv_delim, options=opts)


def _streamable(head: bytes, csv_delim: str | None) -> bool:
    """Whether a large records file can be read a line at a time with the result reading it whole gives: UTF-8
    (with or without a BOM; the head may end inside a character), text, and for JSON lines, a first line that is
    one JSON value (a JSON array or a pretty-printed object spanning lines is one document: read whole)."""
    if sniff_binary(head) or head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    try:
        text = codecs.getincrementaldecoder("utf-8-sig")().decode(head, final=False)
    except UnicodeDecodeError:
        return False
    if not text.strip():
        return False
    if csv_delim is not None:
        return True
    first = text.lstrip().split("\n", 1)[0]
    if first.startswith("["):
        return False
    try:
        json.loads(first)
    except json.JSONDecodeError:
        return False
    return True


def _header(head: bytes) -> str:
    return head.decode("utf-8", errors="replace").lstrip("\ufeff").split("\n", 1)[0]


def read_records(data: bytes, src: str, csv_delim: str | None = None, options: ReadOptions | None = None
                 ) -> Iterator[Item]:
    opts = options or ReadOptions()
    try:
        text, _ = decode(data)
    except NotText as e:
        yield Rejected(src, str(e))
        return
    if not text.strip():
        yield Rejected(src, "empty file")
        return
    if csv_delim is not None:
        yield from _csv_records(io.StringIO(text.lstrip("\ufeff")), src, csv_delim, opts, text)
        return
    whole = _whole_json(text)
    if whole is not None:  # a JSON document: an array of records, or something that is not records at all
        if isinstance(whole, list):
            for k, rec in enumerate(whole, 1):
                yield (record_to_page(rec, src, k, opts) if isinstance(rec, dict)
                       else Rejected(src, "not a JSON object", k))
        elif isinstance(whole, dict) and ({"text", "html"} & {opts.field_map.get(k, k) for k in whole}):
            yield record_to_page(whole, src, None, opts)
        else:
            yield Rejected(src, "a JSON document, not records (expected one JSON object per line with `text` or "
                                "`html`, or an array of such objects): skipped")
        return
    # Split on \n only: str.splitlines() also breaks on U+0085 and U+2028, which occur inside article texts.
    yield from _jsonl_records(text.split("\n"), src, opts)


def _jsonl_records(lines: Iterable[str], src: str, opts: ReadOptions) -> Iterator[Item]:
    """JSON lines (without their line ends) to pages, one at a time."""
    max_bytes = opts.max_bytes
    parsed_any = False
    failures: list[Rejected] = []
    for n, line in enumerate(lines, 1):
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
        yield record_to_page(rec, src, n, opts)
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


def csv_delimiter(text: str, default: str) -> str:
    """The delimiter of a CSV file: the one of , ; tab | its header line holds most (Excel in many locales writes
    semicolons; column names rarely hold any of them). csv.Sniffer guesses from quotes and mostly from the data,
    which in news text is full of commas, and it picked a comma for semicolon files in our tests."""
    header = text.lstrip("\ufeff").split("\n", 1)[0]
    counts = {d: header.count(d) for d in (",", ";", "\t", "|")}
    best = max(counts, key=lambda d: (counts[d], d == default))
    return best if counts[best] else default


def _csv_records(stream: Iterable[str], src: str, delim: str, opts: ReadOptions, header: str) -> Iterator[Item]:
    """CSV rows of `stream` (text, its byte-order mark removed) to pages; `header`: text starting with the header
    line, which tells the delimiter."""
    csv.field_size_limit(sys.maxsize)
    reader = csv.DictReader(stream, delimiter=csv_delimiter(header, delim))
    names = [opts.field_map.get(f, f) for f in reader.fieldnames or [] if f is not None]
    if not ({"text", "html"} & set(names)):
        shown = ", ".join(str(f) for f in (reader.fieldnames or [])[:8])
        yield Rejected(src, "CSV needs a header row with a `text` or `html` column"
                            + (f" (its columns: {shown}; name the text's column with --map COLUMN=text)"
                               if shown else ""))
        return
    try:
        for rec in reader:
            rec.pop(None, None)  # cells past the header's columns  # type: ignore[call-overload]
            yield record_to_page(rec, src, reader.line_num, opts)
    except csv.Error as e:
        yield Rejected(src, f"malformed CSV: {e}", reader.line_num)


# ---------- WARC ----------

def read_warc(path: Path, options: ReadOptions | None = None) -> Iterator[Item]:
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
                                            options=options, url=url):
                    if isinstance(item, RawPage) and rid:
                        item.id = rid
                    yield item
    except (ArchiveLoadFailed, OSError, ValueError) as e:
        yield Rejected(src, f"not a readable WARC file: {e}")
        return
    if records == 0:
        yield Rejected(src, "not a WARC file: no WARC records in it")


# ---------- standard input ----------

def _read_stdin(opts: ReadOptions) -> Iterator[Item]:
    data = sys.stdin.buffer.read()
    if not data.strip():
        yield Rejected("<stdin>", "empty input")
        return
    if data.lstrip()[:1] in (b"{", b"["):
        yield from read_records(data, "<stdin>", options=opts)
    elif len(data) > opts.max_bytes:
        yield Rejected("<stdin>", "too big to be one article: give many pages as JSONL records")
    else:
        yield from page_from_bytes(data, "<stdin>", options=opts)
