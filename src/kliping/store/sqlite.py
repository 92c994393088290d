"""SQLite store: raw pages, cleaned articles, keyword search (FTS5).

Ingestion is idempotent and resumable: a page is keyed by its id (the input's own id, or a hash of its content),
so adding it again adds nothing; pages are committed in batches as they are read, and articles as they are
cleaned, so a run killed at any point leaves a consistent store and the next run finishes the work. Everything a
report shows is rebuilt from the stored articles.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from pathlib import Path

from kliping.corpus import cold, dedup
from kliping.corpus.cold import ColdEvents
from kliping.corpus.dedup import DuplicateIndex
from kliping.model import Article, Byline, CopyLink, DateMention, Entity, Flag, Quote, RawPage, Removed

SCHEMA_VERSION = 10

_FTS_TABLE = "CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5(id UNINDEXED, title, text)"
# An article's full-text row, found through the article's rowid (its row in `articles_fts` has that rowid): run
# before the article row is deleted or replaced.
_DELETE_FTS = "DELETE FROM articles_fts WHERE rowid = (SELECT rowid FROM articles WHERE id = ?)"

_MIGRATIONS: dict[int, str] = {
    1: """
    CREATE TABLE IF NOT EXISTS pages (
        id TEXT PRIMARY KEY,
        source TEXT NOT NULL,
        kind TEXT NOT NULL,
        content TEXT NOT NULL,
        url TEXT,
        hints TEXT NOT NULL DEFAULT '{}',
        outlet_key TEXT NOT NULL DEFAULT '',
        seq INTEGER NOT NULL
    );
    CREATE INDEX IF NOT EXISTS pages_outlet ON pages(outlet_key);
    CREATE TABLE IF NOT EXISTS articles (
        id TEXT PRIMARY KEY REFERENCES pages(id),
        data TEXT NOT NULL,
        template_sig TEXT NOT NULL DEFAULT ''
    );
    CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5(id UNINDEXED, title, text);
    """,
    2: """
    CREATE TABLE IF NOT EXISTS corpus_state (name TEXT PRIMARY KEY, data BLOB NOT NULL);
    CREATE TABLE IF NOT EXISTS events (id TEXT PRIMARY KEY, data TEXT NOT NULL);
    ALTER TABLE articles ADD COLUMN event TEXT;
    CREATE INDEX IF NOT EXISTS articles_unlinked ON articles(id) WHERE event IS NULL;
    """,
    # Updates and copies (issue 12): a page given again under its id with other content replaces the stored one
    # (the change is recorded, and its links are decided again); the same page found at another path is listed.
    3: """
    ALTER TABLE pages ADD COLUMN sources TEXT NOT NULL DEFAULT '[]';
    ALTER TABLE pages ADD COLUMN replaced TEXT;
    CREATE TABLE IF NOT EXISTS page_changes (
        n INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL,
        at TEXT NOT NULL,
        source TEXT NOT NULL,
        old_sha1 TEXT NOT NULL,
        new_sha1 TEXT NOT NULL
    );
    """,
    # Event analysis (issue 13), cached per event: the version of the analysis and the articles it read, so an
    # event whose articles changed (or an older analysis) is recomputed, and no other.
    4: """
    CREATE TABLE IF NOT EXISTS event_analysis (
        id TEXT PRIMARY KEY,
        version TEXT NOT NULL,
        articles TEXT NOT NULL,
        data TEXT NOT NULL
    );
    """,
    # Watching feeds (issue 15): each feed's validators for conditional GET, and pages looked up by URL so a
    # known page is not fetched again.
    5: """
    CREATE TABLE IF NOT EXISTS feeds (
        url TEXT PRIMARY KEY,
        etag TEXT,
        last_modified TEXT,
        last_polled TEXT
    );
    CREATE INDEX IF NOT EXISTS pages_url ON pages(url);
    """,
    # Sentence vectors (issue 16): computed per article by the workers (the "vectors" stage), stored with the
    # model's name (float32 bytes), so the corpus stage reads them instead of embedding again; an article stored
    # before has none, and the next linking that needs it embeds it once and stores it. Outlets whose template
    # must be learned again though no page of theirs is new (a page of theirs was dropped): see `outlets_to_clean`.
    6: """
    ALTER TABLE articles ADD COLUMN vector BLOB;
    ALTER TABLE articles ADD COLUMN vector_model TEXT;
    CREATE TABLE IF NOT EXISTS outlets_dirty (outlet_key TEXT PRIMARY KEY);
    """,
    # Cold events out of RAM (issue 16): the event index's compacted events, and the keys an undated article
    # finds them by (`corpus.cold`).
    7: cold.SCHEMA,
    # The event list at scale (issue 16): `kliping events` reads the page it shows through an index, not every
    # event record (computed columns: nothing to keep in step on write).
    8: """
    ALTER TABLE events ADD COLUMN recency TEXT
        GENERATED ALWAYS AS (coalesce(json_extract(data, '$.date'), json_extract(data, '$.last_seen'), '')) VIRTUAL;
    ALTER TABLE events ADD COLUMN num INTEGER GENERATED ALWAYS AS (CAST(substr(id, 2) AS INTEGER)) VIRTUAL;
    ALTER TABLE events ADD COLUMN size INTEGER
        GENERATED ALWAYS AS (json_array_length(data, '$.articles')) VIRTUAL;
    CREATE INDEX IF NOT EXISTS events_recent ON events(recency DESC, num DESC);
    CREATE INDEX IF NOT EXISTS events_largest ON events(size DESC, recency DESC, num DESC);
    CREATE INDEX IF NOT EXISTS pages_outlet_seq ON pages(outlet_key, seq);
    """,
    # The full-text row of an article has the article's rowid (issue 16): it was found by its `id` column, which
    # FTS5 cannot index, so storing or dropping one article scanned every row (a store of 300,000 articles took
    # seconds an article). Rebuilt once, from the stored articles.
    9: f"""
    DROP TABLE IF EXISTS articles_fts;
    {_FTS_TABLE};
    INSERT INTO articles_fts (rowid, id, title, text)
        SELECT rowid, id, coalesce(json_extract(data, '$.title'), ''), coalesce(json_extract(data, '$.text'), '')
        FROM articles;
    """,
    # The duplicate index as rows (issue 16): a run reads the rows its lookups find instead of loading and writing
    # back the whole index (`corpus.dedup`); a store's index kept whole in `corpus_state` becomes rows at its next
    # linking.
    10: dedup.SCHEMA,
}

NOT_A_STORE = "not a Kliping store"
STATE_CHUNK = 1 << 20  # bytes of a corpus state written at a time
HIT_START, HIT_END = "\ue000", "\ue001"  # around matches in search snippets (private-use: never in news text)


def snippet_matches(snippet: str) -> tuple[str, list[list[int]]]:
    """The snippet (of `Store.search`) without its match markers, and the [start, end) offsets of the matches in it."""
    plain: list[str] = []
    spans: list[list[int]] = []
    opened = 0
    for ch in snippet:
        if ch == HIT_START:
            opened = len(plain)
        elif ch == HIT_END:
            spans.append([opened, len(plain)])
        else:
            plain.append(ch)
    return "".join(plain), spans


class StoreError(Exception):
    """The file is not a store Kliping can open (the CLI reports it as a usage error)."""


def check_store_file(path: Path) -> None:
    """Raise StoreError when `path` exists but is not a Kliping store (a JSONL file given as --db, someone else's
    SQLite database): opening it would fail, or write our tables into another program's file."""
    if not path.exists():
        return
    if path.is_dir():
        raise StoreError(f"{path}: is a folder, not a store file")
    try:
        with path.open("rb") as fh:
            head = fh.read(16)
    except OSError as e:
        raise StoreError(f"{path}: cannot read: {e.strerror or e}") from e
    if not head:
        return  # an empty file: SQLite makes a database of it
    if head != b"SQLite format 3\x00":
        raise StoreError(f"{path}: {NOT_A_STORE} (not an SQLite database)")
    try:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        finally:
            db.close()
    except sqlite3.DatabaseError as e:
        raise StoreError(f"{path}: {NOT_A_STORE} ({e})") from e
    if tables and "meta" not in tables:
        raise StoreError(f"{path}: an SQLite database of another program, {NOT_A_STORE}: give another --db")


