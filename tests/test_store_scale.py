"""The store at scale (issue 16): the event list read through an index in the order `kliping events` always gave,
a store written by the schema before upgraded in place, and the tidying after a large ingest."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from kliping.model import Article, RawPage
from kliping.report import event_recency
from kliping.store import Store
from kliping.store.sqlite import _MIGRATIONS


def _fill(store: Store) -> None:
    arts = [Article(id=f"a{i}", source="t", title=f"Judul {i}", text=f"Banjir di kota nomor {i} merendam rumah.",
                    published=f"2025-03-{1 + i % 9:02d}T08:00:00+07:00", event=f"E{i % 7 + 1}") for i in range(30)]
    store.add_pages([(RawPage(id=a.id, source="t", content=a.text), "k") for a in arts])
    store.put_articles([(a, "") for a in arts])
    records = []
    for e in range(1, 8):
        members = [a for a in arts if a.event == f"E{e}"]
        records.append({"id": f"E{e}", "title": members[0].title,
                        "date": None if e == 3 else members[0].published[:10], "articles": [a.id for a in members],
                        "last_seen": max(a.published or "" for a in members), "merged_from": []})
    records[5]["articles"] = records[5]["articles"][:1]  # sizes differ
    store.save_corpus(arts, records, {})


def test_recent_events_list_in_the_order_of_event_recency(tmp_path: Path) -> None:
    with Store(tmp_path / "k.db") as store:
        _fill(store)
        everything = store.events()
        by_recency = sorted(everything, key=event_recency, reverse=True)
        assert store.recent_events(0) == by_recency
        assert store.recent_events(3) == by_recency[:3]
        by_size = sorted(by_recency, key=lambda e: len(e["articles"]), reverse=True)
        assert store.recent_events(0, by_size=True) == by_size
        assert store.recent_events(0, min_size=2) == [e for e in by_recency if len(e["articles"]) >= 2]
        # through the index, not a scan of every record
        plan = " ".join(str(r) for r in store.db.execute(
            "EXPLAIN QUERY PLAN SELECT data FROM events INDEXED BY events_recent WHERE size >= 2 "
            "ORDER BY recency DESC, num DESC LIMIT 5"))
        assert "events_recent" in plan and "TEMP B-TREE" not in plan


def test_a_store_of_the_schema_before_is_upgraded_in_place(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    db = sqlite3.connect(path)
    for version in sorted(v for v in _MIGRATIONS if v <= 6):
        db.executescript(_MIGRATIONS[version])
    db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)")
    db.execute("INSERT INTO meta VALUES ('schema_version', '6')")
    db.execute("INSERT INTO events (id, data) VALUES ('E1', '{\"id\": \"E1\", \"date\": \"2025-01-02\", "
               "\"articles\": [\"x\", \"y\"]}')")
    db.commit()
    db.close()
    with Store(path) as store:
        assert [e["id"] for e in store.recent_events(5, by_size=True, min_size=2)] == ["E1"]
        assert len(store.cold_events()) == 0


def test_optimize_keeps_search_working(tmp_path: Path) -> None:
    with Store(tmp_path / "k.db") as store:
        _fill(store)
        before = [a.id for a, _ in store.search("banjir", 0)]
        store.optimize()
        assert [a.id for a, _ in store.search("banjir", 0)] == before and len(before) == 30


def test_full_text_rows_follow_their_articles_through_updates_and_drops(tmp_path: Path) -> None:
    with Store(tmp_path / "k.db") as store:
        _fill(store)
        art = Article(id="a3", source="t", title="Judul baru", text="Gempa mengguncang kota pada pagi hari.")
        store.put_articles([(art, "")])
        assert [a.id for a, _ in store.search("gempa", 0)] == ["a3"]
        assert "a3" not in [a.id for a, _ in store.search("banjir", 0)] and len(store.search("banjir", 0)) == 29
        store.drop_pages(["a5"])
        assert "a5" not in [a.id for a, _ in store.search("banjir", 0)]
        fts, arts = (store.db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in ("articles_fts", "articles"))
        assert fts == arts == 29
        # each full-text row has its article's rowid: found without a scan
        assert store.db.execute("SELECT COUNT(*) FROM articles a JOIN articles_fts f ON f.rowid = a.rowid "
                                "WHERE f.id = a.id").fetchone()[0] == 29


def test_a_store_of_schema_8_gets_its_full_text_rows_renumbered(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    with Store(path) as store:
        _fill(store)
    db = sqlite3.connect(path)  # as schema 8 left it: full-text rows numbered on their own
    db.execute("DROP TABLE articles_fts")
    db.execute("CREATE VIRTUAL TABLE articles_fts USING fts5(id UNINDEXED, title, text)")
    db.execute("INSERT INTO articles_fts (rowid, id, title, text) SELECT rowid + 1000, id, "
               "json_extract(data, '$.title'), json_extract(data, '$.text') FROM articles")
    db.execute("UPDATE meta SET value = '8' WHERE key = 'schema_version'")
    db.commit()
    db.close()
    with Store(path) as store:
        assert len(store.search("banjir", 0)) == 30
        assert store.db.execute("SELECT COUNT(*) FROM articles a JOIN articles_fts f ON f.rowid = a.rowid "
                                "WHERE f.id = a.id").fetchone()[0] == 30
