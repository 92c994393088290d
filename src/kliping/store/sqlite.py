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

from kliping.model import Article, Byline, CopyLink, DateMention, Entity, Quote, RawPage, Removed

SCHEMA_VERSION = 2

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
}


class Store:
    """One SQLite file. Use as a context manager, or call `close()`."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(str(self.path))
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self._migrate()

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

    def add_pages(self, pages: Iterable[tuple[RawPage, str]]) -> int:
        """Insert (page, outlet key) pairs not stored yet; return how many were new. Commits once."""
        seq = self.db.execute("SELECT COALESCE(MAX(seq), 0) FROM pages").fetchone()[0]
        new = 0
        for page, key in pages:
            seq += 1
            hints = {k: v for k, v in (("title", page.title), ("published", page.published),
                                        ("outlet", page.outlet), ("clean", page.clean or None)) if v}
            cur = self.db.execute(
                "INSERT OR IGNORE INTO pages (id, source, kind, content, url, hints, outlet_key, seq) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (page.id, page.source, page.kind, page.content, page.url, json.dumps(hints, ensure_ascii=False),
                 key, seq))
            new += cur.rowcount
        self.db.commit()
        return new

    def page_count(self) -> int:
        return int(self.db.execute("SELECT COUNT(*) FROM pages").fetchone()[0])

    def pages(self, outlet_keys: Iterable[str] | None = None) -> Iterator[Article]:
        """Stored pages as fresh (uncleaned) Articles, in the order they were first added."""
        sql = "SELECT id, source, kind, content, url, hints FROM pages"
        args: tuple[str, ...] = ()
        if outlet_keys is not None:
            keys = tuple(outlet_keys)
            sql += f" WHERE outlet_key IN ({','.join('?' * len(keys))})"
            args = keys
        for pid, source, kind, content, url, hints in self.db.execute(sql + " ORDER BY seq", args):
            yield Article(id=pid, source=source, raw=content, kind=kind, url=url, hints=json.loads(hints))

    def template_sigs(self) -> dict[str, str]:
        return dict(self.db.execute("SELECT id, template_sig FROM articles"))

    # ---------- articles ----------

    def put_articles(self, articles: Iterable[tuple[Article, str]]) -> None:
        """Store cleaned (article, template signature) pairs, replacing earlier versions. Commits once."""
        for art, sig in articles:
            data = json.dumps(art.to_report(), ensure_ascii=False)
            self.db.execute("INSERT OR REPLACE INTO articles (id, data, template_sig, event) VALUES (?, ?, ?, ?)",
                            (art.id, data, sig, art.event))
            self.db.execute("DELETE FROM articles_fts WHERE id = ?", (art.id,))
            self.db.execute("INSERT INTO articles_fts (id, title, text) VALUES (?, ?, ?)",
                            (art.id, art.title or "", art.text))
        self.db.commit()

    def articles(self) -> Iterator[Article]:
        """Stored articles in page order."""
        rows = self.db.execute("SELECT a.data FROM articles a JOIN pages p ON p.id = a.id ORDER BY p.seq")
        for (data,) in rows:
            yield article_from_report(json.loads(data))

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
        row = self.db.execute("SELECT data FROM corpus_state WHERE name = ?", (name,)).fetchone()
        return bytes(row[0]) if row else None

    def save_corpus(self, articles: Iterable[Article], events: Iterable[dict], states: dict[str, bytes],
                    merges: Iterable[tuple[str, str]] = ()) -> None:
        """Articles' new corpus links, the events they changed, the merges of events (merged away, merged into:
        stored articles move along) and the indexes' state, in ONE transaction: a run killed before it commits
        leaves the previous consistent state, and the next run redoes the work."""
        with self.db:
            for gone, keep in merges:
                self.db.execute("UPDATE articles SET event = ?, data = json_set(data, '$.event', ?) WHERE event = ?",
                                (keep, keep, gone))
                self.db.execute("DELETE FROM events WHERE id = ?", (gone,))
            self.db.executemany("UPDATE articles SET data = ?, event = ? WHERE id = ?",
                                [(json.dumps(a.to_report(), ensure_ascii=False), a.event, a.id) for a in articles])
            self.db.executemany("INSERT OR REPLACE INTO events (id, data) VALUES (?, ?)",
                                [(e["id"], json.dumps(e, ensure_ascii=False)) for e in events])
            self.db.executemany("INSERT OR REPLACE INTO corpus_state (name, data) VALUES (?, ?)",
                                list(states.items()))

    def reset_events(self) -> int:
        """Forget every event (the event model changed): all articles become unlinked; returns how many were linked.
        Duplicate links stay: the duplicate index still holds every article it has seen."""
        with self.db:
            n = self.db.execute("UPDATE articles SET event = NULL WHERE event IS NOT NULL").rowcount
            if n:
                self.db.execute("DELETE FROM events")
                self.db.execute("DELETE FROM corpus_state WHERE name LIKE 'events%'")
        return n

    def event_count(self) -> int:
        return int(self.db.execute("SELECT COUNT(*) FROM events").fetchone()[0])

    def events(self) -> list[dict]:
        """Stored events, in the order they opened."""
        rows = self.db.execute("SELECT data FROM events ORDER BY CAST(substr(id, 2) AS INTEGER)")
        return [json.loads(data) for (data,) in rows]

    def search(self, query: str, limit: int = 20) -> list[tuple[str, str]]:
        """(id, title) of the articles matching an FTS5 query, best first."""
        rows = self.db.execute("SELECT id, title FROM articles_fts WHERE articles_fts MATCH ? ORDER BY rank LIMIT ?",
                               (query, limit))
        return [(r[0], r[1]) for r in rows]


def article_from_report(d: dict) -> Article:
    """Rebuild an Article from its report form (what the store keeps)."""
    d = dict(d)
    d["removed"] = [Removed(**r) for r in d.get("removed", [])]
    d["bylines"] = [Byline(**b) for b in d.get("bylines", [])]
    d["entities"] = [Entity(**e) for e in d.get("entities", [])]
    d["dates"] = [DateMention(**x) for x in d.get("dates", [])]
    d["quotes"] = [Quote(**q) for q in d.get("quotes", [])]
    if isinstance(d.get("copy_of"), dict):
        d["copy_of"] = CopyLink(**d["copy_of"])
    known = set(Article.__dataclass_fields__)
    return Article(**{k: v for k, v in d.items() if k in known})