def _sha1(text: str) -> str:
    import hashlib

    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()


class Store:
    """One SQLite file. Use as a context manager, or call `close()`."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(str(self.path))
        self.db.create_function("kliping_fold", 1, _fold, deterministic=True)  # see `_article_filters`
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self._migrate()

    @classmethod
    def reader(cls, path: str | Path) -> Store:
        """A read-only view of an existing store (the web app opens one per request): no migration, no write; the
        connection may be closed from another thread than the one that opened it. With the store in WAL mode, a
        running ingest never blocks it."""
        self = cls.__new__(cls)
        self.path = Path(path)
        self.db = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
        self.db.create_function("kliping_fold", 1, _fold, deterministic=True)
        return self

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.db.close()

    def _migrate(self) -> None:
        self.db.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT)")
        row = self.db.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
        current = int(row[0]) if row else 0
        for version in sorted(v for v in _MIGRATIONS if v > current):
            self.db.executescript(_MIGRATIONS[version])
            self.db.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", (str(version),))
        self.db.commit()

    # ---------- pages ----------

    def add_pages(self, pages: Iterable[tuple[RawPage, str]]) -> dict[str, int]:
        """Store (page, outlet key) pairs; commits once. Returns counts:
        - `new`: pages not stored before;
        - `updated`: a stored id given with other content or fields: the page is replaced, its article dropped
          (it is cleaned and linked again), and the change recorded in `page_changes`;
        - `copies`: the same page at another path (an identical file, a record repeated in another dump): the path
          is added to the page's `sources`;
        - `unchanged`: seen before, at the same path."""
        import datetime as dt

        seq = self.db.execute("SELECT COALESCE(MAX(seq), 0) FROM pages").fetchone()[0]
        counts = {"new": 0, "updated": 0, "copies": 0, "unchanged": 0}
        now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        for page, key in pages:
            hints = json.dumps(page.hints(), ensure_ascii=False)
            row = self.db.execute("SELECT source, kind, content, url, hints, sources FROM pages WHERE id = ?",
                                  (page.id,)).fetchone()
            if row is None:
                seq += 1
                self.db.execute(
                    "INSERT INTO pages (id, source, kind, content, url, hints, outlet_key, seq) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (page.id, page.source, page.kind, page.content, page.url, hints, key, seq))
                counts["new"] += 1
            elif (row[1], row[2], row[3], row[4]) != (page.kind, page.content, page.url, hints):
                # The version the corpus indexes hold (linked: it has an event) is kept until the next linking
                # takes it out of them; a page updated twice before that keeps the first.
                old = self.db.execute("SELECT data FROM articles WHERE id = ? AND event IS NOT NULL",
                                      (page.id,)).fetchone()
                self.db.execute("UPDATE pages SET source = ?, kind = ?, content = ?, url = ?, hints = ?, "
                                "outlet_key = ?, replaced = COALESCE(replaced, ?) WHERE id = ?",
                                (page.source, page.kind, page.content, page.url, hints, key, old[0] if old else None,
                                 page.id))
                self.db.execute(_DELETE_FTS, (page.id,))
                self.db.execute("DELETE FROM articles WHERE id = ?", (page.id,))
                self.db.execute("INSERT INTO page_changes (id, at, source, old_sha1, new_sha1) VALUES (?, ?, ?, ?, ?)",
                                (page.id, now, page.source, _sha1(row[2] + row[4]), _sha1(page.content + hints)))
                counts["updated"] += 1
            else:
                known = [row[0], *json.loads(row[5])]
                if page.source in known:
                    counts["unchanged"] += 1
                else:
                    self.db.execute("UPDATE pages SET sources = ? WHERE id = ?",
                                    (json.dumps([*known[1:], page.source], ensure_ascii=False), page.id))
                    counts["copies"] += 1
        self.db.commit()
        return counts

    def has_page(self, page_id: str, url: str | None = None) -> bool:
        """Whether a page is stored under this id (or, given one, this URL)."""
        row = self.db.execute("SELECT 1 FROM pages WHERE id = ? OR (? IS NOT NULL AND url = ?) LIMIT 1",
                              (page_id, url, url)).fetchone()
        return row is not None

    def feed_state(self, url: str) -> tuple[str | None, str | None]:
        """A watched feed's ETag and Last-Modified from its last answer (None when unknown)."""
        row = self.db.execute("SELECT etag, last_modified FROM feeds WHERE url = ?", (url,)).fetchone()
        return (row[0], row[1]) if row else (None, None)

    def put_feed_state(self, url: str, etag: str | None, last_modified: str | None) -> None:
        import datetime as dt

        now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        self.db.execute("INSERT INTO feeds (url, etag, last_modified, last_polled) VALUES (?, ?, ?, ?) "
                        "ON CONFLICT(url) DO UPDATE SET etag = COALESCE(excluded.etag, etag), "
                        "last_modified = COALESCE(excluded.last_modified, last_modified), "
                        "last_polled = excluded.last_polled", (url, etag, last_modified, now))
        self.db.commit()

    def page_sources(self) -> dict[str, list[str]]:
        """Every path a stored page was found at besides its first, by page id (only pages that have some)."""
        rows = self.db.execute("SELECT id, sources FROM pages WHERE sources != '[]'")
        return {pid: json.loads(src) for pid, src in rows}

    def replaced_articles(self) -> list[Article]:
        """The linked versions of articles an update replaced, not taken out of the corpus indexes yet."""
        rows = self.db.execute("SELECT replaced FROM pages WHERE replaced IS NOT NULL ORDER BY seq")
        return [article_from_report(json.loads(r[0])) for r in rows]

    def article(self, article_id: str) -> Article | None:
        row = self.db.execute("SELECT data FROM articles WHERE id = ?", (article_id,)).fetchone()
        return article_from_report(json.loads(row[0])) if row else None

    def drop_pages(self, ids: Iterable[str]) -> None:
        """Forget pages that turned out not to be articles (nothing was stored for them beyond the page)."""
        with self.db:
            for pid in ids:
                # Its outlet's template was learned with it: learned again on the next run (`outlets_to_clean`)
                self.db.execute("INSERT OR IGNORE INTO outlets_dirty SELECT outlet_key FROM pages WHERE id = ?", (pid,))
                self.db.execute(_DELETE_FTS, (pid,))
                self.db.execute("DELETE FROM articles WHERE id = ?", (pid,))
                self.db.execute("DELETE FROM pages WHERE id = ?", (pid,))

    def page_count(self) -> int:
        return int(self.db.execute("SELECT COUNT(*) FROM pages").fetchone()[0])

    def pages_to_clean(self, outlet_keys: Iterable[str], recent: int, suffix: str) -> tuple[list[Article], list[str]]:
        """What cleaning an outlet's pages needs, bounded by the run, not the store: per outlet its `recent` most
        recently added pages (what its template is learned from), every page without its article (new, updated,
        or left by a killed run), and every page whose article was processed by another enrichment version (its
        signature does not end in `suffix`). As fresh Articles in the order they were added, and the ids of the
        first kind (the learning window)."""
        keys = tuple(outlet_keys)
        window: dict[str, None] = {}
        for key in keys:
            for (pid,) in self.db.execute("SELECT id FROM pages WHERE outlet_key = ? ORDER BY seq DESC LIMIT ?",
                                          (key, recent)):
                window[pid] = None
        wanted = dict(window)
        for at in range(0, len(keys), 500):
            part = keys[at:at + 500]
            marks = ",".join("?" * len(part))
            for (pid,) in self.db.execute(
                    f"SELECT p.id FROM pages p LEFT JOIN articles a ON a.id = p.id WHERE p.outlet_key IN ({marks}) "
                    f"AND (a.id IS NULL OR substr(a.template_sig, -?) != ?)", (*part, len(suffix), suffix)):
                wanted[pid] = None
        rows = []
        ids = list(wanted)
        for at in range(0, len(ids), 500):
            chunk = ids[at:at + 500]
            rows += self.db.execute("SELECT seq, id, source, kind, content, url, hints FROM pages "
                                    f"WHERE id IN ({','.join('?' * len(chunk))})", chunk).fetchall()
        rows.sort()
        return ([Article(id=pid, source=source, raw=content, kind=kind, url=url, hints=json.loads(hints))
                 for _, pid, source, kind, content, url, hints in rows], list(window))

    def template_sigs_of(self, ids: Iterable[str]) -> dict[str, str]:
        """Article id -> what it was processed with (`ingest.clean_pending`), for these ids (those stored)."""
        wanted = list(ids)
        out: dict[str, str] = {}
        for at in range(0, len(wanted), 500):
            part = wanted[at:at + 500]
            marks = ",".join("?" * len(part))
            out.update(self.db.execute(f"SELECT id, template_sig FROM articles WHERE id IN ({marks})", part))
        return out

    def outlets_to_clean(self, suffix: str) -> list[str]:
        """The outlet keys whose pages may need cleaning: a page without its article (new, updated, or left by a
        killed run), an article processed with another enrichment version (its signature does not end in
        `suffix`), or text articles of one outlet with different template signatures (a run killed while
        re-cleaning the outlet after its template changed), or a page dropped since its outlet's template was
        learned with it. The other outlets' pages and template are as the last
        run left them, so `clean_pending` need not read them. Answered from the tables' keys alone."""
        rows = self.db.execute(
            "SELECT DISTINCT p.outlet_key FROM pages p LEFT JOIN articles a ON a.id = p.id "
            "WHERE a.id IS NULL OR substr(a.template_sig, -length(?)) != ? "
            "UNION SELECT p.outlet_key FROM pages p JOIN articles a ON a.id = p.id WHERE p.kind = 'text' "
            "GROUP BY p.outlet_key HAVING COUNT(DISTINCT a.template_sig) > 1 "
            "UNION SELECT outlet_key FROM outlets_dirty", (suffix, suffix))
        return sorted(key for (key,) in rows)

    def outlets_cleaned(self, keys: Iterable[str]) -> None:
        """These outlets' pages were all cleaned with their current template (clears `drop_pages`' marks)."""
        with self.db:
            self.db.executemany("DELETE FROM outlets_dirty WHERE outlet_key = ?", [(k,) for k in keys])

    # ---------- articles ----------

    def put_articles(self, articles: Iterable[tuple[Article, str]]) -> None:
        """Store cleaned (article, template signature) pairs, replacing earlier versions. Commits once."""
        for art, sig in articles:
            data = json.dumps(art.to_report(), ensure_ascii=False)
            self.db.execute(_DELETE_FTS, (art.id,))
            row = self.db.execute("INSERT OR REPLACE INTO articles (id, data, template_sig, event, vector, "
                                  "vector_model) VALUES (?, ?, ?, ?, ?, ?)",
                                  (art.id, data, sig, art.event, *_vector_row(art))).lastrowid
            self.db.execute("INSERT INTO articles_fts (rowid, id, title, text) VALUES (?, ?, ?, ?)",
                            (row, art.id, art.title or "", art.text))
        self.db.commit()

    def vectors(self, ids: Iterable[str], model: str) -> dict[str, bytes]:
        """The stored sentence vectors (float32 bytes) of these articles made by `model` (others are left out)."""
        wanted = list(dict.fromkeys(ids))
        out: dict[str, bytes] = {}
        for start in range(0, len(wanted), 500):  # SQLite limits the parameters of one statement
            chunk = wanted[start:start + 500]
            rows = self.db.execute(f"SELECT id, vector FROM articles WHERE vector_model = ? AND vector IS NOT NULL "
                                   f"AND id IN ({','.join('?' * len(chunk))})", [model, *chunk])
            out.update((aid, bytes(vec)) for aid, vec in rows)
        return out

    def put_vectors(self, vectors: dict[str, bytes], model: str) -> None:
        """Store sentence vectors computed for articles stored without one (commits)."""
        with self.db:
            self.db.executemany("UPDATE articles SET vector = ?, vector_model = ? WHERE id = ?",
                                [(vec, model, aid) for aid, vec in vectors.items()])

    def articles(self) -> Iterator[Article]:
        """Stored articles in page order."""
        rows = self.db.execute("SELECT a.data FROM articles a JOIN pages p ON p.id = a.id ORDER BY p.seq")
        for (data,) in rows:
            yield article_from_report(json.loads(data))

    def article_records(self, since: str | None = None, until: str | None = None, outlet: str | None = None,
                        batch: int = 500) -> Iterator[dict]:
        """Stored articles as report.json has them (plain dicts, not rebuilt Articles), in id order, filtered as
        `search` filters. Read in batches by keyset pagination on the primary key, so a store of a million
        articles streams in constant memory (one ORDER BY over the whole table would sort it first)."""
        where, args = _article_filters(since, until, outlet)
        last = ""
        while True:
            rows = self.db.execute(f"SELECT a.id, a.data, p.sources FROM articles a LEFT JOIN pages p ON p.id = a.id "
                                   f"WHERE a.id > ?{where} ORDER BY a.id LIMIT ?", [last, *args, batch]).fetchall()
            for _, data, also_at in rows:
                record = json.loads(data)  # `sources` as report.json has it: the first path, then the others
                yield {**record, "sources": [record.get("source"), *json.loads(also_at or "[]")]}
            if len(rows) < batch:
                return
            last = rows[-1][0]

    def article_record_count(self, since: str | None = None, until: str | None = None,
                             outlet: str | None = None) -> int:
        """How many articles `article_records` yields with these filters (for a progress bar)."""
        where, args = _article_filters(since, until, outlet)
        return int(self.db.execute(f"SELECT COUNT(*) FROM articles a WHERE 1{where}", args).fetchone()[0])

    def event_records(self, batch: int = 500) -> Iterator[dict]:
        """Stored events in id order, read in batches (as `article_records`)."""
        last = ""
        while True:
            rows = self.db.execute("SELECT id, data FROM events WHERE id > ? ORDER BY id LIMIT ?",
                                   (last, batch)).fetchall()
            for _, data in rows:
                yield json.loads(data)
            if len(rows) < batch:
                return
            last = rows[-1][0]

    def articles_of_event(self, event_id: str) -> list[Article]:
        """The stored articles of one event, in page order."""
        rows = self.db.execute("SELECT a.data FROM articles a JOIN pages p ON p.id = a.id WHERE a.event = ? "
                               "ORDER BY p.seq", (event_id,))
        return [article_from_report(json.loads(data)) for (data,) in rows]

    def articles_by_id(self, ids: Iterable[str]) -> list[Article]:
        """The stored articles with these ids (those that exist), in page order."""
        wanted = list(dict.fromkeys(ids))
        found: list[tuple[int, Article]] = []
        for start in range(0, len(wanted), 500):  # SQLite limits the parameters of one statement
            chunk = wanted[start:start + 500]
            rows = self.db.execute(f"SELECT p.seq, a.data FROM articles a JOIN pages p ON p.id = a.id "
                                   f"WHERE a.id IN ({','.join('?' * len(chunk))})", chunk)
            found += [(int(seq), article_from_report(json.loads(data))) for seq, data in rows]
        found.sort(key=lambda x: x[0])
        return [art for _, art in found]

    def articles_without_event(self) -> list[Article]:
        """Stored articles the corpus stages have not linked yet (new, or re-cleaned since), in page order."""
        rows = self.db.execute("SELECT a.data FROM articles a JOIN pages p ON p.id = a.id "
                               "WHERE a.event IS NULL ORDER BY p.seq")
        return [article_from_report(json.loads(data)) for (data,) in rows]

    # ---------- corpus state and events ----------

    def get_state(self, name: str) -> bytes | None:
        """A corpus state's bytes, read through SQLite's incremental blob I/O: a SELECT of a blob tens of megabytes
        long assembles it in SQLite's memory and copies it into Python's, two copies at once (issue 16)."""
        row = self.db.execute("SELECT rowid, length(data) FROM corpus_state WHERE name = ?", (name,)).fetchone()
        if row is None:
            return None
        with self.db.blobopen("corpus_state", "data", row[0], readonly=True) as blob:
            return blob.read(row[1])

    def _put_state(self, name: str, data: bytes) -> None:
        """Write a corpus state in chunks of STATE_CHUNK bytes (an INSERT of it whole binds a copy and builds the
        record as another); inside the caller's transaction."""
        cur = self.db.execute("INSERT OR REPLACE INTO corpus_state (name, data) VALUES (?, zeroblob(?))",
                              (name, len(data)))
        rowid = cur.lastrowid
        assert rowid is not None  # an INSERT's
        view = memoryview(data)
        with self.db.blobopen("corpus_state", "data", rowid) as blob:
            for at in range(0, len(data), STATE_CHUNK):
                blob.write(view[at:at + STATE_CHUNK])

    def save_corpus(self, articles: Iterable[Article], events: Iterable[dict], states: dict[str, bytes],
                    merges: Iterable[tuple[str, str]] = (), dropped: Iterable[str] = (),
                    cold: ColdEvents | None = None, dedup: DuplicateIndex | None = None) -> None:
        """Articles' new corpus links, the events they changed, the merges of events (merged away, merged into:
        stored articles move along), the events updates emptied (`dropped`) and the indexes' state, in ONE
        transaction: a run killed before it commits leaves the previous consistent state, and the next run redoes
        the work (replaced versions are taken out of the indexes once: their marks are cleared here too). `cold`:
        the event index's cold tier, and `dedup` the duplicate index, whose pending rows are written in the same
        transaction."""
        with self.db:
            if cold is not None:
                cold.flush()
            if dedup is not None:
                dedup.flush()
            self.db.execute("UPDATE pages SET replaced = NULL WHERE replaced IS NOT NULL")
            events, articles = list(events), list(articles)
            # The analyses this run makes stale (`analysis/stage.py`): events of the articles linked now (new or
            # updated text, new copy links), events whose record changed, merged and emptied ones. An event only
            # replayed in order (an archive's late article) keeps its analysis.
            stale = {a.event for a in articles if a.event} | set(dropped) | {g for g, _ in merges}
            for e in events:
                row = self.db.execute("SELECT data FROM events WHERE id = ?", (e["id"],)).fetchone()
                if row is None or json.loads(row[0]) != e:
                    stale.add(e["id"])
            self.db.executemany("DELETE FROM event_analysis WHERE id = ?", [(x,) for x in sorted(stale)])
            for gone in dropped:
                self.db.execute("DELETE FROM events WHERE id = ?", (gone,))
            for gone, keep in merges:
                self.db.execute("UPDATE articles SET event = ?, data = json_set(data, '$.event', ?) WHERE event = ?",
                                (keep, keep, gone))
                self.db.execute("DELETE FROM events WHERE id = ?", (gone,))
            self.db.executemany("UPDATE articles SET data = ?, event = ? WHERE id = ?",
                                [(json.dumps(a.to_report(), ensure_ascii=False), a.event, a.id) for a in articles])
            self.db.executemany("INSERT OR REPLACE INTO events (id, data) VALUES (?, ?)",
                                [(e["id"], json.dumps(e, ensure_ascii=False)) for e in events])
            for name, data in states.items():
                self._put_state(name, data)

    def stale_analyses(self, version: str) -> list[str]:
        """Events without a current analysis: none stored, stored by another analysis version, or stored for
        another set of articles. In the order they opened."""
        rows = self.db.execute(
            "SELECT e.id FROM events e LEFT JOIN event_analysis x ON x.id = e.id "
            "WHERE x.id IS NULL OR x.version != ? OR x.articles != json_extract(e.data, '$.articles') "
            "ORDER BY CAST(substr(e.id, 2) AS INTEGER)", (version,))
        return [r[0] for r in rows]

    def event_record(self, event_id: str) -> dict | None:
        row = self.db.execute("SELECT data FROM events WHERE id = ?", (event_id,)).fetchone()
        return json.loads(row[0]) if row else None

    def put_analyses(self, analyses: Iterable[tuple[dict, str, dict]]) -> None:
        """Store (event record, analysis version, analysis) triples, in one transaction."""
        with self.db:
            self.db.executemany(
                "INSERT OR REPLACE INTO event_analysis (id, version, articles, data) VALUES (?, ?, ?, ?)",
                [(e["id"], version, json.dumps(e["articles"], separators=(",", ":"), ensure_ascii=False),
                  json.dumps(a, ensure_ascii=False)) for e, version, a in analyses])

    def analyses(self) -> dict[str, dict]:
        """Stored analyses by event id (only for events that still exist)."""
        rows = self.db.execute("SELECT x.id, x.data FROM event_analysis x JOIN events e ON e.id = x.id")
        return {i: json.loads(d) for i, d in rows}

    def analysis_entry(self, event_id: str) -> tuple[str, list[str], dict] | None:
        """(analysis version, the article ids it read, the analysis) stored for one event, or None: what a reader
        needs to tell a current analysis from a stale one (`stale_analyses` does it for every event)."""
        row = self.db.execute("SELECT version, articles, data FROM event_analysis WHERE id = ?",
                              (event_id,)).fetchone()
        return (str(row[0]), json.loads(row[1]), json.loads(row[2])) if row else None

    def analysis(self, event_id: str) -> dict | None:
        """The stored analysis of one event (None when it has none yet)."""
        row = self.db.execute("SELECT data FROM event_analysis WHERE id = ?", (event_id,)).fetchone()
        return json.loads(row[0]) if row else None

    def reset_events(self) -> int:
        """Forget every event (the event model changed): all articles become unlinked; returns how many were linked.
        Duplicate links stay: the duplicate index still holds every article it has seen."""
        with self.db:
            n = self.db.execute("UPDATE articles SET event = NULL WHERE event IS NOT NULL").rowcount
            if n:
                self.db.execute("DELETE FROM events")
                self.db.execute("DELETE FROM event_analysis")
                self.db.execute("DELETE FROM corpus_state WHERE name LIKE 'events%'")
            self.db.execute("DELETE FROM cold_events")
            self.db.execute("DELETE FROM cold_keys")
        return n

    def duplicate_index(self, blob: bytes | None) -> DuplicateIndex:
        """The duplicate index over this store's rows (`corpus.dedup`), with `blob` its stored state (`DuplicateIndex.
        state`; a store written before the index was rows keeps it all there: it becomes rows at the next save)."""
        if blob:
            return DuplicateIndex.from_state(blob, self.db, create=False)
        return DuplicateIndex(self.db, create=False)

    def cold_events(self) -> ColdEvents:
        """The event index's cold tier, in this store (`corpus.cold`)."""
        return ColdEvents(self.db, create=False)

    def event_count(self) -> int:
        return int(self.db.execute("SELECT COUNT(*) FROM events").fetchone()[0])

    def recent_events(self, limit: int, by_size: bool = False, min_size: int = 1) -> list[dict]:
        """Up to `limit` event records (0: all) of at least `min_size` articles, most recent first (`report.
        event_recency`: its day, else its last article's time, then later ids first), or largest first (then most
        recent): one index range, whatever the store's size."""
        # Walk the index of the order asked, filtering as it goes, and stop at `limit` (the planner, left to choose
        # for a size filter, sorted every match in a temporary tree).
        order, index = ("size DESC, recency DESC, num DESC", "events_largest") if by_size else \
            ("recency DESC, num DESC", "events_recent")
        sql = f"SELECT data FROM events INDEXED BY {index} WHERE size >= ? ORDER BY {order}"
        args: list[object] = [min_size]
        if limit > 0:
            sql += " LIMIT ?"
            args.append(limit)
        return [json.loads(data) for (data,) in self.db.execute(sql, args)]

    def event_ids(self) -> list[str]:
        return [r[0] for r in self.db.execute("SELECT id FROM events")]

    def optimize(self) -> None:
        """After a large ingest: merge the full-text index's segments (FTS5 `optimize`), refresh the query
        planner's statistics (`ANALYZE`, `PRAGMA optimize`), and checkpoint the write-ahead log."""
        with self.db:
            self.db.execute("INSERT INTO articles_fts(articles_fts) VALUES ('optimize')")
        self.db.execute("ANALYZE")
        self.db.execute("PRAGMA optimize")
        self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def events(self) -> list[dict]:
        """Stored events, in the order they opened."""
        rows = self.db.execute("SELECT data FROM events ORDER BY CAST(substr(id, 2) AS INTEGER)")
        return [json.loads(data) for (data,) in rows]

    def search_count(self, query: str) -> int:
        """How many articles match an FTS5 query (what `search` with no limit and no filter would return)."""
        return int(self.db.execute("SELECT COUNT(*) FROM articles_fts WHERE articles_fts MATCH ?", (query,)
                                   ).fetchone()[0])

    def events_by_language(self) -> dict[str, set[str]]:
        """Every article language (a code as articles store it) with the events that have an article in it."""
        out: dict[str, set[str]] = {}
        rows = self.db.execute("SELECT DISTINCT event, json_extract(data, '$.language') FROM articles "
                               "WHERE event IS NOT NULL")
        for event, language in rows:
            if isinstance(language, str):
                out.setdefault(language, set()).add(event)
        return out

    def articles_digest(self, ids: Iterable[str]) -> str:
        """A digest of the stored articles with these ids (ids and stored records, in page order): it changes when
        any of them changes (new text, new links), as an analysis of them would."""
        import hashlib

        wanted = list(dict.fromkeys(ids))
        rows: list[tuple[int, str, str]] = []
        for start in range(0, len(wanted), 500):  # SQLite limits the parameters of one statement
            chunk = wanted[start:start + 500]
            rows += self.db.execute(f"SELECT p.seq, a.id, a.data FROM articles a JOIN pages p ON p.id = a.id "
                                    f"WHERE a.id IN ({','.join('?' * len(chunk))})", chunk).fetchall()
        digest = hashlib.sha1()
        for _, aid, data in sorted(rows):
            digest.update(f"{len(aid)}:{aid}{len(data)}:".encode("utf-8", "surrogatepass"))
            digest.update(data.encode("utf-8", "surrogatepass"))
        return digest.hexdigest()

    def article_briefs(self, ids: Iterable[str]) -> list[dict]:
        """The id, title, outlet, published, url, language and duplicate_of of the stored articles with these ids
        (those that exist), in page order: what a list of articles shows, without rebuilding whole Articles."""
        wanted = list(dict.fromkeys(ids))
        fields = ("title", "outlet", "published", "url", "language", "duplicate_of")
        found: list[tuple[int, dict]] = []
        for start in range(0, len(wanted), 500):  # SQLite limits the parameters of one statement
            chunk = wanted[start:start + 500]
            cols = ", ".join(f"json_extract(a.data, '$.{f}')" for f in fields)
            rows = self.db.execute(f"SELECT p.seq, a.id, {cols} FROM articles a JOIN pages p ON p.id = a.id "
                                   f"WHERE a.id IN ({','.join('?' * len(chunk))})", chunk)
            found += [(int(r[0]), {"id": r[1], **dict(zip(fields, r[2:], strict=True))}) for r in rows]
        found.sort(key=lambda x: x[0])
        return [brief for _, brief in found]

    def event_ids_of_language(self, language: str) -> set[str]:
        """The events with at least one article in this language (a code as articles store it: "id", "en")."""
        rows = self.db.execute("SELECT DISTINCT event FROM articles WHERE event IS NOT NULL "
                               "AND json_extract(data, '$.language') = ?", (language,))
        return {r[0] for r in rows}

    def search_briefs(self, query: str, limit: int, offset: int = 0) -> list[tuple[dict, str]]:
        """(brief, snippet) of one page of the articles matching an FTS5 query, best first: the brief is what
        `article_briefs` gives, with the article's event; the snippet as `search` makes it. What a page of search
        results shows, without rebuilding whole Articles."""
        fields = ("title", "outlet", "published", "url", "language", "duplicate_of")
        cols = ", ".join(f"json_extract(a.data, '$.{f}')" for f in fields)
        sql = (f"SELECT a.id, a.event, snippet(articles_fts, 2, ?, ?, '…', 16), "
               f"snippet(articles_fts, 1, ?, ?, '…', 16), {cols} FROM articles_fts JOIN articles a "
               f"ON a.id = articles_fts.id WHERE articles_fts MATCH ? ORDER BY rank LIMIT ? OFFSET ?")
        out = []
        for row in self.db.execute(sql, (HIT_START, HIT_END, HIT_START, HIT_END, query, limit, offset)):
            text_snip, title_snip = row[2], row[3]
            snip = text_snip if HIT_START in text_snip else title_snip if HIT_START in title_snip else text_snip
            out.append(({"id": row[0], **dict(zip(fields, row[4:], strict=True)), "event": row[1]}, snip))
        return out

    def search(self, query: str, limit: int = 20, since: str | None = None, until: str | None = None,
               outlet: str | None = None) -> list[tuple[Article, str]]:
        """(article, snippet) of the articles matching an FTS5 query, best first; `limit` 0 means all.

        The snippet is up to 16 words of the text (or the title) around the matches, each match between
        HIT_START and HIT_END. `since`/`until` bound the publication day (inclusive); `outlet` matches the outlet
        name or domain, case-insensitively."""
        sql = ("SELECT a.data, snippet(articles_fts, 2, ?, ?, '…', 16), snippet(articles_fts, 1, ?, ?, '…', 16) "
               "FROM articles_fts JOIN articles a ON a.id = articles_fts.id WHERE articles_fts MATCH ?")
        where, filter_args = _article_filters(since, until, outlet)
        sql += where + " ORDER BY rank"
        args: list[object] = [HIT_START, HIT_END, HIT_START, HIT_END, query, *filter_args]
        if limit > 0:
            sql += " LIMIT ?"
            args.append(limit)
        out = []
        for data, text_snip, title_snip in self.db.execute(sql, args):
            snip = text_snip if HIT_START in text_snip else title_snip if HIT_START in title_snip else text_snip
            out.append((article_from_report(json.loads(data)), snip))
        return out


def _article_filters(since: str | None, until: str | None, outlet: str | None) -> tuple[str, list[object]]:
    """SQL conditions (each starting with AND) on `articles a` and their arguments: the publication day within
    [since, until] (inclusive, YYYY-MM-DD), the outlet containing `outlet` (case-insensitive). `kliping_fold` is
    registered on every connection the store opens."""
    sql, args = "", list[object]()
    if since:
        sql += " AND substr(json_extract(a.data, '$.published'), 1, 10) >= ?"
        args.append(since)
    if until:
        sql += " AND substr(json_extract(a.data, '$.published'), 1, 10) <= ?"
        args.append(until)
    if outlet:
        # casefold, a Python function: SQLite's lower() folds ASCII only ("Ū" would not match "ū").
        sql += " AND kliping_fold(json_extract(a.data, '$.outlet')) LIKE ? ESCAPE '\\'"
        args.append("%" + outlet.casefold().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%")
    return sql, args


def _fold(value: str | None) -> str | None:
    return value.casefold() if isinstance(value, str) else value


def _vector_row(art: Article) -> tuple[bytes | None, str | None]:
    if art.vector is None or not art.vector_model:
        return None, None
    return art.vector.astype("<f4").tobytes(), art.vector_model


def article_from_report(d: dict) -> Article:
    """Rebuild an Article from its report form (what the store keeps)."""
    d = dict(d)
    d["removed"] = [Removed(**r) for r in d.get("removed", [])]
    d["bylines"] = [Byline(**b) for b in d.get("bylines", [])]
    d["entities"] = [Entity(**e) for e in d.get("entities", [])]
    d["dates"] = [DateMention(**x) for x in d.get("dates", [])]
    d["quotes"] = [Quote(**q) for q in d.get("quotes", [])]
    d["flags"] = [Flag(**f) for f in d.get("flags", [])]
    if isinstance(d.get("copy_of"), dict):
        d["copy_of"] = CopyLink(**d["copy_of"])
    known = set(Article.__dataclass_fields__)
    return Article(**{k: v for k, v in d.items() if k in known})

